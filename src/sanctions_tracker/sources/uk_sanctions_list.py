"""The UK Sanctions List (FCDO) in its XML form, plain, gzipped or zipped.

Since 28 January 2026 the UK Sanctions List is the UK's one official list. Its XML has the
root ``Designations`` (no namespace) with a ``DateGenerated`` (day first) and one
``Designation`` per person, entity or ship. Each becomes the designation
``uk-fcdo:<UniqueID>`` (``AFG0011``) under the program of its ``RegimeName`` (the
regulations the UK made under the Sanctions and Anti-Money Laundering Act 2018, which are
its authority): ``The Afghanistan (Sanctions) (EU Exit) Regulations 2020`` is program
``UK-AFGHANISTAN``. How each element maps to a field is in ``docs/uk.md``.

Rules:

- a ``Designation`` without a ``UniqueID`` is rejected (a record the UK did not number is
  none of its designations), and so is one without a primary name or a regime;
- ``DOB`` is day first, with ``dd`` and ``mm`` where the day or month is not known
  (``dd/mm/1968`` is the year 1968);
- ``UNReferenceNumber`` (``TAi.007``) is a SAME_PARTY link to ``un-sc:TAi.007``, and
  ``OFSIGroupID`` one to the party's entry on OFSI's retired Consolidated List
  (``uk-ofsi:<group id>``);
- every element this reader does not know is counted, listed and kept as text.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path
from typing import IO, Final

import attrs
from attrs import define, field, frozen
from lxml import etree

from sanctions_tracker.errors import SourceError
from sanctions_tracker.records import (
    Authority,
    AuthorityKind,
    Identifier,
    Name,
    NameKind,
    Program,
    Source,
    Verification,
    VerificationStatus,
)
from sanctions_tracker.sources._dates import iso_day, numeric_date, numeric_day
from sanctions_tracker.sources._files import FileHead, opened
from sanctions_tracker.sources._lists import ListFormat, ListLoad, WholeList
from sanctions_tracker.sources._names import joined, script_of
from sanctions_tracker.sources._parties import PartyBuilder, PartyFacts, slug, tidy
from sanctions_tracker.sources._places import country_by_name, make_address
from sanctions_tracker.sources._references import un_listing, un_misfit
from sanctions_tracker.sources._xml import XmlHead, parse, syntax_error

__all__ = [
    "FORMAT",
    "FORMAT_NAME",
    "LIST_ID",
    "TITLE",
    "UkListFile",
    "load_uk_list",
    "recognise",
    "regime_core",
    "regime_program",
]

LIST_ID = "uk-fcdo"
TITLE = "UK Sanctions List"
PUBLISHER = "Foreign, Commonwealth and Development Office (UK)"
URL = "https://sanctionslist.fcdo.gov.uk/docs/UK-Sanctions-List.xml"
ROOT = "Designations"
FORMAT_NAME = "UK Sanctions List XML"
OFSI_LIST_ID = "uk-ofsi"
"""The id of OFSI's retired Consolidated List (``uk_ofsi.LIST_ID``)."""

_KINDS: Final = {"individual": "individual", "entity": "entity", "ship": "vessel"}
_NAME_PARTS: Final = ("Name1", "Name2", "Name3", "Name4", "Name5", "Name6")
_NAME_TYPES: Final = {
    "primary name": NameKind.PRIMARY,
    "alias": NameKind.AKA,
    "primary name variation": NameKind.AKA,
}
_ADDRESS_LINES: Final = tuple(f"AddressLine{n}" for n in range(1, 7))
_THE = re.compile(r"^the\s+", re.IGNORECASE)
_BRACKETED = re.compile(r"\s*\((?:sanctions|eu exit|united nations sanctions)\)", re.IGNORECASE)
_INSTRUMENT = re.compile(r"\s+(?:regulations|order)\s+\d{4}$", re.IGNORECASE)


def regime_core(regime: str) -> str:
    """What a UK regime is about, without the words every regime's name has:
    ``The Afghanistan (Sanctions) (EU Exit) Regulations 2020`` -> ``Afghanistan``."""
    text = " ".join(regime.split())
    core = _INSTRUMENT.sub("", _BRACKETED.sub("", _THE.sub("", text))).strip()
    return core or text


def regime_program(regime: str, prefix: str = "UK") -> str:
    """The program id of a UK regime (``UK-AFGHANISTAN``): its core, in capitals."""
    core = re.sub(r"[^A-Za-z0-9]+", "-", regime_core(regime)).strip("-").upper()
    return f"{prefix}-{core or 'REGIME'}"


@frozen
class UkListFile(WholeList):
    """A file recognised as the UK Sanctions List XML (``member``: its name in a zip)."""

    path: Path
    display: str
    generated: str | None = None
    member: str | None = None

    @property
    def name(self) -> str:
        """The XML file's own name (the zip member's, for a zip archive)."""
        return self.member or self.path.name

    group = LIST_ID

    def read(self) -> ListLoad:
        """Read the file."""
        return load_uk_list(self)


def recognise(_head: FileHead, xml: XmlHead | None) -> UkListFile | None:
    """The file as the UK Sanctions List, if its root element is ``Designations``."""
    if xml is None or xml.root != ROOT or xml.namespace:
        return None
    return UkListFile(xml.path, xml.display, xml.attributes.get("dateGenerated"), xml.member)


def list_source(file_name: str, published_on: dt.date | None) -> Source:
    """The citation of a UK Sanctions List file."""
    return Source(
        id=f"src-{LIST_ID}:{file_name}",
        publisher=PUBLISHER,
        title=f"{TITLE} ({file_name})",
        url=URL,
        published_on=published_on,
        verification=Verification(
            status=VerificationStatus.VERIFIED,
            verified=("records read from the list file as published",),
        ),
    )


# --------------------------------------------------------------------------- reading


def _tag(element: etree._Element) -> str:
    tag = element.tag
    return tag if isinstance(tag, str) else ""


def _texts(element: etree._Element) -> dict[str, str]:
    return {_tag(c): tidy(c.text) for c in element if _tag(c) and tidy(c.text)}


@define
class _Regimes:
    """The regimes met: program id -> regime name, and how many designations each holds."""

    names: dict[str, str] = field(factory=dict)
    counts: dict[str, int] = field(factory=dict)

    def add(self, regime: str) -> str:
        program = regime_program(regime)
        self.names.setdefault(program, regime)
        self.counts[program] = self.counts.get(program, 0) + 1
        return program

    def records(self, source: Source) -> tuple[tuple[Program, ...], tuple[Authority, ...]]:
        programs, authorities = [], []
        for program, regime in self.names.items():
            authority = "uk-si:" + slug(regime)
            authorities.append(
                Authority(
                    id=authority,
                    code=regime,
                    title=regime,
                    kind=AuthorityKind.REGULATION,
                    sources=(source.id,),
                    country="GB",
                    summary="Regulations made under the Sanctions and Anti-Money Laundering "
                    "Act 2018, as the list names them.",
                    verification=Verification(
                        status=VerificationStatus.PARTLY_VERIFIED,
                        verified=("the regulations are named in the list file",),
                        unverified=("their text was not read",),
                    ),
                )
            )
            count = self.counts[program]
            core = regime_core(regime)
            programs.append(
                Program(
                    id=program,
                    name=f"UK: {core}",
                    sources=(source.id,),
                    country=country_by_name(core),
                    authorities=(authority,),
                    description=(f"Designations under {regime}: {count} in the list file."),
                    verification=Verification(
                        status=VerificationStatus.PARTLY_VERIFIED,
                        verified=("the regime's name as the list file gives it",),
                        unverified=("the program's short name is made from the regime's",),
                    ),
                )
            )
        return tuple(programs), tuple(authorities)


class _Reader:
    """Reads Designation elements into the builder's parties."""

    def __init__(self, builder: PartyBuilder, regimes: _Regimes) -> None:
        self.builder = builder
        self.regimes = regimes
        self.kind_of: str | None = None
        """The kind of the designation being read (its UN reference must fit it)."""
        self.groups: dict[str, Callable[[PartyFacts, etree._Element], None]] = {
            "Name": self.name,
            "NonLatinName": self.non_latin_name,
            "Address": self.address,
            "Passport": self.passport,
            "NationalIdentifier": self.national_identifier,
            "Location": self.birth_location,
            "SanctionsImposedIndicators": self.indicators,
        }
        self.leaves: dict[str, Callable[[PartyFacts, str, int], None]] = {
            "LastUpdated": self.last_updated,
            "DateDesignated": self.designated,
            "UniqueID": self.skip,
            "OFSIGroupID": self.ofsi_group,
            "UNReferenceNumber": self.un_reference,
            "Title": self.position,
            "Position": self.position,
            "RegimeName": self.regime,
            "IndividualEntityShip": self.kind,
            "DesignationSource": self.designation_source,
            "SanctionsImposed": self.sanctions,
            "OtherInformation": self.other_information,
            "UKStatementofReasons": self.statement,
            "DOB": self.birth_date,
            "Nationality": self.nationality,
            "Gender": self.gender,
            "TypeOfEntity": self.segment("Organization Type:"),
            "YearBuilt": self.segment("Vessel Year of Build"),
            "PreviousFlag": self.segment("Former Vessel Flag"),
            "IMONumber": self.imo,
            "CurrentOwnerOperator": self.vessel("owner"),
            "CurrentBelievedFlagOfShip": self.vessel("flag"),
            "TypeOfShip": self.vessel("vessel_type"),
            "TonnageOfShip": self.vessel("tonnage"),
            "LengthOfShip": self.length,
            "EmailAddress": self.contact("email"),
            "PhoneNumber": self.contact("phone"),
            "Website": self.contact("website"),
            "BusinessRegistrationNumber": self.contact("registration-number"),
        }

    # --------------------------------------------------------------------- the walk

    def entry(self, element: etree._Element) -> None:
        """One Designation: a party, or a rejected entry."""
        line = element.sourceline or 0
        key = tidy(element.findtext("UniqueID"))
        if not key:
            names = [joined(n.findtext(p) for p in _NAME_PARTS) for n in element.iter("Name")]
            named = f" ({names[0]})" if names and names[0] else ""
            reason = f"a Designation without a UniqueID{named}: no designation of the UK list"
            self.builder.reject(line, reason)
            return
        facts = PartyFacts(key=key, line=line)
        self.kind_of = _KINDS.get(tidy(element.findtext("IndividualEntityShip")).casefold())
        self.walk(facts, element)
        primaries = [n for n in facts.names if n.kind is NameKind.PRIMARY]
        for extra in primaries[1:]:  # a second primary name: an a.k.a.
            facts.names[facts.names.index(extra)] = attrs.evolve(extra, kind=NameKind.AKA)
        if primaries and facts.names[0] is not primaries[0]:
            facts.names.remove(primaries[0])
            facts.names.insert(0, primaries[0])
        self.builder.party(facts)

    def walk(self, facts: PartyFacts, element: etree._Element) -> None:
        for child in element:
            tag = _tag(child)
            line = child.sourceline or facts.line
            if not tag:
                continue
            if tag in self.groups:
                self.groups[tag](facts, child)
            elif len(child):
                self.walk(facts, child)
            elif not tidy(child.text):
                continue
            elif tag in self.leaves:
                self.leaves[tag](facts, tidy(child.text), line)
            else:
                reason = f"element <{tag}> is not one this loader reads; kept as text"
                self.builder.keep(facts, line, f"{tag}: {tidy(child.text)}", reason)

    def unknown_parts(self, facts: PartyFacts, element: etree._Element, known: set[str]) -> None:
        for tag, value in _texts(element).items():
            if tag not in known:
                reason = f"element <{tag}> in <{_tag(element)}> is not one this loader reads"
                self.builder.keep(
                    facts, element.sourceline or facts.line, f"{tag}: {value}", reason
                )

    # --------------------------------------------------------------------- leaves

    def skip(self, _facts: PartyFacts, _text: str, _line: int) -> None:
        """The UniqueID: the designation's id, read with the entry."""

    def last_updated(self, facts: PartyFacts, text: str, line: int) -> None:
        day = numeric_day(text)
        if day is None:
            self.builder.keep(
                facts, line, f"last updated {text}", f"LastUpdated {text!r} is not a date"
            )
            return
        facts.notes.append(f"last updated on the UK list on {day}")
        self.builder.read()

    def designated(self, facts: PartyFacts, text: str, line: int) -> None:
        day = numeric_day(text)
        if day is None:
            reason = f"DateDesignated {text!r} is not a date; kept as text"
            self.builder.keep(facts, line, f"designated on {text}", reason)
            return
        facts.listed.append(day)
        self.builder.read()

    def ofsi_group(self, facts: PartyFacts, text: str, _line: int) -> None:
        facts.identifiers.append(Identifier("ofsi-group-id", text))
        facts.elsewhere.append((f"{OFSI_LIST_ID}:{text}", f"OFSI Consolidated List group {text}"))
        self.builder.read()

    def un_reference(self, facts: PartyFacts, text: str, line: int) -> None:
        found = un_listing(text)
        misfit = un_misfit(text, self.kind_of)
        if found is None or misfit is not None:
            reason = misfit or f"UNReferenceNumber {text!r} is no UN reference number"
            self.builder.keep(facts, line, f"UN reference {text}", reason)
            return
        facts.identifiers.append(Identifier("un-reference", text))
        facts.elsewhere.append(found)
        self.builder.read()

    def position(self, facts: PartyFacts, text: str, _line: int) -> None:
        if text not in facts.positions:
            facts.positions.append(text)
        self.builder.read()

    def regime(self, facts: PartyFacts, text: str, _line: int) -> None:
        facts.programs.append(self.regimes.add(text))
        self.builder.read()

    def kind(self, facts: PartyFacts, text: str, line: int) -> None:
        facts.kind = _KINDS.get(text.casefold(), text)
        if text.casefold() in _KINDS:
            self.builder.read()
        else:
            self.builder.doubt(facts, line, f"IndividualEntityShip {text!r} is not known")

    def designation_source(self, facts: PartyFacts, text: str, _line: int) -> None:
        facts.notes.append(f"designation source: {text}")
        self.builder.read()

    def sanctions(self, facts: PartyFacts, text: str, _line: int) -> None:
        imposed = [part.strip() for part in text.split("|") if part.strip()]
        facts.notes.append(f"sanctions imposed: {', '.join(imposed)}")
        self.builder.read()

    def other_information(self, facts: PartyFacts, text: str, _line: int) -> None:
        facts.remarks = text
        self.builder.read()

    def statement(self, facts: PartyFacts, text: str, _line: int) -> None:
        facts.notes.append(f"UK statement of reasons: {text}")
        self.builder.read()

    def birth_date(self, facts: PartyFacts, text: str, line: int) -> None:
        born = numeric_date(text)
        if born is None:
            reason = f"DOB {text!r} cannot be read; kept as text"
            self.builder.keep(facts, line, f"date of birth {text}", reason)
            return
        if born not in facts.birth_dates:
            facts.birth_dates.append(born)
        self.builder.read()

    def nationality(self, facts: PartyFacts, text: str, line: int) -> None:
        code = country_by_name(text)
        if code is None:
            reason = f"nationality {text!r} is not a country known here; kept as text"
            self.builder.keep(facts, line, f"nationality: {text}", reason)
            return
        if code not in facts.nationalities:
            facts.nationalities.append(code)
        self.builder.read()

    def gender(self, facts: PartyFacts, text: str, _line: int) -> None:
        facts.gender = text.casefold()
        self.builder.read()

    def segment(self, label: str) -> Callable[[PartyFacts, str, int], None]:
        """A fact read by the remarks rules, as ``<label> <value>``."""

        def read(facts: PartyFacts, text: str, _line: int) -> None:
            facts.segments.append(f"{label} {text}")
            self.builder.read()

        return read

    def vessel(self, key: str) -> Callable[[PartyFacts, str, int], None]:
        def read(facts: PartyFacts, text: str, _line: int) -> None:
            facts.vessel[key] = f"{facts.vessel[key]}; {text}" if key in facts.vessel else text
            self.builder.read()

        return read

    def imo(self, facts: PartyFacts, text: str, _line: int) -> None:
        facts.identifiers.append(Identifier("imo", text.upper().removeprefix("IMO").strip()))
        self.builder.read()

    def length(self, facts: PartyFacts, text: str, _line: int) -> None:
        facts.information.append(f"length of ship: {text}")
        self.builder.read()

    def contact(self, kind: str) -> Callable[[PartyFacts, str, int], None]:
        def read(facts: PartyFacts, text: str, _line: int) -> None:
            facts.identifiers.append(Identifier(kind, text))
            self.builder.read()

        return read

    # --------------------------------------------------------------------- groups

    def name(self, facts: PartyFacts, element: etree._Element) -> None:
        parts = _texts(element)
        self.unknown_parts(facts, element, {*_NAME_PARTS, "NameType", "AliasStrength"})
        full = joined(parts.get(p) for p in _NAME_PARTS)
        line = element.sourceline or facts.line
        if not full:
            self.builder.keep(facts, line, "a name with no parts", "a Name without a name")
            return
        name_type = parts.get("NameType", "").casefold()
        kind = _NAME_TYPES.get(name_type, NameKind.AKA)
        weak = parts.get("AliasStrength", "").casefold().startswith("low")
        name = Name(full, kind, weak, script_of(full))
        if name not in facts.names:
            facts.names.append(name)
        if name_type in _NAME_TYPES:
            self.builder.read()
        else:
            reason = f"NameType {parts.get('NameType')!r} is not one known here; read as an alias"
            self.builder.doubt(facts, line, reason)

    def non_latin_name(self, facts: PartyFacts, element: etree._Element) -> None:
        parts = _texts(element)
        known = {"NameNonLatinScript", "NonLatinScriptType", "NonLatinScriptLanguage"}
        self.unknown_parts(facts, element, known)
        full = parts.get("NameNonLatinScript", "")
        if not full:
            return
        language = parts.get("NonLatinScriptLanguage", "").lower() or None
        name = Name(full, NameKind.AKA, False, script_of(full), language)  # noqa: FBT003 - strong
        if name not in facts.names:
            facts.names.append(name)
        self.builder.read()

    def address(self, facts: PartyFacts, element: etree._Element) -> None:
        parts = _texts(element)
        self.unknown_parts(facts, element, {*_ADDRESS_LINES, "AddressPostalCode", "AddressCountry"})
        lines = [parts[tag] for tag in _ADDRESS_LINES if tag in parts]
        country = parts.get("AddressCountry")
        pieces = [
            ("address1", ", ".join(lines)),
            ("postal code", parts.get("AddressPostalCode", "")),
        ]
        code = country_by_name(country) if country else None
        address = make_address(pieces, code, country if code is None else None)
        if country and code is None:
            facts.addresses.append(address)
            reason = f"address country {country!r} is not a country known here; in its remarks"
            self.builder.doubt(facts, element.sourceline or facts.line, reason)
            return
        self.builder.address(facts, address)

    def passport(self, facts: PartyFacts, element: etree._Element) -> None:
        parts = _texts(element)
        self.unknown_parts(facts, element, {"PassportNumber", "PassportAdditionalInformation"})
        self.document(
            facts,
            element,
            "passport",
            parts.get("PassportNumber"),
            parts.get("PassportAdditionalInformation"),
        )

    def national_identifier(self, facts: PartyFacts, element: etree._Element) -> None:
        parts = _texts(element)
        known = {"NationalIdentifierNumber", "NationalIdentifierAdditionalInformation"}
        self.unknown_parts(facts, element, known)
        self.document(
            facts,
            element,
            "national-id",
            parts.get("NationalIdentifierNumber"),
            parts.get("NationalIdentifierAdditionalInformation"),
        )

    def document(
        self,
        facts: PartyFacts,
        element: etree._Element,
        kind: str,
        number: str | None,
        note: str | None,
    ) -> None:
        line = element.sourceline or facts.line
        if not number:
            if note:
                reason = f"a {kind} without a number; kept as text"
                self.builder.keep(facts, line, f"{kind}: {note}", reason)
            return
        facts.identifiers.append(Identifier(kind, number, note=note or None))
        self.builder.read()

    def birth_location(self, facts: PartyFacts, element: etree._Element) -> None:
        parts = _texts(element)
        self.unknown_parts(facts, element, {"TownOfBirth", "CountryOfBirth"})
        place = ", ".join(p for p in (parts.get("TownOfBirth"), parts.get("CountryOfBirth")) if p)
        if not place:
            return
        if place not in facts.birth_places:
            facts.birth_places.append(place)
        self.builder.read()

    def indicators(self, facts: PartyFacts, element: etree._Element) -> None:
        """The sanctions imposed, one true/false element each: those that are true are the
        ones ``SanctionsImposed`` names; kept as a note when it does not."""
        imposed = [_tag(c) for c in element if tidy(c.text).casefold() == "true"]
        if imposed and not any(n.startswith("sanctions imposed:") for n in facts.notes):
            words = [re.sub(r"(?<!^)(?=[A-Z])", " ", tag).lower() for tag in imposed]
            facts.notes.append(f"sanctions imposed: {', '.join(words)}")
        self.builder.read()


def _read(stream: IO[bytes], file: UkListFile, reader: _Reader) -> dt.date | None:
    generated: dt.date | None = None
    for element in parse(stream, file.display, ("Designation", "DateGenerated", ROOT)):
        if element.tag == "Designation":
            reader.entry(element)
        elif element.tag == "DateGenerated":
            generated = numeric_day(element.text)
        else:
            for child in element:
                if _tag(child) not in {"", "Designation", "DateGenerated"}:
                    reason = (
                        f"an element <{_tag(child)}> where the list has <Designation>; not read"
                    )
                    reader.builder.reject(child.sourceline or 0, reason)
        element.clear(keep_tail=False)
    return generated


def load_uk_list(file: UkListFile) -> ListLoad:
    """Load the UK Sanctions List XML into designations, regimes and the account."""
    archived = f" ({file.member} in a zip archive)" if file.member else ""
    builder = PartyBuilder(file.display, f"{FORMAT_NAME}{archived}")
    regimes = _Regimes()
    reader = _Reader(builder, regimes)
    with opened(file.path, file.display) as (stream, _):
        try:
            generated = _read(stream, file, reader)
        except etree.XMLSyntaxError as error:
            raise syntax_error(file.display, error) from None
    if not builder.rows:
        msg = f"{file.display}: the UK list holds no Designation"
        raise SourceError(msg)
    as_of = generated or iso_day(file.generated)
    source = list_source(file.name, as_of)
    loaded = builder.make_load(list_id=LIST_ID, title=TITLE, source=source, as_of=as_of)
    programs, authorities = regimes.records(source)
    return attrs.evolve(loaded, program_records=programs, authority_records=authorities)


FORMAT = ListFormat(name=FORMAT_NAME, lists={LIST_ID: TITLE}, recognise=recognise)
"""The UK Sanctions List XML, for the registry."""
