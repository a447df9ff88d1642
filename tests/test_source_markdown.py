"""The Markdown / Obsidian daily-notes reader: names, front matter, tags, skips, hostile input."""

from __future__ import annotations

import hashlib
import json
import shutil
import warnings
import zipfile
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

import reflection_kit as rk
from reflection_kit.sources import markdown
from reflection_kit.sources._input import Input
from reflection_kit.sources._moment import DateMatcher, UnsupportedFormat, render

DATA = Path(__file__).resolve().parent / "data" / "markdown"
FOLDERS = [
    "vault",
    "plain",
    "folders_date",
    "month_names",
    "overlap1/journal",
    "overlap2/journal",
    "plain/2024-03-05.md",
    "plain/2024-03-09.md",
]


def _read(path: Path, **kw) -> pd.DataFrame:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", rk.DataQualityWarning)
        return rk.read_journal(path, format="markdown", **kw)


def _by_day(df: pd.DataFrame) -> dict[str, pd.Series]:
    return {
        d.strftime("%Y-%m-%d"): row for d, (_, row) in zip(df["date"], df.iterrows(), strict=True)
    }


# ------------------------------------------------------------------ invariant & detection


@pytest.mark.parametrize("folder", FOLDERS)
def test_records_equal_loaded_plus_problems(folder):
    report = rk.inspect(DATA / folder, kind="journal")
    assert report.format == "markdown"
    assert report.records == report.loaded + len(report.problems)


def test_detection(tmp_path):
    src = markdown.SOURCES[0]
    assert src.detect(Input.open(DATA / "plain" / "2024-03-05.md")) is None
    assert src.detect(Input.open(DATA / "vault")) is None
    assert "not a .md file" in src.detect(Input.open(DATA / "not_markdown.csv"))
    (tmp_path / "README.md").write_text("# A project\n")
    (tmp_path / "data.csv").write_text("a,b\n1,2\n")
    assert "no .obsidian folder and no dated notes" in src.detect(Input.open(tmp_path))
    (tmp_path / "entry.md").write_text("---\ndate: 2024-03-05\n---\nHi\n")
    assert src.detect(Input.open(tmp_path)) is None
    assert "no .md files" in src.detect(Input.open(DATA.parent / "daylio"))


def test_source_description():
    (src,) = markdown.SOURCES
    assert src.name == "markdown" and src.kind == "journal"
    assert "Daily notes" in src.how_to_export and src.patterns
    assert set(src.options) == {"date_format", "folder", "moods"}


# ------------------------------------------------------------------ the Obsidian vault


def test_vault_counts_and_skips():
    """The vault's daily-notes folder is "Journal": the notes outside it (an ordinary note, a
    template, a note with a date: property) are skipped, not records and not problems."""
    report = rk.inspect(DATA / "vault")
    assert (report.records, report.loaded) == (4, 3)  # png, txt and .obsidian are not records
    probs = dict(zip(report.problems["location"], report.problems["reason"], strict=True))
    impossible = probs.pop("vault/Journal/2024/02/2024-02-30.md")
    assert "out of range" in impossible and "Suggestion: name the note" in impossible
    assert probs == {}
    skipped = dict(zip(report.skipped["location"], report.skipped["reason"], strict=True))
    assert set(skipped) == {"vault/Ideas.md", "vault/Templates/Daily.md", "vault/Trip notes.md"}
    assert "outside the daily-notes folder 'Journal'" in skipped["vault/Trip notes.md"]
    [note] = [n for n in report.notes if n.startswith("skipped 3 note(s)")]
    assert "3 outside the daily-notes folder 'Journal'" in note and "vault/Ideas.md" in note
    assert pd.Timestamp.today().normalize() not in set(report.frame["date"])


def test_skipped_notes_are_in_the_json_and_the_summary():
    report = rk.inspect(DATA / "vault")
    data = report.to_dict()
    assert {s["location"] for s in data["skipped"]} == set(report.skipped["location"])
    assert data["records"] == data["loaded"] + len(data["problems"])
    assert "skipped:  3 file(s) that are not records" in report.summary()


def test_declared_daily_folder_without_notes_reads_the_whole_vault(tmp_path):
    (tmp_path / ".obsidian").mkdir()
    (tmp_path / ".obsidian" / "daily-notes.json").write_text(json.dumps({"folder": "Daily"}))
    (tmp_path / "2024-03-05.md").write_text("Hi\n")
    report = rk.inspect(tmp_path)
    assert report.loaded == 1 and len(report.skipped) == 0
    assert any("'Daily' holds no notes" in n for n in report.notes)


def test_vault_front_matter_time_mood_tags_title():
    j = _by_day(_read(DATA / "vault"))
    n = j["2024-03-05"]
    assert n["local_time"] == pd.Timestamp("2024-03-05 10:30") and n["time_known"]
    assert n["mood"] == 4.0 and n["mood_label"] == ""
    assert n["tags"] == ["journal", "walk", "gratitude"]  # "#Walk" is the same tag as "walk"
    assert n["title"] == "A calm Tuesday"
    assert n["text"].startswith("## Morning\nWalked to the bakery")
    assert "---" not in n["text"] and "A calm Tuesday" not in n["text"]
    assert n["journal"] == "vault" and n["source"] == "markdown"
    assert n["origin"] == "vault/Journal/2024/03/2024-03-05.md"


def test_bom_crlf_and_closing_fence_at_eof():
    n = _by_day(_read(DATA / "vault"))["2024-03-06"]
    assert n["mood_label"] == "okay" and pd.isna(n["mood"])
    assert n["tags"] == ["reading"]  # "#tea" after a space is a YAML comment
    assert n["text"] == "" and n["title"] == "2024-03-06"
    assert n["local_time"] == pd.Timestamp("2024-03-06 12:00") and not n["time_known"]


def test_inline_tags_and_dataview_mood():
    n = _by_day(_read(DATA / "vault"))["2024-03-07"]
    assert n["tags"] == ["morning-pages", "year/2024"]  # no #1984, code, links, anchors, #42
    assert n["mood"] == 3.0
    assert n["title"] == "2024-03-07"
    assert "```python" in n["text"]


def test_date_and_time_from_properties(tmp_path):
    shutil.copy(DATA / "vault" / "Trip notes.md", tmp_path / "Trip notes.md")
    n = _by_day(_read(tmp_path))["2024-03-08"]
    assert n["title"] == "Trip notes"
    assert n["local_time"] == pd.Timestamp("2024-03-08 21:05") and n["time_known"]
    assert n["tags"] == ["travel"]


def test_vault_as_zip(tmp_path):
    z = tmp_path / "vault.zip"
    with zipfile.ZipFile(z, "w") as zf:
        for p in sorted((DATA / "vault").rglob("*")):
            if p.is_file():
                zf.write(p, "MyVault/" + p.relative_to(DATA / "vault").as_posix())
    report = rk.inspect(z)
    assert report.format == "markdown"
    assert (report.records, report.loaded, len(report.problems), len(report.skipped)) == (
        4,
        3,
        1,
        3,
    )
    assert set(report.frame["journal"]) == {"MyVault"}
    assert "vault.zip:MyVault/Journal/2024/03/2024-03-05.md" in set(report.frame["origin"])
    folder = _read(DATA / "vault")
    assert report.frame["entry_id"].tolist() != folder["entry_id"].tolist()  # other vault name
    assert report.frame["text"].tolist() == folder["text"].tolist()


def test_errors_raise_and_warn():
    with pytest.raises(rk.ParseError, match="out of range") as info:
        rk.read_journal(DATA / "vault", errors="raise")
    assert info.value.location == "vault/Journal/2024/02/2024-02-30.md"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        j = rk.read_journal(DATA / "vault")
    dq = [w for w in caught if issubclass(w.category, rk.DataQualityWarning)]
    assert len(dq) == 1 and "1 of 4" in str(dq[0].message)
    assert len(j) == 3


# ------------------------------------------------------------------ a plain folder


def test_plain_folder_default_format_and_nesting():
    report = rk.inspect(DATA / "plain")
    assert (report.records, report.loaded) == (9, 8)
    # a name that only holds a date, and a name without one, are ordinary notes: skipped
    skipped = dict(zip(report.skipped["location"], report.skipped["reason"], strict=True))
    assert set(skipped) == {"plain/meeting 2024-03-16.md", "plain/shopping list.md"}
    assert "holds a date but is not the date itself" in skipped["plain/meeting 2024-03-16.md"]
    assert "2024-03-16" not in set(report.frame["date"].dt.strftime("%Y-%m-%d"))
    j = _by_day(report.frame)
    assert j["2024-03-05"]["title"] == "Tuesday" and j["2024-03-05"]["text"] == "A plain note."
    assert j["2024-03-06"]["origin"] == "plain/2024/2024-03-06.md"
    assert j["2024-03-09"]["text"] == ""  # an empty file is an empty entry
    assert (report.frame["journal"] == "plain").all()


def test_hostile_notes_in_plain_folder():
    report = rk.inspect(DATA / "plain")
    j = _by_day(report.frame)
    # invalid YAML: the note is kept (dated by its name), its properties ignored
    assert j["2024-03-10"]["text"] == "Body survives." and pd.isna(j["2024-03-10"]["mood"])
    # date property with a time of day
    assert j["2024-03-11"]["local_time"] == pd.Timestamp("2024-03-11 07:45")
    assert j["2024-03-11"]["mood"] == 2.5
    # impossible time property: noon, time unknown, and a note
    assert j["2024-03-12"]["local_time"].hour == 12 and not j["2024-03-12"]["time_known"]
    notes = " ".join(report.notes)
    assert "2024-03-10.md: invalid YAML front matter" in notes
    assert "meeting 2024-03-16.md: invalid" not in notes  # skipped notes add no other notes
    assert "2024-03-12.md ('25:99')" in notes
    (loc, reason) = report.problems[["location", "reason"]].iloc[0]
    assert loc == "plain/undated.md"
    assert "'next tuesday' is not a date" in reason and "Suggestion:" in reason


def test_encodings():
    report = rk.inspect(DATA / "plain")
    j = _by_day(report.frame)
    assert j["2024-03-13"]["text"] == "Notiz über Müdigkeit. Café.\n#müde"
    assert j["2024-03-13"]["tags"] == ["müde"]
    assert j["2024-03-14"]["text"] == "Note in UTF-16 with a café."
    assert any("2024-03-13.md" in n and "Windows-1252" in n for n in report.notes)
    assert not any("2024-03-14.md" in n for n in report.notes)


def test_single_note_file():
    report = rk.inspect(DATA / "plain" / "2024-03-05.md")
    assert report.format == "markdown" and report.loaded == 1
    assert report.frame["origin"].item() == "2024-03-05.md"
    assert report.frame["journal"].item() == "plain"


# ------------------------------------------------------------------ daily-note formats


def test_date_in_folders():
    j = _read(DATA / "folders_date")
    assert j["date"].tolist() == [pd.Timestamp("2024-03-05")]


def test_month_names_and_template_settings():
    report = rk.inspect(DATA / "month_names")
    assert report.frame["date"].tolist() == [pd.Timestamp("2023-01-01")]
    assert report.ok and report.records == 1
    assert sorted(report.skipped["location"]) == [
        "month_names/Setup/Day template.md",
        "month_names/templates/other.md",
    ]
    assert (report.skipped["reason"] == "a note template, not a journal entry").all()


def test_date_format_and_folder_options(tmp_path):
    (tmp_path / "Journal").mkdir()
    (tmp_path / "Journal" / "05.03.2024.md").write_text("German order.\n")
    (tmp_path / "Journal" / "2024-03-06.md").write_text("Default still works.\n")
    (tmp_path / "Other").mkdir()
    (tmp_path / "Other" / "2024-03-07.md").write_text("Outside the folder.\n")
    j = _read(tmp_path, date_format="DD.MM.YYYY")
    assert j["date"].dt.day.tolist() == [5, 6, 7]
    report = rk.inspect(tmp_path, format="markdown", date_format="DD.MM.YYYY", folder="Journal")
    assert report.records == report.loaded == 2  # notes outside `folder` are not records
    assert report.skipped["location"].tolist() == [f"{tmp_path.name}/Other/2024-03-07.md"]
    assert any("set by the folder option" in n for n in report.notes)


def test_unsupported_vault_format_falls_back_with_a_note(tmp_path):
    (tmp_path / ".obsidian").mkdir()
    (tmp_path / ".obsidian" / "daily-notes.json").write_text(json.dumps({"format": "gggg-[W]ww"}))
    (tmp_path / "2024-03-05.md").write_text("Hi\n")
    report = rk.inspect(tmp_path)
    assert report.loaded == 1
    assert any("'gggg-[W]ww'" in n and "cannot be read back" in n for n in report.notes)


def test_a_huge_vault_format_is_refused_quickly_with_a_short_note(tmp_path):
    """A damaged settings file with a 100,000-character format (found by fuzzing: it made
    every read slow): refused by length, shown shortened, the default format used."""
    (tmp_path / ".obsidian").mkdir()
    huge = "YYYY-MM-DD" + "x" * 100_000
    (tmp_path / ".obsidian" / "daily-notes.json").write_text(json.dumps({"format": huge}))
    (tmp_path / "2024-03-05.md").write_text("Hi\n")
    report = rk.inspect(tmp_path)
    assert report.loaded == 1
    assert report.frame["date"].dt.day.tolist() == [5]
    [note] = [n for n in report.notes if "cannot be read back" in n]
    assert "100,010 characters long, more than the 200" in note
    assert len(note) < 600


def test_broken_settings_file_is_a_note(tmp_path):
    (tmp_path / ".obsidian").mkdir()
    (tmp_path / ".obsidian" / "daily-notes.json").write_text("{not json")
    (tmp_path / "2024-03-05.md").write_text("Hi\n")
    report = rk.inspect(tmp_path)
    assert report.loaded == 1 and any("could not be read" in n for n in report.notes)


def test_date_matcher():
    assert DateMatcher("YYYY-MM-DD").match("a/2024-03-05") == (date(2024, 3, 5), None)
    assert DateMatcher("YYYY-MM-DD").match("2024-03-05 notes") is None
    assert DateMatcher("D MMMM YYYY").match("5 march 2024") == (date(2024, 3, 5), None)
    assert DateMatcher("dddd, Do MMM YY").match("Tuesday, 5th Mar 24") == (date(2024, 3, 5), None)
    assert DateMatcher("[Day] YYYYMMDD HHmm").match("Day 20240305 0715") == (
        date(2024, 3, 5),
        (7, 15),
    )
    with pytest.raises(ValueError, match="out of range"):
        DateMatcher("YYYY-MM-DD").match("2024-02-30")
    with pytest.raises(ValueError, match="disagree"):
        DateMatcher("YYYY/MM/DD [of] MM").match("2024/03/05 of 04")
    with pytest.raises(UnsupportedFormat, match="not supported"):
        DateMatcher("gggg-[W]ww")
    with pytest.raises(UnsupportedFormat, match="does not name a year, a month and a day"):
        DateMatcher("YYYY-MM")
    assert render("YYYY/MMMM/YYYY-MMM-DD ddd", date(2024, 3, 5)) == "2024/March/2024-Mar-05 Tue"


# ------------------------------------------------------------------ front matter & body


def test_front_matter_has_no_yaml11_coercions():
    props, body, err = markdown.read_front_matter(
        "---\ndate: 2024-03-05\ntime: 10:30\nflag: no\nmood: 4\nat: 2024-03-05T10:30:00\n"
        "tags: #mood\nlist: [a, 1]\n---\nBody"
    )
    assert err is None and body == "Body"
    assert props == {
        "date": "2024-03-05",
        "time": "10:30",  # PyYAML's safe_load gives 630
        "flag": "no",  # and False
        "mood": "4",
        "at": "2024-03-05T10:30:00",
        "tags": "",
        "list": ["a", "1"],
    }


@pytest.mark.parametrize(
    ("text", "props", "body", "error"),
    [
        ("no front matter", None, "no front matter", None),
        ("---\na: 1\n---", {"a": "1"}, "", None),  # closing fence at EOF, no newline
        ("---\n---\nbody", {}, "body", None),
        ("---\na: 1\nbody", None, "---\na: 1\nbody", "no closing"),
        ("---\na: [1\n---\nbody", None, "body", "invalid YAML"),
        ("---\n- a\n---\nbody", None, "body", "not a list of properties"),
        ("---\na: 1\na: 2\n---\n", {"a": "1"}, "", None),
    ],
)
def test_front_matter_edges(text, props, body, error):
    got_props, got_body, got_error = markdown.read_front_matter(text)
    assert got_props == props and got_body == body
    assert (got_error is None) if error is None else (error in got_error)


def test_sections():
    body = "intro\n## Morning\nwoke\n```\n## not a heading\n```\n## Evening ##\ntea\n"
    assert markdown.sections(body) == [
        ("", "intro"),
        ("Morning", "woke\n```\n## not a heading\n```"),
        ("Evening", "tea"),
    ]
    assert markdown.sections("## Only\ntext") == [("Only", "text")]


def test_moods_option(tmp_path):
    (tmp_path / "2024-03-05.md").write_text("---\nmood: Okay\n---\n")
    (tmp_path / "2024-03-06.md").write_text("[mood:: great] a good day\n")
    j = _read(tmp_path, moods={"okay": 3, "GREAT": 5})
    assert j["mood"].tolist() == [3.0, 5.0] and j["mood_label"].tolist() == ["Okay", "great"]
    with pytest.raises(ValueError, match="`moods` maps 'okay' to 'three'"):
        _read(tmp_path, moods={"okay": "three"})


# ------------------------------------------------------------------ hostile & overlap


def test_not_markdown_is_a_clear_error(tmp_path):
    with pytest.raises(rk.ParseError, match=r"not_markdown\.csv: not a Markdown note"):
        rk.read_journal(DATA / "not_markdown.csv", format="markdown")
    (tmp_path / "a.txt").write_text("text\n")
    with pytest.raises(rk.ParseError, match="no Markdown notes"):
        rk.read_journal(tmp_path, format="markdown")


def test_overlapping_copies_keep_each_note_once():
    paths = [DATA / "overlap1" / "journal", DATA / "overlap2" / "journal"]
    with pytest.warns(rk.DataQualityWarning, match="1 of 4"):
        j = rk.read_journal(paths)
    assert j["date"].dt.day.tolist() == [4, 5, 6]
    report = rk.inspect(paths)
    assert report.records == report.loaded + len(report.problems) == 4
    assert "duplicate of the record at journal/2024-03-05.md" in report.problems["reason"].iloc[0]


def test_source_files_unchanged(tmp_path):
    files = [p for p in DATA.rglob("*") if p.is_file()]
    before = {p: (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns) for p in files}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for folder in FOLDERS:
            rk.inspect(DATA / folder)
    after = {p: (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns) for p in files}
    assert before == after
    assert {p for p in DATA.rglob("*") if p.is_file()} == set(files)


def test_a_copy_of_the_vault_reads_the_same(tmp_path):
    shutil.copytree(DATA / "vault", tmp_path / "vault")
    a, b = _read(DATA / "vault"), _read(tmp_path / "vault")
    assert a["entry_id"].tolist() == b["entry_id"].tolist()


# ------------------------------------------------------------------ which notes are entries


@pytest.mark.parametrize(
    "name",
    [
        "Jeffrey-20240305-Diary.md",
        "1-20240305.md",
        "2024-03-05-Tuesday.md",
        "20240305-D.md",
        "05.03.2024.md",
        "2024-03-05 Meeting with Sam.md",
    ],
)
def test_a_date_inside_a_name_is_not_an_entry(tmp_path, name):
    (tmp_path / "2024-03-04.md").write_text("The daily note.\n")
    (tmp_path / name).write_text("Another kind of note.\n")
    report = rk.inspect(tmp_path, format="markdown")
    assert report.ok and (report.records, report.loaded) == (1, 1)
    assert report.frame["date"].tolist() == [pd.Timestamp("2024-03-04")]
    assert report.skipped["location"].tolist() == [f"{tmp_path.name}/{name}"]
    [note] = [n for n in report.notes if n.startswith("skipped 1 note(s)")]
    assert name in note and "not entries, not problems" in note


def test_the_date_format_option_takes_those_names(tmp_path):
    for day in (4, 5):
        (tmp_path / f"Jeffrey-2024030{day}-Diary.md").write_text("Day.\n")
    report = rk.inspect(tmp_path, format="markdown", date_format="[Jeffrey-]YYYYMMDD[-Diary]")
    assert (report.records, report.loaded, len(report.skipped)) == (2, 2, 0)


def test_a_date_property_makes_any_note_an_entry_in_a_plain_folder(tmp_path):
    (tmp_path / "Thoughts on moving.md").write_text("---\ndate: 2024-03-05\n---\nHello\n")
    report = rk.inspect(tmp_path, format="markdown")
    assert report.loaded == 1 and len(report.skipped) == 0


def test_daily_notes_folder_of_the_vault_decides(tmp_path):
    (tmp_path / ".obsidian").mkdir()
    (tmp_path / ".obsidian" / "daily-notes.json").write_text(
        json.dumps({"folder": "Daily", "template": "Templates/Daily"})
    )
    for rel, text in {
        "Daily/2024-03-05.md": "Daily note.\n",
        "Notes/2024-03-05 Meeting.md": "---\ndate: 2024-03-05\n---\nMeeting.\n",
        "Notes/Reading list.md": "Books.\n",
        "Templates/Daily.md": "# {{date}}\n",
    }.items():
        (tmp_path / rel).parent.mkdir(exist_ok=True)
        (tmp_path / rel).write_text(text)
    report = rk.inspect(tmp_path)
    assert report.ok and (report.records, report.loaded) == (1, 1)
    assert report.frame["origin"].tolist() == [f"{tmp_path.name}/Daily/2024-03-05.md"]
    assert len(report.skipped) == 3
    [note] = [n for n in report.notes if n.startswith("skipped")]
    assert "3 outside the daily-notes folder 'Daily'" in note


def test_a_single_undated_note_passed_on_its_own_is_a_problem():
    report = rk.inspect(DATA / "plain" / "shopping list.md", format="markdown")
    assert (report.records, report.loaded, len(report.problems)) == (1, 0, 1)
    reason = report.problems["reason"].item()
    assert reason.startswith("no date: the note's name is not a date in the format YYYY-MM-DD")
    assert "Suggestion: name it YYYY-MM-DD.md" in reason
