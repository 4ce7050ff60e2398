"""The countries and birth years the screening benchmarks read from a person's own record
(issue 12): the parsing helpers of benchmarks/screening_cases.py and
benchmarks/screening_pool.py, on the real list files in ../shared/data.

The benchmarks are scripts, not a package: they are imported from their folder here."""

from __future__ import annotations

import csv
import gzip
import importlib
import io
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from conftest import SHARED_DATA

pytest.importorskip("openpyxl", reason="the bench extra reads DFAT's workbook")
BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"
pytestmark = pytest.mark.skipif(
    not (SHARED_DATA / "us-csl").exists(), reason="../shared/data is not present"
)


def _benchmark(name: str) -> ModuleType:
    if str(BENCHMARKS) not in sys.path:
        sys.path.insert(0, str(BENCHMARKS))
    return importlib.import_module(name)


@pytest.fixture(scope="module")
def cases() -> ModuleType:
    return _benchmark("screening_cases")


@pytest.fixture(scope="module")
def pool() -> ModuleType:
    return _benchmark("screening_pool")


@pytest.fixture(scope="module")
def facts(pool: ModuleType) -> Any:
    return pool.facts()


def _csl_row(name: str, source: str) -> dict[str, str]:
    path = SHARED_DATA / "us-csl" / "consolidated_screening_list.csv.gz"
    with gzip.open(path, "rt", encoding="utf-8", errors="replace") as handle:
        for row in csv.DictReader(handle):
            if row["name"] == name and (row["source"] or "").startswith(source):
                return row
    raise AssertionError(name)


def test_a_cell_of_several_countries_gives_each(cases: ModuleType) -> None:
    """A cell that gives several countries, by name, nationality or code, gives each; one
    that reads as one country (with a comma in its name) gives that one; a text that names
    none gives nothing."""
    assert cases.country_cell("(1) Somali (2) Swedish") == {"SO", "SE"}  # UK ConList
    assert cases.country_cell("Russia, Ukraine") == {"RU", "UA"}  # DFAT Citizenship
    assert cases.country_cell("Burma / Birmanie") == {"MM"}  # Canada, in two languages
    assert cases.country_cell("fr;lb;sa") == {"FR", "LB", "SA"}  # Wikidata countries
    assert cases.country_cell("Korea, North") == {"KP"}
    assert cases.country_cell("Iranian (Iranian citizenship)") == {"IR"}
    assert cases.country_cell("In Syria as at June 2013") == frozenset()
    assert cases.country_cell("") == frozenset()


def test_an_address_gives_the_country_it_ends_with(cases: ModuleType) -> None:
    """An address written out gives the country of its last part (a code, a name, UAE),
    and none when it ends with a ZIP code or a city."""
    assert cases.address_country("Flat No. 41 Block No 24 Macroyan 3, Kabul, AF") == "AF"
    assert cases.address_country("P.O. Box 155904, Dubai, UAE") == "AE"
    assert cases.address_country("Donetsk, Ukraine") == "UA"
    assert cases.address_country("3415 RIVERA AVENUE, EL PASO, TX, 79905") is None
    assert cases.address_country("Jabaliya") is None


def test_a_csl_row_gives_its_addresses_and_nationalities(cases: ModuleType) -> None:
    """A row of the Consolidated Screening List gives the country of each of its addresses
    (Kabul and Peshawar: AF, PK) and its citizenships and nationalities (the SDN row of
    Abdullah Ahmed ABDULLAH: citizen of Egypt, address in Afghanistan); the ITAR rows give
    none."""
    assert cases.csl_countries(_csl_row("Abdul Satar Ghoura", "Entity List")) == {"AF", "PK"}
    sdn = _csl_row("ABDULLAH, Abdullah Ahmed", "Specially Designated")
    assert cases.csl_countries(sdn) == {"EG", "AF"}
    path = SHARED_DATA / "us-csl" / "consolidated_screening_list.csv.gz"
    with gzip.open(path, "rt", encoding="utf-8", errors="replace") as handle:
        itar = [r for r in csv.DictReader(handle) if (r["source"] or "").startswith("ITAR")]
    assert itar
    assert all(cases.csl_countries(row) == frozenset() for row in itar)


def test_real_unlisted_people_carry_their_records_countries(cases: ModuleType) -> None:
    """The Denied Persons List gives a person the Country of each of their rows (ALI M
    HIJAZI: Geneva, Haute Savoie, Tripoli), Wikidata its countries column (Saad Hariri),
    the PLC list none; the countries change neither who is in nor which half a name is."""
    people = {person.name: person for person in cases.not_listed(set(), {})}
    assert people["ALI M HIJAZI"].countries == {"CH", "FR", "LY"}
    assert people["Saad Hariri"].countries == {"FR", "LB", "SA"}
    plc = [person for person in people.values() if person.origin == "plc"]
    assert plc
    assert all(not person.countries for person in plc)
    for person in people.values():
        bare = cases.Person(person.name, person.origin, person.party)
        assert bare.test == person.test


def test_real_unlisted_people_carry_their_records_birth_years(cases: ModuleType) -> None:
    """Wikidata's birth_date (Saad Hariri, 1970-04-18) and the CSL's dates_of_birth give a
    real unlisted person their birth years; the Denied Persons List gives none; the years
    change neither who is in nor which half a name is."""
    assert cases.birth_years("1970-04-18") == {1970}
    assert cases.birth_years("1962; circa 1965") == {1962, 1965}
    assert cases.birth_years("No. 1234") == frozenset()
    people = {person.name: person for person in cases.not_listed(set(), {})}
    assert people["Saad Hariri"].years == {1970}
    assert all(not person.years for person in people.values() if person.origin == "dpl")
    plc = [person for person in people.values() if person.origin == "plc"]
    assert sum(1 for person in plc if person.years) > len(plc) // 2
    for person in people.values():
        bare = cases.Person(person.name, person.origin, person.party, person.countries)
        assert bare.test == person.test


def test_eu_seco_uk_and_dfat_entities_get_their_countries(facts: Any) -> None:
    """The EU's citizenship (1.1 and legacy files: Saddam Hussein, entity 13, Iraq), SECO's
    nationality (Zamulevich: BY), the UK's Nationality and Country columns and DFAT's
    Citizenship and addresses reach the pool by the keys of screening_cases."""
    assert facts.countries[("eu", "13")] == {"IQ"}
    assert facts.countries[("eu", "legacy-13")] == {"IQ"}
    assert facts.countries[("seco", "85396")] == {"BY"}
    assert facts.countries[("seco", "52941")] == {"RU"}
    assert facts.years[("seco", "85396")] == {1974}
    text = gzip.decompress((SHARED_DATA / "uk-ofsi" / "ConList_2018-04-13.csv.gz").read_bytes())
    reader = csv.reader(io.StringIO(text.decode("latin-1")))
    next(reader)
    header = next(reader)
    index = {name: number for number, name in enumerate(header)}
    somali = next(
        row
        for row in reader
        if len(row) >= len(header) and row[index["Nationality"]] == "(1) Somali (2) Swedish"
    )
    assert {"SO", "SE"} <= facts.countries[("uk", somali[index["Group ID"]])]
    dfat = [key for key in facts.countries if key[0] == "dfat"]
    assert len(dfat) > 1000
    assert any(facts.countries[key] >= {"RU", "UA"} for key in dfat)


def test_canada_and_opensanctions_countries(pool: ModuleType) -> None:
    """Canada's records give the country of the regulations they are listed under (Burma,
    in English and French); OpenSanctions entities their country, nationality and
    citizenship properties, in upper case."""
    assert pool.canada_countries("Burma / Birmanie") == {"MM"}
    assert pool.canada_countries("Syria / Syrie") == {"SY"}
    found = pool.ftm_countries()
    assert found["NK-2GdmHtZTeNXjNVrBGEXZNj"] == {"BY"}
    assert all(code.isupper() and len(code) == 2 for codes in found.values() for code in codes)
