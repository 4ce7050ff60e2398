"""Screening on a Dask cluster: a stream of rows from this process (``screen --file F
--engine dask``), or a Dask DataFrame where it lies.

Every worker loads the lists once, from the files :class:`ListFiles` names (checked
against their SHA-256), and screens with the same function as the local engine, so the
results are the same row for row. Needs the ``dask`` extra (``dask[distributed]``).
"""

from __future__ import annotations

import contextlib
import logging
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import frozen

from sanctions_tracker import _vocabulary as words
from sanctions_tracker.batch._arrow import result_schema, screen_arrow
from sanctions_tracker.batch._engine import (
    DEFAULT_CHUNK,
    ListFiles,
    Prepare,
    Settings,
    chunks,
    screen_remote_chunk,
    usable_cores,
)
from sanctions_tracker.batch._input import InputRow
from sanctions_tracker.export._tables import _require

if TYPE_CHECKING:
    import dask.dataframe as dd
    import pandas as pd

__all__ = ["DaskEngine", "screen_dask"]

T = TypeVar("T")

_IN_FLIGHT = 3


@frozen
class DaskEngine:
    """Screens a stream of rows on a Dask cluster, ``chunk`` rows a task, a few tasks per
    worker in flight, the results in the order of the rows.

    ``scheduler`` is the address of a running cluster's scheduler (``tcp://host:8786``);
    without it a local cluster of ``workers`` processes (default: the cores) is started
    for the run and closed after it.
    """

    lists: ListFiles
    scheduler: str | None = None
    workers: int | None = None
    chunk: int = DEFAULT_CHUNK

    @contextlib.contextmanager
    def client(self) -> Iterator[Any]:
        """A client of the cluster, and the cluster if it is started here."""
        distributed = _require("distributed", "--engine dask", "dask")
        if self.scheduler is not None:
            with distributed.Client(self.scheduler) as client:
                yield client
            return
        quiet = logging.getLogger("distributed")
        level = quiet.level
        quiet.setLevel(logging.ERROR)  # a cluster of our own: its chatter is not the user's
        with (
            contextlib.ExitStack() as restore,
            distributed.LocalCluster(
                n_workers=self.workers or usable_cores(),
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
            ) as cluster,
            distributed.Client(cluster) as client,
        ):
            restore.callback(quiet.setLevel, level)
            yield client

    def run(
        self,
        rows: Iterable[InputRow],
        settings: Settings,
        prepare: Prepare[T],
        progress: Callable[[int], None] | None = None,
    ) -> Iterator[T]:
        """Each row's rendered result, in the order of ``rows``."""
        with self.client() as client:
            workers = max(1, len(client.scheduler_info().get("workers", {})))
            pending: deque[tuple[int, Any]] = deque()
            done = 0
            for batch in chunks(rows, self.chunk):
                future = client.submit(
                    screen_remote_chunk, self.lists, batch, settings, prepare, pure=False
                )
                pending.append((len(batch), future))
                if len(pending) >= workers * _IN_FLIGHT:
                    count, oldest = pending.popleft()
                    yield from oldest.result()
                    done += count
                    if progress is not None:
                        progress(done)
            while pending:
                count, oldest = pending.popleft()
                yield from oldest.result()
                done += count
                if progress is not None:
                    progress(done)


def _screen_partition(
    frame: pd.DataFrame,
    lists: ListFiles,
    name_column: str | None,
    options: tuple[float | None, int, str | None, float | None],
) -> pd.DataFrame:
    pa = _require("pyarrow", "screen_dask()", "arrow")
    threshold, limit, kind, weak_alias = options
    table = pa.Table.from_pandas(frame, preserve_index=False)
    batches = table.to_batches() or [pa.RecordBatch.from_pylist([], schema=table.schema)]
    screened = screen_arrow(
        batches,
        lists,
        name_column=name_column,
        threshold=threshold,
        limit=limit,
        kind=kind,
        weak_alias=weak_alias,
    )
    out: pd.DataFrame = pa.Table.from_batches(
        list(screened), schema=result_schema(table.schema)
    ).to_pandas()
    out.index = frame.index
    return out


def screen_dask(
    frame: dd.DataFrame,
    lists: ListFiles,
    *,
    name_column: str | None = None,
    threshold: float | None = None,
    limit: int = words.DEFAULT_LIMIT,
    kind: str | None = None,
    weak_alias: float | None = None,
) -> dd.DataFrame:
    """``frame`` with the screening columns of :func:`screen_arrow` added, computed
    partition by partition on the cluster (lazily, as Dask does: call ``.compute()`` or
    write it out). Each worker loads ``lists`` once. Needs the ``dask`` and ``arrow``
    extras."""
    pandas = _require("pandas", "screen_dask()", "pandas")
    pa = _require("pyarrow", "screen_dask()", "arrow")
    words.check_threshold(threshold)
    words.check_limit(limit)
    meta_table = pa.Table.from_pandas(frame._meta, preserve_index=False)  # noqa: SLF001 - Dask's documented meta
    meta = result_schema(meta_table.schema).empty_table().to_pandas()
    meta.index = pandas.Index([], dtype=frame._meta.index.dtype)  # noqa: SLF001
    settings = (threshold, limit, kind, weak_alias)
    result: dd.DataFrame = frame.map_partitions(  # type: ignore[no-untyped-call] # dask's own
        _screen_partition, lists, name_column, settings, meta=meta
    )
    return result
