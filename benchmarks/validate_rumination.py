"""Validate the rumination index on the hand-labelled evaluation set.

The set lives in ``tests/data/rumination_eval/``: ``dev.csv`` (used to tune the lexicons and
weights) and ``heldout.csv`` (never used for tuning). Each snippet is scored on its own (so
``retelling`` is NA and contributes 0), with ``people=`` set to the names of the people being
let go that the set uses, as a user would configure them.

Prints ROC AUC and precision / recall / F1 at the documented threshold
(``lexicons/index_weights.csv``, row ``threshold``), per split and per category, and lists
the errors at the threshold.

Run::

    python benchmarks/validate_rumination.py            # both splits
    python benchmarks/validate_rumination.py --split dev
"""

from __future__ import annotations

import argparse
import sys
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

from reflection_kit.text import score_entries
from reflection_kit.text._lexicon import load_lexicon

HERE = Path(__file__).resolve().parent
DATA = HERE.parent / "tests" / "data" / "rumination_eval"
#: The names of the people being let go in the evaluation set (what a user passes as people=).
PEOPLE = ["Alex", "Sam", "Chris", "Jordan", "Maya"]


def roc_auc(y: np.ndarray, s: np.ndarray) -> float:
    """Area under the ROC curve (Mann-Whitney form; ties count one half)."""
    ranks = pd.Series(s).rank(method="average").to_numpy()
    pos = y == 1
    n1, n0 = int(pos.sum()), int((~pos).sum())
    if n1 == 0 or n0 == 0:
        return float("nan")
    return float((ranks[pos].sum() - n1 * (n1 + 1) / 2) / (n1 * n0))


def score_split(path: Path) -> pd.DataFrame:
    """Score each snippet of one split on its own."""
    df = pd.read_csv(path, dtype={"id": "str", "text": "str", "category": "str"})
    scores = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for text in df["text"]:
            one = pd.DataFrame({"text": pd.Series([text], dtype="str")})
            scores.append(score_entries(one, people=PEOPLE, baseline=None, cache=False).iloc[0])
    extra = pd.DataFrame(scores).drop(columns=["text"]).reset_index(drop=True)
    out = pd.concat([df, extra], axis=1)
    return out


def report(name: str, df: pd.DataFrame, threshold: float, show_errors: bool = True) -> dict:
    y = df["label"].to_numpy().astype(int)
    s = df["rumination"].fillna(0.0).to_numpy()
    pred = s >= threshold
    tp = int((pred & (y == 1)).sum())
    fp = int((pred & (y == 0)).sum())
    fn = int((~pred & (y == 1)).sum())
    precision = tp / (tp + fp) if tp + fp else float("nan")
    recall = tp / (tp + fn) if tp + fn else float("nan")
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else float("nan")
    auc = roc_auc(y, s)
    print(f"\n== {name}: n={len(df)} ({int(y.sum())} ruminative, {int((y == 0).sum())} not)")
    print(f"ROC AUC                 {auc:.3f}")
    print(f"at threshold {threshold:<10g}", end=" ")
    print(f"precision {precision:.3f}  recall {recall:.3f}  F1 {f1:.3f}")
    print(
        f"                        TP {tp}  FP {fp}  FN {fn}  TN {int(((~pred) & (y == 0)).sum())}"
    )
    by = df.assign(pred=pred.astype(int), hit=(pred.astype(int) == y)).groupby("category")
    table = by.agg(n=("label", "size"), label=("label", "first"), correct=("hit", "mean"))
    table["mean_index"] = by["rumination"].mean()
    print(table.round(2).to_string())
    if show_errors:
        err = df[(pred.astype(int) != y)]
        for _, r in err.iterrows():
            kind = "missed " if r["label"] == 1 else "false +"
            print(f"  {kind} {r['id']} [{r['category']}] {r['rumination']:.2f}: {r['text'][:110]}")
    return {"auc": auc, "precision": precision, "recall": recall, "f1": f1}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", choices=["dev", "heldout", "both"], default="both")
    ap.add_argument("--no-errors", action="store_true", help="do not list the misclassified")
    args = ap.parse_args(argv)
    threshold = load_lexicon().threshold
    print(f"lexicon {load_lexicon().version}; threshold {threshold}; people={PEOPLE}")
    results = {}
    for split in ("dev", "heldout"):
        if args.split in (split, "both"):
            df = score_split(DATA / f"{split}.csv")
            results[split] = report(split, df, threshold, not args.no_errors)
    if "heldout" in results:
        r = results["heldout"]
        verdict = "meets" if r["auc"] >= 0.85 else "falls short of"
        print(f"\nheld-out ROC AUC {r['auc']:.3f} {verdict} the 0.85 target.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
