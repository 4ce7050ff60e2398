"""Normalisation: scripts, case, accents, punctuation, particles, legal forms, sound keys."""

from __future__ import annotations

import random
import string

import pytest
from rapidfuzz.distance import OSA

import sanctions_tracker as st
from sanctions_tracker.screening import normalise
from sanctions_tracker.screening._normalise import (
    _LONG_WORDS,
    _PHRASE_WORDS,
    _TYPO_MIN,
    LEGAL_FORM_CLASSES,
    Role,
    _misspelt,
    consonant_key,
    sound_key,
)
from sanctions_tracker.screening._normalise import words as normalise_words


def texts(name: str, *, legal_forms: bool = True) -> list[str]:
    return [token.text for token in normalise(name, legal_forms=legal_forms)]


def test_case_accents_and_punctuation_are_folded() -> None:
    """Case, accents and punctuation do not change the tokens; apostrophes join."""
    assert texts("Müller-Lüdenscheidt, José") == ["muller", "ludenscheidt", "jose"]
    assert texts("RA'EESI, Sayyid Ibrahim") == ["raeesi", "sayyid", "ibrahim"]


def test_hyphens_split_words() -> None:
    """Hyphens split words, so Bashir-ud-din and Bashir ud Din give the same tokens."""
    assert texts("Bashir-ud-din") == texts("Bashir ud Din") == ["bashir", "ud", "din"]


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("Владимир Путин", ["vladimir", "putin"]),
        ("习近平", ["xi", "jin", "ping"]),
        ("قاسم سليماني", ["qasm", "slimani"]),
    ],
)
def test_other_scripts_are_transliterated(written: str, expected: list[str]) -> None:
    """Cyrillic, Chinese (a token per syllable) and Arabic script become Latin tokens."""
    assert texts(written) == expected


@pytest.mark.parametrize(
    "variants",
    [
        ("qasem", "qassem", "ghasem"),
        ("soleimani", "suleimani", "soleymani", "sulaimani"),
        ("mohammad", "muhammad", "mohammed", "mohamad"),
        ("hossein", "husayn", "hussein", "husain"),
        ("abdullah", "abdulla"),
    ],
)
def test_transliteration_variants_share_a_sound_key(variants: tuple[str, ...]) -> None:
    """Common transliteration variants of one name have the same sound key."""
    assert len({sound_key(variant) for variant in variants}) == 1


def test_consonant_key_matches_arabic_script_spelling() -> None:
    """Arabic script leaves short vowels out; the consonant key bridges that."""
    assert consonant_key("soleimani") == consonant_key("slymny")
    assert consonant_key("qasem") == consonant_key("qsm")


def test_particles_and_titles_have_their_role() -> None:
    """al-, bin, abu, Sheikh, Hajji and Dr are particles or titles, not name tokens."""
    tokens = normalise("Dr Sheikh Hajji Abu Bakr bin Ali al-Baghdadi")
    roles = {token.text: token.role for token in tokens}
    assert [roles[word] for word in ("dr", "sheikh", "hajji", "abu", "bin", "al")] == [
        Role.PARTICLE
    ] * 6
    assert roles["baghdadi"] is Role.NAME


@pytest.mark.parametrize(
    ("name", "form"),
    [
        ("ACME LLC", "llc"),
        ("ACME LIMITED LIABILITY COMPANY", "llc"),
        ("ACME L.L.C.", "llc"),
        ("ACME CO.", "co"),
        ("OOO ACME", "ooo"),
        ("ACME AO", "ao"),
        ("ACME PJSC", "pjsc"),
        ("ACME PUBLIC JOINT STOCK COMPANY", "pjsc"),
        ("ACME GMBH", "gmbh"),
        ("ACME FZE", "fze"),
        ("ACME SANAYI VE TICARET LIMITED SIRKETI", "ltd"),
        ("ACME DIS TICARET SIRKETI", "sirketi"),
        ("OBSHCHESTVO S OGRANICHENNOI OTVETSTVENNOSTYU ACME", "ooo"),
    ],
)
def test_legal_forms_are_recognised(name: str, form: str) -> None:
    """Legal forms, abbreviated or written out, become one legal-form token."""
    legal = [token.text for token in normalise(name) if token.role is Role.LEGAL_FORM]
    assert legal == [form]


def test_people_have_no_legal_forms() -> None:
    """For people, words like AS or SA are names, not legal forms."""
    assert {token.role for token in normalise("Ali As Sa", legal_forms=False)} <= {
        Role.NAME,
        Role.PARTICLE,
    }


def test_patronymics_are_marked() -> None:
    """Russian and Turkic patronymics are marked (an unmatched one weighs less)."""
    tokens = normalise("PUTIN, Vladimir Vladimirovich")
    assert [token.patronymic for token in tokens] == [False, False, True]


def test_nothing_readable_gives_no_tokens() -> None:
    """A name of punctuation alone normalises to nothing."""
    assert normalise(" -- , . ") == ()


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("LIMITE LIABILITY COMPANY KVAZAR", ["llc", "kvazar"]),
        ("JOINTSTOCK COMPANY LOMO", ["jsc", "lomo"]),
        ("pubic joint stock company kvant", ["pjsc", "kvant"]),
        ("HESONG TRADING CORPOATION", ["hesong", "trading", "corporation"]),
        ("OPEL JOINT STOCK COMPANY", ["opel", "jsc"]),
        ("GRUPO CORPORATIVO", ["grupo", "corporativo"]),
    ],
)
def test_legal_forms_with_one_typo(name: str, expected: list[str]) -> None:
    """A written-out legal form with one typo is still read as one; a short word (OPEL)
    or two changed letters (CORPORATIVO) are not taken for a misspelt form."""
    assert [token.text for token in normalise(name)] == expected


def test_misspelt_long_words_read_as_by_the_whole_table(sdn_tracker: st.Tracker) -> None:
    """A word is compared only with the long words of :data:`_LONG_WORDS` within a letter
    of its length (``_LONG_WORDS_NEAR``): on every word of the SDN list's names and 300
    one-typo variants of each long word (a letter added, dropped, changed or two
    swapped), it reads as the first entry of the whole table it is one typo from, as
    a loop over all of it reads it; many are read as a long word, and some not."""
    words = {
        word
        for designation in sdn_tracker.designations()
        for name in designation.party.names
        for word in normalise_words(name.full)
    }
    chance = random.Random(12)  # noqa: S311 - typos for a test, not secrets
    for long_word, _reading in _LONG_WORDS:
        for _ in range(300):
            at = chance.randrange(len(long_word))
            letter = chance.choice(string.ascii_lowercase)
            words |= {
                long_word[:at] + letter + long_word[at:],
                long_word[:at] + long_word[at + 1 :],
                long_word[:at] + letter + long_word[at + 1 :],
                long_word[:at] + long_word[at + 1 : at + 2] + long_word[at] + long_word[at + 2 :],
            }

    def whole_table(word: str) -> str:
        if word in LEGAL_FORM_CLASSES or word in _PHRASE_WORDS or not word.isalpha():
            return word
        for long_word, reading in _LONG_WORDS:
            if (
                len(long_word) >= _TYPO_MIN
                and abs(len(word) - len(long_word)) <= 1
                and OSA.distance(word, long_word) <= 1
            ):
                return reading
        return word

    read = {word: whole_table(word) for word in words}
    assert {word: _misspelt(word) for word in words} == read
    assert sum(reading != word for word, reading in read.items()) > 1000
    assert sum(reading == word for word, reading in read.items()) > 1000
