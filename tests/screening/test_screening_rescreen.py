"""Tests of screening/_rescreen.py: re-screening records against what changed between two
real SDN snapshots, their identifiers and qualifiers used, new hits told apart."""

from __future__ import annotations

import pytest

import sanctions_tracker as st
from conftest import SHARED_DATA
from sanctions_tracker.records import Designation

SDN = SHARED_DATA / "ofac-sdn"
OLD = SDN / "sdn-2021-08-18.csv.gz"
NEW = SDN / "sdn-2022-02-23.csv.gz"

pytestmark = pytest.mark.skipif(not OLD.exists(), reason="../shared/data is not present")


@pytest.fixture(scope="module")
def versions() -> tuple[st.Tracker, st.Tracker, st.ListDiff]:
    """The SDN list of 2021-08-18 and of 2022-02-23, and what changed between them."""
    old = st.load(OLD, bundled=False)
    new = st.load(NEW, bundled=False)
    return old, new, st.diff(old, new)


def _identifiers(tracker: st.Tracker, record_id: str) -> set[tuple[str, str]]:
    found = tracker.get(record_id)
    assert isinstance(found, Designation)
    return {(i.kind, i.value) for i in found.party.identifiers}


def test_an_identifier_an_amendment_added_is_a_new_hit(
    versions: tuple[st.Tracker, st.Tracker, st.ListDiff],
) -> None:
    """A record screened by an IMO number the newer list added to an amended entry (EBANO)
    hits it anew; one screened by an IMO number the entry held in both versions (YURY
    TOPCHEV, amended for its programs) hits it, but not anew."""
    old, new, changes = versions
    assert ("imo", "7406784") not in _identifiers(old, "us-ofac-sdn:4243")
    assert ("imo", "7406784") in _identifiers(new, "us-ofac-sdn:4243")
    assert ("imo", "9338230") in _identifiers(old, "us-ofac-sdn:31794")
    assert ("imo", "9338230") in _identifiers(new, "us-ofac-sdn:31794")
    amended = {a.id for a in changes.amended}
    assert {"us-ofac-sdn:4243", "us-ofac-sdn:31794"} <= amended
    records = [
        {"customer": "c1", "identifier": "IMO 7406784"},
        {"customer": "c2", "identifier": "IMO 9338230"},
    ]
    first, second = new.rescreen_records(records, changes)
    assert first.record["customer"] == "c1"
    assert [m.designation_id for m in first.matches] == ["us-ofac-sdn:4243"]
    assert first.newly_hit
    assert [m.designation_id for m in second.matches] == ["us-ofac-sdn:31794"]
    assert second.new_matches == ()
    assert not second.newly_hit


def test_records_of_names_alone_rescreen_as_names_do(
    versions: tuple[st.Tracker, st.Tracker, st.ListDiff],
) -> None:
    """Records that give only a name get the hits and new hits ``rescreen`` gives the
    names: the same rule, whichever way the names come."""
    _old, new, changes = versions
    names = ["Ramzi Binalshibh", "EBANO", "Zayn al-Abidin Muhammad Husayn", "Jane Doe"]
    by_name = new.rescreen(names, changes)
    by_record = list(new.rescreen_records([{"name": n} for n in names], changes))
    assert [r.name for r in by_record] == names
    assert any(r.matches for r in by_name)
    for rescreening, result in zip(by_name, by_record, strict=True):
        assert [m.designation_id for m in result.matches] == [
            m.designation_id for m in rescreening.matches
        ]
        assert result.new_matches is not None
        assert [m.designation_id for m in result.new_matches] == [
            m.designation_id for m in rescreening.new_matches
        ]


def test_a_record_s_birth_date_is_used_in_a_rescreening(
    versions: tuple[st.Tracker, st.Tracker, st.ListDiff],
) -> None:
    """A birth date that contradicts the entry lowers the score of a re-screened record
    as it does in a screening; an unreadable one is the record's error, and the stream
    goes on."""
    _old, new, changes = versions
    plain, contradicted, broken = new.rescreen_records(
        [
            {"name": "Ramzi Binalshibh"},
            {"name": "Ramzi Binalshibh", "dob": "1901"},
            {"name": "Ramzi Binalshibh", "dob": "someday"},
        ],
        changes,
        threshold=0.5,
    )
    assert plain.matches
    assert contradicted.matches
    assert contradicted.matches[0].score < plain.matches[0].score
    assert broken.error is not None
    assert "someday" in broken.error
    assert broken.new_matches is None
