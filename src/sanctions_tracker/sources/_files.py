"""Reading list files: their bytes (plain, gzipped or zipped), their first bytes, their text.

Every reader opens its file through here, so that what a file may be, and what it may
unpack to, is checked in one place, and every fault of the file or of its compressed data
is one :class:`SourceError`:

- only a regular file is read: a named pipe, a device, a socket or a folder is refused
  before anything is read from it (a pipe could block for ever, ``/dev/zero`` never ends);
- a file larger than :data:`MAX_UNPACKED_BYTES` is refused from its size; gzipped or zipped
  content is counted as it is unpacked, and refused once it passes that size or unpacks
  to more than :data:`MAX_RATIO` times what it was packed in (a compression bomb): a zip
  member by the sizes its archive declares (which bind what it unpacks to), before it is
  read; a zip archive's directory (which the zip module reads whole) by the size and the
  count of entries its end record declares, before it is read (:data:`MAX_ZIP_ENTRIES`);
- text in UTF-16 or UTF-32 with a byte-order mark is given as UTF-8 (with a UTF-8 mark,
  which the readers and the XML parser go by), so that every reader reads it.

:func:`file_head` reads the first 64 KiB of a file's content once, for the format registry
to tell what the file is (an XLSX workbook or another archive of several members is
recognised by the names of its members); :func:`opened` gives a file's content as a
stream, gunzipped or out of a one-member zip archive; :func:`read_text` gives it as text
(UTF-8, else Windows-1252); :func:`regular_file` and :func:`zip_member` are the checked
file and zip member the others (and the workbook reader) use.
"""

from __future__ import annotations

import codecs
import contextlib
import gzip
import io
import os
import stat
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, BinaryIO, Protocol

from attrs import frozen

from sanctions_tracker.errors import SourceError

__all__ = [
    "HEAD_BYTES",
    "MAX_RATIO",
    "MAX_UNPACKED_BYTES",
    "MAX_ZIP_DIRECTORY_BYTES",
    "MAX_ZIP_ENTRIES",
    "RATIO_FREE_BYTES",
    "FileHead",
    "faults",
    "file_head",
    "not_one_member",
    "open_zip",
    "opened",
    "read_bytes",
    "read_text",
    "regular_file",
    "too_large",
    "zip_member",
]

MAX_UNPACKED_BYTES = 1 << 30
"""The most a list file may hold, or unpack to (1 GiB): OFAC's largest list,
SDN_ADVANCED.XML, is a few hundred MB. A plain file larger than this is refused from its
size; a gzip or zip "bomb" (a few KB that unpack to many GB) once it passes this, before it
fills the memory. Tests lower it."""

MAX_RATIO = 200
"""The most a packed list may unpack to, as a multiple of its packed size. Real lists
unpack to 5 to 30 times their gzip or zip size; a compression bomb to about 1,000 times."""

RATIO_FREE_BYTES = 16 << 20
"""What a packed file may unpack to before :data:`MAX_RATIO` applies (16 MiB): a small
file of repeated text may pack very tightly and still be harmless."""

MAX_ZIP_ENTRIES = 10_000
"""The most entries a zip archive may list (a zipped list holds one file, an XLSX workbook
a few dozen): the zip module reads an archive's directory whole, so an archive whose end
record declares more, or a directory larger than :data:`MAX_ZIP_DIRECTORY_BYTES`, is
refused before its directory is read."""

MAX_ZIP_DIRECTORY_BYTES = 16 << 20
"""The most a zip archive's directory may take (16 MiB: about 150,000 entries' worth)."""

HEAD_BYTES = 64 * 1024
"""How much of a file's content is read to tell what it is."""

_CHUNK = 1 << 20
"""The most unpacked in one step between two checks of the limits."""

_GZIP = b"\x1f\x8b"
_ZIP = b"PK"

_TEXT_MARKS = (
    # The four-byte marks first: UTF-32 LE begins with UTF-16 LE's mark.
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

_NOT_REGULAR = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def too_large(display: str) -> str:
    """The message for a file that holds or unpacks to more than MAX_UNPACKED_BYTES."""
    cap = MAX_UNPACKED_BYTES
    size = f"{cap // 2**20:,} MB" if cap >= 2**20 else f"{cap:,} bytes"
    return (
        f"{display}: unpacks to more than {size}, far more than any list file: refused "
        "(a compression bomb, or not a list)"
    )


def _too_packed(display: str) -> str:
    return (
        f"{display}: unpacks to more than {MAX_RATIO} times its packed size, far more than "
        "any list file (5 to 30 times): refused (a compression bomb, or not a list)"
    )


@frozen
class FileHead:
    """The start of a file's content, and how it is packed.

    ``data`` is the first 64 KiB of the content (unpacked, as UTF-8 for UTF-16 or UTF-32
    text, without a byte-order mark); for a zip archive of one member, of that member
    (``member``). A zip archive of several members (an XLSX workbook, say) has no
    ``data``: its ``members`` name what it holds.
    """

    path: Path
    display: str
    data: bytes
    packing: str | None = None
    """``"gzip"``, ``"zip"`` or None for a plain file."""
    member: str | None = None
    members: tuple[str, ...] = ()
    encoding: str | None = None
    """``"utf-16"`` or ``"utf-32"`` for text its byte-order mark says is written so (and
    that is given as UTF-8); None otherwise."""

    @property
    def name(self) -> str:
        """The file's own name (the zip member's, for a zip archive of one file)."""
        return self.member or self.path.name

    @property
    def text(self) -> str:
        """The head as text, without a byte-order mark (undecodable bytes replaced)."""
        return self.data.removeprefix(codecs.BOM_UTF8).decode("utf-8", errors="replace")

    def first_line(self) -> str:
        """The first line of the head's text (without its line end)."""
        return self.text.split("\n", 1)[0].rstrip("\r")


# --------------------------------------------------------------------------- the file


def _kind_of(mode: int) -> str | None:
    """What a file that is not a regular file is ("a named pipe" ...); None for a file."""
    if stat.S_ISREG(mode):
        return None
    return next((kind for test, kind in _NOT_REGULAR if test(mode)), "not a file")


def _refuse_irregular(mode: int, display: str) -> None:
    """SourceError for a file (by its mode) that is not a regular file."""
    kind = _kind_of(mode)
    if kind is not None:
        msg = (
            f"{display}: {kind}, not a regular file: only regular files are read "
            "(a pipe or a device may never end, or block for ever)"
        )
        raise SourceError(msg)


def regular_file(path: Path, display: str) -> BinaryIO:
    """The file at ``path`` opened for reading, once it is known to be a regular file.

    A named pipe, a device, a socket or a folder is refused before it is opened for
    reading (a named pipe is opened without waiting for a writer, then checked again,
    so that a file swapped in between is refused too). SourceError names the file.
    """
    try:
        _refuse_irregular(path.stat().st_mode, display)
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
        descriptor = os.open(path, flags)
    except OSError as error:
        msg = f"{display}: cannot be read ({error.strerror or error})"
        raise SourceError(msg) from None
    try:
        _refuse_irregular(os.fstat(descriptor).st_mode, display)
        return os.fdopen(descriptor, "rb")
    except BaseException:
        os.close(descriptor)
        raise


def read_bytes(path: Path, display: str, *, limit: int | None = None) -> bytes:
    """The whole of a regular file, as stored (nothing unpacked), if it is at most
    ``limit`` bytes (MAX_UNPACKED_BYTES by default); SourceError otherwise."""
    cap = MAX_UNPACKED_BYTES if limit is None else limit
    with regular_file(path, display) as raw:
        try:
            size = os.fstat(raw.fileno()).st_size
            data = raw.read(cap + 1) if size <= cap else b""
        except OSError as error:
            msg = f"{display}: cannot be read ({error.strerror or error})"
            raise SourceError(msg) from None
    if size > cap or len(data) > cap:
        msg = f"{display}: the file holds more than {cap:,} bytes: refused"
        raise SourceError(msg)
    return data


# --------------------------------------------------------------------------- unpacking


class _Readable(Protocol):
    def read(self, size: int = ..., /) -> bytes: ...


class _Counted:
    """A file whose bytes read are counted: what a gzip stream has consumed."""

    mode = "rb"

    def __init__(self, raw: BinaryIO) -> None:
        self._raw = raw
        self.count = 0

    def read(self, size: int = -1) -> bytes:
        data = self._raw.read(size)
        self.count += len(data)
        return data

    def seek(self, offset: int, whence: int = os.SEEK_SET) -> int:
        return self._raw.seek(offset, whence)


class _Capped(io.RawIOBase):
    """Unpacked bytes, counted as they are read: more than MAX_UNPACKED_BYTES, or more than
    MAX_RATIO times what was packed (``packed()``), is refused (a compression bomb)."""

    def __init__(
        self, stream: _Readable, display: str, packed: Callable[[], int] | None = None
    ) -> None:
        super().__init__()
        self._stream = stream
        self._display = display
        self._packed = packed
        self._given = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview | bytearray) -> int:  # type: ignore[override] # the buffers io hands in
        """Up to ``len(buffer)`` bytes (at most one step), counted against the limits."""
        view = memoryview(buffer).cast("B")
        limit = MAX_UNPACKED_BYTES
        size = min(len(view), _CHUNK, limit - self._given + 1)
        data = self._stream.read(size) if size > 0 else b""
        count = len(data)
        view[:count] = data
        self._given += count
        if self._given > limit:
            raise SourceError(too_large(self._display))
        if (
            self._packed is not None
            and self._given > RATIO_FREE_BYTES
            and self._given > MAX_RATIO * max(self._packed(), 1)
        ):
            raise SourceError(_too_packed(self._display))
        return count


class _Transcoded(io.RawIOBase):
    """UTF-16 or UTF-32 text (with its byte-order mark) as UTF-8, behind a UTF-8 mark."""

    def __init__(self, stream: IO[bytes], encoding: str) -> None:
        super().__init__()
        # Faulty code units become U+FFFD: nothing stops the file being read, and the
        # replacement shows where the text was damaged.
        self._text = io.TextIOWrapper(stream, encoding=encoding, errors="replace", newline="")
        self._pending = codecs.BOM_UTF8
        self._given = 0
        """How much of ``_pending`` has been given."""
        self.encoding = encoding

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview | bytearray) -> int:  # type: ignore[override] # the buffers io hands in
        view = memoryview(buffer).cast("B")
        while self._given >= len(self._pending):
            text = self._text.read(_CHUNK // 4)
            if not text:
                return 0
            self._pending, self._given = text.encode("utf-8"), 0
        count = min(len(view), len(self._pending) - self._given)
        view[:count] = self._pending[self._given : self._given + count]
        self._given += count
        return count


def _text_encoding(stream: io.BufferedReader[_Capped]) -> str | None:
    """``"utf-16"`` or ``"utf-32"`` when the stream starts with that byte-order mark."""
    start = stream.peek(4)[:4]
    return next((encoding for mark, encoding in _TEXT_MARKS if start.startswith(mark)), None)


def _capped(
    stream: _Readable, display: str, packed: Callable[[], int] | None
) -> tuple[IO[bytes], str | None]:
    """The stream counted against the limits, as UTF-8 when it is UTF-16 or UTF-32 text
    (and that encoding)."""
    counted = io.BufferedReader(_Capped(stream, display, packed))
    encoding = _text_encoding(counted)
    if encoding is None:
        return counted, None
    return io.BufferedReader(_Transcoded(counted, encoding)), encoding


def _members(archive: zipfile.ZipFile) -> list[zipfile.ZipInfo]:
    return [info for info in archive.infolist() if not info.is_dir()]


def not_one_member(display: str, members: tuple[str, ...]) -> SourceError:
    """The error for a zip archive of a list that holds no file, or several."""
    msg = (
        f"{display}: a zip archive of a list must hold exactly one file; "
        f"this one holds {len(members)}: {', '.join(members) or 'nothing'}"
    )
    return SourceError(msg)


def open_zip(raw: BinaryIO, display: str) -> zipfile.ZipFile:
    """A zip archive read from ``raw`` once the directory its end record declares is within
    the limits (:data:`MAX_ZIP_ENTRIES`): faults of its structure are SourceErrors."""
    with _zip_structure(display):
        entries, directory = _declared_directory(raw)
        if entries > MAX_ZIP_ENTRIES or directory > MAX_ZIP_DIRECTORY_BYTES:
            msg = (
                f"{display}: the zip archive lists {entries:,} entries in a directory of "
                f"{directory:,} bytes; a list archive may list at most {MAX_ZIP_ENTRIES:,} "
                f"in {MAX_ZIP_DIRECTORY_BYTES:,} bytes"
            )
            raise SourceError(msg)
        return zipfile.ZipFile(raw)


_END = struct.Struct("<4s4H2LH")
"""A zip archive's end of central directory record (signature, disks, entries on this disk
and in all, the directory's size and offset, the comment's length)."""
_END_MARK = b"PK\x05\x06"
_END64_LOCATOR = struct.Struct("<4sLQL")
_END64_LOCATOR_MARK = b"PK\x06\x07"
_END64 = struct.Struct("<4sQ2H2L4Q")
"""The ZIP64 end record: its entries in all and its directory's size are its 8th and 9th
fields."""
_END64_MARK = b"PK\x06\x06"
_MOST_COMMENT = 0xFFFF


def _declared_directory(raw: BinaryIO) -> tuple[int, int]:
    """The entries and the directory size the end record of the archive in ``raw`` declares
    (its ZIP64 record's when it has one); (0, 0) when no end record is found (the zip
    module then reports the archive as damaged). ``raw`` is left at its start."""
    size = raw.seek(0, os.SEEK_END)
    start = max(0, size - _END.size - _MOST_COMMENT)
    raw.seek(start)
    tail = raw.read()
    raw.seek(0)
    at = tail.rfind(_END_MARK)
    if at < 0 or len(tail) - at < _END.size:
        return 0, 0
    fields = _END.unpack_from(tail, at)
    entries, directory = fields[4], fields[5]
    locator = at - _END64_LOCATOR.size
    if locator >= 0 and tail[locator : locator + 4] == _END64_LOCATOR_MARK:
        offset = _END64_LOCATOR.unpack_from(tail, locator)[2]
        raw.seek(offset)
        record = raw.read(_END64.size)
        raw.seek(0)
        if len(record) == _END64.size and record[:4] == _END64_MARK:
            fields64 = _END64.unpack(record)
            entries, directory = max(entries, fields64[7]), max(directory, fields64[8])
    return entries, directory


@contextlib.contextmanager
def _zip_structure(display: str) -> Iterator[None]:
    """What the zip module raises, besides BadZipFile, on an archive whose offsets or
    fields are impossible (a negative seek, a field cut short), as one SourceError."""
    try:
        yield
    except SourceError:
        raise
    except (ValueError, struct.error, OverflowError) as error:
        msg = f"{display}: the zip archive is truncated or corrupt ({error})"
        raise SourceError(msg) from None


@contextlib.contextmanager
def zip_member(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, display: str
) -> Iterator[IO[bytes]]:
    """A member of a zip archive, unpacked, once the sizes the archive declares for it
    are within the limits (they bind what it unpacks to: a member that unpacks to more
    than it declares fails its check), and counted as it is read."""
    if info.file_size > MAX_UNPACKED_BYTES:
        raise SourceError(too_large(display))
    if info.file_size > RATIO_FREE_BYTES and info.file_size > MAX_RATIO * max(
        info.compress_size, 1
    ):
        raise SourceError(_too_packed(display))
    with _zip_structure(display), archive.open(info) as stream:
        yield _capped(stream, display, lambda: info.compress_size)[0]


_CORRUPT = (EOFError, zlib.error, zipfile.BadZipFile, gzip.BadGzipFile, UnicodeDecodeError)
"""What reading damaged gzip or zip data raises (a member name that is not UTF-8, too)."""


@contextlib.contextmanager
def faults(display: str, kind: list[str]) -> Iterator[None]:
    """Every fault of a file's compressed data, or of reading it, as one SourceError.

    ``kind`` holds what the data is, in words (``"gzip data"``), for the message: the
    caller may change it as it learns more."""
    try:
        yield
    except _CORRUPT as error:
        msg = f"{display}: the {kind[0]} is truncated or corrupt ({error})"
        raise SourceError(msg) from None
    except (RuntimeError, NotImplementedError) as error:  # an encrypted or odd zip member
        msg = f"{display}: the zip archive cannot be read ({error})"
        raise SourceError(msg) from None
    except OSError as error:
        msg = f"{display}: cannot be read ({error.strerror or error})"
        raise SourceError(msg) from None


@frozen
class _Content:
    """A file's content as it is read: a stream (None for a zip of several members), how
    it is packed, the zip member read and the zip members there are."""

    stream: IO[bytes] | None
    packing: str | None = None
    member: str | None = None
    members: tuple[str, ...] = ()
    encoding: str | None = None


@contextlib.contextmanager
def _content(path: Path, display: str) -> Iterator[_Content]:
    """A regular file's content, checked: gunzipped or out of a one-member zip archive,
    counted against the limits as it is read, as UTF-8 when it is UTF-16 or UTF-32."""
    kind = ["file"]
    with faults(display, kind), regular_file(path, display) as raw:
        if os.fstat(raw.fileno()).st_size > MAX_UNPACKED_BYTES:
            raise SourceError(too_large(display))
        magic = raw.read(2)
        raw.seek(0)
        if magic == _GZIP:
            kind[0] = "gzip data"
            counted = _Counted(raw)
            with gzip.GzipFile(fileobj=counted, mode="rb") as unzipped:
                stream, encoding = _capped(unzipped, display, lambda: counted.count)
                yield _Content(stream, "gzip", encoding=encoding)
        elif magic == _ZIP:
            kind[0] = "zip archive"
            with open_zip(raw, display) as archive:
                members = _members(archive)
                names = tuple(info.filename for info in members)
                if len(members) != 1:
                    yield _Content(None, "zip", members=names)
                else:
                    with zip_member(archive, members[0], display) as stream:
                        yield _Content(stream, "zip", names[0], names, _encoding_of(stream))
        else:
            stream, encoding = _capped(raw, display, None)
            yield _Content(stream, encoding=encoding)


def _encoding_of(stream: IO[bytes]) -> str | None:
    """The encoding a transcoded stream was written in (None for any other stream)."""
    raw = getattr(stream, "raw", None)
    return raw.encoding if isinstance(raw, _Transcoded) else None


@contextlib.contextmanager
def opened(path: Path, display: str) -> Iterator[tuple[IO[bytes], str | None]]:
    """The file's bytes, gunzipped or out of its zip archive, and the zip member's name.

    Errors of the file or of the compressed data, when opening or while reading, and the
    limits of what it may unpack to, are SourceErrors.
    """
    with _content(path, display) as content:
        if content.stream is None:
            raise not_one_member(display, content.members)
        yield content.stream, content.member


def file_head(path: Path, display: str) -> FileHead:
    """The first 64 KiB of a file's content, read once to tell what the file is."""
    with _content(path, display) as content:
        data = content.stream.read(HEAD_BYTES) if content.stream is not None else b""
    return FileHead(
        path,
        display,
        data.removeprefix(codecs.BOM_UTF8),
        content.packing,
        content.member,
        content.members,
        content.encoding,
    )


def read_text(path: Path, display: str) -> str:
    """The whole content of a file as text (gunzipped, or out of a one-member zip).

    UTF-8 (with or without a byte-order mark; UTF-16 and UTF-32 with theirs), else
    Windows-1252, in which every byte is a character: nothing is lost. An empty or binary
    file is a SourceError.
    """
    with opened(path, display) as (stream, _):
        raw = stream.read()
    if not raw.removeprefix(codecs.BOM_UTF8).strip():
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
