"""Tests for ``sources._xlsx``: the first sheet of a workbook as rows of values (shared
and inline strings, numbers as written, numbers formatted as dates as days), read safely."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import pytest

import sanctions_tracker as st
from conftest import write_workbook
from sanctions_tracker.sources._xlsx import sheet_rows

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def _styled_workbook(path: Path) -> None:
    """A workbook with shared strings (one of rich text), a custom date format and a
    built-in one, a plain number, a boolean and an empty styled cell."""
    write_workbook(path, [])
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr(
            "xl/sharedStrings.xml",
            f'<sst xmlns="{_MAIN}"><si><t>Name</t></si>'
            "<si><r><t>Rich </t></r><r><t>text</t></r><rPh><t>ルビ</t></rPh></si></sst>",
        )
        archive.writestr(
            "xl/styles.xml",
            f'<styleSheet xmlns="{_MAIN}"><numFmts count="1">'
            '<numFmt numFmtId="164" formatCode="dd/mm/yyyy;@"/></numFmts>'
            '<cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="14"/>'
            '<xf numFmtId="49"/></cellXfs></styleSheet>',
        )
    sheet = (
        f'<worksheet xmlns="{_MAIN}"><sheetData>'
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>'
        '<row r="2"><c r="A2" s="1"><v>46058</v></c><c r="B2" s="2"><v>25569</v></c>'
        '<c r="C2"><v>1963</v></c><c r="D2" t="b"><v>1</v></c><c r="E2" s="3"/></row>'
        '<row r="3"><c r="A3" s="0"/></row>'
        "</sheetData></worksheet>"
    )
    rebuilt = path.with_suffix(".new")
    with zipfile.ZipFile(path) as old, zipfile.ZipFile(rebuilt, "w") as new:
        for info in old.infolist():
            data = old.read(info)
            new.writestr(info, sheet if info.filename == "xl/worksheets/sheet1.xml" else data)
    rebuilt.replace(path)


def test_values_as_the_sheet_holds_them(tmp_path: Path) -> None:
    """Shared strings (rich text joined, phonetic guides left out), numbers formatted as
    dates as days (a custom and a built-in format), a plain number as written, a boolean
    as 1; a row of empty cells is not given."""
    path = tmp_path / "book.xlsx"
    _styled_workbook(path)
    assert list(sheet_rows(path, "book.xlsx")) == [
        (1, {"A": "Name", "B": "Rich text"}),
        (2, {"A": dt.date(2026, 2, 5), "B": dt.date(1970, 1, 1), "C": "1963", "D": "1"}),
    ]
    assert list(sheet_rows(path, "book.xlsx", limit=1)) == [(1, {"A": "Name", "B": "Rich text"})]


def test_a_broken_workbook_is_one_clear_error(tmp_path: Path) -> None:
    """A workbook that names no sheet, and a file that is no zip archive, are one
    SourceError each, naming the file."""
    path = tmp_path / "empty.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("xl/workbook.xml", f'<workbook xmlns="{_MAIN}"><sheets/></workbook>')
    with pytest.raises(st.SourceError, match=r"empty\.xlsx: the workbook names no sheet"):
        list(sheet_rows(path, "empty.xlsx"))
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(st.SourceError, match=r"broken\.xlsx: the workbook is truncated or corrupt"):
        list(sheet_rows(broken, "broken.xlsx"))
