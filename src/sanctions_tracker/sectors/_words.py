"""The words of a name that say a sector, in the lists' languages (``name_words.tsv``).

Each name is written in Latin capitals first (``anyascii``: Cyrillic ``СЕВЕРСТАЛЬ``
becomes ``SEVERSTAL``, accents and apostrophes go, other punctuation becomes a space), so
one table serves every script. The table's patterns are joined into one regular
expression, tried once per name; the first pattern that matches at a place wins.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from anyascii import anyascii
from attrs import frozen

from sanctions_tracker.sectors._data import read_table

__all__ = ["NameWord", "name_words", "words_in"]


@frozen
class NameWord:
    """A rule of the table: the words (a pattern) that place a name in ``sector``."""

    sector: str
    language: str
    pattern: str
    meaning: str


@frozen
class WordMatch:
    """A word found in a name, and the rule that found it."""

    word: str
    rule: NameWord


_APOSTROPHES = re.compile(r"['`\u2019\u02bc\u02b9]")
_NOT_WORD = re.compile(r"[^A-Z0-9]+")


def latin_words(name: str) -> str:
    """The name in Latin capitals, words separated by single spaces."""
    text = anyascii(unicodedata.normalize("NFKC", name)).upper().replace("&", " AND ")
    return _NOT_WORD.sub(" ", _APOSTROPHES.sub("", text)).strip()


@functools.cache
def name_words() -> tuple[NameWord, ...]:
    """The rules of ``name_words.tsv``, in order."""
    return tuple(NameWord(*row) for row in read_table("name_words.tsv", 4))


@functools.cache
def _matcher() -> re.Pattern[str]:
    parts = (f"(?P<r{i}>{rule.pattern})" for i, rule in enumerate(name_words()))
    return re.compile(rf"(?<![A-Z0-9])(?:{'|'.join(parts)})(?![A-Z0-9])")


@functools.lru_cache(maxsize=65536)
def words_in(name: str) -> tuple[WordMatch, ...]:
    """The sector words of ``name``, in the order they come (one per rule at most)."""
    rules = name_words()
    found: dict[int, WordMatch] = {}
    for match in _matcher().finditer(latin_words(name)):
        index = int(match.lastgroup[1:]) if match.lastgroup else -1
        if index >= 0 and index not in found:
            found[index] = WordMatch(match.group(0), rules[index])
    return tuple(found.values())
