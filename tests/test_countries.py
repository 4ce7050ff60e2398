"""Country names and codes."""

from __future__ import annotations

import pytest

from sanctions_tracker.countries import country_code, country_name
from sanctions_tracker.errors import QueryError


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("IR", "IR"),
        ("ir", "IR"),
        ("Iran", "IR"),
        ("IRN", "IR"),
        ("Korea, North", "KP"),
        ("Burma", "MM"),
        ("Russia", "RU"),
        ("Iran, Islamic Republic of", "IR"),
        ("china", "CN"),
        ("Democratic Republic of the Congo", "CD"),
        ("Iran (Islamic Republic of)", "IR"),
        ("United Republic of Tanzania", "TZ"),
        ("UAE", "AE"),
        ("U.A.E.", "AE"),
        ("PRC", "CN"),
        ("KSA", "SA"),
        ("U.K.", "GB"),
    ],
)
def test_names_and_codes_resolve(text: str, code: str) -> None:
    """Codes, ISO names, the lists' customary names and the UN's names resolve to codes,
    and so do the short forms customer files write (UAE, PRC, KSA)."""
    assert country_code(text) == code


def test_unknown_country() -> None:
    """An unknown country is a QueryError with close suggestions."""
    with pytest.raises(QueryError, match="did you mean 'iran'"):
        country_code("Irann")


def test_short_names() -> None:
    """Codes read back as short names."""
    assert country_name("IR") == "Iran"
    assert country_name("CN") == "China"
    assert country_name("XX") == "XX"
