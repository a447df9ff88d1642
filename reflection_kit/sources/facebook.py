"""Facebook: "recently visited" profiles from "Download your information" (JSON).

On Facebook open *Settings → Accounts Centre → Your information and permissions →
Download your information*, choose *Logged information* (or all), format **JSON**.
Pass the zip, the folder or ``recently_visited.json``
(``your_interactions_on_facebook/`` in 2022, later under ``logged_information/``).

``visited_things_v2`` (older: ``visited_things``) holds groups such as "Profile
visits" ("People whose profiles you've visited"), "Page visits", "Events
visited". The groups' names are localized, so they are not read: every entry
whose ``name`` or profile ``uri`` (``facebook.com/<vanity>``,
``profile.php?id=<number>``) is the person's is a visit, a ``check_social`` row
"profile visited on Facebook". Visits within 30 minutes of the previous one are
one check (``hits`` keeps the count). ``timestamp`` is epoch seconds (UTC).

When the download also holds Messenger threads, the user's messages to the
person are read too (as the ``messenger`` format reads them).
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import pandas as pd

from ._base import ReadContext, Source
from ._input import Input
from ._meta import read_threads, thread_files
from ._peek import head_text
from ._people import OPTIONS, norm_name, person_option, profile_handle
from ._platform import as_list, epoch, fix_mojibake, load_json, safe_raw, set_policy
from ._visits import check_rows

__all__ = ["SOURCES"]


def _visit_files(inp: Input) -> list[str]:
    return [
        n
        for n in inp.names()
        if n.lower().endswith(".json")
        and (inp.kind == "file" or "visit" in n.rsplit("/", 1)[-1].lower())
        and '"visited_things' in head_text(inp, n, 4096)
    ]


def detect(inp: Input) -> str | None:
    """``None`` when ``inp`` holds Facebook's recently visited profiles."""
    if _visit_files(inp):
        return None
    return "no Facebook 'visited_things_v2' (recently_visited.json)"


def _entries(obj: Any) -> list[dict[str, Any]]:
    groups = (
        obj.get("visited_things_v2", obj.get("visited_things")) if isinstance(obj, dict) else None
    )
    out = []
    for g in as_list(groups):
        for e in as_list(g.get("entries")) if isinstance(g, dict) else []:
            if isinstance(e, dict):
                out.append(e)
    return out


def read(inp: Input, ctx: ReadContext) -> pd.DataFrame:
    """Read Facebook's recently visited profiles: visits of ``person``'s profile, as sessions.

    Parameters
    ----------
    inp : Input
        The download (zip or folder) or ``recently_visited.json``.
    ctx : ReadContext
        With the ``person`` option (and ``me``, ``groups`` for Messenger threads).

    Returns
    -------
    pandas.DataFrame
        ``check_social`` rows (visit sessions; ``hits`` visits each), with ``instant``.

    Raises
    ------
    PersonNeeded
        Without ``person=``: lists the profiles visited and how often.

    Examples
    --------
    >>> import reflection_kit as rk
    >>> rk.formats().set_index("name").loc["facebook", "kind"]
    'urges'
    """
    person = person_option(ctx)
    set_policy(ctx, instants="Facebook's timestamps")
    hits: list[tuple[Any, pd.Timestamp, str, str]] = []
    found: Counter[str] = Counter()
    for name in _visit_files(inp):
        obj = load_json(inp, name, ctx, drop=("description",), what="visits")
        for i, e in enumerate(_entries(obj), 1):
            data = e.get("data") if isinstance(e.get("data"), dict) else {}
            who = fix_mojibake(data["name"]) if isinstance(data.get("name"), str) else ""
            prof = profile_handle(data.get("uri"))
            found[who or (prof[1] if prof else "?")] += 1
            if person is None or not (
                person.matches(who) or (prof and person.matches_handle(prof[1]))
            ):
                continue
            loc = f"{inp.where(name)} visit {i}"
            ts = e.get("timestamp")
            when = epoch(ts, "s")
            if when is None:
                ctx.found()
                ctx.problem(
                    loc,
                    "this visit of the person's profile has no usable timestamp; it was "
                    "skipped. Suggestion: download your information again in JSON format.",
                    safe_raw(
                        "timestamp", ts if isinstance(ts, int | float) else type(ts).__name__
                    ),
                )
                continue
            key = prof[1] if prof else norm_name(who)  # "S. R." and "Sam Rivera": one profile
            hits.append((key, when, loc, "profile visited on Facebook"))
    visits = check_rows(
        ctx, hits, fmt="facebook", where=inp.display, platform="Facebook", found=found
    )
    if inp.kind == "file" or not thread_files(inp):
        return visits
    messages = read_threads(inp, ctx, "Messenger")
    frames = [f for f in (visits, messages) if len(f)] or [visits]
    return pd.concat(frames, ignore_index=True)


SOURCES = [
    Source(
        name="facebook",
        kind="urges",
        description="Facebook download (JSON): visits of the person's profile from "
        "recently_visited.json (check_social, 30-minute sessions), and Messenger threads in it",
        patterns=("recently_visited.json", "*.zip"),
        how_to_export="Facebook: Accounts Centre → Your information and permissions → Download "
        "your information → Logged information (and Messages), format JSON",
        detect=detect,
        read=read,
        options=OPTIONS,
    )
]
