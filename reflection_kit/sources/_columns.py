"""Header names of the table-like readers: matched without case, spaces or punctuation.

A reader lists, for each of its columns, the header names that mean it (its
synonyms); :func:`resolve_columns` finds them in a header, after the person's own
``columns=`` mapping.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

from ..errors import SchemaError

__all__ = ["norm_name", "resolve_columns", "schema_error"]


def schema_error(message: str, *, columns: Sequence[str], location: str) -> SchemaError:
    """A :class:`SchemaError` that also says where (``exc.location``), like a ParseError."""
    exc = SchemaError(message, columns=columns)
    exc.location = location
    return exc


def norm_name(name: object) -> str:
    """A header name without case, spaces or punctuation: ``"Gave in?"`` -> ``"gavein"``."""
    return re.sub(r"[^0-9a-z]+", "", str(name).casefold())


def resolve_columns(
    header: list[str],
    synonyms: Mapping[str, Iterable[str]],
    user: Mapping[str, str] | None,
    *,
    aliases: Mapping[str, str] | None = None,
) -> tuple[dict[str, int], list[str]]:
    """Map our column names to positions in ``header``.

    Parameters
    ----------
    header : list of str
        The header as written.
    synonyms : mapping
        Our name -> the header names that mean it (compared with :func:`norm_name`).
    user : mapping, optional
        The user's ``columns=``: their header name -> our name. Applied first.
    aliases : mapping, optional
        Extra accepted spellings of our names in ``user`` values.

    Returns
    -------
    (dict, list)
        Our name -> header position, and the notes worth telling the person
        (unused ``columns=`` keys, header columns that were not used).

    Raises
    ------
    ValueError
        When ``columns=`` maps to a name we do not know.
    """
    lookup = {norm_name(s): ours for ours, names in synonyms.items() for s in (ours, *names)}
    ours_by_norm = {norm_name(o): o for o in synonyms} | {
        norm_name(k): v for k, v in (aliases or {}).items()
    }
    found: dict[str, int] = {}
    notes: list[str] = []
    claimed: set[int] = set()
    for theirs, target in (user or {}).items():
        ours = ours_by_norm.get(norm_name(target))
        if ours is None:
            raise ValueError(
                f"`columns` maps {theirs!r} to {target!r}, which is not a column this reader "
                f"knows. Use one of: {', '.join(synonyms)}."
            )
        pos = [i for i, h in enumerate(header) if h == theirs] or [
            i for i, h in enumerate(header) if norm_name(h) == norm_name(theirs)
        ]
        if not pos:
            notes.append(f"columns= names {theirs!r}, but the header has no such column")
            continue
        found[ours] = pos[0]
        claimed.add(pos[0])
    unused = []
    for i, h in enumerate(header):
        if i in claimed:
            continue
        ours = lookup.get(norm_name(h))
        if ours is not None and ours not in found:
            found[ours] = i
        elif h.strip():
            unused.append(h)
    if unused:
        notes.append(f"column(s) not used: {', '.join(map(repr, unused[:8]))}")
    return found, notes
