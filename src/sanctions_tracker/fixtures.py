"""Curated fixtures -> records: the bundled set and the user's own files and folders.

A fixture file is a JSON object whose keys are record sections (``sources``, ``sectors``,
``authorities``, ``programs``, ``designations``, ``actions``, ``advisories``) plus an
optional ``about`` text; each section is a list of records in the converter's form.
The format is documented in ``docs/fixtures.md``.

Loading is strict and loud: every problem of every file (a JSON syntax error, an unknown
key, a wrong type, an impossible date, a duplicate id, a reference to a record that does
not exist) is collected, and one :class:`~sanctions_tracker.errors.FixtureError` lists
them all as ``file: $.path: message``. Nothing is half-loaded.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping, Sequence
from importlib import resources
from pathlib import Path
from typing import Any

import attrs
from attrs import frozen

from sanctions_tracker._convert import describe_errors, structure
from sanctions_tracker.errors import FixtureError, SourceError
from sanctions_tracker.records import (
    Action,
    Advisory,
    Authority,
    Dataset,
    Designation,
    FileAccount,
    Origin,
    Program,
    Record,
    Sector,
    Source,
)
from sanctions_tracker.sources._files import read_bytes
from sanctions_tracker.sources._json import JsonError
from sanctions_tracker.sources._json import loads as json_loads

__all__ = [
    "BUNDLED",
    "FixtureFile",
    "FixtureSet",
    "bundled_path",
    "display_path",
    "load_fixtures",
]

BUNDLED = "bundled"
"""The name under which the bundled fixture set is reported."""

BUNDLED_KIND = "bundled fixtures"

MAX_FIXTURE_BYTES = 64 << 20
"""The most a fixture file may hold (64 MiB): the bundled set is a few hundred KB."""

SECTIONS: dict[str, type[Any]] = {
    "sources": Source,
    "sectors": Sector,
    "authorities": Authority,
    "programs": Program,
    "designations": Designation,
    "actions": Action,
    "advisories": Advisory,
}


@frozen
class FixtureFile:
    """The shape of one fixture file (every section optional)."""

    about: str | None = None
    sources: tuple[Source, ...] = ()
    sectors: tuple[Sector, ...] = ()
    authorities: tuple[Authority, ...] = ()
    programs: tuple[Program, ...] = ()
    designations: tuple[Designation, ...] = ()
    actions: tuple[Action, ...] = ()
    advisories: tuple[Advisory, ...] = ()


@frozen
class FixtureSet:
    """The records of one or more fixture files, checked, in file order."""

    files: tuple[str, ...]
    datasets: tuple[Dataset, ...] = ()
    sources: tuple[Source, ...] = ()
    sectors: tuple[Sector, ...] = ()
    authorities: tuple[Authority, ...] = ()
    programs: tuple[Program, ...] = ()
    designations: tuple[Designation, ...] = ()
    actions: tuple[Action, ...] = ()
    advisories: tuple[Advisory, ...] = ()

    def records(self) -> Iterator[Record]:
        """Every record, section by section."""
        for section in SECTIONS:
            yield from getattr(self, section)

    def counts(self) -> dict[str, int]:
        """How many records of each section were loaded."""
        return {section: len(getattr(self, section)) for section in SECTIONS}


def bundled_path() -> Path:
    """Where the bundled fixtures are: inside the installed wheel, or in the source tree."""
    packaged = resources.files("sanctions_tracker") / "_bundled"
    if packaged.is_dir():
        return Path(str(packaged))
    source_tree = Path(__file__).resolve().parents[2] / "fixtures"
    if source_tree.is_dir():
        return source_tree
    msg = "the bundled fixtures are missing from this installation"  # a broken install
    raise SourceError(msg)


def fixture_files(path: Path) -> list[Path]:
    """The fixture files a path names: the file itself, or a folder's ``*.json``, sorted."""
    if not path.exists():
        msg = f"{path}: no such file or folder"
        raise SourceError(msg)
    if path.is_dir():
        found = sorted(p for p in path.rglob("*.json") if p.is_file())
        if not found:
            msg = f"{path}: the folder holds no fixture files (*.json)"
            raise SourceError(msg)
        return found
    return [path]


def display_path(path: Path) -> str:
    """A short name for a file in messages: relative to the working folder if under it."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def read_fixture_file(path: Path, name: str | None = None) -> FixtureFile:
    """Read and structure one fixture file; raise FixtureError with every problem in it."""
    shown = name or display_path(path)
    raw = read_bytes(path, shown, limit=MAX_FIXTURE_BYTES)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        msg = f"{shown}: line {line}: not UTF-8 text (byte {raw[error.start]:#04x})"
        raise FixtureError([msg]) from None
    try:
        data = json_loads(text)
    except JsonError as error:
        msg = f"{shown}: line {error.lineno} column {error.colno}: {error.msg}"
        raise FixtureError([msg]) from None
    if not isinstance(data, dict):
        msg = f"{shown}: $: expected a JSON object with record sections, got {type(data).__name__}"
        raise FixtureError([msg])
    try:
        fixture = structure(data, FixtureFile)
    except Exception as error:  # noqa: BLE001 - every structuring error is reported
        raise FixtureError(f"{shown}: {line}" for line in describe_errors(error)) from None
    return _with_origins(fixture, shown)


def _with_origins(fixture: FixtureFile, shown: str) -> FixtureFile:
    changes: dict[str, tuple[Any, ...]] = {}
    for section in SECTIONS:
        records = getattr(fixture, section)
        changes[section] = tuple(
            attrs.evolve(record, origin=Origin(file=shown, pointer=f"$.{section}[{index}]"))
            for index, record in enumerate(records)
        )
    return attrs.evolve(fixture, **changes)  # type: ignore[arg-type] # sections are tuples


def load_fixtures(
    paths: Sequence[Path],
    names: Sequence[str | None] | None = None,
    *,
    known: Callable[[str, str], bool] | None = None,
) -> FixtureSet:
    """Load fixture files and folders into one checked :class:`FixtureSet`.

    Every problem in every file is collected before anything is raised. References
    between records (a designation's programs, a program's authorities, every ``sources``
    entry, a sector's parent) must resolve within the set.
    """
    files: list[tuple[Path, str]] = []
    groups: list[tuple[str, str, list[str]]] = []
    for index, path in enumerate(paths):
        label = names[index] if names else None
        shown_files: list[str] = []
        for file in fixture_files(path):
            named = f"{label}/{file.relative_to(path)}" if label and path.is_dir() else label
            shown = named or display_path(file)
            files.append((file, shown))
            shown_files.append(shown)
        kind = BUNDLED_KIND if label == BUNDLED else "fixtures"
        groups.append((label or display_path(path), kind, shown_files))
    problems: list[str] = []
    parsed: dict[str, FixtureFile] = {}
    for file, shown in files:
        try:
            parsed[shown] = read_fixture_file(file, shown)
        except FixtureError as error:
            problems.extend(error.problems)
    merged: dict[str, list[Any]] = {section: [] for section in SECTIONS}
    for fixture in parsed.values():
        for section in SECTIONS:
            merged[section].extend(getattr(fixture, section))
    fixture_set = FixtureSet(
        files=tuple(shown for _, shown in files),
        datasets=tuple(
            _dataset(name, kind, parsed, shown_files) for name, kind, shown_files in groups
        ),
        **{section: tuple(records) for section, records in merged.items()},
    )
    problems.extend(check_references(fixture_set, known))
    if problems:
        raise FixtureError(problems)
    return fixture_set


def _dataset(
    name: str, kind: str, fixtures: Mapping[str, FixtureFile], files: Sequence[str]
) -> Dataset:
    """Describe one input path: its files, how many records, the latest date they state."""
    dates: list[dt.date] = []
    accounts = []
    for shown in files:
        fixture = fixtures.get(shown)
        if fixture is None:
            continue
        count = sum(len(getattr(fixture, section)) for section in SECTIONS)
        accounts.append(
            FileAccount(file=shown, format="fixtures (JSON)", rows_read=count, records_made=count)
        )
        dates.extend(a.taken_on for a in fixture.actions)
        dates.extend(a.issued_on for a in fixture.advisories)
        dates.extend(d.listed_on for d in fixture.designations if d.listed_on is not None)
    return Dataset(
        name=name,
        kind=kind,
        files=tuple(files),
        records=sum(a.records_made for a in accounts),
        as_of=max(dates, default=None),
        accounts=tuple(accounts),
    )


def _where(record: Record) -> str:
    return f"{record.origin.file}: {record.origin.pointer}" if record.origin else "?: $"


Reference = tuple[str, str, str | None]
"""A reference a record makes: (its path in the record, kind of record, id referred to)."""


def _each(path: str, kind: str, ids: Sequence[str]) -> Iterator[Reference]:
    for index, ref in enumerate(ids):
        yield f"{path}[{index}]", kind, ref


def _program_references(program: Program) -> Iterator[Reference]:
    yield from _each("authorities", "authority", program.authorities)
    for index, rule in enumerate(program.sectors):
        yield f"sectors[{index}].sector", "sector", rule.sector
        yield f"sectors[{index}].authority", "authority", rule.authority


def _designation_references(designation: Designation) -> Iterator[Reference]:
    yield from _each("programs", "program", designation.programs)
    for index, assignment in enumerate(designation.sectors):
        yield f"sectors[{index}].sector", "sector", assignment.sector


def _action_references(action: Action) -> Iterator[Reference]:
    yield from _each("authorities", "authority", action.authorities)
    yield from _each("programs", "program", action.programs)
    yield from _each("designations", "designation", action.designations)
    yield from _each("advisories", "advisory", action.advisories)


def _advisory_references(advisory: Advisory) -> Iterator[Reference]:
    yield from _each("authorities", "authority", advisory.authorities)
    yield from _each("programs", "program", advisory.programs)
    yield from _each("sectors", "sector", advisory.sectors)


def _references(record: Record) -> Iterator[Reference]:
    """Every reference a record makes to another record."""
    if isinstance(record, Sector):
        yield "parent", "sector", record.parent
    elif not isinstance(record, Source):
        yield from _each("sources", "source", record.sources)
        if isinstance(record, Program):
            yield from _program_references(record)
        elif isinstance(record, Designation):
            yield from _designation_references(record)
        elif isinstance(record, Action):
            yield from _action_references(record)
        elif isinstance(record, Advisory):
            yield from _advisory_references(record)


_KINDS: dict[str, type[Any]] = {
    "source": Source,
    "sector": Sector,
    "authority": Authority,
    "program": Program,
    "designation": Designation,
    "advisory": Advisory,
}


def check_references(
    fixture_set: FixtureSet, known: Callable[[str, str], bool] | None = None
) -> Iterator[str]:
    """Duplicate ids and references to records that do not exist, as problem lines.

    ``known(kind, id)`` says whether a record of that kind ("designation", "program",
    "source") exists outside the fixtures: in the list files loaded with them.
    """
    seen: dict[str, Record] = {}
    for record in fixture_set.records():
        if record.id in seen:
            first = seen[record.id]
            yield f"{_where(record)}.id: duplicate id {record.id!r} (first at {_where(first)})"
        else:
            seen[record.id] = record
    for record in fixture_set.records():
        for path, kind, ref in _references(record):
            if ref is None or isinstance(seen.get(ref), _KINDS[kind]):
                continue
            if known is None or not known(kind, ref):
                yield f"{_where(record)}.{path}: no {kind} has the id {ref!r}"
    yield from _check_sector_cycles(fixture_set.sectors)


def _check_sector_cycles(sectors: Sequence[Sector]) -> Iterator[str]:
    parents = {sector.id: sector.parent for sector in sectors}
    for sector in sectors:
        seen = {sector.id}
        current = sector.parent
        while current is not None and current in parents:
            if current in seen:
                yield f"{_where(sector)}.parent: the taxonomy has a cycle through {current!r}"
                break
            seen.add(current)
            current = parents[current]
