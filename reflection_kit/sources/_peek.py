"""Cheap looks at the start of a member, for format detectors.

Detectors must not read a 50 MB journal just to say "yes, that is mine". These
helpers read only the first bytes of a file or zip member (zip members are still
read in memory; nothing is written or extracted).
"""

from __future__ import annotations

from ._input import Input, decode_text

__all__ = ["head_bytes", "head_text"]

#: How much of a member a detector looks at.
HEAD_BYTES = 256 * 1024


def head_bytes(inp: Input, name: str, n: int = HEAD_BYTES) -> bytes:
    """The first ``n`` bytes of member ``name`` of ``inp`` (never raises on a bad member)."""
    try:
        if inp.kind == "file":
            with inp.path.open("rb") as fh:
                return fh.read(n)
        if inp.kind == "dir":
            with (inp.path / name).open("rb") as fh:
                return fh.read(n)
        zf = getattr(inp, "_zip", None)
        info = getattr(inp, "_members", {}).get(name)
        if zf is not None and info is not None:
            with zf.open(info) as fh:
                return fh.read(n)
        return inp.read_bytes(name)[:n]
    except Exception:  # a detector must never crash; an unreadable head is "no match"
        return b""


def head_text(inp: Input, name: str, n: int = HEAD_BYTES) -> str:
    """The first ``n`` bytes of member ``name``, decoded like :meth:`Input.read_text`."""
    data = head_bytes(inp, name, n)
    if len(data) == n and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        # do not let a UTF-8 character cut at the end turn the head into cp1252
        j = len(data) - 1
        while j > len(data) - 4 and (data[j] & 0xC0) == 0x80:
            j -= 1
        if data[j] >= 0xC0:
            data = data[:j]
    text, _ = decode_text(data)
    return text
