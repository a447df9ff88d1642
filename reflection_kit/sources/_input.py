"""A uniform, read-only view of a file, a folder or a zip.

Zips are read in memory: a member's name is only ever a key, never a path on
disk. Unsafe member names (``../``, absolute paths, symlinks) are listed in
:attr:`Input.unsafe` and never served.
"""

from __future__ import annotations

import io
import os
import stat
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from ..errors import ParseError

try:  # a member may claim LZMA compression (method 14), real or by a damaged byte
    from lzma import LZMAError
except ImportError:  # pragma: no cover - Python built without lzma
    LZMAError = OSError

#: What zipfile raises on a damaged or unsupported archive or member: a version or
#: compression method it does not know (a flipped byte) is NotImplementedError, and a
#: member flagged as encrypted (a real password, or one flipped bit) is RuntimeError.
_ZIP_ERRORS = (
    zipfile.BadZipFile,
    OSError,
    EOFError,
    ValueError,
    NotImplementedError,
    RuntimeError,
    zlib.error,
    LZMAError,
)

__all__ = ["DEFAULT_MAX_UNZIPPED_BYTES", "Input", "decode_text"]

#: Refuse zips that would expand past this many bytes (override with
#: ``max_unzipped_bytes=`` on any reader).
DEFAULT_MAX_UNZIPPED_BYTES = 2 * 1024**3
_SKIP_DIRS = {".git", "__MACOSX", ".trash", ".Trash"}


@dataclass
class Input:
    """The input of one read: a single file, a folder, or a zip held in memory."""

    path: Path
    kind: str  # "file" | "dir" | "zip"
    _zip: zipfile.ZipFile | None = None
    _members: dict[str, zipfile.ZipInfo] = field(default_factory=dict)
    unsafe: list[tuple[str, str]] = field(default_factory=list)
    _names: list[str] | None = None

    @classmethod
    def open(cls, path: str | os.PathLike[str], *, max_unzipped_bytes: int | None = None) -> Input:
        """Open ``path`` for reading, or raise a :class:`ParseError` that says why not."""
        p = Path(path).expanduser()
        if not p.exists():
            raise ParseError(
                f"{p}: no such file or folder. Suggestion: check the path; relative paths "
                f"are resolved from {Path.cwd()}.",
                location=str(p),
                reason="no such file or folder",
            )
        if p.is_dir():
            return cls(p, "dir")
        if zipfile.is_zipfile(p) or p.suffix.lower() == ".zip":
            return cls._open_zip(p, max_unzipped_bytes or DEFAULT_MAX_UNZIPPED_BYTES)
        return cls(p, "file")

    @classmethod
    def _open_zip(cls, p: Path, limit: int) -> Input:
        data = p.read_bytes()
        try:
            zf = zipfile.ZipFile(io.BytesIO(data))
            infos = zf.infolist()
        except _ZIP_ERRORS as exc:
            raise ParseError(
                f"{p.name}: this zip is damaged or truncated ({exc}). Suggestion: export it "
                "again from the app, or unzip it with your system's tool and pass the folder.",
                location=p.name,
                reason=f"corrupt zip: {exc}",
            ) from exc
        total = sum(i.file_size for i in infos)
        if total > limit:
            raise ParseError(
                f"{p.name}: this zip would expand to {total:,} bytes, more than the limit of "
                f"{limit:,} bytes (a zip bomb, or a very large export). Suggestion: if you trust "
                f"the file, pass max_unzipped_bytes={total + 1} to raise the limit.",
                location=p.name,
                reason="zip expands past the size limit",
            )
        inp = cls(p, "zip", _zip=zf)
        for info in infos:
            name = info.filename
            if info.is_dir():
                continue
            mode = info.external_attr >> 16
            pure = PurePosixPath(name.replace("\\", "/"))
            if stat.S_ISLNK(mode):
                inp.unsafe.append((name, "zip member is a symbolic link; it was not followed"))
            elif pure.is_absolute() or name.startswith(("/", "\\")) or ":" in pure.parts[0]:
                inp.unsafe.append((name, "zip member has an absolute path; it was not read"))
            elif ".." in pure.parts:
                inp.unsafe.append((name, "zip member name climbs out with '../'; it was not read"))
            else:
                inp._members[str(pure)] = info
        return inp

    @property
    def display(self) -> str:
        """The name used in messages: the file or folder name."""
        return self.path.name or str(self.path)

    def names(self) -> list[str]:
        """Relative POSIX names of every readable file, sorted."""
        if self._names is None:
            if self.kind == "file":
                self._names = [self.path.name]
            elif self.kind == "zip":
                self._names = sorted(
                    n for n in self._members if not (set(n.split("/")) & _SKIP_DIRS)
                )
            else:
                out = []
                for root, dirs, files in os.walk(self.path, followlinks=False):
                    dirs[:] = sorted(d for d in dirs if d not in _SKIP_DIRS)
                    for f in files:
                        full = Path(root, f)
                        if full.is_symlink():
                            continue
                        out.append(full.relative_to(self.path).as_posix())
                self._names = sorted(out)
        return self._names

    def read_bytes(self, name: str) -> bytes:
        """The bytes of one member (never writes anything)."""
        if self.kind == "file":
            return self.path.read_bytes()
        if self.kind == "zip":
            assert self._zip is not None
            info = self._members[name]
            try:
                with self._zip.open(info) as fh:
                    data = fh.read(info.file_size + 1)
            except _ZIP_ERRORS as e:
                raise ParseError(
                    f"{self.where(name)}: this zip member is damaged ({e}). Suggestion: export "
                    "again from the app.",
                    location=self.where(name),
                    reason=f"damaged zip member: {e}",
                ) from e
            if len(data) > info.file_size:
                raise ParseError(
                    f"{self.where(name)}: the member is larger than its header says; refusing it.",
                    location=self.where(name),
                    reason="zip member size mismatch",
                )
            return data
        return (self.path / name).read_bytes()

    def read_text(self, name: str) -> tuple[str, str]:
        """Decode one member; return ``(text, encoding)`` with newlines normalised."""
        return decode_text(self.read_bytes(name))

    def where(self, name: str) -> str:
        """How a member is named in messages: ``export.zip:Journal.json``, ``notes/a.md``."""
        if self.kind == "file":
            return self.path.name
        return f"{self.display}:{name}" if self.kind == "zip" else f"{self.display}/{name}"


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode bytes from an export; return ``(text, encoding)``.

    UTF-8 (with or without BOM) and UTF-16 (with BOM, or detected by its NUL
    pattern) are read exactly. Other bytes that are not valid UTF-8 are read as
    Windows-1252, the usual re-save encoding of spreadsheet programs, and the
    returned encoding says so. Newlines are normalised to ``\\n``.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        text, enc = data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text, enc = data.decode("utf-16", errors="replace"), "utf-16"
    else:
        sample = data[:4096]
        if len(sample) >= 4 and sample[1::2].count(0) > 0.4 * (len(sample) // 2):
            text, enc = data.decode("utf-16-le", errors="replace"), "utf-16-le"
        elif len(sample) >= 4 and sample[0::2].count(0) > 0.4 * (len(sample) // 2):
            text, enc = data.decode("utf-16-be", errors="replace"), "utf-16-be"
        else:
            try:
                text, enc = data.decode("utf-8"), "utf-8"
            except UnicodeDecodeError:
                text, enc = data.decode("cp1252", errors="replace"), "cp1252"
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, enc
