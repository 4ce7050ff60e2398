"""The ISIC Rev. 4 table: codes, levels and titles, and the look-up of a title as lists write it.

The table (``isic_rev4.tsv`` beside this module) holds the 21 sections, 88 divisions, 238
groups and 419 classes of the United Nations' International Standard Industrial
Classification of All Economic Activities, Revision 4. NACE Rev. 2, the EU's
classification, refines ISIC Rev. 4 below the group level and keeps its titles, so OFAC's
"Organization Type" remarks, written in NACE/ISIC class titles, are found here.

A title is found by its words: case, punctuation and British or American spelling do not
matter ("Defense activities" is class 8422 "Defence activities"), and a title that stops
where the official one goes on after a semicolon or a parenthesis is the same title
("Accounting, bookkeeping and auditing activities" is 6920 "...; tax consultancy").
"""

from __future__ import annotations

import functools
import re

from attrs import frozen

from sanctions_tracker.sectors._data import read_table

__all__ = ["IsicClass", "IsicTable", "isic_table"]

_LEVELS = ("section", "division", "group", "class")


@frozen
class IsicClass:
    """One row of the table: a section (``C``), division (``24``), group (``241``) or class."""

    code: str
    parent: str | None
    level: str
    title: str


_SPELLING = {
    "defence": "defense",
    "jewellery": "jewelry",
    "specialised": "specialized",
    "programme": "program",
    "programmes": "programs",
    "aluminium": "aluminum",
    "organisation": "organization",
    "organisations": "organizations",
    "fibre": "fiber",
    "fibres": "fibers",
    "centre": "center",
    "labour": "labor",
    "tyres": "tires",
}
_NOT_WORD = re.compile(r"[^0-9a-z]+")

# OFAC writes a few organization types in other classifications' words (NAICS, US SIC);
# each is mapped to the ISIC class that holds the activity.
OTHER_TITLES: dict[str, str] = {
    "Wholesale of jewelry, watches, precious stones, and precious metals": "4649",
    "Chemicals and allied products wholesale": "4669",
}
"""Organization types that are not ISIC titles, and the ISIC code of their activity."""


def title_key(title: str) -> str:
    """A title's words, lower case, in one spelling: the key titles are looked up by."""
    words = _NOT_WORD.sub(" ", title.casefold().replace("&", " and ")).split()
    return " ".join(_SPELLING.get(word, word) for word in words)


class IsicTable:
    """The classes by code, and a look-up by title."""

    __slots__ = ("_by_code", "_by_title")

    def __init__(self, rows: list[IsicClass]) -> None:
        self._by_code = {row.code: row for row in rows}
        self._by_title: dict[str, str] = {}
        # The most specific level wins a title that two levels share (group 051 and class
        # 0510 are both "Mining of hard coal"): classes first.
        for level in reversed(_LEVELS):
            for row in rows:
                if row.level != level:
                    continue
                self._by_title.setdefault(title_key(row.title), row.code)
                short = re.split(r";| \(", row.title, maxsplit=1)[0]
                self._by_title.setdefault(title_key(short), row.code)
        for title, code in OTHER_TITLES.items():
            self._by_title.setdefault(title_key(title), code)

    def __len__(self) -> int:
        return len(self._by_code)

    def __contains__(self, code: object) -> bool:
        return code in self._by_code

    def get(self, code: str) -> IsicClass:
        """The row with this code."""
        return self._by_code[code]

    def find(self, title: str) -> IsicClass | None:
        """The row whose title is ``title`` (see the module doc), or None."""
        code = self._by_title.get(title_key(title))
        return None if code is None else self._by_code[code]

    def path(self, code: str) -> tuple[str, ...]:
        """The codes that hold ``code``, from its section down to itself: C, 24, 241, 2410."""
        chain = [code]
        parent = self._by_code[code].parent
        while parent is not None:
            chain.append(parent)
            parent = self._by_code[parent].parent
        return tuple(reversed(chain))

    def levels(self) -> dict[str, int]:
        """How many rows the table has at each level."""
        counts = dict.fromkeys(_LEVELS, 0)
        for row in self._by_code.values():
            counts[row.level] += 1
        return counts


@functools.cache
def isic_table() -> IsicTable:
    """The ISIC Rev. 4 table shipped with the package (read once)."""
    rows = [
        IsicClass(code=code, parent=parent or None, level=level, title=title)
        for code, parent, level, title in read_table("isic_rev4.tsv", 4)
    ]
    return IsicTable(rows)
