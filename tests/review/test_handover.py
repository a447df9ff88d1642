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
