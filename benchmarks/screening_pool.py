"""False alerts on real people of other lists: a development pool (development only).

Usage: .venv/bin/python benchmarks/screening_pool.py [--alerts FILE]

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
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from lxml import etree
from screening_cases import (
    _COMPANY,
    DATA,
    PERSON,
    SDN_LATEST,
    _csl_rows,
    _open,
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
    as their list gives them."""

    name: str
    origin: str
    party: str
    years: frozenset[int]


def _years(text: str) -> set[int]:
    return {int(year) for year in re.findall(r"\b(19\d\d|20[0-2]\d)\b", text or "")}


def _personal(name: str) -> bool:
    """Whether a name of a list of people and companies with no type reads as a person's."""
    return (
        not _COMPANY.search(name)
        and not _NOT_A_PERSON.search(name)
        and 2 <= len(reading(name).split()) <= _MAX_WORDS  # noqa: PLR2004 - two words at least
        and not re.search(r"\d", name)
    )


def _csl() -> Iterator[tuple[list[str], str, str, set[int]]]:
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
        yield names, origin, f"{origin}:{row['_id']}", _years(row.get("dates_of_birth") or "")


Keyed = dict[tuple[str, str], set[int]]


def _born_and_un() -> tuple[Keyed, set[tuple[str, str]]]:
    """Birth years, and whether the UN lists them, of the EU, UK, SECO and DFAT entities
    (by the keys ``screening_cases`` gives them)."""
    years: Keyed = defaultdict(set)
    by_un: set[tuple[str, str]] = set()
    _eu_born(years, by_un)
    _uk_born(years, by_un)
    root = etree.fromstring(_open(DATA / "ch-seco" / "seco_excerpt_2026-08-15.xml"))
    for target in root.iter("target"):
        key = ("seco", target.get("ssid", ""))
        for date in target.iter("day-month-year"):
            years[key].update(_years(date.get("year", "")))
    import openpyxl  # type: ignore[import-untyped]  # noqa: PLC0415 - benchmarks only, no stubs

    path = DATA / "au-dfat" / "Australian_Sanctions_Consolidated_List_2026-02-24.xlsx"
    for row in openpyxl.load_workbook(path, read_only=True).active.iter_rows(
        min_row=2, values_only=True
    ):
        key = ("dfat", re.sub(r"[a-z]+$", "", str(row[0] or "").strip()))
        years[key].update(_years(str(row[5] or "")))
        if "Listed by UN" in str(row[10] or ""):
            by_un.add(key)
    return years, by_un


def _eu_born(years: Keyed, by_un: set[tuple[str, str]]) -> None:
    for name in ("eu_fsf_excerpt_2026-08-05_a.xml", "eu_fsf_excerpt_2026-08-05_b.xml"):
        root = etree.fromstring(_open(DATA / "eu-fsf" / name))
        for element in root.iter("{*}sanctionEntity"):
            key = ("eu", element.get("logicalId", ""))
            for born in element.iter("{*}birthdate"):
                years[key].update(_years(born.get("year", "")))
            if element.get("unitedNationId", "").strip():
                by_un.add(key)
    legacy = etree.fromstring(_open(DATA / "eu-fsf" / "eu_legacy_2016-02-11_part.xml.gz"))
    for element in legacy.iter("ENTITY"):
        key = ("eu", "legacy-" + element.get("Id", ""))
        for date in element.iter("DATE"):
            years[key].update(_years(date.text or ""))


def _uk_born(years: Keyed, by_un: set[tuple[str, str]]) -> None:
    text = _open(DATA / "uk-ofsi" / "ConList_2018-04-13.csv.gz").decode("latin-1")
    reader = csv.reader(io.StringIO(text))
    next(reader)
    header = next(reader)
    index = {name: number for number, name in enumerate(header)}
    for row in reader:
        if len(row) >= len(header):
            key = ("uk", row[index["Group ID"]])
            years[key].update(_years(row[index["DOB"]]))
            if "UN Ref" in row[index["Other Information"]]:
                by_un.add(key)


def _canada() -> Iterator[tuple[list[str], str, str, set[int]]]:
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
                _years(fields.get("DateOfBirth", "")),
            )


def pool(listed: set[str]) -> list[PoolPerson]:
    """The pool: every name of the people above, once (``listed``: the screened lists'
    names as read)."""
    years, by_un = _born_and_un()
    rows: list[tuple[list[str], str, str, set[int]]] = list(_csl())
    for entity in [*eu(), *uk(), *seco(), *dfat(), *ftm()]:
        if entity.kind == PERSON and not entity.test:
            key = (entity.source, entity.id)
            if key not in by_un:
                rows.append((entity.names, entity.source, entity.key, years.get(key, set())))
    rows.extend(_canada())
    # the benchmark's own people, both parts, before its own exclusions: never shown
    own = {reading(person.name) for person in not_listed(set(), {})}
    people: dict[str, PoolPerson] = {}
    for names, origin, party, born in rows:
        readings = {reading(name) for name in names if reading(name)}
        if readings & listed or readings & own:
            continue
        for name in names:
            if reading(name):
                people.setdefault(reading(name), PoolPerson(name, origin, party, frozenset(born)))
    return list(people.values())


def _born(designation_years: Iterable[tuple[int, int]]) -> set[int]:
    return {year for start, end in designation_years for year in range(start, end + 1)}


def main(argv: list[str] | None = None) -> int:
    """Build the pool, screen it, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--alerts", type=Path, help="write every alert here, to read")
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


if __name__ == "__main__":
    sys.exit(main())
