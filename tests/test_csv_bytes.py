"""Delimited UTF-8 read from its bytes as they were read gives what its decoded text gives.

``text_table`` hands plain UTF-8 (no BOM, no UTF-16 pattern, no carriage return) to
pyarrow without decoding it and encoding it back (``_csv_engine._read_utf8``), and
falls back to the decoded text for everything else. Each case here is read both ways
and must come out the same: header, values, physical lines, rows with the wrong number
of fields, empty rows, delimiter and the encoding reported, or the same error.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reflection_kit.errors import ReflectionKitError
from reflection_kit.reading import _load
from reflection_kit.sources import _csv_engine, _input
from reflection_kit.sources._csv_engine import text_table
from reflection_kit.sources._input import Input, plain_utf8


def _read(path: Path, *, from_bytes: bool, monkeypatch) -> object:
    """What ``text_table`` yields for ``path``, as plain values (or the error raised)."""
    with monkeypatch.context() as m:
        if not from_bytes:
            m.setattr(_csv_engine, "plain_utf8", lambda data: False)
        inp = Input.open(path)
        try:
            with text_table(inp, inp.names()[0], where=path.name) as (tab, enc):
                if tab is None:
                    return (None, enc)
                frame = [tab.frame[c].tolist() for c in tab.frame.columns]
                return (
                    tab.header,
                    frame,
                    [str(x) for x in tab.frame.dtypes],
                    np.asarray(tab.lines).tolist(),
                    tab.bad,
                    tab.empty_rows,
                    tab.delimiter,
                    enc,
                )
        except ReflectionKitError as e:
            return (type(e).__name__, str(e))


def _both(tmp_path: Path, data: bytes, monkeypatch) -> tuple[object, object]:
    path = tmp_path / "log.csv"
    path.write_bytes(data)
    return (
        _read(path, from_bytes=True, monkeypatch=monkeypatch),
        _read(path, from_bytes=False, monkeypatch=monkeypatch),
    )


CASES = {
    "plain": b"timestamp,kind\n2025-03-04 20:15,checked\n2025-03-05 08:00,texted\n",
    "non-ASCII values": "t,k\n2025-03-04,caf\u00e9 \U0001f600\n2025-03-05,\u00fcber\n".encode(),
    "leading blank lines": b"\n\n\nt,k\n1,2\n",
    "no final newline": b"t,k\n1,2",
    "blank lines between rows": b"t,k\n1,2\n\n3,4\n\n",
    "empty rows": b"t,k\n,\n1,2\n,\n",
    "quoted with a newline": b't,k\n1,"a\nb"\n2,c\n',
    "quoted separators": b't,k\n1,"a,b"\n',
    "too many fields": b"t,k\n1,2,3\n4,5\n",
    "too few fields": b"t,k,n\n1,2\n3,4,5\n",
    "semicolons": b"t;k\n1;2\n",
    "tabs": b"t\tk\n1\t2\n",
    "header only": b"t,k\n",
    "header without newline": b"t,k",
    "only newlines": b"\n\n\n",
    "blank": b"   \n  \n",
    "unicode spaces only": "\u3000\u2003\n\u3000\n".encode(),
    "a blank header line, then rows": "\u3000\n1,2\n".encode(),
    "cp1252 value": b"t,k\n1,caf\xe9\n",
    "cp1252 header": b"t,caf\xe9\n1,2\n",
    "encoded surrogate (not UTF-8)": b"t,k\n1,\xed\xa0\x80\n",
    "overlong slash (not UTF-8)": b"t,k\n1,\xc0\xaf\n",
    "past U+10FFFF (not UTF-8)": b"t,k\n1,\xf4\x90\x80\x80\n",
    "noncharacter (valid UTF-8)": "t,k\n1,\ufffe\n".encode(),
    "carriage returns": b"t,k\r\n1,2\r\n",
    "lone carriage return in a value": b"t,k\n1,a\rb\n",
    "BOM": b"\xef\xbb\xbft,k\n1,2\n",
    "UTF-16": "t,k\n1,2\n".encode("utf-16"),
    "NUL bytes": b"t,k\n1,\x00\n",
    "a wide header": (",".join(f"c{i}" for i in range(1200)) + "\n1\n").encode(),
}


@pytest.mark.parametrize("name", list(CASES))
def test_the_bytes_read_as_their_text(tmp_path, monkeypatch, name):
    got, want = _both(tmp_path, CASES[name], monkeypatch)
    assert got == want


def test_plain_utf8_is_read_from_the_bytes_and_the_rest_is_decoded(tmp_path, monkeypatch):
    """The fast path is taken where it should be (so the comparisons above compare two
    ways), and not where the text would differ from the bytes."""
    calls: list[bool] = []
    real = _csv_engine._read_utf8

    def spy(data, *, where):
        out = real(data, where=where)
        calls.append(out is not None)
        return out

    monkeypatch.setattr(_csv_engine, "_read_utf8", spy)
    for name, taken in [
        ("plain", True),
        ("non-ASCII values", True),
        ("leading blank lines", True),
        ("quoted separators", True),
        ("quoted with a newline", False),  # the csv module ties such rows to lines
        ("too many fields", False),  # quoted from the decoded text
        ("cp1252 value", False),
        ("encoded surrogate (not UTF-8)", False),
        ("carriage returns", None),  # not even tried
        ("BOM", None),
        ("UTF-16", None),
    ]:
        calls.clear()
        path = tmp_path / f"{len(name)}.csv"
        path.write_bytes(CASES[name])
        inp = Input.open(path)
        with text_table(inp, inp.names()[0], where="x"):
            pass
        assert calls == ([] if taken is None else [taken]), name


@settings(max_examples=300, derandomize=True, deadline=None)
@given(st.binary(max_size=24) | st.text(max_size=8).map(str.encode))
def test_the_utf8_check_agrees_with_pythons_decoder(data):
    try:
        data.decode("utf-8")
        valid = True
    except UnicodeDecodeError:
        valid = False
    assert _csv_engine._utf8(data) is valid


@pytest.mark.parametrize(
    "data",
    [
        b"\xed\xa0\x80",
        b"\xed\xbf\xbf",
        b"\xc0\xaf",
        b"\xe0\x80\xaf",
        b"\xf4\x90\x80\x80",
        b"\xf8\x88",
    ],
)
def test_the_utf8_check_refuses_what_python_refuses(data):
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert not _csv_engine._utf8(b"ok " + data)


def test_plain_utf8_names_what_decoding_would_change():
    assert plain_utf8(b"a,b\n1,2\n") and plain_utf8(b"") and plain_utf8(b"caf\xe9")
    for data in (b"a\r\nb", b"\xef\xbb\xbfa", b"\xff\xfea\x00", "ab,cd\n".encode("utf-16-le")):
        assert not plain_utf8(data)
        assert _input.decode_text(data)[0].encode("utf-8") != data


_PIECES = st.sampled_from(
    ["a", "b", "1", ",", ";", "\t", '"', "\n", "\n\n", " ", "\u00e9", "\U0001f600", "\u3000"]
)
_RAW = st.sampled_from([b"\xe9", b"\xed\xa0\x80", b"\xc3", b"\r", b"\x00"])


@settings(max_examples=150, derandomize=True, deadline=None)
@given(
    pieces=st.lists(st.one_of(_PIECES.map(str.encode), _RAW), max_size=40),
    header=st.sampled_from([b"t,k\n", b"t;k;n\n", b"\n t\tk\n", b""]),
)
def test_any_bytes_read_as_their_text(tmp_path_factory, header, pieces):
    data = header + b"".join(pieces)
    tmp = tmp_path_factory.mktemp("b")
    with pytest.MonkeyPatch.context() as mp:
        got, want = _both(tmp, data, mp)
    assert got == want


def test_an_urge_log_reads_the_same_either_way(tmp_path, monkeypatch, sample_dir):
    """The whole reader (frame and report) on the sample log and on a log with problems."""
    messy = tmp_path / "messy.csv"
    messy.write_text(
        "timestamp,kind,intensity,acted\n"
        "2025-03-04 20:15,checked his IG,7,no\n"
        "2025-03-04 20:15,checked his IG,7,no\n"
        "\n"
        "2025-03-05 25:99,texted,3,yes\n"
        "2025-03-06 08:00,reread our chat,11,maybe\n"
        "2025-03-07 09:00,texted,2,no,extra\n"
        "2025-03-02 07:00,caf\u00e9 daydream,4,yes\n",
        encoding="utf-8",
    )
    kw = {"format": None, "tz": None, "errors": "warn", "kinds": None, "columns": None}
    for path in (sample_dir / "urges.csv", messy):
        fast = _load(path, "urges", options={}, **kw)
        with monkeypatch.context() as m:
            m.setattr(_csv_engine, "plain_utf8", lambda data: False)
            slow = _load(path, "urges", options={}, **kw)
        pd.testing.assert_frame_equal(fast.frame, slow.frame)
        pd.testing.assert_frame_equal(fast.problems, slow.problems)
        assert fast.notes == slow.notes
    assert len(fast.problems) == 4 and len(fast.frame) == 2  # 3 bad rows, 1 copy
