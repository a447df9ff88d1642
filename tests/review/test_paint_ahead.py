"""Figures painted in the background during the review's run (review/_paint_ahead.py).

One render of a small notebook in a real kernel: a figure painted ahead lands in the
cell that showed it, before what the cell printed after it; a child that fails is
painted again in the kernel; and the PNG is byte for byte the one painted in place.
"""

from __future__ import annotations

import base64
import re
import sys
import textwrap
import types
from pathlib import Path

import nbformat
import pytest

from reflection_kit.review import _paint_ahead
from reflection_kit.review.render import render_notebook

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="figures are painted ahead on Linux only"
)

_CELLS = [
    """
    import os

    import matplotlib.pyplot as plt

    from reflection_kit.review import _paint_ahead, figures

    def chart():
        fig, ax = plt.subplots(figsize=(3, 2))
        ax.plot([1, 2, 3], [3, 1, 2])
        ax.set_title("A line")

    chart()
    figures.show("First chart: a line from 3 down to 1 and up to 2.")
    print(f"after the first: {len(_paint_ahead._PENDING)} painting, forked", end=" ")
    print(all(p.pid > 0 for p in _paint_ahead._PENDING))
    """,
    """
    _paint_ahead._child = lambda *args: os._exit(3)  # a child that fails
    fig, ax = plt.subplots(figsize=(3, 2))
    ax.bar([0, 1], [2, 1])
    figures.show("Second chart: two bars.")
    print(f"after the second: {len(_paint_ahead._PENDING)} painting")
    """,
    """
    _rk_paint_ahead = False  # painted in place, the way a notebook run by hand does
    chart()
    figures.show("Third chart: the first one again.")
    print(f"after the third: {len(_paint_ahead._PENDING)} painting")
    """,
]


@pytest.fixture(scope="module")
def page(tmp_path_factory) -> str:
    path = Path(tmp_path_factory.mktemp("ahead")) / "ahead.ipynb"
    cells = [nbformat.v4.new_code_cell(textwrap.dedent(c)) for c in _CELLS]
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    nbformat.write(nb, path)
    return render_notebook(path, {}, title="ahead")


def _images(page: str) -> list[tuple[str, bytes]]:
    found = re.findall(r'<img\b[^>]*?src="data:image/png;base64,([^"]+)"[^>]*?alt="([^"]*)"', page)
    found += [
        (b, a)
        for a, b in re.findall(
            r'<img\b[^>]*?alt="([^"]*)"[^>]*?src="data:image/png;base64,([^"]+)"', page
        )
    ]
    return [(alt, base64.b64decode(data)) for data, alt in found]


def test_figures_painted_ahead_land_where_they_were_shown(page):
    assert "after the first: 1 painting, forked True" in page
    assert "after the second: 2 painting" in page
    assert "after the third: 2 painting" in page  # painted in place: nothing pending
    images = _images(page)
    alts = [alt for alt, _ in images]
    assert len(images) == 3
    assert alts == [
        "First chart: a line from 3 down to 1 and up to 2.",
        "Second chart: two bars.",
        "Third chart: the first one again.",
    ]
    # each figure comes before what its cell printed after showing it
    assert page.index("First chart") < page.index("after the first")
    assert page.index("after the first") < page.index("Second chart")
    assert page.index("Second chart") < page.index("after the second")
    assert "being drawn" not in page


def test_a_figure_painted_ahead_is_the_one_painted_in_place(page):
    (_, first), (_, second), (_, third) = _images(page)
    assert first.startswith(b"\x89PNG") and second.startswith(b"\x89PNG")
    assert first == third


def test_only_the_reviews_run_on_linux_paints_ahead(monkeypatch):
    shell = types.SimpleNamespace(user_ns={})
    assert not _paint_ahead.enabled(None)
    assert not _paint_ahead.enabled(shell)
    shell.user_ns[_paint_ahead.FLAG] = "yes"  # only True itself turns it on
    assert not _paint_ahead.enabled(shell)
    shell.user_ns[_paint_ahead.FLAG] = True
    assert _paint_ahead.enabled(shell)
    monkeypatch.setattr(sys, "platform", "darwin")
    assert not _paint_ahead.enabled(shell)


def test_metadata_merges_the_way_ipython_display_does():
    md = {"image/png": {"alt": "a chart"}, "other": 1}
    _paint_ahead._merge(md, {"image/png": {"needs_background": "light"}, "other": 2})
    assert md == {"image/png": {"alt": "a chart", "needs_background": "light"}, "other": 2}
