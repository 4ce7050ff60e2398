"""The US Consolidated Screening List (trade.gov's ``consolidated.csv``).

One CSV with a header row of 29 columns (``_id, source, entity_number, type, programs,
name, ...``) that gathers thirteen lists of three agencies: Commerce/BIS (Entity List,
Denied Persons List, Unverified List, Military End User List), State (Nonproliferation
Sanctions, ITAR Debarred) and Treasury/OFAC (SDN, SSI, PLC, CMIC, NS-MBS, FSE, CAPTA).
Multi-valued cells are ``"; "``-separated. The file is recognised by its header, plain or
gzipped.

Each row becomes a :class:`~sanctions_tracker.Designation` on the list of its ``source``
column: the BIS and State lists have ids of their own (``us-bis-entity-list:<_id>``),
and the rows copied from OFAC's lists take OFAC's ids (``us-ofac-sdn:<entity_number>``,
``us-ofac-cons:<entity_number>`` for the non-SDN lists), so that they are the records the
OFAC loaders make. When the same load has an OFAC list's own file, that file is the
primary source: :func:`leave_out` drops the CSL's copies of that list and counts them in
the account. Every row is made a record, rejected, or left out, with its line and the
reason (``docs/csl.md``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import attrs
from attrs import frozen

from sanctions_tracker.records import (
    Address,
    Designation,
    DesignationStatus,
    FileAccount,
    Identifier,
    Name,
    NameKind,
    Origin,
    PartialDate,
    Party,
    PartyKind,
    RowProblem,
    Source,
    Verification,
    VerificationStatus,
    VesselInfo,
    is_valid_id,
)
from sanctions_tracker.sources._dates import parse_date
from sanctions_tracker.sources._files import FileHead, read_text
from sanctions_tracker.sources._lists import ListFormat, ListLoad, WholeList, csv_rows
from sanctions_tracker.sources._ofac_common import LISTS as OFAC_LISTS
from sanctions_tracker.sources._places import country_by_name, us_by_state_and_zip
from sanctions_tracker.sources._problems import ProblemLog, account_fields, with_more
from sanctions_tracker.sources.ofac_remarks import parse_remarks

if TYPE_CHECKING:
    from sanctions_tracker.sources._xml import XmlHead

__all__ = [
    "CSL_ID",
    "FORMAT",
    "FORMAT_NAME",
    "HEADER",
    "SOURCE_LISTS",
    "TITLE",
    "CslFile",
    "SourceList",
    "leave_out",
    "load_csl",
    "recognise",
    "source_list",
]

CSL_ID = "us-csl"
TITLE = "Consolidated Screening List (trade.gov)"
URL = "https://api.trade.gov/static/consolidated_screening_list/consolidated.csv"
PUBLISHER = "U.S. Department of Commerce, International Trade Administration (trade.gov)"
FORMAT_NAME = "trade.gov Consolidated Screening List CSV"

HEADER = (
    "_id",
    "source",
    "entity_number",
    "type",
    "programs",
    "name",
    "title",
    "addresses",
    "federal_register_notice",
    "start_date",
    "end_date",
    "standard_order",
    "license_requirement",
    "license_policy",
    "call_sign",
    "vessel_type",
    "gross_tonnage",
    "gross_registered_tonnage",
    "vessel_flag",
    "vessel_owner",
    "remarks",
    "source_list_url",
    "alt_names",
    "citizenships",
    "dates_of_birth",
    "nationalities",
    "places_of_birth",
    "source_information_url",
    "ids",
)
_WIDTH = len(HEADER)
_HEADER_TEXT = ",".join(HEADER).encode()


@frozen
class SourceList:
    """One of the lists the CSL gathers: how its ``source`` cell reads, and what we make of it.

    ``program`` is the program given to every row of a BIS or State list (their rows name
    none, or statutes rather than OFAC tags); OFAC's lists have their own tags and none.
    """

    source: str
    code: str
    list_id: str
    title: str
    agency: str
    program: str | None = None

    @property
    def ofac(self) -> bool:
        """Whether the list is one of OFAC's (its rows are copies of an OFAC list file)."""
        return self.program is None


_BIS = "U.S. Department of Commerce, Bureau of Industry and Security"
_STATE = "U.S. Department of State"
_OFAC = "U.S. Department of the Treasury, Office of Foreign Assets Control"


def _ofac(source: str, code: str, list_id: str) -> SourceList:
    return SourceList(source, code, list_id, source.rsplit(" - ", 1)[0], _OFAC)


SOURCE_LISTS = {
    s.code: s
    for s in (
        SourceList(
            "Entity List (EL) - Bureau of Industry and Security",
            "EL",
            "us-bis-entity-list",
            "Entity List",
            _BIS,
            "US-BIS-ENTITY-LIST",
        ),
        SourceList(
            "Denied Persons List (DPL) - Bureau of Industry and Security",
            "DPL",
            "us-bis-dpl",
            "Denied Persons List",
            _BIS,
            "US-BIS-DPL",
        ),
        SourceList(
            "Unverified List (UVL) - Bureau of Industry and Security",
            "UVL",
            "us-bis-uvl",
            "Unverified List",
            _BIS,
            "US-BIS-UVL",
        ),
        SourceList(
            "Military End User (MEU) List - Bureau of Industry and Security",
            "MEU",
            "us-bis-meu",
            "Military End User List",
            _BIS,
            "US-BIS-MEU",
        ),
        SourceList(
            "Nonproliferation Sanctions (ISN) - State Department",
            "ISN",
            "us-state-isn",
            "Nonproliferation Sanctions",
            _STATE,
            "US-STATE-ISN",
        ),
        SourceList(
            "ITAR Debarred (DTC) - State Department",
            "DTC",
            "us-state-dtc",
            "ITAR Debarred",
            _STATE,
            "US-STATE-DTC",
        ),
        _ofac("Specially Designated Nationals (SDN) - Treasury Department", "SDN", "us-ofac-sdn"),
        _ofac(
            "Sectoral Sanctions Identifications List (SSI) - Treasury Department",
            "SSI",
            "us-ofac-cons",
        ),
        _ofac(
            "Palestinian Legislative Council List (PLC) - Treasury Department",
            "PLC",
            "us-ofac-cons",
        ),
        _ofac(
            "Non-SDN Chinese Military-Industrial Complex Companies List (CMIC) "
            "- Treasury Department",
            "CMIC",
            "us-ofac-cons",
        ),
        _ofac(
            "Non-SDN Menu-Based Sanctions List (NS-MBS List) - Treasury Department",
            "NS-MBS List",
            "us-ofac-cons",
        ),
        _ofac("Foreign Sanctions Evaders (FSE) - Treasury Department", "FSE", "us-ofac-cons"),
        _ofac("Capta List (CAP) - Treasury Department", "CAP", "us-ofac-cons"),
    )
}
"""The source lists by the code in parentheses in their ``source`` cell (``EL``, ``SDN``)."""

_CODE = re.compile(r"\(([^()]+)\)")


def source_list(cell: str) -> SourceList | None:
    """The source list a ``source`` cell names (by the code in parentheses), if known."""
    match = _CODE.search(cell)
    return SOURCE_LISTS.get(match[1].strip()) if match else None


@frozen
class CslFile(WholeList):
    """A file recognised as the Consolidated Screening List by its header, not read yet."""

    path: Path
    display: str

    group = CSL_ID

    def read(self) -> ListLoad:
        """Read the file."""
        return load_csl(self)


def recognise(head: FileHead, xml: XmlHead | None) -> CslFile | None:
    """The file as the CSL (its first line is the CSL's header), or None if it is not."""
    if xml is not None or not head.data.removeprefix(b"\xef\xbb\xbf").startswith(_HEADER_TEXT):
        return None
    return CslFile(path=head.path, display=head.display)


# --------------------------------------------------------------------------- cells


def _split(cell: str) -> list[str]:
    """The values of a ``"; "``-separated cell, stripped, blanks dropped."""
    return [v for v in (p.strip() for p in cell.split(";")) if v] if cell else []


def _items(cell: str) -> list[str]:
    """The values of a cell that BIS writes as an English list (``a; b; and c``)."""
    return [v.removeprefix("and ").strip() for v in _split(cell)]


_ISO = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def _partial_date(text: str, column: str) -> PartialDate:
    """A date as the CSL writes it: ``1962``, ``1980-02``, ``1980-02-08`` (or OFAC's way)."""
    match = _ISO.fullmatch(text)
    try:
        if match is not None:
            year, month, day = match.groups()
            return PartialDate(int(year), int(month) if month else None, int(day) if day else None)
    except ValueError:
        pass
    found = parse_date(text)
    if found is None:
        msg = f"{column}: not a date: {text!r}"
        raise ValueError(msg)
    return found


def _date(text: str, column: str) -> PartialDate | None:
    """A full day (``start_date``, ``end_date``); None for an empty cell."""
    if not text:
        return None
    found = _partial_date(text, column)
    if found.day is None:
        msg = f"{column}: expected a day like 2023-10-31, got {text!r}"
        raise ValueError(msg)
    return found


def _country(text: str, column: str) -> str:
    code = text if len(text) == 2 and text.isupper() else None  # noqa: PLR2004 - ISO alpha-2
    code = country_by_name(code or text)
    if code is None:
        msg = f"{column}: unknown country {text!r}"
        raise ValueError(msg)
    return code


def _is_code(text: str) -> str | None:
    """The country code a last address part is (``CN``), if it is one."""
    if len(text) == 2 and text.isalpha() and text.isupper():  # noqa: PLR2004 - ISO alpha-2
        return country_by_name(text)
    return None


_HAS_DIGIT = re.compile(r"\d")
_POSTAL_MAX = 12


def address(text: str) -> Address:
    """An address as the CSL joins it: ``street, city, state, postal code, CC``.

    The parts are joined with commas and any may be missing, so the split is a best
    guess from the end: a last part that is an ISO code is the country (a country name
    just before it, the same country, is dropped), and so is a last part that is a
    country's name (BIS puts the code on the last of several addresses only); then a
    short part with a digit is the postal code, a part of two capitals (``TX``) the
    state; the next part is the city and the rest the street. Nothing else is dropped.
    With no country given, a US state code followed by a ZIP code is in the US.
    """
    parts = [p.strip() for p in text.split(",") if p.strip()]
    country = _is_code(parts[-1]) if parts else None
    if country is not None:
        parts.pop()
        if parts and country_by_name(parts[-1]) == country:
            parts.pop()
    elif len(parts) > 1:
        country = country_by_name(parts[-1])  # a country by name: "..., Hebei, China"
        if country is not None:
            parts.pop()
    postal = region = city = None
    if len(parts) > 1 and len(parts[-1]) <= _POSTAL_MAX and _HAS_DIGIT.search(parts[-1]):
        postal = parts.pop()
    if len(parts) > 1 and len(parts[-1]) == 2 and parts[-1].isalpha() and parts[-1].isupper():  # noqa: PLR2004
        region = parts.pop()
    if parts:
        city = parts.pop()
    if country is None and us_by_state_and_zip(region, postal):
        country = "US"  # "..., EL PASO, TX, 79905": the DPL gives no country for US addresses
    street = ", ".join(parts) or None
    return Address(street=street, city=city, region=region, postal_code=postal, country=country)


# --------------------------------------------------------------------------- account


class _Account:
    def __init__(self, display: str) -> None:
        self.display = display
        self.rows = 0
        self.made = 0
        self.rejected = ProblemLog()
        self.left_out = ProblemLog()
        self.segments = 0
        self.parsed = 0
        self.unparsed = ProblemLog()

    def close(self) -> FileAccount:
        return FileAccount(
            file=self.display,
            format=FORMAT_NAME,
            rows_read=self.rows,
            records_made=self.made,
            **account_fields(rejected=self.rejected, left_out=self.left_out),
            remark_segments=self.segments,
            remark_segments_parsed=self.parsed,
            unparsed_remarks=self.unparsed.kept(),
            unparsed_beyond=self.unparsed.beyond,
            facts="ids items",
        )


def _rows(file: CslFile, text: str, account: _Account) -> Iterator[tuple[int, list[str]]]:
    """The data rows with their first line; the header, repeated headers and rows of
    the wrong width are accounted for here."""
    header = list(HEADER)

    def unreadable(line: int, reason: str, key: str | None) -> None:
        account.rows += 1
        account.rejected.append(RowProblem(file.display, line, reason, key))

    def row_key(cells: list[str]) -> str | None:
        """The _id of a line that is plainly a row of the list on its own."""
        if len(cells) != _WIDTH or [cell.strip() for cell in cells] == header:
            return None
        return cells[0].strip() or None

    rows = csv_rows(text, unreadable, row_key=row_key)
    next(rows, None)  # the header, which recognise() checked
    for start, row in rows:
        account.rows += 1
        if [cell.strip() for cell in row] == header:
            account.left_out.append(
                RowProblem(file.display, start, "a repeated header row (not data)")
            )
        elif len(row) != _WIDTH:
            reason = f"expected {_WIDTH} columns, got {len(row)}"
            account.rejected.append(RowProblem(file.display, start, reason, row[0].strip() or None))
        else:
            yield start, row


# --------------------------------------------------------------------------- building

_KINDS = {
    "individual": PartyKind.INDIVIDUAL,
    "entity": PartyKind.ENTITY,
    "vessel": PartyKind.VESSEL,
    "aircraft": PartyKind.AIRCRAFT,
}

_VERIFIED = Verification(
    status=VerificationStatus.VERIFIED, verified=("as published in the list file",)
)


def _list_source(listed: SourceList, url: str, file_name: str) -> Source:
    return Source(
        id=f"src-{CSL_ID}:{file_name}:{listed.code.replace(' ', '-')}",
        publisher=listed.agency,
        title=f"{listed.title}, as gathered in the {TITLE} ({file_name})",
        url=url or None,
        verification=Verification(
            status=VerificationStatus.VERIFIED,
            verified=("the list's name and URL as the file gives them",),
        ),
    )


class _Builder:
    def __init__(self, file: CslFile, account: _Account) -> None:
        self.file = file
        self.account = account
        self.source = Source(
            id=f"src-{CSL_ID}:{file.path.name}",
            publisher=PUBLISHER,
            title=f"{TITLE} ({file.path.name})",
            url=URL,
            verification=Verification(
                status=VerificationStatus.VERIFIED,
                verified=("records read from the list file as published",),
            ),
        )
        self.list_sources: dict[tuple[str, str], Source] = {}
        self.ends: dict[str, dt.date] = {}

    def _cited(self, listed: SourceList, url: str) -> tuple[str, ...]:
        key = (listed.code, url)
        found = self.list_sources.get(key)
        if found is None:
            found = _list_source(listed, url, self.file.path.name)
            if any(s.id == found.id for s in self.list_sources.values()):  # a second URL
                found = attrs.evolve(found, id=f"{found.id}-{len(self.list_sources)}")
            self.list_sources[key] = found
        return (self.source.id, found.id)

    def _ids(self, cell: str, line: int, key: str) -> tuple[list[Identifier], list[str], list[str]]:
        """Identifiers, sanctions notes and other facts from the ``ids`` cell.

        Each ``"Type, value, CC"`` item is read by the OFAC remarks parser as the segment
        ``"Type value"`` (so identifier kinds are its kinds), with the country code added.
        """
        identifiers: list[Identifier] = []
        notes: list[str] = []
        other: list[str] = []
        for item in _split(cell):
            label, _, rest = item.partition(",")
            parts = [p.strip() for p in rest.split(",")]
            country = _is_code(parts[-1]) if len(parts) > 1 else None
            if country is not None:
                parts.pop()
            value = ", ".join(p for p in parts if p)
            parsed = parse_remarks(f"{label.strip()} {value}".strip())
            self.account.segments += 1
            if parsed.unparsed or not parsed.segments:
                self.account.unparsed.append(RowProblem(self.file.display, line, item, key))
                other.append(item)
                continue
            self.account.parsed += 1
            identifiers.extend(
                attrs.evolve(i, country=country) if country and i.country is None else i
                for i in parsed.identifiers
            )
            notes.extend(parsed.sanctions_notes)
            other.extend(parsed.other)
            if parsed.gender:
                other.append(f"Gender: {parsed.gender}")
        return identifiers, notes, other

    def designation(self, line: int, row: list[str]) -> Designation:
        """The designation of one row; ValueError says why a row cannot be one."""
        cells = dict(zip(HEADER, (c.strip() for c in row), strict=True))
        listed = source_list(cells["source"])
        if listed is None:
            msg = f"unknown source list {cells['source']!r}"
            raise ValueError(msg)
        key = cells["entity_number"] if listed.ofac else cells["_id"]
        if not key or not is_valid_id(key):
            column = "entity_number" if listed.ofac else "_id"
            msg = f"{column} is not a usable id: {key!r}"
            raise ValueError(msg)
        name = cells["name"]
        if not name:
            msg = "the name is empty"
            raise ValueError(msg)
        programs, notes = self._programs(listed, cells)
        identifiers, id_notes, other = self._ids(cells["ids"], line, key)
        vessel = _vessel(cells)
        party = Party(
            kind=_kind(cells, vessel),
            names=(Name(name), *(Name(a, NameKind.AKA) for a in _items(cells["alt_names"]))),
            birth_dates=tuple(
                _partial_date(d, "dates_of_birth") for d in _split(cells["dates_of_birth"])
            ),
            birth_places=tuple(_split(cells["places_of_birth"])),
            nationalities=tuple(
                dict.fromkeys(_country(c, "nationalities") for c in _split(cells["nationalities"]))
            ),
            citizenships=tuple(
                dict.fromkeys(_country(c, "citizenships") for c in _split(cells["citizenships"]))
            ),
            positions=(cells["title"],) if cells["title"] else (),
            identifiers=tuple(identifiers),
            addresses=tuple(address(a) for a in _items(cells["addresses"])),
            vessel=vessel,
            information=tuple(other),
            remarks=cells["remarks"] or None,
        )
        start = _date(cells["start_date"], "start_date")
        end = _date(cells["end_date"], "end_date")
        listed_on = start.earliest if start else None
        if end is not None:
            notes.append(f"End date: {end}")
            self.ends[f"{listed.list_id}:{key}"] = end.earliest
        return Designation(
            id=f"{listed.list_id}:{key}",
            list_id=listed.list_id,
            party=party,
            programs=programs,
            sources=self._cited(listed, cells["source_list_url"]),
            listed_on=listed_on,
            status=DesignationStatus.ACTIVE,
            notes=(*notes, *id_notes),
            verification=_VERIFIED,
            origin=Origin(file=self.file.display, line=line),
        )

    def _programs(
        self, listed: SourceList, cells: dict[str, str]
    ) -> tuple[tuple[str, ...], list[str]]:
        """The row's programs, and the notes of what the export-control columns say."""
        notes = [
            f"{label}: {cells[column]}"
            for column, label in _NOTE_COLUMNS
            if cells[column] and cells[column] != "N"
        ]
        tags = tuple(dict.fromkeys(_split(cells["programs"])))
        if listed.program is not None:
            if tags:  # ISN rows name the statutes or orders they rest on: kept as a note
                notes.insert(0, f"Programs (as the list gives them): {'; '.join(tags)}")
            return (listed.program,), notes
        if not tags:
            msg = "no program in the programs column"
            raise ValueError(msg)
        for tag in tags:
            if not is_valid_id(tag):
                msg = f"the program tag {tag!r} is not a usable id"
                raise ValueError(msg)
        return tags, notes


_NOTE_COLUMNS = (
    ("federal_register_notice", "Federal Register notice"),
    ("license_requirement", "License requirement"),
    ("license_policy", "License policy"),
    ("standard_order", "Standard order"),
)


def _kind(cells: dict[str, str], vessel: VesselInfo | None) -> PartyKind:
    """The party kind from ``type``; an empty type is an individual when the row gives a
    date or place of birth, a vessel when it gives vessel details, else unknown (the BIS
    and State lists type nobody: their people and companies are not told apart here)."""
    given = cells["type"]
    if given:
        kind = _KINDS.get(given.casefold())
        if kind is None:
            msg = f"unknown type {given!r}"
            raise ValueError(msg)
        return kind
    if cells["dates_of_birth"] or cells["places_of_birth"]:
        return PartyKind.INDIVIDUAL
    if vessel is not None:
        return PartyKind.VESSEL
    return PartyKind.UNKNOWN


def _vessel(cells: dict[str, str]) -> VesselInfo | None:
    values = [
        cells[c] or None
        for c in (
            "call_sign",
            "vessel_type",
            "gross_tonnage",
            "gross_registered_tonnage",
            "vessel_flag",
            "vessel_owner",
        )
    ]
    if not any(values):
        return None
    call_sign, vessel_type, tonnage, grt, flag, owner = values
    return VesselInfo(
        call_sign=call_sign,
        vessel_type=vessel_type,
        tonnage=tonnage,
        gross_registered_tonnage=grt,
        flag=flag,
        owner=owner,
    )


def load_csl(file: CslFile) -> ListLoad:
    """Load the CSL: a designation per row, on the list of its ``source`` column."""
    account = _Account(file.display)
    builder = _Builder(file, account)
    designations: dict[str, Designation] = {}
    programs: dict[str, None] = {}
    merged: list[tuple[str, int]] = []
    for line, row in _rows(file, read_text(file.path, file.display), account):
        try:
            designation = builder.designation(line, row)
        except ValueError as error:
            account.rejected.append(RowProblem(file.display, line, str(error), row[0] or None))
            continue
        first = designations.get(designation.id)
        if first is not None and designation.list_id not in OFAC_LISTS:
            where = first.origin.line if first.origin else "?"
            reason = f"duplicate id {designation.id} (first on line {where})"
            account.rejected.append(RowProblem(file.display, line, reason, designation.id))
            continue
        # One OFAC entry on two non-SDN lists (SSI and NS-MBS) is two CSL rows, but one
        # entry of OFAC's Consolidated list: the second row is merged into the first.
        if first is None:
            designations[designation.id] = designation
        else:
            designations[designation.id] = _merge(first, designation)
            merged.append((designation.id, line))
        programs.update(dict.fromkeys(designation.programs))
        account.made += 1
    # The file states no date of its own; the newest listing date in it is a day the list
    # had certainly reached: an end date up to that day has passed (delisted then), a
    # later one (a denial order that runs to 2056) is in the future and stays a note.
    newest = max((d.listed_on for d in designations.values() if d.listed_on), default=None)
    for record_id, end in builder.ends.items():
        record = designations.get(record_id)
        if record is None or newest is None or end > newest:
            continue
        if record.listed_on is not None and end < record.listed_on:
            line = record.origin.line if record.origin and record.origin.line else 0
            reason = f"end_date {end} is before start_date {record.listed_on}"
            account.rejected.append(RowProblem(file.display, line, reason, record_id))
            del designations[record_id]
            account.made -= 1
            continue
        designations[record_id] = attrs.evolve(
            record, status=DesignationStatus.DELISTED, delisted_on=end
        )
    return ListLoad(
        list_id=CSL_ID,
        title=TITLE,
        source=builder.source,
        designations=tuple(designations.values()),
        programs=tuple(programs),
        accounts=(account.close(),),
        merged_rows=tuple(merged),
        list_sources=tuple(builder.list_sources.values()),
    )


_T = TypeVar("_T")


def _union(first: tuple[_T, ...], second: tuple[_T, ...]) -> tuple[_T, ...]:
    return tuple(dict.fromkeys((*first, *second)))


def _merge(first: Designation, second: Designation) -> Designation:
    """One record of two rows of one OFAC entry: the first row's, with what the second adds
    (its programs, names, identifiers, addresses, notes and citations)."""
    known = {n.full.casefold() for n in first.party.names}
    names = tuple(
        Name(n.full, NameKind.AKA if n.kind is NameKind.PRIMARY else n.kind, weak=n.weak)
        for n in second.party.names
        if n.full.casefold() not in known
    )
    party = attrs.evolve(
        first.party,
        names=(*first.party.names, *dict.fromkeys(names)),
        identifiers=_union(first.party.identifiers, second.party.identifiers),
        addresses=_union(first.party.addresses, second.party.addresses),
        information=_union(first.party.information, second.party.information),
    )
    return attrs.evolve(
        first,
        party=party,
        programs=_union(first.programs, second.programs),
        sources=_union(first.sources, second.sources),
        notes=_union(first.notes, second.notes),
    )


def leave_out(loaded: ListLoad, lists: Collection[str], files: dict[str, str]) -> ListLoad:
    """The CSL load without its copies of ``lists`` (OFAC lists loaded from their own
    files, named in ``files`` by list id): each copy left out is counted in the account."""
    kept: list[Designation] = []
    dropped: list[RowProblem] = []
    account = loaded.accounts[0]
    more: dict[str, list[int]] = {}
    for record_id, line in loaded.merged_rows:
        more.setdefault(record_id, []).append(line)
    for designation in loaded.designations:
        if designation.list_id not in lists:
            kept.append(designation)
            continue
        title = _OWN_FILES.get(designation.list_id, "")
        reason = (
            f"a copy of {designation.id} ({title}): that list's own file "
            f"{files.get(designation.list_id, '')} is loaded and is the primary source"
        )
        line = designation.origin.line if designation.origin and designation.origin.line else 0
        dropped.extend(
            RowProblem(account.file, at, reason, designation.id)
            for at in (line, *more.get(designation.id, ()))
        )
    if not dropped:
        return loaded
    account = attrs.evolve(
        account,
        records_made=account.records_made - len(dropped),
        **with_more(account, left_out=dropped),
    )
    dropped_ids = {p.key for p in dropped}
    used = {tag for d in kept for tag in d.programs}
    cited = {s for d in kept for s in d.sources}
    return attrs.evolve(
        loaded,
        designations=tuple(kept),
        programs=tuple(p for p in loaded.programs if p in used),
        accounts=(account, *loaded.accounts[1:]),
        merged_rows=tuple((i, line) for i, line in loaded.merged_rows if i not in dropped_ids),
        list_sources=tuple(s for s in loaded.list_sources if s.id in cited),
    )


_OWN_FILES = {
    **{list_id: found.title for list_id, found in OFAC_LISTS.items()},
    "us-bis-dpl": "Denied Persons List",
}
"""The lists the CSL gathers that this library also reads from their own files (OFAC's,
and BIS's Denied Persons List, ``dpl.txt``), with their titles."""


def _gathers(loaded: ListLoad, files: Mapping[str, str]) -> ListLoad:
    """The CSL's copies of lists left out where those lists' own files are loaded (OFAC's
    lists, the Denied Persons List)."""
    own = {list_id: name for list_id, name in files.items() if list_id in _OWN_FILES}
    return leave_out(loaded, own.keys(), dict(own)) if own else loaded


FORMAT = ListFormat(name=FORMAT_NAME, lists={CSL_ID: TITLE}, recognise=recognise, gathers=_gathers)
"""The CSL's format, for the registry."""
