"""Tests for ``sources.au_dfat`` and ``sources._xlsx``: Australia's DFAT Consolidated List
workbook, every row accounted for against a plain parse of the real file (zipfile and
ElementTree, not the reader), one designation per base reference, and the list working in
diff, screening, country queries and summaries."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
import zipfile
from collections import Counter
from pathlib import Path

import pytest

import sanctions_tracker as st
from conftest import SHARED_DATA, write_workbook
from sanctions_tracker.records import NameKind, PartialDate, PartyKind
from sanctions_tracker.sources._files import MAX_UNPACKED_BYTES
from sanctions_tracker.sources.au_dfat import HEADER, birth_dates, program_of

DFAT = SHARED_DATA / "au-dfat" / "Australian_Sanctions_Consolidated_List_2026-02-24.xlsx"
_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def _plain_rows() -> list[dict[str, str]]:
    """The sheet's rows as {column letter: text}, read with zipfile and ElementTree (shared
    strings resolved; numbers as written), the header row first."""
    with zipfile.ZipFile(DFAT) as archive:
        strings = [
            "".join(t.text or "" for t in si.iter(f"{_NS}t"))
            for si in ET.fromstring(archive.read("xl/sharedStrings.xml"))  # noqa: S314
        ]
        sheet = ET.fromstring(archive.read("xl/worksheets/sheet1.xml"))  # noqa: S314
    rows = []
    for row in sheet.iter(f"{_NS}row"):
        cells = {}
        for cell in row.iter(f"{_NS}c"):
            value = cell.findtext(f"{_NS}v")
            if value is None:
                continue
            column = re.match(r"[A-Z]+", cell.get("r", ""))
            assert column is not None
            cells[column[0]] = strings[int(value)] if cell.get("t") == "s" else value
        rows.append(cells)
    return rows


@pytest.fixture(scope="module")
def plain() -> list[dict[str, str]]:
    return _plain_rows()


@pytest.fixture(scope="module")
def tracker() -> st.Tracker:
    return st.load(DFAT, bundled=False)


def test_every_row_is_accounted_for_against_a_plain_parse(
    plain: list[dict[str, str]], tracker: st.Tracker
) -> None:
    """rows read = the sheet's data rows (10,976); each is made (the first row of a base
    reference, or a name added to it); a designation per base reference; the kinds of the
    primary names as the README counts them."""
    header, *rows = plain
    assert [header[c] for c in sorted(header)] == list(HEADER)
    (account,) = tracker.datasets[0].accounts
    assert account.balanced
    assert (account.rows_read, account.records_made) == (len(rows), len(rows))
    bases = {re.match(r"\d+", r["A"])[0] for r in rows}  # type: ignore[index]
    assert len(tracker.designations()) == len(bases)
    primaries = Counter(r["C"] for r in rows if r.get("D") == "Primary Name")
    kinds = Counter(d.party.kind.value.capitalize() for d in tracker.designations())
    # reference 8686 has two Primary Name rows (one designation); 8495 and 8720 none
    assert primaries["Vessel"] == kinds["Vessel"] == 262
    assert sum(primaries.values()) - 1 + 2 == len(bases)


def test_the_made_up_looking_rows_are_reported_not_hidden(tracker: st.Tracker) -> None:
    """A base reference without a Primary Name row takes its first name as primary and
    says so; a second Primary Name is read as an alias and says so."""
    (account,) = tracker.datasets[0].accounts
    reasons = [p.reason for p in account.unparsed_remarks]
    assert any("reference 8720 has no Primary Name row" in r for r in reasons)
    assert any("a second Primary Name (8686a)" in r for r in reasons)
    record = tracker.get("au-dfat:8686")
    assert isinstance(record, st.Designation)
    assert [n.full for n in record.party.names] == [
        "Rubicon Center for Advanced Unmanned Technologies",
        "Rubicon Unit",
    ]


def test_a_listing_read_into_fields(plain: list[dict[str, str]], tracker: st.Tracker) -> None:
    """Reference 3 (a Taliban official): its aliases (strong and original-script), years of
    birth, citizenship, the UN listing date from Listing Information, the committee's
    program, the measures columns and the control date kept as notes."""
    rows = [r for r in plain[1:] if re.fullmatch(r"3[a-z]*", r["A"])]
    record = tracker.get("au-dfat:3")
    assert isinstance(record, st.Designation)
    assert [n.full for n in record.party.names] == [r["B"] for r in rows]
    assert record.party.names[1].kind is NameKind.AKA
    assert record.party.kind is PartyKind.INDIVIDUAL
    assert record.party.birth_dates == (PartialDate(1963),)
    assert record.party.citizenships == ("AF",)
    assert record.listed_on == dt.date(2001, 1, 25)
    assert record.programs == ("AU-UN-1988",)
    assert "Targeted Financial Sanction: yes" in record.notes
    assert "Maritime Restriction: no" in record.notes
    serial = int(rows[0]["N"])
    control = dt.date(1899, 12, 30) + dt.timedelta(days=serial)
    assert f"Control date: {control.isoformat()}" in record.notes


def test_weak_aliases_and_dates_of_birth_stored_as_dates(
    plain: list[dict[str, str]], tracker: st.Tracker
) -> None:
    """Every name of an Alias row marked Weak is a weak alias of its designation (a name
    the file repeats, once); a date of birth the workbook stores as a date (a serial
    number) reads as that day."""
    weak = {
        (re.match(r"\d+", r["A"])[0], " ".join(r["B"].split()))  # type: ignore[index]
        for r in plain[1:]
        if r.get("E") == "Weak"
    }
    found = {
        (d.id.removeprefix("au-dfat:"), n.full)
        for d in tracker.designations()
        for n in d.party.names
        if n.weak
    }
    assert found == weak
    dated = next(r for r in plain[1:] if r.get("F", "").isdigit() and int(r["F"]) > 10000)
    record = tracker.get(f"au-dfat:{re.match(r'[0-9]+', dated['A'])[0]}")  # type: ignore[index]
    assert isinstance(record, st.Designation)
    born = dt.date(1899, 12, 30) + dt.timedelta(days=int(dated["F"]))
    assert PartialDate(born.year, born.month, born.day) in record.party.birth_dates


def test_programs_and_their_instruments(tracker: st.Tracker) -> None:
    """A program per Committees value, with the file's instruments of designation as its
    authorities (Australian, verified from the file)."""
    program = tracker.get("AU-RUSSIA")
    assert isinstance(program, st.Program)
    assert program.country == "RU"
    assert program.authorities
    authority = tracker.get(program.authorities[0])
    assert isinstance(authority, st.Authority)
    assert authority.country == "AU"
    assert "Autonomous Sanctions" in authority.title
    assert program_of("1267 Committee (ISIL & Al-Qaida)").program == "AU-UN-1267"
    assert program_of("Autonomous (Thematic - Cyber)").program == "AU-THEMATIC-CYBER"


@pytest.mark.parametrize(
    ("text", "dates", "rest"),
    [
        ("1945, 1946", [PartialDate(1945), PartialDate(1946)], ""),
        ("19/06/1968", [PartialDate(1968, 6, 19)], ""),
        ("dd/mm/1968", [PartialDate(1968)], ""),
        ("00/00/1968", [PartialDate(1968)], ""),
        (
            "Approximately 1960, 1966",
            [PartialDate(1960, circa=True), PartialDate(1966, circa=True)],
            "",
        ),
        ("Between 1963 and 1968", [PartialDate(1963, until_year=1968)], ""),
        ("5 May 1957, April 1957", [PartialDate(1957, 5, 5), PartialDate(1957, 4)], ""),
        ("10/061962", [], "10/061962"),
    ],
)
def test_dates_of_birth_as_dfat_writes_them(text: str, dates: list[PartialDate], rest: str) -> None:
    """Day-first dates, placeholder days and months (the year alone), circa years, ranges;
    what is no date is given back to be kept as text."""
    assert birth_dates(text) == (dates, rest)


def test_country_query_screening_summary_and_diff(tmp_path: Path, tracker: st.Tracker) -> None:
    """designations --country RU holds the Autonomous (Russia) listings; a listed name
    screens to its designation; the program's summary counts its listings; a workbook
    without one listing diffs as that listing removed."""
    russia = tracker.designations(program="AU-RUSSIA")
    assert set(russia) <= set(tracker.designations(country="RU"))
    assert tracker.summary(program="AU-RUSSIA").designation_count == len(russia)
    matches = tracker.screen("Mohammad Hassan Akhund")
    assert matches
    assert matches[0].designation_id == "au-dfat:2"
    rows = [[str(c) for c in HEADER]]
    for reference, name in (("1", "ONE CO"), ("2", "TWO CO"), ("2a", "DEUX CO")):
        rows.append(
            [
                reference,
                name,
                "Entity",
                "Primary Name" if reference[-1].isdigit() else "Alias",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "Autonomous (Iran)",
                "",
                "",
                "1",
                "0",
                "0",
                "0",
            ]
        )
    old = tmp_path / "old.xlsx"
    write_workbook(old, rows)
    new = tmp_path / "new.xlsx"
    write_workbook(new, [rows[0], *rows[2:]])
    changes = st.diff(old, new, bundled=False)
    assert [e.id for e in changes.removed] == ["au-dfat:1"]
    assert [d.name for d in st.load(new, bundled=False).designations()] == ["TWO CO"]


def test_a_workbook_member_too_large_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    """A workbook whose sheet would unpack to more than the cap is refused (a zip bomb),
    before it is read."""
    monkeypatch.setattr("sanctions_tracker.sources._files.MAX_UNPACKED_BYTES", 1000)
    assert MAX_UNPACKED_BYTES > 1000
    with pytest.raises(st.SourceError, match="unpacks to more than"):
        st.load(DFAT, bundled=False)


def test_sectors_from_the_names_as_for_ofac(plain: list[dict[str, str]]) -> None:
    """Entities whose primary name (in a plain parse) says 'Airlines' fall in the aviation
    sector, as OFAC's entries do, with the name as the reason."""
    airlines = {
        re.match(r"\d+", r["A"])[0]  # type: ignore[index]
        for r in plain[1:]
        if r.get("D") == "Primary Name"
        and r.get("C") == "Entity"
        and "airlines" in r["B"].casefold()
    }
    tracker = st.load(DFAT)  # the sector taxonomy is the bundled set's
    placed = tracker.designations(sector="aviation", list_id="au-dfat")
    assert airlines
    assert airlines <= {d.id.removeprefix("au-dfat:") for d in placed}
    assert all(a.basis.value == "name" for d in placed for a in d.sectors)
