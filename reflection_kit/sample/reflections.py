"""Robin's answers to the reflection prompts, written into the sample's Markdown notes.

About every two weeks Robin answers a prompt set (:data:`~.model.REFLECTION_PLAN`)
at the end of that day's daily note, in the layout
:func:`reflection_kit.prompt_sets.new_entry` writes when it appends to an
existing note: the set's intro comment, then per prompt ``## <prompt text>``,
``<!-- prompt: <id> -->`` and the answer. The answers come from
``[prompt_answers]`` in ``sample_phrases.toml``, one list of options per
occasion, so the same question reads differently each time it is asked.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from ..prompt_sets import _note_text, prompts
from . import phrases as ph
from .model import END, REFLECTION_PLAN, START, Entry, Reflection

__all__ = ["append_reflection", "make_reflections"]


def _note_day(planned: date, days: set[date], taken: set[date]) -> date:
    """The planned day if it has a note, else the nearest day that has one (later first)."""
    for shift in range(8):
        for day in (planned + timedelta(shift), planned - timedelta(shift)):
            if START <= day <= END and day in days and day not in taken:
                return day
    raise AssertionError(f"no note near {planned} for a reflection")  # pragma: no cover


def make_reflections(rng: random.Random, entries: list[Entry]) -> list[Reflection]:
    """The answered prompt sets of the story, in date order (plan order within a day).

    Parameters
    ----------
    rng : random.Random
        The story's random generator (picks one wording per answer).
    entries : list of Entry
        The journal entries; a reflection lands on a day that has a note.

    Returns
    -------
    list of Reflection

    Examples
    --------
    >>> import random
    >>> from reflection_kit.sample.reflections import make_reflections
    >>> from reflection_kit.sample.story import build_story
    >>> story = build_story(1)
    >>> found = make_reflections(random.Random(1), list(story.entries))
    >>> sorted({r.prompt_set for r in found})
    ['boundaries', 'closure_letter', 'hardest_part', 'hope_bond']
    """
    days = {e.local.date() for e in entries}
    taken: dict[str, set[date]] = {}
    out = []
    for planned, name in REFLECTION_PLAN:
        used = taken.setdefault(name, set())
        occasion = len(used)
        day = _note_day(planned, days, used)
        used.add(day)
        answers = tuple(
            (p.id, rng.choice(ph.PROMPT_ANSWERS[p.id][occasion])) for p in prompts[name]
        )
        out.append(Reflection(day, name, answers))
    return sorted(out, key=lambda r: r.day)


def append_reflection(note: str, reflection: Reflection) -> str:
    """``note`` with the answered prompt set appended, exactly as ``new_entry`` lays it out.

    ``new_entry`` appends the set's headings to an existing note (after one
    blank line) and leaves an empty line under each ``<!-- prompt: id -->``
    mark; the answer is written on that line.

    Examples
    --------
    >>> from datetime import date
    >>> from reflection_kit.sample.model import Reflection
    >>> r = Reflection(date(2025, 3, 3), "hardest_part",
    ...                (("hardest_part.hardest", "The evenings."),))
    >>> print(append_reflection("# Monday\\n", r))
    # Monday
    <BLANKLINE>
    <!-- The hardest part: A question to come back to every few weeks. -->
    <BLANKLINE>
    ## Of everything about letting go, what has weighed on me most so far?
    <!-- prompt: hardest_part.hardest -->
    The evenings.
    <BLANKLINE>
    """
    sep = "" if note.endswith("\n\n") else ("\n" if note.endswith("\n") else "\n\n")
    text = _note_text(prompts[reflection.prompt_set], reflection.day, with_front_matter=False)
    for pid, answer in reflection.answers:
        mark = f"<!-- prompt: {pid} -->\n\n"
        if mark not in text:
            raise AssertionError(
                f"{pid} is not in set {reflection.prompt_set}"
            )  # pragma: no cover
        text = text.replace(mark, f"<!-- prompt: {pid} -->\n{answer}\n", 1)
    return note + sep + text
