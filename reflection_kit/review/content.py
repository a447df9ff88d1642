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

from .._words import KIND_WORDS, count_of, kind_words, percent, plural
from ..frames import COPING_STRATEGIES, URGE_KINDS
from ..metrics import compare, streak_summary, time_to_lapse, urge_stats
from ..metrics.trends import MIN_TREND_N, trend
from ..plots.survival import MIN_STREAKS
from ..prompt_sets import prompt_answers, prompts
from ..text import explain, split_sentences
from ..text.analysis import contribution_spans
from ..text.index_spec import index_spec
from ..workspace import Exports
from .policy import PrivacyPolicy

__all__ = [
    "KIND_WORDS",
    "MIN_RUNS",
    "Html",
    "Period",
    "checkins_only",
    "count_of",
    "data_quality",
    "examples",
    "explain_table",
    "explained_ahead",
    "has_days",
    "heading",
    "intro",
    "kind_words",
    "marker_name",
    "missing",
    "mood_table",
    "paragraph",
    "percent",
    "period_of",
    "plural",
    "prompt_set_name",
    "prompts_answered",
    "remember_explained",
    "runs_table",
    "strategy_name",
    "streak_text",
    "summary",
    "table",
    "title",
    "too_few_runs",
    "trend_text",
    "triggers_table",
    "urge_events",
]

#: Fewer runs ended by a slip than this: the chart of how long runs last is not drawn (the
#: plot's own minimum, :data:`reflection_kit.plots.survival.MIN_STREAKS`, so both agree).
MIN_RUNS = MIN_STREAKS


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


def heading(text: str, level: int = 3) -> Html:
    """An escaped heading, third-level by default (a section of its own: ``level=2``).

    Parameters
    ----------
    text : str
        The heading.
    level : {2, 3, 4}, default 3
        The heading level.

    Returns
    -------
    Html

    Raises
    ------
    ValueError
        When ``level`` is not 2, 3 or 4.

    Examples
    --------
    >>> heading("Every run so far")
    '<h3>Every run so far</h3>'
    >>> heading("Mood", level=2)
    '<h2>Mood</h2>'
    """
    if level not in (2, 3, 4):
        raise ValueError(f"`level` must be 2, 3 or 4, got {level!r}. Suggestion: use 2 or 3.")
    return Html(f"<h{level}>{html.escape(text)}</h{level}>")


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


def marker_name(code: object) -> str:
    """A marker of :func:`reflection_kit.explain` in people's words, from the index's labels.

    The words come from :func:`reflection_kit.text.index_spec.index_spec` (each component's
    ``label``); a marker that is a variant of one (``why_ext``) takes its label; any other
    code is written with spaces.

    Parameters
    ----------
    code : object
        The ``component`` of an :func:`reflection_kit.explain` row.

    Returns
    -------
    str

    Examples
    --------
    >>> marker_name("why")
    'why-questions'
    >>> marker_name("why_ext") == marker_name("why")
    True
    """
    text = str(code)
    return _marker_label(text) or text.replace("_", " ")


def _marker_label(code: str, *, raising: bool = False) -> str:
    """The index's label of a marker (or of the marker it is a variant of), or "".

    With ``raising``, only the markers of components that raise the index (looping words).
    """
    labels = {
        c.marker: c.label
        for c in index_spec().components
        if c.marker and (c.weight > 0 or not raising)
    }
    if code in labels:
        return labels[code]
    variants = [m for m in labels if code.startswith(m + "_")]
    return labels[max(variants, key=len)] if variants else ""


def prompt_set_name(set_id: object) -> str:
    """A prompt set by its title: ``closure_letter`` -> "A letter you do not send" (say).

    Parameters
    ----------
    set_id : object
        The ``set`` of :func:`reflection_kit.prompt_sets.prompt_answers`.

    Returns
    -------
    str
        The set's title; an unknown id is written with spaces.

    Examples
    --------
    >>> prompt_set_name("hardest_part")
    'The hardest part'
    >>> prompt_set_name("my_own_set")
    'my own set'
    """
    text = str(set_id)
    return prompts[text].title if text in prompts else text.replace("_", " ")


def _has_values(panel: pd.DataFrame, column: str, minimum: int = 2) -> bool:
    return column in panel.columns and int(panel[column].notna().sum()) >= minimum


def trend_text(
    series: pd.Series,
    label: str,
    *,
    lower: str = "",
    higher: str = "",
    what: str = "days with a value",
    min_n: int = MIN_TREND_N,
) -> Html:
    """A trend in plain words, with its statistics in a small details line for the coach.

    Parameters
    ----------
    series : pandas.Series
        A daily panel column (values by date; missing days are left out).
    label : str
        What the series is, as a sentence starts: "The rumination index".
    lower, higher : str, optional
        What a lower (higher) value means, for example "less looping language". Say what
        the measure counts; do not call it better or worse.
    what : str, default "days with a value"
        What one value is, for the "not enough yet" sentence.
    min_n : int, default MIN_TREND_N
        Below this many values no trend is described, and the sentence says why.

    Returns
    -------
    Html
        A paragraph of words (class ``rk-trend``) and, when there is a trend to describe,
        a paragraph of class ``rk-details`` with the Theil–Sen slope, the Mann–Kendall p and
        n.

    Examples
    --------
    >>> import pandas as pd
    >>> days = pd.date_range("2025-03-03", periods=112)
    >>> s = pd.Series([2.0 - i / 100 for i in range(112)], index=days)
    >>> out = trend_text(s, "The rumination index", lower="less looping language")
    >>> out.split("</p>")[0]  # doctest: +NORMALIZE_WHITESPACE
    '<p class="rk-trend">The rumination index: clearly falling over the 16 weeks (less
    looping language).'
    >>> "Mann–Kendall" in out, "n=112 days" in out
    (True, True)
    """
    t = trend(pd.Series(series.to_numpy(), index=series.index, name=label))
    words = t.in_words(lower=lower, higher=higher, what=what, min_n=min_n)
    out = f'<p class="rk-trend">{html.escape(words)}</p>'
    if t.strength(min_n) != "not enough":
        details = "For the coach: " + t.details("day", point="day")
        out += f'<p class="rk-details">{html.escape(details)}</p>'
    return Html(out)


def urge_events(urges: pd.DataFrame | None) -> pd.DataFrame:
    """The rows of an urge frame that are single urges, not daily check-ins (Loop).

    Parameters
    ----------
    urges : pandas.DataFrame or None
        An urge frame.

    Returns
    -------
    pandas.DataFrame
        The rows without a ``checkin`` value (every row of an urge log).

    Examples
    --------
    >>> import pandas as pd
    >>> len(urge_events(pd.DataFrame({"kind": ["reach_out"] * 2, "checkin": [None, "YES"]})))
    1
    """
    if urges is None:
        return pd.DataFrame()
    if "checkin" not in urges.columns:
        return urges
    checkin = urges["checkin"].astype("string").str.strip().fillna("")
    return urges[checkin.eq("").to_numpy()]


def _checkin_kinds(urges: pd.DataFrame | None) -> list[str]:
    """The urge kinds that have daily check-ins (Loop habits mapped to kinds), in order."""
    if urges is None or not len(urges) or "checkin" not in urges.columns:
        return []
    rows = urges.drop(urge_events(urges).index)
    present = set(rows["kind"].astype(str))
    return [k for k in URGE_KINDS if k in present]


def _tracked_kinds(urges: pd.DataFrame) -> list[str]:
    """Checking social media when it is in the data, then every other kind with check-ins."""
    kinds = [k for k in ("check_social",) if (urges["kind"].astype(str) == k).any()]
    return kinds + [k for k in _checkin_kinds(urges) if k not in kinds]


def checkins_only(urges: pd.DataFrame | None) -> Html | None:
    """A sentence when the exports hold daily check-ins but no single urges; else None.

    Daily check-ins (a Loop habit) say how a day went, not how many urges came, so the
    urge counts, the share resisted, the strategies and the urge clock have nothing to
    show.

    Parameters
    ----------
    urges : pandas.DataFrame or None
        The urge frame the review shows.

    Returns
    -------
    Html or None

    Examples
    --------
    >>> import pandas as pd
    >>> frame = pd.DataFrame({"kind": ["reach_out"], "checkin": ["YES"]})
    >>> "daily check-ins" in checkins_only(frame), checkins_only(frame.iloc[:0]) is None
    (True, True)
    """
    if urges is None or not len(urges) or len(urge_events(urges)):
        return None
    kinds = ", ".join(kind_words(k) for k in _checkin_kinds(urges))
    return missing(
        f"The shared exports hold daily check-ins ({kinds}), one a day for each habit, not "
        "single urges. So there are no urge counts, no share resisted, no strategies and "
        "no times of day to show here; the days themselves are counted above."
    )


def _run_words(days: int) -> str:
    return plural(days, "day")


def streak_text(urges: pd.DataFrame, *, grace: int = 1) -> Html:
    """The runs of days without acting on an urge, in words, for every kind the data tracks.

    Checking social media is described when the data holds it (the calendar shows it);
    every other kind with daily check-ins (a Loop habit such as "No contact", mapped to
    ``reach_out``) gets its own sentence, so no tracked habit is left out.

    Parameters
    ----------
    urges : pandas.DataFrame
        The urge frame the review shows.
    grace : int, default 1
        Slips forgiven per week in the second figure
        (:func:`reflection_kit.streak_summary`).

    Returns
    -------
    Html
        One paragraph; a gentle sentence when no kind is tracked.

    Examples
    --------
    >>> import reflection_kit as rk
    >>> urges = rk.read_urges("data/sample/urges.csv", tz="Europe/Berlin")
    >>> text = streak_text(urges)
    >>> "days without checking social media in all the data" in text
    True
    """
    kinds = _tracked_kinds(urges) if len(urges) else []
    if not kinds:
        return missing("No urges that are counted by days were shared, so there are no runs.")
    sentences = []
    for kind in kinds:
        s = streak_summary(urges, kind=kind, grace=grace)
        now = (
            f"the current run is {_run_words(s.current)}"
            if s.current
            else "a new run can start on any day"
        )
        sentences.append(
            f"{count_of(s.clean_days, s.days_in_range, 'day')} without {kind_words(kind)} "
            f"in all the data; {now}, and the longest was {_run_words(s.longest)}."
        )
        if s.grace_longest > s.longest:
            forgiven = "one slip" if grace == 1 else f"{grace} slips"
            sentences.append(
                f"With {forgiven} forgiven per week, the longest run is "
                f"{_run_words(s.grace_longest)}."
            )
    return paragraph(" ".join(sentences))


def runs_table(history: pd.DataFrame, kind: str = "check_social") -> Html:
    """Every run so far as a table people read: from, to, how long, how it ended.

    Parameters
    ----------
    history : pandas.DataFrame
        ``StreakSummary.history`` (or :func:`reflection_kit.streaks`).
    kind : str, default "check_social"
        The urge kind the runs are about, for the words of how a run ended.

    Returns
    -------
    Html

    Examples
    --------
    >>> import pandas as pd
    >>> runs = pd.DataFrame({"start": pd.to_datetime(["2025-03-03"]),
    ...                      "end": pd.to_datetime(["2025-03-03"]), "days": [1],
    ...                      "ended": [True], "ended_by": ["slip"]})
    >>> out = runs_table(runs)
    >>> "<th>How long</th>" in out, "<td>1 day</td>" in out
    (True, True)
    """
    if not len(history):
        return missing("No runs yet.")
    ended_by = (
        history["ended_by"].astype("string")
        if "ended_by" in history.columns
        else pd.Series("slip", index=history.index, dtype="string")
    )
    how = []
    for ended, by in zip(history["ended"].astype(bool), ended_by.fillna("slip"), strict=True):
        if not ended:
            how.append("still going")
        elif by == "gap":
            how.append("ended by a day that was not logged")
        else:
            how.append(f"ended by a day of {kind_words(kind)}")
    frame = pd.DataFrame(
        {
            "From": pd.to_datetime(history["start"]).dt.strftime("%-d %b %Y").to_numpy(),
            "To": pd.to_datetime(history["end"]).dt.strftime("%-d %b %Y").to_numpy(),
            "How long": [_run_words(int(d)) for d in history["days"]],
            "How it ended": how,
        }
    )
    return table(frame)


def has_days(frame: pd.DataFrame | None, column: str) -> bool:
    """Whether ``frame`` has ``column`` with a value on at least two days: what a section
    needs to draw its line (the review's writing, tone and mood sections).

    Examples
    --------
    >>> has_days(pd.DataFrame({"tone": [0.1, None, 0.3]}), "tone"), has_days(None, "tone")
    (True, False)
    """
    return frame is not None and column in frame.columns and int(frame[column].notna().sum()) >= 2


def too_few_runs(streak_rows: pd.DataFrame, minimum: int = MIN_RUNS) -> Html | None:
    """A sentence instead of the chart of how long runs last, while too few runs ended.

    Parameters
    ----------
    streak_rows : pandas.DataFrame
        :func:`reflection_kit.streaks` (``ended`` per run).
    minimum : int, default MIN_RUNS
        The chart is drawn from this many finished runs on.

    Returns
    -------
    Html or None
        None when the chart may be drawn.

    Examples
    --------
    >>> import pandas as pd
    >>> too_few_runs(pd.DataFrame({"days": [3, 9], "ended": [True, False]}))
    ... # doctest: +NORMALIZE_WHITESPACE
    '<p class="rk-missing">How long runs last is shown once at least 5 runs have ended;
    so far 1 run has ended.</p>'
    """
    # ended by a slip, as the chart counts them (a run ended by unlogged days is still going)
    ended = time_to_lapse(streak_rows).events if len(streak_rows) else 0
    if ended >= minimum:
        return None
    so_far = f"{plural(ended, 'run')} {'has' if ended == 1 else 'have'} ended"
    return missing(
        f"How long runs last is shown once at least {minimum} runs have ended; so far {so_far}."
    )


def explain_table(text: str, people: Sequence[str] = ()) -> Html:
    """The words of ``text`` that the rumination index counts, as a table people read.

    One row per contribution of :func:`reflection_kit.explain` (tone included): the words,
    what they count as, and how much they add to (or take from) the index; the last row
    is the total, which is the text's index.

    Parameters
    ----------
    text : str
        Any text, for example one sentence of a journal.
    people : sequence of str
        Names of the person being let go.

    Returns
    -------
    Html

    Examples
    --------
    >>> out = explain_table("Why did Alex leave? I keep replaying it.", people=["Alex"])
    >>> "What they count as" in out and "Total (the index)" in out
    True
    """
    found = explain(text, people=list(people) or None)
    found = found[found["contribution"] != 0]
    if not len(found):
        return missing("None of these words are counted: nothing here reads as looping.")
    rows = pd.DataFrame(
        {
            "Your words": [
                text[int(a) : int(b)] if c != "tone" else "(the tone of the passage)"
                for a, b, c in zip(found["start"], found["end"], found["component"], strict=True)
            ],
            "What they count as": found["label"].astype(str),
            "Effect on the index": [f"{v:+.2f}" for v in found["contribution"]],
        }
    )
    total = pd.DataFrame(
        {
            "Your words": ["Total (the index)"],
            "What they count as": [""],
            "Effect on the index": [f"{found['contribution'].sum():.2f}"],
        }
    )
    return table(pd.concat([rows, total], ignore_index=True))


def mood_table(better: pd.DataFrame, top: int = 8) -> Html:
    """ "What goes with better days" as a narrow table people read, clearest readings first.

    Parameters
    ----------
    better : pandas.DataFrame
        :func:`reflection_kit.mood_by_activity`.
    top : int, default 8
        How many rows to show; the rest are counted in a line below the table.

    Returns
    -------
    Html
        Three columns (what, days with / without, the reading in words), or a sentence
        when nothing could be compared.

    Examples
    --------
    >>> import pandas as pd
    >>> better = pd.DataFrame({"activity": ["walk"], "kind": ["activity"], "days with": [6],
    ...     "days without": [20], "difference": [0.9], "low": [0.2], "high": [1.6],
    ...     "reading": ["went with better days (mood +0.9 on average)"]})
    >>> "6 of 26 days" in mood_table(better)
    True
    """
    if not len(better):
        return missing(
            "Nothing could be compared yet: each activity needs 5 days with it and 5 without."
        )
    clear = better["low"].gt(0) | better["high"].lt(0)
    order = (
        better.assign(_clear=clear, _size=better["difference"].abs())
        .sort_values(["_clear", "_size"], ascending=False)
        .head(top)
    )
    rows = pd.DataFrame(
        {
            "What": [
                f"{strategy_name(a)} ({k})"
                for a, k in zip(order["activity"], order["kind"], strict=True)
            ],
            "Days": [
                f"{w} of {plural(int(w) + int(wo), 'day')}"
                for w, wo in zip(order["days with"], order["days without"], strict=True)
            ],
            "What the log shows": order["reading"].astype(str),
        }
    )
    out = table(rows)
    rest = len(better) - len(order)
    if rest > 0:
        out = Html(
            out
            + paragraph(
                f"{plural(rest, 'more activity', 'more activities')} compared, with "
                "smaller differences."
            )
        )
    return out


def triggers_table(stats: object, top: int = 8) -> Html:
    """The most frequent triggers with people-facing headers and values.

    Parameters
    ----------
    stats : UrgeStats
        :func:`reflection_kit.urge_stats` (its ``triggers`` frame).
    top : int, default 8
        How many triggers to list.

    Returns
    -------
    Html
        Columns "What came before the urge", "Urges", "Share of all urges" and "Resisted"
        ("5 of 12"); a sentence when no trigger was noted.

    Examples
    --------
    >>> import pandas as pd
    >>> from types import SimpleNamespace
    >>> t = pd.DataFrame({"trigger": ["quiet flat"], "n": [23], "share": [0.1217],
    ...                   "resisted": [11], "acted": [11], "resisted_rate": [0.5], "rank": [1]})
    >>> out = triggers_table(SimpleNamespace(triggers=t))
    >>> "<td>12%</td>" in out, "<td>11 of 22</td>" in out, "rank" in out
    (True, True, False)
    """
    frame = getattr(stats, "triggers", None)
    if frame is None or not len(frame):
        return missing("No triggers were noted with the urges.")
    rows = frame.head(top)
    shown = pd.DataFrame(
        {
            "What came before the urge": rows["trigger"].astype(str).to_numpy(),
            "Urges": rows["n"].astype(int).to_numpy(),
            "Share of all urges": [percent(v) for v in rows["share"]],
            "Resisted": [
                count_of(r, r + a) for r, a in zip(rows["resisted"], rows["acted"], strict=True)
            ],
        }
    )
    return table(shown)


def _earlier(panel: pd.DataFrame, column: str, period: Period | None) -> bool:
    if period is None or column not in panel.columns:
        return False
    return bool(panel.loc[: period.prev_end, column].notna().any())


def intro(
    section: str,
    panel: pd.DataFrame,
    period: Period | None = None,
    *,
    urges: pd.DataFrame | None = None,
    privacy: str | PrivacyPolicy = "full",
) -> Html:
    """A section's explanation, only when the section has data to explain; else empty.

    Parameters
    ----------
    section : {"rumination", "tone", "calendar", "urges"}
        The review section.
    panel : pandas.DataFrame
        The daily panel.
    period : Period, optional
        The review period: "against earlier weeks" is said only when there are some.
    urges : pandas.DataFrame, optional
        The urge frame (``"calendar"`` and ``"urges"``).
    privacy : str or PrivacyPolicy, default "full"
        Under ``"aggregate"`` no words are highlighted, so the rumination text says that
        markers are counted instead.

    Returns
    -------
    Html
        Paragraphs of class ``rk-intro``, or ``""`` when there is nothing to explain.

    Raises
    ------
    ValueError
        An unknown section.

    Examples
    --------
    >>> import pandas as pd
    >>> intro("tone", pd.DataFrame({"tone": [0.1]}))
    ''
    """
    texts: list[str] = []
    if section == "rumination":
        if not _has_values(panel, "rumination"):
            return Html("")
        spec = index_spec().components
        up = ", ".join(c.label for c in spec if c.weight > 0)
        down = ", ".join(c.label for c in spec if c.weight < 0)
        texts.append(
            "The rumination index looks for passages that go round in circles about the "
            f"person: {up}."
            + (f" Some words pull it down: {down}." if down else "")
            + " Each entry counts its three most looping passages, so long entries are not "
            "diluted and calm sentences do not hide a looping one. Higher means more looping "
            "language, lower means less."
        )
        if _earlier(panel, "rumination", period):
            texts.append(
                "Read it as a trend against this person's own earlier weeks, not as a score to "
                "compare with anyone else."
            )
        else:
            texts.append(
                "There are no earlier weeks of writing to compare with yet, so read it as a "
                "starting point, not as a score to compare with anyone else."
            )
        quotes = PrivacyPolicy.of(privacy).quotes
        texts.append(
            "Highlighted below are the words that produced the numbers."
            if quotes
            else "Below, the kinds of words that produced the numbers are counted."
        )
    elif section == "tone":
        if not _has_values(panel, "tone"):
            return Html("")
        texts.append(
            "Tone is the average VADER score of the sentences of each day, from -1 (negative "
            "wording) to +1 (positive wording). It describes wording, not how the person "
            "feels, and it is not a measure of progress."
        )
    elif section == "calendar":
        if urges is None or not len(urges):
            return Html("")
        texts.append(
            'Each square is a day: a day counts as "checked" when at least one urge to check '
            "their profile was acted on, or a daily check-in says so. Every run of days is "
            "kept, including the ones that ended: nothing is reset."
        )
    elif section == "urges":
        events = urge_events(urges)
        if not len(events):
            return Html("")
        texts.append("Bars count urges per week; the line is the share that was resisted.")
        coping = events["coping"] if "coping" in events.columns else pd.Series(dtype=object)
        if coping.astype("string").str.strip().fillna("").ne("").any():
            texts.append(
                "Coping strategies are ranked only when they were used at least 5 times, with "
                "a 95% interval around each rate."
            )
        texts.append("These are associations in this person's own log, not causes.")
    else:
        raise ValueError(
            f"`section` must be 'rumination', 'tone', 'calendar' or 'urges', got {section!r}."
        )
    return Html("".join(f'<p class="rk-intro">{html.escape(t)}</p>' for t in texts))


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


def _days_without(cur: pd.DataFrame, urges: pd.DataFrame | None, period: Period) -> list[str]:
    """One sentence per tracked kind: the clean days of the period and the longest run."""
    out = []
    if "social_status" in cur.columns and (
        urges is None or not len(urges) or (urges["kind"].astype(str) == "check_social").any()
    ):
        clean = int((cur["social_status"] == "clean").sum())
        known = int(cur["social_status"].isin(["clean", "checked"]).sum())
        longest = ""
        if urges is not None and len(urges):
            s = streak_summary(urges, start=period.start, end=period.end)
            longest = f" (longest run {_run_words(s.longest)})"
        out.append(f"{count_of(clean, known, 'day')} without checking social media{longest}.")
    if urges is None or not len(urges):
        return out
    for kind in _checkin_kinds(urges):
        if kind == "check_social":
            continue
        s = streak_summary(urges, kind=kind, start=period.start, end=period.end)
        known = s.clean_days + s.checked_days
        out.append(
            f"{count_of(s.clean_days, known, 'day')} without {kind_words(kind)} "
            f"(longest run {_run_words(s.longest)})."
        )
    return out


def summary(
    panel: pd.DataFrame,
    period: Period | None,
    *,
    urges: pd.DataFrame | None = None,
    min_n: int = 5,
) -> Html:
    """The period in a few warm, plain sentences; every figure computed, each with its n.

    Every figure comes from the metrics: the clean days from the panel's ``social_status``
    and :func:`reflection_kit.streak_summary` (and one sentence for each other kind with
    daily check-ins, such as a Loop "No contact" habit), the urges a day and the rumination
    index against the period before from :func:`reflection_kit.compare` (days with a
    value), the resisted share and the most helpful strategy from
    :func:`reflection_kit.urge_stats` (which needs ``urges``). Daily check-ins are days,
    not urges: with only check-ins, no urge counts are claimed.

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
    span = plural(int(weeks), "week") if weeks == int(weeks) else plural(period.days, "day")
    parts = [f"In the last {span} ({period.label()}):"]
    events = urge_events(urges) if urges is not None else None
    stats = None
    if events is not None and len(events):
        stats = urge_stats(events, start=period.start, end=period.end, min_n=min_n)
    parts.extend(_days_without(cur, urges, period))
    if "urges" in cur.columns and (events is None or len(events)):
        row = _compare(panel, period, "urges")
        sentence = f"Urges: {_per_day(row['after_mean'])} a day"
        if row["n_before"] and row["n_after"]:
            sentence = (
                f"Urges went from {_per_day(row['before_mean'])} to "
                f"{_per_day(row['after_mean'])} a day"
            )
        overall = None
        if stats is not None and "group" in stats.resisted.columns:
            groups = stats.resisted.set_index("group")
            overall = groups.loc["all"] if "all" in groups.index else None
        if stats is not None:
            n = int(overall["n"]) if overall is not None else 0
            if n:
                sentence += f", and {overall['rate']:.0%} were resisted (n={n})."
            else:
                sentence += "; no urge outcomes were noted."
        else:
            sentence += "."
        parts.append(sentence)
    elif events is not None and not len(events) and len(urges):
        parts.append("The urge exports are daily check-ins, so no urges a day are counted.")
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
        written = plural(entries, "journal entry", "journal entries")
        sentence = f"{written} on {plural(days, 'day')}"
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


#: Explanations of sentences by ``(sentence, people)``: what each one's words add to the
#: index (:func:`contribution_spans`).
Spans = dict[tuple[str, tuple[str, ...]], list[tuple[str, int, int, float]]]
#: The explanations worked out ahead by the review's own process for the quotes
#: (:func:`explained_ahead`, handed over with the exports and kept by
#: :func:`remember_explained`): the review's kernel then quotes without loading the lexicons.
_AHEAD: Spans = {}


def remember_explained(spans: Spans) -> None:
    """Keep explanations of sentences made ahead (:func:`explained_ahead`) for the quotes.

    :func:`examples` then uses them for those sentences instead of explaining them again;
    any other sentence is explained as usual.
    """
    _AHEAD.update(spans)


def _spans(
    sentence: str, people: Sequence[str], record: Spans | None = None
) -> list[tuple[str, int, int, float]]:
    """:func:`contribution_spans` of ``sentence``, or its explanation made ahead."""
    key = (sentence, tuple(people))
    marks = _AHEAD.get(key)
    if marks is None:
        marks = contribution_spans(sentence, people=list(people) or None)
    if record is not None:
        record[key] = marks
    return marks


def _highlight(sentence: str, people: Sequence[str], record: Spans | None = None) -> str:
    """The sentence with the words that move the index marked (raises / lowers, strong / weak)."""
    marks = _spans(sentence, people, record)
    out, pos = [], 0
    for start, end, weight in sorted((s, e, w) for _, s, e, w in marks):
        if start < pos:
            continue
        strength = "strong" if abs(weight) >= 1 else "weak"
        sign = "raises" if weight > 0 else "lowers"
        out.append(html.escape(sentence[pos:start]))
        out.append(
            f'<mark class="rk-{sign} rk-{strength}" title="{html.escape(f"{weight:+.2f}")}">'
            f"{html.escape(sentence[start:end])}</mark>"
        )
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
    return _examples(journal, period, PrivacyPolicy.of(privacy, people), people, n)


def explained_ahead(
    journal: pd.DataFrame,
    period: Period | None,
    *,
    privacy: str | PrivacyPolicy = "full",
    people: Sequence[str] = (),
    n: int = 3,
) -> Spans:
    """The explanations :func:`examples` works out for these arguments, by sentence.

    The review's own process calls it once it has read and scored the exports, while the
    kernel starts, and hands the result over (:func:`remember_explained` keeps it in the
    kernel). A sentence explained here and quoted there is marked the same.

    Examples
    --------
    >>> spans = explained_ahead(pd.DataFrame(columns=["date", "text"]), None)
    >>> spans
    {}
    """
    record: Spans = {}
    _examples(journal, period, PrivacyPolicy.of(privacy, people), people, n, record)
    return record


def _examples(
    journal: pd.DataFrame,
    period: Period | None,
    policy: PrivacyPolicy,
    people: Sequence[str],
    n: int,
    record: Spans | None = None,
) -> Html:
    """:func:`examples`, noting every sentence explained in ``record`` when one is given."""
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
            marks = _spans(sentence, people, record)
            rum = [(comp, s, e) for comp, s, e, w in marks if w > 0]
            for comp, _, _ in rum:
                counts[comp] = counts.get(comp, 0) + 1
            spans = len({(s, e) for _, s, e in rum})  # phrases marked
            if spans >= 2 and len(sentence) <= 300:
                scored.append((spans, date, sentence))
    if not policy.quotes:
        if not counts:
            return missing("No looping words were found in this period.")
        named: dict[str, int] = {}
        for comp, k in counts.items():
            label = _marker_label(comp, raising=True)  # the looping words of the index
            if label:
                named[label] = named.get(label, 0) + k
        if not named:
            return missing("No looping words were found in this period.")
        frame = pd.DataFrame(
            sorted(named.items(), key=lambda kv: (-kv[1], kv[0])),
            columns=["Kind of words", "Times found"],
        )
        return Html(
            '<p class="rk-note">Aggregate-only review: no journal text is quoted. Instead, '
            "this counts the kinds of looping words (those that raise the rumination index) "
            "found in the period.</p>" + table(frame)
        )
    if not scored:
        return missing(
            "No sentence in this period held more than one of the words behind the index."
        )
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
            f'<blockquote class="rk-quote">{_highlight(shown, people, record)}'
            f'<br><span class="rk-note">{date:%-d %b} · {plural(k, "marked phrase")}'
            "</span></blockquote>"
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
    counts = answers.groupby(["set", "prompt"]).size().rename("Times answered").reset_index()
    counts["set"] = counts["set"].map(prompt_set_name)
    counts = counts.rename(columns={"set": "Prompt set", "prompt": "Prompt"})
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
    parts = [table(_people_columns(tab, _EXPORT_HEADERS))]
    problems = shown.problems()
    if len(problems):
        shown = problems if policy.mode == "full" else problems.drop(columns=["raw"])
        parts.append(
            f"<p>{plural(len(problems), 'record')} could not be loaded. Each is listed with "
            "where it is and why:</p>"
        )
        parts.append(table(_people_columns(shown.head(50), _PROBLEM_HEADERS)))
        if len(problems) > 50:
            parts.append(f'<p class="rk-note">…and {len(problems) - 50} more.</p>')
    else:
        parts.append("<p>Every record found was loaded.</p>")
    return Html("".join(parts))


_EXPORT_HEADERS = {
    "export": "File",
    "kind": "What it holds",
    "format": "Read as",
    "records": "Records found",
    "loaded": "Loaded",
    "not loaded": "Not loaded",
    "status": "Status",
}
_PROBLEM_HEADERS = {"export": "File", "location": "Where", "reason": "Why", "raw": "As written"}
_HOLDS = {"journal": "journal", "urges": "urge log"}


def _people_columns(frame: pd.DataFrame, headers: dict[str, str]) -> pd.DataFrame:
    """``frame`` with people-facing column headers (and the kind of export in words)."""
    out = frame.copy()
    if "kind" in out.columns and headers is _EXPORT_HEADERS:
        out["kind"] = out["kind"].map(lambda k: _HOLDS.get(str(k), str(k)))
    return out.rename(columns=headers)
