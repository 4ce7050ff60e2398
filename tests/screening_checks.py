"""Checks shared by the screening tests."""

from __future__ import annotations

from collections.abc import Iterable

from sanctions_tracker.screening import Screener


def assert_index_as_scan(
    screener: Screener, queries: Iterable[tuple[str, str | None]], threshold: float
) -> None:
    """Assert that screening each (query, kind) through the candidate index returns exactly
    what scoring every name returns (``full_scan=True``): the same entries, in the same
    order, at the same scores."""
    for query, kind in queries:
        indexed = screener.screen(query, kind=kind, threshold=threshold, limit=50)
        scanned = screener.screen(query, kind=kind, threshold=threshold, limit=50, full_scan=True)
        assert [(m.designation_id, m.score) for m in indexed] == [
            (m.designation_id, m.score) for m in scanned
        ], query
