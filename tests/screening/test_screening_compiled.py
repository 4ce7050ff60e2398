"""The optional compiled build of the screening core (``make compiled``, tools/compiled.py).

The whole suite runs against either build; these tests pin what lets the sources compile
and behave the same, and the helper that builds, checks and removes the compiled modules.
"""

from __future__ import annotations

import importlib
import importlib.machinery
import importlib.util
import json
import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

import sanctions_tracker as st
from conftest import SDN_WITH_COMPANIONS
from sanctions_tracker.screening._compare import Item, Rarity, acronym_runs
from sanctions_tracker.screening._normalise import normalise
from sanctions_tracker.screening._screener import (
    _INDEX_FIELDS,
    _ITEM_FIELDS,
    _MORE_FIELDS,
    _row,
    _VocabularyItem,
)

ROOT = Path(__file__).resolve().parents[2]
SUFFIX = importlib.machinery.EXTENSION_SUFFIXES[0]


def _tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("compiled_tool", ROOT / "tools" / "compiled.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _compiled_in_use() -> bool:
    return any(
        not str(importlib.import_module(f"sanctions_tracker.screening.{name}").__file__).endswith(
            ".py"
        )
        for name in _tool().MODULES
    )


def test_a_vocabulary_row_keeps_every_field_an_item_has() -> None:
    """The fields a vocabulary row keeps (listed in _screener, since a compiled Item has no
    ``__slots__``) are all of Item's, as the class declares them in either build, and an
    item rebuilt from its row has each field of the item it was made from: a word, words
    joined and an acronym of real list names."""
    declared = getattr(Item, "__slots__", None) or Item.__mypyc_attrs__  # type: ignore[attr-defined]
    assert set(declared) == {*_ITEM_FIELDS, *_MORE_FIELDS, "key"}
    rarity = Rarity({"bank": 40, "melli": 3, "iran": 90}, 200, {})
    tokens = normalise("Bank Melli Iran")
    ((start, end, letters),) = acronym_runs(tokens)
    made = [
        Item(tokens[:1], [1.0]),
        Item(tokens[1:3], [2.0, 3.0]),
        Item(tokens[start:end], [1.0] * (end - start), acronym=letters),
        rarity.item(tokens[1:2]),
    ]
    for item in made:
        again = _VocabularyItem(_row(item))
        for field in declared:
            assert getattr(again, field) == getattr(item, field), field


def test_the_modules_in_use_are_the_build_on_disk() -> None:
    """A test run says which build it checks: the screening modules are imported from
    extensions exactly when the helper finds a compiled build beside the sources (and
    then every one of them is compiled)."""
    tool = _tool()
    files = [
        str(importlib.import_module(f"sanctions_tracker.screening.{name}").__file__)
        for name in tool.MODULES
    ]
    compiled = [not file.endswith(".py") for file in files]
    assert all(compiled) == bool(tool.built())
    assert any(compiled) == all(compiled)


def test_a_pickled_screener_keeps_its_index_fields() -> None:
    """A compiled Screener is a native class with no ``__dict__``: what its pickle (and the
    cache's snapshot) keeps is named in ``_INDEX_FIELDS``. Those are every field a screener
    holds beside its caches, in either build, and a screener pickled and read again
    holds the same values and finds what the original finds (the bundled Soleimani record
    for a re-spelt name)."""
    screener = st.load().screener
    held = set(getattr(type(screener), "__mypyc_attrs__", ())) - {"__dict__"}
    if not held:
        held = set(screener.__dict__)
    caches = {"_related_cache", "_bound_cache", "_items", "_all_items", "_firsts"}
    assert held == {*_INDEX_FIELDS, *caches}
    again = pickle.loads(pickle.dumps(screener))  # noqa: S301 - our own pickle
    for name in _INDEX_FIELDS:  # (the rarities are compared by their tables)
        value = getattr(screener, name)
        if name == "rarity":
            assert again.rarity.document_frequency == value.document_frequency
            assert again.rarity.people_frequency == value.people_frequency
        else:
            assert getattr(again, name) == value, name
    found = [(m.designation_id, m.score) for m in screener.screen("Qassem Soleimani")]
    assert found
    assert [(m.designation_id, m.score) for m in again.screen("Qassem Soleimani")] == found


@pytest.fixture
def fake_package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[ModuleType, Path]:
    """The helper, pointed at a folder holding the modules' sources, dated an hour ago."""
    tool = _tool()
    monkeypatch.setattr(tool, "SCREENING", tmp_path)
    monkeypatch.setattr(tool, "ROOT", tmp_path)
    for name in tool.MODULES:
        source = tmp_path / f"{name}.py"
        source.write_text("x = 1\n")
        os.utime(source, (source.stat().st_atime, source.stat().st_mtime - 3600))
    return tool, tmp_path


def _compile_fake(tool: ModuleType, folder: Path) -> None:
    for name in (*tool.MODULES, "_native__mypyc"):
        (folder / f"{name}{SUFFIX}").write_bytes(b"")


def test_a_pure_tree_needs_no_check(
    fake_package: tuple[ModuleType, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """With no compiled module present there is nothing stale and the check passes."""
    tool, _ = fake_package
    assert tool.built() == []
    assert tool.stale() == []
    assert tool.check() == 0
    tool.status()
    assert capsys.readouterr().out == "pure Python\n"


def test_a_compiled_module_older_than_its_source_is_refused(
    fake_package: tuple[ModuleType, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """A source edited after the build would be hidden by its extension: the check names
    it and says what to run; a fresh build passes."""
    tool, folder = fake_package
    _compile_fake(tool, folder)
    assert len(tool.built()) == len(tool.MODULES) + 1
    assert tool.check() == 0
    (folder / "_compare.py").write_text("x = 2\n")
    assert tool.stale() == ["_compare"]
    assert tool.check() == 1
    error = capsys.readouterr().err
    assert "_compare" in error
    assert "make compiled" in error
    assert "make pure" in error


def test_a_build_missing_a_module_is_refused(fake_package: tuple[ModuleType, Path]) -> None:
    """A compiled build that lacks one module's extension is not the build of these
    sources: the module is reported."""
    tool, folder = fake_package
    _compile_fake(tool, folder)
    (folder / f"_arabic{SUFFIX}").unlink()
    assert tool.stale() == ["_arabic"]
    assert tool.check() == 1


def test_remove_brings_the_sources_back(fake_package: tuple[ModuleType, Path]) -> None:
    """``make pure`` removes every compiled file and leaves each source as it was."""
    tool, folder = fake_package
    _compile_fake(tool, folder)
    assert tool.main(["remove"]) == 0
    assert tool.built() == []
    assert sorted(path.name for path in folder.iterdir()) == sorted(
        f"{name}.py" for name in tool.MODULES
    )


_CHILD = """
import json, sys
import sanctions_tracker as st
from sanctions_tracker.screening import _screener
tracker = st.load(*sys.argv[1:-1])
answers = [[(m.designation_id, m.name, m.score) for m in tracker.screen(text)]
           for text in json.loads(sys.argv[-1])]
json.dump({"compiled": not _screener.__file__.endswith(".py"), "answers": answers}, sys.stdout)
"""


@pytest.mark.skipif(not _compiled_in_use(), reason="the pure build is in use (make compiled)")
def test_compiled_and_pure_find_the_same_on_the_sdn_list(
    sdn_tracker: st.Tracker, tmp_path: Path
) -> None:
    """On the real SDN list, 300 of its names re-spelt (a letter dropped, the words turned
    round, lower case) find the same records, names and scores in the compiled build as
    in a copy of the sources without it, run in a process of its own."""
    names = [
        name.full
        for designation in list(sdn_tracker.designations())[::50][:100]
        for name in designation.party.names[:1]
    ]
    queries = [
        variant
        for name in names
        for variant in (name[:3] + name[4:], " ".join(reversed(name.split())), name.lower())
    ]
    pure = tmp_path / "src"
    shutil.copytree(ROOT / "src", pure, ignore=shutil.ignore_patterns("*.so", "*.pyd"))
    shutil.copytree(ROOT / "fixtures", tmp_path / "fixtures")
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, *map(str, SDN_WITH_COMPANIONS), json.dumps(queries)],
        check=True,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(pure)},
        cwd=tmp_path,
    )
    found = json.loads(done.stdout)
    assert found["compiled"] is False
    here = [[[m.designation_id, m.name, m.score] for m in sdn_tracker.screen(q)] for q in queries]
    assert found["answers"] == here
    assert sum(map(bool, here)) > len(queries) // 2


def test_the_library_runs_without_mypy_extensions() -> None:
    """The decorator mypyc reads comes from mypy's own package, which a plain install
    does not have: with that package unavailable, the library still imports and screens
    (the bundled record of Qasem Soleimani found for a re-spelt name)."""
    code = (
        "import sys; sys.modules['mypy_extensions'] = None\n"
        "import sanctions_tracker as st\n"
        "print([m.designation_id for m in st.load().screen('Qassem Soleimani')])\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True, cwd=ROOT
    )
    expected = [
        designation.id
        for designation in st.load().designations()
        if any(name.full == "SOLEIMANI, Qasem" for name in designation.party.names)
    ]
    assert expected
    assert done.stdout.strip() == repr(expected)
