r"""Cleaning Day One's markdown ``text``: media links, escapes, zero-width spaces, title.

Day One writes markdown. Apple exports escape punctuation (``unhappy\.``,
``rabbit\-hole``, ``a\/b``); as in CommonMark, a backslash before any ASCII
punctuation character is undone. Photos and other media sit in the text as
``![](dayone-moment://ID)`` or ``![](dayone-moment:/audio/ID)`` links, and
U+200B zero-width spaces appear here and there.

Speed matters (ten years of entries, three million words). :func:`clean_column`
cleans a whole journal with column kernels (numpy on the UTF-8 bytes for the
escapes, pyarrow for titles and trimming); only the texts that need the rarer steps
(carriage returns, zero-width spaces, media links, leading white space) go through
:func:`clean_text`, the one-text reference, where every step is guarded by a C-level
``in`` test and nothing uses a per-match Python callback.
"""

from __future__ import annotations

import re

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from ._text_columns import SPACE_BYTE, WIDE_BYTE, string_buffers

__all__ = ["TITLE_MAX", "clean_column", "clean_text", "clean_texts", "unescape"]

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
    titles, texts, media = clean_column(list(raws))
    return titles.to_pylist(), texts.to_pylist(), media.tolist()


#: Bytes that may follow a backslash in an escape (ASCII punctuation).
_PUNCT_BYTE = np.zeros(256, dtype=bool)
_PUNCT_BYTE[list(_PUNCTUATION.encode("ascii"))] = True
#: What :func:`_title` trims from a title cut at a word, and the mark it adds.
_TRIMMED_BYTE = np.zeros(256, dtype=bool)
_TRIMMED_BYTE[list(b" ,;:-")] = True
_PERIOD_BYTE = np.zeros(256, dtype=bool)
_PERIOD_BYTE[list(b".!?")] = True
_ELLIPSIS = "…".encode()
#: Bytes of a text :func:`_title` looks at: a line of ``TITLE_MAX + 8`` and one more.
_HEAD = TITLE_MAX + 9
#: Rows whose heads are laid out as one matrix at once (bounds the temporary arrays).
_ROWS = 1 << 14


def _special(raws: list[str]) -> list[int]:
    """Positions of the texts with a carriage return, a zero-width space or a media link
    (those :func:`clean_text` cleans; a link has a colon, found at C speed first)."""
    return [
        i
        for i, r in enumerate(raws)
        if "\r" in r or "\u200b" in r or (":" in r and "dayone-moment:" in r)
    ]


def _from_buffers(offsets: np.ndarray, data: np.ndarray | bytes) -> pa.Array:
    """A ``large_string`` array over ``offsets`` and ``data`` (shared, not copied)."""
    return pa.Array.from_buffers(
        pa.large_string(), len(offsets) - 1, [None, pa.py_buffer(offsets), pa.py_buffer(data)]
    )


def _spaced(raws: list[str], offsets: np.ndarray, data: np.ndarray, *, last: bool) -> np.ndarray:
    """Which values start (or with ``last``, end) with a white space character.

    An ASCII byte there is looked up; a byte of a wider character asks Python about
    that character (the first or last of ``raws``, which unescaping never changes).
    """
    nonempty = offsets[1:] > offsets[:-1]
    at = offsets[1:] - 1 if last else offsets[:-1]
    byte = data[np.minimum(at, len(data) - 1)]
    out = nonempty & SPACE_BYTE[byte]
    for i in np.flatnonzero(nonempty & WIDE_BYTE[byte]):
        out[i] = (raws[i][-1:] if last else raws[i][:1]).isspace()
    return out


def _unescape_column(arr: pa.Array) -> pa.Array:
    """:func:`unescape` of every value, on the bytes at once (numpy, no Python per value).

    One left-to-right pass of :data:`_ESCAPE`: in a run of backslashes the ones at even
    places (0, 2, ...) within the run start an escape when the next character (the next
    backslash, or what follows the run) is ASCII punctuation; those are dropped.
    """
    offsets, data = string_buffers(arr)
    lo, hi = int(offsets[0]), int(offsets[-1])
    slashes = np.flatnonzero(data[lo:hi] == 92) + lo
    if not len(slashes):
        return arr
    row = np.searchsorted(offsets, slashes, side="right") - 1
    starts = np.ones(len(slashes), dtype=bool)  # where a run of backslashes begins
    starts[1:] = (slashes[1:] != slashes[:-1] + 1) | (row[1:] != row[:-1])
    first = np.flatnonzero(starts)
    place = np.arange(len(slashes)) - first[np.cumsum(starts) - 1]
    after = slashes + 1
    inside = after < offsets[row + 1]
    escapes = (place % 2 == 0) & inside & _PUNCT_BYTE[data[np.minimum(after, len(data) - 1)]]
    dropped = slashes[escapes]
    if not len(dropped):
        return arr
    view = memoryview(data)
    bounds = np.concatenate(([lo], dropped + 1, dropped, [hi])).reshape(2, -1).T.tolist()
    kept = b"".join([view[a:b] for a, b in bounds])
    return _from_buffers(offsets - lo - np.searchsorted(dropped, offsets, side="left"), kept)


def _head_titles(
    heads: np.ndarray, size: np.ndarray, heading: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """:func:`_title` on ASCII heads (``heads``: the first bytes of each text, zero-padded).

    In ASCII a character is a byte, so the rules work on columns of bytes. Returns,
    per row, where the title starts and ends in the text, whether "…" follows it, and
    the rows left to :func:`_title` (long runs of white space or trimmed characters at
    the end, a heading mark with several spaces: rare, and simpler there).
    """
    n = len(heads)
    rows = np.arange(n)
    stop = TITLE_MAX + 8  # the line is looked for in that many characters
    newline = heads[:, :stop] == 10
    found = newline.any(axis=1)
    cut = ~found & (size > stop)
    end = np.where(found, newline.argmax(axis=1), np.minimum(size, stop))
    for _ in range(8):  # line.rstrip() (longer runs of white space: Python)
        spaced = (end > 0) & SPACE_BYTE[heads[rows, np.maximum(end - 1, 0)]]
        if not spaced.any():
            break
        end = end - spaced
    python = spaced
    # a heading mark "#{1,6}[ \t]+": hashes, then one space or tab (several: Python)
    hashes = (heads[:, :7] == 35).cumprod(axis=1).sum(axis=1)
    blank = (heads == 32) | (heads == 9)
    marked = heading & (hashes >= 1) & (hashes <= 6) & blank[rows, hashes] & (hashes < end)
    python |= marked & blank[rows, hashes + 1]
    start = np.where(marked, hashes + 1, 0)
    short = (end - start <= TITLE_MAX) & ~cut
    dots = np.zeros(n, dtype=bool)
    long = np.flatnonzero(~short & ~python)
    if len(long):
        # the first TITLE_MAX characters, cut at a sentence end from character 20 on, else
        # at the last space from character 20 on (trimmed, then marked "…")
        part = heads[long]
        cols = np.arange(part.shape[1])
        first, last = start[long] + 20, np.minimum(end[long], start[long] + TITLE_MAX)
        # sentence ends: few, so found first and checked one by one (numpy, by position)
        r, c = np.nonzero(_PERIOD_BYTE[part[:, :-1]])
        keep = (c >= first[r]) & (c + 1 < last[r])
        r, c = r[keep], c[keep]
        keep = SPACE_BYTE[part[r, c + 1]]
        r, c = r[keep], c[keep]  # row by row, columns in order
        sentence = np.full(len(long), -1)
        at = np.flatnonzero(np.r_[True, r[1:] != r[:-1]]) if len(r) else r
        sentence[r[at]] = c[at]  # the first of each row
        spaces = (part == 32) & (cols < last[:, None])
        word = spaces.shape[1] - 1 - spaces[:, ::-1].argmax(axis=1)  # the last space
        word = np.where(spaces.any(axis=1) & (word >= first), word, last)
        for _ in range(8):  # .rstrip(" ,;:-")
            trim = (word > start[long]) & _TRIMMED_BYTE[part[np.arange(len(long)), word - 1]]
            if not trim.any():
                break
            word = word - trim
        python[long[trim]] = True
        end[long] = np.where(sentence >= 0, sentence + 1, word)
        dots[long] = sentence < 0
    return start, end, dots, python


def _titles_column(
    raws: list[str], texts: pa.Array, heading: np.ndarray, skip: np.ndarray
) -> pa.Array:
    """:func:`_title` of every text (``skip``: rows cleaned apart, left empty here).

    Texts whose first :data:`_HEAD` bytes are ASCII are done on a matrix of their
    heads (:func:`_head_titles`), a slice of rows at a time; the others by
    :func:`_title` itself.
    """
    offsets, _ = string_buffers(texts)
    n = len(texts)
    size = offsets[1:] - offsets[:-1]
    # the first bytes of each text, one after the other (pyarrow), then laid out in rows
    h_offsets, h_data = string_buffers(pc.binary_slice(texts.view(pa.large_binary()), 0, _HEAD))
    h_data = h_data[h_offsets[0] : h_offsets[-1]]
    h_offsets = h_offsets - h_offsets[0]
    python = np.zeros(n, dtype=bool)
    lengths = np.zeros(n, dtype=np.int64)
    parts = []
    for lo in range(0, n, _ROWS):
        hi = min(n, lo + _ROWS)
        a, b = h_offsets[lo], h_offsets[hi]
        if b - a == (hi - lo) * _HEAD:  # every head is whole (long texts): a view
            heads = h_data[a:b].reshape(hi - lo, _HEAD)
        else:
            heads = np.zeros((hi - lo, _HEAD), dtype=np.uint8)
            width = np.diff(h_offsets[lo : hi + 1])
            shift = np.repeat(h_offsets[lo:hi] - a - np.arange(hi - lo) * _HEAD, width)
            heads.ravel()[np.arange(b - a) - shift] = h_data[a:b]
        wide = (heads >= 128).any(axis=1)
        start, end, dots, other = _head_titles(heads, size[lo:hi], heading[lo:hi])
        python[lo:hi] = (wide | other) & ~skip[lo:hi]
        done = python[lo:hi] | skip[lo:hi]
        end[done], dots[done] = start[done], False
        # each title: the bytes of its head from start to end, then "…" where it was cut
        # (columns after the head's), taken row by row through one mask
        wide_rows = np.empty((hi - lo, _HEAD + len(_ELLIPSIS)), dtype=np.uint8)
        wide_rows[:, :_HEAD] = heads
        wide_rows[:, _HEAD:] = np.frombuffer(_ELLIPSIS, dtype=np.uint8)
        cols = np.arange(wide_rows.shape[1])
        mask = (cols >= start[:, None]) & (cols < end[:, None])
        mask[:, _HEAD:] = dots[:, None]
        parts.append(wide_rows[mask])
        lengths[lo:hi] = (end - start) + dots * len(_ELLIPSIS)
    out = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(lengths, out=out[1:])
    titles = _from_buffers(out, np.concatenate(parts) if parts else np.zeros(0, np.uint8))
    if python.any():
        rows = np.flatnonzero(python)
        done = [_title(unescape(raws[i]), bool(heading[i])) for i in rows]
        titles = pc.replace_with_mask(titles, pa.array(python), pa.array(done, titles.type))
    return titles


def clean_column(raws: list[str]) -> tuple[pa.Array, pa.Array, np.ndarray]:
    """:func:`clean_text` of many texts at once, as pyarrow ``large_string`` arrays.

    The usual text (no carriage return, zero-width space or media link, not starting
    with white space) is cleaned by whole-column steps: numpy on the UTF-8 bytes for
    the escapes and the titles of ASCII first lines, pyarrow for the trimming. The
    others go through :func:`clean_text` one by one. The result is that of
    :func:`clean_text` on each value (``tests/test_ingest_speed_dayone.py`` checks it
    on generated texts).

    Parameters
    ----------
    raws : list of str
        The entries' ``text`` fields.

    Returns
    -------
    tuple of (pyarrow.Array, pyarrow.Array, numpy.ndarray)
        Titles, texts (both ``large_string``) and media counts (int64).

    Examples
    --------
    >>> titles, texts, media = clean_column(["# A\\\\!", "b ![](dayone-moment://X)"])
    >>> titles.to_pylist(), texts.to_pylist(), media.tolist()
    (['A!', 'b'], ['# A!', 'b'], [0, 1])
    """
    arr = pa.array(raws, pa.large_string())
    n = len(arr)
    media = np.zeros(n, dtype=np.int64)
    offsets, data = string_buffers(arr)
    if offsets[-1] == offsets[0]:  # no text at all (or no entries)
        return arr, arr, media
    special = np.zeros(n, dtype=bool)
    special[_special(raws)] = True
    special |= _spaced(raws, offsets, data, last=False)  # white space first: clean_text
    lead, second = data[np.minimum(offsets[:-1] + np.arange(2)[:, None], len(data) - 1)]
    # "\\# not a heading" stays text: a leading escaped "#" is never a heading mark
    heading = ~((offsets[1:] - offsets[:-1] >= 2) & (lead == 92) & (second == 35))
    texts = _unescape_column(arr)
    titles = _titles_column(raws, texts, heading, special)
    if _spaced(raws, offsets, data, last=True).any():  # (unescaping keeps the last)
        texts = pc.utf8_trim_whitespace(texts)
    if special.any():
        rows = np.flatnonzero(special)
        done = [clean_text(raws[i]) for i in rows]
        mask = pa.array(special)
        titles = pc.replace_with_mask(titles, mask, pa.array([d[0] for d in done], titles.type))
        texts = pc.replace_with_mask(texts, mask, pa.array([d[1] for d in done], texts.type))
        media[rows] = [d[2] for d in done]
    return titles, texts, media
