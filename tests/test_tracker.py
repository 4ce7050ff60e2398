"""The Tracker's queries: filters, indices, ordering, container protocol, look-ups."""

from __future__ import annotations

import datetime as dt

import pytest

import sanctions_tracker as st
from conftest import SHARED_DATA


def _ids(records: tuple[st.Record, ...]) -> list[str]:
    return [r.id for r in records]


def test_repr_counts(small: st.Tracker) -> None:
    """The repr says how many records of each main kind were loaded."""
    assert repr(small) == "<Tracker designations=3 advisories=1 actions=1 programs=2 sectors=5>"


def test_container_protocol(small: st.Tracker) -> None:
    """len, iteration and membership cover every record of every kind."""
    assert "t:1" in small
    assert "src-a" in small
    assert "nope" not in small
    assert len(small) == len(list(small)) == 1 + 5 + 1 + 2 + 3 + 1 + 1


def test_ids_sort_naturally(small: st.Tracker) -> None:
    """t:2 comes before t:10."""
    assert _ids(small.designations()) == ["t:1", "t:2", "t:10"]


def test_sector_query_includes_children(small: st.Tracker) -> None:
    """Asking for metals finds the designation placed in steel, and the metals one."""
    assert _ids(small.designations(sector="steel")) == ["t:1"]
    assert _ids(small.designations(sector="metals")) == ["t:1", "t:2"]
    assert _ids(small.designations(sector="industry")) == ["t:1", "t:2"]


def test_sector_by_name_or_alias(small: st.Tracker) -> None:
    """Sectors are found by id, name or alias, in any case."""
    assert small.designations(sector="Iron and Steel") == small.designations(sector="steel")


def test_non_criterion_program_puts_no_one_in_its_sector(small: st.Tracker) -> None:
    """FIN reaches financial but is not a ground for designation: no one falls in financial."""
    assert small.designations(sector="financial") == ()
    assert _ids(small.programs(sector="financial")) == ["FIN"]


def test_program_sector_reason_is_kept(small: st.Tracker) -> None:
    """A program reaching two metals puts its designations in metals, saying why."""
    (designation,) = small.designations(program="METALS", status="delisted")
    program, name = designation.sectors
    assert (program.sector, program.basis, program.inferred) == ("metals", "program", False)
    assert "program METALS reaches the steel and copper sectors" in program.reason
    # RED METAL CO: its name says METAL too, which is kept as a separate, inferred reason.
    assert (name.sector, name.basis, name.inferred) == ("metals", "name", True)
    assert name.reason == "the name says 'METAL'"


def test_program_query_any_case(small: st.Tracker) -> None:
    """Program tags match case-insensitively."""
    assert _ids(small.designations(program="metals")) == ["t:1", "t:2"]


def test_authority_query_by_code_loosely(small: st.Tracker) -> None:
    """'E.O. 1', 'eo 1' and the id all find the designations under its programs."""
    expected = ["t:1", "t:2"]
    for spelling in ("E.O. 1", "eo 1", "us-eo-1"):
        assert _ids(small.designations(authority=spelling)) == expected


def test_country_query_by_code_or_name(small: st.Tracker) -> None:
    """Country matches the program's target country and the party's nationality."""
    assert _ids(small.designations(country="Iran")) == ["t:1", "t:2"]
    assert _ids(small.designations(country="ru")) == ["t:10"]


def test_active_on(small: st.Tracker) -> None:
    """active_on keeps designations in force that day; unknown listing dates count as in force."""
    assert _ids(small.designations(active_on=dt.date(2020, 1, 9))) == ["t:10"]
    assert _ids(small.designations(active_on=dt.date(2021, 6, 1))) == ["t:1", "t:2", "t:10"]
    assert _ids(small.designations(active_on=dt.date(2022, 6, 1))) == ["t:1", "t:10"]


def test_filters_combine(small: st.Tracker) -> None:
    """Every filter given must hold."""
    assert _ids(small.designations(sector="metals", active_on=dt.date(2023, 1, 1))) == ["t:1"]
    assert _ids(small.designations(kind="individual", country="IR")) == []
    listed = small.designations(listed_between=(dt.date(2020, 1, 1), dt.date(2020, 12, 31)))
    assert _ids(listed) == ["t:1"]


def test_advisories_by_material_hs_code_and_sector(small: st.Tracker) -> None:
    """Materials match by part of the name; HS codes by prefix either way; sectors with parents."""
    assert _ids(small.advisories(material="needle coke")) == ["adv-1"]
    assert _ids(small.advisories(material="COKE")) == ["adv-1"]
    assert _ids(small.advisories(material="uranium")) == []
    assert _ids(small.advisories(hs_code="8545")) == ["adv-1"]
    assert _ids(small.advisories(hs_code="8545.11.00")) == ["adv-1"]
    assert _ids(small.advisories(hs_code="8546")) == []
    assert _ids(small.advisories(sector="metals")) == ["adv-1"]
    assert _ids(small.advisories(sector="financial")) == []
    assert _ids(small.advisories(country="US")) == []


def test_actions_between(small: st.Tracker) -> None:
    """Actions in an inclusive date range, oldest first."""
    assert _ids(small.actions(between=(dt.date(2020, 1, 10), dt.date(2020, 1, 10)))) == ["act-1"]
    assert _ids(small.actions(between=(dt.date(2020, 1, 11), dt.date(2021, 1, 1)))) == []


def test_reversed_range_is_a_query_error(small: st.Tracker) -> None:
    """A range that ends before it starts is an error, not an empty answer."""
    with pytest.raises(st.QueryError, match="starts"):
        small.actions(between=(dt.date(2021, 1, 1), dt.date(2020, 1, 1)))


def test_unknown_names_are_query_errors_with_suggestions(small: st.Tracker) -> None:
    """Unknown sector, program, authority and country say so and suggest close names."""
    with pytest.raises(st.QueryError, match=r"unknown sector 'steal' \(did you mean 'steel'"):
        small.designations(sector="steal")
    with pytest.raises(st.QueryError, match="unknown program 'METAL'"):
        small.designations(program="METAL")
    with pytest.raises(st.QueryError, match="unknown authority"):
        small.designations(authority="E.O. 99")
    with pytest.raises(st.QueryError, match="unknown country 'Atlantis'"):
        small.designations(country="Atlantis")


def test_get_and_not_found(small: st.Tracker) -> None:
    """get returns any record; a missing id raises NotFoundError (a KeyError) with suggestions."""
    assert isinstance(small.get("adv-1"), st.Advisory)
    with pytest.raises(KeyError) as caught:
        small.get("t:3")
    assert isinstance(caught.value, st.NotFoundError)
    assert "no record has the id 't:3'" in str(caught.value)
    assert "did you mean" in str(caught.value)


def test_programs_reaching_a_sector_include_parents_and_children(small: st.Tracker) -> None:
    """A program on steel bears on metals and on steel; as_of drops reaches not yet in force."""
    assert _ids(small.programs(sector="metals")) == ["METALS"]
    assert _ids(small.programs(sector="steel")) == ["METALS"]
    assert _ids(small.programs(country="IR")) == ["METALS"]


def test_sectors_in_tree_order(small: st.Tracker) -> None:
    """sectors() lists each root followed by its descendants."""
    assert _ids(small.sectors()) == ["industry", "metals", "steel", "copper", "financial"]


def test_actions_for_a_designation(small: st.Tracker) -> None:
    """The reverse index from a designation to the actions that produced it."""
    assert _ids(small.actions_for("t:1")) == ["act-1"]
    assert small.actions_for("t:2") == ()


def test_indices_agree_with_a_full_scan(bundled: st.Tracker) -> None:
    """Index answers equal a scan of every record, for every sector and program."""
    every = bundled.designations()
    for sector in bundled.sectors():
        wanted = bundled.taxonomy.descendants(sector.id)
        scanned = [d.id for d in every if any(a.sector in wanted for a in d.sectors)]
        assert _ids(bundled.designations(sector=sector.id)) == scanned
    for program in bundled.programs():
        scanned = [d.id for d in every if program.id in d.programs]
        assert _ids(bundled.designations(program=program.id)) == scanned


def test_issue_examples_on_the_bundled_set(bundled: st.Tracker) -> None:
    """The examples of the README work on the bundled fixtures."""
    steel = bundled.designations(sector="steel")
    names = {d.name for d in steel}
    assert "ESFARAYEN INDUSTRIAL COMPLEX" in names  # a steelmaker whose name does not say so
    assert "NATIONAL IRANIAN COPPER INDUSTRIES COMPANY" not in names
    assert "IRAN ALUMINUM COMPANY" not in names
    officials = bundled.designations(program="IRAN-EO13876", active_on=dt.date(2020, 1, 1))
    assert "RAISI, Ebrahim" in {d.name for d in officials}
    (advisory,) = bundled.advisories(material="needle coke")
    assert advisory.issued_on == dt.date(2019, 12, 16)
    late_2019 = bundled.actions(between=(dt.date(2019, 11, 1), dt.date(2019, 12, 31)))
    assert [a.taken_on for a in late_2019] == [dt.date(2019, 11, 4), dt.date(2019, 12, 16)]


# --------------------------------------------------------------------------- screening

SDN = SHARED_DATA / "ofac-sdn"
needs_data = pytest.mark.skipif(not SDN.exists(), reason="../shared/data is not present")


@pytest.fixture(scope="module")
def sdn_with_aliases() -> st.Tracker:
    """The 2024-05-03 SDN list with its strong aliases (alt.csv)."""
    return st.load(
        SDN / "sdn-2024-05-03.csv.gz", SHARED_DATA / "ofac-csv-companions" / "alt.csv.gz"
    )


@needs_data
def test_screen_finds_the_issue_examples(sdn_with_aliases: st.Tracker) -> None:
    """Tracker.screen: the seed's spelling, Raeisi, the Quds Force alias; not George Bush."""
    first = {q: sdn_with_aliases.screen(q) for q in ("Qassem Soleimani", "Ebrahim Raeisi")}
    assert first["Qassem Soleimani"][0].designation_id == "us-ofac-sdn:10481"
    assert first["Ebrahim Raeisi"][0].designation_id == "us-ofac-sdn:27844"
    (quds, *_) = sdn_with_aliases.screen("Quds Force")
    assert quds.designation_id == "us-ofac-sdn:10465"
    assert quds.name_strength.value == "strong alias"
    assert sdn_with_aliases.screen("George Bush") == ()


@needs_data
def test_screen_many_keeps_the_order(sdn_with_aliases: st.Tracker) -> None:
    """One tuple of matches per name, in the order given."""
    results = sdn_with_aliases.screen_many(["George Bush", "Qassem Soleimani"], workers=1)
    assert results[0] == ()
    assert results[1][0].designation_id == "us-ofac-sdn:10481"


@needs_data
def test_rescreen_reports_only_new_hits() -> None:
    """After 23 -> 25 Feb 2022: a newly listed name hits anew; an old designation is not
    re-screened; a renamed entry hits anew only for its new name."""
    old = st.load(SDN / "sdn-2022-02-23.csv.gz")
    new = st.load(SDN / "sdn-2022-02-25.csv.gz")
    changes = st.diff(old, new)
    names = [
        "Andrey Puchkov",
        "Qassem Soleimani",
        "Otkrytoye Aktsionernoye Obschestvo TAE Avia",
    ]
    puchkov, soleimani, renamed = new.rescreen(names, changes)
    assert [m.designation_id for m in puchkov.new_matches] == ["us-ofac-sdn:34376"]
    assert puchkov.newly_hit
    assert soleimani.matches == ()  # 10481 did not change: nothing to re-screen
    assert [m.designation_id for m in renamed.new_matches] == ["us-ofac-sdn:33398"]
