"""The export façade: formats by name, JSON lines."""

from __future__ import annotations

import io
import json

import pytest

import sanctions_tracker as st
from sanctions_tracker.export import (
    EXPORT_FORMATS,
    export_records,
    ftm_entities,
    senzing_records,
    write_json_lines,
)


def test_formats_by_name(bundled: st.Tracker) -> None:
    """Each format name gives its exporter's records; an unknown one is a ReportError
    that lists the formats."""
    steel = bundled.designations(sector="steel")
    assert EXPORT_FORMATS == ("ftm", "senzing")
    assert export_records(bundled, "ftm", steel) == ftm_entities(bundled, steel)
    assert export_records(bundled, "senzing", steel) == senzing_records(bundled, steel)
    with pytest.raises(st.ReportError, match="expected one of ftm, senzing"):
        export_records(bundled, "csv", steel)


def test_json_lines_of_dicts_and_records(bundled: st.Tracker) -> None:
    """One JSON document per line, for export dicts and for records alike (records in
    their unstructured form); the count written is returned."""
    steel = bundled.designations(sector="steel")
    out = io.StringIO()
    assert write_json_lines(steel, out) == len(steel)
    lines = out.getvalue().splitlines()
    assert [json.loads(line) for line in lines] == steel.to_dicts()
    out = io.StringIO()
    entities = export_records(bundled, "ftm", steel)
    assert write_json_lines(entities, out) == len(entities)
    assert [json.loads(line) for line in out.getvalue().splitlines()] == entities
