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
    """The tags a template's words suggest (work, friends, therapy, ...)."""
    return [tag for tag, words in _TAG_WORDS if any(w in template for w in words)]


def _urge_time(hour: int) -> str:
    """Say when in the day an urge came, from its local hour."""
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
    """One sentence telling of urge ``u``: when it came and what Robin did."""
    acted = bool(u.acted)
    text = rng.choice(ph.URGE_REPORT[(u.kind, acted)])
    text = text.replace("{urge_time}", _urge_time(u.local.hour))
    text = text.replace("{coping_done}", rng.choice(ph.COPING_DONE[u.coping]))
    return ph.fill(text, rng)


def _mood(rng: random.Random, r: float, acted_today: int) -> int:
    """The mood line, 1-5: lower with rumination ``r`` and with urges acted on today."""
    score = 3.0 - 2.6 * (r - 0.45) + rng.gauss(0, 0.55) - 0.3 * min(acted_today, 3)
    return 1 + sum(score >= cut for cut in (1.5, 2.5, 3.5, 4.4))


_PROMPT_TITLES = {
    "hope_bond": "Three questions",
    "closure_letter": "A letter to myself",
    "boundaries": "Sticky note",
    "hardest_part": "The hardest part",
}


class _Draft:
    """One entry while it is written: its moment, sentences so far, tags and tone counts."""

    def __init__(
        self, rng: random.Random, picker: _Picker, local: datetime, p: float, r: float
    ) -> None:
        self.rng, self.picker, self.local, self.p, self.r = rng, picker, local, p, r
        self.day = local.date()
        self.tz = zone_at(self.day, local.hour)
        self.ny = self.tz == NEW_YORK
        self.evening = local.hour >= 17 or local.hour < 4
        self.avoid: set[str] = set()
        self.tags: list[str] = []
        self.counts = {"ruminate": 0.0, "release": 0.0, "sad_ok": 0.0, "neutral": 0.0}
        self.intro: list[str] = []
        self.core: list[str] = []

    def take(self, bank: tuple[str, ...], tone: str) -> str:
        """Pick a fresh template from ``bank``, count its tone, note its tags and fill it."""
        t = self.picker.pick(bank, self.avoid, morning=not self.evening, early=self.p < 0.3)
        self.counts[tone] += 1
        self.tags.extend(_tags_of(t))
        if tone == "ruminate" or "Alex" in t or bank is ph.ANNIVERSARY:
            self.tags.append("alex")
        return ph.fill(t, self.rng)

    def words(self) -> int:
        """How many words the entry has so far."""
        return sum(len(s.split()) for s in self.intro + self.core)

    def tone(self) -> str:
        """The tone most sentences leaned to (a tie goes to the alphabetically later name)."""
        return max(self.counts, key=lambda k: (self.counts[k], k))


def _prompt_entry(e: _Draft, special: str) -> Entry:
    """Answer one of the four writing prompts by filling its template with drawn answers."""
    template, answers = ph.PROMPTS[special]
    body = template.format(*(e.rng.choice(a) for a in answers))
    tone = "release" if special != "hope_bond" else "ruminate"
    tags = ("prompt", special.replace("_", "-"))
    mood = _mood(e.rng, e.r, 0)
    return Entry(
        e.local, e.tz, _PROMPT_TITLES[special], body, tags, mood, True, e.r, tone, "iphone"
    )


def _last_entry(e: _Draft) -> Entry:
    """Write the closing milestone: the fixed last lines, then three letting-go sentences."""
    body = " ".join(e.rng.choice(opts) for opts in ph.LAST_LINES)
    extra = [e.take(ph.RELEASE, "release") for _ in range(3)]
    body = body + "\n\n" + " ".join(extra)
    tags = ("milestone", *dict.fromkeys(e.tags))
    return Entry(
        e.local, BERLIN, "Sixteen weeks", body, tags, 5, True, 0.05, "release", "mac", photo=True
    )


def _shape(e: _Draft, special: str) -> tuple[bool, bool]:
    """Choose the entry's shape: is it a neutral day, and is it a short note?"""
    neutral_day = special == "" and e.rng.random() < 0.12 + 0.15 * e.p
    short = special == "" and e.rng.random() < 0.16
    return neutral_day, short


def _opening(e: _Draft, neutral_day: bool, short: bool) -> None:
    """Open the entry: maybe a greeting line, then everyday context (New York on the trip)."""
    rng = e.rng
    if rng.random() < 0.55:
        e.intro.append(ph.fill(rng.choice(ph.OPEN_EVENING if e.evening else ph.OPEN_MORNING), rng))
    n_ctx = rng.randint(2, 5) if neutral_day else rng.choice((0, 1, 1, 2, 2, 3))
    if short:
        n_ctx = min(n_ctx, 1)
    if e.ny:  # no office, tram or neighbours in New York
        e.tags.append("new-york")
        e.intro.extend(e.take(ph.NY, "neutral") for _ in range(rng.randint(1, 3)))
        n_ctx = 0
    e.intro.extend(e.take(ph.NEUTRAL, "neutral") for _ in range(n_ctx))
    if not short and e.p > 0.25 and rng.random() < 0.1 + 0.12 * e.p:
        e.intro.append(e.take(ph.ALEX_NEUTRAL, "neutral"))


def _anniversary(e: _Draft) -> None:
    """In the anniversary week, add one or two sentences about the date."""
    if _in_anniv_week(e.day):
        e.tags.append("anniversary")
        e.core.extend(e.take(ph.ANNIVERSARY, "ruminate") for _ in range(e.rng.randint(1, 2)))


def _core(e: _Draft, neutral_day: bool, short: bool) -> None:
    """Write the body by phase: sad-but-okay peaks mid-story, else ruminate with chance r."""
    rng = e.rng
    if short:
        n_core = rng.randint(1, 2)
    elif neutral_day:
        n_core = rng.randint(0, 1)
    else:
        n_core = rng.randint(8, 13) if rng.random() < 0.2 else rng.randint(3, 8)
    sad_p = 0.08 + 0.16 * (1 - abs(e.p - 0.5) * 2)
    for _ in range(n_core):
        if rng.random() < sad_p:
            e.core.append(e.take(ph.SAD_OK, "sad_ok"))
        elif rng.random() < e.r:
            e.core.append(e.take(ph.RUMINATE, "ruminate"))
        else:
            e.core.append(e.take(ph.RELEASE, "release"))


def _pad(e: _Draft, short: bool) -> None:
    """Lengthen a full entry to at least 60 words, ruminating with chance r."""
    while not short and e.words() < 60:
        if e.rng.random() < e.r:
            e.core.append(e.take(ph.RUMINATE, "ruminate"))
        else:
            e.core.append(e.take(ph.RELEASE, "release"))


def _closing(e: _Draft, tone: str, short: bool) -> None:
    """End half of the full evening entries with a closing line in the entry's tone."""
    if not short and e.evening and e.rng.random() < 0.5:
        e.core.append(e.rng.choice(ph.CLOSE["neutral" if tone == "sad_ok" else tone]))


def _trim(e: _Draft) -> None:
    """Drop body sentences at random, the last one last, until the entry is at most 250 words."""
    while e.words() > 250:
        e.core.pop(e.rng.randrange(len(e.core) - 1) if len(e.core) > 1 else 0)


def _title(e: _Draft, tone: str) -> str:
    """Title the entry: New York and anniversary-week titles first, else one for its tone."""
    if e.ny:
        return e.rng.choice(ph.TITLES["ny"])
    if _in_anniv_week(e.day):
        return e.rng.choice(ph.TITLES["anniversary"])
    return e.rng.choice(ph.TITLES[tone])


class _Writer:
    """Write the story's entries, each with a body not written before."""

    def __init__(self, rng: random.Random, urges: list[Urge]) -> None:
        self.rng = rng
        self.picker = _Picker(rng)
        self.urges_by_day: dict[date, list[Urge]] = {}
        for u in urges:
            self.urges_by_day.setdefault(u.local.date(), []).append(u)
        self.seen: set[str] = set()
        self.reported: set[int] = set()

    def entry(self, d: int, local: datetime, special: str = "") -> Entry:
        """Compose the entry for day ``d`` at ``local``, redrawing until its body is new."""
        for _ in range(50):
            e = self._compose(d, local, special)
            if e.body not in self.seen:
                self.seen.add(e.body)
                return e
        raise AssertionError("could not compose a new entry")  # pragma: no cover

    def _rumination(self, d: int, day: date) -> float:
        """Rumination on day ``d`` (0.04-0.96): fading over weeks, rising near the anniversary."""
        r = 0.88 - 0.78 * _progress(d) + 0.4 * _anniv(d)
        if TRIP[0] <= day <= TRIP[1]:
            r -= 0.12
        return min(0.96, max(0.04, r + self.rng.gauss(0, 0.08)))

    def _compose(self, d: int, local: datetime, special: str) -> Entry:
        """Compose one entry: a prompt answer, the last entry, or an ordinary diary entry."""
        p = _progress(d)
        e = _Draft(self.rng, self.picker, local, p, self._rumination(d, local.date()))
        if special in PROMPT_DAYS.values():
            return _prompt_entry(e, special)
        if special == "last":
            return _last_entry(e)
        return self._diary_entry(e, special)

    def _diary_entry(self, e: _Draft, special: str) -> Entry:
        """Write an ordinary entry step by step, in the order its random draws must happen."""
        if special == "first":
            e.intro.append(e.rng.choice(ph.FIRST_LINES))
            e.r = max(e.r, 0.9)
        neutral_day, short = _shape(e, special)
        _opening(e, neutral_day, short)
        self._report_urges(e, short)
        _anniversary(e)
        _core(e, neutral_day, short)
        _pad(e, short)
        tone = e.tone()
        _closing(e, tone, short)
        _trim(e)
        return self._assemble(e, tone)

    def _report_urges(self, e: _Draft, short: bool) -> None:
        """Tell of the last one or two earlier urges of the day in a full evening entry, once."""
        todays = [
            u
            for u in self.urges_by_day.get(e.day, [])
            if u.local < e.local and id(u) not in self.reported and u.acted is not None
        ]
        if todays and e.evening and not short and e.rng.random() < 0.65:
            for u in todays[-e.rng.randint(1, 2) :]:
                self.reported.add(id(u))
                e.core.append(_urge_sentence(e.rng, u))
                e.tags.append("urge")
                e.counts["ruminate" if u.acted else "release"] += 0.5

    def _assemble(self, e: _Draft, tone: str) -> Entry:
        """Assemble the entry: paragraphs, title, star, device, mood and at most five tags."""
        rng = self.rng
        body = self._paragraphs(e.intro, e.core)
        title = _title(e, tone)
        acted = sum(1 for u in self.urges_by_day.get(e.day, []) if u.acted)
        starred = rng.random() < (0.06 + (0.12 if tone == "release" and e.p > 0.5 else 0.0))
        device = "mac" if e.evening and not e.ny and rng.random() < 0.35 else "iphone"
        return Entry(
            local=e.local,
            tz=e.tz,
            title=title,
            body=body,
            tags=tuple(dict.fromkeys(e.tags))[:5],
            mood=_mood(rng, e.r, acted),
            starred=starred,
            rumination=round(e.r, 3),
            tone=tone,
            device=device,
        )

    def _paragraphs(self, intro: list[str], core: list[str]) -> str:
        """Join the opening and the body into paragraphs, splitting a long body in two."""
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
