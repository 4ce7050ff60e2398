"""Sector look-up on the real lists: coverage, the flagship entities, every format."""

from __future__ import annotations

import csv
import gzip
import re
from pathlib import Path

import pytest

import sanctions_tracker as st
from conftest import SHARED_DATA
from sanctions_tracker.sectors import isic_table

SDN = SHARED_DATA / "ofac-sdn" / "sdn-2024-05-03.csv.gz"
COMPANIONS = SHARED_DATA / "ofac-csv-companions"
UN = SHARED_DATA / "un-consolidated" / "consolidated_2025-11-20.xml.gz"
CSL = SHARED_DATA / "us-csl" / "consolidated_screening_list.csv.gz"

pytestmark = pytest.mark.skipif(not SDN.exists(), reason="../shared/data is not present")


def _rows(path: Path) -> dict[str, list[str]]:
    """The SDN rows by ent_num, read with the csv module alone."""
    with gzip.open(path, "rt", encoding="utf-8", newline="") as handle:
        return {row[0]: row for row in csv.reader(handle) if row and row != ["\x1a"]}


def _comments() -> dict[str, str]:
    found: dict[str, str] = {}
    with (COMPANIONS / "sdn_comments.csv").open(encoding="utf-8", errors="replace") as handle:
        for row in csv.reader(handle):
            if len(row) > 1:
                found[row[0]] = found.get(row[0], "") + row[1]
    return found


@pytest.fixture(scope="module")
def sdn() -> st.Tracker:
    """The SDN list of 2024-05-03 with its companions and the bundled fixtures."""
    return st.load(
        SDN, COMPANIONS / "alt.csv.gz", COMPANIONS / "add.csv.gz", COMPANIONS / "sdn_comments.csv"
    )


def test_seventy_percent_of_non_individuals_have_a_sector(sdn: st.Tracker) -> None:
    """At least 70 % of the list's entities, vessels and aircraft are in a sector, and the
    coverage report counts them as a plain parse of the file does."""
    rows = _rows(SDN)
    organizations = {uid for uid, row in rows.items() if row[2].strip() != "individual"}
    placed = {
        d.id.split(":")[1] for d in sdn.designations(list_id="us-ofac-sdn") if d.sectors
    } & organizations
    assert len(placed) / len(organizations) >= 0.70
    (coverage,) = [c for c in sdn.sector_coverage() if c.list_id == "us-ofac-sdn"]
    assert (coverage.designations, coverage.organizations) == (len(rows), len(organizations))
    assert coverage.organizations_placed == len(placed)


@pytest.mark.parametrize(
    ("uid", "sector", "stated"),
    [
        ("17018", "financial", True),  # Sberbank of Russia: SWIFT/BIC, Directive 1
        ("37503", "steel", False),  # Severstal: its name
        ("37998", "steel", False),  # Magnitogorsk Iron & Steel Works (MMK): an alias
        ("47683", "steel", False),  # Mechel: the alias MECHEL STEEL GROUP OAO
        ("12927", "aviation", True),  # Mahan Air: the aircraft it operates
        ("34741", "shipping", True),  # Sovcomflot: the vessels linked to it
        ("34644", "mining", True),  # ALROSA: a curated placement (diamonds)
        ("17260", "defense", True),  # Rostec: E.O. 13662 Directive 3
    ],
)
def test_flagship_entities(sdn: st.Tracker, uid: str, sector: str, *, stated: bool) -> None:
    """The flagship entities are where an analyst expects them; the stated ones stay there
    when inferred placements are left out."""
    designation_id = f"us-ofac-sdn:{uid}"
    assert designation_id in {d.id for d in sdn.designations(sector=sector)}
    without = {d.id for d in sdn.designations(sector=sector, inferred=False)}
    assert (designation_id in without) is stated


def test_every_organization_type_is_an_isic_title(sdn: st.Tracker) -> None:
    """Each "Organization Type:" of the list (a plain parse) is found in the ISIC table, and
    each designation with one is placed by it (unless its class is in no sector)."""
    rows, comments = _rows(SDN), _comments()
    pattern = re.compile(r"Organization Type: ([^;]+?)\s*(?:;|$)")
    types: dict[str, str] = {}
    for uid, row in rows.items():
        for match in pattern.finditer(row[11].strip() + comments.get(uid, "")):
            types[uid] = match.group(1).rstrip(".")
    assert len(types) > 450
    table = isic_table()
    assert [t for t in set(types.values()) if table.find(t) is None] == []
    for uid, organization_type in types.items():
        designation = sdn.get(f"us-ofac-sdn:{uid}")
        assert isinstance(designation, st.Designation)
        found = table.find(organization_type)
        assert found is not None
        bases = {a.basis for a in designation.sectors}
        if sdn.taxonomy.for_isic(table.path(found.code)):
            assert st.SectorBasis.ORGANIZATION_TYPE in bases, uid


def test_vessels_aircraft_and_swift_codes(sdn: st.Tracker) -> None:
    """Every vessel is in shipping, every aircraft in aviation, every holder of a SWIFT/BIC
    code in financial, and none of these placements is inferred."""
    rows = _rows(SDN)
    for kind, sector in (("vessel", "shipping"), ("aircraft", "aviation")):
        uids = {uid for uid, row in rows.items() if row[2].strip() == kind}
        found = {d.id.split(":")[1] for d in sdn.designations(sector=sector, inferred=False)}
        assert uids
        assert uids <= found
    swift = {uid for uid, row in rows.items() if "SWIFT/BIC" in row[11]}
    financial = {d.id.split(":")[1] for d in sdn.designations(sector="financial", inferred=False)}
    assert swift
    assert swift <= financial


def test_a_program_of_several_sectors_places_no_one_in_all_of_them(sdn: st.Tracker) -> None:
    """IFCA reaches energy, shipping, shipbuilding and metals: its designations get none of
    them from it; E.O. 13846 neither (another program of theirs may place them)."""
    for program in ("IFCA", "IRAN-EO13846"):
        designations = sdn.designations(program=program)
        assert designations
        for designation in designations:
            reasons = [a.reason for a in designation.sectors if a.basis is st.SectorBasis.PROGRAM]
            assert not [r for r in reasons if f"program {program} " in r or f"{program}:" in r]


def test_the_un_list_is_read_the_same_way() -> None:
    """UN entities get sectors from their names (banks, shipping companies)."""
    tracker = st.load(UN)
    (coverage,) = [c for c in tracker.sector_coverage() if c.list_id == "un-sc"]
    assert coverage.organizations_placed > 100
    banks = {d.name for d in tracker.designations(sector="banking", list_id="un-sc")}
    assert "KOREA DAESONG BANK" in banks
    shipping = {d.name for d in tracker.designations(sector="shipping", list_id="un-sc")}
    assert any("SHIPPING" in name for name in shipping)


def test_the_consolidated_screening_list_is_read_the_same_way() -> None:
    """CSL rows get sectors from their determinations, programs and names."""
    tracker = st.load(CSL)
    coverage = {c.list_id: c for c in tracker.sector_coverage()}
    assert coverage["us-ofac-cons"].organizations_placed > 300
    assert coverage["us-bis-meu"].placed == coverage["us-bis-meu"].designations
    assert coverage["us-bis-entity-list"].placed > 100
