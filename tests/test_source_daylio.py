"""The Daylio CSV reader: header eras, times, moods, notes, urges and hostile input."""

from __future__ import annotations

import hashlib
import shutil
import warnings
import zipfile
from pathlib import Path

import pandas as pd
import pytest

import reflection_kit as rk
from reflection_kit.sources import daylio
from reflection_kit.sources._input import Input

DATA = Path(__file__).resolve().parent / "data" / "daylio"
CSVS = sorted(p.name for p in DATA.glob("*.csv") if p.name != "daylio_empty.csv")


def _journal(name: str, **kw) -> pd.DataFrame:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", rk.DataQualityWarning)
        return rk.read_journal(DATA / name, format="daylio", **kw)


def _urges(name: str, **kw) -> pd.DataFrame:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", rk.DataQualityWarning)
        return rk.read_urges(DATA / name, format="daylio", **kw)


# ------------------------------------------------------------------ invariant & detection


@pytest.mark.parametrize("name", CSVS)
@pytest.mark.parametrize("kind", ["journal", "urges"])
def test_records_equal_loaded_plus_problems(name, kind):
    report = rk.inspect(DATA / name, format="daylio", kind=kind)
    assert report.records == report.loaded + len(report.problems)
    assert report.format == "daylio" and report.kind == kind


@pytest.mark.parametrize("name", [n for n in CSVS if not n.startswith("overlap")])
def test_detected_automatically(name):
    assert rk.inspect(DATA / name).format == "daylio"
    assert rk.inspect(DATA / name, kind="urges").format == "daylio"


def test_detector_says_why_not():
    reason = daylio.SOURCES[0].detect(Input.open(DATA / "not_daylio.txt"))
    assert "no Daylio CSV header" in reason
    assert "empty" in daylio._header_reason([])


def test_two_sources_named_daylio():
    kinds = {(s.name, s.kind) for s in daylio.SOURCES}
    assert kinds == {("daylio", "journal"), ("daylio", "urges")}
    for s in daylio.SOURCES:
        assert s.description and s.patterns and "Export entries" in s.how_to_export
    assert set(daylio.SOURCES[1].options) == {"activities", "moods"}


# ------------------------------------------------------------------ header eras


def test_2021_era_bom_newest_first_12h_times():
    j = _journal("daylio_2021.csv")
    assert len(j) == 5
    assert j["timestamp"].is_monotonic_increasing  # newest-first file, sorted frame
    assert j["local_time"].dt.strftime("%Y-%m-%d %H:%M").tolist() == [
        "2024-03-04 00:30",  # 12:30 AM
        "2024-03-05 07:30",
        "2024-03-05 08:15",
        "2024-03-06 21:40",  # 9:40 pm
        "2024-03-07 22:05",  # 10:05 PM
    ]
    assert (j["source"] == "daylio").all() and (j["journal"] == "daylio").all()
    assert str(j["date"].dtype) == "datetime64[us]"


def test_html_notes_title_and_multiline_quoted_note():
    j = _journal("daylio_2021.csv").set_index(pd.Index(range(5)))
    by_time = {
        t.strftime("%H:%M"): r for t, r in zip(j["local_time"], j.itertuples(), strict=True)
    }
    assert by_time["21:40"].text == "Quiet evening.\nWent to bed early."
    assert by_time["22:05"].text == "Saw a photo.\nPut the phone down & read instead."
    assert by_time["22:05"].title == "Late"
    assert by_time["08:15"].title == "Morning"
    assert by_time["08:15"].text == "Walked before work,\nfelt calm.\nTwo lines later."
    assert by_time["00:30"].text == "- tea\n- a short walk"


def test_physical_line_numbers_survive_multiline_notes():
    j = _journal("daylio_2021.csv")
    origin = dict(zip(j["local_time"].dt.strftime("%H:%M"), j["origin"], strict=True))
    assert origin["22:05"] == "daylio_2021.csv line 2"
    assert origin["08:15"] == "daylio_2021.csv line 4"  # spans lines 4-6
    assert origin["07:30"] == "daylio_2021.csv line 7"
    assert origin["00:30"] == "daylio_2021.csv line 8"


def test_activities_split_stripped_and_used_as_tags():
    j = _journal("daylio_2021.csv")
    acts = dict(zip(j["local_time"].dt.strftime("%H:%M"), j["activities"], strict=True))
    assert acts["08:15"] == ["walk", "work"]
    assert acts["07:30"] == []
    assert acts["22:05"] == ["checked his IG", "reading"]
    assert j["tags"].tolist() == j["activities"].tolist()


def test_2019_era_year_and_display_date():
    j = _journal("daylio_2019.csv")
    assert j["local_time"].dt.strftime("%Y-%m-%d %H:%M").tolist() == [
        "2018-05-16 08:50",
        "2018-05-17 07:05",  # "May 17", unpadded 24-hour time
        "2018-05-18 23:54",  # "18 May"
    ]
    assert j["activities"].tolist() == [[], ["texted him"], ["friends", "movies / tv"]]
    assert j["mood"].tolist() == [1.0, 2.0, 4.0]
    assert (j["title"] == "").all()


def test_2020_era_full_date_without_note_title():
    j = _journal("daylio_2020.csv")
    assert j["local_time"].dt.strftime("%Y-%m-%d %H:%M").tolist() == [
        "2020-01-01 14:03",
        "2020-01-02 18:50",
    ]
    assert j["text"].tolist() == ["New year walk.", "Soup."]


def test_2026_era_scales_and_unknown_columns():
    j = _journal("daylio_2026.csv")
    assert len(j) == 2
    assert "future_column" not in j.columns
    assert j["scales"].iloc[-1] == "Sleep Quality: 8/10 points | Sleep Time: 8:00"
    assert j["title"].iloc[-1] == "Calm"


# ------------------------------------------------------------------ moods


def test_builtin_and_custom_moods_keep_label():
    report = rk.inspect(DATA / "daylio_2021.csv")
    j = report.frame
    labels = dict(zip(j["mood_label"], j["mood"], strict=True))
    assert labels["rad"] == 5 and labels["good"] == 4 and labels["meh"] == 3
    assert pd.isna(labels["vaguely ok"]) and pd.isna(labels["Refreshed"])  # stripped label
    notes = [n for n in report.notes if "mood label" in n]
    assert len(notes) == 1
    assert "'vaguely ok'" in notes[0] and "'Refreshed'" in notes[0] and "moods={" in notes[0]


def test_moods_option_extends_map_case_insensitively():
    report = rk.inspect(DATA / "daylio_2021.csv", moods={"Vaguely OK": 3, "refreshed": 4.5})
    labels = dict(zip(report.frame["mood_label"], report.frame["mood"], strict=True))
    assert labels["vaguely ok"] == 3.0 and labels["Refreshed"] == 4.5 and labels["rad"] == 5
    assert not any("mood label" in n for n in report.notes)


def test_user_moods_win_over_defaults():
    j = _journal("daylio_2021.csv", moods={"RAD": 10})
    assert j.loc[j["mood_label"] == "rad", "mood"].item() == 10.0


@pytest.mark.parametrize(
    ("moods", "error", "match"),
    [
        (["rad"], TypeError, "`moods` must be a mapping"),
        ({"vaguely ok": "three"}, ValueError, "`moods` maps 'vaguely ok' to 'three'"),
        ({"x": float("nan")}, ValueError, "not a number"),
        ({"x": True}, ValueError, "not a number"),
    ],
)
def test_bad_moods_option(moods, error, match):
    with pytest.raises(error, match=match):
        rk.read_journal(DATA / "daylio_2021.csv", moods=moods)


def test_localised_default_moods():
    j = _journal("daylio_localised.csv")
    assert dict(zip(j["mood_label"], j["mood"], strict=True)) == {
        "Gut": 4.0,
        "Einfach scheiße": 1.0,
        "ottimo": 5.0,
        "così così": 3.0,
    }


def test_mood_scores_helper():
    table = daylio.mood_scores({"  Vaguely   OK ": 3})
    assert table["vaguely ok"] == 3.0 and table["awful"] == 1.0


def test_html_to_text():
    assert daylio.html_to_text("a&nbsp;b<br/>c<p>d</p>") == "a b\nc\nd"
    assert daylio.html_to_text("<ol><li>one</li><li>two &lt;3</li></ol>") == "- one\n- two <3"
    assert daylio.html_to_text("I <3 tea") == "I <3 tea"
    assert daylio.html_to_text("  plain  ") == "plain"


# ------------------------------------------------------------------ hostile input


def test_hostile_rows_are_reported_with_line_and_advice():
    report = rk.inspect(DATA / "daylio_hostile.csv")
    assert (report.records, report.loaded) == (7, 2)
    probs = dict(zip(report.problems["location"], report.problems["reason"], strict=True))
    assert list(probs) == [f"daylio_hostile.csv line {n}" for n in (3, 4, 5, 6, 8)]
    assert "`full_date` 'yesterday' is not a date" in probs["daylio_hostile.csv line 3"]
    assert "'2024-02-30' is not a date" in probs["daylio_hostile.csv line 4"]
    assert "`time` '25:99' is not a time of day" in probs["daylio_hostile.csv line 5"]
    assert "has 5 field(s) but the header has 8" in probs["daylio_hostile.csv line 6"]
    assert "has 9 field(s)" in probs["daylio_hostile.csv line 8"]
    assert all("Suggestion" in r for r in probs.values())
    assert report.problems["raw"].iloc[0].startswith("yesterday,")
    # a trailing comma (empty extra field) is tolerated
    assert "trailing comma" in set(report.frame["text"])


def test_errors_raise_carries_location():
    with pytest.raises(rk.ParseError, match="is not a date") as info:
        rk.read_journal(DATA / "daylio_hostile.csv", errors="raise")
    assert info.value.location == "daylio_hostile.csv line 3"
    assert "Suggestion" in info.value.reason


def test_errors_warn_warns_once_and_loads_the_rest():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        j = rk.read_journal(DATA / "daylio_hostile.csv", errors="warn")
    dq = [w for w in caught if issubclass(w.category, rk.DataQualityWarning)]
    assert len(dq) == 1
    assert "5 of 7 record(s)" in str(dq[0].message)
    assert len(j) == 2


def test_empty_file_is_a_clear_error():
    with pytest.raises(rk.ParseError, match=r"daylio_empty\.csv: .*the file is empty") as info:
        rk.read_journal(DATA / "daylio_empty.csv", format="daylio")
    assert info.value.location == "daylio_empty.csv"
    with pytest.raises(rk.ParseError, match="not a journal export"):
        rk.read_journal(DATA / "daylio_empty.csv")


def test_header_only_file_warns_nothing_found():
    with pytest.warns(rk.DataQualityWarning, match="no entries were found"):
        j = rk.read_journal(DATA / "daylio_header_only.csv")
    assert len(j) == 0 and list(j.columns)[:3] == ["entry_id", "timestamp", "date"]


def test_utf16_read_correctly():
    report = rk.inspect(DATA / "daylio_utf16.csv")
    row = report.frame.iloc[0]
    assert row["mood_label"] == "così così" and row["mood"] == 3.0
    assert row["activities"] == ["lettura", "tè"]
    assert report.notes == []


def test_cp1252_read_correctly_and_named():
    report = rk.inspect(DATA / "daylio_cp1252.csv")
    row = report.frame.iloc[0]
    assert row["mood_label"] == "Einfach scheiße" and row["mood"] == 1.0
    assert row["text"] == "Müde aber ruhig."
    assert any("Windows-1252 (cp1252)" in n for n in report.notes)


def test_not_daylio_is_a_clear_error():
    with pytest.raises(rk.ParseError, match=r"not_daylio\.txt: this does not look like a Daylio"):
        rk.read_journal(DATA / "not_daylio.txt", format="daylio")


def test_overlapping_exports_keep_each_entry_once():
    paths = [DATA / "overlap_a.csv", DATA / "overlap_b.csv"]
    with pytest.warns(rk.DataQualityWarning, match="1 of 4"):
        j = rk.read_journal(paths)
    assert j["text"].tolist() == ["Only in a.", "Same entry.", "Only in b."]
    report = rk.inspect(paths)
    assert report.records == report.loaded + len(report.problems) == 4
    assert "duplicate of the record at overlap_a.csv line 2" in report.problems["reason"].iloc[0]
    u = rk.inspect(paths, kind="urges")
    assert (u.loaded, len(u.problems)) == (1, 1)


def test_same_minute_entries_with_different_moods_are_both_kept():
    j = _journal("daylio_same_minute.csv")
    assert sorted(j["mood_label"]) == ["bad", "good"]
    assert j["entry_id"].is_unique


def test_entry_ids_are_stable_across_reads():
    a, b = _journal("daylio_2021.csv"), _journal("daylio_2021.csv")
    assert a["entry_id"].tolist() == b["entry_id"].tolist()


def test_folder_and_zip_inputs(tmp_path):
    folder = tmp_path / "export"
    folder.mkdir()
    shutil.copy(DATA / "daylio_2021.csv", folder / "daylio_export.csv")
    (folder / "readme.txt").write_text("hello")
    assert rk.inspect(folder).format == "daylio"
    assert len(rk.read_journal(folder)) == 5
    z = tmp_path / "export.zip"
    with zipfile.ZipFile(z, "w") as zf:
        zf.write(folder / "daylio_export.csv", "daylio_export.csv")
    j = rk.read_journal(z, format="daylio")
    assert j["origin"].iloc[0].startswith("export.zip:daylio_export.csv line ")
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "a.csv").write_text("x,y\n1,2\n")
    with pytest.raises(rk.ParseError, match="no Daylio CSV export inside"):
        rk.read_journal(empty, format="daylio")


def test_tens_of_thousands_of_rows(tmp_path):
    n = 30_000
    days = pd.date_range("2000-01-01", periods=n, freq="6h")
    df = pd.DataFrame(
        {
            "full_date": days.strftime("%Y-%m-%d"),
            "date": days.strftime("%B %-d"),
            "weekday": days.strftime("%A"),
            "time": days.strftime("%-I:%M %p").str.lower(),
            "mood": ["rad", "good", "meh", "bad", "awful", "custom"] * (n // 6),
            "activities": ["walk | tea", "", "checked his IG | work"] * (n // 3),
            "note_title": "",
            "note": ["Line one.<br>Line two.", "plain", ""] * (n // 3),
        }
    )[::-1]
    f = tmp_path / "big.csv"
    df.to_csv(f, index=False, encoding="utf-8-sig")
    report = rk.inspect(f)
    assert (report.records, report.loaded, len(report.problems)) == (n, n, 0)
    urges = rk.inspect(f, kind="urges")
    assert urges.loaded == n // 3


# ------------------------------------------------------------------ urges


def test_urge_activities_become_urges():
    u = _urges("daylio_urges.csv")
    got = {(lab, k, str(a)) for lab, k, a in zip(u["label"], u["kind"], u["acted"], strict=True)}
    assert got == {
        ("urge to text", "reach_out", "<NA>"),  # names the wish only: unknown
        ("didn't check IG", "check_social", "False"),
        ("almost called", "reach_out", "False"),
        ("checked his IG", "check_social", "True"),
        ("texted him", "reach_out", "True"),
    }
    assert (u["source"] == "daylio").all()
    assert str(u["acted"].dtype) == "boolean"
    row = u[u["label"] == "checked his IG"].iloc[0]
    assert row["note"] == "Rough\n\nSaw his story."
    assert row["activities"] == ["checked his IG", "texted him", "work"]
    assert row["local_time"] == pd.Timestamp("2024-03-08 23:00")
    assert "walk" not in set(u["label"]) and "work" not in set(u["label"])


def test_activities_option_adds_and_removes_urges():
    u = _urges(
        "daylio_urges.csv",
        activities={"Looked at his page": "check_social", "checked his IG": "other"},
    )
    labels = set(u["label"])
    assert "looked at his page" in labels and "checked his IG" not in labels
    assert bool(u.loc[u["label"] == "looked at his page", "acted"].item())
    assert len(_urges("daylio_urges.csv", kinds={"tea": "reread"})) == 6


def test_activities_option_is_checked():
    with pytest.raises(ValueError, match="`activities` maps 'walk' to 'hiking'"):
        rk.read_urges(DATA / "daylio_urges.csv", activities={"walk": "hiking"})
    with pytest.raises(TypeError, match="does not take option"):
        rk.read_journal(DATA / "daylio_urges.csv", activities={"walk": "other"})


def test_urge_problems_only_for_rows_that_may_hold_urges():
    report = rk.inspect(DATA / "daylio_hostile.csv", kind="urges")
    assert report.problems["location"].tolist() == [
        "daylio_hostile.csv line 3",  # bad date, holds "texted him"
        "daylio_hostile.csv line 6",  # too few fields: cannot tell
        "daylio_hostile.csv line 8",  # too many fields: cannot tell
    ]
    assert report.records == 3 and report.loaded == 0


def test_urge_errors_raise():
    with pytest.raises(rk.ParseError) as info:
        rk.read_urges(DATA / "daylio_hostile.csv", errors="raise")
    assert info.value.location == "daylio_hostile.csv line 3"


def test_no_urge_activities_gives_a_hint():
    report = rk.inspect(DATA / "daylio_2020.csv", kind="urges")
    assert report.loaded == 0
    assert any("activities={" in n for n in report.notes)


# ------------------------------------------------------------------ read-only


def test_source_files_unchanged():
    before = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in DATA.iterdir()}
    mtimes = {p: p.stat().st_mtime_ns for p in DATA.iterdir()}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for name in CSVS:
            rk.inspect(DATA / name, format="daylio")
            rk.inspect(DATA / name, format="daylio", kind="urges")
    assert before == {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in DATA.iterdir()}
    assert mtimes == {p: p.stat().st_mtime_ns for p in DATA.iterdir()}
