"""Small valid exports for the fuzz tests: a few days of the sample story in every format.

The full sample is 50-160 KB per format; a mutated copy of it costs ~0.1 s to read.
A window of two to four days of the same story, rendered by the same writers
(``reflection_kit.sample.writers``), keeps every structural feature of the real
export (headers, zip layout, front matter, time zones) at a tenth of the cost,
so the deep run can afford 10,000 examples per reader.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from datetime import date, timedelta
from functools import cache

from reflection_kit.sample import SAMPLE_SEED, writers
from reflection_kit.sample.loop import loop_files
from reflection_kit.sample.story import Story, build_story

__all__ = ["READERS", "WINDOWS", "Base", "Reader", "base"]

#: First day and length of each window: the Berlin spring-forward day, the flight
#: to New York, the anniversary, the last days (a Loop export written "today").
WINDOWS: tuple[tuple[str, int], ...] = (
    ("2025-03-29", 3),
    ("2025-04-08", 3),
    ("2025-05-13", 3),
    ("2025-06-20", 3),
)


@dataclasses.dataclass(frozen=True)
class Reader:
    """One reader under test: the format, the frame kind and how its export is laid out."""

    key: str
    format: str
    kind: str
    name: str  # file (or folder) name of the export
    container: str  # "file" | "zip" | "dir"
    main: str  # the member that holds the records
    csv_members: bool = False  # members are CSV (columns can be shuffled)
    json_members: bool = False  # members are JSON (records can be edited)


READERS: dict[str, Reader] = {
    r.key: r
    for r in (
        Reader(
            "dayone", "dayone", "journal", "dayone.zip", "zip", "Journal.json", json_members=True
        ),
        Reader("jrnl", "jrnl", "journal", "journal.txt", "file", "journal.txt"),
        Reader(
            "jrnl_json",
            "jrnl_json",
            "journal",
            "jrnl.json",
            "file",
            "jrnl.json",
            json_members=True,
        ),
        Reader(
            "daylio_journal",
            "daylio",
            "journal",
            "daylio.csv",
            "file",
            "daylio.csv",
            csv_members=True,
        ),
        Reader(
            "daylio_urges", "daylio", "urges", "daylio.csv", "file", "daylio.csv", csv_members=True
        ),
        Reader("markdown", "markdown", "journal", "notes", "dir", ""),
        Reader(
            "table", "table", "journal", "journal.csv", "file", "journal.csv", csv_members=True
        ),
        Reader(
            "table_json",
            "table",
            "journal",
            "journal.json",
            "file",
            "journal.json",
            json_members=True,
        ),
        Reader("urgelog", "urgelog", "urges", "urges.csv", "file", "urges.csv", csv_members=True),
        Reader("loop", "loop", "urges", "loop.zip", "zip", "Habits.csv", csv_members=True),
    )
}


@dataclasses.dataclass(frozen=True)
class Base:
    """A valid export: member name -> bytes, and how many records it holds."""

    reader: Reader
    files: dict[str, bytes]
    window: tuple[str, int]


@cache
def _story() -> Story:
    return build_story(SAMPLE_SEED)


def _window(first: str, days: int, *, every_habit: bool = False) -> tuple[Story, date]:
    d0 = date.fromisoformat(first)
    d1 = d0 + timedelta(days)
    story = _story()
    if every_habit:  # the Loop writer needs at least one check-in per habit
        while not all(any(d0 <= c[0] < d1 for c in v) for v in story.checkins.values()):
            d0 -= timedelta(1)

    def inside(t) -> bool:
        return d0 <= t.local.date() < d1

    small = dataclasses.replace(
        story,
        entries=tuple(filter(inside, story.entries)),
        urges=tuple(filter(inside, story.urges)),
        gratitude=tuple(filter(inside, story.gratitude)),
        checkins={k: tuple(c for c in v if d0 <= c[0] < d1) for k, v in story.checkins.items()},
    )
    return small, d1 - timedelta(1)


def _table_json(table: bytes) -> bytes:
    rows = list(csv.DictReader(io.StringIO(table.decode("utf-8"))))
    return json.dumps(rows, ensure_ascii=False, indent=1).encode("utf-8")


@cache
def base(key: str, window: int) -> Base:
    """The valid export of reader ``key`` for window number ``window`` (cached)."""
    r = READERS[key]
    story, last = _window(*WINDOWS[window], every_habit=key == "loop")
    if key == "dayone":
        import zipfile

        zf = zipfile.ZipFile(io.BytesIO(writers.dayone_zip(story)))
        files = {n: zf.read(n) for n in zf.namelist() if not n.endswith("/")}
    elif key == "jrnl":
        files = {r.main: writers.jrnl_text(story)}
    elif key == "jrnl_json":
        files = {r.main: writers.jrnl_json(story)}
    elif key.startswith("daylio"):
        files = {r.main: writers.daylio_csv(story)}
    elif key == "markdown":
        files = dict(writers.notes_files(story))
    elif key == "table":
        files = {r.main: writers.table_csv(story)}
    elif key == "table_json":
        files = {r.main: _table_json(writers.table_csv(story))}
    elif key == "urgelog":
        files = {r.main: writers.urges_csv(story)}
    elif key == "loop":
        files = dict(loop_files(story, last))
    else:  # pragma: no cover
        raise KeyError(key)
    return Base(r, files, WINDOWS[window])
