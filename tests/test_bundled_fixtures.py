"""The bundled fixtures load cleanly and agree with the OFAC SDN snapshot they cite.

The SDN snapshot is read here on its own, with ``gzip`` and ``csv`` only, so a fault in
the library's own readers cannot hide a fault in the fixtures.
"""

from __future__ import annotations

import csv
import gzip
from pathlib import Path

import pytest

from sanctions_tracker.fixtures import FixtureSet, load_fixtures
from sanctions_tracker.records import Designation, PartyKind, Sector, Source

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "fixtures"
SDN_SNAPSHOT = REPO.parent / "shared" / "data" / "ofac-sdn" / "sdn-2024-05-03.csv.gz"
SDN_COLUMNS = 12
EMPTY = "-0-"

EO13876_UIDS = {
    "26951",
    "26952",
    "27844",
    "27845",
    "27846",
    "27847",
    "27848",
    "27849",
    "27850",
    "27851",
}


def _cell(value: str) -> str | None:
    text = value.strip()
    return None if text == EMPTY else text


@pytest.fixture(scope="module")
def bundled() -> FixtureSet:
    return load_fixtures([FIXTURES])


@pytest.fixture(scope="module")
def sdn_rows() -> dict[str, list[str]]:
    if not SDN_SNAPSHOT.is_file():
        pytest.skip(f"the SDN snapshot is not available at {SDN_SNAPSHOT}")
    rows: dict[str, list[str]] = {}
    with gzip.open(SDN_SNAPSHOT, "rt", encoding="utf-8", newline="") as handle:
        for row in csv.reader(handle):
            if len(row) >= SDN_COLUMNS:  # the file ends with a lone EOF (0x1a) line
                rows[row[0].strip()] = row
    return rows


def _sdn_designations(fixture_set: FixtureSet) -> list[Designation]:
    return [d for d in fixture_set.designations if d.list_id == "us-ofac-sdn"]


def _uid(designation: Designation) -> str:
    prefix, _, uid = designation.id.partition(":")
    assert prefix == "us-ofac-sdn", designation.id
    return uid


def test_bundled_fixtures_load(bundled: FixtureSet) -> None:
    """The bundled folder loads without a FixtureError and holds every section."""
    counts = bundled.counts()
    assert all(counts[section] > 0 for section in counts), counts


def test_sdn_designations_match_the_snapshot(
    bundled: FixtureSet, sdn_rows: dict[str, list[str]]
) -> None:
    """Each us-ofac-sdn designation has the SDN list's name, programs, party kind and remarks."""
    designations = _sdn_designations(bundled)
    assert designations
    for designation in designations:
        uid = _uid(designation)
        assert uid in sdn_rows, f"{designation.id}: not in the SDN snapshot"
        row = sdn_rows[uid]
        assert designation.name == row[1].strip(), designation.id
        assert list(designation.programs) == [p.strip() for p in row[3].split("] [")], uid
        kind = PartyKind.INDIVIDUAL if _cell(row[2]) == "individual" else PartyKind.ENTITY
        assert designation.party.kind is kind, designation.id
        assert designation.party.remarks == _cell(row[11]), designation.id


def test_weak_aliases_come_from_the_remarks(
    bundled: FixtureSet, sdn_rows: dict[str, list[str]]
) -> None:
    """Every alias of an SDN designation is a quoted a.k.a. of its remarks, in order, and weak."""
    for designation in _sdn_designations(bundled):
        remarks = _cell(sdn_rows[_uid(designation)][11]) or ""
        position = 0
        for alias in designation.party.aliases:
            assert alias.weak, (designation.id, alias.full)
            found = remarks.find(f"a.k.a. '{alias.full}'", position)
            assert found >= 0, (designation.id, alias.full)
            position = found + 1
        assert len(designation.party.aliases) == remarks.count("a.k.a. '"), designation.id


def test_eo13876_action_holds_exactly_the_ten(bundled: FixtureSet) -> None:
    """The 4 Nov 2019 action lists exactly the ten IRAN-EO13876 records of FACTS."""
    actions = [a for a in bundled.actions if a.id == "us-treasury-2019-11-04-eo13876"]
    assert len(actions) == 1
    action = actions[0]
    assert str(action.taken_on) == "2019-11-04"
    assert action.programs == ("IRAN-EO13876",)
    assert {d.partition(":")[2] for d in action.designations} == EO13876_UIDS
    assert len(action.designations) == len(EO13876_UIDS)
    by_id = {d.id: d for d in bundled.designations}
    for designation_id in action.designations:
        assert "IRAN-EO13876" in by_id[designation_id].programs, designation_id


def test_every_record_cites_an_existing_source(bundled: FixtureSet) -> None:
    """Every record but sources and sectors cites at least one source, and each one exists."""
    source_ids = {s.id for s in bundled.sources}
    checked = 0
    for record in bundled.records():
        if isinstance(record, Source | Sector):
            continue
        assert record.sources, record.id
        missing = [s for s in record.sources if s not in source_ids]
        assert not missing, (record.id, missing)
        checked += 1
    assert checked > 0


def test_taxonomy_puts_steel_in_metals_in_industry(bundled: FixtureSet) -> None:
    """The sector taxonomy has steel under metals, metals under industry, industry a root."""
    parents = {s.id: s.parent for s in bundled.sectors}
    assert parents["steel"] == "metals"
    assert parents["metals"] == "industry"
    assert parents["industry"] is None
