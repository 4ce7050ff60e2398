"""HM Treasury's OFSI Consolidated List in its CSV form (``ConList.csv``), plain, gzipped or
zipped: the UK's list of financial sanctions targets until the UK Sanctions List replaced
it (28 January 2026).

The file's first line is ``Last Updated,<day>`` (day first), the second the header; then
one row per name of a target, and more: the file repeats a target's row for each of its
dates of birth and addresses (group 8693, one person, is 80 rows). The rows of one target
share a ``Group ID``; each group becomes one designation ``uk-ofsi:<Group ID>`` with every
distinct name ("Prime Alias" the primary, "AKA"/"FKA" the others), date of birth, place,
nationality, document, address and regime of its rows. Every row is accounted for: made
(part of its group's designation) or rejected with its line and reason. How each column
maps to a field is in ``docs/uk.md``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Final

import attrs
from attrs import frozen

from sanctions_tracker.errors import SourceError
from sanctions_tracker.records import (
    FileAccount,
    Identifier,
    Name,
    NameKind,
    Program,
    RowProblem,
    Source,
    Verification,
    VerificationStatus,
)
from sanctions_tracker.sources._dates import numeric_date, numeric_day
from sanctions_tracker.sources._files import FileHead, read_text
from sanctions_tracker.sources._lists import ListFormat, ListLoad, WholeList, csv_rows
from sanctions_tracker.sources._names import joined, script_of
from sanctions_tracker.sources._parties import PartyBuilder, PartyFacts, tidy
from sanctions_tracker.sources._places import country_by_name, make_address, nationality_country
from sanctions_tracker.sources._problems import ProblemLog, account_fields
from sanctions_tracker.sources._references import UN_REFERENCE, un_listing, un_misfit
from sanctions_tracker.sources._xml import XmlHead

__all__ = ["FORMAT", "FORMAT_NAME", "LIST_ID", "TITLE", "OfsiFile", "load_ofsi", "recognise"]

LIST_ID = "uk-ofsi"
TITLE = "OFSI Consolidated List of Financial Sanctions Targets (UK)"
PUBLISHER = "HM Treasury, Office of Financial Sanctions Implementation (UK)"
URL = "https://ofsistorage.blob.core.windows.net/publishlive/ConList.csv"
FORMAT_NAME = "OFSI Consolidated List CSV"

_FIRST_LINE = re.compile(r"^\W*Last Updated,")
_NAME_COLUMNS: Final = ("Name 1", "Name 2", "Name 3", "Name 4", "Name 5", "Name 6")
_STREET_COLUMNS: Final = ("Address 1", "Address 2", "Address 3", "Address 4", "Address 5")
_ALIAS_TYPES: Final = {"prime alias": NameKind.PRIMARY, "aka": NameKind.AKA, "fka": NameKind.FKA}
_KINDS: Final = {"individual": "individual", "entity": "entity", "ship": "vessel"}
_READ: Final = frozenset(
    {
        *_NAME_COLUMNS,
        *_STREET_COLUMNS,
        "Title",
        "DOB",
        "Town of Birth",
        "Country of Birth",
        "Nationality",
        "Passport Details",
        "NI Number",
        "Position",
        "Address 6",
        "Post/Zip Code",
        "Country",
        "Other Information",
        "Group Type",
        "Alias Type",
        "Regime",
        "Listed On",
        "Last Updated",
        "Group ID",
    }
)
"""The columns read; any other column's values are kept as text."""
_MARKER = re.compile(r"\(?(\d{1,2}|[a-h])\)(?:\s*(?:-|to)\s*\(?(\d{1,2}|[a-h])\))?\s*")
"""A numbered item in a cell: ``(1)``, ``1)``, ``a)``, ``(1)-(2)``, ``(1) to (6)``."""
_UN_REF = re.compile(
    r"UN\s*Ref(?:erence)?(?:\s*No\.?)?\s*[:.]?\s*(" + UN_REFERENCE.pattern + ")", re.IGNORECASE
)
_NUMBER = re.compile(r"[A-Z]{0,3}\d[\dA-Z/.\-]{2,}", re.IGNORECASE)


def _index(marker: str) -> int:
    return int(marker) if marker.isdigit() else ord(marker) - ord("a") + 1


def numbered(text: str) -> list[tuple[frozenset[int], str]]:
    """The items of a cell that numbers them (``(1) Afghan (2) Pakistani``), each with the
    numbers it has (``(1)-(2) Tunisia`` is 1 and 2); a cell that numbers nothing is one
    item with no number."""
    text = " ".join(text.split())
    found = list(_MARKER.finditer(text))
    if not found or found[0].start() != 0:
        return [(frozenset(), text.strip(" ,;."))] if text.strip(" ,;.") else []
    items = []
    for at, marker in enumerate(found):
        end = found[at + 1].start() if at + 1 < len(found) else len(text)
        value = text[marker.end() : end].strip(" ,;.")
        first = _index(marker[1])
        last = _index(marker[2]) if marker[2] else first
        if value:
            items.append((frozenset(range(first, max(first, last) + 1)), value))
    return items


@frozen
class OfsiFile(WholeList):
    """A file recognised as OFSI's ConList CSV (``updated``: its Last Updated cell)."""

    path: Path
    display: str
    updated: str | None = None

    group = LIST_ID

    def read(self) -> ListLoad:
        """Read the file."""
        return load_ofsi(self)


def recognise(head: FileHead, xml: XmlHead | None) -> OfsiFile | None:
    """The file as OFSI's ConList, if its first line is ``Last Updated,<day>``."""
    if xml is not None or not head.data:
        return None
    line = head.first_line()
    if _FIRST_LINE.search(line) is None:
        return None
    cells = line.split(",")
    return OfsiFile(head.path, head.display, cells[1].strip() if len(cells) > 1 else None)


def list_source(file_name: str, published_on: dt.date | None) -> Source:
    """The citation of a ConList file."""
    return Source(
        id=f"src-{LIST_ID}:{file_name}",
        publisher=PUBLISHER,
        title=f"{TITLE} ({file_name})",
        url=URL,
        published_on=published_on,
        verification=Verification(
            status=VerificationStatus.VERIFIED,
            verified=("records read from the list file as published",),
        ),
    )


def program_id(regime: str) -> str:
    """The program of a ConList regime: ``Afghanistan`` -> ``UK-OFSI-AFGHANISTAN``."""
    return "UK-OFSI-" + (re.sub(r"[^A-Za-z0-9]+", "-", regime).strip("-").upper() or "REGIME")


# --------------------------------------------------------------------------- a group


class _Group:
    """The rows of one Group ID, read into one party's facts."""

    def __init__(self, builder: PartyBuilder, facts: PartyFacts) -> None:
        self.builder = builder
        self.facts = facts
        self.seen: set[tuple[str, str]] = set()

    def first(self, column: str, value: str) -> bool:
        """Whether a column's value is met for the first time in the group."""
        key = (column, value)
        if key in self.seen:
            return False
        self.seen.add(key)
        return True

    def row(self, line: int, cells: dict[str, str], regimes: dict[str, str]) -> None:
        facts = self.facts
        for column, value in cells.items():
            if value and self.first(column, value):
                self.cell(line, column, value, cells, regimes)
        if self.first(
            "name", joined(cells.get(c) for c in _NAME_COLUMNS) + cells.get("Alias Type", "")
        ):
            self.name(line, cells)
        street = ", ".join(cells[c] for c in _STREET_COLUMNS if cells.get(c))
        address = (
            street,
            cells.get("Address 6", ""),
            cells.get("Post/Zip Code", ""),
            cells.get("Country", ""),
        )
        if any(address) and self.first("address", "|".join(address)):
            self.address(line, *address)
        birth = (cells.get("Town of Birth", ""), cells.get("Country of Birth", ""))
        if any(birth) and self.first("birth", "|".join(birth)):
            for place in _places(*birth):
                if place not in facts.birth_places:
                    facts.birth_places.append(place)
            self.builder.read()

    def cell(  # noqa: C901, PLR0912, PLR0915 - one branch per column, each short
        self, line: int, column: str, value: str, cells: dict[str, str], regimes: dict[str, str]
    ) -> None:
        facts, builder = self.facts, self.builder
        if column == "DOB":
            born = numeric_date(value)
            if born is None:
                builder.keep(facts, line, f"date of birth {value}", f"DOB {value!r} cannot be read")
            elif born not in facts.birth_dates:
                facts.birth_dates.append(born)
                builder.read()
        elif column == "Nationality":
            self.nationalities(line, value)
        elif column in {"Title", "Position"}:
            if value not in facts.positions:
                facts.positions.append(value)
            builder.read()
        elif column == "Passport Details":
            self.documents(line, "passport", value)
        elif column == "NI Number":
            self.documents(line, "national-id", value)
        elif column == "Other Information":
            facts.remarks = f"{facts.remarks}; {value}" if facts.remarks else value
            builder.read()
            kind = _KINDS.get(cells.get("Group Type", "").casefold())
            for written in _UN_REF.findall(value):
                reference = written[:2].upper() + written[2].lower() + written[3:]  # KPI.067
                found = un_listing(reference)
                misfit = un_misfit(reference, kind)
                if misfit is not None:
                    builder.keep(facts, line, f"UN reference {reference}", misfit)
                elif found is not None and found not in facts.elsewhere:
                    facts.elsewhere.append(found)
                    facts.identifiers.append(Identifier("un-reference", reference))
                    builder.read()
        elif column == "Group Type":
            kind = _KINDS.get(value.casefold())
            if facts.kind is not None and kind != facts.kind:
                reason = f"Group Type {value!r} differs from the group's first ({facts.kind})"
                builder.keep(facts, line, f"group type: {value}", reason)
                return
            facts.kind = kind or value
            if kind is None:
                builder.doubt(facts, line, f"Group Type {value!r} is not Individual or Entity")
            else:
                builder.read()
        elif column == "Regime":
            program = program_id(value)
            regimes.setdefault(program, value)
            if program not in facts.programs:
                facts.programs.append(program)
            builder.read()
        elif column == "Listed On":
            day = numeric_day(value)
            if day is None:
                builder.keep(
                    facts, line, f"listed on {value}", f"Listed On {value!r} is not a date"
                )
                return
            facts.listed.append(day)
            if cells.get("Regime"):
                facts.notes.append(f"listed on {day} under {cells['Regime']}")
            builder.read()
        elif column == "Last Updated":
            day = numeric_day(value)
            facts.notes.append(f"last updated on the OFSI list on {day or value}")
            builder.read()
        elif column not in _READ:
            reason = f"column {column!r} is not one this loader reads; kept as text"
            builder.keep(facts, line, f"{column}: {value}", reason)

    def name(self, line: int, cells: dict[str, str]) -> None:
        full = joined(cells.get(c) for c in _NAME_COLUMNS)
        if not full:
            return
        alias_type = cells.get("Alias Type", "").casefold()
        kind = _ALIAS_TYPES.get(alias_type, NameKind.AKA)
        if kind is NameKind.PRIMARY and any(n.kind is NameKind.PRIMARY for n in self.facts.names):
            kind = NameKind.AKA  # a second prime alias (a spelling of the first): an a.k.a.
        name = Name(full, kind, script=script_of(full))
        if all(n.full != full for n in self.facts.names) or kind is NameKind.PRIMARY:
            if kind is NameKind.PRIMARY:
                self.facts.names.insert(0, name)
            else:
                self.facts.names.append(name)
        if alias_type in _ALIAS_TYPES:
            self.builder.read()
        else:
            reason = f"Alias Type {cells.get('Alias Type')!r} is not known; read as an a.k.a."
            self.builder.doubt(self.facts, line, reason)

    def nationalities(self, line: int, value: str) -> None:
        for _, item in numbered(value):
            code = nationality_country(item)
            if code is None:
                reason = f"nationality {item!r} is not a country known here; kept as text"
                self.builder.keep(self.facts, line, f"nationality: {item}", reason)
                continue
            if code not in self.facts.nationalities:
                self.facts.nationalities.append(code)
            self.builder.read()

    def documents(self, line: int, kind: str, value: str) -> None:
        for _, item in numbered(value):
            found = _NUMBER.search(item)
            if found is None:
                reason = f"a {kind} without a number ({item!r}); kept as text"
                self.builder.keep(self.facts, line, f"{kind}: {item}", reason)
                continue
            note = None if item == found[0] else item
            self.facts.identifiers.append(Identifier(kind, found[0], note=note))
            self.builder.read()

    def address(self, line: int, street: str, city: str, postal: str, country: str) -> None:
        name = country.partition(" (")[0].strip()
        code = country_by_name(name) if name else None
        parts = [("address1", street), ("city", city), ("postal code", postal)]
        address = make_address(parts, code, None if code else country or None)
        if code and country != name:
            note = country[len(name) :].strip()
            address = attrs.evolve(
                address, remarks="; ".join(filter(None, (address.remarks, note)))
            )
        if country and code is None:
            self.facts.addresses.append(address)
            reason = f"address country {country!r} is not a country known here; in its remarks"
            self.builder.doubt(self.facts, line, reason)
            return
        self.builder.address(self.facts, address)


def _places(towns: str, countries: str) -> list[str]:
    """Places of birth: the numbered towns with the countries of the same numbers."""
    town_items, country_items = numbered(towns), numbered(countries)
    if not town_items:
        return [country for _, country in country_items]
    places = []
    for numbers, town in town_items:
        matching = [c for n, c in country_items if not n or not numbers or n & numbers]
        places.append(", ".join([town, *matching[:1]]))
    return places


# --------------------------------------------------------------------------- the file


class _GroupKey:
    """The Group ID of a line that is plainly a row of the list on its own (every column,
    a number for its Group ID), once the header is read: how the CSV reader tells a quoted
    cell left open from one that spans lines."""

    def __init__(self) -> None:
        self.width = 0
        self.at = 0

    def read(self, header: Sequence[str]) -> None:
        self.width, self.at = len(header), list(header).index("Group ID")

    def __call__(self, cells: list[str]) -> str | None:
        if not self.width or len(cells) != self.width:
            return None
        key = cells[self.at].strip()
        return key if key.isdigit() else None


def _rows(file: OfsiFile, text: str, rejected: ProblemLog) -> Iterable[tuple[int, dict[str, str]]]:
    """The data rows, each as {column: value}, with its line; the first two lines are the
    date line and the header."""

    def unreadable(line: int, reason: str, key: str | None) -> None:
        rejected.append(RowProblem(file.display, line, reason, key))

    header: Sequence[str] | None = None
    tidied: dict[str, str] = {}  # the rows of a group repeat their cells: each tidied once
    row_key = _GroupKey()
    for line, row in csv_rows(text, unreadable, row_key=row_key):
        if header is None:
            if row and row[0].strip().lstrip("\ufeff").startswith("Last Updated"):
                continue
            header = [cell.strip() for cell in row]
            if "Group ID" not in header:
                msg = f"{file.display}: line {line}: the header has no 'Group ID' column"
                raise SourceError(msg)
            row_key.read(header)
            continue
        if len(row) != len(header):
            reason = f"{len(row)} cells where the header has {len(header)}"
            rejected.append(RowProblem(file.display, line, reason))
            continue
        cells = {}
        for name, cell in zip(header, row, strict=True):
            value = tidied.get(cell)
            if value is None:
                value = tidied[cell] = tidy(cell)
            cells[name] = value
        yield line, cells


def load_ofsi(file: OfsiFile) -> ListLoad:
    """Load the ConList into one designation per group, and its account."""
    builder = PartyBuilder(file.display, FORMAT_NAME, facts="cells")
    problems = ProblemLog()  # rows that could not be read, then groups not made
    groups: dict[str, tuple[_Group, list[int]]] = {}
    regimes: dict[str, str] = {}
    rows = without_group = 0
    for line, cells in _rows(file, read_text(file.path, file.display), problems):
        rows += 1
        key = cells.get("Group ID", "")
        if not key:
            problems.append(RowProblem(file.display, line, "a row without a Group ID"))
            without_group += 1
            continue
        if key not in groups:
            groups[key] = (_Group(builder, PartyFacts(key=key, line=line)), [])
        group, lines = groups[key]
        lines.append(line)
        group.row(line, cells, regimes)
    for group, _ in groups.values():
        builder.party(group.facts)
    as_of = numeric_day(file.updated)
    source = list_source(file.path.name, as_of)
    loaded = builder.make_load(list_id=LIST_ID, title=TITLE, source=source, as_of=as_of)
    unread = len(problems) - without_group  # rows _rows could not read
    made_ids = {d.id.removeprefix(f"{LIST_ID}:") for d in loaded.designations}
    made_rows = 0
    for key, (_, lines) in groups.items():
        if key in made_ids:
            made_rows += len(lines)
            continue
        reason = next(
            (p.reason for p in builder.rejected if p.key == key), "the group was not made"
        )
        problems.extend(
            RowProblem(file.display, line, f"group {key}: {reason}", key) for line in lines
        )
    (account,) = loaded.accounts
    account = FileAccount(
        file=account.file,
        format=account.format,
        rows_read=rows + unread,
        records_made=made_rows,
        **account_fields(rejected=problems),
        remark_segments=account.remark_segments,
        remark_segments_parsed=account.remark_segments_parsed,
        unparsed_remarks=account.unparsed_remarks,
        unparsed_beyond=account.unparsed_beyond,
        facts=account.facts,
    )
    programs = tuple(
        Program(
            id=program,
            name=f"UK (OFSI): {regime}",
            sources=(source.id,),
            country=country_by_name(regime.partition(" (")[0]),
            description=f"Targets of OFSI's Consolidated List under the regime {regime!r}.",
            verification=Verification(
                status=VerificationStatus.PARTLY_VERIFIED,
                verified=("the regime's name as the list file gives it",),
                unverified=("the file names no legal act for the regime",),
            ),
        )
        for program, regime in regimes.items()
    )
    if not rows and not unread:
        msg = f"{file.display}: the list holds no rows"
        raise SourceError(msg)
    return attrs.evolve(loaded, accounts=(account,), program_records=programs)


FORMAT = ListFormat(name=FORMAT_NAME, lists={LIST_ID: TITLE}, recognise=recognise)
"""OFSI's ConList CSV, for the registry."""
