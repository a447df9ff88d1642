r"""Cleaning Day One's markdown ``text``: media links, escapes, zero-width spaces, title.

Day One writes markdown. Apple exports escape punctuation (``unhappy\.``,
``rabbit\-hole``, ``a\/b``); as in CommonMark, a backslash before any ASCII
punctuation character is undone. Photos and other media sit in the text as
``![](dayone-moment://ID)`` or ``![](dayone-moment:/audio/ID)`` links, and
U+200B zero-width spaces appear here and there.

Speed matters (ten years of entries, three million words): every step is
guarded by a C-level ``in`` test, regexes have literal prefixes so ``re`` can
skip ahead, and nothing uses a per-match Python callback on the common path
(Python 3.11 expands ``\\1`` templates in Python, once per match).
"""

from __future__ import annotations

import re

__all__ = ["TITLE_MAX", "clean_text", "clean_texts", "unescape"]

# a link "![caption](dayone-moment://ID)" is found by its literal tail (fast), its head
# "![caption" is then cut by hand; bare "dayone-moment:/video/ID" links are removed last.
_MEDIA_LINK = re.compile(r"\]\(\s*dayone-moment:/{1,2}[^)\s]*\s*\)")
_MEDIA_BARE = re.compile(r"dayone-moment:/{1,2}[^\s)\]]*")
# CommonMark: a backslash before any ASCII punctuation character is an escape (Day One
# escapes "/" as "\/" too). _ESCAPE is the reference definition; unescape() implements it
# without a regex.
_PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"
_ESCAPE = re.compile("\\\\([" + re.escape(_PUNCTUATION) + "])")
_ESCAPABLE = frozenset(_PUNCTUATION)
_HEADING = re.compile(r"#{1,6}[ \t]+")
_SENTENCE_END = re.compile(r"[.!?…]\s")
#: Longest derived title; a longer first line is cut at a sentence end or a word.
TITLE_MAX = 120


def unescape(text: str) -> str:
    r"""Undo markdown backslash escapes (``\.`` -> ``.``, ``\/`` -> ``/``, ``\\`` -> ``\``).

    Parameters
    ----------
    text : str
        Markdown as Day One exports it.

    Returns
    -------
    str
        The text with the escape of every ASCII punctuation character undone, as
        CommonMark does; a backslash before anything else (a letter, a space) stays.

    Examples
    --------
    >>> unescape(r"rabbit\-hole\! \(maybe\) C:\\temp a\/b \"q\" 50\% \w")
    'rabbit-hole! (maybe) C:\\temp a/b "q" 50% \\w'
    """
    if "\\" not in text:
        return text
    # split on the backslash (memchr speed) and glue back: the same result as one
    # left-to-right pass of the regex _ESCAPE, without a Python call per match
    parts = text.split("\\")
    out = [parts[0]]
    n = len(parts)
    i = 1
    while i < n:
        part = parts[i]
        if not part:  # "\\\\": an escaped backslash; the next part is taken as written
            out.append("\\")
            if i + 1 < n:
                out.append(parts[i + 1])
            i += 2
            continue
        out.append(part if part[0] in _ESCAPABLE else "\\" + part)
        i += 1
    return "".join(out)


def _strip_media(text: str) -> tuple[str, int]:
    """Remove media links; return the text and how many were removed.

    A link alone on its line takes the line with it.
    """
    pieces: list[str] = []
    pos = count = 0
    size = len(text)
    for m in _MEDIA_LINK.finditer(text):
        start = m.start()
        lo = max(pos, text.rfind("\n", 0, start) + 1)
        head = text.rfind("[", lo, start)
        if head == -1:
            continue
        if head > lo and text[head - 1] == "!":
            head -= 1
        end = m.end()
        if not text[lo:head].strip(" \t"):  # nothing before it on its line
            j = end
            while j < size and text[j] in " \t":
                j += 1
            if j == size or text[j] == "\n":
                head, end = lo, min(j + 1, size)
        pieces.append(text[pos:head])
        pos = end
        count += 1
    if count:
        pieces.append(text[pos:])
        text = "".join(pieces)
    if "dayone-moment:" in text:
        text, bare = _MEDIA_BARE.subn("", text)
        count += bare
    return text, count


def _title(text: str, heading: bool = True) -> str:
    """The first non-empty line, without a ``#`` heading mark, at most ``TITLE_MAX`` chars.

    Day One has no title field; this derived title is for display. A first line
    longer than ``TITLE_MAX`` (a whole entry written as one paragraph) is cut at
    its first sentence end, else at a word, and marked with "…". Only the head of
    the text is looked at, so long entries cost nothing extra.
    """
    start = len(text) - len(text.lstrip()) if text[:1].isspace() else 0
    stop = start + TITLE_MAX + 8  # room for the heading mark
    end = text.find("\n", start, stop)
    cut = end == -1 and len(text) > stop
    line = text[start : stop if end == -1 else end].rstrip()
    if heading and line[:1] == "#":
        mark = _HEADING.match(line)
        if mark:
            line = line[mark.end() :]
    if len(line) <= TITLE_MAX and not cut:
        return line
    line = line[:TITLE_MAX]
    sentence = _SENTENCE_END.search(line, 20)
    if sentence:
        return line[: sentence.start() + 1]
    space = line.rfind(" ", 20)
    return (line[:space] if space > 0 else line).rstrip(" ,;:-") + "…"


def clean_text(raw: str) -> tuple[str, str, int]:
    """Clean one Day One ``text`` field.

    Parameters
    ----------
    raw : str
        The entry's ``text`` as stored in the export (markdown).

    Returns
    -------
    tuple of (str, str, int)
        ``(title, text, media)``: the first non-empty line (without a ``#``
        heading mark; cut at a sentence end or word when longer than
        :data:`TITLE_MAX`), the whole text with media links and zero-width spaces
        removed and backslash escapes undone, and how many media links were removed.

    Examples
    --------
    >>> clean_text("# Walk\\n\\nCalm\\\\.\\n![](dayone-moment://AB12)")
    ('Walk', '# Walk\\n\\nCalm.', 1)
    """
    text = raw
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\u200b" in text:
        text = text.replace("\u200b", "")
    media = 0
    if "dayone-moment:" in text:
        text, media = _strip_media(text)
    if "\\" in text:
        # "\# not a heading" must not become a heading once unescaped
        heading = not (text.lstrip() if text[:1].isspace() else text).startswith("\\#")
        text = unescape(text)
        return _title(text, heading), text.strip(), media
    return _title(text), text.strip(), media


def clean_texts(raws: list[str]) -> tuple[list[str], list[str], list[int]]:
    """Clean many texts at once; the same result as :func:`clean_text` on each.

    Parameters
    ----------
    raws : list of str
        The entries' ``text`` fields.

    Returns
    -------
    tuple of (list of str, list of str, list of int)
        Titles, texts and media counts, in the order of ``raws``.

    Examples
    --------
    >>> clean_texts(["# A\\\\!", "b ![](dayone-moment://X)"])
    (['A!', 'b'], ['# A!', 'b'], [0, 1])
    """
    if not raws:
        return [], [], []
    titles, texts, media = zip(*map(clean_text, raws), strict=True)
    return list(titles), list(texts), list(media)
