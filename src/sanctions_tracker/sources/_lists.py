"""What every list format declares, and what loading one list file gives.

A list format is one module in ``sources/`` that declares a :class:`ListFormat`: its name,
the lists it holds, how it recognises a file from the file's head, and (through the
:class:`ListFile` it recognises) how it reads one. The formats are listed in
``sources/_registry.py``; reading a file gives a :class:`ListLoad`, which ``loading``
turns into datasets and a tracker without knowing which format it came from.
"""

from __future__ import annotations

import csv
import datetime as dt
from array import array
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from attrs import frozen

from sanctions_tracker.records import (
    Authority,
    Designation,
    FileAccount,
    Program,
    Source,
    Verification,
    VerificationStatus,
)

if TYPE_CHECKING:
    from sanctions_tracker.sources._files import FileHead
    from sanctions_tracker.sources._xml import XmlHead

__all__ = [
    "HeadTest",
    "KnownFormat",
    "ListFile",
    "ListFormat",
    "ListLoad",
    "OneFile",
    "WholeList",
    "csv_rows",
    "file_source",
]

HeadTest = Callable[["FileHead", "XmlHead | None"], bool]
"""A test of a file's head (and XML root element, for XML): is the file of a format?"""


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
    its designations cite beside ``source``, and of other texts the file names (the EU's
    legal acts, by their URLs)."""
    program_records: tuple[Program, ...] = ()
    """Programs (regimes) as the file itself describes them (name, legal acts), for tags
    no curated record describes; a curated record of the same id wins."""
    authority_records: tuple[Authority, ...] = ()
    """The legal acts the file names for its programs (regulations, orders), where no
    curated record of the same id exists."""
    versions: tuple[tuple[tuple[dt.date | None, Designation], ...], ...] = ()
    """For a file that carries its own history (SECO's modifications): each designation's
    versions, oldest first, as (the day it stood so from, None for a day before any the
    file dates; the designation as it stood). ``designations`` are the latest ones."""


def csv_rows(
    text: str,
    unreadable: Callable[[int, str, str | None], None],
    delimiter: str = ",",
    *,
    row_key: Callable[[list[str]], str | None] | None = None,
) -> Iterator[tuple[int, list[str]]]:
    """The non-blank rows of a CSV text, each with the line it starts on (a quoted cell may
    span lines). A row the csv module cannot read goes to ``unreadable(line, reason, key)``,
    and reading goes on from the next line. ``delimiter`` is ``"\t"`` for a tab-separated
    file.

    ``row_key(cells)`` says whether one line, read on its own, is plainly a row of the file
    (the right number of cells, an id where the id goes) and gives its id. A row that runs
    over a line end into such a line is a quoted cell left open, which swallowed the next
    entry: that row goes to ``unreadable`` naming both entries by line and id (``key`` is
    its first cell, where these files put the id), and reading resumes at the swallowed
    line, so that the next entry is read on its own.
    """
    lines = _Lines(text)
    resume: int | None = 0
    while resume is not None:
        base, resume = resume, None
        reader = csv.reader(lines.starting(base), delimiter=delimiter)
        line = base + 1
        try:
            for row in reader:
                start, end = line, base + reader.line_num
                line = end + 1
                if not row:
                    continue
                cut = _run_over(lines, (start, end), row_key, delimiter) if end > start else None
                if cut is not None:
                    at, key = cut
                    own = row[0].strip() or None
                    unreadable(
                        start,
                        f"a quoted cell of this row (entry {own}) is not closed: it runs over "
                        f"into line {at}, which is plainly the next entry ({key}), read on its "
                        "own",
                        own,
                    )
                    resume = at - 1
                    break
                yield start, row
        except csv.Error as error:
            unreadable(line, f"unreadable CSV: {error}", None)
            resume = max(base + reader.line_num, base + 1)


class _Lines:
    """The lines of a text, each with its line end, as ``readlines()`` gives them, without
    holding them: the text and where each line starts (8 bytes a line), each line cut from
    the text when it is read."""

    __slots__ = ("_starts", "_text")

    def __init__(self, text: str) -> None:
        self._text = text
        starts = array("q", [0])
        find, at = text.find, text.find("\n")
        while at != -1:
            starts.append(at + 1)
            at = find("\n", at + 1)
        if starts[-1] == len(text):
            starts.pop()  # no line after the last line end
        self._starts = starts

    def __len__(self) -> int:
        return len(self._starts)

    def __getitem__(self, index: int) -> str:
        starts = self._starts
        end = starts[index + 1] if index + 1 < len(starts) else len(self._text)
        return self._text[starts[index] : end]

    def starting(self, first: int) -> Iterator[str]:
        """The lines from the ``first`` (counted from 0) to the end."""
        for index in range(first, len(self._starts)):
            yield self[index]


def _run_over(
    lines: _Lines,
    span: tuple[int, int],
    row_key: Callable[[list[str]], str | None] | None,
    delimiter: str,
) -> tuple[int, str] | None:
    """The first line after ``start`` (up to ``end``) that is plainly a row on its own, and
    its id; None when the row's later lines are just the rest of a cell."""
    if row_key is None:
        return None
    start, end = span
    for number in range(start + 1, end + 1):
        try:
            cells = next(csv.reader([lines[number - 1]], delimiter=delimiter), [])
        except csv.Error:
            continue
        key = row_key(cells)
        if key is not None:
            return number, key
    return None


class ListFile(Protocol):
    """A file a list format recognised by its head, not read yet."""

    @property
    def display(self) -> str:
        """The file's path as the user gave it (for messages and accounts)."""
        ...

    @property
    def part(self) -> str | None:
        """None for a file that is a list on its own; for a companion file (OFAC's
        ``alt.csv``, say), its role, merged into the list file of its group."""
        ...

    @property
    def group(self) -> str:
        """What a companion and its list file share (the list, as the file's name tells)."""
        ...

    def beside(self) -> Sequence[Path]:
        """Companion files lying beside this list file, to be read with it if not given."""
        ...

    def load(self, companions: Sequence[ListFile]) -> ListLoad:
        """Read the file (and its companions) into designations and accounts."""
        ...


class WholeList:
    """For the file class of a format whose one file holds the whole list: no companions.

    The class gives ``load`` (``read`` is the format's reader) and, as a class attribute,
    ``group``.
    """

    __slots__ = ()
    part: None = None

    def beside(self) -> tuple[Path, ...]:
        """No companion files."""
        return ()

    def read(self) -> ListLoad:
        """Read the file (the format's reader)."""
        raise NotImplementedError

    def load(self, companions: Sequence[ListFile] = ()) -> ListLoad:  # noqa: ARG002 - none
        """Read the file: it has no companions."""
        return self.read()


@frozen
class OneFile(WholeList):
    """A file of a format whose one file holds the whole list, as recognised: its path,
    its name as the user gave it, and (for a zip archive) the name of the member holding
    the list. A format's file class adds ``group`` and ``read``."""

    path: Path
    display: str
    member: str | None = None

    @property
    def name(self) -> str:
        """The file's own name (the zip member's, for a zip archive)."""
        return self.member or self.path.name

    @property
    def packing(self) -> str:
        """`` (<member> in a zip archive)`` for a zip archive, else nothing: for the name
        of the format in the file's account."""
        return f" ({self.member} in a zip archive)" if self.member else ""


def file_source(
    list_id: str,
    *,
    publisher: str,
    title: str,
    file_name: str,
    url: str | None,
    published_on: dt.date | None = None,
) -> Source:
    """The citation of a list file: ``src-<list id>:<file name>``, the list's title and the
    file's name, where the publisher publishes it, and the day the file states, if any."""
    return Source(
        id=f"src-{list_id}:{file_name}",
        publisher=publisher,
        title=f"{title} ({file_name})",
        url=url,
        published_on=published_on,
        verification=Verification(
            status=VerificationStatus.VERIFIED,
            verified=("records read from the list file as published",),
        ),
    )


@frozen
class ListFormat:
    """A list format this library reads.

    ``recognise`` looks at a file's head (and its XML root, for an XML document) and
    gives a :class:`ListFile` when the file is of this format; ``lists`` names the lists
    the format holds (id: title). ``gathers``, for a list that gathers copies of other
    lists (trade.gov's CSL holds OFAC's), leaves those copies out of a load when the
    lists' own files are loaded too: it takes the load and the files loaded, by list id.
    """

    name: str
    lists: Mapping[str, str]
    recognise: Callable[[FileHead, XmlHead | None], ListFile | None]
    gathers: Callable[[ListLoad, Mapping[str, str]], ListLoad] | None = None
    main_files: str = ""
    """How the list files of a format with companions are named, for the message about
    a companion given without one (``"sdn.csv or cons_prim.csv"``)."""


@frozen
class KnownFormat:
    """A list format recognised by its head but not read by this version: a file of it
    gets a one-line error that names the format, not a puzzle about JSON or CSV."""

    name: str
    recognise: HeadTest
