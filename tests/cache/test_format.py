"""The snapshot file (cache/_format.py): lazy sections, shared objects, checks, safety."""

from __future__ import annotations

import io
import os
import pickle
import threading
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as hs

from sanctions_tracker.cache import _format
from sanctions_tracker.cache._format import (
    LAZY_MIN,
    LazyMapping,
    LazySequence,
    Refs,
    SnapshotDamagedError,
    SnapshotReader,
    SnapshotWriter,
)
from sanctions_tracker.errors import CacheError
from sanctions_tracker.records import Designation, Identifier, Name, NameKind, Party, PartyKind
from sanctions_tracker.screening._normalise import Role


def _write(path: Path, roots: dict[str, Any], *, store: list[Any] | None = None) -> Path:
    refs = Refs(store, _parts) if store is not None else None
    writer = SnapshotWriter(refs)
    if store is not None:
        writer.add_store(store)
    with path.open("wb") as out:
        writer.write(out, roots, {"what": "a test"})
    return path


def _parts(designation: Designation) -> list[tuple[tuple[Any, ...], object]]:
    names = designation.party.names
    return [(("party", "names", i), name) for i, name in enumerate(names)]


def _read(path: Path, **options: Any) -> SnapshotReader:
    return SnapshotReader(path.open("rb"), name=str(path), **options)


def _designation(number: int) -> Designation:
    party = Party(
        kind=PartyKind.ENTITY,
        names=(Name(f"COMPANY NUMBER {number}"), Name(f"ALIAS {number}", kind=NameKind.AKA)),
        identifiers=(Identifier(kind="registration-number", value=str(number)),),
    )
    return Designation(
        id=f"test:{number}", list_id="test", party=party, programs=("P",), sources=("s",)
    )


def test_large_containers_come_back_lazy_and_equal(tmp_path: Path) -> None:
    """A large list, tuple and dict are read back as lazy containers equal to the
    originals; small ones and lists of numbers are read back whole, as they were."""
    names = [Name(f"NAME {i}") for i in range(LAZY_MIN + 5)]
    keyed = {("k", str(i)): [i, i + 1] for i in range(LAZY_MIN * 3)}
    root = {
        "names": names,
        "tuple": tuple(names),
        "keyed": keyed,
        "small": names[:10],
        "numbers": list(range(LAZY_MIN * 2)),
    }
    found = _read(_write(tmp_path / "s", {"root": root})).root("root")
    assert type(found["names"]) is LazySequence
    assert type(found["tuple"]) is LazySequence
    assert type(found["keyed"]) is LazyMapping
    assert type(found["small"]) is list
    assert type(found["numbers"]) is list
    assert found["names"] == names
    assert found["tuple"] == tuple(names)
    assert found["keyed"] == keyed
    assert found == root


def test_reading_one_element_reads_one_chunk(tmp_path: Path) -> None:
    """Asking for an element or a key unpickles the chunk that holds it, not the section;
    iterating reads everything."""
    names = [Name(f"NAME {i}") for i in range(LAZY_MIN * 4)]
    keyed = {f"key {i}": Name(f"VALUE {i}") for i in range(LAZY_MIN * 4)}
    reader = _read(_write(tmp_path / "s", {"root": {"names": names, "keyed": keyed}}))
    found = reader.root("root")
    sections = [reader.section(i) for i in range(2)]
    assert [s.read for s in sections] == [0, 0]
    assert found["names"][1234] == names[1234]
    assert found["names"][-1] == names[-1]
    assert found["keyed"]["key 77"] == Name("VALUE 77")
    assert found["keyed"].get("no such key") is None
    assert "key 3000" in found["keyed"]
    read = sum(s.read for s in sections)
    assert 0 < read <= 5
    assert list(found["names"]) == names
    assert sections[0].read == len(sections[0].chunks)


_KEYS = hs.recursive(
    hs.one_of(
        hs.text(max_size=8),
        hs.integers(-3, 3),
        hs.booleans(),
        hs.sampled_from([*Role, *PartyKind]),  # an int enum and a str enum
        hs.none(),
    ),
    lambda inner: hs.tuples(inner, inner) | hs.tuples(inner, inner, inner),
    max_leaves=6,
)


@settings(max_examples=60, deadline=None)
@given(keys=hs.lists(_KEYS, min_size=1, max_size=40), probes=hs.lists(_KEYS, max_size=20))
def test_a_lazy_dict_finds_what_a_dict_finds(
    tmp_path_factory: pytest.TempPathFactory, keys: list[Any], probes: list[Any]
) -> None:
    """Lookups in a lazy dict agree with the dict it was written from, for keys it has and
    keys it has not: ``1``, ``1.0`` and ``True`` are one key, an int enum is its number, a
    str enum its text, as in a dict."""
    original = {key: index for index, key in enumerate(keys)}
    padded = {**original, **{("pad", i): i for i in range(LAZY_MIN)}}
    path = tmp_path_factory.mktemp("lazy") / "s"
    found = _read(_write(path, {"d": padded})).root("d")
    assert type(found) is LazyMapping
    for probe in [*keys, *probes, 1.0, 0.0]:
        assert found.get(probe, "absent") == padded.get(probe, "absent")
        assert (probe in found) == (probe in padded)
    assert list(found) == list(padded)


@given(a=_KEYS, b=_KEYS)
def test_equal_keys_hash_alike(a: Any, b: Any) -> None:
    """The hash a key is filed under in the file is the same for keys Python holds equal
    (the same in every process: not Python's own hash, which is salted)."""
    if a == b:
        assert _format._key_hash(a) == _format._key_hash(b)


def test_a_lazy_list_behaves_as_a_list(tmp_path: Path) -> None:
    """Slices, membership, length, comparison and changes work; a change reads the list
    whole first."""
    values = [(i, str(i)) for i in range(LAZY_MIN + 100)]
    found = _read(_write(tmp_path / "s", {"v": values})).root("v")
    assert len(found) == len(values)
    assert bool(found)
    assert found[10:13] == values[10:13]
    assert (5, "5") in found
    with pytest.raises(IndexError):
        found[len(values)]
    found[0] = "changed"
    found.append("more")
    assert found[0] == "changed"
    assert found[-1] == "more"
    assert len(found) == len(values) + 1


def _kind(value: object) -> type:
    return type(value)


def test_an_adopted_container_puts_its_whole_self_in_its_place(tmp_path: Path) -> None:
    """Once read whole, a lazy container that is an attribute (or a value of a small dict)
    of the object it was adopted by is replaced there by the real container."""
    root: dict[str, Any] = {"attribute": [Name(str(i)) for i in range(LAZY_MIN)], "inner": {}}
    root["inner"]["x"] = {str(i): Name(str(i)) for i in range(LAZY_MIN)}
    reader = _read(_write(tmp_path / "s", {"r": root}))
    found = reader.root("r")
    reader.adopt(found)
    assert _kind(found["attribute"]) is LazySequence
    reader.read_all()
    assert _kind(found["attribute"]) is list
    assert _kind(found["inner"]["x"]) is dict
    assert found == root


def test_shared_objects_stay_shared(tmp_path: Path) -> None:
    """Objects of the store are written once: another section, or another snapshot,
    refers to them, and reading gives the very objects of the store."""
    store = [_designation(i) for i in range(LAZY_MIN + 3)]
    names = [d.party.names[1] for d in store]
    lists = _write(tmp_path / "lists", {"root": {"by_id": {d.id: d for d in store}}}, store=store)
    index = tmp_path / "index"
    writer = SnapshotWriter(Refs(store, _parts))
    with index.open("wb") as out:
        writer.write(out, {"root": {"names": names, "designations": tuple(store)}}, {})
    lists_reader = _read(lists)
    by_id = lists_reader.root("root")["by_id"]
    index_root = _read(index, resolver=lists_reader.resolve).root("root")
    assert index_root["designations"][7] is by_id["test:7"]
    assert index_root["names"][7] is by_id["test:7"].party.names[1]
    assert index_root["names"] == names
    assert index.stat().st_size < len(pickle.dumps(store)) / 2  # not the designations again


def test_locks_are_made_anew(tmp_path: Path) -> None:
    """A lock cannot be pickled: a snapshot holds a new lock in its place."""
    found = _read(_write(tmp_path / "s", {"r": {"lock": threading.Lock()}})).root("r")
    assert found["lock"].acquire(blocking=False)


def _element_bytes(reader: SnapshotReader) -> int:
    """Where in the file the data of the first section begins."""
    header = reader.header
    head = len(_format.MAGIC) + 8 + header["_length"]
    return int(head + header["sections"][0]["data"][0])


def test_a_damaged_chunk_is_an_error_and_forgets_the_file(tmp_path: Path) -> None:
    """A chunk that does not match its CRC-32 is never unpickled: reading it raises a
    CacheError naming the file, and the reader's ``on_damage`` is called (the cache
    removes the snapshot, so the next load rebuilds it)."""
    path = _write(tmp_path / "s", {"r": [Name(f"N {i}") for i in range(LAZY_MIN)]})
    start = _element_bytes(_read(path))
    data = bytearray(path.read_bytes())
    data[start + 30] ^= 0xFF
    path.write_bytes(bytes(data))
    forgotten: list[bool] = []
    found = _read(path, on_damage=lambda: forgotten.append(True)).root("r")
    with pytest.raises(CacheError, match=r"does not match its CRC-32"):
        found[0]
    assert forgotten == [True]


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda data: data[: len(data) // 2], "not as long as its header says"),
        (lambda data: b"NOTASNAP" + data[8:], "not a snapshot of this layout"),
        (lambda data: data[:20] + bytes([data[20] ^ 0xFF]) + data[21:], "header"),
        (lambda _data: b"", "cannot be mapped"),
    ],
)
def test_a_damaged_file_is_refused_before_anything_is_read(
    tmp_path: Path, damage: Any, message: str
) -> None:
    """A file cut short, of another layout or with a garbled header is refused when it is
    opened, before anything in it is unpickled."""
    path = _write(tmp_path / "s", {"r": list(range(LAZY_MIN * 8))})
    path.write_bytes(damage(path.read_bytes()))
    with pytest.raises(SnapshotDamagedError, match=message):
        _read(path)


class _Runs:
    """Unpickled, it would run a shell command (a snapshot must never do that)."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[Any, ...]:
        return (os.system, (f"touch {self.marker}",))


def test_a_snapshot_runs_no_code_but_ours(tmp_path: Path) -> None:
    """Only this library's classes and a few standard types may be unpickled: a snapshot
    whose pickle calls anything else (os.system here) is refused, and nothing runs."""
    marker = tmp_path / "ran"
    path = _write(tmp_path / "s", {"r": {"x": _Runs(marker)}})
    with pytest.raises(SnapshotDamagedError, match=r"posix\.system|nt\.system"):
        _read(path).root("r")
    assert not marker.exists()


def test_a_function_of_the_library_is_not_called(tmp_path: Path) -> None:
    """Even this library's functions are refused (only its classes may be made)."""
    out = io.BytesIO()
    pickle.Pickler(out, protocol=5).dump(_format.read_header)
    with pytest.raises(SnapshotDamagedError, match="read_header is not something"):
        _read(_write(tmp_path / "s", {"r": 1})).unpickle(out.getvalue())
