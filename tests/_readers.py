"""What every reader test asserts about a read (shared by the tests/test_source_*.py files).

The other half lives in ``tests/conftest.py``: a reader test module that names its fixture
folder in ``READER_DATA`` gets the check that no read modified a file under it.
"""

from __future__ import annotations

import reflection_kit as rk


def inspect_checked(path, *, kind: str, **kw) -> rk.LoadReport:
    """``rk.inspect`` with the invariant of every read asserted: each record is loaded or is a
    located problem (nothing lost, nothing silent)."""
    report = rk.inspect(path, kind=kind, **kw)
    assert report.records == report.loaded + len(report.problems)
    return report
