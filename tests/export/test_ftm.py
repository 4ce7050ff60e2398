"""The FollowTheMoney export: checked value by value against the followthemoney model.

``ftm validate`` drops a value it cannot clean without a word, so these tests compare
every value with its clean form themselves (``ftm_problems``), on the real lists and on
small cases made here.
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
from collections import Counter
from typing import Any, cast

import iso3166
import pytest
from lxml import etree

import sanctions_tracker as st
from conftest import SHARED_DATA
from sanctions_tracker.export import entity_id, ftm_entities
from sanctions_tracker.export._ftm import FORMATS, IS_A, LENGTHS, RANGES, SCHEMATA
from sanctions_tracker.export._ftm_values import MAX_LENGTH, clean_country

# followthemoney raises the csv module's field size limit for the whole process when it
# is imported; the other tests read CSV files with the module's own limit, so it is put
# back once followthemoney is in.
_CSV_LIMIT = csv.field_size_limit()

from followthemoney import model, registry  # noqa: E402 - after the limit is saved
from followthemoney.exc import InvalidData  # noqa: E402
from followthemoney.property import Property  # noqa: E402
from followthemoney.schema import Schema  # noqa: E402

csv.field_size_limit(_CSV_LIMIT)

# ------------------------------------------------------------------ the check


def _schema(name: str) -> Schema:
    schema = model.get(name)
    assert schema is not None, name
    return schema


def _prop(schema_name: str, name: str) -> Property:
    prop = _schema(schema_name).get(name)
    assert prop is not None, f"{schema_name}.{name}"
    return prop


def _value_problems(
    where: str, prop: Property, value: str, proxy: Any, by_id: dict[str, dict[str, Any]]
) -> list[str]:
    try:
        cleaned = prop.type.clean(value, proxy=proxy, format=prop.format)
    except InvalidData as error:
        cleaned = f"refused ({error})"
    problems = []
    if cleaned != value:
        problems.append(f"{where}.{prop.name}: {value!r} is {cleaned!r} when clean")
    elif len(value) > prop.max_length:
        problems.append(f"{where}.{prop.name}: {value!r} is too long")
    if prop.type is registry.entity:
        target = by_id.get(value)
        if target is None:
            problems.append(f"{where}.{prop.name}: {value} is no entity of the export")
        elif prop.range is None or not _schema(target["schema"]).is_a(prop.range):
            problems.append(f"{where}.{prop.name}: {target['schema']} is no {prop.range}")
    return problems


def _entity_problems(entity: dict[str, Any], by_id: dict[str, dict[str, Any]]) -> list[str]:
    where = f"{entity['id']} ({entity['schema']})"
    schema = model.get(entity["schema"])
    if schema is None or schema.abstract:
        return [f"{where}: no such concrete schema"]
    problems = []
    if not registry.entity.validate(entity["id"]):
        problems.append(f"{where}: the id is not a valid entity id")
    proxy = model.get_proxy({"id": entity["id"], "schema": schema.name, "properties": {}})
    for name, values in entity["properties"].items():
        prop = schema.get(name)
        if prop is None or prop.stub:
            problems.append(f"{where}: {name} is no property of the schema")
            continue
        if not values or len(set(values)) != len(values):
            problems.append(f"{where}.{name}: empty or repeated values {values!r}")
        for value in values:
            problems += _value_problems(where, prop, value, proxy, by_id)
    try:
        schema.validate(cast("Any", entity))
    except InvalidData as error:
        problems.append(f"{where}: {error.errors}")
    read = model.get_proxy(entity, cleaned=False).to_dict()
    if read["properties"] != entity["properties"]:
        problems.append(f"{where}: followthemoney reads it as {read['properties']!r}")
    return problems


def ftm_problems(entities: list[dict[str, Any]]) -> list[str]:
    """Every way ``entities`` fall short of the followthemoney model, one line each:
    unknown schemata and properties, values not in their clean form or too long,
    references to no entity or to one of the wrong schema, missing required properties,
    and anything followthemoney changes when it reads an entity in."""
    by_id: dict[str, dict[str, Any]] = {}
    problems = []
    for entity in entities:
        if entity["id"] in by_id:
            problems.append(f"{entity['id']}: the id is used twice")
        by_id[entity["id"]] = entity
    for entity in entities:
        problems += _entity_problems(entity, by_id)
    return problems


# ------------------------------------------------------------------ the mapping is the model's


def test_every_schema_and_property_written_is_the_models() -> None:
    """Each schema the export writes exists, and each property it sets is one of the
    schema's own (not a reverse property), with the type the export cleans it as."""
    for schema_name, properties in SCHEMATA.items():
        schema = _schema(schema_name)
        assert not schema.abstract, schema_name
        for name, type_name in properties.items():
            prop = schema.get(name)
            assert prop is not None, f"{schema_name}.{name}"
            assert not prop.stub, f"{schema_name}.{name}"
            assert prop.type.name == type_name, f"{schema_name}.{name}"


def test_formatted_identifiers_are_the_models() -> None:
    """The properties the export normalises by a format are exactly those the model
    gives a format, and with the same format."""
    formatted = {
        (schema_name, name): _prop(schema_name, name).format
        for schema_name, properties in SCHEMATA.items()
        for name in properties
        if _prop(schema_name, name).format
    }
    assert {name: fmt for (_, name), fmt in formatted.items()} == FORMATS


def test_party_schemata_and_link_ranges_are_the_models() -> None:
    """What the export believes a party schema is (a Company is an Asset, a Vessel is
    no LegalEntity) and what each role of a link must be are the model's."""
    for schema_name, ancestors in IS_A.items():
        assert ancestors == {s.name for s in _schema(schema_name).schemata}
    for (schema_name, role), wanted in RANGES.items():
        found = _prop(schema_name, role).range
        assert found is not None
        assert found.name == wanted


def test_lengths_and_countries_are_the_models() -> None:
    """The longest value of each type, and every ISO 3166 country code, as the model
    has them."""
    for type_name, length in MAX_LENGTH.items():
        assert registry.get(type_name).max_length == length, type_name
    for schema_name, properties in SCHEMATA.items():
        for name, type_name in properties.items():
            prop = _prop(schema_name, name)
            wanted = min(prop.max_length, prop.type.max_length)
            assert LENGTHS.get(name, MAX_LENGTH[type_name]) == wanted, f"{schema_name}.{name}"
    for country in iso3166.countries:
        assert clean_country(country.alpha2) == registry.country.clean(country.alpha2.lower())


# ------------------------------------------------------------------ the real lists


@pytest.fixture(scope="module")
def sdn_entities(sdn_tracker: st.Tracker) -> list[dict[str, Any]]:
    """The FollowTheMoney export of the SDN list with its companions."""
    return ftm_entities(sdn_tracker, sdn_tracker.designations(list_id="us-ofac-sdn"))


def _sdn_rows() -> list[list[str]]:
    path = SHARED_DATA / "ofac-sdn" / "sdn-2024-05-03.csv.gz"
    with gzip.open(path, "rt", encoding="utf-8", errors="replace") as handle:
        return [row for row in csv.reader(handle) if row and row[0] != "\x1a"]


def test_sdn_export_has_no_problem(sdn_entities: list[dict[str, Any]]) -> None:
    """The SDN list with its companions exports with zero problems: every value of
    every entity is what followthemoney keeps, every reference resolves."""
    assert ftm_problems(sdn_entities) == []


def test_sdn_export_holds_a_sanction_for_every_designation(
    sdn_entities: list[dict[str, Any]],
) -> None:
    """One Sanction per row of sdn.csv (read plainly here): its authorityId is the row's
    ent_num, it points at the party, and its program ids are the row's program tags."""
    rows = _sdn_rows()
    sanctions = [e for e in sdn_entities if e["schema"] == "Sanction"]
    assert len(sanctions) == len(rows)
    assert sorted(s["properties"]["authorityId"][0] for s in sanctions) == sorted(
        row[0] for row in rows
    )
    by_id = {e["id"]: e for e in sdn_entities}
    for sanction in sanctions:
        (party_id,) = sanction["properties"]["entity"]
        (key,) = sanction["properties"]["authorityId"]
        assert party_id == entity_id(f"us-ofac-sdn:{key}")
        assert by_id[party_id]["target"] is True
    assert sum(len(s["properties"]["programId"]) for s in sanctions) == sum(
        len(row[3].split("] [")) for row in rows
    )


def test_sdn_export_schemata(sdn_entities: list[dict[str, Any]]) -> None:
    """Parties take the schema of their SDN_Type (blank: an entity), and every passport
    the remarks name is a Passport entity."""
    rows = _sdn_rows()
    kinds = Counter(row[2].strip() for row in rows)
    targets = Counter(e["schema"] for e in sdn_entities if e["target"])
    assert targets["Person"] == kinds["individual"]
    assert targets["Vessel"] == kinds["vessel"]
    assert targets["Airplane"] == kinds["aircraft"]
    assert targets["Organization"] + targets["Company"] == kinds["-0-"]
    assert targets["Company"] > 0
    passports = sum(row[11].count("Passport") for row in rows)
    assert Counter(e["schema"] for e in sdn_entities)["Passport"] == passports


def test_un_list_export(tmp_path: Any) -> None:
    """The UN Security Council list exports with zero problems, and its Sanctions carry
    the list's reference numbers (read plainly from the XML) as UN SC identifiers."""
    path = SHARED_DATA / "un-consolidated" / "consolidated_2025-11-20.xml.gz"
    tracker = st.load(path, bundled=False)
    entities = ftm_entities(tracker)
    assert ftm_problems(entities) == []
    with gzip.open(path) as handle:
        references = {
            element.text.strip()
            for _, element in etree.iterparse(handle, tag="REFERENCE_NUMBER")
            if element.text
        }
    written = {
        value
        for e in entities
        if e["schema"] == "Sanction"
        for value in e["properties"].get("unscId", [])
    }
    assert written == references
    del tmp_path


def test_ofac_xml_ownership(tmp_path: Any) -> None:
    """OFAC's enhanced XML exports with zero problems, and each 'owned or controlled by'
    relationship is an Ownership from the owner to the owned party, written as a Company
    (a FollowTheMoney asset)."""
    tracker = st.load(SHARED_DATA / "ofac-consolidated" / "CONS_ENHANCED.ZIP", bundled=False)
    entities = ftm_entities(tracker)
    assert ftm_problems(entities) == []
    by_id = {e["id"]: e for e in entities}
    owned = {
        (entity_id(link.target), entity_id(d.id))
        for d in tracker.designations()
        for link in d.party.links
        if link.relation == "owned-or-controlled-by"
        and link.target is not None
        and link.target in tracker
    }
    ownerships = {
        (e["properties"]["owner"][0], e["properties"]["asset"][0])
        for e in entities
        if e["schema"] == "Ownership"
    }
    assert owned
    assert owned <= ownerships
    assert {by_id[asset]["schema"] for _, asset in owned} <= {"Company", "Vessel", "Airplane"}
    del tmp_path


def test_csl_export() -> None:
    """The Consolidated Screening List exports with zero problems; a party whose type
    the list leaves empty is a LegalEntity, neither person nor organization."""
    tracker = st.load(SHARED_DATA / "us-csl" / "consolidated_screening_list.csv.gz", bundled=False)
    entities = ftm_entities(tracker)
    assert ftm_problems(entities) == []
    unknown = len(tracker.designations(kind="unknown"))
    assert unknown > 0
    assert sum(1 for e in entities if e["target"] and e["schema"] == "LegalEntity") == unknown


# ------------------------------------------------------------------ small cases


def _designation(record_id: str, kind: str, name: str, **party: Any) -> st.Designation:
    status = party.pop("status", st.DesignationStatus.ACTIVE)
    return st.Designation(
        id=record_id,
        list_id="test-list",
        party=st.Party(kind=st.PartyKind(kind), names=(st.Name(name),), **party),
        programs=("PROG",),
        sources=("src-test-list:file.csv",),
        listed_on=dt.date(2020, 1, 2),
        status=status,
        delisted_on=dt.date(2021, 1, 1) if status is st.DesignationStatus.DELISTED else None,
    )


_SOURCE = st.Source(
    id="src-test-list:file.csv",
    publisher="A sanctions authority",
    title="The test list",
    url="example.org/list.csv",
)


def _export(*designations: st.Designation, only: int | None = None) -> dict[str, dict[str, Any]]:
    tracker = st.Tracker(sources=[_SOURCE], designations=designations)
    chosen = None if only is None else [tracker.designations()[only]]
    entities = ftm_entities(tracker, chosen)
    assert ftm_problems(entities) == []
    return {e["id"]: e for e in entities}


def test_values_without_a_clean_form_are_kept_in_notes() -> None:
    """A circa birth date gives its year and a note; a range of years gives each year;
    an e-mail, phone number or country FollowTheMoney would drop is kept in the notes."""
    person = _designation(
        "test-list:1",
        "individual",
        "DOE, John",
        birth_dates=(st.PartialDate(1957, circa=True), st.PartialDate(1960, until_year=1962)),
        nationalities=("ZZ",),
        identifiers=(
            st.Identifier("email", "not an address"),
            st.Identifier("phone", "12"),
            st.Identifier("phone", "+44 20 7946 0958"),
        ),
    )
    entity = _export(person)["test-list-1"]["properties"]
    assert entity["birthDate"] == ["1957", "1960", "1961", "1962"]
    assert entity["phone"] == ["+442079460958"]
    assert "nationality" not in entity
    for kept in ("birth date: ~1957", "email: not an address", "phone: 12", "nationality: ZZ"):
        assert kept in entity["notes"]


def test_sanction_of_a_delisted_designation() -> None:
    """A delisted designation's Sanction says so and ends on the delisting date; its
    party is no longer tagged as sanctioned, and URLs get their scheme."""
    entities = _export(
        _designation("test-list:1", "entity", "ACME", status=st.DesignationStatus.DELISTED)
    )
    sanction = entities["test-list-1-sanction"]["properties"]
    assert sanction["status"] == ["delisted"]
    assert sanction["endDate"] == ["2021-01-01"]
    assert sanction["listingDate"] == ["2020-01-02"]
    assert sanction["authority"] == ["A sanctions authority"]
    assert sanction["sourceUrl"] == ["http://example.org/list.csv"]
    assert "topics" not in entities["test-list-1"]["properties"]


def test_links_become_edges_that_fit_the_model() -> None:
    """'Formerly owned or controlled by' is a former Ownership of a Company; a family
    link between a person and an organization, which Family cannot hold, is an
    UnknownLink, as is a link between two vessels; a link to a party the list only
    names goes to a LegalEntity of that name."""
    person = _designation(
        "test-list:1",
        "individual",
        "DOE, John",
        links=(
            st.Link("family-member-of", "ACME", "test-list:2"),
            st.Link("linked-to", "SOMEONE UNLISTED"),
        ),
    )
    company = _designation(
        "test-list:2",
        "entity",
        "ACME",
        links=(st.Link("formerly-owned-or-controlled-by", "DOE, John", "test-list:1"),),
    )
    ship = _designation(
        "test-list:3", "vessel", "SHIP", links=(st.Link("linked-to", "BOAT", "test-list:4"),)
    )
    boat = _designation("test-list:4", "vessel", "BOAT")
    entities = _export(person, company, ship, boat)
    schemata = Counter(e["schema"] for e in entities.values())
    assert entities["test-list-2"]["schema"] == "Company"
    (ownership,) = (e["properties"] for e in entities.values() if e["schema"] == "Ownership")
    assert ownership["asset"] == ["test-list-2"]
    assert ownership["owner"] == ["test-list-1"]
    assert ownership["status"] == ["former"]
    assert ownership["role"] == ["formerly owned or controlled by"]
    assert schemata["Family"] == 0
    assert schemata["UnknownLink"] == 3
    (unlisted,) = (e for e in entities.values() if e["schema"] == "LegalEntity")
    assert unlisted["properties"]["name"] == ["SOMEONE UNLISTED"]
    assert unlisted["target"] is False
    (vessels,) = (
        e["properties"]
        for e in entities.values()
        if e["schema"] == "UnknownLink" and e["properties"]["subject"] == ["test-list-3"]
    )
    assert vessels["object"] == ["test-list-4"]


def test_linked_and_named_parties_come_along() -> None:
    """Exporting a vessel alone brings the designation it names as owner (with its own
    Sanction), so that Vessel.owner points at an entity of the export."""
    owner = _designation("test-list:1", "entity", "SHIPPING CO")
    vessel = _designation(
        "test-list:2",
        "vessel",
        "SHIP",
        vessel=st.VesselInfo(owner="Shipping Co", flag="Panama", tonnage="1,200"),
        identifiers=(st.Identifier("imo", "9187629"),),
    )
    entities = _export(owner, vessel, only=1)
    ship = entities["test-list-2"]["properties"]
    assert ship["owner"] == ["test-list-1"]
    assert ship["flag"] == ["pa"]
    assert ship["imoNumber"] == ["IMO9187629"]
    assert "tonnage: 1,200" in ship["notes"]
    assert "test-list-1-sanction" in entities


def test_documents_wallets_and_addresses() -> None:
    """A passport is a Passport (its number also on the person), a wallet a CryptoWallet
    (an address too long for an identifier, as Monero's, kept in its notes), one address
    shared by two parties is one Address entity, and a postal code too long for
    FollowTheMoney is kept in the party's notes."""
    address = st.Address(street="1 Main St", city="Tehran", country="IR")
    far = st.Address(city="Chaman", postal_code="Baluchistan Province 12345")
    person = _designation(
        "test-list:1",
        "individual",
        "DOE, John",
        addresses=(address,),
        identifiers=(
            st.Identifier("passport", "A123", country="IR", issued_on=st.PartialDate(2001)),
            st.Identifier("digital-currency-address", "4" + "8" * 94, note="XMR"),
        ),
    )
    company = _designation("test-list:2", "entity", "ACME", addresses=(address, far))
    entities = _export(person, company)
    (passport,) = (e["properties"] for e in entities.values() if e["schema"] == "Passport")
    assert passport["number"] == ["A123"]
    assert passport["country"] == ["ir"]
    assert passport["startDate"] == ["2001"]
    assert entities["test-list-1"]["properties"]["passportNumber"] == ["A123"]
    (wallet,) = (e["properties"] for e in entities.values() if e["schema"] == "CryptoWallet")
    assert wallet["currencySymbol"] == ["XMR"]
    assert "cryptoAddress" not in wallet
    assert "address: 4" + "8" * 94 in wallet["notes"]
    place, elsewhere = (e for e in entities.values() if e["schema"] == "Address")
    assert "postalCode" not in elsewhere["properties"]
    assert (
        "postal code: Baluchistan Province 12345" in entities["test-list-2"]["properties"]["notes"]
    )
    assert place["properties"]["full"] == ["1 Main St, Tehran, Iran"]
    assert entities["test-list-1"]["properties"]["addressEntity"] == [place["id"]]
    assert entities["test-list-2"]["properties"]["addressEntity"] == [place["id"], elsewhere["id"]]


def test_ids_are_derived_from_ours_and_stable(bundled: st.Tracker) -> None:
    """Entity ids are our ids made FollowTheMoney-safe; the bundled set exports with no
    problem and the same data gives the same entities; two records that would share an
    id are refused, not merged."""
    assert entity_id("us-ofac-sdn:27844") == "us-ofac-sdn-27844"
    assert entity_id("un-sc:QDi.001") == "un-sc-QDi.001"
    assert entity_id("CAATSA - RUSSIA") == "CAATSA---RUSSIA"
    entities = ftm_entities(bundled)
    assert ftm_problems(entities) == []
    assert ftm_entities(bundled) == entities
    clash = st.Tracker(
        designations=[_designation("a:b", "entity", "A"), _designation("a-b", "entity", "B")]
    )
    with pytest.raises(st.ReportError, match="entity id"):
        ftm_entities(clash)


def test_a_linked_partys_own_links_stay_out_unless_both_ends_are_exported() -> None:
    """Exporting A, which links to B, brings B; B's link to C (not exported) is left out
    rather than pointed at an entity that is not there or at a made-up one."""
    first = _designation(
        "test-list:1", "entity", "A", links=(st.Link("linked-to", "B", "test-list:2"),)
    )
    second = _designation(
        "test-list:2", "entity", "B", links=(st.Link("linked-to", "C", "test-list:3"),)
    )
    third = _designation("test-list:3", "entity", "C")
    entities = _export(first, second, third, only=0)
    assert {e["id"] for e in entities.values() if e["target"]} == {"test-list-1", "test-list-2"}
    (link,) = (e["properties"] for e in entities.values() if e["schema"] == "UnknownLink")
    assert (link["subject"], link["object"]) == (["test-list-1"], ["test-list-2"])
    assert not any(e["schema"] == "LegalEntity" for e in entities.values())
