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


# --- issue 11: the command line reaches what Python can; wrong input never "succeeds" ---


def test_reader_options_reach_the_readers(sample_dir, capsys):
    # the Loop sample has a habit no alias maps: --habits brings it in, as habits= does
    assert main(["check", str(sample_dir / "loop.zip"), "--json"]) == 0
    before = json.loads(capsys.readouterr().out)
    args = ["check", str(sample_dir / "loop.zip"), "--json", "--habits", "Stretch=other"]
    assert main(args) == 0
    after = json.loads(capsys.readouterr().out)
    assert after["loaded"] > before["loaded"]
    assert not any("Stretch" in n for n in after["notes"])


def test_check_suggests_the_flag_not_the_python_keyword(sample_dir, capsys):
    assert main(["check", str(sample_dir / "loop.zip")]) == 0
    out = capsys.readouterr().out
    assert "pass --habits Stretch=other to include it" in out
    assert "habits={" not in out and "tz='" not in out


def test_columns_map_a_table_of_ones_own(tmp_path, capsys):
    f = tmp_path / "log.csv"
    f.write_text("Moment,Urge,Level,Gave in\n2025-03-03 21:00,texted him,3,no\n")
    assert main(["check", str(f), "--format", "urgelog"]) == 1  # no timestamp/kind column
    err = capsys.readouterr().err
    assert 'map yours with --columns "Your name=timestamp"' in err and "columns={" not in err
    argv = ["check", str(f), "--format", "urgelog", "--json", "--columns", "Moment=timestamp"]
    argv += ["--columns", "Urge=kind", "--columns", "Level=intensity"]
    argv += ["--columns", "Gave in=acted"]
    assert main(argv) == 0
    assert json.loads(capsys.readouterr().out)["loaded"] == 1


def test_check_people_counts_the_entries_that_name_them(tmp_path, capsys):
    f = tmp_path / "journal.txt"
    f.write_text(
        "[2025-03-03 21:00] Monday\nAlex called and I did not answer.\n\n"
        "[2025-03-04 21:00] Tuesday\nFound alex's jacket in the hall.\n\n"
        "[2025-03-05 21:00] Wednesday\nAlexandra from work made me laugh.\n"
    )
    assert main(["check", str(f), "--people", "Alex", "--people", "Sam"]) == 0
    out = capsys.readouterr().out
    assert "'Alex' is named in 2 of 3 entries" in out  # not Alexandra
    assert "'Sam' is named in 0 of 3 entries" in out
    assert main(["check", str(f), "--people", "Alex", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["people"] == {"Alex": 2}


def test_an_option_no_export_takes_is_named(sample_dir, capsys):
    assert main(["check", str(sample_dir / "urges.csv"), "--moods", "meh=3"]) == 0
    err = capsys.readouterr().err
    assert "--moods was not used: it applies to daylio or markdown exports" in err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--habits", "No contact"], "--habits 'No contact' is not NAME=VALUE"),
        (["--habits", "No contact=nope"], "'nope' is not an urge kind"),
        (["--kinds", "checked his page=check_socal"], "Did you mean check_social?"),
        (["--moods", "meh=x"], "the score 'x' is not a number"),
        (["--timeformat", "YYYY-MM-DD"], "has no % field"),
        (["--format", "dayon"], "Did you mean dayone?"),
        (["--tz", "Mars/Olympus"], "--tz 'Mars/Olympus' is not a time zone"),
    ],
)
def test_reader_options_are_checked_before_reading(sample_dir, argv, message, capsys):
    assert main(["check", str(sample_dir / "urges.csv"), *argv]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_review_passes_reader_options_on(sample_dir, tmp_path, monkeypatch, capsys):
    """--habits reaches the review notebook's load_exports (no kernel: the call is caught)."""
    import reflection_kit.review.render as render

    seen = {}

    def fake(notebook, parameters, *, title, prepare=None, warm_up=""):
        seen.update(parameters)
        return "<html></html>"

    monkeypatch.setattr(render, "render_notebook", fake)
    argv = ["review", "--urges", str(sample_dir / "loop.zip"), "-o", str(tmp_path / "r.html")]
    assert main([*argv, "--habits", "Stretch=other", "--moods", "meh=3"]) == 0
    assert seen["read_options"] == {"habits": {"Stretch": "other"}, "moods": {"meh": 3}}
    # and the notebook hands them to load_exports, which gives each export what it takes
    nb = json.loads(render.review_notebook().read_text())
    code = "".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")
    assert "read_options = {}" in code and "options=read_options" in code
    import reflection_kit as rk

    ex = rk.load_exports(
        [sample_dir / "journal.txt"],
        [sample_dir / "loop.zip"],
        options=seen["read_options"],
        quiet=True,
    )
    plain = rk.load_exports([], [sample_dir / "loop.zip"], quiet=True)
    assert ex.failures == [] and len(ex.urges) > len(plain.urges)


@pytest.mark.parametrize(
    ("flag", "name", "looks"),
    [
        ("--urges", "dayone.zip", "this looks like a Day One journal (format dayone)"),
        ("--urges", "journal.csv", "this looks like a journal table (format table)"),
        ("--journal", "urges.csv", "this looks like an urge log (format urgelog)"),
        ("--journal", "loop.zip", "this looks like a Loop Habit Tracker export"),
    ],
)
def test_review_of_the_wrong_kind_stops_and_writes_nothing(
    sample_dir, tmp_path, flag, name, looks, capsys
):
    out = tmp_path / "review.html"
    assert main(["review", flag, str(sample_dir / name), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    right = "--journal" if flag == "--urges" else "--urges"
    assert f"{flag} {sample_dir / name}: {looks}" in err
    assert "Suggestion: pass it as" in err and f"({right})" in err
    assert "in Python" not in err and "nothing was written" in err
    assert not out.exists()


def test_review_of_an_export_with_nothing_to_load_stops(tmp_path, capsys):
    empty = tmp_path / "urges.csv"
    empty.write_text("timestamp,kind,intensity,acted\n")
    bad = tmp_path / "bad.csv"
    bad.write_text("timestamp,kind,intensity,acted\n2025-03-03 21:00,texted him,14,yes\n")
    out = tmp_path / "review.html"
    assert main(["review", "--urges", str(empty), "--urges", str(bad), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert f"--urges {empty}: no urges were found in it" in err
    assert f"--urges {bad}: none of its 1 record(s) could be loaded (first: bad.csv line 2" in err
    assert "reflection-kit check" in err and not out.exists()


def test_an_empty_clients_folder_is_an_error(tmp_path, capsys):
    (tmp_path / "clients").mkdir()
    (tmp_path / "clients" / "notes.txt").write_text("not a client folder")
    out = tmp_path / "reviews"
    assert main(["review", "--clients", str(tmp_path / "clients"), "-o", str(out)]) == 1
    assert f"no client folders in {tmp_path / 'clients'}" in capsys.readouterr().err
    assert not out.exists()


def test_a_misspelled_command_or_option_gets_a_suggestion(capsys):
    with pytest.raises(SystemExit) as info:
        main(["chek", "x.csv"])
    assert info.value.code == 2
    assert "Did you mean 'check'?" in capsys.readouterr().err
    with pytest.raises(SystemExit) as info:
        main(["check", "x.csv", "--jsn"])
    assert info.value.code == 2
    assert "Did you mean --json?" in capsys.readouterr().err


# --- issue 12: every argument checked before work; no traceback ever ---


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--start", "notadate"], "--start 'notadate' is not a date"),
        (["--start", "2025-13-45"], "--start '2025-13-45' is not a day on the calendar"),
        (["--end", "2025-02-30"], "is not a day on the calendar (day is out of range"),
        # compared as dates, not strings ("2025-06-10" < "2025-6-9" as text)
        (["--start", "2025-06-10", "--end", "2025-6-9"], "--start 2025-06-10 is after --end"),
        (["--tz", "Mars/Olympus"], "--tz 'Mars/Olympus' is not a time zone"),
        (["--tz", "Europe/Berln"], "Did you mean Europe/Berlin"),
        (["-o", "/proc/x.html"], "-o /proc/x.html: cannot write in the folder /proc"),
        (["-o", "{tmp}/no/such/r.html"], "the folder {tmp}/no/such does not exist"),
    ],
)
def test_review_arguments_are_checked_first(
    sample_dir, tmp_path, argv, message, capsys, monkeypatch
):
    import reflection_kit.reading as reading

    argv = [a.format(tmp=tmp_path) for a in argv]
    message = message.format(tmp=tmp_path)

    def never(*a, **k):  # nothing may be read before the arguments are checked
        raise AssertionError("an export was read before the arguments were checked")

    monkeypatch.setattr(reading, "_inspect", never, raising=False)
    code = main(["review", "--urges", str(sample_dir / "urges.csv"), *argv])
    err = capsys.readouterr().err
    assert code == 2, err
    assert message in err and "Traceback" not in err


def test_review_output_that_is_a_folder_is_refused_even_with_force(sample_dir, tmp_path, capsys):
    argv = ["review", "--sample", "-o", str(tmp_path), "--force"]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert f"-o {tmp_path} is a folder" in err and "review.html" in err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--end", "1999-01-01"], "--end 1999-01-01 is before the first day with data"),
        (["--start", "2030-01-01"], "--start 2030-01-01 is after the last day with data"),
    ],
)
def test_a_period_outside_the_data_says_so(sample_dir, tmp_path, argv, message, capsys):
    out = tmp_path / "r.html"
    assert main(["review", "--urges", str(sample_dir / "urges.csv"), "-o", str(out), *argv]) == 1
    err = capsys.readouterr().err
    assert message in err and "2025-03-03" in err and not out.exists()


def test_review_never_writes_over_an_input(sample_dir, tmp_path, capsys):
    log = tmp_path / "urges.csv"
    log.write_bytes((sample_dir / "urges.csv").read_bytes())
    argv = ["review", "--urges", str(log), "-o", str(tmp_path / "." / "urges.csv"), "--force"]
    assert main(argv) == 2
    assert "is one of the inputs" in capsys.readouterr().err
    assert log.read_bytes() == (sample_dir / "urges.csv").read_bytes()


@pytest.mark.parametrize(
    "argv",
    [
        ["template", "/proc/x.csv"],
        ["sample", "/proc/rk-sample"],
        ["new-entry", "/proc/rk-notes"],
        ["review", "--sample", "-o", "/proc/x.html"],
    ],
)
def test_an_unwritable_output_is_a_message_not_a_traceback(argv, capsys):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "cannot write in the folder /proc" in err and "Traceback" not in err


def test_an_unusable_clients_output_is_refused_before_any_review(tmp_path, capsys):
    (tmp_path / "clients" / "ana").mkdir(parents=True)
    (tmp_path / "clients" / "ana" / "urges.csv").write_text("timestamp,kind\n")
    (tmp_path / "taken").write_text("a file, not a folder")
    argv = ["review", "--clients", str(tmp_path / "clients"), "-o"]
    assert main([*argv, "/proc/rk-reviews"]) == 2
    assert "cannot write in the folder /proc" in capsys.readouterr().err
    assert main([*argv, str(tmp_path / "taken")]) == 2
    assert f"-o {tmp_path / 'taken'} is a file, not a folder" in capsys.readouterr().err
    assert main(["review", "--clients", str(tmp_path / "clients" / "ana" / "urges.csv")]) == 2
    assert "is not a folder (of one subfolder per client)" in capsys.readouterr().err


def test_an_unexpected_error_is_one_paragraph(monkeypatch, capsys):
    import reflection_kit.cli as cli

    def boom(args):
        raise RuntimeError("boom")

    monkeypatch.setattr(cli, "_cmd_formats", boom)
    assert main(["formats"]) == 1
    err = capsys.readouterr().err
    assert "something unexpected went wrong (RuntimeError: boom)" in err
    assert "--debug" in err and "Traceback" not in err
    assert main(["--debug", "formats"]) == 1
    assert "Traceback" in capsys.readouterr().err


def test_ctrl_c_in_a_command_exits_130(monkeypatch, capsys):
    import reflection_kit.cli as cli

    def interrupted(args):
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "_cmd_formats", interrupted)
    assert main(["formats"]) == 130
    err = capsys.readouterr().err
    assert err.strip() == "reflection-kit: stopped (Ctrl-C)."


def test_formats_line_up_however_long_the_longest_name(capsys):
    import reflection_kit as rk

    assert main(["formats"]) == 0
    lines = capsys.readouterr().out.splitlines()
    heads = lines[0::2]
    names = list(rk.formats()["name"])
    assert len(heads) == len(names)
    # the kind column starts at the same place on every row, after the longest name
    starts = {
        line.index(" journal ") if " journal " in line else line.index(" urges ") for line in heads
    }
    assert starts == {max(map(len, names))}
