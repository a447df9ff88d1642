"""Tokens and sentences for journal text, with NLTK and no downloaded data.

Tokens come from NLTK's :class:`~nltk.tokenize.RegexpTokenizer` (which needs no ``nltk_data``)
with a pattern that keeps contractions whole (straight ``'`` and curly ``’`` apostrophes),
hyphenated words, numbers, emoji sequences (skin tones, ZWJ families, flags) and a few
text emoticons.

Sentences come from a small rule-based splitter of our own (NLTK's ``sent_tokenize`` needs the
punkt data, which we never download):

* a line break always ends a sentence (journal lines often have no punctuation);
* list markers (``-``, ``*``, ``•``, ``1.``, ``2)``, ``- [ ]``) and Markdown headings (``#``)
  are not part of the sentence;
* ``.``, ``!``, ``?``, ``…`` and ``...`` end a sentence only when the next word does not start
  in lower case ("I don't know... maybe" stays one sentence);
* titles and Latin abbreviations (``Dr.``, ``Mrs.``, ``e.g.``, ``i.e.``, ``vs.``; the list is
  ``lexicons/abbreviations.txt``) and single capital initials never end a sentence;
  ``a.m.`` / ``p.m.`` end one when a capital follows;
* closing quotes and brackets stay with their sentence, and emoji right after the full stop
  ("Good day. 😊") stay with the sentence they follow;
* a boundary inside a quotation that closes later on the same line is ignored
  (``He said "Why? Why now?" and left.`` is one sentence);
* an emoji followed by a capitalised word ends a sentence ("Coffee ☕ Then work").

All spans are character offsets into the text as given, so they can be used to highlight it.
"""

from __future__ import annotations

import re
from importlib import resources

__all__ = [
    "EMOJI",
    "fast_tokens",
    "is_word",
    "lower_same_length",
    "norm_sentence_spans",
    "normalize",
    "sentence_spans",
    "split_sentences",
    "token_spans",
    "tokenize",
]

# --- characters -----------------------------------------------------------------------------

_E = (
    "\u00a9\u00ae\u203c\u2049\u2122\u2139\u2194-\u2199\u21a9\u21aa\u231a\u231b\u2328\u23cf"
    "\u23e9-\u23f3\u23f8-\u23fa\u24c2\u25aa\u25ab\u25b6\u25c0\u25fb-\u25fe\u2600-\u27bf"
    "\u2934\u2935\u2b05-\u2b07\u2b1b\u2b1c\u2b50\u2b55\u3030\u303d\u3297\u3299"
    "\U0001f000-\U0001faff"
)
_MOD = "\ufe0f\ufe0e\u20e3\U0001f3fb-\U0001f3ff\U000e0020-\U000e007f"
#: One emoji sequence (with variation selectors, skin tones and zero-width joins).
EMOJI = f"[{_E}][{_MOD}]*(?:\u200d[{_E}][{_MOD}]*)*"
_EMOTICON = r"(?:<3|[:;=8][\-o*']?[()\[\]dDpP/\\|*]|[()\[\]][\-o*']?[:;=])(?![\w])"
_WORD = r"[^\W\d_]+(?:['’][^\W\d_]+)*(?:-[^\W\d_]+(?:['’][^\W\d_]+)*)*"
_NUMBER = r"\d+(?:[.,:/]\d+)*(?:st|nd|rd|th|am|pm|h|k)?"
_TOKEN_PATTERN = rf"{EMOJI}|{_WORD}|{_NUMBER}|{_EMOTICON}|\.{{2,}}|[^\w\s]"
_ASCII_TOKEN_PATTERN = rf"{_WORD}|{_NUMBER}|{_EMOTICON}|\.{{2,}}|[^\w\s]"


class _NltkTokenizer:
    """NLTK's RegexpTokenizer (no downloaded data), built on first use.

    ``import nltk`` loads most of NLTK (about a second); text that the standard
    library's ``re`` reads exactly alike (see below) never needs it.
    """

    _impl = None

    def _get(self):
        if self._impl is None:
            # deferred: nltk costs ~1 s at import (tests/text/test_lazy_nltk.py)
            from nltk.tokenize import RegexpTokenizer

            type(self)._impl = RegexpTokenizer(_TOKEN_PATTERN, flags=re.UNICODE)
        return self._impl

    def tokenize(self, text: str) -> list[str]:
        return self._get().tokenize(text)

    def span_tokenize(self, text: str):
        return self._get().span_tokenize(text)


#: The tokenizer: NLTK's RegexpTokenizer (no downloaded data).
_TOKENIZER = _NltkTokenizer()
# On ASCII text (most journal text once apostrophes are straightened) the scoring hot path runs
# the same pattern, minus the emoji branch, with the standard library's `re`: NLTK 3.10 routes
# RegexpTokenizer through the `regex` engine with a timeout per call, which is 4x slower. On
# ASCII both engines agree (tests check it), and also on accented Latin letters, common
# punctuation and emoji; any other text goes through NLTK, because the two engines classify a
# few Unicode characters (such as "²") differently.
_ASCII_TOKEN_RE = re.compile(_ASCII_TOKEN_PATTERN)
_TOKEN_RE = re.compile(_TOKEN_PATTERN)
_NON_ASCII_RE = re.compile(r"[^\x00-\x7f]")
_SAFE_RE = re.compile(
    rf"(?:[\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u2010-\u2027\u2030-\u205e"
    rf"\u00a0\u00a3\u00a7\u00b0\u20ac]|{EMOJI})+"
)


def _engines_agree(norm: str) -> bool:
    """True when every non-ASCII character is one both regex engines read alike: Latin
    letters with accents, common punctuation and symbols, and emoji."""
    others = "".join(_NON_ASCII_RE.findall(norm))
    return _SAFE_RE.fullmatch(others) is not None


# Same-length normalisation: curly quotes -> straight, control characters -> space,
# line separators -> "\n". Offsets in the normalised text equal offsets in the original.
_TRANSLATE = {
    0x2019: "'",
    0x2018: "'",
    0x02BC: "'",
    0x201C: '"',
    0x201D: '"',
    0x201E: '"',
    0x00AB: '"',
    0x00BB: '"',
    0x0D: "\n",
    0x0B: "\n",
    0x0C: "\n",
    0x85: "\n",
    0x2028: "\n",
    0x2029: "\n",
    0x7F: " ",
    **{c: " " for c in range(0x00, 0x20) if c not in (0x09, 0x0A, 0x0B, 0x0C, 0x0D)},
    **{c: " " for c in range(0x80, 0xA0) if c != 0x85},
}

#: The ASCII characters that _TRANSLATE changes.
_ASCII_CHANGED_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
#: Every character that _TRANSLATE changes.
_CHANGED_RE = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_TRANSLATE)) + "]")


def normalize(text: str) -> str:
    """Return ``text`` with the same length but simpler characters.

    Curly apostrophes and quotes become straight ones, control characters become spaces and
    carriage returns and Unicode line separators become ``"\\n"``. Because every character maps
    to exactly one character, offsets into the result are offsets into the original.

    Parameters
    ----------
    text : str

    Returns
    -------
    str

    Examples
    --------
    >>> normalize("I’m “fine”\\r\\nok")
    'I\\'m "fine"\\n\\nok'
    """
    if (_ASCII_CHANGED_RE if text.isascii() else _CHANGED_RE).search(text) is None:
        return text  # nothing to change (most journal text): skip the per-character pass
    return text.translate(_TRANSLATE)


def fast_tokens(norm: str) -> list[str]:
    """Tokens of :func:`tokenize` (the scoring hot path; see the note on ``_ASCII_TOKEN_RE``)."""
    if norm.isascii():
        return _ASCII_TOKEN_RE.findall(norm)
    if _engines_agree(norm):
        return _TOKEN_RE.findall(norm)
    return _TOKENIZER.tokenize(norm)


def fast_spans(norm: str) -> list[tuple[int, int]]:
    """Token spans of :func:`token_spans`, by the same rule as :func:`fast_tokens`."""
    if norm.isascii():
        return [m.span() for m in _ASCII_TOKEN_RE.finditer(norm)]
    if _engines_agree(norm):
        return [m.span() for m in _TOKEN_RE.finditer(norm)]
    return list(_TOKENIZER.span_tokenize(norm))


def lower_same_length(text: str) -> str:
    """Lower-case ``text`` without changing its length (offsets stay valid).

    Examples
    --------
    >>> lower_same_length("İ SAW")
    'İ saw'
    """
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def tokenize(text: str) -> list[str]:
    """Split ``text`` into tokens with NLTK's ``RegexpTokenizer`` (no downloaded data).

    Contractions stay whole with straight or curly apostrophes, and emoji stay whole.
    Stopwords are never removed.

    Parameters
    ----------
    text : str

    Returns
    -------
    list of str

    Examples
    --------
    >>> tokenize("I can’t stop… 😢 why?")
    ['I', 'can’t', 'stop', '…', '😢', 'why', '?']
    """
    if not isinstance(text, str) or not text:
        return []
    return _TOKENIZER.tokenize(text)


def token_spans(text: str) -> list[tuple[int, int]]:
    """Character spans ``(start, end)`` of the tokens of :func:`tokenize`.

    Parameters
    ----------
    text : str

    Returns
    -------
    list of tuple of int

    Examples
    --------
    >>> text = "I'm ok"
    >>> [text[s:e] for s, e in token_spans(text)]
    ["I'm", 'ok']
    """
    if not isinstance(text, str) or not text:
        return []
    return list(_TOKENIZER.span_tokenize(text))


def is_word(token: str) -> bool:
    """True when ``token`` counts as a word (it starts with a letter or a digit).

    Emoji, emoticons and punctuation are tokens but not words.

    Examples
    --------
    >>> [is_word(t) for t in ["I'm", "12", "😊", "?"]]
    [True, True, False, False]
    """
    return token[:1].isalnum()


# --- sentences --------------------------------------------------------------------------------

_ABBREVIATIONS = frozenset(
    line.strip().lower()
    for line in (resources.files("reflection_kit.text") / "lexicons" / "abbreviations.txt")
    .read_text(encoding="utf-8")
    .splitlines()
    if line.strip() and not line.startswith("#")
)
_LIST_MARKER_RE = re.compile(
    r"[ \t]*(?:#{1,6}[ \t]+|>[ \t]*"
    r"|(?:[-*•‣◦·+–—]|\d{1,3}[.)]|[a-z]\))[ \t]+(?:\[[ xX]?\][ \t]+)?)"
)
# A sentence end: "..." or more dots, or a run of . ! ? ..., then closing quotes and brackets
# and emoji; or emoji before a capital. ``(?:\.{2,}|[.!?]+)`` is written as
# ``[.!?](?:(?<=\.)\.+|[.!?]*)``, which tries the same lengths in the same order but starts
# with a character class, so that re skips ahead to the next . ! or ? instead of trying
# every position; the emoji branch is searched on its own (see _boundaries).
_PUNCT_BOUNDARY_RE = re.compile(
    rf"[.!?…](?:(?<=\.)\.+|[.!?…]*)[\"')\]’”]*(?:[ \t]+(?:{EMOJI}|{_EMOTICON})+)*(?=[ \t]+\S)"
)
_EMOJI_BOUNDARY_RE = re.compile(
    rf"[{_E}][{_MOD}]*(?:\u200d[{_E}][{_MOD}]*)*(?:{EMOJI})*(?=[ \t]+[A-Z])"
)
_ASCII_BOUNDARY_RE = re.compile(
    rf"[.!?](?:(?<=\.)\.+|[.!?]*)[\"')\]]*(?:[ \t]+(?:{_EMOTICON})+)*(?=[ \t]+\S)"
)
_EMOJI_CHAR_RE = re.compile(f"[{_E}]")
# A quotation: "...", or '...' whose opening ' does not follow a letter or ' (checked just
# after the ', so that every match starts with a quote character: re then skips ahead to
# the next quote character instead of trying every position).
_QUOTE_RE = re.compile(
    r"\"[^\"\n]*\"|'(?<![\w']')(?=[^\W\d_])[^\n]*?[\w.!?,…](?<![^\W_]'[st])'(?!\w)"
)
_NEXT_RE = re.compile(r"[ \t]+(\S)")
_HAS_CONTENT_RE = re.compile(rf"[^\W_]|{EMOJI}|{_EMOTICON}")
_ASCII_HAS_CONTENT_RE = re.compile(rf"[^\W_]|{_EMOTICON}")


def _line_sentences(line: str, base: int, out: list[tuple[int, int]]) -> None:
    """Append the sentence spans of one normalised line (offset ``base``) to ``out``."""
    m = _LIST_MARKER_RE.match(line)
    pos = m.end() if m else 0
    quotes = None
    start = pos
    ascii_ = line.isascii()
    content = _ASCII_HAS_CONTENT_RE if ascii_ else _HAS_CONTENT_RE
    for b in _boundaries(line, pos, ascii_):
        end = b.end()
        nxt = _NEXT_RE.match(line, end)
        if nxt is None:
            continue
        ch = nxt.group(1)
        if ch.islower():
            continue
        term = b.group(0)
        if term[0] == "." and not term.startswith(".."):
            # the word before the full stop: the run of word characters and dots before it
            # (the match of r"([\w.]+)\.+$" up to the full stop, read backwards)
            dot = k = b.start()
            while k > start and (line[k - 1].isalnum() or line[k - 1] in "_."):
                k -= 1
            if k < dot:
                word = line[k:dot]
                if word.lower() in _ABBREVIATIONS or (
                    len(word) == 1 and word.isupper() and word != "I"
                ):
                    continue
        if quotes is None:
            quotes = (
                [q.span() for q in _QUOTE_RE.finditer(line)]
                if ('"' in line or "'" in line)
                else []
            )
        if any(qs < b.start() and end < qe for qs, qe in quotes):
            continue
        _add(line, start, end, base, out, content)
        start = nxt.start(1)
    _add(line, start, len(line), base, out, content)


def _boundaries(line: str, pos: int, ascii_: bool):
    """The sentence-end candidates of a line from ``pos``: the matches of
    ``punctuation-boundary|emoji-boundary``, in order, found with one search per branch."""
    if ascii_ or _EMOJI_CHAR_RE.search(line, pos) is None:
        yield from (_ASCII_BOUNDARY_RE if ascii_ else _PUNCT_BOUNDARY_RE).finditer(line, pos)
        return
    # the leftmost match of either branch, the punctuation branch on a tie (as "|" does);
    # every match is at least one character long, so the next search starts at its end
    branches = (_PUNCT_BOUNDARY_RE, _EMOJI_BOUNDARY_RE)
    hits: list[re.Match[str] | None] = [rx.search(line, pos) for rx in branches]
    while True:
        best = None
        for i, hit in enumerate(hits):
            if hit is not None and hit.start() < pos:
                hit = hits[i] = branches[i].search(line, pos)
            if hit is not None and (best is None or hit.start() < best.start()):
                best = hit
        if best is None:
            return
        yield best
        pos = best.end()


def _add(
    line: str,
    start: int,
    end: int,
    base: int,
    out: list[tuple[int, int]],
    content: re.Pattern[str] = _HAS_CONTENT_RE,
) -> None:
    seg = line[start:end]
    stripped = seg.strip()
    if not stripped or not content.search(stripped):
        return
    lead = len(seg) - len(seg.lstrip())
    out.append((base + start + lead, base + start + lead + len(stripped)))


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Character spans ``(start, end)`` of the sentences of ``text``.

    See the module docstring for the rules. Lines and segments without a letter, digit or
    emoji (``---``, ``...``) are not sentences.

    Parameters
    ----------
    text : str

    Returns
    -------
    list of tuple of int

    Examples
    --------
    >>> text = "Saw Dr. Lee at 9 a.m. It went ok...\\n- walked\\n- slept"
    >>> [text[s:e] for s, e in sentence_spans(text)]
    ['Saw Dr. Lee at 9 a.m.', 'It went ok...', 'walked', 'slept']
    """
    if not isinstance(text, str) or not text:
        return []
    return norm_sentence_spans(normalize(text))


def norm_sentence_spans(norm: str) -> list[tuple[int, int]]:
    """:func:`sentence_spans` of a text already passed through :func:`normalize`."""
    out: list[tuple[int, int]] = []
    base = 0
    for line in norm.split("\n"):
        if line.strip():
            _line_sentences(line, base, out)
        base += len(line) + 1
    return out


def split_sentences(text: str) -> list[str]:
    """Split ``text`` into sentences with the rules of this module (no punkt data).

    Parameters
    ----------
    text : str

    Returns
    -------
    list of str
        The sentences as they appear in ``text`` (not normalised).

    Examples
    --------
    >>> split_sentences("Why did he go? I don't know... maybe he was tired 😔 Then I slept")
    ['Why did he go?', "I don't know... maybe he was tired 😔", 'Then I slept']
    """
    return [text[s:e] for s, e in sentence_spans(text)]
