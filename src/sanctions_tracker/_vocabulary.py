"""The words the API and the command line share: kinds, statuses, dates, limits.

Every query method of the :class:`~sanctions_tracker.Tracker` reads its arguments through
these functions, and so does ``cli.py``: a kind is ``"person"`` or ``PartyKind.INDIVIDUAL``
in both, a date is a ``datetime.date`` or an ISO string, and a word that means nothing
raises :class:`~sanctions_tracker.QueryError` naming the words that do.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from enum import StrEnum
from typing import TypeVar

from sanctions_tracker._convert import partial_date
from sanctions_tracker.errors import QueryError
from sanctions_tracker.records import ActionKind, DesignationStatus, PartialDate, PartyKind

__all__ = [
    "DEFAULT_LIMIT",
    "KIND_WORDS",
    "action_kind",
    "as_date",
    "as_range",
    "birth_date",
    "check_limit",
    "check_threshold",
    "designation_status",
    "party_kind",
]

DEFAULT_LIMIT = 10
"""How many hits a screen keeps per name unless told otherwise, in the API and the CLI."""

KIND_WORDS: Mapping[str, PartyKind] = {
    "person": PartyKind.INDIVIDUAL,
    "individual": PartyKind.INDIVIDUAL,
    "company": PartyKind.ENTITY,
    "organization": PartyKind.ENTITY,
    "organisation": PartyKind.ENTITY,
    "entity": PartyKind.ENTITY,
    "vessel": PartyKind.VESSEL,
    "ship": PartyKind.VESSEL,
    "aircraft": PartyKind.AIRCRAFT,
    "unknown": PartyKind.UNKNOWN,
}
"""The words for a party's kind: the kinds' own values and the everyday words for them."""

E = TypeVar("E", bound=StrEnum)


def _word(value: object, enum: type[E], words: Mapping[str, E], what: str) -> E:
    if isinstance(value, enum):
        return value
    found = words.get(value.strip().casefold()) if isinstance(value, str) else None
    if found is None:
        allowed = ", ".join(repr(w) for w in words)
        msg = f"unknown {what} {value!r}: expected one of {allowed}"
        raise QueryError(msg)
    return found


def party_kind(value: PartyKind | str) -> PartyKind:
    """A party kind from a :class:`PartyKind` or a word (``"person"``, ``"company"`` ...)."""
    return _word(value, PartyKind, KIND_WORDS, "kind")


def designation_status(value: DesignationStatus | str) -> DesignationStatus:
    """A designation status from the enum or its word (``"active"``, ``"delisted"``)."""
    return _word(value, DesignationStatus, {s.value: s for s in DesignationStatus}, "status")


def action_kind(value: ActionKind | str) -> ActionKind:
    """An action kind from the enum or its word (``"designation"``, ``"advisory"`` ...)."""
    return _word(value, ActionKind, {k.value: k for k in ActionKind}, "action kind")


def as_date(value: dt.date | str, what: str) -> dt.date:
    """A day from a ``date`` (a ``datetime`` gives its date) or an ISO ``"YYYY-MM-DD"``."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    msg = f"{what}: expected a date like 2020-01-01, got {value!r}"
    raise QueryError(msg)


def as_range(
    value: tuple[dt.date | str, dt.date | str] | None, what: str
) -> tuple[dt.date, dt.date] | None:
    """An inclusive ``(first, last)`` range of days, each a date or an ISO string."""
    if value is None:
        return None
    try:
        start, end = value
    except (TypeError, ValueError):
        msg = f"{what}: expected a pair of dates (first, last), got {value!r}"
        raise QueryError(msg) from None
    first, last = as_date(start, what), as_date(end, what)
    if first > last:
        msg = f"{what}: the range starts ({first}) after it ends ({last})"
        raise QueryError(msg)
    return first, last


def birth_date(value: dt.date | int | str | PartialDate) -> dt.date | int | PartialDate:
    """A birth date for screening: a date, a year, a PartialDate, or their text
    (``"1957-03-11"``, ``"1957-03"``, ``"1957"``, ``"~1957"``)."""
    if not isinstance(value, str):
        return value
    try:
        return partial_date(value.strip())
    except ValueError:
        msg = (
            "birth_date: expected a date like '1957-03-11', '1957-03', '1957' or "
            f"'~1957', got {value!r}"
        )
        raise QueryError(msg) from None


def check_limit(limit: object) -> int:
    """A number of hits to keep: a whole number of at least 1."""
    if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
        msg = f"limit: expected a whole number of at least 1, got {limit!r}"
        raise QueryError(msg)
    return limit


def check_threshold(threshold: object) -> float | None:
    """A screening threshold: None (the default), or a number above 0 and at most 1."""
    if threshold is None:
        return None
    if (
        isinstance(threshold, bool)
        or not isinstance(threshold, int | float)
        or math.isnan(threshold)
        or not 0 < threshold <= 1
    ):
        msg = f"threshold: expected a number above 0 and at most 1, got {threshold!r}"
        raise QueryError(msg)
    return float(threshold)
