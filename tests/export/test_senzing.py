"""The Senzing export: one record per designation, in the entity specification's words."""

from __future__ import annotations

import csv
import gzip
import json
from typing import Any

import pytest

import sanctions_tracker as st
from conftest import SHARED_DATA
from sanctions_tracker.export import senzing_records
from sanctions_tracker.export._senzing import RELATIONSHIP_DOMAIN, data_source

SENZING_ATTRIBUTES = frozenset(
    {
        "DATA_SOURCE",
        "RECORD_ID",
        "RECORD_TYPE",
        "NAME_TYPE",
        "NAME_FULL",
        "NAME_ORG",
        "GENDER",
        "DATE_OF_BIRTH",
        "REGISTRATION_DATE",
        "REGISTRATION_COUNTRY",
        "PLACE_OF_BIRTH",
        "NATIONALITY",
        "CITIZENSHIP",
        "ADDR_FULL",
        "ADDR_COUNTRY",
        "PASSPORT_NUMBER",
        "PASSPORT_COUNTRY",
        "NATIONAL_ID_NUMBER",
        "NATIONAL_ID_COUNTRY",
        "NATIONAL_ID_TYPE",
        "TAX_ID_NUMBER",
        "TAX_ID_COUNTRY",
        "TAX_ID_TYPE",
        "SSN_NUMBER",
        "DRIVERS_LICENSE_NUMBER",
        "DRIVERS_LICENSE_STATE",
        "LEI_NUMBER",
        "DUNS_NUMBER",
        "OTHER_ID_TYPE",
        "OTHER_ID_NUMBER",
        "OTHER_ID_COUNTRY",
        "WEBSITE_ADDRESS",
        "EMAIL_ADDRESS",
        "PHONE_NUMBER",
        "PHONE_TYPE",
        "REL_ANCHOR_DOMAIN",
        "REL_ANCHOR_KEY",
        "REL_POINTER_DOMAIN",
        "REL_POINTER_KEY",
        "REL_POINTER_ROLE",
        "GROUP_ASSOCIATION_TYPE",
        "GROUP_ASSOCIATION_ORG_NAME",
    }
)
"""Attribute names of Senzing's entity specification that the export may use, as
Senzing's own JSON type definitions (the senzing-typedef package) spell them."""

PAYLOAD = frozenset(
    {"LIST_ID", "LIST_KEY", "PROGRAMS", "STATUS", "LISTED_ON", "DELISTED_ON", "VESSEL_FLAG", "URL"}
)
"""What the export adds for people reading a match: Senzing keeps it, resolves nothing on it."""


@pytest.fixture(scope="module")
def sdn_records(sdn_tracker: st.Tracker) -> list[dict[str, Any]]:
    """The Senzing export of the SDN list with its companions."""
    return senzing_records(sdn_tracker, sdn_tracker.designations(list_id="us-ofac-sdn"))


def _attributes(record: dict[str, Any]) -> set[str]:
    found: set[str] = set()
    for key, value in record.items():
        if isinstance(value, list):
            found.update(k for item in value for k in item)
        else:
            found.add(key)
    return found


def test_sdn_records_match_the_list(sdn_records: list[dict[str, Any]]) -> None:
    """One record per row of sdn.csv (read plainly here), with the row's ent_num, its
    name as the one primary name, a record type from its SDN_Type, and a passport
    number for each passport the remarks name."""
    path = SHARED_DATA / "ofac-sdn" / "sdn-2024-05-03.csv.gz"
    with gzip.open(path, "rt", encoding="utf-8", errors="replace") as handle:
        rows = [row for row in csv.reader(handle) if row and row[0] != "\x1a"]
    assert len(sdn_records) == len(rows)
    by_id = {r["RECORD_ID"]: r for r in sdn_records}
    for row in rows:
        record = by_id[f"us-ofac-sdn:{row[0]}"]
        assert record["DATA_SOURCE"] == "US_OFAC_SDN"
        (primary,) = (n for n in record["NAMES"] if n["NAME_TYPE"] == "PRIMARY")
        assert row[1] in primary.values()
        expected = {"individual": "PERSON", "-0-": "ORGANIZATION"}.get(row[2].strip())
        assert record.get("RECORD_TYPE") == expected
    passports = sum(row[11].count("Passport") for row in rows)
    assert (
        sum(1 for r in sdn_records for i in r.get("IDENTIFIERS", []) if "PASSPORT_NUMBER" in i)
        == passports
    )


def test_sdn_records_speak_senzing(sdn_records: list[dict[str, Any]]) -> None:
    """Every attribute is one of Senzing's entity specification or a payload attribute,
    every group name is one OpenSanctions' Senzing export uses too, and every value is
    text."""
    sample = SHARED_DATA / "opensanctions-ftm" / "wd_persons_20240310" / "senzing.json"
    theirs = {
        key
        for line in sample.read_text(encoding="utf-8").splitlines()
        for key, value in json.loads(line).items()
        if isinstance(value, list)
    }
    for record in sdn_records:
        assert _attributes(record) <= SENZING_ATTRIBUTES | PAYLOAD, record["RECORD_ID"]
        groups = {k for k, v in record.items() if isinstance(v, list)}
        assert groups <= theirs | {"NAMES"}
        for value in record.values():
            items = value if isinstance(value, list) else [{"": value}]
            assert all(isinstance(v, str) and v for item in items for v in item.values())


def test_sdn_relationships_point_at_anchored_records(sdn_records: list[dict[str, Any]]) -> None:
    """Each relationship points at a record of the file that anchors the same key; a
    'Linked To:' name no record of the file has is a group association instead."""
    anchors = {
        item["REL_ANCHOR_KEY"]
        for r in sdn_records
        for item in r.get("RELATIONSHIPS", [])
        if "REL_ANCHOR_KEY" in item
    }
    ids = {r["RECORD_ID"] for r in sdn_records}
    pointers = [
        item
        for r in sdn_records
        for item in r.get("RELATIONSHIPS", [])
        if "REL_POINTER_KEY" in item
    ]
    assert pointers
    for pointer in pointers:
        assert pointer["REL_POINTER_DOMAIN"] == RELATIONSHIP_DOMAIN
        assert pointer["REL_POINTER_KEY"] in anchors & ids
    unnamed = sum(
        1
        for r in sdn_records
        for item in r.get("RELATIONSHIPS", [])
        if item.get("GROUP_ASSOCIATION_TYPE") == "LINKED_TO"
    )
    assert unnamed > 0


def test_small_record(bundled: st.Tracker) -> None:
    """A person's record: full names, gender as M or F, dates of birth as written,
    nationality as an ISO code, the listing as payload; ``source`` renames the data
    source of every record."""
    raisi = bundled.get("us-ofac-sdn:27844")
    assert isinstance(raisi, st.Designation)
    (record,) = senzing_records(bundled, [raisi], source="SANCTIONS")
    assert record["DATA_SOURCE"] == "SANCTIONS"
    assert record["RECORD_TYPE"] == "PERSON"
    assert record["NAMES"][0] == {"NAME_TYPE": "PRIMARY", "NAME_FULL": "RAISI, Ebrahim"}
    assert record["GENDER"] == "M"
    assert record["DATES"] == [
        {"DATE_OF_BIRTH": "1960-12-14"},
        {"DATE_OF_BIRTH": "1960-11"},
        {"DATE_OF_BIRTH": "1960-12"},
    ]
    assert record["COUNTRIES"] == [{"NATIONALITY": "IR"}]
    assert record["PROGRAMS"] == "IRAN-EO13876"
    assert record["LISTED_ON"] == "2019-11-04"
    assert data_source("us-bis-entity-list") == "US_BIS_ENTITY_LIST"
