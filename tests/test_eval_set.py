"""The hand-written rumination evaluation set is well formed and its split is sound."""

from __future__ import annotations

import csv
import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

EVAL = Path(__file__).resolve().parent / "data" / "rumination_eval"
COLUMNS = ["id", "text", "label", "category", "note"]
HARD_CATEGORIES = {
    "hard_neg_counterfactual",
    "hard_neg_absolutist",
    "hard_neg_negated",
    "hard_neg_ex_mention",
    "hard_neg_sad_accepting",
    "hard_neg_quoted",
    "hard_neg_past_report",
    "hard_pos_no_cue",
    "hard_pos_second_person",
    "hard_pos_question",
    "hard_pos_fragment",
}


def _read(name: str) -> list[dict[str, str]]:
    with (EVAL / name).open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        assert reader.fieldnames == COLUMNS, f"{name}: header is {reader.fieldnames}"
        return list(reader)


def _split_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("rumination_eval_split", EVAL / "split.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def full() -> list[dict[str, str]]:
    return _read("all.csv")


@pytest.fixture(scope="module")
def halves() -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    return _read("dev.csv"), _read("heldout.csv")


def test_enough_rows(full):
    assert len(full) >= 150


def test_ids_and_texts_unique(full):
    ids = [r["id"] for r in full]
    texts = [r["text"].strip().casefold() for r in full]
    assert len(set(ids)) == len(ids)
    assert len(set(texts)) == len(texts)
    assert all(r["id"].startswith("r") and r["id"][1:].isdigit() for r in full)


def test_no_empty_fields(full):
    for row in full:
        for column in COLUMNS:
            assert row[column].strip(), f"{row['id']}: empty {column}"


def test_labels_binary_and_match_category(full):
    for row in full:
        assert row["label"] in {"0", "1"}, f"{row['id']}: label {row['label']!r}"
        category = row["category"]
        expected = "1" if category.startswith(("easy_pos", "hard_pos")) else "0"
        assert category.startswith(("easy_", "hard_")), f"{row['id']}: category {category!r}"
        assert row["label"] == expected, f"{row['id']}: label disagrees with {category}"


def test_every_hard_category_present(full):
    assert {r["category"] for r in full} >= HARD_CATEGORIES


@pytest.mark.parametrize("name", ["all.csv", "dev.csv", "heldout.csv"])
def test_balance(name):
    rows = _read(name)
    share = sum(r["label"] == "1" for r in rows) / len(rows)
    assert 0.35 <= share <= 0.65, f"{name}: {share:.1%} positives"


def test_halves_nonempty_disjoint_and_cover_all(full, halves):
    dev, heldout = halves
    assert dev and heldout
    dev_ids = {r["id"] for r in dev}
    held_ids = {r["id"] for r in heldout}
    assert not dev_ids & held_ids
    assert not {r["text"] for r in dev} & {r["text"] for r in heldout}
    assert dev_ids | held_ids == {r["id"] for r in full}
    assert sorted(dev + heldout, key=lambda r: r["id"]) == sorted(full, key=lambda r: r["id"])


def test_halves_about_equal(halves):
    dev, heldout = halves
    assert abs(len(dev) - len(heldout)) <= 2


def test_each_hard_category_in_both_halves(full, halves):
    present = {r["category"] for r in full if r["category"].startswith("hard_")}
    for half in halves:
        assert present <= {r["category"] for r in half}


def test_split_is_reproducible(full, halves):
    split = _split_module()
    assert split.split_rows(full) == halves
    assert split.split_rows(list(reversed(full))) == halves
    assert split.main(["--check"]) == 0


def test_split_rejects_wrong_header(tmp_path):
    split = _split_module()
    bad = tmp_path / "bad.csv"
    bad.write_text("id,text,label\nr001,hello,0\n", encoding="utf-8")
    with pytest.raises(ValueError, match="columns must be"):
        split.read_rows(bad)
