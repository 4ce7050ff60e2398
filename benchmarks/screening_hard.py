"""Screening quality on hard cases from the real lists, beside rapidfuzz and logic-v2.

Usage: .venv/bin/python benchmarks/screening_hard.py [--part development|test] [--show N]

The cases are built by ``benchmarks/screening_cases.py`` from ../shared/data (alias sets
of OFAC, the UN, the EU, the UK, SECO, DFAT and OpenSanctions across scripts, entries
OFAC renamed, hard negatives from one list, real people on no list screened). In one
run, on the same pairs, three systems score each pair:

* **here**: ``Screener.compare`` with the rarities of the screened lists (OFAC's SDN of
  2024-05-03 with its companions and the UN list of 2025-11-20), ``kind="person"`` for
  people, at ``DEFAULT_THRESHOLD``;
* **logic-v2**: OpenSanctions' nomenklatura matcher (``LogicV2.compare`` on two entities
  that hold only the names, schema Person or Organization), at 0.7, the threshold yente
  applies by default, and at its best cut-off on the development part;
* **rapidfuzz**: ``fuzz.WRatio`` on the names transliterated with anyascii, lower case,
  at its best cut-off on the development part.

Per family it prints precision, recall and F1 at each threshold and the ROC-AUC of the
scores. Then the false alerts on real people not listed: each screened against the whole
of both lists (here: ``screen(kind="person")``; logic-v2 on the 25 list names WRatio ranks
first, as a search engine hands it candidates; rapidfuzz: the best WRatio over every
name), and again here with the countries the person's record gives (``country=``; people
whose record gives none screened as before; logic-v2 takes no country), and with the
birth years and the countries it gives (``birth_date=`` a year: a desk that knows a
customer's birth date screens with it; the Denied Persons List gives none). The development
part is what the rules were tuned on; the test part is read only to report.
"""

from __future__ import annotations

import argparse
import itertools
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from anyascii import anyascii
from rapidfuzz import fuzz, process
from screening_cases import ORG, PERSON, Cases, Pair, Person, build

from sanctions_tracker.screening import DEFAULT_THRESHOLD, Screener

LOGIC_V2_DEFAULT = 0.7
CANDIDATES = 25
FAMILIES = ("person-alias", "org-alias", "script", "renamed")


def latin(text: str) -> str:
    """What rapidfuzz compares: the name in Latin letters, lower case."""
    return anyascii(text).casefold()


def auc(positives: Sequence[float], negatives: Sequence[float]) -> float:
    """ROC-AUC: the chance that a positive scores above a negative (ties count half)."""
    if not positives or not negatives:
        return float("nan")
    ranked = sorted([(s, 1) for s in positives] + [(s, 0) for s in negatives])
    rank_sum = 0.0
    index = 0
    while index < len(ranked):
        end = index
        while end < len(ranked) and ranked[end][0] == ranked[index][0]:
            end += 1
        mean_rank = (index + 1 + end) / 2
        rank_sum += mean_rank * sum(1 for _s, label in ranked[index:end] if label)
        index = end
    n_pos, n_neg = len(positives), len(negatives)
    return (rank_sum - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg)


def prf(scores: Sequence[tuple[float, bool]], cut: float) -> tuple[float, float, float]:
    """Precision, recall and F1 of ``score >= cut``."""
    tp = sum(1 for s, same in scores if same and s >= cut)
    fp = sum(1 for s, same in scores if not same and s >= cut)
    fn = sum(1 for s, same in scores if same and s < cut)
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def best_cut(scores: Sequence[tuple[float, bool]], cuts: Sequence[float]) -> float:
    """The cut-off of the best F1 over every family's pairs together."""
    return max(cuts, key=lambda cut: (prf(scores, cut)[2], -cut))


class LogicV2:
    """nomenklatura's logic-v2 on names alone."""

    def __init__(self) -> None:
        from followthemoney.proxy import EntityProxy  # noqa: PLC0415 - bench extra
        from nomenklatura.matching.logic_v2.model import LogicV2 as Model  # noqa: PLC0415
        from nomenklatura.matching.types import ScoringConfig  # noqa: PLC0415

        self._proxy = EntityProxy
        self._model = Model
        self._config = ScoringConfig(
            weights={feature.name: feature.weight for feature in Model.features},
            config={name: var.default for name, var in Model.CONFIG.items()},
        )
        self._ids = itertools.count()

    def entity(self, name: str, kind: str) -> Any:
        """An FtM entity holding only ``name``."""
        schema = "Person" if kind == PERSON else "Organization"
        # a new id each time: logic-v2 caches a name's analysis by the entity's id
        return self._proxy.from_dict(
            {"id": f"e{next(self._ids)}", "schema": schema, "properties": {"name": [name]}}
        )

    def score(self, a: str, b: str, kind: str) -> float:
        """logic-v2's score of two names."""
        left, right = self.entity(a, kind), self.entity(b, kind)
        return float(self._model.compare(left, right, self._config).score)


def score_pairs(
    pairs: Sequence[Pair], scorer: Callable[[Pair], float]
) -> tuple[list[float], float]:
    """Each pair's score, and the seconds per pair."""
    started = time.perf_counter()
    scores = [scorer(pair) for pair in pairs]
    return scores, (time.perf_counter() - started) / max(1, len(pairs))


def report_families(
    pairs: Sequence[Pair],
    systems: dict[str, list[float]],
    cuts: dict[str, float],
) -> None:
    """One table per family: each system's P/R/F1 at its threshold and ROC-AUC."""
    print("| family | positives | negatives | system | threshold | P | R | F1 | ROC-AUC |")
    print("|---|---|---|---|---|---|---|---|---|")
    for family in (*FAMILIES, "all"):
        chosen = [i for i, p in enumerate(pairs) if family in {"all", p.family}]
        pos = sum(1 for i in chosen if pairs[i].same)
        neg = len(chosen) - pos
        for system, scores in systems.items():
            labelled = [(scores[i], pairs[i].same) for i in chosen]
            cut = cuts[system]
            precision, recall, f1 = prf(labelled, cut)
            area = auc([s for s, same in labelled if same], [s for s, same in labelled if not same])
            print(
                f"| {family} | {pos} | {neg} | {system} | {cut:g} | {precision:.3f} | "
                f"{recall:.3f} | **{f1:.3f}** | {area:.3f} |"
            )


def false_alerts(
    cases: Cases, screener: Screener, logic: LogicV2, cuts: dict[str, float], part: str
) -> None:
    """Real people on no list, screened against both lists whole."""
    names = [(d.party.kind.value, n.full) for d in screener._designations for n in d.party.names]  # noqa: SLF001
    readings = [latin(full) for _kind, full in names]
    people = [person for person in cases.people if person.test == (part == "test")]
    ours = wratio = logic_hits = placed_hits = 0
    by_origin: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    placed: dict[str, list[int]] = defaultdict(lambda: [0, 0])  # with a country, alerting
    shown: list[str] = []
    for person in people:
        name = person.name
        counts = by_origin[person.origin]
        counts[0] += 1
        hits = screener.screen(name, kind="person")
        # with each country the person's record gives (an alert when any alerts); a person
        # with none screened as above
        placed_alert = (
            any(screener.screen(name, kind="person", country=c) for c in person.countries)
            if person.countries
            else bool(hits)
        )
        placed[person.origin][0] += bool(person.countries)
        placed[person.origin][1] += placed_alert
        placed_hits += placed_alert
        if hits:
            ours += 1
            counts[1] += 1
            shown.append(
                f"  here: {name!r} ({person.origin}) -> {hits[0].matched_name.full!r} "
                f"{hits[0].score}"
            )
        top = process.extract(latin(name), readings, scorer=fuzz.WRatio, limit=CANDIDATES)
        if top and top[0][1] >= cuts["rapidfuzz WRatio"]:
            wratio += 1
        best = max(
            (
                logic.score(
                    name, names[index][1], PERSON if names[index][0] == "individual" else ORG
                )
                for _text, _score, index in top
            ),
            default=0.0,
        )
        if best >= cuts["logic-v2 (0.7)"]:
            logic_hits += 1
            counts[2] += 1
    total = len(people)
    print(f"\nReal people on no list ({part} half, {total} names), share that alerts:")
    print(
        f"  here {ours / total:.2%} ({ours}); logic-v2 at 0.7 {logic_hits / total:.2%} "
        f"({logic_hits}); rapidfuzz WRatio at {cuts['rapidfuzz WRatio']:g} "
        f"{wratio / total:.2%} ({wratio})"
    )
    for origin, (count, here, theirs) in sorted(by_origin.items()):
        print(f"  {origin}: {count} names, here {here}, logic-v2 {theirs}")
    with_country = sum(1 for person in people if person.countries)
    print(
        f"With the countries their record gives ({with_country} of the {total} names have one; "
        "several: screened with each, an alert when any alerts; none: screened as above):"
    )
    print(
        f"  here {placed_hits / total:.2%} ({placed_hits}); logic-v2 unchanged (it takes no "
        f"country): {logic_hits / total:.2%} ({logic_hits})"
    )
    for origin, (count, _here, _theirs) in sorted(by_origin.items()):
        given, alerting = placed[origin]
        print(f"  {origin}: {count} names, {given} with a country, here {alerting}")
    dated = [person for person in people if person.years]
    born_hits: dict[str, int] = defaultdict(int)
    for person in people:
        born_hits[person.origin] += _alerts_qualified(screener, person)
    print(
        f"With the birth years and the countries their record gives ({len(dated)} of the "
        f"{total} names have a birth year; several years or countries: screened with each, "
        "an alert when any alerts):"
    )
    print(f"  here {sum(born_hits.values()) / total:.2%} ({sum(born_hits.values())})")
    for origin, (count, _here, _theirs) in sorted(by_origin.items()):
        given = sum(1 for person in dated if person.origin == origin)
        print(f"  {origin}: {count} names, {given} with a birth year, here {born_hits[origin]}")
    for line in shown[:20]:
        print(line)


def _alerts_qualified(screener: Screener, person: Person) -> bool:
    """Whether a real person alerts when screened with every birth year and country their
    record gives (each pair of them, as a desk that knows several screens with each;
    without the one their record does not give)."""
    years: list[int | None] = [*sorted(person.years)] or [None]
    countries: list[str | None] = [*sorted(person.countries)] or [None]
    return any(
        screener.screen(person.name, kind="person", country=country, birth_date=year)
        for year in years
        for country in countries
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Build the cases, score them three ways, print the tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", choices=("development", "test"), default="development")
    parser.add_argument("--show", type=int, default=0, help="print N errors of ours per family")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    cases = build()
    designations = [d for tracker in cases.trackers for d in tracker.designations()]
    screener = Screener(designations)
    print(f"cases built in {time.perf_counter() - started:.1f} s; {screener!r}")
    development = [p for p in cases.pairs if not p.test]
    part = [p for p in cases.pairs if p.test == (args.part == "test")]
    logic = LogicV2()

    def ours(pair: Pair) -> float:
        return screener.compare(
            pair.a, pair.b, kind="person" if pair.kind == PERSON else None
        ).score

    def rapid(pair: Pair) -> float:
        return float(fuzz.WRatio(latin(pair.a), latin(pair.b))) / 100

    def logic_v2(pair: Pair) -> float:
        return logic.score(pair.a, pair.b, pair.kind)

    # Cut-offs of the baselines: their best F1 on the development part.
    dev_rapid, _ = score_pairs(development, rapid)
    dev_logic, _ = score_pairs(development, logic_v2)
    steps = [step / 100 for step in range(50, 100)]
    rapid_cut = best_cut(list(zip(dev_rapid, [p.same for p in development], strict=True)), steps)
    logic_cut = best_cut(list(zip(dev_logic, [p.same for p in development], strict=True)), steps)

    systems: dict[str, list[float]] = {}
    timing: dict[str, float] = {}
    systems["here"], timing["here"] = score_pairs(part, ours)
    systems["logic-v2 (0.7)"], timing["logic-v2"] = score_pairs(part, logic_v2)
    systems["logic-v2 (best dev)"] = systems["logic-v2 (0.7)"]
    systems["rapidfuzz WRatio"], timing["rapidfuzz"] = score_pairs(part, rapid)
    cuts = {
        "here": DEFAULT_THRESHOLD,
        "logic-v2 (0.7)": LOGIC_V2_DEFAULT,
        "logic-v2 (best dev)": logic_cut,
        "rapidfuzz WRatio": rapid_cut,
    }
    print(
        f"\n{args.part} part: {len(part)} pairs; per pair: "
        + ", ".join(f"{k} {v * 1e6:.0f} µs" for k, v in timing.items())
    )
    report_families(part, systems, cuts)

    # Recall of screening: each old spelling of a renamed entry against both lists whole.
    renamed = [
        (old, expected)
        for old, expected, test in cases.renamed_queries
        if test == (args.part == "test")
    ]
    found = sum(
        1
        for old, expected in renamed
        if expected in {m.designation_id for m in screener.screen(old)}
    )
    print(f"\nRenamed entries found by screen() on both lists: {found} of {len(renamed)}")
    false_alerts(cases, screener, logic, cuts, args.part)
    if args.show:
        errors: dict[str, list[str]] = defaultdict(list)
        for pair, score in zip(part, systems["here"], strict=True):
            wrong = (score >= DEFAULT_THRESHOLD) != pair.same
            if wrong:
                label = "missed" if pair.same else "false"
                errors[pair.family].append(
                    f"  {label} {score:.2f} [{pair.origin}] {pair.a!r} | {pair.b!r}"
                )
        for family, lines in sorted(errors.items()):
            print(f"\n{family}: {len(lines)} errors")
            for line in lines[: args.show]:
                print(line)
    print(f"\nmedian score of positives here: {statistics.median(systems['here']):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
