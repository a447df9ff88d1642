"""Instagram downloads: messages and profile searches (both shapes, any language)."""

from __future__ import annotations

import pandas as pd
import pytest
from _platform import FIXTURES, SHARED, check, needs_shared

import reflection_kit as rk
from reflection_kit import PersonNeeded

IG = FIXTURES / "instagram"


def _read(path, **kw):
    return check(rk.inspect(path, kind="urges", **kw))


def test_download_with_messages_and_searches_as_sessions():
    r = _read(IG / "dyi_2024", person=["Sam Rivera", "sam.rivera.88"])
    assert r.format == "instagram"
    msgs = r.frame[r.frame["kind"] == "reach_out"]
    checks = r.frame[r.frame["kind"] == "check_social"]
    # the owner "Jo Example" comes from personal_information.json (Dutch labels)
    assert len(msgs) == 2 and set(msgs["label"]) == {"message sent on Instagram"}
    # searches at 17:00, 17:10 (the _u/ variant without value) and 19:00: two checks
    assert list(checks["hits"]) == [2, 1]
    assert list(checks["timestamp"].dt.strftime("%H:%M")) == ["17:00", "19:00"]
    assert any("3 search(es) of the profile, in 2 check(s)" in n for n in r.notes)


def test_old_account_searches_with_german_labels_by_structure():
    r = _read(IG / "dyi_2021_de", person="https://www.instagram.com/sam.rivera.88/")
    assert (r.records, r.loaded, len(r.problems)) == (2, 1, 1)
    assert r.frame["timestamp"].iloc[0] == pd.Timestamp(1_620_000_000, unit="s", tz="UTC")
    assert r.problems.iloc[0]["location"].endswith("account_searches.json search 3")


def test_without_person_lists_threads_and_searched_handles():
    with pytest.raises(PersonNeeded, match=r"sam\.rivera\.88 \(searched\)'"):
        rk.read_urges(IG / "dyi_2024")


@needs_shared
def test_public_profile_searches_both_shapes():
    # PROVENANCE: three searches; the third has the handle in title, no value, href /_u/
    with pytest.raises(PersonNeeded) as e:
        rk.read_urges(SHARED / "instagram_profile_searches.json")
    assert e.value.counterparts == {
        "synthetic_chef_account": 1,
        "synthetic_travel_blog": 1,
        "synthetic_fitness_coach": 1,
    }
    r = check(
        rk.inspect(
            SHARED / "instagram_profile_searches.json",
            kind="urges",
            person="synthetic_fitness_coach",
        )
    )
    assert r.frame["timestamp"].iloc[0] == pd.Timestamp(1770591013, unit="s", tz="UTC")


@needs_shared
def test_public_dm_thread():
    # PROVENANCE: alice_synthetic wrote 2 of the 5 messages (one with a story share)
    r = check(rk.inspect(SHARED / "instagram_dm_message_1.json", kind="urges", person="bobsmith"))
    assert r.format == "instagram" and r.loaded == 2
    assert any("3 message(s) from bobsmith" in n for n in r.notes)
