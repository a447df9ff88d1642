"""The review in a real browser: Debian chromium driven by playwright, offline."""

import pytest

from .conftest import chromium_or_skip


@pytest.mark.browser
def test_review_renders_in_chromium(sample_review, tmp_path):
    exe = chromium_or_skip()
    from playwright.sync_api import sync_playwright

    path, _ = sample_review
    errors, requests = [], []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=exe,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 900})
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.on("request", lambda r: requests.append(r.url))
            page.goto(path.as_uri())
            page.wait_for_load_state("load")
            images = page.eval_on_selector_all(
                "img", "els => els.map(e => [e.complete, e.naturalWidth, e.naturalHeight])"
            )
            heading = page.inner_text("h1")
            page.screenshot(path=str(tmp_path / "review.png"), full_page=True)
        finally:
            browser.close()
    assert errors == []
    assert all(u.startswith(("file:", "data:")) for u in requests), requests
    assert len(images) >= 7
    assert all(done and w > 0 and h > 0 for done, w, h in images)
    assert heading.startswith("Progress review")
    assert (tmp_path / "review.png").stat().st_size > 10_000
