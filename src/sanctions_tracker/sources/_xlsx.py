"""Reading the first sheet of an Excel workbook (XLSX) as rows of cell values.

An XLSX file is a zip archive of XML documents: ``xl/workbook.xml`` names the sheets,
``xl/_rels/workbook.xml.rels`` says which document holds each, ``xl/sharedStrings.xml``
holds the texts cells refer to by number, and ``xl/styles.xml`` says which numbers are
dates. The workbook is opened, and every member read, through ``_files`` (a regular file
only; a member that unpacks to more than ``MAX_UNPACKED_BYTES``, or too many times its
packed size, is refused) and parsed by ``_xml`` (no DTD, no entity, no network, bounded
depth and size): a workbook is as untrusted as any list file. Rows are streamed, one at a
time.

A cell's value is its text (a shared or inline string, or a number as written in the
file: ``"1963"``, ``"9288693"``), a :class:`datetime.date` for a number formatted as a date
(a spreadsheet stores a date as the count of days since 1899-12-30), or ``"1"`` / ``"0"``
for a boolean.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import posixpath
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from lxml import etree

from sanctions_tracker.errors import SourceError
from sanctions_tracker.sources._cells import number
from sanctions_tracker.sources._dates import excel_day
from sanctions_tracker.sources._files import faults, open_zip, regular_file, zip_member
from sanctions_tracker.sources._xml import free, parse, syntax_error

__all__ = ["CellValue", "Row", "sheet_rows"]

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_OFFICE_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"

CellValue = str | dt.date
Row = tuple[int, dict[str, CellValue]]
"""A row's number in the sheet (1 for the first) and its non-empty cells by column letter."""

_DATE_FORMATS = frozenset({14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 30, 36, 45, 46, 47, 50, 57})
"""The built-in number formats that show a date or time."""
_DATE_CODE = re.compile(r"[dmyhs]", re.IGNORECASE)
_QUOTED = re.compile(r'"[^"]*"|\[[^\]]*\]|\\.')


class _Workbook:
    """The members of an open workbook, each read capped and parsed safely."""

    def __init__(self, archive: zipfile.ZipFile, display: str) -> None:
        self.archive = archive
        self.display = display
        self.names = {info.filename: info for info in archive.infolist()}

    @contextlib.contextmanager
    def member(self, name: str) -> Iterator[IO[bytes]]:
        info = self.names.get(name)
        if info is None:
            msg = f"{self.display}: the workbook has no {name}"
            raise SourceError(msg)
        with zip_member(self.archive, info, self.display) as stream:
            yield stream

    def elements(self, name: str, *tags: str) -> Iterator[etree._Element]:
        """The elements named ``tags`` of a member, each at its end (freed by the caller)."""
        with self.member(name) as stream:
            try:
                yield from parse(stream, f"{self.display} ({name})", tags)
            except etree.XMLSyntaxError as error:
                raise syntax_error(f"{self.display} ({name})", error) from None

    def first_sheet(self) -> str:
        """The member holding the workbook's first sheet."""
        sheet = next(self.elements("xl/workbook.xml", f"{_MAIN}sheet"), None)
        if sheet is None:
            msg = f"{self.display}: the workbook names no sheet"
            raise SourceError(msg)
        rel = sheet.get(f"{_OFFICE_REL}id")
        for found in self.elements("xl/_rels/workbook.xml.rels", f"{_RELS}Relationship"):
            if found.get("Id") == rel:
                target = found.get("Target") or ""
                return (
                    target.lstrip("/")
                    if target.startswith("/")
                    else posixpath.normpath(posixpath.join("xl", target))
                )
        msg = f"{self.display}: the workbook's first sheet ({rel}) is not in its relationships"
        raise SourceError(msg)

    def shared_strings(self) -> Iterator[str]:
        if "xl/sharedStrings.xml" not in self.names:
            return
        for item in self.elements("xl/sharedStrings.xml", f"{_MAIN}si"):
            # A rich text's runs (<r><t>) joined; its phonetic guides (<rPh>) left out.
            yield "".join(t.text or "" for t in item.iter(f"{_MAIN}t") if _not_phonetic(t))
            free(item)

    def date_styles(self) -> frozenset[int]:
        """The indices of the cell formats (``s`` attributes) that show a date."""
        if "xl/styles.xml" not in self.names:
            return frozenset()
        custom: dict[int, str] = {}
        styles: list[int] = []
        for element in self.elements("xl/styles.xml", f"{_MAIN}numFmt", f"{_MAIN}cellXfs"):
            if element.tag == f"{_MAIN}numFmt":
                found = number(element.get("numFmtId"))
                if found is not None:
                    custom[found] = element.get("formatCode") or ""
            else:
                styles = [number(xf.get("numFmtId")) or 0 for xf in element.iterfind(f"{_MAIN}xf")]
        return frozenset(
            index
            for index, format_id in enumerate(styles)
            if format_id in _DATE_FORMATS
            or (format_id in custom and _DATE_CODE.search(_QUOTED.sub("", custom[format_id])))
        )


def _not_phonetic(text: etree._Element) -> bool:
    parent = text.getparent()
    return parent is None or parent.tag != f"{_MAIN}rPh"


class _Strings:
    """The shared strings, read as far as the cells need them (the header row of a
    workbook needs a handful, not the whole table)."""

    def __init__(self, strings: Iterator[str]) -> None:
        self._more = strings
        self._read: list[str] = []

    def get(self, index: int) -> str | None:
        while len(self._read) <= index:
            found = next(self._more, None)
            if found is None:
                return None
            self._read.append(found)
        return self._read[index] if index >= 0 else None


_DIGITS = "0123456789"


_V = f"{_MAIN}v"
_IS = f"{_MAIN}is"


def _value(cell: etree._Element, strings: _Strings, dates: frozenset[int]) -> CellValue | None:
    if not len(cell):  # a styled cell that holds nothing
        return None
    child = cell[0]
    kind = cell.get("t")
    if child.tag == _IS:
        return "".join(child.itertext())
    raw = child.text if child.tag == _V else cell.findtext(_V)  # <f> (a formula) may come first
    if not raw:
        return None
    if kind == "s":
        index = number(raw)
        return strings.get(index) if index is not None else None
    if (kind is None or kind == "n") and number(cell.get("s")) in dates:
        day = excel_day(raw)
        return day if day is not None else raw
    return raw


def sheet_rows(path: Path, display: str, *, limit: int | None = None) -> Iterator[Row]:
    """The rows of a workbook's first sheet, in order (at most ``limit`` of them).

    Cells that state nothing are left out of a row; a row with no cell is not given.
    A file that is no workbook, or a workbook that cannot be read, raises SourceError.
    """
    with (
        faults(display, ["workbook"]),
        regular_file(path, display) as raw,
        open_zip(raw, display) as archive,
    ):
        book = _Workbook(archive, display)
        sheet = book.first_sheet()
        strings = _Strings(book.shared_strings())
        dates = book.date_styles()
        given = 0
        for row in book.elements(sheet, f"{_MAIN}row"):
            row_number = number(row.get("r")) or 0
            cells: dict[str, CellValue] = {}
            for cell in row:
                value = _value(cell, strings, dates)
                if value is None or value == "":
                    continue
                column = (cell.get("r") or "").rstrip(_DIGITS)  # "AB12" -> "AB"
                if column:
                    cells[column] = value
            free(row)
            if cells:
                yield row_number, cells
                given += 1
                if limit is not None and given >= limit:
                    return
