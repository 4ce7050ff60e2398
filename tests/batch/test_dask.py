"""The Dask engine on a local cluster of two worker processes: the same results as the
local engine, row for row, each worker loading the lists once; Dask data frames and Arrow
batches screened alike; ``screen --engine dask`` writes what ``--engine local`` writes."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import Any

import pytest

distributed = pytest.importorskip(
    "distributed", reason="the dask extra (dask[distributed]) is not installed"
)
dd = pytest.importorskip("dask.dataframe", reason="the dask extra is not installed")

import pandas as pd  # noqa: E402 - after the skips
import pyarrow as pa  # noqa: E402

import sanctions_tracker as st  # noqa: E402
from conftest import SHARED_DATA  # noqa: E402
from sanctions_tracker.batch import (  # noqa: E402
    DaskEngine,
    InputRow,
    ListFiles,
    LocalEngine,
    Settings,
    screen_arrow,
    screen_dask,
)
from sanctions_tracker.cli import main  # noqa: E402
from sanctions_tracker.reports.screening import RowRenderer  # noqa: E402

UN = SHARED_DATA / "un-consolidated" / "consolidated_2025-11-20.xml.gz"
DPL = SHARED_DATA / "other" / "dpl.txt"
pytestmark = pytest.mark.skipif(not UN.exists(), reason="../shared/data is not present")


@pytest.fixture(scope="module")
def cluster() -> Iterator[Any]:
    """A local cluster of two worker processes (one thread each) for the module."""
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as running,
        distributed.Client(running) as client,
    ):
        yield running, client


@pytest.fixture(scope="module")
def un_tracker() -> st.Tracker:
    return st.load(UN, bundled=False)


def names(tracker: st.Tracker, count: int) -> list[str]:
    """Listed names of the UN list between real people on no list (the DPL)."""
    listed = [d.party.name for d in tracker.designations()][: count // 2]
    text = DPL.read_text(encoding="utf-8", errors="replace")
    unlisted = [row["Name"] for row in csv.DictReader(io.StringIO(text), delimiter="\t")]
    return [n for pair in zip(listed, unlisted, strict=False) for n in pair][:count]


def test_dask_gives_what_the_local_engine_gives(
    cluster: tuple[Any, Any], un_tracker: st.Tracker
) -> None:
    """On real names against the UN list, two Dask workers give row for row, in order,
    what one local process gives; a second run finds each worker's lists already loaded
    (the same tracker object as after the first)."""
    running, client = cluster
    rows = [InputRow(i, {"name": n}) for i, n in enumerate(names(un_tracker, 160), start=2)]
    renderer = RowRenderer("jsonl", ("name",), "name", 0.8, 10)
    settings = Settings(name_column="name")
    local = list(LocalEngine(workers=1).run(un_tracker, rows, settings, renderer))
    lists = ListFiles.of(UN, bundled=False)
    engine = DaskEngine(lists, scheduler=running.scheduler_address, chunk=20)
    remote = list(engine.run(rows, settings, renderer))
    assert remote == local
    assert sum(1 for _, piece in local if '"status": "match"' in piece) >= 60

    def loaded() -> int | None:
        from sanctions_tracker.batch import _engine  # noqa: PLC0415 - in the worker

        held = _engine._LOADED.get(lists)
        return None if held is None else id(held)

    first = client.run(loaded)
    assert list(engine.run(rows, settings, renderer)) == local
    assert client.run(loaded) == first
    assert all(value is not None for value in first.values())


def test_dask_frames_and_arrow_batches_agree(
    cluster: tuple[Any, Any], un_tracker: st.Tracker
) -> None:
    """A Dask DataFrame of three partitions screened on the cluster gives the columns
    ``screen_arrow`` gives here, row for row, its own columns kept."""
    _, client = cluster
    del client
    people = names(un_tracker, 60)
    frame = pd.DataFrame({"ref": list(range(len(people))), "Name": people})
    lists = ListFiles.of(UN, bundled=False)
    screened = screen_dask(dd.from_pandas(frame, npartitions=3), lists).compute()  # type: ignore[no-untyped-call] # dask's own
    (here,) = screen_arrow([pa.RecordBatch.from_pandas(frame)], un_tracker)
    expected = here.to_pandas()
    assert list(screened.columns) == list(expected.columns)
    assert screened["ref"].tolist() == frame["ref"].tolist()
    assert screened["screening_status"].tolist() == expected["screening_status"].tolist()
    assert screened["screening_score"].fillna(-1).tolist() == (
        expected["screening_score"].fillna(-1).tolist()
    )
    ids = [[m["designation_id"] for m in hits] for hits in screened["screening_matches"]]
    assert ids == [[m["designation_id"] for m in hits] for hits in expected["screening_matches"]]


def test_cli_engine_dask_writes_what_local_writes(
    cluster: tuple[Any, Any],
    un_tracker: st.Tracker,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Any,
) -> None:
    """`screen --file F --engine dask --scheduler ADDRESS` writes the rows `--engine local`
    writes; only the stamp says which engine."""
    running, _ = cluster
    path = tmp_path / "customers.csv"
    path.write_text(
        "ref;name\n" + "".join(f"{i};{n}\n" for i, n in enumerate(names(un_tracker, 40))),
        encoding="utf-8",
    )
    common = ["screen", "--file", str(path), "--format", "csv", "--no-bundled", "--data", str(UN)]
    code = main(common)
    local, local_err = capsys.readouterr()
    dask = ["--engine", "dask", "--scheduler", running.scheduler_address]
    assert main([*common, *dask]) == code
    remote, remote_err = capsys.readouterr()
    assert remote_err == local_err

    def rows(text: str) -> list[str]:
        return [line for line in text.splitlines() if not line.startswith("# ")]

    assert rows(remote) == rows(local)
    assert "engine=dask" in remote
