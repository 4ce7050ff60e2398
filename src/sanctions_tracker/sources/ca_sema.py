"""Canada's Consolidated Autonomous Sanctions List in its XML form (``sema-lmes.xml``).

Global Affairs Canada publishes the people and entities listed under the regulations of
the Special Economic Measures Act (SEMA) and of the Justice for Victims of Corrupt Foreign
Officials Act as one XML document: root ``data-set`` (no namespace), one ``record`` per
listing with ``Country`` (the regime: the country a SEMA regulation is about, or the
name of the regulations, in English and French), ``Entity`` or ``LastName`` /
``GivenName``, ``Aliases``, ``DateOfBirth``, ``Title``, ``Schedule`` and ``Item``. It is
recognised by that root and a ``Schedule`` element in its head, never by its name.

A listing is known by its regime, schedule and item (the place it holds in the
regulations' schedule): one designation ``ca-sema:<regime>-<schedule>-<item>``
(``ca-sema:burma-1-1``, ``ca-sema:russia-1-part-2-32``), under one program per regime
(``CA-SEMA-BURMA``, ``CA-JVCFOR``), each described by a program record citing the file,
with the act it rests on. ``docs/sema.md`` maps every element to a field.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import IO

import attrs
from attrs import frozen
from lxml import etree
from rapidfuzz import fuzz

from sanctions_tracker.errors import SourceError
from sanctions_tracker.records import (
    Authority,
    AuthorityKind,
    Name,
    NameKind,
    PartialDate,
    Program,
    Source,
    Verification,
    VerificationStatus,
)
from sanctions_tracker.sources._dates import iso_day, period_date
from sanctions_tracker.sources._files import FileHead, opened
from sanctions_tracker.sources._lists import ListFormat, ListLoad, OneFile, file_source
from sanctions_tracker.sources._parties import PartyBuilder, PartyFacts, slug, tidy
from sanctions_tracker.sources._places import country_by_name
from sanctions_tracker.sources._xml import XmlHead, parse, syntax_error

__all__ = [
    "FORMAT",
    "FORMAT_NAME",
    "LIST_ID",
    "TITLE",
    "SemaFile",
    "load_sema",
    "recognise",
    "regime",
]

LIST_ID = "ca-sema"
TITLE = "Consolidated Canadian Autonomous Sanctions List"
PUBLISHER = "Global Affairs Canada"
URL = (
    "https://www.international.gc.ca/world-monde/assets/office_docs/"
    "international_relations-relations_internationales/sanctions/sema-lmes.xml"
)
FORMAT_NAME = "Canada's Consolidated Autonomous Sanctions List XML (SEMA)"
ROOT = "data-set"

_FIELDS = frozenset(
    {"Country", "Entity", "LastName", "GivenName", "Aliases", "DateOfBirth", "Title"}
    | {"Schedule", "Item"}
)


@frozen
class SemaFile(OneFile):
    """A file recognised as Canada's consolidated autonomous sanctions list."""

    group = LIST_ID

    def read(self) -> ListLoad:
        """Read the file."""
        return load_sema(self)


def recognise(head: FileHead, xml: XmlHead | None) -> SemaFile | None:
    """The file as Canada's list: root ``data-set`` and a ``Schedule`` element in its head."""
    if xml is None or xml.root != ROOT or xml.namespace or b"<Schedule>" not in head.data:
        return None
    return SemaFile(path=head.path, display=head.display, member=head.member)


# --------------------------------------------------------------------------- regimes

_SEMA = "ca-sema-act"
_ACRONYM = re.compile(r"\(([A-Z]{2,})\)")


@frozen
class Regime:
    """A regime as the ``Country`` element names it: its program id, its name, the
    country it is about (for a SEMA regulation) and the regulations it names (if any)."""

    program: str
    name: str
    country: str | None
    regulations: str | None = None


def regime(text: str) -> Regime:
    """The regime of a ``Country`` value: ``"Burma / Birmanie"`` is Burma, under SEMA;
    ``"Justice for Victims of Corrupt Foreign Officials Regulations (JVCFOR) / ..."`` the
    regulations it names (program ``CA-JVCFOR``)."""
    english = tidy(text.split(" / ", maxsplit=1)[0])
    acronym = _ACRONYM.search(english)
    if acronym is not None:
        name = english[: acronym.start()].strip()
        return Regime(f"CA-{acronym[1]}", name, None, name)
    country = country_by_name(english)
    return Regime(f"CA-SEMA-{slug(english).upper()}", english, country)


def _act_record(source: Source) -> Authority:
    return Authority(
        id=_SEMA,
        code="SEMA",
        title="Special Economic Measures Act (S.C. 1992, c. 17)",
        kind=AuthorityKind.STATUTE,
        sources=(source.id,),
        country="CA",
        summary="The act under which Canada's autonomous sanctions regulations are made.",
        verification=Verification(
            status=VerificationStatus.UNVERIFIED,
            unverified=("the act's title and citation: not verified against a primary source",),
        ),
    )


def _records(regimes: dict[str, Regime], source: Source) -> tuple[list[Program], list[Authority]]:
    """A program record per regime, and the acts they rest on."""
    programs: list[Program] = []
    authorities: dict[str, Authority] = {}
    for found in regimes.values():
        if found.regulations is None:
            authorities.setdefault(_SEMA, _act_record(source))
            act = _SEMA
            name = f"Canada: Special Economic Measures ({found.name})"
            regulations = f"the Special Economic Measures ({found.name}) Regulations"
            unverified: tuple[str, ...] = (f"that the regulations are {regulations}: not verified",)
        else:
            act = f"ca-{slug(found.program.removeprefix('CA-'))}"
            authorities.setdefault(
                act,
                Authority(
                    id=act,
                    code=found.program.removeprefix("CA-"),
                    title=found.regulations,
                    kind=AuthorityKind.REGULATION,
                    sources=(source.id,),
                    country="CA",
                    verification=Verification(
                        status=VerificationStatus.VERIFIED,
                        verified=("the regulations' name, as the list file gives it",),
                    ),
                ),
            )
            name = f"Canada: {found.regulations}"
            unverified = ()
        programs.append(
            Program(
                id=found.program,
                name=name,
                sources=(source.id,),
                country=found.country,
                authorities=(act,),
                description=f"Listings of Canada's consolidated list under {found.name!r}.",
                verification=Verification(
                    status=VerificationStatus.PARTLY_VERIFIED,
                    verified=("the regime's name, as the list file gives it",),
                    unverified=unverified,
                ),
            )
        )
    return programs, list(authorities.values())


# --------------------------------------------------------------------------- reading

_LEGAL_SUFFIX = re.compile(r"^(?:ltd|limited|inc|co|llc|plc|corp|s\.?a)\.?$", re.IGNORECASE)
_SAME_PART = 70
"""How alike (rapidfuzz ratio, 0-100) a one-word alias of a person and one of their name
parts must be for the alias to be read as a spelling of that part (Andrei / Andrey)."""


def _split_aliases(text: str) -> list[str]:
    """The aliases of an ``Aliases`` cell: comma-separated, a legal suffix (``Ltd.``) kept
    with the name before it, parentheses around a whole alias dropped."""
    found: list[str] = []
    for part in (tidy(p) for p in text.split(",")):
        if not part:
            continue
        if found and _LEGAL_SUFFIX.match(part):
            found[-1] = f"{found[-1]}, {part}"
            continue
        bare = part[1:-1].strip() if part.startswith("(") and part.endswith(")") else part
        found.append(bare)
    return found


class _Reader:
    def __init__(self, builder: PartyBuilder) -> None:
        self.builder = builder
        self.regimes: dict[str, Regime] = {}
        self.keys: dict[str, int] = {}
        self.handlers: dict[str, Callable[[PartyFacts, str, int, dict[str, str]], None]] = {
            "Aliases": self.aliases,
            "DateOfBirth": self.birth_dates,
            "Title": self.title,
        }

    def record(self, element: etree._Element) -> None:
        line = element.sourceline or 0
        cells: dict[str, str] = {}
        lines: dict[str, int] = {}
        extra: list[etree._Element] = []
        for child in element:
            tag = child.tag if isinstance(child.tag, str) else ""
            if tag not in _FIELDS or tag in cells:
                extra.append(child)
                continue
            cells[tag] = tidy(child.text)
            lines[tag] = child.sourceline or line
        country, item = cells.get("Country", ""), cells.get("Item", "")
        if not country or not item:
            missing = "Country" if not country else "Item"
            self.builder.reject(line, f"a record without {missing}: no listing can be named")
            return
        found = regime(country)
        schedule = cells.get("Schedule", "")
        parts = [found.program.removeprefix("CA-SEMA-").removeprefix("CA-")]
        if schedule and schedule.casefold() != "n/a":
            parts.append(schedule)
        key = slug("-".join((*parts, item)))
        facts = PartyFacts(key=key, line=line)
        self.regimes.setdefault(found.program, found)
        facts.programs.append(found.program)
        self.builder.read()
        if schedule:
            facts.information.append(f"Schedule {schedule}, item {item} ({country})")
        else:
            facts.information.append(f"Item {item} ({country}; no schedule given)")
        self.names(facts, cells)
        for tag, handler in self.handlers.items():
            if cells.get(tag):
                handler(facts, cells[tag], lines[tag], cells)
        for child in extra:
            tag = child.tag if isinstance(child.tag, str) else "?"
            text = f"{tag}: {tidy(child.text)}"
            reason = f"element <{tag}> is not one this loader reads (or a second one)"
            self.builder.keep(facts, child.sourceline or line, text, reason)
        self.builder.party(facts)

    def names(self, facts: PartyFacts, cells: dict[str, str]) -> None:
        entity = cells.get("Entity", "")
        person = " ".join(filter(None, (cells.get("GivenName"), cells.get("LastName"))))
        if entity:
            facts.kind = "entity"
            facts.names.append(Name(entity))
            self.builder.read()
            if person:
                reason = "a record with both an Entity and a person's name; the name kept as text"
                self.builder.keep(facts, facts.line, f"name: {person}", reason)
        elif person:
            facts.kind = "individual"
            facts.names.append(Name(person))
            self.builder.read()

    def aliases(self, facts: PartyFacts, text: str, _line: int, cells: dict[str, str]) -> None:
        given, last = cells.get("GivenName", ""), cells.get("LastName", "")
        for alias in _split_aliases(text):
            self.builder.read()
            if facts.kind != "individual" or " " in alias:
                facts.names.append(Name(alias, NameKind.AKA))
                continue
            # One word for a person: another spelling of a word of the name ("Andrei"
            # for "Andrey") gives the full name so spelt; anything else (a nickname such
            # as "Motorola") is a weak alias, as OFAC marks such names.
            words = [*given.split(), *last.split()]
            likeness = [fuzz.ratio(alias.casefold(), word.casefold()) for word in words]
            best = max(range(len(words)), key=likeness.__getitem__, default=None)
            if best is None or likeness[best] < _SAME_PART:
                facts.names.append(Name(alias, NameKind.AKA, weak=True))
                continue
            spelt = " ".join(alias if i == best else word for i, word in enumerate(words))
            facts.names.append(Name(spelt, NameKind.AKA))

    def birth_dates(self, facts: PartyFacts, text: str, line: int, _cells: dict[str, str]) -> None:
        for part in (tidy(p) for p in re.split(r"\bor\b|,", text)):
            if not part:
                continue
            born = _iso_partial(part)
            if born is None:
                reason = f"DateOfBirth {part!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"
                self.builder.keep(facts, line, f"date of birth: {part}", reason)
                continue
            if born not in facts.birth_dates:
                facts.birth_dates.append(born)
            self.builder.read()

    def title(self, facts: PartyFacts, text: str, _line: int, _cells: dict[str, str]) -> None:
        facts.positions.append(text)
        self.builder.read()


_YEAR_MONTH = re.compile(r"(\d{4})(?:-(\d{2}))?")


def _iso_partial(text: str) -> PartialDate | None:
    """``1950``, ``1950-03`` or ``1950-03-02`` as a PartialDate (None if none of these)."""
    day = iso_day(text)
    if day is not None and len(text) == 10:  # noqa: PLR2004 - "1950-03-02"
        return period_date(day, day)
    found = _YEAR_MONTH.fullmatch(text)
    if found is None:
        return None
    year, month = int(found[1]), int(found[2]) if found[2] else None
    if month is not None and not 1 <= month <= 12:  # noqa: PLR2004
        return None
    return PartialDate(year, month)


def _read(stream: IO[bytes], file: SemaFile, reader: _Reader) -> None:
    for element in parse(stream, file.display, ("record", ROOT)):
        if element.tag == "record":
            reader.record(element)
            element.clear(keep_tail=False)
            continue
        for child in element:  # the root's end: anything but a record is no listing
            if child.tag != "record" and isinstance(child.tag, str):
                reason = f"an element <{child.tag}> where the list has <record>; not read"
                reader.builder.reject(child.sourceline or 0, reason)


def load_sema(file: SemaFile) -> ListLoad:
    """Load Canada's list: a designation per record, a program per regime."""
    builder = PartyBuilder(file.display, f"{FORMAT_NAME}{file.packing}", facts="elements")
    reader = _Reader(builder)
    with opened(file.path, file.display) as (stream, _):
        try:
            _read(stream, file, reader)
        except etree.XMLSyntaxError as error:
            raise syntax_error(file.display, error) from None
    if not builder.rows:
        msg = f"{file.display}: Canada's list holds no record"
        raise SourceError(msg)
    source = file_source(LIST_ID, publisher=PUBLISHER, title=TITLE, file_name=file.name, url=URL)
    loaded = builder.make_load(list_id=LIST_ID, title=TITLE, source=source, as_of=None)
    programs, authorities = _records(reader.regimes, source)
    return attrs.evolve(
        loaded, program_records=tuple(programs), authority_records=tuple(authorities)
    )


FORMAT = ListFormat(name=FORMAT_NAME, lists={LIST_ID: TITLE}, recognise=recognise)
"""Canada's list's format, for the registry."""
