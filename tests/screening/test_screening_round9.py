"""A name that gives the acronym of its own words in brackets (issue 12, round 9).

The UN list writes ``FORCES DEMOCRATIQUES DE LIBERATION DU RWANDA (FDLR)`` and ``UGANDA
COMMERCIAL IMPEX (UCI) LTD``; the UK list ``EASTERN TURKISTAN ISLAMIC MOVEMENT (ETIM)``.
The acronym says again what the words say, yet it was read as one more word: left
unmatched, it cost a query without it (``Korea Kwangson Banking Corporation`` against
``KOREA KWANGSON BANKING CORPORATION (KKBC)``). Names of organisations and vessels are now
also read without such an acronym, on the list's side (the index holds both readings) and
on the query's, and the better reading counts. Brackets that say more than the words
(``(U.K.)``, ``(LEBANON BRANCH)``) stay. And a Spanish surname's -ez is read as -es, and
data/org_words.txt has more words of organisations' names in other languages."""

from __future__ import annotations

import pytest

import sanctions_tracker as st
from conftest import SHARED_DATA
from sanctions_tracker.records import Designation, Name, Party, PartyKind
from sanctions_tracker.screening import DEFAULT_THRESHOLD, Screener, compare_names
from sanctions_tracker.screening._compare import without_own_acronym
from sanctions_tracker.screening._normalise import sound_key, spelling_key
from screening_checks import assert_index_as_scan

UN = SHARED_DATA / "un-consolidated" / "consolidated_2025-11-20.xml.gz"


@pytest.fixture(scope="module")
def un_designations() -> tuple[Designation, ...]:
    """The UN list of 2025-11-20."""
    if not UN.exists():
        pytest.skip("../shared/data is not present")
    return st.load(UN).designations()


def _bracketed(designations: tuple[Designation, ...]) -> list[tuple[Designation, str, str]]:
    """(designation, name, the name read without its own acronym) of the organisations."""
    found = []
    for designation in designations:
        if designation.party.kind is PartyKind.INDIVIDUAL:
            continue
        for name in designation.party.names:
            reading = without_own_acronym(name.full)
            if reading is not None:
                found.append((designation, name.full, reading))
    return found


def _entity(designation_id: str, *names: str) -> Designation:
    party = Party(kind=PartyKind.ENTITY, names=tuple(Name(name) for name in names))
    return Designation(id=designation_id, list_id="x", party=party, programs=("P",), sources=("s",))


def test_an_own_acronym_is_read_and_other_brackets_stay() -> None:
    """The acronym of the words just before the bracket goes, after them (``(NICO)
    LIMITED``) or between two names (``(CAGL) ; GREAT LAKES``); a country, a branch, a
    word of two letters and a bracket that starts the name stay."""
    assert without_own_acronym("KOREA KWANGSON BANKING CORPORATION (KKBC)") == (
        "KOREA KWANGSON BANKING CORPORATION"
    )
    assert without_own_acronym("NAFTIRAN INTERTRADE CO. (NICO) LIMITED") == (
        "NAFTIRAN INTERTRADE CO. LIMITED"
    )
    both = without_own_acronym(
        "COMPAGNIE AERIENNE DES GRANDS LACS (CAGL) ; GREAT LAKES BUSINESS COMPANY (GLBC)"
    )
    assert both is not None
    assert "(" not in both
    assert "GREAT LAKES BUSINESS COMPANY" in both
    assert without_own_acronym("PETROCHEMICAL COMMERCIAL COMPANY (U.K.) LIMITED") is None
    assert without_own_acronym("IMAM KHOMEINI RELIEF COMMITTEE (LEBANON BRANCH)") is None
    assert without_own_acronym("ABC BANK (BB)") is None
    assert without_own_acronym("(ABC) DEF") is None
    assert without_own_acronym("ARMAMENT INDUSTRIES GROUP") is None


def test_the_uns_names_meet_themselves_without_their_acronym(
    un_designations: tuple[Designation, ...],
) -> None:
    """Every UN organisation's name that gives its own acronym (52 on the list of
    2025-11-20) scores 1.0 against itself written without it, both ways round, and
    screening that reading finds its entry first at 1.0."""
    found = _bracketed(un_designations)
    assert len(found) > 40
    screener = Screener(un_designations)
    for designation, name, reading in found:
        assert screener.compare(name, reading).score == 1.0, name
        assert screener.compare(reading, name).score == 1.0, name
        matches = screener.screen(reading, limit=20)
        assert matches, reading
        assert matches[0].score == 1.0, reading
        best = [match.designation_id for match in matches if match.score == 1.0]
        assert designation.id in best, reading


def test_both_sides_are_read_and_the_explanation_says_so() -> None:
    """A list name with its acronym meets a query without it, and the explanation says the
    list name was read without it; a query with its acronym meets a list name without
    it; a person's name is never read so."""
    screener = Screener(
        [
            _entity("x:1", "KOREA KWANGSON BANKING CORPORATION (KKBC)"),
            _entity("x:2", "LIBYAN FOREIGN INVESTMENT COMPANY"),
        ]
    )
    (match,) = screener.screen("Korea Kwangson Banking Corporation")
    assert match.score == 1.0
    assert "read without the acronym of its words in brackets" in match.explanation.summary
    assert match.matched_name.full == "KOREA KWANGSON BANKING CORPORATION (KKBC)"
    (match,) = screener.screen("Libyan Foreign Investment Company (LFIC)")
    assert (match.designation_id, match.score) == ("x:2", 1.0)
    (batched,) = screener.screen_many(["Libyan Foreign Investment Company (LFIC)"])
    assert [(m.designation_id, m.score) for m in batched] == [("x:2", 1.0)]
    person = screener.compare("Ali Hassan (AH) Mohamed", "Ali Hassan Mohamed", kind="person")
    assert person.score < 1.0


def test_other_brackets_still_count() -> None:
    """A bracket that is no acronym of the name's words still tells two names apart: a
    query without ``(U.K.)`` scores below 1.0 against the name with it."""
    screener = Screener([_entity("x:1", "PETROCHEMICAL COMMERCIAL COMPANY (U.K.) LIMITED")])
    (match,) = screener.screen("PETROCHEMICAL COMMERCIAL COMPANY LIMITED")
    assert match.score < 1.0
    assert "read without" not in match.explanation.summary


def test_the_index_finds_both_readings_as_a_full_scan_does(
    un_designations: tuple[Designation, ...],
) -> None:
    """The names with their acronym, without it, with a word added and with a word
    missing, screened through the index, return what a scan of every name returns."""
    screener = Screener(un_designations)
    queries: list[tuple[str, str | None]] = []
    for _designation, name, reading in _bracketed(un_designations)[:15]:
        words = reading.split()
        queries += [(name, None), (reading, None), (reading + " TRADING", None)]
        if len(words) > 2:  # a word left out of a name of three words or more
            queries.append((" ".join(words[1:]), None))
    for threshold in (DEFAULT_THRESHOLD, 0.6):
        assert_index_as_scan(screener, queries, threshold)


def test_spanish_ez_and_es_are_one_ending(sdn_screener: Screener) -> None:
    """A surname's -ez and -es are one sound (``CAMACHO CAZAREZ`` and ``CAMACHO CAZARES``,
    two spellings of one SDN person's name, both in ten list names or more, which kept
    them from meeting as a typo); a short word's z stays (``HAFEZ``, an Arabic name that
    meets ``HAFIZ``)."""
    assert sound_key("gonzalez") == sound_key("gonzales")
    assert spelling_key("cazarez") == spelling_key("cazares")
    assert sound_key("hafez") == sound_key("hafiz")
    assert sound_key("hafez") != sound_key("hafes")
    screener = sdn_screener
    pair = ("CAMACHO CAZAREZ, Jeniffer Beaney", "CAMACHO CAZARES, Jeniffer Beaney")
    assert screener.compare(*pair, kind="person").score >= DEFAULT_THRESHOLD


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("SIMAN-E KURDISTAN", "KURDISTAN CEMENT"),  # Persian
        ("SOLDIERS OF AL-AQSA", "JUND AL-AQSA"),  # Arabic
        ("COOPERATIVE DEVELOPMENT BANK", "TOSEE TAAVON BANK"),
        ("KAVEH EAST STEEL COMPANY", "KAVEH SHARGH STEEL CO."),
        ("SARAFI ANSAR", "ANSAR EXCHANGE"),
        ("JOINT STOCK COMPANY INDUSTRY-REESTR", "Joint Stock Company Industry Register"),
        ("AMROGGANG Development Bank", "AMROGGANG DEVELOPMENT BANKING CORPORATION"),
        (
            "OBSHCHESTVO S OGRANICHENNOI OTVETSTVENNOSTYU ULTRAN ELEKTRONNYE KOMPONENTY",
            "LIMITED LIABILITY COMPANY ULTRAN ELECTRONIC COMPONENTS",
        ),
    ],
)
def test_more_organisation_words_meet_their_translations(query: str, listed: str) -> None:
    """Aliases of one listed entity each (OFAC, the UN) written with a word in Persian,
    Arabic or Russian and with its translation: the two words are one in another form
    (data/org_words.txt), and the names meet at the threshold."""
    comparison = compare_names(query, listed)
    assert "same word in another form" in [row.how for row in comparison.explanation.tokens]
    assert comparison.score >= DEFAULT_THRESHOLD


def test_a_generational_suffix_is_a_title(sdn_screener: Screener) -> None:
    """``JR.`` and ``SR.`` are read as titles: a name with one left out is the same name
    (two aliases of one SDN person each), and the suffix alone matches nothing."""
    screener = sdn_screener
    for pair in [
        ("KNOWLES, JR., Samuel", "KNOWLES, Samuel"),
        ("IVANOV JR., Sergey", "IVANOV, Sergei Sergeevich"),
    ]:
        assert screener.compare(*pair, kind="person").score >= DEFAULT_THRESHOLD, pair
    assert screener.compare("Jr.", "KNOWLES, JR., Samuel", kind="person").score < 0.5
