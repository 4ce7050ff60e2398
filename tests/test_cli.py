"""The command-line tool: subcommands, formats, dates and one-line errors."""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import attrs
import pytest

import sanctions_tracker as st
from conftest import SHARED_DATA
from sanctions_tracker.cli import ExitCode, main, parse_date
from sanctions_tracker.fixtures import bundled_path
from sanctions_tracker.screening import BIRTH_DATE_NEAR

FIXTURE: dict[str, Any] = {
    "about": "A small fixture set for the CLI tests.",
    "sources": [
        {
            "id": "src-test",
            "publisher": "Test Publisher",
            "title": "A Test Source",
            "url": "https://example.org/test",
            "published_on": "2020-01-10",
        }
    ],
    "sectors": [
        {"id": "industry", "name": "Industry"},
        {"id": "metals", "name": "Metals", "parent": "industry"},
        {"id": "steel", "name": "Steel", "parent": "metals", "aliases": ["iron and steel"]},
        {"id": "finance", "name": "Finance"},
    ],
    "authorities": [
        {
            "id": "test-eo-1",
            "code": "E.O. 1",
            "title": "Blocking Things",
            "kind": "executive-order",
            "sources": ["src-test"],
            "signed_on": "2019-05-08",
        }
    ],
    "programs": [
        {
            "id": "TEST-EO1",
            "name": "Test program under E.O. 1",
            "sources": ["src-test"],
            "country": "IR",
            "authorities": ["test-eo-1"],
            "sectors": [{"sector": "metals", "reason": "E.O. 1 reaches metals."}],
        }
    ],
    "designations": [
        {
            "id": "test:1",
            "list_id": "test-list",
            "party": {
                "kind": "entity",
                "names": [
                    {"full": "ACME STEEL COMPANY"},
                    {"full": "ACME STEEL CO", "kind": "aka"},
                ],
                "identifiers": [{"kind": "Registration ID", "value": "12345", "country": "IR"}],
            },
            "programs": ["TEST-EO1"],
            "sources": ["src-test"],
            "listed_on": "2020-01-10",
            "sectors": [{"sector": "steel", "basis": "fixture", "reason": "makes steel"}],
        },
        {
            "id": "test:2",
            "list_id": "test-list",
            "party": {
                "kind": "individual",
                "names": [{"full": "DOE, John"}],
                "birth_dates": ["1960-12-14"],
                "birth_places": ["Tehran, Iran"],
                "nationalities": ["IR"],
            },
            "programs": ["TEST-EO1"],
            "sources": ["src-test"],
            "listed_on": "2019-06-01",
            "status": "delisted",
            "delisted_on": "2021-03-01",
        },
    ],
    "actions": [
        {
            "id": "act-2020-01-10",
            "agency": "Test Treasury",
            "kind": "designation",
            "taken_on": "2020-01-10",
            "title": "Designation of a steel company",
            "sources": ["src-test"],
            "authorities": ["test-eo-1"],
            "programs": ["TEST-EO1"],
            "designations": ["test:1"],
        }
    ],
    "advisories": [
        {
            "id": "adv-metals",
            "agency": "Test State Department",
            "issued_on": "2019-12-16",
            "title": "Metals advisory",
            "sources": ["src-test"],
            "authorities": ["test-eo-1"],
            "materials": [
                {
                    "name": "graphite electrodes",
                    "hs_codes": [{"code": "8545.11", "description": "electrodes for furnaces"}],
                }
            ],
            "sectors": ["steel"],
            "countries": ["IR"],
        }
    ],
}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A fixture folder of one file holding a record of every kind."""
    path = tmp_path / "fixtures"
    path.mkdir()
    (path / "test.json").write_text(json.dumps(FIXTURE, indent=2), encoding="utf-8")
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run main() and return (exit code, stdout, stderr)."""
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def local(folder: Path, *argv: str) -> list[str]:
    """argv for a subcommand on the tmp fixture set only."""
    return [*argv, "--no-bundled", "--data", str(folder)]


def assert_one_error_line(code: int, out: str, err: str, expected_code: int) -> str:
    assert code == expected_code
    assert out == ""
    assert "Traceback" not in err
    assert err.endswith("\n")
    assert err.count("\n") == 1, err
    assert err.startswith("sanctions-tracker: error: ")
    return err


# --------------------------------------------------------------------------- listings


def test_designations_table_has_header_rows_and_count(
    capsys: pytest.CaptureFixture[str], folder: Path
) -> None:
    """The table lists every designation under an upper-case header and ends with the count."""
    code, out, err = run(capsys, *local(folder, "designations"))
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].split() == ["ID", "NAME", "KIND", "PROGRAMS", "LISTED_ON", "SECTORS"]
    assert lines[1].startswith("test:1")
    assert "ACME STEEL COMPANY" in lines[1]
    assert "DOE, John" in lines[2]
    assert lines[-1] == "2 designations"
    assert out.endswith("\n")


def test_designations_filters(capsys: pytest.CaptureFixture[str], folder: Path) -> None:
    """Sector (by alias; a parent includes its children), kind, status, dates narrow the listing."""
    for argv in (
        ("--sector", "iron and steel"),
        ("--kind", "entity"),
        ("--status", "active"),
        ("--active-on", "2021-06-01"),
        ("--listed-from", "1 Jan 2020"),
        ("--authority", "e.o. 1", "--listed-to", "2020-12-31", "--listed-from", "2020-01-01"),
    ):
        code, out, _ = run(capsys, *local(folder, "designations", *argv))
        assert code == 0, argv
        assert out.splitlines()[-1] == "1 designation", argv
        assert "test:1" in out, argv
    for argv in (("--country", "Iran"), ("--sector", "metals")):
        code, out, _ = run(capsys, *local(folder, "designations", *argv))
        assert out.splitlines()[-1] == "2 designations", argv


def test_designations_json_round_trips_field_names(
    capsys: pytest.CaptureFixture[str], folder: Path
) -> None:
    """JSON output is an envelope (schema, stamp, date notes, count) around the records'
    unstructured form: exactly their fields."""
    code, out, _ = run(capsys, *local(folder, "designations", "--format", "json"))
    assert code == 0
    envelope = json.loads(out)
    assert list(envelope) == ["schema", "stamp", "date_notes", "count", "designations"]
    assert envelope["schema"] == "sanctions-tracker/designations/1"
    data = envelope["designations"]
    assert envelope["count"] == len(data) == 2
    assert [d["id"] for d in data] == ["test:1", "test:2"]
    field_names = {f.name for f in attrs.fields(st.Designation)}
    assert all(set(d) == field_names for d in data)
    assert data[0]["listed_on"] == "2020-01-10"
    assert data[0]["party"]["kind"] == "entity"
    tracker = st.load(folder, bundled=False)
    assert [d.id for d in tracker.designations()] == [d["id"] for d in data]


def test_designations_csv_parses_with_header(
    capsys: pytest.CaptureFixture[str], folder: Path
) -> None:
    """CSV has the table's columns as a header; lists are joined with '; '."""
    code, out, _ = run(capsys, *local(folder, "designations", "--format", "csv"))
    assert code == 0
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == ["id", "name", "kind", "programs", "listed_on", "sectors"]
    assert rows[1][:3] == ["test:1", "ACME STEEL COMPANY", "entity"]
    assert rows[2][1] == "DOE, John"
    assert len(rows) == 3


def test_advisories_every_format(capsys: pytest.CaptureFixture[str], folder: Path) -> None:
    """Advisories list by material, HS code, sector and country in table, JSON and CSV."""
    code, out, _ = run(capsys, *local(folder, "advisories", "--material", "graphite"))
    assert code == 0
    assert out.splitlines()[0].split() == ["ID", "ISSUED_ON", "AGENCY", "TITLE", "MATERIALS"]
    assert "adv-metals" in out
    assert out.splitlines()[-1] == "1 advisory"
    code, out, _ = run(
        capsys, *local(folder, "advisories", "--hs-code", "8545", "--format", "json")
    )
    data = json.loads(out)["advisories"]
    assert set(data[0]) == {f.name for f in attrs.fields(st.Advisory)}
    code, out, _ = run(
        capsys, *local(folder, "advisories", "--sector", "metals", "--format", "csv")
    )
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == ["id", "issued_on", "agency", "title", "materials"]
    assert rows[1][-1] == "graphite electrodes"
    code, out, _ = run(capsys, *local(folder, "advisories", "--country", "RU"))
    assert out.splitlines()[-1] == "0 advisories"


def test_actions_every_format(capsys: pytest.CaptureFixture[str], folder: Path) -> None:
    """Actions list by date range, kind and program in table, JSON and CSV."""
    code, out, _ = run(
        capsys, *local(folder, "actions", "--from", "2020-01-01", "--to", "10 Jan 2020")
    )
    assert code == 0
    assert out.splitlines()[0].split() == ["ID", "DATE", "KIND", "AGENCY", "TITLE"]
    assert out.splitlines()[-1] == "1 action"
    code, out, _ = run(
        capsys, *local(folder, "actions", "--kind", "designation", "--format", "json")
    )
    assert json.loads(out)["actions"][0]["taken_on"] == "2020-01-10"
    code, out, _ = run(
        capsys, *local(folder, "actions", "--program", "test-eo1", "--format", "csv")
    )
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == ["id", "date", "kind", "agency", "title"]
    assert rows[1][0] == "act-2020-01-10"


def test_programs_every_format(capsys: pytest.CaptureFixture[str], folder: Path) -> None:
    """Programs list by sector, country and authority in table, JSON and CSV."""
    code, out, _ = run(capsys, *local(folder, "programs", "--sector", "steel"))
    assert code == 0
    assert out.splitlines()[0].split() == ["ID", "NAME", "COUNTRY", "AUTHORITIES", "SECTORS"]
    assert out.splitlines()[-1] == "1 program"
    code, out, _ = run(
        capsys,
        *local(folder, "programs", "--country", "IR", "--as-of", "2020-01-01", "--format", "json"),
    )
    assert [p["id"] for p in json.loads(out)["programs"]] == ["TEST-EO1"]
    code, out, _ = run(
        capsys, *local(folder, "programs", "--authority", "test-eo-1", "--format", "csv")
    )
    rows = list(csv.reader(io.StringIO(out)))
    assert rows == [
        ["id", "name", "country", "authorities", "sectors"],
        ["TEST-EO1", "Test program under E.O. 1", "IR", "test-eo-1", "metals"],
    ]
    code, out, _ = run(capsys, *local(folder, "programs", "--sector", "finance"))
    assert out.splitlines()[-1] == "0 programs"


def test_sectors_in_tree_order_with_paths(capsys: pytest.CaptureFixture[str], folder: Path) -> None:
    """Sectors come roots first, each followed by its children, with their paths."""
    code, out, _ = run(capsys, *local(folder, "sectors"))
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["ID", "NAME", "PATH"]
    assert [line.split()[0] for line in lines[1:-1]] == ["industry", "metals", "steel", "finance"]
    assert lines[3].endswith("industry > metals > steel")
    assert lines[-1] == "4 sectors"
    code, out, _ = run(capsys, *local(folder, "sectors", "--format", "csv"))
    assert list(csv.reader(io.StringIO(out)))[3] == ["steel", "Steel", "industry > metals > steel"]
    code, out, _ = run(capsys, *local(folder, "sectors", "--format", "json"))
    assert json.loads(out)["sectors"][2]["parent"] == "metals"


# --------------------------------------------------------------------------- show


def test_show_designation_table(capsys: pytest.CaptureFixture[str], folder: Path) -> None:
    """show describes a designation: names, identifiers, programs, sectors with reasons, sources."""
    code, out, _ = run(capsys, *local(folder, "show", "test:1"))
    assert code == 0
    assert out.startswith("ACME STEEL COMPANY (entity, designation test:1)\n")
    for text in (
        "ACME STEEL CO (aka)",
        "Registration ID: 12345 (IR)",
        "TEST-EO1: Test program under E.O. 1",
        "Steel (industry > metals > steel) [fixture]: makes steel",
        "listed on:    2020-01-10",
        "2020-01-10 designation: Designation of a steel company",
        '[src-test] Test Publisher, "A Test Source", https://example.org/test',
    ):
        assert text in out, text


def test_show_other_records(capsys: pytest.CaptureFixture[str], folder: Path) -> None:
    """show works for every kind of record, and its JSON form is the unstructured record."""
    for record_id, text in (
        ("test:2", "born:         1960-12-14"),
        ("adv-metals", "HS 8545.11 electrodes for furnaces"),
        ("act-2020-01-10", "test:1: ACME STEEL COMPANY"),
        ("TEST-EO1", "Metals (industry > metals): E.O. 1 reaches metals."),
        ("test-eo-1", "E.O. 1: Blocking Things"),
        ("steel", "industry > metals > steel"),
        ("src-test", "Test Publisher"),
    ):
        code, out, _ = run(capsys, *local(folder, "show", record_id))
        assert code == 0
        assert text in out, record_id
    code, out, _ = run(capsys, *local(folder, "show", "test:2", "--format", "json"))
    data = json.loads(out)
    assert data["status"] == "delisted"
    assert data["party"]["birth_dates"] == ["1960-12-14"]


def test_show_unknown_id_suggests(capsys: pytest.CaptureFixture[str], folder: Path) -> None:
    """An unknown id is one error line naming close ids."""
    err = assert_one_error_line(*run(capsys, *local(folder, "show", "test:3")), ExitCode.NOT_FOUND)
    assert "'test:3'" in err
    assert "did you mean" in err


# --------------------------------------------------------------------------- summary


def test_summary_json_to_output_file(
    capsys: pytest.CaptureFixture[str], folder: Path, tmp_path: Path
) -> None:
    """--output writes the summary to the file (ending with a newline) and not to stdout."""
    target = tmp_path / "summary.json"
    code, out, err = run(
        capsys,
        *local(folder, "summary", "--sector", "steel", "--format", "json"),
        "--output",
        str(target),
    )
    assert (code, out, err) == (0, "", "")
    text = target.read_text(encoding="utf-8")
    assert text.endswith("\n")
    data = json.loads(text)
    assert data["designation_count"] == 1


def test_summary_markdown(capsys: pytest.CaptureFixture[str], folder: Path) -> None:
    """The default summary format is Markdown on stdout."""
    pytest.importorskip("sanctions_tracker.reports.markdown")
    code, out, _ = run(capsys, *local(folder, "summary", "--program", "TEST-EO1"))
    assert code == 0
    assert out.endswith("\n")
    assert "ACME STEEL COMPANY" in out


def test_summary_html(capsys: pytest.CaptureFixture[str], folder: Path) -> None:
    """--format html prints an HTML page."""
    pytest.importorskip("sanctions_tracker.reports.html")
    code, out, _ = run(capsys, *local(folder, "summary", "--country", "IR", "--format", "html"))
    assert code == 0
    assert "<html" in out.lower()


def test_summary_unwritable_output(
    capsys: pytest.CaptureFixture[str], folder: Path, tmp_path: Path
) -> None:
    """An --output in a missing folder is one error line, not a traceback."""
    target = tmp_path / "missing" / "summary.json"
    code, out, err = run(
        capsys, *local(folder, "summary", "--format", "json", "--output", str(target))
    )
    assert_one_error_line(code, out, err, ExitCode.OUTPUT)
    assert f"cannot write {target}" in err


# --------------------------------------------------------------------------- global options


def test_global_options_before_and_after_subcommand(
    capsys: pytest.CaptureFixture[str], folder: Path
) -> None:
    """--data and --no-bundled work on either side of the subcommand, and combine."""
    second = folder.parent / "more"
    second.mkdir()
    more = {
        "designations": [
            {
                "id": "test:9",
                "list_id": "test-list",
                "party": {"kind": "vessel", "names": [{"full": "SEA SHIP"}]},
                "programs": ["TEST-EO1"],
                "sources": ["src-test"],
            }
        ]
    }
    (second / "more.json").write_text(json.dumps(more), encoding="utf-8")
    code, out, _ = run(
        capsys, "--no-bundled", "--data", str(folder), "designations", "--data", str(second)
    )
    assert code == 0
    assert out.splitlines()[-1] == "3 designations"
    code, out, _ = run(capsys, "--data", str(folder), "--no-bundled", "designations")
    assert out.splitlines()[-1] == "2 designations"


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    """--version prints the version and exits 0, before or after the subcommand."""
    code, out, _ = run(capsys, "--version")
    assert code == 0
    assert out.startswith("sanctions-tracker ")
    code, out, _ = run(capsys, "sectors", "--version")
    assert code == 0


def test_usage_error_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    """argparse usage errors (no subcommand, a bad choice, an unknown kind word) exit 2 as
    argparse does; the kind's message names the words allowed."""
    code, _, err = run(capsys, "designations", "--kind", "robot")
    assert code == 2
    assert "unknown kind 'robot'" in err
    assert "'person'" in err
    code, _, err = run(capsys, "designations", "--status", "gone")
    assert code == 2
    assert "invalid choice" in err
    code, _, _ = run(capsys)
    assert code == 2


def test_several_files_after_one_data_flag(capsys: pytest.CaptureFixture[str]) -> None:
    """`--data a b` leaves b over: the usage error says to repeat --data, when b is a file;
    a stray word that is no file gets argparse's plain message."""
    sdn = SHARED_DATA / "ofac-sdn" / "sdn-2024-05-03.csv.gz"
    alt = SHARED_DATA / "ofac-csv-companions" / "alt.csv.gz"
    code, _, err = run(capsys, "designations", "--data", str(sdn), str(alt))
    assert code == 2
    assert f"unrecognized arguments: {alt}" in err
    assert "give --data before each" in err
    code, _, err = run(capsys, "designations", "nonsense-word")
    assert code == 2
    assert "unrecognized arguments: nonsense-word" in err
    assert "--data before each" not in err


# --------------------------------------------------------------------------- validate


def test_validate_success_counts(capsys: pytest.CaptureFixture[str], folder: Path) -> None:
    """validate loads only the paths given and prints the counts per section and dataset."""
    code, out, err = run(capsys, "validate", "--no-bundled", str(folder))
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == "ok: 11 records from 1 file"
    assert lines[1].split() == ["sources", "1"]
    assert lines[5].split() == ["designations", "2"]
    assert "datasets:" in lines
    coverage = lines.index("sector coverage (designations in a sector, by the strongest basis):")
    assert lines[coverage - 2].endswith("1 file, 11 records, latest date 2020-01-10")
    assert lines[coverage - 1].endswith("test.json: 11 records")
    assert " of 2 (" in lines[coverage + 1]
    code, out, _ = run(capsys, "validate", "--no-bundled", str(folder), "--format", "json")
    report = json.loads(out)
    assert report["ok"] is True
    assert report["counts"]["advisories"] == 1
    assert report["datasets"][0]["records"] == 11


def test_validate_failure_lines(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, folder: Path
) -> None:
    """Every problem goes to stdout as `file: $.path: message`; a count line to stderr; exit 1."""
    broken = json.loads(json.dumps(FIXTURE))
    broken["designations"][1]["programs"] = ["NO-SUCH"]
    (folder / "test.json").write_text(json.dumps(broken), encoding="utf-8")
    source = {"id": "src-2", "publisher": "P", "title": "T", "published_on": "2020-02-30"}
    bad = {"sources": [{**source, "colour": "red"}]}
    (folder / "zz-bad.json").write_text(json.dumps(bad), encoding="utf-8")
    code, out, err = run(capsys, "validate", "--no-bundled", str(folder))
    assert code == 1
    lines = out.splitlines()
    assert len(lines) == 3
    assert all(": $." in line for line in lines)
    assert any("zz-bad.json: $.sources[0].published_on: " in line for line in lines)
    assert any("$.sources[0]: unknown key 'colour'" in line for line in lines)
    assert any("$.designations[1].programs[0]: no program has the id 'NO-SUCH'" in x for x in lines)
    assert err == "sanctions-tracker: 3 problems found; nothing was loaded\n"
    code, out, err = run(capsys, "validate", "--no-bundled", str(folder), "--format", "json")
    assert code == 1
    assert len(json.loads(out)["problems"]) == 3
    assert tmp_path.exists()


def test_fixture_error_outside_validate_is_one_line(
    capsys: pytest.CaptureFixture[str], folder: Path
) -> None:
    """A fixture with several problems gives the first and points at `validate`."""
    broken = json.loads(json.dumps(FIXTURE))
    broken["designations"][0]["listed_on"] = "soon"
    broken["designations"][1]["listed_on"] = "later"
    (folder / "test.json").write_text(json.dumps(broken), encoding="utf-8")
    err = assert_one_error_line(*run(capsys, *local(folder, "designations")), ExitCode.INPUT)
    assert "$.designations[0].listed_on" in err
    assert "(and 1 more; run `sanctions-tracker validate PATH`)" in err


# --------------------------------------------------------------------------- errors


def test_missing_data_path(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """A --data path that does not exist is one error line, exit 5 (an input)."""
    missing = tmp_path / "nowhere"
    err = assert_one_error_line(
        *run(capsys, "designations", "--data", str(missing)), ExitCode.INPUT
    )
    assert "no such file or folder" in err


def test_json_syntax_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """A JSON syntax error names the file, line and column in one line."""
    bad = tmp_path / "bad.json"
    bad.write_text('{\n  "sources": [\n    {"id": "x",}\n  ]\n}\n', encoding="utf-8")
    err = assert_one_error_line(
        *run(capsys, "sectors", "--no-bundled", "--data", str(bad)), ExitCode.INPUT
    )
    assert "bad.json: line 3 column" in err
    assert "invalid JSON" in err


def test_non_utf8_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """A file that is not UTF-8 text is one error line."""
    bad = tmp_path / "latin1.json"
    bad.write_bytes('{"about": "Caf\u00e9"}'.encode("latin-1"))
    err = assert_one_error_line(
        *run(capsys, "sectors", "--no-bundled", "--data", str(bad)), ExitCode.INPUT
    )
    assert "not UTF-8" in err


def test_unknown_sector_program_country(capsys: pytest.CaptureFixture[str], folder: Path) -> None:
    """Unknown sectors, programs and countries give the query's message with suggestions."""
    err = assert_one_error_line(
        *run(capsys, *local(folder, "designations", "--sector", "steal")), ExitCode.QUESTION
    )
    assert "unknown sector 'steal'" in err
    assert "did you mean 'steel'" in err
    err = assert_one_error_line(
        *run(capsys, *local(folder, "actions", "--program", "TEST-EO2")), ExitCode.QUESTION
    )
    assert "unknown program 'TEST-EO2'" in err
    err = assert_one_error_line(
        *run(capsys, *local(folder, "programs", "--country", "Narnia")), ExitCode.QUESTION
    )
    assert "unknown country 'Narnia'" in err


def test_bad_dates_are_one_line(capsys: pytest.CaptureFixture[str], folder: Path) -> None:
    """Garbage, ambiguous, incomplete and impossible dates are refused in one line, exit 2."""
    err = assert_one_error_line(
        *run(capsys, *local(folder, "summary", "--as-of", "tomorrowish")), expected_code=2
    )
    assert err == (
        "sanctions-tracker: error: --as-of: expected a date like 2020-01-01, got 'tomorrowish'\n"
    )
    err = assert_one_error_line(
        *run(capsys, *local(folder, "designations", "--active-on", "01/02/2020")),
        expected_code=2,
    )
    assert "ambiguous" in err
    err = assert_one_error_line(
        *run(capsys, *local(folder, "actions", "--from", "Nov 2019")), expected_code=2
    )
    assert "not a whole date" in err
    err = assert_one_error_line(
        *run(capsys, *local(folder, "programs", "--as-of", "2020-02-30")), expected_code=2
    )
    assert "not a possible date" in err


def test_reversed_range_is_one_line(capsys: pytest.CaptureFixture[str], folder: Path) -> None:
    """A range ending before it starts is the query's error (exit 4); a year is not a date."""
    err = assert_one_error_line(
        *run(
            capsys,
            *local(folder, "designations", "--listed-from", "2021", "--listed-to", "2020-01-01"),
        ),
        expected_code=2,
    )
    assert "--listed-from: '2021' is not a whole date" in err
    err = assert_one_error_line(
        *run(capsys, *local(folder, "actions", "--from", "2021-01-01", "--to", "2020-01-01")),
        ExitCode.QUESTION,
    )
    assert "starts (2021-01-01) after it ends (2020-01-01)" in err


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2019-11-04", "2019-11-04"),
        ("4 Nov 2019", "2019-11-04"),
        ("Nov 4, 2019", "2019-11-04"),
        ("13/02/2020", "2020-02-13"),
    ],
)
def test_parse_date_accepts(text: str, expected: str) -> None:
    """Dates are accepted in ISO form and in unambiguous written forms."""
    assert parse_date(text, "--as-of").isoformat() == expected


def test_subprocess_entry_point(folder: Path) -> None:
    """`python -m sanctions_tracker` runs the CLI and exits with its code."""
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "sanctions_tracker",
            "designations",
            "--no-bundled",
            "--data",
            str(folder),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "2 designations"
    missing = subprocess.run(
        [sys.executable, "-m", "sanctions_tracker", "sectors", "--data", str(folder / "nope")],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert missing.returncode == ExitCode.INPUT
    assert "Traceback" not in missing.stderr


def test_broken_pipe_is_quiet(folder: Path) -> None:
    """Piping into a reader that stops early does not print a traceback."""
    script = (
        "import sys\nfrom sanctions_tracker.cli import main\nraise SystemExit(main(sys.argv[1:]))\n"
    )
    argv = [sys.executable, "-c", script, "sectors", "--no-bundled", "--data", str(folder)]
    with subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as process:
        assert process.stdout is not None
        process.stdout.close()  # the reader goes away before the tool writes
        _, err = process.communicate(timeout=60)
    assert b"Traceback" not in err
    assert b"BrokenPipe" not in err


# --------------------------------------------------------------------------- bundled set


def _bundled_loads() -> bool:
    try:
        st.load()
    except st.SanctionsTrackerError:
        return False
    return True


bundled = pytest.mark.skipif(not _bundled_loads(), reason="the bundled fixtures do not load yet")


@bundled
def test_bundled_steel_designations(capsys: pytest.CaptureFixture[str]) -> None:
    """On the bundled set, `designations --sector steel` lists ESFAHAN STEEL COMPANY."""
    code, out, _ = run(capsys, "designations", "--sector", "steel")
    assert code == 0
    assert "ESFAHAN STEEL COMPANY" in out


@bundled
def test_bundled_show_raisi(capsys: pytest.CaptureFixture[str]) -> None:
    """On the bundled set, `show us-ofac-sdn:27844` describes RAISI, Ebrahim."""
    code, out, _ = run(capsys, "show", "us-ofac-sdn:27844")
    assert code == 0
    assert out.startswith("RAISI, Ebrahim (individual, designation us-ofac-sdn:27844)")
    assert "IRAN-EO13876" in out


@bundled
def test_bundled_validate(capsys: pytest.CaptureFixture[str]) -> None:
    """validate on the bundled folder succeeds and counts its records."""
    code, out, _ = run(capsys, "validate", str(bundled_path()))
    assert code == 0
    assert out.startswith("ok: ")


# --------------------------------------------------------------------------- OFAC list files

SDN_LATEST = SHARED_DATA / "ofac-sdn" / "sdn-2024-05-03.csv.gz"
needs_data = pytest.mark.skipif(not SDN_LATEST.exists(), reason="../shared/data is not present")


@needs_data
def test_designations_by_sector_on_the_sdn_list(capsys: pytest.CaptureFixture[str]) -> None:
    """`designations --sector steel --data sdn.csv.gz` lists steelmakers, named or not, and
    says on stderr how many designations are in no sector."""
    code, out, err = run(
        capsys, "designations", "--sector", "steel", "--data", str(SDN_LATEST), "--format", "csv"
    )
    assert code == 0
    assert err.startswith("note: us-ofac-sdn: ")
    assert "have no sector and cannot appear in a sector listing" in err
    rows = list(csv.DictReader(io.StringIO(out)))
    ids = {row["id"] for row in rows}
    assert {"us-ofac-sdn:28284", "us-ofac-sdn:30757"} <= ids
    assert "us-ofac-sdn:28293" not in ids  # the copper producer


@needs_data
def test_validate_prints_the_account_of_a_list(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """validate on a list file with a broken row: the account, the row's line, exit 1."""
    text = gzip.decompress(SDN_LATEST.read_bytes()).decode("utf-8")
    lines = text.split("\r\n")
    lines.insert(2, '123456789,"HALF A ROW",-0- ')
    broken = tmp_path / "sdn.csv"
    broken.write_text("\r\n".join(lines), encoding="utf-8", newline="")
    code, out, err = run(capsys, "validate", "--no-bundled", str(broken))
    assert code == 1
    assert "14966 rows read = 14965 made + 1 rejected" in out
    assert "rejected line 3: expected 12 columns, got 3" in out
    assert err == "sanctions-tracker: 1 row could not be read (listed above)\n"
    code, out, _ = run(capsys, "validate", "--no-bundled", str(SDN_LATEST), "--format", "json")
    assert code == 0
    (account,) = json.loads(out)["datasets"][0]["accounts"]
    assert account["rows_read"] == account["records_made"] == 14965
    assert account["end_marker"] is True


@needs_data
def test_summary_on_the_sdn_list(capsys: pytest.CaptureFixture[str]) -> None:
    """`summary --sector steel --data sdn.csv.gz` works as on the fixtures."""
    code, out, _ = run(capsys, "summary", "--sector", "steel", "--data", str(SDN_LATEST))
    assert code == 0
    assert out.startswith("# Compliance summary: the steel sector")
    assert "sdn-2024-05-03.csv.gz" in out


@needs_data
def test_diff_command(capsys: pytest.CaptureFixture[str]) -> None:
    """`diff OLD NEW` prints the changelog; json and csv forms; out of order is one line."""
    old = SHARED_DATA / "ofac-sdn" / "sdn-2024-05-02.csv.gz"
    code, out, err = run(capsys, "diff", str(old), str(SDN_LATEST))
    assert (code, err) == (0, "")
    assert "- Removed: 8" in out
    assert "## RUSSIA-EO14024 (8)" in out
    code, out, _ = run(capsys, "diff", str(old), str(SDN_LATEST), "--format", "json")
    assert json.loads(out)["counts"] == {"added": 0, "removed": 8, "amended": 0}
    code, out, _ = run(capsys, "diff", str(old), str(SDN_LATEST), "--format", "csv")
    assert out.startswith("# generated ")
    assert len(list(csv.reader(line for line in out.splitlines() if line[:2] != "# "))) == 9
    code, out, err = run(capsys, "diff", str(SDN_LATEST), str(old))
    assert code == ExitCode.QUESTION
    assert err.startswith("sanctions-tracker: error: the versions are given out of order")
    assert len(err.splitlines()) == 1


@needs_data
def test_summary_as_of_over_a_history(capsys: pytest.CaptureFixture[str]) -> None:
    """`--history DATE=PATH` twice and `summary --as-of` answer from the older snapshot."""
    feb = SHARED_DATA / "ofac-sdn" / "sdn-2022-02-23.csv.gz"
    args = ["--history", f"2022-02-23={feb}", "--history", f"2024-05-03={SDN_LATEST}"]
    code, out, _ = run(capsys, *args, "summary", "--as-of", "2022-03-01", "--format", "json")
    assert code == 0
    summary = json.loads(out)
    assert summary["scope"]["as_of"] == "2022-03-01"
    names = [d["name"] for d in summary["built_from"]]
    assert any("sdn-2022-02-23" in n for n in names)
    code, _, err = run(capsys, *args, "summary", "--as-of", "2019-01-01")
    assert code == ExitCode.QUESTION
    assert "outside the history" in err


# --------------------------------------------------------------------------- screen


@needs_data
def test_screen_names(capsys: pytest.CaptureFixture[str]) -> None:
    """`screen NAME...`: one output row per name, the best hit or 'no match'."""
    code, out, err = run(
        capsys, "screen", "Qassem Soleimani", "George Bush", "--data", str(SDN_LATEST)
    )
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].split()[:3] == ["ROW", "NAME", "RESULT"]
    assert "us-ofac-sdn:10481" in lines[1]
    assert "no match" in lines[2]
    assert lines[3] == "2 names screened"
    # The footer is the stamp: when, by what, with which settings, from which file.
    assert lines[4].startswith("generated ")
    assert lines[4].endswith(f"by sanctions-tracker {st.__version__}")
    assert lines[5] == (
        "settings: threshold=0.8, limit=10, "
        "weak_aliases=x0.78 (alert only with a birth date or a country that agrees)"
    )
    inputs = lines[6:]
    assert len(inputs) == 9 + 1  # the nine bundled fixture files, then the list file
    assert inputs[-1].startswith(f"input: {SDN_LATEST} (OFAC list CSV)")


@needs_data
def test_screen_with_a_birth_date_says_how_it_weighs(capsys: pytest.CaptureFixture[str]) -> None:
    """`screen --birth-date`: a date a year off the record's (Soleimani, 1957-03-11 on
    the SDN list) keeps BIRTH_DATE_NEAR of the score and still alerts, and the stamp's
    settings say how a birth date weighs; without one they do not speak of it."""
    code, out, err = run(
        capsys, "screen", "Qasem Soleimani", "--birth-date", "1958", "--format", "csv",
        "--data", str(SDN_LATEST),
    )  # fmt: skip
    assert (code, err) == (0, "")
    assert "us-ofac-sdn:10481" in out
    settings = next(line for line in out.splitlines() if line.startswith("# settings: "))
    assert f"birth_dates=x{BIRTH_DATE_NEAR} when the record's nearest is a year or less" in settings
    code, out, _ = run(capsys, "screen", "Qasem Soleimani", "--data", str(SDN_LATEST))
    assert code == 0
    assert "birth_dates=" not in out


@needs_data
def test_screen_file_with_a_bad_row(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """`screen --file`: every row gets an output row; unreadable ones are errors, exit 1."""
    customers = tmp_path / "customers.csv"
    customers.write_text(
        "id,name\n1,Qassem Soleimani\n2,\n3,!!!\n4,Ebrahim Raeisi\n", encoding="utf-8"
    )
    code, out, err = run(
        capsys, "screen", "--file", str(customers), "--column", "name",
        "--kind", "person", "--format", "csv", "--data", str(SDN_LATEST),
    )  # fmt: skip
    assert code == 1
    comments = [line for line in out.splitlines() if line.startswith("# ")]
    assert (
        comments[1]
        == f"# settings: threshold=0.8, limit=10, kind=person, file={customers}, column=name, "
        "weak_aliases=x0.78 (alert only with a birth date or a country that agrees), "
        "birth_dates=x0.95 when the record's nearest is a year or less off, x0.75 when "
        "more; one that agrees closes 15% of the gap to 1"
    )
    digest = hashlib.sha256(customers.read_bytes()).hexdigest()
    assert comments[-1] == (
        f"# input: {customers} (names to screen (CSV, delimiter: comma)), "
        f"{customers.stat().st_size} bytes, sha256 {digest}, the names screened; 4 rows read: "
        "2 made, 2 not read, 0 left out"
    )
    rows = list(csv.DictReader(line for line in out.splitlines() if not line.startswith("# ")))
    assert [r["line"] for r in rows] == ["2", "3", "4", "5"]
    assert [r["id"] for r in rows] == ["1", "2", "3", "4"]  # the file's own column, kept
    assert [r["result"] for r in rows] == [
        "match",
        "error: no name in this row (column 'name' is empty)",
        "error: no name to screen in '!!!': it has no letters or digits",
        "match",
    ]
    assert rows[3]["screening id"] == "us-ofac-sdn:27844"  # ours, beside the file's `id`
    assert err == (
        "sanctions-tracker: 2 rows could not be screened (lines 3, 4; marked 'error' in the "
        "output)\n"
    )


@needs_data
def test_screen_json_explains(capsys: pytest.CaptureFixture[str]) -> None:
    """JSON output holds each hit's score, matched name and explanation."""
    code, out, _ = run(
        capsys, "screen", "Qassem Soleimani", "--format", "json", "--data", str(SDN_LATEST)
    )
    assert code == 0
    envelope = json.loads(out)
    assert envelope["schema"] == "sanctions-tracker/screening/1"
    assert envelope["stamp"]["settings"] == {
        "threshold": "0.8",
        "limit": "10",
        "weak_aliases": "x0.78 (alert only with a birth date or a country that agrees)",
    }
    (row,) = envelope["results"]
    assert row["status"] == "match"
    best = row["matches"][0]
    assert best["designation_id"] == "us-ofac-sdn:10481"
    assert 0.8 <= best["score"] <= 1
    assert best["explanation"]["summary"]
    assert "designation" not in best


def test_screen_usage_errors(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """No names, a missing column, a bad threshold: one line each, no traceback."""
    code, _, err = run(capsys, "screen")
    assert code == 2
    assert "give names to screen" in err
    customers = tmp_path / "c.csv"
    customers.write_text("id,customer\n1,X\n", encoding="utf-8")
    code, _, err = run(capsys, "screen", "--file", str(customers))
    assert code == ExitCode.INPUT
    assert "no column 'name' nor 'identifier' (columns: id, customer)" in err
    code, _, err = run(capsys, "screen", "X Y", "--threshold", "3")
    assert "--threshold: expected a number above 0 and at most 1, got 3.0" in err
    assert "Traceback" not in err


@needs_data
def test_screen_since_rescreens_what_changed(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """`screen --since OLD`: names are screened against what changed, new hits marked."""
    sdn = SHARED_DATA / "ofac-sdn"
    customers = tmp_path / "customers.csv"
    customers.write_text("name\nAndrey Puchkov\nQassem Soleimani\n", encoding="utf-8")
    code, out, err = run(
        capsys, "screen", "--file", str(customers), "--format", "csv",
        "--since", str(sdn / "sdn-2022-02-23.csv.gz"),
        "--data", str(sdn / "sdn-2022-02-25.csv.gz"),
    )  # fmt: skip
    assert (code, err) == (0, "")
    rows = list(csv.DictReader(line for line in out.splitlines() if not line.startswith("# ")))
    assert [(r["name"], r["result"], r["id"]) for r in rows] == [
        ("Andrey Puchkov", "new match", "us-ofac-sdn:34376"),
        ("Qassem Soleimani", "nothing changed for this name", ""),
    ]


def test_validate_refers_to_the_bundled_set(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A user's fixture naming a bundled program validates; with --no-bundled it does not."""
    mine = tmp_path / "mine.json"
    mine.write_text(
        json.dumps(
            {
                "designations": [
                    {
                        "id": "mine:1",
                        "list_id": "mine",
                        "party": {"kind": "entity", "names": [{"full": "MY STEEL TRADER"}]},
                        "programs": ["IRAN-EO13871"],
                        "sources": ["src-ofac-sdn-2024-05-03"],
                    }
                ]
            }
        ),
        encoding="utf-8",
    )
    code, out, err = run(capsys, "validate", str(mine))
    assert (code, err) == (0, "")
    assert out.startswith("ok: ")
    code, out, err = run(capsys, "validate", "--no-bundled", str(mine))
    assert code == 1
    assert "$.designations[0].programs[0]: no program has the id 'IRAN-EO13871'" in out


@needs_data
def test_show_gives_first_and_last_seen_over_a_history(capsys: pytest.CaptureFixture[str]) -> None:
    """`show ID` with --history says when the designation was first and last seen."""
    feb = SHARED_DATA / "ofac-sdn" / "sdn-2022-02-25.csv.gz"
    code, out, _ = run(
        capsys, "--history", f"2022-02-25={feb}", "--history", f"2024-05-03={SDN_LATEST}",
        "show", "us-ofac-sdn:34749",
    )  # fmt: skip
    assert code == 0
    assert re.search(r"first seen:\s+2022-02-25", out)
    assert re.search(r"last seen:\s+2024-05-03", out)


# --------------------------------------------------------------------------- OFAC XML

CONS_XML = SHARED_DATA / "ofac-consolidated"
ENHANCED_NS = (
    "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/ENHANCED_XML"
)


def _enhanced_programs() -> list[list[str]]:
    """The program tags of each entity of CONS_ENHANCED.XML, by a plain stdlib parse."""
    import xml.etree.ElementTree as ET  # noqa: PLC0415 - the real OFAC file, trusted
    import zipfile  # noqa: PLC0415

    with zipfile.ZipFile(CONS_XML / "CONS_ENHANCED.ZIP") as archive:
        root = ET.fromstring(archive.read("CONS_ENHANCED.XML"))  # noqa: S314
    program = f"{{{ENHANCED_NS}}}sanctionsProgram"
    return [[p.text or "" for p in e.iter(program)] for e in root.iter(f"{{{ENHANCED_NS}}}entity")]


@needs_data
def test_validate_an_advanced_xml_list(capsys: pytest.CaptureFixture[str]) -> None:
    """validate on cons_advanced.xml.gz: its account, the facts it read, what it kept as
    text with lines; exit 0. The JSON form balances."""
    path = CONS_XML / "cons_advanced.xml.gz"
    code, out, err = run(capsys, "validate", "--no-bundled", str(path))
    assert (code, err) == (0, "")
    assert "(OFAC advanced XML): 375 rows read = 375 made + 0 rejected" in out
    assert "latest date 2020-03-17" in out
    assert re.search(r"features, documents and remarks: \d+ read, \d+ turned into fields", out)
    assert re.search(r"kept as text line \d+: remark not read into a field: 'HAMAS", out)
    code, out, _ = run(capsys, "validate", "--no-bundled", str(path), "--format", "json")
    assert code == 0
    (account,) = json.loads(out)["datasets"][0]["accounts"]
    assert account["rows_read"] == account["records_made"] == 375
    assert account["remark_segments"] == account["remark_segments_parsed"] + len(
        account["unparsed_remarks"]
    )


@needs_data
def test_designations_of_a_program_from_an_enhanced_zip(capsys: pytest.CaptureFixture[str]) -> None:
    """designations --data CONS_ENHANCED.ZIP --program NS-PLC lists every entity the XML
    tags NS-PLC (counted by a plain parse)."""
    zipped = CONS_XML / "CONS_ENHANCED.ZIP"
    argv = ["designations", "--no-bundled", "--data", str(zipped), "--program", "NS-PLC"]
    code, out, _ = run(capsys, *argv, "--format", "csv")
    assert code == 0
    rows = list(csv.reader(io.StringIO(out)))[1:]
    expected = sum("NS-PLC" in tags for tags in _enhanced_programs())
    assert expected > 0
    assert len(rows) == expected
    assert all(row[0].startswith("us-ofac-cons:") and "NS-PLC" in row[3] for row in rows)


@needs_data
def test_summary_and_diff_with_xml_lists(capsys: pytest.CaptureFixture[str]) -> None:
    """summary --data an XML list names it with its own date; diff from the CSV form to
    the XML form of the Consolidated list works (the ids agree)."""
    zipped = CONS_XML / "CONS_ENHANCED.ZIP"
    code, out, _ = run(capsys, "summary", "--data", str(zipped))
    assert code == 0
    assert "CONS\\_ENHANCED.ZIP (Consolidated Sanctions List (non-SDN lists)): 443 records" in out
    code, out, _ = run(
        capsys, "diff", str(CONS_XML / "cons_prim.csv"), str(zipped), "--format", "json"
    )
    assert code == 0
    changes = json.loads(out)
    assert len(changes["added"]) + len(changes["removed"]) <= 2
    assert changes["new_as_of"] == "2025-01-10"


def test_a_hostile_xml_file_is_one_error_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """An XML file with an external entity: one line on stderr, exit 5, no traceback."""
    path = tmp_path / "evil.xml"
    path.write_text(
        '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
        f'<sanctionsData xmlns="{ENHANCED_NS}">&e;</sanctionsData>',
        encoding="utf-8",
    )
    code, out, err = run(capsys, "validate", "--no-bundled", str(path))
    message = assert_one_error_line(code, out, err, ExitCode.INPUT)
    assert "declares a DTD" in message
    assert "root:" not in message


# --------------------------------------------------------------------------- trustworthy answers

CSL_FULL = SHARED_DATA / "us-csl" / "consolidated_screening_list.csv.gz"
CONS_ADVANCED = SHARED_DATA / "ofac-consolidated" / "cons_advanced.xml.gz"
EPOCH = "1714726800"  # 2024-05-03T09:00:00Z


def _sdn_rows(path: Path) -> list[list[str]]:
    """The rows of an SDN CSV file, by a plain parse."""
    with gzip.open(path, "rt", encoding="utf-8", errors="replace", newline="") as handle:
        return [row for row in csv.reader(handle) if len(row) == 12 and row[0].isdigit()]


def _tags(row: list[str]) -> set[str]:
    """The program tags of a plain SDN row."""
    return {tag.strip("[] ") for tag in row[3].split("] [")}


def _plain_copy(path: Path, folder: Path) -> Path:
    """The file unpacked as ``folder/sdn.csv``: OFAC's own name, which carries no date."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / "sdn.csv"
    target.write_bytes(gzip.decompress(path.read_bytes()))
    return target


@needs_data
def test_summary_before_the_program_existed(capsys: pytest.CaptureFixture[str]) -> None:
    """`summary --as-of 2019-01-01 --program RUSSIA-EO14024` put 4,439 designations in
    scope under an order signed in 2021: now none, and the summary says why, in JSON and
    in the Markdown's Dates section."""
    tagged = sum(1 for row in _sdn_rows(SDN_LATEST) if "RUSSIA-EO14024" in _tags(row))
    argv = ["summary", "--as-of", "2019-01-01", "--program", "RUSSIA-EO14024"]
    code, out, _ = run(capsys, *argv, "--data", str(SDN_LATEST), "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["designation_count"] == 0
    (note,) = data["date_notes"]
    assert (note["kind"], note["count"]) == ("left-out", tagged)
    code, out, _ = run(capsys, *argv, "--data", str(SDN_LATEST))
    dates = out.split("## Dates", 1)[1].split("## ", 1)[0]
    assert f"{tagged:,} designations with no listing date left out" in dates
    assert "RUSSIA-EO14024 from 2021-04-15" in dates


@needs_data
def test_designations_on_a_day_say_what_they_assume(capsys: pytest.CaptureFixture[str]) -> None:
    """A dated listing ends with its date notes (table), carries them above the header
    (CSV) or in the envelope (JSON); the counts agree."""
    argv = ["designations", "--active-on", "1990-01-01", "--data", str(SDN_LATEST)]
    code, out, _ = run(capsys, *argv, "--format", "json")
    assert code == 0
    data = json.loads(out)
    kinds = {n["kind"]: n["count"] for n in data["date_notes"]}
    assert set(kinds) == {"assumed", "unbounded", "left-out"}
    assert data["count"] == len(data["designations"]) < 14_947
    assert data["stamp"]["settings"] == {"active_on": "1990-01-01"}
    code, out, _ = run(capsys, *argv)
    lines = out.splitlines()
    assert lines[-4] == f"{data['count']} designations"
    assert lines[-3].startswith(f"dates: {kinds['assumed']:,} designations with no listing")
    assert lines[-2].startswith(f"dates: {kinds['unbounded']:,} designations with no listing")
    assert lines[-1].startswith(f"dates: {kinds['left-out']:,} designations with no listing")
    code, out, _ = run(capsys, *argv, "--format", "csv")
    comments = [line for line in out.splitlines() if line.startswith("# dates: ")]
    assert len(comments) == len(kinds)
    assert out.splitlines()[len(kinds)] == "id,name,kind,programs,listed_on,sectors"


@needs_data
def test_with_a_history_a_day_is_answered_from_its_snapshot(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`--history ... designations --active-on 2022-01-01` listed VTB Bank (first seen
    2022-02-25) from the newest file; the snapshot in force that day does not hold it."""
    sdn = SHARED_DATA / "ofac-sdn"
    older = {f"us-ofac-sdn:{row[0]}" for row in _sdn_rows(sdn / "sdn-2021-08-18.csv.gz")}
    history = [
        *("--history", f"2021-08-18={sdn / 'sdn-2021-08-18.csv.gz'}"),
        *("--history", f"2022-02-25={sdn / 'sdn-2022-02-25.csv.gz'}"),
    ]
    for option in ("--active-on", "--as-of"):
        code, out, _ = run(
            capsys, *history, "designations", option, "2022-01-01",
            "--list-id", "us-ofac-sdn", "--format", "json",
        )  # fmt: skip
        assert code == 0
        found = {d["id"] for d in json.loads(out)["designations"]}
        assert found == older
        assert "us-ofac-sdn:17013" not in found
        inputs = json.loads(out)["stamp"]["inputs"]
        assert {i["date"] for i in inputs if i["format"] == "OFAC list CSV"} == {
            "2021-08-18",
            "2022-02-25",
        }


def test_advisories_and_actions_as_of(capsys: pytest.CaptureFixture[str], folder: Path) -> None:
    """`advisories` and `actions` take --as-of as summary does: what was out by then."""
    code, out, _ = run(capsys, *local(folder, "advisories", "--as-of", "2019-12-15"))
    assert (code, out.splitlines()[-1]) == (0, "0 advisories")
    code, out, _ = run(capsys, *local(folder, "advisories", "--as-of", "2019-12-16"))
    assert out.splitlines()[-1] == "1 advisory"
    code, out, _ = run(capsys, *local(folder, "actions", "--as-of", "2020-01-09"))
    assert out.splitlines()[-1] == "0 actions"
    code, out, _ = run(capsys, *local(folder, "actions", "--as-of", "2020-01-10"))
    assert out.splitlines()[-1] == "1 action"
    code, out, _ = run(capsys, *local(folder, "designations", "--as-of", "2019-01-01"))
    assert out.splitlines()[-1] == "0 designations"


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--limit", "0", "--limit: expected a whole number of at least 1, got 0"),
        ("--limit", "-1", "--limit: expected a whole number of at least 1, got -1"),
        ("--threshold", "0", "--threshold: expected a number above 0 and at most 1, got 0.0"),
        ("--threshold", "1.5", "--threshold: expected a number above 0 and at most 1, got 1.5"),
    ],
)
def test_screen_limits_are_usage_errors(
    capsys: pytest.CaptureFixture[str], option: str, value: str, message: str
) -> None:
    """`screen --limit 0 "Qasem Soleimani"` said "no match" and exited 0: now a usage
    error (exit 2), one line, before any list is loaded."""
    code, out, err = run(capsys, "screen", "Qasem Soleimani", option, value)
    assert_one_error_line(code, out, err, expected_code=2)
    assert err == f"sanctions-tracker: error: {message}\n"


@pytest.mark.skipif(not CSL_FULL.exists(), reason="../shared/data is not present")
def test_rows_not_read_are_announced(capsys: pytest.CaptureFixture[str]) -> None:
    """A list row that could not be read was announced only by `validate`: now every
    command that reads list files says so in one stderr line per file, and --strict
    exits 1 before answering. The CSL's last row is cut short; its header repeats."""
    with gzip.open(CSL_FULL, "rt", encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    header = rows[0]
    short = sum(1 for row in rows[1:] if row and len(row) != len(header))
    repeated = sum(1 for row in rows[1:] if row == header)
    assert (short, repeated) == (1, 1)
    shown = str(CSL_FULL)
    expected = (
        f"sanctions-tracker: warning: {short + repeated} rows of {shown}: {short} could not "
        f"be read, {repeated} were left out; run `sanctions-tracker validate {shown}`\n"
    )
    for argv in (
        ["designations", "--list-id", "us-bis-dpl"],
        ["summary", "--sector", "steel"],
        ["screen", "Huawei Technologies"],
    ):
        code, out, err = run(capsys, *argv, "--data", shown)
        assert (code, err) == (0, expected), argv
        assert out
        code, out, err = run(capsys, *argv, "--data", shown, "--strict")
        assert code == ExitCode.STRICT
        assert out == ""
        assert err == expected + (
            "sanctions-tracker: --strict: rows of the list files became no record "
            "(see above); nothing answered\n"
        )


@needs_data
def test_a_quote_left_open_is_found(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """A row whose quote is never closed swallowed the next one (entry 4717 vanished, and
    `screen` answered "no match" for its name): now the row is reported naming both
    entries by line and id, and the next entry is read on its own."""
    lines = gzip.decompress(SDN_LATEST.read_bytes()).decode("utf-8").splitlines(keepends=True)
    (at,) = [i for i, line in enumerate(lines) if line.startswith("4715,")]
    assert lines[at + 1].startswith("4717,")
    assert lines[at].rstrip("\r\n").endswith('"')
    lines[at] = lines[at].rstrip("\r\n")[:-1] + "\r\n"  # the closing quote removed
    broken = tmp_path / "broken" / "sdn.csv"
    broken.parent.mkdir()
    broken.write_text("".join(lines), encoding="utf-8", newline="")
    name = "DEMOCRATIC FRONT FOR THE LIBERATION OF PALESTINE - HAWATMEH FACTION"
    code, out, err = run(capsys, "screen", name, "--data", str(broken), "--format", "json")
    assert code == 0
    (result,) = json.loads(out)["results"]
    assert result["matches"][0]["designation_id"] == "us-ofac-sdn:4717"
    assert f"warning: 1 row of {broken} could not be read; run `sanctions-tracker validate" in err
    code, out, _ = run(capsys, "validate", str(broken), "--no-bundled", "--format", "json")
    assert code == 1
    (account,) = json.loads(out)["datasets"][0]["accounts"]
    (problem,) = account["rejected"]
    assert (problem["line"], problem["key"]) == (at + 1, "4715")
    assert (
        f"runs over into line {at + 2}, which is plainly the next entry (4717)"
        in (problem["reason"])
    )
    assert account["records_made"] == len(_sdn_rows(SDN_LATEST)) - 1


@needs_data
def test_diff_order_of_undated_files(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """`diff` of two real sdn.csv files given newest first reversed added and removed
    silently; now it warns (and says they look reversed), and DATE=PATH states the dates:
    out of order is then an error, in order a dated diff."""
    sdn = SHARED_DATA / "ofac-sdn"
    old = _plain_copy(sdn / "sdn-2023-06-29.csv.gz", tmp_path / "a")
    new = _plain_copy(SDN_LATEST, tmp_path / "b")
    code, out, err = run(capsys, "diff", str(new), str(old), "--format", "json")
    assert code == 0
    assert err.startswith("sanctions-tracker: warning: the order of ")
    assert "they look reversed" in err
    assert json.loads(out)["order_note"] in err
    code, out, err = run(capsys, "diff", f"2024-05-03={new}", f"2023-06-29={old}")
    assert code == ExitCode.QUESTION
    assert "the versions are given out of order" in err
    code, out, err = run(
        capsys, "diff", f"2023-06-29={old}", f"2024-05-03={new}", "--format", "json"
    )
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert (data["old_as_of"], data["new_as_of"], data["order_note"]) == (
        "2023-06-29",
        "2024-05-03",
        None,
    )
    lists = [i for i in data["stamp"]["inputs"] if i["format"] == "OFAC list CSV"]
    assert [(i["date"], i["date_source"]) for i in lists] == [
        ("2023-06-29", "stated"),
        ("2024-05-03", "stated"),
    ]
    added = {row[0] for row in _sdn_rows(SDN_LATEST)} - {
        row[0] for row in _sdn_rows(sdn / "sdn-2023-06-29.csv.gz")
    }
    assert data["counts"]["added"] == len(added)


@needs_data
def test_outputs_are_stamped(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Summaries, screening results and JSON listings carry the time (UTC; fixed by
    SOURCE_DATE_EPOCH), the version, the settings and each input file's SHA-256, size,
    format, date and rows."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    digest = hashlib.sha256(SDN_LATEST.read_bytes()).hexdigest()
    argv = ["summary", "--sector", "steel", "--data", str(SDN_LATEST)]
    code, first, _ = run(capsys, *argv, "--format", "json")
    code, second, _ = run(capsys, *argv, "--format", "json")
    assert first == second  # the same bytes, for golden files
    stamp = json.loads(first)["stamp"]
    assert stamp["generated_at"] == "2024-05-03T09:00:00Z"
    assert stamp["version"] == st.__version__
    assert stamp["settings"] == {"sector": "steel"}
    (listed,) = [i for i in stamp["inputs"] if i["path"] == str(SDN_LATEST)]
    assert listed["sha256"] == digest
    assert listed["size"] == SDN_LATEST.stat().st_size
    assert (listed["date"], listed["date_source"]) == ("2024-05-03", "file-name")
    assert listed["rows_read"] == listed["records_made"] == len(_sdn_rows(SDN_LATEST))
    code, page, _ = run(capsys, *argv, "--format", "html")
    assert "<dt>Generated</dt><dd>2024-05-03T09:00:00Z by sanctions-tracker" in page
    assert digest in page
    code, text, _ = run(capsys, *argv)
    assert code == 0
    assert "- Generated: 2024-05-03T09:00:00Z by sanctions-tracker" in text
    assert f"sha256 {digest}, dated 2024-05-03 (from its file name" in text
    _code, out, _ = run(
        capsys, "screen", "Qassem Soleimani", "--data", str(SDN_LATEST), "--format", "jsonl"
    )
    head, result, trailer = (json.loads(line) for line in out.splitlines())
    assert head["schema"] == "sanctions-tracker/screening/1"
    assert trailer["account"]["rows"] == 1
    assert head["stamp"]["settings"] == {
        "threshold": "0.8",
        "limit": "10",
        "weak_aliases": "x0.78 (alert only with a birth date or a country that agrees)",
    }
    assert result["matches"][0]["designation_id"] == "us-ofac-sdn:10481"


@pytest.mark.skipif(not CONS_ADVANCED.exists(), reason="../shared/data is not present")
def test_list_dates_say_where_they_come_from(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A list's own date (an XML DateOfIssue) is its date; a file with none is "undated",
    said plainly, unless the user states one (DATE=PATH)."""
    code, out, _ = run(capsys, "summary", "--data", str(CONS_ADVANCED), "--format", "json")
    (xml,) = [i for i in json.loads(out)["stamp"]["inputs"] if "cons_advanced" in i["path"]]
    assert (xml["date"], xml["date_source"], xml["published_on"]) == (
        "2020-03-17",
        "published",
        "2020-03-17",
    )
    plain = _plain_copy(SDN_LATEST, tmp_path / "undated")
    code, out, _ = run(capsys, "summary", "--sector", "steel", "--data", str(plain))
    (line,) = [x for x in out.splitlines() if "(OFAC list CSV)" in x]
    assert "undated: the file states no date and none was given (give one as DATE=PATH)" in line
    code, out, _ = run(capsys, "summary", "--data", f"2024-05-03={plain}", "--format", "json")
    (stated,) = [i for i in json.loads(out)["stamp"]["inputs"] if i["path"] == str(plain)]
    assert (stated["date"], stated["date_source"], stated["stated_on"]) == (
        "2024-05-03",
        "stated",
        "2024-05-03",
    )
    code, out, err = run(capsys, "summary", "--data", f"2019-01-01={CONS_ADVANCED}")
    assert_one_error_line(code, out, err, ExitCode.INPUT)
    assert "stated to be the list of 2019-01-01, but the file states its own date" in err


@pytest.mark.skipif(not CSL_FULL.exists(), reason="../shared/data is not present")
def test_rows_not_read_in_a_history_are_announced_once(capsys: pytest.CaptureFixture[str]) -> None:
    """A snapshot of a history is a list file too: its rows that became no record are
    announced, once for the file, whichever view answers."""
    history = ["--history", f"2023-10-31={CSL_FULL}"]
    code, _, err = run(capsys, *history, "designations", "--list-id", "us-bis-dpl")
    assert code == 0
    assert err.count("sanctions-tracker: warning: ") == 1
    assert f"2 rows of {CSL_FULL}: 1 could not be read, 1 were left out" in err


@needs_data
def test_screen_stamp_says_what_weak_aliases_score(capsys: pytest.CaptureFixture[str]) -> None:
    """The stamp of a screening says what a weak alias scores when the threshold keeps a
    weak alias alone from alerting (above 0.78), and not when it does not (at 0.7)."""
    argv = ("screen", "Qassem Soleimani", "--format", "json", "--data", str(SDN_LATEST))
    _code, out, _ = run(capsys, *argv)
    assert "alert only with a birth date" in json.loads(out)["stamp"]["settings"]["weak_aliases"]
    _code, out, _ = run(capsys, *argv, "--threshold", "0.7")
    assert "weak_aliases" not in json.loads(out)["stamp"]["settings"]
