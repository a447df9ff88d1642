"""The fixed-seed synthetic sample: 16 weeks of one fictional person letting go.

Robin (Europe/Berlin) keeps a journal and an urge log for 16 weeks after a
breakup with Alex, from Monday 2025-03-03 to Sunday 2025-06-22, with a trip to
New York in April and a hard anniversary week in May. The same story is
written in every export format reflection-kit reads, exactly as the real apps
lay their files out:

========================  =========  =================================================
file                      format     what
========================  =========  =================================================
``dayone.zip``            dayone     Day One JSON export (+ ``Gratitude.json``, photos)
``journal.txt``           jrnl       jrnl plain text, default timeformat
``jrnl.json``             jrnl_json  ``jrnl --format json``
``daylio.csv``            daylio     Daylio CSV (BOM, newest first, 12-hour times)
``notes/``                markdown   Obsidian vault of daily notes (nested folders)
``journal.csv``           table      generic table ``date,time,title,text,mood,tags``
``urges.csv``             urgelog    the reflection-kit urge log (the main urge source)
``loop.zip``              loop       Loop Habit Tracker v2.3.1+ CSV export
``downloads/``            (several)  Robin's platform downloads: WhatsApp, Telegram,
                                     Messenger, Instagram, Facebook, Google Takeout
========================  =========  =================================================

The downloads (:mod:`reflection_kit.sample.downloads`) are evidence of reaching out
and checking, consistent with the urge log but not identical to it; read them with
``rk.read_urges([root / p for p in SAMPLE_DOWNLOADS], person=SAMPLE_PERSON)``.

Everything is synthetic and invented; no real person's words are used.

Examples
--------
>>> import tempfile
>>> from reflection_kit.sample import write_sample
>>> with tempfile.TemporaryDirectory() as tmp:
...     paths = write_sample(tmp)
...     sorted(paths)[:3]
['daylio.csv', 'dayone.zip', 'journal.csv']
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from functools import cache
from pathlib import Path

from .downloads import SAMPLE_DOWNLOADS, SAMPLE_PERSON, downloads_files
from .story import Story, build_story
from .writers import (
    URGE_ACTIVITIES,
    daylio_csv,
    dayone_zip,
    jrnl_json,
    jrnl_text,
    loop_zip,
    notes_files,
    table_csv,
    urges_csv,
)

__all__ = [
    "SAMPLE_DOWNLOADS",
    "SAMPLE_FILES",
    "SAMPLE_PERSON",
    "SAMPLE_SEED",
    "URGE_ACTIVITIES",
    "Story",
    "build_story",
    "render_sample",
    "sample_dir",
    "write_sample",
]

#: The seed of the committed sample in ``data/sample``.
SAMPLE_SEED = 20250303

#: Sample file (or folder) name -> the format name it is written in.
SAMPLE_FILES: dict[str, str] = {
    "dayone.zip": "dayone",
    "journal.txt": "jrnl",
    "jrnl.json": "jrnl_json",
    "daylio.csv": "daylio",
    "notes": "markdown",
    "journal.csv": "table",
    "urges.csv": "urgelog",
    "loop.zip": "loop",
}


@cache
def _story(seed: int) -> Story:
    return build_story(seed)


def render_sample(seed: int = SAMPLE_SEED) -> dict[str, bytes]:
    """Every sample file as bytes, keyed by its relative posix path (nothing is written).

    Parameters
    ----------
    seed : int
        The story seed; :data:`SAMPLE_SEED` gives the committed sample.

    Returns
    -------
    dict of str to bytes
        ``"notes/2025/03/2025-03-03.md"``, ``"urges.csv"``, ... -> file content.

    Examples
    --------
    >>> from reflection_kit.sample import render_sample
    >>> files = render_sample()
    >>> files["urges.csv"].splitlines()[0]
    b'timestamp,kind,intensity,acted,trigger,coping,note'
    """
    if not isinstance(seed, int) or isinstance(seed, bool):
        raise TypeError(f"`seed` must be an int, got {seed!r} ({type(seed).__name__}).")
    story = _story(seed)
    files = {
        "dayone.zip": dayone_zip(story),
        "journal.txt": jrnl_text(story),
        "jrnl.json": jrnl_json(story),
        "daylio.csv": daylio_csv(story),
        "journal.csv": table_csv(story),
        "urges.csv": urges_csv(story),
        "loop.zip": loop_zip(story),
    }
    for name, data in notes_files(story).items():
        files[f"notes/{name}"] = data
    files.update(downloads_files(story))  # last: the other files never change
    return files


def write_sample(directory: str | os.PathLike[str], *, seed: int = SAMPLE_SEED) -> dict[str, Path]:
    """Write the synthetic sample exports into ``directory``.

    The folder is created when missing. Only the sample's own files are
    written (existing copies are overwritten); nothing else in the folder is
    touched or removed. The output is byte-for-byte the same for the same
    seed on every machine: no clock, locale, time zone or hash seed is used.

    Parameters
    ----------
    directory : str or path-like
        Where to write, for example ``"data/sample"``.
    seed : int, default SAMPLE_SEED
        The story seed. Other seeds tell the same story with other details.

    Returns
    -------
    dict of str to Path
        Each name of :data:`SAMPLE_FILES` (``"dayone.zip"``, ..., ``"notes"``)
        mapped to the path written. The platform downloads are written too, under
        ``downloads/`` (:data:`SAMPLE_DOWNLOADS`).

    Raises
    ------
    NotADirectoryError
        When ``directory`` exists and is a file.

    Examples
    --------
    >>> import tempfile
    >>> from reflection_kit.sample import write_sample
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     paths = write_sample(tmp)
    ...     paths["urges.csv"].name, paths["notes"].is_dir()
    ('urges.csv', True)
    """
    root = Path(directory).expanduser()
    if root.exists() and not root.is_dir():
        raise NotADirectoryError(
            f"`directory` must be a folder, but {root} is a file. Suggestion: pass a new or "
            "existing folder, for example 'data/sample'."
        )
    files = render_sample(seed)
    for name, data in files.items():
        path = root.joinpath(*name.split("/"))
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.is_file() or path.read_bytes() != data:
            path.write_bytes(data)
    return {name: root / name for name in SAMPLE_FILES}


def _checkout_sample() -> Path | None:
    """``data/sample`` of the source checkout this package runs from, if there is one."""
    repo = Path(__file__).resolve().parents[2]
    folder = repo / "data" / "sample"
    if (repo / "pyproject.toml").is_file() and folder.is_dir():
        return folder
    return None


def _matches(folder: Path, files: dict[str, bytes]) -> bool:
    for name, data in files.items():
        path = folder.joinpath(*name.split("/"))
        try:
            if path.read_bytes() != data:
                return False
        except OSError:
            return False
    return True


_TEMP: list[Path] = []


def sample_dir() -> Path:
    """A folder holding the sample exports, for ``--sample`` options and notebooks.

    Inside a source checkout whose ``data/sample`` matches the generator
    byte for byte, that folder is returned. Otherwise (an installed wheel, or
    a stale checkout) the sample is generated once per process into a private
    temporary folder (mode 0700), which is removed when the process exits.

    Returns
    -------
    pathlib.Path
        The folder; ``sample_dir() / "urges.csv"`` and friends exist.

    Examples
    --------
    >>> from reflection_kit.sample import sample_dir
    >>> (sample_dir() / "urges.csv").is_file()
    True
    """
    if _TEMP:
        return _TEMP[0]
    files = render_sample(SAMPLE_SEED)
    folder = _checkout_sample()
    if folder is not None and _matches(folder, files):
        _TEMP.append(folder)
        return folder
    tmp = Path(tempfile.mkdtemp(prefix="reflection-kit-sample-"))
    tmp.chmod(0o700)
    atexit.register(shutil.rmtree, tmp, ignore_errors=True)
    write_sample(tmp)
    _TEMP.append(tmp)  # generated once per process
    return tmp
