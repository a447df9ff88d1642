"""Paint the review's figures in the background while the notebook goes on (Linux only).

Painting a figure (drawing it with Agg, trimming it and encoding the PNG) is most of
what the review's kernel does, and it runs on one core while the machine usually has
two. When the review asks for it, :func:`display_ahead` takes the place of the inline
backend's ``display(figure)``: the kernel forks, the child paints the figure exactly
as the display formatter would (the same process image, so the same rcParams, fonts
and description) and sends the formatted output back through a pipe, and the notebook
moves on at once, leaving an empty output with a display id where the figure goes.
:func:`finish` (the review's last injected cell) waits for every child and fills each
of those outputs with its figure, through ``update_display``; nbclient puts the data
in the cell that showed the figure. A child that fails is not trusted: its figure is
painted again in the kernel, the usual way.

Only the review's own run turns this on (``_rk_paint_ahead = True`` in the kernel's
namespace, set by :mod:`reflection_kit.review.render`'s set-up cell, whose report cell
calls :func:`finish`). A notebook run by hand always paints in place. Elsewhere than
Linux (no ``fork``, or ``fork`` unsafe as on macOS) figures are painted in place too.
"""

from __future__ import annotations

import os
import pickle
import sys
import uuid
import warnings
from dataclasses import dataclass
from typing import Any

__all__ = ["FLAG", "display_ahead", "enabled", "finish"]

#: Set to True in the kernel's namespace to paint the described figures ahead.
FLAG = "_rk_paint_ahead"

#: What a figure's output holds until :func:`finish` fills it.
_PLACEHOLDER = {"text/plain": "(the figure is being drawn)"}


@dataclass
class _Painting:
    display_id: str
    figure: Any
    metadata: dict[str, Any] | None
    pid: int
    fd: int


_PENDING: list[_Painting] = []


def enabled(shell: Any) -> bool:
    """Whether figures shown in ``shell`` are painted ahead (the review's flag, on Linux)."""
    if not sys.platform.startswith("linux") or shell is None:
        return False
    namespace = getattr(shell, "user_ns", None)
    return isinstance(namespace, dict) and namespace.get(FLAG) is True


def _merge(into: dict[str, Any], extra: dict[str, Any]) -> None:
    """IPython's metadata merge: sub-dictionaries are merged, other values replaced."""
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(into.get(key), dict):
            into[key].update(value)
        else:
            into[key] = value


def _paint(
    shell: Any, figure: Any, extra: dict[str, Any] | None
) -> tuple[dict[str, Any], dict[str, Any]]:
    """What ``display(figure, metadata=extra)`` would publish: the data and the metadata."""
    data, metadata = shell.display_formatter.format(figure)
    metadata = dict(metadata or {})
    if extra:
        _merge(metadata, extra)
    return dict(data), metadata


def _child(
    shell: Any, figure: Any, extra: dict[str, Any] | None, fd: int
) -> None:  # pragma: no cover - runs in the fork
    """Paint ``figure``, write the pickled output to ``fd`` and end the child process."""
    status = 1
    try:
        # nothing from the child may reach the kernel's streams (their threads are gone)
        sink = open(os.devnull, "w")  # noqa: SIM115 - the process ends below
        sys.stdout = sys.stderr = sink
        payload = pickle.dumps(_paint(shell, figure, extra), protocol=pickle.HIGHEST_PROTOCOL)
        with os.fdopen(fd, "wb") as out:
            out.write(payload)
        status = 0
    finally:
        os._exit(status)


def display_ahead(
    shell: Any, real_display: Any, figure: Any, *, metadata: dict[str, Any] | None = None
) -> None:
    """Show ``figure`` now as an empty output and paint it in a forked child.

    Falls back to ``real_display(figure, metadata=metadata)`` when the process cannot
    fork.
    """
    read_fd, write_fd = os.pipe()
    try:
        with warnings.catch_warnings():
            # Python 3.12+ warns that forking a threaded process may deadlock the child; the
            # child only paints (no lock of the kernel's threads is needed) and exits
            warnings.simplefilter("ignore", DeprecationWarning)
            pid = os.fork()
    except OSError:
        os.close(read_fd)
        os.close(write_fd)
        real_display(figure, metadata=metadata)
        return
    if pid == 0:  # pragma: no cover - the child
        os.close(read_fd)
        _child(shell, figure, metadata, write_fd)
    os.close(write_fd)
    display_id = f"rk-figure-{uuid.uuid4().hex}"
    _PENDING.append(_Painting(display_id, figure, metadata, pid, read_fd))
    real_display(dict(_PLACEHOLDER), raw=True, display_id=display_id)


def _collect(painting: _Painting) -> tuple[dict[str, Any], dict[str, Any]] | None:
    chunks = []
    try:
        while chunk := os.read(painting.fd, 1 << 20):
            chunks.append(chunk)
    finally:
        os.close(painting.fd)
    _, status = os.waitpid(painting.pid, 0)
    if status != 0 or not chunks:
        return None
    try:
        # our own fork's output, through a private pipe
        data, metadata = pickle.loads(b"".join(chunks))
    except Exception:  # anything odd: paint it here instead
        return None
    if not isinstance(data, dict) or not isinstance(metadata, dict):
        return None
    return data, metadata


def finish(shell: Any) -> int:
    """Wait for every figure painted ahead and put it in its output; returns how many.

    A figure whose child failed is painted here instead.
    """
    # deferred: IPython is there whenever a figure was painted ahead (inside a kernel)
    from IPython.display import update_display

    done = 0
    while _PENDING:
        painting = _PENDING.pop(0)
        result = _collect(painting)
        if result is None:
            result = _paint(shell, painting.figure, painting.metadata)
        data, metadata = result
        update_display(data, metadata=metadata, display_id=painting.display_id, raw=True)
        done += 1
    return done
