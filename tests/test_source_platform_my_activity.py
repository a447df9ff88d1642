"""Google My Activity (JSON): searches naming the person, profile visits; HTML refused."""

from __future__ import annotations

import pandas as pd
import pytest
from _platform import FIXTURES, SHARED, check, needs_shared

import reflection_kit as rk

ACT = FIXTURES / "google" / "Takeout" / "My Activity"


def test_searches_and_visits_by_structure_not_by_title():
    r = check(rk.inspect(ACT, kind="urges", person=["Sam Rivera", "sam.rivera.88"]))
    assert r.format == "my_activity"
    assert list(r.frame["label"]) == [
        "searched for them on Google",  # google.com/search?q=sam+rivera+instagram
        "profile visited (Google activity)",  # the /url?q= redirect to instagram
        "profile visited (Google activity)",  # a Chrome item, facebook.com/sam.rivera.88
    ]
    # the search at 22:30 and the visit at 22:40 UTC are different checks (other keys)
    assert list(r.frame["hits"]) == [1, 1, 1]
    assert r.frame["timestamp"].iloc[0] == pd.Timestamp("2024-05-01 22:30", tz="UTC")


def test_near_midnight_the_day_follows_tz():
    r = check(rk.inspect(ACT, kind="urges", person="Sam Rivera", tz="Europe/Berlin"))
    assert r.frame["date"].iloc[0] == pd.Timestamp("2024-05-02")  # 00:30 in Berlin


def test_html_variant_is_refused_with_what_to_do():
    with pytest.raises(rk.ParseError, match=r"My Activity in HTML.*Suggestion:.*choose JSON"):
        rk.read_urges(FIXTURES / "google" / "html", person="Sam Rivera")


@needs_shared
def test_public_search_activity():
    # PROVENANCE: "Searched for python tutorials" (search URL) at 2025-06-15T10:30Z; two
    # /url?q= redirects (python.org, wikipedia); a notification without titleUrl
    r = check(
        rk.inspect(
            SHARED / "google_myactivity_search.json", kind="urges", person="python tutorials"
        )
    )
    assert list(r.frame["timestamp"]) == [pd.Timestamp("2025-06-15 10:30", tz="UTC")]
    r = check(rk.inspect(SHARED / "google_myactivity_search.json", kind="urges", person="Jo"))
    assert r.loaded == 0


@pytest.mark.parametrize("data", [b"", b'[{"hea'])
def test_a_file_cut_before_its_first_item_is_one_located_problem(tmp_path, data):
    # found by the fuzz run: with format="my_activity" a file cut this short crashed
    # (IndexError) because it no longer looked like My Activity and held no HTML either
    path = tmp_path / "MyActivity.json"
    path.write_bytes(data)
    r = check(rk.inspect(path, format="my_activity", kind="urges", person="Sam Rivera"))
    assert (r.records, r.loaded, len(r.problems)) == (1, 0, 1)
    assert r.problems.iloc[0]["location"] == "MyActivity.json"
    assert "not valid JSON" in r.problems.iloc[0]["reason"]


def test_a_json_file_that_is_no_activity_list_is_refused_not_read_as_nothing(tmp_path):
    path = tmp_path / "MyActivity.json"
    path.write_text('{"Browser History": []}', encoding="utf-8")
    with pytest.raises(rk.ParseError, match=r"not a list of activity items.*Suggestion:"):
        rk.read_urges(path, format="my_activity", person="Sam Rivera")


def test_a_folder_without_my_activity_is_refused_with_what_to_do(tmp_path):
    (tmp_path / "notes.txt").write_text("hello", encoding="utf-8")
    with pytest.raises(rk.ParseError, match=r"no Google My Activity file.*Suggestion:") as e:
        rk.read_urges(tmp_path, format="my_activity", person="Sam Rivera")
    assert e.value.location == tmp_path.name
