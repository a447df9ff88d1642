"""Messenger and Instagram message threads ("Download your information", JSON).

Layouts read (any root folder, a zip or the folder itself):

* ``messages/inbox/<slug>_<id>/message_1.json`` (until 2023), under
  ``your_activity_across_facebook/`` (2024) or ``your_facebook_activity/`` (2025+)
  for Messenger, ``your_instagram_activity/`` for Instagram; sections ``inbox``,
  ``archived_threads``, ``filtered_threads``, ``message_requests``, ``e2ee_cutover``;
* long threads split in ``message_1.json``, ``message_2.json``, ... (every part read);
* Messenger's end-to-end-encrypted download (2024+): flat ``<Name>_<n>.json`` with
  ``participants`` as strings, ``threadName`` and ``messages[{senderName, timestamp}]``.

Names are repaired from Meta's mojibake (UTF-8 read as Latin-1) only when the
repair is valid UTF-8, so correct names are never damaged. Message contents,
shares, media, reactions and links are dropped while each file is parsed.
``timestamp_ms`` / ``timestamp`` are read as UTC instants (whether Instagram's
are UTC is an open question of the research; Meta's other tools treat them so).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from typing import Any

import pandas as pd

from ._base import ReadContext
from ._input import Input
from ._peek import head_text
from ._people import me_option, need_me, need_person, norm_name, person_option
from ._platform import as_list, epoch, event_frame, fix_mojibake, load_json, safe_raw, stable_id

__all__ = ["instagram_marked", "read_threads", "thread_files"]

_PART = re.compile(r"(?:^|/)message_(\d+)\.json$", re.IGNORECASE)
_DROP = frozenset(
    {
        "content",
        "text",
        "share",
        "photos",
        "videos",
        "audio_files",
        "files",
        "gifs",
        "sticker",
        "reactions",
        "media",
        "link",
        "share_text",
        "uri",
        "image",
        "magic_words",
        "users",
    }
)


def _is_e2ee(head: str) -> bool:
    return '"threadName"' in head or ('"senderName"' in head and '"participants"' in head)


def _is_classic(head: str) -> bool:
    return '"participants"' in head and '"sender_name"' in head


def thread_files(inp: Input) -> dict[str, list[str]]:
    """Thread key -> its JSON files (``message_N`` parts in number order)."""
    out: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for n in inp.names():
        low = n.lower()
        if not low.endswith(".json"):
            continue
        m = _PART.search(n)
        if inp.kind == "file":
            head = head_text(inp, n, 4096)
            if _is_classic(head) or _is_e2ee(head):
                out[n].append((1, n))
        elif m:
            if _is_classic(head_text(inp, n, 4096)):
                out[n.rsplit("/", 1)[0] if "/" in n else n].append((int(m.group(1)), n))
        elif "messages" in low.split("/")[:-1] and _is_e2ee(head_text(inp, n, 4096)):
            out[n].append((1, n))
    return {k: [n for _, n in sorted(v)] for k, v in sorted(out.items())}


def instagram_marked(inp: Input, files: dict[str, list[str]]) -> bool:
    """True when the threads come from an Instagram download."""
    if any("your_instagram_activity" in n or "instagram" in n.lower() for n in files):
        return True
    if inp.kind != "file" and "instagram" in inp.path.name.lower():
        return True
    first = next((v[0] for v in files.values()), None)
    return first is not None and '"is_geoblocked_for_viewer"' in head_text(inp, first, 8192)


def _owner_names(inp: Input) -> set[str]:
    """Instagram's own account names, from ``personal_information.json`` (any language)."""
    out: set[str] = set()
    for n in inp.names():
        if n.rsplit("/", 1)[-1] != "personal_information.json":
            continue
        try:
            obj = load_json(inp, n, _Quiet(), what="details")
        except Exception:  # the owner is a hint; a damaged file just gives none
            continue
        users = obj.get("profile_user") if isinstance(obj, dict) else None
        for u in as_list(users):
            smd = u.get("string_map_data") if isinstance(u, dict) else None
            for v in (smd or {}).values():
                if isinstance(v, dict) and isinstance(v.get("value"), str):
                    out.add(norm_name(fix_mojibake(v["value"])))
    return out


class _Quiet:
    """A context that swallows notes and problems (for the optional owner file)."""

    def note(self, message: str) -> None:
        pass

    def found(self, n: int = 1) -> None:
        pass

    def problem(self, *args: Any) -> None:
        pass


def _thread(inp: Input, files: list[str], ctx: ReadContext) -> dict[str, Any] | None:
    """One thread's participants, title and messages (sender, time, call, unsent) only."""
    parts: list[str] = []
    title = ""
    msgs: list[tuple[str, Any, bool, bool, str]] = []
    for name in files:
        obj = load_json(inp, name, ctx, drop=_DROP, what="messages")
        if obj is None:
            continue
        if not isinstance(obj, dict) or not isinstance(obj.get("messages"), list):
            ctx.found()
            ctx.problem(
                inp.where(name),
                "no 'messages' list; this file was skipped. Suggestion: download your "
                "information again in JSON format.",
                "",
            )
            continue
        for p in as_list(obj.get("participants")):
            nm = p.get("name") if isinstance(p, dict) else p
            if isinstance(nm, str) and fix_mojibake(nm) not in parts:
                parts.append(fix_mojibake(nm))
        t = obj.get("title") or obj.get("threadName")
        title = title or (fix_mojibake(t) if isinstance(t, str) else "")
        for i, m in enumerate(obj["messages"], 1):
            if not isinstance(m, dict):
                continue
            sender = m.get("sender_name", m.get("senderName"))
            ts = m.get("timestamp_ms", m.get("timestamp"))
            call = m.get("type") == "Call" or "call_duration" in m
            unsent = bool(m.get("is_unsent") or m.get("isUnsent"))
            loc = f"{inp.where(name)} message {i}"
            msgs.append(
                (fix_mojibake(sender) if isinstance(sender, str) else "", ts, call, unsent, loc)
            )
    if not parts and not msgs:
        return None
    return {"participants": parts, "title": title, "messages": msgs}


def read_threads(
    inp: Input, ctx: ReadContext, platform: str, also: Counter[str] | None = None
) -> pd.DataFrame:
    """The user's messages and calls to ``person`` in every thread of ``inp``.

    ``also`` adds other counterparts (searched profiles) to the error raised
    without ``person=``.
    """
    person = person_option(ctx)
    me = me_option(ctx)
    files = thread_files(inp)
    threads = {k: t for k, v in files.items() if (t := _thread(inp, v, ctx)) is not None}
    where = inp.display
    if person is None:
        found: Counter[str] = Counter()
        for t in threads.values():
            found[t["title"] or ", ".join(t["participants"])] += len(t["messages"])
        unit = "messages"
        if also:
            found, unit = Counter({f"{k} (messages)": n for k, n in found.items()}), "items"
            found.update({f"{k} (searched)": n for k, n in also.items()})
        raise need_person(where, platform, found, unit)
    if not threads:
        return event_frame([], "instant")
    owners = set(me.names | me.handles) if me is not None else _owner_names(inp)
    if not owners and len(threads) > 1:
        common = set.intersection(
            *({norm_name(p) for p in t["participants"]} for t in threads.values())
        )
        owners = common if len(common) == 1 else set()
    rows: list[dict[str, Any]] = []
    hit = False
    shown: dict[str, str] = {}
    chosen = []
    for key, t in threads.items():
        names = [*t["participants"], *(m[0] for m in t["messages"] if m[0])]
        for n in names:
            shown.setdefault(norm_name(n), n)
        people = {norm_name(n) for n in names}
        theirs = {p for p in people if person.matches(p)}
        if theirs or person.matches(t["title"]):
            chosen.append((key, t, people, theirs))
    if not owners:  # the one other name of a one-to-one thread with the person
        solo = [people - theirs for _, _, people, theirs in chosen if len(people - theirs) == 1]
        owners = set.union(*solo) if len({frozenset(s) for s in solo}) == 1 else set()
    for key, t, people, theirs in chosen:
        hit = True
        others = people - theirs
        if len(others) > 1 and not ctx.option("groups", False):
            ctx.note(
                f"{inp.where(key)}: a group thread; messages to a group are not counted as "
                f"reaching out to {person.shown}. Suggestion: pass groups=True to count them."
            )
            continue
        if owners:
            mine = others & owners
        elif len(others) == 1:
            mine = others
        else:
            found = Counter({shown[p]: 1 for p in sorted(others)})
            raise need_me(inp.where(key), platform, found, "threads")
        if not mine:
            ctx.note(f"{inp.where(key)}: none of the messages here are from you (me=...)")
        received = sum(1 for m in t["messages"] if norm_name(m[0]) in theirs)
        if received:
            ctx.note(
                f"{inp.where(key)}: {received} message(s) from {person.shown} (not urges; "
                "counted only, never read)"
            )
        seq: Counter[Any] = Counter()
        for sender, ts, call, unsent, loc in t["messages"]:
            if norm_name(sender) not in mine:
                continue
            ctx.found()
            when = epoch(ts, "ms")
            if when is None:
                ctx.problem(
                    loc,
                    "no usable timestamp_ms; this message was skipped. Suggestion: download "
                    "your information again in JSON format.",
                    safe_raw(
                        "timestamp", ts if isinstance(ts, int | float) else type(ts).__name__
                    ),
                )
                continue
            seq[when] += 1
            label = f"call on {platform}" if call else f"message sent on {platform}"
            rows.append(
                {
                    "urge_id": stable_id(
                        platform, norm_name(t["title"]), when.isoformat(), seq[when]
                    ),
                    "kind": "reach_out",
                    "label": label + (" (unsent later)" if unsent else ""),
                    "acted": True,
                    "hits": 1,
                    "origin": loc,
                    "instant": when,
                }
            )
    if not hit:
        ctx.note(
            f"{where}: none of its {len(threads)} threads is with {person.shown!r}; nothing "
            "loaded. Suggestion: read it without person= to see the threads' names"
        )
    return event_frame(rows, "instant")
