"""What every reader shares: the source description, the read context and problems.

A reader is a function ``read(inp: Input, ctx: ReadContext) -> pandas.DataFrame``.
It

* calls ``ctx.found(n)`` for every unit it finds in the source (an entry, a row,
  a check-in day), good or bad;
* calls ``ctx.problem(location, reason, raw)`` for every unit it cannot load
  (``errors="raise"`` turns the first one into a :class:`ParseError`);
* returns a frame with one row per loaded unit, holding the contract columns it
  knows (see :mod:`reflection_kit.sources._finalize`) and either

  - ``local_time`` (naive wall clock) and optionally ``tz`` (an IANA name per
    row; missing means the read's ``tz``), or
  - ``instant`` (tz-aware) and ``tz`` (the zone the person was in).

The shared finaliser fills the rest (``timestamp``, ``date``, ids, dtypes),
removes duplicates (reporting each one) and validates the frame.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from ..errors import ParseError
from ._input import Input

__all__ = ["Problem", "ReadContext", "Source", "snippet"]


def snippet(raw: Any, limit: int = 80) -> str:
    """A short one-line excerpt of the raw input, for problem reports."""
    text = "" if raw is None else str(raw)
    text = text.replace("\x00", "\\0").replace("\n", "\\n")
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass(frozen=True)
class Problem:
    """One record that was not loaded."""

    location: str
    reason: str
    raw: str = ""


@dataclass
class ReadContext:
    """State of one read, shared by the reader and the finaliser."""

    input: Input
    kind: str
    format: str
    tz: str
    errors: str = "warn"
    options: dict[str, Any] = field(default_factory=dict)
    kinds: Mapping[str, str] | None = None
    columns: Mapping[str, str] | None = None
    records: int = 0
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    #: Files in the input that are not records of this format (not counted, not problems).
    skipped: list[Problem] = field(default_factory=list)
    #: How this read placed times, when the reader knows better than "no zone" (UTC epochs).
    tz_policy: str | None = None

    def found(self, n: int = 1) -> None:
        """Count ``n`` units found in the source."""
        self.records += n

    def problem(self, location: str, reason: str, raw: Any = "") -> None:
        """Report one unit that was not loaded (raises under ``errors="raise"``)."""
        p = Problem(location, reason, snippet(raw))
        if self.errors == "raise":
            raise ParseError(f"{location}: {reason}", location=location, reason=reason, raw=p.raw)
        self.problems.append(p)

    def note(self, message: str) -> None:
        """Record something the person should know that is not a lost record."""
        if message not in self.notes:
            self.notes.append(message)

    def skip(self, location: str, reason: str) -> None:
        """List a file that is not a record of this format (an ordinary note, say).

        Skipped files are not records and not problems; the reader also sums
        them up in one note.
        """
        self.skipped.append(Problem(location, reason))

    def option(self, name: str, default: Any = None) -> Any:
        """A reader option passed as ``**options``."""
        return self.options.get(name, default)


Detector = Callable[[Input], str | None]
Reader = Callable[[Input, ReadContext], pd.DataFrame]


@dataclass(frozen=True)
class Source:
    """A registered export format.

    ``detect(inp)`` returns ``None`` when the input looks like this format, or a
    short reason why it does not.
    """

    name: str
    kind: str  # "journal" | "urges"
    description: str
    patterns: tuple[str, ...]
    how_to_export: str
    detect: Detector
    read: Reader
    options: Mapping[str, str] = field(default_factory=dict)
    #: True when the format stores each record's own time zone (Day One).
    zoned: bool = False
