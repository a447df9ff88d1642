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
_MODULES = (
    "dayone",
    "dayone_classic",
    "jrnl_json",
    "jrnl",
    "daylio",
    "loop",
    "markdown",
    "whatsapp",
    "telegram",
    "instagram",
    "facebook",
    "messenger",
    "chrome",
    "my_activity",
    "urgelog",
    "table",
)


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


#: How a format is named when an input of the other kind is recognised as it.
_PLAIN_NAMES = {
    "dayone": "a Day One journal",
    "dayone_classic": "a Day One Classic journal",
    "jrnl_json": "a jrnl journal (JSON export)",
    "jrnl": "a jrnl journal",
    "daylio": "a Daylio export",
    "loop": "a Loop Habit Tracker export",
    "markdown": "a folder of Markdown notes",
    "whatsapp": "a WhatsApp chat export",
    "urgelog": "an urge log",
    "table": "a journal table",
}
_KIND_WORDS = {"journal": "journal", "urges": "urge log"}
#: Formats read from a platform's data download (evidence of reaching out and checking).
_PLATFORMS = frozenset(
    {"whatsapp", "telegram", "messenger", "instagram", "facebook", "chrome", "my_activity"}
)
_FLAGS = {"journal": ("--journal", "journal="), "urges": ("--urges", "urges=")}


def _other_kind(inp: Input, kind: str) -> Source | None:
    """The first source of the other kind that accepts ``inp`` (or ``None``)."""
    for s in all_sources():
        if s.kind == kind:
            continue
        try:
            if s.detect(inp) is None:
                return s
        except Exception:  # a detector must never crash a read
            continue
    return None


def detect(inp: Input, kind: str) -> Source:
    """The first source of ``kind`` whose detector accepts ``inp``.

    When none does, the sources of the other kind are tried, so that an export
    passed as the wrong kind (a Day One journal given as urges) is named in the
    :class:`UnknownFormatError` with what to do; the error's ``looks_like``
    attribute is then ``(kind, format)`` of what it looks like, else ``None``.
    """
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
    other = _other_kind(inp, kind)
    if other is not None:
        flag, kw = _FLAGS[other.kind]
        what = _PLAIN_NAMES.get(other.name, f"a {other.name} export")
        if other.name in _PLATFORMS:
            suggestion = (
                "pass it as a platform download (--evidence with --person on the command "
                "line, rk.read_urges(path, person=[...]) in Python)."
            )
        else:
            suggestion = (
                f"pass it as {_article(other.kind)} {_KIND_WORDS[other.kind]} ({flag} on the "
                f"command line, {kw} in Python)."
            )
        err = UnknownFormatError(
            f"{inp.display}: this looks like {what} (format {other.name}), not {_article(kind)}"
            f" {_KIND_WORDS[kind]}. Suggestion: {suggestion}",
            location=inp.display,
            tried=tried,
        )
        err.looks_like = (other.kind, other.name)
        raise err
    lines = "; ".join(f"{k}: {v}" for k, v in tried.items())
    err = UnknownFormatError(
        f"{inp.display}: not a {kind} export reflection-kit recognises. Tried {lines}. "
        f"Suggestion: pass format=... (see rk.formats()) or check that this is the exported "
        "file itself.",
        location=inp.display,
        tried=tried,
    )
    err.looks_like = None
    raise err


def _article(kind: str) -> str:
    return "an" if kind == "urges" else "a"
