"""Hand-built urge frames for the metrics tests.

``make_urges`` builds a valid urge frame (contract dtypes, checked with
``validate_urges``) from short tuples, the way the readers would: the wall
clock goes to ``local_time``, each row is placed in its zone for
``timestamp``, and ``date`` is the local calendar day.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import pandas as pd
import pytest

from reflection_kit.frames import URGE_COLUMNS, URGE_KIND_DTYPE, validate_urges

Row = Sequence[object]


def build_urges(
    rows: Sequence[Row | dict],
    *,
    tz: str = "Europe/Berlin",
    source: str = "urgelog",
) -> pd.DataFrame:
    """Rows are ``(local "YYYY-MM-DD HH:MM", kind, acted[, intensity, trigger, coping, tz])``
    or dicts with those keys (``local``, ``kind``, ``acted``, ...)."""
    keys = ("local", "kind", "acted", "intensity", "trigger", "coping", "tz")
    recs = [dict(r) if isinstance(r, dict) else dict(zip(keys, r, strict=False)) for r in rows]
    n = len(recs)
    local = pd.Series(
        pd.to_datetime([r["local"] for r in recs], format="mixed") if n else [],
        dtype="datetime64[us]",
    )
    zones = pd.Series([r.get("tz") or tz for r in recs], dtype=object)
    inst = pd.Series(pd.NaT, index=range(n), dtype="datetime64[us, UTC]")
    for zone, idx in zones.groupby(zones).groups.items():
        placed = local.loc[idx].dt.tz_localize(
            zone, nonexistent="shift_forward", ambiguous=np.ones(len(idx), dtype=bool)
        )
        inst.loc[idx] = placed.dt.tz_convert("UTC").astype("datetime64[us, UTC]")
    unique = pd.unique(zones)
    ts = inst.dt.tz_convert(unique[0]) if len(unique) == 1 else inst
    if not n:
        ts = pd.Series([], dtype=f"datetime64[us, {tz}]")

    def col(name: str, default: object) -> list:
        return [r.get(name, default) if r.get(name) is not None else default for r in recs]

    df = pd.DataFrame(
        {
            "urge_id": pd.Series([f"u{i:05d}" for i in range(n)], dtype="str"),
            "timestamp": ts,
            "date": local.dt.normalize(),
            "kind": pd.Categorical([r["kind"] for r in recs], dtype=URGE_KIND_DTYPE),
            "label": pd.Series([str(r["kind"]) for r in recs], dtype="str"),
            "intensity": pd.Series(col("intensity", np.nan), dtype="float64"),
            "acted": pd.array([r["acted"] for r in recs], dtype="boolean"),
            "trigger": pd.Series(col("trigger", ""), dtype="str"),
            "coping": pd.Series(col("coping", ""), dtype="str"),
            "note": pd.Series([""] * n, dtype="str"),
            "source": pd.Series([source] * n, dtype="str"),
            "local_time": local,
            "tz": pd.Series(list(zones), dtype="str"),
            "origin": pd.Series([f"test line {i + 2}" for i in range(n)], dtype="str"),
        }
    )
    assert list(df.columns) == list(URGE_COLUMNS)
    return validate_urges(df)


def build_checkins(
    rows: Sequence[tuple[str, str, str]], *, tz: str = "Europe/Berlin"
) -> pd.DataFrame:
    """Daily check-ins like the Loop reader gives: ``(day, kind, value)`` with value
    YES / YES_AUTO / NO / SKIP / UNKNOWN. ``acted`` is True for NO, False for YES and
    missing otherwise, as the Loop reader gives them."""
    acted = {"YES": False, "YES_AUTO": None, "NO": True, "SKIP": None, "UNKNOWN": None}
    df = build_urges(
        [(f"{day} 00:00", kind, acted[value]) for day, kind, value in rows],
        tz=tz,
        source="loop",
    )
    df["checkin"] = pd.Series([v for _, _, v in rows], dtype="str")
    return df


def days(first: str, last: str) -> list[str]:
    """Every calendar day from ``first`` to ``last`` as 'YYYY-MM-DD'."""
    return [d.strftime("%Y-%m-%d") for d in pd.date_range(first, last, freq="D")]


@pytest.fixture
def make_urges() -> Callable[..., pd.DataFrame]:
    return build_urges


@pytest.fixture
def make_checkins() -> Callable[..., pd.DataFrame]:
    return build_checkins
