"""One vocabulary for the API and the CLI: kinds, statuses, dates, limits, thresholds."""

from __future__ import annotations

import datetime as dt

import pytest

import sanctions_tracker as st
from conftest import SHARED_DATA
from sanctions_tracker import _vocabulary as words
from sanctions_tracker.cli import build_parser

SDN = SHARED_DATA / "ofac-sdn" / "sdn-2024-05-03.csv.gz"
needs_data = pytest.mark.skipif(not SDN.exists(), reason="../shared/data is not there")


@pytest.mark.parametrize(
    ("word", "kind"),
    [
        ("person", st.PartyKind.INDIVIDUAL),
        ("Individual", st.PartyKind.INDIVIDUAL),
        ("company", st.PartyKind.ENTITY),
        (" organisation ", st.PartyKind.ENTITY),
        ("ship", st.PartyKind.VESSEL),
        ("aircraft", st.PartyKind.AIRCRAFT),
        ("unknown", st.PartyKind.UNKNOWN),
        (st.PartyKind.VESSEL, st.PartyKind.VESSEL),
    ],
)
def test_kind_words(word: str | st.PartyKind, kind: st.PartyKind) -> None:
    """Every kind word, in any case, and the enum itself, name the same kind."""
    assert words.party_kind(word) is kind


def test_unknown_words_are_query_errors_naming_the_allowed_ones() -> None:
    """A word that means nothing raises QueryError (a ValueError) listing the words."""
    with pytest.raises(st.QueryError, match="unknown kind 'robot': expected one of 'person'"):
        words.party_kind("robot")
    with pytest.raises(st.QueryError, match="'active', 'delisted'"):
        words.designation_status("gone")
    with pytest.raises(st.QueryError, match="unknown action kind 'x'"):
        words.action_kind("x")
    with pytest.raises(ValueError, match="expected one of"):
        words.party_kind(3)  # type: ignore[arg-type]


def test_queries_take_the_words(bundled: st.Tracker) -> None:
    """`designations(kind="person")` raised a bare ValueError; it takes the word now, as
    screen does, and an unknown word is the library's own error."""
    people = bundled.designations(kind="person")
    assert people == bundled.designations(kind=st.PartyKind.INDIVIDUAL)
    assert people
    assert all(d.party.kind is st.PartyKind.INDIVIDUAL for d in people)
    assert bundled.designations(status="ACTIVE") == bundled.designations(status="active")
    assert bundled.actions(kind="advisory") == bundled.actions(kind=st.ActionKind.ADVISORY)
    for query in (
        lambda: bundled.designations(kind="robot"),
        lambda: bundled.designations(status="gone"),
        lambda: bundled.actions(kind="party"),
    ):
        with pytest.raises(st.SanctionsTrackerError):
            query()


def test_dates_and_ranges() -> None:
    """A date, a datetime (its date) or an ISO string; a range is two of them, in order."""
    day = dt.date(2024, 5, 3)
    assert words.as_date("2024-05-03", "x") == day
    assert words.as_date(dt.datetime(2024, 5, 3, 23, 59, tzinfo=dt.UTC), "x") == day
    assert words.as_range(("2024-01-01", day), "x") == (dt.date(2024, 1, 1), day)
    with pytest.raises(st.QueryError, match="x: expected a date like 2020-01-01, got '03/05/2024'"):
        words.as_date("03/05/2024", "x")
    with pytest.raises(st.QueryError, match="a pair of dates"):
        words.as_range("2024-01-01", "x")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1957-03-11", st.PartialDate(1957, 3, 11)),
        ("1957-03", st.PartialDate(1957, 3)),
        ("1957", st.PartialDate(1957)),
        ("~1957", st.PartialDate(1957, circa=True)),
    ],
)
def test_birth_dates_as_text(text: str, expected: st.PartialDate) -> None:
    """A birth date may be given as text, to the day, month or year, or circa."""
    assert words.birth_date(text) == expected


def test_limits_and_thresholds() -> None:
    """A limit is a whole number of at least 1; a threshold above 0 and at most 1."""
    assert words.check_limit(1) == 1
    for bad in (0, -1, 2.5, True, "3"):
        with pytest.raises(st.QueryError, match="limit: expected a whole number of at least 1"):
            words.check_limit(bad)
    assert words.check_threshold(None) is None
    assert words.check_threshold(1) == 1.0
    for bad in (0, -0.1, 1.01, float("nan"), "0.8"):
        with pytest.raises(st.QueryError, match="threshold: expected a number above 0"):
            words.check_threshold(bad)


def test_the_api_and_the_cli_keep_the_same_number_of_hits() -> None:
    """`limit` defaulted to 10 in the API and 5 in the CLI: one default now."""
    parser = build_parser()
    args = parser.parse_args(["screen", "X"])
    assert args.limit == words.DEFAULT_LIMIT
    default = st.Tracker.screen.__kwdefaults__["limit"]  # type: ignore[index]
    assert default == words.DEFAULT_LIMIT
    assert st.Tracker.screen_many.__kwdefaults__["limit"] == words.DEFAULT_LIMIT  # type: ignore[index]


@needs_data
def test_screen_takes_the_same_words() -> None:
    """`screen(birth_date="1957-03-11")` was refused; it narrows like a date now. A limit
    below 1 and a threshold outside (0, 1] are the library's errors, not 'no match'."""
    tracker = st.load(SDN)
    (best, *_) = tracker.screen("Qasem Soleimani", kind="person", birth_date="1957-03-11")
    assert best.designation_id == "us-ofac-sdn:10481"
    assert tracker.screen("Qasem Soleimani", birth_date=dt.date(1957, 3, 11))[0] == best
    for bad in ({"limit": 0}, {"limit": -1}, {"threshold": 0}, {"threshold": 1.5}):
        with pytest.raises(st.QueryError):
            tracker.screen("Qasem Soleimani", **bad)
        with pytest.raises(st.QueryError):
            tracker.screen_many(["Qasem Soleimani"], **bad)
    with pytest.raises(st.QueryError, match="kind 'unknown' says nothing"):
        tracker.screen("Qasem Soleimani", kind="unknown")
    with pytest.raises(st.QueryError, match="birth_date: expected a date like"):
        tracker.screen("Qasem Soleimani", birth_date="March 1957")
