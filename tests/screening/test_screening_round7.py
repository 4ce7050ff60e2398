"""A title in a surname's place is a surname (issue 12, round 7): ``SAYYED, Jamil``,
``Saduddin SAYYED`` and ``HAJI, Ali Ahmed`` carry a family name that is also an honorific,
and before this round the screening weighed it as a title, so a bare given name (``Jamil``)
met the whole entry. The entries and what must alert are found by a plain parse of the SDN
list's names, not by the screening."""

from __future__ import annotations

import pytest

import sanctions_tracker as st
from conftest import SHARED_DATA
from sanctions_tracker.records import Designation
from sanctions_tracker.screening import DEFAULT_THRESHOLD, Screener, compare_names
from sanctions_tracker.screening._normalise import SURNAME_TITLES, TITLES, Role, normalise
from screening_checks import assert_index_as_scan

EU_LEGACY = SHARED_DATA / "eu-fsf" / "eu_legacy_2016-02-11_part.xml.gz"


@pytest.fixture(scope="module")
def sdn(sdn_tracker: st.Tracker) -> tuple[Designation, ...]:
    """The SDN list's entries (with the bundled ones, which hold no title-surname)."""
    return sdn_tracker.designations()


@pytest.fixture(scope="module")
def sdn_screener(sdn: tuple[Designation, ...]) -> Screener:
    return Screener(sdn)


def _title_surnames(sdn: tuple[Designation, ...]) -> list[tuple[str, str, str]]:
    """(entry id, full name, given names) of every SDN name written ``TITLE, Given`` with
    a title that is also a family name before the comma, read with a plain split (weak
    aliases left out: they alert only with a birth date or a country)."""
    found = []
    for designation in sdn:
        for name in designation.party.names:
            surname, comma, given = name.full.partition(",")
            title = surname.strip().lower() in SURNAME_TITLES
            if comma and title and given.strip() and not name.weak:
                found.append((designation.id, name.full, given.strip()))
    return found


def test_surname_titles_are_titles() -> None:
    """Every word read as a surname in a surname's place is a title elsewhere."""
    assert SURNAME_TITLES <= TITLES


@pytest.mark.parametrize(
    ("name", "title", "role"),
    [
        ("SAYYED, Jamil", "sayyed", Role.NAME),  # before the comma: the surname
        ("Saduddin SAYYED", "sayyed", Role.NAME),  # the last word: the surname
        ("HAJI, Ali Ahmed", "haji", Role.NAME),
        ("MUSAVI, Sayyed Kamal", "sayyed", Role.PARTICLE),  # before a given name: a title
        ("Sayyed Kamal MUSAVI", "sayyed", Role.PARTICLE),
        ("Sayyid", "sayyid", Role.PARTICLE),  # a title alone stays a title
        ("Dr. Muthanna AL-DARI", "dr", Role.PARTICLE),
    ],
)
def test_a_title_in_a_surnames_place_is_a_name(name: str, title: str, role: Role) -> None:
    """The title's role follows its place, for people's names and names of any kind."""
    for legal_forms in (False, True):
        tokens = normalise(name, legal_forms=legal_forms)
        assert [token.role for token in tokens if token.text == title] == [role], name


def test_a_given_name_alone_no_longer_meets_a_title_surname(
    sdn: tuple[Designation, ...], sdn_screener: Screener
) -> None:
    """For each SDN name ``SAYYED, Jamil`` (a title-surname and given names), the given
    names alone do not alert on the entry unless the entry also bears them as a name of
    their own (a plain look-up); the whole name still finds it."""
    cases = _title_surnames(sdn)
    assert len(cases) >= 3  # SAYYED, Jamil; HAJI, Ali Ahmed; ...
    by_id = {d.id: d for d in sdn}
    for entry, full, given in cases:
        hits = {m.designation_id for m in sdn_screener.screen(full, kind="person")}
        assert entry in hits, full
        others = {n.full.lower() for n in by_id[entry].party.names if n.full != full}
        if len(given.split()) > 1 or given.lower() in others:
            continue  # two given names may meet another entry's name; checked below
        hits = {m.designation_id for m in sdn_screener.screen(given, kind="person")}
        assert entry not in hits, (given, full)


def test_the_examples_of_this_round(sdn_screener: Screener) -> None:
    """``Jamil`` (0.96 on ``SAYYED, Jamil`` before) and ``Ibrahim Amin`` (0.97 on ``SAYYED,
    Ibrahim Amin``, an alias of ``AL-SAYYID, Ibrahim Amin``) no longer alert; the EU's
    ``Sadudin Sayed`` now meets ``Saduddin SAYYED``, its own entry's other spelling, which
    it met at 0.75 with the surname read as a title."""
    assert sdn_screener.screen("Jamil", kind="person") == ()
    assert all(
        "SAYYED" not in m.matched_name.full.upper()
        for m in sdn_screener.screen("Ibrahim Amin", kind="person")
    )
    eu = st.load(EU_LEGACY, bundled=False).designations()
    entry = next(d for d in eu if any(n.full == "Sadudin Sayed" for n in d.party.names))
    spellings = [n.full for n in entry.party.names if n.full.lower() == "saduddin sayyed"]
    assert spellings
    score = compare_names("Sadudin Sayed", spellings[0], kind="person").score
    assert score >= DEFAULT_THRESHOLD


def test_the_index_finds_this_rounds_scores_as_a_full_scan_does(
    sdn_screener: Screener,
) -> None:
    """The surname a title now is changes the tokens of names, not only scores: the index
    returns exactly what a scan of every name returns, at two thresholds."""
    queries = [
        ("Jamil", "person"),
        ("Jamil Sayyed", "person"),
        ("Ibrahim Amin", "person"),
        ("Ibrahim Amin al-Sayyid", "person"),
        ("Ali Ahmed Haji", "person"),
        ("Sayyed Kamal Musavi", "person"),
        ("Sayyed", None),
    ]
    for threshold in (DEFAULT_THRESHOLD, 0.6):
        assert_index_as_scan(sdn_screener, queries, threshold)
