"""Reading a customer file as a stream: delimiters, headers in any case, lines, bad rows."""

from __future__ import annotations

import csv
import hashlib
import io

import pytest

from conftest import SHARED_DATA
from sanctions_tracker.batch import DelimitedInput, InputRow
from sanctions_tracker.errors import SourceError

DPL = SHARED_DATA / "other" / "dpl.txt"


def read(text: str | bytes, column: str | None = None) -> DelimitedInput:
    data = text.encode("utf-8") if isinstance(text, str) else text
    return DelimitedInput(io.BytesIO(data), "customers.csv", name_column=column)


@pytest.mark.parametrize(
    ("delimiter", "word"), [(",", "comma"), (";", "semicolon"), ("\t", "tab"), ("|", "pipe")]
)
def test_each_delimiter_is_found(delimiter: str, word: str) -> None:
    """The delimiter is found from the file itself, whichever of the four it is; a name
    holding another of them stays whole."""
    other = ";" if delimiter == "," else ","
    text = delimiter.join(["id", "Name", "DOB"]) + "\n"
    text += delimiter.join(["1", f"SMITH{other} John", "1970"]) + "\n"
    rows = read(text)
    assert (rows.delimiter_name, rows.columns, rows.name_column) == (
        word,
        ("id", "Name", "DOB"),
        "Name",
    )
    assert list(rows) == [InputRow(2, {"id": "1", "Name": f"SMITH{other} John", "DOB": "1970"})]


def test_one_column_file_keeps_commas_in_names() -> None:
    """A file of one column (no delimiter in its header) reads each line whole: a name
    written ``SMITH, John`` is one name, not two cells."""
    rows = read("name\nSMITH, John\nDoe; Jane\n")
    assert rows.delimiter_name == "none"
    assert [row.record["name"] for row in rows] == ["SMITH, John", "Doe; Jane"]


def test_column_found_in_any_case_and_bad_column_named() -> None:
    """--column matches a header without regard to case; one that is not there is an
    error naming the columns there are."""
    assert read("ID,Customer Name\n1,X\n", column="customer name").name_column == "Customer Name"
    with pytest.raises(SourceError, match=r"no column 'nom' \(columns: ID, Customer Name\)"):
        read("ID,Customer Name\n1,X\n", column="nom")
    with pytest.raises(SourceError, match="no column 'name' nor 'identifier'"):
        read("ID,Customer\n1,X\n")
    assert read("id,IDENTIFIER\n1,IMO 7406784\n").name_column is None  # identifiers alone


def test_lines_of_quoted_cells_blank_lines_and_bad_rows() -> None:
    """Each row says the line it starts on (a quoted cell over two lines, blank lines
    between rows); a row with a cell too many keeps every cell and says why it cannot be
    screened; a short row gets its missing cells empty."""
    text = 'id,name\n1,"SMITH,\nJohn"\n\n2,Jane Doe,extra\n3\n'
    rows = list(read(text))
    assert [row.line for row in rows] == [2, 5, 6]
    assert rows[0].record == {"id": "1", "name": "SMITH,\nJohn"}
    assert rows[1].record == {"id": "2", "name": "Jane Doe", "column 3": "extra"}
    assert rows[1].error is not None
    assert "the row has 3 cells, the header 2 (past the header: 'extra')" in rows[1].error
    assert rows[2] == InputRow(6, {"id": "3", "name": ""})


def test_file_facts_byte_order_mark_and_refusals() -> None:
    """The SHA-256 and size are those of the bytes read (a byte-order mark is read, not
    a column); a header naming a column twice, an empty file and bytes that are not UTF-8
    are refused with the reason."""
    data = "\ufeffName;Country\nQasem Soleimani;IR\n".encode()
    rows = read(data)
    assert rows.columns == ("Name", "Country")
    assert len(list(rows)) == 1
    assert (rows.sha256, rows.size, rows.rows_read) == (
        hashlib.sha256(data).hexdigest(),
        len(data),
        1,
    )
    with pytest.raises(SourceError, match="names the column 'NAME' twice"):
        read("name,NAME\nx,y\n")
    with pytest.raises(SourceError, match="empty"):
        read("")
    with pytest.raises(SourceError, match=r"not UTF-8 text on line 2 \(byte 0xe9\)"):
        list(read(b"name\nJos\xe9\n"))


@pytest.mark.skipif(not DPL.exists(), reason="../shared/data is not present")
def test_the_denied_persons_list_reads_as_the_csv_module_reads_it() -> None:
    """BIS's Denied Persons List (tab-separated, quoted) is read as a plain ``csv`` pass
    with the tab given reads it: the same header, the same rows, every one."""
    data = DPL.read_bytes()
    plain = list(csv.reader(io.StringIO(data.decode("utf-8")), delimiter="\t"))
    rows = DelimitedInput(io.BytesIO(data), str(DPL))
    read_rows = list(rows)
    assert rows.delimiter_name == "tab"
    assert list(rows.columns) == plain[0]
    assert rows.name_column == "Name"
    expected = [row for row in plain[1:] if any(cell.strip() for cell in row)]
    assert [list(row.record.values()) for row in read_rows] == expected
    assert all(row.error is None for row in read_rows)
    assert rows.sha256 == hashlib.sha256(data).hexdigest()


def test_a_line_without_end_is_refused_not_read_whole() -> None:
    """A line of more than a million characters (``/dev/zero``, a binary file without a
    newline) is refused with its line number, after the rows before it were given."""
    rows = read("name\nSMITH John\n" + "x" * (1 << 21) + "\nDOE Jane\n")
    found = iter(rows)
    assert next(found) == InputRow(2, {"name": "SMITH John"})
    with pytest.raises(SourceError, match="line 3 is longer than 1,048,576 characters"):
        next(found)
