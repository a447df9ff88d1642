"""The load report: what a read found, loaded and could not load."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

__all__ = ["LoadReport"]


@dataclass
class LoadReport:
    """What one read found in a source, what it loaded, and every problem.

    Attributes
    ----------
    path : str
        The file, folder or zip that was read (several joined by ``", "``).
    format : str
        The format name (see :func:`reflection_kit.formats`).
    kind : str
        ``"journal"`` or ``"urges"``.
    records : int
        The units found in the source: entries, rows or check-in days.
    loaded : int
        The rows in the resulting frame. Always ``records == loaded + len(problems)``.
    problems : pandas.DataFrame
        One row per record not loaded, with ``location``, ``reason`` and ``raw``.
    tz_policy : str
        How times without a zone were placed in time.
    notes : list of str
        Things worth knowing that are not lost records (an encoding guess, say).
    frame : pandas.DataFrame
        The loaded frame itself.
    skipped : pandas.DataFrame
        Files in the input that are not records of the format, with ``location``
        and ``reason``: the ordinary notes of an Obsidian vault beside its daily
        notes, templates, the stray files of a jrnl folder journal. They are not
        counted in ``records`` and are not problems; a note sums them up.

    Examples
    --------
    >>> import reflection_kit as rk
    >>> report = rk.inspect("data/sample/urges.csv")
    >>> report.records == report.loaded + len(report.problems)
    True
    """

    path: str
    format: str
    kind: str
    records: int
    loaded: int
    problems: pd.DataFrame
    tz_policy: str
    notes: list[str] = field(default_factory=list)
    frame: pd.DataFrame | None = field(default=None, repr=False)
    skipped: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(columns=["location", "reason"], dtype=object),
        repr=False,
    )

    @property
    def ok(self) -> bool:
        """True when every record was loaded."""
        return len(self.problems) == 0

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready summary (the ``reflection-kit check --json`` object)."""
        return {
            "path": self.path,
            "format": self.format,
            "kind": self.kind,
            "records": int(self.records),
            "loaded": int(self.loaded),
            "problems": [
                {"location": str(r.location), "reason": str(r.reason), "raw": str(r.raw)}
                for r in self.problems.itertuples(index=False)
            ],
            "tz_policy": self.tz_policy,
            "notes": list(self.notes),
            "skipped": [
                {"location": str(r.location), "reason": str(r.reason)}
                for r in self.skipped.itertuples(index=False)
            ],
        }

    def summary(self) -> str:
        """A few plain lines for people."""
        lines = [
            f"{self.path}",
            f"  format:   {self.format} ({self.kind})",
            f"  found:    {self.records} record(s)",
            f"  loaded:   {self.loaded}",
            f"  problems: {len(self.problems)}",
        ]
        if len(self.skipped):
            lines.append(
                f"  skipped:  {len(self.skipped)} file(s) that are not records (see notes)"
            )
        lines.append(f"  times:    {self.tz_policy}")
        if self.frame is not None and len(self.frame):
            d = self.frame["date"]
            lines.append(f"  period:   {d.min():%Y-%m-%d} to {d.max():%Y-%m-%d}")
        lines += [f"  note:     {n}" for n in self.notes]
        for r in self.problems.itertuples(index=False):
            raw = f"  [{r.raw}]" if r.raw else ""
            lines.append(f"  - {r.location}: {r.reason}{raw}")
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.summary()
