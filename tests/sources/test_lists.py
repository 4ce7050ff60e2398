"""The CSV row reader shared by the CSV list formats: start lines, unreadable rows, and a
quoted cell left open that runs over into the next entry."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

import sanctions_tracker as st
from conftest import SHARED_DATA
from sanctions_tracker.sources._lists import _Lines, csv_rows


def _read(
    text: str, width: int = 3
) -> tuple[list[tuple[int, list[str]]], list[tuple[int, str, str | None]]]:
    problems: list[tuple[int, str, str | None]] = []

    def row_key(cells: list[str]) -> str | None:
        return cells[0] if len(cells) == width and cells[0].isdigit() else None

    rows = list(csv_rows(text, lambda *p: problems.append(p), row_key=row_key))
    return rows, problems


def test_rows_start_lines_and_blank_lines() -> None:
    """Each row comes with the line it starts on; blank lines are not rows; a quoted cell
    may span lines when what follows is not a row of the file."""
    rows, problems = _read('1,a,b\n\n2,"two\nlines",c\n3,x,y\n')
    assert rows == [(1, ["1", "a", "b"]), (3, ["2", "two\nlines", "c"]), (5, ["3", "x", "y"])]
    assert problems == []


def test_a_quote_left_open_swallows_no_entry() -> None:
    """A cell whose quote never closes ran on into the next entry, which vanished: now the
    row is reported with both entries' lines and ids, and the next entry is read."""
    rows, problems = _read('1,a,"open\n2,b,c\n3,d,e\n')
    assert rows == [(2, ["2", "b", "c"]), (3, ["3", "d", "e"])]
    ((line, reason, key),) = problems
    assert (line, key) == (1, "1")
    assert reason == (
        "a quoted cell of this row (entry 1) is not closed: it runs over into line 2, "
        "which is plainly the next entry (2), read on its own"
    )


def test_without_a_row_test_a_long_cell_is_kept() -> None:
    """Without ``row_key`` nothing is taken for a row: the reader behaves as before."""
    rows = list(csv_rows('1,"x\n2,b,c"\n', lambda *_: None))
    assert rows == [(1, ["1", "x\n2,b,c"])]


def test_unreadable_rows_are_reported_and_reading_goes_on() -> None:
    """A row the csv module refuses (a cell over its size limit) is reported with its
    line; the next row is read."""
    huge = "x" * (csv.field_size_limit() + 1)
    rows, problems = _read(f"1,a,b\n2,{huge},c\n3,d,e\n")
    assert [r[0] for r in rows] == [1, 3]
    ((line, reason, key),) = problems
    assert (line, key) == (2, None)
    assert reason.startswith("unreadable CSV: ")


DPL = SHARED_DATA / "other" / "dpl.txt"


@pytest.mark.skipif(not DPL.exists(), reason="../shared/data is not there")
def test_a_quote_left_open_in_the_denied_persons_list(tmp_path: Path) -> None:
    """The tab-separated Denied Persons List reads the same way: a row whose last quote is
    missing is reported with the entry it ran into, and that entry is loaded."""
    lines = DPL.read_text(encoding="utf-8").splitlines(keepends=True)
    assert lines[2].startswith('"AARON ABRAHAM VILLA"')
    following = lines[3].split("\t")[0].strip('"')
    lines[2] = lines[2].rstrip("\r\n")[:-1] + "\n"  # its closing quote removed
    broken = tmp_path / "dpl.txt"
    broken.write_text("".join(lines), encoding="utf-8")
    tracker = st.load(broken, bundled=False)
    (account,) = tracker.datasets[0].accounts
    (problem,) = account.rejected
    assert problem.line == 3
    assert f"which is plainly the next entry ({following})" in problem.reason
    assert following in {d.name for d in tracker.designations()}
    assert "AARON ABRAHAM VILLA" not in {d.name for d in tracker.designations()}


@pytest.mark.parametrize(
    "text", ["", "a", "a\n", "a\nb", "a\r\nb\r\n", "\n\n", "x\ny\n\nz", "a\rb\n", '"a\nb",c\n']
)
def test_lines_are_read_as_readlines_gives_them(text: str) -> None:
    """csv_rows cuts each line from the text when it is read (a list of every line took
    four times the file's size): the lines are those ``readlines()`` gives, from any start."""
    lines = _Lines(text)
    expected = io.StringIO(text).readlines()
    assert [lines[i] for i in range(len(lines))] == expected
    for first in range(len(expected) + 1):
        assert list(lines.starting(first)) == expected[first:]
