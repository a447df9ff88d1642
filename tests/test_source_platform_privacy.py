"""Across every platform reader: detection, no text anywhere, metrics on evidence rows."""

from __future__ import annotations

import warnings

import pandas as pd
import pytest
from _platform import FIXTURES, MARK, SHARED, check, needs_shared, sample_texts, shown

import reflection_kit as rk
from reflection_kit import PersonNeeded
from reflection_kit.errors import UnknownFormatError

PERSON = ["Sam Rivera", "sam.rivera.88", "Zoë Ångström"]
#: Every fixture input and the format it must be detected as.
INPUTS = {
    "whatsapp/android_dmy_24h.txt": "whatsapp",
    "whatsapp/WhatsApp Chat - Sam Rivera.zip": "whatsapp",
    "whatsapp/bad_date.txt": "whatsapp",
    "telegram/old_single": "telegram",
    "telegram/full/result.json": "telegram",
    "messenger/dyi_2024": "messenger",
    "messenger/dyi_2021": "messenger",
    "messenger/e2ee": "messenger",
    "messenger/broken": "messenger",
    "instagram/dyi_2024": "instagram",
    "instagram/dyi_2021_de": "instagram",
    "facebook": "facebook",
    "google/Takeout/Chrome/History.json": "chrome",
    "google/Takeout/My Activity": "my_activity",
}
SAMPLES = {
    "whatsapp_android_ddmmyy_24h.txt": ("whatsapp", ["Jahn Doe"], {"me": "John Doe"}),
    "whatsapp_bracketed_mmddyy_24h.txt": ("whatsapp", ["Jahn Doe"], {"me": "John Doe"}),
    "whatsapp_mmddyyyy_12h_es_ampm.txt": ("whatsapp", ["Jahn Doe"], {"me": "John Doe"}),
    "telegram_single_chat_minimal.json": ("telegram", ["Author 2"], {}),
    "telegram_full_export_result.json": ("telegram", ["Bob Johnson"], {}),
    "fbmessenger_dyi_message_1.json": ("messenger", ["Alice Example"], {}),
    "fbmessenger_e2ee_alice_1.json": ("messenger", ["Alice Example"], {}),
    "instagram_dm_message_1.json": ("instagram", ["bobsmith"], {}),
    "instagram_profile_searches.json": ("instagram", ["synthetic_chef_account"], {}),
    "google_myactivity_search.json": ("my_activity", ["python tutorials"], {}),
}


@pytest.mark.parametrize("rel", sorted(INPUTS))
def test_every_fixture_is_detected_and_shows_no_text(rel):
    r = check(rk.inspect(FIXTURES / rel, kind="urges", person=PERSON, me="Jo", groups=True))
    assert r.format == INPUTS[rel]
    assert r.records == r.loaded + len(r.problems)


@pytest.mark.parametrize("rel", sorted(INPUTS))
def test_errors_without_person_show_no_text(rel):
    with pytest.raises(PersonNeeded) as e:
        rk.read_urges(FIXTURES / rel)
    assert MARK not in str(e.value).lower()
    assert "Suggestion: pass person=" in str(e.value)


@pytest.mark.parametrize(
    "rel", ["whatsapp/bad_date.txt", "telegram/old_single", "messenger/broken"]
)
def test_errors_raise_mode_shows_no_text(rel):
    with pytest.raises(rk.ParseError) as e:
        rk.read_urges(FIXTURES / rel, person=PERSON, me="Jo", errors="raise")
    assert MARK not in str(e.value).lower() and MARK not in str(getattr(e.value, "raw", ""))


def test_formats_lists_every_platform_with_how_to_download():
    table = rk.formats().set_index("name")
    for name in (
        "whatsapp",
        "telegram",
        "messenger",
        "instagram",
        "facebook",
        "chrome",
        "my_activity",
    ):
        assert table.loc[name, "kind"] == "urges"
        assert len(table.loc[name, "how_to_export"]) > 40
    assert "30-minute" in table.loc["chrome", "description"]


@needs_shared
@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_public_samples_show_no_message_text_anywhere(name):
    fmt, person, kw = SAMPLES[name]
    texts = sample_texts()
    assert len(texts) > 20  # the check below has something to look for
    r = check(rk.inspect(SHARED / name, kind="urges", person=person, groups=True, **kw))
    assert r.format == fmt
    everything = shown(r)
    assert not [t for t in texts if t in everything]
    try:
        rk.read_urges(SHARED / name)
    except PersonNeeded as e:
        assert not [t for t in texts if t in str(e)]


def _evidence() -> pd.DataFrame:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return rk.read_urges(
            [
                FIXTURES / "whatsapp" / "android_dmy_24h.txt",
                FIXTURES / "google" / "Takeout" / "Chrome" / "History.json",
                FIXTURES / "instagram" / "dyi_2024",
            ],
            person=["Sam Rivera", "sam.rivera.88"],
            me="Jo",
            tz="Europe/London",
        )


def test_streaks_and_urge_stats_work_on_evidence_rows():
    urges = _evidence()
    assert set(urges["kind"]) == {"reach_out", "check_social"}
    assert urges["hits"].dtype == "int64"
    st = rk.streaks(urges, kind="reach_out", start="2019-01-01", end="2019-03-01")
    # messages on 2019-01-20, 01-21 (23:50 and 00:10: two days) and 02-03 end streaks
    assert list(st["days"]) == [19, 12, 26]
    assert list(st["ended"]) == [True, True, False]
    checks = rk.streaks(urges, kind="check_social", start="2024-03-01", end="2024-04-10")
    assert checks["ended"].sum() == 2  # 2024-03-09 (Instagram) and 2024-04-01 (Chrome)
    stats = rk.urge_stats(urges, min_n=1)
    assert stats.urges == len(urges) == 8


def test_evidence_merges_with_a_self_kept_log(tmp_path):
    log = pd.DataFrame(
        {"timestamp": ["2019-01-25 10:00"], "kind": ["reach_out"], "acted": ["yes"]}
    )
    path = tmp_path / "urges.csv"
    log.to_csv(path, index=False)
    # one call for a log and a download: the log's reader ignores person= and me=
    urges = rk.read_urges(
        [path, FIXTURES / "whatsapp" / "android_dmy_24h.txt"], person="Sam Rivera", me="Jo"
    )
    assert set(urges["source"]) == {"urgelog", "whatsapp"}
    st = rk.streaks(urges, kind="reach_out", start="2019-01-01", end="2019-03-01")
    assert list(st["days"]) == [19, 3, 8, 26]
    # alone, a log still refuses an option it does not take
    with pytest.raises(TypeError, match="does not take option"):
        rk.read_urges(path, person="Sam Rivera")


@pytest.mark.parametrize(
    ("rel", "fmt"),
    [
        ("telegram/full/result.json", "telegram"),
        (
            "instagram/dyi_2024/logged_information/recent_searches/profile_searches.json",
            "instagram",
        ),
        (
            "facebook/your_facebook_activity/logged_information/interactions/"
            "recently_visited.json",
            "facebook",
        ),
        ("google/Takeout/Chrome/History.json", "chrome"),
        ("google/Takeout/My Activity/Search/MyActivity.json", "my_activity"),
    ],
)
def test_a_download_cut_short_is_one_located_problem_without_an_excerpt(tmp_path, rel, fmt):
    src = FIXTURES / rel
    data = src.read_bytes()
    cut = tmp_path / src.name
    cut.write_bytes(data[: len(data) * 2 // 3])
    r = check(rk.inspect(cut, kind="urges", person=PERSON, me="Jo"))
    assert r.format == fmt
    assert (r.records, r.loaded, len(r.problems)) == (1, 0, 1)
    assert r.problems.iloc[0]["raw"] == ""
    assert "not valid JSON (line" in r.problems.iloc[0]["reason"]


# ------------------------------------------- detection without kind: never a journal
#: Every WhatsApp fixture (each header layout) and every platform input above.
_ALL_INPUTS = sorted(
    {rel: fmt for rel, fmt in INPUTS.items()}
    | {f"whatsapp/{p.name}": "whatsapp" for p in (FIXTURES / "whatsapp").iterdir()}
)


def _journal_sources():
    from reflection_kit.sources import all_sources

    return [s for s in all_sources() if s.kind == "journal"]


def _no_journal_claims(path) -> None:
    from reflection_kit.sources._input import Input

    inp = Input.open(path)
    claimed = [s.name for s in _journal_sources() if s.detect(inp) is None]
    assert claimed == [], f"{path.name} is claimed as a journal by {claimed}"


@pytest.mark.parametrize("rel", _ALL_INPUTS)
def test_inspect_without_kind_reads_a_download_as_urges_never_a_journal(rel):
    fmt = dict(INPUTS).get(rel, "whatsapp")
    _no_journal_claims(FIXTURES / rel)
    # without person=: the download is named (its counterparts listed), no text shown
    with pytest.raises(PersonNeeded) as e:
        rk.inspect(FIXTURES / rel)
    assert MARK not in str(e.value).lower()
    r = check(rk.inspect(FIXTURES / rel, person=PERSON, me="Jo", groups=True, dayfirst=False))
    assert (r.kind, r.format) == ("urges", fmt)


@needs_shared
@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_inspect_without_kind_reads_a_public_sample_as_urges_never_a_journal(name):
    fmt, person, kw = SAMPLES[name]
    texts = sample_texts()
    _no_journal_claims(SHARED / name)
    # the bracketed WhatsApp sample was read as a jrnl journal here: its messages as entries
    with pytest.raises(PersonNeeded) as e:
        rk.inspect(SHARED / name)
    if fmt != "my_activity":  # the searches sample visits no profile: nobody to name
        assert e.value.counterparts  # the error names the people in the download
    assert not [t for t in texts if t in str(e.value)]
    r = check(rk.inspect(SHARED / name, person=person, groups=True, **kw))
    assert (r.kind, r.format) == ("urges", fmt)


@needs_shared
def test_read_journal_on_a_bracketed_chat_names_whatsapp_and_shows_no_text():
    texts = sample_texts()
    with pytest.raises(UnknownFormatError) as e:
        rk.read_journal(SHARED / "whatsapp_bracketed_mmddyy_24h.txt")
    assert e.value.looks_like == ("urges", "whatsapp")
    assert "--evidence" in str(e.value) and "person=" in str(e.value)
    assert "WhatsApp message headers" in e.value.tried["jrnl"]
    assert not [t for t in texts if t in str(e.value)]


def test_person_needed_is_public_and_a_parse_error():
    assert rk.PersonNeeded is PersonNeeded
    assert issubclass(rk.PersonNeeded, rk.ParseError)
    from reflection_kit.sources import _people

    assert _people.PersonNeeded is rk.PersonNeeded  # one class, wherever it is imported from
    with pytest.raises(rk.ParseError) as e:  # an `except rk.ParseError` catches it too
        rk.read_urges(FIXTURES / "whatsapp" / "android_dmy_24h.txt")
    assert e.value.counterparts == {"Jo": 4, "Sam Rivera": 1}
