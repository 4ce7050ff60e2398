"""What honest dates and stamps cost: the dated queries and the stamp beside the undated
ones, and the hashing of the input files beside the whole load.

Usage: ``python benchmarks/dates_and_stamps.py [--rounds N]``

On the SDN list of 2024-05-03 (14,965 records) with the bundled fixtures, each round
times, in one process:

- ``designations(active_on=...)`` (a listing window per designation, the date notes)
  beside its baseline ``designations()`` (the same query without a day);
- ``date_notes(active_on=...)`` and ``summary(as_of=...)`` beside ``summary()``;
- ``stamp()`` (the stamp of an answer, from the accounts made at load);
- the SHA-256 and size of every input file (``_inputs.file_facts``, what ``load`` adds)
  beside the whole ``load`` in a fresh process.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable

from common import DATA, in_fresh_process, machine

import sanctions_tracker as st
from sanctions_tracker._inputs import file_facts
from sanctions_tracker.fixtures import bundled_path

SDN = DATA / "ofac-sdn" / "sdn-2024-05-03.csv.gz"
DAY = "2022-01-01"

LOAD = """
import json, sys, time
import sanctions_tracker as st
start = time.perf_counter()
st.load(sys.argv[1])
print(json.dumps({"seconds": time.perf_counter() - start}))
"""


def timed(work: Callable[[], object], rounds: int) -> float:
    """The median of ``rounds`` timings of ``work``, in milliseconds."""
    seconds = []
    for _ in range(rounds):
        start = time.perf_counter()
        work()
        seconds.append(time.perf_counter() - start)
    return statistics.median(seconds) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    rounds = parser.parse_args().rounds
    tracker = st.load(SDN)
    files = [SDN, *sorted(bundled_path().rglob("*.json"))]
    figures = {
        "designations() [baseline]": timed(tracker.designations, rounds),
        f"designations(active_on={DAY!r})": timed(
            lambda: tracker.designations(active_on=DAY), rounds
        ),
        f"date_notes(active_on={DAY!r})": timed(lambda: tracker.date_notes(active_on=DAY), rounds),
        "summary() [baseline]": timed(tracker.summary, rounds),
        f"summary(as_of={DAY!r})": timed(lambda: tracker.summary(as_of=DAY), rounds),
        "stamp()": timed(tracker.stamp, rounds),
        "SHA-256 and size of the 10 input files": timed(
            lambda: [file_facts(path) for path in files], rounds
        ),
    }
    loads = [in_fresh_process(LOAD, str(SDN))["seconds"] * 1000 for _ in range(rounds)]
    figures["load(sdn-2024-05-03) in a fresh process [baseline]"] = statistics.median(loads)
    print(machine())
    print(f"median of {rounds} rounds, on {SDN.name} ({len(tracker.designations())} designations)")
    width = max(len(name) for name in figures)
    for name, milliseconds in figures.items():
        print(f"  {name:<{width}}  {milliseconds:8.1f} ms")


if __name__ == "__main__":
    main()
