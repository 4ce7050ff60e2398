"""The command line's sector coverage: `sectors --coverage`, `--no-inferred`, the notes."""

from __future__ import annotations

import csv
import gzip
import io
import json

import pytest

from conftest import SHARED_DATA
from sanctions_tracker.cli import main

SDN = SHARED_DATA / "ofac-sdn" / "sdn-2024-05-03.csv.gz"
COMPANIONS = SHARED_DATA / "ofac-csv-companions"
WITH_COMPANIONS = [
    f"--data={path}"
    for path in (
        SDN,
        COMPANIONS / "alt.csv.gz",
        COMPANIONS / "add.csv.gz",
        COMPANIONS / "sdn_comments.csv",
    )
]
needs_data = pytest.mark.skipif(not SDN.exists(), reason="../shared/data is not present")


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_coverage_of_the_bundled_set(capsys: pytest.CaptureFixture[str]) -> None:
    """`sectors --coverage --format json` counts the bundled designations, all placed."""
    code, out, _ = _run(capsys, "sectors", "--coverage", "--format", "json")
    assert code == 0
    (row,) = json.loads(out)
    assert row["list_id"] == "us-ofac-sdn"
    assert row["designations"] == row["placed"] == 28
    assert row["unplaced"] == 0
    assert sum(row["by_strongest_basis"].values()) == row["placed"]


@needs_data
def test_coverage_of_the_sdn_list(capsys: pytest.CaptureFixture[str]) -> None:
    """On the SDN list and its companions the CSV coverage counts every row, and the
    non-individuals as a plain parse of the file does, 70 % of them in a sector; a sector
    listing without inferred placements is a subset."""
    with gzip.open(SDN, "rt", encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.reader(handle) if r and r != ["\x1a"]]
    organizations = sum(1 for r in rows if r[2].strip() != "individual")
    code, out, _ = _run(capsys, "sectors", "--coverage", "--format", "csv", *WITH_COMPANIONS)
    assert code == 0
    (row,) = csv.DictReader(io.StringIO(out))
    assert int(row["designations"]) == len(rows)
    assert int(row["non-individuals"]) == organizations
    assert int(row["non-individuals in a sector"]) >= 0.7 * organizations
    _, everything, _ = _run(
        capsys, "designations", "--sector", "steel", "--data", str(SDN), "--format", "csv"
    )
    _, stated, err = _run(
        capsys,
        "designations",
        "--sector",
        "steel",
        "--no-inferred",
        "--data",
        str(SDN),
        "--format",
        "csv",
    )
    ids = {r["id"] for r in csv.DictReader(io.StringIO(everything))}
    stated_ids = {r["id"] for r in csv.DictReader(io.StringIO(stated))}
    assert stated_ids
    assert stated_ids < ids
    assert "us-ofac-sdn:37503" in ids - stated_ids  # Severstal: by its name only
    assert "placements inferred from names or linked parties are left out" in err


def test_summary_without_inferred_placements(capsys: pytest.CaptureFixture[str]) -> None:
    """`summary --no-inferred` says so among its caveats, beside the unplaced count."""
    code, out, _ = _run(capsys, "summary", "--sector", "steel", "--no-inferred", "--format", "json")
    assert code == 0
    caveats = json.loads(out)["caveats"]
    assert caveats[0].startswith("us-ofac-sdn: 0 of 28 designations")
    assert "placements inferred from names or linked parties are left out" in caveats
