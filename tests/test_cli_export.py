"""`export --format ftm|senzing` and `--format jsonl` on every listing command."""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from conftest import SHARED_DATA
from sanctions_tracker.cli import ExitCode, main

UN = SHARED_DATA / "un-consolidated" / "consolidated_2025-11-20.xml.gz"
needs_un = pytest.mark.skipif(not UN.exists(), reason="../shared/data is not there")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run main() and return (exit code, stdout, stderr)."""
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def lines_of(text: str) -> list[dict[str, object]]:
    """Each line of JSON lines, parsed (every line must be a JSON object)."""
    found = [json.loads(line) for line in text.splitlines()]
    assert all(isinstance(item, dict) for item in found)
    return found


@pytest.mark.parametrize(
    "argv",
    [
        ["designations", "--program", "IRAN-EO13876"],
        ["advisories"],
        ["actions", "--from", "2019-01-01"],
        ["programs", "--sector", "steel"],
        ["sectors"],
    ],
)
def test_json_lines_of_every_listing(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, argv: list[str]
) -> None:
    """`--format jsonl`: a first line with the schema, stamp, date notes and count of the
    JSON envelope, then exactly the envelope's records, one a line."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1714726800")  # both stamps of one moment
    code, out, _ = run(capsys, *argv, "--format", "json")
    assert code == 0
    envelope = json.loads(out)
    code, out, _ = run(capsys, *argv, "--format", "jsonl")
    assert code == 0
    head, *records = lines_of(out)
    noun = argv[0]
    assert head == {k: v for k, v in envelope.items() if k != noun}
    assert head["schema"] == f"sanctions-tracker/{noun}/1"
    assert records == envelope[noun]
    assert head["count"] == len(records) > 0


def test_json_lines_of_a_dated_answer_carry_its_notes(capsys: pytest.CaptureFixture[str]) -> None:
    """A dated listing's first line holds what the answer assumed about dates, as the
    JSON envelope does."""
    argv = ["designations", "--active-on", "2020-06-30", "--country", "IR", "--format", "jsonl"]
    code, out, _ = run(capsys, *argv)
    assert code == 0
    head = lines_of(out)[0]
    notes = head["date_notes"]
    assert isinstance(notes, list)
    assert notes
    assert all(note["text"].startswith(str(note["count"])) for note in notes)


def test_export_ftm_holds_a_sanction_for_every_designation(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`export --format ftm` with a filter: one entity a line, the designations of the
    same filter in `designations --format json` each with its party and a Sanction."""
    code, out, _ = run(capsys, "designations", "--program", "IRAN-EO13876", "--format", "json")
    ids = [d["id"] for d in json.loads(out)["designations"]]
    code, out, err = run(capsys, "export", "--format", "ftm", "--program", "IRAN-EO13876")
    assert (code, err) == (0, "")
    entities = lines_of(out)
    by_id = {e["id"]: e for e in entities}
    parties = {i.replace(":", "-") for i in ids}
    assert parties <= by_id.keys()
    sanctioned = {
        target
        for e in entities
        if e["schema"] == "Sanction"
        for target in e["properties"]["entity"]  # type: ignore[index]
    }
    assert parties <= sanctioned


def test_export_to_a_file_with_its_stamp(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """`--output FILE` leaves stdout empty and says on stderr what went where; `--stamp`
    writes what the export was made from, each input with the SHA-256 of its bytes."""
    output, stamp = tmp_path / "out.json", tmp_path / "out.stamp.json"
    argv = ["export", "--format", "senzing", "--sector", "steel"]
    code, out, err = run(capsys, *argv, "--output", str(output), "--stamp", str(stamp))
    assert (code, out) == (0, "")
    records = lines_of(output.read_text(encoding="utf-8"))
    assert err == (
        f"sanctions-tracker: exported {len(records)} designations as {len(records)} "
        f"Senzing records to {output}\n"
    )
    made = json.loads(stamp.read_text(encoding="utf-8"))
    assert made["schema"] == "sanctions-tracker/export-stamp/1"
    assert made["stamp"]["settings"] == {"sector": "steel", "format": "senzing"}
    assert (made["designations"], made["records"]) == (len(records), len(records))
    fixtures = next(i for i in made["stamp"]["inputs"] if i["path"].endswith("sectors.json"))
    assert fixtures["sha256"] is not None
    assert len(fixtures["sha256"]) == 64


def test_export_of_nothing_is_empty(capsys: pytest.CaptureFixture[str]) -> None:
    """No designation matches: no line at all (not an empty line), exit 0."""
    code, out, _ = run(capsys, "export", "--format", "ftm", "--listed-from", "2100-01-01")
    assert (code, out) == (0, "")


def test_export_needs_a_format(capsys: pytest.CaptureFixture[str]) -> None:
    """`export` without --format, or with one it does not write, is a usage error."""
    assert run(capsys, "export")[0] == ExitCode.USAGE
    assert run(capsys, "export", "--format", "csv")[0] == ExitCode.USAGE


@needs_un
def test_export_senzing_of_the_un_list(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """The UN list exported for Senzing: one record for each INDIVIDUAL and ENTITY element
    of the file (counted by a plain parse), each with the list's reference number as its
    record id; the stamp gives the file's SHA-256."""
    root = ET.fromstring(gzip.decompress(UN.read_bytes()))  # noqa: S314 - our own test file
    references = {
        element.findtext("REFERENCE_NUMBER", "").strip()
        for element in root.iter()
        if element.tag in {"INDIVIDUAL", "ENTITY"}
    }
    stamp = tmp_path / "stamp.json"
    argv = ["export", "--format", "senzing", "--no-bundled", "--data", str(UN)]
    code, out, _ = run(capsys, *argv, "--stamp", str(stamp))
    assert code == 0
    records = lines_of(out)
    assert len(records) == len(references)
    assert {str(r["RECORD_ID"]).removeprefix("un-sc:") for r in records} == references
    (source,) = json.loads(stamp.read_text(encoding="utf-8"))["stamp"]["inputs"]
    assert source["sha256"] == hashlib.sha256(UN.read_bytes()).hexdigest()
