"""The UN Security Council Consolidated List in its XML form, plain, gzipped or zipped.

The Security Council publishes one list of everyone its sanctions committees have
listed (``consolidated.xml``): root ``CONSOLIDATED_LIST`` (no namespace) with a
``dateGenerated``, then ``INDIVIDUALS/INDIVIDUAL`` and ``ENTITIES/ENTITY``. A file is
recognised by that root element, never by its name. Each entry becomes one designation
``un-sc:<REFERENCE_NUMBER>`` (the UN's permanent reference, ``QDi.001``) under the
program of its regime (``UN_LIST_TYPE``: ``Al-Qaida`` -> ``UN-AL-QAIDA``, see
:data:`REGIMES`). How each element maps to a field is in ``docs/un.md``.

The parse is ``_xml``'s (the OFAC XML importer's): untrusted input, no entity resolved,
no DTD loaded or accepted, no network. The records are made by ``_ofac_xml_build``'s
:class:`PartyBuilder`, which keeps the account: every ``INDIVIDUAL`` / ``ENTITY`` is made
into a designation or rejected with its line and reason (and an element of another kind
where entries stand is rejected too); every fact of an entry (alias, date and place of
birth, document, address, nationality, title, designation, comment ...) is counted, and
one that cannot be read (an element this loader does not know, a date it cannot read, a
country it does not know) is listed with its line and kept as text in ``information``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

import attrs
from attrs import frozen
from lxml import etree

from sanctions_tracker.errors import SourceError
from sanctions_tracker.records import (
    Identifier,
    Name,
    NameKind,
    PartialDate,
    Source,
    is_valid_id,
)
from sanctions_tracker.sources._cells import is_number
from sanctions_tracker.sources._dates import iso_day, parse_date, period_date
from sanctions_tracker.sources._files import FileHead, opened
from sanctions_tracker.sources._lists import ListFormat, ListLoad, WholeList, file_source
from sanctions_tracker.sources._parties import ALIAS_KINDS, PartyBuilder, PartyFacts, tidy
from sanctions_tracker.sources._places import country_by_name, make_address
from sanctions_tracker.sources._references import un_references
from sanctions_tracker.sources._xml import XmlHead, parse, syntax_error

__all__ = [
    "FORMAT",
    "FORMAT_NAME",
    "LIST_ID",
    "PUBLISHER",
    "REGIMES",
    "ROOT",
    "TITLE",
    "URL",
    "UnXmlFile",
    "load_un_xml",
    "recognise",
    "un_country_code",
    "un_file",
]

LIST_ID = "un-sc"
TITLE = "United Nations Security Council Consolidated List"
PUBLISHER = "United Nations Security Council"
URL = "https://scsanctions.un.org/resources/xml/en/consolidated.xml"
ROOT = "CONSOLIDATED_LIST"
FORMAT_NAME = "UN Security Council Consolidated List XML"

_MENTIONED = "named in the comments"

REGIMES: dict[str, str] = {
    "Al-Qaida": "UN-AL-QAIDA",
    "Taliban": "UN-TALIBAN",
    "DPRK": "UN-DPRK",
    "Iran": "UN-IRAN",
    "Iraq": "UN-IRAQ",
    "Libya": "UN-LIBYA",
    "Somalia": "UN-SOMALIA",
    "DRC": "UN-DRC",
    "CAR": "UN-CAR",
    "SouthSudan": "UN-SOUTH-SUDAN",
    "Sudan": "UN-SUDAN",
    "Yemen": "UN-YEMEN",
    "Haiti": "UN-HAITI",
    "GB": "UN-GUINEA-BISSAU",
    "Mali": "UN-MALI",
}
"""Program ids by the list's ``UN_LIST_TYPE`` (the sanctions regime). A regime not here
gets ``UN-`` and its name in capitals, and the account says so."""

_KINDS = {"INDIVIDUAL": "individual", "ENTITY": "entity"}
_CONTAINERS = frozenset({"INDIVIDUALS", "ENTITIES"})
_NAME_PARTS = ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")
_SINGLE = frozenset({"DATAID", "REFERENCE_NUMBER", "UN_LIST_TYPE", *_NAME_PARTS})
"""Elements an entry has once: read with the entry; a second one is kept as text."""
_BOOKKEEPING = frozenset({"VERSIONNUM", "SORT_KEY", "SORT_KEY_LAST_MOD"})
"""The UN's own bookkeeping: no fact about the party or its listing; not read."""

_UN_COUNTRIES: dict[str, str] = {
    "sultanate of oman": "OM",
    "the netherlands": "NL",
    "rpdc": "KP",
    "afghan": "AF",
    "algerian": "DZ",
    "german": "DE",
    "kuwaiti": "KW",
    "moroccan": "MA",
    "pakistani": "PK",
    "saudi arabian": "SA",
    "somali": "SO",
    "tunisian": "TN",
    "yemeni": "YE",
}
"""The UN list's ways of writing a country that ``countries.py`` (which has the UN's
formal names) and OFAC's table do not know: a few other forms, and nationalities written
as adjectives."""


def un_country_code(text: str) -> str | None:
    """The alpha-2 code of a country as the UN list writes it; None when it is none.

    A value with a parenthesis that is no part of the name ("Indonesia (as at Dec. 2003)")
    gives the country before it; an unclear one ("Sudan/South Sudan") gives None.
    """
    key = " ".join(text.casefold().split())
    found = _UN_COUNTRIES.get(key) or country_by_name(text)
    if found is None and " (" in key:
        head = key.partition(" (")[0]
        found = _UN_COUNTRIES.get(head) or country_by_name(head)
    return found


@frozen
class UnXmlFile(WholeList):
    """A file recognised as the UN Consolidated List (``member``: its name in a zip).

    ``generated`` is the root's ``dateGenerated`` as written.
    """

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
        """The day the list was generated, as the file states it (its local date)."""
        return iso_day(self.generated)

    group = LIST_ID

    def read(self) -> ListLoad:
        """Read the file."""
        return load_un_xml(self)


def recognise(_head: FileHead, xml: XmlHead | None) -> UnXmlFile | None:
    """The file as the UN Consolidated List, if its root element says so."""
    return None if xml is None else un_file(xml)


def un_file(head: XmlHead) -> UnXmlFile | None:
    """The file as the UN Consolidated List, if its root element is ``CONSOLIDATED_LIST``."""
    if head.root != ROOT or head.namespace:
        return None
    return UnXmlFile(
        path=head.path,
        display=head.display,
        generated=head.attributes.get("dateGenerated"),
        member=head.member,
    )


def list_source(file_name: str, published_on: dt.date | None) -> Source:
    """The citation of a UN list file: the list, the file's name, where the UN publishes it."""
    return file_source(
        LIST_ID,
        publisher=PUBLISHER,
        title=TITLE,
        file_name=file_name,
        url=URL,
        published_on=published_on,
    )


# --------------------------------------------------------------------------- values


def _year(text: str | None) -> int | None:
    value = tidy(text)
    return int(value) if len(value) == 4 and is_number(value) else None  # noqa: PLR2004


_EXPIRY = re.compile(
    r"(?:expir(?:es|ed|y|ation date)|valid until)(?: on)?:? ([^;,]+?)\.?(?:$|[;,]| Diplomatic)",
    re.IGNORECASE,
)


def _expiry(note: str) -> PartialDate | None:
    """The expiry date a document's note states ("expires on 21 April 2019"), if any."""
    found = _EXPIRY.search(note)
    if found is None:
        return None
    text = found.group(1).strip()
    day = iso_day(text)
    if day is not None and len(text) == 10:  # noqa: PLR2004 - "2026-12-11"
        return period_date(day, day)
    return parse_date(text)


_QUALITIES: dict[str, tuple[NameKind, bool]] = {
    "": (NameKind.AKA, False),
    "good": (NameKind.AKA, False),
    "low": (NameKind.AKA, True),
    **{quality: (kind, False) for quality, kind in ALIAS_KINDS.items()},
}
"""An alias's kind and weakness by its QUALITY: Good and Low for individuals (Low is a
weak a.k.a., as OFAC's low-quality aliases), a.k.a. / f.k.a. for entities."""

_ALIAS_LABELS = {NameKind.AKA: "a.k.a.", NameKind.FKA: "f.k.a.", NameKind.NKA: "n.k.a."}

_DOCUMENT_KINDS = {
    "passport": "passport",
    "numéro de passeport": "passport",
    "número de pasaporte": "passport",
    "national identification number": "national-id",
    "national identification no.": "national-id",
}
"""Identifier kinds by TYPE_OF_DOCUMENT (the same kinds the OFAC importers give)."""

_GENDERS = {"male": "male", "female": "female", "unknown": None}


def _empty(element: etree._Element) -> bool:
    """Whether an element states nothing: no text, no attribute, only empty children."""
    return not tidy(element.text) and not element.attrib and all(_empty(c) for c in element)


def _tag(element: etree._Element) -> str:
    """An element's name (lxml also gives comments and processing instructions a tag)."""
    tag = element.tag
    return tag if isinstance(tag, str) else ""


def _as_text(element: etree._Element) -> str:
    """An element as text to keep: ``TAG: text`` with its children's, for the account."""
    parts = [tidy(element.text)] if tidy(element.text) else []
    parts.extend(_as_text(child) for child in element if not _empty(child))
    return f"{_tag(element)}: {'; '.join(parts)}" if parts else _tag(element)


# --------------------------------------------------------------------------- reading


class _Reader:
    """Reads entries into the builder's parties, one element at a time."""

    def __init__(self, builder: PartyBuilder) -> None:
        self.builder = builder
        self.alias_births: list[PartialDate] = []
        """The birth dates of the entry's aliases: they follow the entry's own."""
        self.handlers: dict[str, Callable[[PartyFacts, etree._Element], None]] = {
            "LISTED_ON": self.listed_on,
            "GENDER": self.gender,
            "COMMENTS1": self.comments,
            "NAME_ORIGINAL_SCRIPT": self.original_script,
            "TITLE": self.positions,
            "DESIGNATION": self.positions,
            "NATIONALITY": self.nationalities,
            "LIST_TYPE": self.list_types,
            "LAST_DAY_UPDATED": self.updated,
            "SUBMITTED_BY": self.submitted,
            "SUBMITTED_ON": self.submitted,
        }
        for prefix in ("INDIVIDUAL_", "ENTITY_"):
            self.handlers[f"{prefix}ALIAS"] = self.alias
            self.handlers[f"{prefix}ADDRESS"] = self.address
            self.handlers[f"{prefix}DATE_OF_BIRTH"] = self.birth_date
            self.handlers[f"{prefix}PLACE_OF_BIRTH"] = self.birth_place
            self.handlers[f"{prefix}DOCUMENT"] = self.document

    # --------------------------------------------------------------------- helpers

    def unknown(self, facts: PartyFacts, element: etree._Element, where: str = "") -> None:
        """An element this loader does not read: counted, listed and kept as text."""
        reason = f"element <{_tag(element)}>{where} is not one this loader reads; kept as text"
        self.builder.keep(facts, element.sourceline or facts.line, _as_text(element), reason)

    def parts(
        self, facts: PartyFacts, element: etree._Element, known: frozenset[str]
    ) -> dict[str, str]:
        """The texts of an element's children by tag; an unknown or repeated child that
        states something is kept as text."""
        found: dict[str, str] = {}
        for child in element:
            if _empty(child):
                continue
            if _tag(child) not in known or _tag(child) in found:
                self.unknown(facts, child, f" in <{_tag(element)}>")
                continue
            found[_tag(child)] = tidy(child.text)
        return found

    def values(self, facts: PartyFacts, element: etree._Element) -> Iterator[tuple[str, int]]:
        """The VALUE children of an element (NATIONALITY, TITLE ...) and their lines."""
        for child in element:
            if _empty(child):
                continue
            if child.tag != "VALUE":
                self.unknown(facts, child, f" in <{_tag(element)}>")
                continue
            yield tidy(child.text), child.sourceline or facts.line

    # --------------------------------------------------------------------- entries

    def entry(self, element: etree._Element) -> None:
        """An INDIVIDUAL or ENTITY: one party, or a rejected entry."""
        line = element.sourceline or 0
        reference = tidy(element.findtext("REFERENCE_NUMBER"))
        if not reference:
            data_id = tidy(element.findtext("DATAID")) or None
            self.builder.reject(line, f"an {_tag(element)} without a REFERENCE_NUMBER", data_id)
            return
        if not is_valid_id(f"{LIST_ID}:{reference}"):
            reason = f"the REFERENCE_NUMBER {reference!r} cannot be part of an id"
            self.builder.reject(line, reason, reference)
            return
        facts = PartyFacts(key=reference, line=line, kind=_KINDS[_tag(element)])
        name = " ".join(filter(None, (tidy(element.findtext(tag)) for tag in _NAME_PARTS)))
        if name:
            facts.names.append(Name(name))
        self.alias_births.clear()
        self.fields(facts, element)
        facts.birth_dates.extend(d for d in self.alias_births if d not in facts.birth_dates)
        self.builder.party(facts)

    def fields(self, facts: PartyFacts, element: etree._Element) -> None:
        """Every child of an entry, each by its handler; an unknown one is kept as text."""
        seen: set[str] = set()
        for child in element:
            tag = _tag(child)
            if tag in _SINGLE:
                if tag in seen and not _empty(child):
                    self.unknown(facts, child, " (a second one)")
                elif tag == "UN_LIST_TYPE":
                    self.regime(facts, child)
                elif tag == "DATAID" and tidy(child.text):
                    facts.information.append(f"UN data id {tidy(child.text)}")
                seen.add(tag)
            elif tag in _BOOKKEEPING or _empty(child):
                continue
            elif tag in self.handlers:
                self.handlers[tag](facts, child)
            else:
                self.unknown(facts, child)

    def regime(self, facts: PartyFacts, element: etree._Element) -> None:
        regime = tidy(element.text)
        if not regime:
            return  # no program: the builder rejects the entry, saying so
        program = REGIMES.get(regime)
        if program is None:
            program = "UN-" + re.sub(r"[^A-Z0-9]+", "-", regime.upper()).strip("-")
            reason = f"the regime {regime!r} is not one this loader knows; program {program}"
            self.builder.doubt(facts, element.sourceline or facts.line, reason)
        else:
            self.builder.read()
        facts.programs.append(program)

    def listed_on(self, facts: PartyFacts, element: etree._Element) -> None:
        text = tidy(element.text)
        day = iso_day(text)
        if day is None:
            reason = f"LISTED_ON {text!r} is not a date"
            self.builder.keep(facts, element.sourceline or facts.line, f"listed on {text}", reason)
            return
        facts.listed.append(day)
        self.builder.read()

    def gender(self, facts: PartyFacts, element: etree._Element) -> None:
        text = tidy(element.text)
        if text.casefold() not in _GENDERS:
            reason = f"GENDER {text!r} is not male, female or unknown; kept as text"
            self.builder.keep(facts, element.sourceline or facts.line, f"gender {text}", reason)
            return
        facts.gender = _GENDERS[text.casefold()]
        self.builder.read()

    def comments(self, facts: PartyFacts, element: etree._Element) -> None:
        facts.remarks = tidy(element.text)
        self.builder.read()
        # "Announced by ... (QDi.006) as an official member of Al-Qaida (QDe.004)": the
        # entries a comment names by reference number are links (kept as text when the
        # file does not hold them).
        line = element.sourceline or facts.line
        for reference in un_references(facts.remarks):
            if reference != facts.key:
                facts.links.append((_MENTIONED, reference, "", line))

    def original_script(self, facts: PartyFacts, element: etree._Element) -> None:
        facts.names.append(Name(tidy(element.text), NameKind.AKA))
        self.builder.read()

    def positions(self, facts: PartyFacts, element: etree._Element) -> None:
        for value, _ in self.values(facts, element):
            if value not in facts.positions:
                facts.positions.append(value)
            self.builder.read()

    def nationalities(self, facts: PartyFacts, element: etree._Element) -> None:
        for value, line in self.values(facts, element):
            code = un_country_code(value)
            if code is None:
                reason = f"nationality {value!r} is not a country known here; kept as text"
                self.builder.keep(facts, line, f"nationality: {value}", reason)
                continue
            if code not in facts.nationalities:
                facts.nationalities.append(code)
            if value.casefold() != value.partition(" (")[0].casefold():
                facts.information.append(f"nationality: {value}")
            self.builder.read()

    def list_types(self, facts: PartyFacts, element: etree._Element) -> None:
        for value, line in self.values(facts, element):
            if value.casefold() == "un list":
                self.builder.read()
            else:
                reason = f"LIST_TYPE {value!r} is not 'UN List'; kept as text"
                self.builder.keep(facts, line, f"list type: {value}", reason)

    def updated(self, facts: PartyFacts, element: etree._Element) -> None:
        days: list[str] = []
        for value, line in self.values(facts, element):
            day = iso_day(value)
            if day is None:
                reason = f"LAST_DAY_UPDATED {value!r} is not a date"
                self.builder.keep(facts, line, f"updated on {value}", reason)
                continue
            days.append(day.isoformat())
            self.builder.read()
        if days:  # in the order of time (the file does not always keep it)
            facts.notes.append(f"amended on the UN list on {', '.join(sorted(set(days)))}")

    def submitted(self, facts: PartyFacts, element: etree._Element) -> None:
        what = "submitted by" if element.tag == "SUBMITTED_BY" else "submitted on"
        facts.information.append(f"{what} {tidy(element.text)}")
        self.builder.read()

    # --------------------------------------------------------------------- compounds

    def alias(self, facts: PartyFacts, element: etree._Element) -> None:
        known = frozenset(
            {"QUALITY", "ALIAS_NAME", "NOTE", "DATE_OF_BIRTH", "CITY_OF_BIRTH", "COUNTRY_OF_BIRTH"}
        )
        parts = self.parts(facts, element, known)
        line = element.sourceline or facts.line
        name = parts.pop("ALIAS_NAME", "")
        quality = parts.pop("QUALITY", "")
        if not name:
            if parts:
                text = "alias without a name: " + "; ".join(f"{k} {v}" for k, v in parts.items())
                self.builder.keep(facts, line, text, "an alias without a name; kept as text")
            return
        kind, weak = _QUALITIES.get(quality.casefold(), (NameKind.AKA, False))
        facts.names.append(Name(name, kind, weak))
        if quality.casefold() in _QUALITIES:
            self.builder.read()
        else:
            reason = f"alias quality {quality!r} is not Good, Low, a.k.a. or f.k.a.; read as a.k.a."
            self.builder.doubt(facts, line, reason)
        about: list[str] = []
        if "DATE_OF_BIRTH" in parts:
            about.extend(self.alias_birth_date(facts, name, parts["DATE_OF_BIRTH"], line))
        place = ", ".join(parts[k] for k in ("CITY_OF_BIRTH", "COUNTRY_OF_BIRTH") if k in parts)
        if place:
            if place not in facts.birth_places:
                facts.birth_places.append(place)
            about.append(f"born in {place}")
            self.builder.read()
        if "NOTE" in parts:
            about.append(parts["NOTE"])
        if about:
            facts.information.append(f"{_ALIAS_LABELS[kind]} {name}: {'; '.join(about)}")

    def alias_birth_date(self, facts: PartyFacts, name: str, text: str, line: int) -> Iterator[str]:
        """An alias's date of birth (a date or a year): one of the party's birth dates."""
        day = iso_day(text)
        year = _year(text)
        born = (
            period_date(day, day)
            if day is not None and len(text) == 10  # noqa: PLR2004 - "1958-02-22"
            else PartialDate(year)
            if year is not None
            else None
        )
        if born is None:
            reason = f"the alias's date of birth {text!r} cannot be read; kept as text"
            self.builder.keep(facts, line, f"{name}: date of birth {text}", reason)
            return
        self.alias_births.append(born)
        self.builder.read()
        yield f"born {born}"

    def address(self, facts: PartyFacts, element: etree._Element) -> None:
        known = frozenset({"STREET", "CITY", "STATE_PROVINCE", "ZIP_CODE", "COUNTRY", "NOTE"})
        parts = self.parts(facts, element, known)
        if not parts:
            return
        country = parts.get("COUNTRY")
        code = un_country_code(country) if country else None
        pieces = (
            ("address1", "STREET"),
            ("city", "CITY"),
            ("state/province", "STATE_PROVINCE"),
            ("postal code", "ZIP_CODE"),
            ("note", "NOTE"),
        )
        address = make_address(
            [(kind, parts[tag]) for kind, tag in pieces if tag in parts], code, country
        )
        if country and code is None:
            facts.addresses.append(address)
            reason = f"address country {country!r} is not a country known here; in its remarks"
            self.builder.doubt(facts, element.sourceline or facts.line, reason)
        else:
            self.builder.address(facts, address)

    def birth_date(self, facts: PartyFacts, element: etree._Element) -> None:
        known = frozenset({"TYPE_OF_DATE", "DATE", "YEAR", "FROM_YEAR", "TO_YEAR", "NOTE"})
        parts = self.parts(facts, element, known)
        kind = parts.pop("TYPE_OF_DATE", "").upper()
        if not parts:
            return  # a type and no date: nothing is stated
        line = element.sourceline or facts.line
        note = parts.get("NOTE", "")
        circa = kind == "APPROXIMATELY" or note.casefold() == "approximately"
        born, note_used = _birth_date(parts, circa=circa)
        text = "; ".join(f"{k} {v}" for k, v in parts.items())
        if born is None:
            reason = f"a date of birth that cannot be read ({kind or 'no type'}: {text})"
            self.builder.keep(facts, line, f"date of birth: {text}", reason)
            return
        if born not in facts.birth_dates:
            facts.birth_dates.append(born)
        if note and not note_used and note.casefold() != "approximately":
            facts.information.append(f"date of birth {born}: {note}")
        if kind in {"EXACT", "APPROXIMATELY", "BETWEEN", ""}:
            self.builder.read()
        else:
            reason = f"TYPE_OF_DATE {kind!r} is not EXACT, APPROXIMATELY or BETWEEN; read as {born}"
            self.builder.doubt(facts, line, reason)

    def birth_place(self, facts: PartyFacts, element: etree._Element) -> None:
        known = frozenset({"STREET", "CITY", "STATE_PROVINCE", "COUNTRY", "NOTE"})
        parts = self.parts(facts, element, known)
        if not parts:
            return
        note = parts.pop("NOTE", "")
        place = ", ".join(parts.values()) or note
        if place not in facts.birth_places:
            facts.birth_places.append(place)
        if note and place != note:
            facts.information.append(f"place of birth {place}: {note}")
        self.builder.read()

    def document(self, facts: PartyFacts, element: etree._Element) -> None:
        known = frozenset(
            {
                "TYPE_OF_DOCUMENT",
                "TYPE_OF_DOCUMENT2",
                "NUMBER",
                "ISSUING_COUNTRY",
                "COUNTRY_OF_ISSUE",
                "CITY_OF_ISSUE",
                "DATE_OF_ISSUE",
                "NOTE",
            }
        )
        parts = self.parts(facts, element, known)
        if not parts:
            return
        line = element.sourceline or facts.line
        label = parts.get("TYPE_OF_DOCUMENT", "")
        notes: list[str] = []
        detail = parts.get("TYPE_OF_DOCUMENT2", "")
        if detail and detail.casefold() != label.casefold():
            notes.append(detail)
        issuer = parts.get("ISSUING_COUNTRY") or parts.get("COUNTRY_OF_ISSUE")
        code = un_country_code(issuer) if issuer else None
        if issuer and code is None:
            notes.append(f"country: {issuer}")
        place = [parts[k] for k in ("CITY_OF_ISSUE", "COUNTRY_OF_ISSUE") if k in parts]
        if "CITY_OF_ISSUE" in parts or (place and place[-1] != issuer):
            notes.append(f"issued in {', '.join(place)}")
        issued = None
        if "DATE_OF_ISSUE" in parts:
            day = iso_day(parts["DATE_OF_ISSUE"])
            issued = period_date(day, day) if day is not None else None
            if issued is None:
                notes.append(f"issued {parts['DATE_OF_ISSUE']}")
        note = parts.get("NOTE", "")
        if note:
            notes.append(note)
        number = parts.get("NUMBER", "")
        if not number:
            text = "; ".join(filter(None, (label or "identity document", *notes)))
            reason = f"an identity document ({label or 'no type'}) without a number; kept as text"
            self.builder.keep(facts, line, text, reason)
            return
        kind = _DOCUMENT_KINDS.get(label.casefold())
        identifier = Identifier(
            kind=kind or re.sub(r"[^a-z0-9]+", "-", label.casefold()).strip("-") or "document",
            value=number,
            country=code,
            issued_on=issued,
            expires_on=_expiry(note) if note else None,
            note="; ".join(notes) or None,
        )
        facts.identifiers.append(identifier)
        if kind is not None:
            self.builder.read()
        else:
            reason = f"TYPE_OF_DOCUMENT {label!r} is not known; kept as {identifier.kind!r}"
            self.builder.doubt(facts, line, reason)

    # --------------------------------------------------------------------- the tree

    def container(self, element: etree._Element) -> None:
        """The end of INDIVIDUALS, ENTITIES or the root: any child that is not an entry
        or a container (read already, and cleared) is an entry of another kind: rejected."""
        known = {"INDIVIDUAL", "ENTITY"} if element.tag in _CONTAINERS else _CONTAINERS
        for child in element:
            if _tag(child) in known or not _tag(child):
                continue
            reason = (
                f"an element <{_tag(child)}> where the list has "
                f"{' or '.join(f'<{tag}>' for tag in sorted(known))}; not read"
            )
            self.builder.reject(child.sourceline or 0, reason)
        element.clear(keep_tail=False)


def _birth_date(parts: dict[str, str], *, circa: bool) -> tuple[PartialDate | None, bool]:
    """A date of birth from DATE, YEAR or FROM_YEAR/TO_YEAR (or a NOTE that is a date),
    as OFAC writes the period and ``parse_date`` reads it; and whether the note was used."""
    note = parts.get("NOTE", "")
    if "DATE" in parts:
        day = iso_day(parts["DATE"])
        return (period_date(day, day, circa=circa) if day is not None else None), False
    if "YEAR" in parts:
        return _birth_year(parts["YEAR"], note, circa=circa)
    if "FROM_YEAR" in parts or "TO_YEAR" in parts:
        first, last = _year(parts.get("FROM_YEAR")), _year(parts.get("TO_YEAR"))
        if first is None or last is None or last < first:
            return None, False
        return period_date(dt.date(first, 1, 1), dt.date(last, 12, 31), circa=circa), False
    found = parse_date(note) if note else None
    if found is not None and circa and not found.circa:
        found = attrs.evolve(found, circa=True)
    return found, found is not None


def _birth_year(text: str, note: str, *, circa: bool) -> tuple[PartialDate | None, bool]:
    """A YEAR of birth; with a NOTE that names a month ("Sep."), that month of the year."""
    year = _year(text)
    if year is None:
        return None, False
    if note and not circa:
        month = parse_date(f"{note.rstrip('.')} {year}")
        if month is not None and month.year == year and month.until_year is None:
            return month, True
    return period_date(dt.date(year, 1, 1), dt.date(year, 12, 31), circa=circa), False


def _read(stream: IO[bytes], file: UnXmlFile, reader: _Reader) -> None:
    tags = ("INDIVIDUAL", "ENTITY", *_CONTAINERS, ROOT)
    for element in parse(stream, file.display, tags, containers=_CONTAINERS):
        if element.tag in _KINDS:
            reader.entry(element)
            element.clear(keep_tail=False)  # an empty shell stays, for container() to skip
        else:
            reader.container(element)


def load_un_xml(file: UnXmlFile) -> ListLoad:
    """Load the UN Consolidated List into designations and its account."""
    archived = f" ({file.member} in a zip archive)" if file.member else ""
    builder = PartyBuilder(file.display, f"{FORMAT_NAME}{archived}")
    reader = _Reader(builder)
    with opened(file.path, file.display) as (stream, _):
        try:
            _read(stream, file, reader)
        except etree.XMLSyntaxError as error:
            raise syntax_error(file.display, error) from None
    if not builder.rows:
        msg = f"{file.display}: the UN list holds no INDIVIDUAL or ENTITY"
        raise SourceError(msg)
    source = list_source(file.name, file.as_of)
    return builder.make_load(list_id=LIST_ID, title=TITLE, source=source, as_of=file.as_of)


FORMAT = ListFormat(name=FORMAT_NAME, lists={LIST_ID: TITLE}, recognise=recognise)
"""The UN list's format, for the registry."""
