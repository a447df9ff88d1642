"""Files the review writes (issue 12) and a review without its figures (issue 11).

* an output is never one of the inputs (the same file, whatever its path);
* "never replaced without --force" holds when two processes race for a new name;
* SIGTERM/SIGINT leave no temporary folder or file; what ``kill -9`` leaves is swept
  at the next start (real kills of a subprocess);
* a review writes nothing in HOME but its own 0700 cache folder, and draws its
  figures with ``MPLBACKEND=Agg`` in the environment;
* a review whose figures are missing, or whose inputs cannot be read, is refused.

Full renders are slow (a kernel each): this module makes four, plus two tiny notebooks.
"""

from __future__ import annotations

import contextlib
import json
import multiprocessing
import os
import signal
import stat
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import nbformat
import pytest

from reflection_kit.privacy import write_private
from reflection_kit.review import _leftovers, render_review
from reflection_kit.review.render import (
    MissingFiguresError,
    NothingToReviewError,
    OutputIsInputError,
    check_figures,
    render_notebook,
)

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals and modes")

# --- an output is never an input -------------------------------------------------------------


def _urges(tmp_path: Path, sample_dir: Path) -> Path:
    path = tmp_path / "in.csv"
    path.write_bytes((sample_dir / "urges.csv").read_bytes())
    return path


@pytest.mark.parametrize("alias", ["same", "relative", "hardlink", "symlink"])
def test_the_output_may_not_be_an_input(tmp_path, sample_dir, monkeypatch, alias):
    source = _urges(tmp_path, sample_dir)
    before = source.read_bytes()
    monkeypatch.chdir(tmp_path)
    out = {
        "same": source,
        "relative": Path("sub/../in.csv"),
        "hardlink": tmp_path / "alias.csv",
        "symlink": tmp_path / "link.html",
    }[alias]
    (tmp_path / "sub").mkdir()
    if alias == "hardlink":
        os.link(source, out)
    elif alias == "symlink":
        out.symlink_to(source)
    with pytest.raises(OutputIsInputError, match=r"is one of the inputs.*nothing was written"):
        render_review(out, urges=[source], force=True)
    assert source.read_bytes() == before


def test_the_output_may_not_be_a_file_inside_an_input_folder(tmp_path):
    notes = tmp_path / "notes"
    notes.mkdir()
    entry = notes / "2025-03-03.md"
    entry.write_text("# 2025-03-03\nA calm day.\n", encoding="utf-8")
    with pytest.raises(OutputIsInputError, match=r"2025-03-03\.md"):
        render_review(entry, journal=[notes], force=True)
    assert entry.read_text(encoding="utf-8") == "# 2025-03-03\nA calm day.\n"


# --- nothing readable: no review -------------------------------------------------------------


def test_a_review_of_nothing_readable_is_refused(tmp_path):
    junk = tmp_path / "junk.bin"
    junk.write_bytes(b"\x00\x01\x02 nothing")
    out = tmp_path / "r.html"
    with pytest.raises(NothingToReviewError) as info:
        render_review(out, journal=[junk], urges=[tmp_path / "missing.csv"])
    text = str(info.value)
    assert "Nothing could be read from the 2 export(s)" in text
    assert "junk.bin" in text and "missing.csv" in text and "Suggestion:" in text
    assert len(info.value.failures) == 2
    assert not out.exists()


# --- two writers, one winner -----------------------------------------------------------------


def _race(path: str, payload: bytes, barrier, results) -> None:
    barrier.wait()
    try:
        write_private(path, payload)
    except FileExistsError as exc:
        results.put(("lost", str(exc)))
    else:
        results.put(("won", payload[:1].decode()))


def test_two_writers_of_a_new_file_one_wins(tmp_path):
    ctx = multiprocessing.get_context("fork")
    size = 8_000_000  # long enough that both writers are busy at the same moment
    for trial in range(10):
        path = str(tmp_path / f"race-{trial}.html")
        barrier = ctx.Barrier(2)
        results = ctx.Queue()
        procs = [
            ctx.Process(target=_race, args=(path, name.encode() * size, barrier, results))
            for name in "ab"
        ]
        for p in procs:
            p.start()
        outcome = [results.get(timeout=60) for _ in procs]
        for p in procs:
            p.join(timeout=60)
        winners = [who for kind, who in outcome if kind == "won"]
        losers = [msg for kind, msg in outcome if kind == "lost"]
        assert len(winners) == 1, (trial, outcome)
        assert "created by another program while this one was writing" in losers[0]
        assert "Suggestion:" in losers[0]
        data = Path(path).read_bytes()
        assert data == winners[0].encode() * size
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
        assert sorted(os.listdir(tmp_path)) == sorted(f"race-{i}.html" for i in range(trial + 1))


def test_without_hard_links_the_name_is_still_taken_exclusively(tmp_path, monkeypatch):
    def no_links(*args, **kwargs):
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    path = tmp_path / "r.html"
    write_private(path, "first")
    with pytest.raises(FileExistsError):
        write_private(path, "second")
    assert path.read_text() == "first"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    write_private(path, "third", force=True)
    assert path.read_text() == "third"
    assert os.listdir(tmp_path) == ["r.html"]


# --- figures -------------------------------------------------------------------------------


def _notebook(path: Path, source: str) -> Path:
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(textwrap.dedent(source))])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    nbformat.write(nb, path)
    return path


def test_a_figure_that_is_not_drawn_stops_the_review(tmp_path):
    # the notebook switches to a backend that draws nothing, as MPLBACKEND=Agg once did
    nb = _notebook(
        tmp_path / "agg.ipynb",
        """
        import matplotlib
        import matplotlib.pyplot as plt
        plt.switch_backend("agg")
        fig, ax = plt.subplots()
        ax.plot([1, 2, 3])
        plt.show()
        """,
    )
    with pytest.raises(MissingFiguresError, match=r"promised 1 figure\(s\) but the page has 0"):
        render_notebook(nb, {}, title="t")


def test_every_promised_figure_is_in_the_page(tmp_path):
    nb = _notebook(
        tmp_path / "two.ipynb",
        """
        import matplotlib.pyplot as plt
        for n in range(2):
            fig, ax = plt.subplots()
            ax.plot([1, n])
            plt.show()
        plt.show()  # nothing open: no promise
        """,
    )
    page = render_notebook(nb, {}, title="t")
    assert page.count('src="data:image/png;base64,') == 2
    assert "reflection-kit.figures" not in page and "_rk_" not in page


def test_check_figures_counts_the_page_not_just_the_notebook():
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("plt.show()")])
    png = {"output_type": "display_data", "data": {"image/png": "iVBOR"}, "metadata": {}}
    nb.cells[0].outputs = [nbformat.from_dict(png)]
    report = {"total": 1, "backend": "inline", "cells": [1]}
    with pytest.raises(MissingFiguresError, match="the page has 0"):
        check_figures(nb, report, "<p>no image</p>")
    with pytest.raises(MissingFiguresError, match="did not report them"):
        check_figures(nb, None, '<img src="data:image/png;base64,iVBOR">')
    assert check_figures(nb, report, '<img alt="" src="data:image/png;base64,iVBOR">') == 1


# --- HOME, MPLBACKEND=Agg, file modes: one review from the command line ----------------------


@pytest.fixture(scope="module")
def review_in_a_fresh_home(tmp_path_factory):
    """``reflection-kit review --sample`` with HOME empty and MPLBACKEND=Agg."""
    root = tmp_path_factory.mktemp("home")
    home = root / "home"
    (home / ".cache" / "reflection-kit").mkdir(parents=True)
    os.chmod(home / ".cache" / "reflection-kit", 0o755)  # as older versions left it
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("XDG_", "JUPYTER", "IPYTHON", "MPL", "REFLECTION_KIT"))
    }
    env.update(HOME=str(home), MPLBACKEND="Agg")
    out = root / "review.html"
    proc = subprocess.run(
        [sys.executable, "-m", "reflection_kit.cli", "review", "--sample", "-o", str(out)],
        capture_output=True,
        text=True,
        env=env,
        cwd=root,
        timeout=300,
    )
    return proc, home, out


def test_a_review_with_mplbackend_agg_has_every_figure(review_in_a_fresh_home):
    proc, _, out = review_in_a_fresh_home
    assert proc.returncode == 0, proc.stderr[-2000:]
    html = out.read_text(encoding="utf-8")
    assert html.count('src="data:image/png;base64,') >= 7


def test_a_review_writes_nothing_in_home_but_its_private_cache(review_in_a_fresh_home):
    proc, home, _ = review_in_a_fresh_home
    assert proc.returncode == 0, proc.stderr[-2000:]
    found = sorted(str(p.relative_to(home)) for p in home.rglob("*"))
    assert [f for f in found if not f.startswith(".cache/reflection-kit") and f != ".cache"] == []
    for folder in [
        home / ".cache" / "reflection-kit",
        *(home / ".cache" / "reflection-kit").rglob("*"),
    ]:
        if folder.is_dir():
            assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
    assert stat.S_IMODE((home / ".cache").stat().st_mode) in (0o700, 0o755)


# --- signals and leftovers (real kills of a subprocess) -------------------------------------

_RENDER = textwrap.dedent(
    """
    import os, signal, sys, time
    signal.signal(signal.SIGINT, signal.default_int_handler)  # as in a terminal
    from reflection_kit.review import render_review
    from reflection_kit.sample import sample_dir
    if sys.argv[2] == "slow-write":
        real = os.fsync
        def slow(fd):
            print("writing", flush=True)
            time.sleep(120)
            real(fd)
        os.fsync = slow
    try:
        render_review(sys.argv[1], urges=[sample_dir() / "urges.csv"])
    except KeyboardInterrupt:
        sys.exit(130)
    """
)


def _short_tmp() -> Path:
    # short enough for Unix socket addresses, so the kernel's folder lands here too
    return Path(tempfile.mkdtemp(prefix="rkt", dir="/tmp" if os.path.isdir("/tmp") else None))


def _start(tmpdir: Path, out: Path, mode: str = "") -> subprocess.Popen:
    env = dict(os.environ, TMPDIR=str(tmpdir))
    return subprocess.Popen(
        [sys.executable, "-c", _RENDER, str(out), mode],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )


def _wait_for_kernel(tmpdir: Path, proc: subprocess.Popen) -> list[Path]:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        kernels = [p for p in tmpdir.glob("rk-kernel-*") if (p / "kernel.json").exists()]
        if kernels:
            time.sleep(1.0)  # let the kernel start running the notebook
            return sorted(tmpdir.iterdir())
        time.sleep(0.1)
    pytest.fail("the review's kernel did not start")


def _kernels_of(folder: Path) -> list[int]:
    """The ids of running processes whose command line names ``folder`` (kernels)."""
    needle = str(folder).encode()
    found = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except (OSError, IndexError):
            continue
        if needle in cmdline and state != "Z":
            found.append(int(pid))
    return found


def _kill_kernels_of(folder: Path) -> None:
    """Stop a kernel orphaned by ``kill -9`` (found by its connection file, by process id)."""
    for pid in _kernels_of(folder):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)


def test_our_signal_handlers_are_back_as_soon_as_the_notebook_ends(tmp_path, monkeypatch):
    # nbclient resets SIGINT/SIGTERM to the defaults when its run ends; until the
    # folders are removed, a SIGTERM must still run our clean-up, not end the process
    from reflection_kit.review import render

    seen: dict[str, object] = {}
    execute = render._execute

    async def spy(client):
        await execute(client)  # the notebook has run and nbclient has let go
        seen["term"] = signal.getsignal(signal.SIGTERM)
        seen["int"] = signal.getsignal(signal.SIGINT)

    monkeypatch.setattr(render, "_execute", spy)
    nb = _notebook(tmp_path / "one.ipynb", "1 + 1")
    with _leftovers.cleanup_on_signals():
        ours = signal.getsignal(signal.SIGTERM)
        assert ours not in (signal.SIG_DFL, signal.SIG_IGN, None)
        render_notebook(nb, {}, title="t")
    assert seen == {"term": ours, "int": ours}


@pytest.mark.parametrize(("sig", "code"), [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_a_signal_leaves_no_temporary_folder(tmp_path, sig, code):
    tmpdir = _short_tmp()
    try:
        out = tmp_path / "r.html"
        proc = _start(tmpdir, out)
        during = _wait_for_kernel(tmpdir, proc)
        assert {p.name[:10] for p in during} >= {"rk-kernel-", "rk-review-"}
        proc.send_signal(sig)
        assert proc.wait(timeout=60) in (code, -sig)  # exit 130/143, or ended by the signal
        assert list(tmpdir.iterdir()) == []
        assert list(tmp_path.iterdir()) == []
    finally:
        _kill_kernels_of(tmpdir)
        subprocess.run(["rm", "-rf", str(tmpdir)], check=False)


def test_sigterm_while_writing_leaves_no_hidden_copy(tmp_path):
    tmpdir = _short_tmp()
    try:
        out = tmp_path / "r.html"
        proc = _start(tmpdir, out, "slow-write")
        assert proc.stdout.readline().strip() == "writing"
        assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=60) == 143
        assert list(tmp_path.iterdir()) == []
        assert list(tmpdir.iterdir()) == []
    finally:
        _kill_kernels_of(tmpdir)
        subprocess.run(["rm", "-rf", str(tmpdir)], check=False)


def test_what_kill_9_leaves_is_swept_at_the_next_start(tmp_path, monkeypatch):
    tmpdir = _short_tmp()
    try:
        # kill -9 while the kernel runs: its folders stay
        proc = _start(tmpdir, tmp_path / "a.html")
        _wait_for_kernel(tmpdir, proc)
        proc.kill()
        proc.wait(timeout=30)
        left = sorted(tmpdir.glob("rk-*"))
        assert {p.name[:10] for p in left} == {"rk-kernel-", "rk-review-"}
        assert any((p / "kernel.json").exists() for p in left)  # with its key
        if sys.platform.startswith("linux"):  # the orphaned kernel stops by itself
            deadline = time.monotonic() + 20
            while _kernels_of(tmpdir) and time.monotonic() < deadline:
                time.sleep(0.2)
            assert _kernels_of(tmpdir) == []
        for p in left:
            _kill_kernels_of(p)
        # kill -9 while the page is written: the hidden temporary copy stays
        proc = _start(tmpdir, tmp_path / "b.html", "slow-write")
        assert proc.stdout.readline().strip() == "writing"
        proc.kill()
        proc.wait(timeout=30)
        hidden = [p for p in tmp_path.iterdir() if p.name.startswith(".b.html.")]
        assert len(hidden) == 1 and hidden[0].stat().st_size > 10_000
        _kill_kernels_of(tmpdir)
        # young leftovers are kept (another review may still be using them) ...
        keep = tmp_path / "notes.md.tmp"  # not one of ours by name
        keep.write_text("mine")
        old = time.time() - 2 * _leftovers.STALE_AFTER
        monkeypatch.setenv("TMPDIR", str(tmpdir))
        monkeypatch.setattr(tempfile, "tempdir", None)
        assert _leftovers.sweep_stale(tmp_path) == []
        # ... old ones are swept at the next start, here by a review that has nothing to read
        for p in [*tmpdir.glob("rk-*"), *hidden, keep]:
            os.utime(p, (old, old))
        live = Path(_leftovers.make_private_dir("rk-review-", str(tmpdir)))  # this process's
        os.utime(live, (old, old))
        with pytest.raises(NothingToReviewError):
            render_review(tmp_path / "c.html", urges=[tmp_path / "missing.csv"])
        assert sorted(p.name for p in tmpdir.iterdir()) == [live.name]
        assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.md.tmp"]
    finally:
        _kill_kernels_of(tmpdir)
        subprocess.run(["rm", "-rf", str(tmpdir)], check=False)


def test_the_sweep_leaves_other_peoples_and_unknown_names_alone(tmp_path, monkeypatch):
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    monkeypatch.setattr(tempfile, "tempdir", None)
    old = time.time() - 2 * _leftovers.STALE_AFTER
    names = ["rk-kernel-short", "rk-kernel-abcdefgh-x", "rk-other-abcdefgh", "rk-kernel-ABCDEFG_"]
    for name in names:
        (tmp_path / name).mkdir()
        os.utime(tmp_path / name, (old, old))
    dead = tmp_path / "rk-review-ABCDEFGH"
    dead.mkdir()
    (dead / "owner.pid").write_text(json.dumps(2**22 + 12345))  # no such process
    os.utime(dead, (old, old))
    removed = _leftovers.sweep_stale()
    assert sorted(p.name for p in removed if p.parent == tmp_path) == [
        "rk-kernel-ABCDEFG_",
        "rk-review-ABCDEFGH",
    ]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(names[:3])


def test_the_cache_folder_is_private_even_when_an_older_version_made_it(tmp_path, monkeypatch):
    from reflection_kit.text.cache import ScoreCache, cache_dir, private_cache_folder

    monkeypatch.delenv("REFLECTION_KIT_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg" / "cache"))
    ours = tmp_path / "xdg" / "cache" / "reflection-kit"
    ours.mkdir(parents=True)
    os.chmod(ours, 0o755)  # as older versions left it
    assert cache_dir() == ours / "scores"
    cache = ScoreCache("ns", ("a",))
    cache.entries = {"k": [1.0]}
    cache.save()
    private_cache_folder("matplotlib")
    for folder in [ours, ours / "scores", ours / "matplotlib"]:
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
    # the user's own folders above ours are left as they are; missing ones we make are private
    assert stat.S_IMODE((tmp_path / "xdg").stat().st_mode) == 0o755 & ~_umask()
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "new" / "cache"))
    private_cache_folder("matplotlib")
    assert stat.S_IMODE((tmp_path / "new" / "cache").stat().st_mode) == 0o700
    assert stat.S_IMODE((tmp_path / "new").stat().st_mode) == 0o700


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_a_failing_preparation_stops_the_kernel_and_leaves_nothing(tmp_path, monkeypatch):
    # the kernel starts first and `prepare` runs while it boots: an error there must still
    # stop the kernel and remove both private folders
    nb = _notebook(tmp_path / "n.ipynb", "x = 1")
    tmpdir = _short_tmp()
    monkeypatch.setattr(tempfile, "tempdir", str(tmpdir))
    seen = []

    def prepare(cwd: str) -> dict:
        seen.append(sorted(p.name[:10] for p in tmpdir.iterdir()))
        raise RuntimeError("the exports could not be read")

    try:
        with pytest.raises(RuntimeError, match="could not be read"):
            render_notebook(nb, {}, title="t", prepare=prepare)
        assert seen == [["rk-kernel-", "rk-review-"]]
        assert list(tmpdir.iterdir()) == []
        assert _kernels_of(tmpdir) == []
    finally:
        _kill_kernels_of(tmpdir)
        subprocess.run(["rm", "-rf", str(tmpdir)], check=False)


def test_the_kernels_temporary_files_live_in_its_private_folder(tmp_path, monkeypatch):
    # Python's tempfile probes its folder with a file it removes at once; a kernel stopped
    # in between left that file in the shared folder (a review of nothing readable stops
    # its kernel just as it starts). Everything the kernel makes there goes with the kernel.
    tmpdir = _short_tmp()
    monkeypatch.setattr(tempfile, "tempdir", str(tmpdir))
    nb = _notebook(
        tmp_path / "n.ipynb",
        """
        import os, tempfile
        print("TEMP", tempfile.gettempdir(), oct(os.stat(tempfile.gettempdir()).st_mode & 0o777))
        """,
    )
    try:
        page = render_notebook(nb, {}, title="t")
        line = next(x for x in page.splitlines() if "TEMP " in x)
        folder, mode = line.split("TEMP ", 1)[1].split()[:2]
        assert Path(folder).parent.parent == tmpdir
        assert Path(folder).parent.name.startswith("rk-kernel-") and Path(folder).name == "tmp"
        assert mode == "0o700"
        assert list(tmpdir.iterdir()) == []  # gone with the kernel
    finally:
        _kill_kernels_of(tmpdir)
        subprocess.run(["rm", "-rf", str(tmpdir)], check=False)


def test_the_warm_up_runs_before_the_notebook_and_leaves_no_name(tmp_path):
    nb = _notebook(
        tmp_path / "n.ipynb",
        """
        import sys
        print(sorted(k for k in globals() if k.startswith("_rk_w")), "wave" in sys.modules)
        """,
    )
    page = render_notebook(
        nb, {}, title="t", warm_up="def _rk_w():\n    import wave\n_rk_w()\ndel _rk_w\n"
    )
    assert "[] True" in page
