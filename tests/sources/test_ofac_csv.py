"""The OFAC CSV family on the real snapshots: counts, accounts, merging, sectors, bad files."""

from __future__ import annotations

import csv
import gzip
from pathlib import Path

import pytest

import sanctions_tracker as st
from conftest import SHARED_DATA
from sanctions_tracker.records import PROBLEMS_LISTED, FileAccount
from sanctions_tracker.sources.ofac_remarks import parse_remarks

SDN = SHARED_DATA / "ofac-sdn"
COMPANIONS = SHARED_DATA / "ofac-csv-companions"
CONSOLIDATED = SHARED_DATA / "ofac-consolidated"
LATEST = SDN / "sdn-2024-05-03.csv.gz"
SNAPSHOTS = sorted(SDN.glob("sdn-*.csv.gz"))

pytestmark = pytest.mark.skipif(not LATEST.exists(), reason="../shared/data is not present")


def _raw_rows(path: Path) -> list[list[str]]:
    """The main file's rows, read independently of the library (csv module only)."""
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8", newline="") as handle:
        return [row for row in csv.reader(handle) if row and row != ["\x1a"]]


def _accounts(tracker: st.Tracker) -> list[FileAccount]:
    return [a for d in tracker.datasets for a in d.accounts if not a.format.startswith("fixtures")]


@pytest.fixture(scope="module")
def latest() -> st.Tracker:
    """The 2024-05-03 SDN list with all its companions, beside the bundled fixtures."""
    return st.load(
        LATEST,
        COMPANIONS / "alt.csv.gz",
        COMPANIONS / "add.csv.gz",
        COMPANIONS / "sdn_comments.csv",
    )


@pytest.mark.parametrize("snapshot", SNAPSHOTS, ids=lambda p: p.name)
def test_every_row_is_accounted_for(snapshot: Path) -> None:
    """Rows read = records made + rows reported, and every row became a designation."""
    tracker = st.load(snapshot, bundled=False)
    (account,) = _accounts(tracker)
    raw = _raw_rows(snapshot)
    assert account.balanced
    assert account.rows_read == len(raw)
    assert account.records_made == len(raw)
    assert account.rejected == ()
    assert account.end_marker
    assert {d.id for d in tracker.designations()} == {f"us-ofac-sdn:{r[0]}" for r in raw}


def test_program_counts(latest: st.Tracker) -> None:
    """Program tags are split on '] [' and counted as OFAC's table gives them."""
    assert len(latest.designations(program="IRAN-EO13876")) == 112
    assert len(latest.designations(program="IRAN-EO13871")) == 51
    assert len(latest.designations(program="IFSR")) == 1171
    irgc = latest.get("us-ofac-sdn:10391")
    assert isinstance(irgc, st.Designation)
    assert irgc.programs[:3] == ("FTO", "SDGT", "NPWMD")


def test_companions_are_merged_and_orphans_reported(latest: st.Tracker) -> None:
    """alt/add/comments rows join their main row by ent_num; the rest are reported."""
    accounts = {a.format: a for a in _accounts(latest)}
    for account in accounts.values():
        assert account.balanced, account.file
    alt = accounts["OFAC alternate names CSV"]
    assert alt.records_made > 15000
    assert alt.orphans  # the companions are newer than the snapshot
    assert all("has no row in the main list file" in o.reason for o in alt.orphans)
    quds = latest.get("us-ofac-sdn:10465")
    assert isinstance(quds, st.Designation)
    strong = [n.full for n in quds.party.names if n.kind is st.NameKind.AKA and not n.weak]
    assert any("QODS FORCE" in n or "QUDS FORCE" in n for n in strong)


def test_fixture_and_list_become_one_record(latest: st.Tracker) -> None:
    """RAISI, Ebrahim: the list's facts and the fixture's listing date, actions and citations."""
    raisi = latest.get("us-ofac-sdn:27844")
    assert isinstance(raisi, st.Designation)
    assert len([d for d in latest.designations() if d.id == "us-ofac-sdn:27844"]) == 1
    assert raisi.listed_on is not None
    assert raisi.listed_on.isoformat() == "2019-11-04"
    assert [str(d) for d in raisi.party.birth_dates] == ["1960-12-14", "1960-11", "1960-12"]
    assert raisi.party.birth_places == ("Masshad, Iran",)
    assert raisi.party.gender == "male"
    assert "src-us-ofac-sdn:sdn-2024-05-03.csv.gz" in raisi.sources
    assert any(s.startswith("src-") and "ofac-sdn" not in s for s in raisi.sources)
    assert [a.id for a in latest.actions_for(raisi.id)] == ["us-treasury-2019-11-04-eo13876"]


def test_disagreements_are_reported_and_the_list_wins(tmp_path: Path) -> None:
    """A fixture that misspells a listed name is overridden, and the difference is reported."""
    fixture = tmp_path / "mine.json"
    fixture.write_text(
        '{"sources": [{"id": "src-mine", "publisher": "Me", "title": "Notes"}],'
        ' "programs": [{"id": "IRAN-EO13876", "name": "x", "sources": ["src-mine"]}],'
        ' "designations": [{"id": "us-ofac-sdn:27844", "list_id": "us-ofac-sdn",'
        ' "party": {"kind": "individual", "names": [{"full": "RAISI, Ibrahim"}]},'
        ' "programs": ["IRAN-EO13876"], "sources": ["src-mine"], "listed_on": "2019-11-04"}]}',
        encoding="utf-8",
    )
    tracker = st.load(fixture, LATEST, bundled=False)
    raisi = tracker.get("us-ofac-sdn:27844")
    assert isinstance(raisi, st.Designation)
    assert raisi.name == "RAISI, Ebrahim"
    (account,) = _accounts(tracker)
    assert [(d.record, d.field, d.fixture, d.listed) for d in account.disagreements] == [
        ("us-ofac-sdn:27844", "party.name", "RAISI, Ibrahim", "RAISI, Ebrahim")
    ]


def test_steel_sector_on_the_real_list(latest: st.Tracker) -> None:
    """Steel finds the Iranian steelmakers, even unnamed ones, and not copper, aluminum or banks."""
    steel = {d.id.split(":")[1] for d in latest.designations(sector="steel")}
    for uid in ("28284", "28285", "28286", "28288", "28291", "25064", "30752", "29112", "30757"):
        assert uid in steel
    for uid in ("28293", "28305", "25883"):
        assert uid not in steel
    banks = latest.designations(program="IRAN-EO13902")
    assert banks
    assert not steel & {d.id.split(":")[1] for d in banks}
    metals = {d.id.split(":")[1] for d in latest.designations(sector="metals")}
    assert steel | {"28293", "28305", "25883"} <= metals


def test_program_only_metals_stay_in_metals(latest: st.Tracker) -> None:
    """An E.O. 13871 designation whose name says no metal is in metals, not in steel."""
    for designation in latest.designations(program="IRAN-EO13871"):
        bases = {a.sector: a.basis for a in designation.sectors}
        assert "metals" in bases
        if set(bases) <= {"metals"}:
            assert not designation.in_sector("steel")


def test_broken_row_is_reported_with_line_and_reason(tmp_path: Path) -> None:
    """A copy with a row of 11 columns slipped in: that row is rejected, nothing else lost."""
    raw = gzip.decompress(LATEST.read_bytes()).decode("utf-8")
    lines = raw.split("\r\n")
    lines.insert(10, '99999999,"BROKEN ROW",-0- ,"SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ')
    broken = tmp_path / "sdn.csv"
    broken.write_text("\r\n".join(lines), encoding="utf-8", newline="")
    tracker = st.load(broken, bundled=False)
    (account,) = _accounts(tracker)
    assert account.balanced
    assert account.records_made == 14965
    (problem,) = account.rejected
    assert (problem.line, problem.reason, problem.key) == (
        11,
        "expected 12 columns, got 11",
        "99999999",
    )


def test_remarks_kept_as_text_beyond_the_first_ten_thousand_are_counted(
    tmp_path: Path,
) -> None:
    """A file whose rows carry more remarks not understood than PROBLEMS_LISTED: the first
    PROBLEMS_LISTED are listed in the account, the rest counted in ``unparsed_beyond``, so
    the account stays bounded; every remark is still kept as text in its record."""
    raw = gzip.decompress(LATEST.read_bytes()).decode("utf-8").rstrip("\x1a\r\n")
    extra = PROBLEMS_LISTED + 25
    assert parse_remarks("Zorblat qux 17.").unparsed == ("Zorblat qux 17",)
    rows = [
        f'{90_000_000 + n},"MADE UP PARTY {n}",-0- ,"SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,'
        f'"Zorblat qux {n}."'
        for n in range(extra)
    ]
    padded = tmp_path / "sdn.csv"
    padded.write_text(raw + "\r\n" + "\r\n".join(rows) + "\r\n", encoding="utf-8", newline="")
    (before,) = _accounts(st.load(LATEST, bundled=False))
    tracker = st.load(padded, bundled=False)
    (account,) = _accounts(tracker)
    assert account.balanced
    assert len(account.unparsed_remarks) == PROBLEMS_LISTED
    assert account.kept_as_text == before.kept_as_text + extra
    assert account.unparsed_beyond == before.kept_as_text + extra - PROBLEMS_LISTED
    last = tracker.get(f"us-ofac-sdn:{90_000_000 + extra - 1}")
    assert isinstance(last, st.Designation)
    assert f"Zorblat qux {extra - 1}" in (last.party.remarks or "")


def test_recognised_by_content_not_name(tmp_path: Path) -> None:
    """The SDN file under another name, ungzipped, is still an SDN list."""
    renamed = tmp_path / "download.txt"
    renamed.write_bytes(gzip.decompress(LATEST.read_bytes()))
    tracker = st.load(renamed, bundled=False)
    assert len(tracker.designations(list_id="us-ofac-sdn")) == 14965


def test_consolidated_list_is_its_own_list() -> None:
    """cons_prim.csv loads as us-ofac-cons with its companions lying beside it."""
    tracker = st.load(CONSOLIDATED / "cons_prim.csv", bundled=False)
    designations = tracker.designations()
    assert designations
    assert {d.list_id for d in designations} == {"us-ofac-cons"}
    formats = {a.format for a in _accounts(tracker)}
    assert formats == {
        "OFAC list CSV",
        "OFAC alternate names CSV",
        "OFAC addresses CSV",
        "OFAC remarks continuation CSV",
    }
    assert all(a.balanced for a in _accounts(tracker))


def test_excerpt_family_is_consistent() -> None:
    """The 17-row excerpt and its three companions, found beside it: nothing rejected.

    Some companion rows name ent_nums outside the excerpt: they are reported as orphans.
    """
    folder = COMPANIONS / "excerpt_watchman_ofactest"
    tracker = st.load(folder / "sdn.csv", bundled=False)
    accounts = _accounts(tracker)
    assert len(accounts) == 4
    assert accounts[0].records_made == 17
    assert all(a.balanced and not a.rejected for a in accounts)
    alt = next(a for a in accounts if a.format == "OFAC alternate names CSV")
    assert (alt.rows_read, alt.records_made, len(alt.orphans)) == (18, 13, 5)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "the file is empty"),
        (b"\x00\x01\x02binary\x00", "a binary file"),
        (b"name,age\nbob,3\n", r"not a fixture file \(JSON\) nor a list file"),
    ],
)
def test_bad_files_give_one_clear_error(tmp_path: Path, content: bytes, message: str) -> None:
    """Empty, binary and foreign files are SourceErrors naming the file."""
    path = tmp_path / "input.csv"
    path.write_bytes(content)
    with pytest.raises(st.SourceError, match=message):
        st.load(path, bundled=False)


def test_truncated_gzip(tmp_path: Path) -> None:
    """A gzip cut short is one clear error, not a traceback from zlib."""
    path = tmp_path / "sdn.csv.gz"
    path.write_bytes(LATEST.read_bytes()[:5000])
    with pytest.raises(st.SourceError, match="gzip data is truncated or corrupt"):
        st.load(path, bundled=False)


def test_companion_without_main_file() -> None:
    """alt.csv alone cannot be loaded: it says which main file it needs."""
    with pytest.raises(st.SourceError, match="no main list file"):
        st.load(COMPANIONS / "alt.csv.gz", bundled=False)


def test_two_versions_of_one_list() -> None:
    """Two SDN snapshots in one load are refused (a history is another feature)."""
    with pytest.raises(st.SourceError, match="load one version of a list"):
        st.load(SNAPSHOTS[0], LATEST, bundled=False)


def test_vessel_and_aircraft_columns(latest: st.Tracker) -> None:
    """Vessel columns become VesselInfo; aircraft and vessels keep their kind."""
    vessels = latest.designations(kind="vessel")
    aircraft = latest.designations(kind="aircraft")
    assert len(vessels) == 851
    assert len(aircraft) == 376
    with_flag = [v for v in vessels if v.party.vessel and v.party.vessel.flag]
    assert with_flag
    raw = {r[0]: r for r in _raw_rows(LATEST)}
    sample = with_flag[0]
    row = raw[sample.id.split(":")[1]]
    assert sample.party.vessel is not None
    assert sample.party.vessel.flag == row[9].strip()
    assert sample.party.vessel.call_sign == (None if row[5].strip() == "-0-" else row[5].strip())


def test_summary_on_the_loaded_list(latest: st.Tracker) -> None:
    """The steel summary works on the list as on the fixtures."""
    summary = latest.summary(sector="steel")
    assert summary.designation_count == len(latest.designations(sector="steel"))
    text = summary.to_markdown()
    assert "ESFARAYEN INDUSTRIAL COMPLEX" in text
    assert "sdn-2024-05-03.csv.gz" in text


def test_links_resolve_to_listed_records(latest: st.Tracker) -> None:
    """'Linked To: PASARGAD STEEL COMPLEX' points at that record's id."""
    kaifeng = latest.get("us-ofac-sdn:30754")
    assert isinstance(kaifeng, st.Designation)
    (link,) = kaifeng.party.links
    assert (link.relation, link.name, link.target) == (
        "linked-to",
        "PASARGAD STEEL COMPLEX",
        "us-ofac-sdn:30752",
    )


def test_consolidated_list_recognised_by_content(tmp_path: Path) -> None:
    """cons_prim.csv under another name is still the Consolidated list, by its program tags."""
    renamed = tmp_path / "download.csv"
    renamed.write_bytes((CONSOLIDATED / "cons_prim.csv").read_bytes())
    tracker = st.load(renamed, bundled=False)
    assert {d.list_id for d in tracker.designations()} == {"us-ofac-cons"}


def test_user_fixture_may_name_listed_records(tmp_path: Path) -> None:
    """An action in a user's fixture may list a designation that only the list file holds."""
    fixture = tmp_path / "mine.json"
    fixture.write_text(
        '{"sources": [{"id": "src-mine", "publisher": "Me", "title": "Notes"}],'
        ' "actions": [{"id": "my-action", "agency": "OFAC", "kind": "designation",'
        ' "taken_on": "2020-01-10", "title": "Steel", "sources": ["src-mine"],'
        ' "programs": ["IRAN-EO13871"], "designations": ["us-ofac-sdn:28293"]}]}',
        encoding="utf-8",
    )
    tracker = st.load(fixture, LATEST, bundled=False)
    assert [a.id for a in tracker.actions_for("us-ofac-sdn:28293")] == ["my-action"]
    with pytest.raises(st.FixtureError, match="no designation has the id 'us-ofac-sdn:28293'"):
        st.load(fixture, bundled=False)


def test_unreadable_csv_row_is_reported_and_reading_goes_on(tmp_path: Path) -> None:
    """A row the csv module cannot read (a cell over its size limit) is rejected with its
    line; the rows after it are read."""

    def row(ent: int, name: str) -> str:
        return f'{ent},"{name}",-0- ,"SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \n'

    path = tmp_path / "sdn.csv"
    path.write_text(row(1, "A") + row(2, "B" * 200_000) + row(3, "C"), encoding="utf-8")
    tracker = st.load(path, bundled=False)
    (account,) = _accounts(tracker)
    assert account.balanced
    assert (account.rows_read, account.records_made) == (3, 2)
    (problem,) = account.rejected
    assert problem.line == 2
    assert problem.reason.startswith("unreadable CSV: field larger than field limit")
    assert [d.id for d in tracker.designations()] == ["us-ofac-sdn:1", "us-ofac-sdn:3"]


def test_a_gzip_bomb_is_refused_before_it_fills_the_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A gzip file that looks like an SDN list and unpacks to more than the limit (1 GiB;
    1 MiB here) is one clear error; one that is no list is refused from its head, without
    being unpacked."""
    monkeypatch.setattr("sanctions_tracker.sources._files.MAX_UNPACKED_BYTES", 2**20)
    bomb = tmp_path / "sdn.csv.gz"
    row = b"1,A,individual,SDGT,-0-,-0-,-0-,-0-,-0-,-0-,-0-,-0-\n"
    bomb.write_bytes(gzip.compress(row * (2**20 // len(row) + 1)))
    assert bomb.stat().st_size < 2**14
    with pytest.raises(st.SourceError, match=r"sdn\.csv\.gz: unpacks to more than 1 MB"):
        st.load(bomb)
    small = tmp_path / "small.csv.gz"
    small.write_bytes(gzip.compress(b"1,a,b\n" * 1000))
    with pytest.raises(st.SourceError, match="not a fixture file"):
        st.load(small)
