"""Checks of command-line arguments, done before any work starts.

Each check raises :class:`Usage` (exit code 2) with a message in command-line
words: the flag, the value given, what is wrong and what to write instead.
"""

from __future__ import annotations

import difflib
import math
import os
import re
import tempfile
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any
from zoneinfo import available_timezones

from .frames import URGE_KINDS
from .sources._finalize import valid_zone
from .sources._input import printable_name

__all__ = [
    "Usage",
    "check_output_dir",
    "check_output_file",
    "check_zone",
    "parse_day",
    "reader_options",
    "same_file",
]


class Usage(Exception):
    """A command-line argument that cannot be used (exit code 2)."""


_DAY = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


def parse_day(text: str | None, flag: str) -> date | None:
    """``YYYY-MM-DD`` (month and day may have one digit) as a date, or :class:`Usage`.

    Examples
    --------
    >>> parse_day("2025-6-9", "--end")
    datetime.date(2025, 6, 9)
    """
    if text is None:
        return None
    m = _DAY.fullmatch(text.strip())
    if not m:
        raise Usage(
            f"{flag} {text!r} is not a date. Suggestion: write the day as YYYY-MM-DD, "
            "for example 2025-06-01."
        )
    try:
        return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError as exc:
        raise Usage(
            f"{flag} {text!r} is not a day on the calendar ({exc}). Suggestion: write the "
            "day as YYYY-MM-DD, for example 2025-06-01."
        ) from None


def check_zone(tz: str | None) -> None:
    """Refuse a time zone that the zone database does not know (with close names)."""
    if tz is None:
        return

    if valid_zone(tz):
        return
    zones = sorted(available_timezones())
    close = difflib.get_close_matches(tz, zones, n=3, cutoff=0.6)
    hint = f" Did you mean {' or '.join(close)}?" if close else ""
    raise Usage(
        f"--tz {tz!r} is not a time zone this computer knows.{hint} Suggestion: pass an IANA "
        "zone written Area/City, for example --tz Europe/Berlin."
    )


def _probe(folder: Path, flag: str, shown: str) -> None:
    """Create and remove a file in ``folder``: the honest test that we may write there."""
    try:
        fd, name = tempfile.mkstemp(prefix=".rk-probe-", dir=folder)
    except OSError as exc:
        reason = "permission denied" if isinstance(exc, PermissionError) else exc.strerror
        raise Usage(
            f"{flag} {shown}: cannot write in the folder {folder} ({reason or exc}). "
            "Suggestion: choose a folder of yours, for example in your home folder."
        ) from None
    os.close(fd)
    os.unlink(name)


def check_output_file(path: str, flag: str, *, force: bool) -> Path:
    """Check that a file can be written at ``path`` (its folder exists and is writable).

    An existing file without ``force`` raises :class:`FileExistsError` (exit code 1,
    as the writers do), before any work.
    """
    out = Path(path).expanduser()
    shown = printable_path(path)
    if out.is_dir():
        raise Usage(
            f"{flag} {shown} is a folder; {flag} takes the file to write. Suggestion: "
            f"name a file in it, for example {flag} {shown.rstrip('/')}/review.html."
        )
    if out.exists() and not out.is_file():
        raise Usage(f"{flag} {shown} is not a regular file. Suggestion: name a new file.")
    parent = out.parent
    if not parent.is_dir():
        raise Usage(
            f"{flag} {shown}: the folder {printable_path(str(parent))} does not exist. "
            "Suggestion: create it first, or choose an existing folder."
        )
    if out.exists() and not force:
        raise FileExistsError(
            f"{shown} already exists; nothing was written. Suggestion: choose another name, "
            "or pass --force to replace it."
        )
    _probe(parent, flag, shown)
    return out


def check_output_dir(path: str, flag: str) -> Path:
    """Check that ``path`` is, or can be created as, a folder we can write in."""
    out = Path(path).expanduser()
    shown = printable_path(path)
    if out.exists() and not out.is_dir():
        raise Usage(
            f"{flag} {shown} is a file, not a folder. Suggestion: choose a new or existing folder."
        )
    existing = out
    while not existing.exists():
        if existing.parent == existing:
            break
        existing = existing.parent
    if not existing.is_dir():
        raise Usage(
            f"{flag} {shown}: {printable_path(str(existing))} is a file, so the folder cannot "
            "be made. Suggestion: choose another folder."
        )
    _probe(existing, flag, shown)
    return out


def same_file(a: Path, b: Path) -> bool:
    """Whether two paths name the same file (links and ``./`` included)."""
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def printable_path(path: str) -> str:
    """A path as text for a message (undecodable bytes shown as ``\\xNN``)."""
    return printable_name(os.fspath(path))


def _pairs(values: Sequence[str], flag: str, what: str) -> list[tuple[str, str]]:
    out = []
    for v in values:
        key, sep, value = v.rpartition("=")
        if not sep or not key.strip() or not value.strip():
            raise Usage(
                f'{flag} {v!r} is not NAME=VALUE. Suggestion: write it as {flag} "{what}" '
                "(quote it when a name has spaces)."
            )
        out.append((key.strip(), value.strip()))
    return out


def _kind(value: str, flag: str, item: str) -> str:
    k = value.strip().lower().replace(" ", "_").replace("-", "_")
    k = {"fantasise": "fantasize"}.get(k, k)
    if k not in URGE_KINDS:
        close = difflib.get_close_matches(k, URGE_KINDS, n=1)
        hint = f" Did you mean {close[0]}?" if close else ""
        raise Usage(
            f"{flag} {item!r}: {value!r} is not an urge kind.{hint} Suggestion: use one of "
            f"{', '.join(URGE_KINDS)}."
        )
    return k


def _score(value: str, flag: str, item: str) -> float:
    try:
        score = float(value)
    except ValueError:
        score = math.nan
    if not math.isfinite(score):
        raise Usage(
            f"{flag} {item!r}: the score {value!r} is not a number. Suggestion: write "
            f'{flag} "LABEL=3" (awful=1 … rad=5).'
        )
    return int(score) if score.is_integer() else score


def reader_options(args: Any) -> dict[str, Any]:
    """The reader options given on the command line, checked, as Python values."""
    opts: dict[str, Any] = {}
    if getattr(args, "columns", None):
        opts["columns"] = dict(_pairs(args.columns, "--columns", "Your column=text"))
    if getattr(args, "habits", None):
        pairs = _pairs(args.habits, "--habits", "No contact=reach_out")
        opts["habits"] = {k: _kind(v, "--habits", f"{k}={v}") for k, v in pairs}
    if getattr(args, "kinds", None):
        pairs = _pairs(args.kinds, "--kinds", "looked at his page=check_social")
        opts["kinds"] = {k: _kind(v, "--kinds", f"{k}={v}") for k, v in pairs}
    if getattr(args, "activities", None):
        pairs = _pairs(args.activities, "--activities", "looked at his page=check_social")
        opts["activities"] = {k: _kind(v, "--activities", f"{k}={v}") for k, v in pairs}
    if getattr(args, "moods", None):
        pairs = _pairs(args.moods, "--moods", "meh=3")
        opts["moods"] = {k: _score(v, "--moods", f"{k}={v}") for k, v in pairs}
    if getattr(args, "timeformat", None):
        if "%" not in args.timeformat:
            raise Usage(
                f"--timeformat {args.timeformat!r} has no % field. Suggestion: copy the "
                "timeformat line of your jrnl config, for example --timeformat "
                '"%Y-%m-%d %H:%M".'
            )
        opts["timeformat"] = args.timeformat
    if getattr(args, "yes_means", None):
        opts["yes_means"] = args.yes_means
    if getattr(args, "max_unzipped_bytes", None) is not None:
        if args.max_unzipped_bytes <= 0:
            raise Usage("--max-unzipped-bytes must be a positive number of bytes.")
        opts["max_unzipped_bytes"] = args.max_unzipped_bytes
    return opts
