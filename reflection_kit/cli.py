"""The ``reflection-kit`` command.

Exit codes: 0 on success, 1 on a data problem (with a clear message), 2 on bad usage.
"""

from __future__ import annotations

import argparse
import json
import sys
import warnings
from collections.abc import Sequence
from pathlib import Path

from ._version import __version__
from .errors import ReflectionKitError
from .load_report import LoadReport

__all__ = ["main"]


def _add_check(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "check",
        help="read an export and report what was loaded and every problem",
        description=(
            "Read a journal or urge export and print what was found, what was loaded and "
            "every record that could not be loaded, with its location and the reason. "
            "Source files are never modified."
        ),
    )
    p.add_argument("paths", nargs="*", metavar="PATH", help="a file, a folder or a zip")
    p.add_argument("--sample", action="store_true", help="check every bundled sample export")
    p.add_argument("--format", dest="fmt", metavar="F", help="format name (see `formats`)")
    p.add_argument("--kind", choices=("journal", "urges"), help="which kind of export")
    p.add_argument("--tz", metavar="ZONE", help="IANA zone for times without one")
    p.add_argument("--json", action="store_true", help="print one JSON object per path")
    p.set_defaults(func=_cmd_check, parser=p)


def _cmd_check(args: argparse.Namespace) -> int:
    from .reading import inspect

    paths: list[Path] = [Path(p) for p in args.paths]
    if args.sample:
        from .sample import sample_dir

        root = sample_dir()
        paths += sorted(p for p in root.iterdir() if not p.name.startswith("."))
    if not paths:
        raise _Usage("check needs a PATH or --sample")
    for path in paths:
        if not path.exists():
            raise _Usage(f"no such file or folder: {path}")
    reports: list[LoadReport] = []
    for path in paths:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reports.append(inspect(path, format=args.fmt, tz=args.tz, kind=args.kind))
    if args.json:
        objs = [r.to_dict() for r in reports]
        print(json.dumps(objs[0] if len(objs) == 1 else objs, indent=2, ensure_ascii=False))
    else:
        for r in reports:
            print(r.summary())
        total = sum(r.records for r in reports)
        bad = sum(len(r.problems) for r in reports)
        print(
            f"\n{len(reports)} export(s), {total} record(s) found, {total - bad} loaded, "
            f"{bad} not loaded."
        )
    return 1 if any(len(r.problems) for r in reports) else 0


def _add_sample(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "sample",
        help="write the synthetic sample exports",
        description="Write the fixed-seed synthetic sample exports (every format) into DIR.",
    )
    p.add_argument("dir", nargs="?", default="reflection-kit-sample", metavar="DIR")
    p.set_defaults(func=_cmd_sample, parser=p)


def _cmd_sample(args: argparse.Namespace) -> int:
    from .sample import write_sample

    written = write_sample(args.dir)
    for name, path in written.items():
        print(f"{name:12} {path}")
    return 0


def _add_template(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "template",
        help="write an empty urge-log template to fill in a spreadsheet",
        description="Write the reflection-kit urge-log template (CSV) to PATH.",
    )
    p.add_argument("path", nargs="?", default="urge-log.csv", metavar="PATH")
    p.set_defaults(func=_cmd_template, parser=p)


def _cmd_template(args: argparse.Namespace) -> int:
    from .sources.urgelog import write_urge_log_template

    print(write_urge_log_template(args.path))
    return 0


def _add_review(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "review",
        help="the coach's progress review: a private, self-contained HTML file",
        description=(
            "Turn a client's journal and urge exports into a readable progress review: one "
            "self-contained HTML file, readable by you only (mode 0600), that loads nothing "
            "from the network. It shows only what is in the data and is not a diagnosis."
        ),
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
        "ex-mentions measure and by --redact",
    )
    p.add_argument("--tz", metavar="ZONE", help="IANA zone for exports whose times carry none")
    privacy = p.add_mutually_exclusive_group()
    privacy.add_argument(
        "--redact",
        action="store_true",
        help="hide names, e-mail addresses, phone numbers and URLs in quotes",
    )
    privacy.add_argument(
        "--aggregate-only", action="store_true", help="quote no journal text at all"
    )
    p.add_argument("--force", action="store_true", help="replace an existing file")
    p.set_defaults(func=_cmd_review, parser=p)


def _cmd_review(args: argparse.Namespace) -> int:
    from .review import render_review, review_clients

    privacy = "redact" if args.redact else ("aggregate" if args.aggregate_only else "full")
    for path in [*args.journal, *args.urges, *([args.clients] if args.clients else [])]:
        if not Path(path).exists():
            raise _Usage(f"no such file or folder: {path}")
    if args.start and args.end and args.start > args.end:
        raise _Usage(f"--start {args.start} is after --end {args.end}")
    common = dict(privacy=privacy, people=args.people, tz=args.tz, start=args.start, end=args.end)
    if args.clients:
        if args.journal or args.urges or args.sample:
            raise _Usage("--clients cannot be combined with --journal, --urges or --sample")
        results = review_clients(
            args.clients, args.output or "reviews", force=args.force, **common
        )
        for r in results:
            print(f"{r.client}: {'written to ' + str(r.path) if r.ok else r.reason}")
        ok = sum(r.ok for r in results)
        print(
            f"{ok} of {len(results)} review(s) written; index: "
            f"{Path(args.output or 'reviews') / 'index.html'}"
        )
        return 0 if ok == len(results) else 1
    journal, urges = list(args.journal), list(args.urges)
    client = args.client
    if args.sample:
        from .sample import sample_dir

        root = sample_dir()
        # the sample vault holds every entry and the answered prompts (the same story
        # is in dayone.zip too: reading both would count each entry twice)
        journal += [str(root / "notes")]
        urges += [str(root / "urges.csv")]
        client = client or "Sample (fictional)"
        common["people"] = common["people"] or ["Alex"]
    if not journal and not urges:
        raise _Usage("review needs --journal, --urges, --sample or --clients")
    result = render_review(
        args.output or "review.html",
        journal=journal,
        urges=urges,
        client=client,
        force=args.force,
        **common,
    )
    print(f"Review written to {result.path} (readable by you only) in {result.seconds:.1f} s.")
    return 0


def _add_new_entry(sub: argparse._SubParsersAction) -> None:
    from .prompt_sets import prompts

    p = sub.add_parser(
        "new-entry",
        help="write today's Markdown daily note with reflection prompts as headings",
        description=(
            "Write today's dated Markdown note in DIR (an Obsidian vault or a notes folder) with "
            "a set of reflection prompts as headings. If today's note exists, the prompts are "
            "added at its end; nothing you wrote is changed."
        ),
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
    from .prompt_sets import new_entry

    print(new_entry(args.dir, prompts_set=args.prompts))
    return 0


def _add_formats(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "formats",
        help="list the export formats reflection-kit reads",
        description="List the export formats reflection-kit reads, and how to export each.",
    )
    p.set_defaults(func=_cmd_formats, parser=p)


def _cmd_formats(args: argparse.Namespace) -> int:
    from .reading import formats

    for row in formats().itertuples(index=False):
        print(f"{row.name:12} {row.kind:8} {row.description}\n{'':22}{row.how_to_export}")
    return 0


class _Usage(Exception):
    pass


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (exposed for documentation and tests)."""
    parser = argparse.ArgumentParser(
        prog="reflection-kit",
        description=(
            "Read journal and urge-log exports, check them, and see progress over time. "
            "Everything stays on this computer."
        ),
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for add in (_add_check, _add_review, _add_sample, _add_template, _add_new_entry, _add_formats):
        add(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args))
    except _Usage as exc:
        sub = getattr(args, "parser", parser)
        print(sub.format_usage().rstrip(), file=sys.stderr)
        print(f"{sub.prog}: error: {exc}", file=sys.stderr)
        return 2
    except (ReflectionKitError, FileExistsError) as exc:
        print(f"reflection-kit: {exc}", file=sys.stderr)
        return 1
    except (TypeError, ValueError) as exc:
        print(f"reflection-kit: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
