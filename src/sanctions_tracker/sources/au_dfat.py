"""Australia's DFAT Consolidated List, the workbook DFAT publishes (XLSX).

One sheet, "Consolidated List", one row per *name*: the header names 19 columns
(``Reference, Name of Individual or Entity, Type, Name Type, Alias Strength, Date of Birth,
Place of Birth, Citizenship, Address, Additional Information, Listing Information, IMO
Number, Committees, Control Date, Instrument of Designation, Targeted Financial Sanction,
Travel Ban, Arms Embargo, Maritime Restriction``). The rows of one listing share the base
of their ``Reference``: ``3621`` is the primary name, ``3621a``, ``3621b`` ... its aliases
and original-script names. The file is recognised as a workbook whose first sheet starts
with that header, never by its name; it is read by ``_xlsx`` (the zip's members capped,
their XML parsed safely), not by an Excel library: see ``docs/dependencies.md``.

Each base reference becomes one designation ``au-dfat:<reference>`` (``au-dfat:3621``)
under the program of its committee or regime (``Autonomous (Russia)`` -> ``AU-RUSSIA``,
``1267 Committee (ISIL & Al-Qaida)`` -> ``AU-UN-1267``), described by a program record
citing the file, with the instruments of designation it names as its authorities. Its
first row is made the designation; every other row adds its name (and any fact it states
that the first does not) and is counted as part of that record. ``docs/dfat.md`` maps
every column to a field.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

import attrs
from attrs import frozen

from sanctions_tracker.errors import SourceError
from sanctions_tracker.records import (
    Address,
    Authority,
    AuthorityKind,
    Identifier,
    Name,
    NameKind,
    PartialDate,
    Program,
    Source,
    Verification,
    VerificationStatus,
)
from sanctions_tracker.sources._cells import shortened
from sanctions_tracker.sources._dates import iso_day, numeric_date, parse_date, period_date
from sanctions_tracker.sources._files import FileHead
from sanctions_tracker.sources._lists import ListFormat, ListLoad, OneFile, file_source
from sanctions_tracker.sources._parties import PartyBuilder, PartyFacts, slug, tidy
from sanctions_tracker.sources._places import country_by_name
from sanctions_tracker.sources._xlsx import CellValue, sheet_rows
from sanctions_tracker.sources._xml import XmlHead

__all__ = [
    "FORMAT",
    "FORMAT_NAME",
    "HEADER",
    "LIST_ID",
    "TITLE",
    "DfatFile",
    "birth_dates",
    "load_dfat",
    "program_of",
    "recognise",
]

LIST_ID = "au-dfat"
TITLE = "Australian Sanctions Consolidated List (DFAT)"
PUBLISHER = "Australian Government, Department of Foreign Affairs and Trade"
URL = "https://www.dfat.gov.au/international-relations/security/sanctions/consolidated-list"
FORMAT_NAME = "DFAT Consolidated List workbook (XLSX)"

HEADER = (
    "Reference",
    "Name of Individual or Entity",
    "Type",
    "Name Type",
    "Alias Strength",
    "Date of Birth",
    "Place of Birth",
    "Citizenship",
    "Address",
    "Additional Information",
    "Listing Information",
    "IMO Number",
    "Committees",
    "Control Date",
    "Instrument of Designation",
    "Targeted Financial Sanction",
    "Travel Ban",
    "Arms Embargo",
    "Maritime Restriction",
)
_SANCTIONS = HEADER[15:]
"""The columns that say which measures apply (1 or 0): kept as notes."""


def _columns(row: dict[str, CellValue]) -> dict[str, str] | None:
    """The header's column letters by name, if the row is DFAT's header."""
    found = {tidy(str(value)).casefold(): column for column, value in row.items()}
    if set(found) != {name.casefold() for name in HEADER}:
        return None
    return {name: found[name.casefold()] for name in HEADER}


@frozen
class DfatFile(OneFile):
    """A workbook recognised as DFAT's Consolidated List, not read yet."""

    group = LIST_ID

    def read(self) -> ListLoad:
        """Read the file."""
        return load_dfat(self)


def recognise(head: FileHead, xml: XmlHead | None) -> DfatFile | None:
    """The file as DFAT's list: a workbook whose first row is the list's header."""
    if xml is not None or head.packing != "zip" or "xl/workbook.xml" not in head.members:
        return None
    first = next(sheet_rows(head.path, head.display, limit=1), None)
    if first is None or _columns(first[1]) is None:
        return None
    return DfatFile(path=head.path, display=head.display)


# --------------------------------------------------------------------------- programs

_COMMITTEE = re.compile(r"^(\d{3,4})\b\s*(?:Committee)?\s*(?:\((.*)\))?")
_AUTONOMOUS = re.compile(r"^Autonomous\s*\((.*)\)\s*$")


@frozen
class Regime:
    """A ``Committees`` value as a program: its id, name and target country (if any)."""

    program: str
    name: str
    country: str | None


def program_of(committee: str) -> Regime:
    """The program of a ``Committees`` value: a UN committee (``1267 Committee (ISIL &
    Al-Qaida)`` -> ``AU-UN-1267``), an autonomous regime (``Autonomous (Russia)`` ->
    ``AU-RUSSIA``, ``Autonomous (Thematic - Cyber)`` -> ``AU-THEMATIC-CYBER``)."""
    text = tidy(committee)
    found = _COMMITTEE.match(text)
    if found is not None:
        about = found[2] or ""
        return Regime(
            f"AU-UN-{found[1]}",
            f"Australia: UN Security Council {text}",
            country_by_name(about) if about else None,
        )
    autonomous = _AUTONOMOUS.match(text)
    about = autonomous[1] if autonomous else text
    return Regime(
        f"AU-{slug(about).upper()}",
        f"Australia: {text}",
        country_by_name(about) if autonomous else None,
    )


_FIRST = re.compile(
    r"^Instrument of first (?:designation|listing)(?: and declaration)?:\s*", re.IGNORECASE
)


_NAMES_AN_ACT = re.compile(r"Instrument|Regulation|\bAct\b|Determination|Declaration")
"""What an instrument's name holds; some rows give listing information in this column."""


def _instrument(text: str) -> str:
    return tidy(_FIRST.sub("", tidy(text)))


def _authority(title: str, source: Source) -> Authority:
    return Authority(
        id=f"au-{slug(title)}",
        code=title,
        title=title,
        kind=AuthorityKind.REGULATION,
        sources=(source.id,),
        country="AU",
        summary="An Australian legislative instrument that designates or declares listings.",
        verification=Verification(
            status=VerificationStatus.VERIFIED,
            verified=("the instrument's name, as the list file gives it",),
        ),
    )


# --------------------------------------------------------------------------- values

_ITEM = re.compile(r"(?:^|\s)[a-z]\)\s+")
"""The ``a) ... b) ...`` lettering of a cell that lists several values."""


def _items(text: str) -> list[str]:
    return [tidy(part).rstrip(";,") for part in _ITEM.split(text) if tidy(part)]


_DATE_TOKEN = re.compile(
    r"(?P<circa>approximately\s+|circa\s+|approx\.?\s+)?"
    r"(?<![\d/])(?P<date>[\dA-Za-z]{1,2}/[\dA-Za-z]{1,2}/\d{4}|\d{1,2}/\d{4}|\d{1,2}\s+[A-Za-z]{3,9}\.?\s+\d{4}"
    r"|[A-Za-z]{3,9}\.?\s+\d{4}|\d{4})(?![\d/])",
    re.IGNORECASE,
)
_BETWEEN = re.compile(r"between\s+(\d{4})\s+and\s+(\d{4})", re.IGNORECASE)
_SEPARATORS = re.compile(r"^[\s,;/.]*$")


def birth_dates(text: str) -> tuple[list[PartialDate], str]:
    """The dates of birth a ``Date of Birth`` cell lists, and what of it is no date.

    ``19/06/1968`` (day first), ``06/1968``, ``1968``, ``5 May 1957``, ``April 1957``,
    ``Approximately 1960, 1966`` (each year circa), ``Between 1963 and 1968``; a
    placeholder part (``dd/mm/1968``, ``00/00/1968``) leaves the date a year.
    """
    text = text.replace("\xa0", " ")
    found: list[PartialDate] = []
    rest = text
    for span in _BETWEEN.finditer(text):
        first, last = int(span[1]), int(span[2])
        if last > first:
            found.append(PartialDate(first, until_year=last))
            rest = rest.replace(span[0], " ")
    circa_all = rest.strip().casefold().startswith(("approximately", "circa"))
    leftover = rest
    for token in _DATE_TOKEN.finditer(rest):
        value = token["date"]
        date = (
            numeric_date(value)
            if "/" in value
            else parse_date(re.sub(r"\s+", " ", value.replace(".", "")))
        )
        if date is None:
            continue
        if (token["circa"] or (circa_all and date.month is None)) and not date.circa:
            date = attrs.evolve(date, circa=True)
        if date not in found:
            found.append(date)
        leftover = leftover.replace(token[0], " ", 1)
    leftover = re.sub(r"\b(?:and|or)\b", " ", leftover, flags=re.IGNORECASE)
    return found, "" if _SEPARATORS.match(leftover) else tidy(leftover)


_LISTED = re.compile(
    r"\b(?:listed|designated)\b[^.;()]*?\bon:?\s+(\d{1,2}\s+[A-Za-z]{3,9}\.?,?\s+\d{4})",
    re.IGNORECASE,
)


def _listed_on(text: str) -> dt.date | None:
    """The day a ``Listing Information`` text says the listing was made, if it says."""
    found = _LISTED.search(text)
    if found is None:
        return None
    date = parse_date(re.sub(r"[.,]", "", found[1]))
    return date.earliest if date is not None and date.day is not None else None


def _address(text: str) -> list[Address]:
    """An address as DFAT writes it: parts joined with commas, the country last; a cell
    that is only countries ("India, Pakistan") is one address per country."""
    parts = [tidy(p) for p in text.split(",") if tidy(p)]
    codes = [country_by_name(p) for p in parts]
    if parts and all(codes):
        return [Address(country=code) for code in dict.fromkeys(codes)]
    country = codes[-1] if parts else None
    street = parts[:-1] if country else parts
    return [Address(street=", ".join(street) or None, country=country)]


def _countries(text: str) -> list[str]:
    """The countries a cell lists: ``a) ... b) ...``, or separated by commas, semicolons or
    "and" where the whole is no country ("Trinidad and Tobago" is one)."""
    found: list[str] = []
    for item in _items(text):
        for part in (tidy(p) for p in re.split(r"[,;]", item)):
            if not part:
                continue
            if country_by_name(part) is not None or " and " not in part:
                found.append(part)
            else:
                found.extend(tidy(p) for p in part.split(" and ") if tidy(p))
    return found


# --------------------------------------------------------------------------- reading


@frozen
class _Row:
    line: int
    reference: str
    base: str
    cells: dict[str, str]


_REFERENCE = re.compile(r"([0-9]{1,18})([A-Za-z]*)")


class _Reader:
    def __init__(self, builder: PartyBuilder, source: Source) -> None:
        self.builder = builder
        self.source = source
        self.regimes: dict[str, Regime] = {}
        self.instruments: dict[str, dict[str, None]] = {}
        self.control: list[dt.date] = []

    def listing(self, rows: list[_Row]) -> None:
        """The rows of one base reference: one designation."""
        primaries = [
            row for row in rows if row.cells.get("Name Type", "").casefold() == "primary name"
        ]
        first = primaries[0] if primaries else rows[0]
        facts = PartyFacts(key=first.base, line=first.line)
        if not primaries:
            reason = (
                f"reference {first.base} has no Primary Name row; its first name "
                f"({first.cells.get('Name of Individual or Entity', '')!r}) is taken as primary"
            )
            self.builder.doubt(facts, first.line, reason)
        ordered = [first, *(row for row in rows if row is not first)]
        for row in ordered:
            self.name(facts, row, primary=row is first)
        for column in HEADER[2:]:
            if column in {"Name Type", "Alias Strength"}:
                continue
            values: dict[str, int] = {}
            for row in ordered:
                value = row.cells.get(column)
                if value:
                    values.setdefault(value, row.line)
            for value, line in values.items():
                self.fact(facts, column, value, line)
        self.builder.party(facts)
        for row in ordered[1:]:
            self.builder.merge(first.base, row.line)

    def name(self, facts: PartyFacts, row: _Row, *, primary: bool) -> None:
        name = row.cells.get("Name of Individual or Entity", "")
        kind = row.cells.get("Name Type", "").casefold()
        if not name:
            self.builder.keep(facts, row.line, f"reference {row.reference}", "a row without a name")
            return
        if primary:
            facts.names.append(Name(name))
        elif kind == "alias":
            weak = row.cells.get("Alias Strength", "").casefold() == "weak"
            facts.names.append(Name(name, NameKind.AKA, weak=weak))
        elif kind in {"original script", "primary name"}:
            facts.names.append(Name(name, NameKind.AKA))
            if kind == "primary name":
                reason = (
                    f"a second Primary Name ({row.reference}) for {facts.key}; read as an alias"
                )
                self.builder.doubt(facts, row.line, reason)
                return
        else:
            facts.names.append(Name(name, NameKind.AKA))
            reason = f"Name Type {kind!r} is not Primary Name, Alias or Original Script"
            self.builder.doubt(facts, row.line, reason)
            return
        self.builder.read()

    def fact(self, facts: PartyFacts, column: str, value: str, line: int) -> None:  # noqa: C901, PLR0912 - one branch per column
        if column == "Type":
            if facts.kind is None:
                facts.kind = value.casefold()
                self.builder.read()
            else:
                self.builder.keep(facts, line, f"Type: {value}", "a second Type for one reference")
        elif column == "Date of Birth":
            self.born(facts, value, line)
        elif column == "Place of Birth":
            for place in _items(value):
                if place not in facts.birth_places:
                    facts.birth_places.append(place)
            self.builder.read()
        elif column == "Citizenship":
            self.citizenship(facts, value, line)
        elif column == "Address":
            for item in _items(value):
                for address in _address(item):
                    if address not in facts.addresses:
                        self.builder.address(facts, address)
        elif column == "Additional Information":
            if facts.remarks is None:
                facts.remarks = tidy(value)
            else:
                facts.information.append(tidy(value))
            self.builder.read()
        elif column == "Listing Information":
            self.listing_information(facts, value)
        elif column == "IMO Number":
            facts.identifiers.append(Identifier(kind="imo", value=value, note="IMO Number"))
            self.builder.read()
        elif column == "Committees":
            self.committee(facts, value)
        elif column == "Control Date":
            self.control_date(facts, value, line)
        elif column == "Instrument of Designation":
            self.instrument(facts, value)
        else:
            self.measure(facts, column, value, line)

    def born(self, facts: PartyFacts, value: str, line: int) -> None:
        day = iso_day(value) if len(value) == 10 else None  # noqa: PLR2004 - a date cell
        if day is not None:
            dates, rest = [period_date(day, day)], ""
        else:
            found, rest = birth_dates(value)
            dates = list(found)
        for date in dates:
            if date is not None and date not in facts.birth_dates:
                facts.birth_dates.append(date)
        if rest:
            reason = f"Date of Birth {value!r}: {rest!r} is no date; kept as text"
            self.builder.keep(facts, line, f"date of birth: {value}", reason)
        else:
            self.builder.read()

    def citizenship(self, facts: PartyFacts, value: str, line: int) -> None:
        for part in _countries(value):
            code = country_by_name(part)
            if code is None:
                reason = f"Citizenship {part!r} is not a country known here; kept as text"
                self.builder.keep(facts, line, f"citizenship: {part}", reason)
                continue
            if code not in facts.citizenships:
                facts.citizenships.append(code)
            self.builder.read()

    def listing_information(self, facts: PartyFacts, value: str) -> None:
        facts.notes.append(f"Listing information: {tidy(value)}")
        day = _listed_on(value)
        if day is not None:
            facts.listed.append(day)
        self.builder.read()

    def committee(self, facts: PartyFacts, value: str) -> None:
        found = program_of(value)
        self.regimes.setdefault(found.program, found)
        if found.program not in facts.programs:
            facts.programs.append(found.program)
        self.builder.read()

    def control_date(self, facts: PartyFacts, value: str, line: int) -> None:
        try:
            day = dt.date.fromisoformat(value)
        except ValueError:
            reason = f"Control Date {value!r} is not a date; kept as text"
            self.builder.keep(facts, line, f"control date: {value}", reason)
            return
        facts.notes.append(f"Control date: {day.isoformat()}")
        self.control.append(day)
        self.builder.read()

    def instrument(self, facts: PartyFacts, value: str) -> None:
        if not _NAMES_AN_ACT.search(value):  # "Listed on 2 May 2012": listing information
            self.listing_information(facts, value)
            return
        title = _instrument(value)
        facts.notes.append(f"Instrument of designation: {tidy(value)}")
        for program in facts.programs or ["?"]:
            self.instruments.setdefault(program, {})[title] = None
        self.builder.read()

    def measure(self, facts: PartyFacts, column: str, value: str, line: int) -> None:
        answer = {"1": "yes", "0": "no", "true": "yes", "false": "no"}.get(value.casefold())
        if answer is None:
            reason = f"{column} {value!r} is not 1 or 0; kept as text"
            self.builder.keep(facts, line, f"{column}: {value}", reason)
            return
        facts.notes.append(f"{column}: {answer}")
        self.builder.read()

    def records(self) -> tuple[list[Program], list[Authority]]:
        """A program record per committee or regime, with the instruments it names."""
        authorities: dict[str, Authority] = {}
        programs: list[Program] = []
        for regime in self.regimes.values():
            acts = [
                _authority(title, self.source) for title in self.instruments.get(regime.program, {})
            ]
            for act in acts:
                authorities.setdefault(act.id, act)
            programs.append(
                Program(
                    id=regime.program,
                    name=regime.name,
                    sources=(self.source.id,),
                    country=regime.country,
                    authorities=tuple(dict.fromkeys(a.id for a in acts)),
                    description=(
                        "Listings of Australia's Consolidated List under the committee or "
                        f"regime {regime.name.removeprefix('Australia: ')!r}; its authorities "
                        "are the instruments of designation the list names."
                    ),
                    verification=Verification(
                        status=VerificationStatus.VERIFIED,
                        verified=(
                            "the regime's and the instruments' names, as the file gives them",
                        ),
                    ),
                )
            )
        return programs, list(authorities.values())


def _text(value: CellValue, tidied: dict[str, str]) -> str:
    """A cell's value as text, its white space tidied (once per distinct text: the rows of
    one listing repeat the same long cells)."""
    if isinstance(value, dt.date):
        return value.isoformat()
    found = tidied.get(value)
    if found is None:
        found = tidied[value] = tidy(value)
    return found


def _grouped(builder: PartyBuilder, file: DfatFile) -> Iterable[list[_Row]]:
    """The data rows grouped by base reference, in the order of their first row; a row
    without a usable reference is rejected here."""
    rows = sheet_rows(file.path, file.display)
    header = next(rows, None)
    columns = _columns(header[1]) if header else None
    if columns is None:
        msg = f"{file.display}: the workbook's first row is not DFAT's header"
        raise SourceError(msg)
    groups: dict[str, list[_Row]] = {}
    tidied: dict[str, str] = {}
    for line, raw in rows:
        cells = {
            name: _text(raw[column], tidied) for name, column in columns.items() if column in raw
        }
        cells = {name: value for name, value in cells.items() if value}
        reference = cells.get("Reference", "")
        found = _REFERENCE.fullmatch(reference)
        if found is None:
            name = cells.get("Name of Individual or Entity")
            reason = (
                f"Reference {shortened(reference)!r} is not a number with an optional letter suffix"
            )
            builder.reject(line, reason, name)
            continue
        groups.setdefault(found[1], []).append(_Row(line, reference, found[1], cells))
    return groups.values()


def load_dfat(file: DfatFile) -> ListLoad:
    """Load DFAT's list: a designation per base reference, every row accounted for."""
    builder = PartyBuilder(file.display, FORMAT_NAME, facts="cells")
    source = file_source(LIST_ID, publisher=PUBLISHER, title=TITLE, file_name=file.name, url=URL)
    reader = _Reader(builder, source)
    for rows in _grouped(builder, file):
        reader.listing(rows)
    if not builder.rows:
        msg = f"{file.display}: DFAT's list holds no row"
        raise SourceError(msg)
    as_of = max(reader.control, default=None)
    source = attrs.evolve(source, published_on=as_of)
    loaded = builder.make_load(list_id=LIST_ID, title=TITLE, source=source, as_of=as_of)
    programs, authorities = reader.records()
    return attrs.evolve(
        loaded, program_records=tuple(programs), authority_records=tuple(authorities)
    )


FORMAT = ListFormat(name=FORMAT_NAME, lists={LIST_ID: TITLE}, recognise=recognise)
"""DFAT's list's format, for the registry."""
