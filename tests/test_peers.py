"""Real exports written by other projects, read as their own apps read them.

``../shared/peers/`` holds journals, fixtures and sample exports copied byte for
byte from other projects (jrnl, Day One importers, Daylio parsers, Loop Habit
Tracker, Obsidian vaults). ``PROVENANCE.md`` beside them gives, for each file,
what that project's own tests, docs or notebooks say about it: the ground truth
asserted here. It is not what reflection-kit happened to output.

Every file and folder there is read. For each one ``records == loaded +
len(problems)``, and no entry is swallowed into another.
"""

from __future__ import annotations

import re
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import reflection_kit as rk

PEERS = Path(__file__).resolve().parents[1].parent / "shared" / "peers"

pytestmark = pytest.mark.skipif(
    not (PEERS / "PROVENANCE.md").is_file(),
    reason=f"the peer corpus is not here ({PEERS}): it lives beside the repository in "
    "../shared/peers and is never copied into the project",
)

#: Every file and folder of the corpus, and the test that reads it (checked below).
CORPUS = {
    "jrnl/simple.journal": "test_jrnl_simple",
    "jrnl/basic_onefile.journal": "test_jrnl_basic_onefile_and_folder",
    "jrnl/basic_folder": "test_jrnl_basic_onefile_and_folder",
    "jrnl/tags.journal": "test_jrnl_tags",
    "jrnl/tags-216.journal": "test_jrnl_tags_with_punctuation",
    "jrnl/tags-237.journal": "test_jrnl_an_email_is_not_a_tag",
    "jrnl/multiline-tags.journal": "test_jrnl_multiline_tags",
    "jrnl/brackets.journal": "test_jrnl_integers_in_brackets_are_not_dates",
    "jrnl/little_endian_dates.journal": "test_jrnl_little_endian_dates",
    "jrnl/mostlyreadabledates.journal": "test_jrnl_mostly_readable_dates_are_three_entries",
    "jrnl/unreadabledates.journal": "test_jrnl_unreadable_dates_are_refused_clearly",
    "jrnl/deletion.journal": "test_jrnl_deletion",
    "jrnl/simple_jrnl-1-9-5.journal": "test_jrnl_1x_journal_is_read_as_jrnl_upgrades_it",
    "jrnl/basic_encrypted.journal": "test_jrnl_encrypted_journal_is_refused_with_what_to_do",
    "jrnl_json/jimmy-myjournal.json": "test_jrnl_json_export",
    "dayone/bsingr-demo.json": "test_dayone_bsingr_escapes_and_the_entry_without_text",
    "dayone/marcdonald": "test_dayone_marcdonald",
    "dayone/marcdonald-invalid": "test_dayone_marcdonald_invalid_entry",
    "dayone/dayone-to-obsidian.zip": "test_dayone_zip_with_rich_text",
    "dayone/jimmy-tagebuch": "test_dayone_tagebuch",
    "dayone/jrnl-classic": "test_dayone_classic_as_jrnl_reads_it",
    "daylio/staticf0x-test_data.csv": "test_daylio_staticf0x",
    "daylio/currin-sample.csv": "test_daylio_currin_sample",
    "daylio/currin-sample_multiple_moods.csv": "test_daylio_currin_multiple_moods",
    "daylio/noamelf-daylio_export.csv": "test_daylio_old_seven_column_export",
    "loop/uhabits-2025": "test_loop_uhabits",
    "loop/uhabits-2021": "test_loop_uhabits",
    "loop/meshOlake": "test_loop_meshOlake_aggregate_files_only",
    "markdown/obsidian-tracker": "test_markdown_obsidian_tracker_default_format",
    "markdown/kepano-obsidian": "test_markdown_kepano_vault_daily_notes_only",
    "table/habitbull.csv": "test_table_habitbull",
}

#: A jrnl header at a line start: a body line like this would be a swallowed entry.
_JRNL_HEADER = re.compile(r"^\[\d{4}-\d{2}-\d{2}[^\]]*\] ", re.MULTILINE)


def _inspect(rel: str, **kw) -> rk.LoadReport:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", rk.DataQualityWarning)
        report = rk.inspect(PEERS / rel, **kw)
    assert report.records == report.loaded + len(report.problems), report.summary()
    return report


def _days(frame: pd.DataFrame) -> list[str]:
    return sorted(frame["local_time"].dt.strftime("%Y-%m-%d %H:%M"))


def _jrnl(rel: str, **kw) -> pd.DataFrame:
    report = _inspect(rel, **kw)
    assert report.format == "jrnl" and report.kind == "journal"
    frame = report.frame.sort_values("local_time").reset_index(drop=True)
    for text in frame["text"]:  # no header of another entry inside an entry's text
        assert not _JRNL_HEADER.search(text.split("\n", 1)[-1] if "\n" in text else ""), text
    return frame


def test_every_peer_file_is_read_by_a_test():
    present = {
        f"{d.name}/{p.name}"
        for d in PEERS.iterdir()
        if d.is_dir()
        for p in d.iterdir()
        if not p.name.startswith(".")
    }
    assert present == set(CORPUS), "a peer file without a test here (or a test without a file)"
    tests = {name for name in globals() if name.startswith("test_")}
    assert set(CORPUS.values()) <= tests


# ----------------------------------------------------------------------------- jrnl


def test_jrnl_simple():
    j = _jrnl("jrnl/simple.journal")
    assert _days(j) == ["2013-06-09 15:39", "2013-06-10 15:40"]
    assert j["title"].tolist() == ["My first entry.", "Life is good."]
    assert j["text"].tolist() == [
        "My first entry.\nEverything is alright",
        "Life is good.\nBut I'm better.",
    ]


@pytest.mark.parametrize("rel", ["jrnl/basic_onefile.journal", "jrnl/basic_folder"])
def test_jrnl_basic_onefile_and_folder(rel):
    report = _inspect(rel)
    assert report.ok
    j = _jrnl(rel)
    assert _days(j) == ["2020-08-29 11:11", "2020-08-31 14:32", "2020-09-24 09:14"]
    second = j.iloc[1]
    assert second["starred"] and j["starred"].sum() == 1
    assert second["title"] == "A second entry in what I hope to be a long series."
    counts = pd.Series([t for tags in j["tags"] for t in tags]).value_counts().to_dict()
    assert counts == {"tagtwo": 2, "tagone": 2, "tagthree": 1, "ipsum": 1}
    both = j[j["tags"].map(lambda t: {"tagone", "tagtwo"} <= set(t))]
    assert len(both[both["text"].str.contains("maybe")]) == 1
    assert j.loc[j["local_time"].dt.month == 9, "local_time"].tolist() == [
        pd.Timestamp("2020-09-24 09:14")
    ]


def test_jrnl_folder_files_that_are_not_day_files_are_skipped_not_problems():
    report = _inspect("jrnl/basic_folder")
    assert report.records == 3 and report.ok
    assert sorted(report.skipped["location"]) == [
        "basic_folder/2020/09/should-be-ignored.txt",
        "basic_folder/2020/should-be-ignored.txt",
        "basic_folder/should-be-ignored.txt",
    ]
    assert not report.frame["text"].str.contains("should be ignored").any()
    notes = " ".join(report.notes)
    assert "skipped 3 file(s)" in notes
    assert "your jrnl config" not in notes  # the old, wrong suggestion


def test_jrnl_tags():
    j = _jrnl("jrnl/tags.journal")
    assert len(j) == 2
    assert [set(t) for t in j["tags"]] == [{"idea", "journal"}, {"dan", "idea"}]


def test_jrnl_tags_with_punctuation():
    j = _jrnl("jrnl/tags-216.journal")
    tags = [t for tags in j["tags"] for t in tags]
    assert {"os/2", "c++", "c#"} <= set(tags)
    assert all(tags.count(t) == 1 for t in ("os/2", "c++", "c#"))


def test_jrnl_an_email_is_not_a_tag():
    j = _jrnl("jrnl/tags-237.journal")
    tags = [t for tags in j["tags"] for t in tags]
    assert sorted(tags) == ["email", "newline"]


def test_jrnl_multiline_tags():
    j = _jrnl("jrnl/multiline-tags.journal")
    assert _days(j) == ["2013-06-09 15:39"]
    assert set(j["tags"].iloc[0]) == {
        "line",
        "tags",
        "punctuation",
        "tagonlinealonewithoutpunctuation",
        "tagonlinealonewithpunctuation",
        "tag",
        "hi",
    }


def test_jrnl_integers_in_brackets_are_not_dates():
    j = _jrnl("jrnl/brackets.journal")
    assert _days(j) == ["2019-07-08 05:42"]
    assert "\n[1] line starting with 1" in j["text"].iloc[0]


def test_jrnl_little_endian_dates():
    for kw in ({"timeformat": "%d.%m.%Y %H:%M"}, {}):  # given, and found with a note
        j = _jrnl("jrnl/little_endian_dates.journal", **kw)
        assert _days(j) == ["2013-06-09 15:39", "2013-07-10 15:40"]
        assert j["title"].tolist() == ["My first entry.", "Life is good."]


def test_jrnl_mostly_readable_dates_are_three_entries():
    report = _inspect("jrnl/mostlyreadabledates.journal")
    assert (report.records, report.loaded, len(report.problems)) == (3, 3, 0)
    j = _jrnl("jrnl/mostlyreadabledates.journal")
    assert _days(j) == ["2019-07-01 14:23", "2019-07-18 14:23", "2019-07-19 14:23"]
    assert j["title"].tolist() == ["The third entry", "The first entry", "The second entry"]
    assert "third entry" not in j["text"].iloc[2]  # not glued into the entry above
    assert any("line 7 [2019-07 14:23] as 2019-07-01 14:23" in n for n in report.notes)


def test_jrnl_unreadable_dates_are_refused_clearly():
    with pytest.raises(rk.ParseError) as info:
        rk.read_journal(PEERS / "jrnl/unreadabledates.journal")
    msg = str(info.value)
    assert msg.startswith("unreadabledates.journal: no line is an entry header")
    assert "[ashasd7zdskhz7asdkjasd]" in msg and "Suggestion:" in msg


def test_jrnl_deletion():
    j = _jrnl("jrnl/deletion.journal")
    assert _days(j) == ["2019-10-29 11:11", "2019-10-29 11:11", "2019-10-29 11:13"]
    assert sorted(j["title"]) == ["First entry.", "Second entry.", "Third entry."]


def test_jrnl_1x_journal_is_read_as_jrnl_upgrades_it():
    report = _inspect("jrnl/simple_jrnl-1-9-5.journal")
    assert (report.records, report.loaded) == (2, 2)
    j = report.frame.sort_values("local_time")
    assert _days(j) == ["2010-06-10 15:00", "2013-06-10 15:40"]
    assert "\n[2019-08-03 12:55] Some chat log or something\n" in j["text"].iloc[1]
    assert any("jrnl 1.x journal" in n for n in report.notes)


def test_jrnl_encrypted_journal_is_refused_with_what_to_do():
    with pytest.raises(rk.ParseError, match=r"this is an encrypted jrnl journal") as info:
        rk.read_journal(PEERS / "jrnl/basic_encrypted.journal")
    assert "decrypt it with `jrnl --decrypt` first" in str(info.value)
    assert info.value.location == "basic_encrypted.journal"


# ----------------------------------------------------------------------------- jrnl JSON


def test_jrnl_json_export():
    report = _inspect("jrnl_json/jimmy-myjournal.json")
    assert report.format == "jrnl_json" and report.ok
    j = report.frame.sort_values("local_time", kind="stable")
    assert _days(j) == [
        "2024-06-16 09:00",
        "2024-06-16 09:00",
        "2024-06-17 03:00",
        "2024-06-17 18:05",
        "2024-06-17 18:06",
    ]
    assert set(j["title"].iloc[:2]) == {"Called in sick.", "Best day of my life."}
    assert set(j.loc[j["local_time"] == pd.Timestamp("2024-06-17 18:05"), "tags"].item()) >= {
        "anna",
        "beach",
        "tom",
    }
    assert int(j["starred"].sum()) == 2


# ----------------------------------------------------------------------------- Day One


def test_dayone_bsingr_escapes_and_the_entry_without_text():
    report = _inspect("dayone/bsingr-demo.json")
    assert report.format == "dayone" and report.records == 4
    j = report.frame.set_index("title")
    with_text = j.loc[["Initial entry", "Second entry", "Third entry with double escapes"]]
    utc = with_text["timestamp"].dt.tz_convert("UTC")
    assert utc.dt.strftime("%Y-%m-%dT%H:%M:%SZ").tolist() == [
        "2019-03-18T13:04:56Z",
        "2010-02-26T21:44:20Z",
        "2010-02-27T21:14:20Z",
    ]
    assert (with_text["tz"] == "Europe/Berlin").all()
    third = with_text.loc["Third entry with double escapes", "text"]
    assert "double escape a/b dot. single escape slash/" in third
    assert "\\" not in third
    # the 4th entry has no `text`: an "entry with error" for bsingr, shown empty by Day One.
    # It is loaded with empty text and named in the report, never silently
    empty = report.frame[report.frame["text"] == ""]
    assert empty["date"].dt.strftime("%Y-%m-%d").tolist() == ["2011-03-26"]
    assert any("no 'text' at all" in n and "bsingr-demo.json entry 4" in n for n in report.notes)


def test_dayone_marcdonald():
    report = _inspect("dayone/marcdonald")
    assert (report.records, report.loaded) == (5, 5)
    j = report.frame.set_index("entry_id")
    star = j.loc[[i for i in j.index if i.startswith("DF8B")]].iloc[0]
    assert star["starred"] and sorted(star["tags"]) == [
        "another-dev-testing-tag",
        "dev-testing-tag",
    ]
    assert star["tz"] == "Europe/Dublin"
    assert star["timestamp"] == pd.Timestamp("2024-04-16 23:00", tz="UTC")
    london = j.loc[[i for i in j.index if i.startswith("1461")]].iloc[0]
    assert london["tz"] == "Europe/London"
    assert london["timestamp"] == pd.Timestamp("2024-04-17 23:00", tz="UTC")
    text = "\n".join(j["text"])
    assert "Pariatur aute nulla incididunt. Ad dolor" in text
    assert "This-text-is-hyphenated" in text and "(This text is in parentheses)" in text
    assert sorted(j["date"].dt.strftime("%Y-%m-%d")) == [
        "2024-04-17",
        "2024-04-18",
        "2024-04-19",
        "2024-04-19",
        "2024-04-21",
    ]


def test_dayone_marcdonald_invalid_entry():
    report = _inspect("dayone/marcdonald-invalid")
    assert (report.records, report.loaded, len(report.problems)) == (6, 5, 1)
    reason = report.problems["reason"].item()
    assert "'text' should be a string, got dict" in reason
    assert report.problems["location"].item() == (
        "marcdonald-invalid/Dev Journal One Invalid.json entry 6"
    )


def test_dayone_zip_with_rich_text():
    report = _inspect("dayone/dayone-to-obsidian.zip")
    assert (report.records, report.loaded) == (1, 1)
    row = report.frame.iloc[0]
    assert row["journal"] == "MyJournal" and "test text" in row["text"]
    assert row["timestamp"] == pd.Timestamp("2018-04-21 17:57:04", tz="UTC")
    assert row["tz"] == "Europe/London" and row["date"] == pd.Timestamp("2018-04-21")


def test_dayone_tagebuch():
    report = _inspect("dayone/jimmy-tagebuch")
    assert (report.records, report.loaded) == (7, 7) and report.ok
    j = report.frame
    assert j["date"].dt.strftime("%Y-%m-%d").value_counts().to_dict() == {
        "2024-07-23": 5,
        "2024-07-22": 1,
        "2024-08-03": 1,
    }
    assert (j["text"] == "").sum() == 1
    assert {t for tags in j["tags"] for t in tags} == {"example tag", "another-Example_tag"}
    assert int(j["starred"].sum()) == 1


def test_dayone_classic_as_jrnl_reads_it():
    report = _inspect("dayone/jrnl-classic")
    assert report.format == "dayone_classic"
    assert (report.records, report.loaded) == (4, 4) and report.ok
    j = report.frame.set_index("title")
    since_feb = j[j["timestamp"] >= pd.Timestamp("2013-02-01", tz="UTC")]
    assert since_feb["local_time"].dt.strftime("%Y-%m-%d %H:%M").to_dict() == {
        "This entry has tags!": "2013-05-17 11:39",
        "This entry has a location.": "2013-06-17 20:38",
        "This entry is starred!": "2013-07-17 11:38",
    }
    assert j.loc["This entry is starred!", "starred"] and int(j["starred"].sum()) == 1
    assert j.loc["This entry has tags!", "tags"] == ["work", "play"]  # lower-cased, as jrnl
    assert j.loc["This entry has tags!", "tz"] == "America/Los_Angeles"
    # the entry without a zone is placed in tz, and the report says so
    assert any("no timeZone" in n for n in report.notes)
    berlin = _inspect("dayone/jrnl-classic", tz="Europe/Berlin").frame.set_index("title")
    assert berlin.loc["This is a DayOne entry without Timezone.", "tz"] == "Europe/Berlin"


# ----------------------------------------------------------------------------- Daylio


def test_daylio_staticf0x():
    report = _inspect("daylio/staticf0x-test_data.csv")
    assert report.format == "daylio" and (report.records, report.loaded) == (32, 32)
    j = report.frame.sort_values("local_time")
    first, last = j.iloc[0], j.iloc[-1]
    assert (first["local_time"], first["mood_label"]) == (pd.Timestamp("2020-05-25 07:09"), "meh")
    assert first["tags"] == []
    assert pd.Timestamp("2020-05-25 14:58") in set(j["local_time"])
    assert (last["local_time"], last["mood_label"], last["text"]) == (
        pd.Timestamp("2020-05-30 18:50"),
        "rad",
        "Awesome",
    )
    assert last["tags"] == ["friends", "gaming", "programming", "nap"]
    daily = j.groupby(j["date"].dt.strftime("%m-%d"))["mood"].mean().round(1).to_dict()
    assert daily == {"05-25": 2.0, "05-27": 4.3, "05-28": 4.6, "05-29": 5.0, "05-30": 5.0}
    assert j["mood"].mean() == pytest.approx(4.15625)
    assert np.std(j["mood"].to_numpy()) == pytest.approx(1.2275, abs=1e-4)
    for activity, mean in (("work", 4.0), ("programming", 5.0)):
        moods = j.loc[j["tags"].map(lambda t, a=activity: a in t), "mood"]
        assert moods.mean() == pytest.approx(mean)
    assert np.std(j.loc[j["tags"].map(lambda t: "programming" in t), "mood"]) == 0


def test_daylio_currin_sample():
    report = _inspect("daylio/currin-sample.csv", moods={"average": 3, "sad": 2})
    j = report.frame.sort_values("local_time")
    assert _days(j) == ["2021-09-26 23:00", "2021-09-27 23:00", "2021-09-28 22:00"]
    assert j["mood"].tolist() == [3.0, 3.0, 2.0]
    second = j.iloc[1]["tags"]
    assert len(second) == 12 and {"stressed / frustrated", "cook"} <= set(second)
    assert all(t == t.strip() for tags in j["tags"] for t in tags)


def test_daylio_currin_multiple_moods():
    moods = {
        "good": 4,
        "Refreshed": 4,
        "OK": 3,
        "ok but sleepy": 3,
        "sad": 2,
        "bad": 2,
        "Anxious": 2,
    }
    report = _inspect("daylio/currin-sample_multiple_moods.csv", moods=moods)
    j = report.frame.sort_values("local_time")
    assert _days(j) == [
        "2020-07-21 07:31",
        "2020-07-21 10:31",
        "2020-08-25 17:08",
        "2020-08-28 20:01",
        "2020-08-31 08:13",
        "2021-05-12 15:40",
        "2021-05-12 18:52",
    ]
    assert j["mood_label"].tolist() == [
        "Anxious",
        "bad",
        "ok but sleepy",
        "good",
        "Refreshed",
        "OK",
        "OK",
    ]
    assert j["mood"].tolist() == [2.0, 2.0, 3.0, 4.0, 4.0, 3.0, 3.0]


def test_daylio_old_seven_column_export():
    report = _inspect("daylio/noamelf-daylio_export.csv")
    j = report.frame
    assert (report.records, report.loaded) == (77, 77)
    assert (j["date"].min(), j["date"].max()) == (
        pd.Timestamp("2018-04-05"),
        pd.Timestamp("2018-06-22"),
    )
    cat = (5 - j["mood"]).groupby(j["date"].dt.day_name()).mean()  # rad=0 … awful=4
    expected = {
        "Sunday": 0.909091,
        "Monday": 0.818182,
        "Tuesday": 1.333333,
        "Wednesday": 1.363636,
        "Thursday": 1.416667,
        "Friday": 1.666667,
        "Saturday": 1.454545,
    }
    assert cat.round(6).to_dict() == expected


# ----------------------------------------------------------------------------- Loop


@pytest.mark.parametrize("rel", ["loop/uhabits-2025", "loop/uhabits-2021"])
def test_loop_uhabits(rel):
    habits = {"Meditate": "other", "Wake up early": "other"}
    report = _inspect(rel, habits=habits)
    assert report.format == "loop" and report.kind == "urges"
    u = report.frame
    assert "Meditate" not in set(u["habit"])  # no entries: all UNKNOWN
    wake = u[u["habit"] == "Wake up early"].sort_values("date")
    assert wake["date"].dt.strftime("%m-%d").tolist() == [f"01-{d}" for d in range(16, 26)]
    assert wake["checkin"].value_counts().to_dict() == {"YES": 6, "YES_AUTO": 3, "NO": 1}
    auto = wake.loc[wake["checkin"] == "YES_AUTO", "date"].dt.strftime("%m-%d").tolist()
    assert auto == ["01-18", "01-19", "01-23"]
    assert wake.loc[wake["checkin"] == "NO", "date"].item() == pd.Timestamp("2015-01-24")
    if rel.endswith("2025"):
        notes = dict(zip(wake["date"].dt.strftime("%m-%d"), wake["note"], strict=True))
        assert (notes["01-19"], notes["01-23"], notes["01-24"]) == (
            '"Vacation"',
            "Forgot to do it, really",
            "Sick",
        )


def test_loop_meshOlake_aggregate_files_only():
    report = _inspect("loop/meshOlake")
    assert sum("is not mapped to an urge kind" in n for n in report.notes) == 10
    report = _inspect("loop/meshOlake", habits={"No Pot": "other", "Vaping": "other"})
    u = report.frame
    pot = u[u["habit"] == "No Pot"]
    assert (pot["date"].min(), pot["date"].max(), pot["date"].nunique()) == (
        pd.Timestamp("2025-02-10"),
        pd.Timestamp("2025-04-18"),
        68,
    )
    assert pot["checkin"].value_counts().to_dict() == {"YES": 44, "UNKNOWN": 16, "NO": 8}
    no_days = pot.loc[pot["checkin"] == "NO", "date"].dt.strftime("%d").tolist()
    assert sorted(no_days) == ["14", "15", "16", "19", "20", "21", "22", "23"]
    vaping = u[u["habit"] == "Vaping"]
    assert (vaping["amount"] > 0).sum() == 21 and (vaping["amount"] == 0).sum() == 43
    assert vaping["amount"].isna().sum() == 4
    top = vaping.loc[vaping["amount"].idxmax()]
    assert (top["amount"], top["date"]) == (110.0, pd.Timestamp("2025-02-16"))


# ----------------------------------------------------------------------------- Markdown


def test_markdown_obsidian_tracker_default_format():
    report = _inspect("markdown/obsidian-tracker/diary")
    assert report.ok and (report.records, report.loaded) == (46, 46)
    j = report.frame
    assert j["date"].is_unique  # one note per day
    stems = {Path(o).stem for o in j["origin"]}
    assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", s) for s in stems)
    skipped = set(report.skipped["location"].str.rsplit("/", n=1).str[-1])
    assert len(skipped) == 50
    assert {"Jeffrey-20210101-Diary.md", "1-20210101.md", "2021-01-01-Friday.md"} <= skipped
    [note] = [n for n in report.notes if n.startswith("skipped 50 note(s)")]
    assert "Jeffrey" in note or "1-20210101.md" in note
    first = j.set_index(j["date"].dt.strftime("%Y-%m-%d")).loc["2021-01-01"]
    assert set(first["tags"]) >= {"work_log", "work_log2", "weight", "exercise-pushup"}
    assert "finance/bank1" in first["tags"] and "gmail.com" not in " ".join(first["tags"])
    assert first["mood_label"] == "🙁" and pd.isna(first["mood"])  # an emoji, not a number


def test_markdown_kepano_vault_daily_notes_only():
    report = _inspect("markdown/kepano-obsidian")
    assert report.ok and (report.records, report.loaded) == (2, 2)
    assert sorted(report.frame["origin"]) == [
        "kepano-obsidian/Daily/2023-09-12.md",
        "kepano-obsidian/Daily/2023-09-30.md",
    ]
    skipped = set(report.skipped["location"])
    assert "kepano-obsidian/Notes/2023-09-12 Meeting with Steph.md" in skipped
    assert "kepano-obsidian/Templates/Daily Note Template.md" in skipped
    assert len(skipped) > 90
    summary = [n for n in report.notes if n.startswith("skipped")]
    assert len(summary) == 1 and "outside the daily-notes folder 'Daily'" in summary[0]


# ----------------------------------------------------------------------------- table


def test_table_habitbull():
    report = _inspect(
        "table/habitbull.csv",
        format="table",
        columns={"CalendarDate": "date", "CommentText": "text", "HabitName": "title"},
    )
    assert (report.records, report.loaded, len(report.problems)) == (18, 14, 4)
    assert report.problems["reason"].str.startswith("duplicate of the record at").all()
    j = report.frame
    dragons = j[j["title"] == "Breed dragons"]
    dragons = dragons.set_index(dragons["date"].dt.strftime("%m-%d"))
    assert {"03-18", "03-19"} <= set(dragons.index) and "03-20" not in dragons.index
    assert dragons.loc["03-18", "text"] == "text"
    assert j["title"].nunique() == 4
