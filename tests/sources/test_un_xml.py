"""The UN Security Council Consolidated List: real files, broken copies, hostile input.

The real files are also read here with the standard library's ElementTree (they are the
UN's own files, trusted here), so that counts, ids and regimes are checked against an
independent parse rather than against the importer itself.
"""

# ruff: noqa: E501, RUF001 - the slipped-in XML keeps one entry's facts per line; the UN
# writes names with typographic quotes, kept as written

from __future__ import annotations

import datetime as dt
import gzip
import json
import re
import socket
import xml.etree.ElementTree as ET  # only to read the real, trusted files independently
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

import sanctions_tracker as st
from conftest import SHARED_DATA
from sanctions_tracker.cli import ExitCode, main
from sanctions_tracker.records import (
    Address,
    Designation,
    FileAccount,
    Identifier,
    Name,
    NameKind,
    PartialDate,
    PartyKind,
)
from sanctions_tracker.sources.un_xml import REGIMES, un_country_code

UN = SHARED_DATA / "un-consolidated"
OLD = UN / "consolidated_2020-03-20.xml.gz"
NEW = UN / "consolidated_2025-11-20.xml.gz"
FILES = (OLD, NEW)
SDN = SHARED_DATA / "ofac-sdn" / "sdn-2024-05-03.csv.gz"

needs_data = pytest.mark.skipif(not NEW.exists(), reason="../shared/data is not present")
pytestmark = needs_data

# --------------------------------------------------------------------------- helpers


def _entries(path: Path) -> dict[str, ET.Element]:
    """Every INDIVIDUAL and ENTITY by REFERENCE_NUMBER, by a plain stdlib parse."""
    root = ET.fromstring(gzip.decompress(path.read_bytes()))  # noqa: S314 - the UN's own file
    found: dict[str, ET.Element] = {}
    for element in [*root.iter("INDIVIDUAL"), *root.iter("ENTITY")]:
        reference = (element.findtext("REFERENCE_NUMBER") or "").strip()
        assert reference not in found, f"{path.name}: {reference} twice"
        found[reference] = element
    return found


def _countries(element: ET.Element) -> list[str | None]:
    """The codes of the countries an entry names (addresses, places, documents, nationality)."""
    named = [
        e.text
        for e in element.iter()
        if e.tag in {"COUNTRY", "ISSUING_COUNTRY", "COUNTRY_OF_ISSUE"}
    ]
    named += [value.text for value in element.iterfind("NATIONALITY/VALUE")]
    return [un_country_code(text) for text in named if text and text.strip()]


def _account(tracker: st.Tracker) -> FileAccount:
    (account,) = [a for d in tracker.datasets for a in d.accounts if a.format.startswith("UN ")]
    return account


def _designation(tracker: st.Tracker, record_id: str) -> Designation:
    found = tracker.get(record_id)
    assert isinstance(found, Designation)
    return found


@pytest.fixture(scope="module")
def old() -> st.Tracker:
    """The list of 2020-03-20 alone."""
    return st.load(OLD, bundled=False)


@pytest.fixture(scope="module")
def new() -> st.Tracker:
    """The list of 2025-11-20 alone."""
    return st.load(NEW, bundled=False)


@pytest.fixture(scope="module")
def both(old: st.Tracker, new: st.Tracker) -> dict[Path, st.Tracker]:
    return {OLD: old, NEW: new}


# --------------------------------------------------------------------------- the real files


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_each_entry_is_one_designation_with_the_uns_reference(
    both: dict[Path, st.Tracker], path: Path
) -> None:
    """One designation per INDIVIDUAL / ENTITY, id un-sc:<REFERENCE_NUMBER> (unique in
    both files), of the element's kind, as a plain parse of the file counts them."""
    entries = _entries(path)
    designations = both[path].designations(list_id="un-sc")
    assert {d.id for d in designations} == {f"un-sc:{r}" for r in entries}
    kinds = Counter(d.party.kind for d in designations)
    expected = Counter(
        PartyKind.INDIVIDUAL if e.tag == "INDIVIDUAL" else PartyKind.ENTITY
        for e in entries.values()
    )
    assert kinds == expected


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_regime_is_a_program_with_the_files_counts(
    both: dict[Path, st.Tracker], path: Path
) -> None:
    """Each entry is under the program of its UN_LIST_TYPE (REGIMES), and each program
    holds as many designations as the file has entries of that regime."""
    regimes = Counter((e.findtext("UN_LIST_TYPE") or "").strip() for e in _entries(path).values())
    assert set(regimes) <= set(REGIMES)
    tracker = both[path]
    for regime, count in regimes.items():
        assert len(tracker.designations(program=REGIMES[regime])) == count, regime


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_the_account_holds_every_entry_and_fact(both: dict[Path, st.Tracker], path: Path) -> None:
    """entries read = made + rejected + orphans, all entries made; every fact counted is
    read or listed (with a line) as kept as text; the dataset is dated by dateGenerated."""
    tracker = both[path]
    account = _account(tracker)
    assert account.rows_read == len(_entries(path))
    assert account.balanced
    assert account.records_made == account.rows_read
    assert not account.rejected
    assert not account.orphans
    kept = len(account.unparsed_remarks)
    assert account.remark_segments == account.remark_segments_parsed + kept
    assert all(problem.line > 0 and problem.key for problem in account.unparsed_remarks)
    dataset = tracker.datasets[-1]
    assert dataset.kind == "United Nations Security Council Consolidated List"
    assert dataset.as_of == dt.date.fromisoformat(path.name[13:23])
    (source,) = tracker.sources()
    assert source.publisher == "United Nations Security Council"
    assert source.url == "https://scsanctions.un.org/resources/xml/en/consolidated.xml"
    assert source.published_on == dataset.as_of


def test_an_individual_with_two_dates_of_birth_and_passports(
    new: st.Tracker, old: st.Tracker
) -> None:
    """QDi.289: the name as the UN writes it (given names first), the original-script
    name, Good / Low aliases as strong / weak a.k.a.s, both dates of birth and the
    alias's, passports with their country, issue and expiry dates, a national ID whose
    finer type goes into the note, the listing date and the update days."""
    element = _entries(NEW)["QDi.289"]
    said = _designation(new, "un-sc:QDi.289")
    first, second = (element.findtext(t, "").strip() for t in ("FIRST_NAME", "SECOND_NAME"))
    assert said.party.name == f"{first} {second}" == "SAID JAN ‘ABD AL-SALAM"
    aliases = [
        Name(a.findtext("ALIAS_NAME", "").strip(), NameKind.AKA, a.findtext("QUALITY") == "Low")
        for a in element.iterfind("INDIVIDUAL_ALIAS")
    ]
    original = Name(element.findtext("NAME_ORIGINAL_SCRIPT", ""), NameKind.AKA)
    assert said.party.aliases == (original, *aliases)
    assert sum(n.weak for n in said.party.aliases) == 8
    assert said.party.birth_dates == (
        PartialDate(1981, 2, 5),
        PartialDate(1971, 12, 31),
        PartialDate(1972, 1, 1),  # the date of birth of the a.k.a. Dilawar Khan Zain Khan
    )
    assert "a.k.a. Dilawar Khan Zain Khan: born 1972-01-01" in said.party.information
    assert said.party.nationalities == ("AF",)
    passport, other, national = said.party.identifiers
    assert passport == Identifier(
        "passport",
        "OR801168",
        "AF",
        PartialDate(2006, 2, 28),
        PartialDate(2011, 2, 27),
        "expired 27 Feb. 2011, under name Said Jan 'Abd al-Salam",
    )
    assert (other.value, other.country, other.issued_on) == (
        "4117921",
        "PK",
        PartialDate(2008, 9, 9),
    )
    assert national.kind == "national-id"
    assert (national.value, national.country) == ("281020505755", "KW")
    assert national.note is not None
    assert national.note.startswith("Civil Identification number")
    assert said.listed_on == dt.date(2011, 2, 9)
    assert said.programs == ("UN-AL-QAIDA",)
    assert said.notes == ("amended on the UN list on 2019-05-01, 2022-11-08, 2023-11-14",)
    assert said.party.remarks is not None
    assert said.party.remarks.startswith('In approximately 2005, ran a "basic training" camp')
    assert _designation(old, "un-sc:QDi.289").notes == ("amended on the UN list on 2019-05-01",)


def test_a_between_range_weak_aliases_and_an_address_with_a_note(new: st.Tracker) -> None:
    """CDi.030: BETWEEN 1973 and 1974 is the range 1973..1974; Low aliases are weak, an
    alias's note is kept; an address of a country alone keeps its note; the place of
    birth reads "city, country"; GENDER Male is 'male'."""
    bosco = _designation(new, "un-sc:CDi.030")
    assert bosco.party.birth_dates == (PartialDate(1973, until_year=1974),)
    assert bosco.party.birth_places == ("Bigogwe, Rwanda",)
    assert bosco.party.gender == "male"
    assert bosco.party.nationalities == ("CD",)
    assert bosco.party.addresses == (Address(country="BE", remarks="note: As of 14 December 2022"),)
    assert [n.full for n in bosco.party.aliases if n.weak] == [
        "Lydia",
        "Terminator",
        "Tango Romeo",
        "Romeo",
        "Major",
    ]
    assert "a.k.a. Tango Romeo: Call sign" in bosco.party.information


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_an_entity_with_addresses_and_aliases_of_two_kinds(
    both: dict[Path, st.Tracker], path: Path
) -> None:
    """QDe.014: a.k.a. and f.k.a. aliases of an entity, its Arabic name, six addresses
    that name a country only (one Address each, with its ISO code)."""
    element = _entries(path)["QDe.014"]
    aqim = _designation(both[path], "un-sc:QDe.014")
    assert aqim.party.kind is PartyKind.ENTITY
    assert aqim.party.name == element.findtext("FIRST_NAME", "").strip()
    kinds = {"a.k.a.": NameKind.AKA, "f.k.a.": NameKind.FKA}
    assert aqim.party.aliases == (
        Name(element.findtext("NAME_ORIGINAL_SCRIPT", ""), NameKind.AKA),
        *(
            Name(a.findtext("ALIAS_NAME", "").strip(), kinds[a.findtext("QUALITY", "")])
            for a in element.iterfind("ENTITY_ALIAS")
        ),
    )
    countries = [a.findtext("COUNTRY", "") for a in element.iterfind("ENTITY_ADDRESS")]
    assert [a.country for a in aqim.party.addresses] == [un_country_code(c) for c in countries]
    assert [a.country for a in aqim.party.addresses] == ["DZ", "ML", "MR", "MA", "NE", "TN"]


def test_original_script_names_and_the_comments(new: st.Tracker) -> None:
    """IQi.001: the Arabic NAME_ORIGINAL_SCRIPT is an a.k.a.; COMMENTS1 is kept as the
    remarks, and not read as OFAC remarks (which would make positions of the prose)."""
    saddam = _designation(new, "un-sc:IQi.001")
    assert saddam.party.names[:2] == (
        Name("SADDAM HUSSEIN AL-TIKRITI"),
        Name("صدام حسين التكريتي", NameKind.AKA),
    )
    assert saddam.party.birth_dates == (PartialDate(1937, 4, 28),)
    kaina = _designation(new, "un-sc:CDi.004")
    assert kaina.party.positions == ("Former M23 Deputy Commander",)  # DESIGNATION only
    assert kaina.party.remarks is not None
    assert "Fled to Uganda in November 2013." in kaina.party.remarks
    assert kaina.party.birth_dates == (PartialDate(1973, 11),)  # a NOTE "Nov. 1973"


@pytest.mark.parametrize("path", [OLD, NEW], ids=lambda p: p.name)
def test_entries_named_in_the_comments_are_links(both: dict[Path, st.Tracker], path: Path) -> None:
    """Every other entry a COMMENTS1 names by reference number (QDi.421's names QDi.006 and
    QDe.004) is a link to its designation, with its name; one the file does not hold is
    kept as text, with its line — found by a plain parse and a regular expression."""
    entries = _entries(path)
    pattern = re.compile(r"\b[A-Z]{2}[ie]\.\d{3}\b")
    tracker = both[path]
    kept = {p.reason for p in _account(tracker).unparsed_remarks}
    linked = 0
    for reference, element in entries.items():
        named = dict.fromkeys(pattern.findall(element.findtext("COMMENTS1") or ""))
        named.pop(reference, None)
        links = _designation(tracker, f"un-sc:{reference}").party.links
        held = [r for r in named if r in entries]
        assert [link.target for link in links] == [f"un-sc:{r}" for r in held]
        assert all(link.relation == "named-in-the-comments" for link in links)
        for missing in (r for r in named if r not in entries):
            assert any(f"entry {missing}, which is not in the file" in k for k in kept)
        linked += len(links)
    assert linked > 100  # the comments name other entries often
    if path == NEW:
        hamza = _designation(tracker, "un-sc:QDi.421").party.links
        assert [(link.name, link.target) for link in hamza] == [
            ("AIMAN MUHAMMED RABI AL-ZAWAHIRI", "un-sc:QDi.006"),
            ("AL-QAIDA", "un-sc:QDe.004"),
        ]


def test_dates_with_a_time_zone_are_read(new: st.Tracker) -> None:
    """LISTED_ON 2015-07-01-04:00 (an xsd:date with its zone) is 1 July 2015."""
    element = _entries(NEW)["SSi.001"]
    assert element.findtext("LISTED_ON") == "2015-07-01-04:00"
    assert _designation(new, "un-sc:SSi.001").listed_on == dt.date(2015, 7, 1)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Democratic Republic of the Congo", "CD"),
        ("Iran (Islamic Republic of)", "IR"),
        ("Democratic People's Republic of Korea", "KP"),
        ("Pakistani", "PK"),
        ("Indonesia (as at Dec. 2003)", "ID"),
        ("Sudan/South Sudan", None),
    ],
)
def test_the_uns_ways_of_writing_a_country(text: str, code: str | None) -> None:
    """UN names, nationalities as adjectives and a country with a remark give a code;
    an unclear value gives none (it is then kept as text)."""
    assert un_country_code(text) == code


# --------------------------------------------------------------------------- broken entries

_BROKEN = """
    <INDIVIDUAL><DATAID>1</DATAID><FIRST_NAME>NO</FIRST_NAME><SECOND_NAME>REFERENCE</SECOND_NAME>
      <UN_LIST_TYPE>DRC</UN_LIST_TYPE></INDIVIDUAL>
    <INDIVIDUAL><DATAID>2</DATAID><FIRST_NAME>SECOND</FIRST_NAME><UN_LIST_TYPE>DRC</UN_LIST_TYPE>
      <REFERENCE_NUMBER>CDi.001</REFERENCE_NUMBER></INDIVIDUAL>
    <INDIVIDUAL><DATAID>3</DATAID><UN_LIST_TYPE>DRC</UN_LIST_TYPE>
      <REFERENCE_NUMBER>CDi.900</REFERENCE_NUMBER></INDIVIDUAL>
    <INDIVIDUAL><DATAID>4</DATAID><FIRST_NAME>NO REGIME</FIRST_NAME>
      <REFERENCE_NUMBER>CDi.901</REFERENCE_NUMBER></INDIVIDUAL>
    <INDIVIDUAL><DATAID>5</DATAID><FIRST_NAME>ODD</FIRST_NAME><SECOND_NAME>ENTRY</SECOND_NAME>
      <UN_LIST_TYPE>Atlantis</UN_LIST_TYPE><REFERENCE_NUMBER>ATi.001</REFERENCE_NUMBER>
      <LISTED_ON>soon</LISTED_ON><GENDER>Other</GENDER><FAVOURITE_COLOUR>blue</FAVOURITE_COLOUR>
      <INDIVIDUAL_ALIAS><QUALITY>Medium</QUALITY><ALIAS_NAME>ODDY</ALIAS_NAME><SHOE_SIZE>44</SHOE_SIZE></INDIVIDUAL_ALIAS>
      <INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>EXACT</TYPE_OF_DATE><NOTE>in spring</NOTE></INDIVIDUAL_DATE_OF_BIRTH>
      <INDIVIDUAL_DOCUMENT><TYPE_OF_DOCUMENT>Library card</TYPE_OF_DOCUMENT><NUMBER>L-1</NUMBER></INDIVIDUAL_DOCUMENT>
      <NATIONALITY><VALUE>Atlantis</VALUE></NATIONALITY></INDIVIDUAL>
    <VESSEL><DATAID>6</DATAID><FIRST_NAME>A SHIP</FIRST_NAME></VESSEL>
"""


@pytest.fixture(scope="module")
def broken(tmp_path_factory: pytest.TempPathFactory) -> tuple[int, FileAccount, st.Tracker]:
    """A copy of the 2025 list with broken entries slipped in before </INDIVIDUALS>; the
    number of lines before them (add it to a line of _BROKEN, counted from 1)."""
    text = gzip.decompress(NEW.read_bytes()).decode("utf-8")
    head, tail = text.split("</INDIVIDUALS>", 1)
    path = tmp_path_factory.mktemp("un") / "broken.xml.gz"
    path.write_bytes(gzip.compress(f"{head}{_BROKEN}</INDIVIDUALS>{tail}".encode()))
    tracker = st.load(path, bundled=False)
    return head.count("\n"), _account(tracker), tracker


def test_broken_entries_are_rejected_with_line_and_reason(
    broken: tuple[int, FileAccount, st.Tracker],
) -> None:
    """Slipped-in entries: no REFERENCE_NUMBER, a reference seen before, no name, no
    regime, an element of another kind among the entries: each rejected with its line
    and reason; every other entry is made; the account still balances."""
    before, account, tracker = broken
    real = len(_entries(NEW))
    assert account.rows_read == real + 6
    assert account.balanced
    assert account.records_made == real + 1  # the odd entry is made, its odd facts kept
    reasons = {p.reason for p in account.rejected}
    assert reasons == {
        "an INDIVIDUAL without a REFERENCE_NUMBER",
        "a second entry with id CDi.001 (the first is on line 4)",  # line 4 of the real file
        "the entry has no primary name",
        "the entry names no sanctions program",
        "an element <VESSEL> where the list has <ENTITY> or <INDIVIDUAL>; not read",
    }
    lines = sorted(p.line - before for p in account.rejected)
    assert lines == [2, 4, 6, 8, 17]
    assert _designation(tracker, "un-sc:CDi.001").party.name == "ERIC BADEGE"


def test_unknown_elements_and_unreadable_values_are_kept_as_text(
    broken: tuple[int, FileAccount, st.Tracker],
) -> None:
    """An unknown element, an unknown child of an alias, a date or country that cannot
    be read, an unknown gender, an unknown regime, alias quality or document type: each
    counted and listed with its line; the text is kept in the record's information."""
    before, account, tracker = broken
    odd = _designation(tracker, "un-sc:ATi.001")
    assert odd.programs == ("UN-ATLANTIS",)
    assert odd.party.names == (Name("ODD ENTRY"), Name("ODDY", NameKind.AKA))
    assert odd.party.identifiers == (Identifier("library-card", "L-1"),)
    assert odd.listed_on is None
    assert odd.party.gender is None
    assert {
        "FAVOURITE_COLOUR: blue",
        "SHOE_SIZE: 44",
        "listed on soon",
        "gender Other",
        "date of birth: NOTE in spring",
        "nationality: Atlantis",
    } <= set(odd.party.information)
    about_odd = [p for p in account.unparsed_remarks if p.key == "ATi.001"]
    assert len(about_odd) == 9
    assert all(p.line - before in range(10, 17) for p in about_odd)
    assert account.remark_segments == account.remark_segments_parsed + len(account.unparsed_remarks)


# --------------------------------------------------------------------------- refusals

_BOMB = """<?xml version="1.0"?>
<!DOCTYPE CONSOLIDATED_LIST [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<CONSOLIDATED_LIST dateGenerated="2025-11-20"><INDIVIDUALS><INDIVIDUAL>
<FIRST_NAME>&lol9;</FIRST_NAME><UN_LIST_TYPE>DRC</UN_LIST_TYPE>
<REFERENCE_NUMBER>CDi.001</REFERENCE_NUMBER></INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>
"""
_EXTERNAL = """<?xml version="1.0"?>
<!DOCTYPE CONSOLIDATED_LIST [ <!ENTITY xxe SYSTEM "{url}"> ]>
<CONSOLIDATED_LIST dateGenerated="2025-11-20"><INDIVIDUALS><INDIVIDUAL>
<FIRST_NAME>X</FIRST_NAME><COMMENTS1>&xxe;</COMMENTS1><UN_LIST_TYPE>DRC</UN_LIST_TYPE>
<REFERENCE_NUMBER>CDi.001</REFERENCE_NUMBER></INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>
"""
_EXTERNAL_DTD = """<?xml version="1.0"?>
<!DOCTYPE CONSOLIDATED_LIST SYSTEM "{url}">
<CONSOLIDATED_LIST dateGenerated="2025-11-20"/>
"""


@pytest.mark.parametrize(
    ("template", "url"),
    [
        (_BOMB, ""),
        (_EXTERNAL, "file:///etc/hostname"),
        (_EXTERNAL, "http://127.0.0.1:9/secret.txt"),
        (_EXTERNAL_DTD, "http://127.0.0.1:9/evil.dtd"),
        (_EXTERNAL_DTD, "file:///etc/hostname"),
    ],
    ids=["bomb", "xxe-file", "xxe-url", "dtd-url", "dtd-file"],
)
def test_hostile_un_shaped_xml_is_refused_without_expanding_or_fetching(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, template: str, url: str
) -> None:
    """A UN-shaped billion laughs, external entity (file or URL) or external DTD: one
    SourceError about the DTD, with nothing read from the file or the network."""

    def no_network(*_args: object, **_kwargs: object) -> None:
        pytest.fail("the parser tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    path = tmp_path / "hostile.xml"
    path.write_text(template.replace("{url}", url), encoding="utf-8")
    with pytest.raises(st.SourceError, match="declares a DTD") as caught:
        st.load(path, bundled=False)
    hostname = Path("/etc/hostname")
    if hostname.exists() and hostname.read_text().strip():
        assert hostname.read_text().strip() not in str(caught.value)


def _broken_files() -> list[tuple[str, Callable[[], bytes], str]]:
    """(name, content, what the error says) of UN-like files that cannot be loaded."""
    plain = gzip.decompress(NEW.read_bytes()) if NEW.exists() else b""
    return [
        ("un.xml.gz", lambda: NEW.read_bytes()[:60_000], "the gzip data is truncated or corrupt"),
        ("un-half.xml", lambda: plain[:200_000], "not well-formed XML (line"),
        ("un-empty.xml", lambda: b"", "the file is empty"),
        ("un.bin", lambda: bytes(range(256)) * 8, "a binary file"),
        (
            "books.xml",
            lambda: b"<?xml version='1.0'?>\n<catalog><book/></catalog>",
            "root element <catalog>), not a list file this library reads",
        ),
        (
            "un-nothing.xml",
            lambda: (
                b'<CONSOLIDATED_LIST dateGenerated="2025-11-20"><INDIVIDUALS/></CONSOLIDATED_LIST>'
            ),
            "the UN list holds no INDIVIDUAL or ENTITY",
        ),
    ]


@pytest.mark.parametrize(
    ("name", "content", "message"), _broken_files(), ids=[b[0] for b in _broken_files()]
)
def test_a_broken_file_gives_one_clear_error(
    write_fixture: Callable[..., Path], name: str, content: Callable[[], bytes], message: str
) -> None:
    """A truncated gzip or XML, an empty or binary file, XML of another kind, a UN list
    with no entries: one SourceError naming the file and what is wrong."""
    path = write_fixture(content(), name)
    with pytest.raises(st.SourceError) as caught:
        st.load(path, bundled=False)
    assert message in str(caught.value)
    assert str(caught.value).startswith(str(path))


def test_the_cli_says_one_line_for_a_broken_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """validate on a truncated UN file: one line on stderr, exit 5 (an input), no traceback."""
    path = tmp_path / "un.xml.gz"
    path.write_bytes(NEW.read_bytes()[:60_000])
    code = main(["validate", str(path), "--no-bundled"])
    out, err = capsys.readouterr()
    assert code == ExitCode.INPUT
    assert out == ""
    assert err.count("\n") == 1
    assert "Traceback" not in err
    assert "truncated or corrupt" in err


# --------------------------------------------------------------------------- the CLI


def test_validate_prints_the_account(capsys: pytest.CaptureFixture[str]) -> None:
    """validate FILE: the entries read = made + rejected, the facts read and kept as text
    (text); the same account in JSON."""
    account = _account(st.load(NEW, bundled=False))
    assert main(["validate", str(NEW), "--no-bundled"]) == 0
    out = capsys.readouterr().out
    assert f"{account.rows_read} rows read = {account.records_made} made + 0 rejected" in out
    assert f"{account.remark_segments} read, {account.remark_segments_parsed} turned" in out
    assert f"{len(account.unparsed_remarks)} kept as text only" in out
    assert "kept as text line " in out
    assert main(["validate", str(NEW), "--no-bundled", "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    (dataset,) = report["datasets"]
    (shown,) = dataset["accounts"]
    assert (shown["rows_read"], shown["records_made"]) == (account.rows_read, account.records_made)
    assert len(shown["unparsed_remarks"]) == len(account.unparsed_remarks)


def test_queries_and_show_on_un_records(capsys: pytest.CaptureFixture[str]) -> None:
    """designations by list, program and country, show by id: as on OFAC records."""
    data = ["--data", str(NEW)]
    assert main(["designations", *data, "--list-id", "un-sc", "--program", "UN-DPRK"]) == 0
    dprk = sum(1 for e in _entries(NEW).values() if e.findtext("UN_LIST_TYPE") == "DPRK")
    assert capsys.readouterr().out.rstrip().endswith(f"{dprk} designations")
    assert main(["designations", *data, "--country", "Democratic Republic of the Congo"]) == 0
    assert "un-sc:CDi.030" in capsys.readouterr().out
    assert main(["show", "un-sc:QDi.289", *data]) == 0
    shown = capsys.readouterr().out
    assert "SAID JAN ‘ABD AL-SALAM (individual, designation un-sc:QDi.289)" in shown
    assert "UN: ISIL (Da'esh) and Al-Qaida sanctions" in shown


def test_screening_finds_a_listed_person_first(new: st.Tracker) -> None:
    """Ayman al-Zawahiri (listed as AIMAN MUHAMMED RABI AL-ZAWAHIRI, QDi.006, with the
    alias Al Zawahiri Ayman) is the first match; Usama bin Laden is on neither file."""
    (first, *_) = new.screen("Ayman al-Zawahiri")
    assert first.designation_id == "un-sc:QDi.006"
    for path in FILES:
        names = {
            " ".join(" ".join((e.findtext(t) or "").split()) for t in ("FIRST_NAME", "SECOND_NAME"))
            for e in _entries(path).values()
        }
        assert not any(re.search(r"USAMA.*LADEN", n.upper()) for n in names)


def test_beside_the_sdn_list_each_list_keeps_its_own_designations() -> None:
    """The UN list loads beside OFAC's SDN list: two datasets, two list ids, and each
    holds what it holds alone (one person on both lists is two designations)."""
    tracker = st.load(SDN, NEW, bundled=False)
    alone = len(_entries(NEW))
    assert len(tracker.designations(list_id="un-sc")) == alone
    sdn = len(st.load(SDN, bundled=False).designations())
    assert len(tracker.designations(list_id="us-ofac-sdn")) == sdn
    assert len(tracker.designations()) == alone + sdn


# --------------------------------------------------------------------------- history


def test_diff_counts_agree_with_a_plain_comparison() -> None:
    """st.diff(2020, 2025): added and removed are the reference numbers only in the new
    or old file; amended are the common entries whose content differs (ignoring the UN's
    bookkeeping: DATAID, VERSIONNUM, SORT_KEY), except those where only the way a country
    is written changed (the same ISO code, so the same record)."""
    old, new = _entries(OLD), _entries(NEW)
    changes = st.diff(OLD, NEW, bundled=False)
    assert {e.id for e in changes.added} == {f"un-sc:{r}" for r in new.keys() - old.keys()}
    assert {e.id for e in changes.removed} == {f"un-sc:{r}" for r in old.keys() - new.keys()}

    bookkeeping = {"DATAID", "VERSIONNUM", "SORT_KEY", "SORT_KEY_LAST_MOD"}
    places = {"COUNTRY", "ISSUING_COUNTRY", "COUNTRY_OF_ISSUE", "NATIONALITY"}

    def content(element: ET.Element, skip: set[str]) -> list[tuple[str, str, tuple[str, ...]]]:
        found = []
        for child in element:
            if child.tag in skip:
                continue
            text = " ".join((child.text or "").split())
            notes = "ADDRESS_NOTE" in skip and child.tag.endswith("_ADDRESS")
            parts = tuple(
                sorted(
                    f"{part.tag}={' '.join((part.text or '').split())}"
                    for part in child
                    if (part.text or "").strip()
                    and part.tag not in skip
                    and not (notes and part.tag == "NOTE")
                )
            )
            if text or parts:
                found.append((str(child.tag), text, parts))
        return sorted(found)

    common = old.keys() & new.keys()
    changed = {r for r in common if content(old[r], bookkeeping) != content(new[r], bookkeeping)}
    amended = {a.id.removeprefix("un-sc:") for a in changes.amended}
    assert amended <= changed  # every amendment reported is a change in the files
    unseen = changed - amended
    quiet = bookkeeping | places | {"ADDRESS_NOTE"}
    for reference in unseen:  # a country written otherwise, or an address's note
        assert content(old[reference], quiet) == content(new[reference], quiet), reference
        before, after = (_countries(side[reference]) for side in (old, new))
        assert before == after, reference
    assert len(unseen) == 8
    assert changes.counts() == {
        "added": len(new.keys() - old.keys()),
        "removed": len(old.keys() - new.keys()),
        "amended": len(changed) - len(unseen),
    }
    assert (changes.old_as_of, changes.new_as_of) == (dt.date(2020, 3, 20), dt.date(2025, 11, 20))


def test_the_two_files_make_a_history() -> None:
    """history={day: file}: the newest list, each snapshot's count, the list as it stood
    on a day, first- and last-seen dates; the diff CLI works on the files."""
    tracker = st.load(history={"2020-03-20": OLD, "2025-11-20": NEW})
    assert tracker.history is not None
    assert [s.designations for s in tracker.history.snapshots] == [
        len(_entries(OLD)),
        len(_entries(NEW)),
    ]
    assert len(tracker.designations(list_id="un-sc")) == len(_entries(NEW))
    then = tracker.as_of(dt.date(2021, 1, 1))
    assert len(then.designations(list_id="un-sc")) == len(_entries(OLD))
    kept = _designation(tracker, "un-sc:QDi.289")
    assert (kept.first_seen, kept.last_seen) == (dt.date(2020, 3, 20), dt.date(2025, 11, 20))


def test_a_snapshot_before_the_lists_own_date_is_refused(tmp_path: Path) -> None:
    """The list generated on 2025-11-20 (dateGenerated; the name has no date) cannot be
    the list of 2025-11-19."""
    copy = tmp_path / "consolidated.xml.gz"
    copy.write_bytes(NEW.read_bytes())
    with pytest.raises(st.SourceError, match="the list is dated 2025-11-20"):
        st.load(history={"2020-03-20": OLD, "2025-11-19": copy})


def test_the_diff_command(capsys: pytest.CaptureFixture[str]) -> None:
    """sanctions-tracker diff OLD NEW prints the counts of st.diff."""
    counts = st.diff(OLD, NEW, bundled=False).counts()
    assert main(["diff", str(OLD), str(NEW), "--no-bundled"]) == 0
    out = capsys.readouterr().out
    for what in ("added", "removed", "amended"):
        assert f"- {what.capitalize()}: {counts[what]}" in out
