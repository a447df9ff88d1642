"""Messenger downloads: folder layouts, numbered parts, mojibake, E2EE, whose messages."""

from __future__ import annotations

import pandas as pd
import pytest
from _platform import FIXTURES, MARK, SHARED, check, needs_shared

import reflection_kit as rk
from reflection_kit import PersonNeeded
from reflection_kit.sources._platform import fix_mojibake

FB = FIXTURES / "messenger"
ZOE = "Zoë Ångström"


def _read(path, **kw):
    return check(rk.inspect(path, kind="urges", **kw))


def test_2024_layout_numbered_parts_calls_and_unsent_with_mojibake_names():
    r = _read(FB / "dyi_2024", person=ZOE)
    assert r.format == "messenger"
    # message_1, message_2 and message_10 are all read; the archived thread with Alex is not
    assert r.loaded == 4
    assert sorted(r.frame["label"]) == [
        "call on Messenger",
        "message sent on Messenger",
        "message sent on Messenger",
        "message sent on Messenger (unsent later)",
    ]
    assert r.frame["timestamp"].min() == pd.Timestamp(1_700_000_000_000, unit="ms", tz="UTC")
    assert "timestamp_ms are UTC instants" in r.tz_policy
    # the owner is the one name in every thread: "Jo"
    assert any(f"1 message(s) from {ZOE}" in n for n in r.notes)


def test_pre_2024_layout_and_a_group_thread():
    r = _read(FB / "dyi_2021", person=ZOE)
    assert r.loaded == 1 and any("a group thread" in n for n in r.notes)
    assert _read(FB / "dyi_2021", person=ZOE, groups=True).loaded == 2


def test_a_correct_name_is_not_damaged_by_the_mojibake_repair():
    r = _read(FB / "correct_utf8_message_1.json", person=ZOE)
    assert r.loaded == 1
    assert fix_mojibake("Zoë") == "Zoë" and fix_mojibake("Zo\u00c3\u00ab") == "Zoë"
    assert fix_mojibake("\u00e9t\u00e9") == "\u00e9t\u00e9"  # Latin-1 text that is not UTF-8


def test_e2ee_download_flat_file_participants_as_strings():
    r = _read(FB / "e2ee", person=ZOE)
    assert r.loaded == 1 and r.format == "messenger"


def test_a_file_cut_short_is_one_located_problem_without_an_excerpt():
    r = _read(FB / "broken", person=ZOE)
    assert (r.records, r.loaded) == (1, 0)
    assert r.problems.iloc[0]["raw"] == ""
    assert "line 1, column" in r.problems.iloc[0]["reason"]


def test_without_person_lists_threads_and_message_counts():
    with pytest.raises(PersonNeeded, match=rf"'{ZOE}' \(5 messages\), 'Alex' \(1 message\)") as e:
        rk.read_urges(FB / "dyi_2024")
    assert MARK not in str(e.value)


def test_timestamp_ms_near_midnight_follows_tz():
    # 1_700_000_000_000 ms = 2023-11-14 22:13:20 UTC = 2023-11-15 07:13 in Tokyo
    r = _read(FB / "dyi_2024", person=ZOE, tz="Asia/Tokyo")
    assert r.frame["date"].min() == pd.Timestamp("2023-11-15")
    r = _read(FB / "dyi_2024", person=ZOE)
    assert r.frame["date"].min() == pd.Timestamp("2023-11-14")


@needs_shared
def test_public_classic_thread():
    # PROVENANCE: participants Test User and Alice Example, newest first, mojibake content
    r = check(
        rk.inspect(SHARED / "fbmessenger_dyi_message_1.json", kind="urges", person="Alice Example")
    )
    assert list(r.frame["timestamp"]) == [
        pd.Timestamp(1600000000000, unit="ms", tz="UTC"),
        pd.Timestamp(1600000120000, unit="ms", tz="UTC"),
    ]


@needs_shared
def test_public_e2ee_thread_with_an_unsent_message():
    r = check(
        rk.inspect(SHARED / "fbmessenger_e2ee_alice_1.json", kind="urges", person="Alice Example")
    )
    assert r.loaded == 3
    assert list(r.frame["label"]).count("message sent on Messenger (unsent later)") == 1
