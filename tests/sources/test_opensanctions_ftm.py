"""Tests for ``sources.opensanctions_ftm``: OpenSanctions FollowTheMoney entity and delta
files, every line accounted for against a plain reading of the real files (json, line by
line), sanctioned parties as designations, what attaches to them attached, and the rest
left out with its reason."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

import sanctions_tracker as st
from conftest import SHARED_DATA
from sanctions_tracker.records import DesignationStatus, PartialDate, PartyKind
from sanctions_tracker.sources.opensanctions_ftm import PARTY_SCHEMATA, partial_date

FTM = SHARED_DATA / "opensanctions-ftm"
T1 = FTM / "yente_t1_entities.ftm.json"
ZALA = FTM / "yente_zala_entities.ftm.json"
DELTA = FTM / "yente_sanctions_20240527194702.entities.delta.json"
WD = FTM / "wd_persons_20240310" / "entities.ftm.json"


def _entities(path: Path) -> list[dict[str, Any]]:
    """The file's entities, read plainly (a delta's changes unwrapped)."""
    found = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            value = json.loads(line)
            found.append(value["entity"] if "op" in value else value)
    return found


def _sanctioned(entities: list[dict[str, Any]]) -> set[str]:
    """The parties a Sanction of the file names, or whose topics say 'sanction'."""
    named = {
        target
        for e in entities
        if e["schema"] == "Sanction"
        for target in e["properties"].get("entity", [])
    }
    return {
        e["id"]
        for e in entities
        if e["schema"] in PARTY_SCHEMATA
        and (e["id"] in named or "sanction" in e["properties"].get("topics", []))
    }


@pytest.mark.parametrize("path", [T1, ZALA, DELTA, WD], ids=["t1", "zala", "delta", "wd"])
def test_every_line_is_accounted_for_against_a_plain_reading(path: Path) -> None:
    """rows read = the file's lines; the designations are exactly the sanctioned parties;
    nothing is rejected; the account balances."""
    entities = _entities(path)
    tracker = st.load(path, bundled=False)
    (account,) = tracker.datasets[0].accounts
    assert account.balanced
    assert account.rows_read == len(entities)
    assert account.rejected == ()
    assert {d.id.split(":", 1)[1] for d in tracker.designations()} == _sanctioned(entities)


def test_the_list_id_is_the_datasets_name() -> None:
    """A file whose entities are all of one dataset is that dataset under our prefix
    (opensanctions-eu_fsf, never the EU's own eu-fsf); a file beside an index.json is the
    index's dataset (wd_persons); a file of many datasets is 'opensanctions'."""
    assert {d.list_id for d in st.load(T1, bundled=False).designations()} == {
        "opensanctions-eu_fsf"
    }
    assert st.load(WD, bundled=False).datasets[0].as_of == dt.date(2024, 3, 10)
    assert {d.list_id for d in st.load(ZALA, bundled=False).designations()} == {"opensanctions"}


def test_a_pep_dataset_loads_nothing_and_says_why() -> None:
    """wd_persons (politically exposed persons) has no sanction: no designation, each
    person left out as not a designation, each Position and Occupancy accounted for."""
    entities = _entities(WD)
    tracker = st.load(WD, bundled=False)
    assert tracker.designations() == ()
    (account,) = tracker.datasets[0].accounts
    people = [e for e in entities if e["schema"] == "Person"]
    reasons = [p.reason for p in account.left_out]
    assert sum(r.startswith("not a designation") for r in reasons) == len(people)
    assert len(account.left_out) + len(account.orphans) == len(entities)


def test_sanctions_give_programs_dates_and_notes() -> None:
    """LLC CST: a program per Sanction (its programId), its listing date the earliest
    listing or start date of them, a note per Sanction with authority, reason and source;
    its Address entities and links attached."""
    entities = _entities(ZALA)
    sanctions = [
        e
        for e in entities
        if e["schema"] == "Sanction"
        and e["properties"].get("entity") == ["NK-abdzbEBkqyT29GyREbiURZ"]
    ]
    tracker = st.load(ZALA, bundled=False)
    record = tracker.get("opensanctions:NK-abdzbEBkqyT29GyREbiURZ")
    assert isinstance(record, st.Designation)
    assert record.party.kind is PartyKind.ENTITY
    ids = {e["properties"]["programId"][0] for e in sanctions if e["properties"].get("programId")}
    assert ids <= set(record.programs)
    days = [
        dt.date.fromisoformat(d)
        for e in sanctions
        for d in (e["properties"].get("listingDate") or e["properties"].get("startDate") or [])
    ]
    assert record.listed_on == min(days)
    assert len([n for n in record.notes if " — " in n]) == len(sanctions)
    links = [e for e in entities if e["schema"] in {"Ownership", "Directorship"}]
    touching = [
        e
        for e in links
        if "NK-abdzbEBkqyT29GyREbiURZ" in {v for vals in e["properties"].values() for v in vals}
    ]
    assert len(record.party.links) == len(touching)
    program = tracker.get("AU-RUSSIA")
    assert isinstance(program, st.Program)
    assert "Department of Foreign Affairs and Trade" in (program.description or "")


def test_a_delta_file_and_screening(tmp_path: Path) -> None:
    """A delta's ADD changes load as entities; a DEL is left out with its reason; a listed
    name screens to its designation; the summary of a program counts its designations."""
    lines = DELTA.read_text(encoding="utf-8").splitlines()
    deleted = {"op": "DEL", "entity": {"id": "NK-gone", "schema": "Person", "properties": {}}}
    path = tmp_path / "sanctions_20240601000000.entities.delta.json"
    path.write_text("\n".join([*lines, json.dumps(deleted)]) + "\n", encoding="utf-8")
    tracker = st.load(path, bundled=False)
    (account,) = tracker.datasets[0].accounts
    assert account.balanced
    (gone,) = account.left_out
    assert "op DEL" in gone.reason
    matches = tracker.screen("Janan Agha")
    assert matches
    assert matches[0].name == "Janan Agha"
    tagged = tracker.designations(program="OS-SANCTIONED")
    assert tracker.summary(program="OS-SANCTIONED").designation_count == len(tagged) == 2


def test_diff_of_two_versions_and_an_ended_sanction(tmp_path: Path) -> None:
    """Two versions of a dataset diff by entity id; a designation whose every sanction
    has an end date is delisted on the last of them."""
    entities = _entities(T1)
    old = tmp_path / "t1-2024-06-01.ftm.json"
    old.write_text("\n".join(json.dumps(e) for e in entities) + "\n", encoding="utf-8")
    person = {
        "id": "NK-x",
        "schema": "Person",
        "properties": {"name": ["Ann Example"]},
        "datasets": ["eu_fsf"],
    }
    sanction = {
        "id": "s-x",
        "schema": "Sanction",
        "properties": {
            "entity": ["NK-x"],
            "programId": ["EU-UKR"],
            "startDate": ["2022-03-01"],
            "endDate": ["2023-03-01"],
        },
        "datasets": ["eu_fsf"],
    }
    new = tmp_path / "t1-2024-07-01.ftm.json"
    new.write_text(
        "\n".join(json.dumps(e) for e in [*entities[1:], person, sanction]) + "\n",
        encoding="utf-8",
    )
    changes = st.diff(old, new, bundled=False)
    assert [e.id for e in changes.added] == ["opensanctions-eu_fsf:NK-x"]
    assert [e.id for e in changes.removed] == [f"opensanctions-eu_fsf:{entities[0]['id']}"]
    ended = st.load(new, bundled=False).get("opensanctions-eu_fsf:NK-x")
    assert isinstance(ended, st.Designation)
    assert (ended.status, ended.delisted_on) == (DesignationStatus.DELISTED, dt.date(2023, 3, 1))


def test_bad_lines_are_rejected_with_their_line(tmp_path: Path) -> None:
    """A line that is no JSON, an entity without a schema, a second entity of one id: each
    rejected with its line; a Sanction of an entity not in the file is an orphan."""
    good = {"id": "a", "schema": "Person", "properties": {"name": ["A B"], "topics": ["sanction"]}}
    lines = [
        json.dumps(good),
        "{not json",
        json.dumps({"id": "b", "properties": {}}),
        json.dumps(good),
        json.dumps({"id": "s", "schema": "Sanction", "properties": {"entity": ["zz"]}}),
    ]
    path = tmp_path / "e.ftm.json"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    tracker = st.load(path, bundled=False)
    (account,) = tracker.datasets[0].accounts
    assert account.balanced
    assert [p.line for p in account.rejected] == [2, 3, 4]
    assert [p.line for p in account.orphans] == [5]
    assert [d.name for d in tracker.designations()] == ["A B"]


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("1971", PartialDate(1971)),
        ("1971-01", PartialDate(1971, 1)),
        ("1971-01-22", PartialDate(1971, 1, 22)),
        ("1971-01-22T10:00:00", PartialDate(1971, 1, 22)),
        ("1971-02-31", None),
        ("someday", None),
    ],
)
def test_ftm_dates(text: str, date: PartialDate | None) -> None:
    """FtM dates stop at the year, month or day; an impossible or unreadable one is None."""
    assert partial_date(text) == date


def test_a_person_read_into_fields() -> None:
    """Alexander ZAKHAROV: birth date, nationality, citizenship, gender and identifiers as
    the entity states them; an Address entity's parts; a link per Family, Directorship and
    Ownership that names him, to the other end's designation where it is one; a Passport
    without a number kept as text and listed."""
    entities = {e["id"]: e for e in _entities(ZALA)}
    person = entities["NK-aU5ybkbRFJucf8YMwsJvDw"]["properties"]
    tracker = st.load(ZALA, bundled=False)
    record = tracker.get("opensanctions:NK-aU5ybkbRFJucf8YMwsJvDw")
    assert isinstance(record, st.Designation)
    party = record.party
    assert party.kind is PartyKind.INDIVIDUAL
    assert [str(d) for d in party.birth_dates] == person["birthDate"]
    assert party.nationalities == tuple(c.upper() for c in person["nationality"])
    assert party.gender == person["gender"][0]
    assert {i.value for i in party.identifiers if i.kind == "inn"} == set(person["innCode"])
    addresses = [entities[a]["properties"] for a in person["addressEntity"]]
    cities = {a["city"][0] for a in addresses if "city" in a}
    assert cities <= {a.city for a in party.addresses}
    me = "NK-aU5ybkbRFJucf8YMwsJvDw"
    ends = {
        "Family": ("person", "relative"),
        "Directorship": ("director", "organization"),
        "Ownership": ("owner", "asset"),
    }
    others = []
    for entity in entities.values():
        if entity["schema"] in ends:
            first, second = (entity["properties"][p][0] for p in ends[entity["schema"]])
            if me in {first, second}:
                others.append(second if first == me else first)
    sanctioned = _sanctioned(list(entities.values()))
    assert len(party.links) == len(others)
    assert sorted(link.target for link in party.links if link.target) == sorted(
        f"opensanctions:{o}" for o in others if o in sanctioned
    )
    (account,) = tracker.datasets[0].accounts
    assert any("a Passport without a number" in p.reason for p in account.unparsed_remarks)
