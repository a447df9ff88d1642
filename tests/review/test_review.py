"""The coach's progress review: content, privacy, files and many clients."""

import re
import stat

import pytest

from reflection_kit.cli import main
from reflection_kit.review import render_review
from reflection_kit.review.render import NothingToReviewError
from reflection_kit.text import split_sentences

from .conftest import HOSTILE_JOURNAL


def _text_of(html: str) -> str:
    return re.sub(r"<[^>]+>", " ", html)


def test_sample_review_content(sample_review):
    path, html = sample_review
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    for heading in (
        "Progress review for Sample",
        "How much the writing loops back",
        "Tone",
        "Days without checking social media",
        "Urges, what helped, and what set them off",
        "Reflection prompts answered",
        "What was loaded",
        "How to read this review",
    ):
        assert heading in html
    summary = re.search(r'<p class="rk-summary">(.*?)</p>', html, re.S).group(1)
    assert re.search(
        r"\d+ of \d+ days without checking social media \(longest run \d+ days\)", summary
    )
    assert re.search(
        r"Urges went from [\d.]+ to [\d.]+ a day, and \d+% were resisted \(n=\d+\)", summary
    )
    assert "was followed by a resisted urge most often (n=" in summary
    # the words behind the numbers are highlighted: only words that contribute, weighted
    marks = re.findall(r'<mark class="rk-(raises|lowers) rk-(strong|weak)" title="([^"]+)">', html)
    assert marks
    for sign, strength, weight in marks:
        value = float(weight)
        assert value != 0 and (value > 0) == (sign == "raises")
        assert (abs(value) >= 1) == (strength == "strong")
    assert "not a diagnosis" in html
    assert "association, not a cause" in html or "associations in this person" in html
    assert html.count("<img") >= 10  # mood line, year in pixels and habit strength too


def test_sample_review_shows_mood_habit_strength_and_plain_trends(sample_review):
    _, html = sample_review
    text = _text_of(html)
    assert "<h2>Mood</h2>" in html and "What goes with better days" in html
    assert re.search(r"Chart of mood day by day .*?: \d+ of \d+ days have a mood", html)
    assert re.search(r"Year in pixels for 2025, one square per day", html)
    assert "Chart of habit strength for days without checking social media" in html
    # the mood table is narrow (what / days / reading) and never names a cause
    head = re.search(r"What goes with better days</h3>.*?<thead>(.*?)</thead>", html, re.S)
    assert re.findall(r"<th[^>]*>(.*?)</th>", head.group(1)) == [
        "What",
        "Days",
        "What the log shows",
    ]
    assert not re.search(
        r"\b(caused|because of|leads? to|makes? you)\b",
        text.split("What goes with better days")[1][:3000],
    )
    # trends in words for people, the statistics apart for the coach
    assert re.search(r"The rumination index: (clearly|a little|no clear)", text)
    assert "For the coach: Theil–Sen slope" in text
    # the calendar marks the review period
    assert "review period" in html


def test_review_is_self_contained(sample_review):
    _, html = sample_review
    assert "<script" not in html.lower()
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html)
    assert "@import" not in html and "url(http" not in html
    for src in re.findall(r'<img[^>]+src="([^"]+)"', html):
        assert src.startswith("data:image/png;base64,")
    assert "<link" not in html.lower()
    assert "In [" not in html  # no code prompts, no code cells
    assert "import reflection_kit" not in html


def test_user_text_is_escaped_and_redacted(tmp_path, hostile_journal):
    out = tmp_path / "r.html"
    render_review(out, journal=[hostile_journal], privacy="redact", people=["Alex", "Sam"])
    html = out.read_text()
    assert "<script>alert" not in html and "<img src=x" not in html
    quotes = " ".join(re.findall(r'<blockquote class="rk-quote">(.*?)</blockquote>', html, re.S))
    assert quotes, "the redacted review still quotes sentences"
    assert "[name]" in quotes
    for secret in ("Alex", "alex@example.org", "https://example.org", "+49 30 1234567"):
        assert secret not in quotes


def test_escaping_in_full_mode(tmp_path, hostile_journal):
    out = tmp_path / "r.html"
    render_review(out, journal=[hostile_journal], privacy="full")
    html = out.read_text()
    assert "<script>alert" not in html and "<img src=x" not in html
    # shown as text: escaped (nbconvert re-serialises quotes, so match up to them)
    assert "&lt;script&gt;alert(" in html


def test_aggregate_only_quotes_nothing(tmp_path, hostile_journal):
    out = tmp_path / "r.html"
    render_review(out, journal=[hostile_journal], privacy="aggregate", people=["Alex"])
    html = out.read_text()
    text = " ".join(_text_of(html).split())
    for line in HOSTILE_JOURNAL.splitlines():
        body = re.sub(r"^\[[^\]]+\] ", "", line)
        for sentence in split_sentences(body):
            if len(sentence) > 12:
                assert sentence not in text, sentence
    assert "no journal text is quoted" in html


def test_only_urges_and_nothing_readable(tmp_path, sample_dir):
    out = tmp_path / "u.html"
    render_review(out, urges=[sample_dir / "urges.csv"])
    html = out.read_text()
    assert "No journal export was shared" in html
    assert "days without checking social media" in html
    junk = tmp_path / "junk.bin"
    junk.write_bytes(b"\x00\x01\x02 nothing")
    # nothing readable at all: no review (issue 11), and the reasons are in the error
    out2 = tmp_path / "n.html"
    with pytest.raises(NothingToReviewError) as info:
        render_review(out2, journal=[junk], urges=[tmp_path / "missing.csv"])
    assert "does not look like an export" in str(info.value)
    assert "We could not find" in str(info.value)
    assert not out2.exists()
    # one readable export is enough: the unreadable one is reported in the review
    out3 = tmp_path / "m.html"
    render_review(out3, journal=[junk], urges=[sample_dir / "urges.csv"])
    html3 = out3.read_text()
    assert "does not look like an export" in html3
    assert "No journal export was shared" in html3


def test_cli_never_overwrites_without_force(tmp_path, hostile_journal, capsys):
    out = tmp_path / "r.html"
    out.write_text("keep me")
    assert main(["review", "--journal", str(hostile_journal), "-o", str(out)]) == 1
    assert out.read_text() == "keep me"
    assert "already exists" in capsys.readouterr().err


@pytest.mark.parametrize(
    "argv",
    [
        ["review"],
        ["review", "--journal", "does/not/exist.zip"],
        ["review", "--sample", "--redact", "--aggregate-only"],
        ["review", "--start", "2025-05-01", "--end", "2025-04-01", "--sample"],
    ],
)
def test_cli_usage_errors_exit_2(argv, capsys):
    try:
        code = main(argv)
    except SystemExit as exc:
        code = exc.code
    assert code == 2
    assert "usage: reflection-kit" in capsys.readouterr().err


def test_many_clients(tmp_path, hostile_journal, capsys):
    clients = tmp_path / "clients"
    (clients / "ana").mkdir(parents=True)
    (clients / "ana" / "journal.txt").write_text(hostile_journal.read_text())
    (clients / "ben").mkdir()  # no exports: listed with the reason, others still complete
    out = tmp_path / "reviews"
    code = main(["review", "--clients", str(clients), "-o", str(out), "--aggregate-only"])
    assert code == 1
    index = (out / "index.html").read_text()
    assert stat.S_IMODE((out / "index.html").stat().st_mode) == 0o600
    assert '<a href="ana.html">ana</a>' in index
    assert "ben" in index and "the folder holds no exports" in index
    assert "1 of 2 client reviews written" in index
    assert (out / "ana.html").exists() and not (out / "ben.html").exists()
    err = capsys.readouterr().err
    assert "reviews" in err  # the progress bar
