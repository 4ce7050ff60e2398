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


def test_namespace_shows_only_the_public_surface() -> None:
    """dir(sanctions_tracker) lists __all__ and the module's dunder attributes: no helper
    names (Any, TYPE_CHECKING) and no submodules."""
    shown = dir(st)
    assert sorted(set(shown) - set(st.__all__)) == sorted(
        name for name in shown if name.startswith("__") and name.endswith("__")
    )
    assert set(st.__all__) <= set(shown)
    for hidden in ("Any", "TYPE_CHECKING", "typing", "records", "loading", "tracker"):
        assert hidden not in shown
    assert st.__version__ == st.load().stamp().version
