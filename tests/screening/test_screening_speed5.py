"""The fifth round of speed work: a class of candidates cut by its names' weight, first
given names worked out once, a word's spelling variants looked up key by key. Each gives
what the work it replaces gave."""

from __future__ import annotations

import pickle
import random

import pytest

import sanctions_tracker as st
from conftest import SDN_WITH_COMPANIONS
from sanctions_tracker.records import Designation
from sanctions_tracker.screening import DEFAULT_THRESHOLD, Screener, _screener
from sanctions_tracker.screening._compare import first_name_bit
from sanctions_tracker.screening._normalise import Role, normalise
from sanctions_tracker.screening._screener import _PERSON, _SPAN

pytestmark = pytest.mark.skipif(not SDN_WITH_COMPANIONS[0].exists(), reason="no shared data")


@pytest.fixture(scope="module")
def designations(sdn_tracker: st.Tracker) -> tuple[Designation, ...]:
    """The SDN list of 2024-05-03 with its companions (``sdn_tracker``)."""
    return sdn_tracker.designations()


def re_spelt(designations: tuple[Designation, ...], count: int, seed: int) -> list[str]:
    """``count`` list names, given names first, each with one letter dropped."""
    rng = random.Random(seed)  # noqa: S311 - a reproducible sample, not a secret
    queries = []
    for designation in rng.sample(designations, count):
        name = rng.choice(designation.party.names).full
        surname, _, given = name.partition(",")
        text = f"{given} {surname}".strip()
        cut = rng.randrange(1, len(text) - 1) if len(text) > 6 else 0
        queries.append(text[:cut] + text[cut + 1 :] if cut else text)
    return queries


def test_a_class_cut_by_weight_drops_only_names_below_the_threshold(
    sdn_screener: Screener, designations: tuple[Designation, ...]
) -> None:
    """A name whose unmatched weight (its bin) is above what a name holding only its
    query tokens may have (``_Bound.most_held`` of the tokens it holds an item related to,
    by the bound of its kind) scores below the threshold when aligned with every rule and
    no bound: on re-spelt list names at two thresholds, every such name of every query is
    scored, and there are many."""
    dropped = 0
    for threshold in (DEFAULT_THRESHOLD, 0.6):
        for text in re_spelt(designations, 50, seed=5):
            query = sdn_screener._query(text, None, None, None, threshold)
            sdn_screener._find_related(query, full_scan=False)
            query.floor = query.first_floor = threshold - 3e-9  # (as _run sets it)
            bounds = sdn_screener._bounds(query)
            query.bounded = False  # (each name scored with every rule)
            held: dict[int, int] = {}
            for related, mask in zip(query.related, query.form.masks, strict=True):
                for vid in related.vids:
                    for group in range(len(sdn_screener._groups)):
                        for name_id in sdn_screener._postings(vid, group):
                            held[name_id] = held.get(name_id, 0) | mask
            for name_id, covered in held.items():
                person = bool(sdn_screener._name_flags[name_id] & _PERSON)
                cut = bounds[person].most_held(covered)
                if sdn_screener._name_bins[name_id] <= max(cut, 0.0):
                    continue
                dropped += 1
                most = query.middle_most + sdn_screener._middle_most[name_id] if person else 0.0
                score, _pairs = sdn_screener._score_name(query, name_id, most)
                assert score < threshold - 1e-9, (text, sdn_screener._name(name_id).full)
    assert dropped > 1000


def test_the_index_with_the_cut_finds_what_a_full_scan_finds(
    sdn_screener: Screener, designations: tuple[Designation, ...]
) -> None:
    """Re-spelt list names screened through the index (classes cut by weight) return
    exactly the matches and scores a full scan returns, at two thresholds."""
    found = 0
    for threshold in (DEFAULT_THRESHOLD, 0.6):
        for text in re_spelt(designations, 40, seed=11):
            indexed = sdn_screener.screen(text, threshold=threshold, limit=50)
            scanned = sdn_screener.screen(text, threshold=threshold, limit=50, full_scan=True)
            assert [(m.designation_id, m.score) for m in indexed] == [
                (m.designation_id, m.score) for m in scanned
            ], text
            found += len(scanned)
    assert found > 40


def test_first_given_names_kept_give_what_a_fresh_screener_gives(sdn_screener: Screener) -> None:
    """The first given name of each name of a person scored is worked out once and kept:
    it is :func:`first_name_bit` of the name, and brothers' names (which differ in it only)
    screened after other queries score as they do on a sdn_screener with nothing kept."""
    queries = [
        "Ali Ben Taher Ben Faleh Ouni Harzi",
        "Tarak Ben Taher Ben Faleh Ouni Harzi",
        "Mohammad Ali Hassan",
        "Ali Mohammad Hassan",
    ]
    first = [
        [(m.designation_id, m.score) for m in sdn_screener.screen(q, threshold=0.6)]
        for q in queries
    ]
    assert sdn_screener._firsts
    for name_id, bit in sdn_screener._firsts.items():
        start = sdn_screener._item_offsets[name_id]
        vids = sdn_screener._item_vids[start : start + sdn_screener._name_tokens[name_id]]
        tokens = [sdn_screener._vocabulary_item(vid) for vid in vids]
        assert bit == first_name_bit(sdn_screener._name(name_id).full, tokens)
    fresh = pickle.loads(pickle.dumps(sdn_screener))  # noqa: S301 - our own pickle, no caches
    for query, found in zip(reversed(queries), reversed(first), strict=True):
        assert [(m.designation_id, m.score) for m in fresh.screen(query, threshold=0.6)] == found


def test_spelling_variants_looked_up_key_by_key(
    sdn_screener: Screener, designations: tuple[Designation, ...]
) -> None:
    """Whether the list has a word that sounds like a word or is a typo of it, looked up
    one key after another, is what all its keys looked up together say: for list words,
    typos of them and made-up words."""
    rng = random.Random(3)  # noqa: S311 - a reproducible sample, not a secret
    words: list[str] = []
    for designation in rng.sample(designations, 150):
        for token in normalise(designation.party.names[0].full):
            if token.role is Role.NAME and len(token.text) > 3:
                words.append(token.text)
                cut = rng.randrange(len(token.text))
                words.append(token.text[:cut] + token.text[cut + 1 :])
    words += ["".join(rng.choice("bcdfghjklmnpqrstvwxz") for _ in range(7)) for _ in range(30)]
    answers = set()
    for word in words:
        token = normalise(word)[0]
        keys = [("s", token.sound), ("d", token.text)]
        keys += [("d", token.text[:i] + token.text[i + 1 :]) for i in range(len(token.text))]
        expected = any(
            sdn_screener._roles[vid] != _SPAN
            for key in keys
            for vid in sdn_screener._filed_under(key)
        )
        assert sdn_screener._has_spelling_variant(token) is expected, word
        answers.add(expected)
    assert answers == {True, False}


def test_first_given_names_kept_are_dropped_when_too_many(
    sdn_screener: Screener, designations: tuple[Designation, ...], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first given names kept are all dropped once ``_ITEM_CACHE_LIMIT`` are (here made
    20), so that a long session keeps a bounded number: a copy of the sdn_screener that drops
    them again and again returns what one with room for all returns."""
    monkeypatch.setattr(_screener, "_ITEM_CACHE_LIMIT", 20)
    small = pickle.loads(pickle.dumps(sdn_screener))  # noqa: S301 - our own pickle, no caches
    queries = re_spelt(designations, 40, seed=17)
    found = [[(m.designation_id, m.score) for m in small.screen(q, threshold=0.6)] for q in queries]
    assert len(small._firsts) <= 20
    monkeypatch.undo()
    roomy = pickle.loads(pickle.dumps(sdn_screener))  # noqa: S301 - our own pickle, no caches
    assert [
        [(m.designation_id, m.score) for m in roomy.screen(q, threshold=0.6)] for q in queries
    ] == found
    assert len(roomy._firsts) > 20  # the queries score more names of people than the limit
