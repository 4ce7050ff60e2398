"""How fast designations leave the library: FtM, Senzing, Arrow and pandas, beside our JSON.

Usage: ``python benchmarks/export.py [--rounds N]``

Loads OFAC's SDN list of 2024-05-03 with its companions (alt, add, comments) once, then
times, over every designation, each way out of the library as JSON lines written to
memory (or as a table):

- baseline: ``Designations.to_dicts()`` dumped as JSON lines, the records' own JSON form
  (what ``--format json`` prints), measured in the same run;
- ``export_records(tracker, "ftm")`` and ``"senzing"``, dumped the same way;
- ``to_arrow()`` and ``to_pandas()`` (needs the ``arrow`` and ``pandas`` extras).

The median of the rounds is printed, with the records or entities made and the bytes
written.
"""

from __future__ import annotations

import argparse
import io
import statistics
import time
from collections.abc import Callable
from typing import Any

from common import DATA, machine

import sanctions_tracker as st
from sanctions_tracker.export import export_records, write_json_lines

FILES = (
    DATA / "ofac-sdn" / "sdn-2024-05-03.csv.gz",
    DATA / "ofac-csv-companions" / "alt.csv.gz",
    DATA / "ofac-csv-companions" / "add.csv.gz",
    DATA / "ofac-csv-companions" / "sdn_comments.csv",
)


def _lines(records: list[Any]) -> tuple[int, int]:
    out = io.StringIO()
    count = write_json_lines(records, out)
    return count, len(out.getvalue().encode("utf-8"))


def main() -> None:
    """Print the median time of each way out, beside the JSON baseline."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    tracker = st.load(*FILES)
    designations = tracker.designations(list_id="us-ofac-sdn")
    ways: dict[str, Callable[[], tuple[int, int]]] = {
        "JSON lines of to_dicts() (baseline)": lambda: _lines(designations.to_dicts()),
        "FollowTheMoney entities": lambda: _lines(export_records(tracker, "ftm", designations)),
        "Senzing records": lambda: _lines(export_records(tracker, "senzing", designations)),
        "to_arrow()": lambda: (designations.to_arrow().num_rows, 0),
        "to_pandas()": lambda: (len(designations.to_pandas()), 0),
    }
    print(machine())
    print(f"{len(designations)} designations of the SDN list, median of {args.rounds} rounds")
    baseline = 0.0
    for name, way in ways.items():
        times = []
        for _ in range(args.rounds):
            start = time.perf_counter()
            made, size = way()
            times.append(time.perf_counter() - start)
        median = statistics.median(times)
        baseline = baseline or median
        written = f", {size / 1e6:.1f} MB" if size else ""
        print(f"{name:38} {median:6.2f} s  x{median / baseline:4.1f}  ({made} made{written})")


if __name__ == "__main__":
    main()
