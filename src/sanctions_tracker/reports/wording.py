"""How verification reads in every output: "verified against <source>" or "not verified
against a primary source", whatever words a user's own fixture used.

The bundled fixtures write each statement that way; a statement of a user's fixture that
does not is given the words here, so that every output says the same.
"""

from __future__ import annotations

import re

from sanctions_tracker.records import Verification

__all__ = ["NOT_VERIFIED", "VERIFIED", "caveat", "verification_lines"]

VERIFIED = "verified against"
NOT_VERIFIED = "not verified against a primary source"

_AGAINST = re.compile(r"^not verified against a primary source(?: \((?P<against>[^)]*)\))?: ")


def verification_lines(verification: Verification) -> list[str]:
    """Each statement of a verification, verified ones first, each saying its status."""
    lines = [
        s if s.startswith(VERIFIED) else f"{VERIFIED} its sources: {s}"
        for s in verification.verified
    ]
    lines.extend(
        s if s.startswith(NOT_VERIFIED) else f"{NOT_VERIFIED}: {s}" for s in verification.unverified
    )
    return lines


def caveat(statement: str) -> str:
    """An unverified statement under a heading that says it is not verified: the words of
    its status left out, the primary source it awaits kept (``(check against X)``)."""
    match = _AGAINST.match(statement)
    if match is None:
        return statement
    rest = statement[match.end() :]
    against = match.group("against")
    return f"{rest} (to be checked against {against})" if against else rest
