"""Result frames of the metrics, built without needless work.

Every call of a metric returns several small frames whose column names never change.
``pandas.DataFrame(dict)`` spends about a third of its time on turning those names into
an Index (pandas 3 infers an Arrow string dtype for them), so each module builds its
column Index once, at import, as a :class:`Columns`, and :func:`new_frame` gives every
frame its own shallow copy of it. The arrays are fresh ones the metric has just made, so
they are not copied again either (``copy=False``). Text columns are made by
:func:`text_array` with the ``"str"`` dtype resolved once, at import.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import pandas as pd
from pandas.api.extensions import ExtensionArray

__all__ = ["Columns", "new_frame", "text_array"]

#: ``pandas_dtype("str")``: the Arrow-backed string dtype on pandas 3, NumPy ``<U`` on 2.x
#: (there ``pd.array`` sizes it to the longest value, as with the string ``"str"``).
_TEXT = pd.api.types.pandas_dtype("str")
#: pandas' own constructor from a list of arrays (private, so used with a fallback)
_FAST = hasattr(pd.DataFrame, "_from_arrays")


def text_array(values: object) -> ExtensionArray:
    """``pd.array(values, dtype="str")``, without looking the dtype up on every call."""
    return pd.array(values, dtype=_TEXT)


class Columns:
    """The fixed column names of one result frame, with their Index made once."""

    __slots__ = ("_by_position", "index", "names")

    def __init__(self, names: Iterable[str]) -> None:
        self.names: tuple[str, ...] = tuple(names)
        if len(set(self.names)) != len(self.names):
            raise ValueError(f"column names repeat: {self.names}")
        self.index = pd.Index(list(self.names))
        # with object labels (pandas 2 without the string option) the Index costs little,
        # and the plain dict constructor is the quicker way
        self._by_position = self.index.dtype != object

    def __len__(self) -> int:
        return len(self.names)


def _from_arrays(
    columns: Columns, arrays: Sequence[object], index: pd.Index | None
) -> pd.DataFrame | None:
    """The frame from ``DataFrame._from_arrays``: no dict, no inference from its keys,
    no checks beyond lengths (the arrays are fresh and of a known type), about half the
    time of the dict constructor on pandas 3. None when pandas refuses the call."""
    try:
        rows = len(arrays[0]) if arrays else 0
        return pd.DataFrame._from_arrays(
            list(arrays),
            columns=columns.index.copy(),
            index=pd.RangeIndex(rows) if index is None else index,
            verify_integrity=False,
        )
    except (AttributeError, TypeError, ValueError):
        return None


def new_frame(
    columns: Columns, arrays: Sequence[object], index: pd.Index | None = None
) -> pd.DataFrame:
    """A DataFrame of ``arrays`` (fresh, not shared with another frame) under ``columns``.

    Equal to ``pd.DataFrame(dict(zip(columns.names, arrays, strict=True)), index=index)``.
    The arrays are NumPy arrays, pandas extension arrays or Indexes of equal length.
    """
    if len(arrays) != len(columns):
        raise ValueError(f"{len(arrays)} arrays for {len(columns)} columns {columns.names}")
    if not columns._by_position:
        return pd.DataFrame(dict(zip(columns.names, arrays, strict=True)), index=index, copy=False)
    frame = _from_arrays(columns, arrays, index) if _FAST else None
    if frame is not None:
        return frame
    frame = pd.DataFrame(dict(enumerate(arrays)), index=index, copy=False)
    frame.columns = columns.index.copy()  # its own Index: renaming it touches no other frame
    return frame
