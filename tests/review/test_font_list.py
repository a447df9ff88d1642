"""matplotlib's font list, built ahead for the review's kernel by a helper process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from reflection_kit.review import _font_list, _leftovers, render
from reflection_kit.review._font_list import FontListAhead, has_font_list

_LOAD = (
    "import json, matplotlib.font_manager as fm; "
    "print(json.dumps(sorted(f.fname for f in fm.fontManager.ttflist)))"
)


def _env(folder: Path) -> dict[str, str]:
    return dict(os.environ, MPLCONFIGDIR=str(folder))


def test_has_font_list_looks_for_any_version(tmp_path):
    assert not has_font_list(tmp_path)
    (tmp_path / "fontlist-v330.json").write_text("{}", encoding="utf-8")
    assert has_font_list(tmp_path)


def test_the_helper_writes_the_list_matplotlib_itself_reads(tmp_path):
    ahead, own = tmp_path / "ahead", tmp_path / "own"
    ahead.mkdir()
    own.mkdir()
    helper = FontListAhead(_env(ahead))
    assert helper.start() is True
    assert helper.wait() is True
    (written,) = ahead.glob("fontlist-v*.json")
    stamp = written.stat().st_mtime_ns
    # matplotlib with that folder reads the list (does not build it again) ...
    seen = subprocess.run(
        [sys.executable, "-c", _LOAD], env=_env(ahead), capture_output=True, text=True, check=True
    )
    assert written.stat().st_mtime_ns == stamp
    # ... and finds the same fonts as a matplotlib that built its own list
    built = subprocess.run(
        [sys.executable, "-c", _LOAD], env=_env(own), capture_output=True, text=True, check=True
    )
    assert json.loads(seen.stdout) == json.loads(built.stdout) != []
    (theirs,) = own.glob("fontlist-v*.json")
    assert theirs.name == written.name


def test_nothing_is_started_when_the_list_is_there_or_no_folder_is_set(tmp_path):
    (tmp_path / "fontlist-v3.11.0.json").write_text("{}", encoding="utf-8")
    assert FontListAhead(_env(tmp_path)).start() is False
    env = {k: v for k, v in os.environ.items() if k != "MPLCONFIGDIR"}
    helper = FontListAhead(env)
    assert helper.start() is False
    assert helper.wait() is False  # nothing to wait for


def test_a_helper_that_cannot_start_leaves_the_list_to_the_kernel(tmp_path, monkeypatch):
    def refuse(*args, **kwargs):
        raise OSError("no more processes")

    monkeypatch.setattr(_font_list.subprocess, "Popen", refuse)
    helper = FontListAhead(_env(tmp_path))
    assert helper.start() is False
    assert not has_font_list(tmp_path)


@pytest.fixture
def slow_helper(monkeypatch):
    """The helper runs something that takes long: it is still running when stopped."""
    monkeypatch.setattr(_font_list, "_BUILD", "import time; time.sleep(60)")


def test_stop_ends_a_running_helper_and_forgets_it(tmp_path, slow_helper):
    helper = FontListAhead(_env(tmp_path))
    assert helper.start() is True
    process = helper._process
    assert process is not None and process.poll() is None
    assert helper._key in _leftovers._cleanups
    helper.stop()
    helper.stop()  # idempotent
    assert process.poll() is not None
    assert helper._key is None and helper._process is None


def test_a_helper_past_its_time_is_stopped(tmp_path, slow_helper):
    helper = FontListAhead(_env(tmp_path))
    helper.start()
    process = helper._process
    assert helper.wait(timeout=0.2) is False
    assert process.poll() is not None
    assert not has_font_list(tmp_path)


def test_a_signal_stops_the_helper_and_removes_a_private_folder_it_wrote_in(tmp_path, slow_helper):
    private = tmp_path / "rk-kernel-x"
    folder = private / "matplotlib"
    folder.mkdir(parents=True)
    helper = FontListAhead(_env(folder), str(private))
    helper.start()
    process = helper._process
    _leftovers._cleanups[helper._key]()  # what a signal's clean-up runs
    assert process.poll() is not None
    assert not private.exists()


def test_a_signal_keeps_the_lasting_cache_folder(tmp_path, slow_helper):
    private, cache = tmp_path / "rk-kernel-x", tmp_path / "cache" / "matplotlib"
    private.mkdir()
    cache.mkdir(parents=True)
    helper = FontListAhead(_env(cache), str(private))
    helper.start()
    _leftovers._cleanups[helper._key]()
    assert cache.is_dir() and private.is_dir()  # the kernel's own clean-up removes private
    helper.stop()


def test_the_warm_up_moves_what_the_imports_made_out_of_the_collectors_way():
    code = render.review_warm_up()
    assert code.rstrip().endswith("del _rk_warm_up")
    assert "    gc.freeze()" in code.splitlines()
    out = subprocess.run(
        [sys.executable, "-c", code + "import gc, sys; print(gc.get_freeze_count() > 0)"],
        env=dict(os.environ, MPLBACKEND="Agg"),
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.strip() == "True"
    assert "_rk_warm_up" not in code.split("del _rk_warm_up")[1]


def _empty_notebook(path: Path) -> Path:
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    nb.metadata["kernelspec"]["language"] = "python"
    cell = nbformat.v4.new_code_cell("")
    cell.metadata["tags"] = ["parameters"]
    nb.cells = [cell]
    nbformat.write(nb, path)
    return path


def test_a_notebook_run_gets_its_font_list_ahead_once(tmp_path, monkeypatch):
    started: list[str | None] = []
    real_start = FontListAhead.start

    def recording(self):
        did = real_start(self)
        started.append(self._env.get("MPLCONFIGDIR") if did else None)
        return did

    monkeypatch.setattr(FontListAhead, "start", recording)
    monkeypatch.setenv("REFLECTION_KIT_CACHE_DIR", str(tmp_path / "cache"))
    nb = _empty_notebook(tmp_path / "empty.ipynb")
    folder = tmp_path / "cache" / "matplotlib"

    render.render_notebook(nb, {}, title="first", warm_up="x = 1\n")
    assert started == [str(folder)]  # the kernel's own MPLCONFIGDIR
    assert has_font_list(folder)
    render.render_notebook(nb, {}, title="again")
    assert started == [str(folder), None]  # the list is there: nothing started
