"""Phrase banks of the sample story, loaded from ``reflection_kit/data/sample_phrases.toml``.

Templates hold ``{slot}`` names that :func:`fill` replaces with a random choice
from :data:`SLOTS` (slots may nest). The banks are sorted by tone:

``RUMINATE``
    why-questions, "what if", "should have", replaying, always/never, hoping he
    comes back: lots of I/me, past tense and mentions of Alex;
``RELEASE``
    acceptance, self-compassion, boundaries kept, plans, choosing oneself;
``SAD_OK``
    sad but accepting;
``NEUTRAL`` and ``ALEX_NEUTRAL``
    ordinary days, and mentions of Alex without pull;
``PROMPT_ANSWERS``
    Robin's answers to the reflection prompts, one list of options per occasion,
    moving from raw hope that Alex returns to acceptance.

All of it is invented text; no real person's words are used.
"""

from __future__ import annotations

import random
import re
import tomllib
from importlib import resources

__all__ = [
    "ALEX_NEUTRAL",
    "ANNIVERSARY",
    "CLOSE",
    "COPING_DONE",
    "FIRST_LINES",
    "GRATITUDE",
    "LAST_LINES",
    "NEUTRAL",
    "NY",
    "OPEN_EVENING",
    "OPEN_MORNING",
    "PROMPTS",
    "PROMPT_ANSWERS",
    "RELEASE",
    "RUMINATE",
    "SAD_OK",
    "SLOTS",
    "TITLES",
    "URGE_REPORT",
    "URGE_SLOTS",
    "fill",
]

_DATA = tomllib.loads(
    resources.files("reflection_kit").joinpath("data/sample_phrases.toml").read_text("utf-8")
)


def _bank(name: str) -> tuple[str, ...]:
    return tuple(_DATA[name])


def _table(name: str) -> dict[str, tuple[str, ...]]:
    return {key: tuple(values) for key, values in _DATA[name].items()}


RUMINATE = _bank("ruminate")
RELEASE = _bank("release")
SAD_OK = _bank("sad_ok")
NEUTRAL = _bank("neutral")
ALEX_NEUTRAL = _bank("alex_neutral")
ANNIVERSARY = _bank("anniversary")
NY = _bank("ny")
OPEN_MORNING = _bank("open_morning")
OPEN_EVENING = _bank("open_evening")
FIRST_LINES = _bank("first_lines")
GRATITUDE = _bank("gratitude")
LAST_LINES: tuple[tuple[str, ...], ...] = tuple(tuple(x) for x in _DATA["last_lines"])
CLOSE = _table("close")
TITLES = _table("titles")
SLOTS = _table("slots")
URGE_SLOTS = _table("urge_slots")
#: coping strategy ("" for none) -> what Robin did instead
COPING_DONE = {("" if k == "none" else k): v for k, v in _table("coping_done").items()}
#: (urge kind, acted) -> sentences reporting that urge in the evening's entry
URGE_REPORT: dict[tuple[str, bool], tuple[str, ...]] = {
    (kind, acted): tuple(d["acted" if acted else "resisted"])
    for kind, d in _DATA["urge_report"].items()
    for acted in (True, False)
}
#: prompt set -> (template with {0}.. {n}, answer options for each blank)
PROMPTS: dict[str, tuple[str, tuple[tuple[str, ...], ...]]] = {
    name: (d["template"], tuple(tuple(a) for a in d["answers"]))
    for name, d in _DATA["prompts"].items()
}
#: prompt id ("closure_letter.to_accept") -> one tuple of answer options per occasion
PROMPT_ANSWERS: dict[str, tuple[tuple[str, ...], ...]] = {
    f"{name}.{key}": tuple(tuple(options) for options in occasions)
    for name, d in _DATA["prompt_answers"].items()
    for key, occasions in d.items()
}

_ALL_SLOTS = {**SLOTS, **URGE_SLOTS}
_SLOT = re.compile(r"\{(\w+)\}")


def fill(template: str, rng: random.Random) -> str:
    """Replace every ``{slot}`` in ``template`` by a random choice from :data:`SLOTS`.

    Parameters
    ----------
    template : str
        Text with ``{slot}`` names.
    rng : random.Random
        The story's random generator.

    Returns
    -------
    str

    Examples
    --------
    >>> import random
    >>> from reflection_kit.sample.phrases import fill
    >>> fill("Made {food} for dinner.", random.Random(1)).startswith("Made ")
    True
    """
    for _ in range(4):
        if "{" not in template:
            break
        template = _SLOT.sub(lambda m: rng.choice(_ALL_SLOTS[m.group(1)]), template)
    return template
