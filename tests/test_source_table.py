"""The generic table of dated texts (format "table")."""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from _readers import inspect_checked

import reflection_kit as rk
from reflection_kit.errors import UnknownFormatError
from reflection_kit.sources import table
from reflection_kit.sources._input import Input

DATA = Path(__file__).parent / "data" / "table"


READER_DATA = DATA  # tests/conftest.py checks that no read changes a file there


def check(path, **kw):
    """inspect() with the invariant asserted (tests/_readers.py)."""
    return inspect_checked(path, kind="journal", **kw)


# ---------------------------------------------------------------- the happy path


def test_csv_with_every_column():
    report = check(DATA / "journal.csv")
    assert report.format == "table" and report.loaded == 4 and report.problems.empty
    df = report.frame
    rk.validate_journal(df)
    assert df["title"].tolist() == ["Evening", "Morning", "", "Late"]
    assert df["text"].iloc[3] == "Two lines:\nthe second one here."
    assert df["tags"].tolist() == [
        ["evening", "walk"],
        ["morning"],
        ["work", "quiet"],
        ["evening", "night"],
    ]
    assert df["mood"].tolist()[:2] == [2.0, 3.0] and np.isnan(df["mood"].iloc[2])
    assert df["mood_label"].iloc[2] == "okay"  # a word goes to the label
    assert df["local_time"].iloc[0] == pd.Timestamp("2025-03-03 21:10")
    assert df["time_known"].tolist() == [True, True, False, True]
    assert df["local_time"].iloc[2] == pd.Timestamp("2025-03-05 12:00")
    assert df["origin"].tolist() == [f"journal.csv line {i}" for i in (2, 3, 4, 5)]
    assert (df["source"] == "table").all() and (df["journal"] == "journal").all()


def test_header_synonyms_and_a_zone_column():
    df = check(DATA / "synonyms.csv").frame
    assert df["title"].tolist() == ["Evening", "Morning"]
    assert df["text"].tolist() == ["Walked home the long way.", "Made tea."]
    assert df["mood"].tolist() == [2.0, 3.0]
    assert df["tags"].tolist() == [["walk"], []]
    assert str(df["timestamp"].dt.tz) == "Europe/Berlin"
    assert df["timestamp"].iloc[0] == pd.Timestamp("2025-03-03 21:10", tz="Europe/Berlin")


def test_tsv():
    df = check(DATA / "entries.tsv").frame
    assert df["text"].tolist() == ["A tab-separated entry, with a comma", "Another one"]


def test_json_list_of_objects():
    report = check(DATA / "list.json")
    df = report.frame
    assert df["tags"].iloc[0] == ["walk", "evening"]  # "#" dropped
    assert df["mood"].iloc[0] == 2.0 and df["mood_label"].iloc[1] == "calm"
    assert df["local_time"].iloc[1] == pd.Timestamp("2025-03-04 07:30")  # as written
    assert df["timestamp"].iloc[1] == pd.Timestamp("2025-03-04 06:30", tz="UTC")  # the offset
    assert df["origin"].tolist() == ["list.json entry 1", "list.json entry 2"]
    assert any("'extra'" in n for n in report.notes)


def test_json_entries_object():
    df = check(DATA / "entries.json").frame
    assert df["text"].tolist() == ["Only a date here.", "And a time here."]
    assert df["time_known"].tolist() == [False, True]


def test_jsonl():
    df = check(DATA / "lines.jsonl").frame
    assert df["origin"].tolist() == ["lines.jsonl line 1", "lines.jsonl line 3"]
    assert df["tags"].iloc[0] == ["a", "b"]


def test_columns_option(tmp_path):
    p = tmp_path / "mine.csv"
    p.write_text("Tag,Eintrag,Stimmung\n2025-03-03,Ein ruhiger Abend.,4\n", encoding="utf-8")
    with pytest.raises(UnknownFormatError, match="table: no date or text column"):
        rk.read_journal(p)
    kw = {"columns": {"Tag": "date", "Eintrag": "text", "Stimmung": "mood"}}
    df = rk.read_journal(p, format="table", **kw)  # through **options
    assert df["text"].iloc[0] == "Ein ruhiger Abend." and df["mood"].iloc[0] == 4.0
    assert check(p, format="table", **kw).loaded == 1  # through inspect's columns=
    with pytest.raises(ValueError, match="`columns` maps 'Eintrag' to 'body text'"):
        rk.read_journal(p, format="table", columns={"Tag": "date", "Eintrag": "body text"})


# ---------------------------------------------------------------- hostile input


def test_hostile_csv():
    report = check(DATA / "hostile.csv")
    assert report.loaded == 2
    assert report.frame["title"].tolist() == ["Fine", "Fine again"]
    p = report.problems
    assert p["location"].tolist() == [f"hostile.csv line {i}" for i in (3, 4, 5, 6)]
    assert "got 'someday'" in p["reason"].iloc[0]
    assert "the row has 4 field(s) but the header has 3" in p["reason"].iloc[1]
    assert "the date is empty" in p["reason"].iloc[2]
    assert "got '2025-02-30'" in p["reason"].iloc[3]
    assert all("Suggestion" in r for r in p["reason"])
    assert p["raw"].iloc[0] == "someday,Bad date,This row has no usable date."


def test_hostile_jsonl():
    report = check(DATA / "hostile.jsonl")
    assert report.loaded == 2
    p = report.problems
    assert p["location"].tolist() == [f"hostile.jsonl line {i}" for i in (2, 3, 4)]
    assert "not valid JSON" in p["reason"].iloc[0]
    assert "not a JSON object" in p["reason"].iloc[1]
    assert "got 'not a date'" in p["reason"].iloc[2]


def test_errors_raise_and_warn():
    with pytest.raises(rk.ParseError, match="got 'someday'") as info:
        rk.read_journal(DATA / "hostile.csv", errors="raise")
    assert info.value.location == "hostile.csv line 3"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        df = rk.read_journal(DATA / "hostile.csv")
    assert len([w for w in caught if issubclass(w.category, rk.DataQualityWarning)]) == 1
    assert len(df) == 2


def test_truncated_json():
    with pytest.raises(rk.ParseError, match=r"not valid JSON .* may be truncated") as info:
        rk.read_journal(DATA / "truncated.json", format="table")
    assert info.value.location == "truncated.json line 1"


def test_empty_file():
    with pytest.raises(UnknownFormatError, match="table: the file is empty"):
        rk.read_journal(DATA / "empty.csv")
    report = check(DATA / "empty.csv", format="table")
    assert (report.records, report.loaded) == (0, 0)
    assert any("empty" in n for n in report.notes)


def test_utf16_tsv_and_cp1252():
    for name, enc in (("utf16.tsv", "utf-16"), ("cp1252.csv", "cp1252")):
        report = check(DATA / name)
        assert report.frame["title"].tolist() == ["Café", "Morgen"]
        assert report.frame["text"].tolist() == [
            "It’s been a week — naïve to expect more.",
            "Schön.",
        ]
        assert any(enc in n for n in report.notes)


def test_not_the_format_claimed():
    with pytest.raises(rk.SchemaError, match=r"no `date` or `text` column") as info:
        rk.read_journal(DATA / "jrnl.txt", format="table")
    assert info.value.columns == ["date", "text"]


def test_overlapping_exports(tmp_path):
    a, b = tmp_path / "diary 2025-03-04.csv", tmp_path / "diary 2025-03-05.csv"
    a.write_bytes((DATA / "overlap_a.csv").read_bytes())
    b.write_bytes((DATA / "overlap_b.csv").read_bytes())
    report = rk.inspect([a, b], kind="journal")
    assert report.records == report.loaded + len(report.problems)
    assert report.loaded == 3 and len(report.problems) == 1
    assert report.problems["location"].iloc[0] == "diary 2025-03-05.csv line 2"
    assert set(report.frame["journal"]) == {"diary"}
    with pytest.warns(rk.DataQualityWarning, match="duplicate"):
        rk.read_journal([a, b])


def test_overlapping_exports_named_by_option():
    report = rk.inspect(
        [DATA / "overlap_a.csv", DATA / "overlap_b.csv"], kind="journal", journal="diary"
    )
    assert report.records == report.loaded + len(report.problems)
    assert report.loaded == 3 and len(report.problems) == 1
    assert report.problems["location"].iloc[0] == "overlap_b.csv line 2"
    assert "duplicate" in report.problems["reason"].iloc[0]


# ---------------------------------------------------------------- detection


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("jrnl.json", "looks like a jrnl JSON export"),
        ("daylio.csv", "looks like a Daylio export"),
        ("jrnl.txt", "no date or text column"),
        ("empty.csv", "the file is empty"),
        ("truncated.json", "not valid JSON"),
    ],
)
def test_detector_refuses(name, reason):
    assert reason in table._detect(Input.open(DATA / name))


def test_detector_leaves_urge_logs_alone(tmp_path):
    p = tmp_path / "urges.csv"
    p.write_text("timestamp,kind,intensity,acted,note\n2025-03-03 21:40,texted him,3,no,x\n")
    assert "looks like an urge log" in table._detect(Input.open(p))


@pytest.mark.parametrize(
    "name",
    [
        "journal.csv",
        "synonyms.csv",
        "entries.tsv",
        "list.json",
        "entries.json",
        "lines.jsonl",
        "hostile.csv",
        "utf16.tsv",
        "cp1252.csv",
    ],
)
def test_detector_accepts(name):
    assert table._detect(Input.open(DATA / name)) is None


def test_listed_in_formats():
    row = rk.formats().set_index("name").loc["table"]
    assert row["kind"] == "journal" and "*.jsonl" in row["patterns"]
