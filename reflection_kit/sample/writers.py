"""Render the story in each app's real export layout (see design/formats.md).

Every writer returns bytes (or a mapping of relative names to bytes) and is
pure: the same story gives the same bytes on every machine. Zips hold stored
(uncompressed) members in sorted order with a fixed date and fixed
permissions, so they never depend on the local zlib build or clock.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import random
import struct
import zipfile
import zlib
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from .loop import loop_files
from .reflections import append_reflection
from .story import END, NEW_YORK, Entry, Story

__all__ = [
    "ZIP_DATE",
    "daylio_csv",
    "dayone_zip",
    "jrnl_json",
    "jrnl_text",
    "loop_zip",
    "notes_files",
    "table_csv",
    "urges_csv",
]

#: the date and time written into every zip member (the evening of the last day)
ZIP_DATE = (2025, 6, 22, 21, 30, 0)
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
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as zf:
        for name in sorted(members):
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.create_system = 3
            info.external_attr = 0o100644 << 16
            info.compress_type = zipfile.ZIP_STORED
            zf.writestr(info, members[name])
    return buf.getvalue()


def _csv_rows(rows: list[list[str]]) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    return buf.getvalue()


def _by_time(entries: tuple[Entry, ...]) -> list[Entry]:
    return sorted(entries, key=lambda e: (e.local, e.title))


# ------------------------------------------------------------------------- Day One

_ESCAPED = "\\`*_{}[]()#+-.!"
_TAG_NAMES = {
    "alex": "Alex",
    "new-york": "New York",
    "closure-letter": "closure letter",
    "hope-bond": "hope bond",
    "hardest-part": "hardest part",
}
_DEVICES = {
    "iphone": ("Robin’s iPhone", "iPhone15,2", "iPhone", "iOS", "18.3.1"),
    "mac": ("Robin’s MacBook Air", "Mac14,2", "MacBook Air", "macOS", "15.3.1"),
}


def _md_escape(text: str) -> str:
    """Escape Markdown punctuation the way Day One for Mac exports do (``\\.``, ``\\-``)."""
    return "".join("\\" + c if c in _ESCAPED else c for c in text)


def _png(rgb: tuple[int, int, int], size: int = 4) -> bytes:
    """A tiny solid-colour PNG, deflated with stored blocks (byte-stable everywhere)."""
    raw = b"".join(b"\x00" + bytes(rgb) * size for _ in range(size))
    stored = b"\x01" + struct.pack("<HH", len(raw), len(raw) ^ 0xFFFF) + raw
    idat = b"\x78\x01" + stored + struct.pack(">I", zlib.adler32(raw))

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    ihdr = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def _utc(local: datetime, tz: str) -> datetime:
    return local.replace(tzinfo=ZoneInfo(tz)).astimezone(UTC)


def _z(t: datetime) -> str:
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def _location(rng: random.Random, tz: str) -> dict:
    if tz == NEW_YORK:
        lat, lon, place = 40.7081, -73.9571, ("New York", "NY", "United States", "Noor’s place")
    else:
        lat, lon, place = 52.4875, 13.4251, ("Berlin", "Berlin", "Germany", "Home")
    lat, lon = round(lat + rng.uniform(-0.01, 0.01), 6), round(lon + rng.uniform(-0.01, 0.01), 6)
    return {
        "administrativeArea": place[1],
        "country": place[2],
        "latitude": lat,
        "localityName": place[0],
        "longitude": lon,
        "placeName": place[3],
        "region": {"center": {"latitude": lat, "longitude": lon}, "radius": 75},
    }


def _weather(rng: random.Random, month: int) -> dict:
    code, text = rng.choice(
        (
            ("cloudy", "Cloudy"),
            ("clear", "Clear"),
            ("rain", "Rain"),
            ("partly-cloudy", "Partly Cloudy"),
        )
    )
    return {
        "conditionsDescription": text,
        "temperatureCelsius": round(rng.uniform(2, 9) + 3.5 * (month - 3), 1),
        "weatherCode": code,
        "weatherServiceName": "WeatherKit",
    }


def _dayone_entry(rng: random.Random, e: Entry, photos: dict[str, bytes]) -> dict:
    created = _utc(e.local, e.tz) + timedelta(seconds=rng.randrange(60))
    editing = round(rng.uniform(40.0, 900.0), 6)
    device = _DEVICES[e.device]
    body = _md_escape(e.body) if e.device == "mac" else e.body
    title = _md_escape(e.title) if e.device == "mac" else e.title
    out: dict = {
        "creationDate": _z(created),
        "creationDevice": device[0],
        "creationDeviceModel": device[1],
        "creationDeviceType": device[2],
        "creationOSName": device[3],
        "creationOSVersion": device[4],
        "duration": 0,
        "editingTime": editing,
        "isPinned": False,
        "modifiedDate": _z(created + timedelta(seconds=int(editing) + rng.randrange(1200))),
        "starred": e.starred,
        "timeZone": e.tz,
        "uuid": f"{rng.getrandbits(128):032X}",
    }
    paragraphs = body.split("\n\n")
    if e.photo:
        ident = f"{rng.getrandbits(128):032X}"
        data = _png((rng.randrange(256), rng.randrange(256), rng.randrange(256)))
        md5 = hashlib.md5(data).hexdigest()
        photos[f"photos/{md5}.png"] = data
        paragraphs.insert(1, f"![](dayone-moment://{ident})")
        out["photos"] = [
            {
                "creationDevice": device[0],
                "date": _z(created),
                "duration": 0,
                "favorite": False,
                "fileSize": len(data),
                "fnumber": "(null)",
                "focalLength": "(null)",
                "height": 4,
                "identifier": ident,
                "isSketch": False,
                "md5": md5,
                "orderInEntry": 0,
                "type": "png",
                "width": 4,
            }
        ]
    out["text"] = f"# {title}\n\n" + "\n\n".join(paragraphs)
    if e.tags:
        out["tags"] = [_TAG_NAMES.get(t, t) for t in e.tags]
    if rng.random() < 0.6:
        out["location"] = _location(rng, e.tz)
    if rng.random() < 0.3:
        out["weather"] = _weather(rng, e.local.month)
    return out


def _journal_json(entries: list[dict]) -> bytes:
    doc = {"metadata": {"version": "1.0"}, "entries": entries}
    text = json.dumps(doc, indent=2, ensure_ascii=False, sort_keys=True)
    return text.replace("/", "\\/").encode("utf-8")  # Apple's JSON writer escapes "/"


def dayone_zip(story: Story) -> bytes:
    """Day One JSON export: ``Journal.json``, ``Gratitude.json`` and ``photos/``.

    Entries written on the Mac carry Markdown backslash escapes; a few carry a
    ``dayone-moment://`` photo whose tiny file sits in ``photos/<md5>.png``; one
    empty entry (written by accident in New York) has no ``text`` key at all.

    Examples
    --------
    >>> import io, zipfile
    >>> from reflection_kit.sample.story import build_story
    >>> names = zipfile.ZipFile(io.BytesIO(dayone_zip(build_story(1)))).namelist()
    >>> names[:2]
    ['Gratitude.json', 'Journal.json']
    """
    rng = random.Random(story.seed * 31 + 7)
    photos: dict[str, bytes] = {}
    journal = [_dayone_entry(rng, e, photos) for e in _by_time(story.entries)]
    empty_at = _utc(datetime(2025, 4, 12, 15, 2), NEW_YORK) + timedelta(seconds=17)
    journal.append(
        {
            "creationDate": _z(empty_at),
            "creationDevice": _DEVICES["iphone"][0],
            "duration": 0,
            "isPinned": False,
            "modifiedDate": _z(empty_at + timedelta(seconds=3)),
            "starred": False,
            "timeZone": NEW_YORK,
            "uuid": f"{rng.getrandbits(128):032X}",
        }
    )
    journal.sort(key=lambda d: d["creationDate"])
    gratitude = [_dayone_entry(rng, e, photos) for e in _by_time(story.gratitude)]
    members = {"Journal.json": _journal_json(journal), "Gratitude.json": _journal_json(gratitude)}
    return _zip({**members, **photos})


# ---------------------------------------------------------------------------- jrnl


def _jrnl_body(e: Entry) -> str:
    tags = " ".join(f"@{t}" for t in e.tags)
    return e.body + ("\n\n" + tags if tags else "")


def jrnl_text(story: Story) -> bytes:
    """jrnl plain-text journal (default ``timeformat`` ``%Y-%m-%d %H:%M``).

    Examples
    --------
    >>> from reflection_kit.sample.story import build_story
    >>> jrnl_text(build_story(1)).decode()[:18]
    '[2025-03-03 21:11]'
    """
    parts = []
    for e in _by_time(story.entries):
        head = f"[{e.local:%Y-%m-%d %H:%M}] {e.title}" + (" *" if e.starred else "")
        parts.append(f"{head}\n{_jrnl_body(e)}\n")
    return "\n".join(parts).encode("utf-8")


def jrnl_json(story: Story) -> bytes:
    """``jrnl --format json`` export of the same journal (per-entry tags, tag counts).

    Examples
    --------
    >>> import json
    >>> from reflection_kit.sample.story import build_story
    >>> doc = json.loads(jrnl_json(build_story(1)))
    >>> list(doc["entries"][0])
    ['title', 'body', 'date', 'time', 'tags', 'starred']
    """
    entries, counts = [], {}
    for e in _by_time(story.entries):
        tags = [f"@{t}" for t in e.tags]
        for t in tags:
            counts[t] = counts.get(t, 0) + 1
        entries.append(
            {
                "title": e.title,
                "body": _jrnl_body(e),
                "date": f"{e.local:%Y-%m-%d}",
                "time": f"{e.local:%H:%M}",
                "tags": tags,
                "starred": e.starred,
            }
        )
    doc = {"tags": dict(sorted(counts.items())), "entries": entries}
    return json.dumps(doc, indent=2).encode("utf-8")


# --------------------------------------------------------------------------- Daylio

_ACTIVITIES = {
    "work": "work",
    "friends": "friends",
    "movement": "sport",
    "food": "cooking",
    "sleep": "sleep early",
    "therapy": "therapy",
    "new-york": "travel",
}
#: Daylio activities Robin created for urges acted on (map them with ``activities=``)
URGE_ACTIVITIES = {
    "check_social": "checked his IG",
    "reach_out": "texted him",
    "reread": "reread old messages",
    "fantasize": "daydreamed about him",
}


def _q(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _time12(t: datetime) -> str:
    return f"{t.hour % 12 or 12}:{t.minute:02d} {'am' if t.hour < 12 else 'pm'}"


def daylio_csv(story: Story) -> bytes:
    """Daylio "CSV (table)" export, 2021+ 8-column header, UTF-8 BOM, newest first.

    The day's last check-in lists the urges acted on that day as activities
    (:data:`URGE_ACTIVITIES`), next to ordinary ones.

    Examples
    --------
    >>> from reflection_kit.sample.story import build_story
    >>> daylio_csv(build_story(1))[:3]
    b'\\xef\\xbb\\xbf'
    """
    rng = random.Random(story.seed * 31 + 11)
    entries = _by_time(story.entries)
    last_of_day = {e.local.date(): e for e in entries}
    acted: dict = {}
    for u in story.urges:
        if u.acted and u.kind in URGE_ACTIVITIES:
            acts = acted.setdefault(u.local.date(), [])
            if URGE_ACTIVITIES[u.kind] not in acts:
                acts.append(URGE_ACTIVITIES[u.kind])
    rows = []
    for e in entries:
        day = e.local.date()
        acts = list(dict.fromkeys(_ACTIVITIES[t] for t in e.tags if t in _ACTIVITIES))
        if last_of_day[day] is e:
            acts += acted.get(day, [])
        title = e.title if rng.random() < 0.6 else ""
        rows.append(
            ",".join(
                (
                    day.isoformat(),
                    f"{day.day} {_MONTHS[day.month - 1]}",
                    _WEEKDAYS[day.weekday()],
                    _time12(e.local),
                    e.mood_label,
                    _q(" | ".join(acts)),
                    _q(title),
                    _q(e.body.replace("\n", "<br>")),
                )
            )
        )
    header = "full_date,date,weekday,time,mood,activities,note_title,note"
    return ("\ufeff" + "\n".join([header, *reversed(rows)]) + "\n").encode("utf-8")


# ------------------------------------------------------------------------- Obsidian

DAILY_NOTES_SETTINGS = {"format": "YYYY/MM/YYYY-MM-DD", "folder": ""}


def notes_files(story: Story) -> dict[str, bytes]:
    """An Obsidian vault of daily notes: ``.obsidian/daily-notes.json`` and one note per day.

    Notes sit at ``YYYY/MM/YYYY-MM-DD.md`` with front matter (``date``, ``mood``
    1-5, ``tags``, and on some single-entry days an unquoted ``time: 21:30``)
    and inline ``#tags`` after the day's entries. About every two weeks the
    note ends with an answered prompt set (``story.reflections``), laid out as
    :func:`reflection_kit.prompt_sets.new_entry` appends it; only the notes
    carry these answers.

    Examples
    --------
    >>> from reflection_kit.sample.story import build_story
    >>> sorted(notes_files(build_story(1)))[:2]
    ['.obsidian/daily-notes.json', '2025/03/2025-03-03.md']
    """
    rng = random.Random(story.seed * 31 + 13)
    days: dict = {}
    for e in _by_time(story.entries):
        days.setdefault(e.local.date(), []).append(e)
    reflections: dict = {}
    for r in story.reflections:
        reflections.setdefault(r.day, []).append(r)
    files = {".obsidian/daily-notes.json": json.dumps(DAILY_NOTES_SETTINGS, indent=2).encode()}
    for day, entries in days.items():
        mood = round(sum(e.mood for e in entries) / len(entries) + 1e-9)
        front_tags = ["journal", *dict.fromkeys(e.tags[0] for e in entries if e.tags)]
        inline = [t for e in entries for t in e.tags if t not in front_tags]
        lines = ["---", f"date: {day.isoformat()}"]
        if len(entries) == 1 and rng.random() < 0.3:
            lines.append(f"time: {entries[0].local:%H:%M}")
        lines += [f"mood: {mood}", "tags:", *(f"  - {t}" for t in front_tags), "---"]
        lines.append(
            f"# {_WEEKDAYS[day.weekday()]}, {day.day} {_MONTHS[day.month - 1]} {day.year}"
        )
        for e in entries:
            lines += ["", f"## {e.title}", "", e.body]
        if inline:
            lines += ["", " ".join(f"#{t}" for t in dict.fromkeys(inline))]
        text = "\n".join(lines) + "\n"
        for reflection in reflections.get(day, []):
            text = append_reflection(text, reflection)
        files[f"{day:%Y}/{day:%m}/{day.isoformat()}.md"] = text.encode()
    return files


# ------------------------------------------------------------------ table, urge log


def table_csv(story: Story) -> bytes:
    """A generic table of dated texts: ``date,time,title,text,mood,tags`` (mood 1-5).

    Examples
    --------
    >>> from reflection_kit.sample.story import build_story
    >>> table_csv(build_story(1)).decode().splitlines()[0]
    'date,time,title,text,mood,tags'
    """
    rows = [["date", "time", "title", "text", "mood", "tags"]]
    for e in _by_time(story.entries):
        rows.append(
            [
                f"{e.local:%Y-%m-%d}",
                f"{e.local:%H:%M}",
                e.title,
                e.body,
                str(e.mood),
                ", ".join(e.tags),
            ]
        )
    return _csv_rows(rows).encode("utf-8")


def urges_csv(story: Story) -> bytes:
    """The reflection-kit urge log v1 (local wall-clock times, the person's own wording).

    Examples
    --------
    >>> from reflection_kit.sample.story import build_story
    >>> urges_csv(build_story(1)).decode().splitlines()[0]
    'timestamp,kind,intensity,acted,trigger,coping,note'
    """
    rows = [["timestamp", "kind", "intensity", "acted", "trigger", "coping", "note"]]
    for u in story.urges:
        rows.append(
            [
                f"{u.local:%Y-%m-%d %H:%M}",
                u.label,
                "" if u.intensity is None else str(u.intensity),
                "" if u.acted is None else ("yes" if u.acted else "no"),
                u.trigger,
                u.coping,
                u.note,
            ]
        )
    return _csv_rows(rows).encode("utf-8")


def loop_zip(story: Story) -> bytes:
    """Loop Habit Tracker v2.3.1+ CSV export (see :mod:`reflection_kit.sample.loop`)."""
    return _zip(loop_files(story, END))
