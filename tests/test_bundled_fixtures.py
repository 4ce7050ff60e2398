"""The bundled fixtures load cleanly and agree with the OFAC SDN snapshot they cite.

The SDN snapshot is read here on its own, with ``gzip`` and ``csv`` only, so a fault in
the library's own readers cannot hide a fault in the fixtures.
"""

from __future__ import annotations

import csv
import gzip
import html
import re
import xml.etree.ElementTree as ET  # only to read the UN's own list files, trusted here
import zipfile
from collections import Counter
from pathlib import Path

import pytest

from sanctions_tracker.countries import country_name
from sanctions_tracker.fixtures import FixtureSet, load_fixtures
from sanctions_tracker.records import (
    Authority,
    Designation,
    PartyKind,
    Program,
    Sector,
    Source,
)
from sanctions_tracker.sources.un_xml import REGIMES

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "fixtures"
DATA = REPO.parent / "shared" / "data"
SDN_SNAPSHOT = DATA / "ofac-sdn" / "sdn-2024-05-03.csv.gz"
CONSOLIDATED = DATA / "ofac-consolidated" / "cons_prim.csv"
ENHANCED_XML = DATA / "ofac-consolidated" / "CONS_ENHANCED.ZIP"
UN_LISTS = {
    "2020-03-20": DATA / "un-consolidated" / "consolidated_2020-03-20.xml.gz",
    "2025-11-20": DATA / "un-consolidated" / "consolidated_2025-11-20.xml.gz",
}
# A reference value of the enhanced XML: <referenceValue refId=".."><type>T</type><value>V</value>
REFERENCE_VALUE = re.compile(
    r"<referenceValue refId=\"\d+\">\s*<type>([^<]*)</type>\s*<value>([^<]*)</value>"
)
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


# Programs that target no one country: thematic ones (terrorism, narcotics, cyber,
# human rights and corruption worldwide, hostage-taking, Hizballah's finances) and the
# regional Western Balkans ones. Every other program names the country it targets.
NO_COUNTRY = {
    "SDGT",
    "FTO",
    "NPWMD",
    "ELECTION-EO13848",
    "SDNTK",
    "GLOMAG",
    "CYBER2",
    "TCO",
    "ILLICIT-DRUGS-EO14059",
    "ILLICIT-DRUGS-EO",
    "HOSTAGES-EO14078",
    "HIFPAA",
    "BALKANS",
    "BALKANS-EO14033",
    "UN-AL-QAIDA",
    # The programs of the BIS and State lists of the Consolidated Screening List: lists
    # of parties of any country, under export-control and nonproliferation law.
    "US-BIS-ENTITY-LIST",
    "US-BIS-DPL",
    "US-BIS-UVL",
    "US-BIS-MEU",
    "US-STATE-ISN",
    "US-STATE-DTC",
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


def _tag_counts(rows: list[list[str]]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for row in rows:
        counts.update(tag.strip() for tag in row[3].split("] ["))
    return counts


def _csv_rows(path: Path) -> list[list[str]]:
    if not path.is_file():
        pytest.skip(f"the list file is not available at {path}")
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8", errors="replace", newline="") as handle:
        return [row for row in csv.reader(handle) if len(row) >= SDN_COLUMNS]


@pytest.fixture(scope="module")
def sdn_tags() -> Counter[str]:
    return _tag_counts(_csv_rows(SDN_SNAPSHOT))


@pytest.fixture(scope="module")
def consolidated_tags() -> Counter[str]:
    return _tag_counts(_csv_rows(CONSOLIDATED))


@pytest.fixture(scope="module")
def enhanced_reference_values() -> dict[str, set[str]]:
    """The enhanced Consolidated XML's reference values by type (PROGRAM, LEGAL AUTHORITY)."""
    if not ENHANCED_XML.is_file():
        pytest.skip(f"the enhanced XML is not available at {ENHANCED_XML}")
    with zipfile.ZipFile(ENHANCED_XML) as archive:
        text = archive.read("CONS_ENHANCED.XML").decode("utf-8")
    values: dict[str, set[str]] = {}
    for kind, value in REFERENCE_VALUE.findall(text):
        values.setdefault(html.unescape(kind), set()).add(html.unescape(value))
    return values


def _programs(bundled: FixtureSet) -> dict[str, Program]:
    return {p.id: p for p in bundled.programs}


def _assert_described(programs: dict[str, Program], tags: set[str]) -> None:
    assert tags
    missing = sorted(tags - programs.keys())
    assert not missing, f"program tags with no bundled record: {missing}"
    for tag in sorted(tags):
        program = programs[tag]
        assert program.name.strip(), f"{tag}: no name"
        assert program.name != tag, f"{tag}: no readable name, only the tag"
        assert program.description, f"{tag}: no description"
        if tag in NO_COUNTRY:
            assert program.country is None, tag
        else:
            assert program.country is not None, f"{tag}: no country"
            assert country_name(program.country) != program.country, (tag, program.country)


def test_every_tag_of_the_sdn_list_and_the_consolidated_list_is_described(
    bundled: FixtureSet, sdn_tags: Counter[str], consolidated_tags: Counter[str]
) -> None:
    """Every program tag on the SDN list of 2024-05-03 and on cons_prim.csv has a record.

    Each has a readable name (not just the tag), a description, and a known country
    unless it is one of the thematic or regional programs of NO_COUNTRY, which have none.
    """
    _assert_described(_programs(bundled), set(sdn_tags) | set(consolidated_tags))


def test_every_tag_of_the_older_snapshots_and_the_enhanced_xml_is_described(
    bundled: FixtureSet, enhanced_reference_values: dict[str, set[str]]
) -> None:
    """The tags of the older SDN snapshots and of the enhanced XML's program list have records.

    These include tags no longer in use (ZIMBABWE, BURUNDI, PEESA, the first forms
    BELARUS-EO and ILLICIT-DRUGS-EO), so that older lists read as well as the current one.
    """
    tags = set(enhanced_reference_values["PROGRAM"])
    for snapshot in sorted((DATA / "ofac-sdn").glob("sdn-*.csv.gz")):
        tags |= set(_tag_counts(_csv_rows(snapshot)))
    _assert_described(_programs(bundled), tags)


def test_no_country_lists_only_programs_without_a_country(bundled: FixtureSet) -> None:
    """A bundled program has no country exactly when it is in NO_COUNTRY."""
    assert {p.id for p in bundled.programs if p.country is None} == NO_COUNTRY


def test_every_authority_a_program_refers_to_exists(bundled: FixtureSet) -> None:
    """A program's authorities, and its sector reaches' authorities, are bundled authorities."""
    authorities = {a.id for a in bundled.authorities}
    for program in bundled.programs:
        referred = [*program.authorities, *(r.authority for r in program.sectors if r.authority)]
        missing = [a for a in referred if a not in authorities]
        assert not missing, (program.id, missing)


def test_a_tag_that_names_an_order_rests_on_that_order(bundled: FixtureSet) -> None:
    """A tag like UKRAINE-EO13662 or BPI-SUDAN-14098 lists that order among its authorities."""
    checked = set()
    for program in bundled.programs:
        found = re.search(r"(?:-EO|-)(1\d{4})$", program.id)
        if found:
            assert f"us-eo-{found.group(1)}" in program.authorities, program.id
            checked.add(program.id)
    assert {"UKRAINE-EO13662", "BPI-SUDAN-14098", "RUSSIA-EO14024", "IRAN-EO13871"} <= checked


def test_counts_cited_as_verified_match_the_sdn_list(
    bundled: FixtureSet, sdn_tags: Counter[str]
) -> None:
    """Where a program says its tag is on N entries of the 2024-05-03 list, N is right."""
    pattern = re.compile(
        r"^verified against OFAC's SDN list of 2024-05-03: the tag is on (\d+) entr(?:y|ies)$"
    )
    checked = 0
    for program in bundled.programs:
        for statement in program.verification.verified:
            found = pattern.match(statement)
            if found:
                assert int(found.group(1)) == sdn_tags[program.id], (program.id, statement)
                checked += 1
    assert checked >= len(sdn_tags)


def test_legal_authorities_cited_from_the_enhanced_xml_are_in_it(
    bundled: FixtureSet, enhanced_reference_values: dict[str, set[str]]
) -> None:
    """Every 'lists 'X' among its legal authorities' statement quotes a value of the XML."""
    listed = enhanced_reference_values["LEGAL AUTHORITY"]
    claim = re.compile(r" lists '(.+)' among its legal authorities$")
    checked = 0
    records: list[Program | Authority] = [*bundled.programs, *bundled.authorities]
    for record in records:
        for statement in record.verification.verified:
            found = claim.search(statement)
            if found:
                for value in re.split(r"', '|' and '", found.group(1)):
                    assert value in listed, (record.id, value)
                    checked += 1
    assert checked > 0


@pytest.fixture(scope="module")
def un_lists() -> dict[str, str]:
    """The text of each UN list file, its white space made single spaces."""
    if not all(path.is_file() for path in UN_LISTS.values()):
        pytest.skip("the UN list files are not available")
    return {
        day: " ".join(gzip.decompress(path.read_bytes()).decode("utf-8").split())
        for day, path in UN_LISTS.items()
    }


def _un_regimes(text: str) -> Counter[str]:
    root = ET.fromstring(text)  # noqa: S314 - the UN's own list file, trusted here
    return Counter(
        (entry.findtext("UN_LIST_TYPE") or "").strip()
        for entry in [*root.iter("INDIVIDUAL"), *root.iter("ENTITY")]
    )


def test_every_un_regime_is_described(bundled: FixtureSet, un_lists: dict[str, str]) -> None:
    """Every UN_LIST_TYPE of both UN list files has a program record (id from
    sources.un_xml.REGIMES): a name, a description, a country unless it is thematic
    (UN-AL-QAIDA), and authorities that are Security Council resolutions."""
    regimes = set().union(*(_un_regimes(text) for text in un_lists.values()))
    assert regimes <= set(REGIMES)
    tags = {REGIMES[regime] for regime in regimes}
    programs = _programs(bundled)
    _assert_described(programs, tags)
    authorities = {a.id: a for a in bundled.authorities}
    for tag in tags:
        assert programs[tag].authorities, tag
        assert all(authorities[a].code.startswith("S/RES/") for a in programs[tag].authorities)


def test_un_counts_and_quotes_cited_as_verified_are_in_the_files(
    bundled: FixtureSet, un_lists: dict[str, str]
) -> None:
    """'the regime code X is on N entries of the UN list of D and M of E' states the
    files' counts; 'the UN list(s) of D (and E) say 'Q'' quotes text in each file named."""
    counts = {day: _un_regimes(text) for day, text in un_lists.items()}
    count_claim = re.compile(
        r"^verified against the UN Security Council Consolidated Lists of 2020-03-20 and "
        r"2025-11-20: the regime code '(.+)' is on (\d+) entries of the UN list of 2020-03-20 "
        r"and (\d+) of 2025-11-20"
    )
    quote_claim = re.compile(
        r"^verified against the UN Security Council Consolidated Lists? of (.+?): "
        r"(?:they say|it says) '(.+?)'"
    )
    checked = quoted = 0
    records: list[Program | Authority] = [*bundled.programs, *bundled.authorities]
    for record in records:
        for statement in record.verification.verified:
            found = count_claim.match(statement)
            if found:
                regime = found.group(1)
                assert isinstance(record, Program)
                assert REGIMES[regime] == record.id
                assert int(found.group(2)) == counts["2020-03-20"][regime], statement
                assert int(found.group(3)) == counts["2025-11-20"][regime], statement
                checked += 1
            said = quote_claim.match(statement)
            if said:
                for day in re.findall(r"\d{4}-\d{2}-\d{2}", said.group(1)):
                    assert said.group(2) in un_lists[day], (record.id, day, statement)
                quoted += 1
    assert checked == len(set().union(*counts.values()))
    assert quoted >= 9
