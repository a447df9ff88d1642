"""Logged vs shown: the self-kept urge log beside the evidence of the platform downloads.

Two sources can say how a day went for reaching out (``reach_out``) and checking
their profile (``check_social``):

* the **log** (an urge log, check-ins): what the person noted;
* the **downloads** (WhatsApp, Telegram, Messenger, Instagram, Facebook, Chrome, My
  Activity, read with ``rk.read_urges(path, person=...)``): what the platforms kept.

Coverage
--------
A source can only speak for the days it covers. The **log covers** its first to its
last day with any record (any kind, resisted or acted). The **downloads cover**, for
each kind, their first to their last day with a row of that kind: a WhatsApp chat
says nothing about profile visits, and a Chrome history nothing about messages.
Only the days both cover (and inside ``start``..``end``) are compared; every other
day is left out, never counted as a disagreement.

How a day is compared
---------------------
On each compared day and kind, the log says "acted" (a day the streaks count as
checked: an acted urge of that kind, or a check-in saying so), "clean" (a day the
streaks count as clean; with ``unlogged="clean"``, as for an event log, a day with no
record is clean) or "does not say" (an urge with no outcome, a skipped check-in, or
an unlogged day with ``unlogged="unknown"``). The downloads show a number of rows
(messages and calls sent, profile checks). The day's ``status`` is:

``both``
    the log says acted and the downloads show at least one row;
``only in downloads``
    the log says clean, the downloads show at least one row;
``only in log``
    the log says acted, the downloads show nothing (a call on another app, a look at
    a profile in an app whose history is not downloaded, a deleted chat...);
``neither``
    the log says clean and the downloads show nothing;
``log does not say``
    the log does not say how the day went (not a disagreement).

Merging without counting twice
------------------------------
:func:`merge_urges` puts the log and the downloads in one urge frame. Rows of the
downloads of one kind that follow each other within ``window`` (30 minutes by
default) are one **episode** (five messages in a row are one reach-out). An episode
with a row within ``window`` of an acted log urge of the same kind *is* that urge:
it is not added again. Times are compared on the wall clock the days are counted on
(``local_time``), so read the log and the downloads with the same ``tz=``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..frames import URGE_KIND_DTYPE, URGE_KINDS
from ._days import CI_NONE, day_bound, prepare, to_timestamps
from .streaks import day_status

__all__ = ["STATUSES", "LoggedVsShown", "logged_vs_shown", "merge_urges"]

#: The status of a compared day, in display order.
STATUSES: tuple[str, ...] = (
    "both",
    "only in downloads",
    "only in log",
    "neither",
    "log does not say",
)
STATUS_DTYPE = pd.CategoricalDtype(list(STATUSES))
_COUNTS = ("both", "only_in_downloads", "only_in_log", "neither", "log_does_not_say")
_US_PER_DAY = 86_400_000_000


def _kinds(kinds: str | Iterable[str]) -> tuple[str, ...]:
    items = (kinds,) if isinstance(kinds, str) else tuple(kinds)
    bad = [k for k in items if k not in URGE_KINDS]
    if bad or not items:
        raise ValueError(
            f"`kinds` must name urge kinds ({', '.join(URGE_KINDS)}), got {kinds!r}. "
            "Suggestion: kinds=('reach_out', 'check_social')."
        )
    return tuple(dict.fromkeys(items))


def _day(n: int | None) -> pd.Timestamp | None:
    return None if n is None else to_timestamps(np.array([n]))[0]


@dataclass(frozen=True)
class LoggedVsShown:
    """The result of :func:`logged_vs_shown`.

    Attributes
    ----------
    days : pandas.DataFrame
        One row per compared day and kind: ``date``, ``kind``, ``logged`` (acted urges
        of that kind in the log), ``log_says`` ("acted", "clean" or "does not say"),
        ``shown`` (rows of the downloads: messages and calls sent, profile checks),
        ``hits`` (raw visits behind the checks) and ``status`` (see the module
        docstring).
    summary : pandas.DataFrame
        Indexed by ``kind``: ``days_compared`` and the days of each status
        (``both``, ``only_in_downloads``, ``only_in_log``, ``neither``,
        ``log_does_not_say``), ``logged`` and ``shown`` (rows on compared days),
        ``shown_outside`` (rows of the downloads on days the log does not cover, not
        compared), and the spans: ``first_day``/``last_day`` compared,
        ``log_first``/``log_last``, ``downloads_first``/``downloads_last``.
    kinds : tuple of str
        The kinds compared.
    """

    days: pd.DataFrame = field(repr=False)
    summary: pd.DataFrame = field(repr=False)
    kinds: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, dict[str, object]]:
        """The summary as ``{kind: {figure: value}}``."""
        return {str(k): dict(row) for k, row in self.summary.to_dict("index").items()}

    def __str__(self) -> str:
        parts = []
        for kind, row in self.summary.iterrows():
            n = int(row["days_compared"])
            if not n:
                parts.append(f"{kind}: no day is covered by both the log and the downloads")
                continue
            parts.append(
                f"{kind}: {n} days compared ({row['first_day']:%Y-%m-%d} to "
                f"{row['last_day']:%Y-%m-%d}); both {row['both']}, only in downloads "
                f"{row['only_in_downloads']}, only in log {row['only_in_log']}, neither "
                f"{row['neither']}, log does not say {row['log_does_not_say']}"
            )
        return "; ".join(parts) + "."


def _empty_days() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "date": pd.Series([], dtype="datetime64[us]"),
            "kind": pd.Series([], dtype="str"),
            "logged": pd.Series([], dtype="int64"),
            "log_says": pd.Series([], dtype="str"),
            "shown": pd.Series([], dtype="int64"),
            "hits": pd.Series([], dtype="int64"),
            "status": pd.Series(pd.Categorical([], dtype=STATUS_DTYPE)),
        }
    )


def logged_vs_shown(
    log: pd.DataFrame,
    evidence: pd.DataFrame,
    *,
    kinds: str | Iterable[str] = ("reach_out", "check_social"),
    start: object = None,
    end: object = None,
    unlogged: str = "clean",
    day_starts: int = 0,
) -> LoggedVsShown:
    """Compare, day by day, what the urge log says with what the downloads show.

    Only days covered by both sources are compared (see the module docstring:
    the log covers its first to its last day with any record; the downloads cover,
    for each kind, their first to their last day with a row of that kind). Days
    outside either coverage are left out and never counted as a disagreement.

    Parameters
    ----------
    log : pandas.DataFrame
        The person's urge frame (:func:`reflection_kit.read_urges` of a log).
    evidence : pandas.DataFrame
        An urge frame read from platform downloads (``rk.read_urges(path,
        person=...)``); several downloads may be read together.
    kinds : str or iterable of str, default ("reach_out", "check_social")
        The urge kinds to compare, each on its own.
    start, end : date-like or "today", optional
        Limit the comparison to these days (inclusive).
    unlogged : {"clean", "unknown", "skip"}, default "clean"
        How the log's days without a record count, as in
        :func:`reflection_kit.streaks`: ``"clean"`` (an event log), otherwise the log
        "does not say" and the day is not a disagreement.
    day_starts : int, default 0
        The hour a day starts, as in :func:`reflection_kit.streaks`.

    Returns
    -------
    LoggedVsShown
        ``.days`` (one row per compared day and kind) and ``.summary`` (the n's).

    Raises
    ------
    SchemaError
        Either frame is not an urge frame.
    ValueError
        An unknown kind, or a bad ``start``/``end``/``unlogged``.

    Examples
    --------
    >>> import warnings
    >>> import reflection_kit as rk
    >>> from reflection_kit.sample import sample_dir, SAMPLE_DOWNLOADS, SAMPLE_PERSON
    >>> root = sample_dir()
    >>> log = rk.read_urges(root / "urges.csv", tz="Europe/Berlin")
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")
    ...     shown = rk.read_urges(
    ...         [root / p for p in SAMPLE_DOWNLOADS], person=SAMPLE_PERSON, tz="Europe/Berlin"
    ...     )
    >>> result = rk.logged_vs_shown(log, shown)
    >>> list(result.days.columns)
    ['date', 'kind', 'logged', 'log_says', 'shown', 'hits', 'status']
    >>> int(result.summary.loc["reach_out", "only_in_downloads"]) > 0
    True
    """
    wanted = _kinds(kinds)
    pl = prepare(log, day_starts=day_starts)
    pe = prepare(evidence, day_starts=day_starts)
    lo_arg = day_bound(start, "start", log, day_starts)
    hi_arg = day_bound(end, "end", log, day_starts)
    if lo_arg is not None and hi_arg is not None and lo_arg > hi_arg:
        raise ValueError(f"`start` ({start}) is after `end` ({end}). Suggestion: swap them.")
    log_span = (int(pl.day.min()), int(pl.day.max())) if pl.n else None
    hits_all = (
        pd.to_numeric(evidence["hits"], errors="coerce").fillna(1).to_numpy(dtype=np.int64)
        if "hits" in evidence.columns
        else np.ones(len(evidence), dtype=np.int64)
    )
    ev_hits = hits_all[pe.rows]
    frames, rows = [], []
    for kind in wanted:
        code = URGE_KINDS.index(kind)
        ev = (pe.kind == code) & (pe.acted == 1) & (pe.checkin == CI_NONE)
        ev_days = pe.day[ev]
        ev_span = (int(ev_days.min()), int(ev_days.max())) if len(ev_days) else None
        lo = hi = None
        if log_span is not None and ev_span is not None:
            lo, hi = max(log_span[0], ev_span[0]), min(log_span[1], ev_span[1])
            lo = lo if lo_arg is None else max(lo, lo_arg)
            hi = hi if hi_arg is None else min(hi, hi_arg)
        n_days = 0 if lo is None or hi is None or lo > hi else hi - lo + 1
        outside = ev_days
        if log_span is not None:
            outside = ev_days[(ev_days < log_span[0]) | (ev_days > log_span[1])]
        row: dict[str, object] = {"kind": kind, "days_compared": n_days}
        if n_days:
            assert lo is not None and hi is not None
            status = day_status(
                log,
                kind=kind,
                start=_day(lo),
                end=_day(hi),
                unlogged=unlogged,
                day_starts=day_starts,
            )["counts_as"].to_numpy()
            mine = (pl.kind == code) & (pl.acted == 1) & (pl.checkin == CI_NONE)
            ld = pl.day[mine & (pl.day >= lo) & (pl.day <= hi)] - lo
            logged = np.bincount(ld, minlength=n_days)
            inside = ev & (pe.day >= lo) & (pe.day <= hi)
            shown = np.bincount(pe.day[inside] - lo, minlength=n_days)
            hits = np.bincount(pe.day[inside] - lo, weights=ev_hits[inside], minlength=n_days)
            says = np.where(
                status == "checked", "acted", np.where(status == "clean", "clean", "does not say")
            )
            acted, seen = says == "acted", shown > 0
            code_of = np.select(
                [says == "does not say", acted & seen, seen, acted], [4, 0, 1, 2], default=3
            )
            day = pd.DataFrame(
                {
                    "date": to_timestamps(np.arange(lo, hi + 1)),
                    "kind": pd.Series([kind] * n_days, dtype="str"),
                    "logged": logged.astype(np.int64),
                    "log_says": pd.Series(says, dtype="str"),
                    "shown": shown.astype(np.int64),
                    "hits": hits.astype(np.int64),
                    "status": pd.Categorical.from_codes(code_of, dtype=STATUS_DTYPE),
                }
            )
            frames.append(day)
            for name, status_name in zip(_COUNTS, STATUSES, strict=True):
                row[name] = int((day["status"] == status_name).sum())
            row["logged"] = int(logged.sum())
            row["shown"] = int(shown.sum())
        else:
            row.update({name: 0 for name in _COUNTS}, logged=0, shown=0)
        row["shown_outside"] = len(outside)
        row["first_day"] = _day(lo) if n_days else None
        row["last_day"] = _day(hi) if n_days else None
        row["log_first"] = _day(log_span[0]) if log_span else None
        row["log_last"] = _day(log_span[1]) if log_span else None
        row["downloads_first"] = _day(ev_span[0]) if ev_span else None
        row["downloads_last"] = _day(ev_span[1]) if ev_span else None
        rows.append(row)
    days = (
        pd.concat(frames, ignore_index=True).sort_values(["date", "kind"], kind="stable")
        if frames
        else _empty_days()
    ).reset_index(drop=True)
    summary = pd.DataFrame(rows).set_index("kind")
    for col in ("days_compared", *_COUNTS, "logged", "shown", "shown_outside"):
        summary[col] = summary[col].astype(np.int64)
    return LoggedVsShown(days=days, summary=summary, kinds=wanted)


def _unify_zones(frames: list[pd.DataFrame]) -> list[pd.DataFrame]:
    zones = {str(f["timestamp"].dtype) for f in frames if "timestamp" in f.columns and len(f)}
    if len(zones) > 1:
        return [
            f.assign(timestamp=f["timestamp"].dt.tz_convert("UTC"))
            if "timestamp" in f.columns and isinstance(f["timestamp"].dtype, pd.DatetimeTZDtype)
            else f
            for f in frames
        ]
    return frames


def _near(times: np.ndarray, sorted_other: np.ndarray, window: int) -> np.ndarray:
    """For each of ``times``: is a value of ``sorted_other`` within ``window``?"""
    if not len(sorted_other) or not len(times):
        return np.zeros(len(times), dtype=bool)
    i = np.searchsorted(sorted_other, times)
    before = np.abs(times - sorted_other[np.clip(i - 1, 0, len(sorted_other) - 1)])
    after = np.abs(sorted_other[np.clip(i, 0, len(sorted_other) - 1)] - times)
    return np.minimum(before, after) <= window


def merge_urges(
    log: pd.DataFrame, evidence: pd.DataFrame, *, window: str | pd.Timedelta = "30min"
) -> pd.DataFrame:
    """One urge frame from the log and the downloads, without counting an event twice.

    The rule: rows of the downloads of one kind that follow each other within
    ``window`` are one episode (its first row, with ``hits`` summed: five messages
    in a row are one reach-out). An episode with a row within ``window`` of an acted
    log urge of the same kind is that urge: it is not added, and the log row's
    ``seen_in`` becomes ``"both"``. Other episodes are added (``seen_in``
    ``"downloads"``). Times are compared on ``local_time``, the wall clock the days
    are counted on, so read both with the same ``tz=``.

    Parameters
    ----------
    log : pandas.DataFrame
        The person's urge frame; every row is kept.
    evidence : pandas.DataFrame
        Urge rows read from platform downloads.
    window : str or Timedelta, default "30min"
        How close two times must be to be one event.

    Returns
    -------
    pandas.DataFrame
        An urge frame (the log's columns, ``source`` kept: ``urgelog``, ``whatsapp``...)
        plus ``seen_in`` ("log", "downloads" or "both") and ``hits`` (for rows from the
        downloads: how many messages or visits the row stands for; missing for log
        rows), sorted by time. :func:`reflection_kit.streaks` and
        :func:`reflection_kit.urge_stats` take it as it is.

    Raises
    ------
    SchemaError
        Either frame is not an urge frame.
    ValueError
        ``window`` is not a duration of zero or more.

    Examples
    --------
    >>> import warnings
    >>> import reflection_kit as rk
    >>> from reflection_kit.sample import sample_dir, SAMPLE_DOWNLOADS, SAMPLE_PERSON
    >>> root = sample_dir()
    >>> log = rk.read_urges(root / "urges.csv", tz="Europe/Berlin")
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")
    ...     shown = rk.read_urges(
    ...         [root / p for p in SAMPLE_DOWNLOADS], person=SAMPLE_PERSON, tz="Europe/Berlin"
    ...     )
    >>> merged = rk.merge_urges(log, shown)
    >>> sorted(merged["seen_in"].unique())
    ['both', 'downloads', 'log']
    >>> len(merged) < len(log) + len(shown)
    True
    """
    try:
        gap = pd.Timedelta(window)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"`window` must be a duration such as '30min', got {window!r}.") from exc
    if pd.isna(gap) or gap < pd.Timedelta(0):
        raise ValueError(f"`window` must be a duration of zero or more, got {window!r}.")
    win = int(gap / pd.Timedelta(microseconds=1))
    pl = prepare(log, day_starts=0)
    pe = prepare(evidence, day_starts=0)
    seen_log = np.full(len(log), "log", dtype=object)
    keep_ev = np.ones(len(evidence), dtype=bool)
    ev_hits = (
        pd.to_numeric(evidence["hits"], errors="coerce").fillna(1).to_numpy(dtype=np.int64)
        if "hits" in evidence.columns
        else np.ones(len(evidence), dtype=np.int64)
    )
    hits_out = ev_hits.copy()
    for code in np.unique(pe.kind[pe.kind >= 0]):
        e_mask = (pe.kind == code) & (pe.acted == 1) & (pe.checkin == CI_NONE)
        l_mask = (pl.kind == code) & (pl.acted == 1) & (pl.checkin == CI_NONE)
        e_rows, e_t = pe.rows[e_mask], pe.local_us[e_mask]
        order = np.argsort(e_t, kind="stable")
        e_rows, e_t = e_rows[order], e_t[order]
        l_rows, l_t = pl.rows[l_mask], pl.local_us[l_mask]
        l_order = np.argsort(l_t, kind="stable")
        l_rows, l_t = l_rows[l_order], l_t[l_order]
        if not len(e_t):
            continue
        episode = np.concatenate(([0], np.cumsum(np.diff(e_t) > win)))
        matched_row = _near(e_t, l_t, win)
        matched_ep = np.zeros(int(episode[-1]) + 1, dtype=bool)
        np.logical_or.at(matched_ep, episode, matched_row)
        first = np.concatenate(([True], episode[1:] != episode[:-1]))
        keep_ev[e_rows] = first & ~matched_ep[episode]
        sums = np.bincount(episode, weights=ev_hits[e_rows]).astype(np.int64)
        hits_out[e_rows[first]] = sums[episode[first]]
        # a log urge with a matched episode row near it was seen in both
        m_times = e_t[matched_ep[episode]]
        seen_log[l_rows[_near(l_t, m_times, win)]] = "both"
    left = log.copy()
    left["seen_in"] = pd.Series(seen_log, index=log.index, dtype="str")
    left["hits"] = pd.array([pd.NA] * len(log), dtype="Int64")
    right = evidence.loc[keep_ev].copy()
    right["seen_in"] = pd.Series("downloads", index=right.index, dtype="str")
    right["hits"] = pd.array(hits_out[keep_ev], dtype="Int64")
    frames = _unify_zones([left, right])
    merged = pd.concat([f for f in frames if len(f)] or frames[:1], ignore_index=True)
    if "time_known" in merged.columns:  # a download's rows always have their time of day
        merged["time_known"] = merged["time_known"].astype("boolean").fillna(True).astype(bool)
    if "kind" in merged.columns and not isinstance(merged["kind"].dtype, pd.CategoricalDtype):
        merged["kind"] = merged["kind"].astype(object).astype(URGE_KIND_DTYPE)
    by = [c for c in ("local_time", "timestamp") if c in merged.columns][:1]
    if by:
        merged = merged.sort_values(by, kind="stable").reset_index(drop=True)
    return merged
