"""What loading one list file gives, whatever its format: :class:`ListLoad`.

Each importer (``ofac_csv``, ``ofac_xml``, ``un_xml``, ``us_csl``) returns one; ``loading`` turns
them into datasets and a tracker without knowing which format they came from.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable, Iterator

from attrs import frozen

from sanctions_tracker.records import Designation, FileAccount, Source

__all__ = ["MAX_UNPACKED_BYTES", "ListLoad", "csv_rows", "too_large"]

MAX_UNPACKED_BYTES = 1 << 30
"""The most a list file may unpack to (1 GiB): OFAC's largest list, SDN_ADVANCED.XML,
is a few hundred MB. A gzip or zip "bomb" (a few KB that unpack to many GB) is refused
once it passes this, before it fills the memory. Tests lower it."""


def too_large(display: str) -> str:
    """The message for a file that unpacks to more than MAX_UNPACKED_BYTES."""
    return (
        f"{display}: unpacks to more than {MAX_UNPACKED_BYTES // 2**20:,} MB, far more than "
        "any list file: refused (a compression bomb, or not a list)"
    )


@frozen
class ListLoad:
    """What loading one list gives: designations, the file's citation, and the accounts.

    ``title`` is the list's title (a dataset's kind); ``as_of`` is the date the file itself
    states (the XML formats do), if any.
    """

    list_id: str
    title: str
    source: Source
    designations: tuple[Designation, ...]
    programs: tuple[str, ...]
    accounts: tuple[FileAccount, ...]
    as_of: dt.date | None = None
    merged_rows: tuple[tuple[str, int], ...] = ()
    """Rows merged into a designation read from an earlier row: (designation id, line)."""
    list_sources: tuple[Source, ...] = ()
    """Citations of the lists a file gathers from others (the CSL's source lists), which
    its designations cite beside ``source``."""


def csv_rows(text: str, unreadable: Callable[[int, str], None]) -> Iterator[tuple[int, list[str]]]:
    """The non-blank rows of a CSV text, each with the line it starts on (a quoted cell may
    span lines). A row the csv module cannot read goes to ``unreadable(line, reason)``,
    and reading goes on from the next line."""
    reader = csv.reader(io.StringIO(text))
    line = 1
    while True:
        # One loop over the reader, resumed after a row it cannot read: a csv.Error
        # ends the for loop, but the reader goes on from the next line.
        try:
            for row in reader:
                start, line = line, reader.line_num + 1
                if row:
                    yield start, row
        except csv.Error as error:
            unreadable(line, f"unreadable CSV: {error}")
            line = reader.line_num + 1
            continue
        return
