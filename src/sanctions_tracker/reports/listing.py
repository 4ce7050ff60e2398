"""Records as listings: an aligned table, CSV, a stamped JSON envelope or JSON lines.

The command line's listings (``designations``, ``advisories``, ``actions``, ``programs``,
``sectors``) are rendered here, so that a program using the library prints the same
thing the tool does::

    >>> import sanctions_tracker as st
    >>> from sanctions_tracker.reports.listing import DESIGNATIONS, render_listing
    >>> tracker = st.load()
    >>> officials = tracker.designations(program="IRAN-EO13876", kind="person")
    >>> print(render_listing("table", DESIGNATIONS, officials[1:3], tracker.stamp()), end="")
    ID                 NAME                 KIND        PROGRAMS      LISTED_ON   SECTORS
    us-ofac-sdn:26952  VELAYATI, Ali Akbar  individual  IRAN-EO13876  2019-11-04  government
    us-ofac-sdn:27844  RAISI, Ebrahim       individual  IRAN-EO13876  2019-11-04  government
    2 designations

A :class:`Listing` names a kind of record's noun and its table columns; the JSON forms
hold each record whole, in the converter's form (``sanctions_tracker.unstructure``).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

from attrs import frozen

from sanctions_tracker._convert import unstructure
from sanctions_tracker.reports.stamp import csv_comments, envelope, note_lines, stamp_json

if TYPE_CHECKING:
    from sanctions_tracker.records import (
        Action,
        Advisory,
        DateNote,
        Designation,
        Program,
        Sector,
        Stamp,
    )
    from sanctions_tracker.sectors import ListCoverage
    from sanctions_tracker.tracker import Tracker

__all__ = [
    "ACTIONS",
    "ADVISORIES",
    "COVERAGE_HEADER",
    "DESIGNATIONS",
    "LISTING_FORMATS",
    "PROGRAMS",
    "SCHEMA_PREFIX",
    "Listing",
    "count_words",
    "coverage_json",
    "coverage_rows",
    "json_lines",
    "render_csv",
    "render_listing",
    "render_table",
    "sectors_listing",
]

SCHEMA_PREFIX = "sanctions-tracker"
"""JSON answers name their schema ``sanctions-tracker/<what>/<version>``."""

LISTING_FORMATS = ("table", "json", "csv", "jsonl")
"""The forms of a listing: an aligned table, a JSON envelope, CSV, and JSON lines."""

TABLE_CELL_WIDTH = 60
"""Longer cells are cut short (with an ellipsis) in tables; JSON and CSV keep them whole."""


def cell_text(value: Any) -> str:
    """A cell's text: lists joined with ', ', None as empty, dates in ISO form."""
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return ", ".join(cell_text(v) for v in value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _cut(text: str, width: int = TABLE_CELL_WIDTH) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def count_words(count: int, noun: str) -> str:
    """``1 designation``, ``2 designations``, ``1,204 rows``, ``1 authority`` (a plural noun
    given)."""
    if count == 1:
        noun = noun.removesuffix("s")
        noun = noun[:-2] + "y" if noun.endswith("ie") else noun
    return f"{count:,} {noun}"


def render_table(header: Sequence[str], rows: Sequence[Sequence[Any]], noun: str) -> str:
    """Aligned plain-text columns under an upper-case header; the last line is the count."""
    cells = [[_cut(cell_text(v)) for v in row] for row in rows]
    titles = [h.upper() for h in header]
    widths = [max(len(r[i]) for r in [titles, *cells]) for i in range(len(titles))]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in [titles, *cells]
    ]
    lines.append(count_words(len(rows), noun))
    return "\n".join(lines) + "\n"


def render_csv(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """CSV with a header row; lists joined with '; '."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(
            "; ".join(cell_text(v) for v in value)
            if isinstance(value, list | tuple)
            else cell_text(value)
            for value in row
        )
    return buffer.getvalue()


def json_lines(head: dict[str, Any], items: Iterable[Any]) -> str:
    """JSON lines: ``head`` (schema, stamp ...) on the first line, then one item a line."""
    lines = [json.dumps(head, ensure_ascii=False, separators=(",", ":"))]
    lines.extend(json.dumps(item, ensure_ascii=False, separators=(",", ":")) for item in items)
    return "".join(f"{line}\n" for line in lines)


@frozen
class Listing:
    """How a kind of record is listed: its noun (the JSON key and schema name), the
    table's columns, and a record's cells."""

    noun: str
    header: tuple[str, ...]
    row: Callable[[Any], tuple[Any, ...]]

    @property
    def schema(self) -> str:
        """The JSON schema's name and version: ``sanctions-tracker/designations/1``."""
        return f"{SCHEMA_PREFIX}/{self.noun}/1"


def render_listing(
    fmt: str,
    listing: Listing,
    records: Sequence[Any],
    stamp: Stamp,
    notes: Sequence[DateNote] = (),
) -> str:
    """Records in one of :data:`LISTING_FORMATS`.

    JSON is an envelope (schema, stamp, date notes, count, the records); JSON lines give
    the same head on the first line and one record a line after it; a table or CSV
    carries the date notes of a dated answer (lines under the table, ``#`` comment lines
    above the CSV).
    """
    if fmt in {"json", "jsonl"}:
        items = [unstructure(r) for r in records]
        data = envelope(listing.schema, stamp, listing.noun, items, notes)
        if fmt == "json":
            return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
        del data[listing.noun]
        return json_lines(data, items)
    rows = [listing.row(r) for r in records]
    footer = note_lines(notes)
    if fmt == "csv":
        return csv_comments(footer) + render_csv(listing.header, rows)
    return render_table(listing.header, rows, listing.noun) + "".join(
        f"{line}\n" for line in footer
    )


def _designation_row(d: Designation) -> tuple[Any, ...]:
    sectors = tuple(dict.fromkeys(a.sector for a in d.sectors))
    return (d.id, d.name, d.party.kind.value, d.programs, d.listed_on, sectors)


def _advisory_row(a: Advisory) -> tuple[Any, ...]:
    return (a.id, a.issued_on, a.agency, a.title, tuple(m.name for m in a.materials))


def _action_row(a: Action) -> tuple[Any, ...]:
    return (a.id, a.taken_on, a.kind.value, a.agency, a.title)


def _program_row(p: Program) -> tuple[Any, ...]:
    sectors = tuple(dict.fromkeys(s.sector for s in p.sectors))
    return (p.id, p.name, p.country, p.authorities, sectors)


DESIGNATIONS = Listing(
    "designations",
    ("id", "name", "kind", "programs", "listed_on", "sectors"),
    _designation_row,
)
ADVISORIES = Listing(
    "advisories", ("id", "issued_on", "agency", "title", "materials"), _advisory_row
)
ACTIONS = Listing("actions", ("id", "date", "kind", "agency", "title"), _action_row)
PROGRAMS = Listing("programs", ("id", "name", "country", "authorities", "sectors"), _program_row)


def sectors_listing(tracker: Tracker) -> Listing:
    """The sectors' listing: id, name and place in the tracker's taxonomy."""

    def row(sector: Sector) -> tuple[Any, ...]:
        return (sector.id, sector.name, tracker.taxonomy.path(sector.id))

    return Listing("sectors", ("id", "name", "path"), row)


# --------------------------------------------------------------------------- coverage

COVERAGE_HEADER = (
    "list",
    "designations",
    "in a sector",
    "share",
    "not inferred",
    "non-individuals",
    "non-individuals in a sector",
    "share of non-individuals",
    "by strongest basis",
)
"""The columns of the sector coverage listing (``sectors --coverage``)."""


def coverage_rows(coverage: Iterable[ListCoverage]) -> list[tuple[Any, ...]]:
    """Each list's sector coverage as a row under :data:`COVERAGE_HEADER`."""
    return [
        (
            c.list_id,
            c.designations,
            c.placed,
            f"{c.share:.1%}",
            c.stated,
            c.organizations,
            c.organizations_placed,
            f"{c.organizations_share:.1%}",
            ", ".join(f"{basis} {count}" for basis, count in c.by_basis),
        )
        for c in coverage
    ]


def coverage_json(coverage: ListCoverage) -> dict[str, Any]:
    """One list's sector coverage as JSON-ready data."""
    return {
        "list_id": coverage.list_id,
        "designations": coverage.designations,
        "placed": coverage.placed,
        "not_inferred": coverage.stated,
        "unplaced": coverage.unplaced,
        "non_individuals": coverage.organizations,
        "non_individuals_placed": coverage.organizations_placed,
        "non_individuals_not_inferred": coverage.organizations_stated,
        "by_strongest_basis": dict(coverage.by_basis),
    }


COVERAGE_SCHEMA = f"{SCHEMA_PREFIX}/sector-coverage/1"


def render_coverage(fmt: str, coverage: Sequence[ListCoverage], stamp: Stamp) -> str:
    """The sector coverage of each list in one of :data:`LISTING_FORMATS` (JSON: a plain
    array, one object a list; JSON lines: a head line with the schema and stamp first)."""
    if fmt == "json":
        return json.dumps([coverage_json(c) for c in coverage], indent=2) + "\n"
    if fmt == "jsonl":
        head = {"schema": COVERAGE_SCHEMA, "stamp": stamp_json(stamp), "count": len(coverage)}
        return json_lines(head, (coverage_json(c) for c in coverage))
    rows = coverage_rows(coverage)
    if fmt == "csv":
        return render_csv(COVERAGE_HEADER, rows)
    return render_table(COVERAGE_HEADER, rows, "lists")
