"""The trade.gov Consolidated Screening List: the real file, the excerpt, broken copies.

The real files are also read here with the standard library's ``csv`` module, so that
counts, ids and fields are checked against an independent parse rather than against the
importer itself.
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import io
import json
from collections import Counter
from pathlib import Path

import pytest

import sanctions_tracker as st
from conftest import SHARED_DATA
from sanctions_tracker.cli import ExitCode, main
from sanctions_tracker.records import DesignationStatus, FileAccount, NameKind, PartyKind
from sanctions_tracker.sources.us_csl import HEADER, SOURCE_LISTS, address, source_list

CSL = SHARED_DATA / "us-csl"
FULL = CSL / "consolidated_screening_list.csv.gz"
EXCERPT = CSL / "excerpt_consolidated.csv"
SDN = SHARED_DATA / "ofac-sdn" / "sdn-2023-06-29.csv.gz"

pytestmark = pytest.mark.skipif(not FULL.exists(), reason="../shared/data is not present")

# --------------------------------------------------------------------------- helpers


def _text(path: Path) -> str:
    raw = path.read_bytes()
    return (gzip.decompress(raw) if raw[:2] == b"\x1f\x8b" else raw).decode("utf-8")


def _plain_rows(path: Path) -> list[tuple[int, dict[str, str]]]:
    """The complete data rows (29 cells, not a header) with their line, by a plain parse."""
    reader = csv.reader(io.StringIO(_text(path)))
    found = []
    line = 1
    for row in reader:
        start, line = line, reader.line_num + 1
        if len(row) == len(HEADER) and row != list(HEADER):
            found.append((start, dict(zip(HEADER, row, strict=True))))
    return found


def _list_id(row: dict[str, str]) -> str:
    code = row["source"].rsplit("(", 1)[1].split(")")[0]
    return SOURCE_LISTS[code].list_id


def _account(tracker: st.Tracker) -> FileAccount:
    (dataset,) = [d for d in tracker.datasets if d.kind.startswith("Consolidated Screening")]
    (account,) = dataset.accounts
    return account


@pytest.fixture(scope="module")
def full() -> st.Tracker:
    return st.load(FULL, bundled=False)


@pytest.fixture(scope="module")
def rows() -> list[tuple[int, dict[str, str]]]:
    return _plain_rows(FULL)


def _row(rows: list[tuple[int, dict[str, str]]], line: int) -> dict[str, str]:
    return next(row for start, row in rows if start == line)


# --------------------------------------------------------------------------- counts


def test_counts_per_list_agree_with_a_plain_parse(
    full: st.Tracker, rows: list[tuple[int, dict[str, str]]]
) -> None:
    """Each list holds one designation per distinct id among its rows, by a plain csv parse
    (two rows of one OFAC entry on two non-SDN lists are one designation)."""
    expected: dict[str, set[str]] = {}
    for _, row in rows:
        list_id = _list_id(row)
        key = row["entity_number"] if list_id.startswith("us-ofac") else row["_id"]
        expected.setdefault(list_id, set()).add(f"{list_id}:{key}")
    assert set(expected) == {
        "us-bis-entity-list",
        "us-bis-dpl",
        "us-bis-uvl",
        "us-bis-meu",
        "us-state-isn",
        "us-state-dtc",
        "us-ofac-sdn",
        "us-ofac-cons",
    }
    for list_id, ids in expected.items():
        assert {d.id for d in full.designations(list_id=list_id)} == ids, list_id
    assert len(full.designations()) == sum(map(len, expected.values()))


def test_every_source_list_of_the_file_is_known(rows: list[tuple[int, dict[str, str]]]) -> None:
    """All 13 source lists of the file map to a list: none is rejected as unknown."""
    sources = {row["source"] for _, row in rows}
    assert len(sources) == len(SOURCE_LISTS)
    assert all(source_list(source) is not None for source in sources)


def test_the_account_balances_on_the_real_file(
    full: st.Tracker, rows: list[tuple[int, dict[str, str]]]
) -> None:
    """Rows read = made + rejected + left out; the repeated header (line 2) is left out and
    said so; the last row, cut short in this copy, is rejected with its line."""
    account = _account(full)
    assert account.balanced
    assert account.records_made == len(rows)
    (header,) = account.left_out
    assert (header.line, header.reason) == (2, "a repeated header row (not data)")
    (broken,) = account.rejected
    assert broken.reason == "expected 29 columns, got 8"
    assert broken.line > rows[-1][0]
    assert account.rows_read == len(rows) + 2


def test_the_excerpt_loads_whole() -> None:
    """The 13-row excerpt: 13 rows read, 13 made, nothing rejected or left out."""
    tracker = st.load(EXCERPT, bundled=False)
    account = _account(tracker)
    excerpt = _plain_rows(EXCERPT)
    assert (account.rows_read, account.records_made) == (len(excerpt), len(excerpt))
    assert account.balanced
    assert not account.rejected
    assert not account.left_out
    assert Counter(d.list_id for d in tracker.designations()) == Counter(
        _list_id(row) for _, row in excerpt
    )


# --------------------------------------------------------------------------- fields


def test_an_entity_list_party_in_two_countries(
    full: st.Tracker, rows: list[tuple[int, dict[str, str]]]
) -> None:
    """Khalil Zadran (Entity List, line 2137): of unknown kind (BIS types nobody, and this
    one is a person: assuming 'entity' would be wrong), alt names as a.k.a.s (BIS's "and " dropped),
    three addresses in AF and PK split into street and city, the listing date, the
    Federal Register notice and license cells kept as notes, the list's program and URL."""
    row = _row(rows, 2137)
    record = full.get(f"us-bis-entity-list:{row['_id']}")
    assert isinstance(record, st.Designation)
    assert record.name == row["name"]
    assert record.party.kind is PartyKind.UNKNOWN
    aliases = [n.full for n in record.party.aliases]
    assert aliases == [a.strip().removeprefix("and ") for a in row["alt_names"].split(";")]
    assert all(n.kind is NameKind.AKA for n in record.party.aliases)
    assert aliases[-1] == "Haji Khalil"
    countries = [a.rsplit(", ", 1)[1] for a in row["addresses"].split("; ")]
    assert [a.country for a in record.party.addresses] == countries == ["AF", "PK", "PK"]
    first = record.party.addresses[0]
    assert (first.street, first.city) == ("Shahreno", "Kabul")
    assert record.party.addresses[1].city == "Islamabad"
    assert record.listed_on == dt.date.fromisoformat(row["start_date"])
    assert f"Federal Register notice: {row['federal_register_notice']}" in record.notes
    assert f"License policy: {row['license_policy']}" in record.notes
    assert record.programs == ("US-BIS-ENTITY-LIST",)
    assert record.origin is not None
    assert record.origin.line == 2137
    (cited,) = [s for s in full.sources() if s.id == record.sources[1]]
    assert cited.url == row["source_list_url"]


def test_a_denied_person_with_start_and_end_dates(
    full: st.Tracker, rows: list[tuple[int, dict[str, str]]]
) -> None:
    """I. ASH (Denied Persons List, line 8): start_date is the listing date; the end date
    (2056) is after every listing date in the file, so the order is in force: active,
    with the end kept as a note; a US address with state and postal code."""
    row = _row(rows, 8)
    record = full.get(f"us-bis-dpl:{row['_id']}")
    assert isinstance(record, st.Designation)
    assert record.name == "I. ASH"
    assert record.listed_on == dt.date(2003, 6, 19)
    assert record.status is DesignationStatus.ACTIVE
    assert f"End date: {row['end_date']}" in record.notes
    assert "Standard order: Y" in record.notes
    (where,) = record.party.addresses
    assert (where.city, where.region, where.postal_code, where.country) == (
        "SEAGOVILLE",
        "TX",
        "75159",
        "US",
    )
    assert record.party.remarks == row["remarks"]


def test_no_end_date_has_passed_by_the_newest_listing(
    full: st.Tracker, rows: list[tuple[int, dict[str, str]]]
) -> None:
    """Every end date in this copy is after its newest start date: nothing is delisted."""
    newest = max(row["start_date"] for _, row in rows if row["start_date"])
    ends = [row["end_date"] for _, row in rows if row["end_date"]]
    assert ends
    assert min(ends) > newest
    assert not full.designations(status="delisted")


def test_an_sdn_row_takes_ofacs_id(
    full: st.Tracker, rows: list[tuple[int, dict[str, str]]]
) -> None:
    """Ayman al-Zawahiri (SDN, line 985): id us-ofac-sdn:<entity_number>, OFAC's program
    tag, title as position, birth date and place, and the ids: a passport without a
    country and one issued in EG."""
    row = _row(rows, 985)
    record = full.get(f"us-ofac-sdn:{row['entity_number']}")
    assert isinstance(record, st.Designation)
    assert record.list_id == "us-ofac-sdn"
    assert record.programs == ("SDGT",)
    assert record.party.kind is PartyKind.INDIVIDUAL
    assert record.party.positions == (row["title"],)
    assert [str(d) for d in record.party.birth_dates] == ["1951-06-19"]
    assert record.party.birth_places == ("Giza, Egypt",)
    assert [(i.kind, i.value, i.country) for i in record.party.identifiers] == [
        ("passport", "19820215", None),
        ("passport", "1084010", "EG"),
    ]


def test_a_vessel(full: st.Tracker, rows: list[tuple[int, dict[str, str]]]) -> None:
    """MAR AZUL (SDN vessel, line 1003): the vessel columns become VesselInfo."""
    row = _row(rows, 1003)
    record = full.get(f"us-ofac-sdn:{row['entity_number']}")
    assert isinstance(record, st.Designation)
    assert record.party.kind is PartyKind.VESSEL
    vessel = record.party.vessel
    assert vessel is not None
    assert (vessel.call_sign, vessel.vessel_type, vessel.gross_registered_tonnage) == (
        "CL2192",
        "Tug",
        "212",
    )
    assert (vessel.flag, vessel.owner) == (row["vessel_flag"], row["vessel_owner"])


def test_ids_become_identifiers_and_notes(
    full: st.Tracker, rows: list[tuple[int, dict[str, str]]]
) -> None:
    """China Telecom (CMIC): its USCC becomes an identifier with the country; the CMIC
    listing dates become notes; two rows of one OFAC entry (SSI and NS-MBS) are one
    designation with both lists' citations."""
    (line, row) = next(
        (line, row) for line, row in rows if row["name"] == "China Telecom Corporation Limited"
    )
    record = full.get(f"us-ofac-cons:{row['entity_number']}")
    assert isinstance(record, st.Designation)
    assert record.origin is not None
    assert record.origin.line == line
    uscc = [i for i in record.party.identifiers if i.kind == "unified-social-credit-code"]
    assert [(i.value, i.country) for i in uscc] == [("9111000071093019X7", "CN")]
    assert any(note.startswith("Listing Date (CMIC)") for note in record.notes)
    twice = Counter(row["entity_number"] for _, row in rows if _list_id(row) == "us-ofac-cons")
    merged = full.get("us-ofac-cons:17014")
    assert isinstance(merged, st.Designation)
    assert twice["17014"] == 2
    assert len(merged.sources) == 3


def test_us_addresses_without_a_country_are_in_the_us(
    full: st.Tracker, rows: list[tuple[int, dict[str, str]]]
) -> None:
    """Every Denied Persons List address that ends in a US state code and a ZIP code (and
    gives no country: most of the DPL's) has the country US, counted from the file."""
    raw: Counter[bool] = Counter()
    for _line, row in rows:
        if row["source"].startswith("Denied Persons"):
            for text in filter(None, (a.strip() for a in row["addresses"].split(";"))):
                parts = [p.strip() for p in text.split(",")]
                us = len(parts) > 2 and len(parts[-2]) == 2 and parts[-1][:5].isdigit()
                raw[us] += 1
    found = Counter(
        a.country == "US"
        for d in full.designations(list_id="us-bis-dpl")
        for a in d.party.addresses
    )
    assert raw[True] > 250  # most DPL addresses are in the US
    assert found[True] >= raw[True]


def test_addresses_are_split_from_the_end() -> None:
    """The address parts: country code, postal code, state, city, street; a country by
    name when no code is given; no country but a US state and a ZIP code: the US (a state
    code alone is not read as the country it spells: CA is no Canada here)."""
    assert address("3415 RIVERA AVENUE, EL PASO, TX, 79905") == st.Address(
        street="3415 RIVERA AVENUE", city="EL PASO", region="TX", postal_code="79905", country="US"
    )
    assert address("P.O. BOX 3850, ADELANTO, CA, 92301-1234").country == "US"
    assert address("Billstrasse 123, Hamburg, 20539").country is None
    assert address("Tian Wang te Zi #1, Baqiao District, Xian, China, CN") == st.Address(
        street="Tian Wang te Zi #1, Baqiao District", city="Xian", country="CN"
    )
    assert address("113 Hezuo Road, Shijiazhuang, Hebei, China").country == "CN"
    assert address("AF") == st.Address(country="AF")


# --------------------------------------------------------------------------- broken


def _with(tmp_path: Path, extra: str) -> Path:
    path = tmp_path / "csl.csv"
    text = EXCERPT.read_text(encoding="utf-8").rstrip("\n")  # it ends with no newline
    path.write_text(f"{text}\n{extra}", encoding="utf-8")
    return path


def test_a_broken_row_is_rejected_and_the_rest_loads(tmp_path: Path) -> None:
    """A row of the wrong width and one with an unreadable date, slipped into the
    excerpt: each rejected with its line and reason; the account still balances."""
    blank = [""] * len(HEADER)
    short = '"x1","Entity List (EL) - Bureau of Industry and Security","","","","Short"\n'
    bad_date = list(blank)
    bad_date[:2] = ["x2", "Entity List (EL) - Bureau of Industry and Security"]
    bad_date[HEADER.index("name")] = "Bad Date Ltd"
    bad_date[HEADER.index("start_date")] = "31/12/2020"
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(bad_date)
    path = _with(tmp_path, short + buffer.getvalue())
    account = _account(st.load(path, bundled=False))
    lines = len(EXCERPT.read_text(encoding="utf-8").splitlines())
    assert [(p.line, p.reason) for p in account.rejected] == [
        (lines + 1, "expected 29 columns, got 6"),
        (lines + 2, "start_date: not a date: '31/12/2020'"),
    ]
    assert account.records_made == len(_plain_rows(EXCERPT))
    assert account.balanced


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "the file is empty"),
        (b"\x00\x01\x02binary", "a binary file"),
        (b"name,address\nACME,Paris\n", r"not a fixture file \(JSON\) nor a list file"),
    ],
)
def test_files_that_are_no_csl(tmp_path: Path, content: bytes, message: str) -> None:
    """An empty file, a binary one, another CSV: one clear SourceError each."""
    path = tmp_path / "csl.csv"
    path.write_bytes(content)
    with pytest.raises(st.SourceError, match=message):
        st.load(path, bundled=False)


def test_a_truncated_gzip_and_the_cli(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """A cut-short gzip copy: the CLI says one line on stderr, exits 5, no traceback."""
    path = tmp_path / "csl.csv.gz"
    path.write_bytes(FULL.read_bytes()[:50_000])
    code = main(["validate", str(path), "--no-bundled"])
    out, err = capsys.readouterr()
    assert (code, out) == (ExitCode.INPUT, "")
    assert err.count("\n") == 1
    assert "truncated or corrupt" in err
    assert "Traceback" not in err


# --------------------------------------------------------------------------- beside OFAC


def test_beside_the_sdn_file_the_csl_copies_are_left_out_and_counted(
    full: st.Tracker, rows: list[tuple[int, dict[str, str]]]
) -> None:
    """With OFAC's own sdn.csv in the same load, that file is the primary source: every
    CSL row of the SDN list is left out, each with its line and the reason, and the SDN
    designations are the SDN file's; the other lists are as the CSL alone has them."""
    tracker = st.load(FULL, SDN, bundled=False)
    account = _account(tracker)
    sdn_rows = [line for line, row in rows if _list_id(row) == "us-ofac-sdn"]
    copies = [p for p in account.left_out if p.reason.startswith("a copy of")]
    assert [p.line for p in copies] == sdn_rows
    assert all(str(SDN.name) in p.reason for p in copies)
    assert account.balanced
    alone = st.load(SDN, bundled=False)
    assert {d.id for d in tracker.designations(list_id="us-ofac-sdn")} == {
        d.id for d in alone.designations()
    }
    some = copies[0].key
    assert some is not None
    listed = tracker.get(some)
    assert isinstance(listed, st.Designation)
    assert listed.origin is not None
    assert listed.origin.file.endswith(SDN.name)
    assert len(tracker.designations(list_id="us-bis-entity-list")) == len(
        full.designations(list_id="us-bis-entity-list")
    )


def test_two_csl_files_are_refused() -> None:
    """Two copies of the CSL in one load: one version of a list, as for any list."""
    with pytest.raises(st.SourceError, match="a second Consolidated Screening List"):
        st.load(FULL, EXCERPT, bundled=False)


# --------------------------------------------------------------------------- CLI, queries


def test_validate_prints_the_account(capsys: pytest.CaptureFixture[str]) -> None:
    """validate FILE: rows read = made + rejected + left out (text); the same in JSON."""
    account = _account(st.load(FULL, bundled=False))
    assert main(["validate", str(FULL), "--no-bundled"]) == 1  # the cut-short last row
    out = capsys.readouterr().out
    made = f"{account.records_made} made + 1 rejected + 1 left out"
    assert f"{account.rows_read} rows read = {made}" in out
    assert "left out line 2: a repeated header row (not data)" in out
    parsed = account.remark_segments_parsed
    assert f"ids items: {account.remark_segments} read, {parsed} turned into fields" in out
    assert main(["validate", str(FULL), "--no-bundled", "--format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)
    (dataset,) = report["datasets"]
    (shown,) = dataset["accounts"]
    assert (shown["rows_read"], shown["records_made"], len(shown["left_out"])) == (
        account.rows_read,
        account.records_made,
        1,
    )


def test_queries_on_csl_records(
    capsys: pytest.CaptureFixture[str], rows: list[tuple[int, dict[str, str]]]
) -> None:
    """designations by list and country, by program; show (with the notes); summary: as
    on OFAC records.

    An address in China ends with its code or, where BIS gives no code, its name."""
    data = ["--data", str(FULL)]
    cn = sum(
        1
        for _, row in rows
        if _list_id(row) == "us-bis-entity-list"
        and any(
            a.rsplit(",", 1)[-1].strip() in {"CN", "China"} for a in row["addresses"].split(";")
        )
    )
    assert main(["designations", *data, "--list-id", "us-bis-entity-list", "--country", "CN"]) == 0
    out = capsys.readouterr().out
    assert out.rstrip().endswith(f"{cn} designations")
    assert main(["designations", *data, "--program", "US-BIS-MEU", "--sector", "defense"]) == 0
    meu = sum(1 for _, row in rows if _list_id(row) == "us-bis-meu")
    assert capsys.readouterr().out.rstrip().endswith(f"{meu} designations")
    assert main(["show", "us-ofac-cons:17014", *data]) == 0
    assert "  notes:\n    Executive Order 13662 Directive Determination" in capsys.readouterr().out
    assert main(["show", "US-BIS-DPL", *data]) == 0
    assert "BIS Denied Persons List" in capsys.readouterr().out
    assert main(["summary", *data, "--program", "US-STATE-DTC"]) == 0
    assert "ITAR" in capsys.readouterr().out


def test_screening_finds_a_csl_party(
    full: st.Tracker, capsys: pytest.CaptureFixture[str], rows: list[tuple[int, dict[str, str]]]
) -> None:
    """Screening is list-agnostic: Huawei Technologies (on the CMIC list) is the first
    match, in the library and from the CLI."""
    row = next(r for _, r in rows if r["name"] == "HUAWEI TECHNOLOGIES CO., LTD.")
    expected = f"us-ofac-cons:{row['entity_number']}"
    (first, *_) = full.screen("Huawei Technologies")
    assert first.designation_id == expected
    assert main(["screen", "Huawei Technologies", "--data", str(FULL)]) == 0
    assert expected in capsys.readouterr().out.splitlines()[1]


def test_beside_the_consolidated_list_the_non_sdn_copies_are_left_out(
    full: st.Tracker, rows: list[tuple[int, dict[str, str]]]
) -> None:
    """With OFAC's cons_prim.csv in the load, the CSL rows of OFAC's six non-SDN lists are
    left out (each row, both rows of the five merged pairs too) and its SDN rows stay: no
    SDN file is given."""
    cons = SHARED_DATA / "ofac-consolidated" / "cons_prim.csv"
    tracker = st.load(FULL, cons, bundled=False)
    account = _account(tracker)
    non_sdn = [line for line, row in rows if _list_id(row) == "us-ofac-cons"]
    copies = [p.line for p in account.left_out if p.reason.startswith("a copy of")]
    assert sorted(copies) == non_sdn
    assert account.records_made == len(rows) - len(non_sdn)
    assert account.balanced
    assert len(tracker.designations(list_id="us-ofac-sdn")) == len(
        full.designations(list_id="us-ofac-sdn")
    )
    alone = st.load(cons, bundled=False)
    assert {d.id for d in tracker.designations(list_id="us-ofac-cons")} == {
        d.id for d in alone.designations()
    }


def test_csl_files_are_history_snapshots() -> None:
    """The CSL states no date of its own: as snapshots it takes the dates given, each
    counting what loading it alone gives, and answers as_of queries from the right one."""
    tracker = st.load(history={"2023-01-01": EXCERPT, "2023-12-01": FULL}, bundled=False)
    assert tracker.history is not None
    alone = [len(st.load(path, bundled=False).designations()) for path in (EXCERPT, FULL)]
    assert [s.designations for s in tracker.history.snapshots] == alone
    assert len(tracker.as_of(dt.date(2023, 6, 1)).designations()) == alone[0]
    assert len(tracker.designations()) == alone[1]
