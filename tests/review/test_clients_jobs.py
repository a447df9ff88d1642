"""Issue 15: many clients use every core (``jobs``), and the index follows the privacy mode.

The parallel batch must give the same files, results and index as one by one; SIGTERM
and Ctrl-C must still leave nothing behind (no worker, kernel, temporary folder or
half-written file).
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from reflection_kit.review import NothingToReviewError, PrivacyPolicy, review_clients
from reflection_kit.review.clients import _status
from reflection_kit.review.render import NotebookError

from .test_review_files import _kill_kernels_of, _short_tmp

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals and processes")

URGES = """\
timestamp,kind,intensity,acted,trigger,coping,note
2025-03-03 21:28,checked his profile,6,yes,alone in the evening,,
2025-03-04 20:10,wanted to text him,5,no,a song came on,breathing,
2025-03-06 22:40,checked his profile,7,no,alone in the evening,movement,
2025-03-09 09:15,reread our chat,4,yes,bored,,
"""


def _clients(root: Path, n: int) -> Path:
    clients = root / "clients"
    for i in range(n):
        folder = clients / f"client-{i:02d}"
        folder.mkdir(parents=True)
        (folder / "urges.csv").write_text(URGES, encoding="utf-8")
    bad = clients / "zz-unreadable"
    bad.mkdir()
    (bad / "alex-diary.bin").write_bytes(b"\x00\x01 Alex said 'come back'")
    return clients


def _same(results) -> list[tuple]:
    fields = "client", "ok", "reason", "exports", "notes"
    return [(r.path and r.path.name, *(getattr(r, f) for f in fields)) for r in results]


def test_two_jobs_give_the_same_reviews_and_index_as_one(tmp_path):
    clients = _clients(tmp_path, 2)  # with the unreadable one: 3 tasks on 2 workers
    one = review_clients(clients, tmp_path / "one", progress=False, jobs=1)
    two = review_clients(clients, tmp_path / "two", progress=False, jobs=2)
    assert _same(one) == _same(two)
    assert [r.ok for r in one] == [True, True, False]
    names = sorted(p.name for p in (tmp_path / "one").iterdir())
    assert names == sorted(p.name for p in (tmp_path / "two").iterdir())
    for name in names:
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()


def test_jobs_must_be_one_or_more(tmp_path):
    clients = _clients(tmp_path, 1)
    for bad in (0, -1, 1.5):
        with pytest.raises(ValueError, match="`jobs` must be a whole number of 1 or more"):
            review_clients(clients, tmp_path / "out", progress=False, jobs=bad)
    assert not (tmp_path / "out").exists()
    from reflection_kit.cli import main

    assert main(["review", "--clients", str(clients), "--jobs", "0"]) == 2


FAILURES = [
    (
        "/home/coach/clients/ana/alex-diary.csv",
        "/home/coach/clients/ana/alex-diary.csv: line 3: the date must look like YYYY-MM-DD, "
        "got 'Alex came by'",
    )
]


@pytest.mark.parametrize("mode", ["redact", "aggregate"])
def test_the_index_names_no_file_and_quotes_no_value_when_private(mode):
    policy = PrivacyPolicy(mode, people=["Alex"])
    exc = NothingToReviewError("nothing", failures=FAILURES)
    reason = _status(exc, policy)
    assert reason.startswith("could not be read: file 1 (csv)")
    assert "line 3" in reason
    assert "alex-diary" not in reason and "/home/coach" not in reason and "Alex" not in reason
    if mode == "aggregate":
        assert "came by" not in reason and "[…]" in reason
    stopped = NotebookError(
        "x", ename="ValueError", evalue="/home/coach/clients/ana/alex-diary.csv: bad 'Alex'"
    )
    reason = _status(stopped, policy, ["/home/coach/clients/ana/alex-diary.csv"])
    assert reason.startswith("not written: ValueError: file 1 (csv): bad")
    assert "alex-diary" not in reason and "Alex" not in reason


def test_in_full_mode_the_index_names_the_file():
    reason = _status(NothingToReviewError("nothing", failures=FAILURES), PrivacyPolicy("full"))
    assert "alex-diary.csv" in reason and "'Alex came by'" in reason


def test_a_private_batch_index_names_no_file(tmp_path):
    clients = tmp_path / "clients"
    (clients / "ana").mkdir(parents=True)
    (clients / "ana" / "alex-diary.bin").write_bytes(b"\x00\x01 not an export")
    (clients / "ana" / "to-alex").symlink_to("/etc", target_is_directory=True)
    results = review_clients(
        clients, tmp_path / "out", progress=False, privacy="redact", people=["Alex"]
    )
    index = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert not results[0].ok
    assert results[0].reason.startswith("could not be read: 'file 1 (bin)' does not look")
    assert results[0].notes == (
        "folder 1: a link to a place outside this client's folder; not followed",
    )
    assert "alex-diary" not in index and "to-alex" not in index


# --------------------------------------------------------------------------- signals

_BATCH = textwrap.dedent(
    """
    import os, signal, sys
    signal.signal(signal.SIGINT, signal.default_int_handler)  # as in a terminal
    from reflection_kit.cli import main
    from reflection_kit.review import clients, render

    # marks only, for the test to see where the workers are (they are forked, so they
    # inherit these): a file per client a worker starts, and per notebook that runs
    marks = sys.argv[3]
    start, execute = clients._render_one, render._execute

    def _render_one(task, *args):
        open(os.path.join(marks, "start-" + task.client), "x").close()
        return start(task, *args)

    async def _execute(client):
        open(os.path.join(marks, f"running-{os.getpid()}"), "x").close()
        return await execute(client)

    clients._render_one, render._execute = _render_one, _execute
    sys.exit(main(["review", "--clients", sys.argv[1], "-o", sys.argv[2], "--jobs", "2"]))
    """
)


def _descendants(pid: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in filter(str.isdigit, os.listdir("/proc")):
        try:
            fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if fields[0] != "Z":
            children.setdefault(int(fields[1]), []).append(int(entry))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


@pytest.mark.slow
@pytest.mark.parametrize("phase", ["starting", "running"])
@pytest.mark.parametrize(("sig", "code"), [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_a_signal_stops_every_worker_and_leaves_nothing(tmp_path, sig, code, phase):
    """Stopped while the kernels start, or while the notebooks run, nothing is left.

    Each worker gets SIGTERM twice when the pool breaks (from the batch, and again
    from the pool once a first worker has ended): the second must not cut the first
    one's clean-up short. A worker stopped mid-notebook must end, not go on to the
    next client.
    """
    tmpdir = _short_tmp()
    clients = _clients(tmp_path, 4)
    out = tmp_path / "reviews"
    marks = tmp_path / "marks"
    marks.mkdir()
    proc = subprocess.Popen(
        [sys.executable, "-c", _BATCH, str(clients), str(out), str(marks)],
        env=dict(os.environ, TMPDIR=str(tmpdir)),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,  # its own process group, as a terminal's job
    )
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and proc.poll() is None:
            if phase == "running":
                ready = len(list(marks.glob("running-*")))
            else:
                ready = len(
                    [p for p in tmpdir.glob("rk-kernel-*") if (p / "kernel.json").exists()]
                )
            if ready >= 2:
                break
            time.sleep(0.05)
        else:
            pytest.fail(f"two workers did not reach the {phase} phase")
        time.sleep(1.0 if phase == "starting" else 0.3)
        workers = _descendants(proc.pid)
        assert len(workers) >= 4  # two workers, each with its kernel
        started = sorted(p.name for p in marks.glob("start-*"))
        if sig == signal.SIGINT:
            os.killpg(proc.pid, sig)  # Ctrl-C reaches the whole job
        else:
            proc.send_signal(sig)  # `kill PID` reaches the batch alone
        assert proc.wait(timeout=90) in (code, -sig)
        stderr = proc.stderr.read().decode("utf-8", "replace")
        assert "Traceback" not in stderr
        # no worker went on to another client once stopped
        assert sorted(p.name for p in marks.glob("start-*")) == started
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and any(_alive(p) for p in workers):
            time.sleep(0.1)
        assert not [p for p in workers if _alive(p)]
        assert list(tmpdir.iterdir()) == []
        assert not (out / "index.html").exists()
        assert not [p for p in out.iterdir() if p.name.startswith(".")]
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        _kill_kernels_of(tmpdir)
        subprocess.run(["rm", "-rf", str(tmpdir)], check=False)


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"
