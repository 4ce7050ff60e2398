"""The sector taxonomy and how designations get their sectors."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from sanctions_tracker.errors import QueryError
from sanctions_tracker.records import (
    Designation,
    Name,
    Party,
    PartyKind,
    Program,
    ProgramSector,
    Sector,
    SectorAssignment,
    SectorBasis,
)
from sanctions_tracker.sectors import SectorTaxonomy, assign_sectors

TAXONOMY = SectorTaxonomy(
    [
        Sector("industry", "Industry"),
        Sector("metals", "Metals", parent="industry"),
        Sector("steel", "Steel", parent="metals", aliases=("iron and steel",)),
        Sector("copper", "Copper", parent="metals"),
        Sector("mining", "Mining", parent="industry"),
        Sector("financial", "Financial"),
    ]
)


def _designation(*programs: str, listed_on: dt.date | None = None) -> Designation:
    return Designation(
        id="t:1",
        list_id="t",
        party=Party(kind=PartyKind.ENTITY, names=(Name("X"),)),
        programs=programs,
        sources=("s",),
        listed_on=listed_on,
    )


def _program(program_id: str, *rules: ProgramSector) -> Program:
    return Program(id=program_id, name=program_id, sources=("s",), sectors=rules)


def test_descendants_ancestors_and_path() -> None:
    """steel ⊂ metals ⊂ industry, seen from both ends."""
    assert TAXONOMY.descendants("metals") == {"metals", "steel", "copper"}
    assert TAXONOMY.ancestors("steel") == ("steel", "metals", "industry")
    assert TAXONOMY.path("steel") == "industry > metals > steel"
    assert TAXONOMY.related("metals") == {"metals", "steel", "copper", "industry"}


def test_common_parent() -> None:
    """Siblings share their parent; sectors in different trees share nothing."""
    assert TAXONOMY.common_parent(["steel", "copper"]) == "metals"
    assert TAXONOMY.common_parent(["steel", "mining"]) == "industry"
    assert TAXONOMY.common_parent(["steel"]) == "steel"
    assert TAXONOMY.common_parent(["steel", "financial"]) is None


def test_resolve_by_alias_and_unknown() -> None:
    """Names resolve loosely; an unknown one suggests close names."""
    assert TAXONOMY.resolve("IRON AND STEEL") == "steel"
    assert TAXONOMY.resolve("Financial") == "financial"
    with pytest.raises(QueryError, match="did you mean 'copper'"):
        TAXONOMY.resolve("coper")


def test_single_sector_program_assigns_it() -> None:
    """A program with one criterion sector puts its designations there, with its reason."""
    programs = {"P": _program("P", ProgramSector("steel", "targets steel"))}
    (assignment,) = assign_sectors(_designation("P"), programs, TAXONOMY).sectors
    assert assignment == SectorAssignment(
        "steel", SectorBasis.PROGRAM, "program P: targets steel", inferred=False
    )


def test_multi_sector_program_assigns_common_parent_or_nothing() -> None:
    """Four metals give metals; metals and financial give nothing (no common parent)."""
    metals = _program("M", ProgramSector("steel", "r"), ProgramSector("copper", "r"))
    mixed = _program("X", ProgramSector("steel", "r"), ProgramSector("financial", "r"))
    assert [
        a.sector for a in assign_sectors(_designation("M"), {"M": metals}, TAXONOMY).sectors
    ] == ["metals"]
    assert assign_sectors(_designation("X"), {"X": mixed}, TAXONOMY).sectors == ()


def test_rules_in_force_on_the_listing_date_only() -> None:
    """A sector added by a later determination does not count for earlier listings."""
    program = _program(
        "P",
        ProgramSector("mining", "r", since=dt.date(2020, 1, 10)),
        ProgramSector("financial", "r", since=dt.date(2020, 10, 8)),
    )
    early = assign_sectors(
        _designation("P", listed_on=dt.date(2020, 2, 1)), {"P": program}, TAXONOMY
    )
    late = assign_sectors(
        _designation("P", listed_on=dt.date(2021, 2, 1)), {"P": program}, TAXONOMY
    )
    assert [a.sector for a in early.sectors] == ["mining"]
    assert late.sectors == ()


def test_a_listing_before_the_program_says_nothing_of_its_date() -> None:
    """Listed (on another list) before the program reached any sector: the listing date
    is not when the program came, so every reach counts, as when the date is unknown."""
    program = _program("P", ProgramSector("mining", "r", since=dt.date(2020, 1, 10)))
    earlier = assign_sectors(
        _designation("P", listed_on=dt.date(2015, 12, 22)), {"P": program}, TAXONOMY
    )
    undated = assign_sectors(_designation("P"), {"P": program}, TAXONOMY)
    assert [a.sector for a in earlier.sectors] == [a.sector for a in undated.sectors] == ["mining"]


def test_non_criterion_rule_assigns_nothing() -> None:
    """A program that only restricts dealings in a sector puts no one in it."""
    program = _program("F", ProgramSector("financial", "restricts", criterion=False))
    assert assign_sectors(_designation("F"), {"F": program}, TAXONOMY).sectors == ()


def test_fixture_assignments_are_kept_first() -> None:
    """What the fixture says stays, and the program's assignment is added after it."""
    designation = _designation("P")
    designation = Designation(
        **{f: getattr(designation, f) for f in ("id", "list_id", "party", "programs", "sources")},
        sectors=(SectorAssignment("steel", SectorBasis.FIXTURE, "named"),),
    )
    programs = {"P": _program("P", ProgramSector("steel", "r"), ProgramSector("copper", "r"))}
    assigned = assign_sectors(designation, programs, TAXONOMY)
    assert [(a.sector, a.basis) for a in assigned.sectors] == [
        ("steel", SectorBasis.FIXTURE),
        ("metals", SectorBasis.PROGRAM),
    ]


def test_docs_table_of_program_reaches_matches_the_fixtures() -> None:
    """docs/sectors.md lists exactly the bundled programs' sector reaches."""
    import sanctions_tracker as st  # noqa: PLC0415 - only this test needs the bundled set

    doc = Path(__file__).resolve().parents[1] / "docs" / "sectors.md"
    rows = set()
    for line in doc.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip("|").split("|")]
        if len(cells) == 5 and cells[4] in {"yes", "no"}:
            rows.add(tuple(cells))
    tracker = st.load()
    expected = set()
    for program in tracker.programs():
        for rule in program.sectors:
            authority = (
                tracker.authority(rule.authority).code
                if rule.authority
                else ", ".join(tracker.authority(a).code for a in program.authorities)
            )
            since = rule.since.isoformat() if rule.since else "—"
            criterion = "yes" if rule.criterion else "no"
            expected.add((program.id, rule.sector, since, authority, criterion))
    assert rows == expected
