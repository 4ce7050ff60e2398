"""The command-line tool: ``sanctions-tracker SUBCOMMAND [OPTIONS]``.

This package is the one part of sanctions_tracker that prints or exits. Every subcommand
loads a tracker (the bundled fixtures plus any ``--data`` paths), asks it one question,
and prints the answer the renderers of ``sanctions_tracker.reports`` give. The command
groups are one module each: ``queries`` (the listings and the summary), ``show``,
``screen``, ``history`` (``diff``), ``validate`` and ``export``; ``_common`` holds the data options,
dates and output, ``_errors`` the exit codes (one for each way a command can fail) and
``_app`` the parser and :func:`main`. The subcommands, their output and the exit codes
are described in ``docs/cli.md``.
"""

from ._app import build_parser, main
from ._common import parse_date
from ._errors import ExitCode

__all__ = ["ExitCode", "build_parser", "main", "parse_date"]
