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
from .sample import sample_dir
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
    sample_reports : int
        How many of ``reports`` came from the bundled sample (``"sample:NAME"``).
    """

    journal: pd.DataFrame
    urges: pd.DataFrame
    reports: list[LoadReport] = field(default_factory=list)
    failures: list[tuple[str, str]] = field(default_factory=list)
    sample_reports: int = 0

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

    def summary(self) -> str:
        """One sentence for people: what was loaded, over which days, and from where.

        Returns
        -------
        str
            For example "Loaded 129 journal entries and 201 urges (2025-03-03 to
            2025-06-22) from the bundled sample." Exports that could not be read
            follow, one line each.

        Examples
        --------
        >>> import reflection_kit as rk
        >>> print(rk.load_exports("sample:notes", "sample:urges.csv").summary())
        Loaded 87 journal entries and 201 urges (2025-03-03 to 2025-06-22) from the bundled sample.
        >>> print(rk.load_exports("no/such.zip", quiet=True).summary())  # doctest: +ELLIPSIS
        Nothing was loaded.
        - We could not find 'no/such.zip'. ...
        """
        parts = []
        spans = {k: _span(f) for k, f in (("journal", self.journal), ("urges", self.urges))}
        counts = {
            "journal": _count(len(self.journal), "journal entry", "journal entries"),
            "urges": _count(len(self.urges), "urge", "urges"),
        }
        shown = [k for k in ("journal", "urges") if len(getattr(self, k))]
        if len(shown) == 2 and spans["journal"] == spans["urges"]:
            parts.append(f"{counts['journal']} and {counts['urges']} ({spans['journal']})")
        else:
            parts += [f"{counts[k]} ({spans[k]})" for k in shown]
        if parts:
            lines = [f"Loaded {' and '.join(parts)} from {self._origin()}."]
        elif self.reports:
            lines = ["The exports were read, but they hold no journal entries or urges."]
        else:
            lines = ["Nothing was loaded."]
        lines += [f"- {m}" for m in self.messages]
        return "\n".join(lines)

    def _origin(self) -> str:
        names = [printable_name(Path(r.path).name) for r in self.reports]
        if self.sample_reports and self.sample_reports == len(self.reports):
            return "the bundled sample"
        if self.sample_reports:
            return "the bundled sample and your exports"
        if len(names) == 1:
            return "your export " + names[0]
        return "your exports " + ", ".join(names) if names else "your exports"

    def nothing_to_show(self, kind: str) -> str:
        """Why a journal or urge table or chart is empty, in words; ``""`` when it is not.

        Parameters
        ----------
        kind : {"journal", "urges"}

        Returns
        -------
        str

        Examples
        --------
        >>> import reflection_kit as rk
        >>> ex = rk.load_exports("no/such/notes", "sample:urges.csv", quiet=True)
        >>> ex.nothing_to_show("urges")
        ''
        >>> print(ex.nothing_to_show("journal"))  # doctest: +ELLIPSIS
        There is no journal to show here: the journal export could not be loaded ...
        """
        if kind not in ("journal", "urges"):
            raise ValueError(f"`kind` must be 'journal' or 'urges', got {kind!r}.")
        if len(getattr(self, kind)):
            return ""
        what = "journal" if kind == "journal" else "urge log"
        lead = f"There is no {what} to show here: "
        fix = (
            "Fix the path in the first code cell (or go back to the sample: a path that starts "
            'with "sample:"), then run all cells again.'
        )
        if self.failures and not any(r.kind == kind for r in self.reports):
            return lead + f"the {what} export could not be loaded (see the message above). " + fix
        if any(r.kind == kind for r in self.reports):
            return lead + f"the {what} export holds no records (see the load report)."
        return lead + f"no {what} export was given. " + fix

    def preview(self, kind: str, rows: int = 5) -> pd.DataFrame:
        """The first rows of the journal or the urges, with words for headers and values.

        Parameters
        ----------
        kind : {"journal", "urges"}
        rows : int
            How many rows to show.

        Returns
        -------
        pandas.DataFrame
            Journal: Day, Title, Words, Tags, Mood (only when some entry has one) and the
            beginning of the entry. Urges: When, Urge, In their words, Strength (0-10),
            What happened, What helped. Missing values are shown as "—", never NaN.

        Examples
        --------
        >>> import reflection_kit as rk
        >>> ex = rk.load_exports("sample:notes", "sample:urges.csv", quiet=True)
        >>> list(ex.preview("urges").columns)
        ['When', 'Urge', 'In their words', 'Strength (0-10)', 'What happened', 'What helped']
        >>> ex.preview("urges", rows=1)["What happened"].tolist()
        ['acted on it']
        """
        if kind == "journal":
            return _journal_preview(self.journal.head(rows))
        if kind == "urges":
            return _urge_preview(self.urges.head(rows))
        raise ValueError(f"`kind` must be 'journal' or 'urges', got {kind!r}.")

    def urge_counts(self) -> pd.DataFrame:
        """How many urges of each kind were loaded, with their share, in words.

        Returns
        -------
        pandas.DataFrame
            Columns "Urge", "Urges" and "Share" (a whole percentage of all urges, or "—"
            when there are none); a last row "All urges" gives the n.

        Examples
        --------
        >>> import reflection_kit as rk
        >>> ex = rk.load_exports(urges="sample:urges.csv", quiet=True)
        >>> ex.urge_counts().to_dict("records")[-1]
        {'Urge': 'All urges', 'Urges': 201, 'Share': '100%'}
        """
        kinds = self.urges["kind"].astype("str")
        total = len(kinds)
        rows = []
        for kind, words in _KIND_NAMES.items():
            n = int((kinds == kind).sum())
            rows.append((words, n, f"{n / total:.0%}" if total else "—"))
        rows.append(("All urges", total, "100%" if total else "—"))
        return pd.DataFrame(rows, columns=["Urge", "Urges", "Share"])

    def __str__(self) -> str:
        return self.summary()


#: Each urge kind as a table shows it.
_KIND_NAMES = {
    "reach_out": "Reaching out",
    "check_social": "Checking social media",
    "reread": "Rereading old messages",
    "fantasize": "Daydreaming about getting back together",
    "other": "Other urges",
}


def _count(n: int, one: str, many: str) -> str:
    return f"{n:,} {one if n == 1 else many}"


def _span(frame: pd.DataFrame) -> str:
    if not len(frame):
        return ""
    first, last = frame["date"].min(), frame["date"].max()
    return f"{first:%Y-%m-%d} to {last:%Y-%m-%d}" if first != last else f"{first:%Y-%m-%d}"


def _or_dash(value: object) -> object:
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return "—"
    return "—" if isinstance(value, str) and not value.strip() else value


def _body(title: object, text: object) -> str:
    """The entry's text on one line, without the title repeated as its first heading."""
    lines = [ln for ln in str(text).splitlines() if ln.strip()]
    if lines and lines[0].lstrip("# ").strip() == str(title).strip():
        lines = lines[1:]
    return " ".join(" ".join(lines).split())


def _beginning(body: str, width: int = 60) -> str:
    return body if len(body) <= width else body[: width - 1].rstrip() + "…"


def _strength(value: object) -> object:
    value = _or_dash(value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _journal_preview(journal: pd.DataFrame) -> pd.DataFrame:
    bodies = [_body(t, x) for t, x in zip(journal["title"], journal["text"], strict=True)]
    out = pd.DataFrame(
        {
            "Day": [f"{d:%a %d %b %Y}" for d in journal["date"]],
            "Title": [_or_dash(t) for t in journal["title"]],
            "Words": [len(b.split()) for b in bodies],
            "Tags": [", ".join(t) if len(t) else "—" for t in journal["tags"]],
        }
    )
    if journal["mood"].notna().any() or journal["mood_label"].astype("str").str.strip().any():
        out["Mood"] = [
            _or_dash(label) if _or_dash(label) != "—" else _strength(mood)
            for mood, label in zip(journal["mood"], journal["mood_label"], strict=True)
        ]
    out["Beginning"] = [_beginning(b) for b in bodies]
    return out


def _urge_preview(urges: pd.DataFrame) -> pd.DataFrame:
    happened = {True: "acted on it", False: "resisted"}
    return pd.DataFrame(
        {
            "When": [f"{t:%a %d %b %Y, %H:%M}" for t in urges["local_time"]],
            "Urge": [_KIND_NAMES.get(str(k), str(k)) for k in urges["kind"]],
            "In their words": [_or_dash(v) for v in urges["label"]],
            "Strength (0-10)": [_strength(v) for v in urges["intensity"]],
            "What happened": [
                "not noted" if v is pd.NA else happened[bool(v)] for v in urges["acted"]
            ],
            "What helped": [_or_dash(v) for v in urges["coping"]],
        }
    )


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
        return sample_dir() / text.removeprefix("sample:")
    return Path(text)


def _given(paths: PathLike | Iterable[PathLike] | None) -> list[PathLike]:
    if paths is None or paths == "":
        return []
    if isinstance(paths, str | os.PathLike):
        return [paths]
    return [p for p in paths if str(p)]


def _is_sample(path: PathLike) -> bool:
    return isinstance(path, str) and path.startswith("sample:")


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
    todo = [(p, "journal") for p in _given(journal)] + [(p, "urges") for p in _given(urges)]
    todo += [(p, None) for p in _given(auto)]
    from_sample = 0
    for given, kind in todo:
        path = _resolve(given)
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                report = _inspect(path, kind=kind, tz=tz, options=options, lenient=True)
        except (ReflectionKitError, OSError, ValueError) as exc:
            if _is_sample(given) and not path.exists():
                names = ", ".join(f'"sample:{q.name}"' for q in sorted(path.parent.iterdir()))
                msg = f"The bundled sample has no export named {given!r}; it holds {names}."
                failures.append((str(given), msg))
            else:
                failures.append((str(path), _friendly(path, exc)))
            continue
        reports[report.kind].append(report)
        from_sample += _is_sample(given)
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
        sample_reports=from_sample,
    )
