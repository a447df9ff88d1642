"""Docstring pieces shared by several public functions, written once (as seaborn's
``_docstrings.py`` does).

A docstring names a piece on a line of its own, ``{plot.ax}``; :func:`share` puts the piece
there, indented like the placeholder line, when the module defining the function is imported.
A name that is not a piece raises ``KeyError`` at import, so a typo cannot ship. Only lines
that hold nothing but ``{group.name}`` are placeholders: other braces in a docstring (a set of
allowed values such as ``{"clean", "skip"}``) are left alone.

Examples
--------
>>> @share
... def f(ax=None):
...     '''Draw.
...
...     Parameters
...     ----------
...     {plot.ax}
...     '''
>>> print(f.__doc__.splitlines()[4].strip())
ax : matplotlib.axes.Axes, optional
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TypeVar

__all__ = ["PIECES", "share"]

F = TypeVar("F", bound=Callable[..., object])

#: Every shared piece, by ``group.name``. Lines after the first are indented by 4 spaces
#: relative to it, as numpydoc wants.
PIECES: dict[str, str] = {
    # plots: the axes-level plot_* functions
    "plot.ax": """\
ax : matplotlib.axes.Axes, optional
    Where to draw; default ``plt.gca()``.""",
    "plot.window": """\
window : int, default 7
    Days in the centred rolling mean (see the module notes); 1 draws no smoothing.""",
    "plot.data_param": """\
data : pandas.DataFrame
    The daily panel of :func:`reflection_kit.daily` (indexed by ``date``), or any frame
    with a ``date`` column. It is not modified. (Its old keyword name ``daily=`` still
    works, with a DeprecationWarning.)""",
    "plot.returns_few_days": """\
matplotlib.axes.Axes
    The axes drawn on. With fewer than two days with a value, an empty axes with a note.""",
    "plot.raises_data_window": """\
TypeError
    ``data`` is not a DataFrame.
ValueError
    ``window`` is not a whole number of at least 1.""",
    # sources: the reader functions behind rk.read_journal / rk.read_urges
    "reader.params": """\
inp : Input
    The export, opened with :meth:`Input.open`.
ctx : ReadContext
    Collects counts, problems and notes.""",
    "reader.returns": """\
pandas.DataFrame
    One row per entry, for :func:`~reflection_kit.sources._finalize.finalize`.""",
    # frames: the validate_* checks
    "frames.validate_returns": """\
pandas.DataFrame
    ``df`` itself.""",
}

_PLACEHOLDER = re.compile(r"^(?P<indent>[ \t]*)\{(?P<name>[a-z_]+\.[a-z_]+)\}[ \t]*$", re.M)


def _fill(doc: str) -> str:
    def put(m: re.Match[str]) -> str:
        name = m.group("name")
        if name not in PIECES:
            raise KeyError(
                f"no shared docstring piece {{{name}}}; the pieces are {sorted(PIECES)}. "
                "Suggestion: add it to reflection_kit/_docstrings.py or fix the spelling."
            )
        piece = PIECES[name]
        return "\n".join(m.group("indent") + line if line else line for line in piece.split("\n"))

    return _PLACEHOLDER.sub(put, doc)


def share(func: F) -> F:
    """Fill the shared pieces into ``func.__doc__`` (a no-op under ``python -OO``)."""
    if func.__doc__:
        func.__doc__ = _fill(func.__doc__)
    return func
