"""How the command runs: typo suggestions, Ctrl-C, and the one-paragraph last resort.

No traceback reaches a command-line user: :func:`message` turns any error that
reaches ``main`` into one paragraph, and :class:`Interrupt` makes a Ctrl-C end
with exit code 130 even when a library turns it into another error.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import difflib
import os
import re
import signal
import sys
import threading
from typing import Any, ClassVar

from ._cli_args import printable_path
from ._terminal import printable
from .errors import ReflectionKitError

__all__ = [
    "DEBUG_ENV",
    "Interrupt",
    "Parser",
    "interrupted",
    "message",
    "os_message",
    "safe_streams",
]

#: Set to 1 to see the traceback of an unexpected error.
DEBUG_ENV = "REFLECTION_KIT_DEBUG"


class Parser(argparse.ArgumentParser):
    """An argument parser that suggests the command or option meant by a typo."""

    known_options: ClassVar[set[str]] = set()

    def error(self, message: str) -> Any:  # argparse's signature; it exits
        m = re.search(r"invalid choice: '([^']*)' \(choose from (.*)\)", message)
        if m:
            choices = re.findall(r"'([^']*)'", m.group(2))
            close = difflib.get_close_matches(m.group(1), choices, n=1, cutoff=0.5)
            if close:
                message += f". Did you mean {close[0]!r}?"
        m = re.search(r"unrecognized arguments: (.*)", message)
        if m:
            options = set(self._option_string_actions) | Parser.known_options
            hints = []
            for token in m.group(1).split():
                if token.startswith("--"):
                    word = token.split("=", 1)[0]
                    close = difflib.get_close_matches(word, sorted(options), n=1, cutoff=0.6)
                    if close:
                        hints.append(f"{close[0]} (for {word})" if hints else close[0])
            if hints:
                message += f". Did you mean {' and '.join(hints)}?"
        self.print_usage(sys.stderr)
        self.exit(2, printable(f"{self.prog}: error: {message}\n"))


def safe_streams() -> None:
    """Never fail on a character the terminal's encoding lacks."""
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(AttributeError, ValueError, OSError):
            stream.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]


def os_message(exc: OSError) -> str:
    reason = "permission denied" if isinstance(exc, PermissionError) else exc.strerror or exc
    where = f" {printable_path(os.fsdecode(exc.filename))}" if exc.filename else ""
    return (
        f"reflection-kit: cannot use{where}: {reason}. Suggestion: check the path and its "
        "permissions, and that the disk has room."
    )


class Interrupt:
    """Remembers a Ctrl-C, so that an interrupt turned into another error by a library
    (asyncio cancels the notebook's kernel client) still ends as exit code 130."""

    def __init__(self) -> None:
        self.seen = False
        self.previous: Any = None

    def __enter__(self) -> Interrupt:
        if threading.current_thread() is threading.main_thread():
            self.previous = signal.signal(signal.SIGINT, self._handle)
        return self

    def _handle(self, signum: int, frame: Any) -> None:
        self.seen = True
        raise KeyboardInterrupt

    def __exit__(self, *exc: object) -> None:
        if self.previous is not None:
            signal.signal(signal.SIGINT, self.previous)


def interrupted(exc: BaseException) -> bool:
    """Whether ``exc`` comes from a Ctrl-C that a library turned into another error.

    While the review's kernel runs, nbclient takes over SIGINT and cancels its
    tasks: the interrupt surfaces as a CancelledError (or an error raised while
    cleaning up after one) instead of KeyboardInterrupt.
    """
    seen: set[int] = set()
    e: BaseException | None = exc
    while e is not None and id(e) not in seen:
        if isinstance(e, (KeyboardInterrupt, asyncio.CancelledError)):
            return True
        seen.add(id(e))
        e = e.__cause__ or e.__context__
    return False


def message(exc: Exception) -> str:
    """The one paragraph shown for an error that reached :func:`main`."""
    if isinstance(exc, (ReflectionKitError, FileExistsError)):
        return f"reflection-kit: {exc}"
    if isinstance(exc, OSError):
        return os_message(exc)
    # the last resort: never a traceback unless asked for
    return (
        f"reflection-kit: something unexpected went wrong ({type(exc).__name__}: {exc}). "
        "Your exports were not changed. Suggestion: run the same command again with "
        f"--debug (or {DEBUG_ENV}=1) to see the details, and report them."
    )
