"""Facebook Messenger: messages from "Download your information" (JSON), and E2EE chats.

On Facebook open *Settings → Accounts Centre → Your information and permissions →
Download your information*, choose *Messages*, format **JSON**; for end-to-end
encrypted chats (2024+), download them from Messenger's *Privacy & safety →
End-to-end encrypted chats → Message storage → Download secure storage data*.
Pass the zip, the unzipped folder or one ``message_1.json``.

Every message or call the user sent in a one-to-one thread with ``person``
becomes a ``reach_out`` row ("message sent on Messenger", "call on Messenger";
an unsent message is still counted: it was sent). Group threads count only with
``groups=True``. Messages from the person are counted in the notes, never read.
The layouts, the mojibake repair and the time policy are described in
:mod:`reflection_kit.sources._meta`. Who the user is: ``me=``, else the one name
in every thread, else the other participant of the one-to-one thread.
"""

from __future__ import annotations

import pandas as pd

from ._base import ReadContext, Source
from ._input import Input
from ._meta import instagram_marked, read_threads, thread_files
from ._people import OPTIONS
from ._platform import set_policy

__all__ = ["SOURCES"]


def detect(inp: Input) -> str | None:
    """``None`` when ``inp`` holds Messenger message threads (classic or E2EE JSON)."""
    files = thread_files(inp)
    if not files:
        return "no Messenger thread (messages/inbox/<thread>/message_1.json) inside"
    if instagram_marked(inp, files):
        return "these are Instagram message threads"
    return None


def read(inp: Input, ctx: ReadContext) -> pd.DataFrame:
    """Read Messenger threads: the user's messages and calls to ``person``, no text.

    Parameters
    ----------
    inp : Input
        The download (zip or folder) or one thread file.
    ctx : ReadContext
        With the ``person``, ``me`` and ``groups`` options.

    Returns
    -------
    pandas.DataFrame
        One ``reach_out`` row per message or call, with ``instant`` (UTC).

    Raises
    ------
    PersonNeeded
        Without ``person=`` (lists the threads and their message counts), or when
        the user cannot be told (``me=``).

    Examples
    --------
    >>> import reflection_kit as rk
    >>> rk.formats().set_index("name").loc["messenger", "kind"]
    'urges'
    """
    set_policy(ctx, instants="Messenger's timestamp_ms")
    return read_threads(inp, ctx, "Messenger")


SOURCES = [
    Source(
        name="messenger",
        kind="urges",
        description="Facebook Messenger messages (Download your information, JSON; and the "
        "E2EE chats download): messages and calls you sent the person, as reach_out",
        patterns=("message_*.json", "*.zip"),
        how_to_export="Facebook: Accounts Centre → Your information and permissions → Download "
        "your information → Messages, format JSON (E2EE chats: Messenger → Privacy & safety → "
        "End-to-end encrypted chats → Message storage → Download)",
        detect=detect,
        read=read,
        options=OPTIONS,
    )
]
