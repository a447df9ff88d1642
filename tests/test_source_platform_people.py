"""Whose events: names, handles and profile URLs as ``person=`` and ``me=`` take them."""

from __future__ import annotations

import pytest

from reflection_kit.sources._people import _parse, norm_name, profile_handle


@pytest.mark.parametrize(
    ("url", "want"),
    [
        ("https://www.instagram.com/Sam.Rivera.88/?hl=en", ("instagram.com", "sam.rivera.88")),
        ("instagram.com/_u/sam.rivera.88", ("instagram.com", "sam.rivera.88")),
        (
            "https://www.instagram.com/stories/sam.rivera.88/123/",
            ("instagram.com", "sam.rivera.88"),
        ),
        ("https://www.instagram.com/p/Cxyz/", None),
        ("https://www.instagram.com/reel/Cxyz/", None),
        ("https://m.facebook.com/sam.rivera.88", ("facebook.com", "sam.rivera.88")),
        ("https://www.facebook.com/profile.php?id=1000123", ("facebook.com", "1000123")),
        ("https://www.facebook.com/people/Sam-Rivera/1000123/", ("facebook.com", "1000123")),
        ("https://www.facebook.com/groups/123", None),
        ("https://x.com/samr", ("x.com", "samr")),
        ("https://www.tiktok.com/@samr", ("tiktok.com", "samr")),
        ("https://www.linkedin.com/in/sam-rivera/", ("linkedin.com", "sam-rivera")),
        ("https://example.org/sam.rivera.88", None),
        ("https://notinstagram.com/sam", None),
    ],
)
def test_profile_handle(url, want):
    assert profile_handle(url) == want


def test_names_compare_without_case_marks_or_at_sign():
    assert norm_name("\u200e@Sam  RIVERA\u202c ") == "sam rivera"
    p = _parse(
        ["Sam Rivera", "@sam.rivera.88", "https://facebook.com/profile.php?id=42"], "person"
    )
    assert p.matches("sam rivera") and p.matches("SAM.RIVERA.88") and p.matches_handle("42")
    assert p.matches_url("https://www.instagram.com/sam.rivera.88/")
    assert not p.matches("Sam") and not p.matches_url("https://www.instagram.com/sam/")
    assert p.in_text("where does sam rivera live") and not p.in_text("samrivera")
