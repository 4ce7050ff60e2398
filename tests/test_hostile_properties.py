"""Properties over every reader, and over name comparison, on hostile input.

Real seeds of every list format and of a fixture file (tests/corpus.py), damaged by the
strategies of tests/strategies.py, are loaded: a load gives a tracker whose every file
account balances (every row became a record or is reported), or raises one of the
library's own errors; nothing else, and within a memory budget. Names of any text are
compared: a score in [0, 1], or a QueryError. The example counts are modest here; the long
runs are benchmarks/fuzz_readers.py's (figures in docs/reliability.md).
"""

from __future__ import annotations

import resource
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as hst

import corpus
import sanctions_tracker as st
from sanctions_tracker.screening import compare_names
from strategies import hostile_files, names_to_screen

BUDGET_MB = 300
"""The most the process's peak resident memory may grow by during a property's run."""

_SETTINGS = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _load(files: tuple[tuple[str, bytes], ...]) -> st.Tracker | None:
    """Load the files as a user would: the tracker, or None for a library error (a
    reader's own fault, which the library's last guard turns into a SourceError with the
    fault as its cause, is a defect: it fails the test)."""
    with tempfile.TemporaryDirectory() as folder:
        paths = [corpus.write(Path(folder), name, data) for name, data in files]
        try:
            return st.load(*paths, bundled=False)
        except st.SanctionsTrackerError as error:
            fault = error.__cause__
    assert fault is None, repr(fault)
    return None


@pytest.mark.parametrize("kind", corpus.FORMATS)
def test_damaged_files_load_or_are_the_librarys_errors(kind: str) -> None:
    """A damaged real file of each reader loads with balanced accounts or raises one of
    the library's errors (any other exception fails the test), within the memory budget."""
    start = _peak_mb()

    @_SETTINGS
    @given(files=hostile_files(kind))
    def load(files: tuple[tuple[str, bytes], ...]) -> None:
        tracker = _load(files)
        if tracker is not None:
            accounts = [a for dataset in tracker.datasets for a in dataset.accounts]
            assert all(account.balanced for account in accounts)
        assert _peak_mb() < start + BUDGET_MB

    load()


@pytest.mark.parametrize("kind", corpus.FORMATS)
def test_the_seeds_load(kind: str) -> None:
    """The seeds themselves (cut from the real files) load, each with designations and
    balanced accounts: the damage the property does is to real input."""
    for seed in corpus.seeds(kind):
        tracker = _load(seed)
        assert tracker is not None, seed[0][0]
        assert tracker.designations()
        assert all(a.balanced for dataset in tracker.datasets for a in dataset.accounts)


@_SETTINGS
@given(a=names_to_screen, b=names_to_screen | hst.just("SOLEIMANI, Qasem"))
def test_compare_names_on_any_text(a: str, b: str) -> None:
    """Any two texts compare to a score in [0, 1], or are a QueryError (no letters, or too
    long to screen), within the memory budget."""
    start = _peak_mb()
    try:
        score = compare_names(a, b).score
    except st.QueryError:
        return
    assert 0.0 <= score <= 1.0
    assert _peak_mb() < start + BUDGET_MB
