"""The per-entry score cache: private, atomic and never trusted blindly.

Where
    ``platformdirs.user_cache_dir("reflection-kit")/scores/`` (for example
    ``~/.cache/reflection-kit/scores`` on Linux), or the folder named by the environment
    variable ``REFLECTION_KIT_CACHE_DIR``. Folders are made readable by the owner only (0700)
    and files are written with mode 0600.
What
    One file per *namespace* - the code version, the lexicon digest and the ``people=`` names.
    Inside, the scores of each entry are keyed by the SHA-256 of its text, so an edited entry
    is simply a new key. The journal text itself is never written to the cache.
How
    Written atomically: a temporary file in the same folder, flushed, then ``os.replace``.
    The first line carries a SHA-256 of the body; a truncated or damaged file is detected,
    reported with a :class:`ScoreCacheWarning` and rebuilt from scratch, never trusted.
Off
    ``score_entries(..., cache=False)`` or ``REFLECTION_KIT_NO_CACHE=1``.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import math
import os
import tempfile
import warnings
from pathlib import Path
from typing import Any

__all__ = [
    "ScoreCache",
    "ScoreCacheWarning",
    "cache_dir",
    "cache_enabled",
    "clear_cache",
    "private_cache_folder",
]

_MAGIC = "reflection-kit score cache v1"
_ENV_DIR = "REFLECTION_KIT_CACHE_DIR"
_ENV_OFF = "REFLECTION_KIT_NO_CACHE"


class ScoreCacheWarning(UserWarning):
    """A score cache file was damaged or could not be written; scores were recomputed."""


def cache_dir() -> Path:
    """The folder that holds cached scores.

    Returns
    -------
    pathlib.Path
        ``$REFLECTION_KIT_CACHE_DIR`` when set, else
        ``platformdirs.user_cache_dir("reflection-kit") / "scores"``.

    Examples
    --------
    >>> import os
    >>> os.environ["REFLECTION_KIT_CACHE_DIR"] = "/tmp/rk-doc-cache"
    >>> str(cache_dir())
    '/tmp/rk-doc-cache'
    >>> del os.environ["REFLECTION_KIT_CACHE_DIR"]
    """
    env = os.environ.get(_ENV_DIR, "").strip()
    if env:
        return Path(env).expanduser()
    # deferred: platformdirs is needed only when no cache directory is set
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("reflection-kit")) / "scores"


def cache_enabled(cache: bool = True) -> bool:
    """Whether caching is on: ``cache`` is true and ``REFLECTION_KIT_NO_CACHE`` is not set.

    Examples
    --------
    >>> cache_enabled(False)
    False
    """
    off = os.environ.get(_ENV_OFF, "").strip().lower()
    return bool(cache) and off in ("", "0", "false", "no")


def clear_cache() -> int:
    """Delete every cached score file; return how many were deleted.

    Examples
    --------
    >>> import os, tempfile
    >>> os.environ["REFLECTION_KIT_CACHE_DIR"] = tempfile.mkdtemp()
    >>> clear_cache()
    0
    >>> del os.environ["REFLECTION_KIT_CACHE_DIR"]
    """
    folder = cache_dir()
    n = 0
    if folder.is_dir():
        for f in folder.glob("*.cache"):
            with contextlib.suppress(OSError):
                f.unlink()
                n += 1
    return n


def _cache_root() -> Path:
    """Our top folder: ``$REFLECTION_KIT_CACHE_DIR``, else ``user_cache_dir("reflection-kit")``."""
    env = os.environ.get(_ENV_DIR, "").strip()
    if env:
        return Path(env).expanduser()
    # deferred: platformdirs is needed only when no cache directory is set
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("reflection-kit"))


def _private_dir(folder: Path) -> None:
    """Make ``folder`` and every missing parent owner-only (0700); fix our own top folder.

    ``mkdir(parents=True, mode=...)`` gives the parents the default mode (0755 with the
    usual umask), so each missing folder is made here one at a time. A folder that
    already exists is left as it is, except our own top folder (``reflection-kit``)
    and the folders below it, which are set to 0700 (older versions made them 0755).
    """
    folder = Path(folder)
    root = _cache_root()
    missing = []
    p = folder
    while not p.exists() and p != p.parent:
        missing.append(p)
        p = p.parent
    for p in reversed(missing):
        with contextlib.suppress(FileExistsError):
            p.mkdir(mode=0o700)
    ours = [folder, *folder.parents]
    for p in ours:
        if p in missing or p == root or root in p.parents:
            with contextlib.suppress(OSError):
                if p.is_dir() and not p.is_symlink() and p.stat().st_uid == _uid():
                    os.chmod(p, 0o700)
        if p == root:
            break


def _uid() -> int:
    return os.getuid() if hasattr(os, "getuid") else -1


def private_cache_folder(name: str) -> Path:
    """A private (0700) folder ``name`` inside reflection-kit's cache folder.

    The review's kernel keeps matplotlib's font list there (``MPLCONFIGDIR``), so that
    nothing is written to the user's own matplotlib folders.

    Parameters
    ----------
    name : str
        The sub-folder, for example ``"matplotlib"``.

    Returns
    -------
    pathlib.Path
        ``$REFLECTION_KIT_CACHE_DIR/name`` when the variable is set, else
        ``user_cache_dir("reflection-kit")/name``; created with mode 0700.

    Examples
    --------
    >>> import os, stat, tempfile
    >>> os.environ["REFLECTION_KIT_CACHE_DIR"] = os.path.join(tempfile.mkdtemp(), "c")
    >>> folder = private_cache_folder("matplotlib")
    >>> oct(stat.S_IMODE(folder.stat().st_mode)), oct(stat.S_IMODE(folder.parent.stat().st_mode))
    ('0o700', '0o700')
    >>> del os.environ["REFLECTION_KIT_CACHE_DIR"]
    """
    folder = _cache_root() / name
    _private_dir(folder)
    return folder


def _clean(v: Any) -> Any:
    if isinstance(v, float) and not math.isfinite(v):
        return None
    return v


class ScoreCache:
    """One namespace of cached scores.

    Parameters
    ----------
    namespace : str
        Code version, lexicon digest and people key, already combined.
    columns : tuple of str
        The names of the stored per-entry values (a change means a stale file).
    """

    def __init__(self, namespace: str, columns: tuple[str, ...]) -> None:
        key = hashlib.sha256(namespace.encode("utf-8")).hexdigest()[:24]
        self.path = cache_dir() / f"scores-{key}.cache"
        self.columns = list(columns)
        self.entries: dict[str, list[Any]] = {}
        self.retelling: dict[str, float | None] = {}
        self.dirty = False

    def load(self) -> None:
        """Read the file if there is one; a damaged file is reported and ignored."""
        try:
            raw = self.path.read_bytes()
        except (FileNotFoundError, NotADirectoryError):
            return
        except OSError as exc:
            warnings.warn(
                f"could not read the score cache {self.path} ({exc}); scoring from scratch.",
                ScoreCacheWarning,
                stacklevel=3,
            )
            return
        problem = None
        head, sep, body = raw.partition(b"\n")
        parts = head.decode("ascii", "replace").rsplit(" sha256=", 1)
        if not sep or len(parts) != 2 or parts[0] != _MAGIC:
            problem = "its header is missing or unreadable"
        elif hashlib.sha256(body).hexdigest() != parts[1].strip():
            problem = "its checksum does not match (truncated or damaged)"
        else:
            try:
                data = json.loads(body)
                if data.get("columns") != self.columns:
                    return  # written by another version: stale, not damaged
                entries = data["entries"]
                retelling = data["retelling"]
                if not isinstance(entries, dict) or not isinstance(retelling, dict):
                    raise ValueError("bad layout")
                width = len(self.columns)
                if any(not isinstance(v, list) or len(v) != width for v in entries.values()):
                    raise ValueError("bad row width")
            except (ValueError, KeyError, TypeError, AttributeError) as exc:
                problem = f"its content is not valid ({exc})"
            else:
                self.entries, self.retelling = entries, retelling
                return
        warnings.warn(
            f"the score cache {self.path} was not used: {problem}. It will be rebuilt; "
            "your journal is not affected.",
            ScoreCacheWarning,
            stacklevel=3,
        )
        self.dirty = True

    def save(self) -> None:
        """Write the namespace atomically (temporary file + ``os.replace``), mode 0600."""
        folder = self.path.parent

        def dump(entries: Any, retelling: Any) -> bytes:
            content = {"columns": self.columns, "entries": entries, "retelling": retelling}
            return json.dumps(content, separators=(",", ":"), allow_nan=False).encode("utf-8")

        try:  # the values are usually JSON-ready already (NaN stored as None)
            body = dump(self.entries, self.retelling)
        except ValueError:  # a NaN or infinity somewhere: stored as null
            body = dump(
                {k: [_clean(x) for x in v] for k, v in self.entries.items()},
                {k: _clean(v) for k, v in self.retelling.items()},
            )
        head = f"{_MAGIC} sha256={hashlib.sha256(body).hexdigest()}\n".encode("ascii")
        tmp = None
        try:
            _private_dir(folder)
            fd, tmp = tempfile.mkstemp(prefix=".scores-", suffix=".tmp", dir=folder)
            with os.fdopen(fd, "wb") as fh:
                if hasattr(os, "fchmod"):  # mkstemp already uses 0600; be explicit
                    os.fchmod(fh.fileno(), 0o600)
                fh.write(head)
                fh.write(body)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, self.path)
            tmp = None
        except OSError as exc:
            warnings.warn(
                f"could not write the score cache in {folder} ({exc}); scores are fine but "
                "will be recomputed next time. Suggestion: set REFLECTION_KIT_CACHE_DIR to a "
                "writable folder, or pass cache=False.",
                ScoreCacheWarning,
                stacklevel=3,
            )
        finally:
            if tmp is not None:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
        self.dirty = False
