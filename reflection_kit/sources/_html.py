"""Rich-text notes (HTML from an app's editor) as plain text."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

__all__ = ["html_to_text"]

_BLOCK = {"p", "div", "ul", "ol", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "tr"}


class _TextOf(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self.parts.append("\n")
        elif tag == "li":
            self.parts.append("\n- ")
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def html_to_text(note: str) -> str:
    """Turn a Daylio note's HTML into plain text.

    ``<br>`` and block tags become line breaks, list items become ``- `` lines,
    other tags are dropped and entities are decoded. Text without ``<`` or ``&``
    is returned stripped but otherwise unchanged.

    Parameters
    ----------
    note : str
        The ``note`` or ``note_title`` field as exported.

    Returns
    -------
    str

    Examples
    --------
    >>> from reflection_kit.sources._html import html_to_text
    >>> html_to_text("Quiet evening.<br>Went to <b>bed</b> early &amp; slept.")
    'Quiet evening.\\nWent to bed early & slept.'
    """
    if "<" not in note and "&" not in note:
        return note.strip()
    parser = _TextOf()
    try:
        parser.feed(note)
        parser.close()
        text = "".join(parser.parts)
    except Exception:  # malformed markup: fall back to entities only
        text = html.unescape(note)
    text = text.replace("\xa0", " ")
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    return re.sub(r"\n{3,}", "\n\n", text).strip()
