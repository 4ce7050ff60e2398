"""The exceptions sanctions_tracker raises.

Every error the library raises on purpose derives from one root, and each subclass also
inherits the builtin it refines, so callers may catch either::

    SanctionsTrackerError
     ├── FixtureError          (ValueError)  a fixture file is malformed or inconsistent
     ├── SourceError           (ValueError)  an input file cannot be read at all
     ├── QueryError            (ValueError)  a query names something that cannot be
     │    │                                 answered (an unknown sector, a bad date range)
     │    └── NotFoundError    (KeyError)    no record has the id that was asked for
     ├── ReportError           (ValueError)  a report cannot be rendered in that format
     ├── CacheError            (OSError)     a snapshot of the cache was found damaged
     │                                      after it was checked (it is removed)
     └── MissingExtraError     (ImportError) a feature needs an optional extra that is not
                                            installed (pandas, pyarrow)
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

__all__ = [
    "CacheError",
    "FixtureError",
    "MissingExtraError",
    "NotFoundError",
    "QueryError",
    "ReportError",
    "SanctionsTrackerError",
    "SourceError",
]


class SanctionsTrackerError(Exception):
    """The root of every error raised by sanctions_tracker on purpose."""


class FixtureError(SanctionsTrackerError, ValueError):
    """One or more fixture files are malformed or inconsistent.

    ``problems`` holds every problem found, each a line reading ``file: $.path: message``;
    ``str(error)`` joins them. Loading stops at the first file set with problems, so
    nothing is ever half-loaded.
    """

    def __init__(self, problems: Iterable[str]) -> None:
        self.problems: tuple[str, ...] = tuple(problems) or ("unknown fixture problem",)
        count = len(self.problems)
        head = f"{count} problem{'s' if count != 1 else ''} in the fixtures"
        super().__init__("\n".join((head, *self.problems)) if count > 1 else self.problems[0])

    @property
    def first(self) -> str:
        """The first problem, for a one-line message."""
        return self.problems[0]


class SourceError(SanctionsTrackerError, ValueError):
    """An input path cannot be read: missing, empty, not text, not a known format."""


class QueryError(SanctionsTrackerError, ValueError):
    """A query asks for something that cannot be answered (unknown sector, bad range)."""


class NotFoundError(QueryError, KeyError):
    """No record has the id that was asked for; ``suggestions`` holds close ids."""

    def __init__(self, record_id: str, suggestions: Sequence[str] = ()) -> None:
        self.record_id = record_id
        self.suggestions = tuple(suggestions)
        msg = f"no record has the id {record_id!r}"
        if self.suggestions:
            msg += f" (did you mean {', '.join(repr(s) for s in self.suggestions)}?)"
        super().__init__(msg)

    def __str__(self) -> str:
        # KeyError.__str__ would wrap the message in quotes.
        return str(self.args[0])


class ReportError(SanctionsTrackerError, ValueError):
    """A report cannot be rendered in the requested format."""


class CacheError(SanctionsTrackerError, OSError):
    """A snapshot of the cache cannot be used: a part of it read while answering was
    found damaged (it is removed, and the next load rebuilds it from the input files).

    A snapshot found damaged, foreign or out of date before anything of it is used is not
    an error: the load reads the input files instead (``docs/cache.md``).
    """


class MissingExtraError(SanctionsTrackerError, ImportError):
    """A feature needs a package of an optional extra that is not installed.

    ``extra`` names the extra (``pandas``, ``arrow``) and ``package`` the missing package;
    the message says what to install: ``pip install 'sanctions-tracker[pandas]'``.
    """

    def __init__(self, feature: str, package: str, extra: str) -> None:
        self.feature = feature
        self.package = package
        self.extra = extra
        msg = (
            f"{feature} needs {package}, which is not installed: "
            f"pip install 'sanctions-tracker[{extra}]'"
        )
        super().__init__(msg, name=package)
