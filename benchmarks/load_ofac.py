"""How fast, and in how much memory, the SDN list loads with all its companions.

Usage: ``python benchmarks/load_ofac.py [--rounds N] [--before SRC]``

Each round starts a fresh Python process (so nothing is cached from an earlier load) that
imports the library, then times ``sanctions_tracker.load(sdn, alt, add, comments)`` —
reading, gunzipping, parsing every row and remark, merging the companions and the bundled
fixtures, assigning sectors and building the indices — and reports its peak memory: the
process's peak resident size, and (in a separate round, since tracing slows the load) the
peak of memory allocated by Python during the load (tracemalloc).

The baseline, measured in the same run: a bare ``csv.reader`` pass over the same
decompressed text of the four files (decompression not timed). Beside the load as shipped,
the same load with the attrs validators, the cyclic garbage collector, or both switched
off for the whole process around it (what the library once did itself; no longer, since
another thread would see them off): what the validation of every record and a running
collector cost. With ``--before SRC`` (the ``src`` folder of an earlier version, from
``git archive <commit> src fixtures | tar -x -C DIR``), that version's load too, in fresh
processes taking turns with this one's. Targets on a 2-core
machine: load under 0.5 s, at most 4x the baseline, peak memory under 200 MB.

Beside them, the *floor*: in a fresh process too, what any loader that keeps the rows must
do before it parses a single field — read and gunzip the files, keep every CSV row, group
the companions' rows by ent_num, and load the bundled fixtures. It shows how much of the
4x budget is spent before the work the load is measured on begins.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from common import DATA, bare_pass, decompressed, in_fresh_process, machine

FILES = (
    DATA / "ofac-sdn" / "sdn-2024-05-03.csv.gz",
    DATA / "ofac-csv-companions" / "alt.csv.gz",
    DATA / "ofac-csv-companions" / "add.csv.gz",
    DATA / "ofac-csv-companions" / "sdn_comments.csv",
)

CHILD = """
import gc, json, resource, sys, time, tracemalloc
import attrs
import sanctions_tracker as st
paths = sys.argv[2:]
mode = sys.argv[1]
trace = mode == "trace"
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
if trace:
    tracemalloc.start()
# The former fast paths, for comparison: process-wide switches the library no longer flips.
if mode in ("no-validation", "neither"):
    attrs.validators.set_disabled(True)
if mode in ("no-gc", "neither"):
    gc.disable()
start, cpu = time.perf_counter(), time.process_time()
tracker = st.load(*paths)
seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
attrs.validators.set_disabled(False)
gc.enable()
peak = tracemalloc.get_traced_memory()[1] if trace else 0
print(json.dumps({
    "seconds": seconds,
    "cpu": cpu,
    "designations": len(tracker.designations()),
    "rss_before_mb": before / 1024,
    "rss_peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    "traced_peak_mb": peak / 2**20,
}))
"""


FLOOR = """
import csv, gc, gzip, io, json, sys, time
import sanctions_tracker as st
gc.disable()  # as the load does
start = time.perf_counter()
texts = []
for path in sys.argv[1:]:
    with open(path, "rb") as handle:
        data = handle.read()
    texts.append((gzip.decompress(data) if path.endswith(".gz") else data).decode("utf-8"))
read = time.perf_counter()
main, *companions = [list(csv.reader(io.StringIO(text))) for text in texts]
parsed = time.perf_counter()
by_ent = {}
for rows in companions:
    for row in rows:
        if row:
            by_ent.setdefault(row[0], []).append(row)
grouped = time.perf_counter()
st.load()
done = time.perf_counter()
print(json.dumps({
    "seconds": done - start, "read": read - start, "rows": parsed - read,
    "group": grouped - parsed, "fixtures": done - grouped,
}))
"""


def baseline() -> float:
    """A bare csv.reader pass over the decompressed text of the same files."""
    texts = [decompressed(path) for path in FILES]
    start = time.perf_counter()
    for text in texts:
        bare_pass(text)
    return time.perf_counter() - start


def main() -> None:
    """Run the rounds and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--before", type=Path, help="src folder of an earlier version")
    args = parser.parse_args()
    missing = [str(p) for p in FILES if not p.exists()]
    if missing:
        sys.exit(f"missing data files: {', '.join(missing)}")
    files = [str(p) for p in FILES]
    # Each round runs every variant once, in turn, so that a machine that slows down or
    # speeds up during the run weighs on all of them alike.
    variants = ["plain", "no-validation", "no-gc", "neither"]
    if args.before is not None:
        variants.append("before")
    runs: dict[str, list[dict[str, float]]] = {variant: [] for variant in variants}
    for _ in range(args.rounds):
        for variant in variants:
            if variant == "before":
                runs[variant].append(in_fresh_process(CHILD, "plain", *files, source=args.before))
            else:
                runs[variant].append(in_fresh_process(CHILD, variant, *files))
    loads = runs["plain"]
    traced = in_fresh_process(CHILD, "trace", *files)
    floors = sorted(
        (in_fresh_process(FLOOR, *files) for _ in range(args.rounds)), key=lambda r: r["seconds"]
    )
    floor = floors[len(floors) // 2]
    bare = sorted(baseline() for _ in range(args.rounds))
    seconds = sorted(run["seconds"] for run in loads)
    median_load = statistics.median(seconds)
    median_bare = statistics.median(bare)
    print(machine())
    print(f"input: {', '.join(p.name for p in FILES)}")
    print(f"designations loaded: {int(loads[0]['designations'])}")
    print(f"{'':28}{'best':>10}{'median':>10}")
    print(f"{'load (fresh process)':28}{seconds[0]:>9.3f}s{median_load:>9.3f}s")
    print(f"{'baseline: bare csv.reader':28}{bare[0]:>9.3f}s{median_bare:>9.3f}s")
    print(f"{'floor (fresh process)':28}{floors[0]['seconds']:>9.3f}s{floor['seconds']:>9.3f}s")
    labels = {
        "before": "earlier version (--before)",
        "no-validation": "validation off (process)",
        "no-gc": "collector off (process)",
        "neither": "both off (former path)",
    }
    cpu = statistics.median(run["cpu"] for run in loads)
    print(f"{'load, CPU time':28}{min(run['cpu'] for run in loads):>9.3f}s{cpu:>9.3f}s")
    for variant in variants[1:]:
        times = sorted(run["seconds"] for run in runs[variant])
        other = statistics.median(run["cpu"] for run in runs[variant])
        print(
            f"{labels[variant]:28}{times[0]:>9.3f}s{statistics.median(times):>9.3f}s"
            f"  CPU {other:.3f}s: the load as shipped takes {cpu / other - 1:+.0%} CPU"
        )
    print(f"ratio load / baseline (median): {median_load / median_bare:.1f}x")
    print(
        f"ratio floor / baseline (median): {floor['seconds'] / median_bare:.1f}x — read and "
        f"gunzip {floor['read']:.3f}s, keep the rows {floor['rows']:.3f}s, group the "
        f"companions {floor['group']:.3f}s, bundled fixtures {floor['fixtures']:.3f}s"
    )
    rss = max(run["rss_peak_mb"] for run in loads)
    before = min(run["rss_before_mb"] for run in loads)
    print(f"peak resident memory: {rss:.0f} MB (of which {before:.0f} MB before the load)")
    print(
        f"peak Python allocations during the load (tracemalloc): {traced['traced_peak_mb']:.0f} MB"
    )
    targets = (
        ("load under 0.5 s", median_load < 0.5),  # noqa: PLR2004 - the issue's target
        ("at most 4x the baseline", median_load <= 4 * median_bare),
        ("peak memory under 200 MB", rss < 200),  # noqa: PLR2004 - the issue's target
    )
    for name, met in targets:
        print(f"target {name}: {'met' if met else 'NOT met'}")


if __name__ == "__main__":
    main()
