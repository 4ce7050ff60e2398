"""The error hierarchy: one root, each error also its builtin."""

from __future__ import annotations

import sanctions_tracker as st
from sanctions_tracker import errors


def test_every_error_derives_from_the_root_and_a_builtin() -> None:
    """Callers may catch SanctionsTrackerError or the builtin each error refines."""
    assert issubclass(st.FixtureError, st.SanctionsTrackerError)
    assert issubclass(st.FixtureError, ValueError)
    assert issubclass(st.SourceError, ValueError)
    assert issubclass(st.QueryError, ValueError)
    assert issubclass(st.NotFoundError, KeyError)
    assert issubclass(st.NotFoundError, st.QueryError)
    assert issubclass(st.ReportError, st.SanctionsTrackerError)


def test_module_doc_draws_every_error() -> None:
    """The tree in the module docstring names every error class."""
    doc = errors.__doc__ or ""
    for name in errors.__all__:
        assert name in doc


def test_fixture_error_text() -> None:
    """One problem reads as itself; several get a count line."""
    assert str(st.FixtureError(["a.json: $.x: bad"])) == "a.json: $.x: bad"
    many = st.FixtureError(["one", "two"])
    assert str(many) == "2 problems in the fixtures\none\ntwo"
    assert many.first == "one"


def test_not_found_str_is_not_quoted() -> None:
    """Unlike KeyError, the message is printed without extra quotes."""
    assert str(st.NotFoundError("x", ["y"])) == "no record has the id 'x' (did you mean 'y'?)"
