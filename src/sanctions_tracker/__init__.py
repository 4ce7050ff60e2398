"""sanctions_tracker: what sanctions and government advisories apply to whom.

The public façade. Load the bundled fixtures (and your own files) with :func:`load`,
then ask the :class:`Tracker`::

    >>> import sanctions_tracker as st
    >>> tracker = st.load()
    >>> [d.name for d in tracker.designations(sector="steel")][:2]
    ["ESFAHAN'S MOBARAKEH STEEL COMPANY", 'ESFAHAN STEEL COMPANY']
"""

from sanctions_tracker.errors import (
    FixtureError,
    NotFoundError,
    QueryError,
    ReportError,
    SanctionsTrackerError,
    SourceError,
)
from sanctions_tracker.loading import load
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
from sanctions_tracker.tracker import Tracker

__all__ = [
    "Action",
    "ActionKind",
    "Address",
    "Advisory",
    "AircraftInfo",
    "Authority",
    "AuthorityKind",
    "ComplianceSummary",
    "Dataset",
    "Designation",
    "DesignationStatus",
    "Disagreement",
    "FileAccount",
    "FixtureError",
    "HsCode",
    "Identifier",
    "Link",
    "Material",
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
    "RowProblem",
    "SanctionsTrackerError",
    "Sector",
    "SectorAssignment",
    "SectorBasis",
    "Source",
    "SourceError",
    "Tracker",
    "Verification",
    "VerificationStatus",
    "VesselInfo",
    "load",
]
