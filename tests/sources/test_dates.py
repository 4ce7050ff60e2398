"""Tests for ``sources._dates``: dates as the lists write them, and periods stated in
structure read to the same values."""

import datetime as dt

import pytest

from sanctions_tracker.records import PartialDate
from sanctions_tracker.sources._dates import iso_day, parse_date, period_text


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("14 Dec 1960", PartialDate(1960, 12, 14)),
        ("Nov 1960", PartialDate(1960, 11)),
        ("1960", PartialDate(1960)),
        ("circa 1957", PartialDate(1957, circa=True)),
        ("circa 01 Jan 1961", PartialDate(1961, 1, 1, circa=True)),
        ("1960 to 1962", PartialDate(1960, until_year=1962)),
        ("circa 1979-1982", PartialDate(1979, circa=True, until_year=1982)),
        ("01 Jan 1961 to 31 Dec 1963", PartialDate(1961, until_year=1963)),
        ("01 Jan 1973 to 31 Dec 1973", PartialDate(1973)),
        ("01 Feb 1960 to 29 Feb 1960", PartialDate(1960, 2)),
        ("26 Sep 1946 to 07 Dec 1946", PartialDate(1946)),
        ("Mar 1962 to Feb 1963", PartialDate(1962, until_year=1963)),
        ("31 Feb 1960", None),
        ("1962 to 1960", None),
        ("someday", None),
    ],
)
def test_dates(text: str, date: PartialDate | None) -> None:
    """OFAC's date forms (the UN list and the CSL write the same); ranges become the
    smallest run of months or years holding them."""
    assert parse_date(text) == date


@pytest.mark.parametrize(
    ("start", "end", "circa", "expected"),
    [
        ("1960-12-14", "1960-12-14", False, PartialDate(1960, 12, 14)),
        ("1960-11-01", "1960-11-30", False, PartialDate(1960, 11)),
        ("1962-01-01", "1962-12-31", False, PartialDate(1962)),
        ("1957-01-01", "1957-12-31", True, PartialDate(1957, circa=True)),
        ("1960-01-01", "1962-12-31", False, PartialDate(1960, until_year=1962)),
    ],
)
def test_a_period_reads_as_the_csv_text_of_it(
    start: str, end: str, *, circa: bool, expected: PartialDate
) -> None:
    """An XML date period gives the PartialDate the remarks parser makes of OFAC's text."""
    text = period_text(dt.date.fromisoformat(start), dt.date.fromisoformat(end), circa=circa)
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("2025-11-20", dt.date(2025, 11, 20)),
        ("2025-11-20T23:00:09.067Z", dt.date(2025, 11, 20)),
        ("1960-01-01-05:00", dt.date(1960, 1, 1)),
        ("2025-02-30", None),
        ("20/11/2025", None),
        (None, None),
    ],
)
def test_iso_days(text: str | None, day: dt.date | None) -> None:
    """The day of an ISO 8601 date or time; None for anything else or an impossible day."""
    assert iso_day(text) == day
