"""Compliance summaries: the model, how it is built, and its renderers."""

from sanctions_tracker.reports.model import (
    SCHEMA,
    ComplianceSummary,
    DesignationEntry,
    DesignationGroup,
    ProgramInScope,
    SameParty,
    SummaryScope,
    TimelineEntry,
)

__all__ = [
    "SCHEMA",
    "ComplianceSummary",
    "DesignationEntry",
    "DesignationGroup",
    "ProgramInScope",
    "SameParty",
    "SummaryScope",
    "TimelineEntry",
]
