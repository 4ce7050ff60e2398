"""Screening at scale: the index's build time, memory and query percentiles at 15,000
designations (the SDN list with its companions, 36,308 names), 250,000 and 1,000,000
names, this version beside an earlier one (``main`` by default) in the same run.

Usage: .venv/bin/python benchmarks/screening_scale.py [--sizes 0,250000,1000000]
       [--ref main] [--rounds 1] [--queries 1200]

**The lists.** The real SDN list of 2024-05-03 with its companions is always in (so that
its re-spelt names can be found, and the recall read); a size above its 36,308 names is
reached with synthetic parties made from real names: the names and aliases of every list
in ``../shared/data`` (OFAC's SDN and Consolidated lists, the UN list of both dates, the
Consolidated Screening List, the EU, UK, Swiss, Australian and Canadian lists, the Denied
Persons List, OpenSanctions' FtM files), recombined (:func:`synthetic_parties`):

* a person takes the surnames of one real person and the given names of another, name by
  name: its primary name is the first's primary surname with the second's primary given
  names, its aliases the first's alias surnames with the second's alias given names, as
  many names as the first has (``SURNAME, Given`` split at the comma, else the last word
  is the surname);
* an organisation, vessel or aircraft takes the first half of the words of each name of
  one real party of its kind and the second half of the words of another's.

So the words, their spellings across scripts and their frequencies (MOHAMMAD, BANK,
COMPANY, LIMITED are as common as on the real lists) are real; only their combinations
are made up. A seeded random generator makes the same lists for both versions.

**What is measured**, for each version and size in a fresh process (the versions take
turns): the Screener build (seconds; the resident memory it adds and its peak, from
``/proc/self/status``); the objects the garbage collector tracks that the build made, and
what one full collection costs after it; then 1,200 queries (the 800 re-spelt SDN names
and 400 Faker names of ``screening_speed.py``) after 50 to warm up: the median, 95th and
99th percentiles and the mean of ``screen()``, the recall of the re-spelt names at
DEFAULT_THRESHOLD, and the collector's own time during the queries (full collections
counted apart).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from common import DATA, in_fresh_process
from screening_versions import extract

HERE = Path(__file__).resolve().parent
SEED = 15
SDN_FILES = (
    DATA / "ofac-sdn" / "sdn-2024-05-03.csv.gz",
    DATA / "ofac-csv-companions" / "alt.csv.gz",
    DATA / "ofac-csv-companions" / "add.csv.gz",
    DATA / "ofac-csv-companions" / "sdn_comments.csv",
)
POOL_FILES: tuple[tuple[Path, ...], ...] = (
    SDN_FILES,
    tuple(
        DATA / "ofac-consolidated" / name
        for name in ("cons_prim.csv", "cons_alt.csv", "cons_add.csv", "cons_comments.csv")
    ),
    (DATA / "un-consolidated" / "consolidated_2025-11-20.xml.gz",),
    (DATA / "un-consolidated" / "consolidated_2020-03-20.xml.gz",),
    (DATA / "us-csl" / "consolidated_screening_list.csv.gz",),
    (DATA / "eu-fsf" / "eu_legacy_2016-02-11_part.xml.gz",),
    (DATA / "eu-fsf" / "eu_fsf_excerpt_2026-08-05_a.xml",),
    (DATA / "eu-fsf" / "eu_fsf_excerpt_2026-08-05_b.xml",),
    (DATA / "uk-ofsi" / "ConList_2018-04-13.csv.gz",),
    (DATA / "ch-seco" / "seco_excerpt_2026-08-15.xml",),
    (DATA / "au-dfat" / "Australian_Sanctions_Consolidated_List_2026-02-24.xlsx",),
    (DATA / "other" / "dpl.txt",),
    (DATA / "other" / "sema-lmes.xml",),
    (DATA / "opensanctions-ftm" / "yente_t1_entities.ftm.json",),
    (DATA / "opensanctions-ftm" / "yente_zala_entities.ftm.json",),
)
"""The lists whose names are recombined (each loaded on its own)."""

Pool = dict[str, list[list[str]]]
"""Each party kind's real parties, each a list of its names (primary first)."""


def real_pool() -> Pool:
    """The names of every party of every list in POOL_FILES, by party kind."""
    import sanctions_tracker as st  # noqa: PLC0415 - the parent's own version

    pool: Pool = {}
    for files in POOL_FILES:
        for designation in st.load(*files, bundled=False).designations():
            names = [name.full for name in designation.party.names]
            pool.setdefault(designation.party.kind.value, []).append(names)
    return pool


def _split_person(name: str) -> tuple[str, str]:
    """(surname, given names) of a person's name: at the comma, else the last word."""
    if "," in name:
        surname, _, given = name.partition(",")
        return surname.strip(), given.strip()
    words = name.split()
    return words[-1] if words else name, " ".join(words[:-1])


def synthetic_parties(pool: Pool, count: int) -> list[tuple[str, list[str]]]:
    """Parties (kind, names) made by recombining real names until they hold ``count``
    names in all (see the module's docstring)."""
    rng = random.Random(SEED)
    kinds = sorted(pool)
    weights = [len(pool[kind]) for kind in kinds]
    parties: list[tuple[str, list[str]]] = []
    made = 0
    while made < count:
        kind = rng.choices(kinds, weights)[0]
        first, second = rng.choice(pool[kind]), rng.choice(pool[kind])
        names: list[str] = []
        for index, name in enumerate(first):
            other = second[index % len(second)]
            if kind == "individual":
                surname = _split_person(name)[0]
                given = _split_person(other)[1]
                text = f"{surname}, {given}" if given else surname
            else:
                head = name.split()
                tail = other.split()
                text = " ".join(head[: max(1, len(head) // 2)] + tail[len(tail) // 2 :])
            if text.strip(" ,") and text not in names:
                names.append(text)
        if names:
            parties.append((kind, names))
            made += len(names)
    return parties


_CHILD = """
import gc, json, statistics, sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[2])
from screening_scale import SDN_FILES, synthetic_parties, memory
from screening_speed import make_queries
import sanctions_tracker as st
from sanctions_tracker.records import Designation, Name, NameKind, Party, PartyKind
from sanctions_tracker.screening import DEFAULT_THRESHOLD, Screener

size = int(sys.argv[3])
real = st.load(*SDN_FILES, bundled=False).designations()
designations = list(real)
names = sum(len(d.party.names) for d in real)
if size > names:
    pool = json.loads(Path(sys.argv[4]).read_text())
    parties = synthetic_parties(pool, size - names)
    for number, (kind, texts) in enumerate(parties):
        party = Party(
            kind=PartyKind(kind),
            names=tuple(Name(text, kind=NameKind.PRIMARY if i == 0 else NameKind.AKA)
                        for i, text in enumerate(texts)),
        )
        designations.append(Designation(id=f"synthetic:{number}", list_id="synthetic",
                                        party=party, programs=("SYNTHETIC",),
                                        sources=("synthetic",)))
    names += sum(len(texts) for _kind, texts in parties)
gc.collect()
tracked = len(gc.get_objects())
before = memory(reset=True)
tick = time.perf_counter()
screener = Screener(designations)
build = time.perf_counter() - tick
after = memory()
gc.collect()
tracked_after = len(gc.get_objects())
tick = time.perf_counter()
gc.collect()
full_collection = time.perf_counter() - tick
queries = make_queries(real, 1200)
for text, _, _ in queries[:50]:
    screener.screen(text)
collections = {"full": 0, "full_seconds": 0.0, "seconds": 0.0}
started = [0.0]
def watch(phase, info):
    if phase == "start":
        started[0] = time.perf_counter()
    else:
        spent = time.perf_counter() - started[0]
        collections["seconds"] += spent
        if info["generation"] == 2:
            collections["full"] += 1
            collections["full_seconds"] += spent
gc.callbacks.append(watch)
times = []
found = 0
for text, expected, _ in queries:
    tick = time.perf_counter()
    matches = screener.screen(text)
    times.append(time.perf_counter() - tick)
    found += expected is not None and expected in {m.designation_id for m in matches}
gc.callbacks.remove(watch)
ordered = sorted(times)
json.dump({
    "names": names,
    "build": build,
    "memory": after["rss"] - before["rss"],
    "peak": after["hwm"] - before["rss"],
    "tracked": tracked_after - tracked,
    "full_collection": full_collection,
    "median": statistics.median(times),
    "p95": ordered[int(0.95 * len(ordered))],
    "p99": ordered[int(0.99 * len(ordered))],
    "mean": statistics.mean(times),
    "recall": found / sum(1 for _, expected, _ in queries if expected),
    "gc_seconds": collections["seconds"],
    "gc_full": collections["full"],
    "gc_full_seconds": collections["full_seconds"],
}, sys.stdout)
"""


def memory(*, reset: bool = False) -> dict[str, int]:
    """This process's resident memory and its peak (bytes); ``reset`` starts a new peak."""
    if reset:
        Path("/proc/self/clear_refs").write_text("5")
    found = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in {"VmRSS", "VmHWM"}:
            found["rss" if key == "VmRSS" else "hwm"] = int(value.split()[0]) * 1024
    return found


def run(source: Path | None, size: int, pool: Path) -> dict[str, float]:
    """One measurement in a fresh process, of ``source`` (None: this working tree)."""
    return in_fresh_process(_CHILD, "-", str(HERE), str(size), str(pool), source=source)


def row(label: str, found: dict[str, float]) -> str:
    """One line of the table."""
    return (
        f"| {found['names']:,.0f} | {label} | {found['build']:.1f} s | "
        f"{found['memory'] / 2**20:,.0f} MB ({found['peak'] / 2**20:,.0f} MB) | "
        f"{found['tracked']:,.0f} | {found['full_collection'] * 1e3:,.0f} ms | "
        f"{found['median'] * 1e3:.3f} / {found['p95'] * 1e3:.2f} / {found['p99'] * 1e3:.2f} ms | "
        f"{found['p99'] / found['median']:.0f}x | {found['mean'] * 1e3:.2f} ms | "
        f"{found['gc_seconds']:.2f} s ({found['gc_full']:.0f} full, "
        f"{found['gc_full_seconds']:.2f} s) | {found['recall']:.3f} |"
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Measure both versions at each size, alternating, and print each one's best round."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="0,250000,1000000", help="names (0: the SDN list)")
    parser.add_argument("--ref", default="main", help="the baseline ('none': no baseline)")
    parser.add_argument("--rounds", type=int, default=1)
    args = parser.parse_args(argv)
    sizes = [int(size) for size in args.sizes.split(",")]
    with tempfile.TemporaryDirectory() as folder:
        pool_file = Path(folder) / "pool.json"
        pool_file.write_text(json.dumps(real_pool()))
        versions: list[tuple[str, Path | None]] = [("this version", None)]
        if args.ref != "none":
            versions.insert(0, (args.ref, extract(args.ref, Path(folder))))
        results: dict[tuple[int, str], list[dict[str, float]]] = {}
        for size in sizes:
            for round_number in range(1, args.rounds + 1):
                for label, source in versions:
                    found = run(source, size, pool_file)
                    results.setdefault((size, label), []).append(found)
                    print(f"size {size}, round {round_number}, {label}: {json.dumps(found)}")
    print(
        "\n| names | version | build | memory added (peak) | objects tracked | "
        "one full collection | screen() p50 / p95 / p99 | p99/p50 | mean | "
        "collector during the queries | recall |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for (_size, label), rounds in results.items():
        print(row(label, min(rounds, key=lambda found: found["median"])))
    return 0


if __name__ == "__main__":
    sys.exit(main())
