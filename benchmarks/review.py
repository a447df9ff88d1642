"""The review's speed: `review --sample` against the kernel start-up floor.

The floor is an empty notebook executed with nbclient (over the review's private
Unix-socket kernel) and exported with nbconvert through exactly the same machinery
(``render_notebook``). A **cold** run is a fresh Python process with a fresh, empty
private cache folder (no score cache, no matplotlib font list): ``--repeat`` of them,
one after another, each timing ``render_review`` alone (the imports the benchmark makes
first are not counted, as for the floor). Each cold run is followed by a floor run, and
the median of those paired ratios is printed too (steadier on a busy machine). **Warm**
runs and the floor are the best of ``--repeat`` in this process, after a cold run filled
its cache. Cold runs and floor runs take turns, so a busy minute moves both. Target
(issue 15): <= 2.5x cold.

The review's kernel starts through ``reflection_kit.review._kernel_launcher``, and
``python -m`` imports the ``reflection_kit`` package (pandas with it) before the
kernel is up: about 0.8 s that the review needs anyway, but an empty notebook does
not. So the floor above carries it too. The **bare floor** is the same empty notebook
with the launcher run as a file, so that its kernel imports no reflection_kit; the
ratio against it is printed as well, as the stricter figure.

**End to end** is what a person waits for: ``reflection-kit review --sample`` run as a
command (``python -m reflection_kit.cli``) in a fresh process with a fresh cache folder,
wall time from start to exit, imports, the check of the exports and the evidence
downloads included (the runs above time ``render_review`` alone). No target; it shows
what the import-time work (such as rfc3987-syntax's parsers, ``review/_lazy_iri.py``)
costs a person.

Run: ``python benchmarks/review.py``
"""

from __future__ import annotations

import argparse
import contextlib
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

_COLD = """
import sys, time
from pathlib import Path
import nbformat  # noqa: F401  (imported before the clock starts, as in the parent)
from reflection_kit.review import render_review
from reflection_kit.sample import sample_dir
root = sample_dir()
t0 = time.perf_counter()
render_review(Path(sys.argv[1]), journal=[root / "notes"], urges=[root / "urges.csv"],
              client="Sample", people=["Alex"])
print(time.perf_counter() - t0)
"""


def _end_to_end(tmp: str, i: int) -> float:
    """``reflection-kit review --sample`` as a command, fresh process and cache: wall time."""
    env = dict(os.environ, REFLECTION_KIT_CACHE_DIR=str(Path(tmp, f"e2e-cache-{i}")))
    out = Path(tmp, f"e2e-{i}.html")
    t0 = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "reflection_kit.cli", "review", "--sample", "-o", str(out)],
        env=env,
        capture_output=True,
        check=True,
    )
    return time.perf_counter() - t0


def _cold(tmp: str, i: int) -> float:
    """One cold review in a fresh process with a fresh private cache folder."""
    env = dict(os.environ, REFLECTION_KIT_CACHE_DIR=str(Path(tmp, f"cold-cache-{i}")))
    done = subprocess.run(
        [sys.executable, "-c", _COLD, str(Path(tmp, f"cold-{i}.html"))],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return float(done.stdout.split()[-1])


#: runs the kernel launcher as a file: no ``reflection_kit`` package import in the kernel
_BARE = (
    "import runpy, sys; path = sys.argv.pop(1); sys.argv[0] = path; "
    "runpy.run_path(path, run_name='__main__')"
)


@contextlib.contextmanager
def _bare_kernels() -> Iterator[None]:
    """While the block runs, the review's kernels start their launcher as a file."""
    from reflection_kit.review import _kernel, _kernel_launcher

    launcher = "reflection_kit.review._kernel_launcher"
    original = _kernel.IPCKernelManager.format_kernel_cmd

    def bare(self, extra_arguments=None):
        cmd = original(self, extra_arguments)
        i = cmd.index(launcher)
        return [*cmd[: i - 1], "-c", _BARE, _kernel_launcher.__file__, *cmd[i + 1 :]]

    _kernel.IPCKernelManager.format_kernel_cmd = bare
    try:
        yield
    finally:
        _kernel.IPCKernelManager.format_kernel_cmd = original


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

        def bare_floor() -> float:
            with _bare_kernels():
                return floor()

        colds, floors, bares = [], [], []
        for i in range(args.repeat):
            colds.append(_cold(tmp, i))
            floors.append(floor())
            bares.append(bare_floor())
        ends = [_end_to_end(tmp, i) for i in range(args.repeat)]
        sample(0)  # fills this process's cache: the warm runs below find it
        warm = min(sample(i + 1) for i in range(args.repeat))
        base, bare = min(floors), min(bares)
    cold, middle = min(colds), statistics.median(colds)
    pairs = statistics.median(c / f for c, f in zip(colds, floors, strict=True))
    runs = ", ".join(f"{c:.2f}" for c in colds)
    print(f"floor (empty notebook, same machinery, best of {args.repeat}): {base:.2f}s")
    print(
        f"review --sample, cold (fresh process and cache, best of {args.repeat}): {cold:.2f}s"
        f"  ratio {cold / base:.2f}x  (target <= 2.5)"
    )
    print(f"  cold runs: {runs}; median {middle:.2f}s, ratio {middle / base:.2f}x")
    print(f"  median of the paired ratios (each cold run / the floor run after it): {pairs:.2f}x")
    print(f"review --sample, warm (best of {args.repeat}): {warm:.2f}s  ratio {warm / base:.2f}x")
    print(
        f"bare floor (launcher run as a file, best of {args.repeat}): {bare:.2f}s; "
        f"cold ratio {cold / bare:.2f}x best, {middle / bare:.2f}x median; "
        f"warm {warm / bare:.2f}x"
    )
    print(
        f"end to end (`reflection-kit review --sample`, fresh process and cache): best "
        f"{min(ends):.2f}s, median {statistics.median(ends):.2f}s"
    )


if __name__ == "__main__":
    main()
