"""Telegram: the Telegram Desktop export (``result.json``), one chat or the whole account.

In Telegram Desktop open the chat with the person, then *⋮ → Export chat history*
(one chat), or *Settings → Advanced → Export Telegram data* (everything); choose
*Machine-readable JSON*. Pass ``result.json`` or the export folder.

Every message the user sent in a personal chat with ``person`` becomes a
``reach_out`` row ("message sent on Telegram"), and every call the user made
(``phone_call`` service messages, answered or not) a ``reach_out`` row "call on
Telegram". Messages and calls from the person are counted in the notes only.
``text`` (a string, or a list of strings and ``{type, text}`` parts), entities,
media names and captions are dropped while the file is parsed.

Who is the user: a full export says so (``personal_information.user_id``); a
single-chat export of a personal chat has the other person's id as the chat id;
otherwise ``me=`` names the user (or the chat has only one other sender).

Time: ``date_unixtime`` (newer exports) is a UTC instant; older exports have only
``date``, the exporting computer's wall clock with no zone, placed in ``tz=``.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import pandas as pd

from ._base import ReadContext, Source
from ._input import Input
from ._peek import head_text
from ._people import OPTIONS, People, me_option, need_me, need_person, norm_name, person_option
from ._platform import (
    as_list,
    epoch,
    event_frame,
    load_json,
    not_this,
    safe_raw,
    set_policy,
    stable_id,
)

__all__ = ["SOURCES"]

#: Keys whose values are words, media or personal details: dropped as the JSON is parsed.
_DROP = frozenset(
    {
        "text",
        "text_entities",
        "photo",
        "file",
        "file_name",
        "thumbnail",
        "sticker_emoji",
        "poll",
        "contact_information",
        "contact_vcard",
        "location_information",
        "place_name",
        "address",
        "title",
        "description",
        "game_title",
        "game_description",
        "inline_bot_buttons",
        "phone_number",
        "bio",
        "reactions",
        "caption",
    }
)
_GROUP_TYPES = {"private_group", "private_supergroup", "public_supergroup"}
_CALLS = {"phone_call", "group_call"}


def _result_names(inp: Input) -> list[str]:
    if inp.kind == "file":
        return list(inp.names())
    return [n for n in inp.names() if n.rsplit("/", 1)[-1].lower() == "result.json"]


def _looks(head: str) -> bool:
    h = head.lstrip(" \t\n\ufeff")
    if not h.startswith("{") or '"sender_name"' in head or '"senderName"' in head:
        return False
    if '"personal_information"' in head and '"chats"' in head:
        return True
    return '"messages"' in head and any(
        k in head
        for k in ('"date_unixtime"', '"from_id"', '"type": "message"', '"type":"message"')
    )


def detect(inp: Input) -> str | None:
    """``None`` when ``inp`` is a Telegram Desktop JSON export."""
    names = _result_names(inp)
    if inp.kind == "file" and inp.path.suffix.lower() != ".json":
        return "not a .json file"
    if any(_looks(head_text(inp, n)) for n in names):
        return None
    return "no Telegram 'messages' with 'date_unixtime' or 'from_id' (result.json)"


def _chats(obj: dict[str, Any]) -> list[dict[str, Any]]:
    if isinstance(obj.get("messages"), list):
        return [obj]
    out = []
    for key in ("chats", "left_chats"):
        lst = obj.get(key, {}).get("list") if isinstance(obj.get(key), dict) else None
        out.extend(c for c in as_list(lst) if isinstance(c, dict))
    return out


def _sender(msg: dict[str, Any]) -> tuple[str, str]:
    """``(id, name)`` of who wrote a message or did a service action."""
    if msg.get("type") == "service":
        return str(msg.get("actor_id") or ""), str(msg.get("actor") or "")
    return str(msg.get("from_id") or ""), str(msg.get("from") or "")


def _when(msg: dict[str, Any]) -> tuple[Any, Any]:
    """``(instant, wall clock)``; one of them is NaT."""
    unix = msg.get("date_unixtime")
    if isinstance(unix, str) and unix.strip().isdigit():
        unix = int(unix)
    when = epoch(unix, "s")
    if when is not None:
        return when, pd.NaT
    date = msg.get("date")
    if isinstance(date, str):
        return pd.NaT, pd.to_datetime(date, format="ISO8601", errors="coerce")
    return pd.NaT, pd.NaT


def _chat_people(
    chat: dict[str, Any], person: People
) -> tuple[bool, set[str], set[str], Counter[str]]:
    """Whether the chat is with ``person``, their sender keys, all sender keys and counts."""
    counts: Counter[str] = Counter()
    for m in as_list(chat.get("messages")):
        if isinstance(m, dict) and m.get("type") in ("message", "service", None):
            sid, name = _sender(m)
            if sid or name:
                counts[sid or norm_name(name)] += 1
    names: dict[str, str] = {}
    for m in as_list(chat.get("messages")):
        if isinstance(m, dict):
            sid, name = _sender(m)
            if (sid or name) and (sid or norm_name(name)) not in names:
                names[sid or norm_name(name)] = name
    theirs = {k for k, n in names.items() if person.matches(n)}
    by_name = person.matches(chat.get("name"))
    if by_name and chat.get("type") == "personal_chat" and chat.get("id") is not None:
        # in a personal chat the chat id is the other person's user id
        theirs |= {k for k in names if k == f"user{chat['id']}"}
    with_person = bool(theirs) or by_name
    return with_person, theirs, set(names), counts


def read(inp: Input, ctx: ReadContext) -> pd.DataFrame:
    """Read a Telegram Desktop ``result.json``: the user's messages and calls to ``person``.

    Parameters
    ----------
    inp : Input
        ``result.json`` or the export folder.
    ctx : ReadContext
        With the ``person``, ``me`` and ``groups`` options.

    Returns
    -------
    pandas.DataFrame
        One ``reach_out`` row per message or call, with ``instant`` (``date_unixtime``)
        or ``local_time`` (``date`` only).

    Raises
    ------
    PersonNeeded
        Without ``person=`` (lists the chats and their message counts), or when the
        user cannot be told (``me=``).

    Examples
    --------
    >>> import reflection_kit as rk
    >>> rk.formats().set_index("name").loc["telegram", "kind"]
    'urges'
    """
    person = person_option(ctx)
    me = me_option(ctx)
    rows: list[dict[str, Any]] = []
    seen_unix = seen_wall = False
    for name in _result_names(inp):
        where = inp.where(name)
        obj = load_json(inp, name, ctx, drop=_DROP, what="messages")
        if obj is None:
            continue
        if not isinstance(obj, dict) or not _chats(obj):
            raise not_this(
                inp,
                name,
                "a Telegram export",
                "it has no 'messages' and no 'chats' list",
                "export from Telegram Desktop with 'Machine-readable JSON'.",
            )
        info = obj.get("personal_information")
        my_id = (
            f"user{info['user_id']}"
            if isinstance(info, dict) and info.get("user_id") is not None
            else None
        )
        chats = _chats(obj)
        if person is None:
            found: Counter[str] = Counter()
            for c in chats:
                msgs = [m for m in as_list(c.get("messages")) if isinstance(m, dict)]
                if len(chats) > 1:
                    found[str(c.get("name") or f"chat {c.get('id')}")] += len(msgs)
                else:
                    for m in msgs:
                        sid, nm = _sender(m)
                        if nm and sid != my_id:
                            found[nm] += 1
            raise need_person(where, "Telegram", found, "messages")
        any_chat = False
        for ci, chat in enumerate(chats, 1):
            with_person, theirs, senders, counts = _chat_people(chat, person)
            if not with_person:
                continue
            any_chat = True
            cwhere = f"{where} chat {ci}" if len(chats) > 1 else where
            if str(chat.get("type")) in _GROUP_TYPES and not ctx.option("groups", False):
                ctx.note(
                    f"{cwhere}: a group chat; messages to a group are not counted as reaching "
                    f"out to {person.shown}. Suggestion: pass groups=True to count them."
                )
                continue
            others = senders - theirs
            msgs = as_list(chat.get("messages"))
            if my_id is not None:
                mine = {my_id} & senders
            elif me is not None:
                mine = {k for k in others if me.matches(_name_of(msgs, k))}
            elif len(others) <= 1:
                mine = set(others)
            else:
                raise need_me(
                    cwhere,
                    "Telegram",
                    Counter({_name_of(msgs, k): counts[k] for k in others}),
                    "messages",
                )
            received = sum(counts[k] for k in theirs)
            if received:
                ctx.note(
                    f"{cwhere}: {received} message(s) or call(s) from {person.shown} "
                    "(not urges; counted only, never read)"
                )
            seq: Counter[Any] = Counter()
            thread = str(chat.get("id") or norm_name(chat.get("name")) or person.shown)
            for mi, m in enumerate(msgs, 1):
                if not isinstance(m, dict):
                    continue
                sid, nm = _sender(m)
                key = sid or norm_name(nm)
                if key not in mine:
                    continue
                kind = m.get("type")
                call = kind == "service" and str(m.get("action")) in _CALLS
                if kind != "message" and not call:
                    continue
                ctx.found()
                mid = m.get("id") if isinstance(m.get("id"), int) else mi
                loc = f"{cwhere} message {mid}"
                instant, wall = _when(m)
                if pd.isna(instant) and pd.isna(wall):
                    ctx.problem(
                        loc,
                        "no usable 'date_unixtime' or 'date'; this message was skipped. "
                        "Suggestion: export the chat again from Telegram Desktop.",
                        safe_raw(m.get("date_unixtime"), m.get("date")),
                    )
                    continue
                seen_unix |= not pd.isna(instant)
                seen_wall |= pd.isna(instant)
                stamp = (instant if not pd.isna(instant) else wall).isoformat()
                seq[stamp] += 1
                rows.append(
                    {
                        "urge_id": stable_id("telegram", thread, mid, stamp, seq[stamp]),
                        "kind": "reach_out",
                        "label": "call on Telegram" if call else "message sent on Telegram",
                        "acted": True,
                        "hits": 1,
                        "origin": loc,
                        "instant": instant,
                        "local_time": wall,
                    }
                )
        if not any_chat:
            ctx.note(
                f"{where}: none of its {len(chats)} chats is with {person.shown!r}; nothing "
                "loaded. Suggestion: read it without person= to see the chats' names"
            )
    set_policy(
        ctx,
        instants="Telegram's date_unixtime" if seen_unix or not seen_wall else None,
        wall="Telegram's date (exports without date_unixtime)" if seen_wall else None,
    )
    return event_frame(rows, "instant", "local_time")


def _name_of(msgs: list[Any], key: str) -> str:
    for m in msgs:
        if isinstance(m, dict):
            sid, nm = _sender(m)
            if (sid or norm_name(nm)) == key:
                return nm or key
    return key


SOURCES = [
    Source(
        name="telegram",
        kind="urges",
        description="Telegram Desktop export (result.json, one chat or all): messages and "
        "calls you made to the person, as reach_out; no text is read",
        patterns=("result.json",),
        how_to_export="Telegram Desktop: the chat's ⋮ → Export chat history, or Settings → "
        "Advanced → Export Telegram data; format 'Machine-readable JSON'",
        detect=detect,
        read=read,
        options=OPTIONS,
    )
]
