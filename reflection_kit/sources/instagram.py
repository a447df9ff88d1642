"""Instagram: messages and profile searches from "Download your information" (JSON).

In Instagram open *Settings → Accounts Centre → Your information and permissions →
Download your information*, choose *Messages* and *Logged information* (or all),
format **JSON**. Pass the zip, the unzipped folder, one ``message_1.json`` or the
searches file.

* Direct messages (``[your_instagram_activity/]messages/inbox/<user>_<id>/message_N.json``):
  every message the user sent in a one-to-one thread with ``person`` is a
  ``reach_out`` row "message sent on Instagram" (see :mod:`._meta`).
* Profile searches (``recent_searches/account_searches.json``, later
  ``logged_information/recent_searches/profile_searches.json``): every search of
  the person's profile is a ``check_social`` row "profile searched on Instagram".
  Both shapes are read by structure, whatever the account's language: in
  ``string_list_data`` the handle is ``value`` (or the ``title``, or the ``href``
  path); in the older ``string_map_data`` (keys are UI labels: ``Search``/``Time``,
  ``Suche``, ``Tijd``...) the entry holding a ``timestamp`` is the time and the
  other entry's ``value`` is the handle.

Searches are sessions: searches of one profile within 30 minutes of the previous
one are one check; ``hits`` keeps the raw count. Search times are epoch seconds,
message times epoch milliseconds: both UTC instants, shown on the clock of ``tz=``.
Instagram's "recent searches" keep a recent window only and can be cleared, so a
day without a search here is weak evidence.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import pandas as pd

from ._base import ReadContext, Source
from ._input import Input
from ._meta import instagram_marked, read_threads, thread_files
from ._peek import head_text
from ._people import OPTIONS, need_person, norm_name, person_option, profile_handle
from ._platform import (
    as_list,
    epoch,
    event_frame,
    load_json,
    safe_raw,
    sessions,
    set_policy,
    stable_id,
)

__all__ = ["SOURCES"]


def _search_files(inp: Input) -> list[str]:
    out = []
    for n in inp.names():
        base = n.rsplit("/", 1)[-1].lower()
        if not base.endswith(".json"):
            continue
        if (inp.kind == "file" or "search" in base) and '"searches_user"' in head_text(
            inp, n, 4096
        ):
            out.append(n)
    return out


def detect(inp: Input) -> str | None:
    """``None`` when ``inp`` holds Instagram messages or profile searches (JSON)."""
    if _search_files(inp):
        return None
    files = thread_files(inp)
    if files and instagram_marked(inp, files):
        return None
    return "no Instagram profile searches ('searches_user') or Instagram message threads"


def _entry(item: dict[str, Any]) -> tuple[str, Any]:
    """``(handle, epoch seconds)`` of one ``searches_user`` item, read by structure."""
    handle, ts = "", None
    for d in as_list(item.get("string_list_data")):
        if isinstance(d, dict):
            ts = d.get("timestamp", ts)
            value = d.get("value") or item.get("title")
            found = profile_handle(d.get("href"))
            handle = norm_name(value) if isinstance(value, str) and value else handle
            handle = handle or (found[1] if found else "")
    smd = item.get("string_map_data")
    if isinstance(smd, dict):
        for v in smd.values():
            if not isinstance(v, dict):
                continue
            if isinstance(v.get("timestamp"), int | float) and v.get("timestamp"):
                ts = v["timestamp"]
            elif isinstance(v.get("value"), str) and v["value"].strip():
                handle = handle or norm_name(v["value"])
            found = profile_handle(v.get("href"))
            handle = handle or (found[1] if found else "")
    if not handle and isinstance(item.get("title"), str):
        handle = norm_name(item["title"])
    return handle, ts


def _searches(inp: Input, ctx: ReadContext, names: list[str]) -> tuple[list, Counter[str]]:
    hits: list[tuple[str, pd.Timestamp, str]] = []
    found: Counter[str] = Counter()
    person = person_option(ctx)
    bad: list[tuple[str, Any]] = []
    for name in names:
        obj = load_json(inp, name, ctx, what="searches")
        if obj is None:
            continue
        items = obj.get("searches_user") if isinstance(obj, dict) else None
        for i, item in enumerate(as_list(items), 1):
            loc = f"{inp.where(name)} search {i}"
            handle, ts = _entry(item) if isinstance(item, dict) else ("", None)
            if handle:
                found[handle] += 1
            if person is None or not handle or not person.matches_handle(handle):
                if person is not None and not handle and isinstance(item, dict):
                    bad.append((loc, ts))
                continue
            when = epoch(ts, "s")
            if when is None:
                bad.append((loc, ts))
                continue
            hits.append((handle, when, loc))
    for loc, ts in bad:
        ctx.found()
        ctx.problem(
            loc,
            "this search has no handle or no usable timestamp, so it cannot be checked; it "
            "was skipped. Suggestion: download your information again in JSON format.",
            safe_raw("timestamp", ts if isinstance(ts, int | float) else type(ts).__name__),
        )
    return hits, found


def read(inp: Input, ctx: ReadContext) -> pd.DataFrame:
    """Read an Instagram download: messages to ``person`` and searches of their profile.

    Parameters
    ----------
    inp : Input
        The download (zip or folder), one ``message_1.json`` or the searches file.
    ctx : ReadContext
        With the ``person``, ``me`` and ``groups`` options.

    Returns
    -------
    pandas.DataFrame
        ``reach_out`` rows (messages) and ``check_social`` rows (search sessions,
        ``hits`` searches each), with ``instant`` (UTC).

    Raises
    ------
    PersonNeeded
        Without ``person=``: lists the threads and the searched handles.

    Examples
    --------
    >>> import reflection_kit as rk
    >>> rk.formats().set_index("name").loc["instagram", "kind"]
    'urges'
    """
    set_policy(ctx, instants="Instagram's timestamp_ms and search timestamps")
    search_names = _search_files(inp)
    hits, found = _searches(inp, ctx, search_names)
    files = thread_files(inp)
    if person_option(ctx) is None:
        if files:
            read_threads(inp, ctx, "Instagram", also=found)
        raise need_person(inp.display, "Instagram", found, "searches")
    frames = [read_threads(inp, ctx, "Instagram")] if files else []
    rows = []
    for handle, when, origin, n in sessions(hits):
        ctx.found()
        rows.append(
            {
                "urge_id": stable_id("instagram-search", handle, when.isoformat()),
                "kind": "check_social",
                "label": "profile searched on Instagram",
                "acted": True,
                "hits": n,
                "origin": origin,
                "instant": when,
            }
        )
    if hits:
        ctx.note(
            f"{len(hits)} search(es) of the profile, in {len(rows)} check(s) (30-minute rule)"
        )
    frames.append(event_frame(rows, "instant"))
    frames = [f for f in frames if len(f)] or frames[-1:]
    return pd.concat(frames, ignore_index=True)


SOURCES = [
    Source(
        name="instagram",
        kind="urges",
        description="Instagram download (JSON): messages you sent the person (reach_out) and "
        "searches of their profile (check_social, in 30-minute sessions)",
        patterns=("profile_searches.json", "account_searches.json", "message_*.json", "*.zip"),
        how_to_export="Instagram: Settings → Accounts Centre → Your information and permissions "
        "→ Download your information → Messages and Logged information, format JSON",
        detect=detect,
        read=read,
        options=OPTIONS,
    )
]
