"""Fast cue matching: each pattern runs only when one of its trigger words is in the text.

A cue list is an alternation of a few dozen regular expressions. Python's ``re`` tries every
branch at every word boundary, which made cue matching the slowest step of scoring. Instead,
each top-level alternative gets a set of *trigger* literals read from the start of its pattern
(``\\bkeep...`` -> ``{"keep"}``, ``\\b(?:should|could)...`` -> ``{"should", "could"}``); an
alternative runs only when one of its triggers occurs in the lower-cased text (a plain substring
test). Alternatives whose start is not a plain literal get no trigger and always run.

Matches of all alternatives are merged like one alternation would: leftmost first, the earlier
alternative on a tie, no overlaps.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

__all__ = [
    "Alternative",
    "CueSet",
    "LiteralIndex",
    "compile_alternatives",
    "find",
    "guarded_spans",
    "present",
    "split_top",
]

_META = set(".^$*+?{}[]()|\\")
_QUANT = set("?*{")


def regex_tokens(pattern: str, start: int = 0) -> Iterator[tuple[int, str, bool]]:
    """Walk a regular expression: ``(position, token, in_class)`` for each token.

    A token is an escape pair (``\\.``) or one character; ``in_class`` is True when the
    token stands inside a character class (``[...]``; the opening ``[`` itself is not).
    The one walk that :func:`split_top`, the group matcher and the apostrophe rule share.

    Examples
    --------
    >>> [t for _, t, inside in regex_tokens("a[(]b(") if not inside]
    ['a', '[', 'b', '(']
    """
    i, in_class = start, False
    while i < len(pattern):
        if pattern[i] == "\\":
            yield i, pattern[i : i + 2], in_class
            i += 2
            continue
        c = pattern[i]
        yield i, c, in_class
        in_class = c != "]" if in_class else c == "["
        i += 1


def split_top(pattern: str) -> list[str]:
    """Split a regular expression at its top-level ``|``."""
    parts, cur, depth = [], [], 0
    for _, tok, in_class in regex_tokens(pattern):
        if not in_class:
            if tok == "(":
                depth += 1
            elif tok == ")":
                depth -= 1
            elif tok == "|" and depth == 0:
                parts.append("".join(cur))
                cur = []
                continue
        cur.append(tok)
    parts.append("".join(cur))
    return parts


def _group_end(s: str, start: int) -> int:
    depth = 0
    for i, tok, in_class in regex_tokens(s, start):
        if in_class:
            continue
        if tok == "(":
            depth += 1
        elif tok == ")":
            depth -= 1
            if depth == 0:
                return i
    return -1


def _top_tokens(s: str) -> list[tuple[str, str, str]]:
    """Top-level tokens of a pattern: (kind, text, quantifier)."""
    out, i = [], 0
    while i < len(s):
        c = s[i]
        if c == "\\":
            kind, text, i = "esc", s[i + 1 : i + 2], i + 2
        elif c == "(":
            end = _group_end(s, i)
            if end < 0:
                return out
            body = s[i + 1 : end]
            if body.startswith(("?=", "?!", "?<=", "?<!")):
                kind, text = "assert", body
            elif body.startswith("?:"):
                kind, text = "group", body[2:]
            elif body.startswith("?P<"):
                kind, text = "group", body[body.index(">") + 1 :]
            else:
                kind, text = ("group", body) if not body.startswith("?") else ("other", body)
            i = end + 1
        elif c == "[":
            j = i + 1
            while j < len(s) and s[j] != "]":
                j += 2 if s[j] == "\\" else 1
            kind, text, i = "class", s[i : j + 1], j + 1
        elif c in _META:
            kind, text, i = "meta", c, i + 1
        else:
            kind, text, i = "lit", c, i + 1
        q = ""
        if i < len(s) and s[i] in "?*+{":
            j = s.index("}", i) + 1 if s[i] == "{" else i + 1
            if j < len(s) and s[j] == "?":
                j += 1
            q, i = s[i:j], j
        out.append((kind, text, q))
    return out


def _start_triggers(pattern: str) -> frozenset[str] | None:
    found = _scan(pattern)
    return found[0] if found and found[1] else None


def _selectivity(trig: frozenset[str]) -> int:
    return min(4 if not t.isalnum() and len(t) == 1 else len(t) for t in trig)


def _scan(pattern: str) -> tuple[frozenset[str], bool] | None:
    """The most selective mandatory literal (or group of them), and whether the pattern starts
    with a mandatory literal (or group of them) beginning with a letter or digit."""
    found = list(_candidates(pattern))
    if not found:
        return None
    first = found[0]
    best = max(found, key=lambda f: _selectivity(f[0]))
    starts = first[1] and all(t[:1].isalnum() for t in first[0])
    return (best[0] if _selectivity(best[0]) > _selectivity(first[0]) else first[0]), starts


def _candidates(pattern: str):
    toks = _top_tokens(pattern)
    run: list[str] = []
    run_start = True
    at_start = True
    for kind, text, q in [*toks, ("end", "", "")]:
        optional = q[:1] in ("?", "*") or q.startswith(("{0", "{,"))
        literal = kind == "lit" or (kind == "esc" and not text.isalnum())
        if literal and not optional:
            run.append(text)
            if q:  # "a+" : the literal is there, but what follows may repeat it
                kind = "stop"
            else:
                continue
        lit = "".join(run)
        if len(lit) >= 2 or (len(lit) == 1 and not lit.isalnum() and not lit.isspace()):
            yield frozenset([lit]), run_start
            at_start = False
        run = []
        if kind == "esc" and text == "b" and at_start:
            continue
        if kind == "group" and not optional:
            parts = [_start_triggers(p) for p in split_top(text)]
            if all(t is not None for t in parts):
                yield frozenset().union(*parts), at_start
        if kind == "end":
            return
        at_start = False
        run_start = False
        if literal and optional:
            continue


def triggers(pattern: str) -> frozenset[str] | None:
    """Literals one of which every match of ``pattern`` contains, or None if unknown.

    Examples
    --------
    >>> sorted(triggers(r"\\b(?:should|could)n't\\b"))
    ['could', 'should']
    >>> sorted(triggers(r"(?<=^)(?:how|why)[^?]*\\?"))
    ['?']
    >>> sorted(triggers(r"\\bi\\s+(?:deserve|deserved)"))
    ['deserve', 'deserved']
    """
    found = _scan(pattern)
    return None if found is None else found[0]


@dataclass(frozen=True)
class Alternative:
    """One top-level alternative of a cue list."""

    regex: re.Pattern[str]
    triggers: frozenset[str] | None
    detail: str
    #: the pattern started with ``\b``, which was taken off (a pattern that starts with a
    #: literal is found much faster by ``re``) and is checked on each match instead
    boundary: bool = False
    #: the pattern started with ``\b`` and a group whose every branch starts with a letter
    #: or digit: the ``\b`` was taken off (``re`` then skips ahead to the first letters of
    #: the branches) and a match not at a word boundary restarts the search one character
    #: later, which finds exactly the matches of the pattern with its ``\b``
    restart: bool = False
    #: when the pattern starts with a group of branches that each start with a literal of two
    #: or more characters: one regex per branch (the branch, then the rest of the pattern),
    #: each found by ``re``'s fast literal search, compiled when first searched (with
    #: ``regex.flags``); see :func:`_branch_search`
    branches: tuple[str, ...] = ()
    #: the literal each branch starts with (a branch whose literal is not in the text has no
    #: match and is not searched)
    prefixes: tuple[str, ...] = ()


_CAPTURE_RE = re.compile(r"\\[1-9]|\((?!\?)|\(\?P")


def _literal_prefix(pattern: str) -> str:
    """The literal characters every match of ``pattern`` starts with."""
    out = []
    for kind, text, q in _top_tokens(pattern):
        if kind != "lit" or q:
            break
        out.append(text)
    return "".join(out)


def _split_branches(pattern: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """``(?:b1|b2|...)rest`` -> one ``(?:bi)rest`` per branch and the literal each starts
    with, when every branch starts with a literal of 2+ characters (else empty).

    A match of the pattern at a position is the match of its first branch that matches
    there (the alternation tries the branches in order, each with the rest), so the leftmost
    match of the pattern is the leftmost of the branches' matches, the earliest branch on a
    tie.
    """
    if not pattern.startswith("(?:") or _CAPTURE_RE.search(pattern):
        return (), ()
    end = _group_end(pattern, 0)
    rest = pattern[end + 1 :] if end > 0 else ""
    if end < 0 or rest[:1] in ("?", "*", "+", "{"):
        return (), ()
    branches = split_top(pattern[3:end])
    prefixes = tuple(_literal_prefix(b) for b in branches)
    if len(branches) < 2 or any(len(p) < 2 for p in prefixes):
        return (), ()
    return tuple(f"(?:{b}){rest}" for b in branches), prefixes


_BRANCH_REGEXES: dict[tuple[str, int], re.Pattern[str]] = {}


def _branch_regex(source: str, flags: int) -> re.Pattern[str]:
    """The compiled branch (compiled once, when first needed: most never are in a short
    journal, and loading the lexicon stays as quick as before)."""
    key = (source, flags)
    rx = _BRANCH_REGEXES.get(key)
    if rx is None:
        rx = _BRANCH_REGEXES[key] = re.compile(source, flags)
    return rx


def compile_alternatives(
    patterns: list[tuple[str, str]], flags: int = 0
) -> tuple[Alternative, ...]:
    """Compile ``(pattern, detail)`` pairs into alternatives with their triggers."""
    out = []
    for pattern, detail in patterns:
        for part in split_top(pattern):
            found = _scan(part)
            trig = None if found is None else found[0]
            strip = (
                found is not None
                and found[1]
                and part.startswith("\\b")
                and not part.startswith("\\b\\b")
            )
            restart = (
                not strip
                and part.startswith("\\b")
                and not part.startswith("\\b\\b")
                and _word_first(part[2:])
            )
            body = part[2:] if strip or restart else part
            regex = re.compile(body, flags)
            branches, prefixes = _split_branches(body)
            out.append(Alternative(regex, trig, detail, strip, restart, branches, prefixes))
    return tuple(out)


def _word_first(pattern: str) -> bool:
    """True when every match of ``pattern`` starts with a literal ASCII letter or digit
    (read from its first token, through groups and their branches).

    Examples
    --------
    >>> _word_first("(?:i'?m|i am) ok"), _word_first(r"(?:\\w+|\\d+) times"), _word_first("(?:a|)")
    (True, False, False)
    """
    toks = _top_tokens(pattern)
    if not toks:
        return False
    kind, text, q = toks[0]
    if q[:1] in ("?", "*") or q.startswith(("{0", "{,")):
        return False
    if kind == "lit":
        return text.isascii() and text.isalnum()
    if kind == "group":
        return all(_word_first(p) for p in split_top(text))
    return False


@dataclass(frozen=True)
class CueSet:
    """Alternatives plus an index from each trigger literal to the alternatives it gates."""

    alternatives: tuple[Alternative, ...]
    by_trigger: tuple[tuple[str, tuple[int, ...]], ...]
    always: tuple[int, ...]

    @classmethod
    def build(cls, alternatives: tuple[Alternative, ...]) -> CueSet:
        index: dict[str, list[int]] = {}
        always = []
        for i, alt in enumerate(alternatives):
            if alt.triggers is None:
                always.append(i)
            else:
                for t in alt.triggers:
                    index.setdefault(t, []).append(i)
        by = tuple((t, tuple(ix)) for t, ix in sorted(index.items()))
        return cls(alternatives, by, tuple(always))

    def active(self, low: str, present: frozenset[str] | None = None) -> list[int]:
        """Indices of the alternatives that can match ``low``, in order.

        ``present`` is the set of trigger literals found in ``low`` (see :func:`present`).
        """
        act = set(self.always)
        if present is None:
            for t, ix in self.by_trigger:
                if t in low:
                    act.update(ix)
        else:
            index = _trigger_index(self)
            for t in present:
                ix = index.get(t)
                if ix is not None:
                    act.update(ix)
        return sorted(act)

    @property
    def literals(self) -> frozenset[str]:
        """Every trigger literal."""
        return frozenset(t for t, _ in self.by_trigger)

    @property
    def prefixes(self) -> frozenset[str]:
        """Every literal a branch of an alternative starts with."""
        return frozenset(p for alt in self.alternatives for p in alt.prefixes)


_INDEXES: dict[int, tuple[CueSet, dict[str, tuple[int, ...]]]] = {}


def _trigger_index(cues: CueSet) -> dict[str, tuple[int, ...]]:
    """``by_trigger`` as a dict (built once per cue set)."""
    hit = _INDEXES.get(id(cues))
    if hit is None or hit[0] is not cues:
        hit = (cues, dict(cues.by_trigger))
        _INDEXES[id(cues)] = hit
    return hit[1]


_LETTER_RUN_RE = re.compile(r"[a-z]+")
_MEMO_WORDS = 200_000


class LiteralIndex:
    """Which of a fixed set of literals occur in a text, without searching for each one.

    A literal made of the letters a-z can only occur inside a run of such letters, so the
    text's distinct letter runs ("words") are looked up in a memo of the literals each word
    contains (words repeat, so the memo is nearly always hit). A literal with other characters
    (spaces, punctuation) is searched for only when its longest letter run is in some word.
    The answer is exactly ``{t for t in literals if t in low}``.

    Examples
    --------
    >>> sorted(LiteralIndex(("keep", "again and again", "?", "am")).present("i came again?"))
    ['?', 'am']
    """

    def __init__(self, literals: tuple[str, ...]) -> None:
        self.literals = tuple(literals)
        alpha = {t for t in self.literals if _LETTER_RUN_RE.fullmatch(t)}
        self._alpha = frozenset(alpha)
        self._unkeyed: list[str] = []  # no letters: always searched for
        self._by_key: dict[str, list[str]] = {}  # longest letter run -> literals
        for t in self.literals:
            if t in alpha:
                continue
            runs = _LETTER_RUN_RE.findall(t)
            if runs:
                self._by_key.setdefault(max(runs, key=len), []).append(t)
            else:
                self._unkeyed.append(t)
        self._key_set = frozenset(alpha | set(self._by_key))
        lengths = [len(k) for k in self._key_set] or [1]
        self._key_lengths = (min(lengths), max(lengths))
        self._memo: dict[str, tuple[str, ...]] = {}

    def _in_word(self, word: str) -> tuple[str, ...]:
        hit = self._memo.get(word)
        if hit is None:
            # the key literals among the word's substrings (fewer lookups than keys)
            n, keys = len(word), self._key_set
            lo, hi = self._key_lengths
            hit = tuple(
                {
                    word[i : i + m]
                    for m in range(lo, min(hi, n) + 1)
                    for i in range(n - m + 1)
                    if word[i : i + m] in keys
                }
            )
            if len(self._memo) >= _MEMO_WORDS:
                self._memo.clear()
            self._memo[word] = hit
        return hit

    def present(self, low: str) -> frozenset[str]:
        """The literals that occur in ``low``."""
        keys: set[str] = set()
        for word in set(_LETTER_RUN_RE.findall(low)):
            hit = self._in_word(word)
            if hit:
                keys.update(hit)
        found = keys & self._alpha
        by_key = self._by_key
        for key in keys:
            for t in by_key.get(key, ()):
                if t in low:
                    found.add(t)
        for t in self._unkeyed:
            if t in low:
                found.add(t)
        return frozenset(found)


_LITERAL_INDEXES: dict[tuple[str, ...], LiteralIndex] = {}


def present(literals: tuple[str, ...], low: str) -> frozenset[str]:
    """The literals that occur in ``low`` (one pass for several cue sets).

    Examples
    --------
    >>> sorted(present(("what if", "why", "ok"), "why not? what if..."))
    ['what if', 'why']
    """
    index = _LITERAL_INDEXES.get(literals)
    if index is None:
        index = _LITERAL_INDEXES[literals] = LiteralIndex(literals)
    return index.present(low)


_USES: dict[int, int] = {}
#: An alternative is searched branch by branch once it has been searched this many times:
#: compiling the branches costs more than it saves in a short journal (both ways find the
#: same matches).
_WARM_USES = 32


def _warm(alt: Alternative) -> bool:
    n = _USES.get(id(alt), 0)
    if n >= _WARM_USES:
        return True
    _USES[id(alt)] = n + 1
    return False


def _branch_search(alt: Alternative, low: str, present: frozenset[str] | None):
    """``search(pos)`` -> (start, end) of the leftmost match of ``alt`` (split in branches)
    from ``pos``.

    Each branch's own leftmost match is kept until ``pos`` passes its start (it is then still
    the branch's leftmost match from ``pos``); a branch with no match is never searched again,
    and a branch whose first literal is not in the text (``present``, else ``low``) never is.
    """
    branches, flags = alt.branches, alt.regex.flags
    if present is None:
        hits: list[tuple[int, int] | None] = [(-1, -1) if p in low else None for p in alt.prefixes]
    else:
        hits = [(-1, -1) if p in present else None for p in alt.prefixes]

    def search(pos: int) -> tuple[int, int] | None:
        best = None
        for i, hit in enumerate(hits):
            if hit is None:
                continue
            if hit[0] < pos:
                m = _branch_regex(branches[i], flags).search(low, pos)
                hit = hits[i] = None if m is None else m.span()
                if hit is None:
                    continue
            if best is None or hit[0] < best[0]:
                best = hit
        return best

    return search


def _after_word(text: str, start: int, extra: str = "_") -> bool:
    """Whether the character before ``start`` is a word character (``\\w``, or in ``extra``)."""
    return bool(start) and (text[start - 1].isalnum() or text[start - 1] in extra)


def find(
    cues: CueSet, low: str, found_literals: frozenset[str] | None = None
) -> list[tuple[int, int, str]]:
    """``(start, end, detail)`` of every match, merged like a single alternation.

    ``found_literals``, when given, must be exactly the literals of
    ``cues.literals | cues.prefixes`` that occur in ``low`` (a :class:`LiteralIndex` of
    them gives it); without it, each literal is looked for in ``low``.
    """
    found = []
    alternatives = cues.alternatives
    for idx in cues.active(low, found_literals):
        alt = alternatives[idx]
        if alt.branches and _warm(alt):
            # every match is at least 2 characters long, so finditer is the same as
            # searching again from the end of each match
            search, pos = _branch_search(alt, low, found_literals), 0
            while (hit := search(pos)) is not None:
                start, end = hit
                if (alt.boundary or alt.restart) and _after_word(low, start):
                    pos = start + 1 if alt.restart else end
                    continue
                found.append((start, idx, end, alt.detail))
                pos = end
            continue
        if alt.restart:
            search, pos = alt.regex.search, 0
            while (m := search(low, pos)) is not None:
                start = m.start()
                if _after_word(low, start):
                    pos = start + 1  # not at a word boundary: what \b would have refused
                    continue
                found.append((start, idx, m.end(), alt.detail))
                pos = m.end()
            continue
        for m in alt.regex.finditer(low):
            start = m.start()
            if m.end() > start and not (alt.boundary and _after_word(low, start)):
                found.append((start, idx, m.end(), alt.detail))
    if len(found) > 1:
        found.sort()
    out, last = [], -1
    for start, _idx, end, detail in found:
        if start >= last:
            out.append((start, end, detail))
            last = end
    return out


# --- patterns that start with a word guard -------------------------------------------------

_GUARDS = ("(?<![\\w'])", "\\b")
_UNGUARDED: dict[re.Pattern[str], tuple[re.Pattern[str], str] | None] = {}


def _unguarded(rx: re.Pattern[str]) -> tuple[re.Pattern[str], str] | None:
    """``rx`` without its leading ``(?<![\\w'])`` (or ``\\b`` before a letter or digit), and
    the characters that may not come just before a match; None when it has no such guard."""
    if rx in _UNGUARDED:
        return _UNGUARDED[rx]
    out = None
    pattern = rx.pattern
    if pattern.startswith(_GUARDS[0]) and not pattern.startswith(_GUARDS[0] * 2):
        out = (re.compile(pattern[len(_GUARDS[0]) :], rx.flags), "_'")
    elif (
        pattern.startswith(_GUARDS[1])
        and not pattern.startswith(_GUARDS[1] * 2)
        and _word_first(pattern[2:])
    ):
        out = (re.compile(pattern[2:], rx.flags), "_")
    if len(_UNGUARDED) >= 256:
        _UNGUARDED.clear()
    _UNGUARDED[rx] = out
    return out


def guarded_spans(
    rx: re.Pattern[str], text: str, pos: int = 0, endpos: int | None = None
) -> list[tuple[int, int]]:
    """The spans of ``rx.finditer(text, pos, endpos)``, found faster when ``rx`` starts with
    ``(?<![\\w'])`` or ``\\b``.

    Such a guard keeps ``re`` from skipping ahead to the pattern's first letters, so it is
    taken off and checked on the character before each match instead; when it fails there,
    the search goes on one character later - which finds exactly the matches of ``rx``.

    Examples
    --------
    >>> rx = re.compile(r"(?<![\\w'])(?:no|not)(?![\\w'])")
    >>> guarded_spans(rx, "no, not now; piano not")
    [(0, 2), (4, 7), (19, 22)]
    """
    end = len(text) if endpos is None else endpos
    plain = _unguarded(rx)
    if plain is None:
        return [m.span() for m in rx.finditer(text, pos, end)]
    search, extra = plain[0].search, plain[1]
    first, out = pos, []
    while (m := search(text, pos, end)) is not None:
        start, stop = m.span()
        if stop == start:  # an empty match: leave finditer's rules to finditer
            return [x.span() for x in rx.finditer(text, first, end)]
        if _after_word(text, start, extra):
            pos = start + 1
            continue
        out.append((start, stop))
        pos = stop
    return out
