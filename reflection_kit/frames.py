"""Column names, dtypes and validation of the journal and urge frames.

The frames are long-form: one row per journal entry or per urge, with the
fixed snake_case columns of the public contract (API.md) plus a few extras
that every reader fills:

``local_time``
    naive wall-clock time as the person saw it (used for day boundaries,
    ``day_starts`` and hour-of-day tables);
``tz``
    the IANA zone the wall clock was read in;
``origin``
    where the record came from (file and line or record number).
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from ._docstrings import share
from .errors import SchemaError

__all__ = [
    "COPING_STRATEGIES",
    "JOURNAL_COLUMNS",
    "URGE_COLUMNS",
    "URGE_KINDS",
    "URGE_KIND_DTYPE",
    "empty_journal",
    "empty_urges",
    "validate_journal",
    "validate_urges",
]

#: The urge kinds, in their display order.
URGE_KINDS: tuple[str, ...] = ("reach_out", "check_social", "reread", "fantasize", "other")
#: Ordered categorical dtype of the ``kind`` column.
URGE_KIND_DTYPE = pd.CategoricalDtype(list(URGE_KINDS), ordered=True)
#: Coping strategies named in the product brief. Other wording is kept as written.
COPING_STRATEGIES: tuple[str, ...] = (
    "breathing",
    "movement",
    "connection",
    "journaling",
    "distraction",
    "urge_surfing",
    "other",
)

# column -> dtype family: "str", "ts" (tz-aware), "day" (naive midnight), "naive",
# "float", "bool" (nullable boolean), "int", "list", "kind"
JOURNAL_COLUMNS: dict[str, str] = {
    "entry_id": "str",
    "timestamp": "ts",
    "date": "day",
    "title": "str",
    "text": "str",
    "tags": "list",
    "mood": "float",
    "mood_label": "str",
    "source": "str",
    "journal": "str",
    "local_time": "naive",
    "tz": "str",
    "origin": "str",
}

URGE_COLUMNS: dict[str, str] = {
    "urge_id": "str",
    "timestamp": "ts",
    "date": "day",
    "kind": "kind",
    "label": "str",
    "intensity": "float",
    "acted": "bool",
    "trigger": "str",
    "coping": "str",
    "note": "str",
    "source": "str",
    "local_time": "naive",
    "tz": "str",
    "origin": "str",
}

_REQUIRED_JOURNAL = ("entry_id", "timestamp", "date", "text")
_REQUIRED_URGES = ("urge_id", "timestamp", "date", "kind", "acted")


def _empty_series(family: str, n: int = 0) -> pd.Series:
    if family == "ts":
        return pd.Series(pd.DatetimeIndex([pd.NaT] * n, dtype="datetime64[us, UTC]"))
    if family in ("day", "naive"):
        return pd.Series(np.full(n, np.datetime64("NaT"), dtype="datetime64[us]"))
    if family == "float":
        return pd.Series(np.full(n, np.nan), dtype="float64")
    if family == "bool":
        return pd.Series(pd.array([pd.NA] * n, dtype="boolean"))
    if family == "int":
        return pd.Series(np.zeros(n, dtype="int64"))
    if family == "list":
        return pd.Series([[] for _ in range(n)], dtype="object")
    if family == "kind":
        return pd.Series(pd.Categorical([None] * n, dtype=URGE_KIND_DTYPE))
    return pd.Series([""] * n, dtype="str")


def _empty(columns: dict[str, str]) -> pd.DataFrame:
    return pd.DataFrame({name: _empty_series(fam) for name, fam in columns.items()})


def empty_journal() -> pd.DataFrame:
    """Return a journal frame with no rows and every contract column.

    Returns
    -------
    pandas.DataFrame

    Examples
    --------
    >>> from reflection_kit.frames import empty_journal
    >>> list(empty_journal().columns)[:4]
    ['entry_id', 'timestamp', 'date', 'title']
    """
    return _empty(JOURNAL_COLUMNS)


def empty_urges() -> pd.DataFrame:
    """Return an urge frame with no rows and every contract column.

    Returns
    -------
    pandas.DataFrame

    Examples
    --------
    >>> from reflection_kit.frames import empty_urges
    >>> str(empty_urges()["kind"].dtype)
    'category'
    """
    return _empty(URGE_COLUMNS)


def _midnights(dates: pd.Series) -> bool:
    """True when every time of a naive datetime64 column (gaps aside) is a midnight."""
    v = dates.to_numpy()
    unit, count = np.datetime_data(v.dtype)
    per_day = np.timedelta64(1, "D") // np.timedelta64(count, unit)
    ticks = v.view(np.int64)
    return bool(((ticks % per_day == 0) | np.isnat(v)).all())


def _check(
    df: pd.DataFrame, name: str, columns: dict[str, str], required: Iterable[str]
) -> pd.DataFrame:
    if not isinstance(df, pd.DataFrame):
        raise SchemaError(
            f"expected a {name} frame (a pandas DataFrame), got {type(df).__name__}. "
            "Suggestion: load one with "
            f"rk.read_{'journal' if name == 'journal' else 'urges'}(path)."
        )
    missing = [c for c in required if c not in df.columns]
    if missing:
        raise SchemaError(
            f"the {name} frame is missing required column(s) {missing}; it has "
            f"{list(df.columns)}. Suggestion: load it with reflection-kit's readers, or "
            "rename your columns to the documented names.",
            columns=missing,
        )
    bad = []
    for col, fam in columns.items():
        if col not in df.columns:
            continue
        s = df[col]
        if fam == "ts" and not isinstance(s.dtype, pd.DatetimeTZDtype):
            bad.append(f"`{col}` must be a time-zone-aware datetime, got {s.dtype}")
        elif fam in ("day", "naive") and not (
            pd.api.types.is_datetime64_dtype(s.dtype)
            and not isinstance(s.dtype, pd.DatetimeTZDtype)
        ):
            bad.append(f"`{col}` must be a naive datetime64, got {s.dtype}")
        elif fam == "kind":
            if not isinstance(s.dtype, pd.CategoricalDtype) or list(s.cat.categories) != list(
                URGE_KINDS
            ):
                values = sorted(set(map(str, s.dropna().unique())) - set(URGE_KINDS))
                bad.append(
                    f"`{col}` must be the ordered categorical of {list(URGE_KINDS)}"
                    + (f"; found other values {values[:5]}" if values else f", got {s.dtype}")
                )
        elif fam == "float" and not pd.api.types.is_float_dtype(s.dtype):
            bad.append(f"`{col}` must be float, got {s.dtype}")
        elif fam == "bool" and str(s.dtype) != "boolean":
            bad.append(f"`{col}` must be the nullable 'boolean' dtype, got {s.dtype}")
    # (numpy on the columns' own values: a 3-million-row frame is checked without copies)
    if "date" in df.columns and not bad and len(df) and not _midnights(df["date"]):
        bad.append("`date` must hold midnights (the local calendar day)")
    if "intensity" in df.columns and not bad:
        i = df["intensity"]
        x = i.to_numpy() if isinstance(i.dtype, np.dtype) else i.to_numpy(float, na_value=np.nan)
        if ((x < 0) | (x > 10)).any():  # (NaN compares False: gaps are allowed)
            bad.append("`intensity` must be between 0 and 10")
    if bad:
        raise SchemaError(
            f"the {name} frame does not match its schema: " + "; ".join(bad) + ".",
            columns=[b.split("`")[1] for b in bad],
        )
    return df


@share
def validate_journal(df: pd.DataFrame) -> pd.DataFrame:
    """Check that ``df`` is a journal frame; return it unchanged.

    Parameters
    ----------
    df : pandas.DataFrame
        A frame from :func:`reflection_kit.read_journal` or built by hand.

    Returns
    -------
    {frames.validate_returns}

    Raises
    ------
    SchemaError
        Naming the missing or mistyped columns.

    Examples
    --------
    >>> from reflection_kit.frames import empty_journal, validate_journal
    >>> len(validate_journal(empty_journal()))
    0
    """
    return _check(df, "journal", JOURNAL_COLUMNS, _REQUIRED_JOURNAL)


@share
def validate_urges(df: pd.DataFrame) -> pd.DataFrame:
    """Check that ``df`` is an urge frame; return it unchanged.

    Parameters
    ----------
    df : pandas.DataFrame
        A frame from :func:`reflection_kit.read_urges` or built by hand.

    Returns
    -------
    {frames.validate_returns}

    Raises
    ------
    SchemaError
        Naming the missing or mistyped columns, or listing the allowed kinds.

    Examples
    --------
    >>> from reflection_kit.frames import empty_urges, validate_urges
    >>> len(validate_urges(empty_urges()))
    0
    """
    return _check(df, "urges", URGE_COLUMNS, _REQUIRED_URGES)
