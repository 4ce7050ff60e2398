"""What identifies an input file in a stamp: its SHA-256 and size, and a date the user
states for it (``DATE=PATH``).

``loading`` calls these for every file it reads; nothing here parses a list.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
from collections.abc import Callable, Iterable
from pathlib import Path

import attrs

from sanctions_tracker.errors import SourceError
from sanctions_tracker.records import FileAccount

__all__ = ["file_facts", "stated_path", "with_facts"]

_STATED = re.compile(r"^(\d{4}-\d{2}-\d{2})=(.+)$", re.DOTALL)
_CHUNK = 1 << 20


def stated_path(value: str | os.PathLike[str]) -> tuple[Path, dt.date | None]:
    """A path and the date stated for it: ``"2024-05-03=sdn.csv"`` gives (sdn.csv, that
    day); a plain path (or a file whose own name has that shape) gives no date."""
    text = os.fspath(value)
    match = _STATED.match(text)
    if match is None or Path(text).exists():
        return Path(text), None
    day, path = match.groups()
    try:
        return Path(path), dt.date.fromisoformat(day)
    except ValueError:
        msg = f"{text}: {day!r} is not a possible date (DATE=PATH takes a date like 2024-05-03)"
        raise SourceError(msg) from None


def file_facts(path: Path) -> tuple[str, int] | None:
    """The SHA-256 (hex) and size in bytes of a file's content; None if it cannot be read."""
    digest = hashlib.sha256()
    size = 0
    try:
        with path.open("rb") as handle:
            while chunk := handle.read(_CHUNK):
                digest.update(chunk)
                size += len(chunk)
    except OSError:
        return None
    return digest.hexdigest(), size


def with_facts(
    accounts: Iterable[FileAccount], where: Callable[[str], Path]
) -> tuple[FileAccount, ...]:
    """The accounts with each file's SHA-256 and size (``where`` finds a shown file)."""
    found = []
    for account in accounts:
        facts = file_facts(where(account.file)) if account.sha256 is None else None
        if facts is not None:
            account = attrs.evolve(account, sha256=facts[0], size=facts[1])  # noqa: PLW2901
        found.append(account)
    return tuple(found)
