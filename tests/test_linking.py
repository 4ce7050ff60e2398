"""Tests for ``linking``: the same party on several lists, joined where the lists say so,
on the real files (the UN list, the EU and UK lists that give UN reference numbers)."""

from __future__ import annotations

import gzip
import xml.etree.ElementTree as ET  # only to read the real, trusted files independently

import pytest

import sanctions_tracker as st
from conftest import SHARED_DATA
from sanctions_tracker.linking import SameParties
from sanctions_tracker.records import SAME_PARTY, Designation, Link, Name, Party, PartyKind

UN = SHARED_DATA / "un-consolidated" / "consolidated_2025-11-20.xml.gz"
EU_B = SHARED_DATA / "eu-fsf" / "eu_fsf_excerpt_2026-08-05_b.xml"
UK = SHARED_DATA / "uk-sanctions-list" / "uk_sanctions_list_excerpt_2026-08-14.xml"
SECO = SHARED_DATA / "ch-seco" / "seco_excerpt_2026-08-15.xml"
CONLIST = SHARED_DATA / "uk-ofsi" / "ConList_2018-04-13.csv.gz"

needs_data = pytest.mark.skipif(not UN.exists(), reason="../shared/data is not present")


def _listed(record_id: str, *same: str) -> Designation:
    links = tuple(Link(SAME_PARTY, target, target) for target in same)
    party = Party(PartyKind.INDIVIDUAL, (Name("X"),), links=links)
    return Designation(record_id, record_id.split(":", maxsplit=1)[0], party, ("P",), ("src",))


def test_parties_join_through_a_list_not_loaded() -> None:
    """Two lists that name the same UN entry are one party, with or without the UN list;
    a designation no list links stands alone; counts count a party once."""
    eu, uk = _listed("eu-fsf:1", "un-sc:QDi.1"), _listed("uk-fcdo:A1", "un-sc:QDi.1")
    alone = _listed("us-ofac-sdn:7")
    parties = SameParties([eu, uk, alone])
    assert parties.of("eu-fsf:1") == parties.of("uk-fcdo:A1") == ("eu-fsf:1", "uk-fcdo:A1")
    assert parties.of("us-ofac-sdn:7") == ("us-ofac-sdn:7",)
    assert parties.groups() == (("eu-fsf:1", "uk-fcdo:A1"),)
    assert parties.count(["eu-fsf:1", "uk-fcdo:A1", "us-ofac-sdn:7"]) == 2
    with_un = SameParties([eu, uk, alone, _listed("un-sc:QDi.1")])
    assert with_un.lists("eu-fsf:1") == ("eu-fsf", "uk-fcdo", "un-sc")
    assert with_un.of("not-loaded:1") == ("not-loaded:1",)


def test_other_relations_do_not_join() -> None:
    """Only same-party links join parties (a 'linked-to' relation does not)."""
    owner = Designation(
        "a:1",
        "a",
        Party(PartyKind.ENTITY, (Name("X"),), links=(Link("linked-to", "Y", "a:2"),)),
        ("P",),
        ("src",),
    )
    assert SameParties([owner, _listed("a:2")]).of("a:1") == ("a:1",)


@needs_data
def test_the_real_lists_join_on_the_uns_references() -> None:
    """The UN list with the EU and UK excerpts: every EU or UK designation that names a
    UN reference the UN list holds is one party with that entry (plain parse of the UN
    list for the references it holds)."""
    tracker = st.load(UN, EU_B, UK, bundled=False)
    root = ET.fromstring(gzip.decompress(UN.read_bytes()))  # noqa: S314 - the UN's own file
    held = {
        (e.findtext("REFERENCE_NUMBER") or "").strip()
        for e in root.iter()
        if e.tag in {"INDIVIDUAL", "ENTITY"}
    }
    parties = SameParties(tracker.designations())
    checked = 0
    for designation in tracker.designations():
        if designation.list_id == "un-sc":
            continue
        for link in designation.party.links:
            if link.relation == SAME_PARTY and link.target and link.target.startswith("un-sc:"):
                reference = link.target.removeprefix("un-sc:")
                if reference in held:
                    assert link.target in parties.of(designation.id)
                    assert "un-sc" in parties.lists(designation.id)
                    checked += 1
    assert checked >= 2
    groups = parties.groups()
    assert parties.count(d.id for d in tracker.designations()) == len(tracker.designations()) - sum(
        len(g) - 1 for g in groups
    )


@needs_data
def test_every_list_at_once_answers_by_country() -> None:
    """A fixture-free load of the EU, UK, OFSI, SECO and UN files: a query by country
    answers across the lists, each designation on its own list."""
    tracker = st.load(UN, EU_B, UK, SECO, CONLIST, bundled=False)
    russia = tracker.designations(country="RU")
    assert {d.list_id for d in russia} >= {"ch-seco"}
    assert all("RU" in d.party.countries for d in russia)
    iran = tracker.designations(country="IR")
    assert {d.list_id for d in iran} >= {"eu-fsf", "uk-ofsi", "un-sc"}


def test_the_un_lists_id_is_the_one_links_name() -> None:
    """The readers link to the UN list by the id its own reader gives it."""
    from sanctions_tracker.sources import _references, un_xml  # noqa: PLC0415

    assert _references.UN_LIST_ID == un_xml.LIST_ID
