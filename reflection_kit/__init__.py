"""reflection-kit: read journals and urge logs into pandas and see honest progress.

Importing has no side effects: no files, no network, no plotting styles.

Examples
--------
>>> import reflection_kit as rk
>>> sorted(rk.formats()["kind"].unique())
['journal', 'urges']
"""

import importlib

from ._deprecation import moved_name
from ._version import __version__
from .errors import (
    DataQualityWarning,
    ParseError,
    PersonNeeded,
    ReflectionKitError,
    SchemaError,
)
from .export import export
from .frames import COPING_STRATEGIES, URGE_KINDS, validate_journal, validate_urges
from .load_report import LoadReport
from .metrics import (
    Lagged,
    LapseCurve,
    LoggedVsShown,
    StreakSummary,
    Trend,
    UrgeStats,
    compare,
    daily,
    daily_mood,
    day_status,
    habit_strength,
    lagged,
    logged_vs_shown,
    merge_urges,
    mood_by_activity,
    streak_summary,
    streaks,
    time_to_lapse,
    trend,
    urge_stats,
    weekly,
    wilson_interval,
)
from .metrics.trends import Comparison as _Comparison
from .plots import (
    dashboard,
    plot_calendar,
    plot_coping,
    plot_habit_strength,
    plot_mood,
    plot_rumination,
    plot_time_to_lapse,
    plot_tone,
    plot_urge_clock,
    plot_urges_weekly,
    plot_year_in_pixels,
)
from .privacy import redact
from .prompt_sets import Prompt, PromptSet, new_entry, prompt_answers, prompt_table, prompts
from .reading import formats, inspect, read_journal, read_urges
from .sample import SAMPLE_SEED, sample_dir, write_sample
from .workspace import Exports, load_exports

# `Comparison` is the row type of `compare()` (a DataFrame): no longer a top-level name.
_moved = moved_name(
    "reflection_kit",
    {"Comparison": (_Comparison, "reflection_kit.metrics.trends")},
)

# The language layer imports NLTK (about a second); it loads on first use so that
# `import reflection_kit` and the command line stay quick.
_LAZY = {
    "LEXICON_VERSION": "reflection_kit.text",
    "explain": "reflection_kit.text",
    "score_entries": "reflection_kit.text",
}


def __getattr__(name: str) -> object:
    if name in _LAZY:
        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    return _moved(name)  # a name that moved elsewhere warns, any other raises AttributeError


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


__all__ = [
    "COPING_STRATEGIES",
    "LEXICON_VERSION",
    "SAMPLE_SEED",
    "URGE_KINDS",
    "DataQualityWarning",
    "Exports",
    "Lagged",
    "LapseCurve",
    "LoadReport",
    "LoggedVsShown",
    "ParseError",
    "PersonNeeded",
    "Prompt",
    "PromptSet",
    "ReflectionKitError",
    "SchemaError",
    "StreakSummary",
    "Trend",
    "UrgeStats",
    "__version__",
    "compare",
    "daily",
    "daily_mood",
    "dashboard",
    "day_status",
    "explain",
    "export",
    "formats",
    "habit_strength",
    "inspect",
    "lagged",
    "load_exports",
    "logged_vs_shown",
    "merge_urges",
    "mood_by_activity",
    "new_entry",
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
    "prompt_answers",
    "prompt_table",
    "prompts",
    "read_journal",
    "read_urges",
    "redact",
    "sample_dir",
    "score_entries",
    "streak_summary",
    "streaks",
    "time_to_lapse",
    "trend",
    "urge_stats",
    "validate_journal",
    "validate_urges",
    "weekly",
    "wilson_interval",
    "write_sample",
]
