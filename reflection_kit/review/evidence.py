"""What the downloads show: the urge log beside the platform downloads, in gentle words.

:func:`logged_vs_shown_words` turns a :class:`~reflection_kit.LoggedVsShown` into a
few plain sentences ("The downloads show 3 days with messages or calls that the log
did not record.") and a small table, every figure with its n; :func:`section` is the
review's whole section, from the urge log and the downloads loaded with
:func:`~reflection_kit.load_exports`.

Privacy: nothing here ever shows a name, a handle, a file name or a message text.
The sentences are built from counts and dates only; the downloads' rows carry no
text (the readers drop it). Messages about downloads that could not be read pass the
review's :class:`~reflection_kit.review.PrivacyPolicy`: unless the mode is
``"full"``, every quoted value in them is hidden (they can list the names found in a
chat) and the files are named "file 1 (txt)"... In ``"aggregate"`` mode only the
totals are shown, not the list of days.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

import pandas as pd

from ..metrics.evidence import LoggedVsShown, logged_vs_shown
from ..workspace import Exports
from .content import Html, missing, paragraph, table
from .policy import PrivacyPolicy

__all__ = ["logged_vs_shown_words", "section"]

#: How each kind is named: (what the downloads hold, the act in the log's words).
_WORDS = {
    "reach_out": ("messages or calls", "reaching out", "that there was contact"),
    "check_social": (
        "profile visits or searches",
        "checking their profile",
        "that their profile was looked at",
    ),
}
_ROWS = {
    "reach_out": ("message or call", "messages or calls"),
    "check_social": ("check", "checks"),
}
_WHY = {
    "reach_out": "a call, another app or a deleted chat can explain it",
    "check_social": "an app whose history cannot be downloaded can explain it",
}


def _days(n: int) -> str:
    return f"{n} day{'' if n == 1 else 's'}"


def _span(first: pd.Timestamp, last: pd.Timestamp) -> str:
    if first.year == last.year:
        return f"{first:%-d %b} – {last:%-d %b %Y}"
    return f"{first:%-d %b %Y} – {last:%-d %b %Y}"


def _kind_sentences(kind: str, row: pd.Series) -> list[str]:
    held, act, agree = _WORDS.get(kind, (f"{kind} rows", kind.replace("_", " "), "about it"))
    n = int(row["days_compared"])
    if not n:
        return [f"For {act}, the log and the downloads share no days, so nothing is compared."]
    out = [
        f"For {act}, {_days(n)} are covered by both the log and the downloads "
        f"({_span(row['first_day'], row['last_day'])}; n={n})."
    ]
    only_dl, only_log = int(row["only_in_downloads"]), int(row["only_in_log"])
    if only_dl:
        out.append(f"The downloads show {_days(only_dl)} with {held} that the log did not record.")
    else:
        out.append(f"The downloads show no day with {held} that the log did not record.")
    if only_log:
        why = _WHY.get(kind, "")
        out.append(
            f"The log records {_days(only_log)} of {act} that the downloads do not show"
            + (f" ({why})." if why else ".")
        )
    both, neither = int(row["both"]), int(row["neither"])
    if both:
        out.append(f"On {_days(both)} both agree {agree}.")
    if neither:
        out.append(f"On {_days(neither)} neither shows any.")
    unsure = int(row["log_does_not_say"])
    if unsure:
        out.append(f"On {_days(unsure)} the log does not say, so they are not compared.")
    outside = int(row.get("shown_outside", 0))
    if outside:
        one, many = _ROWS.get(kind, ("row", "rows"))
        out.append(
            f"{outside} {one if outside == 1 else many} in the downloads fall on days the log "
            "does not cover and are not compared."
        )
    return out


def logged_vs_shown_words(
    result: LoggedVsShown, *, privacy: str | PrivacyPolicy = "full", days: int = 12
) -> Html:
    """The comparison in plain, gentle sentences, with a table of the counts.

    Parameters
    ----------
    result : LoggedVsShown
        From :func:`reflection_kit.logged_vs_shown`.
    privacy : str or PrivacyPolicy, default "full"
        In ``"aggregate"`` mode only the totals are shown, not the days that differ.
    days : int, default 12
        At most this many days where the two differ are listed (newest first).

    Returns
    -------
    Html
        A paragraph per kind (class ``rk-evidence``), the table of days per status, and
        the days that differ (unless aggregate). No name or text appears.

    Examples
    --------
    >>> import pandas as pd
    >>> from reflection_kit.metrics.evidence import LoggedVsShown
    >>> row = dict(days_compared=30, both=2, only_in_downloads=3, only_in_log=1, neither=24,
    ...            log_does_not_say=0, shown_outside=0, first_day=pd.Timestamp("2025-03-01"),
    ...            last_day=pd.Timestamp("2025-03-30"))
    >>> summary = pd.DataFrame([row], index=pd.Index(["reach_out"], name="kind"))
    >>> words = logged_vs_shown_words(LoggedVsShown(pd.DataFrame(), summary, ("reach_out",)))
    >>> "The downloads show 3 days with messages or calls that the log did not record." in words
    True
    """
    policy = PrivacyPolicy.of(privacy)
    parts = []
    for kind, row in result.summary.iterrows():
        text = " ".join(_kind_sentences(str(kind), row))
        parts.append(f'<p class="rk-evidence">{html.escape(text)}</p>')
    compared = result.summary[result.summary["days_compared"] > 0]
    if len(compared):
        counts = pd.DataFrame(
            {
                "": [_WORDS.get(str(k), (k, str(k)))[1] for k in compared.index],
                "days compared (n)": compared["days_compared"].to_numpy(),
                "both": compared["both"].to_numpy(),
                "only in downloads": compared["only_in_downloads"].to_numpy(),
                "only in log": compared["only_in_log"].to_numpy(),
                "neither": compared["neither"].to_numpy(),
            }
        )
        parts.append(table(counts))
    differ = result.days
    if len(differ):
        differ = differ[differ["status"].isin(["only in downloads", "only in log"])]
    if policy.mode != "aggregate" and len(differ):
        shown = differ.sort_values("date", ascending=False).head(days)
        listed = pd.DataFrame(
            {
                "day": [f"{d:%a %-d %b %Y}" for d in shown["date"]],
                "": [_WORDS.get(k, (k, k))[1] for k in shown["kind"]],
                "in the log (acted)": shown["logged"].to_numpy(),
                "in the downloads": shown["shown"].to_numpy(),
            }
        )
        more = len(differ) - len(shown)
        parts.append(
            f"<p>The days where the two differ{' (the latest ' + str(days) + ')' if more else ''}:"
            "</p>"
        )
        parts.append(table(listed))
    return Html("".join(parts))


def section(
    log: pd.DataFrame,
    evidence: Exports | None,
    *,
    privacy: str | PrivacyPolicy = "full",
    people: Sequence[str] = (),
    start: object = None,
    end: object = None,
) -> Html:
    """The review's "What the downloads show" section.

    Parameters
    ----------
    log : pandas.DataFrame
        The urge log (the review's urge frame).
    evidence : Exports or None
        The downloads, loaded with :func:`reflection_kit.load_exports` (as urges, with
        ``person``); ``None`` or empty when none were shared.
    privacy : str or PrivacyPolicy, default "full"
        The review's policy (see the module docstring).
    people : sequence of str
        Names to hide (with a mode name for ``privacy``).
    start, end : date-like, optional
        Limit the comparison to these days.

    Returns
    -------
    Html
        One gentle line when no download was shared or nothing can be compared;
        otherwise the sentences and tables of :func:`logged_vs_shown_words`, after a
        line for each download that could not be read.

    Examples
    --------
    >>> from reflection_kit.frames import empty_urges
    >>> "No platform downloads were shared" in section(empty_urges(), None)
    True
    """
    policy = PrivacyPolicy.of(privacy, people)
    if evidence is None or (not evidence.reports and not evidence.failures):
        return missing(
            "No platform downloads were shared, so the urge log is not compared with them."
        )
    parts: list[str] = []
    if evidence.failures:
        shown_policy = (
            policy if policy.mode == "full" else PrivacyPolicy("aggregate", people=policy.people)
        )
        for message in shown_policy.failure_messages(evidence.failures):
            parts.append(missing(message))
    shown = evidence.urges
    if not len(log):
        parts.append(missing("No urge log was shared, so there is nothing to compare with."))
    elif not len(shown) and evidence.reports:
        parts.append(
            missing(
                "The downloads hold no messages, calls or profile checks of the person, so "
                "there is nothing to compare with the log."
            )
        )
    elif len(shown):
        result = logged_vs_shown(log, shown, start=start, end=end)
        n = len(evidence.reports)
        parts.append(
            paragraph(
                f"{n} download{' was' if n == 1 else 's were'} read: {len(shown)} "
                f"message{'' if len(shown) == 1 else 's'}, calls and profile checks in all "
                "(only when each happened: their words are never read)."
            )
        )
        parts.append(logged_vs_shown_words(result, privacy=policy))
    return Html("".join(parts))
