"""A customer file for the batch benchmarks, made from real names (nothing made up).

Usage: .venv/bin/python benchmarks/batch_input.py OUT.csv [--rows 100000] [--seed 15]

A customer file is mostly people on no list, with a few listed parties among them. So:

* **95 %: real people on no list**, from the US Denied Persons List (individuals) and the
  OpenSanctions Wikidata sample (names and aliases). There are about 900 such names; to
  make 100,000 distinct customers, a row takes the given name(s) of one person and the
  family name of another (both real), and one row in five gets a typo (one letter
  dropped, doubled or swapped). Their birth date is the Wikidata one when there is one,
  else a year from 1940 to 2000; their country the person's own (Wikidata) or the DPL's.
* **5 %: listed names**: primary names and a.k.a.s of OFAC's SDN list of 2024-05-03 and
  its ``alt.csv``, written in the order a customer form gives (given name first), half of
  them with a typo. Birth date and country are left empty, as forms often leave them.

Every row has a customer id. The file is written with a header, comma-separated.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import random
import re
import sys
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import DATA

COMPANY = re.compile(
    r"\b(INC|LLC|LTD|CORP|CO|COMPANY|GMBH|S\.?A|LIMITED|TRADING|GROUP)\b", re.IGNORECASE
)
LISTED_SHARE = 0.05
TYPO_SHARE = 0.2


def unlisted_people() -> list[tuple[str, str, str]]:
    """(name, birth date, country) of real people on no list: DPL individuals and the
    Wikidata sample (its aliases too)."""
    people: list[tuple[str, str, str]] = []
    text = (DATA / "other" / "dpl.txt").read_text(encoding="utf-8", errors="replace")
    for row in csv.DictReader(io.StringIO(text), delimiter="\t"):
        name = " ".join((row.get("Name") or "").split())
        if len(name.split()) >= 2 and not COMPANY.search(name):  # noqa: PLR2004 - two words
            people.append((name, "", row.get("Country") or ""))
    folder = DATA / "opensanctions-ftm" / "wd_persons_20240310"
    with (folder / "targets.simple.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            country = (row["countries"].split(";")[0] or "").upper()
            people.extend(
                (name.strip(), row["birth_date"][:10], country)
                for name in [row["name"], *row["aliases"].split(";")]
                if len(name.split()) >= 2  # noqa: PLR2004 - a given and a family name
            )
    return people


def listed_names() -> list[str]:
    """The SDN list's primary names and a.k.a.s, given name first."""
    names: list[str] = []
    with gzip.open(DATA / "ofac-sdn" / "sdn-2024-05-03.csv.gz", "rt", encoding="utf-8") as sdn:
        names.extend(row[1] for row in csv.reader(sdn) if len(row) > 1)
    alt = DATA / "ofac-csv-companions" / "alt.csv.gz"
    with gzip.open(alt, "rt", encoding="utf-8", errors="replace") as handle:
        names.extend(row[3] for row in csv.reader(handle) if len(row) > 3)  # noqa: PLR2004
    return [_given_first(name) for name in names if name and name != "-0-"]


def _given_first(name: str) -> str:
    family, comma, given = name.partition(", ")
    return f"{given} {family}" if comma else name


def typo(name: str, rng: random.Random) -> str:
    """One letter of ``name`` dropped, doubled or swapped with the next."""
    letters = [i for i, ch in enumerate(name[:-1]) if ch.isalpha() and name[i + 1].isalpha()]
    if not letters:
        return name
    at = rng.choice(letters)
    how = rng.randrange(3)
    if how == 0:
        return name[:at] + name[at + 1 :]
    if how == 1:
        return name[:at] + name[at] + name[at:]
    return name[:at] + name[at + 1] + name[at] + name[at + 2 :]


def customers(rows: int, seed: int) -> Iterator[dict[str, str]]:
    """``rows`` customers (see the module's docstring)."""
    rng = random.Random(seed)
    people = unlisted_people()
    listed = listed_names()
    for number in range(1, rows + 1):
        if rng.random() < LISTED_SHARE:
            name = rng.choice(listed)
            name = typo(name, rng) if rng.random() < 0.5 else name  # noqa: PLR2004
            birth, country = "", ""
        else:
            first, birth, country = rng.choice(people)
            other = rng.choice(people)[0]
            name = f"{' '.join(first.split()[:-1])} {other.split()[-1]}"
            if rng.random() < TYPO_SHARE:
                name = typo(name, rng)
            birth = birth or str(rng.randrange(1940, 2001))
        yield {
            "customer_id": f"C{number:07d}",
            "name": name,
            "date_of_birth": birth,
            "country": country,
        }


def write(path: Path, rows: int, seed: int) -> None:
    """The customer file at ``path``."""
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, ["customer_id", "name", "date_of_birth", "country"])
        writer.writeheader()
        writer.writerows(customers(rows, seed))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=15)
    args = parser.parse_args(argv)
    write(args.out, args.rows, args.seed)
    print(f"{args.rows:,} customers written to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
