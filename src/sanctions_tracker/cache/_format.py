"""The snapshot file: objects pickled so that reading one costs only what is used of it.

A snapshot holds a *skeleton* (the object pickled whole, but for its large containers)
and *sections*: each large list, tuple or dict of the object, its elements pickled one by
one. Reading a snapshot unpickles the skeleton, in which each large container is a
:class:`LazySequence` or :class:`LazyMapping`; an element is unpickled when it is first
asked for (a list by its position, a dict by its key, through a hash table in the file),
and the whole container when it is iterated, when it is changed, or once a good part of
it has been read. The file is mapped into memory, not read: what is not used is never
read from disk.

Designations are kept once, in the *store* (a section of the tracker's snapshot); the
other sections and the screening index's snapshot refer to them (and to their names and
identifiers) by position, so that the objects the tracker and its screener share stay
shared, and a screen reads only the designations it finds.

Nothing in a snapshot is trusted before it is checked: the header (JSON, read before
anything is unpickled) gives the size of the file and the CRC-32 of the skeleton and of
each section's tables, and every element carries its own CRC-32, checked before it is
unpickled. What may be unpickled is restricted to this library's classes and a few
standard types (:class:`_Unpickler`). Whether the file may be read at all (its owner and
its permissions) is the cache's business (``_store``): a pickle runs code when it is
read.

Layout: ``MAGIC``, the header's length (4 bytes) and CRC-32 (4 bytes), the header (JSON),
then the skeleton and the sections, each table aligned on 8 bytes.
"""

from __future__ import annotations

import array
import copyreg
import io
import itertools
import json
import mmap
import pickle
import sys
import threading
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any, BinaryIO, Final

from sanctions_tracker.errors import CacheError

__all__ = [
    "FORMAT",
    "MAGIC",
    "LazyMapping",
    "LazySequence",
    "Refs",
    "SnapshotDamagedError",
    "SnapshotReader",
    "SnapshotWriter",
    "read_header",
]

MAGIC: Final = b"STSNAP\x00\x01"
"""The first bytes of a snapshot file (the last two: the layout's version)."""
FORMAT: Final = 1
"""The layout's version, also in the header: a file of another layout is rebuilt."""

LAZY_MIN = 1024
"""Containers with fewer elements, or only scalar ones, are pickled in the skeleton."""
_SCALARS: Final = frozenset({type(None), bool, int, float, str})
_PROTOCOL: Final = 5
_WORD: Final = 8
_CHECK: Final = 4  # the CRC-32 after each element
_HEAD: Final = len(MAGIC) + 8
_LOCKS: Final = (type(threading.Lock()), type(threading.RLock()))
_MATERIALISE_SHARE = 2
"""A lazy container is read whole once 1/this of its chunks have been read one by one."""


class SnapshotDamagedError(CacheError):
    """A snapshot file is not what it says: cut short, altered, or of another layout."""


# --------------------------------------------------------------------------- keys


class _NotCanonicalError(Exception):
    """A key of a type that has no canonical bytes here."""


def _canonical(key: object) -> bytes:
    """Bytes that are equal for equal keys (as Python compares them: ``True``, ``1`` and
    ``1.0`` alike, a str enum as its text): text, numbers, None and tuples of them. Unequal
    keys may share bytes; the keys themselves are compared once found."""
    kind = type(key)
    if kind is str or isinstance(key, str):
        return key.encode("utf-8", "surrogatepass")  # type: ignore[attr-defined, no-any-return]
    if kind is tuple:
        return b"(" + b"\0".join([_canonical(part) for part in key]) + b")"  # type: ignore[attr-defined]
    if isinstance(key, bool | int):
        return b"%d" % int(key)
    if kind is float:
        number = float(key)  # type: ignore[arg-type]
        return b"%d" % int(number) if number.is_integer() else repr(number).encode()
    if key is None:
        return b""
    raise _NotCanonicalError


def _key_hash(key: object) -> int:
    """A hash of a key that is the same in every process (Python's own is not): equal keys
    have equal hashes; the table compares the keys themselves."""
    if type(key) is tuple:
        try:  # a tuple of text (str enums too): the common case, quickly
            data = ("(" + "\0".join(key) + ")").encode("utf-8", "surrogatepass")
        except TypeError:
            data = _canonical(key)
    elif isinstance(key, str):
        data = key.encode("utf-8", "surrogatepass")
    else:
        data = _canonical(key)
    return zlib.crc32(data)


def _all_scalar(values: Iterable[object]) -> bool:
    scalars = _SCALARS
    return all(type(value) in scalars for value in values)


# --------------------------------------------------------------------------- writing


class Refs:
    """The objects kept once, in the store, and where each is: the index of its store
    element and the path to it from there (a designation: ``()``; its names:
    ``("party", "names", j)`` ...). ``parts(element)`` gives the paths and objects."""

    def __init__(
        self,
        store: Sequence[Any],
        parts: Callable[[Any], Iterable[tuple[tuple[Any, ...], object]]],
    ) -> None:
        self.store = store
        paths: dict[int, tuple[int, tuple[Any, ...]]] = {}
        types: set[type] = set()
        for index, element in enumerate(store):
            paths.setdefault(id(element), (index, ()))
            types.add(type(element))
            for path, found in parts(element):
                paths.setdefault(id(found), (index, path))
                types.add(type(found))
        self._paths = paths
        self.types = types

    def path(self, found: object) -> tuple[int, tuple[Any, ...]] | None:
        """Where ``found`` is in the store, if it is kept there."""
        return self._paths.get(id(found))


def _ref(index: int, path: tuple[Any, ...]) -> object:  # pragma: no cover - see _Unpickler
    """Stands in a pickle for an object of the store; the reader resolves it."""
    del index, path
    msg = "a store reference is resolved by the snapshot reader"
    raise RuntimeError(msg)


_CHUNK_BYTES = 512
"""Elements are pickled in chunks of about this many bytes (at most _CHUNK_MOST of them):
one unpickling per chunk, not per element, and a chunk small enough to read for one."""
_CHUNK_MOST = 64
_CHUNK_TYPES: Final = (list, tuple)  # a slice of a list, or of a tuple
_SAMPLE = 16


class _Section:
    """One large container, its elements pickled in chunks."""

    def __init__(self, kind: str, count: int) -> None:
        self.kind = kind
        self.count = count
        self.chunk = 1
        self.data = io.BytesIO()
        self.offsets = array.array("Q", [0])
        self.hashes = array.array("I")


class SnapshotWriter:
    """Writes objects as a snapshot: :meth:`add_store`, then :meth:`write` the roots."""

    def __init__(self, refs: Refs | None = None) -> None:
        self._refs = refs
        self._sections: list[_Section] = []
        self._by_id: dict[int, int] = {}
        self._keep: list[object] = []  # the containers whose ids are in _by_id
        table = copyreg.dispatch_table.copy()
        if refs is not None:
            for kind in refs.types:
                table[kind] = self._reducer(kind)
        self._table = table
        self._store: int | None = None

    def _reducer(self, kind: type) -> Callable[[Any], Any]:
        refs = self._refs

        def reduce(found: Any) -> Any:
            where = refs.path(found) if refs is not None else None
            if where is None or type(found) is not kind:
                return found.__reduce_ex__(_PROTOCOL)
            return _ref, where

        return reduce

    def add_store(self, elements: Sequence[object]) -> None:
        """The store: the shared objects, each pickled whole."""
        section = _Section("tuple", len(elements))
        self._fill(section, elements, shared=False)
        self._store = len(self._sections)
        self._sections.append(section)

    def _pickler(self, out: BinaryIO, *, shared: bool) -> pickle.Pickler:
        pickler = pickle.Pickler(out, protocol=_PROTOCOL)
        if shared:
            pickler.dispatch_table = self._table
        return pickler

    def _fill(self, section: _Section, elements: Sequence[object], *, shared: bool) -> None:
        """Pickle the elements in chunks of about _CHUNK_BYTES (by a sample's size), each
        followed by its CRC-32, and note where each chunk ends."""
        sample = io.BytesIO()
        self._pickler(sample, shared=shared).dump(list(elements[:_SAMPLE]))
        each = sample.tell() // max(min(len(elements), _SAMPLE), 1)
        chunk = max(1, min(_CHUNK_MOST, _CHUNK_BYTES // max(each, 1)))
        section.chunk = chunk
        out = section.data
        pickler = self._pickler(out, shared=shared)  # now straight into the section
        dump, clear, tell, write = pickler.dump, pickler.clear_memo, out.tell, out.write
        append = section.offsets.append
        start = tell()
        for first in range(0, len(elements), chunk):
            dump(elements[first : first + chunk])
            clear()
            end = tell()
            write(zlib.crc32(out.getbuffer()[start:end]).to_bytes(_CHECK, "little"))
            start = end + _CHECK
            append(start)

    def section_of(self, container: list[Any] | tuple[Any, ...] | dict[Any, Any]) -> int | None:
        """The section a large container is written to, or None to pickle it whole."""
        if len(container) < LAZY_MIN:
            return None
        known = self._by_id.get(id(container))
        if known is not None:
            return known
        if isinstance(container, dict):
            if _all_scalar(container) and _all_scalar(container.values()):
                return None
            try:
                hashes = [_key_hash(key) for key in container]
            except _NotCanonicalError:
                return None
            section = _Section("dict", len(container))
            section.hashes.extend(hashes)
            self._fill(section, list(container.items()), shared=True)
        else:
            if _all_scalar(container):
                return None
            section = _Section(type(container).__name__, len(container))
            self._fill(section, container, shared=True)
        index = len(self._sections)
        self._sections.append(section)
        self._by_id[id(container)] = index
        self._keep.append(container)
        return index

    def skeleton(self, root: object) -> bytes:
        """``root`` pickled, its large containers as sections, its shared objects as
        references to the store, its locks as new locks."""
        out = io.BytesIO()
        _SkeletonPickler(out, self).dump(root)
        return out.getvalue()

    def write(self, out: BinaryIO, roots: Mapping[str, object], meta: Mapping[str, Any]) -> None:
        """Write the snapshot of ``roots`` (each unpickled on its own when read) to ``out``,
        with ``meta`` (plain JSON data) in its header."""
        # The cyclic garbage collector stays as it is: switching it off would switch it
        # off for every thread of the process.
        self._write(out, roots, meta)

    def _write(self, out: BinaryIO, roots: Mapping[str, object], meta: Mapping[str, Any]) -> None:
        skeletons = {name: self.skeleton(root) for name, root in roots.items()}
        body = io.BytesIO()
        placed: dict[str, Any] = {"roots": {}, "sections": []}
        for name, data in skeletons.items():
            placed["roots"][name] = [body.tell(), len(data), zlib.crc32(data)]
            body.write(data)
        for section in self._sections:
            placed["sections"].append(_place(section, body))
        placed["store"] = self._store
        header = json.dumps(
            {
                "format": FORMAT,
                "byteorder": sys.byteorder,
                "meta": dict(meta),
                **placed,
                "body": [0, body.tell()],
            },
            sort_keys=True,
        ).encode("utf-8")
        start = _HEAD + len(header)
        pad = -start % _WORD
        header_out = header + b" " * pad  # JSON may end in spaces
        out.write(MAGIC)
        out.write(len(header_out).to_bytes(4, "little"))
        out.write(zlib.crc32(header_out).to_bytes(4, "little"))
        out.write(header_out)
        out.write(body.getbuffer())


def _align(out: io.BytesIO) -> None:
    out.write(b"\0" * (-out.tell() % _WORD))


def _table(out: io.BytesIO, values: array.array[int]) -> list[Any]:
    """Write a table of numbers (8 bytes each, or 4), aligned: its offset, length, CRC-32
    and type code."""
    _align(out)
    data = values.tobytes()
    start = out.tell()
    out.write(data)
    return [start, len(data), zlib.crc32(data), values.typecode]


def _place(section: _Section, out: io.BytesIO) -> dict[str, Any]:
    data = section.data.getbuffer()
    _align(out)
    start = out.tell()
    out.write(data)
    placed: dict[str, Any] = {
        "kind": section.kind,
        "count": section.count,
        "chunk": section.chunk,
        "data": [start, len(data)],
        "offsets": _table(out, section.offsets),
    }
    if section.kind == "dict":  # a hash table: slot -> the elements whose hash is there
        slots = 1 << max(section.count - 1, 1).bit_length()
        mask = slots - 1
        slot_of = [found & mask for found in section.hashes]
        order = sorted(range(section.count), key=slot_of.__getitem__)
        counts = [0] * (slots + 1)
        for slot in slot_of:
            counts[slot + 1] += 1
        starts = array.array("I", itertools.accumulate(counts))
        placed["hashes"] = _table(out, section.hashes)
        placed["slots"] = _table(out, starts)
        placed["order"] = _table(out, array.array("I", order))
    return placed


class _SkeletonPickler(pickle.Pickler):
    def __init__(self, out: BinaryIO, writer: SnapshotWriter) -> None:
        super().__init__(out, protocol=_PROTOCOL)
        self._writer = writer
        self.dispatch_table = writer._table  # noqa: SLF001 - its own writer

    def persistent_id(self, obj: Any) -> Any:
        kind = type(obj)
        if kind in _SCALARS:
            return None
        if kind is list or kind is tuple or kind is dict:
            section = self._writer.section_of(obj)
            return None if section is None else ("lazy", section)
        if kind in _LOCKS:
            return ("lock", kind is _LOCKS[1])
        return None


# --------------------------------------------------------------------------- reading


_ALLOWED: Final = {
    "builtins": frozenset(
        {"bool", "bytearray", "bytes", "complex", "dict", "float", "frozenset", "int", "list"}
        | {"object", "range", "set", "slice", "str", "tuple"}
    ),
    "collections": frozenset({"Counter", "OrderedDict", "defaultdict", "deque"}),
    "copyreg": frozenset({"_reconstructor"}),
    "datetime": frozenset({"date", "datetime", "time", "timedelta", "timezone"}),
}
_PACKAGE: Final = "sanctions_tracker"


class _Unpickler(pickle.Unpickler):
    """Unpickles what a snapshot may hold, nothing else: this library's classes (not its
    functions), a few standard types, the store's references and the lazy sections."""

    def __init__(self, data: bytes, reader: SnapshotReader) -> None:
        super().__init__(io.BytesIO(data))
        self._reader = reader

    def find_class(self, module: str, name: str) -> Any:
        if module == __name__ and name == "_ref":
            return self._reader.resolve
        if module in _ALLOWED:
            if name in _ALLOWED[module]:
                return super().find_class(module, name)
        elif module == _PACKAGE or module.startswith(f"{_PACKAGE}."):
            found = super().find_class(module, name)
            if isinstance(found, type):
                return found
        msg = f"{module}.{name} is not something a snapshot holds"
        raise pickle.UnpicklingError(msg)

    def persistent_load(self, pid: Any) -> Any:
        return self._reader.persistent(pid)


_TABLE_TYPES: Final = {"Q": 8, "I": 4}


def _table_view(view: memoryview, placed: Sequence[Any]) -> memoryview:
    start, length, check, code = placed
    if code not in _TABLE_TYPES or length % _TABLE_TYPES[code] or start % _WORD:
        msg = "a table of the snapshot is not of a known shape"
        raise SnapshotDamagedError(msg)
    if zlib.crc32(view[start : start + length]) != check:
        msg = "a table of the snapshot does not match its CRC-32"
        raise SnapshotDamagedError(msg)
    return view[start : start + length].cast(code)


class _SectionReader:
    """A section of a snapshot: its tables (checked against their CRC-32 when the section
    is first used), and its chunks, each unpickled once, when first asked for."""

    def __init__(self, reader: SnapshotReader, placed: Mapping[str, Any]) -> None:
        self.reader = reader
        self.kind: str = placed["kind"]
        self.count: int = placed["count"]
        self.chunk: int = placed["chunk"]
        view = reader.body
        self._data_start: int = placed["data"][0]
        self._offsets = _table_view(view, placed["offsets"])
        chunks = -(-self.count // self.chunk) if self.count else 0
        if self.chunk < 1 or len(self._offsets) != chunks + 1:
            msg = "a section's table of offsets has the wrong length"
            raise SnapshotDamagedError(msg)
        self.chunks: list[Sequence[Any] | None] = [None] * chunks
        self.read = 0
        if self.kind == "dict":
            self._hashes = _table_view(view, placed["hashes"])
            self._slots = _table_view(view, placed["slots"])
            self._order = _table_view(view, placed["order"])
            self._mask = len(self._slots) - 2

    def load(self, number: int) -> Sequence[Any]:
        """Chunk ``number`` (a list or tuple), unpickled (once) after its CRC-32 is checked."""
        found = self.chunks[number]
        if found is not None:
            return found
        start = self._data_start + self._offsets[number]
        end = self._data_start + self._offsets[number + 1] - _CHECK
        body = self.reader.body
        if end < start or end + _CHECK > len(body):
            raise self.reader.damaged(f"a chunk ({number}) lies outside the file")
        data = bytes(body[start:end])
        if zlib.crc32(data) != int.from_bytes(body[end : end + _CHECK], "little"):
            raise self.reader.damaged(f"a chunk ({number}) does not match its CRC-32")
        try:
            unpickled = self.reader.unpickle(data)
        except SnapshotDamagedError as error:
            raise self.reader.damaged(str(error)) from None
        expected = min(self.chunk, self.count - number * self.chunk)
        if type(unpickled) not in _CHUNK_TYPES or len(unpickled) != expected:
            raise self.reader.damaged(f"a chunk ({number}) is not what its table says")
        chunk: Sequence[Any] = unpickled
        self.chunks[number] = chunk
        self.read += 1
        return chunk

    def element(self, index: int) -> Any:
        number, place = divmod(index, self.chunk)
        return self.load(number)[place]

    def everything(self) -> list[Any]:
        """Every element, in order (the chunks are then let go: the caller keeps them)."""
        load = self.load
        found = [element for number in range(len(self.chunks)) for element in load(number)]
        self.chunks[:] = [None] * len(self.chunks)
        return found

    def mostly_read(self) -> bool:
        """Whether enough of the section has been read to read the rest at once."""
        return self.read * _MATERIALISE_SHARE > len(self.chunks)

    def find(self, key: object) -> Any:
        """The value of ``key`` in a dict section, or ``_ABSENT``."""
        wanted = _key_hash(key)
        slot = wanted & self._mask
        order, hashes = self._order, self._hashes
        for position in range(self._slots[slot], self._slots[slot + 1]):
            index = order[position]
            if hashes[index] == wanted:
                found, value = self.element(index)
                if found == key:
                    return value
        return _ABSENT


class SnapshotReader:
    """A snapshot file, mapped into memory: its header, its roots, its sections (the
    handle is closed: the map keeps the file as long as it is used).

    ``resolver`` resolves the store's references when the store is in another snapshot
    (the screening index's refers to the tracker's).
    """

    def __init__(
        self,
        handle: BinaryIO,
        *,
        name: str = "the snapshot",
        resolver: Callable[[int, tuple[Any, ...]], Any] | None = None,
        on_damage: Callable[[], None] | None = None,
    ) -> None:
        self.name = name
        self._on_damage = on_damage
        try:
            self._map = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
        except (ValueError, OSError) as error:  # an empty file cannot be mapped
            msg = f"the snapshot cannot be mapped: {error}"
            raise SnapshotDamagedError(msg) from None
        finally:
            handle.close()  # the map keeps the file open as long as it is used
        view = memoryview(self._map)
        self.header = _parse_header(view)
        start, length = self.header["body"]
        head = _HEAD + self.header["_length"]
        if head + start + length != len(view):
            msg = "the snapshot is not as long as its header says (cut short?)"
            raise SnapshotDamagedError(msg)
        self.body = view[head + start : head + start + length]
        self._sections: dict[int, _SectionReader] = {}
        self._lock = threading.RLock()
        self._lazy: list[LazySequence | LazyMapping] = []
        self._resolver = resolver
        self._store: LazySequence | None = None
        if self.header.get("store") is not None:
            self._store = LazySequence(self, self.header["store"])

    def damaged(self, what: str) -> SnapshotDamagedError:
        """The error for a part of the snapshot found damaged once in use (after the
        checks of the whole): the snapshot is forgotten, and the next load rebuilds it."""
        if self._on_damage is not None:
            self._on_damage()
        return SnapshotDamagedError(
            f"{self.name}: {what}; the snapshot was removed: run the command again "
            "to read the input files"
        )

    def store(self) -> Sequence[Any]:
        """The store's objects, all read (for writing an index that refers to them)."""
        if self._store is None:
            msg = "the snapshot has no store"
            raise SnapshotDamagedError(msg)
        return self._store.real()

    @property
    def meta(self) -> dict[str, Any]:
        """The header's ``meta``: what the writer said of the snapshot."""
        meta: dict[str, Any] = self.header["meta"]
        return meta

    def root(self, name: str) -> Any:
        """Unpickle one of the roots (checked against its CRC-32 first)."""
        try:
            start, length, check = self.header["roots"][name]
        except KeyError:
            msg = f"the snapshot has no {name!r}"
            raise SnapshotDamagedError(msg) from None
        data = bytes(self.body[start : start + length])
        if zlib.crc32(data) != check:
            msg = f"the snapshot's {name!r} does not match its CRC-32"
            raise SnapshotDamagedError(msg)
        return self.unpickle(data)

    def unpickle(self, data: bytes) -> Any:
        try:
            return _Unpickler(data, self).load()
        except SnapshotDamagedError:
            raise
        except Exception as error:  # noqa: BLE001 - a pickle that passed its CRC but cannot be read
            msg = f"the snapshot cannot be unpickled: {error}"
            raise SnapshotDamagedError(msg) from None

    def section(self, index: int) -> _SectionReader:
        found = self._sections.get(index)
        if found is None:
            try:
                placed = self.header["sections"][index]
            except (IndexError, TypeError):
                msg = f"the snapshot has no section {index!r}"
                raise SnapshotDamagedError(msg) from None
            found = self._sections[index] = _SectionReader(self, placed)
        return found

    def persistent(self, pid: Any) -> Any:
        match pid:
            case ("lazy", int(index)):
                kind = self.section(index).kind
                made = LazyMapping(self, index) if kind == "dict" else LazySequence(self, index)
                self._lazy.append(made)
                return made
            case ("lock", bool(reentrant)):
                return threading.RLock() if reentrant else threading.Lock()
        msg = f"the snapshot holds an unknown reference {pid!r}"
        raise SnapshotDamagedError(msg)

    def resolve(self, index: int, path: tuple[Any, ...]) -> Any:
        """The object of the store at ``index``, or the one ``path`` leads to in it."""
        if self._store is None:
            if self._resolver is None:
                msg = "the snapshot refers to a store it does not have"
                raise SnapshotDamagedError(msg)
            return self._resolver(index, path)
        found: Any = self._store[index]
        for step in path:
            if isinstance(step, int):
                found = found[step]
            elif isinstance(step, str) and not step.startswith("_"):
                found = getattr(found, step)
            else:
                msg = f"the snapshot holds a bad path {path!r}"
                raise SnapshotDamagedError(msg)
        return found

    def read_all(self) -> None:
        """Read every lazy container whole (for a batch: no element is then read alone)."""
        for lazy in list(self._lazy):
            lazy.real()

    def adopt(self, root: object) -> None:
        """Let the lazy containers that are attributes of ``root`` (or of the objects and
        small containers it holds, a few levels down) put their whole selves in their place
        once read whole, so that a batch pays nothing for their laziness."""
        _adopt(root, 3, set())


_ADOPT_MAX = 64
"""Containers of more elements than this are not looked into for lazy ones to adopt."""


def _adopt(holder: object, depth: int, seen: set[int]) -> None:
    if depth < 0 or id(holder) in seen:
        return
    seen.add(id(holder))
    kind = type(holder)
    if kind is dict or kind is list:
        if len(holder) <= _ADOPT_MAX:  # type: ignore[arg-type]
            pairs = holder.items() if kind is dict else enumerate(holder)  # type: ignore[attr-defined, arg-type]
            for place, value in pairs:
                _adopt_one(value, holder, place, depth, seen)
        return
    attributes = dict(getattr(holder, "__dict__", {}))
    # (a class compiled by mypyc has no __dict__ nor __slots__: it names its fields)
    for slot in (*getattr(kind, "__slots__", ()), *getattr(kind, "__mypyc_attrs__", ())):
        if hasattr(holder, slot):
            attributes[slot] = getattr(holder, slot)
    for name, value in attributes.items():
        _adopt_one(value, holder, name, depth, seen)


def _adopt_one(value: object, holder: object, place: object, depth: int, seen: set[int]) -> None:
    kind = type(value)
    if isinstance(value, LazySequence | LazyMapping):
        value._owner = (holder, place)  # noqa: SLF001 - the module's own
    elif (
        kind is dict or kind is list or hasattr(value, "__dict__") or hasattr(kind, "__slots__")
    ) and (kind not in _SCALARS and not isinstance(value, type)):
        _adopt(value, depth - 1, seen)


def _install(owner: tuple[object, object], real: object) -> None:
    holder, place = owner
    if isinstance(holder, dict | list):
        holder[place] = real  # type: ignore[call-overload]  # a list's place is an int
    else:
        object.__setattr__(holder, str(place), real)


_ABSENT: Final = object()
_UNREAD: Final = object()


def _parse_header(view: memoryview) -> dict[str, Any]:
    if len(view) < _HEAD or bytes(view[: len(MAGIC)]) != MAGIC:
        msg = "not a snapshot of this layout"
        raise SnapshotDamagedError(msg)
    length = int.from_bytes(view[len(MAGIC) : len(MAGIC) + 4], "little")
    check = int.from_bytes(view[len(MAGIC) + 4 : _HEAD], "little")
    data = bytes(view[_HEAD : _HEAD + length])
    if len(data) != length or zlib.crc32(data) != check:
        msg = "the snapshot's header is cut short or does not match its CRC-32"
        raise SnapshotDamagedError(msg)
    try:
        header = json.loads(data)
    except ValueError:
        msg = "the snapshot's header is not JSON"
        raise SnapshotDamagedError(msg) from None
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        msg = "a snapshot of another layout"
        raise SnapshotDamagedError(msg)
    if header.get("byteorder") != sys.byteorder:
        msg = "a snapshot written on a machine of another byte order"
        raise SnapshotDamagedError(msg)
    header["_length"] = length
    return header


def read_header(handle: BinaryIO) -> dict[str, Any]:
    """The header of a snapshot file (its JSON: nothing is unpickled), checked."""
    handle.seek(0)
    head = handle.read(_HEAD)
    if len(head) < _HEAD:
        msg = "not a snapshot of this layout"
        raise SnapshotDamagedError(msg)
    length = int.from_bytes(head[len(MAGIC) : len(MAGIC) + 4], "little")
    return _parse_header(memoryview(head + handle.read(length)))


# --------------------------------------------------------------------------- lazy containers


class _Lazy:  # noqa: PLW1641 - unhashable, as a dict or list; a tuple hashes its own
    """What a lazy container does once read whole: be its real container."""

    __slots__ = ()

    def real(self) -> Any:
        raise NotImplementedError

    def __iter__(self) -> Iterator[Any]:
        return iter(self.real())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, _Lazy):
            other = other.real()
        return bool(self.real() == other)

    def __ne__(self, other: object) -> bool:
        return not self == other

    def __repr__(self) -> str:
        return repr(self.real())

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(self.real(), name)

    def __reduce__(self) -> tuple[Any, ...]:
        real = self.real()
        return (type(real), (list(real) if isinstance(real, tuple) else real,))


class LazySequence(_Lazy):
    """A list or tuple of a snapshot whose elements are unpickled when first read.

    Indexing by position reads the chunk that holds the element; anything else
    (iterating, slicing, comparing, changing) reads the whole container first, and so does
    reading a quarter of its chunks one by one. Once whole, it is a real list or tuple,
    put in its owner's place where it knows it (:meth:`SnapshotReader.adopt`).
    """

    __slots__ = ("_chunk", "_chunks", "_count", "_kind", "_owner", "_reader", "_real", "_section")

    def __init__(self, reader: SnapshotReader, section: int) -> None:
        self._reader = reader
        self._section = reader.section(section)
        self._count = self._section.count
        self._chunk = self._section.chunk
        self._chunks = self._section.chunks
        self._kind = tuple if self._section.kind == "tuple" else list
        self._real: list[Any] | tuple[Any, ...] | None = None
        self._owner: tuple[object, object] | None = None

    def real(self) -> list[Any] | tuple[Any, ...]:
        """The whole container, read now if it was not."""
        real = self._real
        if real is None:
            with self._reader._lock:  # noqa: SLF001 - the reader's own lock
                real = self._real
                if real is None:
                    real = self._real = self._kind(self._section.everything())
                    if self._owner is not None:
                        _install(self._owner, real)
        return real

    def __getitem__(self, index: Any) -> Any:
        real = self._real
        if real is not None:
            return real[index]
        if type(index) is not int:
            return self.real()[index]
        if index < 0:
            index += self._count
        if not 0 <= index < self._count:
            msg = f"{self._kind.__name__} index out of range"
            raise IndexError(msg)
        number, place = divmod(index, self._chunk)
        chunk = self._chunks[number]
        if chunk is None:
            section = self._section
            chunk = section.load(number)
            if section.mostly_read():
                self.real()
        return chunk[place]

    def __len__(self) -> int:
        return self._count if self._real is None else len(self._real)

    def __reversed__(self) -> Iterator[Any]:
        found: Iterator[Any] = reversed(self.real())
        return found

    def __contains__(self, value: object) -> bool:
        return value in self.real()

    def __hash__(self) -> int:
        return hash(self.real())

    def __add__(self, other: Any) -> Any:
        return self.real() + other

    def __radd__(self, other: Any) -> Any:
        return other + self.real()

    def __setitem__(self, index: Any, value: Any) -> None:
        real = self.real()
        real[index] = value  # type: ignore[index]

    def __delitem__(self, index: Any) -> None:
        real = self.real()
        del real[index]  # type: ignore[union-attr]

    def __bool__(self) -> bool:
        return len(self) > 0


class LazyMapping(_Lazy):
    """A dict of a snapshot whose entries are unpickled when first looked up.

    ``get``, ``[key]`` and ``in`` read the chunk that holds the key (found through the
    file's hash table); anything else (iterating, ``keys()``, changing it) reads the whole
    dict first, in its order, and so does reading a quarter of its chunks one by one.
    """

    __slots__ = ("_count", "_found", "_owner", "_reader", "_real", "_section")

    def __init__(self, reader: SnapshotReader, section: int) -> None:
        self._reader = reader
        self._section = reader.section(section)
        self._count = self._section.count
        self._found: dict[Any, Any] = {}
        self._real: dict[Any, Any] | None = None
        self._owner: tuple[object, object] | None = None

    def real(self) -> dict[Any, Any]:
        """The whole dict, read now if it was not."""
        real = self._real
        if real is None:
            with self._reader._lock:  # noqa: SLF001 - the reader's own lock
                real = self._real
                if real is None:
                    real = self._real = dict(self._section.everything())
                    self._found = {}
                    if self._owner is not None:
                        _install(self._owner, real)
        return real

    def _lookup(self, key: Any) -> Any:
        found = self._found
        value = found.get(key, _UNREAD)
        if value is _UNREAD:
            try:
                value = self._section.find(key)
            except _NotCanonicalError:
                return self.real().get(key, _ABSENT)
            found[key] = value
            if self._section.mostly_read():
                self.real()
        return value

    def get(self, key: Any, default: Any = None) -> Any:
        real = self._real
        if real is not None:
            return real.get(key, default)
        value = self._lookup(key)
        return default if value is _ABSENT else value

    def __getitem__(self, key: Any) -> Any:
        real = self._real
        if real is not None:
            return real[key]
        value = self._lookup(key)
        if value is _ABSENT:
            raise KeyError(key)
        return value

    def __contains__(self, key: object) -> bool:
        real = self._real
        if real is not None:
            return key in real
        return self._lookup(key) is not _ABSENT

    def __len__(self) -> int:
        return self._count if self._real is None else len(self._real)

    def __setitem__(self, key: Any, value: Any) -> None:
        self.real()[key] = value

    def __delitem__(self, key: Any) -> None:
        del self.real()[key]

    def __bool__(self) -> bool:
        return self._count > 0 if self._real is None else bool(self._real)
