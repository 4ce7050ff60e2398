"""Loading fixture files: strict and loud, every problem with its path, nothing half-loaded."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import sanctions_tracker as st
from conftest import MINIMAL
from sanctions_tracker.fixtures import bundled_path, load_fixtures

Writer = Callable[..., Path]


def _problems(path: Path) -> tuple[str, ...]:
    with pytest.raises(st.FixtureError) as caught:
        st.load(path, bundled=False)
    return caught.value.problems


def _broken(**edits: Any) -> dict[str, Any]:
    data = copy.deepcopy(MINIMAL)
    for section, (index, key, value) in edits.items():
        data[section][index][key] = value
    return data


def test_minimal_fixture_loads(write_fixture: Writer) -> None:
    """A valid file loads every section, with origins pointing back into the file."""
    tracker = st.load(write_fixture(MINIMAL), bundled=False)
    designation = tracker.get("t:1")
    assert isinstance(designation, st.Designation)
    assert designation.origin is not None
    assert designation.origin.file.endswith("fixture.json")
    assert designation.origin.pointer == "$.designations[0]"


def test_all_problems_are_collected_in_one_error(write_fixture: Writer) -> None:
    """An impossible date, an unknown key and a dangling program come out together."""
    data = _broken(designations=(1, "listed_on", "2019-13-01"))
    data["designations"][0]["colour"] = "red"
    data["designations"][2]["programs"] = ["NOPE"]
    problems = _problems(write_fixture(data))
    name = "fixture.json"
    assert any(
        p.endswith(f"{name}: $.designations[1].listed_on: expected a date, got '2019-13-01'")
        for p in problems
    )
    assert any(f"{name}: $.designations[0]: unknown key 'colour'" in p for p in problems)
    # References are checked only once every file structures, so the third comes later.
    assert len(problems) == 2


def test_dangling_references_are_reported_with_paths(write_fixture: Writer) -> None:
    """A designation naming a program that does not exist, an action naming a missing record."""
    data = copy.deepcopy(MINIMAL)
    data["designations"][2]["programs"] = ["FIN", "NOPE"]
    data["actions"][0]["designations"] = ["t:1", "t:404"]
    data["sectors"][1]["parent"] = "nowhere"
    problems = _problems(write_fixture(data))
    assert sorted(p.split(": ", 1)[1] for p in problems) == sorted(
        [
            "$.designations[2].programs[1]: no program has the id 'NOPE'",
            "$.actions[0].designations[1]: no designation has the id 't:404'",
            "$.sectors[1].parent: no sector has the id 'nowhere'",
        ]
    )


def test_a_reference_must_name_a_record_of_the_right_kind(write_fixture: Writer) -> None:
    """A source id where a program belongs is dangling, though the id exists."""
    data = copy.deepcopy(MINIMAL)
    data["designations"][0]["programs"] = ["src-a"]
    assert [p.split(": ", 1)[1] for p in _problems(write_fixture(data))] == [
        "$.designations[0].programs[0]: no program has the id 'src-a'"
    ]


def test_duplicate_ids_across_files(write_fixture: Writer, tmp_path: Path) -> None:
    """The same id in two files is reported with both places."""
    write_fixture(MINIMAL, "a/one.json")
    write_fixture({"sources": [{"id": "src-a", "publisher": "P", "title": "T"}]}, "a/two.json")
    problems = _problems(tmp_path / "a")
    assert len(problems) == 1
    assert "two.json: $.sources[0].id: duplicate id 'src-a' (first at " in problems[0]
    assert "one.json: $.sources[0])" in problems[0]


def test_json_syntax_error_gives_line_and_column(write_fixture: Writer) -> None:
    """A JSON syntax error names the file, line and column."""
    path = write_fixture('{\n  "sources": [\n    {"id": "x",,}\n  ]\n}\n')
    (problem,) = _problems(path)
    assert problem.endswith(
        "fixture.json: line 3 column 16: invalid JSON: "
        "Expecting property name enclosed in double quotes"
    )


def test_non_utf8_file_is_one_clear_problem(write_fixture: Writer) -> None:
    """Latin-1 bytes give the line and the byte, not a UnicodeDecodeError."""
    path = write_fixture(b'{"about": "ok"}\n' + b'{"x": "caf\xe9"}')
    (problem,) = _problems(path)
    assert problem.endswith("fixture.json: line 2: not UTF-8 text (byte 0xe9)")


def test_top_level_must_be_an_object(write_fixture: Writer) -> None:
    """A JSON list at the top is rejected with a message saying what is expected."""
    (problem,) = _problems(write_fixture("[1, 2]"))
    assert "$: expected a JSON object with record sections, got list" in problem


def test_unknown_section_is_rejected(write_fixture: Writer) -> None:
    """A misspelt section name is an unknown key, listing the allowed ones."""
    (problem,) = _problems(write_fixture({"designation": []}))
    assert "$: unknown key 'designation' (allowed: about, sources, sectors" in problem


def test_missing_path_and_empty_folder(tmp_path: Path) -> None:
    """A path that does not exist, and a folder without fixtures, are SourceErrors."""
    with pytest.raises(st.SourceError, match="no such file or folder"):
        st.load(tmp_path / "missing.json", bundled=False)
    (tmp_path / "empty").mkdir()
    with pytest.raises(st.SourceError, match=r"holds no fixture files \(\*\.json\)"):
        st.load(tmp_path / "empty", bundled=False)


def test_sector_cycle_is_reported(write_fixture: Writer) -> None:
    """A taxonomy in which a sector is its own ancestor is rejected."""
    data = copy.deepcopy(MINIMAL)
    data["sectors"][0]["parent"] = "steel"
    problems = _problems(write_fixture(data))
    assert any("the taxonomy has a cycle" in p for p in problems)


def test_nothing_is_half_loaded(write_fixture: Writer, tmp_path: Path) -> None:
    """One bad file among good ones fails the whole load: no tracker is returned."""
    write_fixture(MINIMAL, "set/good.json")
    write_fixture({"sources": [{"id": "src-b", "publisher": "P"}]}, "set/bad.json")
    (problem,) = _problems(tmp_path / "set")
    assert problem.endswith("bad.json: $.sources[0].title: required key is missing")


def test_fixture_error_is_a_value_error_and_lists_lines(write_fixture: Writer) -> None:
    """FixtureError is a ValueError; str() gives a count line then every problem."""
    data = _broken(designations=(0, "listed_on", "x"), actions=(0, "taken_on", "y"))
    with pytest.raises(ValueError, match="2 problems in the fixtures") as caught:
        st.load(write_fixture(data), bundled=False)
    assert isinstance(caught.value, st.SanctionsTrackerError)
    assert len(str(caught.value).splitlines()) == 3


def test_user_fixtures_extend_the_bundled_set(write_fixture: Writer) -> None:
    """A user file may reference bundled programs and sources; datasets list both."""
    extra = {
        "designations": [
            {
                "id": "mine:1",
                "list_id": "mine",
                "party": {"kind": "entity", "names": [{"full": "MY STEEL TRADER"}]},
                "programs": ["IRAN-EO13871"],
                "sources": ["src-ofac-sdn-2024-05-03"],
                "listed_on": "2024-01-02",
            }
        ]
    }
    tracker = st.load(write_fixture(extra))
    assert "mine:1" in tracker
    assert [d.kind for d in tracker.datasets] == ["bundled fixtures", "fixtures"]
    assert tracker.datasets[1].records == 1
    assert tracker.datasets[1].as_of is not None
    assert tracker.datasets[1].as_of.isoformat() == "2024-01-02"


def test_bundled_path_is_the_source_tree_fixtures_here() -> None:
    """In a source checkout the bundled set is the repository's fixtures/ folder."""
    found = load_fixtures([bundled_path()])
    assert found.counts()["designations"] >= 24
    files = sorted(bundled_path().rglob("*.json"))
    assert len(found.files) == len(files)
    assert all(json.loads(path.read_text("utf-8")) for path in files)
