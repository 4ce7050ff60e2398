"""Honest dates: no designation in force before the earliest date it can have been, the
list as it stood on a day with a history, and notes saying what an answer assumed.

Expected figures come from a plain parse of the list files and of the bundled
programs.json and authorities.json, not from the code under test.
"""

from __future__ import annotations

import copy
import csv
import datetime as dt
import gzip
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import sanctions_tracker as st
from conftest import MINIMAL, SHARED_DATA

SDN = SHARED_DATA / "ofac-sdn"
MAY_03 = SDN / "sdn-2024-05-03.csv.gz"
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"

needs_data = pytest.mark.skipif(not MAY_03.exists(), reason="../shared/data is not there")


def _programs_of(path: Path) -> dict[str, tuple[str, ...]]:
    """ent_num -> program tags, by a plain parse of an SDN CSV file."""
    with gzip.open(path, "rt", encoding="utf-8", errors="replace", newline="") as handle:
        rows = [row for row in csv.reader(handle) if len(row) == 12 and row[0].isdigit()]
    return {
        row[0]: tuple(tag.strip("[] ") for tag in row[3].split("] [") if tag.strip("[] "))
        for row in rows
    }


def _curated() -> dict[str, dt.date | None]:
    """Designation id -> listing date (or None) of every bundled curated designation."""
    found: dict[str, dt.date | None] = {}
    for path in sorted(FIXTURES.rglob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        for designation in data.get("designations", []) if isinstance(data, dict) else []:
            listed = designation.get("listed_on")
            found[designation["id"]] = dt.date.fromisoformat(listed) if listed else None
    return found


def _founding() -> dict[str, dt.date | None]:
    """Program id -> the signing date of its founding authority, from the bundled JSON."""
    authorities = json.loads((FIXTURES / "authorities.json").read_text(encoding="utf-8"))
    programs = json.loads((FIXTURES / "programs.json").read_text(encoding="utf-8"))
    signed = {
        a["id"]: dt.date.fromisoformat(a["signed_on"]) if a.get("signed_on") else None
        for a in authorities["authorities"]
    }
    return {p["id"]: signed.get(p.get("founded_by", "")) for p in programs["programs"]}


@pytest.fixture(scope="module")
def may() -> st.Tracker:
    """The SDN list of 2024-05-03 with the bundled fixtures."""
    return st.load(MAY_03)


@needs_data
def test_no_designation_before_its_program_was_founded(may: st.Tracker) -> None:
    """`summary --as-of 2019-01-01 --program RUSSIA-EO14024` put 4,439 designations in
    scope under an order signed on 15 April 2021: now none, and a note says how many were
    left out and why (the order's date)."""
    tagged = sum(1 for tags in _programs_of(MAY_03).values() if "RUSSIA-EO14024" in tags)
    assert tagged > 4000
    assert may.designations(program="RUSSIA-EO14024", active_on="2019-01-01") == ()
    (note,) = may.date_notes(program="RUSSIA-EO14024", active_on="2019-01-01")
    assert (note.kind, note.count) == (st.DateNoteKind.LEFT_OUT, tagged)
    assert "RUSSIA-EO14024 from 2021-04-15" in note.text
    summary = may.summary(program="RUSSIA-EO14024", as_of="2019-01-01")
    assert summary.designation_count == 0
    assert summary.date_notes == (note,)
    # On the day the order was signed, they are in: by assumption, said so.
    assert len(may.designations(program="RUSSIA-EO14024", active_on="2021-04-15")) == tagged
    assert may.date_notes(program="RUSSIA-EO14024", active_on="2021-04-15")[0].count == tagged


@needs_data
def test_active_on_1990_counts_only_what_can_have_been_in_force(may: st.Tracker) -> None:
    """`designations --active-on 1990-01-01` gave 14,947. Now an entry with no listing date
    is in force on a day only when one of its programs had been founded by then, or when
    one has no known founding date (counted, and noted as unbounded); the others are left
    out, and counted in a note. Curated listing dates (all after 1990) decide the rest."""
    founding, curated = _founding(), _curated()
    day = dt.date(1990, 1, 1)
    allowed, unbounded, left_out = set(), set(), set()
    for ent, tags in _programs_of(MAY_03).items():
        record_id = f"us-ofac-sdn:{ent}"
        if curated.get(record_id) is not None:
            continue
        dates = [founding.get(tag) for tag in tags]
        known = [d for d in dates if d is not None]
        if len(known) < len(dates):
            unbounded.add(record_id)
        elif min(known) <= day:
            allowed.add(record_id)
        else:
            left_out.add(record_id)
    listed = {d.id for d in may.designations(active_on=day, list_id="us-ofac-sdn")}
    assert listed == allowed | unbounded
    assert len(listed) < 14_947
    notes = {n.kind: n for n in may.date_notes(active_on=day, list_id="us-ofac-sdn")}
    assert notes[st.DateNoteKind.UNBOUNDED].count == len(unbounded)
    assert "IRAN: 31 CFR part 560, the founding authority, has no known date" in (
        notes[st.DateNoteKind.UNBOUNDED].text
    )
    assert notes[st.DateNoteKind.LEFT_OUT].count == len(left_out)
    assert st.DateNoteKind.ASSUMED not in notes or notes[st.DateNoteKind.ASSUMED].count == len(
        allowed
    )


def test_a_program_scoped_query_uses_that_programs_founding(
    write_fixture: Callable[..., Path],
) -> None:
    """A designation under two programs is in force from the earlier founding; asked
    under one program, from that program's founding."""
    data: dict[str, Any] = copy.deepcopy(MINIMAL)
    data["authorities"].append(
        {
            "id": "us-eo-2",
            "code": "E.O. 2",
            "title": "Order two",
            "kind": "executive-order",
            "sources": ["src-a"],
            "signed_on": "2010-03-01",
            "effective_on": "2010-03-02",
        }
    )
    data["programs"][0]["founded_by"] = "us-eo-1"  # METALS, from 2019-05-08
    data["programs"][1]["authorities"] = ["us-eo-2"]
    data["programs"][1]["founded_by"] = "us-eo-2"  # FIN, from 2010-03-02 (took effect)
    data["designations"].append(
        {
            "id": "t:20",
            "list_id": "t",
            "party": {"kind": "entity", "names": [{"full": "TWO PROGRAMS CO"}]},
            "programs": ["METALS", "FIN"],
            "sources": ["src-a"],
        }
    )
    tracker = st.load(write_fixture(data), bundled=False)
    assert "t:20" in {d.id for d in tracker.designations(active_on="2015-01-01")}
    assert "t:20" not in {d.id for d in tracker.designations(active_on="2010-03-01")}
    scoped = tracker.designations(program="METALS", active_on="2015-01-01")
    assert "t:20" not in {d.id for d in scoped}
    window = tracker.listing_window("t:20", program="METALS")
    assert (window.earliest, window.listed_on) == (dt.date(2019, 5, 8), None)
    assert "E.O. 1, the founding authority of METALS, was signed on 2019-05-08" in (
        window.earliest_basis or ""
    )
    assert tracker.founding_date("FIN") == (
        dt.date(2010, 3, 2),
        "E.O. 2, the founding authority of FIN, took effect on 2010-03-02",
    )


def test_founded_by_must_be_one_of_the_programs_authorities(
    write_fixture: Callable[..., Path],
) -> None:
    """A program founded by an authority it does not list is a fixture error."""
    data: dict[str, Any] = copy.deepcopy(MINIMAL)
    data["programs"][1]["founded_by"] = "us-eo-1"
    with pytest.raises(st.FixtureError, match="founded_by: 'us-eo-1' is not among"):
        st.load(write_fixture(data), bundled=False)


@needs_data
def test_a_history_answers_from_the_list_as_it_stood() -> None:
    """With a history, `designations --active-on 2022-01-01` answered from the newest file
    (VTB Bank, first seen 2022-02-25, was listed): now from the snapshot in force then."""
    feb_25 = _programs_of(SDN / "sdn-2022-02-25.csv.gz")
    aug_18 = _programs_of(SDN / "sdn-2021-08-18.csv.gz")
    assert "17013" in feb_25
    assert "17013" not in aug_18
    tracker = st.load(
        history={
            "2021-08-18": SDN / "sdn-2021-08-18.csv.gz",
            "2022-02-25": SDN / "sdn-2022-02-25.csv.gz",
            "2024-05-03": MAY_03,
        }
    )
    then = {d.id for d in tracker.designations(active_on="2022-01-01", list_id="us-ofac-sdn")}
    assert "us-ofac-sdn:17013" not in then
    assert then == {f"us-ofac-sdn:{ent}" for ent in aug_18}
    later = {d.id for d in tracker.designations(as_of="2022-02-25", list_id="us-ofac-sdn")}
    assert "us-ofac-sdn:17013" in later
    # The answer for a day between snapshots says it is the list as it stood before.
    notes = tracker.date_notes(active_on="2022-01-01", list_id="us-ofac-sdn")
    (after,) = [n for n in notes if n.kind is st.DateNoteKind.AFTER_LIST]
    curated = _curated()  # the curated listing dates answer for their own records
    assert after.count == sum(1 for e in aug_18 if curated.get(f"us-ofac-sdn:{e}") is None)
    assert "stood on 2021-08-18" in after.text
    # The summary as of a day answers from that snapshot too, and its stamp says so.
    summary = tracker.summary(as_of="2022-01-01", program="UKRAINE-EO13662")
    listed = {e.id for e in summary.designations}
    assert "us-ofac-sdn:17013" not in listed
    window = tracker.listing_window("us-ofac-sdn:17013")
    assert (window.earliest, window.latest) == (dt.date(2021, 8, 19), dt.date(2022, 2, 25))
    assert window.earliest_basis == "not on the snapshot of 2021-08-18"


@needs_data
def test_listing_date_ranges_say_what_they_leave_out(may: st.Tracker) -> None:
    """Designations with no listing date cannot be placed in a range of listing dates:
    they are left out, and a note counts those whose window meets the range."""
    found = may.designations(listed_between=("2019-11-01", "2019-11-30"))
    assert {d.listed_on for d in found} == {dt.date(2019, 11, 4)}
    (note,) = may.date_notes(listed_between=("2019-11-01", "2019-11-30"))
    assert note.kind is st.DateNoteKind.NO_LISTING_DATE
    founding, curated = _founding(), _curated()
    last = dt.date(2019, 11, 30)

    def may_be_listed_by_then(tags: tuple[str, ...]) -> bool:
        dates = [founding.get(tag) for tag in tags]
        return any(d is None or d <= last for d in dates)

    possible = [
        ent
        for ent, tags in _programs_of(MAY_03).items()
        if curated.get(f"us-ofac-sdn:{ent}") is None and may_be_listed_by_then(tags)
    ]
    assert note.count == len(possible)


def test_dates_need_no_notes_when_listing_dates_answer(bundled: st.Tracker) -> None:
    """The curated records give listing dates: no assumption, no note."""
    assert bundled.date_notes(program="IRAN-EO13876", active_on="2020-01-01") == ()
    assert bundled.date_notes() == ()


def test_a_listing_window_is_exact_with_a_listing_date(bundled: st.Tracker) -> None:
    """A designation with a listing date has a window of one day, saying so."""
    window = bundled.listing_window("us-ofac-sdn:27844")
    assert window == st.ListingWindow(
        listed_on=dt.date(2019, 11, 4),
        earliest=dt.date(2019, 11, 4),
        earliest_basis="its listing date",
        latest=dt.date(2019, 11, 4),
        latest_basis="its listing date",
    )
    assert window.in_force_on(dt.date(2019, 11, 4)) is True
    assert window.in_force_on(dt.date(2019, 11, 3)) is False


@needs_data
def test_a_list_date_bounds_the_window_and_later_days_are_noted(tmp_path: Path) -> None:
    """A list stated to be of a day (DATE=PATH) bounds its entries' listing from above;
    asked about a later day, the answer says it is the list as it stood then."""
    plain = tmp_path / "sdn.csv"
    plain.write_bytes(gzip.decompress(MAY_03.read_bytes()))
    tracker = st.load(f"2024-05-03={plain}", bundled=False)
    window = tracker.listing_window("us-ofac-sdn:36000")
    assert window.latest == dt.date(2024, 5, 3)
    assert "the date stated for it" in (window.latest_basis or "")
    notes = tracker.date_notes(active_on="2025-01-01")
    (after,) = notes
    assert after.kind is st.DateNoteKind.AFTER_LIST
    assert after.count == len(_programs_of(MAY_03))
    assert tracker.date_notes(active_on="2024-05-03") == ()


def test_iso_strings_and_dates_give_the_same_answers(small: st.Tracker) -> None:
    """Every query method takes a date or an ISO string; a bad one is a QueryError."""
    day = dt.date(2020, 6, 1)
    assert small.designations(active_on="2020-06-01") == small.designations(active_on=day)
    assert small.designations(as_of="2020-06-01") == small.designations(as_of=day)
    assert small.advisories(issued_between=("2019-01-01", "2019-12-31")) == small.advisories(
        issued_between=(dt.date(2019, 1, 1), dt.date(2019, 12, 31))
    )
    assert small.actions(between=("2020-01-01", "2020-01-31")) == small.actions(
        between=(dt.date(2020, 1, 1), dt.date(2020, 1, 31))
    )
    assert small.programs(as_of="2020-01-01") == small.programs(as_of=dt.date(2020, 1, 1))
    assert small.summary(as_of="2020-01-01") == small.summary(as_of=dt.date(2020, 1, 1))
    assert [a.id for a in small.actions(as_of="2020-01-09")] == []
    assert [a.id for a in small.advisories(as_of="2019-12-16")] == ["adv-1"]
    with pytest.raises(st.QueryError, match="active_on: expected a date like 2020-01-01"):
        small.designations(active_on="1 June 2020")
    with pytest.raises(st.QueryError, match=r"starts .* after it ends"):
        small.designations(listed_between=("2021-01-01", "2020-01-01"))


@needs_data
def test_the_stamp_of_a_history_names_every_snapshot() -> None:
    """A history's answers rest on all its snapshots (first and last seen): the stamp
    lists each file, with the date the user gave it."""
    tracker = st.load(
        history={"2022-02-23": SDN / "sdn-2022-02-23.csv.gz", "2024-05-03": MAY_03},
        bundled=False,
    )
    inputs = tracker.stamp().inputs
    assert len(inputs) == 2
    for day, name in (("2022-02-23", "sdn-2022-02-23"), ("2024-05-03", "sdn-2024-05-03")):
        (found,) = [f for f in inputs if name in f.path]
        assert (found.date, found.date_source) == (
            dt.date.fromisoformat(day),
            st.DateSource.STATED,
        )
