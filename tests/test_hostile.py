"""The hostile corpus (issue 7): one test per file in ``tests/data/hostile/``.

The committed files are small and rewritten by ``tests/data/hostile/make_hostile.py``;
large hostile inputs (a 200 MB urge log, deep JSON, huge fields and headers) are
generated here into ``tmp_path``.

Decisions these tests pin, the same in every reader:

* a zip that would expand past ``max_unzipped_bytes`` (default 2 GiB) is refused
  before anything is inflated; passing a larger ``max_unzipped_bytes`` lets it through;
* zip members with ``../`` or absolute names and symbolic links are reported, one
  problem each, and never read, followed or written anywhere;
* dates in the future are loaded as written and listed in the report's notes;
  dates in 1900 load like any other; 1900-02-29 (a day that never was) is a
  problem of its record; the spring-forward hour that does not exist moves to
  the first valid instant (03:00) and keeps its wall clock and day; the
  fall-back hour is read as its first occurrence;
* the same export read twice (a downloaded copy, "journal (1).txt") keeps each
  record once and reports every second copy.
"""

from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
import sys
import warnings
import zipfile
from pathlib import Path

import pandas as pd
import pytest

import reflection_kit as rk
from reflection_kit.sources._input import DEFAULT_MAX_UNZIPPED_BYTES

HOSTILE = Path(__file__).resolve().parent / "data" / "hostile"
ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "sample"


def _copy(name: str, tmp_path: Path) -> Path:
    src = HOSTILE / name
    dst = tmp_path / src.name
    if src.is_dir():
        shutil.copytree(src, dst)
    else:
        shutil.copyfile(src, dst)
    return dst


def _accounted(report: rk.LoadReport) -> None:
    assert report.records == report.loaded + len(report.problems)


# ----------------------------------------------------------------------- zip bomb


def test_the_zip_bomb_is_small_and_refused_before_inflating(tmp_path):
    bomb = _copy("bomb.zip", tmp_path)
    assert bomb.stat().st_size < 100_000
    with pytest.raises(rk.ParseError, match=r"would expand to 3,221,\d{3},\d{3} bytes") as exc:
        rk.inspect(bomb, format="dayone")
    assert exc.value.location == "bomb.zip"
    assert "max_unzipped_bytes=" in str(exc.value)
    with pytest.raises(rk.ParseError, match="zip bomb, or a very large export"):
        rk.read_journal(bomb)  # detection refuses it too
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bomb.zip"]  # nothing was extracted


def test_a_raised_limit_lets_the_bomb_through(tmp_path):
    bomb = _copy("bomb.zip", tmp_path)
    report = rk.inspect(bomb, format="dayone", max_unzipped_bytes=4 * 1024**3)
    # the journal is read; the 3 GiB "photo" is media, which the reader never inflates
    assert report.loaded == 2 and len(report.problems) == 0
    _accounted(report)


def test_the_default_limit_is_documented_and_can_be_lowered():
    assert DEFAULT_MAX_UNZIPPED_BYTES == 2 * 1024**3
    with pytest.raises(rk.ParseError, match=r"more than the limit of 1,000 bytes"):
        rk.read_journal(SAMPLE / "dayone.zip", max_unzipped_bytes=1000)


# ----------------------------------------------------------------------- unsafe members

UNSAFE = {
    "traversal.zip:../outside.json": "zip member name climbs out with '../'; it was not read",
    "traversal.zip:photos/../../outside2.json": (
        "zip member name climbs out with '../'; it was not read"
    ),
    "traversal.zip:..\\windows.json": "zip member name climbs out with '../'; it was not read",
    "traversal.zip:/tmp/absolute.json": "zip member has an absolute path; it was not read",
    "traversal.zip:C:/Users/absolute.json": "zip member has an absolute path; it was not read",
    "traversal.zip:Journal 2.json": "zip member is a symbolic link; it was not followed",
    "traversal.zip:Journal 3.json": "zip member is a symbolic link; it was not followed",
}


@pytest.mark.parametrize("fmt", ["dayone", None])
def test_unsafe_members_are_reported_and_never_read(tmp_path, fmt):
    z = _copy("traversal.zip", tmp_path)
    report = rk.inspect(z, format=fmt, kind="journal")
    assert report.format == "dayone"
    assert dict(zip(report.problems["location"], report.problems["reason"], strict=True)) == UNSAFE
    assert report.loaded == 2
    assert "DEADBEEFDEADBEEFDEADBEEFDEADBEEF" not in set(report.frame["entry_id"])
    _accounted(report)
    # nothing was written next to the zip, above it, or at the absolute paths
    assert sorted(p.name for p in tmp_path.iterdir()) == ["traversal.zip"]
    assert not (tmp_path.parent / "outside.json").exists()
    assert not Path("/tmp/absolute.json").exists()


def test_unsafe_members_raise_at_the_first_one(tmp_path):
    z = _copy("traversal.zip", tmp_path)
    with pytest.raises(rk.ParseError, match="climbs out") as exc:
        rk.read_journal(z, format="dayone", errors="raise")
    assert exc.value.location == "traversal.zip:../outside.json"


# ----------------------------------------------------------------------- a 200 MB urge log


def _ingest_module():
    """``benchmarks/ingest.py``, which writes the benchmark's logs."""
    spec = importlib.util.spec_from_file_location("_ingest", ROOT / "benchmarks" / "ingest.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _write_big_log(path: Path, size: int) -> int:
    """The benchmark's 200 MB urge log (``benchmarks/ingest.py --big``), written here."""
    return _ingest_module().make_big_urges(path, size)


@pytest.fixture(scope="module")
def big_log(tmp_path_factory) -> tuple[Path, int]:
    """The 200 MB log and its row count, written once for the tests that read it."""
    path = tmp_path_factory.mktemp("big") / "urges.csv"
    n = _write_big_log(path, 200_000_000)
    assert path.stat().st_size >= 200_000_000
    return path, n


# VmHWM is the peak of this process's own memory map. ru_maxrss is not: after a vfork and
# exec it also counts the parent's peak (here pytest's, which built the 200 MB file).
_PEAK = """
import re, resource, sys, warnings
import reflection_kit as rk
warnings.simplefilter("error")
frame = rk.read_urges(sys.argv[1], errors="raise")
try:
    with open("/proc/self/status") as fh:
        peak = int(re.search(r"VmHWM:\\s+(\\d+) kB", fh.read()).group(1))
except OSError:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(len(frame), peak)
"""


def _peak_of_reading(path: Path) -> tuple[int, int]:
    """Rows loaded and peak MiB of reading ``path`` in a fresh process."""
    out = subprocess.run(
        [sys.executable, "-c", _PEAK, str(path)], capture_output=True, text=True, check=True
    )
    rows, peak_kib = map(int, out.stdout.split())
    return rows, peak_kib // 1024


@pytest.mark.slow
def test_a_200_mb_urge_log_reads_within_the_memory_bound(big_log):
    """Peak memory of reading a 200 MB log in a fresh process (``VmHWM``).

    The ingestion bound is 1 GiB. The frame itself is about 490 MiB (3.3 million
    rows); measured peak on 2 cores: 1.5-1.65 GiB before issue 7, 990-1010 MiB
    after it, 915-955 MiB on pandas 2.2 and 3.1 since issue 13 (the source and
    zone columns held as one repeated block; pyarrow 14's jemalloc told to hand
    freed pages back at once).
    """
    path, n = big_log
    rows, peak_mib = _peak_of_reading(path)
    assert rows == n  # every row loaded
    assert peak_mib < 1024, f"peak {peak_mib} MiB, above the 1024 MiB ingestion bound"


@pytest.mark.slow
def test_a_200_mb_urge_log_out_of_time_order_reads_within_the_memory_bound(big_log, tmp_path):
    """The same log in blocks put out of time order: the reader sorts every row.

    Sorting took the whole frame twice (about 1.6 GiB); since issue 13 the rows are
    reordered one column at a time: measured 950-1020 MiB on pandas 3.1 and 965-1055 MiB
    on pandas 2.2 / pyarrow 14, whose allocator keeps part of the freed columns. The
    1 GiB goal of issue 13 is therefore not yet met with margin on the floors; this
    bound (1152 MiB) holds the gain and fails if the frame is ever held twice again.
    """
    path, n = big_log
    shuffled = tmp_path / "urges-shuffled.csv"
    _ingest_module().shuffle_lines(path, shuffled)
    rows, peak_mib = _peak_of_reading(shuffled)
    shuffled.unlink()
    assert rows == n  # every row loaded
    assert peak_mib < 1152, f"peak {peak_mib} MiB: sorting held the frame twice again?"


# ----------------------------------------------------------------------- Excel UTF-16 text


def test_an_excel_unicode_text_resave_is_read(tmp_path):
    path = _copy("urges_excel_utf16.txt", tmp_path)
    report = rk.inspect(path, kind="urges")
    assert report.format == "urgelog"
    assert any("read as utf-16" in n for n in report.notes)
    _accounted(report)
    # the one row where Excel wrote its own date format is reported, at its line
    assert report.problems["location"].tolist() == ["urges_excel_utf16.txt line 6"]
    assert "must look like YYYY-MM-DD HH:MM" in report.problems["reason"].iat[0]
    f = report.frame
    assert len(f) == 4
    assert f["note"].tolist() == [
        "Ça va.",
        'he "liked" it',
        "two lines\nof note 🌱",
        "=called Sam instead",
    ]
    assert f["trigger"].iat[1] == "bored\tscrolling"
    assert f["kind"].astype(str).tolist() == ["reach_out", "check_social", "reread", "reach_out"]
    assert f["acted"].tolist() == [False, True, False, False]


# ----------------------------------------------------------------------- awkward dates

DATE_FILES = [
    ("dates_urges.csv", "urgelog", "urges", "dates_urges.csv line 4"),
    ("dates_journal.txt", "jrnl", "journal", "dates_journal.txt line 7"),
    ("dates_journal.csv", "table", "journal", "dates_journal.csv line 4"),
]


@pytest.mark.parametrize(("name", "fmt", "kind", "bad_location"), DATE_FILES)
def test_awkward_dates_are_handled_the_same_in_every_reader(
    tmp_path, name, fmt, kind, bad_location
):
    path = _copy(name, tmp_path)
    report = rk.inspect(path, format=fmt, kind=kind, tz="Europe/Berlin")
    _accounted(report)
    # 1900-02-29 never was: a problem of its own record, at its line
    assert report.problems["location"].tolist() == [bad_location]
    f = report.frame.set_index(report.frame["local_time"].dt.strftime("%Y-%m-%d %H:%M"))
    assert len(f) == 5
    # the future: loaded as written, and the report says so
    assert f.loc["2099-07-01 10:00", "date"] == pd.Timestamp("2099-07-01")
    assert any(
        "1 record(s) are dated in the future (the latest on 2099-07-01)" in n for n in report.notes
    )
    # 1900: nothing magical; Berlin has kept CET (+01:00) since 1893 (pandas 2.2's own
    # tables, which start in 1901, would say local mean time, +00:53)
    assert f.loc["1900-01-01 09:00", "timestamp"] == pd.Timestamp("1900-01-01 08:00", tz="UTC")
    assert f.loc["1900-01-01 09:00", "date"] == pd.Timestamp("1900-01-01")
    # the hour that does not exist: the next valid instant, same wall clock and day
    assert f.loc["2025-03-30 02:30", "timestamp"] == pd.Timestamp("2025-03-30 01:00", tz="UTC")
    assert f.loc["2025-03-30 02:30", "date"] == pd.Timestamp("2025-03-30")
    # the hour that happens twice: its first occurrence (summer time)
    assert f.loc["2025-10-26 02:30", "timestamp"] == pd.Timestamp("2025-10-26 00:30", tz="UTC")


def test_without_tz_the_dst_hour_is_kept_as_written(tmp_path):
    report = rk.inspect(_copy("dates_urges.csv", tmp_path), format="urgelog", kind="urges")
    f = report.frame
    row = f[f["local_time"] == pd.Timestamp("2025-03-30 02:30")]
    assert row["timestamp"].iat[0] == pd.Timestamp("2025-03-30 02:30", tz="UTC")


# ----------------------------------------------------------------------- duplicate exports

DUPLICATES = [
    ("dayone.zip", "dayone", "journal"),
    ("journal.txt", "jrnl", "journal"),
    ("jrnl.json", "jrnl_json", "journal"),
    ("daylio.csv", "daylio", "journal"),
    ("daylio.csv", "daylio", "urges"),
    ("notes", "markdown", "journal"),
    ("journal.csv", "table", "journal"),
    ("urges.csv", "urgelog", "urges"),
    ("loop.zip", "loop", "urges"),
]


@pytest.mark.parametrize("copy_name", ["{stem} (1){suffix}", "{stem} copy{suffix}"])
@pytest.mark.parametrize(("name", "fmt", "kind"), DUPLICATES)
def test_an_export_merged_twice_keeps_each_record_once(tmp_path, name, fmt, kind, copy_name):
    src = SAMPLE / name
    dst = tmp_path / copy_name.format(stem=src.stem, suffix=src.suffix)
    if src.is_dir():
        shutil.copytree(src, dst)
    else:
        shutil.copyfile(src, dst)
    once = rk.inspect(src, format=fmt, kind=kind)
    twice = rk.inspect([src, dst], format=fmt, kind=kind)
    _accounted(twice)
    assert twice.records == 2 * once.records
    assert twice.loaded == once.loaded
    assert len(twice.problems) == once.records
    assert twice.problems["reason"].str.startswith("duplicate of the record at").all()
    id_col = "entry_id" if kind == "journal" else "urge_id"
    assert set(twice.frame[id_col]) == set(once.frame[id_col])
    read = rk.read_journal if kind == "journal" else rk.read_urges
    with pytest.warns(rk.DataQualityWarning, match=f"{once.records} of {2 * once.records}"):
        merged = read([src, dst], format=fmt)
    pd.testing.assert_frame_equal(merged, twice.frame)


# ----------------------------------------------------------------------- more hostile input


def test_a_yaml_alias_bomb_in_front_matter_is_harmless(tmp_path):
    vault = _copy("yaml_bomb", tmp_path)
    report = rk.inspect(vault, format="markdown")
    _accounted(report)
    assert report.loaded == 1
    row = report.frame.iloc[0]
    assert row["date"] == pd.Timestamp("2025-03-03")
    assert row["title"] == "Still here"
    assert row["tags"] == ["calm"]  # the alias-bomb `tags:` holds no text; the inline tag counts


def test_a_binary_file_named_csv_is_a_located_schema_error(tmp_path):
    path = _copy("not_a_table.csv", tmp_path)
    with pytest.raises(rk.SchemaError, match="no `timestamp` or `kind` column") as exc:
        rk.read_urges(path, format="urgelog")
    assert exc.value.location == "not_a_table.csv"
    with pytest.raises(rk.ParseError, match="not a urges export reflection-kit recognises"):
        rk.read_urges(path)


def test_deeply_nested_json_is_one_located_problem(tmp_path):
    path = tmp_path / "jrnl.json"
    path.write_text('{"tags": {}, "entries": ' + "[" * 100_000 + "]" * 100_000 + "}")
    report = rk.inspect(path, format="jrnl_json")
    _accounted(report)
    assert report.problems["location"].tolist() == ["jrnl.json"]
    assert "nested too deeply" in report.problems["reason"].iat[0]
    table = tmp_path / "journal.json"
    table.write_text("[" * 100_000 + "]" * 100_000)
    with pytest.raises(rk.ParseError, match="nested too deeply") as exc:
        rk.read_journal(table, format="table")
    assert exc.value.location == "journal.json line 1"


def test_a_note_longer_than_the_csv_field_limit_is_read_whole(tmp_path):
    text = (SAMPLE / "daylio.csv").read_text(encoding="utf-8-sig")
    header, first, rest = text.split("\n", 2)
    long_note = "I keep writing. " * 20_000  # 320,000 characters, past csv's 128 KiB limit
    cells = first.rsplit(",", 1)
    path = tmp_path / "daylio.csv"
    path.write_text(f'{header}\n{cells[0]},"{long_note}"\n{rest}', encoding="utf-8")
    report = rk.inspect(path, format="daylio", kind="journal")
    assert len(report.problems) == 0
    assert report.frame["text"].str.contains(long_note.strip(), regex=False).sum() == 1


def test_a_header_of_a_hundred_thousand_columns_is_refused(tmp_path):
    path = tmp_path / "urges.csv"
    path.write_text("timestamp,kind" + ",x" * 100_000 + "\n2025-03-04 20:15,texted him\n")
    with pytest.raises(rk.SchemaError, match="the header has 100,002 fields") as exc:
        rk.read_urges(path, format="urgelog")
    assert exc.value.location == "urges.csv line 1"


@pytest.mark.parametrize(
    "hostile",
    [
        "# A heading" + " " * 200_000 + "end\n",
        "## Evening" + " " * 200_000 + "x\n",
        "<!--" * 50_000,
        "x" * 200_000 + " #tag",
        "`" * 200_000 + "x",
        "mood:: calm" + " " * 200_000 + "x",
    ],
    ids=["h1-spaces", "h2-spaces", "open-comments", "long-word", "backticks", "mood-spaces"],
)
def test_hostile_markdown_bodies_are_read(tmp_path, hostile):
    """Once quadratic regular expressions (minutes on these); now linear."""
    note = tmp_path / "vault" / "2025-03-03.md"
    note.parent.mkdir()
    note.write_text("Before.\n" + hostile + "\nAfter.\n", encoding="utf-8")
    report = rk.inspect(note.parent, format="markdown")
    assert report.loaded == 1
    assert "After." in report.frame["text"].iat[0]


def test_json_records_read_the_same_in_utf16(tmp_path):
    data = json.loads((SAMPLE / "jrnl.json").read_text(encoding="utf-8"))
    path = tmp_path / "jrnl.json"
    path.write_bytes(json.dumps(data).encode("utf-16"))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        got = rk.read_journal(path, format="jrnl_json")
    want = rk.read_journal(SAMPLE / "jrnl.json")
    pd.testing.assert_frame_equal(got.drop(columns="origin"), want.drop(columns="origin"))


def _patched_zip(tmp_path, patch) -> Path:
    """The sample Day One export with one header field changed by ``patch(bytearray)``."""
    data = bytearray((SAMPLE / "dayone.zip").read_bytes())
    patch(data)
    path = tmp_path / "dayone.zip"
    path.write_bytes(bytes(data))
    return path


def test_a_zip_needing_an_unknown_version_is_a_located_error(tmp_path):
    """Found by the deep fuzz run: one flipped bit made zipfile raise NotImplementedError."""

    def patch(data: bytearray) -> None:
        cd = data.find(b"PK\x01\x02")  # the first central directory entry
        data[cd + 6] = 84  # "version needed to extract": 8.4

    with pytest.raises(rk.ParseError, match="damaged or truncated") as exc:
        rk.read_journal(_patched_zip(tmp_path, patch), format="dayone")
    assert exc.value.location == "dayone.zip"


def test_a_member_claiming_lzma_is_one_located_problem(tmp_path):
    """A damaged method field (deflate 8 -> LZMA 14) must not crash the read."""

    def patch(data: bytearray) -> None:
        name = b"Journal.json"
        for sig in (b"PK\x03\x04", b"PK\x01\x02"):
            at = 0
            while (at := data.find(sig, at)) >= 0:
                head = 30 if sig == b"PK\x03\x04" else 46
                method = 8 if sig == b"PK\x03\x04" else 10
                if data[at + head : at + head + len(name)] == name:
                    data[at + method] = 14
                at += 4

    report = rk.inspect(_patched_zip(tmp_path, patch), format="dayone")
    _accounted(report)
    assert report.problems["location"].tolist() == ["dayone.zip:Journal.json"]
    assert "damaged zip member" in report.problems["reason"].iat[0]


def test_a_member_flagged_as_encrypted_is_one_located_problem(tmp_path):
    """Found by the deep fuzz run: one flipped flag bit made zipfile ask for a password."""

    def patch(data: bytearray) -> None:
        name = b"Journal.json"
        for sig, head, flag in ((b"PK\x03\x04", 30, 6), (b"PK\x01\x02", 46, 8)):
            at = 0
            while (at := data.find(sig, at)) >= 0:
                if data[at + head : at + head + len(name)] == name:
                    data[at + flag] |= 1  # bit 0: encrypted
                at += 4

    path = _patched_zip(tmp_path, patch)
    report = rk.inspect(path, format="dayone")
    _accounted(report)
    assert report.problems["location"].tolist() == ["dayone.zip:Journal.json"]
    assert "encrypted" in report.problems["reason"].iat[0]
    with pytest.raises(rk.ParseError, match="damaged") as exc:
        rk.read_journal(path, format="dayone", errors="raise")
    assert exc.value.location == "dayone.zip:Journal.json"


def _dayone_zip(tmp_path: Path, entries: list[dict]) -> Path:
    path = tmp_path / "edge.zip"
    payload = json.dumps({"metadata": {"version": "1.0"}, "entries": entries})
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("Journal.json", payload)
    return path


def test_dates_at_the_ends_of_the_calendar_are_located_problems(tmp_path):
    """Found by the deep fuzz run: an entry on 9999-12-31 23:00 UTC written in Tokyo is in
    year 10000 there, which no Python date can hold; one in 0001 in New York is in year 0."""
    entries = [
        {"uuid": "A" * 32, "creationDate": "9999-12-31T23:00:00Z", "timeZone": "Asia/Tokyo"},
        {"uuid": "B" * 32, "creationDate": "0001-01-01T00:30:00Z", "timeZone": "America/New_York"},
        {"uuid": "C" * 32, "creationDate": "9999-12-31T10:00:00Z", "timeZone": "Asia/Tokyo"},
        {"uuid": "D" * 32, "creationDate": "2025-03-04T10:00:00Z", "timeZone": "Europe/Berlin"},
    ]
    for e in entries:
        e["text"] = f"entry {e['uuid'][0]}"
    report = rk.inspect(_dayone_zip(tmp_path, entries), format="dayone")
    _accounted(report)
    assert report.problems["location"].tolist() == [
        "edge.zip:Journal.json entry 1",
        "edge.zip:Journal.json entry 2",
    ]
    assert report.problems["reason"].str.contains("too close to year 1 or year 9999").all()
    assert sorted(report.frame["text"]) == ["entry C", "entry D"]  # 9999-12-31 19:00 in Tokyo
    assert any("dated in the future" in n for n in report.notes)


@pytest.mark.parametrize(
    ("tz", "skipped"), [("America/Los_Angeles", "j.txt line 1"), ("Asia/Tokyo", "j.txt line 3")]
)
def test_wall_clocks_a_zone_moves_out_of_the_calendar_are_located_problems(tmp_path, tz, skipped):
    path = tmp_path / "j.txt"
    path.write_text(
        "[9999-12-31 23:30] far west\n\n[0001-01-01 00:10] far east\n\n[2025-03-04 10:00] ok\n"
    )
    report = rk.inspect(path, format="jrnl", tz=tz)
    _accounted(report)
    assert report.problems["location"].tolist() == [skipped]
    assert report.loaded == 2
    with pytest.raises(rk.ParseError, match="too close to year 1 or year 9999") as exc:
        rk.read_journal(path, format="jrnl", tz=tz, errors="raise")
    assert exc.value.location == skipped
    # kept as written (no zone), nothing moves: every entry loads
    assert rk.inspect(path, format="jrnl").loaded == 3


def test_a_damaged_note_in_a_vault_zip_is_one_problem_and_the_read_goes_on(tmp_path):
    """Found by the deep fuzz run: a note whose local header name differs from the zip's
    directory stopped the whole read (a ParseError) after earlier notes had been reported."""
    path = tmp_path / "notes.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("2025/02/2025-02-30.md", "no such day\n")
        zf.writestr("2025/03/2025-03-29.md", "a damaged note\n")
        zf.writestr("2025/03/2025-03-31.md", "a good note\n")
    data = bytearray(path.read_bytes())
    header = data.rfind(b"PK\x03\x04", 0, data.find(b"2025/03/2025-03-29.md"))
    data[header + 30 + len("2025/03/2025-03-29.m")] ^= 1  # the local name's last letter
    path.write_bytes(bytes(data))
    report = rk.inspect(path, format="markdown")
    _accounted(report)
    assert report.records == 3 and report.loaded == 1
    assert report.problems["location"].tolist() == [
        "notes.zip:2025/02/2025-02-30.md",
        "notes.zip:2025/03/2025-03-29.md",
    ]
    assert "damaged zip member" in report.problems["reason"].iat[1]
    with pytest.raises(rk.ParseError) as exc:
        rk.read_journal(path, format="markdown", errors="raise")
    assert exc.value.location == report.problems["location"].iat[0]
