"""Tests for ``sources._registry``: every list file is recognised by its content, by the
format that reads it; a format known but not read is refused by name; loading names no
format."""

from __future__ import annotations

import ast
import gzip
import shutil
from pathlib import Path
from typing import NoReturn

import attrs
import pytest

import sanctions_tracker as st
from conftest import SHARED_DATA, write_workbook
from sanctions_tracker.sources import (
    _registry,
    au_dfat,
    ca_sema,
    ch_seco,
    eu_fsd_legacy,
    eu_fsf,
    ofac_csv,
    ofac_xml,
    opensanctions_ftm,
    uk_ofsi,
    uk_sanctions_list,
    un_xml,
    us_bis_dpl,
    us_csl,
)
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
        ("eu-fsf/eu_fsf_excerpt_2026-08-05_a.xml", eu_fsf.FORMAT, None),
        ("eu-fsf/eu_fsf_excerpt_2026-08-05_b.xml", eu_fsf.FORMAT, None),
        ("eu-fsf/eu_legacy_2016-02-11_part.xml.gz", eu_fsd_legacy.FORMAT, None),
        (
            "uk-sanctions-list/uk_sanctions_list_excerpt_2026-08-14.xml",
            uk_sanctions_list.FORMAT,
            None,
        ),
        ("uk-ofsi/ConList_2018-04-13.csv.gz", uk_ofsi.FORMAT, None),
        ("ch-seco/seco_excerpt_2026-08-15.xml", ch_seco.FORMAT, None),
        ("other/dpl.txt", us_bis_dpl.FORMAT, None),
        ("other/sema-lmes.xml", ca_sema.FORMAT, None),
        (
            "au-dfat/Australian_Sanctions_Consolidated_List_2026-02-24.xlsx",
            au_dfat.FORMAT,
            None,
        ),
        ("opensanctions-ftm/yente_t1_entities.ftm.json", opensanctions_ftm.FORMAT, None),
        (
            "opensanctions-ftm/yente_sanctions_20240527194702.entities.delta.json",
            opensanctions_ftm.FORMAT,
            None,
        ),
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
    for module in (au_dfat, ca_sema, us_bis_dpl):
        assert _registry.list_title(module.LIST_ID) == module.TITLE
    assert opensanctions_ftm.TITLE in _registry.list_titles()


def test_a_workbook_that_is_not_dfats_is_refused_by_name(tmp_path: Path) -> None:
    """An XLSX workbook whose first row is not DFAT's header is no list this version
    reads: one line that says so (the registry knows workbooks by their members)."""
    path = tmp_path / "book.xlsx"
    write_workbook(path, [["Name", "Amount"], ["A", "1"]])
    with pytest.raises(st.SourceError, match=r"book\.xlsx: an Excel workbook \(XLSX\) that is not"):
        _registry.recognise(path, "book.xlsx")


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


def test_the_lists_load_together_and_answer_by_country() -> None:
    """DFAT's workbook, Canada's list, the Denied Persons List, an OpenSanctions dataset
    and the UN list load at once, without the fixtures, each its own dataset with its
    account balanced; a country query answers across them (each list's own count of
    Russia's listings is in the answer)."""
    paths = [
        SHARED_DATA / "au-dfat" / "Australian_Sanctions_Consolidated_List_2026-02-24.xlsx",
        SHARED_DATA / "other" / "sema-lmes.xml",
        SHARED_DATA / "other" / "dpl.txt",
        SHARED_DATA / "opensanctions-ftm" / "yente_t1_entities.ftm.json",
        SHARED_DATA / "un-consolidated" / "consolidated_2025-11-20.xml.gz",
    ]
    tracker = st.load(*paths, bundled=False)
    assert len(tracker.datasets) == len(paths)
    assert all(a.balanced for d in tracker.datasets for a in d.accounts)
    alone = {
        path.name: {d.id for d in st.load(path, bundled=False).designations(country="RU")}
        for path in paths
    }
    together = {d.id for d in tracker.designations(country="RU")}
    assert together == set().union(*alone.values())
    lists = {d.list_id for d in tracker.designations(country="RU")}
    assert {"au-dfat", "ca-sema", "opensanctions-eu_fsf", "un-sc"} <= lists


EVERY_FORMAT = (
    "ofac-sdn/sdn-2024-05-03.csv.gz",
    "ofac-consolidated/CONS_ENHANCED.ZIP",
    "un-consolidated/consolidated_2025-11-20.xml.gz",
    "us-csl/consolidated_screening_list.csv.gz",
    "eu-fsf/eu_legacy_2016-02-11_part.xml.gz",
    "uk-sanctions-list/uk_sanctions_list_excerpt_2026-08-14.xml",
    "uk-ofsi/ConList_2018-04-13.csv.gz",
    "ch-seco/seco_excerpt_2026-08-15.xml",
    "au-dfat/Australian_Sanctions_Consolidated_List_2026-02-24.xlsx",
    "other/sema-lmes.xml",
    "other/dpl.txt",
    "opensanctions-ftm/yente_t1_entities.ftm.json",
)
"""One file of every format read (the EU's 1.1 excerpt is another version of the legacy
file's list, so one of the two)."""


def test_every_list_loads_at_once_and_a_country_query_answers_across_them(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """All the lists load together without the fixtures, each file's account balanced, and
    `designations --country RU` answers across them: every list's own answer is in the
    whole, but for the CSL's copies of lists whose own files are loaded (left out and
    counted in its account)."""
    from sanctions_tracker.cli import main  # noqa: PLC0415 - the CLI is the edge under test

    paths = [SHARED_DATA / relative for relative in EVERY_FORMAT]
    found = [_registry.recognise(path, path.name) for path in paths]
    missing = {f.name for f in _registry.FORMATS} - {f.format.name for f in found if f}
    assert missing == {eu_fsf.FORMAT.name}
    tracker = st.load(*paths, bundled=False)
    assert all(a.balanced for d in tracker.datasets for a in d.accounts)
    alone = {path: st.load(path, bundled=False) for path in paths}
    csl = SHARED_DATA / EVERY_FORMAT[3]
    # The lists loaded from their own files: the CSL's copies of them are left out.
    own = {d.list_id for path, one in alone.items() if path != csl for d in one.designations()}
    expected = {
        d.id
        for path, one in alone.items()
        for d in one.designations(country="RU")
        if path != csl or d.list_id not in own
    }
    together = {d.id for d in tracker.designations(country="RU")}
    assert together == expected
    argv = ["designations", "--no-bundled", "--country", "RU", "--format", "csv"]
    for path in paths:
        argv += ["--data", str(path)]
    assert main(argv) == 0
    rows = capsys.readouterr().out.splitlines()[1:]
    assert {row.split(",", 1)[0] for row in rows} == together
    lists = {record_id.split(":", 1)[0] for record_id in together}
    assert {"us-ofac-sdn", "un-sc", "au-dfat", "ca-sema", "us-bis-dpl", "uk-ofsi"} <= lists


def test_a_readers_unforeseen_fault_is_a_source_error_naming_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Should a reader fail on an input it did not foresee (a TypeError here, put in its
    way), the caller gets one SourceError naming the file, the fault kept as its cause (so
    that tests and the fuzzer see it); a recogniser's fault is treated the same."""
    path = tmp_path / "dpl.txt"
    path.write_bytes((SHARED_DATA / "other" / "dpl.txt").read_bytes()[:3000])

    def broken(*_args: object) -> NoReturn:
        msg = "unhashable type: 'list'"
        raise TypeError(msg)

    monkeypatch.setattr(us_bis_dpl, "load_dpl", broken)
    with pytest.raises(st.SourceError, match=r"dpl\.txt: cannot be read: the reader failed") as e:
        st.load(path, bundled=False)
    assert isinstance(e.value.__cause__, TypeError)
    formats = tuple(
        attrs.evolve(found, recognise=broken) if found is us_bis_dpl.FORMAT else found
        for found in _registry.FORMATS
    )
    monkeypatch.setattr(_registry, "FORMATS", formats)
    with pytest.raises(st.SourceError, match="please report this file") as e:
        st.load(path, bundled=False)
    assert isinstance(e.value.__cause__, TypeError)
