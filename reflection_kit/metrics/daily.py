"""The daily panel: one row per local day, every day of the range present.

Journal columns (when a journal is given): ``entries``, ``words`` and, when the
journal was scored with :func:`reflection_kit.score_entries`, the day's mean
``rumination``, ``release``, ``tone`` and component rates, ``markers`` (the
rumination cue markers found: counterfactuals, replaying, absolutist words, why- and
brooding questions) and ``ruminative`` (at least one entry at or above the
documented rumination threshold, see ``docs/rumination.md``).
Days without an entry have ``entries == 0`` and NaN scores: nothing is filled in.

Urge columns (when urges are given): ``urges``, ``acted``, ``resisted``,
``intensity`` (mean), ``logged`` (at least one urge record that day),
``checked_social`` (nullable boolean) and ``social_status`` (``clean``,
``checked``, ``unknown`` or ``skip``). How a day without any urge record counts
is the ``unlogged`` policy, as in :func:`reflection_kit.streaks`: with
``"clean"`` (an event log) its counts are 0; otherwise they are NA, so no
"no urge" is ever imputed silently.

:func:`weekly` turns the panel into ISO weeks: the share of days with a
ruminative entry, markers per 1,000 words, urges, the resisted rate, clean days,
each with its n.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..errors import SchemaError
from ..text.index_spec import index_spec
from ._days import day_bound, local_days, to_timestamps, week_start
from .streaks import day_status

__all__ = ["daily", "weekly"]

# The day's mean of each score: the index, its within-person form, every component of the index
# specification (text/index_spec.py, so the panel never leaves a part of the index out) and
# the reported my_rate.
_REPORTED = ("tone", "neg_tone", "release", "why_rate", "question_rate", "counterfactual_rate",
             "replay_rate", "ex_rate", "we_rate", "i_rate", "absolutist_rate", "past_rate",
             "passages", "ruminative_passages")  # fmt: skip
_SCORE_MEANS = tuple(
    dict.fromkeys(
        ("rumination", "rumination_within", *index_spec().columns, *_REPORTED, "my_rate")
    )
)


# rumination cue markers (not I-talk or pronouns, which are everywhere): rates per 100 words
# and per sentence, turned back into counts
_MARKER_RATES = ("counterfactual_rate", "replay_rate", "absolutist_rate", "why_rate",
                 "question_rate")  # fmt: skip


def _marker_counts(journal: pd.DataFrame) -> np.ndarray:
    words = pd.to_numeric(journal["words"], errors="coerce").fillna(0).to_numpy(float)
    sentences = pd.to_numeric(journal["sentences"], errors="coerce").fillna(0).to_numpy(float)
    total = np.zeros(len(journal))
    for col in _MARKER_RATES:
        rate = pd.to_numeric(journal[col], errors="coerce").fillna(0).to_numpy(float)
        per_sentence = col in ("why_rate", "question_rate")
        total += rate * (sentences if per_sentence else words / 100)
    return np.round(total)


def _bound(value: object, name: str, frames: list[pd.DataFrame], day_starts: int):
    """``start``/``end`` as a naive midnight: the same reading as the streak measures, so
    "today" is the person's day (the zone of their latest row, after ``day_starts``)."""
    zone_frame = next((f for f in frames if len(f)), pd.DataFrame())
    day = day_bound(value, name, zone_frame, day_starts)
    return None if day is None else to_timestamps(np.array([day]))[0]


def _journal_part(journal: pd.DataFrame, day_starts: int) -> pd.DataFrame:
    if "text" not in journal.columns and "words" not in journal.columns:
        raise SchemaError(
            "the journal frame needs a `text` (or `words`) column; it has "
            f"{list(journal.columns)}. Suggestion: load it with rk.read_journal(path).",
            columns=["text"],
        )
    j = pd.DataFrame({"day": local_days(journal, day_starts).to_numpy()})
    if "words" in journal.columns:
        j["words"] = pd.to_numeric(journal["words"], errors="coerce").fillna(0).to_numpy()
    else:
        j["words"] = journal["text"].astype(str).str.split().str.len().fillna(0).to_numpy()
    j["entries"] = 1
    for col in _SCORE_MEANS:
        if col in journal.columns:
            j[col] = pd.to_numeric(journal[col], errors="coerce").to_numpy()
    if "markers" in journal.columns:
        j["markers"] = pd.to_numeric(journal["markers"], errors="coerce").to_numpy()
    elif {"words", "sentences", *_MARKER_RATES} <= set(journal.columns):
        j["markers"] = _marker_counts(journal)
    if "ruminative" in journal.columns:
        j["ruminative"] = journal["ruminative"].astype("boolean").to_numpy()
    elif "rumination" in journal.columns:
        threshold = journal.attrs.get("threshold")
        if threshold is None:
            threshold = index_spec().threshold
        rum = pd.to_numeric(journal["rumination"], errors="coerce")
        j["ruminative"] = pd.array(
            [pd.NA if pd.isna(v) else bool(v >= threshold) for v in rum], dtype="boolean"
        )
    g = j.groupby("day", sort=True)
    out = pd.DataFrame({"entries": g["entries"].sum(), "words": g["words"].sum()})
    for col in _SCORE_MEANS:
        if col in j.columns:
            out[col] = g[col].mean()
    spec = index_spec()
    if set(spec.columns) <= set(out.columns):
        # the day's index is the index of the day's mean components (equal to the mean of
        # its entries' index up to 2**-17 per part), so its parts add up to it exactly
        out["rumination"] = spec.index(out)
    if "markers" in j.columns:
        out["markers"] = g["markers"].sum(min_count=1)
    if "ruminative" in j.columns:
        out["ruminative"] = g["ruminative"].agg(lambda s: s.any() if s.notna().any() else pd.NA)
    return out


def _urge_part(urges: pd.DataFrame, day_starts: int) -> pd.DataFrame:
    missing = [c for c in ("kind", "acted") if c not in urges.columns]
    if missing:
        raise SchemaError(
            f"the urge frame is missing required column(s) {missing}; it has "
            f"{list(urges.columns)}. Suggestion: load it with rk.read_urges(path).",
            columns=missing,
        )
    events = urges
    if "checkin" in urges.columns:
        events = urges[urges["checkin"].isna() | (urges["checkin"].astype(str) == "")]
    u = pd.DataFrame({"day": local_days(events, day_starts).to_numpy()})
    acted = events["acted"].astype("boolean")
    u["urges"] = 1
    u["acted"] = acted.eq(True).fillna(False).astype(int).to_numpy()
    u["resisted"] = acted.eq(False).fillna(False).astype(int).to_numpy()
    u["intensity"] = (
        pd.to_numeric(events["intensity"], errors="coerce").to_numpy()
        if "intensity" in events.columns
        else np.nan
    )
    g = u.groupby("day", sort=True)
    return pd.DataFrame(
        {
            "urges": g["urges"].sum(),
            "acted": g["acted"].sum(),
            "resisted": g["resisted"].sum(),
            "intensity": g["intensity"].mean(),
        }
    )


def daily(
    journal: pd.DataFrame | None = None,
    urges: pd.DataFrame | None = None,
    *,
    start: object = None,
    end: object = None,
    day_starts: int = 0,
    unlogged: str = "clean",
) -> pd.DataFrame:
    """One row per local day, with every day of the range present.

    Parameters
    ----------
    journal : pandas.DataFrame, optional
        A journal frame, ideally scored with :func:`reflection_kit.score_entries`.
    urges : pandas.DataFrame, optional
        An urge frame (event log and/or check-ins).
    start, end : date-like or "today", optional
        The range; default from the first to the last day of either input. "today" is the
        person's day, read as :func:`reflection_kit.streaks` reads it.
    day_starts : int
        The local hour at which a day begins (0–23).
    unlogged : {"clean", "unknown", "skip"}
        How a day without any urge record counts (see module docs).

    Returns
    -------
    pandas.DataFrame
        Indexed by ``date``; the columns the inputs allow (see module docs).

    Raises
    ------
    ValueError
        ``start`` after ``end``, or a bad ``day_starts``/``unlogged``.
    SchemaError
        A frame without the columns it needs.

    Examples
    --------
    >>> import reflection_kit as rk
    >>> urges = rk.read_urges("data/sample/urges.csv")
    >>> panel = rk.daily(urges=urges)
    >>> len(panel), panel.index.is_monotonic_increasing
    (112, True)
    >>> panel[["urges", "acted", "resisted", "social_status"]].columns.tolist()
    ['urges', 'acted', 'resisted', 'social_status']
    """
    if (
        isinstance(day_starts, bool)
        or not isinstance(day_starts, int | np.integer)
        or not (0 <= day_starts <= 23)
    ):
        raise ValueError(f"`day_starts` must be an hour from 0 to 23, got {day_starts!r}.")
    if unlogged not in ("clean", "unknown", "skip"):
        raise ValueError(f"`unlogged` must be 'clean', 'unknown' or 'skip', got {unlogged!r}.")
    frames = [f for f in (urges, journal) if isinstance(f, pd.DataFrame)]
    lo = _bound(start, "start", frames, day_starts)
    hi = _bound(end, "end", frames, day_starts)
    if lo is not None and hi is not None and lo > hi:
        raise ValueError(
            f"`start` ({lo:%Y-%m-%d}) is after `end` ({hi:%Y-%m-%d}). Suggestion: swap them."
        )
    parts: list[pd.DataFrame] = []
    jpart = _journal_part(journal, day_starts) if journal is not None else None
    upart = _urge_part(urges, day_starts) if urges is not None else None
    days = [p.index for p in (jpart, upart) if p is not None and len(p)]
    status = None
    if urges is not None and len(urges):
        status = day_status(urges, kind="check_social", unlogged=unlogged, day_starts=day_starts)
        days.append(status.index)
    if lo is None or hi is None:
        if days:
            first = min(d.min() for d in days)
            last = max(d.max() for d in days)
        else:
            first = last = None
        lo = lo if lo is not None else first
        hi = hi if hi is not None else last
    if lo is None or hi is None or lo > hi:
        index = pd.DatetimeIndex([], name="date", dtype="datetime64[us]")
    else:
        index = pd.date_range(lo, hi, freq="D", name="date").astype("datetime64[us]")
    out = pd.DataFrame(index=index)
    if jpart is not None:
        jpart = jpart.reindex(index)
        jpart["entries"] = jpart["entries"].fillna(0).astype(int)
        jpart["words"] = jpart["words"].fillna(0).astype(int)
        parts.append(jpart)
    if upart is not None:
        upart = upart.reindex(index)
        logged = pd.Series(upart["urges"].notna().to_numpy(), index=index)
        if status is not None and len(status):
            st = status.reindex(index)
            # the reindexed flags are nullable booleans: no object column to downcast
            logged = logged | st["logged"].astype("boolean").fillna(False).astype(bool)
            counts_as = st["counts_as"].fillna(
                "unknown"
                if unlogged == "unknown"
                else ("clean" if unlogged == "clean" else "skip")
            )
        else:
            counts_as = pd.Series(
                {"clean": "clean", "unknown": "unknown", "skip": "skip"}[unlogged], index=index
            )
        for col in ("urges", "acted", "resisted"):
            values = upart[col].astype("Int64")
            if unlogged == "clean":
                values = values.fillna(0)
            upart[col] = values
        upart["logged"] = logged.astype(bool)
        checked = pd.array(
            [True if s == "checked" else (False if s == "clean" else pd.NA) for s in counts_as],
            dtype="boolean",
        )
        upart["checked_social"] = checked
        upart["social_status"] = counts_as.astype(str).to_numpy()
        parts.append(upart)
    for p in parts:
        for col in p.columns:
            out[col] = p[col]
    return out


def weekly(panel: pd.DataFrame) -> pd.DataFrame:
    """Sum up a daily panel by ISO week, each figure with its n.

    Parameters
    ----------
    panel : pandas.DataFrame
        The output of :func:`daily`.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``week`` (the Monday), with ``days``; and, as the panel
        allows: ``days_with_entries``, ``ruminative_days``, ``share_ruminative``
        (of days with an entry), ``words``, ``markers_per_1000_words``, ``urges``,
        ``acted``, ``resisted``, ``logged_days``, ``resisted_rate`` (with
        ``n_outcomes``), ``outcome_unknown`` (urges whose outcome was not noted),
        ``clean_days`` and ``share_clean``. Weeks run Monday to Sunday.

    Examples
    --------
    >>> import reflection_kit as rk
    >>> from reflection_kit.metrics.daily import weekly
    >>> w = weekly(rk.daily(urges=rk.read_urges("data/sample/urges.csv")))
    >>> len(w), int(w["days"].sum())
    (16, 112)
    """
    if not isinstance(panel.index, pd.DatetimeIndex):
        raise SchemaError("the daily panel must be indexed by `date`.", columns=["date"])
    week = week_start(panel.index)
    g = panel.groupby(week)
    out = pd.DataFrame({"days": g.size()})
    if "entries" in panel.columns:
        out["days_with_entries"] = g["entries"].agg(lambda s: int((s > 0).sum()))
        out["words"] = g["words"].sum()
    if "ruminative" in panel.columns:
        out["ruminative_days"] = g["ruminative"].agg(lambda s: int(s.fillna(False).sum()))
        with np.errstate(invalid="ignore", divide="ignore"):
            out["share_ruminative"] = out["ruminative_days"] / out["days_with_entries"].where(
                out["days_with_entries"] > 0
            )
    if "markers" in panel.columns and "words" in panel.columns:
        markers = g["markers"].sum(min_count=1)
        out["markers_per_1000_words"] = 1000 * markers / out["words"].where(out["words"] > 0)
    counts = [c for c in ("urges", "acted", "resisted") if c in panel.columns]
    for col in counts:
        out[col] = g[col].sum(min_count=1).astype("Int64")
    if counts:
        logged = (
            panel["logged"].astype("boolean").fillna(False)
            if "logged" in panel.columns
            else panel[counts].notna().any(axis=1)
        )
        out["logged_days"] = logged.astype(int).groupby(week).sum()
    if {"acted", "resisted"} <= set(counts):
        n = (out["acted"] + out["resisted"]).astype("Int64")
        out["n_outcomes"] = n
        out["resisted_rate"] = (out["resisted"] / n.where(n > 0)).astype("Float64")
        if "urges" in counts:
            out["outcome_unknown"] = (out["urges"] - n).clip(lower=0)
    if "social_status" in panel.columns:
        out["clean_days"] = g["social_status"].agg(lambda s: int((s == "clean").sum()))
        out["share_clean"] = out["clean_days"] / out["days"]
    return out
