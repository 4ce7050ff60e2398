"""The JSON summary: the documented schema, ISO dates, and a lossless round trip."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest

import sanctions_tracker as st
from sanctions_tracker._convert import structure
from sanctions_tracker.reports.model import SCHEMA, ComplianceSummary

DOC = Path(__file__).resolve().parents[2] / "docs" / "reports.md"

TOP_LEVEL = [
    "title",
    "scope",
    "built_from",
    "authorities",
    "programs",
    "designation_count",
    "party_count",
    "same_parties",
    "lists",
    "program_counts",
    "countries",
    "listing_dates",
    "designations",
    "advisories",
    "timeline",
    "citations",
    "caveats",
    "schema",
    "date_notes",
    "stamp",
]

# Which documented object each JSON path holds ("[]" stands for any list item).
OBJECTS = {
    "$": "ComplianceSummary",
    "$.scope": "SummaryScope",
    "$.built_from[]": "Dataset",
    "$.built_from[].accounts[]": "FileAccount",
    "$.built_from[].accounts[].rejected[]": "RowProblem",
    "$.built_from[].accounts[].orphans[]": "RowProblem",
    "$.built_from[].accounts[].unparsed_remarks[]": "RowProblem",
    "$.built_from[].accounts[].disagreements[]": "Disagreement",
    "$.authorities[]": "Authority",
    "$.authorities[].verification": "Verification",
    "$.authorities[].origin": "Origin",
    "$.programs[]": "ProgramInScope",
    "$.programs[].program": "Program",
    "$.programs[].program.sectors[]": "ProgramSector",
    "$.programs[].program.verification": "Verification",
    "$.programs[].program.origin": "Origin",
    "$.programs[].reaches[]": "ProgramSector",
    "$.same_parties[]": "SameParty",
    "$.lists[]": "ListUsed",
    "$.program_counts[]": "ProgramCount",
    "$.countries[]": "CountryCount",
    "$.listing_dates": "ListingDates",
    "$.designations[]": "DesignationEntry",
    "$.designations[].sectors[]": "SectorAssignment",
    "$.designations[].listed": "ListingWindow",
    "$.date_notes[]": "DateNote",
    "$.stamp": "Stamp",
    "$.stamp.inputs[]": "InputFile",
    "$.advisories[]": "Advisory",
    "$.advisories[].materials[]": "Material",
    "$.advisories[].materials[].hs_codes[]": "HsCode",
    "$.advisories[].verification": "Verification",
    "$.advisories[].origin": "Origin",
    "$.timeline[]": "TimelineEntry",
    "$.citations[]": "Source",
    "$.citations[].verification": "Verification",
    "$.citations[].origin": "Origin",
}

DATE_KEYS = {"as_of", "signed_on", "since", "listed_on", "issued_on", "date", "published_on"}
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@pytest.fixture(scope="module")
def summary() -> ComplianceSummary:
    """The bundled steel summary, built once."""
    return st.load().summary(sector="steel")


def _objects(value: Any, path: str = "$") -> list[tuple[str, dict[str, Any]]]:
    """Every JSON object in ``value`` with its path, list indices written as ``[]``."""
    found: list[tuple[str, dict[str, Any]]] = []
    if isinstance(value, dict):
        found.append((path, value))
        for key, item in value.items():
            found.extend(_objects(item, f"{path}.{key}"))
    elif isinstance(value, list):
        for item in value:
            found.extend(_objects(item, f"{path}[]"))
    return found


def _documented() -> dict[str, list[str]]:
    """The keys docs/reports.md lists for each object, from its ``### Name`` key tables."""
    tables: dict[str, list[str]] = {}
    current: str | None = None
    for line in DOC.read_text(encoding="utf-8").splitlines():
        heading = re.fullmatch(r"### (\w+)", line)
        if heading:
            current = heading.group(1)
            tables[current] = []
            continue
        row = re.match(r"\| `(\w+)` \| ", line)
        if row and current is not None:
            tables[current].append(row.group(1))
    return {name: keys for name, keys in tables.items() if keys}


def test_top_level_keys_and_schema_name(summary: ComplianceSummary) -> None:
    """The document has the top-level keys in field order and names its schema."""
    data = json.loads(summary.to_json())
    assert list(data) == TOP_LEVEL
    assert data["schema"] == SCHEMA == "sanctions-tracker/compliance-summary/2"
    assert data["designation_count"] == summary.designation_count
    assert len(data["citations"]) == len(summary.citations)


def test_every_object_has_exactly_its_documented_keys(summary: ComplianceSummary) -> None:
    """docs/reports.md documents every key of every object, in order, and nothing else."""
    documented = _documented()
    assert documented["ComplianceSummary"] == TOP_LEVEL
    seen: set[str] = set()
    for path, obj in _objects(json.loads(summary.to_json())):
        if path == "$.stamp.settings":  # an object of settings, by name: no fixed keys
            assert all(isinstance(v, str) for v in obj.values())
            continue
        assert path in OBJECTS, f"{path} is not mapped to a documented object"
        name = OBJECTS[path]
        seen.add(name)
        assert list(obj) == documented[name], f"{path} ({name})"
    # The bundled steel summary exercises every documented object but the problem reports
    # of list files (tests/sources cover those) and the parties on several lists (no two
    # bundled lists share one: tests/test_same_party.py covers them).
    assert seen | {"RowProblem", "Disagreement", "DateNote", "SameParty"} == set(documented)


def test_dates_are_iso_strings(summary: ComplianceSummary) -> None:
    """Every date-valued key holds a YYYY-MM-DD string or null."""
    checked = 0
    for path, obj in _objects(json.loads(summary.to_json())):
        for key in DATE_KEYS & set(obj):
            value = obj[key]
            assert value is None or (isinstance(value, str) and ISO_DATE.fullmatch(value)), (
                f"{path}.{key} = {value!r}"
            )
            if value is not None:
                dt.date.fromisoformat(value)
                checked += 1
    assert checked > 0


def test_round_trip_is_lossless(summary: ComplianceSummary) -> None:
    """Structuring the JSON back gives a summary equal to the original."""
    assert structure(json.loads(summary.to_json()), ComplianceSummary) == summary


def test_round_trip_with_an_as_of_date() -> None:
    """A scope with an as-of date survives the round trip, the date as an ISO string."""
    summary = st.load().summary(sector="steel", as_of=dt.date(2020, 6, 30))
    data = json.loads(summary.to_json(indent=None))
    assert data["scope"]["as_of"] == "2020-06-30"
    assert structure(data, ComplianceSummary) == summary


def test_json_is_deterministic(summary: ComplianceSummary) -> None:
    """Two renders are equal and end in a newline; indent=None gives one line."""
    assert summary.to_json() == summary.to_json()
    assert summary.to_json().endswith("}\n")
    assert summary.to_json(indent=None).count("\n") == 1
