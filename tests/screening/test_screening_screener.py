"""Screener on the real SDN list: examples, qualifiers, the index against a full scan, batches."""

from __future__ import annotations

import datetime as dt
import gc
import importlib
import multiprocessing
import pickle
import random
from pathlib import Path

import attrs
import pytest

import sanctions_tracker as st
from sanctions_tracker._convert import unstructure
from sanctions_tracker.errors import QueryError
from sanctions_tracker.records import Designation, Name, NameKind, PartialDate, Party, PartyKind
from sanctions_tracker.screening import DEFAULT_THRESHOLD, Match, NameStrength, Screener
from sanctions_tracker.screening._compare import (
    CONSONANTS_MIN,
    Item,
    is_initial,
    lookup_keys,
    relate,
)
from sanctions_tracker.screening._screener import (
    _LABEL,
    _MORE,
    _SPAN_FIELD,
    _TEXT,
    BIRTH_DATE_CONTRADICTS,
    BIRTH_DATE_NEAR,
    WEAK_ALIAS,
    _start_worker,
    _VocabularyItem,
)
from screening_checks import assert_index_as_scan

# conftest is on pytest's path (pythonpath = ["tests"]) but not on mypy's when this folder
# is checked alone, hence the import by name.
SHARED_DATA: Path = importlib.import_module("conftest").SHARED_DATA
SDN = SHARED_DATA / "ofac-sdn" / "sdn-2024-05-03.csv.gz"
COMPANIONS = SHARED_DATA / "ofac-csv-companions"

pytestmark = pytest.mark.skipif(not SDN.exists(), reason="no shared data")


@pytest.fixture(scope="module")
def designations() -> tuple[Designation, ...]:
    tracker = st.load(
        SDN,
        COMPANIONS / "alt.csv.gz",
        COMPANIONS / "add.csv.gz",
        COMPANIONS / "sdn_comments.csv",
    )
    return tracker.designations()


@pytest.fixture(scope="module")
def screener(designations: tuple[Designation, ...]) -> Screener:
    return Screener(designations)


def first(screener: Screener, name: str, **kwargs: object) -> str | None:
    matches = screener.screen(name, **kwargs)  # type: ignore[arg-type]
    return matches[0].designation_id if matches else None


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Qassem Soleimani", "us-ofac-sdn:10481"),
        ("Ebrahim Raeisi", "us-ofac-sdn:27844"),
        ("Quds Force", "us-ofac-sdn:10465"),
        ("Ghasem Soleymani", "us-ofac-sdn:10481"),
        ("قاسم سلیمانی", "us-ofac-sdn:10481"),
        ("Soleimani Qasem", "us-ofac-sdn:10481"),
    ],
)
def test_issue_examples_come_first(screener: Screener, query: str, expected: str) -> None:
    """The issue's examples find their record first."""
    assert first(screener, query) == expected


def test_putin_in_cyrillic_finds_putin(screener: Screener) -> None:
    """Владимир Путин finds PUTIN, Vladimir Vladimirovich."""
    matches = screener.screen("Владимир Путин")
    assert "PUTIN" in matches[0].name
    assert matches[0].score >= DEFAULT_THRESHOLD


def test_george_bush_has_no_hit(screener: Screener) -> None:
    """George Bush matches nothing above the threshold."""
    assert screener.screen("George Bush") == ()


def test_emma_daniels_has_no_hit(screener: Screener) -> None:
    """A made-up person sharing a given name with a company is no hit."""
    assert screener.screen("emma daniels") == ()


def test_match_says_which_name_matched(screener: Screener) -> None:
    """A match names the designation, its primary name and the alias that matched."""
    (match, *_) = screener.screen("Quds Force")
    assert match.designation_id == "us-ofac-sdn:10465"
    assert match.name == match.designation.party.name
    assert match.matched_name.full == "QUDS FORCE"
    assert match.name_strength is NameStrength.STRONG_ALIAS
    assert match.score == 1.0


def test_matches_are_ordered_best_first_and_limited(screener: Screener) -> None:
    """Matches come best first, at or above the threshold, at most ``limit`` of them."""
    matches = screener.screen("Mohammad Ali", threshold=0.7, limit=5)
    scores = [match.score for match in matches]
    assert len(matches) == 5
    assert scores == sorted(scores, reverse=True)
    assert min(scores) >= 0.7


def test_weak_alias_is_marked_and_scores_lower() -> None:
    """A weak alias matches, says so, and scores below the same name as a strong alias:
    spelt exactly, it stays below the default threshold on its own and alerts when a
    birth date given agrees with the record (OFAC: weak aliases confirm a match that other
    identifying information points to)."""
    party = Party(
        kind=PartyKind.INDIVIDUAL,
        names=(Name("DOE, John"), Name("JOHNNY BOY", NameKind.AKA, weak=True)),
        birth_dates=(PartialDate(1970, 5, 2),),
    )
    screener = Screener(
        [Designation(id="t:1", list_id="t", party=party, programs=("P",), sources=("s",))]
    )
    assert not screener.screen("Johnny Boy")
    (match,) = screener.screen("Johnny Boy", threshold=0.5)
    assert match.name_strength is NameStrength.WEAK_ALIAS
    assert match.score == WEAK_ALIAS < DEFAULT_THRESHOLD
    assert "weak alias" in match.explanation.summary
    (confirmed,) = screener.screen("Johnny Boy", birth_date=1970)
    assert confirmed.score >= DEFAULT_THRESHOLD
    assert "as the record says" in confirmed.explanation.summary


def test_contradicting_birth_date_lowers_and_says_so(screener: Screener) -> None:
    """A birth year that contradicts the record's lowers the score, and the reason says so."""
    (plain, *_) = screener.screen("Qasem Soleimani")
    (wrong, *_) = screener.screen("Qasem Soleimani", birth_date=1980, threshold=0.5)
    (right, *_) = screener.screen("Qasem Soleimani", birth_date=dt.date(1957, 3, 11))
    assert wrong.score < plain.score
    assert "but the record says 1957-03-11" in wrong.explanation.summary
    assert right.score >= plain.score
    assert right.explanation.adjustments[0].change >= 0


def test_birth_date_a_year_off_is_a_small_contradiction(screener: Screener) -> None:
    """A birth date a year or less from the record's (lists often disagree by one) keeps
    BIRTH_DATE_NEAR of the score and still alerts on a name that matches well; a day more
    than a year away is a contradiction (BIRTH_DATE_CONTRADICTS). Soleimani's listed birth
    date is 1957-03-11 on the SDN list."""
    listed = dt.date(1957, 3, 11)
    (plain, *_) = screener.screen("Qasem Soleimani")
    year = dt.timedelta(days=366)
    (near, *_) = screener.screen("Qasem Soleimani", birth_date=listed - year)
    (far, *_) = screener.screen(
        "Qasem Soleimani", birth_date=listed - year - dt.timedelta(days=1), threshold=0.5
    )
    (next_year, *_) = screener.screen("Qasem Soleimani", birth_date=1958)
    assert near.score == pytest.approx(plain.score * BIRTH_DATE_NEAR, abs=1e-4)
    assert next_year.score == pytest.approx(plain.score * BIRTH_DATE_NEAR, abs=1e-4)
    assert near.score >= DEFAULT_THRESHOLD
    assert "(within a year)" in near.explanation.summary
    assert far.score == pytest.approx(plain.score * BIRTH_DATE_CONTRADICTS, abs=1e-4)
    assert "(within a year)" not in far.explanation.summary


def test_other_country_lowers_the_score(screener: Screener) -> None:
    """A country the record is not tied to lowers the score; its own country does not."""
    (plain, *_) = screener.screen("Qassem Soleimani")
    (elsewhere, *_) = screener.screen("Qassem Soleimani", country="France", threshold=0.5)
    (home, *_) = screener.screen("Qassem Soleimani", country="IR")
    assert elsewhere.score < plain.score <= home.score
    assert "France is not among the record's countries" in elsewhere.explanation.summary


def test_other_kind_lowers_the_score(screener: Screener) -> None:
    """A vessel is not a person: asking for a vessel lowers a person's score."""
    (person, *_) = screener.screen("Qasem Soleimani", kind="person")
    (vessel, *_) = screener.screen("Qasem Soleimani", kind="vessel", threshold=0.3)
    assert vessel.score < person.score
    assert "the record is a person, not a vessel" in vessel.explanation.summary


def test_a_record_of_unknown_kind_contradicts_no_kind() -> None:
    """A list that does not say what a party is (the BIS lists) gives no ground to lower
    the score of a person or a company asked for; a record said to be a vessel is lowered."""

    def record(number: int, kind: PartyKind) -> Designation:
        party = Party(kind=kind, names=(Name("Khalil Zadran"),))
        return Designation(
            id=f"t:{number}", list_id="t", party=party, programs=("P",), sources=("s",)
        )

    screener = Screener([record(1, PartyKind.UNKNOWN), record(2, PartyKind.VESSEL)])
    for kind in ("person", "company"):
        scores = {
            m.designation_id: m for m in screener.screen("Khalil Zadran", kind=kind, threshold=0.1)
        }
        assert scores["t:1"].score == 1.0
        assert scores["t:1"].explanation.adjustments == ()
        assert scores["t:2"].score < 1.0


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"kind": "planet"}, "unknown kind"),
        ({"country": "Atlantis"}, "unknown country"),
        ({"threshold": 1.5}, "threshold must be between 0 and 1"),
        ({"birth_date": "1957"}, "birth_date must be"),
        ({"limit": 0}, "limit must be at least 1"),
    ],
)
def test_bad_qualifiers_are_query_errors(
    screener: Screener, arguments: dict[str, object], message: str
) -> None:
    """Unknown kinds and countries, a bad threshold, date or limit raise QueryError."""
    with pytest.raises(QueryError, match=message):
        screener.screen("Qasem Soleimani", **arguments)  # type: ignore[arg-type]


def test_empty_query_is_a_query_error(screener: Screener) -> None:
    """An empty or unreadable query string raises QueryError."""
    with pytest.raises(QueryError, match="no name to screen"):
        screener.screen(" ,- ")


def test_index_finds_what_a_full_scan_finds(
    screener: Screener, designations: tuple[Designation, ...]
) -> None:
    """On real queries (aliases with a typo, reordered names), the candidate index returns
    exactly the matches a scan of every name returns, at two thresholds."""
    rng = random.Random(7)  # noqa: S311 - a reproducible sample, not a secret
    queries = ["Qassem Soleimani", "Mohammad", "Bank", "Kim Jong Un", "Hossein Salami"]
    for designation in rng.sample(designations, 20):
        name = rng.choice(designation.party.names).full
        surname, _, given = name.partition(",")
        text = f"{given} {surname}".strip()
        if len(text) > 5:
            cut = rng.randrange(1, len(text) - 1)
            text = text[:cut] + text[cut + 1 :]
        queries.append(text)
    for threshold in (DEFAULT_THRESHOLD, 0.6):
        assert_index_as_scan(screener, [(query, None) for query in queries], threshold)


def test_screen_many_in_two_processes_matches_one_by_one(screener: Screener) -> None:
    """screen_many with two workers gives the same matches as screen, in order, and
    reports progress up to the total."""
    names = ["Qassem Soleimani", "George Bush", "Quds Force", "Ebrahim Raeisi"] * 30
    seen: list[tuple[int, int]] = []
    batch = screener.screen_many(
        names, workers=2, progress=lambda done, total: seen.append((done, total))
    )
    assert len(batch) == len(names)
    assert batch[:4] == tuple(screener.screen(name) for name in names[:4])
    assert seen[-1] == (len(names), len(names))


def test_screen_many_leaves_the_collector_of_this_process_alone(screener: Screener) -> None:
    """While screen_many's forked workers run, this process's garbage collector is not
    frozen (a process-wide setting the library does not touch); each worker freezes what
    it inherited, first thing, in its own process."""
    frozen_here: list[int] = []
    screener.screen_many(
        ["Qassem Soleimani", "Quds Force"] * 40,
        workers=2,
        progress=lambda _done, _total: frozen_here.append(gc.get_freeze_count()),
    )
    assert frozen_here
    assert set(frozen_here) == {0}
    context = multiprocessing.get_context("fork")
    job = (screener, None, DEFAULT_THRESHOLD, WEAK_ALIAS, 10)
    with context.Pool(1, initializer=_start_worker, initargs=(job,)) as pool:
        assert pool.apply(gc.get_freeze_count) > 0
    assert gc.get_freeze_count() == 0


def test_screen_many_names_the_bad_row(screener: Screener) -> None:
    """A row that cannot be screened is reported with its position, not skipped."""
    with pytest.raises(QueryError, match="name 2 of the batch"):
        screener.screen_many(["Qasem Soleimani", "  ", "Quds Force"])


def test_matches_unstructure_to_json_data(screener: Screener) -> None:
    """A match turns into JSON-ready data with the project converter."""
    (match, *_) = screener.screen("Qassem Soleimani")
    data = unstructure(match)
    assert data["designation_id"] == "us-ofac-sdn:10481"
    assert data["name_strength"] == "primary"
    assert data["explanation"]["tokens"][0]["how"] == "exact"
    assert data["designation"]["id"] == "us-ofac-sdn:10481"


def test_match_explanation_read_later_is_the_same(screener: Screener) -> None:
    """A match's explanation, written when first read, is the same whenever it is read;
    the match unstructures alike read or not, and equals a match built with it at once."""
    unread = screener.screen("Qassem Soleimani", birth_date=1980, country="FR", threshold=0.5)
    later = screener.screen("Qassem Soleimani", birth_date=1980, country="FR", threshold=0.5)
    screener.screen("Quds Force")[0].explanation  # noqa: B018 - other work in between
    assert [unstructure(m) for m in unread] == [unstructure(m) for m in later]
    for match in later:
        eager = Match(**{field.name: getattr(match, field.name) for field in attrs.fields(Match)})
        assert eager == match
        assert hash(eager) == hash(match)
        assert unstructure(eager) == unstructure(match)
    assert "born 1980, but the record says 1957-03-11" in later[0].explanation.summary


def middle_left_out(designations: tuple[Designation, ...], count: int) -> list[str]:
    """Names of sampled people of three words or more, given names first, with the words
    between the first and the last left out (one of them, or all of them)."""
    rng = random.Random(11)  # noqa: S311 - a reproducible sample, not a secret
    people = []
    for designation in designations:
        if designation.party.kind is PartyKind.INDIVIDUAL:
            surname, _, given = designation.party.name.partition(",")
            words = f"{given} {surname}".split()
            if len(words) >= 3:
                people.append(words)
    queries = []
    for number, words in enumerate(rng.sample(people, count)):
        if number % 2:
            queries.append(f"{words[0]} {words[-1]}")
        else:
            left_out = rng.randrange(1, len(words) - 1)
            queries.append(" ".join(words[:left_out] + words[left_out + 1 :]))
    return queries


def test_middle_names_left_out_score_as_compared(
    screener: Screener, designations: tuple[Designation, ...]
) -> None:
    """For people, the screener scores a name with middle names left out exactly as
    compare (kind "person", the same rarities) does, middle-name rule included; and the
    rule lifts some of them (the record found) where the full weight would not. Names in
    Chinese characters are left without the rule by both."""
    counted = 0
    for query in [*middle_left_out(designations, 40), "陈梅", "陈玉梅", "Chen Mei"]:
        for match in screener.screen(query, kind="person", threshold=0.5, limit=50):
            if match.designation.party.kind is not PartyKind.INDIVIDUAL:
                continue
            compared = screener.compare(query, match.matched_name.full, kind="person")
            assert match.explanation.name_score == compared.score, (query, match.matched_name)
            assert sorted(match.explanation.tokens, key=repr) == sorted(
                compared.explanation.tokens, key=repr
            )
            counted += any(row.how == "unmatched middle name" for row in match.explanation.tokens)
    assert counted > 10


def test_index_finds_what_a_full_scan_finds_with_middle_names_left_out(
    screener: Screener, designations: tuple[Designation, ...]
) -> None:
    """With middle names counting less (so that the bound of the candidate index must allow
    for them), the index still returns exactly what a full scan returns, on names of
    people with middle names left out and on long names given in full, at two thresholds."""
    queries = middle_left_out(designations, 12)
    queries += ["Usama bin Muhammad bin Awad bin Ladin", "Hamza bin Laden", "Ali Hassan Mohammad"]
    for threshold, kind in ((DEFAULT_THRESHOLD, None), (0.6, "person")):
        assert_index_as_scan(screener, [(query, kind) for query in queries], threshold)


def test_index_finds_what_a_full_scan_finds_on_hard_queries(screener: Screener) -> None:
    """Queries the candidate bounds are most likely to get wrong return exactly what a
    scan of every name returns (a full scan aligns every name related to the query, with
    no bound): a word nothing on the list is related to beside a legal form, a title
    beside a misspelt name, names in Arabic script, a word run together from two list
    words with a number, a long name with a misspelt common given name; at three
    thresholds, with a birth date and a country that raise the score of records that fit
    (so that the floor of the name score is lower than the threshold)."""
    queries = [
        "Hornich KG",
        "Щукина Лимитед",
        "Sheikh HSSAN",
        "السادة Group",
        "FU YUANYU 8678",
        "Muhmmad Jamal 'Abd-Al Rahim AL-KASHIF",
        "Abd AlAziz AWDA",
        "Li Na WEI",
    ]
    settings: list[dict[str, object]] = [
        {"threshold": DEFAULT_THRESHOLD},
        {"threshold": 0.6},
        {"threshold": 0.5, "birth_date": 1960, "country": "Iran"},
    ]
    found = 0
    for query in queries:
        for kwargs in settings:
            indexed = screener.screen(query, limit=50, **kwargs)  # type: ignore[arg-type]
            scanned = screener.screen(query, limit=50, full_scan=True, **kwargs)  # type: ignore[arg-type]
            assert [(m.designation_id, m.score) for m in indexed] == [
                (m.designation_id, m.score) for m in scanned
            ], (query, kwargs)
            found += len(scanned)
    assert found > 50  # the queries do find names: the comparison is not of empty lists


def test_a_name_matched_whole_by_words_joined_is_found() -> None:
    """A name whose words are matched whole with fewer query words than it has (two of
    them joined in one pair: ``YUANYU`` for ``YUAN IU``) lets the query's other words
    count less: the index finds it as a full scan does, at three thresholds."""
    names = [
        "FU YUAN YU 8678",
        "FU YUAN IU",
        "HAI YUAN",
        "YUAN HANG 8",
        "FU XING",
        "YUANYI STAR",  # a spelling variant of YUANYU: the query's word is not split
        "OCEAN STAR",
    ]
    designations = [
        Designation(
            id=f"x:{number}",
            list_id="x",
            party=Party(kind=PartyKind.VESSEL, names=(Name(text),)),
            programs=("P",),
            sources=("s",),
        )
        for number, text in enumerate(names)
    ]
    screener = Screener(designations)
    for threshold in (DEFAULT_THRESHOLD, 0.7, 0.5):
        indexed = screener.screen("FU YUANYU 8678", threshold=threshold, limit=50)
        scanned = screener.screen("FU YUANYU 8678", threshold=threshold, limit=50, full_scan=True)
        assert [(m.designation_id, m.score) for m in indexed] == [
            (m.designation_id, m.score) for m in scanned
        ]
    matched = {m.designation_id: m for m in screener.screen("FU YUANYU 8678", threshold=0.5)}
    assert "x:1" in matched
    rows = matched["x:1"].explanation.tokens
    assert any(row.candidate == "yuan iu" for row in rows)


def test_the_first_matches_are_those_of_a_full_scan(screener: Screener) -> None:
    """Once ``limit`` records are found, names that cannot beat the last of them are not
    worked out (the floor rises): the matches returned are still the first ``limit`` of a
    full scan, ties included, for queries with many more matches than the limit."""
    for query, threshold in (("Mohammad Ali", 0.6), ("Ali Hassan", 0.6)):
        scanned = screener.screen(query, threshold=threshold, limit=200, full_scan=True)
        assert len(scanned) > 12, query  # many more than the limits below
        for limit in (1, 3, 10):
            indexed = screener.screen(query, threshold=threshold, limit=limit)
            assert [(m.designation_id, m.score) for m in indexed] == [
                (m.designation_id, m.score) for m in scanned[:limit]
            ], (query, limit)


def test_kept_relations_and_bounds_give_what_empty_caches_give(screener: Screener) -> None:
    """A screener keeps each query word's relations, and their bounds at each floor, for
    the next queries: queries sharing words, screened one after the other at other
    thresholds and with qualifiers that lower the floor, return exactly what a copy of
    the screener with empty caches (a pickle keeps none) returns for each alone."""
    asked: list[tuple[str, dict[str, object]]] = [
        ("Mohammad Ali", {"threshold": 0.6}),
        ("Ali Mohammad Hassan", {}),
        ("Mohammad", {"threshold": 0.7}),
        ("Ali Mohammad Hassan", {"threshold": 0.5, "birth_date": 1960, "country": "Iran"}),
        ("Mohammad Ali", {}),
        ("Bank Melli Iran", {"threshold": 0.6}),
        ("Melli Bank", {}),
    ]
    found = 0
    for query, kwargs in asked:
        kept = screener.screen(query, limit=20, **kwargs)  # type: ignore[arg-type]
        fresh = pickle.loads(pickle.dumps(screener))  # noqa: S301 - our own pickle
        alone = fresh.screen(query, limit=20, **kwargs)
        assert [(m.designation_id, m.score, m.explanation.name_score) for m in kept] == [
            (m.designation_id, m.score, m.explanation.name_score) for m in alone
        ], (query, kwargs)
        found += len(alone)
    assert found > 20  # the queries do find names: the comparison is not of empty lists


@pytest.mark.parametrize("letter", ["m", "a", "j", "q", "z"])
def test_an_initial_relates_to_what_relate_says(screener: Screener, letter: str) -> None:
    """An initial's relations to the list's words are told from the vocabulary's rows,
    without building the items: for every vocabulary item its keys bring, they are
    exactly those relate() gives when asked of each item built (the words it begins,
    the initial itself, and whatever the other rules say of the rest)."""
    query = screener.rarity.form(f"{letter}. Smith", legal_forms=False)
    item = query.items[0]
    assert is_initial(item)
    vids = screener._filed_for(item, abjad=False)
    expected = []
    for vid in vids:
        hit = relate(item, _VocabularyItem(screener._rows[vid]), abjad=False)
        if hit is not None:
            expected.append((vid, *hit))
    found = screener._relate_filed(item, vids, abjad=False).relations()
    assert found == expected
    assert sum(how == "initial" for _vid, _s, how in found) > 100  # words it begins


def _skipped_of_relate(screener: Screener, item: Item, text: str, *, abjad: bool) -> int:
    """Check that the relations ``_filed_for`` and ``_relate_filed`` find for a query
    item are exactly those relate() gives over every item filed under any of its lookup
    keys; how many of those ``_filed_for`` did not ask about."""
    every: set[int] = set()
    for key in lookup_keys(item):
        if key[0] != "c" or abjad or len(key[1]) >= CONSONANTS_MIN:
            every.update(screener._filed_under(key))
    expected = [
        (vid, *hit)
        for vid in sorted(every)
        if (hit := relate(item, _VocabularyItem(screener._rows[vid]), abjad=abjad))
    ]
    asked = screener._filed_for(item, abjad=abjad)
    assert screener._relate_filed(item, asked, abjad=abjad).relations() == expected, text
    return len(every) - len(asked)


@pytest.mark.parametrize("abjad", [False, True])
def test_short_words_skip_only_what_relate_rejects(screener: Screener, *, abjad: bool) -> None:
    """A word of three letters or fewer is not asked about the vocabulary items of its
    length that only its deletion keys bring (``_filed_for``): for every such word of the
    SDN list, and each with its last two letters swapped (a typo), the relations found
    are exactly those relate() gives over every item filed under any of its keys, and
    some items were skipped (so the check is not of an empty set)."""
    texts = {
        row[_TEXT] for row in screener._rows if not row[_SPAN_FIELD] and 2 <= len(row[_TEXT]) <= 3
    }
    texts |= {text[:-2] + text[-1] + text[-2] for text in texts}
    skipped = 0
    for text in sorted(texts):
        for item in screener.rarity.form(text, legal_forms=False).items:
            skipped += _skipped_of_relate(screener, item, text, abjad=abjad)
    assert skipped > 1000


@pytest.mark.parametrize("abjad", [False, True])
def test_words_joined_skip_only_what_relate_rejects(screener: Screener, *, abjad: bool) -> None:
    """Words joined are not asked about the vocabulary's words joined, nor, but where the
    name was written in Arabic script, about the words their consonant key brings
    (``_filed_for``): for the words joined of every list name of two to four words (one
    in seven, and each with its last two letters swapped, a typo), the relations found
    are exactly those relate() gives over every item filed under any of its keys, and
    some items were skipped (so the check is not of an empty set)."""
    labels = sorted(
        {
            row[_LABEL]
            for row in screener._rows
            if row[_SPAN_FIELD] and not row[_MORE][0] and 2 <= len(row[_LABEL].split()) <= 4
        }
    )[::7]
    labels += [text[:-2] + text[-1] + text[-2] for text in labels]
    skipped = checked = 0
    for text in labels:
        for item in screener.rarity.form(text, legal_forms=False).items:
            if item.span and not item.acronym:
                skipped += _skipped_of_relate(screener, item, text, abjad=abjad)
                checked += 1
    assert checked > 1000
    assert skipped > 1000
