"""The OFAC SDN Remarks parser, on real remarks of the 2024-05-03 list and on made-up text."""

from __future__ import annotations

import csv
import functools
import gzip
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sanctions_tracker.records import Identifier, Link, Name, NameKind, PartialDate
from sanctions_tracker.sources import ofac_remarks
from sanctions_tracker.sources.ofac_remarks import (
    ParsedRemarks,
    parse_remarks,
)

SDN_2024_05_03 = (
    Path(__file__).resolve().parents[2].parent
    / "shared"
    / "data"
    / "ofac-sdn"
    / "sdn-2024-05-03.csv.gz"
)
SECONDARY = "Additional Sanctions Information - Subject to Secondary Sanctions"


@functools.cache
def sdn_rows() -> dict[str, list[str]]:
    """Every row of the 2024-05-03 SDN list, by ent_num (the trailing 0x1A line skipped)."""
    with gzip.open(SDN_2024_05_03, "rt", encoding="utf-8", newline="") as handle:
        return {row[0]: row for row in csv.reader(handle) if len(row) > 11}


def remarks_of(ent_num: str) -> ParsedRemarks:
    """The parsed remarks of one real list entry, checked to be fully understood."""
    parsed = parse_remarks(sdn_rows()[ent_num][11])
    assert parsed.unparsed == ()
    return parsed


# --------------------------------------------------------------------------- real remarks


def test_raisi_dates_place_nationality_gender_and_note() -> None:
    """RAISI, Ebrahim (27844): three DOBs in order, POB, nationality, gender, a note."""
    parsed = remarks_of("27844")
    assert parsed.birth_dates == (
        PartialDate(1960, 12, 14),
        PartialDate(1960, 11),
        PartialDate(1960, 12),
    )
    assert parsed.birth_places == ("Masshad, Iran",)
    assert parsed.nationalities == ("IR",)
    assert parsed.gender == "male"
    assert parsed.sanctions_notes == (SECONDARY,)
    assert parsed.segments == 7
    assert parsed.parsed == 7


def test_soleimani_citizenship_and_diplomatic_passport() -> None:
    """SOLEIMANI, Qasem (10481): nationality and citizenship, a diplomatic passport."""
    parsed = remarks_of("10481")
    assert parsed.birth_dates == (PartialDate(1957, 3, 11),)
    assert parsed.birth_places == ("Qom, Iran",)
    assert parsed.nationalities == ("IR",)
    assert parsed.citizenships == ("IR",)
    assert parsed.sanctions_notes == (SECONDARY,)
    assert parsed.identifiers == (
        Identifier(
            kind="passport",
            value="008827",
            country="IR",
            issued_on=PartialDate(1999),
            note="Diplomatic Passport",
        ),
    )


def test_kaifeng_identifiers_eo13846_notes_alias_and_link() -> None:
    """KAIFENG PINGMEI (30754): tax id, USCC, five E.O. 13846 notes, an a.k.a., a link."""
    parsed = remarks_of("30754")
    assert Identifier(kind="tax-id", value="410211742522406", country="CN") in parsed.identifiers
    assert (
        Identifier(kind="unified-social-credit-code", value="914102007425224065", country="CN")
        in parsed.identifiers
    )
    assert Identifier(kind="website", value="www.kfcc.com.cn") in parsed.identifiers
    eo_notes = [n for n in parsed.sanctions_notes if n.startswith("Executive Order 13846")]
    assert len(eo_notes) == 5
    assert eo_notes[0] == (
        "Executive Order 13846 information: LOANS FROM UNITED STATES FINANCIAL INSTITUTIONS. "
        "Sec. 5(a)(i)"
    )
    assert parsed.sanctions_notes[0] == SECONDARY
    assert parsed.aliases == (Name(full="KFCC", kind=NameKind.AKA, weak=True),)
    assert parsed.links == (Link(relation="linked-to", name="PASARGAD STEEL COMPLEX"),)
    assert parsed.segments == 11


def test_vessel_imo_mmsi_and_year_of_build() -> None:
    """A vessel (ANATTA, 40560): IMO and MMSI identifiers, year of build, owner link."""
    parsed = remarks_of("40560")
    assert parsed.identifiers == (
        Identifier(kind="imo", value="1011159"),
        Identifier(kind="mmsi", value="319025900"),
    )
    assert parsed.vessel.year_of_build == 2011
    assert parsed.vessel
    assert not parsed.aircraft
    assert parsed.links == (Link(relation="linked-to", name="ADONEV, Sergei Nikolaevich"),)


def test_aircraft_serial_tail_operator_model_and_date() -> None:
    """An aircraft (YI-BAF, 47169): serial and tail numbers, operator, model, build date."""
    parsed = remarks_of("47169")
    assert Identifier(kind="aircraft-serial-number", value="32412") in parsed.identifiers
    assert Identifier(kind="aircraft-tail-number", value="YI-BAF") in parsed.identifiers
    assert parsed.aircraft is not None
    assert parsed.aircraft.operators == ("Fly Baghdad",)
    assert parsed.aircraft.models == ("B 737",)
    assert parsed.aircraft.manufacture_date == PartialDate(2002, 5, 24)
    assert not parsed.vessel


def test_digital_currency_address_keeps_the_currency_in_the_note() -> None:
    """A digital currency address (31811) is an identifier noting its currency (XBT)."""
    parsed = remarks_of("31811")
    assert parsed.identifiers == (
        Identifier(
            kind="digital-currency-address",
            value="17a5bpKvEp1j1Trs4qTbcNZrby53JbaS9C",
            note="XBT",
        ),
    )
    assert parsed.citizenships == ("TJ",)


def test_several_alt_dobs_and_a_position() -> None:
    """NASRALLAH, Hasan (2686): a DOB and three alt. DOBs in order; his role is a position."""
    parsed = remarks_of("2686")
    assert parsed.birth_dates == (
        PartialDate(1960, 8, 31),
        PartialDate(1953, 8, 31),
        PartialDate(1955, 8, 31),
        PartialDate(1958, 8, 31),
    )
    assert parsed.positions == ("Secretary General of Hizballah",)
    assert Identifier(kind="passport", value="042833", country="LB") in parsed.identifiers


def test_circa_date() -> None:
    """ "DOB circa 1951" (7782) is an approximate year."""
    parsed = remarks_of("7782")
    assert parsed.birth_dates == (PartialDate(1951, circa=True),)
    assert parsed.birth_places == ("Foca, Bosnia-Herzegovina",)


def test_year_ranges_and_positions() -> None:
    """NAQDI (12057): "1951 to 1953" and "1960 to 1962" are ranges; four roles are positions."""
    parsed = remarks_of("12057")
    assert parsed.birth_dates == (
        PartialDate(1951, until_year=1953),
        PartialDate(1960, until_year=1962),
        PartialDate(1961, 4),
        PartialDate(1953),
    )
    assert parsed.birth_places == ("Najaf, Iraq", "Tehran, Iran")
    assert len(parsed.positions) == 4
    assert parsed.positions[-1] == "Head of the Basij"


def test_russian_sector_phrase() -> None:
    """BAZALT (16862): the E.O. 14024 section 11 wording yields a sector phrase and a note."""
    parsed = remarks_of("16862")
    phrase = (
        "operating or having operated in a sector of the Russian Federation economy "
        "determined to support Russia's military-industrial base"
    )
    assert parsed.sector_phrases == (phrase,)
    assert len(parsed.sanctions_notes) == 2
    assert parsed.sanctions_notes[1].endswith("as amended by Executive Order 14114")
    assert Identifier(kind="tax-id", value="7719830028", country="RU") in parsed.identifiers


def test_passport_issued_and_expires() -> None:
    """MAAROUFI (7257): a passport with a country, an issue date and an expiry date."""
    parsed = remarks_of("7257")
    assert parsed.identifiers == (
        Identifier(
            kind="passport",
            value="E590976",
            country="TN",
            issued_on=PartialDate(1987, 6, 19),
            expires_on=PartialDate(1992, 6, 18),
        ),
    )
    assert parsed.birth_places == ("Ghardimaou, Tunisia", "Ghar el-dimaa, Tunisia")


def test_coverage_of_2024_05_03_is_above_98_percent() -> None:
    """Over every remark of the 2024-05-03 list, more than 98% of segments are parsed."""
    segments = parsed = 0
    for row in sdn_rows().values():
        result = parse_remarks(row[11])
        segments += result.segments
        parsed += result.parsed
    assert segments > 60_000
    assert parsed / segments > 0.98


# --------------------------------------------------------------------------- made-up text


def test_quoted_alias_containing_a_separator_is_one_segment() -> None:
    """A "; " inside a quoted a.k.a. does not split it."""
    parsed = parse_remarks("a.k.a. 'ALPHA; BETA'; f.k.a. 'GAMMA'; Gender Female.")
    assert parsed.segments == 3
    assert parsed.aliases == (
        Name(full="ALPHA; BETA", kind=NameKind.AKA, weak=True),
        Name(full="GAMMA", kind=NameKind.FKA, weak=True),
    )
    assert parsed.gender == "female"


def test_parentheses_containing_a_separator_are_one_segment() -> None:
    """A "; " inside parentheses does not split the segment."""
    parsed = parse_remarks("Passport X123 (see note; old) (Iran); nationality Iran.")
    assert parsed.segments == 2
    assert parsed.identifiers == (
        Identifier(kind="passport", value="X123 (see note; old)", country="IR"),
    )
    assert parsed.nationalities == ("IR",)


def test_unknown_country_keeps_the_identifier() -> None:
    """An unknown country: the identifier stays, country None, the name in the note."""
    parsed = parse_remarks("Registration ID 4711 (Atlantis); nationality Atlantis.")
    assert parsed.identifiers == (
        Identifier(
            kind="registration-number", value="4711", note="Registration ID; country: Atlantis"
        ),
    )
    assert parsed.nationalities == ()
    assert parsed.other == ("nationality Atlantis",)
    assert parsed.unparsed == ()
    assert parsed.parsed == 2


def test_garbage_is_kept_verbatim() -> None:
    """Text that is no remark goes, segment by segment, into unparsed unchanged."""
    parsed = parse_remarks("zq@@ 17 foo; %%% bar.")
    assert parsed.unparsed == ("zq@@ 17 foo", "%%% bar")
    assert parsed.segments == 2
    assert parsed.parsed == 0


@pytest.mark.parametrize("text", ["", "   ", "-0-", "-0- ", "; ; ."])
def test_empty_remarks_have_no_segments(text: str) -> None:
    """Empty remarks (OFAC's "-0-" included, or only separators) have no segments at all."""
    assert parse_remarks(text) == ParsedRemarks()
    assert parse_remarks(text).segments == 0


def test_final_stop_after_an_abbreviation_is_kept() -> None:
    """The closing full stop stays when it ends a name's abbreviation (CO., LTD.)."""
    parsed = parse_remarks("Gender Male; Linked To: FOO CO., LTD.")
    assert parsed.links == (Link(relation="linked-to", name="FOO CO., LTD."),)
    assert parse_remarks("Linked To: HIZBALLAH.").links[0].name == "HIZBALLAH"


def test_second_single_value_goes_to_other() -> None:
    """A second establishment date is not lost: the first is the field, the second in other."""
    parsed = parse_remarks(
        "Organization Established Date 1990; alt. Organization Established Date 01 Aug 1991."
    )
    assert parsed.established_on == PartialDate(1990)
    assert parsed.other == ("alt. Organization Established Date 01 Aug 1991",)
    assert parsed.parsed == 2


# --------------------------------------------------------------------------- properties

REAL_SEGMENTS = (
    "DOB 14 Dec 1960",
    "alt. DOB circa 1957",
    "POB Masshad, Iran",
    "nationality Korea, North",
    "citizen Russia",
    "Gender Male",
    "a.k.a. 'ABU SA'ID'",
    "f.k.a. 'OLD NAME LLC'",
    "Linked To: PASARGAD STEEL COMPLEX",
    SECONDARY,
    "Passport A12345 (Iran) issued 01 Jan 2010 expires 01 Jan 2020",
    "Tax ID No. 410211742522406 (China)",
    "Vessel Registration Identification IMO 9187629",
    "Digital Currency Address - XBT 17a5bpKvEp1j1Trs4qTbcNZrby53JbaS9C",
    "Organization Established Date 01 Aug 1956",
    "Organization Type: Manufacture of basic iron and steel",
    "Member of the State Duma of the Federal Assembly of the Russian Federation",
    "Aircraft Model B 737",
    "Website www.example.com",
    "Executive Order 13846 information: FOREIGN EXCHANGE.  Sec. 5(a)(ii)",
)

garbage = (
    st.text(
        alphabet=st.characters(codec="utf-8", exclude_characters=";()'"),
        min_size=1,
    )
    .map(str.strip)
    .filter(bool)
)


@given(st.text())
def test_never_raises(text: str) -> None:
    """Any text at all parses, without raising (and not only thanks to the last guard)."""
    parsed = ofac_remarks._parse(text)
    assert parse_remarks(text) == parsed
    assert len(parsed.unparsed) <= parsed.segments
    assert all(segment and segment == segment.strip() for segment in parsed.unparsed)


@given(
    st.lists(
        st.one_of(
            st.sampled_from(REAL_SEGMENTS).map(lambda s: ("real", s)),
            garbage.map(lambda s: ("garbage", s)),
        ),
        min_size=1,
        max_size=12,
    )
)
def test_every_segment_is_accounted_for(parts: list[tuple[str, str]]) -> None:
    """Real segments are parsed; garbage ones are kept verbatim (or parsed); none is lost."""
    text = "; ".join([segment for _, segment in parts] + ["Gender Female"]) + "."
    parsed = parse_remarks(text)
    assert parsed.segments == len(parts) + 1
    assert parsed.parsed + len(parsed.unparsed) == parsed.segments
    for kind, segment in parts:
        if kind == "real":
            assert segment not in parsed.unparsed
        elif segment not in parsed.unparsed:
            assert parse_remarks(segment).unparsed == ()
    assert len(parsed.unparsed) <= sum(1 for kind, _ in parts if kind == "garbage")
