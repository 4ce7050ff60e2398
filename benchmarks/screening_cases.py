# Pairs are built positionally (family, a, b, same ...) and the case builders read as one
# pass each: FBT003 and C901 do not help here.
# ruff: noqa: FBT003, C901
"""Labelled name cases from the real list files, for benchmarks/screening_hard.py.

Nothing here is made up or transformed: every name is a name some list gives.

* An *entity* is one party of one list with every name that list gives it (primary names,
  strong aliases, names in their original script, spelling variants); weak aliases (OFAC's
  low-quality a.k.a., the UN's "Low" quality) are left out, as no name matcher should be
  asked to find them.
* A *positive pair* is two names of one entity that do not read the same once case,
  punctuation and order are set aside.
* A *negative pair* is two names of two entities of the same list (a list does not list
  one party twice), chosen because they share most of their words: relatives sharing a
  family name, people who share their given and family names but not their middle name or
  patronymic, companies that share all their words but one ("Bank X" vs "Bank Y"), and
  for names in other scripts or old spellings, the other party's name that reads most
  like it. Pairs whose two names read the same are left out (a name cannot tell them apart).
* *Real people not listed*: individuals of the US Denied Persons List (real people under
  export bans, mostly Americans) and of the OpenSanctions Wikidata sample, kept only when
  no name of theirs reads the same as a name of the screened lists; each with the
  countries their record gives (``Person.countries``), to screen with ``country=``.

Every pair falls in the *development* or the *test* part by its first entity (a hash of
the list and the entity's id with a fixed seed): all names of an entity are on one side.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import json
import random
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from anyascii import anyascii
from lxml import etree

import sanctions_tracker as st
from sanctions_tracker.records import Designation, PartyKind
from sanctions_tracker.sources._places import nationality_country

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
SEED = "screening-round-2"
TEST_SHARE = 0.5
MAX_POSITIVES_PER_ENTITY = 2
NEAREST_SAMPLE = 1500
MAX_NEGATIVES_PER_GROUP = 3
SDN_LATEST = "sdn-2024-05-03.csv.gz"
SDN_OLDER = (
    "sdn-2021-08-18.csv.gz",
    "sdn-2022-02-23.csv.gz",
    "sdn-2022-02-25.csv.gz",
    "sdn-2023-06-29.csv.gz",
    "sdn-2024-05-02.csv.gz",
)
UN_LATEST = "consolidated_2025-11-20.xml.gz"
UN_OLDER = "consolidated_2020-03-20.xml.gz"

PERSON, ORG = "person", "org"


@dataclass
class Entity:
    """One party of one list and the names that list gives it."""

    source: str
    id: str
    kind: str
    names: list[str] = field(default_factory=list)

    @property
    def key(self) -> str:
        """The entity's key across lists."""
        return f"{self.source}:{self.id}"

    @property
    def test(self) -> bool:
        """Whether the entity is in the test part (fixed seed)."""
        digest = hashlib.sha256(f"{SEED}:{self.key}".encode()).digest()
        return digest[0] / 256 < TEST_SHARE


@dataclass(frozen=True)
class Pair:
    """Two names, whether they name one party, the family, and which part it is in."""

    family: str
    a: str
    b: str
    same: bool
    kind: str
    test: bool
    origin: str


def reading(text: str) -> str:
    """A name as it reads: Latin letters, lower case, no punctuation, words sorted."""
    latin = anyascii(unicodedata.normalize("NFKC", text)).casefold()
    return " ".join(sorted(re.findall(r"[a-z0-9]+", latin)))


def non_latin(text: str) -> bool:
    """Whether a name has letters of a script other than Latin."""
    return any(ch.isalpha() and ord(ch) > 0x24F for ch in text)  # noqa: PLR2004 - Latin Extended-B


def _open(path: Path) -> bytes:
    data = path.read_bytes()
    return gzip.decompress(data) if path.suffix == ".gz" else data


def _kind(kind: PartyKind) -> str | None:
    if kind is PartyKind.INDIVIDUAL:
        return PERSON
    if kind in {PartyKind.ENTITY, PartyKind.VESSEL}:
        return ORG
    return None


def from_designations(source: str, designations: Iterable[Designation]) -> list[Entity]:
    """Entities of a loaded list: strong names only."""
    out = []
    for designation in designations:
        kind = _kind(designation.party.kind)
        if kind is None:
            continue
        names = [name.full for name in designation.party.names if not name.weak]
        out.append(Entity(source, designation.id, kind, names))
    return out


def ofac() -> tuple[st.Tracker, list[Entity]]:
    """The SDN list of 2024-05-03 with its alt.csv aliases."""
    companions = DATA / "ofac-csv-companions"
    tracker = st.load(
        DATA / "ofac-sdn" / SDN_LATEST,
        companions / "alt.csv.gz",
        companions / "add.csv.gz",
        companions / "sdn_comments.csv",
    )
    return tracker, from_designations("ofac", tracker.designations())


def un() -> tuple[st.Tracker, list[Entity]]:
    """The UN Security Council list of 2025-11-20, with its names in original script."""
    tracker = st.load(DATA / "un-consolidated" / UN_LATEST)
    return tracker, from_designations("un", tracker.designations())


_FTM_NAMES = ("name", "alias", "previousName")
_FTM_KINDS = {"Person": PERSON, "Organization": ORG, "Company": ORG, "LegalEntity": ORG}


def _ftm_lines() -> Iterator[dict[str, object]]:
    folder = DATA / "opensanctions-ftm"
    for name in ("yente_t1_entities.ftm.json", "yente_zala_entities.ftm.json"):
        for line in (folder / name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                yield json.loads(line)
    delta = folder / "yente_sanctions_20240527194702.entities.delta.json"
    for line in delta.read_text(encoding="utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            if record.get("op") == "ADD":
                yield record["entity"]


def ftm() -> list[Entity]:
    """OpenSanctions FtM entities (their names across scripts)."""
    out = []
    for record in _ftm_lines():
        kind = _FTM_KINDS.get(str(record.get("schema")))
        properties = record.get("properties")
        if kind is None or not isinstance(properties, dict):
            continue
        topics = properties.get("topics", [])
        if "sanction" not in topics:
            continue
        names = [str(n) for prop in _FTM_NAMES for n in properties.get(prop, [])]
        out.append(Entity("opensanctions", str(record["id"]), kind, names))
    return out


def eu() -> list[Entity]:
    """EU Financial Sanctions Files: the 1.1 excerpts and the legacy part."""
    entities: dict[str, Entity] = {}
    for name in ("eu_fsf_excerpt_2026-08-05_a.xml", "eu_fsf_excerpt_2026-08-05_b.xml"):
        root = etree.fromstring(_open(DATA / "eu-fsf" / name))
        for element in root.iter("{*}sanctionEntity"):
            logical = element.get("logicalId", "")
            if logical == "999999":  # the made-up entity of the excerpt
                continue
            subject = element.find("{*}subjectType")
            code = subject.get("code") if subject is not None else ""
            kind = PERSON if code == "person" else ORG
            entity = entities.setdefault(logical, Entity("eu", logical, kind))
            for alias in element.iter("{*}nameAlias"):
                whole = alias.get("wholeName", "").strip()
                if whole and alias.get("strong", "true") == "true":
                    entity.names.append(whole)
    legacy = etree.fromstring(_open(DATA / "eu-fsf" / "eu_legacy_2016-02-11_part.xml.gz"))
    for element in legacy.iter("ENTITY"):
        key = "legacy-" + element.get("Id", "")
        kind = PERSON if element.get("Type") == "P" else ORG
        entity = entities.setdefault(key, Entity("eu", key, kind))
        for whole_name in element.iter("WHOLENAME"):
            if whole_name.text and whole_name.text.strip():
                entity.names.append(whole_name.text.strip())
    return list(entities.values())


def seco() -> list[Entity]:
    """Swiss SECO targets: each name, and its spelling variants part by part."""
    root = etree.fromstring(_open(DATA / "ch-seco" / "seco_excerpt_2026-08-15.xml"))
    out = []
    for target in root.iter("target"):
        parent = target.getparent()
        if parent is not None and parent.tag != root.tag:
            continue  # a target repeated inside its own modification history
        kind = PERSON if target.find("individual") is not None else ORG
        entity = Entity("seco", target.get("ssid", ""), kind)
        identity = target.find("./*/identity")
        if identity is None:
            continue
        for name in identity.iter("name"):
            parts = sorted(name.findall("name-part"), key=lambda p: int(p.get("order", "0")))
            values = [part.findtext("value") or "" for part in parts]
            entity.names.append(" ".join(v for v in values if v))
            variants: dict[tuple[str, str], list[str]] = {}
            for index, part in enumerate(parts):
                for variant in part.findall("spelling-variant"):
                    key = (variant.get("lang", ""), variant.get("script", ""))
                    variants.setdefault(key, list(values))[index] = variant.text or ""
            entity.names.extend(" ".join(v for v in vs if v) for vs in variants.values())
        out.append(entity)
    return out


def dfat() -> list[Entity]:
    """Australia's DFAT list: rows grouped by the base of their reference (3621, 3621a ...)."""
    import openpyxl  # type: ignore[import-untyped]  # noqa: PLC0415 - benchmarks only, no stubs

    path = DATA / "au-dfat" / "Australian_Sanctions_Consolidated_List_2026-02-24.xlsx"
    book = openpyxl.load_workbook(path, read_only=True)
    entities: dict[str, Entity] = {}
    for row in book.active.iter_rows(min_row=2, values_only=True):
        reference, name, kind, name_type, strength = (str(c or "") for c in row[:5])
        base = re.sub(r"[a-z]+$", "", reference.strip())
        if not base or not name.strip() or strength.casefold() == "weak":
            continue
        if kind not in {"Individual", "Entity", "Vessel"}:
            continue
        entity = entities.setdefault(
            base, Entity("dfat", base, PERSON if kind == "Individual" else ORG)
        )
        if name_type.strip() or name:
            entity.names.append(name.strip())
    return list(entities.values())


def uk() -> list[Entity]:
    """The UK's ConList of 2018-04-13: rows grouped by Group ID (names and aliases)."""
    text = _open(DATA / "uk-ofsi" / "ConList_2018-04-13.csv.gz").decode("latin-1")
    reader = csv.reader(io.StringIO(text))
    next(reader)
    header = next(reader)
    index = {name: number for number, name in enumerate(header)}
    entities: dict[str, Entity] = {}
    for row in reader:
        if len(row) < len(header):
            continue
        group = row[index["Group ID"]]
        kind = PERSON if row[index["Group Type"]] == "Individual" else ORG
        given = [row[index[f"Name {n}"]].strip() for n in range(1, 6)]
        surname = row[index["Name 6"]].strip()
        full = " ".join(part for part in [*given, surname] if part)
        if full and row[index["Alias Type"]].casefold() != "weak":
            entities.setdefault(group, Entity("uk", group, kind)).names.append(full)
    return list(entities.values())


def renamed(
    latest: dict[str, Designation], older: Iterable[st.Tracker]
) -> list[tuple[str, Designation]]:
    """Old primary names of entries their list renamed since (in ``older`` versions of
    the list whose latest version is ``latest``), none of the entry's names now."""
    found: dict[tuple[str, str], tuple[str, Designation]] = {}
    for tracker in older:
        for designation in tracker.designations():
            current = latest.get(designation.id)
            if current is None:
                continue
            old = designation.party.name
            if reading(old) in {reading(n.full) for n in current.party.names}:
                continue
            found.setdefault((designation.id, reading(old)), (old, current))
    return sorted(found.values(), key=lambda item: (item[1].id, item[0]))


def renamed_lists(
    ofac_tracker: st.Tracker, un_tracker: st.Tracker
) -> Iterator[tuple[str, dict[str, Designation], list[st.Tracker]]]:
    """(source, latest version by id, older versions) of each list with older versions at
    hand: OFAC's SDN list (five older snapshots), the UN list (2020-03-20) and OFAC's
    Consolidated (non-SDN) list (its advanced XML of 2020-03-17 beside the CSV of 2025)."""
    yield (
        "ofac",
        {d.id: d for d in ofac_tracker.designations()},
        [st.load(DATA / "ofac-sdn" / name) for name in SDN_OLDER],
    )
    yield (
        "un",
        {d.id: d for d in un_tracker.designations()},
        [st.load(DATA / "un-consolidated" / UN_OLDER)],
    )
    folder = DATA / "ofac-consolidated"
    yield (
        "ofac-cons",
        {d.id: d for d in st.load(folder / "cons_prim.csv").designations()},
        [st.load(folder / "cons_advanced.xml.gz")],
    )


@dataclass(frozen=True)
class Person:
    """A name of a real person on no list screened, and the half of the benchmark it is in
    (by its party: every name of one person on one side)."""

    name: str
    origin: str
    party: str
    countries: frozenset[str] = frozenset()
    """The countries (ISO alpha-2) the person's own record gives: nationality, citizenship,
    address; empty when it gives none."""
    years: frozenset[int] = frozenset()
    """The birth years the person's own record gives (the CSL's ``dates_of_birth``,
    Wikidata's ``birth_date``); empty when it gives none (the Denied Persons List gives
    no birth date)."""

    @property
    def test(self) -> bool:
        """Whether the person is in the test half (fixed seed)."""
        digest = hashlib.sha256(f"{SEED}:people:{self.party}".encode()).digest()
        return digest[0] / 256 < TEST_SHARE


_COMPANY = re.compile(
    r"\b(INC|LLC|L\.L\.C|LTD|CORP|CORPORATION|CO|COMPANY|GMBH|S\.?A|LIMITED|TRADING|"
    r"TECHNOLOGIES|TECHNOLOGY|INTERNATIONAL|AVIATION|ELECTRONICS|SYSTEMS|ENTERPRISES?|"
    r"INDUSTRIES|SERVICES|GROUP|AIRLINES?|SUPPLY|IMPORT|EXPORT|FZE|FZC|LLP|PLC|BV|AG)\b",
    re.IGNORECASE,
)
"""Words that make a row of a list of people and companies a company's."""
_PARTICLES = frozenset({"abu", "abou", "abd", "abdul", "abdel", "abed", "bin", "ben", "ibn"})
"""Words of a family name that are not a family name of their own (ABU TEIR)."""


_SEPARATORS = re.compile(r"\(\d+\)|;|,|\s/\s|\band\b")
"""What parts a cell of several countries ("(1) Somali (2) Swedish", "Russia, Ukraine",
"Burma / Birmanie", "IQ; SY")."""


def country_cell(text: str | None) -> frozenset[str]:
    """The countries (ISO alpha-2) of a cell that gives one or more, by code, name or
    nationality ("IQ", "Iraq", "Iraqi", "(1) Somali (2) Swedish", "Russia, Ukraine"): the
    whole cell when it reads as one country, else each part that does (read with
    ``nationality_country``, which reads codes and names as ``countries.country_code``
    does, and adjectives too); nothing for a text that names none."""
    text = (text or "").strip()
    if not text:
        return frozenset()
    whole = _country(text)
    if whole is not None:
        return frozenset({whole})
    parts = (_country(part) for part in _SEPARATORS.split(text) if part.strip())
    return frozenset(code for code in parts if code is not None)


def _country(text: str) -> str | None:
    return nationality_country(text.strip())


def address_country(text: str | None) -> str | None:
    """The country an address written out gives, as its last part ("..., Kabul, AF",
    "..., Dubai, UAE", "Donetsk, Ukraine"), or None (a ZIP code, a city)."""
    last = (text or "").rstrip(" ,.").rpartition(",")[2].strip()
    return _country(last) if last else None


def birth_years(text: str | None) -> frozenset[int]:
    """The years of a cell of birth dates ("1962-05-01", "1962; 1963", "circa 1955")."""
    return frozenset(int(year) for year in re.findall(r"\b(1[89]\d\d|20\d\d)\b", text or ""))


def csl_countries(row: dict[str, str]) -> frozenset[str]:
    """The countries a row of the Consolidated Screening List gives its party: its
    ``citizenships`` and ``nationalities`` (codes) and the country each of its
    ``addresses`` (joined with ``;``) ends with."""
    found = set(country_cell(row.get("citizenships")) | country_cell(row.get("nationalities")))
    for address in (row.get("addresses") or "").split(";"):
        code = address_country(address)
        if code is not None:
            found.add(code)
    return frozenset(found)


def _address(*parts: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", " ".join(parts).casefold()))


def _listed_people_addresses() -> set[str]:
    """The street addresses (with their city) of the SDN list's individuals (add.csv)."""
    kinds: dict[str, str] = {}
    with gzip.open(DATA / "ofac-sdn" / SDN_LATEST, "rt", encoding="utf-8", errors="replace") as f:
        for row in csv.reader(f):
            if len(row) > 2:  # noqa: PLR2004
                kinds[row[0]] = row[2].strip()
    found: set[str] = set()
    path = DATA / "ofac-csv-companions" / "add.csv.gz"
    with gzip.open(path, "rt", encoding="utf-8", errors="replace") as handle:
        for row in csv.reader(handle):
            if (
                len(row) > 3  # noqa: PLR2004 - ent_num, add_num, address, city ...
                and row[2].strip() not in {"", "-0-"}
                and kinds.get(row[0]) == "individual"
            ):
                found.add(_address(row[2], row[3]))
    return found


def _parties(rows: Iterable[tuple[str, str]]) -> dict[str, list[str]]:
    """Rows of (name, address) joined into parties: rows sharing a name or an address (a
    list that gives each alias its own row repeats the address) are one party."""
    parent: dict[str, str] = {}

    def root(key: str) -> str:
        while parent.setdefault(key, key) != key:
            key = parent[key]
        return key

    names: dict[str, None] = {}
    for name, address in rows:
        names[name] = None
        if address:
            parent[root("n:" + reading(name))] = root("a:" + address)
        else:
            root("n:" + reading(name))
    parties: dict[str, list[str]] = defaultdict(list)
    for name in names:
        parties[root("n:" + reading(name))].append(name)
    return parties


def _csl_rows(prefix: str) -> Iterator[dict[str, str]]:
    path = DATA / "us-csl" / "consolidated_screening_list.csv.gz"
    with gzip.open(path, "rt", encoding="utf-8", errors="replace") as handle:
        for row in csv.DictReader(handle):
            if row.get("source", "").startswith(prefix):
                yield row


def not_listed(listed: set[str], born: dict[int, set[str]]) -> list[Person]:
    """Real people on no list screened, each with every name their list gives them: the
    individuals of the Denied Persons List (dpl.txt), of the State Department's ITAR
    debarred list and of Treasury's Palestinian Legislative Council list (both in the
    Consolidated Screening List), and the Wikidata sample.

    A party is left out whole when any name of theirs reads as a name of the lists
    (``listed``), when a Denied Person's street address is an address the SDN list gives
    an individual (one person on both lists: ARTUR PETROV of Larnaca is PETROV, Artur
    Aleksandrovich), or when a person of the PLC list was born the year an individual of
    the screened lists was, and their family name (the words the list writes in capitals)
    is a word of that individual's names (``born``: year to the words of the names of the
    individuals born that year)."""
    addresses = _listed_people_addresses()
    people: list[Person] = []
    text = (DATA / "other" / "dpl.txt").read_text(encoding="utf-8", errors="replace")
    rows = []
    dpl_countries: dict[str, set[str]] = defaultdict(set)  # a name's rows' Country column
    for row in csv.DictReader(io.StringIO(text), delimiter="\t"):
        name = (row.get("Name") or "").strip()
        if name and not _COMPANY.search(name):
            rows.append((name, _address(row.get("Street_Address") or "", row.get("City") or "")))
            dpl_countries[name].update(country_cell(row.get("Country")))
    same_place = {reading(name) for name, address in rows if address in addresses}
    for party, names in _parties(rows).items():
        if any(reading(n) in listed or reading(n) in same_place for n in names):
            continue
        countries = frozenset(code for n in names for code in dpl_countries[n])
        people.extend(
            Person(n, "dpl", party, countries) for n in names if len(reading(n).split()) > 1
        )
    for row in _csl_rows("ITAR Debarred"):
        names = [row["name"].strip(), *[n.strip() for n in row["alt_names"].split(";")]]
        names = [n for n in names if n and not _COMPANY.search(n)]
        if names and not any(reading(n) in listed for n in names):
            countries = csl_countries(row)
            years = birth_years(row["dates_of_birth"])
            people.extend(
                Person(n, "dtc", "dtc:" + reading(names[0]), countries, years) for n in names
            )
    for row in _csl_rows("Palestinian Legislative Council"):
        names = [row["name"].strip(), *[n.strip() for n in row["alt_names"].split(";")]]
        names = [n for n in names if n]
        # the family name: the words the list writes in capitals (Ismail HANIYA)
        words = {
            w
            for n in names
            for w in reading(" ".join(re.findall(r"\b[A-Z][A-Z'-]+\b", n))).split()
            if len(w) > 2 and w not in _PARTICLES  # noqa: PLR2004
        }
        years = birth_years(row["dates_of_birth"])
        if any(reading(n) in listed for n in names) or any(
            words & born.get(year, set()) for year in years
        ):
            continue
        # the list gives these people no country: none is inferred
        people.extend(Person(n, "plc", "plc:" + row["_id"], frozenset(), years) for n in names)
    folder = DATA / "opensanctions-ftm" / "wd_persons_20240310"
    with (folder / "targets.simple.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            names = [n.strip() for n in [row["name"], *row["aliases"].split(";")] if n.strip()]
            if not any(reading(n) in listed for n in names):
                countries = country_cell(row["countries"])
                years = birth_years(row["birth_date"])
                people.extend(
                    Person(n, "wikidata", "wikidata:" + row["id"], countries, years) for n in names
                )
    unique: dict[str, Person] = {}
    for person in people:
        unique.setdefault(reading(person.name), person)
    return list(unique.values())


def _positives(entities: Iterable[Entity]) -> Iterator[Pair]:
    for entity in entities:
        names = list(dict.fromkeys(n for n in entity.names if reading(n)))
        if len(names) < 2:  # noqa: PLR2004
            continue
        primary = names[0]
        made = 0
        for other in names[1:]:
            if reading(other) == reading(primary):
                continue
            a, b = (other, primary) if non_latin(primary) else (primary, other)
            family = "script" if non_latin(a) or non_latin(b) else f"{entity.kind}-alias"
            yield Pair(family, b, a, True, entity.kind, entity.test, entity.source)
            made += 1
            if made >= MAX_POSITIVES_PER_ENTITY:
                break


def _tokens(name: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", anyascii(name).casefold())


def _surname(name: str) -> str:
    if "," in name:
        return " ".join(_tokens(name.partition(",")[0]))
    tokens = _tokens(name)
    return tokens[-1] if tokens else ""


def _relatives(entities: list[Entity]) -> Iterator[Pair]:
    """People of one list sharing a family name: those sharing the most words first."""
    groups: dict[str, list[Entity]] = defaultdict(list)
    for entity in entities:
        if entity.kind == PERSON and entity.names and not non_latin(entity.names[0]):
            surname = _surname(entity.names[0])
            if len(surname) >= 3:  # noqa: PLR2004
                groups[surname].append(entity)
    for members in groups.values():
        if len(members) < 2:  # noqa: PLR2004
            continue
        candidates = []
        for i, first in enumerate(members):
            for second in members[i + 1 :]:
                a, b = first.names[0], second.names[0]
                if reading(a) == reading(b):
                    continue
                shared = len(set(_tokens(a)) & set(_tokens(b)))
                candidates.append((-shared, a, b, first))
        candidates.sort(key=lambda c: (c[0], c[1], c[2]))
        for _shared, a, b, first in candidates[:MAX_NEGATIVES_PER_GROUP]:
            yield Pair("person-alias", a, b, False, PERSON, first.test, first.source + "/relatives")


def _one_word_apart(entities: list[Entity]) -> Iterator[Pair]:
    """Companies of one list whose names share all their words but one."""
    groups: dict[tuple[str, ...], list[tuple[Entity, str]]] = defaultdict(list)
    for entity in entities:
        if entity.kind != ORG:
            continue
        for name in entity.names[:1]:
            if non_latin(name):
                continue
            tokens = _tokens(name)
            if len(tokens) < 2:  # noqa: PLR2004
                continue
            for drop in range(len(tokens)):
                groups[(*tokens[:drop], "_", *tokens[drop + 1 :])].append((entity, name))
    seen: set[tuple[str, str]] = set()
    for members in groups.values():
        made = 0
        for i, (first, a) in enumerate(members):
            for second, b in members[i + 1 :]:
                key = (min(a, b), max(a, b))
                if first.id == second.id or key in seen or reading(a) == reading(b):
                    continue
                seen.add(key)
                origin = "/bank x vs bank y" if "bank" in _tokens(a) else "/all words but one"
                yield Pair("org-alias", a, b, False, ORG, first.test, first.source + origin)
                made += 1
                if made >= MAX_NEGATIVES_PER_GROUP:
                    break
            if made >= MAX_NEGATIVES_PER_GROUP:
                break


def nearest_other(
    queries: list[tuple[str, Entity]], entities: list[Entity], family: str
) -> Iterator[Pair]:
    """For each (name, its entity), the name of another entity of the same list and kind
    that reads most like it (rapidfuzz token-set similarity on the Latin reading)."""
    from rapidfuzz import fuzz, process  # noqa: PLC0415

    by_list: dict[tuple[str, str], list[tuple[str, str, str]]] = defaultdict(list)
    for entity in entities:
        for name in entity.names:
            if not non_latin(name):
                by_list[(entity.source, entity.kind)].append((reading(name), name, entity.id))
    for name, entity in queries:
        pool = by_list.get((entity.source, entity.kind), [])
        choices = [r for r, _n, other in pool if other != entity.id]
        names = [n for _r, n, other in pool if other != entity.id]
        if not choices:
            continue
        found = process.extractOne(reading(name), choices, scorer=fuzz.token_set_ratio)
        if found is None or found[0] == reading(name):
            continue
        other_name = names[found[2]]
        yield Pair(
            family,
            name,
            other_name,
            False,
            entity.kind,
            entity.test,
            entity.source + "/nearest other",
        )


@dataclass
class Cases:
    """Everything a benchmark run needs."""

    trackers: list[st.Tracker]
    entities: list[Entity]
    pairs: list[Pair]
    people: list[Person]
    renamed_queries: list[tuple[str, str, bool]]


def build() -> Cases:
    """Every entity, pair and real unlisted person, from the shared data."""
    ofac_tracker, ofac_entities = ofac()
    un_tracker, un_entities = un()
    entities = ofac_entities + un_entities + ftm() + eu() + seco() + dfat() + uk()
    pairs = list(_positives(entities))
    by_source: dict[str, list[Entity]] = defaultdict(list)
    for entity in entities:
        by_source[entity.source].append(entity)
    for members in by_source.values():
        pairs.extend(_relatives(members))
        pairs.extend(_one_word_apart(members))
    script_queries = [
        (name, entity) for entity in entities for name in entity.names[:6] if non_latin(name)
    ]
    pairs.extend(nearest_other(script_queries, entities, "script"))
    rng = random.Random(SEED)
    for kind in (PERSON, ORG):
        latin = [
            (entity.names[0], entity)
            for entity in entities
            if entity.kind == kind and entity.names and not non_latin(entity.names[0])
        ]
        sample = rng.sample(latin, min(NEAREST_SAMPLE, len(latin)))
        pairs.extend(nearest_other(sample, entities, f"{kind}-alias"))
    renamed_queries: list[tuple[str, str, bool]] = []
    for source, latest, older in renamed_lists(ofac_tracker, un_tracker):
        members = from_designations(source, latest.values())
        by_id = {entity.id: entity for entity in members}
        renames = [(old, c) for old, c in renamed(latest, older) if c.id in by_id]
        for old, current in renames:
            held = by_id[current.id]
            pairs.append(
                Pair("renamed", old, current.party.name, True, held.kind, held.test, source)
            )
            if source != "ofac-cons":  # the screened lists: SDN and UN
                renamed_queries.append((old, current.id, held.test))
        pairs.extend(nearest_other([(old, by_id[c.id]) for old, c in renames], members, "renamed"))
    listed = {reading(n) for entity in entities for n in entity.names}
    born: dict[int, set[str]] = defaultdict(set)
    for tracker in (ofac_tracker, un_tracker):
        for designation in tracker.designations():
            if designation.party.kind is PartyKind.INDIVIDUAL:
                words = {w for n in designation.party.names for w in reading(n.full).split()}
                for date in designation.party.birth_dates:
                    for year in range(date.earliest.year, date.latest.year + 1):
                        born[year].update(w for w in words if len(w) > 2)  # noqa: PLR2004
    people = not_listed(listed, born)
    return Cases(
        trackers=[ofac_tracker, un_tracker],
        entities=entities,
        pairs=pairs,
        people=people,
        renamed_queries=renamed_queries,
    )
