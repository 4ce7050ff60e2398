"""The sector taxonomy, and how a designation gets its sectors (each with its reason).

Sectors form a forest: ``steel`` has parent ``metals``, which has parent ``industry``. A
look-up by a sector includes its descendants (asking for ``metals`` finds ``steel``).

A designation's sectors come from three places, each kept with its reason:

- **fixture**: the curated record names it (``basis="fixture"``);
- **program**: the programs it is listed under, where operating in a sector is a ground
  for designation (``ProgramSector.criterion``). A program with one such sector puts the
  designation in that sector; a program that reaches several puts it in
  their nearest common parent (E.O. 13871 reaches iron, steel, aluminum and copper, so its
  designations fall in ``metals`` until something says which metal), and in none when
  the sectors share no parent. Only the sectors in force on the listing date count when
  the listing date is known (E.O. 13902 reached the financial sector from 8 Oct 2020);
- **remarks** and **name**: read from the list's own words (added with the official lists).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator, Mapping, Sequence

import attrs

from sanctions_tracker.errors import QueryError
from sanctions_tracker.records import (
    Designation,
    Program,
    Sector,
    SectorAssignment,
    SectorBasis,
)

__all__ = ["SectorTaxonomy", "assign_sectors"]


def _key(text: str) -> str:
    return " ".join(text.casefold().replace("-", " ").replace("_", " ").split())


class SectorTaxonomy:
    """The sectors by id, with their parents and children; answers look-ups by name."""

    __slots__ = ("_by_id", "_by_key", "_children")

    def __init__(self, sectors: Iterable[Sector]) -> None:
        self._by_id: dict[str, Sector] = {sector.id: sector for sector in sectors}
        self._children: dict[str, list[str]] = {sector_id: [] for sector_id in self._by_id}
        self._by_key: dict[str, str] = {}
        for sector in self._by_id.values():
            if sector.parent is not None and sector.parent in self._children:
                self._children[sector.parent].append(sector.id)
            for name in (sector.id, sector.name, *sector.aliases):
                self._by_key.setdefault(_key(name), sector.id)

    def __len__(self) -> int:
        return len(self._by_id)

    def __iter__(self) -> Iterator[Sector]:
        return iter(self._by_id.values())

    def __contains__(self, sector_id: object) -> bool:
        return sector_id in self._by_id

    def __repr__(self) -> str:
        return f"<SectorTaxonomy sectors={len(self)}>"

    def get(self, sector_id: str) -> Sector:
        """The sector with this id."""
        return self._by_id[sector_id]

    def resolve(self, name: str) -> str:
        """The id of the sector called ``name`` (its id, name or an alias, any case)."""
        found = self._by_key.get(_key(name))
        if found is None:
            close = difflib.get_close_matches(_key(name), list(self._by_key), n=3, cutoff=0.6)
            hint = f" (did you mean {', '.join(repr(c) for c in close)}?)" if close else ""
            msg = f"unknown sector {name!r}{hint}; `sanctions-tracker sectors` lists them"
            raise QueryError(msg)
        return found

    def children(self, sector_id: str) -> tuple[str, ...]:
        """The sectors directly below ``sector_id``."""
        return tuple(self._children.get(sector_id, ()))

    def descendants(self, sector_id: str) -> frozenset[str]:
        """``sector_id`` and every sector below it."""
        found = {sector_id}
        pending = [sector_id]
        while pending:
            for child in self._children.get(pending.pop(), ()):
                if child not in found:
                    found.add(child)
                    pending.append(child)
        return frozenset(found)

    def ancestors(self, sector_id: str) -> tuple[str, ...]:
        """``sector_id`` and its parents up to the root, nearest first."""
        chain = [sector_id]
        parent = self._by_id[sector_id].parent if sector_id in self._by_id else None
        while parent is not None and parent not in chain:
            chain.append(parent)
            parent = self._by_id[parent].parent if parent in self._by_id else None
        return tuple(chain)

    def path(self, sector_id: str) -> str:
        """The sector's place in the taxonomy, root first: ``industry > metals > steel``."""
        return " > ".join(reversed(self.ancestors(sector_id)))

    def common_parent(self, sector_ids: Sequence[str]) -> str | None:
        """The nearest sector that is or contains every one of ``sector_ids``, if any."""
        if not sector_ids:
            return None
        shared = list(self.ancestors(sector_ids[0]))
        for sector_id in sector_ids[1:]:
            line = set(self.ancestors(sector_id))
            shared = [candidate for candidate in shared if candidate in line]
        return shared[0] if shared else None

    def related(self, sector_id: str) -> frozenset[str]:
        """The sector, its descendants and its ancestors: what a program reaches to bear on it."""
        return self.descendants(sector_id) | frozenset(self.ancestors(sector_id))


def _program_assignment(
    designation: Designation, program: Program, taxonomy: SectorTaxonomy
) -> SectorAssignment | None:
    rules = [rule for rule in program.sectors_on(designation.listed_on) if rule.criterion]
    sector_ids = [rule.sector for rule in rules if rule.sector in taxonomy]
    if not sector_ids:
        return None
    target = taxonomy.common_parent(sector_ids)
    if target is None:
        return None
    if len(rules) == 1:
        reason = f"program {program.id}: {rules[0].reason}"
    else:
        names = [taxonomy.get(s).name.lower() for s in dict.fromkeys(sector_ids)]
        listed = ", ".join(names[:-1]) + f" and {names[-1]}" if len(names) > 1 else names[0]
        reason = (
            f"program {program.id} reaches the {listed} sectors; "
            f"no record says which, so the designation falls in their common parent, "
            f"{taxonomy.get(target).name.lower()}"
        )
        if target in sector_ids:
            reason = f"program {program.id} reaches {listed}"
    return SectorAssignment(sector=target, basis=SectorBasis.PROGRAM, reason=reason)


def assign_sectors(
    designation: Designation, programs: Mapping[str, Program], taxonomy: SectorTaxonomy
) -> Designation:
    """The designation with its program-derived sectors added to the ones it already has."""
    assignments = list(designation.sectors)
    seen = {(a.sector, a.basis) for a in assignments}
    for program_id in designation.programs:
        program = programs.get(program_id)
        if program is None:
            continue
        assignment = _program_assignment(designation, program, taxonomy)
        if assignment is not None and (assignment.sector, assignment.basis) not in seen:
            seen.add((assignment.sector, assignment.basis))
            assignments.append(assignment)
    if len(assignments) == len(designation.sectors):
        return designation
    return attrs.evolve(designation, sectors=tuple(assignments))
