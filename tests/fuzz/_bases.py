"""Small valid exports for the fuzz tests: a few days of the sample story in every format.

The full sample is 50-160 KB per format; a mutated copy of it costs ~0.1 s to read.
A window of two to four days of the same story, rendered by the same writers
(``reflection_kit.sample.writers``), keeps every structural feature of the real
export (headers, zip layout, front matter, time zones) at a tenth of the cost,
so the deep run can afford 10,000 examples per reader.

The platform downloads (WhatsApp, Telegram, Messenger, Instagram, Facebook, Chrome,
My Activity) are fuzzed from the hand-made files of ``tests/data/platform`` (every
message text there holds the marker :data:`MARK`) and, for WhatsApp, from a longer
chat in four header layouts written by the same ``make_fixtures.chat_text``. Their
reads take the options of :attr:`Reader.options` (``person=``, ``me=``) and must
never show the marker. Day One Classic is fuzzed from the Day One base, its
entries written as ``.doentry`` property lists.
"""

from __future__ import annotations

import csv
import dataclasses
import importlib.util
import io
import json
import plistlib
import zipfile
from datetime import UTC, date, datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any

from reflection_kit.sample import SAMPLE_SEED, writers
from reflection_kit.sample.loop import loop_files
from reflection_kit.sample.story import Story, build_story

__all__ = ["MARK", "PLATFORM", "READERS", "WINDOWS", "Base", "Reader", "base"]

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
    options: tuple[tuple[str, Any], ...] = ()  # passed to every read (person=, me=)
    private: bool = False  # a platform download: MARK must never be shown
    #: Encodings a person could re-save the export in (an app-written plist: UTF-8 only).
    encodings: tuple[str, ...] = ("utf-16", "cp1252", "utf-8-sig", "utf-8")

    @property
    def kwargs(self) -> dict[str, Any]:
        """The options as keyword arguments of ``rk.inspect`` and ``rk.read_*``."""
        return dict(self.options)


#: Every message text, media name, link and title of the platform bases holds this.
MARK = "zqx"
PLATFORM = Path(__file__).resolve().parents[1] / "data" / "platform"
#: Who the platform reads are about (as tests/test_source_platform_privacy.py reads them).
_EVIDENCE = (("person", ("Sam Rivera", "sam.rivera.88", "Zoë Ångström")), ("me", "Jo"))


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
        Reader(
            "dayone_classic",
            "dayone_classic",
            "journal",
            "Journal.dayone",
            "dir",
            "",
            encodings=("utf-8-sig", "utf-8"),
        ),
        Reader(
            "whatsapp",
            "whatsapp",
            "urges",
            "WhatsApp Chat with Sam Rivera.txt",
            "file",
            "chat.txt",
            options=_EVIDENCE,
            private=True,
        ),
        Reader(
            "telegram",
            "telegram",
            "urges",
            "result.json",
            "file",
            "result.json",
            json_members=True,
            options=_EVIDENCE,
            private=True,
        ),
        Reader(
            "messenger",
            "messenger",
            "urges",
            "download",
            "dir",
            "",
            json_members=True,
            options=_EVIDENCE,
            private=True,
        ),
        Reader(
            "instagram",
            "instagram",
            "urges",
            "download",
            "dir",
            "",
            json_members=True,
            options=_EVIDENCE,
            private=True,
        ),
        Reader(
            "facebook",
            "facebook",
            "urges",
            "download",
            "dir",
            "",
            json_members=True,
            options=_EVIDENCE,
            private=True,
        ),
        Reader(
            "chrome",
            "chrome",
            "urges",
            "History.json",
            "file",
            "History.json",
            json_members=True,
            options=_EVIDENCE,
            private=True,
        ),
        Reader(
            "my_activity",
            "my_activity",
            "urges",
            "MyActivity.json",
            "file",
            "MyActivity.json",
            json_members=True,
            options=_EVIDENCE,
            private=True,
        ),
    )
}


@dataclasses.dataclass(frozen=True)
class Base:
    """A valid export: member name -> bytes, and how many records it holds."""

    reader: Reader
    files: dict[str, bytes]
    window: tuple[str, int]
    main: str = ""  # the member that holds the records, when it is not ``reader.main``


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


#: The platform bases: hand-made downloads, one per window (folders: every file in them).
_DOWNLOADS: dict[str, tuple[str, ...]] = {
    "telegram": ("telegram/full/result.json", "telegram/old_single/result.json"),
    "messenger": ("messenger/dyi_2024", "messenger/dyi_2021", "messenger/e2ee"),
    "instagram": ("instagram/dyi_2024", "instagram/dyi_2021_de"),
    "facebook": ("facebook",),
    "chrome": ("google/Takeout/Chrome/History.json",),
    "my_activity": ("google/Takeout/My Activity/Search/MyActivity.json",),
}
#: The records of each platform folder base (a member mutated more often than the rest).
_MAIN = {
    "messenger": "message_1.json",
    "instagram": "message_1.json",
    "facebook": "recently_visited.json",
}
#: WhatsApp header layouts of the four windows (make_fixtures.STYLES).
_WA_STYLES = ("android_dmy_24h", "bracketed_mdy_24h", "ios_dmy_12h_seconds", "finnish_klo")


def _make_fixtures():
    spec = importlib.util.spec_from_file_location("make_fixtures", PLATFORM / "make_fixtures.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _chat(style: str) -> bytes:
    """A 3-day chat of 30 messages in ``style``: multi-line texts, colons, header look-alikes."""
    start = datetime(2019, 1, 18, 21, 40, 3)
    texts = [
        ["zqx are you up"],
        ["zqx re: the plan: call me", "zqx 20/01/19, 10:00 - Sam: zqx a quoted header"],
        ["<Media omitted>"],
        ["zqx sorry", "zqx [1/20/19 10:00] not a header zqx", ""],
        ["zqx: ok"],
        ["This message was deleted zqx"],
    ]
    chat = []
    for i in range(30):
        when = start + timedelta(minutes=97 * i, seconds=7 * i)
        who = "Jo" if i % 3 else "Sam Rivera"
        chat.append((when, who, texts[i % len(texts)]))
        if i % 11 == 4:  # a system line without a sender
            chat.append((when, None, ['Sam Rivera changed the subject to "zqx: a b"']))
    return _make_fixtures().chat_text(style, chat).encode("utf-8")


def _download(rel: str) -> tuple[dict[str, bytes], str]:
    path = PLATFORM / rel
    if path.is_file():
        return {path.name: path.read_bytes()}, path.name
    files = {
        f.relative_to(path).as_posix(): f.read_bytes()
        for f in sorted(path.rglob("*"))
        if f.is_file()
    }
    return files, ""


def _inbox_first(name: str) -> tuple[bool, str]:
    return "/inbox/" not in name, name


def _classic(dayone_files: dict[str, bytes]) -> dict[str, bytes]:
    """The Day One base's journal as a Classic package: one ``.doentry`` plist per entry."""
    out = {}
    for i, e in enumerate(json.loads(dayone_files["Journal.json"])["entries"]):
        created = datetime.fromisoformat(e["creationDate"].replace("Z", "+00:00"))
        entry: dict[str, Any] = {
            "Creation Date": created.astimezone(UTC).replace(tzinfo=None),
            "UUID": e["uuid"],
            "Starred": bool(e.get("starred")),
        }
        if "text" in e:
            entry["Entry Text"] = e["text"]
        if i % 4 != 3:  # older entries carry no zone
            entry["Time Zone"] = e["timeZone"]
        if e.get("tags"):
            entry["Tags"] = e["tags"]
        out[f"entries/{e['uuid']}.doentry"] = plistlib.dumps(entry)
    return out


@cache
def base(key: str, window: int) -> Base:
    """The valid export of reader ``key`` for window number ``window`` (cached)."""
    r = READERS[key]
    if key in _DOWNLOADS:
        rels = _DOWNLOADS[key]
        files, main = _download(rels[window % len(rels)])
        if not main:
            mains = sorted((n for n in files if n.endswith("/" + _MAIN[key])), key=_inbox_first)
            main = mains[0] if mains else ""
        return Base(r, files, WINDOWS[window], main)
    if key == "whatsapp":
        return Base(r, {r.main: _chat(_WA_STYLES[window % len(_WA_STYLES)])}, WINDOWS[window])
    story, last = _window(*WINDOWS[window], every_habit=key == "loop")
    if key in ("dayone", "dayone_classic"):
        zf = zipfile.ZipFile(io.BytesIO(writers.dayone_zip(story)))
        files = {n: zf.read(n) for n in zf.namelist() if not n.endswith("/")}
        if key == "dayone_classic":
            files = _classic(files)
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
