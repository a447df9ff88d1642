"""Print a review to PDF through headless Chromium, offline.

The page's own print styles (A4, a new page per section, no figure or table row
cut in two; see :mod:`reflection_kit.review.page`) lay it out. Chromium is the
browser installed on this computer (Debian's ``chromium`` package, found on
``PATH``); nothing is downloaded. It runs with a fresh, private profile folder
(removed afterwards, and on SIGTERM/SIGINT) and with every background service
that could reach the network switched off; the page itself allows no network
request (its Content-Security-Policy allows only inline images and styles).

The PDF is written like the HTML: atomically, readable by its owner only, and
never over an existing file unless ``force``.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
from collections.abc import Sequence
from pathlib import Path

from ..privacy import write_private
from . import _leftovers
from .render import OutputIsInputError, ReviewError, input_holding

__all__ = [
    "CHROMIUM_FLAGS",
    "ChromiumNotFoundError",
    "PdfError",
    "find_chromium",
    "pdf_target",
    "print_pdf",
    "require_chromium",
]

#: Chromium's flags: headless, no sandbox (it runs as this user), and no network.
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-default-apps",
    "--disable-domain-reliability",
    "--disable-breakpad",
    "--metrics-recording-only",
    "--no-pdf-header-footer",
)
_NAMES = ("chromium", "chromium-browser")
_TIMEOUT = 120.0


class PdfError(ReviewError):
    """The review could not be printed to PDF; no PDF was written."""


class ChromiumNotFoundError(PdfError, FileNotFoundError):
    """Printing to PDF needs Chromium, and it is not installed (not on ``PATH``)."""


def find_chromium() -> str | None:
    """The Chromium program on ``PATH`` (``chromium``, then ``chromium-browser``), if any."""
    for name in _NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def require_chromium(chromium: str | None = None) -> str:
    """``chromium`` or the one on ``PATH``; :class:`ChromiumNotFoundError` when there is none."""
    found = shutil.which(chromium) if chromium else find_chromium()
    if found:
        return found
    what = f"{chromium!r} was not found" if chromium else "Chromium was not found on PATH"
    raise ChromiumNotFoundError(
        f"Printing the review to PDF needs the Chromium browser, and {what}; nothing was "
        "written. Suggestion: install it (Debian and Ubuntu: `sudo apt-get install "
        "chromium`; Fedora: `sudo dnf install chromium`), or write the HTML review without "
        "--pdf, open it in any browser and print it to PDF from there (File, Print, Save as "
        "PDF)."
    )


def _stop(proc: subprocess.Popen[bytes]) -> None:
    """End Chromium and every process it started (its own process group)."""
    if proc.poll() is None:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError, AttributeError):
            proc.kill()
    proc.wait()


def print_pdf(
    html_path: str | os.PathLike[str],
    pdf_path: str | os.PathLike[str],
    *,
    force: bool = False,
    chromium: str | None = None,
    timeout: float = _TIMEOUT,
) -> Path:
    """Print the HTML file ``html_path`` to the PDF file ``pdf_path`` (mode 0600).

    Parameters
    ----------
    html_path : path
        A review page (or any self-contained HTML file) on this computer.
    pdf_path : path
        The PDF to write. An existing file is kept unless ``force=True``.
    force : bool
        Replace an existing PDF.
    chromium : str, optional
        The Chromium program; default: ``chromium`` (or ``chromium-browser``) on ``PATH``.
    timeout : float
        Seconds to wait for Chromium.

    Returns
    -------
    pathlib.Path
        The PDF written.

    Raises
    ------
    ChromiumNotFoundError
        Chromium is not installed.
    FileExistsError
        ``pdf_path`` exists and ``force`` is False (also when another program creates it
        meanwhile).
    PdfError
        Chromium did not print the page (it stopped, timed out, or wrote no PDF).

    Examples
    --------
    >>> from reflection_kit.review.pdf import print_pdf  # doctest: +SKIP
    >>> print_pdf("review.html", "review.pdf")  # doctest: +SKIP
    """
    exe = require_chromium(chromium)
    source = Path(html_path).resolve()
    target = Path(pdf_path)
    if not source.is_file():
        raise PdfError(
            f"{html_path} is not a file; nothing was printed. Suggestion: write the review "
            "first, then print it."
        )
    if target.exists() and not force:
        raise FileExistsError(
            f"{target} already exists; nothing was written. Suggestion: choose another name, "
            "or pass --force to replace it."
        )
    tmp = _leftovers.make_private_dir("rk-review-")
    key = _leftovers.register(_leftovers.remove_tree(tmp))
    printed = Path(tmp, "review.pdf")
    cmd = [
        exe,
        *CHROMIUM_FLAGS,
        f"--user-data-dir={Path(tmp, 'profile')}",
        f"--print-to-pdf={printed}",
        source.as_uri(),
    ]
    try:
        with _leftovers.cleanup_on_signals():
            proc = subprocess.Popen(
                cmd,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                start_new_session=True,
                cwd=tmp,
            )
            stop_key = _leftovers.register(lambda: _stop(proc))
            try:
                _, err = proc.communicate(timeout=timeout)
            except subprocess.TimeoutExpired:
                _stop(proc)
                raise PdfError(
                    f"Chromium did not print {source.name} within {timeout:.0f} seconds; no "
                    "PDF was written. Suggestion: try again, or open the HTML review in a "
                    "browser and print it to PDF from there."
                ) from None
            finally:
                _stop(proc)
                _leftovers.unregister(stop_key)
            data = printed.read_bytes() if printed.is_file() else b""
            if proc.returncode != 0 or not data.startswith(b"%PDF"):
                last = err.decode("utf-8", "replace").strip().splitlines()[-1:] or ["no message"]
                raise PdfError(
                    f"Chromium could not print {source.name} (exit status {proc.returncode}: "
                    f"{last[0][:300]}); no PDF was written. Suggestion: check that `{exe} "
                    "--version` runs, or open the HTML review in a browser and print it to PDF "
                    "from there."
                )
            return write_private(target, data, force=force)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
        _leftovers.unregister(key)


def pdf_target(
    out: Path,
    pdf: bool | str | os.PathLike[str],
    inputs: Sequence[str | os.PathLike[str]],
    *,
    force: bool,
) -> Path:
    """Where the review's PDF goes, checked before the review is made.

    ``pdf=True`` is ``out`` with the suffix ``.pdf``. Raises
    :class:`ChromiumNotFoundError`, :class:`OutputIsInputError` (the PDF would replace
    an input or the HTML) or :class:`FileExistsError` (it exists and not ``force``).
    """
    target = out.with_suffix(".pdf") if pdf is True else Path(pdf)
    require_chromium()
    same = input_holding(target, inputs)
    if same is not None or (target.resolve() == out.resolve()):
        raise OutputIsInputError(
            f"The PDF {target} is one of the inputs or the HTML review; nothing was written. "
            "Suggestion: write the PDF to a new file, for example review.pdf."
        )
    if target.exists() and not force:
        raise FileExistsError(
            f"{target} already exists; nothing was written. Suggestion: choose another name, "
            "or pass --force to replace it."
        )
    return target
