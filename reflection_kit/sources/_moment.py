"""Obsidian daily-note file names: moment.js date formats as regular expressions.

Obsidian names a daily note after a moment.js pattern (default ``YYYY-MM-DD``);
``/`` in the pattern makes folders, ``[...]`` is literal text. This module turns
such a pattern into a matcher that reads the date (and, when the pattern has
``HH``/``mm``, the time) back from a note's path. Month and weekday names are
the English ones.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache

__all__ = ["DEFAULT_FORMAT", "DateMatcher", "UnsupportedFormat", "render"]

DEFAULT_FORMAT = "YYYY-MM-DD"
_MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
_NAME = r"[^\W\d_]+"
# token -> (field, regex); longest tokens first
_TOKENS: tuple[tuple[str, str, str], ...] = (
    ("YYYY", "Y", r"\d{4}"),
    ("MMMM", "B", _NAME),
    ("dddd", "", _NAME),
    ("MMM", "b", _NAME + r"\.?"),
    ("ddd", "", _NAME),
    ("YY", "y", r"\d{2}"),
    ("MM", "m", r"\d{2}"),
    ("Do", "d", r"\d{1,2}(?:st|nd|rd|th)"),
    ("DD", "d", r"\d{2}"),
    ("dd", "", _NAME),
    ("HH", "H", r"\d{2}"),
    ("mm", "M", r"\d{2}"),
    ("ss", "S", r"\d{2}"),
    ("M", "m", r"\d{1,2}"),
    ("D", "d", r"\d{1,2}"),
    ("H", "H", r"\d{1,2}"),
    ("d", "", r"[0-6]"),
)
# other moment tokens we cannot read back into a calendar day
_UNSUPPORTED = set("gGwWQXxEeAahkSZzNn")
#: The tokens as one alternation, in the same order: the first that fits wins.
_BY_TOKEN = {tok: (field, rx) for tok, field, rx in _TOKENS}
_TOKEN_RX = re.compile("|".join(re.escape(tok) for tok, _, _ in _TOKENS))
#: Longest pattern read. Obsidian's are a few dozen characters; a longer one is a
#: damaged settings file, and would only cost time (and a huge regular expression).
MAX_FORMAT_LENGTH = 200


class UnsupportedFormat(ValueError):
    """A moment.js pattern that does not name a single day."""


def _compile(segment: str, counter: list[int]) -> tuple[str, list[tuple[str, str]]]:
    out, fields, i = [], [], 0
    while i < len(segment):
        c = segment[i]
        if c == "[":
            j = segment.find("]", i)
            if j < 0:
                raise UnsupportedFormat(f"unclosed '[' in {segment!r}")
            out.append(re.escape(segment[i + 1 : j]))
            i = j + 1
            continue
        m = _TOKEN_RX.match(segment, i)
        if m is not None:
            field, rx = _BY_TOKEN[m.group()]
            if field:
                name = f"g{counter[0]}"
                counter[0] += 1
                out.append(f"(?P<{name}>{rx})")
                fields.append((name, field))
            else:
                out.append(f"(?:{rx})")
            i = m.end()
        else:
            if c in _UNSUPPORTED:
                raise UnsupportedFormat(f"moment token {c!r} in {segment!r} is not supported")
            out.append(re.escape(c))
            i += 1
    return "".join(out), fields


@dataclass(frozen=True)
class _Pattern:
    regex: re.Pattern[str]
    fields: tuple[tuple[str, str], ...]
    depth: int


@lru_cache(maxsize=64)
def _pattern(fmt: str) -> _Pattern:
    if len(fmt) > MAX_FORMAT_LENGTH:
        raise UnsupportedFormat(
            f"the pattern is {len(fmt):,} characters long, more than the {MAX_FORMAT_LENGTH} "
            "a daily-note format can have"
        )
    counter = [0]
    rx, fields = _compile(fmt, counter)
    have = {f for _, f in fields}
    if not ({"Y", "y"} & have and {"m", "b", "B"} & have and "d" in have):
        raise UnsupportedFormat(f"{fmt!r} does not name a year, a month and a day")
    return _Pattern(re.compile(rx, re.IGNORECASE), tuple(fields), fmt.count("/") + 1)


class DateMatcher:
    """Read a day (and maybe a time) from a note's path, given a moment pattern.

    The basename is matched against the last path segment of the pattern; when
    that segment alone does not name a day (``YYYY/MM/DD``), the folders are
    matched too.

    Parameters
    ----------
    fmt : str
        A moment.js pattern such as ``"YYYY/MM/YYYY-MM-DD"``.

    Raises
    ------
    UnsupportedFormat
        When the pattern holds week or ordinal tokens, or names no single day.

    Examples
    --------
    >>> from reflection_kit.sources._moment import DateMatcher
    >>> DateMatcher("YYYY/MMMM/YYYY-MMM-DD").match("2023/January/2023-Jan-01")
    (datetime.date(2023, 1, 1), None)
    >>> DateMatcher("YYYY/MM/DD").match("notes/2024/03/05")
    (datetime.date(2024, 3, 5), None)
    """

    def __init__(self, fmt: str) -> None:
        self.format = fmt
        fmt = fmt.strip().strip("/")
        last = fmt.rsplit("/", 1)[-1]
        self._patterns: list[_Pattern] = []
        try:
            self._patterns.append(_pattern(last))
        except UnsupportedFormat:
            if "/" not in fmt:
                raise
        if "/" in fmt:
            self._patterns.append(_pattern(fmt))

    def match(self, stem_path: str) -> tuple[date, tuple[int, int] | None] | None:
        """The day and optional (hour, minute) named by ``stem_path``; None if none.

        ``stem_path`` is the note's path without ``.md``. A name that fits the
        pattern but names an impossible day raises :class:`ValueError`.
        """
        parts = stem_path.split("/")
        for p in self._patterns:
            tail = "/".join(parts[-p.depth :])
            m = p.regex.fullmatch(tail)
            if m is None:
                continue
            return _to_date(m, p.fields)
        return None


def _to_date(m: re.Match[str], fields: tuple[tuple[str, str], ...]) -> tuple[date, tuple | None]:
    got: dict[str, int] = {}
    for name, field in fields:
        raw = m.group(name)
        if field in ("b", "B"):
            word = raw.rstrip(".").casefold()
            hits = [i for i, mo in enumerate(_MONTHS, 1) if mo.startswith(word) and len(word) >= 3]
            if not hits:
                raise ValueError(f"{raw!r} is not an English month name")
            value, field = hits[0], "m"
        elif field == "y":
            value, field = 2000 + int(raw), "Y"
        else:
            value = int(re.sub(r"\D", "", raw))
        if field in got and got[field] != value:
            raise ValueError(f"the folders and the name disagree ({got[field]} vs {value})")
        got[field] = value
    day = date(got["Y"], got["m"], got["d"])  # ValueError for 2024-02-30
    clock = None
    if "H" in got:
        datetime(2000, 1, 1, got["H"], got.get("M", 0), got.get("S", 0))  # checks ranges
        clock = (got["H"], got.get("M", 0))
    return day, clock


_RENDER = {
    "YYYY": "%Y",
    "MMMM": "%B",
    "dddd": "%A",
    "MMM": "%b",
    "ddd": "%a",
    "YY": "%y",
    "MM": "%m",
    "DD": "%d",
    "HH": "%H",
    "mm": "%M",
    "ss": "%S",
}


def render(fmt: str, day: date) -> str:
    """Write ``day`` in a moment.js pattern (for examples in messages).

    Examples
    --------
    >>> from datetime import date
    >>> from reflection_kit.sources._moment import render
    >>> render("YYYY/MM/YYYY-MM-DD", date(2024, 3, 5))
    '2024/03/2024-03-05'
    """
    out, i = [], 0
    names = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    while i < len(fmt):
        if fmt[i] == "[":
            j = fmt.find("]", i)
            j = len(fmt) if j < 0 else j
            out.append(fmt[i + 1 : j])
            i = j + 1
            continue
        for tok in (
            "YYYY",
            "MMMM",
            "dddd",
            "MMM",
            "ddd",
            "YY",
            "MM",
            "DD",
            "HH",
            "mm",
            "ss",
            "Do",
            "M",
            "D",
            "H",
        ):
            if fmt.startswith(tok, i):
                if tok in ("MMMM", "MMM"):
                    name = _MONTHS[day.month - 1].capitalize()
                    out.append(name if tok == "MMMM" else name[:3])
                elif tok in ("dddd", "ddd"):
                    name = names[day.weekday()]
                    out.append(name if tok == "dddd" else name[:3])
                elif tok in _RENDER:
                    out.append(datetime(day.year, day.month, day.day).strftime(_RENDER[tok]))
                elif tok == "Do":
                    out.append(f"{day.day}th")
                else:
                    out.append(str({"M": day.month, "D": day.day, "H": 0}[tok]))
                i += len(tok)
                break
        else:
            out.append(fmt[i])
            i += 1
    return "".join(out)
