"""Tests for ``sources.us_bis_dpl``: BIS's Denied Persons List (``dpl.txt``), every row
accounted for against a plain reading of the real file, one designation per denial order,
and the list working in diff, history, screening and summaries."""

from __future__ import annotations

import csv
import datetime as dt
import re
from pathlib import Path

import pytest

import sanctions_tracker as st
from conftest import SHARED_DATA
from sanctions_tracker.records import DesignationStatus, PartyKind
from sanctions_tracker.sources import us_bis_dpl

DPL = SHARED_DATA / "other" / "dpl.txt"
CSL = SHARED_DATA / "us-csl" / "consolidated_screening_list.csv.gz"
HEADER = "\t".join(f'"{c}"' for c in us_bis_dpl.HEADER)


def _rows(path: Path) -> list[list[str]]:
    """The data rows of a DPL file, read plainly (csv, tab-separated), the header dropped."""
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle, delimiter="\t"))[1:]


def _orders(rows: list[list[str]]) -> set[tuple[str, str]]:
    """The denial orders: distinct (name, effective date) pairs, names compared by their
    letters and digits ("AL-NASER  AIRLINES" is "AL NASER AIRLINES")."""
    return {(re.sub(r"[^a-z0-9]+", " ", r[0].casefold()).strip(), r[6]) for r in rows}


def _load(*paths: Path) -> st.Tracker:
    return st.load(*paths, bundled=False)


def test_every_row_is_accounted_for_against_a_plain_count() -> None:
    """rows read = the file's data rows; each is made (an order, or another address of
    one); the designations are the distinct (name, effective date) pairs."""
    rows = _rows(DPL)
    tracker = _load(DPL)
    (account,) = tracker.datasets[0].accounts
    assert account.balanced
    assert account.rows_read == len(rows)
    assert account.records_made == len(rows)
    assert (account.rejected, account.left_out, account.orphans) == ((), (), ())
    assert len(tracker.designations()) == len(_orders(rows))
    spelt = tracker.get("us-bis-dpl:al-naser-airlines-2023-10-31")
    assert isinstance(spelt, st.Designation)
    assert {n.full for n in spelt.party.names} >= {"AL-NASER AIRLINES", "AL NASER AIRLINES"}


def test_a_row_read_into_fields() -> None:
    """Name, the order's effective date as the listing date, an address whose country BIS
    left empty (a US state and a ZIP code: the US), the order's expiry, standard order,
    action and Federal Register citations kept as notes."""
    record = _load(DPL).get("us-bis-dpl:aaron-abraham-villa-2022-08-24")
    assert isinstance(record, st.Designation)
    assert record.name == "AARON ABRAHAM VILLA"
    assert record.party.kind is PartyKind.UNKNOWN
    assert record.programs == ("US-BIS-DPL",)
    assert record.listed_on == dt.date(2022, 8, 24)
    (address,) = record.party.addresses
    assert (address.street, address.city, address.region, address.postal_code) == (
        "3415 RIVERA AVENUE",
        "EL PASO",
        "TX",
        "79905",
    )
    assert address.country == "US"
    assert "Order expires on 2026-01-14" in record.notes
    assert "Federal Register: 87 F.R. 52741 8/29/2022" in record.notes
    assert "Standard order: Y" in record.notes


def test_the_rows_of_one_order_are_one_designation_with_each_address() -> None:
    """Two rows of ABDULAH AL NASSER's order of 03/04/2002 (two addresses) are one
    designation with both addresses; the second row is a merged row of it."""
    rows = [r for r in _rows(DPL) if r[0].strip() == "ABDULAH AL NASSER"]
    tracker = _load(DPL)
    record = tracker.get("us-bis-dpl:abdulah-al-nasser-2002-03-04")
    assert isinstance(record, st.Designation)
    assert sorted(a.street or "" for a in record.party.addresses) == sorted(r[1] for r in rows)


def test_the_list_date_is_the_newest_update_not_a_typo_in_the_future() -> None:
    """The file states no date: its as-of date is the newest Last_Update that is not in
    the future; the row updated '3033-09-30' is listed in the account as a doubt."""
    rows = _rows(DPL)
    updates = sorted(r[9] for r in rows)
    tracker = _load(DPL)
    (dataset,) = tracker.datasets
    assert updates[-1] == "3033-09-30"
    assert dataset.as_of == dt.date.fromisoformat(updates[-2])
    (doubt,) = dataset.accounts[0].unparsed_remarks
    assert "3033-09-30" in doubt.reason


def test_an_expired_order_is_delisted_and_a_backward_one_rejected(tmp_path: Path) -> None:
    """An order whose expiry passed by the list's date is delisted on its expiry day; one
    that expires before it takes effect is rejected with its line; a row of the wrong
    width is rejected too."""
    path = tmp_path / "dpl.txt"
    lines = [
        HEADER,
        '"A CO"\t"1 ST"\t"X"\t""\t"DE"\t""\t"01/02/2020"\t"01/02/2021"\t"Y"\t"2022-05-01"\t""\t""',
        '"B CO"\t"2 ST"\t"X"\t""\t"DE"\t""\t"01/02/2020"\t"01/01/2019"\t"Y"\t"2020-01-05"\t""\t""',
        '"C CO"\t"3 ST"',
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    tracker = _load(path)
    record = tracker.get("us-bis-dpl:a-co-2020-01-02")
    assert isinstance(record, st.Designation)
    assert (record.status, record.delisted_on) == (DesignationStatus.DELISTED, dt.date(2021, 1, 2))
    (account,) = tracker.datasets[0].accounts
    assert account.balanced
    assert [(p.line, p.reason.split(" ")[0]) for p in account.rejected] == [
        (4, "expected"),
        (3, "Expiration_Date"),
    ]


def test_the_csls_copy_of_the_list_is_left_out_beside_the_list_itself() -> None:
    """Loaded with dpl.txt, the CSL's Denied Persons List rows are left out and counted
    (as many as the CSL has rows of that source); its other lists stay."""
    with CSL.open("rb") as raw:
        import gzip  # noqa: PLC0415 - only this test reads the CSL

        text = gzip.decompress(raw.read()).decode("utf-8")
    copies = sum(1 for row in csv.reader(text.splitlines()) if len(row) > 1 and "(DPL)" in row[1])
    tracker = _load(DPL, CSL)
    csl = next(d for d in tracker.datasets if d.name.endswith("consolidated_screening_list.csv.gz"))
    (account,) = csl.accounts
    dropped = [p for p in account.left_out if "Denied Persons List" in p.reason]
    assert len(dropped) == copies
    assert account.balanced
    assert len(tracker.designations(list_id="us-bis-dpl")) == len(_orders(_rows(DPL)))


def test_diff_history_screening_and_summary(tmp_path: Path) -> None:
    """Two versions of the list diff by order (a row dropped: removed; an order added:
    added); history gives the list as it stood; a listed name screens to its order; the
    program's summary counts the orders."""
    rows = (DPL.read_text(encoding="utf-8")).splitlines()
    old = tmp_path / "dpl-2023-12-01.txt"
    old.write_text("\n".join(rows[:-1]) + "\n", encoding="utf-8")  # the last order is new
    new = tmp_path / "dpl-2023-12-15.txt"
    new.write_text("\n".join([rows[0], *rows[2:]]) + "\n", encoding="utf-8")  # the first gone
    plain = _rows(DPL)
    first, last = plain[0], plain[-1]
    changes = st.diff(old, new, bundled=False)
    assert len(changes.removed) == len(_orders([first]) - _orders(plain[1:]))
    assert len(changes.added) == len(_orders([last]) - _orders(plain[:-1]))
    assert len(changes.added) + len(changes.removed) > 0
    tracker = st.load(history={"2023-12-01": old, "2023-12-15": new}, bundled=False)
    then = tracker.as_of(dt.date(2023, 12, 5))
    assert len(then.designations()) == len(_orders(plain[:-1]))
    matches = tracker.screen("Aaron Abraham Villa")
    assert matches
    assert matches[0].designation_id == "us-bis-dpl:aaron-abraham-villa-2022-08-24"
    summary = _load(DPL).summary(program="US-BIS-DPL")
    assert summary.designation_count == len(_orders(plain))


@pytest.mark.parametrize("name", ["dpl.txt"])
def test_the_file_is_recognised_by_its_header_not_its_name(tmp_path: Path, name: str) -> None:
    """The same content under another name loads the same; a file of another header is
    not taken as the DPL."""
    copy = tmp_path / "export.tsv"
    copy.write_bytes(DPL.read_bytes())
    assert len(_load(copy).designations()) == len(
        _load(SHARED_DATA / "other" / name).designations()
    )
    other = tmp_path / "other.tsv"
    other.write_text('"Name"\t"Street"\n"A"\t"B"\n', encoding="utf-8")
    with pytest.raises(st.SourceError):
        _load(other)
