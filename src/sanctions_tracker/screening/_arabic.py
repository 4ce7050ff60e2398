"""Arabic and Persian script written in the Latin letters the lists use for it.

``anyascii`` writes each Arabic letter as one Latin consonant and leaves out what the
Latin spellings of the lists write: the article's vowel (``العبيدي`` is ``l`bydy``, not
``al-Ubaydi``), the long vowels (و and ي come out as ``w`` and ``y`` even where they are
the ``u`` and ``i`` of ``Hammud`` and ``Yasin``) and the ``a`` an initial ع or أ carries
(``Abd``, ``Ali``, ``Ahmad``). This table and :func:`romanise` write them as the lists do,
so that the consonant keys of ``_normalise`` meet: ``غازي حمود العبيدي`` becomes
``ghazi hmud al abidi``, whose consonants are those of ``GHAZI HAMMUD AL-UBAIDI``.

The rules, one place each:

* ``LETTERS``: each letter's Latin spelling (the usual English transcription of the lists);
* a long vowel letter (ا و ي ى) is a vowel inside a word, a consonant (w, y) at its start;
* a word-initial ع or hamza carrier is ``a`` (``عبد`` is ``abd``, ``أحمد`` is ``ahmad``);
* the article ال at the start of a word is the word ``al`` (``الربيعي`` is ``al rbii``);
  ``الله`` is ``allah``, also at the end of a word (``سعيدالله`` is ``sidallah``, as
  ``Saidullah`` sounds); ``Abd`` and the article written onto a name are the word
  ``abdal`` before it (``عبدالرحيم`` is ``abdal rhim``), as the Latin ``Abd al-Rahim``
  and ``Abdul Rahim`` are read (``_normalise``);
* the words of descent بن, ابن and بنت are ``bin``, ``ibn`` and ``bint``, the particles
  the lists write (``_PARTICLE_WORDS``);
* an h after t, s, k, d, g, z or c is written ``ah``, so that two letters are not read
  as one sound (``طه`` is ``taha``, not ``tha``);
* the tatweel (ـ, a stretch of the line) and the short-vowel marks are dropped.
"""

from __future__ import annotations

import re

__all__ = ["LETTERS", "romanise"]

LETTERS: dict[str, str] = {
    "ب": "b",
    "ت": "t",
    "ث": "th",
    "ج": "j",
    "ح": "h",
    "خ": "kh",
    "د": "d",
    "ذ": "dh",
    "ر": "r",
    "ز": "z",
    "س": "s",
    "ش": "sh",
    "ص": "s",
    "ض": "d",
    "ط": "t",
    "ظ": "z",
    "ع": "",
    "غ": "gh",
    "ف": "f",
    "ق": "q",
    "ك": "k",
    "ک": "k",
    "ل": "l",
    "م": "m",
    "ن": "n",
    "ه": "h",
    "ة": "a",
    "ء": "",
    "ئ": "",
    "ؤ": "u",
    "پ": "p",
    "چ": "ch",
    "ژ": "zh",
    "گ": "g",
    # long vowels (consonants at the start of a word: see _VOWEL_LETTERS)
    "ا": "a",
    "آ": "a",
    "أ": "a",
    "إ": "i",
    "ٱ": "a",
    "و": "u",
    "ي": "i",
    "ی": "i",
    "ى": "a",
    "ے": "e",
}
"""Each Arabic or Persian letter in Latin letters, as the lists transcribe it."""

_INITIAL: dict[str, str] = {"ع": "a", "ء": "a", "ئ": "i", "و": "w", "ي": "y", "ی": "y"}
"""A letter at the start of a word, where it is written otherwise than inside one."""

_BEFORE_H = frozenset("tskdgzc")
"""Letters that, followed by h, would read as one sound (th, sh, kh ...)."""
_DROPPED = re.compile("[\u0640\u064b-\u065f\u0670\u06d6-\u06ed]")
_ARABIC_WORD = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]+")
_VARIANTS = str.maketrans({"ہ": "ه", "ھ": "ه", "ۃ": "ة", "ۀ": "ه"})
"""Forms of a letter that Urdu and Persian write (the h of ``اللہ``, ``ابراھیم``), as the
Arabic letter."""
_PERSIAN_TABLE = str.maketrans({"ض": "ز", "ذ": "ز", "ث": "س", "ظ": "ز"})
"""Letters that Persian speakers say otherwise than Arabic ones, as the letter they say (the
lists write ``Faiz``, ``Zia``, ``Reza`` for فیض, ضیا, رضا, and ``Fadl``, ``Rida`` for Arabic
names)."""
_ARTICLE = "ال"
_ALLAH = "الله"
_ABD_AL = "عبدال"


_PARTICLE_WORDS = {"بن": "bin", "ابن": "ibn", "بنت": "bint"}
"""Words of descent, written as the lists write them in Latin letters (``bn`` and ``abn``,
their letters, would be read as names): son of, daughter of."""


def _word(word: str) -> str:
    if word == _ALLAH:
        return "allah"
    if word in _PARTICLE_WORDS:
        return _PARTICLE_WORDS[word]
    if word.endswith(_ALLAH) and len(word) > len(_ALLAH) + 1:
        # a name made with Allah written as one word (سعيدالله is Saidullah, عبدالله Abdallah)
        return _word(word[: -len(_ALLAH)]) + "allah"
    if word.startswith(_ABD_AL) and len(word) > len(_ABD_AL) + 1:
        # Abd and the article written onto the name (عبدالرحيم is Abd al-Rahim, Abdul Rahim)
        return "abdal " + _word(word[len(_ABD_AL) :])
    prefix = ""
    if word.startswith(_ARTICLE) and len(word) > len(_ARTICLE) + 1:
        prefix, word = "al ", word[len(_ARTICLE) :]
    out = [_INITIAL.get(word[0], LETTERS.get(word[0], word[0]))]
    for letter in word[1:]:
        latin = LETTERS.get(letter, letter)
        if latin == "h" and out[-1][-1:] in _BEFORE_H:
            latin = "ah"  # not a digraph: طه is taha, not tha
        out.append(latin)
    return prefix + "".join(out)


_PERSIAN = re.compile(
    "[\u067e\u0686\u0698\u06a9\u06af\u06cc\u0679\u0688\u0691\u06ba\u06be\u06c1\u06d2]"
)
"""Letters of the Persian and Urdu alphabets that Arabic has not (پ چ ژ ک گ ی, and Urdu's
ٹ ڈ ڑ ں ھ ہ ے): a name written with one is read as Persian, Urdu and Pashto speakers say
it."""


def romanise(text: str) -> str:
    """``text`` with each Arabic or Persian word written in Latin letters (other text kept).

    >>> romanise("غازي حمود العبيدي")
    'ghazi hmud al abidi'
    >>> romanise("عبد الله")
    'abd allah'
    >>> romanise("سعيدالله جان")
    'sidallah jan'
    """
    text = _DROPPED.sub("", text)
    if _PERSIAN.search(text) is not None:
        text = text.translate(_PERSIAN_TABLE)
    text = text.translate(_VARIANTS)
    return _ARABIC_WORD.sub(lambda match: _word(match.group(0)), text)
