"""sanctions_tracker: what sanctions and government advisories apply to whom.

The public façade. Load the bundled fixtures (and your own files) with :func:`load`,
then ask the :class:`Tracker`::

    >>> import sanctions_tracker as st
    >>> tracker = st.load()
    >>> [d.name for d in tracker.designations(sector="steel")][:2]
    ["ESFAHAN'S MOBARAKEH STEEL COMPANY", 'ESFAHAN STEEL COMPANY']
"""

from typing import TYPE_CHECKING, Any

from sanctions_tracker._convert import structure, unstructure
from sanctions_tracker.errors import (
    FixtureError,
    MissingExtraError,
    NotFoundError,
    QueryError,
    ReportError,
    SanctionsTrackerError,
    SourceError,
)
from sanctions_tracker.history import (
    Amendment,
    DiffEntry,
    FieldChange,
    History,
    ListDiff,
    Snapshot,
)
from sanctions_tracker.loading import diff, load
from sanctions_tracker.records import (
    Action,
    ActionKind,
    Address,
    Advisory,
    AircraftInfo,
    Authority,
    AuthorityKind,
    Dataset,
    Designation,
    DesignationStatus,
    Disagreement,
    FileAccount,
    HsCode,
    Identifier,
    Link,
    Material,
    Name,
    NameKind,
    Origin,
    PartialDate,
    Party,
    PartyKind,
    Program,
    ProgramSector,
    Record,
    RowProblem,
    Sector,
    SectorAssignment,
    SectorBasis,
    Source,
    Verification,
    VerificationStatus,
    VesselInfo,
)
from sanctions_tracker.reports.model import ComplianceSummary
from sanctions_tracker.results import Designations
from sanctions_tracker.tracker import Tracker

__all__ = [
    "Action",
    "ActionKind",
    "Address",
    "Advisory",
    "AircraftInfo",
    "Amendment",
    "Authority",
    "AuthorityKind",
    "ComplianceSummary",
    "Dataset",
    "Designation",
    "DesignationStatus",
    "Designations",
    "DiffEntry",
    "Disagreement",
    "FieldChange",
    "FileAccount",
    "FixtureError",
    "History",
    "HsCode",
    "Identifier",
    "Link",
    "ListDiff",
    "Match",
    "Material",
    "MissingExtraError",
    "Name",
    "NameKind",
    "NotFoundError",
    "Origin",
    "PartialDate",
    "Party",
    "PartyKind",
    "Program",
    "ProgramSector",
    "QueryError",
    "Record",
    "ReportError",
    "Rescreening",
    "RowProblem",
    "SanctionsTrackerError",
    "Sector",
    "SectorAssignment",
    "SectorBasis",
    "Snapshot",
    "Source",
    "SourceError",
    "Tracker",
    "Verification",
    "VerificationStatus",
    "VesselInfo",
    "diff",
    "load",
    "structure",
    "unstructure",
]

_LAZY = {"Match", "Rescreening"}
"""Public names from ``sanctions_tracker.screening``, imported on first use: the screening
engine is a third of the package's import time."""


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from sanctions_tracker import screening  # noqa: PLC0415

        return getattr(screening, name)
    msg = f"module 'sanctions_tracker' has no attribute {name!r}"
    raise AttributeError(msg)


if TYPE_CHECKING:
    from sanctions_tracker.screening import Match, Rescreening
