"""JSON parsing for the readers: any encoding, and no crash on hostile nesting.

``json.loads`` raises :class:`RecursionError` (not a ``ValueError``) on input
nested a few thousand levels deep, such as ``[[[[...]]]]`` in a damaged or
hostile file. :func:`loads` turns that into a :class:`json.JSONDecodeError`,
so readers report it like any other invalid JSON.
"""

from __future__ import annotations

import json
from typing import Any

from ._input import decode_text

__all__ = ["loads", "loads_bytes"]


def loads(text: str) -> Any:
    """``json.loads(text)``; too deep nesting raises :class:`json.JSONDecodeError`."""
    try:
        return json.loads(text)
    except RecursionError:
        raise json.JSONDecodeError(
            "nested too deeply to read (a damaged or hostile file)", text, 0
        ) from None


def loads_bytes(data: bytes) -> tuple[Any, str, str]:
    """Decode ``data`` like :func:`decode_text` (BOM, UTF-16, CP1252) and parse it.

    Returns ``(object, text, encoding)``; raises :class:`json.JSONDecodeError`.
    """
    text, enc = decode_text(data)
    return loads(text), text, enc
