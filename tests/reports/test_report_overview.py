"""The summary as a document: the executive figures, one designation table, the charts'
geometry and the HTML that keeps ids and dates whole."""

from __future__ import annotations

import gzip
import re
from collections import Counter
from xml.etree import ElementTree as ET

import pytest

import sanctions_tracker as st
from conftest import SHARED_DATA
from sanctions_tracker.reports.charts import program_chart, years_chart
from sanctions_tracker.reports.model import ComplianceSummary

UN = SHARED_DATA / "un-consolidated" / "consolidated_2025-11-20.xml.gz"
needs_un = pytest.mark.skipif(not UN.exists(), reason="../shared/data is not there")


@pytest.fixture(scope="module")
def steel() -> tuple[st.Tracker, ComplianceSummary]:
    """The bundled set and its steel summary."""
    tracker = st.load()
    return tracker, tracker.summary(sector="steel")


def test_each_designation_once_with_its_programs(
    steel: tuple[st.Tracker, ComplianceSummary],
) -> None:
    """The Markdown's designation table holds each designation of the steel query once,
    with all its programs; the count per program is the query's, counted here."""
    tracker, summary = steel
    found = tracker.designations(sector="steel")
    text = summary.to_markdown()
    table = text.split("## Designations\n", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in table.splitlines() if line.startswith("| us-ofac-sdn:")]
    assert [row.split(" | ")[0].removeprefix("| ") for row in rows] == [d.id for d in found]
    for row, designation in zip(rows, found, strict=True):
        assert f" | {', '.join(designation.programs)} | " in row
    expected = Counter(p for d in found for p in d.programs)
    assert {c.program: c.count for c in summary.program_counts} == expected
    per_program = text.split("## Designations per program\n", 1)[1].split("\n## ", 1)[0]
    for program, count in expected.items():
        assert re.search(
            rf"^\| {re.escape(program)} \| .+ \| {count} \|$", per_program, re.MULTILINE
        )


def test_the_executive_summary_comes_first_and_provenance_last(
    steel: tuple[st.Tracker, ComplianceSummary],
) -> None:
    """In both Markdown and HTML, the executive summary opens the page and the stamp's
    per-file lines (SHA-256) come only in the provenance at its end."""
    _, summary = steel
    markdown = summary.to_markdown()
    assert markdown.index("## Executive summary") < markdown.index("## Designations")
    assert "sha256 " not in markdown.split("## Provenance", 1)[0]
    html = summary.to_html()
    assert html.index('id="summary"') < html.index('id="designations"')
    assert "sha256 " not in html.split('id="provenance"', 1)[0]
    assert html.index('id="provenance"') > html.index('id="sources"')


def test_listing_dates_are_counted(steel: tuple[st.Tracker, ComplianceSummary]) -> None:
    """Known and unknown listing dates add up to the designations; the years chart draws
    the known ones, one bar a year from the first to the last."""
    tracker, summary = steel
    found = tracker.designations(sector="steel")
    unknown = sum(1 for d in found if d.listed_on is None)
    assert (summary.listing_dates.known, summary.listing_dates.unknown) == (
        len(found) - unknown,
        unknown,
    )
    chart = years_chart(summary)
    years = [int(bar.label) for bar in chart.bars]
    assert years == list(range(min(years), max(years) + 1))
    assert sum(bar.value for bar in chart.bars) == summary.listing_dates.known
    assert f"{unknown} of {len(found)} have no listing date" in chart.caption


def test_assumed_dates_on_a_day(steel: tuple[st.Tracker, ComplianceSummary]) -> None:
    """As of a day, the designations counted in force without a listing date are the
    'assumed' and 'unbounded' date notes' counts, and the executive summary says so."""
    tracker, _ = steel
    summary = tracker.summary(country="IR", as_of="2020-06-30")
    notes = {n.kind: n.count for n in summary.date_notes}
    assumed = notes.get(st.DateNoteKind.ASSUMED, 0) + notes.get(st.DateNoteKind.UNBOUNDED, 0)
    assert summary.listing_dates.assumed == assumed > 0
    assert f"{assumed} designations counted in force on 2020-06-30" in summary.to_markdown()


def test_ids_and_dates_are_kept_whole_in_html(steel: tuple[st.Tracker, ComplianceSummary]) -> None:
    """Every id of the designation table is in a cell that does not wrap, and every ISO
    date of the table is in an element that does not wrap (the CSS says which)."""
    _, summary = steel
    html = summary.to_html()
    assert re.search(r"td\.id, td\.num, \.date, time \{ white-space: nowrap; \}", html)
    table = html.split('<table class="designations">', 1)[1].split("</table>", 1)[0]
    ids = re.findall(r'<td class="id">(us-ofac-sdn:\d+)</td>', table)
    assert ids == [e.id for e in summary.designations]
    loose = re.sub(r'<span class="date">\d{4}-\d{2}-\d{2}</span>', "", table)
    assert not re.search(r"\d{4}-\d{2}-\d{2}", loose)


@needs_un
def test_a_list_summary_names_its_list_and_date() -> None:
    """The UN list's summary: one list, of the date the file states (dateGenerated), with
    as many designations as the file has INDIVIDUAL and ENTITY elements; more than twelve
    programs draw twelve bars and one for the rest, which adds up."""
    root = ET.fromstring(gzip.decompress(UN.read_bytes()))  # noqa: S314 - our test file
    entries = sum(1 for e in root.iter() if e.tag in {"INDIVIDUAL", "ENTITY"})
    summary = st.load(UN, bundled=False).summary()
    (used,) = summary.lists
    assert used.list_id == "un-sc"
    assert str(used.date) == root.attrib["dateGenerated"][:10]
    assert used.date_source is st.DateSource.PUBLISHED
    assert used.designations == summary.designation_count == entries
    chart = program_chart(summary)
    assert len(summary.program_counts) > 12
    assert len(chart.bars) == 13
    rest = summary.program_counts[12:]
    assert chart.bars[-1].label == f"{len(rest)} other programs"
    assert chart.bars[-1].value == sum(c.count for c in rest)
    assert "un-sc) of 2025-11-20 (the file's own date)" in summary.to_markdown()


def test_the_pieces_kept_whole_are_escaped() -> None:
    """The helpers that wrap dates and ids in non-breaking spans escape what they wrap,
    so that data cannot open an element of its own."""
    from sanctions_tracker.reports.html import whole_dates, whole_items  # noqa: PLC0415

    assert str(whole_dates("<b>not given; 2021-04-15 to 2024-05-03")) == (
        '&lt;b&gt;not given; <span class="date">2021-04-15</span> to '
        '<span class="date">2024-05-03</span>'
    )
    assert str(whole_items(["A&B", "<i>"])) == (
        '<span class="date">A&amp;B</span>, <span class="date">&lt;i&gt;</span>'
    )
