"""How much of OFAC's Remarks field the parser understands, and how fast it reads it.

Usage: ``python benchmarks/remarks_coverage.py [path ...]`` (an SDN or consolidated CSV,
gzip-compressed or not; by default the 2024-05-03 SDN snapshot in ``../shared/data``).

For each file it prints the number of segments, the parsed share, the time to parse every
remark (caches cleared first, so the figure is a cold run; best of several) beside a
baseline measured in the same run (a bare ``text.split("; ")`` over the same remarks), and
the unparsed segments grouped by their first words, with counts (top 40).
"""

from __future__ import annotations

import csv
import gzip
import io
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from sanctions_tracker.sources.ofac_remarks import clear_caches, parse_remarks

DEFAULT = (
    Path(__file__).resolve().parents[1].parent
    / "shared"
    / "data"
    / "ofac-sdn"
    / "sdn-2024-05-03.csv.gz"
)
REMARKS_COLUMN = 11
ROUNDS = 5
TOP = 40
GROUP_WORDS = 3


def read_remarks(path: Path) -> list[str]:
    """The Remarks column of every row of an OFAC CSV file (``-0-`` included)."""
    data = path.read_bytes()
    if path.suffix == ".gz":
        data = gzip.decompress(data)
    text = data.decode("utf-8", errors="replace")
    rows = csv.reader(io.StringIO(text))
    return [row[REMARKS_COLUMN] for row in rows if len(row) > REMARKS_COLUMN]


def best_time(run: Callable[[], object], *, before: Callable[[], object] | None = None) -> float:
    """The shortest of ``ROUNDS`` timed runs (``before`` runs untimed ahead of each)."""
    best = float("inf")
    for _ in range(ROUNDS):
        if before is not None:
            before()
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return best


def group(segment: str) -> str:
    """The first words of a segment, which name its kind."""
    words = segment.removeprefix("alt. ").split()
    return " ".join(words[:GROUP_WORDS])


def report(path: Path) -> float:
    """Print the figures for one file; return the parsed share."""
    remarks = read_remarks(path)

    def parse_all() -> None:
        for text in remarks:
            parse_remarks(text)

    def split_all() -> None:
        for text in remarks:
            text.split("; ")

    baseline = best_time(split_all)
    cold = best_time(parse_all, before=clear_caches)
    warm = best_time(parse_all)

    segments = parsed = 0
    unparsed: Counter[str] = Counter()
    examples: dict[str, str] = {}
    for text in remarks:
        result = parse_remarks(text)
        segments += result.segments
        parsed += result.parsed
        for segment in result.unparsed:
            key = group(segment)
            unparsed[key] += 1
            examples.setdefault(key, segment)
    share = parsed / segments if segments else 1.0

    print(f"== {path.name}: {len(remarks):,} rows")
    print(f"segments          {segments:,}")
    print(f"parsed            {parsed:,} ({share:.2%})")
    print(f"unparsed          {segments - parsed:,}")
    print(f"parse (cold)      {cold * 1000:.1f} ms (best of {ROUNDS}, caches cleared)")
    print(f"parse (warm)      {warm * 1000:.1f} ms (caches filled)")
    print(f'baseline split    {baseline * 1000:.1f} ms (text.split("; "))')
    print(f"cold / baseline   {cold / baseline:.1f}x")
    print(f"unparsed, by first words (top {TOP}):")
    for key, count in unparsed.most_common(TOP):
        print(f"  {count:6,}  {key!r:40}  e.g. {examples[key][:90]!r}")
    return share


def main(argv: list[str]) -> int:
    """Report on every file named (or the default snapshot)."""
    paths = [Path(arg) for arg in argv] or [DEFAULT]
    for path in paths:
        report(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
