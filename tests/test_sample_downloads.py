"""The sample's platform downloads: every format, small, fixed, no text ever read."""

from __future__ import annotations

import hashlib
import warnings
from pathlib import Path

import pandas as pd
import pytest

import reflection_kit as rk
from reflection_kit.sample import SAMPLE_DOWNLOADS, SAMPLE_PERSON, build_story, render_sample
from reflection_kit.sample.downloads import MESSAGE_TEXTS
from reflection_kit.sample.model import TRIP

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "sample"
#: The sample files that existed before the downloads, byte for byte (sha256 of
#: "name\0bytes\0" over the sorted names): the downloads never change them.
OLD_FILES_DIGEST = "204269098fb482201e1baa59f90607267f19b64771d917ecc431f10920bba0f0"
MY_ACTIVITY = "downloads/takeout/My Activity/Search/MyActivity.json"


@pytest.fixture(scope="module")
def files() -> dict[str, bytes]:
    return render_sample()


def _read(path: Path, **kw) -> rk.LoadReport:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return rk.inspect(path, kind="urges", person=list(SAMPLE_PERSON), **kw)


def test_the_other_sample_files_are_unchanged(files):
    old = {n: d for n, d in files.items() if not n.startswith("downloads/")}
    h = hashlib.sha256()
    for name in sorted(old):
        h.update(name.encode() + b"\0" + old[name] + b"\0")
    assert h.hexdigest() == OLD_FILES_DIGEST


def test_downloads_are_committed_small_and_fixed(files):
    downloads = {n: d for n, d in files.items() if n.startswith("downloads/")}
    assert len(downloads) == 8
    assert sum(map(len, downloads.values())) < 200_000
    for name, data in downloads.items():
        assert (SAMPLE / name).read_bytes() == data, name
    other = render_sample(7)
    assert any(other[n] != d for n, d in downloads.items())  # another seed, other details


@pytest.mark.parametrize("path", [*SAMPLE_DOWNLOADS, MY_ACTIVITY])
def test_every_download_reads_cleanly_as_its_format(path):
    report = _read(SAMPLE / path, tz="Europe/Berlin")
    assert report.format == SAMPLE_DOWNLOADS.get(path, "my_activity")
    assert report.records == report.loaded > 0
    assert len(report.problems) == 0
    assert set(report.frame["acted"]) == {True}


def test_downloads_cover_every_kind_of_event():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        shown = rk.read_urges(
            [SAMPLE / p for p in SAMPLE_DOWNLOADS], person=list(SAMPLE_PERSON), tz="Europe/Berlin"
        )
    labels = set(shown["label"])
    assert {
        "message sent on WhatsApp",
        "message sent on Telegram",
        "message sent on Messenger",
        "message sent on Instagram",
        "profile searched on Instagram",
        "profile visited on Facebook",
        "profile visited (Chrome history)",
        "searched for them on Google",
    } <= labels
    assert shown["hits"].max() > 1  # several history hits in one sitting: one check
    # no check from the trip week: the readers' UTC instants are not what the log shows there
    trip = (shown["kind"] == "check_social") & shown["date"].between(*map(pd.Timestamp, TRIP))
    assert not trip.any()


def test_consistent_with_the_log_but_not_identical():
    story = build_story(rk.SAMPLE_SEED)
    logged = {u.local.date() for u in story.urges if u.acted and u.kind == "reach_out"}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        shown = rk.read_urges(
            [SAMPLE / p for p in SAMPLE_DOWNLOADS if "takeout" not in p],
            person=list(SAMPLE_PERSON),
            tz="Europe/Berlin",
        )
    days = {d.date() for d in shown.loc[shown["kind"] == "reach_out", "date"]}
    assert len(logged & days) >= len(logged) - 2  # most logged reach-outs are there
    assert logged - days  # one is not
    assert days - logged  # and some are in the downloads only


def test_no_message_text_reaches_a_frame_or_report(files):
    raw = b"".join(d for n, d in files.items() if n.startswith("downloads/"))
    present = [t for t in MESSAGE_TEXTS if t.encode() in raw]
    assert len(present) >= 10  # the texts are there, to be dropped
    reports = [_read(SAMPLE / p) for p in [*SAMPLE_DOWNLOADS, MY_ACTIVITY]]
    seen = []
    for r in reports:
        frame = r.frame
        for col in frame.columns:
            seen += [str(v) for v in frame[col].tolist()]
        seen += list(r.notes) + [r.tz_policy] + [str(v) for v in r.problems.to_numpy().ravel()]
    blob = "\n".join(seen)
    for text in MESSAGE_TEXTS:
        assert text not in blob, text


def test_a_chat_passed_as_a_journal_is_named_plainly():
    chat = SAMPLE / "downloads" / "WhatsApp Chat with Alex Winter.txt"
    with pytest.raises(
        rk.ParseError, match=r"looks like a WhatsApp chat export \(format whatsapp\)"
    ):
        rk.read_journal(chat)
