"""Every text the plots draw is at least 9 pt at the review's figure sizes (9 inches wide,
96 dpi), and on a phone-width figure: titles, labels, ticks, legends, counts, notes."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pytest
from matplotlib.text import Text

import reflection_kit as rk
from reflection_kit.plots._style import MIN_FONT

# the sizes of the review notebook (reflection_kit/review/progress_review.ipynb)
REVIEW = {
    "plot_rumination": ((9, 4), lambda s, ax: rk.plot_rumination(s["panel"], ax=ax)),
    "plot_tone": ((9, 3.2), lambda s, ax: rk.plot_tone(s["panel"], ax=ax)),
    "plot_calendar": ((9, 2.6), lambda s, ax: rk.plot_calendar(s["panel"], ax=ax)),
    "plot_time_to_lapse": ((9, 3.4), lambda s, ax: rk.plot_time_to_lapse(s["streaks"], ax=ax)),
    "plot_urges_weekly": ((9, 3.6), lambda s, ax: rk.plot_urges_weekly(s["panel"], ax=ax)),
    "plot_coping": ((9, 3.6), lambda s, ax: rk.plot_coping(s["stats"], ax=ax)),
    "plot_urge_clock": ((9, 3.6), lambda s, ax: rk.plot_urge_clock(s["stats"], ax=ax)),
}


def _small_texts(fig) -> list[tuple[str, float]]:
    fig.canvas.draw()  # ticks and colour-bar labels exist once drawn
    return [
        (t.get_text(), t.get_fontsize())
        for t in fig.findobj(Text)
        if t.get_visible() and t.get_text().strip() and t.get_fontsize() < MIN_FONT
    ]


# the plots whose layout depends on the width are drawn at a phone's width too
CASES = (
    [(name, None) for name in REVIEW]
    + [(name, 4.1) for name in ("plot_rumination", "plot_calendar", "plot_urges_weekly")]
    + [("plot_urge_clock", 4.1), ("plot_coping", 4.1)]
)


@pytest.mark.parametrize(("name", "width"), CASES)
def test_no_text_below_9_points(sample, name, width):
    (w, h), draw = REVIEW[name]
    fig, ax = plt.subplots(figsize=(width or w, h), dpi=96)
    draw(sample, ax)
    assert MIN_FONT == 9
    assert _small_texts(fig) == []


def test_notes_are_readable(ax):
    import pandas as pd

    rk.plot_rumination(pd.DataFrame({"rumination": []}), ax=ax)
    assert _small_texts(ax.figure) == []
