"""Names as the lists write them: the script a name is written in, and names in parts.

- :func:`script_of` gives the ISO 15924 code of the script a name's letters are written
  in (``Latn``, ``Cyrl``, ``Arab`` ...), for lists that give original-script names
  without saying which script;
- :func:`script_code` reads a script a list names (``CYRL``, ``Cyrillic``) into the same
  code;
- :func:`joined` joins the parts of a name (given names, family name) into one.

>>> script_of("Дмитрий"), script_of("Saddam Hussein"), script_of("صنایع شیمیایی پارچین")
('Cyrl', 'Latn', 'Arab')
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Iterable
from typing import Final

__all__ = ["joined", "script_code", "script_of"]

_SCRIPTS: Final[dict[str, str]] = {
    "LATIN": "Latn",
    "CYRILLIC": "Cyrl",
    "ARABIC": "Arab",
    "HEBREW": "Hebr",
    "GREEK": "Grek",
    "ARMENIAN": "Armn",
    "GEORGIAN": "Geor",
    "CJK": "Hani",
    "HANGUL": "Hang",
    "HIRAGANA": "Hira",
    "KATAKANA": "Kana",
    "THAI": "Thai",
    "DEVANAGARI": "Deva",
    "BENGALI": "Beng",
    "TAMIL": "Taml",
    "ETHIOPIC": "Ethi",
    "MYANMAR": "Mymr",
    "KHMER": "Khmr",
    "LAO": "Laoo",
    "SYRIAC": "Syrc",
    "THAANA": "Thaa",
    "MONGOLIAN": "Mong",
    "TIBETAN": "Tibt",
    "SINHALA": "Sinh",
    "GUJARATI": "Gujr",
    "GURMUKHI": "Guru",
}
"""ISO 15924 codes by the first word of the Unicode names of a script's letters."""

_NAMED: Final[dict[str, str]] = {
    **{word.casefold(): code for word, code in _SCRIPTS.items()},
    **{code.casefold(): code for code in _SCRIPTS.values()},
    "chinese": "Hani",
    "han": "Hani",
    "korean": "Hang",
    "japanese": "Jpan",
}


_CHARS: dict[str, str] = {}
"""The script of each letter met ('' for one of a script not named here)."""


def script_of(text: str) -> str | None:
    """The ISO 15924 code of the script most of the letters of ``text`` are written in;
    None when it has no letters or they are of a script not named here."""
    if text.isascii():  # the usual case, quickly
        return "Latn" if any(char.isalpha() for char in text) else None
    found: Counter[str] = Counter()
    for char in text:
        if char.isalpha():
            code = _CHARS.get(char)
            if code is None:
                word = unicodedata.name(char, "").split(" ", 1)[0]
                code = _CHARS[char] = _SCRIPTS.get(word, "")
            if code:
                found[code] += 1
    if not found:
        return None
    return found.most_common(1)[0][0]


def script_code(name: str | None) -> str | None:
    """A script as a list names it (``CYRL``, ``Cyrillic``, ``Arab``) as an ISO 15924 code;
    None when it is none known here."""
    return _NAMED.get((name or "").strip().casefold())


def joined(parts: Iterable[str | None]) -> str:
    """The non-empty parts of a name, tidied and joined by single spaces."""
    return " ".join(" ".join(part.split()) for part in parts if part and part.strip())
