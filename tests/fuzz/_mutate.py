"""Hypothesis strategies that damage a valid export the way real life does.

A :class:`Case` is a small valid export (see :mod:`._bases`) after one to three
mutations, each recorded with :func:`hypothesis.event` so that
``--hypothesis-show-statistics`` shows how often each was tried:

* bytes: truncate at a random byte, flip bytes, inject NULs, a very long field,
  deeply nested JSON brackets;
* lines and rows: delete, duplicate or swap lines (rows of a CSV, lines of a
  note or a jrnl file);
* encodings: re-encode as UTF-16 (Excel's "Unicode text"), CP1252 or UTF-8 with
  a BOM, with CRLF or CR line endings;
* columns (CSV members): shuffle, rename (case, spaces, a synonym, empty,
  a duplicate name, noise), drop or add a column;
* records (JSON members): delete, duplicate or swap records, give a field a
  value of another type, remove a field, nest a value 10,000 deep;
* members (zip or folder): delete one, copy one under another name;
* the zip itself: truncate it or flip its bytes after it is written.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from hypothesis import event
from hypothesis import strategies as st

from ._bases import READERS, WINDOWS, Reader, base

__all__ = ["ENCODINGS", "Case", "cases", "lossless_cases", "materialize", "reencode"]

ENCODINGS = ("utf-16", "cp1252", "utf-8-sig", "utf-8")
NEWLINES = ("\n", "\r\n", "\r")
_LONG_SIZES = (300, 5_000, 70_000, 250_000)
_LONG_CHARS = ("x", "é", " ", '"', ",", "\t", "\\", "😀", "\u200b")
_DEPTHS = (40, 1_000, 100_000)
_WEIRD_VALUES = (
    None,
    0,
    -1,
    1e308,
    10**30,
    "",
    "   ",
    "2025-02-30 25:61",
    "9999-12-31 23:59",
    "0001-01-01",
    "1900-01-01 00:00",
    "2099-01-01",
    "not a date",
    "\x00",
    [],
    {},
    [1, "two"],
    {"a": {"b": []}},
    True,
    "=cmd|' /C calc'!A0",
)


@dataclass
class Case:
    """One mutated export, ready to be written to a temporary folder."""

    reader: Reader
    files: dict[str, bytes]
    container: str  # "file" | "zip" | "dir"
    zip_damage: tuple[str, int, int] | None = None  # ("truncate"|"flip", position, mask)
    ops: list[str] = field(default_factory=list)

    def _repr_pretty_(self, p, cycle) -> None:  # hypothesis prints this on failure
        p.text(repr(self))

    def __repr__(self) -> str:
        sizes = {k: len(v) for k, v in self.files.items()}
        return (
            f"Case({self.reader.key}, {self.container}, ops={self.ops}, "
            f"zip_damage={self.zip_damage}, sizes={sizes})"
        )


def reencode(data: bytes, encoding: str, newline: str) -> bytes:
    """``data`` (UTF-8, maybe with a BOM) written again in ``encoding`` with ``newline``."""
    text = data.decode("utf-8-sig", errors="replace")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if newline != "\n":
        text = text.replace("\n", newline)
    if encoding == "cp1252":
        return text.encode("cp1252", errors="replace")
    return text.encode(encoding)


def materialize(case: Case, root: Path) -> Path:
    """Write ``case`` under ``root`` and return the path to read."""
    r = case.reader
    if case.container == "file":
        path = root / r.name
        path.write_bytes(case.files[r.main])
        return path
    if case.container == "dir":
        path = root / Path(r.name).stem
        for name, data in case.files.items():
            target = path.joinpath(*name.split("/"))
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        path.mkdir(exist_ok=True)
        return path
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in case.files.items():
            zf.writestr(name, data)
    raw = bytearray(buf.getvalue())
    if case.zip_damage is not None:
        how, pos, mask = case.zip_damage
        pos = pos % (len(raw) + 1)
        if how == "truncate":
            del raw[pos:]
        elif raw:
            raw[pos % len(raw)] ^= mask
    path = root / (Path(r.name).stem + ".zip")
    path.write_bytes(bytes(raw))
    return path


# ------------------------------------------------------------------ byte and line mutations


def _truncate(draw, data: bytes) -> bytes:
    return data[: draw(st.integers(0, len(data)))]


def _flip(draw, data: bytes) -> bytes:
    if not data:
        return data
    out = bytearray(data)
    flips = draw(
        st.lists(
            st.tuples(st.integers(0, len(out) - 1), st.integers(1, 255)), min_size=1, max_size=8
        )
    )
    for pos, mask in flips:
        out[pos] ^= mask
    return bytes(out)


def _lines(draw, data: bytes) -> bytes:
    lines = data.split(b"\n")
    how = draw(st.sampled_from(["delete", "duplicate", "swap"]))
    i = draw(st.integers(0, len(lines) - 1))
    if how == "delete":
        del lines[i]
    elif how == "duplicate":
        lines.insert(i, lines[i])
    else:
        j = draw(st.integers(0, len(lines) - 1))
        lines[i], lines[j] = lines[j], lines[i]
    event(f"lines: {how}")
    return b"\n".join(lines)


def _encode(draw, data: bytes) -> bytes:
    enc = draw(st.sampled_from(ENCODINGS))
    nl = draw(st.sampled_from(NEWLINES))
    event(f"encode: {enc} {nl!r}")
    return reencode(data, enc, nl)


def _insert(draw, data: bytes, chunk: bytes) -> bytes:
    pos = draw(st.integers(0, len(data)))
    return data[:pos] + chunk + data[pos:]


def _nul(draw, data: bytes) -> bytes:
    return _insert(draw, data, b"\x00" * draw(st.integers(1, 64)))


def _long(draw, data: bytes) -> bytes:
    size = draw(st.sampled_from(_LONG_SIZES))
    char = draw(st.sampled_from(_LONG_CHARS))
    event(f"long field: {size}")
    return _insert(draw, data, (char * size).encode("utf-8"))


def _deep(draw, data: bytes) -> bytes:
    depth = draw(st.sampled_from(_DEPTHS))
    opener = draw(st.sampled_from(["[", '{"a":']))
    closer = "]" if opener == "[" else "}"
    event(f"deep: {depth}")
    return _insert(draw, data, (opener * depth + "1" + closer * depth).encode())


# ------------------------------------------------------------------ structure-aware mutations


def _columns(draw, data: bytes) -> bytes:
    try:
        text = data.decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(text)))
    except (UnicodeDecodeError, csv.Error):
        return data
    if not rows or not rows[0]:
        return data
    ncols = max(len(r) for r in rows)
    rows = [r + [""] * (ncols - len(r)) for r in rows]
    how = draw(st.sampled_from(["shuffle", "rename", "drop", "add"]))
    event(f"columns: {how}")
    if how == "shuffle":
        order = draw(st.permutations(range(ncols)))
        rows = [[r[i] for i in order] for r in rows]
    elif how == "rename":
        i = draw(st.integers(0, ncols - 1))
        old = rows[0][i]
        rows[0][i] = draw(
            st.sampled_from(
                [
                    old.upper(),
                    f"  {old} ",
                    old.replace("_", " "),
                    "",
                    rows[0][(i + 1) % ncols],
                    "time",
                    "date",
                    "note",
                    "Gave in?",
                    "text",
                ]
            )
            | st.text(max_size=12)
        )
    elif how == "drop":
        i = draw(st.integers(0, ncols - 1))
        rows = [r[:i] + r[i + 1 :] for r in rows]
    else:
        i = draw(st.integers(0, ncols))
        value = draw(st.sampled_from(["extra", "", "=1+1", "@SUM(A1)"]))
        rows = [[*r[:i], "added" if k == 0 else value, *r[i:]] for k, r in enumerate(rows)]
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    return buf.getvalue().encode("utf-8")


def _records_of(obj):
    if isinstance(obj, list):
        return obj
    if isinstance(obj, dict):
        for value in obj.values():
            if isinstance(value, list) and value and isinstance(value[0], dict):
                return value
    return None


def _records(draw, data: bytes) -> bytes:
    try:
        obj = json.loads(data)
    except (ValueError, RecursionError):
        return data
    recs = _records_of(obj)
    if not recs:
        return data
    how = draw(st.sampled_from(["delete", "duplicate", "swap", "value", "remove key", "deep"]))
    event(f"records: {how}")
    i = draw(st.integers(0, len(recs) - 1))
    if how == "delete":
        del recs[i]
    elif how == "duplicate":
        recs.insert(i, recs[i])
    elif how == "swap":
        j = draw(st.integers(0, len(recs) - 1))
        recs[i], recs[j] = recs[j], recs[i]
    elif isinstance(recs[i], dict) and recs[i]:
        key = draw(st.sampled_from(sorted(recs[i])))
        if how == "value":
            recs[i][key] = draw(st.sampled_from(_WEIRD_VALUES))
        elif how == "remove key":
            del recs[i][key]
        else:
            return data.replace(
                json.dumps(key).encode(),
                json.dumps(key).encode() + b":" + b"[" * 10_000 + b"]" * 10_000 + b',"x"',
                1,
            )
    else:
        recs[i] = draw(st.sampled_from(_WEIRD_VALUES))
    return json.dumps(obj, ensure_ascii=draw(st.booleans())).encode("utf-8")


_BYTE_OPS = {
    "truncate": _truncate,
    "flip": _flip,
    "lines": _lines,
    "encode": _encode,
    "nul": _nul,
    "long": _long,
    "deep": _deep,
}


def _ops(r: Reader) -> list[str]:
    ops = list(_BYTE_OPS)
    if r.csv_members:
        ops += ["columns", "columns"]
    if r.json_members:
        ops += ["records", "records"]
    if r.container != "file":
        ops += ["members"]
    return ops


def _members(draw, files: dict[str, bytes]) -> dict[str, bytes]:
    names = sorted(files)
    name = draw(st.sampled_from(names))
    how = draw(st.sampled_from(["delete", "copy", "rename"]))
    event(f"members: {how}")
    files = dict(files)
    if how == "delete":
        del files[name]
    else:
        stem, dot, ext = name.rpartition(".")
        new = draw(
            st.sampled_from(
                [
                    f"{stem} copy.{ext}" if dot else f"{name} copy",
                    f"other/{name}",
                    f"{stem}.{ext.upper()}" if dot else name.upper(),
                    "2025/02/2025-02-30.md",
                    "Journal 2.json",
                    "003 Stretch/Checkmarks.csv",
                    "Templates/Daily.md",
                    "nœud ☃.md",
                ]
            )
        )
        files[new] = files[name]
        if how == "rename":
            del files[name]
    return files


#: Folders that people also pass zipped (Meta's downloads arrive as zips).
_DIR_OR_ZIP = ("markdown", "loop", "dayone_classic", "messenger", "instagram", "facebook")


def _container(draw, r: Reader) -> str:
    if r.key in _DIR_OR_ZIP:
        return draw(st.sampled_from(["dir", "zip"]))
    return r.container


@st.composite
def cases(draw, key: str) -> Case:
    """A mutated export of reader ``key`` (1-3 mutations, maybe a damaged zip)."""
    r = READERS[key]
    b = base(key, draw(st.integers(0, len(WINDOWS) - 1)))
    files = dict(b.files)
    container = _container(draw, r)
    ops: list[str] = []
    for _ in range(draw(st.integers(1, 3))):
        op = draw(st.sampled_from(_ops(r)))
        ops.append(op)
        event(f"op: {op}")
        if op == "members":
            files = _members(draw, files) or files
            continue
        if not files:
            break
        names = sorted(files)
        main = b.main or r.main
        main = main if main in files else names[0]
        name = draw(st.sampled_from([main, main, *names]))
        data = files[name]
        if op in _BYTE_OPS:
            files[name] = _BYTE_OPS[op](draw, data)
        elif op == "columns":
            files[name] = _columns(draw, data)
        else:
            files[name] = _records(draw, data)
    damage = None
    if container == "zip" and draw(st.integers(0, 4)) == 0:
        damage = (
            draw(st.sampled_from(["truncate", "flip"])),
            draw(st.integers(0, 1 << 16)),
            draw(st.integers(1, 255)),
        )
        event(f"zip damage: {damage[0]}")
    return Case(r, files, container, damage, ops)


@st.composite
def lossless_cases(draw, key: str) -> tuple[Case, Case]:
    """A valid export and a copy that must read the same: re-encoded, other line ends,
    columns shuffled (CSV). Returns ``(original, copy)``."""
    r = READERS[key]
    b = base(key, draw(st.integers(0, len(WINDOWS) - 1)))
    container = _container(draw, r)
    enc = draw(st.sampled_from(r.encodings))
    nl = draw(st.sampled_from(NEWLINES))
    files = {}
    for name, data in b.files.items():
        if name.endswith((".png", ".jpg")):
            files[name] = data
            continue
        if enc == "cp1252":
            try:
                data.decode("utf-8-sig").encode("cp1252")
            except UnicodeEncodeError:
                enc = "utf-8-sig"
        files[name] = data
    shuffle = r.csv_members and key != "loop" and draw(st.booleans())
    if shuffle:
        rows = list(csv.reader(io.StringIO(files[r.main].decode("utf-8-sig"))))
        order = draw(st.permutations(range(len(rows[0]))))
        buf = io.StringIO()
        csv.writer(buf, lineterminator="\n").writerows([[row[i] for i in order] for row in rows])
        files[r.main] = buf.getvalue().encode("utf-8")
    files = {
        n: d if n.endswith((".png", ".jpg")) else reencode(d, enc, nl) for n, d in files.items()
    }
    event(f"lossless: {enc} {nl!r}{' shuffled' if shuffle else ''}")
    ops = [f"encode {enc} {nl!r}"] + (["shuffle"] if shuffle else [])
    return Case(r, dict(b.files), container), Case(r, files, container, None, ops)
