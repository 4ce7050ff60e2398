"""What the list readers share: a party's facts as read, and how they become records.

A reader walks its format and fills one :class:`PartyFacts` per party with what the file
states in structure (names, addresses, identity documents, countries, vessel data,
relationships, programs, birth data) and, for facts written as labelled text, a
remark-style segment ``"<label> <value>"`` read by the remarks rules
(``ofac_remarks.parse_remarks``, whose labels OFAC's XML feature types, the CSL and other
lists share).

:class:`PartyBuilder` keeps the account: every party element or row is made into a
designation or rejected with its line and reason; every fact is counted, and one that is
not turned into a field (a value that cannot be read, a type not known here) is listed
with its line and kept as text in the record's ``information``. :meth:`PartyBuilder.make_load`
makes the load under the list's id and citation.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping

import attrs
from attrs import define, field

from sanctions_tracker.records import (
    SAME_PARTY,
    Address,
    Designation,
    FileAccount,
    Identifier,
    Link,
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
from sanctions_tracker.sources._lists import ListLoad
from sanctions_tracker.sources._problems import ProblemLog, account_fields
from sanctions_tracker.sources.ofac_remarks import ParsedRemarks, parse_remarks

__all__ = [
    "ALIAS_KINDS",
    "PARTY_KINDS",
    "PartyBuilder",
    "PartyFacts",
    "slug",
    "tidy",
]

PARTY_KINDS = {
    "individual": PartyKind.INDIVIDUAL,
    "entity": PartyKind.ENTITY,
    "vessel": PartyKind.VESSEL,
    "aircraft": PartyKind.AIRCRAFT,
    "unknown": PartyKind.UNKNOWN,
}
"""Party kinds by the XML's party type or subtype, in lower case (``unknown`` for a list
that does not say)."""

ALIAS_KINDS = {"a.k.a.": NameKind.AKA, "f.k.a.": NameKind.FKA, "n.k.a.": NameKind.NKA}
"""Name kinds by the XML's alias type, in lower case (any other type is an a.k.a.)."""


def tidy(text: str | None) -> str:
    """The text with its runs of white space made single spaces ('' for None)."""
    return " ".join(text.split()) if text else ""


def slug(text: str) -> str:
    """``"Owned or Controlled By"`` -> ``"owned-or-controlled-by"``."""
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-") or "unnamed"


@define
class PartyFacts:
    """What a list file says of one party, gathered as it is read.

    ``segments`` are remark-style texts (``"ISIN US1694261033"``) to be read by the CSV
    remarks rules; ``links`` are (relation, target key or None, target name, line);
    ``listed`` the dates the party entered each list it is on (the earliest is its
    listing date: the umbrella Consolidated List is younger than the lists it gathers).
    ``birth_dates``, ``birth_places``, ``positions``, ``gender`` and ``notes`` (sanctions
    notes) are facts a format states in structure; they come before what the segments give.
    """

    key: str
    line: int
    kind: str | None = None
    names: list[Name] = field(factory=list)
    segments: list[str] = field(factory=list)
    nationalities: list[str] = field(factory=list)
    citizenships: list[str] = field(factory=list)
    identifiers: list[Identifier] = field(factory=list)
    addresses: list[Address] = field(factory=list)
    vessel: dict[str, str] = field(factory=dict)
    links: list[tuple[str, str | None, str, int]] = field(factory=list)
    programs: list[str] = field(factory=list)
    listed: list[dt.date] = field(factory=list)
    remarks: str | None = None
    information: list[str] = field(factory=list)
    birth_dates: list[PartialDate] = field(factory=list)
    birth_places: list[str] = field(factory=list)
    positions: list[str] = field(factory=list)
    gender: str | None = None
    notes: list[str] = field(factory=list)
    elsewhere: list[tuple[str, str]] = field(factory=list)
    """The party on other lists, as this list says: (its id there, ``un-sc:QDi.276``;
    what the list says, ``UN reference QDi.276``). Each becomes a SAME_PARTY link."""


_NOTHING = ParsedRemarks()


class PartyBuilder:
    """Gathers the parties of one list file and keeps its account; ``make_load`` makes the
    load."""

    def __init__(
        self, display: str, file_format: str, facts: str = "features, documents and remarks"
    ) -> None:
        self.display = display
        self.format = file_format
        self.facts_name = facts
        self.parties: dict[str, PartyFacts] = {}
        self.rows = 0
        self.made = 0
        self.rejected = ProblemLog()
        self.orphans = ProblemLog()
        self.left = ProblemLog()
        self.merged: list[tuple[str, int]] = []
        self.facts = 0
        self.facts_read = 0
        self.kept = ProblemLog()
        self.verification = Verification(
            status=VerificationStatus.VERIFIED, verified=("as published in the list file",)
        )

    # ----------------------------------------------------------------------- parties

    def party(self, facts: PartyFacts) -> None:
        """A party element read: kept, or rejected when its key was seen before."""
        self.rows += 1
        first = self.parties.get(facts.key)
        if first is not None:
            reason = f"a second entry with id {facts.key} (the first is on line {first.line})"
            self.rejected.append(RowProblem(self.display, facts.line, reason, facts.key))
            return
        self.parties[facts.key] = facts

    def reject(self, line: int, reason: str, key: str | None = None) -> None:
        """A party element that cannot be read at all."""
        self.rows += 1
        self.rejected.append(RowProblem(self.display, line, reason, key))

    def orphan(self, line: int, reason: str, key: str | None = None) -> None:
        """An element about a party that is not in the file (a sanctions entry, a document)."""
        self.rows += 1
        self.orphans.append(RowProblem(self.display, line, reason, key))

    def merge(self, key: str, line: int) -> None:
        """A row that adds to the party of an earlier row (another address of one entry,
        another name of one reference): part of that party's record."""
        self.rows += 1
        self.merged.append((key, line))

    def leave_out(self, line: int, reason: str, key: str | None = None) -> None:
        """A row read and deliberately not loaded, though nothing is wrong with it."""
        self.rows += 1
        self.left.append(RowProblem(self.display, line, reason, key))

    # ----------------------------------------------------------------------- facts

    def keep_text(self, facts: PartyFacts, line: int, text: str, reason: str) -> None:
        """A fact not turned into a field: listed in the account, kept as text."""
        self.kept.append(RowProblem(self.display, line, reason, facts.key))
        facts.information.append(text)

    def read(self) -> None:
        """A fact turned into a field."""
        self.facts += 1
        self.facts_read += 1

    def keep(self, facts: PartyFacts, line: int, text: str, reason: str) -> None:
        """A fact that could not be turned into a field: counted, listed, kept as text."""
        self.facts += 1
        self.keep_text(facts, line, text, reason)

    def doubt(self, facts: PartyFacts, line: int, reason: str) -> None:
        """A fact read into a field by a guess (an unknown document type, say): counted and
        listed in the account, as the guess may be wrong."""
        self.facts += 1
        self.kept.append(RowProblem(self.display, line, reason, facts.key))

    def address(self, facts: PartyFacts, address: Address) -> None:
        """An address of the party."""
        self.facts += 1
        self.facts_read += 1
        facts.addresses.append(address)

    def document(
        self,
        facts: PartyFacts,
        type_name: str,
        number: str | None,
        line: int,
        *,
        country: str | None = None,
        issued: PartialDate | None = None,
        expires: PartialDate | None = None,
        validity: str | None = None,
        authority: str | None = None,
    ) -> None:
        """An identity document: read as the CSV remarks label ``<type> <number>`` is, with
        the country, dates and validity the XML gives beside it."""
        self.facts += 1
        label, number = tidy(type_name), tidy(number)
        if not number:
            self.keep_text(facts, line, label, f"identity document {label!r} has no number")
            return
        parsed = parse_remarks(f"{label} {number}")
        known = len(parsed.identifiers) == 1 and not parsed.unparsed and parsed.segments == 1
        found = (
            parsed.identifiers[0]
            if known
            else Identifier(kind=slug(label), value=number, note=label)
        )
        notes = [found.note] if found.note else []
        if validity and validity.casefold() != "valid":
            notes.append(validity.lower())
        if authority:
            notes.append(f"issued by {tidy(authority)}")
        facts.identifiers.append(
            attrs.evolve(
                found,
                country=country or found.country,
                issued_on=issued or found.issued_on,
                expires_on=expires or found.expires_on,
                note="; ".join(notes) or None,
            )
        )
        if known:
            self.facts_read += 1
        else:
            reason = f"identity document type {label!r} is not known; kept as {found.kind!r}"
            self.kept.append(RowProblem(self.display, line, reason, facts.key))

    # ----------------------------------------------------------------------- the end

    def make_load(
        self, *, list_id: str, title: str, source: Source, as_of: dt.date | None
    ) -> ListLoad:
        """The designations (ids ``<list_id>:<key>``) and the account, citing ``source``."""
        names = {
            key: next((n.full for n in facts.names if n.kind is NameKind.PRIMARY), "")
            for key, facts in self.parties.items()
        }
        designations: list[Designation] = []
        programs: dict[str, None] = {}
        for facts in self.parties.values():
            try:
                designation = self._designation(facts, list_id, source.id, names)
            except ValueError as error:
                self.rejected.append(RowProblem(self.display, facts.line, str(error), facts.key))
                continue
            designations.append(designation)
            programs.update(dict.fromkeys(designation.programs))
            self.made += 1
        made = {d.id for d in designations}
        merged: list[tuple[str, int]] = []
        for key, line in self.merged:
            if f"{list_id}:{key}" in made:
                merged.append((f"{list_id}:{key}", line))
                self.made += 1
            else:
                reason = f"part of entry {key}, which is not loaded (see its own line)"
                self.rejected.append(RowProblem(self.display, line, reason, key))
        account = FileAccount(
            file=self.display,
            format=self.format,
            rows_read=self.rows,
            records_made=self.made,
            **account_fields(rejected=self.rejected, orphans=self.orphans, left_out=self.left),
            remark_segments=self.facts,
            remark_segments_parsed=self.facts_read,
            unparsed_remarks=self.kept.kept(),
            unparsed_beyond=self.kept.beyond,
            facts=self.facts_name,
        )
        return ListLoad(
            list_id=list_id,
            title=title,
            source=source,
            designations=tuple(designations),
            programs=tuple(programs),
            accounts=(account,),
            as_of=as_of,
            merged_rows=tuple(merged),
        )

    def version(self, facts: PartyFacts, *, list_id: str, source: Source) -> Designation:
        """A designation made of an earlier version of a party's facts (a list file that
        carries its own history), with links resolved against the parties read; the
        account is left as it is (the version's elements are counted where they are read).
        Raises ValueError as ``make_load`` rejects a party."""
        names = {
            key: next((n.full for n in found.names if n.kind is NameKind.PRIMARY), "")
            for key, found in self.parties.items()
        }
        counts, kept = (self.facts, self.facts_read), self.kept.mark()
        try:
            return self._designation(facts, list_id, source.id, names)
        finally:
            self.facts, self.facts_read = counts
            self.kept.back_to(kept)

    def _links(self, facts: PartyFacts, list_id: str, names: Mapping[str, str]) -> tuple[Link, ...]:
        links = []
        for text, target, name, line in facts.links:
            self.facts += 1
            relation = slug(text)
            if target is not None and names.get(target):
                links.append(Link(relation, names[target], f"{list_id}:{target}"))
                self.facts_read += 1
            elif name:  # a party of another list (the SDN list, for the Consolidated)
                links.append(Link(relation, name))
                self.facts_read += 1
            else:
                reason = f"a relationship ({text}) to entry {target}, which is not in the file"
                self.keep_text(facts, line, f"{text}: entry {target}", reason)
        links.extend(Link(SAME_PARTY, name, target) for target, name in facts.elsewhere)
        return tuple(links)

    def _designation(
        self, facts: PartyFacts, list_id: str, source_id: str, names: Mapping[str, str]
    ) -> Designation:
        kind = PARTY_KINDS.get((facts.kind or "").casefold())
        if kind is None:
            msg = f"party type {facts.kind!r} is not individual, entity, vessel or aircraft"
            raise ValueError(msg)
        primaries = [n for n in facts.names if n.kind is NameKind.PRIMARY]
        if not primaries:
            msg = "the entry has no primary name"
            raise ValueError(msg)
        if not facts.programs:
            msg = "the entry names no sanctions program"
            raise ValueError(msg)
        for tag in facts.programs:
            if not is_valid_id(tag):
                msg = f"the program tag {tag!r} is not a usable id"
                raise ValueError(msg)
        text = "; ".join(facts.segments)
        parsed = parse_remarks(text) if text else _NOTHING
        aliases = [
            n if n.kind is not NameKind.PRIMARY else attrs.evolve(n, kind=NameKind.AKA)
            for n in facts.names
            if n is not primaries[0]
        ]
        party = Party(
            kind=kind,
            names=tuple(dict.fromkeys((primaries[0], *aliases, *parsed.aliases))),
            birth_dates=(*facts.birth_dates, *parsed.birth_dates),
            birth_places=(*facts.birth_places, *parsed.birth_places),
            nationalities=tuple(dict.fromkeys((*facts.nationalities, *parsed.nationalities))),
            citizenships=tuple(dict.fromkeys((*facts.citizenships, *parsed.citizenships))),
            gender=facts.gender or parsed.gender,
            positions=(*facts.positions, *parsed.positions),
            identifiers=(*facts.identifiers, *parsed.identifiers),
            addresses=tuple(facts.addresses),
            links=self._links(facts, list_id, names),
            vessel=_vessel(facts.vessel, parsed),
            aircraft=parsed.aircraft,
            established_on=parsed.established_on,
            organization_type=parsed.organization_type,
            information=(*parsed.other, *facts.information),
            remarks=facts.remarks,
        )
        return Designation(
            id=f"{list_id}:{facts.key}",
            list_id=list_id,
            party=party,
            programs=tuple(dict.fromkeys(facts.programs)),
            listed_on=min(facts.listed, default=None),
            sources=(source_id,),
            notes=(*facts.notes, *parsed.sanctions_notes),
            verification=self.verification,
            origin=Origin(file=self.display, line=facts.line),
        )


def _vessel(columns: Mapping[str, str], parsed: ParsedRemarks) -> VesselInfo | None:
    details = parsed.vessel
    if not columns and not details:
        return None
    return VesselInfo(
        call_sign=columns.get("call_sign"),
        vessel_type=columns.get("vessel_type"),
        tonnage=columns.get("tonnage"),
        gross_registered_tonnage=columns.get("gross_registered_tonnage"),
        flag=columns.get("flag"),
        owner=columns.get("owner"),
        year_of_build=details.year_of_build,
        other_flags=details.other_flags,
        former_flags=details.former_flags,
        other_types=details.other_types,
        other_call_signs=details.other_call_signs,
    )
