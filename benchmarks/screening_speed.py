"""Speed of name screening, beside a brute-force rapidfuzz scan and nomenklatura's logic-v2.

Usage: .venv/bin/python benchmarks/screening_speed.py [--queries 1200]

On sdn-2024-05-03.csv.gz with its companions it measures, in one run:

* the Screener build (index and rarities);
* ``screen()``: median and 95th percentile per call over varied queries (list names
  re-spelt as customers would, with a typo, and Faker names that should find nothing),
  and the recall of the re-spelt names at DEFAULT_THRESHOLD;
* ``screen_many``: names per second on one process and on every core;
* ``compare_names``: the cost of one pair (a query beside its record's name, or beside a
  random list name): names first seen, new spellings of them, and names seen before
  (both in the cache of normalised names); each for the score only and with the
  explanation read (it is written when first read), see :func:`compare_costs`;
* (a) a brute-force rapidfuzz scan (``process.extract`` with WRatio over every name, the
  query transliterated with anyascii first): the same figures and its recall at a cut-off
  of 90;
* (b) OpenSanctions' nomenklatura logic-v2 pairwise matcher (the bench extra installs it;
  otherwise an environment of its own, ``benchmarks/.venv-nomenklatura``, is made), in a
  fresh process, each name in an entity of its own id (logic-v2 caches a name's analysis
  by entity id: with one id for all, it would score the first names again and again): the
  cost of one pair, and what a scan of the list would cost at that rate. If it cannot be
  installed, the script says why and reports the rest.

It ends with the cost of one pair side by side: rapidfuzz WRatio, logic-v2 and
``compare_names``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from anyascii import anyascii
from faker import Faker
from rapidfuzz import fuzz, process, utils

import sanctions_tracker as st
from sanctions_tracker.records import Designation
from sanctions_tracker.screening import DEFAULT_THRESHOLD, Screener, compare_names

HERE = Path(__file__).resolve().parent
DATA = HERE.parents[1] / "shared" / "data"
SDN = DATA / "ofac-sdn" / "sdn-2024-05-03.csv.gz"
COMPANIONS = DATA / "ofac-csv-companions"
NOMENKLATURA_ENV = HERE / ".venv-nomenklatura"
SEED = 3

_LOGIC_V2 = """
import json, sys, time
from followthemoney.proxy import EntityProxy
from nomenklatura.matching.logic_v2.model import LogicV2
from nomenklatura.matching.types import ScoringConfig

config = ScoringConfig.defaults()
pairs = json.load(sys.stdin)

ids = iter(range(10**9))

def entity(name, schema):
    # a new id each: logic-v2 caches a name's analysis by the entity's id
    return EntityProxy.from_dict(
        {"id": f"e{next(ids)}", "schema": schema, "properties": {"name": [name]}}
    )

LogicV2.compare(entity("warm up", "Person"), entity("warm up", "Person"), config)
entities = [(entity(a, s), entity(b, s)) for a, b, s in pairs]
started = time.perf_counter()
scores = [LogicV2.compare(a, b, config).score for a, b in entities]
elapsed = time.perf_counter() - started
json.dump({"seconds_per_pair": elapsed / len(entities), "scores": scores}, sys.stdout)
"""


def percentile(values: Sequence[float], share: float) -> float:
    """The value below which ``share`` of ``values`` lie."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def make_queries(
    designations: Sequence[Designation], count: int
) -> list[tuple[str, str | None, str]]:
    """(query, expected designation id or None, schema) triples."""
    rng = random.Random(SEED)
    queries: list[tuple[str, str | None, str]] = []
    for designation in rng.sample(designations, count * 2 // 3):
        name = rng.choice(designation.party.names).full
        surname, _, given = name.partition(",")
        text = f"{given} {surname}".strip()
        if len(text) > 6:  # noqa: PLR2004
            cut = rng.randrange(1, len(text) - 1)
            text = text[:cut] + text[cut + 1 :]
        schema = "Person" if designation.party.kind.value == "individual" else "Organization"
        queries.append((text, designation.id, schema))
    fakes = [Faker(locale) for locale in ("en_US", "de_DE", "tr_TR", "ru_RU", "ar_AA")]
    for index, fake in enumerate(fakes):
        fake.seed_instance(SEED + index)
    while len(queries) < count:
        fake = rng.choice(fakes)
        if rng.random() < 0.7:  # noqa: PLR2004
            queries.append((fake.name(), None, "Person"))
        else:
            queries.append((fake.company(), None, "Organization"))
    rng.shuffle(queries)
    return queries


def ensure_nomenklatura() -> Path | None:
    """A Python with nomenklatura: this one (the bench extra has it), or an environment of
    its own made if missing; None if it cannot be."""
    found = subprocess.run(
        [sys.executable, "-c", "import nomenklatura"], capture_output=True, check=False
    )
    if found.returncode == 0:
        return Path(sys.executable)
    python = NOMENKLATURA_ENV / "bin" / "python"
    if python.exists():
        return python
    print(f"making {NOMENKLATURA_ENV} (python -m venv, pip install nomenklatura) ...")
    try:
        subprocess.run([sys.executable, "-m", "venv", str(NOMENKLATURA_ENV)], check=True)
        subprocess.run(
            [str(python), "-m", "pip", "install", "--quiet", "nomenklatura"],
            check=True,
            timeout=900,
        )
    except (subprocess.SubprocessError, OSError) as error:
        print(f"nomenklatura could not be installed, so logic-v2 is not measured: {error}")
        return None
    return python


def logic_v2(pairs: list[tuple[str, str, str]]) -> dict[str, object] | None:
    """Run logic-v2 on pairs in its own environment; None if it cannot run."""
    python = ensure_nomenklatura()
    if python is None:
        return None
    completed = subprocess.run(
        [str(python), "-c", _LOGIC_V2],
        input=json.dumps(pairs),
        capture_output=True,
        text=True,
        check=False,
        timeout=1800,
    )
    if completed.returncode != 0:
        print(f"logic-v2 failed, so it is not measured: {completed.stderr.strip()[-500:]}")
        return None
    result: dict[str, object] = json.loads(completed.stdout)
    return result


def main(argv: Sequence[str] | None = None) -> int:  # noqa: C901, PLR0915 - one linear report
    """Measure and print."""
    parser = argparse.ArgumentParser(description="Speed of name screening.")
    parser.add_argument("--queries", type=int, default=1200)
    args = parser.parse_args(argv)
    if not SDN.exists():
        print(f"no data at {SDN}: nothing to measure")
        return 0
    tracker = st.load(
        SDN, COMPANIONS / "alt.csv.gz", COMPANIONS / "add.csv.gz", COMPANIONS / "sdn_comments.csv"
    )
    designations = tracker.designations()
    started = time.perf_counter()
    screener = Screener(designations)
    build = time.perf_counter() - started
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    print(f"list: {SDN.name}, {len(designations)} designations; {screener!r}")
    print(f"Screener build: {build * 1000:.0f} ms")

    queries = make_queries(designations, args.queries)
    positives = [(text, expected) for text, expected, _ in queries if expected]
    for text, _, _ in queries[:50]:  # warm the caches a customer's first queries would
        screener.screen(text)
    times = []
    found = alerts = 0
    for text, expected, _ in queries:
        tick = time.perf_counter()
        matches = screener.screen(text)
        times.append(time.perf_counter() - tick)
        found += expected is not None and expected in {m.designation_id for m in matches}
        alerts += expected is None and bool(matches)
    negatives = len(queries) - len(positives)
    print(
        f"screen(): {len(queries)} queries, median {statistics.median(times) * 1e3:.3f} ms, "
        f"p95 {percentile(times, 0.95) * 1e3:.3f} ms; recall at {DEFAULT_THRESHOLD} "
        f"{found / len(positives):.3f} ({found}/{len(positives)}); "
        f"false alerts {alerts}/{negatives}"
    )
    names = [text for text, _, _ in queries]
    for workers in (1, os.cpu_count() or 1):
        tick = time.perf_counter()
        screener.screen_many(names, workers=workers)
        elapsed = time.perf_counter() - tick
        print(f"screen_many, {workers} process(es): {len(names) / elapsed:,.0f} names/s")

    pairs = [
        (text, rng_name, schema) for (text, _, schema), rng_name in _partners(queries, designations)
    ]
    pair_costs = compare_costs([(a, b) for a, b, _ in pairs])
    for label, cost in pair_costs.items():
        print(f"compare_names, {label}: {cost * 1e6:.1f} us per pair")

    # (a) brute-force rapidfuzz scan
    choices: list[str] = []
    owners: list[str] = []
    for designation in designations:
        for name in designation.party.names:
            choices.append(utils.default_process(name.full.replace(",", " ")))
            owners.append(designation.id)
    scan_times = []
    scan_found = scan_alerts = 0
    for text, expected, _ in queries:
        tick = time.perf_counter()
        hits = process.extract(
            utils.default_process(anyascii(text)),
            choices,
            scorer=fuzz.WRatio,
            score_cutoff=90,
            limit=10,
        )
        scan_times.append(time.perf_counter() - tick)
        scan_found += expected is not None and expected in {owners[i] for _, _, i in hits}
        scan_alerts += expected is None and bool(hits)
    print(
        f"(a) rapidfuzz WRatio scan of {len(choices)} names: median "
        f"{statistics.median(scan_times) * 1e3:.3f} ms, "
        f"p95 {percentile(scan_times, 0.95) * 1e3:.3f} ms, "
        f"{1 / statistics.mean(scan_times):,.0f} names/s on one core; recall at 90 "
        f"{scan_found / len(positives):.3f} ({scan_found}/{len(positives)}); "
        f"false alerts {scan_alerts}/{negatives}"
    )
    tick = time.perf_counter()
    for a, b, _ in pairs:
        fuzz.WRatio(utils.default_process(a), utils.default_process(b))
    wratio_pair = (time.perf_counter() - tick) / len(pairs)
    print(f"(a) rapidfuzz WRatio: {wratio_pair * 1e6:.2f} us per pair")

    # (b) nomenklatura logic-v2
    result = logic_v2(pairs[:1000])
    logic_pair = None
    if result is not None:
        logic_pair = float(result["seconds_per_pair"])  # type: ignore[arg-type]
        print(
            f"(b) nomenklatura logic-v2: {logic_pair * 1e6:.0f} us per pair; a scan of the "
            f"{len(choices)} names would take {logic_pair * len(choices):.1f} s per query"
        )
        scores = result["scores"]
        if isinstance(scores, list) and scores:
            ones = sum(1 for score in scores if score == 1.0) / len(scores)
            print(f"(b) logic-v2 share of these pairs scored exactly 1.0: {ones:.1%}")

    print("\none pair, in us (the same pairs for all three):")
    logic_text = "-" if logic_pair is None else f"{logic_pair * 1e6:.0f}"
    print(f"  rapidfuzz WRatio {wratio_pair * 1e6:.2f}; nomenklatura logic-v2 {logic_text}")
    for label, cost in pair_costs.items():
        print(f"  compare_names, {label}: {cost * 1e6:.1f}")
    return 0


def compare_costs(pairs: list[tuple[str, str]]) -> dict[str, float]:
    """Seconds per ``compare_names`` pair: score only, and with the explanation read.

    * names first seen: each half of the pairs once, one half reading only the score, the
      other the explanation too. Most names were normalised before (the queries by
      ``screen()``, the names of entities by the Screener build), as in a process that
      loaded a list; what is measured is mostly the rest: building the items of words
      new to ``compare_names``, the forms, and the comparison.
    * new spellings: every pair once more with each name's letters in the other case:
      texts never seen, with the same words (normalisation runs again).
    * names seen before: all the pairs again (the best of five rounds), both names in the
      cache of normalised names; and the same names paired otherwise (each query beside
      another query's partner: mostly names with nothing in common).
    """
    half = len(pairs) // 2
    costs: dict[str, float] = {}
    costs["names first seen, score only"] = _per_pair(pairs[:half], read=False)
    costs["names first seen, explanation read"] = _per_pair(pairs[half:], read=True)
    respelt = [(a.swapcase(), b.swapcase()) for a, b in pairs]
    costs["new spellings of known names, score only"] = _per_pair(respelt, read=False)
    costs["names seen before, score only"] = min(_per_pair(pairs, read=False) for _ in range(5))
    costs["names seen before, explanation read"] = min(
        _per_pair(pairs, read=True) for _ in range(5)
    )
    others = [b for _, b in pairs]
    random.Random(SEED).shuffle(others)
    repaired = [(a, b) for (a, _), b in zip(pairs, others, strict=True)]
    compare_names_all(repaired)
    costs["names seen before, paired otherwise, score only"] = min(
        _per_pair(repaired, read=False) for _ in range(5)
    )
    return costs


def compare_names_all(pairs: list[tuple[str, str]]) -> None:
    """Compare every pair once (to fill the caches)."""
    for a, b in pairs:
        compare_names(a, b)


def _per_pair(pairs: list[tuple[str, str]], *, read: bool) -> float:
    tick = time.perf_counter()
    if read:
        for a, b in pairs:
            compare_names(a, b).explanation  # noqa: B018 - the explanation is written when read
    else:
        for a, b in pairs:
            compare_names(a, b).score  # noqa: B018
    return (time.perf_counter() - tick) / len(pairs)


def _partners(
    queries: Sequence[tuple[str, str | None, str]], designations: Sequence[Designation]
) -> list[tuple[tuple[str, str | None, str], str]]:
    """Each query beside its expected record's name, or a random list name."""
    rng = random.Random(SEED)
    by_id = {d.id: d for d in designations}
    out = []
    for query in queries:
        expected = by_id.get(query[1]) if query[1] else None
        partner = expected if expected is not None else rng.choice(designations)
        out.append((query, partner.party.name))
    return out


if __name__ == "__main__":
    sys.exit(main())
