"""Validate the rumination index on full-length journal entries written by other people.

Data: ``tests/data/rumination_entries/`` (312 entries of 50-400 words by 12 writers in 10
registers, labelled from ``GUIDE.md`` with a blind second pass). ``split.py`` splits it by
writer: the weights were fitted on the DEV writers only (``--fit`` shows how); everything
printed by default is on the TEST writers, whose entries were never used to tune anything.
Each entry is scored on its own with ``people=[the person it is about]``, as a user would
configure it (so ``retelling`` is absent).

Printed: ROC AUC, PR AUC, precision/recall at the documented threshold, AUC by length band and
by register, length invariance (each ruminative test entry that is classified ruminative,
padded with 100, 200 and 300 words of neutral text: does it stay at or above the threshold?),
and the old snippet set (``tests/data/rumination_eval``) as a regression check.

Run::

    python benchmarks/validate_rumination.py            # the report on the test writers
    python benchmarks/validate_rumination.py --fit      # refit the weights on the dev writers
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

from reflection_kit.text import score_entries
from reflection_kit.text._lexicon import load_lexicon
from reflection_kit.text.analysis import analyse
from reflection_kit.text.index_spec import index_spec
from reflection_kit.text.markers import check_people, people_regex
from reflection_kit.text.passages import PASSAGE_FEATURES, select_passages

HERE = Path(__file__).resolve().parent
ENTRIES = HERE.parent / "tests" / "data" / "rumination_entries"
SNIPPETS = HERE.parent / "tests" / "data" / "rumination_eval"
#: The names used in the old snippet set (what a user passes as people=).
SNIPPET_PEOPLE = ["Alex", "Sam", "Chris", "Jordan", "Maya"]
BANDS = ((50, 120, "50-120 words"), (120, 250, "120-250 words"), (250, 401, "250-400 words"))
#: Neutral padding for the invariance check: everyday sentences with no cue.
NEUTRAL = (
    "The bus was on time this morning. I had porridge with a banana. Work was mostly "
    "emails and one long meeting about the budget. At lunch I walked to the square and sat "
    "on a bench for a while. The weather was mild and a bit grey. In the afternoon I "
    "finished the quarterly report and sent it to the team. I bought bread, milk and "
    "tomatoes on the way home. The neighbour's cat sat on the wall as usual. I watered the "
    "plants on the balcony. Dinner was pasta with a simple sauce. I watched half a "
    "documentary about bridges. I ironed two shirts for the week. The washing machine "
    "needs descaling soon. I read a chapter of my novel before bed. "
)


def _split_module():
    spec = importlib.util.spec_from_file_location("rumination_split", ENTRIES / "split.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def roc_auc(y: np.ndarray, s: np.ndarray) -> float:
    """Area under the ROC curve (Mann-Whitney form; ties count one half)."""
    ranks = pd.Series(s).rank(method="average").to_numpy()
    pos = y == 1
    n1, n0 = int(pos.sum()), int((~pos).sum())
    if n1 == 0 or n0 == 0:
        return float("nan")
    return float((ranks[pos].sum() - n1 * (n1 + 1) / 2) / (n1 * n0))


def pr_auc(y: np.ndarray, s: np.ndarray) -> float:
    """Average precision (area under the precision-recall curve, step form)."""
    order = np.argsort(-s, kind="stable")
    y = y[order]
    hits = np.cumsum(y)
    precision = hits / np.arange(1, len(y) + 1)
    return float((precision * y).sum() / max(y.sum(), 1))


def score_one(text: str, people: list[str] | None) -> float:
    one = pd.DataFrame({"text": pd.Series([text], dtype="str")})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        out = score_entries(one, people=people, baseline=None, cache=False)
    return float(out["rumination"].fillna(0.0).iloc[0])


def band_of(words: int) -> str:
    return next(name for lo, hi, name in BANDS if lo <= words < hi)


def score_rows(rows: list[dict]) -> pd.DataFrame:
    df = pd.DataFrame(rows)
    df["words"] = [len(t.split()) for t in df["text"]]
    df["band"] = [band_of(w) for w in df["words"]]
    df["rumination"] = [score_one(t, [p]) for t, p in zip(df["text"], df["person"], strict=True)]
    return df


def metrics(df: pd.DataFrame, threshold: float) -> dict:
    y = df["label"].to_numpy().astype(int)
    s = df["rumination"].to_numpy()
    pred = s >= threshold
    tp, fp = int((pred & (y == 1)).sum()), int((pred & (y == 0)).sum())
    fn = int((~pred & (y == 1)).sum())
    return {
        "n": len(df),
        "auc": roc_auc(y, s),
        "pr_auc": pr_auc(y, s),
        "precision": tp / (tp + fp) if tp + fp else float("nan"),
        "recall": tp / (tp + fn) if tp + fn else float("nan"),
    }


def invariance(df: pd.DataFrame, threshold: float) -> tuple[int, int]:
    """(kept, cases): ruminative entries above the threshold that stay above when padded."""
    words = NEUTRAL.split()
    kept = cases = 0
    for text, person in zip(df["text"], df["person"], strict=True):
        if score_one(text, [person]) < threshold:
            continue
        for extra in (100, 200, 300):
            pad = " ".join((words * 4)[:extra])
            for padded in (pad + "\n\n" + text, text + "\n\n" + pad):
                cases += 1
                kept += score_one(padded, [person]) >= threshold
    return kept, cases


def snippets(threshold: float) -> None:
    for split in ("dev", "heldout"):
        path = SNIPPETS / f"{split}.csv"
        if not path.exists():
            continue
        df = pd.read_csv(path, dtype={"id": "str", "text": "str", "category": "str"})
        df["rumination"] = [score_one(t, SNIPPET_PEOPLE) for t in df["text"]]
        m = metrics(df, threshold)
        print(f"  old snippets, {split:8s} n={m['n']:3d}  ROC AUC {m['auc']:.3f}  "
              f"precision {m['precision']:.3f}  recall {m['recall']:.3f}")  # fmt: skip


def report(df: pd.DataFrame, threshold: float, name: str) -> dict:
    m = metrics(df, threshold)
    y = df["label"]
    print(f"\n== {name}: n={m['n']} ({int(y.sum())} ruminative, {int((y == 0).sum())} not)")
    print(f"ROC AUC {m['auc']:.3f}   PR AUC {m['pr_auc']:.3f}")
    print(f"at threshold {threshold:g}: precision {m['precision']:.3f}  recall {m['recall']:.3f}")
    print("by length band:")
    for _, _, band in BANDS:
        sub = df[df["band"] == band]
        auc = roc_auc(sub["label"].to_numpy(), sub["rumination"].to_numpy())
        print(f"  {band:16s} n={len(sub):3d}  ROC AUC {auc:.3f}")
    print("by register:")
    for reg, sub in df.groupby("register"):
        auc = roc_auc(sub["label"].to_numpy(), sub["rumination"].to_numpy())
        print(f"  {reg:20s} n={len(sub):3d}  ROC AUC {auc:.3f}")
    return m


# --- fitting on the dev writers ---------------------------------------------------------------


def _passage_values(rows: list[dict]) -> list[np.ndarray]:
    lex = load_lexicon()
    out = []
    for r in rows:
        names = check_people([r["person"]])
        a = analyse(r["text"], people_regex(names, lex), names, lex)
        out.append(np.array([[v[c] for c in PASSAGE_FEATURES] for v in a.values]).reshape(-1, 8))
    return out


def fit(rows: list[dict], rounds: int = 6, l2: float = 0.5) -> dict[str, float]:
    """Logistic fit of the passage weights on ``rows`` (alternating with the selection)."""
    values = _passage_values(rows)
    y = np.array([r["label"] for r in rows], dtype=float)
    w = np.array([index_spec().passage_weights[c] for c in PASSAGE_FEATURES])
    b = 0.0
    for _ in range(rounds):
        x = np.zeros((len(rows), len(w)))
        for k, v in enumerate(values):
            if len(v):
                chosen = select_passages(list(v @ w))
                x[k] = v[chosen].sum(axis=0) if chosen else 0.0
        ww, bb = w.copy(), b
        for _step in range(4000):
            p = 1 / (1 + np.exp(-(x @ ww + bb)))
            gw = x.T @ (p - y) / len(y) + l2 * ww / len(y)
            gb = float(np.mean(p - y))
            ww -= 0.5 * gw
            bb -= 0.5 * gb
        w, b = ww, bb
    out = {c: round(float(v) * 8) / 8 for c, v in zip(PASSAGE_FEATURES, w, strict=True)}
    out["threshold (from intercept)"] = -b
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--fit", action="store_true", help="refit the weights on the dev writers")
    ap.add_argument("--dev", action="store_true", help="also report on the dev writers")
    args = ap.parse_args(argv)
    split = _split_module()
    dev_rows, test_rows = split.split(split.read_entries())
    threshold = index_spec().threshold
    print(f"lexicon {load_lexicon().version}; threshold {threshold}")
    if args.fit:
        print("weights fitted on the dev writers:", fit(dev_rows))
        return 0
    if args.dev:
        report(score_rows(dev_rows), threshold, "DEV writers (tuned on)")
    test = score_rows(test_rows)
    m = report(test, threshold, "TEST writers (never tuned on)")
    kept, cases = invariance(test[test["label"] == 1], threshold)
    share = kept / cases if cases else float("nan")
    print(f"length invariance: {kept} of {cases} padded cases keep their classification "
          f"({share:.0%}; ruminative test entries at or above the threshold, padded with "
          "100/200/300 neutral words before or after)")  # fmt: skip
    print("regression (old snippet set):")
    snippets(threshold)
    verdict = "meets" if m["auc"] >= 0.90 else "falls short of"
    print(f"\ntest ROC AUC {m['auc']:.3f} {verdict} the 0.90 target.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
