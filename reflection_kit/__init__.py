"""reflection-kit: read journals and urge logs into pandas and see honest progress.

Importing has no side effects: no files, no network, no plotting styles.

Examples
--------
>>> import reflection_kit as rk
>>> sorted(rk.formats()["kind"].unique())
['journal', 'urges']
"""

from ._version import __version__
from .errors import DataQualityWarning, ParseError, ReflectionKitError, SchemaError
from .frames import COPING_STRATEGIES, URGE_KINDS, validate_journal, validate_urges
from .load_report import LoadReport
from .metrics import (
    Comparison,
    LapseCurve,
    Lagged,
    StreakSummary,
    Trend,
    UrgeStats,
    compare,
    daily,
    day_status,
    lagged,
    streak_summary,
    streaks,
    time_to_lapse,
    trend,
    urge_stats,
    weekly,
    wilson_interval,
)
from .plots import (
    dashboard,
    plot_calendar,
    plot_coping,
    plot_rumination,
    plot_time_to_lapse,
    plot_tone,
    plot_urge_clock,
    plot_urges_weekly,
)
from .privacy import redact
from .prompt_sets import Prompt, PromptSet, new_entry, prompt_table, prompts
from .reading import formats, inspect, read_journal, read_urges
from .sample import SAMPLE_SEED, sample_dir, write_sample
from .workspace import Exports, load_exports

__all__ = [
    "COPING_STRATEGIES",
    "SAMPLE_SEED",
    "URGE_KINDS",
    "Comparison",
    "DataQualityWarning",
    "Exports",
    "LapseCurve",
    "Lagged",
    "LoadReport",
    "ParseError",
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
    "dashboard",
    "day_status",
    "formats",
    "inspect",
    "lagged",
    "load_exports",
    "new_entry",
    "plot_calendar",
    "plot_coping",
    "plot_rumination",
    "plot_time_to_lapse",
    "plot_tone",
    "plot_urge_clock",
    "plot_urges_weekly",
    "prompt_table",
    "prompts",
    "read_journal",
    "read_urges",
    "redact",
    "sample_dir",
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
