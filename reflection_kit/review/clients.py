"""Many clients at once: one review per client folder, and an index page.

File names. Each client's review gets a safe, unique file name made from the
folder name: letters, digits, ``-`` and ``_`` are kept, anything else (``:``,
``#``, ``/``, dots, spaces, control characters, bytes that are not UTF-8)
becomes ``_``; names that would clash with ``index.html``, a Windows device name
or another client's file (ignoring case) get ``-2``, ``-3``... The index links
to them with relative, percent-encoded paths; every name it shows is
HTML-escaped, with undecodable bytes as U+FFFD and control characters written
out (``\\n``).

Links. A link (symlink) in a client's folder is followed only when it stays in
that folder: a link to ``/etc`` or to another client's journal is skipped, and
so is an export folder holding such a link; the index says so. Pipes, devices
and sockets are skipped too (only files and folders are read).

Both cores. The reviews are made ``jobs`` at a time (default: every core this
process may use), each in its own worker process with its own kernel. The
folders are listed and named first, in order, so the files, the results and the
index are the same as one by one. SIGTERM or Ctrl-C stops the workers, which
remove their temporary folders and half-written files as a single review does.

Privacy. The reason a client's review was not written and the notes about
skipped files pass the review's :class:`~reflection_kit.review.PrivacyPolicy`:
with ``privacy="redact"`` or ``"aggregate"`` they name no file ("file 1 (csv)")
and quote no value from the data.
"""

from __future__ import annotations

import contextlib
import html
import multiprocessing
import os
import signal
import stat
import sys
import threading
import time
import unicodedata
from collections.abc import Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

from .._words import count_of, plural
from ..frames import empty_journal, empty_urges
from ..privacy import write_private
from ..workspace import Exports
from . import _leftovers
from .page import wrap_page
from .pdf import require_chromium
from .policy import PrivacyPolicy
from .render import NothingToReviewError, ReviewError, input_holding, render_review

__all__ = ["ClientResult", "review_clients"]


@dataclass(frozen=True)
class ClientResult:
    """One client's outcome: the review written, or the reason it could not be."""

    client: str
    path: Path | None
    ok: bool
    reason: str
    exports: int
    seconds: float
    notes: tuple[str, ...] = field(default=())


_RESERVED = frozenset(
    {"index", "con", "prn", "aux", "nul"}
    | {f"com{i}" for i in range(1, 10)}
    | {f"lpt{i}" for i in range(1, 10)}
)


def shown_name(name: str) -> str:
    """A file or folder name as text that is safe to show.

    Bytes that are not UTF-8 (kept by Python as surrogate escapes) become U+FFFD;
    control and other invisible characters are written out (``\\n``, ``\\x1b``).

    Examples
    --------
    >>> shown_name("ana\\nbob"), shown_name("caf\\udce9")
    ('ana\\\\nbob', 'caf\\ufffd')
    """
    text = name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in text)


def safe_stem(name: str, taken: set[str]) -> str:
    """A file name stem for ``name`` that is safe everywhere and not in ``taken``.

    ``taken`` holds the case-folded stems already used; the new one is added.

    Examples
    --------
    >>> taken = set()
    >>> [safe_stem(n, taken) for n in ["index", "javascript:alert(1)", "..", "Index"]]
    ['index-2', 'javascript_alert_1', 'client', 'Index-3']
    """
    text = name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    text = unicodedata.normalize("NFC", text)
    stem = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in text)
    stem = stem.strip("_")[:80].rstrip("_") or "client"
    candidate, n = stem, 2
    while candidate.casefold() in taken or candidate.casefold() in _RESERVED:
        candidate, n = f"{stem}-{n}", n + 1
    taken.add(candidate.casefold())
    return candidate


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


Note = tuple[str, str]  # (the path skipped, what the index says about it)


def _link_note(link: Path, folder: Path, real: Path) -> str | None:
    """Why the link ``link`` is not followed, or ``None`` when it stays in ``real``."""
    rel = shown_name(str(link.relative_to(folder)))
    try:
        target = link.resolve(strict=True)
    except (OSError, RuntimeError):
        return f"{rel}: a link to something that does not exist; skipped"
    if not _inside(target, real):
        return f"{rel}: a link to a place outside this client's folder; not followed"
    return None


def _exports_in(folder: Path, *, full: bool = True) -> tuple[list[Path], list[Note]]:
    """The exports in a client's folder, and a note for everything skipped.

    With ``full=False`` a note names no file inside a skipped folder.
    """
    real = folder.resolve()
    exports: list[Path] = []
    notes: list[Note] = []
    for p in sorted(folder.iterdir()):
        if p.name.startswith((".", "_", "~")):
            continue
        if p.is_symlink():
            note = _link_note(p, folder, real)
            if note:
                notes.append((str(p), note))
                continue
        try:
            mode = p.stat().st_mode
        except OSError as exc:
            notes.append(
                (str(p), f"{shown_name(p.name)}: cannot be read ({exc.strerror}); skipped")
            )
            continue
        if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
            notes.append(
                (
                    str(p),
                    f"{shown_name(p.name)}: not a file or folder (a pipe, socket or device); "
                    "skipped",
                )
            )
            continue
        if stat.S_ISDIR(mode):
            inner = _links_leaving(p, folder, real)
            if inner:
                notes.append(
                    (
                        str(p),
                        f"{shown_name(p.name)}: skipped, because it holds a link that leaves "
                        "this client's folder" + (f" ({inner})" if full else ""),
                    )
                )
                continue
        exports.append(p)
    return exports, notes


def _links_leaving(export: Path, folder: Path, real: Path) -> str:
    """The first link inside the folder ``export`` that leaves the client's folder."""
    for root, dirs, files in os.walk(export, followlinks=False):
        for name in [*dirs, *files]:
            p = Path(root) / name
            if p.is_symlink():
                note = _link_note(p, folder, real)
                if note and "outside" in note:
                    return shown_name(str(p.relative_to(folder)))
    return ""


def _reason(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    useful = [line for line in text if line.strip() and not set(line) <= set("-")]
    name = getattr(exc, "ename", "") or type(exc).__name__
    evalue = getattr(exc, "evalue", "")
    if evalue:
        return f"{name}: {evalue}"[:600]
    return (useful[-1] if useful else name)[:600]


def review_clients(
    clients_dir: str | os.PathLike[str],
    out_dir: str | os.PathLike[str],
    *,
    force: bool = False,
    progress: bool = True,
    jobs: int | None = None,
    **options: Any,
) -> list[ClientResult]:
    """Write one review per client folder, plus ``index.html`` with one line per client.

    Parameters
    ----------
    clients_dir : path
        A folder with one subfolder per client; the exports inside each are
        detected (journal or urges) automatically.
    out_dir : path
        Where to write one ``<name>.html`` per client and ``index.html`` (mode
        0600; the folder is created with mode 0700). ``<name>`` is a safe, unique
        form of the folder name (:func:`safe_stem`: ``index`` becomes ``index-2``,
        ``javascript:alert(1)`` becomes ``javascript_alert_1``).
    force : bool
        Replace existing review files.
    progress : bool
        Show a progress bar on the terminal (standard error).
    jobs : int, optional
        How many reviews are made at the same time, each in its own process
        (default: every core this process may use; 1: one after another here).
        The results and the index do not depend on it.
    **options
        Passed to :func:`render_review` (``privacy``, ``people``, ``start``, ...;
        ``pdf=True`` prints each review to ``<name>.pdf`` beside it).

    Returns
    -------
    list of ClientResult
        In the order of the folders' names. A client whose data fails is listed with
        the reason in words (``could not be read: ...`` or ``not written: ...``); the
        others still complete. ``notes`` lists what was skipped in the client's folder
        (links that leave it, pipes). Reasons and notes pass the privacy policy.

    Raises
    ------
    NotADirectoryError
        ``clients_dir`` is not a folder.
    ValueError
        ``jobs`` is less than 1, or ``pdf`` is a path.
    ChromiumNotFoundError
        ``pdf=True`` and Chromium is not installed (before any review is made).
    ReviewError
        ``index.html`` would replace a file inside ``clients_dir``.
    FileExistsError
        ``index.html`` exists and ``force`` is False.

    Examples
    --------
    >>> from reflection_kit.review import review_clients  # doctest: +SKIP
    >>> review_clients("clients/", "reviews/", privacy="redact")  # doctest: +SKIP
    """
    root = Path(clients_dir)
    if not root.is_dir():
        raise NotADirectoryError(f"{root} is not a folder of client folders.")
    if jobs is not None and (not isinstance(jobs, int) or jobs < 1):
        raise ValueError(
            f"`jobs` must be a whole number of 1 or more, got {jobs!r}. Suggestion: leave it "
            "out to use every core."
        )
    if options.get("pdf") not in (None, False, True):
        raise ValueError(
            "`pdf` must be True or False for many clients (each PDF goes beside its review), "
            f"got {options['pdf']!r}."
        )
    if options.get("pdf"):
        require_chromium()  # once, before any review is made
    policy = _policy(options)
    real_root = root.resolve()
    entries = sorted(p for p in root.iterdir() if not p.name.startswith("."))
    out = Path(out_dir)
    index = out / "index.html"
    if input_holding(index, [root]) is not None:
        raise ReviewError(
            f"{index} is a file in the client folders; nothing was written. Suggestion: "
            "write the reviews to another folder (-o reviews)."
        )
    if index.exists() and not force:
        raise FileExistsError(
            f"{index} already exists; nothing was written. Suggestion: choose another output "
            "folder, or pass --force to replace the reviews."
        )
    out.mkdir(parents=True, exist_ok=True, mode=0o700)
    # first, in order: every folder's name, file and exports (so that the names and the
    # index never depend on which review finishes first)
    results: list[ClientResult | None] = []
    tasks: list[_Task] = []
    taken: set[str] = set()
    folders = [p for p in entries if p.is_dir() or p.is_symlink()]
    for folder in folders:
        name = shown_name(folder.name)
        if folder.is_symlink() and not _inside(folder.resolve(), real_root):
            reason = "a link to a folder outside the client folders; not followed"
            results.append(ClientResult(name, None, False, reason, 0, 0.0))
            continue
        if not folder.is_dir():
            continue  # a link to a file, not a client folder
        target = out / f"{safe_stem(folder.name, taken)}.html"
        try:
            exports, raw_notes = _exports_in(folder, full=policy.mode == "full")
        except OSError as exc:
            why = f"could not be read: the folder cannot be listed ({exc.strerror})"
            results.append(ClientResult(name, None, False, why, 0, 0.0))
            continue
        notes = tuple(_notes(raw_notes, policy))
        if not exports:
            why = "could not be read: the folder holds no exports"
            results.append(ClientResult(name, None, False, why, 0, 0.0, notes))
            continue
        tasks.append(_Task(len(results), name, target, tuple(exports), notes))
        results.append(None)
    workers = min(jobs or _cores(), len(tasks))
    bar = _bar(len(results), progress)
    known = [r.client for r in results if r is not None]
    for task, done in _run_all(tasks, workers, force, options, bar, known):
        results[task.position] = done
    if not tasks:
        for name in known:
            bar(name)
    bar(None)
    final = [r for r in results if r is not None]
    write_private(index, _index_page(final), force=True)
    return final


@dataclass(frozen=True)
class _Task:
    """One client's review to make: where it goes in the results, and its exports."""

    position: int
    client: str
    target: Path
    exports: tuple[Path, ...]
    notes: tuple[str, ...]


def _policy(options: dict[str, Any]) -> PrivacyPolicy:
    return PrivacyPolicy(
        str(options.get("privacy", "full")),
        people=tuple(options.get("people", ())),
        all_names=bool(options.get("all_names", False)),
        keep=tuple(options.get("keep", ())),
    )


def _notes(raw: Sequence[Note], policy: PrivacyPolicy) -> list[str]:
    """The notes about skipped files as the index may show them."""
    if policy.mode == "full":
        return [text for _, text in raw]
    return policy.failure_messages(raw)


def _cores() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def _render_one(task: _Task, force: bool, options: dict[str, Any]) -> ClientResult:
    """Make one client's review; a failure becomes the reason, in words."""
    t0 = time.perf_counter()
    ok, reason, path = True, "", task.target
    try:
        render_review(
            task.target, auto=list(task.exports), client=task.client, force=force, **options
        )
    except Exception as exc:  # one client's failure must not stop the others
        ok, reason, path = False, _status(exc, _policy(options), task.exports), None
    return ClientResult(
        task.client,
        path,
        ok,
        reason,
        len(task.exports),
        time.perf_counter() - t0,
        task.notes,
    )


def _in_worker(task: _Task, force: bool, options: dict[str, Any]) -> ClientResult:
    try:
        return _render_one(task, force, options)
    except (KeyboardInterrupt, SystemExit) as stop:
        # stopped with the batch (SIGTERM): the review's clean-up has run on the way
        # here. End this worker now, quietly: the pool would catch the exception, report
        # it and hand this worker the next client.
        code = 130 if isinstance(stop, KeyboardInterrupt) else stop.code
        with contextlib.suppress(Exception):
            sys.stderr.flush()
        os._exit(code if isinstance(code, int) else 1)


def _worker_start() -> None:
    """A worker leaves Ctrl-C to the batch, which stops it with SIGTERM (and cleans up)."""
    _leftovers._cleanups.clear()  # the parent's, when forked
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _context() -> Any:
    """Fork where it is safe (Linux, no other thread yet): no start-up cost; else spawn."""
    if sys.platform.startswith("linux") and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def _stop_workers() -> None:
    """End every worker: SIGTERM lets each remove its temporary files first."""
    children = multiprocessing.active_children()
    for child in children:
        child.terminate()
    for child in children:
        child.join(timeout=30)
        if child.is_alive():
            child.kill()
            child.join()


def _run_all(
    tasks: list[_Task],
    workers: int,
    force: bool,
    options: dict[str, Any],
    bar: Any,
    known: Sequence[str],
) -> Any:
    """Yield ``(task, result)`` for every task: here one by one, or in ``workers`` processes.

    ``known`` are the clients already settled, counted on the progress bar once the
    workers have started (the bar's thread starts after them, so they may be forked).
    """
    if workers <= 1:
        for name in known:
            bar(name)
        for task in tasks:
            done = _render_one(task, force, options)
            bar(task.client)
            yield task, done
        return
    with _leftovers.cleanup_on_signals():
        pool = ProcessPoolExecutor(workers, mp_context=_context(), initializer=_worker_start)
        key = _leftovers.register(_stop_workers)
        try:
            futures: dict[Future[ClientResult], _Task] = {
                pool.submit(_in_worker, task, force, options): task for task in tasks
            }
            for name in known:
                bar(name)
            for future in as_completed(futures):
                task = futures[future]
                try:
                    done = future.result()
                except Exception as exc:  # the worker itself ended (out of memory, killed)
                    done = ClientResult(
                        task.client,
                        None,
                        False,
                        f"not written: the review stopped unexpectedly ({type(exc).__name__})",
                        len(task.exports),
                        0.0,
                        task.notes,
                    )
                bar(task.client)
                yield task, done
        except BaseException:
            _stop_workers()
            # wait for the pool's manager thread (the workers are gone, so it ends at once):
            # left running, it closes its wake-up pipe while the interpreter's exit hook
            # writes to it, and Python printed "OSError: [Errno 9] Bad file descriptor"
            # under the batch's own message (a race in concurrent.futures, seen once in CI)
            pool.shutdown(wait=True, cancel_futures=True)
            raise
        finally:
            _leftovers.unregister(key)
        pool.shutdown(wait=True)


def _status(
    exc: BaseException,
    policy: PrivacyPolicy | None = None,
    exports: Sequence[str | os.PathLike[str]] = (),
) -> str:
    """One line in words: why a client's review was not written, as the policy allows.

    In ``"redact"`` and ``"aggregate"`` modes no file is named ("file 1 (csv)") and no
    value from the data is quoted.
    """
    policy = policy or PrivacyPolicy()
    if isinstance(exc, NothingToReviewError):
        if exc.failures:
            why = " ".join(policy.failure_messages(exc.failures))
        else:
            why = _named(policy, exports).message(_reason(exc))
        return f"could not be read: {why[:600]}"
    if isinstance(exc, FileExistsError):
        return "not written: a review of that name already exists (pass --force to replace it)"
    return f"not written: {_named(policy, exports).message(_reason(exc))[:600]}"


def _named(policy: PrivacyPolicy, exports: Sequence[str | os.PathLike[str]]) -> PrivacyPolicy:
    """``policy`` knowing the client's exports, so that messages name them as "file 1"."""
    if policy.mode == "full" or not exports:
        return policy

    bare = Exports(
        journal=empty_journal(),
        urges=empty_urges(),
        failures=[(str(Path(p).resolve()), "") for p in exports],
    )
    return policy.for_exports(bare)


def _bar(total: int, enabled: bool):
    """A progress bar on standard error, made at its first step (its thread starts then)."""
    if not enabled:
        return lambda name: None
    try:
        # deferred: tqdm (~25 ms) is needed only when a progress bar is shown
        from tqdm import tqdm
    except ImportError:  # pragma: no cover - tqdm is a dependency
        return lambda name: None
    made: list[Any] = []

    def step(name: str | None) -> None:
        if not made:
            if name is None:
                return
            made.append(tqdm(total=total, unit="client", file=sys.stderr, desc="reviews"))
        pbar = made[0]
        if name is None:
            pbar.close()
        else:
            pbar.set_postfix_str(name)
            pbar.update(1)

    return step


def _client_line(r: ClientResult) -> str:
    """One client as one line in words: the review written (linked), or why it was not."""
    name = html.escape(shown_name(r.client))
    if r.ok and r.path is not None:
        href = html.escape(quote(r.path.name, safe=""), quote=True)
        text = (
            f'Review written for <a href="{href}">{name}</a>, from '
            f"{html.escape(plural(r.exports, 'export'))}."
        )
    else:
        reason = r.reason[:1].upper() + r.reason[1:] if r.reason else "Not written"
        text = f"No review for {name}. {html.escape(reason.rstrip('.'))}."
    if r.notes:
        items = "".join(f"<li>{html.escape(shown_name(n))}</li>" for n in r.notes)
        text += f'<ul class="rk-note">{items}</ul>'
    return f"<li>{text}</li>"


def _index_page(results: list[ClientResult]) -> str:
    ok = sum(r.ok for r in results)
    body = (
        "<h1>Progress reviews</h1>"
        f"<p>{count_of(ok, len(results), 'client review')} written.</p>"
        f'<ul class="rk-clients">{"".join(_client_line(r) for r in results)}</ul>'
    )
    return wrap_page(body, title="Progress reviews")
