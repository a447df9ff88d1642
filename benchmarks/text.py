"""Benchmark: scoring a 10-year journal (~11,000 entries, ~3 million words).

Compares, in the same run:

* **naive** - the loop a notebook user would write: per entry, split sentences with a regex,
  run NLTK's VADER ``polarity_scores`` on each sentence (NLTK's engine, reading the lexicon that
  the vaderSentiment wheel ships, whose folder is put on ``nltk.data.path``), plus one regex per
  rumination component;
* **cold** - ``score_entries`` with an empty cache (in a temporary folder);
* **warm** - ``score_entries`` again, every entry cached.

Targets: cold at least 2x faster than naive, warm at least 20x faster than cold, peak memory
under 1.5 GiB. Run::

    python benchmarks/text.py            # the full 10-year journal
    python benchmarks/text.py --years 1  # a quicker look
"""

from __future__ import annotations

import argparse
import importlib
import os
import re
import resource
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

from reflection_kit.frames import empty_journal

SEED = 20240611

_OPEN = ["Today", "This morning", "Tonight", "After work", "At lunch", "On the bus", "Later"]
_SUBJ = ["I", "I", "I", "We", "My sister", "Anna", "He", "She", "They", "Mum", "Tom"]
_VERB = [
    "walked to",
    "thought about",
    "called",
    "cleaned",
    "wrote about",
    "cooked for",
    "remembered",
    "visited",
    "read about",
    "talked to",
    "texted",
    "laughed with",
    "missed",
    "planned",
    "watched",
    "finished",
    "started",
    "fixed",
    "painted",
    "noticed",
]
_OBJ = [
    "the park",
    "the kitchen",
    "the old flat",
    "a friend",
    "the garden",
    "my notes",
    "the river",
    "the report",
    "the library",
    "his jacket",
    "her letters",
    "our photos",
    "the bakery",
    "the station",
    "a new recipe",
    "the shelves",
    "the bike",
    "the dog",
    "the market",
    "the sea",
    "the hills",
    "my plants",
    "the playlist",
    "the new job",
]
_ADV = [
    "slowly",
    "again",
    "for an hour",
    "with a coffee",
    "in the rain",
    "before dinner",
    "without thinking",
    "all afternoon",
    "for the first time",
    "quietly",
    "at last",
    "",
]
_FEEL = [
    "calm",
    "tired",
    "hopeful",
    "lonely",
    "proud",
    "anxious",
    "sad",
    "light",
    "angry",
    "grateful",
    "heavy",
    "okay",
    "restless",
    "happy",
    "numb",
    "steady",
]
_RUM = [
    "Why did {n} leave like that?",
    "I keep thinking about what {n} said that night.",
    "What if I had said something different?",
    "I should have seen it coming.",
    "If only I had listened more.",
    "I can't stop going over the last weekend again and again.",
    "Why can't I just let it go?",
    "I reread {n}'s old messages for an hour.",
    "Does {n} ever think about us?",
    "I wish I had fought harder for us.",
    "Everything reminds me of {n}, always.",
]
_REL = [
    "I didn't text {n} today and I'm proud of myself.",
    "I accept that it's over and I'm moving on.",
    "Day {d} of no contact.",
    "I finally blocked {n}'s number.",
    "Next week I'm going to start the pottery class.",
    "I was gentle with myself tonight.",
    "I went for a walk with my friends and felt lighter.",
]
_EMOJI = ["😊", "😢", "🙂", "💔", "🌧️", "☕", "👍🏽", ""]
_NAMES = ["Alex", "Sam", "him", "her"]


def make_journal(years: float = 10.0, seed: int = SEED) -> pd.DataFrame:
    """A synthetic journal: ~3 entries a day, ~270 words each, fixed seed."""
    rng = np.random.default_rng(seed)
    days = int(365.25 * years)
    n = int(days * 3.0)
    start = pd.Timestamp("2015-01-01 07:00")
    offsets = np.sort(rng.uniform(0, days * 86400, n)).astype("int64")
    local = start + pd.to_timedelta(offsets, unit="s")
    texts = []
    pick = rng.integers
    for k in range(n):
        progress = k / n  # rumination fades over the years
        parts = []
        for _ in range(int(pick(22, 36))):
            r = rng.random()
            name = _NAMES[pick(len(_NAMES))]
            if r < 0.25 * (1 - progress) + 0.03:
                parts.append(_RUM[pick(len(_RUM))].format(n=name))
            elif r < 0.4:
                parts.append(_REL[pick(len(_REL))].format(n=name, d=int(pick(1, 400))))
            else:
                s = (
                    f"{_OPEN[pick(len(_OPEN))]} {_SUBJ[pick(len(_SUBJ))].lower()} "
                    f"{_VERB[pick(len(_VERB))]} {_OBJ[pick(len(_OBJ))]} "
                    f"{_ADV[pick(len(_ADV))]}".rstrip()
                )
                s += f" and felt {_FEEL[pick(len(_FEEL))]}"
                s += "." if rng.random() < 0.85 else ""
                s += (" " + _EMOJI[pick(len(_EMOJI))]) if rng.random() < 0.1 else ""
                parts.append(s)
        sep = "\n" if rng.random() < 0.3 else " "
        texts.append(sep.join(parts))
    j = empty_journal()
    rows = pd.DataFrame(
        {
            "entry_id": pd.Series([f"e{k:06d}" for k in range(n)], dtype="str"),
            "timestamp": pd.DatetimeIndex(local).astype("datetime64[us]").tz_localize("UTC"),
            "date": pd.DatetimeIndex(local).normalize().astype("datetime64[us]"),
            "title": pd.Series([""] * n, dtype="str"),
            "text": pd.Series(texts, dtype="str"),
            "source": pd.Series(["benchmark"] * n, dtype="str"),
            "journal": pd.Series(["Journal"] * n, dtype="str"),
        }
    )
    return pd.concat([j, rows], ignore_index=True)[list(j.columns)]


def naive(journal: pd.DataFrame) -> pd.DataFrame:
    """The loop a notebook user would write (NLTK VADER per sentence + a regex per component)."""
    import nltk
    import vaderSentiment
    from nltk.sentiment.vader import SentimentIntensityAnalyzer

    folder = os.path.dirname(vaderSentiment.__file__)
    if folder not in nltk.data.path:
        nltk.data.path.insert(0, folder)
    sia = SentimentIntensityAnalyzer(lexicon_file="vader_lexicon.txt")
    patterns = {
        "i": r"\b(?:i|me|myself|i'm|i've|i'd|i'll)\b",
        "my": r"\bmy\b",
        "absolutist": r"\b(?:absolutely|all|always|complete|completely|constant|constantly|"
        r"definitely|entire|ever|every|everyone|everything|full|must|never|nothing|totally|"
        r"whole)\b",
        "counterfactual": r"\b(?:if only|what if|should have|could have|would have|i wish i had|"
        r"if i had|if i hadn't)\b",
        "why": r"\bwhy\b[^.!?]*\?",
        "replay": r"\b(?:keep thinking|can't stop thinking|over and over|replaying|again and "
        r"again)\b",
        "we": r"\b(?:we|us|our)\b",
        "ex": r"\b(?:he|she|they|him|her|them|alex|sam)\b",
        "past": r"\b(?:was|were|had|did|used to|back when)\b",
        "release": r"\b(?:accept|let go|moving on|proud of myself|no contact|blocked)\b",
    }
    compiled = {k: re.compile(v, re.IGNORECASE) for k, v in patterns.items()}
    rows = []
    for text in journal["text"]:
        sentences = [s for s in re.split(r"(?<=[.!?])\s+|\n+", text) if s.strip()]
        comp = [sia.polarity_scores(s)["compound"] for s in sentences]
        words = len(text.split())
        row = {k: 100 * len(rx.findall(text)) / max(words, 1) for k, rx in compiled.items()}
        row["tone"] = sum(comp) / len(comp) if comp else float("nan")
        rows.append(row)
    return pd.DataFrame(rows)


def _cpu() -> float:
    """CPU seconds used so far by this process and its finished children (the workers)."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def _peak_mib() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    scale = 1 if sys.platform == "darwin" else 1024  # bytes on macOS, KiB on Linux
    return max(own, kids) * scale / 2**20


def _workers() -> int:
    """How many processes cold scoring of this journal uses (see reflection_kit.text.score)."""
    score_module = importlib.import_module("reflection_kit.text.score")
    env = os.environ.get("REFLECTION_KIT_WORKERS", "").strip()
    return max(1, int(env)) if env.isdigit() else score_module._WORKERS


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--years", type=float, default=10.0)
    args = ap.parse_args(argv)
    t = time.perf_counter()
    journal = make_journal(args.years)
    words = int(journal["text"].str.split().str.len().sum())
    print(
        f"journal: {len(journal):,} entries, {words:,} words "
        f"(generated in {time.perf_counter() - t:.1f}s, seed {SEED})"
    )

    with tempfile.TemporaryDirectory() as tmp:
        os.environ["REFLECTION_KIT_CACHE_DIR"] = str(Path(tmp) / "cache")
        os.environ.pop("REFLECTION_KIT_NO_CACHE", None)
        from reflection_kit.text import score_entries

        load_before = os.getloadavg()[0]
        print(f"load average before: {load_before:.1f} on {os.cpu_count()} cores")
        t, c = time.perf_counter(), _cpu()
        naive(journal)
        t_naive, c_naive = time.perf_counter() - t, _cpu() - c
        print(f"naive loop (NLTK VADER + regexes): {t_naive:8.2f} s wall {c_naive:8.2f} s CPU")

        t, c = time.perf_counter(), _cpu()
        cold = score_entries(journal, people=["Alex", "Sam"])
        t_cold, c_cold = time.perf_counter() - t, _cpu() - c
        print(f"score_entries cold:               {t_cold:8.2f} s wall {c_cold:8.2f} s CPU")

        t, c = time.perf_counter(), _cpu()
        warm = score_entries(journal, people=["Alex", "Sam"])
        t_warm, c_warm = time.perf_counter() - t, _cpu() - c
        print(f"score_entries warm (cached):      {t_warm:8.2f} s wall {c_warm:8.2f} s CPU")
        load_after = os.getloadavg()[0]
        print(f"load average after:  {load_after:.1f}")
        cols = [c for c in cold.columns if c not in ("rumination_within",)]
        same = cold[cols].equals(warm[cols])
        peak = _peak_mib()

    ok = {
        "cold vs naive": (t_naive / t_cold, 2.0),
        "warm vs cold": (t_cold / t_warm, 20.0),
    }
    print()
    for name, (ratio, target) in ok.items():
        flag = "meets" if ratio >= target else "BELOW"
        print(f"{name:14s} {ratio:7.1f}x  (target >= {target:g}x: {flag})")
    print(f"(CPU time: naive / cold = {c_naive / c_cold:.1f}x; wall-clock ratios depend on how")
    print(f" busy the machine is, since cold scoring uses {_workers()} worker processes)")
    cores = os.cpu_count() or 1
    if max(load_before, load_after) > 0.5 * cores:
        print(
            f"note: other work was running (load average up to "
            f"{max(load_before, load_after):.1f} on {cores} cores), so the wall-clock ratios "
            "are lower than on an idle machine; the CPU-time ratio is the steadier figure"
        )
    flag = "meets" if peak < 1536 else "ABOVE"
    print(f"peak memory   {peak:8.0f} MiB (target < 1536 MiB: {flag})")
    print(f"warm == cold  {same}")
    print(
        f"mean rumination, first vs last year: "
        f"{cold['rumination'].iloc[: len(cold) // 10].mean():.2f} -> "
        f"{cold['rumination'].iloc[-len(cold) // 10 :].mean():.2f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
