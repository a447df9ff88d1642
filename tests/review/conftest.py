"""Review fixtures: renders are slow (a kernel each), so they are shared per module."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


def chromium_or_skip() -> str:
    """The Debian chromium binary; in CI its absence is a failure, not a skip."""
    if Path(CHROMIUM).exists():
        return CHROMIUM
    if os.environ.get("CI"):
        pytest.fail("chromium is not installed; .ci/run installs Debian's chromium package")
    pytest.skip("Debian's chromium is not installed on this machine (CI installs it)")
    return ""


HOSTILE_JOURNAL = """\
[2025-03-03 21:10] Evening notes.
Why do I keep replaying <script>alert("x")</script> everything Alex said, again and again?
I always think I should have called him.
I wrote to alex@example.org and looked at https://example.org/alex again, over and over.
My friend's number is +49 30 1234567 and I never use it.

[2025-03-04 21:30] Another evening.
What if Alex comes back <img src=x onerror=alert(1)> and I always miss it, over and over?
I keep thinking about it again and again, why can't I stop.
I always wonder why everything ended. I should have said something, I wish I had.

[2025-03-05 22:00] Calmer.
I went for a long walk with Sam and it helped. Today I chose myself and I feel okay.
"""


@pytest.fixture(scope="session")
def hostile_journal(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("hostile") / "journal.txt"
    path.write_text(HOSTILE_JOURNAL, encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def sample_review(tmp_path_factory) -> tuple[Path, str]:
    from reflection_kit.review import render_review
    from reflection_kit.sample import sample_dir

    root = sample_dir()
    out = tmp_path_factory.mktemp("review") / "review.html"
    render_review(
        out,
        journal=[root / "notes"],
        urges=[root / "urges.csv"],
        client="Sample",
        people=["Alex"],
    )
    return out, out.read_text(encoding="utf-8")
