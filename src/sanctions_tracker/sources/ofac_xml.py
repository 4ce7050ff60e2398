"""OFAC's XML list formats: "advanced" and "enhanced", plain, gzipped or in a zip archive.

- **advanced** (``SDN_ADVANCED.XML``, ``cons_advanced.xml``): root ``Sanctions`` in the
  namespace ``http://www.un.org/sanctions/1.0`` (older files) or OFAC's
  ``.../exports/ADVANCED_XML``; read by ``_ofac_xml_advanced``.
- **enhanced** (``SDN_ENHANCED.XML``, ``CONS_ENHANCED.XML``): root ``sanctionsData`` in the
  namespace ``.../exports/ENHANCED_XML``; read by ``_ofac_xml_enhanced``.

A file is recognised by its content (root element and namespace), never its name; the
list it holds (SDN or Consolidated) by the list names the document gives, else by its
program tags, as for the CSV. Both give the same records as the CSV importer, with ids
``us-ofac-sdn:<FixedRef>`` / ``us-ofac-cons:<FixedRef>`` (OFAC's ent_num).

The files come from outside and are parsed as untrusted: with lxml, no entity is
resolved, no DTD loaded, nothing fetched from the network, and no huge tree allowed; a
document that declares a DTD at all (OFAC's never do) is refused before its content is
read. Every problem that stops a file being read is one :class:`SourceError`.
"""

from __future__ import annotations

import contextlib
import gzip
import zipfile
import zlib
from collections.abc import Iterator
from enum import StrEnum
from pathlib import Path
from typing import IO, cast

from attrs import frozen
from lxml import etree

from sanctions_tracker.errors import SourceError
from sanctions_tracker.sources._ofac_common import OfacLoad
from sanctions_tracker.sources._ofac_xml_advanced import TAGS as ADVANCED_TAGS
from sanctions_tracker.sources._ofac_xml_advanced import URLS as ADVANCED_URLS
from sanctions_tracker.sources._ofac_xml_advanced import read_advanced
from sanctions_tracker.sources._ofac_xml_build import XmlBuilder
from sanctions_tracker.sources._ofac_xml_enhanced import TAGS as ENHANCED_TAGS
from sanctions_tracker.sources._ofac_xml_enhanced import URLS as ENHANCED_URLS
from sanctions_tracker.sources._ofac_xml_enhanced import read_enhanced

__all__ = ["OfacXmlFile", "XmlSchema", "load_ofac_xml", "sniff_xml"]


class XmlSchema(StrEnum):
    """OFAC's two XML schemas."""

    ADVANCED = "advanced"
    ENHANCED = "enhanced"


_SERVICE = "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/"
_ROOTS = {
    ("http://www.un.org/sanctions/1.0", "Sanctions"): XmlSchema.ADVANCED,
    (f"{_SERVICE}ADVANCED_XML", "Sanctions"): XmlSchema.ADVANCED,
    (f"{_SERVICE}ENHANCED_XML", "sanctionsData"): XmlSchema.ENHANCED,
}
"""(namespace, root element) of each schema."""

_HEAD = 64 * 1024
"""How much of a file is read to tell what it is: the root element must start in it."""

_GZIP = b"\x1f\x8b"
_ZIP = b"PK"

# The parsers below read untrusted XML: entities are not resolved (no billion laughs, no
# external entity), no DTD is loaded, nothing is fetched, and no huge tree is allowed.


@frozen
class OfacXmlFile:
    """A file recognised as one of OFAC's XML lists (``member``: its name in a zip)."""

    path: Path
    display: str
    schema: XmlSchema
    namespace: str
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
            f"{display}: a zip archive of an OFAC list must hold exactly one XML file; "
            f"this one holds {len(members)}: {names}"
        )
        raise SourceError(msg)
    return members[0]


@contextlib.contextmanager
def _opened(path: Path, display: str) -> Iterator[tuple[IO[bytes], str | None]]:
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
                    yield cast("IO[bytes]", unzipped), None
            elif magic == _ZIP:
                kind = "zip archive"
                with zipfile.ZipFile(raw) as archive:
                    member = _member(archive, display)
                    with archive.open(member) as stream:
                        yield stream, member.filename
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
        f"{display}: the XML declares a DTD (<!DOCTYPE ...>); OFAC's list files have none, "
        "and a DTD may define entity bombs or refer to other files: refused"
    )
    return SourceError(msg)


def _refuse_dtd(tree: etree._ElementTree, display: str) -> None:
    info = tree.docinfo
    if info.doctype or info.internalDTD is not None or info.system_url:
        raise _dtd_refused(display)


def _not_ofac(display: str, root: etree._Element) -> SourceError:
    name = etree.QName(root)
    where = f" in namespace {name.namespace}" if name.namespace else ""
    msg = (
        f"{display}: an XML document of another kind (root element <{name.localname}>{where}), "
        "not an OFAC list file (OFAC's advanced or enhanced XML)"
    )
    return SourceError(msg)


def _syntax(display: str, error: etree.XMLSyntaxError) -> SourceError:
    line = f" (line {error.lineno})" if error.lineno else ""
    return SourceError(f"{display}: not well-formed XML{line}: {error.msg}")


def sniff_xml(path: Path, display: str) -> OfacXmlFile | None:
    """The file as an OFAC XML list; None when it is no XML (another importer's turn).

    A zip archive, and an XML document that is not an OFAC list, raise SourceError.
    """
    with _opened(path, display) as (stream, member):
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
        raise _syntax(display, error) from None
    if root is None:
        msg = f"{display}: no XML element starts in the first {_HEAD // 1024} KiB"
        raise SourceError(msg)
    _refuse_dtd(root.getroottree(), display)
    name = etree.QName(root)
    schema = _ROOTS.get((name.namespace or "", name.localname))
    if schema is None:
        raise _not_ofac(display, root)
    return OfacXmlFile(
        path=path,
        display=display,
        schema=schema,
        namespace=name.namespace or "",
        member=member,
    )


def _elements(
    stream: IO[bytes], file: OfacXmlFile, tags: tuple[str, ...]
) -> Iterator[etree._Element]:
    """The elements named ``tags``, each at its end; each is freed once it is read."""
    wanted = [etree.QName(file.namespace, tag).text for tag in tags]
    events = etree.iterparse(
        stream,
        events=("end",),
        tag=wanted,
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
            _refuse_dtd(element.getroottree(), file.display)
            checked = True
        yield element
        element.clear(keep_tail=False)
        parent = element.getparent()
        if parent is not None:
            while element.getprevious() is not None:
                del parent[0]


def load_ofac_xml(file: OfacXmlFile) -> OfacLoad:
    """Load an OFAC XML list file into designations and its account."""
    archived = f" ({file.member} in a zip archive)" if file.member else ""
    builder = XmlBuilder(file.display, f"OFAC {file.schema.value} XML{archived}")
    tags: tuple[str, ...]
    if file.schema is XmlSchema.ADVANCED:
        tags, urls, read = ADVANCED_TAGS, ADVANCED_URLS, read_advanced
    else:
        tags, urls, read = ENHANCED_TAGS, ENHANCED_URLS, read_enhanced
    with _opened(file.path, file.display) as (stream, _):
        try:
            document = read(_elements(stream, file, tags), file.namespace, builder)
        except etree.XMLSyntaxError as error:
            raise _syntax(file.display, error) from None
    return builder.finish(
        list_names=document.list_names, urls=urls, file_name=file.name, as_of=document.as_of
    )
