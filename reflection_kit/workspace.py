"""Load several exports at once, kindly: the entry point of notebooks and reviews.

:func:`load_exports` reads every journal and urge export it is given, merges
them by kind, and never stops at a missing or unreadable file: each failure
becomes a friendly message saying what to change, and the rest still loads.
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from .errors import ReflectionKitError, UnknownFormatError
from .frames import empty_journal, empty_urges
from .load_report import LoadReport
from .reading import _inspect, merge_reports
from .sources._input import printable_name

__all__ = ["Exports", "load_exports"]

PathLike = str | os.PathLike[str]


@dataclass
class Exports:
    """What :func:`load_exports` found: the merged frames and every report.

    Attributes
    ----------
    journal, urges : pandas.DataFrame
        The merged frames (empty, with every column, when nothing was loaded).
    reports : list of LoadReport
        One per export that could be read.
    failures : list of (path, message)
        Exports that could not be read at all, with what to do.
    """

    journal: pd.DataFrame
    urges: pd.DataFrame
    reports: list[LoadReport] = field(default_factory=list)
    failures: list[tuple[str, str]] = field(default_factory=list)

    def table(self) -> pd.DataFrame:
        """One row per export: kind, format, records, loaded, problems, status."""
        rows = [
            {
                "export": printable_name(Path(r.path).name),
                "kind": r.kind,
                "format": r.format,
                "records": r.records,
                "loaded": r.loaded,
                "not loaded": len(r.problems),
                "status": "all loaded" if r.ok else "some records not loaded",
            }
            for r in self.reports
        ]
        rows += [
            {
                "export": printable_name(Path(p).name),
                "kind": "",
                "format": "",
                "records": 0,
                "loaded": 0,
                "not loaded": 0,
                "status": msg,
            }
            for p, msg in self.failures
        ]
        return pd.DataFrame(
            rows, columns=["export", "kind", "format", "records", "loaded", "not loaded", "status"]
        )

    def problems(self) -> pd.DataFrame:
        """Every record that was not loaded, with its export, location and reason."""
        frames = [
            r.problems.assign(export=printable_name(Path(r.path).name)) for r in self.reports
        ]
        frames = [f for f in frames if len(f)]
        if not frames:
            return pd.DataFrame(columns=["export", "location", "reason", "raw"])
        return pd.concat(frames, ignore_index=True)[["export", "location", "reason", "raw"]]

    @property
    def messages(self) -> list[str]:
        """Friendly lines about what could not be read."""
        return [msg for _, msg in self.failures]

    def __str__(self) -> str:
        lines = [
            f"{len(self.journal)} journal entries and {len(self.urges)} urges loaded from "
            f"{len(self.reports)} export(s)."
        ]
        lines += [f"- {m}" for m in self.messages]
        return "\n".join(lines)


def _friendly(path: Path, exc: Exception) -> str:
    if not path.exists():
        path = Path(printable_name(str(path)))
        return (
            f"We could not find '{path}'. Check the path in the parameters cell (the first code "
            f"cell); a relative path starts from {Path.cwd()}."
        )
    path = Path(printable_name(str(path)))  # a name that is not valid UTF-8, shown as \xNN
    if isinstance(exc, UnknownFormatError) and getattr(exc, "looks_like", None):
        return str(exc)  # passed as the wrong kind: the message says which and what to do
    if isinstance(exc, UnknownFormatError):
        return (
            f"'{path.name}' does not look like an export reflection-kit reads. Check that it is "
            "the exported file itself (rk.formats() lists what is supported), or pass its format."
        )
    return f"'{path.name}' could not be read: {exc}"


def _resolve(path: PathLike) -> Path:
    text = os.fspath(path)
    if isinstance(text, str) and text.startswith("sample:"):
        from .sample import sample_dir

        return sample_dir() / text.removeprefix("sample:")
    return Path(text)


def _as_list(paths: PathLike | Iterable[PathLike] | None) -> list[Path]:
    if paths is None or paths == "":
        return []
    if isinstance(paths, str | os.PathLike):
        return [_resolve(paths)]
    return [_resolve(p) for p in paths if str(p)]


def load_exports(
    journal: PathLike | Sequence[PathLike] | None = None,
    urges: PathLike | Sequence[PathLike] | None = None,
    *,
    auto: PathLike | Sequence[PathLike] | None = None,
    tz: str | None = None,
    quiet: bool = False,
    options: Mapping[str, Any] | None = None,
) -> Exports:
    """Read journal and urge exports; merge them; never stop at a bad path.

    Parameters
    ----------
    journal, urges : path or list of paths, optional
        Journal exports and urge exports (files, folders or zips). A path written
        ``"sample:NAME"`` names a bundled sample export, e.g. ``"sample:dayone.zip"``.
    auto : path or list of paths, optional
        Exports of either kind: each is tried as a journal, then as urges.
    tz : str, optional
        IANA zone for exports whose times carry none.
    quiet : bool
        Do not print the friendly messages (they stay in ``.failures``).
    options : mapping, optional
        Reader options for the whole batch, for example ``{"columns": {"When":
        "timestamp"}, "habits": {"No contact": "reach_out"}, "timeformat": "%d.%m.%Y
        %H:%M"}``; each export takes the ones its format knows (see
        :func:`~reflection_kit.formats`) and ignores the others.

    Returns
    -------
    Exports

    Examples
    --------
    >>> import reflection_kit as rk
    >>> ex = rk.load_exports("data/sample/dayone.zip", "data/sample/urges.csv")
    >>> len(ex.reports), ex.failures
    (2, [])
    >>> ex = rk.load_exports("no/such/folder", quiet=True)
    >>> ex.messages[0].startswith("We could not find 'no/such/folder'")
    True
    """
    reports: dict[str, list[LoadReport]] = {"journal": [], "urges": []}
    failures: list[tuple[str, str]] = []
    todo = [(p, "journal") for p in _as_list(journal)] + [(p, "urges") for p in _as_list(urges)]
    todo += [(p, None) for p in _as_list(auto)]
    for path, kind in todo:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                report = _inspect(path, kind=kind, tz=tz, options=options, lenient=True)
        except (ReflectionKitError, OSError, ValueError) as exc:
            failures.append((str(path), _friendly(path, exc)))
            continue
        reports[report.kind].append(report)
    merged = {}
    for kind, found in reports.items():
        if found:
            m = merge_reports(found, kind)
            merged[kind] = m.frame
        else:
            merged[kind] = empty_journal() if kind == "journal" else empty_urges()
    if failures and not quiet:
        for _, msg in failures:
            print(msg)
    return Exports(
        journal=merged["journal"],
        urges=merged["urges"],
        reports=reports["journal"] + reports["urges"],
        failures=failures,
    )
