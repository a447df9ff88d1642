"""Shared fixtures: the Agg backend, closed figures, a fixed-seed rng, the sample folder."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import matplotlib
import numpy as np
import pytest

matplotlib.use("Agg")

# tests/data holds fixtures and the scripts that built them (one needs lifelines, which needs
# pandas<3): never collect them, whatever the command line says
collect_ignore_glob = ["data/*"]

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "sample"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(autouse=True)
def close_figs():
    yield
    import matplotlib.pyplot as plt

    plt.close("all")


@pytest.fixture
def rng() -> np.random.Generator:
    return np.random.default_rng(20251127)


@pytest.fixture(autouse=True)
def _private_cache(tmp_path_factory, monkeypatch):
    """Keep the score cache out of the real user folder during tests."""
    monkeypatch.setenv("REFLECTION_KIT_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "cache"))


def _digests(folder: Path) -> dict[Path, str]:
    return {
        p: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.rglob("*") if p.is_file()
    }


@pytest.fixture(scope="module", autouse=True)
def _reader_data_unchanged(request):
    """A test module that names its fixture folder in ``READER_DATA`` may read every file
    there but change none: each file's hash is the same after the module's tests."""
    folder = getattr(request.module, "READER_DATA", None)
    if folder is None:
        yield
        return
    before = _digests(folder)
    yield
    assert _digests(folder) == before, f"a read changed a file under {folder}"


@pytest.fixture
def sample_dir() -> Path:
    return SAMPLE


@pytest.fixture
def in_root(monkeypatch):
    """Run a test from the project root (doctest-style relative paths)."""
    monkeypatch.chdir(ROOT)
    return ROOT


def pytest_report_header(config):
    return f"reflection-kit tests; CI={os.environ.get('CI', '')}"


@pytest.fixture(scope="session")
def daylio():
    """The sample person's Daylio export, read once (moods and activities)."""
    import warnings

    import reflection_kit as rk

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return rk.read_journal(SAMPLE / "daylio.csv")
