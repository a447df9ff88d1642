"""Split ``all.csv`` into ``dev.csv`` and ``heldout.csv``, stratified by category.

The split is deterministic and independent of Python's ``random`` module: within each
category, rows are ordered by ``sha256(f"{SEED}:{id}")`` and the first half goes to dev.
When a category has an odd number of rows, the extra row goes to dev and heldout in turn
(categories taken in sorted order), so the two halves stay about the same size.

Usage::

    python tests/data/rumination_eval/split.py          # (re)write dev.csv and heldout.csv
    python tests/data/rumination_eval/split.py --check  # exit 1 if the files on disk differ
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import sys
from collections import defaultdict
from pathlib import Path

__all__ = ["COLUMNS", "HERE", "SEED", "read_rows", "split_rows", "write_rows"]

HERE = Path(__file__).resolve().parent
SEED = 20240501
COLUMNS = ["id", "text", "label", "category", "note"]


def read_rows(path: Path) -> list[dict[str, str]]:
    """Read one CSV of the evaluation set as a list of dicts (all values are strings)."""
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        if reader.fieldnames != COLUMNS:
            raise ValueError(
                f"{path.name}: columns must be {COLUMNS}, got {reader.fieldnames}. "
                "Suggestion: keep the header of all.csv unchanged."
            )
        return list(reader)


def _key(row_id: str, seed: int) -> str:
    return hashlib.sha256(f"{seed}:{row_id}".encode()).hexdigest()


def split_rows(
    rows: list[dict[str, str]], seed: int = SEED
) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """Return ``(dev, heldout)``: a stratified, seeded half split of ``rows`` by category."""
    by_category: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in rows:
        by_category[row["category"]].append(row)
    dev: list[dict[str, str]] = []
    heldout: list[dict[str, str]] = []
    extra_to_dev = True
    for category in sorted(by_category):
        group = sorted(by_category[category], key=lambda r: _key(r["id"], seed))
        n_dev = len(group) // 2
        if len(group) % 2:
            n_dev += extra_to_dev
            extra_to_dev = not extra_to_dev
        dev.extend(group[:n_dev])
        heldout.extend(group[n_dev:])
    dev.sort(key=lambda r: r["id"])
    heldout.sort(key=lambda r: r["id"])
    return dev, heldout


def write_rows(path: Path, rows: list[dict[str, str]]) -> None:
    """Write rows with the fixed header, minimal quoting, UTF-8 and ``\\n`` line endings."""
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="verify instead of writing")
    args = parser.parse_args(argv)
    dev, heldout = split_rows(read_rows(HERE / "all.csv"))
    if args.check:
        ok = read_rows(HERE / "dev.csv") == dev and read_rows(HERE / "heldout.csv") == heldout
        print("split is up to date" if ok else "dev.csv/heldout.csv differ: run split.py")
        return 0 if ok else 1
    write_rows(HERE / "dev.csv", dev)
    write_rows(HERE / "heldout.csv", heldout)
    print(f"dev: {len(dev)} rows, heldout: {len(heldout)} rows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
