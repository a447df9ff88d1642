"""Frames, ids and problem locations are the same on every supported pandas (issue 17).

CI runs the suite twice: with the newest versions, and with every direct dependency at
its declared floor (``ci/lowest.txt``: pandas 2.2, numpy 1.26, pyarrow 14, ...). Each
case below reads an export and reduces the result to stable text: for every column
its dtype family and a SHA-256 of its values written out one by one (text as text,
times as microseconds since 1970, floats by ``repr``), the ids, and every problem's
location. ``tests/data/versions/golden.json`` holds what the newest versions give; both
runs must give exactly that.

When a reader changes on purpose, write the golden file again with the newest versions
(``python tests/test_versions.py``) and check its diff.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
import sys
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import reflection_kit as rk
from reflection_kit.sample import sample_dir
from reflection_kit.sources._text_columns import is_text

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "data" / "versions" / "golden.json"
HOSTILE = ROOT / "tests" / "data" / "hostile"

# (case name, the file under the sample folder, the hostile folder or made here, reader options)
SAMPLE_CASES = [
    ("sample dayone", "dayone.zip", {"format": "dayone"}),
    ("sample jrnl", "journal.txt", {"format": "jrnl"}),
    ("sample jrnl in Berlin", "journal.txt", {"format": "jrnl", "tz": "Europe/Berlin"}),
    ("sample jrnl_json", "jrnl.json", {"format": "jrnl_json"}),
    ("sample daylio", "daylio.csv", {"format": "daylio"}),
    ("sample daylio urges", "daylio.csv", {"format": "daylio", "kind": "urges"}),
    ("sample markdown", "notes", {"format": "markdown"}),
    ("sample table", "journal.csv", {"format": "table"}),
    ("sample urgelog", "urges.csv", {"format": "urgelog"}),
    ("sample urgelog in Tokyo", "urges.csv", {"format": "urgelog", "tz": "Asia/Tokyo"}),
    ("sample loop", "loop.zip", {"format": "loop", "kind": "urges"}),
]
HOSTILE_CASES = [
    ("dates urges", "dates_urges.csv", {"format": "urgelog", "kind": "urges"}),
    ("dates jrnl", "dates_journal.txt", {"format": "jrnl", "kind": "journal"}),
    ("dates table", "dates_journal.csv", {"format": "table", "kind": "journal"}),
    (
        "dates urges in Berlin",
        "dates_urges.csv",
        {"format": "urgelog", "kind": "urges", "tz": "Europe/Berlin"},
    ),
    (
        "dates jrnl in Berlin",
        "dates_journal.txt",
        {"format": "jrnl", "kind": "journal", "tz": "Europe/Berlin"},
    ),
    ("excel utf-16 urges", "urges_excel_utf16.txt", {"kind": "urges"}),
]
# the cases that differed on pandas 2.2: dates a zone moves out of the years 1-9999
MADE_CASES = [
    ("calendar ends dayone", "edge.zip", {"format": "dayone"}),
    ("calendar ends jrnl, Los Angeles", "j.txt", {"format": "jrnl", "tz": "America/Los_Angeles"}),
    ("calendar ends jrnl, Tokyo", "j.txt", {"format": "jrnl", "tz": "Asia/Tokyo"}),
    ("calendar ends jrnl, as written", "j.txt", {"format": "jrnl"}),
]


def _made(folder: Path, name: str) -> Path:
    """The calendar-edge exports of tests/test_hostile.py, written into ``folder``."""
    path = folder / name
    if name == "edge.zip":
        entries = [
            {"uuid": "A" * 32, "creationDate": "9999-12-31T23:00:00Z", "timeZone": "Asia/Tokyo"},
            {
                "uuid": "B" * 32,
                "creationDate": "0001-01-01T00:30:00Z",
                "timeZone": "America/New_York",
            },
            {"uuid": "C" * 32, "creationDate": "9999-12-31T10:00:00Z", "timeZone": "Asia/Tokyo"},
            {
                "uuid": "D" * 32,
                "creationDate": "2025-03-04T10:00:00Z",
                "timeZone": "Europe/Berlin",
            },
        ]
        for e in entries:
            e["text"] = f"entry {e['uuid'][0]}"
        with zipfile.ZipFile(path, "w") as zf:
            zf.writestr("Journal.json", json.dumps({"metadata": {}, "entries": entries}))
    else:
        path.write_text(
            "[9999-12-31 23:30] far west\n\n[0001-01-01 00:10] far east\n\n"
            "[2025-03-04 10:00] ok\n",
            encoding="utf-8",
        )
    return path


def _family(dtype: object) -> str:
    """A dtype's name, the same for the same kind of column on every pandas."""
    if is_text(dtype):
        return "text"
    if isinstance(dtype, pd.CategoricalDtype):
        return f"category{list(map(str, dtype.categories))}{'<' if dtype.ordered else ''}"
    return str(dtype)


def _cell(value: object) -> object:
    """One value as JSON-able, stable text (never pandas' repr)."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float | np.floating):
        return None if math.isnan(value) else repr(float(value))
    if isinstance(value, bool | np.bool_):
        return bool(value)
    if isinstance(value, int | np.integer):
        return int(value)
    if isinstance(value, pd.Timestamp | np.datetime64 | dt.datetime):
        ts = pd.Timestamp(value)
        if ts.tzinfo is not None:
            ts = ts.tz_convert("UTC").tz_localize(None)
        return int(ts.as_unit("us").value)
    if isinstance(value, list | tuple | np.ndarray):
        return [_cell(v) for v in value]
    return str(value)


def _column(s: pd.Series) -> list[object]:
    if isinstance(s.dtype, pd.DatetimeTZDtype):
        zone = str(s.dt.tz)
        s = s.dt.tz_convert("UTC").dt.tz_localize(None)
        values = s.to_numpy(dtype="datetime64[us]").astype(np.int64)
        return [zone, *[None if s.iat[i] is pd.NaT else int(v) for i, v in enumerate(values)]]
    if pd.api.types.is_datetime64_dtype(s.dtype):
        values = s.to_numpy(dtype="datetime64[us]")
        return [None if np.isnat(v) else int(v.astype(np.int64)) for v in values]
    return [_cell(v) for v in s.tolist()]


def _sha(values: object) -> str:
    text = json.dumps(values, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]


def digest(path: Path, options: dict) -> dict:
    """What reading ``path`` gives, as stable text: dtypes, value digests, ids, locations."""
    try:
        report = rk.inspect(path, **options)
    except rk.errors.ReflectionKitError as exc:  # a located refusal is a result too
        return {"error": type(exc).__name__, "location": getattr(exc, "location", None)}
    frame = report.frame
    id_col = "entry_id" if "entry_id" in frame.columns else "urge_id"
    return {
        "rows": len(frame),
        "columns": {c: [_family(frame[c].dtype), _sha(_column(frame[c]))] for c in frame},
        "ids": _sha(frame[id_col].tolist()) if id_col in frame else None,
        "first_ids": [str(v) for v in frame[id_col].head(3)] if id_col in frame else [],
        "problems": [str(v) for v in report.problems["location"]],
    }


def _all_digests(tmp: Path) -> dict:
    out = {}
    for name, file, options in SAMPLE_CASES:
        out[name] = digest(sample_dir() / file, options)
    for name, file, options in HOSTILE_CASES:
        out[name] = digest(HOSTILE / file, options)
    for name, file, options in MADE_CASES:
        out[name] = digest(_made(tmp, file), options)
    return out


def _golden() -> dict:
    if not GOLDEN.is_file():
        pytest.fail(f"{GOLDEN} is missing; write it with `python tests/test_versions.py`")
    return json.loads(GOLDEN.read_text(encoding="utf-8"))["cases"]


ALL_CASES = [c[0] for c in SAMPLE_CASES + HOSTILE_CASES + MADE_CASES]


@pytest.fixture(scope="module")
def digests(tmp_path_factory):
    return _all_digests(tmp_path_factory.mktemp("versions"))


def test_the_golden_file_covers_every_case():
    assert sorted(_golden()) == sorted(ALL_CASES)


@pytest.mark.parametrize("case", ALL_CASES)
def test_frames_ids_and_locations_are_the_same_on_every_pandas(digests, case):
    got, want = digests[case], _golden()[case]
    # the parts one by one first: a failure names the column that differs
    if "columns" in want:
        assert got.get("problems") == want["problems"]
        assert got.get("rows") == want["rows"]
        assert got.get("first_ids") == want["first_ids"]
        for column, (family, sha) in want["columns"].items():
            assert got["columns"].get(column, [None])[0] == family, column
            assert got["columns"][column][1] == sha, f"the values of {column} differ"
    assert got == want


def test_the_digest_sees_a_changed_value_dtype_or_location(tmp_path):
    """The comparison can fail: one changed byte, dtype or location changes the digest."""
    path = tmp_path / "urges.csv"
    path.write_text("timestamp,kind\n2025-03-04 20:15,reach_out\nsoon,reach_out\n")
    base = digest(path, {"format": "urgelog"})
    assert base["problems"] == ["urges.csv line 3"]
    path.write_text("timestamp,kind\n2025-03-04 20:16,reach_out\nsoon,reach_out\n")
    moved = digest(path, {"format": "urgelog"})
    assert moved["columns"]["timestamp"] != base["columns"]["timestamp"]
    assert moved["ids"] != base["ids"]
    path.write_text("timestamp,kind\n\n2025-03-04 20:15,reach_out\nsoon,reach_out\n")
    assert digest(path, {"format": "urgelog"})["problems"] == ["urges.csv line 4"]
    with pytest.warns(rk.DataQualityWarning, match="could not be loaded"):
        frame = rk.read_urges(path)
    assert _family(frame["label"].dtype) == "text"
    assert _family(frame["label"].astype(object).dtype) == "object"


def test_ci_pins_every_direct_dependency_at_its_declared_floor():
    """ci/lowest.txt and pyproject.toml agree: supported means tested, floor by floor."""
    import re
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = project["dependencies"] + project["optional-dependencies"]["test"]
    pins = {}
    for line in (ROOT / "ci" / "lowest.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, version = line.split("==")
            pins[re.sub(r"[-_.]+", "-", name).lower()] = version
    floors = {}
    for spec in declared:
        name, floor = re.fullmatch(r"([A-Za-z0-9_.\-]+)>=([0-9.]+)", spec).groups()
        floors[re.sub(r"[-_.]+", "-", name).lower()] = floor
    assert sorted(pins) == sorted(floors)
    for name, floor in floors.items():
        pin = pins[name]
        # the floor itself, or the first release of the series it names (scipy 1.11 -> 1.11.1)
        assert pin == floor or pin.startswith(floor + "."), (name, floor, pin)


if __name__ == "__main__":  # python tests/test_versions.py: write the golden file
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        cases = _all_digests(Path(folder))
    versions = {m: sys.modules[m].__version__ for m in ("pandas", "numpy")}
    GOLDEN.parent.mkdir(parents=True, exist_ok=True)
    GOLDEN.write_text(
        json.dumps({"written_with": versions, "cases": cases}, indent=1, ensure_ascii=False)
        + "\n",
        encoding="utf-8",
    )
    print(f"wrote {GOLDEN} ({len(cases)} cases, pandas {versions['pandas']})")
