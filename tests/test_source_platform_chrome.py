"""Chrome history from Takeout: profile visits by URL, sessions, UTC microseconds."""

from __future__ import annotations

import json
import zipfile

import pandas as pd
import pytest
from _platform import FIXTURES, check

import reflection_kit as rk
from reflection_kit import PersonNeeded

HISTORY = FIXTURES / "google" / "Takeout" / "Chrome" / "History.json"


def test_profile_visits_as_sessions_with_raw_hits():
    r = check(rk.inspect(HISTORY, kind="urges", person="sam.rivera.88"))
    assert r.format == "chrome"
    # instagram 00:50 and 01:00 (?hl=en) are one check; a post (/p/...) is not the profile;
    # m.facebook.com/sam.rivera.88 three hours later is another; a string time is a problem
    assert list(r.frame["hits"]) == [2, 1]
    assert (r.records, r.loaded, len(r.problems)) == (3, 2, 1)
    assert set(r.frame["kind"]) == {"check_social"} and r.frame["acted"].all()


def test_near_midnight_the_day_follows_tz():
    # time_usec 1711929000 s = 2024-03-31 23:50 UTC = 2024-04-01 00:50 in London (BST)
    r = check(rk.inspect(HISTORY, kind="urges", person="sam.rivera.88"))
    assert r.frame["date"].iloc[0] == pd.Timestamp("2024-03-31")
    assert "time_usec are UTC instants, shown in UTC" in r.tz_policy
    r = check(rk.inspect(HISTORY, kind="urges", person="sam.rivera.88", tz="Europe/London"))
    assert r.frame["date"].iloc[0] == pd.Timestamp("2024-04-01")


def test_the_takeout_folder_is_found_and_webkit_epoch_is_recognised(tmp_path):
    r = check(rk.inspect(FIXTURES / "google" / "Takeout", kind="urges", person="sam.rivera.88"))
    # the history's 2 checks, and My Activity's 2 visits the history does not hold
    assert r.format == "chrome" and r.loaded == 4
    webkit = (
        1_711_932_600 + 11_644_473_600
    ) * 10**6  # 2024-04-01 00:50 UTC in microseconds since 1601
    (tmp_path / "BrowserHistory.json").write_text(
        json.dumps(
            {
                "Browser History": [
                    {"url": "https://instagram.com/sam.rivera.88", "time_usec": webkit}
                ]
            }
        )
    )
    r = check(rk.inspect(tmp_path / "BrowserHistory.json", kind="urges", person="sam.rivera.88"))
    assert r.frame["timestamp"].iloc[0] == pd.Timestamp("2024-04-01 00:50", tz="UTC")


def test_without_person_lists_profiles_visited():
    with pytest.raises(PersonNeeded, match=r"'instagram.com/sam.rivera.88' \(3 visits\)"):
        rk.read_urges(HISTORY)


@pytest.mark.parametrize("data", [b"", b'{"Brows'])
def test_a_history_cut_before_its_first_visit_is_one_located_problem(tmp_path, data):
    # it lost "Browser History" from its head, so it was skipped: 0 records, nothing said
    path = tmp_path / "History.json"
    path.write_bytes(data)
    r = check(rk.inspect(path, format="chrome", kind="urges", person="Sam Rivera"))
    assert (r.records, r.loaded, len(r.problems)) == (1, 0, 1)
    assert "not valid JSON" in r.problems.iloc[0]["reason"]


TAKEOUT = FIXTURES / "google" / "Takeout"
PERSON = ["Sam Rivera", "sam.rivera.88"]


def test_a_takeout_with_chrome_and_my_activity_reads_both(tmp_path):
    # before: detected as chrome, and My Activity (a search, two visits) silently left out
    r = check(rk.inspect(TAKEOUT, kind="urges", person=PERSON))
    assert r.format == "chrome"
    assert list(r.frame["label"]) == [
        "profile visited (Chrome history)",
        "profile visited (Chrome history)",
        "searched for them on Google",
        "profile visited (Google activity)",
        "profile visited (Google activity)",
    ]
    assert r.frame["origin"].iloc[2].endswith("My Activity/Search/MyActivity.json item 1")
    assert any("holds both Chrome history and Google My Activity" in n for n in r.notes)
    assert (r.records, r.loaded, len(r.problems)) == (6, 5, 1)
    # the same, zipped as Takeout delivers it
    with zipfile.ZipFile(tmp_path / "takeout-20240601.zip", "w") as zf:
        for f in sorted(TAKEOUT.rglob("*.json")):
            zf.write(f, f.relative_to(TAKEOUT.parent).as_posix())
    z = check(rk.inspect(tmp_path / "takeout-20240601.zip", kind="urges", person=PERSON))
    assert z.format == "chrome"
    assert list(z.frame["timestamp"]) == list(r.frame["timestamp"])


def test_a_visit_in_both_files_is_one_check_not_two(tmp_path):
    (tmp_path / "Chrome").mkdir()
    (tmp_path / "My Activity" / "Chrome").mkdir(parents=True)
    usec = 1_711_929_000_000_000  # 2024-03-31 23:50:00 UTC
    (tmp_path / "Chrome" / "History.json").write_text(
        json.dumps(
            {
                "Browser History": [
                    {"url": "https://instagram.com/sam.rivera.88", "time_usec": usec}
                ]
            }
        )
    )
    item = {"header": "Chrome", "titleUrl": "https://www.instagram.com/sam.rivera.88/"}
    (tmp_path / "My Activity" / "Chrome" / "MyActivity.json").write_text(
        json.dumps(
            [
                {**item, "time": "2024-03-31T23:50:40Z", "products": ["Chrome"]},  # the same
                {**item, "time": "2024-04-02T08:00:00Z", "products": ["Chrome"]},  # not in it
            ]
        )
    )
    r = check(rk.inspect(tmp_path, kind="urges", person=PERSON))
    assert r.format == "chrome"
    assert list(r.frame["timestamp"]) == [
        pd.Timestamp("2024-03-31 23:50", tz="UTC"),
        pd.Timestamp("2024-04-02 08:00", tz="UTC"),
    ]
    assert list(r.frame["hits"]) == [1, 1]
    assert any("1 of its visits were already in the Chrome history" in n for n in r.notes)
    # each alone, by format= or by path
    assert rk.inspect(tmp_path, format="my_activity", kind="urges", person=PERSON).loaded == 2
    assert rk.inspect(tmp_path / "Chrome", kind="urges", person=PERSON).loaded == 1
