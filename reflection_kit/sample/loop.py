"""Write the story's habit check-ins as a Loop Habit Tracker v2.3.1+ CSV export.

Mirrors ``HabitsCSVExporter`` of iSoron/uhabits (v2.3.1): ``Habits.csv`` with the
12-column header; per habit ``NNN <name>/Checkmarks.csv`` (``Date,Value,Notes``,
the computed known entries newest first, text value codes) and
``NNN <name>/Scores.csv`` (``Date,Score``, ``%.4f``); aggregate ``Checkmarks.csv``
and ``Scores.csv`` with unquoted habit names and a trailing comma on every line.
Computed entries (``YES_AUTO`` inside frequency intervals) and habit scores
follow ``EntryList.recomputeFrom`` and ``ScoreList.recompute``.
"""

from __future__ import annotations

import csv
import io
import math
from datetime import date

from .story import END, Story

__all__ = ["HABITS", "loop_files"]

#: name, question, description, frequency numerator, denominator, colour
HABITS: tuple[tuple[str, str, str, int, int, str], ...] = (
    (
        "No checking his socials",
        "Did you stay off his socials today?",
        "YES = a day without looking at his profiles",
        1,
        1,
        "#D32F2F",
    ),
    ("No contact", "Did you keep no contact today?", "", 1, 1, "#00897B"),
    ("Stretch", "Did you stretch today?", "Ten minutes on the mat", 3, 7, "#FF8F00"),
)

YES_MANUAL, YES_AUTO, NO, UNKNOWN, SKIP = 2, 1, 0, -1, 3
_CODE = {
    "YES_MANUAL": YES_MANUAL,
    "YES_AUTO": YES_AUTO,
    "NO": NO,
    "UNKNOWN": UNKNOWN,
    "SKIP": SKIP,
}
_NAME = {v: k for k, v in _CODE.items()}


def _csv(rows: list[list[str]]) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerows(rows)
    return buf.getvalue().encode("utf-8")


def _computed(
    original: dict[int, tuple[int, str]], num: int, den: int
) -> dict[int, tuple[int, str]]:
    """``EntryList.recomputeFrom`` for a boolean habit (days as ordinals)."""
    if not original:
        return {}
    known = sorted(original, reverse=True)  # newest first
    yes = [t for t in known if original[t][0] == YES_MANUAL]
    intervals: list[list[int]] = []
    for i in range(num - 1, len(yes)):
        begin, center = yes[i], yes[i - num + 1]
        if center - begin < den:
            intervals.append([begin, center, begin + den - 1])
    for i in range(1, len(intervals)):  # snapIntervalsTogether
        curr, nxt = intervals[i], intervals[i - 1]
        gap_next = curr[2] - nxt[0]
        if gap_next >= 0:
            shift = min(curr[2] - curr[1], gap_next + 1)
            intervals[i] = [curr[0] - shift, curr[1], curr[2] - shift]
    lo = min([*known, *(iv[0] for iv in intervals)])
    hi = max([*known, *(iv[2] for iv in intervals)])
    result = {t: (UNKNOWN, "") for t in range(lo, hi + 1)}
    for begin, _, end in intervals:
        for t in range(begin, end + 1):
            result[t] = (YES_AUTO, "")
    for t, (value, note) in original.items():
        keep = result[t][0] == UNKNOWN or value in (SKIP, YES_MANUAL)
        result[t] = (value if keep else YES_AUTO, note)
    return {t: v for t, v in result.items() if v[0] != UNKNOWN or v[1]}


def _scores(computed: dict[int, tuple[int, str]], num: int, den: int, today: int) -> dict:
    """``ScoreList.recompute`` for a boolean habit: ordinal day -> score."""
    if not computed:
        return {}
    freq = num / den
    if freq < 1.0:
        num, den = num * 2, den * 2
    start = min(computed)
    values = [computed.get(t, (UNKNOWN, ""))[0] for t in range(start, today + 1)]
    multiplier = math.pow(0.5, math.sqrt(freq) / 13.0)
    prev, rolling, out = 0.0, 0.0, {}
    for i, v in enumerate(values):
        if v == YES_MANUAL:
            rolling += 1.0
        if i - den >= 0 and values[i - den] == YES_MANUAL:
            rolling -= 1.0
        if v != SKIP:
            prev = prev * multiplier + min(1.0, rolling / num) * (1 - multiplier)
        out[start + i] = prev
    return out


def _day(t: int) -> str:
    return date.fromordinal(t).isoformat()


def loop_files(story: Story, today: date = END) -> dict[str, bytes]:
    """The members of the Loop export zip: name -> bytes.

    Examples
    --------
    >>> from reflection_kit.sample.story import build_story
    >>> from reflection_kit.sample.loop import loop_files
    >>> sorted(loop_files(build_story(1)))[:3]
    ['001 No checking his socials/Checkmarks.csv', '001 No checking his socials/Scores.csv', '002 No contact/Checkmarks.csv']
    """  # noqa: E501
    t_today = today.toordinal()
    files: dict[str, bytes] = {}
    header = [
        "Position",
        "Name",
        "Type",
        "Question",
        "Description",
        "FrequencyNumerator",
        "FrequencyDenominator",
        "Color",
        "Unit",
        "Target Type",
        "Target Value",
        "Archived?",
    ]
    habit_rows = [header]
    computed_all, scores_all, oldest = [], [], t_today
    for pos, (name, question, desc, num, den, color) in enumerate(HABITS, 1):
        habit_rows.append(
            [
                f"{pos:03d}",
                name,
                "YES_NO",
                question,
                desc,
                str(num),
                str(den),
                color,
                "",
                "",
                "",
                "false",
            ]
        )
        original = {
            day.toordinal(): (_CODE[value], note) for day, value, note in story.checkins[name]
        }
        if original:
            oldest = min(oldest, min(original))
        computed = _computed(original, num, den)
        scores = _scores(computed, num, den, t_today)
        computed_all.append(computed)
        scores_all.append(scores)
        folder = f"{pos:03d} {name}"
        rows = [["Date", "Value", "Notes"]]
        rows += [
            [_day(t), _NAME[computed[t][0]], computed[t][1]]
            for t in sorted(computed, reverse=True)
        ]
        files[f"{folder}/Checkmarks.csv"] = _csv(rows)
        first = min(computed) if computed else t_today
        rows = [["Date", "Score"]]
        rows += [[_day(t), f"{scores[t]:.4f}"] for t in range(t_today, first - 1, -1)]
        files[f"{folder}/Scores.csv"] = _csv(rows)
    files["Habits.csv"] = _csv(habit_rows)
    names = "".join(f"{h[0]}," for h in HABITS)
    checks = [f"Date,{names}\n"]
    scores_lines = [f"Date,{names}\n"]
    for t in range(t_today, oldest - 1, -1):
        checks.append(
            _day(t)
            + ","
            + "".join(f"{_NAME[c.get(t, (UNKNOWN, ''))[0]]}," for c in computed_all)
            + "\n"
        )
        scores_lines.append(
            _day(t) + "," + "".join(f"{s.get(t, 0.0):.4f}," for s in scores_all) + "\n"
        )
    files["Checkmarks.csv"] = "".join(checks).encode("utf-8")
    files["Scores.csv"] = "".join(scores_lines).encode("utf-8")
    return files
