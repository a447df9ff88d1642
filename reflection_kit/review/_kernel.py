"""A Jupyter kernel manager that talks to its kernel over Unix domain sockets only.

Jupyter kernels speak ZeroMQ, by default over TCP on 127.0.0.1 (and
jupyter_client opens Python sockets to find free ports). Rendering a review
should open no TCP/IP socket at all, not even loopback, so the review's kernel
uses ZeroMQ's ``ipc`` transport: five Unix domain sockets in a private folder.

Where the files live: a fresh folder ``rk-kernel-XXXXXXXX`` (mode 0700) in the
system temporary folder (``tempfile.gettempdir()``; ``/tmp`` when that path is
too long for a Unix socket address) holds the connection file ``kernel.json``
and the sockets ``kernel-1`` ... ``kernel-5`` (plus ``kernel-2-pipe``, see
below). Nothing is written in the working folder (jupyter_client's own default
for ``ipc`` is a relative ``kernel-ipc`` path, that is, the working folder). The
folder is removed when the kernel shuts down, and at the latest when the manager
is garbage collected or Python exits.

ipykernel also listens on a random loopback TCP port for the output of forked
subprocesses, whatever the transport; the kernel is therefore started with
:mod:`reflection_kit.review._kernel_launcher`, which makes that pipe a Unix
domain socket too (when the kernel runs on this Python, as the default
``python3`` kernel does).

Windows: ZeroMQ's ``ipc`` transport is not available there, so the manager
keeps jupyter_client's default, TCP on the loopback interface (127.0.0.1).
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import weakref
from typing import Any

from jupyter_client.manager import AsyncKernelManager

__all__ = ["IPC_SUPPORTED", "IPCKernelManager"]

#: ZeroMQ's ``ipc`` transport needs Unix domain sockets (not on Windows).
IPC_SUPPORTED = sys.platform != "win32"

# sun_path holds 104 bytes on macOS and 108 on Linux (including the final NUL);
# keep a margin for the "-N" suffix ZeroMQ endpoints get.
_MAX_SOCKET_PATH = 96


def _private_dir() -> str:
    """Make a fresh owner-only folder whose socket paths fit in ``sun_path``."""
    base = tempfile.gettempdir()
    # "/rk-kernel-" + 8 random characters + "/kernel-5"
    if len(os.fsencode(base)) + 30 > _MAX_SOCKET_PATH and os.path.isdir("/tmp"):
        base = "/tmp"
    path = tempfile.mkdtemp(prefix="rk-kernel-", dir=base)  # created with mode 0700
    os.chmod(path, 0o700)
    return path


class IPCKernelManager(AsyncKernelManager):
    """An ``AsyncKernelManager`` whose kernel listens on Unix domain sockets.

    Pass it as ``kernel_manager_class`` to ``nbclient.NotebookClient`` (or to
    ``papermill.execute_notebook``, which hands it on). On Windows it behaves as
    its parent, with TCP on 127.0.0.1.

    Examples
    --------
    >>> from reflection_kit.review._kernel import IPCKernelManager
    >>> km = IPCKernelManager(kernel_name="python3")
    >>> km.transport  # 'tcp' on Windows
    'ipc'
    >>> km.ip.endswith("kernel"), km.connection_file.endswith("kernel.json")
    (True, True)
    >>> km.cleanup_ipc_dir()
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._ipc_dir: str | None = None
        if not IPC_SUPPORTED or "transport" in kwargs:
            return
        self._ipc_dir = _private_dir()
        self._ipc_finalizer = weakref.finalize(
            self, shutil.rmtree, self._ipc_dir, ignore_errors=True
        )
        self.transport = "ipc"
        self.ip = os.path.join(self._ipc_dir, "kernel")
        if not self.connection_file:
            self.connection_file = os.path.join(self._ipc_dir, "kernel.json")

    @property
    def ipc_dir(self) -> str | None:
        """The private folder of the sockets (``None`` when the transport is TCP)."""
        return self._ipc_dir

    def cleanup_ipc_dir(self) -> None:
        """Remove the private folder with everything in it (idempotent)."""
        if self._ipc_dir is not None:
            self._ipc_finalizer()

    def format_kernel_cmd(self, extra_arguments: list[str] | None = None) -> list[str]:
        """The kernel's command line, with our launcher in place of ipykernel's."""
        cmd = super().format_kernel_cmd(extra_arguments)
        if self.transport == "ipc" and cmd and cmd[0] == sys.executable:
            for i in range(1, len(cmd)):
                if cmd[i - 1] == "-m" and cmd[i] == "ipykernel_launcher":
                    cmd[i] = "reflection_kit.review._kernel_launcher"
                    break
        return cmd

    async def _async_cleanup_resources(self, restart: bool = False) -> None:
        await super()._async_cleanup_resources(restart=restart)
        if not restart:
            self.cleanup_ipc_dir()

    cleanup_resources = _async_cleanup_resources  # type: ignore[assignment]
