"""Issue 15: the review reads on a phone, prints on A4, and every figure is described.

The browser tests drive Debian's chromium through playwright (never ``playwright
install``); the PDF tests print through the same chromium and read the pages back with
poppler (``pdfinfo``, ``pdftotext``). Where chromium is absent they skip (in CI they fail).
"""

from __future__ import annotations

import csv
import html
import os
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from reflection_kit.review import PrivacyPolicy, render_review
from reflection_kit.review import figures as rf
from reflection_kit.review.page import CSS, boxed, wrap_page
from reflection_kit.sample import sample_dir

from .conftest import chromium_or_skip

LONG_TRIGGERS = [
    "after seeing the photos of the holiday we took together in the mountains two summers ago",
    "Supercalifragilistic-unbrokenwordthatgoesonandonwithoutanyspacesatallwhatsoeverfortoolong",
    "when a mutual friend mentioned the new flat and the new job and everything that changed",
    "late at night scrolling alone in bed, unable to sleep, thinking about our last conversation",
]
OWN_COPING = "phoned Mia who always picks up and talked about nothing at all for an hour"


def _alts(page: str) -> list[str]:
    return [html.unescape(a) for a in re.findall(r'<img\b[^>]*\balt="([^"]*)"', page)]


@pytest.fixture(scope="module")
def long_urges(tmp_path_factory) -> Path:
    """The sample urge log with very long triggers and an own coping strategy."""
    with open(sample_dir() / "urges.csv", newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    for i, row in enumerate(rows):
        row["trigger"] = LONG_TRIGGERS[i % len(LONG_TRIGGERS)] + (f" {i % 7}" if i % 3 else "")
        if row["coping"] and i % 2:
            row["coping"] = OWN_COPING
    path = tmp_path_factory.mktemp("long") / "urges.csv"
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


@pytest.fixture(scope="module")
def long_review(tmp_path_factory, long_urges) -> Path:
    out = tmp_path_factory.mktemp("long-review") / "review.html"
    render_review(out, journal=[sample_dir() / "notes"], urges=[long_urges], client="Long")
    return out


# --------------------------------------------------------------------------- alt texts


def test_every_figure_has_a_specific_alt_text_with_its_numbers(sample_review):
    _, page = sample_review
    images = re.findall(r"<img\b[^>]*>", page)
    alts = _alts(page)
    assert len(images) >= 7 and len(alts) == len(images)
    assert "No description" not in page
    assert len(set(alts)) == len(alts)  # each says what its own chart shows
    for alt in alts:
        assert re.search(r"\d", alt), alt
        assert len(alt) > 40, alt
    joined = " | ".join(alts)
    # the main numbers of the sample, as the summary and the charts give them
    assert "Calendar of 112 days" in joined
    assert "75 days without checking social media" in joined
    assert "longest run without checking 25 days" in joined
    assert "201 urges" in joined
    assert "breathing 78% of 23 urges" in joined


def test_alt_texts_follow_the_privacy_policy(tmp_path, long_urges):
    out = tmp_path / "aggregate.html"
    render_review(
        out,
        journal=[sample_dir() / "notes"],
        urges=[long_urges],
        privacy="aggregate",
        people=["Alex"],
    )
    alts = _alts(out.read_text(encoding="utf-8"))
    assert len(alts) >= 7 and all(re.search(r"\d", a) for a in alts)
    joined = " | ".join(alts)
    for typed in ["Mia", "phoned", "mountains", "Supercalifragilistic", "Alex"]:
        assert typed not in joined
    # the coping chart's description names strategies only from our list, or numbered
    assert re.search(r"highest ([a-z]+|own strategy \d+) \d+% of \d+ urges", joined), joined


def test_show_passes_the_description_through_the_policy():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.subplots()
    policy = PrivacyPolicy("redact", people=["Alex"])
    assert rf.show("Chart of 3 calls from Alex  on\n2 days", privacy=policy) == (
        "Chart of 3 calls from [name] on 2 days"
    )
    plt.close("all")


def test_descriptions_say_what_thin_data_supports():
    import pandas as pd

    days = pd.date_range("2025-03-03", periods=1)
    panel = pd.DataFrame({"social_status": ["clean"], "urges": [1], "resisted": [1]}, days)

    class Summary:
        longest = current = 1

    text = rf.describe_calendar(panel, Summary())
    assert "Calendar of 1 day," in text and "1 day without checking" in text
    assert "0 days with checking" in text and "longest run without checking 1 day," in text
    assert rf.describe_urges_weekly(panel).startswith("Bar chart of urges per week over 1 week:")
    assert "1 urge in all" in rf.describe_urges_weekly(panel)
    streaks = pd.DataFrame({"days": [1], "ended": [False]})
    assert "1 run without" in rf.describe_time_to_lapse(streaks)
    assert "no runs yet" in rf.describe_time_to_lapse(streaks.iloc[:0])
    assert "no days with writing" in rf.describe_rumination(pd.DataFrame({"rumination": []}))


# --------------------------------------------------------------------------- the page


def test_figures_and_tables_sit_in_their_own_boxes():
    body = '<p>x</p><table><tr><td>1</td></tr></table><img src="data:image/png;base64,AA" alt="a">'
    page = wrap_page(body, title="t")
    assert '<div class="rk-table"><table>' in page and "</table></div>" in page
    assert '<div class="rk-figure"><img src="data:image/png;base64,AA" alt="a"></div>' in page
    assert boxed("<p>no table</p>") == "<p>no table</p>"


def test_the_styles_have_a_phone_layout_and_an_a4_print_layout():
    assert "@media (max-width: 40rem)" in CSS
    assert "@page { size: A4;" in CSS
    assert "@media print" in CSS
    assert re.search(r"h2 \{ break-before: page;", CSS)
    assert re.search(r"\.rk-figure, tr, [^{]*\{ break-inside: avoid; \}", CSS)
    assert ".rk-table { margin: .75rem 0; max-width: 100%; overflow-x: auto; }" in CSS


def _browser(pw, exe):
    return pw.chromium.launch(
        executable_path=exe,
        args=[
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    )


@pytest.mark.browser
@pytest.mark.parametrize("which", ["sample", "long table"])
def test_no_horizontal_scroll_on_a_phone(which, sample_review, long_review, tmp_path):
    exe = chromium_or_skip()
    from playwright.sync_api import sync_playwright

    path = sample_review[0] if which == "sample" else long_review
    with sync_playwright() as pw:
        browser = _browser(pw, exe)
        try:
            page = browser.new_page(viewport={"width": 390, "height": 844})
            page.goto(path.as_uri())
            page.wait_for_load_state("load")
            width, inner = page.evaluate(
                "[document.documentElement.scrollWidth, window.innerWidth]"
            )
            # figures keep their natural size (readable text) and scroll in their own box
            figures = page.eval_on_selector_all(
                ".rk-figure img",
                "els => els.map(e => [e.getBoundingClientRect().width, e.naturalWidth,"
                " getComputedStyle(e.parentElement).overflowX,"
                " e.parentElement.getBoundingClientRect().right])",
            )
            tables = page.eval_on_selector_all(
                ".rk-table",
                "els => els.map(e => [e.scrollWidth, e.clientWidth,"
                " getComputedStyle(e).overflowX, e.getBoundingClientRect().right])",
            )
            # a shade at the edge where more columns lie: two covers that scroll with the
            # table over two shadows that stay at the box's edges
            shades = page.eval_on_selector_all(
                ".rk-table",
                "els => els.map(e => [getComputedStyle(e).backgroundAttachment,"
                " (getComputedStyle(e).backgroundImage.match(/gradient\\(/g) || []).length])",
            )
            page.screenshot(path=str(tmp_path / "phone.png"), full_page=True)
        finally:
            browser.close()
    assert shades and all(s == ["local, local, scroll, scroll", 4] for s in shades)
    assert width <= inner == 390
    assert len(figures) >= 7
    for shown, natural, overflow, right in figures:
        assert shown == pytest.approx(natural, abs=1) and overflow == "auto" and right <= 390
    assert tables and all(overflow == "auto" and right <= 390 for *_, overflow, right in tables)
    if which == "long table":  # the triggers table is wider than the phone: it scrolls alone
        assert any(scroll > client for scroll, client, *_ in tables)


@pytest.mark.browser
def test_on_a_desktop_figures_fit_the_column(sample_review):
    exe = chromium_or_skip()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = _browser(pw, exe)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(sample_review[0].as_uri())
            page.wait_for_load_state("load")
            width = page.evaluate("document.documentElement.scrollWidth")
            boxes = page.eval_on_selector_all(
                ".rk-figure",
                "els => els.map(e => [e.scrollWidth, e.clientWidth])",
            )
            shades = page.eval_on_selector_all(
                ".rk-table", "els => els.map(e => getComputedStyle(e).backgroundImage)"
            )
        finally:
            browser.close()
    assert shades and set(shades) == {"none"}  # the tables fit: no shade on a desktop
    assert width <= 1280
    assert boxes and all(scroll <= client for scroll, client in boxes)


# --------------------------------------------------------------------------- PDF


def _poppler_or_skip(tool: str) -> str:
    found = shutil.which(tool)
    if found:
        return found
    if os.environ.get("CI"):
        pytest.fail(f"{tool} is missing; .ci/run installs Debian's poppler-utils")
    pytest.skip(f"{tool} (Debian's poppler-utils) is not installed on this machine")
    return ""


@pytest.mark.browser
def test_review_pdf_prints_a4_pages_with_a_page_per_section(tmp_path, capsys):
    chromium_or_skip()
    pdfinfo, pdftotext = _poppler_or_skip("pdfinfo"), _poppler_or_skip("pdftotext")
    from reflection_kit.cli import main

    out = tmp_path / "review.html"
    assert main(["review", "--sample", "--pdf", "-o", str(out)]) == 0
    pdf = tmp_path / "review.pdf"
    assert f"PDF written to {pdf}" in capsys.readouterr().out
    assert pdf.read_bytes().startswith(b"%PDF")
    assert stat.S_IMODE(pdf.stat().st_mode) == 0o600
    info = subprocess.run([pdfinfo, str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    assert "(A4)" in info
    sections = re.findall(r"<h2[^>]*>(.*?)<", out.read_text(encoding="utf-8"))
    sections = [html.unescape(s).strip() for s in sections]
    assert len(sections) >= 6 and pages >= len(sections) + 1
    tops = []
    for number in range(1, pages + 1):
        text = subprocess.run(
            [pdftotext, "-f", str(number), "-l", str(number), "-layout", str(pdf), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        tops.append(lines[0] if lines else "")
    for section in sections:  # every section starts at the top of a page
        assert any(top.startswith(section[:40]) for top in tops), (section, tops)
    assert tops[0].startswith("Progress review")
    # printing again without --force keeps both files and writes nothing
    before = pdf.read_bytes()
    assert main(["review", "--sample", "--pdf", "-o", str(tmp_path / "other.html")]) == 0
    assert main(["review", "--sample", "--pdf", "-o", str(out)]) == 1
    assert pdf.read_bytes() == before


def test_an_existing_pdf_stops_the_review_before_anything_is_written(tmp_path, monkeypatch):
    fake = _fake_chromium(tmp_path, "print")
    monkeypatch.setenv("PATH", str(fake.parent))
    (tmp_path / "review.pdf").write_bytes(b"mine")
    with pytest.raises(FileExistsError, match=r"review\.pdf already exists"):
        render_review(tmp_path / "review.html", urges=[sample_dir() / "urges.csv"], pdf=True)
    assert not (tmp_path / "review.html").exists()
    assert (tmp_path / "review.pdf").read_bytes() == b"mine"


def test_without_chromium_the_pdf_is_refused_with_what_to_do(tmp_path, monkeypatch):
    from reflection_kit.review.pdf import ChromiumNotFoundError
    from reflection_kit.review.render import ReviewError

    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    with pytest.raises(ChromiumNotFoundError) as info:
        render_review(tmp_path / "review.html", urges=[sample_dir() / "urges.csv"], pdf=True)
    message = str(info.value)
    assert "Chromium" in message and "apt-get install chromium" in message
    assert "print it to PDF from there" in message and "nothing was written" in message
    assert isinstance(info.value, ReviewError)
    assert list(tmp_path.iterdir()) == [empty]


def _fake_chromium(tmp_path: Path, mode: str) -> Path:
    """A stand-in for chromium that records its arguments and prints (or fails)."""
    bin_dir = tmp_path / "fakebin"
    bin_dir.mkdir(exist_ok=True)
    exe = bin_dir / "chromium"
    record = tmp_path / "argv.txt"
    exe.write_text(
        f"#!{sys.executable}\n"
        "import sys\n"
        f"open({str(record)!r}, 'w').write('\\n'.join(sys.argv[1:]))\n"
        f"if {mode!r} == 'fail':\n"
        "    print('[1:2:ERROR] could not open display', file=sys.stderr)\n"
        "    sys.exit(3)\n"
        "out = next(a.split('=', 1)[1] for a in sys.argv if a.startswith('--print-to-pdf='))\n"
        "open(out, 'wb').write(b'%PDF-1.4 fake')\n",
        encoding="utf-8",
    )
    exe.chmod(0o755)
    return exe


def test_chromium_runs_offline_with_a_fresh_private_profile(tmp_path, monkeypatch):
    from reflection_kit.review.pdf import print_pdf

    exe = _fake_chromium(tmp_path, "print")
    monkeypatch.setenv("PATH", str(exe.parent))
    page = tmp_path / "r.html"
    page.write_text("<p>hi</p>", encoding="utf-8")
    written = print_pdf(page, tmp_path / "r.pdf")
    assert written.read_bytes() == b"%PDF-1.4 fake"
    assert stat.S_IMODE(written.stat().st_mode) == 0o600
    argv = (tmp_path / "argv.txt").read_text(encoding="utf-8").splitlines()
    for flag in [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
    ]:
        assert flag in argv
    profile = Path(next(a for a in argv if a.startswith("--user-data-dir=")).split("=", 1)[1])
    assert profile.name == "profile" and profile.parent.name.startswith("rk-review-")
    assert not profile.parent.exists()  # removed afterwards
    assert argv[-1] == page.resolve().as_uri()
    with pytest.raises(FileExistsError):
        print_pdf(page, tmp_path / "r.pdf")


def test_a_chromium_that_cannot_print_writes_no_pdf(tmp_path, monkeypatch):
    from reflection_kit.review.pdf import PdfError, print_pdf

    exe = _fake_chromium(tmp_path, "fail")
    monkeypatch.setenv("PATH", str(exe.parent))
    page = tmp_path / "r.html"
    page.write_text("<p>hi</p>", encoding="utf-8")
    with pytest.raises(PdfError, match=r"exit status 3: \[1:2:ERROR\] could not open display"):
        print_pdf(page, tmp_path / "r.pdf")
    assert not (tmp_path / "r.pdf").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_the_pdf_may_not_replace_an_input_or_the_html(tmp_path, monkeypatch):
    from reflection_kit.review import OutputIsInputError

    monkeypatch.setenv("PATH", str(_fake_chromium(tmp_path, "print").parent))
    urges = tmp_path / "urges.csv"
    urges.write_bytes((sample_dir() / "urges.csv").read_bytes())
    for pdf in (urges, tmp_path / "review.html"):
        with pytest.raises(OutputIsInputError, match="one of the inputs or the HTML review"):
            render_review(tmp_path / "review.html", urges=[urges], pdf=pdf)
    assert urges.read_bytes() == (sample_dir() / "urges.csv").read_bytes()
    assert not (tmp_path / "review.html").exists()
