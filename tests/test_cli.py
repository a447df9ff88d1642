"""The command line: check, sample, template, formats, exit codes."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from reflection_kit import __version__
from reflection_kit.cli import main


def run(*args, cwd=None):
    return subprocess.run(
        [sys.executable, "-m", "reflection_kit.cli", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
    )


def test_version():
    out = run("--version")
    assert out.returncode == 0 and __version__ in out.stdout


@pytest.mark.parametrize("command", ["check", "sample", "template", "new-entry", "formats"])
def test_help_on_every_command(command, capsys):
    with pytest.raises(SystemExit) as info:
        main([command, "--help"])
    assert info.value.code == 0
    assert "usage: reflection-kit" in capsys.readouterr().out


def test_bad_usage_exits_2(capsys):
    with pytest.raises(SystemExit) as info:
        main(["check", "--bogus"])
    assert info.value.code == 2
    assert main(["check"]) == 2
    assert main(["check", "does/not/exist.csv"]) == 2
    err = capsys.readouterr().err
    assert "usage: reflection-kit check" in err and "no such file or folder" in err


def test_check_sample_loads_everything(capsys):
    assert main(["check", "--sample"]) == 0
    out = capsys.readouterr().out
    assert "0 not loaded" in out


def test_check_json_shape(sample_dir, capsys):
    assert main(["check", str(sample_dir / "urges.csv"), "--json"]) == 0
    obj = json.loads(capsys.readouterr().out)
    assert set(obj) >= {"format", "kind", "records", "loaded", "problems"}
    assert obj["format"] == "urgelog" and obj["kind"] == "urges"
    assert obj["records"] == obj["loaded"] + len(obj["problems"])


def test_check_reports_problems_and_exits_1(tmp_path, capsys):
    f = tmp_path / "urges.csv"
    f.write_text(
        "timestamp,kind,intensity,acted,trigger,coping,note\n"
        "2025-03-03 21:00,checked his IG,14,yes,,,\n"
        "2025-03-03 22:00,texted him,3,no,,breathing,\n"
    )
    assert main(["check", str(f), "--json"]) == 1
    obj = json.loads(capsys.readouterr().out)
    assert obj["records"] == 2 and obj["loaded"] == 1
    (p,) = obj["problems"]
    assert p["location"] == "urges.csv line 2" and "intensity" in p["reason"]
    assert f.read_text().startswith("timestamp,kind")  # source untouched


def test_data_problem_exits_1(tmp_path, capsys):
    f = tmp_path / "x.bin"
    f.write_bytes(b"\x00\x01\x02")
    assert main(["check", str(f)]) == 1
    err = capsys.readouterr().err
    assert "x.bin: not a journal export" in err and "Tried dayone" in err


def test_sample_and_template_write(tmp_path, capsys):
    assert main(["sample", str(tmp_path / "s")]) == 0
    assert (tmp_path / "s" / "urges.csv").exists()
    assert main(["template", str(tmp_path / "t.csv")]) == 0
    assert (tmp_path / "t.csv").read_text().startswith("timestamp,kind")
    assert main(["template", str(tmp_path / "t.csv")]) == 1  # never overwrites


def test_formats_lists_all(capsys):
    assert main(["formats"]) == 0
    out = capsys.readouterr().out
    for name in ("dayone", "jrnl", "daylio", "markdown", "table", "urgelog", "loop"):
        assert name in out


def test_new_entry_command(tmp_path, capsys):
    assert main(["new-entry", "--prompts", "boundaries", str(tmp_path)]) == 0
    path = capsys.readouterr().out.strip()
    text = Path(path).read_text()
    assert path.endswith(".md") and "## Will what I am about to do help me heal" in text
    with pytest.raises(SystemExit) as info:
        main(["new-entry", "--prompts", "nope", str(tmp_path)])
    assert info.value.code == 2
