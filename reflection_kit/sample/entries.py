"""The journal entries of the sample story, composed from the phrase banks."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

from . import phrases as ph
from .model import (
    ANNIVERSARY,
    BERLIN,
    DAYS,
    END,
    NEW_YORK,
    PHOTO_DAYS,
    PROMPT_DAYS,
    START,
    TRIP,
    Entry,
    Urge,
    _anniv,
    _at,
    _in_anniv_week,
    _progress,
    zone_at,
)

__all__ = ["make_entries", "make_gratitude"]


class _Picker:
    """Pick templates, preferring the ones used least so far."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.uses: dict[str, int] = {}

    def pick(
        self, bank: tuple[str, ...], avoid: set[str], morning: bool = False, early: bool = False
    ) -> str:
        options = [t for t in bank if t not in avoid] or list(bank)
        if morning:
            options = [t for t in options if not any(w in t for w in _EVENING_ONLY)] or options
        if early:  # no "than a month ago" in the first weeks
            options = [t for t in options if "month" not in t] or options
        weights = [1.0 / (1 + self.uses.get(t, 0)) ** 2 for t in options]
        t = self.rng.choices(options, weights)[0]
        self.uses[t] = self.uses.get(t, 0) + 1
        avoid.add(t)
        return t


_EVENING_ONLY = (
    "today",
    "tonight",
    "evening",
    "dinner",
    "before bed",
    "all day",
    "after work",
    "Spent ",
    "the day",
    "Home late",
    "{time_phrase}",
    "{situation}",
    "afternoon",
    "unch",
    "Made ",
    "came over",
    "Climbing",
    "Ate ",
    "Therapy",
    "therapist",
    "I {social_activity}",
    "Read ",
    "Did laundry",
    "Paid ",
    "Cleaned ",
    "Got through",
    "ran long",
    "The tram",
    "Picked up",
    "neighbours",
    "Fixed ",
    "Tried ",
    "Called ",
    "helped me",
    "It was ",
    "liked the draft",
    "Work was",
    "got coffee",
)

_TAG_WORDS = (
    ("work", ("Work", "work", "stand-up", "inbox", "manager", "{coworker}", "office")),
    ("friends", ("{friend}", "Mira", "Jule", "Tomasz", "Priya", "Jonas")),
    ("therapy", ("Therapy", "therapist")),
    ("movement", ("{move_activity}", "Climbing", "walk")),
    ("food", ("{food", "recipe", "Lunch", "bagel", "dumpling")),
    ("sleep", ("Slept", "sleep")),
)


def _tags_of(template: str) -> list[str]:
    return [tag for tag, words in _TAG_WORDS if any(w in template for w in words)]


def _urge_time(hour: int) -> str:
    if hour < 5:
        return "after midnight"
    if hour < 11:
        return "this morning"
    if hour < 14:
        return "at lunch"
    if hour < 18:
        return "this afternoon"
    if hour < 21:
        return "after dinner"
    return "right before bed"


def _urge_sentence(rng: random.Random, u: Urge) -> str:
    acted = bool(u.acted)
    text = rng.choice(ph.URGE_REPORT[(u.kind, acted)])
    text = text.replace("{urge_time}", _urge_time(u.local.hour))
    text = text.replace("{coping_done}", rng.choice(ph.COPING_DONE[u.coping]))
    return ph.fill(text, rng)


def _mood(rng: random.Random, r: float, acted_today: int) -> int:
    score = 3.0 - 2.6 * (r - 0.45) + rng.gauss(0, 0.55) - 0.3 * min(acted_today, 3)
    return 1 + sum(score >= cut for cut in (1.5, 2.5, 3.5, 4.4))


class _Writer:
    def __init__(self, rng: random.Random, urges: list[Urge]) -> None:
        self.rng = rng
        self.picker = _Picker(rng)
        self.urges_by_day: dict[date, list[Urge]] = {}
        for u in urges:
            self.urges_by_day.setdefault(u.local.date(), []).append(u)
        self.seen: set[str] = set()
        self.reported: set[int] = set()

    def entry(self, d: int, local: datetime, special: str = "") -> Entry:
        for _ in range(50):
            e = self._compose(d, local, special)
            if e.body not in self.seen:
                self.seen.add(e.body)
                return e
        raise AssertionError("could not compose a new entry")  # pragma: no cover

    def _rumination(self, d: int, day: date) -> float:
        r = 0.88 - 0.78 * _progress(d) + 0.4 * _anniv(d)
        if TRIP[0] <= day <= TRIP[1]:
            r -= 0.12
        return min(0.96, max(0.04, r + self.rng.gauss(0, 0.08)))

    def _compose(self, d: int, local: datetime, special: str) -> Entry:
        rng, day, p = self.rng, local.date(), _progress(d)
        r = self._rumination(d, day)
        avoid: set[str] = set()
        tags: list[str] = []
        counts = {"ruminate": 0.0, "release": 0.0, "sad_ok": 0.0, "neutral": 0.0}
        evening = local.hour >= 17 or local.hour < 4
        ny = zone_at(day, local.hour) == NEW_YORK

        def take(bank: tuple[str, ...], tone: str) -> str:
            t = self.picker.pick(bank, avoid, morning=not evening, early=p < 0.3)
            counts[tone] += 1
            tags.extend(_tags_of(t))
            if tone == "ruminate" or "Alex" in t or bank is ph.ANNIVERSARY:
                tags.append("alex")
            return ph.fill(t, rng)

        intro: list[str] = []
        core: list[str] = []
        if special in PROMPT_DAYS.values():
            template, answers = ph.PROMPTS[special]
            body = template.format(*(rng.choice(a) for a in answers))
            tone = "release" if special != "hope_bond" else "ruminate"
            title = {
                "hope_bond": "Three questions",
                "closure_letter": "A letter to myself",
                "boundaries": "Sticky note",
                "hardest_part": "The hardest part",
            }[special]
            tags = ["prompt", special.replace("_", "-")]
            return Entry(
                local,
                zone_at(day, local.hour),
                title,
                body,
                tuple(tags),
                _mood(rng, r, 0),
                True,
                r,
                tone,
                "iphone",
            )
        if special == "last":
            body = " ".join(rng.choice(opts) for opts in ph.LAST_LINES)
            extra = [take(ph.RELEASE, "release") for _ in range(3)]
            body = body + "\n\n" + " ".join(extra)
            return Entry(
                local,
                BERLIN,
                "Sixteen weeks",
                body,
                ("milestone", *dict.fromkeys(tags)),
                5,
                True,
                0.05,
                "release",
                "mac",
                photo=True,
            )
        if special == "first":
            intro.append(rng.choice(ph.FIRST_LINES))
            r = max(r, 0.9)
        neutral_day = special == "" and rng.random() < 0.12 + 0.15 * p
        short = special == "" and rng.random() < 0.16
        if rng.random() < 0.55:
            intro.append(ph.fill(rng.choice(ph.OPEN_EVENING if evening else ph.OPEN_MORNING), rng))
        n_ctx = rng.randint(2, 5) if neutral_day else rng.choice((0, 1, 1, 2, 2, 3))
        if short:
            n_ctx = min(n_ctx, 1)
        if ny:  # no office, tram or neighbours in New York
            tags.append("new-york")
            intro.extend(take(ph.NY, "neutral") for _ in range(rng.randint(1, 3)))
            n_ctx = 0
        intro.extend(take(ph.NEUTRAL, "neutral") for _ in range(n_ctx))
        if not short and p > 0.25 and rng.random() < 0.1 + 0.12 * p:
            intro.append(take(ph.ALEX_NEUTRAL, "neutral"))
        todays = [
            u
            for u in self.urges_by_day.get(day, [])
            if u.local < local and id(u) not in self.reported and u.acted is not None
        ]
        if todays and evening and not short and rng.random() < 0.65:
            for u in todays[-rng.randint(1, 2) :]:
                self.reported.add(id(u))
                core.append(_urge_sentence(rng, u))
                tags.append("urge")
                counts["ruminate" if u.acted else "release"] += 0.5
        if _in_anniv_week(day):
            tags.append("anniversary")
            core.extend(take(ph.ANNIVERSARY, "ruminate") for _ in range(rng.randint(1, 2)))
        n_core = rng.randint(1, 2) if short else (rng.randint(0, 1) if neutral_day else 0)
        if not short and not neutral_day:
            n_core = rng.randint(8, 13) if rng.random() < 0.2 else rng.randint(3, 8)
        sad_p = 0.08 + 0.16 * (1 - abs(p - 0.5) * 2)
        for _ in range(n_core):
            if rng.random() < sad_p:
                core.append(take(ph.SAD_OK, "sad_ok"))
            elif rng.random() < r:
                core.append(take(ph.RUMINATE, "ruminate"))
            else:
                core.append(take(ph.RELEASE, "release"))
        sentences = intro + core
        while not short and sum(len(s.split()) for s in sentences) < 60:
            bank, tone = (ph.RUMINATE, "ruminate") if rng.random() < r else (ph.RELEASE, "release")
            core.append(take(bank, tone))
            sentences = intro + core
        tone = max(counts, key=lambda k: (counts[k], k))
        if not short and evening and rng.random() < 0.5:
            core.append(rng.choice(ph.CLOSE["neutral" if tone == "sad_ok" else tone]))
        while sum(len(s.split()) for s in intro + core) > 250:
            core.pop(rng.randrange(len(core) - 1) if len(core) > 1 else 0)
        body = self._paragraphs(intro, core)
        if ny:
            title = rng.choice(ph.TITLES["ny"])
        elif _in_anniv_week(day):
            title = rng.choice(ph.TITLES["anniversary"])
        else:
            title = rng.choice(ph.TITLES[tone])
        acted = sum(1 for u in self.urges_by_day.get(day, []) if u.acted)
        starred = rng.random() < (0.06 + (0.12 if tone == "release" and p > 0.5 else 0.0))
        device = "mac" if evening and not ny and rng.random() < 0.35 else "iphone"
        return Entry(
            local=local,
            tz=zone_at(day, local.hour),
            title=title,
            body=body,
            tags=tuple(dict.fromkeys(tags))[:5],
            mood=_mood(rng, r, acted),
            starred=starred,
            rumination=round(r, 3),
            tone=tone,
            device=device,
        )

    def _paragraphs(self, intro: list[str], core: list[str]) -> str:
        paras = []
        if intro:
            paras.append(" ".join(intro))
        if len(core) > 5 and self.rng.random() < 0.7:
            cut = self.rng.randint(2, len(core) - 2)
            paras += [" ".join(core[:cut]), " ".join(core[cut:])]
        elif core:
            paras.append(" ".join(core))
        return "\n\n".join(paras)


def _entry_times(rng: random.Random, day: date, n: int) -> list[datetime]:
    def evening() -> datetime:
        hh = rng.choice((19, 20, 21, 21, 22, 22, 23))
        return _at(day, hh, rng.randrange(51 if hh == 23 else 60))

    if n == 2:
        return [_at(day, rng.randint(6, 9), rng.randrange(60)), evening()]
    u = rng.random()
    if u < 0.7:
        return [evening()]
    if u < 0.9:
        return [_at(day, rng.randint(7, 9), rng.randrange(60))]
    return [_at(day, rng.randint(12, 13), rng.randrange(60))]


def make_entries(rng: random.Random, urges: list[Urge]) -> list[Entry]:
    """About three days in four get one or two entries; evening ones may report the day's urges."""
    writer = _Writer(rng, urges)
    entries: list[Entry] = []
    forced = {0, (TRIP[0] - START).days, (ANNIVERSARY - START).days, DAYS - 1}
    forced |= set(PROMPT_DAYS) | {(d - START).days for d in PHOTO_DAYS}
    for d in range(DAYS):
        day = START + timedelta(d)
        if d not in forced and rng.random() >= 0.73:
            continue
        two = rng.random() < (0.45 if _in_anniv_week(day) else 0.26)
        times = _entry_times(rng, day, 2 if two else 1)
        if day == TRIP[0]:
            times = [_at(day, 7, 45), _at(day, 22, 10)]
        elif d == 0:
            times = [_at(day, 21, 11)]
        elif d == DAYS - 1:
            times = [*times[:-1], _at(day, 21, 15)]
        for i, local in enumerate(times):
            special = ""
            last = i == len(times) - 1
            if d == 0 and last:
                special = "first"
            elif d in PROMPT_DAYS and last:
                special = PROMPT_DAYS[d]
            elif d == DAYS - 1 and last:
                special = "last"
            e = writer.entry(d, local, special)
            if day in PHOTO_DAYS and last:
                e = Entry(**{**e.__dict__, "photo": True})
            entries.append(e)
    return entries


def make_gratitude(rng: random.Random) -> list[Entry]:
    """The small second journal: "three good things" about once a week."""
    out, seen = [], set()
    day = START + timedelta(days=6)
    while day <= END:
        for _ in range(20):
            items = rng.sample(ph.GRATITUDE, 3)
            body = "\n".join(
                f"{i}. {item[0].upper()}{item[1:]}" for i, item in enumerate(items, 1)
            )
            if body not in seen:
                break
        seen.add(body)
        local = _at(day, rng.randint(9, 11), rng.randrange(60))
        out.append(
            Entry(
                local,
                zone_at(day, local.hour),
                "Three good things",
                body,
                ("gratitude",),
                4,
                False,
                0.1,
                "release",
            )
        )
        day += timedelta(days=rng.choice((6, 7, 7, 8, 9)))
    return out
