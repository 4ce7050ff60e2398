"""Reading list files: their bytes (plain, gzipped or zipped), their first bytes, their text.

Every reader opens its file through here, so that what a file may unpack to is capped in
one place and every fault of the compressed data is one :class:`SourceError`:

- :func:`file_head` reads the first 64 KiB of a file's content once, for the format
  registry to tell what the file is (an XLSX workbook or another archive of several
  members is recognised by the names of its members);
- :func:`opened` gives a file's content as a stream, gunzipped or out of a one-member zip
  archive;
- :func:`read_text` gives a file's content as text (UTF-8, else Windows-1252).
"""

from __future__ import annotations

import contextlib
import gzip
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Protocol, cast

from attrs import frozen

from sanctions_tracker.errors import SourceError

__all__ = [
    "MAX_UNPACKED_BYTES",
    "FileHead",
    "file_head",
    "opened",
    "read_text",
    "too_large",
]

MAX_UNPACKED_BYTES = 1 << 30
"""The most a list file may unpack to (1 GiB): OFAC's largest list, SDN_ADVANCED.XML,
is a few hundred MB. A gzip or zip "bomb" (a few KB that unpack to many GB) is refused
once it passes this, before it fills the memory. Tests lower it."""

HEAD_BYTES = 64 * 1024
"""How much of a file's content is read to tell what it is."""

_GZIP = b"\x1f\x8b"
_ZIP = b"PK"


def too_large(display: str) -> str:
    """The message for a file that unpacks to more than MAX_UNPACKED_BYTES."""
    return (
        f"{display}: unpacks to more than {MAX_UNPACKED_BYTES // 2**20:,} MB, far more than "
        "any list file: refused (a compression bomb, or not a list)"
    )


@frozen
class FileHead:
    """The start of a file's content, and how it is packed.

    ``data`` is the first 64 KiB of the content (unpacked); for a zip archive of one
    member, of that member (``member``). A zip archive of several members (an XLSX
    workbook, say) has no ``data``: its ``members`` name what it holds.
    """

    path: Path
    display: str
    data: bytes
    packing: str | None = None
    """``"gzip"``, ``"zip"`` or None for a plain file."""
    member: str | None = None
    members: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        """The file's own name (the zip member's, for a zip archive of one file)."""
        return self.member or self.path.name

    @property
    def text(self) -> str:
        """The head as text, without a byte-order mark (undecodable bytes replaced)."""
        return self.data.removeprefix(b"\xef\xbb\xbf").decode("utf-8", errors="replace")

    def first_line(self) -> str:
        """The first line of the head's text (without its line end)."""
        return self.text.split("\n", 1)[0].rstrip("\r")


class _Readable(Protocol):
    def read(self, size: int = ..., /) -> bytes: ...


class _Capped:
    """A stream that refuses to give more than MAX_UNPACKED_BYTES (a compression bomb)."""

    def __init__(self, stream: _Readable, display: str) -> None:
        self._stream = stream
        self._display = display
        self._given = 0

    def read(self, size: int = -1) -> bytes:
        """Up to ``size`` bytes (all that is left for -1), counted against the limit."""
        limit = MAX_UNPACKED_BYTES
        if size < 0 or size > limit - self._given + 1:
            size = limit - self._given + 1
        data = self._stream.read(size)
        self._given += len(data)
        if self._given > limit:
            raise SourceError(too_large(self._display))
        return data


def _members(archive: zipfile.ZipFile) -> list[zipfile.ZipInfo]:
    return [info for info in archive.infolist() if not info.is_dir()]


def _member(archive: zipfile.ZipFile, display: str) -> zipfile.ZipInfo:
    members = _members(archive)
    if len(members) != 1:
        names = ", ".join(info.filename for info in members) or "nothing"
        msg = (
            f"{display}: a zip archive of a list must hold exactly one file; "
            f"this one holds {len(members)}: {names}"
        )
        raise SourceError(msg)
    return members[0]


@contextlib.contextmanager
def _faults(display: str, kind: list[str]) -> Iterator[None]:
    """Every fault of a file's compressed data, or of reading it, as one SourceError."""
    try:
        yield
    except (EOFError, zlib.error, zipfile.BadZipFile, gzip.BadGzipFile) as error:
        msg = f"{display}: the {kind[0]} is truncated or corrupt ({error})"
        raise SourceError(msg) from None
    except (RuntimeError, NotImplementedError) as error:  # an encrypted or odd zip member
        msg = f"{display}: the zip archive cannot be read ({error})"
        raise SourceError(msg) from None
    except OSError as error:
        msg = f"{display}: cannot be read ({error.strerror or error})"
        raise SourceError(msg) from None


@contextlib.contextmanager
def opened(path: Path, display: str) -> Iterator[tuple[IO[bytes], str | None]]:
    """The file's bytes, gunzipped or out of its zip archive, and the zip member's name.

    Errors of the compressed data, when opening or while reading, become SourceErrors.
    """
    kind = ["file"]
    with _faults(display, kind), path.open("rb") as raw:
        magic = raw.read(2)
        raw.seek(0)
        if magic == _GZIP:
            kind[0] = "gzip data"
            with gzip.GzipFile(fileobj=raw) as unzipped:
                yield cast("IO[bytes]", _Capped(unzipped, display)), None
        elif magic == _ZIP:
            kind[0] = "zip archive"
            with zipfile.ZipFile(raw) as archive:
                member = _member(archive, display)
                if member.file_size > MAX_UNPACKED_BYTES:
                    raise SourceError(too_large(display))
                with archive.open(member) as stream:
                    yield cast("IO[bytes]", _Capped(stream, display)), member.filename
        else:
            yield raw, None


def file_head(path: Path, display: str) -> FileHead:
    """The first 64 KiB of a file's content, read once to tell what the file is."""
    kind = ["file"]
    with _faults(display, kind), path.open("rb") as raw:
        magic = raw.read(2)
        raw.seek(0)
        if magic == _GZIP:
            kind[0] = "gzip data"
            with gzip.GzipFile(fileobj=raw) as unzipped:
                return FileHead(path, display, unzipped.read(HEAD_BYTES), "gzip")
        if magic == _ZIP:
            kind[0] = "zip archive"
            with zipfile.ZipFile(raw) as archive:
                members = _members(archive)
                names = tuple(info.filename for info in members)
                if len(members) != 1:
                    return FileHead(path, display, b"", "zip", members=names)
                with archive.open(members[0]) as stream:
                    data = stream.read(HEAD_BYTES)
                return FileHead(path, display, data, "zip", names[0], names)
        return FileHead(path, display, raw.read(HEAD_BYTES))


def read_text(path: Path, display: str) -> str:
    """The whole content of a file as text (gunzipped, or out of a one-member zip).

    UTF-8 (with or without a byte-order mark), else Windows-1252, in which every byte is a
    character: nothing is lost. An empty or binary file is a SourceError.
    """
    with opened(path, display) as (stream, _):
        raw = stream.read()
    if not raw.strip():
        msg = f"{display}: the file is empty"
        raise SourceError(msg)
    if b"\x00" in raw[:8192]:
        msg = f"{display}: a binary file, not a list or fixture file"
        raise SourceError(msg)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        # OFAC's files are ASCII; older downloads were Windows-1252. Nothing is lost.
        return raw.decode("cp1252", errors="replace")
