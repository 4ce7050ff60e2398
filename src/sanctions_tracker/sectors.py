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
- **remarks**: OFAC's own words in the remarks: an "Organization Type" (an ISIC activity
  such as "Manufacture of basic iron and steel"), a "Target Type Financial Institution",
  an "IFCA Determination - Involved in the Shipping Sector", or "operating in the X sector
  of the Y economy" (E.O. 14024 and its determinations);
- **name**: what an entity's primary name says (STEEL, PETROCHEMICAL, SHIPPING, BANK ...),
  marked as *inferred*. Names of individuals, vessels and aircraft are not read this way.

The rules of the last two are tables in this module; ``docs/sectors.md`` lists them.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence

import attrs

from sanctions_tracker.errors import QueryError
from sanctions_tracker.records import (
    Designation,
    PartyKind,
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
    day = designation.listed_on
    first = min((rule.since for rule in program.sectors if rule.since), default=None)
    if day is not None and first is not None and day < first:
        # Listed before the program reached any sector: the date is of an earlier listing
        # (OFAC's XML dates a party's first list entry), and this program came later.
        day = None
    rules = [rule for rule in program.sectors_on(day) if rule.criterion]
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


# What OFAC's remarks say, mapped to sectors. Each entry: (pattern on the text, sector).
ORGANIZATION_TYPES: tuple[tuple[str, str], ...] = (
    (r"\biron and steel\b|\bsteel\b", "steel"),
    (r"\balumini?um\b", "aluminum"),
    (r"\bcopper\b", "copper"),
    (r"\bmetals? and metal ores\b|\bbasic (precious and other non-ferrous )?metals\b", "metals"),
    (r"\bmining\b|\bquarrying\b|\bmetal ores\b", "mining"),
    (
        (
            r"\bmonetary intermediation\b|\bfinancial\b|\binsurance\b|\btrusts, funds\b"
            r"|\bfund management\b|\bbanking\b|\bsecurity and commodity\b"
        ),
        "financial",
    ),
    (
        (
            r"\binformation technology\b|\bcomputer\b|\bsoftware\b|\bdata processing\b"
            r"|\belectronic (components|equipment)\b|\btelecommunications?\b"
        ),
        "technology",
    ),
    (r"\bconstruction\b|\bcivil engineering\b", "construction"),
    (r"\bfreight water transport\b|\bsea and coastal\b|\bshipping\b", "shipping"),
    (r"\bbuilding of ships\b|\bshipbuilding\b", "shipbuilding"),
    (r"\bair transport\b|\bair and spacecraft\b|\bincidental to air\b", "aviation"),
    (r"\bpetroleum\b|\bcrude\b", "petroleum"),
    (r"\bpetrochemical\b|\bplastics in primary forms\b", "petrochemical"),
    (r"\bnatural gas\b|\belectric power\b|\bsolid, liquid and gaseous fuels\b", "energy"),
    (r"\bdefen[cs]e activities\b|\bweapons and ammunition\b|\bmilitary fighting\b", "defense"),
    (r"\bmotor vehicles\b", "automotive"),
    (r"\btextiles?\b|\bwearing apparel\b", "textiles"),
    (r"\bpublic administration\b|\bpublic order\b", "government"),
)
SANCTIONS_NOTES: tuple[tuple[str, str], ...] = (
    (r"\bTarget Type Financial Institution\b", "financial"),
    (r"\bTarget Type (Unrecognized )?Government Entity\b", "government"),
    (r"\bIFCA Determination - Involved in (the )?Shipping Sector\b", "shipping"),
    (r"\bIFCA Determination - Involved in (the )?Shipbuilding Sector\b", "shipbuilding"),
    (r"\bIFCA Determination - Involved in (the )?Energy Sector\b", "energy"),
    (r"\bIFCA Determination - Port Operator\b", "shipping"),
    (r"\bmilitary-industrial base\b", "defense"),
)
NAME_WORDS: tuple[tuple[str, str], ...] = (
    (r"\bSTEEL\b|\bSTEELS\b|\bSTAL\b|\bIRON AND STEEL\b", "steel"),
    (r"\bALUMINI?UM\b", "aluminum"),
    (r"\bCOPPER\b", "copper"),
    (r"\bIRON\b(?! AND STEEL)", "iron"),
    (r"\bMETALS?\b|\bMETALLURGICAL\b|\bMETALLURGY\b", "metals"),
    (r"\bMINING\b|\bMINES\b", "mining"),
    (r"\bBANK\b|\bBANCO\b|\bBANQUE\b|\bBANKA\b|\bBANCA\b|\bINSURANCE\b", "financial"),
    (r"\bPETROCHEMICALS?\b", "petrochemical"),
    (r"\bPETROLEUM\b|\bOIL\b|\bREFINERY\b|\bREFINING\b", "petroleum"),
    (r"\bENERGY\b|\bPOWER PLANT\b", "energy"),
    (r"\bSHIPPING\b|\bTANKERS?\b|\bMARITIME\b|\bSHIP MANAGEMENT\b", "shipping"),
    (r"\bSHIPBUILDING\b|\bSHIPYARDS?\b|\bSHIP ?REPAIR\b", "shipbuilding"),
    (r"\bAUTOMOTIVE\b|\bAUTOMOBILES?\b", "automotive"),
    (r"\bAIRLINES?\b|\bAIRWAYS\b|\bAVIATION\b", "aviation"),
    (r"\bCONSTRUCTION\b", "construction"),
    (r"\bTEXTILES?\b", "textiles"),
    (r"\bDEFEN[CS]E INDUSTR(Y|IES)\b|\bARMAMENTS?\b|\bMISSILES?\b|\bMUNITIONS\b", "defense"),
    (r"\bELECTRONICS?\b|\bMICROELECTRONICS\b|\bSEMICONDUCTORS?\b|\bSOFTWARE\b", "technology"),
)
_ECONOMY_SECTOR = re.compile(
    r"\bin the (?P<sector>[A-Za-z ,&-]+?) sector of the (?P<economy>[A-Za-z ,.'-]+?) economy"
)


def _compile(
    rules: Sequence[tuple[str, str]], flags: int = 0
) -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((re.compile(pattern, flags), sector) for pattern, sector in rules)


_ORGANIZATION_TYPES = _compile(ORGANIZATION_TYPES, re.IGNORECASE)
_SANCTIONS_NOTES = _compile(SANCTIONS_NOTES, re.IGNORECASE)
_NAME_WORDS = _compile(NAME_WORDS)
_NAME_ANY = re.compile("|".join(f"(?:{pattern})" for pattern, _ in NAME_WORDS))


@functools.lru_cache(maxsize=4096)
def _sectors_in(text: str, rules: tuple[tuple[re.Pattern[str], str], ...]) -> tuple[str, ...]:
    """The sectors whose rules match ``text``. Remarks repeat a lot: the answer is cached."""
    return tuple(dict.fromkeys(sector for pattern, sector in rules if pattern.search(text)))


def _remark_assignments(
    designation: Designation, taxonomy: SectorTaxonomy
) -> Iterator[SectorAssignment]:
    organization_type = designation.party.organization_type
    if organization_type:
        reason = f"OFAC's remarks give the organization type {organization_type!r}"
        for sector in _sectors_in(organization_type, _ORGANIZATION_TYPES):
            yield SectorAssignment(sector, SectorBasis.REMARKS, reason)
    for note in designation.notes:
        for sector in _sectors_in(note, _SANCTIONS_NOTES):
            yield SectorAssignment(sector, SectorBasis.REMARKS, f"OFAC's remarks: {note!r}")
        if " sector of the " in note:
            for match in _ECONOMY_SECTOR.finditer(note):
                try:
                    sector = taxonomy.resolve(match.group("sector"))
                except QueryError:
                    continue
                reason = f"OFAC's remarks: {match.group(0)!r}"
                yield SectorAssignment(sector, SectorBasis.REMARKS, reason)


def _name_assignments(designation: Designation) -> Iterator[SectorAssignment]:
    if designation.party.kind is not PartyKind.ENTITY:
        return
    name = designation.party.name.upper()
    if _NAME_ANY.search(name) is None:  # one pass for the common case: no word matches
        return
    for pattern, sector in _NAME_WORDS:
        match = pattern.search(name)
        if match is not None:
            reason = f"the name says {match.group(0)!r}"
            yield SectorAssignment(sector, SectorBasis.NAME, reason, inferred=True)


def _derived(
    designation: Designation, programs: Mapping[str, Program], taxonomy: SectorTaxonomy
) -> Iterator[SectorAssignment]:
    """Every sector the programs, the remarks and the name give, before de-duplication."""
    for program_id in designation.programs:
        program = programs.get(program_id)
        if program is not None and program.sectors:
            assignment = _program_assignment(designation, program, taxonomy)
            if assignment is not None:
                yield assignment
    if designation.notes or designation.party.organization_type:
        yield from _remark_assignments(designation, taxonomy)
    yield from _name_assignments(designation)


def assign_sectors(
    designation: Designation, programs: Mapping[str, Program], taxonomy: SectorTaxonomy
) -> Designation:
    """The designation with its program-, remarks- and name-derived sectors added.

    An assignment whose sector the taxonomy does not hold is left out, and so is a second
    one with the same sector and basis.
    """
    added: list[SectorAssignment] = []
    seen = {(a.sector, a.basis) for a in designation.sectors}
    for assignment in _derived(designation, programs, taxonomy):
        key = (assignment.sector, assignment.basis)
        if key not in seen and assignment.sector in taxonomy:
            seen.add(key)
            added.append(assignment)
    if not added:
        return designation
    return attrs.evolve(designation, sectors=(*designation.sectors, *added))
