"""OFAC's "advanced" XML (``SDN_ADVANCED.XML``, ``cons_advanced.xml``) into party facts.

The document is a web of ids: ``ReferenceValueSets`` name every type by id (alias types,
feature types, party types, countries, lists ...); ``Locations`` and ``IDRegDocuments``
come before the ``DistinctParties`` that refer to them, and ``ProfileRelationships`` and
``SanctionsEntries`` (which carry the program tags) after. Each element is read once, at
its end, and then freed: the parties wait as :class:`PartyFacts` until the end.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import NamedTuple

from lxml import etree

from sanctions_tracker.records import Name, NameKind, PartialDate
from sanctions_tracker.sources._cells import number
from sanctions_tracker.sources._dates import period_date, period_text
from sanctions_tracker.sources._ofac_xml_build import Document, OfacXmlBuilder
from sanctions_tracker.sources._parties import ALIAS_KINDS, PartyFacts, tidy
from sanctions_tracker.sources._places import country_of, make_address
from sanctions_tracker.sources._xml import dispatch

__all__ = ["TAGS", "URLS", "read_advanced"]

TAGS = (
    "DateOfIssue",
    "ReferenceValueSets",
    "Location",
    "IDRegDocument",
    "DistinctParty",
    "ProfileRelationship",
    "SanctionsEntry",
)
"""The elements read (at their end); everything inside them is read from them."""

URLS = {
    "us-ofac-sdn": "https://www.treasury.gov/ofac/downloads/sanctions/1.0/sdn_advanced.xml",
    "us-ofac-cons": "https://www.treasury.gov/ofac/downloads/sanctions/1.0/cons_advanced.xml",
}


class _Location(NamedTuple):
    parts: tuple[tuple[str, str], ...]
    country_code: str | None
    country_name: str | None


class _IdDocument(NamedTuple):
    line: int
    type_name: str
    number: str | None
    country: str | None
    issued: PartialDate | None
    expires: PartialDate | None
    validity: str | None
    authority: str | None


def _int(element: etree._Element | None, path: str, ns: dict[str, str]) -> int | None:
    text = element.findtext(path, None, ns) if element is not None else None
    return number(text)


class _Reader:
    def __init__(self, ns: str, builder: OfacXmlBuilder) -> None:
        self.ns = {"o": ns}
        self.builder = builder
        self.refs: dict[str, dict[str, str]] = {}
        self.ref_attributes: dict[str, dict[str, dict[str, str]]] = {}
        self.locations: dict[str, _Location] = {}
        self.documents: dict[str, list[_IdDocument]] = {}
        self.profiles: dict[str, PartyFacts] = {}
        self.list_names: set[str] = set()
        self.as_of: dt.date | None = None
        self.handlers: dict[object, Callable[[etree._Element], None]] = {
            etree.QName(ns, "DateOfIssue").text: self.date_of_issue,
            etree.QName(ns, "ReferenceValueSets").text: self.reference_values,
            etree.QName(ns, "Location").text: self.location,
            etree.QName(ns, "IDRegDocument").text: self.id_document,
            etree.QName(ns, "DistinctParty").text: self.party,
            etree.QName(ns, "ProfileRelationship").text: self.relationship,
            etree.QName(ns, "SanctionsEntry").text: self.entry,
        }

    def ref(self, kind: str, ref_id: str | None) -> str:
        """The text of a reference value (``ref("FeatureType", "8")`` is "Birthdate")."""
        return self.refs.get(kind, {}).get(ref_id or "", "")

    def text(self, element: etree._Element, path: str) -> str:
        return tidy(element.findtext(path, None, self.ns))

    # --------------------------------------------------------------------- header

    def date_of_issue(self, element: etree._Element) -> None:
        year, month, day = (
            _int(element, f"o:{part}", self.ns) for part in ("Year", "Month", "Day")
        )
        if year and month and day:
            try:
                self.as_of = dt.date(year, month, day)
            except ValueError:
                self.as_of = None

    def reference_values(self, element: etree._Element) -> None:
        for value_set in element:
            for value in value_set:
                kind = etree.QName(value).localname
                ref_id = value.get("ID", "")
                self.refs.setdefault(kind, {})[ref_id] = tidy(value.text)
                self.ref_attributes.setdefault(kind, {})[ref_id] = dict(value.attrib)

    def country(self, country_id: str | None) -> tuple[str | None, str | None]:
        """(alpha-2 code, name) of a Country reference value."""
        if not country_id:
            return None, None
        name = self.ref("Country", country_id)
        iso = self.ref_attributes.get("Country", {}).get(country_id, {}).get("ISO2")
        return country_of(iso, name), name or None

    # --------------------------------------------------------------------- dates

    def _day(self, element: etree._Element | None) -> dt.date | None:
        year, month, day = (
            _int(element, f"o:{part}", self.ns) for part in ("Year", "Month", "Day")
        )
        if year is None or month is None or day is None:
            return None
        try:
            return dt.date(year, month, day)
        except ValueError:
            return None

    def period(self, element: etree._Element) -> tuple[dt.date, dt.date, bool] | None:
        """(earliest, latest, approximate) of a DatePeriod: Start/From to End/To."""
        start = element.find("o:Start", self.ns)
        end = element.find("o:End", self.ns)
        first = self._day(element.find("o:Start/o:From", self.ns))
        last = self._day(element.find("o:End/o:To", self.ns)) or self._day(
            element.find("o:End/o:From", self.ns)
        )
        if first is None:
            return None
        last = last or self._day(element.find("o:Start/o:To", self.ns)) or first
        circa = any(part is not None and part.get("Approximate") == "true" for part in (start, end))
        return (first, last, circa) if last >= first else None

    # --------------------------------------------------------------------- before parties

    def location(self, element: etree._Element) -> None:
        parts = tuple(
            (
                self.ref("LocPartType", part.get("LocPartTypeID")),
                self.text(part, "o:LocationPartValue/o:Value"),
            )
            for part in element.iterfind("o:LocationPart", self.ns)
        )
        country = element.find("o:LocationCountry", self.ns)
        code, name = self.country(country.get("CountryID") if country is not None else None)
        if code is None and name is None:
            area = element.find("o:LocationAreaCode", self.ns)
            area_id = area.get("AreaCodeID") if area is not None else None
            if area_id:
                code = country_of(self.ref("AreaCode", area_id), None)
                name = self.ref_attributes.get("AreaCode", {}).get(area_id, {}).get("Description")
        self.locations[element.get("ID", "")] = _Location(parts, code, name)

    def id_document(self, element: etree._Element) -> None:
        dates: dict[str, PartialDate | None] = {}
        for document_date in element.iterfind("o:DocumentDate", self.ns):
            kind = self.ref("IDRegDocDateType", document_date.get("IDRegDocDateTypeID")).casefold()
            period = document_date.find("o:DatePeriod", self.ns)
            found = self.period(period) if period is not None else None
            if found is not None:
                dates[kind] = period_date(found[0], found[1], circa=found[2])
        code, _ = self.country(element.get("IssuedBy-CountryID"))
        self.documents.setdefault(element.get("IdentityID", ""), []).append(
            _IdDocument(
                line=element.sourceline or 0,
                type_name=self.ref("IDRegDocType", element.get("IDRegDocTypeID")),
                number=element.findtext("o:IDRegistrationNo", None, self.ns),
                country=code,
                issued=dates.get("issue date"),
                expires=dates.get("expiration date"),
                validity=self.ref("Validity", element.get("ValidityID")) or None,
                authority=self.text(element, "o:IssuingAuthority") or None,
            )
        )

    # --------------------------------------------------------------------- parties

    def _kind(self, profile: etree._Element) -> str:
        subtype_id = profile.get("PartySubTypeID")
        subtype = self.ref("PartySubType", subtype_id)
        if subtype.casefold() in {"vessel", "aircraft"}:
            return subtype
        party_type = self.ref_attributes.get("PartySubType", {}).get(subtype_id or "", {})
        return self.ref("PartyType", party_type.get("PartyTypeID")) or subtype

    def _name(self, documented: etree._Element, groups: dict[str, str]) -> str:
        """The name in OFAC's order: "LAST, First Middle", or the parts as they come."""
        last: list[str] = []
        rest: list[str] = []
        for value in documented.iterfind("o:DocumentedNamePart/o:NamePartValue", self.ns):
            text = tidy(value.text)
            if text:
                part_type = groups.get(value.get("NamePartGroupID", ""), "")
                (last if part_type.casefold() == "last name" else rest).append(text)
        if last and rest:
            return f"{' '.join(last)}, {' '.join(rest)}"
        return " ".join(last or rest)

    def _names(self, facts: PartyFacts, identity: etree._Element) -> None:
        groups = {
            group.get("ID", ""): self.ref("NamePartType", group.get("NamePartTypeID"))
            for group in identity.iterfind(
                "o:NamePartGroups/o:MasterNamePartGroup/o:NamePartGroup", self.ns
            )
        }
        for alias in identity.iterfind("o:Alias", self.ns):
            weak = alias.get("LowQuality") == "true"
            if alias.get("Primary") == "true":
                kind = NameKind.PRIMARY
            else:
                alias_type = self.ref("AliasType", alias.get("AliasTypeID")).casefold()
                kind = ALIAS_KINDS.get(alias_type, NameKind.AKA)
            documented = list(alias.iterfind("o:DocumentedName", self.ns))
            # The primary name is the one OFAC marks "Primary Latin"; its other scripts
            # are a.k.a.s. An alias in several scripts gives one alias per script.
            first = next(
                (
                    d
                    for d in documented
                    if self.ref("DocNameStatus", d.get("DocNameStatusID")).casefold()
                    == "primary latin"
                ),
                documented[0] if documented else None,
            )
            for name in documented:
                text = self._name(name, groups)
                if text:
                    own = kind if name is first or kind is not NameKind.PRIMARY else NameKind.AKA
                    facts.names.append(Name(text, own, weak))

    def _feature(self, facts: PartyFacts, feature: etree._Element) -> None:
        type_name = self.ref("FeatureType", feature.get("FeatureTypeID"))
        line = feature.sourceline or facts.line
        for version in feature.iterfind("o:FeatureVersion", self.ns):
            location = version.find("o:VersionLocation", self.ns)
            place = (
                self.locations.get(location.get("LocationID", "")) if location is not None else None
            )
            if type_name.casefold() == "location" and place is not None:
                self.builder.address(
                    facts, make_address(place.parts, place.country_code, place.country_name)
                )
                continue
            text: str | None = None
            code: str | None = None
            period = version.find("o:DatePeriod", self.ns)
            detail = version.find("o:VersionDetail", self.ns)
            found = self.period(period) if period is not None else None
            if found is not None:
                text = period_text(found[0], found[1], circa=found[2])
            elif detail is not None and detail.get("DetailReferenceID"):
                text = self.ref("DetailReference", detail.get("DetailReferenceID"))
            elif detail is not None and tidy(detail.text):
                text = detail.text
            elif place is not None:  # a country, by code or name, or only as a place's text
                text = place.country_name or " ".join(value for _, value in place.parts if value)
                code = place.country_code
            comment = self.text(version, "o:Comment") or None
            self.builder.feature(facts, type_name, line, text=text, country=code, comment=comment)

    def party(self, element: etree._Element) -> None:
        line = element.sourceline or 0
        key = element.get("FixedRef", "")
        profile = element.find("o:Profile", self.ns)
        if profile is None or not key:
            self.builder.reject(
                line, "a DistinctParty without a FixedRef or a Profile", key or None
            )
            return
        facts = PartyFacts(key=key, line=line, kind=self._kind(profile))
        self.builder.remarks(facts, element.findtext("o:Comment", None, self.ns), line)
        for identity in profile.iterfind("o:Identity", self.ns):
            self._names(facts, identity)
            for document in self.documents.pop(identity.get("ID", ""), ()):
                self.builder.document(
                    facts,
                    document.type_name,
                    document.number,
                    document.line,
                    country=document.country,
                    issued=document.issued,
                    expires=document.expires,
                    validity=document.validity,
                    authority=document.authority,
                )
        for feature in profile.iterfind("o:Feature", self.ns):
            self._feature(facts, feature)
        self.profiles[profile.get("ID", "")] = facts
        self.builder.party(facts)

    # --------------------------------------------------------------------- after parties

    def relationship(self, element: etree._Element) -> None:
        line = element.sourceline or 0
        source = self.profiles.get(element.get("From-ProfileID", ""))
        target_id = element.get("To-ProfileID", "")
        relation = self.ref("RelationType", element.get("RelationTypeID")) or "related to"
        if element.get("Former") == "true":
            relation = f"formerly {relation}"
        if source is None:
            reason = f"a relationship from profile {element.get('From-ProfileID')}, not in the file"
            self.builder.orphan(line, reason)
            return
        target = self.profiles.get(target_id)
        source.links.append((relation, target.key if target else None, "", line))

    def entry(self, element: etree._Element) -> None:
        list_name = self.ref("List", element.get("ListID"))
        if list_name:
            self.list_names.add(list_name)
        facts = self.profiles.get(element.get("ProfileID", ""))
        if facts is None:
            reason = f"a sanctions entry for profile {element.get('ProfileID')}, not in the file"
            self.builder.orphan(element.sourceline or 0, reason)
            return
        for event in element.iterfind("o:EntryEvent", self.ns):
            created = self.ref("EntryEventType", event.get("EntryEventTypeID")).casefold()
            day = self._day(event.find("o:Date", self.ns)) if created == "created" else None
            if day is not None:
                facts.listed.append(day)
        for measure in element.iterfind("o:SanctionsMeasure", self.ns):
            if self.ref("SanctionsType", measure.get("SanctionsTypeID")).casefold() == "program":
                tag = self.text(measure, "o:Comment")
                if tag:
                    facts.programs.append(tag)

    def finish(self) -> Document:
        for documents in self.documents.values():
            for document in documents:
                reason = f"an identity document ({document.type_name}) of no party in the file"
                self.builder.orphan(document.line, reason)
        return Document(frozenset(self.list_names), self.as_of)


def read_advanced(
    elements: Iterable[etree._Element], namespace: str, builder: OfacXmlBuilder
) -> Document:
    """Read the elements of an advanced XML document into the builder's parties."""
    reader = _Reader(namespace, builder)
    dispatch(elements, reader.handlers)
    return reader.finish()
