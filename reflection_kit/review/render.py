"""Render the coach's progress review: papermill runs the notebook, nbconvert exports it.

The review notebook ships inside the package (``progress_review.ipynb``; the
repository's ``notebooks/04_progress_review.ipynb`` is a link to it), so there is
one source of truth and it works from an installed wheel. The HTML is exported
without code cells through nbconvert's ``basic`` template and wrapped in a page
whose styles are inline; images are inline PNGs; no script, font or style comes
from the network. The kernel talks to papermill over Unix domain sockets in a
private folder (:mod:`reflection_kit.review._kernel`), so rendering opens no
TCP/IP socket, not even on loopback (on Windows: TCP on 127.0.0.1).
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from ..privacy import write_private
from .page import wrap_page

__all__ = ["PRIVACY_MODES", "ReviewResult", "render_notebook", "render_review", "review_notebook"]

PRIVACY_MODES = ("full", "redact", "aggregate")


@contextlib.contextmanager
def _quiet_stderr() -> Iterator[None]:
    """Keep the kernel's start-up and shut-down chatter off the terminal.

    The kernel inherits file descriptor 2; cell errors still come back through
    papermill as exceptions with their traceback.
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


def render_notebook(
    notebook: str | os.PathLike[str], parameters: dict[str, Any], *, title: str
) -> str:
    """Execute ``notebook`` with ``parameters`` and return a self-contained HTML page.

    The kernel runs in a private temporary working folder; nothing is written
    beside the notebook. It is reached over Unix domain sockets only
    (:class:`~reflection_kit.review._kernel.IPCKernelManager`).
    """
    import papermill
    from nbconvert import HTMLExporter

    from ._kernel import IPCKernelManager

    with tempfile.TemporaryDirectory(prefix="rk-review-") as tmp, _quiet_stderr():
        os.chmod(tmp, 0o700)
        nb = papermill.execute_notebook(
            str(notebook),
            None,
            parameters=parameters,
            kernel_name="python3",
            progress_bar=False,
            log_output=False,
            cwd=tmp,
            kernel_manager_class=IPCKernelManager,
        )
    exporter = HTMLExporter(
        template_name="basic",
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
    )
    body, _ = exporter.from_notebook_node(nb)
    return wrap_page(body, title=title)


def render_review(
    output: str | os.PathLike[str],
    *,
    journal: Sequence[str | os.PathLike[str]] = (),
    urges: Sequence[str | os.PathLike[str]] = (),
    auto: Sequence[str | os.PathLike[str]] = (),
    client: str = "",
    start: str | None = None,
    end: str | None = None,
    privacy: str = "full",
    people: Sequence[str] = (),
    tz: str | None = None,
    force: bool = False,
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
    client : str
        A label shown in the title (for example initials).
    start, end : str, optional
        The period (``YYYY-MM-DD``); default: the last 4 weeks of the data.
    privacy : {"full", "redact", "aggregate"}
        ``"redact"`` replaces the people's names, e-mail addresses, phone numbers
        and URLs in every quoted sentence; ``"aggregate"`` quotes no journal text.
    people : sequence of str
        Names and aliases of the person being let go.
    tz : str, optional
        IANA zone for exports whose times carry none.
    force : bool
        Replace an existing output file.

    Returns
    -------
    ReviewResult

    Examples
    --------
    >>> from reflection_kit.review import render_review  # doctest: +SKIP
    >>> render_review("review.html", journal=["dayone.zip"], urges=["urges.csv"])  # doctest: +SKIP
    """
    if privacy not in PRIVACY_MODES:
        raise ValueError(f"`privacy` must be one of {PRIVACY_MODES}, got {privacy!r}.")
    out = Path(output)
    if out.exists() and not force:
        raise FileExistsError(
            f"{out} already exists; nothing was written. Suggestion: choose another name, or "
            "pass --force to replace it."
        )
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
        "tz": tz or "",
    }
    title = f"Progress review{(' — ' + client) if client else ''}"
    page = render_notebook(review_notebook(), params, title=title)
    write_private(out, page, force=force)
    return ReviewResult(out, time.perf_counter() - t0, client)
