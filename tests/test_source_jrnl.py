"""The jrnl readers: the plain-text journal (file and folder) and the ``--format json`` export."""

from __future__ import annotations

import os
import shutil
import warnings
from pathlib import Path

import pandas as pd
import pytest

import reflection_kit as rk
from reflection_kit.sources._input import Input
from reflection_kit.sources.jrnl import detect, entry_text, find_tags
from reflection_kit.sources.jrnl_json import detect as detect_json

DATA = Path(__file__).resolve().parent / "data" / "jrnl"
JOURNAL = DATA / "journal.txt"


def _report(path, **kw) -> rk.LoadReport:
    report = rk.inspect(path, kind="journal", **kw)
    assert report.records == report.loaded + len(report.problems)
    return report


def _quality_warnings(fn):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = fn()
    return result, [w for w in caught if issubclass(w.category, rk.DataQualityWarning)]


# --- plain text: grammar ----------------------------------------------------------------------


def test_plain_text_entries_titles_and_text():
    report = _report(JOURNAL)
    assert report.format == "jrnl"
    assert (report.records, report.loaded) == (4, 4)
    frame = report.frame
    assert frame["title"].tolist() == [
        "Morning walk to the bakery.",
        "Evening review",
        "",
        "One line only @Late.",
    ]
    # text holds every word written: the title line, then the body
    assert frame["text"].iloc[1].startswith("Evening review\nSkipped the @Walk")
    assert frame["text"].iloc[2] == "An entry with an empty title line."
    assert frame["local_time"].tolist() == [
        pd.Timestamp("2024-03-05 08:15"),
        pd.Timestamp("2024-03-06 21:40"),
        pd.Timestamp("2024-03-07 07:05"),
        pd.Timestamp("2024-03-08 22:10"),
    ]
    assert frame["origin"].tolist() == [f"journal.txt line {n}" for n in (1, 8, 12, 15)]


def test_footnote_and_chat_lines_do_not_start_entries():
    first = rk.read_journal(JOURNAL)["text"].iloc[0]
    assert "\n[1] the bakery opens at seven\n" in first
    assert "[26/11, 23:32] Sam: pasted chat line" in first


def test_star_marks_starred_and_leaves_the_title():
    frame = rk.read_journal(JOURNAL)
    assert frame["starred"].tolist() == [False, True, False, False]
    assert frame["starred"].dtype == bool
    assert not frame["title"].str.endswith("*").any()


def test_tags_are_lower_case_without_the_symbol():
    frame = rk.read_journal(JOURNAL)
    assert frame["tags"].tolist() == [
        ["walk"],
        ["walk", "reading", "c++", "os/2", "idea"],
        [],
        ["late"],
    ]


@pytest.mark.parametrize(
    ("text", "tags"),
    [
        ("@Walk and @walk", ["walk"]),
        ("mail someone@example.org", []),
        ("@idea: done. @end.", ["idea", "end"]),
        ("(@paren) no, @yes", ["yes"]),
        ("line\n@start of line", ["start"]),
    ],
)
def test_find_tags(text, tags):
    assert find_tags(text) == tags


def test_entry_text_joins_title_and_body():
    assert entry_text("Title", "Body\n") == "Title\nBody"
    assert entry_text("", "Body") == "Body"
    assert entry_text("Title", "") == "Title"


def test_times_are_read_in_tz_when_given():
    frame = rk.read_journal(JOURNAL, tz="Europe/Berlin")
    assert str(frame["timestamp"].dt.tz) == "Europe/Berlin"
    assert frame["timestamp"].iloc[0] == pd.Timestamp("2024-03-05 08:15", tz="Europe/Berlin")
    assert frame["date"].iloc[0] == pd.Timestamp("2024-03-05")


def test_detection():
    assert detect(Input.open(JOURNAL)) is None
    assert detect(Input.open(DATA / "folder")) is None
    assert detect(Input.open(DATA / "not_jrnl.csv")) is not None
    assert detect(Input.open(DATA / "empty.txt")) == "the file is empty"
    assert rk.inspect(DATA / "jrnl.json", kind="journal").format == "jrnl_json"


# --- plain text: encodings and timeformat ------------------------------------------------------


def test_bom_and_crlf(tmp_path):
    path = tmp_path / "journal.txt"
    path.write_bytes(b"\xef\xbb\xbf" + JOURNAL.read_bytes().replace(b"\n", b"\r\n"))
    assert rk.inspect(path, kind="journal").format == "jrnl"
    crlf = rk.read_journal(path)
    plain = rk.read_journal(JOURNAL)
    pd.testing.assert_frame_equal(crlf, plain)
    assert not crlf["text"].str.contains("\r").any()


@pytest.mark.parametrize("encoding", ["utf-16", "cp1252"])
def test_utf16_and_cp1252_are_read_with_a_note(tmp_path, encoding):
    path = tmp_path / "journal.txt"
    text = "[2024-03-05 08:15] Café au lait *\nNaïve plan for the weekend @Café.\n"
    path.write_bytes(text.encode(encoding))
    report = _report(path, format="jrnl")
    row = report.frame.iloc[0]
    assert row["title"] == "Café au lait" and row["starred"]
    assert row["tags"] == ["café"]
    assert any("not UTF-8" in n for n in report.notes)


def test_timeformat_option(tmp_path):
    frame = rk.read_journal(DATA / "little_endian.txt", timeformat="%d.%m.%Y %H:%M")
    assert frame["local_time"].tolist() == [
        pd.Timestamp("2024-03-05 08:15"),
        pd.Timestamp("2024-03-25 21:40"),
    ]


def test_other_timeformat_is_recognised_with_a_note():
    report = _report(DATA / "little_endian.txt", format="jrnl")
    assert report.loaded == 2
    assert report.frame["date"].tolist() == [
        pd.Timestamp("2024-03-05"),
        pd.Timestamp("2024-03-25"),
    ]
    assert any("'%d.%m.%Y %H:%M'" in n for n in report.notes)


def test_wrong_timeformat_is_a_clear_error():
    with pytest.raises(rk.ParseError, match=r"little_endian\.txt: .*timeformat '%Y-%m-%d %H:%M'"):
        rk.read_journal(DATA / "little_endian.txt", timeformat="%Y-%m-%d %H:%M")


def test_unknown_option_is_refused():
    with pytest.raises(TypeError, match="timeformat"):
        rk.read_journal(JOURNAL, time_format="%Y")


def test_folder_journal():
    report = _report(DATA / "folder")
    assert report.format == "jrnl"
    frame = report.frame
    assert frame["title"].tolist() == ["Folder morning", "Folder evening", "Next day"]
    assert frame["origin"].tolist() == [
        "folder/2024/03/05.txt line 1",
        "folder/2024/03/05.txt line 4",
        "folder/2024/03/06.txt line 1",
    ]
    assert frame["journal"].unique().tolist() == ["folder"]


def test_headers_read_as_jrnl_reads_them():
    """A header jrnl's lenient parser reads is an entry (never body text of the one above);
    footnotes, words and dates without a year stay body text; an impossible date is a
    located problem with its body."""
    report = _report(DATA / "lenient_dates.txt")
    assert (report.records, report.loaded, len(report.problems)) == (4, 3, 1)
    frame = report.frame.sort_values("local_time")
    assert frame["local_time"].tolist() == [
        pd.Timestamp("2024-03-01 21:40"),  # [2024-03 21:40]: the first of the month, as jrnl
        pd.Timestamp("2024-03-05 08:15"),
        pd.Timestamp("2024-03-07 19:05"),
    ]
    first = frame.set_index("title").loc["A normal entry", "text"]
    assert "\n[1] a footnote stays" in first and "\n[Room 101] is where" in first
    assert "\n[March 5] a date without a year" in first
    assert "A header jrnl reads leniently" not in first
    assert report.problems["location"].tolist() == ["lenient_dates.txt line 12"]
    notes = " ".join(report.notes)
    assert "line 6 [2024-03 21:40] as 2024-03-01 21:40" in notes
    assert "line 9 [2024-03-07 07:05:00 PM] as 2024-03-07 19:05" in notes
    assert "lenient_dates.txt line 4 [March 5]" in notes and "without a year" in notes


@pytest.mark.parametrize(
    ("blob", "expected"),
    [
        ("2019-07 14:23", pd.Timestamp("2019-07-01 14:23")),
        ("2020-08-29 11:11:00 AM", pd.Timestamp("2020-08-29 11:11")),
        ("March 5, 2024 10:00", pd.Timestamp("2024-03-05 10:00")),
        ("05.03.2024 08:15", None),  # day or month first: only timeformat can say
        ("26/11, 23:32", None),
        ("Room 101", None),
        ("Entry subject", None),
        ("ashasd7zdskhz7asdkjasd", None),
    ],
)
def test_lenient_header_dates(blob, expected):
    from reflection_kit.sources.jrnl import _lenient

    when, has_year = _lenient(blob)
    assert (pd.Timestamp(when) if when and has_year else None) == expected


def test_folder_journal_lists_files_that_are_not_day_files_as_skipped():
    report = _report(DATA / "folder_with_strays")
    assert (report.records, report.loaded, len(report.problems)) == (1, 1, 0)
    assert sorted(report.skipped["location"]) == [
        "folder_with_strays/2024/03/notes.txt",
        "folder_with_strays/README.md",
    ]
    assert any(
        "skipped 2 file(s) that are not YYYY/MM/DD.txt day files" in n for n in report.notes
    )
    assert not report.frame["text"].str.contains("stray").any()


def test_folder_journal_with_twelve_hour_headers_needs_no_option(tmp_path):
    day = tmp_path / "journal" / "2020" / "08"
    day.mkdir(parents=True)
    (day / "29.txt").write_text(
        "[2020-08-29 11:11:00 AM] Morning\n\n[2020-08-29 02:32:00 PM] Later\n"
    )
    report = _report(tmp_path / "journal")
    assert report.frame["local_time"].dt.strftime("%H:%M").tolist() == ["11:11", "14:32"]
    assert not any("jrnl config" in n for n in report.notes)


def test_jrnl_1x_journal_is_read_like_jrnl_upgrades_it():
    report = _report(DATA / "legacy_1x.txt")
    assert (report.records, report.loaded) == (2, 2)
    frame = report.frame.sort_values("local_time")
    assert frame["local_time"].tolist() == [
        pd.Timestamp("2024-03-05 08:15"),
        pd.Timestamp("2024-03-06 21:40"),
    ]
    assert frame["title"].tolist() == ["A jrnl 1.x entry without brackets.", "Second old entry."]
    assert frame["starred"].tolist() == [False, True]
    assert "\n[2024-03-07 09:00] pasted text in brackets is body in 1.x" in frame["text"].iloc[1]
    assert any("jrnl 1.x journal" in n for n in report.notes)
    assert detect(Input.open(DATA / "legacy_1x.txt")) is None


def test_encrypted_journal_is_refused_with_what_to_do():
    assert detect(Input.open(DATA / "encrypted.txt")) is None  # recognised, then refused
    with pytest.raises(rk.ParseError, match="this is an encrypted jrnl journal") as info:
        rk.read_journal(DATA / "encrypted.txt")
    assert "decrypt it with `jrnl --decrypt` first" in str(info.value)
    assert info.value.location == "encrypted.txt"
    with pytest.raises(rk.ParseError, match="encrypted"):
        rk.inspect(DATA / "encrypted.txt")


def test_refusal_no_longer_blames_the_jrnl_config(tmp_path):
    path = tmp_path / "j.txt"
    path.write_text("[Room 101] not a date\nbody\n")
    with pytest.raises(rk.ParseError, match="no line is an entry header") as info:
        rk.read_journal(path, format="jrnl")
    assert "jrnl config" not in str(info.value) and "Suggestion:" in str(info.value)


# --- plain text: bad input -----------------------------------------------------------------


def test_hostile_text_reports_preamble_and_impossible_date():
    report = _report(DATA / "hostile.txt", format="jrnl")
    assert (report.records, report.loaded) == (4, 2)
    problems = report.problems.set_index("location")["reason"]
    assert "text before the first entry header" in problems["hostile.txt lines 1-2"]
    assert "not a real date" in problems["hostile.txt line 7"]
    assert problems.str.contains("Suggestion").all()
    # the broken entry's body is not merged into the entry before it
    assert report.frame["text"].tolist() == [
        "A good entry\nBody of the good entry.",
        "Another good entry",
    ]


def test_errors_raise_carries_the_location():
    with pytest.raises(rk.ParseError, match=r"hostile\.txt lines 1-2: text before") as info:
        rk.read_journal(DATA / "hostile.txt", format="jrnl", errors="raise")
    assert info.value.location == "hostile.txt lines 1-2"


def test_errors_warn_warns_once():
    frame, caught = _quality_warnings(lambda: rk.read_journal(DATA / "hostile.txt", format="jrnl"))
    assert len(caught) == 1 and "2 of 4" in str(caught[0].message)
    assert len(frame) == 2


def test_empty_file_reads_as_no_entries_with_one_warning():
    frame, caught = _quality_warnings(lambda: rk.read_journal(DATA / "empty.txt", format="jrnl"))
    assert len(frame) == 0
    assert len(caught) == 1 and "no entries" in str(caught[0].message)
    with pytest.raises(rk.ParseError, match=r"empty\.txt: not a journal export"):
        rk.read_journal(DATA / "empty.txt")


def test_file_of_another_format_names_the_file():
    with pytest.raises(rk.ParseError, match=r"not_jrnl\.csv: no line is an entry header"):
        rk.read_journal(DATA / "not_jrnl.csv", format="jrnl")


def test_overlapping_copies_keep_each_entry_once(tmp_path):
    (tmp_path / "backup").mkdir()
    (tmp_path / "now").mkdir()
    shutil.copy(JOURNAL, tmp_path / "backup" / "journal.txt")
    lines = JOURNAL.read_text("utf-8")
    (tmp_path / "now" / "journal.txt").write_text(lines + "\n[2024-03-09 10:00] New one\n")
    report = rk.inspect(
        [tmp_path / "backup" / "journal.txt", tmp_path / "now" / "journal.txt"], kind="journal"
    )
    assert (report.records, report.loaded, len(report.problems)) == (9, 5, 4)
    assert report.problems["reason"].str.contains("duplicate").all()


# --- jrnl --format json ---------------------------------------------------------------------


def test_json_export_with_per_entry_tags():
    report = _report(DATA / "jrnl.json")
    assert report.format == "jrnl_json"
    frame = report.frame
    assert frame["tags"].tolist() == [
        ["walk"],
        ["walk", "reading", "c++", "os/2", "idea"],
        [],
        ["late"],
    ]
    assert frame["starred"].tolist() == [False, True, False, False]
    assert frame["origin"].iloc[0] == "jrnl.json entry 1"


def test_json_and_plain_text_agree_on_the_same_entries():
    cols = ["local_time", "title", "text", "tags", "starred"]
    plain = rk.read_journal(JOURNAL)[cols]
    exported = rk.read_journal(DATA / "jrnl.json")[cols]
    pd.testing.assert_frame_equal(plain, exported)


def test_old_json_export_without_tags_finds_them_in_the_text():
    frame = rk.read_journal(DATA / "jrnl_old.json")
    assert frame["tags"].tolist() == [["walk"], ["walk", "reading", "c++", "os/2", "idea"]]
    assert not frame["text"].str.endswith("\n").any()


def test_json_uuid_is_the_entry_id():
    frame = rk.read_journal(DATA / "jrnl_dayone.json")
    assert frame["entry_id"].tolist() == ["9F1C2B7E5A4D4C3B8E7F6A5B4C3D2E1F"]


def test_json_hostile_entries():
    report = _report(DATA / "jrnl_hostile.json")
    assert (report.records, report.loaded) == (6, 2)
    problems = report.problems.set_index("location")["reason"]
    assert "'2024-02-30'" in problems["jrnl_hostile.json entry 2"]
    assert "not a JSON object" in problems["jrnl_hostile.json entry 3"]
    assert "'title' should be a string" in problems["jrnl_hostile.json entry 4"]
    assert "'time' None" in problems["jrnl_hostile.json entry 5"]
    with pytest.raises(rk.ParseError, match=r"jrnl_hostile\.json entry 2") as info:
        rk.read_journal(DATA / "jrnl_hostile.json", errors="raise")
    assert info.value.location == "jrnl_hostile.json entry 2"
    _, caught = _quality_warnings(lambda: rk.read_journal(DATA / "jrnl_hostile.json"))
    assert len(caught) == 1


def test_json_truncated_is_one_problem():
    report = _report(DATA / "jrnl_truncated.json", format="jrnl_json")
    assert (report.records, report.loaded) == (1, 0)
    assert "line 16, column" in report.problems["reason"].iloc[0]


def test_json_on_another_format_names_the_file(tmp_path):
    with pytest.raises(rk.ParseError, match=r"not_jrnl\.csv: .*not a jrnl JSON export"):
        rk.read_journal(DATA / "not_jrnl.csv", format="jrnl_json")
    empty = tmp_path / "empty.json"
    empty.write_text("")
    with pytest.raises(rk.ParseError, match=r"empty\.json: the file is empty"):
        rk.read_journal(empty, format="jrnl_json")
    assert detect_json(Input.open(DATA / "not_jrnl.csv")) is not None


# --- invariants ---------------------------------------------------------------------------------

FIXTURES = [
    ("journal.txt", "jrnl"),
    ("hostile.txt", "jrnl"),
    ("little_endian.txt", "jrnl"),
    ("folder", "jrnl"),
    ("folder_with_strays", "jrnl"),
    ("lenient_dates.txt", "jrnl"),
    ("legacy_1x.txt", "jrnl"),
    ("empty.txt", "jrnl"),
    ("jrnl.json", "jrnl_json"),
    ("jrnl_old.json", "jrnl_json"),
    ("jrnl_dayone.json", "jrnl_json"),
    ("jrnl_hostile.json", "jrnl_json"),
    ("jrnl_truncated.json", "jrnl_json"),
]


@pytest.mark.parametrize(("name", "fmt"), FIXTURES)
def test_records_equal_loaded_plus_problems(name, fmt):
    report = rk.inspect(DATA / name, kind="journal", format=fmt)
    assert report.records == report.loaded + len(report.problems)
    rk.validate_journal(report.frame)


def test_sources_are_never_modified():
    files = sorted(p for p in DATA.rglob("*") if p.is_file())
    before = {p: (p.read_bytes(), os.stat(p).st_mtime_ns) for p in files}
    for name, fmt in FIXTURES:
        rk.inspect(DATA / name, kind="journal", format=fmt)
    assert {p: (p.read_bytes(), os.stat(p).st_mtime_ns) for p in files} == before


def test_a_jrnl_2_journal_starting_with_a_dated_line_stays_jrnl_2(tmp_path):
    path = tmp_path / "j.txt"
    path.write_text(
        "2024-03-04 20:00 notes I typed before my first entry\n\n"
        "[2024-03-05 08:15] First\nBody.\n\n[2024-03-06 09:00] Second\n"
    )
    report = _report(path)
    assert (report.records, report.loaded, len(report.problems)) == (3, 2, 1)
    assert "text before the first entry header" in report.problems["reason"].item()
    assert not any("1.x" in n for n in report.notes)
