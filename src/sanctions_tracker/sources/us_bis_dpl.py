"""The US BIS Denied Persons List as BIS publishes it: ``dpl.txt``, tab-separated.

A header row names twelve columns (``Name, Street_Address, City, State, Country,
Postal_Code, Effective_Date, Expiration_Date, Standard_Order, Last_Update, Action,
FR_Citation``), every cell in double quotes. The file is recognised by that header (plain,
gzipped or zipped), never by its name.

Each row is one denial order's party at one address; the list has no id of its own, so a
denial order is known by its party's name and the day the order took effect: one
designation ``us-bis-dpl:<name>-<YYYY-MM-DD>`` (``us-bis-dpl:abdulah-al-nasser-2002-03-04``)
per order, under the program ``US-BIS-DPL``. A further row of the same order (the same
name, the same effective date: another address) adds its address to that designation and
is counted as made (part of a record); names that differ only in punctuation or spacing
(``AL-NASER AIRLINES``, ``AL NASER AIRLINES``) are one party, the other spelling an
alias. ``docs/dpl.md`` maps every column to a field.

The file states no date of its own: the newest ``Last_Update`` (not in the future: one row
of the 2023 file was updated "3033-09-30") is taken as the day the list had surely reached,
its as-of date. An order's expiration date is kept as a note; one that has passed by that
day makes the designation delisted on its expiration day, as the Consolidated Screening
List's copy of the list does.
"""

from __future__ import annotations

import datetime as dt
import re

import attrs
from attrs import frozen

from sanctions_tracker.errors import SourceError
from sanctions_tracker.records import (
    Designation,
    DesignationStatus,
    Name,
    NameKind,
    RowProblem,
)
from sanctions_tracker.sources._dates import iso_day, numeric_date
from sanctions_tracker.sources._files import FileHead, read_text
from sanctions_tracker.sources._lists import ListFormat, ListLoad, OneFile, csv_rows, file_source
from sanctions_tracker.sources._parties import PartyBuilder, PartyFacts, slug, tidy
from sanctions_tracker.sources._places import make_address, us_by_state_and_zip
from sanctions_tracker.sources._problems import with_more
from sanctions_tracker.sources._xml import XmlHead

__all__ = [
    "FORMAT",
    "FORMAT_NAME",
    "HEADER",
    "LIST_ID",
    "PROGRAM",
    "TITLE",
    "DplFile",
    "load_dpl",
    "recognise",
]

LIST_ID = "us-bis-dpl"
TITLE = "Denied Persons List (BIS)"
PROGRAM = "US-BIS-DPL"
"""The program of every row: the curated record of the same id describes it (the
Consolidated Screening List's copies of the list use it too)."""
PUBLISHER = "U.S. Department of Commerce, Bureau of Industry and Security"
URL = "https://www.bis.doc.gov/dpl/dpl.txt"
FORMAT_NAME = "BIS Denied Persons List (tab-separated)"

HEADER = (
    "Name",
    "Street_Address",
    "City",
    "State",
    "Country",
    "Postal_Code",
    "Effective_Date",
    "Expiration_Date",
    "Standard_Order",
    "Last_Update",
    "Action",
    "FR_Citation",
)
_FOLDED = tuple(column.casefold() for column in HEADER)
_WIDTH = len(HEADER)


def _header(line: str) -> tuple[str, ...]:
    return tuple(cell.strip().strip('"').strip().casefold() for cell in line.split("\t"))


@frozen
class DplFile(OneFile):
    """A file recognised as the Denied Persons List by its header, not read yet."""

    group = LIST_ID

    def read(self) -> ListLoad:
        """Read the file."""
        return load_dpl(self)


def recognise(head: FileHead, xml: XmlHead | None) -> DplFile | None:
    """The file as the Denied Persons List (its first line is the list's header)."""
    if xml is not None or not head.data or _header(head.first_line()) != _FOLDED:
        return None
    return DplFile(path=head.path, display=head.display, member=head.member)


_NOTES = (
    ("Standard_Order", "Standard order"),
    ("Action", "Last action"),
    ("FR_Citation", "Federal Register"),
)


class _Reader:
    def __init__(self, builder: PartyBuilder) -> None:
        self.builder = builder
        self.ends: dict[str, dt.date] = {}
        self.updated: list[dt.date] = []

    def row(self, line: int, cells: dict[str, str]) -> None:
        name = cells["Name"].rstrip(" ,;")  # "UTAIR AVIATION JSC,"
        effective = cells["Effective_Date"]
        listed = numeric_date(effective, month_first=True) if effective else None
        if not name:
            self.builder.reject(line, "the Name is empty")
            return
        if listed is None or listed.day is None:
            reason = f"Effective_Date {effective!r} is not a day (MM/DD/YYYY)"
            self.builder.reject(line, reason, name)
            return
        day = listed.earliest
        key = f"{slug(name)}-{day.isoformat()}"
        first = self.builder.parties.get(key)
        if first is not None:  # another address of the same order
            if all(known.full != name for known in first.names):  # "AL-NASER  AIRLINES"
                first.names.append(Name(name, NameKind.AKA))
            self.address(first, cells)
            self.builder.merge(key, line)
            return
        facts = PartyFacts(key=key, line=line, kind="unknown", names=[Name(name)])
        facts.programs.append(PROGRAM)
        facts.listed.append(day)
        self.address(facts, cells)
        self.expiration(facts, cells["Expiration_Date"], line)
        for column, label in _NOTES:
            if cells[column]:
                facts.notes.append(f"{label}: {cells[column]}")
                self.builder.read()
        self.last_update(facts, cells["Last_Update"], line)
        self.builder.party(facts)

    def address(self, facts: PartyFacts, cells: dict[str, str]) -> None:
        parts = [
            ("address1", cells["Street_Address"]),
            ("city", cells["City"]),
            ("region", cells["State"]),
            ("postal code", cells["Postal_Code"]),
        ]
        if not any(value for _, value in parts) and not cells["Country"]:
            return
        code = cells["Country"].upper() or None
        if code is None and us_by_state_and_zip(cells["State"], cells["Postal_Code"]):
            code = "US"  # BIS leaves the country empty on most US addresses
        address = make_address(parts, code, None)
        if address not in facts.addresses:
            self.builder.address(facts, address)

    def expiration(self, facts: PartyFacts, text: str, line: int) -> None:
        if not text:
            return
        end = numeric_date(text, month_first=True)
        if end is None or end.day is None:
            reason = f"Expiration_Date {text!r} is not a day (MM/DD/YYYY); kept as text"
            self.builder.keep(facts, line, f"expires {text}", reason)
            return
        facts.notes.append(f"Order expires on {end.earliest.isoformat()}")
        self.ends[facts.key] = end.earliest
        self.builder.read()

    def last_update(self, facts: PartyFacts, text: str, line: int) -> None:
        if not text:
            return
        day = iso_day(text)
        if day is None:
            reason = f"Last_Update {text!r} is not a date; kept as text"
            self.builder.keep(facts, line, f"last updated {text}", reason)
            return
        facts.notes.append(f"Last updated on {day.isoformat()}")
        if day > dt.datetime.now(tz=dt.UTC).date():
            reason = f"Last_Update {text!r} is in the future (a typo?): not the list's date"
            self.builder.doubt(facts, line, reason)
            return
        self.updated.append(day)
        self.builder.read()


def _expired(
    loaded: ListLoad, ends: dict[str, dt.date], as_of: dt.date | None, display: str
) -> ListLoad:
    """Orders whose expiration day has passed by ``as_of`` delisted on that day; an order
    that expires before it takes effect rejected."""
    if as_of is None:
        return loaded
    kept: list[Designation] = []
    rejected: list[RowProblem] = []
    for designation in loaded.designations:
        key = designation.id.removeprefix(f"{LIST_ID}:")
        end = ends.get(key)
        if end is None or end > as_of:
            kept.append(designation)
        elif designation.listed_on is not None and end < designation.listed_on:
            line = designation.origin.line if designation.origin and designation.origin.line else 0
            reason = f"Expiration_Date {end} is before Effective_Date {designation.listed_on}"
            rejected.append(RowProblem(display, line, reason, key))
        else:
            delisted = DesignationStatus.DELISTED
            kept.append(attrs.evolve(designation, status=delisted, delisted_on=end))
    if not rejected:
        return attrs.evolve(loaded, designations=tuple(kept))
    account = loaded.accounts[0]
    dropped = {f"{LIST_ID}:{p.key}" for p in rejected}
    merged = [line for record_id, line in loaded.merged_rows if record_id in dropped]
    reason = "part of an order that is rejected (see its own line)"
    account = attrs.evolve(
        account,
        records_made=account.records_made - len(rejected) - len(merged),
        **with_more(
            account, rejected=[*rejected, *(RowProblem(display, n, reason) for n in merged)]
        ),
    )
    return attrs.evolve(
        loaded,
        designations=tuple(kept),
        accounts=(account,),
        merged_rows=tuple((i, n) for i, n in loaded.merged_rows if i not in dropped),
    )


_SPACES = re.compile(r"\s+")
_ROW_DATE = re.compile(r"\d{2}/\d{2}/\d{4}")
_EFFECTIVE = HEADER.index("Effective_Date")


def load_dpl(file: DplFile) -> ListLoad:
    """Load the Denied Persons List: a designation per denial order, every row accounted."""
    builder = PartyBuilder(file.display, f"{FORMAT_NAME}{file.packing}", facts="columns")
    reader = _Reader(builder)

    def unreadable(line: int, reason: str, _key: str | None) -> None:
        builder.reject(line, reason)

    def row_key(cells: list[str]) -> str | None:
        """The name of a line that is plainly a row of the list on its own: every column,
        and an effective date where it goes."""
        if len(cells) != _WIDTH or not _ROW_DATE.fullmatch(cells[_EFFECTIVE].strip()):
            return None
        return tidy(cells[0]) or None

    text = read_text(file.path, file.display)
    rows = csv_rows(text, unreadable, delimiter="\t", row_key=row_key)
    next(rows, None)  # the header, which recognise() checked
    for line, row in rows:
        if len(row) != _WIDTH:
            reason = f"expected {_WIDTH} tab-separated columns, got {len(row)}"
            builder.reject(line, reason, tidy(row[0]) or None)
            continue
        cells = {
            column: _SPACES.sub(" ", cell).strip() for column, cell in zip(HEADER, row, strict=True)
        }
        if tuple(c.casefold() for c in cells.values()) == _FOLDED:
            builder.leave_out(line, "a repeated header row (not data)")
            continue
        reader.row(line, cells)
    if not builder.rows:
        msg = f"{file.display}: the Denied Persons List holds no row"
        raise SourceError(msg)
    as_of = max(reader.updated, default=None)
    loaded = builder.make_load(
        list_id=LIST_ID,
        title=TITLE,
        source=file_source(
            LIST_ID,
            publisher=PUBLISHER,
            title=TITLE,
            file_name=file.name,
            url=URL,
            published_on=as_of,
        ),
        as_of=as_of,
    )
    return _expired(loaded, reader.ends, as_of, file.display)


FORMAT = ListFormat(name=FORMAT_NAME, lists={LIST_ID: TITLE}, recognise=recognise)
"""The Denied Persons List's format, for the registry."""
