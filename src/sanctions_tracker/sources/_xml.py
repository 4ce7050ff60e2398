"""What the XML importers share: opening a file, telling what it is, parsing it safely.

``ofac_xml`` (OFAC's advanced and enhanced XML) and ``un_xml`` (the UN Security Council
Consolidated List) read untrusted files the same way, from here:

- :func:`opened` gives a file's bytes, gunzipped or out of a one-member zip archive, and
  turns every fault of the compressed data into a :class:`SourceError`;
- :func:`read_head` parses the first 64 KiB only, enough to see the root element (its
  name, namespace and attributes): the importer that knows that root takes the file;
- :func:`parse` walks a document at the end of each element wanted, and :func:`free`
  drops what has been read.

With lxml, no entity is resolved, no DTD loaded, nothing fetched from the network, and no
huge tree allowed; a document that declares a DTD at all is refused before its content is
read (the official lists have none, and a DTD is where entity bombs and external entities
live). Every problem that stops a file being read is one :class:`SourceError`.
"""

from __future__ import annotations

import contextlib
import gzip
import zipfile
import zlib
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import IO, Protocol, cast

from attrs import frozen
from lxml import etree

from sanctions_tracker.errors import SourceError
from sanctions_tracker.sources import _lists

__all__ = [
    "XmlHead",
    "another_kind",
    "free",
    "opened",
    "parse",
    "read_head",
    "syntax_error",
]

_HEAD = 64 * 1024
"""How much of a file is read to tell what it is: the root element must start in it."""

_GZIP = b"\x1f\x8b"
_ZIP = b"PK"


@frozen
class XmlHead:
    """What the start of an XML file says: its root element (``member``: its name in a zip)."""

    path: Path
    display: str
    root: str
    namespace: str
    attributes: Mapping[str, str]
    member: str | None = None

    @property
    def name(self) -> str:
        """The XML file's own name (the zip member's, for a zip archive)."""
        return self.member or self.path.name


def _member(archive: zipfile.ZipFile, display: str) -> zipfile.ZipInfo:
    members = [info for info in archive.infolist() if not info.is_dir()]
    if len(members) != 1:
        names = ", ".join(info.filename for info in members) or "nothing"
        msg = (
            f"{display}: a zip archive of a list must hold exactly one XML file; "
            f"this one holds {len(members)}: {names}"
        )
        raise SourceError(msg)
    return members[0]


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
        limit = _lists.MAX_UNPACKED_BYTES
        if size < 0 or size > limit - self._given + 1:
            size = limit - self._given + 1
        data = self._stream.read(size)
        self._given += len(data)
        if self._given > limit:
            raise SourceError(_lists.too_large(self._display))
        return data


@contextlib.contextmanager
def opened(path: Path, display: str) -> Iterator[tuple[IO[bytes], str | None]]:
    """The file's bytes, gunzipped or out of its zip archive, and the zip member's name.

    Errors of the compressed data, when opening or while reading, become SourceErrors.
    """
    kind = "file"
    try:
        with path.open("rb") as raw:
            magic = raw.read(2)
            raw.seek(0)
            if magic == _GZIP:
                kind = "gzip data"
                with gzip.GzipFile(fileobj=raw) as unzipped:
                    yield cast("IO[bytes]", _Capped(unzipped, display)), None
            elif magic == _ZIP:
                kind = "zip archive"
                with zipfile.ZipFile(raw) as archive:
                    member = _member(archive, display)
                    if member.file_size > _lists.MAX_UNPACKED_BYTES:
                        raise SourceError(_lists.too_large(display))
                    with archive.open(member) as stream:
                        yield cast("IO[bytes]", _Capped(stream, display)), member.filename
            else:
                yield raw, None
    except (EOFError, zlib.error, zipfile.BadZipFile, gzip.BadGzipFile) as error:
        msg = f"{display}: the {kind} is truncated or corrupt ({error})"
        raise SourceError(msg) from None
    except (RuntimeError, NotImplementedError) as error:  # an encrypted or odd zip member
        msg = f"{display}: the zip archive cannot be read ({error})"
        raise SourceError(msg) from None
    except OSError as error:
        msg = f"{display}: cannot be read ({error.strerror or error})"
        raise SourceError(msg) from None


def _dtd_refused(display: str) -> SourceError:
    msg = (
        f"{display}: the XML declares a DTD (<!DOCTYPE ...>); official list files have none, "
        "and a DTD may define entity bombs or refer to other files: refused"
    )
    return SourceError(msg)


def _refuse_dtd(tree: etree._ElementTree, display: str) -> None:
    info = tree.docinfo
    if info.doctype or info.internalDTD is not None or info.system_url:
        raise _dtd_refused(display)


def another_kind(head: XmlHead, expected: str) -> SourceError:
    """The error for an XML document that is none of the lists ``expected`` names."""
    where = f" in namespace {head.namespace}" if head.namespace else ""
    msg = (
        f"{head.display}: an XML document of another kind (root element <{head.root}>{where}), "
        f"not {expected}"
    )
    return SourceError(msg)


def syntax_error(display: str, error: etree.XMLSyntaxError) -> SourceError:
    """The error for a document that is not well-formed, with its line."""
    line = f" (line {error.lineno})" if error.lineno else ""
    return SourceError(f"{display}: not well-formed XML{line}: {error.msg}")


def read_head(path: Path, display: str) -> XmlHead | None:
    """The root element of an XML file; None when the file is no XML (another importer's).

    A zip archive of anything but one XML file, a DTD, and XML that is not well-formed
    before its root element starts raise SourceError.
    """
    with opened(path, display) as (stream, member):
        head = stream.read(_HEAD)
    if not head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        if member is not None:
            msg = f"{display}: the zip archive holds {member}, which is not an XML file"
            raise SourceError(msg)
        return None
    parser = etree.XMLPullParser(
        events=("start",),
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
    )
    try:
        parser.feed(head)
        root = next((element for _, element in parser.read_events()), None)
    except etree.XMLSyntaxError as error:
        if b"<!DOCTYPE" in head:  # an entity bomb in the DTD, say: say what is refused
            raise _dtd_refused(display) from None
        raise syntax_error(display, error) from None
    if root is None:
        msg = f"{display}: no XML element starts in the first {_HEAD // 1024} KiB"
        raise SourceError(msg)
    _refuse_dtd(root.getroottree(), display)
    name = etree.QName(root)
    return XmlHead(
        path=path,
        display=display,
        root=name.localname,
        namespace=name.namespace or "",
        attributes={str(key): str(value) for key, value in root.attrib.items()},
        member=member,
    )


def parse(stream: IO[bytes], display: str, tags: Iterable[str]) -> Iterator[etree._Element]:
    """The elements named ``tags`` (``{namespace}name``), each at its end, parsed safely.

    Nothing is freed here: the caller frees what it has read (:func:`free`).
    """
    events = etree.iterparse(
        stream,
        events=("end",),
        tag=list(tags),
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    checked = False
    for _, element in events:
        if not checked:
            _refuse_dtd(element.getroottree(), display)
            checked = True
        yield element


def free(element: etree._Element) -> None:
    """Drop an element that has been read, and its earlier siblings, from the tree."""
    element.clear(keep_tail=False)
    parent = element.getparent()
    if parent is not None:
        while element.getprevious() is not None:
            del parent[0]
