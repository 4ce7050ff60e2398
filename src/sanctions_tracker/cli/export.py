"""``export``: designations as FollowTheMoney entities or Senzing records, JSON lines.

The file holds the records and nothing else, so that ``ftm``, yente, Senzing and watchman
read it as it is; what the export was made from (the stamp) can be written beside it
with ``--stamp FILE``, and a line on stderr says how many records went where.
"""

from __future__ import annotations

import argparse
import io
import json
import sys

from sanctions_tracker._convert import unstructure
from sanctions_tracker.reports.listing import SCHEMA_PREFIX
from sanctions_tracker.reports.stamp import stamp_json

from ._common import Add, tracker_of, write
from ._errors import PROG
from .queries import add_designation_filters, answering, designation_query, query_settings

__all__ = ["add_commands"]

_WHAT = {"ftm": "FollowTheMoney entities", "senzing": "Senzing records"}
"""The formats ``export.EXPORT_FORMATS`` names (a test checks they agree), in words: the
exporters are imported by the command that runs them, not by every command."""
STAMP_SCHEMA = f"{SCHEMA_PREFIX}/export-stamp/1"


def cmd_export(args: argparse.Namespace) -> str:
    from sanctions_tracker.export import export_records, write_json_lines  # noqa: PLC0415

    query = designation_query(args)
    tracker = tracker_of(args)
    found = tracker.designations(**query)
    records = export_records(tracker, args.format, found)
    buffer = io.StringIO()
    write_json_lines(records, buffer)
    if args.stamp is not None:
        settings = {**query_settings(args, query), "format": args.format}
        stamp = answering(tracker, query).stamp(settings)
        head = {
            "schema": STAMP_SCHEMA,
            "stamp": stamp_json(stamp),
            "date_notes": [unstructure(note) for note in tracker.date_notes(**query)],
            "designations": len(found),
            "records": len(records),
            "output": args.output,
        }
        write(json.dumps(head, indent=2, ensure_ascii=False) + "\n", args.stamp)
    if args.output is not None:
        sys.stderr.write(
            f"{PROG}: exported {len(found):,} designation{'' if len(found) == 1 else 's'} as "
            f"{len(records):,} {_WHAT[args.format]} to {args.output}\n"
        )
    return buffer.getvalue()


def add_commands(add: Add) -> None:
    """``export``."""
    export = add(
        "export",
        "designations for other tools, one JSON document a line: FollowTheMoney entities "
        "(ftm) or Senzing records (senzing, which watchman reads too)",
        cmd_export,
    )
    export.add_argument(
        "--format",
        required=True,
        choices=tuple(_WHAT),
        help="ftm (FollowTheMoney entities) or senzing (Senzing entity records)",
    )
    add_designation_filters(export)
    export.add_argument("--output", metavar="FILE", help="write to FILE instead of stdout")
    export.add_argument(
        "--stamp",
        metavar="FILE",
        help="also write to FILE, as JSON, what the export was made from: the time, the "
        "version, the filters and every input file with its SHA-256",
    )
