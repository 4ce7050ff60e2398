"""The same party on several lists, where the lists say so.

The EU, UK and Swiss lists give each party the UN Security Council listed its UN reference
number, and the UK Sanctions List gives each of its designations the group id it had on
OFSI's Consolidated List. The readers turn each into a :data:`~sanctions_tracker.records.SAME_PARTY`
link to the party's id on that list (``un-sc:QDi.276``, ``uk-ofsi:11050``), whether that
list is loaded or not. :class:`SameParties` joins the designations those links tie
together, directly or through a list that is not loaded (the EU's and the UK's entries for
QDi.276 are one party even without the UN list), so that a user sees every list that holds
a party and a count of parties counts it once.

>>> from sanctions_tracker.records import Designation, Link, Name, Party, PartyKind
>>> def listed(record_id, *same):
...     links = tuple(Link("same-party", target, target) for target in same)
...     party = Party(PartyKind.INDIVIDUAL, (Name("X"),), links=links)
...     return Designation(record_id, record_id.split(":")[0], party, ("P",), ("src",))
>>> eu = listed("eu-fsf:6106", "un-sc:LYi.006")
>>> uk = listed("uk-fcdo:LIB0001", "un-sc:LYi.006")
>>> parties = SameParties([eu, uk, listed("un-sc:QDi.1")])
>>> parties.of("eu-fsf:6106")
('eu-fsf:6106', 'uk-fcdo:LIB0001')
>>> parties.lists("uk-fcdo:LIB0001"), parties.count([eu.id, uk.id, "un-sc:QDi.1"])
(('eu-fsf', 'uk-fcdo'), 2)
"""

from __future__ import annotations

from collections.abc import Iterable

from sanctions_tracker.records import SAME_PARTY, Designation, id_order

__all__ = ["SameParties"]


class SameParties:
    """The designations that are one party on several lists, as the lists' links say."""

    __slots__ = ("_group", "_lists", "_members")

    def __init__(self, designations: Iterable[Designation]) -> None:
        parent: dict[str, str] = {}

        def root(key: str) -> str:
            parent.setdefault(key, key)
            while parent[key] != key:
                parent[key] = parent[parent[key]]
                key = parent[key]
            return key

        lists: dict[str, str] = {}
        for designation in designations:
            lists[designation.id] = designation.list_id
            here = root(designation.id)
            for link in designation.party.links:
                if link.relation == SAME_PARTY and link.target:
                    there = root(link.target)
                    if there != here:
                        parent[there] = here
        members: dict[str, list[str]] = {}
        for record_id in lists:
            members.setdefault(root(record_id), []).append(record_id)
        self._lists = lists
        self._members = {key: tuple(sorted(ids, key=id_order)) for key, ids in members.items()}
        self._group = {record_id: root(record_id) for record_id in lists}

    def of(self, record_id: str) -> tuple[str, ...]:
        """The ids of every designation loaded of the same party (itself included), in
        natural order; just itself when no list links it to another, or it is not loaded."""
        group = self._group.get(record_id)
        return self._members[group] if group is not None else (record_id,)

    def lists(self, record_id: str) -> tuple[str, ...]:
        """The ids of the loaded lists that hold the party of a designation."""
        return tuple(dict.fromkeys(self._lists.get(i, i.split(":")[0]) for i in self.of(record_id)))

    def groups(self) -> tuple[tuple[str, ...], ...]:
        """Every party held by more than one designation loaded, in natural order."""
        found = [ids for ids in self._members.values() if len(ids) > 1]
        return tuple(sorted(found, key=lambda ids: id_order(ids[0])))

    def count(self, record_ids: Iterable[str]) -> int:
        """How many parties the designations are: those of one party count once."""
        return len({self._group.get(record_id, record_id) for record_id in record_ids})
