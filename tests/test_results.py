"""Query results as plain data: dicts, pandas DataFrames and Arrow tables."""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import importlib
import json
from types import ModuleType
from typing import Any

import pandas as pd
import pyarrow as pa
import pytest

import sanctions_tracker as st
from conftest import SHARED_DATA
from sanctions_tracker.export._tables import DESIGNATION_COLUMNS, arrow_schema


def test_a_query_returns_designations_that_are_a_tuple(bundled: st.Tracker) -> None:
    """A designations query gives a Designations: equal to the plain tuple of the same
    records, iterated like one, and a slice of it is Designations too."""
    steel = bundled.designations(sector="steel")
    assert isinstance(steel, st.Designations)
    assert steel == tuple(steel)
    assert steel[:2] == (steel[0], steel[1])
    assert isinstance(steel[:2], st.Designations)
    assert steel[:2].to_arrow().num_rows == 2
    assert (*steel,) == tuple(steel)
    assert len(list(iter(steel))) == len(steel) == 10


def test_to_dicts_is_the_json_form_and_reads_back(bundled: st.Tracker) -> None:
    """``to_dicts()`` is every record unstructured: JSON-ready, and ``st.structure``
    gives the same records back."""
    steel = bundled.designations(sector="steel")
    dicts = steel.to_dicts()
    assert dicts == [st.unstructure(d) for d in steel]
    assert json.loads(json.dumps(dicts)) == dicts
    assert [st.structure(d, st.Designation) for d in dicts] == list(steel)
    assert st.unstructure(st.PartialDate(1957, circa=True)) == "~1957"


def test_to_pandas_has_a_row_per_designation(bundled: st.Tracker) -> None:
    """One row per designation, with the layout's columns in order, dates as datetime64
    (unknown ones NaT) and lists as lists."""
    steel = bundled.designations(sector="steel")
    frame = steel.to_pandas()
    assert list(frame.columns) == [c.name for c in DESIGNATION_COLUMNS]
    assert list(frame["id"]) == [d.id for d in steel]
    assert list(frame["programs"]) == [list(d.programs) for d in steel]
    assert pd.api.types.is_datetime64_any_dtype(frame["listed_on"])
    for day, designation in zip(frame["listed_on"], steel, strict=True):
        expected = designation.listed_on
        assert (pd.isna(day) and expected is None) or day.date() == expected


def test_to_arrow_has_one_schema_full_or_empty(bundled: st.Tracker) -> None:
    """The Arrow table has the layout's fixed schema, typed (dates as date32), whether
    the result is full or empty."""
    steel = bundled.designations(sector="steel")
    table = steel.to_arrow()
    empty = bundled.designations(listed_between=(dt.date(1900, 1, 1), dt.date(1900, 1, 2)))
    assert len(empty) == 0
    assert table.schema == empty.to_arrow().schema == arrow_schema("designations")
    assert table.schema.field("listed_on").type == pa.date32()
    assert table.column("listed_on").to_pylist() == [d.listed_on for d in steel]
    assert table.column("identifiers").to_pylist()[0] == [
        {"kind": i.kind, "value": i.value, "country": i.country} for i in steel[0].party.identifiers
    ]


def test_sdn_table_counts_match_the_file(sdn_tracker: st.Tracker) -> None:
    """On the SDN list, the Arrow table has a row per row of sdn.csv and as many program
    tags as the file (both read plainly here)."""
    path = SHARED_DATA / "ofac-sdn" / "sdn-2024-05-03.csv.gz"
    with gzip.open(path, "rt", encoding="utf-8", errors="replace") as handle:
        rows = [row for row in csv.reader(handle) if row and row[0] != "\x1a"]
    table = sdn_tracker.designations(list_id="us-ofac-sdn").to_arrow()
    assert table.num_rows == len(rows)
    programs = table.column("programs").to_pylist()
    assert sum(len(p or []) for p in programs) == sum(len(row[3].split("] [")) for row in rows)


@pytest.mark.parametrize(
    ("method", "package", "extra"),
    [("to_pandas", "pandas", "pandas"), ("to_arrow", "pyarrow", "arrow")],
)
def test_a_missing_extra_is_named(
    bundled: st.Tracker, monkeypatch: pytest.MonkeyPatch, method: str, package: str, extra: str
) -> None:
    """Without the package, the method raises MissingExtraError (an ImportError) naming
    the extra to install."""
    real = importlib.import_module

    def without(name: str, *args: Any) -> ModuleType:
        if name == package:
            raise ModuleNotFoundError(name)
        return real(name, *args)

    monkeypatch.setattr(importlib, "import_module", without)
    with pytest.raises(st.MissingExtraError) as caught:
        getattr(bundled.designations(), method)()
    assert isinstance(caught.value, ImportError)
    assert caught.value.extra == extra
    assert f"pip install 'sanctions-tracker[{extra}]'" in str(caught.value)
