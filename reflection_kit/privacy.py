"""Redaction and owner-only, atomic file writing.

* :func:`redact` replaces the configured people's names and aliases (with their
  surnames and possessives), handles, links with or without a scheme, e-mail
  addresses and phone numbers in a piece of text, and with ``all_names=True``
  every other capitalised name (:func:`find_names`) but the writer's own.
* :func:`write_private` writes bytes or text atomically (a temporary file in
  the same folder, then a rename, or an exclusive link when nothing may be
  replaced) with mode 0600, and refuses to replace an existing file unless
  ``force=True``, even when another program creates it at the same moment.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from ._redaction import find_names, redact

__all__ = ["find_names", "redact", "write_private"]


def write_private(path: str | os.PathLike[str], data: str | bytes, *, force: bool = False) -> Path:
    """Write ``data`` to ``path`` atomically, readable by its owner only.

    Parameters
    ----------
    path : path
        Destination file. Its folder is created (mode 0700) when missing.
    data : str or bytes
        Text is written as UTF-8.
    force : bool
        Replace an existing file. Without it, an existing file raises
        :class:`FileExistsError`, and so does a file that another program creates
        while this one writes: the finished temporary file is linked into place
        exclusively (``os.link``, or ``O_EXCL`` where links are not supported),
        so of two writers of the same new file exactly one wins.

    Returns
    -------
    pathlib.Path
        The written file (mode 0600).

    Raises
    ------
    FileExistsError
        ``path`` exists (or appeared meanwhile) and ``force`` is False; nothing was
        written.

    Examples
    --------
    >>> import os, tempfile
    >>> from reflection_kit.privacy import write_private
    >>> p = write_private(os.path.join(tempfile.mkdtemp(), "r.html"), "<p>hi</p>")
    >>> oct(p.stat().st_mode & 0o777)
    '0o600'
    """
    target = Path(path)
    if target.exists() and not force:
        raise FileExistsError(
            f"{target} already exists; nothing was written. Suggestion: choose another name, "
            "or pass force=True (--force) to replace it."
        )
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        if force:
            os.replace(tmp, target)
        else:
            _link_exclusively(tmp, target, payload)
    except FileExistsError:
        raise FileExistsError(
            f"{target} was created by another program while this one was writing; it was "
            "left as it is and nothing was written. Suggestion: choose another name, or pass "
            "force=True (--force) to replace it."
        ) from None
    finally:
        if os.path.lexists(tmp):
            os.unlink(tmp)
    return target


def _link_exclusively(tmp: str, target: Path, payload: bytes) -> None:
    """Put the finished ``tmp`` at ``target`` only if ``target`` does not exist yet.

    A hard link is atomic and fails with :class:`FileExistsError` when the name is
    taken. Where the file system has no hard links, the file is created with
    ``O_EXCL`` (exclusive too, though a reader may see it while it is written).
    """
    try:
        os.link(tmp, target)
        return
    except FileExistsError:
        raise
    except (OSError, NotImplementedError, AttributeError):
        pass  # no hard links here (some network and FAT file systems): O_EXCL instead
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    fd = os.open(target, flags, 0o600)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
    except BaseException:
        os.unlink(target)
        raise
