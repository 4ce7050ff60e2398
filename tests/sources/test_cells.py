"""sources/_cells.py: numbers as lists write them, and cells quoted in messages."""

from __future__ import annotations

import pytest

from sanctions_tracker.sources._cells import is_number, number, shortened


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("27844", 27844),
        (" 007 ", 7),
        ("\u00b9\u00b2", None),  # superscripts: isdigit() is true, int() refuses them
        ("\u0663\u0664", None),  # Arabic-Indic digits: not how the lists write numbers
        ("9" * 18, int("9" * 18)),
        ("9" * 19, None),
        ("9" * 5000, None),  # int() refuses more than 4,300 digits
        ("-1", None),
        ("", None),
        (None, None),
    ],
)
def test_number(text: str | None, expected: int | None) -> None:
    """ASCII digits of at most 18 are a number; anything else is None, never an error."""
    assert number(text) == expected
    assert is_number(text.strip() if text else "") is (expected is not None)


def test_shortened() -> None:
    """A long cell is cut, with its length said; a short one is left as it is."""
    assert shortened("abc") == "abc"
    assert shortened("x" * 5000) == "x" * 60 + "… (5,000 characters)"
