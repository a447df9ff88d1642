"""The export-format registry: one module per app, detected automatically.

Each module defines ``SOURCES``, a list of :class:`~reflection_kit.sources._base.Source`.
Detection tries the specific formats first and the generic tables last.
"""

from __future__ import annotations

from functools import cache
from importlib import import_module

from ..errors import UnknownFormatError
from ._base import Source
from ._input import Input

__all__ = ["all_sources", "detect", "get_source"]

# Detection order matters: the generic readers come last.
_MODULES = ("dayone", "jrnl_json", "jrnl", "daylio", "loop", "markdown", "urgelog", "table")


@cache
def all_sources() -> tuple[Source, ...]:
    """Every registered source, in detection order."""
    out: list[Source] = []
    for name in _MODULES:
        out.extend(import_module(f"{__name__}.{name}").SOURCES)
    return tuple(out)


def get_source(kind: str, name: str) -> Source:
    """The source called ``name`` for ``kind``; a ValueError lists the known names."""
    for s in all_sources():
        if s.kind == kind and s.name == name:
            return s
    known = [s.name for s in all_sources() if s.kind == kind]
    raise ValueError(
        f"unknown {kind} format {name!r}. Known {kind} formats: {', '.join(known)}. "
        "Suggestion: leave format=None to detect it, or see rk.formats()."
    )


def detect(inp: Input, kind: str) -> Source:
    """The first source of ``kind`` whose detector accepts ``inp``."""
    tried: dict[str, str] = {}
    for s in all_sources():
        if s.kind != kind:
            continue
        try:
            reason = s.detect(inp)
        except Exception as exc:  # a detector must never crash a read
            reason = f"could not be checked ({type(exc).__name__}: {exc})"
        if reason is None:
            return s
        tried[s.name] = reason
    lines = "; ".join(f"{k}: {v}" for k, v in tried.items())
    raise UnknownFormatError(
        f"{inp.display}: not a {kind} export reflection-kit recognises. Tried {lines}. "
        f"Suggestion: pass format=... (see rk.formats()) or check that this is the exported "
        "file itself.",
        location=inp.display,
        tried=tried,
    )
