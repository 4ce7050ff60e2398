"""List history: what changed between two versions of a list, and what stood on a date.

:class:`ListDiff` is the record of a change between two versions: the designations added,
the ones removed, and the ones amended with each change field by field (names and
aliases, programs, birth dates, identifiers, addresses, links, sectors ...), in the
natural order of their ids. :func:`diff_designations` computes it from two sets of
designations; ``sanctions_tracker.diff`` takes files or trackers.

:class:`History` holds the as-of dates of several snapshots of one list and when each
designation was first and last seen in them; ``Tracker.as_of(date)`` gives the tracker as
the list stood on a date. A list file that carries its own history (SECO's: each entry's
listing, amendments and delisting, dated) gives each designation's dated versions:
:func:`own_history` makes its History (a snapshot for each day the file records a
change) and :func:`versions_on` the designations as they stood on a day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence

from attrs import field, frozen

from sanctions_tracker.errors import QueryError
from sanctions_tracker.records import (
    Address,
    Designation,
    FileAccount,
    Identifier,
    Name,
    PartyKind,
    Stamp,
    id_order,
)

__all__ = [
    "DIFF_SCHEMA",
    "Amendment",
    "DiffEntry",
    "FieldChange",
    "History",
    "ListDiff",
    "Snapshot",
    "designation_changes",
    "diff_designations",
    "order_note",
    "own_history",
    "versions_on",
]

DIFF_SCHEMA = "sanctions-tracker/list-diff/1"
"""The name and version of the JSON schema of a :class:`ListDiff`."""


@frozen
class FieldChange:
    """One field of an amended designation: the values added and the values removed."""

    field: str
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()


@frozen
class DiffEntry:
    """An added or removed designation: who, and under which programs."""

    id: str
    name: str
    kind: PartyKind
    programs: tuple[str, ...]


@frozen
class Amendment:
    """An amended designation (as it stands in the newer version) and what changed.

    ``previous_names`` are the names it was listed under before (primary first), so that a
    re-screening can tell a customer who matches only the new names.
    """

    id: str
    name: str
    kind: PartyKind
    programs: tuple[str, ...]
    changes: tuple[FieldChange, ...]
    previous_names: tuple[str, ...] = ()


@frozen
class ListDiff:
    """What changed between two versions of a list (``old`` and ``new`` name them)."""

    old: str
    new: str
    old_as_of: dt.date | None
    new_as_of: dt.date | None
    added: tuple[DiffEntry, ...]
    removed: tuple[DiffEntry, ...]
    amended: tuple[Amendment, ...]
    schema: str = DIFF_SCHEMA
    order_note: str | None = None
    """Why the order of the two versions cannot be known, and what the entries' numbers
    suggest; None when both versions are dated (and so checked to be in order)."""
    stamp: Stamp | None = field(default=None, eq=False)
    """When, by what and from which files the diff was made (not part of the diff's
    value: two diffs of the same versions are equal whenever they were made)."""

    @property
    def empty(self) -> bool:
        """Whether nothing changed."""
        return not (self.added or self.removed or self.amended)

    def counts(self) -> dict[str, int]:
        """How many designations were added, removed and amended."""
        return {
            "added": len(self.added),
            "removed": len(self.removed),
            "amended": len(self.amended),
        }

    def changed_ids(self) -> frozenset[str]:
        """The ids of the designations added or amended (what a re-screening must cover)."""
        return frozenset(e.id for e in self.added) | {a.id for a in self.amended}

    def to_markdown(self) -> str:
        """A changelog to read, like OFAC's Recent Actions: counts, then by program."""
        from sanctions_tracker.reports.diff import render_diff_markdown  # noqa: PLC0415

        return render_diff_markdown(self)

    def to_json(self, *, indent: int | None = 2) -> str:
        """The diff as JSON (schema in ``docs/history.md``)."""
        from sanctions_tracker.reports.diff import render_diff_json  # noqa: PLC0415

        return render_diff_json(self, indent=indent)

    def to_csv(self) -> str:
        """One CSV row per change: change, id, name, programs, field, added, removed."""
        from sanctions_tracker.reports.diff import render_diff_csv  # noqa: PLC0415

        return render_diff_csv(self)


# --------------------------------------------------------------------------- comparing


def _name(name: Name) -> str:
    strength = "weak " if name.weak else ""
    return f"{name.full} ({strength}{name.kind.value})"


def _identifier(identifier: Identifier) -> str:
    text = f"{identifier.kind} {identifier.value}"
    if identifier.country:
        text += f" ({identifier.country})"
    if identifier.issued_on:
        text += f" issued {identifier.issued_on}"
    if identifier.expires_on:
        text += f" expires {identifier.expires_on}"
    return text


def _address(address: Address) -> str:
    parts = (address.street, address.city, address.region, address.postal_code, address.country)
    return ", ".join(p for p in parts if p) or "(empty address)"


_FIELDS: tuple[tuple[str, Callable[[Designation], Iterable[str]]], ...] = (
    ("name", lambda d: (d.party.name,)),
    ("kind", lambda d: (d.party.kind.value,)),
    ("aliases", lambda d: map(_name, d.party.aliases)),
    ("programs", lambda d: d.programs),
    ("birth_dates", lambda d: map(str, d.party.birth_dates)),
    ("birth_places", lambda d: d.party.birth_places),
    ("nationalities", lambda d: d.party.nationalities),
    ("citizenships", lambda d: d.party.citizenships),
    ("gender", lambda d: (d.party.gender,) if d.party.gender else ()),
    ("positions", lambda d: d.party.positions),
    ("identifiers", lambda d: map(_identifier, d.party.identifiers)),
    ("addresses", lambda d: map(_address, d.party.addresses)),
    ("links", lambda d: (link.name for link in d.party.links)),
    ("vessel", lambda d: (repr(d.party.vessel),) if d.party.vessel else ()),
    ("sanctions_notes", lambda d: d.notes),
    ("sectors", lambda d: (a.sector for a in d.sectors)),
    ("status", lambda d: (d.status.value,)),
)
"""The fields compared, each as a function giving its values as text."""


def _changes(field_name: str, old: Iterable[str], new: Iterable[str]) -> FieldChange | None:
    before = list(dict.fromkeys(old))
    after = list(dict.fromkeys(new))
    if before == after:
        return None
    was, now = set(before), set(after)
    added = tuple(v for v in after if v not in was)
    removed = tuple(v for v in before if v not in now)
    if not added and not removed:  # the same values in another order
        return FieldChange(field_name, added=("(reordered)",), removed=())
    return FieldChange(field_name, added=added, removed=removed)


def designation_changes(old: Designation, new: Designation) -> tuple[FieldChange, ...]:
    """Field-by-field changes from ``old`` to ``new``; the remarks count when nothing else
    explains a change in them."""
    if old.party is new.party and old.programs == new.programs and old.sectors == new.sectors:
        return ()
    changes = [
        change
        for name, values in _FIELDS
        if (change := _changes(name, values(old), values(new))) is not None
    ]
    if not changes and (old.party.remarks or "") != (new.party.remarks or ""):
        changes.append(
            FieldChange(
                "remarks",
                added=(new.party.remarks,) if new.party.remarks else (),
                removed=(old.party.remarks,) if old.party.remarks else (),
            )
        )
    return tuple(changes)


def _entry(designation: Designation) -> DiffEntry:
    return DiffEntry(
        id=designation.id,
        name=designation.name,
        kind=designation.party.kind,
        programs=designation.programs,
    )


def diff_designations(
    old: Mapping[str, Designation],
    new: Mapping[str, Designation],
    *,
    old_name: str = "old",
    new_name: str = "new",
    old_as_of: dt.date | None = None,
    new_as_of: dt.date | None = None,
) -> ListDiff:
    """The :class:`ListDiff` from one set of designations (by id) to another."""
    added = sorted((i for i in new if i not in old), key=id_order)
    removed = sorted((i for i in old if i not in new), key=id_order)
    amended = []
    for record_id in sorted((i for i in new if i in old), key=id_order):
        changes = designation_changes(old[record_id], new[record_id])
        if changes:
            designation = new[record_id]
            amended.append(
                Amendment(
                    id=record_id,
                    name=designation.name,
                    kind=designation.party.kind,
                    programs=designation.programs,
                    changes=changes,
                    previous_names=tuple(n.full for n in old[record_id].party.names),
                )
            )
    return ListDiff(
        old=old_name,
        new=new_name,
        old_as_of=old_as_of,
        new_as_of=new_as_of,
        added=tuple(_entry(new[i]) for i in added),
        removed=tuple(_entry(old[i]) for i in removed),
        amended=tuple(amended),
        order_note=order_note(old, new, old_name, new_name, (old_as_of, new_as_of)),
    )


def _numbers(ids: Iterable[str]) -> list[int]:
    """The entry numbers of ids that end in one (``us-ofac-sdn:27844`` gives 27844)."""
    found = []
    for record_id in ids:
        tail = record_id.rpartition(":")[2]
        if tail.isdigit():
            found.append(int(tail))
    return found


def order_note(
    old: Mapping[str, Designation],
    new: Mapping[str, Designation],
    old_name: str,
    new_name: str,
    dates: tuple[dt.date | None, dt.date | None],
) -> str | None:
    """Why the order of two versions cannot be known, or None when both are dated.

    OFAC numbers new entries upward: an entry only in the older version numbered above
    every entry of the newer one says the two were given the wrong way round, and entries
    only in the newer version numbered above every entry of the older one agree with the
    order given. Without either, nothing tells.
    """
    if dates[0] is not None and dates[1] is not None:
        return None
    undated = [name for name, day in zip((old_name, new_name), dates, strict=True) if day is None]
    states = "state" if len(undated) > 1 else "states"
    head = (
        f"the order of {old_name} and {new_name} cannot be known from their dates "
        f"({' and '.join(undated)} {states} none; give the dates as DATE=PATH)"
    )
    old_numbers, new_numbers = _numbers(old), _numbers(new)
    if not old_numbers or not new_numbers:
        return head
    old_top, new_top = max(old_numbers), max(new_numbers)
    removed_above = sum(1 for n in _numbers(i for i in old if i not in new) if n > new_top)
    added_above = sum(1 for n in _numbers(i for i in new if i not in old) if n > old_top)
    if removed_above and not added_above:
        return (
            f"{head}; they look reversed: {removed_above:,} entries only in {old_name} are "
            f"numbered above every entry of {new_name}, and the list numbers new entries "
            "upward: give the older version first"
        )
    if added_above and not removed_above:
        return (
            f"{head}; the entries' numbers agree with the order given ({added_above:,} "
            f"entries only in {new_name} are numbered above every entry of {old_name})"
        )
    return f"{head}, and the entries' numbers do not tell"


# --------------------------------------------------------------------------- history


@frozen
class Snapshot:
    """One version of a list in a history: its as-of date, its file, how many entries,
    and the account of every row of its files (as ``Dataset.accounts``)."""

    as_of: dt.date
    name: str
    designations: int
    accounts: tuple[FileAccount, ...] = field(default=(), eq=False, repr=False)
    published_on: dt.date | None = None
    """The date the file itself states, if it states one."""


@frozen
class History:
    """The snapshots of one list, oldest first, and when each designation was seen."""

    list_id: str
    snapshots: tuple[Snapshot, ...]
    first_seen: Mapping[str, dt.date] = field(eq=False, repr=False)
    last_seen: Mapping[str, dt.date] = field(eq=False, repr=False)

    @property
    def first(self) -> dt.date:
        """The as-of date of the oldest snapshot."""
        return self.snapshots[0].as_of

    @property
    def last(self) -> dt.date:
        """The as-of date of the newest snapshot."""
        return self.snapshots[-1].as_of

    def snapshot_on(self, day: dt.date) -> Snapshot:
        """The snapshot in force on ``day``: the newest one as of that day or earlier."""
        if not self.first <= day <= self.last:
            msg = (
                f"{day} is outside the history of {self.list_id} "
                f"({self.first} to {self.last}); give a date in that range"
            )
            raise QueryError(msg)
        found = self.snapshots[0]
        for snapshot in self.snapshots:
            if snapshot.as_of <= day:
                found = snapshot
        return found


def seen_dates(
    dated: Sequence[tuple[dt.date, Iterable[str]]],
) -> tuple[dict[str, dt.date], dict[str, dt.date]]:
    """When each id was first and last seen, over snapshots given oldest first."""
    first: dict[str, dt.date] = {}
    last: dict[str, dt.date] = {}
    for as_of, ids in dated:
        for record_id in ids:
            first.setdefault(record_id, as_of)
            last[record_id] = as_of
    return first, last


Versions = Sequence[Sequence[tuple[dt.date | None, Designation]]]
"""Each designation's versions, oldest first: (the day it stood so from, None for before
any day the file dates; the designation as it stood)."""


def versions_on(versions: Versions, day: dt.date) -> tuple[Designation, ...]:
    """The designations as they stood on ``day``: each one's newest version from that day or
    earlier (one listed later is not yet on the list)."""
    found = []
    for history in versions:
        current = None
        for since, designation in history:
            if since is None or since <= day:
                current = designation
        if current is not None:
            found.append(current)
    return tuple(found)


def own_history(list_id: str, name: str, versions: Versions, as_of: dt.date | None) -> History:
    """The History of a list file that carries its own: a snapshot for each day it records
    a change (and its own date, the newest); each designation first seen on its first
    dated version (the history's first day when it was listed before any day given) and
    last seen on the file's day."""
    days = sorted({since for history in versions for since, _ in history if since is not None})
    last = max([*days, *([as_of] if as_of else [])], default=None)
    if last is None:
        msg = f"{name}: the list file dates no change and has no date of its own"
        raise QueryError(msg)
    if not days or days[-1] != last:
        days.append(last)
    snapshots = tuple(
        Snapshot(as_of=day, name=name, designations=len(versions_on(versions, day))) for day in days
    )
    first_seen: dict[str, dt.date] = {}
    last_seen: dict[str, dt.date] = {}
    for history in versions:
        if not history:
            continue
        record_id = history[-1][1].id
        first_seen[record_id] = next((s for s, _ in history if s is not None), days[0])
        last_seen[record_id] = last
    return History(list_id, snapshots, first_seen=first_seen, last_seen=last_seen)
