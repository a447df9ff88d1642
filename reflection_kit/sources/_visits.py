"""Profile visits and searches as checks: matching, sessions and rows.

Shared by the Facebook, Chrome and Google My Activity readers. A hit is one
visit or search of the person's profile found in the download; hits on one
profile within :data:`~._platform.SESSION_GAP` (30 minutes) of the previous hit
are one ``check_social`` row, whose ``hits`` column keeps the raw count.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import pandas as pd

from ._base import ReadContext
from ._people import need_person
from ._platform import event_frame, sessions, stable_id

__all__ = ["check_rows"]


def check_rows(
    ctx: ReadContext,
    hits: list[tuple[Any, pd.Timestamp, str, str]],
    *,
    fmt: str,
    where: str,
    platform: str,
    found: Counter[str],
    unit: str = "visits",
) -> pd.DataFrame:
    """Sessions of ``hits`` ``(key, instant, origin, label)`` as ``check_social`` rows.

    Without ``person=`` raises :class:`~._people.PersonNeeded` listing ``found``.
    """
    if ctx.option("person") is None:
        raise need_person(where, platform, found, unit)
    rows = []
    for (key, label), when, origin, n in sessions(((h[0], h[3]), h[1], h[2]) for h in hits):
        ctx.found()
        rows.append(
            {
                "urge_id": stable_id(fmt, key, label, when.isoformat()),
                "kind": "check_social",
                "label": label,
                "acted": True,
                "hits": n,
                "origin": origin,
                "instant": when,
            }
        )
    if hits:
        ctx.note(
            f"{len(hits)} visit(s) or search(es) of the person's profile, in {len(rows)} "
            "check(s): hits within 30 minutes of the previous one are one check"
        )
    return event_frame(rows, "instant")
