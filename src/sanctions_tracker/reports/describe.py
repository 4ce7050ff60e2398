"""Records described for reading: ``show``'s table form, for any kind of record.

>>> import sanctions_tracker as st
>>> from sanctions_tracker.reports.describe import describe
>>> tracker = st.load()
>>> print(describe(tracker, tracker.get("steel")), end="")
Steel (sector steel)
  path:         industry > metals > steel
  description:  Steelmaking and steel products.
  aliases:      iron and steel, steelmaking, steel industry
  designations: 10
  read from:    bundled/sectors.json $.sectors[3]

A description resolves what a record refers to through the tracker: program and
authority ids to their names, sector ids to their place in the taxonomy, source ids to
publisher, title and URL, and a designation to the actions that produced it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from sanctions_tracker.records import (
    Action,
    Advisory,
    Authority,
    Designation,
    Identifier,
    Name,
    Program,
    ProgramSector,
    Record,
    Sector,
    Source,
    Verification,
)
from sanctions_tracker.reports.listing import cell_text
from sanctions_tracker.reports.wording import verification_lines

if TYPE_CHECKING:
    from sanctions_tracker.tracker import Tracker

__all__ = ["describe"]


class _Doc:
    """A readable, indented description of a record, built line by line."""

    def __init__(self, title: str) -> None:
        self.lines = [title]

    def field(self, label: str, value: Any) -> None:
        text = cell_text(value)
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
        doc.block(f"verification ({verification.status.value})", verification_lines(verification))
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


def _name(name: Name) -> str:
    """A name with its role, and its script and language where the list gives them (a
    script is said when it is not the Latin one most names are written in)."""
    details = _join(
        name.kind.value,
        "weak alias" if name.weak else None,
        f"script {name.script}" if name.script and name.script != "Latn" else None,
        f"language {name.language}" if name.language else None,
    )
    return f"{name.full} ({details})"


def _same_party(tracker: Tracker, d: Designation) -> list[str]:
    """Every loaded list that holds the party, each with its designation, and the names
    the other lists give it that this one does not."""
    ids = tracker.same_parties.of(d.id)
    if len(ids) < 2:  # noqa: PLR2004 - one designation: no other list holds the party
        return []
    known = {n.full.casefold() for n in d.party.names}
    lines = []
    for other_id in ids:
        other = tracker.get(other_id)
        if not isinstance(other, Designation):
            continue
        listed = f", listed {other.listed_on}" if other.listed_on else ""
        here = " (this record)" if other.id == d.id else ""
        lines.append(f"{tracker.list_title(other.list_id)}: {other.id} {other.name}{listed}{here}")
        lines.extend(
            f"  {_name(n)}"
            for n in other.party.names
            if other.id != d.id and n.full.casefold() not in known
        )
    return lines


def _show_designation(tracker: Tracker, d: Designation) -> str:
    party = d.party
    doc = _Doc(f"{d.name} ({party.kind.value}, designation {d.id})")
    doc.field("list", d.list_id)
    doc.block("on lists", _same_party(tracker, d))
    doc.field("status", d.status.value)
    doc.field("listed on", d.listed_on)
    doc.field("delisted on", d.delisted_on)
    doc.field("first seen", d.first_seen)
    doc.field("last seen", d.last_seen)
    doc.block("names", (_name(n) for n in party.names))
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
    doc.block(f"verification ({s.verification.status.value})", verification_lines(s.verification))
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
