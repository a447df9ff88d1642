"""The review's "What the downloads show": the page, the command line, the privacy modes.

One review is rendered here (``review --sample --redact``, which reads the sample's
platform downloads as evidence); every other test is fast.
"""

from __future__ import annotations

import html
import re
import warnings

import pytest

import reflection_kit as rk
from reflection_kit.cli import main
from reflection_kit.review.evidence import logged_vs_shown_words, section
from reflection_kit.sample import SAMPLE_DOWNLOADS, SAMPLE_PERSON, sample_dir
from reflection_kit.sample.downloads import MESSAGE_TEXTS

#: Names and handles in the sample downloads that no page may show in a private mode.
NAMES = ("Alex Winter", "alex.winter.84", "Robin Keller", "Mira Hoffmann", "mira.bakes")
WORDS = ("fail", "relapse", "caught", "cheat", "lied", "admit")


def _text(page: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


@pytest.fixture(scope="module")
def frames():
    root = sample_dir()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", rk.DataQualityWarning)
        log = rk.read_urges(root / "urges.csv")
        shown = rk.read_urges([root / p for p in SAMPLE_DOWNLOADS], person=list(SAMPLE_PERSON))
    return log, shown


@pytest.fixture(scope="module")
def evidence_review(tmp_path_factory):
    out = tmp_path_factory.mktemp("evidence") / "review.html"
    assert main(["review", "--sample", "--redact", "-o", str(out)]) == 0
    return out.read_text(encoding="utf-8")


def test_rendered_review_compares_gently_and_shows_no_text(evidence_review, frames):
    log, shown = frames
    page = html.unescape(evidence_review)
    assert "What the downloads show" in page
    s = rk.logged_vs_shown(log, shown).summary
    n = int(s.loc["reach_out", "only_in_downloads"])
    assert n > 1
    assert (
        f"The downloads show {n} days with messages or calls that the log did not record." in page
    )
    k = int(s.loc["check_social", "only_in_log"])
    assert f"The log records {k} days of checking their profile that the downloads" in page
    assert f"n={int(s.loc['reach_out', 'days_compared'])}" in page
    for text in MESSAGE_TEXTS:
        assert text not in page, text
    for name in NAMES:
        assert name.lower() not in page.lower(), name
    section_text = _text(page[page.index("What the downloads show") :])
    section_text = section_text[: section_text.find("Reflection prompts")]
    for word in WORDS:
        assert word not in section_text.lower(), word


def test_words_plurals_and_aggregate_mode(frames):
    log, shown = frames
    result = rk.logged_vs_shown(log, shown)
    full = _text(logged_vs_shown_words(result))
    assert "The days where the two differ" in full
    assert "1 day of reaching out" in full or "days of reaching out" in full
    assert " 1 days" not in full
    aggregate = _text(logged_vs_shown_words(result, privacy="aggregate"))
    assert "The days where the two differ" not in aggregate  # totals only
    assert "days compared (n)" in aggregate
    one = result.summary.copy()
    one.loc["reach_out", ["only_in_downloads", "only_in_log", "both"]] = [1, 0, 1]
    words = _text(logged_vs_shown_words(type(result)(result.days, one, result.kinds)))
    assert "The downloads show 1 day with messages or calls that the log did not record." in words
    assert "On 1 day both agree that there was contact." in words


@pytest.mark.parametrize("mode", ["redact", "aggregate"])
def test_private_modes_hide_the_names_a_download_lists(frames, mode):
    log, _ = frames
    root = sample_dir()
    # without person= each download says which people it holds: a private page hides them
    downloads = rk.load_exports(urges=[root / p for p in SAMPLE_DOWNLOADS], quiet=True)
    assert len(downloads.failures) == len(SAMPLE_DOWNLOADS)
    assert "Alex Winter" in " ".join(downloads.messages)
    page = html.unescape(section(log, downloads, privacy=mode, people=["Alex"]))
    for name in (*NAMES, "Robin", "WhatsApp Chat with"):
        assert name not in page, name
    assert "could not be read" in page
    full = html.unescape(section(log, downloads, privacy="full"))
    assert "Alex Winter" in full  # the person's own, unprotected review says what it found


def test_no_downloads_is_one_gentle_line(frames):
    log, _ = frames
    assert "No platform downloads were shared" in section(log, None)
    empty = rk.load_exports(urges=[], quiet=True)
    assert "No platform downloads were shared" in section(log, empty)


def test_cli_unreadable_evidence_fails_cleanly(tmp_path, capsys):
    bad = tmp_path / "chat export.json"
    bad.write_text('{"not": "a download"}', encoding="utf-8")
    out = tmp_path / "review.html"
    code = main(["review", "--sample", "--evidence", str(bad), "-o", str(out)])
    err = capsys.readouterr().err
    assert code == 1
    assert "--evidence" in err and "chat export.json" in err
    assert "nothing was written" in err and "Traceback" not in err
    assert not out.exists()


def test_cli_evidence_needs_the_person(tmp_path, capsys):
    chat = sample_dir() / "downloads" / "WhatsApp Chat with Alex Winter.txt"
    out = tmp_path / "review.html"
    argv = ["review", "--urges", str(sample_dir() / "urges.csv"), "--evidence", str(chat)]
    assert main([*argv, "-o", str(out)]) == 1
    assert "--person" in capsys.readouterr().err
    assert not out.exists()
    assert main([*argv, "--person", "", "-o", str(out)]) == 2
    assert "--person '' is empty" in capsys.readouterr().err
    assert main(["review", "--clients", str(tmp_path), "--evidence", str(chat)]) == 2


def test_render_review_accepts_evidence(monkeypatch, tmp_path):
    from reflection_kit.review import render as render_mod

    seen = {}

    def fake(notebook, parameters, *, title, prepare=None, warm_up=""):
        seen.update(parameters)
        return "<html></html>"

    monkeypatch.setattr(render_mod, "render_notebook", fake)
    root = sample_dir()
    render_mod.render_review(
        tmp_path / "r.html",
        urges=[root / "urges.csv"],
        evidence=[root / "downloads" / "telegram" / "result.json"],
        person=["Alex Winter"],
        me=["Robin"],
    )
    assert seen["evidence_paths"] == [str((root / "downloads/telegram/result.json").resolve())]
    assert seen["evidence_person"] == ["Alex Winter"] and seen["evidence_me"] == ["Robin"]


def test_cli_check_takes_person_and_me(capsys):
    chat = str(sample_dir() / "downloads" / "WhatsApp Chat with Alex Winter.txt")
    assert main(["check", chat]) == 1
    assert "--person" in capsys.readouterr().err
    assert main(["check", chat, "--person", "Alex Winter", "--me", "Robin"]) == 0
    out = capsys.readouterr().out
    assert "format:   whatsapp" in out and "message sent" not in out
    for text in MESSAGE_TEXTS:
        assert text not in out
