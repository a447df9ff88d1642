"""The quicker column kernels of the CSV readers give exactly what the plain ways give.

Clock times read from the bytes, remembered factorisations, locations rebuilt from their
numbers when a large read is reordered, the empty-value and newline counts of the CSV
engine: each is checked against a plain reference.
"""

from __future__ import annotations

import datetime as dt
import gc

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reflection_kit.sources import _csv_engine, _finalize, _memory, _text_columns
from reflection_kit.sources._text_columns import (
    TEXT,
    factorized,
    forget,
    numbered,
    numbered_parts,
    text_array,
)
from reflection_kit.sources._times import _fast_clock


def _reference_clock(value: str) -> np.datetime64:
    """``YYYY-MM-DD HH:MM[:SS]`` (space or ``T``) read by Python, NaT when it is not one."""
    if len(value) not in (16, 19) or value[10] not in " T":
        return np.datetime64("NaT", "us")
    seps = {4: "-", 7: "-", 13: ":"} | ({16: ":"} if len(value) == 19 else {})
    if any(value[i] != c for i, c in seps.items()):
        return np.datetime64("NaT", "us")
    digits = [i for i in range(len(value)) if i not in seps and i != 10]
    if not all(value[i] in "0123456789" for i in digits):
        return np.datetime64("NaT", "us")
    second = int(value[17:19]) if len(value) == 19 else 0
    try:
        got = dt.datetime(
            int(value[0:4]),
            int(value[5:7]),
            int(value[8:10]),
            int(value[11:13]),
            int(value[14:16]),
            second,
        )
    except ValueError:
        return np.datetime64("NaT", "us")
    return np.datetime64(got, "us")


_CLOCKS = st.builds(
    lambda y, mo, d, h, mi, s, sep, sec, edit: _edited(
        f"{y:04d}-{mo:02d}-{d:02d}{sep}{h:02d}:{mi:02d}" + (f":{s:02d}" if sec else ""), edit
    ),
    st.integers(0, 9999),
    st.integers(0, 13),
    st.integers(0, 32),
    st.integers(0, 25),
    st.integers(0, 61),
    st.integers(0, 61),
    st.sampled_from([" ", "T", "x"]),
    st.booleans(),
    st.one_of(st.none(), st.tuples(st.integers(0, 18), st.sampled_from(list("0/: é-")))),
)


def _edited(value: str, edit: tuple[int, str] | None) -> str:
    if edit is None:
        return value
    i, c = edit
    return value[: min(i, len(value))] + c + value[min(i, len(value)) + 1 :]


@settings(max_examples=40, deadline=None)
@given(values=st.lists(_CLOCKS, min_size=1, max_size=60))
def test_clock_times_read_from_the_bytes_equal_python(values):
    values += ["2024-02-29 10:00", "2023-02-29 10:00", "1900-02-29 00:00", "2000-02-29 00:00"]
    values += ["0001-01-01 00:00", "9999-12-31 23:59:59", "0000-01-01 00:00", "2025-04-31T01:02"]
    local, hit = _fast_clock(pd.Series(values, dtype=TEXT))
    want = np.array([_reference_clock(v) for v in values], dtype="datetime64[us]")
    assert hit.tolist() == (~np.isnat(want)).tolist()
    assert ((local == want) | (np.isnat(local) & np.isnat(want))).all()


def test_a_factorisation_is_remembered_while_its_column_lives():
    s = pd.Series(["b", "a", "b", "c"] * 10, dtype=TEXT)
    codes, _ = factorized(s)
    codes[:] = 99  # the caller's copy: what is remembered does not change
    again, same = factorized(s)
    assert again.tolist() == [0, 1, 0, 2] * 10 and list(same) == ["b", "a", "c"]
    assert again.dtype == np.intp
    key = id(s.array._pa_array)
    assert key in _text_columns._FACTORIZED
    forget(pd.DataFrame({"s": s}))
    assert key not in _text_columns._FACTORIZED
    factorized(s)
    del s
    gc.collect()
    assert key not in _text_columns._FACTORIZED  # let go with its column


@pytest.mark.parametrize("piece", [3, 1 << 19])
def test_numbered_in_slices_keeps_its_numbers(monkeypatch, piece):
    monkeypatch.setattr(_text_columns, "_NUMBER_SLICE", piece)
    numbers = np.array([2, 10, 3, 999_999, 7, 12, 2**40])
    got = numbered("urges.csv line ", numbers)
    assert got.tolist() == [f"urges.csv line {n}" for n in numbers]
    prefix, kept = numbered_parts(got)
    assert prefix == "urges.csv line " and kept.tolist() == numbers.tolist()
    assert numbered_parts(pd.Series(got.tolist(), dtype=TEXT)) is None  # another array
    assert numbered("x", np.array([], dtype=np.int64)).tolist() == []


def test_empty_values_and_newlines_equal_the_plain_ways(monkeypatch):
    chunks = [pa.array(["", "a", ""], pa.large_string()), pa.array(["b", ""], pa.large_string())]
    col = text_array(pa.chunked_array(chunks))
    assert _csv_engine._empty_values(col).tolist() == (col.str.len() == 0).tolist()
    plain = pd.Series(["", "x"], dtype=object)
    assert _csv_engine._empty_values(plain).tolist() == [True, False]
    monkeypatch.setattr(_csv_engine, "_COUNT_SLICE", 5)
    data = b"a\nbb\n\n\nccc\nd"
    assert _csv_engine._newlines(data) == data.count(b"\n")
    assert _csv_engine._newlines(b"") == 0


def test_a_large_reorder_rebuilds_locations_and_lets_chunks_go(monkeypatch):
    monkeypatch.setattr(_memory, "LARGE_READ", 1000)
    n = 5000
    rng = np.random.default_rng(7)
    words = ["a", "bb", " c", "dé"]
    df = pd.DataFrame(
        {
            "origin": numbered("log.csv line ", np.arange(2, n + 2)),
            "label": text_array(
                pa.chunked_array(
                    [pa.array(list(rng.choice(words, n // 2)), pa.large_string())] * 2
                )
            ),
            "f": rng.random(n),
        }
    )
    order = rng.permutation(n)
    expected = df.iloc[order].reset_index(drop=True)
    got = _finalize._reordered(df.copy(deep=False), order)
    pd.testing.assert_frame_equal(got, expected)
