"""The review's kernel: Unix domain sockets in a private folder, gone after shutdown."""

from __future__ import annotations

import json
import os
import stat
import sys

import nbformat
import pytest
from nbclient import NotebookClient

from reflection_kit.review._kernel import IPC_SUPPORTED, IPCKernelManager

pytestmark = pytest.mark.skipif(not IPC_SUPPORTED, reason="no ipc transport on Windows")

_CELL = """\
import json, multiprocessing, os
from ipykernel import get_connection_info

def child():
    print("from a forked child", flush=True)

p = multiprocessing.get_context("fork").Process(target=child)
p.start()
p.join()
info = {k: v for k, v in get_connection_info(unpack=True).items() if k in ("transport", "ip")}
print(json.dumps({"info": info, "files": sorted(os.listdir(os.path.dirname(info["ip"])))}))
"""


def test_the_manager_is_private_and_tidy(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    km = IPCKernelManager(kernel_name="python3")
    folder = km.ipc_dir
    assert folder and os.path.isdir(folder)
    assert stat.S_IMODE(os.stat(folder).st_mode) == 0o700
    assert km.transport == "ipc"
    assert km.ip == os.path.join(folder, "kernel")
    assert km.connection_file == os.path.join(folder, "kernel.json")
    assert len(os.fsencode(km.ip)) + len("-5-pipe") < 100  # fits a Unix socket address
    km.cleanup_ipc_dir()
    km.cleanup_ipc_dir()  # idempotent
    assert not os.path.exists(folder)
    assert list(tmp_path.iterdir()) == []


def test_a_notebook_runs_over_unix_sockets_only(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    seen: dict = {}

    class Recording(IPCKernelManager):
        def format_kernel_cmd(self, extra_arguments=None):
            seen["cmd"] = super().format_kernel_cmd(extra_arguments)
            return seen["cmd"]

        async def _async_cleanup_resources(self, restart=False):
            seen["folder"] = self.ipc_dir
            await super()._async_cleanup_resources(restart=restart)

    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(_CELL)])
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    NotebookClient(
        nb,
        kernel_name="python3",
        kernel_manager_class=Recording,
        timeout=120,
        resources={"metadata": {"path": str(tmp_path)}},
    ).execute()
    text = "".join(o.get("text", "") for o in nb.cells[0].outputs)
    # the output of a forked subprocess comes back through the ipc pipe
    assert "from a forked child" in text
    out = json.loads(text.strip().splitlines()[-1])
    info = out["info"]
    assert info["transport"] == "ipc"
    assert info["ip"] == os.path.join(seen["folder"], "kernel")
    assert seen["cmd"][:3] == [sys.executable, "-m", "reflection_kit.review._kernel_launcher"]
    # while the kernel runs: its connection file, five channels and the subprocess pipe,
    # the id of the process that made the folder, the kernel's own IPython folder and its
    # temporary folder (TMPDIR)
    assert out["files"] == sorted(
        [
            "kernel.json",
            "kernel-2-pipe",
            *(f"kernel-{i}" for i in range(1, 6)),
            "owner.pid",
            "ipython",
            "tmp",
        ]
    )
    # the private folder is gone and nothing was written in the working folder
    assert not os.path.exists(seen["folder"])
    assert list(tmp_path.iterdir()) == []


def test_an_explicit_transport_is_kept():
    km = IPCKernelManager(kernel_name="python3", transport="tcp")
    assert km.transport == "tcp" and km.ipc_dir is None
    km.cleanup_ipc_dir()
