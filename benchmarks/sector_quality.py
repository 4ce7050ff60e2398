"""How well designations are placed in sectors: coverage, precision and recall per sector.

Usage: ``python benchmarks/sector_quality.py [--baseline REF] [--show-sample]``.

The figures rest on ``benchmarks/sector_labels.json``: 160 non-individual designations of
the SDN list of 2024-05-03 (read with its companions) drawn at random with a fixed seed,
labelled by a project engineer from the list entries alone. The first 80 drawn are the
development part, the last 80 the test part, kept aside while the rules were written.

For this working tree and for a baseline (the git ref ``main`` by default, unpacked into
a temporary folder), each run in a child process in the same run, it prints:

- on the whole list: the share of non-individual designations in a sector, and the time
  to load the list (sector assignment included);
- on each part of the sample: coverage (placed / all), precision (placements a reviewer
  accepts / all placements) and recall (entries whose label names a sector that have an
  accepted placement / all such entries), overall and per top-level sector, with and
  without the inferred placements.

A placement is accepted when its sector is one the label gives or a parent of one (a
designation labelled steel may be placed in metals); a more specific sector than the label
supports is not accepted. ``--show-sample`` prints the sampled entries, as they were shown
for labelling, and exits.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from io import BytesIO
from pathlib import Path

from common import DATA, machine

import sanctions_tracker as st
from sanctions_tracker.records import id_order

LABELS = Path(__file__).with_name("sector_labels.json")
SDN = DATA / "ofac-sdn" / "sdn-2024-05-03.csv.gz"
COMPANIONS = DATA / "ofac-csv-companions"
FILES = (SDN, COMPANIONS / "alt.csv.gz", COMPANIONS / "add.csv.gz", COMPANIONS / "sdn_comments.csv")
REPO = Path(__file__).resolve().parents[1]

Placements = dict[str, list[tuple[str, bool]]]
"""Each non-individual designation's placements: (sector, inferred)."""

# Run in a child interpreter on a tree unpacked from git: the placements of that tree.
CHILD = """
import json, sys, time
import sanctions_tracker as st
from sanctions_tracker.records import PartyKind
times = []
for _ in range(int(sys.argv[1])):
    start = time.perf_counter()
    tracker = st.load(*sys.argv[2:])
    times.append(time.perf_counter() - start)
out = {}
for d in tracker.designations(list_id="us-ofac-sdn"):
    if d.party.kind is not PartyKind.INDIVIDUAL:
        out[d.id] = [[a.sector, bool(getattr(a, "inferred", False))] for a in d.sectors]
taxonomy = {s.id: s.parent for s in tracker.sectors()}
print(json.dumps({"placements": out, "taxonomy": taxonomy, "load": min(times)}))
"""
ROUNDS = 3


def run_tree(src: Path) -> tuple[Placements, dict[str, str | None], float]:
    """The placements, taxonomy and best load time of the package at ``src``, in a child."""
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(ROUNDS), *map(str, FILES)],
        check=True,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(src), "PATH": "/usr/bin:/bin"},
    )
    found = json.loads(done.stdout)
    placements = {k: [(s, bool(i)) for s, i in v] for k, v in found["placements"].items()}
    return placements, found["taxonomy"], found["load"]


def baseline(ref: str) -> tuple[Placements, dict[str, str | None], float]:
    """The same for the tree at git ``ref``, unpacked into a temporary folder."""
    archive = subprocess.run(
        ["git", "-C", str(REPO), "archive", ref, "src", "fixtures"],  # noqa: S607 - git on PATH
        check=True,
        capture_output=True,
    ).stdout
    with tempfile.TemporaryDirectory() as folder:
        with tarfile.open(fileobj=BytesIO(archive)) as tar:
            tar.extractall(folder, filter="data")
        return run_tree(Path(folder) / "src")


def sample_ids(placements: Mapping[str, object], seed: int, size: int) -> list[str]:
    """The sampled designation ids, in the order drawn (the labels' order)."""
    ids = sorted(placements, key=id_order)
    return random.Random(seed).sample(ids, size)


def _ancestors(sector: str, parents: Mapping[str, str | None]) -> list[str]:
    chain = [sector]
    while (parent := parents.get(chain[-1])) is not None and parent not in chain:
        chain.append(parent)
    return chain


def _root(sector: str, parents: Mapping[str, str | None]) -> str:
    return _ancestors(sector, parents)[-1]


def evaluate(
    labels: Mapping[str, Sequence[str]],
    placements: Placements,
    parents: Mapping[str, str | None],
    *,
    inferred: bool,
) -> dict[str, object]:
    """Coverage, precision and recall of ``placements`` against ``labels``, overall and per
    top-level sector of the taxonomy the labels use (``parents``)."""
    placed = correct = pairs = wanted = found = 0
    per: dict[str, list[int]] = {}  # root: [pairs, correct pairs, labelled, found]
    for designation_id, gold in labels.items():
        accepted = {a for g in gold for a in _ancestors(g, parents)}
        sectors = {
            s
            for s, is_inferred in placements.get(designation_id, [])
            if inferred or not is_inferred
        }
        placed += bool(sectors)
        hits = {s for s in sectors if s in accepted}
        pairs += len(sectors)
        correct += len(hits)
        for sector in sectors:
            row = per.setdefault(_root(sector, parents), [0, 0, 0, 0])
            row[0] += 1
            row[1] += sector in accepted
        if gold:
            wanted += 1
            found += bool(hits)
        for root in {_root(g, parents) for g in gold}:
            row = per.setdefault(root, [0, 0, 0, 0])
            row[2] += 1
            row[3] += any(_root(h, parents) == root for h in hits)
    return {
        "entries": len(labels),
        "coverage": placed / len(labels),
        "precision": correct / pairs if pairs else 1.0,
        "recall": found / wanted if wanted else 1.0,
        "per_sector": per,
    }


def _share(numerator: int, denominator: int) -> str:
    return f"{numerator / denominator:6.1%}" if denominator else "     -"


def report(title: str, results: Mapping[str, Mapping[str, object]]) -> list[str]:
    """A Markdown table of overall figures for each run, then one of figures per sector."""
    lines = [f"### {title}", "", "| run | coverage | precision | recall |", "|---|---|---|---|"]
    for run, figures in results.items():
        lines.append(
            f"| {run} | {figures['coverage']:.1%} | {figures['precision']:.1%} | "
            f"{figures['recall']:.1%} |"
        )
    lines += ["", "| sector | " + " | ".join(f"{r}: P / R (n)" for r in results) + " |"]
    lines.append("|---|" + "---|" * len(results))
    roots = sorted({root for figures in results.values() for root in figures["per_sector"]})  # type: ignore[attr-defined]
    for root in roots:
        cells = []
        for figures in results.values():
            pairs, good, labelled, hit = figures["per_sector"].get(root, [0, 0, 0, 0])  # type: ignore[attr-defined]
            cells.append(f"{_share(good, pairs)} / {_share(hit, labelled)} ({labelled})")
        lines.append(f"| {root} | " + " | ".join(cells) + " |")
    return [*lines, ""]


def list_coverage(placements: Placements, *, inferred: bool) -> str:
    """The share of the list's non-individual designations in a sector."""
    placed = sum(1 for found in placements.values() if any(inferred or not i for _, i in found))
    return f"{placed:,} of {len(placements):,} ({placed / len(placements):.1%})"


def show_sample(ids: Iterable[str]) -> None:
    """Print each sampled entry as it was shown for labelling (no sector)."""
    tracker = st.load(*FILES, bundled=False)
    for number, designation_id in enumerate(ids):
        designation = tracker.get(designation_id)
        assert isinstance(designation, st.Designation)  # noqa: S101 - ids come from the list
        party = designation.party
        print(
            f"{number:3} {designation_id} [{party.kind.value}] {designation.name} | aka "
            f"{[n.full for n in party.names[1:4]]} | {designation.programs} | "
            f"org={party.organization_type} | notes={list(designation.notes)[:3]} | "
            f"links={[link.name for link in party.links][:3]} | "
            f"ids={sorted({i.kind for i in party.identifiers})}"
        )


def main(argv: Sequence[str] | None = None) -> None:
    """Measure this tree against the baseline on the labelled sample; print Markdown."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", default="main", help="git ref of the baseline tree")
    parser.add_argument("--show-sample", action="store_true", help="print the sample, exit")
    args = parser.parse_args(argv)
    labels = json.loads(LABELS.read_text(encoding="utf-8"))
    parts = {name: {k: v["sectors"] for k, v in labels[name].items()} for name in ("dev", "test")}
    ours, parents, our_load = run_tree(REPO / "src")
    if args.show_sample:
        show_sample(sample_ids(ours, labels["seed"], len(parts["dev"]) + len(parts["test"])))
        return
    drawn = sample_ids(ours, labels["seed"], len(parts["dev"]) + len(parts["test"]))
    if drawn != [*parts["dev"], *parts["test"]]:
        msg = "the labelled sample is not the one the seed draws from this list"
        raise SystemExit(msg)
    theirs, _, their_load = baseline(args.baseline)
    print(machine())
    print(f"list: {SDN.name} with its companions; baseline: git ref {args.baseline!r}")
    print()
    print("non-individual designations in a sector, whole list:")
    print(f"  baseline:                 {list_coverage(theirs, inferred=True)}")
    print(f"  this tree:                {list_coverage(ours, inferred=True)}")
    print(f"  this tree, not inferred:  {list_coverage(ours, inferred=False)}")
    print(f"load (the four files and the bundled fixtures), best of {ROUNDS} in a fresh process:")
    print(f"  baseline: {their_load:.2f} s; this tree: {our_load:.2f} s")
    print()
    for name, part in parts.items():
        results = {
            "baseline": evaluate(part, theirs, parents, inferred=True),
            "this tree": evaluate(part, ours, parents, inferred=True),
            "not inferred": evaluate(part, ours, parents, inferred=False),
        }
        print("\n".join(report(f"{name} part ({len(part)} entries)", results)))


if __name__ == "__main__":
    main()
