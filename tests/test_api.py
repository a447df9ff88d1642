"""The public API is explicit and pinned."""

import importlib
import subprocess
import sys

import reflection_kit as rk

#: Every public name, exactly: a name added to or dropped from ``__all__`` must change this
#: list too (and the changelog, and docs/API.md when it is documented there).
EXPECTED = {
    "daily_mood",
    "habit_strength",
    "mood_by_activity",
    "plot_habit_strength",
    "plot_mood",
    "plot_year_in_pixels",
    "__version__",
    "compare",
    "COPING_STRATEGIES",
    "daily",
    "dashboard",
    "DataQualityWarning",
    "day_status",
    "explain",
    "export",
    "Exports",
    "formats",
    "inspect",
    "Lagged",
    "lagged",
    "LapseCurve",
    "LEXICON_VERSION",
    "load_exports",
    "LoadReport",
    "LoggedVsShown",
    "logged_vs_shown",
    "merge_urges",
    "new_entry",
    "ParseError",
    "PersonNeeded",
    "plot_calendar",
    "plot_coping",
    "plot_rumination",
    "plot_time_to_lapse",
    "plot_tone",
    "plot_urge_clock",
    "plot_urges_weekly",
    "Prompt",
    "prompt_answers",
    "prompt_table",
    "prompts",
    "PromptSet",
    "read_journal",
    "read_urges",
    "redact",
    "ReflectionKitError",
    "sample_dir",
    "SAMPLE_SEED",
    "SchemaError",
    "score_entries",
    "streak_summary",
    "streaks",
    "StreakSummary",
    "time_to_lapse",
    "Trend",
    "trend",
    "URGE_KINDS",
    "urge_stats",
    "UrgeStats",
    "validate_journal",
    "validate_urges",
    "weekly",
    "wilson_interval",
    "write_sample",
}


def test_all_is_pinned():
    assert set(rk.__all__) == EXPECTED
    assert len(rk.__all__) == len(EXPECTED)  # no name listed twice
    for name in rk.__all__:
        assert getattr(rk, name) is not None, name  # the lazy ones load on first use too


def test_error_hierarchy():
    assert issubclass(rk.ParseError, rk.ReflectionKitError)
    assert issubclass(rk.ParseError, ValueError)
    assert issubclass(rk.SchemaError, ValueError)
    assert issubclass(rk.DataQualityWarning, UserWarning)


def test_import_has_no_side_effects(tmp_path):
    code = (
        "import sys, logging, matplotlib as mpl\n"
        "snap = lambda: {k: dict.__getitem__(mpl.rcParams, k) for k in mpl.rcParams}\n"
        "before = snap()\n"
        "handlers = list(logging.getLogger().handlers)\n"
        "import reflection_kit\n"
        "assert 'matplotlib.pyplot' not in sys.modules\n"
        "assert snap() == before\n"
        "assert list(logging.getLogger().handlers) == handlers\n"
        "import os; print(sorted(os.listdir('.')))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "[]"  # nothing written to the working folder


def test_every_module_imports():
    import pkgutil

    for mod in pkgutil.walk_packages(rk.__path__, "reflection_kit."):
        importlib.import_module(mod.name)


def test_formats_table():
    table = rk.formats()
    assert list(table.columns) == ["name", "kind", "description", "patterns", "how_to_export"]
    names = set(zip(table["name"], table["kind"], strict=True))
    for expected in [
        ("dayone", "journal"),
        ("jrnl", "journal"),
        ("jrnl_json", "journal"),
        ("daylio", "journal"),
        ("markdown", "journal"),
        ("table", "journal"),
        ("urgelog", "urges"),
        ("loop", "urges"),
        ("daylio", "urges"),
    ]:
        assert expected in names
    assert table["how_to_export"].str.len().min() > 10
