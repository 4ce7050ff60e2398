"""``load()``: from paths to a :class:`~sanctions_tracker.tracker.Tracker`.

Each path is recognised by its content: a folder or a JSON file is a fixture set; an
OFAC list CSV (``sdn.csv``, ``cons_prim.csv``, plain or gzipped) is a list, and its
companions (``alt.csv``, ``add.csv``, ``sdn_comments.csv`` and the ``cons_`` ones) are
merged into it, whether given or lying beside it; an OFAC XML list (advanced or enhanced,
plain, gzipped or zipped) and the UN Security Council Consolidated List (XML, plain,
gzipped or zipped) are lists on their own, and so is trade.gov's Consolidated Screening
List (CSV, plain or gzipped), whose copies of OFAC's lists are left out (and counted) when
those lists' own files are loaded too. The bundled fixtures come first unless left
out.

A designation that both the fixtures and a list describe (same id, e.g.
``us-ofac-sdn:27844``) becomes one record: the list's facts (names, aliases, birth data,
identifiers, programs, remarks) with the fixture's (listing date, actions, citations,
curated sectors, verification). Where they disagree the list wins, and the disagreement
is reported in the list file's account.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from sanctions_tracker._inputs import stated_path, with_facts
from sanctions_tracker._stamps import make_stamp
from sanctions_tracker.errors import QueryError, SourceError
from sanctions_tracker.fixtures import (
    BUNDLED,
    FixtureSet,
    bundled_path,
    display_path,
    load_fixtures,
)
from sanctions_tracker.history import (
    History,
    ListDiff,
    Snapshot,
    diff_designations,
    own_history,
    seen_dates,
    versions_on,
)
from sanctions_tracker.records import (
    Dataset,
    DateSource,
    Designation,
    Disagreement,
    Program,
    Source,
    Verification,
    VerificationStatus,
)
from sanctions_tracker.tracker import Tracker

if TYPE_CHECKING:
    from sanctions_tracker.cache import SnapshotCache
    from sanctions_tracker.sources._lists import ListLoad
    from sanctions_tracker.sources._registry import Recognised

__all__ = ["diff", "load"]

# _READERS: the list formats (``sources._registry``, and through it every reader, lxml
# among them) are imported by the functions that read list files, not with this module:
# they are a third of the package's import time, which an answer from the snapshot cache
# does not need.

PathLike = str | os.PathLike[str]


def _is_fixture_file(path: Path) -> bool:
    """A JSON document (by its first character), or a .json file that may be broken."""
    if path.suffix.lower() == ".json":
        return True
    try:
        with path.open("rb") as handle:
            head = handle.read(64).lstrip(b"\xef\xbb\xbf \t\r\n")
    except OSError:
        return False
    return head[:1] in {b"{", b"["}


def _recognised(path: Path) -> Recognised | None:
    """The path as a list file; None for a fixture file; SourceError for anything else."""
    from sanctions_tracker.sources import _registry  # noqa: PLC0415 - see _READERS

    display = display_path(path)
    found = _registry.recognise(path, display)
    if found is not None or _is_fixture_file(path):
        return found
    msg = (
        f"{display}: not a fixture file (JSON) nor a list file "
        f"({_registry.formats_read()}; plain, gzipped or zipped)"
    )
    raise SourceError(msg)


def _classify(paths: Sequence[Path]) -> tuple[list[Path], list[Recognised]]:
    fixtures: list[Path] = []
    lists: list[Recognised] = []
    for path in paths:
        if not path.exists():
            msg = f"{path}: no such file or folder"
            raise SourceError(msg)
        found = None if path.is_dir() else _recognised(path)
        if found is None:
            fixtures.append(path)
        else:
            lists.append(found)
    return fixtures, lists


def _one_per_list(loads: Sequence[ListLoad]) -> None:
    """Refuse two files of one list (a CSV and an XML form, say): load one version."""
    first: dict[str, ListLoad] = {}
    for loaded in loads:
        other = first.setdefault(loaded.list_id, loaded)
        if other is not loaded:
            msg = (
                f"{loaded.accounts[0].file}: a second {loaded.title} file "
                f"(the first is {other.accounts[0].file}); load one version of a list"
            )
            raise SourceError(msg)


def _read_lists(files: Sequence[Recognised]) -> list[ListLoad]:
    """Each list file read with its companions; one file per list; a list's copies in a
    list that gathers others left out where the list's own file is loaded."""
    from sanctions_tracker.sources import _registry  # noqa: PLC0415 - see _READERS

    loads = [
        (main.format, _registry.read(main, companions))
        for main, companions in _registry.group(files)
    ]
    _one_per_list([loaded for _, loaded in loads])
    return _registry.gathered(loads)


def _fields_differ(fixture: Designation, listed: Designation) -> Iterable[Disagreement]:
    checks = {
        "party.name": (fixture.party.name, listed.party.name),
        "party.kind": (fixture.party.kind.value, listed.party.kind.value),
        "programs": (", ".join(sorted(fixture.programs)), ", ".join(sorted(listed.programs))),
        "party.birth_dates": (
            ", ".join(map(str, fixture.party.birth_dates)),
            ", ".join(map(str, listed.party.birth_dates)),
        ),
        "party.nationalities": (
            ", ".join(fixture.party.nationalities),
            ", ".join(listed.party.nationalities),
        ),
    }
    for name, (ours, theirs) in checks.items():
        if ours and ours != theirs:
            yield Disagreement(record=listed.id, field=name, fixture=ours, listed=theirs)
    # The CSV states no listing date; OFAC's XML does (the first list entry).
    ours_on, theirs_on = fixture.listed_on, listed.listed_on
    if ours_on and theirs_on and ours_on != theirs_on:
        yield Disagreement(listed.id, "listed_on", str(ours_on), str(theirs_on))


def _merge(fixture: Designation, listed: Designation) -> Designation:
    """One record from both: the list's facts (its listing date where it gives one), the
    fixture's status, sources and sectors (and its listing date where the list has none)."""
    party = attrs.evolve(
        listed.party,
        positions=tuple(dict.fromkeys((*listed.party.positions, *fixture.party.positions))),
    )
    return attrs.evolve(
        listed,
        party=party,
        listed_on=listed.listed_on or fixture.listed_on,
        status=fixture.status,
        delisted_on=fixture.delisted_on,
        sectors=fixture.sectors,
        basis=fixture.basis,
        sources=tuple(dict.fromkeys((*fixture.sources, *listed.sources))),
        verification=fixture.verification,
    )


def _unknown_program(tag: str, source: Source) -> Program:
    return Program(
        id=tag,
        name=tag,
        sources=(source.id,),
        description="A program tag found in the list; no curated record describes it.",
        verification=Verification(
            status=VerificationStatus.PARTLY_VERIFIED,
            verified=(f"verified against {source.title}: the tag is on the list",),
            unverified=(
                (
                    "not verified against a primary source: the program's name, authorities and "
                    "sectors (no curated record gives them)"
                ),
            ),
        ),
    )


def load(
    *paths: PathLike,
    bundled: bool = True,
    history: Mapping[dt.date | str, PathLike] | None = None,
    cache: SnapshotCache | PathLike | bool | None = None,
) -> Tracker:
    """Load the bundled fixtures (unless ``bundled=False``) and the given files or folders.

    Fixture files and folders, and list files (recognised by content: OFAC's CSV family,
    plain or gzipped, with its companions; OFAC's advanced or enhanced XML and the UN
    Security Council Consolidated List, plain, gzipped or zipped; trade.gov's Consolidated
    Screening List CSV, plain or gzipped, whose copies of an OFAC list are left out and
    counted when that list's own file is given too), may be mixed. Every
    problem in every fixture file is collected and raised as one
    :class:`~sanctions_tracker.FixtureError`; a path that cannot be read raises
    :class:`~sanctions_tracker.SourceError`; a list row that cannot be read is reported in
    ``tracker.datasets[...].accounts``. Nothing is half-loaded.

    A list file given as ``"2024-05-03=sdn.csv"`` is the list as it stood on that day: the
    date the user states, for files that state none of their own (OFAC's CSV files, the
    Consolidated Screening List); the stamps of answers say where each date comes from.

    ``history`` maps as-of dates (``date`` or ``"YYYY-MM-DD"``) to snapshots of one list:
    the tracker then holds the newest snapshot, ``tracker.as_of(day)`` the list as it
    stood on a day, and each designation its first- and last-seen dates.

    ``cache`` keeps the parsed lists (and, once built, the screening index) in the
    snapshot cache, and reads them from it next time if no input file has changed:
    ``True`` for the user's cache folder, a folder, or a
    :class:`~sanctions_tracker.SnapshotCache`. The tracker is then a
    :class:`~sanctions_tracker.cache.SnapshotTracker`, whose ``cache`` says what was
    read or stored and under which key, as its stamps do (``docs/cache.md``). A load with
    a ``history`` is not cached.

    >>> import sanctions_tracker as st
    >>> len(st.load().designations(program="IRAN-EO13876"))
    11
    """
    if cache is not None and cache is not False and not history:
        from sanctions_tracker.cache import SnapshotCache  # noqa: PLC0415 - see _READERS

        store = (
            cache
            if isinstance(cache, SnapshotCache)
            else SnapshotCache(None if cache is True else cache)
        )
        return store.tracker(paths, bundled=bundled, build=lambda: load(*paths, bundled=bundled))
    # The cyclic garbage collector stays as it is: switching it off here would switch it
    # off for every thread of the process (docs/benchmarks.md gives what it costs).
    given = [stated_path(p) for p in paths]
    fixture_paths, list_files = _classify([path for path, _ in given])
    stated = _stated(given, fixture_paths)
    loads = [_with_facts(loaded) for loaded in _read_lists(list_files)]
    snapshots = _snapshots(history) if history else []
    names: list[str | None] = [None] * len(fixture_paths)
    if bundled:
        fixture_paths.insert(0, bundled_path())
        names.insert(0, BUNDLED)
    # A user's fixture may name what the lists hold (an action that produced
    # us-ofac-sdn:12345): those ids count as known when its references are checked.
    known = _list_ids([*loads, *(loaded for _, loaded in snapshots)])
    fixture_set = (
        load_fixtures(fixture_paths, names, known=known) if fixture_paths else FixtureSet(files=())
    )
    fixture_set = attrs.evolve(
        fixture_set,
        datasets=tuple(
            attrs.evolve(d, accounts=with_facts(d.accounts, _shown_file))
            for d in fixture_set.datasets
        ),
    )
    if snapshots:
        return _with_history(fixture_set, loads, snapshots, stated)
    carrier = next((loaded for loaded in loads if loaded.versions), None)
    if carrier is not None:
        return _with_own_history(fixture_set, loads, carrier, stated)
    return _build(fixture_set, loads, stated=stated)


_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def _stated(
    given: Sequence[tuple[Path, dt.date | None]], fixtures: Sequence[Path]
) -> dict[str, dt.date]:
    """The dates stated for list files (``DATE=PATH``), by the name the file is shown as."""
    stated: dict[str, dt.date] = {}
    for path, day in given:
        if day is None:
            continue
        if path in fixtures:
            msg = (
                f"{display_path(path)}: a date is stated (DATE=PATH) for a list file only, "
                "not for fixtures"
            )
            raise SourceError(msg)
        stated[display_path(path)] = day
    return stated


def _shown_file(shown: str) -> Path:
    """The file a name in an account stands for (``bundled/...`` is in the package)."""
    head, slash, rest = shown.partition("/")
    if head == BUNDLED and slash:
        return bundled_path() / rest
    return Path(shown)


def _with_facts(loaded: ListLoad) -> ListLoad:
    """The load with the SHA-256 and size of each of its files in their accounts."""
    return attrs.evolve(loaded, accounts=with_facts(loaded.accounts, _shown_file))


def _as_date(value: dt.date | str, what: str) -> dt.date:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        msg = f"{what}: expected a date like 2024-05-03, got {value!r}"
        raise SourceError(msg) from None


def date_in_name(path: Path) -> dt.date | None:
    """The ISO date in a file's name (``sdn-2024-05-03.csv.gz``), if it has one."""
    match = _ISO_DATE.search(path.name)
    if match is None:
        return None
    try:
        return dt.date(*map(int, match.groups()))
    except ValueError:
        return None


def _snapshot(day: dt.date, path: Path, list_id: str | None) -> ListLoad:
    """One dated snapshot of a history, checked against its name and the other snapshots."""
    from sanctions_tracker.sources import _registry  # noqa: PLC0415 - see _READERS

    if not path.is_file():
        msg = f"{path}: no such file"
        raise SourceError(msg)
    display = display_path(path)
    named = date_in_name(path)
    if named is not None and named != day:
        msg = (
            f"{display}: given as the snapshot of {day}, but its name says {named}; "
            "snapshots given out of order?"
        )
        raise SourceError(msg)
    found = _registry.recognise(path, display)
    if found is None or found.file.part is not None:
        msg = f"{display}: not a list file ({_registry.formats_read()})"
        raise SourceError(msg)
    ((main, companions),) = _registry.group([found])
    loaded = _with_facts(_registry.read(main, companions))
    if loaded.as_of is not None and loaded.as_of > day:
        msg = (
            f"{display}: given as the snapshot of {day}, but the list is dated {loaded.as_of}; "
            "snapshots given out of order?"
        )
        raise SourceError(msg)
    if list_id is not None and loaded.list_id != list_id:
        msg = (
            f"{display} is the {loaded.title}, but the history so far "
            f"holds the {_registry.list_title(list_id)}: a history holds versions of one list"
        )
        raise SourceError(msg)
    return loaded


def _snapshots(history: Mapping[dt.date | str, PathLike]) -> list[tuple[dt.date, ListLoad]]:
    dated: dict[dt.date, Path] = {}
    for when, path in history.items():
        day = _as_date(when, f"history {path}")
        if day in dated:
            msg = f"two snapshots for {day}: {dated[day]} and {path}"
            raise SourceError(msg)
        dated[day] = Path(path)
    snapshots: list[tuple[dt.date, ListLoad]] = []
    for day in sorted(dated):
        list_id = snapshots[0][1].list_id if snapshots else None
        snapshots.append((day, _snapshot(day, dated[day], list_id)))
    return snapshots


def _list_ids(loads: Sequence[ListLoad]) -> Callable[[str, str], bool]:
    """Whether the loaded lists hold a record of a kind and id (the sets are made once,
    on the first question: fixtures that name no listed record never pay for them)."""
    found: dict[str, set[str]] = {}

    def known(kind: str, record_id: str) -> bool:
        if not found:
            found["designation"] = {d.id for loaded in loads for d in loaded.designations}
            found["program"] = {tag for loaded in loads for tag in loaded.programs}
            found["source"] = {loaded.source.id for loaded in loads} | {
                s.id for loaded in loads for s in loaded.list_sources
            }
        return record_id in found.get(kind, ())

    return known


def _with_history(
    fixture_set: FixtureSet,
    loads: list[ListLoad],
    snapshots: Sequence[tuple[dt.date, ListLoad]],
    stated: Mapping[str, dt.date],
) -> Tracker:
    from sanctions_tracker.sources import _registry  # noqa: PLC0415 - see _READERS

    list_id = snapshots[0][1].list_id
    if any(loaded.list_id == list_id for loaded in loads):
        msg = f"the {_registry.list_title(list_id)} is given both as a file and as a history"
        raise SourceError(msg)
    first_seen, last_seen = seen_dates(
        [(day, (d.id for d in loaded.designations)) for day, loaded in snapshots]
    )
    record = History(
        list_id=list_id,
        snapshots=tuple(
            Snapshot(
                as_of=day,
                name=loaded.accounts[0].file,
                designations=len(loaded.designations),
                accounts=loaded.accounts,
                published_on=loaded.as_of,
            )
            for day, loaded in snapshots
        ),
        first_seen=first_seen,
        last_seen=last_seen,
    )
    by_day = dict(snapshots)
    return _views(fixture_set, loads, record, by_day.__getitem__, (stated, DateSource.STATED))


def _views(
    fixture_set: FixtureSet,
    loads: Sequence[ListLoad],
    record: History,
    snapshot: Callable[[dt.date], ListLoad],
    dates: tuple[Mapping[str, dt.date], DateSource],
) -> Tracker:
    """The tracker of the newest snapshot of a history, whose ``as_of(day)`` gives the
    tracker of the snapshot in force on a day (each built once, on first use). ``dates``:
    the dates stated for the other list files, and where a snapshot's day comes from (the
    user's history, or the file's own record of its versions)."""
    stated, source = dates
    views: dict[dt.date, Tracker] = {}

    def view(day: dt.date) -> Tracker:
        """The tracker of the snapshot in force on ``day``, built once."""
        as_of = record.snapshot_on(day).as_of
        if as_of not in views:
            views[as_of] = _build(
                fixture_set,
                [*loads, snapshot(as_of)],
                history=record,
                view=view,
                list_as_of={record.list_id: as_of},
                stated=stated,
                snapshot_source=source,
            )
        return views[as_of]

    return view(record.last)


def _with_own_history(
    fixture_set: FixtureSet,
    loads: list[ListLoad],
    carrier: ListLoad,
    stated: Mapping[str, dt.date],
) -> Tracker:
    """A list file that carries its own history (SECO's): its as-of views are the list
    as the file says it stood on each day it records a change."""
    record = own_history(carrier.list_id, carrier.accounts[0].file, carrier.versions, carrier.as_of)

    def snapshot(day: dt.date) -> ListLoad:
        return attrs.evolve(carrier, designations=versions_on(carrier.versions, day))

    others = [loaded for loaded in loads if loaded is not carrier]
    return _views(fixture_set, others, record, snapshot, (stated, DateSource.PUBLISHED))


def _build(
    fixture_set: FixtureSet,
    loads: Sequence[ListLoad],
    *,
    history: History | None = None,
    view: Callable[[dt.date], Tracker] | None = None,
    list_as_of: Mapping[str, dt.date] | None = None,
    stated: Mapping[str, dt.date] | None = None,
    snapshot_source: DateSource = DateSource.STATED,
) -> Tracker:
    designations = {d.id: d for d in fixture_set.designations}
    programs = {p.id: p for p in fixture_set.programs}
    authorities = {a.id: a for a in fixture_set.authorities}
    sources = list(fixture_set.sources)
    datasets = list(fixture_set.datasets)
    for loaded in loads:
        disagreements: list[Disagreement] = []
        seen = history is not None and history.list_id == loaded.list_id
        for listed in loaded.designations:
            record = listed
            if seen and history is not None:
                record = attrs.evolve(
                    listed,
                    first_seen=history.first_seen.get(listed.id),
                    last_seen=history.last_seen.get(listed.id),
                )
            fixture = designations.get(listed.id)
            if fixture is not None:
                disagreements.extend(_fields_differ(fixture, record))
                record = _merge(fixture, record)
            designations[listed.id] = record
        for described in loaded.program_records:
            programs.setdefault(described.id, described)
        for authority in loaded.authority_records:
            authorities.setdefault(authority.id, authority)
        for tag in loaded.programs:
            if tag not in programs:
                programs[tag] = _unknown_program(tag, loaded.source)
        sources.append(loaded.source)
        sources.extend(loaded.list_sources)
        main, *companions = loaded.accounts
        main = attrs.evolve(main, disagreements=tuple(disagreements))
        snapshot_day = (list_as_of or {}).get(loaded.list_id)
        as_of: dt.date | None = snapshot_day
        date_source = snapshot_source
        if snapshot_day is None:
            as_of, date_source = _list_date(loaded, main.file, stated or {})
        datasets.append(
            Dataset(
                name=main.file,
                kind=loaded.title,
                files=tuple(a.file for a in loaded.accounts),
                records=len(loaded.designations),
                as_of=as_of,
                accounts=(main, *companions),
                date_source=date_source,
                published_on=loaded.as_of,
                list_id=loaded.list_id,
            )
        )
    return Tracker(
        sources=sources,
        sectors=fixture_set.sectors,
        authorities=authorities.values(),
        programs=programs.values(),
        designations=designations.values(),
        actions=fixture_set.actions,
        advisories=fixture_set.advisories,
        datasets=datasets,
        history=history,
        view=view,
    )


def _list_date(
    loaded: ListLoad, shown: str, stated: Mapping[str, dt.date]
) -> tuple[dt.date | None, DateSource]:
    """A list's date and where it comes from: the day stated for it (DATE=PATH), else the
    file's own date, else the date in its name (a snapshot's day is given by its history)."""
    day = stated.get(shown)
    if day is not None:
        if loaded.as_of is not None and loaded.as_of > day:
            msg = (
                f"{shown}: stated to be the list of {day}, but the file states its own date, "
                f"{loaded.as_of}, which is later"
            )
            raise SourceError(msg)
        return day, DateSource.STATED
    if loaded.as_of is not None:
        return loaded.as_of, DateSource.PUBLISHED
    named = date_in_name(Path(shown))
    if named is not None:
        return named, DateSource.FILE_NAME
    return None, DateSource.UNDATED


def _lists_of(tracker: Tracker) -> dict[str, Dataset]:
    """The list datasets of a tracker, by list title."""
    from sanctions_tracker.sources import _registry  # noqa: PLC0415 - see _READERS

    titles = _registry.list_titles()
    return {d.kind: d for d in tracker.datasets if d.kind in titles}


def diff(old: Tracker | PathLike, new: Tracker | PathLike, *, bundled: bool = True) -> ListDiff:
    """What changed from one version of a list to another: files or trackers.

    Both must hold the same list (the SDN list twice, say), and the older first when
    their dates are known (from a history, the file itself, a date stated as
    ``"2024-05-03=sdn.csv"``, or an ISO date in the file name); when they are not,
    ``ListDiff.order_note`` says so, and what the entries' numbers suggest.

    >>> import sanctions_tracker as st
    >>> st.diff(st.load(), st.load()).empty
    True
    """
    trackers = [
        side if isinstance(side, Tracker) else load(side, bundled=bundled) for side in (old, new)
    ]
    lists = [_lists_of(t) for t in trackers]
    if set(lists[0]) != set(lists[1]):
        msg = (
            f"these are different lists: {', '.join(sorted(lists[0])) or 'no list'} and "
            f"{', '.join(sorted(lists[1])) or 'no list'}"
        )
        raise SourceError(msg)
    names = [", ".join(d.name for d in found.values()) or "fixtures" for found in lists]
    dates = [max((d.as_of for d in found.values() if d.as_of), default=None) for found in lists]
    if dates[0] is not None and dates[1] is not None and dates[0] > dates[1]:
        msg = (
            f"the versions are given out of order: {names[0]} is of {dates[0]}, "
            f"{names[1]} of {dates[1]}; give the older one first"
        )
        raise QueryError(msg)
    changes = diff_designations(
        {d.id: d for d in trackers[0].designations()},
        {d.id: d for d in trackers[1].designations()},
        old_name=names[0],
        new_name=names[1],
        old_as_of=dates[0],
        new_as_of=dates[1],
    )
    used = {d.name: d for t in trackers for d in t.datasets}  # the bundled set once
    stamp = make_stamp(used.values(), {"old": names[0], "new": names[1]})
    return attrs.evolve(changes, stamp=stamp)
