"""Platform-download reading speed and memory against their floors.

Generates (fixed seed, in a temporary folder) a WhatsApp chat export of 40,000
messages (the export limit without media; about half sent by the user, some on
several lines) and a Google Takeout Chrome history of 200,000 visits (about 2 %
on the person's Instagram or Facebook profile), then times, in the same run:

* WhatsApp: ``rk.read_urges`` vs the floor "read the file and split its lines" (and,
  for context, one regex pass of a header pattern fitted to this very file);
* Chrome: ``rk.read_urges`` vs the floor ``json.load`` of the same file.

Each timing is the best of ``--repeat`` runs. Peak memory of each read is
measured in a fresh subprocess (``VmHWM``). Targets: ratio <= 3.0, peak < 1 GiB.

Run: ``python benchmarks/platform_ingest.py`` (add ``--repeat 5`` for steadier figures).
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

PERSON = ["Sam Rivera", "sam.rivera.88"]
WORDS = [
    "okay",
    "see",
    "you",
    "later",
    "miss",
    "this",
    "call",
    "me",
    "back",
    "tomorrow",
    "night",
    "work",
    "coffee",
]


def make_whatsapp(path: Path, rng: np.random.Generator, n: int = 40_000) -> int:
    """A 1:1 Android chat (dd/mm/yy, 24 h) between Jo and Sam Rivera; returns Jo's count."""
    start = pd.Timestamp("2021-01-01 08:00")
    gaps = rng.integers(1, 40, size=n).cumsum()
    who = rng.random(n) < 0.5
    extra = rng.random(n) < 0.1
    lines = []
    for i in range(n):
        t = start + pd.Timedelta(minutes=int(gaps[i]))
        text = " ".join(rng.choice(WORDS, size=int(rng.integers(2, 14))))
        name = "Jo" if who[i] else "Sam Rivera"
        lines.append(f"{t:%d/%m/%y, %H:%M} - {name}: {text}")
        if extra[i]:
            lines.append(" ".join(rng.choice(WORDS, size=6)))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return int(who.sum())


def make_chrome(path: Path, rng: np.random.Generator, n: int = 200_000) -> int:
    """A Takeout ``History.json`` of ``n`` visits; returns how many are the person's."""
    t0 = 1_609_459_200_000_000
    times = t0 + rng.integers(1, 120, size=n).cumsum() * 60_000_000
    kind = rng.random(n)
    visits = []
    hits = 0
    for i in range(n):
        if kind[i] < 0.01:
            url, hits = "https://www.instagram.com/sam.rivera.88/", hits + 1
        elif kind[i] < 0.02:
            url, hits = "https://m.facebook.com/sam.rivera.88", hits + 1
        elif kind[i] < 0.1:
            url = f"https://www.instagram.com/someone{i % 500}/"
        else:
            url = f"https://example{i % 997}.org/page/{i}?q=news"
        visits.append(
            {
                "favicon_url": "https://example.org/favicon.ico",
                "page_transition": "LINK",
                "title": f"Page {i} " + " ".join(rng.choice(WORDS, size=5)),
                "url": url,
                "client_id": "abcdEFGH1234==",
                "time_usec": int(times[i]),
            }
        )
    path.write_text(json.dumps({"Browser History": visits}, indent=2), encoding="utf-8")
    return hits


def best(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def floor_lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


#: The least any parser must do: one pass of a header pattern fitted to this very file.
_MINIMAL = re.compile(r"\n(\d\d)/(\d\d)/(\d\d), (\d\d):(\d\d) - ([^:\n]*):")


def floor_regex(path: Path) -> list[tuple[str, ...]]:
    return _MINIMAL.findall("\n" + path.read_text(encoding="utf-8"))


def floor_json(path: Path) -> object:
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


_PEAK = """
import re, resource, sys, time, warnings
warnings.simplefilter("ignore")
import reflection_kit as rk
path = sys.argv[1]
t0 = time.perf_counter()
df = rk.read_urges(path, person=["Sam Rivera", "sam.rivera.88"], me="Jo")
seconds = time.perf_counter() - t0
try:
    with open("/proc/self/status") as fh:
        peak = int(re.search(r"VmHWM:\\s+(\\d+) kB", fh.read()).group(1))
except OSError:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(len(df), int(df["hits"].sum()), peak, seconds)
"""


def peak_mib(path: Path) -> tuple[int, int, float]:
    """Rows loaded, raw hits and peak MiB of one read in a fresh process."""
    out = subprocess.run(
        [sys.executable, "-c", _PEAK, str(path)], capture_output=True, text=True, check=True
    ).stdout.split()
    return int(out[0]), int(out[1]), int(out[2]) / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    import warnings

    import reflection_kit as rk

    warnings.simplefilter("ignore")
    rng = np.random.default_rng(20251202)

    def read(path: Path) -> pd.DataFrame:
        return rk.read_urges(path, person=PERSON, me="Jo")

    with tempfile.TemporaryDirectory() as tmp:
        chat = Path(tmp, "WhatsApp Chat with Sam Rivera.txt")
        history = Path(tmp, "History.json")
        sent = make_whatsapp(chat, rng)
        hits = make_chrome(history, rng)
        f1 = best(lambda: floor_lines(chat), args.repeat)
        f1r = best(lambda: floor_regex(chat), args.repeat)
        r1 = best(lambda: read(chat), args.repeat)
        f2 = best(lambda: floor_json(history), args.repeat)
        r2 = best(lambda: read(history), args.repeat)
        n1, _, m1 = peak_mib(chat)
        n2, h2, m2 = peak_mib(history)
        mb1, mb2 = chat.stat().st_size / 1e6, history.stat().st_size / 1e6
    print(f"WhatsApp: 40,000 messages ({mb1:.1f} MB), {sent:,} sent by the user; loaded {n1:,}")
    print(
        f"  floor read+splitlines {f1:.3f}s  read_urges {r1:.3f}s  ratio {r1 / f1:.2f}x"
        f"  (target <= 3.0)  peak {m1:.0f} MiB (target < 1024)"
    )
    print(
        f"  (context: one regex pass of a header pattern fitted to this file takes {f1r:.3f}s, "
        f"{f1r / f1:.1f}x the line split; read_urges is {r1 / f1r:.1f}x that)"
    )
    print(
        f"Chrome: 200,000 visits ({mb2:.1f} MB), {hits:,} on the person's profiles; "
        f"loaded {n2:,} checks holding {h2:,} hits"
    )
    print(
        f"  floor json.load {f2:.3f}s  read_urges {r2:.3f}s  ratio {r2 / f2:.2f}x"
        f"  (target <= 3.0)  peak {m2:.0f} MiB (target < 1024)"
    )


if __name__ == "__main__":
    main()
