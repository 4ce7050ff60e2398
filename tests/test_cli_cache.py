"""The snapshot cache on the command line: --cache-dir, --no-cache, ``cache show|clear``,
the same answer from the cache, and what a cached answer does not import."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest

import sanctions_tracker as st
from conftest import SHARED_DATA
from sanctions_tracker.cli import ExitCode, main
from sanctions_tracker.cli.export import _WHAT
from sanctions_tracker.export import EXPORT_FORMATS

UN = SHARED_DATA / "un-consolidated" / "consolidated_2025-11-20.xml.gz"
"""The UN list (1,000 entries): large enough for the snapshot to be read lazily."""


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    """Stamps of a fixed time, so that two answers can be compared byte for byte."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1714726800")


def test_a_cached_screen_prints_the_same_answer(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, epoch: None
) -> None:
    """``screen`` without the cache, storing, and reading: the same table, the same stamp
    but for one line that says what the cache did, under one key."""
    del epoch
    argv = ["screen", "Usama bin Laden", "Abu Bakr al-Baghdadi", "--data", str(UN)]
    cached = [*argv, "--cache-dir", str(tmp_path)]
    code, plain, _ = run(capsys, *argv, "--no-cache")
    assert code == ExitCode.OK
    first = run(capsys, *cached)[1].splitlines()
    again = run(capsys, *cached)[1].splitlines()
    assert "un-sc:QDe.004" in plain
    for found, words in (
        (first, "stored in the snapshot cache"),
        (again, "read from the snapshot"),
    ):
        *lines, cache = found
        assert lines == plain.splitlines()
        assert cache.startswith(
            f"cache: lists {'read from the input files and ' if 'stored' in words else ''}"
        )
        assert words in cache
    assert first[-1].split("; key ")[1] == again[-1].split("; key ")[1]


def test_json_stamps_carry_the_cache_only_when_used(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, epoch: None
) -> None:
    """In JSON the stamp holds ``cache`` (key, lists, index, folder) when the cache served
    the answer, and no ``cache`` at all without it."""
    del epoch
    argv = ["designations", "--program", "UN-DPRK", "--data", str(UN), "--format", "json"]
    plain = json.loads(run(capsys, *argv, "--no-cache")[1])
    run(capsys, *argv, "--cache-dir", str(tmp_path))
    cached = json.loads(run(capsys, *argv, "--cache-dir", str(tmp_path))[1])
    assert "cache" not in plain["stamp"]
    note = cached["stamp"].pop("cache")
    assert note["lists"] == "read"
    assert note["index"] is None
    assert note["folder"] == str(tmp_path)
    assert len(note["key"]) == 64
    assert cached == plain


def test_no_cache_reads_and_writes_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``--no-cache`` (or SANCTIONS_TRACKER_NO_CACHE) leaves the cache folder alone; a
    ``--cache-dir`` given on the command line uses the cache even so."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("SANCTIONS_TRACKER_CACHE_DIR", str(folder))
    monkeypatch.delenv("SANCTIONS_TRACKER_NO_CACHE")
    assert run(capsys, "designations", "--no-cache")[0] == ExitCode.OK
    assert not folder.exists()
    monkeypatch.setenv("SANCTIONS_TRACKER_NO_CACHE", "1")
    assert run(capsys, "designations")[0] == ExitCode.OK
    assert not folder.exists()
    assert run(capsys, "designations", "--cache-dir", str(folder))[0] == ExitCode.OK
    assert len(list(folder.glob("*.lists"))) == 1


def test_cache_show_and_clear(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """``cache show`` lists each snapshot with its key, index, size and whether it is
    current; ``cache clear`` empties the folder and says how much it removed."""
    folder = str(tmp_path)
    run(capsys, "screen", "Kim Jong Un", "--data", str(UN), "--cache-dir", folder)
    code, out, _ = run(capsys, "cache", "show", "--cache-dir", folder)
    assert code == ExitCode.OK
    header, row, count, where = out.splitlines()
    assert header.split()[:4] == ["KEY", "CREATED", "VERSION", "SIZE"]
    assert " yes " in row
    assert " current " in row
    assert count == "1 snapshot"
    assert where.startswith(f"folder: {folder} (")
    shown = json.loads(run(capsys, "cache", "--format", "json", "--cache-dir", folder)[1])
    (snapshot,) = shown["snapshots"]
    assert snapshot["status"] == "current"
    assert snapshot["index"] is True
    assert row.startswith(snapshot["key"][:16])
    assert shown["size"] == sum(p.stat().st_size for p in tmp_path.iterdir())
    assert (
        run(capsys, "cache", "clear", "--cache-dir", folder)[1]
        == f"removed 2 files from {folder}\n"
    )
    assert run(capsys, "cache", "--cache-dir", folder)[1].splitlines()[1] == "0 snapshots"


def test_a_damaged_snapshot_is_a_warning_not_an_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A snapshot cut short: the command answers from the files (exit 0) and says on stderr
    what it found, in one line."""
    argv = ["designations", "--data", str(UN), "--cache-dir", str(tmp_path)]
    run(capsys, *argv)
    (snapshot,) = tmp_path.glob("*.lists")
    snapshot.write_bytes(snapshot.read_bytes()[:1000])
    code, out, err = run(capsys, *argv)
    assert code == ExitCode.OK
    assert "designations" in out.splitlines()[-1]
    (line,) = [line for line in err.splitlines() if "snapshot cache" in line]
    assert line.startswith("sanctions-tracker: warning: the snapshot cache: ")
    assert "is damaged" in line


LEAN = """
import sys
from sanctions_tracker.cli import main
code = main(sys.argv[1:])
heavy = ("lxml", "cattrs", "jinja2", "dateutil", "importlib.metadata", "phonenumbers",
         "sanctions_tracker.sources._registry", "sanctions_tracker.export._ftm")
print(code, [name for name in heavy if name in sys.modules], file=sys.stderr)
"""


def test_a_cached_screen_imports_no_reader(tmp_path: Path) -> None:
    """Read from the cache, a screen imports none of the list readers (nor lxml), nor
    cattrs, jinja2, dateutil, the exporters or the package metadata: an
    answer from the cache pays for what it uses."""
    env = {k: v for k, v in os.environ.items() if k != "SANCTIONS_TRACKER_NO_CACHE"}
    argv = ["screen", "Kim Jong Un", "--data", str(UN), "--cache-dir", str(tmp_path)]
    for expected in ("stored", "read"):
        done = subprocess.run(
            [sys.executable, "-c", LEAN, *argv], capture_output=True, text=True, env=env, check=True
        )
        assert (
            f"lists {'read from the snapshot' if expected == 'read' else 'read from the input'}"
            in done.stdout
        )
    assert done.stderr.splitlines()[-1] == "0 []"


def test_the_export_formats_the_command_offers_are_the_library_s() -> None:
    """``export --format`` offers the formats the exporters write (its choices are written
    in the command so that other commands need not import the exporters)."""
    assert tuple(_WHAT) == EXPORT_FORMATS


def test_the_version_is_the_package_s() -> None:
    """The version stamps name (from ``_version.py``) is the installed package's."""
    assert metadata.version("sanctions-tracker") == st.__version__
