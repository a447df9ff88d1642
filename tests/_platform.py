"""Helpers of the platform-download tests: where the files are, and what a read shows.

``SHARED`` holds the public samples (``../shared/platform``, never copied into the
project); ``FIXTURES`` our own hand-made files (``tests/data/platform``), whose
message texts all hold the marker :data:`MARK`.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest

import reflection_kit as rk

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "platform"
FIXTURES = Path(__file__).resolve().parent / "data" / "platform"
#: Every message text, media name, link and title in the fixtures holds this.
MARK = "zqx"

needs_shared = pytest.mark.skipif(
    not (SHARED / "PROVENANCE.md").is_file(),
    reason=f"the public platform samples are not here ({SHARED}): they live beside the "
    "repository in ../shared/platform and are never copied into the project",
)


def shown(report: rk.LoadReport) -> str:
    """Everything a read shows: every frame cell, problems, notes, skipped files, tz policy."""
    parts = [report.tz_policy, *report.notes]
    frame = report.frame if report.frame is not None else pd.DataFrame()
    for col in frame.columns:
        parts.extend(map(str, frame[col].tolist()))
    for table in (report.problems, report.skipped):
        for col in table.columns:
            parts.extend(map(str, table[col].tolist()))
    return "\n".join(parts)


def check(report: rk.LoadReport) -> rk.LoadReport:
    """The invariant of every read, and no message text anywhere."""
    assert report.records == report.loaded + len(report.problems)
    assert MARK not in shown(report).lower()
    return report


def sample_texts() -> list[str]:
    """Every message text, link and title in the public samples (the words never shown)."""
    out: list[str] = []

    def walk(obj: object, key: str = "") -> None:
        if isinstance(obj, dict):
            for k, v in obj.items():
                walk(v, k)
        elif isinstance(obj, list):
            for v in obj:
                walk(v, key)
        elif isinstance(obj, str) and key in (
            "content",
            "text",
            "title",
            "titleUrl",
            "link",
            "share_text",
            "photo",
            "reaction",
        ):
            out.append(obj)

    for f in SHARED.glob("*.json"):
        if "searches" in f.name:  # only handles (the counterparts), no text
            continue
        walk(json.loads(f.read_text(encoding="utf-8")))
    for f in SHARED.glob("whatsapp_*.txt"):
        for line in f.read_text(encoding="utf-8").splitlines():
            m = re.search(r"[\]\-] [^:]+: (.+)$", line)
            out.append(m.group(1) if m else line)
    names = {"Alice Example", "bobsmith", "Search", "Hello"}
    # long enough to be words of their own (a one-letter text would match anything)
    return sorted({t.strip() for t in out if len(t.strip()) >= 6 and t.strip() not in names})
