"""The snapshot cache (cache/_store.py): a cached answer is the uncached answer; a snapshot
that is out of date, damaged, foreign or of another version is rebuilt, never trusted."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import attrs
import pytest

import sanctions_tracker as st
from conftest import SDN_WITH_COMPANIONS, SHARED_DATA
from sanctions_tracker.cache import SnapshotCache, SnapshotTracker, _store
from sanctions_tracker.cache._format import MAGIC, read_header
from sanctions_tracker.errors import CacheError
from sanctions_tracker.records import CacheNote, CacheStatus, Stamp
from sanctions_tracker.tracker import Tracker

EXCERPT = SHARED_DATA / "ofac-csv-companions" / "excerpt_watchman_ofactest"
SETTINGS = {"threshold": 0.8, "limit": 10}


# --------------------------------------------------------------------------- the full SDN list


def _names_to_screen(tracker: Tracker) -> list[str]:
    """Names from the list itself (one designation in 400, written as people write them:
    ``Qasem Soleimani`` for ``SOLEIMANI, Qasem``, lower case), and names on no list."""
    names = []
    for designation in tracker.designations()[::400]:
        listed = designation.party.name
        surname, comma, given = listed.partition(", ")
        names.append(f"{given} {surname}".lower() if comma else listed.lower())
    return [*names, "Qassem Soleimani", "Bank Melli", "John Smith", "Maria Garcia Lopez"]


def _answer(tracker: Tracker, names: list[str]) -> list[list[tuple[Any, ...]]]:
    """Each name's hits as plain values: record, score, name matched, its strength, and the
    explanation's summary and token alignment."""
    return [
        [
            (
                m.designation_id,
                m.score,
                m.matched_name.full,
                m.name_strength,
                m.explanation.summary,
                tuple(attrs.astuple(t) for t in m.explanation.tokens),
            )
            for m in tracker.screen(name)
        ]
        for name in names
    ]


def _note(tracker: Tracker) -> CacheNote:
    assert tracker.cache is not None
    return tracker.cache


def _bare(stamp: Stamp) -> Stamp:
    """A stamp without its time and its word on the cache."""
    return attrs.evolve(stamp, generated_at=stamp.generated_at.replace(year=2000), cache=None)


@pytest.fixture(scope="module")
def sdn_cache(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The SDN list of 2024-05-03 with its companions: loaded without the cache, then
    twice with it (the first load stores the lists and, on the first screen, the index;
    the second reads both)."""
    folder = tmp_path_factory.mktemp("sdn-cache")
    plain = st.load(*SDN_WITH_COMPANIONS)
    names = _names_to_screen(plain)
    first = st.load(*SDN_WITH_COMPANIONS, cache=folder)
    first_answer = _answer(first, names)
    again = st.load(*SDN_WITH_COMPANIONS, cache=folder)
    return {
        "folder": folder,
        "plain": plain,
        "first": first,
        "again": again,
        "names": names,
        "first_answer": first_answer,
        "again_answer": _answer(again, names),
    }


def test_a_cached_answer_is_the_uncached_answer(sdn_cache: dict[str, Any]) -> None:
    """Screening ~40 names against the SDN list gives the same hits, scores, matched names
    and explanations without the cache, with the lists read and stored, and with the lists
    and the index read from the cache."""
    plain_answer = _answer(sdn_cache["plain"], sdn_cache["names"])
    assert sum(map(len, plain_answer)) > 30  # the names do find designations
    assert sdn_cache["first_answer"] == plain_answer
    assert sdn_cache["again_answer"] == plain_answer


def test_a_cached_stamp_says_so_and_is_otherwise_the_same(sdn_cache: dict[str, Any]) -> None:
    """The stamps of the three answers are the same but for their time and their word on
    the cache: the first says the lists and the index were stored, the second that they
    were read, both under one key; the input files' SHA-256s are those of the files."""
    plain, first, again = (sdn_cache[k].stamp(SETTINGS) for k in ("plain", "first", "again"))
    assert _bare(first) == _bare(plain)
    assert _bare(again) == _bare(plain)
    assert plain.cache is None
    assert first.cache is not None
    assert again.cache is not None
    assert (first.cache.lists, first.cache.index) == (CacheStatus.STORED, CacheStatus.STORED)
    assert (again.cache.lists, again.cache.index) == (CacheStatus.READ, CacheStatus.READ)
    assert first.cache.key == again.cache.key
    assert len(again.cache.key) == 64
    assert again.cache.folder == str(sdn_cache["folder"])
    for path in SDN_WITH_COMPANIONS:
        (shown,) = [i for i in again.inputs if i.path == str(path)]
        assert shown.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


def test_cached_queries_are_the_uncached_queries(sdn_cache: dict[str, Any]) -> None:
    """Listings, look-ups, dated answers with their notes, a summary and the datasets'
    accounts are the same from the cache as from the files."""
    plain, again = sdn_cache["plain"], sdn_cache["again"]
    assert isinstance(again, SnapshotTracker)
    for query in (
        {"program": "SDGT"},
        {"country": "IR", "kind": "person"},
        {"sector": "financial", "active_on": "2020-01-01"},
        {"listed_between": ("2019-01-01", "2019-12-31")},
    ):
        assert again.designations(**query) == plain.designations(**query)
        assert again.date_notes(**query) == plain.date_notes(**query)
    assert again.get("us-ofac-sdn:10481") == plain.get("us-ofac-sdn:10481")
    assert again.counts() == plain.counts()
    assert again.datasets == plain.datasets
    assert again.programs(sector="steel") == plain.programs(sector="steel")
    assert again.same_parties.of("us-ofac-sdn:10481") == plain.same_parties.of("us-ofac-sdn:10481")
    summary = json.loads(again.summary(sector="steel").to_json())
    expected = json.loads(plain.summary(sector="steel").to_json())
    del summary["stamp"], expected["stamp"]
    assert summary == expected
    assert repr(again) == repr(plain)


def test_a_cached_screen_reads_a_small_part_of_the_snapshot(sdn_cache: dict[str, Any]) -> None:
    """Read from the cache, a screen of one name unpickles a small part of the snapshot:
    a few of the designations and of the index's chunks, not the whole list."""
    tracker = st.load(*SDN_WITH_COMPANIONS, cache=sdn_cache["folder"])
    assert isinstance(tracker, SnapshotTracker)
    assert [m.designation_id for m in tracker.screen("Qassem Soleimani")] == ["us-ofac-sdn:10481"]
    entry = tracker._snapshot
    for reader in (entry.reader, entry.index_reader):
        assert reader is not None
        sections = [reader.section(i) for i in range(len(reader.header["sections"]))]
        read, chunks = sum(s.read for s in sections), sum(len(s.chunks) for s in sections)
        assert chunks > 10_000
        assert read < chunks / 50


def test_the_cache_shows_its_snapshots(sdn_cache: dict[str, Any]) -> None:
    """``entries()`` lists the snapshot (current, with its index, key, inputs and size on
    disk) without reading it."""
    (entry,) = SnapshotCache(sdn_cache["folder"]).entries()
    assert entry.status == "current"
    assert entry.index
    assert entry.key == sdn_cache["again"].cache.key
    assert entry.designations == len(sdn_cache["plain"].designations())
    assert {str(p) for p in SDN_WITH_COMPANIONS} <= set(entry.inputs)
    files = list(Path(sdn_cache["folder"]).iterdir())
    assert entry.size == sum(f.stat().st_size for f in files)


def test_a_chunk_damaged_after_the_checks_is_an_error_and_the_snapshot_goes(
    sdn_cache: dict[str, Any], tmp_path: Path
) -> None:
    """A byte changed inside the stored designations passes the checks made on loading
    (they read no chunk) but not the chunk's own: reading it raises CacheError, the
    snapshot is removed, and the next load reads the files again."""
    folder = tmp_path / "cache"
    shutil.copytree(sdn_cache["folder"], folder)
    (lists,) = folder.glob("*.lists")
    with lists.open("rb") as handle:
        header = read_header(handle)
    store = header["sections"][header["store"]]
    at = len(MAGIC) + 8 + header["_length"] + store["data"][0] + store["data"][1] // 2
    data = bytearray(lists.read_bytes())
    data[at] ^= 0xFF
    lists.write_bytes(bytes(data))
    tracker = st.load(*SDN_WITH_COMPANIONS, cache=folder)
    assert _note(tracker).lists is CacheStatus.READ
    with pytest.raises(CacheError, match="does not match its CRC-32"):
        tracker.designations()
    assert not lists.exists()
    again = st.load(*SDN_WITH_COMPANIONS, cache=folder)
    assert _note(again).lists is CacheStatus.STORED
    assert again.designations() == sdn_cache["plain"].designations()


# --------------------------------------------------------------------------- invalidation


@pytest.fixture
def lists(tmp_path: Path) -> Path:
    """A copy of a small, consistent SDN list (17 rows, with its companions) to change."""
    folder = tmp_path / "lists"
    shutil.copytree(EXCERPT, folder)
    return folder


def _load(lists: Path, folder: Path) -> SnapshotTracker:
    found = st.load(lists / "sdn.csv", bundled=False, cache=folder)
    assert isinstance(found, SnapshotTracker)
    return found


def test_the_second_load_is_read_from_the_cache(lists: Path, tmp_path: Path) -> None:
    """A small list: stored, then read, under the same key, with the same records."""
    first = _load(lists, tmp_path / "c")
    again = _load(lists, tmp_path / "c")
    assert (first.cache.lists, again.cache.lists) == (CacheStatus.STORED, CacheStatus.READ)
    assert again.cache.key == first.cache.key
    assert again.designations() == st.load(lists / "sdn.csv", bundled=False).designations()


def test_a_changed_input_file_is_read_again(lists: Path, tmp_path: Path) -> None:
    """A list file changed since the snapshot: the snapshot is rebuilt (the reason names
    the file), the key changes, and the answer holds the new row."""
    first = _load(lists, tmp_path / "c")
    with (lists / "sdn.csv").open("a", encoding="utf-8") as out:
        out.write(
            '99999999,"ZZYZX TRADING COMPANY",-0- ,"SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \n'
        )
    again = _load(lists, tmp_path / "c")
    assert again.cache.lists is CacheStatus.STORED
    assert "sdn.csv changed" in again.cache.reason
    assert again.cache.key != first.cache.key
    assert [m.designation_id for m in again.screen("Zzyzx Trading")] == ["us-ofac-sdn:99999999"]


def test_a_companion_added_beside_the_list_is_read(lists: Path, tmp_path: Path) -> None:
    """A companion file that appears beside the list after the snapshot was made (it would
    be read with the list) makes the snapshot out of date."""
    (lists / "alt.csv").rename(tmp_path / "alt.csv")
    first = _load(lists, tmp_path / "c")
    (tmp_path / "alt.csv").rename(lists / "alt.csv")
    again = _load(lists, tmp_path / "c")
    assert again.cache.lists is CacheStatus.STORED
    assert "added to or removed from" in again.cache.reason
    assert len(again.datasets[0].accounts) == len(first.datasets[0].accounts) + 1


def test_another_version_or_code_is_rebuilt(
    lists: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A snapshot made by another version of the library, or by other code of the same
    version (a checkout being worked on), is not read."""
    _load(lists, tmp_path / "c")
    name = next((tmp_path / "c").glob("*.lists")).stem
    monkeypatch.setattr(_store._Request, "name", lambda _self: name)
    monkeypatch.setattr(_store, "tool_version", lambda: "99.0")
    newer = _load(lists, tmp_path / "c")
    assert newer.cache.lists is CacheStatus.STORED
    assert "made by version 0.1.0" in newer.cache.reason
    monkeypatch.setattr(_store, "_code_fingerprint", lambda: "other code")
    changed = _load(lists, tmp_path / "c")
    assert "other code of the library" in changed.cache.reason


def test_a_cut_short_snapshot_is_rebuilt_with_a_warning(lists: Path, tmp_path: Path) -> None:
    """A snapshot cut short is not read: the lists are read from the files, stored anew,
    and the tracker says what was wrong (the command line prints it as a warning)."""
    _load(lists, tmp_path / "c")
    (snapshot,) = (tmp_path / "c").glob("*.lists")
    snapshot.write_bytes(snapshot.read_bytes()[:-100])
    again = _load(lists, tmp_path / "c")
    assert again.cache.lists is CacheStatus.STORED
    assert isinstance(again, SnapshotTracker)
    assert any("damaged" in line and "cut short" in line for line in again.cache_warnings)
    assert _load(lists, tmp_path / "c").cache.lists is CacheStatus.READ


def test_a_cut_short_index_is_built_again(lists: Path, tmp_path: Path) -> None:
    """The screening index's snapshot cut short: the index is built again and stored."""
    _load(lists, tmp_path / "c").screen("Daniel Moreno")
    (index,) = (tmp_path / "c").glob("*.index")
    index.write_bytes(index.read_bytes()[:-10])
    again = _load(lists, tmp_path / "c")
    hits = again.screen("Daniel Moreno")
    assert again.cache.index is CacheStatus.STORED
    assert [m.designation_id for m in hits] == ["us-ofac-sdn:15102"]


def test_a_snapshot_others_may_write_is_not_read(lists: Path, tmp_path: Path) -> None:
    """A snapshot file that other users may write to could hold anyone's pickle: it is
    not read (and replaced by one of the user's own)."""
    _load(lists, tmp_path / "c")
    (snapshot,) = (tmp_path / "c").glob("*.lists")
    snapshot.chmod(0o666)
    again = _load(lists, tmp_path / "c")
    assert again.cache.lists is CacheStatus.STORED
    assert any("writable by other users" in line for line in again.cache_warnings)
    assert snapshot.stat().st_mode & 0o777 == 0o600


def test_a_snapshot_of_another_user_is_not_read(
    lists: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A snapshot (and a folder) owned by another user is not trusted: seen as another
    user, the cache reads nothing, stores nothing, and the answer is the files' answer."""
    _load(lists, tmp_path / "c")
    monkeypatch.setattr(_store, "_uid", lambda: os.getuid() + 1)
    again = _load(lists, tmp_path / "c")
    assert again.cache.lists is CacheStatus.NOT_STORED
    assert "owned by another user" in again.cache.reason
    assert again.designations() == st.load(lists / "sdn.csv", bundled=False).designations()


def test_a_folder_others_may_write_to_is_not_used(lists: Path, tmp_path: Path) -> None:
    """A cache folder other users may write to (``/tmp`` itself, say) is not used: its
    snapshots are not read, none is written, and the tracker says why."""
    folder = tmp_path / "c"
    _load(lists, folder)
    folder.chmod(0o777)
    again = _load(lists, folder)
    assert again.cache.lists is CacheStatus.NOT_STORED
    assert "writable by other users" in again.cache.reason
    assert any("not used" in line for line in again.cache_warnings)


def test_a_history_is_not_cached(tmp_path: Path) -> None:
    """A load with a history (and a file that carries its own, SECO's) builds its views of
    each day on demand: it is not cached, and nothing is written."""
    seco = SHARED_DATA / "ch-seco" / "seco_excerpt_2026-08-15.xml"
    folder = tmp_path / "c"
    assert type(st.load(seco, cache=folder)) is Tracker
    history: dict[str | dt.date, str | os.PathLike[str]] = {
        "2024-05-02": SHARED_DATA / "ofac-sdn" / "sdn-2024-05-02.csv.gz",
        "2024-05-03": SHARED_DATA / "ofac-sdn" / "sdn-2024-05-03.csv.gz",
    }
    assert type(st.load(history=history, cache=folder)) is Tracker
    assert not any(folder.glob("*.lists"))


def test_clear_removes_every_snapshot(lists: Path, tmp_path: Path) -> None:
    """``clear()`` removes the snapshots and their indices, and says how many files."""
    _load(lists, tmp_path / "c").screen("Daniel Moreno")
    st.load(cache=tmp_path / "c")
    cache = SnapshotCache(tmp_path / "c")
    assert len(cache.entries()) == 2
    assert cache.clear() == 3
    assert cache.entries() == ()
    assert list((tmp_path / "c").iterdir()) == []


CONCURRENT = """
import json, sys
import sanctions_tracker as st
tracker = st.load(sys.argv[1], bundled=False, cache=sys.argv[2])
hits = [m.designation_id for m in tracker.screen("Daniel Moreno")]
print(json.dumps({"hits": hits, "status": tracker.cache.lists.value}))
"""


def test_processes_writing_at_once_leave_one_whole_snapshot(lists: Path, tmp_path: Path) -> None:
    """Four processes loading at once into an empty cache all answer, and leave one whole
    snapshot (no half-written file) that the next load reads."""
    folder = tmp_path / "c"
    env = {k: v for k, v in os.environ.items() if k != "SANCTIONS_TRACKER_NO_CACHE"}
    children = [
        subprocess.Popen(
            [sys.executable, "-c", CONCURRENT, str(lists / "sdn.csv"), str(folder)],
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        )
        for _ in range(4)
    ]
    answers = [json.loads(child.communicate(timeout=300)[0]) for child in children]
    assert all(child.returncode == 0 for child in children)
    assert {tuple(a["hits"]) for a in answers} == {("us-ofac-sdn:15102",)}
    assert sorted(p.suffix for p in folder.iterdir()) == [".index", ".lists"]
    assert _load(lists, folder).cache.lists is CacheStatus.READ
