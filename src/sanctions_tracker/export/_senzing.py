"""Designations as Senzing entity records (the mapping is in ``docs/export.md``).

One record per designation, in the attribute names of Senzing's entity specification,
grouped in lists as OpenSanctions' Senzing export groups them (``NAMES``, ``DATES``,
``ADDRESSES``, ``COUNTRIES``, ``IDENTIFIERS``, ``CONTACTS``, ``RELATIONSHIPS``). Senzing
reads any list of objects as features, so the grouping is for people reading the file.
What Senzing does not resolve on (programs, listing date, status, the source URL) is
kept as payload attributes of the record.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Final

from sanctions_tracker.countries import country_name, find_country
from sanctions_tracker.export._common import Selection, key_of, list_source, relation_label
from sanctions_tracker.export._ftm_values import clean_date
from sanctions_tracker.records import Address, Designation, Identifier, Party, PartyKind

if TYPE_CHECKING:
    from sanctions_tracker.tracker import Tracker

__all__ = ["RELATIONSHIP_DOMAIN", "data_source", "senzing_records"]

RELATIONSHIP_DOMAIN: Final = "SANCTIONS_TRACKER"
"""The domain of the keys that relationships anchor on and point to (designation ids)."""

_RECORD_TYPE: Final = {PartyKind.INDIVIDUAL: "PERSON", PartyKind.ENTITY: "ORGANIZATION"}

_ID_ATTRIBUTES: Final = {
    # kind: (number attribute, country attribute, type attribute)
    "passport": ("PASSPORT_NUMBER", "PASSPORT_COUNTRY", None),
    "national-id": ("NATIONAL_ID_NUMBER", "NATIONAL_ID_COUNTRY", "NATIONAL_ID_TYPE"),
    "identification-number": ("NATIONAL_ID_NUMBER", "NATIONAL_ID_COUNTRY", "NATIONAL_ID_TYPE"),
    "cedula": ("NATIONAL_ID_NUMBER", "NATIONAL_ID_COUNTRY", "NATIONAL_ID_TYPE"),
    "curp": ("NATIONAL_ID_NUMBER", "NATIONAL_ID_COUNTRY", "NATIONAL_ID_TYPE"),
    "cuip": ("NATIONAL_ID_NUMBER", "NATIONAL_ID_COUNTRY", "NATIONAL_ID_TYPE"),
    "electoral-registry": ("NATIONAL_ID_NUMBER", "NATIONAL_ID_COUNTRY", "NATIONAL_ID_TYPE"),
    "tax-id": ("TAX_ID_NUMBER", "TAX_ID_COUNTRY", "TAX_ID_TYPE"),
    "nit": ("TAX_ID_NUMBER", "TAX_ID_COUNTRY", "TAX_ID_TYPE"),
    "ruc": ("TAX_ID_NUMBER", "TAX_ID_COUNTRY", "TAX_ID_TYPE"),
    "rif": ("TAX_ID_NUMBER", "TAX_ID_COUNTRY", "TAX_ID_TYPE"),
    "vat-number": ("TAX_ID_NUMBER", "TAX_ID_COUNTRY", "TAX_ID_TYPE"),
    "ssn": ("SSN_NUMBER", None, None),
    "drivers-license": ("DRIVERS_LICENSE_NUMBER", "DRIVERS_LICENSE_STATE", None),
    "legal-entity-number": ("LEI_NUMBER", None, None),
    "duns": ("DUNS_NUMBER", None, None),
}
"""Identifier kinds with an attribute of their own; any other is an OTHER_ID."""

_CONTACT_ATTRIBUTES: Final = {
    "website": "WEBSITE_ADDRESS",
    "email": "EMAIL_ADDRESS",
    "phone": "PHONE_NUMBER",
    "fax": "PHONE_NUMBER",
}


def data_source(list_id: str) -> str:
    """The Senzing data source code of a list: ``us-ofac-sdn`` -> ``US_OFAC_SDN``."""
    return list_id.upper().replace("-", "_").replace(".", "_")


def _code(text: str) -> str:
    """A Senzing type code from our words: ``swift-bic`` -> ``SWIFT_BIC``."""
    return "_".join(text.upper().replace("-", " ").split())


def _date(date: Any) -> str | None:
    written = clean_date(date)
    return written[0] if written else None


def _address(address: Address) -> dict[str, str] | None:
    parts = [address.street, address.city, address.region, address.postal_code]
    if not any(parts):
        return None
    parts.append(country_name(address.country) if address.country else None)
    found: dict[str, str] = {"ADDR_FULL": ", ".join(p for p in parts if p)}
    if address.country:
        found["ADDR_COUNTRY"] = address.country
    return found


def _identifier(identifier: Identifier) -> dict[str, str]:
    kind = identifier.kind
    if kind in _CONTACT_ATTRIBUTES:
        found = {_CONTACT_ATTRIBUTES[kind]: identifier.value}
        if kind == "fax":
            found["PHONE_TYPE"] = "FAX"
        return found
    number, country, type_ = _ID_ATTRIBUTES.get(
        kind, ("OTHER_ID_NUMBER", "OTHER_ID_COUNTRY", "OTHER_ID_TYPE")
    )
    found = {number: identifier.value}
    if type_ == "OTHER_ID_TYPE":
        currency = (
            f" {identifier.note}" if kind == "digital-currency-address" and identifier.note else ""
        )
        found[type_] = _code(kind + currency)
    elif type_ is not None and identifier.note:
        found[type_] = identifier.note
    if country is not None and identifier.country:
        found[country] = identifier.country
    return found


class _Records:
    def __init__(self, selection: Selection, source: str | None) -> None:
        self.selection = selection
        self.source = source
        self.related = self._related()

    def _related(self) -> set[str]:
        """Designations with a relationship in the export, which need an anchor."""
        found: set[str] = set()
        for designation in self.selection.all:
            targets = [t for t in self.selection.targets(designation) if t in self.selection.ids]
            if targets:
                found.add(designation.id)
                found.update(targets)
        return found

    def record(self, designation: Designation) -> dict[str, Any]:
        party = designation.party
        record: dict[str, Any] = {
            "DATA_SOURCE": self.source or data_source(designation.list_id),
            "RECORD_ID": designation.id,
        }
        if party.kind in _RECORD_TYPE:
            record["RECORD_TYPE"] = _RECORD_TYPE[party.kind]
        name_key = "NAME_FULL" if party.kind is PartyKind.INDIVIDUAL else "NAME_ORG"
        record["NAMES"] = [
            {"NAME_TYPE": ("WEAK_" if n.weak else "") + n.kind.value.upper(), name_key: n.full}
            for n in party.names
        ]
        if party.gender in {"male", "female"}:
            record["GENDER"] = party.gender[0].upper()
        self._facts(record, party)
        relationships = self._relationships(designation)
        if relationships:
            record["RELATIONSHIPS"] = relationships
        self._payload(record, designation)
        return record

    def _facts(self, record: dict[str, Any], party: Party) -> None:
        dates = [{"DATE_OF_BIRTH": d} for d in map(_date, party.birth_dates) if d]
        if party.established_on is not None and (founded := _date(party.established_on)):
            dates.append({"REGISTRATION_DATE": founded})
        addresses = [{"PLACE_OF_BIRTH": place} for place in party.birth_places]
        addresses += [a for a in map(_address, party.addresses) if a]
        person = party.kind is PartyKind.INDIVIDUAL
        countries = [
            {"NATIONALITY" if person else "REGISTRATION_COUNTRY": code}
            for code in party.nationalities
        ]
        countries += [{"CITIZENSHIP": code} for code in party.citizenships]
        identifiers: list[dict[str, str]] = []
        contacts: list[dict[str, str]] = []
        for identifier in party.identifiers:
            (contacts if identifier.kind in _CONTACT_ATTRIBUTES else identifiers).append(
                _identifier(identifier)
            )
        if party.vessel is not None:
            signs = (party.vessel.call_sign, *party.vessel.other_call_signs)
            identifiers += [
                {"OTHER_ID_TYPE": "CALL_SIGN", "OTHER_ID_NUMBER": s} for s in signs if s
            ]
        groups = {
            "DATES": dates,
            "ADDRESSES": addresses,
            "COUNTRIES": countries,
            "IDENTIFIERS": identifiers,
            "CONTACTS": contacts,
        }
        record.update({key: found for key, found in groups.items() if found})

    def _relationships(self, designation: Designation) -> list[dict[str, str]]:
        party = designation.party
        found: list[dict[str, str]] = []
        if designation.id in self.related:
            found.append(
                {"REL_ANCHOR_DOMAIN": RELATIONSHIP_DOMAIN, "REL_ANCHOR_KEY": designation.id}
            )
        named: list[tuple[str, str]] = [(link.relation, link.name) for link in party.links]
        owners = [party.vessel.owner] if party.vessel and party.vessel.owner else []
        named += [("owner", name) for name in owners]
        named += [("operator", n) for n in party.aircraft.operators] if party.aircraft else []
        targets = {link.name: link.target for link in party.links}
        for relation, name in named:
            target = targets.get(name) if relation not in {"owner", "operator"} else None
            target = target or self.selection.by_name(name)
            if target is not None and target in self.selection.ids and target != designation.id:
                found.append(
                    {
                        "REL_POINTER_DOMAIN": RELATIONSHIP_DOMAIN,
                        "REL_POINTER_KEY": target,
                        "REL_POINTER_ROLE": relation_label(relation),
                    }
                )
            else:
                found.append(
                    {"GROUP_ASSOCIATION_TYPE": _code(relation), "GROUP_ASSOCIATION_ORG_NAME": name}
                )
        return found

    def _payload(self, record: dict[str, Any], designation: Designation) -> None:
        record["LIST_ID"] = designation.list_id
        record["LIST_KEY"] = key_of(designation)
        record["PROGRAMS"] = "; ".join(designation.programs)
        record["STATUS"] = designation.status.value
        if designation.listed_on is not None:
            record["LISTED_ON"] = designation.listed_on.isoformat()
        if designation.delisted_on is not None:
            record["DELISTED_ON"] = designation.delisted_on.isoformat()
        vessel = designation.party.vessel
        if vessel is not None and vessel.flag:
            record["VESSEL_FLAG"] = find_country(vessel.flag) or vessel.flag
        source = list_source(self.selection.sources(designation))
        if source is not None and source.url:
            record["URL"] = source.url


def senzing_records(
    tracker: Tracker,
    designations: Iterable[Designation] | None = None,
    *,
    source: str | None = None,
) -> list[dict[str, Any]]:
    """Senzing entity records of ``designations`` (every designation if None), as dicts
    ready for ``json.dumps``; one per designation, with those it links to after it.

    ``DATA_SOURCE`` is the list's id in Senzing's style (``US_OFAC_SDN``) unless
    ``source`` gives one name for every record.
    """
    selection = Selection(tracker, designations)
    records = _Records(selection, source)
    return [records.record(designation) for designation in selection.all]
