"""What `load_exports` says to people: the loaded line, empty charts, tidy previews (issue 15)."""

import pandas as pd
import pytest

import reflection_kit as rk
from reflection_kit.frames import empty_journal


@pytest.fixture(scope="module")
def sample():
    return rk.load_exports("sample:notes", "sample:urges.csv", quiet=True)


def test_the_loaded_line_names_counts_days_and_the_sample(sample):
    assert sample.sample_reports == 2
    assert (
        str(sample)
        == sample.summary()
        == (
            "Loaded 87 journal entries and 201 urges (2025-03-03 to 2025-06-22) from the bundled "
            "sample."
        )
    )


def test_the_loaded_line_for_own_exports_and_big_counts(sample):
    one = sample.urges.head(1)
    big = pd.concat([sample.urges] * 6, ignore_index=True)  # 1,206 urges
    ex = rk.Exports(journal=empty_journal(), urges=big)
    assert ex.summary() == "Loaded 1,206 urges (2025-03-03 to 2025-06-22) from your exports."
    ex = rk.Exports(journal=sample.journal.head(1), urges=one)
    assert ex.summary() == "Loaded 1 journal entry and 1 urge (2025-03-03) from your exports."
    own = rk.load_exports(urges=sample.reports[1].path, quiet=True)
    assert own.summary().endswith("from your export urges.csv.")


def test_a_wrong_path_is_said_clearly_and_the_empty_parts_say_why(tmp_path):
    ex = rk.load_exports(tmp_path / "nope.zip", "sample:urges.csv", quiet=True)
    lines = ex.summary().splitlines()
    assert lines[0].startswith("Loaded 201 urges") and lines[1].startswith("- We could not find")
    assert ex.nothing_to_show("urges") == ""
    why = ex.nothing_to_show("journal")
    assert why.startswith("There is no journal to show here: the journal export could not be")
    assert 'go back to the sample: a path that starts with "sample:"' in why
    nothing = rk.load_exports(tmp_path / "a.zip", tmp_path / "b.csv", quiet=True)
    assert nothing.summary().splitlines()[0] == "Nothing was loaded."
    assert "no urge log export was given" in rk.load_exports(
        "sample:notes", quiet=True
    ).nothing_to_show("urges")
    header_only = tmp_path / "log.csv"
    header_only.write_text("timestamp,kind\n")
    empty = rk.load_exports(urges=header_only, quiet=True)
    assert "holds no records" in empty.nothing_to_show("urges")
    with pytest.raises(ValueError, match="`kind` must be 'journal' or 'urges', got 'x'"):
        ex.nothing_to_show("x")


def test_a_wrong_sample_name_lists_the_sample_exports():
    ex = rk.load_exports("sample:dayone.json", quiet=True)
    (msg,) = ex.messages
    assert msg.startswith("The bundled sample has no export named 'sample:dayone.json'")
    assert '"sample:dayone.zip"' in msg and '"sample:urges.csv"' in msg


def test_previews_have_words_for_headers_and_no_nan(sample):
    urges = sample.preview("urges", rows=50)
    assert list(urges.columns) == [
        "When",
        "Urge",
        "In their words",
        "Strength (0-10)",
        "What happened",
        "What helped",
    ]
    assert set(urges["What happened"]) <= {"acted on it", "resisted", "not noted"}
    assert "—" in set(urges["What helped"])  # an empty cell, not NaN or ""
    journal = sample.preview("journal", rows=50)
    assert list(journal.columns) == ["Day", "Title", "Words", "Tags", "Mood", "Beginning"]
    assert set(journal["Mood"]) <= {1, 2, 3, 4, 5, "—"}  # 1, not 1.0
    for frame in (urges, journal):
        assert not frame.isna().any().any()
        assert not frame.astype(str).isin(["", "nan", "NaN", "<NA>", "None"]).any().any()
    dayone = rk.load_exports("sample:dayone.zip", quiet=True).preview("journal")
    assert "Mood" not in dayone.columns  # Day One has no mood: no column of blanks
    assert not dayone["Beginning"].str.startswith("#").any()  # the title is not repeated
    daylio = rk.load_exports("sample:daylio.csv", quiet=True).preview("journal")
    assert set(daylio["Mood"]) <= {"awful", "bad", "meh", "good", "rad"}


def test_urge_counts_add_up_and_show_their_n(sample):
    counts = sample.urge_counts()
    assert list(counts.columns) == ["Urge", "Urges", "Share"]
    assert counts["Urges"].iloc[:-1].sum() == counts["Urges"].iloc[-1] == 201
    assert counts["Urge"].iloc[-1] == "All urges"
    assert counts["Share"].str.fullmatch(r"\d+%").all()
    assert (
        rk.Exports(journal=empty_journal(), urges=sample.urges.head(0))
        .urge_counts()["Share"]
        .eq("—")
        .all()
    )
