"""The records: frozen, slotted attrs classes and the enums they use.

Records hold facts and nothing else: no parsing, no I/O, no formatting. They reference
each other by id (a designation names its programs, a program its authorities), and the
:class:`~sanctions_tracker.Tracker` resolves those ids. Each record that states a fact
names the sources it rests on (``sources``, ids of :class:`Source` records), says what is
verified and what is not (``verification``), and keeps a pointer back to the file and
place it was read from (``origin``).

The words used here are defined in ``docs/glossary.md``.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum
from typing import Any

import attrs
from attrs import field, frozen

__all__ = [
    "SAME_PARTY",
    "Action",
    "ActionKind",
    "Address",
    "Advisory",
    "AircraftInfo",
    "Authority",
    "AuthorityKind",
    "CacheNote",
    "CacheStatus",
    "Dataset",
    "DateNote",
    "DateNoteKind",
    "DateSource",
    "Designation",
    "DesignationStatus",
    "Disagreement",
    "FileAccount",
    "HsCode",
    "Identifier",
    "InputFile",
    "Link",
    "ListingWindow",
    "Material",
    "Name",
    "NameKind",
    "Origin",
    "PartialDate",
    "Party",
    "PartyKind",
    "Program",
    "ProgramSector",
    "Record",
    "RowProblem",
    "Sector",
    "SectorAssignment",
    "SectorBasis",
    "Setting",
    "Source",
    "Stamp",
    "Verification",
    "VerificationStatus",
    "VesselInfo",
]

# Ids may hold single inner spaces: OFAC program tags do ("CAATSA - RUSSIA").
_ID = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9:._/+-]| (?! ))*(?<! )$")
_COUNTRY = re.compile(r"^[A-Z]{2}$")
_HS_CODE = re.compile(r"^\d{4}(\.\d{2}){0,2}$")


_DIGITS = re.compile(r"(\d+)")


def _number_key(digits: str) -> tuple[int, str]:
    """A run of digits as a key in numeric order, however long (``int`` refuses more
    than 4,300 digits, and any digit but 0-9 in the run): its length, then its text."""
    significant = digits.lstrip("0")
    return (len(significant), significant)


def id_order(record_id: str) -> tuple[tuple[int, str], ...]:
    """A sort key that puts ids in natural order: ``x:9`` before ``x:10``."""
    head, colon, tail = record_id.rpartition(":")
    if colon and tail.isdigit() and not _DIGITS.search(head):  # "us-ofac-sdn:27844": quick
        return ((0, head + colon), _number_key(tail))
    return tuple(_number_key(p) if p.isdigit() else (0, p) for p in _DIGITS.split(record_id) if p)


def is_valid_id(value: str) -> bool:
    """Whether ``value`` can be a record id."""
    return _ID.match(value) is not None


def _valid_id(_instance: object, attribute: attrs.Attribute[Any], value: str) -> None:
    if not _ID.match(value):
        msg = (
            f"{attribute.name}: expected an id (letters, digits and ':._/+-', "
            f"single spaces only inside), got {value!r}"
        )
        raise ValueError(msg)


def _valid_ids(_instance: object, attribute: attrs.Attribute[Any], value: tuple[str, ...]) -> None:
    for item in value:
        _valid_id(_instance, attribute, item)
    if len(set(value)) != len(value):
        msg = f"{attribute.name}: the same id is given twice in {list(value)!r}"
        raise ValueError(msg)


def _valid_country(_instance: object, attribute: attrs.Attribute[Any], value: str | None) -> None:
    if value is not None and not _COUNTRY.match(value):
        msg = f"{attribute.name}: expected an ISO 3166 alpha-2 country code, got {value!r}"
        raise ValueError(msg)


def _valid_countries(
    _instance: object, attribute: attrs.Attribute[Any], value: tuple[str, ...]
) -> None:
    for item in value:
        _valid_country(_instance, attribute, item)


def _non_empty(_instance: object, attribute: attrs.Attribute[Any], value: str) -> None:
    if not value.strip():
        msg = f"{attribute.name}: must not be empty"
        raise ValueError(msg)


def _cited(_instance: object, attribute: attrs.Attribute[Any], value: tuple[str, ...]) -> None:
    _valid_ids(_instance, attribute, value)
    if not value:
        msg = f"{attribute.name}: every record must cite at least one source"
        raise ValueError(msg)


# --------------------------------------------------------------------------- provenance


class VerificationStatus(StrEnum):
    """How far a record's facts were checked against a source."""

    VERIFIED = "verified"
    PARTLY_VERIFIED = "partly-verified"
    UNVERIFIED = "unverified"


@frozen
class Verification:
    """What was checked against a source (``verified``) and what was not (``unverified``)."""

    status: VerificationStatus = VerificationStatus.UNVERIFIED
    verified: tuple[str, ...] = ()
    unverified: tuple[str, ...] = ()


@frozen
class Origin:
    """Where a record was read from: a file and a place in it (a JSON path or a line)."""

    file: str
    pointer: str | None = None
    line: int | None = None

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
        if self.pointer is not None:
            where += f" {self.pointer}"
        return where


@frozen
class Source:
    """A citation: who published what, where and when."""

    id: str = field(validator=_valid_id)
    publisher: str = field(validator=_non_empty)
    title: str = field(validator=_non_empty)
    url: str | None = None
    published_on: dt.date | None = None
    verification: Verification = Verification()
    origin: Origin | None = field(default=None, eq=False)


# --------------------------------------------------------------------------- dates


@frozen
class PartialDate:
    """A date that may be known only to the month or year, be approximate, or a range.

    ``PartialDate(1960, 12, 14)`` is 14 Dec 1960; ``PartialDate(1960, 11)`` is Nov 1960;
    ``PartialDate(1957, circa=True)`` is "circa 1957"; ``PartialDate(1960, until_year=1962)``
    is "1960 to 1962". Its text form (``str()``) is ``[~]YYYY[-MM[-DD]][..YYYY]``.
    """

    year: int = field()
    month: int | None = None
    day: int | None = None
    circa: bool = False
    until_year: int | None = None

    @year.validator
    def _check(self, _attribute: attrs.Attribute[Any], year: int) -> None:
        if not 1 <= year <= 9999:  # noqa: PLR2004 - the range of datetime.date
            msg = f"year {year} is out of range"
            raise ValueError(msg)
        if self.day is not None and self.month is None:
            msg = "a day is given without a month"
            raise ValueError(msg)
        if self.month is not None:
            dt.date(year, self.month, self.day or 1)  # raises ValueError if impossible
        if self.until_year is not None and self.until_year <= year:
            msg = f"a range must end after it starts ({year} to {self.until_year})"
            raise ValueError(msg)

    def __str__(self) -> str:
        text = f"{'~' if self.circa else ''}{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        if self.until_year is not None:
            text += f"..{self.until_year:04d}"
        return text

    @property
    def earliest(self) -> dt.date:
        """The first day this date may stand for."""
        return dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def latest(self) -> dt.date:
        """The last day this date may stand for."""
        if self.until_year is not None:
            return dt.date(self.until_year, 12, 31)
        if self.month is None:
            return dt.date(self.year, 12, 31)
        if self.day is None:
            following = dt.date(self.year + self.month // 12, self.month % 12 + 1, 1)
            return following - dt.timedelta(days=1)
        return dt.date(self.year, self.month, self.day)

    def could_be(self, day: dt.date) -> bool:
        """Whether ``day`` is compatible with this date (circa widens by a year each way)."""
        slack = dt.timedelta(days=366 if self.circa else 0)
        return self.earliest - slack <= day <= self.latest + slack


# --------------------------------------------------------------------------- parties


class PartyKind(StrEnum):
    """What kind of party a designation lists."""

    INDIVIDUAL = "individual"
    ENTITY = "entity"
    VESSEL = "vessel"
    AIRCRAFT = "aircraft"
    UNKNOWN = "unknown"
    """The list does not say (the BIS and State lists of the Consolidated Screening List
    leave the type empty): neither a person nor an organization is assumed."""


class NameKind(StrEnum):
    """The role of a name: the primary name, or an alias known as / formerly / now known as."""

    PRIMARY = "primary"
    AKA = "aka"
    FKA = "fka"
    NKA = "nka"


@frozen
class Name:
    """One name of a party. ``weak`` marks what OFAC calls a low-quality (weak) alias.

    ``script`` is the writing system of the name as an ISO 15924 code (``Latn``, ``Cyrl``,
    ``Arab`` ...), as the list states it or as read from its letters; ``language`` the
    language the list gives for it (an ISO 639 code as the list writes it, in lower case).
    Both are None where unknown.
    """

    full: str = field(validator=_non_empty)
    kind: NameKind = NameKind.PRIMARY
    weak: bool = False
    script: str | None = None
    language: str | None = None


@frozen
class Identifier:
    """An identifying document or number: passport, registration number, IMO, website..."""

    kind: str = field(validator=_non_empty)
    value: str = field(validator=_non_empty)
    country: str | None = field(default=None, validator=_valid_country)
    issued_on: PartialDate | None = None
    expires_on: PartialDate | None = None
    note: str | None = None


@frozen
class Address:
    """A postal address; any part may be unknown."""

    street: str | None = None
    city: str | None = None
    region: str | None = None
    postal_code: str | None = None
    country: str | None = field(default=None, validator=_valid_country)
    remarks: str | None = None


SAME_PARTY = "same-party"
"""The relation of a :class:`Link` to the same party on another list, where a list says
so (the UN reference number the EU, UK and Swiss lists give a party the UN listed): the
target is the party's id on that list (``un-sc:QDi.276``), loaded or not."""


@frozen
class Link:
    """A relation to another party (``Linked To:``), by record id where it is known."""

    relation: str
    name: str
    target: str | None = field(default=None, validator=attrs.validators.optional(_valid_id))


@frozen
class VesselInfo:
    """What the lists say of a vessel (flags as the list writes them)."""

    call_sign: str | None = None
    vessel_type: str | None = None
    tonnage: str | None = None
    gross_registered_tonnage: str | None = None
    flag: str | None = None
    owner: str | None = None
    year_of_build: int | None = None
    other_flags: tuple[str, ...] = ()
    former_flags: tuple[str, ...] = ()
    other_types: tuple[str, ...] = ()
    other_call_signs: tuple[str, ...] = ()


@frozen
class AircraftInfo:
    """What the lists say of an aircraft beyond its identifiers (serial and tail numbers)."""

    manufacture_date: PartialDate | None = None
    models: tuple[str, ...] = ()
    operators: tuple[str, ...] = ()
    construction_numbers: tuple[str, ...] = ()


def _primary_first(
    _instance: object, _attribute: attrs.Attribute[Any], value: tuple[Name, ...]
) -> None:
    if not value or value[0].kind is not NameKind.PRIMARY:
        msg = "names: the first name must be the primary name"
        raise ValueError(msg)
    if sum(1 for name in value if name.kind is NameKind.PRIMARY) != 1:
        msg = "names: exactly one name must be primary"
        raise ValueError(msg)


@frozen
class Party:
    """A person, company, vessel or aircraft, as a list describes it."""

    kind: PartyKind
    names: tuple[Name, ...] = field(validator=_primary_first)
    birth_dates: tuple[PartialDate, ...] = ()
    birth_places: tuple[str, ...] = ()
    nationalities: tuple[str, ...] = field(default=(), validator=_valid_countries)
    citizenships: tuple[str, ...] = field(default=(), validator=_valid_countries)
    gender: str | None = None
    positions: tuple[str, ...] = ()
    identifiers: tuple[Identifier, ...] = ()
    addresses: tuple[Address, ...] = ()
    links: tuple[Link, ...] = ()
    vessel: VesselInfo | None = None
    aircraft: AircraftInfo | None = None
    established_on: PartialDate | None = None
    organization_type: str | None = None
    information: tuple[str, ...] = ()
    remarks: str | None = None

    @property
    def name(self) -> str:
        """The primary name."""
        return self.names[0].full

    @property
    def aliases(self) -> tuple[Name, ...]:
        """Every name but the primary one."""
        return self.names[1:]

    @property
    def countries(self) -> frozenset[str]:
        """Every country the party is tied to: nationality, citizenship, addresses."""
        found = set(self.nationalities) | set(self.citizenships)
        found.update(a.country for a in self.addresses if a.country)
        return frozenset(found)


# --------------------------------------------------------------------------- taxonomy


@frozen
class Sector:
    """A sector of an economy, in a taxonomy: ``steel`` has parent ``metals``."""

    id: str = field(validator=_valid_id)
    name: str = field(validator=_non_empty)
    parent: str | None = field(default=None, validator=attrs.validators.optional(_valid_id))
    description: str | None = None
    aliases: tuple[str, ...] = ()
    isic: tuple[str, ...] = ()
    """The ISIC Rev. 4 codes (section letter, division, group or class) the sector covers."""
    origin: Origin | None = field(default=None, eq=False)


class SectorBasis(StrEnum):
    """Where a designation's sector comes from, strongest first (see ``strength``)."""

    FIXTURE = "fixture"
    """A curated record names the sector and says why."""
    DETERMINATION = "determination"
    """An official determination for this designation (a directive, an IFCA or E.O. 14024
    sector determination) that the list records."""
    ORGANIZATION_TYPE = "organization-type"
    """The list's own classification of the party (OFAC's "Organization Type", an ISIC
    class title, or its "Target Type")."""
    IDENTIFIER = "identifier"
    """What the party is or holds: a vessel or aircraft, its named owner or operator, a
    SWIFT/BIC code, an IMO company number."""
    PROGRAM = "program"
    """The program makes operating in the sector a ground for designation."""
    NAME = "name"
    """A word of one of the party's names (inferred)."""
    LINK = "link"
    """A linked parent or subsidiary with a sector (inferred)."""

    @property
    def strength(self) -> int:
        """1 for the strongest basis (fixture) to 7 for the weakest (link)."""
        return _BASIS_ORDER.index(self) + 1


_BASIS_ORDER: tuple[SectorBasis, ...] = tuple(SectorBasis)


@frozen
class SectorAssignment:
    """A sector a designation falls in, and why (``reason``).

    ``inferred`` marks a placement that rests on a guess a reviewer must check (a word of
    the name, a linked party's sector); ``strength`` ranks the basis, 1 being strongest.
    """

    sector: str = field(validator=_valid_id)
    basis: SectorBasis
    reason: str = field(validator=_non_empty)
    inferred: bool = False

    @property
    def strength(self) -> int:
        """How strong the basis is: 1 (a curated record) to 7 (a linked party's sector)."""
        return self.basis.strength


# --------------------------------------------------------------------------- legal basis


class AuthorityKind(StrEnum):
    """What kind of legal instrument an authority is."""

    EXECUTIVE_ORDER = "executive-order"
    STATUTE = "statute"
    REGULATION = "regulation"
    DETERMINATION = "determination"
    RESOLUTION = "resolution"
    """A resolution of the UN Security Council (or another international body)."""


@frozen
class Authority:
    """A legal instrument sanctions rest on: an executive order, statute, regulation,
    determination or Security Council resolution."""

    id: str = field(validator=_valid_id)
    code: str = field(validator=_non_empty)
    title: str = field(validator=_non_empty)
    kind: AuthorityKind
    sources: tuple[str, ...] = field(validator=_cited)
    signed_on: dt.date | None = None
    country: str = field(default="US", validator=_valid_country)
    summary: str | None = None
    verification: Verification = Verification()
    origin: Origin | None = field(default=None, eq=False)
    effective_on: dt.date | None = None
    """The date it took effect, where the record gives one (an order may take effect on a
    later day than its signing); nothing takes effect before it is signed."""

    @property
    def in_force_from(self) -> dt.date | None:
        """The earliest date it can have been in force: ``effective_on``, else ``signed_on``."""
        return self.effective_on or self.signed_on


@frozen
class ProgramSector:
    """A sector a program reaches, from ``since`` on (a later determination may add one).

    ``criterion`` says whether operating in the sector is a ground for designation under
    the program, so that a designation under it falls in the sector (E.O. 13871 and the
    metals sectors). A program may reach a sector without that (the IFSR restrict
    financial dealings with anyone listed, bank or not): then ``criterion`` is false and
    the program bears on the sector in summaries, but puts no designation in it.
    """

    sector: str = field(validator=_valid_id)
    reason: str = field(validator=_non_empty)
    since: dt.date | None = None
    authority: str | None = field(default=None, validator=attrs.validators.optional(_valid_id))
    criterion: bool = True


@frozen
class Program:
    """A sanctions program: the tag a list puts on designations (``IRAN-EO13871``)."""

    id: str = field(validator=_valid_id)
    name: str = field(validator=_non_empty)
    sources: tuple[str, ...] = field(validator=_cited)
    country: str | None = field(default=None, validator=_valid_country)
    authorities: tuple[str, ...] = field(default=(), validator=_valid_ids)
    sectors: tuple[ProgramSector, ...] = ()
    description: str | None = None
    verification: Verification = Verification()
    origin: Origin | None = field(default=None, eq=False)
    founded_by: str | None = field(default=None, validator=attrs.validators.optional(_valid_id))
    """The authority that established the program (one of ``authorities``): no designation
    under the program is in force before that authority took effect."""

    def __attrs_post_init__(self) -> None:
        if self.founded_by is not None and self.founded_by not in self.authorities:
            msg = (
                f"founded_by: {self.founded_by!r} is not among the program's authorities "
                f"{list(self.authorities)!r}"
            )
            raise ValueError(msg)

    def sectors_on(self, day: dt.date | None) -> tuple[ProgramSector, ...]:
        """The sectors the program reaches on ``day`` (all of them when ``day`` is None)."""
        return tuple(s for s in self.sectors if day is None or s.since is None or s.since <= day)


# --------------------------------------------------------------------------- listings


class DesignationStatus(StrEnum):
    """Whether a designation is in force."""

    ACTIVE = "active"
    DELISTED = "delisted"


@frozen
class Designation:
    """A party on a sanctions list under one or more programs."""

    id: str = field(validator=_valid_id)
    list_id: str = field(validator=_valid_id)
    party: Party
    programs: tuple[str, ...] = field(validator=_valid_ids)
    sources: tuple[str, ...] = field(validator=_cited)
    listed_on: dt.date | None = None
    status: DesignationStatus = DesignationStatus.ACTIVE
    delisted_on: dt.date | None = None
    sectors: tuple[SectorAssignment, ...] = ()
    basis: str | None = None
    notes: tuple[str, ...] = ()
    first_seen: dt.date | None = None
    last_seen: dt.date | None = None
    verification: Verification = Verification()
    origin: Origin | None = field(default=None, eq=False)

    def __attrs_post_init__(self) -> None:
        if not self.programs:
            msg = "programs: a designation is made under at least one program"
            raise ValueError(msg)
        if self.delisted_on is not None and self.status is not DesignationStatus.DELISTED:
            msg = "delisted_on: given, but the status is not 'delisted'"
            raise ValueError(msg)
        if (
            self.delisted_on is not None
            and self.listed_on is not None
            and self.delisted_on < self.listed_on
        ):
            msg = f"delisted_on: {self.delisted_on} is before listed_on {self.listed_on}"
            raise ValueError(msg)

    @property
    def name(self) -> str:
        """The party's primary name."""
        return self.party.name

    def active_on(self, day: dt.date) -> bool:
        """Whether the designation was in force on ``day``, as far as the record alone tells.

        A designation whose listing date is unknown counts as in force here (the record
        knows nothing of its programs); ``Tracker.designations(active_on=...)`` bounds it
        by its programs' founding and says what it assumed. One delisted on ``day`` is no
        longer in force.
        """
        if self.listed_on is not None and self.listed_on > day:
            return False
        if self.status is DesignationStatus.DELISTED:
            return self.delisted_on is not None and day < self.delisted_on
        return True

    def in_sector(self, sector: str) -> bool:
        """Whether one of the designation's own sector assignments is ``sector``."""
        return any(a.sector == sector for a in self.sectors)


class ActionKind(StrEnum):
    """What a government act did."""

    DESIGNATION = "designation"
    DELISTING = "delisting"
    AMENDMENT = "amendment"
    ADVISORY = "advisory"
    DETERMINATION = "determination"


@frozen
class Action:
    """A dated government act and the designations or advisories it produced."""

    id: str = field(validator=_valid_id)
    agency: str = field(validator=_non_empty)
    kind: ActionKind
    taken_on: dt.date
    title: str = field(validator=_non_empty)
    sources: tuple[str, ...] = field(validator=_cited)
    summary: str | None = None
    authorities: tuple[str, ...] = field(default=(), validator=_valid_ids)
    programs: tuple[str, ...] = field(default=(), validator=_valid_ids)
    designations: tuple[str, ...] = field(default=(), validator=_valid_ids)
    advisories: tuple[str, ...] = field(default=(), validator=_valid_ids)
    verification: Verification = Verification()
    origin: Origin | None = field(default=None, eq=False)


@frozen
class HsCode:
    """A Harmonized System code and what it covers; ``verified`` says if a source ties it."""

    code: str = field()
    description: str = field(validator=_non_empty)
    verified: bool = False
    note: str | None = None

    @code.validator
    def _check(self, _attribute: attrs.Attribute[Any], value: str) -> None:
        if not _HS_CODE.match(value):
            msg = f"code: expected an HS code like '8545' or '8545.11', got {value!r}"
            raise ValueError(msg)


@frozen
class Material:
    """A good an advisory names, with its HS codes where known."""

    name: str = field(validator=_non_empty)
    hs_codes: tuple[HsCode, ...] = ()
    description: str | None = None


@frozen
class Advisory:
    """A government advisory: who risks sanctions for what, and the diligence expected."""

    id: str = field(validator=_valid_id)
    agency: str = field(validator=_non_empty)
    issued_on: dt.date
    title: str = field(validator=_non_empty)
    sources: tuple[str, ...] = field(validator=_cited)
    summary: str | None = None
    authorities: tuple[str, ...] = field(default=(), validator=_valid_ids)
    programs: tuple[str, ...] = field(default=(), validator=_valid_ids)
    materials: tuple[Material, ...] = ()
    sectors: tuple[str, ...] = field(default=(), validator=_valid_ids)
    countries: tuple[str, ...] = field(default=(), validator=_valid_countries)
    parties_at_risk: tuple[str, ...] = ()
    due_diligence: tuple[str, ...] = ()
    verification: Verification = Verification()
    origin: Origin | None = field(default=None, eq=False)


# --------------------------------------------------------------------------- dated answers


@frozen
class ListingWindow:
    """When a designation was listed, as far as the loaded data tells.

    ``listed_on`` when a curated record or the list gives the day. Otherwise a window:
    ``earliest`` is the first day it can have been listed (its program's founding
    authority took effect then; with a history, the day after the last snapshot without
    it), ``latest`` the last (the date of the list that holds it, or the first snapshot
    that does). Each bound says what it rests on; a bound that nothing gives is None.
    """

    listed_on: dt.date | None = None
    earliest: dt.date | None = None
    earliest_basis: str | None = None
    latest: dt.date | None = None
    latest_basis: str | None = None

    def in_force_on(self, day: dt.date) -> bool | None:
        """True when it was certainly listed by ``day``, False when it cannot have been,
        None when the data cannot say (it is then counted in force, as an assumption)."""
        if self.listed_on is not None:
            return self.listed_on <= day
        if self.earliest is not None and day < self.earliest:
            return False
        if self.latest is not None and self.latest <= day:
            return True
        return None


class DateNoteKind(StrEnum):
    """What a dated answer assumed, or left out, for want of listing dates."""

    ASSUMED = "assumed"
    """In force on the day by assumption: no listing date, and the earliest date it can
    have been listed (its program's founding) is on or before the day."""
    UNBOUNDED = "unbounded"
    """In force on the day by assumption, with nothing to bound it: no listing date, and a
    program with no known founding date."""
    LEFT_OUT = "left-out"
    """Not in force on the day: no listing date, and its program took effect later."""
    AFTER_LIST = "after-list"
    """The day is after the date of the list: the answer is the list as it stood then."""
    NO_LISTING_DATE = "no-listing-date"
    """Left out of a range of listing dates: the list does not say when it was listed."""


@frozen
class DateNote:
    """What a dated answer rests on beyond the listing dates: how many designations, what."""

    kind: DateNoteKind
    count: int
    text: str


# --------------------------------------------------------------------------- stamps


class DateSource(StrEnum):
    """Where the date of an input file comes from."""

    PUBLISHED = "published"
    """The file states it (OFAC's XML DateOfIssue or dataAsOf, the UN's dateGenerated)."""
    STATED = "stated"
    """The user stated it (``DATE=PATH``, or the date of a history snapshot)."""
    FILE_NAME = "file-name"
    """Read from an ISO date in the file's name: not stated in the file."""
    UNDATED = "undated"
    """Nothing gives a date."""


@frozen
class InputFile:
    """One file an answer was built from: which bytes, what they held, what became of them."""

    path: str
    format: str
    sha256: str | None = None
    size: int | None = None
    date: dt.date | None = None
    date_source: DateSource = DateSource.UNDATED
    published_on: dt.date | None = None
    stated_on: dt.date | None = None
    rows_read: int = 0
    records_made: int = 0
    rows_not_read: int = 0
    rows_left_out: int = 0
    role: str = "list"
    """What the file was to the answer: ``"list"`` (a list file), ``"fixtures"`` (curated
    records) or ``"names"`` (the names screened)."""


@frozen
class Setting:
    """One setting of a query (a filter, the threshold, the limit ...), as text."""

    name: str
    value: str


class CacheStatus(StrEnum):
    """What the snapshot cache did for an answer's lists or screening index."""

    READ = "read"
    """Read from the snapshot cache (the input files were checked unchanged)."""
    STORED = "stored"
    """Read from the input files (or built from them), then stored in the cache."""
    NOT_STORED = "not stored"
    """Read from the input files (or built); the cache could not keep it (``reason``)."""


@frozen
class CacheNote:
    """How the snapshot cache served an answer (``docs/cache.md``): the snapshot's key
    (the SHA-256 of the input files' SHA-256s, the library's version and the load's
    settings), what became of the lists and of the screening index (None when the
    answer used no index), the cache folder, and why the lists were not read from the
    cache or not stored, when that happened."""

    key: str
    lists: CacheStatus
    index: CacheStatus | None = None
    folder: str = ""
    reason: str = ""


@frozen
class Stamp:
    """What an output was made from, by what and when, so that it can be traced and
    reproduced: the time (UTC), the tool and its version, the settings of the question,
    and every input file with its SHA-256, size, date, format and account of rows."""

    generated_at: dt.datetime
    version: str
    settings: tuple[Setting, ...] = ()
    inputs: tuple[InputFile, ...] = ()
    tool: str = "sanctions-tracker"
    cache: CacheNote | None = None
    """How the snapshot cache served the answer; None when it was not used."""

    def setting(self, name: str) -> str | None:
        """The value of a setting, or None when it was not given."""
        return next((s.value for s in self.settings if s.name == name), None)


PROBLEMS_LISTED = 10_000
"""Rows of one kind (rejected, without a main row, left out) of one file listed one by one
in its :class:`FileAccount`; those after them are counted."""


@frozen
class RowProblem:
    """An input row that did not become (part of) a record, and why: file, line, reason."""

    file: str
    line: int
    reason: str
    key: str | None = None


@frozen
class Disagreement:
    """A field on which a curated fixture and an official list say different things."""

    record: str
    field: str
    fixture: str
    listed: str


@frozen
class FileAccount:
    """What became of every row of one input file.

    ``rows_read == records_made + rejected_rows + orphan_rows + left_out_rows`` always
    holds: a row either became (part of) a record or is reported with its line and the
    reason. Of each kind, a file's first 10,000 rows are listed one by one; any after
    them are counted (``rejected_beyond`` ...) with the first and last line among them
    (``beyond_lines``), so that a file of millions of bad rows is read in bounded memory.
    ``left_out`` are rows read and deliberately not loaded, though nothing is wrong with
    them: a repeated header row, or a copy of a list whose own file is loaded too.
    ``end_marker`` says the file ended with OFAC's SUB (0x1A) byte, read as end of file.
    ``remark_segments`` counts the facts of the file's free-text or typed fields (remarks
    segments, XML features and documents ...), ``facts`` says what they are in words, and
    ``unparsed_remarks`` lists those kept as text only (the first 10,000; any after them
    are counted in ``unparsed_beyond``).
    """

    file: str
    format: str
    rows_read: int = 0
    records_made: int = 0
    rejected: tuple[RowProblem, ...] = ()
    orphans: tuple[RowProblem, ...] = ()
    left_out: tuple[RowProblem, ...] = ()
    end_marker: bool = False
    remark_segments: int = 0
    remark_segments_parsed: int = 0
    unparsed_remarks: tuple[RowProblem, ...] = ()
    disagreements: tuple[Disagreement, ...] = ()
    facts: str = "remarks"
    sha256: str | None = None
    """The SHA-256 of the file's bytes as read (compressed, if it was)."""
    size: int | None = None
    """The file's size in bytes."""
    rejected_beyond: int = 0
    """Rows rejected after the first 10,000 listed in ``rejected``: counted, not listed."""
    orphans_beyond: int = 0
    """Rows without a main row after the first 10,000 listed in ``orphans``."""
    left_out_beyond: int = 0
    """Rows left out after the first 10,000 listed in ``left_out``."""
    beyond_lines: tuple[int, int] | None = None
    """The first and last line of the rows counted but not listed (None if none are)."""
    unparsed_beyond: int = 0
    """Facts kept as text only after the first 10,000 listed in ``unparsed_remarks``:
    counted, not listed (each is still kept as text in its record)."""

    @property
    def rejected_rows(self) -> int:
        """Rows rejected, listed or counted."""
        return len(self.rejected) + self.rejected_beyond

    @property
    def orphan_rows(self) -> int:
        """Rows of a companion file without a main row, listed or counted."""
        return len(self.orphans) + self.orphans_beyond

    @property
    def left_out_rows(self) -> int:
        """Rows left out, listed or counted."""
        return len(self.left_out) + self.left_out_beyond

    @property
    def kept_as_text(self) -> int:
        """Facts kept as text only, listed or counted."""
        return len(self.unparsed_remarks) + self.unparsed_beyond

    @property
    def unlisted(self) -> int:
        """Rows that became no record and are counted but not listed one by one."""
        return self.rejected_beyond + self.orphans_beyond + self.left_out_beyond

    @property
    def not_read(self) -> int:
        """Rows read that became no record for a fault: rejected, or with no main row."""
        return self.rejected_rows + self.orphan_rows

    @property
    def balanced(self) -> bool:
        """Whether every row read is accounted for."""
        return self.rows_read == (
            self.records_made + self.rejected_rows + self.orphan_rows + self.left_out_rows
        )


@frozen
class Dataset:
    """An input a tracker was built from: the bundled fixtures, a fixture folder, a list file."""

    name: str = field(validator=_non_empty)
    kind: str = field(validator=_non_empty)
    files: tuple[str, ...] = ()
    records: int = 0
    as_of: dt.date | None = None
    accounts: tuple[FileAccount, ...] = ()
    date_source: DateSource | None = None
    """Where ``as_of`` of a list comes from (None for fixtures, whose ``as_of`` is the
    latest date their records state)."""
    published_on: dt.date | None = None
    """The date the list file itself states, if it states one."""
    list_id: str | None = None
    """The list's id (``us-ofac-sdn``) for a list file; None for fixtures."""


Record = Source | Sector | Authority | Program | Designation | Action | Advisory
"""Any record that has an id and can be fetched with ``Tracker.get``."""
