"""Many clients' reviews: ``review_clients`` with every core against one by one.

Twenty client folders, each with a small urge log and a short journal, are reviewed
twice through exactly the same code: with ``jobs=1`` (one review after another, in
this process) and with the default (one worker process per core). Both batches write
the same files; the script checks that the two indexes are identical. Target: the
parallel batch takes <= 0.6x the one-by-one time (on a machine with 2 cores or more).

Run: ``python benchmarks/review_clients.py`` (``--clients 20``)
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

URGES = """\
timestamp,kind,intensity,acted,trigger,coping,note
2025-03-03 21:28,checked his profile,6,yes,alone in the evening,,
2025-03-04 20:10,wanted to text him,5,no,a song came on,breathing,
2025-03-06 22:40,checked his profile,7,no,alone in the evening,movement,
2025-03-09 09:15,reread our chat,4,yes,bored,,
2025-03-12 21:05,checked his profile,5,no,alone in the evening,breathing,
2025-03-15 19:30,wanted to text him,6,no,a song came on,journaling,
"""

JOURNAL = """\
[2025-03-03 21:10] I keep replaying what he said, again and again. Why did it end?
[2025-03-06 21:30] A walk with a friend helped. I feel a little lighter today.
[2025-03-10 22:00] Calmer. I chose myself today and it felt okay.
[2025-03-14 21:45] I wonder what if I had called, but I did not, and that is fine.
"""


def make_clients(root: Path, n: int) -> Path:
    """``n`` client folders with a small urge log and journal each."""
    clients = root / "clients"
    for i in range(n):
        folder = clients / f"client-{i:02d}"
        folder.mkdir(parents=True)
        (folder / "urges.csv").write_text(URGES, encoding="utf-8")
        (folder / "journal.txt").write_text(JOURNAL, encoding="utf-8")
    return clients


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--clients", type=int, default=20)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["REFLECTION_KIT_CACHE_DIR"] = str(Path(tmp, "cache"))
        from reflection_kit.review import review_clients
        from reflection_kit.review.clients import _cores

        clients = make_clients(Path(tmp), args.clients)
        # warm the score cache and the imports, so both batches start equal
        review_clients(make_clients(Path(tmp, "w"), 1), Path(tmp, "warm"), progress=False)

        t0 = time.perf_counter()
        one = review_clients(clients, Path(tmp, "one"), progress=False, jobs=1)
        serial = time.perf_counter() - t0
        t0 = time.perf_counter()
        many = review_clients(clients, Path(tmp, "many"), progress=False)
        parallel = time.perf_counter() - t0
        same = (
            Path(tmp, "one", "index.html").read_bytes()
            == Path(tmp, "many", "index.html").read_bytes()
        )
        written = sum(r.ok for r in one), sum(r.ok for r in many)
    print(f"cores used: {_cores()}; clients: {args.clients}; reviews written: {written}")
    n = args.clients
    print(f"one by one (jobs=1):       {serial:6.1f}s  ({serial / n:.2f}s a client)")
    print(f"every core (jobs default): {parallel:6.1f}s  ({parallel / n:.2f}s a client)")
    print(f"ratio {parallel / serial:.2f}x  (target <= 0.6); same index: {same}")
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    print(f"load average at the end: {load} (other work on the machine slows both batches)")


if __name__ == "__main__":
    main()
