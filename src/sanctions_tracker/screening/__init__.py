"""Name screening: find a person, company or vessel on the lists under any spelling.

>>> from sanctions_tracker.screening import compare_names
>>> compare_names("Qassem Soleimani", "SOLEIMANI, Qasem").score
0.9545
>>> compare_names("George Bush", "George Habbash").score < DEFAULT_THRESHOLD
True

:class:`Screener` indexes the names of a set of designations; ``Tracker.screen`` uses one.
The method, the scores and their measured quality are in ``docs/screening.md``.
"""

from __future__ import annotations

from sanctions_tracker.records import PartyKind
from sanctions_tracker.screening._compare import Rarity
from sanctions_tracker.screening._identifiers import (
    IDENTIFIER_KINDS,
    identifiers_in,
    imo_check_digit_ok,
    normalise_identifier,
)
from sanctions_tracker.screening._normalise import normalise
from sanctions_tracker.screening._rescreen import Rescreener
from sanctions_tracker.screening._results import (
    Adjustment,
    Explanation,
    IdentifierHit,
    Match,
    NameComparison,
    NameStrength,
    RecordResult,
    Rescreening,
    TokenMatch,
)
from sanctions_tracker.screening._screener import (
    BIRTH_DATE_CONTRADICTS,
    BIRTH_DATE_MATCHES,
    BIRTH_DATE_NEAR,
    DEFAULT_THRESHOLD,
    MAX_NAME_LENGTH,
    MAX_NAME_TOKENS,
    WEAK_ALIAS,
    Screener,
    compare_with,
    parse_kind,
)

__all__ = [
    "BIRTH_DATE_CONTRADICTS",
    "BIRTH_DATE_MATCHES",
    "BIRTH_DATE_NEAR",
    "DEFAULT_THRESHOLD",
    "IDENTIFIER_KINDS",
    "MAX_NAME_LENGTH",
    "MAX_NAME_TOKENS",
    "WEAK_ALIAS",
    "Adjustment",
    "Explanation",
    "IdentifierHit",
    "Match",
    "NameComparison",
    "NameStrength",
    "RecordResult",
    "Rescreener",
    "Rescreening",
    "Screener",
    "TokenMatch",
    "compare_names",
    "identifiers_in",
    "imo_check_digit_ok",
    "normalise",
    "normalise_identifier",
    "parse_kind",
]

_NO_LIST = Rarity()


def compare_names(a: str, b: str, *, kind: PartyKind | str | None = None) -> NameComparison:
    """The score (in [0, 1]) of two names, outside any list, and why.

    Without a list there are no rarities: every name token weighs the same. Use
    :meth:`Screener.compare` for the rarities of a loaded list. ``kind`` "person" reads
    words like LLC or AS as names rather than legal forms. Raises QueryError for a name
    with nothing readable in it or an unknown kind.
    """
    return compare_with(a, b, _NO_LIST, kind=kind)
