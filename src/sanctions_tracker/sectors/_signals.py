"""The signals that place a designation in sectors, strongest first, each with its reason.

Every signal reads the records, not one list's raw rows, so it works the same on OFAC's
CSV and XML lists, the UN list, the Consolidated Screening List and any list read later:

1. **determination**: an official determination the list records for this designation:
   E.O. 13662 directives (Directive 1 financial, 2 energy, 3 defense, 4 petroleum), E.O.
   14024 Directives 2 and 4 (financial institutions), the E.O. 14024 section 11 note on
   Russia's military-industrial base, IFCA determinations, and "operating in the X
   sector of the Y economy";
2. **organization-type**: the list's classification of the party: OFAC's "Organization
   Type" (an ISIC/NACE class title, found in the ISIC Rev. 4 table and placed by the
   sectors' ISIC codes) and its "Target Type";
3. **identifier**: a vessel is in shipping and an aircraft in aviation; a SWIFT/BIC code or
   a Russian BIK is held by a financial institution; an IMO company number by a ship
   owner, manager or operator; the entity a listed vessel or aircraft names as its owner
   or operator, or is linked to, is in shipping or aviation;
4. **program**: a program that makes operating in a sector a ground for designation (one
   sector, or the common parent of several);
5. **name** (inferred): a word of one of the entity's names, in the lists' languages;
6. **link** (inferred): a linked parent or subsidiary's own sector, for a designation that
   no other signal places.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence

from sanctions_tracker.errors import QueryError
from sanctions_tracker.records import (
    Designation,
    PartyKind,
    Program,
    SectorAssignment,
    SectorBasis,
)
from sanctions_tracker.sectors._data import read_table
from sanctions_tracker.sectors._isic import isic_table
from sanctions_tracker.sectors._taxonomy import SectorTaxonomy
from sanctions_tracker.sectors._words import words_in

__all__ = ["curated_placements", "derived_assignments", "link_assignments", "owner_assignments"]


@functools.cache
def curated_placements() -> dict[str, tuple[tuple[str, str], ...]]:
    """The curated placements of ``curated.tsv``: (sector, reason) by designation id."""
    found: dict[str, list[tuple[str, str]]] = {}
    for designation_id, sector, reason in read_table("curated.tsv", 3):
        found.setdefault(designation_id, []).append((sector, reason))
    return {key: tuple(value) for key, value in found.items()}


# --------------------------------------------------------------------------- determinations

_DIRECTIVES_13662 = {
    "1": ("financial", "applies to Russia's financial services sector"),
    "2": ("energy", "applies to Russia's energy sector"),
    "3": ("defense", "applies to Russia's defense and related materiel sector"),
    "4": ("petroleum", "applies to deepwater, Arctic offshore and shale oil projects"),
}
_DIRECTIVES_14024 = {
    "2": ("financial", "applies to Russian financial institutions (correspondent accounts)"),
    "4": ("financial", "applies to Russia's central bank, wealth fund and Ministry of Finance"),
}
_EO13662 = re.compile(r"Executive Order 13662 Directive Determination - Subject to Directive (\d)")
_EO14024 = re.compile(
    r"(?:Listing|Effective) Date \(EO 14024 Directive (\d)[A-Z]?\)|"
    r"Executive Order 14024 Directive Information,? Subject to Directive (\d)"
)
_MILITARY_BASE = re.compile(
    r"sector of the Russian Federation economy determined to support Russia's "
    r"military-industrial base",
    re.IGNORECASE,
)
_IFCA = (
    (
        re.compile(r"IFCA Determination - Involved in (?:the )?Shipping Sector", re.IGNORECASE),
        "shipping",
    ),
    (
        re.compile(r"IFCA Determination - Involved in (?:the )?Shipbuilding Sector", re.IGNORECASE),
        "shipbuilding",
    ),
    (
        re.compile(r"IFCA Determination - Involved in (?:the )?Energy Sector", re.IGNORECASE),
        "energy",
    ),
    (re.compile(r"IFCA Determination - Port Operator", re.IGNORECASE), "shipping"),
)
_ECONOMY_SECTOR = re.compile(
    r"\bin the (?P<sector>[A-Za-z ,&-]+?) sectors? of the (?P<economy>[A-Za-z ,.'-]+?) economy"
)
_TARGET_TYPES = {
    "financial institution": "financial",
    "government entity": "government",
    "unrecognized government entity": "government",
    "charity or nonprofit organization": "non-profit",
}
_TARGET_TYPE = re.compile(r"Target Type:? (?P<type>[A-Za-z ]+?)\s*(?:;|\.|$)")
_ORGANIZATION_TYPE = re.compile(r"Organization Type[:,] (?P<type>[^;]+?)\s*(?:;|$)")
_KEYS = ("Directive", "sector", "IFCA", "Target Type", "Organization Type", "Sector")


def _texts(designation: Designation) -> Iterator[str]:
    """The list's own words about the designation: notes, information and remarks."""
    yield from designation.notes
    yield from designation.party.information
    if designation.party.remarks:
        yield designation.party.remarks


def _quoted(text: str) -> str:
    return repr(text if len(text) <= 160 else text[:157] + "...")  # noqa: PLR2004 - a readable cut


def _economy_sector(phrase: str, taxonomy: SectorTaxonomy) -> str | None:
    """The sector a determination's words name, or the common parent of several, or None."""
    try:
        return taxonomy.resolve(phrase)
    except QueryError:
        pass
    parts = [p for p in re.split(r",\s*(?:and\s+)?|\s+and\s+", phrase) if p.strip()]
    found = []
    for part in parts:
        try:
            found.append(taxonomy.resolve(part))
        except QueryError:
            return None
    return taxonomy.common_parent(found) if found else None


def _directives(text: str) -> Iterator[SectorAssignment]:
    basis = SectorBasis.DETERMINATION
    for match in _EO13662.finditer(text):
        sector, scope = _DIRECTIVES_13662.get(match.group(1), (None, ""))
        if sector is not None:
            reason = f"the list records {match.group(0)!r}: the directive {scope}"
            yield SectorAssignment(sector, basis, reason)
    for match in _EO14024.finditer(text):
        number = match.group(1) or match.group(2)
        if number in _DIRECTIVES_14024:
            sector, scope = _DIRECTIVES_14024[number]
            reason = f"the list records {match.group(0)!r}: E.O. 14024 Directive {number} {scope}"
            yield SectorAssignment(sector, basis, reason)


def _sector_determinations(text: str, taxonomy: SectorTaxonomy) -> Iterator[SectorAssignment]:
    basis = SectorBasis.DETERMINATION
    if _MILITARY_BASE.search(text):
        yield SectorAssignment(
            "military-industrial-base",
            basis,
            "the list records that it is designated for operating in a sector of the Russian "
            "Federation economy determined to support Russia's military-industrial base "
            "(E.O. 14024 section 11)",
        )
    for pattern, sector in _IFCA:
        found = pattern.search(text)
        if found is not None:
            yield SectorAssignment(sector, basis, f"the list records {found.group(0)!r}")
    if " economy" in text:
        for match in _ECONOMY_SECTOR.finditer(text):
            placed = _economy_sector(match.group("sector"), taxonomy)
            if placed is not None:
                yield SectorAssignment(placed, basis, f"the list records {match.group(0)!r}")


def _determinations(
    designation: Designation, taxonomy: SectorTaxonomy
) -> Iterator[SectorAssignment]:
    for text in _texts(designation):
        if any(key in text for key in _KEYS):
            yield from _directives(text)
            yield from _sector_determinations(text, taxonomy)


# --------------------------------------------------------------------------- organization type


def organization_types(designation: Designation) -> tuple[str, ...]:
    """The organization types the list gives the party (OFAC's "Organization Type")."""
    found = [designation.party.organization_type] if designation.party.organization_type else []
    for text in (*designation.party.information, *designation.notes):
        if "Organization Type" in text:
            found.extend(m.group("type") for m in _ORGANIZATION_TYPE.finditer(text))
    return tuple(dict.fromkeys(t.strip().rstrip(".") for t in found if t.strip()))


def _organization_type(
    designation: Designation, taxonomy: SectorTaxonomy
) -> Iterator[SectorAssignment]:
    basis = SectorBasis.ORGANIZATION_TYPE
    table = isic_table()
    for organization_type in organization_types(designation):
        row = table.find(organization_type)
        if row is None:
            continue
        for sector in taxonomy.for_isic(table.path(row.code)):
            reason = (
                f"the list gives the organization type {organization_type!r}, "
                f"ISIC Rev. 4 {row.level} {row.code} ({row.title})"
            )
            yield SectorAssignment(sector, basis, reason)
    for text in _texts(designation):
        if "Target Type" not in text:
            continue
        for match in _TARGET_TYPE.finditer(text):
            target = _TARGET_TYPES.get(match.group("type").strip().casefold())
            if target is not None:
                yield SectorAssignment(target, basis, f"the list records {match.group(0)!r}")


# --------------------------------------------------------------------------- identifiers

_FINANCIAL_IDENTIFIERS = {
    "swift-bic": "a SWIFT/BIC code, which identifies a financial institution",
    "bik": "a Russian BIK (bank identification code), which the Bank of Russia gives to "
    "credit institutions",
}


def _identifiers(designation: Designation) -> Iterator[SectorAssignment]:
    basis = SectorBasis.IDENTIFIER
    party = designation.party
    if party.kind is PartyKind.VESSEL:
        yield SectorAssignment("shipping", basis, "a vessel")
    elif party.kind is PartyKind.AIRCRAFT:
        yield SectorAssignment("aviation", basis, "an aircraft")
    for identifier in party.identifiers:
        what = _FINANCIAL_IDENTIFIERS.get(identifier.kind)
        if what is not None:
            yield SectorAssignment("financial", basis, f"holds {what} ({identifier.value})")
        elif identifier.kind == "imo-company-number":
            yield SectorAssignment(
                "shipping",
                basis,
                f"holds an IMO company number ({identifier.value}), which the IMO gives to "
                "ship owners, managers and operators",
            )


def owner_assignments(
    designations: Iterable[Designation], name_index: Mapping[str, str]
) -> dict[str, list[SectorAssignment]]:
    """Shipping and aviation for the entities listed vessels and aircraft name or link to.

    ``name_index`` gives the id of an entity by its name (case-folded). A vessel's owner
    (the list's owner column), an aircraft's operator, and the party a vessel or aircraft
    is linked to are in shipping or aviation.
    """
    found: dict[str, list[SectorAssignment]] = {}
    basis = SectorBasis.IDENTIFIER
    for designation in designations:
        party = designation.party
        if party.kind is PartyKind.VESSEL:
            sector, what = "shipping", "vessel"
            named = [("owner", party.vessel.owner)] if party.vessel and party.vessel.owner else []
        elif party.kind is PartyKind.AIRCRAFT:
            sector, what = "aviation", "aircraft"
            named = [("operator", o) for o in party.aircraft.operators] if party.aircraft else []
        else:
            continue
        targets: dict[str, str] = {}
        for role, name in named:
            target = name_index.get(name.casefold().strip())
            if target is not None:
                targets.setdefault(target, f"the listed {what} {party.name} names it as its {role}")
        for link in party.links:
            if link.target is not None:
                targets.setdefault(link.target, f"the listed {what} {party.name} is linked to it")
        for target, reason in targets.items():
            found.setdefault(target, []).append(SectorAssignment(sector, basis, reason))
    return found


# --------------------------------------------------------------------------- programs


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


# --------------------------------------------------------------------------- names

_COMPANY_MARKERS = re.compile(
    r"\b(?:LTD|LIMITED|LLC|INC|CORP|CORPORATION|CO|COMPANY|GMBH|AG|SA|SAS|SRL|JSC|PJSC|OJSC|"
    r"CJSC|OOO|OAO|ZAO|AO|PAO|FZE|FZCO|LLP|PLC|BV|NV|PTE|BHD|GROUP|HOLDINGS?|ENTERPRISES?)\b"
)
# A bank's name names the trades it lends to (Bank of Industry and Mine, Export Development
# Bank): when a name says bank, its other sector words are not read.
_SILENCING = frozenset({"banking", "insurance"})
# Words that say only that a party makes things (PLANT, FACTORY, INDUSTRIES, ZAVOD) yield
# to a word that says what (METALLURGICAL PLANT is metals, not also manufacturing).
_GENERIC = frozenset({"industry", "manufacturing"})


def _reads_names(designation: Designation) -> bool:
    kind = designation.party.kind
    if kind is PartyKind.ENTITY:
        return True
    # The BIS and State lists do not say whether a party is a person or a company: a
    # name is read when it carries a company's legal form.
    return (
        kind is PartyKind.UNKNOWN and _COMPANY_MARKERS.search(designation.name.upper()) is not None
    )


def _name_assignments(designation: Designation) -> Iterator[SectorAssignment]:
    if not _reads_names(designation):
        return
    found = [
        (index, name.full, words_in(name.full))
        for index, name in enumerate(designation.party.names)
    ]
    sectors = {m.rule.sector for _, _, matches in found for m in matches}
    silenced = not sectors.isdisjoint(_SILENCING)
    specific = not sectors <= _GENERIC
    seen: set[str] = set()
    for index, name, matches in found:
        for match in matches:
            sector = match.rule.sector
            if (
                sector in seen
                or (silenced and sector not in _SILENCING)
                or (specific and sector in _GENERIC)
            ):
                continue
            seen.add(sector)
            gloss = f" ({match.rule.language}: {match.rule.meaning})" if match.rule.meaning else ""
            where = "the name" if index == 0 else f"the name {name!r}"
            reason = f"{where} says {match.word!r}{gloss}"
            yield SectorAssignment(sector, SectorBasis.NAME, reason, inferred=True)


# --------------------------------------------------------------------------- all of them


def derived_assignments(
    designation: Designation, programs: Mapping[str, Program], taxonomy: SectorTaxonomy
) -> Iterator[SectorAssignment]:
    """Every sector the designation's own record gives, strongest signal first."""
    for sector, reason in curated_placements().get(designation.id, ()):
        yield SectorAssignment(sector, SectorBasis.FIXTURE, reason)
    yield from _determinations(designation, taxonomy)
    yield from _organization_type(designation, taxonomy)
    yield from _identifiers(designation)
    for program_id in designation.programs:
        program = programs.get(program_id)
        if program is not None and program.sectors:
            assignment = _program_assignment(designation, program, taxonomy)
            if assignment is not None:
                yield assignment
    yield from _name_assignments(designation)


def link_assignments(
    designation: Designation,
    linked: Sequence[tuple[str, Sequence[SectorAssignment]]],
    taxonomy: SectorTaxonomy,
) -> Iterator[SectorAssignment]:
    """Sectors from linked parties: ``linked`` holds (who, their own stated sectors).

    Each linked party counts with its strongest placements only; the parties must agree
    (one sector, or the nearest common parent of theirs), else nothing is placed.
    """
    del designation
    votes: dict[str, list[str]] = {}
    for who, assignments in linked:
        if not assignments:
            continue
        best = min(a.strength for a in assignments)
        for sector in dict.fromkeys(a.sector for a in assignments if a.strength == best):
            votes.setdefault(sector, []).append(who)
    if not votes:
        return
    target = taxonomy.common_parent(list(votes))
    if target is None:
        return
    parties = list(dict.fromkeys(p for who in votes.values() for p in who))
    shown = "; ".join(parties[:3]) + (f" and {len(parties) - 3} more" if len(parties) > 3 else "")  # noqa: PLR2004
    reason = f"linked to parties in {taxonomy.get(target).name.lower()}: {shown}"
    yield SectorAssignment(target, SectorBasis.LINK, reason, inferred=True)
