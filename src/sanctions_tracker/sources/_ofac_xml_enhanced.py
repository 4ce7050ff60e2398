"""OFAC's "enhanced" XML (``SDN_ENHANCED.XML``, ``CONS_ENHANCED.XML``) into party facts.

Each ``entity`` holds all that is said of one party: its type, lists, programs, names
(with their translations into other scripts), addresses, features, identity documents
and relationships; lookup values point into ``referenceValues`` (countries with their ISO
codes). ``publicationInfo`` says which list the file holds and its date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

from lxml import etree

from sanctions_tracker.records import Name, NameKind
from sanctions_tracker.sources._dates import period_text
from sanctions_tracker.sources._ofac_xml_build import Document, OfacXmlBuilder
from sanctions_tracker.sources._parties import ALIAS_KINDS, PartyFacts, tidy
from sanctions_tracker.sources._places import country_of, make_address
from sanctions_tracker.sources._xml import dispatch

__all__ = ["TAGS", "URLS", "read_enhanced"]

TAGS = ("publicationInfo", "referenceValues", "entity")
"""The elements read (at their end); everything inside them is read from them."""

URLS = {
    "us-ofac-sdn": (
        "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/SDN_ENHANCED.ZIP"
    ),
    "us-ofac-cons": (
        "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/CONS_ENHANCED.ZIP"
    ),
}


def _date(text: str | None) -> dt.date | None:
    """The date of ``2025-01-10T00:00:00`` or ``2025-01-10``."""
    try:
        return dt.date.fromisoformat(tidy(text)[:10])
    except ValueError:
        return None


def _true(element: etree._Element, path: str, ns: dict[str, str]) -> bool:
    return tidy(element.findtext(path, None, ns)).casefold() == "true"


class _Reader:
    def __init__(self, ns: str, builder: OfacXmlBuilder) -> None:
        self.ns = {"o": ns}
        self.builder = builder
        self.iso: dict[str, str] = {}
        self.list_names: set[str] = set()
        self.as_of: dt.date | None = None
        self.handlers: dict[object, Callable[[etree._Element], None]] = {
            etree.QName(ns, "publicationInfo").text: self.publication,
            etree.QName(ns, "referenceValues").text: self.reference_values,
            etree.QName(ns, "entity").text: self.entity,
        }

    def text(self, element: etree._Element, path: str) -> str:
        return tidy(element.findtext(path, None, self.ns))

    def publication(self, element: etree._Element) -> None:
        self.as_of = _date(element.findtext("o:dataAsOf", None, self.ns))
        for found in element.iterfind("o:filters/o:sanctionsLists/o:sanctionsList", self.ns):
            if tidy(found.text):
                self.list_names.add(tidy(found.text))

    def reference_values(self, element: etree._Element) -> None:
        for value in element.iterfind("o:referenceValue", self.ns):
            iso = self.text(value, "o:isoCode")
            if iso:
                self.iso[value.get("refId", "")] = iso

    def country(self, element: etree._Element | None) -> tuple[str | None, str | None]:
        """(alpha-2 code, name) of an element that names a country by refId and text."""
        if element is None:
            return None, None
        name = tidy(element.text) or None
        return country_of(self.iso.get(element.get("refId", "")), name), name

    # --------------------------------------------------------------------- parts

    def _names(self, facts: PartyFacts, entity: etree._Element) -> None:
        for name in entity.iterfind("o:names/o:name", self.ns):
            weak = _true(name, "o:isLowQuality", self.ns)
            if _true(name, "o:isPrimary", self.ns):
                kind = NameKind.PRIMARY
            else:
                kind = ALIAS_KINDS.get(self.text(name, "o:aliasType").casefold(), NameKind.AKA)
            translations = list(name.iterfind("o:translations/o:translation", self.ns))
            # The primary translation (Latin script) is the name; the others, in other
            # scripts, are a.k.a.s of the primary name or further aliases of their kind.
            first = next(
                (t for t in translations if _true(t, "o:isPrimary", self.ns)),
                translations[0] if translations else None,
            )
            for translation in translations:
                text = self.text(translation, "o:formattedFullName") or " ".join(
                    tidy(part.text)
                    for part in translation.iterfind("o:nameParts/o:namePart/o:value", self.ns)
                )
                if text:
                    own = (
                        kind
                        if translation is first or kind is not NameKind.PRIMARY
                        else NameKind.AKA
                    )
                    facts.names.append(Name(text, own, weak))

    def _addresses(self, facts: PartyFacts, entity: etree._Element) -> None:
        for address in entity.iterfind("o:addresses/o:address", self.ns):
            code, name = self.country(address.find("o:country", self.ns))
            translations = list(address.iterfind("o:translations/o:translation", self.ns))
            texts = [
                [
                    (self.text(part, "o:type"), self.text(part, "o:value"))
                    for part in translation.iterfind("o:addressParts/o:addressPart", self.ns)
                ]
                for translation in translations
            ]
            for parts in texts or [[]]:
                self.builder.address(facts, make_address(parts, code, name))

    def _features(self, facts: PartyFacts, entity: etree._Element) -> None:
        for feature in entity.iterfind("o:features/o:feature", self.ns):
            type_name = self.text(feature, "o:type")
            text: str | None = self.text(feature, "o:value")
            value_date = feature.find("o:valueDate", self.ns)
            if not text and value_date is not None:
                first = _date(value_date.findtext("o:fromDateBegin", None, self.ns))
                last = _date(value_date.findtext("o:toDateEnd", None, self.ns)) or first
                if first is not None and last is not None and last >= first:
                    circa = _true(value_date, "o:isApproximate", self.ns)
                    text = period_text(first, last, circa=circa)
            reference = self.text(feature, "o:valueRefId")
            self.builder.feature(
                facts,
                type_name,
                feature.sourceline or facts.line,
                text=text,
                country=self.iso.get(reference) if reference else None,
                comment=self.text(feature, "o:comments") or None,
            )

    def _documents(self, facts: PartyFacts, entity: etree._Element) -> None:
        for document in entity.iterfind("o:identityDocuments/o:identityDocument", self.ns):
            code, _ = self.country(document.find("o:issuingCountry", self.ns))
            valid = self.text(document, "o:isValid").casefold()
            self.builder.document(
                facts,
                self.text(document, "o:type"),
                self.text(document, "o:documentNumber"),
                document.sourceline or facts.line,
                country=code,
                validity="not valid" if valid == "false" else None,
                authority=self.text(document, "o:issuingAuthority") or None,
            )

    def entity(self, element: etree._Element) -> None:
        line = element.sourceline or 0
        key = element.get("id", "")
        if not key:
            self.builder.reject(line, "an entity without an id")
            return
        facts = PartyFacts(
            key=key, line=line, kind=self.text(element, "o:generalInfo/o:entityType")
        )
        self.builder.remarks(
            facts, element.findtext("o:generalInfo/o:remarks", None, self.ns), line
        )
        for listed in element.iterfind("o:sanctionsLists/o:sanctionsList", self.ns):
            if tidy(listed.text) and not self.list_names:
                self.list_names.add(tidy(listed.text))
            published = _date(listed.get("datePublished"))
            if published is not None:
                facts.listed.append(published)
        facts.programs.extend(
            tidy(program.text)
            for program in element.iterfind("o:sanctionsPrograms/o:sanctionsProgram", self.ns)
            if tidy(program.text)
        )
        self._names(facts, element)
        self._addresses(facts, element)
        self._features(facts, element)
        self._documents(facts, element)
        for relationship in element.iterfind("o:relationships/o:relationship", self.ns):
            related = relationship.find("o:relatedEntity", self.ns)
            target = related.get("entityId") if related is not None else None
            facts.links.append(
                (
                    self.text(relationship, "o:type") or "related to",
                    target,
                    tidy(related.text) if related is not None else "",
                    relationship.sourceline or line,
                )
            )
        self.builder.party(facts)


def read_enhanced(
    elements: Iterable[etree._Element], namespace: str, builder: OfacXmlBuilder
) -> Document:
    """Read the elements of an enhanced XML document into the builder's parties."""
    reader = _Reader(namespace, builder)
    dispatch(elements, reader.handlers)
    return Document(frozenset(reader.list_names), reader.as_of)
