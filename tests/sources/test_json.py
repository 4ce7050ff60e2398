"""sources/_json.py: every fault of a hostile JSON text is one ValueError with its place."""

from __future__ import annotations

import pytest

from sanctions_tracker.sources._json import JsonError, loads


def test_valid_json_is_read_as_json_reads_it() -> None:
    """Nothing changes for a document json reads (a long number within int's limit too)."""
    text = '{"a": [1, 2.5, "x", null, true], "b": ' + "9" * 4000 + "}"
    assert loads(text) == {"a": [1, 2.5, "x", None, True], "b": int("9" * 4000)}


@pytest.mark.parametrize(
    ("text", "message", "line", "column"),
    [
        ("{\n  bad", "Expecting property name", 2, 3),
        ("[" * 3000 + "]" * 3000, "nested 3,000 deep", 1, 3000),
        ('{"a": "' + "1" * 5000 + '",\n "b": ' + "2" * 4400 + "}", "more than 4,300 digits", 2, 7),
    ],
)
def test_faults_are_json_errors_with_their_place(
    text: str, message: str, line: int, column: int
) -> None:
    """Bad syntax, nesting too deep for json (a RecursionError) and an integer of more
    digits than int() converts (a bare ValueError) are each a JsonError with its line and
    column (a long string of digits is no number)."""
    with pytest.raises(JsonError, match=message) as caught:
        loads(text)
    assert (caught.value.lineno, caught.value.colno) == (line, column)
    assert isinstance(caught.value, ValueError)
