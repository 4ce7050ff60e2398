"""How fast the diff of the oldest and newest SDN snapshots is, both loads included.

Usage: ``python benchmarks/diff.py [--rounds N]``

Each round starts a fresh Python process that times ``sanctions_tracker.diff(old, new)``
on sdn-2021-08-18 (9,083 records) and sdn-2024-05-03 (14,965 records): reading both
files, parsing every row and remark, merging the bundled fixtures, and comparing every
designation field by field. The baseline, measured in the same run: a set comparison of
the raw rows (gunzip, csv.reader, then the ent_nums added, removed and with a changed row).
Target on a 2-core machine: under 1 s.
"""

from __future__ import annotations

import argparse
import statistics
import time

from common import DATA, decompressed, in_fresh_process, machine, rows

OLD = DATA / "ofac-sdn" / "sdn-2021-08-18.csv.gz"
NEW = DATA / "ofac-sdn" / "sdn-2024-05-03.csv.gz"

CHILD = """
import json, sys, time
import sanctions_tracker as st
start = time.perf_counter()
changes = st.diff(sys.argv[1], sys.argv[2])
seconds = time.perf_counter() - start
print(json.dumps({"seconds": seconds, **changes.counts()}))
"""


def baseline() -> tuple[float, dict[str, int]]:
    """Set comparison of the raw rows, reading included; its time and counts."""
    start = time.perf_counter()
    old, new = (
        {row[0]: row for row in rows(decompressed(path)) if len(row) > 1} for path in (OLD, NEW)
    )
    counts = {
        "added": len(new.keys() - old.keys()),
        "removed": len(old.keys() - new.keys()),
        "amended": sum(1 for key in old.keys() & new.keys() if old[key] != new[key]),
    }
    return time.perf_counter() - start, counts


def main() -> None:
    """Run the rounds and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    runs = [in_fresh_process(CHILD, str(OLD), str(NEW)) for _ in range(args.rounds)]
    bare = [baseline() for _ in range(args.rounds)]
    seconds = sorted(run["seconds"] for run in runs)
    bare_seconds = sorted(b[0] for b in bare)
    print(machine())
    print(f"diff {OLD.name} -> {NEW.name}")
    counts = {key: int(runs[0][key]) for key in ("added", "removed", "amended")}
    print(f"st.diff counts:    {counts}")
    print(f"raw-row counts:    {bare[0][1]}")
    print(f"{'':34}{'best':>10}{'median':>10}")
    median = statistics.median(seconds)
    print(f"{'st.diff, both loads (fresh process)':34}{seconds[0]:>9.3f}s{median:>9.3f}s")
    bare_median = statistics.median(bare_seconds)
    print(f"{'baseline: raw-row set comparison':34}{bare_seconds[0]:>9.3f}s{bare_median:>9.3f}s")
    print(f"target under 1 s: {'met' if median < 1 else 'NOT met'}")


if __name__ == "__main__":
    main()
