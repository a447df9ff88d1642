"""What the platform-download readers share: no text ever, honest time, sessions.

No text, ever
    A reader keeps only *that* something happened, *when*, and *where in the file*.
    Message text, media names, link text and page titles are dropped while the file is
    parsed (:func:`load_json` removes them from every JSON object as it is built) and
    never reach a frame, a report, a problem's ``raw`` snippet or an error message:
    a problem's ``raw`` is the record's place and time only (:func:`safe_raw`), and a
    file that is not valid JSON is reported by line and column, without an excerpt.

Time
    WhatsApp and Telegram's ``date`` are the exporting device's wall clock with no
    zone (placed in ``tz=``, or kept as written); Meta, Google and Telegram's
    ``date_unixtime`` are UTC instants (shown on the clock of ``tz=``, UTC by
    default). :func:`set_policy` writes which into the load report.

Sessions
    Several hits on one profile within :data:`SESSION_GAP` of the previous hit are
    one check (:func:`sessions`); the row's ``hits`` keeps the raw count.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from typing import Any

import pandas as pd

from ..errors import ParseError
from ._base import ReadContext
from ._input import Input, decode_text

__all__ = [
    "SESSION_GAP",
    "as_list",
    "epoch",
    "event_frame",
    "fix_mojibake",
    "load_json",
    "not_this",
    "safe_raw",
    "sessions",
    "set_policy",
    "stable_id",
]

#: Hits on one profile closer than this to the previous hit are one check.
SESSION_GAP = pd.Timedelta(minutes=30)

#: Columns of the rows the platform readers return.
COLUMNS = ("urge_id", "kind", "label", "acted", "hits", "origin")


def as_list(value: Any) -> list[Any]:
    """``value`` when it is a list, else an empty list (a damaged file never crashes a read)."""
    return value if isinstance(value, list) else []


def epoch(value: Any, unit: str) -> pd.Timestamp | None:
    """A positive epoch number (``unit`` "s", "ms" or "us") as a UTC instant, else None.

    Booleans, text, zero, negative and out-of-range values give None (a damaged
    field is a located problem, never a crash).
    """
    if isinstance(value, bool) or not isinstance(value, int | float) or not value > 0:
        return None
    try:
        return pd.Timestamp(int(value), unit=unit, tz="UTC")
    except (OverflowError, ValueError, pd.errors.OutOfBoundsDatetime):
        return None


def stable_id(*parts: object) -> str:
    """A 16-hex-digit id from ``parts`` (the same event read twice gets the same id)."""
    key = "\x1f".join(map(str, parts)).encode("utf-8", "surrogatepass")
    return hashlib.blake2b(key, digest_size=8).hexdigest()


def safe_raw(*parts: object) -> str:
    """A problem's ``raw`` snippet: only the place and time fields given, never text."""
    return " ".join(str(p) for p in parts if p not in (None, ""))[:80]


def event_frame(rows: list[dict[str, Any]], *time_cols: str) -> pd.DataFrame:
    """The reader's frame from its rows (``time_cols``: ``instant`` and/or ``local_time``)."""
    cols = [*COLUMNS, *time_cols]
    if not rows:
        return pd.DataFrame({c: pd.Series([], dtype=object) for c in cols})
    df = pd.DataFrame(rows, columns=cols)
    df["hits"] = df["hits"].astype("int64")
    return df


def set_policy(ctx: ReadContext, *, instants: str | None = None, wall: str | None = None) -> None:
    """Write the time policy of this read into the report.

    ``instants`` names the UTC-instant fields read, ``wall`` the wall-clock ones
    (the device's time without a zone). Either or both.
    """
    given = ctx.tz != "UTC"
    parts = []
    if instants:
        where = (
            f"shown on the clock of {ctx.tz} (tz={ctx.tz!r})"
            if given
            else "shown in UTC; pass tz='Area/City' to see them on your own clock and days"
        )
        parts.append(f"times from {instants} are UTC instants, {where}")
    if wall:
        where = (
            f"read as local time in {ctx.tz} (tz={ctx.tz!r})"
            if given
            else "kept exactly as written (labelled UTC, so days never move)"
        )
        parts.append(
            f"{wall} is the exporting device's wall clock with no zone, {where}; a trip "
            "across zones or a clock change stays as the device showed it"
        )
    ctx.tz_policy = "; ".join(parts)


def sessions(
    hits: Iterable[tuple[Any, pd.Timestamp, str]], gap: pd.Timedelta = SESSION_GAP
) -> list[tuple[Any, pd.Timestamp, str, int]]:
    """Group hits ``(key, time, origin)`` into sessions ``(key, first time, origin, hits)``.

    A hit within ``gap`` of the previous hit on the same key joins its session;
    the session keeps the first hit's time and origin.

    Examples
    --------
    >>> t = pd.Timestamp("2025-01-01 10:00", tz="UTC")
    >>> m = pd.Timedelta(minutes=1)
    >>> [s[3] for s in sessions([("a", t, "1"), ("a", t + 20 * m, "2"), ("a", t + 60 * m, "3")])]
    [2, 1]
    """
    out: list[tuple[Any, pd.Timestamp, str, int]] = []
    last: dict[Any, tuple[int, pd.Timestamp]] = {}
    for key, when, origin in sorted(hits, key=lambda h: (str(h[0]), h[1])):
        prev = last.get(key)
        if prev is not None and when - prev[1] <= gap:
            i = prev[0]
            k, first, org, n = out[i]
            out[i] = (k, first, org, n + 1)
            last[key] = (i, when)
        else:
            out.append((key, when, origin, 1))
            last[key] = (len(out) - 1, when)
    return out


def fix_mojibake(value: str) -> str:
    """Undo Meta's mojibake (UTF-8 bytes written as Latin-1 code points), guarded.

    Only a string made entirely of code points up to U+00FF whose bytes are valid
    UTF-8 is re-decoded, so correct text ("café", "Zoë", emoji) is never damaged.

    Examples
    --------
    >>> fix_mojibake("Zo\u00c3\u00ab"), fix_mojibake("Zoë"), fix_mojibake("\u00e9t\u00e9")
    ('Zoë', 'Zoë', 'été')
    """
    if value.isascii():
        return value
    try:
        return value.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return value


def _dropper(drop: tuple[str, ...]):
    def hook(obj: dict[str, Any]) -> dict[str, Any]:
        for key in drop:  # a few dict look-ups: cheaper than a set intersection per object
            obj.pop(key, None)
        return obj

    return hook


def load_json(
    inp: Input, name: str, ctx: ReadContext, *, drop: Iterable[str] = (), what: str
) -> Any:
    """Parse one JSON member, dropping the values of ``drop`` keys as each object is built.

    Invalid JSON is one located problem of the whole file (counted as one record),
    reported by line and column only: no excerpt, since the file holds other
    people's words. Returns ``None`` then.
    """
    data = inp.read_bytes(name)
    text, enc = decode_text(data)
    del data
    if enc not in ("utf-8", "utf-8-sig"):
        ctx.note(f"{inp.where(name)} is not UTF-8; it was read as {enc}")
    try:
        return json.loads(text, object_hook=_dropper(tuple(drop)) if drop else None)
    except (json.JSONDecodeError, RecursionError) as exc:
        where = (
            f"line {exc.lineno}, column {exc.colno}"
            if isinstance(exc, json.JSONDecodeError)
            else "nested too deeply"
        )
        ctx.found()
        ctx.problem(
            inp.where(name),
            f"the file is not valid JSON ({where}); it may be cut short, so none of its "
            f"{what} were read. Suggestion: download it again (JSON format).",
            "",
        )
        return None


def not_this(inp: Input, name: str, fmt: str, what: str, how: str) -> ParseError:
    """A whole-file error: ``name`` is not the export ``fmt`` expects (no text quoted)."""
    where = inp.where(name)
    return ParseError(
        f"{where}: {what}, so it is not {fmt}. Suggestion: {how}",
        location=where,
        reason=f"not {fmt}: {what}",
    )
