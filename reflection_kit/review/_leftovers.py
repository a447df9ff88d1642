"""Temporary files of our own: removed on SIGTERM/SIGINT, swept when stale.

A review works in two private temporary folders (``rk-review-*``, the kernel's
working folder, and ``rk-kernel-*``, its connection file with the key and its
sockets) and writes the page through a hidden temporary file
``.NAME.XXXXXXXX.tmp`` beside the target. Normally all of them are gone when
the review ends. Two things can leave them behind:

* a signal: while a review runs, SIGTERM and SIGINT first remove every folder
  registered here, then the process ends as it would have (SIGINT raises
  :class:`KeyboardInterrupt`, exit 130 on the command line; SIGTERM exits 143);
* ``kill -9`` (or a power cut), which no program can catch: the next review
  sweeps what is left (:func:`sweep_stale`).

The sweep removes only what is certainly ours and certainly abandoned: the
name matches one of our patterns exactly, the owner is the current user, it was
last changed more than :data:`STALE_AFTER` seconds ago, and when the folder
records the process that made it (the file ``owner.pid``) that process is no
longer running. It looks only in the temporary folder (and ``/tmp``, where
kernels go when that path is too long for a socket address) and in the folder
the review is written to.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import shutil
import signal
import stat
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from types import FrameType
from typing import Any

__all__ = [
    "STALE_AFTER",
    "cleanup_on_signals",
    "make_private_dir",
    "register",
    "remove_folder",
    "remove_tree",
    "signal_handlers_kept",
    "sweep_stale",
    "unregister",
]

#: Leftovers older than this (seconds) are swept at the next start.
STALE_AFTER = 3600.0

_DIR_NAME = re.compile(r"rk-(?:kernel|review)-[A-Za-z0-9_]{8}")
_TMP_NAME = re.compile(r"\..+\.[A-Za-z0-9_]{8}\.tmp")
_PID_FILE = "owner.pid"
_STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT)

_cleanups: dict[int, Callable[[], None]] = {}
# re-entrant: a signal handler (main thread) may interrupt register()/unregister() there
_lock = threading.RLock()
# a signal's clean-up is running (set and read in the main thread only)
_cleaning: list[int] = []


def make_private_dir(prefix: str, base: str | None = None) -> str:
    """A fresh owner-only folder ``<prefix>XXXXXXXX`` that records its maker's process id."""
    path = tempfile.mkdtemp(prefix=prefix, dir=base)  # mode 0700
    os.chmod(path, 0o700)
    fd = os.open(os.path.join(path, _PID_FILE), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as fh:
        fh.write(str(os.getpid()))
    return path


def register(cleanup: Callable[[], None]) -> int:
    """Run ``cleanup`` if a signal ends the process; return a key for :func:`unregister`."""
    with _lock:
        key = id(cleanup)
        _cleanups[key] = cleanup
    return key


def unregister(key: int) -> None:
    """Forget a cleanup registered with :func:`register` (it ran, or is not needed)."""
    with _lock:
        _cleanups.pop(key, None)


def remove_folder(path: str) -> None:
    """Remove the folder ``path`` now, quietly (also if it is already gone).

    From a signal handler, another thread of this process may be writing a file into
    the folder at that very moment (the hand-over file): one created after the
    removal listed the folder would keep the folder. Removing again takes it.
    """
    for _ in range(5):
        shutil.rmtree(path, ignore_errors=True)
        if not os.path.lexists(path):
            return


def remove_tree(path: str) -> Callable[[], None]:
    """A cleanup that removes the folder ``path`` (quietly, if it is already gone)."""
    return lambda: remove_folder(path)


def _run_cleanups() -> None:
    with _lock:
        todo = list(_cleanups.values())
        _cleanups.clear()
    for cleanup in todo:
        with contextlib.suppress(Exception):
            cleanup()


@contextlib.contextmanager
def cleanup_on_signals() -> Iterator[None]:
    """While the block runs, SIGTERM and SIGINT remove our temporary files first.

    Then a handler set by the program runs; otherwise SIGINT raises
    :class:`KeyboardInterrupt` and SIGTERM exits with status 143, so ``finally``
    clauses run (a half-written page is removed). While the kernel's event loop
    runs, the process instead ends by the signal itself (status 130 or 143 in a
    shell), everything of ours already removed. A signal that is ignored
    (``nohup``, a background job) stays ignored.
    Outside the main thread (where Python cannot set handlers) the block runs
    unchanged; its own ``finally`` clauses still clean up.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous: dict[int, Any] = {}

    def handler(signum: int, frame: FrameType | None) -> None:
        if _cleaning:
            # a second signal while the first one removes our files (a batch worker is
            # sent SIGTERM twice when its pool breaks): let that clean-up finish; the
            # first signal then ends the process
            return
        _cleaning.append(signum)
        try:
            _run_cleanups()
        finally:
            _cleaning.clear()
        before = previous.get(signum)
        default = before in (signal.SIG_DFL, signal.default_int_handler, None)
        if not default and callable(before):
            before(signum, frame)
            return
        if _loop_running():
            # inside the kernel's event loop an exception would be turned into a
            # cancellation; everything is cleaned up, so end as the signal ends a process
            # (the shell shows 130 or 143)
            signal.signal(signum, signal.SIG_DFL)
            os.kill(os.getpid(), signum)
            return
        if signum == signal.SIGINT:
            raise KeyboardInterrupt
        raise SystemExit(128 + signum)

    with signal_handlers_kept():
        for sig in _STOP_SIGNALS:
            if signal.getsignal(sig) == signal.SIG_IGN:
                continue  # ignored on purpose (nohup, a background job): keep it ignored
            with contextlib.suppress(ValueError, OSError):  # not the main interpreter
                previous[sig] = signal.signal(sig, handler)
        yield


@contextlib.contextmanager
def signal_handlers_kept() -> Iterator[None]:
    """When the block ends, SIGTERM's and SIGINT's handlers are put back as they were.

    For code that sets them and does not restore them (nbclient, when its run ends,
    sets the defaults). Outside the main thread, where handlers cannot be set, it does
    nothing.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    before = {sig: signal.getsignal(sig) for sig in _STOP_SIGNALS}
    try:
        yield
    finally:
        for sig, handler in before.items():
            if handler is not None:  # set outside Python: nothing to put back
                with contextlib.suppress(ValueError, OSError, TypeError):
                    signal.signal(sig, handler)


def _loop_running() -> bool:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True


def _pid_alive(folder: Path) -> bool:
    try:
        pid = int((folder / _PID_FILE).read_text(encoding="ascii").strip())
    except (OSError, ValueError):
        return False  # no record (or made by an older version): age alone decides
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # PermissionError: someone else's live process has that id
        return True
    return True


def _ours_and_old(st: os.stat_result, now: float, older_than: float) -> bool:
    owner = getattr(os, "getuid", lambda: st.st_uid)()
    return st.st_uid == owner and now - st.st_mtime > older_than


def sweep_stale(
    output_dir: str | os.PathLike[str] | None = None, *, older_than: float = STALE_AFTER
) -> list[Path]:
    """Remove our abandoned temporary folders and files; return what was removed.

    Parameters
    ----------
    output_dir : path, optional
        The folder a review is about to be written to: hidden ``.NAME.html.XXXXXXXX.tmp``
        files left there by an interrupted write are removed too.
    older_than : float
        Only leftovers last changed at least this many seconds ago are removed.

    Returns
    -------
    list of pathlib.Path
        The folders and files removed.
    """
    now = time.time()
    removed: list[Path] = []
    bases = {tempfile.gettempdir()}
    if os.path.isdir("/tmp"):
        bases.add("/tmp")
    for base in bases:
        with contextlib.suppress(OSError), os.scandir(base) as entries:
            for entry in entries:
                if not _DIR_NAME.fullmatch(entry.name):
                    continue
                try:
                    st = entry.stat(follow_symlinks=False)
                except OSError:
                    continue
                folder = Path(entry.path)
                if (
                    stat.S_ISDIR(st.st_mode)
                    and _ours_and_old(st, now, older_than)
                    and not _pid_alive(folder)
                ):
                    shutil.rmtree(folder, ignore_errors=True)
                    if not folder.exists():
                        removed.append(folder)
    if output_dir is not None:
        with contextlib.suppress(OSError), os.scandir(output_dir) as entries:
            for entry in entries:
                if not (_TMP_NAME.fullmatch(entry.name) and ".html." in entry.name):
                    continue
                try:
                    st = entry.stat(follow_symlinks=False)
                except OSError:
                    continue
                if stat.S_ISREG(st.st_mode) and _ours_and_old(st, now, older_than):
                    with contextlib.suppress(OSError):
                        os.unlink(entry.path)
                        removed.append(Path(entry.path))
    return removed
