"""compare_names: one pair of names, outside any list; known failures of other tools."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sanctions_tracker._convert import unstructure
from sanctions_tracker.errors import QueryError
from sanctions_tracker.screening import DEFAULT_THRESHOLD, NameComparison, compare_names


def score(a: str, b: str, **kwargs: str) -> float:
    return compare_names(a, b, **kwargs).score


def test_watchman_george_bush_is_not_george_habbash() -> None:
    """watchman scores George Bush vs George Habbash 89%; here it stays below the threshold."""
    assert score("George Bush", "George Habbash") < DEFAULT_THRESHOLD


def test_watchman_emma_daniels_is_not_emma_llc() -> None:
    """watchman scores emma daniels vs EMMA LLC 100%; a legal form is no evidence here."""
    assert score("emma daniels", "EMMA LLC") < DEFAULT_THRESHOLD


def test_watchman_shared_legal_form_is_not_a_match() -> None:
    """BELLETECH CORP vs 11420 CORP. share only the legal form: a low score, not 100%."""
    assert score("BELLETECH CORP", "11420 CORP.") < 0.2


def test_legal_forms_weigh_little_but_count() -> None:
    """An equivalent legal form barely lowers a score; a missing one a little."""
    same = score("ACME TRADING LLC", "ACME TRADING LLC")
    equivalent = score("ACME TRADING LLC", "ACME TRADING OOO")
    missing = score("ACME TRADING LLC", "ACME TRADING")
    assert same == 1.0
    assert 0.95 < equivalent < 1.0
    assert 0.9 < missing < equivalent


def test_name_order_does_not_matter() -> None:
    """SOLEIMANI, Qasem = Qasem Soleimani = Soleimani Qasem."""
    assert score("SOLEIMANI, Qasem", "Qasem Soleimani") == 1.0
    assert score("SOLEIMANI, Qasem", "Soleimani Qasem") == 1.0


def test_transliteration_variants_score_high_but_below_one() -> None:
    """Qassem Soleimani matches SOLEIMANI, Qasem well, and an exact spelling ranks above it."""
    variant = score("Qassem Soleimani", "SOLEIMANI, Qasem")
    assert DEFAULT_THRESHOLD < variant < 1.0
    assert score("Ghasem Soleymani", "SOLEIMANI, Qasem") > DEFAULT_THRESHOLD
    assert score("Muhammad Husayn", "Mohammad Hossein") > DEFAULT_THRESHOLD


def test_hyphenated_and_joined_names_match() -> None:
    """Bashir-ud-din, Bashiruddin and Bashir ud Din are one name."""
    assert score("Bashir-ud-din Ahmad", "Bashiruddin Ahmad") == 1.0
    assert score("Bashir ud Din Ahmad", "Bashiruddin Ahmad") == 1.0


def test_particles_and_titles_weigh_little() -> None:
    """A missing al-, bin, Sheikh or Dr lowers a score only a little."""
    assert score("Sheikh Ahmad bin Yasin al-Zahrani", "Ahmad Yasin Zahrani") > 0.9
    assert score("Dr Ayman al-Zawahiri", "Ayman Zawahiri") > 0.9


def test_other_scripts_match_their_latin_spelling() -> None:
    """Cyrillic and Arabic spellings of a name reach the threshold against the Latin one."""
    assert score("Владимир Путин", "PUTIN, Vladimir") == 1.0
    assert score("قاسم سليماني", "SOLEIMANI, Qasem") >= DEFAULT_THRESHOLD


def test_explanation_aligns_tokens_and_reads() -> None:
    """The explanation has a row per aligned or unmatched token and a readable summary."""
    comparison = compare_names("Qassem Soleimani", "SOLEIMANI, Qasem Haji")
    rows = {(row.query, row.candidate): row.how for row in comparison.explanation.tokens}
    assert rows == {
        ("soleimani", "soleimani"): "exact",
        ("qassem", "qasem"): "transliteration variant",
        ("", "haji"): "unmatched particle",
    }
    assert "qassem ~ qasem" in comparison.explanation.summary


def test_comparison_unstructures_to_json_data() -> None:
    """A comparison turns into plain JSON-ready data with the project converter."""
    data = unstructure(compare_names("A B", "A C"))
    assert data["score"] == compare_names("A B", "A C").score
    assert data["explanation"]["tokens"][0]["how"] == "exact"


@pytest.mark.parametrize("bad", ["", "  ", "--", "...,"])
def test_empty_names_are_query_errors(bad: str) -> None:
    """A name with no letters or digits cannot be compared."""
    with pytest.raises(QueryError, match="no name to compare"):
        compare_names(bad, "ACME")


def test_unknown_kind_is_a_query_error() -> None:
    """An unknown kind is a QueryError naming the kinds allowed."""
    with pytest.raises(QueryError, match="unknown kind 'planet'"):
        compare_names("A", "B", kind="planet")


names = st.lists(
    st.sampled_from(
        [
            "al",
            "bin",
            "ali",
            "mohammad",
            "muhammad",
            "qasem",
            "qassem",
            "ud",
            "din",
            "bashir",
            "bashiruddin",
            "llc",
            "ltd",
            "co",
            "trading",
            "jin",
            "ping",
            "jinping",
            "11420",
        ]
    )
    | st.text(alphabet="abcdefghiklmnorsu", min_size=1, max_size=8),
    min_size=1,
    max_size=5,
).map(" ".join)


@given(names, names)
def test_compare_is_symmetric(a: str, b: str) -> None:
    """compare_names(a, b) and compare_names(b, a) give the same score."""
    assert compare_names(a, b).score == compare_names(b, a).score


@given(names | st.text(min_size=1).filter(lambda text: any(c.isalnum() for c in text)))
def test_a_name_scores_one_against_itself(name: str) -> None:
    """Any readable name scores exactly 1.0 against itself."""
    try:
        comparison = compare_names(name, name)
    except QueryError:
        return  # nothing readable left after transliteration (e.g. a lone symbol)
    assert isinstance(comparison, NameComparison)
    assert comparison.score == 1.0


def test_numbers_and_short_codes_with_one_typo() -> None:
    """A digit dropped from a number, or a letter from a three-letter code, still matches;
    a number never matches a word."""
    assert score("RA-6586", "RA-65986") > 0.8
    assert score("27TH NS", "27TH NTS") > 0.7
    assert score("ACME 123", "ACME ABC") < DEFAULT_THRESHOLD
