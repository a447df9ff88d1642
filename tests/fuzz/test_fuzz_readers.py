"""Fuzz every reader with damaged exports (issue 7).

For each reader a small valid export (a few days of the sample story) is
mutated (see ``_mutate.py``) and read three ways: ``rk.inspect``,
``rk.read_*(errors="raise")`` and ``rk.read_*(errors="warn")``. Properties:

* nothing raises except :class:`ParseError` or :class:`SchemaError`, each with a
  non-empty ``location``; all three reads agree on the error;
* ``records == loaded + len(problems)``, every problem has a location and a reason;
* the loaded frame validates against its schema;
* ``errors="raise"`` raises at the first problem the report lists, or, with no
  problem, returns the same frame; re-reading the same bytes gives identical
  frames (so ids are stable);
* no warning other than the one :class:`DataQualityWarning` leaks out;
* platform downloads (read with ``person=`` and ``me=``): no message text of the
  export (every one holds :data:`~._bases.MARK`) appears in any frame cell, note,
  problem, skipped file, time-zone policy or error.

A second test re-encodes a valid export (UTF-16, CP1252, UTF-8 with BOM; CRLF or
CR line ends; shuffled columns) and checks that the frame is exactly the one the
original gives: not a single record lost or changed.
"""

from __future__ import annotations

import tempfile
import warnings
from pathlib import Path

import pandas as pd
from hypothesis import given

import reflection_kit as rk
from reflection_kit.errors import DataQualityWarning, ParseError, SchemaError

from ._bases import MARK, READERS
from ._mutate import Case, cases, lossless_cases, materialize
from ._profile import FUZZ, LOSSLESS

#: One test per reader of issue 7 (the generic table is fuzzed as CSV and as JSON).
KEYS = sorted(READERS)


def _read(path: Path, case: Case, errors: str) -> pd.DataFrame:
    r = case.reader
    fn = rk.read_journal if r.kind == "journal" else rk.read_urges
    return fn(path, format=r.format, errors=errors, **r.kwargs)


def _located(exc: BaseException) -> None:
    assert isinstance(exc, ParseError | SchemaError), f"unexpected {type(exc).__name__}: {exc}"
    location = getattr(exc, "location", None)
    assert isinstance(location, str) and location.strip(), f"no location on {exc!r}"
    assert str(exc).strip()


def _shown(report: rk.LoadReport) -> str:
    """Everything a report shows: frame cells, problems, skipped files, notes, tz policy."""
    parts = [report.path, report.format, report.tz_policy, *report.notes]
    for table in (report.frame, report.problems, report.skipped):
        if table is not None:
            parts.extend(map(str, table.columns))
            for col in table.columns:
                parts.extend(map(str, table[col].tolist()))
    return "\n".join(parts)


def _private(case: Case, root: str, *shown: str) -> None:
    """No message text of a platform download (each holds MARK) in what a read shows.

    ``root``, the random temporary folder the case was written to, is left out: its
    name may hold the marker by chance.
    """
    if case.reader.private:
        for text in shown:
            text = text.replace(root, "<tmp>")
            assert MARK not in text.lower(), f"message text shown: {text[:300]!r}"


def _error_text(exc: BaseException) -> str:
    fields = (getattr(exc, k, "") for k in ("location", "reason", "raw", "counterparts", "tried"))
    return "\n".join([str(exc), *map(str, fields)])


def _attempt(fn):
    try:
        return fn(), None
    except (ParseError, SchemaError) as exc:
        _located(exc)
        return None, exc


def _check_report(report: rk.LoadReport, kind: str) -> None:
    assert report.records == report.loaded + len(report.problems), (
        report.records,
        report.loaded,
        len(report.problems),
    )
    assert report.frame is not None and len(report.frame) == report.loaded
    validate = rk.validate_journal if kind == "journal" else rk.validate_urges
    validate(report.frame)
    for loc, reason in zip(report.problems["location"], report.problems["reason"], strict=True):
        assert isinstance(loc, str) and loc.strip()
        assert isinstance(reason, str) and reason.strip()
    id_col = "entry_id" if kind == "journal" else "urge_id"
    assert report.frame[id_col].is_unique


def check_case(case: Case) -> None:
    """Read one mutated export three ways and check every property."""
    r = case.reader
    with tempfile.TemporaryDirectory() as tmp, warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        path = materialize(case, Path(tmp))
        report, error = _attempt(
            lambda: rk.inspect(path, format=r.format, kind=r.kind, **r.kwargs)
        )
        raised, raise_error = _attempt(lambda: _read(path, case, "raise"))
        for exc in (error, raise_error):
            if exc is not None:
                _private(case, tmp, _error_text(exc))
        if error is not None:
            assert raise_error is not None, f"inspect raised {error!r}, errors='raise' did not"
            assert type(raise_error) is type(error) and str(raise_error) == str(error)
            _, warn_error = _attempt(lambda: _read(path, case, "warn"))
            assert warn_error is not None and str(warn_error) == str(error)
        else:
            _check_report(report, r.kind)
            _private(case, tmp, _shown(report))
            if len(report.problems):
                assert isinstance(raise_error, ParseError), (
                    f"{len(report.problems)} problem(s) but errors='raise' gave {raise_error!r}"
                )
                assert raise_error.location == report.problems["location"].iloc[0]
                again, warn_error = _attempt(lambda: _read(path, case, "warn"))
                assert warn_error is None, warn_error
            else:
                assert raise_error is None, raise_error
                again = raised
            pd.testing.assert_frame_equal(again, report.frame)
    leaked = [w for w in caught if not issubclass(w.category, DataQualityWarning)]
    assert not leaked, [f"{w.category.__name__}: {w.message}" for w in leaked]
    _private(case, tmp, *(str(w.message) for w in caught))


def _damaged(key: str):
    @FUZZ
    @given(cases(key))
    def test(case: Case) -> None:
        check_case(case)

    test.__name__ = test.__qualname__ = f"test_damaged_{key}_never_crashes_or_loses_records"
    test.__doc__ = f"Damaged {key} exports: only located errors, every record accounted for."
    return test


def _reencoded(key: str):
    @LOSSLESS
    @given(lossless_cases(key))
    def test(pair: tuple[Case, Case]) -> None:
        check_lossless(*pair)

    test.__name__ = test.__qualname__ = f"test_reencoded_{key}_reads_the_same"
    test.__doc__ = f"Re-encoded {key} exports give exactly the frame of the original."
    return test


def check_lossless(original: Case, copy: Case) -> None:
    """The copy (re-encoded, other line ends, shuffled columns) reads exactly like the original."""
    r = copy.reader
    with tempfile.TemporaryDirectory() as a, tempfile.TemporaryDirectory() as b:
        want = rk.inspect(materialize(original, Path(a)), format=r.format, kind=r.kind, **r.kwargs)
        got = rk.inspect(materialize(copy, Path(b)), format=r.format, kind=r.kind, **r.kwargs)
    # the sample bases are clean; a platform fixture may keep one deliberately damaged
    # record, which the copy must report exactly as the original does
    assert r.private or len(want.problems) == 0, want.problems
    pd.testing.assert_frame_equal(got.problems, want.problems)
    _private(copy, b, _shown(got))
    assert got.records == want.records
    pd.testing.assert_frame_equal(got.frame, want.frame)


# one test per reader, so that --hypothesis-show-statistics counts examples per reader
for _key in KEYS:
    globals()[f"test_damaged_{_key}_never_crashes_or_loses_records"] = _damaged(_key)
    globals()[f"test_reencoded_{_key}_reads_the_same"] = _reencoded(_key)
del _key
