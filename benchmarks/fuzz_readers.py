"""Fuzz every list reader (and the fixture reader, and name comparison) for a set time.

Usage: ``python benchmarks/fuzz_readers.py [--seconds N] [--only KIND ...] [--findings DIR]``

For each reader, real seeds cut from ``../shared/data`` (``tests/corpus.py``) are damaged
by the Hypothesis strategies the test suite uses (``tests/strategies.py``: bytes flipped,
cut, repeated; cells, texts, attributes and JSON values replaced by hostile ones; elements
repeated, dropped, renamed, nested deep; gzipped, zipped, UTF-16 or UTF-32) and loaded
with ``sanctions_tracker.load(..., bundled=False)``, for ``--seconds`` each. What the
library promises (docs/reliability.md): every load either gives a tracker whose every
file account balances, or raises one of the library's own errors; anything else is a
*finding*, written with its input files to ``--findings``.

Printed per reader: executions, what they ended in (loaded, each library error), findings,
the slowest execution, and the process's peak resident memory after the reader's run.
The baseline, in the same run: loading the unmodified seeds (executions per second).
"""

from __future__ import annotations

import argparse
import contextlib
import resource
import sys
import tempfile
import time
import traceback
import warnings
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as hst
from hypothesis.errors import HypothesisWarning

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from common import machine

import corpus
import sanctions_tracker as st
import strategies
from sanctions_tracker.errors import SanctionsTrackerError
from sanctions_tracker.screening import compare_names


class _TimeUp(Exception):  # noqa: N818 - a signal, not an error
    """The reader's time is up (raised inside the Hypothesis test to end its run)."""


Files = tuple[tuple[str, bytes], ...]
"""The files of one load: names and bytes."""


class _Run:
    """The figures of one reader's run; findings kept by kind (error and the place in the
    library it came from), three inputs of each."""

    def __init__(self, name: str, findings: Path) -> None:
        self.name = name
        self.findings = findings
        self.executions = 0
        self.outcomes: Counter[str] = Counter()
        self.found: Counter[str] = Counter()
        self.slowest = 0.0

    def finding(self, files: Files, error: BaseException) -> None:
        """Count an input that broke a promise; keep it (with its traceback) if it is one
        of the first three of its kind."""
        frames = [f for f in traceback.extract_tb(error.__traceback__) if "/src/" in f.filename]
        where = f"{Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else "?"
        kind = f"{type(error).__name__} at {where}: {str(error)[:100]}"
        self.found[kind] += 1
        if self.found[kind] > 3:  # noqa: PLR2004 - three inputs show a kind of finding
            return
        folder = self.findings / f"{self.name}-{len(self.found)}-{self.found[kind]}"
        folder.mkdir(parents=True, exist_ok=True)
        for file_name, data in files:
            (folder / file_name).write_bytes(data)
        trace = "".join(traceback.format_exception(error))
        (folder / "traceback.txt").write_text(trace, encoding="utf-8")

    def keep(self, name: str, files: Files) -> None:
        """Keep an input in the findings folder, as ``<reader>-<name>``."""
        folder = self.findings / f"{self.name}-{name}"
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.iterdir():
            old.unlink()
        for file_name, data in files:
            (folder / file_name).write_bytes(data)

    def report(self, seconds: float) -> str:
        """The run's figures, in a few lines."""
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        ends = ", ".join(f"{kind} {count}" for kind, count in self.outcomes.most_common())
        rate = self.executions / max(seconds, 1e-9)
        lines = [
            (
                f"{self.name}: {self.executions:,} executions in {seconds:.0f}s ({rate:,.0f}/s); "
                f"slowest {self.slowest:.2f}s; peak memory so far {peak:.0f} MB; "
                f"findings {sum(self.found.values())}"
            ),
            f"    ended in: {ends}",
        ]
        lines.extend(f"    finding ({count}x): {kind}" for kind, count in self.found.items())
        return "\n".join(lines)


def _load(files: tuple[tuple[str, bytes], ...]) -> str:
    """Load the files as a user would; what it ended in. Unexpected errors propagate."""
    with tempfile.TemporaryDirectory() as folder:
        paths = [corpus.write(Path(folder), name, data) for name, data in files]
        try:
            tracker = st.load(*paths, bundled=False)
        except SanctionsTrackerError as error:
            if error.__cause__ is not None:  # a reader's fault the library caught: a defect
                raise error.__cause__ from error
            return type(error).__name__
    unbalanced = [
        account.file
        for dataset in tracker.datasets
        for account in dataset.accounts
        if not account.balanced
    ]
    if unbalanced:
        msg = f"accounts that do not balance: {unbalanced}"
        raise AssertionError(msg)
    return "loaded"


def _timed(
    run: _Run, end: float, body: Callable[[], str], files: tuple[tuple[str, bytes], ...]
) -> None:
    if time.monotonic() > end:
        raise _TimeUp
    start = time.perf_counter()
    try:
        outcome = body()
    except Exception as error:  # noqa: BLE001 - every other error is a finding
        run.finding(files, error)
        outcome = "finding"
    elapsed = time.perf_counter() - start
    if elapsed > run.slowest:
        run.slowest = elapsed
        run.keep("slowest", files)
    run.executions += 1
    run.outcomes[outcome] += 1


_SETTINGS = settings(
    max_examples=10**9,
    deadline=None,
    database=None,
    phases=[Phase.generate],
    suppress_health_check=list(HealthCheck),
)


def fuzz_reader(kind: str, seconds: float, findings: Path) -> _Run:
    """Load damaged seeds of one reader for ``seconds``."""
    run = _Run(kind, findings)
    end = time.monotonic() + seconds

    @_SETTINGS
    @given(files=strategies.hostile_files(kind))
    def one(files: tuple[tuple[str, bytes], ...]) -> None:
        _timed(run, end, lambda: _load(files), files)

    with contextlib.suppress(_TimeUp):
        one()
    return run


def fuzz_names(seconds: float, findings: Path) -> _Run:
    """Compare random names (any text, up to 1,200 characters) for ``seconds``."""
    run = _Run("compare_names", findings)
    end = time.monotonic() + seconds

    def compare(a: str, b: str) -> str:
        try:
            score = compare_names(a, b).score
        except SanctionsTrackerError as error:
            return type(error).__name__
        if not 0.0 <= score <= 1.0:
            msg = f"a score out of [0, 1]: {score}"
            raise AssertionError(msg)
        return "compared"

    @_SETTINGS
    @given(a=strategies.names_to_screen, b=strategies.names_to_screen | hst.just("Qasem Soleimani"))
    def one(a: str, b: str) -> None:
        files = (
            ("a.txt", a.encode("utf-8", "surrogatepass")),
            ("b.txt", b.encode("utf-8", "surrogatepass")),
        )
        _timed(run, end, lambda: compare(a, b), files)

    with contextlib.suppress(_TimeUp):
        one()
    return run


def baseline(kind: str, rounds: int = 20) -> float:
    """Loads per second of the reader's unmodified seeds (the same run's baseline)."""
    count = 0
    start = time.perf_counter()
    for _ in range(rounds):
        for seed in corpus.seeds(kind):
            _load(seed)
            count += 1
    return count / (time.perf_counter() - start)


def main() -> None:
    """Fuzz each reader in turn and print the figures."""
    # Hypothesis says when it shows a large input (a finding keeps its files anyway).
    warnings.filterwarnings("ignore", category=HypothesisWarning)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0, help="per reader")
    parser.add_argument("--only", nargs="*", help="readers to fuzz (format module names)")
    parser.add_argument("--findings", type=Path, default=None, help="folder for findings")
    args = parser.parse_args()
    findings = args.findings or Path(tempfile.mkdtemp(prefix="fuzz-findings-"))
    kinds = args.only or [*corpus.FORMATS, "compare_names"]
    print(machine())
    print(f"{args.seconds:.0f}s per reader; findings go to {findings}")
    total = 0
    broken = 0
    for kind in kinds:
        if kind == "compare_names":
            run = fuzz_names(args.seconds, findings)
        else:
            print(f"{kind}: baseline {baseline(kind):,.0f} loads/s of the unmodified seeds")
            run = fuzz_reader(kind, args.seconds, findings)
        print(run.report(args.seconds), flush=True)
        total += run.executions
        broken += sum(run.found.values())
    print(f"total: {total:,} executions, {broken} findings")
    if broken:
        sys.exit(1)


if __name__ == "__main__":
    main()
