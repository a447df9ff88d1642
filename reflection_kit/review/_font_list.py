"""matplotlib's font list for the review's kernel, built ahead by a helper process.

The first time matplotlib is imported with a given configuration folder it scans the
system's fonts and parses its own font metrics into a font list (``fontlist-v*.json``),
about 0.2 s. The review's kernel has a folder of its own (``MPLCONFIGDIR``, see
:func:`~reflection_kit.review._kernel.kernel_environment`), so its first review pays that
inside the kernel, on the critical path, while the review's process waits for the
kernel with nothing to do. :class:`FontListAhead` builds the list in that folder in a
short helper process (``import matplotlib.font_manager``, with the kernel's own
environment) as soon as the exports are read, on the core the kernel does not use; the
kernel's matplotlib then reads the list instead of building it. When the list is
already there, nothing is started.

matplotlib writes the list under a lock and reads a half-written one as missing, so a
kernel that gets there first simply builds its own, as it would without the helper.
The helper is stopped with the review: on a signal (it is registered with
:mod:`._leftovers`) and whenever the run ends.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

from . import _leftovers

__all__ = ["FontListAhead", "has_font_list"]

#: What the helper runs: matplotlib builds and saves its font list when this module loads.
_BUILD = "import matplotlib.font_manager"

#: Seconds the review waits for the helper before stopping it (it takes well under one).
_WAIT = 60.0


def has_font_list(folder: str | os.PathLike[str]) -> bool:
    """Whether ``folder`` (a ``MPLCONFIGDIR``) holds a font list of any matplotlib.

    A list of another matplotlib version counts: the kernel's matplotlib then builds
    its own, as it always did.

    Examples
    --------
    >>> import tempfile
    >>> has_font_list(tempfile.mkdtemp())
    False
    """
    return any(Path(folder).glob("fontlist-v*.json"))


class FontListAhead:
    """A helper process building matplotlib's font list for a kernel environment.

    Parameters
    ----------
    env : mapping
        The kernel's environment; its ``MPLCONFIGDIR`` is where the list goes.
    private : str, optional
        The kernel's private folder. When the list goes inside it (the review's cache
        is turned off) and a signal stops the helper, the folder is removed again
        after the helper is gone (matplotlib creates its folder when it is missing).

    Examples
    --------
    >>> import os, tempfile
    >>> folder = tempfile.mkdtemp()
    >>> helper = FontListAhead(dict(os.environ, MPLCONFIGDIR=folder))
    >>> helper.start(), helper.wait(), has_font_list(folder)
    (True, True, True)
    >>> FontListAhead(dict(os.environ, MPLCONFIGDIR=folder)).start()  # already there
    False
    """

    def __init__(self, env: Mapping[str, str], private: str | None = None) -> None:
        self._env = dict(env)
        self._private = private
        self._process: subprocess.Popen[bytes] | None = None
        self._key: int | None = None

    def start(self) -> bool:
        """Start the helper unless the list is there (or no folder is set); True if started."""
        folder = self._env.get("MPLCONFIGDIR")
        if self._process is not None or not folder or has_font_list(folder):
            return False
        try:
            self._process = subprocess.Popen(
                [sys.executable, "-c", _BUILD],
                env=self._env,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        except OSError:
            return False  # the kernel builds the list itself
        self._key = _leftovers.register(self._stop_on_signal)
        return True

    def wait(self, timeout: float = _WAIT) -> bool:
        """Wait for the helper (stopped after ``timeout`` s); True when it built the list."""
        process = self._process
        if process is None:
            return False
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=timeout)
        self.stop()
        return process.returncode == 0

    def stop(self) -> None:
        """Stop the helper if it still runs and forget it (idempotent)."""
        process, self._process = self._process, None
        if self._key is not None:
            _leftovers.unregister(self._key)
            self._key = None
        if process is not None:
            _end(process)

    def _stop_on_signal(self) -> None:
        if self._process is not None:
            _end(self._process)
        folder = self._env.get("MPLCONFIGDIR", "")
        if self._private and Path(folder).is_relative_to(self._private):
            _leftovers.remove_folder(self._private)


def _end(process: subprocess.Popen[bytes]) -> None:
    """Kill ``process`` if it still runs and reap it (quietly: it may be gone already)."""
    if process.poll() is None:
        with contextlib.suppress(OSError):
            process.kill()
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=5)
