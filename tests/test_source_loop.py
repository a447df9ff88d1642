"""The Loop Habit Tracker reader (format "loop")."""

from __future__ import annotations

import shutil
import warnings
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from _readers import inspect_checked

import reflection_kit as rk
from reflection_kit.sources import loop
from reflection_kit.sources._input import Input

DATA = Path(__file__).parent / "data" / "loop"


READER_DATA = DATA  # tests/conftest.py checks that no read changes a file there


def check(path, **kw):
    """inspect() with the invariant asserted (tests/_readers.py)."""
    return inspect_checked(path, kind="urges", **kw)


def zip_folder(src: Path, dst: Path, prefix: str = "") -> Path:
    """Zip a fixture folder the way Loop does (members relative to the export root)."""
    with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zf:
        for p in sorted(src.rglob("*")):
            if p.is_file():
                zf.write(p, prefix + p.relative_to(src).as_posix())
    return dst


@pytest.fixture
def v231_zip(tmp_path) -> Path:
    return zip_folder(DATA / "v231", tmp_path / "Loop Habits CSV 2025-03-07.zip")


def rows(df: pd.DataFrame, habit: str) -> pd.DataFrame:
    return df.loc[df["habit"] == habit].sort_values("date").reset_index(drop=True)


# ---------------------------------------------------------------- v2.3.1+


def test_v231_zip_one_row_per_habit_per_day(v231_zip):
    report = check(v231_zip)
    assert report.format == "loop" and report.problems.empty
    df = report.frame
    rk.validate_urges(df)
    social = rows(df, "No checking his socials")
    assert social["checkin"].tolist() == ["YES_AUTO", "YES", "NO", "SKIP", "UNKNOWN"]
    # YES is a clean day; NO means the urge was acted on; the rest is unknown
    assert social["acted"].tolist() == [pd.NA, False, True, pd.NA, pd.NA]
    assert set(social["kind"]) == {"check_social"}
    assert set(social["label"]) == {"No checking his socials"}
    assert social.loc[2, "note"] == "saw a mutual friend's post, then looked"
    assert social.loc[3, "note"] == "travel day, no signal"
    contact = rows(df, "No contact")
    assert set(contact["kind"]) == {"reach_out"}
    assert contact["acted"].tolist() == [False, True, False]
    assert contact.loc[2, "note"] == '"Day 3"'  # opencsv's doubled quotes undone
    assert social.loc[0, "origin"] == (
        "Loop Habits CSV 2025-03-07.zip:001 No checking his socials/Checkmarks.csv line 6"
    )


def test_checkins_are_placed_at_noon_without_a_time(v231_zip):
    df = check(v231_zip).frame
    assert (df["local_time"].dt.hour == 12).all()
    assert (df["date"] == df["local_time"].dt.normalize()).all()
    assert not df["time_known"].any()


def test_unmapped_habits_are_named_in_a_note_not_lost_records(v231_zip):
    report = check(v231_zip)
    assert set(report.frame["habit"]) == {"No checking his socials", "No contact"}
    assert (
        "habit 'Stretch' is not mapped to an urge kind and was left out; pass "
        "habits={'Stretch': 'other'} to include it"
    ) in report.notes
    assert report.records == 8  # the Stretch and Water check-ins are not counted


def test_habits_option_includes_and_flips(v231_zip):
    df = rk.read_urges(
        v231_zip,
        habits={
            "Stretch": "other",
            "no contact": {"kind": "reach_out", "yes_means": "acted"},
        },
    )
    assert rows(df, "Stretch")["kind"].tolist() == ["other"]
    assert rows(df, "No contact")["acted"].tolist() == [True, False, True]


def test_folder_is_the_same_as_the_zip(v231_zip):
    a = check(v231_zip).frame.drop(columns="origin")
    b = check(DATA / "v231").frame.drop(columns="origin")
    pd.testing.assert_frame_equal(a, b)


def test_export_inside_a_top_folder(tmp_path):
    z = zip_folder(DATA / "v231", tmp_path / "export.zip", prefix="Loop Habits CSV 2025-03-07/")
    report = check(z)
    assert report.loaded == 8


def test_numerical_habits_are_decoded(v231_zip):
    df = rk.read_urges(v231_zip, habits={"Water": "other"})
    water = rows(df, "Water")
    assert water["amount"].tolist()[:2] == [0.0, 6.5]  # 6500 / 1000
    assert water["checkin"].tolist() == ["NO", "YES", "UNKNOWN"]


# ---------------------------------------------------------------- older versions


def test_v18_headerless_int_codes():
    report = check(DATA / "v18")
    df = rows(report.frame, "No checking her Instagram")
    assert df["checkin"].tolist() == ["YES_AUTO", "NO", "YES"]
    assert df["acted"].tolist() == [pd.NA, True, False]
    assert any("'Meditate'" in n for n in report.notes)


def test_v20_folders_matched_by_number_not_name():
    report = check(DATA / "v20", habits={"Минимум": "reach_out"})
    df = report.frame
    # folder "002" has no name at all: the position finds the habit
    assert rows(df, "Минимум")["checkin"].tolist() == ["YES"]
    contact = rows(df, "No contact")
    assert contact["checkin"].tolist() == ["NO", "UNKNOWN", "SKIP", "YES"]


def test_renamed_folder_still_matches_by_position(tmp_path):
    src = tmp_path / "export"
    shutil.copytree(DATA / "v231", src)
    (src / "001 No checking his socials").rename(src / "001 Something else entirely")
    df = check(src).frame
    assert len(rows(df, "No checking his socials")) == 5


def test_numerical_habit_before_231_inferred_from_amounts():
    df = check(DATA / "v20").frame
    minutes = rows(df, "Social media minutes")
    assert minutes["amount"].tolist()[1:] == [0.0, 15.0]
    assert minutes["checkin"].tolist() == ["UNKNOWN", "NO", "YES"]
    # for an amount, above zero is the act itself
    assert minutes["acted"].tolist() == [pd.NA, False, True]


def test_aggregate_fallback_with_trailing_commas_and_v20_cells():
    report = check(DATA / "aggregate")
    df = report.frame
    social = rows(df, "No checking his socials")
    assert social["checkin"].tolist() == ["UNKNOWN", "NO", "YES"]
    contact = rows(df, "No contact")
    assert contact["checkin"].tolist() == ["SKIP", "YES", "NO"]  # Entry(..., value=0) -> NO
    # the short row is one problem per habit read from that line
    assert report.problems["location"].tolist() == [
        "aggregate/Checkmarks.csv line 4 (No checking his socials)",
        "aggregate/Checkmarks.csv line 4 (No contact)",
    ]


# ---------------------------------------------------------------- hostile input


def test_hostile_rows():
    report = check(DATA / "hostile")
    assert report.loaded == 3
    p = report.problems
    assert p["location"].tolist() == [
        "hostile/Habits.csv line 3",
        "hostile/001 No checking his socials/Checkmarks.csv line 3",
        "hostile/001 No checking his socials/Checkmarks.csv line 4",
        "hostile/001 No checking his socials/Checkmarks.csv line 5",
    ]
    assert "habit row could not be read" in p["reason"].iloc[0]
    assert "got 'MAYBE'" in p["reason"].iloc[1]
    assert "the date must look like YYYY-MM-DD, got '2025-31-02'" in p["reason"].iloc[2]
    assert "the row has 4 field(s), expected 3" in p["reason"].iloc[3]
    assert all("Suggestion" in r for r in p["reason"])
    notes = rows(report.frame, "No checking his socials")["note"].tolist()
    assert "a note that\nspans two lines" in notes


def test_errors_raise_and_warn():
    with pytest.raises(rk.ParseError, match="habit row could not be read") as info:
        rk.read_urges(DATA / "hostile", errors="raise")
    assert info.value.location == "hostile/Habits.csv line 3"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        df = rk.read_urges(DATA / "hostile")
    assert len([w for w in caught if issubclass(w.category, rk.DataQualityWarning)]) == 1
    assert len(df) == 3


def test_truncated_zip(tmp_path, v231_zip):
    cut = tmp_path / "cut.zip"
    cut.write_bytes(v231_zip.read_bytes()[:300])
    with pytest.raises(rk.ParseError, match="damaged or truncated") as info:
        rk.read_urges(cut)
    assert info.value.location == "cut.zip"


def test_empty_zip_file(tmp_path):
    empty = tmp_path / "empty.zip"
    empty.write_bytes(b"")
    with pytest.raises(rk.ParseError, match="damaged or truncated"):
        rk.read_urges(empty, format="loop")


def test_damaged_member_is_one_problem(tmp_path):
    z = zip_folder(DATA / "v231", tmp_path / "loop.zip")
    data = bytearray(z.read_bytes())
    with zipfile.ZipFile(z) as zf:
        info = zf.getinfo("002 No contact/Checkmarks.csv")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for i in range(start, start + info.compress_size):
        data[i] ^= 0x5A
    z.write_bytes(bytes(data))
    report = check(z)
    assert report.problems["location"].tolist() == ["loop.zip:002 No contact/Checkmarks.csv"]
    assert "Suggestion" in report.problems["reason"].iloc[0]
    assert set(report.frame["habit"]) == {"No checking his socials"}


def test_empty_habits_csv(tmp_path):
    (tmp_path / "Habits.csv").write_text("")
    with pytest.raises(rk.ParseError, match=r"Habits\.csv: the file is empty"):
        rk.read_urges(tmp_path, format="loop")


def test_not_the_format_claimed(tmp_path):
    p = tmp_path / "urges.csv"
    p.write_text("timestamp,kind\n2025-03-03 21:40,texted him\n")
    with pytest.raises(rk.ParseError, match=r"no Habits\.csv found"):
        rk.read_urges(p, format="loop")
    assert loop._detect(Input.open(p)).startswith("not a zip or folder")
    other = tmp_path / "other"
    other.mkdir()
    (other / "Habits.csv").write_text("Title,Body\nx,y\n")
    with pytest.raises(rk.ParseError, match=r"not a Loop Habits\.csv"):
        rk.read_urges(other, format="loop")


def test_cp1252_and_utf16_members(tmp_path):
    src = tmp_path / "export"
    shutil.copytree(DATA / "v18", src)
    habits = (
        (src / "Habits.csv")
        .read_text(encoding="utf-8")
        .replace("No checking her Instagram", "No café near her office")
    )
    (src / "Habits.csv").write_bytes(habits.encode("cp1252"))
    member = src / "001 No checking her Instagram" / "Checkmarks.csv"
    member.write_bytes(member.read_text().replace("\n", "\r\n").encode("utf-16"))
    df = check(src, habits={"No café near her office": "reach_out"}).frame
    got = rows(df, "No café near her office")
    assert got["checkin"].tolist() == ["YES_AUTO", "NO", "YES"]


def test_overlapping_exports_keep_each_day_once(tmp_path, v231_zip):
    later = tmp_path / "later"
    shutil.copytree(DATA / "v231", later)
    f = later / "002 No contact" / "Checkmarks.csv"
    lines = f.read_text().splitlines()
    f.write_text("\n".join([lines[0], "2025-03-06,YES_MANUAL,", *lines[1:]]) + "\n")
    later_zip = zip_folder(later, tmp_path / "later.zip")
    report = rk.inspect([v231_zip, later_zip], kind="urges")
    assert report.records == report.loaded + len(report.problems)
    assert report.loaded == 9
    assert len(report.problems) == 8
    assert report.problems["reason"].str.contains("duplicate of the record").all()
    with pytest.warns(rk.DataQualityWarning, match="duplicate"):
        df = rk.read_urges([v231_zip, later_zip])
    assert len(rows(df, "No contact")) == 4


# ---------------------------------------------------------------- options


def test_bad_options():
    with pytest.raises(ValueError, match="not an urge kind"):
        rk.read_urges(DATA / "v231", habits={"Stretch": "stretching"})
    with pytest.raises(ValueError, match="'yes_means' must be 'clean'"):
        rk.read_urges(DATA / "v231", habits={"Stretch": {"kind": "other", "yes_means": "yes"}})
    with pytest.raises(ValueError, match="needs a 'kind'"):
        rk.read_urges(DATA / "v231", habits={"Stretch": {"yes_means": "acted"}})
    with pytest.raises(TypeError, match="`habits` must map a habit name"):
        rk.read_urges(DATA / "v231", habits=["Stretch"])
    with pytest.raises(ValueError, match="`yes_means` must be 'clean' or 'acted'"):
        rk.read_urges(DATA / "v231", yes_means="sometimes")
    with pytest.raises(TypeError, match="does not take option"):
        rk.read_urges(DATA / "v231", habit={"Stretch": "other"})


def test_yes_means_acted_for_every_habit():
    df = rk.read_urges(DATA / "v231", yes_means="acted")
    assert rows(df, "No contact")["acted"].tolist() == [True, False, True]


def test_kinds_reach_habit_names():
    df = rk.read_urges(DATA / "v18", kinds={"Meditate": "fantasize"})
    assert rows(df, "Meditate")["kind"].tolist() == ["fantasize"]


def test_detection():
    assert loop._detect(Input.open(DATA / "v231")) is None
    assert loop._detect(Input.open(DATA / "v231" / "Habits.csv")) is not None
    row = rk.formats().set_index("name").loc["loop"]
    assert row["kind"] == "urges" and "Export data (CSV)" in row["how_to_export"]


def test_a_habits_name_that_matches_no_habit_is_named_with_the_real_ones(v231_zip):
    report = check(v231_zip, habits={"No contactt": "reach_out"})
    note = next(n for n in report.notes if n.startswith("`habits` names"))
    assert "'No contactt', which this export does not have" in note
    assert "'No checking his socials'" in note and "'No contact'" in note
    assert set(report.frame["habit"]) == {"No checking his socials", "No contact"}


def test_every_habit_mapped_to_a_kind_counts_in_the_review_words():
    from reflection_kit.review import content

    urges = rk.read_urges(rk.sample_dir() / "loop.zip")
    assert set(urges["kind"]) == {"check_social", "reach_out"}
    text = content.streak_text(urges)
    assert "days without checking social media" in text and "days without reaching out" in text
