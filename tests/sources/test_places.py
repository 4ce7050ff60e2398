"""Tests for ``sources._places``: countries written out as the lists write them, and
addresses built from typed parts."""

import pytest

from sanctions_tracker.records import Address
from sanctions_tracker.sources._places import (
    country_by_name,
    country_of,
    make_address,
    nationality_country,
    us_by_state_and_zip,
)


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Iran", "IR"),
        ("Russia", "RU"),
        ("Korea, North", "KP"),
        ("Burma", "MM"),
        ("Congo, Democratic Republic of the", "CD"),
        ("Turkey", "TR"),
        ("West Bank", "PS"),
        ("Syria", "SY"),
        ("Palestinian", "PS"),
        ("Czech Republic", "CZ"),
        ("Man, Isle of", "IM"),
        ("Iranian", "IR"),
        ("United Kingdom of Great Britain", "GB"),
        ("Swiss", "CH"),
        ("Atlantis", None),
    ],
)
def test_country_names_as_the_lists_write_them(name: str, code: str | None) -> None:
    """Country names as OFAC writes them (and the nationalities DFAT writes for a
    citizenship) map to alpha-2 codes; others to None."""
    assert country_by_name(name) == code


def test_a_country_by_code_name_or_both() -> None:
    """A two-letter code is taken as it is; a name is looked up; 'Unknown' is no country."""
    assert country_of("IR", None) == "IR"
    assert country_of(None, "Korea, North") == "KP"
    assert country_of("", "  Unknown ") is None


def test_an_address_keeps_what_it_has_no_slot_for() -> None:
    """Typed parts go to their slots; an unknown part and an unknown country become
    remarks, so nothing is lost."""
    address = make_address(
        [("ADDRESS1", "1 Main St"), ("CITY", "Tehran"), ("Floor", "3")], None, "Atlantis"
    )
    assert address == Address(
        street="1 Main St", city="Tehran", country=None, remarks="floor: 3; country: Atlantis"
    )


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Iraqi", "IQ"),
        ("Saudi Arabian", "SA"),
        ("Possibly Ethiopian", "ET"),
        ("Kuwaiti citizenship withdrawn in 2002", "KW"),
        ("Bahrain (citizenship revoked in January 2015)", "BH"),
        ("Syrian ", "SY"),
        ("Russian Federation", "RU"),
        ("DRC", "CD"),
        ("Martian", None),
    ],
)
def test_nationalities_as_countries_or_adjectives(text: str, code: str | None) -> None:
    """A nationality written as a country or as its adjective, with the words the lists
    put round it, is that country."""
    assert nationality_country(text) == code


@pytest.mark.parametrize(
    ("region", "postal", "us"),
    [
        ("TX", "79905", True),
        ("NM", "88201-1234", True),
        ("TX", "7990", False),
        ("ON", "79905", False),
        ("TX", None, False),
        (None, "79905", False),
    ],
)
def test_a_us_address_without_a_country(
    region: str | None, postal: str | None, *, us: bool
) -> None:
    """An address with a US state code and a ZIP code is in the US (BIS leaves the country
    empty); a province or a short postal code is not enough."""
    assert us_by_state_and_zip(region, postal) is us
