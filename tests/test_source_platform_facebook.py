"""Facebook's recently visited profiles: matched by name or URL, in sessions."""

from __future__ import annotations

import pytest
from _platform import FIXTURES, check

import reflection_kit as rk
from reflection_kit import PersonNeeded

FBV = FIXTURES / "facebook"


def test_visits_are_sessions_whatever_the_group_is_called():
    r = check(rk.inspect(FBV, kind="urges", person=["Sam Rivera", "facebook.com/sam.rivera.88"]))
    assert r.format == "facebook"
    visits = r.frame[r.frame["kind"] == "check_social"]
    # 23:00, 23:15, 23:28 (named "S. R." but the same profile URL): one check of 3 hits;
    # 01:00 another; a visit without timestamp is a problem
    assert list(visits["hits"]) == [3, 1]
    assert set(visits["label"]) == {"profile visited on Facebook"}
    assert len(r.problems) == 1
    # the Messenger thread in the same download is read too
    assert list(r.frame.loc[r.frame["kind"] == "reach_out", "label"]) == [
        "message sent on Messenger"
    ]


def test_without_person_lists_the_profiles_visited():
    with pytest.raises(PersonNeeded, match=r"'Sam Rivera' \(4 visits\)"):
        rk.read_urges(FBV)
