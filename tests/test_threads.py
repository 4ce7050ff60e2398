"""The library in a service that uses threads: no switch of one thread is seen by another.

A load once switched attrs validation off for the whole process (another thread's invalid
records were then accepted, a fixture file that must fail loaded) and the cyclic garbage
collector too; eight threads screening at once built the screening index eight times.
"""

from __future__ import annotations

import contextlib
import gc
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import pytest

import sanctions_tracker as st
from conftest import MINIMAL, SHARED_DATA
from sanctions_tracker import screening
from sanctions_tracker.records import Designation, Name, Party, PartyKind

SDN_FILES = (
    SHARED_DATA / "ofac-sdn" / "sdn-2024-05-03.csv.gz",
    SHARED_DATA / "ofac-csv-companions" / "alt.csv.gz",
    SHARED_DATA / "ofac-csv-companions" / "add.csv.gz",
    SHARED_DATA / "ofac-csv-companions" / "sdn_comments.csv",
)


def _while_loading(check: Callable[[], None], loads: int = 2) -> int:
    """Run ``check`` over and over in this thread while other threads load the SDN list
    with its companions; how many times it ran during the loads."""
    loaders = [
        threading.Thread(target=lambda: [st.load(*SDN_FILES) for _ in range(loads)])
        for _ in range(2)
    ]
    for loader in loaders:
        loader.start()
    runs = 0
    while any(loader.is_alive() for loader in loaders):
        check()
        runs += 1
        time.sleep(0)
    for loader in loaders:
        loader.join()
    return runs


def _invalid_records_accepted() -> list[Any]:
    """Records that must be refused, each built here; those that were not refused."""
    party = Party(kind=PartyKind.ENTITY, names=(Name("ACME"),))
    makers: list[Callable[[], Any]] = [
        lambda: Name("   "),
        lambda: Designation(id="x:1!", list_id="x", party=party, programs=("P",), sources=("s",)),
        lambda: Designation(id="x:1", list_id="x", party=party, programs=("P",), sources=()),
        lambda: Party(kind=PartyKind.ENTITY, names=(Name("A", kind=st.NameKind.AKA),)),
    ]
    accepted = []
    for make in makers:
        with contextlib.suppress(ValueError):
            accepted.append(make())
    return accepted


def test_no_thread_sees_validation_or_the_collector_off_during_a_load() -> None:
    """While two threads load the SDN list twice each, a third builds invalid records
    again and again: every one is refused, and validation and the garbage collector are
    never seen switched off; they are on when the loads end."""
    accepted: list[Any] = []
    seen_off: list[str] = []

    def check() -> None:
        accepted.extend(_invalid_records_accepted())
        if attrs.validators.get_disabled():
            seen_off.append("validation")
        if not gc.isenabled():
            seen_off.append("garbage collector")

    runs = _while_loading(check)
    assert runs > 10
    assert accepted == []
    assert seen_off == []
    assert not attrs.validators.get_disabled()
    assert gc.isenabled()


def test_a_fixture_that_must_fail_fails_during_loads_in_other_threads(
    write_fixture: Callable[..., Path],
) -> None:
    """A fixture file that only the records' validators refuse (a program's country
    written 'Iran', not 'IR') is refused every time it is loaded, while other threads load
    the SDN list (it loads when validation is off: the test could fail)."""
    programs = [{**MINIMAL["programs"][0], "country": "Iran"}, *MINIMAL["programs"][1:]]
    path = write_fixture({**MINIMAL, "programs": programs})
    with attrs.validators.disabled():
        assert st.load(path, bundled=False).programs()
    outcomes: list[str] = []

    def check() -> None:
        try:
            st.load(path, bundled=False)
            outcomes.append("loaded")
        except st.FixtureError:
            outcomes.append("refused")

    _while_loading(check, loads=1)
    assert outcomes
    assert set(outcomes) == {"refused"}


def test_eight_threads_asking_for_the_screener_build_it_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Eight threads that screen at once on a fresh tracker share one screening index:
    it is built once (the build is slowed to hold the threads together), and each thread
    gets the same matches as one thread alone."""
    builds: list[int] = []
    real = screening.Screener

    def counted(designations: Any) -> screening.Screener:
        """The class under test, its builds counted (a function, not a subclass: the
        compiled build's Screener cannot be subclassed)."""
        builds.append(threading.get_ident())
        time.sleep(0.3)
        return real(designations)

    monkeypatch.setattr(screening, "Screener", counted)
    tracker = st.load()
    alone = st.load().screen("Qassem Soleimani")
    builds.clear()
    start = threading.Barrier(8)
    results: list[tuple[int, tuple[str, ...]]] = []

    def screen() -> None:
        start.wait()
        matches = tracker.screen("Qassem Soleimani")
        results.append((id(tracker.screener), tuple(m.designation_id for m in matches)))

    threads = [threading.Thread(target=screen) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(builds) == 1
    assert len(results) == 8
    assert {screener for screener, _ in results} == {id(tracker.screener)}
    assert {ids for _, ids in results} == {tuple(m.designation_id for m in alone)}
