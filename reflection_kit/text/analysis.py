"""One text, analysed once: passages, cues, the person, tone - and ``explain``.

:func:`analyse` is the single path from a text to the values of the rumination index:
:func:`reflection_kit.score_entries` keeps the entry's sums and :func:`explain` lists every
contribution, so the two always agree (a test checks that ``explain(text)["contribution"]``
adds up to the text's ``rumination`` exactly).
"""

from __future__ import annotations

import bisect
import math
import re
from dataclasses import dataclass, field

import pandas as pd

from ._lexicon import Lexicon, load_lexicon
from .index_spec import index_spec
from .markers import Marker, check_people, cue_markers, language_of, people_regex, word_counts
from .passages import (
    PASSAGE_FEATURES,
    about_person,
    absolutist_spans,
    entry_values,
    passage_spans,
    passage_values,
)
from .prompts import unprompted
from .tokenize import fast_tokens, lower_same_length, norm_sentence_spans, normalize
from .tone import entry_tones

__all__ = ["Analysis", "analyse", "contributing", "contribution_spans", "explain"]

_FEATURE_MARKER = {
    "loop_what_if": "counterfactual",
    "loop_why": "why",
    "loop_questions": "question",
    "loop_replay": "replay",
    "loop_release": "release",
}
_MARKER_FEATURE = {v: k for k, v in _FEATURE_MARKER.items()}
_LOOPING = frozenset(("counterfactual", "why", "question", "replay"))


@dataclass
class Analysis:
    """Everything the index needs from one text (see :func:`analyse`)."""

    norm: str = ""
    low: str = ""
    tokens: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    sentences: list[tuple[int, int]] = field(default_factory=list)
    language_ok: bool | None = None
    note: str = "no text"
    prompted: bool = False
    passages: list[tuple[int, int]] = field(default_factory=list)
    tones: list[float] = field(default_factory=list)
    markers: list[Marker] = field(default_factory=list)
    about: list[bool] = field(default_factory=list)
    about_spans: list[tuple[int, int]] = field(default_factory=list)
    absolutist: list[tuple[int, int]] = field(default_factory=list)
    values: list[dict[str, float]] = field(default_factory=list)
    entry: dict[str, float] = field(default_factory=dict)
    chosen: list[int] = field(default_factory=list)
    scores: list[float] = field(default_factory=list)


def analyse(
    text: object,
    names: re.Pattern[str] | None,
    people: tuple[str, ...],
    lex: Lexicon,
) -> Analysis:
    """Analyse one text: prompt sections out, passages, cues, the person, tone, selection."""
    a = Analysis()
    if not isinstance(text, str) or not text.strip():
        return a
    text, a.prompted = unprompted(text)
    if a.prompted and not text.strip():
        a.language_ok, a.note = True, "only reflection prompts and their answers (not scored)"
        a.entry = dict.fromkeys(PASSAGE_FEATURES, 0.0)
        return a
    a.norm = normalize(text)
    a.low = lower_same_length(a.norm)
    a.tokens = list(map(str.lower, fast_tokens(a.norm)))
    a.counts = word_counts(a.norm, a.low, lex, names, a.tokens)
    a.sentences = norm_sentence_spans(a.norm)
    a.language_ok, a.note = language_of(a.counts, a.norm)
    if a.language_ok is False:
        return a
    a.passages = passage_spans(a.norm, a.sentences)
    a.tones = entry_tones(a.norm, a.passages) if a.passages else []
    if not a.language_ok:
        return a
    a.markers = cue_markers(a.low, lex)
    if any(m.counted and m.component in _LOOPING for m in a.markers):
        # who a passage is about, and its absolutist words, matter only next to a looping cue
        a.about, a.about_spans = about_person(a.norm, a.low, a.passages, lex, names, people)
        a.absolutist = absolutist_spans(a.low, a.passages, lex)
    else:
        a.about = [False] * len(a.passages)
    a.values = passage_values(a.passages, a.markers, a.about, a.absolutist, a.tones)
    a.entry, a.chosen, a.scores = entry_values(a.values, index_spec().passage_weights)
    return a


def _first(spans: list[tuple[int, int]], s: int, e: int) -> tuple[int, int] | None:
    for x in spans:
        if s <= x[0] < e:
            return x
    return None


def _rows(text: object, people: object, discounted: bool) -> tuple[list[tuple], Analysis, Lexicon]:
    """:func:`explain`'s rows, sorted by position, with the analysis and the lexicon."""
    lex = load_lexicon()
    names_t = check_people(people)
    a = analyse(text, people_regex(names_t, lex), names_t, lex)
    spec = index_spec()
    weights = spec.passage_weights
    label = {c.column: c.label for c in spec.components}
    rows: list[tuple] = []
    chosen = set(a.chosen)
    starts = [ps for ps, _ in a.passages]
    where = [max(0, bisect.bisect_right(starts, m.start) - 1) for m in a.markers]
    for i, (s, e) in enumerate(a.passages):
        vals = a.values[i] if i < len(a.values) else {}
        picked = i in chosen
        used: set[str] = set()
        for m, at in zip(a.markers, where, strict=True):
            if at != i or m.component not in _MARKER_FEATURE:
                continue
            feat = _MARKER_FEATURE[m.component]
            if not m.counted:
                if discounted:
                    rows.append((m.component, label[feat], m.start, m.end, i, m.detail, False,
                                 m.reason, weights[feat], 0.0))  # fmt: skip
                continue
            value = vals.get(feat, 0.0) if picked and feat not in used else 0.0
            used.add(feat)
            rows.append((m.component, label[feat], m.start, m.end, i, m.detail, True, "",
                         weights[feat], weights[feat] * value))  # fmt: skip
        if vals.get("loop_about_them"):
            span = _first(a.about_spans, s, e) or (s, e)
            w = weights["loop_about_them"]
            rows.append(("about_them", label["loop_about_them"], *span, i, "", True, "", w,
                         w * vals["loop_about_them"] if picked else 0.0))  # fmt: skip
        if vals.get("loop_all_or_nothing"):
            span = _first(a.absolutist, s, e) or (s, e)
            w = weights["loop_all_or_nothing"]
            rows.append(("all_or_nothing", label["loop_all_or_nothing"], *span, i, "", True, "",
                         w, w * vals["loop_all_or_nothing"] if picked else 0.0))  # fmt: skip
        if vals.get("loop_tone"):
            w = weights["loop_tone"]
            rows.append(("tone", label["loop_tone"], s, e, i, f"{vals['loop_tone']:+.3f}", True,
                         "", w, w * vals["loop_tone"] if picked else 0.0))  # fmt: skip
    rows.sort(key=lambda r: (r[2], r[3]))
    return rows, a, lex


def explain(text: str, *, people: object = None, discounted: bool = False) -> pd.DataFrame:
    """Every contribution to the rumination index of ``text``, with the words behind it.

    Parameters
    ----------
    text : str
        One journal entry (or any text).
    people : str or list of str, optional
        Names or aliases of the person being let go (see docs/rumination.md).
    discounted : bool, default False
        Also list cues that were found but not counted (negated, quoted speech, lexicon
        exceptions), with ``counted=False``, the ``reason`` and contribution 0.

    Returns
    -------
    pandas.DataFrame
        One row per cue found, sorted by ``start``: ``component`` (the ``marker`` of the index
        specification: counterfactual, why, question, replay, about_them, all_or_nothing,
        tone, release), ``label`` (plain words), ``match``, ``start``, ``end``
        (``text[start:end] == match``), ``passage`` (its number), ``detail``, ``counted``,
        ``reason``, ``weight`` and ``contribution``. ``contribution`` adds up to the text's
        ``rumination`` exactly (tone included; a text scored alone has no ``retelling``).
        Only the passages that make up the index contribute; other rows have contribution 0.
        ``attrs`` holds ``rumination``, ``note`` and ``lexicon_version``.

    Examples
    --------
    >>> from reflection_kit.text import explain
    >>> ex = explain("Why did he leave? I keep replaying it.", people="Sam")
    >>> ex[["component", "match"]].values.tolist()[:3]
    [['why', 'Why did'], ['tone', 'Why did he leave?'], ['about_them', 'he']]
    >>> float(ex["contribution"].sum()) == ex.attrs["rumination"]
    True
    >>> print(explain("I didn't replay it today.", discounted=True)["reason"].iloc[-1])
    negated or distanced ("didn't")
    """
    rows, a, lex = _rows(text, people, discounted)
    src = text if isinstance(text, str) else ""
    df = pd.DataFrame(
        {
            "component": pd.Series([r[0] for r in rows], dtype="str"),
            "label": pd.Series([r[1] for r in rows], dtype="str"),
            "match": pd.Series([src[r[2] : r[3]] for r in rows], dtype="str"),
            "start": pd.Series([r[2] for r in rows], dtype="int64"),
            "end": pd.Series([r[3] for r in rows], dtype="int64"),
            "passage": pd.Series([r[4] for r in rows], dtype="int64"),
            "detail": pd.Series([r[5] for r in rows], dtype="str"),
            "counted": pd.Series([r[6] for r in rows], dtype="bool"),
            "reason": pd.Series([r[7] for r in rows], dtype="str"),
            "weight": pd.Series([r[8] for r in rows], dtype="float64"),
            "contribution": pd.Series([r[9] for r in rows], dtype="float64"),
        }
    )
    scored = a.language_ok is True
    total = math.fsum(df["contribution"]) if scored else math.nan
    df.attrs["rumination"] = total
    df.attrs["note"] = a.note
    df.attrs["lexicon_version"] = lex.version
    return df


def contribution_spans(text: str, *, people: object = None) -> list[tuple[str, int, int, float]]:
    """``(component, start, end, contribution)`` of :func:`contributing`, without a DataFrame.

    The same rows in the same order; for callers that explain many sentences (the review's
    quotes), where building a DataFrame per sentence costs far more than the analysis.

    Examples
    --------
    >>> contribution_spans("It kept raining. Why did he go?")
    [('why', 17, 24, 0.5), ('about_them', 25, 27, 2.0)]
    """
    rows, _, _ = _rows(text, people, False)
    return [(r[0], r[2], r[3], r[9]) for r in rows if r[9] != 0 and r[0] != "tone"]


def contributing(text: str, *, people: object = None) -> pd.DataFrame:
    """The words that move the index, weighted: :func:`explain` rows with a contribution.

    Tone rows (whole passages) are left out: they colour a passage, not words. What the review
    highlights (``<mark>``), with ``contribution`` as the weight of the highlight.

    Examples
    --------
    >>> contributing("It kept raining all day. Why did he leave?")["match"].tolist()
    ['Why did', 'he']
    """
    ex = explain(text, people=people)
    keep = ex[(ex["contribution"] != 0) & (ex["component"] != "tone")]
    return keep.reset_index(drop=True)
