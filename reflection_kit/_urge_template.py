"""The urge-log files ``reflection-kit template`` writes: an empty log, or an example.

The template is what a person fills in, so it holds the header row only and
loads as 0 urges with no problems. The three made-up example rows live in a
separate file (``--example``), clearly named, because any row in an urge log
loads as a real urge.
"""

from __future__ import annotations

import os
from pathlib import Path

from .sources.urgelog import write_shipped, write_urge_log_template

__all__ = ["EXAMPLE_ROWS", "write_urge_log_example", "write_urge_log_template"]

#: How many made-up urges the example file holds.
EXAMPLE_ROWS = 3


def write_urge_log_example(path: str | os.PathLike[str]) -> Path:
    """Write an example urge log: the header and three made-up urges to copy from.

    The rows load as real urges, so keep the example apart from your own log.

    Parameters, returns and errors are those of
    :func:`reflection_kit.sources.urgelog.write_urge_log_template`.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> import reflection_kit as rk
    >>> from reflection_kit._urge_template import write_urge_log_example
    >>> with tempfile.TemporaryDirectory() as d:
    ...     p = write_urge_log_example(pathlib.Path(d) / "example.csv")
    ...     rk.inspect(p).loaded
    3
    """
    return write_shipped("urge_log_example.csv", path, "example")
