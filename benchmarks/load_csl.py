"""How fast trade.gov's Consolidated Screening List loads, beside a bare csv.reader pass.

Usage: ``python benchmarks/load_csl.py [--rounds N]``

Each round starts a fresh Python process (nothing cached from an earlier load) that times
``sanctions_tracker.load(path, bundled=False)`` for ../shared/data/us-csl's
``consolidated_screening_list.csv.gz``: reading and gunzipping, every row turned into a
designation (names, addresses, dates, ids through the remarks rules), the account, and
the tracker's indices.

The baseline, measured in the same process: a bare ``csv.reader`` pass over the same
decompressed text (decompression not timed), what any loader of the file must at least do.
The median of the rounds is printed.
"""

from __future__ import annotations

import argparse
import statistics
from pathlib import Path

from common import DATA, in_fresh_process, machine

FILE = DATA / "us-csl" / "consolidated_screening_list.csv.gz"

_ROUND = """
import json, sys, time
sys.path.insert(0, sys.argv[2])
from common import bare_pass, decompressed
from pathlib import Path
import sanctions_tracker as st
path = Path(sys.argv[1])
text = decompressed(path)
start = time.perf_counter()
rows = bare_pass(text)
bare = time.perf_counter() - start
start = time.perf_counter()
tracker = st.load(path, bundled=False)
load = time.perf_counter() - start
print(json.dumps({"bare": bare, "load": load, "rows": rows,
                  "designations": len(tracker.designations())}))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    print(machine())
    here = str(Path(__file__).resolve().parent)  # the child imports common from here
    results = [in_fresh_process(_ROUND, str(FILE), here) for _ in range(args.rounds)]
    bare = statistics.median(r["bare"] for r in results)
    load = statistics.median(r["load"] for r in results)
    rows, made = int(results[0]["rows"]), int(results[0]["designations"])
    print(f"{'file':<38} {'rows':>5} {'records':>7} {'bare csv':>9} {'load':>8} {'ratio':>6}")
    print(
        f"{FILE.name:<38} {rows:>5} {made:>7} {bare * 1000:>6.1f} ms"
        f" {load * 1000:>5.0f} ms {load / bare:>5.1f}x"
    )


if __name__ == "__main__":
    main()
