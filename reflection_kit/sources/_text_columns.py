"""Text columns with one dtype on every supported pandas, built without extra copies.

:data:`TEXT` is the dtype of every text column a reader builds (pandas 3's ``"str"``,
held by pyarrow). The helpers here build or clean such columns in one pass of pyarrow,
without the intermediate copies of the plain pandas expressions they stand for
(``tests/test_tabular.py`` checks each against that expression).
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

__all__ = [
    "SPACE_BYTE",
    "TEXT",
    "WIDE_BYTE",
    "constant_text",
    "factorized",
    "forget",
    "is_text",
    "numbered",
    "numbered_parts",
    "per_unique",
    "string_buffers",
    "stripped",
    "text_array",
]


def _text_dtype() -> pd.StringDtype:
    """pandas 3's ``"str"`` dtype, spelled so that pandas 2.2 builds the same one."""
    try:
        # pandas >= 2.3: the default string dtype of pandas 3 (``"str"``)
        return pd.StringDtype("pyarrow", na_value=np.nan)
    except TypeError:  # pandas 2.2: the same array type under its first name
        return pd.StringDtype("pyarrow_numpy")


#: The dtype of every text column: strings held by pyarrow, NaN where missing. It is
#: pandas 3's default ``"str"``; pandas 2.2 has it as ``"string[pyarrow_numpy]"`` but
#: would build object columns for ``dtype="str"`` (Python objects: several times the
#: memory, and ``str.strip`` copies that differ). One dtype makes frames, ids and problem
#: locations the same on every supported pandas.
TEXT: pd.StringDtype = _text_dtype()


def is_text(dtype: object) -> bool:
    """True for :data:`TEXT` (``"str"`` on pandas 3), whatever the pandas version.

    Examples
    --------
    >>> is_text(TEXT), is_text(pd.Series(["a"]).astype(TEXT).dtype), is_text(np.dtype(object))
    (True, True, False)
    """
    return isinstance(dtype, pd.StringDtype) and dtype == TEXT


def text_array(values: Any) -> pd.Series:
    """``values`` (a pyarrow string array or chunked array) as a :data:`TEXT` Series.

    Zero-copy for ``large_string`` data, which is what :data:`TEXT` holds.

    Examples
    --------
    >>> import pyarrow as pa
    >>> text_array(pa.array(["a", "b"])).tolist()
    ['a', 'b']
    """
    return pd.Series(TEXT.__from_arrow__(values), dtype=TEXT)


#: Rows of the one block a :func:`constant_text` column repeats.
_CONSTANT_BLOCK = 1 << 16


def constant_text(value: str, n: int, index: pd.Index | None = None) -> pd.Series:
    """A :data:`TEXT` column of ``n`` times ``value``, held as one block repeated.

    Every chunk of the column is the same pyarrow array of at most 65,536 values, so
    a column that names the source or the zone of 3 million urges costs about 1 MB
    instead of tens of MB; its values and dtype are those of
    ``pd.Series(value, index=range(n), dtype=TEXT)``.

    Examples
    --------
    >>> s = constant_text("urgelog", 3)
    >>> s.tolist(), is_text(s.dtype)
    (['urgelog', 'urgelog', 'urgelog'], True)
    """
    block = pa.repeat(pa.scalar(value, pa.large_string()), min(n, _CONSTANT_BLOCK))
    whole, rest = divmod(n, _CONSTANT_BLOCK)
    chunks = [block] * whole + ([block.slice(0, rest)] if rest else [])
    out = text_array(pa.chunked_array(chunks, pa.large_string()))
    if index is not None:
        out.index = index
    return out


def _constant(arr: pa.ChunkedArray) -> str | None:
    """The one value of a column laid out by :func:`constant_text`, else None.

    That layout (every chunk a slice from the start of one block that repeats a
    value) is recognised exactly, on the block's offsets and bytes.
    """
    chunks = arr.chunks
    if not chunks or arr.type != pa.large_string() or arr.null_count:
        return None
    block = chunks[0]
    _, off_buf, data_buf = block.buffers()
    if block.offset or data_buf is None or not len(block):
        return None
    for c in chunks[1:]:
        _, c_off, c_data = c.buffers()
        if c.offset or c_off.address != off_buf.address or c_data is None:
            return None
        if c_data.address != data_buf.address:
            return None
    if any(len(c) > len(block) for c in chunks[1:]):
        return None
    offsets = np.frombuffer(off_buf, dtype=np.int64)[: len(block) + 1]
    width = int(offsets[1])
    if not width or not (offsets == np.arange(len(block) + 1) * width).all():
        return None
    data = np.frombuffer(data_buf, dtype=np.uint8)[: len(block) * width].reshape(-1, width)
    if not (data == data[0]).all():
        return None
    return bytes(data[0]).decode("utf-8")


def stripped(values: pd.Series) -> pd.Series:
    """``values.str.strip()``, or ``values`` itself when no value starts or ends with space.

    A 200 MB log's columns are rarely padded; keeping a stripped copy of each
    beside the original cost a column's worth of memory each.

    Examples
    --------
    Other dtypes (object columns of strings) are first made :data:`TEXT`, so the
    result is :data:`TEXT` on every supported pandas.

    Examples
    --------
    >>> stripped(pd.Series(["a", "b "], dtype=TEXT)).tolist()
    ['a', 'b']
    >>> t = pd.Series(["a", "b"], dtype=TEXT)
    >>> stripped(t) is t
    True
    """
    if not is_text(values.dtype):
        values = values.astype(TEXT)
    if values.hasnans or not len(values):
        return values.str.strip()
    arr = values.array._pa_array  # a ChunkedArray (pandas 2.2 and 3)
    if isinstance(arr, pa.Array):  # pragma: no cover - a plain array in other releases
        arr = pa.chunked_array([arr])
    if not any(_may_be_padded(chunk) for chunk in arr.chunks):
        return values  # no value starts or ends with a byte of white space (or wider)
    trimmed = pc.utf8_trim_whitespace(arr)  # what pandas' str.strip does on these arrays
    if not pc.all(pc.equal(trimmed, arr)).as_py():
        out = text_array(trimmed)
        out.index = values.index
        return out
    del trimmed  # nothing was stripped: keep the original, drop the copy at once
    return values


#: ASCII white space (as ``str.isspace`` says), and the bytes of wider characters.
SPACE_BYTE = np.zeros(256, dtype=bool)
SPACE_BYTE[[c for c in range(128) if chr(c).isspace()]] = True
WIDE_BYTE = np.arange(256) >= 128
#: Bytes a value padded with white space starts or ends with: ASCII white space, or any
#: byte of a wider character (some of them are white space too).
_PAD_BYTE = SPACE_BYTE | WIDE_BYTE


def string_buffers(arr: pa.Array) -> tuple[np.ndarray, np.ndarray]:
    """The offsets and bytes of a (large) string or binary array, as numpy views.

    The offsets are those of the array's own values (its slice offset applied), int64
    or int32 as the type says; the bytes are the whole data buffer (one zero byte when
    there is none), indexed by those offsets.
    """
    _, off_buf, data_buf = arr.buffers()
    large = pa.types.is_large_string(arr.type) or pa.types.is_large_binary(arr.type)
    offsets = np.frombuffer(off_buf, dtype=np.int64 if large else np.int32)
    offsets = offsets[arr.offset : arr.offset + len(arr) + 1]
    if data_buf is None:
        return offsets, np.zeros(1, dtype=np.uint8)
    return offsets, np.frombuffer(data_buf, dtype=np.uint8)


def _may_be_padded(chunk: pa.Array) -> bool:
    """True when a value of ``chunk`` (strings without nulls) may start or end with white
    space: its first or last byte is ASCII white space or part of a wider character."""
    if chunk.type not in (pa.large_string(), pa.string()) or chunk.null_count:
        return True  # pragma: no cover - the columns here are large_string without nulls
    if not len(chunk):
        return False
    offsets, data = string_buffers(chunk)
    if offsets[-1] == offsets[0]:
        return False  # (every value is empty)
    nonempty = offsets[1:] > offsets[:-1]
    # (an index past the bytes belongs to an empty value: clipped, and not counted)
    first = _PAD_BYTE.take(data.take(offsets[:-1], mode="clip"))
    last = _PAD_BYTE.take(data.take(offsets[1:] - 1, mode="clip"))
    first |= last
    first &= nonempty
    return bool(first.any())


#: Factorisations of the columns still alive, by the identity of their pyarrow array:
#: ``id -> (weak reference, codes in the smallest unsigned type, uniques)``. A reader
#: factorises a column (the urge kinds) and the finaliser hashes the same column for
#: the ids; pyarrow arrays never change, so the second factorisation is the first.
_FACTORIZED: dict[int, tuple[weakref.ref, np.ndarray, pd.Index]] = {}
#: Most distinct values a remembered factorisation may have (codes of at most 2 bytes).
_REMEMBER_UNIQUES = 1 << 16


def _keep(store: dict[int, tuple[Any, ...]], arr: pa.ChunkedArray, *parts: Any) -> None:
    """Keep ``parts`` in ``store`` under ``arr``'s identity while ``arr`` lives."""
    key = id(arr)
    ref = weakref.ref(arr, lambda _, key=key: store.pop(key, None))
    store[key] = (ref, *parts)


def _kept(store: dict[int, tuple[Any, ...]], arr: pa.ChunkedArray) -> tuple[Any, ...] | None:
    """The parts :func:`_keep` kept for this very ``arr``, or None."""
    got = store.get(id(arr))
    if got is None or got[0]() is not arr:
        return None
    return got[1:]


def _remember(arr: pa.ChunkedArray, codes: np.ndarray, uniques: pd.Index) -> None:
    """Keep ``codes`` and ``uniques`` of ``arr`` while ``arr`` lives (few distinct values)."""
    if len(uniques) > _REMEMBER_UNIQUES:
        return  # (mostly distinct text: nothing is factorised twice, and it would be large)
    _keep(_FACTORIZED, arr, codes.astype(np.uint8 if len(uniques) <= 256 else np.uint16), uniques)


def _remembered(arr: pa.ChunkedArray) -> tuple[np.ndarray, pd.Index] | None:
    """The factorisation of ``arr`` kept by :func:`_remember`, or None."""
    got = _kept(_FACTORIZED, arr)
    return None if got is None else (got[0].astype(np.intp), got[1])


def factorized(values: pd.Series) -> tuple[np.ndarray, Any]:
    """``pandas.factorize(values, use_na_sentinel=False)``, by pyarrow for :data:`TEXT`.

    The same codes and uniques (in order of first appearance; the uniques as a
    :data:`TEXT` index), about ten times quicker for a text column without gaps,
    whose chunks pyarrow encodes with one shared dictionary. A column of at most
    65,536 distinct values is factorised once while it lives (its codes are kept
    in one or two bytes a row): the reader and the finaliser share the work.

    Examples
    --------
    >>> codes, uniques = factorized(pd.Series(["b", "a", "b"], dtype=TEXT))
    >>> codes.tolist(), list(uniques)
    ([0, 1, 0], ['b', 'a'])
    """
    if not is_text(values.dtype) or values.hasnans or not len(values):
        return pd.factorize(values, use_na_sentinel=False)
    arr = values.array._pa_array
    value = _constant(arr)
    if value is not None:  # a constant_text column: one value, no hashing
        return np.zeros(len(values), dtype=np.intp), pd.Index([value], dtype=TEXT)
    known = _remembered(arr)
    if known is not None:
        return known
    encoded = pc.dictionary_encode(arr)
    if isinstance(encoded, pa.Array):  # pragma: no cover - a plain array in other releases
        encoded = pa.chunked_array([encoded])
    codes = np.concatenate(
        [chunk.indices.to_numpy(zero_copy_only=False) for chunk in encoded.chunks]
    ).astype(np.intp, copy=False)
    uniques = pd.Index(text_array(encoded.chunk(0).dictionary))
    del encoded
    if isinstance(arr, pa.ChunkedArray):
        _remember(arr, codes, uniques)
    return codes, uniques


#: Numbers written at once by :func:`numbered` (its temporaries stay a few MB).
_NUMBER_SLICE = 1 << 19
#: The columns :func:`numbered` built that are still alive, by the identity of their
#: pyarrow array: ``id -> (weak reference, prefix, numbers)``.
_NUMBERED: dict[int, tuple[weakref.ref, str, np.ndarray]] = {}


def numbered(prefix: str, numbers: np.ndarray) -> pd.Series:
    """``prefix`` followed by each number, as a str column (``"urges.csv line 12"``).

    Built by pyarrow in one pass: for a 200 MB log the Python way (a str column of
    the numbers, then a concatenation) held both copies and the result at once.
    While the column lives, :func:`numbered_parts` gives back its prefix and numbers.

    Examples
    --------
    >>> numbered("urges.csv line ", np.array([2, 10])).tolist()
    ['urges.csv line 2', 'urges.csv line 10']
    """
    numbers = np.asarray(numbers, dtype=np.int64)
    head = pa.scalar(prefix, pa.large_string())
    chunks = []
    for lo in range(0, max(len(numbers), 1), _NUMBER_SLICE):  # (a few MB of digits at once)
        digits = pc.cast(pa.array(numbers[lo : lo + _NUMBER_SLICE]), pa.large_string())
        chunks.append(pc.binary_join_element_wise(head, digits, pa.scalar("", pa.large_string())))
        del digits
    out = text_array(chunks[0] if len(chunks) == 1 else pa.chunked_array(chunks))
    del chunks
    arr = out.array._pa_array
    if isinstance(arr, pa.ChunkedArray):
        small = len(numbers) and numbers.min() >= 0 and numbers.max() < 2**31
        _keep(_NUMBERED, arr, prefix, numbers.astype(np.int32) if small else numbers.copy())
    return out


def forget(frame: pd.DataFrame) -> None:
    """Let go of what :func:`factorized` and :func:`numbered` keep for ``frame``'s columns.

    For the end of a read: the frame handed to the caller holds no codes or numbers
    beside its text.
    """
    for c in frame.columns:
        if is_text(frame[c].dtype):
            key = id(frame[c].array._pa_array)
            _FACTORIZED.pop(key, None)
            _NUMBERED.pop(key, None)


def numbered_parts(values: pd.Series) -> tuple[str, np.ndarray] | None:
    """The prefix and numbers :func:`numbered` built ``values`` from, or None.

    A column of millions of locations can so be reordered by its numbers (a few
    bytes a row) instead of holding its text twice.

    Examples
    --------
    >>> s = numbered("line ", np.array([3, 4]))
    >>> prefix, numbers = numbered_parts(s)
    >>> prefix, numbers.tolist()
    ('line ', [3, 4])
    """
    if not is_text(values.dtype):
        return None
    got = _kept(_NUMBERED, values.array._pa_array)
    return None if got is None else (got[0], got[1])


def per_unique(values: pd.Series, func: Callable[[str], Any], dtype: Any = object) -> np.ndarray:
    """``func`` applied once per distinct value, spread back over ``values``."""
    codes, uniques = factorized(values)
    table = np.array([func(u) for u in uniques], dtype=dtype)
    if not len(table):
        return np.empty(0, dtype=dtype)
    return table[codes]
