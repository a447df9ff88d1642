"""rk.export: safe CSV/XLSX tables (issue 7, part 4)."""

from __future__ import annotations

import csv
import io
import os
import re
import stat
import sys

import numpy as np
import pandas as pd
import pytest

import reflection_kit as rk
from reflection_kit.export import FORMULA_PREFIXES, export, neutralise

SAMPLE_URGES = "urges.csv"


def _rows(path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline="")))


@pytest.mark.parametrize("prefix", FORMULA_PREFIXES)
def test_every_formula_prefix_gets_an_apostrophe(prefix):
    assert neutralise(prefix + "SUM(A1:A9)") == "'" + prefix + "SUM(A1:A9)"
    assert neutralise("calm " + prefix) == "calm " + prefix


def test_the_six_prefixes_are_the_owasp_list():
    assert FORMULA_PREFIXES == ("=", "+", "-", "@", "\t", "\r")


def test_text_is_neutralised_numbers_stay_numbers(tmp_path):
    frame = pd.DataFrame(
        {
            "note": ['=HYPERLINK("http://x","hi")', "+1", "-2 days", "@SUM(1)", "\tx", "\rx"],
            "intensity": [-1.0, 2.5, np.nan, 0.0, 10.0, 3.0],
            "count": pd.array([-3, 1, None, 0, 2, 7], dtype="Int64"),
        }
    )
    path = export(frame, tmp_path / "t.csv")
    rows = _rows(path)
    assert rows[0] == ["note", "intensity", "count"]
    assert [r[0] for r in rows[1:]] == [
        '\'=HYPERLINK("http://x","hi")',
        "'+1",
        "'-2 days",
        "'@SUM(1)",
        "'\tx",
        "'\rx",
    ]
    assert [r[1] for r in rows[1:]] == ["-1.0", "2.5", "", "0.0", "10.0", "3.0"]
    assert [r[2] for r in rows[1:]] == ["-3", "1", "", "0", "2", "7"]


def test_lists_are_joined_and_then_neutralised(tmp_path):
    frame = pd.DataFrame({"tags": [["walk", "calm"], [], ["=evil", "x"]]})
    rows = _rows(export(frame, tmp_path / "t.csv"))
    assert [r[0] for r in rows[1:]] == ["walk; calm", "", "'=evil; x"]


def test_column_names_are_cells_too(tmp_path):
    frame = pd.DataFrame({"=cmd": ["a"], "ok": ["b"]})
    assert _rows(export(frame, tmp_path / "t.csv"))[0] == ["'=cmd", "ok"]


def test_a_journal_frame_round_trips_through_csv(tmp_path, sample_dir):
    journal = rk.read_journal(sample_dir / "dayone.zip")
    path = export(journal, tmp_path / "journal.csv")
    back = pd.read_csv(path, encoding="utf-8-sig", keep_default_na=False)
    assert list(back.columns) == list(journal.columns)
    assert len(back) == len(journal)
    assert back["entry_id"].tolist() == journal["entry_id"].tolist()
    # timestamps keep their offset; dates are plain days; text survives line breaks
    assert back["timestamp"].iat[0] == str(journal["timestamp"].iat[0])
    assert back["date"].iat[0] == str(journal["date"].iat[0].date())
    assert back["text"].iat[0] == journal["text"].iat[0]
    assert back["tags"].iat[0] == "; ".join(journal["tags"].iat[0])


def test_a_named_index_becomes_the_first_column(tmp_path, sample_dir):
    urges = rk.read_urges(sample_dir / SAMPLE_URGES)
    daily = rk.daily(urges=urges)
    rows = _rows(export(daily, tmp_path / "daily.csv"))
    assert rows[0][0] == "date"
    assert rows[1][0] == str(daily.index[0].date())
    assert len(rows) == len(daily) + 1


def test_the_file_is_private_and_atomic(tmp_path):
    path = export(pd.DataFrame({"a": [1]}), tmp_path / "sub" / "t.csv")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert sorted(os.listdir(path.parent)) == ["t.csv"]  # no temporary file left behind


def test_an_existing_file_is_never_replaced_without_force(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("keep me")
    with pytest.raises(FileExistsError, match="already exists; nothing was written"):
        export(pd.DataFrame({"a": [1]}), path)
    assert path.read_text() == "keep me"
    export(pd.DataFrame({"a": [1]}), path, force=True)
    assert _rows(path) == [["a"], ["1"]]
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_a_failed_write_leaves_the_old_file_alone(tmp_path, monkeypatch):
    path = tmp_path / "t.csv"
    export(pd.DataFrame({"a": [1]}), path)
    monkeypatch.setattr(os, "replace", lambda *a: (_ for _ in ()).throw(OSError("disk full")))
    with pytest.raises(OSError, match="disk full"):
        export(pd.DataFrame({"a": [2]}), path, force=True)
    assert _rows(path) == [["a"], ["1"]]
    assert sorted(os.listdir(tmp_path)) == ["t.csv"]


@pytest.mark.parametrize(
    ("name", "fmt", "match"),
    [
        ("t.txt", None, r"cannot tell the format of 't.txt' from its suffix '.txt'"),
        ("t.csv", "ods", r"`format` must be 'csv' or 'xlsx', got 'ods'"),
    ],
)
def test_unknown_formats_are_refused(tmp_path, name, fmt, match):
    with pytest.raises(ValueError, match=match):
        export(pd.DataFrame({"a": [1]}), tmp_path / name, format=fmt)


def test_only_frames_are_exported(tmp_path):
    with pytest.raises(TypeError, match="`frame` must be a pandas DataFrame, got list"):
        export([1, 2], tmp_path / "t.csv")


def test_format_overrides_the_suffix(tmp_path):
    path = export(pd.DataFrame({"a": ["=1"]}), tmp_path / "table.dat", format="csv")
    assert _rows(path) == [["a"], ["'=1"]]


def test_xlsx_without_openpyxl_says_what_to_do(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "openpyxl", None)  # import openpyxl -> ImportError
    with pytest.raises(ImportError, match=r"needs the optional package openpyxl.*pip install"):
        export(pd.DataFrame({"a": [1]}), tmp_path / "t.xlsx")
    assert not (tmp_path / "t.xlsx").exists()


def test_xlsx_cells_are_text_or_numbers_never_formulas(tmp_path, sample_dir):
    import openpyxl  # optional for users (the `xlsx` extra), part of the `test` extra

    frame = pd.DataFrame(
        {
            "note": ["=1+1", "calm", None],
            "intensity": [-1.0, 4.0, np.nan],
            "when": pd.to_datetime(["2025-03-04 20:15", "2025-03-05 09:00", None]).tz_localize(
                "Europe/Berlin"
            ),
            "day": pd.to_datetime(["2025-03-04", "2025-03-05", "2025-03-06"]),
            "acted": pd.array([True, False, None], dtype="boolean"),
        }
    )
    path = export(frame, tmp_path / "t.xlsx")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    ws = openpyxl.load_workbook(path).active
    rows = [[c.value for c in r] for r in ws.iter_rows()]
    assert rows[0] == ["note", "intensity", "when", "day", "acted"]
    assert rows[1][0] == "'=1+1" and ws["A2"].data_type == "s"
    assert rows[1][1] == -1 and rows[2][1] == 4
    assert rows[1][2] == "2025-03-04 20:15:00+01:00"
    assert rows[1][3].date().isoformat() == "2025-03-04"
    assert rows[1][4] is True and rows[3][4] is None
    assert all(c.data_type != "f" for r in ws.iter_rows() for c in r)


# issue 12: semicolon-separated spreadsheet locales, and characters a workbook cannot hold


def _semicolon_cells(path) -> list[list[str]]:
    """The cells as a spreadsheet in a ';' locale (German, French, Dutch Excel) reads them."""
    text = path.read_bytes().decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))


@pytest.mark.parametrize(
    "cell",
    ["x;=1+1;y", "calm;+SUM(A1);", "a;@cmd", "a; =1+1", "a,-2+3", "a;\t=1", "one, two; three"],
)
def test_a_semicolon_locale_sees_no_formula(tmp_path, cell):
    path = export(pd.DataFrame({"note": [cell], "n": [1]}), tmp_path / "t.csv")
    # the cell is quoted: a ';' spreadsheet keeps it in one cell (the old file split it)
    line = path.read_bytes().decode("utf-8-sig").split("\r\n")[1]
    assert line.startswith('"') and line.endswith('",1')
    assert len(_semicolon_cells(path)[1]) == 1
    # and however the text is split on ';' or ',', no part starts as a formula
    parts = [p.lstrip(" ") for p in re.split(r"[;,]", _rows(path)[1][0])]
    assert not [p for p in parts if p.startswith(FORMULA_PREFIXES)], parts


def test_separator_guard_keeps_the_text_readable():
    assert neutralise("x;=1+1;y") == "x;'=1+1;y"
    assert neutralise("walk, -10 min") == "walk, '-10 min"
    assert neutralise("walk, then tea; calm") == "walk, then tea; calm"
    assert neutralise("=a;=b") == "'=a;'=b"


def test_comma_csv_round_trips_text_with_separators(tmp_path):
    notes = ['say "hi"; then go', "a,b", " padded ", "line\nbreak", ""]
    path = export(pd.DataFrame({"note": notes}), tmp_path / "t.csv")
    assert [r[0] for r in _rows(path)[1:]] == notes
    assert _rows(path)[0] == ["note"]


@pytest.mark.parametrize("char", ["\x0b", "\x1b", "\x08", "\x00"])
def test_xlsx_replaces_characters_a_workbook_cannot_hold(tmp_path, char):
    import openpyxl

    from reflection_kit.export import ExportWarning

    frame = pd.DataFrame({f"note{char}": [f"pasted{char}text", "calm", f"=x{char}"]})
    with pytest.warns(ExportWarning, match=r"3 cell\(s\) held control characters.*U\+FFFD"):
        path = export(frame, tmp_path / "t.xlsx")
    rows = [[c.value for c in r] for r in openpyxl.load_workbook(path).active.iter_rows()]
    assert rows == [["note\ufffd"], ["pasted\ufffdtext"], ["calm"], ["'=x\ufffd"]]


def test_xlsx_without_control_characters_gives_no_warning(tmp_path):
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        export(pd.DataFrame({"note": ["tab\tand newline\n are fine"]}), tmp_path / "t.xlsx")
