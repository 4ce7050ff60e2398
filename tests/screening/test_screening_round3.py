"""Initials, acronyms and how common a name is among people (issue 12)."""

from __future__ import annotations

import csv
import gzip
import io
import re

import attrs
import pytest

import sanctions_tracker as st
from conftest import SDN_WITH_COMPANIONS, SHARED_DATA
from sanctions_tracker.records import Designation
from sanctions_tracker.screening import DEFAULT_THRESHOLD, Screener, compare_names
from screening_checks import assert_index_as_scan

SDN = SHARED_DATA / "ofac-sdn" / "sdn-2024-05-03.csv.gz"
ALT = SHARED_DATA / "ofac-csv-companions" / "alt.csv.gz"


@pytest.fixture(scope="module")
def designations() -> tuple[Designation, ...]:
    return st.load(*SDN_WITH_COMPANIONS).designations()


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("J. Smith", "John Smith"),
        ("John Smith", "SMITH, J."),
        ("Q. Soleimani", "SOLEIMANI, Qasem"),
        ("Kim J. Un", "KIM JONG UN"),
    ],
)
def test_an_initial_meets_the_name_it_begins(query: str, listed: str) -> None:
    """An initial (on either side) meets a name word it begins: the pair is reported as
    "initial" and the names meet at the threshold."""
    comparison = compare_names(query, listed, kind="person")
    assert comparison.score >= DEFAULT_THRESHOLD
    assert [row.how for row in comparison.explanation.tokens].count("initial") == 1


@pytest.mark.parametrize(
    ("query", "listed"),
    [("K. Smith", "John Smith"), ("J. Smith", "John Smithers"), ("J. K.", "John Kim")],
)
def test_an_initial_meets_no_other_name(query: str, listed: str) -> None:
    """An initial of another letter meets nothing, an initial does not stand in for a
    surname that differs, and initials alone are too little to alert."""
    comparison = compare_names(query, listed, kind="person")
    assert comparison.score < DEFAULT_THRESHOLD
    if query.startswith("K"):
        assert "initial" not in [row.how for row in comparison.explanation.tokens]


@pytest.mark.parametrize(
    ("query", "listed"),
    [("ALI M HIJAZI", "MIR-HEJAZI, Ali Asqar"), ("John S.", "John Smith")],
)
def test_an_initial_does_not_stand_for_a_surname(query: str, listed: str) -> None:
    """An initial stands for a given name: met with a surname (the last name in name
    order: MIR of MIR-HEJAZI, two surnames read second first), the score is capped below
    the threshold, and the explanation says why."""
    comparison = compare_names(query, listed, kind="person")
    assert "initial" in [row.how for row in comparison.explanation.tokens]
    assert comparison.score < DEFAULT_THRESHOLD
    assert "an initial stands for a surname" in comparison.explanation.summary


@pytest.mark.parametrize(
    ("query", "listed", "letters"),
    [
        ("IRGC", "ISLAMIC REVOLUTIONARY GUARD CORPS", "irgc"),
        ("PFLP", "POPULAR FRONT FOR THE LIBERATION OF PALESTINE", "pflp"),
        ("PFLP-GC", "POPULAR FRONT FOR THE LIBERATION OF PALESTINE - GENERAL COMMAND", "pflp gc"),
        ("NIOC", "NATIONAL IRANIAN OIL COMPANY", "nioc"),
        ("Islamic Revolutionary Guard Corps", "IRGC", "islamic revolutionary guard corps"),
    ],
)
def test_an_acronym_meets_the_initials_of_the_words(query: str, listed: str, letters: str) -> None:
    """An acronym meets the initials of an organisation's words (particles left out; the
    legal form left out or not), either way round, reported as "acronym"."""
    comparison = compare_names(query, listed)
    assert comparison.score >= DEFAULT_THRESHOLD
    rows = [row for row in comparison.explanation.tokens if row.how == "acronym"]
    assert [row.query for row in rows] == [letters]


def test_acronyms_are_for_organisations_only() -> None:
    """A person's name has no acronym: IRGC does not meet four words of a person, nor an
    acronym of two words (too many things' initials)."""
    assert compare_names("IRGC", "Ivan Rudolf Georg Clemens", kind="person").score == 0.0
    assert compare_names("GC", "GENERAL COMMAND").score == 0.0


def sdn_acronym_aliases() -> list[tuple[str, str, str]]:
    """OFAC's one-word aliases of organisations (SDN 2024-05-03) that are the initials of
    the primary name's words, read plainly: (entry number, alias, primary name). The
    initials are of the words, leaving out a few particles, and with or without a last
    legal form word."""
    with gzip.open(SDN, "rt", encoding="utf-8", errors="replace") as handle:
        primary = {
            row[0]: row[1] for row in csv.reader(handle) if len(row) > 2 and row[2] == "-0- "
        }
    small = {"OF", "THE", "FOR", "AND", "IN", "DE", "LA", "DEL", "Y"}
    forms = {"COMPANY", "CO", "LTD", "LIMITED", "CORPORATION", "INC", "SA"}
    found = []
    with gzip.open(ALT, "rt", encoding="utf-8", errors="replace") as handle:
        for row in csv.reader(io.StringIO(handle.read())):
            if len(row) < 4 or row[0] not in primary or not re.fullmatch(r"[A-Z]{3,8}", row[3]):
                continue
            words = [w for w in re.split(r"[^A-Z]+", primary[row[0]].upper()) if w]
            kept = [w for w in words if w not in small]
            initials = {"".join(w[0] for w in kept)}
            initials.add("".join(w[0] for w in kept if w not in forms))
            if row[3] in initials and len(kept) >= 3:
                found.append((row[0], row[3], primary[row[0]]))
    return found


def test_acronym_aliases_of_the_real_list_are_found_from_the_name(
    designations: tuple[Designation, ...],
) -> None:
    """Each one-word alias OFAC gives an organisation that is the initials of its primary
    name (IRGC, PFLP, NIOC ...) is found by a screener that holds the primary name alone:
    with every alias of those entries removed, screening the acronym returns the entry."""
    aliases = sdn_acronym_aliases()
    assert len(aliases) >= 10
    numbers = {number for number, _alias, _name in aliases}
    trimmed = [
        attrs.evolve(d, party=attrs.evolve(d.party, names=d.party.names[:1]))
        if d.id.rpartition(":")[2] in numbers
        else d
        for d in designations
    ]
    assert sum(len(d.party.names) == 1 for d in trimmed) >= len(numbers)
    screener = Screener(trimmed)
    for number, alias, name in aliases:
        matches = screener.screen(alias, kind="company", limit=50)
        hit = [m for m in matches if m.designation.party.names[0].full == name]
        assert hit, (number, alias, name)
        assert "acronym" in [row.how for row in hit[0].explanation.tokens]


def test_the_index_finds_initials_and_acronyms_as_a_full_scan_does(
    designations: tuple[Designation, ...],
) -> None:
    """Initials and acronyms have index keys of their own and an allowance in the bound:
    the index returns exactly what a scan of every name returns, for people and
    organisations, at two thresholds (a query with an initial and a word that meets a
    list's initial: Liliana Esquenazi M. meets MARIA E at 0.6)."""
    screener = Screener(designations)
    queries = [
        ("Q. Soleimani", "person"),
        ("A. Khamenei", None),
        ("Kim J. Un", "person"),
        ("J. Smith", "person"),
        ("Hossein S.", "person"),
        ("IRGC", None),
        ("PFLP GC", "company"),
        ("NIOC", "company"),
        ("Islamic Revolutionary Guard Corps", "company"),
        ("Islamic Republic of Iran Shipping Lines", "company"),
        ("Mohammad Ali", "person"),
        ("Maria Teresa Restrepo", None),
        ("Liliana Esquenazi M.", None),
    ]
    for threshold in (DEFAULT_THRESHOLD, 0.6):
        assert_index_as_scan(screener, queries, threshold)
    assert any(
        row.how == "initial"
        for m in screener.screen("Q. Soleimani", kind="person")
        for row in m.explanation.tokens
    )


def test_two_names_people_bear_a_letter_moved_apart_are_two_names() -> None:
    """Two words of one length that are both names people bear (the population table counts
    them) and differ by a letter dropped in one place and another added elsewhere are two
    names: Amran does not meet Ayman (a real unlisted person, Ibrahim Amran, alerted on
    IBRAHIM, Ayman). One letter changed or two swapped between such names stays a spelling
    variant (Eyad and Iyad, Benham and Behnam: aliases of one person on OFAC's list)."""
    amran = compare_names("Ibrahim Amran", "IBRAHIM, Ayman", kind="person")
    assert [row.how for row in amran.explanation.tokens if row.query == "amran"] == [
        "unmatched name"
    ]
    assert amran.score < DEFAULT_THRESHOLD
    for query, listed in (
        ("MAKHLOUF, Eyad", "MAKHLUF, Iyad"),
        ("Benham SHAHRYARI", "Behnam SHAHRIYARI"),
    ):
        comparison = compare_names(query, listed, kind="person")
        assert comparison.score >= DEFAULT_THRESHOLD, query
        assert "spelling variant" in comparison.explanation.summary, query


def test_a_theophoric_name_is_one_name() -> None:
    """A theophoric name or a kunya (a name prefix and the name it stands before) is one
    name: `Abd al-Aziz` against `AZIZ, Abdul` agrees on one name only, spelt another way,
    and is capped below the threshold; the same name spelt alike still meets its record,
    and a name with a surname besides is not capped."""
    other = compare_names("Abd al-Aziz", "AZIZ, Abdul", kind="person")
    assert other.score < DEFAULT_THRESHOLD
    assert "agree on one name only" in other.explanation.summary
    assert compare_names("Abdul Aziz", "AZIZ, Abdul", kind="person").score == 1.0
    longer = compare_names("Abd al-Rahman Yasin", "YASIN, Abdul Rahman", kind="person")
    assert longer.score >= DEFAULT_THRESHOLD
    assert "agree on one name only" not in longer.explanation.summary
