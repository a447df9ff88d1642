"""What the commands read: reader options, checks of the inputs, the review's pre-flight.

``check`` and ``review`` take the reader options of the Python API as flags
(:func:`add_reader_options`); ``review`` reads every export once before it
renders (:func:`preflight`) so that an export it cannot use stops it with a
message, before anything is written.
"""

from __future__ import annotations

import argparse
import difflib
import os
import re
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ._cli_args import Usage, printable_path
from .errors import ReflectionKitError
from .load_report import LoadReport
from .reading import _inspect
from .sources import all_sources

__all__ = [
    "READER_HELP",
    "add_person_options",
    "add_reader_options",
    "check_format",
    "check_inputs",
    "check_period",
    "people_mentions",
    "person_options",
    "preflight",
    "read_failure",
    "unused_options",
]

READER_HELP = (
    "Reader options (for exports that need them; each export takes the ones its format "
    "knows): --columns 'Their column=our column' (tables and urge logs, e.g. --columns "
    "When=timestamp --columns Entry=text), --habits 'Habit name=kind' (Loop Habit Tracker, "
    "e.g. --habits 'No contact=reach_out'), --kinds 'label=kind' (urge labels), --activities "
    "'activity=kind' (Daylio), --moods 'label=score' (Daylio and Markdown notes, e.g. --moods "
    "meh=3), --timeformat PATTERN (jrnl, e.g. --timeformat '%%d.%%m.%%Y %%H:%%M'). Urge kinds: "
    "reach_out, check_social, reread, fantasize, other."
)


def add_reader_options(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("reader options", READER_HELP)
    g.add_argument(
        "--columns",
        action="append",
        default=[],
        metavar="THEIRS=OURS",
        help="map one of your column names to ours (repeat)",
    )
    g.add_argument(
        "--habits",
        action="append",
        default=[],
        metavar="HABIT=KIND",
        help="map a Loop habit to an urge kind (repeat)",
    )
    g.add_argument(
        "--yes-means",
        choices=("clean", "acted"),
        help="what a Loop YES is: a clean day (default) or a day the urge was acted on",
    )
    g.add_argument(
        "--kinds",
        action="append",
        default=[],
        metavar="LABEL=KIND",
        help="map an urge label to an urge kind (repeat)",
    )
    g.add_argument(
        "--activities",
        action="append",
        default=[],
        metavar="ACTIVITY=KIND",
        help="map a Daylio activity to an urge kind (repeat)",
    )
    g.add_argument(
        "--moods",
        action="append",
        default=[],
        metavar="LABEL=SCORE",
        help="score a mood word, 1 (awful) to 5 (rad) (repeat)",
    )
    g.add_argument(
        "--timeformat", metavar="PATTERN", help="the entry-header time format of a jrnl journal"
    )
    g.add_argument(
        "--max-unzipped-bytes",
        type=int,
        metavar="N",
        help="size limit of an input file or unzipped export (default 2 GiB)",
    )


def add_person_options(p: argparse.ArgumentParser) -> None:
    """``--person`` and ``--me``: whose events the platform downloads hold."""
    g = p.add_argument_group(
        "platform downloads",
        "WhatsApp, Telegram, Messenger, Instagram, Facebook, Chrome and My Activity downloads "
        "are read as evidence of reaching out and checking: they need to know who the other "
        "person is. No message text is ever read.",
    )
    g.add_argument(
        "--person",
        action="append",
        default=[],
        metavar="NAME",
        help="the other person as the downloads name them: a display name, a handle or a "
        "profile URL (repeat for each)",
    )
    g.add_argument(
        "--me",
        action="append",
        default=[],
        metavar="NAME",
        help="your own name as a download shows it, where it does not say (repeat)",
    )


def person_options(person: Sequence[str], me: Sequence[str]) -> dict[str, Any]:
    """The ``person``/``me`` reader options from ``--person``/``--me`` (empty ones left out)."""
    for flag, values in (("--person", person), ("--me", me)):
        for v in values:
            if not v.strip():
                raise Usage(
                    f"{flag} {v!r} is empty. Suggestion: give a name, a handle or a profile "
                    f"URL, for example {flag} 'Sam Rivera'."
                )
    opts: dict[str, Any] = {}
    if person:
        opts["person"] = list(person)
    if me:
        opts["me"] = list(me)
    return opts


def check_format(fmt: str | None, kind: str | None) -> None:
    """Refuse a ``--format`` name that no reader (of ``kind``) has, naming the close one."""
    if fmt is None:
        return

    names = sorted({s.name for s in all_sources() if kind is None or s.kind == kind})
    if fmt not in names:
        close = difflib.get_close_matches(fmt, names, n=1)
        hint = f" Did you mean {close[0]}?" if close else ""
        raise Usage(
            f"--format {fmt!r} is not a format reflection-kit reads"
            f"{' as ' + kind if kind else ''}.{hint} Known formats: {', '.join(names)} "
            "(see `reflection-kit formats`)."
        )


def check_inputs(paths: Sequence[str], flag: str = "") -> None:
    """Refuse an input path that does not exist (before anything is read)."""
    for path in paths:
        try:
            os.lstat(path)
        except OSError:
            raise Usage(
                f"{flag + ' ' if flag else ''}{printable_path(path)}: no such file or folder. "
                f"Suggestion: check the path; a relative path starts from {Path.cwd()}."
            ) from None


def unused_options(options: dict[str, Any], reports: Sequence[LoadReport]) -> list[str]:
    """A note for each reader option that no export of this run could take."""
    formats = {f.strip() for r in reports for f in r.format.split(",")}
    kinds = {r.kind for r in reports}
    notes = []
    for name in options:
        if name == "max_unzipped_bytes":
            continue
        takers = {s.name for s in all_sources() if name in s.options}
        if name == "columns":
            takers |= {"urgelog"}
        used = bool(takers & formats) or (name == "kinds" and "urges" in kinds)
        if not used:
            flag = "--" + name.replace("_", "-")
            which = " or ".join(sorted(takers)) or "urge"
            notes.append(
                f"{flag} was not used: it applies to {which} exports, and none was read here."
            )
    return notes


def read_failure(path: str, exc: BaseException, flag: str = "") -> str:
    """One paragraph on an export that could not be read: which file, why, what to do."""
    msg = str(exc)
    name = Path(path).name
    for prefix in (printable_path(name) + ": ", printable_path(path) + ": "):
        if msg.startswith(prefix):
            msg = msg[len(prefix) :]
            break
    if isinstance(exc, OSError) and not isinstance(exc, ReflectionKitError):
        reason = "permission denied" if isinstance(exc, PermissionError) else exc.strerror
        msg = f"cannot be read: {reason or exc}."
    shown = printable_path(path)
    return f"{flag + ' ' if flag else ''}{shown}: {msg}"


def preflight(
    inputs: Sequence[tuple[str, str, str]], *, tz: str | None, options: dict[str, Any]
) -> tuple[list[str], list[LoadReport]]:
    """Read every (path, kind, flag) once: the paragraphs on what cannot be used, the reports."""
    failures: list[str] = []
    reports: list[LoadReport] = []
    for path, kind, flag in inputs:
        what = "journal entries" if kind == "journal" else "urges"
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                report = _inspect(path, kind=kind, tz=tz, options=options, lenient=True)
        except (ReflectionKitError, OSError, ValueError, TypeError) as exc:
            failures.append(read_failure(path, exc, flag))
            continue
        shown = f"{flag} {printable_path(path)}"
        if report.records == 0:
            failures.append(
                f"{shown}: no {what} were found in it (read as {report.format}). Suggestion: "
                f"check that this is the export you meant; `reflection-kit check "
                f"{printable_path(path)}` shows what was found."
            )
        elif report.loaded == 0:
            first = report.problems.iloc[0]
            failures.append(
                f"{shown}: none of its {report.records} record(s) could be loaded (first: "
                f"{first['location']}: {first['reason']}). Suggestion: run `reflection-kit "
                f"check {printable_path(path)}` to see each one."
            )
        else:
            reports.append(report)
    return failures, reports


def _data_days(reports: Sequence[LoadReport]) -> tuple[Any, Any] | None:
    days = [
        d
        for r in reports
        if r.frame is not None and len(r.frame)
        for d in (r.frame["date"].min(), r.frame["date"].max())
    ]
    days = [d.date() for d in days if d == d]
    return (min(days), max(days)) if days else None


def check_period(reports: Sequence[LoadReport], start: Any, end: Any) -> str | None:
    span = _data_days(reports)
    if span is None:
        return None
    first, last = span
    if end is not None and end < first:
        return (
            f"--end {end} is before the first day with data ({first}; the data runs to "
            f"{last}), so there is nothing to review. Suggestion: choose an end on or after "
            f"{first}, or leave out --end."
        )
    if start is not None and start > last:
        return (
            f"--start {start} is after the last day with data ({last}; the data starts on "
            f"{first}), so there is nothing to review. Suggestion: choose a start on or "
            f"before {last}, or leave out --start."
        )
    return None


def people_mentions(report: LoadReport, people: Sequence[str]) -> dict[str, int]:
    """For ``check --people``: how many journal entries name each person (or alias).

    A name counts as a whole word, in any case, also as a possessive ("Alex's");
    it lets a coach see that the names given will find the mentions before a
    review uses them. Urge exports hold no entries: an empty mapping.
    """
    frame = report.frame
    if report.kind != "journal" or frame is None or not people:
        return {}
    text = frame["text"].fillna("").astype(str)
    if "title" in frame.columns:
        text = frame["title"].fillna("").astype(str) + "\n" + text
    out = {}
    for name in people:
        pattern = r"(?<!\w)" + re.escape(name.strip()) + r"(?!\w)"
        out[name] = int(text.str.contains(pattern, case=False, regex=True).sum())
    return out
