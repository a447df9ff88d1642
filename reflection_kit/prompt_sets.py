"""The reflection prompts, and today's Markdown note with them as headings.

Four sets, from the practices in the product brief, written in our own words:

``hope_bond`` (3)
    loosen the pull of hope and "what if" by looking at what the relationship
    was really like;
``closure_letter`` (5)
    write yourself the closure you were waiting for;
``boundaries`` (2)
    a check to use when an urge hits;
``hardest_part`` (1)
    a closing question.

A note written by :func:`new_entry` marks each answer section with an HTML
comment ``<!-- prompt: set.id -->`` (invisible in Obsidian's reading view), so
the Markdown reader links every answer to its prompt even if the heading is
edited.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .sources._moment import DEFAULT_FORMAT, render

__all__ = ["Prompt", "PromptSet", "new_entry", "prompt_answers", "prompt_table", "prompts"]


@dataclass(frozen=True)
class Prompt:
    """One reflection prompt: a stable ``id`` (``set.key``) and its question."""

    id: str
    text: str


@dataclass(frozen=True)
class PromptSet:
    """A named set of prompts with a short, gentle introduction."""

    id: str
    title: str
    intro: str
    items: tuple[Prompt, ...]

    def __iter__(self) -> Iterator[Prompt]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)


def _set(sid: str, title: str, intro: str, *items: tuple[str, str]) -> PromptSet:
    return PromptSet(sid, title, intro, tuple(Prompt(f"{sid}.{k}", t) for k, t in items))


_SETS = (
    _set(
        "hope_bond",
        "Looking at what it was really like",
        "Hope tends to remember the best days. These questions look at the ordinary ones.",
        (
            "needs_met",
            "Which of my needs did this relationship meet, and which was I only "
            "hoping it would meet one day?",
        ),
        (
            "secure",
            "On most days together, did I feel settled and safe, or on edge and unsure "
            "where I stood?",
        ),
        ("cared_for", "Was I cared for the way I would want someone I love to be cared for?"),
    ),
    _set(
        "closure_letter",
        "A closure letter to myself",
        "Closure does not have to come from them. Answer each question as a letter to yourself.",
        (
            "wish_to_hear",
            "What words am I still waiting to hear? I can write them to myself here.",
        ),
        ("hoped_outcome", "Being honest, what ending was I really hoping for?"),
        ("what_i_brought", "What did I bring to the relationship that I can be proud of?"),
        ("to_accept", "What do I need to accept so that I can keep moving?"),
        ("take_with_me", "What am I taking with me from this: lessons, strengths, good memories?"),
    ),
    _set(
        "boundaries",
        "A boundary check for when an urge hits",
        "Pause for a breath before you act on the urge, then answer these two.",
        ("heal_or_stuck", "Will what I am about to do help me heal, or keep me where I am?"),
        ("future_self", "What would the version of me who has already healed do right now?"),
    ),
    _set(
        "hardest_part",
        "The hardest part",
        "A question to come back to every few weeks.",
        ("hardest", "Of everything about letting go, what has weighed on me most so far?"),
    ),
)


class _Prompts(Mapping[str, PromptSet]):
    """Read-only mapping of prompt-set id to :class:`PromptSet`."""

    def __init__(self, sets: tuple[PromptSet, ...]) -> None:
        self._sets = {s.id: s for s in sets}

    def __getitem__(self, key: str) -> PromptSet:
        try:
            return self._sets[key]
        except KeyError:
            raise KeyError(
                f"unknown prompt set {key!r}; the sets are: {', '.join(self._sets)}."
            ) from None

    def __iter__(self) -> Iterator[str]:
        return iter(self._sets)

    def __len__(self) -> int:
        return len(self._sets)

    def __repr__(self) -> str:
        return "prompts(" + ", ".join(f"{k}: {len(v)}" for k, v in self._sets.items()) + ")"

    def by_id(self) -> dict[str, Prompt]:
        """Every prompt by its id (``"closure_letter.to_accept"``)."""
        return {p.id: p for s in self._sets.values() for p in s}


#: The four prompt sets, by id.
prompts = _Prompts(_SETS)


def prompt_table() -> pd.DataFrame:
    """Every prompt as a tidy table.

    Returns
    -------
    pandas.DataFrame
        Columns ``set``, ``prompt_id``, ``position`` (1-based) and ``text``.

    Examples
    --------
    >>> from reflection_kit.prompt_sets import prompt_table
    >>> prompt_table().groupby("set").size().to_dict()
    {'boundaries': 2, 'closure_letter': 5, 'hardest_part': 1, 'hope_bond': 3}
    """
    return pd.DataFrame(
        [
            {"set": s.id, "prompt_id": p.id, "position": i, "text": p.text}
            for s in prompts.values()
            for i, p in enumerate(s, start=1)
        ]
    )


def _note_text(
    pset: PromptSet,
    day: dt.date,
    with_front_matter: bool,
    *,
    only: tuple[Prompt, ...] | None = None,
    intro: bool = True,
) -> str:
    lines: list[str] = []
    if with_front_matter:
        lines += [
            "---",
            f"date: {day.isoformat()}",
            f"prompts: {pset.id}",
            "tags: [reflection]",
            "---",
            f"# {day.isoformat()}",
            "",
        ]
    if intro:
        lines += [f"<!-- {pset.title}: {pset.intro} -->", ""]
    for p in pset if only is None else only:
        lines += [f"## {p.text}", f"<!-- prompt: {p.id} -->", "", ""]
    return "\n".join(lines)


@dataclass(frozen=True)
class _NoteUpdate:
    """What :func:`_write_note` did: the note, and the prompts added or already there."""

    path: Path
    created: bool
    added: tuple[Prompt, ...]
    present: tuple[Prompt, ...]


def _has_prompt(text: str, prompt: Prompt) -> bool:
    """Whether a note already holds ``prompt``: its marker, or its heading as written."""
    if f"<!-- prompt: {prompt.id} -->" in text:
        return True
    return any(line.strip() == f"## {prompt.text}" for line in text.splitlines())


def _write_note(
    directory: str | os.PathLike[str], prompts_set: str, day: dt.date | None
) -> _NoteUpdate:
    """Create today's note, or add the prompts of the set it does not hold yet."""
    pset = prompts[prompts_set]
    day = day or dt.date.today()
    root = Path(directory)
    path = root / _daily_note_name(root, day)
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(_note_text(pset, day, with_front_matter=True))
        return _NoteUpdate(path, True, pset.items, ())
    existing = path.read_text(encoding="utf-8")
    present = tuple(p for p in pset if _has_prompt(existing, p))
    missing = tuple(p for p in pset if p not in present)
    if missing:
        block = _note_text(pset, day, with_front_matter=False, only=missing, intro=not present)
        sep = "" if existing.endswith("\n\n") else ("\n" if existing.endswith("\n") else "\n\n")
        with path.open("a", encoding="utf-8") as fh:
            fh.write(sep + block)
    return _NoteUpdate(path, False, missing, present)


def new_entry(
    directory: str | os.PathLike[str],
    *,
    prompts_set: str = "closure_letter",
    day: dt.date | None = None,
) -> Path:
    """Write today's dated Markdown daily note with a prompt set as headings.

    The file is ``DIR/YYYY-MM-DD.md`` (or follows ``.obsidian/daily-notes.json``
    when ``DIR`` is an Obsidian vault). If today's note already exists, only the
    prompts of the set that it does not hold yet are added at its end, so
    running this twice on one day adds nothing the second time. Nothing already
    written is changed.

    Parameters
    ----------
    directory : path
        The notes folder or vault.
    prompts_set : str
        One of ``hope_bond``, ``closure_letter``, ``boundaries``, ``hardest_part``.
    day : datetime.date, optional
        The date of the note; default today (local).

    Returns
    -------
    pathlib.Path
        The note written or added to.

    Examples
    --------
    >>> import datetime, tempfile
    >>> from reflection_kit.prompt_sets import new_entry
    >>> folder, day = tempfile.mkdtemp(), datetime.date(2025, 3, 3)
    >>> path = new_entry(folder, prompts_set="boundaries", day=day)
    >>> path.name
    '2025-03-03.md'
    >>> before = path.read_text()
    >>> new_entry(folder, prompts_set="boundaries", day=day) == path  # a second run
    True
    >>> path.read_text() == before  # the prompts were already there: nothing added
    True
    """
    return _write_note(directory, prompts_set, day).path


def _daily_note_name(root: Path, day: dt.date) -> str:
    """The note's relative path, honouring an Obsidian daily-notes format when present."""
    fmt, folder = DEFAULT_FORMAT, ""
    settings = root / ".obsidian" / "daily-notes.json"
    if settings.is_file():
        try:
            conf = json.loads(settings.read_text(encoding="utf-8"))
            fmt = conf.get("format") or fmt
            folder = conf.get("folder") or ""
        except (ValueError, OSError):
            pass
    out = render(fmt, day)  # the same moment.js formatter the Markdown reader reads with
    return str(Path(folder.strip("/"), out + ".md")) if folder else out + ".md"


def prompt_answers(journal: pd.DataFrame) -> pd.DataFrame:
    """Every answer to a reflection prompt in a journal, one row per answer.

    Parameters
    ----------
    journal : pandas.DataFrame
        A journal frame; answers come from its ``prompts`` column (filled by the
        Markdown reader). Other formats have none, which gives an empty table.

    Returns
    -------
    pandas.DataFrame
        Columns ``date``, ``entry_id``, ``set``, ``prompt_id``, ``prompt`` and
        ``answer``, in date order, so one prompt's answers can be read over time.

    Examples
    --------
    >>> import reflection_kit as rk
    >>> answers = rk.prompt_answers(rk.read_journal("data/sample/notes"))
    >>> list(answers.columns)
    ['date', 'entry_id', 'set', 'prompt_id', 'prompt', 'answer']
    """
    cols = ["date", "entry_id", "set", "prompt_id", "prompt", "answer"]
    if "prompts" not in journal.columns or not len(journal):
        return pd.DataFrame(columns=cols)
    known = prompts.by_id()
    rows = []
    for date, entry_id, found in zip(
        journal["date"], journal["entry_id"], journal["prompts"], strict=True
    ):
        if not isinstance(found, dict):
            continue
        for pid, answer in found.items():
            if pid in known:
                rows.append((date, entry_id, pid.split(".")[0], pid, known[pid].text, answer))
    out = pd.DataFrame(rows, columns=cols)
    return out.sort_values(["date", "prompt_id"], kind="stable").reset_index(drop=True)
