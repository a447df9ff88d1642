"""Hostile and careless input at the command line (issue 12), run as a person would.

Each case runs the real ``reflection-kit`` process (``python -m reflection_kit.cli``)
with a timeout, so an input that used to hang (a FIFO), grow without bound
(``/dev/zero``), crash on a name (bytes that are not UTF-8) or leak escape
sequences to the terminal fails here instead of hanging the suite. The fixtures
are built in ``tmp_path``: FIFOs, devices and undecodable names cannot be
committed to git. Permission cases drop root's rights in a forked child
(:mod:`_privileges`), because root reads a mode-000 file anyway.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from _privileges import as_nobody, shared_tmp

from reflection_kit.cli import main

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "sample"
ESC = "\x1b"
#: what a hostile field may carry: clear screen, set the window title, a C1 CSI, a bidi override
HOSTILE_FIELD = "\x1b[2J\x1b]0;owned\x07 \x9b31m \u202eevil"


def run(*args: str | bytes, timeout: float = 120, **kw) -> subprocess.CompletedProcess:
    """The command as a subprocess, with a timeout: a hang fails the test, never the suite.

    Output goes to files, not pipes, and the command runs in its own process group
    that is killed on timeout, so a blocked child (or a kernel it started) cannot
    keep the test waiting for the end of a pipe.
    """
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(
            [sys.executable, "-m", "reflection_kit.cli", *args],
            stdout=out,
            stderr=err,
            env=env,
            start_new_session=True,
            **kw,
        )
        try:
            code = proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            pytest.fail(f"reflection-kit {args[0]!r} did not finish within {timeout} s")
        out.seek(0)
        err.seek(0)
        return subprocess.CompletedProcess(proc.args, code, out.read(), err.read())


def _text(out: bytes) -> str:
    return out.decode("utf-8", "backslashreplace")


def _no_traceback(proc) -> None:
    assert b"Traceback" not in proc.stderr, _text(proc.stderr)


# --- files that are not files ---------------------------------------------------------------


def test_check_refuses_a_fifo_instead_of_hanging(tmp_path):
    fifo = tmp_path / "journal.txt"
    os.mkfifo(fifo)
    proc = run("check", str(fifo), timeout=60)
    assert proc.returncode == 1
    assert "journal.txt: this is a named pipe (FIFO), not a file" in _text(proc.stderr)
    _no_traceback(proc)


def test_review_refuses_a_fifo_instead_of_hanging(tmp_path):
    fifo = tmp_path / "urges.csv"
    os.mkfifo(fifo)
    out = tmp_path / "review.html"
    proc = run("review", "--urges", str(fifo), "-o", str(out), timeout=60)
    assert proc.returncode == 1
    err = _text(proc.stderr)
    assert f"--urges {fifo}: this is a named pipe (FIFO)" in err and "nothing was written" in err
    assert not out.exists()
    _no_traceback(proc)


def test_a_fifo_in_a_notes_folder_is_reported_not_waited_for(tmp_path):
    notes = tmp_path / "notes"
    shutil.copytree(SAMPLE / "notes", notes)
    os.mkfifo(notes / "2025-07-01.md")
    proc = run("check", str(notes), "--json", timeout=60)
    report = json.loads(proc.stdout)
    assert proc.returncode == 1  # one record not loaded, with its reason
    (problem,) = report["problems"]
    assert problem["location"] == "notes/2025-07-01.md"
    assert "named pipe" in problem["reason"]
    assert report["records"] == report["loaded"] + 1


def test_a_fifo_in_a_clients_folder_does_not_block_the_batch(tmp_path):
    clients = tmp_path / "clients"
    (clients / "ana").mkdir(parents=True)
    os.mkfifo(clients / "ana" / "journal.txt")
    proc = run("review", "--clients", str(clients), "-o", str(tmp_path / "out"), timeout=120)
    _no_traceback(proc)
    assert proc.returncode == 1  # the one client could not be reviewed from a pipe
    assert (tmp_path / "out" / "index.html").exists()


def _limit_memory() -> None:  # pragma: no cover - runs in the child
    resource.setrlimit(resource.RLIMIT_AS, (3 * 1024**3, 3 * 1024**3))


def test_check_dev_zero_is_refused_at_once():
    # it used to read /dev/zero until memory ran out (5.7 GB in 8 s)
    t0 = time.monotonic()
    proc = run("check", "/dev/zero", timeout=60, preexec_fn=_limit_memory)
    assert proc.returncode == 1
    assert "/dev/zero: this is a device, not a file" in _text(proc.stderr)
    assert time.monotonic() - t0 < 30
    _no_traceback(proc)


# --- what reaches the terminal --------------------------------------------------------------


def _hostile_log(folder: Path, name: str = "urges.csv") -> Path:
    f = folder / name
    f.write_text(
        "timestamp,kind,intensity,acted,trigger,coping,note\n"
        f"2025-03-03 21:00,checked his IG,14,yes,{HOSTILE_FIELD},,\n"
        "2025-03-03 22:00,texted him,3,no,,breathing,\n",
        encoding="utf-8",
    )
    return f


def _assert_escaped(text: str) -> None:
    for raw in ("\x1b", "\x07", "\x9b", "\u202e"):
        assert raw not in text, repr(raw)


def test_check_escapes_a_files_terminal_sequences(tmp_path):
    proc = run("check", str(_hostile_log(tmp_path)))
    assert proc.returncode == 1
    out = proc.stdout.decode("utf-8")
    _assert_escaped(out)
    assert "\\x1b[2J\\x1b]0;owned\\x07 \\x9b31m \\u202eevil" in out


def test_check_json_stays_valid_and_escaped(tmp_path):
    proc = run("check", str(_hostile_log(tmp_path)), "--json")
    text = proc.stdout.decode("utf-8")
    _assert_escaped(text)
    (problem,) = json.loads(text)["problems"]
    assert HOSTILE_FIELD in problem["raw"]  # the data itself is intact, only escaped in print


def test_a_file_name_with_escape_sequences_is_shown_escaped(tmp_path):
    evil = _hostile_log(tmp_path, "a\x1b]0;owned\x07.csv")
    proc = run("check", str(evil))
    for stream in (proc.stdout, proc.stderr):
        _assert_escaped(stream.decode("utf-8"))
    assert "a\\x1b]0;owned\\x07.csv" in _text(proc.stdout)
    proc = run("check", str(tmp_path / "b\x1b[2J.csv"))  # a missing one, in an error message
    assert proc.returncode == 2
    assert "\x1b" not in _text(proc.stderr) and "b\\x1b[2J.csv" in _text(proc.stderr)


# --- names that are not valid UTF-8 ---------------------------------------------------------


def _undecodable(tmp_path: Path, name: bytes, source: Path) -> bytes:
    raw = os.path.join(os.fsencode(tmp_path), name)
    with open(raw, "wb") as fh:
        fh.write(source.read_bytes())
    return raw


@pytest.mark.parametrize(
    ("name", "source"),
    [
        (b"urges-\xff.csv", "urges.csv"),
        (b"j\xfe.txt", "journal.txt"),
        (b"d\xe9.csv", "daylio.csv"),
    ],
)
def test_check_reads_a_file_whose_name_is_not_utf8(tmp_path, name, source):
    raw = _undecodable(tmp_path, name, SAMPLE / source)
    proc = run("check", raw)
    assert proc.returncode == 0, _text(proc.stderr)
    shown = name.decode("ascii", "backslashreplace")
    assert shown in proc.stdout.decode("utf-8")
    assert "0 not loaded" in proc.stdout.decode("utf-8")


def test_review_reads_a_file_whose_name_is_not_utf8(tmp_path):
    raw = _undecodable(tmp_path, b"urges-\xff.csv", SAMPLE / "urges.csv")
    out = tmp_path / "review.html"
    proc = run("review", "--urges", raw, "-o", str(out), timeout=300)
    assert proc.returncode == 0, _text(proc.stderr)
    page = out.read_text(encoding="utf-8")
    assert "urges-\\xff.csv" in page


# --- permissions (the real thing: rights dropped in a forked child) --------------------------


@pytest.fixture
def shared():
    d = shared_tmp()
    yield Path(d)
    shutil.rmtree(d, ignore_errors=True)


def test_an_unreadable_export_says_permission_denied(shared):
    f = shared / "urges.csv"
    shutil.copyfile(SAMPLE / "urges.csv", f)
    f.chmod(0)
    code, out = as_nobody(lambda: main(["check", str(f)]))
    if os.geteuid() == 0:
        assert code == 1, out
        assert f"{f}: cannot be read: permission denied. Suggestion:" in out
        assert "not a journal export" not in out
    shared.chmod(0o777)  # the review may be written here; the export may not be read
    out_file = str(shared / "r.html")
    code, out = as_nobody(lambda: main(["review", "--urges", str(f), "-o", out_file]))
    if os.geteuid() == 0:
        assert code == 1, out
        assert f"--urges {f}: cannot be read: permission denied" in out
        assert "Traceback" not in out and not (shared / "r.html").exists()


@pytest.mark.parametrize(
    "argv",
    [
        ["template", "{d}/urge-log.csv"],
        ["sample", "{d}/sample"],
        ["new-entry", "{d}/notes"],
        ["review", "--sample", "-o", "{d}/review.html"],
    ],
)
def test_an_output_folder_one_may_not_write_in(shared, argv):
    if os.geteuid() != 0:
        shared.chmod(0o555)
    argv = [a.format(d=shared) for a in argv]
    code, out = as_nobody(lambda: main(argv))
    assert code == 2, out
    assert f"cannot write in the folder {shared} (permission denied)" in out
    assert "Traceback" not in out
    assert list(shared.iterdir()) == []


# --- Ctrl-C ----------------------------------------------------------------------------------


def _children(pid: int) -> list[str]:
    try:
        return Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return []


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs Linux /proc")
def test_ctrl_c_during_a_review_stops_cleanly_with_130(tmp_path):
    out = tmp_path / "review.html"
    proc = subprocess.Popen(
        [sys.executable, "-m", "reflection_kit.cli", "review", "--sample", "-o", str(out)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,  # its own process group, as a terminal's Ctrl-C reaches it
    )
    try:
        deadline = time.monotonic() + 120
        while not _children(proc.pid) and time.monotonic() < deadline:  # the kernel is up
            time.sleep(0.1)
        assert _children(proc.pid), "the review never started its kernel"
        time.sleep(1)
        os.killpg(proc.pid, signal.SIGINT)
        _, stderr = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    err = _text(stderr)
    assert proc.returncode == 130, err
    assert err.strip() == "reflection-kit: stopped (Ctrl-C).", err
    assert not out.exists()
