"""The dev/test split of the full-length entry set, by writer.

Every entry of one writer is on the same side, so a measure tuned on ``dev`` is judged on
people whose writing it has never seen. The assignment below is fixed (not drawn at random)
so that each side holds every register at least once; ``--check`` verifies that and prints
the counts.

Usage::

    python tests/data/rumination_entries/split.py --check
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

__all__ = ["DEV_WRITERS", "HERE", "TEST_WRITERS", "read_entries", "read_second_pass", "split"]

HERE = Path(__file__).resolve().parent
DEV_WRITERS = ("w02", "w04", "w07", "w08", "w10", "w11")
TEST_WRITERS = ("w01", "w03", "w05", "w06", "w09", "w12")
FIELDS = ("id", "writer", "register", "person", "label", "note", "text")


def read_entries(folder: Path = HERE) -> list[dict]:
    """Every first-pass entry, in id order (``entries-<writer>.jsonl``)."""
    rows: list[dict] = []
    for path in sorted(folder.glob("entries-*.jsonl")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            row = json.loads(line)
            if tuple(row) != FIELDS:
                raise ValueError(
                    f"{path.name} line {number}: fields must be {FIELDS}, got {tuple(row)}. "
                    "Suggestion: write lines in the guide's format (GUIDE.md)."
                )
            rows.append(row)
    return sorted(rows, key=lambda r: r["id"])


def read_second_pass(folder: Path = HERE) -> dict[str, dict]:
    """The blind second-pass labels by id."""
    lines = (folder / "second_pass.jsonl").read_text(encoding="utf-8").splitlines()
    return {row["id"]: row for row in map(json.loads, lines)}


def split(rows: list[dict]) -> tuple[list[dict], list[dict]]:
    """Return ``(dev, test)``; a writer on neither list is an error."""
    unknown = {r["writer"] for r in rows} - set(DEV_WRITERS) - set(TEST_WRITERS)
    if unknown:
        raise ValueError(
            f"writers {sorted(unknown)} are on neither side. Suggestion: add each new writer "
            "to DEV_WRITERS or TEST_WRITERS in split.py."
        )
    dev = [r for r in rows if r["writer"] in DEV_WRITERS]
    test = [r for r in rows if r["writer"] in TEST_WRITERS]
    return dev, test


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="verify the split, print counts")
    parser.parse_args(argv)
    dev, test = split(read_entries())
    ok = True
    for name, half in (("dev", dev), ("test", test)):
        registers = Counter(r["register"] for r in half)
        labels = Counter(r["label"] for r in half)
        print(f"{name}: {len(half)} entries, labels {dict(labels)}, {len(registers)} registers")
        ok &= len(registers) >= 8
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
