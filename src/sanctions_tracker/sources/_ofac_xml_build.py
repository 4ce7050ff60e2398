"""What the XML readers share: a party's facts as read, and how they become records.

Each reader (``_ofac_xml_advanced``, ``_ofac_xml_enhanced``) walks its schema and fills one
:class:`PartyFacts` per party with what the XML states in structure (names, addresses,
identity documents, countries, vessel data, relationships, programs) and, for every other
feature, a remark-style text ``"<feature type> <value>"``: OFAC's XML feature types are
the labels of the CSV remarks ("Secondary sanctions risk:", "Organization Type:", "ISIN",
"Vessel Year of Build" ...), so those texts are read by the very rules that read the CSV
remarks (``ofac_remarks.parse_remarks``), and the two formats give the same fields.

:class:`XmlBuilder` keeps the account: every party element is made into a designation or
rejected with its line and reason; every feature, document, relationship and remark
segment is counted, and one that is not turned into a field (a feature of a type not
known here, a value that cannot be read) is listed with its line and kept as text in the
record's ``information``.

The UN Consolidated List's reader (``un_xml``) builds on the same :class:`PartyFacts` and
:class:`XmlBuilder`: it states birth dates, places, positions and gender in structure,
and makes its load with :meth:`XmlBuilder.make_load` under its own list id and citation.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, NamedTuple

import attrs
from attrs import define, field

if TYPE_CHECKING:
    from lxml import etree

from sanctions_tracker.records import (
    Address,
    Designation,
    FileAccount,
    Identifier,
    Link,
    Name,
    NameKind,
    Origin,
    PartialDate,
    Party,
    PartyKind,
    RowProblem,
    Source,
    Verification,
    VerificationStatus,
    VesselInfo,
    is_valid_id,
)
from sanctions_tracker.sources._lists import ListLoad
from sanctions_tracker.sources._ofac_common import (
    LISTS,
    list_by_programs,
    list_source,
)
from sanctions_tracker.sources.ofac_remarks import (
    ParsedRemarks,
    ofac_country_code,
    parse_date,
    parse_remarks,
)

__all__ = [
    "ALIAS_KINDS",
    "PARTY_KINDS",
    "Document",
    "PartyFacts",
    "XmlBuilder",
    "country_of",
    "dispatch",
    "make_address",
    "period_date",
    "period_text",
    "tidy",
]

PARTY_KINDS = {
    "individual": PartyKind.INDIVIDUAL,
    "entity": PartyKind.ENTITY,
    "vessel": PartyKind.VESSEL,
    "aircraft": PartyKind.AIRCRAFT,
}
"""Party kinds by the XML's party type or subtype, in lower case."""

ALIAS_KINDS = {"a.k.a.": NameKind.AKA, "f.k.a.": NameKind.FKA, "n.k.a.": NameKind.NKA}
"""Name kinds by the XML's alias type, in lower case (any other type is an a.k.a.)."""

_VESSEL_FIELDS = {
    "vessel call sign": "call_sign",
    "vessel type": "vessel_type",
    "vessel tonnage": "tonnage",
    "vessel gross registered tonnage": "gross_registered_tonnage",
    "vessel flag": "flag",
    "vessel owner": "owner",
}
"""Features that are the CSV's vessel columns, by type in lower case: a VesselInfo field."""

_COUNTRY_FIELDS = {"nationality country": "nationalities", "citizenship country": "citizenships"}

_REMARK_LABELS = {"birthdate": "DOB", "place of birth": "POB", "title": "Title:"}
"""Feature types whose remark label differs from the type (in lower case)."""

_KNOWN_FEATURE_PREFIXES = (
    "Additional Sanctions Information",
    "Aircraft ",
    "BIK (RU)",
    "Birthdate",
    "CAATSA",
    "D-U-N-S Number",
    "Digital Currency Address",
    "Effective Date",
    "Email",
    "Equity Ticker",
    "Executive Order",
    "Former Vessel",
    "Gender",
    "IFCA",
    "ISIN",
    "Issuer Name",
    "Listing Date",
    "MMSI",
    "Nationality of Registration",
    "Organization Established Date",
    "Organization Type",
    "Other Vessel",
    "Phone",
    "Place of Birth",
    "Purchase/Sales For Divestment Date",
    "Secondary sanctions risk",
    "SWIFT/BIC",
    "Target Type",
    "Title",
    "Transactions Prohibited For Persons Owned or Controlled By",
    "Vessel Year of Build",
    "Website",
)
"""Feature types (by their start) read through the remarks rules; any other is unknown."""


_ISO2 = re.compile(r"^[A-Z]{2}$")
_MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_NOT_A_COUNTRY = frozenset({"", "undetermined", "unknown"})
_ADDRESS_PARTS = {
    "address1": "street",
    "address2": "street",
    "address3": "street",
    "city": "city",
    "state/province": "region",
    "region": "region",
    "postal code": "postal_code",
}


def tidy(text: str | None) -> str:
    """The text with its runs of white space made single spaces ('' for None)."""
    return " ".join(text.split()) if text else ""


def country_of(code: str | None, name: str | None) -> str | None:
    """The alpha-2 code of a country the XML gives by code, by name, or both."""
    code = (code or "").strip()
    if _ISO2.match(code):
        return code
    name = tidy(name)
    if name.casefold() in _NOT_A_COUNTRY:
        return None
    return ofac_country_code(name)


def _day(day: dt.date) -> str:
    return f"{day.day:02d} {_MONTH_NAMES[day.month - 1]} {day.year:04d}"


def period_text(start: dt.date, end: dt.date, *, circa: bool = False) -> str:
    """A date period as OFAC writes it in the CSV ("14 Dec 1960", "Nov 1960", "1962",
    "1960 to 1962", "circa 1957"), for ``ofac_remarks.parse_date`` to read as it reads the
    CSV's: the XML and CSV forms of a date then give the same PartialDate."""
    if start == end:
        text = _day(start)
    elif (start.month, start.day, end.month, end.day) == (1, 1, 12, 31):
        text = f"{start.year:04d}"
        if end.year != start.year:
            text += f" to {end.year:04d}"
    elif (
        start.day == 1
        and (start.year, start.month) == (end.year, end.month)
        and (end + dt.timedelta(days=1)).day == 1
    ):
        text = f"{_MONTH_NAMES[start.month - 1]} {start.year:04d}"
    else:
        text = f"{_day(start)} to {_day(end)}"
    return f"circa {text}" if circa else text


def period_date(start: dt.date, end: dt.date, *, circa: bool = False) -> PartialDate | None:
    """The PartialDate of a period, as the CSV's text of it reads (see ``period_text``)."""
    return parse_date(period_text(start, end, circa=circa))


def make_address(
    parts: Iterable[tuple[str, str]], country: str | None, name: str | None
) -> Address:
    """An Address from (part type, value) pairs and a country; a part of a type not known
    here, or a country without a code, goes into the address's remarks."""
    found: dict[str, list[str]] = {}
    remarks: list[str] = []
    for part_type, value in parts:
        slot = _ADDRESS_PARTS.get(part_type.casefold())
        if not value:
            continue
        if slot is None:
            remarks.append(f"{part_type.lower()}: {value}")
        else:
            found.setdefault(slot, []).append(value)
    code = country_of(country, name)
    if code is None and tidy(name).casefold() not in _NOT_A_COUNTRY:
        remarks.append(f"country: {tidy(name)}")
    return Address(
        street=", ".join(found["street"]) if "street" in found else None,
        city=", ".join(found["city"]) if "city" in found else None,
        region=", ".join(found["region"]) if "region" in found else None,
        postal_code=", ".join(found["postal_code"]) if "postal_code" in found else None,
        country=code,
        remarks="; ".join(remarks) or None,
    )


def _slug(text: str) -> str:
    """``"Owned or Controlled By"`` -> ``"owned-or-controlled-by"``."""
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-") or "unnamed"


class Document(NamedTuple):
    """What a reader gives beside the parties: the lists the file names, its date."""

    list_names: frozenset[str]
    as_of: dt.date | None


@define
class PartyFacts:
    """What the XML says of one party, gathered as it is read.

    ``segments`` are remark-style texts (``"ISIN US1694261033"``) to be read by the CSV
    remarks rules; ``links`` are (relation, target key or None, target name, line);
    ``listed`` the dates the party entered each list it is on (the earliest is its
    listing date: the umbrella Consolidated List is younger than the lists it gathers).
    ``birth_dates``, ``birth_places``, ``positions``, ``gender`` and ``notes`` (sanctions
    notes) are facts a format states in structure; they come before what the segments give.
    """

    key: str
    line: int
    kind: str | None = None
    names: list[Name] = field(factory=list)
    segments: list[str] = field(factory=list)
    nationalities: list[str] = field(factory=list)
    citizenships: list[str] = field(factory=list)
    identifiers: list[Identifier] = field(factory=list)
    addresses: list[Address] = field(factory=list)
    vessel: dict[str, str] = field(factory=dict)
    links: list[tuple[str, str | None, str, int]] = field(factory=list)
    programs: list[str] = field(factory=list)
    listed: list[dt.date] = field(factory=list)
    remarks: str | None = None
    information: list[str] = field(factory=list)
    birth_dates: list[PartialDate] = field(factory=list)
    birth_places: list[str] = field(factory=list)
    positions: list[str] = field(factory=list)
    gender: str | None = None
    notes: list[str] = field(factory=list)


_NOTHING = ParsedRemarks()


class XmlBuilder:
    """Gathers the parties of one XML file and keeps its account; ``finish`` makes the load."""

    def __init__(self, display: str, file_format: str) -> None:
        self.display = display
        self.format = file_format
        self.parties: dict[str, PartyFacts] = {}
        self.rows = 0
        self.made = 0
        self.rejected: list[RowProblem] = []
        self.orphans: list[RowProblem] = []
        self.facts = 0
        self.facts_read = 0
        self.kept: list[RowProblem] = []
        self.verification = Verification(
            status=VerificationStatus.VERIFIED, verified=("as published in the list file",)
        )

    # ----------------------------------------------------------------------- parties

    def party(self, facts: PartyFacts) -> None:
        """A party element read: kept, or rejected when its key was seen before."""
        self.rows += 1
        first = self.parties.get(facts.key)
        if first is not None:
            reason = f"a second entry with id {facts.key} (the first is on line {first.line})"
            self.rejected.append(RowProblem(self.display, facts.line, reason, facts.key))
            return
        self.parties[facts.key] = facts

    def reject(self, line: int, reason: str, key: str | None = None) -> None:
        """A party element that cannot be read at all."""
        self.rows += 1
        self.rejected.append(RowProblem(self.display, line, reason, key))

    def orphan(self, line: int, reason: str, key: str | None = None) -> None:
        """An element about a party that is not in the file (a sanctions entry, a document)."""
        self.rows += 1
        self.orphans.append(RowProblem(self.display, line, reason, key))

    # ----------------------------------------------------------------------- facts

    def _keep(self, facts: PartyFacts, line: int, text: str, reason: str) -> None:
        """A fact not turned into a field: listed in the account, kept as text."""
        self.kept.append(RowProblem(self.display, line, reason, facts.key))
        facts.information.append(text)

    def read(self) -> None:
        """A fact turned into a field."""
        self.facts += 1
        self.facts_read += 1

    def keep(self, facts: PartyFacts, line: int, text: str, reason: str) -> None:
        """A fact that could not be turned into a field: counted, listed, kept as text."""
        self.facts += 1
        self._keep(facts, line, text, reason)

    def doubt(self, facts: PartyFacts, line: int, reason: str) -> None:
        """A fact read into a field by a guess (an unknown document type, say): counted and
        listed in the account, as the guess may be wrong."""
        self.facts += 1
        self.kept.append(RowProblem(self.display, line, reason, facts.key))

    def remarks(self, facts: PartyFacts, text: str | None, line: int) -> None:
        """The party's free-text remarks: kept whole, and read by the CSV remarks rules."""
        text = (text or "").strip()
        if not text:
            return
        facts.remarks = text
        facts.segments.append(text)
        parsed = parse_remarks(text)
        self.facts += parsed.segments
        self.facts_read += parsed.parsed
        self.kept.extend(
            RowProblem(self.display, line, f"remark not read into a field: {segment!r}", facts.key)
            for segment in parsed.unparsed
        )

    def address(self, facts: PartyFacts, address: Address) -> None:
        """An address of the party."""
        self.facts += 1
        self.facts_read += 1
        facts.addresses.append(address)

    def feature(
        self,
        facts: PartyFacts,
        type_name: str,
        line: int,
        *,
        text: str | None,
        country: str | None = None,
        comment: str | None = None,
    ) -> None:
        """A feature: its type (OFAC's label) and value, as text and, for a country, a code."""
        self.facts += 1
        label = tidy(type_name)
        key = label.casefold()
        value = tidy(text)
        if comment:
            facts.information.append(f"{label} {value}: {tidy(comment)}")
        if not value and country is None:
            self._keep(facts, line, label, f"feature {label!r} has no value")
            return
        if key in _COUNTRY_FIELDS:
            code = country_of(country, value)
            if code is None:
                reason = f"feature {label!r}: {value!r} is not a country known here"
                self._keep(facts, line, f"{label} {value}", reason)
                return
            found: list[str] = getattr(facts, _COUNTRY_FIELDS[key])
            if code not in found:
                found.append(code)
        elif key in _VESSEL_FIELDS:
            slot = _VESSEL_FIELDS[key]
            if slot in facts.vessel:
                reason = f"a second {label!r} ({value!r}); the first is kept in the vessel data"
                self._keep(facts, line, f"{label} {value}", reason)
                return
            facts.vessel[slot] = value
        elif not label.startswith(_KNOWN_FEATURE_PREFIXES):
            reason = f"feature type {label!r} is not one this loader reads; kept as text"
            self._keep(facts, line, f"{label} {value}", reason)
            return
        else:
            segment = f"{_REMARK_LABELS.get(key, label)} {value}"
            if parse_remarks(segment).unparsed:
                reason = f"feature {label!r}: the value {value!r} could not be read; kept as text"
                self._keep(facts, line, segment, reason)
                return
            facts.segments.append(segment)
        self.facts_read += 1

    def document(
        self,
        facts: PartyFacts,
        type_name: str,
        number: str | None,
        line: int,
        *,
        country: str | None = None,
        issued: PartialDate | None = None,
        expires: PartialDate | None = None,
        validity: str | None = None,
        authority: str | None = None,
    ) -> None:
        """An identity document: read as the CSV remarks label ``<type> <number>`` is, with
        the country, dates and validity the XML gives beside it."""
        self.facts += 1
        label, number = tidy(type_name), tidy(number)
        if not number:
            self._keep(facts, line, label, f"identity document {label!r} has no number")
            return
        parsed = parse_remarks(f"{label} {number}")
        known = len(parsed.identifiers) == 1 and not parsed.unparsed and parsed.segments == 1
        found = (
            parsed.identifiers[0]
            if known
            else Identifier(kind=_slug(label), value=number, note=label)
        )
        notes = [found.note] if found.note else []
        if validity and validity.casefold() != "valid":
            notes.append(validity.lower())
        if authority:
            notes.append(f"issued by {tidy(authority)}")
        facts.identifiers.append(
            attrs.evolve(
                found,
                country=country or found.country,
                issued_on=issued or found.issued_on,
                expires_on=expires or found.expires_on,
                note="; ".join(notes) or None,
            )
        )
        if known:
            self.facts_read += 1
        else:
            reason = f"identity document type {label!r} is not known; kept as {found.kind!r}"
            self.kept.append(RowProblem(self.display, line, reason, facts.key))

    # ----------------------------------------------------------------------- the end

    def _list_id(self, list_names: Iterable[str]) -> str:
        names = {tidy(name).casefold() for name in list_names}
        if names == {"sdn list"}:
            return "us-ofac-sdn"
        if "consolidated list" in names and "sdn list" not in names:
            return "us-ofac-cons"
        programs = Counter(tuple(facts.programs) for facts in self.parties.values())
        return list_by_programs(programs.items(), len(self.parties))

    def finish(
        self,
        *,
        list_names: Iterable[str],
        urls: Mapping[str, str],
        file_name: str,
        as_of: dt.date | None,
    ) -> ListLoad:
        """The designations and the account of an OFAC list, once every element is read."""
        info = LISTS[self._list_id(list_names)]
        source = list_source(info, file_name, url=urls.get(info.list_id), published_on=as_of)
        return self.make_load(list_id=info.list_id, title=info.title, source=source, as_of=as_of)

    def make_load(
        self, *, list_id: str, title: str, source: Source, as_of: dt.date | None
    ) -> ListLoad:
        """The designations (ids ``<list_id>:<key>``) and the account, citing ``source``."""
        names = {
            key: next((n.full for n in facts.names if n.kind is NameKind.PRIMARY), "")
            for key, facts in self.parties.items()
        }
        designations: list[Designation] = []
        programs: dict[str, None] = {}
        for facts in self.parties.values():
            try:
                designation = self._designation(facts, list_id, source.id, names)
            except ValueError as error:
                self.rejected.append(RowProblem(self.display, facts.line, str(error), facts.key))
                continue
            designations.append(designation)
            programs.update(dict.fromkeys(designation.programs))
            self.made += 1
        account = FileAccount(
            file=self.display,
            format=self.format,
            rows_read=self.rows,
            records_made=self.made,
            rejected=tuple(self.rejected),
            orphans=tuple(self.orphans),
            remark_segments=self.facts,
            remark_segments_parsed=self.facts_read,
            unparsed_remarks=tuple(self.kept),
        )
        return ListLoad(
            list_id=list_id,
            title=title,
            source=source,
            designations=tuple(designations),
            programs=tuple(programs),
            accounts=(account,),
            as_of=as_of,
        )

    def _links(self, facts: PartyFacts, list_id: str, names: Mapping[str, str]) -> tuple[Link, ...]:
        links = []
        for text, target, name, line in facts.links:
            self.facts += 1
            relation = _slug(text)
            if target is not None and names.get(target):
                links.append(Link(relation, names[target], f"{list_id}:{target}"))
                self.facts_read += 1
            elif name:  # a party of another list (the SDN list, for the Consolidated)
                links.append(Link(relation, name))
                self.facts_read += 1
            else:
                reason = f"a relationship ({text}) to entry {target}, which is not in the file"
                self._keep(facts, line, f"{text}: entry {target}", reason)
        return tuple(links)

    def _designation(
        self, facts: PartyFacts, list_id: str, source_id: str, names: Mapping[str, str]
    ) -> Designation:
        kind = PARTY_KINDS.get((facts.kind or "").casefold())
        if kind is None:
            msg = f"party type {facts.kind!r} is not individual, entity, vessel or aircraft"
            raise ValueError(msg)
        primaries = [n for n in facts.names if n.kind is NameKind.PRIMARY]
        if not primaries:
            msg = "the entry has no primary name"
            raise ValueError(msg)
        if not facts.programs:
            msg = "the entry names no sanctions program"
            raise ValueError(msg)
        for tag in facts.programs:
            if not is_valid_id(tag):
                msg = f"the program tag {tag!r} is not a usable id"
                raise ValueError(msg)
        text = "; ".join(facts.segments)
        parsed = parse_remarks(text) if text else _NOTHING
        aliases = [
            n if n.kind is not NameKind.PRIMARY else attrs.evolve(n, kind=NameKind.AKA)
            for n in facts.names
            if n is not primaries[0]
        ]
        party = Party(
            kind=kind,
            names=tuple(dict.fromkeys((primaries[0], *aliases, *parsed.aliases))),
            birth_dates=(*facts.birth_dates, *parsed.birth_dates),
            birth_places=(*facts.birth_places, *parsed.birth_places),
            nationalities=tuple(dict.fromkeys((*facts.nationalities, *parsed.nationalities))),
            citizenships=tuple(dict.fromkeys((*facts.citizenships, *parsed.citizenships))),
            gender=facts.gender or parsed.gender,
            positions=(*facts.positions, *parsed.positions),
            identifiers=(*facts.identifiers, *parsed.identifiers),
            addresses=tuple(facts.addresses),
            links=self._links(facts, list_id, names),
            vessel=_vessel(facts.vessel, parsed),
            aircraft=parsed.aircraft,
            established_on=parsed.established_on,
            organization_type=parsed.organization_type,
            information=(*parsed.other, *facts.information),
            remarks=facts.remarks,
        )
        return Designation(
            id=f"{list_id}:{facts.key}",
            list_id=list_id,
            party=party,
            programs=tuple(dict.fromkeys(facts.programs)),
            listed_on=min(facts.listed, default=None),
            sources=(source_id,),
            notes=(*facts.notes, *parsed.sanctions_notes),
            verification=self.verification,
            origin=Origin(file=self.display, line=facts.line),
        )


def _vessel(columns: Mapping[str, str], parsed: ParsedRemarks) -> VesselInfo | None:
    details = parsed.vessel
    if not columns and not details:
        return None
    return VesselInfo(
        call_sign=columns.get("call_sign"),
        vessel_type=columns.get("vessel_type"),
        tonnage=columns.get("tonnage"),
        gross_registered_tonnage=columns.get("gross_registered_tonnage"),
        flag=columns.get("flag"),
        owner=columns.get("owner"),
        year_of_build=details.year_of_build,
        other_flags=details.other_flags,
        former_flags=details.former_flags,
        other_types=details.other_types,
        other_call_signs=details.other_call_signs,
    )


def dispatch(
    elements: Iterable[etree._Element],
    handlers: Mapping[object, Callable[[etree._Element], None]],
) -> None:
    """Hand each element to the handler of its tag; elements of other tags are skipped."""
    for element in elements:
        handler = handlers.get(element.tag)
        if handler is not None:
            handler(element)
