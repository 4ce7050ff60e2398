"""The EU's consolidated list: the FSF XML 1.1 excerpts and the legacy FSD XML, read into
designations and checked against a plain parse of the same files.

The files are also read here with the standard library's ElementTree (they are the EU's
own files, trusted here), so that counts, ids, programmes and dates are checked against
an independent parse rather than against the readers themselves.
"""

from __future__ import annotations

import datetime as dt
import gzip
import xml.etree.ElementTree as ET  # only to read the real, trusted files independently
from collections import Counter
from pathlib import Path

import pytest

import sanctions_tracker as st
from conftest import SHARED_DATA
from sanctions_tracker.cli import main
from sanctions_tracker.records import (
    SAME_PARTY,
    Designation,
    FileAccount,
    Link,
    NameKind,
    PartialDate,
    PartyKind,
)

EU = SHARED_DATA / "eu-fsf"
A = EU / "eu_fsf_excerpt_2026-08-05_a.xml"
B = EU / "eu_fsf_excerpt_2026-08-05_b.xml"
LEGACY = EU / "eu_legacy_2016-02-11_part.xml.gz"
NS = "{http://eu.europa.ec/fpi/fsd/export}"

pytestmark = pytest.mark.skipif(not A.exists(), reason="../shared/data is not present")


def _root(path: Path) -> ET.Element:
    data = path.read_bytes()
    if path.suffix == ".gz":
        data = gzip.decompress(data)
    return ET.fromstring(data)  # noqa: S314 - the EU's own file, read to check the reader


def _entities(path: Path) -> list[ET.Element]:
    """Every sanctionEntity (1.1) or ENTITY (legacy), by a plain parse."""
    root = _root(path)
    return list(root.iter(f"{NS}sanctionEntity")) or list(root.iter("ENTITY"))


def _account(tracker: st.Tracker) -> FileAccount:
    (account,) = [a for d in tracker.datasets for a in d.accounts if a.format.startswith("EU ")]
    return account


def _designation(tracker: st.Tracker, record_id: str) -> Designation:
    found = tracker.get(record_id)
    assert isinstance(found, Designation)
    return found


@pytest.fixture(scope="module")
def trackers() -> dict[Path, st.Tracker]:
    """Each EU file alone."""
    return {path: st.load(path, bundled=False) for path in (A, B, LEGACY)}


# --------------------------------------------------------------------------- the account


@pytest.mark.parametrize("path", [A, B, LEGACY], ids=lambda p: p.name)
def test_every_entity_is_made_or_rejected(trackers: dict[Path, st.Tracker], path: Path) -> None:
    """Each entity element of the file is read once: made into eu-fsf:<logicalId>, or
    rejected with its line; the account balances on the plain parse's count."""
    entities = _entities(path)
    account = _account(trackers[path])
    assert account.rows_read == len(entities)
    assert account.balanced
    made = {d.id for d in trackers[path].designations(list_id="eu-fsf")}
    assert account.records_made == len(made)
    ids = {f"eu-fsf:{e.get('logicalId') or e.get('Id')}" for e in entities}
    rejected = {f"eu-fsf:{p.key}" for p in account.rejected}
    assert made | rejected == ids
    assert not made & rejected


def test_the_made_up_entity_is_rejected_for_what_it_lacks(trackers: dict[Path, st.Tracker]) -> None:
    """Excerpt a's made-up entity (EU.0.0, no name, no regulation) is not loaded: it is
    rejected with each reason a real entry could fail on, on its own line."""
    (entity,) = [e for e in _entities(A) if e.get("euReferenceNumber") == "EU.0.0"]
    (problem,) = _account(trackers[A]).rejected
    assert problem.key == entity.get("logicalId")
    assert "EU.0.0" in problem.reason
    assert "no name" in problem.reason
    assert "no regulation" in problem.reason
    text = A.read_text(encoding="utf-8")
    line = next(i for i, t in enumerate(text.splitlines(), 1) if 'logicalId="999999"' in t)
    assert problem.line == line
    assert f"eu-fsf:{entity.get('logicalId')}" not in trackers[A]


def test_the_file_dates_the_dataset(trackers: dict[Path, st.Tracker]) -> None:
    """The dataset is as of the file's own date: generationDate (1.1), Date (legacy)."""
    generated = _root(A).get("generationDate") or ""
    assert trackers[A].datasets[0].as_of == dt.date.fromisoformat(generated[:10])
    day, month, year = (_root(LEGACY).get("Date") or "").split("/")
    assert trackers[LEGACY].datasets[0].as_of == dt.date(int(year), int(month), int(day))


# --------------------------------------------------------------------------- programmes


@pytest.mark.parametrize("path", [B, LEGACY], ids=lambda p: p.name)
def test_each_programme_is_a_program_with_the_acts_named(
    trackers: dict[Path, st.Tracker], path: Path
) -> None:
    """Every entity is under EU-<programme>; each program holds as many designations as
    the plain parse counts, and its authorities are the acts named under it."""
    tracker = trackers[path]
    counts: Counter[str] = Counter()
    acts: dict[str, set[str]] = {}
    for entity in _entities(path):
        if path is LEGACY:
            programme = entity.get("programme") or ""
            numbers = {e.get("legal_basis") or "" for e in entity.iter() if e.get("legal_basis")}
        else:
            regulation = entity.find(f"{NS}regulation")
            assert regulation is not None
            programme = regulation.get("programme") or ""
            numbers = {
                e.get("numberTitle") or ""
                for e in entity.iter()
                if e.tag in {f"{NS}regulation", f"{NS}regulationSummary"}
            }
        counts[programme] += 1
        acts.setdefault(programme, set()).update(n.partition(" (")[0] for n in numbers)
    for programme, count in counts.items():
        program = tracker.program(f"EU-{programme}")
        assert program.country in {None, "IQ", "AF", "CD", "ZW", "LY", "IR"}
        assert len(tracker.designations(program=program.id)) >= count
        assert {tracker.authority(a).code.partition(" (")[0] for a in program.authorities} >= acts[
            programme
        ]
        for authority in program.authorities:
            assert tracker.authority(authority).country == "EU"


def test_an_act_cites_its_text(trackers: dict[Path, st.Tracker]) -> None:
    """An act whose URL the file gives cites it: the authority's second source is the act
    at that URL."""
    act = trackers[B].authority("eu-act:2024/2074")
    (url,) = {
        e.findtext(f"{NS}publicationUrl")
        for e in _root(B).iter(f"{NS}regulation")
        if (e.get("numberTitle") or "").startswith("2024/2074")
    }
    source = trackers[B].source(act.sources[1])
    assert source.url == url
    assert source.published_on == dt.date(2024, 7, 29)


# --------------------------------------------------------------------------- entries


def test_the_listing_date_is_the_designation_date(trackers: dict[Path, st.Tracker]) -> None:
    """listed_on is the entity's designationDate; an entity without one has no listing
    date (never its regulation's publication date, an amending act's)."""
    for entity in _entities(B):
        designation = _designation(trackers[B], f"eu-fsf:{entity.get('logicalId')}")
        given = entity.get("designationDate")
        assert designation.listed_on == (dt.date.fromisoformat(given) if given else None)
    assert _designation(trackers[B], "eu-fsf:191").listed_on is None


def test_names_primary_strength_script_and_language(trackers: dict[Path, st.Tracker]) -> None:
    """The primary name is the oldest strong Latin-script name record; names the EU calls
    low quality are weak; original-script names carry their script, and every name the
    language the file gives."""
    asiri = _designation(trackers[B], "eu-fsf:6177")
    assert asiri.name == "Ibrahim Hassan Tali Al-Asiri"
    by_name = {n.full: n for n in asiri.party.names}
    assert by_name["Abu Saleh"].weak
    assert by_name["Abosslah"].weak
    assert not by_name["Ibrahim al-'Asiri"].weak
    arabic = by_name["إبراهيم حسن طالع عسيري"]
    assert (arabic.kind, arabic.script, arabic.language) == (NameKind.AKA, "Arab", "ar")
    entity = next(e for e in _entities(B) if e.get("logicalId") == "6177")
    aliases = entity.findall(f"{NS}nameAlias")
    assert len(asiri.party.names) == len({a.get("wholeName") for a in aliases})
    parchin = _designation(trackers[B], "eu-fsf:3822")
    assert parchin.name == "Parchin Chemical Industries (PCI)"
    assert {n.script for n in parchin.party.names if n.language == "fa"} == {"Arab"}
    assert _designation(trackers[B], "eu-fsf:191").name == "Khalid Sheikh MOHAMMED"


def test_birth_dates_ranges_circa_and_other_calendars(trackers: dict[Path, st.Tracker]) -> None:
    """A range of years with circa="true" is circa 1953..1958; a date given in the Islamic
    calendar is read from its Gregorian ``birthdate`` and the account of it kept."""
    jan = _designation(trackers[B], "eu-fsf:521")
    assert jan.party.birth_dates == (PartialDate(1953, circa=True, until_year=1958),)
    assert "Tirin Kot District, Uruzgan Province, Afghanistan" in jan.party.birth_places
    asiri = _designation(trackers[B], "eu-fsf:6177")
    assert set(asiri.party.birth_dates) == {PartialDate(1982, 4, 18), PartialDate(1982, 4, 19)}
    assert any("islamic calendar" in text for text in asiri.party.information)


def test_documents_addresses_and_contacts(trackers: dict[Path, st.Tracker]) -> None:
    """Identifications keep their type, country, issue and expiry dates and flags; an
    address keeps its parts, and its contact details are identifiers."""
    dorda = _designation(trackers[B], "eu-fsf:6106")
    (passport,) = [i for i in dorda.party.identifiers if i.kind == "passport"]
    assert (passport.value, passport.country) == ("FK117RK0", "LY")
    assert passport.issued_on == PartialDate(2018, 11, 25)
    assert passport.expires_on == PartialDate(2026, 11, 24)
    asiri = _designation(trackers[B], "eu-fsf:6177")
    expired = next(i for i in asiri.party.identifiers if i.value == "F654645")
    assert "known to be expired" in (expired.note or "")
    parchin = _designation(trackers[B], "eu-fsf:3822")
    assert len(parchin.party.addresses) == len(
        next(e for e in _entities(B) if e.get("logicalId") == "3822").findall(f"{NS}address")
    )
    assert {a.country for a in parchin.party.addresses} == {"IR"}
    assert any(
        i.kind == "website" and i.value == "http://icig.ir/" for i in parchin.party.identifiers
    )
    assert any(i.kind == "registration-number" for i in parchin.party.identifiers)


def test_the_un_reference_is_a_same_party_link(trackers: dict[Path, st.Tracker]) -> None:
    """unitedNationId is the UN's reference of the party: a link to un-sc:<reference>."""
    dorda = _designation(trackers[B], "eu-fsf:6106")
    assert Link(SAME_PARTY, "UN Security Council reference LYi.006", "un-sc:LYi.006") in (
        dorda.party.links
    )
    linked = {
        d.id
        for d in trackers[B].designations()
        if any(link.relation == SAME_PARTY for link in d.party.links)
    }
    plain = {f"eu-fsf:{e.get('logicalId')}" for e in _entities(B) if e.get("unitedNationId")}
    assert linked == plain


def test_the_legacy_file_is_an_earlier_version_of_the_same_list(
    trackers: dict[Path, st.Tracker],
) -> None:
    """The legacy entity Id is the 1.1 logicalId: Saddam Hussein is eu-fsf:13 in both,
    with the same name, birth date and programme; his passport in the legacy form reads
    as a passport, his citizenship from the ISO alpha-3 code."""
    old, new = (_designation(trackers[p], "eu-fsf:13") for p in (LEGACY, A))
    assert old.name == new.name == "Saddam Hussein Al-Tikriti"
    assert old.party.birth_dates == new.party.birth_dates == (PartialDate(1937, 4, 28),)
    assert old.programs == new.programs == ("EU-IRQ",)
    assert old.party.citizenships == ("IQ",)
    mugabe = _designation(trackers[LEGACY], "eu-fsf:1")
    (passport,) = mugabe.party.identifiers
    assert (passport.kind, passport.value) == ("passport", "AD001095")
    assert mugabe.listed_on is None
    assert any("1643/2002" in note for note in mugabe.notes)


# --------------------------------------------------------------------------- as a list


def test_diff_of_the_two_excerpts_agrees_with_a_plain_comparison() -> None:
    """st.diff of excerpt a and b: added and removed as the plain parse's ids differ
    (made entities only); entity 191, in both and unchanged, is not amended."""
    change = st.diff(A, B, bundled=False)
    ids = {
        path: {e.get("logicalId") for e in _entities(path) if e.find(f"{NS}nameAlias") is not None}
        for path in (A, B)
    }
    assert {e.id for e in change.added} == {f"eu-fsf:{i}" for i in ids[B] - ids[A]}
    assert {e.id for e in change.removed} == {f"eu-fsf:{i}" for i in ids[A] - ids[B]}
    assert "eu-fsf:191" not in {a.id for a in change.amended}


def test_summary_screening_and_sectors(trackers: dict[Path, st.Tracker]) -> None:
    """A summary of an EU programme counts its designations; screening finds a listed
    name; a name-based sector places the Central Bank of Iraq in the financial sector."""
    summary = trackers[B].summary(program="EU-TAQA")
    regulations = [e.find(f"{NS}regulation") for e in _entities(B)]
    taqa = [r for r in regulations if r is not None and r.get("programme") == "TAQA"]
    assert summary.designation_count == len(taqa)
    (best, *_) = trackers[B].screen("Ibrahim Hassan al-Asiri")
    assert best.designation_id == "eu-fsf:6177"
    tracker = st.load(LEGACY)
    banks = tracker.designations(sector="financial", list_id="eu-fsf")
    assert "eu-fsf:230" in {d.id for d in banks}
    assert all(d.party.kind is PartyKind.ENTITY for d in banks)


def test_a_broken_or_empty_file_is_one_clear_error(tmp_path: Path) -> None:
    """A cut 1.1 file is one SourceError with its line; an export with no entity too."""
    cut = tmp_path / "cut.xml"
    cut.write_bytes(A.read_bytes()[:3000])
    with pytest.raises(st.SourceError, match=r"cut\.xml: not well-formed XML"):
        st.load(cut, bundled=False)
    empty = tmp_path / "empty.xml"
    empty.write_text(f'<export xmlns="{NS[1:-1]}" generationDate="2026-01-01"/>', "utf-8")
    with pytest.raises(st.SourceError, match="holds no sanctionEntity"):
        st.load(empty, bundled=False)


def test_validate_prints_the_account(capsys: pytest.CaptureFixture[str]) -> None:
    """The CLI validates an EU file: its account, the rejected entity with its line and
    reason, and a non-zero exit for the entity that could not be read."""
    code = main(["validate", str(A)])
    out = capsys.readouterr().out
    assert code == 1
    assert "5 rows read = 4 made + 1 rejected" in out
    assert "rejected line 181: its EU reference 'EU.0.0'" in out


def test_two_versions_make_a_history() -> None:
    """The legacy file of 2016 and the 1.1 excerpt of 2026 are a history of one list:
    as_of a day between them is the legacy list, and an entry in both was first seen in
    2016 and last seen in 2026."""
    tracker = st.load(history={"2016-02-11": LEGACY, "2026-08-05": A}, bundled=False)
    then = tracker.as_of(dt.date(2020, 1, 1))
    assert len(then.designations(list_id="eu-fsf")) == len(_entities(LEGACY))
    saddam = _designation(tracker, "eu-fsf:13")
    assert (saddam.first_seen, saddam.last_seen) == (dt.date(2016, 2, 11), dt.date(2026, 8, 5))
