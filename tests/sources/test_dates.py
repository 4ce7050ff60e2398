"""Tests for ``sources._dates``: dates as the lists write them, and periods stated in
structure read to the same values."""

import datetime as dt

import pytest

from sanctions_tracker.records import PartialDate
from sanctions_tracker.sources._dates import (
    excel_day,
    iso_day,
    numeric_date,
    numeric_day,
    parse_date,
    period_text,
)


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


@pytest.mark.parametrize(
    ("text", "month_first", "date"),
    [
        ("19/06/2003", False, PartialDate(2003, 6, 19)),
        ("06/19/2003", True, PartialDate(2003, 6, 19)),
        ("06/1968", False, PartialDate(1968, 6)),
        ("dd/mm/1968", False, PartialDate(1968)),
        ("00/00/1968", False, PartialDate(1968)),
        ("00/06/1968", False, PartialDate(1968, 6)),
        ("xx/06/1968", False, PartialDate(1968, 6)),
        ("31/02/1960", False, None),
        ("13/25/2000", False, None),
        ("12/11/1967", False, PartialDate(1967, 11, 12)),
        ("1/2/1950", False, PartialDate(1950, 2, 1)),
        ("dd/05/1970", False, PartialDate(1970, 5)),
        ("12/13/1960", False, None),
        ("1968", False, None),
        ("", False, None),
    ],
)
def test_numeric_dates(text: str, *, month_first: bool, date: PartialDate | None) -> None:
    """Dates written with numbers, day first (or month first for US lists); a placeholder
    part is unknown, and so is every smaller part ("dd/mm/1968" is the year 1968)."""
    assert numeric_date(text, month_first=month_first) == date


def test_days_written_with_numbers() -> None:
    """A day written in full is a day; a partial one is none."""
    assert numeric_day("31/01/2001") == dt.date(2001, 1, 31)
    assert numeric_day("01/31/2001", month_first=True) == dt.date(2001, 1, 31)
    assert numeric_day("dd/mm/1968") is None
    assert numeric_day(None) is None


@pytest.mark.parametrize(
    ("serial", "day"),
    [
        ("25569", dt.date(1970, 1, 1)),
        ("46058", dt.date(2026, 2, 5)),
        ("61", dt.date(1900, 3, 1)),
        ("45000.5", None),
        ("0", None),
        ("a date", None),
    ],
)
def test_spreadsheet_date_serials(serial: str, day: dt.date | None) -> None:
    """A spreadsheet's date serial (days since 1899-12-30; right from March 1900 on); a
    fraction of a day, zero or text is no day."""
    assert excel_day(serial) == day
