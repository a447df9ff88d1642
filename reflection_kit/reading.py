"""Reading exports: ``read_journal``, ``read_urges``, ``inspect`` and ``formats``."""

from __future__ import annotations

import os
import warnings
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from .errors import DataQualityWarning, UnknownFormatError
from .kinds import check_kinds
from .load_report import LoadReport
from .sources import all_sources, detect, get_source
from .sources._base import ReadContext
from .sources._finalize import drop_duplicates, finalize, sort_frame, valid_zone
from .sources._input import Input

__all__ = ["formats", "inspect", "merge_reports", "read_journal", "read_urges"]

PathLike = str | os.PathLike[str]
Paths = PathLike | Sequence[PathLike]
#: Times without a zone are kept as written and labelled with this zone.
DEFAULT_TZ = "UTC"
_COMMON_OPTIONS = {"max_unzipped_bytes"}
#: Options of the platform downloads that other formats of a batch of paths ignore.
_EVIDENCE_OPTIONS = {"person", "me", "groups", "dayfirst"}


def _tz_policy(tz: str | None, zoned: bool) -> str:
    if zoned:
        return "each record's own time zone, as stored in the export"
    if tz is None:
        return (
            f"times carry no zone: kept exactly as written (labelled {DEFAULT_TZ}, so days "
            "never move); pass tz='Area/City' to place them in your zone"
        )
    return f"times carry no zone: read as local time in {tz} (tz={tz!r})"


def _check_args(errors: str, tz: str | None) -> None:
    if errors not in ("raise", "warn"):
        raise ValueError(f"`errors` must be 'raise' or 'warn', got {errors!r}.")
    if tz is not None and not valid_zone(tz):
        raise ValueError(
            f"`tz` must be an IANA time zone such as 'Europe/Berlin', got {tz!r}. "
            "Suggestion: see zoneinfo.available_timezones()."
        )


def _load_one(
    path: PathLike,
    kind: str,
    *,
    format: str | None,
    tz: str | None,
    errors: str,
    kinds: Mapping[str, str] | None,
    columns: Mapping[str, str] | None,
    options: dict[str, Any],
    lenient: bool = False,
    batch: bool = False,
) -> LoadReport:
    inp = Input.open(path, max_unzipped_bytes=options.get("max_unzipped_bytes"))
    source = get_source(kind, format) if format is not None else detect(inp, kind)
    unknown = set(options) - set(source.options) - _COMMON_OPTIONS
    if unknown and batch and unknown <= _EVIDENCE_OPTIONS:
        # person=/me= given for the platform downloads of a batch that also holds a log
        options = {k: v for k, v in options.items() if k not in unknown}
    elif unknown and lenient:  # options meant for other formats of a batch
        options = {k: v for k, v in options.items() if k not in unknown}
    elif unknown:
        accepted = ", ".join(sorted(set(source.options) | _COMMON_OPTIONS))
        raise TypeError(
            f"the {source.name} reader does not take option(s) {sorted(unknown)}; "
            f"it accepts: {accepted}."
        )
    ctx = ReadContext(
        input=inp,
        kind=kind,
        format=source.name,
        tz=tz or DEFAULT_TZ,
        errors=errors,
        options=dict(options),
        kinds=check_kinds(kinds),
        columns=dict(columns or {}),
    )
    for name, reason in inp.unsafe:
        ctx.found()
        ctx.problem(inp.where(name), reason, name)
    # no name for the reader's rows here: the finaliser lets each column go once replaced
    frame = finalize(source.read(inp, ctx), ctx)
    policy = ctx.tz_policy or _tz_policy(tz, source.zoned)
    return _report(str(path), source.name, kind, ctx, frame, policy)


def _report(
    path: str, fmt: str, kind: str, ctx: ReadContext, frame: pd.DataFrame, policy: str
) -> LoadReport:
    problems = pd.DataFrame(
        [(p.location, p.reason, p.raw) for p in ctx.problems],
        columns=["location", "reason", "raw"],
        dtype=object,
    )
    return LoadReport(
        path=path,
        format=fmt,
        kind=kind,
        records=ctx.records,
        loaded=len(frame),
        problems=problems,
        tz_policy=policy,
        notes=list(ctx.notes),
        frame=frame,
        skipped=pd.DataFrame(
            [(p.location, p.reason) for p in ctx.skipped],
            columns=["location", "reason"],
            dtype=object,
        ),
    )


def _load(paths: Paths, kind: str, **kw: Any) -> LoadReport:
    _check_args(kw["errors"], kw["tz"])
    if isinstance(paths, str | os.PathLike):
        return _load_one(paths, kind, **kw)
    reports = [_load_one(p, kind, **kw, batch=True) for p in paths]
    if not reports:
        raise ValueError("no paths given. Suggestion: pass a file, a folder or a zip.")
    return merge_reports(reports, kind, errors=kw["errors"])


def merge_reports(reports: Sequence[LoadReport], kind: str, *, errors: str = "warn") -> LoadReport:
    """Merge the reports of several exports of one kind into one.

    Frames are concatenated (timestamps in UTC when their zones differ), a record
    found in two exports is kept once and reported as a duplicate, and the
    counts add up so that ``records == loaded + len(problems)`` still holds.
    """
    if len(reports) == 1:
        return reports[0]
    frames = [r.frame for r in reports if r.frame is not None]
    zones = {str(f["timestamp"].dtype) for f in frames if len(f)}
    if len(zones) > 1:
        frames = [f.assign(timestamp=f["timestamp"].dt.tz_convert("UTC")) for f in frames]
    frames = [f for f in frames if len(f)] or frames[:1]
    frame = pd.concat(frames, ignore_index=True) if frames else None
    id_col = "entry_id" if kind == "journal" else "urge_id"
    ctx = ReadContext(
        input=Input(Path(reports[0].path), "file"),
        kind=kind,
        format="",
        tz=DEFAULT_TZ,
        errors=errors,
    )
    if frame is not None:
        frame = drop_duplicates(frame, id_col, ctx)
        frame = sort_frame(frame, id_col)
    problems = pd.concat(
        [r.problems for r in reports]
        + [
            pd.DataFrame(
                [(p.location, p.reason, p.raw) for p in ctx.problems],
                columns=["location", "reason", "raw"],
                dtype=object,
            )
        ],
        ignore_index=True,
    )
    return LoadReport(
        path=", ".join(r.path for r in reports),
        format=", ".join(dict.fromkeys(r.format for r in reports)),
        kind=kind,
        records=sum(r.records for r in reports),
        loaded=0 if frame is None else len(frame),
        problems=problems,
        tz_policy="; ".join(dict.fromkeys(r.tz_policy for r in reports)),
        notes=[n for r in reports for n in r.notes],
        frame=frame,
        skipped=pd.concat([r.skipped for r in reports], ignore_index=True),
    )


def _warn(report: LoadReport) -> None:
    n = len(report.problems)
    if n:
        first = report.problems.iloc[0]
        warnings.warn(
            f"{n} of {report.records} record(s) in {report.path} could not be loaded "
            f"(first: {first['location']}: {first['reason']}). The other {report.loaded} were "
            f"loaded. See them all with rk.inspect(path) or `reflection-kit check PATH`.",
            DataQualityWarning,
            stacklevel=3,
        )
    elif report.loaded == 0:
        warnings.warn(
            f"{report.path}: no {'entries' if report.kind == 'journal' else 'urges'} were "
            "found. Suggestion: check that this is the export you meant.",
            DataQualityWarning,
            stacklevel=3,
        )


def read_journal(
    path: Paths,
    *,
    format: str | None = None,
    tz: str | None = None,
    errors: str = "warn",
    **options: Any,
) -> pd.DataFrame:
    """Read a journal export into a journal frame (one row per entry).

    Parameters
    ----------
    path : str, path-like, or a list of them
        A file, a folder or a zip. Several paths are read and merged; an entry
        found twice is kept once and reported.
    format : str, optional
        A name from :func:`formats`. ``None`` detects the format; when that fails
        the error lists every format tried and why it did not match.
    tz : str, optional
        IANA zone for sources whose times carry no zone. ``None`` keeps such
        times exactly as written (labelled UTC), so calendar days never move.
        Day One entries always keep their own zone.
    errors : {"warn", "raise"}
        ``"warn"`` loads every good record and emits one
        :class:`DataQualityWarning`; ``"raise"`` raises :class:`ParseError` at the
        first bad record.
    **options
        Format options, for example ``timeformat`` (jrnl), ``moods`` (Daylio),
        ``columns`` (tables), ``max_unzipped_bytes`` (any zip).

    Returns
    -------
    pandas.DataFrame
        The journal frame: ``entry_id``, ``timestamp``, ``date``, ``title``, ``text``,
        ``tags``, ``mood``, ``mood_label``, ``source``, ``journal`` and extras.

    Raises
    ------
    ParseError
        The path is missing, unreadable or unrecognised, or (``errors="raise"``)
        a record is bad.

    Examples
    --------
    >>> import reflection_kit as rk
    >>> journal = rk.read_journal("data/sample/dayone.zip")
    >>> journal[["date", "title"]].shape[1]
    2
    """
    report = _load(
        path,
        "journal",
        format=format,
        tz=tz,
        errors=errors,
        kinds=None,
        columns=None,
        options=options,
    )
    _warn(report)
    assert report.frame is not None
    return report.frame


def read_urges(
    path: Paths,
    *,
    format: str | None = None,
    tz: str | None = None,
    columns: Mapping[str, str] | None = None,
    kinds: Mapping[str, str] | None = None,
    errors: str = "warn",
    **options: Any,
) -> pd.DataFrame:
    """Read an urge log or check-in export into an urge frame (one row per urge).

    Parameters
    ----------
    path : str, path-like, or a list of them
        A file, a folder or a zip.
    format : str, optional
        A name from :func:`formats`; ``None`` detects it.
    tz : str, optional
        IANA zone for times without a zone (see :func:`read_journal`).
    columns : mapping, optional
        Your column names mapped to ours, e.g. ``{"When": "timestamp"}``.
    kinds : mapping, optional
        Labels, activities or habit names mapped to urge kinds, merged over the
        built-in aliases (``"checked his IG"`` is already ``check_social``).
    errors : {"warn", "raise"}
        As in :func:`read_journal`.
    **options
        Format options, for example ``habits`` (Loop) or ``activities`` (Daylio).
        Platform downloads (WhatsApp, Telegram, Messenger, Instagram, Facebook,
        Chrome, My Activity) need ``person`` (the other person's names, handles or
        profile URLs) and take ``me`` (your name where the export does not say),
        ``groups`` and ``dayfirst`` (WhatsApp): see :func:`formats`.

    Returns
    -------
    pandas.DataFrame
        The urge frame: ``urge_id``, ``timestamp``, ``date``, ``kind``, ``label``,
        ``intensity``, ``acted``, ``trigger``, ``coping``, ``note``, ``source`` and extras.

    Examples
    --------
    >>> import reflection_kit as rk
    >>> urges = rk.read_urges("data/sample/urges.csv")
    >>> sorted(urges["kind"].cat.categories)[:2]
    ['check_social', 'fantasize']
    """
    report = _load(
        path,
        "urges",
        format=format,
        tz=tz,
        errors=errors,
        kinds=kinds,
        columns=columns,
        options=options,
    )
    _warn(report)
    assert report.frame is not None
    return report.frame


def inspect(
    path: Paths,
    *,
    format: str | None = None,
    tz: str | None = None,
    kind: str | None = None,
    **options: Any,
) -> LoadReport:
    """Read an export and report what was found, loaded and not loaded.

    Parameters
    ----------
    path : str, path-like, or a list of them
        A file, a folder or a zip.
    format : str, optional
        A name from :func:`formats`; ``None`` detects it (journal formats first).
    tz : str, optional
        As in :func:`read_journal`.
    kind : {"journal", "urges"}, optional
        Which kind of export to look for; ``None`` tries journals, then urges.
    **options
        Passed to the reader, including ``kinds`` and ``columns``.

    Returns
    -------
    LoadReport
        With ``records == loaded + len(problems)``; the frame is ``report.frame``.

    Examples
    --------
    >>> import reflection_kit as rk
    >>> rk.inspect("data/sample/daylio.csv").format
    'daylio'
    """
    return _inspect(path, format=format, tz=tz, kind=kind, options=options)


def _inspect(
    path: Paths,
    *,
    format: str | None = None,
    tz: str | None = None,
    kind: str | None = None,
    options: Mapping[str, Any] | None = None,
    lenient: bool = False,
) -> LoadReport:
    """:func:`inspect`; with ``lenient``, options the detected format does not take are
    ignored instead of raising (one set of options for a batch of exports)."""
    options = dict(options or {})
    kinds = options.pop("kinds", None)
    columns = options.pop("columns", None)
    if kind not in (None, "journal", "urges"):
        raise ValueError(f"`kind` must be 'journal', 'urges' or None, got {kind!r}.")
    order = [kind] if kind else ["journal", "urges"]
    if kind is None and format is not None:
        order = [
            k
            for k in ("journal", "urges")
            if any(s.name == format and s.kind == k for s in all_sources())
        ] or order
    last: Exception | None = None
    for k in order:
        try:
            return _load(
                path,
                k,
                format=format,
                tz=tz,
                errors="warn",
                kinds=kinds if k == "urges" else None,
                columns=columns,
                options=options,
                lenient=lenient,
            )
        except Exception as exc:  # try the other kind, then re-raise the first error
            if not isinstance(exc, UnknownFormatError) or len(order) == 1:
                raise
            last = last or exc
    assert last is not None
    raise last


def formats() -> pd.DataFrame:
    """The export formats reflection-kit reads.

    Returns
    -------
    pandas.DataFrame
        Columns ``name``, ``kind`` (journal/urges), ``description``, ``patterns``
        (file name patterns) and ``how_to_export``.

    Notes
    -----
    Which files of a folder are records: in a folder of Markdown notes, a note
    is an entry when its whole name is its date in the daily-note format (the
    vault's setting, else ``YYYY-MM-DD``) or its front matter has a ``date:``
    property; when the vault's daily-notes settings name a folder, only notes
    there count. Other notes are skipped: not records, not problems, counted
    in the report's notes and listed in ``report.skipped``.

    Platform downloads (kind ``urges``) are evidence of the person's own
    actions: each message or call the user sent to ``person`` is a
    ``reach_out`` row, each search or visit of their profile a ``check_social``
    row, both with ``acted=True``; no message text is ever read into a frame or
    a report. Visits are sessions: hits on one profile within 30 minutes of the
    previous hit are one check, and the ``hits`` column keeps the raw count.
    WhatsApp's and old Telegram exports' times are the device's wall clock (no
    zone); Meta's, Google's and Telegram's ``date_unixtime`` are UTC instants,
    shown on the clock of ``tz=``. The report's ``tz_policy`` says which.

    Examples
    --------
    >>> import reflection_kit as rk
    >>> "dayone" in set(rk.formats()["name"])
    True
    """
    return pd.DataFrame(
        [
            {
                "name": s.name,
                "kind": s.kind,
                "description": s.description,
                "patterns": ", ".join(s.patterns),
                "how_to_export": s.how_to_export,
            }
            for s in all_sources()
        ]
    )
