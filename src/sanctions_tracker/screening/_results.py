"""The records screening returns: matches, comparisons and their explanations.

A score needs only the chosen token alignment; the rows and the summary of its
explanation cost more to write than the score costs to compute. So a comparison or a
match that screening returns writes its explanation when it is first read
(:func:`explained_later`), and keeps it. Read or not, the record is the same frozen
attrs record: equal to one built with its explanation, with the same hash, repr and JSON.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from enum import StrEnum
from typing import TYPE_CHECKING, TypeVar

from attrs import frozen

from sanctions_tracker.records import Designation, Name

__all__ = [
    "Adjustment",
    "Explanation",
    "IdentifierHit",
    "Match",
    "NameComparison",
    "NameStrength",
    "RecordResult",
    "TokenMatch",
    "explained_later",
]


class NameStrength(StrEnum):
    """Which of a designation's names matched."""

    PRIMARY = "primary"
    STRONG_ALIAS = "strong alias"
    WEAK_ALIAS = "weak alias"


@frozen
class TokenMatch:
    """One row of a token alignment.

    ``query`` and ``candidate`` are the tokens (joined by a space when several tokens of one
    side match one of the other, as in ``bashir ud din`` and ``bashiruddin``); one of them is
    empty for a token left unmatched. ``how`` says why the tokens were paired ("exact",
    "spelling variant", "unmatched" ...), ``similarity`` is in [0, 1], and ``weight`` is
    what the row counts for in the score (rare tokens weigh more than common ones).
    """

    query: str
    candidate: str
    how: str
    similarity: float
    weight: float


@frozen
class Adjustment:
    """A change to a score and its reason: a qualifier, a weak alias, a kind mismatch."""

    reason: str
    change: float


@frozen
class Explanation:
    """Why a name scored what it did: the token alignment, the adjustments, a summary."""

    tokens: tuple[TokenMatch, ...]
    name_score: float
    adjustments: tuple[Adjustment, ...]
    score: float
    summary: str


class _ExplainedOnRead:
    """What a record made by :func:`explained_later` does when its explanation is read."""

    def _write_explanation(self) -> Explanation:
        """The explanation, written now if it was not yet (and kept)."""
        held = self.__dict__
        explain = held.get("_explain")
        if explain is not None:
            held["explanation"] = explain()
            del held["_explain"]
        explanation: Explanation = held["explanation"]
        return explanation

    if not TYPE_CHECKING:  # so that type checkers still catch misspelt attributes

        def __getattr__(self, name: str) -> Explanation:
            # Only reached for an attribute the record does not hold.
            if name == "explanation" and "_explain" in self.__dict__:
                return self._write_explanation()
            msg = f"{type(self).__name__!r} object has no attribute {name!r}"
            raise AttributeError(msg, name=name, obj=self)

    def __getstate__(self) -> dict[str, object]:
        """What a copy or a pickle keeps: the fields, the explanation written."""
        if "_explain" in self.__dict__:
            self._write_explanation()
        return self.__dict__


@frozen(slots=False)
class NameComparison(_ExplainedOnRead):
    """The score of one pair of names (in [0, 1], 1.0 for the same name) and why.

    From :func:`~sanctions_tracker.screening.compare_names` the explanation is written when
    first read: a caller that wants only scores does not pay for it.
    """

    a: str
    b: str
    score: float
    explanation: Explanation


@frozen
class IdentifierHit:
    """A record found by an identifier: the record's field (``imo``, ``passport`` ...),
    the value it holds, and what was asked (as given)."""

    field: str
    value: str
    query: str


@frozen(slots=False)
class Match(_ExplainedOnRead):
    """A designation whose name matched a screened name, with the score and the reasons.

    From screening, the explanation is written when first read.
    """

    designation_id: str
    name: str
    designation: Designation
    score: float
    matched_name: Name
    name_strength: NameStrength
    explanation: Explanation
    identifier: IdentifierHit | None = None
    """Set when the record was found by an identifier rather than by its name."""


@frozen
class RecordResult:
    """One record of a batch (:meth:`Screener.screen_records`): its place in the batch
    (from 1), the record as given (every field, untouched), its matches, and the reason
    it could not be screened (None when it was)."""

    row: int
    record: Mapping[str, object]
    matches: tuple[Match, ...]
    error: str | None = None
    name: str = ""
    """The name screened, as read from the record's name field ("" for a record screened
    by its identifier alone, or not screened)."""
    new_matches: tuple[Match, ...] | None = None
    """In a re-screening (``Tracker.rescreen_records``), the matches the record did not
    have before (see :class:`Rescreening`); None in a screening."""

    @property
    def newly_hit(self) -> bool:
        """Whether the record hits now where it did not before (a re-screening)."""
        return bool(self.new_matches)


Explained = TypeVar("Explained", NameComparison, Match)


def explained_later(
    record_type: type[Explained], explain: Callable[[], Explanation], **fields: object
) -> Explained:
    """A ``record_type`` with ``fields`` whose explanation is ``explain()``, called when the
    explanation is first read (then kept)."""
    record = object.__new__(record_type)
    record.__dict__.update(fields, _explain=explain)
    return record


@frozen
class Rescreening:
    """One customer name screened against what a diff added or amended.

    ``matches`` are its hits among those designations; ``new_matches`` the ones it did
    not have before: on a designation that was added, or on an amended one whose previous
    names it did not match.
    """

    name: str
    matches: tuple[Match, ...]
    new_matches: tuple[Match, ...]

    @property
    def newly_hit(self) -> bool:
        """Whether this name hits now where it did not before."""
        return bool(self.new_matches)
