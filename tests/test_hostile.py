"""The malformed-input corpus of the reliability audit (issue 14), made at test time.

Each case of the audit is here as a small file: it either loads correctly (a damaged row
reported with its line and reason, the rest loaded) or is one of the library's errors
naming the file, and the command line prints one line and exits non-zero for it. Where the
audit measured gigabytes, the peak memory of the process is checked to stay within a few
hundred MB (``resource``: a ceiling on the process's peak, which can only grow).
"""

from __future__ import annotations

import csv
import gzip
import json
import os
import resource
import subprocess
import sys
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest

import corpus
import sanctions_tracker as st
from conftest import SHARED_DATA
from sanctions_tracker.cli import main
from sanctions_tracker.screening import compare_names

BUDGET_MB = 300
"""The most the process's peak resident memory may grow by for one hostile input."""


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _one_line_error(argv: list[str], capsys: pytest.CaptureFixture[str], expected: str) -> None:
    """The CLI exits non-zero with one line on stderr that says ``expected``."""
    code = main(argv)
    err = capsys.readouterr().err
    assert code != 0
    assert err.count("\n") == 1, err
    assert err.startswith("sanctions-tracker: error: ")
    assert expected in err
    assert "Traceback" not in err


def _sdn(tmp_path: Path, first_cell: str, row: int = 0) -> Path:
    """Six real SDN rows, the ent_num of one replaced."""
    rows = list(corpus.sdn_rows(6))
    rows[row] = first_cell + rows[row][rows[row].index(",") :]
    return corpus.write(tmp_path, "sdn.csv", "\n".join(rows).encode())


def _gzip_stream(chunk: bytes, count: int) -> bytes:
    """``chunk`` repeated ``count`` times, gzipped, without holding the whole in memory."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    parts = [packer.compress(chunk) for _ in range(count)]
    return b"".join([*parts, packer.flush()])


# --------------------------------------------------------------------------- refused files

_UN = b'<?xml version="1.0"?><CONSOLIDATED_LIST dateGenerated="2020-03-20T00:00:00">'

REFUSED: dict[str, tuple[Callable[[Path], Path], type[st.SanctionsTrackerError], str]] = {
    "the 5-byte XML <:a/>": (
        lambda d: corpus.write(d, "a.xml", b"<:a/>"),
        st.SourceError,
        "a.xml: not well-formed XML (line 1): Invalid tag name ':a'",
    ),
    "fixture JSON nested 1,000 deep": (
        lambda d: corpus.write(d, "deep.json", corpus.json_nested(1000)),
        st.FixtureError,
        "deep.json: line 1 column 1017: invalid JSON: arrays and objects nested 1,001 deep",
    ),
    "a fixture JSON integer of 5,000 digits": (
        lambda d: corpus.write(d, "big.json", corpus.json_number(5000)),
        st.FixtureError,
        "big.json: line 1 column 13: invalid JSON: a number of more than 4,300 digits",
    ),
    "/dev/zero": (lambda _d: Path("/dev/zero"), st.SourceError, "a character device"),
    "a .csv.gz that unpacks to 1,000 times its size": (
        lambda d: corpus.write(
            d, "sdn.csv.gz", _gzip_stream("\n".join(corpus.sdn_rows(6)).encode(), 40_000)
        ),
        st.SourceError,
        "sdn.csv.gz: unpacks to more than 200 times its packed size",
    ),
    "a UN-shaped flood of unknown elements": (
        lambda d: corpus.write(
            d, "un.xml", corpus.flood("CONSOLIDATED_LIST", "INDIVIDUALS", 150_000)
        ),
        st.SourceError,
        "over 100,000 elements that are no entry of the list",
    ),
    "a flood of unknown elements inside an unknown one": (
        lambda d: corpus.write(
            d, "un.xml", _UN + b"<JUNK>" + b"<x/>" * 150_000 + b"</JUNK></CONSOLIDATED_LIST>"
        ),
        st.SourceError,
        "over 100,000 elements that are no entry of the list",
    ),
    "a flood of unknown elements inside an entry": (
        lambda d: corpus.write(
            d, "un.xml", corpus.flood("CONSOLIDATED_LIST", "INDIVIDUALS/INDIVIDUAL", 150_000)
        ),
        st.SourceError,
        "an entry of over 100,000 elements",
    ),
    "a 40 MB flood, gzipped to 40 KB": (
        lambda d: corpus.write(
            d, "un.xml.gz", gzip.compress(corpus.flood("CONSOLIDATED_LIST", "INDIVIDUALS", 10**7))
        ),
        st.SourceError,
        "over 100,000 elements that are no entry of the list",
    ),
    "XML nested 300 deep": (
        lambda d: corpus.write(
            d, "un.xml", _UN + b"<x>" * 300 + b"</x>" * 300 + b"</CONSOLIDATED_LIST>"
        ),
        st.SourceError,
        "Excessive depth",
    ),
    "a CSL with only its header": (
        lambda d: corpus.write(
            d,
            "consolidated.csv",
            corpus.seeds("us_csl")[0][0][1].split(b"\n", 1)[0] + b"\n",
        ),
        st.SourceError,
        "no entry of the Consolidated Screening List (trade.gov) in the file",
    ),
}


@pytest.mark.parametrize("case", list(REFUSED))
def test_hostile_files_are_one_clear_error(
    case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Each hostile file of the audit is one error of the library's own, naming the file
    and what is wrong (the line, where a line can be named), within the memory budget; the
    CLI prints that one line and exits 1."""
    make, error, message = REFUSED[case]
    path = make(tmp_path)
    before = _peak_mb()
    with pytest.raises(error) as caught:
        st.load(path)
    assert _peak_mb() < before + BUDGET_MB
    assert message in str(caught.value)
    assert str(path) in str(caught.value) or path.name in str(caught.value)
    _one_line_error(["designations", "--data", str(path)], capsys, message)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX feature")
def test_a_named_pipe_given_to_the_cli(tmp_path: Path) -> None:
    """A named pipe given as a list file is refused at once, with one line and exit 1, in a
    child process (were it read, the command would block: the timeout ends it)."""
    pipe = tmp_path / "sdn.csv"
    os.mkfifo(pipe)
    done = subprocess.run(
        [sys.executable, "-m", "sanctions_tracker", "designations", "--data", str(pipe)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 5  # an input that cannot be read (docs/cli.md)
    assert done.stderr.count("\n") == 1
    assert "a named pipe, not a regular file" in done.stderr


# --------------------------------------------------------------------------- rows reported


@pytest.mark.parametrize(
    ("cell", "reason"),
    [
        ("\u00b9\u00b2\u00b3", "ent_num is not a number: '¹²³'"),
        ("9" * 5000, "ent_num is not a number: '" + "9" * 60 + "… (5,000 characters)'"),
        ("\u0663\u0664", "ent_num is not a number: '٣٤'"),
    ],
)
def test_a_bad_ent_num_is_a_rejected_row(cell: str, reason: str, tmp_path: Path) -> None:
    """An ent_num in superscript digits, of 5,000 digits or in another script's digits,
    in the first row or another, is that row rejected with its line and reason; the other
    rows load (their names checked against the file)."""
    for row in (0, 3):
        path = _sdn(tmp_path, cell, row)
        tracker = st.load(path, bundled=False)
        (account,) = tracker.datasets[0].accounts
        assert account.balanced
        assert [(p.line, p.reason) for p in account.rejected] == [(row + 1, reason)]
        names = [r[1] for i, r in enumerate(csv.reader(corpus.sdn_rows(6))) if i != row]
        assert sorted(d.name for d in tracker.designations()) == sorted(names)


def test_a_damaged_first_row_neither_refuses_nor_misclassifies_a_file(tmp_path: Path) -> None:
    """An SDN file whose first row has lost a column is still the SDN list (its first
    rows say so), the row reported; an alt.csv whose first row has twelve cells is still
    the alternate names file, not a main list."""
    rows = list(corpus.sdn_rows(6))
    rows[0] = rows[0].rsplit(",", 1)[0]
    path = corpus.write(tmp_path, "sdn.csv", "\n".join(rows).encode())
    tracker = st.load(path, bundled=False)
    (account,) = tracker.datasets[0].accounts
    assert [(p.line, p.reason) for p in account.rejected] == [(1, "expected 12 columns, got 11")]
    assert len(tracker.designations()) == 5
    folder = SHARED_DATA / "ofac-csv-companions" / "excerpt_watchman_ofactest"
    alt = (folder / "alt.csv").read_bytes().split(b"\n")
    alt[0] = alt[0] + b",x,x,x,x,x,x,x"
    corpus.write(tmp_path, "alt.csv", b"\n".join(alt))
    corpus.write(tmp_path, "sdn.csv", (folder / "sdn.csv").read_bytes())
    tracker = st.load(tmp_path / "sdn.csv", tmp_path / "alt.csv", bundled=False)
    formats = [a.format for a in tracker.datasets[0].accounts]
    assert formats == ["OFAC list CSV", "OFAC alternate names CSV"]
    alt_account = tracker.datasets[0].accounts[1]
    assert [p.line for p in alt_account.rejected] == [1]


def test_hostile_lines_of_an_ftm_file_are_rejected_rows(tmp_path: Path) -> None:
    """In an FtM entities file, a line nested 1,000 deep and one with a 5,000-digit number
    are rejected with their lines; the entities of the other lines load."""
    lines = corpus.seeds("opensanctions_ftm")[0][0][1].decode().splitlines()
    expected = len([line for line in lines if '"schema"' in line])
    lines.insert(1, "[" * 1000 + "]" * 1000)
    lines.insert(2, '{"id": "x", "schema": "Person", "n": ' + "9" * 5000 + "}")
    path = corpus.write(tmp_path, "entities.ftm.json", "\n".join(lines).encode())
    tracker = st.load(path, bundled=False)
    (account,) = tracker.datasets[0].accounts
    assert account.balanced
    reasons = {p.line: p.reason for p in account.rejected}
    assert "nested 1,000 deep" in reasons[2]
    assert "more than 4,300 digits" in reasons[3]
    assert account.rows_read == expected + 2


# --------------------------------------------------------------------------- screened names


def test_names_too_long_to_screen_are_clear_errors() -> None:
    """A 71,000-character name, and a 16,000-character name of 8,000 words, are one
    QueryError each, at once, within the memory budget."""
    before = _peak_mb()
    with pytest.raises(st.QueryError, match="a name of 71,000 characters is too long"):
        compare_names("A" * 71_000, "SOLEIMANI, Qasem")
    with pytest.raises(st.QueryError, match="too long to screen"):
        compare_names("ab " * 5333, "SOLEIMANI, Qasem")
    with pytest.raises(st.QueryError, match="a name of 61 words is too long"):
        compare_names("SOLEIMANI, Qasem", " ".join(["Qasem"] * 61))
    assert _peak_mb() < before + BUDGET_MB


def test_a_name_too_long_in_a_screened_file_is_a_reported_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``screen --file`` with a 45,000-character name reports that row with its reason and
    screens the others."""
    rows = ["name", "Qasem Soleimani", "Q" * 45_000, "Ebrahim Raisi"]
    path = corpus.write(tmp_path, "customers.csv", "\n".join(rows).encode())
    before = _peak_mb()
    code = main(["screen", "--file", str(path), "--column", "name", "--format", "json"])
    out, err = capsys.readouterr()
    assert _peak_mb() < before + BUDGET_MB
    assert code == 1
    assert err.count("\n") == 1
    results = json.loads(out)["results"]
    by_row = {r["row"]: r for r in results}
    assert by_row[3]["error"].startswith(
        "a name of 45,000 characters is too long to screen: at most 1,000"
    )
    assert by_row[2]["error"] is None
    assert by_row[2]["matches"]
