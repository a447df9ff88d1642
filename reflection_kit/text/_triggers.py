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

__all__ = ["Alternative", "CueSet", "compile_alternatives", "find", "present", "split_top"]

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
            regex = re.compile(part[2:] if strip else part, flags)
            out.append(Alternative(regex, trig, detail, strip))
    return tuple(out)


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
        for t, ix in self.by_trigger:
            if (t in present) if present is not None else (t in low):
                act.update(ix)
        return sorted(act)

    @property
    def literals(self) -> frozenset[str]:
        """Every trigger literal."""
        return frozenset(t for t, _ in self.by_trigger)


def present(literals: tuple[str, ...], low: str) -> frozenset[str]:
    """The literals that occur in ``low`` (one pass for several cue sets)."""
    return frozenset(t for t in literals if t in low)


def find(
    cues: CueSet, low: str, found_literals: frozenset[str] | None = None
) -> list[tuple[int, int, str]]:
    """``(start, end, detail)`` of every match, merged like a single alternation."""
    found = []
    alternatives = cues.alternatives
    for idx in cues.active(low, found_literals):
        alt = alternatives[idx]
        for m in alt.regex.finditer(low):
            start = m.start()
            if m.end() > start and not (
                alt.boundary and start and (low[start - 1].isalnum() or low[start - 1] == "_")
            ):
                found.append((start, idx, m.end(), alt.detail))
    if len(found) > 1:
        found.sort()
    out, last = [], -1
    for start, _idx, end, detail in found:
        if start >= last:
            out.append((start, end, detail))
            last = end
    return out
