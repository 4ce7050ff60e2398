"""What the XML readers share: telling what a document is, and parsing it safely.

Every XML list format reads untrusted files the same way, from here (the bytes come
through ``_files``, which unpacks and caps them):

- :func:`read_head` parses a file's head (its first 64 KiB) only, enough to see the root
  element (its name, namespace and attributes): the format that knows that root takes
  the file;
- :func:`parse` walks a document at the end of each element wanted, and :func:`free`
  drops what has been read.

With lxml, no entity is resolved, no DTD loaded, nothing fetched from the network, and no
huge tree allowed; a document that declares a DTD at all is refused before its content is
read (the official lists have none, and a DTD is where entity bombs and external entities
live). Every problem that stops a file being read is one :class:`SourceError`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import IO

from attrs import frozen
from lxml import etree

from sanctions_tracker.errors import SourceError
from sanctions_tracker.sources._files import FileHead

__all__ = [
    "XmlHead",
    "another_kind",
    "dispatch",
    "free",
    "parse",
    "read_head",
    "syntax_error",
]


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


def read_head(file: FileHead) -> XmlHead | None:
    """The root element of an XML file, from its head; None when the file is no XML.

    A DTD, and XML that is not well-formed before its root element starts, raise
    SourceError.
    """
    head, display = file.data, file.display
    if not head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
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
        msg = f"{display}: no XML element starts in the first {len(head) // 1024} KiB"
        raise SourceError(msg)
    _refuse_dtd(root.getroottree(), display)
    name = etree.QName(root)
    return XmlHead(
        path=file.path,
        display=display,
        root=name.localname,
        namespace=name.namespace or "",
        attributes={str(key): str(value) for key, value in root.attrib.items()},
        member=file.member,
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


def dispatch(
    elements: Iterable[etree._Element],
    handlers: Mapping[object, Callable[[etree._Element], None]],
) -> None:
    """Hand each element to the handler of its tag; elements of other tags are skipped."""
    for element in elements:
        handler = handlers.get(element.tag)
        if handler is not None:
            handler(element)
