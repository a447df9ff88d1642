"""Axes-level plots of the daily panel, the urges and the streaks, plus a dashboard.

Every ``plot_*`` function draws on ``ax`` (default ``plt.gca()``) and returns it; none of
them calls ``plt.show()``, ``savefig`` or ``plt.figure()``. :func:`dashboard` is
figure-level and returns the Figure. Importing this package does not import
``matplotlib.pyplot`` and never changes matplotlib's settings: colours and styles are set
on each artist (a colour-blind-safe Okabe–Ito palette, see :data:`PALETTE`).

Given an empty frame, a single day or only missing values, a plot draws an empty axes
with a short note instead of raising.
"""

from ._style import OKABE_ITO, PALETTE
from .calendar import plot_calendar
from .dashboard import dashboard
from .survival import plot_time_to_lapse
from .time import plot_rumination, plot_tone
from .urges import plot_coping, plot_urge_clock, plot_urges_weekly

__all__ = [
    "OKABE_ITO",
    "PALETTE",
    "dashboard",
    "plot_calendar",
    "plot_coping",
    "plot_rumination",
    "plot_time_to_lapse",
    "plot_tone",
    "plot_urge_clock",
    "plot_urges_weekly",
]
