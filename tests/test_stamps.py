"""Stamps: the time (UTC, or SOURCE_DATE_EPOCH), the version, the settings and every input
file (SHA-256, size, format, date and where it comes from, rows); DATE=PATH."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable
from pathlib import Path

import pytest

import sanctions_tracker as st
from conftest import MINIMAL
from sanctions_tracker._inputs import file_facts, stated_path
from sanctions_tracker._stamps import generated_at
from sanctions_tracker.fixtures import bundled_path
from sanctions_tracker.reports.stamp import date_words, input_words, stamp_lines


def test_the_time_is_utc_now_or_the_epoch_given(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without SOURCE_DATE_EPOCH, now in UTC; with it, that moment; garbage is an error."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    before = dt.datetime.now(dt.UTC).replace(microsecond=0)
    now = generated_at()
    assert now.tzinfo is dt.UTC
    assert before <= now <= dt.datetime.now(dt.UTC)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1714726800")
    assert generated_at() == dt.datetime(2024, 5, 3, 9, 0, tzinfo=dt.UTC)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(st.ReportError, match="SOURCE_DATE_EPOCH: expected a whole number"):
        generated_at()


def test_the_stamp_of_the_bundled_set(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every bundled fixture file is an input, with the SHA-256 and size of its bytes;
    settings not given are left out."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    stamp = st.load().stamp({"sector": "steel", "program": None, "as_of": dt.date(2020, 1, 1)})
    assert stamp.generated_at == dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
    assert [(s.name, s.value) for s in stamp.settings] == [
        ("sector", "steel"),
        ("as_of", "2020-01-01"),
    ]
    files = sorted(p for p in bundled_path().rglob("*.json"))
    assert len(stamp.inputs) == len(files)
    for file in stamp.inputs:
        real = bundled_path() / file.path.removeprefix("bundled/")
        assert file.sha256 == hashlib.sha256(real.read_bytes()).hexdigest()
        assert file.size == real.stat().st_size
        assert (file.format, file.date, file.date_source) == (
            "fixtures (JSON)",
            None,
            st.DateSource.UNDATED,
        )
    data = json.loads(st.load().summary(sector="steel").to_json())
    assert data["stamp"]["tool"] == "sanctions-tracker"
    assert data["stamp"]["generated_at"] == "1970-01-01T00:00:00Z"


def test_stated_paths(tmp_path: Path) -> None:
    """ "2024-05-03=sdn.csv" states a date; a plain path states none; a file whose own
    name looks like that is a path; an impossible date is the library's error."""
    assert stated_path("2024-05-03=sdn.csv") == (Path("sdn.csv"), dt.date(2024, 5, 3))
    assert stated_path("sdn.csv") == (Path("sdn.csv"), None)
    odd = tmp_path / "2024-05-03=list.csv"
    odd.write_text("x", encoding="utf-8")
    assert stated_path(str(odd)) == (odd, None)
    with pytest.raises(st.SourceError, match="'2024-13-01' is not a possible date"):
        stated_path("2024-13-01=sdn.csv")


def test_file_facts(tmp_path: Path) -> None:
    """The SHA-256 and size of a file's bytes; None for a file that cannot be read."""
    path = tmp_path / "x.bin"
    path.write_bytes(b"abc" * 1000)
    assert file_facts(path) == (hashlib.sha256(b"abc" * 1000).hexdigest(), 3000)
    assert file_facts(tmp_path / "missing") is None


def test_a_date_cannot_be_stated_for_fixtures(write_fixture: Callable[..., Path]) -> None:
    """DATE=PATH is for list files: stating a date for a fixture file is refused."""
    path = write_fixture(MINIMAL)
    with pytest.raises(st.SourceError, match="for a list file only"):
        st.load(f"2020-01-01={path}", bundled=False)


def test_how_an_input_reads() -> None:
    """One line per input file: path, format, size, SHA-256, its date and what that rests
    on (or 'undated', said plainly), rows read, made, not read and left out."""
    file = st.InputFile(
        path="sdn.csv",
        format="OFAC list CSV",
        sha256="ab" * 32,
        size=1234,
        date=dt.date(2024, 5, 3),
        date_source=st.DateSource.STATED,
        stated_on=dt.date(2024, 5, 3),
        rows_read=10,
        records_made=8,
        rows_not_read=1,
        rows_left_out=1,
    )
    assert input_words(file) == (
        f"sdn.csv (OFAC list CSV), 1,234 bytes, sha256 {'ab' * 32}, dated 2024-05-03 (the "
        "date stated for it); 10 rows read: 8 made, 1 not read, 1 left out"
    )
    undated = st.InputFile(path="consolidated.csv", format="trade.gov CSL CSV")
    assert date_words(undated) == (
        "undated: the file states no date and none was given (give one as DATE=PATH)"
    )
    stamp = st.Stamp(
        generated_at=dt.datetime(2024, 5, 3, 9, tzinfo=dt.UTC),
        version="9.9",
        settings=(st.Setting("limit", "10"),),
        inputs=(file,),
    )
    assert stamp_lines(stamp) == [
        "generated 2024-05-03T09:00:00Z by sanctions-tracker 9.9",
        "settings: limit=10",
        f"input: {input_words(file)}",
    ]
    assert stamp.setting("limit") == "10"
    assert stamp.setting("kind") is None
