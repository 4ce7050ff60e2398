"""Screening a customer file: time and memory of ``screen --file`` on one and two
processes and on Dask, beside the previous version's ``screen --file``, in the same run.

Usage: .venv/bin/python benchmarks/batch.py [--rows 100000] [--ref-src PATH] [--dask]

The customer file is made by ``benchmarks/batch_input.py`` (real names: people on no list,
5 % listed names, see there). Each run is the whole command in a fresh process, against
OFAC's SDN list of 2024-05-03 with its companions (alt, add, comments), CSV written to a
file. For each it prints:

* the wall time of the whole command, and of the same command on a file of one row (the
  load, the index, the stamp: what does not grow with the file), so that the rows' own
  rate is ``rows / (whole - one row)``, and the projection to 1,000,000 rows is
  ``one row + 1,000,000 / rate``;
* the peak memory of the process tree, sampled every 0.1 s: the sum of the processes'
  PSS (proportional set size: a page shared by the forked workers counts once, split
  among them) and, for reference, the sum of their RSS (a shared page counted in each);
* the CPU time of the process tree, and the share of the machine's cores that other
  processes kept busy during the run (the machine is shared: a run of two processes is
  only as fast as the cores it is left).

The baseline is the previous version's ``screen --file`` on the same file (``--ref-src``,
the ``src`` folder of a checkout of it; by default ``../main/src``), run the same way.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import batch_input
from common import DATA, machine

ROOT = Path(__file__).resolve().parents[1]
LISTS = [
    DATA / "ofac-sdn" / "sdn-2024-05-03.csv.gz",
    DATA / "ofac-csv-companions" / "alt.csv.gz",
    DATA / "ofac-csv-companions" / "add.csv.gz",
    DATA / "ofac-csv-companions" / "sdn_comments.csv",
]
_SAMPLE = 0.1


def _children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        children = task / "children"
        try:
            found.extend(int(c) for c in children.read_text().split())
        except OSError:
            continue
    return found


def _tree(pid: int) -> list[int]:
    pids, todo = [], [pid]
    while todo:
        current = todo.pop()
        pids.append(current)
        todo.extend(_children(current))
    return pids


def _memory(pid: int) -> tuple[int, int]:
    """(PSS, RSS) of a process, in KiB (0, 0 if it has ended)."""
    pss = rss = 0
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                pss = int(line.split()[1])
            elif line.startswith("Rss:"):
                rss = int(line.split()[1])
    except OSError:
        return 0, 0
    return pss, rss


def _busy() -> float:
    """CPU seconds the whole machine has spent busy (every process, every core)."""
    fields = Path("/proc/stat").read_text().splitlines()[0].split()[1:]
    ticks = [int(f) for f in fields]
    idle = ticks[3] + ticks[4]  # idle, iowait
    return (sum(ticks[:8]) - idle) / os.sysconf("SC_CLK_TCK")


@dataclass
class Run:
    """What one run of a command took."""

    seconds: float
    pss: float
    rss: float
    cpu: float
    """CPU seconds of the command's process tree."""
    others: float
    """CPU seconds other processes of the machine took during the run."""


def run(command: list[str], env: dict[str, str], out: Path) -> Run:
    """The wall time, peak PSS and RSS (MiB), and CPU time of the process tree of
    ``command`` (its output written to ``out``: the previous version has no ``--output``),
    and the CPU time the rest of the machine took meanwhile."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    busy = _busy()
    start = time.perf_counter()
    with out.open("wb") as sink:
        process = subprocess.Popen(command, env=env, stdout=sink)
        peak_pss, peak_rss = _watch(process)
    seconds = time.perf_counter() - start
    busy = _busy() - busy
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if process.returncode not in {0, 1}:  # 1: rows in error, reported
        msg = f"{command[:6]}... exited {process.returncode}"
        raise RuntimeError(msg)
    return Run(seconds, peak_pss / 1024, peak_rss / 1024, cpu, max(busy - cpu, 0.0))


def _watch(process: subprocess.Popen[bytes]) -> tuple[int, int]:
    peak_pss = peak_rss = 0
    while process.poll() is None:
        tree = [_memory(pid) for pid in _tree(process.pid)]
        peak_pss = max(peak_pss, sum(p for p, _ in tree))
        peak_rss = max(peak_rss, sum(r for _, r in tree))
        time.sleep(_SAMPLE)
    return peak_pss, peak_rss


def screen_command(names: Path, *extra: str) -> list[str]:
    data = [arg for path in LISTS for arg in ("--data", str(path))]
    return [
        sys.executable, "-m", "sanctions_tracker", "screen", "--file", str(names),
        "--format", "csv", *data, *extra,
    ]  # fmt: skip


def measure(
    label: str, names: Path, one: Path, rows: int, env: dict[str, str], *extra: str
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "out.csv"
        base = run(screen_command(one, *extra), env, out)
        whole = run(screen_command(names, *extra), env, out)
    rate = rows / max(whole.seconds - base.seconds, 1e-9)
    projected = base.seconds + 1_000_000 / rate
    cores = os.cpu_count() or 1
    others = whole.others / (whole.seconds * cores)
    print(
        f"| {label} | {whole.seconds:.1f} s | {base.seconds:.1f} s | {rate:,.0f} rows/s | "
        f"{projected / 60:.1f} min | {whole.pss:,.0f} MiB | {whole.rss:,.0f} MiB | "
        f"{whole.cpu:.0f} s | {others:.0%} |"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--ref-src", type=Path, default=ROOT.parent / "main" / "src")
    parser.add_argument("--dask", action="store_true", help="also on a local Dask cluster")
    parser.add_argument("--skip-ref", action="store_true")
    args = parser.parse_args(argv)
    print(machine())
    with tempfile.TemporaryDirectory() as folder:
        names = Path(folder) / "customers.csv"
        one = Path(folder) / "one.csv"
        batch_input.write(names, args.rows, seed=15)
        batch_input.write(one, 1, seed=15)
        here = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
        ref = {**os.environ, "PYTHONPATH": str(args.ref_src)}
        print(f"{args.rows:,} customers; SDN list of 2024-05-03 with alt, add, comments\n")
        print(
            "| run | whole | one row | rows' rate | 1,000,000 rows | peak PSS | peak RSS "
            "| CPU (tree) | cores busy with other work |"
        )
        print("|---|---|---|---|---|---|---|---|---|")
        if not args.skip_ref:
            measure("previous version, 2 processes", names, one, args.rows, ref)
        measure("this version, 1 process", names, one, args.rows, here, "--workers", "1")
        measure("this version, 2 processes", names, one, args.rows, here, "--workers", "2")
        if args.dask:
            measure(
                "this version, Dask (local cluster, 2 workers)",
                names, one, args.rows, here, "--engine", "dask", "--workers", "2",
            )  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
