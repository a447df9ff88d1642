"""Run a function without root's rights, and a folder such a process can reach.

The tests run as root in CI, where a mode-000 file is still readable and every
folder writable. :func:`as_nobody` forks and drops to the ``nobody`` user
(65534) in the child, so permission errors are the real thing, not a mock.
"""

from __future__ import annotations

import io
import os
import sys
import tempfile
from collections.abc import Callable

NOBODY = 65534


def as_nobody(fn: Callable[[], int | None]) -> tuple[int, str]:
    """Run ``fn()`` in a forked child as ``nobody``; return (its exit code, its output).

    ``fn`` returns the exit code; what it prints (to ``sys.stdout`` or
    ``sys.stderr``) is returned. Not root: ``fn`` runs in the child as the
    current user.
    """
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        code = 99
        out = io.TextIOWrapper(
            os.fdopen(w, "wb", closefd=False), encoding="utf-8", errors="backslashreplace"
        )
        try:
            os.close(r)
            sys.stdout = sys.stderr = out
            if os.geteuid() == 0:
                os.setgroups([])
                os.setgid(NOBODY)
                os.setuid(NOBODY)
            code = int(fn() or 0)
        except BaseException as exc:  # report anything to the parent as text
            print(f"{type(exc).__name__}: {exc}", file=out)
            code = 98
        finally:
            out.flush()
            os._exit(code)
    os.close(w)
    chunks = []
    while chunk := os.read(r, 65536):
        chunks.append(chunk)
    os.close(r)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status), b"".join(chunks).decode("utf-8", "replace")


def shared_tmp() -> str:
    """A new folder under /tmp that ``nobody`` can enter (pytest's own is mode 0700).

    The caller removes it.
    """
    d = tempfile.mkdtemp(prefix="rk-test-", dir="/tmp")
    os.chmod(d, 0o755)
    return d
