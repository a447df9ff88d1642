"""The sample story as plain Python data: entries, urges and habit check-ins.

One fictional person, Robin, lives in Europe/Berlin and keeps a journal for
16 weeks after a breakup with Alex (he/him), from Monday 2025-03-03 to Sunday
2025-06-22. The story has a shape that the metrics should find:

* the language of the entries moves from ruminative to release;
* urges thin out from about three a day to about one every two days, are more
  frequent in the evening and at weekends, and rise again in the anniversary
  week (2025-05-12 .. 05-18, the anniversary itself on Wednesday 05-14);
* the share of urges acted on falls; breathing, movement and connection help
  more than distraction;
* the longest run of days without an acted ``check_social`` urge is the one
  running at the end; several earlier runs ended;
* a one-week trip to New York (2025-04-09 .. 04-16) happens in
  America/New_York wall-clock time;
* about every two weeks Robin answers a set of reflection prompts in the
  Markdown notes, and the answers move from hoping Alex comes back to
  acceptance (``Story.reflections``).

Everything comes from one :class:`random.Random` seeded with ``seed``; nothing
depends on the clock, the locale, the time zone of the machine or the hash seed.
"""

from __future__ import annotations

import random

from .entries import make_entries, make_gratitude
from .model import (
    ANNIVERSARY,
    ANNIVERSARY_WEEK,
    BERLIN,
    DAYS,
    END,
    MOOD_LABELS,
    NEW_YORK,
    REFLECTION_PLAN,
    SLIP_DAY,
    START,
    TRIP,
    Entry,
    Reflection,
    Story,
    Urge,
    zone_at,
)
from .reflections import make_reflections
from .urges import LABELS, acted_days, make_checkins, make_urges, runs

__all__ = [
    "ANNIVERSARY",
    "ANNIVERSARY_WEEK",
    "BERLIN",
    "DAYS",
    "END",
    "LABELS",
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
    "acted_days",
    "build_story",
    "runs",
    "zone_at",
]


def build_story(seed: int) -> Story:
    """Generate the whole story for ``seed`` (pure; the same seed gives the same story).

    Parameters
    ----------
    seed : int
        Any integer; :data:`reflection_kit.sample.SAMPLE_SEED` gives the committed sample.

    Returns
    -------
    Story
        ``entries`` and ``urges`` sorted by wall-clock time, the small gratitude
        journal, the Loop check-ins and the answered prompt sets.

    Examples
    --------
    >>> from reflection_kit.sample import SAMPLE_SEED
    >>> from reflection_kit.sample.story import build_story
    >>> story = build_story(SAMPLE_SEED)
    >>> story.entries[0].local.date().isoformat(), story.entries[0].tz
    ('2025-03-03', 'Europe/Berlin')
    """
    rng = random.Random(seed)
    urges = make_urges(rng)
    entries = make_entries(rng, urges)
    gratitude = make_gratitude(rng)
    checkins = make_checkins(rng, urges)
    reflections = make_reflections(rng, entries)  # drawn last: the other files do not change
    return Story(
        seed, tuple(entries), tuple(urges), tuple(gratitude), checkins, tuple(reflections)
    )
