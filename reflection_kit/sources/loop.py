"""Loop Habit Tracker (Android, iSoron/uhabits): the CSV export zip.

In the app: *Settings → Export data (CSV)* ("Export as CSV"). It writes a zip
named like ``Loop Habits CSV 2025-08-20.zip`` holding ``Habits.csv``, an
aggregate ``Checkmarks.csv`` and ``Scores.csv``, and one folder per habit,
``001 Name/Checkmarks.csv``. The zip, or the folder it unzips to, is read.

Facts this reader relies on (see formats.md, section 4):

* ``Habits.csv`` has three header eras (1.8; 2.0-2.3.0; 2.3.1+ with ``Type``);
  columns are chosen by name.
* Folders are named ``"%03d %s"`` from the habit's 1-based position with the name
  stripped of most characters, so they are matched to habits by the number,
  never by the name.
* Per-habit ``Checkmarks.csv`` is ``Date,Value,Notes`` (2.3.1+, text codes
  ``YES_MANUAL``, ``YES_AUTO``, ``NO``, ``SKIP``, ``UNKNOWN``) or headerless
  ``date,int`` (older: 2, 1, 0, 3, -1). Numerical habits store value × 1000.
* The aggregate ``Checkmarks.csv`` (trailing commas, unquoted names) is used only
  for habits that have no per-habit file.

Each habit becomes an urge kind through ``habits=`` (habit name -> kind, or ->
``{"kind": k, "yes_means": "clean" | "acted"}``) or, failing that, through the
alias table with the habit's name ("No checking his socials" -> check_social).
By default YES means a clean day: ``acted`` is False on YES, True on NO, and NA
on SKIP, UNKNOWN and YES_AUTO (Loop's implicit check, not something logged).
A habit whose name maps to ``other`` is not an urge habit: it is left out and
named in a note (not a problem, since no record is lost: a habit such as
"Stretch" simply is not about urges); ``habits={"Stretch": "other"}`` keeps it.
Every habit mapped to an urge kind counts (the review describes each kind with
daily check-ins, "No contact" as days without reaching out, not only checking
social media). A ``habits=`` name that matches no habit of the export is named
in a note, with the habits the export has, so a typo does not silently count
nothing.

Check-ins have no time of day: each one is placed at 12:00 on its day (noon
keeps the day whatever ``day_starts`` below 12 is used later) with
``time_known`` False. One row per habit per day, with ``checkin`` (YES,
YES_AUTO, NO, SKIP, UNKNOWN), ``habit``, ``kind``, ``acted``, ``label`` (the
habit name), ``note`` (the Notes column) and ``amount`` (numerical habits).
"""

from __future__ import annotations

import csv
import io
import math
import re
import zlib
from collections.abc import Mapping
from datetime import date, datetime, time
from typing import Any

import pandas as pd

from ..errors import ParseError
from ..kinds import check_kinds, map_kinds
from ._base import ReadContext, Source
from ._csv_engine import wide_csv_fields
from ._input import Input

__all__ = ["CHECKIN_VALUES", "SOURCES"]

#: Normalised check-in values, in the ``checkin`` column.
CHECKIN_VALUES: tuple[str, ...] = ("YES", "YES_AUTO", "NO", "SKIP", "UNKNOWN")
_CODE_OF_NAME = {"YES_MANUAL": 2, "YES": 2, "YES_AUTO": 1, "NO": 0, "SKIP": 3, "UNKNOWN": -1}
_NAME_OF_CODE = {2: "YES", 1: "YES_AUTO", 0: "NO", 3: "SKIP", -1: "UNKNOWN"}
_FOLDER = re.compile(r"^(\d+)(?: [^/]*)?/Checkmarks\.csv$")
_V20_CELL = re.compile(r"Entry\(timestamp=[^,()]*, value=(-?\d+)\)")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_NOON = time(12, 0)


def _root(inp: Input) -> str | None:
    """The folder prefix holding Habits.csv ("" at the top), or None."""
    hits = [n for n in inp.names() if n == "Habits.csv" or n.endswith("/Habits.csv")]
    if not hits:
        return None
    best = min(hits, key=lambda n: (n.count("/"), n))
    return best[: -len("Habits.csv")]


def _detect(inp: Input) -> str | None:
    if inp.kind == "file":
        return "not a zip or folder (a Loop export is a zip holding Habits.csv)"
    if _root(inp) is None:
        return "no Habits.csv in it"
    return None


def _norm(text: object) -> str:
    return " ".join(str(text).split()).casefold()


def _rows(text: str) -> list[tuple[int, list[str]]]:
    """CSV records with the physical line each starts on; blank lines skipped."""
    reader = csv.reader(io.StringIO(text))
    out, prev = [], 0
    with wide_csv_fields():
        for rec in reader:
            line = prev + 1
            prev = reader.line_num
            if rec:
                out.append((line, rec))
    return out


def _habit_specs(ctx: ReadContext) -> tuple[dict[str, tuple[str, str | None]], str | None]:
    """The ``habits=`` option, validated: normalised name -> (kind, yes_means)."""
    default = ctx.option("yes_means")
    if default not in (None, "clean", "acted"):
        raise ValueError(f"`yes_means` must be 'clean' or 'acted', got {default!r}.")
    habits = ctx.option("habits")
    if habits is None:
        return {}, default
    if not isinstance(habits, Mapping):
        raise TypeError(
            "`habits` must map a habit name to an urge kind, got "
            f"{type(habits).__name__}. Example: habits={{'No checking his socials': "
            "'check_social'}"
        )
    out = {}
    for name, spec in habits.items():
        if isinstance(spec, Mapping):
            if "kind" not in spec:
                raise ValueError(
                    f"`habits` entry {name!r} needs a 'kind', got {dict(spec)!r}. Example: "
                    "{'kind': 'check_social', 'yes_means': 'clean'}"
                )
            kind, yes_means = spec["kind"], spec.get("yes_means", default)
            extra = set(spec) - {"kind", "yes_means"}
            if extra:
                raise ValueError(
                    f"`habits` entry {name!r} has unknown key(s) {sorted(extra)}; use 'kind' "
                    "and 'yes_means'."
                )
        else:
            kind, yes_means = spec, default
        if yes_means not in (None, "clean", "acted"):
            raise ValueError(
                f"`habits` entry {name!r}: 'yes_means' must be 'clean' (YES is a day without "
                f"the urge acted on) or 'acted' (YES means you did it), got {yes_means!r}."
            )
        checked = check_kinds({str(name): kind})  # raises on an unknown kind
        out[_norm(name)] = (next(iter(checked.values())), yes_means)
    return out, default


def _read_habits(inp: Input, ctx: ReadContext, root: str) -> list[dict[str, Any]]:
    name = root + "Habits.csv"
    where = inp.where(name)
    text, _ = inp.read_text(name)
    rows = _rows(text)
    if not rows:
        raise ParseError(
            f"{where}: the file is empty, so the habits cannot be named. Suggestion: export "
            "again from Loop (Settings → Export data (CSV)).",
            location=where,
            reason="empty Habits.csv",
        )
    header = [h.strip().casefold() for h in rows[0][1]]
    if "position" not in header or "name" not in header:
        raise ParseError(
            f"{where}: this is not a Loop Habits.csv (no Position and Name columns; the "
            f"header is {rows[0][1]}). Suggestion: pass the zip exported by Loop, or "
            "format=... for another app.",
            location=where,
            reason="Habits.csv without Position and Name",
        )
    at = {h: i for i, h in enumerate(header)}
    habits = []
    for line, rec in rows[1:]:
        pos = rec[at["position"]].strip() if len(rec) > at["position"] else ""
        if len(rec) != len(header) or not pos.isdigit():
            ctx.found()
            ctx.problem(
                f"{where} line {line}",
                f"this habit row could not be read (it has {len(rec)} field(s) for "
                f"{len(header)} columns, or no number in Position), so its check-ins were "
                "not loaded. Suggestion: export again from Loop.",
                ",".join(rec),
            )
            continue
        kind_col = at.get("type")
        habits.append(
            {
                "position": int(pos),
                "name": rec[at["name"]].strip(),
                "numerical": None if kind_col is None else rec[kind_col].strip() == "NUMERICAL",
            }
        )
    return habits


def _value(raw: str) -> int | None:
    v = raw.strip()
    if v.upper() in _CODE_OF_NAME:
        return _CODE_OF_NAME[v.upper()]
    try:
        return int(v)
    except ValueError:
        try:
            x = float(v)
        except ValueError:
            return None
        return int(x) if x.is_integer() else None


def _day(raw: str) -> date | None:
    v = raw.strip()
    if not _DAY.match(v):
        return None
    try:
        return date.fromisoformat(v)
    except ValueError:
        return None


def _acted(checkin: str, yes_means: str) -> bool | None:
    if checkin == "YES":
        return yes_means == "acted"
    if checkin == "NO":
        return yes_means == "clean"
    return None


def _emit(
    problems: list[tuple[int, str, str, str]],
    out: list[dict[str, Any]],
    cells: list[tuple[str, str, str, str, str]],
    habit: dict[str, Any],
    kind: str,
    yes_means: str | None,
) -> None:
    """Decode one habit's cells: (location, date, value, notes, raw).

    Rows that cannot be decoded go to ``problems`` as (order, location, reason, raw).
    """
    parsed = [(loc, d, _day(d), _value(v), v, n, raw) for loc, d, v, n, raw in cells]
    numerical = habit["numerical"]
    if numerical is None:  # before 2.3.1 the type is not written: amounts give it away
        numerical = any(p[3] is not None and p[3] not in _NAME_OF_CODE for p in parsed)
    if yes_means is None:  # YES is a clean day; an amount above zero is the act itself
        yes_means = "acted" if numerical else "clean"
    for loc, raw_day, day, code, raw_value, notes, raw in parsed:
        if day is None:
            problems.append(
                (
                    _order(loc),
                    loc,
                    f"the date must look like YYYY-MM-DD, got {raw_day.strip()!r}. Suggestion: "
                    "export again from Loop; the file may have been edited by hand.",
                    raw,
                )
            )
            continue
        if code is None or (not numerical and code not in _NAME_OF_CODE):
            problems.append(
                (
                    _order(loc),
                    loc,
                    f"the check-in value must be YES_MANUAL, YES_AUTO, NO, SKIP or UNKNOWN (or "
                    f"2, 1, 0, 3, -1), got {raw_value.strip()!r}. Suggestion: export again "
                    "from Loop.",
                    raw,
                )
            )
            continue
        amount = math.nan
        if numerical:
            if code == -1:
                checkin = "UNKNOWN"
            else:
                amount = code / 1000
                checkin = "YES" if code > 0 else "NO"
        else:
            checkin = _NAME_OF_CODE[code]
        out.append(
            {
                "local_time": datetime.combine(day, _NOON),
                "time_known": False,
                "kind": kind,
                "label": habit["name"],
                "habit": habit["name"],
                "checkin": checkin,
                "acted": _acted(checkin, yes_means),
                "amount": amount,
                "note": notes.strip(),
                "origin": loc,
            }
        )


def _order(location: str) -> int:
    m = re.search(r" line (\d+)", location)
    return int(m.group(1)) if m else 0


def _report(ctx: ReadContext, problems: list[tuple[int, str, str, str]]) -> None:
    for _, loc, reason, raw in sorted(problems, key=lambda p: p[0]):
        ctx.problem(loc, reason, raw)


def _per_habit_cells(text: str, where: str) -> tuple[list[tuple[str, str, str, str, str]], list]:
    rows = _rows(text)
    cells, bad = [], []
    if rows and rows[0][1] and rows[0][1][0].strip().casefold() == "date":
        header = [h.strip().casefold() for h in rows[0][1]]
        at = {h: i for i, h in enumerate(header)}
        width = len(header)
        rows = rows[1:]
    else:
        at, width = {"date": 0, "value": 1}, 2
    for line, rec in rows:
        loc, raw = f"{where} line {line}", ",".join(rec)
        if len(rec) != width or "value" not in at:
            bad.append((loc, len(rec), width, raw))
            continue
        notes = rec[at["notes"]] if "notes" in at else ""
        cells.append((loc, rec[at.get("date", 0)], rec[at["value"]], notes, raw))
    return cells, bad


def _aggregate(inp: Input, root: str) -> tuple[str, list[str], list[tuple[int, list[str]]]]:
    name = root + "Checkmarks.csv"
    where = inp.where(name)
    if name not in inp.names():
        return where, [], []
    text, _ = inp.read_text(name)
    text = _V20_CELL.sub(r"\1", text)  # v2.0.x wrote Entry(timestamp=..., value=...)
    rows = _rows(text)
    if not rows:
        return where, [], []
    header = [h.strip() for h in rows[0][1]]
    if header and header[-1] == "":
        header = header[:-1]  # the trailing comma (index_col=False in pandas terms)
    return where, header, rows[1:]


def _read(inp: Input, ctx: ReadContext) -> list[dict[str, Any]]:
    root = _root(inp)
    if root is None:
        raise ParseError(
            f"{inp.display}: no Habits.csv found, so this is not a Loop Habit Tracker export. "
            "Suggestion: pass the zip from Loop's Settings → Export data (CSV).",
            location=inp.display,
            reason="no Habits.csv",
        )
    specs, default = _habit_specs(ctx)
    habits = _read_habits(inp, ctx, root)
    folders: dict[int, str] = {}
    for n in inp.names():
        if not n.startswith(root):
            continue
        m = _FOLDER.match(n[len(root) :])
        if m:
            folders.setdefault(int(m.group(1)), n)
    known = {h["position"] for h in habits}
    for pos, member in sorted(folders.items()):
        if pos not in known:  # a folder without a Habits.csv row: name it from the folder
            folder = member[len(root) :].split("/")[0]
            habits.append(
                {"position": pos, "name": folder[4:].strip() or folder, "numerical": None}
            )
    names = [h["name"] for h in habits]
    guessed = map_kinds(pd.Series(names, dtype=object), ctx.kinds).tolist() if names else []
    out: list[dict[str, Any]] = []
    agg: tuple[str, list[str], list[tuple[int, list[str]]]] | None = None
    agg_habits: list[tuple[dict[str, Any], str, str, int]] = []
    for habit, guess in zip(habits, guessed, strict=True):
        spec = specs.get(_norm(habit["name"]))
        if spec is None:
            if guess == "other":
                ctx.note(
                    f"habit {habit['name']!r} is not mapped to an urge kind and was left out; "
                    f"pass habits={{{habit['name']!r}: 'other'}} to include it"
                )
                continue
            spec = (guess, default)
        kind, yes_means = spec
        member = folders.get(habit["position"])
        if member is None:
            agg = agg or _aggregate(inp, root)
            if habit["name"] in agg[1]:
                agg_habits.append((habit, kind, yes_means, agg[1].index(habit["name"])))
            else:
                ctx.note(
                    f"habit {habit['name']!r} has no check-ins in this export (no "
                    f"'{habit['position']:03d} …/Checkmarks.csv' and no column in "
                    "Checkmarks.csv)"
                )
            continue
        where = inp.where(member)
        try:
            text, _ = inp.read_text(member)
        except (ParseError, zlib.error) as exc:  # a damaged member: one problem, the rest loads
            reason = exc.reason if isinstance(exc, ParseError) else f"damaged zip member: {exc}"
            ctx.found()
            ctx.problem(where, f"{reason}. Suggestion: export again from Loop.", member)
            continue
        cells, bad = _per_habit_cells(text, where)
        ctx.found(len(cells) + len(bad))
        problems = [
            (
                _order(loc),
                loc,
                f"the row has {got} field(s), expected {want} (Date,Value,Notes or date,value)."
                " Suggestion: export again from Loop.",
                raw,
            )
            for loc, got, want, raw in bad
        ]
        _emit(problems, out, cells, habit, kind, yes_means)
        _report(ctx, problems)
    if agg_habits and agg is not None:
        _read_aggregate(ctx, out, agg, agg_habits)
    _note_unknown_habits(ctx, specs, habits)
    return out


def _note_unknown_habits(
    ctx: ReadContext, specs: Mapping[str, tuple[str, str | None]], habits: list[dict[str, Any]]
) -> None:
    """Name every ``habits=`` entry that matches no habit of the export (a typo counts nothing)."""
    present = {_norm(h["name"]) for h in habits}
    given = {_norm(name): str(name) for name in ctx.option("habits") or {}}
    unknown = [given.get(name, name) for name in specs if name not in present]
    if unknown:
        names = ", ".join(repr(h["name"]) for h in habits) or "none"
        ctx.note(
            f"`habits` names {', '.join(map(repr, unknown))}, which this export does not have, "
            f"so nothing was counted for it; its habits are {names}"
        )


def _read_aggregate(
    ctx: ReadContext,
    out: list[dict[str, Any]],
    agg: tuple[str, list[str], list[tuple[int, list[str]]]],
    agg_habits: list[tuple[dict[str, Any], str, str, int]],
) -> None:
    where, header, rows = agg
    width = len(header)
    cells: dict[int, list[tuple[str, str, str, str, str]]] = {
        i: [] for i in range(len(agg_habits))
    }
    for line, rec in rows:
        if len(rec) == width + 1 and rec[-1].strip() == "":
            rec = rec[:-1]
        raw = ",".join(rec)
        ctx.found(len(agg_habits))
        if len(rec) != width:
            for habit, *_ in agg_habits:
                ctx.problem(
                    f"{where} line {line} ({habit['name']})",
                    f"the row has {len(rec)} field(s) but the header has {width} (a habit "
                    "name with a comma shifts the columns). Suggestion: use Loop 2.1 or "
                    "newer, whose per-habit folders this reader prefers.",
                    raw,
                )
            continue
        for j, (habit, _, _, col) in enumerate(agg_habits):
            loc = f"{where} line {line} ({habit['name']})"
            cells[j].append((loc, rec[0], rec[col], "", raw))
    problems: list[tuple[int, str, str, str]] = []
    for j, (habit, kind, yes_means, _) in enumerate(agg_habits):
        _emit(problems, out, cells[j], habit, kind, yes_means)
    _report(ctx, problems)


SOURCES = [
    Source(
        name="loop",
        kind="urges",
        description="Loop Habit Tracker CSV export (.zip): one check-in per habit per day",
        patterns=("Loop Habits CSV *.zip", "*.zip", "folder with Habits.csv"),
        how_to_export="Loop: Settings → Export data (CSV); pass the zip",
        detect=_detect,
        read=_read,
        options={
            "habits": "habit name -> urge kind, or -> {'kind': k, 'yes_means': 'clean' | "
            "'acted'}; unmapped habits go through the alias table",
            "yes_means": "'clean' (default: YES is a day without acting on the urge) or 'acted'",
        },
    )
]
