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
live). What a document may hold is bounded, so that no file can make the tree outgrow the
memory: elements no reader wants are dropped as soon as they end (:func:`parse`), and a
document is refused when it nests deeper than :data:`MAX_DEPTH`, holds more than
:data:`MAX_ELEMENTS` elements, an entry of more than :data:`MAX_ENTRY_ELEMENTS`, or more
than :data:`MAX_OTHER_ELEMENTS` elements outside its entries.
Every problem that stops a file being read is one :class:`SourceError`.
"""

from __future__ import annotations

import codecs
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import IO

from attrs import frozen
from lxml import etree

from sanctions_tracker.errors import SourceError
from sanctions_tracker.sources._files import FileHead

__all__ = [
    "MAX_DEPTH",
    "MAX_ELEMENTS",
    "MAX_ENTRY_ELEMENTS",
    "MAX_OTHER_ELEMENTS",
    "XmlHead",
    "another_kind",
    "dispatch",
    "free",
    "parse",
    "read_head",
    "syntax_error",
]

MAX_DEPTH = 64
"""The deepest a list document may nest elements (the lists nest ten levels at most)."""

MAX_ELEMENTS = 20_000_000
"""The most elements a list document may hold (OFAC's SDN_ADVANCED.XML, the largest list,
holds a few million)."""

MAX_ENTRY_ELEMENTS = 100_000
"""The most elements one entry (an element a reader wants: a designation, a location, a
row) may hold (the largest real ones, OFAC's reference value sets, hold a few thousand)."""

MAX_OTHER_ELEMENTS = 100_000
"""The most elements a document may hold outside its entries and containers (a list has a
handful: headers, a workbook's column widths; those beside the entries are kept, emptied,
until the reader accounts for them): a flood of them is refused."""


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
    if file.encoding is not None:
        # Text given as UTF-8 from UTF-16 or UTF-32: the mark tells the parser so, whatever
        # the document's declaration says (as it does for the whole file, in parse).
        head = codecs.BOM_UTF8 + head
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
    try:
        name = etree.QName(root)
    except ValueError as error:  # a name the parser let pass, such as ":a"
        msg = f"{display}: not well-formed XML (line {root.sourceline or 1}): {error}"
        raise SourceError(msg) from None
    return XmlHead(
        path=file.path,
        display=display,
        root=name.localname,
        namespace=name.namespace or "",
        attributes={str(key): str(value) for key, value in root.attrib.items()},
        member=file.member,
    )


def _refused(display: str, element: etree._Element, what: str) -> SourceError:
    line = f" (line {element.sourceline})" if element.sourceline else ""
    return SourceError(f"{display}: {what}{line}: refused (not a list file, or a flood)")


def parse(  # noqa: C901, PLR0912 - one flat loop over every event of the parser, for speed
    stream: IO[bytes], display: str, tags: Iterable[str], *, containers: Iterable[str] = ()
) -> Iterator[etree._Element]:
    """The elements named ``tags`` (``{namespace}name``), each at its end, parsed safely.

    An element named in ``tags`` is an *entry* (a designation, a location ...), given
    whole at its end (with the entries it holds given before it); one named in
    ``containers`` too, or the root, is a *container* of entries, given at its end with
    what it still holds. The caller frees what it has read (:func:`free`). Any other
    element outside the entries is dropped at its end, except in a container that is
    given, where it stays (emptied) for the reader to account for. The limits of the
    module (depth, elements, elements of an entry, other elements kept) are SourceErrors.
    """
    wanted = frozenset(tags)
    holders = frozenset(containers)
    events = etree.iterparse(
        stream,
        events=("start", "end"),
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    depth = elements = entry_depth = entry_elements = others = 0
    checked = False
    for event, element in events:
        if event == "start":
            depth += 1
            elements += 1
            if depth > MAX_DEPTH:
                raise _refused(display, element, f"elements nested over {MAX_DEPTH} deep")
            if elements > MAX_ELEMENTS:
                raise _refused(display, element, f"over {MAX_ELEMENTS:,} elements")
            if entry_depth:
                entry_elements += 1
                if entry_elements > MAX_ENTRY_ELEMENTS:
                    what = f"an entry of over {MAX_ENTRY_ELEMENTS:,} elements"
                    raise _refused(display, element, what)
            elif depth > 1 and element.tag in wanted and element.tag not in holders:
                entry_depth, entry_elements = depth, 1
            continue
        depth -= 1
        if not checked:
            _refuse_dtd(element.getroottree(), display)
            checked = True
        if entry_depth:
            if depth < entry_depth:  # the entry itself ends
                entry_depth = 0
                yield element
            elif element.tag in wanted:  # an entry within an entry
                yield element
        elif element.tag in wanted:
            yield element
        else:
            others += 1
            if others > MAX_OTHER_ELEMENTS:
                what = f"over {MAX_OTHER_ELEMENTS:,} elements that are no entry of the list"
                raise _refused(display, element, what)
            parent = element.getparent()
            if parent is not None and parent.tag in wanted:
                element.clear(keep_tail=True)  # kept, empty, for the reader's account
            else:
                free(element)


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
