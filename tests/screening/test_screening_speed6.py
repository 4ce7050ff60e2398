"""The sixth round of speed work: the index's bounds let a name of an organisation or a
vessel be matched whole by one word (round 8's rule) only where a pair of the query may
be a rare word, and for a name that matches that query item's tokens; plain ASCII text is
put in Latin letters the short way. Each gives what the work it replaces gave."""

from __future__ import annotations

import random

import pytest

import sanctions_tracker as st
from conftest import SDN_WITH_COMPANIONS, SHARED_DATA
from sanctions_tracker.records import Designation, PartyKind
from sanctions_tracker.screening import DEFAULT_THRESHOLD, Screener
from sanctions_tracker.screening._compare import SINGLE_WORD_LETTERS, rare_pair
from sanctions_tracker.screening._normalise import (
    _APOSTROPHES,
    _DOTTED,
    Role,
    _in_latin,
    _latin,
    normalise,
)
from sanctions_tracker.screening._screener import _PERSON, _Query
from screening_checks import assert_index_as_scan

pytestmark = pytest.mark.skipif(not SDN_WITH_COMPANIONS[0].exists(), reason="no shared data")


def organisation_queries(sdn: tuple[Designation, ...], count: int, seed: int) -> list[str]:
    """For ``count`` sampled SDN organisations and vessels with a name of two words or
    more: its longest word alone, the name with words added, the name with its last word
    left out, and the name as listed (a plain split of the normalised name's words)."""
    rng = random.Random(seed)  # noqa: S311 - a reproducible sample, not a secret
    named = [
        name.full
        for designation in sdn
        if designation.party.kind in {PartyKind.ENTITY, PartyKind.VESSEL}
        for name in designation.party.names
        if len(name.full) < 120
    ]
    queries: list[str] = []
    for name in rng.sample(named, count * 4):
        words = [token.text for token in normalise(name) if token.role is Role.NAME]
        if len(words) < 2 or len(queries) >= count * 4:
            continue
        longest = max(words, key=len)
        queries += [longest, f"{name} TRADING COMPANY", " ".join(words[:-1]), name]
    return queries


def test_the_index_finds_what_a_full_scan_finds_for_organisations(
    sdn_screener: Screener, sdn_tracker: st.Tracker
) -> None:
    """Sampled SDN organisations' and vessels' names, as one word, with words added, with a
    word left out and as listed, screened through the candidate index, return exactly
    what a scan of every name returns, at two thresholds; some of them can be matched
    whole by a rare word, some cannot."""
    queries = organisation_queries(sdn_tracker.designations(), 14, seed=6)
    rare = [bool(sdn_screener._rare_items(_related(sdn_screener, text))) for text in queries]
    assert any(rare)
    assert not all(rare)
    for threshold in (DEFAULT_THRESHOLD, 0.6):
        assert_index_as_scan(sdn_screener, [(text, None) for text in queries], threshold)


def _related(sdn_screener: Screener, text: str, threshold: float = DEFAULT_THRESHOLD) -> _Query:
    """A query with its relations to the list's words found (as ``Screener._run`` does)."""
    query = sdn_screener._query(text, None, None, None, threshold)
    sdn_screener._find_related(query, full_scan=False)
    return query


def test_a_rare_word_pair_comes_from_an_item_the_bounds_allow(
    sdn_screener: Screener, sdn_tracker: st.Tracker
) -> None:
    """Every name of an organisation or a vessel that a query's alignment matches whole by
    one rare word (``Screener._one_rare_word``, scored with every name the query relates
    to) pairs a query item whose tokens are among ``_rare_items`` of the query with one of
    its ``rare_vids``: the bounds, which allow one word only to names holding one and
    matching those tokens, drop no such name. Queries of common
    given names and surnames alone (names people bear) have none; ``Putin`` is rare."""
    queries = organisation_queries(sdn_tracker.designations(), 10, seed=16)
    whole = 0
    for text in queries:
        query = sdn_screener._query(text, None, None, None, 0.6)
        sdn_screener._find_related(query, full_scan=False)
        query.floor = query.first_floor = 0.6 - 3e-9  # (as _run sets it)
        sdn_screener._bounds(query)
        query.bounded = False  # (each name scored with every rule)
        masks = sdn_screener._rare_items(query)
        items = query.form.items
        names = {
            name_id
            for related in query.related
            for vid in related.vids
            for group in range(len(sdn_screener._groups))
            for name_id in sdn_screener._postings(vid, group)
            if not sdn_screener._name_flags[name_id] & _PERSON
        }
        for name_id in names:
            _score, chosen = sdn_screener._score_name(query, name_id, 0.0)
            if not chosen or not sdn_screener._one_rare_word(query, name_id, chosen):
                continue
            whole += 1
            rare = [pair for pair in chosen if rare_pair([pair], items)]
            assert {query.form.masks[pair[2]] for pair in rare} <= set(masks), text
            start = sdn_screener._item_offsets[name_id]
            vids = {sdn_screener._item_vids[start + pair[3]] for pair in rare}
            assert vids <= set(query.rare_vids), text
    assert whole > 10
    for text in ("John Smith", "Mohammad Ali", "Maria Gonzalez", "ESO"):
        assert not sdn_screener._rare_items(_related(sdn_screener, text)), text
    assert sdn_screener._rare_items(_related(sdn_screener, "Vladimir Putin")) == (2,)


def test_rare_items_are_words_of_four_letters_or_more(sdn_screener: Screener) -> None:
    """A one-word query of a rare word (``ROSNEFT``) has its token among the rare items;
    a short code (``ESO``) and a word people bear (``THEODOROS``) do not."""
    assert sdn_screener._rare_items(_related(sdn_screener, "ROSNEFT")) == (1,)
    assert len("ESO") < SINGLE_WORD_LETTERS
    assert sdn_screener._rare_items(_related(sdn_screener, "ESO TRADING")) == ()
    assert sdn_screener._rare_items(_related(sdn_screener, "THEODOROS")) == ()


LISTS = (
    SHARED_DATA / "un-consolidated" / "consolidated_2026-02-27.xml.gz",
    SHARED_DATA / "eu-fsf" / "eu_legacy_2016-02-11_part.xml.gz",
    SHARED_DATA / "eu-fsf" / "eu_fsf_excerpt_2026-08-05_a.xml",
    SHARED_DATA / "uk-ofsi" / "ConList_2018-04-13.csv.gz",
    SHARED_DATA / "uk-sanctions-list" / "uk_sanctions_list_excerpt_2026-08-14.xml",
)
"""The UN, EU and UK lists whose names the Latin letters are checked on (with the SDN's)."""


def test_plain_ascii_text_in_latin_letters_the_short_way(sdn_tracker: st.Tracker) -> None:
    """Every name of the SDN, UN, EU and UK lists is put in Latin letters (``_latin``, with
    its short way for ASCII text) as the way for text of any script gives it
    (``_in_latin``, then apostrophes dropped and dotted initials joined); most are ASCII,
    some are not, and some have dots."""
    names = {name.full for d in sdn_tracker.designations() for name in d.party.names}
    for path in LISTS:
        names.update(
            name.full for d in st.load(path, bundled=False).designations() for name in d.party.names
        )
    for name in names:
        slow = _APOSTROPHES.sub("", _in_latin(name))
        slow = _DOTTED.sub(lambda match: match.group(0).replace(".", ""), slow)
        assert _latin(name) == slow, name
    plain = sum(name.isascii() for name in names)
    assert plain > 40_000
    assert len(names) - plain > 500
    assert sum("." in name for name in names) > 1000
