"""Pure DataFrame -> DataFrame measures: streaks, urge statistics, time to lapse.

Every function takes a frame and returns new objects; the input is never
modified. Days are the person's local days (``local_time`` and
``day_starts``); see :mod:`reflection_kit.metrics._days`.
"""

from ._stats import wilson_interval
from .daily import daily, weekly
from .streaks import StreakSummary, day_status, streak_summary, streaks
from .survival import LapseCurve, time_to_lapse
from .trends import Comparison, Lagged, Trend, compare, lagged, trend
from .urges import UrgeStats, urge_stats

__all__ = [
    "Comparison",
    "Lagged",
    "LapseCurve",
    "StreakSummary",
    "Trend",
    "UrgeStats",
    "compare",
    "daily",
    "day_status",
    "lagged",
    "streak_summary",
    "streaks",
    "time_to_lapse",
    "trend",
    "urge_stats",
    "weekly",
    "wilson_interval",
]
