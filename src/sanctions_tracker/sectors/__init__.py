"""The sector taxonomy, and how a designation gets its sectors (each with its reason).

Sectors form a forest: ``steel`` has parent ``metals``, which has parent ``industry``. A
look-up by a sector includes its descendants (asking for ``metals`` finds ``steel``). Each
sector names the ISIC Rev. 4 codes it covers, so that a list's organization type (an
ISIC/NACE class title) places a party through the official table.

A designation's sectors come from its curated record (``fixture``) and from the signals
of ``_signals``, strongest first: an official determination, the list's organization
type, identifiers, the program, the words of the names (inferred) and, for a designation
nothing else places, its linked parties' sectors (inferred). ``docs/sectors.md`` lists
every rule.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import attrs

from sanctions_tracker.records import (
    Designation,
    PartyKind,
    Program,
    SectorAssignment,
    SectorBasis,
)
from sanctions_tracker.sectors._coverage import ListCoverage, sector_coverage
from sanctions_tracker.sectors._isic import IsicClass, IsicTable, isic_table
from sanctions_tracker.sectors._signals import (
    derived_assignments,
    link_assignments,
    organization_types,
    owner_assignments,
)
from sanctions_tracker.sectors._taxonomy import SectorTaxonomy
from sanctions_tracker.sectors._words import NameWord, name_words

__all__ = [
    "IsicClass",
    "IsicTable",
    "ListCoverage",
    "NameWord",
    "SectorTaxonomy",
    "assign_all",
    "assign_sectors",
    "isic_table",
    "name_words",
    "organization_types",
    "sector_coverage",
]


def _merge(
    designation: Designation, found: Iterable[SectorAssignment], taxonomy: SectorTaxonomy
) -> Designation:
    """The designation with ``found`` added: one assignment per sector and basis, known
    sectors only, strongest first (the curated ones first of all)."""
    added: list[SectorAssignment] = []
    seen = {(a.sector, a.basis) for a in designation.sectors}
    for assignment in found:
        key = (assignment.sector, assignment.basis)
        if key not in seen and assignment.sector in taxonomy:
            seen.add(key)
            added.append(assignment)
    if not added:
        return designation
    ordered = sorted((*designation.sectors, *added), key=lambda a: a.strength)
    return attrs.evolve(designation, sectors=tuple(ordered))


def assign_sectors(
    designation: Designation, programs: Mapping[str, Program], taxonomy: SectorTaxonomy
) -> Designation:
    """The designation with the sectors its own record gives added (no linked party's).

    An assignment whose sector the taxonomy does not hold is left out, and so is a second
    one with the same sector and basis.
    """
    return _merge(designation, derived_assignments(designation, programs, taxonomy), taxonomy)


def _name_index(designations: Sequence[Designation]) -> dict[str, str]:
    """Entities by their names (case-folded); a name two entities share is left out."""
    index: dict[str, str] = {}
    shared: set[str] = set()
    for designation in designations:
        if designation.party.kind is PartyKind.VESSEL or designation.party.kind is (
            PartyKind.AIRCRAFT
        ):
            continue
        for name in designation.party.names:
            key = name.full.casefold().strip()
            if index.setdefault(key, designation.id) != designation.id:
                shared.add(key)
    for key in shared:
        del index[key]
    return index


_ORGANIZATIONS = frozenset({PartyKind.ENTITY, PartyKind.UNKNOWN})


# Sectors that say what a party is, not what it does, do not carry over a link: the
# companies of a bank, an investment holding, a ministry or a foundation are not banks,
# ministries or foundations, and a sector determination is made for one party.
_NOT_CARRIED = (
    "financial",
    "government",
    "non-profit",
    "political-organizations",
    "military-industrial-base",
)


def _own(
    assignments: Sequence[SectorAssignment], taxonomy: SectorTaxonomy
) -> tuple[SectorAssignment, ...]:
    """A party's placements that may carry over a link: its own (not carried over
    themselves), in sectors that say what it does."""
    kept = frozenset().union(*(taxonomy.descendants(s) for s in _NOT_CARRIED if s in taxonomy))
    return tuple(a for a in assignments if a.basis is not SectorBasis.LINK and a.sector not in kept)


def assign_all(
    designations: Iterable[Designation],
    programs: Mapping[str, Program],
    taxonomy: SectorTaxonomy,
) -> list[Designation]:
    """Every designation with its sectors, in the order given.

    First each designation's own signals; then the owners and operators of listed
    vessels and aircraft; then, for a designation still in no sector, the sectors of the
    parties it is linked to or that are linked to it (inferred).
    """
    placed = [assign_sectors(d, programs, taxonomy) for d in designations]
    owners = owner_assignments(placed, _name_index(placed))
    if owners:
        placed = [_merge(d, owners[d.id], taxonomy) if d.id in owners else d for d in placed]
    by_id = {d.id: d for d in placed}
    linked: dict[str, list[tuple[str, Sequence[SectorAssignment]]]] = {}
    for designation in placed:
        if designation.party.kind not in _ORGANIZATIONS:
            continue
        for link in designation.party.links:
            other = by_id.get(link.target) if link.target else None
            if (
                other is None
                or other.id == designation.id
                or other.party.kind not in (_ORGANIZATIONS)
            ):
                continue
            linked.setdefault(designation.id, []).append(
                (f"{other.name} (named in its links)", _own(other.sectors, taxonomy))
            )
            linked.setdefault(other.id, []).append(
                (
                    f"{designation.name} (which names it in its links)",
                    _own(designation.sectors, taxonomy),
                )
            )
    result = []
    for designation in placed:
        if designation.sectors or designation.id not in linked:
            result.append(designation)
            continue
        found = link_assignments(designation, linked[designation.id], taxonomy)
        result.append(_merge(designation, found, taxonomy))
    return result
