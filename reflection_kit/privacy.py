"""Redaction and owner-only, atomic file writing.

* :func:`redact` replaces the configured people's names and aliases, e-mail
  addresses, phone numbers and URLs in a piece of text.
* :func:`write_private` writes bytes or text atomically (a temporary file in
  the same folder, then a rename) with mode 0600, and refuses to replace an
  existing file unless ``force=True``.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterable
from pathlib import Path

__all__ = ["redact", "write_private"]

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"')\]]+", re.IGNORECASE)
_PHONE = re.compile(r"(?<![\w+])\+?\d[\d ()./-]{6,}\d(?!\w)")


def redact(text: str, people: Iterable[str] = ()) -> str:
    """Replace names, e-mail addresses, phone numbers and URLs in ``text``.

    Parameters
    ----------
    text : str
        Any text, for example a sentence quoted in a review.
    people : iterable of str
        Names and aliases of the person being let go (and anyone else to hide).
        Matched as whole words, ignoring case, including possessives ("Alex's").

    Returns
    -------
    str
        The text with ``[name]``, ``[email]``, ``[phone]`` and ``[link]`` in place.

    Examples
    --------
    >>> from reflection_kit.privacy import redact
    >>> redact("Alex's mail is alex@example.org, call +49 30 1234567", ["Alex"])
    "[name]'s mail is [email], call [phone]"
    """
    out = _EMAIL.sub("[email]", text)
    out = _URL.sub("[link]", out)
    out = _PHONE.sub("[phone]", out)
    names = sorted({p.strip() for p in people if p and p.strip()}, key=len, reverse=True)
    if names:
        pattern = re.compile(
            r"(?<!\w)(?:" + "|".join(re.escape(n) for n in names) + r")(?!\w)", re.IGNORECASE
        )
        out = pattern.sub("[name]", out)
    return out


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
        :class:`FileExistsError`.

    Returns
    -------
    pathlib.Path
        The written file (mode 0600).

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
        os.replace(tmp, target)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    return target
