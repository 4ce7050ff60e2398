"""The signals that place a designation in sectors, each on small cases of its own."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import pytest

import sanctions_tracker as st
from sanctions_tracker.records import (
    AircraftInfo,
    Designation,
    Identifier,
    Link,
    Name,
    NameKind,
    Party,
    PartyKind,
    SectorBasis,
    VesselInfo,
)
from sanctions_tracker.sectors import (
    SectorTaxonomy,
    assign_all,
    assign_sectors,
    isic_table,
    name_words,
    sector_coverage,
)
from sanctions_tracker.sectors._signals import curated_placements


@pytest.fixture(scope="module")
def taxonomy(bundled: st.Tracker) -> SectorTaxonomy:
    """The bundled taxonomy."""
    return bundled.taxonomy


def _entry(
    *names: str,
    kind: PartyKind = PartyKind.ENTITY,
    uid: str = "1",
    notes: Sequence[str] = (),
    organization_type: str | None = None,
    information: Sequence[str] = (),
    identifiers: Sequence[Identifier] = (),
    links: Sequence[Link] = (),
    vessel: VesselInfo | None = None,
    aircraft: AircraftInfo | None = None,
) -> Designation:
    return Designation(
        id=f"t:{uid}",
        list_id="t",
        party=Party(
            kind=kind,
            names=(Name(names[0]), *(Name(n, NameKind.AKA) for n in names[1:])),
            organization_type=organization_type,
            information=tuple(information),
            identifiers=tuple(identifiers),
            links=tuple(links),
            vessel=vessel,
            aircraft=aircraft,
        ),
        programs=("P",),
        sources=("s",),
        notes=tuple(notes),
    )


def _placed(designation: Designation, taxonomy: SectorTaxonomy) -> set[tuple[str, str, bool]]:
    found = assign_sectors(designation, {}, taxonomy)
    return {(a.sector, a.basis.value, a.inferred) for a in found.sectors}


# --------------------------------------------------------------------------- the ISIC table


def test_isic_table_has_the_official_structure() -> None:
    """ISIC Rev. 4 has 21 sections, 88 divisions, 238 groups and 419 classes (UNSD)."""
    assert isic_table().levels() == {"section": 21, "division": 88, "group": 238, "class": 419}


def test_isic_titles_are_found_as_lists_write_them() -> None:
    """Case, spelling and a cut tail do not matter; a title of another scheme is mapped."""
    table = isic_table()
    found = table.find("Defense activities")
    assert found is not None
    assert (found.code, found.title) == ("8422", "Defence activities")
    accounting = table.find("Accounting, bookkeeping and auditing activities")
    assert accounting is not None
    assert accounting.code == "6920"
    assert table.path("2410") == ("C", "24", "241", "2410")
    chemicals = table.find("Chemicals and allied products wholesale")
    assert chemicals is not None
    assert chemicals.code == "4669"
    assert table.find("Mining and Quarrying") == table.get("B")
    assert table.find("Making of widgets") is None


def test_every_sector_names_isic_codes_of_the_table(taxonomy: SectorTaxonomy) -> None:
    """The taxonomy's ISIC codes all exist, and every class reaches a sector but those of
    repair and personal services (95, 96), households (T) and extraterritorial bodies (U)."""
    table = isic_table()
    codes = [code for sector in taxonomy for code in sector.isic]
    assert codes
    assert [c for c in codes if c not in table] == []
    classes = [c for c in (f"{n:04d}" for n in range(10000)) if c in table]
    assert len(classes) == 419
    unplaced = {table.path(c)[1] for c in classes if not taxonomy.for_isic(table.path(c))}
    assert unplaced == {"95", "96", "97", "98", "99"}


def test_the_most_specific_code_wins_and_ties_keep_both(taxonomy: SectorTaxonomy) -> None:
    """2410 is steel (not manufacturing, section C); 4661 is energy and trade alike."""
    table = isic_table()
    assert taxonomy.for_isic(table.path("2410")) == ("steel",)
    assert taxonomy.for_isic(table.path("2811")) == ("manufacturing",)
    assert set(taxonomy.for_isic(table.path("4661"))) == {"energy", "trade"}


# --------------------------------------------------------------------------- the data tables


def test_every_rule_places_in_a_known_sector(taxonomy: SectorTaxonomy) -> None:
    """Every name-word rule and curated placement names a sector of the taxonomy."""
    assert name_words()
    assert [r.sector for r in name_words() if r.sector not in taxonomy] == []
    for placements in curated_placements().values():
        assert all(sector in taxonomy for sector, _ in placements)
    for rule in name_words():
        assert re.compile(rule.pattern) is not None
        assert not re.search(r"\((?!\?)", rule.pattern), f"{rule.pattern}: a capturing group"


# --------------------------------------------------------------------------- determinations


@pytest.mark.parametrize(
    ("note", "sector"),
    [
        ("Executive Order 13662 Directive Determination - Subject to Directive 1", "financial"),
        ("Executive Order 13662 Directive Determination - Subject to Directive 3", "defense"),
        ("Executive Order 13662 Directive Determination - Subject to Directive 4", "petroleum"),
        ("Listing Date (EO 14024 Directive 2): 24 Feb 2022", "financial"),
        ("IFCA Determination - Involved in the Shipping Sector", "shipping"),
        ("IFCA Determination - Port Operator", "shipping"),
        (
            (
                "Secondary sanctions risk: this person is designated for operating or having "
                "operated in a sector of the Russian Federation economy determined to support "
                "Russia's military-industrial base pursuant to section 11 of Executive Order 14024"
            ),
            "military-industrial-base",
        ),
        ("operating in the technology sector of the Russian Federation economy", "technology"),
        ("operating in the aerospace sector of the Russian Federation economy", "aircraft"),
    ],
)
def test_a_determination_places_by_its_own_words(
    note: str, sector: str, taxonomy: SectorTaxonomy
) -> None:
    """The determination the list records is read as stated, not inferred."""
    assert (sector, "determination", False) in _placed(_entry("X", notes=[note]), taxonomy)


def test_a_determination_of_two_sectors_falls_in_their_common_parent(
    taxonomy: SectorTaxonomy,
) -> None:
    """'metals and mining' is industry (their parent); a sector the taxonomy lacks: nothing."""
    both = "operating in the metals and mining sector of the Russian Federation economy"
    assert _placed(_entry("X", notes=[both]), taxonomy) == {("industry", "determination", False)}
    odd = "operating in the widgets sector of the Russian Federation economy"
    assert _placed(_entry("X", notes=[odd]), taxonomy) == set()


def test_directive_3_of_eo_14024_places_nothing(taxonomy: SectorTaxonomy) -> None:
    """Directive 3 (new debt and equity) is not about a sector."""
    note = "Listing Date (EO 14024 Directive 3): 24 Feb 2022"
    assert _placed(_entry("X", notes=[note]), taxonomy) == set()


# --------------------------------------------------------------------------- organization type


def test_organization_type_goes_through_the_isic_table(taxonomy: SectorTaxonomy) -> None:
    """OFAC's organization type, read by the importer or kept as text, is an ISIC class."""
    read = _entry("X", organization_type="Manufacture of basic iron and steel")
    assert _placed(read, taxonomy) == {("steel", "organization-type", False)}
    kept = _entry("X", information=["Organization Type, Sea and coastal freight water transport"])
    assert _placed(kept, taxonomy) == {("shipping", "organization-type", False)}
    reason = assign_sectors(read, {}, taxonomy).sectors[0].reason
    assert "ISIC Rev. 4 class 2410" in reason


def test_target_types(taxonomy: SectorTaxonomy) -> None:
    """Financial institutions, government entities and charities; other types say nothing."""
    assert _placed(_entry("X", notes=["Target Type Financial Institution"]), taxonomy) == {
        ("financial", "organization-type", False)
    }
    assert _placed(_entry("X", notes=["Target Type Government Entity"]), taxonomy) == {
        ("government", "organization-type", False)
    }
    assert _placed(_entry("X", notes=["Target Type State-Owned Enterprise"]), taxonomy) == set()


# --------------------------------------------------------------------------- identifiers


def test_identifiers_and_kinds(taxonomy: SectorTaxonomy) -> None:
    """A vessel, an aircraft, a SWIFT/BIC code, a BIK and an IMO company number."""
    assert _placed(_entry("NS LION", kind=PartyKind.VESSEL), taxonomy) == {
        ("shipping", "identifier", False)
    }
    assert _placed(_entry("EP-MNA", kind=PartyKind.AIRCRAFT), taxonomy) == {
        ("aviation", "identifier", False)
    }
    swift = _entry("X", identifiers=[Identifier("swift-bic", "SABRRUMM")])
    assert _placed(swift, taxonomy) == {("financial", "identifier", False)}
    imo = _entry("X", identifiers=[Identifier("imo-company-number", "5987654")])
    assert _placed(imo, taxonomy) == {("shipping", "identifier", False)}


def test_owners_and_operators_of_listed_craft(taxonomy: SectorTaxonomy) -> None:
    """A vessel's owner column and an aircraft's link place the entity they name."""
    owner = _entry("ACME HOLDING", uid="1")
    carrier = _entry("ACME CARRIER LTD", uid="2")
    ship = _entry(
        "BIG SHIP", kind=PartyKind.VESSEL, uid="3", vessel=VesselInfo(owner="Acme Holding")
    )
    plane = _entry(
        "EP-ABC",
        kind=PartyKind.AIRCRAFT,
        uid="4",
        links=[Link("linked-to", "ACME CARRIER LTD", target="t:2")],
    )
    placed = {d.id: d for d in assign_all([owner, carrier, ship, plane], {}, taxonomy)}
    assert [(a.sector, a.basis) for a in placed["t:1"].sectors] == [
        ("shipping", SectorBasis.IDENTIFIER)
    ]
    assert "names it as its owner" in placed["t:1"].sectors[0].reason
    assert [(a.sector, a.basis) for a in placed["t:2"].sectors] == [
        ("aviation", SectorBasis.IDENTIFIER)
    ]


# --------------------------------------------------------------------------- names


@pytest.mark.parametrize(
    ("names", "sectors"),
    [
        (["PUBLIC JOINT STOCK COMPANY SEVERSTAL"], {"steel"}),
        (["ПАО СЕВЕРСТАЛЬ"], {"steel"}),
        (["ACME LTD", "MECHEL STEEL GROUP OAO"], {"steel"}),
        (["BANCO NACIONAL DE CUBA"], {"banking"}),
        (["БАНК РОССИИ"], {"banking"}),
        (["BANK OF INDUSTRY AND MINE"], {"banking"}),
        (["MAHAN AIR"], {"aviation"}),
        (["SYRIAN AIR FORCE"], {"defense"}),
        (["JOINT STOCK COMPANY SOVCOMFLOT"], {"shipping"}),
        (["AEROFLOT"], {"aviation"}),
        (["ROSNEFT TRADING S.A."], {"petroleum", "trade"}),
        (["OSKOL ELECTROMETALLURGICAL PLANT AO"], {"metals"}),
        (["GRUPO CRISTAL CORONA"], set()),
        (["GAZA NOW"], set()),
        (["SOCIEDAD ANONIMA DE CAPITAL VARIABLE"], set()),
        (["INVESTIGATIVE COMMITTEE"], set()),
    ],
)
def test_name_words(names: list[str], sectors: set[str], taxonomy: SectorTaxonomy) -> None:
    """Words of any name, in any script, place an entity (inferred); near misses do not."""
    found = _placed(_entry(*names), taxonomy)
    assert {s for s, _, _ in found} == sectors
    assert all(basis == "name" and inferred for _, basis, inferred in found)


def test_name_reasons_give_the_word_and_its_language(taxonomy: SectorTaxonomy) -> None:
    """An English word is quoted; another language's says what it means."""
    english = assign_sectors(_entry("KHAZAR STEEL CO."), {}, taxonomy).sectors
    assert [a.reason for a in english] == ["the name says 'STEEL'"]
    russian = assign_sectors(_entry("X", "ПАО СЕВЕРСТАЛЬ"), {}, taxonomy).sectors
    assert [a.reason for a in russian] == [
        "the name 'ПАО СЕВЕРСТАЛЬ' says 'SEVERSTAL' (Russian, Ukrainian: steel)"
    ]


def test_names_of_people_are_not_read(taxonomy: SectorTaxonomy) -> None:
    """An individual named BANKS is no bank; an unknown kind is read when it has a legal form."""
    assert _placed(_entry("BANKS, John", kind=PartyKind.INDIVIDUAL), taxonomy) == set()
    assert _placed(_entry("BANKS, John", kind=PartyKind.UNKNOWN), taxonomy) == set()
    company = _entry("ACME STEEL CO LTD", kind=PartyKind.UNKNOWN)
    assert _placed(company, taxonomy) == {("steel", "name", True)}


# --------------------------------------------------------------------------- links


def test_links_carry_what_a_party_does_to_one_placed_by_nothing_else(
    taxonomy: SectorTaxonomy,
) -> None:
    """A subsidiary gets its parent's trade (inferred), not its being a bank."""
    steelmaker = _entry("X", uid="1", organization_type="Manufacture of basic iron and steel")
    subsidiary = _entry("Y", uid="2", links=[Link("linked-to", "X", target="t:1")])
    bank = _entry("Z", uid="3", identifiers=[Identifier("swift-bic", "ZZZZRUMM")])
    bank_company = _entry("W", uid="4", links=[Link("linked-to", "Z", target="t:3")])
    placed = {
        d.id: d for d in assign_all([steelmaker, subsidiary, bank, bank_company], {}, taxonomy)
    }
    (carried,) = placed["t:2"].sectors
    assert (carried.sector, carried.basis, carried.inferred) == ("steel", SectorBasis.LINK, True)
    assert carried.reason == "linked to parties in steel: X (named in its links)"
    assert placed["t:4"].sectors == ()


def test_links_that_disagree_place_in_the_common_parent_or_nowhere(
    taxonomy: SectorTaxonomy,
) -> None:
    """Steel and metals parents give metals; steel and shipping (a ship operator) nothing."""
    steel = _entry("A", uid="1", organization_type="Manufacture of basic iron and steel")
    metal = _entry(
        "B", uid="2", organization_type="Manufacture of basic precious and other non-ferrous metals"
    )
    ship = _entry("C", uid="3", identifiers=[Identifier("imo-company-number", "5987654")])
    first = _entry(
        "D",
        uid="4",
        links=[Link("linked-to", "A", target="t:1"), Link("linked-to", "B", target="t:2")],
    )
    second = _entry(
        "E",
        uid="5",
        links=[Link("linked-to", "A", target="t:1"), Link("linked-to", "C", target="t:3")],
    )
    placed = {d.id: d for d in assign_all([steel, metal, ship, first, second], {}, taxonomy)}
    assert [a.sector for a in placed["t:4"].sectors] == ["metals"]
    assert placed["t:5"].sectors == ()


# --------------------------------------------------------------------------- coverage


def test_coverage_counts_each_list(taxonomy: SectorTaxonomy) -> None:
    """Placed, not inferred, non-individuals, and the strongest basis of each."""
    entries = [
        _entry("ACME STEEL", uid="1"),
        _entry("X", uid="2", notes=["Target Type Financial Institution"]),
        _entry("DOE, John", uid="3", kind=PartyKind.INDIVIDUAL),
        _entry("SHIP", uid="4", kind=PartyKind.VESSEL),
    ]
    (coverage,) = sector_coverage(assign_all(entries, {}, taxonomy))
    assert (coverage.list_id, coverage.designations, coverage.placed, coverage.stated) == (
        "t",
        4,
        3,
        2,
    )
    assert (coverage.organizations, coverage.organizations_placed) == (3, 3)
    assert coverage.unplaced == 1
    assert coverage.by_basis == (("organization-type", 1), ("identifier", 1), ("name", 1))


def test_the_inferred_filter(bundled: st.Tracker) -> None:
    """designations(sector, inferred=False) keeps only placements that are not inferred."""
    tracker = bundled
    by_name = tracker.designations(sector="steel")
    stated = tracker.designations(sector="steel", inferred=False)
    assert stated
    assert set(stated) <= set(by_name)
    assert all(any(a.sector == "steel" and not a.inferred for a in d.sectors) for d in stated)


def test_docs_table_of_name_words_matches_the_rules() -> None:
    """docs/sectors.md lists exactly the name-word rules of name_words.tsv, in order."""
    doc = Path(__file__).resolve().parents[1] / "docs" / "sectors.md"
    text = doc.read_text(encoding="utf-8").split("## The name words", 1)[1]
    rows = []
    for line in text.splitlines():
        if line.startswith("| ") and "`" in line:
            cells = [c.strip() for c in re.split(r"(?<!\\)\|", line.strip("|"))]
            rows.append((cells[0], cells[1], cells[2].strip("`").replace("\\|", "|"), cells[3]))
    assert rows == [(r.sector, r.language, r.pattern, r.meaning) for r in name_words()]
