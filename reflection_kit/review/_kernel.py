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

The kernel's environment (:func:`kernel_environment`): figures are always drawn
with the inline backend (``MPLBACKEND`` is set for the kernel, whatever the
caller's ``MPLBACKEND=Agg`` says), and the kernel writes nothing to the user's
own folders: IPython's profile goes to ``ipython/`` in the private folder
(``IPYTHONDIR``), matplotlib's settings and font list to reflection-kit's own
owner-only cache folder (``MPLCONFIGDIR``; a private temporary folder when the
cache is turned off with ``REFLECTION_KIT_NO_CACHE``), Jupyter's runtime
files to the private folder (``JUPYTER_RUNTIME_DIR``), and so do its temporary files
(``TMPDIR``: Python's probe of the temporary folder, anything a cell makes), so a kernel
stopped at any moment leaves none of them behind in the system's temporary folder.
The kernel is always this Python's own (ipykernel's built-in ``python3`` spec; no
kernel spec folder is searched, and ``~/.ipython`` is not created to search it).

If the process is ended by SIGTERM or SIGINT while a kernel runs, the kernel
is stopped and the private folder removed; after ``kill -9`` the next review
sweeps it (:mod:`reflection_kit.review._leftovers`).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
import tempfile
import weakref
from typing import Any

from jupyter_client.manager import AsyncKernelManager

from . import _leftovers

__all__ = ["INLINE_BACKEND", "IPC_SUPPORTED", "IPCKernelManager", "kernel_environment"]

#: The matplotlib backend of the review's kernel: figures become inline PNG outputs.
INLINE_BACKEND = "module://matplotlib_inline.backend_inline"

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
    return _leftovers.make_private_dir("rk-kernel-", base)  # mode 0700


def kernel_environment(private_dir: str, base: dict[str, str] | None = None) -> dict[str, str]:
    """The environment for a review kernel: inline figures, nothing written to HOME.

    Parameters
    ----------
    private_dir : str
        An owner-only folder that lives as long as the kernel.
    base : dict, optional
        The environment to start from (default: this process's).

    Returns
    -------
    dict
        ``base`` with ``MPLBACKEND``, ``IPYTHONDIR``, ``MPLCONFIGDIR``,
        ``JUPYTER_RUNTIME_DIR`` and ``TMPDIR`` set.
    """
    # deferred: reflection_kit.text is the language layer; the kernel environment needs
    # only its cache settings, not NLTK
    from ..text.cache import cache_enabled, private_cache_folder

    env = dict(os.environ if base is None else base)
    env["MPLBACKEND"] = INLINE_BACKEND
    env["IPYTHONDIR"] = os.path.join(private_dir, "ipython")
    env["JUPYTER_RUNTIME_DIR"] = os.path.join(private_dir, "runtime")
    # Python's tempfile probes its folder with a file it removes at once: a kernel stopped
    # in between (a review with nothing to read stops it as it starts) left that file in
    # the shared folder
    env["TMPDIR"] = os.path.join(private_dir, "tmp")
    os.makedirs(env["TMPDIR"], mode=0o700, exist_ok=True)
    mpl = None
    if cache_enabled():
        try:
            mpl = str(private_cache_folder("matplotlib"))
        except OSError:
            mpl = None
    if mpl is None:
        mpl = os.path.join(private_dir, "matplotlib")
        os.makedirs(mpl, mode=0o700, exist_ok=True)
    env["MPLCONFIGDIR"] = mpl
    return env


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
        if "kernel_spec_manager" not in kwargs:
            # the kernel of this very Python (ipykernel's built-in ``python3`` spec): no
            # kernel spec folder is searched, so the review runs where reflection-kit is
            # installed, and jupyter_client does not create ~/.ipython to look for specs
            from jupyter_client.kernelspec import KernelSpecManager  # deferred: ~0.3 s

            kwargs["kernel_spec_manager"] = KernelSpecManager(kernel_dirs=[])
        super().__init__(**kwargs)
        self._ipc_dir: str | None = None
        self._private: str | None = None
        #: The environment the kernel was launched with (None before it is launched).
        self.kernel_env: dict[str, str] | None = None
        self._signal_key: int | None = None
        if not IPC_SUPPORTED or "transport" in kwargs:
            return
        self._ipc_dir = self._private = _private_dir()
        self._ipc_finalizer = weakref.finalize(
            self, shutil.rmtree, self._ipc_dir, ignore_errors=True
        )
        self._signal_key = _leftovers.register(self._stop_on_signal)
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
        if self._signal_key is not None:
            _leftovers.unregister(self._signal_key)
            self._signal_key = None
        if self._private is not None and self._private != self._ipc_dir:
            shutil.rmtree(self._private, ignore_errors=True)

    def _stop_on_signal(self) -> None:
        """Kill the kernel at once and remove the private folder (from a signal handler)."""
        process = getattr(self.provisioner, "process", None)
        if process is not None:
            with contextlib.suppress(Exception):
                process.kill()
                process.wait(timeout=5)  # gone before its folder is removed: it writes there
        if self._ipc_dir is not None:
            self._ipc_finalizer.detach()  # removed here, with its retries
        for folder in {f for f in (self._ipc_dir, self._private) if f is not None}:
            _leftovers.remove_folder(folder)

    async def _async_launch_kernel(self, kernel_cmd: list[str], **kw: Any) -> None:
        """Launch the kernel with :func:`kernel_environment` (inline figures, private folders)."""
        if self._private is None:  # TCP (Windows, or an explicit transport): a folder of its own
            self._private = _leftovers.make_private_dir("rk-kernel-")
            if self._signal_key is None:
                self._signal_key = _leftovers.register(self._stop_on_signal)
        kw["env"] = self.kernel_env = kernel_environment(self._private, kw.get("env"))
        await super()._async_launch_kernel(kernel_cmd, **kw)

    @property
    def private_dir(self) -> str | None:
        """The kernel's private folder (set when it is launched, or with the sockets')."""
        return self._private

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
