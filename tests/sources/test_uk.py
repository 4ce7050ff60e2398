"""The UK's lists: the UK Sanctions List XML (FCDO) excerpt and OFSI's retired ConList
CSV, read into designations and checked against a plain parse of the same files
(ElementTree and the csv module)."""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import io
import xml.etree.ElementTree as ET  # only to read the real, trusted file independently
from collections import Counter, defaultdict
from pathlib import Path

import pytest

import sanctions_tracker as st
from conftest import SHARED_DATA
from sanctions_tracker.records import (
    SAME_PARTY,
    Designation,
    FileAccount,
    NameKind,
    PartialDate,
    PartyKind,
)
from sanctions_tracker.sources.uk_ofsi import numbered
from sanctions_tracker.sources.uk_sanctions_list import regime_core, regime_program

XML = SHARED_DATA / "uk-sanctions-list" / "uk_sanctions_list_excerpt_2026-08-14.xml"
CONLIST = SHARED_DATA / "uk-ofsi" / "ConList_2018-04-13.csv.gz"

pytestmark = pytest.mark.skipif(not XML.exists(), reason="../shared/data is not present")


def _designations() -> list[ET.Element]:
    root = ET.fromstring(XML.read_bytes())  # noqa: S314 - the FCDO's own file
    return root.findall("Designation")


def _rows() -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The ConList's header and data rows with their lines, by the csv module."""
    text = gzip.decompress(CONLIST.read_bytes()).decode("cp1252")
    reader = csv.reader(io.StringIO(text))
    rows = []
    header: list[str] = []
    for row in reader:
        if reader.line_num == 1:
            continue
        if not header:
            header = row
            continue
        rows.append((reader.line_num, row))
    return header, rows


def _account(tracker: st.Tracker, prefix: str) -> FileAccount:
    (account,) = [a for d in tracker.datasets for a in d.accounts if a.format.startswith(prefix)]
    return account


def _designation(tracker: st.Tracker, record_id: str) -> Designation:
    found = tracker.get(record_id)
    assert isinstance(found, Designation)
    return found


@pytest.fixture(scope="module")
def uk() -> st.Tracker:
    return st.load(XML, bundled=False)


@pytest.fixture(scope="module")
def ofsi() -> st.Tracker:
    return st.load(CONLIST, bundled=False)


# --------------------------------------------------------------------------- the XML


def test_every_designation_is_made_or_rejected(uk: st.Tracker) -> None:
    """Each <Designation> is read once; those with a UniqueID are uk-fcdo:<UniqueID>, and
    the made-up one without is rejected (no special case: no UniqueID, no designation)."""
    elements = _designations()
    account = _account(uk, "UK Sanctions List")
    assert account.rows_read == len(elements)
    assert account.balanced
    numbered_ids = {e.findtext("UniqueID") for e in elements if e.findtext("UniqueID")}
    assert {d.id for d in uk.designations()} == {f"uk-fcdo:{i}" for i in numbered_ids}
    (problem,) = account.rejected
    assert "without a UniqueID" in problem.reason
    assert "No Unique Id" in problem.reason
    assert all(d.name != "No Unique Id" for d in uk.designations())
    assert uk.datasets[0].as_of == dt.date(2026, 8, 14)


def test_kinds_regimes_and_listing_dates(uk: st.Tracker) -> None:
    """Individual, Entity and Ship are the party's kind; RegimeName is the program, whose
    authority is the regulations; DateDesignated (day first) the listing date."""
    kinds = {
        "Individual": PartyKind.INDIVIDUAL,
        "Entity": PartyKind.ENTITY,
        "Ship": PartyKind.VESSEL,
    }
    for element in _designations():
        unique = element.findtext("UniqueID")
        if not unique:
            continue
        designation = _designation(uk, f"uk-fcdo:{unique}")
        assert designation.party.kind is kinds[element.findtext("IndividualEntityShip") or ""]
        regime = element.findtext("RegimeName") or ""
        assert designation.programs == (regime_program(regime),)
        program = uk.program(designation.programs[0])
        assert [uk.authority(a).title for a in program.authorities] == [regime]
        day, month, year = (element.findtext("DateDesignated") or "").split("/")
        assert designation.listed_on == dt.date(int(year), int(month), int(day))
    assert uk.program("UK-AFGHANISTAN").country == "AF"


@pytest.mark.parametrize(
    ("regime", "core", "program"),
    [
        ("The Afghanistan (Sanctions) (EU Exit) Regulations 2020", "Afghanistan", "UK-AFGHANISTAN"),
        (
            "Isil (Da'esh) and Al-Qaeda (United Nations Sanctions) (EU Exit) Regulations 2019",
            "Isil (Da'esh) and Al-Qaeda",
            "UK-ISIL-DA-ESH-AND-AL-QAEDA",
        ),
        ("The Russia (Sanctions) (EU Exit) Regulations 2019", "Russia", "UK-RUSSIA"),
    ],
)
def test_regime_programs(regime: str, core: str, program: str) -> None:
    """A regime's program is what it is about, without the words every regime has."""
    assert regime_core(regime) == core
    assert regime_program(regime) == program


def test_placeholder_dates_names_and_documents(uk: st.Tracker) -> None:
    """dd/mm/1968 is the year 1968, 12/11/1967 (twice) one date; the primary name (any
    casing of 'Primary name'), weak aliases, the non-Latin name with its script; a passport
    number without its leading space; a national id with its leading zero."""
    mansur = _designation(uk, "uk-fcdo:AFG0011")
    assert mansur.party.birth_dates == (PartialDate(1968), PartialDate(1967, 11, 12))
    assert mansur.name == "ABDUL LATIF MANSUR"
    arabic = next(n for n in mansur.party.names if n.script == "Arab")
    assert (arabic.full, arabic.kind) == ("عبد اللطيف منصور", NameKind.AKA)
    assert {i.value for i in mansur.party.identifiers if i.kind == "passport"} == {
        "D0009720",
        "D0010442",
    }
    assert mansur.party.nationalities == ("AF",)
    assert "Maulavi" in mansur.party.positions
    akram = _designation(uk, "uk-fcdo:AQD0128")
    assert akram.name == "AKRAM TURKI HISHAN AL-MAZIDIH"
    assert {n.full for n in akram.party.names if n.weak} == {"Abu Akram", "Abu Jarrah"}
    assert [i.value for i in akram.party.identifiers if i.kind == "national-id"] == ["0075258"]
    assert akram.party.birth_dates == (PartialDate(1974), PartialDate(1975), PartialDate(1979))


def test_a_ship_and_an_entity(uk: st.Tracker) -> None:
    """The ship's IMO number is an identifier, its flag, owner, type, tonnage and former
    flag its vessel data; an entity's type is its organization type."""
    petrel = _designation(uk, "uk-fcdo:DPR0075")
    assert [i.value for i in petrel.party.identifiers if i.kind == "imo"] == ["9562233"]
    vessel = petrel.party.vessel
    assert vessel is not None
    assert (vessel.flag, vessel.owner, vessel.vessel_type, vessel.tonnage) == (
        "Comoros",
        "Global United Shipping India",
        "Bulk Carrier",
        "7078",
    )
    assert (vessel.former_flags, vessel.year_of_build) == (("India",), 2011)
    assert _designation(uk, "uk-fcdo:AQD0377").party.organization_type == "Terrorist Group"


def test_un_and_ofsi_references_are_same_party_links(uk: st.Tracker) -> None:
    """UNReferenceNumber links to un-sc:<reference>, OFSIGroupID to uk-ofsi:<group>."""
    for element in _designations():
        unique = element.findtext("UniqueID")
        if not unique:
            continue
        targets = {
            link.target
            for link in _designation(uk, f"uk-fcdo:{unique}").party.links
            if link.relation == SAME_PARTY
        }
        expected = set()
        if element.findtext("UNReferenceNumber"):
            expected.add(f"un-sc:{element.findtext('UNReferenceNumber')}")
        if element.findtext("OFSIGroupID"):
            expected.add(f"uk-ofsi:{element.findtext('OFSIGroupID')}")
        assert targets == expected


def test_diff_of_two_versions_of_the_uk_list(tmp_path: Path) -> None:
    """st.diff of the excerpt and a later version with one designation gone and one
    renamed: one removed, one amended (its name), as the edit made them."""
    text = XML.read_text(encoding="utf-8")
    start = text.index(
        "<Designation>\n    <LastUpdated>18/12/2021</LastUpdated>\n    <DateDesignated>03/10/2017"
    )
    end = text.index("</Designation>", start) + len("</Designation>")
    later = text[:start] + text[end:]
    later = later.replace("<Name6>MANSUR</Name6>", "<Name6>MANSOOR</Name6>", 1)
    new = tmp_path / "uk_sanctions_list_2026-08-15.xml"
    new.write_text(later.replace("14/08/2026", "15/08/2026"), encoding="utf-8")
    change = st.diff(XML, new, bundled=False)
    assert [e.id for e in change.removed] == ["uk-fcdo:DPR0075"]
    assert change.added == ()
    (amended,) = change.amended
    assert amended.id == "uk-fcdo:AFG0011"
    assert amended.name == "ABDUL LATIF MANSOOR"


def test_summary_and_screening(uk: st.Tracker) -> None:
    """A summary of a UK regime counts its designations; screening finds a listed name
    written another way."""
    regime = "Isil (Da'esh) and Al-Qaeda (United Nations Sanctions) (EU Exit) Regulations 2019"
    count = sum(1 for e in _designations() if e.findtext("RegimeName") == regime)
    assert uk.summary(program=regime_program(regime)).designation_count == count
    (best, *_) = uk.screen("Akram Turki al-Hishan")
    assert best.designation_id == "uk-fcdo:AQD0128"


# --------------------------------------------------------------------------- the ConList


def test_every_row_is_part_of_its_groups_designation(ofsi: st.Tracker) -> None:
    """Every data row is read (the csv module's count): one designation per Group ID, its
    rows all made; the dataset is as of the file's Last Updated day."""
    _, rows = _rows()
    account = _account(ofsi, "OFSI")
    assert account.rows_read == len(rows)
    assert account.balanced
    groups = {row[-1] for _, row in rows}
    assert {d.id for d in ofsi.designations()} == {f"uk-ofsi:{g}" for g in groups}
    assert account.records_made == len(rows)
    assert ofsi.datasets[0].as_of == dt.date(2018, 4, 13)


def test_a_group_gathers_its_rows(ofsi: st.Tracker) -> None:
    """Group 8693 (80 rows: names x dates of birth x addresses) is one designation with
    each distinct name, date of birth and address once; the Prime Alias is primary."""
    header, rows = _rows()
    column = {name: at for at, name in enumerate(header)}
    mine = [row for _, row in rows if row[column["Group ID"]] == "8693"]
    designation = _designation(ofsi, "uk-ofsi:8693")
    names = {
        " ".join(" ".join(row[column[f"Name {n}"]] for n in (1, 2, 3, 4, 5, 6)).split())
        for row in mine
    }
    assert {n.full for n in designation.party.names} == names
    primary = {
        " ".join(" ".join(row[column[f"Name {n}"]] for n in (1, 2, 3, 4, 5, 6)).split())
        for row in mine
        if row[column["Alias Type"]] == "Prime Alias"
    }
    assert designation.name in primary
    assert len(designation.party.birth_dates) == len({row[column["DOB"]] for row in mine})
    assert {a.city for a in designation.party.addresses} == {
        row[column["Address 6"]] for row in mine
    }


def test_regimes_and_listing_dates(ofsi: st.Tracker) -> None:
    """Each regime is a program holding the groups the plain parse puts under it; the
    listing date is the earliest Listed On of the group (day first)."""
    header, rows = _rows()
    column = {name: at for at, name in enumerate(header)}
    regimes: dict[str, set[str]] = defaultdict(set)
    listed: dict[str, set[dt.date]] = defaultdict(set)
    for _, row in rows:
        regimes[" ".join(row[column["Regime"]].split())].add(row[column["Group ID"]])
        day, month, year = row[column["Listed On"]].split("/")
        listed[row[column["Group ID"]]].add(dt.date(int(year), int(month), int(day)))
    for regime, groups in regimes.items():
        program = next(p for p in ofsi.programs() if p.name == f"UK (OFSI): {regime}")
        assert {d.id for d in ofsi.designations(program=program.id)} == {
            f"uk-ofsi:{g}" for g in groups
        }
    for group, days in list(listed.items())[:200]:
        assert _designation(ofsi, f"uk-ofsi:{group}").listed_on == min(days)


def test_placeholder_dates_nationalities_and_un_references(ofsi: st.Tracker) -> None:
    """00/00/1980 is the year 1980; a numbered list of nationalities, written as
    adjectives, gives each country; 'UN Ref' in Other Information links the party to
    un-sc:<reference> (the third letter in capitals written as the UN writes it), but not
    a reference that names another kind of party."""
    header, rows = _rows()
    column = {name: at for at, name in enumerate(header)}
    qahtani = _designation(ofsi, "uk-ofsi:13349")
    assert set(qahtani.party.birth_dates) == {PartialDate(1980), PartialDate(1981)}
    assert qahtani.party.nationalities == ("SA", "QA")
    assert not [link for link in qahtani.party.links if link.relation == SAME_PARTY]
    account = _account(ofsi, "OFSI")
    assert any("QDe.004 names an entity" in p.reason for p in account.unparsed_remarks)
    linked = Counter(
        link.target
        for d in ofsi.designations()
        for link in d.party.links
        if link.relation == SAME_PARTY
    )
    assert linked
    assert all(target and target.startswith("un-sc:") for target in linked)
    kp = next(
        row[column["Group ID"]]
        for _, row in rows
        if "UN Ref KPi.0" in row[column["Other Information"]]
    )
    assert any(
        (link.target or "").startswith("un-sc:KPi.")
        for link in _designation(ofsi, f"uk-ofsi:{kp}").party.links
    )


@pytest.mark.parametrize(
    ("text", "items"),
    [
        ("1) Saudi Arabia 2) Qatar", [({1}, "Saudi Arabia"), ({2}, "Qatar")]),
        ("(1)-(2) Tunisia (3) Libya", [({1, 2}, "Tunisia"), ({3}, "Libya")]),
        ("(1) to (6) Algeria (7) Morocco", [({1, 2, 3, 4, 5, 6}, "Algeria"), ({7}, "Morocco")]),
        ("a) French, b) Tunisian", [({1}, "French"), ({2}, "Tunisian")]),
        ("Iraqi", [(set(), "Iraqi")]),
        ("", []),
    ],
)
def test_numbered_cells(text: str, items: list[tuple[set[int], str]]) -> None:
    """A cell that numbers its items gives each with its numbers (ranges too)."""
    assert [(set(n), v) for n, v in numbered(text)] == items


def test_the_uk_list_and_the_conlist_are_one_party_where_the_uk_says_so(
    uk: st.Tracker, ofsi: st.Tracker
) -> None:
    """Loaded together, a UK designation whose OFSIGroupID is a ConList group is that
    group's party (linking.SameParties joins them)."""
    from sanctions_tracker.linking import SameParties  # noqa: PLC0415

    both = st.load(XML, CONLIST, bundled=False)
    parties = SameParties(both.designations())
    for element in _designations():
        group, unique = element.findtext("OFSIGroupID"), element.findtext("UniqueID")
        if group and unique and f"uk-ofsi:{group}" in ofsi:
            assert f"uk-ofsi:{group}" in parties.of(f"uk-fcdo:{unique}")
    assert len(uk.designations()) == 4


def test_sectors_from_names_on_the_conlist() -> None:
    """With the bundled taxonomy, an OFSI entity whose name says BANK is in the financial
    sector (by its name, inferred); no individual is placed by name."""
    tracker = st.load(CONLIST)
    banks = tracker.designations(sector="financial", list_id="uk-ofsi")
    assert banks
    assert all(d.party.kind is PartyKind.ENTITY for d in banks)
    assert any("BANK" in d.name.upper() for d in banks)
    assert all(a.inferred for d in banks for a in d.sectors if a.basis.value == "name")


def test_two_versions_of_the_uk_list_make_a_history(tmp_path: Path) -> None:
    """The excerpt and a later version without the ship: as_of the first day holds it,
    the tracker (the later day) does not, and its last-seen day is the first."""
    text = XML.read_text(encoding="utf-8")
    start = text.index(
        "<Designation>\n    <LastUpdated>18/12/2021</LastUpdated>\n    <DateDesignated>03/10/2017"
    )
    end = text.index("</Designation>", start) + len("</Designation>")
    later = tmp_path / "uk_sanctions_list_2026-08-20.xml"
    later.write_text((text[:start] + text[end:]).replace("14/08/2026", "20/08/2026"), "utf-8")
    tracker = st.load(history={"2026-08-14": XML, "2026-08-20": later}, bundled=False)
    assert "uk-fcdo:DPR0075" not in tracker
    ship = _designation(tracker.as_of(dt.date(2026, 8, 15)), "uk-fcdo:DPR0075")
    assert ship.last_seen == dt.date(2026, 8, 14)
