"""Render the coach's progress review: nbclient runs the notebook, nbconvert exports it.

The review notebook ships inside the package (``progress_review.ipynb``; the
repository's ``notebooks/04_progress_review.ipynb`` is a link to it), so there is
one source of truth and it works from an installed wheel. The HTML is exported
without code cells through nbconvert's ``basic`` template and wrapped in a page
whose styles are inline; images are inline PNGs; no script, font or style comes
from the network. The kernel is reached over Unix domain sockets in a private
folder (:mod:`reflection_kit.review._kernel`), so rendering opens no TCP/IP
socket, not even on loopback (on Windows: TCP on 127.0.0.1).

The notebook is run with nbclient directly. The parameters are injected the way
papermill injects them (a cell tagged ``injected-parameters`` after the cell
tagged ``parameters``); papermill itself is not imported, because importing it
imports urllib3, whose import-time IPv6 check opens a socket.

Promised figures. Every ``plt.show()`` in the notebook promises the figures
open at that moment. A first injected cell switches the kernel to the inline
backend (whatever ``MPLBACKEND`` says) and makes ``plt.show()`` leave a marker
output (MIME type :data:`FIGURES_MIME`, ``{"promised": n}``) in the cell before
the figures; a last injected cell reports the total and the backend. Markers
and injected cells are removed before export. The review is written only when
every cell has at least as many images as its markers promise and the exported
page has every one of them; otherwise :class:`MissingFiguresError` and nothing
is written.

Refusals (all :class:`ReviewError`, a :class:`~reflection_kit.ReflectionKitError`;
nothing is written): none of the exports could be read
(:class:`NothingToReviewError`), the output is one of the inputs
(:class:`OutputIsInputError`), a notebook cell raised (:class:`NotebookError`),
a figure is missing (:class:`MissingFiguresError`).
"""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import functools
import os
import re
import shutil
import signal
import sys
import time
from collections.abc import AsyncIterator, Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from ..errors import ReflectionKitError
from ..privacy import write_private
from . import _leftovers, _paint_ahead
from ._font_list import FontListAhead
from ._lazy_iri import defer_iri_parsers
from .content import Spans, explained_ahead, has_days, period_of
from .handover import read_exports, save_handover
from .page import wrap_page
from .policy import PrivacyPolicy

__all__ = [
    "PRIVACY_MODES",
    "MissingFiguresError",
    "NotebookError",
    "NothingToReviewError",
    "OutputIsInputError",
    "ReviewError",
    "ReviewResult",
    "render_notebook",
    "render_review",
    "review_notebook",
]

PRIVACY_MODES = ("full", "redact", "aggregate")

#: The output of the last injected cell: the figures each cell promised.
FIGURES_MIME = "application/vnd.reflection-kit.figures+json"
_SETUP_TAG = "rk-injected-setup"
_REPORT_TAG = "rk-injected-report"

_SETUP = f"""\
# reflection-kit: draw inline whatever MPLBACKEND says, and mark every promised figure
%matplotlib inline
import matplotlib.pyplot as _rk_plt
from IPython.display import display as _rk_display

_rk_promised = [0]


def _rk_show(*args, _rk_real_show=_rk_plt.show, **kwargs):
    figures = len(_rk_plt.get_fignums())
    if figures:
        _rk_promised[0] += figures
        _rk_display({{"{FIGURES_MIME}": {{"promised": figures}}}}, raw=True)
    return _rk_real_show(*args, **kwargs)


_rk_plt.show = _rk_show
{_paint_ahead.FLAG} = True  # described figures are painted in the background (review._paint_ahead)
"""

_REPORT = f"""\
import sys as _rk_sys

if "{_paint_ahead.__name__}" in _rk_sys.modules:  # fill in the figures painted ahead
    _rk_sys.modules["{_paint_ahead.__name__}"].finish(get_ipython())
_rk_display(
    {{"{FIGURES_MIME}": {{"total": _rk_promised[0], "backend": _rk_plt.get_backend()}}}},
    raw=True,
)
"""


class ReviewError(ReflectionKitError, RuntimeError):
    """The review could not be made; nothing was written."""


class NothingToReviewError(ReviewError, ValueError):
    """None of the exports given could be read (or none holds a single record).

    Attributes
    ----------
    failures : list of (str, str)
        Each export with the reason it could not be read.
    """

    def __init__(self, message: str, *, failures: Sequence[tuple[str, str]] = ()) -> None:
        super().__init__(message)
        self.failures = list(failures)


class OutputIsInputError(ReviewError, ValueError):
    """The output file is one of the inputs (the same file, whatever its path)."""


class NotebookError(ReviewError):
    """A cell of the review notebook raised an error.

    Attributes
    ----------
    ename, evalue : str
        The error's class name and message, as the kernel reported them.
    """

    def __init__(self, message: str, *, ename: str = "", evalue: str = "") -> None:
        super().__init__(message)
        self.ename = ename
        self.evalue = evalue


class MissingFiguresError(ReviewError):
    """The notebook promised figures that are not in the page.

    Attributes
    ----------
    promised, found : int
        Figures promised by ``plt.show()`` calls, and images found in the page.
    """

    def __init__(self, message: str, *, promised: int, found: int) -> None:
        super().__init__(message)
        self.promised = promised
        self.found = found


@contextlib.contextmanager
def _quiet_stderr() -> Iterator[None]:
    """Keep the kernel's start-up and shut-down chatter off the terminal.

    The kernel inherits file descriptor 2; cell errors still come back through
    nbclient as exceptions with their traceback.
    """
    try:
        fd = sys.stderr.fileno()
    except (AttributeError, OSError, ValueError):
        yield
        return
    saved = os.dup(fd)
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        sys.stderr.flush()
        os.dup2(devnull, fd)
        yield
    finally:
        sys.stderr.flush()
        os.dup2(saved, fd)
        os.close(saved)
        os.close(devnull)


def review_notebook() -> Path:
    """The path of the review notebook inside the installed package."""
    return Path(str(resources.files("reflection_kit.review").joinpath("progress_review.ipynb")))


@dataclass(frozen=True)
class ReviewResult:
    """What :func:`render_review` wrote."""

    path: Path
    seconds: float
    client: str
    pdf: Path | None = None


def _tags(cell: Any) -> list[str]:
    return list(cell.get("metadata", {}).get("tags", []))


def inject_parameters(nb: Any, parameters: Mapping[str, Any]) -> None:
    """Inject ``parameters`` into ``nb`` the way papermill does.

    They go into a new cell tagged ``injected-parameters`` right after the cell
    tagged ``parameters`` (at the top when there is none), one
    ``name = repr(value)`` line each (str, bool, numbers, None, and lists and
    dicts of them).
    """
    import nbformat  # deferred: only a render needs it (~0.1 s at import)

    if not parameters:
        return
    code = ["# Parameters"] + [f"{name} = {value!r}" for name, value in parameters.items()]
    params = nbformat.v4.new_code_cell("\n".join(code) + "\n")
    params.metadata["tags"] = ["injected-parameters"]
    params.id = "injected-parameters"  # fixed, so the same review gives the same page
    cells = list(nb.cells)
    at = next((i + 1 for i, c in enumerate(cells) if "parameters" in _tags(c)), 0)
    cells.insert(at, params)
    nb.cells = cells


def inject(nb: Any, parameters: Mapping[str, Any]) -> None:
    """Add the setup cell, the parameters and the figure report cell to ``nb``."""
    import nbformat  # deferred: only a render needs it (~0.1 s at import)

    inject_parameters(nb, parameters)
    setup = nbformat.v4.new_code_cell(_SETUP)
    setup.metadata["tags"] = [_SETUP_TAG]
    setup.id = _SETUP_TAG
    report = nbformat.v4.new_code_cell(_REPORT)
    report.metadata["tags"] = [_REPORT_TAG]
    report.id = _REPORT_TAG
    nb.cells = [setup, *nb.cells, report]


def _client_class() -> type:
    """nbclient's ``NotebookClient``, remembering which signal stopped it.

    While a notebook runs, nbclient handles SIGINT and SIGTERM itself: it shuts the
    kernel down and the run ends with :class:`asyncio.CancelledError`. This subclass
    does the same and records the signal, so that :func:`_run` can end the way the
    signal asks (:class:`KeyboardInterrupt`, or exit status 143).
    """
    # deferred: nbclient (and its kernel machinery) costs ~0.4 s at import
    from nbclient import NotebookClient

    class Client(NotebookClient):  # type: ignore[misc, valid-type]
        stopped_by: int | None = None

        @contextlib.asynccontextmanager
        async def async_setup_kernel(self, **kwargs: Any) -> AsyncIterator[None]:
            # when the run ends nbclient removes its handlers by setting the defaults
            # (SIGTERM would then end the process with our folders still there): put back
            # the ones that were in effect before, for the rest of the run
            with _leftovers.signal_handlers_kept():
                async with super().async_setup_kernel(**kwargs):
                    yield

        async def async_start_new_kernel_client(self) -> Any:
            # nbclient has just set its own handlers (in async_setup_kernel): take them over
            loop = asyncio.get_event_loop()
            for sig in (signal.SIGINT, signal.SIGTERM):
                with contextlib.suppress(RuntimeError, NotImplementedError, ValueError):
                    loop.add_signal_handler(sig, self._stop, sig)
            return await super().async_start_new_kernel_client()

        def _stop(self, signum: int) -> None:
            self.stopped_by = signum
            self._async_cleanup_kernel_future = asyncio.ensure_future(self._async_cleanup_kernel())
            atexit.unregister(self._cleanup_kernel)

    return Client


#: IPython keeps the kernel's history in memory (as nbclient asks): nothing is written.
_KERNEL_ARGUMENTS = ["--HistoryManager.hist_file=:memory:"]

Prepare = Callable[[str], Mapping[str, Any]]


def _read_notebook(
    notebook: str | os.PathLike[str],
    parameters: Mapping[str, Any],
    cwd: str,
    prepare: Prepare | None,
    prepared: Callable[[], object] | None = None,
) -> Any:
    """Run ``prepare``, import the notebook machinery and read the notebook (worker thread).

    ``prepare`` comes first, so that a review of nothing is refused without waiting;
    ``prepared`` is called as soon as it is done.
    """
    params = dict(parameters)
    if prepare is not None:
        params.update(prepare(cwd))
    if prepared is not None:
        prepared()
    # deferred: nbformat and nbclient load here, in a worker thread, while the kernel starts
    # (nbconvert loads later, while the notebook runs: _exporter); without the stand-in,
    # nbformat's jsonschema would build rfc3987-syntax's 39 parsers, 1.5-3.5 s (_lazy_iri)
    defer_iri_parsers()
    import nbclient  # noqa: F401  (the client class, below)
    import nbformat

    nb = nbformat.read(os.fspath(notebook), as_version=4)
    inject(nb, params)
    return nb


def _run(
    notebook: str | os.PathLike[str],
    parameters: Mapping[str, Any],
    cwd: str,
    prepare: Prepare | None = None,
    warm_up: str = "",
) -> tuple[Any, Any]:
    """Start the kernel, then read (and prepare) the notebook while it boots, and run it.

    Returns the executed notebook and the HTML exporter (made ready while the notebook
    ran); a failing cell is a :class:`NotebookError`. The kernel is stopped whatever
    happens.
    """
    from jupyter_core.utils import run_sync  # deferred: with the kernel machinery below

    from ._kernel import IPCKernelManager  # deferred: jupyter_client, ~0.3 s at import

    km = IPCKernelManager(kernel_name="python3")
    holder: dict[str, Any] = {}
    try:
        nb = run_sync(_run_async)(km, notebook, parameters, cwd, prepare, warm_up, holder)
        return nb, holder["exporter"]
    except BaseException:
        # stopped by a signal: the kernel is shut down (nbclient's own clean-up may then
        # fail on its second pass); end the way the signal asks
        client = holder.get("client")
        stopped_by = getattr(client, "stopped_by", None)
        if stopped_by == signal.SIGINT:
            raise KeyboardInterrupt from None
        if stopped_by is not None:
            raise SystemExit(128 + stopped_by) from None
        raise
    finally:
        if holder.get("fonts") is not None:
            holder["fonts"].stop()
        km.cleanup_ipc_dir()


def review_warm_up() -> str:
    """The review's warm-up (:func:`render_notebook`'s ``warm_up``).

    The imports the review's first cells make, started as soon as the kernel is ready.
    (The lexicons are not loaded: the quotes come explained with the exports,
    :func:`_prepare_exports`.) It runs in a function, so the notebook's namespace stays
    as it was.
    At its end everything the kernel holds so far (the imported modules, most of it)
    is moved out of the garbage collector's way (:func:`gc.freeze`): it lives as long
    as the kernel, so the full collections the review's figures set off, and those of
    the children that paint them (:mod:`._paint_ahead`), no longer walk it.
    """
    lines = [
        "def _rk_warm_up():",
        "    import gc",
        "",
        "    import matplotlib.pyplot",
        "    import matplotlib_inline.backend_inline",
        "    import reflection_kit.review.figures",
        "",
        "    gc.freeze()",
    ]
    return "\n".join([*lines, "", "", "_rk_warm_up()", "del _rk_warm_up", ""])


async def _warm_up(km: Any, code: str) -> Any:
    """Send ``code`` (silent) as soon as the kernel is ready; returns the client to close."""
    kc = km.client()
    kc.start_channels()
    with contextlib.suppress(Exception):  # nbclient's own client reports a kernel not ready
        await kc.wait_for_ready(timeout=120)
        kc.execute(code, silent=True, store_history=False)
    return kc


def _exporter(before: Callable[[], object] | None = None) -> Any:
    """The HTML exporter, its templates loaded (worker thread, while the notebook runs).

    ``before`` is called first (waiting for the font list's helper: the exporter is
    needed only when the notebook has run, the font list while it starts).
    """
    if before is not None:
        before()
    # deferred: nbconvert (~0.5 s at import) loads while the notebook runs
    import nbformat
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(
        template_name="basic",
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
    )
    exporter.from_notebook_node(nbformat.v4.new_notebook())  # compiles the templates
    return exporter


async def _run_async(
    km: Any,
    notebook: str | os.PathLike[str],
    parameters: Mapping[str, Any],
    cwd: str,
    prepare: Prepare | None,
    warm_up: str,
    holder: dict[str, Any],
) -> Any:
    await km.start_kernel(cwd=cwd, extra_arguments=list(_KERNEL_ARGUMENTS))
    loop = asyncio.get_running_loop()
    warm = None
    # matplotlib's font list (the set-up cell imports pyplot), built for the kernel on the
    # other core once the exports are read: the first review with a cache folder, or every
    # review without one
    fonts = FontListAhead(km.kernel_env or {}, km.private_dir)
    holder["fonts"] = fonts
    try:
        reading = loop.run_in_executor(
            None, _read_notebook, notebook, parameters, cwd, prepare, fonts.start
        )
        if warm_up:
            warm = await _warm_up(km, warm_up)
        nb = await reading
    except BaseException:
        if warm is not None:
            warm.stop_channels()
        with contextlib.suppress(Exception):
            await km.shutdown_kernel(now=True)
        raise
    exporting = loop.run_in_executor(None, _exporter, fonts.wait)
    client = _client_class()(
        nb,
        km=km,
        kernel_name="python3",
        timeout=None,
        startup_timeout=120,
        resources={"metadata": {"path": cwd}},
        # every output has arrived when the last cell is done (nbclient waits for the
        # kernel to go idle), and the kernel keeps nothing worth saving: stop it at once
        # instead of the graceful 0.4-0.7 s shutdown
        shutdown_kernel="immediate",
    )
    client.owns_km = True  # nbclient shuts the kernel down when the run ends
    holder["client"] = client
    try:
        await _execute(client)
    finally:
        if warm is not None:
            warm.stop_channels()
    holder["exporter"] = await exporting
    return nb


async def _execute(client: Any) -> None:
    """Run the notebook; a failing cell or a dead kernel is a :class:`NotebookError`."""
    # deferred: nbclient, as above
    from nbclient.exceptions import CellExecutionError, DeadKernelError

    nb = client.nb
    try:
        await client.async_execute()
    except CellExecutionError as exc:
        number = next(
            (
                i
                for i, c in enumerate(_own_code_cells(nb), start=1)
                if any(o.get("output_type") == "error" for o in c.get("outputs", []))
            ),
            None,
        )
        where = f" at code cell {number}" if number else ""
        raise NotebookError(
            f"The review notebook stopped{where} with {exc.ename}: {exc.evalue}. Nothing was "
            "written. Suggestion: run `reflection-kit check` on the exports to see what cannot "
            "be read; if everything reads, please report this message.",
            ename=exc.ename,
            evalue=exc.evalue,
        ) from None
    except DeadKernelError as exc:
        raise NotebookError(
            f"The review's kernel stopped unexpectedly ({exc}). Nothing was written. "
            "Suggestion: try again; if it happens again, check the free memory.",
            ename="DeadKernelError",
            evalue=str(exc),
        ) from None


def _own_code_cells(nb: Any) -> list[Any]:
    """The notebook's code cells, without the setup and report cells we injected."""
    return [
        c
        for c in nb.cells
        if c.cell_type == "code" and not {_SETUP_TAG, _REPORT_TAG} & set(_tags(c))
    ]


def _images(outputs: Iterable[Any]) -> int:
    return sum(
        1
        for o in outputs
        if o.get("output_type") in ("display_data", "execute_result")
        and "image/png" in o.get("data", {})
    )


def _marker(output: Any) -> Mapping[str, Any] | None:
    data = output.get("data", {}) if output.get("output_type") == "display_data" else {}
    found = data.get(FIGURES_MIME)
    return found if isinstance(found, Mapping) else None


def _take_report(nb: Any) -> dict[str, Any] | None:
    """Remove the injected cells and the markers; return the report with each cell's promise.

    Returns
    -------
    dict or None
        ``{"total": n, "backend": name, "cells": [promised per own code cell]}``, or
        ``None`` when the report cell gave no report.
    """
    found: dict[str, Any] | None = None
    for c in nb.cells:
        if _REPORT_TAG in _tags(c):
            for o in c.get("outputs", []):
                marker = _marker(o)
                if marker is not None and "total" in marker:
                    found = dict(marker)
    nb.cells = [c for c in nb.cells if not {_SETUP_TAG, _REPORT_TAG} & set(_tags(c))]
    cells = []
    for c in _own_code_cells(nb):
        outputs = c.get("outputs", [])
        cells.append(sum(int((_marker(o) or {}).get("promised", 0)) for o in outputs))
        c.outputs = [o for o in outputs if _marker(o) is None]
    if found is not None:
        found["cells"] = cells
    return found


_IMG = re.compile(r"<img\b[^>]*\bsrc=\"data:image/png;base64,", re.IGNORECASE)


def check_figures(nb: Any, report: Mapping[str, Any] | None, body: str) -> int:
    """Raise :class:`MissingFiguresError` unless every promised figure is in ``body``.

    Parameters
    ----------
    nb : NotebookNode
        The executed notebook (injected cells already removed).
    report : mapping or None
        The figure report of ``_take_report``: ``{"total": n, "backend": name, "cells":
        [figures promised by each code cell]}``.
    body : str
        The exported HTML.

    Returns
    -------
    int
        The number of figures in the page.
    """
    found = len(_IMG.findall(body))
    cells = report.get("cells") if isinstance(report, Mapping) else None
    if not isinstance(report, Mapping) or not isinstance(cells, list):
        raise MissingFiguresError(
            "The review could not check its figures: the notebook did not report them. "
            "Nothing was written. Suggestion: reinstall reflection-kit; if this happens "
            "again, please report it.",
            promised=-1,
            found=found,
        )
    short = []
    in_cells = 0
    pairs = zip(_own_code_cells(nb), cells, strict=False)
    for number, (cell, wanted) in enumerate(pairs, start=1):
        drawn = _images(cell.get("outputs", []))
        in_cells += drawn
        if drawn < wanted:
            short.append(f"code cell {number}: {wanted} promised, {drawn} drawn")
    total = max(int(report.get("total", 0)), sum(cells))
    if short or found < total or found < in_cells:
        where = "; ".join(short) if short else f"{in_cells} drawn in the notebook"
        backend = report.get("backend", "?")
        raise MissingFiguresError(
            f"The review promised {total} figure(s) but the page has {found} ({where}; "
            f"matplotlib backend {backend!r}). Nothing was written. Suggestion: the figures "
            "must be drawn with the inline backend; unset MPLBACKEND or set it to "
            "'module://matplotlib_inline.backend_inline', and try again.",
            promised=total,
            found=found,
        )
    return found


def render_notebook(
    notebook: str | os.PathLike[str],
    parameters: Mapping[str, Any],
    *,
    title: str,
    prepare: Prepare | None = None,
    warm_up: str = "",
) -> str:
    """Execute ``notebook`` with ``parameters`` and return a self-contained HTML page.

    The kernel runs in a private temporary working folder (``rk-review-*``, removed
    afterwards, and on SIGTERM/SIGINT); nothing is written beside the notebook. It
    is reached over Unix domain sockets only
    (:class:`~reflection_kit.review._kernel.IPCKernelManager`) and draws its figures
    inline. Every figure the notebook promises must be in the page.

    The kernel is started first; while it boots, a worker thread imports the notebook
    machinery, calls ``prepare`` and reads the notebook. When the kernel's matplotlib
    folder holds no font list, a helper process builds it once ``prepare`` is done, so
    that the set-up cell's matplotlib reads it (:mod:`._font_list`).

    Parameters
    ----------
    notebook : path
        The notebook to run.
    parameters : mapping
        Injected after the cell tagged ``parameters`` (see :func:`inject_parameters`).
    title : str
        The page's title.
    prepare : callable, optional
        Called with the private working folder while the kernel starts; returns more
        parameters. An error it raises ends the render (the kernel is stopped).
    warm_up : str, optional
        Code the kernel runs (silently: no output, no history) as soon as it is ready,
        before the notebook: the imports of its first cells, so that the kernel makes
        them while this process still prepares (:func:`review_warm_up`).

    Raises
    ------
    NotebookError
        A cell raised an error.
    MissingFiguresError
        A promised figure is not in the page.
    """
    tmp = _leftovers.make_private_dir("rk-review-")
    key = _leftovers.register(_leftovers.remove_tree(tmp))
    try:
        with _quiet_stderr():
            nb, exporter = _run(notebook, parameters, tmp, prepare, warm_up)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
        _leftovers.unregister(key)
    report = _take_report(nb)
    body, _ = exporter.from_notebook_node(nb)
    check_figures(nb, report, body)
    return wrap_page(body, title=title)


def _identity(path: str | os.PathLike[str]) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return None
    return st.st_dev, st.st_ino


def input_holding(
    output: str | os.PathLike[str], inputs: Iterable[str | os.PathLike[str]]
) -> Path | None:
    """The input file that ``output`` is (the same file, by device and inode), if any.

    Every input is compared, and every file inside an input folder (links are not
    followed into other folders). ``None`` when ``output`` does not exist yet or is
    none of them.
    """
    target = _identity(output)
    if target is None:
        return None
    for given in inputs:
        path = Path(given)
        if _identity(path) == target:
            return path
        if path.is_dir():
            for root, _dirs, files in os.walk(path):
                for name in files:
                    inner = Path(root) / name
                    if _identity(inner) == target:
                        return inner
    return None


def _refuse_if_empty(ex: Any, given: int) -> None:
    """Raise :class:`NothingToReviewError` when no record of any export could be loaded."""
    if len(ex.journal) or len(ex.urges):
        return
    reasons = [msg for _, msg in ex.failures]
    for r in ex.reports:
        reasons.append(
            f"{r.path}: read as {r.format} ({r.kind}), but none of its {r.records} record(s) "
            "could be loaded."
        )
    detail = " ".join(reasons) if reasons else "No export was given."
    raise NothingToReviewError(
        f"Nothing could be read from the {given} export(s) given, so no review was written. "
        f"{detail} Suggestion: run `reflection-kit check` on each file to see what it holds, "
        "and pass journals with --journal and urge logs with --urges.",
        failures=ex.failures,
    )


def _prepare_exports(
    journal: Sequence[str | os.PathLike[str]],
    urges: Sequence[str | os.PathLike[str]],
    auto: Sequence[str | os.PathLike[str]],
    tz: str | None,
    options: Mapping[str, Any] | None,
    people: Sequence[str],
    view: Mapping[str, Any],
    cwd: str,
) -> dict[str, Any]:
    """Read the exports once (refusing when nothing loads) and hand them to the kernel.

    With them go the explanations of the sentences the review will quote, worked out here
    the way the notebook's first cells and its writing section do (``view``: ``start``,
    ``end``, ``privacy``, ``all_names``, ``keep``), while the kernel starts: the kernel then
    needs no lexicon. Should the notebook pick other sentences, it explains them itself.
    """
    ex, scored = read_exports(
        journal, urges, auto, tz=tz, options=dict(options or {}), people=people
    )
    _refuse_if_empty(ex, len(journal) + len(urges) + len(auto))
    explained = _explained_quotes(ex, scored, people, view) if len(scored) else {}
    return {"prepared_path": str(save_handover(cwd, ex, scored, explained))}


def _explained_quotes(
    ex: Any, scored: Any, people: Sequence[str], view: Mapping[str, Any]
) -> Spans:
    """What :func:`.content.examples` will explain, as the notebook calls it."""
    from .. import daily  # deferred: the metrics layer, for the review's own process only

    # the policy with the files named, as `policy.exports` gives it (without protecting
    # every text now: the kernel does that), and the urges' days, which protecting keeps
    policy = PrivacyPolicy(
        view["privacy"], people=people, all_names=view["all_names"], keep=view["keep"]
    ).for_exports(ex)
    urges = ex.urges
    panel = daily(scored if len(scored) else None, urges if len(urges) else None)
    if not has_days(panel, "rumination"):
        return {}  # the notebook shows no quotes (the same test as its writing section)
    period = period_of(panel, view["start"] or None, view["end"] or None)
    return explained_ahead(scored, period, privacy=policy, people=people)


def render_review(
    output: str | os.PathLike[str],
    *,
    journal: Sequence[str | os.PathLike[str]] = (),
    urges: Sequence[str | os.PathLike[str]] = (),
    auto: Sequence[str | os.PathLike[str]] = (),
    evidence: Sequence[str | os.PathLike[str]] = (),
    person: Sequence[str] = (),
    me: Sequence[str] = (),
    client: str = "",
    start: str | None = None,
    end: str | None = None,
    privacy: str = "full",
    people: Sequence[str] = (),
    all_names: bool = False,
    keep: Sequence[str] = (),
    tz: str | None = None,
    force: bool = False,
    options: dict[str, Any] | None = None,
    pdf: bool | str | os.PathLike[str] = False,
) -> ReviewResult:
    """Render the progress review for one client to a private HTML file.

    Parameters
    ----------
    output : path
        The HTML file to write (mode 0600). An existing file is kept unless
        ``force=True``.
    journal, urges : sequence of paths
        The client's journal and urge exports (files, folders or zips). Either
        may be empty: the review says plainly what is missing.
    auto : sequence of paths
        Exports of either kind, detected (each tried as a journal, then as urges).
    evidence : sequence of paths
        The client's platform downloads (a WhatsApp chat, a Telegram ``result.json``,
        Meta's and Google's downloads: see :func:`~reflection_kit.formats`). The section
        "What the downloads show" compares them, day by day, with the urge log
        (:func:`~reflection_kit.logged_vs_shown`); no message text is ever read, and no
        name is shown.
    person : sequence of str
        The other person as the downloads name them (display names, handles, profile
        URLs); default: ``people``.
    me : sequence of str
        The client's own name as a download shows it, where it does not say.
    client : str
        A label shown in the title (for example initials).
    start, end : str, optional
        The period (``YYYY-MM-DD``); default: the last 4 weeks of the data.
    privacy : {"full", "redact", "aggregate"}
        ``"redact"`` replaces the people's names (and surnames), handles, links,
        e-mail addresses and phone numbers in every text the page shows or draws, and
        names the files "file 1 (csv)"...; ``"aggregate"`` shows no text the person
        typed at all.
    people : sequence of str
        Names and aliases of the person being let go.
    all_names : bool
        With ``privacy="redact"``, hide every capitalised name, not only ``people``
        (see :class:`~reflection_kit.review.PrivacyPolicy`).
    keep : sequence of str
        Names ``all_names`` never hides: the writer's own.
    tz : str, optional
        IANA zone for exports whose times carry none.
    force : bool
        Replace an existing output file (never an input file).
    options : dict, optional
        Reader options for every export (``columns``, ``habits``, ``moods``,
        ``timeformat``, ``kinds``...): each export takes the ones its format knows.
    pdf : bool or path
        Also print the review to PDF through headless Chromium
        (:func:`~reflection_kit.review.pdf.print_pdf`, offline, A4): ``True`` writes it
        beside ``output`` with the suffix ``.pdf``, a path writes it there. Like the
        HTML it is owner-only and never replaces a file unless ``force``. Chromium is
        looked for before the review is made.

    Returns
    -------
    ReviewResult

    Raises
    ------
    NothingToReviewError
        None of the exports could be read (or none holds a record).
    OutputIsInputError
        ``output`` is one of the input files (the same file, whatever its path).
    FileExistsError
        ``output`` exists and ``force`` is False (also when another program creates
        it while the review is being made); the same for the PDF.
    ChromiumNotFoundError
        ``pdf`` was asked for and Chromium is not installed; nothing was written.
    PdfError
        Chromium did not print the page; the HTML review is written, the PDF is not.
    NotebookError, MissingFiguresError
        A notebook cell raised, or a promised figure is not in the page.

    Examples
    --------
    >>> from reflection_kit.review import render_review  # doctest: +SKIP
    >>> render_review("review.html", journal=["dayone.zip"], urges=["urges.csv"])  # doctest: +SKIP
    """
    if privacy not in PRIVACY_MODES:
        raise ValueError(f"`privacy` must be one of {PRIVACY_MODES}, got {privacy!r}.")
    out = Path(output)
    same = input_holding(out, [*journal, *urges, *auto, *evidence])
    if same is not None:
        raise OutputIsInputError(
            f"{out} is one of the inputs ({same}); it was not touched and nothing was written. "
            "Suggestion: write the review to a new file, for example -o review.html."
        )
    if out.exists() and not force:
        raise FileExistsError(
            f"{out} already exists; nothing was written. Suggestion: choose another name, or "
            "pass --force to replace it."
        )
    pdf_out = None
    if pdf is not False and pdf is not None:
        from .pdf import pdf_target  # deferred: import cycle (pdf imports render)

        pdf_out = pdf_target(out, pdf, [*journal, *urges, *auto, *evidence], force=force)
    t0 = time.perf_counter()
    params = {
        "journal_paths": [str(Path(p).resolve()) for p in journal],
        "urge_paths": [str(Path(p).resolve()) for p in urges],
        "auto_paths": [str(Path(p).resolve()) for p in auto],
        "client": client,
        "start": start or "",
        "end": end or "",
        "privacy": privacy,
        "people": list(people),
        "all_names": bool(all_names),
        "keep_names": list(keep),
        "tz": tz or "",
        "read_options": dict(options or {}),
        "evidence_paths": [str(Path(p).resolve()) for p in evidence],
        "evidence_person": [str(p) for p in person],
        "evidence_me": [str(m) for m in me],
    }
    title = f"Progress review{(' — ' + client) if client else ''}"
    _leftovers.sweep_stale(out.parent if out.parent.is_dir() else None)
    # while the notebook runs, nbclient handles SIGINT/SIGTERM and then resets them to the
    # defaults: the write has its own handlers
    # the exports are read (and the journal scored) once, while the kernel starts, and
    # handed to the notebook (handover.py); nothing readable: NothingToReviewError
    view = {
        "start": start or "",
        "end": end or "",
        "privacy": privacy,
        "all_names": bool(all_names),
        "keep": list(keep),
    }
    prepare = functools.partial(
        _prepare_exports, journal, urges, auto, tz or None, options, list(people), view
    )
    with _leftovers.cleanup_on_signals():
        page = render_notebook(
            review_notebook(),
            params,
            title=title,
            prepare=prepare,
            warm_up=review_warm_up(),
        )
    with _leftovers.cleanup_on_signals():
        write_private(out, page, force=force)
    if pdf_out is not None:
        from .pdf import print_pdf  # deferred: import cycle (pdf imports render)

        print_pdf(out, pdf_out, force=force)
    return ReviewResult(out, time.perf_counter() - t0, client, pdf_out)
