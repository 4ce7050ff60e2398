"""Compliance summaries: the model, how it is built, and its renderers."""

from sanctions_tracker.reports.model import (
    SCHEMA,
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
