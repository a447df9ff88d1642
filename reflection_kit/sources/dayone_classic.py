"""Day One Classic: the ``.dayone`` journal package of Day One 1.x (before 2016).

Day One Classic kept its journal as a folder (a macOS "package") named
``Journal.dayone`` with one XML property list per entry in ``entries/``
(``<UUID>.doentry``) and the pictures in ``photos/``. There is no export menu:
pass the ``.dayone`` folder (on a Mac, right-click it > Show Package
Contents shows the files; Day One Classic's Preferences > Sync show where it
is), a zip of it, or a single ``.doentry`` file. jrnl reads the same folders.

Each entry is read with :mod:`plistlib`, as jrnl does: ``Creation Date`` is a
UTC instant and ``Time Zone`` (when present; older entries lack it) the IANA
zone the person was in, so each entry keeps its own local day. An entry without
a zone is placed in the read's ``tz`` and the report's notes say so.

Columns filled: ``entry_id`` (the ``UUID``), ``instant`` + ``tz``, ``title``
(the first non-empty line, as for Day One JSON), ``text`` (``Entry Text``, with
markdown backslash escapes undone), ``tags`` (lower-cased, as jrnl reads them),
``journal`` (the package name without ``.dayone``) and the extras ``starred``
and ``media`` (0: Classic keeps photos beside the entry, not in its text).

An entry without ``Entry Text`` is an empty entry: loaded with empty text and
named in the report's notes, as for Day One JSON. A damaged file or an entry
without ``Creation Date`` is a located problem; the other entries are read.
"""

from __future__ import annotations

import plistlib
from datetime import UTC, datetime
from pathlib import PurePosixPath
from typing import Any

import pandas as pd

from ..errors import ParseError
from ._base import ReadContext, Source
from ._dayone_text import clean_text
from ._input import Input
from .dayone import _check_zones

__all__ = ["SOURCES", "detect", "read"]

_SUFFIX = ".doentry"
_COLUMNS = (
    "entry_id",
    "instant",
    "tz",
    "title",
    "text",
    "tags",
    "starred",
    "media",
    "journal",
    "origin",
)


def _entry_names(inp: Input) -> list[str]:
    return [n for n in inp.names() if n.lower().endswith(_SUFFIX)]


def detect(inp: Input) -> str | None:
    """``None`` when ``inp`` holds Day One Classic ``.doentry`` files, else why not."""
    if _entry_names(inp):
        return None
    return "no .doentry files (a Day One Classic .dayone folder)"


def _journal(inp: Input, name: str) -> str:
    """The journal name: the ``.dayone`` package holding the entry, else the input's name."""
    for part in reversed(PurePosixPath(name).parts[:-1]):
        if part.lower().endswith(".dayone"):
            return part[: -len(".dayone")] or part
    stem = inp.path.name
    if stem.lower().endswith(".dayone"):
        stem = stem[: -len(".dayone")]
    elif inp.kind == "file":
        stem = inp.path.resolve().parent.parent.name.removesuffix(".dayone")
    else:
        stem = inp.path.stem
    return stem or "Day One"


def _bad(entry: Any) -> str | None:
    """Why a parsed entry cannot be loaded, or ``None``."""
    if not isinstance(entry, dict):
        return f"the entry is a {type(entry).__name__}, not a dictionary of entry fields"
    created = entry.get("Creation Date")
    if not isinstance(created, datetime):
        return "the entry has no 'Creation Date'"
    text = entry.get("Entry Text")
    if text is not None and not isinstance(text, str):
        return f"'Entry Text' should be text, got {type(text).__name__}"
    return None


def _row(entry: dict[str, Any], journal: str, origin: str) -> dict[str, Any]:
    created: datetime = entry["Creation Date"]
    instant = created.replace(tzinfo=UTC) if created.tzinfo is None else created.astimezone(UTC)
    title, text, media = clean_text(entry.get("Entry Text") or "")
    tags = entry.get("Tags")
    tags = [t.lower() for t in tags if isinstance(t, str) and t] if isinstance(tags, list) else []
    zone = entry.get("Time Zone")
    uuid = entry.get("UUID")
    return {
        "entry_id": uuid if isinstance(uuid, str) else "",
        "instant": pd.Timestamp(instant),
        "tz": zone if isinstance(zone, str) and zone else None,
        "title": title,
        "text": text,
        "tags": list(dict.fromkeys(tags)),
        "starred": entry.get("Starred") is True,
        "media": media,
        "journal": journal,
        "origin": origin,
    }


def read(inp: Input, ctx: ReadContext) -> pd.DataFrame:
    """Read a Day One Classic journal (a ``.dayone`` folder, a zip of it, or one entry).

    Parameters
    ----------
    inp : Input
        The journal, opened with :meth:`Input.open`.
    ctx : ReadContext
        Collects counts, problems and notes.

    Returns
    -------
    pandas.DataFrame
        One row per entry, for :func:`~reflection_kit.sources._finalize.finalize`.

    Raises
    ------
    ParseError
        When the input holds no ``.doentry`` file.
    """
    names = _entry_names(inp)
    if not names:
        raise ParseError(
            f"{inp.display}: no .doentry files inside, so it is not a Day One Classic "
            "journal. Suggestion: pass the Journal.dayone folder itself (its entries/ folder "
            "holds one .doentry file per entry), or leave format=None to detect the format.",
            location=inp.display,
            reason="not a Day One Classic journal: no .doentry files",
        )
    ctx.found(len(names))
    rows = []
    textless: list[str] = []
    for name in names:
        where = inp.where(name)
        try:
            entry = plistlib.loads(inp.read_bytes(name))
        except ParseError as exc:  # a damaged zip member: this entry only
            ctx.problem(where, f"{exc.reason}; this entry was not read.", name)
            continue
        except Exception as exc:  # plistlib raises several types for damaged files
            ctx.problem(
                where,
                f"this entry file is not a readable property list ({type(exc).__name__}: "
                f"{exc}); it was not loaded. Suggestion: open the journal in Day One (or jrnl) "
                "to check the entry, or restore the file from a backup.",
                name,
            )
            continue
        why = _bad(entry)
        if why is not None:
            ctx.problem(
                where,
                f"{why}; this entry was skipped. Suggestion: fix it in Day One and read the "
                "journal again.",
                repr(entry)[:120],
            )
            continue
        rows.append(_row(entry, _journal(inp, name), where))
        if entry.get("Entry Text") is None:
            textless.append(where)
    if textless:
        more = f" and {len(textless) - 3} more" if len(textless) > 3 else ""
        ctx.note(
            f"{len(textless)} entr{'y has' if len(textless) == 1 else 'ies have'} no 'Entry "
            f"Text' at all (an empty entry, as Day One shows it): {', '.join(textless[:3])}"
            f"{more}. They were loaded with empty text. Suggestion: delete them in Day One if "
            "they were made by accident."
        )
    if not rows:
        return pd.DataFrame({c: pd.Series([], dtype=object) for c in _COLUMNS})
    frame = pd.DataFrame(rows, columns=list(_COLUMNS))
    frame["instant"] = pd.to_datetime(frame["instant"], utc=True)
    frame["tz"] = frame["tz"].astype(object)
    _check_zones(frame, ctx)
    return frame


SOURCES = [
    Source(
        name="dayone_classic",
        kind="journal",
        description="Day One Classic journal: a .dayone folder of .doentry files, each entry "
        "in its own zone",
        patterns=("Journal.dayone folder", "*.doentry", "zip of a .dayone folder"),
        how_to_export=(
            "Day One Classic (1.x): no export needed; pass the Journal.dayone folder "
            "(entries/*.doentry), or a zip of it"
        ),
        detect=detect,
        read=read,
        options={},
        zoned=True,
    )
]
