"""A uniform, read-only view of a file, a folder or a zip.

Zips are read in memory: a member's name is only ever a key, never a path on
disk. Unsafe member names (``../``, absolute paths, symlinks) are listed in
:attr:`Input.unsafe` and never served.

Only regular files are read (alone, inside a folder, or holding a zip): a FIFO,
a device or a socket is refused with a located message (as the input) or listed
in :attr:`Input.unsafe` (inside a folder), so nothing ever blocks on a pipe or
reads ``/dev/zero`` for ever. The size limit applies to every input file, not
only to what a zip expands to. A file that cannot be opened says why
("permission denied").
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

__all__ = [
    "DEFAULT_MAX_UNZIPPED_BYTES",
    "Input",
    "decode_text",
    "plain_utf8",
    "printable_name",
    "read_regular",
]

#: Refuse zips that would expand past this many bytes, and any input file larger
#: than this (override with ``max_unzipped_bytes=`` on any reader).
DEFAULT_MAX_UNZIPPED_BYTES = 2 * 1024**3
_SKIP_DIRS = {".git", "__MACOSX", ".trash", ".Trash"}


def _file_type(mode: int) -> str | None:
    """What a non-regular file is, in plain words (``None`` for a regular file)."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISDIR(mode):
        return "a folder"
    return "not a regular file"


def _os_reason(exc: OSError) -> str:
    """``permission denied``, ``no such file or folder``... from an OSError."""
    if isinstance(exc, PermissionError):
        return "permission denied"
    if isinstance(exc, FileNotFoundError):
        return "no such file or folder"
    if isinstance(exc, IsADirectoryError):
        return "it is a folder"
    return (exc.strerror or type(exc).__name__).lower()


def _unreadable(where: str, exc: OSError) -> ParseError:
    reason = _os_reason(exc)
    hint = (
        "give yourself read permission (for example `chmod u+r`), or copy the export to a "
        "folder of yours"
        if isinstance(exc, PermissionError)
        else "check the path and that the file is still there"
    )
    return ParseError(
        f"{where}: cannot be read: {reason}. Suggestion: {hint}.",
        location=where,
        reason=f"cannot be read: {reason}",
    )


def _too_big(where: str, size: int, limit: int) -> ParseError:
    return ParseError(
        f"{where}: this file is {size:,} bytes, more than the limit of {limit:,} bytes. "
        f"Suggestion: check that this is the export you meant; if you trust the file, pass "
        f"max_unzipped_bytes={size + 1} to raise the limit.",
        location=where,
        reason="file larger than the size limit",
    )


def read_regular(path: Path, where: str, limit: int = DEFAULT_MAX_UNZIPPED_BYTES) -> bytes:
    """The bytes of the regular file ``path``, refusing pipes, devices and huge files.

    The file is opened without blocking (a FIFO never hangs the read) and checked
    on the open descriptor, then read up to ``limit`` bytes; ``where`` names it in
    messages. Raises :class:`ParseError` with the reason.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        raise _unreadable(where, exc) from exc
    try:
        st = os.fstat(fd)
        what = _file_type(st.st_mode)
        if what is not None:
            raise _not_regular(where, what)
        if st.st_size > limit:
            raise _too_big(where, st.st_size, limit)
        chunks: list[bytes] = []
        total = 0
        # the whole file in one read when it is as large as it said (no joined copy: a
        # 200 MB log held once, not as pieces and their join); smaller reads after that
        want = st.st_size + 1
        while True:
            try:
                chunk = os.read(fd, min(want, limit + 1 - total))
            except OSError as exc:
                raise _unreadable(where, exc) from exc
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            want = 1 << 20
            if total > limit:  # the file grew while it was read
                raise _too_big(where, total, limit)
        return chunks[0] if len(chunks) == 1 else b"".join(chunks)
    finally:
        os.close(fd)


def _not_regular(where: str, what: str) -> ParseError:
    return ParseError(
        f"{where}: this is {what}, not a file; reflection-kit reads only regular files "
        "(alone, in a folder or in a zip), so it was not read. Suggestion: pass the exported "
        "file itself.",
        location=where,
        reason=f"{what}, not a regular file; it was not read",
    )


@dataclass
class Input:
    """The input of one read: a single file, a folder, or a zip held in memory."""

    path: Path
    kind: str  # "file" | "dir" | "zip"
    _zip: zipfile.ZipFile | None = None
    _members: dict[str, zipfile.ZipInfo] = field(default_factory=dict)
    unsafe: list[tuple[str, str]] = field(default_factory=list)
    _names: list[str] | None = None
    _limit: int = DEFAULT_MAX_UNZIPPED_BYTES

    @classmethod
    def open(cls, path: str | os.PathLike[str], *, max_unzipped_bytes: int | None = None) -> Input:
        """Open ``path`` for reading, or raise a :class:`ParseError` that says why not."""
        p = Path(os.fsdecode(path)).expanduser()
        limit = max_unzipped_bytes or DEFAULT_MAX_UNZIPPED_BYTES
        try:
            st = p.stat()
        except FileNotFoundError:
            raise ParseError(
                f"{p}: no such file or folder. Suggestion: check the path; relative paths "
                f"are resolved from {Path.cwd()}.",
                location=str(p),
                reason="no such file or folder",
            ) from None
        except OSError as exc:  # a folder on the way that we may not enter, a loop
            raise _unreadable(str(p), exc) from exc
        if stat.S_ISDIR(st.st_mode):
            if not os.access(p, os.R_OK | os.X_OK):
                raise _unreadable(str(p), PermissionError(13, "Permission denied"))
            inp = cls(p, "dir", _limit=limit)
            inp.names()  # list what is not a regular file before anything is read
            return inp
        what = _file_type(st.st_mode)
        if what is not None:
            raise _not_regular(p.name or str(p), what)
        if st.st_size > limit:
            raise _too_big(p.name, st.st_size, limit)
        try:
            with p.open("rb") as fh:
                head = fh.read(4)
        except OSError as exc:
            raise _unreadable(p.name, exc) from exc
        if head.startswith(b"PK") or p.suffix.lower() == ".zip" or zipfile.is_zipfile(p):
            return cls._open_zip(p, limit)
        return cls(p, "file", _limit=limit)

    @classmethod
    def _open_zip(cls, p: Path, limit: int) -> Input:
        data = read_regular(p, p.name, limit)
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
        inp = cls(p, "zip", _zip=zf, _limit=limit)
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
        """The name used in messages: the file or folder name, always valid text.

        Bytes of a name that are not valid UTF-8 (kept by Python as lone surrogates)
        are shown as ``\\xNN``, so a name never breaks a message, a frame or a page.
        """
        return printable_name(self.path.name or str(self.path))

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

                def walk_error(exc: OSError) -> None:
                    # a subfolder we may not enter: say so, never skip it silently
                    where = Path(exc.filename or self.path)
                    rel = where.relative_to(self.path).as_posix() if where != self.path else "."
                    self.unsafe.append((rel, f"cannot be read: {_os_reason(exc)}"))

                for root, dirs, files in os.walk(self.path, onerror=walk_error, followlinks=False):
                    dirs[:] = sorted(d for d in dirs if d not in _SKIP_DIRS)
                    for f in files:
                        full = Path(root, f)
                        rel = full.relative_to(self.path).as_posix()
                        try:
                            mode = full.lstat().st_mode
                        except OSError as exc:
                            self.unsafe.append((rel, f"cannot be read: {_os_reason(exc)}"))
                            continue
                        if stat.S_ISLNK(mode):
                            continue
                        what = _file_type(mode)
                        if what is not None:
                            self.unsafe.append((rel, f"{what}, not a regular file; not read"))
                            continue
                        if not os.access(full, os.R_OK):
                            self.unsafe.append((rel, "cannot be read: permission denied"))
                            continue
                        out.append(rel)
                self._names = sorted(out)
        return self._names

    def read_bytes(self, name: str) -> bytes:
        """The bytes of one member (never writes anything)."""
        if self.kind == "file":
            return read_regular(self.path, self.where(name), self._limit)
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
        return read_regular(self.path / name, self.where(name), self._limit)

    def read_text(self, name: str) -> tuple[str, str]:
        """Decode one member; return ``(text, encoding)`` with newlines normalised."""
        return decode_text(self.read_bytes(name))

    def where(self, name: str) -> str:
        """How a member is named in messages: ``export.zip:Journal.json``, ``notes/a.md``."""
        if self.kind == "file":
            return self.display
        name = printable_name(name)
        return f"{self.display}:{name}" if self.kind == "zip" else f"{self.display}/{name}"


def printable_name(name: str) -> str:
    """``name`` with undecodable bytes (lone surrogates from :func:`os.fsdecode`) as ``\\xNN``.

    File names are data: a name that is not valid UTF-8 is kept for opening the
    file, and shown this way in messages and frames.
    """
    if not any("\udc80" <= c <= "\udcff" for c in name):
        return name
    return "".join(f"\\x{ord(c) - 0xDC00:02x}" if "\udc80" <= c <= "\udcff" else c for c in name)


def _shown_encoding(data: bytes) -> str | None:
    """The encoding ``data`` declares by a BOM or shows by its NUL pattern, or None."""
    if data.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    sample = data[:4096]
    if len(sample) >= 4 and sample[1::2].count(0) > 0.4 * (len(sample) // 2):
        return "utf-16-le"
    if len(sample) >= 4 and sample[0::2].count(0) > 0.4 * (len(sample) // 2):
        return "utf-16-be"
    return None


def plain_utf8(data: bytes) -> bool:
    r"""Whether :func:`decode_text` reads ``data`` as its own UTF-8 text, unchanged.

    True when no BOM or UTF-16 pattern shows and no carriage return is there to
    normalise: then, if ``data`` is valid UTF-8, its text is ``data.decode("utf-8")``
    and a parser may read the bytes themselves (it must check they are UTF-8).

    Examples
    --------
    >>> plain_utf8(b"a,b\n1,2\n"), plain_utf8(b"a,b\r\n"), plain_utf8(b"\xef\xbb\xbfa")
    (True, False, False)
    """
    return _shown_encoding(data) is None and b"\r" not in data


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode bytes from an export; return ``(text, encoding)``.

    UTF-8 (with or without BOM) and UTF-16 (with BOM, or detected by its NUL
    pattern) are read exactly. Other bytes that are not valid UTF-8 are read as
    Windows-1252, the usual re-save encoding of spreadsheet programs, and the
    returned encoding says so. Newlines are normalised to ``\\n``.
    """
    enc = _shown_encoding(data)
    if enc == "utf-8-sig":
        text = data[3:].decode("utf-8", errors="replace")
    elif enc is not None:
        text = data.decode(enc, errors="replace")
    else:
        try:
            text, enc = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            text, enc = data.decode("cp1252", errors="replace"), "cp1252"
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, enc
