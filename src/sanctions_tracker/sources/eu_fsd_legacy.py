"""The EU's consolidated financial sanctions list in the Financial Sanctions Database's
legacy XML (before XML 1.1), plain, gzipped or zipped.

Root ``WHOLE`` (no namespace) with a ``Date`` (``11/02/2016``, day first); then one
``ENTITY`` per person (``Type="P"``) or entity (``"E"``), whose ``Id`` is the same
``logicalId`` as in XML 1.1: each becomes the designation ``eu-fsf:<Id>`` under the
program of its ``programme`` (``EU-IRQ``), so that a legacy file and a 1.1 file are two
versions of one list (``diff`` compares them). Its children ``NAME``, ``BIRTH``,
``PASSPORT``, ``CITIZEN`` and ``ADDRESS`` are the party's facts; each names the act it
rests on (``legal_basis``, ``reg_date``, ``pdf_link``), and so does the entity itself.

The format gives no designation date: the entity's ``reg_date`` is the date of its latest
act (Mugabe's is 2012, his listing 2002), so the listing date stays unknown and the
earliest act the file names for the entry is kept in its notes. How each element maps to
a field is in ``docs/eu.md``.
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
from sanctions_tracker.sources._cells import is_number, number
from sanctions_tracker.sources._dates import iso_day, numeric_day, period_date
from sanctions_tracker.sources._files import FileHead, opened
from sanctions_tracker.sources._lists import ListFormat, ListLoad, WholeList
from sanctions_tracker.sources._names import joined, script_of
from sanctions_tracker.sources._parties import PartyBuilder, PartyFacts, slug, tidy
from sanctions_tracker.sources._places import country_by_name, make_address
from sanctions_tracker.sources._xml import XmlHead, parse, syntax_error

__all__ = ["FORMAT", "FORMAT_NAME", "EuLegacyFile", "load_eu_legacy", "recognise"]

ROOT = "WHOLE"
FORMAT_NAME = "EU Financial Sanctions Database XML (legacy)"

_KINDS: Final = {"P": "individual", "E": "entity"}
_GENDERS: Final = {"M": "male", "F": "female"}
_DOCUMENT = re.compile(
    r"(?P<number>.+?) \((?P<code>[a-z]+)-(?P<label>[^)]*)\)(?P<rest>.*)", re.DOTALL
)
"""A PASSPORT's NUMBER: ``AD001095 (passport-National passport) ((passport))``."""
_BIRTH = re.compile(r"(\d{4})(?: ?- ?(\d{4}))?( \(approximative\))?")
_CONTACT = re.compile(r"(PHONE|FAX|WEB|EMAIL)\[([^\]]*)\]")
_CONTACTS: Final = {"PHONE": "phone", "FAX": "fax", "WEB": "website", "EMAIL": "email"}
_REGIME = re.compile(r"regime (\S+(?: \([^)]*\))?) of programme (\w+)")
"""An act an entity's remark names: ``in regime 310/2002 (OJ L50) of programme ZWE``."""


def _text(element: etree._Element, tag: str) -> str:
    return tidy(element.findtext(tag))


def _unwrap(text: str) -> str:
    """A remark without the parentheses the format puts round it: ``(X)`` -> ``X``."""
    text = tidy(text)
    while text.startswith("(") and text.endswith(")") and text.count("(") == text.count(")"):
        inner = text[1:-1].strip()
        if inner.count("(") != inner.count(")"):
            break
        text = inner
    return text


def _country(text: str) -> str | None:
    """A country as the format gives it: an ISO 3166 alpha-3 code (``IRQ``)."""
    return country_by_name(text) if text else None


@frozen
class EuLegacyFile(WholeList):
    """A file recognised as the EU's legacy FSD XML (``member``: its name in a zip)."""

    path: Path
    display: str
    date: str | None = None
    member: str | None = None

    @property
    def name(self) -> str:
        """The XML file's own name (the zip member's, for a zip archive)."""
        return self.member or self.path.name

    @property
    def as_of(self) -> dt.date | None:
        """The day of the list, as the file states it (``Date``, day first)."""
        return numeric_day(self.date)

    group = _eu.LIST_ID

    def read(self) -> ListLoad:
        """Read the file."""
        return load_eu_legacy(self)


def recognise(_head: FileHead, xml: XmlHead | None) -> EuLegacyFile | None:
    """The file as the EU's legacy FSD XML, if its root element is ``WHOLE``."""
    if xml is None or xml.root != ROOT or xml.namespace:
        return None
    return EuLegacyFile(xml.path, xml.display, xml.attributes.get("Date"), xml.member)


class _Reader:
    """Reads ENTITY elements into the builder's parties."""

    def __init__(self, builder: PartyBuilder, acts: _eu.EuActs) -> None:
        self.builder = builder
        self.acts = acts
        self.handlers: dict[str, Callable[[PartyFacts, etree._Element], None]] = {
            "BIRTH": self.birth,
            "PASSPORT": self.passport,
            "CITIZEN": self.citizen,
            "ADDRESS": self.address,
        }
        self.earliest: tuple[str, str] | None = None

    def start(self) -> None:
        """A new entry: no act of it met yet."""
        self.earliest = None

    def act(self, element: etree._Element, programme: str) -> None:
        """The act an element rests on: an act of the programme; the earliest kept."""
        number = tidy(element.get("legal_basis"))
        if not number:
            return
        published = iso_day(element.get("reg_date"))
        self.acts.act(programme, number, published=published, url=tidy(element.get("pdf_link")))
        if published is not None and (
            self.earliest is None or published.isoformat() < self.earliest[0]
        ):
            self.earliest = (published.isoformat(), number)

    def entry(self, element: etree._Element) -> None:  # noqa: C901 - a check per rule
        """One ENTITY: a party, or an entry rejected with every reason."""
        line = element.sourceline or 0
        key = tidy(element.get("Id"))
        programme = tidy(element.get("programme"))
        names = [c for c in element if c.tag == "NAME" and _name(c)]
        problems = []
        if not is_number(key):
            problems.append(f"its Id {key!r} is not a number" if key else "no Id")
        if not names:
            problems.append("it has no name (no NAME with a name)")
        if not programme:
            problems.append("it names no programme")
        if problems:
            self.builder.reject(line, "; ".join(problems), key or None)
            return
        facts = PartyFacts(key=key, line=line, kind=_KINDS.get(tidy(element.get("Type"))))
        facts.programs.append(self.acts.entry(programme))
        self.start()
        self.act(element, programme)
        self.builder.read()
        if facts.kind is None:
            reason = f"Type {element.get('Type')!r} is not P or E"
            self.builder.doubt(facts, line, reason)
            facts.kind = tidy(element.get("Type")) or None
        self.remark(facts, tidy(element.get("remark")), programme)
        self.names(facts, names)
        for child in element:
            tag = child.tag if isinstance(child.tag, str) else ""
            if not tag or tag == "NAME":
                if tag:
                    self.act(child, programme)
                continue
            if tidy(child.get("Entity_id")) not in {"", key}:
                reason = (
                    f"<{tag}> of entity {child.get('Entity_id')} inside entity {key}; kept as text"
                )
                self.builder.keep(facts, child.sourceline or line, _as_text(child), reason)
                continue
            handler = self.handlers.get(tag)
            if handler is None:
                reason = f"element <{tag}> is not one this loader reads; kept as text"
                self.builder.keep(facts, child.sourceline or line, _as_text(child), reason)
                continue
            handler(facts, child)
            self.act(child, programme)
        if self.earliest is not None:
            day, number = self.earliest
            facts.notes.append(f"earliest act named for the entry: {number}, of {day}")
        self.builder.party(facts)

    def remark(self, facts: PartyFacts, text: str, programme: str) -> None:
        remark = _unwrap(text)
        if not remark:
            return
        facts.remarks = remark
        for act, other in _REGIME.findall(remark):
            self.acts.act(other, act)
            if other != programme:
                facts.programs.append(self.acts.entry(other))

    def names(self, facts: PartyFacts, elements: list[etree._Element]) -> None:
        latin = [e for e in elements if script_of(_name(e)) in {"Latn", None}]
        primary = min(latin or elements, key=lambda e: _order(e.get("Id")))
        for element in elements:
            whole = _name(element)
            language = _text(element, "LANGUAGE").lower() or None
            kind = NameKind.PRIMARY if element is primary else NameKind.AKA
            name = Name(whole, kind, script=script_of(whole), language=language)
            if kind is NameKind.PRIMARY:
                facts.names.insert(0, name)
            elif name not in facts.names:
                facts.names.append(name)
            self.builder.read()
            gender = _GENDERS.get(_text(element, "GENDER").upper())
            if gender and facts.gender is None:
                facts.gender = gender
            for tag in ("FUNCTION", "TITLE"):
                value = _text(element, tag)
                if value and value.casefold() not in {p.casefold() for p in facts.positions}:
                    facts.positions.append(value)

    def birth(self, facts: PartyFacts, element: etree._Element) -> None:
        line = element.sourceline or facts.line
        text = _text(element, "DATE")
        born = _birth_date(text)
        code = _country(_text(element, "COUNTRY"))
        place = ", ".join(
            filter(None, (_text(element, "PLACE"), country_name(code) if code else None))
        )
        if place and place not in facts.birth_places:
            facts.birth_places.append(place)
        if text and born is None:
            reason = f"a date of birth that cannot be read ({text}); kept as text"
            self.builder.keep(facts, line, f"date of birth: {text}", reason)
            return
        if born is not None and born not in facts.birth_dates:
            facts.birth_dates.append(born)
        self.builder.read()

    def passport(self, facts: PartyFacts, element: etree._Element) -> None:
        line = element.sourceline or facts.line
        text = " ".join((element.findtext("NUMBER") or "").split())
        found = _DOCUMENT.fullmatch(text)
        code = _country(_text(element, "COUNTRY"))
        if found is None:
            if text:
                facts.identifiers.append(Identifier("identification-number", text, code))
                reason = "a PASSPORT number without its type; kept as 'identification-number'"
                self.builder.doubt(facts, line, reason)
            return
        kind = _eu.DOCUMENT_KINDS.get(found["code"])
        rest = _unwrap(found["rest"])
        rest = "" if rest.casefold() == found["code"] else rest
        note = "; ".join(filter(None, (found["label"], rest)))
        facts.identifiers.append(
            Identifier(kind or slug(found["label"]), found["number"], code, note=note or None)
        )
        if kind is None:
            reason = (
                f"document type {found['code']!r} is not one known here; "
                f"kept as {slug(found['label'])!r}"
            )
            self.builder.doubt(facts, line, reason)
        else:
            self.builder.read()

    def citizen(self, facts: PartyFacts, element: etree._Element) -> None:
        text = _text(element, "COUNTRY")
        code = _country(text)
        if code is None:
            if text:
                reason = f"citizenship {text!r} is not a country known here; kept as text"
                self.builder.keep(
                    facts, element.sourceline or facts.line, f"citizen: {text}", reason
                )
            return
        if code not in facts.citizenships:
            facts.citizenships.append(code)
        self.builder.read()

    def address(self, facts: PartyFacts, element: etree._Element) -> None:
        country = _text(element, "COUNTRY")
        code = _country(country)
        other = _text(element, "OTHER")
        for key, value in _CONTACT.findall(other):
            for part in (v.strip() for v in value.split(", ")):
                if part:
                    facts.identifiers.append(Identifier(_CONTACTS[key], part))
        other = _unwrap(_CONTACT.sub("", other))
        parts = [
            ("address1", joined((_text(element, "NUMBER"), _text(element, "STREET")))),
            ("postal code", _text(element, "ZIPCODE")),
            ("city", _text(element, "CITY")),
            ("other", other),
        ]
        if not any(value for _, value in parts) and not country:
            return
        address = make_address(parts, code, country if code is None else None)
        self.builder.address(facts, attrs.evolve(address, remarks=address.remarks))


def _name(element: etree._Element) -> str:
    return _text(element, "WHOLENAME") or joined(
        _text(element, tag) for tag in ("FIRSTNAME", "MIDDLENAME", "LASTNAME")
    )


def _order(text: str | None) -> int:
    value = tidy(text)
    found = number(value)
    return found if found is not None else 1 << 62


def _birth_date(text: str) -> PartialDate | None:
    """``1937-04-28``, ``1965``, ``1965 (approximative)`` or ``1953 - 1958 (approximative)``."""
    if not text:
        return None
    day = iso_day(text)
    if day is not None and len(text) == 10:  # noqa: PLR2004 - "1937-04-28"
        return period_date(day, day)
    found = _BIRTH.fullmatch(text)
    if found is None:
        return None
    first, last, circa = int(found[1]), found[2], bool(found[3])
    if last is None or int(last) == first:
        return PartialDate(first, circa=circa)
    if int(last) < first:
        return None
    return PartialDate(first, circa=circa, until_year=int(last))


def _tag(element: etree._Element) -> str:
    tag = element.tag
    return tag if isinstance(tag, str) else ""


def _as_text(element: etree._Element) -> str:
    parts = [f"{_tag(child)} {tidy(child.text)}" for child in element if tidy(child.text)]
    return f"{_tag(element)}: {'; '.join(parts)}" if parts else _tag(element)


def _read(stream: IO[bytes], file: EuLegacyFile, reader: _Reader) -> None:
    for element in parse(stream, file.display, ("ENTITY", ROOT)):
        if element.tag == "ENTITY":
            reader.entry(element)
            element.clear(keep_tail=False)
            continue
        for child in element:
            if isinstance(child.tag, str) and child.tag != "ENTITY":
                reason = f"an element <{child.tag}> where the list has <ENTITY>; not read"
                reader.builder.reject(child.sourceline or 0, reason)
        element.clear(keep_tail=False)


def load_eu_legacy(file: EuLegacyFile) -> ListLoad:
    """Load the EU's legacy FSD XML into designations, programs, acts and the account."""
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
        msg = f"{file.display}: the EU list holds no ENTITY"
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
"""The EU's legacy FSD XML, for the registry."""
