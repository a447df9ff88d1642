"""Redaction (``rk.redact``) and the review's privacy policy, case by case.

The rendered pages and figures of each mode are tested end to end in
``tests/review/test_privacy_modes.py``; here every rule is pinned on its own.
"""

from __future__ import annotations

import warnings

import pandas as pd
import pytest

import reflection_kit as rk
from reflection_kit.privacy import find_names, redact
from reflection_kit.review import PrivacyPolicy, ShownExports, data_quality

# --------------------------------------------------------------------------- the people named


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Alex called.", "[name] called."),
        ("alex called, ALEX!", "[name] called, [name]!"),
        ("Alex's jacket", "[name]'s jacket"),
        ("Alex’s jacket", "[name]’s jacket"),
        ("Alex Kowalski called.", "[name] called."),
        ("Alex Kowalski's jacket", "[name]'s jacket"),
        ("Alex Maria Kowalski left.", "[name] left."),
        ("Alex K. left.", "[name] left."),
        ("Alex Kowalski left. Kowalski again!", "[name] left. [name] again!"),
        ("Alex Then I cried. Then I slept.", "[name] I cried. Then I slept."),
        ("Alex I miss you", "[name] I miss you"),  # the pronoun is not a surname
        ("Alex on Monday", "[name] on Monday"),
        ("Alex Monday", "[name] Monday"),  # nor is a day
        ("Alexander and Alexa", "Alexander and Alexa"),  # whole words only
        ("got '2025-05-40 21:00 Alex'", "got '2025-05-40 21:00 [name]'"),
        ("line\\nAlex wrote", "line\\n[name] wrote"),  # after an escaped line break
    ],
)
def test_names_of_the_people_given(text, expected):
    assert redact(text, ["Alex"]) == expected


def test_a_name_that_is_also_a_word_is_matched_only_capitalised():
    assert (
        redact("I will call. Will called. WILL!", ["Will"])
        == "I will call. [name] called. [name]!"
    )


def test_several_people_and_blank_names():
    out = redact("Alex and Mira and Jo", ["Alex", " ", "", "Mira"])
    assert out == "[name] and [name] and Jo"


# --------------------------------------------------------------------------- handles, links...


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("DM from @alex_k.", "DM from [handle]."),
        ("follow @alex.k now", "follow [handle] now"),
        ("mail alex.k@example.org", "mail [email]"),
        ("see instagram.com/alex.k every night", "see [link] every night"),
        ("see instagram.com/alex.k.", "see [link]."),
        ("bit.ly/3xYz and example.org", "[link] and [link]"),
        ("https://x.com/a?b=1, then", "[link], then"),
        ("ftp://files.example.net/x", "[link]"),
        ("www.example.org.", "[link]."),
        ("I was sad.it hurt", "I was sad.it hurt"),  # a missing space is not a link
        ("e.g. this, i.e. that, etc.", "e.g. this, i.e. that, etc."),
        ("call +49 30 1234567 or 030/1234567", "call [phone] or [phone]"),
        ("on 2025-05-01 21:00 and 01.05.2025", "on 2025-05-01 21:00 and 01.05.2025"),
        ("folder 2/2025-05-40 x.md", "folder 2/2025-05-40 x.md"),  # a date, not a phone
    ],
)
def test_handles_links_emails_and_phones(text, expected):
    assert redact(text) == expected


# --------------------------------------------------------------------------- every name


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mira said I should call Jo.", "[name] said I should call [name]."),
        ("Then Mira Jones and Sam talked.", "Then [name] and Sam talked."),
        ("Rose came. I met Rose.", "Rose came. I met [name]."),  # a word at a sentence start
        ("I met Anne-Marie and Zoë.", "I met [name] and [name]."),
        ("Mira's jacket", "[name]'s jacket"),
        ("I checked Instagram on Monday with Mum.", "I checked Instagram on Monday with Mum."),
        ("Today I walked. Why? Because.", "Today I walked. Why? Because."),
        ("IG and DM, I was SO angry.", "IG and DM, I was SO angry."),
        ('She said "Never again" to me.', 'She said "Never again" to me.'),
        ("- Went out\n- Felt better", "- Went out\n- Felt better"),
        ("I'm OK, couldn't sleep. Self-care day.", "I'm OK, couldn't sleep. Self-care day."),
    ],
)
def test_all_names_hides_every_capitalised_name_but_ordinary_words(text, expected):
    assert redact(text, all_names=True, keep=["Sam"]) == expected


def test_keep_spares_the_writer_but_never_the_people_given():
    text = "Sam met Alex. Sam Lee was calm."
    assert redact(text, ["Alex"], all_names=True, keep=["Sam Lee"]) == (
        "Sam met [name]. Sam Lee was calm."
    )
    assert (
        redact(text, ["Sam"], all_names=True, keep=["Sam"])
        == "[name] met [name]. [name] was calm."
    )


def test_find_names_spans():
    text = "Then Mira Jones called Alex's sister."
    assert [text[a:b] for a, b in find_names(text)] == ["Mira Jones", "Alex"]


@pytest.mark.parametrize(
    "text",
    [
        "Alex Kowalski (@alex_k, instagram.com/alex.k) met Mira Jones on Monday.",
        "Call +49 30 1234567; alex@example.org; https://x.com/a",
    ],
)
def test_redaction_is_idempotent(text):
    once = redact(text, ["Alex"], all_names=True)
    assert redact(once, ["Alex"], all_names=True) == once


# --------------------------------------------------------------------------- the policy


def test_a_policy_mode_is_checked():
    with pytest.raises(
        ValueError, match=r"`privacy` must be one of full, redact, aggregate.*Suggestion"
    ):
        PrivacyPolicy("redacted")


def test_policy_texts_per_mode():
    text = "Alex Kowalski texted me (@alex_k)"
    assert PrivacyPolicy().text(text) == text
    assert PrivacyPolicy("redact", people=["Alex"]).text(text) == "[name] texted me ([handle])"
    assert PrivacyPolicy("aggregate").text(text) == "[hidden]"
    assert PrivacyPolicy("aggregate").text("") == ""
    assert PrivacyPolicy.of("redact", ["Alex"]).people == ("Alex",)
    policy = PrivacyPolicy("redact", people="Alex")  # one name, not its letters
    assert PrivacyPolicy.of(policy) is policy and policy.people == ("Alex",)


def test_messages_hide_quoted_values():
    reason = "got \"I can't sleep, Alex\" and 'Mira'. Suggestion: export again from Day One."
    assert PrivacyPolicy("aggregate").message(reason) == (
        "got […] and […]. Suggestion: export again from Day One."
    )
    # every-name redaction applies inside the quotes only: our own words ("Day One") stay
    assert PrivacyPolicy("redact", people=["Alex"], all_names=True).message(reason) == (
        "got \"I can't sleep, [name]\" and '[name]'. Suggestion: export again from Day One."
    )
    assert PrivacyPolicy().message(reason) == reason


def _write(tmp_path):
    folder = tmp_path / "private"
    folder.mkdir()
    journal = folder / "alex-journal.csv"
    journal.write_text(
        "date,title,text\n"
        "2025-05-01,A,I saw Alex Kowalski today.\n"
        "2025-05-02,B,Kowalski again. Mira said hi.\n"
        "2025-05-40 Alex,C,because I miss him so much\n",
        encoding="utf-8",
    )
    notes = folder / "notes"
    notes.mkdir()
    (notes / "2025-05-01.md").write_text("Went out with Mira.\n", encoding="utf-8")
    (notes / "2025-05-40 Alex.md").write_text(
        "---\ndate: someday with Alex\n---\nAlex.\n", encoding="utf-8"
    )
    (notes / "Alex Kowalski letters.md").write_text("Not a daily note.\n", encoding="utf-8")
    urges = folder / "alex-urges.csv"
    rows = ["timestamp,kind,intensity,acted,trigger,coping,note"]
    coping = ["walk, called Mira", "called Mira", "breathing", "texted Alex", "$_$"]
    for i in range(20):
        rows.append(
            f"2025-05-{1 + i:02d} 20:00,checked his IG,5,{'yes' if i % 3 else 'no'},"
            f'saw @alex_k {i % 2},"{coping[i % len(coping)]}",note about Alex {i}'
        )
    urges.write_text("\n".join(rows) + "\n", encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return rk.load_exports([journal, notes, folder / "missing-alex.csv"], [urges], quiet=True)


def test_files_are_named_in_the_order_given(tmp_path):
    exports = _write(tmp_path)
    policy = PrivacyPolicy("redact", people=["Alex"]).for_exports(exports)
    shown = dict(policy.files)
    assert shown[str(tmp_path / "private" / "alex-journal.csv")] == "file 1 (csv)"
    assert shown["notes"] == "folder 2"
    assert shown["alex-urges.csv"] == "file 3 (csv)"  # the reports, then what failed
    assert shown["missing-alex.csv"] == "file 4 (csv)"
    # a folder named like a word is replaced only where it stands as a path
    assert policy.message("these notes are fine; see notes/x.md") == (
        "these notes are fine; see folder 2/x.md"
    )
    assert "Kowalski" in policy.people  # learned from "Alex Kowalski"


def test_redacted_exports(tmp_path):
    exports = _write(tmp_path)
    shown = PrivacyPolicy("redact", people=["Alex"]).exports(exports)
    assert isinstance(shown, ShownExports)
    assert PrivacyPolicy("redact", people=["Alex"]).exports(shown) is shown
    text = " ".join(shown.journal["text"])
    assert "Alex" not in text and "Kowalski" not in text and "Mira" in text
    problems = shown.problems()
    assert list(problems["export"]) == ["file 1 (csv)", "folder 2"]
    assert problems["location"].tolist() == [
        "file 1 (csv) line 4",
        "folder 2/2025-05-40 [name].md",
    ]
    assert "got '2025-05-40 [name]'" in problems["reason"].iloc[0]
    failure = shown.messages[0]
    assert "file 4 (csv)" in failure and "alex" not in failure.lower()
    table = shown.table()
    assert not table.apply(lambda c: c.astype(str).str.contains("alex", case=False)).any().any()
    urges = shown.urges
    assert set(urges["trigger"]) == {"saw [handle] 0", "saw [handle] 1"}
    assert "texted [name]" in set(urges["coping"])
    assert not urges["note"].str.contains("Alex").any()


def test_aggregate_exports_hold_no_typed_text(tmp_path):
    exports = _write(tmp_path)
    shown = PrivacyPolicy("aggregate", people=["Alex"]).exports(exports)
    assert (shown.journal["text"] == "").all() and (shown.journal["title"] == "").all()
    assert (shown.urges["note"] == "").all() and (shown.urges["label"] == "").all()
    problems = shown.problems()
    assert problems["location"].tolist() == ["file 1 (csv), line 4", "folder 2, a file inside"]
    assert (problems["raw"] == "").all() or (problems["raw"] == "[hidden]").all()
    skipped = [t for r in shown.reports for t in r.skipped.astype(str).to_numpy().ravel()]
    notes = [n for r in shown.reports for n in r.notes]
    texts = [*problems["reason"], *shown.messages, *shown.table()["export"], *skipped, *notes]
    for text in texts:
        assert "alex" not in text.lower() and "miss him" not in text, text
    # coping is numbered as urge_stats counts it: same counts, our own names kept
    before = rk.urge_stats(exports.urges).coping
    after = rk.urge_stats(shown.urges).coping
    assert sorted(before["uses"]) == sorted(after["uses"])
    assert "breathing" in set(after["coping"])
    assert set(after["coping"]) - {"breathing"} == {f"own strategy {i}" for i in (1, 2, 3, 4)}
    uses = dict(zip(after["coping"], after["uses"], strict=True))
    assert uses["own strategy 1"] >= uses["own strategy 2"] >= uses["own strategy 3"]
    triggers = rk.urge_stats(shown.urges).triggers
    assert set(triggers["trigger"]) == {"trigger 1", "trigger 2"}


def test_data_quality_protects_raw_exports(tmp_path):
    exports = _write(tmp_path)
    for mode in ("redact", "aggregate"):
        page = data_quality(exports, privacy=mode, people=["Alex"])
        assert "alex" not in page.lower() and "Kowalski" not in page
        assert "file 1 (csv)" in page
    assert "miss him" not in data_quality(exports, privacy="aggregate")
    full = data_quality(exports)
    assert "alex-journal.csv" in full and "miss him" in full


def test_full_mode_changes_nothing(tmp_path):
    exports = _write(tmp_path)
    shown = PrivacyPolicy().exports(exports)
    pd.testing.assert_frame_equal(shown.urges, exports.urges)
    pd.testing.assert_frame_equal(shown.problems(), exports.problems())


def test_failure_messages_alone(tmp_path):
    exports = _write(tmp_path)
    messages = PrivacyPolicy("aggregate").failure_messages(exports.failures)
    assert len(messages) == 1 and "file 1 (csv)" in messages[0]
    assert "alex" not in messages[0].lower()
    assert PrivacyPolicy().failure_messages(exports.failures) == exports.messages
