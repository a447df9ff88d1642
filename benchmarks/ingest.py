"""Ingestion speed and memory: reflection-kit readers against their floors.

Generates (fixed seed, in a temporary folder) a Day One export of 10 years x 3
entries a day (~11,000 entries, ~3 million words) and an urge log of 100,000
rows, then times, in the same run:

* Day One: ``rk.read_journal`` vs the floor ``json.load`` + ``pandas.DataFrame``;
* urge log: ``rk.read_urges`` vs the floor ``pandas.read_csv``.

Each timing is the best of ``--repeat`` runs; the floor and the reader run back to back in
each repeat, and the median of those paired ratios is printed too (steadier on a busy
machine). Peak memory of each read is measured in a fresh subprocess (``VmHWM``).
Targets (issue 13): Day One ratio <= 1.0, urge log ratio <= 3.0, peak < 1 GiB.
``--big`` also reads a 200 MB urge log (3.3 million rows) within the same bound,
``--big --shuffled`` also the same log out of time order.

Run: ``python benchmarks/ingest.py`` (add ``--repeat 9`` for steadier figures, ``--big``
for the 200 MB log).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import uuid
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _timing import paired

_WORD_TEXT = """
i me my you we he she they it the a an and but or so because if why what when where
always never all nothing everything should could would have had was were did used to
keep thinking again over today tomorrow walk work friend coffee rain sun call text
message photo song night morning evening tired calm okay better worse miss remember
wonder hope choose myself safe forward letting go breathe move write read cook
"""
WORDS = _WORD_TEXT.split()


def make_dayone(path: Path, rng: np.random.Generator, years: int = 10, per_day: int = 3) -> int:
    days = pd.date_range("2015-01-01", periods=365 * years + years // 4, freq="D", tz="UTC")
    entries = []
    words_total = 0
    for day in days:
        for k in range(per_day):
            n = int(rng.integers(150, 400))
            words_total += n
            text = " ".join(rng.choice(WORDS, size=n))
            created = day + pd.Timedelta(hours=int(7 + 5 * k), minutes=int(rng.integers(0, 60)))
            entries.append(
                {
                    "uuid": uuid.UUID(
                        int=int(rng.integers(0, 2**62)) << 64 | len(entries)
                    ).hex.upper(),
                    "creationDate": created.strftime("%Y-%m-%dT%H:%M:%SZ"),
                    "modifiedDate": created.strftime("%Y-%m-%dT%H:%M:%SZ"),
                    "timeZone": "Europe/Berlin",
                    "starred": False,
                    "tags": ["bench"],
                    "text": "# Day\\. " + text,
                }
            )
    payload = json.dumps({"metadata": {"version": "1.0"}, "entries": entries})
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("Journal.json", payload)
    return words_total


def make_urges(path: Path, rng: np.random.Generator, rows: int = 100_000) -> None:
    start = pd.Timestamp("2015-01-01")
    minutes = np.sort(rng.integers(0, 60 * 24 * 3652, size=rows))
    ts = (start + pd.to_timedelta(minutes, unit="m")).strftime("%Y-%m-%d %H:%M")
    labels = np.array(
        [
            "checked his IG",
            "almost texted him",
            "reread our chat",
            "daydreamed he'd come back",
            "wanted to call",
        ]
    )
    coping = np.array(["breathing", "movement", "connection", "journaling", "distraction", ""])
    df = pd.DataFrame(
        {
            "timestamp": ts,
            "kind": rng.choice(labels, rows),
            "intensity": rng.integers(0, 11, rows),
            "acted": rng.choice(np.array(["yes", "no"]), rows),
            "trigger": rng.choice(
                np.array(["alone in the evening", "a song", "a photo", ""]), rows
            ),
            "coping": rng.choice(coping, rows),
            "note": "",
        }
    )
    df.to_csv(path, index=False)


def make_big_urges(path: Path, size: int) -> int:
    """An urge log of about ``size`` bytes: distinct minutes, realistic rows (vectorised)."""
    n = size // 60 + 1
    minutes = np.datetime64("2015-01-01T00:00") + np.arange(n).astype("timedelta64[m]")
    i = np.arange(n)
    kinds = np.array(["checked his IG", "texted him", "reread our chats", "pictured him", "other"])
    triggers = np.array(["after a glass of wine", "saw our cafe", "bored", "woke up early", ""])
    coping = np.array(["breathing", "movement", "connection", "urge_surfing", ""])
    cols = [
        pd.Series(np.datetime_as_string(minutes, unit="m")).str.replace("T", " ", regex=False),
        pd.Series(kinds[i % 5]),
        pd.Series((i % 11).astype(str)),
        pd.Series(np.where(i % 3 == 0, "yes", "no")),
        pd.Series(triggers[(i // 3) % 5]),
        pd.Series(coping[(i // 7) % 5]),
        pd.Series(np.where(i % 4 == 0, "called Sam instead", "")),
    ]
    line = cols[0]
    for c in cols[1:]:
        line = line + "," + c
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write("timestamp,kind,intensity,acted,trigger,coping,note\n")
        for start in range(0, n, 500_000):
            fh.write("\n".join(line.iloc[start : start + 500_000].tolist()))
            fh.write("\n")
    return n


def shuffle_lines(src: Path, dst: Path, seed: int = 20251202, block: int = 4096) -> None:
    """``src`` with its data lines out of time order (the header stays first).

    The same urges in blocks of ``block`` lines put in a fixed random order, as a
    log merged from several phones is: the reader must sort every row. Cheap (a
    few seconds for 200 MB): the blocks are copied whole.
    """
    data = np.fromfile(src, dtype=np.uint8)
    ends = np.flatnonzero(data == 10)  # the header ends at ends[0]
    cuts = np.concatenate((ends[::block], [ends[-1]])) + 1  # block boundaries
    order = np.random.default_rng(seed).permutation(len(cuts) - 1)
    with open(dst, "wb") as fh:
        fh.write(data[: cuts[0]].tobytes())
        for i in order:
            fh.write(data[cuts[i] : cuts[i + 1]].tobytes())


def floor_dayone(path: Path) -> pd.DataFrame:
    with zipfile.ZipFile(path) as zf:
        data = json.loads(zf.read("Journal.json"))
    return pd.DataFrame(data["entries"])


# VmHWM: the peak of the child's own memory map (ru_maxrss would also count this
# process's peak, which a vfork + exec hands down to the child)
_PEAK = """
import re, resource, sys, time, warnings
warnings.simplefilter("ignore")
import reflection_kit as rk
kind, path = sys.argv[1], sys.argv[2]
t0 = time.perf_counter()
df = rk.read_journal(path) if kind == "journal" else rk.read_urges(path)
seconds = time.perf_counter() - t0
try:
    with open("/proc/self/status") as fh:
        peak = int(re.search(r"VmHWM:\\s+(\\d+) kB", fh.read()).group(1))
except OSError:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(len(df), peak, seconds)
"""


def peak_mib(kind: str, path: Path) -> tuple[int, float, float]:
    """Rows loaded, peak MiB and seconds of one read in a fresh process."""
    out = subprocess.run(
        [sys.executable, "-c", _PEAK, kind, str(path)], capture_output=True, text=True, check=True
    ).stdout.split()
    return int(out[0]), int(out[1]) / 1024, float(out[2])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument(
        "--big",
        action="store_true",
        help="also read a 200 MB urge log (3.3 million rows) and print its peak memory",
    )
    ap.add_argument(
        "--shuffled",
        action="store_true",
        help="with --big: also read the same log with its rows out of time order",
    )
    args = ap.parse_args()
    import warnings

    import reflection_kit as rk

    warnings.simplefilter("ignore")
    rng = np.random.default_rng(20251127)
    with tempfile.TemporaryDirectory() as tmp:
        dayone, urges = Path(tmp, "bench-dayone.zip"), Path(tmp, "bench-urges.csv")
        words = make_dayone(dayone, rng)
        make_urges(urges, rng)
        n_entries = len(floor_dayone(dayone))
        f1, r1, q1 = paired(
            lambda: floor_dayone(dayone), lambda: rk.read_journal(dayone), args.repeat
        )
        f2, r2, q2 = paired(lambda: pd.read_csv(urges), lambda: rk.read_urges(urges), args.repeat)
        n1, m1, _ = peak_mib("journal", dayone)
        n2, m2, _ = peak_mib("urges", urges)
    print(
        f"pandas {pd.__version__}, pyarrow {pa.__version__}, numpy {np.__version__}; "
        f"best of {args.repeat}"
    )
    print(f"Day One: {n_entries} entries, {words:,} words; loaded {n1}")
    print(
        f"  floor json.load+DataFrame {f1:.3f}s  read_journal {r1:.3f}s  ratio {r1 / f1:.2f}x"
        f" (median of paired runs {q1:.2f}x)"
        f"  (target <= 1.0, issue 13)  peak {m1:.0f} MiB (target < 1024)"
    )
    print(f"Urge log: 100,000 rows; loaded {n2}")
    print(
        f"  floor pandas.read_csv {f2:.3f}s  read_urges {r2:.3f}s  ratio {r2 / f2:.2f}x"
        f" (median of paired runs {q2:.2f}x)"
        f"  (target <= 3.0, issue 13)  peak {m2:.0f} MiB (target < 1024)"
    )
    if args.big:
        with tempfile.TemporaryDirectory() as tmp:
            big = Path(tmp, "big-urges.csv")
            rows = make_big_urges(big, 200_000_000)
            size = big.stat().st_size / 1e6
            n3, m3, s3 = peak_mib("urges", big)
            if args.shuffled:
                shuffled = Path(tmp, "big-urges-shuffled.csv")
                shuffle_lines(big, shuffled)
                big.unlink()
                n4, m4, s4 = peak_mib("urges", shuffled)
        print(f"Urge log: {size:.0f} MB, {rows:,} rows; loaded {n3:,}")
        print(f"  read_urges {s3:.1f}s  peak {m3:.0f} MiB (target <= 850, bound < 1024)")
        if args.shuffled:
            print(f"  out of time order: loaded {n4:,}, read_urges {s4:.1f}s  peak {m4:.0f} MiB")


if __name__ == "__main__":
    main()
