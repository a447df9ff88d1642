"""Telegram Desktop exports: single chat and full export, date vs date_unixtime, calls."""

from __future__ import annotations

import pandas as pd
import pytest
from _platform import FIXTURES, MARK, SHARED, check, needs_shared

import reflection_kit as rk
from reflection_kit import PersonNeeded

TG = FIXTURES / "telegram"


def _read(path, **kw):
    return check(rk.inspect(path, kind="urges", **kw))


def test_old_single_chat_export_with_date_only_calls_and_a_message_without_date():
    r = _read(TG / "old_single", person="Sam Rivera")
    assert r.format == "telegram"
    # Jo: a string text, a list-of-parts text with a photo, a call, one message without date
    assert (r.records, r.loaded, len(r.problems)) == (4, 3, 1)
    assert list(r.frame["label"]) == [
        "message sent on Telegram",
        "message sent on Telegram",
        "call on Telegram",
    ]
    assert r.problems.iloc[0]["location"] == "old_single/result.json message 6"
    # Sam's message and missed call are counted, not loaded
    assert any("2 message(s) or call(s) from Sam Rivera" in n for n in r.notes)
    # 'date' alone is the computer's wall clock: kept as written
    assert "wall clock with no zone" in r.tz_policy
    assert list(r.frame["local_time"].dt.strftime("%Y-%m-%d %H:%M")) == [
        "2020-03-01 23:30",
        "2020-03-02 00:05",
        "2020-03-02 08:00",
    ]


def test_wall_clock_date_is_placed_in_tz_and_keeps_its_day():
    r = _read(TG / "old_single", person="Sam Rivera", tz="Asia/Tokyo")
    assert r.frame["date"].iloc[0] == pd.Timestamp("2020-03-01")
    assert str(r.frame["timestamp"].iloc[0]) == "2020-03-01 23:30:00+09:00"


def test_full_export_knows_the_user_and_skips_the_group_unless_asked():
    r = _read(TG / "full" / "result.json", person="Sam Rivera")
    assert r.loaded == 2  # chat 1: messages 10 and 12; the supergroup is skipped
    assert any("group chat" in n for n in r.notes)
    assert "date_unixtime are UTC instants" in r.tz_policy
    assert _read(TG / "full" / "result.json", person="Sam Rivera", groups=True).loaded == 3


def test_date_unixtime_near_midnight_lands_on_the_day_of_tz():
    # message 10: 2021-06-01 12:00 UTC; in Auckland (+12) that is 2021-06-02 00:00
    r = _read(TG / "full" / "result.json", person="Sam Rivera", tz="Pacific/Auckland")
    assert r.frame["date"].iloc[0] == pd.Timestamp("2021-06-02")
    r = _read(TG / "full" / "result.json", person="Sam Rivera")
    assert r.frame["date"].iloc[0] == pd.Timestamp("2021-06-01")


def test_without_person_lists_the_chats_and_their_message_counts():
    with pytest.raises(PersonNeeded, match=r"'Sam Rivera' \(3 messages\)") as e:
        rk.read_urges(TG / "full" / "result.json")
    assert e.value.counterparts == {"Sam Rivera": 3, "Friends": 2, "Alex": 1}
    assert MARK not in str(e.value)


@needs_shared
def test_public_full_export():
    # PROVENANCE: personal_information.user_id 12345678 (Alice); chat "Bob Johnson" with
    # Alice's messages 1002, 1005 (a photo, empty text) and 1006; chat "Carol Davis" with 2002
    r = check(
        rk.inspect(SHARED / "telegram_full_export_result.json", kind="urges", person="Bob Johnson")
    )
    assert list(r.frame["origin"].str.extract(r"message (\d+)")[0]) == ["1002", "1005", "1006"]
    assert list(r.frame["timestamp"].dt.strftime("%H:%M")) == ["10:05", "10:08", "10:10"]
    r = check(
        rk.inspect(SHARED / "telegram_full_export_result.json", kind="urges", person="Carol Davis")
    )
    assert r.loaded == 1


@needs_shared
def test_public_single_chat_minimal():
    # PROVENANCE: top-level "messages", no id/from_id; text as string and as parts
    with pytest.raises(PersonNeeded) as e:
        rk.read_urges(SHARED / "telegram_single_chat_minimal.json")
    assert e.value.counterparts == {"Author 1": 1, "Author 2": 1}
    r = check(
        rk.inspect(SHARED / "telegram_single_chat_minimal.json", kind="urges", person="Author 1")
    )
    assert r.frame["timestamp"].iloc[0] == pd.Timestamp(1544006964, unit="s", tz="UTC")
