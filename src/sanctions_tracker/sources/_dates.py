"""Dates as the lists write them, read into :class:`PartialDate` values or days.

- :func:`parse_date` reads the English forms ("14 Dec 1960", "Nov 1960", "circa 1957",
  "1960 to 1962") that OFAC's files, the UN list and the CSL use;
- :func:`period_text` / :func:`period_date` turn a period a list states in structure
  (a start and an end day) into that form and its PartialDate, so that every format gives
  the same value for the same date;
- :func:`iso_day` reads the day of an ISO 8601 date or time;
- :func:`numeric_date` reads a date written with numbers and slashes, day or month first
  (``19/06/2003``, ``06/19/2003``, ``06/1968``), where a part written as a placeholder
  (``dd/mm/1968``, ``00/00/1968``) is unknown: that date is the year 1968;
- :func:`numeric_day` reads such a date written in full as a day;
- :func:`excel_day` reads the serial number a spreadsheet stores a date as.

>>> str(parse_date("circa 1957")), str(period_date(dt.date(1960, 11, 1), dt.date(1960, 11, 30)))
('~1957', '1960-11')
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Final

from sanctions_tracker.records import PartialDate
from sanctions_tracker.sources._cells import is_number, number

__all__ = [
    "clear_cache",
    "excel_day",
    "iso_day",
    "numeric_date",
    "numeric_day",
    "parse_date",
    "period_date",
    "period_text",
]

_CACHE_LIMIT: Final = 200_000
_CACHED_LENGTH: Final = 64
"""The longest text whose date is kept for the next load (a hostile file's long texts are
read, not kept: the cache lives as long as the process)."""

_MONTHS: Final = {
    m: i
    for i, m in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),
        start=1,
    )
}
_ONE_DATE = re.compile(r"(?:(?:(\d{1,2}) )?([A-Za-z]{3,9})\.? )?(\d{4})")
_YEAR_SPAN = re.compile(r"(\d{4}) ?- ?(\d{4})")
_DATE_CACHE: dict[str, PartialDate | None] = {}

_YMD = tuple[int, int | None, int | None]


def _one_date(text: str) -> _YMD | None:
    if len(text) == 11 and text[2] == " " and text[6] == " ":  # noqa: PLR2004 - "14 Dec 1960"
        month = _MONTHS.get(text[3:6].casefold())
        if month is not None and is_number(text[:2]) and is_number(text[7:]):
            return int(text[7:]), month, int(text[:2])
    elif len(text) == 4 and is_number(text):  # noqa: PLR2004
        return int(text), None, None
    match = _ONE_DATE.fullmatch(text)
    if match is None:
        return None
    day_text, month_text, year_text = match.groups()
    month = None
    if month_text is not None:
        month = _MONTHS.get(month_text[:3].casefold())
        if month is None:
            return None
    return int(year_text), month, (int(day_text) if day_text else None)


def _span(start: _YMD, end: _YMD, *, circa: bool) -> PartialDate | None:
    """The narrowest PartialDate holding ``start`` to ``end`` (exact when it can be)."""
    y1, m1, d1 = start
    y2, m2, d2 = end
    if y2 < y1:
        return None
    whole_start_year = m1 in {None, 1} and d1 in {None, 1}
    whole_end_year = (m2 is None) or (m2 == 12 and d2 in {None, 31})  # noqa: PLR2004
    if (whole_start_year and whole_end_year) or y1 != y2:
        # A run of whole years, or (when the ends are not whole years) the years that
        # hold both ends: a little wider than OFAC's range, never narrower.
        return PartialDate(y1, circa=circa, until_year=y2 if y2 > y1 else None)
    if m1 is not None and m1 == m2:
        return PartialDate(y1, m1, circa=circa)
    return PartialDate(y1, circa=circa)


def parse_date(text: str) -> PartialDate | None:
    """A date as OFAC writes it ("14 Dec 1960", "Nov 1960", "circa 1957", "1960 to 1962").

    A range of full dates becomes the smallest run of months or years that holds it
    ("01 Jan 1961 to 31 Dec 1963" is exactly 1961..1963). Returns None if it is no date.
    """
    if text in _DATE_CACHE:
        return _DATE_CACHE[text]
    try:
        found = _parse_date(text)
    except ValueError:  # an impossible day, like 31 Feb
        found = None
    if len(_DATE_CACHE) < _CACHE_LIMIT and len(text) <= _CACHED_LENGTH:
        _DATE_CACHE[text] = found
    return found


def _parse_date(text: str) -> PartialDate | None:
    if len(text) == 11:  # noqa: PLR2004 - "14 Dec 1960", the usual form, needs no tidying
        one = _one_date(text)
        if one is not None:
            return PartialDate(*one)
    text = text.strip().rstrip(".").strip()
    circa = text[:6].casefold() == "circa "
    if circa:
        text = text[6:].lstrip()
    if " to " in text:
        first, _, last = text.partition(" to ")
        start, end = _one_date(first.strip()), _one_date(last.strip())
        if start is None or end is None:
            return None
        return _span(start, end, circa=circa)
    one = _one_date(text)
    if one is not None:
        return PartialDate(one[0], one[1], one[2], circa=circa)
    years = _YEAR_SPAN.fullmatch(text)
    if years is not None:
        return _span((int(years[1]), None, None), (int(years[2]), None, None), circa=circa)
    return None


def clear_cache() -> None:
    """Forget the dates read so far (for cold-run timings)."""
    _DATE_CACHE.clear()


_MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _day(day: dt.date) -> str:
    return f"{day.day:02d} {_MONTH_NAMES[day.month - 1]} {day.year:04d}"


def period_text(start: dt.date, end: dt.date, *, circa: bool = False) -> str:
    """A date period as OFAC writes it in the CSV ("14 Dec 1960", "Nov 1960", "1962",
    "1960 to 1962", "circa 1957"), for ``ofac_remarks.parse_date`` to read as it reads the
    CSV's: the XML and CSV forms of a date then give the same PartialDate."""
    if start == end:
        text = _day(start)
    elif (start.month, start.day, end.month, end.day) == (1, 1, 12, 31):
        text = f"{start.year:04d}"
        if end.year != start.year:
            text += f" to {end.year:04d}"
    elif (
        start.day == 1
        and (start.year, start.month) == (end.year, end.month)
        and (end + dt.timedelta(days=1)).day == 1
    ):
        text = f"{_MONTH_NAMES[start.month - 1]} {start.year:04d}"
    else:
        text = f"{_day(start)} to {_day(end)}"
    return f"circa {text}" if circa else text


def period_date(start: dt.date, end: dt.date, *, circa: bool = False) -> PartialDate | None:
    """The PartialDate of a period, as the CSV's text of it reads (see ``period_text``)."""
    return parse_date(period_text(start, end, circa=circa))


_ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def iso_day(text: str | None) -> dt.date | None:
    """The date of ``2025-11-20``, ``2025-11-20T23:00:09.067Z`` or ``1960-01-01-05:00``."""
    found = _ISO_DAY.match((text or "").strip())
    if found is None:
        return None
    try:
        return dt.date(*map(int, found.groups()))
    except ValueError:
        return None


_NUMERIC = re.compile(r"(?:([0-9a-z]{1,2})/)?([0-9a-z]{1,2})/(\d{4})", re.IGNORECASE)


def _number(text: str | None) -> int | None:
    """A day or month part as a number; None for a placeholder (``dd``, ``mm``, ``00``)."""
    return number(text) or None


def numeric_date(text: str, *, month_first: bool = False) -> PartialDate | None:
    """A date written with numbers: ``19/06/2003`` (day first, as most lists write it),
    ``06/19/2003`` with ``month_first`` (as US lists do), or ``06/1968``.

    A placeholder part (``dd``, ``mm``, ``xx``, ``00``) is unknown, and so is every
    smaller part: ``dd/mm/1968`` and ``00/00/1968`` are the year 1968, ``00/06/1968`` is
    June 1968. An impossible date (``31/02/1960``) gives None.

    >>> str(numeric_date("dd/mm/1968")), str(numeric_date("06/19/2003", month_first=True))
    ('1968', '2003-06-19')
    """
    found = _NUMERIC.fullmatch(text.strip())
    if found is None:
        return None
    first, second, year_text = found.groups()
    if first is None:
        day, month = None, _number(second)
    elif month_first:
        month, day = _number(first), _number(second)
    else:
        day, month = _number(first), _number(second)
    if month is None or (month > 12):  # noqa: PLR2004 - no such month
        return None if month is not None else PartialDate(int(year_text))
    try:
        return PartialDate(int(year_text), month, day)
    except ValueError:
        return None


def numeric_day(text: str | None, *, month_first: bool = False) -> dt.date | None:
    """The day of a date written with numbers in full (``31/01/2001``); None otherwise."""
    found = numeric_date(text or "", month_first=month_first)
    if found is None or found.day is None or found.month is None:
        return None
    return dt.date(found.year, found.month, found.day)


_EXCEL_EPOCH = dt.date(1899, 12, 30)
"""Day 0 of the serial numbers spreadsheets store dates as (the 1900 date system, with
its phantom 29 February 1900 absorbed: day 1 is 31 December 1899 here, so every day from
1 March 1900 on is right)."""


def excel_day(serial: str | float) -> dt.date | None:
    """The day a spreadsheet's date serial number stands for (``46058`` is 2026-02-05);
    None when it is no whole number of days in range."""
    try:
        value = float(serial)
    except ValueError:
        return None
    if not value.is_integer() or not 1 <= value <= 2_958_465:  # noqa: PLR2004 - 9999-12-31
        return None
    return _EXCEL_EPOCH + dt.timedelta(days=int(value))
