"""What the summary as a document costs: its build and its three renderings, and linking
the same party across lists, beside the designations query they rest on.

Usage: ``python benchmarks/summary.py [--rounds N]``

Loads OFAC's SDN list of 2024-05-03 with its companions, the UN list of 2025-11-20 and
the UK Sanctions List excerpt once, then times (median of the rounds):

- baseline: ``tracker.designations()``, every designation, and a plain pass over them
  counting programs (what the per-program counts must at least do), in the same run;
- ``SameParties(...)`` built from every designation (what ``tracker.same_parties`` builds
  once, on first use);
- ``tracker.summary()`` of every record loaded, and its ``to_markdown()``, ``to_json()``
  and ``to_html()`` (the HTML with its two SVG charts).
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections import Counter
from collections.abc import Callable

from common import DATA, machine

import sanctions_tracker as st
from sanctions_tracker.linking import SameParties

FILES = (
    DATA / "ofac-sdn" / "sdn-2024-05-03.csv.gz",
    DATA / "ofac-csv-companions" / "alt.csv.gz",
    DATA / "ofac-csv-companions" / "add.csv.gz",
    DATA / "ofac-csv-companions" / "sdn_comments.csv",
    DATA / "un-consolidated" / "consolidated_2025-11-20.xml.gz",
    DATA / "uk-sanctions-list" / "uk_sanctions_list_excerpt_2026-08-14.xml",
)


def _median(work: Callable[[], object], rounds: int) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    """Print the median time of each step, beside the baseline."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    tracker = st.load(*FILES)
    summary = tracker.summary()

    def baseline() -> Counter[str]:
        return Counter(p for d in tracker.designations() for p in d.programs)

    steps: dict[str, Callable[[], object]] = {
        "designations() and a count per program (baseline)": baseline,
        "SameParties over every designation": lambda: SameParties(tracker.designations()),
        "summary() of everything loaded": tracker.summary,
        "to_markdown()": summary.to_markdown,
        "to_json()": summary.to_json,
        "to_html()": summary.to_html,
    }
    print(machine())
    print(
        f"{summary.designation_count:,} designations, {summary.party_count:,} parties, "
        f"{len(summary.same_parties):,} on several lists; {len(summary.program_counts):,} "
        f"programs; HTML {len(summary.to_html()) / 1e6:.1f} MB"
    )
    for name, work in steps.items():
        print(f"{name:<52} {_median(work, args.rounds) * 1000:9.1f} ms")


if __name__ == "__main__":
    main()
