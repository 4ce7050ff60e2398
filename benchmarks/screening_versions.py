"""Screening speed of this version beside an earlier one, in the same run.

Usage: .venv/bin/python benchmarks/screening_versions.py [--ref main] [--rounds 3] [--compiled]
       [--compiled-ref REF] [--paired]

The earlier version (a git ref, ``main`` by default) is extracted with ``git archive``
into a temporary folder; each round runs both versions one after the other, each in a
fresh process, on the same list (the SDN list of 2024-05-03 with its companions) and
the same 1,200 queries as ``screening_speed.py`` (800 list names re-spelt with one
typo, 400 Faker names): the Screener build, the median and 95th percentile of
``screen()``, and the cost of ``compare_names`` for pairs of names first seen (in a
first loop as the process runs, and in a second on other new names with the garbage
collector paused, since a full collection may fall in the first). The
machine is shared, so the rounds alternate and the table gives each version's best
round (the least disturbed).

With ``--compiled`` (after ``make compiled``), this version is measured twice in each
round: compiled, as installed, and pure Python, from a copy of its sources without the
compiled modules; each child says which build it ran, and the two must find the same.
``--compiled-ref REF`` measures another version compiled too (one that has
``tools/compiled.py``): extracted and compiled in the temporary folder, so that this
version's compiled build is compared with an earlier compiled build in the same run; it
must give the same answers as this version when the two should (the script says whether
it does).

With ``--paired``, the versions are not run one after the other but side by side: each
builds its screener in a process of its own, all alive at once, and they screen the same
10 queries in turn (the order reversed each time), 1,200 in all, so that a change of the
machine's load falls on all of them alike; the script gives each version's median and
95th percentile and, for each, the median over the queries of its time over the first
version's (``--ref``). Processes taking turns evict each other's memory from the caches:
the times are higher than in rounds, the ratios are what to read.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

_CHILD = """
import json, random, statistics, sys, time
sys.path.insert(0, sys.argv[2])
from screening_speed import make_queries, _partners, SDN, COMPANIONS
import sanctions_tracker as st
from sanctions_tracker.screening import Screener, compare_names
from sanctions_tracker.screening import _screener
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
answers = []
for text, expected, _ in queries:
    tick = time.perf_counter()
    matches = screener.screen(text)
    times.append(time.perf_counter() - tick)
    found += expected is not None and expected in {m.designation_id for m in matches}
    answers.append([(m.designation_id, m.name, m.score) for m in matches])
pairs = [(q[0], name) for q, name in _partners(queries, designations)]
fresh = [(a.swapcase() + " x", b.swapcase() + " y") for a, b in pairs]
tick = time.perf_counter()
for a, b in fresh:
    compare_names(a, b).score
first_seen = (time.perf_counter() - tick) / len(fresh)
import gc
again = [(a.swapcase() + " z", b.swapcase() + " w") for a, b in pairs]
gc.collect()
gc.disable()
tick = time.perf_counter()
for a, b in again:
    compare_names(a, b).score
first_seen_no_gc = (time.perf_counter() - tick) / len(again)
gc.enable()
ordered = sorted(times)
json.dump({
    "build": build,
    "median": statistics.median(times),
    "p95": ordered[int(0.95 * len(ordered))],
    "recall": found / 800,
    "first_seen": first_seen,
    "first_seen_no_gc": first_seen_no_gc,
    "compiled": not _screener.__file__.endswith(".py"),
    "answers": answers,
}, sys.stdout)
"""


_PAIRED_CHILD = """
import json, sys, time
sys.path.insert(0, sys.argv[2])
from screening_speed import make_queries, SDN, COMPANIONS
import sanctions_tracker as st
from sanctions_tracker.screening import Screener
from sanctions_tracker.screening import _screener
tracker = st.load(SDN, COMPANIONS / "alt.csv.gz", COMPANIONS / "add.csv.gz",
                  COMPANIONS / "sdn_comments.csv")
designations = tracker.designations()
screener = Screener(designations)
queries = make_queries(designations, 1200)
for text, _, _ in queries[:50]:
    screener.screen(text)
print(json.dumps({"compiled": not _screener.__file__.endswith(".py")}), flush=True)
for line in sys.stdin:
    start, end = map(int, line.split())
    times = []
    for text, _, _ in queries[start:end]:
        tick = time.perf_counter()
        screener.screen(text)
        times.append(time.perf_counter() - tick)
    print(json.dumps(times), flush=True)
"""
_BLOCK = 10
"""How many queries a version of a paired run screens before the next one's turn."""


def extract(ref: str, into: Path, *parts: str) -> Path:
    """The ``src`` and ``fixtures`` of ``ref`` (and its other ``parts``), extracted under
    ``into``."""
    into.mkdir(parents=True, exist_ok=True)
    archive = into / "ref.tar"
    with archive.open("wb") as handle:
        subprocess.run(
            ["git", "-C", str(ROOT), "archive", ref, "src", "fixtures", *parts],  # noqa: S607
            check=True,
            stdout=handle,
        )
    with tarfile.open(archive) as tar:
        tar.extractall(into, filter="data")
    return into / "src"


def compiled_copy(ref: str, into: Path) -> Path:
    """The ``src`` of ``ref``, extracted under ``into`` and compiled with its own
    ``tools/compiled.py`` (with this Python, which has mypyc after ``make compiled``)."""
    source = extract(ref, into, "tools")
    subprocess.run(  # (in its own folder: the tool writes the build there)
        [sys.executable, str(into / "tools" / "compiled.py"), "build"],
        check=True,
        capture_output=True,
        cwd=into,
    )
    return source


def pure_copy(into: Path) -> Path:
    """This working tree's ``src``, copied under ``into`` without its compiled modules."""
    target = into / "pure" / "src"
    shutil.copytree(ROOT / "src", target, ignore=shutil.ignore_patterns("*.so", "*.pyd"))
    shutil.copytree(ROOT / "fixtures", into / "pure" / "fixtures")
    return target


def run(source: Path | None) -> dict[str, Any]:
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
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def paired(versions: list[tuple[str, Path | None]]) -> dict[str, list[float]]:
    """Each query's time in each version (``--paired``): all in processes alive at once,
    taking turns by blocks of _BLOCK queries, the order reversed each time."""
    children: dict[str, subprocess.Popen[str]] = {}
    for label, source in versions:
        code = _PAIRED_CHILD
        if source is not None:
            code = f"import sys; sys.path.insert(0, {str(source)!r})\n" + code
        child = subprocess.Popen(
            [sys.executable, "-c", code, "-", str(HERE)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        children[label] = child
        if child.stdout is None or not child.stdout.readline():
            msg = f"{label} did not start"
            raise RuntimeError(msg)
    times: dict[str, list[float]] = {label: [] for label in children}
    labels = list(children)
    for turn, start in enumerate(range(0, 1200, _BLOCK)):
        for label in labels if turn % 2 == 0 else labels[::-1]:
            child = children[label]
            if child.stdin is None or child.stdout is None:
                msg = f"{label} has no pipes"
                raise RuntimeError(msg)
            child.stdin.write(f"{start} {start + _BLOCK}\n")
            child.stdin.flush()
            times[label].extend(json.loads(child.stdout.readline()))
    for child in children.values():
        if child.stdin is not None:
            child.stdin.close()
        child.wait()
    return times


def print_paired(times: dict[str, list[float]]) -> None:
    """Each version's median and 95th percentile, and its times over the first's."""
    first = next(iter(times.values()))
    print("| version | screen() median | p95 | its time over the first's, median of the queries |")
    print("|---|---|---|---|")
    for label, found in times.items():
        ordered = sorted(found)
        ratios = sorted([mine / theirs for mine, theirs in zip(found, first, strict=True)])
        print(
            f"| {label} | {ordered[len(ordered) // 2] * 1e3:.3f} ms | "
            f"{ordered[int(0.95 * len(ordered))] * 1e3:.2f} ms | {ratios[len(ratios) // 2]:.3f} |"
        )


def made(args: argparse.Namespace, folder: Path) -> list[tuple[str, Path | None]]:
    """The versions to measure, each with its sources extracted (and compiled) under
    ``folder`` (None: this working tree, as installed)."""
    versions: list[tuple[str, Path | None]] = [(args.ref, extract(args.ref, folder))]
    if args.compiled_ref:
        label = f"{args.compiled_ref}, compiled"
        versions.append((label, compiled_copy(args.compiled_ref, folder / "earlier")))
    if args.compiled:
        versions.append(("this version, pure", pure_copy(folder)))
        versions.append(("this version, compiled", None))
    else:
        versions.append(("this version", None))
    return versions


def main(argv: list[str] | None = None) -> int:
    """Measure both versions, alternating, and print the best round of each."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ref", default="main")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument(
        "--compiled",
        action="store_true",
        help="measure this version compiled (make compiled) and pure Python, both",
    )
    parser.add_argument(
        "--compiled-ref",
        help="measure this earlier version compiled too (it must have tools/compiled.py)",
    )
    parser.add_argument(
        "--paired",
        action="store_true",
        help="run the versions side by side, taking turns by 10 queries, and compare per query",
    )
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        versions = made(args, Path(folder))
        if args.paired:
            print_paired(paired(versions))
            return 0
        results: dict[str, list[dict[str, Any]]] = {label: [] for label, _ in versions}
        for round_number in range(1, args.rounds + 1):
            for label, source in versions:
                found = run(source)
                results[label].append(found)
                shown = {key: value for key, value in found.items() if key != "answers"}
                print(f"round {round_number}, {label}: {json.dumps(shown)}", flush=True)
    same = True
    if args.compiled:
        pure, compiled = results["this version, pure"], results["this version, compiled"]
        if not all(found["compiled"] for found in compiled) or any(r["compiled"] for r in pure):
            print("the compiled build is not in use: run `make compiled` first", file=sys.stderr)
            return 1
        same = all(found["answers"] == pure[0]["answers"] for found in pure + compiled)
        print(f"\nthe same matches, names and scores, pure and compiled: {same}")
    if args.compiled_ref:
        earlier = results[f"{args.compiled_ref}, compiled"]
        if not all(found["compiled"] for found in earlier):
            print(f"{args.compiled_ref} was not compiled", file=sys.stderr)
            return 1
        mine = results["this version, compiled" if args.compiled else "this version"]
        alike = all(found["answers"] == mine[0]["answers"] for found in earlier)
        print(f"the same matches, names and scores as {args.compiled_ref}, compiled: {alike}")
    print(
        "\n| version | build | screen() median | p95 | recall "
        "| compare_names, first seen | the same, collector paused |"
    )
    print("|---|---|---|---|---|---|---|")
    for label, rounds in results.items():
        best = min(rounds, key=lambda found: found["median"])
        print(
            f"| {label} | {best['build']:.2f} s | {best['median'] * 1e3:.3f} ms | "
            f"{best['p95'] * 1e3:.2f} ms | {best['recall']:.3f} | "
            f"{min(r['first_seen'] for r in rounds) * 1e6:.0f} µs | "
            f"{min(r['first_seen_no_gc'] for r in rounds) * 1e6:.0f} µs |"
        )
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
