"""Obsidian daily-note names: moment.js date formats, written and read back.

Obsidian names a daily note after a moment.js pattern (default ``YYYY-MM-DD``); ``/`` in the
pattern makes folders and ``[...]`` is literal text. This module is the one place that knows
the pattern language: :func:`render` writes a day in a pattern (``rk.new_entry`` names its
note with it) and :class:`DateMatcher` reads the day (and the time, when the pattern has
one) back from a note's path (the Markdown reader). Both use the same token table, the
tokens of moment.js 2 in its default English locale:

=====================  ====================================================================
year                   ``YYYY YY Y YYYYY YYYYYY``, era year ``y yy yyyy yo``, era ``N``...
month, quarter         ``M Mo MM MMM MMMM``, ``Q Qo``
day of month / year    ``D Do DD``, ``DDD DDDo DDDD``
day of week            ``d do dd ddd dddd`` (Sunday 0), ``e`` (locale), ``E`` (ISO, Monday 1)
week, week year        ``w wo ww gg gggg ggggg`` (locale: weeks start on Sunday, week 1 holds
                       1 January), ``W Wo WW GG GGGG GGGGG`` (ISO)
time                   ``H HH h hh k kk m mm s ss S...SSSSSSSSS a A Hmm Hmmss hmm hmmss``
time zone, timestamps  ``Z ZZ z zz``, ``X`` (Unix seconds), ``x`` (milliseconds)
localised              ``LT LTS L LL LLL LLLL l ll lll llll`` (English)
literal text           ``[escaped text]`` and ``\\`` before one character
=====================  ====================================================================

A pattern names a day when it holds a Unix timestamp, a year with a day of the year, a year
with a month and a day of the month, or a week year (or year) with a week and a day of the
week. Other patterns (``gggg-[W]ww``: weekly notes) cannot be read back into days and raise
:class:`UnsupportedFormat`. Month and weekday names are the English ones, read in any case.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

__all__ = [
    "DEFAULT_FORMAT",
    "MAX_FORMAT_LENGTH",
    "DateMatcher",
    "UnsupportedFormat",
    "parse",
    "render",
    "tokens",
]

DEFAULT_FORMAT = "YYYY-MM-DD"
#: Longest pattern read. Obsidian's are a few dozen characters; a longer one is a
#: damaged settings file, and would only cost time (and a huge regular expression).
MAX_FORMAT_LENGTH = 200

_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_WEEKDAYS = ("Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday")
# moment's English long date formats (expanded before the pattern is read)
_LOCALISED = {
    "LTS": "h:mm:ss A",
    "LT": "h:mm A",
    "L": "MM/DD/YYYY",
    "LL": "MMMM D, YYYY",
    "LLL": "MMMM D, YYYY h:mm A",
    "LLLL": "dddd, MMMM D, YYYY h:mm A",
    "l": "M/D/YYYY",
    "ll": "MMM D, YYYY",
    "lll": "MMM D, YYYY h:mm A",
    "llll": "ddd, MMM D, YYYY h:mm A",
}
_LOCALISED_RE = re.compile(r"(\[[^\[]*\])|(\\)?(LTS|LT|LL?L?L?|l{1,4})")
# moment's own token regular expression (formattingTokens in moment/src/lib/format/format.js)
_TOKEN_RE = re.compile(
    r"(\[[^\[]*\])|(\\)?([Hh]mm(?:ss)?|Mo|MM?M?M?|Do|DDDo|DD?D?D?|ddd?d?|do?|w[o|w]?|W[o|W]?"
    r"|Qo?|N{1,5}|YYYYYY|YYYYY|YYYY|YY|y{2,4}|yo?|gg(?:ggg?)?|GG(?:GGG?)?|e|E|a|A|hh?|HH?|kk?"
    r"|mm?|ss?|S{1,9}|x|X|zz?|ZZ?|.)",
    re.DOTALL,
)


class UnsupportedFormat(ValueError):
    """A moment.js pattern that does not name a single day (or is too long to read)."""


def _ordinal(n: int) -> str:
    """moment's English ordinal: 1st 2nd 3rd 4th ... 11th 12th 13th ... 21st."""
    tail = "th" if (n % 100) // 10 == 1 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{tail}"


def _js_weekday(day: date) -> int:
    """Day of the week as moment's ``d``: Sunday 0 ... Saturday 6."""
    return (day.weekday() + 1) % 7


def _week_one(year: int, iso: bool) -> date:
    """The first day of week 1 of ``year``: ISO weeks (Monday, 4 January) or the English
    locale's (Sunday, 1 January)."""
    anchor = date(year, 1, 4 if iso else 1)
    start = 1 if iso else 0
    return anchor - timedelta(days=(_js_weekday(anchor) - start) % 7)


def _week(day: date, iso: bool) -> tuple[int, int]:
    """(week year, week) of ``day``."""
    year = day.year + 1 if day >= _week_one(day.year + 1, iso) else day.year
    if day < _week_one(year, iso):
        year -= 1
    return year, (day - _week_one(year, iso)).days // 7 + 1


def _pad(n: int, width: int, sign: bool = False) -> str:
    text = f"{abs(n):0{width}d}"
    if n < 0:
        return "-" + text
    return ("+" + text) if sign else text


def _offset(moment: datetime) -> tuple[int, int]:
    """(sign, minutes) of the local UTC offset at ``moment``."""
    off = moment.astimezone().utcoffset() or timedelta(0)
    minutes = int(off.total_seconds() // 60)
    return (1 if minutes >= 0 else -1), abs(minutes)


def _local(moment: datetime) -> datetime:
    return moment if moment.tzinfo is None else moment.astimezone().replace(tzinfo=None)


# token -> function writing it for a (naive, local) datetime
_WRITE = {
    "M": lambda t: str(t.month),
    "Mo": lambda t: _ordinal(t.month),
    "MM": lambda t: _pad(t.month, 2),
    "MMM": lambda t: _MONTHS[t.month - 1][:3],
    "MMMM": lambda t: _MONTHS[t.month - 1],
    "Q": lambda t: str((t.month - 1) // 3 + 1),
    "Qo": lambda t: _ordinal((t.month - 1) // 3 + 1),
    "D": lambda t: str(t.day),
    "Do": lambda t: _ordinal(t.day),
    "DD": lambda t: _pad(t.day, 2),
    "DDD": lambda t: str(t.timetuple().tm_yday),
    "DDDo": lambda t: _ordinal(t.timetuple().tm_yday),
    "DDDD": lambda t: _pad(t.timetuple().tm_yday, 3),
    "d": lambda t: str(_js_weekday(t)),
    "do": lambda t: _ordinal(_js_weekday(t)),
    "dd": lambda t: _WEEKDAYS[_js_weekday(t)][:2],
    "ddd": lambda t: _WEEKDAYS[_js_weekday(t)][:3],
    "dddd": lambda t: _WEEKDAYS[_js_weekday(t)],
    "e": lambda t: str(_js_weekday(t)),
    "E": lambda t: str(t.isoweekday()),
    "w": lambda t: str(_week(t.date(), False)[1]),
    "wo": lambda t: _ordinal(_week(t.date(), False)[1]),
    "ww": lambda t: _pad(_week(t.date(), False)[1], 2),
    "W": lambda t: str(_week(t.date(), True)[1]),
    "Wo": lambda t: _ordinal(_week(t.date(), True)[1]),
    "WW": lambda t: _pad(_week(t.date(), True)[1], 2),
    "Y": lambda t: _pad(t.year, 4) if t.year <= 9999 else f"+{t.year}",
    "YY": lambda t: _pad(t.year % 100, 2),
    "YYYY": lambda t: _pad(t.year, 4),
    "YYYYY": lambda t: _pad(t.year, 5),
    "YYYYYY": lambda t: _pad(t.year, 6, sign=True),
    "y": lambda t: str(t.year),
    "yo": lambda t: _ordinal(t.year),
    "yy": lambda t: _pad(t.year, 2),
    "yyy": lambda t: _pad(t.year, 3),
    "yyyy": lambda t: _pad(t.year, 4),
    "N": lambda t: "AD",
    "NN": lambda t: "AD",
    "NNN": lambda t: "AD",
    "NNNN": lambda t: "Anno Domini",
    "NNNNN": lambda t: "AD",
    "gg": lambda t: _pad(_week(t.date(), False)[0] % 100, 2),
    "gggg": lambda t: _pad(_week(t.date(), False)[0], 4),
    "ggggg": lambda t: _pad(_week(t.date(), False)[0], 5),
    "GG": lambda t: _pad(_week(t.date(), True)[0] % 100, 2),
    "GGGG": lambda t: _pad(_week(t.date(), True)[0], 4),
    "GGGGG": lambda t: _pad(_week(t.date(), True)[0], 5),
    "a": lambda t: "pm" if t.hour > 11 else "am",
    "A": lambda t: "PM" if t.hour > 11 else "AM",
    "H": lambda t: str(t.hour),
    "HH": lambda t: _pad(t.hour, 2),
    "h": lambda t: str(t.hour % 12 or 12),
    "hh": lambda t: _pad(t.hour % 12 or 12, 2),
    "k": lambda t: str(t.hour or 24),
    "kk": lambda t: _pad(t.hour or 24, 2),
    "m": lambda t: str(t.minute),
    "mm": lambda t: _pad(t.minute, 2),
    "s": lambda t: str(t.second),
    "ss": lambda t: _pad(t.second, 2),
    "Hmm": lambda t: f"{t.hour}{t.minute:02d}",
    "Hmmss": lambda t: f"{t.hour}{t.minute:02d}{t.second:02d}",
    "hmm": lambda t: f"{t.hour % 12 or 12}{t.minute:02d}",
    "hmmss": lambda t: f"{t.hour % 12 or 12}{t.minute:02d}{t.second:02d}",
    "X": lambda t: str(int(t.timestamp() // 1)),
    "x": lambda t: str(int(t.timestamp() * 1000 // 1)),
    "Z": lambda t: "{}{:02d}:{:02d}".format("+-"[_offset(t)[0] < 0], *divmod(_offset(t)[1], 60)),
    "ZZ": lambda t: "{}{:02d}{:02d}".format("+-"[_offset(t)[0] < 0], *divmod(_offset(t)[1], 60)),
    "z": lambda t: "",
    "zz": lambda t: "",
}
for _n in range(1, 10):
    _WRITE["S" * _n] = lambda t, n=_n: f"{t.microsecond:06d}{'0' * 3}"[:n]

_NAME = r"[^\W\d_]+"
_ORD = r"(?:st|nd|rd|th)"
# token -> (field, regular expression). Fields: Y year, y2 two-digit year, M month, Mn month
# name, D day, DDD day of year, wd weekday (Sunday 0), wn weekday name, E ISO weekday,
# w/W week, g/G week year, g2/G2 two-digit week year, H/h/k/m/s clock, a am-pm, X/x
# timestamps; "" is matched and not used.
_READ: dict[str, tuple[str, str]] = {
    "M": ("M", r"\d{1,2}"),
    "Mo": ("M", r"\d{1,2}" + _ORD),
    "MM": ("M", r"\d{2}"),
    "MMM": ("Mn", _NAME + r"\.?"),
    "MMMM": ("Mn", _NAME),
    "Q": ("", r"[1-4]"),
    "Qo": ("", r"[1-4]" + _ORD),
    "D": ("D", r"\d{1,2}"),
    "Do": ("D", r"\d{1,2}" + _ORD),
    "DD": ("D", r"\d{2}"),
    "DDD": ("DDD", r"\d{1,3}"),
    "DDDo": ("DDD", r"\d{1,3}" + _ORD),
    "DDDD": ("DDD", r"\d{3}"),
    "d": ("wd", r"[0-6]"),
    "do": ("wd", r"[0-6]" + _ORD),
    "dd": ("wn", _NAME),
    "ddd": ("wn", _NAME),
    "dddd": ("wn", _NAME),
    "e": ("wd", r"[0-6]"),
    "E": ("E", r"[1-7]"),
    "w": ("w", r"\d{1,2}"),
    "wo": ("w", r"\d{1,2}" + _ORD),
    "ww": ("w", r"\d{2}"),
    "W": ("W", r"\d{1,2}"),
    "Wo": ("W", r"\d{1,2}" + _ORD),
    "WW": ("W", r"\d{2}"),
    "Y": ("Y", r"[+-]?\d{1,6}"),
    "YY": ("y2", r"\d{2}"),
    "YYYY": ("Y", r"\d{4}"),
    "YYYYY": ("Y", r"[+-]?\d{5}"),
    "YYYYYY": ("Y", r"[+-]\d{6}"),
    "y": ("Y", r"\d{1,6}"),
    "yo": ("Y", r"\d{1,6}" + _ORD),
    "yy": ("Y", r"\d{2,6}"),
    "yyy": ("Y", r"\d{3,6}"),
    "yyyy": ("Y", r"\d{4}"),
    "N": ("", r"AD|BC"),
    "NN": ("", r"AD|BC"),
    "NNN": ("", r"AD|BC"),
    "NNNN": ("", r"Anno Domini|Before Christ"),
    "NNNNN": ("", r"AD|BC"),
    "gg": ("g2", r"\d{2}"),
    "gggg": ("g", r"\d{4}"),
    "ggggg": ("g", r"[+-]?\d{5}"),
    "GG": ("G2", r"\d{2}"),
    "GGGG": ("G", r"\d{4}"),
    "GGGGG": ("G", r"[+-]?\d{5}"),
    "a": ("a", r"[ap]\.?m?\.?"),
    "A": ("a", r"[ap]\.?m?\.?"),
    "H": ("H", r"\d{1,2}"),
    "HH": ("H", r"\d{2}"),
    "h": ("h", r"\d{1,2}"),
    "hh": ("h", r"\d{2}"),
    "k": ("k", r"\d{1,2}"),
    "kk": ("k", r"\d{2}"),
    "m": ("m", r"\d{1,2}"),
    "mm": ("m", r"\d{2}"),
    "s": ("s", r"\d{1,2}"),
    "ss": ("s", r"\d{2}"),
    "Hmm": ("Hmm", r"\d{3,4}"),
    "Hmmss": ("Hmmss", r"\d{5,6}"),
    "hmm": ("hmm", r"\d{3,4}"),
    "hmmss": ("hmmss", r"\d{5,6}"),
    "X": ("X", r"-?\d+(?:\.\d{1,3})?"),
    "x": ("x", r"-?\d+"),
    "Z": ("", r"Z|[+-]\d{2}:?\d{2}"),
    "ZZ": ("", r"Z|[+-]\d{2}:?\d{2}"),
    "z": ("", r"[A-Za-z]*"),
    "zz": ("", r"[A-Za-z]*"),
}
for _n in range(1, 10):
    _READ["S" * _n] = ("", rf"\d{{{_n}}}" if _n < 4 else r"\d+")


def _expand(fmt: str) -> str:
    """Replace the localised tokens (``L``, ``LT``...) by their English patterns."""
    for _ in range(5):  # as moment does: a few rounds for formats inside formats
        new = _LOCALISED_RE.sub(
            lambda m: m.group(0) if m.group(1) or m.group(2) else _LOCALISED[m.group(3)], fmt
        )
        if new == fmt:
            break
        fmt = new
    return fmt


def tokens(fmt: str) -> list[tuple[str, bool]]:
    """Split a moment pattern into ``(text, is_token)`` pieces, as moment.js does.

    Examples
    --------
    >>> tokens("[Week] W, YYYY")
    [('Week ', False), ('W', True), (', ', False), ('YYYY', True)]
    """
    out: list[tuple[str, bool]] = []
    for m in _TOKEN_RE.finditer(_expand(fmt)):
        if m.group(1):
            piece, is_token = m.group(1)[1:-1], False
        elif m.group(2) or m.group(3) not in _WRITE:
            piece, is_token = m.group(3), False
        else:
            piece, is_token = m.group(3), True
        if not is_token and out and not out[-1][1]:
            out[-1] = (out[-1][0] + piece, False)
        elif piece or is_token:
            out.append((piece, is_token))
    return out


def render(fmt: str, day: date | datetime) -> str:
    """Write ``day`` in a moment.js pattern, as Obsidian names the day's note.

    Parameters
    ----------
    fmt : str
        A moment.js pattern such as ``"YYYY-MM-DD"`` or ``"dddd, MMMM Do YYYY"``.
    day : datetime.date or datetime.datetime
        The day (a date is taken at local midnight).

    Returns
    -------
    str

    Examples
    --------
    >>> from datetime import date
    >>> render("YYYY/MM/YYYY-MM-DD", date(2024, 3, 5))
    '2024/03/2024-03-05'
    >>> render("dddd, MMMM Do YYYY", date(2025, 3, 4))
    'Tuesday, March 4th 2025'
    >>> render("DD.MM.YY", date(2025, 3, 4))
    '04.03.25'
    """
    when = day if isinstance(day, datetime) else datetime(day.year, day.month, day.day)
    when = _local(when)
    return "".join(_WRITE[p](when) if is_token else p for p, is_token in tokens(fmt))


@dataclass(frozen=True)
class _Pattern:
    regex: re.Pattern[str]
    fields: tuple[tuple[str, str], ...]
    depth: int


_DAY_SETS = (
    {"X"},
    {"x"},
    {"Y", "DDD"},
    {"Y", "M", "D"},
    {"G", "W", "wd"},
    {"g", "w", "wd"},
)


def _named(fields: set[str]) -> set[str]:
    """The fields a pattern names, each in its plain form (month names are months...)."""
    plain = {"y2": "Y", "Mn": "M", "g2": "g", "G2": "G", "wn": "wd", "E": "wd"}
    have = {plain.get(f, f) for f in fields}
    if "Y" in have:  # a year stands in for a week year, as in moment
        have |= {"g", "G"}
    return have


def _check_length(fmt: str) -> None:
    if len(fmt) > MAX_FORMAT_LENGTH:
        raise UnsupportedFormat(
            f"the pattern is {len(fmt):,} characters long, more than the {MAX_FORMAT_LENGTH} "
            "a daily-note format can have"
        )


@lru_cache(maxsize=64)
def _pattern(fmt: str) -> _Pattern:
    """The matcher of a pattern (its localised tokens may expand it past the length limit,
    which applies to the pattern as written)."""
    out: list[str] = []
    fields: list[tuple[str, str]] = []
    for piece, is_token in tokens(fmt):
        if not is_token:
            out.append(re.escape(piece))
            continue
        field, rx = _READ[piece]
        if field:
            name = f"g{len(fields)}"
            out.append(f"(?P<{name}>{rx})")
            fields.append((name, field))
        else:
            out.append(f"(?:{rx})")
    have = _named({f for _, f in fields})
    if not any(need <= have for need in _DAY_SETS):
        raise UnsupportedFormat(
            f"{fmt!r} does not name a year, a month and a day (nor a week and a weekday, a "
            "day of the year or a timestamp); weekly, monthly and other notes that span "
            "several days are not supported"
        )
    return _Pattern(re.compile("".join(out), re.IGNORECASE), tuple(fields), fmt.count("/") + 1)


def _name_index(raw: str, names: tuple[str, ...], least: int, what: str) -> int:
    word = raw.rstrip(".").casefold()
    hits = [i for i, n in enumerate(names) if n.casefold().startswith(word) and len(word) >= least]
    if not hits:
        raise ValueError(f"{raw!r} is not an English {what} name")
    return hits[0]


def _value(field: str, raw: str) -> tuple[str, int]:
    """The plain field and integer value of one matched piece."""
    if field == "Mn":
        return "M", _name_index(raw, _MONTHS, 3, "month") + 1
    if field == "wn":
        return "wd", _name_index(raw, _WEEKDAYS, 2, "weekday")
    if field == "a":
        return "a", 12 if raw[:1].lower() == "p" else 0
    digits = re.sub(r"[^\d+-]", "", raw)
    if field == "X":
        return "X", int(float(raw))
    if field in ("y2", "g2", "G2"):
        n = int(digits)
        return field[0].upper() if field != "g2" else "g", n + (1900 if n > 68 else 2000)
    if field == "E":
        return "wd", int(digits) % 7
    return field, int(digits)


def _clock(got: dict[str, int]) -> tuple[int, int, int] | None:
    if "Hmmss" in got or "hmmss" in got:
        key = "Hmmss" if "Hmmss" in got else "hmmss"
        got.setdefault(key[0], got[key] // 10000)
        got.setdefault("m", got[key] // 100 % 100)
        got.setdefault("s", got[key] % 100)
    if "Hmm" in got or "hmm" in got:
        key = "Hmm" if "Hmm" in got else "hmm"
        got.setdefault(key[0], got[key] // 100)
        got.setdefault("m", got[key] % 100)
    if "H" in got:
        hour = got["H"]
    elif "k" in got:
        if not 1 <= got["k"] <= 24:
            raise ValueError(f"hour {got['k']} is not between 1 and 24")
        hour = got["k"] % 24
    elif "h" in got:
        if not 1 <= got["h"] <= 12:
            raise ValueError(f"hour {got['h']} is not between 1 and 12")
        hour = got["h"] % 12 + got.get("a", 0) if "a" in got else got["h"]
    else:
        return None
    clock = (hour, got.get("m", 0), got.get("s", 0))
    datetime(2000, 1, 1, *clock)  # ValueError for 25:00 or 10:61
    return clock


def _resolve(got: dict[str, int]) -> tuple[date, tuple[int, int] | None]:
    clock = _clock(got)
    if "X" in got or "x" in got:
        seconds = got["X"] if "X" in got else got["x"] / 1000
        when = datetime.fromtimestamp(seconds)
        return when.date(), clock[:2] if clock else (when.hour, when.minute)
    hm = clock[:2] if clock else None
    if "Y" in got and "M" in got and "D" in got:
        return date(got["Y"], got["M"], got["D"]), hm  # ValueError for 2024-02-30
    if "Y" in got and "DDD" in got:
        first = date(got["Y"], 1, 1)
        day = first + timedelta(days=got["DDD"] - 1)
        if got["DDD"] < 1 or day.year != first.year:
            raise ValueError(f"day {got['DDD']} is not a day of {got['Y']}")
        return day, hm
    iso = "W" in got
    week = got["W"] if iso else got["w"]
    year = got.get("G" if iso else "g", got.get("Y"))
    start = _week_one(year, iso)
    weeks = (_week_one(year + 1, iso) - start).days // 7
    if not 1 <= week <= weeks:
        raise ValueError(f"week {week} is not a week of {year} (it has {weeks})")
    return start + timedelta(days=7 * (week - 1) + (got["wd"] - (1 if iso else 0)) % 7), hm


def _read(m: re.Match[str], fields: tuple[tuple[str, str], ...]) -> tuple[date, tuple | None]:
    got: dict[str, int] = {}
    for name, field in fields:
        key, value = _value(field, m.group(name))
        if key in got and got[key] != value:
            raise ValueError(f"the pattern's parts disagree ({got[key]} vs {value})")
        got[key] = value
    return _resolve(got)


def parse(fmt: str, text: str) -> tuple[date, tuple[int, int] | None]:
    """Read the day (and the ``(hour, minute)``, when the pattern has a time) from ``text``.

    The inverse of :func:`render`.

    Raises
    ------
    UnsupportedFormat
        When the pattern does not name a single day.
    ValueError
        When ``text`` does not fit the pattern, or names an impossible day.

    Examples
    --------
    >>> parse("dddd, MMMM Do YYYY", "Tuesday, March 4th 2025")
    (datetime.date(2025, 3, 4), None)
    >>> parse("GGGG-[W]WW-E HH:mm", "2025-W10-2 07:30")
    (datetime.date(2025, 3, 4), (7, 30))
    """
    _check_length(fmt)
    p = _pattern(fmt)
    m = p.regex.fullmatch(text)
    if m is None:
        raise ValueError(f"{text!r} does not fit the date format {fmt!r}")
    return _read(m, p.fields)


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
        When the pattern names no single day (weekly notes), or is too long.

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
        _check_length(fmt)  # before any other work on a huge pattern
        fmt = _expand(fmt).strip().strip("/")
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
            return _read(m, p.fields)
        return None
