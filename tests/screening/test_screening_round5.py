"""Russian adjectives by their stem, phrases of organisation words, Russian research and
production units by their abbreviation, names made with Allah or Abd al- in Arabic script,
Cyrillic capitals (issue 12)."""

from __future__ import annotations

import gzip
import json
import re
import xml.etree.ElementTree as ET  # only to read the UN's own list file, trusted here
from itertools import combinations

import pytest

import sanctions_tracker as st
from conftest import SDN_WITH_COMPANIONS, SHARED_DATA
from sanctions_tracker.records import Designation
from sanctions_tracker.screening import DEFAULT_THRESHOLD, Screener, compare_names
from sanctions_tracker.screening._arabic import romanise
from sanctions_tracker.screening._normalise import ORG_ABBREVIATIONS, normalise, words
from screening_checks import assert_index_as_scan

UN_2025 = SHARED_DATA / "un-consolidated" / "consolidated_2025-11-20.xml.gz"
FTM = SHARED_DATA / "opensanctions-ftm"
SECO = SHARED_DATA / "ch-seco" / "seco_excerpt_2026-08-15.xml"


@pytest.fixture(scope="module")
def designations() -> tuple[Designation, ...]:
    return st.load(*SDN_WITH_COMPANIONS).designations()


@pytest.fixture(scope="module")
def entries_by_name(designations: tuple[Designation, ...]) -> dict[str, set[str]]:
    """Every name on the SDN list of 2024-05-03 with its companions, to the entries that
    give it."""
    found: dict[str, set[str]] = {}
    for designation in designations:
        for name in designation.party.names:
            found.setdefault(name.full, set()).add(designation.id)
    return found


# Pairs of names that the SDN list of 2024-05-03 (with alt.csv) gives one entry.
RUSSIAN_STEMS = [
    ("MEZHDUNARODNY INVESTITSIONNY BANK", "INTERNATIONAL INVESTMENT BANK"),
    ("OAO MINSKI AVTOMOBILNYI ZAVOD", "OPEN JOINT STOCK COMPANY MINSK AUTOMOBILE PLANT"),
    ("AO ROSSIISKII EKSPORTNYI TSENTR", "JSC RUSSIAN EXPORT CENTER"),
    ("AFORRA MENEDZHMENT OOO", "LIMITED LIABILITY COMPANY AFORRA MANAGEMENT"),
]
PHRASES = [
    (
        "CJSC NON-STATE PENSION FUND OF SBERBANK",
        "JOINT STOCK COMPANY SBERBANK PRIVATE PENSION FUND",
    ),
    ("CHASTNAYA VOENNAYA KOMPANIYA 'VAGNER'", "PRIVATE MILITARY COMPANY 'WAGNER'"),
    ("AKTSIONERNOE OBSHCHESTVO NPO VYSOKOTOCHNYE KOMPLEKSY", "JSC NPO HIGH PRECISION SYSTEMS"),
    ("DESIGN BUREAU OF SPECIAL MACHINEBUILDING AO", "DESIGN BUREAU OF SPECIAL MACHINE-BUILDING"),
]
RESEARCH_UNITS = [
    (
        "AKTSIONERNOE OBSHCHESTVO NAUCHNO-PROIZVODSTVENNOE PREDPRIYATIE KONTAKT",
        "JOINT STOCK COMPANY SCIENTIFIC PRODUCTION ENTERPRISE KONTAKT",
    ),
    (
        "LLC RESEARCH AND PRODUCTION ASSOCIATION RADIOVOLNA",
        "LIMITED LIABILITY COMPANY NAUCHNO-PROIZVODSTVENNOYE OBYEDINENIYE RADIOVOLNA",
    ),
    ("OAO NAUCHNO-ISSLEDOVATELSKIY INSTITUT ELEKTRONNYKH VYCHISLITELNYKH MASHIN", "JSC NIIEVM"),
]


@pytest.mark.parametrize(("query", "listed"), RUSSIAN_STEMS + PHRASES + RESEARCH_UNITS)
def test_names_of_one_entry_in_two_languages_meet(
    entries_by_name: dict[str, set[str]], query: str, listed: str
) -> None:
    """Names OFAC gives one entry, one in transliterated Russian and one in English, meet
    at the threshold: Russian adjectives read by their stem with any ending (``AVTOMOBILNYI``
    is automobile, ``EKSPORTNYI`` export), phrases met by words joined (``NON-STATE`` is
    ``PRIVATE``, ``HIGH PRECISION`` is ``VYSOKOTOCHNYE``, ``MACHINE-BUILDING`` is
    ``MACHINEBUILDING``: two long words of a phrase are joined), and research and production
    units read as their abbreviation (``NAUCHNO-PROIZVODSTVENNOE PREDPRIYATIE`` and
    ``SCIENTIFIC PRODUCTION ENTERPRISE`` are NPP, ``NII EVM`` is ``NIIEVM``). Before these
    rules each pair scored below 0.8."""
    assert entries_by_name[query] & entries_by_name[listed]
    assert compare_names(query, listed).score >= DEFAULT_THRESHOLD


def test_a_phrase_is_reported_as_the_same_words_in_another_language() -> None:
    """``NON-STATE`` meets ``PRIVATE`` as the two tokens joined, and the explanation says
    so; the stem's words are "the same word in another form"."""
    comparison = compare_names(*PHRASES[0])
    rows = {row.how: (row.query, row.candidate) for row in comparison.explanation.tokens}
    assert rows["same words in another language"] == ("non state", "private")
    stems = compare_names(*RUSSIAN_STEMS[0]).explanation.tokens
    assert {row.query for row in stems if row.how == "same word in another form"} == {
        "mezhdunarodny",
        "investitsionny",
    }


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("PRIVATE PENSION FUND", "STATE PENSION FUND"),  # opposites
        ("GAZA TRADING", "GAS TRADING"),  # gaz is gas, but a stem has five letters at least
        ("AL-KHAIR COMPLEX", "AL-KHAIR SYSTEMS"),  # kompleks is both, complex is not system
        ("BENEVOLENCE INTERNATIONAL FOUNDATION", "BENEVOLENCE INTERNATIONAL FUND"),
        ("HIGH TECH SYSTEMS", "HIGH PRECISION SYSTEMS"),  # a phrase is its words together
    ],
)
def test_words_of_other_meanings_stay_apart(query: str, listed: str) -> None:
    """Hard negatives of the organisation words: opposites, a short stem, a word in two
    groups (Russian ``kompleks`` is a complex and a system: the two English words are not
    one), a fund and a foundation, a phrase's first word alone: each pair stays below the
    threshold."""
    assert compare_names(query, listed).score < DEFAULT_THRESHOLD


_UNIT_FORMS = {
    "npo": re.compile(
        r"\bNPO\b|NAUCHNO[- ]PROIZVODSTVENN\w* OB\w*EDINENI\w*|"
        r"(?:RESEARCH AND|SCIENTIFIC(?: AND)?) PRODUCTION ASSOCIATION"
    ),
    "npp": re.compile(
        r"\bNPP\b|NAUCHNO[- ]PROIZVODSTVENN\w* PREDPRI\w*|"
        r"(?:RESEARCH AND|SCIENTIFIC(?: AND)?) PRODUCTION ENTERPRISE"
    ),
}
"""A research and production unit, as the SDN list writes it: abbreviated, in Russian or in
English (a plain reading of the list, apart from the screening's own tables)."""


def _units(names: set[str]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for name in names:
        for unit, pattern in _UNIT_FORMS.items():
            if pattern.search(name.upper()):
                found.setdefault(unit, []).append(name)
    return found


def test_research_units_read_as_one_abbreviation(designations: tuple[Designation, ...]) -> None:
    """Every SDN name that writes a research and production association or enterprise
    (abbreviated, in Russian or in English, found by a plain pattern) normalises with the
    abbreviation (``npo``, ``npp``) among its tokens, so that an entry's Russian, English and
    abbreviated names share it."""
    checked = 0
    for designation in designations:
        names = {name.full for name in designation.party.names}
        for unit, found in _units(names).items():
            for name in found:
                assert unit in [token.text for token in normalise(name)], name
                checked += 1
    assert checked >= 40
    assert {"npo", "npp"} <= ORG_ABBREVIATIONS


def test_research_units_of_other_names_stay_apart(designations: tuple[Designation, ...]) -> None:
    """Hard negatives: two SDN entries of one kind of unit (NPO KVANT, NPO PRIBOR ...)
    whose names share no other word (legal forms and the unit's words aside) stay below
    the threshold: the abbreviation they share is one word of their names, not the name."""
    plain = re.compile(
        r"\b(?:NPO|NPP|AO|OAO|ZAO|PAO|JSC|PJSC|OJSC|CJSC|OOO|LLC|LIMITED|LIABILITY|COMPANY|"
        r"JOINT|STOCK|OPEN|CLOSED|PUBLIC|AKTSIONERNOE|OBSHCHESTVO|OTKRYTOE|ZAKRYTOE|NAUCHNO|"
        r"PROIZVODSTVENN\w*|OB\w*EDINENI\w*|PREDPRI\w*|RESEARCH|SCIENTIFIC|PRODUCTION|AND|"
        r"ASSOCIATION|ENTERPRISE|OF|THE)\b"
    )
    by_unit: dict[str, list[tuple[str, str]]] = {}
    for designation in designations:
        primary = designation.party.names[0].full
        for unit in _units({primary}):
            by_unit.setdefault(unit, []).append((designation.id, primary))
    pairs = [
        (a, b)
        for named in by_unit.values()
        for (id_a, a), (id_b, b) in combinations(named, 2)
        if id_a != id_b
        and not set(plain.sub(" ", a.upper()).split()) & set(plain.sub(" ", b.upper()).split())
    ]
    assert len(pairs) >= 20
    assert [(a, b) for a, b in pairs if compare_names(a, b).score >= DEFAULT_THRESHOLD] == []


def _un_original_scripts() -> list[tuple[str, str]]:
    """Each UN individual (list of 2025-11-20) with a name in Arabic script: that name and
    the Latin one (its first to fourth names, as the list gives them)."""
    root = ET.fromstring(gzip.decompress(UN_2025.read_bytes()))  # noqa: S314 - the UN's own file
    pairs = []
    for person in root.iter("INDIVIDUAL"):
        original = (person.findtext("NAME_ORIGINAL_SCRIPT") or "").strip()
        latin = " ".join(
            (person.findtext(part) or "").strip()
            for part in ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")
        ).strip()
        if original and latin and re.search("[\u0600-\u06ff]", original):
            pairs.append((original, latin))
    return pairs


def test_names_made_with_allah_meet_their_latin_forms() -> None:
    """UN individuals whose Arabic-script name has a word ending in الله (``سعيدالله``,
    ``عبیدالله``) or a word and الله apart (``حبیب الله``), and whose Latin name a word
    ending in ``LLAH``: the Latin word is matched, not left unmatched (the word is read
    ``...allah``, as ``Saidullah`` and ``Obaidullah`` sound, where it was read ``sidallh``;
    the two words joined meet the Latin word of their consonants, ``HABIBULLAH``)."""
    checked = 0
    for original, latin in _un_original_scripts():
        written = original.split()
        allah = [word for word in written[1:] if word.endswith("الله")]
        if not allah or not re.search(r"LLAH\b", latin.upper()):
            continue
        if len(set(written)) < len(written):
            continue  # (عارف الله عارف: the alignment pairs the word alone first, left aside)
        rows = compare_names(original, latin, kind="person").explanation.tokens
        unmatched = [
            row.candidate for row in rows if row.candidate.endswith("llah") and not row.query
        ]
        assert unmatched == [], (original, latin)
        checked += 1
    assert checked >= 12


def test_abd_al_written_onto_a_name_meets_its_latin_forms() -> None:
    """UN individuals whose Arabic-script name has a word beginning with عبدال (Abd and the
    article written onto the name) and whose Latin name has ``ABD``, ``ABDUL`` or ``ABDEL``:
    the ``abdal`` read from it is matched."""
    checked = 0
    for original, latin in _un_original_scripts():
        if not any(
            word.startswith("عبدال") and not word.endswith("الله") for word in original.split()
        ):
            continue
        if not re.search(r"\bAB(?:D|DUL|DEL|DAL)\b", latin.upper()):
            continue
        rows = compare_names(original, latin, kind="person").explanation.tokens
        left = [row.candidate for row in rows if not row.query]
        assert not {"abd", "abdul", "abdel", "abdal"} & set(left), (original, latin)
        checked += 1
    assert checked >= 5


def test_other_names_with_allah_stay_apart() -> None:
    """Hard negatives: the rule reads a word, it does not make names meet: ``سعيدالله جان``
    (Saidullah Jan) is not ``SAID JAN``, nor ``عبدالرحيم`` (Abd al-Rahim) ``ABDUL KARIM``."""
    assert compare_names("سعيدالله جان", "SAID JAN", kind="person").score < DEFAULT_THRESHOLD
    assert compare_names("عبدالرحيم", "ABDUL KARIM", kind="person").score < DEFAULT_THRESHOLD


def _cyrillic_capitals() -> set[str]:
    """Words in Cyrillic capitals with a letter that Latin writes with two (Zh, Sh, Ch, Shch,
    Kh, Ts, Yu, Ya) in the OpenSanctions and SECO files."""
    texts = [path.read_text(encoding="utf-8") for path in sorted(FTM.glob("*.json"))]
    texts.append(SECO.read_text(encoding="utf-8"))
    capital = "[\u0400-\u042f\u0490]"  # the Cyrillic capitals, Ukrainian and Belarusian too
    twofold = "[\u0416\u0428\u0427\u0429\u0425\u0426\u042e\u042f]"  # Zh Sh Ch Shch Kh Ts Yu Ya
    pattern = re.compile(rf"(?<![^\W\d_]){capital}*{twofold}{capital}+(?![^\W\d_])")
    return {word for text in texts for word in pattern.findall(text)}


def test_cyrillic_capitals_are_one_word() -> None:
    """A Cyrillic word in capitals is one word whatever its case (``ЖУРАВЛЕВА`` was read
    ``zh uravleva``: Ж is two Latin letters, Zh, and the capitals after it looked like
    camel case), on every such word of the OpenSanctions and SECO files."""
    found = _cyrillic_capitals()
    assert len(found) >= 20
    assert "ЖУРАВЛЕВА" in found
    assert [word for word in found if words(word) != words(word.lower())] == []
    assert words("ИванПетров") == ["ivan", "petrov"]  # camel case is still split


def test_a_capitalised_cyrillic_name_meets_its_latin_spelling() -> None:
    """OpenSanctions' ``Татьяна Владимировна ЖУРАВЛЕВА`` meets its own Latin alias
    ``Tatiana Vladimirovna ZJURAVLEVA`` (read from the file) at the threshold."""
    entities = [
        json.loads(line)
        for line in (FTM / "yente_t1_entities.ftm.json").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    names = {
        name
        for entity in entities
        for name in entity.get("properties", {}).get("name", [])
        + entity.get("properties", {}).get("alias", [])
    }
    assert {"Татьяна Владимировна ЖУРАВЛЕВА", "Tatiana Vladimirovna ZJURAVLEVA"} <= names
    comparison = compare_names(
        "Татьяна Владимировна ЖУРАВЛЕВА", "Tatiana Vladimirovna ZJURAVLEVA", kind="person"
    )
    assert comparison.score >= DEFAULT_THRESHOLD


def test_a_nisba_written_in_arabic_script_is_another_name() -> None:
    """Arabic script writes the final i of a nisba (زاهدي, Zahedi): a word written without
    it (``زاهد``, Zahed) no longer meets a Latin word ending in i through their consonants,
    nor ``احمدی`` (Ahmadi) ``HAMID``; a final i and a final y are one (UN IQi.002 ``قصي``,
    QUSAY), and a final ى (read a or i) still meets an i (``حقانى``, HAQQANI)."""
    for query, listed in (("محمد زاهد", "MOHAMMAD REZA ZAHEDI"), ("محمد احمدی", "Mahmoud Hamid")):
        assert compare_names(query, listed, kind="person").score < DEFAULT_THRESHOLD
    qusay = compare_names("قصي صدام حسين التكريتي", "QUSAY SADDAM HUSSEIN AL-TIKRITI")
    assert qusay.score >= DEFAULT_THRESHOLD
    assert compare_names("حقانى", "HAQQANI").score >= DEFAULT_THRESHOLD


def test_persian_letters_read_as_persian_speakers_say_them() -> None:
    """A name written with a letter of the Persian alphabet (ی, ک, پ, چ, ژ, گ) reads ض, ذ,
    ظ as z and ث as s, as the lists spell Persian, Urdu and Pashto names (UN: ``احمد ضیا
    آغا`` is AHMAD ZIA AGHA); a name in Arabic letters only keeps the Arabic d (``فضل`` is
    ``fdl``, Fadl). The Urdu h (heh goal, heh doachashmee) is the Arabic one: ``ثناء اللہ``
    is ``sna allah``."""

    assert romanise("فیض") == "fiz"
    assert romanise("فضل") == "fdl"
    assert romanise("ثناء اللہ") == "sna allah"
    assert compare_names("احمد ضیا آغا", "AHMAD ZIA AGHA", kind="person").score >= DEFAULT_THRESHOLD


def test_words_apart_in_arabic_script_meet_a_word_of_their_consonants() -> None:
    """``حبیب الله رشاد`` (UN: HABIBULLAH RESHAD) meets its Latin name: ``hbib allah`` joined
    has the consonants of HABIBULLAH, and the pair says so; in Latin letters alone, words
    joined meet a word only by their spelling (``HBIB ALLAH`` is not HABIBULLAH)."""
    comparison = compare_names("حبیب الله رشاد", "HABIBULLAH RESHAD", kind="person")
    assert comparison.score >= DEFAULT_THRESHOLD
    hows = [row.how for row in comparison.explanation.tokens]
    assert "joined, consonants (Arabic script)" in hows
    latin = compare_names("HBIB ALLAH RESHAD", "HABIBULLAH RESHAD", kind="person")
    assert latin.score < DEFAULT_THRESHOLD


def test_the_index_finds_this_rounds_relations_as_a_full_scan_does(
    designations: tuple[Designation, ...],
) -> None:
    """Stems, phrases (words joined, long words of a phrase too), research units and words
    joined in Arabic script meeting a word of their consonants are found by the candidate
    index as a scan of every name finds them: the same entries at the same scores, at two
    thresholds, on the SDN list."""
    screener = Screener(designations)
    queries = [
        ("MEZHDUNARODNY INVESTITSIONNY BANK", None),
        ("NON-STATE PENSION FUND OF SBERBANK", None),
        ("VYSOKOTOCHNYE KOMPLEKSY", "company"),
        ("NAUCHNO-PROIZVODSTVENNOE OBEDINENIE KVANT", None),
        ("RESEARCH AND PRODUCTION ASSOCIATION ELEKTROMEKHANIKI", "company"),
        ("KURGANSKY MASHINOSTROITELNY ZAVOD", None),
        ("DESIGN BUREAU OF SPECIAL MACHINE BUILDING", None),
        ("حبیب الله رشاد", "person"),
        ("سعيدالله جان", "person"),
        ("عبدالرحيم", None),
        ("احمد ضیا آغا", "person"),
        ("ЖУРАВЛЕВА Татьяна", "person"),
    ]
    for threshold in (DEFAULT_THRESHOLD, 0.6):
        assert_index_as_scan(screener, queries, threshold)
    found = {
        query: [match.name for match in screener.screen(query, kind=kind)]
        for query, kind in queries
    }
    assert found["NON-STATE PENSION FUND OF SBERBANK"][0] == (
        "JOINT STOCK COMPANY SBERBANK PRIVATE PENSION FUND"
    )
    assert found["VYSOKOTOCHNYE KOMPLEKSY"][0] == "JSC NPO HIGH PRECISION SYSTEMS"
    assert found["سعيدالله جان"][0] == "JAN, Saidullah"


def test_a_long_number_word_with_one_typo_is_still_the_number(
    entries_by_name: dict[str, set[str]],
) -> None:
    """A number word of eight letters or more with one typo is the number, as a long legal
    form with one typo is the form: a one-typo spelling of a real SDN entry whose name
    begins with one (`FOURTEENTH OCEAN GMBH & CO. KG`) meets it above the threshold.
    Shorter number words one typo from another word stay words (`SEVENTY` is not
    `SEVENTH`, 7)."""
    listed = [name for name in entries_by_name if name.split(" ", 1)[0] == "FOURTEENTH"]
    assert listed
    for name in listed:
        misspelt = "FOOURTEENTH" + name[len("FOURTEENTH") :]
        assert compare_names(misspelt, name).score >= DEFAULT_THRESHOLD, name
    assert [t.text for t in normalise("SEVENTY SEVENTH")] == ["seventy", "7"]
