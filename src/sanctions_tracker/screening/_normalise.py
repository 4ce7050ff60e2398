"""Name normalisation: any script and spelling to comparable tokens.

A name goes through these steps (``docs/screening.md`` shows examples):

1. Unicode NFKC, then transliteration to Latin with ``anyascii`` (accents dropped, Arabic,
   Persian, Cyrillic, Chinese written in Latin letters; each Chinese character becomes a
   syllable of its own, so that syllables can be joined again when compared).
2. Case folded; apostrophes dropped inside words (``RA'EESI`` is ``raeesi``); dotted
   abbreviations closed (``L.L.C.`` is ``llc``); every other mark, hyphens included, splits
   words (``Bashir-ud-din`` is three tokens, which the comparison may join again).
3. Company legal forms written out in words become their abbreviation (``limited liability
   company`` is ``llc``, ``obshchestvo s ogranichennoi otvetstvennostyu`` is ``ooo``).
4. Each token gets a role: a *name* token, a *particle or title* (al-, bin, abu, Sheikh,
   Dr ...) or a *legal form* (LLC, LTD, OOO, PJSC, GMBH, SIRKETI ...). Particles and legal
   forms weigh little in a score: they are neither ignored nor evidence.
5. Each name token gets two transliteration keys: a *sound key* (vowels merged into one
   class, doubled letters single, q/gh/k, w/v, kh/h, ph/f ... one letter each), so that
   Qasem, Qassem and Ghasem, or Soleimani, Suleimani and Soleymani, share a key; and a
   *consonant key* (the sound key without vowels), used for names written in an Arabic or
   Hebrew script, which leaves short vowels out.
"""

from __future__ import annotations

import functools
import gzip
import json
import operator
import re
import unicodedata
from enum import IntEnum
from importlib import resources

from anyascii import anyascii
from attrs import evolve, frozen
from rapidfuzz.distance import OSA

from sanctions_tracker.screening._arabic import romanise

__all__ = [
    "JOINED_PHRASES",
    "LEGAL_FORM_CLASSES",
    "ORG_ABBREVIATIONS",
    "PARTICLES",
    "TITLES",
    "Role",
    "Token",
    "consonant_key",
    "is_abjad",
    "is_syllabic",
    "is_syllable",
    "join_sounds",
    "name_groups",
    "normalise",
    "phrase_groups",
    "population_share",
    "sound_key",
    "spelling_key",
    "syllable_key",
    "syllable_vowels",
    "words",
]


class Role(IntEnum):
    """What a token is in a name."""

    NAME = 0
    PARTICLE = 1
    LEGAL_FORM = 2


PARTICLES: frozenset[str] = frozenset(
    [
        "al",
        "el",
        "ul",
        "ud",
        "ad",
        "ar",
        "ash",
        "at",
        "az",
        "ad",
        "bin",
        "ben",
        "ibn",
        "bint",
        "binti",
        "bte",
        "abu",
        "abou",
        "bou",
        "umm",
        "um",
        "sheikh",
        "shaykh",
        "shaikh",
        "sheik",
        "shaik",
        "haji",
        "hajji",
        "hadji",
        "alhaj",
        "alhaji",
        "mullah",
        "mulla",
        "mawlawi",
        "maulvi",
        "maulana",
        "sayyid",
        "sayed",
        "seyyed",
        "seyed",
        "syed",
        "sayyed",
        "sayid",
        "imam",
        "dr",
        "doctor",
        "prof",
        "mr",
        "mrs",
        "ms",
        "miss",
        "mme",
        "sir",
        "lord",
        "general",
        "gen",
        "colonel",
        "col",
        "the",
        "of",
        "and",
        "und",
        "et",
        "ve",
        "for",
        "de",
        "da",
        "di",
        "du",
        "des",
        "del",
        "della",
        "do",
        "dos",
        "das",
        "van",
        "von",
        "der",
        "den",
        "la",
        "le",
        "u",
        "daw",
    ]
)
"""Particles and titles: they weigh little in a score (see docs/screening.md)."""

TITLES: frozenset[str] = frozenset(
    [
        "sheikh", "shaykh", "shaikh", "sheik", "shaik", "haji", "hajji", "hadji", "alhaj",
        "alhaji", "mullah", "mulla", "mawlawi", "maulvi", "maulana", "maulawi", "mawlavi",
        "sayyid", "sayed", "seyyed", "seyed", "syed", "sayyed", "sayid", "imam", "dr",
        "doctor", "prof", "mr", "mrs", "ms", "miss", "mme", "sir", "lord", "general", "gen",
        "colonel", "col", "jr", "jnr", "sr", "snr",
    ]
)  # fmt: skip
"""Titles: a name with a title left out or added is the same name (``INAYATULLAH,
Maulawi`` and ``Inayatullah``), while ``ABU SALIH`` is not ``Salih``. A generational
suffix (``JR.``, ``SR.``) is one too: ``KNOWLES, JR., Samuel`` is ``KNOWLES, Samuel`` on
one list's record (a father and a son of one name are told apart by their birth dates)."""
PARTICLES = PARTICLES | TITLES
SURNAME_TITLES = frozenset(
    [
        "sheikh", "shaykh", "shaikh", "sheik", "shaik", "haji", "hajji", "hadji",
        "sayyid", "sayed", "seyyed", "seyed", "syed", "sayyed", "sayid", "imam",
    ]
)  # fmt: skip
"""Titles that are family names too (``Saduddin SAYYED``, ``HAJI, Ali Ahmed``, ``Elshafee
EL SHEIKH``): in a surname's place they are read as a name (:func:`_surnames`)."""

LEGAL_FORM_CLASSES: dict[str, str] = {
    # limited liability
    "llc": "limited",
    "ooo": "limited",
    "tov": "limited",
    "ltd": "limited",
    "lda": "limited",
    "limited": "limited",
    "gmbh": "limited",
    "mbh": "limited",
    "sarl": "limited",
    "srl": "limited",
    "sro": "limited",
    "bv": "limited",
    "pty": "limited",
    "pvt": "limited",
    "pte": "limited",
    "llp": "limited",
    "lp": "limited",
    "sdn": "limited",
    "bhd": "limited",
    "fzllc": "free zone",
    # joint stock
    "jsc": "stock",
    "pjsc": "stock",
    "ojsc": "stock",
    "cjsc": "stock",
    "ao": "stock",
    "oao": "stock",
    "zao": "stock",
    "pao": "stock",
    "ag": "stock",
    "sa": "stock",
    "as": "stock",
    "spa": "stock",
    "nv": "stock",
    "plc": "stock",
    "kk": "stock",
    # corporation and company
    "inc": "corporation",
    "corp": "corporation",
    "corporation": "corporation",
    "incorporated": "corporation",
    "co": "company",
    "company": "company",
    "cie": "company",
    "kompaniya": "company",
    "kg": "company",
    "sirketi": "company",
    "sti": "company",
    # free zone
    "fze": "free zone",
    "fzco": "free zone",
    "fzc": "free zone",
    "fz": "free zone",
    "comp": "company",
}
"""Legal forms and the family each belongs to: forms of one family count as the same."""

# A word of five letters or more, in a phrase or a written-out legal form, may carry one
# typo (a letter changed, added, dropped, or two swapped); shorter ones must be exact.
_TYPO_MIN = 5
_LONG_FORMS = tuple(form for form in LEGAL_FORM_CLASSES if len(form) > _TYPO_MIN)
_VOWELS = frozenset("aeiou")
_VOWEL_CLASS = str.maketrans("eiou", "aaaa")
_RUNS = re.compile(r"(.)\1+")
_PATRONYMIC = re.compile(r"(?:ovich|evich|avich|ovna|evna|auna|euna|ogly|oglu|kyzy|ovych|ivna)$")
_APOSTROPHES = re.compile(r"['\u2018\u2019\u02bc\u02bb\u02be\u02bf`\u00b4]")
_DOTTED = re.compile(r"\b(?:[a-z]\.){2,}")
_NON_WORD = re.compile(r"[^a-z0-9]+")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
"""Where words were written together in camel case (``IvanPetrov``, ``SiemensAG``)."""
_CJK = re.compile(r"([\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af])")
_ABJAD = re.compile(
    r"[\u0590-\u05ff\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]"
)
_SOUNDS: tuple[tuple[str, str], ...] = (
    ("tch", "C"),
    ("tsch", "C"),
    ("dzh", "j"),
    ("dj", "j"),
    ("zh", "j"),
    ("sch", "S"),
    ("sh", "S"),
    ("ch", "C"),
    ("kh", "h"),
    ("gh", "k"),
    ("ph", "f"),
    ("th", "t"),
    ("dh", "z"),
    ("ck", "k"),
    ("q", "k"),
    ("c", "k"),
    ("w", "v"),
    ("x", "ks"),
)


@frozen
class Token:
    """One token of a normalised name, with its role and transliteration keys."""

    text: str
    role: Role
    sound: str
    consonants: str
    patronymic: bool = False


def is_syllabic(text: str) -> bool:
    """Whether ``text`` has Chinese, Japanese or Korean characters (one token a syllable)."""
    return _CJK.search(text) is not None


def is_abjad(text: str) -> bool:
    """Whether ``text`` has letters of a script that leaves short vowels out (Arabic, Hebrew)."""
    return _ABJAD.search(text) is not None


_ES_MIN = 6
"""The fewest letters of a word whose ending -ez is read as -es (``HAFEZ`` and ``HAFIZ``,
an Arabic name, keep their z)."""


def _es(token: str) -> str:
    """A word's ending -ez read as -es, as Spanish and Portuguese surnames are written
    either way (``GONZALEZ`` and ``GONZALES``, ``CAZAREZ`` and ``CAZARES``): the sound
    and spelling keys' first step."""
    return token[:-1] + "s" if len(token) >= _ES_MIN and token.endswith("ez") else token


@functools.lru_cache(maxsize=262144)
def sound_key(token: str) -> str:
    """The sound key: spelling variants of one transliterated name share it."""
    if not token.isalpha():
        return token
    text = _es(token)
    for old, new in _SOUNDS:
        if old in text:
            text = text.replace(old, new)
    if "y" in text:
        if text[0] == "y" and len(text) > 1 and text[1] in _VOWELS:
            text = "Y" + text[1:].replace("y", "a")
        else:
            text = text.replace("y", "a")
    text = _RUNS.sub(r"\1", text.translate(_VOWEL_CLASS))
    if len(text) > 2 and text.endswith("ah"):  # noqa: PLR2004 - Abdullah/Abdulla
        text = text[:-1]
    return text.replace("Y", "y")


_SYLLABLE = re.compile(
    r"^(?:tch|ch|jj|j|zh|kk|k|g|tt|t|d|pp|p|b|ss|sh|s|h|m|n|r|l|y|w)?"
    r"(?:[aeiou]|[aeiouwy][aeiou]{1,2})(?:ng|n|m|k|g|l|r|p|b|t|d)?$"
)
"""One syllable of a Korean or Chinese name in Latin letters (``chong``, ``jong``,
``myong``, ``hyeok``, ``pom``): a consonant or none, a vowel, a final consonant or none."""
_SYLLABLE_SOUNDS: tuple[tuple[str, str], ...] = (
    *((old, "J") for old in ("tch", "ch", "jj", "zh", "j")),
    *((old, "K") for old in ("kk", "k", "g")),
    *((old, "T") for old in ("tt", "t", "d")),
    *((old, "P") for old in ("pp", "p", "b")),
    *((old, "S") for old in ("ss", "sh", "s")),
    *((old, "L") for old in ("r", "l")),
    ("eu", "o"),
    ("eo", "o"),
    ("ae", "e"),
    ("u", "o"),
)
"""Consonants one romanisation writes voiced and another unvoiced, made one; the vowels
ŏ, ŭ, u (``eo``, ``eu``, ``o``, ``u``: ``Cheol``, ``Chol``, ``Chul``) made one, as are
``ae`` and ``e``. The other vowels stay apart (``Ding`` is not ``Dong``)."""


@functools.lru_cache(maxsize=65536)
def syllable_key(token: str) -> str:
    """For one syllable of a Korean or Chinese name, its spelling with the consonants
    that one romanisation writes voiced and another unvoiced made one (ch and j, k and g,
    t and d, p and b, r and l: McCune-Reischauer's ``Chong``, ``Pom``, ``Ri`` and the
    Revised Romanization's ``Jeong``, ``Bom``, ``Li``; Wade-Giles' ``Chang`` and pinyin's
    ``Zhang``); "" for any other word."""
    if len(token) > 6 or _SYLLABLE.match(token) is None:  # noqa: PLR2004 - hyeong, yeong
        return ""
    text = token
    for old, new in _SYLLABLE_SOUNDS:
        if old in text:
            text = text.replace(old, new)
    return text


_SYLLABLE_WORD = re.compile(
    r"^(?:tch|ch|jj|j|zh|kk|k|g|tt|t|d|pp|p|b|ss|sh|s|h|m|n|r|l|y|w|z"
    r"|th|ht|kh|ph|ky|gy|ny|hl|hm|hn|sw|tw)?"
    r"([aeiou]|[aeiouwy][aeiou]{1,2}|[aeiou]y[aeiou]?)(?:ng|nt|n|m|k|l|r|p|t|w)?$"
)
"""A word of one syllable of a Korean, Chinese or Burmese name in Latin letters: a
consonant or none (with the Burmese ``th``, ``ht``, ``ky``, ``ny`` ...), a vowel (the
group), a final consonant or none (``chol``, ``hyok``, ``yun``, ``kyaw``, ``thant``,
``aung``). No syllable of these romanisations ends in g, d or b (a stop is written k,
t or p at a syllable's end, a nasal ng): ``pyog`` is ``pyong`` misspelt, not a
syllable, and meets it as a typo."""


@functools.lru_cache(maxsize=65536)
def syllable_vowels(token: str) -> str:
    """The vowels of ``token`` if it is one syllable of a Korean, Chinese or Burmese name
    (:data:`_SYLLABLE_WORD`, five letters at most), else "". Two such syllables with the
    same vowels that differ in a consonant are two syllables (``Chun`` and ``Chul``,
    ``Yun`` and ``Yu``, ``Than`` and ``Thant``), not a typo of one; the romanisations
    differ in the vowels (``Chol``, ``Chuol``; ``Kon``, ``Kwon``)."""
    found = _SYLLABLE_WORD.match(token) if len(token) <= 5 else None  # noqa: PLR2004
    return found.group(1) if found is not None else ""


def is_syllable(token: str) -> bool:
    """Whether ``token`` is one syllable of a Korean, Chinese or Burmese name: a name made
    of such syllables has no middle name (:func:`syllable_vowels`)."""
    return bool(syllable_vowels(token))


_VOWEL_PAIRS: tuple[tuple[str, str], ...] = (
    ("eo", "u"),
    ("ou", "u"),
    ("oo", "u"),
    ("ee", "i"),
    ("ey", "ei"),
)
"""Vowels written two ways: ``eo`` is the u of Korean romanisations (``Cheol``, ``Chul``)."""


@functools.lru_cache(maxsize=262144)
def spelling_key(token: str) -> str:
    """The sound key with its vowels kept (digraphs and doubled letters read as in the
    sound key, ``ou``/``oo`` as u, ``ee`` as i, y after a consonant as i): two spellings
    of one name differ here by a vowel or two (``mohamad``, ``muhamad``), two different
    names that share a sound key by more (``putin``, ``petion``)."""
    if not token.isalpha():
        return token
    text = _es(token)
    for old, new in _SOUNDS:
        if old in text:
            text = text.replace(old, new)
    for old, new in _VOWEL_PAIRS:
        if old in text:
            text = text.replace(old, new)
    if text.startswith("ye"):
        text = text[1:]  # Yevgeny, Evgeny
    if "y" in text:
        text = text[0] + text[1:].replace("y", "i")
    text = _RUNS.sub(r"\1", text)
    if len(text) > 2 and text.endswith("h") and text[-2] in _VOWELS:  # noqa: PLR2004
        text = text[:-1]
    return text


def join_sounds(tokens: tuple[Token, ...]) -> str:
    """The sound key of tokens written together (``bashir ud din`` as ``bashiruddin``)."""
    return _RUNS.sub(r"\1", "".join([token.sound for token in tokens]))


_HALF_VOWELS = str.maketrans("", "", "avy")


def _consonants(sound: str) -> str:
    return sound.translate(_HALF_VOWELS) or sound


def consonant_key(token: str) -> str:
    """The sound key without its vowels, w or y: what an Arabic-script spelling keeps
    (its long vowels are the letters w and y in some Latin spellings, u and i in others:
    ``Jizrawi``, ``jzraui``)."""
    return _consonants(sound_key(token))


def _ascii_word(word: str) -> str:
    """A word of another script in Latin letters, split where it was written in camel case
    (``ИванПетров``); a word in capitals is not split where a letter became two
    (``ЖУРАВЛЕВА`` is ``ZhURAVLEVA``: one word, ``zhuravleva``)."""
    if word.isupper():
        return anyascii(word)
    return _CAMEL.sub(" ", anyascii(word))


@functools.lru_cache(maxsize=1024)
def _latin(text: str) -> str:
    """``text`` in Latin letters, lower case (kept for the last names: the index reads a
    name's tokens, its words and its name order, each from this)."""
    # (plain ASCII text, most names, the short way: what _in_latin gives it)
    text = _CAMEL.sub(" ", text).casefold() if text.isascii() else _in_latin(text)
    text = _APOSTROPHES.sub("", text)
    if "." not in text:
        return text
    return _DOTTED.sub(lambda match: match.group(0).replace(".", ""), text)


def _in_latin(text: str) -> str:
    """``text`` of any script in Latin letters, lower case, apostrophes and dots as they
    are (:func:`_latin`). NFKC leaves ASCII text as it is, and ASCII holds no Arabic script
    nor CJK characters: plain ASCII text comes out split where it was written in camel
    case and case-folded, which is what :func:`_latin` does to it without asking."""
    text = unicodedata.normalize("NFKC", text)
    if _ABJAD.search(text) is not None:
        text = romanise(text)
    text = _CJK.sub(r" \1 ", text)
    if text.isascii():
        return _CAMEL.sub(" ", text).casefold()
    return " ".join([_ascii_word(word) for word in text.split()]).casefold()


# Short forms that are also words or names: legal forms only after the first token.
_AMBIGUOUS_FORMS = {"as", "sa", "ag", "ao", "co", "kg", "nv", "bv", "lp", "kk", "sti"}
_SHORT_FORM = 3
"""A legal form of this many letters or fewer is also read as a name at a name's start."""
_PLAIN_FORMS = frozenset({"llc", "ltd", "jsc", "ooo", "inc", "plc", "oao", "zao", "pao"})
"""Short legal forms read as such even at a name's start: no name begins with them (the
Russian ``OAO``, ``ZAO``, ``PAO`` stand before the name they qualify)."""

_HAND_PHRASES: dict[str, str] = {
    "limited liability company": "llc",
    "limited liability partnership": "llp",
    "public joint stock company": "pjsc",
    "closed joint stock company": "cjsc",
    "open joint stock company": "ojsc",
    "private joint stock company": "jsc",
    "joint stock company": "jsc",
    "publichnoe aktsionernoe obshchestvo": "pao",
    "otkrytoe aktsionernoe obshchestvo": "oao",
    "zakrytoe aktsionernoe obshchestvo": "zao",
    "aktsionernoe obshchestvo": "ao",
    "obshchestvo s ogranichennoi otvetstvennostyu": "ooo",
    "obshchestvo s ogranichennoy otvetstvennostyu": "ooo",
    "tovarystvo z obmezhenoyu vidpovidalnistyu": "tov",
    "anonim sirketi": "as",
    "limited sirketi": "ltd",
    "free zone establishment": "fze",
    "free zone company": "fzco",
    "sociedad anonima": "sa",
    "societe anonyme": "sa",
    "private limited": "pvt",
    "sendirian berhad": "bhd",
}
"""Legal forms written out, in words, to their abbreviation (with rigour's, below)."""
_GENERIC_FAMILY = {"llc": "limited", "jsc": "stock"}
"""rigour's generic legal forms, by the name of the family they have here."""


def _words(text: str) -> list[str]:
    return [word for word in _NON_WORD.split(_latin(text)) if word]


def _vendored_forms() -> tuple[dict[str, str], dict[str, str]]:
    """rigour's legal-form table (data/org_types.json, MIT): each alias, in words, to its
    comparison form; and each comparison form to its family. Forms already in
    LEGAL_FORM_CLASSES keep their family; aliases of one or two letters are left out
    (``in``, ``se``, ``ev`` are words more often than forms)."""
    data = resources.files("sanctions_tracker.screening").joinpath("data/org_types.json")
    aliases: dict[str, str] = {}
    families: dict[str, str] = {}
    for spec in json.loads(data.read_text(encoding="utf-8")):
        compare = "".join(_words(spec.get("compare") or spec.get("display") or ""))
        if not compare:
            continue
        generic = "".join(_words(spec.get("generic") or "")) or compare
        families.setdefault(compare, _GENERIC_FAMILY.get(generic, generic))
        for alias in spec["aliases"]:
            found = _words(alias)
            text = " ".join(found)
            if found and len(text) > 2 and text != compare:  # noqa: PLR2004
                aliases.setdefault(text, compare)
    return aliases, families


_VENDORED, _VENDORED_FAMILIES = _vendored_forms()
_READ_AS_FORM = frozenset(LEGAL_FORM_CLASSES).union(
    form for form in _VENDORED_FAMILIES if len(form) > _SHORT_FORM
)
"""Words read as legal forms where they stand: the table above, and rigour's forms of
four letters or more (its shorter ones, ``nts``, ``kft``, are legal forms only where
written out in full: three letters are a name's initials more often)."""
for _form, _family in _VENDORED_FAMILIES.items():
    LEGAL_FORM_CLASSES.setdefault(_form, _family)
_SINGLE_FORMS: dict[str, str] = {
    alias: form
    for alias, form in _VENDORED.items()
    if " " not in alias
    and alias not in LEGAL_FORM_CLASSES
    and alias not in PARTICLES
    and len(alias) > _SHORT_FORM
}
"""One-word legal forms (``aktiengesellschaft``, ``ltda``) to their comparison form."""
_AMBIGUOUS_FORMS.update(
    form
    for form in (*_SINGLE_FORMS, *LEGAL_FORM_CLASSES)
    if len(form) <= _SHORT_FORM and form not in _PLAIN_FORMS
)
_EXACT_PHRASES: dict[tuple[str, ...], str] = {
    tuple(words.split()): form
    for words, form in {
        **{alias: form for alias, form in _VENDORED.items() if " " in alias},
        **_HAND_PHRASES,
    }.items()
}
"""Every written-out legal form (rigour's and ours), by its words: looked up as written."""
_EXACT_FIRST = frozenset(words[0] for words in _EXACT_PHRASES)
_EXACT_LONGEST = max(len(words) for words in _EXACT_PHRASES)
_PHRASES: tuple[tuple[tuple[str, ...], str], ...] = tuple(
    (tuple(words.split()), form)
    for words, form in sorted(
        _HAND_PHRASES.items(), key=lambda item: (-len(item[0].split()), item[0])
    )
)
"""Our written-out legal forms, also looked for with a typo (rigour's list its typos)."""

# A phrase is looked for where its first or second word is, or its first two run together.
_PHRASE_CUES: dict[tuple[int, str], list[int]] = {}
for _number, (_phrase, _form) in enumerate(_PHRASES):
    for _cue in ((0, _phrase[0]), (1, _phrase[1]), (0, _phrase[0] + _phrase[1])):
        _PHRASE_CUES.setdefault(_cue, []).append(_number)
_PHRASE_WORDS = frozenset(word for _offset, word in _PHRASE_CUES) | _EXACT_FIRST


def _one_typo(word: str, target: str) -> bool:
    """Whether ``word`` is ``target`` (five letters or more) with one typo."""
    return (
        len(target) >= _TYPO_MIN
        and abs(len(word) - len(target)) <= 1
        and OSA.distance(word, target, score_cutoff=1) <= 1
    )


def _phrase_length(words: list[str], start: int, phrase: tuple[str, ...]) -> int:
    """How many words from ``start`` spell ``phrase`` (0 if none do). Its words of five
    letters or more may be transliteration variants (one sound key), and the phrase may
    carry one typo: one word misspelt, or two words run together."""
    end = start + len(phrase)
    found = tuple(words[start:end])
    if found == phrase:
        return len(phrase)
    if len(found) == len(phrase):
        wrong = [
            (got, want)
            for got, want in zip(found, phrase, strict=True)
            if got != want and not (len(want) >= _TYPO_MIN and sound_key(got) == sound_key(want))
        ]
        if not wrong or (len(wrong) == 1 and _one_typo(*wrong[0])):
            return len(phrase)
    found = found[:-1]
    for joined in range(len(phrase) - 1):
        if found == (*phrase[:joined], phrase[joined] + phrase[joined + 1], *phrase[joined + 2 :]):
            return len(found)
    return 0


def _replace_phrases(words: list[str]) -> list[str]:
    """Written-out legal forms replaced by their abbreviation: rigour's as written (its list
    has their common typos), ours also with one typo (or transliteration variants of its
    long words) when its first or second word is intact, or its first two run together."""
    if _PHRASE_WORDS.isdisjoint(words):
        return words
    out: list[str] = []
    index = 0
    cues = _PHRASE_CUES
    count = len(words)
    while index < count:
        if words[index] in _EXACT_FIRST:
            for length in range(min(_EXACT_LONGEST, count - index), 1, -1):
                form = _EXACT_PHRASES.get(tuple(words[index : index + length]))
                if form is not None:
                    out.append(form)
                    index += length
                    break
            else:
                form = None
            if form is not None:
                continue
        candidates = cues.get((0, words[index]), [])
        if index + 1 < len(words):
            candidates = candidates + cues.get((1, words[index + 1]), [])
        for number in sorted(set(candidates)):
            phrase, form = _PHRASES[number]
            length = _phrase_length(words, index, phrase)
            if length:
                out.append(form)
                index += length
                break
        else:
            out.append(words[index])
            index += 1
    return out


def _misspelt(word: str) -> str:
    """``word``, or what the long word of :data:`_LONG_WORDS` it misspells with one typo
    reads as (a legal form: company, limited ...; a number: fourteenth is 14)."""
    if word in LEGAL_FORM_CLASSES or word in _PHRASE_WORDS or not word.isalpha():
        return word
    for long_word, reading in _LONG_WORDS_NEAR.get(len(word), ()):
        if _one_typo(word, long_word):
            return reading
    return word


NUMBER_WORDS: dict[str, str] = {
    word: str(number)
    for number, words in enumerate(
        [
            (),
            ("one", "first"),
            ("two", "second"),
            ("three", "third"),
            ("four", "fourth"),
            ("five", "fifth"),
            ("six", "sixth"),
            ("seven", "seventh"),
            ("eight", "eighth"),
            ("nine", "ninth"),
            ("ten", "tenth"),
            ("eleven", "eleventh"),
            ("twelve", "twelfth"),
            ("thirteen", "thirteenth"),
            ("fourteen", "fourteenth"),
            ("fifteen", "fifteenth"),
            ("sixteen", "sixteenth"),
            ("seventeen", "seventeenth"),
            ("eighteen", "eighteenth"),
            ("nineteen", "nineteenth"),
            ("twenty", "twentieth"),
        ]
    )
    for word in words
}
"""Numbers and ordinals written as words, in names of companies and vessels, as digits
(``Third Bank`` is ``3rd Bank``, ``558TH`` is ``558``)."""
ROMAN_NUMERALS: dict[str, str] = {
    numeral: str(number)
    for number, numeral in enumerate(
        ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii"), start=1
    )
}
"""Roman numerals that end the name of a company or a vessel (``MARIE DE LOURDES V``), as
digits: ``I`` and ``V`` are two vessels, as ``1`` and ``5`` are."""
NUMBER_SIGNS = frozenset({"no", "nr", "num", "number"})
"""Words that say a number follows (``MINING ENTERPRISE NO 1``): particles in names of
companies and vessels."""
_ORDINAL = re.compile(r"^(\d+)(?:st|nd|rd|th)$")
_LONG_NUMBER = 8


@functools.lru_cache(maxsize=65536)
def _spelt(word: str) -> str:
    """``word`` as a number in digits (:func:`_as_digits`), or as the long legal form or
    number word it misspells (:func:`_misspelt`): one look-up a word."""
    digits = _as_digits(word)
    return digits if digits != word else _misspelt(word)


_LONG_WORDS = (
    *[(form, form) for form in _LONG_FORMS],
    *[(word, digits) for word, digits in NUMBER_WORDS.items() if len(word) >= _LONG_NUMBER],
)
"""Long words one typo in which still reads as them (:func:`_misspelt`): the long legal
forms, and the number words of eight letters or more (``FOOURTEENTH OCEAN`` is ``14
OCEAN``, as ``FOURTEENTH OCEAN`` is; a shorter number word one typo away is often another
word: ``SEVENTY`` is not ``SEVENTH``)."""
_LONG_WORDS_NEAR: dict[int, tuple[tuple[str, str], ...]] = {
    length: tuple([entry for entry in _LONG_WORDS if abs(len(entry[0]) - length) <= 1])
    for length in range(1, max([len(entry[0]) for entry in _LONG_WORDS]) + 2)
}
"""The entries of :data:`_LONG_WORDS` (in its order) a word of each length may misspell
with one typo: those a letter longer, as long, or a letter shorter."""


def _as_digits(word: str) -> str:
    """``word`` as digits if it is a number or an ordinal written out or with a suffix."""
    if word.isalpha():
        return NUMBER_WORDS.get(word, word)
    found = _ORDINAL.match(word)
    if found is not None:
        return found.group(1)
    return NUMBER_WORDS.get(word, word)


@functools.cache
def _group_lines(file: str) -> list[tuple[int, list[str]]]:
    """The lines of a data file of words that are one (not its comments): each line's
    number and its words, a phrase's words apart (read once: org_words.txt serves the
    groups and the phrases)."""
    data = resources.files("sanctions_tracker.screening").joinpath(f"data/{file}")
    return [
        (number, [entry.strip() for entry in line.split(",")])
        for number, line in enumerate(data.read_text(encoding="utf-8").splitlines(), start=1)
        if line.strip() and not line.startswith("#")
    ]


def _word_groups(file: str, mark: str) -> dict[str, list[str]]:
    """A data file of words that are one, a group a line: each word to its groups (the
    line numbers, after ``mark``). Words of a phrase (``high precision``) are written
    together (``highprecision``); a stem (``nauchn*``) keeps its ``*``."""
    groups: dict[str, list[str]] = {}
    for number, entries in _group_lines(file):
        for entry in entries:
            groups.setdefault("".join(entry.split()), []).append(f"{mark}{number}")
    return groups


def _given_names() -> dict[str, tuple[str, ...]]:
    """data/given_names.txt and data/org_words.txt: each word to the groups it is in
    (``g`` and a line number for a given name, ``o`` and one for an organisation word)."""
    groups = _word_groups("given_names.txt", "g")
    for word, found in _word_groups("org_words.txt", "o").items():
        groups.setdefault(word, []).extend(found)
    return {name: tuple(found) for name, found in groups.items()}


GIVEN_NAMES = _given_names()
"""Given names that are one name (nicknames, one name in other languages), and words of
organisations' names that are one word (Airlines, Air), by group."""


JOINED_PHRASES = frozenset(
    "".join(entry.split())
    for _number, entries in _group_lines("org_words.txt")
    for entry in entries
    if len(entry.split()) > 1
)
"""The phrases of data/org_words.txt written together (``machinebuilding``): two words of a
name that make one are joined wherever they stand (``span_bounds``)."""
STEM_GROUPS: dict[str, tuple[str, ...]] = {
    word[:-1]: found for word, found in GIVEN_NAMES.items() if word.endswith("*")
}
"""The stems of data/org_words.txt (``nauchn*``): a Russian word of an organisation's name
written with any of its adjective endings (STEM_ENDINGS) is in the stem's groups."""
STEM_ENDINGS = frozenset(
    (
        *("", "a", "e", "i", "o", "u", "y", "ya", "ye", "yi", "yy", "yj", "ii", "iy", "ij"),
        *("ie", "ia", "oe", "oi", "oy", "oj", "om", "im", "ym", "yu", "aya", "aia", "aja"),
        *("oye", "oie", "oje", "ogo", "ovo", "ego", "ykh", "ikh", "iye", "iya", "uyu", "oyu"),
        "yye",
    )
)
"""The endings of Russian adjectives (and of a compound's first word: ``nauchno-``) as
the lists transliterate them: ``nauchnyi``, ``nauchnyy``, ``nauchny``, ``nauchnaya``,
``nauchnoe``, ``nauchnoye``, ``nauchnogo``, ``nauchnykh`` are one word."""
STEM_MIN = 5
"""The fewest letters of a stem: shorter ones make other words (``gaza`` is not ``gaz``)."""
_STEM_CUT = max(len(ending) for ending in STEM_ENDINGS)


def _stem_groups(word: str) -> tuple[str, ...]:
    """The groups of the stem of ``word`` (STEM_GROUPS), if it is one with an ending."""
    for cut in range(min(_STEM_CUT, len(word) - STEM_MIN) + 1):
        found = STEM_GROUPS.get(word[: len(word) - cut])
        if found is not None and word[len(word) - cut :] in STEM_ENDINGS:
            return found
    return ()


def phrase_groups(joined: str) -> tuple[str, ...]:
    """The groups of organisation words (data/org_words.txt) of a phrase, its words
    written together (``highprecision``, ``nonstate``): what tokens joined are."""
    return tuple([group for group in GIVEN_NAMES.get(joined, ()) if group[0] == "o"])


@functools.cache
def _population() -> dict[str, float]:
    """data/name_frequency.tsv.gz: each name to the share of people who bear it, as a given
    name or a surname (the two shares added), in the country where it is most common."""
    data = resources.files("sanctions_tracker.screening").joinpath("data/name_frequency.tsv.gz")
    totals: dict[str, tuple[int, int]] = {}
    shares: dict[str, float] = {}
    for line in gzip.decompress(data.read_bytes()).decode("utf-8").splitlines():
        if line.startswith("#total\t"):
            _mark, country, given, surname = line.split("\t")
            totals[country] = (int(given), int(surname))
        elif line and not line.startswith("#"):
            country, name, given, surname = line.split("\t")
            given_total, surname_total = totals[country]
            share = int(given) / given_total + int(surname) / surname_total
            if share > shares.get(name, 0.0):
                shares[name] = share
    return shares


def population_share(word: str) -> float:
    """The share of people who bear ``word`` as a given name or a surname (data/
    name_frequency.tsv.gz: the US Census Bureau's 2020 name counts); 0.0 for a word
    borne by fewer than 500 people there, or no name at all."""
    return _population().get(word, 0.0)


_PATRONYMIC_STEM = re.compile(
    r"(?:ovich|evich|avich|ovych|evych|yovych|ovna|evna|auna|euna|ivna|yivna)$"
)


@functools.lru_cache(maxsize=65536)
def name_groups(word: str) -> tuple[str, ...]:
    """The groups of GIVEN_NAMES that ``word`` is in; for a patronymic (``Volodymyrovych``,
    ``Vladimirovich``), the groups of the father's name it is made from, marked ``p``."""
    found = GIVEN_NAMES.get(word)
    if found is not None:
        return found
    match = _PATRONYMIC_STEM.search(word)
    if match is None or match.start() < 3:  # noqa: PLR2004 - a stem of three letters at least
        return _stem_groups(word) if len(word) >= STEM_MIN else ()
    stem = word[: match.start()]
    for candidate in (
        stem,
        stem + "o",
        stem + "a",
        stem + "i",
        stem + "y",
        stem + "ii",
        stem + "iy",
        stem[:-1],
    ):
        found = GIVEN_NAMES.get(candidate)
        if found is not None:
            return tuple(group + "p" for group in found)
    return ()


def _org_phrases() -> tuple[tuple[tuple[str, ...], str], ...]:
    """data/org_phrases.txt: each phrase, by its words, to its abbreviation, longest first."""
    data = resources.files("sanctions_tracker.screening").joinpath("data/org_phrases.txt")
    phrases: list[tuple[tuple[str, ...], str]] = []
    for line in data.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            short, _colon, written = line.partition(":")
            phrases.extend((tuple(phrase.split()), short.strip()) for phrase in written.split(","))
    return tuple(sorted(phrases, key=lambda item: (-len(item[0]), item[0])))


ORG_PHRASES = _org_phrases()
"""Kinds of organisation written as a phrase (``research and production association``) and
their abbreviation (``npo``): data/org_phrases.txt."""


def _phrase_starts() -> dict[str, tuple[int, ...]]:
    """The phrases of ORG_PHRASES (their places, longest first) by their first word and by
    each group of organisation words that word is in (a word of a name is looked up by
    its text and its groups: ``nauchno`` finds the phrases that begin ``scientific``)."""
    starts: dict[str, list[int]] = {}
    for number, (phrase, _short) in enumerate(ORG_PHRASES):
        for key in (phrase[0], *name_groups(phrase[0])):
            starts.setdefault(key, []).append(number)
    return {key: tuple(numbers) for key, numbers in starts.items()}


_PHRASE_STARTS = _phrase_starts()
_PHRASE_CUT = STEM_MIN
_PHRASE_START = operator.itemgetter(slice(None, _PHRASE_CUT))
_ORG_PHRASE_CUES = frozenset(
    word.rstrip("*")[:_PHRASE_CUT]
    for word, groups in GIVEN_NAMES.items()
    if word in _PHRASE_STARTS or not _PHRASE_STARTS.keys().isdisjoint(groups)
) | frozenset(phrase[0][:_PHRASE_CUT] for phrase, _short in ORG_PHRASES)
"""The first letters (STEM_MIN of them) of every word that may begin a phrase: a name with
none of them has no phrase, and is not read for one."""
_PHRASE_GROUPS = tuple(
    tuple([frozenset(name_groups(word)) for word in phrase]) for phrase, _short in ORG_PHRASES
)
"""The groups of each word of each phrase of ORG_PHRASES."""
ORG_ABBREVIATIONS = frozenset(short for _phrase, short in ORG_PHRASES)
"""The abbreviations of ORG_PHRASES (``npo``, ``nii``): initials already, so an acronym of
a name holding one takes all its letters (``NII EVM`` is ``niievm``)."""


def _phrase_at(words: list[str], index: int) -> tuple[int, str]:
    """The length and the abbreviation of the longest phrase of ORG_PHRASES at ``index``
    of ``words`` ((0, "") if none): each word of the name is the phrase's word or the same
    word in another form or language (an organisation word of data/org_words.txt)."""
    word = words[index]
    numbers = _PHRASE_STARTS.get(word, ())
    for group in name_groups(word):
        numbers += _PHRASE_STARTS.get(group, ())
    if not numbers:
        return 0, ""
    for number in sorted(set(numbers)):
        phrase, short = ORG_PHRASES[number]
        end = index + len(phrase)
        if end <= len(words) and all(
            got == want or not groups.isdisjoint(name_groups(got))
            for got, want, groups in zip(
                words[index:end], phrase, _PHRASE_GROUPS[number], strict=True
            )
        ):
            return len(phrase), short
    return 0, ""


def _replace_org_phrases(words: list[str]) -> list[str]:
    """The phrases of ORG_PHRASES in ``words`` replaced by their abbreviation."""
    if _ORG_PHRASE_CUES.isdisjoint(map(_PHRASE_START, words)):
        return words
    out: list[str] = []
    index = 0
    count = len(words)
    while index < count:
        length, short = _phrase_at(words, index) if index + 1 < count else (0, "")
        if length:
            out.append(short)
            index += length
        else:
            out.append(words[index])
            index += 1
    return out


def _role(word: str, index: int, *, legal_forms: bool) -> Role:
    if legal_forms and word in _READ_AS_FORM and (index > 0 or word not in _AMBIGUOUS_FORMS):
        return Role.LEGAL_FORM
    if word in PARTICLES or (legal_forms and word in NUMBER_SIGNS):
        return Role.PARTICLE
    return Role.NAME


def words(text: str) -> list[str]:
    """The words of a name before legal forms are read (for token rarity and name order)."""
    return _theophoric([word for word in _NON_WORD.split(_latin(text)) if word])


_ARTICLES = frozenset({"al", "el", "ul", "ol", "il", "ar", "ur", "as", "us", "an", "un", "ad"})
"""The Arabic article as the lists write it after ``Abd`` (``Abd al-Aziz``, ``Abd ar-Rahman``,
``Abd an-Nasir``: before some letters its l is written as that letter)."""


def _theophoric(words: list[str]) -> list[str]:
    """``abd`` and the article after it written as one word (``Abd al-Aziz`` as ``abdal
    aziz``), as ``Abdel Aziz`` and ``Abdul Aziz`` are (data/given_names.txt makes the forms
    one name)."""
    if "abd" not in words:
        return words
    out: list[str] = []
    index = 0
    while index < len(words):
        word = words[index]
        if word == "abd" and index + 2 < len(words) and words[index + 1] in _ARTICLES:
            out.append(word + words[index + 1])
            index += 2
        else:
            out.append(word)
            index += 1
    return out


@functools.lru_cache(maxsize=65536)
def normalise(text: str, *, legal_forms: bool = True) -> tuple[Token, ...]:
    """The tokens of a name (empty if nothing readable is left).

    ``legal_forms=False`` (for people) reads LLC, AS, SA ... as name tokens.
    """
    written = words(text)
    if not legal_forms:
        return _surnames(
            text,
            tuple(
                _token(word, _role(word, index, legal_forms=False))
                for index, word in enumerate(written)
            ),
        )
    spelt = list(map(_spelt, written))
    if len(spelt) > 1 and spelt[-1] in ROMAN_NUMERALS:
        spelt[-1] = ROMAN_NUMERALS[spelt[-1]]
    replaced = [
        _SINGLE_FORMS.get(word, word) for word in _replace_phrases(_replace_org_phrases(spelt))
    ]
    # a form written out in full (``Aktiengesellschaft``) is a legal form anywhere
    written_out = {f for f in replaced if f not in written and f in LEGAL_FORM_CLASSES}
    return _surnames(
        text,
        tuple(
            _token(
                word,
                Role.NAME
                if index and replaced[index - 1] in _NAMED_AFTER and len(word) <= _SHORT_FORM
                else Role.LEGAL_FORM
                if word in written_out
                else _role(word, index, legal_forms=True),
            )
            for index, word in enumerate(replaced)
        ),
    )


_NAMED_AFTER = frozenset({"imeni", "im"})
"""``NAMED AFTER`` (data/org_phrases.txt), ``IMENI`` and ``IM.``: the person's initials
after them are no legal form (``NAMED AFTER A. G. ROMASHIN``, ``IM. A.S. YAKOVLEVA``: not
AG, not AS)."""


def _surnames(text: str, tokens: tuple[Token, ...]) -> tuple[Token, ...]:
    """``tokens`` with the words in a surname's place read as a surname: the last word of a
    name written in order, or the words before the comma of ``SURNAME, Given names``.

    * A title that is a family name too (SURNAME_TITLES) is a name there, when the name has
      another name word (``Saduddin SAYYED``, ``AL-SAYYID, Ibrahim Amin``); before a name
      it stays a title (``Sayed Ali``, ``Hajji Ali Ahmed``).
    * A word with a patronymic's ending made from no known given name is a surname there
      (``MALKEVICH, Alexander Aleksandrovich``, ``Andrei Ivanovich KAZAKEVICH``; written in
      order, only beside another patronymic, as a given name and a patronymic alone are a
      common pair): ``Aleksandrovich`` before a comma stays a patronymic, as some lists
      write one there (``ANATOLYEVICH, Vorobyov Stanislav``).
    """
    if len(tokens) < 2:  # noqa: PLR2004 - a one-word name has no surname of its own
        return tokens
    for token in tokens:
        if token.patronymic or token.text in SURNAME_TITLES:
            break
    else:
        return tokens  # (most names: nothing to read again)
    comma = "," in text
    if comma:
        if len(words(text)) != len(tokens):
            return tokens  # (words joined into one token: where the comma stands is unsure)
        places = range(min(len(words(text.partition(",")[0])), len(tokens) - 1))
    else:
        places = range(len(tokens) - 1, len(tokens))
    found = list(tokens)
    for place in places:
        token = tokens[place]
        others = [other for index, other in enumerate(tokens) if index != place]
        if token.text in SURNAME_TITLES and any(other.role is Role.NAME for other in others):
            found[place] = _token(token.text, Role.NAME)
        elif (
            token.patronymic
            and (comma or any(other.patronymic for other in others))
            and not name_groups(token.text)
        ):
            found[place] = evolve(token, patronymic=False)
    return tuple(found)


@functools.lru_cache(maxsize=262144)
def _token(word: str, role: Role) -> Token:
    sound = sound_key(word)
    return Token(
        text=word,
        role=role,
        sound=sound,
        consonants=_consonants(sound) if word.isalpha() else word,
        patronymic=role is Role.NAME and _PATRONYMIC.search(word) is not None,
    )
