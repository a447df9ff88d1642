"""Mood, day by day, and what goes with better days.

Where mood comes from
---------------------
The journal frame's ``mood`` column (a number, NA where absent) and ``mood_label``. Daylio
gives every entry a mood (rad 5, good 4, meh 3, bad 2, awful 1, see
:data:`reflection_kit.sources.daylio.DEFAULT_MOODS`), Day One and Markdown notes give one
where the writer noted it, a generic table where it has a ``mood`` column. Daylio's
activities come along in an ``activities`` list column; other journals' ``tags`` stand in
for them.

A day's mood is the mean of the moods of its entries (on the ``date`` of each entry). Days
without a mood stay empty: nothing is filled in.

What goes with better days
--------------------------
:func:`mood_by_activity` compares, for each activity (and each coping strategy of an urge
log), the mean mood of the days with it and of the days without it, among the days with a
mood. The difference comes with a Welch *t* interval and the number of days on each side;
an activity logged on fewer than ``min_days`` days, or missing on fewer than ``min_days``
days, is not compared. These are associations in one person's own log: a day with a walk
may be a better day because better days leave room for a walk. The words say "went with",
never "helps".
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd

from .._words import plural
from ..errors import SchemaError
from ..frames import COPING_STRATEGIES
from ._rank_tests import t_quantile
from ._stats import normal_quantile

__all__ = ["MOOD_WORDS", "daily_mood", "mood_by_activity", "mood_scale"]

#: Words of the usual 1-5 mood scale (Daylio's defaults), worst to best.
MOOD_WORDS: dict[int, str] = {1: "awful", 2: "bad", 3: "meh", 4: "good", 5: "rad"}

_SPLIT = re.compile(r"[;,|]")
_BY_ACTIVITY_COLUMNS = (
    "activity",
    "kind",
    "days with",
    "mood with",
    "days without",
    "mood without",
    "difference",
    "low",
    "high",
    "reading",
)


def _as_list(value: object) -> list[str]:
    """A list-like cell (Daylio activities, tags) or a delimited string, as stripped texts."""
    if value is None:
        return []
    if isinstance(value, str):
        parts: Iterable[object] = _SPLIT.split(value)
    elif isinstance(value, Iterable):
        parts = value
    else:
        return []
    out = []
    for part in parts:
        if part is None or (isinstance(part, float) and np.isnan(part)):
            continue
        text = " ".join(str(part).split())
        if text:
            out.append(text)
    return out


def _days_of(frame: pd.DataFrame) -> pd.Series:
    if "date" in frame.columns:
        day = pd.to_datetime(frame["date"], errors="coerce")
    elif "local_time" in frame.columns:
        day = pd.to_datetime(frame["local_time"], errors="coerce")
    elif "timestamp" in frame.columns:
        day = pd.to_datetime(frame["timestamp"], errors="coerce")
        if day.dt.tz is not None:
            day = day.dt.tz_localize(None)
    else:
        raise SchemaError(
            "the frame needs a `date` column (or a `date` index) to place moods on days; it "
            f"has {list(frame.columns)}. Suggestion: load it with rk.read_journal(path).",
            columns=["date"],
        )
    if day.dt.tz is not None:
        day = day.dt.tz_localize(None)
    return day.dt.normalize().astype("datetime64[us]")


def _activity_column(frame: pd.DataFrame) -> str | None:
    for col in ("activities", "tags"):
        if col in frame.columns:
            return col
    return None


def daily_mood(data: pd.DataFrame) -> pd.DataFrame:
    """The mood of each day: the mean of the day's entry moods, every day of the range present.

    Parameters
    ----------
    data : pandas.DataFrame
        A journal frame (:func:`reflection_kit.read_journal`: one row per entry, with
        ``date`` and ``mood``), or a daily frame indexed by ``date`` with a ``mood`` column.
        It is not modified.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``date``, from the first to the last day of ``data`` (entries with or
        without a mood), with ``mood`` (float, NaN on days without one), ``mood_entries``
        (entries with a mood that day) and ``activities`` (the day's activities, or tags,
        as a list; empty when there are none). ``attrs["note"]`` says why there is no mood
        at all, when that is so.

    Raises
    ------
    TypeError
        ``data`` is not a DataFrame.
    SchemaError
        A frame of entries without a ``date`` (or time) column.

    Examples
    --------
    >>> import pandas as pd
    >>> entries = pd.DataFrame({
    ...     "date": pd.to_datetime(["2025-03-03", "2025-03-03", "2025-03-05"]),
    ...     "mood": [2.0, 4.0, 5.0],
    ...     "activities": [["work"], ["sport"], []],
    ... })
    >>> days = daily_mood(entries)
    >>> days["mood"].tolist(), days["mood_entries"].tolist()
    ([3.0, nan, 5.0], [2, 0, 1])
    >>> days["activities"].iloc[0]
    ['work', 'sport']
    """
    if not isinstance(data, pd.DataFrame):
        raise TypeError(
            f"`data` must be a pandas DataFrame, got {type(data).__name__}. Suggestion: pass "
            "the journal of rk.read_journal(path) (Daylio, Day One, notes with a mood)."
        )
    if isinstance(data.index, pd.DatetimeIndex) and "date" not in data.columns:
        frame = data.reset_index(names="date")
    else:
        frame = data
    days = _days_of(frame) if len(frame) else pd.Series([], dtype="datetime64[us]")
    has_mood = "mood" in frame.columns
    mood = (
        pd.to_numeric(frame["mood"], errors="coerce").astype("Float64").astype(float)
        if has_mood
        else pd.Series(np.nan, index=frame.index, dtype=float)
    )
    if "mood_entries" in frame.columns:
        counts = pd.to_numeric(frame["mood_entries"], errors="coerce").fillna(0).astype(int)
        counts = counts.where(mood.notna(), 0)
    else:
        counts = mood.notna().astype(int)
    col = _activity_column(frame)
    acts = frame[col].map(_as_list) if col else pd.Series([[]] * len(frame), index=frame.index)
    keep = days.notna().to_numpy()
    table = pd.DataFrame(
        {
            "day": days.to_numpy()[keep],
            "mood": mood.to_numpy()[keep],
            "n": counts.to_numpy()[keep],
            "acts": acts.to_numpy()[keep],
        }
    )
    if len(table):
        index = pd.date_range(table["day"].min(), table["day"].max(), freq="D", name="date")
        index = index.astype("datetime64[us]")
    else:
        index = pd.DatetimeIndex([], name="date", dtype="datetime64[us]")
    g = table.groupby("day", sort=True)
    out = pd.DataFrame(index=index)
    out["mood"] = g["mood"].mean().reindex(index).astype(float)
    out["mood_entries"] = g["n"].sum().reindex(index).fillna(0).astype(int)

    # each day's activities: their union in the order of the entries, one spelling per
    # activity whatever its case (the first); plain dicts (a groupby of lists costs more
    # than the rest of this function)
    merged: dict[int, dict[str, str]] = {}
    keys = table["day"].to_numpy().astype("datetime64[us]").astype(np.int64)
    for key, items in zip(keys.tolist(), table["acts"].to_numpy(), strict=True):
        seen = merged.setdefault(key, {})
        for item in items:
            seen.setdefault(item.casefold(), item)
    days_us = index.to_numpy().astype("datetime64[us]").astype(np.int64).tolist()
    out["activities"] = pd.Series(
        [list(merged[d].values()) if d in merged else [] for d in days_us],
        index=index,
        dtype=object,
    )
    if not has_mood:
        out.attrs["note"] = (
            "this journal has no `mood` column. Daylio, Day One and notes with a `mood:` line "
            "give one."
        )
    elif not out["mood"].notna().any():
        out.attrs["note"] = "no entry in this journal has a mood yet."
    return out


def mood_scale(data: pd.DataFrame | None = None) -> dict[float, str]:
    """The points of the mood scale and their words, worst first.

    Moods from 1 to 5 use the person's own labels when the data carries them
    (``mood_label``: the most common label of each score), else Daylio's words
    (:data:`MOOD_WORDS`). Other scales run over the whole numbers from the lowest to the
    highest mood in the data, the ends marked "lowest" and "highest".

    Parameters
    ----------
    data : pandas.DataFrame, optional
        A journal frame or a daily frame with ``mood`` (and perhaps ``mood_label``).

    Returns
    -------
    dict
        Score to word, in increasing order of score.

    Examples
    --------
    >>> mood_scale()
    {1.0: 'awful', 2.0: 'bad', 3.0: 'meh', 4.0: 'good', 5.0: 'rad'}
    >>> import pandas as pd
    >>> mood_scale(pd.DataFrame({"mood": [2.0, 9.0]}))[9.0]
    '9 (highest)'
    """
    words = {float(k): v for k, v in MOOD_WORDS.items()}
    if data is None or "mood" not in data.columns:
        return words
    mood = pd.to_numeric(data["mood"], errors="coerce").astype("Float64").astype(float).dropna()
    if not len(mood) or (mood.min() >= 1 and mood.max() <= 5):
        if "mood_label" in data.columns and len(mood):
            labels = data.loc[mood.index, "mood_label"].astype(str).str.strip()
            whole = mood[(mood == mood.round()) & labels.ne("").to_numpy()]
            for score, group in labels[whole.index].groupby(whole.to_numpy()):
                top = group.value_counts()
                words[float(score)] = str(top.index[0])
        return words
    lo, hi = int(np.floor(mood.min())), int(np.ceil(mood.max()))
    scale = {float(v): str(v) for v in range(lo, hi + 1)}
    scale[float(lo)] = f"{lo} (lowest)"
    scale[float(hi)] = f"{hi} (highest)"
    return scale


def _coping_days(urges: pd.DataFrame) -> pd.Series:
    """The coping strategies logged on each day of an urge log, indexed by day."""
    if "coping" not in urges.columns or not len(urges):
        return pd.Series([], dtype=object)
    days = _days_of(urges)
    names = []
    for value in urges["coping"]:
        found = []
        for part in _as_list("" if pd.isna(value) else str(value)):
            snake = part.casefold().replace(" ", "_").replace("-", "_")
            found.append(snake.replace("_", " ") if snake in COPING_STRATEGIES else part)
        names.append(found)
    table = pd.DataFrame({"day": days.to_numpy(), "acts": names}).dropna(subset=["day"])
    return table.groupby("day", sort=True)["acts"].agg(lambda s: sorted({a for x in s for a in x}))


def _welch(a: np.ndarray, b: np.ndarray, confidence: float) -> tuple[float, float, float]:
    """Difference of means ``a - b`` and its Welch t interval."""
    diff = float(a.mean() - b.mean())
    va, vb = a.var(ddof=1) / len(a), b.var(ddof=1) / len(b)
    se = float(np.sqrt(va + vb))
    if se == 0.0:
        return diff, diff, diff
    dof = (va + vb) ** 2 / (va**2 / (len(a) - 1) + vb**2 / (len(b) - 1))
    half = t_quantile(0.5 + confidence / 2, dof) * se
    return diff, diff - half, diff + half


def _signed(value: float) -> str:
    return "0.0" if abs(value) < 0.05 else f"{value:+.1f}"


def _reading(diff: float, low: float, high: float, confidence: float) -> str:
    figures = (
        f"mood {_signed(diff)} on average; {confidence:.0%} interval "
        f"{_signed(low)} to {_signed(high)}"
    )
    if low > 0:
        return f"went with better days ({figures})"
    if high < 0:
        return f"went with harder days ({figures})"
    return f"no clear difference ({figures})"


def mood_by_activity(
    data: pd.DataFrame,
    *,
    urges: pd.DataFrame | None = None,
    min_days: int = 5,
    confidence: float = 0.95,
    keep_few: bool = False,
) -> pd.DataFrame:
    """What goes with better days: the mean mood of days with and without each activity.

    Among the days with a mood, each activity (Daylio activities, else journal tags) and
    each coping strategy of ``urges`` splits the days in two: days with it and days without
    it. The table gives both means, their difference and a Welch *t* interval for it, with
    the number of days on each side. These are associations, not causes.

    Parameters
    ----------
    data : pandas.DataFrame
        A journal frame with ``mood`` (and ``activities`` or ``tags``), or the frame of
        :func:`daily_mood`. It is not modified.
    urges : pandas.DataFrame, optional
        An urge frame: its ``coping`` strategies are compared too (kind "coping strategy").
    min_days : int, default 5
        Days needed both with and without an activity before it is compared.
    confidence : float, default 0.95
        Coverage of the interval.
    keep_few : bool, default False
        Also list the activities with too few days (no figures, reading "too few days to
        compare").

    Returns
    -------
    pandas.DataFrame
        One row per activity, the days that went best with it first: ``activity`` (as
        written; our coping strategies in plain words), ``kind`` ("activity" or "coping
        strategy"), ``days with``, ``mood with``, ``days without``, ``mood without``,
        ``difference`` (with minus without, in points of the mood scale), ``low`` and
        ``high`` (the interval) and ``reading`` (in words: "went with better days", "went
        with harder days" or "no clear difference", with the figures). ``attrs``:
        ``days`` (days with a mood), ``min_days``, ``too_few`` (activity: days with it) and
        ``note``.

    Raises
    ------
    ValueError
        ``min_days`` below 2, or ``confidence`` not between 0 and 1.

    Examples
    --------
    >>> import reflection_kit as rk
    >>> from reflection_kit.metrics.mood import mood_by_activity
    >>> table = mood_by_activity(rk.read_journal("data/sample/daylio.csv"))
    >>> table.columns[:6].tolist()
    ['activity', 'kind', 'days with', 'mood with', 'days without', 'mood without']
    >>> bool((table["days with"] >= 5).all() and (table["days without"] >= 5).all())
    True
    """
    if isinstance(min_days, bool) or not isinstance(min_days, int | np.integer) or min_days < 2:
        raise ValueError(
            f"`min_days` must be a whole number of at least 2, got {min_days!r}. An interval "
            "needs at least two days on each side; 5 is the default."
        )
    normal_quantile(confidence)  # validates `confidence`
    days = daily_mood(data)
    rated = days[days["mood"].notna()]
    items: dict[tuple[str, str], set[pd.Timestamp]] = {}
    names: dict[tuple[str, str], str] = {}
    for day, acts in zip(rated.index, rated["activities"], strict=True):
        for act in acts:
            key = (act.casefold(), "activity")
            names.setdefault(key, act)
            items.setdefault(key, set()).add(day)
    if urges is not None:
        if not isinstance(urges, pd.DataFrame):
            raise TypeError(f"`urges` must be a pandas DataFrame, got {type(urges).__name__}.")
        coping = _coping_days(urges)
        for day, acts in coping.items():
            if day not in rated.index:
                continue
            for act in acts:
                key = (act.casefold(), "coping strategy")
                names.setdefault(key, act)
                items.setdefault(key, set()).add(day)
    mood = rated["mood"]
    rows: list[dict[str, Any]] = []
    too_few: dict[str, int] = {}
    for key, with_days in items.items():
        mask = mood.index.isin(list(with_days))
        a, b = mood.to_numpy()[mask], mood.to_numpy()[~mask]
        name = names[key]
        row: dict[str, Any] = {
            "activity": name,
            "kind": key[1],
            "days with": len(a),
            "mood with": float(a.mean()) if len(a) else np.nan,
            "days without": len(b),
            "mood without": float(b.mean()) if len(b) else np.nan,
        }
        if len(a) < min_days or len(b) < min_days:
            too_few[name] = len(a)
            if keep_few:
                row.update(difference=np.nan, low=np.nan, high=np.nan)
                row["reading"] = f"too few days to compare (needs {min_days} with and without)"
                rows.append(row)
            continue
        diff, low, high = _welch(a, b, confidence)
        row.update(difference=diff, low=low, high=high)
        row["reading"] = _reading(diff, low, high, confidence)
        rows.append(row)
    out = pd.DataFrame(rows, columns=list(_BY_ACTIVITY_COLUMNS))
    if len(out):
        out = out.sort_values(
            ["difference", "days with", "activity"],
            ascending=[False, False, True],
            na_position="last",
            kind="stable",
        ).reset_index(drop=True)
    out["days with"] = out["days with"].astype(int)
    out["days without"] = out["days without"].astype(int)
    for col in ("mood with", "mood without", "difference", "low", "high"):
        out[col] = out[col].astype(float)
    out["activity"] = out["activity"].astype("str")
    out["kind"] = out["kind"].astype("str")
    out["reading"] = out["reading"].astype("str")
    n_days = len(rated)
    if not n_days:
        note = days.attrs.get("note", "no day has a mood.")
    elif not items:
        note = f"{n_days} days have a mood, but none lists an activity or a coping strategy."
    else:
        note = (
            f"Compared over {n_days} days with a mood; activities need at least {min_days} "
            "days with them and without them. Associations in this log, not causes."
        )
        if too_few:
            listed = ", ".join(f"{k} ({plural(v, 'day')})" for k, v in too_few.items())
            note += f" Not compared (too few days): {listed}."
    out.attrs.update(days=n_days, min_days=int(min_days), too_few=too_few, note=note)
    return out
