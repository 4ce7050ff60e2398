"""Screening speed of this version beside an earlier one, in the same run.

Usage: .venv/bin/python benchmarks/screening_versions.py [--ref main] [--rounds 3]

The earlier version (a git ref, ``main`` by default) is extracted with ``git archive``
into a temporary folder; each round runs both versions one after the other, each in a
fresh process, on the same list (the SDN list of 2024-05-03 with its companions) and
the same 1,200 queries as ``screening_speed.py`` (800 list names re-spelt with one
typo, 400 Faker names): the Screener build, the median and 95th percentile of
``screen()``, and the cost of ``compare_names`` for pairs of names first seen. The
machine is shared, so the rounds alternate and the table gives each version's best
round (the least disturbed).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

_CHILD = """
import json, random, statistics, sys, time
sys.path.insert(0, sys.argv[2])
from screening_speed import make_queries, _partners, SDN, COMPANIONS
import sanctions_tracker as st
from sanctions_tracker.screening import Screener, compare_names
tracker = st.load(SDN, COMPANIONS / "alt.csv.gz", COMPANIONS / "add.csv.gz",
                  COMPANIONS / "sdn_comments.csv")
designations = tracker.designations()
tick = time.perf_counter()
screener = Screener(designations)
build = time.perf_counter() - tick
queries = make_queries(designations, 1200)
for text, _, _ in queries[:50]:
    screener.screen(text)
times = []
found = 0
for text, expected, _ in queries:
    tick = time.perf_counter()
    matches = screener.screen(text)
    times.append(time.perf_counter() - tick)
    found += expected is not None and expected in {m.designation_id for m in matches}
pairs = [(q[0], name) for q, name in _partners(queries, designations)]
fresh = [(a.swapcase() + " x", b.swapcase() + " y") for a, b in pairs]
tick = time.perf_counter()
for a, b in fresh:
    compare_names(a, b).score
first_seen = (time.perf_counter() - tick) / len(fresh)
ordered = sorted(times)
json.dump({
    "build": build,
    "median": statistics.median(times),
    "p95": ordered[int(0.95 * len(ordered))],
    "recall": found / 800,
    "first_seen": first_seen,
}, sys.stdout)
"""


def extract(ref: str, into: Path) -> Path:
    """The ``src`` and ``fixtures`` of ``ref``, extracted under ``into``."""
    archive = into / "ref.tar"
    with archive.open("wb") as handle:
        subprocess.run(
            ["git", "-C", str(ROOT), "archive", ref, "src", "fixtures"],  # noqa: S607
            check=True,
            stdout=handle,
        )
    with tarfile.open(archive) as tar:
        tar.extractall(into, filter="data")
    return into / "src"


def run(source: Path | None) -> dict[str, float]:
    """One measurement in a fresh process, of ``source`` (None: this working tree)."""
    env_path = [] if source is None else [str(source)]
    code = (
        _CHILD if source is None else f"import sys; sys.path.insert(0, {str(source)!r})\n" + _CHILD
    )
    done = subprocess.run(
        [sys.executable, "-c", code, "-", str(HERE), *env_path],
        check=True,
        capture_output=True,
        text=True,
    )
    result: dict[str, float] = json.loads(done.stdout)
    return result


def main(argv: list[str] | None = None) -> int:
    """Measure both versions, alternating, and print the best round of each."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ref", default="main")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        earlier = extract(args.ref, Path(folder))
        results: dict[str, list[dict[str, float]]] = {args.ref: [], "this version": []}
        for round_number in range(1, args.rounds + 1):
            for label, source in ((args.ref, earlier), ("this version", None)):
                found = run(source)
                results[label].append(found)
                print(f"round {round_number}, {label}: {json.dumps(found)}", flush=True)
    print("\n| version | build | screen() median | p95 | recall | compare_names, first seen |")
    print("|---|---|---|---|---|---|")
    for label, rounds in results.items():
        best = min(rounds, key=lambda found: found["median"])
        print(
            f"| {label} | {best['build']:.2f} s | {best['median'] * 1e3:.3f} ms | "
            f"{best['p95'] * 1e3:.2f} ms | {best['recall']:.3f} | "
            f"{min(r['first_seen'] for r in rounds) * 1e6:.0f} µs |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
