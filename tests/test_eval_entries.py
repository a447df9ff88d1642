"""The full-length entry set (tests/data/rumination_entries) is well formed and split by writer."""

from __future__ import annotations

import importlib.util
from collections import Counter
from pathlib import Path
from types import ModuleType

import pytest

HERE = Path(__file__).resolve().parent / "data" / "rumination_entries"


def _split() -> ModuleType:
    spec = importlib.util.spec_from_file_location("rumination_entries_split", HERE / "split.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def split() -> ModuleType:
    return _split()


@pytest.fixture(scope="module")
def rows(split) -> list[dict]:
    return split.read_entries()


def test_enough_full_length_entries(rows):
    assert len(rows) >= 300
    lengths = [len(r["text"].split()) for r in rows]
    assert min(lengths) >= 50 and max(lengths) <= 400
    bands = Counter(0 if n < 120 else 1 if n < 250 else 2 for n in lengths)
    assert min(bands.values()) >= 0.25 * len(rows)


def test_ids_texts_unique_and_labels_binary(rows):
    assert len({r["id"] for r in rows}) == len(rows)
    assert len({r["text"].strip() for r in rows}) == len(rows)
    assert all(r["label"] in (0, 1) and r["note"].strip() for r in rows)
    assert all(r["id"].startswith(r["writer"] + "-") for r in rows)


def test_at_least_eight_registers_and_both_labels_in_each(rows):
    by_register: dict[str, Counter] = {}
    for r in rows:
        by_register.setdefault(r["register"], Counter())[r["label"]] += 1
    assert len(by_register) >= 8
    for register, labels in by_register.items():
        assert labels[0] >= 5 and labels[1] >= 5, register


def test_split_is_by_writer_and_covers_every_register(split, rows):
    dev, test = split.split(rows)
    assert {r["writer"] for r in dev}.isdisjoint({r["writer"] for r in test})
    assert sorted(r["id"] for r in dev + test) == sorted(r["id"] for r in rows)
    registers = {r["register"] for r in rows}
    assert {r["register"] for r in dev} == registers == {r["register"] for r in test}
    for half in (dev, test):
        share = sum(r["label"] for r in half) / len(half)
        assert 0.4 <= share <= 0.6
    assert split.main(["--check"]) == 0


def test_a_writer_on_neither_side_is_an_error(split, rows):
    stray = dict(rows[0], writer="w99", id="w99-01")
    with pytest.raises(ValueError, match="on neither side"):
        split.split([*rows, stray])


def test_every_entry_has_a_blind_second_label(split, rows):
    second = split.read_second_pass()
    assert set(second) == {r["id"] for r in rows}
    agree = sum(second[r["id"]]["label"] == r["label"] for r in rows)
    # the README states the agreement; keep it true
    assert agree / len(rows) >= 0.9
    assert "312 of 312" in (HERE / "README.md").read_text(encoding="utf-8")
    assert agree == 312
