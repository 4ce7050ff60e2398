"""How a :class:`~sanctions_tracker.records.Stamp` and date notes read in every output.

One wording for every renderer: plain lines (table footers, CSV comment lines), Markdown
and JSON. The HTML summary uses :func:`date_words` and :func:`input_words` through its
template.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sanctions_tracker._convert import unstructure
from sanctions_tracker.records import (
    CacheNote,
    CacheStatus,
    DateNote,
    DateSource,
    InputFile,
    ListingWindow,
    Stamp,
)

__all__ = [
    "cache_words",
    "csv_comments",
    "date_words",
    "envelope",
    "generated_words",
    "input_words",
    "listed_words",
    "note_lines",
    "settings_words",
    "stamp_json",
    "stamp_lines",
]

_DATE_SOURCES = {
    DateSource.PUBLISHED: "the file's own date",
    DateSource.STATED: "the date stated for it",
    DateSource.FILE_NAME: "from its file name; the file states no date",
}


def _count(count: int, noun: str) -> str:
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


def generated_words(stamp: Stamp) -> str:
    """``generated 2024-05-03T09:00:00Z by sanctions-tracker 0.1.0``."""
    when = stamp.generated_at.strftime("%Y-%m-%dT%H:%M:%SZ")
    return f"generated {when} by {stamp.tool} {stamp.version}"


def settings_words(stamp: Stamp) -> str:
    """``threshold=0.8, limit=10`` (or ``none``)."""
    return ", ".join(f"{s.name}={s.value}" for s in stamp.settings) or "none"


def date_words(file: InputFile) -> str:
    """The date of an input file and what it rests on, or ``undated`` said plainly."""
    if file.role == "fixtures":
        return "curated records (their own dates)"
    if file.role == "names":
        return "the names screened"
    if file.date is None or file.date_source is DateSource.UNDATED:
        return "undated: the file states no date and none was given (give one as DATE=PATH)"
    own = (
        f"; the file's own date is {file.published_on}"
        if file.published_on is not None and file.date_source is not DateSource.PUBLISHED
        else ""
    )
    return f"dated {file.date} ({_DATE_SOURCES[file.date_source]}{own})"


def input_words(file: InputFile) -> str:
    """One line on an input file: path, format, size, SHA-256, date, rows."""
    size = f"{file.size:,} bytes" if file.size is not None else "size not recorded"
    digest = f"sha256 {file.sha256}" if file.sha256 else "sha256 not recorded"
    if file.role == "fixtures":
        rows = _count(file.records_made, "record")
    else:
        rows = (
            f"{_count(file.rows_read, 'row')} read: {file.records_made:,} made, "
            f"{file.rows_not_read:,} not read, {file.rows_left_out:,} left out"
        )
    return f"{file.path} ({file.format}), {size}, {digest}, {date_words(file)}; {rows}"


_LISTS = {
    CacheStatus.READ: "lists read from the snapshot cache",
    CacheStatus.STORED: "lists read from the input files and stored in the snapshot cache",
    CacheStatus.NOT_STORED: "lists read from the input files, not stored in the snapshot cache",
}
_INDEX = {
    CacheStatus.READ: "screening index read from the cache",
    CacheStatus.STORED: "screening index built and stored in the cache",
    CacheStatus.NOT_STORED: "screening index built, not stored in the cache",
}


def cache_words(note: CacheNote) -> str:
    """How the snapshot cache served an answer, in a line: what was read from it or
    stored in it, the snapshot's key and folder, and why, when something was not read."""
    parts = [_LISTS[note.lists]]
    if note.index is not None:
        parts.append(_INDEX[note.index])
    where = f"key {note.key}" + (f" in {note.folder}" if note.folder else "")
    why = f" ({note.reason})" if note.reason else ""
    return f"{', '.join(parts)}; {where}{why}"


def stamp_lines(stamp: Stamp) -> list[str]:
    """The stamp as plain lines (no prefix): for table footers and CSV comments."""
    lines = [generated_words(stamp), f"settings: {settings_words(stamp)}"]
    lines.extend(f"input: {input_words(file)}" for file in stamp.inputs)
    if stamp.cache is not None:
        lines.append(f"cache: {cache_words(stamp.cache)}")
    return lines


def csv_comments(lines: Iterable[str]) -> str:
    """Lines to put above a CSV header, each one line starting with ``# ``."""
    return "".join(f"# {' '.join(line.split())}\n" for line in lines)


def note_lines(notes: Iterable[DateNote]) -> list[str]:
    """Each date note as a line: ``dates: 4,439 designations ...``."""
    return [f"dates: {note.text}" for note in notes]


def listed_words(window: ListingWindow) -> str:
    """A designation's listing date, or the window it lies in, in a few words."""
    if window.listed_on is not None:
        return window.listed_on.isoformat()
    if window.earliest is None and window.latest is None:
        return "not given"
    if window.earliest is None:
        return f"not given; by {window.latest}"
    if window.latest is None:
        return f"not given; from {window.earliest}"
    return f"not given; {window.earliest} to {window.latest}"


def stamp_json(stamp: Stamp) -> dict[str, Any]:
    """The stamp as JSON-ready data: settings as an object, the time in UTC with a Z."""
    data: dict[str, Any] = unstructure(stamp)
    return data


def envelope(
    schema: str, stamp: Stamp, key: str, items: Sequence[Any], notes: Iterable[DateNote] = ()
) -> dict[str, Any]:
    """A JSON answer: its schema, its stamp, its date notes and its items under ``key``."""
    return {
        "schema": schema,
        "stamp": stamp_json(stamp),
        "date_notes": [unstructure(n) for n in notes],
        "count": len(items),
        key: list(items),
    }
