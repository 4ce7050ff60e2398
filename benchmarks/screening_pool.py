"""False alerts on real people of other lists: a development pool (development only).

Usage: .venv/bin/python benchmarks/screening_pool.py [--alerts FILE] [--by-country FILE]

The benchmark's own real unlisted people (``screening_cases.not_listed``) are too few in
its development part (348 names, one alert) to find what makes a false alert. This pool
takes real individuals of lists that are not screened, screens each with
``screen(name, kind="person")`` against the SDN list of 2024-05-03 with its companions and
the UN list of 2025-11-20, and says which alerts are the same person (born the year the
entry says, or read to be so: ``SAME_BY_READING`` is everything but ``OTHER_PEOPLE``) and
which are other people (``OTHER_PEOPLE``: read one by one, with the birth years where the
lists give them). The people:

* the individuals of the Consolidated Screening List's Entity List, Unverified List,
  Nonproliferation Sanctions and Military End User List (told from companies by their
  names), and its SDN individuals that the screened SDN file no longer holds;
* the individuals of the EU, UK (ConList of 2018), SECO and DFAT lists and of the
  OpenSanctions files, only those whose benchmark entity is in the development part
  (``Entity.test`` False);
* the individuals of Canada's autonomous list of 2020 (``other/sema-lmes.xml``).

A person is left out with all their names when any name reads as a name of the screened
lists, when their list marks them as listed by the UN, or when any name reads as a name
of the benchmark's own people (both parts: compared as read, never printed), so that no
person of the test part enters. The labels were made on this round's first run (before
its rules) and are kept as they were: an alert on a name not labelled is counted as the
same person, so a rule that makes new false alerts shows only in ``--alerts``.

Then the people whose list gives one birth year are screened with it, and those whose list
gives a country (nationality, citizenship, address: ``Facts``, ``csl_countries``,
``ftm_countries``, ``canada_countries``) with it (``country=``; with each of several): what
the country removes of the alerts on other people and what it loses of the alerts on the
same person (``--by-country``: each of them with the countries of both sides).
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from lxml import etree
from screening_cases import (
    _COMPANY,
    DATA,
    PERSON,
    SDN_LATEST,
    _csl_rows,
    _ftm_lines,
    _open,
    address_country,
    birth_years,
    country_cell,
    csl_countries,
    dfat,
    eu,
    ftm,
    not_listed,
    ofac,
    reading,
    seco,
    uk,
    un,
)

from sanctions_tracker.screening import Match, Screener

OTHER_PEOPLE = frozenset(
    {
        "Abdallah Khalil HUSSAIN",
        "ABDULLAH KHALEEL HUSSEIN",
        "Abdullah Khaleel HUSSAIN",
        "Abdullah Khalil HUSSEIN",
        "Abdullah Khalil HUSSAIN",
        "Muhammad Nasim ud Din",
        "Ahmed Salem HASSAN",
        "Yun CHOL",
        "Ahmad al-Sheik ABDULQUADER",
        "Ahmad Sheik ABDUL-QADER",
        "Ahmad Sheikh Abdul QADIR",
        "Thant Zin Oo",
        "Chang Hyok YUN",
        "Mohammad Azam",
        "Mohamed Khair AL-SAYYED",
        "Eric Cohen",
        "Ali Barakat",
        "Ali SAEEDI",
        "Mohammed Fawaz KHALED",
        "Khaled FAWAZ",
        "Alexander Alexandrovich",
        "Aung Htwe",
        "Alexander TKACHOV",
        "Alexander TKACHEV",
        "Chol Young JON",
        "Seyyed Hosein Majid Mousavi",
        "YOUNG-CHUN",
        "Khin Shwe",
        "Yong Chun KIM",
        "Mohammed Ali NASER",
        "Chan Nyein",
        "Tin Aung Myint Oo",
        "Ahmed SALEM",
        "Dmitry KONOV",
        "Kyaw Win",
        "Mya Oo",
        "Ali Saidi",
        "Maung Aye",
        "Sergei KOZLOV",
        "Ali Salem",
        "Thein Zaw",
        "Dmitry Gusev",
        "Dmitry Savelyev",
        "Mikhail Matveyev",
        # read again in round 7, when it stopped alerting: the Entity List's Jamal Hasan
        # (Dubai, 2012) is not the SDN's HASSAN, Jamil (Syrian Air Force Intelligence)
        "Jamal Hasan",
    }
)
"""The names of the pool that alerted on another person before round 6, read one by one
(the others that alerted then are the same person under another spelling), and one read
again since."""

_NOT_A_PERSON = re.compile(
    r"\b(INSTITUTE|INSTITUT|UNIVERSITY|ACADEMY|BUREAU|CENT(?:ER|RE)|PLANT|FACTORY|MINISTRY|"
    r"OFFICE|AGENCY|RESEARCH|BANK|COMPANY|ORGANI[SZ]ATION|DEPARTMENT|LABORATORY|JSC|OJSC|PJSC|"
    r"OOO|ZAO|OAO|AO|FIRM|ASSOCIATION|FOUNDATION|FUND|PARTY|ARMY|BRIGADE|FRONT|MOVEMENT|"
    r"COMMITTEE|COUNCIL|AUTHORITY|SCHOOL|COLLEGE|HOSPITAL|TRUST|HOLDINGS?|CO\.?|SARL|SRL|"
    r"SHIPPING|MARINE|ENERGY|OIL|GAS|PETROLEUM|STEEL|METALS?|CHEMICALS?|PHARMA\w*|MACHINE\w*|"
    r"ENGINEERING|DESIGN|DEVELOPMENT|SOLUTIONS|COMMUNICATIONS?|TELECOM\w*|NETWORKS?|ELECTRIC\w*|"
    r"INDUSTRIAL|INDUSTRY|MANUFACTURING|LOGISTICS|TRANSPORT\w*|IMPEX|TRADE|COMMERCIAL|"
    r"CORPORATION|ENTERPRISE|ESTABLISHMENT|PVT|PTE|SDN|BHD|KG|NV|SPA|SAS|GROUP|INC\.?|"
    r"COMPLEX|SCIENTIFIC|TECHNICAL|NATIONAL|STATE|REPUBLIC|FEDERAL|MILITARY|DEFEN[CS]E|"
    r"AEROSPACE|AVIATION|NUCLEAR|MISSILE|SPACE|ELECTRONIC\w*|PRODUCTS?|SUPPLIES|EQUIPMENT|"
    r"SERVICES?|SYSTEMS?|TECH\w*|GLOBAL|WORLD|KOREA|CHINA|IRAN|RUSSIA|PAKISTAN|INDIA|"
    r"\w*\.COM|LIMITED|LTD|LLC|FZE|FZCO|GMBH|AG|SA|BV)\b",
    re.IGNORECASE,
)
"""Words that make a row of a list of people and companies with no type a company's."""
_MAX_WORDS = 7
_CSL_SOURCES = {
    "Entity List": "csl-el",
    "Unverified": "csl-uvl",
    "Nonproliferation": "csl-isn",
    "Military End User": "csl-meu",
    "Specially Designated": "csl-sdn",
}


@dataclass(frozen=True)
class PoolPerson:
    """A name of a real person of another list, their party, and the years they were born
    and the countries (ISO alpha-2: nationality, citizenship, address) they are tied to as
    their list gives them."""

    name: str
    origin: str
    party: str
    years: frozenset[int]
    countries: frozenset[str] = frozenset()


def _personal(name: str) -> bool:
    """Whether a name of a list of people and companies with no type reads as a person's."""
    return (
        not _COMPANY.search(name)
        and not _NOT_A_PERSON.search(name)
        and 2 <= len(reading(name).split()) <= _MAX_WORDS  # noqa: PLR2004 - two words at least
        and not re.search(r"\d", name)
    )


Row = tuple[list[str], str, str, frozenset[int] | set[int], frozenset[str]]
"""A person of a list: names, origin, party, birth years, countries."""


def _csl() -> Iterator[Row]:
    sdn_ids = set()
    with gzip.open(DATA / "ofac-sdn" / SDN_LATEST, "rt", encoding="utf-8", errors="replace") as f:
        sdn_ids = {row[0].strip() for row in csv.reader(f) if row}
    for row in _csl_rows(""):
        source = row.get("source") or ""
        origin = next((tag for key, tag in _CSL_SOURCES.items() if source.startswith(key)), None)
        if origin is None:
            continue
        name = (row.get("name") or "").strip()
        names = [name, *[n.strip() for n in (row.get("alt_names") or "").split(";")]]
        if origin == "csl-sdn":
            if (row.get("type") or "") != "Individual" or (
                row.get("entity_number") or ""
            ).strip() in sdn_ids:
                continue
        elif not _personal(name):
            continue
        else:
            names = [n for n in names if _personal(n)]
        yield (
            names,
            origin,
            f"{origin}:{row['_id']}",
            birth_years(row.get("dates_of_birth") or ""),
            csl_countries(row),
        )


Keyed = dict[tuple[str, str], set[int]]
Places = dict[tuple[str, str], set[str]]


@dataclass
class Facts:
    """What the EU, UK, SECO and DFAT lists say of their entities beyond names (by the
    keys ``screening_cases`` gives them): birth years, countries, listed by the UN."""

    years: Keyed = field(default_factory=lambda: defaultdict(set))
    countries: Places = field(default_factory=lambda: defaultdict(set))
    by_un: set[tuple[str, str]] = field(default_factory=set)


def facts() -> Facts:
    """Birth years, countries and whether the UN lists them, of the EU, UK, SECO and DFAT
    entities."""
    found = Facts()
    _eu_facts(found)
    _uk_facts(found)
    _seco_facts(found)
    _dfat_facts(found)
    return found


def _seco_facts(found: Facts) -> None:
    """SECO: birth years, and the countries of ``nationality`` and of ``address``es (by
    their ``country`` element's ``iso-code`` when one is given)."""
    root = etree.fromstring(_open(DATA / "ch-seco" / "seco_excerpt_2026-08-15.xml"))
    for target in root.iter("target"):
        parent = target.getparent()
        if parent is not None and parent.tag != root.tag:
            continue  # a target repeated inside its own modification history
        key = ("seco", target.get("ssid", ""))
        for date in target.iter("day-month-year"):
            found.years[key].update(birth_years(date.get("year", "")))
        identity = target.find("./*/identity")
        if identity is None:
            continue
        for holder in (*identity.iter("nationality"), *identity.iter("address")):
            for country in holder.iter("country"):
                found.countries[key].update(
                    country_cell(country.get("iso-code") or country.text or "")
                )


def _dfat_facts(found: Facts) -> None:
    """DFAT: birth years, the ``Citizenship`` column and the country each ``Address``
    ends with; ``Listed by UN`` in the listing information."""
    import openpyxl  # type: ignore[import-untyped]  # noqa: PLC0415 - benchmarks only, no stubs

    path = DATA / "au-dfat" / "Australian_Sanctions_Consolidated_List_2026-02-24.xlsx"
    book = openpyxl.load_workbook(path, read_only=True)
    try:
        for row in book.active.iter_rows(min_row=2, values_only=True):
            key = ("dfat", re.sub(r"[a-z]+$", "", str(row[0] or "").strip()))
            found.years[key].update(birth_years(str(row[5] or "")))
            found.countries[key].update(country_cell(str(row[7] or "")))
            address = address_country(str(row[8] or ""))
            if address is not None:
                found.countries[key].add(address)
            if "Listed by UN" in str(row[10] or ""):
                found.by_un.add(key)
    finally:
        book.close()


def _eu_facts(found: Facts) -> None:
    """EU: birth years; the countries of ``citizenship`` and ``address`` (their
    ``countryIso2Code``; in the legacy file the ``COUNTRY`` of ``CITIZEN`` and
    ``ADDRESS``). The country of birth is left out: a record's countries in screening are
    its nationalities, citizenships and addresses."""
    for name in ("eu_fsf_excerpt_2026-08-05_a.xml", "eu_fsf_excerpt_2026-08-05_b.xml"):
        root = etree.fromstring(_open(DATA / "eu-fsf" / name))
        for element in root.iter("{*}sanctionEntity"):
            key = ("eu", element.get("logicalId", ""))
            for born in element.iter("{*}birthdate"):
                found.years[key].update(birth_years(born.get("year", "")))
            for place in (*element.iter("{*}citizenship"), *element.iter("{*}address")):
                code = place.get("countryIso2Code", "")
                if code and code != "00":  # 00: unknown
                    found.countries[key].update(country_cell(code))
            if element.get("unitedNationId", "").strip():
                found.by_un.add(key)
    legacy = etree.fromstring(_open(DATA / "eu-fsf" / "eu_legacy_2016-02-11_part.xml.gz"))
    for element in legacy.iter("ENTITY"):
        key = ("eu", "legacy-" + element.get("Id", ""))
        for date in element.iter("DATE"):
            found.years[key].update(birth_years(date.text or ""))
        for place in (*element.iter("CITIZEN"), *element.iter("ADDRESS")):
            found.countries[key].update(country_cell(place.findtext("COUNTRY")))


def _uk_facts(found: Facts) -> None:
    """UK ConList: birth years, the ``Nationality`` column ("(1) Somali (2) Swedish") and
    the address's ``Country``; ``UN Ref`` in the other information."""
    text = _open(DATA / "uk-ofsi" / "ConList_2018-04-13.csv.gz").decode("latin-1")
    reader = csv.reader(io.StringIO(text))
    next(reader)
    header = next(reader)
    index = {name: number for number, name in enumerate(header)}
    for row in reader:
        if len(row) >= len(header):
            key = ("uk", row[index["Group ID"]])
            found.years[key].update(birth_years(row[index["DOB"]]))
            found.countries[key].update(country_cell(row[index["Nationality"]]))
            found.countries[key].update(country_cell(row[index["Country"]]))
            if "UN Ref" in row[index["Other Information"]]:
                found.by_un.add(key)


def ftm_countries() -> dict[str, frozenset[str]]:
    """The countries of the OpenSanctions entities, by id: their ``country``,
    ``nationality`` and ``citizenship`` properties (lower-case codes)."""
    found: dict[str, frozenset[str]] = {}
    for record in _ftm_lines():
        properties = record.get("properties")
        if isinstance(properties, dict):
            codes = {
                code
                for prop in ("country", "nationality", "citizenship")
                for value in properties.get(prop, [])
                for code in country_cell(str(value))
            }
            found[str(record.get("id"))] = frozenset(codes)
    return found


def _canada() -> Iterator[Row]:
    text = (DATA / "other" / "sema-lmes.xml").read_text(encoding="utf-8")
    for number, record in enumerate(re.findall(r"<record>(.*?)</record>", text, re.DOTALL)):
        fields = {
            tag: value.strip() for tag, value in re.findall(r"<(\w+)>(.*?)</\1>", record, re.DOTALL)
        }
        full = f"{fields.get('GivenName', '')} {fields.get('LastName', '')}".strip()
        if full:
            aliases = [a.strip() for a in fields.get("Aliases", "").split(",") if a.strip()]
            yield (
                [full, *aliases],
                "canada",
                f"canada:{number}",
                birth_years(fields.get("DateOfBirth", "")),
                canada_countries(fields.get("Country", "")),
            )


def canada_countries(text: str) -> frozenset[str]:
    """The country of a record of Canada's list: its ``Country`` ("Burma / Birmanie"),
    which names the regulations the person is listed under."""
    return country_cell(text)


def pool(listed: set[str]) -> list[PoolPerson]:
    """The pool: every name of the people above, once (``listed``: the screened lists'
    names as read)."""
    known = facts()
    in_ftm = ftm_countries()
    rows: list[Row] = list(_csl())
    for entity in [*eu(), *uk(), *seco(), *dfat(), *ftm()]:
        if entity.kind == PERSON and not entity.test:
            key = (entity.source, entity.id)
            if key not in known.by_un:
                countries = frozenset(known.countries.get(key, set())) | in_ftm.get(
                    entity.id, set()
                )
                years = known.years.get(key, set())
                rows.append((entity.names, entity.source, entity.key, years, countries))
    rows.extend(_canada())
    # the benchmark's own people, both parts, before its own exclusions: never shown
    own = {reading(person.name) for person in not_listed(set(), {})}
    people: dict[str, PoolPerson] = {}
    for names, origin, party, born, countries in rows:
        readings = {reading(name) for name in names if reading(name)}
        if readings & listed or readings & own:
            continue
        for name in names:
            if reading(name):
                person = PoolPerson(name, origin, party, frozenset(born), countries)
                people.setdefault(reading(name), person)
    return list(people.values())


def _born(designation_years: Iterable[tuple[int, int]]) -> set[int]:
    return {year for start, end in designation_years for year in range(start, end + 1)}


def main(argv: list[str] | None = None) -> int:
    """Build the pool, screen it, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--alerts", type=Path, help="write every alert here, to read")
    parser.add_argument(
        "--by-country",
        type=Path,
        help="write here the alerts on the same person that the country given loses, and "
        "each alert on another person with what the country does to it, with the countries "
        "of both sides",
    )
    args = parser.parse_args(argv)
    trackers = [ofac()[0], un()[0]]
    designations = [d for tracker in trackers for d in tracker.designations()]
    listed = {reading(name.full) for d in designations for name in d.party.names}
    people = pool(listed)
    screener = Screener(designations)
    counts: Counter[str] = Counter()
    others_read = {reading(name) for name in OTHER_PEOPLE}
    lines = []
    plain: dict[str, tuple[Match, ...]] = {}  # each name's matches, read again below
    for person in people:
        hits = screener.screen(person.name, kind="person")
        plain[person.name] = hits
        if not hits:
            continue
        best = hits[0]
        born = _born(
            (date.earliest.year, date.latest.year) for date in best.designation.party.birth_dates
        )
        if reading(person.name) in others_read:
            label = "other person"
        elif person.years & born:
            label = "same person (born the same year)"
        else:
            label = "same person (read)"
        counts[label] += 1
        lines.append(
            f"{label}\t{best.score}\t{person.name!r} ({person.origin}, born "
            f"{sorted(person.years)}) -> {best.matched_name.full!r} [{best.designation_id}, "
            f"born {sorted(born)}]"
        )
    same = counts["same person (born the same year)"] + counts["same person (read)"]
    others = counts["other person"]
    print(
        f"{len(people)} names of {len({p.party for p in people})} people "
        f"({dict(Counter(p.origin for p in people))})"
    )
    print(f"alerts: {sum(counts.values())}; the same person {same} ({dict(counts)})")
    print(
        f"other people alerting: {others} of {len(people) - same} names that do not alert on "
        f"themselves ({others / max(1, len(people) - same):.2%})"
    )
    if args.alerts:
        args.alerts.write_text("\n".join(sorted(lines)) + "\n", encoding="utf-8")
    _with_birth_year(screener, people, others_read, plain)
    lines = _with_country(screener, people, others_read, plain)
    if args.by_country:
        args.by_country.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return 0


def _with_birth_year(
    screener: Screener,
    people: list[PoolPerson],
    others: set[str],
    matches: dict[str, tuple[Match, ...]],
) -> None:
    """The people whose list gives one birth year, screened with it (``birth_date=year``)
    beside without (``matches``: each name's matches without it): other people alerting,
    and alerts on the same person kept."""
    dated = [person for person in people if len(person.years) == 1]
    counts: Counter[str] = Counter()
    for person in dated:
        plain = matches[person.name]
        if not plain:
            continue
        (year,) = person.years
        dated_hits = screener.screen(person.name, kind="person", birth_date=year)
        other = reading(person.name) in others
        counts["other" if other else "same"] += 1
        if dated_hits and dated_hits[0].designation_id == plain[0].designation_id:
            counts["other kept" if other else "same kept"] += 1
    print(
        f"with the birth year their list gives ({len(dated)} names): other people alerting "
        f"{counts['other kept']} of the {counts['other']} that alert without it; alerts on "
        f"the same person kept {counts['same kept']} of {counts['same']}"
    )


def _alerting(screener: Screener, person: PoolPerson, year: int | None = None) -> dict[str, Match]:
    """The entries that alert on a person screened with each country their list gives
    (and ``year`` as the birth date), the best match of each: a desk that knows several
    countries of a customer screens with each and reads every alert."""
    found: dict[str, Match] = {}
    for code in sorted(person.countries):
        for hit in screener.screen(person.name, kind="person", country=code, birth_date=year):
            if hit.designation_id not in found or hit.score > found[hit.designation_id].score:
                found[hit.designation_id] = hit
    return found


def _with_country(
    screener: Screener,
    people: list[PoolPerson],
    others: set[str],
    matches: dict[str, tuple[Match, ...]],
) -> list[str]:
    """The people whose list gives a country, screened with it (``country=``; with each of
    several, an alert kept when any alerts) beside without (``matches``): for one country
    and for several, by origin, and with the birth year too, the alerts kept (the entry
    that alerted without the country still alerts), on other people and on the same
    person, and the other people whose alert moved to another entry (those entries are
    not read: written out to read). Returns the alerts on the same person lost and every
    alert on another person, with the countries of both sides, to read."""
    counts: Counter[tuple[str, str]] = Counter()
    by_origin: Counter[tuple[str, str]] = Counter()
    lost: list[str] = []
    placed = [person for person in people if person.countries]
    for person in placed:
        plain = matches[person.name]
        if not plain:
            continue
        group = "one" if len(person.countries) == 1 else "several"
        other = reading(person.name) in others
        side = "other" if other else "same"
        alerting = _alerting(screener, person)
        kept = plain[0].designation_id in alerting
        moved = sorted(set(alerting) - {m.designation_id for m in plain}) if other else []
        for key in (group, "all"):
            counts[key, side] += 1
            counts[key, side + " kept"] += kept
            counts[key, "other moved"] += bool(moved) and not kept
        by_origin[person.origin, side] += 1
        by_origin[person.origin, side + " kept"] += kept
        listed_countries = plain[0].designation.party.countries
        if not other:  # what the record alerting without the country gives
            if not listed_countries:
                counts["record", "none"] += 1
            elif person.countries & listed_countries:
                counts["record", "agrees"] += 1
            else:
                counts["record", "differs"] += 1  # countries, none of theirs
                counts["record", "differs kept"] += kept
        if len(person.years) == 1:
            (year,) = person.years
            dated = _alerting(screener, person, year)
            counts["dated", side] += 1
            counts["dated", side + " kept"] += plain[0].designation_id in dated
        if other or not kept:
            best = plain[0]
            party = best.designation.party
            fate = ("other person kept" if kept else "other person removed") if other else "lost"
            now = [
                f"{alerting[i].matched_name.full!r} [{i}, countries "
                f"{sorted(alerting[i].designation.party.countries)}]"
                for i in moved
            ]
            lost.append(
                f"{fate}\t{best.score}\t{person.name!r} ({person.origin}, countries "
                f"{sorted(person.countries)}, born {sorted(person.years)}) -> "
                f"{best.matched_name.full!r} [{best.designation_id}, countries "
                f"{sorted(party.countries)}]" + (f"; now alerting: {', '.join(now)}" if now else "")
            )
    one = sum(1 for person in placed if len(person.countries) == 1)
    print(
        f"with the country their list gives ({len(placed)} names: {one} with one country, "
        f"{len(placed) - one} with several, screened with each and an alert kept when any "
        "alerts):"
    )
    for group, label in (("one", "one country"), ("several", "several"), ("all", "together")):
        print(
            f"  {label}: alerts on other people kept {counts[group, 'other kept']} of "
            f"{counts[group, 'other']} (on another entry instead: "
            f"{counts[group, 'other moved']}); alerts on the same person kept "
            f"{counts[group, 'same kept']} of {counts[group, 'same']}"
        )
    print(
        f"  the records of the alerts on the same person: a country of theirs "
        f"{counts['record', 'agrees']}, no country {counts['record', 'none']}, countries "
        f"none of theirs {counts['record', 'differs']} (kept {counts['record', 'differs kept']})"
    )
    origins = sorted({origin for origin, _side in by_origin})
    print(
        "  by origin (other people kept/alerting, same person kept/alerting): "
        + "; ".join(
            f"{origin} {by_origin[origin, 'other kept']}/{by_origin[origin, 'other']}, "
            f"{by_origin[origin, 'same kept']}/{by_origin[origin, 'same']}"
            for origin in origins
        )
    )
    print(
        f"with the birth year and the country (names with one birth year and a country): "
        f"alerts on other people kept {counts['dated', 'other kept']} of "
        f"{counts['dated', 'other']}; "
        f"alerts on the same person kept {counts['dated', 'same kept']} of "
        f"{counts['dated', 'same']}"
    )
    return sorted(lost)


if __name__ == "__main__":
    sys.exit(main())
