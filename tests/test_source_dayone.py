"""The Day One JSON reader: zip, folder and single file; time zones; text cleaning; bad input."""

from __future__ import annotations

import json
import os
import plistlib
import re
import shutil
import warnings
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import reflection_kit as rk
from reflection_kit.sources._dayone_text import _ESCAPE, clean_text, clean_texts, unescape
from reflection_kit.sources._input import Input
from reflection_kit.sources.dayone import detect

DATA = Path(__file__).resolve().parent / "data" / "dayone"
EXPORT = DATA / "export"
HOSTILE = DATA / "hostile"


def _zip(folder: Path, dest: Path, extra: dict[str, bytes] | None = None) -> Path:
    """Zip ``folder`` the way Day One does (journals at the top, photos/ beside them)."""
    with zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zf:
        for f in sorted(folder.rglob("*")):
            if f.is_file():
                zf.write(f, f.relative_to(folder).as_posix())
        for name, data in (extra or {}).items():
            zf.writestr(name, data)
    return dest


def _report(path, **kw) -> rk.LoadReport:
    report = rk.inspect(path, kind="journal", **kw)
    assert report.records == report.loaded + len(report.problems)
    return report


def _by_id(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.set_index("entry_id")


@pytest.fixture
def export_zip(tmp_path) -> Path:
    return _zip(EXPORT, tmp_path / "Export-2024-04-14.zip")


# --- containers -------------------------------------------------------------------------------


def test_folder_reads_every_journal_and_ignores_photos():
    report = _report(EXPORT)
    assert report.format == "dayone"
    assert (report.records, report.loaded, len(report.problems)) == (9, 9, 0)
    frame = report.frame
    assert frame["journal"].value_counts().to_dict() == {"Journal": 7, "Gratitude": 2}
    assert frame["source"].eq("dayone").all()
    assert not frame["origin"].str.contains("photos").any()


def test_zip_reads_like_the_folder(export_zip):
    report = _report(export_zip)
    assert report.format == "dayone"
    folder = _by_id(rk.read_journal(EXPORT)).drop(columns="origin")
    zipped = _by_id(report.frame).drop(columns="origin")
    pd.testing.assert_frame_equal(zipped.sort_index(), folder.sort_index())
    assert report.frame["origin"].str.startswith("Export-2024-04-14.zip:").all()


def test_single_json_file_is_one_journal():
    frame = rk.read_journal(EXPORT / "Gratitude.json")
    assert frame["journal"].unique().tolist() == ["Gratitude"]
    assert frame["origin"].tolist() == ["Gratitude.json entry 1", "Gratitude.json entry 2"]


def test_every_journal_json_in_a_zip_and_nested_folder(tmp_path):
    journal = json.loads((EXPORT / "Journal.json").read_text("utf-8"))
    path = tmp_path / "export.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("Export/Journal.json", json.dumps(journal))
        zf.writestr("Export/Journal 2.json", json.dumps({"entries": journal["entries"][:1]}))
        zf.writestr("Export/photos/x.json", b"{}")  # media folders are never read
    frame = _report(path).frame
    assert set(frame["journal"]) == {"Journal", "Journal 2"}
    # the same uuid in two journals is one entry: kept once, the copy reported
    report = rk.inspect(path, kind="journal")
    assert len(report.problems) == 1
    assert "duplicate" in report.problems["reason"].iloc[0]


def test_detection_takes_zip_folder_and_json_but_not_jrnl_json(export_zip):
    assert detect(Input.open(export_zip)) is None
    assert detect(Input.open(EXPORT)) is None
    assert detect(Input.open(EXPORT / "Journal.json")) is None
    jrnl_json = Path(__file__).resolve().parent / "data" / "jrnl" / "jrnl.json"
    assert "creationDate" in detect(Input.open(jrnl_json))
    assert detect(Input.open(HOSTILE / "not_dayone.csv")) is not None


def test_formats_table_lists_dayone():
    row = rk.formats().set_index("name").loc["dayone"]
    assert row["kind"] == "journal"
    assert "Day One JSON (.zip)" in row["how_to_export"]


# --- time --------------------------------------------------------------------------------------


def test_entry_just_after_midnight_lands_on_its_local_day():
    row = _by_id(rk.read_journal(EXPORT)).loc["A1000000000000000000000000000001"]
    # 23:30 UTC on the 4th is 00:30 on the 5th in Berlin
    assert row["local_time"] == pd.Timestamp("2024-03-05 00:30")
    assert row["date"] == pd.Timestamp("2024-03-05")
    assert row["tz"] == "Europe/Berlin"
    assert row["timestamp"] == pd.Timestamp("2024-03-04 23:30", tz="UTC")


def test_travel_entries_keep_their_own_zone_and_day():
    frame = _by_id(rk.read_journal(EXPORT))
    ny = frame.loc["A1000000000000000000000000000004"]
    # 03:30 UTC on the 10th is still the evening of the 9th in New York
    assert (ny["tz"], ny["date"]) == ("America/New_York", pd.Timestamp("2024-04-09"))
    assert ny["local_time"] == pd.Timestamp("2024-04-09 23:30")
    # several zones in one frame: the timestamp column is UTC, each row keeps its wall clock
    assert str(frame["timestamp"].dt.tz) == "UTC"
    assert frame["tz"].nunique() > 1


def test_missing_or_unknown_zone_uses_tz_and_says_so():
    report = _report(EXPORT, tz="Europe/Berlin")
    frame = _by_id(report.frame)
    assert frame.loc["A1000000000000000000000000000005", "tz"] == "Europe/Berlin"
    assert frame.loc["A1000000000000000000000000000005", "local_time"] == pd.Timestamp(
        "2024-04-11 14:00"
    )
    assert frame.loc["A1000000000000000000000000000006", "tz"] == "Europe/Berlin"
    notes = " ".join(report.notes)
    assert "no timeZone" in notes and "entry 5" in notes
    assert "Mars/Olympus_Mons" in notes and "tz='Europe/Berlin'" in notes
    assert "own time zone" in report.tz_policy


# --- text, tags, flags -----------------------------------------------------------------------


def test_escapes_media_and_zero_width_spaces_are_cleaned():
    frame = _by_id(rk.read_journal(EXPORT))
    walk = frame.loc["A1000000000000000000000000000001"]
    assert walk["text"] == "# Late walk\n\nWalked around the block before bed. Felt calm."
    assert walk["media"] == 1
    mixed = frame.loc["A1000000000000000000000000000002"]
    assert mixed["media"] == 3  # audio link, bare video link, pdf link on its own line
    assert "dayone-moment" not in mixed["text"]
    assert "\u200b" not in mixed["text"] and "\\" not in mixed["text"]
    assert "A rabbit-hole (maybe) !" in mixed["text"]
    assert frame["media"].dtype == "int64"


def test_title_is_heading_or_first_line_and_text_keeps_everything():
    frame = _by_id(rk.read_journal(EXPORT))
    assert frame.loc["A1000000000000000000000000000001", "title"] == "Late walk"
    assert frame.loc["A1000000000000000000000000000002", "title"] == "Plain first line"
    # an escaped "\#" is text, not a heading; an escaped backslash stays one backslash
    notes = frame.loc["A1000000000000000000000000000007"]
    assert notes["title"] == "# not a heading. A path C:\\temp stays."
    assert notes["text"].endswith("Second paragraph.")
    assert notes["text"].startswith(notes["title"])


def test_long_first_line_gives_a_short_title_and_keeps_the_text():
    first = "Walked to the river and back. " + "Then a long paragraph went on " * 10
    title, text, _ = clean_text("# " + first)
    assert title == "Walked to the river and back."
    assert text == "# " + first.strip()
    title, _, _ = clean_text("word " * 100)
    assert title.endswith("…") and len(title) <= 121


def test_entry_without_text_is_kept_empty_and_named_in_the_notes():
    report = _report(EXPORT)
    row = _by_id(report.frame).loc["A1000000000000000000000000000003"]
    assert (row["text"], row["title"], row["media"]) == ("", "", 0)
    [note] = [n for n in report.notes if "no 'text' at all" in n]
    assert "Journal.json entry 3" in note and "Suggestion:" in note


def test_textless_entry_after_a_bad_one_is_named_at_its_own_place(tmp_path):
    path = tmp_path / "Journal.json"
    path.write_text(
        json.dumps(
            {
                "entries": [
                    {"creationDate": "not a date", "text": "x"},
                    {"creationDate": "2024-03-05T10:00:00Z", "text": "kept"},
                    {"creationDate": "2024-03-06T10:00:00Z"},
                ]
            }
        )
    )
    report = _report(path)
    assert (report.records, report.loaded, len(report.problems)) == (3, 2, 1)
    assert any("Journal.json entry 3" in n for n in report.notes)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            "double escape a\\/b dot\\. single escape slash/",
            "double escape a/b dot. single escape slash/",
        ),
        (
            '\\"quoted\\" 50\\% \\$5 \\@home \\~ \\| \\< \\> \\= \\, \\; \\: \\? \\^ \\&',
            '"quoted" 50% $5 @home ~ | < > = , ; : ? ^ &',
        ),
        ("C:\\\\temp \\w \\é \\ space", "C:\\temp \\w \\é \\ space"),  # not punctuation: kept
    ],
)
def test_every_escaped_ascii_punctuation_is_undone_as_in_commonmark(raw, expected):
    assert unescape(raw) == expected
    assert clean_text(raw)[1] == expected


def test_tags_starred_and_ids():
    frame = _by_id(rk.read_journal(EXPORT))
    assert frame.loc["A1000000000000000000000000000001", "tags"] == ["evening", "walk"]
    assert frame.loc["A1000000000000000000000000000002", "tags"] == []
    assert frame["starred"].dtype == bool
    assert frame["starred"].sum() == 1 and frame.loc["A1000000000000000000000000000002", "starred"]
    assert frame.index.str.fullmatch(r"[AB]\d{31}").all()


@given(st.text(alphabet="ab\\.-#!(z \n", max_size=30))
def test_unescape_matches_one_regex_pass(text):
    assert unescape(text) == _ESCAPE.sub(lambda m: m.group(1), text)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("a ![](dayone-moment://X) b", ("a  b", 1)),
        ("![caption](dayone-moment://X)\nafter", ("after", 1)),
        ("before\n  ![](dayone-moment:/video/Y)  \nafter", ("before\nafter", 1)),
        ("see dayone-moment:/pdfAttachment/Z here", ("see  here", 1)),
        ("[link](https://example.org) stays", ("[link](https://example.org) stays", 0)),
        ("x\r\ny\u200b", ("x\ny", 0)),
    ],
)
def test_clean_text_media_forms(raw, expected):
    _, text, media = clean_text(raw)
    assert (text, media) == expected


def test_clean_texts_equals_clean_text_each():
    raws = ["# A\\!", "b ![](dayone-moment://X)", "", "  \n\nc\\\\\\."]
    titles, texts, media = clean_texts(raws)
    assert list(zip(titles, texts, media, strict=True)) == [clean_text(r) for r in raws]


# --- Day One Classic ---------------------------------------------------------------------------

CLASSIC = DATA / "classic" / "Walks.dayone"


def test_classic_folder_is_detected_and_read():
    report = _report(CLASSIC)
    assert report.format == "dayone_classic"
    assert (report.records, report.loaded, len(report.problems)) == (6, 4, 2)
    frame = _by_id(report.frame)
    walk = frame.loc["C1000000000000000000000000000001"]
    # 23:30 UTC on the 4th is 00:30 on the 5th in Berlin
    assert (walk["local_time"], walk["tz"]) == (pd.Timestamp("2013-03-05 00:30"), "Europe/Berlin")
    assert walk["title"] == "Late walk" and walk["text"].endswith(
        "Around the block. Felt calm @evening."
    )
    assert walk["tags"] == ["walk", "evening"] and walk["starred"]
    assert walk["journal"] == "Walks" and walk["source"] == "dayone_classic"
    ny = frame.loc["C1000000000000000000000000000002"]
    assert ny["date"] == pd.Timestamp("2013-03-09")
    assert frame.loc["C1000000000000000000000000000005", "text"] == ""
    assert "photos" not in " ".join(frame["origin"])


def test_classic_problems_and_notes_are_located():
    report = _report(CLASSIC, tz="Europe/Berlin")
    problems = report.problems.set_index("location")["reason"]
    where = "Walks.dayone/entries/C10000000000000000000000000000{:02d}.doentry"
    assert "no 'Creation Date'" in problems[where.format(4)]
    assert "not a readable property list" in problems[where.format(6)]
    assert problems.str.contains("Suggestion").all()
    notes = " ".join(report.notes)
    assert where.format(5) in notes and "no 'Entry Text'" in notes
    assert "no timeZone" in notes and where.format(3) in notes
    old = _by_id(report.frame).loc["C1000000000000000000000000000003"]
    assert (old["tz"], old["local_time"]) == ("Europe/Berlin", pd.Timestamp("2012-12-01 13:00"))


def test_classic_zip_and_single_entry(tmp_path):
    z = _zip(CLASSIC.parent, tmp_path / "backup.zip")
    zipped = _report(z)
    assert zipped.format == "dayone_classic" and zipped.loaded == 4
    assert set(zipped.frame["journal"]) == {"Walks"}
    one = _report(CLASSIC / "entries" / "C1000000000000000000000000000002.doentry")
    assert one.format == "dayone_classic" and one.frame["journal"].item() == "Walks"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (  # an entity bomb: plistlib refuses entity declarations before expanding anything
            b'<?xml version="1.0"?>\n<!DOCTYPE plist [<!ENTITY a "aaaaaaaaaa">'
            b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>\n<plist version="1.0"><dict>'
            b"<key>Entry Text</key><string>&b;</string></dict></plist>",
            "not a readable property list",
        ),
        (b"\x00\xff not a plist", "not a readable property list"),
        (b'<?xml version="1.0"?><plist version="1.0"><array/></plist>', "not a dictionary"),
        (
            b'<?xml version="1.0"?><plist version="1.0"><dict><key>Creation Date</key>'
            b"<date>2013-03-04T23:30:00Z</date><key>Entry Text</key><integer>5</integer>"
            b"</dict></plist>",
            "'Entry Text' should be text, got int",
        ),
    ],
)
def test_classic_hostile_entries_are_one_problem_each(tmp_path, data, reason):
    entries = tmp_path / "J.dayone" / "entries"
    entries.mkdir(parents=True)
    shutil.copy(CLASSIC / "entries" / "C1000000000000000000000000000002.doentry", entries)
    (entries / "BAD.doentry").write_bytes(data)
    report = _report(tmp_path / "J.dayone")
    assert (report.records, report.loaded) == (2, 1)
    assert report.problems["location"].tolist() == ["J.dayone/entries/BAD.doentry"]
    assert reason in report.problems["reason"].item()


def test_classic_binary_plist_is_read(tmp_path):
    entries = tmp_path / "J.dayone" / "entries"
    entries.mkdir(parents=True)
    entry = plistlib.loads(
        (CLASSIC / "entries" / "C1000000000000000000000000000002.doentry").read_bytes()
    )
    (entries / "X.doentry").write_bytes(plistlib.dumps(entry, fmt=plistlib.FMT_BINARY))
    frame = _report(tmp_path / "J.dayone").frame
    assert frame["date"].tolist() == [pd.Timestamp("2013-03-09")]


def test_classic_errors_raise_and_formats_row():
    with pytest.raises(rk.ParseError, match=r"no 'Creation Date'"):
        rk.read_journal(CLASSIC, errors="raise")
    row = rk.formats().set_index("name").loc["dayone_classic"]
    assert row["kind"] == "journal" and ".dayone" in row["how_to_export"]


# --- bad input --------------------------------------------------------------------------------


def test_hostile_entries_are_reported_at_their_record():
    report = _report(HOSTILE / "Journal.json")
    assert (report.records, report.loaded) == (6, 2)
    by_loc = report.problems.set_index("location")["reason"]
    assert list(by_loc.index) == [f"Journal.json entry {i}" for i in (2, 3, 4, 5)]
    assert "'yesterday-ish' is not an ISO 8601 date-time" in by_loc["Journal.json entry 2"]
    assert "not a JSON object" in by_loc["Journal.json entry 3"]
    assert "no 'creationDate'" in by_loc["Journal.json entry 4"]
    assert "'text' should be a string" in by_loc["Journal.json entry 5"]
    assert by_loc.str.contains("Suggestion").all()


def test_errors_raise_stops_at_the_first_bad_entry():
    with pytest.raises(rk.ParseError, match=r"Journal\.json entry 2: 'creationDate'") as info:
        rk.read_journal(HOSTILE / "Journal.json", errors="raise")
    assert info.value.location == "Journal.json entry 2"


def test_errors_warn_loads_the_rest_and_warns_once():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        frame = rk.read_journal(HOSTILE / "Journal.json")
    quality = [w for w in caught if issubclass(w.category, rk.DataQualityWarning)]
    assert len(quality) == 1
    assert "4 of 6" in str(quality[0].message)
    assert len(frame) == 2


def test_truncated_json_is_one_problem_with_line_and_column():
    report = _report(HOSTILE / "truncated.json", format="dayone")
    assert (report.records, report.loaded) == (1, 0)
    reason = report.problems["reason"].iloc[0]
    assert re.search(r"line \d+, column \d+", reason) and "export it again" in reason


def test_truncated_journal_in_a_zip_does_not_stop_the_others(tmp_path):
    path = _zip(
        EXPORT,
        tmp_path / "export.zip",
        {"Broken.json": (HOSTILE / "truncated.json").read_bytes()},
    )
    report = _report(path)
    assert (report.records, report.loaded) == (10, 9)
    assert report.problems["location"].tolist() == ["export.zip:Broken.json"]


def test_empty_file_is_a_clear_error():
    with pytest.raises(rk.ParseError, match=r"empty\.json: the file is empty.*Day One"):
        rk.read_journal(HOSTILE / "empty.json", format="dayone")


def test_file_of_another_format_names_the_file():
    with pytest.raises(rk.ParseError, match=r"not_dayone\.csv: .*not a Day One JSON export"):
        rk.read_journal(HOSTILE / "not_dayone.csv", format="dayone")


def test_zip_without_journals_is_a_clear_error(tmp_path):
    path = tmp_path / "photos-only.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("photos/a.jpeg", b"\xff\xd8")
    with pytest.raises(rk.ParseError, match=r"photos-only\.zip: it holds no \.json journal"):
        rk.read_journal(path, format="dayone")


def test_non_journal_json_in_a_zip_is_skipped_with_a_note(tmp_path):
    path = _zip(EXPORT, tmp_path / "export.zip", {"settings.json": b'{"theme": "dark"}'})
    report = _report(path)
    assert report.loaded == 9
    assert any("settings.json was skipped" in n for n in report.notes)


def test_entries_that_are_not_a_list_are_a_problem(tmp_path):
    path = tmp_path / "odd.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("Journal.json", (EXPORT / "Journal.json").read_bytes())
        zf.writestr("Odd.json", b'{"entries": {"creationDate": "2024-01-01T00:00:00Z"}}')
    report = _report(path)
    assert report.problems["location"].tolist() == ["odd.zip:Odd.json"]
    assert "should be a list" in report.problems["reason"].iloc[0]


def test_corrupt_zip_raises_from_input_open(tmp_path, export_zip):
    broken = tmp_path / "broken.zip"
    broken.write_bytes(export_zip.read_bytes()[:200])
    with pytest.raises(rk.ParseError, match=r"broken\.zip: this zip is damaged or truncated"):
        rk.read_journal(broken)


def test_unsafe_zip_member_is_reported_not_followed(tmp_path):
    path = _zip(EXPORT, tmp_path / "export.zip", {"../evil.json": b"{}"})
    report = _report(path)
    assert report.loaded == 9
    assert report.problems["location"].str.contains("evil.json").tolist() == [True]


def test_bom_and_cp1252_json_are_read(tmp_path):
    doc = {
        "entries": [
            {
                "uuid": "E5",
                "creationDate": "2024-06-01T08:00:00Z",
                "timeZone": "Europe/Berlin",
                "text": "Café at noon",
            }
        ]
    }
    bom = tmp_path / "Bom.json"
    bom.write_bytes(b"\xef\xbb\xbf" + json.dumps(doc, ensure_ascii=False).encode("utf-8"))
    assert rk.read_journal(bom)["text"].tolist() == ["Café at noon"]
    legacy = tmp_path / "Legacy.json"
    legacy.write_bytes(json.dumps(doc, ensure_ascii=False).encode("cp1252"))
    report = _report(legacy, format="dayone")
    assert report.frame["text"].tolist() == ["Café at noon"]
    assert any("cp1252" in n for n in report.notes)


def test_overlapping_exports_keep_each_entry_once(tmp_path):
    journal = json.loads((EXPORT / "Journal.json").read_text("utf-8"))
    older, newer = tmp_path / "older.zip", tmp_path / "newer.zip"
    with zipfile.ZipFile(older, "w") as zf:
        zf.writestr("Journal.json", json.dumps({"entries": journal["entries"][:4]}))
    with zipfile.ZipFile(newer, "w") as zf:
        zf.writestr("Journal.json", json.dumps({"entries": journal["entries"][2:]}))
    report = rk.inspect([older, newer], kind="journal")
    assert report.records == 4 + 5
    assert report.loaded == 7
    assert len(report.problems) == 2
    assert report.records == report.loaded + len(report.problems)
    assert report.problems["location"].tolist() == [
        "newer.zip:Journal.json entry 1",
        "newer.zip:Journal.json entry 2",
    ]
    assert report.problems["reason"].str.contains("duplicate of the record at older.zip").all()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        frame = rk.read_journal([older, newer])
    assert frame["entry_id"].is_unique and len(frame) == 7
    assert sum(issubclass(w.category, rk.DataQualityWarning) for w in caught) == 1


@pytest.mark.parametrize(
    "path",
    [EXPORT, EXPORT / "Journal.json", HOSTILE / "Journal.json", HOSTILE / "truncated.json"],
    ids=["folder", "json", "hostile", "truncated"],
)
def test_records_equal_loaded_plus_problems(path):
    report = rk.inspect(path, kind="journal", format="dayone")
    assert report.records == report.loaded + len(report.problems)


def test_sources_are_never_modified(export_zip):
    paths = [export_zip, *sorted(p for p in DATA.rglob("*") if p.is_file())]
    before = {p: (p.read_bytes(), os.stat(p).st_mtime_ns) for p in paths}
    for target in (export_zip, EXPORT, HOSTILE / "Journal.json", HOSTILE / "truncated.json"):
        rk.inspect(target, kind="journal", format="dayone")
    after = {p: (p.read_bytes(), os.stat(p).st_mtime_ns) for p in paths}
    assert after == before
