"""The urge log of the sample story and the Loop check-ins derived from it."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

from ..kinds import kind_of
from .model import (
    ANNIVERSARY,
    DAYS,
    END,
    NEW_YORK,
    SLIP_DAY,
    START,
    TRIP,
    Urge,
    _anniv,
    _at,
    _in_anniv_week,
    _poisson,
    _progress,
    _weighted,
    zone_at,
)

__all__ = ["LABELS", "acted_days", "make_checkins", "make_urges", "runs"]


#: free-text labels per (kind, acted); every label maps back to its kind
LABELS: dict[tuple[str, bool], tuple[str, ...]] = {
    ("check_social", True): (
        "checked his IG",
        "looked at his stories",
        "checked his Instagram",
        "looked at his profile",
        "scrolled his feed",
        "looked at his Strava",
        "checked his last seen",
        "watched his story",
    ),
    ("check_social", False): (
        "wanted to check his IG",
        "almost looked at his stories",
        "nearly checked his profile",
        "wanted to check his socials",
    ),
    ("reach_out", True): ("texted him", "called him", "messaged Alex", "sent him a voice note"),
    ("reach_out", False): (
        "almost texted him",
        "wanted to call him",
        "typed a message to Alex",
        "almost called",
        "drafted an email to him",
        "almost messaged him",
    ),
    ("reread", True): (
        "reread our old chat",
        "scrolled our chat",
        "looked at old photos",
        "reread old messages",
        "rewatched our videos",
    ),
    ("reread", False): ("wanted to reread our old chat", "almost opened old photos"),
    ("fantasize", True): (
        "daydreamed he'd come back",
        "imagined us getting back together",
        "pictured him at my door",
        "fantasized about running into him",
        "daydreamed about him",
    ),
    ("fantasize", False): (
        "started imagining us back together",
        "caught myself daydreaming about him",
    ),
    ("other", True): ("put on his hoodie", "listened to our playlist", "walked past his street"),
    ("other", False): ("wanted to ask Mira about him", "nearly walked past his street"),
}

_NOTES_ACTED = (
    "felt worse after",
    "only a minute",
    "not proud, not beating myself up either",
    "closed it fast",
)
_NOTES_RESISTED = (
    "it passed in about ten minutes",
    "proud of this one",
    "harder than usual",
    "easier than last week",
)


def _urge_hour(rng: random.Random, weekend: bool) -> int:
    weights = {
        7: 0.5,
        8: 0.5,
        9: 0.2,
        10: 0.25,
        11: 0.25,
        12: 0.5,
        13: 0.5,
        14: 0.25,
        15: 0.25,
        16: 0.3,
        17: 0.4,
        18: 0.6,
        19: 0.8,
        20: 1.2,
        21: 1.5,
        22: 1.6,
        23: 1.0,
    }
    if weekend:
        weights = {h: w * (1.8 if 10 <= h <= 17 else 1.0) for h, w in weights.items()}
    return int(_weighted(rng, {str(h): w for h, w in weights.items()}))


def _trigger(rng: random.Random, day: date, hour: int) -> str:
    if rng.random() < 0.08:
        return ""
    if day == ANNIVERSARY:
        return "our anniversary"
    if _in_anniv_week(day) and rng.random() < 0.5:
        return "anniversary week"
    if zone_at(day, hour) == NEW_YORK and rng.random() < 0.4:
        return rng.choice(("jet lag", "saw something he'd love"))
    weekend = day.weekday() >= 5
    if hour == 0 or hour >= 23:
        pool: tuple[str, ...] = ("couldn't sleep", "phone in bed")
    elif hour >= 19:
        pool = (
            "alone in the evening",
            "after a glass of wine",
            "quiet flat",
            "scrolling on the sofa",
        )
    elif hour < 10:
        pool = ("woke up thinking of him",) + (("lazy weekend",) if weekend else ("commute",))
    elif weekend:
        pool = ("saw couples in the park", "lazy weekend", "quiet Saturday")
        if day.weekday() == 6:
            pool = ("Sunday afternoon", "saw couples in the park", "lazy weekend")
        if day.day >= 25 or day.day <= 3:
            pool = ("payday weekend", "payday weekend", *pool)
    elif hour <= 14:
        pool = ("lunch break scrolling", "bored at work")
    elif hour <= 16:
        pool = ("bored at work",)
    else:
        pool = ("commute", "tired after work")
    general = ("saw a photo", "a song came on", "mutual friend mentioned him", "memory popped up")
    return rng.choice(pool + general if rng.random() < 0.35 else pool)


def _one_urge(rng: random.Random, d: int, local: datetime) -> Urge:
    p, day = _progress(d), local.date()
    ann = 1.0 if _in_anniv_week(day) else 0.0
    kinds = {
        "check_social": 0.38 - 0.04 * p,
        "reach_out": 0.20 - 0.06 * p + 0.08 * ann,
        "reread": 0.20 - 0.06 * p + 0.06 * ann,
        "fantasize": 0.17 + 0.08 * p,
        "other": 0.05 + 0.06 * p,
    }
    kind = _weighted(rng, kinds)
    mean = 7.2 - 3.4 * p + 1.6 * ann + (0.6 if local.hour >= 21 or local.hour == 0 else 0.0)
    intensity = round(min(10.0, max(0.0, rng.gauss(mean, 1.4))))
    none_p = 0.35 - 0.25 * p
    coping = ""
    if rng.random() >= none_p:
        coping = _weighted(
            rng,
            {
                "breathing": 0.15 + 0.08 * p,
                "movement": 0.10 + 0.10 * p,
                "connection": 0.10 + 0.10 * p,
                "journaling": 0.20 - 0.07 * p,
                "distraction": 0.40 - 0.30 * p,
                "urge_surfing": 0.05 + 0.10 * p,
            },
        )
    mult = {
        "": 1.4,
        "distraction": 1.15,
        "journaling": 0.8,
        "urge_surfing": 0.65,
        "breathing": 0.55,
        "movement": 0.5,
        "connection": 0.45,
    }[coping]
    kind_mult = {
        "check_social": 1.1,
        "reach_out": 0.5,
        "reread": 1.0,
        "fantasize": 1.3,
        "other": 1.0,
    }[kind]
    base = (0.62 - 0.50 * p) * (1.6 if ann else 1.0)
    prob = base * mult * kind_mult * (0.55 + 0.07 * intensity)
    acted = rng.random() < min(0.95, max(0.02, prob))
    note = ""
    if rng.random() < 0.15:
        note = rng.choice(_NOTES_ACTED if acted else _NOTES_RESISTED)
    return Urge(
        local=local,
        tz=zone_at(day, local.hour),
        label=rng.choice(LABELS[(kind, acted)]),
        kind=kind,
        intensity=intensity,
        acted=acted,
        trigger=_trigger(rng, day, local.hour),
        coping=coping,
        note=note,
    )


def _with(u: Urge, **changes: object) -> Urge:
    data = {**u.__dict__, **changes}
    if "acted" in changes and "label" not in changes:
        labels = LABELS[(data["kind"], bool(data["acted"]))]
        data["label"] = labels[sum(map(ord, u.label)) % len(labels)]
    return Urge(**data)


def _forced(day: date, hh: int, mm: int, kind: str, acted: bool, **kw: object) -> Urge:
    labels = LABELS[(kind, acted)]
    return Urge(
        local=_at(day, hh, mm),
        tz=zone_at(day, hh),
        label=str(kw.pop("label", labels[0])),
        kind=kind,
        acted=acted,
        **kw,  # type: ignore[arg-type]
    )


def acted_days(urges: list[Urge], kind: str) -> set[date]:
    """The local days with at least one acted urge of ``kind``."""
    return {u.local.date() for u in urges if u.kind == kind and u.acted}


def runs(acted: set[date], first: date, last: date) -> list[tuple[date, int]]:
    """Runs of days without an acted urge: (start, length)."""
    out, start, day = [], None, first
    while day <= last:
        if day in acted:
            if start is not None:
                out.append((start, (day - start).days))
            start = None
        elif start is None:
            start = day
        day += timedelta(days=1)
    if start is not None:
        out.append((start, (last - start).days + 1))
    return out


def _ensure_acted(urges: list[Urge], day: date, kind: str, hh: int, mm: int, **kw: object) -> None:
    if day in acted_days(urges, kind):
        return
    same = [i for i, u in enumerate(urges) if u.local.date() == day and u.kind == kind]
    if same:
        urges[same[-1]] = _with(urges[same[-1]], acted=True)
    else:
        urges.append(_forced(day, hh, mm, kind, True, **kw))


def _story_constraints(urges: list[Urge]) -> list[Urge]:
    """Nudge the random draws so the story keeps its shape for every seed."""
    last_contact = ANNIVERSARY
    urges = [
        _with(u, acted=False)
        if u.acted
        and (
            (u.kind == "check_social" and u.local.date() > SLIP_DAY)
            or (u.kind == "reach_out" and u.local.date() > last_contact)
        )
        else u
        for u in urges
    ]
    urges += [
        _forced(
            START + timedelta(9),
            0,
            20,
            "check_social",
            True,
            intensity=8,
            trigger="couldn't sleep",
            note="lying awake, phone in hand",
        ),
        _forced(
            START + timedelta(51),
            0,
            40,
            "reach_out",
            False,
            intensity=7,
            trigger="couldn't sleep",
            coping="breathing",
        ),
        _forced(
            ANNIVERSARY + timedelta(1),
            0,
            15,
            "reread",
            True,
            intensity=8,
            trigger="our anniversary",
            label="reread our old chat",
        ),
    ]
    _ensure_acted(
        urges,
        ANNIVERSARY,
        "reach_out",
        21,
        40,
        intensity=9,
        trigger="our anniversary",
        note="he replied with one polite line",
        label="texted him",
    )
    for day in (ANNIVERSARY, ANNIVERSARY + timedelta(2)):
        _ensure_acted(urges, day, "check_social", 22, 5, intensity=8, trigger="anniversary week")
    _ensure_acted(
        urges,
        SLIP_DAY,
        "check_social",
        22,
        10,
        intensity=6,
        trigger="saw a photo",
        note="one look, then I closed it",
        label="looked at his stories",
    )
    # earlier streaks must stay clearly shorter than the final one
    final = (END - SLIP_DAY).days
    while True:
        found = runs(acted_days(urges, "check_social"), START, SLIP_DAY - timedelta(1))
        start, length = max(found, key=lambda r: (r[1], r[0]))
        if length <= final - 7:
            break
        mid = start + timedelta(days=length // 2)
        _ensure_acted(urges, mid, "check_social", 21, 50, intensity=6, trigger="saw a photo")
    return sorted(urges, key=lambda u: (u.local, u.label))


def make_urges(rng: random.Random) -> list[Urge]:
    """Draw the urge log day by day, then apply the story's constraints."""
    urges: list[Urge] = []
    for d in range(DAYS):
        day, p = START + timedelta(d), _progress(d)
        weekend = day.weekday() >= 5
        lam = (0.4 + 2.9 * (1 - p) ** 1.7) * (1.5 if weekend else 1.0)
        lam *= 1.0 + 1.2 * _anniv(d) + (0.8 if _in_anniv_week(day) else 0.0)
        if TRIP[0] <= day <= TRIP[1]:
            lam *= 0.8
        for _ in range(_poisson(rng, lam)):
            hour = _urge_hour(rng, weekend)
            urges.append(_one_urge(rng, d, _at(day, hour, rng.randrange(60))))
    urges = _story_constraints(urges)
    # a couple of intensities and outcomes left blank, as people do
    blanks = [i for i, u in enumerate(urges) if u.kind in ("fantasize", "other")]
    for n, i in enumerate(blanks[5 : 5 + 4 * 9 : 9]):
        urges[i] = (
            _with(urges[i], intensity=None)
            if n % 2
            else Urge(**{**urges[i].__dict__, "acted": None})
        )
    for u in urges:
        if kind_of(u.label) != u.kind:  # pragma: no cover - guarded by tests
            raise AssertionError(f"label {u.label!r} does not map to {u.kind!r}")
    return urges


def make_checkins(rng: random.Random, urges: list[Urge]) -> dict[str, tuple]:
    """Loop habits entered by hand: NO on a day with an acted urge of the habit's kind."""
    socials = acted_days(urges, "check_social")
    contact = acted_days(urges, "reach_out")
    final_start = SLIP_DAY + timedelta(1)
    forgot = {
        START + timedelta(d)
        for d in range(1, DAYS)
        if rng.random() < 0.07 and START + timedelta(d) < SLIP_DAY
    }
    skip = {TRIP[0], TRIP[1]}
    out: dict[str, list[tuple[date, str, str]]] = {
        "No checking his socials": [],
        "No contact": [],
        "Stretch": [],
    }
    noted_forgot = False
    for d in range(DAYS):
        day = START + timedelta(d)
        for name, acted in (("No checking his socials", socials), ("No contact", contact)):
            note = ""
            if day in acted:
                value = "NO"
                if _in_anniv_week(day):
                    note = "anniversary week"
            elif name == "No checking his socials" and day in skip:
                value, note = "SKIP", "travel day, phone mostly off"
            elif day in forgot:
                if noted_forgot or name != "No checking his socials":
                    continue
                value, note, noted_forgot = "UNKNOWN", "forgot to log, can't remember", True
            else:
                value = "YES_MANUAL"
                if day == END and name == "No checking his socials":
                    note = f"{(END - final_start).days + 1} days, feels normal now"
            out[name].append((day, value, note))
        if (
            day <= END - timedelta(days=7)
            and day not in forgot
            and rng.random() < 0.3 + 0.3 * (d / DAYS)
        ):
            out["Stretch"].append((day, "YES_MANUAL", ""))
    return {k: tuple(v) for k, v in out.items()}
