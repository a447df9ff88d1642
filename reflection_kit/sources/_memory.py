"""Memory of large reads, behind one seam: what is done at each named stage of a read.

Parsing a 200 MB urge log frees hundreds of MB that nothing else can use: pyarrow's
allocator keeps freed blocks for reuse, glibc's ``malloc`` keeps freed heap pages,
and pandas' short-lived objects hold large arrays in reference cycles until the
garbage collector runs. Handing that back at the right moments is what keeps the
peak of such a log under 1 GiB, in time order or not.

Readers do not deal with memory. The CSV engine, the time parser and the finaliser
call :func:`checkpoint` with the name of the stage they reached; this module alone
decides what each stage does (:data:`STAGES`), so the policy can be tuned in one
place and read as a whole. In a read of :data:`LARGE_READ` rows or more a checkpoint
runs the garbage collector and asks the allocators to hand back what they hold; a
smaller read does nothing there: the allocators reuse what it frees, and handing it
back at each stage cost a 100,000-row log several milliseconds.

Examples
--------
>>> from reflection_kit.sources import _memory
>>> _memory.checkpoint("typed", rows=3)
>>> sorted(_memory.STAGES)[:3]
['column', 'dropped', 'final']
"""

from __future__ import annotations

import ctypes
import gc
import sys
from collections.abc import Callable
from contextlib import suppress
from functools import cache

import pyarrow as pa

__all__ = ["LARGE_READ", "STAGES", "checkpoint", "copy_pool", "large", "release"]

#: Rows from which a read is large: its checkpoints also run the garbage collector.
LARGE_READ = 200_000
#: Bytes of delimited text from which a parse is large (see :func:`_jemalloc_frees_at_once`).
_LARGE_BYTES = 16 << 20

#: Every stage a read passes, in order, and what happens there. ``parse`` comes before
#: the CSV engine parses; every other stage hands back what the step before it freed.
STAGES: dict[str, str] = {
    "parse": "before parsing a large text: pyarrow's jemalloc hands freed pages back at once",
    "parsed": "the CSV engine built its frame and let the parsed table go",
    "times": "a column of times was parsed (its temporaries are gone)",
    "text": "a reader is done with the text of its table (the columns it did not keep)",
    "rows": "the finaliser took the reader's rows (what the reader's parsing freed)",
    "placed": "times were placed in their zones",
    "typed": "columns were given their dtypes",
    "ids": "ids were hashed",
    "dropped": "a column was let go before its reordered copy is written (no collection)",
    "column": "one column was reordered (the old one is gone)",
    "final": "the frame was validated",
}


def large(rows: int) -> bool:
    """True when a read of ``rows`` rows is large enough to be careful with memory.

    Examples
    --------
    >>> large(10), large(LARGE_READ)
    (False, True)
    """
    return rows >= LARGE_READ


def checkpoint(stage: str, rows: int = 0, *, nbytes: int = 0) -> None:
    """Do what the memory policy says at ``stage`` of a read of ``rows`` rows.

    Parameters
    ----------
    stage : str
        One of :data:`STAGES`.
    rows : int, default 0
        Rows of the read: from :data:`LARGE_READ` on, memory is handed back (the
        garbage collector runs first); below it nothing is done.
    nbytes : int, default 0
        For ``"parse"``: the size of the text about to be parsed.

    Raises
    ------
    ValueError
        When ``stage`` is not one of :data:`STAGES` (a typo would silently do nothing).

    Examples
    --------
    >>> checkpoint("parsed", rows=10)
    """
    if stage not in STAGES:
        raise ValueError(f"unknown memory stage {stage!r}; one of {', '.join(STAGES)}")
    if stage == "parse":
        if nbytes >= _LARGE_BYTES and pa.default_memory_pool().backend_name == "jemalloc":
            _jemalloc_frees_at_once()  # before parsing: the parsed columns are freed in turn
        return
    if not large(rows):  # a small read's memory is reused by the allocators: nothing to do
        return
    if stage == "dropped":  # what was just let go is handed back; nothing is in a cycle
        _hand_back()
    else:
        release(rows)


def release(rows: int = 0) -> None:
    """Hand memory that pyarrow and the C allocator freed back to the system.

    For reads of :data:`LARGE_READ` rows or more (``rows``), the garbage collector
    runs first: pandas' short-lived objects hold large arrays in reference cycles
    until it does (about 100 MB for a 200 MB log). Safe to call at any time.

    Examples
    --------
    >>> release()
    """
    if large(rows):
        gc.collect()
        if pa.default_memory_pool().backend_name == "jemalloc":
            _jemalloc_frees_at_once()
    _hand_back()


def _hand_back() -> None:
    """Ask pyarrow's pool and the C allocator to return the memory they hold free."""
    pa.default_memory_pool().release_unused()
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


def copy_pool() -> pa.MemoryPool:
    """The pool for copies made while their source is let go (reordering a column).

    The system allocator: pyarrow's own pool (jemalloc, mimalloc) may keep what the
    previous column freed while the next one is taken.

    Examples
    --------
    >>> copy_pool().backend_name
    'system'
    """
    return pa.system_memory_pool()


@cache
def _jemalloc_frees_at_once() -> None:
    """Let pyarrow's jemalloc (its default pool in pyarrow 14) hand freed pages back at once.

    By default it keeps them for a second; reordering a 200 MB log out of time order
    then held the old columns beside the new ones (about 240 MiB more on pyarrow 14).
    Set once per process, and only when a large read needs it.
    """
    with suppress(NotImplementedError, pa.ArrowException):  # a build without jemalloc
        pa.jemalloc_set_decay_ms(0)


@cache
def _malloc_trim() -> Callable[[int], int] | None:
    """glibc's ``malloc_trim`` (Linux), or None where there is no such function."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL("libc.so.6").malloc_trim
    except (OSError, AttributeError):  # pragma: no cover - musl or another libc
        return None
