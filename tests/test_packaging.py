"""Every data file the package needs is declared, so it ships in the wheel."""

import fnmatch
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_package_data_covers_every_data_file():
    conf = tomllib.loads((ROOT / "pyproject.toml").read_text())
    globs = conf["tool"]["setuptools"]["package-data"]["reflection_kit"]
    pkg = ROOT / "reflection_kit"
    data_files = [
        p.relative_to(pkg).as_posix()
        for p in pkg.rglob("*")
        if p.is_file() and p.suffix not in (".py", ".pyc") and "__pycache__" not in p.parts
    ]
    assert "review/progress_review.ipynb" in data_files
    missing = [f for f in data_files if not any(fnmatch.fnmatch(f, g) for g in globs)]
    assert missing == []


def test_the_license_is_declared_and_shipped():
    """MIT, as an SPDX expression (PEP 639), with its text in the distributions."""
    from importlib.metadata import metadata

    conf = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert conf["project"]["license"] == "MIT"
    assert conf["project"]["license-files"] == ["LICENSE"]
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License\n")
    meta = metadata("reflection-kit")  # (as installed: `pip install -e .` again after a change)
    assert meta["License-Expression"] == "MIT"
    assert "LICENSE" in (meta.get_all("License-File") or [])
