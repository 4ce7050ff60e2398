"""Switzerland's sanctions list (SECO) in its XML form, plain, gzipped or zipped.

Root ``swiss-sanctions-list`` (no namespace) with a ``date`` and a ``list-type``; then, in
a whole list, the sanctions programs (``sanctions-program``: the ordinance and its
sanctions sets), the places addresses refer to (``place``), and one ``target`` per person,
entity or object (a vessel, an aircraft). Each target becomes the designation
``ch-seco:<ssid>`` under the program of its ``sanctions-set-id``.

A target carries its history: ``modification`` elements of type ``listed``, ``amended``
and ``de-listed``, each dated (``effective-date``, else ``publication-date``, else
``enactment-date``), an amendment with the elements it ``added`` and ``removed``. The
listing date is the ``listed`` modification's; a target whose latest modification is a
``de-listed`` one is delisted on its date. Each amendment is undone, newest first, to give
the target as it stood before it, so that the load carries every designation's versions
(``ListLoad.versions``) and ``tracker.as_of(day)`` gives the list as it stood on a day from
this one file (see ``docs/seco.md``).

Names are made of ``name-part``s in their ``order``; each ``spelling-variant`` (in another
language or script, Cyrillic above all) gives the name as that language writes it, an
a.k.a. with its script and language.
"""

from __future__ import annotations

import copy
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
    Designation,
    DesignationStatus,
    Identifier,
    Name,
    NameKind,
    PartialDate,
    Program,
    Source,
    Verification,
    VerificationStatus,
)
from sanctions_tracker.sources._cells import number
from sanctions_tracker.sources._dates import iso_day
from sanctions_tracker.sources._files import FileHead, opened
from sanctions_tracker.sources._lists import ListFormat, ListLoad, WholeList
from sanctions_tracker.sources._names import script_code, script_of
from sanctions_tracker.sources._parties import PartyBuilder, PartyFacts, slug, tidy
from sanctions_tracker.sources._places import make_address
from sanctions_tracker.sources._references import un_references
from sanctions_tracker.sources._xml import XmlHead, parse, syntax_error

__all__ = ["FORMAT", "FORMAT_NAME", "LIST_ID", "TITLE", "SecoFile", "load_seco", "recognise"]

LIST_ID = "ch-seco"
TITLE = "Swiss sanctions list (SECO)"
PUBLISHER = "State Secretariat for Economic Affairs SECO (Switzerland)"
URL = "https://www.sesam.search.admin.ch/sesam-search-web/pages/downloadXmlGesamtliste.xhtml"
ROOT = "swiss-sanctions-list"
FORMAT_NAME = "Swiss SECO sanctions list XML"

_CONTENT: Final = {"individual": "individual", "entity": "entity", "object": None}
_OBJECTS: Final = {"vessel": "vessel", "ship": "vessel", "aircraft": "aircraft"}
_NAME_TYPES: Final = {
    "primary-name": NameKind.PRIMARY,
    "alias": NameKind.AKA,
    "formerly-known-as": NameKind.FKA,
    "now-known-as": NameKind.NKA,
}
_QUALITIES: Final = {"good": False, "low": True, "": False}
_GENDERS: Final = {"male": "male", "female": "female"}
_DOCUMENTS: Final = {
    "passport": "passport",
    "diplomatic-passport": "passport",
    "id-card": "national-id",
    "identity-card": "national-id",
}
_CHANGES: Final = ("listed", "amended", "de-listed")


@frozen
class SecoFile(WholeList):
    """A file recognised as the SECO list (``member``: its name in a zip)."""

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
        """The day of the list, as the file states it."""
        return iso_day(self.date)

    group = LIST_ID

    def read(self) -> ListLoad:
        """Read the file."""
        return load_seco(self)


def recognise(_head: FileHead, xml: XmlHead | None) -> SecoFile | None:
    """The file as the SECO list, if its root element is ``swiss-sanctions-list``."""
    if xml is None or xml.root != ROOT or xml.namespace:
        return None
    return SecoFile(xml.path, xml.display, xml.attributes.get("date"), xml.member)


def list_source(file_name: str, published_on: dt.date | None) -> Source:
    """The citation of a SECO list file."""
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


def _tag(element: etree._Element) -> str:
    tag = element.tag
    return tag if isinstance(tag, str) else ""


def _attr(element: etree._Element, name: str) -> str:
    return tidy(element.get(name))


def _eng(element: etree._Element, tag: str) -> str:
    """The English text of a child given in several languages (else the first)."""
    found = [child for child in element if _tag(child) == tag]
    for child in found:
        if _attr(child, "lang").casefold() in {"eng", "en"}:
            return tidy(child.text)
    return tidy(found[0].text) if found else ""


def _as_text(element: etree._Element) -> str:
    return f"{_tag(element)}: {tidy(' '.join(element.itertext()))}".rstrip(": ")


# --------------------------------------------------------------------------- the tables


@define
class _Set:
    program: str
    key: str
    name: str
    set_name: str


@define
class _Tables:
    """The programs (by sanctions set) and places a file describes, and the sets met."""

    sets: dict[str, _Set] = field(factory=dict)
    places: dict[str, tuple[str, str | None]] = field(factory=dict)
    """Places by ssid: (what the place says, its country's code)."""
    met: dict[str, int] = field(factory=dict)
    """Program ids met on targets, and how many targets each holds."""

    def program(self, element: etree._Element) -> None:
        key = _eng(element, "program-key")
        name = _eng(element, "program-name") or key
        program = "CH-" + (
            re.sub(r"[^A-Za-z0-9]+", "-", key or name).strip("-").upper() or "PROGRAM"
        )
        for child in element:
            if _tag(child) == "sanctions-set" and _attr(child, "ssid"):
                ssid = _attr(child, "ssid")
                if ssid not in self.sets or _attr(child, "lang").casefold() in {"eng", "en"}:
                    self.sets[ssid] = _Set(program, key, name, tidy(child.text))

    def place(self, element: etree._Element) -> None:
        parts = [tidy(element.findtext(tag)) for tag in ("location", "area")]
        country = element.find("country")
        code = _attr(country, "iso-code").upper() if country is not None else ""
        if country is not None and tidy(country.text):
            parts.append(tidy(country.text))
        text = ", ".join(part for part in parts if part)
        self.places[_attr(element, "ssid")] = (text, code if len(code) == 2 else None)  # noqa: PLR2004

    def program_of(self, set_id: str) -> tuple[str, bool]:
        """The program of a sanctions set, and whether the file describes the set."""
        found = self.sets.get(set_id)
        # A set number the file does not describe makes an id of its letters and digits.
        number = re.sub(r"[^A-Za-z0-9]+", "-", set_id).strip("-").upper() or "UNKNOWN"
        program = found.program if found else f"CH-SECO-SET-{number}"
        self.met[program] = self.met.get(program, 0) + 1
        return program, found is not None

    def records(self, source: Source) -> tuple[tuple[Program, ...], tuple[Authority, ...]]:
        programs, authorities = [], {}
        described = {s.program: s for s in self.sets.values()}
        for program, count in self.met.items():
            found = described.get(program)
            if found is None:
                set_id = program.removeprefix("CH-SECO-SET-")
                programs.append(
                    Program(
                        id=program,
                        name=f"Switzerland: sanctions set {set_id}",
                        sources=(source.id,),
                        description=f"{count} target(s) of the list file are in sanctions "
                        f"set {set_id}, which the file does not describe.",
                        verification=Verification(
                            status=VerificationStatus.PARTLY_VERIFIED,
                            verified=("the sanctions set's number as the list file gives it",),
                            unverified=("the file names no program or ordinance for the set",),
                        ),
                    )
                )
                continue
            authority = "ch-ordinance:" + slug(found.name)
            authorities[authority] = Authority(
                id=authority,
                code=found.name,
                title=found.name,
                kind=AuthorityKind.REGULATION,
                sources=(source.id,),
                country="CH",
                verification=Verification(
                    status=VerificationStatus.PARTLY_VERIFIED,
                    verified=("the ordinance is named in the list file",),
                    unverified=("its text was not read",),
                ),
            )
            programs.append(
                Program(
                    id=program,
                    name=f"Switzerland: {found.key or found.name}",
                    sources=(source.id,),
                    authorities=(authority,),
                    description=f"{found.name}: {count} target(s) in the list file.",
                    verification=Verification(
                        status=VerificationStatus.PARTLY_VERIFIED,
                        verified=("the program and its ordinance as the list file names them",),
                    ),
                )
            )
        return tuple(programs), tuple(authorities.values())


# --------------------------------------------------------------------------- reading


@define
class _Change:
    kind: str
    day: dt.date | None
    element: etree._Element


class _Reader:
    """Reads a target's content (individual, entity or object) into a party's facts."""

    def __init__(self, builder: PartyBuilder, tables: _Tables) -> None:
        self.builder = builder
        self.tables = tables
        self.handlers: dict[str, Callable[[PartyFacts, etree._Element, bool], None]] = {
            "name": self.name,
            "day-month-year": self.birth_date,
            "place-of-birth": self.birth_place,
            "nationality": self.nationality,
            "address": self.address,
            "identification-document": self.document,
        }

    def unknown(self, facts: PartyFacts, element: etree._Element, where: str) -> None:
        reason = (
            f"element <{_tag(element)}> in <{where}> is not one this loader reads; kept as text"
        )
        self.builder.keep(facts, element.sourceline or facts.line, _as_text(element), reason)

    def content(self, facts: PartyFacts, element: etree._Element) -> None:
        """The individual, entity or object: identities, justifications, relations ..."""
        sex = _attr(element, "sex").casefold()
        if sex:
            facts.gender = _GENDERS.get(sex, sex)
        for child in element:
            tag = _tag(child)
            if tag == "identity":
                self.identity(facts, child)
            elif tag == "justification":
                facts.notes.append(f"justification: {tidy(child.text)}")
                self.builder.read()
            elif tag == "other-information":
                self.other_information(facts, child)
            elif tag == "relation":
                relation = _attr(child, "relation-type") or "related-to"
                facts.links.append(
                    (relation, _attr(child, "target-id"), "", child.sourceline or facts.line)
                )
            elif tag:
                self.unknown(facts, child, _tag(element))

    def other_information(self, facts: PartyFacts, element: etree._Element) -> None:
        text = tidy(element.text)
        facts.information.append(text)
        self.builder.read()
        imo = re.fullmatch(r"IMO(?: Number)?:? ?(\d{7})", text, re.IGNORECASE)
        if imo:
            facts.identifiers.append(Identifier("imo", imo[1]))
        for reference in un_references(text):
            facts.information.append(f"names the UN's entry {reference}")

    def identity(self, facts: PartyFacts, element: etree._Element) -> None:
        main = _attr(element, "main").casefold() == "true"
        for child in element:
            handler = self.handlers.get(_tag(child))
            if handler is None:
                if _tag(child):
                    self.unknown(facts, child, "identity")
                continue
            handler(facts, child, main)

    def name(self, facts: PartyFacts, element: etree._Element, main: bool) -> None:  # noqa: FBT001 - a handler
        line = element.sourceline or facts.line
        name_type = _attr(element, "name-type").casefold()
        kind = _NAME_TYPES.get(name_type, NameKind.AKA)
        if kind is NameKind.PRIMARY and not main:
            kind = NameKind.AKA  # the primary name of another identity: an a.k.a.
        quality = _attr(element, "quality").casefold()
        weak = _QUALITIES.get(quality, False)
        parts = sorted(
            (child for child in element if _tag(child) == "name-part"),
            key=lambda part: number(_attr(part, "order")) or 0,
        )
        values = [tidy(part.findtext("value")) for part in parts]
        full = " ".join(value for value in values if value)
        if not full:
            self.builder.keep(
                facts, line, _as_text(element), "a name without a value; kept as text"
            )
            return
        language = _attr(element, "lang").lower() or None
        facts.names.append(Name(full, kind, weak, script_of(full), language))
        if name_type in _NAME_TYPES and quality in _QUALITIES:
            self.builder.read()
        else:
            reason = (
                f"name-type {name_type!r} or quality {quality!r} not known; read as {kind.value}"
            )
            self.builder.doubt(facts, line, reason)
        # The name as each other language or script writes it: every part in that spelling.
        spellings: dict[tuple[str, str], list[str]] = {}
        for at, part in enumerate(parts):
            for variant in part.iterfind("spelling-variant"):
                key = (_attr(variant, "lang"), _attr(variant, "script"))
                spellings.setdefault(key, list(values))[at] = tidy(variant.text)
        for (lang, script), spelled in spellings.items():
            text = " ".join(value for value in spelled if value)
            if not text or text == full:
                continue
            variant_kind = NameKind.AKA if kind is NameKind.PRIMARY else kind
            found = Name(
                text,
                variant_kind,
                weak,
                script_code(script) or script_of(text),
                lang.lower() or None,
            )
            if found not in facts.names:
                facts.names.append(found)

    def birth_date(self, facts: PartyFacts, element: etree._Element, _main: bool) -> None:  # noqa: FBT001
        line = element.sourceline or facts.line
        year, month, day = (_attr(element, k) for k in ("year", "month", "day"))
        try:
            born = (
                PartialDate(
                    int(year),
                    int(month) if month.isdigit() else None,
                    int(day) if day.isdigit() and month.isdigit() else None,
                )
                if year.isdigit()
                else None
            )
        except ValueError:
            born = None
        if born is None:
            text = "/".join(v for v in (day, month, year) if v)
            self.builder.keep(
                facts, line, f"date of birth {text}", "a date of birth that cannot be read"
            )
            return
        if born not in facts.birth_dates:
            facts.birth_dates.append(born)
        calendar = _attr(element, "calendar")
        quality = _attr(element, "quality").casefold()
        if calendar and calendar.casefold() != "gregorian":
            facts.information.append(f"date of birth {born}: in the {calendar} calendar")
        if quality and quality != "good":
            facts.information.append(f"date of birth {born}: quality {quality}")
        self.builder.read()

    def place(self, element: etree._Element) -> tuple[str, str | None] | None:
        return self.tables.places.get(_attr(element, "place-id"))

    def birth_place(self, facts: PartyFacts, element: etree._Element, _main: bool) -> None:  # noqa: FBT001
        found = self.place(element)
        if found is None:
            reason = f"place of birth {_attr(element, 'place-id')!r} is not a place of the file"
            self.builder.keep(facts, element.sourceline or facts.line, _as_text(element), reason)
            return
        if found[0] and found[0] not in facts.birth_places:
            facts.birth_places.append(found[0])
        self.builder.read()

    def nationality(self, facts: PartyFacts, element: etree._Element, _main: bool) -> None:  # noqa: FBT001
        country = element.find("country")
        code = _attr(country, "iso-code").upper() if country is not None else ""
        if len(code) != 2:  # noqa: PLR2004
            reason = "a nationality without an ISO country code; kept as text"
            self.builder.keep(facts, element.sourceline or facts.line, _as_text(element), reason)
            return
        if code not in facts.nationalities:
            facts.nationalities.append(code)
        self.builder.read()

    def address(self, facts: PartyFacts, element: etree._Element, _main: bool) -> None:  # noqa: FBT001
        line = element.sourceline or facts.line
        parts = [
            ("address1", tidy(element.findtext("address-details"))),
            ("postal code", tidy(element.findtext("zip-code"))),
            ("c/o", tidy(element.findtext("c-o"))),
            ("p.o. box", tidy(element.findtext("p-o-box"))),
            ("remark", tidy(element.findtext("remark"))),
        ]
        known = {"address-details", "zip-code", "c-o", "p-o-box", "remark"}
        for child in element:
            if _tag(child) and _tag(child) not in known:
                self.unknown(facts, child, "address")
        found = self.place(element)
        place_id = _attr(element, "place-id")
        if found is not None:
            parts.append(("city", found[0]))
        elif place_id:
            parts.append(("place", place_id))
        address = make_address(parts, found[1] if found else None, None)
        if place_id and found is None:
            facts.addresses.append(address)
            self.builder.doubt(
                facts, line, f"place {place_id} is not a place of the file: no city or country"
            )
            return
        self.builder.address(facts, address)

    def document(self, facts: PartyFacts, element: etree._Element, _main: bool) -> None:  # noqa: FBT001
        line = element.sourceline or facts.line
        document_type = _attr(element, "document-type")
        number = tidy(element.findtext("number"))
        issuer = element.find("issuer")
        code = _attr(issuer, "code").upper() if issuer is not None else ""
        notes = [tidy(element.findtext(tag)) for tag in ("remark",) if tidy(element.findtext(tag))]
        known = {"number", "issuer", "remark", "date-of-issue", "expiry-date"}
        for child in element:
            if _tag(child) and _tag(child) not in known:
                self.unknown(facts, child, "identification-document")
        if not number:
            self.builder.keep(
                facts, line, _as_text(element), "an identification document without a number"
            )
            return
        kind = _DOCUMENTS.get(document_type.casefold())
        identifier_kind = kind or slug(document_type or "document")
        issued, expires = (
            iso_day(element.findtext(tag)) for tag in ("date-of-issue", "expiry-date")
        )
        facts.identifiers.append(
            Identifier(
                kind=identifier_kind,
                value=number,
                country=code if len(code) == 2 else None,  # noqa: PLR2004
                issued_on=PartialDate(issued.year, issued.month, issued.day) if issued else None,
                expires_on=PartialDate(expires.year, expires.month, expires.day)
                if expires
                else None,
                note="; ".join(notes) or None,
            )
        )
        if kind is None:
            reason = (
                f"document-type {document_type!r} is not one known here; "
                f"kept as {identifier_kind!r}"
            )
            self.builder.doubt(facts, line, reason)
        else:
            self.builder.read()


# --------------------------------------------------------------------------- history


def _change_day(element: etree._Element) -> dt.date | None:
    for name in ("effective-date", "publication-date", "enactment-date"):
        day = iso_day(element.get(name))
        if day is not None:
            return day
    return None


def _key(element: etree._Element) -> tuple[str, str]:
    return _tag(element), _attr(element, "ssid")


def _undo(content: etree._Element, change: etree._Element) -> etree._Element:
    """The content as it stood before an amendment: what it added taken out (by element
    and ssid), what it removed put back in its place."""
    before = copy.deepcopy(content)
    added = next((c for c in change if _tag(c) == "added"), None)
    removed = next((c for c in change if _tag(c) == "removed"), None)
    places: dict[tuple[str, str], int] = {}
    for child in list(added if added is not None else ()):
        for at, present in enumerate(before):
            if _key(present) == _key(child):
                places[_key(child)] = at
                before.remove(present)
                break
    for child in list(removed if removed is not None else ()):
        at = places.get(_key(child), len(before))
        before.insert(min(at, len(before)), copy.deepcopy(child))
    return before


# --------------------------------------------------------------------------- the file


class _Loader:
    """Reads targets into the current designations' facts and their earlier versions."""

    def __init__(self, file: SecoFile) -> None:
        self.file = file
        archived = f" ({file.member} in a zip archive)" if file.member else ""
        self.builder = PartyBuilder(file.display, f"{FORMAT_NAME}{archived}")
        self.tables = _Tables()
        self.reader = _Reader(self.builder, self.tables)
        self.scratch = PartyBuilder(file.display, FORMAT_NAME)
        """Reads the earlier versions (their elements are counted as the modifications)."""
        self.scratch_reader = _Reader(self.scratch, self.tables)
        self.history: dict[str, list[tuple[dt.date | None, str, PartyFacts]]] = {}
        self.ends: dict[str, dt.date | None] = {}

    def target(self, element: etree._Element) -> None:
        line = element.sourceline or 0
        key = _attr(element, "ssid")
        contents = [c for c in element if _tag(c) in _CONTENT]
        if not key or len(contents) != 1:
            what = "no ssid" if not key else f"{len(contents)} individual/entity/object elements"
            self.builder.reject(line, f"a target with {what}: not read", key or None)
            return
        content = contents[0]
        facts = self.facts(key, line, element, content, self.reader)
        changes = self.changes(facts, element)
        self.builder.party(facts)
        self.versions(key, line, element, content, changes)

    def facts(
        self, key: str, line: int, target: etree._Element, content: etree._Element, reader: _Reader
    ) -> PartyFacts:
        facts = PartyFacts(key=key, line=line)
        kind = _CONTENT[_tag(content)] or _OBJECTS.get(_attr(content, "object-type").casefold())
        facts.kind = kind or _attr(content, "object-type") or None
        for child in target:
            tag = _tag(child)
            if tag == "sanctions-set-id":
                program, described = self.tables.program_of(tidy(child.text))
                if program not in facts.programs:
                    facts.programs.append(program)
                if reader is self.reader:
                    if described:
                        self.builder.read()
                    else:
                        reason = f"sanctions set {tidy(child.text)} is not described in the file"
                        self.builder.doubt(facts, child.sourceline or line, reason)
            elif tag and tag not in _CONTENT and tag != "modification" and reader is self.reader:
                self.reader.unknown(facts, child, "target")
        reader.content(facts, content)
        return facts

    def changes(self, facts: PartyFacts, target: etree._Element) -> list[_Change]:
        """The target's modifications, oldest first; its listing and delisting dates."""
        changes = []
        for child in target:
            if _tag(child) != "modification":
                continue
            kind = _attr(child, "modification-type").casefold()
            day = _change_day(child)
            if kind not in _CHANGES:
                reason = (
                    f"modification-type {kind!r} is not listed, amended or de-listed; not applied"
                )
                self.builder.keep(
                    facts, child.sourceline or facts.line, f"modification {kind} {day}", reason
                )
                continue
            changes.append(_Change(kind, day, child))
            self.builder.read()
        changes.sort(key=lambda c: (c.day or dt.date.min, _CHANGES.index(c.kind)))
        for change in changes:
            if change.kind == "listed" and change.day is not None:
                facts.listed.append(change.day)
        facts.notes.extend(_change_notes(changes, None))
        return changes

    def versions(
        self,
        key: str,
        line: int,
        target: etree._Element,
        content: etree._Element,
        changes: list[_Change],
    ) -> None:
        """The target's earlier states: each amendment undone, newest first."""
        amendments = [c for c in changes if c.kind == "amended"]
        listed = next((c.day for c in changes if c.kind == "listed"), None)
        states = [content]
        for change in reversed(amendments):
            states.insert(0, _undo(states[0], change.element))
        since = [listed, *(change.day for change in amendments)]
        found = []
        for day, state in zip(since, states, strict=True):
            facts = self.facts(key, line, target, state, self.scratch_reader)
            facts.listed.extend([listed] if listed else [])
            facts.notes.extend(_change_notes(changes, day or dt.date.min))
            found.append((day, "active", facts))
        if changes and changes[-1].kind == "de-listed":
            end = changes[-1].day
            self.ends[key] = end
            facts = attrs.evolve(found[-1][2], notes=[*found[-1][2].notes])
            facts.notes[:] = [n for n in facts.notes if not _CHANGE_NOTE.match(n)]
            facts.notes.extend(_change_notes(changes, None))
            found.append((end, "delisted", facts))
        self.history[key] = found


_CHANGE_NOTE = re.compile(r"(?:listed|amended|de-listed) on ")


def _change_notes(changes: list[_Change], until: dt.date | None) -> list[str]:
    """The notes of the changes up to a day (all of them for None)."""
    return [
        f"{change.kind} on {change.day or 'a day the file does not give'}"
        for change in changes
        if until is None or (change.day or dt.date.min) <= until
    ]


def _read(stream: IO[bytes], file: SecoFile, loader: _Loader) -> None:
    tags = ("target", "sanctions-program", "place", ROOT)
    handlers: dict[str, Callable[[etree._Element], None]] = {
        "target": loader.target,
        "sanctions-program": loader.tables.program,
        "place": loader.tables.place,
    }
    for element in parse(stream, file.display, tags):
        tag = _tag(element)
        parent = element.getparent()
        if tag == ROOT:
            for child in element:
                if _tag(child) not in {"", *handlers}:
                    reason = f"an element <{_tag(child)}> where the list has <target>; not read"
                    loader.builder.reject(child.sourceline or 0, reason)
        elif parent is None or _tag(parent) != ROOT:
            continue  # a target inside a modification: read with its own target
        else:
            handlers[tag](element)
            element.clear(keep_tail=False)


def load_seco(file: SecoFile) -> ListLoad:
    """Load the SECO list: designations (their latest version), their versions, programs."""
    loader = _Loader(file)
    with opened(file.path, file.display) as (stream, _):
        try:
            _read(stream, file, loader)
        except etree.XMLSyntaxError as error:
            raise syntax_error(file.display, error) from None
    builder = loader.builder
    if not builder.rows:
        msg = f"{file.display}: the SECO list holds no target"
        raise SourceError(msg)
    source = list_source(file.name, file.as_of)
    loaded = builder.make_load(list_id=LIST_ID, title=TITLE, source=source, as_of=file.as_of)
    loader.scratch.parties = builder.parties
    designations = []
    versions = []
    for made in loaded.designations:
        key = made.id.removeprefix(f"{LIST_ID}:")
        designation = _delisted(made, loader.ends[key]) if key in loader.ends else made
        designations.append(designation)
        found: list[tuple[dt.date | None, Designation]] = []
        for day, status, facts in loader.history.get(key, []):
            try:
                version = loader.scratch.version(facts, list_id=LIST_ID, source=source)
            except ValueError:
                continue  # an earlier state the reader cannot make: the version is skipped
            version = attrs.evolve(version, origin=designation.origin)
            if status == "delisted":
                version = _delisted(version, day)
            found.append((day, version))
        if found:
            found[-1] = (found[-1][0], designation)
        versions.append(tuple(found))
    programs, authorities = loader.tables.records(source)
    return attrs.evolve(
        loaded,
        designations=tuple(designations),
        versions=tuple(versions),
        program_records=programs,
        authority_records=authorities,
    )


def _delisted(designation: Designation, day: dt.date | None) -> Designation:
    if day is not None and designation.listed_on is not None and day < designation.listed_on:
        day = designation.listed_on
    return attrs.evolve(designation, status=DesignationStatus.DELISTED, delisted_on=day)


FORMAT = ListFormat(name=FORMAT_NAME, lists={LIST_ID: TITLE}, recognise=recognise)
"""The SECO list's XML, for the registry."""
