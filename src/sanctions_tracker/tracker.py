"""The Tracker: the loaded records, their indices, and the query methods.

A tracker is built once (by :func:`sanctions_tracker.load`) and never changes. Its
indices (by id, program, sector, authority, country, material, HS code, date) are built at
load time, so a query intersects small sets of ids rather than scanning every record.
Every query returns a tuple of records in a stable order.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import threading
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, TypeVar

from sanctions_tracker.countries import country_code
from sanctions_tracker.errors import NotFoundError, QueryError
from sanctions_tracker.history import History, ListDiff
from sanctions_tracker.records import (
    Action,
    ActionKind,
    Advisory,
    Authority,
    Dataset,
    Designation,
    DesignationStatus,
    PartialDate,
    PartyKind,
    Program,
    Record,
    Sector,
    Source,
    id_order,
)
from sanctions_tracker.sectors import ListCoverage, SectorTaxonomy, assign_all, sector_coverage

if TYPE_CHECKING:
    from sanctions_tracker.reports.model import ComplianceSummary
    from sanctions_tracker.screening import Match, Rescreening, Screener

__all__ = ["DateRange", "Tracker"]

DateRange = tuple[dt.date, dt.date]
"""An inclusive range of dates: ``(first, last)``."""

R = TypeVar("R", bound=Record)


def _squash(text: str) -> str:
    """A lookup key that ignores case, spaces, dots and hyphens: 'E.O. 13871' -> 'eo13871'."""
    return re.sub(r"[\s.\-_§]+", "", text.casefold())


def _hs_digits(code: str) -> str:
    digits = re.sub(r"\D", "", code)
    if not digits or len(digits) < 2:  # noqa: PLR2004 - an HS chapter has two digits
        msg = f"expected an HS code like '8545' or '8545.11', got {code!r}"
        raise QueryError(msg)
    return digits


def _check_range(between: DateRange | None, name: str) -> DateRange | None:
    if between is None:
        return None
    start, end = between
    if start > end:
        msg = f"{name}: the range starts ({start}) after it ends ({end})"
        raise QueryError(msg)
    return between


def _in_range(day: dt.date | None, between: DateRange | None) -> bool:
    return between is None or (day is not None and between[0] <= day <= between[1])


class Tracker:
    """The records of the loaded data sets, indexed for queries.

    >>> import sanctions_tracker as st
    >>> tracker = st.load()
    >>> tracker
    <Tracker designations=28 advisories=1 actions=7 programs=106 sectors=53>
    """

    def __init__(
        self,
        *,
        sources: Iterable[Source] = (),
        sectors: Iterable[Sector] = (),
        authorities: Iterable[Authority] = (),
        programs: Iterable[Program] = (),
        designations: Iterable[Designation] = (),
        actions: Iterable[Action] = (),
        advisories: Iterable[Advisory] = (),
        datasets: Iterable[Dataset] = (),
        history: History | None = None,
        view: Callable[[dt.date], Tracker] | None = None,
    ) -> None:
        self._history = history
        self._view = view
        self._screener: Screener | None = None
        self._screener_lock = threading.Lock()
        self._taxonomy = SectorTaxonomy(sectors)
        self._sources = {s.id: s for s in sources}
        self._authorities = {a.id: a for a in authorities}
        self._programs = {p.id: p for p in programs}
        self._designations = {
            d.id: d
            for d in assign_all(
                sorted(designations, key=lambda d: id_order(d.id)),
                self._programs,
                self._taxonomy,
            )
        }
        self._actions = {
            a.id: a for a in sorted(actions, key=lambda a: (a.taken_on, id_order(a.id)))
        }
        self._advisories = {
            a.id: a for a in sorted(advisories, key=lambda a: (a.issued_on, id_order(a.id)))
        }
        self._datasets = tuple(datasets)
        self._records: dict[str, Record] = {}
        for table in (
            self._sources,
            {s.id: s for s in self._taxonomy},
            self._authorities,
            self._programs,
            self._designations,
            self._actions,
            self._advisories,
        ):
            self._records.update(table)
        self._position = {record_id: index for index, record_id in enumerate(self._records)}
        self._build_indices()

    # ------------------------------------------------------------------ indices

    def _build_indices(self) -> None:
        by_program: defaultdict[str, list[str]] = defaultdict(list)
        by_sector: defaultdict[str, list[str]] = defaultdict(list)
        by_stated_sector: defaultdict[str, list[str]] = defaultdict(list)
        by_country: defaultdict[str, list[str]] = defaultdict(list)
        program_country = {p.id: p.country for p in self._programs.values() if p.country}
        for designation in self._designations.values():
            record_id = designation.id
            for program_id in designation.programs:
                by_program[program_id].append(record_id)
            if designation.sectors:
                for sector_id in {a.sector for a in designation.sectors}:
                    by_sector[sector_id].append(record_id)
                for sector_id in {a.sector for a in designation.sectors if not a.inferred}:
                    by_stated_sector[sector_id].append(record_id)
            party = designation.party
            countries = {program_country.get(p) for p in designation.programs}
            countries.update(party.nationalities, party.citizenships)
            countries.update(a.country for a in party.addresses)
            countries.discard(None)
            for code in countries:
                by_country[code].append(record_id)  # type: ignore[index]
        # Designations were visited in id order, so every list is in id order too.
        self._designations_by_program = {k: tuple(v) for k, v in by_program.items()}
        self._designations_by_sector = {k: tuple(v) for k, v in by_sector.items()}
        self._designations_by_stated_sector = {k: tuple(v) for k, v in by_stated_sector.items()}
        self._designations_by_country = {k: tuple(v) for k, v in by_country.items()}
        self._index_programs()
        self._index_advisories_and_actions()

    def _index_programs(self) -> None:
        self._authority_keys: dict[str, str] = {}
        for authority in self._authorities.values():
            self._authority_keys.setdefault(_squash(authority.id), authority.id)
            self._authority_keys.setdefault(_squash(authority.code), authority.id)
        self._programs_by_authority: defaultdict[str, list[str]] = defaultdict(list)
        for program in self._programs.values():
            for authority_id in dict.fromkeys(
                (*program.authorities, *(r.authority for r in program.sectors if r.authority))
            ):
                self._programs_by_authority[authority_id].append(program.id)
        self._program_keys = {_squash(p): p for p in self._programs}

    def _index_advisories_and_actions(self) -> None:

        self._advisories_by_material: defaultdict[str, list[str]] = defaultdict(list)
        self._advisories_by_hs: defaultdict[str, list[str]] = defaultdict(list)
        for advisory in self._advisories.values():
            for material in advisory.materials:
                self._advisories_by_material[material.name.casefold()].append(advisory.id)
                for hs in material.hs_codes:
                    self._advisories_by_hs[_hs_digits(hs.code)].append(advisory.id)
        self._actions_by_record: defaultdict[str, list[str]] = defaultdict(list)
        for action in self._actions.values():
            for record_id in (*action.designations, *action.advisories):
                self._actions_by_record[record_id].append(action.id)

    # ------------------------------------------------------------------ container protocol

    def __len__(self) -> int:
        return len(self._records)

    def __iter__(self) -> Iterator[Record]:
        return iter(self._records.values())

    def __contains__(self, record_id: object) -> bool:
        return record_id in self._records

    def __repr__(self) -> str:
        return (
            f"<Tracker designations={len(self._designations)} "
            f"advisories={len(self._advisories)} actions={len(self._actions)} "
            f"programs={len(self._programs)} sectors={len(self._taxonomy)}>"
        )

    def counts(self) -> dict[str, int]:
        """How many records of each kind the tracker holds."""
        return {
            "sources": len(self._sources),
            "sectors": len(self._taxonomy),
            "authorities": len(self._authorities),
            "programs": len(self._programs),
            "designations": len(self._designations),
            "actions": len(self._actions),
            "advisories": len(self._advisories),
        }

    @property
    def datasets(self) -> tuple[Dataset, ...]:
        """What the tracker was built from, in load order."""
        return self._datasets

    @property
    def history(self) -> History | None:
        """The snapshots of the list loaded as a history, if one was."""
        return self._history

    def as_of(self, day: dt.date) -> Tracker:
        """The tracker as the list stood on ``day`` (needs a history; see ``load``).

        Every query, summary and screen works on the returned tracker. A day outside the
        history is a QueryError.
        """
        if self._history is None or self._view is None:
            msg = "no history is loaded: load snapshots with load(history={date: path, ...})"
            raise QueryError(msg)
        return self._view(day)

    @property
    def taxonomy(self) -> SectorTaxonomy:
        """The sector taxonomy."""
        return self._taxonomy

    # ------------------------------------------------------------------ look-ups

    def get(self, record_id: str) -> Record:
        """Any record by its id; NotFoundError (a KeyError) names close ids if there is none."""
        try:
            return self._records[record_id]
        except KeyError:
            close = difflib.get_close_matches(record_id, list(self._records), n=3, cutoff=0.6)
            raise NotFoundError(record_id, close) from None

    @staticmethod
    def _typed(record_id: str, table: Mapping[str, R]) -> R:
        found = table.get(record_id)
        if found is None:
            raise NotFoundError(record_id, difflib.get_close_matches(record_id, list(table), n=3))
        return found

    def source(self, source_id: str) -> Source:
        """The source (citation) with this id."""
        return self._typed(source_id, self._sources)

    def program(self, program: str) -> Program:
        """A program by its id (its list tag), in any case: ``program("iran-eo13871")``."""
        return self._programs[self._program_id(program)]

    def authority(self, authority: str) -> Authority:
        """An authority by its id or code, loosely: ``"E.O. 13871"``, ``"eo13871"``."""
        return self._authorities[self._authority_id(authority)]

    def sector(self, sector: str) -> Sector:
        """A sector by id, name or alias."""
        return self._taxonomy.get(self._taxonomy.resolve(sector))

    def _program_id(self, program: str) -> str:
        found = self._program_keys.get(_squash(program))
        if found is None:
            close = difflib.get_close_matches(program.upper(), list(self._programs), n=3)
            hint = f" (did you mean {', '.join(repr(c) for c in close)}?)" if close else ""
            msg = f"unknown program {program!r}{hint}; `sanctions-tracker programs` lists them"
            raise QueryError(msg)
        return found

    def _authority_id(self, authority: str) -> str:
        found = self._authority_keys.get(_squash(authority))
        if found is None:
            codes = [a.code for a in self._authorities.values()]
            close = difflib.get_close_matches(authority, codes, n=3)
            hint = f" (did you mean {', '.join(repr(c) for c in close)}?)" if close else ""
            msg = f"unknown authority {authority!r}{hint}"
            raise QueryError(msg)
        return found

    def actions_for(self, record_id: str) -> tuple[Action, ...]:
        """The actions that produced a designation or advisory, oldest first."""
        return tuple(self._actions[a] for a in self._actions_by_record.get(record_id, ()))

    # ------------------------------------------------------------------ queries

    def designations(
        self,
        *,
        sector: str | None = None,
        program: str | None = None,
        authority: str | None = None,
        country: str | None = None,
        kind: PartyKind | str | None = None,
        status: DesignationStatus | str | None = None,
        active_on: dt.date | None = None,
        listed_between: DateRange | None = None,
        list_id: str | None = None,
        inferred: bool = True,
    ) -> tuple[Designation, ...]:
        """Designations matching every filter given, in id order.

        ``sector`` includes the sector's descendants (``metals`` finds ``steel``); with
        ``inferred=False`` only placements that are not inferred count (not those read from
        a name or carried over a link);
        ``authority`` finds designations under the programs that rest on it; ``country``
        (a code or a name) matches the party's countries and the programs' target country;
        ``active_on`` keeps those in force on that day.
        """
        candidates: list[frozenset[str]] = []
        if sector is not None:
            candidates.append(self._in_sector(sector, inferred=inferred))
        if program is not None:
            candidates.append(
                frozenset(self._designations_by_program.get(self._program_id(program), ()))
            )
        if authority is not None:
            program_ids = self._programs_by_authority.get(self._authority_id(authority), ())
            candidates.append(
                frozenset(d for p in program_ids for d in self._designations_by_program.get(p, ()))
            )
        if country is not None:
            candidates.append(
                frozenset(self._designations_by_country.get(country_code(country), ()))
            )
        listed_between = _check_range(listed_between, "listed_between")
        wanted_kind = PartyKind(kind) if kind is not None else None
        wanted_status = DesignationStatus(status) if status is not None else None

        def keep(designation: Designation) -> bool:
            return (
                (wanted_kind is None or designation.party.kind is wanted_kind)
                and (wanted_status is None or designation.status is wanted_status)
                and (active_on is None or designation.active_on(active_on))
                and (listed_between is None or _in_range(designation.listed_on, listed_between))
                and (list_id is None or designation.list_id == list_id)
            )

        return self._select(self._designations, candidates, keep)

    def _in_sector(self, sector: str, *, inferred: bool) -> frozenset[str]:
        """The ids of the designations in ``sector`` or below it."""
        wanted = self._taxonomy.descendants(self._taxonomy.resolve(sector))
        index = self._designations_by_sector if inferred else self._designations_by_stated_sector
        return frozenset(d for s in wanted for d in index.get(s, ()))

    def sector_coverage(self) -> tuple[ListCoverage, ...]:
        """For each loaded list: how many designations have a sector, and by which basis.

        A designation in no sector cannot appear in any sector look-up; this says how
        many there are (see ``sanctions_tracker.sectors.ListCoverage``).
        """
        return sector_coverage(self._designations.values())

    def advisories(
        self,
        *,
        material: str | None = None,
        sector: str | None = None,
        hs_code: str | None = None,
        country: str | None = None,
        agency: str | None = None,
        authority: str | None = None,
        issued_between: DateRange | None = None,
    ) -> tuple[Advisory, ...]:
        """Advisories matching every filter given, oldest first.

        ``material`` matches material names containing the text (any case); ``hs_code``
        matches codes that start with it or that it starts with (``8545`` finds 8545.11);
        ``sector`` includes descendants; ``agency`` matches a part of the agency's name.
        """
        candidates: list[frozenset[str]] = []
        if material is not None:
            needle = material.casefold().strip()
            candidates.append(
                frozenset(
                    a
                    for name, ids in self._advisories_by_material.items()
                    if needle in name
                    for a in ids
                )
            )
        if hs_code is not None:
            digits = _hs_digits(hs_code)
            candidates.append(
                frozenset(
                    a
                    for code, ids in self._advisories_by_hs.items()
                    if code.startswith(digits) or digits.startswith(code)
                    for a in ids
                )
            )
        issued_between = _check_range(issued_between, "issued_between")
        wanted_sectors = (
            self._taxonomy.descendants(self._taxonomy.resolve(sector)) if sector else None
        )
        wanted_country = country_code(country) if country is not None else None
        wanted_authority = self._authority_id(authority) if authority is not None else None

        def keep(advisory: Advisory) -> bool:
            return (
                (wanted_sectors is None or not wanted_sectors.isdisjoint(advisory.sectors))
                and (wanted_country is None or wanted_country in advisory.countries)
                and (agency is None or agency.casefold() in advisory.agency.casefold())
                and (wanted_authority is None or wanted_authority in advisory.authorities)
                and _in_range(advisory.issued_on, issued_between)
            )

        return self._select(self._advisories, candidates, keep)

    def actions(
        self,
        *,
        between: DateRange | None = None,
        kind: ActionKind | str | None = None,
        agency: str | None = None,
        authority: str | None = None,
        program: str | None = None,
    ) -> tuple[Action, ...]:
        """Government actions matching every filter given, oldest first."""
        between = _check_range(between, "between")
        wanted_kind = ActionKind(kind) if kind is not None else None
        wanted_authority = self._authority_id(authority) if authority is not None else None
        wanted_program = self._program_id(program) if program is not None else None

        def keep(action: Action) -> bool:
            return (
                _in_range(action.taken_on, between)
                and (wanted_kind is None or action.kind is wanted_kind)
                and (agency is None or agency.casefold() in action.agency.casefold())
                and (wanted_authority is None or wanted_authority in action.authorities)
                and (wanted_program is None or wanted_program in action.programs)
            )

        return self._select(self._actions, [], keep)

    def programs(
        self,
        *,
        sector: str | None = None,
        country: str | None = None,
        authority: str | None = None,
        as_of: dt.date | None = None,
    ) -> tuple[Program, ...]:
        """Programs matching every filter, by id.

        ``sector``: programs that reach the sector, a sector above it (a program on metals
        bears on steel) or below it, counting only reaches in force on ``as_of`` when given.
        """
        related = self._taxonomy.related(self._taxonomy.resolve(sector)) if sector else None
        wanted_country = country_code(country) if country is not None else None
        candidates: list[frozenset[str]] = []
        if authority is not None:
            candidates.append(
                frozenset(self._programs_by_authority.get(self._authority_id(authority), ()))
            )

        def keep(program: Program) -> bool:
            return (
                related is None or any(rule.sector in related for rule in program.sectors_on(as_of))
            ) and (wanted_country is None or program.country == wanted_country)

        return tuple(sorted(self._select(self._programs, candidates, keep), key=lambda p: p.id))

    def authorities(self, *, program: str | None = None) -> tuple[Authority, ...]:
        """Authorities, by id; with ``program``, those the program rests on."""
        if program is None:
            return tuple(sorted(self._authorities.values(), key=lambda a: id_order(a.id)))
        found = self.program(program)
        ids = dict.fromkeys(
            (*found.authorities, *(r.authority for r in found.sectors if r.authority))
        )
        return tuple(self._authorities[a] for a in ids if a in self._authorities)

    def sectors(self) -> tuple[Sector, ...]:
        """The sector taxonomy, roots first, each followed by its children."""
        ordered: list[Sector] = []

        def visit(sector_id: str) -> None:
            ordered.append(self._taxonomy.get(sector_id))
            for child in self._taxonomy.children(sector_id):
                visit(child)

        for sector in self._taxonomy:
            if sector.parent is None or sector.parent not in self._taxonomy:
                visit(sector.id)
        return tuple(ordered)

    def sources(self) -> tuple[Source, ...]:
        """Every source (citation), by id."""
        return tuple(sorted(self._sources.values(), key=lambda s: s.id))

    # ------------------------------------------------------------------ screening

    @property
    def screener(self) -> Screener:
        """The name-screening index over every designation, built on first use.

        Building it takes about a second on the full SDN list (docs/benchmarks.md); a load
        does not pay for it unless names are screened. A service that must answer its
        first screen quickly touches this property once, after loading, to build it then.
        Threads that ask for it at once share one build.
        """
        screener = self._screener
        if screener is None:
            # Imported here: screening (rapidfuzz, anyascii, its tables) is a third of the
            # package's import time, which queries that screen nothing need not pay.
            from sanctions_tracker.screening import Screener  # noqa: PLC0415

            # One build, however many threads ask at once: the others wait for it.
            with self._screener_lock:
                screener = self._screener
                if screener is None:
                    screener = self._screener = Screener(self._designations.values())
        return screener

    def screen(
        self,
        name: str,
        *,
        kind: PartyKind | str | None = None,
        birth_date: dt.date | int | PartialDate | None = None,
        country: str | None = None,
        threshold: float | None = None,
        limit: int = 10,
    ) -> tuple[Match, ...]:
        """Designations whose names match ``name``, best first, with scores and reasons.

        See ``sanctions_tracker.screening`` and ``docs/screening.md``; ``threshold``
        defaults to ``screening.DEFAULT_THRESHOLD``.
        """
        return self.screener.screen(
            name,
            kind=kind,
            birth_date=birth_date,
            country=country,
            threshold=threshold,
            limit=limit,
        )

    def screen_many(
        self,
        names: Iterable[str],
        *,
        kind: PartyKind | str | None = None,
        threshold: float | None = None,
        limit: int = 10,
        workers: int | None = None,
        progress: Callable[[int, int], None] | None = None,
    ) -> tuple[tuple[Match, ...], ...]:
        """Screen a batch of names (on every core for large batches); one tuple per name."""
        return self.screener.screen_many(
            names, kind=kind, threshold=threshold, limit=limit, workers=workers, progress=progress
        )

    def rescreen(
        self,
        names: Iterable[str],
        changes: ListDiff,
        *,
        kind: PartyKind | str | None = None,
        threshold: float | None = None,
        limit: int = 10,
    ) -> tuple[Rescreening, ...]:
        """Screen names against only what ``changes`` added or amended, saying which hit anew.

        ``changes`` is the diff from the list the names were last screened against to this
        tracker's (``sanctions_tracker.diff(old, tracker)``). A hit is new when its
        designation was added, or was amended and the name did not match its previous
        names at the threshold.
        """
        from sanctions_tracker.screening import (  # noqa: PLC0415 - see `screener`
            DEFAULT_THRESHOLD,
            Rescreening,
            Screener,
        )

        changed = [self._designations[i] for i in changes.changed_ids() if i in self._designations]
        screener = Screener(changed)
        added = {entry.id for entry in changes.added}
        previous = {a.id: a.previous_names for a in changes.amended}
        cut = threshold if threshold is not None else DEFAULT_THRESHOLD
        results = []
        batch = list(names)
        for name, matches in zip(
            batch,
            screener.screen_many(batch, kind=kind, threshold=threshold, limit=limit, workers=1),
            strict=True,
        ):
            new = tuple(
                m
                for m in matches
                if m.designation_id in added
                or all(
                    screener.compare(name, old, kind=kind).score < cut
                    for old in previous.get(m.designation_id, ())
                )
            )
            results.append(Rescreening(name=name, matches=matches, new_matches=new))
        return tuple(results)

    def summary(
        self,
        *,
        sector: str | None = None,
        program: str | None = None,
        country: str | None = None,
        as_of: dt.date | None = None,
        inferred: bool = True,
    ) -> ComplianceSummary:
        """A :class:`~sanctions_tracker.reports.ComplianceSummary` of what applies in a scope.

        ``inferred=False`` leaves out of a sector's designations those placed in it only
        by an inferred placement.
        """
        from sanctions_tracker.reports.build import build_summary  # noqa: PLC0415 - see docs/design.md

        return build_summary(
            self, sector=sector, program=program, country=country, as_of=as_of, inferred=inferred
        )

    def _select(
        self,
        table: Mapping[str, R],
        candidates: Sequence[frozenset[str]],
        keep: Callable[[R], bool],
    ) -> tuple[R, ...]:
        """Records of ``table`` in every candidate set (all if none) that ``keep`` accepts."""
        if candidates:
            smallest, *others = sorted(candidates, key=len)
            chosen = sorted(
                (i for i in smallest if i in table and all(i in o for o in others)),
                key=self._position.__getitem__,
            )
            records: Iterable[R] = (table[i] for i in chosen)
        else:
            records = table.values()
        return tuple(record for record in records if keep(record))
