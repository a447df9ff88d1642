"""Shared docstring pieces (reflection_kit/_docstrings.py): filled everywhere, typos refused."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re

import pytest

import reflection_kit
from reflection_kit._docstrings import PIECES, share

_LEFT = re.compile(r"^[ \t]*\{[a-z_]+\.[a-z_]+\}[ \t]*$", re.M)


def _functions():
    for info in pkgutil.walk_packages(reflection_kit.__path__, "reflection_kit."):
        if info.name.endswith(("__main__", "_kernel_launcher")):
            continue
        module = importlib.import_module(info.name)
        for name, obj in vars(module).items():
            if inspect.isfunction(obj) and obj.__module__ == module.__name__:
                yield f"{info.name}.{name}", obj


def test_no_docstring_keeps_a_placeholder():
    left = [name for name, f in _functions() if f.__doc__ and _LEFT.search(f.__doc__)]
    assert left == []


def test_pieces_are_used_and_read_as_numpydoc():
    from reflection_kit.plots import plot_rumination, plot_tone
    from reflection_kit.sources import dayone, jrnl_json

    assert "ax : matplotlib.axes.Axes, optional\n        Where to draw" in plot_tone.__doc__
    assert dayone.read.__doc__.count("ctx : ReadContext") == 1
    assert "inp : Input" in jrnl_json.read.__doc__
    for doc in (plot_rumination.__doc__, plot_tone.__doc__):
        assert "    window : int, default 7\n        Days in the centred rolling mean" in doc
    assert all(not p.startswith((" ", "\n")) for p in PIECES.values())


def test_a_misspelt_piece_is_refused_at_import():
    def f():
        """Draw.

        Parameters
        ----------
        {plot.axes}
        """

    with pytest.raises(KeyError, match=r"no shared docstring piece \{plot\.axes\}"):
        share(f)


def test_other_braces_are_left_alone():
    def f():
        """Pick one.

        unlogged : {"clean", "unknown"}
            How a day counts.
        """

    assert share(f).__doc__.count('{"clean", "unknown"}') == 1
