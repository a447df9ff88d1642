"""The reflection-kit urge log reader (format "urgelog")."""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from _readers import inspect_checked

import reflection_kit as rk
from reflection_kit.errors import UnknownFormatError
from reflection_kit.sources import _csv_engine, urgelog
from reflection_kit.sources._input import Input
from reflection_kit.sources.urgelog import write_urge_log_template

DATA = Path(__file__).parent / "data" / "urgelog"
TEMPLATE = Path(rk.__file__).parent / "data" / "urge_log_template.csv"
HEADER = "timestamp,kind,intensity,acted,trigger,coping,note"


READER_DATA = DATA  # tests/conftest.py checks that no read changes a file there


def check(path, **kw):
    """inspect() with the invariant asserted (tests/_readers.py)."""
    return inspect_checked(path, kind="urges", **kw)


def write(tmp_path: Path, text: str, name: str = "urges.csv") -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


# ---------------------------------------------------------------- the happy path


def test_good_log_reads_every_row():
    report = check(DATA / "good.csv")
    assert report.format == "urgelog"
    assert report.loaded == 10 and report.problems.empty
    df = report.frame
    assert df["origin"].tolist() == [f"good.csv line {i}" for i in range(2, 12)]
    assert df["acted"].tolist() == [
        False,
        True,
        True,
        False,
        False,
        True,
        True,
        False,
        pd.NA,
        False,
    ]
    assert df["intensity"].iloc[-1] == 6.5 and np.isnan(df["intensity"].iloc[8])
    assert df["coping"].tolist()[:5] == ["breathing", "", "movement", "connection", "urge_surfing"]
    assert df.loc[3, "note"] == "called a friend instead, it passed"
    assert df["time_known"].all()
    assert str(df["acted"].dtype) == "boolean"
    rk.validate_urges(df)


@pytest.mark.parametrize(
    ("label", "kind"),
    [
        ("checked his IG", "check_social"),
        ("looked at her stories", "check_social"),
        ("Instagram stalking", "check_social"),
        ("texted him", "reach_out"),
        ("almost called", "reach_out"),
        ("scrolled our chat", "reread"),
        ("reread old messages", "reread"),
        ("daydreamed he'd come back", "fantasize"),
        ("bought flowers for the table", "other"),
    ],
)
def test_alias_examples_from_the_issue(label, kind):
    df = check(DATA / "good.csv").frame
    row = df.loc[df["label"] == label]
    assert len(row) == 1
    assert row["kind"].iloc[0] == kind
    assert row["label"].iloc[0] == label  # the person's words are kept


def test_timestamp_forms():
    df = check(DATA / "good.csv").frame
    assert df.loc[2, "local_time"] == pd.Timestamp("2025-03-04 12:30:15")  # seconds
    assert df.loc[3, "local_time"] == pd.Timestamp("2025-03-04 19:00")  # T separator
    # an ISO offset is an absolute instant; the wall clock stays as written
    assert df.loc[9, "local_time"] == pd.Timestamp("2025-03-09 09:00")
    assert df.loc[9, "timestamp"] == pd.Timestamp("2025-03-09 08:00", tz="UTC")


def test_tz_places_wall_clock_times():
    df = rk.read_urges(DATA / "overlap_a.csv", tz="Europe/Berlin")
    assert str(df["timestamp"].dt.tz) == "Europe/Berlin"
    assert df.loc[0, "timestamp"] == pd.Timestamp("2025-03-03 21:40", tz="Europe/Berlin")


def test_synonyms_tsv_and_resisted_is_the_inverse():
    df = check(DATA / "synonyms.tsv").frame
    assert df["kind"].tolist() == ["check_social", "reach_out", "fantasize"]
    assert df["acted"].tolist() == [False, True, pd.NA]  # resisted yes -> acted False
    assert df["intensity"].tolist()[:2] == [7.0, 8.0]
    assert df["trigger"].tolist()[:2] == ["evening", "birthday"]
    assert df["coping"].iloc[0] == "breathing"
    assert df["note"].iloc[1] == "sent a short message"


def test_date_and_time_pair():
    report = check(DATA / "date_time.csv")
    df = report.frame
    assert df["local_time"].tolist() == [
        pd.Timestamp("2025-03-03 21:40"),
        pd.Timestamp("2025-03-04 20:15"),  # 12-hour clock
        pd.Timestamp("2025-03-05 12:00"),  # no time: noon, and said so
    ]
    assert df["time_known"].tolist() == [True, True, False]
    assert df["acted"].tolist() == [False, True, False]  # "Gave in"
    assert any("no time" in n for n in report.notes)


@pytest.mark.parametrize(
    "value",
    ["yes", "no", "YES", "No", "true", "FALSE", "True", "y", "N", "1", "0", "", " yes "],
)
def test_acted_values(tmp_path, value):
    p = write(tmp_path, f"{HEADER}\n2025-03-03 21:40,texted him,3,{value},,,\n")
    df = check(p).frame
    expected = {
        "yes": True,
        "true": True,
        "y": True,
        "1": True,
        "no": False,
        "false": False,
        "n": False,
        "0": False,
    }.get(value.strip().lower())
    got = df["acted"].iloc[0]
    assert pd.isna(got) if expected is None else bool(got) is expected


def test_semicolon_delimiter():
    df = check(DATA / "semicolon.csv").frame
    assert df.loc[0, "note"] == "walk, then tea"


def test_columns_maps_your_names_first():
    df = rk.read_urges(
        DATA / "own_columns.csv",
        format="urgelog",
        columns={"Wann": "timestamp", "Was": "kind", "Stärke": "intensity"},
    )
    assert df["kind"].tolist() == ["check_social", "reach_out"]
    assert df["intensity"].tolist() == [7.0, 8.0]
    report = check(
        DATA / "own_columns.csv", format="urgelog", columns={"Wann": "timestamp", "Was": "kind"}
    )
    assert any("Nachgegeben" in n for n in report.notes)  # an unused column is named


def test_columns_rejects_unknown_target():
    with pytest.raises(ValueError, match="`columns` maps 'Was' to 'what kind'"):
        rk.read_urges(
            DATA / "own_columns.csv",
            format="urgelog",
            columns={"Wann": "timestamp", "Was": "what kind"},
        )


def test_kinds_extends_the_alias_table(tmp_path):
    p = write(tmp_path, f"{HEADER}\n2025-03-03 21:40,walked past his street,5,no,,,\n")
    assert rk.read_urges(p)["kind"].iloc[0] == "other"
    df = rk.read_urges(p, kinds={"walked past his street": "reach_out"})
    assert df["kind"].iloc[0] == "reach_out"
    assert df["label"].iloc[0] == "walked past his street"


# ---------------------------------------------------------------- hostile input


HOSTILE = {
    "hostile.csv line 4": "`timestamp` must look like YYYY-MM-DD HH:MM",
    "hostile.csv line 5": "`intensity` must be a number from 0 to 10, got 14. Suggestion:",
    "hostile.csv line 6": "`intensity` must be a number from 0 to 10, got 'high'. Suggestion:",
    "hostile.csv line 7": "`acted` must be yes or no",
    "hostile.csv line 8": "the row has 8 field(s) but the header has 7",
    "hostile.csv line 9": "the row has 2 field(s) but the header has 7",
    "hostile.csv line 11": "`timestamp` is empty",
    "hostile.csv line 12": "got '2025-02-30 09:00'",
    "hostile.csv line 15": "got -1",
}


def test_hostile_rows_are_problems_at_their_line():
    report = check(DATA / "hostile.csv")
    assert report.loaded == 2
    assert report.frame["origin"].tolist() == ["hostile.csv line 2", "hostile.csv line 13"]
    assert report.frame["note"].iloc[1] == "a note\nover two lines"
    problems = dict(zip(report.problems["location"], report.problems["reason"], strict=True))
    assert list(problems) == list(HOSTILE)  # in line order
    for location, expected in HOSTILE.items():
        assert expected in problems[location]
        assert "Suggestion" in problems[location]
    assert report.problems["raw"].iloc[1].startswith("2025-03-04 10:00,checked his IG,14")
    assert any("1 empty row" in n for n in report.notes)  # ",,,,,," is not a record


def test_errors_raise_stops_at_the_first_bad_row():
    with pytest.raises(rk.ParseError, match="must look like YYYY-MM-DD HH:MM") as info:
        rk.read_urges(DATA / "hostile.csv", errors="raise")
    assert info.value.location == "hostile.csv line 4"
    assert info.value.raw.startswith("last Tuesday")


def test_errors_warn_once_and_loads_the_rest():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        df = rk.read_urges(DATA / "hostile.csv")
    dq = [w for w in caught if issubclass(w.category, rk.DataQualityWarning)]
    assert len(dq) == 1
    assert "9 of 11 record(s)" in str(dq[0].message)
    assert len(df) == 2


def test_intensity_message_for_a_single_row(tmp_path):
    p = write(tmp_path, f"{HEADER}\n2025-03-03 21:40,checked his IG,14,no,,,\n")
    with pytest.raises(
        rk.ParseError, match=r"`intensity` must be a number from 0 to 10, got 14\. Suggestion"
    ) as info:
        rk.read_urges(p, errors="raise")
    assert info.value.location == "urges.csv line 2"


def test_synonym_named_in_messages(tmp_path):
    p = write(tmp_path, "when,urge,strength\n2025-03-03 21:40,texted him,high\n")
    report = check(p)
    assert (
        "`strength` (intensity) must be a number from 0 to 10, got 'high'"
        in (report.problems["reason"].iloc[0])
    )


def test_acted_and_resisted_disagree(tmp_path):
    p = write(
        tmp_path,
        "timestamp,kind,acted,resisted\n2025-03-03 21:40,texted him,yes,yes\n"
        "2025-03-03 22:40,texted him,,yes\n",
    )
    report = check(p)
    assert report.loaded == 1 and not report.frame["acted"].iloc[0]
    assert "disagree" in report.problems["reason"].iloc[0]


def test_empty_file():
    with pytest.raises(UnknownFormatError, match="urgelog: the file is empty"):
        rk.read_urges(DATA / "empty.csv")
    report = check(DATA / "empty.csv", format="urgelog")
    assert (report.records, report.loaded) == (0, 0)
    assert any("empty" in n for n in report.notes)
    with pytest.warns(rk.DataQualityWarning, match="no urges were found"):
        rk.read_urges(DATA / "empty.csv", format="urgelog")


def test_header_only():
    report = check(DATA / "header_only.csv")
    assert (report.records, report.loaded) == (0, 0)


def test_utf16_tsv_from_a_spreadsheet():
    report = check(DATA / "utf16.tsv")
    df = report.frame
    assert df["note"].tolist() == ["it’s okay — passed", "naïve hope"]
    assert df["trigger"].iloc[0] == "café nearby"
    assert df["kind"].tolist() == ["check_social", "reach_out"]
    assert any("utf-16" in n for n in report.notes)


def test_cp1252_csv():
    report = check(DATA / "cp1252.csv")
    assert report.frame["note"].tolist() == ["it’s okay — passed", "naïve hope"]
    assert any("cp1252" in n for n in report.notes)


def test_not_the_format_claimed():
    with pytest.raises(rk.SchemaError, match=r"the urge log has no `kind` column") as info:
        rk.read_urges(DATA / "not_urgelog.csv", format="urgelog")
    assert info.value.columns == ["kind"]
    assert "full_date" in str(info.value)  # the header found is listed
    assert urgelog._detect(Input.open(DATA / "not_urgelog.csv")) == "no kind column in the header"


def test_missing_kind_names_the_column(tmp_path):
    p = write(tmp_path, "timestamp,intensity\n2025-03-03 21:40,3\n")
    with pytest.raises(
        rk.SchemaError,
        match=r"no `kind` column\. The header found is "
        r"\['timestamp', 'intensity'\]",
    ):
        rk.read_urges(p, format="urgelog")


def test_overlapping_exports_keep_each_urge_once():
    a, b = DATA / "overlap_a.csv", DATA / "overlap_b.csv"
    report = rk.inspect([a, b], kind="urges")
    assert report.records == report.loaded + len(report.problems)
    assert report.loaded == 3
    assert len(report.problems) == 1
    assert report.problems["location"].iloc[0] == "overlap_b.csv line 2"
    assert "duplicate of the record at overlap_a.csv line 3" in report.problems["reason"].iloc[0]
    with pytest.warns(rk.DataQualityWarning, match="duplicate"):
        df = rk.read_urges([a, b])
    assert df["label"].tolist() == ["checked his IG", "texted him", "reread old messages"]


def test_a_log_out_of_order_with_copies_reads_as_the_same_log_tidy(tmp_path):
    """Copies dropped and rows ordered in one pass: the same urges as the tidy log."""
    rows = [
        "2025-03-05 08:00,texted him,4,yes",
        "2025-03-03 21:40,checked his IG,6,no",
        "2025-03-04 12:00,reread old messages,2,no",
        "2025-03-04 12:00,checked his IG,3,no",  # same minute as the row above: a tie
        "2025-03-03 21:40,checked his IG,6,no",  # a copy of the second row
        "2025-03-04 12:00,reread old messages,2,no",  # a copy of the third row
        "2025-03-02 07:15,wanted to call,5,no",
    ]
    header = "timestamp,kind,intensity,acted\n"
    messy = write(tmp_path, header + "\n".join(rows) + "\n", "messy.csv")
    tidy_rows = sorted(dict.fromkeys(rows), key=lambda r: r[:16])
    tidy = write(tmp_path, header + "\n".join(tidy_rows) + "\n", "tidy.csv")
    report = rk.inspect(messy, kind="urges")
    assert report.records == 7 and report.loaded == 5
    assert report.problems["location"].tolist() == ["messy.csv line 6", "messy.csv line 7"]
    assert report.problems["reason"].str.startswith("duplicate of the record at").all()
    got = report.frame
    want = rk.read_urges(tidy)
    assert got["timestamp"].is_monotonic_increasing
    assert got["urge_id"].is_unique
    pd.testing.assert_frame_equal(
        got.drop(columns=["origin"]), want.drop(columns=["origin"]), check_dtype=True
    )
    # each urge keeps the line it was first read from; the two of the same minute by id
    origins = got["origin"].tolist()
    assert origins[:2] == ["messy.csv line 8", "messy.csv line 3"]
    assert sorted(origins[2:4]) == ["messy.csv line 4", "messy.csv line 5"]
    assert origins[4] == "messy.csv line 2"
    assert got["urge_id"].iloc[2] < got["urge_id"].iloc[3]


# ---------------------------------------------------------------- detection


def test_detection_prefers_journal_for_text_tables(tmp_path):
    p = write(tmp_path, "date,kind,text\n2025-03-03,evening,Long walk\n", "journal.csv")
    assert "journal text column" in urgelog._detect(Input.open(p))


def test_listed_in_formats():
    row = rk.formats().set_index("name").loc["urgelog"]
    assert row["kind"] == "urges" and "*.csv" in row["patterns"]


# ---------------------------------------------------------------- both parsing paths


@pytest.mark.parametrize("name", ["good.csv", "hostile.csv", "synonyms.tsv", "date_time.csv"])
def test_fast_and_fallback_paths_agree(monkeypatch, name):
    fast = check(DATA / name)
    monkeypatch.setattr(_csv_engine, "_read_fast", lambda *a, **k: None)
    slow = check(DATA / name)
    pd.testing.assert_frame_equal(fast.frame, slow.frame)
    pd.testing.assert_frame_equal(fast.problems, slow.problems)


def test_fast_path_locates_bad_rows_and_blank_lines(tmp_path):
    rows = [f"2025-03-{d:02d} 21:00,texted him,3,no,,," for d in range(1, 29)]
    rows[5] = "2025-03-06 21:00,texted him,3"  # too few fields
    rows[9] = ""  # a blank line
    rows[20] = "2025-03-21 21:00,texted him,3,no,,,,"  # too many
    p = write(tmp_path, HEADER + "\n" + "\n".join(rows) + "\n")
    report = check(p)
    assert report.problems["location"].tolist() == ["urges.csv line 7", "urges.csv line 22"]
    assert report.frame["origin"].iloc[-1] == "urges.csv line 29"
    assert report.loaded == 25


def test_larger_generated_log_is_consistent(tmp_path):
    rng = np.random.default_rng(7)
    n = 3000
    ts = pd.Timestamp("2024-01-01") + pd.to_timedelta(
        np.sort(rng.choice(500_000, n, replace=False)), unit="min"
    )
    kinds = np.array(["checked his IG", "texted him", "reread old messages", "went for a run"])
    df = pd.DataFrame(
        {
            "timestamp": ts.strftime("%Y-%m-%d %H:%M"),
            "kind": kinds[rng.integers(0, 4, n)],
            "intensity": rng.integers(0, 11, n).astype(str),
            "acted": np.array(["yes", "no", ""])[rng.integers(0, 3, n)],
            "trigger": "",
            "coping": "",
            "note": np.array(["", "tired, restless"])[rng.integers(0, 2, n)],
        }
    )
    p = tmp_path / "big.csv"
    df.to_csv(p, index=False)
    out = check(p).frame
    assert len(out) == n
    assert (out["intensity"].to_numpy() == df["intensity"].astype(float).to_numpy()).all()
    assert out["origin"].iloc[-1] == f"big.csv line {n + 1}"


# ---------------------------------------------------------------- the template


def test_template_is_empty_and_the_example_reads_cleanly():
    # the template is what a person fills in: the header only, 0 urges, no problems
    assert TEMPLATE.read_text(encoding="utf-8").splitlines() == [HEADER]
    report = rk.inspect(TEMPLATE)
    assert (report.records, report.loaded, len(report.problems)) == (0, 0, 0)
    example = TEMPLATE.with_name("urge_log_example.csv")
    assert example.read_text(encoding="utf-8").splitlines()[0] == HEADER
    report = check(example)
    assert report.format == "urgelog" and report.loaded == 3 and report.problems.empty
    assert set(report.frame["kind"]) == {"check_social", "reread", "reach_out"}


def test_write_template_and_refuse_to_overwrite(tmp_path):
    p = write_urge_log_template(tmp_path / "my urges.csv")
    assert p.read_bytes() == TEMPLATE.read_bytes()
    with pytest.raises(FileExistsError, match="never overwrites"):
        write_urge_log_template(p)
    assert p.read_bytes() == TEMPLATE.read_bytes()
