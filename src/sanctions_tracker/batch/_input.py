"""Rows of a delimited text file of names to screen, read as a stream.

A customer file comes as it comes: comma, semicolon, tab or pipe separated, headers in any
case, a byte-order mark, quoted cells over several lines, rows with a cell too many. It is
read one row at a time, never held whole, and every row comes out: with its line and its
cells under the header's names, or with the reason it cannot be read.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
from collections.abc import Iterator
from typing import IO

from attrs import frozen

from sanctions_tracker.errors import SourceError

__all__ = ["DELIMITERS", "DelimitedInput", "InputRow", "column_key"]

DELIMITERS = (",", ";", "\t", "|")
"""The delimiters a file may use; the one it uses is found from its first lines."""

_SAMPLE = 1 << 16
_SAMPLE_LINES = 50
_LINE_LIMIT = 1 << 20
"""The longest line read, in characters: a file with a longer one (``/dev/zero``, a binary
file) is refused there rather than read into memory whole."""
_LONE = "\x1f"
"""The delimiter of a file of one column (no delimiter in its header): a character that
no text holds, so that a name written ``SMITH, John`` stays one cell."""
_DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe", _LONE: "none"}


def column_key(name: str) -> str:
    """A column name as compared: case, spaces, dashes and underscores set aside."""
    return "".join(ch for ch in name.casefold() if ch.isalnum())


@frozen
class InputRow:
    """One row of the file: the line it starts on, its cells under the header's names
    (every column, untouched), and why it cannot be screened as read (None when it can)."""

    line: int
    record: dict[str, str]
    error: str | None = None


class _Hashing(io.RawIOBase):
    """A binary stream read through, its bytes counted and hashed as they pass."""

    def __init__(self, stream: IO[bytes]) -> None:
        self._stream = stream
        self.sha256 = hashlib.sha256()
        self.size = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        # (io.RawIOBase.readinto takes any writable buffer; these two are what io passes)
        data = self._stream.read(len(buffer))
        count = len(data)
        buffer[:count] = data
        self.sha256.update(data)
        self.size += count
        return count


def _choose_delimiter(sample: str) -> str:
    """The delimiter of the file whose first lines are ``sample``: the one of
    :data:`DELIMITERS` that cuts the header into the most cells, with at least a third of
    the following rows cut into as many; no delimiter in the header: one column."""
    lines = sample.splitlines(keepends=True)
    if len(lines) > 1 and len(sample) >= _SAMPLE:
        lines = lines[:-1]  # the last may be cut short
    lines = lines[:_SAMPLE_LINES]
    best, best_cells = _LONE, 1
    for delimiter in DELIMITERS:
        rows = [row for row in csv.reader(lines, delimiter=delimiter) if row]
        if not rows or len(rows[0]) < 2:  # noqa: PLR2004 - a header of one cell
            continue
        width = len(rows[0])
        fitting = sum(1 for row in rows[1:] if len(row) == width)
        if rows[1:] and fitting * 3 < len(rows) - 1:
            continue  # most rows disagree with the header: not this delimiter
        if width > best_cells:
            best, best_cells = delimiter, width
    return best


class DelimitedInput:
    """The rows of a delimited file of names (read as UTF-8, with or without a byte-order
    mark), streamed: iterate once for :class:`InputRow` in order.

    ``columns`` are the header's names as written; ``name_column`` the one that holds the
    names, found without regard to case (``None`` when the file has none but has an
    identifier column). ``sha256``, ``size`` and ``rows_read`` count what has been read so
    far (all of it, once iterated to the end). A header that repeats a name, a file that
    is not UTF-8 or has no header raise :class:`SourceError`.
    """

    def __init__(self, stream: IO[bytes], path: str, *, name_column: str | None = None) -> None:
        self.path = path
        self._raw = _Hashing(stream)
        decoder = codecs.getincrementaldecoder("utf-8-sig")()
        buffered = io.BufferedReader(self._raw, buffer_size=_SAMPLE)
        head = buffered.peek(_SAMPLE)[:_SAMPLE]
        try:
            sample = decoder.decode(head, final=len(head) < _SAMPLE)
        except UnicodeDecodeError as error:
            line = head[: error.start].count(b"\n") + 1
            msg = f"{path}: not UTF-8 text on line {line} (byte {head[error.start]:#04x})"
            raise SourceError(msg) from None
        self.delimiter = _choose_delimiter(sample)
        self._text = io.TextIOWrapper(buffered, encoding="utf-8-sig", newline="")
        self._reader = csv.reader(self._bounded_lines(), delimiter=self.delimiter)
        self._line = 0
        self.rows_read = 0
        header = self._next_row()
        if header is None:
            msg = f"{path}: empty: a header row naming the columns is expected"
            raise SourceError(msg)
        self.header_line, cells = header
        self.columns = tuple(
            cell.strip() or f"column {index}" for index, cell in enumerate(cells, start=1)
        )
        seen: dict[str, str] = {}
        for column in self.columns:
            other = seen.setdefault(column_key(column), column)
            if other is not column:
                msg = f"{path}: the header names the column {column!r} twice ({other!r})"
                raise SourceError(msg)
        self.name_column = self._find_name_column(name_column)

    def _bounded_lines(self) -> Iterator[str]:
        """The file's lines, each of at most ``_LINE_LIMIT`` characters."""
        number = 0
        while line := self._text.readline(_LINE_LIMIT + 1):
            number += 1
            if len(line) > _LINE_LIMIT:
                msg = (
                    f"{self.path}: line {number} is longer than {_LINE_LIMIT:,} characters: "
                    "not a file of names"
                )
                raise SourceError(msg)
            yield line

    @property
    def delimiter_name(self) -> str:
        """The delimiter in words: comma, semicolon, tab, pipe, or none (one column)."""
        return _DELIMITER_NAMES[self.delimiter]

    @property
    def sha256(self) -> str:
        """The SHA-256 of the bytes read so far (the whole file's, once read to the end)."""
        return self._raw.sha256.hexdigest()

    @property
    def size(self) -> int:
        """The bytes read so far."""
        return self._raw.size

    def _find_name_column(self, wanted: str | None) -> str | None:
        keys = {column_key(column): column for column in self.columns}
        if wanted is not None:
            found = keys.get(column_key(wanted))
            if found is None:
                msg = f"{self.path}: no column {wanted!r} (columns: {', '.join(self.columns)})"
                raise SourceError(msg)
            return found
        for key in ("name", "fullname"):
            if key in keys:
                return keys[key]
        if "identifier" in keys:
            return None
        msg = (
            f"{self.path}: no column 'name' nor 'identifier' (columns: "
            f"{', '.join(self.columns)}); name the column of names with --column"
        )
        raise SourceError(msg)

    def _next_row(self) -> tuple[int, list[str]] | None:
        """The next row that is not blank, with the line it starts on."""
        while True:
            start = self._line + 1
            try:
                cells = next(self._reader)
            except StopIteration:
                return None
            except UnicodeDecodeError as error:
                msg = (
                    f"{self.path}: not UTF-8 text on line {self._reader.line_num + 1} "
                    f"(byte {error.object[error.start]:#04x})"
                )
                raise SourceError(msg) from None
            except csv.Error as error:
                msg = f"{self.path}: line {self._reader.line_num}: {error}"
                raise SourceError(msg) from None
            self._line = self._reader.line_num
            if cells and any(cell.strip() for cell in cells):
                return start, cells

    def __iter__(self) -> Iterator[InputRow]:
        width = len(self.columns)
        while (found := self._next_row()) is not None:
            line, cells = found
            self.rows_read += 1
            record = dict(zip(self.columns, cells, strict=False))
            if len(cells) > width:
                for index in range(width, len(cells)):  # kept: nothing read is lost
                    record[f"column {index + 1}"] = cells[index]
                extra = ", ".join(repr(cell) for cell in cells[width:])
                error = (
                    f"the row has {len(cells)} cells, the header {width} (past the header: "
                    f"{extra}): a {self.delimiter_name} inside a cell that is not quoted?"
                )
                yield InputRow(line, record, error)
            elif len(cells) < width:
                for column in self.columns[len(cells) :]:
                    record[column] = ""
                yield InputRow(line, record, None)
            else:
                yield InputRow(line, record, None)
