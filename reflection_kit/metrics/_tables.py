"""Result frames of the metrics, built without needless work.

Every call of a metric returns several small frames whose column names never change.
``pandas.DataFrame(dict)`` spends about a third of its time on turning those names into
an Index (pandas 3 infers an Arrow string dtype for them), so each module builds its
column Index once, at import, as a :class:`Columns`, and :func:`new_frame` gives every
frame its own shallow copy of it. The arrays are fresh ones the metric has just made, so
they are not copied again either (``copy=False``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import pandas as pd

__all__ = ["Columns", "new_frame"]


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


def new_frame(
    columns: Columns, arrays: Sequence[object], index: pd.Index | None = None
) -> pd.DataFrame:
    """A DataFrame of ``arrays`` (fresh, not shared with another frame) under ``columns``.

    Equal to ``pd.DataFrame(dict(zip(columns.names, arrays, strict=True)), index=index)``.
    """
    if len(arrays) != len(columns):
        raise ValueError(f"{len(arrays)} arrays for {len(columns)} columns {columns.names}")
    if not columns._by_position:
        return pd.DataFrame(dict(zip(columns.names, arrays, strict=True)), index=index, copy=False)
    frame = pd.DataFrame(dict(enumerate(arrays)), index=index, copy=False)
    frame.columns = columns.index.copy()  # its own Index: renaming it touches no other frame
    return frame
