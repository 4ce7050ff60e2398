"""sanctions_tracker: what sanctions and government advisories apply to whom.

The public façade. Load the bundled fixtures (and your own files) with :func:`load`,
then ask the :class:`Tracker`::

    >>> import sanctions_tracker as st
    >>> tracker = st.load()
    >>> [d.name for d in tracker.designations(sector="steel")][:2]
    ["ESFAHAN'S MOBARAKEH STEEL COMPANY", 'ESFAHAN STEEL COMPANY']
"""

import typing

from sanctions_tracker._convert import structure, unstructure
from sanctions_tracker._stamps import tool_version
from sanctions_tracker.cache import SnapshotCache
from sanctions_tracker.errors import (
    CacheError,
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
    CacheNote,
    CacheStatus,
    Dataset,
    DateNote,
    DateNoteKind,
    DateSource,
    Designation,
    DesignationStatus,
    Disagreement,
    FileAccount,
    HsCode,
    Identifier,
    InputFile,
    Link,
    ListingWindow,
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
    Setting,
    Source,
    Stamp,
    Verification,
    VerificationStatus,
    VesselInfo,
)
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
    "CacheError",
    "CacheNote",
    "CacheStatus",
    "ComplianceSummary",
    "Dataset",
    "DateNote",
    "DateNoteKind",
    "DateSource",
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
    "InputFile",
    "Link",
    "ListDiff",
    "ListingWindow",
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
    "Setting",
    "Snapshot",
    "SnapshotCache",
    "Source",
    "SourceError",
    "Stamp",
    "Tracker",
    "Verification",
    "VerificationStatus",
    "VesselInfo",
    "diff",
    "load",
    "structure",
    "unstructure",
]

__version__ = tool_version()
"""The installed version of the package (the one every stamp names)."""

_LAZY = {
    "ComplianceSummary": "sanctions_tracker.reports.model",
    "Match": "sanctions_tracker.screening",
    "Rescreening": "sanctions_tracker.screening",
}
"""Public names imported on first use, and their modules: the screening engine is a third
of the package's import time, and an answer from the snapshot cache needs neither it nor
the summaries' model unless it screens or summarises."""


def __getattr__(name: str) -> typing.Any:
    if name in _LAZY:
        import importlib  # noqa: PLC0415

        return getattr(importlib.import_module(_LAZY[name]), name)
    msg = f"module 'sanctions_tracker' has no attribute {name!r}"
    raise AttributeError(msg)


def __dir__() -> list[str]:
    """The public surface and the module's own dunder attributes: not the submodules or
    the names the package uses to build itself."""
    dunders = (name for name in globals() if name.startswith("__") and name.endswith("__"))
    return sorted({*__all__, *dunders})


if typing.TYPE_CHECKING:
    from sanctions_tracker.reports.model import ComplianceSummary
    from sanctions_tracker.screening import Match, Rescreening
