"""Chrome history from Google Takeout (``BrowserHistory.json`` / ``History.json``).

Open takeout.google.com, choose *Chrome* (history), export as a zip. Pass the zip,
the ``Takeout`` folder or the history file itself: ``Chrome/BrowserHistory.json``,
``Chrome/History.json`` since 2023-24, localized (``Verlauf.json``,
``Geschiedenis.json``...). It is found by structure: a ``"Browser History"`` list
of ``{url, time_usec, ...}``.

Every visit of the person's profile page (``instagram.com/<handle>``,
``facebook.com/<vanity>`` or ``profile.php?id=<n>``, ``x.com/<handle>``,
``tiktok.com/@<handle>``...; matched on the URL only, never on the page title)
is a hit; hits on one profile within 30 minutes of the previous one are one
``check_social`` row ("profile visited (Chrome history)"), ``hits`` keeps the
count. Titles, favicons and every other URL are dropped while the file is read.

``time_usec`` is microseconds since the Unix epoch (UTC), shown on the clock of
``tz=``; a value in Chrome's own epoch (microseconds since 1601, as in the
browser's History database) is recognised by its size and read as such. Only
history synced to the Google account is in Takeout.

A Takeout that holds both Chrome history and My Activity (JSON) is read whole, and
the report's notes say so: My Activity adds its searches naming the person and the
visits the history lacks; a My Activity visit within 2 minutes of a history visit of
the same profile is that visit (Google logs it in both) and is not counted twice.
Pass ``format="my_activity"`` to read My Activity alone.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

import pandas as pd

from ._base import ReadContext, Source
from ._input import Input
from ._peek import head_text
from ._people import OPTIONS, People, person_option, profile_handle
from ._platform import epoch, load_json, not_this, safe_raw, set_policy
from ._visits import check_rows

__all__ = ["SOURCES", "profile_hits"]

#: Microseconds between 1601-01-01 (Chrome/WebKit epoch) and 1970-01-01.
WEBKIT_OFFSET_US = 11_644_473_600_000_000
#: A cheap first look: only URLs on these sites can be a profile page.
_SITES = re.compile(
    r"instagram\.|facebook\.|fb\.(?:com|me)|instagr\.am|twitter\.|x\.com|tiktok\.|threads\."
    r"|linkedin\."
)


def _history_files(inp: Input) -> list[str]:
    return [
        n
        for n in inp.names()
        if n.lower().endswith(".json")
        and (inp.kind == "file" or "chrome" in n.lower() or "history" in n.lower())
        and '"Browser History"' in head_text(inp, n, 4096)
    ]


def detect(inp: Input) -> str | None:
    """``None`` when ``inp`` holds a Takeout Chrome history (``"Browser History"``)."""
    if _history_files(inp):
        return None
    return "no Chrome 'Browser History' list (BrowserHistory.json / History.json)"


def _instant(usec: Any) -> pd.Timestamp | None:
    if isinstance(usec, bool) or not isinstance(usec, int | float | str):
        return None
    try:
        v = int(usec)
    except ValueError:
        return None
    if v > WEBKIT_OFFSET_US:  # past the year 2338 as Unix time: Chrome's own 1601 epoch
        v -= WEBKIT_OFFSET_US
    return epoch(v, "us")


def profile_hits(url: Any) -> tuple[str, str] | None:
    """``(site, handle)`` for a profile URL, with a cheap test before parsing it."""
    if not isinstance(url, str) or _SITES.search(url) is None:
        return None
    return profile_handle(url)


def read(inp: Input, ctx: ReadContext) -> pd.DataFrame:
    """Read Chrome history: visits of ``person``'s profile pages, as sessions.

    Parameters
    ----------
    inp : Input
        The Takeout zip or folder, or the history JSON.
    ctx : ReadContext
        With the ``person`` option.

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
    >>> rk.formats().set_index("name").loc["chrome", "kind"]
    'urges'
    """
    person = person_option(ctx)
    set_policy(ctx, instants="Chrome's time_usec")
    hits: list[tuple[Any, pd.Timestamp, str, str]] = []
    found: Counter[str] = Counter()
    names = _history_files(inp)
    if not names and inp.kind == "file":
        # the file itself was passed with format="chrome": a file cut short before its
        # first visit is read, and reported as one located problem, never skipped
        names = list(inp.names())
    for name in names:
        obj = load_json(inp, name, ctx, drop=("title", "favicon_url"), what="visits")
        if obj is None:
            continue
        visits = obj.get("Browser History") if isinstance(obj, dict) else None
        if not isinstance(visits, list):
            raise not_this(
                inp,
                name,
                "a Chrome history",
                "'Browser History' is not a list",
                "export Chrome history again from takeout.google.com.",
            )
        seen: dict[str, tuple[str, str] | None] = {}  # a history repeats its URLs
        for i, v in enumerate(visits, 1):
            url = v.get("url") if isinstance(v, dict) else None
            if not isinstance(url, str) or _SITES.search(url) is None:
                continue
            prof = seen[url] if url in seen else seen.setdefault(url, profile_handle(url))
            if prof is None:
                continue
            found[f"{prof[0]}/{prof[1]}"] += 1
            if person is None or not person.matches_handle(prof[1]):
                continue
            loc = f"{inp.where(name)} visit {i}"
            when = _instant(v.get("time_usec"))
            if when is None:
                ctx.found()
                ctx.problem(
                    loc,
                    "this visit of the person's profile has no usable time_usec; it was "
                    "skipped. Suggestion: export Chrome history again from Google Takeout.",
                    safe_raw("time_usec", type(v.get("time_usec")).__name__),
                )
                continue
            hits.append((prof, when, loc, "profile visited (Chrome history)"))
    if inp.kind != "file":
        hits += _my_activity_too(inp, ctx, person, found, hits)
    return check_rows(ctx, hits, fmt="chrome", where=inp.display, platform="Chrome", found=found)


#: A My Activity visit this close to a history visit of the same profile is that visit.
_SAME_VISIT = pd.Timedelta(minutes=2)


def _my_activity_too(
    inp: Input,
    ctx: ReadContext,
    person: People | None,
    found: Counter[str],
    history: list[tuple[Any, pd.Timestamp, str, str]],
) -> list[tuple[Any, pd.Timestamp, str, str]]:
    """The hits of a Takeout's My Activity, read beside its Chrome history.

    Google logs a page visited in Chrome in both files: a My Activity visit within
    :data:`_SAME_VISIT` of a history visit of the same profile is that visit and is
    not counted twice. Searches, and visits the history does not hold (another
    browser, history not synced), are read.
    """
    # deferred: import cycle: my_activity imports profile_hits from here
    from .my_activity import activity_files, collect

    names = activity_files(inp)
    if not names:
        return []
    times: dict[Any, list[pd.Timestamp]] = {}
    for key, when, _, _ in history:
        times.setdefault(key, []).append(when)
    more = collect(inp, ctx, names, person, found)
    kept = [h for h in more if not any(abs(h[1] - t) <= _SAME_VISIT for t in times.get(h[0], ()))]
    ctx.note(
        f"{inp.display} holds both Chrome history and Google My Activity ({len(names)} "
        f"file(s)): both were read. My Activity added {len(kept)} search(es) or visit(s) "
        f"about the person; {len(more) - len(kept)} of its visits were already in the Chrome "
        "history (within 2 minutes, same profile) and were not counted twice. Suggestion: "
        "pass format='chrome' with Chrome/History.json, or format='my_activity', to read one"
    )
    return kept


SOURCES = [
    Source(
        name="chrome",
        kind="urges",
        description="Chrome history from Google Takeout (BrowserHistory.json / History.json): "
        "visits of the person's profile pages (check_social, 30-minute sessions)",
        patterns=("BrowserHistory.json", "History.json", "*.zip"),
        how_to_export="Google Takeout (takeout.google.com): select Chrome → History, export "
        "as .zip; pass the zip or Chrome/History.json",
        detect=detect,
        read=read,
        options=OPTIONS,
    )
]
