"""Google My Activity from Takeout (``My Activity/<product>/MyActivity.json``).

Open takeout.google.com, choose *My Activity*, and under *Multiple formats* set
**JSON** (the default is HTML). Pass the zip, the folder or a ``MyActivity.json``.
The HTML variant (``MyActivity.html``) is refused with what to do: its dates
carry a misleading zone abbreviation.

Read by structure, whatever the account's language (titles such as "Visited",
"Searched for" are localized and are not read):

* an item whose ``titleUrl`` is a Google search (``google.com/search?q=...``) is a
  search; when the query names the person (a name or handle as whole words) it is
  a ``check_social`` row "searched for them on Google";
* any other ``titleUrl`` (unwrapped from ``google.com/url?q=<target>``) is a visit;
  a visit of the person's profile page is a ``check_social`` row "profile visited
  (Google activity)".

Hits on one profile (or searches) within 30 minutes of the previous one are one
check; ``hits`` keeps the count. ``time`` is ISO 8601 in UTC. Queries, titles and
other URLs are dropped as the file is read; an error never quotes them.
"""

from __future__ import annotations

from collections import Counter
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pandas as pd

from ..errors import ParseError
from ._base import ReadContext, Source
from ._input import Input
from ._peek import head_text
from ._people import OPTIONS, People, person_option
from ._platform import as_list, load_json, not_this, safe_raw, set_policy
from ._visits import check_rows
from .chrome import profile_hits

__all__ = ["SOURCES", "activity_files", "collect"]


def _files(inp: Input, ext: str) -> list[str]:
    return [
        n
        for n in inp.names()
        if n.lower().endswith(ext)
        and (inp.kind == "file" or "activit" in n.lower() or "aktivit" in n.lower())
    ]


def _is_activity(head: str) -> bool:
    h = head.lstrip(" \t\n\ufeff")
    return h.startswith("[") and '"time"' in head and ('"header"' in head or '"products"' in head)


def activity_files(inp: Input) -> list[str]:
    """The My Activity JSON files of ``inp`` (found by their first bytes)."""
    return [n for n in _files(inp, ".json") if _is_activity(head_text(inp, n, 4096))]


def _html_files(inp: Input) -> list[str]:
    return [n for n in _files(inp, ".html") if "outer-cell" in head_text(inp, n, 65536)]


def detect(inp: Input) -> str | None:
    """``None`` when ``inp`` holds Google My Activity (JSON, or the refused HTML)."""
    if activity_files(inp) or _html_files(inp):
        return None
    return "no Google My Activity list ('header', 'title', 'time') in MyActivity.json"


def _google_search(url: str) -> str | None:
    """The query of a Google search URL, else None."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if "google." in host and parts.path.rstrip("/") in ("/search", "/webhp"):
        q = parse_qs(parts.query).get("q")
        return q[0] if q else ""
    return None


def _target(url: str) -> str:
    """The page behind Google's ``/url?q=`` redirect (or ``url`` itself)."""
    parts = urlsplit(url)
    if "google." in (parts.hostname or "").lower() and parts.path == "/url":
        q = parse_qs(parts.query).get("q") or parse_qs(parts.query).get("url")
        if q:
            return q[0]
    return url


def collect(
    inp: Input,
    ctx: ReadContext,
    names: list[str],
    person: People | None,
    found: Counter[str],
) -> list[tuple[Any, pd.Timestamp, str, str]]:
    """The hits ``(key, instant, origin, label)`` about ``person`` in My Activity files.

    A search's key is ``("search", person)``, a visit's the profile ``(site, handle)``;
    every profile visited is counted in ``found``.
    """
    hits: list[tuple[Any, pd.Timestamp, str, str]] = []
    for name in names:
        items = load_json(inp, name, ctx, drop=("title", "subtitles", "details"), what="items")
        if items is not None and not isinstance(items, list):
            raise not_this(
                inp,
                name,
                "Google My Activity",
                "the file is not a list of activity items",
                "export My Activity again from takeout.google.com, choosing JSON.",
            )
        for i, item in enumerate(as_list(items), 1):
            url = item.get("titleUrl") if isinstance(item, dict) else None
            if not isinstance(url, str):
                continue
            query = _google_search(url)
            key: Any = None
            if query is not None:
                if person is not None and query and person.in_text(query):
                    key, label = ("search", person.shown), "searched for them on Google"
            else:
                prof = profile_hits(_target(url))
                if prof is not None:
                    found[f"{prof[0]}/{prof[1]}"] += 1
                    if person is not None and person.matches_handle(prof[1]):
                        key, label = prof, "profile visited (Google activity)"
            if key is None:
                continue
            loc = f"{inp.where(name)} item {i}"
            raw = item.get("time")
            when = (
                pd.to_datetime(raw, utc=True, errors="coerce", format="ISO8601")
                if isinstance(raw, str)
                else pd.NaT
            )
            if pd.isna(when):
                ctx.found()
                ctx.problem(
                    loc,
                    "this item about the person has no usable 'time'; it was skipped. "
                    "Suggestion: export My Activity again (JSON) from Google Takeout.",
                    safe_raw("time", type(item.get("time")).__name__),
                )
                continue
            hits.append((key, when, loc, label))
    return hits


def read(inp: Input, ctx: ReadContext) -> pd.DataFrame:
    """Read Google My Activity: searches naming ``person`` and visits of their profile.

    Parameters
    ----------
    inp : Input
        The Takeout zip or folder, or a ``MyActivity.json``.
    ctx : ReadContext
        With the ``person`` option.

    Returns
    -------
    pandas.DataFrame
        ``check_social`` rows (sessions; ``hits`` each), with ``instant``.

    Raises
    ------
    ParseError
        When only the HTML variant is there (download JSON instead), when a folder or
        zip holds no My Activity file, or when a file is not a list of activity items.
    PersonNeeded
        Without ``person=``: lists the profiles visited and how often.

    Examples
    --------
    >>> import reflection_kit as rk
    >>> rk.formats().set_index("name").loc["my_activity", "kind"]
    'urges'
    """
    names = activity_files(inp)
    html = [] if names else _html_files(inp)
    if not names and inp.kind == "file" and not html:
        # the file itself was passed with format="my_activity": a file cut short before
        # its first item is read, and reported as one located problem, never skipped
        names = list(inp.names())
    if not names and not html:
        raise ParseError(
            f"{inp.display}: no Google My Activity file (My Activity/<product>/MyActivity.json)"
            " was found inside. Suggestion: pass the Takeout zip or folder holding My Activity"
            " in JSON, or the MyActivity.json file itself.",
            location=inp.display,
            reason="no My Activity JSON inside",
        )
    if not names:
        where = inp.where(html[0])
        raise ParseError(
            f"{where}: this is Google My Activity in HTML, which reflection-kit does not read "
            "(its dates carry the zone of the export day, not of the event). Suggestion: in "
            "Google Takeout, under My Activity → Multiple formats, choose JSON and export again.",
            location=where,
            reason="My Activity HTML is not read",
        )
    person = person_option(ctx)
    set_policy(ctx, instants="My Activity's 'time'")
    found: Counter[str] = Counter()
    hits = collect(inp, ctx, names, person, found)
    return check_rows(
        ctx,
        hits,
        fmt="my_activity",
        where=inp.display,
        platform="Google My Activity",
        found=found,
    )


SOURCES = [
    Source(
        name="my_activity",
        kind="urges",
        description="Google My Activity from Takeout (JSON): searches naming the person and "
        "visits of their profile pages (check_social, 30-minute sessions); HTML refused",
        patterns=("MyActivity.json", "*.zip"),
        how_to_export="Google Takeout: select My Activity, Multiple formats → JSON, export as "
        ".zip; pass the zip or My Activity/<product>/MyActivity.json",
        detect=detect,
        read=read,
        options=OPTIONS,
    )
]
