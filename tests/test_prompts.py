"""The reflection prompts and today's note."""

import datetime as dt
import json
from pathlib import Path

import pandas as pd
import pytest

from reflection_kit.prompt_sets import new_entry, prompt_table, prompts

ROOT = Path(__file__).resolve().parents[1]

SEED = ROOT.parent / "shared" / "seed" / "letting-go-letter.txt"


def test_four_sets_with_the_brief_counts():
    assert {k: len(v) for k, v in prompts.items()} == {
        "hope_bond": 3,
        "closure_letter": 5,
        "boundaries": 2,
        "hardest_part": 1,
    }
    ids = [p.id for s in prompts.values() for p in s]
    assert len(ids) == len(set(ids)) == 11
    assert set(prompt_table()["prompt_id"]) == set(ids)


def test_unknown_set_lists_the_sets():
    with pytest.raises(KeyError, match=r"unknown prompt set 'closure'.*hope_bond"):
        prompts["closure"]


def test_prompts_are_our_own_words():
    seed = SEED
    if not seed.exists():
        pytest.skip("the seed letter is only present beside a checkout")
    letter = " ".join(seed.read_text(encoding="utf-8").split()).lower()
    for p in prompts.by_id().values():
        words = p.text.lower().rstrip("?").split()
        # no run of eight words is taken from the letter
        for i in range(len(words) - 7):
            assert " ".join(words[i : i + 8]) not in letter, p.id


def test_new_entry_writes_owner_only_note(tmp_path):
    path = new_entry(tmp_path, prompts_set="closure_letter", day=dt.date(2025, 3, 3))
    assert path == tmp_path / "2025-03-03.md"
    assert (path.stat().st_mode & 0o777) == 0o600
    text = path.read_text()
    assert text.startswith("---\ndate: 2025-03-03\nprompts: closure_letter\n")
    for p in prompts["closure_letter"]:
        assert f"## {p.text}\n<!-- prompt: {p.id} -->" in text


def test_new_entry_appends_never_overwrites(tmp_path):
    path = new_entry(tmp_path, prompts_set="boundaries", day=dt.date(2025, 3, 3))
    path.write_text(path.read_text() + "My own words.\n")
    new_entry(tmp_path, prompts_set="hardest_part", day=dt.date(2025, 3, 3))
    text = path.read_text()
    assert "My own words.\n" in text
    assert text.count("---\ndate:") == 1
    assert "<!-- prompt: hardest_part.hardest -->" in text


def test_new_entry_follows_obsidian_format(tmp_path):
    (tmp_path / ".obsidian").mkdir()
    (tmp_path / ".obsidian" / "daily-notes.json").write_text(
        json.dumps({"format": "YYYY/MM/YYYY-MM-DD", "folder": "Journal"})
    )
    path = new_entry(tmp_path, prompts_set="hope_bond", day=dt.date(2025, 3, 9))
    assert path == tmp_path / "Journal" / "2025" / "03" / "2025-03-09.md"


def _vault(tmp_path, fmt: str):
    (tmp_path / ".obsidian").mkdir()
    (tmp_path / ".obsidian" / "daily-notes.json").write_text(json.dumps({"format": fmt}))


def test_new_entry_writes_two_digit_years(tmp_path):
    """Issue 13: with DD.MM.YY the note was named 04.03.YY.md."""
    _vault(tmp_path, "DD.MM.YY")
    path = new_entry(tmp_path, prompts_set="boundaries", day=dt.date(2025, 3, 4))
    assert path == tmp_path / "04.03.25.md"


def test_new_entry_adds_to_the_existing_note_named_with_an_ordinal(tmp_path):
    """Issue 13: with 'dddd, MMMM Do YYYY' the note was named 'Tuesday, March 4o 2025.md', so
    it never added to the day's existing note as it promises."""
    _vault(tmp_path, "dddd, MMMM Do YYYY")
    existing = tmp_path / "Tuesday, March 4th 2025.md"
    existing.write_text("Written in Obsidian this morning.\n", encoding="utf-8")
    path = new_entry(tmp_path, prompts_set="hardest_part", day=dt.date(2025, 3, 4))
    assert path == existing
    assert sorted(p.name for p in tmp_path.glob("*.md")) == [existing.name]
    text = existing.read_text(encoding="utf-8")
    assert text.startswith("Written in Obsidian this morning.\n")
    assert "<!-- prompt: hardest_part.hardest -->" in text


@pytest.mark.parametrize(
    ("fmt", "name"),
    [
        ("DD.MM.YY", "04.03.25"),
        ("dddd, MMMM Do YYYY", "Tuesday, March 4th 2025"),
        ("GGGG-[W]WW-E", "2025-W10-2"),
        ("YYYY/MMMM/[Day] DDD", "2025/March/Day 63"),
    ],
)
def test_the_note_new_entry_writes_is_read_back_on_its_day(tmp_path, fmt, name):
    """One formatter and parser: the reader finds the day in the name new_entry chose."""
    import reflection_kit as rk

    _vault(tmp_path, fmt)
    path = new_entry(tmp_path, prompts_set="boundaries", day=dt.date(2025, 3, 4))
    assert path.relative_to(tmp_path).as_posix() == name + ".md"
    journal = rk.read_journal(tmp_path)
    assert journal["date"].tolist() == [pd.Timestamp("2025-03-04")]


def test_round_trip_through_the_markdown_reader(tmp_path):
    import warnings

    import reflection_kit as rk

    first = new_entry(tmp_path, prompts_set="closure_letter", day=dt.date(2025, 3, 3))
    text = first.read_text()
    p_accept = prompts["closure_letter"].items[3]
    text = text.replace(
        f"<!-- prompt: {p_accept.id} -->\n",
        f"<!-- prompt: {p_accept.id} -->\nThat it is over, and that I did my best.\n",
    )
    first.write_text(text)
    second = new_entry(tmp_path, prompts_set="closure_letter", day=dt.date(2025, 3, 17))
    second.write_text(
        second.read_text().replace(
            f"<!-- prompt: {p_accept.id} -->\n",
            f"<!-- prompt: {p_accept.id} -->\nThat some questions stay open.\n",
        )
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        journal = rk.read_journal(tmp_path)
    assert list(journal["date"].dt.strftime("%Y-%m-%d")) == ["2025-03-03", "2025-03-17"]
    answers = [p.get(p_accept.id) for p in journal["prompts"]]
    assert answers == [
        "That it is over, and that I did my best.",
        "That some questions stay open.",
    ]
    # unanswered prompts are left out, and the marks never reach the text
    assert set(journal["prompts"].iloc[0]) == {p_accept.id}
    assert "prompt:" not in journal["text"].iloc[0]
    assert "That it is over" in journal["text"].iloc[0]
    table = rk.prompt_answers(journal)
    assert list(table.columns) == ["date", "entry_id", "set", "prompt_id", "prompt", "answer"]
    assert len(table) == 2 and set(table["prompt_id"]) == {p_accept.id}


def test_heading_text_links_without_the_mark(tmp_path):
    import reflection_kit as rk

    p = prompts["boundaries"].items[0]
    (tmp_path / "2025-04-01.md").write_text(f"# Tuesday\n\n## {p.text}\nIt would keep me stuck.\n")
    journal = rk.read_journal(tmp_path)
    assert journal["prompts"].iloc[0] == {p.id: "It would keep me stuck."}


# --- issue 15: new-entry run twice on one day adds the prompts once ---------------------------


def test_new_entry_twice_on_one_day_adds_nothing(tmp_path):
    day = dt.date(2025, 3, 3)
    path = new_entry(tmp_path, prompts_set="closure_letter", day=day)
    path.write_text(path.read_text() + "My own words.\n")
    before = path.read_bytes()
    assert new_entry(tmp_path, prompts_set="closure_letter", day=day) == path
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2025-03-03.md"]


def test_new_entry_twice_in_an_obsidian_vault_adds_nothing(tmp_path):
    (tmp_path / ".obsidian").mkdir()
    (tmp_path / ".obsidian" / "daily-notes.json").write_text(
        json.dumps({"format": "dddd, MMMM Do YYYY", "folder": "Journal/Daily"})
    )
    day = dt.date(2025, 3, 4)
    path = new_entry(tmp_path, prompts_set="hope_bond", day=day)
    assert path == tmp_path / "Journal" / "Daily" / "Tuesday, March 4th 2025.md"
    before = path.read_bytes()
    assert new_entry(tmp_path, prompts_set="hope_bond", day=day) == path
    assert path.read_bytes() == before
    text = path.read_text()
    for p in prompts["hope_bond"]:
        assert text.count(f"<!-- prompt: {p.id} -->") == 1
    assert [p.name for p in (tmp_path / "Journal" / "Daily").iterdir()] == [path.name]


def test_new_entry_adds_only_the_missing_prompts(tmp_path):
    """A prompt whose section was deleted comes back once; an edited heading with its marker
    still counts as there; a heading typed by hand without the marker counts too."""
    day = dt.date(2025, 3, 3)
    path = new_entry(tmp_path, prompts_set="closure_letter", day=day)
    first, second, third = prompts["closure_letter"].items[:3]
    text = path.read_text()
    text = text.replace(f"## {first.text}\n<!-- prompt: {first.id} -->\n", "")  # deleted
    text = text.replace(f"## {second.text}\n", "## In my words: what I wait to hear\n")
    path.write_text(text)
    new_entry(tmp_path, prompts_set="closure_letter", day=day)
    after = path.read_text()
    assert after.startswith(text)
    added = after[len(text) :]
    assert f"<!-- prompt: {first.id} -->" in added
    assert [p.id for p in prompts["closure_letter"] if p.id in added] == [first.id]
    assert "<!-- A closure letter" not in added  # the set's intro is not repeated
    assert third.text in after and after.count(f"<!-- prompt: {third.id} -->") == 1
    # a hand-typed heading, without the marker, is the prompt too
    other = tmp_path / "typed"
    other.mkdir()
    note = other / "2025-03-03.md"
    note.write_text("".join(f"## {p.text}\nMy answer.\n\n" for p in prompts["boundaries"]))
    before = note.read_bytes()
    new_entry(other, prompts_set="boundaries", day=day)
    assert note.read_bytes() == before


def test_new_entry_command_says_what_it_added(tmp_path, capsys):
    from reflection_kit.cli import main

    assert main(["new-entry", "--prompts", "boundaries", str(tmp_path)]) == 0
    out, err = capsys.readouterr()
    path = Path(out.strip())
    assert path.parent == tmp_path and "Started today's note with the 2 boundaries prompts" in err
    before = path.read_bytes()
    assert main(["new-entry", "--prompts", "boundaries", str(tmp_path)]) == 0
    out, err = capsys.readouterr()
    assert Path(out.strip()) == path and path.read_bytes() == before
    assert "already has the 2 boundaries prompts; nothing was added" in err
    assert main(["new-entry", "--prompts", "hardest_part", str(tmp_path)]) == 0
    assert "Added the 1 hardest_part prompt at the end" in capsys.readouterr().err
