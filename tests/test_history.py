"""List history: diffs between snapshots, checked against an independent computation, and
as-of views of a history."""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import json
from pathlib import Path

import attrs
import pytest

import sanctions_tracker as st
from conftest import SHARED_DATA
from sanctions_tracker.history import FieldChange, diff_designations

SDN = SHARED_DATA / "ofac-sdn"
FEB_23 = SDN / "sdn-2022-02-23.csv.gz"
FEB_25 = SDN / "sdn-2022-02-25.csv.gz"
MAY_02 = SDN / "sdn-2024-05-02.csv.gz"
MAY_03 = SDN / "sdn-2024-05-03.csv.gz"

pytestmark = pytest.mark.skipif(not MAY_03.exists(), reason="../shared/data is not present")


def _raw(path: Path) -> dict[str, tuple[str, ...]]:
    """ent_num -> the row's cells, read with the csv module alone."""
    with gzip.open(path, "rt", encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.reader(handle) if len(r) == 12]
    return {r[0].strip(): tuple(c.strip() for c in r) for r in rows}


def _expected(old: Path, new: Path) -> tuple[set[str], set[str], set[str]]:
    """Added, removed and amended ids by set comparison of ent_nums and of raw rows."""
    before, after = _raw(old), _raw(new)
    added = {f"us-ofac-sdn:{e}" for e in after.keys() - before.keys()}
    removed = {f"us-ofac-sdn:{e}" for e in before.keys() - after.keys()}
    amended = {f"us-ofac-sdn:{e}" for e in before.keys() & after.keys() if before[e] != after[e]}
    return added, removed, amended


@pytest.fixture(scope="module")
def feb() -> st.ListDiff:
    """The diff of 23 -> 25 Feb 2022 (the first Russia designations after the invasion)."""
    return st.diff(FEB_23, FEB_25)


@pytest.fixture(scope="module")
def may() -> st.ListDiff:
    """The diff of 2 -> 3 May 2024."""
    return st.diff(MAY_02, MAY_03)


@pytest.mark.parametrize("pair", ["feb", "may"])
def test_counts_agree_with_a_set_comparison(pair: str, request: pytest.FixtureRequest) -> None:
    """Added, removed and amended ids equal those of a comparison of the raw rows."""
    changes: st.ListDiff = request.getfixturevalue(pair)
    old, new = (FEB_23, FEB_25) if pair == "feb" else (MAY_02, MAY_03)
    added, removed, amended = _expected(old, new)
    assert {e.id for e in changes.added} == added
    assert {e.id for e in changes.removed} == removed
    assert {a.id for a in changes.amended} == amended


def test_feb_2022_figures(feb: st.ListDiff) -> None:
    """93 added (Belarus and Russia programs among them), none removed, a few amended."""
    assert feb.counts() == {"added": 93, "removed": 0, "amended": len(feb.amended)}
    assert feb.old_as_of == dt.date(2022, 2, 23)
    assert feb.new_as_of == dt.date(2022, 2, 25)
    programs = {p for e in feb.added for p in e.programs}
    assert {"RUSSIA-EO14024", "BELARUS-EO14038"} <= programs


def test_a_renamed_record_field_by_field(feb: st.ListDiff) -> None:
    """us-ofac-sdn:33398 took a new primary name between the two days."""
    (amendment,) = [a for a in feb.amended if a.id == "us-ofac-sdn:33398"]
    assert amendment.name == "OTKRYTOYE AKTSIONERNOYE OBSCHESTVO TAE AVIA"
    assert (
        FieldChange(
            "name",
            added=("OTKRYTOYE AKTSIONERNOYE OBSCHESTVO TAE AVIA",),
            removed=("JSC TRANSAVIAEXPORT AIRLINES",),
        )
        in amendment.changes
    )


def test_may_2024_removals(may: st.ListDiff) -> None:
    """Eight Russia-related entries (a company and seven aircraft) were removed."""
    assert may.counts() == {"added": 0, "removed": 8, "amended": 0}
    assert {e.programs for e in may.removed} == {("RUSSIA-EO14024",)}
    assert [e.kind.value for e in may.removed].count("aircraft") == 7


def test_deterministic_order(monkeypatch: pytest.MonkeyPatch) -> None:
    """Entries come in natural id order, and two runs give the same JSON when
    SOURCE_DATE_EPOCH fixes the stamp's time."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1714726800")
    feb = st.diff(FEB_23, FEB_25)
    ids = [int(e.id.split(":")[1]) for e in feb.added]
    assert ids == sorted(ids)
    assert feb.to_json() == st.diff(FEB_23, FEB_25).to_json()
    assert json.loads(feb.to_json())["stamp"]["generated_at"] == "2024-05-03T09:00:00Z"


def test_diff_with_itself_is_empty() -> None:
    """A list against itself: nothing added, removed or amended."""
    tracker = st.load(MAY_03)
    changes = st.diff(tracker, tracker)
    assert changes.empty
    assert "No designation was added, removed or amended." in changes.to_markdown()


def test_trackers_and_files_give_the_same_diff(may: st.ListDiff) -> None:
    """st.diff on two loaded trackers equals st.diff on the two files."""
    assert st.diff(st.load(MAY_02), st.load(MAY_03)) == may


def test_renderings(feb: st.ListDiff) -> None:
    """Markdown counts first then groups by program; JSON has the schema; CSV a row per change."""
    text = feb.to_markdown()
    assert text.splitlines()[4:7] == [
        "- Added: 93",
        "- Removed: 0",
        f"- Amended: {len(feb.amended)}",
    ]
    assert "## RUSSIA-EO14024" in text
    data = json.loads(feb.to_json())
    assert list(data)[:8] == [
        "schema", "old", "new", "old_as_of", "new_as_of", "order_note", "stamp", "counts",
    ]  # fmt: skip
    assert data["order_note"] is None  # both files are dated (in their names)
    assert data["schema"] == "sanctions-tracker/list-diff/1"
    text = feb.to_csv()
    assert text.startswith("# generated ")  # the stamp, as comment lines above the header
    rows = list(csv.reader(line for line in text.splitlines() if not line.startswith("# ")))
    assert rows[0] == ["change", "id", "name", "kind", "programs", "field", "added", "removed"]
    assert sum(1 for r in rows[1:] if r[0] == "added") == 93


def test_different_lists_are_refused() -> None:
    """The SDN list against the Consolidated list is an error, not a diff."""
    with pytest.raises(st.SourceError, match="different lists"):
        st.diff(MAY_03, SHARED_DATA / "ofac-consolidated" / "cons_prim.csv")


def test_out_of_order_is_refused() -> None:
    """The newer snapshot first is an error that says which is older."""
    with pytest.raises(st.QueryError, match="out of order"):
        st.diff(MAY_03, MAY_02)


def test_field_changes_unit() -> None:
    """A changed alias and a new program are reported as added and removed values."""
    tracker = st.load()
    raisi = tracker.get("us-ofac-sdn:27844")
    assert isinstance(raisi, st.Designation)
    changed = attrs.evolve(
        raisi,
        programs=(*raisi.programs, "SDGT"),
        party=attrs.evolve(raisi.party, birth_dates=raisi.party.birth_dates[:1]),
    )
    result = diff_designations({raisi.id: raisi}, {raisi.id: changed})
    (amendment,) = result.amended
    assert FieldChange("programs", added=("SDGT",)) in amendment.changes
    assert FieldChange("birth_dates", removed=("1960-11", "1960-12")) in amendment.changes


# --------------------------------------------------------------------------- history


@pytest.fixture(scope="module")
def history() -> st.Tracker:
    """Three snapshots of the SDN list as one history."""
    return st.load(history={"2022-02-23": FEB_23, "2022-02-25": FEB_25, "2024-05-03": MAY_03})


def test_history_holds_the_newest_snapshot(history: st.Tracker) -> None:
    """The tracker answers from the newest snapshot; the history lists all three."""
    assert history.history is not None
    assert [s.as_of for s in history.history.snapshots] == [
        dt.date(2022, 2, 23),
        dt.date(2022, 2, 25),
        dt.date(2024, 5, 3),
    ]
    assert len(history.designations(list_id="us-ofac-sdn")) == len(_raw(MAY_03))


def test_as_of_gives_the_list_as_it_stood(history: st.Tracker) -> None:
    """On 24 Feb 2022 the list was the 23 Feb snapshot; queries and summaries work on it."""
    then = history.as_of(dt.date(2022, 2, 24))
    assert len(then.designations(list_id="us-ofac-sdn")) == len(_raw(FEB_23))
    assert "us-ofac-sdn:34749" not in then  # designated on 24 Feb 2022
    assert "us-ofac-sdn:34749" in history.as_of(dt.date(2022, 2, 25))
    summary = then.summary(sector="steel", as_of=dt.date(2022, 2, 24))
    assert summary.designation_count == len(then.designations(sector="steel"))


def test_first_and_last_seen(history: st.Tracker) -> None:
    """A designation added on 25 Feb 2022 was first seen then; an old one since the start."""
    added = history.get("us-ofac-sdn:34749")
    assert isinstance(added, st.Designation)
    assert (added.first_seen, added.last_seen) == (dt.date(2022, 2, 25), dt.date(2024, 5, 3))
    raisi = history.get("us-ofac-sdn:27844")
    assert isinstance(raisi, st.Designation)
    assert raisi.first_seen == dt.date(2022, 2, 23)


def test_date_outside_the_history(history: st.Tracker) -> None:
    """Before the first or after the last snapshot: one clear error."""
    with pytest.raises(st.QueryError, match="outside the history"):
        history.as_of(dt.date(2020, 1, 1))
    with pytest.raises(st.QueryError, match="outside the history"):
        history.as_of(dt.date(2025, 1, 1))


def test_as_of_without_history() -> None:
    """as_of on a tracker without a history says how to load one."""
    with pytest.raises(st.QueryError, match="no history is loaded"):
        st.load().as_of(dt.date(2020, 1, 1))


def test_history_of_two_lists_is_refused() -> None:
    """A history mixing the SDN and the Consolidated list is an error."""
    with pytest.raises(st.SourceError, match="a history holds versions of one list"):
        st.load(
            history={
                "2024-05-03": MAY_03,
                "2024-06-01": SHARED_DATA / "ofac-consolidated" / "cons_prim.csv",
            }
        )


def test_snapshots_given_out_of_order() -> None:
    """A file whose name says another date than the one given is refused."""
    with pytest.raises(st.SourceError, match="out of order"):
        st.load(history={"2022-02-25": FEB_23, "2022-02-23": FEB_25})


CONS = SHARED_DATA / "ofac-consolidated"


def test_xml_snapshots_make_a_history() -> None:
    """OFAC's XML forms are snapshots too: each counts what loading it alone gives."""
    advanced, enhanced = CONS / "cons_advanced.xml.gz", CONS / "CONS_ENHANCED.ZIP"
    tracker = st.load(history={"2020-03-17": advanced, "2025-01-10": enhanced})
    assert tracker.history is not None
    alone = [len(st.load(path, bundled=False).designations()) for path in (advanced, enhanced)]
    assert [s.designations for s in tracker.history.snapshots] == alone
    then = tracker.as_of(dt.date(2021, 6, 1))
    assert len(then.designations(list_id="us-ofac-cons")) == alone[0]


def test_a_snapshot_before_the_date_its_xml_states_is_refused() -> None:
    """An XML list dated 2020-03-17 cannot be the list as it stood on 2020-03-16."""
    with pytest.raises(st.SourceError, match="the list is dated 2020-03-17"):
        st.load(history={"2020-03-16": CONS / "cons_advanced.xml.gz"})


def test_a_companion_file_is_no_snapshot() -> None:
    """cons_add.csv holds addresses, not a list: as a snapshot it is refused."""
    with pytest.raises(st.SourceError, match="not a list file"):
        st.load(history={"2024-01-01": CONS / "cons_add.csv"})


def _undated(path: Path, folder: Path) -> Path:
    """The list unpacked as ``folder/sdn.csv``: OFAC's own file name, with no date."""
    folder.mkdir()
    target = folder / "sdn.csv"
    target.write_bytes(gzip.decompress(path.read_bytes()))
    return target


def test_order_of_undated_versions(tmp_path: Path) -> None:
    """Two real sdn.csv files given newest first reversed added and removed silently: the
    diff now says their order cannot be known from dates, and that the entries' numbers
    (OFAC numbers new entries upward) say they look reversed; given oldest first, that the
    numbers agree. Dated versions need no note."""
    old = _undated(SDN / "sdn-2023-06-29.csv.gz", tmp_path / "old")
    new = _undated(MAY_03, tmp_path / "new")
    reversed_ = st.diff(new, old, bundled=False)
    assert reversed_.order_note is not None
    assert "cannot be known from their dates" in reversed_.order_note
    assert "they look reversed" in reversed_.order_note
    in_order = st.diff(old, new, bundled=False)
    assert in_order.order_note is not None
    assert "the entries' numbers agree with the order given" in in_order.order_note
    assert (in_order.counts()["added"], in_order.counts()["removed"]) == (
        reversed_.counts()["removed"],
        reversed_.counts()["added"],
    )
    assert "- Order: " in in_order.to_markdown()
    assert in_order.to_csv().startswith("# order: ")
    dated = st.diff(f"2023-06-29={old}", f"2024-05-03={new}", bundled=False)
    assert dated.order_note is None
    assert (dated.old_as_of, dated.new_as_of) == (dt.date(2023, 6, 29), dt.date(2024, 5, 3))
    assert (dated.added, dated.removed, dated.amended) == (
        in_order.added,
        in_order.removed,
        in_order.amended,
    )
    added, removed, _ = _expected(SDN / "sdn-2023-06-29.csv.gz", MAY_03)
    assert {e.id for e in in_order.added} == added
    assert {e.id for e in in_order.removed} == removed
