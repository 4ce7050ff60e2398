"""`screen --file`: any delimiter, headers in any case, qualifier columns, every input
column kept, stdin, --output, JSON lines and yente's /match shape."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import sys
from pathlib import Path

import pytest
from followthemoney import model

import sanctions_tracker as st
from conftest import SHARED_DATA
from sanctions_tracker.cli import ExitCode, main

CUSTOMERS = (
    "Customer ID;FULL NAME;Date of Birth;Nationality;Notes\n"
    "c-1;Qassem Soleymani;1957;IR;first\n"
    "c-2;Jane Roe;1980;;second\n"
    "c-3;;;;third\n"
    "c-4;Ebrahim Raeisi;1960-12-14;;fourth\n"
    "c-5;Bad Date;31/02/1980;;fifth\n"
)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def customers(tmp_path: Path) -> Path:
    path = tmp_path / "customers.csv"
    path.write_text(CUSTOMERS, encoding="utf-8")
    return path


def data_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(line for line in text.splitlines() if not line.startswith("# ")))


def test_csv_keeps_every_column_and_reports_bad_rows_by_line(
    capsys: pytest.CaptureFixture[str], customers: Path
) -> None:
    """A semicolon file with its own header words: every input column comes out in its
    order beside the result; rows that cannot be screened are marked with their reason and
    named by line on stderr (exit 1); the file's SHA-256 and rows close the output."""
    code, out, err = run(
        capsys, "screen", "--file", str(customers), "--column", "full name", "--format", "csv"
    )
    assert code == ExitCode.PROBLEMS
    rows = data_rows(out)
    assert list(rows[0])[:6] == [
        "line",
        "Customer ID",
        "FULL NAME",
        "Date of Birth",
        "Nationality",
        "Notes",
    ]
    assert [r["line"] for r in rows] == ["2", "3", "4", "5", "6"]
    assert [r["Notes"] for r in rows] == ["first", "second", "third", "fourth", "fifth"]
    assert [r["result"] for r in rows] == [
        "match",
        "no match",
        "error: no name in this row (column 'FULL NAME' is empty)",
        "match",
        "error: birth date '31/02/1980' is not a date: YYYY, YYYY-MM or YYYY-MM-DD expected",
    ]
    assert (rows[0]["id"], rows[3]["id"]) == ("us-ofac-sdn:10481", "us-ofac-sdn:27844")
    assert err == (
        "sanctions-tracker: 2 rows could not be screened (lines 4, 6; marked 'error' in the "
        "output)\n"
    )
    digest = hashlib.sha256(customers.read_bytes()).hexdigest()
    assert out.splitlines()[-1] == (
        f"# input: {customers} (names to screen (CSV, delimiter: semicolon)), "
        f"{customers.stat().st_size} bytes, sha256 {digest}, the names screened; "
        "5 rows read: 3 made, 2 not read, 0 left out"
    )


def test_qualifier_columns_change_the_score(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """The date-of-birth and nationality columns are qualifiers: the same name scores
    higher with the record's birth year than with another."""
    path = tmp_path / "c.tsv"
    path.write_text("name\tdob\nQassem Soleymani\t1957\nQassem Soleymani\t1990\n", encoding="utf-8")
    code, out, _ = run(
        capsys, "screen", "--file", str(path), "--format", "csv", "--threshold", "0.5"
    )
    assert code == 0
    fits, contradicts = (float(r["score"]) for r in data_rows(out))
    assert fits > contradicts


def test_stdin_jsonl_and_output_file(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """`--file -` reads stdin; `--output` writes the file (nothing on stdout); JSON lines:
    the stamp first, one line per row with its record whole, the account last."""
    data = b"id|name\n7|Qasem Soleimani\n8|Jane Roe\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    target = tmp_path / "out.jsonl"
    code, out, err = run(
        capsys, "screen", "--file", "-", "--format", "jsonl", "--output", str(target)
    )
    assert (code, out, err) == (0, "", "")
    lines = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert lines[0]["schema"] == "sanctions-tracker/screening/1"
    assert lines[0]["stamp"]["settings"]["file"] == "-"
    assert [(x["row"], x["record"], x["status"]) for x in lines[1:3]] == [
        (2, {"id": "7", "name": "Qasem Soleimani"}, "match"),
        (3, {"id": "8", "name": "Jane Roe"}, "no match"),
    ]
    account = lines[3]["account"]
    assert (account["rows"], account["not_screened"]) == (2, 0)
    assert account["names_file"]["sha256"] == hashlib.sha256(data).hexdigest()
    assert account["names_file"]["path"] == "stdin"
    assert not list(tmp_path.glob(".*partial"))


def test_yente_shape(capsys: pytest.CaptureFixture[str], customers: Path) -> None:
    """`--format yente`: yente's /match response: responses keyed by query, each with its
    status, results, total and query (the customer's id in query.id); each result an
    entity whose schema and properties the FollowTheMoney model knows, with score,
    match, features and explanations."""
    code, out, _ = run(capsys, "screen", "--file", str(customers), "--format", "yente")
    assert code == ExitCode.PROBLEMS
    answer = json.loads(out)
    assert answer["limit"] == 10
    responses = answer["responses"]
    assert list(responses) == ["2", "3", "4", "5", "6"]
    first = responses["2"]
    assert first["status"] == 200
    assert first["query"] == {
        "id": None,
        "schema": "LegalEntity",
        "properties": {"name": ["Qassem Soleymani"], "birthDate": ["1957"], "country": ["IR"]},
    }
    (hit,) = first["results"]
    assert first["total"] == {"value": 1, "relation": "eq"}
    assert (hit["id"], hit["caption"], hit["schema"]) == (
        "us-ofac-sdn-10481",
        "SOLEIMANI, Qasem",
        "Person",
    )
    assert hit["match"] is True
    assert 0.8 <= hit["score"] <= 1
    assert set(hit["features"]) == {"name", "birth_date_match", "country_match"}
    assert hit["explanations"]["name"]["candidate"] == "SOLEIMANI, Qasem"
    schema = model.get(hit["schema"])
    assert schema is not None
    assert set(hit["properties"]) <= set(schema.properties)
    assert "SOLEIMANI, Qasem" in hit["properties"]["name"]
    assert responses["4"]["status"] == 400
    assert "no name" in responses["4"]["detail"]


def test_names_and_tables_from_the_library_agree(capsys: pytest.CaptureFixture[str]) -> None:
    """Names given as arguments come out one row each, as the library screens them; the
    library's Matches and ScreeningResults give the same hits as tables."""
    code, out, _ = run(capsys, "screen", "Qasem Soleimani", "Jane Roe", "--format", "json")
    assert code == 0
    answer = json.loads(out)
    assert [r["status"] for r in answer["results"]] == ["match", "no match"]
    assert answer["count"] == 2
    tracker = st.load()
    matches = tracker.screen("Qasem Soleimani")
    assert [m["designation_id"] for m in answer["results"][0]["matches"]] == [
        m.designation_id for m in matches
    ]
    table = matches.to_arrow()
    assert table.column("designation_id").to_pylist() == [m.designation_id for m in matches]
    assert table.schema.field("score").type == "double"


def test_table_of_a_long_file_is_aligned_and_stamped(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """`--format table` on a file longer than the block the columns are measured on: one
    header, every row once in order under it, the file of names in the footer."""
    path = tmp_path / "long.csv"
    names = ["Qasem Soleimani" if i % 50 == 0 else f"Jane Roe {i}" for i in range(700)]
    path.write_text("name\n" + "".join(f"{n}\n" for n in names), encoding="utf-8")
    code, out, _ = run(capsys, "screen", "--file", str(path), "--workers", "1")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split()[:3] == ["LINE", "NAME", "RESULT"]
    body = lines[1:701]
    assert [int(line.split()[0]) for line in body] == list(range(2, 702))
    column = lines[0].index("RESULT")
    assert all(line[column:].startswith(("match", "no match")) for line in body)
    assert sum(1 for line in body if line[column:].startswith("match")) == 14
    assert lines[701] == "700 names screened"
    assert lines[-1].startswith(f"input: {path} (names to screen (CSV, delimiter: none))")


SHARED_SDN = SHARED_DATA / "ofac-sdn"
needs_sdn = pytest.mark.skipif(
    not (SHARED_SDN / "sdn-2022-02-23.csv.gz").exists(), reason="../shared/data is not present"
)


@needs_sdn
def test_rescreening_a_file_uses_its_identifier_column(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """`screen --file --since OLD`: a row's identifier is screened as in a screening. An
    IMO number the newer list added to an amended entry (EBANO) is a new match; one the
    entry held before (YURY TOPCHEV) is a match, not new; every column comes back; the
    stamp says what counts as new."""
    customers = tmp_path / "fleet.csv"
    customers.write_text(
        "customer,name,identifier\nc1,,IMO 7406784\nc2,,IMO 9338230\n", encoding="utf-8"
    )
    code, out, err = run(
        capsys, "screen", "--file", str(customers), "--format", "csv", "--no-bundled",
        "--since", str(SHARED_SDN / "sdn-2021-08-18.csv.gz"),
        "--data", str(SHARED_SDN / "sdn-2022-02-23.csv.gz"),
    )  # fmt: skip
    assert (code, err) == (0, "")
    rows = data_rows(out)
    assert [(r["customer"], r["result"], r["id"], r["strength"]) for r in rows] == [
        ("c1", "new match", "us-ofac-sdn:4243", "identifier"),
        ("c2", "match, not new", "us-ofac-sdn:31794", "identifier"),
    ]
    assert rows[0]["matched name"] == "imo 7406784"
    assert "new_matches=on a designation added; on an amended one, by an identifier" in out


@needs_sdn
def test_names_on_the_command_line_take_an_identifier_and_qualifiers(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`screen --identifier ID --identifier-kind imo` alone finds the vessel and says the
    hit is by identifier; `--birth-date` that contradicts the record lowers a name's
    score; the stamp's settings say what was given."""
    sdn = ("--no-bundled", "--data", str(SHARED_SDN / "sdn-2022-02-23.csv.gz"))
    code, out, err = run(
        capsys, "screen", "--identifier", "7406784", "--identifier-kind", "imo",
        "--format", "csv", *sdn,
    )  # fmt: skip
    assert (code, err) == (0, "")
    (row,) = data_rows(out)
    assert (row["name"], row["id"], row["matched name"], row["strength"]) == (
        "7406784",
        "us-ofac-sdn:4243",
        "imo 7406784",
        "identifier",
    )
    assert "identifier_kind=imo" in out
    scores = []
    for born in ((), ("--birth-date", "1901")):
        code, out, err = run(
            capsys, "screen", "Ramzi Binalshibh", "--threshold", "0.5", "--format", "csv",
            *born, *sdn,
        )  # fmt: skip
        assert (code, err) == (0, "")
        scores.append(float(data_rows(out)[0]["score"]))
    assert scores[1] < scores[0]
    assert "birth_date=1901" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("--file", "x.csv", "--country", "IR"), "--country: with names given on the command"),
        (("Jane Roe", "--identifier-kind", "imo"), "--identifier-kind: only with --identifier"),
        ((), "give names to screen, --identifier ID, or --file FILE"),
    ],
)
def test_qualifier_options_misused_give_one_error_line(
    capsys: pytest.CaptureFixture[str], argv: tuple[str, ...], message: str
) -> None:
    """Qualifier options with a file (which has its own columns), --identifier-kind
    without --identifier, and nothing to screen: one error line, the usage exit code."""
    code, out, err = run(capsys, "screen", *argv)
    assert code == ExitCode.USAGE
    assert out == ""
    assert err.count("\n") == 1
    assert message in err


@needs_sdn
def test_weak_aliases_strong_alerts_on_a_weak_alias_and_says_so(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`screen --weak-aliases strong`: a weak alias of the real SDN list (with its alt.csv)
    screened as written alerts on its record, where by default it does not; each stamp
    says how weak aliases were screened."""
    lists = (
        "--no-bundled",
        "--data", str(SHARED_SDN / "sdn-2024-05-03.csv.gz"),
        "--data", str(SHARED_DATA / "ofac-csv-companions" / "alt.csv.gz"),
    )  # fmt: skip
    code, out, _ = run(capsys, "screen", "ABU-'UMAR", "--format", "csv", *lists)
    assert code == 0
    assert "us-ofac-sdn:3754" not in {r["id"] for r in data_rows(out)}
    assert "weak_aliases=x0.78" in out
    code, out, _ = run(
        capsys, "screen", "ABU-'UMAR", "--weak-aliases", "strong", "--format", "csv", *lists
    )
    assert code == 0
    rows = data_rows(out)
    assert ("us-ofac-sdn:3754", "weak alias") in {(r["id"], r["strength"]) for r in rows}
    assert "weak_aliases=screened as strong aliases" in out
