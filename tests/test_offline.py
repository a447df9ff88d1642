"""Offline, guaranteed (issue 7): nothing in reflection-kit reaches for the network.

A fresh interpreter (so that import-time side effects count too) replaces every
way out of the machine with a guard that records the attempt and refuses it:
``socket.socket.connect``/``connect_ex``/``sendto``, ``socket.create_connection``,
``socket.getaddrinfo`` and ``socket.gethostbyname``. It then imports every module
of the package, reads every sample export, builds the daily panel, the streak
summary and the urge statistics, scores the entries and exports a table, and
prints what tried to connect: nothing may have.

The whole suite also runs with pytest-socket (``--disable-socket
--allow-unix-socket``); this test holds on its own, with or without it.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

_PROGRAM = r"""
import json, socket, sys, tempfile, warnings

attempts = []

def guard(name):
    def refuse(*args, **kwargs):
        attempts.append({"call": name, "args": repr(args)[:200]})
        raise OSError(f"network use refused by test_offline: {name}")
    return refuse

socket.socket.connect = guard("socket.connect")
socket.socket.connect_ex = guard("socket.connect_ex")
socket.socket.sendto = guard("socket.sendto")
socket.create_connection = guard("socket.create_connection")
socket.getaddrinfo = guard("socket.getaddrinfo")
socket.gethostbyname = guard("socket.gethostbyname")

import importlib, pkgutil
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
print(json.dumps({"attempts": attempts, "imported": imported, "skipped": skipped, "steps": steps}))
"""


def test_nothing_tries_to_connect(tmp_path):
    sample = tmp_path / "sample"
    import reflection_kit as rk

    rk.write_sample(sample)
    out = subprocess.run(
        [sys.executable, "-c", _PROGRAM, str(sample)],
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
        timeout=600,
    )
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result["attempts"] == []
    # every module was imported (or only lacks an optional dependency, named here)
    assert len(result["imported"]) > 40
    assert "reflection_kit.reading" in result["imported"]
    assert all("No module named" in why for why in result["skipped"].values())
    steps = result["steps"]
    assert steps["read"] > 1000 and steps["daily"] > 100
    assert steps["streak_summary"] == "StreakSummary" and steps["urge_stats"] == "UrgeStats"
    assert steps["export"] > 0


def test_the_guards_would_have_seen_a_connection():
    """The guard itself works: a connection attempt is recorded and refused."""
    program = _PROGRAM.split("import importlib")[0] + (
        "try:\n    socket.create_connection(('192.0.2.1', 80), timeout=1)\n"
        "except OSError:\n    pass\n"
        "print(json.dumps(attempts))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, check=True, timeout=60
    )
    attempts = json.loads(out.stdout.strip().splitlines()[-1])
    assert [a["call"] for a in attempts] == ["socket.create_connection"]
