"""Axes-level plots of the daily panel, the urges and the streaks, plus a dashboard.

Every ``plot_*`` function takes its data first, as ``data`` (the old keyword names
``daily=``, ``urges=``, ``stats_or_urges=`` and ``streaks_or_curve=`` still work, with a
DeprecationWarning), draws on ``ax`` (default ``plt.gca()``) and returns it; none of them
calls ``plt.show()``, ``savefig`` or ``plt.figure()``. No text is smaller than 9 points.
:func:`dashboard` is figure-level and returns the Figure. Importing this package does not import
``matplotlib.pyplot`` and never changes matplotlib's settings: colours and styles are set
on each artist (a colour-blind-safe Okabe–Ito palette, see :data:`PALETTE`, checked with a
simulation of deuteranopia in the tests).

Given an empty frame, a single day or only missing values, a plot draws an empty axes
with a short note instead of raising.
"""

from ._style import OKABE_ITO, PALETTE
from .calendar import plot_calendar
from .dashboard import dashboard
from .habit_strength import plot_habit_strength
from .mood import plot_mood, plot_year_in_pixels
from .survival import plot_time_to_lapse
from .time import plot_rumination, plot_tone
from .urges import plot_coping, plot_urge_clock, plot_urges_weekly

__all__ = [
    "OKABE_ITO",
    "PALETTE",
    "dashboard",
    "plot_calendar",
    "plot_coping",
    "plot_habit_strength",
    "plot_mood",
    "plot_rumination",
    "plot_time_to_lapse",
    "plot_tone",
    "plot_urge_clock",
    "plot_urges_weekly",
    "plot_year_in_pixels",
]
