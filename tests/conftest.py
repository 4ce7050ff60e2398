"""Shared pytest fixtures: a small fixture-file writer, the real data folder, the bundled set."""

from __future__ import annotations

import json
import os
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any
from xml.sax.saxutils import escape

import pytest

import sanctions_tracker as st

SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
"""The real official list files (read-only, beside the repository; never copied into it)."""

# The command line uses the snapshot cache by default: tests of commands run without it
# (and never write to the user's cache folder); tests of the cache turn it on in a folder
# of their own (tests/test_cache.py).
os.environ["SANCTIONS_TRACKER_NO_CACHE"] = "1"

MINIMAL: dict[str, Any] = {
    "sources": [{"id": "src-a", "publisher": "Pub", "title": "A source"}],
    "sectors": [
        {"id": "industry", "name": "Industry"},
        {"id": "metals", "name": "Metals", "parent": "industry"},
        {"id": "steel", "name": "Steel", "parent": "metals", "aliases": ["iron and steel"]},
        {"id": "copper", "name": "Copper", "parent": "metals"},
        {"id": "financial", "name": "Financial", "aliases": ["banking"]},
    ],
    "authorities": [
        {
            "id": "us-eo-1",
            "code": "E.O. 1",
            "title": "Order one",
            "kind": "executive-order",
            "sources": ["src-a"],
            "signed_on": "2019-05-08",
        }
    ],
    "programs": [
        {
            "id": "METALS",
            "name": "Metals program",
            "sources": ["src-a"],
            "country": "IR",
            "authorities": ["us-eo-1"],
            "sectors": [
                {"sector": "steel", "reason": "targets steel"},
                {"sector": "copper", "reason": "targets copper"},
            ],
        },
        {
            "id": "FIN",
            "name": "Financial program",
            "sources": ["src-a"],
            "sectors": [
                {"sector": "financial", "reason": "restricts dealings", "criterion": False}
            ],
        },
    ],
    "designations": [
        {
            "id": "t:1",
            "list_id": "t",
            "party": {"kind": "entity", "names": [{"full": "ACME STEEL"}]},
            "programs": ["METALS"],
            "sources": ["src-a"],
            "listed_on": "2020-01-10",
            "sectors": [{"sector": "steel", "basis": "fixture", "reason": "a steelmaker"}],
        },
        {
            "id": "t:2",
            "list_id": "t",
            "party": {"kind": "entity", "names": [{"full": "RED METAL CO"}]},
            "programs": ["METALS", "FIN"],
            "sources": ["src-a"],
            "listed_on": "2021-01-05",
            "status": "delisted",
            "delisted_on": "2022-06-01",
        },
        {
            "id": "t:10",
            "list_id": "t",
            "party": {
                "kind": "individual",
                "names": [{"full": "DOE, Jane"}],
                "nationalities": ["RU"],
            },
            "programs": ["FIN"],
            "sources": ["src-a"],
        },
    ],
    "actions": [
        {
            "id": "act-1",
            "agency": "Treasury",
            "kind": "designation",
            "taken_on": "2020-01-10",
            "title": "Steel designations",
            "sources": ["src-a"],
            "programs": ["METALS"],
            "designations": ["t:1"],
        }
    ],
    "advisories": [
        {
            "id": "adv-1",
            "agency": "State",
            "issued_on": "2019-12-16",
            "title": "Metals advisory",
            "sources": ["src-a"],
            "materials": [
                {"name": "Needle coke", "hs_codes": [{"code": "2713.12", "description": "coke"}]},
                {
                    "name": "Graphite electrodes",
                    "hs_codes": [{"code": "8545.11", "description": "e"}],
                },
            ],
            "sectors": ["steel"],
            "countries": ["IR"],
        }
    ],
}


@pytest.fixture
def write_fixture(tmp_path: Path) -> Callable[..., Path]:
    """Write a fixture file (a dict or raw text/bytes) under tmp_path and return its path."""

    def write(content: dict[str, Any] | str | bytes, name: str = "fixture.json") -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        elif isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        else:
            path.write_text(json.dumps(content, indent=2), encoding="utf-8")
        return path

    return write


@pytest.fixture
def small(write_fixture: Callable[..., Path]) -> st.Tracker:
    """A tracker over the minimal fixture alone (no bundled set)."""
    return st.load(write_fixture(MINIMAL), bundled=False)


@pytest.fixture(scope="session")
def bundled() -> st.Tracker:
    """The bundled fixtures, loaded once per test session."""
    return st.load()


def write_workbook(path: Path | IO[bytes], rows: list[list[str]]) -> None:
    """A minimal XLSX workbook of inline-string cells (what a spreadsheet program writes,
    less its styles), to a file or a stream."""
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    cells = "".join(
        f'<row r="{r}">'
        + "".join(
            f'<c r="{chr(65 + c)}{r}" t="inlineStr"><is><t>{escape(value)}</t></is></c>'
            for c, value in enumerate(row)
        )
        + "</row>"
        for r, row in enumerate(rows, start=1)
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(
            "xl/workbook.xml",
            f'<workbook xmlns="{main}" xmlns:r="{rel}"><sheets>'
            '<sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        archive.writestr(
            "xl/_rels/workbook.xml.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Target="worksheets/sheet1.xml" Type="x"/></Relationships>',
        )
        archive.writestr(
            "xl/worksheets/sheet1.xml",
            f'<worksheet xmlns="{main}"><sheetData>{cells}</sheetData></worksheet>',
        )


SDN_WITH_COMPANIONS = (
    SHARED_DATA / "ofac-sdn" / "sdn-2024-05-03.csv.gz",
    SHARED_DATA / "ofac-csv-companions" / "alt.csv.gz",
    SHARED_DATA / "ofac-csv-companions" / "add.csv.gz",
    SHARED_DATA / "ofac-csv-companions" / "sdn_comments.csv",
)
"""OFAC's SDN list of 2024-05-03 with its alt, add and comments companions."""


@pytest.fixture(scope="session")
def sdn_tracker() -> st.Tracker:
    """The SDN list of 2024-05-03 with its companions (and the bundled set), loaded once."""
    return st.load(*SDN_WITH_COMPANIONS)


@pytest.fixture(scope="session")
def sdn_screener(sdn_tracker: st.Tracker) -> Any:
    """A screener of the SDN list of 2024-05-03 with its companions, built once (the
    screening package imported here, when a test asks for it)."""
    from sanctions_tracker.screening import Screener  # noqa: PLC0415

    return Screener(sdn_tracker.designations())
