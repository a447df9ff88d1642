"""The public API is explicit and pinned."""

import importlib
import subprocess
import sys

import reflection_kit as rk

EXPECTED = {
    "COPING_STRATEGIES",
    "URGE_KINDS",
    "DataQualityWarning",
    "LoadReport",
    "ParseError",
    "ReflectionKitError",
    "SchemaError",
    "__version__",
    "formats",
    "inspect",
    "read_journal",
    "read_urges",
    "validate_journal",
    "validate_urges",
}


def test_all_is_pinned():
    assert set(rk.__all__) >= EXPECTED
    for name in rk.__all__:
        assert hasattr(rk, name), name


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
