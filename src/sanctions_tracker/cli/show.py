"""``show``: one record of any kind, described in full or as JSON."""

from __future__ import annotations

import argparse
import json

from sanctions_tracker._convert import unstructure
from sanctions_tracker.reports.describe import describe

from ._common import Add, format_option, tracker_of

__all__ = ["add_commands"]


def cmd_show(args: argparse.Namespace) -> str:
    tracker = tracker_of(args)
    record = tracker.get(args.id)
    if args.format == "json":
        return json.dumps(unstructure(record), indent=2, ensure_ascii=False) + "\n"
    return describe(tracker, record)


def add_commands(add: Add) -> None:
    """``show``."""
    show = add("show", "describe one record, whatever its kind", cmd_show)
    show.add_argument("id", help="a record id (e.g. us-ofac-sdn:27844)")
    format_option(show, ("table", "json"))
