"""`reflection-kit template`: an empty urge log really is empty; the examples are separate."""

import warnings

import pytest

import reflection_kit as rk
from reflection_kit._urge_template import write_urge_log_example, write_urge_log_template
from reflection_kit.cli import main
from reflection_kit.sources.urgelog import TEMPLATE_COLUMNS


def test_the_template_loads_as_no_urges_and_no_problems(tmp_path, capsys):
    """Issue 15: the "empty" template held three example urges that loaded as real records."""
    assert main(["template", str(tmp_path / "t.csv")]) == 0
    out, err = capsys.readouterr()
    assert out.strip() == str(tmp_path / "t.csv")
    assert "header row only (0 urges)" in err and "--example" in err
    text = (tmp_path / "t.csv").read_text(encoding="utf-8")
    assert text == ",".join(TEMPLATE_COLUMNS) + "\n"
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        report = rk.inspect(tmp_path / "t.csv")
    assert (report.format, report.kind) == ("urgelog", "urges")
    assert (report.records, report.loaded, len(report.problems)) == (0, 0, 0)


def test_the_example_is_separate_and_says_its_rows_are_made_up(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["template", "--example"]) == 0
    out, err = capsys.readouterr()
    assert out.strip() == "urge-log-example.csv"
    assert "3 made-up urges" in err and "load as real urges" in err
    report = rk.inspect(tmp_path / "urge-log-example.csv")
    assert (report.records, report.loaded, len(report.problems)) == (3, 3, 0)
    assert set(report.frame["kind"]) == {"check_social", "reread", "reach_out"}
    assert main(["template"]) == 0  # the default name of the empty log is another file
    assert (tmp_path / "urge-log.csv").read_text().count("\n") == 1


@pytest.mark.parametrize("write", [write_urge_log_template, write_urge_log_example])
def test_neither_file_overwrites(tmp_path, write):
    p = tmp_path / "mine.csv"
    p.write_text("my own log\n")
    with pytest.raises(FileExistsError, match="never overwrites"):
        write(p)
    assert p.read_text() == "my own log\n"


def test_the_command_refuses_to_overwrite_with_a_message(tmp_path, capsys):
    p = tmp_path / "mine.csv"
    p.write_text("my own log\n")
    assert main(["template", "--example", str(p)]) == 1
    err = capsys.readouterr().err
    assert "already exists; nothing was written" in err and "--force" not in err
    assert p.read_text() == "my own log\n"


def test_the_help_says_what_the_files_hold(capsys):
    with pytest.raises(SystemExit):
        main(["template", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert "the header row only, so it loads as 0 urges" in out
    assert "--example" in out and "three made-up urges" in out
