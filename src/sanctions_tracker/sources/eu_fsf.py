"""The EU's consolidated financial sanctions list in its XML 1.1 form (Financial Sanctions
Files), plain, gzipped or zipped.

Root ``export`` in the namespace ``http://eu.europa.ec/fpi/fsd/export``, with a
``generationDate``; then one ``sanctionEntity`` per person or entity. Each becomes one
designation ``eu-fsf:<logicalId>`` (the EU's own, permanent id of the entry, which the
legacy format also uses) under the program of its ``regulation``'s programme
(``EU-IRQ``); its listing date is the entity's ``designationDate`` (never the date of the
amending act the ``regulation`` element names, which is the entity's latest act). How each
element and attribute maps to a field is in ``docs/eu.md``.

Rules that no entry escapes:

- an entity whose EU reference number is no EU reference number (``EU.<n>.<m>``, both
  numbers from 1), that has no ``nameAlias``, or that names no ``regulation`` (no
  programme) is rejected with its line and every one of these reasons;
- the EU marks no name as the main one: the primary name is the oldest name record (the
  lowest ``logicalId``) that is strong, not called a low-quality alias, in the Latin
  script; the others are a.k.a.s (weak when ``strong="false"`` or called low quality);
- a ``unitedNationId`` is the party's UN reference number: a SAME_PARTY link to
  ``un-sc:<reference>``.

The parse is ``_xml``'s: untrusted input, no entity resolved, no DTD, no network.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path
from typing import IO, Final

import attrs
from attrs import frozen
from lxml import etree

from sanctions_tracker.countries import country_name
from sanctions_tracker.errors import SourceError
from sanctions_tracker.records import Identifier, Name, NameKind, PartialDate
from sanctions_tracker.sources import _eu
from sanctions_tracker.sources._cells import is_number, number, shortened
from sanctions_tracker.sources._dates import iso_day, period_date
from sanctions_tracker.sources._files import FileHead, opened
from sanctions_tracker.sources._lists import ListFormat, ListLoad, WholeList
from sanctions_tracker.sources._names import joined, script_of
from sanctions_tracker.sources._parties import PartyBuilder, PartyFacts, slug, tidy
from sanctions_tracker.sources._places import make_address
from sanctions_tracker.sources._references import un_listing, un_misfit
from sanctions_tracker.sources._xml import XmlHead, parse, syntax_error

__all__ = ["FORMAT", "FORMAT_NAME", "NAMESPACE", "EuFsfFile", "load_eu_fsf", "recognise"]

NAMESPACE = "http://eu.europa.ec/fpi/fsd/export"
ROOT = "export"
FORMAT_NAME = "EU Financial Sanctions Files XML 1.1"
_NS = f"{{{NAMESPACE}}}"

_KINDS: Final = {"person": "individual", "enterprise": "entity", "vessel": "vessel"}
_GENDERS: Final = {"M": "male", "F": "female"}
_DOCUMENT_FLAGS: Final = (
    ("diplomatic", "diplomatic"),
    ("knownExpired", "known to be expired"),
    ("knownFalse", "known to be false"),
    ("reportedLost", "reported lost"),
    ("revokedByIssuer", "revoked by its issuer"),
)
_CONTACTS: Final = {"PHONE": "phone", "FAX": "fax", "WEB": "website", "EMAIL": "email"}
_UNKNOWN_COUNTRY: Final = frozenset({"", "00"})


def _tag(element: etree._Element) -> str:
    tag = element.tag
    return tag.removeprefix(_NS) if isinstance(tag, str) else ""


def _attr(element: etree._Element, name: str) -> str:
    return tidy(element.get(name))


def _country(element: etree._Element) -> str | None:
    code = _attr(element, "countryIso2Code").upper()
    return None if code in _UNKNOWN_COUNTRY or len(code) != 2 else code  # noqa: PLR2004


def _place(element: etree._Element, *names: str) -> str:
    """The parts of a place an element gives (``-`` is none), with its country's name."""
    parts = [_attr(element, name) for name in names]
    code = _country(element)
    if code is not None:
        parts.append(country_name(code))
    return ", ".join(part for part in parts if part and part != "-")


def _day(text: str) -> PartialDate | None:
    day = iso_day(text)
    return period_date(day, day) if day is not None and len(text) == 10 else None  # noqa: PLR2004


def _remarks(element: etree._Element) -> list[str]:
    return [tidy(child.text) for child in element if _tag(child) == "remark" and tidy(child.text)]


@frozen
class EuFsfFile(WholeList):
    """A file recognised as the EU's FSF XML 1.1 (``member``: its name in a zip)."""

    path: Path
    display: str
    generated: str | None = None
    member: str | None = None

    @property
    def name(self) -> str:
        """The XML file's own name (the zip member's, for a zip archive)."""
        return self.member or self.path.name

    @property
    def as_of(self) -> dt.date | None:
        """The day the file was generated, as it states it."""
        return iso_day(self.generated)

    group = _eu.LIST_ID

    def read(self) -> ListLoad:
        """Read the file."""
        return load_eu_fsf(self)


def recognise(_head: FileHead, xml: XmlHead | None) -> EuFsfFile | None:
    """The file as the EU's FSF XML 1.1, if its root element is ``export`` in the EU's
    namespace."""
    if xml is None or xml.root != ROOT or xml.namespace != NAMESPACE:
        return None
    return EuFsfFile(xml.path, xml.display, xml.attributes.get("generationDate"), xml.member)


# --------------------------------------------------------------------------- reading


class _Reader:
    """Reads sanctionEntity elements into the builder's parties."""

    def __init__(self, builder: PartyBuilder, acts: _eu.EuActs) -> None:
        self.builder = builder
        self.acts = acts
        self.handlers: dict[str, Callable[[PartyFacts, etree._Element, str], None]] = {
            "regulation": self.regulation,
            "subjectType": self.subject_type,
            "citizenship": self.citizenship,
            "birthdate": self.birthdate,
            "address": self.address,
            "identification": self.identification,
            "remark": self.remark,
        }

    def line(self, element: etree._Element, facts: PartyFacts) -> int:
        return element.sourceline or facts.line

    def cited(self, element: etree._Element, programme: str) -> None:
        """The acts a fact cites (``regulationSummary``): acts of the entry's programme."""
        for child in element:
            if _tag(child) == "regulationSummary" and _attr(child, "numberTitle"):
                self.acts.act(
                    programme,
                    _attr(child, "numberTitle"),
                    published=iso_day(_attr(child, "publicationDate")),
                    url=_attr(child, "publicationUrl") or None,
                )

    # --------------------------------------------------------------------- entries

    def entry(self, element: etree._Element) -> None:  # noqa: C901 - a check per rule
        """One sanctionEntity: a party, or an entry rejected with every reason."""
        line = element.sourceline or 0
        key = _attr(element, "logicalId")
        reference = _attr(element, "euReferenceNumber")
        problems = []
        if not is_number(key):
            problems.append(
                f"its logicalId {shortened(key)!r} is not a number" if key else "no logicalId"
            )
        if reference:
            problem = _eu.eu_reference_problem(reference)
            if problem:
                problems.append(problem)
        children = [child for child in element if _tag(child)]
        if not any(_tag(c) == "nameAlias" and _alias_name(c) for c in children):
            problems.append("it has no name (no nameAlias with a name)")
        regulations = [c for c in children if _tag(c) == "regulation"]
        if not any(_attr(c, "programme") for c in regulations):
            problems.append("it names no regulation with a programme")
        if problems:
            self.builder.reject(line, "; ".join(problems), key or reference or None)
            return
        facts = PartyFacts(key=key, line=line)
        programme = _attr(next(c for c in regulations if _attr(c, "programme")), "programme")
        if reference:
            facts.identifiers.append(Identifier("eu-reference-number", reference))
        self.attributes(facts, element)
        self.names(facts, [c for c in children if _tag(c) == "nameAlias"], programme)
        for child in children:
            tag = _tag(child)
            if tag == "nameAlias":
                continue
            handler = self.handlers.get(tag)
            if handler is None:
                text = f"{tag}: {tidy(' '.join(child.itertext()))}".rstrip(": ")
                reason = f"element <{tag}> is not one this loader reads; kept as text"
                self.builder.keep(facts, self.line(child, facts), text, reason)
                continue
            handler(facts, child, programme)
            self.cited(child, programme)
        self.builder.party(facts)

    def attributes(self, facts: PartyFacts, element: etree._Element) -> None:
        designated = _attr(element, "designationDate")
        if designated:
            day = iso_day(designated)
            if day is None:
                reason = f"designationDate {designated!r} is not a date; kept as text"
                self.builder.keep(facts, facts.line, f"designated on {designated}", reason)
            else:
                facts.listed.append(day)
                self.builder.read()
        details = _attr(element, "designationDetails")
        if details:
            facts.notes.append(f"designation details: {details}")
            self.builder.read()
        united = _attr(element, "unitedNationId")
        if united:
            subject = element.find(f"{_NS}subjectType")
            kind = _KINDS.get(_attr(subject, "code")) if subject is not None else None
            found = un_listing(united)
            misfit = un_misfit(united, kind)
            if found is None or misfit is not None:
                reason = misfit or f"unitedNationId {united!r} is no UN reference number"
                self.builder.keep(facts, facts.line, f"UN reference {united}", reason)
            else:
                facts.identifiers.append(Identifier("un-reference", united))
                facts.elsewhere.append(found)
                self.builder.read()

    # --------------------------------------------------------------------- names

    def names(self, facts: PartyFacts, aliases: list[etree._Element], programme: str) -> None:
        """Every nameAlias: the primary name (see the module's note), a.k.a.s, and what
        they say of the party (gender, functions, titles)."""
        read = []
        for alias in aliases:
            whole = _alias_name(alias)
            remarks = _remarks(alias)
            qualities = [_QUALITY.fullmatch(remark) for remark in remarks]
            low = any(q is not None and q[1].casefold() == "low" for q in qualities)
            weak = low or _attr(alias, "strong").casefold() == "false"
            order = _attr(alias, "logicalId")
            rank = number(order)
            read.append((alias, whole, weak, remarks, rank if rank is not None else 1 << 62))
            self.cited(alias, programme)
        named = [item for item in read if item[1]]
        strong = [item for item in named if not item[2] and script_of(item[1]) in {"Latn", None}]
        primary = min(strong or named, key=lambda item: item[4])
        for alias, whole, weak, remarks, _ in read:
            line = self.line(alias, facts)
            if not whole:
                reason = "a nameAlias without a name; kept as text"
                self.builder.keep(facts, line, _as_text(alias), reason)
                continue
            language = _attr(alias, "nameLanguage").lower() or None
            kind = NameKind.PRIMARY if alias is primary[0] else NameKind.AKA
            name = Name(whole, kind, weak, script_of(whole), language)
            if kind is NameKind.PRIMARY:
                facts.names.insert(0, name)
            else:
                facts.names.append(name)
            self.builder.read()
            gender = _GENDERS.get(_attr(alias, "gender").upper())
            if gender and facts.gender is None:
                facts.gender = gender
            for part in ("function", "title"):
                value = _attr(alias, part)
                if value and value not in facts.positions:
                    facts.positions.append(value)
            about = [r for r in remarks if _QUALITY.fullmatch(r) is None]
            if about:
                facts.information.append(f"{whole}: {'; '.join(about)}")

    # --------------------------------------------------------------------- facts

    def regulation(self, facts: PartyFacts, element: etree._Element, _programme: str) -> None:
        programme = _attr(element, "programme")
        number = _attr(element, "numberTitle")
        if programme:
            facts.programs.append(self.acts.entry(programme))
        url = tidy(element.findtext(f"{_NS}publicationUrl")) or None
        if number:
            self.acts.act(
                programme,
                number,
                act_type=_attr(element, "regulationType"),
                organisation=_attr(element, "organisationType"),
                published=iso_day(_attr(element, "publicationDate")),
                in_force=iso_day(_attr(element, "entryIntoForceDate")),
                url=url,
            )
            what = joined(
                (
                    _attr(element, "organisationType").capitalize(),
                    _attr(element, "regulationType"),
                    number,
                )
            )
            published = _attr(element, "publicationDate")
            facts.notes.append(
                f"latest act: {what}" + (f", published {published}" if published else "")
            )
        self.builder.read()

    def subject_type(self, facts: PartyFacts, element: etree._Element, _programme: str) -> None:
        code = _attr(element, "code").casefold()
        facts.kind = _KINDS.get(code, code or None)
        if code in _KINDS:
            self.builder.read()
        else:
            reason = f"subjectType {code!r} is not person, enterprise or vessel"
            self.builder.doubt(facts, self.line(element, facts), reason)

    def citizenship(self, facts: PartyFacts, element: etree._Element, _programme: str) -> None:
        code = _country(element)
        line = self.line(element, facts)
        region = _attr(element, "region")
        if code is None:
            text = f"citizenship: {_attr(element, 'countryDescription') or 'unknown'}"
            reason = "a citizenship of no known country; kept as text"
            self.builder.keep(facts, line, text, reason)
            return
        if code not in facts.citizenships:
            facts.citizenships.append(code)
        if region:
            facts.information.append(f"citizenship {code}: {region}")
        for remark in _remarks(element):
            facts.information.append(f"citizenship {code}: {remark}")
        self.builder.read()

    def birthdate(self, facts: PartyFacts, element: etree._Element, _programme: str) -> None:
        line = self.line(element, facts)
        born, text = _birth_date(element)
        place = _place(element, "city", "place", "region")
        if place and place not in facts.birth_places:
            facts.birth_places.append(place)
        remarks = _remarks(element)
        if born is None and text:
            reason = f"a date of birth that cannot be read ({text}); kept as text"
            self.builder.keep(facts, line, f"date of birth: {text}", reason)
        elif born is None and not place:
            reason = "a birthdate element with no date and no place"
            self.builder.keep(facts, line, "date of birth: " + "; ".join(remarks), reason)
            return
        else:
            if born is not None and born not in facts.birth_dates:
                facts.birth_dates.append(born)
            self.builder.read()
        calendar = _attr(element, "calendarType").upper()
        if born is not None and calendar not in {"", "GREGORIAN"}:
            given = "/".join(
                _attr(element, k)
                for k in ("dayOfMonth", "monthOfYear", "year")
                if _attr(element, k)
            )
            facts.information.append(
                f"date of birth {born}: given as {given} in the {calendar.lower()} calendar"
            )
        for remark in remarks:
            facts.information.append(f"date of birth {born or place}: {remark}")

    def address(self, facts: PartyFacts, element: etree._Element, _programme: str) -> None:
        parts = [
            ("address1", _attr(element, "street")),
            ("po box", _attr(element, "poBox")),
            ("city", _attr(element, "city")),
            ("postal code", _attr(element, "zipCode")),
            ("region", _attr(element, "region")),
            ("place", _attr(element, "place")),
        ]
        code = _country(element)
        name = _attr(element, "countryDescription") if code else None
        address = make_address(parts, code, name)
        remarks = [address.remarks] if address.remarks else []
        remarks.extend(_remarks(element))
        if _attr(element, "asAtListingTime").casefold() == "true":
            remarks.append("as at the time of listing")
        for child in element:
            if _tag(child) == "contactInfo":
                self.contact(facts, child)
        self.builder.address(facts, attrs.evolve(address, remarks="; ".join(remarks) or None))

    def contact(self, facts: PartyFacts, element: etree._Element) -> None:
        key, value = _attr(element, "key").upper(), _attr(element, "value")
        if not value:
            return
        kind = _CONTACTS.get(key)
        facts.identifiers.append(Identifier(kind or slug(key or "contact"), value))
        if kind is None:
            reason = (
                f"contactInfo key {key!r} is not PHONE, FAX, WEB or EMAIL; kept as {slug(key)!r}"
            )
            self.builder.doubt(facts, self.line(element, facts), reason)
        else:
            self.builder.read()

    def identification(self, facts: PartyFacts, element: etree._Element, _programme: str) -> None:
        line = self.line(element, facts)
        code = _attr(element, "identificationTypeCode").casefold()
        description = _attr(element, "identificationTypeDescription")
        number = _attr(element, "number") or _attr(element, "latinNumber")
        notes = [description] if description else []
        notes.extend(text for flag, text in _DOCUMENT_FLAGS if _attr(element, flag) == "true")
        for attribute, label in (
            ("issuedBy", "issued by"),
            ("region", "issued in"),
            ("nameOnDocument", "name on the document:"),
            ("validFrom", "valid from"),
        ):
            if _attr(element, attribute):
                notes.append(f"{label} {_attr(element, attribute)}")
        latin = _attr(element, "latinNumber")
        if latin and latin != number:
            notes.append(f"in the Latin script: {latin}")
        notes.extend(_remarks(element))
        if not number:
            text = "; ".join(["identity document", *notes])
            reason = f"an identification ({code or 'no type'}) without a number; kept as text"
            self.builder.keep(facts, line, text, reason)
            return
        kind = _eu.DOCUMENT_KINDS.get(code)
        facts.identifiers.append(
            Identifier(
                kind=kind or slug(description or code or "document"),
                value=number,
                country=_country(element),
                issued_on=_day(_attr(element, "issueDate")),
                expires_on=_day(_attr(element, "validTo")),
                note="; ".join(notes) or None,
            )
        )
        if kind is None:
            reason = (
                f"identificationTypeCode {code!r} is not one known here; "
                f"kept as {slug(description or code or 'document')!r}"
            )
            self.builder.doubt(facts, line, reason)
        else:
            self.builder.read()

    def remark(self, facts: PartyFacts, element: etree._Element, _programme: str) -> None:
        text = tidy(element.text)
        if text:
            facts.remarks = f"{facts.remarks}; {text}" if facts.remarks else text
        self.builder.read()


_QUALITY = re.compile(r"(good|low) quality (?:alii?as|a\.k\.a)\.?", re.IGNORECASE)
"""A remark on a name that says only its strength (read into ``weak``), in the forms seen
(``good quality alias``, ``low quality aliias``)."""


def _alias_name(alias: etree._Element) -> str:
    """A nameAlias's name: its wholeName, or its first, middle and last names."""
    return _attr(alias, "wholeName") or joined(
        _attr(alias, part) for part in ("firstName", "middleName", "lastName")
    )


def _as_text(element: etree._Element) -> str:
    attributes = "; ".join(f"{k} {v}" for k, v in element.attrib.items() if v and k != "logicalId")
    return f"{_tag(element)}: {attributes}" if attributes else _tag(element)


def _birth_date(  # noqa: PLR0911 - one return per form of the date
    element: etree._Element,
) -> tuple[PartialDate | None, str]:
    """A birthdate's date (the Gregorian ``birthdate`` first, then the year, month and day,
    then a range of years), circa as the file says; and its text when it states one."""
    circa = _attr(element, "circa") == "true"
    full = _attr(element, "birthdate")
    year, month, day = (_attr(element, k) for k in ("year", "monthOfYear", "dayOfMonth"))
    first, last = _attr(element, "yearRangeFrom"), _attr(element, "yearRangeTo")
    text = "; ".join(
        f"{k} {v}"
        for k, v in (("birthdate", full), ("year", year), ("from", first), ("to", last))
        if v
    )
    calendar = _attr(element, "calendarType").upper()
    try:
        if full:
            found = iso_day(full)
            if found is not None:
                return period_date(found, found, circa=circa), text
        elif calendar in {"", "GREGORIAN"} and year.isdigit():
            if month.isdigit() and int(month):
                return PartialDate(
                    int(year), int(month), int(day) if day.isdigit() and int(day) else None, circa
                ), text
            return PartialDate(int(year), circa=circa), text
        elif first.isdigit() and last.isdigit():
            start, end = int(first), int(last)
            if start == end:
                return PartialDate(start, circa=circa), text
            return PartialDate(start, circa=circa, until_year=end), text
    except ValueError:
        return None, text
    return None, text


def _read(stream: IO[bytes], file: EuFsfFile, reader: _Reader) -> None:
    entity, root = f"{_NS}sanctionEntity", f"{_NS}{ROOT}"
    for element in parse(stream, file.display, (entity, root)):
        if element.tag == entity:
            reader.entry(element)
            element.clear(keep_tail=False)
            continue
        for child in element:  # the root: anything but an entity is an entry of no kind
            if _tag(child) and child.tag != entity:
                reason = f"an element <{_tag(child)}> where the list has <sanctionEntity>; not read"
                reader.builder.reject(child.sourceline or 0, reason)
        element.clear(keep_tail=False)


def load_eu_fsf(file: EuFsfFile) -> ListLoad:
    """Load the EU's FSF XML 1.1 into designations, programs, acts and the account."""
    archived = f" ({file.member} in a zip archive)" if file.member else ""
    builder = PartyBuilder(file.display, f"{FORMAT_NAME}{archived}")
    acts = _eu.EuActs()
    reader = _Reader(builder, acts)
    with opened(file.path, file.display) as (stream, _):
        try:
            _read(stream, file, reader)
        except etree.XMLSyntaxError as error:
            raise syntax_error(file.display, error) from None
    if not builder.rows:
        msg = f"{file.display}: the EU list holds no sanctionEntity"
        raise SourceError(msg)
    source = _eu.list_source(file.name, file.as_of)
    loaded = builder.make_load(
        list_id=_eu.LIST_ID, title=_eu.TITLE, source=source, as_of=file.as_of
    )
    return attrs.evolve(
        loaded,
        program_records=acts.programs(source),
        authority_records=acts.authorities(source),
        list_sources=acts.sources(),
    )


FORMAT = ListFormat(name=FORMAT_NAME, lists={_eu.LIST_ID: _eu.TITLE}, recognise=recognise)
"""The EU's FSF XML 1.1, for the registry."""
