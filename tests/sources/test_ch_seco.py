"""Switzerland's SECO list: the excerpt read into designations and their history, checked
against a plain parse of the same file (ElementTree), and the list as it stood on a day
from this one file."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET  # only to read the real, trusted file independently
from pathlib import Path

import pytest

import sanctions_tracker as st
from conftest import SHARED_DATA
from sanctions_tracker.history import own_history, versions_on
from sanctions_tracker.records import (
    Designation,
    DesignationStatus,
    NameKind,
    PartialDate,
    PartyKind,
)

SECO = SHARED_DATA / "ch-seco" / "seco_excerpt_2026-08-15.xml"

pytestmark = pytest.mark.skipif(not SECO.exists(), reason="../shared/data is not present")


def _targets() -> list[ET.Element]:
    root = ET.fromstring(SECO.read_bytes())  # noqa: S314 - SECO's own file
    return root.findall("target")


def _day(element: ET.Element) -> dt.date | None:
    for name in ("effective-date", "publication-date", "enactment-date"):
        if element.get(name):
            return dt.date.fromisoformat(element.get(name) or "")
    return None


def _designation(tracker: st.Tracker, record_id: str) -> Designation:
    found = tracker.get(record_id)
    assert isinstance(found, Designation)
    return found


@pytest.fixture(scope="module")
def seco() -> st.Tracker:
    return st.load(SECO, bundled=False)


def test_every_target_is_one_designation(seco: st.Tracker) -> None:
    """Each top-level <target> is ch-seco:<ssid> (the targets inside modifications are
    earlier states of the same target, not entries); the account balances."""
    targets = _targets()
    assert {d.id for d in seco.designations()} == {f"ch-seco:{t.get('ssid')}" for t in targets}
    (account,) = seco.datasets[0].accounts
    assert (account.rows_read, account.records_made) == (len(targets), len(targets))
    assert account.balanced
    kinds = {"individual": PartyKind.INDIVIDUAL, "entity": PartyKind.ENTITY}
    for target in targets:
        designation = _designation(seco, f"ch-seco:{target.get('ssid')}")
        content = next(c for c in target if c.tag in {"individual", "entity", "object"})
        expected = kinds.get(content.tag) or PartyKind(content.get("object-type") or "")
        assert designation.party.kind is expected


def test_listing_and_delisting_dates_from_the_modifications(seco: st.Tracker) -> None:
    """The listing date is the 'listed' modification's (effective date); a target whose
    latest modification is 'de-listed' is delisted on its date; the others are active."""
    for target in _targets():
        designation = _designation(seco, f"ch-seco:{target.get('ssid')}")
        changes = target.findall("modification")
        listed = next(m for m in changes if m.get("modification-type") == "listed")
        assert designation.listed_on == _day(listed)
        ended = [m for m in changes if m.get("modification-type") == "de-listed"]
        if ended:
            assert designation.status is DesignationStatus.DELISTED
            assert designation.delisted_on == _day(ended[0])
        else:
            assert designation.status is DesignationStatus.ACTIVE


def test_names_from_parts_and_their_spellings(seco: st.Tracker) -> None:
    """A name is its parts in their order; each spelling variant (language, script) gives
    the whole name in that spelling, an a.k.a. with its script; a maiden name is f.k.a."""
    lukashenka = _designation(seco, "ch-seco:5142")
    assert lukashenka.name == "Lukashenka Dzmitry Aliaksandravich"
    by_name = {n.full: n for n in lukashenka.party.names}
    russian = by_name["ЛУКАШЕНКО Дмитрий Александрович"]
    assert (russian.kind, russian.script, russian.language) == (NameKind.AKA, "Cyrl", "rus")
    assert by_name["Lukashenko Dmitri Aleksandrovich"].script == "Latn"
    vorontsova = _designation(seco, "ch-seco:52941")
    assert {n.full for n in vorontsova.party.names if n.kind is NameKind.FKA} == {"Putina"}
    assert vorontsova.party.gender == "female"
    assert vorontsova.party.nationalities == ("RU",)
    assert vorontsova.party.birth_dates == (PartialDate(1985, 4, 28),)


def test_documents_objects_and_relations(seco: st.Tracker) -> None:
    """Identification documents with their issuer; a vessel's IMO number from its
    other-information; a relation to a target not in the file kept as text and listed."""
    zamulevich = _designation(seco, "ch-seco:85396")
    assert {(i.kind, i.value, i.country) for i in zamulevich.party.identifiers} == {
        ("passport", "BM2229283", "BY"),
        ("national-id", "3070574E057PB8", "BY"),
    }
    vessel = _designation(seco, "ch-seco:34461")
    assert [i.value for i in vessel.party.identifiers if i.kind == "imo"] == ["8405270"]
    (account,) = seco.datasets[0].accounts
    assert any("entry 5300" in p.reason for p in account.unparsed_remarks)


def test_the_list_as_it_stood_on_a_day(seco: st.Tracker) -> None:
    """as_of(day) from the one file: a target listed later is not there, one delisted
    later is active, and an amendment made later is undone (MZKT had no address before
    2026-05-22; its justification of 2022-03-16 replaced the one it was listed with)."""
    early = seco.as_of(dt.date(2021, 5, 1))
    assert "ch-seco:52941" not in {d.id for d in early.designations()}
    mzkt = _designation(early, "ch-seco:44348")
    assert mzkt.party.addresses == ()
    assert _designation(seco, "ch-seco:44348").party.addresses != ()
    before = _designation(seco.as_of(dt.date(2022, 3, 15)), "ch-seco:44348")
    after = _designation(seco.as_of(dt.date(2022, 3, 16)), "ch-seco:44348")
    assert any("Belarussian" in note for note in before.notes)
    assert not any("Belarussian" in note for note in after.notes)
    lukashenka = _designation(seco.as_of(dt.date(2016, 2, 29)), "ch-seco:5142")
    assert lukashenka.status is DesignationStatus.ACTIVE
    assert lukashenka.active_on(dt.date(2016, 2, 29))
    gone = _designation(seco.as_of(dt.date(2016, 3, 1)), "ch-seco:5142")
    assert gone.status is DesignationStatus.DELISTED
    with pytest.raises(st.QueryError, match="outside the history"):
        seco.as_of(dt.date(2000, 1, 1))


def test_the_history_has_a_snapshot_for_each_day_of_change(seco: st.Tracker) -> None:
    """The history's days are the days the file dates a change, and the file's own day;
    each snapshot counts the targets listed by then (plain count)."""
    days = sorted({d for t in _targets() for m in t.findall("modification") if (d := _day(m))})
    history = seco.history
    assert history is not None
    assert [s.as_of for s in history.snapshots] == [*days, dt.date(2026, 8, 15)]
    for snapshot in history.snapshots:
        listed = [
            t
            for t in _targets()
            if any(
                m.get("modification-type") == "listed"
                and (_day(m) or dt.date.min) <= snapshot.as_of
                for m in t.findall("modification")
            )
        ]
        assert snapshot.designations == len(listed)


def test_diff_between_two_days(seco: st.Tracker) -> None:
    """st.diff of the list as it stood on two days: the targets listed between them are
    added, the amendments between them amend."""
    change = st.diff(seco.as_of(dt.date(2022, 1, 1)), seco.as_of(dt.date(2026, 6, 1)))
    assert {e.id for e in change.added} == {"ch-seco:52941", "ch-seco:85396"}
    assert change.removed == ()
    assert "ch-seco:44348" in {a.id for a in change.amended}


def test_summary_and_screening(seco: st.Tracker) -> None:
    """A summary of a sanctions set's program counts its targets; screening finds a name
    written in Cyrillic."""
    count = sum(1 for t in _targets() if t.findtext("sanctions-set-id") == "4387")
    assert seco.summary(program="CH-SECO-SET-4387").designation_count == count
    (best, *_) = seco.screen("Мария Воронцова")
    assert best.designation_id == "ch-seco:52941"


def test_programs_described_by_the_file(tmp_path: Path) -> None:
    """A whole list describes its programs and places: a target's set is then the program
    named after it with its ordinance as authority, and its address has the place's
    country."""
    text = SECO.read_text(encoding="utf-8").replace(
        '<swiss-sanctions-list list-type="whole-list" date="2026-08-15">',
        '<swiss-sanctions-list list-type="whole-list" date="2026-08-15">'
        '<sanctions-program ssid="1"><program-key lang="eng">Belarus</program-key>'
        '<program-name lang="eng">Ordinance of 11 December 2020 on measures against Belarus'
        '</program-name><sanctions-set lang="eng" ssid="4387">Annex 1</sanctions-set>'
        "</sanctions-program>"
        '<place ssid="319"><location>Minsk</location>'
        '<country iso-code="BY">Belarus</country></place>',
    )
    path = tmp_path / "seco.xml"
    path.write_text(text, encoding="utf-8")
    tracker = st.load(path, bundled=False)
    mzkt = _designation(tracker, "ch-seco:44348")
    assert mzkt.programs == ("CH-BELARUS",)
    (authority,) = tracker.program("CH-BELARUS").authorities
    assert tracker.authority(authority).title.startswith("Ordinance of 11 December 2020")
    (address,) = mzkt.party.addresses
    assert (address.city, address.country) == ("Minsk, Belarus", "BY")


def test_versions_and_their_history_by_hand() -> None:
    """versions_on takes each designation's newest version from a day or earlier;
    own_history has a snapshot per dated change and the file's day."""
    seco = st.load(SECO, bundled=False)
    versions = [
        ((None, _designation(seco, "ch-seco:5142")),),
        ((dt.date(2020, 1, 1), _designation(seco, "ch-seco:44348")),),
    ]
    assert [d.id for d in versions_on(versions, dt.date(2019, 1, 1))] == ["ch-seco:5142"]
    history = own_history("ch-seco", "x.xml", versions, dt.date(2021, 1, 1))
    assert [s.as_of for s in history.snapshots] == [dt.date(2020, 1, 1), dt.date(2021, 1, 1)]
    assert history.first_seen == {
        "ch-seco:5142": dt.date(2020, 1, 1),
        "ch-seco:44348": dt.date(2020, 1, 1),
    }
