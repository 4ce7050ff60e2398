"""Quality of name screening on labelled cases built from the real lists.

Usage: .venv/bin/python benchmarks/screening_quality.py [--threshold 0.8] [--sweep]

Cases (all from ../shared/data, none hand-picked):

* renamed: designations whose primary name OFAC changed between an older snapshot
  (2021-08-18 ... 2024-05-02) and 2024-05-03, where the old spelling is no longer any of
  the record's names; the old spelling must find the record in the newer list.
* alias: a strong alias of a sampled designation, written as a customer would (given
  names first, no commas, lower case) with one typo in its longest token.
* cyrillic: names of sampled individuals written in Cyrillic with the cyrtranslit library
  (Latin -> Russian Cyrillic), screened as typed.
* middle: names of sampled individuals with three words or more, written given names
  first, with middle words left out: one word (not a particle) between the first and the
  last, or, in every other case, all of them (``Hamza bin Laden`` for ``HAMZA USAMA
  MUHAMMAD BIN LADEN``).
* negative: people's and company names made by Faker in eight locales (en_US, de_DE,
  fr_FR, es_ES, tr_TR, ru_RU, ar_AA, zh_CN); none should match.

Each case falls in the *development* or the *held-out* part by a hash of its text; the
weights and DEFAULT_THRESHOLD were set looking at the development part only. Both are
reported. A positive case counts as found when its record is among the hits at the
threshold; a false alert is a hit on a negative case, or hits on a positive case that
all miss its record. Faker and cyrtranslit are used here only (not library dependencies).
"""

from __future__ import annotations

import argparse
import hashlib
import random
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import cyrtranslit  # type: ignore[import-untyped]
from faker import Faker

import sanctions_tracker as st
from sanctions_tracker.records import Designation, PartyKind
from sanctions_tracker.screening import DEFAULT_THRESHOLD, Screener, normalise
from sanctions_tracker.screening._normalise import Role

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
SDN = DATA / "ofac-sdn"
COMPANIONS = DATA / "ofac-csv-companions"
LATEST = "sdn-2024-05-03.csv.gz"
OLDER = (
    "sdn-2021-08-18.csv.gz",
    "sdn-2022-02-23.csv.gz",
    "sdn-2022-02-25.csv.gz",
    "sdn-2023-06-29.csv.gz",
    "sdn-2024-05-02.csv.gz",
)
LOCALES = ("en_US", "de_DE", "fr_FR", "es_ES", "tr_TR", "ru_RU", "ar_AA", "zh_CN")
SEED = 20240503


@dataclass(frozen=True)
class Case:
    """A query and the designation it should find (None: it should find nothing)."""

    family: str
    query: str
    expected: str | None
    kind: PartyKind | None = None

    @property
    def held_out(self) -> bool:
        """One case in three, by a hash of its text, is kept aside."""
        digest = hashlib.sha256(f"{self.family}:{self.query}".encode()).digest()
        return digest[0] % 3 == 0


def load_latest() -> st.Tracker:
    """The 2024-05-03 SDN list with its companions."""
    return st.load(
        SDN / LATEST,
        COMPANIONS / "alt.csv.gz",
        COMPANIONS / "add.csv.gz",
        COMPANIONS / "sdn_comments.csv",
    )


def _key(text: str) -> str:
    return " ".join(text.casefold().replace(",", " ").split())


def renamed_cases(latest: dict[str, Designation]) -> list[Case]:
    """Old spellings of primary names that OFAC changed since."""
    cases: dict[str, Case] = {}
    for snapshot in OLDER:
        older = st.load(SDN / snapshot)
        for designation in older.designations():
            current = latest.get(designation.id)
            if current is None:
                continue
            old = designation.party.name
            if _key(old) in {_key(name.full) for name in current.party.names}:
                continue
            cases.setdefault(designation.id + old, Case("renamed", old, designation.id))
    return sorted(cases.values(), key=lambda case: (case.expected or "", case.query))


def _customer_spelling(full: str, rng: random.Random) -> str:
    if "," in full:
        surname, _, given = full.partition(",")
        full = f"{given.strip()} {surname.strip()}"
    words = full.replace("-", " ").split()
    longest = max(range(len(words)), key=lambda index: len(words[index]))
    word = words[longest]
    if len(word) >= 5 and word.isalpha():  # noqa: PLR2004
        position = rng.randrange(1, len(word) - 1)
        action = rng.choice(("swap", "drop", "double"))
        if action == "swap":
            word = word[:position] + word[position + 1] + word[position] + word[position + 2 :]
        elif action == "drop":
            word = word[:position] + word[position + 1 :]
        else:
            word = word[:position] + word[position] + word[position:]
        words[longest] = word
    return " ".join(words).lower()


def alias_cases(designations: Sequence[Designation], rng: random.Random) -> list[Case]:
    """Strong aliases written as a customer would, with one typo."""
    with_aliases = [d for d in designations if any(not name.weak for name in d.party.aliases)]
    cases = []
    for designation in rng.sample(with_aliases, 700):
        alias = rng.choice([name for name in designation.party.aliases if not name.weak])
        cases.append(
            Case(
                "alias", _customer_spelling(alias.full, rng), designation.id, designation.party.kind
            )
        )
    return cases


def cyrillic_cases(designations: Sequence[Designation], rng: random.Random) -> list[Case]:
    """Names of individuals written in Russian Cyrillic by cyrtranslit."""
    people = [d for d in designations if d.party.kind is PartyKind.INDIVIDUAL]
    cases = []
    for designation in rng.sample(people, 400):
        full = designation.party.name
        surname, _, given = full.partition(",")
        latin = f"{given.strip()} {surname.strip()}".strip().lower()
        cases.append(
            Case(
                "cyrillic",
                cyrtranslit.to_cyrillic(latin, "ru"),
                designation.id,
                PartyKind.INDIVIDUAL,
            )
        )
    return cases


def middle_cases(designations: Sequence[Designation], rng: random.Random) -> list[Case]:
    """Names of individuals (three words or more) with middle words left out."""
    people = []
    for designation in designations:
        if designation.party.kind is not PartyKind.INDIVIDUAL:
            continue
        surname, _, given = designation.party.name.partition(",")
        words = f"{given} {surname}".replace("-", " ").split()
        middle = (
            [
                index
                for index in range(1, len(words) - 1)
                if normalise(words[index])[0].role is Role.NAME
            ]
            if all(normalise(word) for word in words)
            else []
        )
        if middle:
            people.append((designation, words, middle))
    cases = []
    for number, (designation, words, middle) in enumerate(rng.sample(people, 400)):
        dropped = {rng.choice(middle)} if number % 2 == 0 else set(range(1, len(words) - 1))
        query = " ".join(word for index, word in enumerate(words) if index not in dropped)
        cases.append(Case("middle", query.lower(), designation.id, PartyKind.INDIVIDUAL))
    return cases


def negative_cases() -> list[Case]:
    """People's and company names made by Faker in several locales."""
    cases: list[Case] = []
    for locale in LOCALES:
        fake = Faker(locale)
        fake.seed_instance(SEED)
        cases.extend(
            Case("negative person", fake.name(), None, PartyKind.INDIVIDUAL) for _ in range(150)
        )
        cases.extend(
            Case("negative company", fake.company(), None, PartyKind.ENTITY) for _ in range(60)
        )
    return cases


@dataclass
class Tally:
    """Counts for one part of the cases."""

    positives: int = 0
    found: int = 0
    first: int = 0
    negatives: int = 0
    false_alerts: int = 0

    def line(self, label: str) -> str:
        """precision, recall, F1 and top-1 accuracy."""
        if not self.positives:
            rate = self.false_alerts / self.negatives if self.negatives else 0.0
            return (
                f"{label:<28} negatives={self.negatives:>5} "
                f"false alerts={self.false_alerts} ({rate:.1%})"
            )
        alerts = self.found + self.false_alerts
        precision = self.found / alerts if alerts else 1.0
        recall = self.found / self.positives if self.positives else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        top1 = self.first / self.positives if self.positives else 0.0
        return (
            f"{label:<28} positives={self.positives:>5} negatives={self.negatives:>5} "
            f"precision={precision:.3f} recall={recall:.3f} F1={f1:.3f} top-1={top1:.3f}"
        )


Screen = Callable[[Case, float], list[str]]


def evaluate(
    cases: Sequence[Case], screen: Screen, threshold: float
) -> dict[tuple[str, bool], Tally]:
    """Tallies by (family, held out)."""
    tallies: dict[tuple[str, bool], Tally] = {}
    for case in cases:
        hits = screen(case, threshold)
        for key in ((case.family, case.held_out), ("all", case.held_out)):
            tally = tallies.setdefault(key, Tally())
            if case.expected is None:
                tally.negatives += 1
                tally.false_alerts += bool(hits)
            else:
                tally.positives += 1
                tally.found += case.expected in hits
                tally.first += bool(hits) and hits[0] == case.expected
                tally.false_alerts += bool(hits) and case.expected not in hits
    return tallies


def report(title: str, tallies: dict[tuple[str, bool], Tally]) -> None:
    """Print one block of tallies."""
    print(title)
    for held_out in (False, True):
        part = "held-out" if held_out else "development"
        for family in (
            "renamed",
            "alias",
            "cyrillic",
            "middle",
            "negative person",
            "negative company",
            "all",
        ):
            tally = tallies.get((family, held_out))
            if tally is not None:
                print("  " + tally.line(f"{part}: {family}"))


def main(argv: Sequence[str] | None = None) -> int:
    """Build the cases, screen them, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD)
    parser.add_argument("--sweep", action="store_true", help="also sweep thresholds (dev part)")
    args = parser.parse_args(argv)
    if not (SDN / LATEST).exists():
        print(f"no data at {SDN}: nothing to measure")
        return 0
    tracker = load_latest()
    designations = tracker.designations()
    by_id = {d.id: d for d in designations}
    rng = random.Random(SEED)
    cases = [
        *renamed_cases(by_id),
        *alias_cases(designations, rng),
        *cyrillic_cases(designations, rng),
        *middle_cases(designations, rng),
        *negative_cases(),
    ]
    screener = Screener(designations)

    def ours(case: Case, threshold: float) -> list[str]:
        matches = screener.screen(case.query, threshold=threshold, limit=10)
        return [match.designation_id for match in matches]

    held = sum(case.held_out for case in cases)
    print(f"{len(cases)} cases ({held} held out); list {LATEST}: {len(designations)} designations")
    started = time.perf_counter()
    report(
        f"sanctions_tracker.screening at threshold {args.threshold}",
        evaluate(cases, ours, args.threshold),
    )
    print(f"  ({time.perf_counter() - started:.1f} s)")
    if args.sweep:
        development = [case for case in cases if not case.held_out]
        for threshold in (0.7, 0.75, 0.8, 0.85, 0.9):
            tally = evaluate(development, ours, threshold)[("all", False)]
            print("  " + tally.line(f"dev sweep {threshold}"))
    baseline(cases, designations)
    return 0


def baseline(cases: Sequence[Case], designations: Sequence[Designation]) -> None:
    """A brute-force rapidfuzz scan (WRatio over every name, the query transliterated with
    anyascii first), at its best cut-off on the development part."""
    from anyascii import anyascii  # noqa: PLC0415
    from rapidfuzz import fuzz, process, utils  # noqa: PLC0415

    names: list[str] = []
    owners: list[str] = []
    for designation in designations:
        for name in designation.party.names:
            names.append(utils.default_process(name.full.replace(",", " ")))
            owners.append(designation.id)

    def scan(case: Case, threshold: float) -> list[str]:
        query = utils.default_process(anyascii(case.query))
        found = process.extract(
            query, names, scorer=fuzz.WRatio, score_cutoff=threshold * 100, limit=30
        )
        hits: list[str] = []
        for _name, _score, index in found:
            if owners[index] not in hits:
                hits.append(owners[index])
        return hits[:10]

    development = [case for case in cases if not case.held_out]
    best = max(
        (0.86, 0.9, 0.94),
        key=lambda cut: _f1(evaluate(development, scan, cut)[("all", False)]),
    )
    report(
        f"baseline: rapidfuzz WRatio brute force at its best dev cut-off {best}",
        evaluate(cases, scan, best),
    )


def _f1(tally: Tally) -> float:
    alerts = tally.found + tally.false_alerts
    precision = tally.found / alerts if alerts else 1.0
    recall = tally.found / tally.positives if tally.positives else 0.0
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


if __name__ == "__main__":
    sys.exit(main())
