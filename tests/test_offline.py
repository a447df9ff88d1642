"""Offline, guaranteed (issue 7): nothing in reflection-kit reaches for the network.

A fresh interpreter (so that import-time side effects count too) imports every
module of the package, reads every sample export, builds the daily panel, the
streak summary and the urge statistics, scores the entries, exports a table and
renders the coach's review (``reflection-kit review --sample``), which starts a
Jupyter kernel in a second Python process.

Every Python process involved runs with a guard: a ``sitecustomize.py`` in a
temporary folder put first on ``PYTHONPATH`` (the kernel inherits the
environment). It replaces every Python way out of the machine with a recorder
that refuses the attempt: ``socket.socket.connect``/``connect_ex``/``sendto``,
``socket.create_connection``, ``socket.getaddrinfo`` and
``socket.gethostbyname``, and ``socket.socket.bind`` for internet addresses
(IPv4 and IPv6, loopback included: urllib3's import-time IPv6 check binds
``[::1]``, which is why the review runs its notebook with nbclient and never
imports papermill). At exit every process records whether ``urllib3``,
``requests`` or ``papermill`` was imported. ZeroMQ (how Jupyter kernels talk)
works below Python's ``socket`` module, so the guard also records every address
a ZeroMQ socket binds or connects to. Records are JSON lines in the file named
by ``RK_NET_GUARD_LOG``.

Nothing may have tried to connect; every ZeroMQ address is a Unix domain socket
(``ipc://``) or in-process (``inproc://``), never TCP, not even loopback; the
kernel process really loaded the guard. The whole suite also runs with
pytest-socket (``--disable-socket --allow-unix-socket``); this test holds on its
own, with or without it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LOG_VAR = "RK_NET_GUARD_LOG"

_SITECUSTOMIZE = r'''
"""Network guard for tests/test_offline.py: record and refuse, in every process."""
import json
import os
import socket
import sys

_LOG = os.environ.get("RK_NET_GUARD_LOG")


def _record(kind, **fields):
    line = json.dumps({"pid": os.getpid(), "kind": kind, **fields})
    with open(_LOG, "a", encoding="utf-8") as f:
        f.write(line + "\n")


def _refuse(name):
    def refuse(*args, **kwargs):
        _record("socket", call=name, args=repr(args)[:200])
        raise OSError(f"network use refused by test_offline: {name}")

    return refuse


def _bind(method):
    def bind(self, addr, *args, **kwargs):
        if self.family in (socket.AF_INET, socket.AF_INET6):
            _record("socket", call="socket.bind", args=repr(addr)[:200])
            raise OSError("network use refused by test_offline: socket.bind")
        return method(self, addr, *args, **kwargs)

    return bind


def _modules():
    names = ("urllib3", "requests", "papermill")
    _record("modules", imported=[n for n in names if n in sys.modules], argv=sys.orig_argv[1:4])


def _watch(method, call):
    def watched(self, addr, *args, **kwargs):
        text = addr.decode("utf-8", "replace") if isinstance(addr, bytes) else str(addr)
        _record("zmq", call=call, addr=text)
        return method(self, addr, *args, **kwargs)

    return watched


if _LOG:
    socket.socket.connect = _refuse("socket.connect")
    socket.socket.connect_ex = _refuse("socket.connect_ex")
    socket.socket.sendto = _refuse("socket.sendto")
    socket.create_connection = _refuse("socket.create_connection")
    socket.getaddrinfo = _refuse("socket.getaddrinfo")
    socket.gethostbyname = _refuse("socket.gethostbyname")
    socket.socket.bind = _bind(socket.socket.bind)
    import atexit

    atexit.register(_modules)
    try:
        import zmq
    except ImportError:
        pass
    else:
        zmq.Socket.bind = _watch(zmq.Socket.bind, "zmq.bind")
        zmq.Socket.connect = _watch(zmq.Socket.connect, "zmq.connect")
    _record("loaded", argv=sys.orig_argv[1:4])
'''

_PROGRAM = r"""
import importlib, json, pkgutil, sys, tempfile, warnings
from pathlib import Path

import reflection_kit as rk

imported, skipped = [], {}
for mod in pkgutil.walk_packages(rk.__path__, "reflection_kit."):
    try:
        importlib.import_module(mod.name)
        imported.append(mod.name)
    except ImportError as exc:  # an optional dependency that is not installed
        skipped[mod.name] = str(exc)

sample = sys.argv[1]
warnings.simplefilter("ignore")
journals, urges = [], []
for name, fmt in [("dayone.zip", "dayone"), ("journal.txt", "jrnl"), ("jrnl.json", "jrnl_json"),
                  ("daylio.csv", "daylio"), ("notes", "markdown"), ("journal.csv", "table")]:
    journals.append(rk.read_journal(f"{sample}/{name}", format=fmt))
for name, fmt in [("urges.csv", "urgelog"), ("daylio.csv", "daylio"), ("loop.zip", "loop")]:
    urges.append(rk.read_urges(f"{sample}/{name}", format=fmt))
journal, urge_log = journals[0], urges[0]
steps = {"read": sum(len(j) for j in journals) + sum(len(u) for u in urges)}
steps["daily"] = len(rk.daily(journal, urge_log))
steps["streak_summary"] = str(type(rk.streak_summary(urge_log)).__name__)
steps["urge_stats"] = str(type(rk.urge_stats(urge_log)).__name__)
if hasattr(rk, "score_entries"):
    steps["score_entries"] = len(rk.score_entries(journal, cache=False))
from reflection_kit.export import export
with tempfile.TemporaryDirectory() as tmp:
    steps["export"] = export(urge_log, f"{tmp}/urges.csv").stat().st_size
from reflection_kit.cli import main
review = Path(sys.argv[2])
steps["review_exit"] = main(["review", "--sample", "-o", str(review)])
steps["review_bytes"] = review.stat().st_size
print(json.dumps({"imported": imported, "skipped": skipped, "steps": steps}))
"""


def _guarded_run(
    tmp_path: Path, args: list[str], timeout: float
) -> tuple[subprocess.CompletedProcess[str], list[dict]]:
    """Run ``python args`` with the guard in every Python process; return the records."""
    guard = tmp_path / "guard"
    guard.mkdir()
    (guard / "sitecustomize.py").write_text(_SITECUSTOMIZE, encoding="utf-8")
    log = tmp_path / "net.jsonl"
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in [str(guard), env.get("PYTHONPATH")] if p)
    env[LOG_VAR] = str(log)
    out = subprocess.run(
        [sys.executable, *args],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=timeout,
    )
    assert out.returncode == 0, out.stderr[-3000:]
    lines = log.read_text(encoding="utf-8").splitlines() if log.exists() else []
    return out, [json.loads(line) for line in lines]


@pytest.mark.slow
def test_nothing_tries_to_connect(tmp_path):
    import reflection_kit as rk

    sample = tmp_path / "sample"
    rk.write_sample(sample)
    review = tmp_path / "review.html"
    out, records = _guarded_run(tmp_path, ["-c", _PROGRAM, str(sample), str(review)], timeout=600)
    result = json.loads(out.stdout.strip().splitlines()[-1])

    # nothing tried to leave through Python's socket module, in any process (no internet
    # socket was even bound, not on loopback)
    assert [r for r in records if r["kind"] == "socket"] == []
    # neither this program nor the kernel imported urllib3 (papermill would have)
    modules = [r for r in records if r["kind"] == "modules"]
    assert any(r["argv"][:1] == ["-c"] for r in modules), modules
    assert all(r["imported"] == [] for r in modules), modules
    # the guard ran in this program and in the review's kernel (a second process)
    loaded = {r["pid"]: r["argv"] for r in records if r["kind"] == "loaded"}
    assert len(loaded) >= 2, loaded
    assert any("_kernel_launcher" in " ".join(argv) for argv in loaded.values()), loaded
    # the kernel was reached over Unix domain sockets only: no TCP, not even loopback
    addresses = [r["addr"] for r in records if r["kind"] == "zmq"]
    assert any(a.startswith("ipc://") for a in addresses), addresses
    assert all(a.startswith(("ipc://", "inproc://")) for a in addresses), addresses
    main_pid = next(pid for pid, argv in loaded.items() if argv[:1] == ["-c"])
    binds = [r for r in records if r["kind"] == "zmq" and r["call"] == "zmq.bind"]
    assert binds and all(r["pid"] != main_pid for r in binds)
    # the kernel bound its five channels and the subprocess-output pipe there
    ipc_binds = [Path(r["addr"].removeprefix("ipc://")).name for r in binds if "ipc:" in r["addr"]]
    assert len(ipc_binds) == 6 and sum(n.endswith("-pipe") for n in ipc_binds) == 1, ipc_binds
    # every module was imported (or only lacks an optional dependency, named here)
    assert len(result["imported"]) > 40
    assert "reflection_kit.reading" in result["imported"]
    assert "reflection_kit.review._kernel" in result["imported"]
    assert all("No module named" in why for why in result["skipped"].values())
    steps = result["steps"]
    assert steps["read"] > 1000 and steps["daily"] > 100
    assert steps["streak_summary"] == "StreakSummary" and steps["urge_stats"] == "UrgeStats"
    assert steps["export"] > 0
    # the review was written
    assert steps["review_exit"] == 0
    assert steps["review_bytes"] > 10_000
    assert review.read_text(encoding="utf-8").lstrip().lower().startswith("<!doctype html")
    # the kernel's private socket folder is gone, and nothing was left in the working folder
    ipc_dirs = {Path(a.removeprefix("ipc://")).parent for a in addresses if "ipc://" in a}
    assert ipc_dirs and not any(d.exists() for d in ipc_dirs)
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "guard",
        "net.jsonl",
        "review.html",
        "sample",
    ]


def test_the_guards_would_have_seen_a_connection(tmp_path):
    """The guard itself works: connections are refused and recorded, zmq TCP is seen."""
    program = (
        "import socket, zmq\n"
        "try:\n    socket.create_connection(('192.0.2.1', 80), timeout=1)\n"
        "except OSError:\n    pass\n"
        "try:\n    socket.socket().connect(('192.0.2.1', 80))\n"
        "except OSError:\n    pass\n"
        "with zmq.Context() as ctx, ctx.socket(zmq.PUSH) as s:\n"
        "    s.setsockopt(zmq.LINGER, 0)\n"
        # an invalid port: zmq refuses it at once, so nothing leaves, yet the guard saw it
        "    try:\n        s.connect('tcp://192.0.2.1:no-port')\n"
        "    except zmq.ZMQError:\n        pass\n"
    )
    _, records = _guarded_run(tmp_path, ["-c", program], timeout=60)
    assert [r["kind"] for r in records] == ["loaded", "socket", "socket", "zmq", "modules"]
    assert [r["call"] for r in records[1:-1]] == [
        "socket.create_connection",
        "socket.connect",
        "zmq.connect",
    ]
    assert records[-2]["addr"] == "tcp://192.0.2.1:no-port"


def test_the_guard_sees_urllib3s_import_time_socket(tmp_path):
    """What importing papermill would do: urllib3 binds an IPv6 socket on import."""
    pytest.importorskip("urllib3")
    _, records = _guarded_run(tmp_path, ["-c", "import urllib3"], timeout=60)
    binds = [r for r in records if r["kind"] == "socket" and r["call"] == "socket.bind"]
    assert binds and "::1" in binds[0]["args"], records
    assert records[-1]["kind"] == "modules" and "urllib3" in records[-1]["imported"]
