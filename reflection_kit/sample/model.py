"""Constants and records of the sample story (see :mod:`reflection_kit.sample.story`)."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

__all__ = [
    "ANNIVERSARY",
    "ANNIVERSARY_WEEK",
    "BERLIN",
    "DAYS",
    "END",
    "MOOD_LABELS",
    "NEW_YORK",
    "REFLECTION_PLAN",
    "SLIP_DAY",
    "START",
    "TRIP",
    "Entry",
    "Reflection",
    "Story",
    "Urge",
    "zone_at",
]

START = date(2025, 3, 3)
DAYS = 112
END = START + timedelta(days=DAYS - 1)
BERLIN = "Europe/Berlin"
NEW_YORK = "America/New_York"
#: first and last day in New York (arrival in the afternoon of the first day)
TRIP = (date(2025, 4, 9), date(2025, 4, 16))
ANNIVERSARY = date(2025, 5, 14)
ANNIVERSARY_WEEK = (date(2025, 5, 12), date(2025, 5, 18))
#: the last day with an acted ``check_social`` urge; the streak after it runs to the end
SLIP_DAY = date(2025, 5, 28)
PROMPT_DAYS = {17: "hope_bond", 33: "closure_letter", 58: "boundaries", 103: "hardest_part"}
#: (day, prompt set) when Robin answers a prompt set in that day's Markdown note: the
#: closure letter every four weeks, "hope bond" twice, the hardest part three times, and the
#: boundary check on two evenings of the anniversary week. A day without a note moves to the
#: nearest day with one (other seeds).
REFLECTION_PLAN = (
    (date(2025, 3, 10), "closure_letter"),
    (date(2025, 3, 24), "hope_bond"),
    (date(2025, 3, 24), "hardest_part"),
    (date(2025, 4, 7), "closure_letter"),
    (date(2025, 4, 21), "hardest_part"),
    (date(2025, 5, 5), "closure_letter"),
    (date(2025, 5, 5), "hope_bond"),
    (date(2025, 5, 14), "boundaries"),
    (date(2025, 5, 16), "boundaries"),
    (date(2025, 6, 3), "closure_letter"),
    (date(2025, 6, 21), "hardest_part"),
)
PHOTO_DAYS = (date(2025, 4, 12), date(2025, 6, 7), END)
MOOD_LABELS = ("awful", "bad", "meh", "good", "rad")


@dataclass(frozen=True)
class Entry:
    """One journal entry as Robin wrote it (wall clock ``local`` in zone ``tz``)."""

    local: datetime
    tz: str
    title: str
    body: str
    tags: tuple[str, ...]
    mood: int
    starred: bool = False
    rumination: float = 0.5
    tone: str = "neutral"
    device: str = "iphone"
    photo: bool = False

    @property
    def mood_label(self) -> str:
        """The Daylio mood label (``awful`` .. ``rad``) of :attr:`mood` (1..5)."""
        return MOOD_LABELS[self.mood - 1]

    @property
    def words(self) -> int:
        """The number of words in title and body."""
        return len(self.body.split())


@dataclass(frozen=True)
class Urge:
    """One logged urge (wall clock ``local`` in zone ``tz``)."""

    local: datetime
    tz: str
    label: str
    kind: str
    intensity: int | None
    acted: bool | None
    trigger: str = ""
    coping: str = ""
    note: str = ""


@dataclass(frozen=True)
class Reflection:
    """Robin's answers to one prompt set, written at the end of ``day``'s Markdown note.

    ``answers`` holds ``(prompt id, answer)`` pairs in the set's order.
    """

    day: date
    prompt_set: str
    answers: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Story:
    """Everything the sample writers need, for one seed.

    ``checkins`` maps a Loop habit name to its original entries: ``(day, value,
    note)`` with ``value`` one of ``YES_MANUAL``, ``NO``, ``SKIP``, ``UNKNOWN``.
    ``reflections`` are the answered prompt sets (only the Markdown notes carry them).
    """

    seed: int
    entries: tuple[Entry, ...]
    urges: tuple[Urge, ...]
    gratitude: tuple[Entry, ...]
    checkins: dict[str, tuple[tuple[date, str, str], ...]] = field(default_factory=dict)
    reflections: tuple[Reflection, ...] = ()


def zone_at(day: date, hour: int) -> str:
    """The zone Robin's wall clock showed on ``day`` at ``hour``."""
    if TRIP[0] < day <= TRIP[1] or (day == TRIP[0] and hour >= 12):
        return NEW_YORK
    return BERLIN


def _progress(d: int) -> float:
    return d / (DAYS - 1)


def _anniv(d: int) -> float:
    """1.0 on the anniversary, fading over the surrounding days."""
    return math.exp(-(((d - (ANNIVERSARY - START).days) / 2.2) ** 2))


def _in_anniv_week(day: date) -> bool:
    return ANNIVERSARY_WEEK[0] <= day <= ANNIVERSARY_WEEK[1]


def _poisson(rng: random.Random, lam: float) -> int:
    threshold, k, prod = math.exp(-lam), 0, rng.random()
    while prod > threshold:
        k += 1
        prod *= rng.random()
    return k


def _weighted(rng: random.Random, options: dict[str, float]) -> str:
    total = sum(options.values())
    x = rng.random() * total
    for key, w in options.items():
        x -= w
        if x < 0:
            return key
    return key


def _at(day: date, hh: int, mm: int) -> datetime:
    return datetime.combine(day, time(hh, mm))
