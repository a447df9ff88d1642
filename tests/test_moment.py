"""Obsidian daily-note names: one moment.js formatter and parser, round trip over every token."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from reflection_kit.sources._moment import DateMatcher, UnsupportedFormat, parse, render, tokens

GOLDEN = json.loads(
    (Path(__file__).parent / "data" / "moment" / "golden.json").read_text(encoding="utf-8")
)

# year boundaries (ISO week 53, locale week 1 in December), leap days, 1970 and 2068 (the
# two-digit year window of moment: 69-99 are 19xx, 00-68 are 20xx)
DATES = [
    date(2025, 3, 4),
    date(2024, 2, 29),
    date(2020, 12, 31),
    date(2021, 1, 1),
    date(2021, 1, 3),
    date(2021, 1, 4),
    date(2019, 12, 29),
    date(2019, 12, 30),
    date(2015, 12, 31),
    date(2016, 1, 1),
    date(1970, 1, 1),
    date(1999, 12, 31),
    date(2000, 1, 1),
    date(2068, 6, 15),
] + [date(2022, 12, 25) + timedelta(days=n) for n in range(0, 400, 9)]
TIMES = [(0, 0, 0), (7, 5, 9), (12, 0, 0), (13, 30, 59), (23, 59, 58)]

# each token in a pattern where it is needed to name the day
YEAR = ["YYYY", "YY", "Y", "YYYYY", "YYYYYY", "y", "yo", "yy", "yyy", "yyyy"]
MONTH = ["M", "Mo", "MM", "MMM", "MMMM"]
DAY = ["D", "Do", "DD"]
DAY_OF_YEAR = ["DDD", "DDDo", "DDDD"]
WEEKDAY = ["d", "do", "dd", "ddd", "dddd", "e", "E"]
ISO_WEEK = ["W", "Wo", "WW"]
LOCALE_WEEK = ["w", "wo", "ww"]
ISO_YEAR = ["GGGG", "GG", "GGGGG"]
LOCALE_YEAR = ["gggg", "gg", "ggggg"]
# tokens that do not name a day: written next to a full date and read back without harm
EXTRA = ["Q", "Qo", "N", "NN", "NNN", "NNNN", "NNNNN", "Z", "ZZ", "z", "zz", "S", "SSS"]
EXTRA += ["SSSSSSSSS", "[escaped text]", "[YYYY MM DD]", "\\Y", "[a]]"]
CLOCK = ["H", "HH", "h A", "hh a", "k", "kk", "Hmm", "Hmmss", "hmm a", "hmmss A"]

PATTERNS = (
    [f"{t}-MM-DD" for t in YEAR]
    + [f"YYYY {t} DD" for t in MONTH]
    + [f"YYYY MM {t}" for t in DAY]
    + [f"YYYY {t}" for t in DAY_OF_YEAR]
    + [f"GGGG [W]WW {t}" for t in WEEKDAY]
    + [f"gggg [w]ww {t}" for t in WEEKDAY]
    + [f"GGGG {t} E" for t in ISO_WEEK]
    + [f"gggg {t} d" for t in LOCALE_WEEK]
    + [f"{t} WW E" for t in ISO_YEAR]
    + [f"{t} ww e" for t in LOCALE_YEAR]
    + [f"YYYY-MM-DD {t}" for t in EXTRA]
    + ["X", "x", "L", "l", "LL", "ll", "LLLL", "llll"]
    + ["dddd, MMMM Do YYYY", "DD.MM.YY", "YYYY/MM/YYYY-MM-DD", "[Day] YYYYMMDD"]
)


def test_every_moment_token_is_covered():
    """Every token of moment's format list appears in a round-trip pattern."""
    used = {p for pattern in PATTERNS for p, is_token in tokens(pattern) if is_token}
    used |= {p for pattern in CLOCK for p, is_token in tokens(pattern) if is_token}
    everything = {p for pattern in GOLDEN["formats"] for p, ok in tokens(pattern) if ok}
    assert everything - used <= {"m", "mm", "s", "ss", "SS", "SSSS", "LT", "LTS", "LLL", "lll"}
    assert {"X", "x", "Q", "Qo", "E", "e", "w", "W", "gggg", "GGGG", "a", "A", "k"} <= used


@pytest.mark.parametrize("fmt", GOLDEN["formats"])
def test_render_writes_what_moment_writes(fmt):
    """The outputs of moment.js 2.31 itself (tests/data/moment/golden.json)."""
    moments = [datetime.fromisoformat(m) for m in GOLDEN["moments"]]
    assert [render(fmt, m) for m in moments] == GOLDEN["formats"][fmt]


@pytest.mark.parametrize("fmt", PATTERNS)
def test_round_trip_of_the_day(fmt):
    for day in DATES:
        text = render(fmt, day)
        assert parse(fmt, text)[0] == day, (fmt, text)


@pytest.mark.parametrize("clock", CLOCK)
def test_round_trip_of_the_time(clock):
    fmt = f"YYYY-MM-DD {clock}:mm"
    for day in DATES[:6]:
        for h, m, s in TIMES:
            text = render(fmt, datetime(day.year, day.month, day.day, h, m, s))
            assert parse(fmt, text) == (day, (h, m)), (fmt, text)


def test_timestamps_carry_the_time():
    when = datetime(2025, 3, 4, 21, 15, 30)
    assert parse("X", render("X", when)) == (date(2025, 3, 4), (21, 15))
    assert parse("x", render("x", when)) == (date(2025, 3, 4), (21, 15))


@pytest.mark.parametrize(
    ("fmt", "day", "name"),
    [
        ("DD.MM.YY", date(2025, 3, 4), "04.03.25"),
        ("dddd, MMMM Do YYYY", date(2025, 3, 4), "Tuesday, March 4th 2025"),
        ("Do MMM YYYY", date(2025, 3, 22), "22nd Mar 2025"),
        ("Do MMM YYYY", date(2025, 3, 13), "13th Mar 2025"),
        ("GGGG-[W]WW-E", date(2021, 1, 3), "2020-W53-7"),
        ("gggg-[w]ww-d", date(2020, 12, 31), "2021-w01-4"),
        ("YYYY-DDDD", date(2024, 12, 31), "2024-366"),
        ("[Journal] YYYY-MM-DD", date(2025, 3, 4), "Journal 2025-03-04"),
    ],
)
def test_names_obsidian_writes(fmt, day, name):
    assert render(fmt, day) == name
    assert parse(fmt, name) == (day, None)


def test_names_are_read_in_any_case_and_short_month_names():
    assert parse("D MMMM YYYY", "5 march 2024")[0] == date(2024, 3, 5)
    assert parse("D MMM YYYY", "5 Sept. 2024")[0] == date(2024, 9, 5)
    assert parse("GGGG [W]WW dddd", "2025 W10 tuesday")[0] == date(2025, 3, 4)


def test_patterns_that_name_no_single_day_are_refused():
    for fmt in ("gggg-[W]ww", "YYYY-MM", "MMMM Do", "[Notes]", "HH:mm"):
        with pytest.raises(UnsupportedFormat, match="does not name a year, a month and a day"):
            DateMatcher(fmt)
    with pytest.raises(UnsupportedFormat, match="more than the 200"):
        DateMatcher("YYYY-MM-DD" + "x" * 500)
    with pytest.raises(UnsupportedFormat, match="more than the 200"):
        parse("YYYY-MM-DD" + "x" * 500, "2025-03-04")
    long = "[" + "x" * 150 + "] LLLL"  # 157 characters as written, longer once expanded
    when = datetime(2025, 3, 4, 21, 5)
    assert DateMatcher(long).match(render(long, when)) == (date(2025, 3, 4), (21, 5))
    assert parse(long, render(long, when)) == (date(2025, 3, 4), (21, 5))


@pytest.mark.parametrize(
    ("fmt", "text", "message"),
    [
        ("YYYY-MM-DD", "2024-02-30", "day is out of range"),
        ("YYYY-DDD", "2023-366", "not a day of 2023"),
        ("GGGG-[W]WW-E", "2021-W53-1", "not a week of 2021"),
        ("D MMMM YYYY", "5 Brumaire 2024", "not an English month name"),
        ("YYYY/MM/DD [of] MM", "2024/03/05 of 04", "disagree"),
        ("YYYY-MM-DD HH:mm", "2024-03-05 25:00", "hour must be in"),
        ("YYYY-MM-DD h:mm A", "2024-03-05 13:00 PM", "between 1 and 12"),
        ("YYYY-MM-DD", "5 March 2024", "does not fit"),
    ],
)
def test_impossible_names_are_value_errors(fmt, text, message):
    with pytest.raises(ValueError, match=message):
        parse(fmt, text)
