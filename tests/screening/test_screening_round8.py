"""A name of an organisation or a vessel that is one rare word (issue 12, round 8).

``ROSNEFT`` is a name of the entry ``OPEN JOINT STOCK COMPANY ROSNEFT OIL COMPANY``, and
before this round the two met at 0.74: a name must match two words or more for the other
name's extra words to count as words it leaves out. One rare word now suffices for names
of organisations and vessels when one of the two names is that one word (legal forms
aside), the word is the same on both sides, has four letters or more and is no name people
bear. People's names keep the rule of three words. The pairs the tests read are found by a
plain parse of the SDN list's names, not by the screening."""

from __future__ import annotations

import random

import sanctions_tracker as st
from sanctions_tracker.records import Designation, PartyKind
from sanctions_tracker.screening import DEFAULT_THRESHOLD, Screener
from sanctions_tracker.screening._compare import SINGLE_WORD_LETTERS, one_word, whole_least
from sanctions_tracker.screening._normalise import Role, normalise, population_share
from screening_checks import assert_index_as_scan


def _one_word_pairs(sdn: tuple[Designation, ...]) -> list[tuple[str, str]]:
    """(one-word name, longer name holding the word) of one SDN organisation or vessel, the
    word of SINGLE_WORD_LETTERS letters or more and no name people bear (US census table):
    read by splitting the normalised names, nothing else."""
    found = []
    for designation in sdn:
        if designation.party.kind is PartyKind.INDIVIDUAL:
            continue
        names = [name.full for name in designation.party.names]
        for name in names:
            tokens = normalise(name)
            words = [token.text for token in tokens if token.role is Role.NAME]
            if len(words) != 1 or any(token.role is Role.PARTICLE for token in tokens):
                continue
            word = words[0]
            if len(word) < SINGLE_WORD_LETTERS or population_share(word) > 0.0:
                continue
            for other in names:
                other_words = [t.text for t in normalise(other) if t.role is Role.NAME]
                if word in other_words and len(other_words) > 1 and len(other) < 300:
                    found.append((name, other))
    return found


def test_one_word_meets_the_longer_names_of_its_entry(
    sdn_tracker: st.Tracker, sdn_screener: Screener
) -> None:
    """Most SDN organisations and vessels named by one rare word meet their entry's longer
    names holding it (528 of 858 pairs; 56 before this round); ROSNEFT meets OJSC ROSNEFT
    OIL COMPANY."""
    pairs = _one_word_pairs(sdn_tracker.designations())
    assert len(pairs) > 300
    alerting = sum(sdn_screener.compare(a, b).score >= DEFAULT_THRESHOLD for a, b in pairs)
    assert alerting / len(pairs) > 0.5
    rosneft = sdn_screener.compare("ROSNEFT", "Open Joint Stock Company Rosneft Oil Company")
    assert rosneft.score >= DEFAULT_THRESHOLD


def test_a_people_name_or_a_short_word_is_not_matched_whole_alone(
    sdn_screener: Screener,
) -> None:
    """A vessel named with a given name (``THEODOROS``) does not meet a person's name that
    holds it; a word of three letters (``ESO``) or a name with a particle (``AL KHALDI``,
    ``LIANG BIN`` read from 梁彬) gets no such rule; people's names are not matched whole
    by one word (``Putin`` against ``PUTIN, Vladimir`` stays capped)."""
    assert sdn_screener.compare("Theodoros Ackermann", "THEODOROS").score < DEFAULT_THRESHOLD
    assert sdn_screener.compare("ESO", "HIZBALLAH ESO").score < DEFAULT_THRESHOLD
    assert sdn_screener.compare("مرشد الخالدي", "AL KHALDI COMPANY LLC").score < DEFAULT_THRESHOLD
    assert sdn_screener.compare("梁彬", "LIANG SHENG").score < DEFAULT_THRESHOLD
    putin = sdn_screener.compare("Putin", "PUTIN, Vladimir Vladimirovich", kind="person")
    assert putin.score < DEFAULT_THRESHOLD


def test_one_word_reads_roles() -> None:
    """one_word: one name word with legal forms at most; a particle or a second name word
    makes it another name; whole_least gives 1 only for organisations' one rare word."""
    assert one_word([token.role for token in normalise("DENA TANKERS FZE")]) is False
    assert one_word([token.role for token in normalise("DENA FZE")]) is True
    assert one_word([token.role for token in normalise("ROSNEFT")]) is True
    assert one_word([token.role for token in normalise("AL KHALDI")]) is False
    assert whole_least(person=False, one_rare_word=True) == 1
    assert whole_least(person=True, one_rare_word=True) == 3
    assert whole_least(person=False) == 2


def test_the_index_finds_one_word_names_as_a_full_scan_does(
    sdn_tracker: st.Tracker, sdn_screener: Screener
) -> None:
    """One-word names and longer names with words added, screened through the candidate
    index, return exactly what a scan of every name returns, at two thresholds (the
    index's bounds must let one-word names be matched whole)."""
    rng = random.Random(8)  # noqa: S311 - a reproducible sample, not a secret
    pairs = rng.sample(_one_word_pairs(sdn_tracker.designations()), 8)
    queries: list[tuple[str, str | None]] = []
    for short, longer in pairs:
        queries += [(short, None), (f"{short} TRADING COMPANY", None), (longer, None)]
    for threshold in (DEFAULT_THRESHOLD, 0.6):
        assert_index_as_scan(sdn_screener, queries, threshold)
