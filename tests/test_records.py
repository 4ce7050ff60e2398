"""The records: validators, derived properties, partial dates."""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
import pytest

from sanctions_tracker.records import (
    Designation,
    DesignationStatus,
    HsCode,
    Name,
    NameKind,
    PartialDate,
    Party,
    PartyKind,
    Source,
)


def _party() -> Party:
    return Party(kind=PartyKind.INDIVIDUAL, names=(Name("DOE, John"), Name("J. DOE", NameKind.AKA)))


def test_records_are_frozen_and_slotted() -> None:
    """A record cannot be changed after it is built, and has no __dict__."""
    source = Source("s", "Pub", "Title")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        source.title = "other"  # type: ignore[misc]
    assert not hasattr(source, "__dict__")


@pytest.mark.parametrize("bad", ["two  spaces", "", "-lead", "trail ", "tab\there", "x;y"])
def test_ids_are_checked(bad: str) -> None:
    """Ids start with a letter or digit and hold no punctuation but ':._/+-' and inner spaces."""
    with pytest.raises(ValueError, match="expected an id"):
        Source(bad, "Pub", "Title")


def test_program_tags_with_spaces_are_ids() -> None:
    """OFAC tags such as 'CAATSA - RUSSIA' are valid ids."""
    assert Source("CAATSA - RUSSIA", "Pub", "Title").id == "CAATSA - RUSSIA"


def test_party_name_rules() -> None:
    """The first name is the only primary one."""
    assert _party().name == "DOE, John"
    assert [n.full for n in _party().aliases] == ["J. DOE"]
    with pytest.raises(ValueError, match="exactly one name must be primary"):
        Party(kind=PartyKind.INDIVIDUAL, names=(Name("A"), Name("B")))


def test_designation_dates_must_agree() -> None:
    """A delisting date needs the delisted status and cannot precede the listing."""
    base: dict[str, Any] = {
        "id": "t:1",
        "list_id": "t",
        "party": _party(),
        "programs": ("P",),
        "sources": ("s",),
    }
    with pytest.raises(ValueError, match="status is not 'delisted'"):
        Designation(**base, delisted_on=dt.date(2020, 1, 1))
    with pytest.raises(ValueError, match="before listed_on"):
        Designation(
            **base,
            listed_on=dt.date(2021, 1, 1),
            status=DesignationStatus.DELISTED,
            delisted_on=dt.date(2020, 1, 1),
        )
    with pytest.raises(ValueError, match="at least one program"):
        attrs.evolve(Designation(**base), programs=())
    with pytest.raises(ValueError, match="cite at least one source"):
        attrs.evolve(Designation(**base), sources=())


def test_active_on_edges() -> None:
    """In force from the listing day, no longer on the delisting day."""
    designation = Designation(
        id="t:1",
        list_id="t",
        party=_party(),
        programs=("P",),
        sources=("s",),
        listed_on=dt.date(2020, 1, 10),
        status=DesignationStatus.DELISTED,
        delisted_on=dt.date(2021, 1, 1),
    )
    assert not designation.active_on(dt.date(2020, 1, 9))
    assert designation.active_on(dt.date(2020, 1, 10))
    assert designation.active_on(dt.date(2020, 12, 31))
    assert not designation.active_on(dt.date(2021, 1, 1))


def test_partial_date_bounds() -> None:
    """A month-year date spans the month; a range spans its years; circa widens by a year."""
    assert PartialDate(1960, 2).latest == dt.date(1960, 2, 29)
    assert PartialDate(1960, 12).latest == dt.date(1960, 12, 31)
    assert PartialDate(1960, until_year=1962).latest == dt.date(1962, 12, 31)
    assert PartialDate(1960, 12, 14).could_be(dt.date(1960, 12, 14))
    assert not PartialDate(1960).could_be(dt.date(1961, 1, 1))
    assert PartialDate(1960, circa=True).could_be(dt.date(1961, 6, 1))
    assert str(PartialDate(1957, circa=True)) == "~1957"


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"year": 1960, "month": 2, "day": 30}, "day is out of range"),
        ({"year": 1960, "day": 3}, "a day is given without a month"),
        ({"year": 1962, "until_year": 1960}, "must end after it starts"),
        ({"year": 0}, "out of range"),
    ],
)
def test_impossible_partial_dates(kwargs: dict[str, Any], message: str) -> None:
    """Impossible partial dates are refused when built."""
    with pytest.raises(ValueError, match=message):
        PartialDate(**kwargs)


def test_hs_code_format() -> None:
    """HS codes are 4, 6 or 8 digits with dots."""
    assert HsCode("8545.11", "electrodes").code == "8545.11"
    with pytest.raises(ValueError, match="expected an HS code"):
        HsCode("85451", "electrodes")
