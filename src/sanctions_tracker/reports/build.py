"""Build a :class:`ComplianceSummary` from a tracker's queries.

The scope is any combination of sector, program, country and as-of date:

- designations: those the tracker's ``designations()`` query returns for the scope
  (in force on ``as_of`` when given), each once, with the count per program, per
  country, per list and of known and unknown listing dates, and the parties among them
  that are on several lists;
- programs: those that reach the sector (or a sector above or below it), that are the
  program asked for, or that target the country — and every program of a designation
  in scope;
- authorities: those the programs and advisories in scope rest on;
- advisories: those bearing on the sector (or above or below it), naming the program or
  one of its authorities, or the country; issued on or before ``as_of``;
- timeline: the signing of each authority, the actions that produced the designations
  and advisories in scope or that act under the programs in scope, up to ``as_of``;
- citations: every source the statements above rest on, numbered in id order.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING

from sanctions_tracker.countries import country_code, country_name
from sanctions_tracker.records import (
    Action,
    Advisory,
    Authority,
    Dataset,
    DateNoteKind,
    Designation,
    Program,
    ProgramSector,
    VerificationStatus,
)
from sanctions_tracker.reports.model import (
    ComplianceSummary,
    CountryCount,
    DesignationEntry,
    ListingDates,
    ListUsed,
    ProgramCount,
    ProgramInScope,
    SameParty,
    SummaryScope,
    TimelineEntry,
)
from sanctions_tracker.reports.wording import NOT_VERIFIED, caveat

if TYPE_CHECKING:
    from sanctions_tracker.tracker import Tracker

__all__ = ["build_summary"]

_ASSUMED = frozenset({DateNoteKind.ASSUMED, DateNoteKind.UNBOUNDED})
"""The date notes of designations counted in force without a listing date."""


def _describe(
    tracker: Tracker,
    sector: str | None,
    program: str | None,
    country: str | None,
    as_of: dt.date | None,
) -> str:
    parts = []
    if sector is not None:
        parts.append(f"the {tracker.taxonomy.get(sector).name.lower()} sector")
    if program is not None:
        parts.append(f"program {program}")
    if country is not None:
        parts.append(country_name(country))
    text = ", ".join(parts) if parts else "all loaded records"
    if as_of is not None:
        text += f", as of {as_of.isoformat()}"
    return text


def build_summary(
    tracker: Tracker,
    *,
    sector: str | None = None,
    program: str | None = None,
    country: str | None = None,
    as_of: dt.date | None = None,
    inferred: bool = True,
) -> ComplianceSummary:
    """The compliance summary of ``tracker`` for the scope given (see the module doc).

    ``inferred=False`` counts only the placements in the sector that are not inferred.
    """
    sector_id = tracker.taxonomy.resolve(sector) if sector is not None else None
    program_id = tracker.program(program).id if program is not None else None
    country_id = country_code(country) if country is not None else None

    designations = tracker.designations(
        sector=sector_id,
        program=program_id,
        country=country_id,
        active_on=as_of,
        inferred=inferred,
    )
    date_notes = tracker.date_notes(
        sector=sector_id,
        program=program_id,
        country=country_id,
        active_on=as_of,
        inferred=inferred,
    )
    scope = {"sector_id": sector_id, "program_id": program_id, "country_id": country_id}
    programs = _programs_in_scope(tracker, **scope, as_of=as_of, designations=designations)
    advisories = _advisories_in_scope(tracker, **scope, as_of=as_of)
    authority_ids: dict[str, None] = {}
    for found in programs:
        authority_ids.update(dict.fromkeys(a.id for a in tracker.authorities(program=found.id)))
    for advisory in advisories:
        authority_ids.update(dict.fromkeys(advisory.authorities))
    authorities = tuple(tracker.authority(a) for a in authority_ids if a in tracker)
    authorities = tuple(sorted(authorities, key=lambda a: (a.signed_on or dt.date.max, a.code)))
    actions = _actions_in_scope(
        tracker,
        designations=designations,
        advisories=advisories,
        programs=programs,
        authorities=authorities,
        as_of=as_of,
    )
    entries = _entries(tracker, designations, sector_id, program_id, as_of)
    in_scope_programs = tuple(
        ProgramInScope(
            program=found,
            reaches=_reaches(tracker, found, sector_id, as_of),
            designations_in_scope=sum(1 for d in designations if found.id in d.programs),
        )
        for found in programs
    )
    timeline = _timeline(authorities, actions, advisories, as_of)
    cited = [
        *(s for a in authorities for s in a.sources),
        *(s for p in programs for s in p.sources),
        *(s for d in designations for s in d.sources),
        *(s for a in advisories for s in a.sources),
        *(s for a in actions for s in a.sources),
    ]
    citations = tuple(tracker.source(s) for s in sorted(set(cited)))
    caveats = _caveats([*authorities, *programs, *designations, *advisories, *actions])
    if sector_id is not None:
        caveats = (*_sector_caveats(tracker, inferred=inferred), *caveats)
    description = _describe(tracker, sector_id, program_id, country_id, as_of)
    return ComplianceSummary(
        title=f"Compliance summary: {description}",
        scope=SummaryScope(
            description=description,
            sector=sector_id,
            sector_path=tracker.taxonomy.path(sector_id) if sector_id else None,
            program=program_id,
            country=country_id,
            as_of=as_of,
        ),
        built_from=tracker.datasets,
        authorities=authorities,
        programs=in_scope_programs,
        designation_count=len(designations),
        party_count=tracker.same_parties.count(d.id for d in designations),
        same_parties=_same_parties(tracker, designations),
        lists=_lists(tracker, designations),
        program_counts=_program_counts(tracker, designations),
        countries=_countries(tracker, designations),
        listing_dates=ListingDates(
            known=sum(1 for d in designations if d.listed_on is not None),
            unknown=sum(1 for d in designations if d.listed_on is None),
            assumed=sum(n.count for n in date_notes if n.kind in _ASSUMED),
        ),
        designations=entries,
        advisories=advisories,
        timeline=timeline,
        citations=citations,
        caveats=caveats,
        date_notes=date_notes,
        stamp=tracker.stamp(
            {
                "sector": sector_id,
                "program": program_id,
                "country": country_id,
                "as_of": as_of,
                "inferred": None if inferred else "no",
            }
        ),
    )


def _programs_in_scope(
    tracker: Tracker,
    *,
    sector_id: str | None,
    program_id: str | None,
    country_id: str | None,
    as_of: dt.date | None,
    designations: Iterable[Designation],
) -> tuple[Program, ...]:
    chosen: set[str] = set()
    if program_id is not None:
        chosen.add(program_id)
    else:
        candidates = tracker.programs(sector=sector_id, country=country_id, as_of=as_of)
        if sector_id is not None or country_id is not None:
            chosen.update(p.id for p in candidates)
    for designation in designations:
        chosen.update(p for p in designation.programs if p in tracker)
    return tuple(tracker.program(p) for p in sorted(chosen))


def _reaches(
    tracker: Tracker, program: Program, sector_id: str | None, as_of: dt.date | None
) -> tuple[ProgramSector, ...]:
    rules = program.sectors_on(as_of)
    if sector_id is None:
        return rules
    related = tracker.taxonomy.related(sector_id)
    return tuple(rule for rule in rules if rule.sector in related)


def _advisories_in_scope(
    tracker: Tracker,
    *,
    sector_id: str | None,
    program_id: str | None,
    country_id: str | None,
    as_of: dt.date | None,
) -> tuple[Advisory, ...]:
    related = tracker.taxonomy.related(sector_id) if sector_id else None
    program_authorities = (
        set(tracker.program(program_id).authorities) if program_id is not None else set()
    )

    def keep(advisory: Advisory) -> bool:
        return (
            (as_of is None or advisory.issued_on <= as_of)
            and (related is None or not related.isdisjoint(advisory.sectors))
            and (
                program_id is None
                or program_id in advisory.programs
                or not program_authorities.isdisjoint(advisory.authorities)
            )
            and (country_id is None or country_id in advisory.countries)
        )

    return tuple(a for a in tracker.advisories() if keep(a))


def _actions_in_scope(
    tracker: Tracker,
    *,
    designations: Iterable[Designation],
    advisories: Iterable[Advisory],
    programs: Iterable[Program],
    authorities: Iterable[Authority],
    as_of: dt.date | None,
) -> tuple[Action, ...]:
    records = {d.id for d in designations} | {a.id for a in advisories}
    program_ids = {p.id for p in programs}
    authority_ids = {a.id for a in authorities}

    def keep(action: Action) -> bool:
        if as_of is not None and action.taken_on > as_of:
            return False
        if not records.isdisjoint((*action.designations, *action.advisories)):
            return True
        # An action under a program in scope that produced no record of its own here,
        # such as a determination that widens a program's reach.
        return (
            not action.designations
            and not action.advisories
            and (
                not program_ids.isdisjoint(action.programs)
                or not authority_ids.isdisjoint(action.authorities)
            )
        )

    return tuple(a for a in tracker.actions() if keep(a))


def _entries(
    tracker: Tracker,
    designations: Iterable[Designation],
    sector_id: str | None,
    program_id: str | None,
    as_of: dt.date | None,
) -> tuple[DesignationEntry, ...]:
    wanted = tracker.taxonomy.descendants(sector_id) if sector_id else None
    return tuple(
        DesignationEntry(
            id=designation.id,
            name=designation.name,
            kind=designation.party.kind,
            programs=designation.programs,
            status=designation.status,
            listed_on=designation.listed_on,
            sectors=tuple(a for a in designation.sectors if wanted is None or a.sector in wanted),
            actions=tuple(
                a.id
                for a in tracker.actions_for(designation.id)
                if as_of is None or a.taken_on <= as_of
            ),
            sources=designation.sources,
            unverified=designation.verification.unverified,
            listed=tracker.listing_window(designation, program=program_id),
            list_id=designation.list_id,
        )
        for designation in designations
    )


def _most_first(counts: Counter[str]) -> list[tuple[str, int]]:
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def _program_counts(
    tracker: Tracker, designations: Iterable[Designation]
) -> tuple[ProgramCount, ...]:
    counts = Counter(p for d in designations for p in d.programs)
    return tuple(
        ProgramCount(
            program=program,
            name=tracker.program(program).name if program in tracker else program,
            count=count,
        )
        for program, count in _most_first(counts)
    )


def _countries(tracker: Tracker, designations: Iterable[Designation]) -> tuple[CountryCount, ...]:
    """Designations per country: the countries their parties are tied to (nationality,
    citizenship, address), or where the list states none, those their programs target."""
    counts: Counter[str] = Counter()
    for designation in designations:
        found = designation.party.countries or {
            tracker.program(p).country for p in designation.programs if p in tracker
        }
        counts.update(c for c in found if c is not None)
    return tuple(
        CountryCount(country=code, name=country_name(code), count=count)
        for code, count in _most_first(counts)
    )


def _lists(tracker: Tracker, designations: Iterable[Designation]) -> tuple[ListUsed, ...]:
    """The lists of the designations, in the order their datasets were loaded."""
    counts = Counter(d.list_id for d in designations)
    dated: dict[str, Dataset] = {}
    for dataset in tracker.datasets:
        if dataset.list_id is not None and dataset.list_id in counts:
            dated.setdefault(dataset.list_id, dataset)
    order = [*dated, *sorted(set(counts) - set(dated))]
    return tuple(
        ListUsed(
            list_id=list_id,
            title=tracker.list_title(list_id),
            designations=counts[list_id],
            date=dated[list_id].as_of if list_id in dated else None,
            date_source=dated[list_id].date_source if list_id in dated else None,
        )
        for list_id in order
    )


def _same_parties(tracker: Tracker, designations: Iterable[Designation]) -> tuple[SameParty, ...]:
    """The parties held by more than one of the designations, in the order of their first."""
    chosen = {d.id: d for d in designations}
    found: dict[tuple[str, ...], SameParty] = {}
    for designation in chosen.values():
        members = tuple(i for i in tracker.same_parties.of(designation.id) if i in chosen)
        if len(members) > 1 and members not in found:
            found[members] = SameParty(
                name=chosen[members[0]].name,
                designations=members,
                lists=tuple(dict.fromkeys(chosen[i].list_id for i in members)),
            )
    return tuple(found.values())


def _timeline(
    authorities: Iterable[Authority],
    actions: Iterable[Action],
    advisories: Iterable[Advisory],
    as_of: dt.date | None,
) -> tuple[TimelineEntry, ...]:
    entries = [
        TimelineEntry(
            date=a.signed_on,
            kind="authority",
            title=f"{a.code} signed: {a.title}",
            record=a.id,
            sources=a.sources,
        )
        for a in authorities
        if a.signed_on is not None and (as_of is None or a.signed_on <= as_of)
    ]
    entries.extend(
        TimelineEntry(
            date=a.taken_on, kind=a.kind.value, title=a.title, record=a.id, sources=a.sources
        )
        for a in actions
    )
    covered = {r for a in actions for r in a.advisories}
    entries.extend(
        TimelineEntry(
            date=a.issued_on, kind="advisory", title=a.title, record=a.id, sources=a.sources
        )
        for a in advisories
        if a.id not in covered
    )
    return tuple(sorted(entries, key=lambda e: (e.date, e.kind != "authority", e.record)))


def _caveats(
    records: Iterable[Authority | Program | Designation | Advisory | Action],
) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for record in records:
        verification = record.verification
        for statement in verification.unverified:
            seen.setdefault(f"{record.id}: {caveat(statement)}", None)
        if verification.status is VerificationStatus.UNVERIFIED and not verification.unverified:
            seen.setdefault(f"{record.id}: {NOT_VERIFIED}", None)
    return tuple(seen)


def _sector_caveats(tracker: Tracker, *, inferred: bool) -> tuple[str, ...]:
    """What a sector's summary cannot show: the designations of the lists in no sector."""
    lines = []
    for coverage in tracker.sector_coverage():
        if coverage.list_id == "fixtures" or not coverage.designations:
            continue
        lines.append(
            f"{coverage.list_id}: {coverage.unplaced} of {coverage.designations} designations "
            f"({coverage.organizations - coverage.organizations_placed} of "
            f"{coverage.organizations} that are not individuals) have no sector and cannot "
            "appear in any sector's summary"
        )
    if not inferred:
        lines.append("placements inferred from names or linked parties are left out")
    return tuple(lines)
