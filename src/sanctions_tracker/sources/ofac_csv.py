"""OFAC's CSV list family: ``sdn.csv`` / ``cons_prim.csv`` and their companions.

The main file has no header; its twelve columns are ent_num, SDN_Name, SDN_Type, Program
(several joined as ``A] [B``), Title, Call_Sign, Vess_type, Tonnage, GRT, Vess_flag,
Vess_owner and Remarks; ``-0-`` marks an empty field, and the file ends with a lone SUB
byte (0x1A). The companions, merged by ent_num, are ``alt.csv`` (ent_num, alt_num,
alt_type, alt_name, alt_remarks: the strong aliases), ``add.csv`` (ent_num, add_num,
address, city/state/postal, country, add_remarks) and ``sdn_comments.csv`` (ent_num,
the continuation of remarks too long for the main file). The Consolidated (non-SDN) list
has the same layout under ``cons_`` names.

Files are recognised by their content, plain or gzip-compressed. Every row is either
turned into (part of) a record or reported in the file's :class:`FileAccount` with its
line and the reason.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping, Sequence
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from attrs import frozen

from sanctions_tracker.errors import SourceError
from sanctions_tracker.records import (
    Address,
    Designation,
    FileAccount,
    Link,
    Name,
    NameKind,
    Origin,
    Party,
    PartyKind,
    RowProblem,
    Source,
    Verification,
    VerificationStatus,
    VesselInfo,
    is_valid_id,
)
from sanctions_tracker.sources._cells import is_number, shortened
from sanctions_tracker.sources._files import HEAD_BYTES, FileHead, read_text
from sanctions_tracker.sources._lists import ListFile, ListFormat, ListLoad, csv_rows
from sanctions_tracker.sources._ofac_common import (
    LISTS,
    ListInfo,
    list_by_programs,
    list_source,
)
from sanctions_tracker.sources._places import country_by_name
from sanctions_tracker.sources._problems import ProblemLog, account_fields
from sanctions_tracker.sources.ofac_remarks import ParsedRemarks, parse_remarks

if TYPE_CHECKING:
    from sanctions_tracker.sources._xml import XmlHead

__all__ = [
    "FORMAT",
    "LISTS",
    "FileKind",
    "ListInfo",
    "ListLoad",
    "OfacCsvFile",
    "OfacFile",
    "load_ofac",
    "recognise",
]

EMPTY = "-0-"
SUB = "\x1a"


class FileKind(StrEnum):
    """The role of a file in the CSV family."""

    MAIN = "main"
    ALT = "alt"
    ADD = "add"
    COMMENTS = "comments"


_COLUMNS = {FileKind.MAIN: 12, FileKind.ALT: 5, FileKind.ADD: 6, FileKind.COMMENTS: 2}
_FORMATS = {
    FileKind.MAIN: "OFAC list CSV",
    FileKind.ALT: "OFAC alternate names CSV",
    FileKind.ADD: "OFAC addresses CSV",
    FileKind.COMMENTS: "OFAC remarks continuation CSV",
}


@frozen
class OfacFile:
    """A file recognised as part of the CSV family, with its decoded text."""

    path: Path
    display: str
    kind: FileKind
    list_id: str
    text: str
    end_marker: bool


# --------------------------------------------------------------------------- reading


_HEAD_ROWS = 50
"""How many rows of a file's head are read to tell which file of the family it is."""


def _head_rows(head: FileHead) -> list[list[str]]:
    """The first rows of a file's head (a row the head cuts short left out)."""
    text = head.text
    if len(head.data) >= HEAD_BYTES:
        text = text[: text.rfind("\n") + 1]
    rows: list[list[str]] = []
    for _, row in csv_rows(text, lambda _line, _reason, _key: rows.append([])):
        if row != [SUB]:
            rows.append(row)
        if len(rows) >= _HEAD_ROWS:
            break
    return rows


def _family_kind(rows: list[list[str]]) -> FileKind | None:
    """The kind of file at least half of the rows say it is (a damaged row or two, the
    first among them, neither refuse nor misclassify a file), or None."""
    kinds = Counter(kind for row in rows if (kind := _kind_of(row)) is not None)
    if not kinds:
        return None
    kind, count = kinds.most_common(1)[0]
    return kind if 2 * count >= len(rows) else None


def _is_int(text: str) -> bool:
    return is_number(text.strip())


def _kind_of(row: list[str]) -> FileKind | None:
    if not row or not _is_int(row[0]):
        return None
    if len(row) == _COLUMNS[FileKind.MAIN]:
        return FileKind.MAIN
    if len(row) == _COLUMNS[FileKind.ADD] and _is_int(row[1]):
        return FileKind.ADD
    if (
        len(row) == _COLUMNS[FileKind.ALT]
        and _is_int(row[1])
        and row[2].strip().strip('"').lower() in {"aka", "fka", "nka"}
    ):
        return FileKind.ALT
    if len(row) == _COLUMNS[FileKind.COMMENTS]:
        return FileKind.COMMENTS
    return None


def _list_of(path: Path) -> str:
    """The list a file belongs to by its name; a main file's content may say otherwise."""
    return "us-ofac-cons" if path.name.lower().startswith("cons") else "us-ofac-sdn"


@frozen
class OfacCsvFile:
    """A file recognised by its first rows as part of OFAC's CSV family, not read yet."""

    path: Path
    display: str
    kind: FileKind
    list_id: str

    @property
    def part(self) -> str | None:
        """None for a main list file; the role of a companion (alt, add, comments)."""
        return None if self.kind is FileKind.MAIN else self.kind.value

    @property
    def group(self) -> str:
        """The list the file belongs to by its name (``cons_`` files: the Consolidated)."""
        return self.list_id

    def beside(self) -> list[Path]:
        """The companion files that lie beside a main file, plain or gzipped."""
        info = LISTS[self.list_id]
        found = []
        for name in (info.comments, info.alt, info.add):
            for candidate in (self.path.parent / name, self.path.parent / f"{name}.gz"):
                if candidate.is_file():
                    found.append(candidate)
                    break
        return found

    def load(self, companions: Sequence[ListFile]) -> ListLoad:
        """Read the main file and its companions."""
        given = [_read_file(c) for c in companions if isinstance(c, OfacCsvFile)]
        return load_ofac(_read_file(self), given)


def recognise(head: FileHead, xml: XmlHead | None) -> OfacCsvFile | None:
    """The file as part of the OFAC CSV family (by its first rows), or None."""
    if xml is not None or not head.data:
        return None
    kind = _family_kind(_head_rows(head))
    if kind is None:
        return None
    return OfacCsvFile(head.path, head.display, kind, _list_of(head.path))


def _read_file(file: OfacCsvFile) -> OfacFile:
    """The file's text, without the SUB byte OFAC ends its files with."""
    text = read_text(file.path, file.display)
    stripped = text.rstrip()
    end_marker = stripped.endswith(SUB)
    if end_marker:
        text = stripped[:-1]
    return OfacFile(
        path=file.path,
        display=file.display,
        kind=file.kind,
        list_id=file.list_id,
        text=text,
        end_marker=end_marker,
    )


FORMAT = ListFormat(
    name="OFAC list CSV (sdn.csv or cons_prim.csv, with alt.csv, add.csv, sdn_comments.csv)",
    lists={info.list_id: info.title for info in LISTS.values()},
    recognise=recognise,
    main_files="sdn.csv or cons_prim.csv",
)


# --------------------------------------------------------------------------- parsing


_EMPTY_CELLS: dict[str, str | None] = {"": None, EMPTY: None}


_PARTY_KINDS = {
    None: PartyKind.ENTITY,
    "individual": PartyKind.INDIVIDUAL,
    "vessel": PartyKind.VESSEL,
    "aircraft": PartyKind.AIRCRAFT,
}
_ALIAS_KINDS = {"aka": NameKind.AKA, "fka": NameKind.FKA, "nka": NameKind.NKA}


_Raw = tuple[int, str, list[str]]
"""A row as read: its first line, its ent_num, its cells untouched (a plain tuple: a
named one costs a tenth of the companions' load)."""


class _Row(NamedTuple):
    """A main-file row with every cell cleaned (``-0-`` and blanks are None)."""

    line: int
    ent: str
    cells: tuple[str | None, ...]


def _cell(value: str) -> str | None:
    """A cell's value: stripped, None for an empty cell or OFAC's ``-0-``."""
    value = value.strip()
    return None if not value or value == EMPTY else value


def _cells(row: list[str]) -> tuple[str | None, ...]:
    """Every cell of a raw row through ``_cell`` (one pass, for the main file's 12)."""
    empty = _EMPTY_CELLS
    return tuple([empty.get(cell, cell) for cell in map(str.strip, row)])


class _Account:
    """A mutable tally turned into a FileAccount at the end."""

    def __init__(self, file: OfacFile) -> None:
        self.file = file
        self.rows = 0
        self.made = 0
        self.rejected = ProblemLog()
        self.orphans = ProblemLog()

    def reject(self, line: int, reason: str, key: str | None = None) -> None:
        self.rejected.append(RowProblem(self.file.display, line, reason, key))

    def orphan(self, line: int, ent: str) -> None:
        reason = f"ent_num {ent} has no row in the main list file"
        self.orphans.append(RowProblem(self.file.display, line, reason, ent))

    def close(self, **extra: object) -> FileAccount:
        return FileAccount(
            file=self.file.display,
            format=_FORMATS[self.file.kind],
            rows_read=self.rows,
            records_made=self.made,
            **account_fields(rejected=self.rejected, orphans=self.orphans),
            end_marker=self.file.end_marker,
            facts="remark segments",
            **extra,  # type: ignore[arg-type]
        )


def _read(file: OfacFile, account: _Account) -> Iterator[_Raw]:
    """Rows with the right number of cells and an integer ent_num; the rest rejected.

    Blank lines are not rows. A row's line is the line it starts on (a quoted cell may
    span lines). Cells come raw: each reader cleans the ones it uses (``_cell``).
    """
    width = _COLUMNS[file.kind]

    def unreadable(line: int, reason: str, key: str | None) -> None:
        account.rows += 1
        account.reject(line, reason, key)

    def row_key(cells: list[str]) -> str | None:
        """The ent_num of a line that is plainly a row of this file on its own."""
        ent = cells[0].strip() if len(cells) == width else ""
        return ent if ent.isdigit() else None

    for start, row in csv_rows(file.text, unreadable, row_key=row_key):
        account.rows += 1
        ent = row[0].strip()
        if len(row) != width:
            reason = f"expected {width} columns, got {len(row)}"
            account.reject(start, reason, _key(row))
        elif not is_number(ent):
            account.reject(start, f"ent_num is not a number: {shortened(ent)!r}")
        else:
            yield start, ent, row


def _key(row: list[str]) -> str | None:
    return row[0].strip() if row and _is_int(row[0]) else None


def _country(name: str | None) -> tuple[str | None, str | None]:
    """(code, None) for a known country, (None, name) for one we cannot map."""
    if name is None:
        return None, None
    code = country_by_name(name)
    return (code, None) if code is not None else (None, name)


def _addresses(file: OfacFile, account: _Account, known: set[str]) -> dict[str, list[Address]]:
    found: defaultdict[str, list[Address]] = defaultdict(list)
    # Two rows in five repeat an address of another party (a city and a country, mostly):
    # records are immutable, so they share one.
    made: dict[tuple[str, ...], Address] = {}
    for line, ent, cells in _read(file, account):
        if ent not in known:
            account.orphan(line, ent)
            continue
        key = tuple(cells[2:])
        address = made.get(key)
        if address is None:
            address = made[key] = _address(key)
        found[ent].append(address)
        account.made += 1
    return found


def _address(cells: tuple[str, ...]) -> Address:
    """An address from the street, city, country and remarks cells of an add.csv row."""
    empty = _EMPTY_CELLS
    street, city, country, remarks = [empty.get(c, c) for c in map(str.strip, cells)]
    code, unknown = _country(country)
    if unknown:
        remarks = f"{remarks}; country: {unknown}" if remarks else f"country: {unknown}"
    return Address(street=street, city=city, country=code, remarks=remarks)


def _aliases(file: OfacFile, account: _Account, known: set[str]) -> dict[str, list[Name]]:
    found: defaultdict[str, list[Name]] = defaultdict(list)
    kinds = _ALIAS_KINDS
    for line, ent, cells in _read(file, account):
        if ent not in known:
            account.orphan(line, ent)
            continue
        kind = kinds.get(cells[2].strip().lower())
        alt_name = _cell(cells[3])
        if kind is None:
            alt_type = _cell(cells[2])
            account.reject(line, f"alias type {alt_type!r} is not aka, fka or nka", ent)
        elif alt_name is None:
            account.reject(line, "the alias has no name", ent)
        else:
            found[ent].append(Name(alt_name, kind))
            account.made += 1
    return found


def _comments(file: OfacFile, account: _Account, known: set[str]) -> dict[str, str]:
    found: dict[str, str] = {}
    for line, ent, cells in _read(file, account):
        if ent not in known:
            account.orphan(line, ent)
            continue
        found[ent] = found.get(ent, "") + (_cell(cells[1]) or "")
        account.made += 1
    return found


def _split_programs(text: str | None) -> tuple[str, ...]:
    if text is None:
        return ()
    tags = (tag.strip("[] ") for tag in text.split("] ["))
    return tuple(dict.fromkeys(tag for tag in tags if tag))


def _source(info: ListInfo, main: OfacFile) -> Source:
    return list_source(info, main.path.name)


def _content_list(main: OfacFile, rows: Mapping[str, _Row]) -> str:
    """The list a main file holds: by name when it says ``cons``, else by its program tags.

    A file where one row in ten or more carries a tag found only on the non-SDN lists is
    the Consolidated list. The Program cells repeat, so each distinct one is split once.
    """
    if main.list_id != "us-ofac-sdn" or not rows:
        return main.list_id
    cells = Counter(row.cells[3] for row in rows.values())
    return list_by_programs(
        ((_split_programs(cell), count) for cell, count in cells.items()), len(rows)
    )


def load_ofac(main: OfacFile, companions: Sequence[OfacFile] = ()) -> ListLoad:
    """Load a main list file and its companions into designations and accounts."""
    by_kind: dict[FileKind, OfacFile] = {}
    for companion in companions:
        if companion.kind in by_kind or companion.kind is FileKind.MAIN:
            msg = f"{companion.display}: a second {companion.kind.value} file for this list"
            raise SourceError(msg)
        by_kind[companion.kind] = companion
    main_account = _Account(main)
    rows: dict[str, _Row] = {}
    for line, ent, cells in _read(main, main_account):
        row = _Row(line, ent, _cells(cells))
        if row.ent in rows:
            reason = f"duplicate ent_num {row.ent} (first on line {rows[row.ent].line})"
            main_account.reject(row.line, reason, row.ent)
        else:
            rows[row.ent] = row
    info = LISTS[_content_list(main, rows)]
    known = set(rows)
    accounts = {kind: _Account(file) for kind, file in by_kind.items()}
    builder = _Builder(info, _source(info, main), main)
    designations: list[Designation] = []
    programs: dict[str, None] = {}
    if FileKind.COMMENTS in by_kind:
        builder.comments = _comments(by_kind[FileKind.COMMENTS], accounts[FileKind.COMMENTS], known)
    if FileKind.ALT in by_kind:
        builder.aliases = _aliases(by_kind[FileKind.ALT], accounts[FileKind.ALT], known)
    if FileKind.ADD in by_kind:
        builder.addresses = _addresses(by_kind[FileKind.ADD], accounts[FileKind.ADD], known)
    builder.names = {
        name.casefold(): f"{info.list_id}:{ent}"
        for ent, row in rows.items()
        if (name := row.cells[1])
    }
    for row in rows.values():
        try:
            designation = builder.designation(row)
        except ValueError as error:  # the records' validators say what is wrong
            main_account.reject(row.line, str(error), row.ent)
            continue
        designations.append(designation)
        programs.update(dict.fromkeys(designation.programs))
        main_account.made += 1
    closed = [
        main_account.close(
            remark_segments=builder.segments,
            remark_segments_parsed=builder.parsed,
            unparsed_remarks=builder.unparsed.kept(),
            unparsed_beyond=builder.unparsed.beyond,
        )
    ]
    order = (FileKind.COMMENTS, FileKind.ALT, FileKind.ADD)
    closed.extend(accounts[kind].close() for kind in order if kind in accounts)
    return ListLoad(
        list_id=info.list_id,
        title=info.title,
        source=builder.source,
        designations=tuple(designations),
        programs=tuple(programs),
        accounts=tuple(closed),
    )


class _Builder:
    """Turns main rows, with what the companions add, into designations."""

    def __init__(self, info: ListInfo, source: Source, main: OfacFile) -> None:
        self.info = info
        self.source = source
        self.main = main
        self.comments: dict[str, str] = {}
        self.aliases: dict[str, list[Name]] = {}
        self.addresses: dict[str, list[Address]] = {}
        self.names: dict[str, str] = {}
        self.sources = (source.id,)
        self.program_cells: dict[str | None, tuple[str, ...]] = {}
        self.segments = 0
        self.parsed = 0
        self.unparsed = ProblemLog()
        self.verification = Verification(
            status=VerificationStatus.VERIFIED, verified=("as published in the list file",)
        )

    def _programs(self, text: str | None) -> tuple[str, ...]:
        """The program tags of a Program cell (the same few cells repeat: cached)."""
        found = self.program_cells.get(text)
        if found is None:
            found = _split_programs(text)
            if not found:
                msg = "no program in the Program column"
                raise ValueError(msg)
            for tag in found:
                if not is_valid_id(tag):
                    msg = f"the program tag {tag!r} is not a usable id"
                    raise ValueError(msg)
            self.program_cells[text] = found
        return found

    def _remarks(self, row: _Row) -> tuple[str | None, ParsedRemarks]:
        remarks = row.cells[11]
        if row.ent in self.comments:
            remarks = (remarks or "") + self.comments[row.ent]
        if remarks is None:
            return None, _NOTHING
        parsed = parse_remarks(remarks)
        self.segments += parsed.segments
        self.parsed += parsed.parsed
        if parsed.unparsed:
            self.unparsed.extend(
                RowProblem(self.main.display, row.line, segment, row.ent)
                for segment in parsed.unparsed
            )
        return remarks, parsed

    def designation(self, row: _Row) -> Designation:
        """The designation of one main row; ValueError says why a row cannot be one."""
        name, sdn_type, program_text, title = row.cells[1:5]
        if name is None:
            msg = "the name (SDN_Name) is empty"
            raise ValueError(msg)
        kind = _PARTY_KINDS.get(sdn_type.lower() if sdn_type else None)
        if kind is None:
            msg = f"unknown SDN_Type {sdn_type!r}"
            raise ValueError(msg)
        programs = self._programs(program_text)
        remarks, parsed = self._remarks(row)
        links = parsed.links
        if links:
            names = self.names
            links = tuple(
                Link(relation=link.relation, name=link.name, target=names.get(link.name.casefold()))
                for link in links
            )
        party = Party(
            kind=kind,
            names=(Name(name), *self.aliases.get(row.ent, ()), *parsed.aliases),
            birth_dates=parsed.birth_dates,
            birth_places=parsed.birth_places,
            nationalities=parsed.nationalities,
            citizenships=parsed.citizenships,
            gender=parsed.gender,
            positions=((title,) if title else ()) + parsed.positions,
            identifiers=parsed.identifiers,
            addresses=tuple(self.addresses.get(row.ent, ())),
            links=links,
            vessel=_vessel(row, parsed),
            aircraft=parsed.aircraft,
            established_on=parsed.established_on,
            organization_type=parsed.organization_type,
            information=parsed.other,
            remarks=remarks,
        )
        return Designation(
            id=f"{self.info.list_id}:{row.ent}",
            list_id=self.info.list_id,
            party=party,
            programs=programs,
            sources=self.sources,
            notes=parsed.sanctions_notes,
            verification=self.verification,
            origin=Origin(file=self.main.display, line=row.line),
        )


_NOTHING = ParsedRemarks()


def _vessel(row: _Row, parsed: ParsedRemarks) -> VesselInfo | None:
    call_sign, vessel_type, tonnage, grt, flag, owner = row.cells[5:11]
    details = parsed.vessel
    if not details and not any((call_sign, vessel_type, tonnage, grt, flag, owner)):
        return None
    return VesselInfo(
        call_sign=call_sign,
        vessel_type=vessel_type,
        tonnage=tonnage,
        gross_registered_tonnage=grt,
        flag=flag,
        owner=owner,
        year_of_build=details.year_of_build,
        other_flags=details.other_flags,
        former_flags=details.former_flags,
        other_types=details.other_types,
        other_call_signs=details.other_call_signs,
    )
