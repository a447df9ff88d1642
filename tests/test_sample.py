"""The fixed-seed sample: committed files, determinism, the story's shape, real layouts."""

from __future__ import annotations

import csv
import dataclasses
import hashlib
import io
import json
import os
import re
import subprocess
import sys
import warnings
import zipfile
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import pytest

import reflection_kit as rk
import reflection_kit.sample as sample_mod
from reflection_kit.kinds import kind_of
from reflection_kit.prompt_sets import new_entry, prompts
from reflection_kit.sample import (
    SAMPLE_FILES,
    SAMPLE_SEED,
    URGE_ACTIVITIES,
    build_story,
    render_sample,
    sample_dir,
    write_sample,
)
from reflection_kit.sample.loop import _computed, _scores
from reflection_kit.sample.phrases import PROMPT_ANSWERS
from reflection_kit.sample.story import (
    ANNIVERSARY_WEEK,
    END,
    LABELS,
    NEW_YORK,
    REFLECTION_PLAN,
    START,
    TRIP,
    acted_days,
    runs,
)
from reflection_kit.sample.writers import notes_files

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "sample"
SEEDS = (SAMPLE_SEED, 1, 2, 3)


@pytest.fixture(scope="module")
def files() -> dict[str, bytes]:
    return render_sample()


@pytest.fixture(scope="module")
def story():
    return build_story(SAMPLE_SEED)


def _digest(files: dict[str, bytes]) -> str:
    h = hashlib.sha256()
    for name in sorted(files):
        h.update(name.encode() + b"\0" + files[name] + b"\0")
    return h.hexdigest()


# ------------------------------------------------------------ committed = generated


def test_committed_sample_equals_generator_output(tmp_path):
    paths = write_sample(tmp_path)
    assert set(paths) == set(SAMPLE_FILES)
    written = {p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file()}
    committed = {p.relative_to(SAMPLE).as_posix() for p in SAMPLE.rglob("*") if p.is_file()}
    assert committed == written, (
        'data/sample is out of date. Regenerate it with: python -c "from reflection_kit.sample '
        "import write_sample; write_sample('data/sample')\" (delete data/sample/notes first)"
    )
    for name in sorted(written):
        assert (SAMPLE / name).read_bytes() == (tmp_path / name).read_bytes(), name


def test_sample_is_small():
    total = sum(p.stat().st_size for p in SAMPLE.rglob("*") if p.is_file())
    assert total < 1_000_000


def test_two_runs_are_byte_identical(files):
    assert _digest(render_sample()) == _digest(files)
    assert _digest(render_sample(7)) != _digest(files)


def test_output_ignores_hash_seed_time_zone_and_locale(files):
    code = (
        "import hashlib\n"
        "from reflection_kit.sample import render_sample\n"
        "f = render_sample()\n"
        "h = hashlib.sha256()\n"
        "for n in sorted(f): h.update(n.encode() + b'\\0' + f[n] + b'\\0')\n"
        "print(h.hexdigest())\n"
    )
    env = {**os.environ, "PYTHONHASHSEED": "4242", "TZ": "Pacific/Auckland", "LC_ALL": "C"}
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == _digest(files)


def test_write_sample_only_touches_its_own_files(tmp_path):
    target = tmp_path / "new" / "folder"
    (target / "notes").mkdir(parents=True)
    keep = target / "my-own-notes.txt"
    keep.write_text("mine")
    (target / "notes" / "extra.md").write_text("# mine too")
    (target / "urges.csv").write_text("stale")
    paths = write_sample(target)
    assert keep.read_text() == "mine"
    assert (target / "notes" / "extra.md").read_text() == "# mine too"
    assert paths["urges.csv"].read_bytes() == render_sample()["urges.csv"]
    assert paths["notes"].is_dir()


def test_write_sample_refuses_a_file(tmp_path):
    f = tmp_path / "file.txt"
    f.write_text("x")
    with pytest.raises(NotADirectoryError, match="must be a folder"):
        write_sample(f)


def test_seed_must_be_an_int():
    with pytest.raises(TypeError, match="`seed` must be an int"):
        render_sample("42")  # type: ignore[arg-type]


def test_sample_dir_uses_the_checkout_when_it_matches(monkeypatch):
    monkeypatch.setattr(sample_mod, "_TEMP", [])
    assert sample_dir() == SAMPLE
    assert sample_dir() == SAMPLE


def test_sample_dir_generates_a_private_folder_otherwise(monkeypatch):
    monkeypatch.setattr(sample_mod, "_TEMP", [])
    monkeypatch.setattr(sample_mod, "_checkout_sample", lambda: None)
    folder = sample_dir()
    assert folder != SAMPLE
    assert folder.stat().st_mode & 0o777 == 0o700
    assert sample_dir() == folder  # once per process
    assert (folder / "urges.csv").read_bytes() == render_sample()["urges.csv"]


# ------------------------------------------------------------------- the story


def test_no_two_journal_texts_alike(story):
    bodies = [e.body for e in story.entries]
    assert len(set(bodies)) == len(bodies)
    grat = [e.body for e in story.gratitude]
    assert len(set(grat)) == len(grat)


@pytest.mark.parametrize("seed", SEEDS)
def test_no_duplicates_for_other_seeds(seed):
    bodies = [e.body for e in build_story(seed).entries]
    assert len(set(bodies)) == len(bodies)


def test_entry_lengths_and_logging_rate(story):
    words = [e.words for e in story.entries]
    assert sum(w < 50 for w in words) >= 5
    assert sum(60 <= w <= 250 for w in words) / len(words) > 0.75
    days = {e.local.date() for e in story.entries}
    assert 0.65 <= len(days) / 112 <= 0.85
    assert any(e.local.date() < date(2025, 3, 30) for e in story.entries)
    assert any(e.local.date() > date(2025, 3, 30) for e in story.entries)


def test_every_label_maps_to_its_kind(story):
    for (kind, _), labels in LABELS.items():
        for label in labels:
            assert kind_of(label) == kind, label
    assert {u.kind for u in story.urges} == {
        "check_social",
        "reach_out",
        "reread",
        "fantasize",
        "other",
    }
    for activity in URGE_ACTIVITIES.values():
        assert kind_of(activity) in URGE_ACTIVITIES


def test_trip_and_zones(story):
    ny = [e for e in story.entries if e.tz == NEW_YORK]
    assert ny and all(TRIP[0] <= e.local.date() <= TRIP[1] for e in ny)
    assert all(
        e.tz == "Europe/Berlin" for e in story.entries if not TRIP[0] <= e.local.date() <= TRIP[1]
    )
    assert any(u.tz == NEW_YORK for u in story.urges)


def _month(d: date) -> int:
    return (d - START).days // 28


def _resisted_rate(urges) -> float:
    acted = sum(1 for u in urges if u.acted is True)
    resisted = sum(1 for u in urges if u.acted is False)
    return resisted / (acted + resisted)


@pytest.mark.parametrize("seed", SEEDS)
def test_urges_thin_out_and_resisting_grows(seed):
    urges = build_story(seed).urges
    first = [u for u in urges if _month(u.local.date()) == 0]
    last = [u for u in urges if _month(u.local.date()) == 3]
    assert len(first) / 28 > 2.5
    assert len(last) / 28 < 1.0
    assert _resisted_rate(last) > _resisted_rate(first) + 0.2


@pytest.mark.parametrize("seed", SEEDS)
def test_anniversary_week_is_harder(seed):
    urges = build_story(seed).urges

    def week(start: date) -> list:
        return [u for u in urges if start <= u.local.date() < start + timedelta(days=7)]

    anniv = week(ANNIVERSARY_WEEK[0])
    assert len(anniv) > len(week(ANNIVERSARY_WEEK[0] - timedelta(days=7)))
    assert len(anniv) > len(week(ANNIVERSARY_WEEK[0] + timedelta(days=7)))
    assert sum(1 for u in anniv if u.acted) >= 3


def test_evenings_and_weekends_are_worse(story):
    hours = Counter(u.local.hour for u in story.urges)
    evening = sum(hours[h] for h in range(19, 24)) / 5
    daytime = sum(hours[h] for h in range(9, 17)) / 8
    assert evening > 1.5 * daytime
    weekend = sum(1 for u in story.urges if u.local.weekday() >= 5) / 32
    weekday = sum(1 for u in story.urges if u.local.weekday() < 5) / 80
    assert weekend > weekday
    late = [u for u in story.urges if u.local.hour == 0]
    assert len(late) >= 2 and all(10 <= u.local.minute <= 50 for u in late)


def test_behavioural_coping_beats_distraction(story):
    helpful = [u for u in story.urges if u.coping in ("breathing", "movement", "connection")]
    distraction = [u for u in story.urges if u.coping == "distraction"]
    assert _resisted_rate(helpful) > _resisted_rate(distraction) + 0.15
    assert {u.coping for u in story.urges} >= {
        "breathing",
        "movement",
        "connection",
        "journaling",
        "distraction",
        "urge_surfing",
    }


@pytest.mark.parametrize("seed", SEEDS)
def test_longest_check_social_streak_is_the_final_one(seed):
    urges = build_story(seed).urges
    streaks = runs(acted_days(list(urges), "check_social"), START, END)
    final_start, final_len = streaks[-1]
    assert final_start + timedelta(days=final_len - 1) == END  # still running
    assert final_start >= END - timedelta(days=35)  # in the final weeks
    assert all(length < final_len for _, length in streaks[:-1])
    assert sum(1 for _, length in streaks[:-1] if length >= 5) >= 3  # earlier streaks ended


_RUMINATIVE = (r"\bwhy\b", r"\bwhat if\b", r"\bshould have\b", r"\bif only\b", r"\bcould have\b")
_RELEASE = (
    r"\baccept",
    r"\bchoos",
    r"\bboundar",
    r"\bproud\b",
    r"\bgrateful\b",
    r"\bfuture\b",
    r"\bsafe\b",
    r"\bheal",
    r"\bkind to myself\b",
    r"\bmoving forward\b",
)


def _rate(entries, patterns) -> float:
    text = " ".join(e.body.lower() for e in entries)
    return 100 * sum(len(re.findall(p, text)) for p in patterns) / len(text.split())


@pytest.mark.parametrize("seed", SEEDS)
def test_language_moves_from_rumination_to_release(seed):
    entries = build_story(seed).entries
    first = [e for e in entries if _month(e.local.date()) == 0]
    last = [e for e in entries if _month(e.local.date()) == 3]
    assert _rate(first, _RUMINATIVE) > 1.5 * _rate(last, _RUMINATIVE)
    assert _rate(last, _RELEASE) > 1.5 * _rate(first, _RELEASE)
    ex = (r"\balex\b", r"\bhe\b", r"\bhim\b")
    assert _rate(first, ex) > _rate(last, ex)
    assert any("Alex" in e.body and e.tone in ("release", "neutral") for e in entries)


def test_mood_rises(story):
    def mean(m: int) -> float:
        moods = [e.mood for e in story.entries if _month(e.local.date()) == m]
        return sum(moods) / len(moods)

    assert mean(3) > mean(0) + 1


# ----------------------------------------------------------------- file layouts


def _zip(data: bytes) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(data))


def test_zips_are_reproducible(files):
    for name in ("dayone.zip", "loop.zip"):
        zf = _zip(files[name])
        names = zf.namelist()
        assert names == sorted(names)
        for info in zf.infolist():
            assert info.date_time == (2025, 6, 22, 21, 30, 0)
            assert info.external_attr == 0o100644 << 16


def test_dayone_layout(files, story):
    zf = _zip(files["dayone.zip"])
    raw = zf.read("Journal.json").decode("utf-8")
    assert '"timeZone": "Europe\\/Berlin"' in raw and "America\\/New_York" in raw
    doc = json.loads(raw)
    assert doc["metadata"] == {"version": "1.0"}
    entries = doc["entries"]
    assert len(entries) == len(story.entries) + 1
    assert sum("text" not in e for e in entries) == 1
    assert all(re.fullmatch(r"[0-9A-F]{32}", e["uuid"]) for e in entries)
    assert all(
        re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", e["creationDate"]) for e in entries
    )
    assert any("\\." in e.get("text", "") for e in entries)  # Mac markdown escapes
    assert any("\\" not in e.get("text", "x") for e in entries)
    with_photo = [e for e in entries if "photos" in e]
    assert len(with_photo) >= 2
    for e in with_photo:
        p = e["photos"][0]
        assert f"![](dayone-moment://{p['identifier']})" in e["text"]
        data = zf.read(f"photos/{p['md5']}.png")
        assert hashlib.md5(data).hexdigest() == p["md5"] and data[:4] == b"\x89PNG"
    assert any(e.get("tags") and "Alex" in e["tags"] for e in entries)
    grat = json.loads(zf.read("Gratitude.json"))["entries"]
    assert grat and all(e["tags"] == ["gratitude"] for e in grat)


def test_jrnl_text_layout(files, story):
    text = files["journal.txt"].decode("utf-8")
    heads = re.findall(r"^\[(\d{4}-\d\d-\d\d \d\d:\d\d)\] (.*)$", text, flags=re.M)
    assert len(heads) == len(story.entries)
    assert sum(h[1].endswith(" *") for h in heads) == sum(e.starred for e in story.entries) > 0
    tags = re.findall(r"(?<!\S)@[-\w]+", text)
    assert tags and all(t == t.lower() for t in tags)
    assert not text.startswith("\ufeff") and "\r" not in text


def test_jrnl_json_layout(files):
    doc = json.loads(files["jrnl.json"])
    assert list(doc) == ["tags", "entries"]
    for e in doc["entries"]:
        assert list(e) == ["title", "body", "date", "time", "tags", "starred"]
        assert re.fullmatch(r"\d\d:\d\d", e["time"])
    counts = Counter(t for e in doc["entries"] for t in set(e["tags"]))
    assert doc["tags"] == dict(counts)


def test_daylio_layout(files, story):
    data = files["daylio.csv"]
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert text.splitlines()[0] == "full_date,date,weekday,time,mood,activities,note_title,note"
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == len(story.entries)
    stamps = [(r["full_date"], r["time"]) for r in rows]
    assert rows[0]["full_date"] >= rows[-1]["full_date"]  # newest first
    assert all(re.fullmatch(r"1?\d:\d\d (am|pm)", t) for _, t in stamps)
    assert {r["mood"] for r in rows} <= {"rad", "good", "meh", "bad", "awful"}
    acts = {a for r in rows for a in r["activities"].split(" | ") if a}
    assert "checked his IG" in acts and "work" in acts
    assert any("<br>" in r["note"] for r in rows)


def test_notes_layout(files):
    notes = {k: v.decode() for k, v in files.items() if k.startswith("notes/")}
    settings = json.loads(notes.pop("notes/.obsidian/daily-notes.json"))
    assert settings == {"format": "YYYY/MM/YYYY-MM-DD", "folder": ""}
    for name, text in notes.items():
        m = re.fullmatch(r"notes/(\d{4})/(\d\d)/(\1-\2-\d\d)\.md", name)
        assert m, name
        assert text.startswith(f"---\ndate: {m.group(3)}\n")
        assert re.search(r"^mood: [1-5]$", text, flags=re.M)
    assert any(re.search(r"^time: \d\d:\d\d$", t, flags=re.M) for t in notes.values())
    assert any(
        re.search(r"^#[a-z][-a-z]*( #[a-z][-a-z]*)*$", t, flags=re.M) for t in notes.values()
    )


def test_table_and_urge_log_layout(files, story):
    table = list(csv.reader(io.StringIO(files["journal.csv"].decode())))
    assert table[0] == ["date", "time", "title", "text", "mood", "tags"]
    assert len(table) == len(story.entries) + 1
    urges = list(csv.reader(io.StringIO(files["urges.csv"].decode())))
    assert urges[0] == ["timestamp", "kind", "intensity", "acted", "trigger", "coping", "note"]
    assert len(urges) == len(story.urges) + 1
    assert all(re.fullmatch(r"2025-\d\d-\d\d \d\d:\d\d", r[0]) for r in urges[1:])
    assert {r[3] for r in urges[1:]} == {"yes", "no", ""}
    assert "" in {r[2] for r in urges[1:]}
    assert {r[5] for r in urges[1:]} <= {
        "",
        "breathing",
        "movement",
        "connection",
        "journaling",
        "distraction",
        "urge_surfing",
    }


def test_loop_layout_matches_the_urge_story(files, story):
    zf = _zip(files["loop.zip"])
    habits = zf.read("Habits.csv").decode().splitlines()
    assert habits[0] == (
        "Position,Name,Type,Question,Description,FrequencyNumerator,FrequencyDenominator,"
        "Color,Unit,Target Type,Target Value,Archived?"
    )
    assert [h.split(",")[:2] for h in habits[1:]] == [
        ["001", "No checking his socials"],
        ["002", "No contact"],
        ["003", "Stretch"],
    ]
    for folder, kind in (
        ("001 No checking his socials", "check_social"),
        ("002 No contact", "reach_out"),
    ):
        rows = list(csv.reader(io.StringIO(zf.read(f"{folder}/Checkmarks.csv").decode())))
        assert rows[0] == ["Date", "Value", "Notes"]
        dates = [r[0] for r in rows[1:]]
        assert dates == sorted(dates, reverse=True)
        no_days = {date.fromisoformat(r[0]) for r in rows[1:] if r[1] == "NO"}
        assert no_days == acted_days(list(story.urges), kind)
        assert {r[1] for r in rows[1:]} <= {"YES_MANUAL", "NO", "SKIP", "UNKNOWN"}
        scores = zf.read(f"{folder}/Scores.csv").decode().splitlines()
        assert scores[0] == "Date,Score" and scores[1].startswith(END.isoformat())
        assert all(re.fullmatch(r"[\d-]{10},[01]\.\d{4}", s) for s in scores[1:])
    values = {
        r.split(",")[1]
        for r in zf.read("001 No checking his socials/Checkmarks.csv").decode().splitlines()[1:]
    }
    assert values == {"YES_MANUAL", "NO", "SKIP", "UNKNOWN"}
    stretch = zf.read("003 Stretch/Checkmarks.csv").decode()
    assert "YES_AUTO" in stretch
    for name in ("Checkmarks.csv", "Scores.csv"):
        lines = zf.read(name).decode().splitlines()
        assert lines[0] == "Date,No checking his socials,No contact,Stretch,"
        assert all(line.endswith(",") and line.count(",") == 4 for line in lines)


def test_loop_scores_follow_the_app():
    # formats.md 4.8: a daily habit checked on 03-05, marked NO on 03-06
    d = date(2024, 3, 5).toordinal()
    computed = _computed({d: (2, ""), d + 1: (0, "")}, 1, 1)
    scores = _scores(computed, 1, 1, d + 1)
    assert (f"{scores[d]:.4f}", f"{scores[d + 1]:.4f}") == ("0.0519", "0.0492")


def test_loop_fills_yes_auto_inside_frequency_intervals():
    # 2 times in 3 days, checked on days 0 and 1: day 2 is implicitly done
    computed = _computed({0 + 10: (2, ""), 1 + 10: (2, "")}, 2, 3)
    assert computed == {10: (2, ""), 11: (2, ""), 12: (1, "")}


# --------------------------------------------------------------- with the readers


@pytest.mark.parametrize("name", sorted(SAMPLE_FILES))
def test_every_sample_file_loads_cleanly(name):
    report = rk.inspect(SAMPLE / name)
    assert report.format == SAMPLE_FILES[name]
    assert report.records == report.loaded
    assert len(report.problems) == 0, report.problems.to_string()


@pytest.mark.parametrize(
    "name", sorted(n for n, f in SAMPLE_FILES.items() if f not in ("urgelog", "loop"))
)
def test_loaded_journal_texts_are_unique(name):
    journal = rk.read_journal(SAMPLE / name)
    texts = journal.loc[journal["text"] != "", "text"]
    assert not texts.duplicated().any()


def test_readers_agree_with_the_story(story):
    urges = rk.read_urges(SAMPLE / "urges.csv", tz="Europe/Berlin")
    assert len(urges) == len(story.urges)
    acted = set(
        urges.loc[(urges["kind"] == "check_social") & urges["acted"].fillna(False), "date"]
    )
    loop = rk.read_urges(SAMPLE / "loop.zip")
    no_days = set(loop.loc[(loop["kind"] == "check_social") & loop["acted"].fillna(False), "date"])
    assert acted == no_days
    dayone = rk.read_journal(SAMPLE / "dayone.zip")
    assert set(dayone["tz"]) == {"Europe/Berlin", NEW_YORK}
    assert (dayone["text"] == "").sum() == 1
    assert not dayone["text"].str.contains("\\", regex=False).any()


# ------------------------------------------------------- answered reflection prompts


def test_notes_carry_answers_to_every_prompt_set():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        journal = rk.read_journal(SAMPLE / "notes")
    report = rk.inspect(SAMPLE / "notes")
    assert report.records == report.loaded == len(journal) and len(report.problems) == 0
    answers = rk.prompt_answers(journal)
    assert set(answers["set"]) == set(prompts)
    occasions = answers.groupby("set")["date"].nunique().to_dict()
    assert occasions == {"closure_letter": 4, "hope_bond": 2, "hardest_part": 3, "boundaries": 2}
    # every prompt of a set is answered each time the set is used
    per_day = answers.groupby(["date", "set"])["prompt_id"].nunique()
    assert all(n == len(prompts[s]) for (_, s), n in per_day.items())
    assert 8 <= answers["date"].nunique() <= 10
    anniversary = answers.loc[answers["set"] == "boundaries", "date"]
    assert anniversary.between(str(ANNIVERSARY_WEEK[0]), str(ANNIVERSARY_WEEK[1])).all()
    assert not answers["answer"].str.contains("<!--|#", regex=True).any()


def test_what_to_accept_changes_over_the_weeks():
    answers = rk.prompt_answers(rk.read_journal(SAMPLE / "notes"))
    accept = answers[answers["prompt_id"] == "closure_letter.to_accept"]
    assert len(accept) == 4 and accept["answer"].nunique() == 4
    assert accept["date"].is_monotonic_increasing and accept["date"].is_unique
    gaps = accept["date"].diff().dt.days.dropna()
    assert gaps.between(21, 35).all()  # about every four weeks
    first, last = accept["answer"].iloc[0], accept["answer"].iloc[-1]
    assert re.search(r"waiting|coming back|left", first)
    assert re.search(r"over|finished|peace", last) and "waiting" not in last


def test_prompt_answer_bank_evolves_for_every_seed():
    plan = Counter(name for _, name in REFLECTION_PLAN)
    for pid in prompts.by_id():
        occasions = PROMPT_ANSWERS[pid]
        assert len(occasions) == plan[pid.split(".")[0]], pid
        flat = [a for options in occasions for a in options]
        assert all(len(options) >= 2 for options in occasions), pid
        assert len(set(flat)) == len(flat), pid  # no wording repeats between occasions
    for seed in SEEDS:
        story = build_story(seed)
        days = {e.local.date() for e in story.entries}
        assert len(story.reflections) == len(REFLECTION_PLAN)
        assert all(r.day in days for r in story.reflections)
        for name, n in plan.items():
            assert len({r.day for r in story.reflections if r.prompt_set == name}) == n


def test_prompt_sections_are_laid_out_as_new_entry_writes_them(tmp_path, story):
    """Replaying new_entry (then typing each answer under its mark) gives the sample's notes."""
    files = render_sample()
    base = notes_files(dataclasses.replace(story, reflections=()))
    (tmp_path / ".obsidian").mkdir()
    (tmp_path / ".obsidian" / "daily-notes.json").write_bytes(base[".obsidian/daily-notes.json"])
    changed = set()
    for r in story.reflections:
        name = f"{r.day:%Y}/{r.day:%m}/{r.day.isoformat()}.md"
        path = tmp_path / name
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(base[name])
        assert new_entry(tmp_path, prompts_set=r.prompt_set, day=r.day) == path
        text = path.read_text(encoding="utf-8")
        for pid, answer in r.answers:
            text = text.replace(
                f"<!-- prompt: {pid} -->\n\n", f"<!-- prompt: {pid} -->\n{answer}\n"
            )
        path.write_text(text, encoding="utf-8")
        changed.add(name)
    for name in changed:
        assert (tmp_path / name).read_bytes() == files[f"notes/{name}"], name
    for name, data in base.items():  # the other notes are untouched
        if name not in changed:
            assert files[f"notes/{name}"] == data, name


def test_only_the_notes_carry_the_prompt_answers(files, story):
    """Prompt sections are a Markdown-notes feature; the other exports stay as they were."""
    answers = [a for r in story.reflections for _, a in r.answers]

    def text(name: str, data: bytes) -> str:
        if not name.endswith(".zip"):
            return data.decode("utf-8")
        zf = _zip(data)
        return " ".join(zf.read(n).decode() for n in zf.namelist() if not n.endswith(".png"))

    notes = " ".join(d.decode() for n, d in files.items() if n.startswith("notes/"))
    assert all(a in notes for a in answers)
    for name, data in files.items():
        if not name.startswith("notes/"):
            assert not any(a in text(name, data) for a in answers), name
