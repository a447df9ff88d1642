"""Score journal entries: rumination components, the two rumination forms, release and tone.

See ``docs/rumination.md`` for the formula, the sources of each component and the limits.
In short:

* an entry is cut into passages (sentences; long ones in 25-word pieces), each passage is
  scored on its looping cues, whether it is about the person, its tone and release language,
  and ``rumination`` adds up the entry's 3 highest passage scores (so neutral sentences never
  lower it) - the index specification of :mod:`reflection_kit.text.index_spec`, data in
  ``lexicons/index_weights.csv``, comparable across people and over time;
* the version-1 rates (``why_rate`` per sentence, the others per 100 words) are still reported;
* ``rumination_within`` is the same index as a z-score against the person's own baseline
  window (by default the first 28 days of the journal);
* the reflection prompts of ``new-entry`` notes are not scored (:mod:`.prompts`);
* texts that are empty, emoji-only or not English get NA components and a ``score_note``.
"""

from __future__ import annotations

import hashlib
import math
import os
import warnings
from collections import Counter, OrderedDict
from concurrent.futures import ProcessPoolExecutor
from itertools import pairwise
from typing import Any

import numpy as np
import pandas as pd

from .._version import __version__
from ..errors import DataQualityWarning, SchemaError
from ._lexicon import Lexicon, load_lexicon
from .analysis import analyse
from .cache import ScoreCache, cache_enabled
from .index_spec import index_spec
from .markers import check_people, people_regex
from .passages import PASSAGE_FEATURES
from .prompts import unprompted
from .tokenize import fast_tokens, normalize
from .tone import NEGATIVE

__all__ = ["LOW_CONFIDENCE_WORDS", "SCORE_COLUMNS", "score_entries"]

#: Entries with fewer words than this are flagged ``low_confidence``.
LOW_CONFIDENCE_WORDS = 50
#: Bump when the scoring code changes its output (invalidates cached scores).
_SCORING_REVISION = 2
#: Retelling compares an entry with this many previous entries.
RETELL_PREVIOUS = 3
#: Baseline z-scores use at least this standard deviation (index units).
SD_FLOOR = 0.25
_MIN_BASELINE = 5
_PARALLEL_CHARS = 1_500_000  # about 250,000 words: below this, starting processes costs more
_WORKERS = max(1, min(os.cpu_count() or 1, 4))

_COUNTS = (
    "i",
    "my",
    "absolutist",
    "absolutist_ext",
    "we",
    "ex",
    "past",
    "counterfactual",
    "why",
    "question",
    "replay",
    "release",
)
_RAW = (
    "words",
    "sentences",
    *_COUNTS,
    "release_acceptance",
    "release_self_compassion",
    "release_boundaries",
    "release_future",
    "release_choosing_self",
    "tone",
    "neg_tone",
    "language_ok",
    "note",
    "passages",
    "ruminative_passages",
    *PASSAGE_FEATURES,
)
#: The columns score_entries adds, in order.
SCORE_COLUMNS = (
    "words",
    "sentences",
    "i_rate",
    "my_rate",
    "absolutist_rate",
    "absolutist_ext_rate",
    "counterfactual_rate",
    "why_rate",
    "question_rate",
    "replay_rate",
    "we_rate",
    "ex_rate",
    "past_rate",
    "neg_tone",
    "retelling",
    "passages",
    "ruminative_passages",
    *PASSAGE_FEATURES,
    "rumination",
    "rumination_within",
    "release",
    "release_acceptance",
    "release_self_compassion",
    "release_boundaries",
    "release_future",
    "release_choosing_self",
    "tone",
    "low_confidence",
    "language_ok",
    "score_note",
    "lexicon_version",
)


def _score_text(
    text: Any,
    names: Any,
    lex: Lexicon,
    bag: dict[str, float] | None = None,
    people: tuple[str, ...] = (),
) -> list[Any]:
    """Raw per-entry values (the cached unit) in the order of ``_RAW``.

    When ``bag`` is a dict, it is filled with the retelling bag of the text (saves a second
    tokenisation).
    """
    raw: dict[str, Any] = dict.fromkeys(_RAW, math.nan)
    raw.update(words=0, sentences=0, language_ok=None, note="no text")
    a = analyse(text, names, people, lex)
    if a.note.startswith("only reflection prompts"):
        # a note of reflection prompts only: nothing of the person's own to score
        raw.update(dict.fromkeys(_COUNTS, 0))
        raw.update(a.entry)
        raw.update(language_ok=True, note=a.note, tone=0.0, neg_tone=0.0)
        raw.update(passages=0, ruminative_passages=0)
        for c in lex.release_groups:
            raw["release_" + c] = 0
        return [raw[c] for c in _RAW]
    if not a.norm:
        return [raw[c] for c in _RAW]
    if bag is not None:
        bag.update(_bag_of([t for t in a.tokens if t[0].isalnum()]))
    counts = a.counts
    raw.update(words=counts["words"], sentences=len(a.sentences), language_ok=a.language_ok)
    raw["note"] = a.note
    if a.language_ok is False:
        return [raw[c] for c in _RAW]
    if a.tones:
        raw["tone"] = math.fsum(a.tones) / len(a.tones)
        raw["neg_tone"] = sum(1 for t in a.tones if t <= NEGATIVE) / len(a.tones)
    if a.language_ok:
        for comp in ("i", "my", "absolutist", "absolutist_ext", "we", "ex", "past"):
            raw[comp] = counts[comp]
        cues = Counter()
        for m in a.markers:
            if m.counted:
                cues[m.component] += 1
                if m.detail:
                    cues["release_" + m.detail] += 1
        for c in _CUE_COUNTS:
            raw[c] = cues[c]
        raw.update(a.entry)
        raw["passages"] = len(a.passages)
        raw["ruminative_passages"] = sum(1 for x in a.scores if x >= index_spec().threshold)
    return [raw[c] for c in _RAW]


_CUE_COUNTS = (
    "counterfactual",
    "why",
    "question",
    "replay",
    "release",
    "release_acceptance",
    "release_self_compassion",
    "release_boundaries",
    "release_future",
    "release_choosing_self",
)


# --- retelling --------------------------------------------------------------------------------


def _bag(text: Any) -> dict[Any, float]:
    """Sublinear counts (1 + log n) of the words and word pairs of a text."""
    if not isinstance(text, str) or not text:
        return {}
    text = unprompted(text)[0]
    return _bag_of([t.lower() for t in fast_tokens(normalize(text)) if t[0].isalnum()])


def _bag_of(words: list[str]) -> dict[Any, float]:
    # word pairs are keyed by tuples: words hold no spaces, so this is the same bag as
    # "word word" keys, without building a string per pair
    grams = Counter(words)
    grams.update(pairwise(words))
    bag = dict.fromkeys(grams, 1.0)
    for k, v in grams.items():
        if v > 1:
            bag[k] = 1.0 + math.log(v)
    return bag


def _dot(a: dict[Any, float], b: dict[Any, float]) -> float:
    # math.fsum is exactly rounded, so the result does not depend on the (hash-seeded)
    # iteration order of the dicts: the same in every process and every run.
    if a is b:
        return math.fsum([v * v for v in a.values()])
    if len(b) < len(a):
        a, b = b, a
    return math.fsum([v * b[k] for k, v in a.items() if k in b])


def _cosine(h: str, prev: tuple[str, ...], bag, dots: dict[tuple[str, str], float]) -> float:
    """Cosine similarity of the bag of ``h`` with the sum of the bags of ``prev``.

    ``bag(hash)`` returns a bag; ``dots`` memoises dot products between bags, so each pair of
    neighbouring entries is multiplied once (||sum of prev||^2 is built from pairwise dots).
    """

    def dot(x: str, y: str) -> float:
        key = (x, y) if x <= y else (y, x)
        if key not in dots:
            dots[key] = _dot(bag(x), bag(y))
        return dots[key]

    prev = tuple(p for p in prev if bag(p))
    if not bag(h) or not prev:
        return math.nan
    num = math.fsum([dot(h, p) for p in prev])
    ctx2 = math.fsum(
        [dot(p, p) for p in prev]
        + [2.0 * dot(p, q) for i, p in enumerate(prev) for q in prev[i + 1 :]]
    )
    na = math.sqrt(dot(h, h))
    return num / (na * math.sqrt(ctx2)) if na and ctx2 > 0 else math.nan


# --- work units (run in-process or in worker processes) -----------------------------------------


def _work(job: tuple[list[tuple], dict[str, str], tuple[str, ...]]) -> list[tuple]:
    """Score a chunk. Items are (hash, text, need_score, need_retell, prev_hashes)."""
    items, context, people = job
    lex = load_lexicon()
    names = people_regex(people, lex)
    bags: OrderedDict[str, dict[str, float]] = OrderedDict()
    dots: dict[tuple[str, str], float] = {}
    texts = dict(context)

    def bag(h: str) -> dict[str, float]:
        if h not in bags:
            bags[h] = _bag(texts.get(h))
            if len(bags) > 4 * (RETELL_PREVIOUS + 1):
                bags.popitem(last=False)
        return bags[h]

    out = []
    for h, text, need_score, need_retell, prev in items:
        texts[h] = text
        raw = None
        if need_score:
            fresh: dict[str, float] = {}
            # NaN as None, as the cache stores it (done here, in the worker processes)
            raw = [_finite(x) for x in _score_text(text, names, lex, fresh, people)]
            if isinstance(text, str) and text.strip():
                bags[h] = fresh
                bags.move_to_end(h)
        retell = None
        if need_retell:
            retell = _cosine(h, prev, bag, dots) if prev else math.nan
        if len(dots) > 64 * (RETELL_PREVIOUS + 1):
            dots.clear()
        out.append((raw, retell))
    return out


def _finite(x: Any) -> Any:
    return None if isinstance(x, float) and not math.isfinite(x) else x


def _chunks(items: list[tuple], n: int) -> list[list[tuple]]:
    total = sum(len(it[1]) if isinstance(it[1], str) else 0 for it in items) or 1
    out: list[list[tuple]] = [[]]
    acc = 0
    for it in items:
        out[-1].append(it)
        acc += len(it[1]) if isinstance(it[1], str) else 0
        if acc >= total * len(out) / n and len(out) < n:
            out.append([])
    return [c for c in out if c]


def _run(items: list[tuple], texts: dict[str, str], people: tuple[str, ...]) -> list[tuple]:
    chars = sum(len(it[1]) for it in items if isinstance(it[1], str))
    workers = _WORKERS
    env = os.environ.get("REFLECTION_KIT_WORKERS", "").strip()
    if env.isdigit():
        workers = max(1, int(env))
    if chars < _PARALLEL_CHARS or workers < 2 or len(items) < 2 * workers:
        return _work((items, texts, people))
    jobs = []
    for chunk in _chunks(items, 4 * workers):
        # every neighbour's text: a hash may appear later in the chunk than where it is needed
        need = {p for it in chunk for p in it[4]}
        jobs.append((chunk, {h: texts[h] for h in need if h in texts}, people))
    try:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            parts = list(pool.map(_work, jobs))
    except (OSError, RuntimeError):  # no processes allowed here: stay in this one
        return _work((items, texts, people))
    return [r for part in parts for r in part]


# --- the public function -----------------------------------------------------------------------


def _text_hash(text: Any) -> str:
    if not isinstance(text, str):
        return "na"
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def _order(df: pd.DataFrame) -> np.ndarray:
    if "timestamp" in df.columns and pd.api.types.is_datetime64_any_dtype(df["timestamp"]):
        ts = df["timestamp"]
        keys = ts.dt.tz_convert("UTC") if isinstance(ts.dtype, pd.DatetimeTZDtype) else ts
        return np.asarray(pd.Series(keys.to_numpy()).argsort(kind="stable").to_numpy())
    return np.arange(len(df))


def _rates(raw: pd.DataFrame, lex: Lexicon) -> pd.DataFrame:
    ok = raw["language_ok"].eq(True) & (raw["words"] > 0)
    per100 = 100.0 / raw["words"].where(ok)
    per_sentence = 1.0 / raw["sentences"].where(ok & (raw["sentences"] > 0))
    out = pd.DataFrame(index=raw.index)
    out["words"] = raw["words"].astype("int64")
    out["sentences"] = raw["sentences"].astype("int64")
    # counts of markers as rates (reported; the index is made of the passage components)
    rates = {
        "i_rate": ("i", per100),
        "my_rate": ("my", per100),
        "absolutist_rate": ("absolutist", per100),
        "absolutist_ext_rate": ("absolutist_ext", per100),
        "counterfactual_rate": ("counterfactual", per100),
        "why_rate": ("why", per_sentence),
        "question_rate": ("question", per_sentence),
        "replay_rate": ("replay", per100),
        "we_rate": ("we", per100),
        "ex_rate": ("ex", per100),
        "past_rate": ("past", per100),
        "release": ("release", per100),
    }
    for column, (marker, unit) in rates.items():
        out[column] = raw[marker].astype("float64") * unit
    prompt_only = raw["note"].astype("str").str.startswith("only reflection prompts")
    ok = ok | prompt_only
    out["passages"] = raw["passages"].astype("float64").where(ok)
    out["ruminative_passages"] = raw["ruminative_passages"].astype("float64").where(ok)
    for column in PASSAGE_FEATURES:
        out[column] = raw[column].astype("float64").where(ok)
    out["neg_tone"] = raw["neg_tone"].astype("float64").where(ok)
    out["retelling"] = raw["retelling"].astype("float64").where(ok & ~prompt_only)
    for c in ("acceptance", "self_compassion", "boundaries", "future", "choosing_self"):
        out[f"release_{c}"] = raw[f"release_{c}"].astype("float64") * per100
    out["tone"] = raw["tone"].astype("float64").where(raw["language_ok"].ne(False))
    out["rumination"] = index_spec().index(out).where(ok)
    out["rumination_within"] = np.nan
    out["low_confidence"] = (raw["words"] < LOW_CONFIDENCE_WORDS).astype("bool")
    out["language_ok"] = pd.array(list(raw["language_ok"]), dtype="boolean")
    out["score_note"] = raw["note"].astype("str")
    out["lexicon_version"] = pd.Series(lex.version, index=raw.index, dtype="str")
    return out


def _baseline(df: pd.DataFrame, out: pd.DataFrame, baseline: Any) -> dict[str, Any]:
    ok = out["language_ok"].fillna(False).astype(bool) & out["rumination"].notna()
    if "date" in df.columns and pd.api.types.is_datetime64_any_dtype(df["date"]):
        days = (
            pd.to_datetime(df["date"]).dt.tz_localize(None)
            if isinstance(df["date"].dtype, pd.DatetimeTZDtype)
            else pd.to_datetime(df["date"])
        )
    elif "timestamp" in df.columns and pd.api.types.is_datetime64_any_dtype(df["timestamp"]):
        ts = df["timestamp"]
        days = ts.dt.tz_localize(None) if isinstance(ts.dtype, pd.DatetimeTZDtype) else ts
        days = days.dt.normalize()
    else:
        days = None
    info: dict[str, Any] = {"spec": baseline, "start": None, "end": None}
    if baseline is None:
        window = ok
    elif isinstance(baseline, (int, np.integer)) and not isinstance(baseline, bool):
        if baseline < 1:
            raise ValueError(
                f"`baseline` must be a positive number of days, got {baseline}. "
                "Suggestion: baseline=28, baseline=('2024-01-01', '2024-02-01') or None."
            )
        if days is None:
            first = np.flatnonzero(ok.to_numpy())[:baseline]
            window = pd.Series(False, index=df.index)
            window.iloc[first] = True
        else:
            start = days[ok].min()
            end = start + pd.Timedelta(days=int(baseline)) if pd.notna(start) else start
            window = ok & (days >= start) & (days < end)
            info.update(start=start, end=end)
    elif isinstance(baseline, (tuple, list)) and len(baseline) == 2:
        if days is None:
            raise SchemaError(
                "`baseline=(start, end)` needs a `date` or `timestamp` column. "
                "Suggestion: pass baseline=<number of entries> instead.",
                columns=["date"],
            )
        try:
            start, end = (pd.Timestamp(b) for b in baseline)
        except (ValueError, TypeError) as exc:
            raise ValueError(
                f"`baseline` dates could not be read ({baseline!r}: {exc}). "
                "Suggestion: baseline=('2024-01-01', '2024-02-01')."
            ) from exc
        start = start.tz_localize(None) if start.tzinfo else start
        end = end.tz_localize(None) if end.tzinfo else end
        window = ok & (days >= start) & (days < end)
        info.update(start=start, end=end)
    else:
        raise TypeError(
            f"`baseline` must be a number of days, a (start, end) pair or None, got "
            f"{baseline!r}. Suggestion: baseline=28."
        )
    confident = window & ~out["low_confidence"]
    use = confident if confident.sum() >= _MIN_BASELINE else window
    vals = out.loc[use, "rumination"]
    info["entries"] = len(vals)
    if len(vals) < _MIN_BASELINE:
        info.update(mean=math.nan, sd=math.nan)
        info["note"] = (
            f"rumination_within is NA: the baseline window holds {len(vals)} scored entries "
            f"and needs at least {_MIN_BASELINE}. Suggestion: a longer window (baseline=60) "
            "or baseline=None for the whole journal."
        )
        return info
    mean = float(vals.mean())
    sd = float(vals.std(ddof=1)) if len(vals) > 1 else 0.0
    info.update(mean=mean, sd=max(sd, SD_FLOOR), note="")
    out["rumination_within"] = (out["rumination"] - mean) / info["sd"]
    return info


def score_entries(
    journal: pd.DataFrame,
    *,
    people: Any = None,
    baseline: Any = 28,
    cache: bool = True,
) -> pd.DataFrame:
    """Score every journal entry: rumination components, rumination, release and tone.

    Parameters
    ----------
    journal : pandas.DataFrame
        A journal frame (``rk.read_journal``); only ``text`` is required. ``timestamp`` orders
        the entries for ``retelling`` and ``date`` places the baseline window.
    people : str or list of str, optional
        Names or aliases of the person being let go. A looping passage counts fully only when
        it is about them: their name, or he/she/they not tied to someone else (see
        docs/rumination.md, "About the person"). Without it, he/she/they stand for the person.
    baseline : int, (start, end) or None, default 28
        The window ``rumination_within`` is measured against: the first ``baseline`` days of
        the journal, dates ``start <= date < end``, or the whole journal (None). It needs at
        least 5 scored entries, else ``rumination_within`` is NA and ``attrs["baseline"]``
        says why (with a DataQualityWarning when the journal itself has 5 or more).
    cache : bool, default True
        Keep per-entry scores in a cache **on disk** and reuse them, so a grown journal only
        scores its new entries. By default this writes a file under the user's cache folder
        (``~/.cache/reflection-kit/scores`` on Linux, or ``$REFLECTION_KIT_CACHE_DIR``),
        private to the user (0600). It holds numbers keyed by a SHA-256 of each text, never
        the text itself (see :mod:`reflection_kit.text.cache`). ``cache=False`` reads and
        writes nothing; ``REFLECTION_KIT_NO_CACHE=1`` turns it off for every call, and
        ``rk.text.clear_cache()`` deletes what was written.

    Returns
    -------
    pandas.DataFrame
        A copy of ``journal`` plus the columns of ``SCORE_COLUMNS``. ``attrs`` holds
        ``lexicon_version``, ``threshold`` and ``baseline`` (window, mean, sd, entries).

    Raises
    ------
    SchemaError
        When ``journal`` is not a DataFrame with a ``text`` column.
    TypeError
        When ``people`` or ``baseline`` has the wrong type.

    Examples
    --------
    >>> import pandas as pd
    >>> from reflection_kit.text import score_entries
    >>> j = pd.DataFrame({"text": ["Why did he leave? I keep replaying it.", "Nice walk."]})
    >>> s = score_entries(j, cache=False, baseline=None)
    >>> s[["why_rate", "replay_rate"]].round(2).values.tolist()
    [[0.5, 12.5], [0.0, 0.0]]
    """
    if not isinstance(journal, pd.DataFrame) or "text" not in journal.columns:
        got = (
            type(journal).__name__
            if not isinstance(journal, pd.DataFrame)
            else list(journal.columns)
        )
        raise SchemaError(
            f"`journal` must be a DataFrame with a `text` column, got {got}. "
            "Suggestion: load it with rk.read_journal(path).",
            columns=["text"],
        )
    names = check_people(people)
    lex = load_lexicon()
    texts = [t if isinstance(t, str) else None for t in journal["text"].tolist()]
    hashes = [_text_hash(t) for t in texts]
    order = _order(journal)
    prev: list[tuple[str, ...]] = [()] * len(texts)
    for k, pos in enumerate(order):
        prev[pos] = tuple(hashes[q] for q in order[max(0, k - RETELL_PREVIOUS) : k])[::-1]
    ctx = [
        hashlib.sha256(("|".join((hashes[i], *prev[i]))).encode()).hexdigest()[:32]
        for i in range(len(texts))
    ]
    namespace = "\0".join((__version__, str(_SCORING_REVISION), lex.digest, *names))
    store = ScoreCache(namespace, _RAW)
    use_cache = cache_enabled(cache)
    if use_cache:
        store.load()

    raws: dict[str, list[Any]] = {}
    retell: dict[str, float] = {}
    items, seen = [], set()
    for pos in order:
        h = hashes[pos]
        need_score = h not in store.entries and h not in seen
        need_retell = ctx[pos] not in store.retelling
        if need_score or need_retell:
            items.append((h, texts[pos], need_score, need_retell, prev[pos]))
            seen.add(h)
    if items:
        by_hash = {h: t for h, t in zip(hashes, texts, strict=True) if t is not None}
        results = _run(items, by_hash, names)
        for (h, _t, ns, nr, p), (raw, rv) in zip(items, results, strict=True):
            if ns:
                raws[h] = raw
                store.entries[h] = raw
            if nr:
                key = hashlib.sha256("|".join((h, *p)).encode()).hexdigest()[:32]
                retell[key] = rv
                store.retelling[key] = None if rv is None or math.isnan(rv) else rv
        store.dirty = True
    if use_cache and store.dirty:
        store.save()

    rows = [raws.get(h) or store.entries[h] for h in hashes]
    raw = pd.DataFrame(rows, columns=list(_RAW), index=journal.index)
    for c in _RAW:
        if c not in ("language_ok", "note"):
            raw[c] = pd.to_numeric(raw[c], errors="coerce")
    rv = [retell.get(k, store.retelling.get(k)) for k in ctx]
    raw["retelling"] = pd.Series([math.nan if v is None else v for v in rv], index=raw.index)
    out = _rates(raw, lex)
    info = _baseline(journal, out, baseline)
    scored = int(out["rumination"].notna().sum())
    if info.get("note") and scored >= _MIN_BASELINE:
        # a journal this short cannot have a baseline: NA with the note in attrs, no warning
        warnings.warn(info["note"], DataQualityWarning, stacklevel=2)
    result = journal.drop(columns=[c for c in SCORE_COLUMNS if c in journal.columns]).copy()
    for c in SCORE_COLUMNS:
        result[c] = out[c]
    result.attrs["lexicon_version"] = lex.version
    result.attrs["threshold"] = lex.threshold
    result.attrs["baseline"] = info
    return result
