"""Screening a stream of rows in chunks: in this process, on a pool of local processes, or
on a Dask cluster (``_dask.py``), with the same function for a chunk everywhere.

What stays flat is memory: rows are read a chunk at a time, at most a few chunks per worker
are in flight, and each chunk's results are written before more rows are read. The output
keeps the input's order whatever order the workers finish in.

A worker gets what it screens with once, when it starts: a process of the local pool from
its initializer (forked, it shares the parent's index rather than copying or rebuilding
it), a Dask worker from the list files it loads once (:class:`ListFiles`). Nothing is
handed over through a variable the parent sets before forking.

The local pool counts the process that reads and writes as one of its workers: with two
workers, this process and one forked one. Chunks go to the forked workers while fewer
than two per worker wait there; the others this process keeps, and it screens them while
the next chunk to be written is still with a worker, so that neither waits on the other
while there is work. A forked worker ends up
copying more than half of the pages of the index it shares (each object it reads has its
reference count written: measured in ``benchmarks/batch.py``), so a parent that only
read and wrote would hold a whole index for nothing.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar

import attrs
from attrs import frozen

from sanctions_tracker import _vocabulary as words
from sanctions_tracker._inputs import file_facts
from sanctions_tracker.batch._input import InputRow, column_key
from sanctions_tracker.errors import SourceError

if TYPE_CHECKING:
    from multiprocessing.pool import AsyncResult, Pool

    from sanctions_tracker.records import PartyKind
    from sanctions_tracker.screening import RecordResult, Screener
    from sanctions_tracker.tracker import Tracker

__all__ = [
    "DEFAULT_CHUNK",
    "ListFiles",
    "LocalEngine",
    "Prepare",
    "Settings",
    "screen_chunk",
    "screen_rows",
]

T = TypeVar("T")

DEFAULT_CHUNK = 250
"""Rows a worker screens at a time: enough to make the hand-over cheap beside the work."""
_IN_FLIGHT = 3
"""Chunks held per process (read, not yet written)."""
_QUEUED = 2
"""Chunks waiting with the workers, per worker, before this process keeps the next one."""
_NAME_KEYS = frozenset({"name", "fullname"})


@frozen
class Settings:
    """How every row of a batch is screened: the threshold, the hits kept per row, the kind
    for rows that do not give theirs, the column that holds the names (compared without
    regard to case; None: the record's own ``name`` or ``full_name``), and the share of
    its score a weak alias keeps (None: ``screening.WEAK_ALIAS``)."""

    threshold: float | None = None
    limit: int = words.DEFAULT_LIMIT
    kind: str | None = None
    name_column: str | None = None
    weak_alias: float | None = None


class Prepare(Protocol[T]):  # type: ignore[misc]
    # (mypy: a Protocol over T used in a return position only is what this is)
    """Given the tracker a worker holds, the function that turns each row's result into
    what the worker hands back (a row of output, ready to write). It runs in the worker,
    so that what costs there (explanations, JSON) is spread over the workers too."""

    def __call__(self, tracker: Tracker, /) -> Callable[[RecordResult], T]: ...


def _fields(record: Mapping[str, str], name_column: str | None) -> dict[str, str]:
    """The fields screening reads: the record's own, the names under ``name``."""
    if name_column is None:
        return dict(record)
    fields = {key: value for key, value in record.items() if column_key(key) not in _NAME_KEYS}
    fields["name"] = record.get(name_column, "")
    return fields


class RecordScreener(Protocol):
    """What screens records: a ``Screener``, or a ``Rescreener`` (what changed only)."""

    def screen_records(
        self,
        records: Iterable[Mapping[str, object]],
        *,
        threshold: float | None = ...,
        limit: int = ...,
        kind: PartyKind | str | None = ...,
        weak_alias: float | None = ...,
    ) -> Iterator[RecordResult]: ...


def screen_rows(
    screener: RecordScreener, rows: Sequence[InputRow], settings: Settings
) -> list[RecordResult]:
    """Each row's :class:`~sanctions_tracker.screening.RecordResult`, in order: ``row`` is
    the row's line, ``record`` the row as read (every column). A row that could not be read
    or gives neither a name nor an identifier is not screened and says why."""
    from sanctions_tracker.screening import RecordResult  # noqa: PLC0415 - see Tracker.screener

    results: list[RecordResult | None] = [None] * len(rows)
    screened: list[tuple[int, dict[str, str]]] = []
    for index, row in enumerate(rows):
        fields = _fields(row.record, settings.name_column)
        error = row.error
        if error is None and not (
            fields.get("name", "").strip()
            or any(column_key(k) == "identifier" and v.strip() for k, v in fields.items())
        ):
            where = f" (column {settings.name_column!r} is empty)" if settings.name_column else ""
            error = f"no name in this row{where}"
        if error is not None:
            results[index] = RecordResult(row=row.line, record=row.record, matches=(), error=error)
        else:
            screened.append((index, fields))
    found = screener.screen_records(
        (fields for _, fields in screened),
        threshold=settings.threshold,
        limit=settings.limit,
        kind=settings.kind,
        weak_alias=settings.weak_alias,
    )
    for (index, _), result in zip(screened, found, strict=True):
        row = rows[index]
        results[index] = attrs.evolve(result, row=row.line, record=row.record)
    return [result for result in results if result is not None]


def screen_chunk(
    tracker: Tracker, rows: Sequence[InputRow], settings: Settings, render: Callable[..., T]
) -> list[T]:
    """One chunk of rows screened against ``tracker``'s lists and rendered: what every
    engine runs, in this process or in a worker."""
    return [render(result) for result in screen_rows(tracker.screener, rows, settings)]


def chunks(rows: Iterable[T], size: int) -> Iterator[list[T]]:
    """``rows`` in lists of ``size`` (the last may be shorter), read as they are needed."""
    chunk: list[T] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


# ------------------------------------------------------------------ the list files


@frozen
class ListFiles:
    """The list files a worker loads, by path, with the SHA-256 each must have: a worker
    on another machine that finds other bytes at a path refuses to screen rather than
    answer from another list. ``bundled`` loads the bundled fixtures too, as ``load``
    does.

    :meth:`tracker` loads them once per process (the first call loads; the others, from
    any thread, get the same tracker): a Dask, Spark or Ray worker pays for the load and
    the index once, whatever number of batches it screens.
    """

    paths: tuple[str, ...]
    sha256: tuple[str | None, ...] = ()
    bundled: bool = True

    @classmethod
    def of(cls, *paths: str | os.PathLike[str], bundled: bool = True) -> ListFiles:
        """The list files at ``paths`` (``DATE=PATH`` allowed), with their SHA-256 now."""
        texts = tuple(os.fspath(path) for path in paths)
        digests = tuple(_digest(text) for text in texts)
        return cls(paths=texts, sha256=digests, bundled=bundled)

    def load(self) -> Tracker:
        """Load the files now (in this process), checking each one's SHA-256 first."""
        from sanctions_tracker.loading import load  # noqa: PLC0415 - loading sits to the left

        for path, wanted in zip(self.paths, self.sha256, strict=False):
            found = _digest(path)
            if wanted is not None and found != wanted:
                msg = (
                    f"{path}: the file here is not the one screened against (sha256 "
                    f"{found or 'unreadable'}, expected {wanted})"
                )
                raise SourceError(msg)
        tracker = load(*self.paths, bundled=self.bundled)
        _ = tracker.screener  # the index, built now, once
        return tracker

    def tracker(self) -> Tracker:
        """The tracker of these files in this process: loaded on the first call only."""
        with _LOADED_LOCK:
            tracker = _LOADED.get(self)
            if tracker is None:
                tracker = self.load()
                _LOADED.clear()  # one list set per process: a new one replaces the old
                _LOADED[self] = tracker
            return tracker


def _digest(text: str) -> str | None:
    from sanctions_tracker._inputs import stated_path  # noqa: PLC0415 - a path only

    path, _ = stated_path(text)
    if path.is_dir():
        return None  # a folder of fixtures: its files are checked when they are read
    facts = file_facts(path)
    return facts[0] if facts else None


_LOADED: dict[ListFiles, Tracker] = {}
"""The list set loaded in this process, by :meth:`ListFiles.tracker` (a cache of one)."""
_LOADED_LOCK = threading.Lock()


# ------------------------------------------------------------------ local processes


class _Job(Generic[T]):
    """What a worker of the local pool screens with, set once by its initializer: the
    tracker and the index, forked with the worker (shared with the parent, not copied or
    rebuilt), the settings and the row function."""

    __slots__ = ("render", "screener", "settings", "tracker")

    def __init__(
        self,
        tracker: Tracker,
        screener: Screener,
        settings: Settings,
        render: Callable[..., T],
    ) -> None:
        self.tracker = tracker
        self.screener = screener
        self.settings = settings
        self.render = render

    def __call__(self, rows: Sequence[InputRow]) -> list[T]:
        found = screen_rows(self.screener, rows, self.settings)
        return [self.render(result) for result in found]


class _Worker:
    """The job of this worker process (None in a process that is not a pool's worker)."""

    job: _Job[Any] | None = None


def _start_worker(job: _Job[Any]) -> None:
    """The pool's initializer: the job arrives once, with the process (forked: shared)."""
    gc.freeze()  # what the worker inherited is never scanned here: its pages stay shared
    gc.enable()  # what the worker makes is collected (even where the application disabled it)
    _Worker.job = job


def _run_chunk(rows: Sequence[InputRow]) -> list[Any]:
    job = _Worker.job
    if job is None:  # pragma: no cover - only a pool started without the initializer
        msg = "a screening worker was started without its job"
        raise RuntimeError(msg)
    return job(rows)


def usable_cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


@frozen
class LocalEngine:
    """Screens on ``workers`` processes of this machine, ``chunk`` rows at a time: this
    one and ``workers - 1`` forked once the lists and the index are in memory, so that
    they share them (1: this process alone; a platform that cannot fork, too)."""

    workers: int = 1
    chunk: int = DEFAULT_CHUNK

    def run(
        self,
        tracker: Tracker,
        rows: Iterable[InputRow],
        settings: Settings,
        prepare: Prepare[T],
        progress: Callable[[int], None] | None = None,
    ) -> Iterator[T]:
        """Each row's rendered result, in the order of ``rows``, as they are screened."""
        render = prepare(tracker)
        batches = chunks(rows, self.chunk)
        first = next(batches, None)
        if first is None:
            return
        second = next(batches, None)
        parallel = (
            self.workers > 1
            and second is not None
            and "fork" in multiprocessing.get_all_start_methods()
        )
        done = 0
        if not parallel:
            for batch in _chained(first, second, batches):
                out = screen_chunk(tracker, batch, settings, render)
                done += len(batch)
                if progress is not None:
                    progress(done)
                yield from out
            return
        job = _Job(tracker, tracker.screener, settings, render)  # built before the fork
        yield from self._pooled(job, _chained(first, second, batches), progress)

    def _pooled(
        self,
        job: _Job[T],
        batches: Iterator[list[InputRow]],
        progress: Callable[[int], None] | None,
    ) -> Iterator[T]:
        """This process and ``workers - 1`` forked ones screen the chunks: a chunk goes to
        the workers while fewer than _QUEUED per worker wait there, else this process
        keeps it; while the next chunk to be written waits on a worker, this process
        screens one of its own ahead. The results are written in the order of the rows,
        and at most ``workers * _IN_FLIGHT`` chunks are held at once."""
        context = multiprocessing.get_context("fork")
        pool: Pool
        helpers = self.workers - 1
        with context.Pool(helpers, initializer=_start_worker, initargs=(job,)) as pool:
            pending: deque[_Slot[T]] = deque()
            done = 0
            more = True
            while True:
                while more and len(pending) < self.workers * _IN_FLIGHT:
                    batch = next(batches, None)
                    if batch is None:
                        more = False
                        break
                    waiting = sum(1 for slot in pending if slot.waits())
                    handed = waiting < helpers * _QUEUED
                    task = pool.apply_async(_run_chunk, (batch,)) if handed else None
                    pending.append(_Slot(batch, task))
                if not pending:
                    break
                head = pending[0]
                if head.waits():
                    ahead = next((slot for slot in pending if slot.own()), None)
                    if ahead is not None:  # screened now, written in its turn
                        ahead.out = job(ahead.rows)
                        continue
                pending.popleft()
                yield from head.results(job)
                done += len(head.rows)
                if progress is not None:
                    progress(done)


class _Slot(Generic[T]):
    """A chunk of rows on its way: handed to the workers (``task``) or kept by this
    process (``out`` once it has screened it)."""

    __slots__ = ("out", "rows", "task")

    def __init__(self, rows: list[InputRow], task: AsyncResult[list[T]] | None) -> None:
        self.rows = rows
        self.task = task
        self.out: list[T] | None = None

    def waits(self) -> bool:
        """Whether the chunk is with the workers and not screened yet."""
        return self.task is not None and not self.task.ready()

    def own(self) -> bool:
        """Whether the chunk is this process's and not screened yet."""
        return self.task is None and self.out is None

    def results(self, job: _Job[T]) -> list[T]:
        """The chunk's results (waiting for the workers, or screening it here, if need be)."""
        if self.task is not None:
            return self.task.get()
        return self.out if self.out is not None else job(self.rows)


def _chained(
    first: list[InputRow], second: list[InputRow] | None, rest: Iterator[list[InputRow]]
) -> Iterator[list[InputRow]]:
    yield first
    if second is not None:
        yield second
        yield from rest


_PREPARED: dict[tuple[ListFiles, object], Callable[..., Any]] = {}
"""The row function of the list set and renderer this process screens with (one)."""


def prepared(lists: ListFiles, prepare: Prepare[T]) -> tuple[Tracker, Callable[..., T]]:
    """This process's tracker of ``lists`` and its row function, made on first use."""
    tracker = lists.tracker()
    with _LOADED_LOCK:
        render = _PREPARED.get((lists, prepare))
        if render is None:
            _PREPARED.clear()
            render = _PREPARED[lists, prepare] = prepare(tracker)
    return tracker, render


def screen_remote_chunk(
    lists: ListFiles, rows: Sequence[InputRow], settings: Settings, prepare: Prepare[T]
) -> list[T]:
    """One chunk screened in a worker that holds no tracker of its own: the lists are
    loaded (once per process) from ``lists``."""
    tracker, render = prepared(lists, prepare)
    return screen_chunk(tracker, rows, settings, render)
