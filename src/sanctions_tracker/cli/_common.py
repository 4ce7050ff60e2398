"""What every command shares: the data options, dates as typed, loading the tracker with
its warnings, and writing the answer."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from sanctions_tracker import _vocabulary as words
from sanctions_tracker._stamps import tool_version
from sanctions_tracker.errors import SanctionsTrackerError
from sanctions_tracker.loading import load
from sanctions_tracker.reports.listing import count_words
from sanctions_tracker.tracker import Tracker

from ._errors import PROG, OutputError, StrictError, UsageError

if TYPE_CHECKING:
    from sanctions_tracker.cache import SnapshotCache

__all__ = [
    "KIND_HELP",
    "NO_CACHE_VARIABLE",
    "Add",
    "Handler",
    "bundled",
    "cache_of",
    "common_options",
    "date_range",
    "format_option",
    "kind_word",
    "no_inferred_option",
    "optional_date",
    "parse_date",
    "settings",
    "tracker_of",
    "warn",
    "write",
]

Handler = Callable[[argparse.Namespace], str]
"""A command: its parsed arguments in, the text to print out."""

Add = Callable[[str, str, Handler], argparse.ArgumentParser]
"""Adds a subcommand: its name, its one-line help and its handler; gives its parser."""

KIND_HELP = f"the party's kind: {', '.join(words.KIND_WORDS)}"


def kind_word(text: str) -> str:
    """An argparse type: a kind word, checked (an unknown word is a usage error)."""
    try:
        words.party_kind(text)
    except SanctionsTrackerError as error:
        raise argparse.ArgumentTypeError(str(error)) from None
    return text


# --------------------------------------------------------------------------- dates

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DEFAULTS = (dt.datetime(2000, 1, 1), dt.datetime(2001, 2, 2))  # noqa: DTZ001 - dates only


def parse_date(text: str, option: str) -> dt.date:
    """A date given on the command line: ISO ``2019-11-04`` or a form like ``4 Nov 2019``.

    Garbage, incomplete dates (``Nov 2019``), dates with a time and ambiguous ones
    (``01/02/2020``: 1 Feb or 2 Jan?) are refused with a message naming the option.
    """
    text = text.strip()
    expected = f"{option}: expected a date like 2020-01-01, got {text!r}"
    if _ISO_DATE.match(text):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            raise UsageError(f"{option}: {text!r} is not a possible date") from None
    from dateutil import parser as date_parser  # noqa: PLC0415 - only for a date not in ISO form

    readings: set[dt.datetime] = set()
    by_default: dict[dt.datetime, set[dt.datetime]] = {}
    try:
        for default in _DEFAULTS:
            for dayfirst in (False, True):
                parsed = date_parser.parse(text, default=default, dayfirst=dayfirst)
                readings.add(parsed)
                by_default.setdefault(default, set()).add(parsed)
    except (ValueError, OverflowError):
        raise UsageError(expected) from None
    first = next(iter(readings))
    if len(readings) == 1:
        if first.time() != dt.time(0, 0):
            raise UsageError(f"{option}: expected a date without a time, got {text!r}")
        return first.date()
    if any(len(found) > 1 for found in by_default.values()):
        options = sorted({d.date() for d in by_default[_DEFAULTS[0]]})
        spelled = " or ".join(f"{d.day} {d:%b %Y}" for d in options)
        iso = " or ".join(d.isoformat() for d in options)
        msg = f"{option}: {text!r} is ambiguous ({spelled}); write it as {iso}"
        raise UsageError(msg)
    raise UsageError(f"{option}: {text!r} is not a whole date (day, month and year); {expected}")


def optional_date(text: str | None, option: str) -> dt.date | None:
    """A date option's value, or None when it was not given."""
    return None if text is None else parse_date(text, option)


def date_range(
    start: str | None, end: str | None, names: tuple[str, str]
) -> tuple[dt.date, dt.date] | None:
    """An inclusive (first, last) range from optional ends, or None if neither is given."""
    first = optional_date(start, names[0])
    last = optional_date(end, names[1])
    if first is None and last is None:
        return None
    return (first or dt.date.min, last or dt.date.max)


# --------------------------------------------------------------------------- the data


def _history(values: Sequence[str]) -> dict[dt.date | str, str | os.PathLike[str]]:
    history: dict[dt.date | str, str | os.PathLike[str]] = {}
    for value in values:
        day, sep, path = value.partition("=")
        if not sep or not path:
            msg = f"--history: expected DATE=PATH (2024-05-03=sdn.csv), got {value!r}"
            raise UsageError(msg)
        history[parse_date(day, "--history")] = path
    return history


def bundled(args: argparse.Namespace) -> bool:
    """Whether the bundled fixtures are loaded (no ``--no-bundled``, before or after)."""
    return not (args.global_no_bundled or args.no_bundled)


NO_CACHE_VARIABLE = "SANCTIONS_TRACKER_NO_CACHE"
"""An environment variable that, set to anything but an empty string, is ``--no-cache``
on every command (a ``--cache-dir`` given on the command line still uses the cache)."""


def cache_of(args: argparse.Namespace) -> SnapshotCache | None:
    """The snapshot cache a command uses: ``--cache-dir``, else the user's cache folder;
    None with ``--no-cache`` (or ``SANCTIONS_TRACKER_NO_CACHE``)."""
    folder = getattr(args, "cache_dir", None) or getattr(args, "global_cache_dir", None)
    off = getattr(args, "no_cache", False) or getattr(args, "global_no_cache", False)
    if off or (folder is None and os.environ.get(NO_CACHE_VARIABLE, "")):
        return None
    from sanctions_tracker.cache import SnapshotCache  # noqa: PLC0415 - see docs/cache.md

    return SnapshotCache(folder)


def tracker_of(args: argparse.Namespace) -> Tracker:
    """The tracker of the command's data options (from the snapshot cache when it is
    current); a warning line on stderr for each list file with rows that became no
    record, and with --strict, an error before answering."""
    paths = [*(args.global_data or ()), *(args.data or ())]
    history = _history([*(args.global_history or ()), *(args.history or ())])
    tracker = load(*paths, bundled=bundled(args), history=history or None, cache=cache_of(args))
    args.loaded = tracker
    cache_warnings(args)
    _warn_rows(tracker, strict=args.global_strict or args.strict)
    return tracker


def cache_warnings(args: argparse.Namespace) -> None:
    """A warning line for each thing that went wrong with the snapshot cache since the
    last call (a damaged snapshot rebuilt, a snapshot that could not be written)."""
    found: tuple[str, ...] = getattr(getattr(args, "loaded", None), "cache_warnings", ())
    told = getattr(args, "cache_told", 0)
    for line in found[told:]:
        warn(line)
    args.cache_told = len(found)


_NO_MAIN = "no entry in the main list file"


def _row_warnings(tracker: Tracker) -> list[str]:
    """One line per list file some rows of which became no record: how many, and why."""
    accounts = [a for d in tracker.datasets for a in d.accounts]
    if tracker.history is not None:
        accounts.extend(a for s in tracker.history.snapshots for a in s.accounts)
    lines: list[str] = []
    for account in {a.file: a for a in accounts}.values():  # a snapshot's file once
        parts = [
            (rows, why)
            for rows, why in (
                (account.rejected_rows, ("could not be read", "could not be read")),
                (account.orphan_rows, (f"has {_NO_MAIN}", f"have {_NO_MAIN}")),
                (account.left_out_rows, ("was left out", "were left out")),
            )
            if rows
        ]
        if not parts:
            continue
        count = sum(number for number, _why in parts)
        rows = count_words(count, "rows")
        if len(parts) == 1:  # "1 row of F could not be read", "2,460 rows of F have no entry"
            said = f"{rows} of {account.file} {parts[0][1][count != 1]}"
        else:
            said = f"{rows} of {account.file}: " + ", ".join(f"{n:,} {w[1]}" for n, w in parts)
        lines.append(f"{said}; run `{PROG} validate {account.file}`")
    return lines


def warn(line: str) -> None:
    """One warning line on stderr."""
    sys.stderr.write(f"{PROG}: warning: {line}\n")
    sys.stderr.flush()


def _warn_rows(tracker: Tracker, *, strict: bool) -> None:
    lines = _row_warnings(tracker)
    for line in lines:
        warn(line)
    if strict and lines:
        msg = "--strict: rows of the list files became no record (see above); nothing answered"
        raise StrictError(msg)


def settings(args: argparse.Namespace, *names: str) -> dict[str, object]:
    """The settings of a command as its options name them (``--as-of``: ``as_of``)."""
    return {name: getattr(args, name, None) for name in names}


def write(text: str, output: str | None) -> None:
    """The answer, ending in a newline, to stdout or to the file ``--output`` names (an
    empty answer, such as an export of nothing, stays empty)."""
    if text and not text.endswith("\n"):
        text += "\n"
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    try:
        Path(output).write_text(text, encoding="utf-8")
    except OSError as error:
        msg = f"cannot write {output}: {error.strerror or error}"
        raise OutputError(msg) from None


# --------------------------------------------------------------------------- options


def common_options(prefix: str) -> argparse.ArgumentParser:
    """The global options; ``prefix`` keeps the values given before the subcommand apart."""
    common = argparse.ArgumentParser(add_help=False)
    group = common.add_argument_group("data options")
    group.add_argument(
        "--data",
        action="append",
        metavar="PATH",
        dest=f"{prefix}data",
        help=(
            "a fixture file or folder, or a list file, to load (repeat the flag for each: "
            "--data sdn.csv --data alt.csv)"
        ),
    )
    group.add_argument(
        "--no-bundled",
        action="store_true",
        dest=f"{prefix}no_bundled",
        help="leave the bundled fixtures out",
    )
    group.add_argument(
        "--history",
        action="append",
        metavar="DATE=PATH",
        dest=f"{prefix}history",
        help="a dated snapshot of one list, for --as-of (repeatable)",
    )
    group.add_argument(
        "--strict",
        action="store_true",
        dest=f"{prefix}strict",
        help="exit 6 before answering when any row of a list file became no record",
    )
    group.add_argument(
        "--cache-dir",
        metavar="DIR",
        dest=f"{prefix}cache_dir",
        help="the snapshot cache's folder (default: $SANCTIONS_TRACKER_CACHE_DIR, else the "
        "user's cache folder); see `cache show`",
    )
    group.add_argument(
        "--no-cache",
        action="store_true",
        dest=f"{prefix}no_cache",
        help="read the input files, neither reading nor writing the snapshot cache",
    )
    group.add_argument("--version", action="version", version=f"%(prog)s {tool_version()}")
    return common


def format_option(parser: argparse.ArgumentParser, choices: Sequence[str]) -> None:
    """``--format``, the first choice its default."""
    parser.add_argument(
        "--format",
        choices=choices,
        default=choices[0],
        help=f"output format (default: {choices[0]})",
    )


def no_inferred_option(parser: argparse.ArgumentParser) -> None:
    """``--no-inferred``."""
    parser.add_argument(
        "--no-inferred",
        action="store_true",
        help="with --sector, leave out placements inferred from names or linked parties",
    )
