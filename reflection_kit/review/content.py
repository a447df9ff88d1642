"""The pieces the review notebook shows: plain words and escaped HTML.

Every function here returns :class:`Html` (a ``str`` that notebooks display as
HTML). All user text is HTML-escaped. What may be shown is decided by one
:class:`~reflection_kit.review.PrivacyPolicy`: the review notebook protects the
loaded exports with it once (:meth:`PrivacyPolicy.exports`), so the summary, the
tables and the figures only ever see protected data, and the functions here that
quote the journal itself (:func:`examples`, :func:`prompts_answered`) or list the
files (:func:`data_quality`) take the policy (or a mode name) as ``privacy``.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from ..frames import COPING_STRATEGIES
from ..metrics import compare, streak_summary, urge_stats
from ..prompt_sets import prompt_answers
from ..text import explain, split_sentences
from ..workspace import Exports
from .policy import PrivacyPolicy

__all__ = [
    "Html",
    "Period",
    "data_quality",
    "examples",
    "heading",
    "missing",
    "paragraph",
    "period_of",
    "prompts_answered",
    "strategy_name",
    "summary",
    "table",
    "title",
]


class Html(str):
    """A string that Jupyter shows as HTML."""

    def _repr_html_(self) -> str:
        return str(self)


def paragraph(text: object) -> Html:
    """Any text (or object's ``str``) as an escaped paragraph.

    Parameters
    ----------
    text : object
        Shown through ``str()``, every character escaped.

    Returns
    -------
    Html

    Examples
    --------
    >>> paragraph("urges < 3 a day")
    '<p>urges &lt; 3 a day</p>'
    """
    return Html(f"<p>{html.escape(str(text))}</p>")


def heading(text: str) -> Html:
    """An escaped third-level heading.

    Parameters
    ----------
    text : str
        The heading.

    Returns
    -------
    Html

    Examples
    --------
    >>> heading("Every run so far")
    '<h3>Every run so far</h3>'
    """
    return Html(f"<h3>{html.escape(text)}</h3>")


def missing(message: str) -> Html:
    """A plain sentence saying what cannot be shown, and why.

    Parameters
    ----------
    message : str
        The sentence, in gentle, plain words.

    Returns
    -------
    Html
        A paragraph of class ``rk-missing``.

    Examples
    --------
    >>> missing("No urge log was shared.")
    '<p class="rk-missing">No urge log was shared.</p>'
    """
    return Html(f'<p class="rk-missing">{html.escape(message)}</p>')


def table(frame: pd.DataFrame, *, index: bool = False, float_format: str = "{:.2f}") -> Html:
    """An escaped HTML table (every cell escaped, floats rounded).

    Parameters
    ----------
    frame : pandas.DataFrame
        The table; it is not modified.
    index : bool, default False
        Show the index as the first column.
    float_format : str, default "{:.2f}"
        How float cells are written; missing values are left blank.

    Returns
    -------
    Html

    Examples
    --------
    >>> import pandas as pd
    >>> "<td>0.33</td>" in table(pd.DataFrame({"share": [1 / 3]}))
    True
    """
    shown = frame.copy()
    for col in shown.columns:
        if pd.api.types.is_float_dtype(shown[col]):
            shown[col] = shown[col].map(lambda v: "" if pd.isna(v) else float_format.format(v))
    return Html(shown.to_html(index=index, escape=True, border=0, na_rep=""))


@dataclass(frozen=True)
class Period:
    """The review period and the equally long period before it."""

    start: pd.Timestamp
    end: pd.Timestamp
    prev_start: pd.Timestamp
    prev_end: pd.Timestamp

    @property
    def days(self) -> int:
        """Days in the review period."""
        return int((self.end - self.start).days) + 1

    def label(self) -> str:
        """``3 Mar – 30 Mar 2025``."""
        if self.start.year == self.end.year:
            return f"{self.start:%-d %b} – {self.end:%-d %b %Y}"
        return f"{self.start:%-d %b %Y} – {self.end:%-d %b %Y}"


def period_of(
    panel: pd.DataFrame, start: str | None = None, end: str | None = None, *, weeks: int = 4
) -> Period | None:
    """The review period: ``start``..``end``, or the last ``weeks`` weeks of the panel.

    Parameters
    ----------
    panel : pandas.DataFrame
        The daily panel of :func:`reflection_kit.daily` (indexed by ``date``).
    start, end : str, optional
        The first and last day, ``YYYY-MM-DD``; default: the last ``weeks`` weeks up to the
        panel's last day (never before its first).
    weeks : int, default 4
        The length of the default period.

    Returns
    -------
    Period or None
        The period and the equally long one before it; None for an empty panel without
        ``end``.

    Raises
    ------
    ValueError
        ``start`` is after ``end``.

    Examples
    --------
    >>> import pandas as pd
    >>> panel = pd.DataFrame(index=pd.date_range("2025-03-01", "2025-03-31", name="date"))
    >>> period_of(panel).label()
    '4 Mar – 31 Mar 2025'
    """
    if start:
        lo = pd.Timestamp(start)
    if end:
        hi = pd.Timestamp(end)
    elif len(panel):
        hi = panel.index.max()
    else:
        return None
    if not start:
        lo = max(hi - pd.Timedelta(days=7 * weeks - 1), panel.index.min() if len(panel) else hi)
    if lo > hi:
        raise ValueError(
            f"the review period starts ({lo:%Y-%m-%d}) after it ends ({hi:%Y-%m-%d})."
        )
    span = hi - lo
    return Period(lo, hi, lo - span - pd.Timedelta(days=1), lo - pd.Timedelta(days=1))


def title(client: str, period: Period | None) -> Html:
    """The review's heading, with the client's label and the period.

    Parameters
    ----------
    client : str
        A label such as initials; empty for none.
    period : Period or None
        The review period (:func:`period_of`).

    Returns
    -------
    Html

    Examples
    --------
    >>> title("R.", None)
    '<h1>Progress review for R.</h1>'
    """
    who = f" for {html.escape(client)}" if client else ""
    when = f'<p class="rk-note">{html.escape(period.label())}</p>' if period else ""
    return Html(f"<h1>Progress review{who}</h1>{when}")


def strategy_name(name: object) -> str:
    """A coping strategy as shown: ours in plain words (``urge_surfing`` -> "urge surfing").

    The person's own wording is shown exactly as written.

    Parameters
    ----------
    name : object
        A ``coping`` value of the urge frame.

    Returns
    -------
    str

    Examples
    --------
    >>> strategy_name("urge_surfing"), strategy_name("called_my_sister")
    ('urge surfing', 'called_my_sister')
    """
    text = str(name)
    return text.replace("_", " ") if text in COPING_STRATEGIES else text


def _per_day(mean: float) -> str:
    return "–" if pd.isna(mean) else f"{mean:.1f}"


def _compare(panel: pd.DataFrame, period: Period, column: str) -> pd.Series:
    """The period against the one before on ``column`` (:func:`reflection_kit.compare`)."""
    return compare(
        panel,
        before=(period.prev_start, period.prev_end),
        after=(period.start, period.end),
        columns=[column],
    ).loc[column]


def summary(
    panel: pd.DataFrame,
    period: Period | None,
    *,
    urges: pd.DataFrame | None = None,
    min_n: int = 5,
) -> Html:
    """The period in a few warm, plain sentences; every figure computed, each with its n.

    Every figure comes from the metrics: the clean days from the panel's ``social_status``
    and :func:`reflection_kit.streak_summary`, the urges a day and the rumination index
    against the period before from :func:`reflection_kit.compare` (days with a value), the
    resisted share and the most helpful strategy from :func:`reflection_kit.urge_stats`
    (which needs ``urges``).

    Parameters
    ----------
    panel : pandas.DataFrame
        The daily panel of :func:`reflection_kit.daily`.
    period : Period or None
        The review period (:func:`period_of`); None says there is nothing to sum up.
    urges : pandas.DataFrame, optional
        The urge frame behind the panel, for the longest run, the resisted share and the
        strategies.
    min_n : int, default 5
        Strategies used fewer times than this are not ranked.

    Returns
    -------
    Html
        One paragraph (class ``rk-summary``), every value HTML-escaped.

    Examples
    --------
    >>> import warnings
    >>> import reflection_kit as rk
    >>> from reflection_kit.review.content import period_of, summary
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")
    ...     urges = rk.read_urges("data/sample/urges.csv")
    >>> panel = rk.daily(urges=urges)
    >>> text = summary(panel, period_of(panel), urges=urges)
    >>> "Urges went from 1.6 to 0.6 a day, and 94% were resisted (n=17)." in text
    True
    """
    if period is None or not len(panel):
        return missing("There is no data in this period yet, so there is nothing to sum up.")
    cur = panel.loc[period.start : period.end]
    weeks = period.days / 7
    span = f"{weeks:.0f} weeks" if weeks == int(weeks) else f"{period.days} days"
    parts = [f"In the last {span} ({period.label()}):"]
    stats = None
    if urges is not None and len(urges):
        stats = urge_stats(urges, start=period.start, end=period.end, min_n=min_n)
    if "social_status" in cur.columns:
        clean = int((cur["social_status"] == "clean").sum())
        known = int(cur["social_status"].isin(["clean", "checked"]).sum())
        longest = ""
        if urges is not None and len(urges):
            s = streak_summary(urges, start=period.start, end=period.end)
            longest = f" (longest run {s.longest} day{'s' if s.longest != 1 else ''})"
        parts.append(f"{clean} of {known} days without checking social media{longest}.")
    if "urges" in cur.columns:
        row = _compare(panel, period, "urges")
        sentence = f"Urges: {_per_day(row['after_mean'])} a day"
        if row["n_before"] and row["n_after"]:
            sentence = (
                f"Urges went from {_per_day(row['before_mean'])} to "
                f"{_per_day(row['after_mean'])} a day"
            )
        if stats is not None:
            overall = stats.resisted.set_index("group").loc["all"]
            n = int(overall["n"])
            if n:
                sentence += f", and {overall['rate']:.0%} were resisted (n={n})."
            else:
                sentence += "; no urge outcomes were noted."
        else:
            sentence += "."
        parts.append(sentence)
    if stats is not None:
        ranked = stats.coping.dropna(subset=["rank"]) if "rank" in stats.coping else stats.coping
        if len(ranked):
            best = ranked.sort_values("rank").iloc[0]
            name = strategy_name(best["coping"])
            parts.append(
                f"{name[:1].upper()}{name[1:]} was followed by a resisted urge most often "
                f"(n={int(best['n'])})."
            )
    if "entries" in cur.columns:
        entries = int(cur["entries"].sum())
        days = int((cur["entries"] > 0).sum())
        sentence = f"{entries} journal entr{'y' if entries == 1 else 'ies'} on {days} days"
        if "rumination" in cur.columns:
            row = _compare(panel, period, "rumination")
            if row["n_before"] and row["n_after"]:
                a, b = row["before_mean"], row["after_mean"]
                word = "less" if b < a else "more"
                sentence += (
                    f"; the writing looped back {word} than in the {span} before "
                    f"(index {a:.2f} → {b:.2f})"
                )
        parts.append(sentence + ".")
    return Html('<p class="rk-summary">' + html.escape(" ".join(parts)) + "</p>")


def _highlight(sentence: str, people: Sequence[str]) -> str:
    marks = explain(sentence, people=list(people) or None)
    out, pos = [], 0
    for start, end in sorted(zip(marks["start"], marks["end"], strict=True)):
        if start < pos:
            continue
        out.append(html.escape(sentence[pos:start]))
        out.append(f"<mark>{html.escape(sentence[start:end])}</mark>")
        pos = end
    out.append(html.escape(sentence[pos:]))
    return "".join(out)


def examples(
    journal: pd.DataFrame,
    period: Period | None,
    *,
    privacy: str | PrivacyPolicy = "full",
    people: Sequence[str] = (),
    n: int = 3,
) -> Html:
    """A few sentences with the most rumination markers in the period, highlighted.

    Parameters
    ----------
    journal : pandas.DataFrame
        The journal, scored with :func:`reflection_kit.score_entries` (quotes then come from
        the most ruminative entries) or not.
    period : Period or None
        The review period (:func:`period_of`).
    privacy : str or PrivacyPolicy, default "full"
        A :class:`PrivacyPolicy` or a mode name (with ``people``): ``"redact"`` hides
        names, handles, links, e-mail addresses and phone numbers; ``"aggregate"`` quotes
        nothing and counts the markers instead.
    people : sequence of str
        Names or aliases of the person being let go (they count as markers, and
        ``"redact"`` hides them).
    n : int, default 3
        How many sentences to quote.

    Returns
    -------
    Html
        Quotes with their markers highlighted, a table of marker counts (aggregate), or a
        sentence saying why there is nothing to show.

    Examples
    --------
    >>> examples(pd.DataFrame(columns=["date", "text"]), None)
    '<p class="rk-missing">No journal entries in this period, so there are no examples.</p>'
    """
    policy = PrivacyPolicy.of(privacy, people)
    people = list(people) or list(policy.people)

    if period is None or not len(journal):
        return missing("No journal entries in this period, so there are no examples.")
    sub = journal[(journal["date"] >= period.start) & (journal["date"] <= period.end)]
    if "language_ok" in sub.columns:
        sub = sub[sub["language_ok"].astype("boolean").fillna(False)]
    scored: list[tuple[int, pd.Timestamp, str]] = []
    counts: dict[str, int] = {}
    if policy.quotes and "rumination" in sub.columns and len(sub) > 3 * n:
        # quotes come from the most ruminative entries: explain only those
        sub = sub.loc[sub["rumination"].fillna(-1e9).nlargest(3 * n).index]
    for date, text in zip(sub["date"], sub["text"], strict=True):
        for sentence in split_sentences(str(text)):
            marks = explain(sentence, people=list(people) or None)
            rum = marks[~marks["component"].str.startswith("release")]
            for comp in rum["component"]:
                counts[comp] = counts.get(comp, 0) + 1
            if len(rum) >= 2 and len(sentence) <= 300:
                scored.append((len(rum), date, sentence))
    if not policy.quotes:
        if not counts:
            return missing("No rumination markers were found in this period.")
        frame = pd.DataFrame(
            sorted(counts.items(), key=lambda kv: -kv[1]), columns=["marker", "times found"]
        )
        return Html(
            '<p class="rk-note">Aggregate-only review: no journal text is quoted. '
            "These are the kinds of markers found in the period.</p>" + table(frame)
        )
    if not scored:
        return missing("No sentence in this period carried more than one rumination marker.")
    scored.sort(key=lambda t: (-t[0], t[1]))
    picked, seen = [], set()
    for k, date, sentence in scored:
        if sentence in seen:
            continue
        seen.add(sentence)
        picked.append((k, date, sentence))
        if len(picked) == n:
            break
    items = []
    for k, date, sentence in sorted(picked, key=lambda t: t[1]):
        shown = policy.text(sentence)
        items.append(
            f'<blockquote class="rk-quote">{_highlight(shown, people)}'
            f'<br><span class="rk-note">{date:%-d %b} · {k} markers</span></blockquote>'
        )
    return Html("".join(items))


def prompts_answered(
    journal: pd.DataFrame,
    *,
    privacy: str | PrivacyPolicy = "full",
    people: Sequence[str] = (),
) -> Html:
    """Which reflection prompts were answered, and (unless aggregate) the answers over time.

    Parameters
    ----------
    journal : pandas.DataFrame
        The journal (answers come from Markdown notes written with ``rk.new_entry``).
    privacy : str or PrivacyPolicy, default "full"
        Each answer passes it (a :class:`PrivacyPolicy` or a mode name); ``"aggregate"``
        shows only the counts.
    people : sequence of str
        Names to hide under ``"redact"``.

    Returns
    -------
    Html
        A table of how often each prompt was answered, then the answers to the prompts
        answered at least twice, by date.

    Examples
    --------
    >>> import pandas as pd
    >>> "No answered reflection prompts" in prompts_answered(pd.DataFrame(columns=["text"]))
    True
    """
    policy = PrivacyPolicy.of(privacy, people)

    answers = prompt_answers(journal)
    if not len(answers):
        return missing(
            "No answered reflection prompts were found. They come from Markdown notes written "
            "with `reflection-kit new-entry`."
        )
    counts = answers.groupby(["set", "prompt"]).size().rename("times answered").reset_index()
    if not policy.quotes:
        return table(counts)
    parts = [table(counts)]
    for _pid, group in answers.groupby("prompt_id", sort=False):
        if len(group) < 2:
            continue
        parts.append(f"<h3>{html.escape(group['prompt'].iloc[0])}</h3>")
        for date, answer in zip(group["date"], group["answer"], strict=True):
            shown = policy.text(answer)
            parts.append(
                f'<blockquote class="rk-quote">{html.escape(shown)}<br>'
                f'<span class="rk-note">{date:%-d %b %Y}</span></blockquote>'
            )
    return Html("".join(parts))


def data_quality(
    exports: Exports, *, privacy: str | PrivacyPolicy = "full", people: Sequence[str] = ()
) -> Html:
    """What was loaded, what was not and why.

    Parameters
    ----------
    exports : Exports
        The loaded exports (:func:`reflection_kit.load_exports`), as loaded or already
        shown under a policy (:meth:`PrivacyPolicy.exports`).
    privacy : str or PrivacyPolicy, default "full"
        Unless it is ``"full"``, files are named "file 1 (csv)", "folder 2"..., raw
        snippets are left out, and reasons are redacted (``"redact"``) or show no quoted
        value (``"aggregate"``).
    people : sequence of str
        Names to hide under ``"redact"``.

    Returns
    -------
    Html
        A table of the exports, then every record that could not be loaded (the first 50)
        with where it is and why.

    Examples
    --------
    >>> import reflection_kit as rk
    >>> exports = rk.load_exports(["sample:notes"], ["sample:urges.csv"], quiet=True)
    >>> "Every record found was loaded." in data_quality(exports)
    True
    """
    policy = PrivacyPolicy.of(privacy, people)
    shown = policy.exports(exports)
    tab = shown.table()
    if not len(tab):
        return missing("No exports were given.")
    parts = [table(tab)]
    problems = shown.problems()
    if len(problems):
        shown = problems if policy.mode == "full" else problems.drop(columns=["raw"])
        parts.append(
            f"<p>{len(problems)} record(s) could not be loaded. Each is listed with where it is "
            "and why:</p>"
        )
        parts.append(table(shown.head(50)))
        if len(problems) > 50:
            parts.append(f'<p class="rk-note">…and {len(problems) - 50} more.</p>')
    else:
        parts.append("<p>Every record found was loaded.</p>")
    return Html("".join(parts))
