"""The compliance summary: a record of what applies in a scope, ready to be rendered.

A :class:`ComplianceSummary` holds data only; ``to_markdown``, ``to_json`` and
``to_html`` hand it to the renderers of this package. Its JSON form is the converter's
unstructured form of the record, described in ``docs/reports.md`` (``schema`` names
its version). Its ``stamp`` says when, by what and from which files it was made; with
``SOURCE_DATE_EPOCH`` set, the same data and scope give the same bytes.
"""

from __future__ import annotations

import datetime as dt

from attrs import field, frozen

from sanctions_tracker.records import (
    Advisory,
    Authority,
    Dataset,
    DateNote,
    DateSource,
    DesignationStatus,
    ListingWindow,
    PartyKind,
    Program,
    ProgramSector,
    SectorAssignment,
    Source,
    Stamp,
)

__all__ = [
    "SCHEMA",
    "ComplianceSummary",
    "CountryCount",
    "DesignationEntry",
    "ListUsed",
    "ListingDates",
    "ProgramCount",
    "ProgramInScope",
    "SameParty",
    "SummaryScope",
    "TimelineEntry",
]

SCHEMA = "sanctions-tracker/compliance-summary/2"
"""The name and version of the summary's JSON schema."""


@frozen
class SummaryScope:
    """What a summary covers: any combination of sector, program, country and date."""

    description: str
    sector: str | None = None
    sector_path: str | None = None
    program: str | None = None
    country: str | None = None
    as_of: dt.date | None = None


@frozen
class ProgramInScope:
    """A program that bears on the scope, the sector reaches that make it so, and a count."""

    program: Program
    reaches: tuple[ProgramSector, ...]
    designations_in_scope: int


@frozen
class DesignationEntry:
    """One designation in a summary: who, on which list, under what, since when, why in
    scope, cited. A designation is one entry, whatever the number of its programs."""

    id: str
    name: str
    kind: PartyKind
    programs: tuple[str, ...]
    status: DesignationStatus
    listed_on: dt.date | None
    sectors: tuple[SectorAssignment, ...]
    actions: tuple[str, ...]
    sources: tuple[str, ...]
    unverified: tuple[str, ...] = ()
    listed: ListingWindow | None = None
    """When it was listed: its listing date, or the window the data leaves (see
    ``Tracker.listing_window``)."""
    list_id: str = ""
    """The list that holds it."""


@frozen
class ProgramCount:
    """How many designations in scope a program lists (a designation under two programs
    counts under each)."""

    program: str
    name: str
    """The program's name (its id when the program is not loaded)."""
    count: int


@frozen
class CountryCount:
    """How many designations in scope are of parties tied to a country (nationality,
    citizenship, address; where the list states none, the country their programs target)."""

    country: str
    name: str
    count: int


@frozen
class ListUsed:
    """A list the designations in scope are on, with its date and what that date rests on."""

    list_id: str
    title: str
    designations: int
    """How many designations in scope it holds."""
    date: dt.date | None = None
    """The list's date (None for designations known only from curated records)."""
    date_source: DateSource | None = None


@frozen
class ListingDates:
    """How far the designations in scope have listing dates."""

    known: int
    """Designations whose list or curated record gives the listing date."""
    unknown: int
    """Designations with no listing date (shown with the window the data leaves)."""
    assumed: int = 0
    """On the as-of date, designations counted in force by assumption, for want of a
    listing date (see ``date_notes``)."""


@frozen
class SameParty:
    """One party that several designations in scope are, a designation on each list that
    holds it, as the lists say (``docs/same-party.md``)."""

    name: str
    """The party's name on the first of its designations."""
    designations: tuple[str, ...]
    lists: tuple[str, ...]


@frozen
class TimelineEntry:
    """A dated event: an authority signed, an action taken, an advisory issued."""

    date: dt.date
    kind: str
    title: str
    record: str
    sources: tuple[str, ...]


@frozen
class ComplianceSummary:
    """What sanctions and advisories apply in a scope, every statement with its sources."""

    title: str
    scope: SummaryScope
    built_from: tuple[Dataset, ...]
    authorities: tuple[Authority, ...]
    programs: tuple[ProgramInScope, ...]
    designation_count: int
    party_count: int
    """How many parties the designations in scope are: a party on several lists once."""
    same_parties: tuple[SameParty, ...]
    """The parties in scope held by more than one designation."""
    lists: tuple[ListUsed, ...]
    program_counts: tuple[ProgramCount, ...]
    """Designations in scope per program, most first."""
    countries: tuple[CountryCount, ...]
    """Designations in scope per country their parties are tied to, most first."""
    listing_dates: ListingDates
    designations: tuple[DesignationEntry, ...]
    """Every designation in scope, once, in id order."""
    advisories: tuple[Advisory, ...]
    timeline: tuple[TimelineEntry, ...]
    citations: tuple[Source, ...]
    caveats: tuple[str, ...] = ()
    schema: str = SCHEMA
    date_notes: tuple[DateNote, ...] = ()
    """What the designations in scope on ``scope.as_of`` assume about dates (empty when
    no date is asked, or when listing dates answer it alone)."""
    stamp: Stamp | None = field(default=None, eq=False)
    """When, by what, with which settings and from which files the summary was made (not
    part of the summary's value: the same scope of the same data is the same summary)."""

    def to_markdown(self) -> str:
        """The summary as Markdown, for reading."""
        from sanctions_tracker.reports.markdown import render_markdown  # noqa: PLC0415

        return render_markdown(self)

    def to_json(self, *, indent: int | None = 2) -> str:
        """The summary as JSON (schema in ``docs/reports.md``), for machines."""
        from sanctions_tracker.reports.json import render_json  # noqa: PLC0415

        return render_json(self, indent=indent)

    def to_html(self) -> str:
        """The summary as one self-contained, escaped HTML page, for filing."""
        from sanctions_tracker.reports.html import render_html  # noqa: PLC0415

        return render_html(self)

    def citation_number(self, source_id: str) -> int:
        """The 1-based number of a source in ``citations`` (how renderers refer to it)."""
        for index, source in enumerate(self.citations, start=1):
            if source.id == source_id:
                return index
        msg = f"{source_id!r} is not among the summary's citations"
        raise KeyError(msg)
