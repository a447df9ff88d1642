"""The memory-saving helpers of the table readers give exactly what the plain way gives.

Issue 7 made the 200 MB urge log fit in 1 GiB by working in slices and skipping
copies (``stripped``, ``numbered``, sliced time parsing and id hashing,
duplicates found by sorting hashes). Each shortcut is checked here against the
straightforward pandas expression it replaces, on arbitrary input.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reflection_kit.sources import _finalize, _memory, _times
from reflection_kit.sources._finalize import _hash_ids, _seen_before
from reflection_kit.sources._text_columns import TEXT, constant_text, is_text, numbered, stripped
from reflection_kit.sources._times import as_datetime_us, parse_times, to_datetime_us

#: every character str.strip or pyarrow may treat as space, and some that look like it
_SPACES = (
    " \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2003\u2028\u2029\u202f\u3000\ufeff\u200b"
)
_TEXT = st.text(alphabet=st.sampled_from(list(_SPACES) + list("ab,é😀")), max_size=6)


@settings(max_examples=200, derandomize=True, deadline=None)
@given(st.lists(_TEXT, max_size=12))
def test_stripped_equals_str_strip(values):
    s = pd.Series(values, dtype="str")
    got = stripped(s)
    assert got.tolist() == s.str.strip().tolist()
    if got is s:  # the copy was skipped: then nothing needed stripping
        assert (s.str.strip() == s).all()


def test_stripped_skips_the_copy_only_when_nothing_is_padded():
    clean = pd.Series(["a", "b c", ""], dtype=TEXT)
    assert stripped(clean) is clean
    padded = pd.Series(["a", "b\u00a0"], dtype=TEXT)
    assert stripped(padded).tolist() == ["a", "b"]
    with_nan = pd.Series(["a ", None], dtype=TEXT)
    assert stripped(with_nan).iloc[0] == "a" and pd.isna(stripped(with_nan).iloc[1])
    # object columns of strings (pandas 2.2's dtype="str") come back as TEXT
    assert is_text(stripped(pd.Series(["a ", "b"], dtype=object)).dtype)


def test_text_is_pandas_3s_str_dtype_on_every_supported_pandas():
    """On pandas 3 TEXT is "str"; on pandas 2.2 the same pyarrow-backed, NaN-missing array."""
    s = pd.Series(["a", None], dtype=TEXT)
    assert is_text(s.dtype) and pd.isna(s.iloc[1]) and s.iloc[1] is not None
    assert s.array._pa_array.type == pa.large_string()
    assert not is_text(np.dtype(object)) and not is_text(pd.StringDtype("python"))
    if pd.__version__.startswith("3."):
        assert pd.Series(["a"], dtype="str").dtype == TEXT


@pytest.mark.parametrize(
    ("values", "fmt", "utc", "want"),
    [
        (
            ["9999-12-31 23:30", "0001-01-01 00:10"],
            "%Y-%m-%d %H:%M",
            False,
            ["9999-12-31T23:30:00", "0001-01-01T00:10:00"],
        ),
        (["2025-02-30 10:00", "soon", None], "%Y-%m-%d %H:%M", False, [None, None, None]),
        (
            ["9999-12-31T23:00:00Z", "0001-01-01T00:30:00+05:00"],
            "ISO8601",
            True,
            ["9999-12-31T23:00:00", "0000-12-31T19:30:00"],
        ),
    ],
)
def test_times_outside_nanoseconds_parse_the_same_on_every_pandas(values, fmt, utc, want):
    got = to_datetime_us(pd.Series(values, dtype=object), format=fmt, utc=utc)
    assert str(got.dtype) == ("datetime64[us, UTC]" if utc else "datetime64[us]")
    got_v = (got.dt.tz_localize(None) if utc else got).to_numpy(dtype="datetime64[us]")
    assert [None if np.isnat(v) else str(v)[:19] for v in got_v] == want


def test_python_datetimes_of_any_year_are_kept():
    values = pd.Series([dt.datetime(9999, 12, 31, 23, 30), dt.datetime(1, 1, 1), None, pd.NaT])
    got = as_datetime_us(values).to_numpy()
    assert [str(v) for v in got] == [
        "9999-12-31T23:30:00.000000",
        "0001-01-01T00:00:00.000000",
        "NaT",
        "NaT",
    ]


@settings(max_examples=50, derandomize=True, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=10**12), max_size=20))
def test_numbered_equals_string_concatenation(numbers):
    got = numbered("urges.csv line ", np.array(numbers, dtype=np.int64))
    want = "urges.csv line " + pd.Series(numbers, dtype="int64").astype("str")
    assert is_text(got.dtype)
    assert got.tolist() == want.tolist()


@settings(max_examples=100, derandomize=True, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=6), max_size=40))
def test_duplicates_by_sorted_hashes_equal_pandas(keys):
    arr = np.array(keys, dtype=np.uint64)
    with pytest.MonkeyPatch.context() as mp:  # the sorted path of large reads
        mp.setattr(_memory, "LARGE_READ", 0)
        got = _seen_before(pd.Series(arr.astype(str), dtype="str"), arr)
    want = pd.Series(arr).duplicated(keep="first").to_numpy()
    assert got.tolist() == want.tolist()


@settings(max_examples=100, derandomize=True, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["texted him", "other", "", None]) | _TEXT,
            st.sampled_from(["other", "checked_social", "reached_out", None]),
            st.floats(allow_nan=True, allow_infinity=False, width=64) | st.none(),
            st.sampled_from([True, False, None]),
        ),
        max_size=30,
    ),
    st.integers(min_value=1, max_value=8),
)
def test_ids_equal_pandas_row_hashes(rows, hex_slice):
    """Hashing each distinct text once gives exactly pandas' hash of the whole rows."""
    df = pd.DataFrame(
        {
            "label": pd.Series([r[0] for r in rows], dtype="str"),
            "kind": pd.Categorical(
                [r[1] for r in rows], categories=["reached_out", "other", "checked_social"]
            ),
            "intensity": pd.Series([r[2] for r in rows], dtype="float64"),
            "acted": pd.array([r[3] for r in rows], dtype="boolean"),
            "local_time": pd.date_range("2025-01-01", periods=len(rows), freq="h"),
        }
    )
    parts = ("local_time", "kind", "label", "intensity", "acted", "not a column")
    plain = df[["local_time", "kind", "label", "intensity", "acted"]].assign(
        kind=df["kind"].astype(str)
    )
    want = pd.util.hash_pandas_object(plain, index=False).to_numpy(dtype=np.uint64)
    old_slice = _finalize._HEX_SLICE
    _finalize._HEX_SLICE = hex_slice  # the hex digits are written in slices too
    try:
        ids, keys = _hash_ids(df, parts)
    finally:
        _finalize._HEX_SLICE = old_slice
    assert keys.tolist() == want.tolist()
    assert ids.tolist() == [f"{k:016x}" for k in want.tolist()]


def test_times_do_not_depend_on_the_parsing_slice(monkeypatch):
    values = pd.Series(
        ["2025-03-04 20:15", "2025-02-30 10:00", "2025-03-04T07:05:09", "soon", ""] * 7,
        dtype="str",
    )
    whole = parse_times(values)
    monkeypatch.setattr(_times, "_CLOCK_SLICE", 4)
    sliced = parse_times(values)
    assert (sliced.ok == whole.ok).all()
    assert pd.Series(sliced.local).equals(pd.Series(whole.local))
    assert whole.ok[:5].tolist() == [True, False, True, False, False]


def test_every_memory_stage_is_safe_to_call_any_time():
    for stage in _memory.STAGES:
        _memory.checkpoint(stage)
        _memory.checkpoint(stage, _memory.LARGE_READ, nbytes=1 << 30)  # the large-read path
    _memory.release()


def test_an_unknown_memory_stage_is_refused():
    with pytest.raises(ValueError, match="unknown memory stage 'parsed '"):
        _memory.checkpoint("parsed ")


def test_only_the_engine_and_the_finaliser_handle_memory():
    """A reader reads: memory is handled at the stages of the shared steps, nowhere else."""
    sources = Path(_memory.__file__).parent
    handling = {p.name for p in sources.glob("*.py") if "_memory" in p.read_text("utf-8")}
    assert handling == {"_memory.py", "_csv_engine.py", "_times.py", "_finalize.py"}
    for p in sources.glob("*.py"):
        text = p.read_text("utf-8")
        assert "malloc_trim" not in text or p.name == "_memory.py", p.name
        assert "gc.collect" not in text or p.name == "_memory.py", p.name


@pytest.mark.parametrize("n", [0, 1, 65_536, 65_537, 200_000])
def test_a_constant_text_column_equals_the_plain_one(n):
    got = constant_text("urgelog", n, pd.RangeIndex(n))
    pd.testing.assert_series_equal(got, pd.Series("urgelog", index=pd.RangeIndex(n), dtype=TEXT))
    if n > 65_536:  # one block repeated: about 1 MB, not n values
        assert got.array._pa_array.num_chunks > 1
        assert len({c.buffers()[2].address for c in got.array._pa_array.chunks}) == 1


@pytest.mark.parametrize("large", [True, False])
def test_rows_reordered_column_by_column_equal_iloc(monkeypatch, large):
    if large:  # the column-by-column path of large reads
        monkeypatch.setattr(_memory, "LARGE_READ", 1000)
    n = 70_000  # more than one constant block
    rng = np.random.default_rng(3)
    df = pd.DataFrame(
        {
            "t": pd.Series(rng.integers(0, 10**6, n)).astype("datetime64[us]"),
            "s": pd.Series([f"row {i}" for i in range(n)], dtype=TEXT),
            "c": constant_text("UTC", n),
            "k": pd.Categorical(rng.choice(["a", "b"], n)),
            "b": pd.array(rng.choice([True, False], n), dtype="boolean"),
            "f": rng.random(n),
        }
    )
    order = rng.permutation(n)
    expected = df.iloc[order].reset_index(drop=True)
    got = _finalize._reordered(df.copy(deep=False), order)
    pd.testing.assert_frame_equal(got, expected)
    if large:
        assert got["c"].array._pa_array.num_chunks > 1  # the constant column stays one block
