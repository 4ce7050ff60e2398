"""OFAC's XML lists (advanced, enhanced): real files, hand-built SDN samples, hostile input."""

# ruff: noqa: E501 - the hand-built XML documents below keep OFAC's one-element-per-line layout

from __future__ import annotations

import datetime as dt
import gzip
import io
import socket
import xml.etree.ElementTree as ET  # only to count elements of the real, trusted files
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

import sanctions_tracker as st
from conftest import SHARED_DATA
from sanctions_tracker.records import (
    Address,
    Designation,
    FileAccount,
    Identifier,
    Link,
    Name,
    NameKind,
    PartialDate,
    PartyKind,
    SectorBasis,
)
from sanctions_tracker.sources._registry import recognise
from sanctions_tracker.sources.ofac_xml import OfacXmlFile, XmlSchema

CONSOLIDATED = SHARED_DATA / "ofac-consolidated"
ADVANCED = CONSOLIDATED / "cons_advanced.xml.gz"
ENHANCED = CONSOLIDATED / "CONS_ENHANCED.ZIP"
CSV = CONSOLIDATED / "cons_prim.csv"
ADVANCED_NS = "http://www.un.org/sanctions/1.0"
ENHANCED_NS = (
    "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/ENHANCED_XML"
)

needs_data = pytest.mark.skipif(not ADVANCED.exists(), reason="../shared/data is not present")


def _xml_bytes(path: Path) -> bytes:
    """The XML of a real file, read without the library (gzip / zipfile only)."""
    if path.suffix == ".gz":
        return gzip.decompress(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        (member,) = archive.namelist()
        return archive.read(member)


def _party_keys(path: Path) -> list[str]:
    """The FixedRef / id of every party element, by a plain stdlib parse of the file."""
    root = ET.fromstring(_xml_bytes(path))  # noqa: S314 - the real OFAC file, trusted here
    if root.tag == f"{{{ADVANCED_NS}}}Sanctions":
        return [e.attrib["FixedRef"] for e in root.iter(f"{{{ADVANCED_NS}}}DistinctParty")]
    return [e.attrib["id"] for e in root.iter(f"{{{ENHANCED_NS}}}entity")]


def _account(tracker: st.Tracker) -> FileAccount:
    (account,) = [a for d in tracker.datasets for a in d.accounts if "XML" in a.format]
    return account


@pytest.fixture(scope="module")
def advanced() -> st.Tracker:
    """cons_advanced.xml.gz alone."""
    return st.load(ADVANCED, bundled=False)


@pytest.fixture(scope="module")
def enhanced() -> st.Tracker:
    """CONS_ENHANCED.ZIP alone."""
    return st.load(ENHANCED, bundled=False)


@pytest.fixture(scope="module")
def csv_form() -> st.Tracker:
    """cons_prim.csv with its companions (found beside it)."""
    return st.load(CSV, bundled=False)


# --------------------------------------------------------------------------- real files


@needs_data
@pytest.mark.parametrize("path", [ADVANCED, ENHANCED], ids=lambda p: p.name)
def test_every_party_element_becomes_a_designation(path: Path) -> None:
    """Entries read = records made + rejected; every party element (counted by a plain
    parse) is a designation with the id us-ofac-cons:<FixedRef>, on its element's line."""
    tracker = st.load(path, bundled=False)
    account = _account(tracker)
    keys = _party_keys(path)
    assert account.balanced
    assert account.rows_read == len(keys)
    assert account.records_made == len(keys)
    assert account.rejected == ()
    assert account.orphans == ()
    designations = tracker.designations()
    assert {d.id for d in designations} == {f"us-ofac-cons:{key}" for key in keys}
    text = _xml_bytes(path).decode("utf-8").splitlines()
    for designation in designations[:50]:
        assert designation.origin is not None
        assert designation.origin.line is not None
        key = designation.id.partition(":")[2]
        assert f'"{key}"' in text[designation.origin.line - 1]


@needs_data
def test_the_xml_files_are_recognised_as_the_consolidated_list(
    advanced: st.Tracker, enhanced: st.Tracker
) -> None:
    """The list (by the document's list names) and the date each file states."""
    (adv,) = advanced.datasets
    (enh,) = enhanced.datasets
    assert adv.kind == enh.kind == "Consolidated Sanctions List (non-SDN lists)"
    assert adv.as_of == dt.date(2020, 3, 17)
    assert enh.as_of == dt.date(2025, 1, 10)
    source = enhanced.get("src-us-ofac-cons:CONS_ENHANCED.XML")
    assert isinstance(source, st.Source)
    assert source.published_on == dt.date(2025, 1, 10)


@needs_data
def test_facts_are_counted_and_what_is_kept_as_text_is_listed(
    advanced: st.Tracker, enhanced: st.Tracker
) -> None:
    """Every feature, document and remark is counted; what is not turned into a field is
    listed with its line (here: free-text remarks such as 'HAMAS - Hebron')."""
    for tracker in (advanced, enhanced):
        account = _account(tracker)
        kept = account.unparsed_remarks
        assert account.remark_segments == account.remark_segments_parsed + len(kept)
        assert account.remark_segments_parsed / account.remark_segments > 0.95
        assert any("HAMAS - Hebron" in problem.reason for problem in kept)
        assert all(problem.line > 0 and problem.key for problem in kept)


def _agreement(
    csv_form: st.Tracker, xml_form: st.Tracker, get: Callable[[Designation], object]
) -> float:
    csv_by_id = {d.id: d for d in csv_form.designations()}
    xml_by_id = {d.id: d for d in xml_form.designations()}
    both = set(csv_by_id) & set(xml_by_id)
    return sum(get(csv_by_id[i]) == get(xml_by_id[i]) for i in both) / len(both)


@needs_data
def test_ids_agree_with_the_csv_form(
    csv_form: st.Tracker, advanced: st.Tracker, enhanced: st.Tracker
) -> None:
    """Most ids of cons_prim.csv are in the XML forms: FixedRef is OFAC's ent_num.
    (The 2020 advanced file predates 77 of the CSV's late-2025 entries.)"""
    csv_ids = {d.id for d in csv_form.designations()}
    assert len(csv_ids & {d.id for d in enhanced.designations()}) / len(csv_ids) > 0.99
    assert len(csv_ids & {d.id for d in advanced.designations()}) / len(csv_ids) > 0.8


@needs_data
def test_names_kinds_and_programs_agree_with_the_csv_form(
    csv_form: st.Tracker, advanced: st.Tracker, enhanced: st.Tracker
) -> None:
    """For ids in both forms, primary name, kind and programs mostly agree (measured:
    enhanced 99.8 % / 100 % / 97.3 %, advanced 84.7 % / 100 % / 75.9 %; the differences
    are the files' dates, see docs/ofac-xml.md)."""

    def name(d: Designation) -> str:
        return d.party.name

    def kind(d: Designation) -> PartyKind:
        return d.party.kind

    def programs(d: Designation) -> frozenset[str]:
        return frozenset(d.programs)

    def birth_dates(d: Designation) -> tuple[PartialDate, ...]:
        return d.party.birth_dates

    assert _agreement(csv_form, enhanced, name) > 0.99
    assert _agreement(csv_form, enhanced, kind) == 1
    assert _agreement(csv_form, enhanced, programs) > 0.95
    assert _agreement(csv_form, enhanced, birth_dates) == 1
    assert _agreement(csv_form, advanced, name) > 0.8
    assert _agreement(csv_form, advanced, kind) == 1
    assert _agreement(csv_form, advanced, programs) > 0.7
    assert _agreement(csv_form, advanced, birth_dates) == 1


@needs_data
def test_sectors_are_assigned_as_for_the_csv_form() -> None:
    """The tracker gives XML designations the same sectors as the CSV ones (the XML's
    'Target Type' and 'Organization Type:' features feed the same signals); the XML may add
    name-based ones, from the names in original script the CSV does not carry."""
    csv_form = {d.id: d for d in st.load(CSV).designations() if d.list_id == "us-ofac-cons"}
    xml_form = {d.id: d for d in st.load(ENHANCED).designations() if d.list_id == "us-ofac-cons"}
    both = set(csv_form) & set(xml_form)

    def stated(designation: st.Designation) -> set[tuple[str, str]]:
        return {(a.sector, a.basis.value) for a in designation.sectors if not a.inferred}

    def named(designation: st.Designation) -> set[tuple[str, str]]:
        return {(a.sector, a.basis.value) for a in designation.sectors if a.inferred}

    assert any(csv_form[i].sectors for i in both)
    assert all(stated(csv_form[i]) == stated(xml_form[i]) for i in both)
    assert all(named(csv_form[i]) <= named(xml_form[i]) for i in both)
    vtb = xml_form["us-ofac-cons:17013"]
    assert any(
        a.sector == "financial" and a.basis is SectorBasis.ORGANIZATION_TYPE for a in vtb.sectors
    )


def _listing_dates(path: Path) -> dict[str, dt.date]:
    """Each party's earliest list entry date, by a plain stdlib parse of the file."""
    root = ET.fromstring(_xml_bytes(path))  # noqa: S314 - the real OFAC file, trusted here
    found: dict[str, list[dt.date]] = {}
    if root.tag == f"{{{ADVANCED_NS}}}Sanctions":
        ns = {"o": ADVANCED_NS}
        for entry in root.iter(f"{{{ADVANCED_NS}}}SanctionsEntry"):
            for date in entry.iterfind("o:EntryEvent/o:Date", ns):
                year, month, day = (
                    int(date.findtext(f"o:{p}", "", ns)) for p in ("Year", "Month", "Day")
                )
                found.setdefault(entry.attrib["ProfileID"], []).append(dt.date(year, month, day))
    else:
        for entity in root.iter(f"{{{ENHANCED_NS}}}entity"):
            for listed in entity.iter(f"{{{ENHANCED_NS}}}sanctionsList"):
                published = dt.date.fromisoformat(listed.attrib["datePublished"][:10])
                found.setdefault(entity.attrib["id"], []).append(published)
    return {key: min(days) for key, days in found.items()}


@needs_data
@pytest.mark.parametrize("path", [ADVANCED, ENHANCED], ids=lambda p: p.name)
def test_listing_dates_are_the_earliest_list_entry(path: Path) -> None:
    """listed_on is the day the party entered its first list (not the umbrella list's day)."""
    expected = _listing_dates(path)
    tracker = st.load(path, bundled=False)
    got = {d.id.rpartition(":")[2]: d.listed_on for d in tracker.designations()}
    assert got == expected
    assert got["9639"] == dt.date(2006, 4, 12)  # NS-PLC list 2006; Consolidated List 2014


@needs_data
def test_advanced_individual_with_birth_date_and_birthplace(advanced: st.Tracker) -> None:
    """HANIYA (FixedRef 9639): name parts in OFAC's order, a.k.a.s, DOB 1962, POB Shati."""
    haniya = advanced.get("us-ofac-cons:9639")
    assert isinstance(haniya, Designation)
    assert haniya.party.kind is PartyKind.INDIVIDUAL
    assert haniya.party.names == (
        Name("HANIYA, Ismail Abdul Salah"),
        Name("HANIYA, Ismail", NameKind.AKA),
        Name("HANIYYA, Ismaeel", NameKind.AKA),
    )
    assert haniya.party.birth_dates == (PartialDate(1962),)
    assert haniya.party.birth_places == ("Shati",)
    assert haniya.programs == ("NS-PLC",)


@needs_data
def test_advanced_individual_with_passport_and_citizenship(advanced: st.Tracker) -> None:
    """Bektas (17526): exact birth date, Swiss citizenship (a location's country) and a
    passport whose country comes from IssuedBy-CountryID; programs from two entries."""
    bektas = advanced.get("us-ofac-cons:17526")
    assert isinstance(bektas, Designation)
    assert bektas.party.name == "Bektas, Halis"
    assert bektas.party.birth_dates == (PartialDate(1966, 2, 13),)
    assert bektas.party.citizenships == ("CH",)
    assert bektas.party.identifiers == (Identifier("passport", "X0906223", "CH"),)
    assert set(bektas.programs) == {"SYRIA", "FSE-SY"}


@needs_data
def test_advanced_entity_with_identifiers(advanced: st.Tracker) -> None:
    """VTB (17013) in 2020: registration documents with their country, a SWIFT/BIC
    feature read as the CSV remark is, a directive note, an address in Russia."""
    vtb = advanced.get("us-ofac-cons:17013")
    assert isinstance(vtb, Designation)
    assert vtb.party.kind is PartyKind.ENTITY
    assert vtb.party.name == "VTB BANK OAO"
    kinds = {(i.kind, i.value, i.country) for i in vtb.party.identifiers}
    assert ("registration-number", "1027739609391", "RU") in kinds
    assert ("government-gazette-number", "00032520", "RU") in kinds
    assert ("tax-id", "7702070139", "RU") in kinds
    assert ("swift-bic", "VTBRRUMM", None) in kinds
    assert "Executive Order 13662 Directive Determination - Subject to Directive 1" in vtb.notes
    assert "RU" in {a.country for a in vtb.party.addresses}
    assert vtb.programs == ("UKRAINE-EO13662",)


@needs_data
def test_enhanced_individual_with_nationality_gender_and_weak_aliases(
    enhanced: st.Tracker,
) -> None:
    """ZAHHAR (9647): DOB, POB, nationality Palestinian (PS), gender, weak a.k.a.s kept
    weak, a relationship to a party of another list kept by name."""
    zahhar = enhanced.get("us-ofac-cons:9647")
    assert isinstance(zahhar, Designation)
    party = zahhar.party
    assert party.names[0] == Name("ZAHHAR, Mahmoud Khaled")
    assert Name("ZAHAR, Mahmoud", NameKind.AKA, weak=True) in party.names
    assert Name("AL ZAHAR, Mahmoud Khaled", NameKind.AKA) in party.names
    assert party.birth_dates == (PartialDate(1945),)
    assert party.birth_places == ("Gaza Strip",)
    assert party.nationalities == ("PS",)
    assert party.gender == "male"
    assert party.links == (Link("acting-for-or-on-behalf-of", "HAMAS"),)
    assert set(zahhar.programs) == {"NS-PLC", "SDGT"}


@needs_data
def test_enhanced_entity_with_identifiers_scripts_and_links(enhanced: st.Tracker) -> None:
    """VTB (17013) in 2025: identifiers, a Cyrillic name as an a.k.a., the date of
    establishment, notes; BM BANK (17017) links to it by id."""
    vtb = enhanced.get("us-ofac-cons:17013")
    assert isinstance(vtb, Designation)
    assert vtb.party.name == "VTB BANK PUBLIC JOINT STOCK COMPANY"
    assert Name("БАНК ВТБ ПУБЛИЧНОЕ АКЦИОНЕРНОЕ ОБЩЕСТВО", NameKind.AKA) in vtb.party.names
    assert Identifier("registration-number", "1027739609391", "RU", note="Registration ID") in (
        vtb.party.identifiers
    )
    assert vtb.party.established_on == PartialDate(1990, 10, 17)
    assert "Target Type Financial Institution" in vtb.notes
    assert set(vtb.programs) == {"UKRAINE-EO13662", "RUSSIA-EO14024"}
    bm_bank = enhanced.get("us-ofac-cons:17017")
    assert isinstance(bm_bank, Designation)
    assert Link("owned-or-controlled-by", vtb.party.name, vtb.id) in bm_bank.party.links


@needs_data
def test_enhanced_entity_with_organization_type_and_address(enhanced: st.Tracker) -> None:
    """MOGE (46072): organization type and establishment year from features, an address
    split into street, city and region with the ISO code of Burma."""
    moge = enhanced.get("us-ofac-cons:46072")
    assert isinstance(moge, Designation)
    assert moge.party.organization_type == "Extraction of crude petroleum"
    assert moge.party.established_on == PartialDate(1963)
    assert moge.party.addresses[0] == Address(
        street="Complex No. 44",
        city="Nay Pyi Taw",
        region="Naypyidaw Union Territory",
        country="MM",
    )
    assert moge.programs == ("BURMA-EO14014",)


# --------------------------------------------------------------------------- broken copies


def _insert(text: str, before: str, extra: str) -> str:
    at = text.index(before)
    return text[:at] + extra + text[at:]


@needs_data
def test_broken_entities_in_an_enhanced_copy_are_reported(tmp_path: Path) -> None:
    """Two broken entities slipped into a copy are rejected with their lines, an unknown
    feature type is listed and kept as text; the account still balances."""
    text = _xml_bytes(ENHANCED).decode("utf-8")
    broken = (
        '<entity id="990001"><generalInfo><entityType refId="1">Spaceship</entityType>'
        "</generalInfo><sanctionsPrograms><sanctionsProgram>SDGT</sanctionsProgram>"
        "</sanctionsPrograms><names><name><isPrimary>true</isPrimary><translations>"
        "<translation><isPrimary>true</isPrimary><formattedFullName>X</formattedFullName>"
        "</translation></translations></name></names></entity>\n"
        '<entity id="990002"><generalInfo><entityType>Entity</entityType></generalInfo>'
        "<sanctionsPrograms><sanctionsProgram>SDGT</sanctionsProgram></sanctionsPrograms>"
        "</entity>\n"
    )
    text = _insert(text, '<entity id="9639">', broken)
    text = _insert(
        text,
        '<feature id="4697">',
        '<feature id="1"><type featureTypeId="1">Favourite Colour</type>'
        "<value>green</value></feature>\n",
    )
    path = tmp_path / "cons_copy.xml.gz"
    path.write_bytes(gzip.compress(text.encode("utf-8")))
    lines = text.splitlines()
    tracker = st.load(path, bundled=False)
    account = _account(tracker)
    keys = _party_keys(ENHANCED)
    assert account.balanced
    assert account.rows_read == len(keys) + 2
    assert account.records_made == len(keys)
    reasons = {p.key: (p.line, p.reason) for p in account.rejected}
    assert reasons["990001"][1] == (
        "party type 'Spaceship' is not individual, entity, vessel or aircraft"
    )
    assert reasons["990002"][1] == "the entry has no primary name"
    assert 'id="990001"' in lines[reasons["990001"][0] - 1]
    (colour,) = [p for p in account.unparsed_remarks if "Favourite Colour" in p.reason]
    assert colour.key == "9639"
    assert "Favourite Colour" in lines[colour.line - 1]
    haniya = tracker.get("us-ofac-cons:9639")
    assert isinstance(haniya, Designation)
    assert "Favourite Colour green" in haniya.party.information


@needs_data
def test_broken_parts_of_an_advanced_copy_are_reported(tmp_path: Path) -> None:
    """A DistinctParty without a profile is rejected, a sanctions entry for a profile not
    in the file is an orphan; rows read = made + rejected + orphans."""
    text = _xml_bytes(ADVANCED).decode("utf-8")
    text = _insert(text, '<DistinctParty FixedRef="9639">', '<DistinctParty FixedRef="1"/>\n')
    text = _insert(
        text,
        '<SanctionsEntry ID="70009639"',
        '<SanctionsEntry ID="1" ProfileID="424242" ListID="91512"/>\n',
    )
    path = tmp_path / "copy.xml"
    path.write_text(text, encoding="utf-8")
    lines = text.splitlines()
    account = _account(st.load(path, bundled=False))
    keys = _party_keys(ADVANCED)
    assert account.balanced
    assert account.rows_read == len(keys) + 2
    assert account.records_made == len(keys)
    (rejected,) = account.rejected
    assert rejected.reason == "a DistinctParty without a FixedRef or a Profile"
    assert 'FixedRef="1"' in lines[rejected.line - 1]
    (orphan,) = account.orphans
    assert "424242" in orphan.reason
    assert 'ProfileID="424242"' in lines[orphan.line - 1]


# --------------------------------------------------------------------------- hand-built SDN


def _period(day: str) -> str:
    year, month, date = day.split("-")
    one = f"<Year>{year}</Year><Month>{int(month)}</Month><Day>{int(date)}</Day>"
    return f"<From>{one}</From><To>{one}</To>"


SDN_ADVANCED = f"""<?xml version="1.0" encoding="utf-8"?>
<Sanctions xmlns="https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/ADVANCED_XML">
  <DateOfIssue><Year>2024</Year><Month>5</Month><Day>3</Day></DateOfIssue>
  <ReferenceValueSets>
    <AliasTypeValues>
      <AliasType ID="1400">A.K.A.</AliasType><AliasType ID="1401">F.K.A.</AliasType>
      <AliasType ID="1403">Name</AliasType>
    </AliasTypeValues>
    <CountryValues>
      <Country ID="11118" ISO2="KP">Korea, North</Country><Country ID="11112" ISO2="IR">Iran</Country>
    </CountryValues>
    <DetailReferenceValues><DetailReference ID="91526">Male</DetailReference></DetailReferenceValues>
    <DocNameStatusValues><DocNameStatus ID="1">Primary Latin</DocNameStatus></DocNameStatusValues>
    <FeatureTypeValues>
      <FeatureType ID="8">Birthdate</FeatureType>
      <FeatureType ID="10">Nationality Country</FeatureType>
      <FeatureType ID="224">Gender</FeatureType>
      <FeatureType ID="25">Location</FeatureType>
      <FeatureType ID="1">VESSEL TYPE</FeatureType>
      <FeatureType ID="2">Vessel Call Sign</FeatureType>
      <FeatureType ID="3">Vessel Flag</FeatureType>
      <FeatureType ID="4">Vessel Year of Build</FeatureType>
      <FeatureType ID="5">Digital Currency Address - XBT</FeatureType>
      <FeatureType ID="6">Favourite Colour</FeatureType>
    </FeatureTypeValues>
    <IDRegDocDateTypeValues>
      <IDRegDocDateType ID="1480">Issue Date</IDRegDocDateType>
      <IDRegDocDateType ID="1481">Expiration Date</IDRegDocDateType>
    </IDRegDocDateTypeValues>
    <IDRegDocTypeValues>
      <IDRegDocType ID="1571">Passport</IDRegDocType>
      <IDRegDocType ID="1626">Vessel Registration Identification</IDRegDocType>
      <IDRegDocType ID="9">Secret Decoder Ring</IDRegDocType>
    </IDRegDocTypeValues>
    <ListValues><List ID="1550">SDN List</List></ListValues>
    <LocPartTypeValues>
      <LocPartType ID="1451">ADDRESS1</LocPartType><LocPartType ID="1454">CITY</LocPartType>
    </LocPartTypeValues>
    <NamePartTypeValues>
      <NamePartType ID="1520">Last Name</NamePartType><NamePartType ID="1521">First Name</NamePartType>
      <NamePartType ID="1525">Entity Name</NamePartType><NamePartType ID="1526">Vessel Name</NamePartType>
    </NamePartTypeValues>
    <PartySubTypeValues>
      <PartySubType ID="1" PartyTypeID="4">Vessel</PartySubType>
      <PartySubType ID="3" PartyTypeID="2">Unknown</PartySubType>
      <PartySubType ID="4" PartyTypeID="1">Unknown</PartySubType>
    </PartySubTypeValues>
    <PartyTypeValues>
      <PartyType ID="1">Individual</PartyType><PartyType ID="2">Entity</PartyType>
      <PartyType ID="4">Transport</PartyType>
    </PartyTypeValues>
    <RelationTypeValues><RelationType ID="15003">Owned or Controlled By</RelationType></RelationTypeValues>
    <SanctionsTypeValues>
      <SanctionsType ID="1">Program</SanctionsType><SanctionsType ID="1705">Block</SanctionsType>
    </SanctionsTypeValues>
    <ValidityValues><Validity ID="1">Valid</Validity><Validity ID="2">Fraudulent</Validity></ValidityValues>
  </ReferenceValueSets>
  <Locations>
    <Location ID="500">
      <LocationCountry CountryID="11112" />
      <LocationPart LocPartTypeID="1451"><LocationPartValue><Value>1 Harbour Road</Value></LocationPartValue></LocationPart>
      <LocationPart LocPartTypeID="1454"><LocationPartValue><Value>Bandar Abbas</Value></LocationPartValue></LocationPart>
    </Location>
    <Location ID="501"><LocationCountry CountryID="11118" /></Location>
    <Location ID="502"><LocationCountry CountryID="11112" /></Location>
  </Locations>
  <IDRegDocuments>
    <IDRegDocument ID="1" IDRegDocTypeID="1571" IdentityID="101" IssuedBy-CountryID="11118" ValidityID="2">
      <IDRegistrationNo>P1234567</IDRegistrationNo>
      <DocumentDate IDRegDocDateTypeID="1480"><DatePeriod>
        <Start Approximate="false">{_period("2010-06-01")}</Start>
        <End Approximate="false">{_period("2010-06-01")}</End>
      </DatePeriod></DocumentDate>
      <DocumentDate IDRegDocDateTypeID="1481"><DatePeriod>
        <Start Approximate="false">{_period("2020-05-31")}</Start>
        <End Approximate="false">{_period("2020-05-31")}</End>
      </DatePeriod></DocumentDate>
    </IDRegDocument>
    <IDRegDocument ID="2" IDRegDocTypeID="1626" IdentityID="102" ValidityID="1">
      <IDRegistrationNo>IMO 9187629</IDRegistrationNo>
    </IDRegDocument>
    <IDRegDocument ID="3" IDRegDocTypeID="9" IdentityID="101" ValidityID="1">
      <IDRegistrationNo>XYZ-1</IDRegistrationNo>
    </IDRegDocument>
  </IDRegDocuments>
  <DistinctParties>
    <DistinctParty FixedRef="1001">
      <Comment />
      <Profile ID="1001" PartySubTypeID="4">
        <Identity ID="101" Primary="true">
          <Alias AliasTypeID="1403" Primary="true" LowQuality="false">
            <DocumentedName DocNameStatusID="1">
              <DocumentedNamePart><NamePartValue NamePartGroupID="1">PAK</NamePartValue></DocumentedNamePart>
              <DocumentedNamePart><NamePartValue NamePartGroupID="2">Chol Su</NamePartValue></DocumentedNamePart>
            </DocumentedName>
          </Alias>
          <Alias AliasTypeID="1400" Primary="false" LowQuality="true">
            <DocumentedName DocNameStatusID="1">
              <DocumentedNamePart><NamePartValue NamePartGroupID="3">PAK CHOL</NamePartValue></DocumentedNamePart>
            </DocumentedName>
          </Alias>
          <Alias AliasTypeID="1401" Primary="false" LowQuality="false">
            <DocumentedName DocNameStatusID="1">
              <DocumentedNamePart><NamePartValue NamePartGroupID="4">PARK</NamePartValue></DocumentedNamePart>
              <DocumentedNamePart><NamePartValue NamePartGroupID="5">Cheol</NamePartValue></DocumentedNamePart>
            </DocumentedName>
          </Alias>
          <NamePartGroups>
            <MasterNamePartGroup><NamePartGroup ID="1" NamePartTypeID="1520" /></MasterNamePartGroup>
            <MasterNamePartGroup><NamePartGroup ID="2" NamePartTypeID="1521" /></MasterNamePartGroup>
            <MasterNamePartGroup><NamePartGroup ID="3" NamePartTypeID="1521" /></MasterNamePartGroup>
            <MasterNamePartGroup><NamePartGroup ID="4" NamePartTypeID="1520" /></MasterNamePartGroup>
            <MasterNamePartGroup><NamePartGroup ID="5" NamePartTypeID="1521" /></MasterNamePartGroup>
          </NamePartGroups>
        </Identity>
        <Feature FeatureTypeID="8"><FeatureVersion><DatePeriod>
          <Start Approximate="true">{_period("1960-01-01")}</Start>
          <End Approximate="true">{_period("1962-12-31")}</End>
        </DatePeriod></FeatureVersion></Feature>
        <Feature FeatureTypeID="10"><FeatureVersion><VersionDetail DetailTypeID="1433" /><VersionLocation LocationID="501" /></FeatureVersion></Feature>
        <Feature FeatureTypeID="224"><FeatureVersion><VersionDetail DetailTypeID="1431" DetailReferenceID="91526" /></FeatureVersion></Feature>
        <Feature FeatureTypeID="6"><FeatureVersion><VersionDetail DetailTypeID="1432">blue</VersionDetail></FeatureVersion></Feature>
      </Profile>
    </DistinctParty>
    <DistinctParty FixedRef="1002">
      <Comment />
      <Profile ID="1002" PartySubTypeID="1">
        <Identity ID="102" Primary="true">
          <Alias AliasTypeID="1403" Primary="true" LowQuality="false">
            <DocumentedName DocNameStatusID="1">
              <DocumentedNamePart><NamePartValue NamePartGroupID="6">OCEAN STAR</NamePartValue></DocumentedNamePart>
            </DocumentedName>
          </Alias>
          <NamePartGroups>
            <MasterNamePartGroup><NamePartGroup ID="6" NamePartTypeID="1526" /></MasterNamePartGroup>
          </NamePartGroups>
        </Identity>
        <Feature FeatureTypeID="1"><FeatureVersion><VersionDetail DetailTypeID="1432">Crude Oil Tanker</VersionDetail></FeatureVersion></Feature>
        <Feature FeatureTypeID="2"><FeatureVersion><VersionDetail DetailTypeID="1432">9HA1234</VersionDetail></FeatureVersion></Feature>
        <Feature FeatureTypeID="3"><FeatureVersion><VersionDetail DetailTypeID="1433" /><VersionLocation LocationID="502" /></FeatureVersion></Feature>
        <Feature FeatureTypeID="4"><FeatureVersion><VersionDetail DetailTypeID="1432">1999</VersionDetail></FeatureVersion></Feature>
        <Feature FeatureTypeID="5"><FeatureVersion><VersionDetail DetailTypeID="1432">1AbCdEfGh</VersionDetail></FeatureVersion></Feature>
      </Profile>
    </DistinctParty>
    <DistinctParty FixedRef="1003">
      <Comment>All offices worldwide</Comment>
      <Profile ID="1003" PartySubTypeID="3">
        <Identity ID="103" Primary="true">
          <Alias AliasTypeID="1403" Primary="true" LowQuality="false">
            <DocumentedName DocNameStatusID="1">
              <DocumentedNamePart><NamePartValue NamePartGroupID="7">GOLDEN TRADING LLC</NamePartValue></DocumentedNamePart>
            </DocumentedName>
          </Alias>
          <NamePartGroups>
            <MasterNamePartGroup><NamePartGroup ID="7" NamePartTypeID="1525" /></MasterNamePartGroup>
          </NamePartGroups>
        </Identity>
        <Feature FeatureTypeID="25"><FeatureVersion><VersionLocation LocationID="500" /></FeatureVersion></Feature>
      </Profile>
    </DistinctParty>
  </DistinctParties>
  <ProfileRelationships>
    <ProfileRelationship ID="1" From-ProfileID="1002" To-ProfileID="1003" RelationTypeID="15003" Former="false" />
  </ProfileRelationships>
  <SanctionsEntries>
    <SanctionsEntry ID="1" ProfileID="1001" ListID="1550">
      <SanctionsMeasure SanctionsTypeID="1705" />
      <SanctionsMeasure SanctionsTypeID="1"><Comment>DPRK3</Comment></SanctionsMeasure>
    </SanctionsEntry>
    <SanctionsEntry ID="2" ProfileID="1002" ListID="1550">
      <SanctionsMeasure SanctionsTypeID="1"><Comment>IRAN</Comment></SanctionsMeasure>
    </SanctionsEntry>
    <SanctionsEntry ID="3" ProfileID="1003" ListID="1550">
      <SanctionsMeasure SanctionsTypeID="1"><Comment>IRAN</Comment></SanctionsMeasure>
      <SanctionsMeasure SanctionsTypeID="1"><Comment>SDGT</Comment></SanctionsMeasure>
    </SanctionsEntry>
  </SanctionsEntries>
</Sanctions>
"""

SDN_ENHANCED = f"""<?xml version="1.0" encoding="utf-8"?>
<sanctionsData xmlns="{ENHANCED_NS}">
  <publicationInfo>
    <dataAsOf>2024-05-03T00:00:00</dataAsOf>
    <filters><sanctionsLists><sanctionsList refId="1550">SDN List</sanctionsList></sanctionsLists></filters>
  </publicationInfo>
  <referenceValues>
    <referenceValue refId="11112"><type>COUNTRY</type><value>Iran</value><isoCode>IR</isoCode></referenceValue>
  </referenceValues>
  <entities>
    <entity id="2001">
      <generalInfo><entityType refId="603">Aircraft</entityType></generalInfo>
      <sanctionsPrograms><sanctionsProgram refId="1">IRAN-EO13224</sanctionsProgram></sanctionsPrograms>
      <names><name><isPrimary>true</isPrimary><isLowQuality>false</isLowQuality><translations>
        <translation><isPrimary>true</isPrimary><formattedFullName>EP-ABC</formattedFullName></translation>
      </translations></name></names>
      <features>
        <feature><type featureTypeId="1">Aircraft Model</type><value>Boeing 747</value></feature>
      </features>
    </entity>
    <entity id="2002">
      <generalInfo><entityType refId="600">Individual</entityType><remarks>Gender Male</remarks></generalInfo>
      <sanctionsPrograms><sanctionsProgram refId="2">SDGT</sanctionsProgram></sanctionsPrograms>
      <names><name><isPrimary>true</isPrimary><isLowQuality>false</isLowQuality><translations>
        <translation><isPrimary>true</isPrimary><formattedFullName>RAHIMI, Ali</formattedFullName></translation>
        <translation><isPrimary>false</isPrimary><formattedFullName>علی رحیمی</formattedFullName></translation>
      </translations></name></names>
      <features>
        <feature><type featureTypeId="8">Birthdate</type><value>14 Dec 1960</value></feature>
        <feature><type featureTypeId="10">Nationality Country</type><value>Iran</value><valueRefId>11112</valueRefId></feature>
      </features>
      <identityDocuments>
        <identityDocument><type refId="1571">Passport</type><documentNumber>A123</documentNumber>
          <isValid>true</isValid><issuingCountry refId="11112">Iran</issuingCountry></identityDocument>
      </identityDocuments>
      <relationships>
        <relationship><type refId="15003">Owned or Controlled By</type><relatedEntity entityId="2001">EP-ABC</relatedEntity></relationship>
      </relationships>
    </entity>
  </entities>
</sanctionsData>
"""


def test_a_hand_built_sdn_advanced_file(tmp_path: Path) -> None:
    """An SDN_ADVANCED.XML (newer namespace) is the SDN list by its list name: an
    individual, a vessel and an entity with every kind of fact, each read into its field."""
    path = tmp_path / "SDN_ADVANCED.XML"
    path.write_text(SDN_ADVANCED, encoding="utf-8")
    tracker = st.load(path, bundled=False)
    (dataset,) = tracker.datasets
    assert dataset.kind == "Specially Designated Nationals and Blocked Persons List"
    assert dataset.as_of == dt.date(2024, 5, 3)
    pak = tracker.get("us-ofac-sdn:1001")
    assert isinstance(pak, Designation)
    assert pak.party.names == (
        Name("PAK, Chol Su"),
        Name("PAK CHOL", NameKind.AKA, weak=True),
        Name("PARK, Cheol", NameKind.FKA),
    )
    assert pak.party.birth_dates == (PartialDate(1960, circa=True, until_year=1962),)
    assert pak.party.nationalities == ("KP",)
    assert pak.party.gender == "male"
    passport, ring = pak.party.identifiers
    assert passport == Identifier(
        "passport",
        "P1234567",
        "KP",
        issued_on=PartialDate(2010, 6, 1),
        expires_on=PartialDate(2020, 5, 31),
        note="fraudulent",
    )
    assert (ring.kind, ring.value, ring.note) == (
        "secret-decoder-ring",
        "XYZ-1",
        "Secret Decoder Ring",
    )
    assert "Favourite Colour blue" in pak.party.information
    vessel = tracker.get("us-ofac-sdn:1002")
    assert isinstance(vessel, Designation)
    assert vessel.party.kind is PartyKind.VESSEL
    assert vessel.party.vessel is not None
    assert (vessel.party.vessel.vessel_type, vessel.party.vessel.call_sign) == (
        "Crude Oil Tanker",
        "9HA1234",
    )
    assert (vessel.party.vessel.flag, vessel.party.vessel.year_of_build) == ("Iran", 1999)
    assert Identifier("imo", "9187629") in vessel.party.identifiers
    assert Identifier("digital-currency-address", "1AbCdEfGh", note="XBT") in (
        vessel.party.identifiers
    )
    assert vessel.party.links == (
        Link("owned-or-controlled-by", "GOLDEN TRADING LLC", "us-ofac-sdn:1003"),
    )
    golden = tracker.get("us-ofac-sdn:1003")
    assert isinstance(golden, Designation)
    assert golden.programs == ("IRAN", "SDGT")
    assert golden.party.addresses == (
        Address(street="1 Harbour Road", city="Bandar Abbas", country="IR"),
    )
    assert golden.party.remarks == "All offices worldwide"
    account = _account(tracker)
    assert account.balanced
    assert (account.rows_read, account.records_made) == (3, 3)
    kept = {p.reason.split(" ")[0]: p for p in account.unparsed_remarks}
    assert set(kept) == {"feature", "identity"}
    lines = SDN_ADVANCED.splitlines()
    assert 'IDRegDocTypeID="9"' in lines[kept["identity"].line - 1]
    assert 'FeatureTypeID="6"' in lines[kept["feature"].line - 1]


def test_a_hand_built_sdn_enhanced_file_plain_gzipped_and_zipped(tmp_path: Path) -> None:
    """An SDN_ENHANCED.XML gives the same records plain, gzipped, or alone in a zip (of
    any name): an aircraft, an individual with a non-Latin a.k.a. and a resolved link."""
    plain = tmp_path / "SDN_ENHANCED.XML"
    plain.write_text(SDN_ENHANCED, encoding="utf-8")
    gzipped = tmp_path / "list.gz"
    gzipped.write_bytes(gzip.compress(SDN_ENHANCED.encode("utf-8")))
    zipped = tmp_path / "download.dat"
    with zipfile.ZipFile(zipped, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("SDN_ENHANCED.XML", SDN_ENHANCED)
    trackers = [st.load(path, bundled=False) for path in (plain, gzipped, zipped)]
    facts = [[(d.id, d.party, d.programs) for d in t.designations()] for t in trackers]
    assert len(facts[0]) == 2
    assert facts[0] == facts[1] == facts[2]
    tracker = trackers[0]
    (dataset,) = tracker.datasets
    assert dataset.kind == "Specially Designated Nationals and Blocked Persons List"
    aircraft = tracker.get("us-ofac-sdn:2001")
    assert isinstance(aircraft, Designation)
    assert aircraft.party.kind is PartyKind.AIRCRAFT
    assert aircraft.party.aircraft is not None
    assert aircraft.party.aircraft.models == ("Boeing 747",)
    rahimi = tracker.get("us-ofac-sdn:2002")
    assert isinstance(rahimi, Designation)
    assert rahimi.party.names == (Name("RAHIMI, Ali"), Name("علی رحیمی", NameKind.AKA))
    assert rahimi.party.birth_dates == (PartialDate(1960, 12, 14),)
    assert rahimi.party.nationalities == ("IR",)
    assert rahimi.party.gender == "male"
    assert rahimi.party.identifiers == (Identifier("passport", "A123", "IR"),)
    assert rahimi.party.links == (Link("owned-or-controlled-by", "EP-ABC", "us-ofac-sdn:2001"),)
    found = recognise(zipped, "download.dat")
    assert found is not None
    assert isinstance(found.file, OfacXmlFile)
    assert (found.file.schema, found.file.member) == (XmlSchema.ENHANCED, "SDN_ENHANCED.XML")


def test_the_list_comes_from_program_tags_when_the_document_names_none(tmp_path: Path) -> None:
    """Without list names, a file where the non-SDN tags are common is the Consolidated
    list (as for the CSV)."""
    text = SDN_ENHANCED.replace('<sanctionsList refId="1550">SDN List</sanctionsList>', "").replace(
        ">SDGT<", ">NS-PLC<"
    )
    path = tmp_path / "list.xml"
    path.write_text(text, encoding="utf-8")
    assert {d.list_id for d in st.load(path, bundled=False).designations()} == {"us-ofac-cons"}


# --------------------------------------------------------------------------- refusals

_BOMB = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<sanctionsData xmlns="{ns}"><publicationInfo><dataAsOf>&lol9;</dataAsOf></publicationInfo></sanctionsData>
"""
_EXTERNAL = """<?xml version="1.0"?>
<!DOCTYPE sanctionsData [ <!ENTITY xxe SYSTEM "{url}"> ]>
<sanctionsData xmlns="{ns}"><entities><entity id="1"><generalInfo><remarks>&xxe;</remarks>
</generalInfo></entity></entities></sanctionsData>
"""
_EXTERNAL_DTD = """<?xml version="1.0"?>
<!DOCTYPE sanctionsData SYSTEM "{url}">
<sanctionsData xmlns="{ns}"/>
"""


def _hostile(kind: str, url: str) -> str:
    template = {"bomb": _BOMB, "entity": _EXTERNAL, "dtd": _EXTERNAL_DTD}[kind]
    return template.format(ns=ENHANCED_NS, url=url)


@pytest.mark.parametrize(
    ("kind", "url"),
    [
        ("bomb", ""),
        ("entity", "file:///etc/hostname"),
        ("entity", "http://127.0.0.1:9/secret.txt"),
        ("dtd", "http://127.0.0.1:9/evil.dtd"),
        ("dtd", "file:///etc/hostname"),
    ],
)
def test_hostile_xml_is_refused_without_expanding_or_fetching(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str, url: str
) -> None:
    """A billion laughs, an external entity (file or URL) or an external DTD: one
    SourceError about the DTD, quickly, with nothing read from the file or the network."""

    def no_network(*_args: object, **_kwargs: object) -> None:
        pytest.fail("the parser tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    path = tmp_path / "hostile.xml"
    path.write_text(_hostile(kind, url), encoding="utf-8")
    with pytest.raises(st.SourceError, match="declares a DTD") as caught:
        st.load(path, bundled=False)
    hostname = Path("/etc/hostname")
    if hostname.exists() and hostname.read_text().strip():
        assert hostname.read_text().strip() not in str(caught.value)


def _zip(*members: tuple[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members:
            archive.writestr(name, data)
    return buffer.getvalue()


def _broken_files() -> list[tuple[str, Callable[[], bytes], str]]:
    """(name, content, what the error says) of files that cannot be loaded."""

    def truncated_gz() -> bytes:
        return ADVANCED.read_bytes()[:50_000]

    def truncated_zip() -> bytes:
        return ENHANCED.read_bytes()[:100_000]

    def corrupt_zip() -> bytes:
        data = bytearray(ENHANCED.read_bytes())
        data[5000:5100] = b"x" * 100
        return bytes(data)

    def truncated_xml() -> bytes:
        return SDN_ENHANCED.encode("utf-8")[:800]

    return [
        ("cons.xml.gz", truncated_gz, "the gzip data is truncated or corrupt"),
        ("CONS.ZIP", truncated_zip, "the zip archive is truncated or corrupt"),
        ("CONS2.ZIP", corrupt_zip, "not well-formed XML"),
        ("two.zip", lambda: _zip(("a.xml", b"<a/>"), ("b.xml", b"<b/>")), "holds 2: a.xml, b.xml"),
        ("csv.zip", lambda: _zip(("sdn.csv", b"1,2\n")), "but no main list file"),
        ("empty.zip", _zip, "holds 0: nothing"),
        ("books.xml", lambda: b"<catalog><book/></catalog>", "root element <catalog>), not a list"),
        ("half.xml", truncated_xml, "not well-formed XML (line"),
        ("empty.xml", lambda: b"", "the file is empty"),
        ("blob.bin", lambda: bytes(range(256)) * 8, "a binary file"),
        ("page.html", lambda: b"<html><body>x</body></html>", "root element <html>"),
    ]


@needs_data
@pytest.mark.parametrize(
    ("name", "content", "message"), _broken_files(), ids=[b[0] for b in _broken_files()]
)
def test_a_file_that_cannot_be_read_gives_one_clear_error(
    write_fixture: Callable[..., Path], name: str, content: Callable[[], bytes], message: str
) -> None:
    """Truncated or corrupt archives, a zip of the wrong content, another XML schema,
    an empty or binary file: one SourceError naming the file and what is wrong."""
    path = write_fixture(content(), name)
    with pytest.raises(st.SourceError) as caught:
        st.load(path, bundled=False)
    assert message in str(caught.value)
    assert str(caught.value).startswith(str(path))


@needs_data
def test_two_forms_of_one_list_are_refused() -> None:
    """The CSV and an XML form of the Consolidated list in one load: load one version."""
    with pytest.raises(st.SourceError, match="a second Consolidated Sanctions List"):
        st.load(CSV, ENHANCED, bundled=False)


@needs_data
def test_diff_between_the_csv_and_xml_forms() -> None:
    """diff works across formats: the ids agree, so few entries are added or removed;
    the older (dated) file must come first."""
    changes = st.diff(CSV, ENHANCED, bundled=False)
    counts = changes.counts()
    assert counts["added"] + counts["removed"] <= 2
    assert changes.new_as_of == dt.date(2025, 1, 10)
    with pytest.raises(st.QueryError, match="out of order"):
        st.diff(ENHANCED, ADVANCED, bundled=False)


def _padded_advanced(padding: int) -> bytes:
    """An advanced-XML root with ``padding`` spaces inside: it unpacks big, packs small."""
    head = f'<?xml version="1.0" encoding="utf-8"?><Sanctions xmlns="{ADVANCED_NS}">'
    return head.encode() + b" " * padding + b"</Sanctions>"


@pytest.mark.parametrize("packing", ["gzip", "zip"])
def test_a_compression_bomb_is_refused_before_it_fills_the_memory(
    packing: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An OFAC XML list that unpacks to more than the limit (1 GiB; 1 MiB here), gzipped
    or zipped, is one clear error, found while streaming (gzip) or from the zip's own
    member size (zip), before the whole of it is read."""
    monkeypatch.setattr("sanctions_tracker.sources._files.MAX_UNPACKED_BYTES", 2**20)
    data = _padded_advanced(2**21)
    path = tmp_path / f"sdn_advanced.{'xml.gz' if packing == 'gzip' else 'zip'}"
    if packing == "gzip":
        path.write_bytes(gzip.compress(data))
    else:
        with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("SDN.XML", data)
    assert path.stat().st_size < 2**14
    with pytest.raises(st.SourceError, match="unpacks to more than 1 MB"):
        st.load(path)


def test_a_fixture_listing_date_the_xml_contradicts(tmp_path: Path) -> None:
    """The XML dates each listing: where a fixture gives another date, the list's date wins
    and the difference is reported (the CSV gives none, so there the fixture's stands)."""
    fixture = tmp_path / "mine.json"
    fixture.write_text(
        '{"sources": [{"id": "src-mine", "publisher": "Me", "title": "Notes"}],'
        ' "programs": [{"id": "NS-PLC", "name": "x", "sources": ["src-mine"]}],'
        ' "designations": [{"id": "us-ofac-cons:9639", "list_id": "us-ofac-cons",'
        ' "party": {"kind": "individual", "names": [{"full": "HANIYA, Ismail Abdul Salah"}]},'
        ' "programs": ["NS-PLC"], "sources": ["src-mine"], "listed_on": "2007-01-01"}]}',
        encoding="utf-8",
    )
    tracker = st.load(fixture, ENHANCED, bundled=False)
    haniya = tracker.get("us-ofac-cons:9639")
    assert isinstance(haniya, Designation)
    assert haniya.listed_on == dt.date(2006, 4, 12)
    assert "src-mine" in haniya.sources
    disagreements = [d for ds in tracker.datasets for a in ds.accounts for d in a.disagreements]
    assert [(d.field, d.fixture, d.listed) for d in disagreements] == [
        ("listed_on", "2007-01-01", "2006-04-12")
    ]
