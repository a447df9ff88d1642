"""Start an IPython kernel that opens no TCP/IP socket when its transport is ``ipc``.

``python -m reflection_kit.review._kernel_launcher -f CONNECTION_FILE`` does what
``python -m ipykernel_launcher`` does, with one difference. ipykernel always
listens on a random TCP port on 127.0.0.1 for the output of forked subprocesses
(the IOPub "pipe"), whatever the kernel's transport. Here, when the kernel's
IOPub channel is a Unix domain socket (``ipc://``), that pipe is one too: the
IOPub endpoint plus ``-pipe``, in the same private folder. With the ``tcp``
transport, or an ipykernel whose internals differ, ipykernel's own behaviour is
kept.

On Linux the kernel also asks to be stopped (SIGTERM) when the process that
started it dies, even by ``kill -9``: ipykernel's own watch only notices a parent
that is gone when the kernel is handed to process 1, which is not so in many
containers and session managers, and an orphaned kernel would keep its
connection file (with its key) open for ever.

:class:`reflection_kit.review._kernel.IPCKernelManager` starts kernels with
this module; importing it has no side effects.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from pathlib import Path
from typing import Any

__all__ = ["main"]


def _ipc_iopub_thread(base: type) -> type:
    """A subclass of ipykernel's ``IOPubThread`` whose subprocess pipe uses ``ipc``."""
    import zmq
    from zmq.eventloop.zmqstream import ZMQStream

    class IPCIOPubThread(base):  # type: ignore[misc, valid-type]
        _pipe_endpoint: str | None = None

        def _setup_pipe_in(self) -> None:
            endpoint = self.socket.getsockopt(zmq.LAST_ENDPOINT)
            endpoint = endpoint.decode() if isinstance(endpoint, bytes) else str(endpoint)
            if not endpoint.startswith("ipc://"):
                return super()._setup_pipe_in()
            # the same steps as ipykernel's, bound to a Unix domain socket
            self._pipe_uuid = os.urandom(16)
            pipe_in = self.socket.context.socket(zmq.PULL)
            pipe_in.linger = 0
            pipe_in.bind(endpoint + "-pipe")
            self._pipe_endpoint = endpoint + "-pipe"
            self._pipe_in = ZMQStream(pipe_in, self.io_loop)
            self._pipe_in.on_recv(self._handle_pipe_msg)

        def _setup_pipe_out(self) -> tuple[Any, Any]:
            if self._pipe_endpoint is None:
                return super()._setup_pipe_out()
            ctx = zmq.Context()  # a fresh context after fork, as ipykernel does
            pipe_out = ctx.socket(zmq.PUSH)
            pipe_out.linger = 3000
            pipe_out.connect(self._pipe_endpoint)
            return ctx, pipe_out

    return IPCIOPubThread


def _stop_with_parent() -> None:
    """On Linux: SIGTERM this process when its parent dies (``PR_SET_PDEATHSIG``)."""
    if not sys.platform.startswith("linux"):
        return
    with contextlib.suppress(Exception):
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        pr_set_pdeathsig = 1
        libc.prctl(pr_set_pdeathsig, int(signal.SIGTERM), 0, 0, 0)
        parent = os.environ.get("JPY_PARENT_PID", "")
        if parent.isdigit() and os.getppid() != int(parent):
            os.kill(os.getpid(), signal.SIGTERM)  # the parent died before we asked


def main() -> None:
    """Launch the kernel (the command line is ipykernel's)."""
    _stop_with_parent()
    # like ipykernel_launcher: the working folder leaves sys.path while ipykernel loads
    # (IPython puts it back for the user's code)
    if sys.path and (sys.path[0] == "" or Path(sys.path[0]) == Path.cwd()):
        del sys.path[0]
    from ipykernel import iostream, kernelapp

    expected = ("_setup_pipe_in", "_setup_pipe_out", "_handle_pipe_msg")
    if getattr(kernelapp, "IOPubThread", None) is iostream.IOPubThread and all(
        hasattr(iostream.IOPubThread, name) for name in expected
    ):
        kernelapp.IOPubThread = _ipc_iopub_thread(iostream.IOPubThread)
    kernelapp.launch_new_instance()


if __name__ == "__main__":
    main()
