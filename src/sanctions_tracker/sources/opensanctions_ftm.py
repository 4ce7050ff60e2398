"""OpenSanctions data in the FollowTheMoney (FtM) model: entity files and delta files.

An OpenSanctions export holds JSON lines, one entity each (``entities.ftm.json``:
``{"id", "schema", "properties", "datasets", "first_seen", "last_seen", "target", ...}``),
or, in a delta file, one change each (``{"op": "ADD"|"MOD"|"DEL", "entity": {...}}``). A
file is recognised by its first line, never by its name. The schema and property names are
FtM's own; the JSON is read directly, without the ``followthemoney`` package.

What becomes what (``docs/opensanctions.md`` has every schema and property):

- a **party** (``Person``, ``Organization``, ``Company``, ``LegalEntity``, ``PublicBody``,
  ``Vessel``, ``Airplane``) that a ``Sanction`` entity of the file names, or whose topics
  say ``sanction``, is a designation ``<dataset>:<entity id>``; each Sanction gives a
  program (its ``programId``, else its dataset's name), a listing date, and a note with
  its authority, program, provisions, reason, dates and source URL;
- ``Address``, ``Identification`` / ``Passport``, ``Occupancy`` and the link entities
  (``Ownership``, ``Family``, ``Directorship``, ``Associate``, ``Membership``,
  ``Employment``, ``Representation``, ``UnknownLink``, ``Succession``) attach to the
  designations they name, and count as part of them;
- a party with no sanction (a politically exposed person of ``wd_persons``, a company
  linked to a designation) is **left out**, with its reason, and so is what attaches only
  to such parties: this library tracks designations; screening against other parties is
  for a later version (see the docs).

The list id is the dataset's own name: the ``name`` of an ``index.json`` beside the file,
else the one dataset every entity of the file belongs to, else ``opensanctions``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping
from typing import IO, Any

import attrs
from attrs import frozen

from sanctions_tracker.errors import SourceError
from sanctions_tracker.records import (
    Address,
    Designation,
    DesignationStatus,
    Identifier,
    Name,
    NameKind,
    PartialDate,
    Program,
    Verification,
    VerificationStatus,
    is_valid_id,
)
from sanctions_tracker.sources._cells import shortened
from sanctions_tracker.sources._dates import iso_day
from sanctions_tracker.sources._files import FileHead, opened, read_bytes
from sanctions_tracker.sources._json import loads as json_loads
from sanctions_tracker.sources._lists import ListFormat, ListLoad, OneFile, file_source
from sanctions_tracker.sources._parties import PartyBuilder, PartyFacts, slug, tidy
from sanctions_tracker.sources._places import country_of
from sanctions_tracker.sources._xml import XmlHead

__all__ = [
    "FORMAT",
    "FORMAT_NAME",
    "LIST_ID",
    "PARTY_SCHEMATA",
    "TITLE",
    "FtmFile",
    "load_ftm",
    "partial_date",
    "recognise",
]

LIST_ID = "opensanctions"
"""The list id of a file whose dataset cannot be told."""
TITLE = "OpenSanctions dataset (FollowTheMoney entities)"
PUBLISHER = "OpenSanctions"
URL = "https://www.opensanctions.org/datasets/"
FORMAT_NAME = "OpenSanctions FollowTheMoney entities (JSON lines)"

PARTY_SCHEMATA = {
    "Person": "individual",
    "Organization": "entity",
    "Company": "entity",
    "LegalEntity": "entity",
    "PublicBody": "entity",
    "Vessel": "vessel",
    "Airplane": "aircraft",
}
"""The FtM schemata of parties that can be designated, and the party kind of each."""

_LINKS: Mapping[str, tuple[str, str, str, str]] = {
    "Ownership": ("owner", "asset", "owner of", "owned by"),
    "Family": ("person", "relative", "relative of", "relative of"),
    "Directorship": ("director", "organization", "director of", "directed by"),
    "Associate": ("person", "associate", "associate of", "associate of"),
    "Membership": ("member", "organization", "member of", "has member"),
    "Employment": ("employee", "employer", "employee of", "employer of"),
    "Representation": ("agent", "client", "agent of", "represented by"),
    "UnknownLink": ("subject", "object", "linked to", "linked to"),
    "Succession": ("predecessor", "successor", "predecessor of", "successor of"),
}
"""Link schemata: the properties naming their two ends, and the relation seen from each."""

MAX_LINE_BYTES = 64 << 20
"""The longest line (one entity) read (64 MiB): OpenSanctions' largest entities take a
few hundred KB."""

_INDEX_BYTES = 16 << 20
"""The most an ``index.json`` beside a file may hold to be read."""

_HOLDERS = {
    "Identification": "holder",
    "Passport": "holder",
    "Occupancy": "holder",
    "Sanction": "entity",
}
"""Schemata that attach to one party, and the property naming it (an Address is named by
its parties' ``addressEntity``)."""

_IDENTIFIERS = {
    "taxNumber": "tax-id",
    "registrationNumber": "registration-number",
    "innCode": "inn",
    "ogrnCode": "ogrn",
    "kppCode": "kpp",
    "okpoCode": "okpo",
    "idNumber": "national-id",
    "passportNumber": "passport",
    "socialSecurityNumber": "social-security-number",
    "vatCode": "vat",
    "leiCode": "lei",
    "swiftBic": "swift-bic",
    "permId": "perm-id",
    "uniqueEntityId": "unique-entity-id",
    "wikidataId": "wikidata-id",
    "imoNumber": "imo",
    "mmsi": "mmsi",
    "icaoCode": "icao",
    "registrationNumberIcao": "icao",
    "serialNumber": "serial-number",
    "email": "email",
    "phone": "phone",
    "website": "website",
}
"""Party properties read as identifiers, with the identifier kind each gives."""

_NATIONAL = ("nationality", "country", "jurisdiction", "mainCountry")
_TEXT = {
    "title": "title",
    "description": "description",
    "summary": "summary",
    "status": "status",
    "dissolutionDate": "dissolved",
    "education": "education",
    "religion": "religion",
    "sourceUrl": "source",
    "programId": "program",
    "createdAt": "created",
    "modifiedAt": "modified",
    "birthCountry": "country of birth",
    "ethnicity": "ethnicity",
}
"""Party properties kept as text in ``information`` (``<label>: <value>``)."""
_NAME_PARTS = frozenset(
    {"firstName", "lastName", "middleName", "fatherName", "motherName", "secondName"}
    | {"nameSuffix"}
)
"""Parts of a person's name: the full names (``name``) hold them."""
_SKIPPED = frozenset({"topics", "addressEntity", "keywords"})
"""Properties read elsewhere: topics (what the entity is), its Address entities."""


def partial_date(text: str) -> PartialDate | None:
    """An FtM date, which may stop at the year or month: ``1971``, ``1971-01``,
    ``1971-01-22`` (a time after the day is ignored); None if it is none of these."""
    found = re.match(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", text.strip())
    if found is None:
        return None
    try:
        return PartialDate(*(int(part) if part else None for part in found.groups()))  # type: ignore[arg-type]
    except ValueError:
        return None


@frozen
class FtmFile(OneFile):
    """A file recognised as OpenSanctions FtM entities (``delta``: a delta file)."""

    delta: bool = False

    group = LIST_ID

    def read(self) -> ListLoad:
        """Read the file."""
        return load_ftm(self)


def _first_object(head: FileHead) -> dict[str, Any] | None:
    line = head.first_line().strip()
    try:
        value = json_loads(line)
    except ValueError:
        if re.search(r'"(?:schema|op)"\s*:', line) and line.startswith("{"):
            return {"op": None} if re.search(r'^\{\s*"op"\s*:', line) else {"schema": None}
        return None
    return value if isinstance(value, dict) else None


def recognise(head: FileHead, xml: XmlHead | None) -> FtmFile | None:
    """The file as FtM entities (its first line an entity) or a delta file (a change)."""
    if xml is not None or not head.data.lstrip().startswith(b"{"):
        return None
    first = _first_object(head)
    if first is None:
        return None
    if "op" in first and ("entity" in first or first["op"] is None):
        return FtmFile(path=head.path, display=head.display, member=head.member, delta=True)
    if "schema" in first and ("properties" in first or first["schema"] is None):
        return FtmFile(path=head.path, display=head.display, member=head.member)
    return None


# --------------------------------------------------------------------------- entities


@frozen
class _Entity:
    id: str
    schema: str
    line: int
    properties: Mapping[str, list[str]]
    meta: Mapping[str, Any]

    def values(self, prop: str) -> list[str]:
        return [tidy(v) for v in self.properties.get(prop, ()) if isinstance(v, str) and tidy(v)]

    def first(self, prop: str) -> str:
        found = self.values(prop)
        return found[0] if found else ""

    @property
    def topics(self) -> list[str]:
        return self.values("topics")

    @property
    def datasets(self) -> list[str]:
        found = self.meta.get("datasets")
        return [d for d in found if isinstance(d, str)] if isinstance(found, list) else []


def _entities(file: FtmFile, builder: PartyBuilder) -> Iterator[_Entity]:
    """Every entity of the file, each with its line; a line that is no entity (bad JSON, a
    deletion, an entity without an id or schema) is accounted for here."""
    with opened(file.path, file.display) as (stream, _):
        yield from _parsed(file, builder, _lines(stream, builder))


def _lines(stream: IO[bytes], builder: PartyBuilder) -> Iterator[tuple[int, str]]:
    """The lines of a JSON-lines stream as text, with their numbers, read one at a time (an
    OpenSanctions collection runs to hundreds of MB): UTF-8, a byte-order mark dropped; a
    line that is not UTF-8 is given with its faults replaced (its JSON is then checked as
    any other). A line longer than MAX_LINE_BYTES is skipped unread, and rejected."""
    number = 0
    while raw := stream.readline(MAX_LINE_BYTES + 1):
        number += 1
        if len(raw) > MAX_LINE_BYTES and not raw.endswith(b"\n"):
            while (rest := stream.readline(MAX_LINE_BYTES)) and not rest.endswith(b"\n"):
                pass
            builder.reject(number, f"a line of more than {MAX_LINE_BYTES:,} bytes: not read")
            continue
        text = raw.decode("utf-8", errors="replace")
        yield number, text.removeprefix("\ufeff") if number == 1 else text


def _parsed(
    file: FtmFile, builder: PartyBuilder, lines: Iterator[tuple[int, str]]
) -> Iterator[_Entity]:
    for number, raw in lines:
        line = raw.strip()
        if not line:
            continue
        try:
            value = json_loads(line)
        except ValueError as error:
            builder.reject(number, f"not a JSON object: {error}")
            continue
        if file.delta:
            op = value.get("op") if isinstance(value, dict) else None
            inner = value.get("entity") if isinstance(value, dict) else None
            key = inner.get("id") if isinstance(inner, dict) else None
            if op == "DEL":
                reason = (
                    f"a deletion (op DEL) of {key}: loaded on its own, a delta file has "
                    "nothing to delete it from"
                )
                builder.leave_out(number, reason, key if isinstance(key, str) else None)
                continue
            if not isinstance(op, str) or op not in {"ADD", "MOD"}:
                builder.reject(number, f"op {shortened(repr(op))} is not ADD, MOD or DEL")
                continue
            value = inner
        if not isinstance(value, dict):
            builder.reject(number, "not an entity (a JSON object with id, schema, properties)")
            continue
        entity_id, schema, props = value.get("id"), value.get("schema"), value.get("properties")
        if not isinstance(entity_id, str) or not isinstance(schema, str):
            builder.reject(number, "an entity without an id or a schema")
            continue
        if not isinstance(props, dict) or not all(isinstance(v, list) for v in props.values()):
            builder.reject(number, "the entity's properties are not lists of values", entity_id)
            continue
        meta = {k: v for k, v in value.items() if k != "properties"}
        yield _Entity(entity_id, schema, number, props, meta)


# --------------------------------------------------------------------------- reading


class _Reader:
    def __init__(self, builder: PartyBuilder) -> None:
        self.builder = builder
        self.source_id = f"src-{LIST_ID}"
        self.entities: dict[str, _Entity] = {}
        self.sanctions: dict[str, list[_Entity]] = {}
        self.programs: dict[str, _ProgramFacts] = {}
        self.ends: dict[str, list[dt.date | None]] = {}

    def collect(self, entities: Iterator[_Entity]) -> None:
        for entity in entities:
            first = self.entities.get(entity.id)
            if first is not None:
                reason = f"a second entity with id {entity.id} (the first is on line {first.line})"
                self.builder.reject(entity.line, reason, entity.id)
                continue
            self.entities[entity.id] = entity
            if entity.schema == "Sanction":
                for target in entity.values("entity"):
                    self.sanctions.setdefault(target, []).append(entity)

    def designated(self, entity: _Entity) -> bool:
        return entity.schema in PARTY_SCHEMATA and (
            entity.id in self.sanctions or "sanction" in entity.topics
        )

    def read(self, list_id: str) -> None:
        parties = [e for e in self.entities.values() if e.schema in PARTY_SCHEMATA]
        facts_of: dict[str, PartyFacts] = {}
        for entity in parties:
            if not self.designated(entity):
                self.builder.leave_out(entity.line, _not_designated(entity), entity.id)
                continue
            if not is_valid_id(f"{list_id}:{entity.id}"):
                reason = f"the entity id {entity.id!r} cannot be part of an id"
                self.builder.reject(entity.line, reason, entity.id)
                continue
            facts_of[entity.id] = self.party(entity)
        for entity in self.entities.values():
            if entity.schema not in PARTY_SCHEMATA:
                self.attach(entity, facts_of)
        for facts in facts_of.values():
            self.builder.party(facts)

    # ----------------------------------------------------------------- a party

    def party(self, entity: _Entity) -> PartyFacts:
        facts = PartyFacts(key=entity.id, line=entity.line, kind=PARTY_SCHEMATA[entity.schema])
        names = entity.values("name")
        caption = (
            tidy(entity.meta.get("caption")) if isinstance(entity.meta.get("caption"), str) else ""
        )
        primary = caption if caption in names else (names[0] if names else caption)
        if primary:
            facts.names.append(Name(primary))
        for kind, prop, weak in (
            (NameKind.AKA, "name", False),
            (NameKind.AKA, "alias", False),
            (NameKind.AKA, "weakAlias", True),
            (NameKind.AKA, "abbreviation", True),
            (NameKind.FKA, "previousName", False),
        ):
            for value in entity.values(prop):
                if value != primary:
                    facts.names.append(Name(value, kind, weak=weak))
                self.builder.read()
        for prop, values in entity.properties.items():
            self.fact(
                facts, entity, prop, [tidy(v) for v in values if isinstance(v, str) and tidy(v)]
            )
        self.meta(facts, entity)
        return facts

    def fact(self, facts: PartyFacts, entity: _Entity, prop: str, values: list[str]) -> None:  # noqa: C901, PLR0912 - one branch per kind of property
        if prop == "address":
            for value in values:
                self.text_address(facts, entity, value)
            return
        if prop in {"name", "alias", "weakAlias", "abbreviation", "previousName"}:
            return
        if prop in _SKIPPED:
            return
        for value in values:
            if prop in _NAME_PARTS:
                self.builder.read()  # in the full names
            elif prop == "birthDate":
                self.date(facts, value, entity.line)
            elif prop == "birthPlace":
                if value not in facts.birth_places:
                    facts.birth_places.append(value)
                self.builder.read()
            elif prop in _NATIONAL or prop == "citizenship":
                self.country(facts, prop, value, entity.line)
            elif prop == "gender":
                facts.gender = value
                self.builder.read()
            elif prop == "position":
                facts.positions.append(value)
                self.builder.read()
            elif prop == "notes":
                facts.remarks = f"{facts.remarks} {value}" if facts.remarks else value
                self.builder.read()
            elif prop in _IDENTIFIERS:
                facts.identifiers.append(Identifier(kind=_IDENTIFIERS[prop], value=value))
                self.builder.read()
            elif prop == "incorporationDate":
                facts.information.append(f"incorporated: {value}")
                self.builder.read()
            elif prop == "legalForm":
                facts.information.append(f"legal form: {value}")
                self.builder.read()
            elif prop in {"flag", "callSign", "type", "tonnage", "grossRegisteredTonnage"}:
                facts.vessel[_VESSEL.get(prop, prop)] = value
                self.builder.read()
            elif prop in _TEXT:
                facts.information.append(f"{_TEXT[prop]}: {value}")
                self.builder.read()
            else:
                reason = f"property {prop!r} of a {entity.schema} is not read here; kept as text"
                self.builder.keep(facts, entity.line, f"{prop}: {value}", reason)

    def text_address(self, facts: PartyFacts, entity: _Entity, value: str) -> None:
        """An address written as one text (kept unless an Address entity gives it)."""
        known = {
            self.entities[a].first("full")
            for a in entity.values("addressEntity")
            if a in self.entities
        }
        if value in known:
            self.builder.read()
            return
        self.builder.address(facts, Address(street=value))

    def date(self, facts: PartyFacts, value: str, line: int) -> None:
        born = partial_date(value)
        if born is None:
            reason = f"birthDate {value!r} is not a date; kept as text"
            self.builder.keep(facts, line, f"born {value}", reason)
            return
        if born not in facts.birth_dates:
            facts.birth_dates.append(born)
        self.builder.read()

    def country(self, facts: PartyFacts, prop: str, value: str, line: int) -> None:
        code = country_of(value.upper(), None) if len(value) == 2 else None  # noqa: PLR2004
        if code is None:
            reason = f"{prop} {value!r} is not a country code (an FtM territory?); kept as text"
            self.builder.keep(facts, line, f"{prop}: {value}", reason)
            return
        target = facts.citizenships if prop == "citizenship" else facts.nationalities
        if code not in target:
            target.append(code)
        self.builder.read()

    def meta(self, facts: PartyFacts, entity: _Entity) -> None:
        topics = entity.topics
        if topics:
            facts.information.append(f"topics: {', '.join(topics)}")
        datasets = entity.datasets
        if datasets:
            facts.information.append(f"OpenSanctions datasets: {', '.join(datasets)}")
        for label in ("first_seen", "last_seen", "last_change"):
            value = entity.meta.get(label)
            if isinstance(value, str):
                facts.information.append(f"{label.replace('_', ' ')} (OpenSanctions): {value}")
        referents = entity.meta.get("referents")
        if isinstance(referents, list) and referents:
            facts.information.append(f"source ids: {', '.join(map(str, referents))}")
        sanctions = self.sanctions.get(entity.id, [])
        if not sanctions:  # designated by its topics: the list is its dataset, if one
            if len(datasets) == 1:
                tag, name = (
                    f"OS-{slug(datasets[0]).upper()}",
                    f"OpenSanctions dataset {datasets[0]}",
                )
            else:
                tag, name = "OS-SANCTIONED", "Sanctioned, according to OpenSanctions' topics"
            self.program(tag, name, None, None)
            facts.programs.append(tag)
            facts.notes.append(
                "Sanctioned according to the entity's topics (no Sanction entity in the file)"
            )

    # ----------------------------------------------------------------- attachments

    def attach(self, entity: _Entity, facts_of: Mapping[str, PartyFacts]) -> None:  # noqa: C901, PLR0912 - one branch per kind of entity
        """A non-party entity: part of the designations it names, or left out."""
        if entity.schema == "Address":
            users = [e.id for e in self.entities.values() if entity.id in e.values("addressEntity")]
            if self.shared(entity, users, facts_of):
                self.address(entity, [u for u in users if u in facts_of], facts_of)
            return
        if entity.schema == "Position":
            users = [
                e.first("holder")
                for e in self.entities.values()
                if e.schema == "Occupancy" and e.first("post") == entity.id
            ]
            if self.shared(entity, users, facts_of):
                self.builder.read()  # the holders' Occupancy names it among their positions
            return
        ends = self.ends_of(entity)
        if ends is None:
            reason = f"schema {entity.schema!r} is not one this loader reads"
            self.builder.leave_out(entity.line, reason, entity.id)
            return
        named = [e for e in ends if e]
        if not named:
            reason = f"{_an(entity.schema)} that names no entity"
            self.builder.orphan(entity.line, reason, entity.id)
            return
        missing = [e for e in named if e not in self.entities]
        loaded = [e for e in named if e in facts_of]
        if not loaded:
            if len(missing) == len(named):
                reason = f"{_an(entity.schema)} of {', '.join(named)}, not in the file"
                self.builder.orphan(entity.line, reason, entity.id)
            else:
                reason = f"{_an(entity.schema)} of parties that are not designations here"
                self.builder.leave_out(entity.line, reason, entity.id)
            return
        if entity.schema == "Sanction":
            self.sanction(entity, facts_of[loaded[0]])
        elif entity.schema in {"Identification", "Passport"}:
            self.document(entity, facts_of[loaded[0]])
        elif entity.schema == "Occupancy":
            self.occupancy(entity, facts_of[loaded[0]])
        else:
            self.link(entity, ends, facts_of)
        self.builder.merge(loaded[0], entity.line)

    def ends_of(self, entity: _Entity) -> list[str] | None:
        if entity.schema in _HOLDERS:
            return entity.values(_HOLDERS[entity.schema])[:1] or [""]
        if entity.schema in _LINKS:
            first, second, _, _ = _LINKS[entity.schema]
            return [entity.first(first), entity.first(second)]
        return None

    def shared(self, entity: _Entity, users: list[str], facts_of: Mapping[str, PartyFacts]) -> bool:
        """An entity parties refer to (an Address, a Position): part of the first loaded
        one (True), or left out or an orphan, with its reason (False)."""
        loaded = [u for u in users if u in facts_of]
        if not users:
            reason = f"{_an(entity.schema)} no entity of the file refers to"
            self.builder.orphan(entity.line, reason, entity.id)
            return False
        if not loaded:
            reason = f"{_an(entity.schema)} of parties that are not designations here"
            self.builder.leave_out(entity.line, reason, entity.id)
            return False
        self.builder.merge(loaded[0], entity.line)
        return True

    def address(
        self, entity: _Entity, loaded: list[str], facts_of: Mapping[str, PartyFacts]
    ) -> None:
        country = entity.first("country")
        parts = [
            ("street", entity.first("street")),
            ("street2", entity.first("street2")),
            ("postOfficeBox", entity.first("postOfficeBox")),
        ]
        street = ", ".join(v for _, v in parts if v) or None
        code = country_of(country.upper(), None) if len(country) == 2 else None  # noqa: PLR2004
        full = entity.first("full")
        address = Address(
            street=street or (full if not entity.first("city") else None),
            city=entity.first("city") or None,
            region=entity.first("region") or entity.first("state") or None,
            postal_code=entity.first("postalCode") or None,
            country=code,
            remarks=None if code or not country else f"country: {country}",
        )
        for user in loaded:
            facts = facts_of[user]
            if address not in facts.addresses:
                self.builder.address(facts, address)

    def sanction(self, entity: _Entity, facts: PartyFacts) -> None:
        authority = "; ".join(entity.values("authority"))
        program_text = entity.first("program")
        tag = entity.first("programId")
        dataset = (entity.datasets or [LIST_ID])[0]
        if not tag or not is_valid_id(tag):
            tag = f"OS-{slug(dataset).upper()}"
        name = program_text or (f"{authority} ({dataset})" if authority else dataset)
        url = entity.first("programUrl") or None
        self.program(tag, name, authority or None, url, named=bool(program_text))
        if tag not in facts.programs:
            facts.programs.append(tag)
        listed = [d for d in map(iso_day, entity.values("listingDate")) if d]
        started = [d for d in map(iso_day, entity.values("startDate")) if d]
        facts.listed.extend(listed or started)
        ended = [d for d in map(iso_day, entity.values("endDate")) if d]
        self.ends.setdefault(facts.key, []).append(max(ended) if ended else None)
        parts = [f"{authority or 'Sanction'}: {program_text or tag}"]
        for label, prop in (
            ("listed", "listingDate"),
            ("from", "startDate"),
            ("until", "endDate"),
            ("provisions", "provisions"),
            ("status", "status"),
            ("reason", "reason"),
            ("summary", "summary"),
            ("source", "sourceUrl"),
        ):
            values = entity.values(prop)
            if values:
                parts.append(f"{label} {'; '.join(values)}")
        facts.notes.append(" — ".join(parts))
        self.builder.read()

    def document(self, entity: _Entity, facts: PartyFacts) -> None:
        kind = "passport" if entity.schema == "Passport" else slug(entity.first("type") or "id")
        number = entity.first("number") or entity.first("passportNumber")
        if not number:
            text = f"{entity.schema} without a number ({entity.id})"
            reason = f"{_an(entity.schema)} without a number; kept as text"
            self.builder.keep(facts, entity.line, text, reason)
            return
        country = entity.first("country")
        facts.identifiers.append(
            Identifier(
                kind=kind,
                value=number,
                country=country_of(country.upper(), None) if len(country) == 2 else None,  # noqa: PLR2004
                issued_on=partial_date(entity.first("startDate") or ""),
                expires_on=partial_date(entity.first("endDate") or ""),
                note=entity.first("authority") or None,
            )
        )
        self.builder.read()

    def occupancy(self, entity: _Entity, facts: PartyFacts) -> None:
        post = self.entities.get(entity.first("post"))
        title = post.first("name") if post is not None else entity.first("post")
        dates = " to ".join(filter(None, (entity.first("startDate"), entity.first("endDate"))))
        facts.positions.append(f"{title} ({dates})" if dates else title)
        self.builder.read()

    def link(self, entity: _Entity, ends: list[str], facts_of: Mapping[str, PartyFacts]) -> None:
        _, _, forward, backward = _LINKS[entity.schema]
        role = entity.first("relationship") or entity.first("role")
        for here, there, relation in ((ends[0], ends[1], forward), (ends[1], ends[0], backward)):
            facts = facts_of.get(here)
            if facts is None:
                continue
            other = self.entities.get(there)
            name = (
                tidy(other.meta.get("caption"))
                if other and isinstance(other.meta.get("caption"), str)
                else ""
            ) or there
            label = f"{relation} ({role})" if role else relation
            facts.links.append((label, there if there in facts_of else None, name, entity.line))

    def program(
        self, tag: str, name: str, authority: str | None, url: str | None, *, named: bool = True
    ) -> None:
        """Note a program: its name (one the file gives wins over one made up here), the
        authorities imposing it and where it is described."""
        found = self.programs.setdefault(tag, _ProgramFacts(name, named=named))
        if named and not found.named:
            found.name, found.named = name, True
        if authority:
            found.authorities.setdefault(authority, None)
        if url:
            found.urls.setdefault(url, None)

    def program_records(self) -> tuple[Program, ...]:
        records = []
        for tag, found in self.programs.items():
            about = f" Imposed by {'; '.join(found.authorities)}." if found.authorities else ""
            where = f" See {', '.join(found.urls)}." if found.urls else ""
            records.append(
                Program(
                    id=tag,
                    name=found.name,
                    sources=(self.source_id,),
                    description=f"A sanctions program as OpenSanctions names it.{about}{where}",
                    verification=Verification(
                        status=VerificationStatus.PARTLY_VERIFIED,
                        verified=("the program's id, name and authority, as the file gives them",),
                        unverified=("OpenSanctions' reading of the official list",),
                    ),
                )
            )
        return tuple(records)


class _ProgramFacts:
    def __init__(self, name: str, *, named: bool) -> None:
        self.name = name
        self.named = named
        self.authorities: dict[str, None] = {}
        self.urls: dict[str, None] = {}


_VESSEL = {
    "flag": "flag",
    "callSign": "call_sign",
    "type": "vessel_type",
    "tonnage": "tonnage",
    "grossRegisteredTonnage": "gross_registered_tonnage",
}


def _an(schema: str) -> str:
    """``"a Sanction"``, ``"an Occupancy"``."""
    return f"{'an' if schema[:1] in 'AEIOU' else 'a'} {schema}"


def _not_designated(entity: _Entity) -> str:
    topics = entity.topics
    why = [f"topics {', '.join(topics)}" if topics else "no topics"]
    if any(t.startswith("role.pep") for t in topics):
        why.insert(0, "a politically exposed person")
    if entity.meta.get("target") is True:
        why.append(f"a target of {', '.join(entity.datasets) or 'the dataset'}")
    return (
        "not a designation: no Sanction of it in the file and no 'sanction' topic "
        f"({'; '.join(why)})"
    )


def _dataset(file: FtmFile, reader: _Reader) -> tuple[str | None, dt.date | None]:
    """The dataset's name and date: from an index.json beside the file, else the one
    dataset of every entity, else None; the date from the index, else the newest
    ``last_seen``."""
    index = file.path.with_name("index.json")
    if index.is_file() and file.member is None:
        try:
            found = json_loads(read_bytes(index, str(index), limit=_INDEX_BYTES).decode("utf-8"))
        except ValueError:  # a SourceError, a JsonError, no UTF-8: no index to go by
            found = None
        if isinstance(found, dict) and isinstance(found.get("name"), str):
            name = found["name"]
            day = iso_day(found.get("updated_at") or found.get("last_export"))
            if is_valid_id(name):
                return name, day
    common: set[str] | None = None
    for entity in reader.entities.values():
        common = set(entity.datasets) if common is None else common & set(entity.datasets)
    seen = [
        day
        for e in reader.entities.values()
        if (
            day := iso_day(
                e.meta.get("last_seen") if isinstance(e.meta.get("last_seen"), str) else None
            )
        )
    ]
    name = next(iter(common)) if common and len(common) == 1 else None
    return (name if name and is_valid_id(name) else None), max(seen, default=None)


def _ended(
    designations: tuple[Designation, ...], ends: Mapping[str, list[dt.date | None]], list_id: str
) -> tuple[Designation, ...]:
    """A designation all of whose sanctions have ended is delisted on the last end day."""
    result = []
    for designation in designations:
        found = ends.get(designation.id.removeprefix(f"{list_id}:"), [])
        last = max((d for d in found if d), default=None)
        if (
            found
            and all(found)
            and last is not None
            and (designation.listed_on is None or last >= designation.listed_on)
        ):
            result.append(
                attrs.evolve(designation, status=DesignationStatus.DELISTED, delisted_on=last)
            )
            continue
        result.append(designation)
    return tuple(result)


def load_ftm(file: FtmFile) -> ListLoad:
    """Load an FtM entity or delta file: a designation per sanctioned party, every line
    accounted for."""
    kind = "delta file" if file.delta else "entities"
    name = f"{FORMAT_NAME}: {kind}{file.packing}"
    builder = PartyBuilder(file.display, name, facts="properties")
    reader = _Reader(builder)
    reader.collect(_entities(file, builder))
    if not builder.rows and not reader.entities:
        msg = f"{file.display}: the file holds no entity"
        raise SourceError(msg)
    dataset, as_of = _dataset(file, reader)
    # OpenSanctions' own dataset name (eu_fsf) under our prefix, so that its copy of a list
    # is never taken for the list itself (eu-fsf, read from the EU's own file).
    list_id = f"{LIST_ID}-{dataset}" if dataset else LIST_ID
    source = file_source(
        list_id,
        publisher=PUBLISHER,
        title=f"{TITLE}: {dataset or 'several datasets'}",
        file_name=file.name,
        url=f"{URL}{dataset}/" if dataset else URL,
        published_on=as_of,
    )
    reader.source_id = source.id
    reader.read(list_id)
    loaded = builder.make_load(list_id=list_id, title=TITLE, source=source, as_of=as_of)
    return attrs.evolve(
        loaded,
        designations=_ended(loaded.designations, reader.ends, list_id),
        program_records=reader.program_records(),
    )


FORMAT = ListFormat(name=FORMAT_NAME, lists={LIST_ID: TITLE}, recognise=recognise)
"""The FtM format, for the registry."""
