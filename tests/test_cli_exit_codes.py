"""The command line's exit codes: one for each way a command ends, as docs/cli.md says."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sanctions_tracker.cli import ExitCode, main
from sanctions_tracker.cli._errors import exit_code
from sanctions_tracker.errors import (
    FixtureError,
    MissingExtraError,
    NotFoundError,
    QueryError,
    ReportError,
    SourceError,
)
from sanctions_tracker.reports.describe import describe
from sanctions_tracker.reports.listing import DESIGNATIONS, render_listing

DOC = Path(__file__).resolve().parents[1] / "docs" / "cli.md"


def test_every_exit_code_is_documented() -> None:
    """The table of docs/cli.md lists exactly the codes ExitCode names, with their names."""
    text = DOC.read_text(encoding="utf-8").split("## Errors and exit codes", 1)[1]
    rows = re.findall(r"^\| (\d+) \| `([A-Z_]+)` \|", text, flags=re.MULTILINE)
    assert sorted((int(code), name) for code, name in rows) == sorted(
        (code.value, code.name) for code in ExitCode
    )


@pytest.mark.parametrize(
    ("error", "code"),
    [
        (NotFoundError("x:1"), ExitCode.NOT_FOUND),
        (QueryError("unknown sector"), ExitCode.QUESTION),
        (ReportError("no such format"), ExitCode.QUESTION),
        (FixtureError(["a.json: $.x: bad"]), ExitCode.INPUT),
        (SourceError("empty file"), ExitCode.INPUT),
        (FileNotFoundError(2, "No such file", "a.csv"), ExitCode.INPUT),
        (MissingExtraError("to_pandas()", "pandas", "pandas"), ExitCode.MISSING_EXTRA),
        (BrokenPipeError(), ExitCode.BROKEN_PIPE),
    ],
)
def test_library_errors_have_their_codes(error: BaseException, code: ExitCode) -> None:
    """Each of the library's errors ends a command with its own code (NotFoundError,
    a QueryError, with 3, not 4: the most specific class wins)."""
    assert exit_code(error) is code


def test_the_codes_from_the_command_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Run for real: an unknown id exits 3, an unknown sector 4, a missing file 5, an
    unwritable --output 7, a bad option 2, a good question 0."""
    assert main(["show", "us-ofac-sdn:1"]) == ExitCode.NOT_FOUND
    assert main(["designations", "--sector", "steal"]) == ExitCode.QUESTION
    assert main(["sectors", "--data", str(tmp_path / "nowhere.csv")]) == ExitCode.INPUT
    output = tmp_path / "no-such-folder" / "summary.md"
    assert main(["summary", "--output", str(output)]) == ExitCode.OUTPUT
    assert main(["designations", "--status", "sleeping"]) == ExitCode.USAGE
    assert main(["programs", "--sector", "steel"]) == ExitCode.OK
    err = capsys.readouterr().err
    assert f"cannot write {output}: " in err
    assert "Traceback" not in err


def test_the_cli_prints_what_the_renderers_give(capsys: pytest.CaptureFixture[str]) -> None:
    """`designations --format csv` and `show ID` print what a library user gets from
    reports.listing and reports.describe (the stamp aside, which carries the time)."""
    import sanctions_tracker as st  # noqa: PLC0415 - the library as its users import it

    tracker = st.load()
    assert main(["designations", "--program", "IRAN-EO13876", "--format", "csv"]) == 0
    found = tracker.designations(program="IRAN-EO13876")
    assert capsys.readouterr().out == render_listing("csv", DESIGNATIONS, found, tracker.stamp())
    assert main(["show", "us-ofac-sdn:27844"]) == 0
    assert capsys.readouterr().out == describe(tracker, tracker.get("us-ofac-sdn:27844"))
