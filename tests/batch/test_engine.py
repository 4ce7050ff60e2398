"""Screening a stream in chunks: the same answers on one process or two, in order, with
a bounded read-ahead, and workers that get their job from an initializer."""

from __future__ import annotations

import csv
import gc
import io
import json
import multiprocessing
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

import sanctions_tracker as st
from conftest import MINIMAL, SHARED_DATA
from sanctions_tracker.batch import InputRow, ListFiles, LocalEngine, Settings, _engine, screen_rows
from sanctions_tracker.errors import SourceError
from sanctions_tracker.screening import RecordResult

DPL = SHARED_DATA / "other" / "dpl.txt"
needs_data = pytest.mark.skipif(not DPL.exists(), reason="../shared/data is not present")


def plain(tracker: st.Tracker) -> Callable[[RecordResult], tuple[Any, ...]]:
    """A row's result as plain data: its line, each hit's id and score, its error."""
    del tracker
    return lambda r: (r.row, tuple((m.designation_id, m.score) for m in r.matches), r.error)


def real_names(tracker: st.Tracker, count: int) -> list[str]:
    """Listed people's names (given name first) between real people on no list (the DPL)."""
    listed = [
        d.party.name.partition(", ")[2] + " " + d.party.name.partition(", ")[0]
        for d in tracker.designations(kind="individual")
        if ", " in d.party.name
    ][: count // 2]
    text = DPL.read_text(encoding="utf-8", errors="replace")
    unlisted = [row["Name"] for row in csv.DictReader(io.StringIO(text), delimiter="\t")]
    mixed = [name for pair in zip(listed, unlisted[: count // 2], strict=False) for name in pair]
    return mixed[:count]


@needs_data
def test_two_processes_give_what_one_gives_in_order(sdn_tracker: st.Tracker) -> None:
    """On real names against the SDN list with its companions, two forked workers give
    row for row what one process gives, in the input's order, and what screening each
    name alone gives."""
    names = real_names(sdn_tracker, 300)
    rows = [InputRow(line, {"name": name}) for line, name in enumerate(names, start=2)]
    settings = Settings(name_column="name")
    one = list(LocalEngine(workers=1, chunk=20).run(sdn_tracker, rows, settings, plain))
    two = list(LocalEngine(workers=2, chunk=20).run(sdn_tracker, rows, settings, plain))
    alone = [
        (row.line, tuple((m.designation_id, m.score) for m in sdn_tracker.screen(name)), None)
        for row, name in zip(rows, names, strict=True)
    ]
    assert two == one == alone
    assert sum(1 for _, hits, _ in two if hits) >= 100  # the listed half is found
    assert _engine._Worker.job is None  # nothing was set in this process for the workers


@needs_data
def test_workers_freeze_their_own_collector_not_this_one(sdn_tracker: st.Tracker) -> None:
    """While the forked workers screen, this process's garbage collector is never frozen
    (a process-wide setting the library leaves to the application); a worker freezes
    what it inherited in its own process, first thing, so its pages stay shared."""
    rows = [InputRow(line, {"name": name}) for line, name in enumerate(["Quds Force"] * 200)]
    engine = LocalEngine(workers=2, chunk=10)
    run = engine.run(sdn_tracker, rows, Settings(name_column="name"), plain)
    frozen_here = [gc.get_freeze_count() for _ in run]
    assert len(frozen_here) == len(rows)
    assert set(frozen_here) == {0}
    job = _engine._Job(sdn_tracker, sdn_tracker.screener, Settings(), plain)
    with multiprocessing.get_context("fork").Pool(
        1, initializer=_engine._start_worker, initargs=(job,)
    ) as pool:
        assert pool.apply(gc.get_freeze_count) > 0


def test_rows_are_read_a_few_chunks_ahead(bundled: st.Tracker) -> None:
    """The engine reads only a few chunks ahead of what it has written: when the first
    result comes out, at most (workers x 3 + 1) chunks of rows have been read."""
    read = [0]

    def rows() -> Iterator[InputRow]:
        for line in range(1, 2001):
            read[0] += 1
            yield InputRow(line, {"name": "Qasem Soleimani" if line % 7 else "Jane Roe"})

    results = LocalEngine(workers=2, chunk=10).run(bundled, rows(), Settings(), plain)
    first = next(results)
    assert first[0] == 1
    assert read[0] <= 10 * (2 * 3 + 1)
    rest = list(results)
    assert [r[0] for r in rest] == list(range(2, 2001))
    assert read[0] == 2000


def test_qualifier_columns_and_untouched_records(bundled: st.Tracker) -> None:
    """The columns of a row are its qualifiers, read in any case (a birth date that fits
    raises the score, one that does not lowers it); the record comes back as read, with
    its line; a row without a name says which column was empty."""
    rows = [
        InputRow(2, {"Customer": "c-1", "Full Name": "Qassem Soleymani"}),
        InputRow(3, {"Customer": "c-2", "Full Name": "Qassem Soleymani", "D.O.B.": "1957"}),
        InputRow(4, {"Customer": "c-3", "Full Name": "Qassem Soleymani", "DOB": "1980"}),
        InputRow(5, {"Customer": "c-4", "Full Name": " "}),
    ]
    results = screen_rows(bundled.screener, rows, Settings(name_column="Full Name", threshold=0.5))
    plain_score, fits, contradicts = (r.matches[0].score for r in results[:3])
    assert fits > plain_score > contradicts
    assert [r.row for r in results] == [2, 3, 4, 5]
    assert [r.record for r in results] == [row.record for row in rows]
    assert results[3].error == "no name in this row (column 'Full Name' is empty)"


def test_list_files_load_once_and_refuse_other_bytes(tmp_path: Path) -> None:
    """A process loads a list set once, whatever number of times it is asked; a file whose
    bytes changed since the set was named is refused, not screened against."""
    path = tmp_path / "mine.json"
    path.write_text(json.dumps(MINIMAL), encoding="utf-8")
    lists = ListFiles.of(path, bundled=False)
    assert lists.tracker() is lists.tracker()
    path.write_text(json.dumps(MINIMAL, indent=1), encoding="utf-8")
    with pytest.raises(SourceError, match="not the one screened against"):
        lists.load()
