"""Pure DataFrame -> DataFrame measures: streaks, urge statistics, time to lapse.

Every function takes a frame and returns new objects; the input is never
modified. Days are the person's local days (``local_time`` and
``day_starts``); see :mod:`reflection_kit.metrics._days`.
"""

from .._deprecation import moved_name
from ._stats import wilson_interval
from .daily import daily, weekly
from .evidence import LoggedVsShown, logged_vs_shown, merge_urges
from .habit_strength import habit_strength, loop_multiplier
from .mood import daily_mood, mood_by_activity, mood_scale
from .streaks import StreakSummary, day_status, streak_summary, streaks
from .survival import LapseCurve, time_to_lapse
from .trends import Comparison as _Comparison
from .trends import Lagged, Trend, compare, lagged, trend
from .urges import UrgeStats, urge_stats

__all__ = [
    "Lagged",
    "LapseCurve",
    "LoggedVsShown",
    "StreakSummary",
    "Trend",
    "UrgeStats",
    "compare",
    "daily",
    "daily_mood",
    "day_status",
    "habit_strength",
    "lagged",
    "logged_vs_shown",
    "loop_multiplier",
    "merge_urges",
    "mood_by_activity",
    "mood_scale",
    "streak_summary",
    "streaks",
    "time_to_lapse",
    "trend",
    "urge_stats",
    "weekly",
    "wilson_interval",
]


# `Comparison` is the row type of `compare()` (a DataFrame): no longer a top-level name.
__getattr__ = moved_name(
    "reflection_kit.metrics",
    {"Comparison": (_Comparison, "reflection_kit.metrics.trends")},
)
