"""The snapshot cache: the parsed lists and the screening index kept on disk, so that the
next run with the same files reads them instead of parsing the lists and building the
index again (``docs/cache.md``).

A load's snapshot lives in the cache folder under a name made from the load's request
(the paths as given, the bundled fixtures or not, the working folder, the library's
version): ``<name>.lists`` holds the tracker, ``<name>.index`` its screening index, written
when the index is first built. Both are snapshot files (``_format``), written to a
temporary file in the folder and renamed into place, so that a reader never sees half a
file and two processes writing at once leave one whole snapshot.

A snapshot is read only when all of this holds, checked before anything is unpickled:

- the file is a regular file owned by the current user, and neither it nor the folder is
  writable by other users (a pickle runs code when it is read: only the user's own files
  are trusted);
- it is of this layout, this library's version and code, and this Python;
- every input file it was built from has the same SHA-256 as then, and the folders the
  load looked in hold the same files (a companion file added beside a list, a fixture
  added to a folder);
- its header, its skeleton and each element it is asked for match their CRC-32.

Anything else is rebuilt from the input files, never trusted: the answer is the same as
without the cache, and the new snapshot replaces the old.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import stat
import sys
import tempfile
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

import attrs
from attrs import frozen

from sanctions_tracker._inputs import file_facts, stated_path
from sanctions_tracker._stamps import tool_version
from sanctions_tracker._vocabulary import DEFAULT_LIMIT
from sanctions_tracker.errors import CacheError, SanctionsTrackerError
from sanctions_tracker.fixtures import BUNDLED, bundled_path
from sanctions_tracker.records import CacheNote, CacheStatus, Designation, PartyKind, Stamp
from sanctions_tracker.tracker import Tracker

from ._format import FORMAT, Refs, SnapshotDamagedError, SnapshotReader, SnapshotWriter, read_header

if TYPE_CHECKING:
    from sanctions_tracker.screening import Match, Screener

__all__ = [
    "ENV_FOLDER",
    "CacheEntry",
    "SnapshotCache",
    "SnapshotTracker",
    "default_folder",
]

ENV_FOLDER = "SANCTIONS_TRACKER_CACHE_DIR"
"""The environment variable that names the cache folder (else the user's cache folder)."""
APP = "sanctions-tracker"
LISTS = ".lists"
INDEX = ".index"
_WRITING = ".writing-"
_BATCH = 200
"""A batch of this many names or more reads the whole index into memory first."""
_OTHERS_WRITE = stat.S_IWGRP | stat.S_IWOTH


def default_folder() -> Path:
    """The cache folder: ``$SANCTIONS_TRACKER_CACHE_DIR``, else the user's cache folder
    (``~/.cache/sanctions-tracker`` on Linux, ``~/Library/Caches/sanctions-tracker`` on
    macOS, ``%LOCALAPPDATA%\\sanctions-tracker\\Cache`` on Windows: platformdirs)."""
    named = os.environ.get(ENV_FOLDER, "").strip()
    if named:
        return Path(named).expanduser()
    import platformdirs  # noqa: PLC0415 - only when no folder is named

    return Path(platformdirs.user_cache_dir(APP, appauthor=False))


# --------------------------------------------------------------------------- trust


def _uid() -> int | None:
    """The current user's id (None where there are none: Windows)."""
    getuid = getattr(os, "getuid", None)
    return getuid() if getuid is not None else None


def _foreign(found: os.stat_result, *, folder: bool = False) -> str:
    """Why a file (or folder) must not be trusted, or '' when it may."""
    if not (stat.S_ISDIR(found.st_mode) if folder else stat.S_ISREG(found.st_mode)):
        return "is not a folder" if folder else "is not a regular file"
    uid = _uid()
    if uid is not None and found.st_uid != uid:
        return "is owned by another user"
    if uid is not None and found.st_mode & _OTHERS_WRITE:
        return "is writable by other users"
    return ""


def _code_fingerprint() -> str:
    """The library's files (names, sizes, modification times): a snapshot made by other
    code, even of the same version (a checkout being worked on), is not read."""
    root = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256()
    for folder, folders, files in os.walk(root):
        folders[:] = sorted(name for name in folders if name != "__pycache__")
        for name in sorted(files):
            if name.endswith((".pyc", ".pyo")):
                continue
            found = os.stat(os.path.join(folder, name))  # noqa: PTH116, PTH118 - a tight loop
            relative = os.path.relpath(os.path.join(folder, name), root)  # noqa: PTH118
            digest.update(f"{relative}\0{found.st_size}\0{found.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def _python() -> str:
    return f"{sys.implementation.cache_tag}-{sys.byteorder}"


# --------------------------------------------------------------------------- requests


@frozen
class _Request:
    """A load as asked: its paths as given, the bundled fixtures or not, the working folder
    (names shown in answers are relative to it)."""

    paths: tuple[str, ...]
    bundled: bool
    cwd: str

    def data(self) -> dict[str, Any]:
        return {"paths": list(self.paths), "bundled": self.bundled, "cwd": self.cwd}

    def name(self) -> str:
        """The snapshot's file name (without suffix): one per request, version and Python."""
        text = json.dumps(
            {"request": self.data(), "version": tool_version(), "python": _python()},
            sort_keys=True,
        )
        return hashlib.sha256(text.encode()).hexdigest()[:32]


def _listing(folder: Path, *, fixtures: bool) -> list[str]:
    """What a load may read in a folder: its fixture files (a fixture folder), or every
    name in it (the folder of a list file, where companions are looked for)."""
    if fixtures:
        return sorted(str(p.relative_to(folder)) for p in folder.rglob("*.json") if p.is_file())
    return sorted(path.name for path in folder.iterdir())


def _watched(request: _Request) -> list[list[Any]]:
    """The folders the load looks in, with what they hold (OSError if one is gone)."""
    folders: list[list[Any]] = []
    for given in request.paths:
        path, _ = stated_path(given)
        path = Path(request.cwd, path)
        if path.is_dir():
            folders.append([str(path), _listing(path, fixtures=True)])
        else:
            folders.append([str(path.parent), _listing(path.parent, fixtures=False)])
    if request.bundled:
        bundled = bundled_path()
        folders.append([str(bundled), _listing(bundled, fixtures=True)])
    return folders


def _input_file(shown: str, cwd: str) -> Path:
    head, slash, rest = shown.partition("/")
    if head == BUNDLED and slash:
        return bundled_path() / rest
    return Path(cwd, shown)


def _inputs(tracker: Tracker, cwd: str) -> list[dict[str, Any]] | None:
    """Every file the tracker was read from, with its SHA-256 and size (None if one has
    none: it could not be checked next time)."""
    found: dict[str, dict[str, Any]] = {}
    for dataset in tracker.datasets:
        for account in dataset.accounts:
            if account.sha256 is None or account.size is None:
                return None
            found[account.file] = {
                "path": account.file,
                "file": str(_input_file(account.file, cwd)),
                "sha256": account.sha256,
                "size": account.size,
            }
    return list(found.values())


def _key(meta: dict[str, Any]) -> str:
    """The snapshot's key: what the answer rests on (the input files' SHA-256s, the
    library's version and code, the Python, the load's settings)."""
    keyed = {
        "format": FORMAT,
        "version": meta["version"],
        "code": meta["code"],
        "python": meta["python"],
        "request": meta["request"],
        "inputs": [[i["path"], i["sha256"], i["size"]] for i in meta["inputs"]],
    }
    return hashlib.sha256(json.dumps(keyed, sort_keys=True).encode()).hexdigest()


def _stale(meta: dict[str, Any], request: _Request, code: str) -> str:  # noqa: PLR0911 - a reason each
    """Why a snapshot is not of this request's files and this library, or ''."""
    if meta.get("version") != tool_version():
        return f"it was made by version {meta.get('version')}"
    if meta.get("python") != _python():
        return "it was made by another Python"
    if meta.get("code") != code:
        return "it was made by other code of the library"
    if meta.get("request") != request.data():
        return "it is of another load"
    for found in meta["inputs"]:
        facts = file_facts(Path(found["file"]))
        if facts != (found["sha256"], found["size"]):
            return f"{found['path']} changed" if facts else f"{found['path']} cannot be read"
    try:
        if meta.get("folders") != _watched(request):
            return "files were added to or removed from a folder it was read from"
    except (OSError, SanctionsTrackerError):
        return "a folder it was read from cannot be read"
    return ""


def _unusable(meta: dict[str, Any], path: Path, request: _Request, code: str) -> tuple[str, bool]:
    """Why a snapshot's header says it must not be read ('' if it may be), and whether
    that deserves a warning (a file that is not what it says, rather than out of date)."""
    if meta.get("kind") != "lists":
        return f"{path} is not a snapshot of lists: not read", True
    stale = _stale(meta, request, code)
    if stale:
        return f"the snapshot is out of date: {stale}", False
    if _key(meta) != meta.get("key"):
        return f"{path} does not match its key: not read", True
    return "", False


# --------------------------------------------------------------------------- the cache


@frozen
class CacheEntry:
    """A snapshot in the cache folder, as ``cache show`` lists it."""

    key: str
    file: str
    created: dt.datetime | None
    version: str
    size: int
    """Bytes on disk, the lists' snapshot and the index's together."""
    index: bool
    """Whether the screening index is kept too."""
    designations: int
    inputs: tuple[str, ...]
    status: str
    """``current`` (it would be read), else why it would be rebuilt."""


def _unreadable(path: Path, size: int, status: str) -> CacheEntry:
    """An entry whose header cannot be read (or may not be: a foreign file)."""
    return CacheEntry(
        key="",
        file=str(path),
        created=None,
        version="",
        size=size,
        index=False,
        designations=0,
        inputs=(),
        status=status,
    )


class SnapshotCache:
    """The snapshot cache in a folder (``default_folder()`` when none is given).

    >>> import tempfile, sanctions_tracker as st
    >>> cache = st.SnapshotCache(tempfile.mkdtemp())
    >>> first = st.load(cache=cache)              # read from the files, then stored
    >>> first.cache.lists.value
    'stored'
    >>> again = st.load(cache=cache)              # read from the cache
    >>> again.cache.lists.value, again.cache.key == first.cache.key
    ('read', True)
    >>> again.designations() == first.designations()
    True
    >>> [entry.status for entry in cache.entries()]
    ['current']
    >>> cache.clear()
    1
    """

    def __init__(self, folder: str | os.PathLike[str] | None = None) -> None:
        self.folder = Path(folder).expanduser() if folder is not None else default_folder()

    def __repr__(self) -> str:
        return f"SnapshotCache({str(self.folder)!r})"

    # ------------------------------------------------------------------ the folder

    def _ready(self) -> str:
        """Make the folder (private) if need be; why it cannot be used, or ''."""
        try:
            self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            found = self.folder.stat()
        except OSError as error:
            return f"the cache folder {self.folder} cannot be made: {error.strerror or error}"
        problem = _foreign(found, folder=True)
        return f"the cache folder {self.folder} {problem}: not used" if problem else ""

    def _write(self, target: Path, write: Callable[[BinaryIO], None]) -> None:
        """Write a file whole under a temporary name in the folder, then rename it: a reader
        sees the old file or the new one, never half of one. (It is not synced to disk: a
        file cut short or garbled by a crash fails its checks and is rebuilt.)"""
        handle, temporary = tempfile.mkstemp(dir=self.folder, prefix=_WRITING, suffix=".part")
        try:
            with os.fdopen(handle, "wb") as out:
                write(out)
            Path(temporary).replace(target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise

    def _open(self, path: Path) -> tuple[BinaryIO | None, str]:
        """The file opened for reading if it may be trusted; else None and why not ('' when
        there is no file)."""
        try:
            handle = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        except FileNotFoundError:
            return None, ""
        except OSError as error:
            return None, f"{path} cannot be opened ({error.strerror or error})"
        problem = _foreign(os.fstat(handle))
        if problem:
            os.close(handle)
            return None, f"{path} {problem}"
        return os.fdopen(handle, "rb"), ""

    # ------------------------------------------------------------------ loads

    def tracker(
        self,
        paths: Sequence[str | os.PathLike[str]],
        *,
        bundled: bool,
        build: Callable[[], Tracker],
    ) -> Tracker:
        """The tracker of a load: read from the cache when its snapshot is current, else
        ``build()`` and stored. ``sanctions_tracker.load(..., cache=...)`` calls this."""
        request = _Request(tuple(os.fspath(p) for p in paths), bundled, str(Path.cwd()))
        unusable = self._ready()
        why, warning = unusable, bool(unusable)
        name = request.name()
        if not unusable:
            code = _code_fingerprint()
            found, why, warning = self._read(name, request, code)
            if found is not None:
                return found
        tracker = build()
        if type(tracker) is not Tracker or tracker.history is not None:
            return tracker  # a history's views are built on demand: not kept (docs/cache.md)
        entry = _Entry(self, name, request)
        if warning:
            entry.warnings.append(f"the snapshot cache: {why}; read from the input files")
        if unusable:
            entry.lists, entry.reason = CacheStatus.NOT_STORED, unusable
        else:
            entry.reason = why
            entry.store_lists(tracker, code)
        return _adopt(tracker, entry)

    def _read(self, name: str, request: _Request, code: str) -> tuple[Tracker | None, str, bool]:
        """The tracker of a current snapshot; else None, why not ('' for none), and whether
        to warn (a damaged or foreign file)."""
        path = self.folder / f"{name}{LISTS}"
        handle, problem = self._open(path)
        if handle is None:
            return None, (f"{problem}: not read" if problem else ""), bool(problem)
        with handle:  # the reader maps the file: the map stays open, the handle need not
            try:
                meta = read_header(handle)["meta"]
                why, warn = _unusable(meta, path, request, code)
                if why:
                    return None, why, warn
                entry = _Entry(self, name, request)
                reader = SnapshotReader(handle, name=str(path), on_damage=entry.forget)
                state = reader.root("tracker")
            except (SnapshotDamagedError, KeyError, TypeError, ValueError) as error:
                return None, f"{path} is damaged ({error}): not read", True
        entry.opened(reader, meta)
        tracker = Tracker.__new__(SnapshotTracker)
        tracker.__dict__.update(state)
        return _adopt(tracker, entry), "", False

    # ------------------------------------------------------------------ show and clear

    def entries(self) -> tuple[CacheEntry, ...]:
        """The snapshots in the folder, oldest first, each with whether it is current
        (only their headers are read: nothing is unpickled)."""
        if not self.folder.is_dir():
            return ()
        code = _code_fingerprint()
        found = [self._entry(path, code) for path in self.folder.glob(f"*{LISTS}")]
        return tuple(
            sorted(
                found, key=lambda e: (e.created or dt.datetime.min.replace(tzinfo=dt.UTC), e.file)
            )
        )

    def _entry(self, path: Path, code: str) -> CacheEntry:
        index = path.with_suffix(INDEX)
        size = path.stat().st_size + (index.stat().st_size if index.is_file() else 0)
        handle, problem = self._open(path)
        if handle is None:
            return _unreadable(path, size, problem or "gone")
        with handle:
            try:
                meta = read_header(handle)["meta"]
                request = _Request(
                    tuple(meta["request"]["paths"]),
                    meta["request"]["bundled"],
                    meta["request"]["cwd"],
                )
                status = _stale(meta, request, code) or "current"
                return CacheEntry(
                    key=str(meta["key"]),
                    file=str(path),
                    created=dt.datetime.fromisoformat(meta["created"]),
                    version=str(meta["version"]),
                    size=size,
                    index=self._index_of(index, meta),
                    designations=int(meta.get("designations", 0)),
                    inputs=tuple(str(i["path"]) for i in meta["inputs"]),
                    status=status,
                )
            except (SnapshotDamagedError, KeyError, TypeError, ValueError) as error:
                return _unreadable(path, size, f"damaged ({error})")

    def _index_of(self, path: Path, lists: dict[str, Any]) -> bool:
        handle, _ = self._open(path)
        if handle is None:
            return False
        with handle:
            try:
                meta = read_header(handle)["meta"]
            except SnapshotDamagedError:
                return False
        return bool(meta.get("generation") == lists.get("generation"))

    def clear(self) -> int:
        """Remove every snapshot (and any half-written file) from the folder; how many files
        were removed."""
        if not self.folder.is_dir():
            return 0
        removed = 0
        for pattern in (f"*{LISTS}", f"*{INDEX}", f"{_WRITING}*.part"):
            for path in self.folder.glob(pattern):
                try:
                    path.unlink()
                except FileNotFoundError:
                    continue
                removed += 1
        return removed


# --------------------------------------------------------------------------- a load's entry


def _shared_parts(designation: Designation) -> list[tuple[tuple[Any, ...], object]]:
    """The objects of a designation the screening index holds too, with their paths: its
    names and identifiers (kept once, in the lists' snapshot)."""
    party = designation.party
    return [(("party", "names", i), name) for i, name in enumerate(party.names)] + [
        (("party", "identifiers", i), found) for i, found in enumerate(party.identifiers)
    ]


def _refs(store: Sequence[Designation]) -> Refs:
    # The cyclic garbage collector stays as it is: switching it off would switch it off
    # for every thread of the process.
    return Refs(store, _shared_parts)


class _Entry:
    """What a tracker knows of its snapshot: where it is, its key, and what was read from
    it or stored in it."""

    def __init__(self, cache: SnapshotCache, name: str, request: _Request) -> None:
        self.cache = cache
        self.name = name
        self.request = request
        self.key = ""
        self.generation = ""
        self.code = ""
        self.reader: SnapshotReader | None = None
        self.store: Sequence[Designation] | None = None
        self.lists = CacheStatus.READ
        self.index: CacheStatus | None = None
        self.reason = ""
        self.warnings: list[str] = []
        self.index_reader: SnapshotReader | None = None

    @property
    def lists_path(self) -> Path:
        return self.cache.folder / f"{self.name}{LISTS}"

    @property
    def index_path(self) -> Path:
        return self.cache.folder / f"{self.name}{INDEX}"

    def opened(self, reader: SnapshotReader, meta: dict[str, Any]) -> None:
        self.reader = reader
        self.key = str(meta["key"])
        self.generation = str(meta["generation"])
        self.code = str(meta["code"])

    def forget(self) -> None:
        """A part of the snapshot was found damaged once read: remove it, so that the next
        load rebuilds it."""
        for path in (self.lists_path, self.index_path):
            path.unlink(missing_ok=True)

    def _meta(self, kind: str) -> dict[str, Any]:
        return {
            "kind": kind,
            "version": tool_version(),
            "python": _python(),
            "code": self.code,
            "request": self.request.data(),
            "generation": self.generation,
            "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        }

    def store_lists(self, tracker: Tracker, code: str) -> None:
        """Write the tracker's snapshot (its designations kept in the store)."""
        self.code = code
        self.generation = os.urandom(16).hex()
        meta = self._meta("lists")
        inputs = _inputs(tracker, self.request.cwd)
        try:
            if inputs is None:
                msg = "an input file has no SHA-256 to check it by"
                raise ValueError(msg)  # noqa: TRY301 - handled as any other failure below
            meta["inputs"] = inputs
            meta["folders"] = _watched(self.request)
            meta["key"] = self.key = _key(meta)
            state = dict(vars(tracker))
            state["_screener"] = state["_same_parties"] = None
            store = list(state["_designations"].values())
            meta["designations"] = len(store)
            writer = SnapshotWriter(_refs(store))
            writer.add_store(store)
            self.cache._write(  # noqa: SLF001 - the cache's own entry
                self.lists_path, lambda out: writer.write(out, {"tracker": state}, meta)
            )
        except Exception as error:  # noqa: BLE001 - pickling fails with many kinds of error
            self.lists = CacheStatus.NOT_STORED
            self.reason = f"cannot be stored: {error}"
            self.warnings.append(f"the snapshot cache: the lists {self.reason}")
            return
        self.store = store
        self.lists = CacheStatus.STORED

    def screener(self, tracker: Tracker, build: Callable[[], Screener]) -> Screener:
        """The tracker's screening index: read from the cache, else built and stored."""
        found = self._read_index()
        if found is not None:
            self.index = CacheStatus.READ
            return found
        screener = build()
        if self.lists is CacheStatus.NOT_STORED:
            self.index = CacheStatus.NOT_STORED
            return screener
        try:
            store = self.store if self.store is not None else self._read_store(tracker)
            writer = SnapshotWriter(_refs(store))
            meta = self._meta("index")
            meta["key"] = self.key
            self.cache._write(  # noqa: SLF001 - the cache's own entry
                self.index_path, lambda out: writer.write(out, {"screener": screener}, meta)
            )
        except Exception as error:  # noqa: BLE001 - pickling fails with many kinds of error
            self.index = CacheStatus.NOT_STORED
            self.warnings.append(
                f"the snapshot cache: the screening index cannot be stored: {error}"
            )
            return screener
        self.index = CacheStatus.STORED
        return screener

    def _read_store(self, tracker: Tracker) -> Sequence[Designation]:
        """The designations of a tracker read from its snapshot, in the store's order
        (the same objects its screener was built from)."""
        del tracker
        if self.reader is None:
            msg = "the snapshot has no store"
            raise CacheError(msg)
        return self.reader.store()

    def _read_index(self) -> Screener | None:
        if self.reader is None:  # the lists were just stored: no index of theirs yet
            return None
        path = self.index_path
        handle, problem = self.cache._open(path)  # noqa: SLF001 - the cache's own entry
        if handle is None:
            if problem:
                self.warnings.append(f"the snapshot cache: {problem}: not read")
            return None
        with handle:  # the reader maps the file: the map stays open, the handle need not
            try:
                meta = read_header(handle)["meta"]
                expected = {
                    "kind": "index",
                    "key": self.key,
                    "generation": self.generation,
                    "version": tool_version(),
                    "python": _python(),
                    "code": self.code,
                }
                if any(meta.get(name) != value for name, value in expected.items()):
                    return None  # the index of other lists (or of an older snapshot of these)
                reader = SnapshotReader(
                    handle, name=str(path), resolver=self.reader.resolve, on_damage=self.forget
                )
                screener: Screener = reader.root("screener")
                reader.adopt(screener)
            except (SnapshotDamagedError, KeyError, TypeError, ValueError) as error:
                self.warnings.append(f"the snapshot cache: {path} is damaged ({error}): rebuilt")
                return None
        self.index_reader = reader
        return screener

    def note(self, *, index: bool) -> CacheNote:
        return CacheNote(
            key=self.key,
            lists=self.lists,
            index=self.index if index else None,
            folder=str(self.cache.folder),
            reason=self.reason,
        )


def _adopt(tracker: Tracker, entry: _Entry) -> SnapshotTracker:
    """The tracker as a :class:`SnapshotTracker` of its entry."""
    tracker.__class__ = SnapshotTracker
    assert isinstance(tracker, SnapshotTracker)  # noqa: S101 - for the type checker
    tracker._snapshot = entry  # noqa: SLF001 - set once, here
    tracker._snapshot_lock = threading.Lock()  # noqa: SLF001 - set once, here
    return tracker


class SnapshotTracker(Tracker):
    """A tracker whose lists, and screening index once built, are kept in the snapshot
    cache: what ``sanctions_tracker.load(..., cache=...)`` gives.

    It answers as the tracker built from the files would, and its stamps say how the
    cache served them (``Stamp.cache``). Read from the cache, its records and its index
    are read from the file as they are first used: a screen reads the few designations it
    finds, not the whole list.
    """

    _snapshot: _Entry
    _snapshot_lock: threading.Lock

    @property
    def cache(self) -> CacheNote:
        """How the cache served this tracker: the snapshot's key, whether the lists (and the
        index, once used) were read from it or stored in it, and why not, if not."""
        return self._snapshot.note(index=self._screener is not None)

    @property
    def cache_warnings(self) -> tuple[str, ...]:
        """What went wrong with the cache, in lines: a damaged or foreign snapshot (rebuilt
        from the files), a folder that cannot be used, a snapshot that cannot be written."""
        return tuple(self._snapshot.warnings)

    @property
    def screener(self) -> Screener:
        """The screening index: read from the cache, else built (and stored in it)."""
        if self._screener is None:
            with self._snapshot_lock:
                if self._screener is None:
                    build = Tracker.screener.fget  # type: ignore[attr-defined]
                    self._screener = self._snapshot.screener(self, lambda: build(self))
        return self._screener

    def stamp(self, settings: Mapping[str, object] | None = None) -> Stamp:
        """The stamp of an answer (``Tracker.stamp``), saying how the cache served it."""
        return attrs.evolve(super().stamp(settings), cache=self.cache)

    def screen_many(
        self,
        names: Iterable[str],
        *,
        kind: PartyKind | str | None = None,
        threshold: float | None = None,
        limit: int = DEFAULT_LIMIT,
        workers: int | None = None,
        progress: Callable[[int, int], None] | None = None,
        weak_alias: float | None = None,
    ) -> tuple[tuple[Match, ...], ...]:
        """``Tracker.screen_many``; a large batch reads the whole index from the cache
        first (a batch would read most of it, a piece at a time)."""
        batch = list(names)
        if len(batch) >= _BATCH:
            self.read_all()
        return super().screen_many(
            batch,
            kind=kind,
            threshold=threshold,
            limit=limit,
            workers=workers,
            progress=progress,
            weak_alias=weak_alias,
        )

    def read_all(self) -> None:
        """Read everything of the snapshot into memory now: for a batch, or before forking
        workers that should share it."""
        self.screener  # noqa: B018 - read (or built) now
        for reader in (self._snapshot.index_reader, self._snapshot.reader):
            if reader is not None:
                reader.read_all()
