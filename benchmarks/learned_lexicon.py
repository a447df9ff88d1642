"""How far a word list *learned* from the dev writers gets, compared with the index.

The rumination index (``docs/rumination.md``) adds up hand-written cue families with fixed
weights; on the full-length entry set its test ROC AUC is about 0.76, short of issue 14's 0.90.
This script measures the strongest transparent alternative we could build offline: a
logistic regression on word and word-pair presence, fitted on the **dev writers only**, and
applied the way the index is (per passage, plus the index's own passage score, the entry
being the sum of its 3 highest positive passages, so padding cannot dilute it).

* Vocabulary: lower-case words without apostrophes, and adjacent pairs, that occur in the
  entries of at least ``min_writers`` dev writers. He/she/they forms and the entry's person
  are left out, so the words cannot stand in for "talking about someone".
* The L2 strength, ``min_writers`` and the weight of the learned part are chosen by
  **leave-one-writer-out** cross-validation on the six dev writers (mean fold ROC AUC).
* The chosen model is refitted on every dev writer and reported on the test writers (ROC AUC
  overall, by length band and by register) and on the old snippet set, next to the index.

It is evidence for a decision, not a product: the learned weights are printed so that you can
judge what they would tell a person about their own words. Only numpy, scipy and pandas
(reflection-kit's own dependencies) are used.

Run::

    python benchmarks/learned_lexicon.py
"""

from __future__ import annotations

import itertools
import re
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np
import pandas as pd
from scipy.optimize import minimize

from reflection_kit.text._lexicon import load_lexicon
from reflection_kit.text.analysis import analyse
from reflection_kit.text.index_spec import index_spec
from reflection_kit.text.markers import check_people, people_regex
from reflection_kit.text.passages import (
    ABOUT_WINDOW,
    PASSAGE_FEATURES,
    about_person,
    select_passages,
)

sys.path.insert(0, str(Path(__file__).resolve().parent))
from validate_rumination import BANDS, SNIPPET_PEOPLE, SNIPPETS, _split_module, roc_auc

#: Words a learned list may not use: they say *that* someone is talked about, not how.
PRONOUNS = frozenset(
    {
        *("he", "she", "they", "him", "her", "them", "his", "hers", "their", "theirs"),
        *("himself", "herself", "themselves", "hes", "shes", "theyre", "theyve", "hed", "shed"),
    }
)
WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")
GRID = {"lam": (1.0, 3.0), "min_writers": (2, 3), "beta": (2.0, 4.0)}
#: The learned list's most sensible positive words, as two cue families added to the index
#: (repetition as "going over it again", speculation as an unanswered question); printed as
#: the "narrower, hand-checked" variant of docs/rumination.md.
_NUMBER = (
    r"(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|fifty|"
    r"a hundred|hundred|a million|million|many|several|countless|so many|too many|a few|\d+)"
)
REPETITION = re.compile(r"\b(?:again|" + _NUMBER + r" times|the same)\b")
SPECULATION = re.compile(r"\b(?:maybe|probably|(?:must|might) be)\b")


def _words(text: str, person: tuple[str, ...]) -> list[str]:
    drop = PRONOUNS | {p.lower() for p in person} | {p.lower() + "s" for p in person}
    low = text.lower().replace("\u2019", "'")
    return [w for w in (x.replace("'", "") for x in WORD.findall(low)) if w not in drop]


def _features(words: list[str]) -> set[str]:
    return set(words) | {f"{a} {b}" for a, b in itertools.pairwise(words)}


def _passages(text: str, people: tuple[str, ...]) -> list[tuple[set[str], float, float]]:
    """Each passage's learned features, its score under the index, and its score with the
    two extra cue families."""
    lex = load_lexicon()
    names = check_people(list(people))
    regex = people_regex(names, lex)
    a = analyse(text, regex, names, lex)
    weights = index_spec().passage_weights
    about = about_person(a.norm, a.low, a.passages, lex, regex, names)[0] if a.values else []
    out = []
    n = len(a.passages)
    for i, (s, e) in enumerate(a.passages):
        v = dict(a.values[i]) if a.values else dict.fromkeys(PASSAGE_FEATURES, 0.0)
        cue = sum(weights[c] * v[c] for c in PASSAGE_FEATURES)
        low = a.low[s:e].replace("'", "").replace("\u2019", "")
        rep, spec = bool(REPETITION.search(low)), bool(SPECULATION.search(low))
        if rep:
            v["loop_replay"] = 1.0
        if spec:
            v["loop_questions"] = 1.0
        lo, hi = max(0, i - ABOUT_WINDOW), min(n, i + ABOUT_WINDOW + 1)
        if (rep or spec) and any(about[lo:hi]):
            v["loop_about_them"] = 1.0
        families = sum(weights[c] * v[c] for c in PASSAGE_FEATURES)
        out.append((_features(_words(a.norm[s:e], names)), cue, families))
    return out


def _fit(rows: list[dict], lam: float, min_writers: int) -> dict[str, float]:
    """L2 logistic regression on entry-level feature presence."""
    writers: dict[str, set[str]] = defaultdict(set)
    for r in rows:
        for f in r["features"]:
            writers[f].add(r["writer"])
    vocab = sorted(f for f, w in writers.items() if len(w) >= min_writers)
    col = {f: j for j, f in enumerate(vocab)}
    x = np.zeros((len(rows), len(vocab)))
    for i, r in enumerate(rows):
        for f in r["features"]:
            if f in col:
                x[i, col[f]] = 1.0
    y = np.array([2.0 * r["label"] - 1.0 for r in rows])

    def loss(theta: np.ndarray) -> tuple[float, np.ndarray]:
        w, b = theta[:-1], theta[-1]
        z = y * (x @ w + b)
        g = -y / (1.0 + np.exp(z))
        return (
            float(np.logaddexp(0.0, -z).sum() + lam * (w @ w) / 2),
            np.append(x.T @ g + lam * w, g.sum()),
        )

    theta = minimize(loss, np.zeros(len(vocab) + 1), jac=True, method="L-BFGS-B").x
    return dict(zip(vocab, theta[:-1], strict=True))


def _top(scores: list[float]) -> float:
    """The entry's score, as the index makes it: the sum of its selected passages."""
    return float(sum(scores[i] for i in select_passages(scores)))


def _score(passages: list[tuple], w: dict[str, float], beta: float) -> float:
    return _top([cue + beta * sum(w.get(f, 0.0) for f in feats) for feats, cue, _ in passages])


def _families(passages: list[tuple]) -> float:
    return _top([fam for _, _, fam in passages])


def _auc(rows: list[dict], key: str) -> float:
    return roc_auc(np.array([r["label"] for r in rows]), np.array([r[key] for r in rows]))


def main() -> int:
    split = _split_module()
    rows = []
    for e in split.read_entries():
        passages = _passages(e["text"], (e["person"],))
        feats = set().union(*(p[0] for p in passages)) if passages else set()
        rows.append({**e, "passages": passages, "features": feats})
    dev = [r for r in rows if r["writer"] in split.DEV_WRITERS]
    test = [r for r in rows if r["writer"] in split.TEST_WRITERS]

    results = []
    for lam, min_writers, beta in itertools.product(*GRID.values()):
        folds = []
        for out in split.DEV_WRITERS:
            train = [r for r in dev if r["writer"] != out]
            held = [r for r in dev if r["writer"] == out]
            w = _fit(train, lam, max(1, min_writers - 1))  # one writer fewer in each fold
            for r in held:
                r["cv"] = _score(r["passages"], w, beta)
            folds.append(_auc(held, "cv"))
        results.append((float(np.mean(folds)), lam, min_writers, beta))
    results.sort(key=lambda t: -t[0])
    print("leave-one-dev-writer-out ROC AUC (mean of 6 folds), best first:")
    for cv, lam, mw, beta in results:
        print(f"  {cv:.3f}  lam={lam:g} min_writers={mw} beta={beta:g}")
    _, lam, min_writers, beta = results[0]

    w = _fit(dev, lam, min_writers)
    for r in rows:
        r["learned"] = _score(r["passages"], w, beta)
        r["index"] = _score(r["passages"], {}, 0.0)
        r["families"] = _families(r["passages"])
    print(f"\nchosen: lam={lam:g} min_writers={min_writers} beta={beta:g}; {len(w)} weights")
    print(
        f"TEST writers, n={len(test)}: ROC AUC learned {_auc(test, 'learned'):.3f}, "
        f"index {_auc(test, 'index'):.3f}"
    )
    frame = pd.DataFrame(test)
    frame["words"] = frame["text"].str.split().str.len()
    for lo, hi, name in BANDS:
        part = frame[(frame["words"] >= lo) & (frame["words"] < hi)].to_dict("records")
        print(
            f"  {name:16s} n={len(part):3d}  learned {_auc(part, 'learned'):.3f}  "
            f"index {_auc(part, 'index'):.3f}"
        )
    for register, part in frame.groupby("register"):
        recs = part.to_dict("records")
        print(
            f"  {register:20s} n={len(recs):3d}  learned {_auc(recs, 'learned'):.3f}  "
            f"index {_auc(recs, 'index'):.3f}"
        )

    print("old snippet set (another author):")
    for name in ("dev", "heldout"):
        snip = pd.read_csv(SNIPPETS / f"{name}.csv")
        recs = []
        for text, label in zip(snip["text"], snip["label"], strict=True):
            passages = _passages(text, tuple(SNIPPET_PEOPLE))
            recs.append(
                {
                    "label": int(label),
                    "learned": _score(passages, w, beta),
                    "index": _score(passages, {}, 0.0),
                }
            )
        print(
            f"  {name:8s} n={len(recs):3d}  learned {_auc(recs, 'learned'):.3f}  "
            f"index {_auc(recs, 'index'):.3f}"
        )

    print(
        "index + two cue families (repetition, speculation; not adopted): "
        f"dev ROC AUC {_auc(dev, 'families'):.3f} (index {_auc(dev, 'index'):.3f}), "
        f"test {_auc(test, 'families'):.3f} (index {_auc(test, 'index'):.3f})"
    )

    ranked = sorted(w.items(), key=lambda kv: -abs(kv[1]))[:30]
    print(f"\nthe 30 largest learned weights (x beta={beta:g} per passage):")
    print("  " + ", ".join(f"{k!r} {beta * v:+.2f}" for k, v in ranked))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
