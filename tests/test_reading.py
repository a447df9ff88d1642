"""The reading API: arguments, detection errors, the time policy and duplicates."""

import warnings
from pathlib import Path

import pandas as pd
import pytest

import reflection_kit as rk
from reflection_kit.sources._base import ReadContext
from reflection_kit.sources._finalize import finalize
from reflection_kit.sources._input import Input


def _ctx(tmp_path: Path, kind="journal", tz="UTC", errors="warn") -> ReadContext:
    f = tmp_path / "x.txt"
    f.write_text("x")
    return ReadContext(input=Input.open(f), kind=kind, format="test", tz=tz, errors=errors)


def test_detection_failure_lists_every_format(tmp_path):
    f = tmp_path / "mystery.bin"
    f.write_bytes(b"\x00\x01 not an export")
    with pytest.raises(rk.ParseError, match="not a journal export") as info:
        rk.read_journal(f)
    tried = info.value.tried
    assert {"dayone", "jrnl", "jrnl_json", "daylio", "markdown", "table"} <= set(tried)
    assert all(isinstance(v, str) and v for v in tried.values())
    assert "mystery.bin" in str(info.value)


def test_unknown_format_name(tmp_path):
    f = tmp_path / "a.csv"
    f.write_text("a\n")
    with pytest.raises(ValueError, match=r"unknown journal format 'nope'.*dayone"):
        rk.read_journal(f, format="nope")


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"errors": "ignore"}, "`errors` must be 'raise' or 'warn'"),
        ({"tz": "Mars/Olympus"}, "`tz` must be an IANA time zone"),
    ],
)
def test_bad_arguments(tmp_path, kwargs, match):
    f = tmp_path / "a.csv"
    f.write_text("a\n")
    with pytest.raises(ValueError, match=match):
        rk.read_journal(f, **kwargs)


def test_unknown_option_is_named(tmp_path):
    f = tmp_path / "j.txt"
    f.write_text("[2024-03-05 08:15] Hello.\nBody.\n")
    with pytest.raises(TypeError, match=r"does not take option\(s\) \['colour'\]"):
        rk.read_journal(f, format="jrnl", colour="blue")


def test_missing_path_message(tmp_path):
    with pytest.raises(rk.ParseError, match="no such file or folder"):
        rk.read_urges(tmp_path / "missing.csv")


def test_time_policy_dst_and_zones(tmp_path):
    ctx = _ctx(tmp_path, tz="Europe/Berlin")
    ctx.found(4)
    rows = [
        {"local_time": "2024-03-31 02:30", "text": "gap hour", "origin": "x line 1"},
        {"local_time": "2024-10-27 02:30", "text": "repeated hour", "origin": "x line 2"},
        {"local_time": "2024-10-27 23:59", "text": "late", "origin": "x line 3"},
        {
            "instant": "2024-10-27T03:30:00Z",
            "tz": "America/New_York",
            "text": "ny",
            "origin": "x line 4",
        },
    ]
    df = finalize(rows, ctx).set_index("text")
    # the spring-forward wall clock moves forward but keeps its day
    assert df.loc["gap hour", "date"] == pd.Timestamp("2024-03-31")
    assert df.loc["gap hour", "timestamp"] == pd.Timestamp("2024-03-31T01:00Z")
    # the fall-back hour is read as its first occurrence (summer time)
    assert df.loc["repeated hour", "timestamp"] == pd.Timestamp("2024-10-27T00:30Z")
    # a zoned instant keeps its own wall clock and day
    assert df.loc["ny", "local_time"] == pd.Timestamp("2024-10-26 23:30")
    assert df.loc["ny", "date"] == pd.Timestamp("2024-10-26")
    assert str(df["timestamp"].dtype) == "datetime64[us, UTC]"  # mixed zones -> UTC
    assert ctx.records == len(df) + len(ctx.problems)


def test_single_zone_keeps_that_zone(tmp_path):
    ctx = _ctx(tmp_path, tz="America/New_York")
    ctx.found(1)
    df = finalize([{"local_time": "2024-01-01 00:10", "text": "a", "origin": "x"}], ctx)
    assert str(df["timestamp"].dt.tz) == "America/New_York"
    assert df["date"].iloc[0] == pd.Timestamp("2024-01-01")


def test_duplicates_reported_and_raise_mode(tmp_path):
    ctx = _ctx(tmp_path)
    ctx.found(2)
    row = {"local_time": "2024-01-01 10:00", "text": "same", "title": "t"}
    df = finalize([dict(row, origin="x line 1"), dict(row, origin="x line 5")], ctx)
    assert len(df) == 1
    assert ctx.problems[0].location == "x line 5"
    assert "duplicate of the record at x line 1" in ctx.problems[0].reason
    ctx = _ctx(tmp_path, errors="raise")
    with pytest.raises(rk.ParseError, match="x line 5: duplicate") as info:
        finalize([dict(row, origin="x line 1"), dict(row, origin="x line 5")], ctx)
    assert info.value.location == "x line 5"


def test_ids_are_stable(tmp_path):
    rows = [{"local_time": "2024-01-01 10:00", "text": "a", "origin": "x"}]
    a = finalize(rows, _ctx(tmp_path))["entry_id"].tolist()
    b = finalize(rows, _ctx(tmp_path))["entry_id"].tolist()
    assert a == b and len(a[0]) == 16


def test_urge_rows_get_kind_categories(tmp_path):
    ctx = _ctx(tmp_path, kind="urges")
    df = finalize(
        [{"local_time": "2024-01-01 10:00", "kind": "reach_out", "acted": True, "origin": "x"}],
        ctx,
    )
    assert list(df["kind"].cat.categories) == list(rk.URGE_KINDS)
    assert df["kind"].cat.ordered
    assert str(df["acted"].dtype) == "boolean"


def test_empty_source_warns(tmp_path):
    ctx = _ctx(tmp_path)
    df = finalize([], ctx)
    rk.validate_journal(df)
    assert len(df) == 0


def test_validate_messages():
    with pytest.raises(rk.SchemaError, match=r"missing required column\(s\) \['kind'"):
        rk.validate_urges(pd.DataFrame({"urge_id": [], "timestamp": [], "date": []}))
    bad = pd.DataFrame(
        {
            "urge_id": ["a"],
            "timestamp": pd.to_datetime(["2024-01-01"], utc=True),
            "date": pd.to_datetime(["2024-01-01"]),
            "kind": ["texting"],
            "acted": pd.array([True], dtype="boolean"),
        }
    )
    with pytest.raises(rk.SchemaError, match=r"reach_out.*found other values \['texting'\]"):
        rk.validate_urges(bad)


def test_warn_once_summary(tmp_path, recwarn):
    from reflection_kit.reading import _warn

    problems = pd.DataFrame(
        {"location": ["a line 2", "a line 3"], "reason": ["bad", "bad"], "raw": ["", ""]}
    )
    report = rk.LoadReport("a", "x", "urges", 5, 3, problems, "p")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        _warn(report)
    assert len(caught) == 1
    assert issubclass(caught[0].category, rk.DataQualityWarning)
    assert "2 of 5 record(s)" in str(caught[0].message)
    assert "a line 2" in str(caught[0].message)


def test_skipped_files_are_not_records_and_survive_a_merge(tmp_path):
    """Files that are not records of the format (ordinary notes beside daily notes) are
    listed in ``report.skipped``: not counted in ``records``, not problems."""
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "2024-03-05.md").write_text(f"Daily note {name}.\n")
        (tmp_path / name / "Reading list.md").write_text("Books.\n")
    one = rk.inspect(tmp_path / "a", format="markdown")
    assert (one.records, one.loaded, len(one.problems)) == (1, 1, 0)
    assert one.skipped["location"].tolist() == ["a/Reading list.md"]
    both = rk.inspect([tmp_path / "a", tmp_path / "b"], format="markdown")
    assert both.records == both.loaded + len(both.problems) == 2
    assert both.skipped["location"].tolist() == ["a/Reading list.md", "b/Reading list.md"]
    assert [s["location"] for s in both.to_dict()["skipped"]] == both.skipped["location"].tolist()


def test_a_report_built_without_skipped_has_none():
    problems = pd.DataFrame(columns=["location", "reason", "raw"])
    report = rk.LoadReport("a", "x", "journal", 0, 0, problems, "p")
    assert list(report.skipped.columns) == ["location", "reason"] and report.skipped.empty
    assert report.to_dict()["skipped"] == [] and "skipped" not in report.summary()


def test_formats_point_at_nothing_an_installed_package_lacks():
    """`reflection-kit formats` and rk.formats() must not send people to docs/ files, which
    an installed package does not have."""
    table = rk.formats()
    for col in ("description", "patterns", "how_to_export"):
        assert not table[col].str.contains("docs/").any(), col
    markdown = table.set_index("name").loc["markdown", "description"]
    assert "whole name is its date" in markdown and "skipped" in markdown
