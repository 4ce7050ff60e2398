"""The parser of every subcommand, and ``main``: run one command, end with its code."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from sanctions_tracker.errors import SanctionsTrackerError

from . import cache, export, history, queries, screen, show, validate
from ._common import Handler, cache_warnings, common_options, write
from ._errors import CliError, ExitCode, report

__all__ = ["build_parser", "main"]

_GROUPS = (queries, show, screen, history, validate, export, cache)
"""The modules of the command groups, each adding its subcommands (``add_commands``)."""


def build_parser() -> argparse.ArgumentParser:
    """The argument parser: global options, then one subparser per subcommand."""
    parser = argparse.ArgumentParser(
        prog="sanctions-tracker",
        description="What sanctions and government advisories apply to whom, with sources.",
        epilog="Run `sanctions-tracker SUBCOMMAND --help` for a subcommand's options.",
        parents=[common_options("global_")],
    )
    common = common_options("")
    sub = parser.add_subparsers(dest="command", required=True, metavar="SUBCOMMAND")

    def add(name: str, help_text: str, handler: Handler) -> argparse.ArgumentParser:
        command = sub.add_parser(name, help=help_text, description=help_text, parents=[common])
        command.set_defaults(handler=handler)
        return command

    for group in _GROUPS:
        group.add_commands(add)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code (``ExitCode``: 0 when all went well)."""
    parser = build_parser()
    try:
        args, extra = parser.parse_known_args(argv)
        if extra:
            # "--data a.csv b.csv" reads b.csv as a stray argument: say how to give several.
            hint = (
                " (to load several files, give --data before each: --data A --data B)"
                if any(Path(arg).exists() for arg in extra)
                else ""
            )
            parser.error(f"unrecognized arguments: {' '.join(extra)}{hint}")
    except SystemExit as exit_:  # --help, --version and usage errors
        return exit_.code if isinstance(exit_.code, int) else 1 if exit_.code else 0
    handler: Handler = args.handler
    try:
        write(handler(args), getattr(args, "output", None))
    except (CliError, SanctionsTrackerError, OSError) as error:
        cache_warnings(args)
        return report(error)
    except KeyboardInterrupt:
        sys.stderr.write("\n")
        return ExitCode.INTERRUPTED
    cache_warnings(args)  # what went wrong with the cache while answering (an index not kept)
    return ExitCode.OK
