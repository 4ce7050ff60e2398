"""Designations as FollowTheMoney entities (the mapping is in ``docs/export.md``).

Each designation gives its party (Person, Organization or Company, Vessel, Airplane, or
LegalEntity when the list does not say what the party is) and one Sanction; the party's
addresses, identity documents and crypto wallets become Address, Identification or
Passport and CryptoWallet entities, and its links become Ownership, Family, Associate,
Representation, Directorship or UnknownLink entities. Every schema and property is one
the followthemoney model knows (``SCHEMATA`` below; the tests check it against the
model), and every value is in the clean form FollowTheMoney stores (``_ftm_values``). A
value that has no clean form is not dropped: it is kept, with its label, in the notes of
the party it belongs to.

Ids are derived from ours: the party of ``us-ofac-sdn:27844`` is ``us-ofac-sdn-27844``,
its sanction ``us-ofac-sdn-27844-sanction``; the other entities' ids add a digest of what
they hold, so the same data always gives the same ids.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, Final

from sanctions_tracker.countries import country_name, find_country
from sanctions_tracker.errors import ReportError
from sanctions_tracker.export import _ftm_values as values
from sanctions_tracker.export._common import (
    Selection,
    authorities_countries,
    key_of,
    list_source,
    relation_label,
)
from sanctions_tracker.records import (
    Address,
    Designation,
    DesignationStatus,
    Identifier,
    Link,
    NameKind,
    PartialDate,
    Party,
    PartyKind,
)

if TYPE_CHECKING:
    from sanctions_tracker.tracker import Tracker

__all__ = [
    "EDGES",
    "FORMATS",
    "IS_A",
    "LENGTHS",
    "RANGES",
    "SCHEMATA",
    "PartyEntities",
    "entity_id",
    "ftm_entities",
]

# ------------------------------------------------------------------ the model we write

_THING: Final = {
    "name": "name",
    "alias": "name",
    "weakAlias": "name",
    "previousName": "name",
    "notes": "text",
    "country": "country",
    "sourceUrl": "url",
    "topics": "topic",
    "address": "address",
    "addressEntity": "entity",
}
_LEGAL_ENTITY: Final = _THING | {
    "registrationNumber": "identifier",
    "taxNumber": "identifier",
    "vatCode": "identifier",
    "swiftBic": "identifier",
    "leiCode": "identifier",
    "dunsCode": "identifier",
    "uscCode": "identifier",
    "licenseNumber": "identifier",
    "idNumber": "identifier",
    "website": "url",
    "email": "email",
    "phone": "phone",
    "incorporationDate": "date",
    "sector": "string",
}
_ORGANIZATION: Final = _LEGAL_ENTITY | {"imoNumber": "identifier"}
_VEHICLE: Final = _THING | {
    "registrationNumber": "identifier",
    "type": "string",
    "model": "string",
    "owner": "entity",
    "operator": "entity",
    "buildDate": "date",
}
_INTEREST: Final = {"role": "string", "status": "string"}
_IDENTIFICATION: Final = {
    "holder": "entity",
    "number": "identifier",
    "type": "string",
    "country": "country",
    "startDate": "date",
    "endDate": "date",
}

SCHEMATA: Final[dict[str, dict[str, str]]] = {
    "Person": _LEGAL_ENTITY
    | {
        "birthDate": "date",
        "birthPlace": "string",
        "nationality": "country",
        "citizenship": "country",
        "gender": "gender",
        "position": "string",
        "passportNumber": "identifier",
        "socialSecurityNumber": "identifier",
    },
    "Organization": _ORGANIZATION,
    "Company": _ORGANIZATION
    | {"bikCode": "identifier", "isinCode": "identifier", "ticker": "identifier"},
    "LegalEntity": _LEGAL_ENTITY,
    "Vessel": _VEHICLE
    | {
        "imoNumber": "identifier",
        "mmsi": "identifier",
        "callSign": "identifier",
        "flag": "country",
        "pastFlags": "country",
        "tonnage": "number",
        "grossRegisteredTonnage": "number",
    },
    "Airplane": _VEHICLE | {"serialNumber": "identifier"},
    "Sanction": {
        "entity": "entity",
        "authority": "string",
        "authorityId": "identifier",
        "unscId": "identifier",
        "country": "country",
        "program": "string",
        "programId": "identifier",
        "listingDate": "date",
        "endDate": "date",
        "status": "string",
        "reason": "text",
        "provisions": "string",
        "sourceUrl": "url",
    },
    "Address": {
        "full": "address",
        "street": "string",
        "city": "string",
        "region": "string",
        "postalCode": "string",
        "country": "country",
        "remarks": "string",
        "notes": "text",
    },
    "Identification": _IDENTIFICATION,
    "Passport": _IDENTIFICATION,
    "CryptoWallet": {
        "holder": "entity",
        "cryptoAddress": "identifier",
        "currencySymbol": "string",
        "notes": "text",
    },
    "Ownership": {"owner": "entity", "asset": "entity"} | _INTEREST,
    "Representation": {"agent": "entity", "client": "entity"} | _INTEREST,
    "Directorship": {"director": "entity", "organization": "entity"} | _INTEREST,
    "UnknownLink": {"subject": "entity", "object": "entity"} | _INTEREST,
    "Family": {"person": "entity", "relative": "entity", "relationship": "string"},
    "Associate": {"person": "entity", "associate": "entity", "relationship": "string"},
}
"""Every schema the export writes, with each property it sets and that property's type."""

IS_A: Final[dict[str, frozenset[str]]] = {
    "Person": frozenset({"Person", "LegalEntity", "Thing"}),
    "Organization": frozenset({"Organization", "LegalEntity", "Thing"}),
    "Company": frozenset({"Company", "Organization", "LegalEntity", "Asset", "Value", "Thing"}),
    "LegalEntity": frozenset({"LegalEntity", "Thing"}),
    "Vessel": frozenset({"Vessel", "Vehicle", "Asset", "Value", "Thing"}),
    "Airplane": frozenset({"Airplane", "Vehicle", "Asset", "Value", "Thing"}),
}
"""What each party schema is, in the model's hierarchy (for the ranges of links)."""

FORMATS: Final = {
    "imoNumber": "imo",
    "swiftBic": "bic",
    "leiCode": "lei",
    "socialSecurityNumber": "ssn",
    "uscCode": "uscc",
}
"""Properties whose identifiers FollowTheMoney keeps only in a format (on every schema
the export writes them on)."""

_PARTY_SCHEMA: Final = {
    PartyKind.INDIVIDUAL: "Person",
    PartyKind.ENTITY: "Organization",
    PartyKind.VESSEL: "Vessel",
    PartyKind.AIRCRAFT: "Airplane",
    PartyKind.UNKNOWN: "LegalEntity",
}

EDGES: Final[dict[str, tuple[str, str, str]]] = {
    # relation: (schema, the role of the party whose link it is, the role of the target)
    "owned-or-controlled-by": ("Ownership", "asset", "owner"),
    "owns-controls-or-operates": ("Ownership", "owner", "asset"),
    "acting-for-or-on-behalf-of": ("Representation", "agent", "client"),
    "family-member-of": ("Family", "person", "relative"),
    "associate-of": ("Associate", "person", "associate"),
    "leader-or-official-of": ("Directorship", "director", "organization"),
    "principal-executive-officer": ("Directorship", "director", "organization"),
}
"""Relations with a schema of their own; every other relation is an UnknownLink."""

RANGES: Final[dict[tuple[str, str], str]] = {
    ("Ownership", "owner"): "LegalEntity",
    ("Ownership", "asset"): "Asset",
    ("Representation", "agent"): "LegalEntity",
    ("Representation", "client"): "LegalEntity",
    ("Directorship", "director"): "LegalEntity",
    ("Directorship", "organization"): "Organization",
    ("Family", "person"): "Person",
    ("Family", "relative"): "Person",
    ("Associate", "person"): "Person",
    ("Associate", "associate"): "Person",
    ("UnknownLink", "subject"): "Thing",
    ("UnknownLink", "object"): "Thing",
}
"""The schema each role of a link must be (checked against the model by the tests)."""

LENGTHS: Final = {
    "vatCode": 32,
    "swiftBic": 16,
    "leiCode": 32,
    "dunsCode": 16,
    "phone": 32,
    "imoNumber": 16,
    "mmsi": 16,
    "unscId": 16,
    "postalCode": 16,
}
"""Properties whose longest value is shorter than their type's. FollowTheMoney checks
both limits (the property's when a value is added, the type's when an entity is
validated), so the shorter one holds (checked against the model by the tests)."""

_DOCUMENTS: Final = frozenset(
    {
        "passport",
        "national-id",
        "identification-number",
        "cedula",
        "curp",
        "cuip",
        "drivers-license",
        "electoral-registry",
        "travel-document",
        "visa-number",
        "residency-number",
        "birth-certificate",
        "military-service-card",
        "military-registration-number",
        "immigration-number",
        "pilot-license",
        "permit-number",
        "ssn",
    }
)
"""Identifier kinds that are identity documents: each becomes an Identification (a
Passport for a passport), and its number also goes on the holder."""

_DOCUMENT_NUMBER: Final = {"passport": "passportNumber", "ssn": "socialSecurityNumber"}

_PROPERTY_OF: Final = {
    "registration-number": "registrationNumber",
    "economic-register-number": "registrationNumber",
    "government-gazette-number": "registrationNumber",
    "tax-id": "taxNumber",
    "nit": "taxNumber",
    "ruc": "taxNumber",
    "rif": "taxNumber",
    "vat-number": "vatCode",
    "swift-bic": "swiftBic",
    "legal-entity-number": "leiCode",
    "duns": "dunsCode",
    "unified-social-credit-code": "uscCode",
    "license": "licenseNumber",
    "trade-license": "licenseNumber",
    "bik": "bikCode",
    "isin": "isinCode",
    "equity-ticker": "ticker",
    "imo-company-number": "imoNumber",
    "imo": "imoNumber",
    "mmsi": "mmsi",
    "vessel-registration": "registrationNumber",
    "aircraft-serial-number": "serialNumber",
    "aircraft-tail-number": "registrationNumber",
    "website": "website",
    "email": "email",
    "phone": "phone",
    "fax": "phone",
}
"""Identifier kinds that are a property of the party (where its schema has it)."""

_CONTACTS: Final = frozenset({"website", "email", "phone", "fax"})
_COMPANY_KINDS: Final = frozenset({"bik", "isin", "equity-ticker"})
_CRYPTO: Final = "digital-currency-address"
_FORMERLY: Final = "formerly-"
_ID_CHARS: Final = re.compile(r"[^0-9A-Za-z.-]+")
_ADDRESS_BREAKS: Final = re.compile(r"(\r\n|\n|<BR/>|<BR>|\t|ESQ\.,|ESQ,|;)")
_ADDRESS_COMMAS: Final = re.compile(r"(,\s?[,\.])")


def _digest(*parts: str) -> str:
    return hashlib.blake2b("\x1f".join(parts).encode(), digest_size=8).hexdigest()


def entity_id(record_id: str) -> str:
    """The FollowTheMoney id of a record's entity: ``us-ofac-sdn:27844`` ->
    ``us-ofac-sdn-27844`` (letters, digits, ``.`` and ``-`` only)."""
    slug = _ID_CHARS.sub("-", record_id).strip(".-")
    if not slug or len(slug) > values.MAX_LENGTH["entity"] - 20:  # room for suffixes
        return f"record-{_digest(record_id)}"
    return slug


def _is_a(schema: str, wanted: str) -> bool:
    return wanted in IS_A.get(schema, frozenset({schema}))


# ------------------------------------------------------------------ entities


class _Entity:
    """An entity being built: properties keep each value once, in the order added."""

    __slots__ = ("datasets", "id", "properties", "schema", "target")

    def __init__(self, entity_id: str, schema: str, dataset: str, *, target: bool = False) -> None:
        self.id = entity_id
        self.schema = schema
        self.properties: dict[str, list[str]] = {}
        self.datasets = {dataset}
        self.target = target

    def add(self, prop: str, value: str) -> None:
        found = self.properties.setdefault(prop, [])
        if value not in found:
            found.append(value)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "schema": self.schema,
            "properties": self.properties,
            "datasets": sorted(self.datasets),
            "target": self.target,
        }


def _clean_address(text: str | None) -> str | None:
    """An address line as FollowTheMoney's address type keeps it (applied until stable)."""
    cleaned = values.clean_text(text)
    while cleaned is not None:
        again = _ADDRESS_COMMAS.sub(", ", _ADDRESS_BREAKS.sub(", ", cleaned))
        again = " ".join(again.split())
        if again == cleaned:
            return cleaned
        cleaned = again or None
    return None


_CLEANERS: Final[dict[str, Callable[[str | None], str | None]]] = {
    "name": values.clean_name,
    "string": values.clean_text,
    "text": values.clean_text,
    "identifier": values.clean_text,
    "address": _clean_address,
    "country": values.clean_country,
    "url": values.clean_url,
    "email": values.clean_email,
    "number": values.clean_number,
    "gender": lambda v: v.lower() if v and v.lower() in {"male", "female", "other"} else None,
    "date": values.clean_text,
    "topic": values.clean_text,
    "entity": values.clean_text,
}


class _Builder:
    """Builds the entities of a selection of designations."""

    def __init__(self, selection: Selection, companies: set[str] | None = None) -> None:
        self.selection = selection
        self.entities: dict[str, _Entity] = {}
        self.parties: dict[str, _Entity] = {}  # designation id -> its party entity
        self.companies = self._companies() if companies is None else companies
        self.pending: list[tuple[_Entity, str, str]] = []

    # -------------------------------------------------------------- plumbing

    def entity(self, entity_id: str, schema: str, dataset: str) -> _Entity:
        """The entity with this id, made if it is new (the same id is the same data)."""
        found = self.entities.get(entity_id)
        if found is None:
            found = self.entities[entity_id] = _Entity(entity_id, schema, dataset)
        found.datasets.add(dataset)
        return found

    def put(
        self,
        entity: _Entity,
        prop: str,
        raw: str | None,
        *,
        notes: _Entity | None,
        label: str | None = None,
        regions: Iterable[str] = (),
    ) -> bool:
        """Set ``prop`` to ``raw`` in its clean form; a value that has none goes to the
        notes of ``notes`` with its label (the caller keeps it if ``notes`` is None).
        Whether the property was set."""
        if raw is None or not raw.strip():
            return False
        kind = SCHEMATA[entity.schema][prop]
        if kind == "phone":
            value = values.clean_phone(raw, regions)
        elif kind == "identifier":
            value = values.clean_identifier(raw, FORMATS.get(prop))
        else:
            value = _CLEANERS[kind](raw)
        if value is not None and len(value) <= LENGTHS.get(prop, values.MAX_LENGTH[kind]):
            entity.add(prop, value)
            return True
        if notes is not None:
            self.note(notes, f"{label or prop}: {raw}")
        return False

    def note(self, entity: _Entity, text: str) -> None:
        cleaned = values.clean_text(text)
        if cleaned is not None:
            entity.add("notes", cleaned[: values.MAX_LENGTH["text"]])

    def put_date(
        self, entity: _Entity, prop: str, date: PartialDate | None, *, notes: _Entity, label: str
    ) -> None:
        if date is None:
            return
        written = values.clean_date(date)
        for value in written:
            entity.add(prop, value)
        if date.circa or not written:
            self.note(notes, f"{label}: {date}")

    # -------------------------------------------------------------- parties

    def _companies(self) -> set[str]:
        """Designations of entities written as Company rather than Organization: those a
        link makes an owned asset, and those with a company's identifiers (ISIN ...)."""
        entities = {d.id for d in self.selection.all if d.party.kind is PartyKind.ENTITY}
        found = set()
        for designation in self.selection.all:
            party = designation.party
            if designation.id in entities and any(
                i.kind in _COMPANY_KINDS for i in party.identifiers
            ):
                found.add(designation.id)
            for link in party.links:
                relation = link.relation.removeprefix(_FORMERLY)
                if relation == "owned-or-controlled-by" and designation.id in entities:
                    found.add(designation.id)
                elif relation == "owns-controls-or-operates" and link.target in entities:
                    found.add(link.target)
        return found

    def schema_of(self, designation: Designation) -> str:
        if designation.id in self.companies:
            return "Company"
        return _PARTY_SCHEMA[designation.party.kind]

    def add_party(self, designation: Designation) -> None:
        schema = self.schema_of(designation)
        party_id = entity_id(designation.id)
        if party_id in self.entities:
            msg = f"{designation.id} cannot be exported: another record's entity id is {party_id}"
            raise ReportError(msg)
        entity = _Entity(party_id, schema, designation.list_id, target=True)
        self.entities[party_id] = entity
        self.parties[designation.id] = entity
        party = designation.party
        sources = self.selection.sources(designation)
        self._names(entity, party)
        if designation.status is DesignationStatus.ACTIVE:
            entity.add("topics", "sanction")
        for source in sources:
            self.put(entity, "sourceUrl", source.url, notes=entity, label="source")
        if party.remarks:
            self.note(entity, party.remarks)
        for text in party.information:
            self.note(entity, text)
        if schema == "Person":
            self._person(entity, party)
        else:
            self._not_person(entity, party)
        self._organization(entity, party)
        for address in party.addresses:
            self._address(entity, address, designation.list_id)
        for identifier in party.identifiers:
            self._identifier(entity, designation, identifier)
        self._sanction(entity, designation, sources)

    def _names(self, entity: _Entity, party: Party) -> None:
        for name in party.names:
            prop = "name"
            if name.weak:
                prop = "weakAlias"
            elif name.kind is NameKind.FKA:
                prop = "previousName"
            elif name.kind is not NameKind.PRIMARY:
                prop = "alias"
            self.put(entity, prop, name.full, notes=entity, label=f"name ({name.kind.value})")

    def _organization(self, entity: _Entity, party: Party) -> None:
        if entity.schema in {"Organization", "Company", "LegalEntity"}:
            self.put_date(
                entity, "incorporationDate", party.established_on, notes=entity, label="established"
            )
            self.put(entity, "sector", party.organization_type, notes=entity, label="type")
            return
        if party.established_on is not None:
            self.note(entity, f"established: {party.established_on}")
        if party.organization_type is not None:
            self.note(entity, f"organization type: {party.organization_type}")

    def _person(self, entity: _Entity, party: Party) -> None:
        for date in party.birth_dates:
            self.put_date(entity, "birthDate", date, notes=entity, label="birth date")
        for place in party.birth_places:
            self.put(entity, "birthPlace", place, notes=entity, label="birth place")
        for code in party.nationalities:
            self.put(entity, "nationality", code, notes=entity, label="nationality")
        for code in party.citizenships:
            self.put(entity, "citizenship", code, notes=entity, label="citizenship")
        self.put(entity, "gender", party.gender, notes=entity, label="gender")
        for position in party.positions:
            self.put(entity, "position", position, notes=entity, label="position")

    def _not_person(self, entity: _Entity, party: Party) -> None:
        for code in (*party.nationalities, *party.citizenships):
            self.put(entity, "country", code, notes=entity, label="country")
        for date in party.birth_dates:
            self.note(entity, f"birth date: {date}")
        for text in (*party.birth_places, *party.positions):
            self.note(entity, text)
        if party.gender:
            self.note(entity, f"gender: {party.gender}")
        if party.vessel is not None:
            self._vessel(entity, party)
        if party.aircraft is not None:
            self._aircraft(entity, party)

    def _vessel(self, entity: _Entity, party: Party) -> None:
        vessel = party.vessel
        assert vessel is not None  # noqa: S101 - the caller checked
        if entity.schema != "Vessel":
            self.note(entity, f"vessel: {vessel}")
            return
        for sign in (vessel.call_sign, *vessel.other_call_signs):
            self.put(entity, "callSign", sign, notes=entity, label="call sign")
        for kind in (vessel.vessel_type, *vessel.other_types):
            self.put(entity, "type", kind, notes=entity, label="vessel type")
        self.put(entity, "tonnage", vessel.tonnage, notes=entity, label="tonnage")
        self.put(
            entity,
            "grossRegisteredTonnage",
            vessel.gross_registered_tonnage,
            notes=entity,
            label="gross registered tonnage",
        )
        for prop, flags in (
            ("flag", (vessel.flag, *vessel.other_flags)),
            ("pastFlags", vessel.former_flags),
        ):
            for flag in flags:
                if flag:
                    code = find_country(flag)
                    self.put(entity, prop, code or flag, notes=entity, label=prop)
        if vessel.year_of_build is not None:
            self.put_date(
                entity, "buildDate", PartialDate(vessel.year_of_build), notes=entity, label="built"
            )
        if vessel.owner:
            self._named(entity, "owner", vessel.owner)

    def _aircraft(self, entity: _Entity, party: Party) -> None:
        aircraft = party.aircraft
        assert aircraft is not None  # noqa: S101 - the caller checked
        if entity.schema != "Airplane":
            self.note(entity, f"aircraft: {aircraft}")
            return
        self.put_date(entity, "buildDate", aircraft.manufacture_date, notes=entity, label="built")
        for model in aircraft.models:
            self.put(entity, "model", model, notes=entity, label="model")
        for operator in aircraft.operators:
            self._named(entity, "operator", operator)
        for number in aircraft.construction_numbers:
            self.note(entity, f"aircraft construction number: {number}")

    def _named(self, entity: _Entity, prop: str, name: str) -> None:
        """Resolved once every party is made: see :meth:`resolve_named`."""
        self.pending.append((entity, prop, name))

    def resolve_named(self, entity: _Entity, prop: str, name: str) -> None:
        """A party the list names only (a vessel's owner, an aircraft's operator): the
        exported designation of that name, or a LegalEntity of the name if none is."""
        target = self.selection.by_name(name)
        found = self.parties.get(target) if target else None
        if found is not None and found is not entity and _is_a(found.schema, "LegalEntity"):
            entity.add(prop, found.id)
            return
        stub = self.stub(name, next(iter(entity.datasets)))
        if stub is None:
            self.note(entity, f"{prop}: {name}")
        else:
            entity.add(prop, stub)

    def stub(self, name: str, dataset: str) -> str | None:
        """The id of a LegalEntity that only has a name (a party no list entry describes)."""
        cleaned = values.clean_name(name)
        if cleaned is None or len(cleaned) > values.MAX_LENGTH["name"]:
            return None
        stub = self.entity(f"name-{_digest(cleaned.casefold())}", "LegalEntity", dataset)
        stub.add("name", cleaned)
        return stub.id

    def _address(self, party: _Entity, address: Address, dataset: str) -> None:
        country = values.clean_country(address.country)
        if address.country and country is None:
            self.note(party, f"address country: {address.country}")
        if country is not None:
            party.add("country", country)
        parts = (address.street, address.city, address.region, address.postal_code)
        if not any(parts) and not address.remarks:
            return
        named = country_name(address.country) if address.country else None
        full = _clean_address(", ".join(p for p in (*parts, named) if p))
        key = _digest(full or "", country or "", address.remarks or "")
        entity = self.entity(f"addr-{key}", "Address", dataset)
        self.put(entity, "full", full, notes=party, label="address")
        self.put(entity, "street", address.street, notes=party, label="street")
        self.put(entity, "city", address.city, notes=party, label="city")
        self.put(entity, "region", address.region, notes=party, label="region")
        self.put(entity, "postalCode", address.postal_code, notes=party, label="postal code")
        self.put(entity, "country", address.country, notes=party, label="country")
        self.put(entity, "remarks", address.remarks, notes=party, label="address remarks")
        party.add("addressEntity", entity.id)
        self.put(party, "address", full, notes=party, label="address")

    def _identifier(self, party: _Entity, designation: Designation, identifier: Identifier) -> None:
        kind = identifier.kind
        label = identifier.note or relation_label(kind)
        holder = _is_a(party.schema, "LegalEntity")
        props = SCHEMATA[party.schema]
        if kind == _CRYPTO:
            if holder:
                self._wallet(party, designation, identifier)
            else:
                self.note(party, f"{label}: {identifier.value}")
            return
        regions = sorted(designation.party.countries) if kind in {"phone", "fax"} else ()
        if kind in _DOCUMENTS:
            prop = _DOCUMENT_NUMBER.get(kind, "idNumber")
            prop = prop if prop in props else "idNumber"
            if prop in props:
                self.put(party, prop, identifier.value, notes=None, label=label)
        elif kind in _PROPERTY_OF and _PROPERTY_OF[kind] in props:
            prop = _PROPERTY_OF[kind]
            kept = self.put(
                party,
                prop,
                identifier.value,
                notes=None if holder and kind not in _CONTACTS else party,
                label=label,
                regions=regions,
            )
            described = identifier.country or identifier.issued_on or identifier.expires_on
            # A BIC keeps its first eight characters: a branch code goes with the document.
            cut = prop == "swiftBic" and len(identifier.value.replace(" ", "")) > 8  # noqa: PLR2004
            if kind in _CONTACTS or (kept and not (described or identifier.note or cut)):
                return
        if holder:
            self._document(party, designation, identifier, label)
        else:
            self.note(party, f"{label}: {identifier.value}")

    def _document(
        self, party: _Entity, designation: Designation, identifier: Identifier, label: str
    ) -> None:
        schema = "Passport" if identifier.kind == "passport" else "Identification"
        key = _digest(identifier.kind, identifier.value, identifier.country or "")
        entity = self.entity(f"{party.id}-id-{key}", schema, designation.list_id)
        entity.add("holder", party.id)
        self.put(entity, "number", identifier.value, notes=party, label=label)
        self.put(entity, "type", label, notes=party, label="document type")
        self.put(entity, "country", identifier.country, notes=party, label=f"{label} country")
        self.put_date(
            entity, "startDate", identifier.issued_on, notes=party, label=f"{label} issued"
        )
        self.put_date(
            entity, "endDate", identifier.expires_on, notes=party, label=f"{label} expires"
        )

    def _wallet(self, party: _Entity, designation: Designation, identifier: Identifier) -> None:
        key = _digest(identifier.value, identifier.note or "")
        entity = self.entity(f"{party.id}-wallet-{key}", "CryptoWallet", designation.list_id)
        entity.add("holder", party.id)
        self.put(entity, "cryptoAddress", identifier.value, notes=entity, label="address")
        self.put(entity, "currencySymbol", identifier.note, notes=entity, label="currency")

    def _sanction(self, party: _Entity, designation: Designation, sources: list[Any]) -> None:
        entity = _Entity(f"{party.id}-sanction", "Sanction", designation.list_id)
        if entity.id in self.entities:
            msg = f"{designation.id} cannot be exported: the entity id {entity.id} is taken"
            raise ReportError(msg)
        self.entities[entity.id] = entity
        entity.add("entity", party.id)
        authority = list_source(sources)
        if authority is not None:
            self.put(entity, "authority", authority.publisher, notes=party, label="authority")
        for code in authorities_countries(self.selection, designation):
            self.put(entity, "country", code, notes=party, label="authority country")
        key_prop = "unscId" if designation.list_id.startswith("un-") else "authorityId"
        self.put(entity, key_prop, key_of(designation), notes=party, label="list id")
        for program_id in designation.programs:
            program = self.selection.program(program_id)
            self.put(entity, "programId", program_id, notes=party, label="program")
            if program is not None:
                self.put(entity, "program", program.name, notes=party, label="program")
        if designation.listed_on is not None:
            entity.add("listingDate", designation.listed_on.isoformat())
        if designation.delisted_on is not None:
            entity.add("endDate", designation.delisted_on.isoformat())
        entity.add("status", designation.status.value)
        self.put(entity, "reason", designation.basis, notes=party, label="reason")
        for note in designation.notes:
            self.put(entity, "provisions", note, notes=party, label="provisions")
        for source in sources:
            self.put(entity, "sourceUrl", source.url, notes=party, label="source")

    # -------------------------------------------------------------- links

    def add_links(self, designation: Designation, *, chosen: bool) -> None:
        """The designation's links to other parties, as edge entities.

        A link to a designation that is not exported (possible only for one that came
        along as linked) is left out; a link to a party the list only names goes to a
        LegalEntity of that name.
        """
        this = self.parties[designation.id]
        for link in designation.party.links:
            other = self.parties.get(link.target) if link.target else None
            if other is this:
                continue
            if other is None:
                if link.target is not None and not chosen:
                    continue
                stub = self.stub(link.name, designation.list_id)
                other = self.entities.get(stub) if stub else None
                if other is None:
                    self.note(this, f"{relation_label(link.relation)}: {link.name}")
                    continue
            self._edge(this, other, link, designation.list_id)

    def _edge(self, this: _Entity, other: _Entity, link: Link, dataset: str) -> None:
        former = link.relation.startswith(_FORMERLY)
        label = relation_label(link.relation)
        spec = EDGES.get(link.relation.removeprefix(_FORMERLY))
        if spec is not None:
            schema, mine, theirs = spec
            fits = _is_a(this.schema, RANGES[schema, mine]) and _is_a(
                other.schema, RANGES[schema, theirs]
            )
            if not fits:
                spec = None
        if spec is None:
            spec = ("UnknownLink", "subject", "object")  # any two parties
        schema, mine, theirs = spec
        edge = self.entity(
            f"{schema.lower()}-{_digest(schema, this.id, other.id)}", schema, dataset
        )
        edge.add(mine, this.id)
        edge.add(theirs, other.id)
        if schema in {"Family", "Associate"}:
            self.put(edge, "relationship", label, notes=this, label="relationship")
        else:
            self.put(edge, "role", label, notes=this, label="role")
            if former:
                edge.add("status", "former")

    # -------------------------------------------------------------- all

    def build(self) -> list[dict[str, Any]]:
        for designation in self.selection.all:
            self.add_party(designation)
        for entity, prop, name in self.pending:
            self.resolve_named(entity, prop, name)
        chosen = {d.id for d in self.selection.chosen}
        for designation in self.selection.all:
            self.add_links(designation, chosen=designation.id in chosen)
        return [entity.to_dict() for entity in self.entities.values()]


def ftm_entities(
    tracker: Tracker, designations: Iterable[Designation] | None = None
) -> list[dict[str, Any]]:
    """FollowTheMoney entities of ``designations`` (every designation of the tracker if
    None), as dicts ready for ``json.dumps``: ``{"id", "schema", "properties", "datasets",
    "target"}``.

    Parties the chosen designations link to come along (they are designations too), so
    that every link points at an entity of the export. Raises ReportError if two records
    would get the same entity id.
    """
    return _Builder(Selection(tracker, designations)).build()


class PartyEntities:
    """The FollowTheMoney entity of one designation's party at a time: the entity
    :func:`ftm_entities` makes for it (its schema, properties, dataset), without the
    Sanction, address and link entities around it. What every party needs of the tracker
    is read once, so that each party costs only its own values (screening results in
    yente's shape name their entities this way)."""

    def __init__(self, tracker: Tracker) -> None:
        self._selection = Selection(tracker, None)
        self._companies = _Builder(self._selection).companies

    def __call__(self, designation: Designation) -> dict[str, Any]:
        """The party's entity: ``{"id", "schema", "properties", "datasets", "target"}``."""
        builder = _Builder(self._selection, self._companies)
        builder.add_party(designation)
        for entity, prop, name in builder.pending:
            builder.resolve_named(entity, prop, name)
        return builder.parties[designation.id].to_dict()
