"""``cache``: what the snapshot cache holds (``show``), and emptying it (``clear``)."""

from __future__ import annotations

import argparse
import json
from typing import Any

from sanctions_tracker.cache import CacheEntry, SnapshotCache, default_folder
from sanctions_tracker.reports.listing import count_words, render_table

from ._common import Add, format_option

__all__ = ["add_commands"]

_HEADER = ("key", "created", "version", "size", "index", "designations", "status", "inputs")


def _folder(args: argparse.Namespace) -> SnapshotCache:
    folder = args.cache_dir or args.global_cache_dir
    return SnapshotCache(folder if folder is not None else default_folder())


def _megabytes(size: int) -> str:
    return f"{size / 1e6:.1f} MB"


def _entry_json(entry: CacheEntry) -> dict[str, Any]:
    return {
        "key": entry.key,
        "file": entry.file,
        "created": entry.created.isoformat() if entry.created else None,
        "version": entry.version,
        "size": entry.size,
        "index": entry.index,
        "designations": entry.designations,
        "status": entry.status,
        "inputs": list(entry.inputs),
    }


def cmd_cache(args: argparse.Namespace) -> str:
    cache = _folder(args)
    if args.action == "clear":
        removed = cache.clear()
        return f"removed {count_words(removed, 'files')} from {cache.folder}\n"
    entries = cache.entries()
    size = sum(entry.size for entry in entries)
    if args.format == "json":
        data = {
            "folder": str(cache.folder),
            "size": size,
            "snapshots": [_entry_json(entry) for entry in entries],
        }
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    rows = [
        (
            entry.key[:16],
            entry.created.strftime("%Y-%m-%d %H:%M") if entry.created else "",
            entry.version,
            _megabytes(entry.size),
            "yes" if entry.index else "no",
            entry.designations,
            entry.status,
            list(entry.inputs),
        )
        for entry in entries
    ]
    table = render_table(_HEADER, rows, "snapshots")
    return f"{table}folder: {cache.folder} ({_megabytes(size)})\n"


def add_commands(add: Add) -> None:
    """``cache``."""
    cache = add(
        "cache",
        "show the snapshot cache (the lists and screening indices kept between runs), or clear it",
        cmd_cache,
    )
    cache.add_argument(
        "action",
        nargs="?",
        choices=("show", "clear"),
        default="show",
        help="show the snapshots and whether each is current (default), or remove them all",
    )
    format_option(cache, ("table", "json"))
