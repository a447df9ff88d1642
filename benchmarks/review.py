"""The review's speed: `review --sample` against the kernel start-up floor.

The floor is an empty notebook executed with nbclient (over the review's private
Unix-socket kernel) and exported with nbconvert through exactly the same machinery
(``render_notebook``), in the same run. Each figure is the best of ``--repeat``
runs; the first sample run (cold score cache, in a fresh private cache folder) is
printed too. Target (issue 15): <= 2.5x cold.

Run: ``python benchmarks/review.py``
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["REFLECTION_KIT_CACHE_DIR"] = str(Path(tmp, "cache"))
        import nbformat

        from reflection_kit.review import render_review
        from reflection_kit.review.render import render_notebook
        from reflection_kit.sample import sample_dir

        empty = Path(tmp, "empty.ipynb")
        nb = nbformat.v4.new_notebook()
        nb.metadata["kernelspec"] = {
            "name": "python3",
            "display_name": "Python 3",
            "language": "python",
        }
        code = nbformat.v4.new_code_cell("")
        code.metadata["tags"] = ["parameters"]
        nb.cells = [code]
        nbformat.write(nb, empty)
        root = sample_dir()

        def sample(i: int) -> float:
            t0 = time.perf_counter()
            render_review(
                Path(tmp, f"r{i}.html"),
                journal=[root / "notes"],
                urges=[root / "urges.csv"],
                client="Sample",
                people=["Alex"],
            )
            return time.perf_counter() - t0

        def floor() -> float:
            t0 = time.perf_counter()
            render_notebook(empty, {}, title="empty")
            return time.perf_counter() - t0

        cold = sample(0)
        warm = min(sample(i + 1) for i in range(args.repeat))
        base = min(floor() for _ in range(args.repeat))
    print(f"floor (empty notebook, same machinery): {base:.2f}s")
    print(
        f"review --sample, cold score cache:      {cold:.2f}s  ratio {cold / base:.2f}x"
        "  (target <= 2.5)"
    )
    label = f"review --sample, warm (best of {args.repeat}):"
    print(f"{label:40}{warm:.2f}s  ratio {warm / base:.2f}x")


if __name__ == "__main__":
    main()
