"""``screen``: names screened against the loaded lists, or re-screened against what
changed since an older list. Everything of the command is here: its options, how it
reads the names, its stamp and its output."""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from sanctions_tracker import _vocabulary as words
from sanctions_tracker._convert import unstructure
from sanctions_tracker._inputs import file_facts
from sanctions_tracker.errors import SanctionsTrackerError
from sanctions_tracker.loading import diff
from sanctions_tracker.records import InputFile, Stamp
from sanctions_tracker.reports.listing import (
    SCHEMA_PREFIX,
    count_words,
    render_csv,
    render_table,
)
from sanctions_tracker.reports.stamp import csv_comments, envelope, stamp_json, stamp_lines
from sanctions_tracker.sources._files import read_bytes
from sanctions_tracker.tracker import Tracker

from ._common import KIND_HELP, Add, bundled, format_option, kind_word, tracker_of
from ._errors import ReportedError, UsageError
from .history import warn_order

if TYPE_CHECKING:
    from sanctions_tracker.history import ListDiff
    from sanctions_tracker.screening import Match

__all__ = ["add_commands"]

_PROGRESS_MIN = 200
_SCREEN_HEADER = (
    "row", "name", "result", "id", "listed name", "score", "matched name", "strength", "more"
)  # fmt: skip


def _screen_inputs(args: argparse.Namespace) -> list[tuple[int, str | None, str]]:
    """(row number, name or None, why it cannot be read) for each name to screen."""
    if args.file is None:
        if not args.names:
            msg = "give names to screen, or --file FILE --column COLUMN"
            raise UsageError(msg)
        return [(row, name, "") for row, name in enumerate(args.names, start=1)]
    if args.names:
        msg = "give names or --file, not both"
        raise UsageError(msg)
    try:
        # A regular file only, of a bounded size: a pipe or /dev/zero is refused unread.
        text = read_bytes(Path(args.file), args.file).decode("utf-8-sig")
    except UnicodeDecodeError as error:
        msg = f"{args.file}: not UTF-8 text (byte {error.object[error.start]:#04x})"
        raise UsageError(msg) from None
    reader = csv.DictReader(io.StringIO(text))
    if reader.fieldnames is None or args.column not in reader.fieldnames:
        columns = ", ".join(reader.fieldnames or ()) or "none"
        msg = f"{args.file}: no column {args.column!r} (columns: {columns})"
        raise UsageError(msg)
    inputs: list[tuple[int, str | None, str]] = []
    for record in reader:
        line = reader.line_num
        value = record.get(args.column)
        if None in record:
            inputs.append((line, value, "the row has more cells than the header"))
        elif value is None:
            inputs.append((line, None, f"the row has no cell in column {args.column!r}"))
        else:
            inputs.append((line, value, ""))
    return inputs


def _readable(name: str | None) -> str:
    """Why a name cannot be screened, or '' when it can."""
    if name is None or not name.strip():
        return "no name in this row"
    from sanctions_tracker.screening import normalise  # noqa: PLC0415 - only `screen` needs it
    from sanctions_tracker.screening._screener import (  # noqa: PLC0415 - as above
        MAX_NAME_LENGTH,
        MAX_NAME_TOKENS,
    )

    if len(name) > MAX_NAME_LENGTH:
        return f"a name of {len(name):,} characters: at most {MAX_NAME_LENGTH:,} are screened"
    if len(name.split()) > MAX_NAME_TOKENS:
        words = len(name.split())
        return f"a name of {words:,} words: at most {MAX_NAME_TOKENS} are screened"
    if not normalise(name):
        return f"no letters or digits in {name!r}"
    return ""


def _progress_bar(total: int) -> Callable[[int, int], None] | None:
    if total < _PROGRESS_MIN or not sys.stderr.isatty():
        return None

    def draw(done: int, count: int) -> None:
        filled = 30 * done // max(count, 1)
        sys.stderr.write(f"\rscreening [{'#' * filled}{'.' * (30 - filled)}] {done}/{count}")
        if done >= count:
            sys.stderr.write("\n")
        sys.stderr.flush()

    return draw


def _match_json(match: Match) -> dict[str, Any]:
    data: dict[str, Any] = unstructure(match)
    del data["designation"]  # the record is one `show ID` away; the output stays readable
    return data


def _screened(
    args: argparse.Namespace, tracker: Tracker, names: list[str]
) -> tuple[list[tuple[Match, ...]], list[frozenset[str]], ListDiff | None]:
    """Each name's hits, which of them are new since ``--since`` (all, without it), and
    the diff they were screened against."""
    if args.since is None:
        results = tracker.screen_many(
            names,
            kind=args.kind,
            threshold=args.threshold,
            limit=args.limit,
            progress=_progress_bar(len(names)),
        )
        return list(results), [frozenset(m.designation_id for m in r) for r in results], None
    changes = diff(args.since, tracker, bundled=bundled(args))
    warn_order(changes)
    rescreened = tracker.rescreen(
        names, changes, kind=args.kind, threshold=args.threshold, limit=args.limit
    )
    return (
        [r.matches for r in rescreened],
        [frozenset(m.designation_id for m in r.new_matches) for r in rescreened],
        changes,
    )


def _status(matches: Sequence[Match], new: frozenset[str], *, since: bool) -> str:
    """'match' or 'no match'; with --since, against what changed: 'new match' or not."""
    if not since:
        return "match" if matches else "no match"
    if not matches:
        return "nothing changed for this name"
    return "new match" if new else "match, not new"


def _check_screen_options(args: argparse.Namespace) -> None:
    """--limit and --threshold as the API takes them, or a usage error (exit 2)."""
    try:
        words.check_limit(args.limit)
        words.check_threshold(args.threshold)
    except SanctionsTrackerError as error:
        raise UsageError(f"--{error}") from None


def _screen_stamp(
    args: argparse.Namespace,
    tracker: Tracker,
    changes: ListDiff | None,
    problems: dict[int, str],
) -> Stamp:
    """The stamp of a screening: the settings, the lists (both versions, with --since) and
    the file of names, with its SHA-256 and rows."""
    from sanctions_tracker.screening import DEFAULT_THRESHOLD  # noqa: PLC0415 - screen only

    settings: dict[str, object] = {
        "threshold": args.threshold if args.threshold is not None else DEFAULT_THRESHOLD,
        "limit": args.limit,
        "kind": args.kind,
        "since": args.since,
        "file": args.file,
        "column": args.column if args.file is not None else None,
    }
    stamp = tracker.stamp(settings)
    inputs = {file.path: file for file in stamp.inputs}
    for file in changes.stamp.inputs if changes is not None and changes.stamp else ():
        inputs.setdefault(file.path, file)
    if args.file is not None:
        facts = file_facts(Path(args.file))
        bad = sum(1 for why in problems.values() if why)
        inputs[args.file] = InputFile(
            path=args.file,
            format="names to screen (CSV)",
            sha256=facts[0] if facts else None,
            size=facts[1] if facts else None,
            rows_read=len(problems),
            records_made=len(problems) - bad,
            rows_not_read=bad,
            role="names",
        )
    return attrs.evolve(stamp, inputs=tuple(inputs.values()))


def _screen_rows(
    inputs: Sequence[tuple[int, str | None, str]],
    problems: dict[int, str],
    found: dict[int, tuple[tuple[Match, ...], frozenset[str]]],
    *,
    since: bool,
    objects_too: bool = True,
) -> tuple[list[dict[str, Any]], list[tuple[Any, ...]]]:
    """Each name's result as a JSON object (if ``objects_too``: a table needs none, and
    the explanations they hold are worked out only when read) and as a table row."""
    objects: list[dict[str, Any]] = []
    table: list[tuple[Any, ...]] = []
    for row, name, _ in inputs:
        matches, fresh = found.get(row, ((), frozenset()))
        status = "error" if problems[row] else _status(matches, fresh, since=since)
        if objects_too:
            objects.append(
                {
                    "row": row,
                    "name": name,
                    "status": status,
                    "error": problems[row] or None,
                    "matches": [
                        {**_match_json(m), "new": m.designation_id in fresh} for m in matches
                    ],
                }
            )
        if problems[row]:
            table.append((row, name or "", f"error: {problems[row]}", "", "", "", "", "", ""))
        elif not matches:
            table.append((row, name, status, "", "", "", "", "", ""))
        else:
            best = next((m for m in matches if m.designation_id in fresh), matches[0])
            table.append(
                (
                    row,
                    name,
                    status,
                    best.designation_id,
                    best.name,
                    f"{best.score:.3f}",
                    best.matched_name.full,
                    best.name_strength.value,
                    len(matches) - 1,
                )
            )
    return objects, table


SCREEN_SCHEMA = f"{SCHEMA_PREFIX}/screening/1"


def cmd_screen(args: argparse.Namespace) -> str:
    inputs = _screen_inputs(args)
    _check_screen_options(args)
    tracker = tracker_of(args)
    problems = {row: why or _readable(name) for row, name, why in inputs}
    good = [(row, name) for row, name, _ in inputs if not problems[row] and name is not None]
    results, new, changes = _screened(args, tracker, [name for _, name in good])
    found = {
        row: (matches, fresh) for (row, _), matches, fresh in zip(good, results, new, strict=True)
    }
    objects, table = _screen_rows(
        inputs,
        problems,
        found,
        since=args.since is not None,
        objects_too=args.format in {"json", "jsonl"},
    )
    stamp = _screen_stamp(args, tracker, changes, problems)
    if args.format == "json":
        data = envelope(SCREEN_SCHEMA, stamp, "results", objects)
        text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    elif args.format == "jsonl":
        head = {"schema": SCREEN_SCHEMA, "stamp": stamp_json(stamp)}
        text = "".join(json.dumps(o, ensure_ascii=False) + "\n" for o in [head, *objects])
    elif args.format == "csv":
        text = csv_comments(stamp_lines(stamp)) + render_csv(_SCREEN_HEADER, table)
    else:
        text = render_table(_SCREEN_HEADER, table, "names screened")
        text += "".join(f"{line}\n" for line in stamp_lines(stamp))
    bad = [row for row, why in problems.items() if why]
    if bad:
        sys.stdout.write(text)
        sys.stdout.flush()
        msg = f"{count_words(len(bad), 'rows')} could not be screened (marked 'error' above)"
        raise ReportedError(msg)
    return text


def add_commands(add: Add) -> None:
    """``screen``."""
    screen = add(
        "screen", "screen names against the loaded lists, with scores and reasons", cmd_screen
    )
    screen.add_argument("names", nargs="*", metavar="NAME", help="names to screen")
    screen.add_argument("--file", metavar="CSV", help="a CSV file of names (with a header row)")
    screen.add_argument(
        "--column", default="name", help="the CSV column that holds the names (default: name)"
    )
    screen.add_argument(
        "--kind",
        type=kind_word,
        help=f"{KIND_HELP} (not 'unknown'): other kinds score lower",
    )
    screen.add_argument(
        "--threshold",
        type=float,
        help="the score a hit needs, above 0 and at most 1 (default: 0.8)",
    )
    screen.add_argument(
        "--limit",
        type=int,
        default=words.DEFAULT_LIMIT,
        help=f"hits kept per name, at least 1 (default {words.DEFAULT_LIMIT})",
    )
    screen.add_argument(
        "--since",
        metavar="OLD",
        help="re-screen: only against what changed since the list file OLD (or DATE=OLD), "
        "saying which names hit anew",
    )
    format_option(screen, ("table", "json", "csv", "jsonl"))
