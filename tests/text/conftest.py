"""Fixtures for the text tests: a private cache folder per test and a journal builder."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import pandas as pd
import pytest

from reflection_kit.frames import empty_journal


@pytest.fixture(autouse=True)
def _cache_in_tmp(tmp_path, monkeypatch):
    """Every test writes its score cache under tmp_path, never in the user's cache folder."""
    monkeypatch.setenv("REFLECTION_KIT_CACHE_DIR", str(tmp_path / "rk-cache"))
    monkeypatch.delenv("REFLECTION_KIT_NO_CACHE", raising=False)
    monkeypatch.delenv("REFLECTION_KIT_WORKERS", raising=False)


def build_journal(
    texts: Sequence[object], *, start: str = "2024-01-01 21:00", every: str = "1D"
) -> pd.DataFrame:
    """A journal frame (contract dtypes) with one entry per text, one a day by default."""
    n = len(texts)
    local = pd.date_range(start, periods=n, freq=every).astype("datetime64[us]")
    rows = pd.DataFrame(
        {
            "entry_id": pd.Series([f"e{i:04d}" for i in range(n)], dtype="str"),
            "timestamp": pd.DatetimeIndex(local).tz_localize("UTC"),
            "date": pd.DatetimeIndex(local).normalize(),
            "title": pd.Series([""] * n, dtype="str"),
            "text": pd.Series(list(texts), dtype="object").astype("str")
            if all(isinstance(t, str) for t in texts)
            else pd.Series(list(texts), dtype="object"),
            "tags": pd.Series([[] for _ in range(n)], dtype="object"),
            "mood": pd.Series(np.full(n, np.nan), dtype="float64"),
            "mood_label": pd.Series([""] * n, dtype="str"),
            "source": pd.Series(["test"] * n, dtype="str"),
            "journal": pd.Series(["Journal"] * n, dtype="str"),
            "local_time": pd.DatetimeIndex(local),
            "tz": pd.Series(["UTC"] * n, dtype="str"),
            "origin": pd.Series([f"test line {i + 1}" for i in range(n)], dtype="str"),
        }
    )
    j = empty_journal()
    return pd.concat([j, rows], ignore_index=True)[list(j.columns)] if n else j


@pytest.fixture
def journal_of() -> Callable[..., pd.DataFrame]:
    return build_journal
