"""compare_names: one pair of names, outside any list; known failures of other tools."""

from __future__ import annotations

import copy
import gzip
import math
import pickle
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import sanctions_tracker.screening as screening_package
from sanctions_tracker._convert import unstructure
from sanctions_tracker.errors import QueryError
from sanctions_tracker.screening import DEFAULT_THRESHOLD, NameComparison, compare_names
from sanctions_tracker.screening._compare import (
    INITIAL_WEIGHT,
    MIDDLE_UNMATCHED,
    OMITTED_MIN_PERSON,
    OMITTED_UNMATCHED,
    Form,
    Rarity,
    align,
    align_forms,
    all_pairs,
    compare_forms,
    explain,
    initials_meet,
    population_weight,
)
from sanctions_tracker.screening._normalise import normalise


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
    """The explanation has a row per aligned or unmatched token and a readable summary; a
    word one name adds to a name the other gives whole says so."""
    comparison = compare_names("Qassem Soleimani", "SOLEIMANI, Qasem Haji")
    rows = {(row.query, row.candidate): row.how for row in comparison.explanation.tokens}
    assert rows == {
        ("soleimani", "soleimani"): "exact",
        ("qassem", "qasem"): "transliteration variant",
        ("", "haji"): "unmatched particle, left out by the other name",
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
    a digit changed makes another number, and two names with different numbers (numbered
    ships, holdings) keep NUMBER_MISMATCH of their score; a number never matches a word."""
    assert score("RA-6586", "RA-65986") > 0.8
    assert score("RUNG RA 1", "RUNG RA 2") < DEFAULT_THRESHOLD
    assert score("27TH NS", "27TH NTS") > 0.7
    assert score("ACME 123", "ACME ABC") < DEFAULT_THRESHOLD


# ---------------------------------------------------------------- explanations written on read

PAIRS = [
    ("Qassem Soleimani", "SOLEIMANI, Qasem Haji"),
    ("Bashir-ud-din Ahmad", "Bashiruddin Ahmad"),
    ("BELLETECH CORP", "11420 CORP."),
    ("George Bush", "George Habbash"),
    ("ACME TRADING LIMITED LIABILITY COMPANY", "ACME TRADING OOO"),
    ("قاسم سليماني", "SOLEIMANI, Qasem"),
]


def eager(a: str, b: str, **kwargs: str) -> NameComparison:
    """The comparison with its explanation written at once, as compare_names did before
    it wrote explanations when read."""
    rarity = Rarity()
    person = kwargs.get("kind") == "person"
    form_a = rarity.form(a, legal_forms=not person)
    form_b = rarity.form(b, legal_forms=not person)
    name_score, chosen, swapped = compare_forms(form_a, form_b, person=person)
    score = round(name_score, 4)
    explanation = explain(chosen, form_a, form_b, swapped=swapped, name_score=score, person=person)
    return NameComparison(a=a, b=b, score=score, explanation=explanation)


@pytest.mark.parametrize(("a", "b"), PAIRS)
def test_explanation_read_later_is_the_one_written_at_once(a: str, b: str) -> None:
    """The explanation of compare_names, read after other comparisons, is the one the
    comparison would have had written with its score; and the records are equal."""
    comparison = compare_names(a, b)
    for other in PAIRS:
        compare_names(*other).explanation  # noqa: B018 - other reads in between
    expected = eager(a, b)
    assert comparison.explanation == expected.explanation
    assert comparison == expected
    assert hash(comparison) == hash(expected)
    assert repr(comparison) == repr(expected)


@pytest.mark.parametrize(("a", "b"), PAIRS)
def test_unread_comparison_unstructures_like_an_eager_one(a: str, b: str) -> None:
    """A comparison whose explanation was never read gives the same JSON data as one built
    with its explanation (reports and the CLI serialise them)."""
    assert unstructure(compare_names(a, b)) == unstructure(eager(a, b))
    assert unstructure(compare_names(a, b, kind="person")) == unstructure(
        eager(a, b, kind="person")
    )


def test_unread_comparison_copies_and_pickles_with_its_explanation() -> None:
    """A copy or a pickle of a comparison not read yet holds the explanation written, and
    nothing of the pending work."""
    for copied in (
        copy.copy(compare_names("Qassem Soleimani", "SOLEIMANI, Qasem")),
        copy.deepcopy(compare_names("Qassem Soleimani", "SOLEIMANI, Qasem")),
        pickle.loads(pickle.dumps(compare_names("Qassem Soleimani", "SOLEIMANI, Qasem"))),  # noqa: S301
    ):
        assert set(vars(copied)) == {"a", "b", "score", "explanation"}
        assert copied == eager("Qassem Soleimani", "SOLEIMANI, Qasem")


def test_comparison_stays_frozen_and_complete() -> None:
    """A comparison is still a frozen record with the four fields; a misspelt attribute is
    an AttributeError, read or not."""
    comparison = compare_names("A B", "A C")
    assert [field.name for field in attrs.fields(NameComparison)] == [
        "a",
        "b",
        "score",
        "explanation",
    ]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        comparison.score = 1.0  # type: ignore[misc]
    with pytest.raises(AttributeError, match="explanatoin"):
        comparison.explanatoin  # type: ignore[attr-defined]  # noqa: B018
    assert comparison.explanation.score == comparison.score
    with pytest.raises(AttributeError, match="explanatoin"):
        comparison.explanatoin  # type: ignore[attr-defined]  # noqa: B018


# ---------------------------------------------------------------- the alignment, found faster

arabic = st.lists(
    st.sampled_from(["قاسم", "سليماني", "محمد", "حسين", "عبد", "الله", "بن"]),
    min_size=1,
    max_size=4,
).map(" ".join)


FREQUENCY = Path(screening_package.__file__).parent / "data" / "name_frequency.tsv.gz"


def outside(word: str) -> float:
    """A name word's weight outside a list: 6, or its rarity among people if less (the
    share of people bearing it in data/name_frequency.tsv.gz, read here plainly)."""
    share = 0.0
    with gzip.open(FREQUENCY, "rt", encoding="utf-8") as handle:
        totals: dict[str, tuple[int, int]] = {}
        for line in handle:
            cells = line.rstrip("\n").split("\t")
            if cells[0] == "#total":
                totals[cells[1]] = (int(cells[2]), int(cells[3]))
            elif cells[0] in totals and cells[1] == word:
                given, surname = totals[cells[0]]
                share = max(share, int(cells[2]) / given + int(cells[3]) / surname)
    return min(6.0, math.log(1.0 + 1.0 / share)) if share else 6.0


def test_a_common_name_weighs_its_rarity_among_people() -> None:
    """A name word weighs at most its rarity among people (SMITH: 0.9 % of people in the
    US), however rare on the lists; a name no table counts keeps the list's rarity (6
    outside a list); an initial is unchanged."""
    rarity = Rarity()
    (smith,) = normalise("Smith")
    (soleimani,) = normalise("Soleimani")
    (initial,) = normalise("J.")
    assert outside("smith") < 5.0
    assert rarity.weight(smith) == pytest.approx(outside("smith"))
    assert population_weight("smith") == pytest.approx(outside("smith"))
    assert rarity.weight(soleimani) == outside("soleimani") == 6.0
    assert rarity.weight(initial) == INITIAL_WEIGHT
    assert population_weight("xqzvbn") == math.inf


def related_pairs(a: Form, b: Form) -> list[tuple[int, int]]:
    return [(i, j) for _similarity, _weight, i, j, _how in all_pairs(a, b)]


@given(names | arabic, names | arabic, st.booleans())
def test_fast_alignment_is_the_plain_one(a: str, b: str, legal_forms: bool) -> None:  # noqa: FBT001
    """compare_forms chooses exactly the pairs, in the same order, that the plain greedy
    choice over every related pair (align of all_pairs) chooses."""
    rarity = Rarity({"ali": 40, "mohammad": 90, "qasem": 2, "llc": 300}, 1000)
    form_a = rarity.form(a, legal_forms=legal_forms)
    form_b = rarity.form(b, legal_forms=legal_forms)
    swapped = form_b.order < form_a.order
    first, second = (form_b, form_a) if swapped else (form_a, form_b)
    assert align_forms(first, second) == align(all_pairs(first, second), first, second)


@given(names | arabic, names | arabic)
def test_related_items_share_a_relation_key(a: str, b: str) -> None:
    """Two items that relate always have a relation key in common, or are an initial and
    a word it begins (which the alignment looks for apart), so that looking only at such
    pairs misses nothing."""
    rarity = Rarity()
    form_a, form_b = rarity.form(a), rarity.form(b)
    for i, j in related_pairs(form_a, form_b):
        item_a, item_b = form_a.items[i], form_b.items[j]
        assert not item_a.keys.isdisjoint(item_b.keys) or initials_meet(item_a, item_b)
    if related_pairs(form_a, form_b):
        assert not form_a.keys.isdisjoint(form_b.keys) or (
            form_a.initials & form_b.firsts or form_b.initials & form_a.firsts
        )


def test_a_word_item_is_built_once_per_rarity() -> None:
    """Names that share a word share its item (words recur across names)."""
    rarity = Rarity()
    first = rarity.form("Qasem Soleimani")
    second = rarity.form("Soleimani Ghasem")
    assert first.items[1] is second.items[0]


# ---------------------------------------------------------------- middle names left out


def test_middle_names_left_out_reach_the_threshold_for_people() -> None:
    """For people, the father's and grandfather's names left out (UN's HAMZA USAMA MUHAMMAD
    BIN LADEN for "Hamza bin Laden") no longer sink the score below the threshold, and a
    Western middle name left out (JOHN PAUL SMITH for "John Smith") neither."""
    assert score("Hamza bin Laden", "HAMZA USAMA MUHAMMAD BIN LADEN", kind="person") >= (
        DEFAULT_THRESHOLD
    )
    assert score("John Smith", "JOHN PAUL SMITH", kind="person") >= DEFAULT_THRESHOLD


def test_unrelated_people_stay_low() -> None:
    """The rule lowers the weight of tokens between matched ones only: two people with no
    name in common still score nothing."""
    assert score("Hamza Laden", "Peter Jones", kind="person") == 0.0
    assert score("Hamza Laden", "HAMZA USAMA MUHAMMAD BIN LADEN", kind="person") < 1.0


def test_surname_first_names_are_read_given_names_first() -> None:
    """``SURNAME, Given names`` is read as ``Given names SURNAME`` for what lies between:
    the given names and the surname are the ends, so OFAC's BIN LADIN, Usama bin Muhammad
    bin Awad scores as its given-names-first spelling against "Usama bin Ladin"."""
    listed = score("Usama bin Ladin", "BIN LADIN, Usama bin Muhammad bin Awad", kind="person")
    written = score("Usama bin Ladin", "Usama bin Muhammad bin Awad BIN LADIN", kind="person")
    assert listed == written
    assert listed >= DEFAULT_THRESHOLD


def test_middle_name_rule_is_for_people_only() -> None:
    """Names of companies (no kind, or kind "company") have no middle names: BANK IRAN,
    matched whole against BANK MELLI IRAN, counts MELLI as a word left out
    (OMITTED_UNMATCHED of its weight, 6 outside a list), and a person's name counts it
    as a middle name left out (MIDDLE_UNMATCHED of its weight)."""
    words = 2 * 6.0
    company = round(words / (words + 6.0 * OMITTED_UNMATCHED / 2), 4)
    assert score("BANK IRAN", "BANK MELLI IRAN") == company
    assert score("BANK IRAN", "BANK MELLI IRAN", kind="company") == company
    person = round(words / (words + 6.0 * MIDDLE_UNMATCHED / 2), 4)
    assert score("BANK IRAN", "BANK MELLI IRAN", kind="person") == person


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("John Paul", "JOHN PAUL SMITH"),
        ("Paul Smith", "JOHN PAUL SMITH"),
        ("Paul Smith", "SMITH, John Paul"),
    ],
)
def test_leading_or_trailing_tokens_count_in_full(query: str, listed: str) -> None:
    """For people, an unmatched first or last token (in name order) is not a middle name,
    and two words are too few to call the rest left out (OMITTED_MIN_PERSON): it counts
    in full, matched / (matched + unmatched / 2), each word weighing 6 outside a list or
    its rarity among people if less (JOHN, PAUL and SMITH are common names)."""
    assert OMITTED_MIN_PERSON > 2
    matched = sum(outside(word) for word in query.casefold().split())
    (left,) = set(listed.casefold().replace(",", "").split()) - set(query.casefold().split())
    expected = round(matched / (matched + outside(left) / 2), 4)
    assert score(query, listed, kind="person") == expected
    rows = compare_names(query, listed, kind="person").explanation.tokens
    assert [row.how for row in rows if not row.query] == ["unmatched name"]


def test_explanation_says_middle_name_with_its_lesser_weight() -> None:
    """The explanation says "unmatched middle name" for a middle name left out, with its
    weight times MIDDLE_UNMATCHED (6 outside a list, or its rarity among people if less),
    and its summary says so too."""
    comparison = compare_names("John Smith", "JOHN PAUL SMITH", kind="person")
    rows = comparison.explanation.tokens
    unmatched = [row for row in rows if not row.query]
    assert [(row.candidate, row.how, row.weight) for row in unmatched] == [
        ("paul", "unmatched middle name", round(outside("paul") * MIDDLE_UNMATCHED, 3))
    ]
    assert "paul: unmatched middle name" in comparison.explanation.summary


@given(names, names)
def test_compare_is_symmetric_for_people(a: str, b: str) -> None:
    """With kind "person" (middle names left out count less), compare_names(a, b) and
    compare_names(b, a) still give the same score."""
    assert score(a, b, kind="person") == score(b, a, kind="person")


@given(names)
def test_a_person_scores_one_against_itself(name: str) -> None:
    """With kind "person", a name still scores exactly 1.0 against itself."""
    assert score(name, name, kind="person") == 1.0


def test_middle_name_rule_is_off_for_names_in_chinese_characters() -> None:
    """A name in Chinese characters has a token per syllable, and the second syllable of a
    given name is no middle name: against 陈梅 (chen mei), the hsiang of CHEN, Mei Hsiang
    counts in full, as it would without the rule; so it does for "Chen Mei" in Latin
    letters, a name of syllables (round 6), while a name that is not one of syllables
    ("Chen Meiling") has the left-out word count less."""
    assert score("陈梅", "CHEN, Mei Hsiang", kind="person") == round(12.0 / (12.0 + 3.0), 4)
    assert score("Chen Mei", "CHEN, Mei Hsiang", kind="person") == score(
        "陈梅", "CHEN, Mei Hsiang", kind="person"
    )
    assert score("Chen Meiling", "CHEN, Meiling Hsiang", kind="person") > score(
        "陈梅", "CHEN, Mei Hsiang", kind="person"
    )


def test_cache_keys_hold_plain_values_the_collector_lets_go() -> None:
    """The keys of a Rarity's item cache and of each item hold strings, booleans and plain
    ints, never a Role member: a tuple of such values is untracked by the garbage
    collector, where one holding an enum member stays tracked (and walked by every full
    collection) for as long as the cache keeps it."""
    import gc  # noqa: PLC0415 - this test only

    from sanctions_tracker.screening._compare import Rarity, make_form  # noqa: PLC0415

    rarity = Rarity()
    form = make_form("Bank Melli Iran PJSC NIOC", rarity)
    item_keys: list[tuple[object, ...]] = [item.key for item in form.items]
    cache_keys = list(rarity._items)
    assert item_keys
    assert cache_keys
    parts: list[object] = [part for key in item_keys for part in key]
    parts.extend(part for key in cache_keys for pair in key for part in pair)
    assert all(type(part) in {str, bool, int} for part in parts)
    gc.collect()
    gc.collect()  # (a tuple of tuples is let go once the tuples in it are)
    assert not [key for key in rarity._items if gc.is_tracked(key)]
