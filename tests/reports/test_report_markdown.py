"""The Markdown summary: cited lines, escaped data, stable bytes, and the steel golden file."""

from __future__ import annotations

import copy
import json
import os
import re
from pathlib import Path
from typing import Any

import pytest

import sanctions_tracker as st
from sanctions_tracker.reports.markdown import escape, escape_cell

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "steel_summary.md"
MARKERS = re.compile(r"(\[\d+\])+$")

FIXTURE: dict[str, Any] = {
    "sources": [
        {
            "id": "src-eo",
            "publisher": "Federal Register",
            "title": "Executive Order 1",
            "url": "https://example.org/eo-1",
            "published_on": "2019-05-10",
            "verification": {"status": "verified", "verified": ["the text"]},
        },
        {
            "id": "src-list",
            "publisher": "OFAC",
            "title": "Designations | metals",
            "url": "https://example.org/list",
            "published_on": "2020-01-10",
        },
        {
            "id": "src-adv",
            "publisher": "State",
            "title": "Metals advisory",
            "verification": {"status": "partly-verified", "unverified": ["the date"]},
        },
    ],
    "sectors": [
        {"id": "industry", "name": "Industry"},
        {"id": "metals", "name": "Metals", "parent": "industry"},
        {"id": "steel", "name": "Steel", "parent": "metals"},
    ],
    "authorities": [
        {
            "id": "eo-1",
            "code": "E.O. 1",
            "title": "Order one | iron and steel",
            "kind": "executive-order",
            "signed_on": "2019-05-08",
            "sources": ["src-eo"],
        }
    ],
    "programs": [
        {
            "id": "METALS",
            "name": "Metals program",
            "country": "IR",
            "authorities": ["eo-1"],
            "sources": ["src-eo"],
            "sectors": [
                {
                    "sector": "steel",
                    "reason": "the order names steel",
                    "since": "2019-05-08",
                    "authority": "eo-1",
                }
            ],
        }
    ],
    "designations": [
        {
            "id": "t:1",
            "list_id": "t",
            "programs": ["METALS"],
            "sources": ["src-list"],
            "listed_on": "2020-01-10",
            "party": {"kind": "entity", "names": [{"full": "PIPE | FITTINGS *CO* [X]"}]},
        },
        {
            "id": "t:2",
            "list_id": "t",
            "programs": ["METALS"],
            "sources": ["src-list", "src-eo"],
            "party": {"kind": "entity", "names": [{"full": "# STEEL_WORKS"}]},
            "verification": {"status": "partly-verified", "unverified": ["the listing date"]},
        },
    ],
    "actions": [
        {
            "id": "act-1",
            "agency": "Treasury",
            "kind": "designation",
            "taken_on": "2020-01-10",
            "title": "Steel designations",
            "sources": ["src-list"],
            "programs": ["METALS"],
            "designations": ["t:1", "t:2"],
        }
    ],
    "advisories": [
        {
            "id": "adv-1",
            "agency": "State",
            "issued_on": "2020-02-01",
            "title": "Metals advisory",
            "sources": ["src-adv"],
            "summary": "Supplying steelmakers risks sanctions.",
            "programs": ["METALS"],
            "sectors": ["steel"],
            "materials": [
                {
                    "name": "Graphite electrodes",
                    "hs_codes": [
                        {"code": "8545.11", "description": "furnace electrodes", "verified": True},
                        {"code": "2713.12", "description": "calcined coke"},
                    ],
                }
            ],
            "parties_at_risk": ["shippers", "*port* operators"],
            "due_diligence": ["screen counterparties"],
        }
    ],
}


def _summary(tmp_path: Path, data: dict[str, Any] | None = None) -> st.ComplianceSummary:
    path = tmp_path / "fixture.json"
    path.write_text(json.dumps(data or FIXTURE), encoding="utf-8")
    return st.load(path, bundled=False).summary(sector="steel")


def _section(text: str, heading: str) -> list[str]:
    lines = text.splitlines()
    start = lines.index(heading) + 1
    end = next((i for i in range(start, len(lines)) if lines[i].startswith("## ")), len(lines))
    return lines[start:end]


def test_layout_starts_with_title_and_scope(tmp_path: Path) -> None:
    """The page opens with the title and an executive summary (scope, sector path, counts),
    and ends with its provenance: what it was built from, when and from which files."""
    text = _summary(tmp_path).to_markdown()
    lines = text.splitlines()
    assert lines[0] == "# Compliance summary: the steel sector"
    assert lines[2] == "## Executive summary"
    assert "- Scope: the steel sector" in lines
    assert "- Sector path: industry > metals > steel" in lines
    assert any(line.startswith("- As of: ") for line in lines)
    headings = [line for line in lines if line.startswith("## ")]
    assert headings == [
        "## Executive summary",
        "## Designations per program",
        "## Designations",
        "## Advisories",
        "## Programs and authorities",
        "## Dates",
        "## Timeline",
        "## Caveats",
        "## Sources",
        "## Provenance",
    ]
    provenance = text.split("## Provenance", 1)[1]
    assert any(
        re.fullmatch(r"  - .+ \(fixtures\): 12 records, as of 2020-02-01", x)
        for x in provenance.splitlines()
    )
    assert "- Generated: " in provenance
    assert "- Generated: " not in text.split("## Provenance", 1)[0]


def test_designation_advisory_and_timeline_lines_end_with_citations(tmp_path: Path) -> None:
    """Every statement in Advisories, Designations and Timeline ends with [n] markers."""
    summary = _summary(tmp_path)
    text = summary.to_markdown()
    advisory_lines = [
        line
        for line in _section(text, "## Advisories")
        if line and not line.startswith("### ") and not line.endswith(":")
    ]
    assert advisory_lines
    for line in advisory_lines:
        assert MARKERS.search(line), line
    rows = [
        line
        for line in _section(text, "## Designations")
        if line.startswith("| ") and not line.startswith(("| ID ", "| ---"))
    ]
    assert len(rows) == summary.designation_count == 2
    for row in rows:
        last_cell = row.rstrip("|").rsplit(" | ", 1)[-1].strip()
        assert MARKERS.fullmatch(last_cell), row
    timeline = [line for line in _section(text, "## Timeline") if line]
    assert len(timeline) == len(summary.timeline) == 3
    for line in timeline:
        assert MARKERS.search(line), line


def test_citation_numbers_follow_the_summary(tmp_path: Path) -> None:
    """Markers use summary.citation_number, and the Sources list numbers match."""
    summary = _summary(tmp_path)
    text = summary.to_markdown()
    list_number = summary.citation_number("src-list")
    eo_number = summary.citation_number("src-eo")
    row = next(line for line in text.splitlines() if line.startswith("| t:2 "))
    assert row.endswith(f"| [{min(list_number, eo_number)}][{max(list_number, eo_number)}] |")
    sources = [line for line in _section(text, "## Sources") if line]
    assert len(sources) == len(summary.citations)
    for number, (line, source) in enumerate(zip(sources, summary.citations, strict=True), 1):
        assert line.startswith(f"[{number}] {source.publisher}, ")
    adv = sources[summary.citation_number("src-adv") - 1]
    assert adv.endswith("undated, no URL (not verified against a primary source: the date)")


def test_table_cells_escape_pipes(tmp_path: Path) -> None:
    """A pipe in a name or a title cannot add a column: each row keeps its header's width."""
    text = _summary(tmp_path).to_markdown()
    assert r"PIPE \| FITTINGS \*CO\* \[X\]" in text
    assert r"Order one \| iron and steel" in text
    for line in text.splitlines():
        if line.startswith("| "):
            cells = re.split(r"(?<!\\)\|", line)
            assert cells[0] == ""
            assert cells[-1] == ""
    rows = [line for line in text.splitlines() if line.startswith("| t:")]
    for row in rows:
        assert len(re.split(r"(?<!\\)\|", row)) == 10  # 8 cells and the two outer edges


def test_markdown_significant_text_is_escaped(tmp_path: Path) -> None:
    """Leading '#', emphasis, brackets and '<' in data come out as literal text."""
    text = _summary(tmp_path).to_markdown()
    assert r"\# STEEL\_WORKS" in text
    assert r"- \*port\* operators" in text
    assert escape("# heading") == r"\# heading"
    assert escape("<b>[x](y)</b>") == r"\<b>\[x\](y)\</b>"
    assert escape("1. first") == r"1\. first"
    assert escape("8545.11") == "8545.11"
    assert escape("two\nlines") == "two lines"
    assert escape("`code` and _under_") == r"\`code\` and \_under\_"
    assert escape_cell("a|b") == r"a\|b"
    assert escape("AT&T &amp;") == r"AT&T \&amp;"


def test_hs_codes_say_whether_they_are_verified(tmp_path: Path) -> None:
    """A verified HS code says so; an unverified one is called a trade classification."""
    text = _summary(tmp_path).to_markdown()
    verified = next(line for line in text.splitlines() if "HS 8545.11" in line)
    unverified = next(line for line in text.splitlines() if "HS 2713.12" in line)
    assert "(verified" in verified
    assert "trade classification only" in unverified


def test_caveats_list_unverified_statements(tmp_path: Path) -> None:
    """Unverified statements of the records in scope appear under Caveats."""
    text = _summary(tmp_path).to_markdown()
    assert "- t:2: the listing date" in _section(text, "## Caveats")


def test_render_is_deterministic_and_clean(tmp_path: Path) -> None:
    """Two renders are equal, no line ends in whitespace, and the text ends in one newline."""
    summary = _summary(tmp_path)
    first = summary.to_markdown()
    assert first == summary.to_markdown()
    assert first == _summary(tmp_path).to_markdown()
    assert first.endswith("\n")
    assert not first.endswith("\n\n")
    assert all(line == line.rstrip() for line in first.splitlines())


def test_empty_scope_renders(tmp_path: Path) -> None:
    """A scope with no designations or advisories still renders every section."""
    data = copy.deepcopy(FIXTURE)
    data["designations"] = []
    data["actions"] = []
    data["advisories"] = []
    text = _summary(tmp_path, data).to_markdown()
    assert "0 designations in scope." in text
    assert "No advisories in scope." in text


def test_golden_steel_summary(monkeypatch: pytest.MonkeyPatch) -> None:
    """The bundled steel summary equals tests/golden/steel_summary.md byte for byte, with
    ``SOURCE_DATE_EPOCH`` fixing the stamp's time.

    After an intended change (to the renderer, the bundled fixtures or the version),
    regenerate it with ``UPDATE_GOLDEN=1 .venv/bin/pytest tests/reports/test_report_markdown.py``
    and review the diff.
    """
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1714726800")  # 2024-05-03T09:00:00Z
    rendered = st.load().summary(sector="steel").to_markdown()
    if os.environ.get("UPDATE_GOLDEN") == "1":
        GOLDEN.parent.mkdir(parents=True, exist_ok=True)
        GOLDEN.write_text(rendered, encoding="utf-8", newline="\n")
    expected = GOLDEN.read_text(encoding="utf-8") if GOLDEN.exists() else ""
    assert rendered == expected, (
        f"{GOLDEN} differs from the rendered steel summary; if the change is intended, run "
        "UPDATE_GOLDEN=1 .venv/bin/pytest tests/reports/test_report_markdown.py "
        "and review the diff"
    )
