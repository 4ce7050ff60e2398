"""Tests for ``sources.ca_sema``: Canada's Consolidated Autonomous Sanctions List (XML),
every record accounted for against a plain parse of the real file, a program per regime,
and the list working in diff, screening and summaries."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import sanctions_tracker as st
from conftest import SHARED_DATA
from sanctions_tracker.records import NameKind, PartialDate, PartyKind
from sanctions_tracker.sources.ca_sema import regime

SEMA = SHARED_DATA / "other" / "sema-lmes.xml"


def _records() -> list[ET.Element]:
    return list(ET.parse(SEMA).getroot())  # noqa: S314 - the shared list file, read in a test


def test_every_record_is_accounted_for_against_a_plain_parse() -> None:
    """rows read = the file's <record> elements; each is one designation; every element
    of a record is counted as a fact and read."""
    records = _records()
    tracker = st.load(SEMA, bundled=False)
    (account,) = tracker.datasets[0].accounts
    assert account.balanced
    assert (account.rows_read, account.records_made) == (len(records), len(records))
    assert len(tracker.designations()) == len(records)
    assert account.unparsed_remarks == ()
    regimes = {" ".join((r.findtext("Country") or "").split()) for r in records}
    assert {p.id for p in tracker.programs()} == {regime(c).program for c in regimes}


def test_a_person_and_an_entity_read_into_fields() -> None:
    """A person: given and last names, date of birth, the regime's program (its country
    the target's: Burma is MM); an entity: its aliases split at commas, a legal suffix
    kept with its name."""
    tracker = st.load(SEMA, bundled=False)
    person = tracker.get("ca-sema:burma-2-1")
    assert isinstance(person, st.Designation)
    assert (person.name, person.party.kind) == ("Than Shwe", PartyKind.INDIVIDUAL)
    assert person.party.birth_dates == (PartialDate(1933, 2, 2),)
    assert person.programs == ("CA-SEMA-BURMA",)
    program = tracker.get("CA-SEMA-BURMA")
    assert isinstance(program, st.Program)
    assert program.country == "MM"
    entity = tracker.get("ca-sema:burma-1-1")
    assert isinstance(entity, st.Designation)
    assert [n.full for n in entity.party.names] == [
        "Air Bagan",
        "Air Bagan Holdings Pte. Ltd.",
        "Air Bagan Limited",
    ]


def test_one_word_aliases_of_people() -> None:
    """A person's one-word alias that spells a word of their name otherwise ("Andrei" for
    "Andrey") gives the full name so spelt; a nickname ("Motorola") is a weak alias."""
    tracker = st.load(SEMA, bundled=False)
    akimov = tracker.get("ca-sema:russia-1-94")
    assert isinstance(akimov, st.Designation)
    assert [n.full for n in akimov.party.aliases] == ["Andrei Igorevich AKIMOV"]
    pavlov = tracker.get("ca-sema:ukraine-1-83")
    assert isinstance(pavlov, st.Designation)
    (nickname,) = pavlov.party.aliases
    assert (nickname.full, nickname.kind, nickname.weak) == ("Motorola", NameKind.AKA, True)


def test_the_regulations_the_file_names_are_an_authority() -> None:
    """The Magnitsky-law listings name their regulations: a program CA-JVCFOR resting on
    them, verified from the file; the SEMA regimes rest on the act."""
    tracker = st.load(SEMA, bundled=False)
    program = tracker.get("CA-JVCFOR")
    assert isinstance(program, st.Program)
    (act,) = program.authorities
    authority = tracker.get(act)
    assert isinstance(authority, st.Authority)
    assert authority.title == "Justice for Victims of Corrupt Foreign Officials Regulations"
    assert authority.country == "CA"
    russia = tracker.get("CA-SEMA-RUSSIA")
    assert isinstance(russia, st.Program)
    assert russia.authorities == ("ca-sema-act",)


def test_country_query_screening_summary_and_diff(tmp_path: Path) -> None:
    """designations --country RU answers with the Russia regime's listings; a listed name
    screens to its record; the program's summary counts its records; a version without
    one record diffs as that record removed."""
    records = _records()
    russia = [r for r in records if (r.findtext("Country") or "").startswith("Russia")]
    tracker = st.load(SEMA, bundled=False)
    assert len(tracker.designations(country="RU")) == len(russia)
    matches = tracker.screen("Dmitry Kiselyov")
    assert matches
    assert matches[0].designation_id == "ca-sema:russia-1-81"
    assert tracker.summary(program="CA-SEMA-RUSSIA").designation_count == len(russia)
    text = SEMA.read_text(encoding="utf-8")
    start = text.index("<record>")
    end = text.index("</record>", start) + len("</record>")
    smaller = tmp_path / "sema-lmes-smaller.xml"
    smaller.write_text(text[:start] + text[end:], encoding="utf-8")
    changes = st.diff(SEMA, smaller, bundled=False)
    assert [e.id for e in changes.removed] == ["ca-sema:burma-1-1"]
    assert (changes.added, changes.amended) == ((), ())
    assert tracker.datasets[0].as_of is None  # the file states no date: none is made up


def test_a_record_without_an_item_is_rejected(tmp_path: Path) -> None:
    """A record that names no Item cannot be named: rejected with its line; an element
    the loader does not know is kept as text and listed."""
    path = tmp_path / "sema.xml"
    path.write_text(
        '<?xml version="1.0"?>\n<data-set>\n'
        "<record><Country>Iran</Country><Entity>A Co</Entity><Schedule>1</Schedule></record>\n"
        "<record><Country>Iran</Country><Entity>B Co</Entity><Schedule>1</Schedule>"
        "<Item>2</Item><Note>x</Note></record>\n</data-set>\n",
        encoding="utf-8",
    )
    tracker = st.load(path, bundled=False)
    (account,) = tracker.datasets[0].accounts
    assert account.balanced
    assert [(p.line, "Item" in p.reason) for p in account.rejected] == [(3, True)]
    (kept,) = account.unparsed_remarks
    assert "<Note>" in kept.reason
    record = tracker.get("ca-sema:iran-1-2")
    assert isinstance(record, st.Designation)
    assert "Note: x" in record.party.information


def test_sectors_from_the_names_as_for_ofac() -> None:
    """Every entity whose name (in a plain parse) says 'steel' falls in the steel sector,
    as OFAC's entries do, with the name as its reason."""
    steel = {
        " ".join((r.findtext("Entity") or "").split())
        for r in _records()
        if "steel" in (r.findtext("Entity") or "").casefold()
    }
    tracker = st.load(SEMA)  # the sector taxonomy is the bundled set's
    placed = tracker.designations(sector="steel", list_id="ca-sema")
    assert {d.name for d in placed} == steel
    assert all(a.basis.value == "name" for d in placed for a in d.sectors if a.sector == "steel")
