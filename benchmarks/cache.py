"""The first answer and the cached answer of ``screen``, whole process, beside a bare pass.

Usage: ``python benchmarks/cache.py [--rounds N] [--name NAME]``

Every figure is the wall time of a whole fresh process, from its start to its exit, on
OFAC's SDN list of 2024-05-03 with its three companion files:

- **baseline**: a bare pass — a fresh ``python`` that reads the four files, gunzips the
  gzipped ones and runs ``csv.reader`` over every row, keeping nothing;
- **no cache**: ``sanctions-tracker screen NAME --data ... --no-cache``: the lists parsed
  and the screening index built, as every call did before the cache;
- **first answer**: the same command with an empty cache folder: parsed, built, and both
  stored in the cache;
- **cached answer**: the same command again: read from the cache.

The target (issue 15): the cached answer at most 4 times the baseline. The script also
says how much of the snapshot a cached screen read (chunks of the index and of the lists
unpickled) and the peak resident memory of each process.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import DATA, machine

FILES = (
    DATA / "ofac-sdn" / "sdn-2024-05-03.csv.gz",
    DATA / "ofac-csv-companions" / "alt.csv.gz",
    DATA / "ofac-csv-companions" / "add.csv.gz",
    DATA / "ofac-csv-companions" / "sdn_comments.csv",
)

BARE = """
import csv, gzip, io, sys
rows = 0
for path in sys.argv[1:]:
    with open(path, "rb") as handle:
        data = handle.read()
    text = (gzip.decompress(data) if path.endswith(".gz") else data).decode("utf-8")
    for _row in csv.reader(io.StringIO(text)):
        rows += 1
print(rows)
"""

READ = """
import json, sys
import sanctions_tracker as st
tracker = st.load(*sys.argv[2:], cache=sys.argv[1])
tracker.screen("Qassem Soleimani")
reader, index = tracker._snapshot.reader, tracker._snapshot.index_reader
def share(found):
    sections = [found.section(i) for i in range(len(found.header["sections"]))]
    return sum(s.read for s in sections), sum(len(s.chunks) for s in sections)
print(json.dumps({"lists": share(reader), "index": share(index), "note": str(tracker.cache)}))
"""


def timed(command: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """The wall time of a fresh process running ``command``, and its peak resident MB."""
    start = time.perf_counter()
    child = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode:
        raise subprocess.CalledProcessError(child.returncode, command)
    return seconds, usage.ru_maxrss / 1024


def screen_command(name: str, *extra: str) -> list[str]:
    data = [arg for path in FILES for arg in ("--data", str(path))]
    return [sys.executable, "-m", "sanctions_tracker", "screen", name, *data, *extra]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--name", default="Qassem Soleimani")
    args = parser.parse_args()
    files = [str(path) for path in FILES]
    print(machine())
    print(f"files: {', '.join(path.name for path in FILES)}; name screened: {args.name!r}")
    env = {**os.environ}
    env.pop("SANCTIONS_TRACKER_NO_CACHE", None)
    bare, uncached, first, cached = [], [], [], []
    peaks: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as folder:
        env["SANCTIONS_TRACKER_CACHE_DIR"] = folder
        for _ in range(args.rounds):
            bare.append(timed([sys.executable, "-c", BARE, *files])[0])
            seconds, peaks["no cache"] = timed(screen_command(args.name, "--no-cache"), env)
            uncached.append(seconds)
        for round_ in range(max(3, args.rounds // 2)):
            with tempfile.TemporaryDirectory() as empty:
                env["SANCTIONS_TRACKER_CACHE_DIR"] = empty
                seconds, peaks["first answer"] = timed(screen_command(args.name), env)
                first.append(seconds)
                if round_ == 0:
                    env["SANCTIONS_TRACKER_CACHE_DIR"] = folder
                    timed(screen_command(args.name), env)  # the cache used below, filled
        env["SANCTIONS_TRACKER_CACHE_DIR"] = folder
        for _ in range(args.rounds):
            seconds, peaks["cached answer"] = timed(screen_command(args.name), env)
            cached.append(seconds)
        done = subprocess.run(
            [sys.executable, "-c", READ, folder, *files],
            check=True,
            capture_output=True,
            text=True,
            env=env,
        )
        read = json.loads(done.stdout)
        size = sum(path.stat().st_size for path in Path(folder).iterdir())
    base = statistics.median(bare)
    print(f"rounds: {args.rounds} (first answer: {len(first)}); whole processes, wall time")
    print(f"{'':34} {'best':>8} {'median':>8} {'x baseline':>11}")
    for label, found in (
        ("baseline: read + gunzip + csv pass", bare),
        ("screen, no cache", uncached),
        ("screen, first answer (stores)", first),
        ("screen, cached answer", cached),
    ):
        median = statistics.median(found)
        print(f"{label:34} {min(found):8.3f} {median:8.3f} {median / base:10.1f}x")
    print(f"target: cached answer at most 4x the baseline: {statistics.median(cached) / base:.1f}x")
    print(f"the cache on disk: {size / 1e6:.1f} MB")
    for part in ("lists", "index"):
        used, total = read[part]
        print(f"a cached screen read {used} of the {total:,} chunks of the {part}")
    print("peak resident memory of the last process of each kind (MB):")
    print("  " + ", ".join(f"{label} {value:.0f}" for label, value in peaks.items()))


if __name__ == "__main__":
    main()
