"""The memory-saving helpers of the table readers give exactly what the plain way gives.

Issue 7 made the 200 MB urge log fit in 1 GiB by working in slices and skipping
copies (``stripped``, ``numbered``, sliced time parsing and id hashing,
duplicates found by sorting hashes). Each shortcut is checked here against the
straightforward pandas expression it replaces, on arbitrary input.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from reflection_kit.sources import _finalize, _tabular
from reflection_kit.sources._finalize import _hash_ids, _seen_before
from reflection_kit.sources._tabular import numbered, parse_times, release_memory, stripped

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
    clean = pd.Series(["a", "b c", ""], dtype="str")
    assert stripped(clean) is clean
    padded = pd.Series(["a", "b\u00a0"], dtype="str")
    assert stripped(padded).tolist() == ["a", "b"]
    with_nan = pd.Series(["a ", None], dtype="str")
    assert stripped(with_nan).iloc[0] == "a" and pd.isna(stripped(with_nan).iloc[1])


@settings(max_examples=50, derandomize=True, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=10**12), max_size=20))
def test_numbered_equals_string_concatenation(numbers):
    got = numbered("urges.csv line ", np.array(numbers, dtype=np.int64))
    want = "urges.csv line " + pd.Series(numbers, dtype="int64").astype("str")
    assert got.dtype == "str"
    assert got.tolist() == want.tolist()


@settings(max_examples=100, derandomize=True, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=6), max_size=40))
def test_duplicates_by_sorted_hashes_equal_pandas(keys):
    arr = np.array(keys, dtype=np.uint64)
    got = _seen_before(pd.Series(arr.astype(str), dtype="str"), arr)
    want = pd.Series(arr).duplicated(keep="first").to_numpy()
    assert got.tolist() == want.tolist()


def test_ids_do_not_depend_on_the_hashing_slice(monkeypatch):
    kinds = pd.Categorical(["other", "checked_social", "other", "reached_out"] * 5)
    df = pd.DataFrame(
        {
            "source": pd.Series(["urgelog"] * 20, dtype="str"),
            "local_time": pd.date_range("2025-01-01", periods=20, freq="h"),
            "kind": kinds,
            "label": pd.Series([f"label {i % 3}" for i in range(20)], dtype="str"),
        }
    )
    parts = ("source", "local_time", "kind", "label")
    whole_ids, whole_keys = _hash_ids(df, parts)
    monkeypatch.setattr(_finalize, "_HASH_SLICE", 3)
    sliced_ids, sliced_keys = _hash_ids(df, parts)
    assert sliced_ids.tolist() == whole_ids.tolist()
    assert (sliced_keys == whole_keys).all()
    # the ids are the hashes of the values, whatever the category list
    as_text = df.assign(kind=df["kind"].astype(str))
    assert _hash_ids(as_text, parts)[0].tolist() == whole_ids.tolist()


def test_times_do_not_depend_on_the_parsing_slice(monkeypatch):
    values = pd.Series(
        ["2025-03-04 20:15", "2025-02-30 10:00", "2025-03-04T07:05:09", "soon", ""] * 7,
        dtype="str",
    )
    whole = parse_times(values)
    monkeypatch.setattr(_tabular, "_CLOCK_SLICE", 4)
    sliced = parse_times(values)
    assert (sliced.ok == whole.ok).all()
    assert pd.Series(sliced.local).equals(pd.Series(whole.local))
    assert whole.ok[:5].tolist() == [True, False, True, False, False]


def test_release_memory_is_safe_to_call_any_time():
    release_memory()
    release_memory()
