"""The command-line tool: ``sanctions-tracker SUBCOMMAND [OPTIONS]``.

This is the one module that prints or exits. Every subcommand loads a tracker (the
bundled fixtures plus any ``--data`` paths), asks it one question, and prints the answer
as a table, JSON or CSV (listings), Markdown, JSON or HTML (summaries). A user's mistake
(an unknown sector, a missing file, a malformed fixture, a bad date) prints one line
``sanctions-tracker: error: ...`` to stderr and exits 1; argparse usage errors and bad
option values exit 2. The subcommands and their output are described in ``docs/cli.md``.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import json
import os
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dateutil import parser as date_parser

from sanctions_tracker._convert import unstructure
from sanctions_tracker.errors import FixtureError, SanctionsTrackerError
from sanctions_tracker.fixtures import bundled_path
from sanctions_tracker.loading import diff, load
from sanctions_tracker.records import (
    Action,
    ActionKind,
    Advisory,
    Authority,
    Dataset,
    Designation,
    DesignationStatus,
    FileAccount,
    Identifier,
    PartyKind,
    Program,
    ProgramSector,
    Record,
    RowProblem,
    Sector,
    Source,
    Verification,
)
from sanctions_tracker.sectors import ListCoverage
from sanctions_tracker.sources._files import read_bytes
from sanctions_tracker.tracker import Tracker

if TYPE_CHECKING:
    from sanctions_tracker.screening import Match

__all__ = ["main"]

PROG = "sanctions-tracker"

LISTING_FORMATS = ("table", "json", "csv")
SUMMARY_FORMATS = ("md", "json", "html")

_TABLE_CELL_WIDTH = 60
"""Longer cells are cut short (with an ellipsis) in tables; JSON and CSV keep them whole."""


class UsageError(Exception):
    """A command-line value that cannot be used (a bad date): one line, exit 2."""


# --------------------------------------------------------------------------- dates

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DEFAULTS = (dt.datetime(2000, 1, 1), dt.datetime(2001, 2, 2))  # noqa: DTZ001 - dates only


def parse_date(text: str, option: str) -> dt.date:
    """A date given on the command line: ISO ``2019-11-04`` or a form like ``4 Nov 2019``.

    Garbage, incomplete dates (``Nov 2019``), dates with a time and ambiguous ones
    (``01/02/2020``: 1 Feb or 2 Jan?) are refused with a message naming the option.
    """
    text = text.strip()
    expected = f"{option}: expected a date like 2020-01-01, got {text!r}"
    if _ISO_DATE.match(text):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            raise UsageError(f"{option}: {text!r} is not a possible date") from None
    readings: set[dt.datetime] = set()
    by_default: dict[dt.datetime, set[dt.datetime]] = {}
    try:
        for default in _DEFAULTS:
            for dayfirst in (False, True):
                parsed = date_parser.parse(text, default=default, dayfirst=dayfirst)
                readings.add(parsed)
                by_default.setdefault(default, set()).add(parsed)
    except (ValueError, OverflowError):
        raise UsageError(expected) from None
    first = next(iter(readings))
    if len(readings) == 1:
        if first.time() != dt.time(0, 0):
            raise UsageError(f"{option}: expected a date without a time, got {text!r}")
        return first.date()
    if any(len(found) > 1 for found in by_default.values()):
        options = sorted({d.date() for d in by_default[_DEFAULTS[0]]})
        spelled = " or ".join(f"{d.day} {d:%b %Y}" for d in options)
        iso = " or ".join(d.isoformat() for d in options)
        msg = f"{option}: {text!r} is ambiguous ({spelled}); write it as {iso}"
        raise UsageError(msg)
    raise UsageError(f"{option}: {text!r} is not a whole date (day, month and year); {expected}")


def _optional_date(text: str | None, option: str) -> dt.date | None:
    return None if text is None else parse_date(text, option)


def _date_range(
    start: str | None, end: str | None, names: tuple[str, str]
) -> tuple[dt.date, dt.date] | None:
    """An inclusive (first, last) range from optional ends, or None if neither is given."""
    first = _optional_date(start, names[0])
    last = _optional_date(end, names[1])
    if first is None and last is None:
        return None
    return (first or dt.date.min, last or dt.date.max)


class _ReportedError(Exception):
    """A command printed its own report of what failed; exit 1 with one line on stderr."""


# --------------------------------------------------------------------------- output helpers


def _text(value: Any) -> str:
    """A cell's text: lists joined with ', ', None as empty, dates in ISO form."""
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return ", ".join(_text(v) for v in value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _cut(text: str, width: int = _TABLE_CELL_WIDTH) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def render_table(header: Sequence[str], rows: Sequence[Sequence[Any]], noun: str) -> str:
    """Aligned plain-text columns under an upper-case header; the last line is the count."""
    cells = [[_cut(_text(v)) for v in row] for row in rows]
    titles = [h.upper() for h in header]
    widths = [max(len(r[i]) for r in [titles, *cells]) for i in range(len(titles))]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in [titles, *cells]
    ]
    lines.append(_count(len(rows), noun))
    return "\n".join(lines) + "\n"


def _count(count: int, noun: str) -> str:
    if count == 1:
        noun = noun.removesuffix("s")
        noun = noun[:-2] + "y" if noun.endswith("ie") else noun
    return f"{count} {noun}"


def render_csv(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """CSV with a header row; lists joined with '; '."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(
            "; ".join(_text(v) for v in value) if isinstance(value, list | tuple) else _text(value)
            for value in row
        )
    return buffer.getvalue()


def render_json(records: Iterable[Any]) -> str:
    """A JSON array of the converter's unstructured records, indent 2."""
    return json.dumps([unstructure(r) for r in records], indent=2, ensure_ascii=False) + "\n"


@dataclass(frozen=True)
class Listing:
    """How a kind of record is shown in a table or CSV: its noun, columns and cells."""

    noun: str
    header: tuple[str, ...]
    row: Callable[[Any], tuple[Any, ...]]


def _listing(fmt: str, listing: Listing, records: Sequence[Any]) -> str:
    if fmt == "json":
        return render_json(records)
    rows = [listing.row(r) for r in records]
    if fmt == "csv":
        return render_csv(listing.header, rows)
    return render_table(listing.header, rows, listing.noun)


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


# --------------------------------------------------------------------------- show


class _Doc:
    """A readable, indented description of a record, built line by line."""

    def __init__(self, title: str) -> None:
        self.lines = [title]

    def field(self, label: str, value: Any) -> None:
        text = _text(value)
        if text:
            self.lines.append(f"  {label + ':':<14}{text}")

    def block(self, label: str, items: Iterable[str]) -> None:
        entries = [i for i in items if i]
        if entries:
            self.lines.append(f"  {label}:")
            self.lines.extend(f"    {entry}" for entry in entries)

    def render(self) -> str:
        return "\n".join(self.lines) + "\n"


def _join(*parts: str | None, sep: str = ", ") -> str:
    return sep.join(p for p in parts if p)


def _identifier(identifier: Identifier) -> str:
    details = _join(
        identifier.country,
        f"issued {identifier.issued_on}" if identifier.issued_on else None,
        f"expires {identifier.expires_on}" if identifier.expires_on else None,
        identifier.note,
    )
    return f"{identifier.kind}: {identifier.value}" + (f" ({details})" if details else "")


def _source_line(tracker: Tracker, source_id: str) -> str:
    if source_id not in tracker:
        return f"[{source_id}] (not loaded)"
    source = tracker.source(source_id)
    published = f"published {source.published_on}" if source.published_on else None
    return f"[{source.id}] " + _join(source.publisher, f'"{source.title}"', source.url, published)


def _provenance(doc: _Doc, tracker: Tracker, record: Any) -> None:
    verification: Verification | None = getattr(record, "verification", None)
    if verification is not None:
        doc.field("verification", verification.status.value)
        doc.block("verified", verification.verified)
        doc.block("unverified", verification.unverified)
    doc.block("sources", (_source_line(tracker, s) for s in getattr(record, "sources", ())))
    if record.origin is not None:
        doc.field("read from", str(record.origin))


def _actions_block(doc: _Doc, tracker: Tracker, record_id: str) -> None:
    doc.block(
        "actions",
        (
            f"{a.taken_on} {a.kind.value}: {a.title} ({a.agency}; {a.id})"
            for a in tracker.actions_for(record_id)
        ),
    )


def _program_label(tracker: Tracker, program_id: str) -> str:
    if program_id in tracker:
        return f"{program_id}: {tracker.program(program_id).name}"
    return program_id


def _sector_label(tracker: Tracker, sector_id: str) -> str:
    if sector_id in tracker.taxonomy:
        return f"{tracker.taxonomy.get(sector_id).name} ({tracker.taxonomy.path(sector_id)})"
    return sector_id


def _authority_label(tracker: Tracker, authority_id: str) -> str:
    if authority_id in tracker:
        authority = tracker.authority(authority_id)
        return f"{authority.code}: {authority.title}"
    return authority_id


def _show_designation(tracker: Tracker, d: Designation) -> str:
    party = d.party
    doc = _Doc(f"{d.name} ({party.kind.value}, designation {d.id})")
    doc.field("list", d.list_id)
    doc.field("status", d.status.value)
    doc.field("listed on", d.listed_on)
    doc.field("delisted on", d.delisted_on)
    doc.field("first seen", d.first_seen)
    doc.field("last seen", d.last_seen)
    doc.block(
        "names",
        (f"{n.full} ({n.kind.value}{', weak alias' if n.weak else ''})" for n in party.names),
    )
    doc.field("born", [str(b) for b in party.birth_dates])
    doc.field("birthplaces", party.birth_places)
    doc.field("nationality", party.nationalities)
    doc.field("citizenship", party.citizenships)
    doc.field("gender", party.gender)
    doc.block("positions", party.positions)
    doc.block("identifiers", (_identifier(i) for i in party.identifiers))
    doc.block(
        "addresses",
        (_join(a.street, a.city, a.region, a.postal_code, a.country) for a in party.addresses),
    )
    doc.block(
        "linked to",
        (
            f"{link.relation}: {link.name}" + (f" ({link.target})" if link.target else "")
            for link in party.links
        ),
    )
    if party.vessel is not None:
        v = party.vessel
        doc.field(
            "vessel",
            _join(
                v.vessel_type,
                f"flag {v.flag}" if v.flag else None,
                f"call sign {v.call_sign}" if v.call_sign else None,
                f"tonnage {v.tonnage}" if v.tonnage else None,
                f"GRT {v.gross_registered_tonnage}" if v.gross_registered_tonnage else None,
                f"owner {v.owner}" if v.owner else None,
            ),
        )
    doc.field("remarks", party.remarks)
    doc.block("notes", d.notes)
    doc.block("programs", (_program_label(tracker, p) for p in d.programs))
    doc.block(
        "sectors",
        (
            f"{_sector_label(tracker, a.sector)} [{a.basis.value}"
            f"{', inferred' if a.inferred else ''}]: {a.reason}"
            for a in d.sectors
        ),
    )
    doc.field("basis", d.basis)
    _actions_block(doc, tracker, d.id)
    _provenance(doc, tracker, d)
    return doc.render()


def _show_advisory(tracker: Tracker, a: Advisory) -> str:
    doc = _Doc(f"{a.title} (advisory {a.id})")
    doc.field("agency", a.agency)
    doc.field("issued on", a.issued_on)
    doc.field("summary", a.summary)
    doc.block("authorities", (_authority_label(tracker, x) for x in a.authorities))
    doc.block("programs", (_program_label(tracker, p) for p in a.programs))
    doc.block("sectors", (_sector_label(tracker, s) for s in a.sectors))
    doc.field("countries", a.countries)
    materials = []
    for material in a.materials:
        codes = ", ".join(
            f"HS {h.code} {h.description}{'' if h.verified else ' (unverified)'}"
            for h in material.hs_codes
        )
        materials.append(material.name + (f": {codes}" if codes else ""))
    doc.block("materials", materials)
    doc.block("parties at risk", a.parties_at_risk)
    doc.block("due diligence", a.due_diligence)
    _actions_block(doc, tracker, a.id)
    _provenance(doc, tracker, a)
    return doc.render()


def _show_action(tracker: Tracker, a: Action) -> str:
    doc = _Doc(f"{a.title} ({a.kind.value} {a.id})")
    doc.field("agency", a.agency)
    doc.field("taken on", a.taken_on)
    doc.field("summary", a.summary)
    doc.block("authorities", (_authority_label(tracker, x) for x in a.authorities))
    doc.block("programs", (_program_label(tracker, p) for p in a.programs))

    def named(record_id: str) -> str:
        if record_id in tracker:
            record = tracker.get(record_id)
            name = record.name if isinstance(record, Designation) else getattr(record, "title", "")
            return f"{record_id}: {name}"
        return record_id

    doc.block("designations", (named(d) for d in a.designations))
    doc.block("advisories", (named(x) for x in a.advisories))
    _provenance(doc, tracker, a)
    return doc.render()


def _reach(tracker: Tracker, rule: ProgramSector) -> str:
    details = _join(
        f"since {rule.since}" if rule.since else None,
        rule.authority,
        None if rule.criterion else "not a ground for designation",
    )
    return f"{_sector_label(tracker, rule.sector)}: {rule.reason}" + (
        f" ({details})" if details else ""
    )


def _show_program(tracker: Tracker, p: Program) -> str:
    doc = _Doc(f"{p.name} (program {p.id})")
    doc.field("country", p.country)
    doc.field("description", p.description)
    doc.block("authorities", (_authority_label(tracker, x) for x in p.authorities))
    doc.block("sectors", (_reach(tracker, s) for s in p.sectors))
    doc.field("designations", len(tracker.designations(program=p.id)))
    _provenance(doc, tracker, p)
    return doc.render()


def _show_authority(tracker: Tracker, a: Authority) -> str:
    doc = _Doc(f"{a.code}: {a.title} (authority {a.id})")
    doc.field("kind", a.kind.value)
    doc.field("country", a.country)
    doc.field("signed on", a.signed_on)
    doc.field("summary", a.summary)
    doc.block(
        "programs",
        (f"{p.id}: {p.name}" for p in tracker.programs(authority=a.id)),
    )
    _provenance(doc, tracker, a)
    return doc.render()


def _show_sector(tracker: Tracker, s: Sector) -> str:
    doc = _Doc(f"{s.name} (sector {s.id})")
    doc.field("path", tracker.taxonomy.path(s.id))
    doc.field("description", s.description)
    doc.field("aliases", s.aliases)
    doc.field("below it", tracker.taxonomy.children(s.id))
    doc.field("designations", len(tracker.designations(sector=s.id)))
    if s.origin is not None:
        doc.field("read from", str(s.origin))
    return doc.render()


def _show_source(_tracker: Tracker, s: Source) -> str:
    doc = _Doc(f"{s.title} (source {s.id})")
    doc.field("publisher", s.publisher)
    doc.field("url", s.url)
    doc.field("published on", s.published_on)
    doc.field("verification", s.verification.status.value)
    doc.block("verified", s.verification.verified)
    doc.block("unverified", s.verification.unverified)
    if s.origin is not None:
        doc.field("read from", str(s.origin))
    return doc.render()


_DESCRIBERS: dict[type[Any], Callable[[Tracker, Any], str]] = {
    Designation: _show_designation,
    Advisory: _show_advisory,
    Action: _show_action,
    Program: _show_program,
    Authority: _show_authority,
    Sector: _show_sector,
    Source: _show_source,
}


def describe(tracker: Tracker, record: Record) -> str:
    """A readable, multi-line description of any record (``show``'s table form)."""
    return _DESCRIBERS[type(record)](tracker, record)


# --------------------------------------------------------------------------- subcommands


def _history(values: Sequence[str]) -> dict[dt.date | str, str | os.PathLike[str]]:
    history: dict[dt.date | str, str | os.PathLike[str]] = {}
    for value in values:
        day, sep, path = value.partition("=")
        if not sep or not path:
            msg = f"--history: expected DATE=PATH (2024-05-03=sdn.csv), got {value!r}"
            raise UsageError(msg)
        history[parse_date(day, "--history")] = path
    return history


def _tracker(args: argparse.Namespace) -> Tracker:
    paths = [*(args.global_data or ()), *(args.data or ())]
    bundled = not (args.global_no_bundled or args.no_bundled)
    history = _history([*(args.global_history or ()), *(args.history or ())])
    return load(*paths, bundled=bundled, history=history or None)


def cmd_summary(args: argparse.Namespace) -> str:
    as_of = _optional_date(args.as_of, "--as-of")
    tracker = _tracker(args)
    if as_of is not None and tracker.history is not None:
        tracker = tracker.as_of(as_of)
    summary = tracker.summary(
        sector=args.sector,
        program=args.program,
        country=args.country,
        as_of=as_of,
        inferred=not args.no_inferred,
    )
    renderers = {"md": summary.to_markdown, "json": summary.to_json, "html": summary.to_html}
    return renderers[args.format]()


def cmd_designations(args: argparse.Namespace) -> str:
    active_on = _optional_date(args.active_on, "--active-on")
    listed = _date_range(args.listed_from, args.listed_to, ("--listed-from", "--listed-to"))
    tracker = _tracker(args)
    found = tracker.designations(
        inferred=not args.no_inferred,
        sector=args.sector,
        program=args.program,
        authority=args.authority,
        country=args.country,
        kind=args.kind,
        status=args.status,
        active_on=active_on,
        listed_between=listed,
        list_id=args.list_id,
    )
    text = _listing(args.format, DESIGNATIONS, found)
    if args.sector is None:
        return text
    # Said on stderr, so that the listing itself stays a table, CSV or JSON to read on.
    note = _unplaced_note(tracker, inferred=not args.no_inferred)
    sys.stderr.write("".join(f"note: {line}\n" for line in note))
    return text


# --------------------------------------------------------------------------- sector coverage


def _unplaced_note(tracker: Tracker, *, inferred: bool) -> list[str]:
    """What a sector listing cannot show: the designations of each list in no sector."""
    lines = [
        f"{c.list_id}: {c.unplaced} of {c.designations} designations "
        f"({c.organizations - c.organizations_placed} of {c.organizations} that are not "
        "individuals) have no sector and cannot appear in a sector listing"
        for c in tracker.sector_coverage()
        if c.designations
    ]
    if not inferred:
        lines.append("placements inferred from names or linked parties are left out")
    return lines


_COVERAGE_HEADER = (
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


def _coverage_rows(tracker: Tracker) -> list[tuple[Any, ...]]:
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
        for c in tracker.sector_coverage()
    ]


def _coverage_lines(tracker: Tracker) -> list[str]:
    """The coverage as indented text lines, for ``validate``."""
    lines = ["sector coverage (designations in a sector, by the strongest basis):"]
    for c in tracker.sector_coverage():
        bases = ", ".join(f"{basis} {count}" for basis, count in c.by_basis) or "none"
        lines.append(
            f"  {c.list_id}: {c.placed} of {c.designations} ({c.share:.1%}); not individuals: "
            f"{c.organizations_placed} of {c.organizations} ({c.organizations_share:.1%}); "
            f"{bases}"
        )
    return lines


def _cmd_coverage(args: argparse.Namespace, tracker: Tracker) -> str:
    if args.format == "json":
        return json.dumps([_coverage_json(c) for c in tracker.sector_coverage()], indent=2) + "\n"
    rows = _coverage_rows(tracker)
    if args.format == "csv":
        return render_csv(_COVERAGE_HEADER, rows)
    return render_table(_COVERAGE_HEADER, rows, "lists")


def _coverage_json(coverage: ListCoverage) -> dict[str, Any]:
    """One list's coverage as JSON-ready data."""
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


def cmd_advisories(args: argparse.Namespace) -> str:
    issued = _date_range(args.date_from, args.date_to, ("--from", "--to"))
    found = _tracker(args).advisories(
        material=args.material,
        sector=args.sector,
        hs_code=args.hs_code,
        country=args.country,
        agency=args.agency,
        authority=args.authority,
        issued_between=issued,
    )
    return _listing(args.format, ADVISORIES, found)


def cmd_actions(args: argparse.Namespace) -> str:
    between = _date_range(args.date_from, args.date_to, ("--from", "--to"))
    found = _tracker(args).actions(
        between=between,
        kind=args.kind,
        agency=args.agency,
        authority=args.authority,
        program=args.program,
    )
    return _listing(args.format, ACTIONS, found)


def cmd_programs(args: argparse.Namespace) -> str:
    as_of = _optional_date(args.as_of, "--as-of")
    found = _tracker(args).programs(
        sector=args.sector, country=args.country, authority=args.authority, as_of=as_of
    )
    return _listing(args.format, PROGRAMS, found)


def cmd_sectors(args: argparse.Namespace) -> str:
    tracker = _tracker(args)
    if args.coverage:
        return _cmd_coverage(args, tracker)
    listing = Listing(
        "sectors", ("id", "name", "path"), lambda s: (s.id, s.name, tracker.taxonomy.path(s.id))
    )
    return _listing(args.format, listing, tracker.sectors())


def cmd_show(args: argparse.Namespace) -> str:
    tracker = _tracker(args)
    record = tracker.get(args.id)
    if args.format == "json":
        return json.dumps(unstructure(record), indent=2, ensure_ascii=False) + "\n"
    return describe(tracker, record)


_SHOWN_PROBLEMS = 20


def _dataset_line(dataset: Dataset) -> str:
    files = _count(len(dataset.files), "files")
    as_of = f", latest date {dataset.as_of}" if dataset.as_of else ""
    records = _count(dataset.records, "records")
    return f"  {dataset.name} ({dataset.kind}): {files}, {records}{as_of}"


def _problem_lines(label: str, problems: Sequence[RowProblem], shown: int) -> list[str]:
    lines = [f"      {label} line {p.line}: {p.reason}" for p in problems[:shown]]
    if len(problems) > shown:
        lines.append(f"      ... and {len(problems) - shown} more {label} rows (--format json)")
    return lines


def _account_lines(account: FileAccount) -> list[str]:
    if account.format.startswith("fixtures"):
        return [f"    {account.file}: {_count(account.records_made, 'records')}"]
    parts = [f"{account.records_made} made", f"{len(account.rejected)} rejected"]
    if account.orphans:
        parts.append(f"{len(account.orphans)} without a main row")
    if account.left_out:
        parts.append(f"{len(account.left_out)} left out")
    end = "; ended with the SUB end-of-file byte" if account.end_marker else ""
    read = f"{account.rows_read} rows read = {' + '.join(parts)}"
    lines = [f"    {account.file} ({account.format}): {read}{end}"]
    xml = " XML" in account.format
    if account.remark_segments:
        share = account.remark_segments_parsed / account.remark_segments
        lines.append(
            f"      {account.facts}: {account.remark_segments} read, "
            f"{account.remark_segments_parsed} turned into fields ({share:.2%}), "
            f"{len(account.unparsed_remarks)} kept as text only"
        )
    lines.extend(_problem_lines("rejected", account.rejected, _SHOWN_PROBLEMS))
    lines.extend(_problem_lines("orphan", account.orphans, 3))
    lines.extend(_problem_lines("left out", account.left_out, 3))
    if xml:  # an XML account lists what it kept as text only (features of unknown types)
        lines.extend(_problem_lines("kept as text", account.unparsed_remarks, 3))
    lines.extend(
        f"      differs from the fixtures: {d.record} {d.field}: "
        f"fixture {d.fixture!r}, list {d.listed!r} (the list wins)"
        for d in account.disagreements
    )
    return lines


def _is_bundled(path: str) -> bool:
    try:
        return Path(path).resolve() == bundled_path().resolve()
    except OSError:
        return False


def cmd_validate(args: argparse.Namespace) -> str:
    # The paths are checked as --data would load them: with the bundled fixtures to refer
    # to (a user's designation may name a bundled program), unless --no-bundled.
    bundled = not (args.global_no_bundled or args.no_bundled)
    bundled = bundled and not any(_is_bundled(p) for p in args.paths)
    try:
        tracker = load(*args.paths, bundled=bundled)
    except FixtureError as error:
        if args.format == "json":
            sys.stdout.write(json.dumps({"ok": False, "problems": list(error.problems)}, indent=2))
            sys.stdout.write("\n")
        else:
            sys.stdout.write("".join(f"{problem}\n" for problem in error.problems))
        sys.stdout.flush()
        count = len(error.problems)
        raise _ReportedError(f"{_count(count, 'problems')} found; nothing was loaded") from None
    counts = tracker.counts()
    accounts = [a for d in tracker.datasets for a in d.accounts]
    rejected = sum(len(a.rejected) for a in accounts)
    if args.format == "json":
        report = {
            "ok": rejected == 0,
            "counts": counts,
            "datasets": [unstructure(d) for d in tracker.datasets],
            "sector_coverage": [_coverage_json(c) for c in tracker.sector_coverage()],
        }
        text = json.dumps(report, indent=2, ensure_ascii=False) + "\n"
    else:
        total = sum(counts.values())
        width = max(len(section) for section in counts)
        files = sum(len(d.files) for d in tracker.datasets)
        head = "ok" if rejected == 0 else "problems"
        lines = [f"{head}: {_count(total, 'records')} from {_count(files, 'files')}"]
        lines.extend(f"  {section:<{width}}  {count:>6}" for section, count in counts.items())
        lines.append("datasets:")
        for dataset in tracker.datasets:
            lines.append(_dataset_line(dataset))
            for account in dataset.accounts:
                lines.extend(_account_lines(account))
        lines.extend(_coverage_lines(tracker))
        text = "\n".join(lines) + "\n"
    if rejected:
        sys.stdout.write(text)
        sys.stdout.flush()
        raise _ReportedError(f"{_count(rejected, 'rows')} could not be read (listed above)")
    return text


# --------------------------------------------------------------------------- parser


def _version() -> str:
    try:
        return metadata.version("sanctions-tracker")
    except metadata.PackageNotFoundError:  # pragma: no cover - running from a bare checkout
        return "unknown"


def _common(prefix: str) -> argparse.ArgumentParser:
    """The global options; ``prefix`` keeps the values given before the subcommand apart."""
    common = argparse.ArgumentParser(add_help=False)
    group = common.add_argument_group("data options")
    group.add_argument(
        "--data",
        action="append",
        metavar="PATH",
        dest=f"{prefix}data",
        help=(
            "a fixture file or folder, or a list file, to load (repeat the flag for each: "
            "--data sdn.csv --data alt.csv)"
        ),
    )
    group.add_argument(
        "--no-bundled",
        action="store_true",
        dest=f"{prefix}no_bundled",
        help="leave the bundled fixtures out",
    )
    group.add_argument(
        "--history",
        action="append",
        metavar="DATE=PATH",
        dest=f"{prefix}history",
        help="a dated snapshot of one list, for --as-of (repeatable)",
    )
    group.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    return common


def _format(parser: argparse.ArgumentParser, choices: Sequence[str]) -> None:
    parser.add_argument(
        "--format",
        choices=choices,
        default=choices[0],
        help=f"output format (default: {choices[0]})",
    )


_Add = Callable[[str, str, Callable[[argparse.Namespace], str]], argparse.ArgumentParser]


def _no_inferred(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--no-inferred",
        action="store_true",
        help="with --sector, leave out placements inferred from names or linked parties",
    )


def _add_summary(add: _Add) -> None:
    summary = add("summary", "a compliance summary of a scope, with citations", cmd_summary)
    summary.add_argument("--sector", help="a sector id, name or alias (e.g. steel)")
    summary.add_argument("--program", help="a program id (e.g. IRAN-EO13871)")
    summary.add_argument("--country", help="a country code or name (e.g. IR, Iran)")
    summary.add_argument("--as-of", metavar="DATE", help="what applied on this date")
    _no_inferred(summary)
    _format(summary, SUMMARY_FORMATS)
    summary.add_argument("--output", metavar="FILE", help="write to FILE instead of stdout")


def _add_designations(add: _Add) -> None:
    designations = add("designations", "list designations (listed parties)", cmd_designations)
    designations.add_argument("--sector", help="a sector; includes the sectors below it")
    designations.add_argument("--program", help="a program id")
    designations.add_argument("--authority", help="an authority id or code (e.g. 'E.O. 13871')")
    designations.add_argument("--country", help="a country code or name")
    designations.add_argument("--kind", choices=[k.value for k in PartyKind])
    designations.add_argument("--status", choices=[s.value for s in DesignationStatus])
    designations.add_argument("--active-on", metavar="DATE", help="in force on this date")
    designations.add_argument("--listed-from", metavar="DATE", help="listed on or after")
    designations.add_argument("--listed-to", metavar="DATE", help="listed on or before")
    designations.add_argument("--list-id", help="the list it is on (e.g. us-ofac-sdn)")
    _no_inferred(designations)
    _format(designations, LISTING_FORMATS)


def _add_advisories(add: _Add) -> None:
    advisories = add("advisories", "list government advisories", cmd_advisories)
    advisories.add_argument("--material", help="part of a material's name (e.g. graphite)")
    advisories.add_argument("--sector", help="a sector; includes the sectors below it")
    advisories.add_argument("--hs-code", help="an HS code or its start (e.g. 8545)")
    advisories.add_argument("--country", help="a country code or name")
    advisories.add_argument("--agency", help="part of the issuing agency's name")
    advisories.add_argument("--authority", help="an authority id or code")
    advisories.add_argument("--from", dest="date_from", metavar="DATE", help="issued on or after")
    advisories.add_argument("--to", dest="date_to", metavar="DATE", help="issued on or before")
    _format(advisories, LISTING_FORMATS)


def _add_actions(add: _Add) -> None:
    actions = add("actions", "list dated government actions", cmd_actions)
    actions.add_argument("--from", dest="date_from", metavar="DATE", help="taken on or after")
    actions.add_argument("--to", dest="date_to", metavar="DATE", help="taken on or before")
    actions.add_argument("--kind", choices=[k.value for k in ActionKind])
    actions.add_argument("--agency", help="part of the agency's name")
    actions.add_argument("--program", help="a program id")
    actions.add_argument("--authority", help="an authority id or code")
    _format(actions, LISTING_FORMATS)


def _add_programs(add: _Add) -> None:
    programs = add("programs", "list sanctions programs", cmd_programs)
    programs.add_argument("--sector", help="programs reaching the sector (or above or below it)")
    programs.add_argument("--country", help="programs targeting the country")
    programs.add_argument("--authority", help="programs resting on the authority")
    programs.add_argument("--as-of", metavar="DATE", help="count only reaches in force then")
    _format(programs, LISTING_FORMATS)


# --------------------------------------------------------------------------- screen

_PROGRESS_MIN = 200
_SCREEN_HEADER = (
    "row", "name", "result", "id", "listed name", "score", "matched name", "strength", "more"
)  # fmt: skip


def _screen_inputs(args: argparse.Namespace) -> list[tuple[int, str | None, str]]:
    """(row number, name or None, why it cannot be read) for each name to screen."""
    if args.file is None:
        if not args.names:
            msg = "give names to screen, or --file FILE --column COLUMN"
            raise UsageError(msg)
        return [(row, name, "") for row, name in enumerate(args.names, start=1)]
    if args.names:
        msg = "give names or --file, not both"
        raise UsageError(msg)
    try:
        # A regular file only, of a bounded size: a pipe or /dev/zero is refused unread.
        text = read_bytes(Path(args.file), args.file).decode("utf-8-sig")
    except UnicodeDecodeError as error:
        msg = f"{args.file}: not UTF-8 text (byte {error.object[error.start]:#04x})"
        raise UsageError(msg) from None
    reader = csv.DictReader(io.StringIO(text))
    if reader.fieldnames is None or args.column not in reader.fieldnames:
        columns = ", ".join(reader.fieldnames or ()) or "none"
        msg = f"{args.file}: no column {args.column!r} (columns: {columns})"
        raise UsageError(msg)
    inputs: list[tuple[int, str | None, str]] = []
    for record in reader:
        line = reader.line_num
        value = record.get(args.column)
        if None in record:
            inputs.append((line, value, "the row has more cells than the header"))
        elif value is None:
            inputs.append((line, None, f"the row has no cell in column {args.column!r}"))
        else:
            inputs.append((line, value, ""))
    return inputs


def _readable(name: str | None) -> str:
    """Why a name cannot be screened, or '' when it can."""
    if name is None or not name.strip():
        return "no name in this row"
    from sanctions_tracker.screening import normalise  # noqa: PLC0415 - only `screen` needs it
    from sanctions_tracker.screening._screener import (  # noqa: PLC0415 - as above
        MAX_NAME_LENGTH,
        MAX_NAME_TOKENS,
    )

    if len(name) > MAX_NAME_LENGTH:
        return f"a name of {len(name):,} characters: at most {MAX_NAME_LENGTH:,} are screened"
    if len(name.split()) > MAX_NAME_TOKENS:
        words = len(name.split())
        return f"a name of {words:,} words: at most {MAX_NAME_TOKENS} are screened"
    if not normalise(name):
        return f"no letters or digits in {name!r}"
    return ""


def _progress_bar(total: int) -> Callable[[int, int], None] | None:
    if total < _PROGRESS_MIN or not sys.stderr.isatty():
        return None

    def draw(done: int, count: int) -> None:
        filled = 30 * done // max(count, 1)
        sys.stderr.write(f"\rscreening [{'#' * filled}{'.' * (30 - filled)}] {done}/{count}")
        if done >= count:
            sys.stderr.write("\n")
        sys.stderr.flush()

    return draw


def _match_json(match: Match) -> dict[str, Any]:
    data: dict[str, Any] = unstructure(match)
    del data["designation"]  # the record is one `show ID` away; the output stays readable
    return data


def _screened(
    args: argparse.Namespace, tracker: Tracker, names: list[str]
) -> tuple[list[tuple[Match, ...]], list[frozenset[str]]]:
    """Each name's hits, and which of them are new since ``--since`` (all, without it)."""
    if args.since is None:
        results = tracker.screen_many(
            names,
            kind=args.kind,
            threshold=args.threshold,
            limit=args.limit,
            progress=_progress_bar(len(names)),
        )
        return list(results), [frozenset(m.designation_id for m in r) for r in results]
    bundled = not (args.global_no_bundled or args.no_bundled)
    changes = diff(args.since, tracker, bundled=bundled)
    rescreened = tracker.rescreen(
        names, changes, kind=args.kind, threshold=args.threshold, limit=args.limit
    )
    return (
        [r.matches for r in rescreened],
        [frozenset(m.designation_id for m in r.new_matches) for r in rescreened],
    )


def _status(matches: Sequence[Match], new: frozenset[str], *, since: bool) -> str:
    """'match' or 'no match'; with --since, against what changed: 'new match' or not."""
    if not since:
        return "match" if matches else "no match"
    if not matches:
        return "nothing changed for this name"
    return "new match" if new else "match, not new"


def cmd_screen(args: argparse.Namespace) -> str:
    inputs = _screen_inputs(args)
    if args.threshold is not None and not 0 <= args.threshold <= 1:
        msg = f"--threshold: expected a number from 0 to 1, got {args.threshold}"
        raise UsageError(msg)
    tracker = _tracker(args)
    problems = {row: why or _readable(name) for row, name, why in inputs}
    good = [(row, name) for row, name, _ in inputs if not problems[row] and name is not None]
    results, new = _screened(args, tracker, [name for _, name in good])
    found = {
        row: (matches, fresh) for (row, _), matches, fresh in zip(good, results, new, strict=True)
    }
    since = args.since is not None
    if args.format == "json":
        rows = []
        for row, name, _ in inputs:
            matches, fresh = found.get(row, ((), frozenset()))
            entry: dict[str, Any] = {
                "row": row,
                "name": name,
                "status": "error" if problems[row] else _status(matches, fresh, since=since),
                "error": problems[row] or None,
                "matches": [{**_match_json(m), "new": m.designation_id in fresh} for m in matches],
            }
            rows.append(entry)
        text = json.dumps(rows, indent=2, ensure_ascii=False) + "\n"
    else:
        table: list[tuple[Any, ...]] = []
        for row, name, _ in inputs:
            matches, fresh = found.get(row, ((), frozenset()))
            if problems[row]:
                table.append((row, name or "", f"error: {problems[row]}", "", "", "", "", "", ""))
                continue
            status = _status(matches, fresh, since=since)
            if not matches:
                table.append((row, name, status, "", "", "", "", "", ""))
                continue
            best = next((m for m in matches if m.designation_id in fresh), matches[0])
            table.append(
                (
                    row,
                    name,
                    status,
                    best.designation_id,
                    best.name,
                    f"{best.score:.3f}",
                    best.matched_name.full,
                    best.name_strength.value,
                    len(matches) - 1,
                )
            )
        if args.format == "csv":
            text = render_csv(_SCREEN_HEADER, table)
        else:
            text = render_table(_SCREEN_HEADER, table, "names screened")
    bad = [row for row, why in problems.items() if why]
    if bad:
        sys.stdout.write(text)
        sys.stdout.flush()
        msg = f"{_count(len(bad), 'rows')} could not be screened (marked 'error' above)"
        raise _ReportedError(msg)
    return text


def _add_screen(add: _Add) -> None:
    screen = add(
        "screen", "screen names against the loaded lists, with scores and reasons", cmd_screen
    )
    screen.add_argument("names", nargs="*", metavar="NAME", help="names to screen")
    screen.add_argument("--file", metavar="CSV", help="a CSV file of names (with a header row)")
    screen.add_argument(
        "--column", default="name", help="the CSV column that holds the names (default: name)"
    )
    screen.add_argument(
        "--kind", help="person, company, vessel or aircraft: other kinds score lower"
    )
    screen.add_argument(
        "--threshold",
        type=float,
        help="the score a hit needs, 0 to 1 (default: screening.DEFAULT_THRESHOLD, 0.8)",
    )
    screen.add_argument("--limit", type=int, default=5, help="hits kept per name (default 5)")
    screen.add_argument(
        "--since",
        metavar="OLD",
        help="re-screen: only against what changed since the list file OLD, saying which "
        "names hit anew",
    )
    _format(screen, LISTING_FORMATS)


def cmd_diff(args: argparse.Namespace) -> str:
    bundled = not (args.global_no_bundled or args.no_bundled)
    changes = diff(args.old, args.new, bundled=bundled)
    renderers = {"md": changes.to_markdown, "json": changes.to_json, "csv": changes.to_csv}
    return renderers[args.format]()


def _add_others(add: _Add) -> None:
    changes = add("diff", "what changed between two versions of a list", cmd_diff)
    changes.add_argument("old", metavar="OLD", help="the older list file")
    changes.add_argument("new", metavar="NEW", help="the newer list file")
    _format(changes, ("md", "json", "csv"))

    sectors = add("sectors", "list the sector taxonomy, in tree order", cmd_sectors)
    sectors.add_argument(
        "--coverage",
        action="store_true",
        help="instead, how many designations of each loaded list have a sector, and why",
    )
    _format(sectors, LISTING_FORMATS)

    show = add("show", "describe one record, whatever its kind", cmd_show)
    show.add_argument("id", help="a record id (e.g. us-ofac-sdn:27844)")
    _format(show, ("table", "json"))

    validate = add(
        "validate",
        "check fixture files or list files (with the bundled set to refer to, unless "
        "--no-bundled) and account for every row",
        cmd_validate,
    )
    validate.add_argument(
        "paths", nargs="+", metavar="PATH", help="fixture files or folders, OFAC or UN list files"
    )
    _format(validate, ("text", "json"))


def build_parser() -> argparse.ArgumentParser:
    """The argument parser: global options, then one subparser per subcommand."""
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="What sanctions and government advisories apply to whom, with sources.",
        epilog="Run `sanctions-tracker SUBCOMMAND --help` for a subcommand's options.",
        parents=[_common("global_")],
    )
    common = _common("")
    sub = parser.add_subparsers(dest="command", required=True, metavar="SUBCOMMAND")

    def add(
        name: str, help_text: str, handler: Callable[[argparse.Namespace], str]
    ) -> argparse.ArgumentParser:
        command = sub.add_parser(name, help=help_text, description=help_text, parents=[common])
        command.set_defaults(handler=handler)
        return command

    for adder in (
        _add_summary,
        _add_designations,
        _add_advisories,
        _add_actions,
        _add_programs,
        _add_screen,
        _add_others,
    ):
        adder(add)
    return parser


# --------------------------------------------------------------------------- main


def _error(message: str) -> None:
    sys.stderr.write(f"{PROG}: error: {message}\n")


def _fixture_message(error: FixtureError) -> str:
    more = len(error.problems) - 1
    if more <= 0:
        return error.first
    return f"{error.first} (and {more} more; run `{PROG} validate PATH`)"


def _write(text: str, output: str | None) -> None:
    if not text.endswith("\n"):
        text += "\n"
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
    else:
        Path(output).write_text(text, encoding="utf-8")


def _silence_stdout() -> None:
    """After a broken pipe, point stdout at /dev/null so the exit flush cannot fail."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, io.UnsupportedOperation):
        pass


def _exit_code(error: Exception, output: str | None) -> int:
    """Report an error that ends the command in one line on stderr; the exit code."""
    code = 1
    if isinstance(error, BrokenPipeError):
        _silence_stdout()
    elif isinstance(error, UsageError):
        _error(str(error))
        code = 2
    elif isinstance(error, _ReportedError):
        sys.stderr.write(f"{PROG}: {error}\n")
    elif isinstance(error, FixtureError):
        _error(_fixture_message(error))
    elif isinstance(error, OSError) and not isinstance(error, SanctionsTrackerError):
        reason = error.strerror or str(error)
        if output is not None and error.filename == output:
            _error(f"cannot write {output}: {reason}")
        else:
            _error(f"{error.filename}: {reason}" if error.filename else reason)
    else:
        _error(str(error))
    return code


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code (0 ok, 1 error, 2 usage error)."""
    parser = build_parser()
    try:
        args, extra = parser.parse_known_args(argv)
        if extra:
            # "--data a.csv b.csv" reads b.csv as a stray argument: say how to give several.
            hint = (
                " (to load several files, give --data before each: --data A --data B)"
                if any(Path(arg).exists() for arg in extra)
                else ""
            )
            parser.error(f"unrecognized arguments: {' '.join(extra)}{hint}")
    except SystemExit as exit_:  # --help, --version and usage errors
        return exit_.code if isinstance(exit_.code, int) else 1 if exit_.code else 0
    handler: Callable[[argparse.Namespace], str] = args.handler
    output: str | None = getattr(args, "output", None)
    try:
        _write(handler(args), output)
    except (UsageError, _ReportedError, SanctionsTrackerError, OSError) as error:
        return _exit_code(error, output)
    except KeyboardInterrupt:
        sys.stderr.write("\n")
        return 130
    return 0
