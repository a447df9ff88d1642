"""The per-entry score cache: private files, atomic writes, growth, corruption, off switch."""

from __future__ import annotations

import os
import stat

import pandas as pd
import pytest

from reflection_kit.text import ScoreCacheWarning, clear_cache, score_entries
from reflection_kit.text import score as score_mod
from reflection_kit.text.cache import cache_dir

TEXTS = [
    "Why did he leave? I keep replaying it over and over.",
    "Walked by the river with Anna. Felt calm and light.",
    "I should have said something. If only I had.",
    "Day 12 of no contact. I'm proud of myself.",
]


@pytest.fixture
def calls(monkeypatch):
    """Count the per-entry scorer calls (in-process scoring)."""
    counter = {"n": 0}
    real = score_mod._score_text

    def counting(*args, **kwargs):
        counter["n"] += 1
        return real(*args, **kwargs)

    monkeypatch.setattr(score_mod, "_score_text", counting)
    return counter


def _files():
    folder = cache_dir()
    return sorted(folder.glob("*")) if folder.exists() else []


def test_cache_is_private_and_in_the_configured_folder(journal_of, tmp_path):
    score_entries(journal_of(TEXTS))
    files = _files()
    assert len(files) == 1 and files[0].suffix == ".cache"
    assert str(files[0]).startswith(str(tmp_path))
    assert stat.S_IMODE(os.stat(files[0]).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(cache_dir()).st_mode) == 0o700
    raw = files[0].read_bytes()
    assert b"replaying" not in raw and b"Anna" not in raw  # scores only, never the text


def test_warm_run_scores_nothing_and_a_grown_journal_only_the_new_entries(journal_of, calls):
    cold = score_entries(journal_of(TEXTS))
    assert calls["n"] == len(TEXTS)
    warm = score_entries(journal_of(TEXTS))
    assert calls["n"] == len(TEXTS)
    pd.testing.assert_frame_equal(cold, warm)
    grown = journal_of([*TEXTS, "I didn't text him today.", "Why? Why now?"])
    fresh = score_entries(grown, cache=False)
    calls["n"] = 0
    cached = score_entries(grown)
    assert calls["n"] == 2
    pd.testing.assert_frame_equal(fresh, cached)


def test_edited_entry_is_rescored(journal_of, calls):
    score_entries(journal_of(TEXTS))
    calls["n"] = 0
    score_entries(journal_of([*TEXTS[:-1], TEXTS[-1] + " Edited."]))
    assert calls["n"] == 1


def test_cache_off(journal_of, calls, monkeypatch):
    score_entries(journal_of(TEXTS), cache=False)
    score_entries(journal_of(TEXTS), cache=False)
    assert calls["n"] == 2 * len(TEXTS) and _files() == []
    monkeypatch.setenv("REFLECTION_KIT_NO_CACHE", "1")
    score_entries(journal_of(TEXTS))
    assert _files() == []


def test_people_and_lexicon_are_part_of_the_key(journal_of, calls):
    score_entries(journal_of(TEXTS))
    score_entries(journal_of(TEXTS), people=["Sam"])
    assert calls["n"] == 2 * len(TEXTS)
    assert len(_files()) == 2


@pytest.mark.parametrize(
    "damage",
    [
        lambda raw: raw[: len(raw) // 2],  # truncated
        lambda raw: raw.replace(b"[", b"{", 3),  # edited without the checksum
        lambda raw: b"not a cache at all",
        lambda raw: b"",
    ],
)
def test_damaged_cache_is_reported_rebuilt_and_never_trusted(journal_of, calls, damage):
    good = score_entries(journal_of(TEXTS))
    (path,) = _files()
    path.write_bytes(damage(path.read_bytes()))
    calls["n"] = 0
    with pytest.warns(ScoreCacheWarning, match="was not used"):
        again = score_entries(journal_of(TEXTS))
    assert calls["n"] == len(TEXTS)
    pd.testing.assert_frame_equal(good, again)
    calls["n"] = 0
    score_entries(journal_of(TEXTS))  # rebuilt file is valid again
    assert calls["n"] == 0


def test_no_temporary_files_are_left(journal_of):
    score_entries(journal_of(TEXTS))
    score_entries(journal_of([*TEXTS, "more"]))
    assert [f.name for f in _files() if not f.name.endswith(".cache")] == []


def test_unwritable_cache_folder_warns_but_scores(journal_of, tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    monkeypatch.setenv("REFLECTION_KIT_CACHE_DIR", str(blocker / "cache"))
    with pytest.warns(ScoreCacheWarning, match="could not write the score cache"):
        s = score_entries(journal_of(TEXTS))
    assert s["rumination"].notna().all()


def test_clear_cache(journal_of):
    score_entries(journal_of(TEXTS))
    assert clear_cache() == 1
    assert _files() == []
