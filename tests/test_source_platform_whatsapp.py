"""WhatsApp chat exports: every header variant, whose messages, no text, honest time."""

from __future__ import annotations

import warnings
from datetime import datetime

import pandas as pd
import pytest
from _platform import FIXTURES, MARK, SHARED, check, needs_shared, shown

import reflection_kit as rk
from reflection_kit import PersonNeeded

WA = FIXTURES / "whatsapp"
STYLES_WITH_SECONDS = {
    "ios_dmy_12h_seconds",
    "ios_ymd_24h_seconds",
    "ios_dotted_mdy_seconds",
    "ios_es_nbsp",
    "finnish_klo",
    "croatian_spaced",
    "colon_after_time",
}
STYLES = sorted(
    p.stem
    for p in WA.glob("*.txt")
    if p.stem not in ("ambiguous", "bad_date", "group") and not p.stem.startswith("WhatsApp")
)
#: The user's four messages in every fixture chat (make_fixtures.CHAT).
SENT = [
    datetime(2019, 1, 20, 23, 50, 5),
    datetime(2019, 1, 21, 0, 10, 7),
    datetime(2019, 2, 3, 12, 0, 9),
    datetime(2019, 2, 3, 12, 0, 40),
]


def _read(path, **kw):
    return check(rk.inspect(path, kind="urges", **kw))


@pytest.mark.parametrize("style", STYLES)
def test_every_header_variant_reads_the_four_messages_sent(style):
    r = _read(WA / f"{style}.txt", person="Sam Rivera", me="Jo")
    assert r.format == "whatsapp"
    assert (r.records, r.loaded, len(r.problems)) == (4, 4, 0)
    want = [d if style in STYLES_WITH_SECONDS else d.replace(second=0) for d in SENT]
    assert list(r.frame["local_time"]) == [pd.Timestamp(d) for d in want]
    assert set(r.frame["kind"]) == {"reach_out"}
    assert r.frame["acted"].all()
    assert set(r.frame["label"]) == {"message sent on WhatsApp"}
    assert list(r.frame["hits"]) == [1, 1, 1, 1]
    # two messages in the same minute are two rows, not a duplicate
    assert r.frame["urge_id"].is_unique
    # the person's message (two lines) is counted, never loaded; the system line is not theirs
    assert any("1 message(s) from Sam Rivera" in n for n in r.notes)
    assert any("1 system line(s)" in n for n in r.notes)


def test_the_continuation_line_that_looks_like_a_date_stays_in_its_message():
    r = _read(WA / "croatian_spaced.txt", person="Sam Rivera", me="Jo")
    # "2019-02-03 12:00:00 ..." follows a message: not a fifth message, not a system line
    assert r.loaded == 4
    assert any("1 system line(s)" in n for n in r.notes)


def test_me_is_the_other_sender_of_a_one_to_one_chat():
    r = _read(WA / "android_dmy_24h.txt", person=["sam rivera"])
    assert r.loaded == 4


def test_the_file_name_names_the_chat_when_the_person_never_wrote():
    r = _read(WA / "WhatsApp Chat with Sam Rivera.txt", person="Sam Rivera")
    assert r.loaded == 4  # only Jo wrote; the file name says the chat is with Sam


def test_iphone_zip_reads_chat_txt_and_skips_the_media():
    r = _read(WA / "WhatsApp Chat - Sam Rivera.zip", person="Sam Rivera")
    assert r.format == "whatsapp"
    assert r.loaded == 4
    # the media file is counted in a note, and its name is shown nowhere
    assert any("1 file(s) that are not chat texts" in n for n in r.notes)
    assert "PHOTO" not in shown(r)


def test_without_person_the_error_lists_senders_and_counts_and_no_text():
    with pytest.raises(
        PersonNeeded, match=r"'Jo' \(4 messages\), 'Sam Rivera' \(1 message\)"
    ) as e:
        rk.read_urges(WA / "android_dmy_24h.txt")
    assert "Suggestion: pass person=" in str(e.value)
    assert e.value.counterparts == {"Jo": 4, "Sam Rivera": 1}
    assert MARK not in str(e.value)


def test_a_group_chat_is_not_counted_unless_asked():
    r = _read(WA / "group.txt", person="Sam Rivera", me="Jo")
    assert r.loaded == 0 and any("group chat (3 people)" in n for n in r.notes)
    assert _read(WA / "group.txt", person="Sam Rivera", me="Jo", groups=True).loaded == 4


def test_a_group_chat_without_me_asks_which_name_is_yours():
    with pytest.raises(PersonNeeded, match=r"does not say which name is yours.*'Alex'.*me="):
        rk.read_urges(WA / "group.txt", person="Sam Rivera")


def test_ambiguous_day_month_order_is_refused_with_what_to_do():
    with pytest.raises(rk.ParseError, match=r"never pass the 12th.*Suggestion: pass dayfirst"):
        rk.read_urges(WA / "ambiguous.txt", person="Sam Rivera", me="Jo")
    r = _read(WA / "ambiguous.txt", person="Sam Rivera", me="Jo", dayfirst=True)
    assert pd.Timestamp("2019-01-12 23:50") in set(r.frame["local_time"])
    r = _read(WA / "ambiguous.txt", person="Sam Rivera", me="Jo", dayfirst=False)
    assert pd.Timestamp("2019-12-01 23:50") in set(r.frame["local_time"])


def test_a_date_that_does_not_exist_is_a_located_problem_without_text():
    r = _read(WA / "bad_date.txt", person="Sam Rivera", me="Jo")
    assert (r.records, r.loaded, len(r.problems)) == (6, 4, 2)
    assert list(r.problems["location"]) == ["bad_date.txt line 9", "bad_date.txt line 10"]
    # the raw snippet is the header's date and time only, never the words after it
    assert list(r.problems["raw"]) == ["31/02/19 10:00", "04/02/19 25:70"]
    with pytest.raises(rk.ParseError, match=r"bad_date\.txt line 9"):
        rk.read_urges(WA / "bad_date.txt", person="Sam Rivera", me="Jo", errors="raise")


def test_wall_clock_near_midnight_keeps_its_day_and_tz_places_it():
    kept = _read(WA / "android_dmy_24h.txt", person="Sam Rivera")
    assert "wall clock with no zone" in kept.tz_policy
    assert kept.frame["date"].iloc[0] == pd.Timestamp("2019-01-20")  # 23:50 stays on the 20th
    placed = _read(WA / "android_dmy_24h.txt", person="Sam Rivera", tz="America/New_York")
    assert placed.frame["date"].iloc[0] == pd.Timestamp("2019-01-20")
    assert str(placed.frame["timestamp"].iloc[0]) == "2019-01-20 23:50:00-05:00"
    assert "America/New_York" in placed.tz_policy


def test_read_urges_with_the_documented_call():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        urges = rk.read_urges(
            WA / "android_dmy_24h.txt",
            person=["Sam Rivera", "sam.rivera.88"],
            me="Jo",
            tz="Europe/London",
        )
    assert len(urges) == 4
    assert MARK not in "".join(str(v) for v in urges.to_numpy().ravel())


def test_a_person_not_in_the_chat_loads_nothing_and_says_who_is_there():
    r = _read(WA / "android_dmy_24h.txt", person="Somebody Else", me="Jo")
    assert r.loaded == 0
    assert any("'Somebody Else' is not among the 2 people in this chat" in n for n in r.notes)
    assert "Sam Rivera" not in shown(r)  # other people's names stay out of the report


def test_bad_person_option_is_refused_clearly():
    with pytest.raises(ValueError, match=r"`person` must hold non-empty names"):
        rk.read_urges(WA / "android_dmy_24h.txt", person=["", "Sam"])
    with pytest.raises(TypeError, match=r"`person` must be a name or a list"):
        rk.read_urges(WA / "android_dmy_24h.txt", person=42)


# ---- the public samples (../shared/platform) ---------------------------------------------
SAMPLES = {
    "whatsapp_android_ddmmyy_24h.txt": "%d/%m/%y",
    "whatsapp_bracketed_mmddyy_24h.txt": "%m/%d/%y",
    "whatsapp_mmddyyyy_12h_es_ampm.txt": "%m/%d/%Y",
}


@needs_shared
@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_public_sample_senders_and_counts(name):
    # PROVENANCE: a 2-line message, two system lines without author, a phone number
    # as sender (of a system line), emoji in and as a sender name, a "Name:." line
    with pytest.raises(PersonNeeded) as e:
        rk.read_urges(SHARED / name)
    assert e.value.counterparts == {
        "John Doe": 3,
        "Jahn Doe": 1,
        "John-John Doe": 1,
        "John Doe \U0001f913": 1,
        "\U0001f913": 1,
    }


@needs_shared
@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_public_sample_group_messages_with_groups_true(name):
    r = check(
        rk.inspect(SHARED / name, kind="urges", person="Jahn Doe", me="John Doe", groups=True)
    )
    # John Doe wrote the lines of 2019-01-01 11:25, 2019-01-20 11:23 ("Name:.") and
    # 2021-12-30 22:01 (a two-line message ending the file without a newline)
    assert list(r.frame["local_time"]) == [
        pd.Timestamp("2019-01-01 11:25"),
        pd.Timestamp("2019-01-20 11:23"),
        pd.Timestamp("2021-12-30 22:01"),
    ]
    assert any("2 system line(s)" in n for n in r.notes)
    assert "Lorem" not in shown(r)


@needs_shared
def test_public_sample_is_a_group_so_nothing_counts_by_default():
    r = check(
        rk.inspect(
            SHARED / "whatsapp_android_ddmmyy_24h.txt",
            kind="urges",
            person="Jahn Doe",
            me="John Doe",
        )
    )
    assert r.loaded == 0 and any("group chat" in n for n in r.notes)


def test_the_garbage_collector_is_back_on_after_a_read_and_after_an_error():
    import gc

    assert gc.isenabled()
    _read(WA / "android_dmy_24h.txt", person="Sam Rivera", me="Jo")
    assert gc.isenabled()
    with pytest.raises(PersonNeeded):
        rk.read_urges(WA / "android_dmy_24h.txt")
    assert gc.isenabled()  # the collector is paused only while one chat is read
