"""``diff``: what changed between two versions of a list."""

from __future__ import annotations

import argparse

from sanctions_tracker.history import ListDiff
from sanctions_tracker.loading import diff

from ._common import Add, bundled, format_option, warn

__all__ = ["add_commands", "warn_order"]


def warn_order(changes: ListDiff) -> None:
    """A warning line when the order of the two versions of a diff cannot be known."""
    if changes.order_note is not None:
        warn(changes.order_note)


def cmd_diff(args: argparse.Namespace) -> str:
    changes = diff(args.old, args.new, bundled=bundled(args))
    warn_order(changes)
    renderers = {"md": changes.to_markdown, "json": changes.to_json, "csv": changes.to_csv}
    return renderers[args.format]()


def add_commands(add: Add) -> None:
    """``diff``."""
    changes = add("diff", "what changed between two versions of a list", cmd_diff)
    changes.add_argument("old", metavar="OLD", help="the older list file")
    changes.add_argument("new", metavar="NEW", help="the newer list file")
    format_option(changes, ("md", "json", "csv"))
