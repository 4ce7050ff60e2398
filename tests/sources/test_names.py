"""Tests for ``sources._names``: the script a name is written in, scripts as the lists
name them, names joined from parts."""

import pytest

from sanctions_tracker.sources._names import joined, script_code, script_of


@pytest.mark.parametrize(
    ("text", "script"),
    [
        ("Saddam Hussein Al-Tikriti", "Latn"),
        ("ABÚ ZAJD UMAR DÚRDA", "Latn"),
        ("ЛУКАШЕНКО Дмитрий", "Cyrl"),
        ("عبد اللطيف منصور", "Arab"),
        ("صنایع شیمیایی پارچین", "Arab"),
        ("金正恩", "Hani"),
        ("김정은", "Hang"),
        ("Ελλάδα", "Grek"),
        ("МЗКТ - Минский завод", "Cyrl"),  # noqa: RUF001 - a Cyrillic name, as SECO writes it
        ("1234 - 5678", None),
    ],
)
def test_the_script_of_a_name(text: str, script: str | None) -> None:
    """The ISO 15924 code of the script most of a name's letters are written in."""
    assert script_of(text) == script


def test_scripts_as_the_lists_name_them() -> None:
    """SECO's CYRL and LATN, a script's English name, an unknown one."""
    assert (script_code("CYRL"), script_code("LATN"), script_code("Arabic")) == (
        "Cyrl",
        "Latn",
        "Arab",
    )
    assert script_code("Klingon") is None
    assert script_code(None) is None


def test_names_joined_from_parts() -> None:
    """Empty parts are left out and the white space of each part tidied."""
    assert joined(["Abdul ", None, "", " Latif  X", "MANSUR"]) == "Abdul Latif X MANSUR"
