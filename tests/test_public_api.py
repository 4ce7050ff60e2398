"""The public surface: what `import sanctions_tracker` offers is pinned here."""

from __future__ import annotations

import sanctions_tracker as st

EXPECTED = [
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


def test_all_is_pinned_and_sorted() -> None:
    """Adding or removing a public name is a deliberate change to this list."""
    assert st.__all__ == EXPECTED
    assert sorted(st.__all__) == st.__all__


def test_every_public_name_exists() -> None:
    """Every name in __all__ is importable from the package."""
    for name in st.__all__:
        assert getattr(st, name) is not None


def test_tracker_query_methods() -> None:
    """The query methods the issue promises are on the Tracker."""
    for method in (
        "designations",
        "advisories",
        "actions",
        "programs",
        "sectors",
        "get",
        "summary",
    ):
        assert callable(getattr(st.Tracker, method))
