"""The ``reflection-kit`` command.

Exit codes: 0 on success; 1 when data could not be read or loaded (with a clear
message), or an output already exists; 2 on bad usage (an unknown command or
option, a bad date, zone or output place, a missing input); 130 when stopped
with Ctrl-C. Every argument is checked before work starts, and no traceback
reaches the terminal (``--debug`` or ``REFLECTION_KIT_DEBUG=1`` shows it).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import sys
import traceback
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ._cli_args import (
    Usage,
    check_output_dir,
    check_output_file,
    check_zone,
    parse_day,
    printable_path,
    reader_options,
    same_file,
)
from ._cli_reading import (
    add_person_options,
    add_reader_options,
    check_format,
    check_inputs,
    check_period,
    people_mentions,
    person_options,
    preflight,
    read_failure,
    unused_options,
)
from ._cli_run import DEBUG_ENV, Interrupt, Parser, interrupted, message, safe_streams
from ._terminal import cli_words, json_printable, printable
from ._version import __version__
from .errors import ReflectionKitError
from .load_report import LoadReport
from .prompt_sets import _write_note, prompts
from .reading import _inspect, formats
from .sample import SAMPLE_DOWNLOADS, SAMPLE_PERSON, sample_dir, write_sample

__all__ = ["build_parser", "main"]

_Usage = Usage  # the name older code imported

_EXIT_CODES = (
    "Exit codes: 0 done; 1 an export could not be read or loaded, or the output exists; "
    "2 bad usage; 130 stopped with Ctrl-C."
)


def _out(text: str = "") -> None:
    """Print to standard output with control characters escaped."""
    print(printable(text))


def _err(text: str) -> None:
    """Print a message to standard error in command-line words, escaped."""
    print(printable(cli_words(text)), file=sys.stderr)


# check -------------------------------------------------------------------------------------


def _add_check(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "check",
        help="read an export and report what was loaded and every problem",
        description=(
            "Read a journal or urge export and print what was found, what was loaded and "
            "every record that could not be loaded, with its location and the reason. "
            "Source files are never modified."
        ),
        epilog=_EXIT_CODES,
    )
    p.add_argument("paths", nargs="*", metavar="PATH", help="a file, a folder or a zip")
    p.add_argument("--sample", action="store_true", help="check every bundled sample export")
    p.add_argument("--format", dest="fmt", metavar="F", help="format name (see `formats`)")
    p.add_argument("--kind", choices=("journal", "urges"), help="which kind of export")
    p.add_argument("--tz", metavar="ZONE", help="IANA zone for times without one")
    p.add_argument("--json", action="store_true", help="print one JSON object per path")
    p.add_argument(
        "--people",
        action="append",
        default=[],
        metavar="NAME",
        help="a name or alias of the person being let go (repeat): counts the journal "
        "entries that name each, as the review's ex-mentions measure will",
    )
    add_reader_options(p)
    add_person_options(p)
    p.set_defaults(func=_cmd_check, parser=p)


def _cmd_check(args: argparse.Namespace) -> int:
    paths: list[str] = list(args.paths)
    person = list(args.person)
    if args.sample:
        root = sample_dir()
        paths += [
            str(p)
            for p in sorted(root.iterdir())
            if not p.name.startswith(".") and p.name != "downloads"
        ]
        paths += [str(root / p) for p in SAMPLE_DOWNLOADS]  # each download, read as evidence
        person = person or list(SAMPLE_PERSON)
    if not paths:
        raise Usage("check needs a PATH or --sample")
    check_inputs(paths)
    check_zone(args.tz)
    check_format(args.fmt, args.kind)
    options = reader_options(args)
    options.update(person_options(person, args.me))
    reports: list[LoadReport] = []
    failures: list[tuple[str, str]] = []
    for path in paths:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                reports.append(
                    _inspect(
                        path,
                        format=args.fmt,
                        tz=args.tz,
                        kind=args.kind,
                        options=options,
                        lenient=True,
                    )
                )
        except (ReflectionKitError, OSError, ValueError, TypeError) as exc:
            failures.append((path, read_failure(path, exc)))
    notes = unused_options(options, reports) if reports else []
    if args.json:
        objs: list[dict[str, Any]] = [r.to_dict() for r in reports]
        if args.people:
            for obj, r in zip(objs, reports, strict=True):
                obj["people"] = people_mentions(r, args.people)
        objs += [{"path": printable_path(p), "error": cli_words(msg)} for p, msg in failures]
        text = json.dumps(objs[0] if len(objs) == 1 else objs, indent=2, ensure_ascii=False)
        print(json_printable(text))
    else:
        for r in reports:
            _out(cli_words(r.summary()))
            for name, n in people_mentions(r, args.people).items():
                _out(f"  people:   {name!r} is named in {n} of {r.loaded} entries")
        total = sum(r.records for r in reports)
        bad = sum(len(r.problems) for r in reports)
        unread = f" ({len(failures)} more could not be read)" if failures else ""
        _out(
            f"\n{len(reports)} export(s){unread}, {total} record(s) found, {total - bad} loaded, "
            f"{bad} not loaded."
        )
    for note in notes:
        _err(f"reflection-kit check: {note}")
    for _, msg in failures:
        _err(f"reflection-kit: {msg}")
    return 1 if failures or any(len(r.problems) for r in reports) else 0


# review ------------------------------------------------------------------------------------


def _add_review(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "review",
        help="the coach's progress review: a private, self-contained HTML file",
        description=(
            "Turn a client's journal and urge exports into a readable progress review: one "
            "self-contained HTML file, readable by you only (mode 0600), that loads nothing "
            "from the network. It shows only what is in the data and is not a diagnosis. "
            "Every export given must be readable: a file passed as the wrong kind (a journal "
            "as --urges) or holding nothing to load stops the review, and nothing is written."
        ),
        epilog=_EXIT_CODES,
    )
    p.add_argument(
        "--journal",
        action="append",
        default=[],
        metavar="P",
        help="a journal export (repeat for several)",
    )
    p.add_argument(
        "--urges",
        action="append",
        default=[],
        metavar="P",
        help="an urge log or check-in export (repeat for several)",
    )
    p.add_argument(
        "--evidence",
        action="append",
        default=[],
        metavar="P",
        help="a platform download (a WhatsApp chat, Telegram result.json, a Meta or Google "
        "download) to compare with the urge log, day by day (repeat for several; needs "
        "--person or --people)",
    )
    p.add_argument("--sample", action="store_true", help="review the bundled sample")
    p.add_argument(
        "--clients",
        metavar="DIR",
        help="one subfolder per client: writes one review each plus index.html",
    )
    p.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        help="the HTML file (default review.html), or the folder with --clients (default reviews)",
    )
    p.add_argument("--client", default="", metavar="LABEL", help="a label for the title")
    p.add_argument("--start", metavar="YYYY-MM-DD", help="first day of the review period")
    p.add_argument("--end", metavar="YYYY-MM-DD", help="last day of the review period")
    p.add_argument(
        "--people",
        action="append",
        default=[],
        metavar="NAME",
        help="a name or alias of the person being let go (repeat); used for the "
        "ex-mentions measure, by --redact, and to find them in the --evidence downloads "
        "when --person is not given",
    )
    p.add_argument("--tz", metavar="ZONE", help="IANA zone for exports whose times carry none")
    privacy = p.add_mutually_exclusive_group()
    privacy.add_argument(
        "--redact",
        action="store_true",
        help="hide the --people names (and surnames), handles, links, e-mail addresses and "
        "phone numbers everywhere on the page; files are named 'file 1 (csv)'...",
    )
    privacy.add_argument(
        "--aggregate-only",
        action="store_true",
        help="show no text the person typed at all (no quotes, triggers, file names)",
    )
    p.add_argument(
        "--redact-all-names",
        action="store_true",
        help="--redact, and hide every capitalised name too, not only --people",
    )
    p.add_argument(
        "--keep-name",
        action="append",
        default=[],
        metavar="NAME",
        help="a name --redact-all-names never hides: the writer's own (repeat)",
    )
    p.add_argument("--force", action="store_true", help="replace an existing file")
    p.add_argument(
        "--pdf",
        action="store_true",
        help="also print the review to an A4 PDF beside the HTML (review.pdf), through the "
        "Chromium browser installed here, offline",
    )
    p.add_argument(
        "--jobs",
        type=int,
        metavar="N",
        help="with --clients: how many reviews are made at once (default: all cores)",
    )
    add_reader_options(p)
    add_person_options(p)
    p.set_defaults(func=_cmd_review, parser=p)


def _cmd_review(args: argparse.Namespace) -> int:
    redact = args.redact or args.redact_all_names
    privacy = "aggregate" if args.aggregate_only else ("redact" if redact else "full")
    check_inputs(args.journal, "--journal")
    check_inputs(args.urges, "--urges")
    check_inputs(args.evidence, "--evidence")
    check_zone(args.tz)
    start, end = parse_day(args.start, "--start"), parse_day(args.end, "--end")
    if start and end and start > end:
        raise Usage(f"--start {start} is after --end {end}")
    options = reader_options(args)
    common: dict[str, Any] = dict(
        privacy=privacy,
        people=args.people,
        tz=args.tz,
        start=start.isoformat() if start else None,
        end=end.isoformat() if end else None,
    )
    if options:
        common["options"] = options
    if args.redact_all_names:
        common.update(all_names=True, keep=list(args.keep_name))
    if args.pdf:
        common["pdf"] = True
    if args.jobs is not None and args.jobs < 1:
        raise Usage(f"--jobs {args.jobs}: give 1 or more reviews at once (default: all cores)")
    if args.clients:
        if args.journal or args.urges or args.sample or args.evidence:
            raise Usage(
                "--clients cannot be combined with --journal, --urges, --evidence or --sample"
            )
        return _review_clients(args, common)
    journal, urges, evidence = list(args.journal), list(args.urges), list(args.evidence)
    person = list(args.person)
    client = args.client
    if args.sample:
        root = sample_dir()
        # the sample vault holds every entry and the answered prompts (the same story
        # is in dayone.zip too: reading both would count each entry twice)
        journal += [str(root / "notes")]
        urges += [str(root / "urges.csv")]
        evidence += [str(root / p) for p in SAMPLE_DOWNLOADS]
        person = person or list(SAMPLE_PERSON)
        client = client or "Sample (fictional)"
        common["people"] = common["people"] or ["Alex"]
    if not journal and not urges:
        raise Usage("review needs --journal, --urges, --sample or --clients")
    evidence_options = {**options, **person_options(person or common["people"], args.me)}
    out = check_output_file(args.output or "review.html", "-o", force=args.force)
    for p in [*journal, *urges, *evidence]:
        if same_file(out, Path(p)):
            raise Usage(
                f"-o {printable_path(str(out))} is one of the inputs; a review never replaces "
                "an export. Suggestion: choose another output name."
            )
    inputs = [(p, "journal", "--journal") for p in journal]
    inputs += [(p, "urges", "--urges") for p in urges]
    failures, reports = preflight(inputs, tz=args.tz, options=options)
    if evidence:  # read like the other exports, with whose events they are
        more, _ = preflight(
            [(p, "urges", "--evidence") for p in evidence], tz=args.tz, options=evidence_options
        )
        failures += more
    if not failures:
        period = check_period(reports, start, end)
        failures += [period] if period else []
    if failures:
        for msg in failures:
            _err(f"reflection-kit review: {msg}")
        _err("reflection-kit review: nothing was written.")
        return 1
    # deferred: the review package (~1 s: notebook and kernel machinery) loads only for `review`
    from .review import render_review

    if evidence:
        common.update(evidence=evidence, person=person, me=list(args.me))
    result = render_review(
        out, journal=journal, urges=urges, client=client, force=args.force, **common
    )
    _out(
        f"Review written to {printable_path(str(result.path))} (readable by you only) in "
        f"{result.seconds:.1f} s."
    )
    if result.pdf is not None:
        _out(f"PDF written to {printable_path(str(result.pdf))} (readable by you only).")
    return 0


def _review_clients(args: argparse.Namespace, common: dict[str, Any]) -> int:
    # deferred: the review package (~1 s: notebook and kernel machinery) loads only for `review`
    from .review import review_clients

    root = Path(args.clients)
    shown = printable_path(args.clients)
    if not root.is_dir():
        raise Usage(f"--clients {shown} is not a folder (of one subfolder per client).")
    try:
        folders = [p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")]
    except OSError as exc:
        raise Usage(f"--clients {shown}: cannot be read ({exc.strerror}).") from None
    if not folders:
        _err(
            f"reflection-kit review: no client folders in {shown}. Suggestion: put one "
            "subfolder per client in it, each holding that client's exports."
        )
        return 1
    out = check_output_dir(args.output or "reviews", "-o")
    results = review_clients(args.clients, out, force=args.force, jobs=args.jobs, **common)
    for r in results:
        status = f"written to {printable_path(str(r.path))}" if r.ok else cli_words(r.reason)
        _out(f"{r.client}: {status}")
    ok = sum(r.ok for r in results)
    _out(f"{ok} of {len(results)} review(s) written; index: {printable_path(str(out))}/index.html")
    if not results:
        _err(f"reflection-kit review: no client folders in {shown}.")
        return 1
    return 0 if ok == len(results) else 1


# sample, template, new-entry, formats ------------------------------------------------------


def _add_sample(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "sample",
        help="write the synthetic sample exports",
        description="Write the fixed-seed synthetic sample exports (every format) into DIR.",
        epilog=_EXIT_CODES,
    )
    p.add_argument("dir", nargs="?", default="reflection-kit-sample", metavar="DIR")
    p.set_defaults(func=_cmd_sample, parser=p)


def _cmd_sample(args: argparse.Namespace) -> int:
    check_output_dir(args.dir, "DIR")
    written = write_sample(args.dir)
    for name, path in written.items():
        _out(f"{name:12} {printable_path(str(path))}")
    # the platform downloads (evidence: review --evidence ... --person "Alex Winter")
    _out(f"{'downloads':12} {printable_path(str(Path(args.dir).expanduser() / 'downloads'))}")
    return 0


def _add_template(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "template",
        help="write an empty urge log (the header row) to fill in a spreadsheet",
        description=(
            "Write an empty reflection-kit urge log (CSV) to PATH: the header row only, so it "
            "loads as 0 urges until you add your own rows. With --example, write three made-up "
            "urges to copy from instead (they load as real urges: keep them out of your own log)."
        ),
        epilog=_EXIT_CODES,
    )
    p.add_argument(
        "path",
        nargs="?",
        default=None,
        metavar="PATH",
        help="the file to write (default: urge-log.csv, or urge-log-example.csv with --example)",
    )
    p.add_argument(
        "--example",
        action="store_true",
        help="write the header and three made-up example urges instead of an empty log",
    )
    p.set_defaults(func=_cmd_template, parser=p)


def _cmd_template(args: argparse.Namespace) -> int:
    # deferred: the urge-log writer loads its reader (~20 ms); only `template` needs it
    from ._urge_template import EXAMPLE_ROWS, write_urge_log_example, write_urge_log_template

    path = args.path or ("urge-log-example.csv" if args.example else "urge-log.csv")
    if Path(path).expanduser().is_file():
        raise FileExistsError(
            f"{printable_path(path)} already exists; nothing was written (the template never "
            "overwrites a file). Suggestion: choose another name."
        )
    check_output_file(path, "PATH", force=False)
    if args.example:
        _out(printable_path(str(write_urge_log_example(path))))
        _err(
            f"An example urge log: the header and {EXAMPLE_ROWS} made-up urges to copy from. "
            "They load as real urges, so start your own log with `reflection-kit template`."
        )
    else:
        _out(printable_path(str(write_urge_log_template(path))))
        _err(
            "An empty urge log: the header row only (0 urges). Add one row per urge; "
            "`reflection-kit template --example` writes three made-up rows to copy from."
        )
    return 0


def _add_new_entry(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "new-entry",
        help="write today's Markdown daily note with reflection prompts as headings",
        description=(
            "Write today's dated Markdown note in DIR (an Obsidian vault or a notes folder) with "
            "a set of reflection prompts as headings. If today's note exists, only the prompts "
            "it does not hold yet are added at its end (running it twice adds nothing); "
            "nothing you wrote is changed. The note's path goes to standard output, what was "
            "added to standard error."
        ),
        epilog=_EXIT_CODES,
    )
    p.add_argument("dir", metavar="DIR")
    p.add_argument(
        "--prompts",
        default="closure_letter",
        choices=list(prompts),
        metavar="SET",
        help=f"prompt set: {', '.join(prompts)} (default: closure_letter)",
    )
    p.set_defaults(func=_cmd_new_entry, parser=p)


def _cmd_new_entry(args: argparse.Namespace) -> int:
    check_output_dir(args.dir, "DIR")
    done = _write_note(args.dir, args.prompts, None)
    _out(printable_path(str(done.path)))

    def count(n: int) -> str:
        return f"{n} {args.prompts} prompt" + ("" if n == 1 else "s")

    total, added, present = len(done.added) + len(done.present), done.added, done.present
    if done.created:
        _err(f"Started today's note with the {count(total)}.")
    elif not added:
        _err(f"Today's note already has the {count(total)}; nothing was added.")
    elif present:
        _err(
            f"Added the {count(len(added))} today's note did not have yet ({len(present)} "
            f"{'was' if len(present) == 1 else 'were'} already there); nothing you wrote changed."
        )
    else:
        _err(f"Added the {count(total)} at the end of today's note; nothing you wrote changed.")
    return 0


def _add_formats(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "formats",
        help="list the export formats reflection-kit reads",
        description="List the export formats reflection-kit reads, and how to export each.",
    )
    p.set_defaults(func=_cmd_formats, parser=p)


def _cmd_formats(args: argparse.Namespace) -> int:
    table = formats()
    width = int(table["name"].str.len().max())  # names line up, however long the longest
    for row in table.itertuples(index=False):
        _out(
            f"{row.name:{width}} {row.kind:8} {row.description}\n"
            f"{'':{width + 10}}{row.how_to_export}"
        )
    return 0


# the parser and main -----------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (exposed for documentation and tests)."""
    parser = Parser(
        prog="reflection-kit",
        description=(
            "Read journal and urge-log exports, check them, and see progress over time. "
            "Everything stays on this computer."
        ),
        epilog=_EXIT_CODES,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--debug",
        action="store_true",
        help=f"show the full traceback of an unexpected error (or set {DEBUG_ENV}=1)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for add in (_add_check, _add_review, _add_sample, _add_template, _add_new_entry, _add_formats):
        add(sub)
    Parser.known_options = {o for p in sub.choices.values() for o in p._option_string_actions}
    return parser


def _stopped() -> int:
    _err("\nreflection-kit: stopped (Ctrl-C).")
    return 130


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    safe_streams()
    debug = os.environ.get(DEBUG_ENV, "") not in ("", "0")
    with Interrupt() as interrupt:
        try:
            parser = build_parser()
            args = parser.parse_args(argv)
            debug = debug or args.debug
            if not getattr(args, "func", None):
                parser.print_help()
                return 2
            try:
                return int(args.func(args))
            except Usage as exc:
                sub = getattr(args, "parser", parser)
                print(sub.format_usage().rstrip(), file=sys.stderr)
                _err(f"{sub.prog}: error: {exc}")
                return 2
        except (KeyboardInterrupt, asyncio.CancelledError):
            # a Ctrl-C while the review's kernel runs reaches us as a cancelled task
            return _stopped()
        except BrokenPipeError:  # the reader of our output went away (`check ... | head`)
            with contextlib.suppress(OSError, ValueError):
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            return 1
        except Exception as exc:
            if interrupt.seen or interrupted(exc):
                return _stopped()
            if debug:
                traceback.print_exc()
            _err(message(exc))
            return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
