"""The review's exports, read and scored once, and handed to the review's kernel.

``reflection-kit review`` must know that the exports hold something before it makes a
review, so it reads them itself. It reads them while the review's kernel starts (that
takes about two seconds, during which the command would otherwise wait), scores the
journal, explains the sentences the review will quote, and hands all three to the notebook
in one owner-only file in the review's private working folder (removed with it). The
notebook, run by hand, reads the exports itself with the same function,
:func:`read_exports`, so both paths give the same frames.
"""

from __future__ import annotations

import os
import pickle
import stat
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from ..workspace import Exports, load_exports
from .content import Spans, remember_explained

__all__ = ["load_handover", "read_exports", "save_handover"]

#: The file name of the hand-over inside the review's private working folder.
HANDOVER_NAME = "exports.pickle"


def read_exports(
    journal: Sequence[str | os.PathLike[str]],
    urges: Sequence[str | os.PathLike[str]],
    auto: Sequence[str | os.PathLike[str]] = (),
    *,
    tz: str | None = None,
    options: dict[str, Any] | None = None,
    people: Sequence[str] = (),
) -> tuple[Exports, pd.DataFrame]:
    """Read the review's exports and score the journal, as the review does.

    Parameters
    ----------
    journal, urges, auto : sequence of paths
        As :func:`~reflection_kit.load_exports` (``sample:`` paths included).
    tz : str, optional
        IANA zone for exports whose times carry none.
    options : dict, optional
        Reader options for every export.
    people : sequence of str
        Names or aliases of the person being let go (for the rumination index).

    Returns
    -------
    (Exports, pandas.DataFrame)
        Everything read (with its reports), and the journal scored with
        :func:`~reflection_kit.score_entries` (empty when there is no journal).

    Examples
    --------
    >>> from reflection_kit.review.handover import read_exports
    >>> exports, journal = read_exports(["sample:notes"], ["sample:urges.csv"], people=["Alex"])
    >>> len(journal) == len(exports.journal), "rumination" in journal.columns
    (True, True)
    """
    exports = load_exports(
        list(journal), list(urges), auto=list(auto), tz=tz or None, quiet=True, options=options
    )
    scored = exports.journal
    if len(scored):
        # deferred: the language layer (NLTK, the lexicons) loads only for a journal
        from ..text import score_entries

        scored = score_entries(scored, people=list(people) or None)
    return exports, scored


def save_handover(
    folder: str | os.PathLike[str],
    exports: Exports,
    journal: pd.DataFrame,
    explained: Spans | None = None,
) -> Path:
    """Write the hand-over file (owner-only) into ``folder``; return its path.

    ``explained``: the quotes' explanations worked out ahead
    (:func:`~reflection_kit.review.content.explained_ahead`), kept by :func:`load_handover`.
    """
    path = Path(folder, HANDOVER_NAME)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as fh:
        pickle.dump(
            (exports, journal, dict(explained or {})), fh, protocol=pickle.HIGHEST_PROTOCOL
        )
    return path


def load_handover(path: str | os.PathLike[str]) -> tuple[Exports, pd.DataFrame]:
    """Read a hand-over file written by :func:`save_handover`.

    The explanations it holds are kept for the quotes (:func:`.content.remember_explained`).

    Only a file that this user owns and nobody else can write or read is opened (it is
    a pickle: opening someone else's could run their code).

    Raises
    ------
    PermissionError
        The file is not owner-only or belongs to someone else.
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    with os.fdopen(fd, "rb") as fh:
        st = os.fstat(fh.fileno())
        mine = not hasattr(os, "getuid") or st.st_uid == os.getuid()
        if not mine or st.st_mode & (stat.S_IRWXG | stat.S_IRWXO):
            raise PermissionError(
                f"{path} is not an owner-only file of this user, so it was not opened. "
                "Suggestion: leave `prepared_path` empty; the notebook then reads the exports."
            )
        exports, journal, explained = pickle.load(fh)
    remember_explained(explained)  # (the quotes then need no lexicon in this process)
    return exports, journal
