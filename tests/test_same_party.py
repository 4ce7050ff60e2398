"""The same party on several lists, at the edges: the tracker's SameParties, `show`, and
summaries that count a party once."""

from __future__ import annotations

import gzip
import json
import re
import threading
from xml.etree import ElementTree as ET

import pytest

import sanctions_tracker as st
from conftest import SHARED_DATA
from sanctions_tracker.cli import main
from sanctions_tracker.linking import SameParties
from sanctions_tracker.reports.describe import describe

UN = SHARED_DATA / "un-consolidated" / "consolidated_2025-11-20.xml.gz"
UK = SHARED_DATA / "uk-sanctions-list" / "uk_sanctions_list_excerpt_2026-08-14.xml"
needs_data = pytest.mark.skipif(
    not (UN.exists() and UK.exists()), reason="../shared/data is not there"
)


def _expected_pairs() -> set[tuple[str, str]]:
    """(UK id, UN id) of each UK designation whose UNReferenceNumber the UN file holds,
    by a plain read of both files."""
    un_root = ET.fromstring(gzip.decompress(UN.read_bytes()))  # noqa: S314 - our test file
    references = {
        (e.findtext("REFERENCE_NUMBER") or "").strip()
        for e in un_root.iter()
        if e.tag in {"INDIVIDUAL", "ENTITY"}
    }
    text = UK.read_text(encoding="utf-8")
    pairs = set()
    for block in text.split("<Designation>")[1:]:
        unique = re.search(r"<UniqueID>([^<]+)</UniqueID>", block)
        reference = re.search(r"<UNReferenceNumber>([^<]+)</UNReferenceNumber>", block)
        if unique and reference and reference.group(1).strip() in references:
            pairs.add((f"uk-fcdo:{unique.group(1).strip()}", f"un-sc:{reference.group(1).strip()}"))
    return pairs


@pytest.fixture(scope="module")
def both() -> st.Tracker:
    """The UN list and the UK Sanctions List excerpt, without the bundled set."""
    return st.load(UN, UK, bundled=False)


@needs_data
def test_the_tracker_links_what_the_files_say(both: st.Tracker) -> None:
    """`tracker.same_parties` joins each UK designation to the UN entry its
    UNReferenceNumber names, as a plain read of the two files finds them."""
    groups = {tuple(g) for g in both.same_parties.groups()}
    assert groups == _expected_pairs()
    assert len(groups) == 3


def test_same_parties_is_built_once_whichever_thread_asks() -> None:
    """Eight threads asking at once get one and the same SameParties, and it holds what
    one built from the designations directly holds."""
    tracker = st.load()
    seen: list[SameParties] = []
    start = threading.Barrier(8)

    def ask() -> None:
        start.wait()
        seen.append(tracker.same_parties)

    threads = [threading.Thread(target=ask) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len({id(found) for found in seen}) == 1
    assert seen[0].groups() == SameParties(tracker.designations()).groups()


@needs_data
def test_show_names_every_list_that_holds_the_party(
    both: st.Tracker, capsys: pytest.CaptureFixture[str]
) -> None:
    """`show uk-fcdo:AFG0011` names the UK list and the UN list with their designations,
    and the names with their script (the Arabic name the UK list gives)."""
    text = describe(both, both.get("uk-fcdo:AFG0011"))
    block = text.split("  on lists:\n", 1)[1].split("\n  status:", 1)[0]
    assert block.splitlines() == [
        (
            "    UK Sanctions List: uk-fcdo:AFG0011 ABDUL LATIF MANSUR, listed 2001-01-31 "
            "(this record)"
        ),
        (
            "    United Nations Security Council Consolidated List: un-sc:TAi.007 "
            "ABDUL LATIF MANSUR, listed 2001-01-31"
        ),
    ]
    assert "عبد اللطيف منصور (aka, script Arab)" in text
    code = main(["show", "un-sc:TAi.007", "--no-bundled", "--data", str(UN), "--data", str(UK)])
    out = capsys.readouterr().out
    assert code == 0
    assert "UK Sanctions List: uk-fcdo:AFG0011" in out


@needs_data
def test_a_summary_counts_a_party_once(
    both: st.Tracker, capsys: pytest.CaptureFixture[str]
) -> None:
    """The summary of both lists: every designation counted, each party once, and the
    parties on several lists listed (in JSON and Markdown)."""
    summary = both.summary()
    pairs = _expected_pairs()
    designations = len(both.designations())
    assert summary.designation_count == designations
    assert summary.party_count == designations - len(pairs)
    assert {p.designations for p in summary.same_parties} == pairs
    assert all(p.lists == ("uk-fcdo", "un-sc") for p in summary.same_parties)
    code = main(["summary", "--no-bundled", "--data", str(UN), "--data", str(UK)])
    out = capsys.readouterr().out
    assert code == 0
    assert f"{designations:,} designations in scope, of {designations - 3:,} parties" in out
    assert "One party on several lists" in out
    data = json.loads(summary.to_json())
    assert data["party_count"] == designations - 3
    assert len(data["same_parties"]) == 3
    assert list(data["same_parties"][0]) == ["name", "designations", "lists"]  # docs/reports.md
