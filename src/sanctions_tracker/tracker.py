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
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, TypedDict, TypeVar, Unpack

from sanctions_tracker import _vocabulary as words
from sanctions_tracker._stamps import make_stamp
from sanctions_tracker.countries import country_code
from sanctions_tracker.errors import NotFoundError, QueryError
from sanctions_tracker.history import History, ListDiff
from sanctions_tracker.linking import SameParties
from sanctions_tracker.records import (
    Action,
    ActionKind,
    Advisory,
    Authority,
    CacheNote,
    Dataset,
    DateNote,
    DateNoteKind,
    DateSource,
    Designation,
    DesignationStatus,
    ListingWindow,
    PartialDate,
    PartyKind,
    Program,
    Record,
    Sector,
    Source,
    Stamp,
    id_order,
)
from sanctions_tracker.results import Designations, Matches
from sanctions_tracker.sectors import ListCoverage, SectorTaxonomy, assign_all, sector_coverage

if TYPE_CHECKING:
    from sanctions_tracker.reports.model import ComplianceSummary
    from sanctions_tracker.screening import (
        Match,
        RecordResult,
        Rescreener,
        Rescreening,
        Screener,
    )

__all__ = ["DateRange", "Day", "DesignationQuery", "Tracker"]

DateRange = tuple[dt.date, dt.date]
"""An inclusive range of dates: ``(first, last)``."""

Day = dt.date | str
"""A day as a query takes it: a ``datetime.date`` or an ISO string (``"2020-01-01"``)."""

R = TypeVar("R", bound=Record)


class DesignationQuery(TypedDict, total=False):
    """The filters of ``Tracker.designations``, which ``Tracker.date_notes`` takes too."""

    sector: str | None
    program: str | None
    authority: str | None
    country: str | None
    kind: PartyKind | str | None
    status: DesignationStatus | str | None
    active_on: Day | None
    listed_between: tuple[Day, Day] | None
    list_id: str | None
    as_of: Day | None
    inferred: bool


def _squash(text: str) -> str:
    """A lookup key that ignores case, spaces, dots and hyphens: 'E.O. 13871' -> 'eo13871'."""
    return re.sub(r"[\s.\-_§]+", "", text.casefold())


def _hs_digits(code: str) -> str:
    digits = re.sub(r"\D", "", code)
    if not digits or len(digits) < 2:  # noqa: PLR2004 - an HS chapter has two digits
        msg = f"expected an HS code like '8545' or '8545.11', got {code!r}"
        raise QueryError(msg)
    return digits


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
        self._same_parties: SameParties | None = None
        self._lazy = threading.Lock()
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
        self._founding = {p.id: self._founding_of(p) for p in self._programs.values()}
        self._earliest: dict[tuple[str, ...], tuple[dt.date | None, str, str]] = {}
        self._windows: dict[str | None, _Dating] = {}
        self._list_dates = {
            file: _list_date(dataset)
            for dataset in self._datasets
            if dataset.list_id is not None or dataset.date_source is not None
            for file in dataset.files
        }

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

    def _founding_of(self, program: Program) -> tuple[dt.date | None, str]:
        if program.founded_by is None:
            return None, f"no founding authority is recorded for program {program.id}"
        authority = self._authorities.get(program.founded_by)
        if authority is None:
            return (
                None,
                f"the founding authority of {program.id} ({program.founded_by}) is not loaded",
            )
        day = authority.in_force_from
        if day is None:
            return (
                None,
                f"{authority.code}, the founding authority of {program.id}, has no known date",
            )
        how = "took effect" if authority.effective_on is not None else "was signed"
        return day, f"{authority.code}, the founding authority of {program.id}, {how} on {day}"

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

    def as_of(self, day: Day) -> Tracker:
        """The tracker as the list stood on ``day`` (needs a history; see ``load``).

        Every query, summary and screen works on the returned tracker. A day outside the
        history is a QueryError.
        """
        if self._history is None or self._view is None:
            msg = "no history is loaded: load snapshots with load(history={date: path, ...})"
            raise QueryError(msg)
        return self._view(words.as_date(day, "as_of"))

    def _at(self, day: dt.date | None) -> Tracker:
        """The tracker of the snapshot in force on ``day`` when a history is loaded (itself
        when it is that snapshot, or when no day or no history is given)."""
        if day is None or self._history is None or self._view is None:
            return self
        return self._view(day)

    def stamp(self, settings: Mapping[str, object] | None = None) -> Stamp:
        """The stamp of an answer from this tracker: the time (UTC, or ``SOURCE_DATE_EPOCH``),
        the tool's version, the ``settings`` of the question (those given), and every input
        file with its SHA-256, size, format, date and account of rows."""
        return make_stamp(self._datasets, settings or {}, self._history)

    @property
    def cache(self) -> CacheNote | None:
        """How the snapshot cache served this tracker (``docs/cache.md``); None when it
        was loaded without it."""
        return None

    @property
    def cache_warnings(self) -> tuple[str, ...]:
        """What went wrong with the snapshot cache while loading, in lines (none here)."""
        return ()

    @property
    def taxonomy(self) -> SectorTaxonomy:
        """The sector taxonomy."""
        return self._taxonomy

    @property
    def same_parties(self) -> SameParties:
        """The designations that are one party on several lists, where the lists say so
        (``docs/same-party.md``): built on first use, once, whichever thread asks first.

        >>> import sanctions_tracker as st
        >>> st.load().same_parties.of("us-ofac-sdn:27844")
        ('us-ofac-sdn:27844',)
        """
        if self._same_parties is None:
            with self._lazy:
                if self._same_parties is None:
                    self._same_parties = SameParties(self._designations.values())
        return self._same_parties

    def list_title(self, list_id: str) -> str:
        """A list's title: as its loaded file names it, else as its format does (the id
        itself for a list no format reads)."""
        for dataset in self._datasets:
            if dataset.list_id == list_id:
                return dataset.kind
        # Imported here: the list formats import every reader (docs/cache.md, lean imports).
        from sanctions_tracker.sources._registry import list_title  # noqa: PLC0415

        return list_title(list_id)

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
        active_on: Day | None = None,
        listed_between: tuple[Day, Day] | None = None,
        list_id: str | None = None,
        as_of: Day | None = None,
        inferred: bool = True,
    ) -> Designations:
        """Designations matching every filter given, in id order (a tuple that also gives
        ``to_dicts()``, ``to_pandas()`` and ``to_arrow()``: see ``docs/export.md``).

        ``sector`` includes the sector's descendants (``metals`` finds ``steel``); with
        ``inferred=False`` only placements that are not inferred count (not those read from
        a name or carried over a link);
        ``authority`` finds designations under the programs that rest on it; ``country``
        (a code or a name) matches the party's countries and the programs' target country;
        ``kind`` is a word (``"person"``, ``"company"``, ``"vessel"`` ...) or a PartyKind.

        ``active_on`` keeps those in force on that day: listed by then, or, with no listing
        date, not before the earliest date they can have been listed (the day their
        program's founding authority took effect; under ``program``, that program's).
        ``as_of`` is the list as it stood on that day: with a history loaded, the snapshot
        in force then, and the designations in force on it. ``date_notes`` says what such
        an answer assumed. Dates are ``datetime.date`` or ISO strings.
        """
        found, _ = self._designation_query(
            sector=sector,
            program=program,
            authority=authority,
            country=country,
            kind=kind,
            status=status,
            active_on=active_on,
            listed_between=listed_between,
            list_id=list_id,
            as_of=as_of,
            inferred=inferred,
        )
        return Designations(found)

    def date_notes(self, **filters: Unpack[DesignationQuery]) -> tuple[DateNote, ...]:
        """What the answer of ``designations(**filters)`` assumed about dates.

        One :class:`DateNote` per kind of assumption, with the number of designations it
        concerns: counted in force without a listing date (bounded by their program's
        founding, or not bounded at all), left out because their program took effect
        later, left out of a range of listing dates for want of one, or answered from a
        list older than the day asked. Empty when the answer rests on listing dates alone.

        >>> import sanctions_tracker as st
        >>> st.load().date_notes(program="IRAN-EO13876", active_on="2020-01-01")
        ()
        """
        return self._designation_query(**filters)[1]

    def _designation_query(
        self, **filters: Unpack[DesignationQuery]
    ) -> tuple[tuple[Designation, ...], tuple[DateNote, ...]]:
        """The designations of a query and its date notes, from the list as of the day."""
        active_on, as_of = filters.get("active_on"), filters.get("as_of")
        day = words.as_date(active_on, "active_on") if active_on is not None else None
        then = words.as_date(as_of, "as_of") if as_of is not None else None
        here = self._at(then if then is not None else day)
        if here is not self:
            again = filters.copy()
            again["active_on"], again["as_of"] = day, then
            return here._designation_query(**again)  # noqa: SLF001 - the same class
        day = day if day is not None else then
        candidates: list[frozenset[str]] = []
        sector, program = filters.get("sector"), filters.get("program")
        authority, country = filters.get("authority"), filters.get("country")
        if sector is not None:
            candidates.append(self._in_sector(sector, inferred=filters.get("inferred", True)))
        program_id = self._program_id(program) if program is not None else None
        if program_id is not None:
            candidates.append(frozenset(self._designations_by_program.get(program_id, ())))
        if authority is not None:
            program_ids = self._programs_by_authority.get(self._authority_id(authority), ())
            candidates.append(
                frozenset(d for p in program_ids for d in self._designations_by_program.get(p, ()))
            )
        if country is not None:
            candidates.append(
                frozenset(self._designations_by_country.get(country_code(country), ()))
            )
        listed = words.as_range(filters.get("listed_between"), "listed_between")
        kind, status = filters.get("kind"), filters.get("status")
        wanted_kind = words.party_kind(kind) if kind is not None else None
        wanted_status = words.designation_status(status) if status is not None else None
        list_id = filters.get("list_id")

        def keep(designation: Designation) -> bool:
            return (
                (wanted_kind is None or designation.party.kind is wanted_kind)
                and (wanted_status is None or designation.status is wanted_status)
                and (list_id is None or designation.list_id == list_id)
            )

        found = self._select(self._designations, candidates, keep)
        dating = _Dating(self, day, program_id)
        if listed is not None:
            found = dating.in_range(found, listed)
        if day is not None:
            found = dating.in_force(found)
        return found, dating.notes()

    def listing_window(
        self, designation: Designation | str, *, program: str | None = None
    ) -> ListingWindow:
        """When a designation was listed, as far as the loaded data tells (its listing date,
        or the window its program's founding and its list's date leave). Under ``program``,
        that program's founding bounds it."""
        found = (
            self._typed(designation, self._designations)
            if isinstance(designation, str)
            else (designation)
        )
        program_id = self._program_id(program) if program is not None else None
        dating = self._windows.get(program_id)
        if dating is None:  # one per scope: a summary asks for every designation's window
            dating = self._windows[program_id] = _Dating(self, None, program_id)
        return dating.window(found)

    def founding_date(self, program: str) -> tuple[dt.date | None, str]:
        """The earliest date a designation under ``program`` can be in force, and why: the
        day its founding authority took effect (or was signed, when that is all the record
        gives); None, with the reason, when no such date is known."""
        return self._founding[self._program_id(program)]

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
        issued_between: tuple[Day, Day] | None = None,
        as_of: Day | None = None,
    ) -> tuple[Advisory, ...]:
        """Advisories matching every filter given, oldest first.

        ``material`` matches material names containing the text (any case); ``hs_code``
        matches codes that start with it or that it starts with (``8545`` finds 8545.11);
        ``sector`` includes descendants; ``agency`` matches a part of the agency's name;
        ``as_of`` keeps those issued on or before the day.
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
        issued = words.as_range(issued_between, "issued_between")
        until = words.as_date(as_of, "as_of") if as_of is not None else None
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
                and _in_range(advisory.issued_on, issued)
                and (until is None or advisory.issued_on <= until)
            )

        return self._select(self._advisories, candidates, keep)

    def actions(
        self,
        *,
        between: tuple[Day, Day] | None = None,
        kind: ActionKind | str | None = None,
        agency: str | None = None,
        authority: str | None = None,
        program: str | None = None,
        as_of: Day | None = None,
    ) -> tuple[Action, ...]:
        """Government actions matching every filter given, oldest first; ``as_of`` keeps
        those taken on or before the day."""
        taken = words.as_range(between, "between")
        until = words.as_date(as_of, "as_of") if as_of is not None else None
        wanted_kind = words.action_kind(kind) if kind is not None else None
        wanted_authority = self._authority_id(authority) if authority is not None else None
        wanted_program = self._program_id(program) if program is not None else None

        def keep(action: Action) -> bool:
            return (
                _in_range(action.taken_on, taken)
                and (until is None or action.taken_on <= until)
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
        as_of: Day | None = None,
    ) -> tuple[Program, ...]:
        """Programs matching every filter, by id.

        ``sector``: programs that reach the sector, a sector above it (a program on metals
        bears on steel) or below it, counting only reaches in force on ``as_of`` when given.
        """
        related = self._taxonomy.related(self._taxonomy.resolve(sector)) if sector else None
        day = words.as_date(as_of, "as_of") if as_of is not None else None
        wanted_country = country_code(country) if country is not None else None
        candidates: list[frozenset[str]] = []
        if authority is not None:
            candidates.append(
                frozenset(self._programs_by_authority.get(self._authority_id(authority), ()))
            )

        def keep(program: Program) -> bool:
            return (
                related is None or any(rule.sector in related for rule in program.sectors_on(day))
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
        birth_date: dt.date | int | str | PartialDate | None = None,
        country: str | None = None,
        threshold: float | None = None,
        limit: int = words.DEFAULT_LIMIT,
        identifier: str | None = None,
        identifier_kind: str | None = None,
        weak_alias: float | None = None,
    ) -> Matches:
        """Designations whose names match ``name``, best first, with scores and reasons:
        :class:`~sanctions_tracker.results.Matches`, a tuple with ``to_dicts()``,
        ``to_pandas()`` and ``to_arrow()``.

        ``kind`` is a word (``"person"``, ``"company"``, ``"vessel"``, ``"aircraft"``) or a
        PartyKind; ``birth_date`` a date, a year, a PartialDate or their text
        (``"1957-03-11"``, ``"1957"``); ``threshold`` above 0 and at most 1 (default
        ``screening.DEFAULT_THRESHOLD``); ``limit`` at least 1. ``identifier`` (and
        identifiers written in ``name``) find the records that hold them
        (``Screener.screen``). A weak alias keeps ``weak_alias`` of its score
        (``screening.WEAK_ALIAS`` by default; 1.0 screens weak aliases as strong ones).
        See ``sanctions_tracker.screening`` and ``docs/screening.md``.
        """
        return Matches(
            self.screener.screen(
                name,
                kind=_screening_kind(kind),
                birth_date=words.birth_date(birth_date) if birth_date is not None else None,
                country=country,
                threshold=words.check_threshold(threshold),
                limit=words.check_limit(limit),
                identifier=identifier,
                identifier_kind=identifier_kind,
                weak_alias=weak_alias,
            )
        )

    def screen_many(
        self,
        names: Iterable[str],
        *,
        kind: PartyKind | str | None = None,
        threshold: float | None = None,
        limit: int = words.DEFAULT_LIMIT,
        workers: int | None = None,
        progress: Callable[[int, int], None] | None = None,
        weak_alias: float | None = None,
    ) -> tuple[tuple[Match, ...], ...]:
        """Screen a batch of names (on every core for large batches); one tuple per name.

        For records with birth dates, countries, identifiers and fields of their own, use
        ``tracker.screener.screen_records(records)`` (an iterator of ``RecordResult``).
        """
        return self.screener.screen_many(
            names,
            kind=_screening_kind(kind),
            threshold=words.check_threshold(threshold),
            limit=words.check_limit(limit),
            workers=workers,
            progress=progress,
            weak_alias=weak_alias,
        )

    def rescreener(self, changes: ListDiff) -> Rescreener:
        """What screens against only the designations ``changes`` added or amended, and
        tells the new hits (``changes``: the diff from the list last screened against to
        this tracker's, ``sanctions_tracker.diff(old, tracker)``). Built once, it serves
        any number of names or records."""
        from sanctions_tracker.screening import Rescreener  # noqa: PLC0415 - see `screener`

        identifiers = {
            amended.id: tuple(
                text
                for change in amended.changes
                if change.field == "identifiers"
                for text in change.added
            )
            for amended in changes.amended
        }
        return Rescreener(
            [self._designations[i] for i in changes.changed_ids() if i in self._designations],
            added=[entry.id for entry in changes.added],
            previous_names={amended.id: amended.previous_names for amended in changes.amended},
            added_identifiers=identifiers,
        )

    def rescreen(
        self,
        names: Iterable[str],
        changes: ListDiff,
        *,
        kind: PartyKind | str | None = None,
        threshold: float | None = None,
        limit: int = words.DEFAULT_LIMIT,
        weak_alias: float | None = None,
    ) -> tuple[Rescreening, ...]:
        """Screen names against only what ``changes`` added or amended, saying which hit anew.

        ``changes`` is the diff from the list the names were last screened against to this
        tracker's (``sanctions_tracker.diff(old, tracker)``). A hit is new when its
        designation was added, or was amended and the name did not match its previous
        names at the threshold.
        """
        return self.rescreener(changes).rescreen(
            names,
            kind=_screening_kind(kind),
            threshold=words.check_threshold(threshold),
            limit=words.check_limit(limit),
            weak_alias=weak_alias,
        )

    def rescreen_records(
        self,
        records: Iterable[Mapping[str, object]],
        changes: ListDiff,
        *,
        kind: PartyKind | str | None = None,
        threshold: float | None = None,
        limit: int = words.DEFAULT_LIMIT,
        weak_alias: float | None = None,
    ) -> Iterator[RecordResult]:
        """Re-screen a stream of records (name, birth date, country, kind, identifier, as
        ``Screener.screen_records`` reads them) against only what ``changes`` added or
        amended; each result's ``new_matches`` are its hits that are new: on a designation
        added, on an identifier an amendment added, or by a name that did not match the
        amended designation's previous names at the threshold."""
        return self.rescreener(changes).screen_records(
            records,
            kind=_screening_kind(kind),
            threshold=words.check_threshold(threshold),
            limit=words.check_limit(limit),
            weak_alias=weak_alias,
        )

    def summary(
        self,
        *,
        sector: str | None = None,
        program: str | None = None,
        country: str | None = None,
        as_of: Day | None = None,
        inferred: bool = True,
    ) -> ComplianceSummary:
        """A :class:`~sanctions_tracker.reports.ComplianceSummary` of what applies in a scope;
        ``as_of`` (a date or an ISO string) is what applied on that day, from the list as it
        stood then when a history is loaded.

        ``inferred=False`` leaves out of a sector's designations those placed in it only
        by an inferred placement.
        """
        from sanctions_tracker.reports.build import build_summary  # noqa: PLC0415 - see docs/design.md

        day = words.as_date(as_of, "as_of") if as_of is not None else None
        return build_summary(
            self._at(day),
            sector=sector,
            program=program,
            country=country,
            as_of=day,
            inferred=inferred,
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


def _screening_kind(kind: PartyKind | str | None) -> PartyKind | None:
    """A kind for screening: any kind word but 'unknown', which narrows nothing."""
    if kind is None:
        return None
    found = words.party_kind(kind)
    if found is PartyKind.UNKNOWN:
        msg = "kind 'unknown' says nothing of the name screened: leave kind out"
        raise QueryError(msg)
    return found


_DATE_BASIS = {
    DateSource.PUBLISHED: "its own date",
    DateSource.STATED: "the date stated for it",
    DateSource.FILE_NAME: "the date in its file name",
}


def _list_date(dataset: Dataset) -> tuple[dt.date | None, str]:
    """The date of a list dataset, and what it rests on, as the latest a designation on it
    can have been listed."""
    if dataset.as_of is None:
        return None, f"{dataset.name} states no date"
    source = dataset.date_source or DateSource.FILE_NAME
    return (
        dataset.as_of,
        f"on {dataset.name}, a list of {dataset.as_of} ({_DATE_BASIS.get(source, source.value)})",
    )


def _plural(count: int, noun: str) -> str:
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


class _Dating:
    """The date reasoning of one designation query: each designation's listing window,
    and a tally of what the answer assumed, made into :class:`DateNote` records."""

    def __init__(self, tracker: Tracker, day: dt.date | None, program: str | None) -> None:
        self.tracker = tracker
        self.day = day
        self.program = program
        # Each tally counts designations by the program whose founding bounds them.
        self.assumed: Counter[str] = Counter()
        self.unbounded: Counter[str] = Counter()
        self.left_out: Counter[str] = Counter()
        self.after_list: Counter[tuple[str, dt.date]] = Counter()
        self.no_listing_date = 0
        self.between: DateRange | None = None

    def earliest(self, programs: tuple[str, ...]) -> tuple[dt.date | None, str, str]:
        """The earliest date any of ``programs`` allows, why, and the program that gives it
        (no date when one of them has no known founding date: then nothing bounds it).
        Kept by the tracker: a summary asks it once per designation."""
        known = self.tracker._earliest  # noqa: SLF001 - the tracker's own cache
        found = known.get(programs)
        if found is None:
            founding = self.tracker._founding  # noqa: SLF001 - the tracker's own table
            dated = [
                (p, *founding[p]) if p in founding else (p, None, f"program {p} is not loaded")
                for p in programs
            ]
            unknown = next((item for item in dated if item[1] is None), None)
            program, day, why = unknown or min(dated, key=lambda item: item[1] or dt.date.max)
            found = known[programs] = (day, why, program)
        return found

    def window(self, designation: Designation) -> ListingWindow:
        """When the designation was listed, as far as the loaded data tells."""
        return self._window(designation)[0]

    def _window(self, designation: Designation) -> tuple[ListingWindow, str]:
        """The window, and the program whose founding gives its lower bound."""
        if designation.listed_on is not None:
            listed = designation.listed_on
            basis = "its listing date"
            return ListingWindow(listed, listed, basis, listed, basis), ""
        programs = (
            (self.program,)
            if self.program is not None and self.program in designation.programs
            else designation.programs
        )
        earliest, earliest_basis, key = self.earliest(programs)
        history = self.tracker.history
        seen = designation.first_seen
        if history is not None and seen is not None and seen > history.first:
            before = max(s.as_of for s in history.snapshots if s.as_of < seen)
            after = before + dt.timedelta(days=1)
            if earliest is None or after > earliest:
                earliest, earliest_basis = after, f"not on the snapshot of {before}"
                key = f"snapshot of {before}"
        if seen is not None:
            latest: dt.date | None = seen
            latest_basis = f"first seen in the snapshot of {seen}"
        else:
            origin = designation.origin.file if designation.origin is not None else ""
            latest, latest_basis = self.tracker._list_dates.get(  # noqa: SLF001 - its own table
                origin, (None, "no list date bounds it")
            )
        window = ListingWindow(
            earliest=earliest,
            earliest_basis=earliest_basis,
            latest=latest,
            latest_basis=latest_basis,
        )
        return window, key

    def in_force(self, found: Iterable[Designation]) -> tuple[Designation, ...]:
        """Those of ``found`` in force on the day, counting what that assumes."""
        day = self.day
        if day is None:
            return tuple(found)
        kept = []
        for designation in found:
            if not designation.active_on(day):
                continue
            window, key = self._window(designation)
            verdict = window.in_force_on(day)
            if verdict is False:
                self.left_out[key] += 1
                continue
            if verdict is None:
                (self.unbounded if window.earliest is None else self.assumed)[key] += 1
            elif (
                designation.listed_on is None and window.latest is not None and window.latest < day
            ):
                origin = designation.origin.file if designation.origin is not None else "?"
                self.after_list[(origin, window.latest)] += 1
            kept.append(designation)
        return tuple(kept)

    def in_range(self, found: Iterable[Designation], between: DateRange) -> tuple[Designation, ...]:
        """Those of ``found`` listed within ``between``; those that may have been, but have
        no listing date to tell, are left out and counted."""
        self.between = between
        first, last = between
        kept = []
        for designation in found:
            if designation.listed_on is not None:
                if first <= designation.listed_on <= last:
                    kept.append(designation)
                continue
            window = self.window(designation)
            if (window.earliest is None or window.earliest <= last) and (
                window.latest is None or window.latest >= first
            ):
                self.no_listing_date += 1
        return tuple(kept)

    def _programs(self, counts: Counter[str], shown: int = 3) -> str:
        """The programs that bound most of the designations counted, with their dates."""
        founding = self.tracker._founding  # noqa: SLF001 - the tracker's own table
        parts = []
        for key, count in counts.most_common(shown):
            day, why = founding.get(key, (None, key))
            if key.startswith("snapshot of "):
                text = f"not on the {key}"
            elif day is None:
                text = f"{key}: {why.replace(f' of {key}', '').replace(f' for program {key}', '')}"
            else:
                text = f"{key} from {day}"
            parts.append(f"{text}: {count:,}")
        more = len(counts) - shown
        return "; ".join(parts) + (f"; {more} more programs" if more > 0 else "")

    def notes(self) -> tuple[DateNote, ...]:
        """What the answer assumed, one note per kind."""
        day = self.day
        notes: list[DateNote] = []
        tallies = (
            (
                DateNoteKind.ASSUMED,
                self.assumed,
                (
                    "with no listing date counted in force on {day}: the list does not say when "
                    "they were listed; the earliest date each can have been is on or before "
                    "{day} ({programs})"
                ),
            ),
            (
                DateNoteKind.UNBOUNDED,
                self.unbounded,
                (
                    "with no listing date counted in force on {day}, with nothing to bound when "
                    "they were listed: a program of each has no known founding date ({programs})"
                ),
            ),
            (
                DateNoteKind.LEFT_OUT,
                self.left_out,
                (
                    "with no listing date left out: their programs took effect after {day} "
                    "({programs})"
                ),
            ),
        )
        for kind, counts, text in tallies:
            if counts:
                count = counts.total()
                words_ = text.format(day=day, programs=self._programs(counts))
                notes.append(DateNote(kind, count, f"{_plural(count, 'designation')} {words_}"))
        for (file, listed), count in sorted(self.after_list.items()):
            text = (
                f"{_plural(count, 'designation')} as {file} stood on {listed}: what changed "
                f"between {listed} and {day} is not in the loaded data"
            )
            notes.append(DateNote(DateNoteKind.AFTER_LIST, count, text))
        if self.no_listing_date and self.between is not None:
            count = self.no_listing_date
            first, last = self.between
            text = (
                f"{_plural(count, 'designation')} with no listing date left out of the "
                f"listing dates {first} to {last}: they may have been listed then"
            )
            notes.append(DateNote(DateNoteKind.NO_LISTING_DATE, count, text))
        return tuple(notes)
