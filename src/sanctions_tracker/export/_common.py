"""What the FollowTheMoney and Senzing exports share: which designations go out, how a
relation reads, which source is the list's own, and naming parties the list only names."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING

from sanctions_tracker.errors import NotFoundError, QueryError
from sanctions_tracker.records import Designation, Program, Source

if TYPE_CHECKING:
    from sanctions_tracker.tracker import Tracker

__all__ = [
    "Selection",
    "authorities_countries",
    "key_of",
    "list_source",
    "relation_label",
    "unique",
]


def relation_label(relation: str) -> str:
    """A relation as words: ``owned-or-controlled-by`` -> ``owned or controlled by``."""
    return relation.replace("-", " ")


class Selection:
    """The designations an export writes, and what it needs of the tracker to write them.

    ``chosen`` are the designations asked for, in id order; ``linked`` are the designations
    they link to (``Party.links``, a vessel's owner, an aircraft's operator) that were not
    asked for: they come along so that every link of the export points at a party in it.
    """

    def __init__(self, tracker: Tracker, designations: Iterable[Designation] | None) -> None:
        self.tracker = tracker
        self._programs: dict[str, Program | None] = {}
        self._countries: dict[str, list[str]] = {}
        everything = tracker.designations()
        self.chosen: tuple[Designation, ...] = (
            everything if designations is None else tuple(dict.fromkeys(designations))
        )
        self._by_id = {d.id: d for d in everything}
        self._by_name: defaultdict[str, list[str]] = defaultdict(list)
        for designation in everything:
            self._by_name[designation.name.casefold()].append(designation.id)
        chosen_ids = {d.id for d in self.chosen}
        linked: dict[str, Designation] = {}
        for designation in self.chosen:
            for target in self.targets(designation):
                if target not in chosen_ids and target in self._by_id:
                    linked.setdefault(target, self._by_id[target])
        self.linked: tuple[Designation, ...] = tuple(linked.values())
        self.ids = chosen_ids | linked.keys()

    @property
    def all(self) -> tuple[Designation, ...]:
        """The chosen designations, then the linked ones."""
        return self.chosen + self.linked

    def by_name(self, name: str) -> str | None:
        """The id of the one designation whose primary name is ``name`` (any case)."""
        found = self._by_name.get(name.casefold(), [])
        return found[0] if len(found) == 1 else None

    def targets(self, designation: Designation) -> list[str]:
        """Ids of the designations a designation links to or names as owner or operator."""
        party = designation.party
        found = [link.target for link in party.links if link.target is not None]
        names = [party.vessel.owner] if party.vessel and party.vessel.owner else []
        names += list(party.aircraft.operators) if party.aircraft else []
        found += [i for i in map(self.by_name, names) if i is not None]
        return found

    def program(self, program_id: str) -> Program | None:
        """The program with this id, if the tracker has it."""
        if program_id not in self._programs:
            try:
                self._programs[program_id] = self.tracker.program(program_id)
            except QueryError:
                self._programs[program_id] = None
        return self._programs[program_id]

    def authority_countries(self, program_id: str) -> list[str]:
        """The countries of the authorities a program rests on."""
        if program_id not in self._countries:
            program = self.program(program_id)
            found: dict[str, None] = {}
            for authority_id in program.authorities if program else ():
                try:
                    found.setdefault(self.tracker.authority(authority_id).country)
                except QueryError:
                    continue
            self._countries[program_id] = list(found)
        return self._countries[program_id]

    def sources(self, designation: Designation) -> list[Source]:
        """The sources a designation cites, those the tracker has."""
        found = []
        for source_id in designation.sources:
            try:
                found.append(self.tracker.source(source_id))
            except NotFoundError:
                continue
        return found


def list_source(sources: Iterable[Source]) -> Source | None:
    """The source that is the list file itself: list loaders name it ``src-<list>:<file>``
    (and ``...:<code>`` for one list of a combined file); the most specific one wins. A
    curated record that no list file backs has none: its first source stands in."""
    cited = list(sources)
    files = [s for s in cited if ":" in s.id]
    if files:
        return max(files, key=lambda s: s.id.count(":"))
    return cited[0] if cited else None


def authorities_countries(selection: Selection, designation: Designation) -> list[str]:
    """The countries of the authorities the designation's programs rest on."""
    return unique(c for p in designation.programs for c in selection.authority_countries(p))


def unique(values: Iterable[str | None]) -> list[str]:
    """The values that are not None, each once, in order."""
    return list(dict.fromkeys(v for v in values if v is not None))


def key_of(designation: Designation) -> str:
    """The designation's key on its list: ``us-ofac-sdn:27844`` -> ``27844``."""
    head, colon, tail = designation.id.partition(":")
    return tail if colon and head == designation.list_id else designation.id
