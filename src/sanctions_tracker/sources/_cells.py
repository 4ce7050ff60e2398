"""Cells as list files write them: numbers (ASCII digits, of a bounded length), and a cell
quoted in a message.

``str.isdigit`` is true of superscript digits (``"²"``), which ``int`` refuses, and of
other scripts' digits, which ``int`` reads; ``int`` refuses more than 4,300 digits. A
reader that tests a cell with ``isdigit`` and then converts it can fail on a hostile file:
every reader asks here instead, and gets a number or None.
"""

from __future__ import annotations

__all__ = ["MAX_DIGITS", "is_number", "number", "shortened"]

MAX_DIGITS = 18
"""The most digits a number in a list file may have (an id, a year, a count): more is no
number a list writes (and would not fit the 64 bits other systems keep ids in)."""


def is_number(text: str, max_digits: int = MAX_DIGITS) -> bool:
    """Whether ``text`` is ASCII digits only (at least one, at most ``max_digits``)."""
    return 0 < len(text) <= max_digits and text.isascii() and text.isdigit()


def number(text: str | None, max_digits: int = MAX_DIGITS) -> int | None:
    """The number ``text`` writes (surrounding spaces ignored), or None when it is not
    ASCII digits only, or longer than ``max_digits``."""
    if text is None:
        return None
    text = text.strip()
    return int(text) if is_number(text, max_digits) else None


def shortened(text: str, most: int = 60) -> str:
    """``text`` as it is, or cut to its first ``most`` characters and an ellipsis: a cell
    quoted in a message about a row stays readable however long the cell is."""
    return text if len(text) <= most else f"{text[:most]}… ({len(text):,} characters)"
