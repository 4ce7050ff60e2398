"""The converter: strict structuring with paths, stable unstructuring, round trips."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sanctions_tracker._convert import describe_errors, structure, unstructure
from sanctions_tracker.records import Designation, PartialDate, Party, Program, Source
from strategies import RECORD_STRATEGIES


def _errors(data: Any, cls: type[Any]) -> list[str]:
    with pytest.raises(Exception) as caught:  # noqa: PT011 - any structuring error
        structure(data, cls)
    return describe_errors(caught.value, "$")


def _designation(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": "us-ofac-sdn:1",
        "list_id": "us-ofac-sdn",
        "party": {"kind": "individual", "names": [{"full": "DOE, John"}]},
        "programs": ["SDGT"],
        "sources": ["src-x"],
    }
    data.update(changes)
    return data


@pytest.mark.parametrize("cls", list(RECORD_STRATEGIES), ids=lambda c: c.__name__)
@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_round_trip(cls: type[Any], data: st.DataObject) -> None:
    """structure(unstructure(record)) == record for every record type, through JSON text."""
    record = data.draw(RECORD_STRATEGIES[cls])
    plain = json.loads(json.dumps(unstructure(record)))
    assert structure(plain, cls) == record


def test_unstructure_uses_iso_dates_and_enum_values() -> None:
    """The JSON form has ISO dates, enum values and partial dates as text."""
    record = structure(
        _designation(
            listed_on="2019-11-04",
            party={
                "kind": "individual",
                "names": [{"full": "X"}],
                "birth_dates": ["~1957", "1960-12"],
            },
        ),
        Designation,
    )
    plain = unstructure(record)
    assert plain["listed_on"] == "2019-11-04"
    assert plain["status"] == "active"
    assert plain["party"]["kind"] == "individual"
    assert plain["party"]["birth_dates"] == ["~1957", "1960-12"]


def test_every_error_of_a_record_is_reported_with_its_path() -> None:
    """Unknown keys, wrong types, impossible dates and bad enums are all collected."""
    lines = _errors(
        _designation(
            listed_on="2019-13-01",
            status="gone",
            extra=1,
            party={"kind": "individual", "names": [{"full": "X"}], "nationalities": "IR"},
        ),
        Designation,
    )
    assert "$.listed_on: expected a date, got '2019-13-01'" in lines
    assert "$.status: expected one of 'active', 'delisted', got 'gone'" in lines
    assert any(line.startswith("$: unknown key 'extra'") for line in lines)
    assert "$.party.nationalities: expected a list, got a string ('IR')" in lines


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (5, "$.title: expected a string, got a whole number (5)"),
        (None, "$.title: expected a string, got null (None)"),
        (["a"], "$.title: expected a string, got a list (['a'])"),
    ],
)
def test_strings_are_not_coerced(value: object, expected: str) -> None:
    """A number or a list where a string belongs is an error, not silently converted."""
    data = {"id": "s", "publisher": "p", "title": value}
    assert _errors(data, Source) == [expected]


def test_booleans_are_strict() -> None:
    """'yes' is not true: booleans are not coerced from text."""
    data = _designation(party={"kind": "individual", "names": [{"full": "X", "weak": "yes"}]})
    assert _errors(data, Designation) == [
        "$.party.names[0].weak: expected true or false, got a string ('yes')"
    ]


def test_missing_required_key() -> None:
    """A record without a required field names the field."""
    data = _designation()
    del data["programs"]
    assert _errors(data, Designation) == ["$.programs: required key is missing"]


def test_record_validators_report_with_the_record_path() -> None:
    """A constraint across fields (primary name first) is reported at the record's path."""
    data = {"kind": "individual", "names": [{"full": "X", "kind": "aka"}]}
    assert _errors(data, Party) == ["$: names: the first name must be the primary name"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1960-12-14", PartialDate(1960, 12, 14)),
        ("1960-11", PartialDate(1960, 11)),
        ("1957", PartialDate(1957)),
        ("~1957", PartialDate(1957, circa=True)),
        ("1960..1962", PartialDate(1960, until_year=1962)),
    ],
)
def test_partial_date_text_forms(text: str, expected: PartialDate) -> None:
    """Partial dates read from and write to their compact text form."""
    assert structure(text, PartialDate) == expected
    assert unstructure(expected) == text


@pytest.mark.parametrize("text", ["1960-02-30", "1960-13", "196", "1962..1960", "circa 1957"])
def test_impossible_partial_dates_are_rejected(text: str) -> None:
    """An impossible or malformed partial date is an error naming the value."""
    lines = _errors(text, PartialDate)
    assert len(lines) == 1
    assert repr(text) in lines[0]


def test_tuple_of_ids_rejects_duplicates() -> None:
    """The same program twice is an error, not silently deduplicated."""
    lines = _errors({"id": "P", "name": "n", "sources": ["s"], "authorities": ["a", "a"]}, Program)
    assert lines == ["$: authorities: the same id is given twice in ['a', 'a']"]


def test_dates_must_be_iso() -> None:
    """'4 Nov 2019' is not accepted in a fixture: dates are YYYY-MM-DD."""
    lines = _errors(_designation(listed_on="4 Nov 2019"), Designation)
    assert lines == ["$.listed_on: expected a date (YYYY-MM-DD), got '4 Nov 2019'"]
    assert structure("2019-11-04", dt.date) == dt.date(2019, 11, 4)
