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

The files come from outside and are parsed as untrusted, by ``_xml`` (shared with the UN
list's importer): no entity is resolved, no DTD loaded, nothing fetched from the network,
and no huge tree allowed; a document that declares a DTD at all (OFAC's never do) is
refused before its content is read. Every problem that stops a file being read is one
:class:`SourceError`.
"""

from __future__ import annotations

from collections.abc import Iterator
from enum import StrEnum
from pathlib import Path
from typing import IO

from attrs import frozen
from lxml import etree

from sanctions_tracker.sources._files import FileHead, opened
from sanctions_tracker.sources._lists import ListFormat, ListLoad, WholeList
from sanctions_tracker.sources._ofac_common import LISTS
from sanctions_tracker.sources._ofac_xml_advanced import TAGS as ADVANCED_TAGS
from sanctions_tracker.sources._ofac_xml_advanced import URLS as ADVANCED_URLS
from sanctions_tracker.sources._ofac_xml_advanced import read_advanced
from sanctions_tracker.sources._ofac_xml_build import OfacXmlBuilder
from sanctions_tracker.sources._ofac_xml_enhanced import TAGS as ENHANCED_TAGS
from sanctions_tracker.sources._ofac_xml_enhanced import URLS as ENHANCED_URLS
from sanctions_tracker.sources._ofac_xml_enhanced import read_enhanced
from sanctions_tracker.sources._xml import XmlHead, free, parse, syntax_error

__all__ = ["FORMAT", "OfacXmlFile", "XmlSchema", "load_ofac_xml", "ofac_file", "recognise"]


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


@frozen
class OfacXmlFile(WholeList):
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

    group = "us-ofac"

    def read(self) -> ListLoad:
        """Read the file."""
        return load_ofac_xml(self)


def recognise(_head: FileHead, xml: XmlHead | None) -> OfacXmlFile | None:
    """The file as an OFAC XML list, if its root element is one of OFAC's schemas."""
    return None if xml is None else ofac_file(xml)


def ofac_file(head: XmlHead) -> OfacXmlFile | None:
    """The file as an OFAC XML list, if its root element is one of OFAC's schemas."""
    schema = _ROOTS.get((head.namespace, head.root))
    if schema is None:
        return None
    return OfacXmlFile(
        path=head.path,
        display=head.display,
        schema=schema,
        namespace=head.namespace,
        member=head.member,
    )


def _elements(
    stream: IO[bytes], file: OfacXmlFile, tags: tuple[str, ...]
) -> Iterator[etree._Element]:
    """The elements named ``tags``, each at its end; each is freed once it is read."""
    wanted = [etree.QName(file.namespace, tag).text for tag in tags]
    for element in parse(stream, file.display, wanted):
        yield element
        free(element)


def load_ofac_xml(file: OfacXmlFile) -> ListLoad:
    """Load an OFAC XML list file into designations and its account."""
    archived = f" ({file.member} in a zip archive)" if file.member else ""
    builder = OfacXmlBuilder(file.display, f"OFAC {file.schema.value} XML{archived}")
    tags: tuple[str, ...]
    if file.schema is XmlSchema.ADVANCED:
        tags, urls, read = ADVANCED_TAGS, ADVANCED_URLS, read_advanced
    else:
        tags, urls, read = ENHANCED_TAGS, ENHANCED_URLS, read_enhanced
    with opened(file.path, file.display) as (stream, _):
        try:
            document = read(_elements(stream, file, tags), file.namespace, builder)
        except etree.XMLSyntaxError as error:
            raise syntax_error(file.display, error) from None
    return builder.finish(
        list_names=document.list_names, urls=urls, file_name=file.name, as_of=document.as_of
    )


FORMAT = ListFormat(
    name="OFAC advanced or enhanced XML (SDN_ADVANCED.XML, CONS_ENHANCED.ZIP ...)",
    lists={info.list_id: info.title for info in LISTS.values()},
    recognise=recognise,
)
