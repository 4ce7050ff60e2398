"""The records screening returns: matches, comparisons and their explanations."""

from __future__ import annotations

from enum import StrEnum

from attrs import frozen

from sanctions_tracker.records import Designation, Name

__all__ = ["Adjustment", "Explanation", "Match", "NameComparison", "NameStrength", "TokenMatch"]


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


@frozen
class NameComparison:
    """The score of one pair of names (in [0, 1], 1.0 for the same name) and why."""

    a: str
    b: str
    score: float
    explanation: Explanation


@frozen
class Match:
    """A designation whose name matched a screened name, with the score and the reasons."""

    designation_id: str
    name: str
    designation: Designation
    score: float
    matched_name: Name
    name_strength: NameStrength
    explanation: Explanation


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
