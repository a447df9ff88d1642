"""The exports `review` reads once and hands to the kernel: the same frames, owner-only."""

from __future__ import annotations

import os
import stat

import pandas as pd
import pytest

from reflection_kit.review import load_handover, read_exports
from reflection_kit.review.handover import save_handover


@pytest.fixture(scope="module")
def sample_read():
    return read_exports(["sample:notes"], ["sample:urges.csv"], people=["Alex"])


def test_round_trip_gives_the_same_frames(tmp_path, sample_read):
    exports, journal = sample_read
    path = save_handover(tmp_path, exports, journal)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    again, scored = load_handover(path)
    pd.testing.assert_frame_equal(scored, journal)
    pd.testing.assert_frame_equal(again.urges, exports.urges)
    assert [r.path for r in again.reports] == [r.path for r in exports.reports]
    assert "rumination" in scored.columns and len(scored) == len(exports.journal)


def test_never_replaces_a_file(tmp_path, sample_read):
    save_handover(tmp_path, *sample_read)
    with pytest.raises(FileExistsError):
        save_handover(tmp_path, *sample_read)


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX modes")
def test_refuses_a_file_others_can_read(tmp_path, sample_read):
    path = save_handover(tmp_path, *sample_read)
    os.chmod(path, 0o644)
    with pytest.raises(PermissionError, match="owner-only"):
        load_handover(path)


def test_without_a_journal_nothing_is_scored():
    exports, journal = read_exports([], ["sample:urges.csv"])
    assert len(exports.urges) and not len(journal)


@pytest.fixture
def nothing_explained_again(monkeypatch):
    """The quotes may use only explanations made ahead: explaining raises, and the kept
    explanations are restored afterwards."""
    from reflection_kit.review import content

    saved = dict(content._AHEAD)
    content._AHEAD.clear()

    def refuse(*args, **kwargs):
        raise AssertionError("a sentence was explained again in the kernel")

    yield lambda: monkeypatch.setattr(content, "contribution_spans", refuse)
    content._AHEAD.clear()
    content._AHEAD.update(saved)


@pytest.mark.parametrize("privacy", ["full", "redact", "aggregate"])
def test_the_quotes_come_explained_with_the_exports(
    tmp_path, sample_read, nothing_explained_again, privacy
):
    """What `review` works out while the kernel starts is every explanation the notebook's
    quotes need, for each privacy mode, and the quotes come out the same."""
    import reflection_kit as rk
    from reflection_kit.review import PrivacyPolicy, examples, period_of
    from reflection_kit.review.render import _explained_quotes

    exports, journal = sample_read
    view = {"start": "", "end": "", "privacy": privacy, "all_names": False, "keep": []}
    explained = _explained_quotes(exports, journal, ["Alex"], view)
    assert explained  # the sample has quotes (or, aggregate, counts) in its last 4 weeks
    # the notebook's own steps (its first cell and the writing section)
    policy = PrivacyPolicy(privacy, people=["Alex"])
    shown = policy.exports(exports)
    panel = rk.daily(journal, shown.urges)
    period = period_of(panel, None, None)
    want = examples(journal, period, privacy=shown.policy, people=["Alex"])
    path = save_handover(tmp_path, exports, journal, explained)
    nothing_explained_again()
    load_handover(path)  # keeps the explanations
    got = examples(journal, period, privacy=shown.policy, people=["Alex"])
    assert got == want
    assert ("rk-quote" in got) == (privacy != "aggregate")


def test_explained_ahead_is_what_examples_explains(sample_read):
    from reflection_kit.review import content

    _, journal = sample_read
    period = content.period_of(journal.set_index("date")[["rumination"]], None, None)
    spans = content.explained_ahead(journal, period, people=["Alex"])
    assert spans
    for (sentence, people), marks in spans.items():
        assert people == ("Alex",)
        assert marks == content.contribution_spans(sentence, people=["Alex"])
