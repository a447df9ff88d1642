"""The pieces the review notebook shows: plain words and escaped HTML.

Every function here returns :class:`Html` (a ``str`` that notebooks display as
HTML). All user text is HTML-escaped; quoted sentences pass through
:func:`reflection_kit.redact` in ``"redact"`` mode, and none is quoted in
``"aggregate"`` mode.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

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
    "summary",
    "table",
    "title",
]


class Html(str):
    """A string that Jupyter shows as HTML."""

    def _repr_html_(self) -> str:
        return str(self)


def paragraph(text: object) -> Html:
    """Any text (or object's ``str``) as an escaped paragraph."""
    return Html(f"<p>{html.escape(str(text))}</p>")


def heading(text: str) -> Html:
    """An escaped third-level heading."""
    return Html(f"<h3>{html.escape(text)}</h3>")


def missing(message: str) -> Html:
    """A plain sentence saying what cannot be shown, and why."""
    return Html(f'<p class="rk-missing">{html.escape(message)}</p>')


def table(frame: pd.DataFrame, *, index: bool = False, float_format: str = "{:.2f}") -> Html:
    """An escaped HTML table (every cell escaped, floats rounded)."""
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
    """The review period: ``start``..``end``, or the last ``weeks`` weeks of the panel."""
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
    """The review's heading."""
    who = f" for {html.escape(client)}" if client else ""
    when = f'<p class="rk-note">{html.escape(period.label())}</p>' if period else ""
    return Html(f"<h1>Progress review{who}</h1>{when}")


def _pct(k: float, n: float) -> str:
    return f"{100 * k / n:.0f}%"


def _per_day(urges: float, days: int) -> str:
    return f"{urges / days:.1f}" if days else "–"


def summary(
    panel: pd.DataFrame,
    period: Period | None,
    *,
    urges: pd.DataFrame | None = None,
    min_n: int = 5,
) -> Html:
    """The period in a few warm, plain sentences; every figure computed, each with its n."""
    from ..metrics import streak_summary, urge_stats

    if period is None or not len(panel):
        return missing("There is no data in this period yet, so there is nothing to sum up.")
    cur = panel.loc[period.start : period.end]
    prev = panel.loc[period.prev_start : period.prev_end]
    weeks = period.days / 7
    span = f"{weeks:.0f} weeks" if weeks == int(weeks) else f"{period.days} days"
    parts = [f"In the last {span} ({period.label()}):"]
    if "social_status" in cur.columns:
        clean = int((cur["social_status"] == "clean").sum())
        known = int(cur["social_status"].isin(["clean", "checked"]).sum())
        longest = ""
        if urges is not None and len(urges):
            s = streak_summary(urges, start=period.start, end=period.end)
            longest = f" (longest run {s.longest} day{'s' if s.longest != 1 else ''})"
        parts.append(f"{clean} of {known} days without checking social media{longest}.")
    if "urges" in cur.columns:
        now = float(cur["urges"].fillna(0).sum())
        logged = len(cur)
        sentence = f"Urges: {_per_day(now, logged)} a day"
        if len(prev) and prev["urges"].notna().any():
            before = float(prev["urges"].fillna(0).sum())
            sentence = (
                f"Urges went from {_per_day(before, len(prev))} to {_per_day(now, logged)} a day"
            )
        acted = float(cur["acted"].fillna(0).sum())
        resisted = float(cur["resisted"].fillna(0).sum())
        n = int(acted + resisted)
        if n:
            sentence += f", and {_pct(resisted, n)} were resisted (n={n})."
        else:
            sentence += "; no urge outcomes were noted."
        parts.append(sentence)
    if urges is not None and len(urges):
        stats = urge_stats(urges, start=period.start, end=period.end, min_n=min_n)
        ranked = stats.coping.dropna(subset=["rank"]) if "rank" in stats.coping else stats.coping
        if len(ranked):
            best = ranked.sort_values("rank").iloc[0]
            parts.append(
                f"{str(best['coping']).replace('_', ' ').capitalize()} was followed by a "
                f"resisted urge most often (n={int(best['n'])})."
            )
    if "entries" in cur.columns:
        entries = int(cur["entries"].sum())
        days = int((cur["entries"] > 0).sum())
        sentence = f"{entries} journal entr{'y' if entries == 1 else 'ies'} on {days} days"
        if (
            "rumination" in cur.columns
            and cur["rumination"].notna().any()
            and len(prev)
            and prev["rumination"].notna().any()
        ):
            a, b = prev["rumination"].mean(), cur["rumination"].mean()
            word = "less" if b < a else "more"
            sentence += (
                f"; the writing looped back {word} than in the {span} before "
                f"(index {a:.2f} → {b:.2f})"
            )
        parts.append(sentence + ".")
    return Html('<p class="rk-summary">' + html.escape(" ".join(parts)) + "</p>")


def _highlight(sentence: str, people: Sequence[str]) -> str:
    from ..text import explain

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
    privacy: str = "full",
    people: Sequence[str] = (),
    n: int = 3,
) -> Html:
    """A few sentences with the most rumination markers in the period, highlighted.

    ``privacy="redact"`` hides names, e-mail addresses, phone numbers and URLs;
    ``privacy="aggregate"`` quotes nothing and counts the markers instead.
    """
    from ..privacy import redact
    from ..text import explain, split_sentences

    if period is None or not len(journal):
        return missing("No journal entries in this period, so there are no examples.")
    sub = journal[(journal["date"] >= period.start) & (journal["date"] <= period.end)]
    if "language_ok" in sub.columns:
        sub = sub[sub["language_ok"].astype("boolean").fillna(False)]
    scored: list[tuple[int, pd.Timestamp, str]] = []
    counts: dict[str, int] = {}
    if privacy != "aggregate" and "rumination" in sub.columns and len(sub) > 3 * n:
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
    if privacy == "aggregate":
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
        shown = redact(sentence, people) if privacy == "redact" else sentence
        items.append(
            f'<blockquote class="rk-quote">{_highlight(shown, people)}'
            f'<br><span class="rk-note">{date:%-d %b} · {k} markers</span></blockquote>'
        )
    return Html("".join(items))


def prompts_answered(
    journal: pd.DataFrame, *, privacy: str = "full", people: Sequence[str] = ()
) -> Html:
    """Which reflection prompts were answered, and (unless aggregate) the answers over time."""
    from ..privacy import redact
    from ..prompt_sets import prompt_answers

    answers = prompt_answers(journal)
    if not len(answers):
        return missing(
            "No answered reflection prompts were found. They come from Markdown notes written "
            "with `reflection-kit new-entry`."
        )
    counts = answers.groupby(["set", "prompt"]).size().rename("times answered").reset_index()
    if privacy == "aggregate":
        return table(counts)
    parts = [table(counts)]
    for _pid, group in answers.groupby("prompt_id", sort=False):
        if len(group) < 2:
            continue
        parts.append(f"<h3>{html.escape(group['prompt'].iloc[0])}</h3>")
        for date, answer in zip(group["date"], group["answer"], strict=True):
            shown = redact(answer, people) if privacy == "redact" else answer
            parts.append(
                f'<blockquote class="rk-quote">{html.escape(shown)}<br>'
                f'<span class="rk-note">{date:%-d %b %Y}</span></blockquote>'
            )
    return Html("".join(parts))


def data_quality(exports: object, *, privacy: str = "full") -> Html:
    """What was loaded, what was not and why (raw snippets hidden unless privacy is full)."""
    tab = exports.table()  # type: ignore[attr-defined]
    if not len(tab):
        return missing("No exports were given.")
    parts = [table(tab)]
    problems = exports.problems()  # type: ignore[attr-defined]
    if len(problems):
        shown = problems if privacy == "full" else problems.drop(columns=["raw"])
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
