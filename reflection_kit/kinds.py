"""Map free-text urge labels to the five urge kinds.

The built-in alias table lives in ``reflection_kit/data/kind_aliases.csv``:
ordered regular expressions, first match wins. A label that matches nothing
becomes ``other`` and keeps its wording in ``label``. Users extend the table
with ``kinds={"my label": "check_social"}``; those exact labels (compared
without case and outer spaces) win over the built-in patterns.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Mapping
from functools import cache
from importlib import resources

import pandas as pd

from .frames import URGE_KINDS

__all__ = ["check_kinds", "kind_of", "map_kinds"]

_CANONICAL = (
    {k: k for k in URGE_KINDS}
    | {k.replace("_", " "): k for k in URGE_KINDS}
    | {"reach-out": "reach_out", "check-social": "check_social", "fantasise": "fantasize"}
)


@cache
def _patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    text = resources.files("reflection_kit").joinpath("data/kind_aliases.csv").read_text("utf-8")
    rows = sorted(csv.DictReader(text.splitlines()), key=lambda r: int(r["order"]))
    return tuple((r["kind"], re.compile(r["pattern"], re.IGNORECASE)) for r in rows)


def _norm(label: object) -> str:
    return " ".join(str(label).split()).casefold()


def check_kinds(kinds: Mapping[str, str] | None) -> dict[str, str]:
    """Validate a user's ``kinds=`` mapping; return it with normalised keys.

    Raises
    ------
    ValueError
        When a value is not one of the urge kinds; the message lists them.
    """
    if kinds is None:
        return {}
    if not isinstance(kinds, Mapping):
        raise TypeError(
            f"`kinds` must be a mapping from your label to an urge kind, got "
            f"{type(kinds).__name__}. Example: kinds={{'looked at his page': 'check_social'}}"
        )
    out = {}
    for label, kind in kinds.items():
        k = _CANONICAL.get(_norm(kind))
        if k is None:
            raise ValueError(
                f"`kinds` maps {label!r} to {kind!r}, which is not an urge kind. "
                f"Allowed kinds: {', '.join(URGE_KINDS)}."
            )
        out[_norm(label)] = k
    return out


def kind_of(label: object, kinds: Mapping[str, str] | None = None) -> str:
    """The urge kind of one free-text label.

    Parameters
    ----------
    label : str
        The person's own wording, for example ``"checked his IG"``.
    kinds : mapping, optional
        Extra labels mapped to kinds; they win over the built-in aliases.

    Returns
    -------
    str
        One of ``reach_out``, ``check_social``, ``reread``, ``fantasize``, ``other``.

    Examples
    --------
    >>> from reflection_kit.kinds import kind_of
    >>> kind_of("checked his IG"), kind_of("texted her"), kind_of("went running")
    ('check_social', 'reach_out', 'other')
    >>> kind_of("went running", {"went running": "other"})
    'other'
    """
    user = check_kinds(kinds)
    return _kind(label, user)


def _kind(label: object, user: Mapping[str, str]) -> str:
    if label is None or (isinstance(label, float) and label != label):
        return "other"
    n = _norm(label)
    if n in user:
        return user[n]
    if n in _CANONICAL:
        return _CANONICAL[n]
    for kind, pat in _patterns():
        if pat.search(n):
            return kind
    return "other"


def map_kinds(labels: pd.Series, kinds: Mapping[str, str] | None = None) -> pd.Series:
    """Vectorised :func:`kind_of` (each distinct label is matched once).

    Examples
    --------
    >>> import pandas as pd
    >>> from reflection_kit.kinds import map_kinds
    >>> map_kinds(pd.Series(["scrolled our chat", "daydreamed he'd come back"])).tolist()
    ['reread', 'fantasize']
    """
    user = check_kinds(kinds)
    uniq = pd.unique(labels.astype(object))
    table = {u: _kind(u, user) for u in uniq}
    return labels.astype(object).map(table).astype(object)
