"""Many clients at once: one review per client folder, and an index page."""

from __future__ import annotations

import html
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..privacy import write_private
from .page import wrap_page
from .render import render_review

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


def _exports_in(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if not p.name.startswith((".", "_", "~")))


def _reason(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    useful = [line for line in text if line.strip() and not set(line) <= set("-")]
    name = getattr(exc, "ename", "") or type(exc).__name__
    evalue = getattr(exc, "evalue", "")
    if evalue:
        return f"{name}: {evalue}"[:300]
    return (useful[-1] if useful else name)[:300]


def review_clients(
    clients_dir: str | os.PathLike[str],
    out_dir: str | os.PathLike[str],
    *,
    force: bool = False,
    progress: bool = True,
    **options: Any,
) -> list[ClientResult]:
    """Write one review per client folder, plus ``index.html`` with one line per client.

    Parameters
    ----------
    clients_dir : path
        A folder with one subfolder per client; the exports inside each are
        detected (journal or urges) automatically.
    out_dir : path
        Where to write ``<client>.html`` files and ``index.html`` (mode 0600;
        the folder is created with mode 0700).
    force : bool
        Replace existing review files.
    progress : bool
        Show a progress bar on the terminal (standard error).
    **options
        Passed to :func:`render_review` (``privacy``, ``people``, ``start``, ...).

    Returns
    -------
    list of ClientResult
        A client whose data fails is listed with the reason; the others still complete.

    Examples
    --------
    >>> from reflection_kit.review import review_clients  # doctest: +SKIP
    >>> review_clients("clients/", "reviews/", privacy="redact")  # doctest: +SKIP
    """
    root = Path(clients_dir)
    if not root.is_dir():
        raise NotADirectoryError(f"{root} is not a folder of client folders.")
    folders = sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith("."))
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True, mode=0o700)
    index = out / "index.html"
    if index.exists() and not force:
        raise FileExistsError(
            f"{index} already exists; nothing was written. Suggestion: choose another output "
            "folder, or pass --force to replace the reviews."
        )
    results: list[ClientResult] = []
    bar = _bar(len(folders), progress)
    for folder in folders:
        t0 = time.perf_counter()
        exports = _exports_in(folder)
        target = out / f"{folder.name}.html"
        try:
            if not exports:
                raise ValueError("the folder holds no exports")
            render_review(target, auto=exports, client=folder.name, force=force, **options)
            results.append(
                ClientResult(folder.name, target, True, "", len(exports), time.perf_counter() - t0)
            )
        except Exception as exc:  # one client's failure must not stop the others
            results.append(
                ClientResult(
                    folder.name, None, False, _reason(exc), len(exports), time.perf_counter() - t0
                )
            )
        bar(folder.name)
    bar(None)
    write_private(index, _index_page(results), force=True)
    return results


def _bar(total: int, enabled: bool):
    try:
        from tqdm import tqdm
    except ImportError:  # pragma: no cover - tqdm is a dependency
        tqdm = None
    if not enabled or tqdm is None:
        return lambda name: None
    pbar = tqdm(total=total, unit="client", file=sys.stderr, desc="reviews")

    def step(name: str | None) -> None:
        if name is None:
            pbar.close()
        else:
            pbar.set_postfix_str(name)
            pbar.update(1)

    return step


def _index_page(results: list[ClientResult]) -> str:
    rows = []
    for r in results:
        name = html.escape(r.client)
        if r.ok and r.path is not None:
            link = f'<a href="{html.escape(r.path.name)}">{name}</a>'
            status = "review written"
        else:
            link = name
            status = f"could not be made: {html.escape(r.reason)}"
        rows.append(
            f"<tr><td>{link}</td><td>{r.exports}</td><td>{status}</td>"
            f"<td>{r.seconds:.1f} s</td></tr>"
        )
    ok = sum(r.ok for r in results)
    body = (
        "<h1>Progress reviews</h1>"
        f"<p>{ok} of {len(results)} client review(s) written.</p>"
        "<table><thead><tr><th>client</th><th>exports</th><th>status</th><th>time</th></tr>"
        f"</thead><tbody>{''.join(rows)}</tbody></table>"
    )
    return wrap_page(body, title="Progress reviews")
