"""``screen``: names screened against the loaded lists, or re-screened against what
changed since an older list. Everything of the command is here: its options, how it
reads the names, its stamp and its output.

A file of names is streamed: read, screened and written a chunk at a time (on several
processes, or a Dask cluster, if asked), so that its length does not change the memory
used. The output keeps every input column and the input's order.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING

from sanctions_tracker import _vocabulary as words
from sanctions_tracker.batch import (
    DelimitedInput,
    InputRow,
    ListFiles,
    LocalEngine,
    Settings,
    usable_cores,
)
from sanctions_tracker.batch._engine import chunks, screen_rows
from sanctions_tracker.errors import SanctionsTrackerError
from sanctions_tracker.loading import diff
from sanctions_tracker.records import InputFile, Stamp
from sanctions_tracker.reports.listing import count_words
from sanctions_tracker.reports.screening import (
    SCREENING_FORMATS,
    Piece,
    RowRenderer,
    ScreeningWriter,
)
from sanctions_tracker.tracker import Tracker

from ._common import KIND_HELP, Add, bundled, format_option, kind_word, tracker_of
from ._errors import OutputError, ReportedError, UsageError
from .history import warn_order

if TYPE_CHECKING:
    from sanctions_tracker.history import ListDiff

__all__ = ["add_commands"]

_PROGRESS_EVERY = 1000
_ERROR_LINES_SHOWN = 10
_STDIN = "-"


def _check_screen_options(args: argparse.Namespace) -> None:
    """--limit, --threshold, --workers and the engine's options, or a usage error."""
    try:
        words.check_limit(args.limit)
        words.check_threshold(args.threshold)
    except SanctionsTrackerError as error:
        raise UsageError(f"--{error}") from None
    _check_inputs(args)
    if args.workers is not None and args.workers < 1:
        msg = f"--workers: expected a whole number of at least 1, got {args.workers}"
        raise UsageError(msg)
    if args.scheduler is not None and args.engine != "dask":
        raise UsageError("--scheduler: only with --engine dask")
    if args.engine == "dask" and args.since is not None:
        raise UsageError("--since: re-screening runs on --engine local only")
    if args.engine == "dask" and (args.global_history or args.history):
        raise UsageError("--history: the Dask engine screens against --data files only")
    if args.format == "yente" and args.since is not None:
        raise UsageError(
            "--format yente: yente's shape has no place for new hits; not with --since"
        )


def _check_inputs(args: argparse.Namespace) -> None:
    """Names, an identifier or a file, and the qualifiers with names only."""
    if args.file is None and not args.names and args.identifier is None:
        msg = "give names to screen, --identifier ID, or --file FILE (a CSV file, or - for stdin)"
        raise UsageError(msg)
    if args.file is not None and args.names:
        msg = "give names or --file, not both"
        raise UsageError(msg)
    given = [option for option, dest in _QUALIFIERS if getattr(args, dest) is not None]
    if args.file is not None and given:
        msg = f"{given[0]}: with names given on the command line; a file has its own columns"
        raise UsageError(msg)
    if args.identifier_kind is not None and args.identifier is None:
        raise UsageError("--identifier-kind: only with --identifier")


def _open_names(args: argparse.Namespace, stack: contextlib.ExitStack) -> DelimitedInput:
    """The file of names (stdin for ``-``), its delimiter found and header read."""
    if args.file == _STDIN:
        stream: IO[bytes] = sys.stdin.buffer
        path = "stdin"
    else:
        try:
            stream = stack.enter_context(Path(args.file).open("rb"))  # noqa: SIM115 - the stack closes it
        except OSError as error:
            msg = f"{args.file}: cannot be read ({error.strerror})"
            raise UsageError(msg) from None
        path = args.file
    return DelimitedInput(stream, path, name_column=args.column)


_QUALIFIERS = (
    ("--birth-date", "birth_date"),
    ("--country", "country"),
    ("--identifier", "identifier"),
    ("--identifier-kind", "identifier_kind"),
)
"""The options that qualify names given on the command line, and their record fields."""


def _argument_rows(args: argparse.Namespace) -> list[InputRow]:
    """The names given on the command line as records, each with the qualifiers given
    (``--identifier`` alone: one record screened by identifier)."""
    qualifiers = {dest: getattr(args, dest) for _option, dest in _QUALIFIERS if getattr(args, dest)}
    names = args.names or [""]
    return [
        InputRow(line, {"name": name, **qualifiers}) for line, name in enumerate(names, start=1)
    ]


def _stamp(args: argparse.Namespace, tracker: Tracker, changes: ListDiff | None) -> Stamp:
    """The stamp of a screening: the settings and the lists (both versions, with
    --since). The file of names, with its SHA-256 and rows, closes the output."""
    from sanctions_tracker.screening import (  # noqa: PLC0415 - screen only
        BIRTH_DATE_CONTRADICTS,
        BIRTH_DATE_MATCHES,
        BIRTH_DATE_NEAR,
        DEFAULT_THRESHOLD,
        WEAK_ALIAS,
    )

    threshold = args.threshold if args.threshold is not None else DEFAULT_THRESHOLD
    settings: dict[str, object] = {
        "threshold": threshold,
        "limit": args.limit,
        "kind": args.kind,
        **{dest: getattr(args, dest) for _option, dest in _QUALIFIERS},
        "since": args.since,
        # what a re-screening takes as new says so where the answer is read
        "new_matches": (
            "on a designation added; on an amended one, by an identifier the amendment "
            "added, or by a name that matched none of its previous names at the threshold "
            "(the previous version's birth dates and countries not compared)"
            if args.since is not None
            else None
        ),
        "file": args.file,
        "column": args.column,
        "engine": "dask" if args.engine == "dask" else None,  # the same answers either way
        # an answer that rests on the weak-alias rule says so (docs/screening.md)
        "weak_aliases": (
            "screened as strong aliases"
            if args.weak_aliases == "strong"
            else f"x{WEAK_ALIAS} (alert only with a birth date or a country that agrees)"
            if threshold > WEAK_ALIAS
            else None
        ),
        # how a birth date given (--birth-date, a file's column) weighs says so too
        "birth_dates": (
            f"x{BIRTH_DATE_NEAR} when the record's nearest is a year or less off, "
            f"x{BIRTH_DATE_CONTRADICTS} when more; one that agrees closes "
            f"{BIRTH_DATE_MATCHES:.0%} of the gap to 1"
            if args.birth_date is not None or args.file is not None
            else None
        ),
    }
    stamp = tracker.stamp(settings)
    if changes is None or changes.stamp is None:
        return stamp
    inputs = {file.path: file for file in stamp.inputs}
    for file in changes.stamp.inputs:
        inputs.setdefault(file.path, file)
    import attrs  # noqa: PLC0415 - only a re-screening's stamp needs it

    return attrs.evolve(stamp, inputs=tuple(inputs.values()))


def _names_account(names: DelimitedInput, writer: ScreeningWriter) -> InputFile:
    """The file of names as an input of the answer: its bytes and what became of its rows."""
    bad = len(writer.errors)
    return InputFile(
        path=names.path,
        format=f"names to screen (CSV, delimiter: {names.delimiter_name})",
        sha256=names.sha256,
        size=names.size,
        rows_read=names.rows_read,
        records_made=names.rows_read - bad,
        rows_not_read=bad,
        role="names",
    )


def _settings(args: argparse.Namespace, renderer: RowRenderer) -> Settings:
    """How each row is screened, from the options."""
    return Settings(
        args.threshold,
        args.limit,
        args.kind,
        renderer.name_column,
        weak_alias=1.0 if args.weak_aliases == "strong" else None,
    )


def _progress(total: int | None) -> Callable[[int], None] | None:
    """A line on stderr saying how many rows are screened (on a terminal only)."""
    if not sys.stderr.isatty() or (total is not None and total < _PROGRESS_EVERY):
        return None
    shown = [0]

    def draw(done: int) -> None:
        if done - shown[0] >= _PROGRESS_EVERY:
            shown[0] = done
            sys.stderr.write(f"\rscreened {done:,} rows")
            sys.stderr.flush()

    return draw


def _rescreened(
    args: argparse.Namespace,
    tracker: Tracker,
    changes: ListDiff,
    rows: Iterable[InputRow],
    renderer: RowRenderer,
) -> Iterator[Piece]:
    """Each row re-screened against what ``changes`` added or amended (its birth date,
    country, kind and identifier used as in a screening), with its new hits."""
    render = renderer(tracker)
    settings = _settings(args, renderer)
    rescreener = tracker.rescreener(changes)
    for chunk in chunks(rows, 2000):
        for result in screen_rows(rescreener, chunk, settings):
            new = frozenset(match.designation_id for match in result.new_matches or ())
            yield render(result, new)


def _engine_pieces(
    args: argparse.Namespace,
    tracker: Tracker,
    rows: Iterable[InputRow],
    renderer: RowRenderer,
    progress: Callable[[int], None] | None,
) -> Iterator[Piece]:
    settings = _settings(args, renderer)
    if args.engine == "dask":
        from sanctions_tracker.batch import DaskEngine  # noqa: PLC0415 - the dask extra

        paths = [*(args.global_data or ()), *(args.data or ())]
        engine = DaskEngine(
            ListFiles.of(*paths, bundled=bundled(args)),
            scheduler=args.scheduler,
            workers=args.workers,
        )
        return engine.run(rows, settings, renderer, progress)
    workers = args.workers if args.workers is not None else usable_cores()
    return LocalEngine(workers=workers).run(tracker, rows, settings, renderer, progress)


@contextlib.contextmanager
def _output(path: str | None) -> Iterator[IO[str]]:
    """Where the answer goes: stdout, or ``--output FILE``, written beside it under another
    name and put in its place when complete (a failed run leaves no half-written file)."""
    if path is None:
        yield sys.stdout
        sys.stdout.flush()
        return
    target = Path(path)
    try:
        handle, temporary = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=".partial", dir=target.parent or "."
        )
    except OSError as error:
        msg = f"cannot write {path}: {error.strerror or error}"
        raise OutputError(msg) from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            yield out
        Path(temporary).replace(target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def cmd_screen(args: argparse.Namespace) -> str:
    _check_screen_options(args)
    with contextlib.ExitStack() as stack:
        names = _open_names(args, stack) if args.file is not None else None
        tracker = tracker_of(args)
        changes = None
        if args.since is not None:
            changes = diff(args.since, tracker, bundled=bundled(args))
            warn_order(changes)
        from sanctions_tracker.screening import DEFAULT_THRESHOLD  # noqa: PLC0415 - screen only

        renderer = RowRenderer(
            format=args.format,
            columns=names.columns if names is not None else None,
            name_column=names.name_column if names is not None else "name",
            threshold=args.threshold if args.threshold is not None else DEFAULT_THRESHOLD,
            limit=args.limit,
        )
        rows: Iterable[InputRow] = names if names is not None else _argument_rows(args)
        stamp = _stamp(args, tracker, changes)
        progress = _progress(None if names is not None else len(args.names))
        with _output(args.screen_output) as out:
            writer = ScreeningWriter(out, renderer)
            writer.start(stamp)
            pieces = (
                _rescreened(args, tracker, changes, rows, renderer)
                if changes is not None
                else _engine_pieces(args, tracker, rows, renderer, progress)
            )
            for batch in chunks(pieces, 256):
                writer.write(batch)
            writer.finish(stamp, _names_account(names, writer) if names is not None else None)
        if progress is not None:
            sys.stderr.write("\n")
    if writer.errors:
        lines = ", ".join(str(line) for line in writer.errors[:_ERROR_LINES_SHOWN])
        more = " ..." if len(writer.errors) > _ERROR_LINES_SHOWN else ""
        where = "line" if names is not None else "name"
        msg = (
            f"{count_words(len(writer.errors), 'rows')} could not be screened ({where}"
            f"{'s' if len(writer.errors) > 1 else ''} {lines}{more}; marked 'error' in the output)"
        )
        raise ReportedError(msg)
    return ""


def add_commands(add: Add) -> None:
    """``screen``."""
    screen = add(
        "screen", "screen names against the loaded lists, with scores and reasons", cmd_screen
    )
    screen.add_argument("names", nargs="*", metavar="NAME", help="names to screen")
    screen.add_argument(
        "--file",
        metavar="CSV",
        help="a file of names with a header row, comma, semicolon, tab or pipe separated "
        "(- reads stdin); optional columns date of birth, country, kind, identifier",
    )
    screen.add_argument(
        "--column",
        help="the column that holds the names, in any case (default: name or full_name)",
    )
    screen.add_argument(
        "--kind",
        type=kind_word,
        help=f"{KIND_HELP} (not 'unknown'): other kinds score lower",
    )
    screen.add_argument(
        "--birth-date",
        metavar="DATE",
        help="the birth date of the names given (YYYY, YYYY-MM or YYYY-MM-DD): records that "
        "agree score higher, records that differ lower",
    )
    screen.add_argument(
        "--country",
        help="a country of the names given (ISO code or name): records tied to it score "
        "higher, others lower",
    )
    screen.add_argument(
        "--identifier",
        metavar="ID",
        help="an identifier to find exactly (IMO, MMSI, crypto address, SWIFT/BIC, passport, "
        "national or tax id ...), with the names given or alone",
    )
    screen.add_argument(
        "--identifier-kind",
        metavar="KIND",
        help="what --identifier is: imo, mmsi, swift, crypto, passport, national-id, tax-id "
        "... (default: any field)",
    )
    screen.add_argument(
        "--threshold",
        type=float,
        help="the score a hit needs, above 0 and at most 1 (default: 0.8)",
    )
    screen.add_argument(
        "--weak-aliases",
        choices=("discounted", "strong"),
        default="discounted",
        help="OFAC's weak (low-quality) aliases: discounted (default: x0.78, so that one "
        "alone alerts only with a birth date or a country that agrees) or screened as "
        "strong aliases",
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
    screen.add_argument(
        "--output",
        metavar="FILE",
        dest="screen_output",
        help="write the results to FILE (put in place when complete) instead of stdout",
    )
    screen.add_argument(
        "--engine",
        choices=("local", "dask"),
        default="local",
        help="where a file is screened: processes of this machine (default) or a Dask "
        "cluster (the 'dask' extra)",
    )
    screen.add_argument(
        "--workers",
        type=int,
        help="processes (local) or Dask workers of a new local cluster (default: the cores)",
    )
    screen.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="with --engine dask: the scheduler of a running cluster (tcp://host:8786); "
        "without it a local cluster is started",
    )
    format_option(screen, SCREENING_FORMATS)
