"""The review's figures are painted once and trimmed: the same picture as a tight bbox."""

from __future__ import annotations

import io

import matplotlib.pyplot as plt
import numpy as np
from PIL import Image

import reflection_kit as rk
from reflection_kit.review.figures import trimmed_png


def _figure():
    fig, ax = plt.subplots(figsize=(6, 3), dpi=96)
    ax.plot([0, 1, 2], [2, 0, 1], label="a line")
    ax.set_xlabel("a label under the axes")
    # a legend below the figure's own edge: a tight bbox (and the trim) must keep it
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.25))
    return fig


def _tight(fig) -> Image.Image:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", bbox_inches="tight", dpi=fig.dpi)
    return Image.open(io.BytesIO(buf.getvalue()))


def test_the_trim_keeps_what_lies_outside_the_figure_and_matches_a_tight_bbox():
    fig = _figure()
    try:
        tight = _tight(fig)
        trimmed = Image.open(io.BytesIO(trimmed_png(fig)))
        height = fig.get_size_inches()[1] * fig.dpi
        assert trimmed.size[1] > height  # the legend below the figure is in the picture
        assert abs(trimmed.size[0] - tight.size[0]) <= 6
        assert abs(trimmed.size[1] - tight.size[1]) <= 6
        # the same ink: as many dark pixels, give or take the anti-aliasing
        ink = [int((np.asarray(im.convert("L")) < 128).sum()) for im in (tight, trimmed)]
        assert abs(ink[0] - ink[1]) <= 0.02 * ink[0]
        # and a margin of savefig.pad_inches (0.1 in, about 10 px) of background kept
        edge = np.asarray(trimmed.convert("L"))
        assert (edge[:8] == edge[0, 0]).all() and (edge[:, -8:] == edge[0, 0]).all()
    finally:
        plt.close(fig)


def test_a_figure_drawn_beyond_the_room_or_blank_is_left_to_the_usual_drawing():
    fig = _figure()
    # from 2.2 inches left of the figure into it: it reaches the edge of the 2-inch room
    fig.text(-2.2 / 6, 0.5, "a long text from far to the left", transform=fig.transFigure)
    try:
        assert trimmed_png(fig) is None
    finally:
        plt.close(fig)
    blank = plt.figure(figsize=(2, 2))
    try:
        assert trimmed_png(blank) is None
    finally:
        plt.close(blank)


def test_the_review_chart_reaching_furthest_out_is_trimmed_like_a_tight_bbox(sample_dir):
    # the rumination chart's component strip and legend reach about 0.9 inch below it
    exports = rk.load_exports([sample_dir / "notes"], [], quiet=True)
    panel = rk.daily(rk.score_entries(exports.journal, people=["Alex"]))
    fig, ax = plt.subplots(figsize=(9, 4), dpi=96)
    rk.plot_rumination(panel, ax=ax)
    try:
        tight = _tight(fig)
        trimmed = Image.open(io.BytesIO(trimmed_png(fig)))
        assert abs(trimmed.size[0] - tight.size[0]) <= 6
        assert abs(trimmed.size[1] - tight.size[1]) <= 6
    finally:
        plt.close(fig)
