"""Issue 15, plain words: what a client and a coach read, tested on the helpers (no render).

Trends in words with the statistics apart, raw names as words, counts in the right plural,
nothing said that thin data cannot support (each minimum stated), a Loop-only client whose
summary agrees with the calendar, and a clients' index with one line per client.
"""

from __future__ import annotations

import re
import warnings

import numpy as np
import pandas as pd
import pytest

import reflection_kit as rk
from reflection_kit.metrics.trends import MIN_TREND_N, trend
from reflection_kit.review import content as rv
from reflection_kit.review.clients import ClientResult, _index_page
from reflection_kit.text.index_spec import index_spec

DAYS = pd.date_range("2025-03-03", periods=112, name="date")
RAW = (r"\bshare \d", r"\w_\w", r"\brank\b")


def _text(page: str) -> str:
    return re.sub(r"<[^>]+>", " ", page)


def _headers(page: str) -> list[str]:
    return re.findall(r"<th>(.*?)</th>", page)


@pytest.fixture(scope="module")
def loop_only():
    urges = rk.read_urges(rk.sample_dir() / "loop.zip")
    panel = rk.daily(urges=urges)
    return urges, panel, rv.period_of(panel)


# --------------------------------------------------------------------------- trends


def test_a_clear_fall_is_said_in_words_and_the_statistics_stay_apart():
    rng = np.random.default_rng(0)
    values = 2.0 - np.arange(112) / 80 + rng.normal(0, 0.2, 112)
    out = rv.trend_text(
        pd.Series(values, index=DAYS),
        "The rumination index",
        lower="less looping language",
        higher="more looping language",
    )
    words, details = re.findall(r'<p class="rk-(trend|details)">(.*?)</p>', out)
    assert words[1] == (
        "The rumination index: clearly falling over the 16 weeks (less looping language)."
    )
    for jargon in ("Theil", "Mann", "slope", "p=", "better", "worse"):
        assert jargon not in words[1]
    assert details[1].startswith("For the coach: Theil–Sen slope -")
    assert "Mann–Kendall p=" in details[1] and details[1].endswith("n=112 days.")


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (
            np.tile([1.0, 1.4, 0.9, 1.2, 1.1, 1.3, 1.0], 4),
            "Tone: no clear change over the 4 weeks.",
        ),
        (
            np.arange(28) / 100 + np.tile([0.0, 0.3, -0.2, 0.1, -0.1, 0.2, 0.0], 4),
            "Tone: a little higher over the 4 weeks (more positive wording).",
        ),
    ],
)
def test_small_and_no_changes_are_said_gently(values, expected):
    t = trend(pd.Series(values, index=DAYS[:28], name="Tone"))
    assert t.in_words(lower="more negative wording", higher="more positive wording") == expected


def test_below_the_minimum_no_trend_is_claimed_and_the_minimum_is_stated():
    series = pd.Series([3.0, 2.0, 1.0, 0.5, 0.2], index=DAYS[:5])
    out = rv.trend_text(series, "Tone", what="days with writing")
    assert trend(series).direction == "falling"  # the statistics alone would say so
    assert _text(out).strip() == (
        f"Tone: not enough days with writing yet to describe a trend (5 so far; at least "
        f"{MIN_TREND_N} are needed)."
    )
    assert "rk-details" not in out


# --------------------------------------------------------------------------- plurals


@pytest.mark.parametrize(
    ("n", "word", "text"),
    [(1, "day", "1 day"), (2, "day", "2 days"), (0, "run", "0 runs"), (1, "entry", "1 entry")],
)
def test_plural(n, word, text):
    assert rv.plural(n, word) == text


def test_one_day_runs_read_as_one_day(tmp_path):
    log = tmp_path / "urges.csv"
    log.write_text(
        "timestamp,kind,acted\n2025-03-03 09:00,checked his IG,yes\n"
        "2025-03-04 09:00,checked his IG,no\n2025-03-05 09:00,checked his IG,yes\n",
        encoding="utf-8",
    )
    urges = rk.read_urges(log)
    text = _text(rv.streak_text(urges) + rv.runs_table(rk.streak_summary(urges).history))
    assert "1 days" not in text and "the longest was 1 day." in text
    assert "1 of 3 days without checking social media" in text
    assert "<td>1 day</td>" in rv.runs_table(rk.streak_summary(urges).history)


# --------------------------------------------------------------------------- thin data


def test_the_time_to_lapse_chart_waits_for_five_finished_runs():
    two = pd.DataFrame({"days": [3, 9], "ended": [True, False]})
    note = rv.too_few_runs(two)
    assert "at least 5 runs have ended; so far 1 run has ended." in note
    five = pd.DataFrame({"days": [1, 2, 3, 4, 5, 6], "ended": [True] * 5 + [False]})
    assert rv.too_few_runs(five) is None


def test_earlier_weeks_are_mentioned_only_when_there_are_some():
    panel = pd.DataFrame({"rumination": np.linspace(2, 1, 112)}, index=DAYS)
    period = rv.period_of(panel)
    assert "own earlier weeks" in rv.intro("rumination", panel, period)
    recent = panel.loc[period.start :]
    text = rv.intro("rumination", recent, rv.period_of(recent))
    assert "own earlier weeks" not in text and "no earlier weeks" in text


def test_explanations_only_for_sections_with_data(loop_only):
    urges, panel, period = loop_only
    empty = pd.DataFrame(index=DAYS)
    for section in ("rumination", "tone", "calendar", "urges"):
        assert rv.intro(section, empty, period) == ""
    assert rv.intro("urges", panel, period, urges=urges) == ""  # check-ins only
    assert "Each square is a day" in rv.intro("calendar", panel, period, urges=urges)
    with pytest.raises(ValueError, match="section"):
        rv.intro("mood", panel, period)


def test_the_coping_rule_is_explained_only_when_strategies_were_logged():
    urges = pd.DataFrame(
        {"local_time": pd.to_datetime(["2025-03-03 09:00"]), "kind": "reach_out", "coping": [""]}
    )
    panel = pd.DataFrame({"urges": [1]}, index=DAYS[:1])
    text = rv.intro("urges", panel, None, urges=urges)
    assert "Bars count urges" in text and "ranked" not in text
    urges["coping"] = ["breathing"]
    assert "at least 5 times" in rv.intro("urges", panel, None, urges=urges)


# --------------------------------------------------------------------------- names


def test_the_triggers_table_has_people_facing_headers_and_values():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        stats = rk.urge_stats(rk.read_urges(rk.sample_dir() / "urges.csv"))
    out = rv.triggers_table(stats)
    assert _headers(out) == [
        "What came before the urge",
        "Urges",
        "Share of all urges",
        "Resisted",
    ]
    first = stats.triggers.iloc[0]
    resisted = f"{first['resisted']} of {first['resisted'] + first['acted']}"
    assert f"<td>{round(100 * first['share'])}%</td>" in out and f"<td>{resisted}</td>" in out
    assert not re.search(r"<td>0\.\d+</td>", out)


def test_markers_are_named_with_the_index_labels():
    labels = {c.label for c in index_spec().components if c.weight > 0}
    for component in index_spec().components:
        if component.marker:
            assert rv.marker_name(component.marker) == component.label
            assert rv.marker_name(component.marker + "_ext") == component.label
    journal = pd.DataFrame(
        {
            "date": DAYS[:3],
            "text": [
                "Why did he leave? What if I had said something? I keep thinking about it "
                "over and over, again and again. He always said we would be fine.",
            ]
            * 3,
        }
    )
    out = rv.examples(journal, rv.period_of(pd.DataFrame(index=DAYS[:3])), privacy="aggregate")
    # the looping words found are listed by the index's own labels, never by marker codes
    assert _headers(out) == ["Kind of words", "Times found"]
    shown = re.findall(r"<tr>\s*<td>(.*?)</td>", out)
    assert shown and set(shown) <= {rk_escape(label) for label in labels}


def rk_escape(text: str) -> str:
    import html

    return html.escape(text)


def test_prompt_sets_and_export_tables_use_words():
    exports = rk.load_exports(["sample:notes"], ["sample:urges.csv"], quiet=True)
    prompts = rv.prompts_answered(exports.journal, privacy="aggregate")
    assert _headers(prompts) == ["Prompt set", "Prompt", "Times answered"]
    assert "The hardest part" in prompts
    assert "closure_letter" not in prompts and "hope_bond" not in prompts
    quality = rv.data_quality(exports)
    assert _headers(quality)[:3] == ["File", "What it holds", "Read as"]
    assert "<td>urge log</td>" in quality


def test_own_strategies_stay_as_written_ours_become_words():
    assert rv.strategy_name("urge_surfing") == "urge surfing"
    assert rv.strategy_name("called_my_sister") == "called_my_sister"
    assert rv.kind_words("reach_out") == "reaching out"


# --------------------------------------------------------------------------- Loop only


def test_a_loop_only_summary_agrees_with_the_calendar(loop_only):
    urges, panel, period = loop_only
    text = _text(rv.summary(panel, period, urges=urges))
    assert "Urges went from" not in text and "0.0" not in text
    assert "daily check-ins, so no urges a day are counted" in text
    status = panel.loc[period.start : period.end, "social_status"]
    clean, known = int((status == "clean").sum()), int(status.isin(["clean", "checked"]).sum())
    assert f"{clean} of {known} days without checking social media" in text
    contact = rk.streak_summary(urges, kind="reach_out", start=period.start, end=period.end)
    assert f"{contact.clean_days} of " in text and "days without reaching out" in text


def test_a_loop_only_client_gets_words_instead_of_empty_urge_charts(loop_only):
    urges, _, _ = loop_only
    note = rv.checkins_only(urges)
    assert note is not None and "daily check-ins (reaching out, checking social media)" in note
    assert rv.checkins_only(rk.read_urges(rk.sample_dir() / "urges.csv")) is None
    text = _text(rv.streak_text(urges))
    assert "days without checking social media" in text and "days without reaching out" in text
    total = rk.streak_summary(urges)
    assert f"{total.clean_days} of {total.days_in_range} days without checking" in text


# --------------------------------------------------------------------------- the index


def test_the_clients_index_has_one_line_per_client_in_words(tmp_path):
    results = [
        ClientResult("ana", tmp_path / "ana.html", True, "", 2, 6.4),
        ClientResult(
            "ben", None, False, "could not be read: file 1 (csv) holds no records", 1, 0.2
        ),
    ]
    page = _index_page(results)
    assert "<p>1 of 2 client reviews written.</p>" in page
    assert '<li>Review written for <a href="ana.html">ana</a>, from 2 exports.</li>' in page
    assert "<li>No review for ben. Could not be read: file 1 (csv) holds no records.</li>" in page
    assert "6.4" not in page and "<table" not in page


def test_no_raw_names_in_what_the_helpers_write(loop_only):
    urges, panel, period = loop_only
    page = rv.summary(panel, period, urges=urges) + rv.streak_text(urges)
    page += rv.runs_table(rk.streak_summary(urges).history) + rv.checkins_only(urges)
    visible = _text(page)
    for raw in RAW:  # "share 0.12", resisted_rate, check_social, rank
        assert not re.search(raw, visible), raw
    assert "No contact" not in visible or "reaching out" in visible
