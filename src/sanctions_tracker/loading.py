"""``load()``: from paths to a :class:`~sanctions_tracker.tracker.Tracker`.

Each path is recognised by its content: a folder or a JSON file is a fixture set; an
OFAC list CSV (``sdn.csv``, ``cons_prim.csv``, plain or gzipped) is a list, and its
companions (``alt.csv``, ``add.csv``, ``sdn_comments.csv`` and the ``cons_`` ones) are
merged into it, whether given or lying beside it. The bundled fixtures come first
unless left out.

A designation that both the fixtures and a list describe (same id, e.g.
``us-ofac-sdn:27844``) becomes one record: the list's facts (names, aliases, birth data,
identifiers, programs, remarks) with the fixture's (listing date, actions, citations,
curated sectors, verification). Where they disagree the list wins, and the disagreement
is reported in the list file's account.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterable, Sequence
from pathlib import Path

import attrs

from sanctions_tracker.errors import SourceError
from sanctions_tracker.fixtures import BUNDLED, FixtureSet, bundled_path, load_fixtures
from sanctions_tracker.records import (
    Dataset,
    Designation,
    Disagreement,
    Program,
    Source,
    Verification,
    VerificationStatus,
)
from sanctions_tracker.sources.ofac_csv import (
    LISTS,
    FileKind,
    OfacFile,
    OfacLoad,
    companions_beside,
    load_ofac,
    sniff,
)
from sanctions_tracker.tracker import Tracker

__all__ = ["load"]


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


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


def _classify(paths: Sequence[Path]) -> tuple[list[Path], list[OfacFile]]:
    fixtures: list[Path] = []
    lists: list[OfacFile] = []
    for path in paths:
        if not path.exists():
            msg = f"{path}: no such file or folder"
            raise SourceError(msg)
        if path.is_dir() or _is_fixture_file(path):
            fixtures.append(path)
            continue
        found = sniff(path, _display(path))
        if found is None:
            msg = (
                f"{_display(path)}: not a fixture file (JSON) nor an OFAC list file "
                "(sdn.csv, cons_prim.csv or their companions)"
            )
            raise SourceError(msg)
        lists.append(found)
    return fixtures, lists


def _group_lists(files: Sequence[OfacFile]) -> list[tuple[OfacFile, list[OfacFile]]]:
    mains = [f for f in files if f.kind is FileKind.MAIN]
    by_list: dict[str, OfacFile] = {}
    for main in mains:
        if main.list_id in by_list:
            msg = (
                f"{main.display}: a second {LISTS[main.list_id].title} file "
                f"(the first is {by_list[main.list_id].display}); load one version of a list"
            )
            raise SourceError(msg)
        by_list[main.list_id] = main
    companions: dict[str, list[OfacFile]] = {list_id: [] for list_id in by_list}
    for companion in (f for f in files if f.kind is not FileKind.MAIN):
        list_id = companion.list_id if companion.list_id in by_list else None
        if list_id is None and len(by_list) == 1:
            list_id = next(iter(by_list))
        if list_id is None:
            msg = (
                f"{companion.display}: an OFAC {companion.kind.value} file, but no main list "
                "file (sdn.csv or cons_prim.csv) is given for it"
            )
            raise SourceError(msg)
        companions[list_id].append(companion)
    groups = []
    for list_id, main in by_list.items():
        given = companions[list_id]
        have = {c.kind for c in given}
        for path in companions_beside(main):
            found = sniff(path, _display(path))
            if found is not None and found.kind not in have and found.kind is not FileKind.MAIN:
                given.append(found)
                have.add(found.kind)
        groups.append((main, given))
    return groups


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


def _merge(fixture: Designation, listed: Designation) -> Designation:
    """One record from both: the list's facts, the fixture's listing date, sources, sectors."""
    party = attrs.evolve(
        listed.party,
        positions=tuple(dict.fromkeys((*listed.party.positions, *fixture.party.positions))),
    )
    return attrs.evolve(
        listed,
        party=party,
        listed_on=fixture.listed_on,
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
            verified=("the tag is on the list",),
            unverified=("no curated record gives the program's name, authorities or sectors",),
        ),
    )


def load(*paths: str | os.PathLike[str], bundled: bool = True) -> Tracker:
    """Load the bundled fixtures (unless ``bundled=False``) and the given files or folders.

    Fixture files and folders, and OFAC list files (recognised by content, plain or
    gzipped, with their companions), may be mixed. Every problem in every fixture file is
    collected and raised as one :class:`~sanctions_tracker.FixtureError`; a path that
    cannot be read raises :class:`~sanctions_tracker.SourceError`; a list row that cannot
    be read is reported in ``tracker.datasets[...].accounts``. Nothing is half-loaded.

    >>> import sanctions_tracker as st
    >>> len(st.load().designations(program="IRAN-EO13876"))
    11
    """
    # Loading makes hundreds of thousands of small, acyclic objects: the cyclic garbage
    # collector would scan them again and again (a third of the load time) for nothing.
    collecting = gc.isenabled()
    gc.disable()
    try:
        fixture_paths, list_files = _classify([Path(p) for p in paths])
        names: list[str | None] = [None] * len(fixture_paths)
        if bundled:
            fixture_paths.insert(0, bundled_path())
            names.insert(0, BUNDLED)
        fixture_set = load_fixtures(fixture_paths, names) if fixture_paths else FixtureSet(files=())
        groups = _group_lists(list_files)
        return _build(fixture_set, [load_ofac(main, companions) for main, companions in groups])
    finally:
        if collecting:
            gc.enable()


def _build(fixture_set: FixtureSet, loads: Sequence[OfacLoad]) -> Tracker:
    designations = {d.id: d for d in fixture_set.designations}
    programs = {p.id: p for p in fixture_set.programs}
    sources = list(fixture_set.sources)
    datasets = list(fixture_set.datasets)
    for loaded in loads:
        disagreements: list[Disagreement] = []
        for listed in loaded.designations:
            fixture = designations.get(listed.id)
            if fixture is not None:
                disagreements.extend(_fields_differ(fixture, listed))
                designations[listed.id] = _merge(fixture, listed)
            else:
                designations[listed.id] = listed
        for tag in loaded.programs:
            if tag not in programs:
                programs[tag] = _unknown_program(tag, loaded.source)
        sources.append(loaded.source)
        main, *companions = loaded.accounts
        main = attrs.evolve(main, disagreements=tuple(disagreements))
        datasets.append(
            Dataset(
                name=main.file,
                kind=LISTS[loaded.list_id].title,
                files=tuple(a.file for a in loaded.accounts),
                records=len(loaded.designations),
                accounts=(main, *companions),
            )
        )
    return Tracker(
        sources=sources,
        sectors=fixture_set.sectors,
        authorities=fixture_set.authorities,
        programs=programs.values(),
        designations=designations.values(),
        actions=fixture_set.actions,
        advisories=fixture_set.advisories,
        datasets=datasets,
    )
