"""Tests for ``sources._registry``: every list file is recognised by its content, by the
format that reads it; a format known but not read is refused by name; loading names no
format."""

from __future__ import annotations

import ast
import gzip
import shutil
from pathlib import Path

import pytest

import sanctions_tracker as st
from conftest import SHARED_DATA
from sanctions_tracker.sources import _registry, ofac_csv, ofac_xml, un_xml, us_csl
from sanctions_tracker.sources._lists import ListFormat

SRC = Path(__file__).resolve().parents[2] / "src" / "sanctions_tracker"


@pytest.mark.parametrize(
    ("relative", "expected", "part"),
    [
        ("ofac-sdn/sdn-2024-05-03.csv.gz", ofac_csv.FORMAT, None),
        ("ofac-csv-companions/alt.csv.gz", ofac_csv.FORMAT, "alt"),
        ("ofac-csv-companions/add.csv.gz", ofac_csv.FORMAT, "add"),
        ("ofac-csv-companions/sdn_comments.csv", ofac_csv.FORMAT, "comments"),
        ("ofac-consolidated/cons_prim.csv", ofac_csv.FORMAT, None),
        ("ofac-consolidated/cons_advanced.xml.gz", ofac_xml.FORMAT, None),
        ("ofac-consolidated/CONS_ENHANCED.ZIP", ofac_xml.FORMAT, None),
        ("ofac-sdn-xml/sdn_advanced_excerpt_2026-09-09.xml", ofac_xml.FORMAT, None),
        ("un-consolidated/consolidated_2025-11-20.xml.gz", un_xml.FORMAT, None),
        ("us-csl/consolidated_screening_list.csv.gz", us_csl.FORMAT, None),
    ],
)
def test_real_files_are_recognised_by_their_format(
    relative: str, expected: ListFormat, part: str | None
) -> None:
    """Each real list file is taken by the format that reads it, as a list file or as the
    companion it is, from its head alone."""
    path = SHARED_DATA / relative
    found = _registry.recognise(path, relative)
    assert found is not None
    assert (found.format, found.file.part) == (expected, part)


@pytest.mark.parametrize(
    ("relative", "name"),
    [
        ("eu-fsf/eu_fsf_excerpt_2026-08-05_a.xml", "EU Financial Sanctions Files"),
        ("eu-fsf/eu_legacy_2016-02-11_part.xml.gz", "EU's legacy Financial Sanctions Database"),
        ("uk-sanctions-list/uk_sanctions_list_excerpt_2026-08-14.xml", "UK Sanctions List"),
        ("uk-ofsi/ConList_2018-04-13.csv.gz", "OFSI Consolidated List CSV"),
        ("ch-seco/seco_excerpt_2026-08-15.xml", "Swiss SECO"),
        ("au-dfat/Australian_Sanctions_Consolidated_List_2026-02-24.xlsx", "Excel workbook"),
        ("other/sema-lmes.xml", "Canada's consolidated autonomous sanctions list"),
        ("other/dpl.txt", "Denied Persons List"),
        ("opensanctions-ftm/yente_t1_entities.ftm.json", "FollowTheMoney entities"),
        ("opensanctions-ftm/yente_sanctions_20240527194702.entities.delta.json", "delta file"),
        ("opensanctions-ftm/wd_persons_20240310/targets.simple.csv", "simple targets CSV"),
        ("opensanctions-ftm/wd_persons_20240310/senzing.json", "Senzing"),
        ("opensanctions-ftm/wd_persons_20240310/index.json", "dataset index"),
    ],
)
def test_known_formats_not_read_are_refused_by_name(relative: str, name: str) -> None:
    """A list file of a format this version does not read is one line that names the
    format (not 'invalid JSON: Extra data' or 'not a list file')."""
    path = SHARED_DATA / relative
    with pytest.raises(st.SourceError) as caught:
        _registry.recognise(path, relative)
    message = str(caught.value)
    assert name in message
    assert message.startswith(f"{relative}: ")
    assert "\n" not in message


def test_loading_names_no_format() -> None:
    """loading.py imports no format module: formats are reached through the registry only,
    so that a format is one module and one line in FORMATS."""
    tree = ast.parse((SRC / "loading.py").read_text(encoding="utf-8"))
    imported = {
        node.module
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module is not None
    }
    formats = {f"sanctions_tracker.sources.{name}" for name in _format_modules()}
    assert formats, "no format modules found"
    assert imported.isdisjoint(formats), imported & formats


def _format_modules() -> set[str]:
    """The modules of sources/ that declare a FORMAT (the registry lists each)."""
    found = set()
    for path in (SRC / "sources").glob("*.py"):
        if "\nFORMAT = ListFormat(" in path.read_text(encoding="utf-8"):
            found.add(path.stem)
    return found


def test_every_format_module_is_registered() -> None:
    """Each module that declares a ListFormat is in FORMATS, once, with a name of its own."""
    names = [found.name for found in _registry.FORMATS]
    assert len(names) == len(set(names))
    modules = _format_modules()
    assert len(modules) == len(_registry.FORMATS)
    registered = {found.recognise.__module__.rsplit(".", 1)[-1] for found in _registry.FORMATS}
    assert registered == modules


def test_titles_of_lists() -> None:
    """Every list a format reads has its title; an id no format names is its own title
    (never another list's)."""
    assert _registry.list_title("un-sc") == un_xml.TITLE
    assert _registry.list_title("us-csl") == us_csl.TITLE
    assert _registry.list_title("us-ofac-sdn") == ofac_csv.LISTS["us-ofac-sdn"].title
    assert _registry.list_title("xx-unknown") == "xx-unknown"
    assert un_xml.TITLE in _registry.list_titles()


def test_companions_lying_beside_are_found(tmp_path: Path) -> None:
    """A main file finds its companions beside it (plain or gzipped); a companion given
    alone is refused with what is missing."""
    excerpt = SHARED_DATA / "ofac-csv-companions" / "excerpt_watchman_ofactest"
    shutil.copy(excerpt / "sdn.csv", tmp_path)
    companion = tmp_path / "alt.csv.gz"
    companion.write_bytes(gzip.compress((excerpt / "alt.csv").read_bytes()))
    found = _registry.recognise(tmp_path / "sdn.csv", "sdn.csv")
    assert found is not None
    ((main, companions),) = _registry.group([found])
    assert main is found
    assert [c.file.part for c in companions] == ["alt"]
    alone = _registry.recognise(companion, "alt.csv.gz")
    assert alone is not None
    with pytest.raises(
        st.SourceError, match=r"alt\.csv\.gz: a companion file \(alt\) of .* no main list file"
    ):
        _registry.group([alone])
