"""How a command ends: its exit code, and the one line an error prints.

Every way a command can fail has its own exit code (:class:`ExitCode`, the table in
``docs/cli.md``). The command line's own errors carry theirs (:class:`CliError` and its
subclasses); the library's errors are given theirs by :func:`exit_code`, most specific
class first.
"""

from __future__ import annotations

import enum
import io
import os
import sys

from sanctions_tracker.errors import (
    FixtureError,
    MissingExtraError,
    NotFoundError,
    QueryError,
    ReportError,
    SanctionsTrackerError,
    SourceError,
)

__all__ = [
    "PROG",
    "CliError",
    "ExitCode",
    "OutputError",
    "ReportedError",
    "StrictError",
    "UsageError",
    "exit_code",
    "report",
]

PROG = "sanctions-tracker"


class ExitCode(enum.IntEnum):
    """The exit codes of ``sanctions-tracker``: each way a command ends has its own."""

    OK = 0
    """The command did what was asked (an empty listing is not an error)."""
    PROBLEMS = 1
    """The command answered, and its answer reports problems in what it read: ``validate``
    found rows or fixtures it could not read, ``screen`` rows it could not screen."""
    USAGE = 2
    """The command line is wrong: an unknown option, a value not among the choices, a date
    that cannot be read, a missing argument."""
    NOT_FOUND = 3
    """No record has the id asked for (``show``)."""
    QUESTION = 4
    """The question cannot be answered: an unknown sector, program or country, a range
    that ends before it starts, two versions of a list given out of order."""
    INPUT = 5
    """An input cannot be read: a missing path, a file of an unknown or unsupported format,
    a malformed fixture, a date stated for a file that contradicts the file's own."""
    STRICT = 6
    """``--strict``: rows of a list file became no record, so nothing was answered."""
    OUTPUT = 7
    """The answer cannot be written (``--output FILE``)."""
    MISSING_EXTRA = 8
    """The command needs an optional extra that is not installed."""
    BROKEN_PIPE = 141
    """The reader of the output went away (``| head``): quietly, as a shell would."""
    INTERRUPTED = 130
    """Interrupted (Ctrl-C)."""


class CliError(Exception):
    """An error of the command line itself, with the exit code it ends with."""

    code = ExitCode.USAGE
    prefix = "error: "
    """What the line on stderr says after ``sanctions-tracker: ``."""


class UsageError(CliError):
    """A command-line value that cannot be used (a bad date): one line, exit 2."""


class ReportedError(CliError):
    """A command printed its report of what failed; one line on stderr says how much."""

    code = ExitCode.PROBLEMS
    prefix = ""


class StrictError(CliError):
    """``--strict`` and rows that became no record: nothing was answered."""

    code = ExitCode.STRICT
    prefix = ""


class OutputError(CliError):
    """The answer cannot be written where it was asked to go."""

    code = ExitCode.OUTPUT


_LIBRARY_CODES: tuple[tuple[type[BaseException], ExitCode], ...] = (
    (NotFoundError, ExitCode.NOT_FOUND),  # before QueryError, which it refines
    (QueryError, ExitCode.QUESTION),
    (ReportError, ExitCode.QUESTION),
    (FixtureError, ExitCode.INPUT),
    (SourceError, ExitCode.INPUT),
    (MissingExtraError, ExitCode.MISSING_EXTRA),
    (OSError, ExitCode.INPUT),  # a file the command reads (writing one is an OutputError)
    (SanctionsTrackerError, ExitCode.PROBLEMS),
)


def exit_code(error: BaseException) -> ExitCode:
    """The exit code a command ends with on ``error``."""
    if isinstance(error, CliError):
        return error.code
    if isinstance(error, BrokenPipeError):
        return ExitCode.BROKEN_PIPE
    return next(
        (code for kind, code in _LIBRARY_CODES if isinstance(error, kind)), ExitCode.PROBLEMS
    )


def _message(error: BaseException) -> str:
    """The one line that says what went wrong."""
    if isinstance(error, FixtureError):
        more = len(error.problems) - 1
        if more <= 0:
            return error.first
        return f"{error.first} (and {more} more; run `{PROG} validate PATH`)"
    if isinstance(error, OSError) and not isinstance(error, SanctionsTrackerError):
        reason = error.strerror or str(error)
        return f"{error.filename}: {reason}" if error.filename else reason
    return str(error)


def _silence_stdout() -> None:
    """After a broken pipe, point stdout at /dev/null so the exit flush cannot fail."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, io.UnsupportedOperation):
        pass


def report(error: BaseException) -> ExitCode:
    """Say what ended the command in one line on stderr (nothing for a broken pipe);
    return its exit code."""
    if isinstance(error, BrokenPipeError):
        _silence_stdout()
    else:
        prefix = error.prefix if isinstance(error, CliError) else "error: "
        sys.stderr.write(f"{PROG}: {prefix}{_message(error)}\n")
    return exit_code(error)
