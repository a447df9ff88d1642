"""The short ways of coding text and outcome columns give what the plain ways give.

``metrics._days.text_codes`` looks the rows of a long column of a few values up in the
values of its first rows (Arrow's ``index_in``, pandas' object table) instead of adding
every row to a growing hash table, and hashes other object columns with pandas' string
table without pandas' first pass; the urge outcome codes come from the boolean array's
own buffers. Each test compares with the plain computation, including the cases that
must take the plain way.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

from reflection_kit.metrics import urge_stats
from reflection_kit.metrics._days import _HEAD, _acted_codes, text_codes
from reflection_kit.metrics._tables import text_array

_LONG = 5 * _HEAD  # long enough for the lookup way


def _dictionary_codes(series: pd.Series) -> tuple[list[int], list[object]]:
    whole = series.array._pa_array.combine_chunks()
    enc = whole.dictionary_encode()
    indices = enc.indices.fill_null(-1) if enc.null_count else enc.indices
    return indices.to_numpy(zero_copy_only=False).tolist(), enc.dictionary.to_pylist()


def _values(case: str) -> np.ndarray:
    rng = np.random.default_rng(5)
    values = rng.choice(["alone", "a song", "bored", "é à", ""], _LONG).astype(object)
    if case == "missing":
        values[rng.random(_LONG) < 0.1] = None
    elif case == "seen_late":  # values that first appear after the first rows
        values[3 * _HEAD :] = rng.choice(["new", "alone", "newer"], _LONG - 3 * _HEAD)
        values[::11] = None
    elif case == "all_missing_first":
        values[: 2 * _HEAD] = None
    elif case == "free_text":  # too many values for the lookup way
        values = np.array([f"note {i}" for i in range(_LONG)], dtype=object)
    elif case == "mixed":  # numbers among the text (object columns only)
        values[::5] = 5
        values[1::7] = 5.0  # equal to 5: pandas keeps the first one seen
        values[2::9] = np.str_("alone")
        values[3::13] = float("nan")
        values[4 * _HEAD :: 17] = 7  # a number first seen late
    return values


@pytest.mark.parametrize("case", ["few", "missing", "seen_late", "all_missing_first", "free_text"])
@pytest.mark.parametrize(
    "dtype",
    ["str", "string[pyarrow]", pd.ArrowDtype(pa.string()), pd.ArrowDtype(pa.large_string())],
)
def test_arrow_text_codes_equal_dictionary_encoding(case, dtype):
    series = pd.Series(_values(case), dtype=dtype)
    if getattr(series.array, "_pa_array", None) is None:
        pytest.skip("not an Arrow column on this pandas")
    chunked = pd.concat([series.iloc[:1000], series.iloc[1000:]], ignore_index=True)
    for column in (series, chunked):
        codes, uniques = text_codes(column)
        assert (np.asarray(codes).tolist(), uniques) == _dictionary_codes(column)


@pytest.mark.parametrize(
    "case", ["few", "missing", "seen_late", "all_missing_first", "free_text", "mixed"]
)
def test_object_text_codes_equal_pandas_factorize(case):
    series = pd.Series(_values(case), dtype=object)
    codes, uniques = text_codes(series)
    expected, expected_uniques = pd.factorize(series, use_na_sentinel=True)
    assert np.asarray(codes).tolist() == expected.tolist()
    assert uniques == [str(u) for u in expected_uniques]


def test_object_text_codes_keep_numbers_and_nan_as_pandas_does():
    # the string table would code 5 as missing: pandas hashes it as a value
    series = pd.Series(["a", 5, None, "a", float("nan"), np.str_("b"), 5], dtype=object)
    codes, uniques = text_codes(series)
    expected, expected_uniques = pd.factorize(series, use_na_sentinel=True)
    assert np.asarray(codes).tolist() == expected.tolist() == [0, 1, -1, 0, -1, 2, 1]
    assert uniques == [str(u) for u in expected_uniques] == ["a", "5", "b"]


def test_trigger_counts_equal_for_arrow_and_object_columns(make_urges):
    triggers = ["alone", "Alone ", "a song", None]
    rows = [
        (
            f"2025-03-{1 + i % 28:02d} {8 + i % 12:02d}:00",
            "check_social",
            [True, False, None][i % 3],
            float(i % 11),
            triggers[i % 4],
            "breathing; walk",
        )
        for i in range(200)
    ]
    urges = make_urges(rows)
    as_object = urges.assign(trigger=urges["trigger"].astype(object))
    for name in ("triggers", "coping"):
        left = getattr(urge_stats(urges), name)
        right = getattr(urge_stats(as_object), name)
        pd.testing.assert_frame_equal(left, right, check_exact=True)


@pytest.mark.parametrize(
    "values", [[True, None, False, True], [None, None], [], [False, True]], ids=str
)
def test_acted_codes_equal_to_numpy_with_minus_one_for_missing(values):
    series = pd.Series(pd.array(values, dtype="boolean"))
    expected = series.to_numpy(dtype=np.int8, na_value=-1)
    got = _acted_codes(series)
    assert got.dtype == np.int8 and got.tolist() == expected.tolist()
    as_object = pd.Series(values, dtype=object)  # the converting way
    assert _acted_codes(as_object).tolist() == expected.tolist()


def test_text_array_equals_pd_array_with_the_str_dtype():
    for values in (["a", "bb"], [], np.array(["x", "yz"], dtype=object)):
        got, expected = text_array(values), pd.array(values, dtype="str")
        assert got.dtype == expected.dtype and type(got) is type(expected)
        assert got.tolist() == expected.tolist()
