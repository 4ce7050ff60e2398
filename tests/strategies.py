"""Hypothesis strategies for every record type, and for hostile list files (one place,
shared by the property tests and benchmarks/fuzz_readers.py)."""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import io
import json
import string
import zipfile
from typing import Any

from hypothesis import strategies as st
from lxml import etree

import corpus
from sanctions_tracker.records import (
    Action,
    ActionKind,
    Address,
    Advisory,
    AircraftInfo,
    Authority,
    AuthorityKind,
    Dataset,
    Designation,
    DesignationStatus,
    Disagreement,
    FileAccount,
    HsCode,
    Identifier,
    Link,
    Material,
    Name,
    NameKind,
    PartialDate,
    Party,
    PartyKind,
    Program,
    ProgramSector,
    RowProblem,
    Sector,
    SectorAssignment,
    SectorBasis,
    Source,
    Verification,
    VerificationStatus,
    VesselInfo,
)

ids = st.text(string.ascii_letters + string.digits, min_size=1, max_size=6).flatmap(
    lambda head: st.text(string.ascii_letters + string.digits + ":._/+-", max_size=10).map(
        lambda tail: head + tail
    )
)
texts = st.text(min_size=1, max_size=20).filter(str.strip)
maybe_text = st.none() | texts
dates = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31))
countries = st.sampled_from(["IR", "RU", "CN", "US", "SY", "IQ", "KP"])


def tuples(strategy: st.SearchStrategy[Any], max_size: int = 3) -> st.SearchStrategy[Any]:
    return st.lists(strategy, max_size=max_size).map(tuple)


def unique_ids(min_size: int = 0) -> st.SearchStrategy[tuple[str, ...]]:
    return st.lists(ids, min_size=min_size, max_size=3, unique=True).map(tuple)


@st.composite
def partial_dates(draw: st.DrawFn) -> PartialDate:
    day = draw(dates)
    precision = draw(st.sampled_from(["year", "month", "day"]))
    until = draw(st.none() | st.integers(min_value=day.year + 1, max_value=day.year + 5))
    return PartialDate(
        year=day.year,
        month=day.month if precision != "year" else None,
        day=day.day if precision == "day" else None,
        circa=draw(st.booleans()),
        until_year=until,
    )


verifications = st.builds(
    Verification,
    status=st.sampled_from(VerificationStatus),
    verified=tuples(texts),
    unverified=tuples(texts),
)
names = st.builds(Name, full=texts, kind=st.sampled_from(NameKind), weak=st.booleans())
identifiers = st.builds(
    Identifier,
    kind=texts,
    value=texts,
    country=st.none() | countries,
    issued_on=st.none() | partial_dates(),
    expires_on=st.none() | partial_dates(),
    note=maybe_text,
)
addresses = st.builds(
    Address,
    street=maybe_text,
    city=maybe_text,
    region=maybe_text,
    postal_code=maybe_text,
    country=st.none() | countries,
    remarks=maybe_text,
)
links = st.builds(Link, relation=texts, name=texts, target=st.none() | ids)
vessels = st.builds(
    VesselInfo,
    call_sign=maybe_text,
    vessel_type=maybe_text,
    tonnage=maybe_text,
    gross_registered_tonnage=maybe_text,
    flag=maybe_text,
    owner=maybe_text,
    year_of_build=st.none() | st.integers(min_value=1800, max_value=2100),
    other_flags=tuples(texts),
    former_flags=tuples(texts),
    other_types=tuples(texts),
    other_call_signs=tuples(texts),
)
aircraft = st.builds(
    AircraftInfo,
    manufacture_date=st.none() | partial_dates(),
    models=tuples(texts),
    operators=tuples(texts),
    construction_numbers=tuples(texts),
)


@st.composite
def parties(draw: st.DrawFn) -> Party:
    primary = Name(draw(texts))
    aliases = draw(tuples(names.filter(lambda n: n.kind is not NameKind.PRIMARY)))
    return Party(
        kind=draw(st.sampled_from(PartyKind)),
        names=(primary, *aliases),
        birth_dates=draw(tuples(partial_dates())),
        birth_places=draw(tuples(texts)),
        nationalities=draw(tuples(countries)),
        citizenships=draw(tuples(countries)),
        gender=draw(maybe_text),
        positions=draw(tuples(texts)),
        identifiers=draw(tuples(identifiers)),
        addresses=draw(tuples(addresses)),
        links=draw(tuples(links)),
        vessel=draw(st.none() | vessels),
        aircraft=draw(st.none() | aircraft),
        established_on=draw(st.none() | partial_dates()),
        organization_type=draw(maybe_text),
        information=draw(tuples(texts)),
        remarks=draw(maybe_text),
    )


sources = st.builds(
    Source,
    id=ids,
    publisher=texts,
    title=texts,
    url=maybe_text,
    published_on=st.none() | dates,
    verification=verifications,
)
sectors = st.builds(
    Sector,
    id=ids,
    name=texts,
    parent=st.none() | ids,
    description=maybe_text,
    aliases=tuples(texts),
)
authorities = st.builds(
    Authority,
    id=ids,
    code=texts,
    title=texts,
    kind=st.sampled_from(AuthorityKind),
    sources=unique_ids(min_size=1),
    signed_on=st.none() | dates,
    country=countries,
    summary=maybe_text,
    verification=verifications,
)
program_sectors = st.builds(
    ProgramSector,
    sector=ids,
    reason=texts,
    since=st.none() | dates,
    authority=st.none() | ids,
    criterion=st.booleans(),
)
programs = st.builds(
    Program,
    id=ids,
    name=texts,
    sources=unique_ids(min_size=1),
    country=st.none() | countries,
    authorities=unique_ids(),
    sectors=tuples(program_sectors),
    description=maybe_text,
    verification=verifications,
)
sector_assignments = st.builds(
    SectorAssignment,
    sector=ids,
    basis=st.sampled_from(SectorBasis),
    reason=texts,
    inferred=st.booleans(),
)


@st.composite
def designations(draw: st.DrawFn) -> Designation:
    listed_on = draw(st.none() | dates)
    delisted = draw(st.booleans())
    delisted_on = None
    if delisted:
        earliest = listed_on or dt.date(1900, 1, 1)
        delisted_on = draw(
            st.none() | st.dates(min_value=earliest, max_value=dt.date(2100, 12, 31))
        )
    return Designation(
        id=draw(ids),
        list_id=draw(ids),
        party=draw(parties()),
        programs=draw(unique_ids(min_size=1)),
        sources=draw(unique_ids(min_size=1)),
        listed_on=listed_on,
        status=DesignationStatus.DELISTED if delisted else DesignationStatus.ACTIVE,
        delisted_on=delisted_on,
        sectors=draw(tuples(sector_assignments)),
        basis=draw(maybe_text),
        notes=draw(tuples(texts)),
        verification=draw(verifications),
    )


actions = st.builds(
    Action,
    id=ids,
    agency=texts,
    kind=st.sampled_from(ActionKind),
    taken_on=dates,
    title=texts,
    sources=unique_ids(min_size=1),
    summary=maybe_text,
    authorities=unique_ids(),
    programs=unique_ids(),
    designations=unique_ids(),
    advisories=unique_ids(),
    verification=verifications,
)
hs_codes = st.builds(
    HsCode,
    code=st.from_regex(r"\A\d{4}(\.\d{2}){0,2}\Z"),
    description=texts,
    verified=st.booleans(),
    note=maybe_text,
)
materials = st.builds(Material, name=texts, hs_codes=tuples(hs_codes), description=maybe_text)
advisories = st.builds(
    Advisory,
    id=ids,
    agency=texts,
    issued_on=dates,
    title=texts,
    sources=unique_ids(min_size=1),
    summary=maybe_text,
    authorities=unique_ids(),
    programs=unique_ids(),
    materials=tuples(materials),
    sectors=unique_ids(),
    countries=tuples(countries),
    parties_at_risk=tuples(texts),
    due_diligence=tuples(texts),
    verification=verifications,
)
counts = st.integers(min_value=0, max_value=10**6)
row_problems = st.builds(
    RowProblem, file=texts, line=st.integers(min_value=1), reason=texts, key=maybe_text
)
disagreements = st.builds(Disagreement, record=ids, field=texts, fixture=texts, listed=texts)
file_accounts = st.builds(
    FileAccount,
    file=texts,
    format=texts,
    rows_read=counts,
    records_made=counts,
    rejected=tuples(row_problems),
    orphans=tuples(row_problems),
    end_marker=st.booleans(),
    remark_segments=counts,
    remark_segments_parsed=counts,
    unparsed_remarks=tuples(row_problems),
    disagreements=tuples(disagreements),
)
datasets = st.builds(
    Dataset,
    name=texts,
    kind=texts,
    files=tuples(texts),
    records=counts,
    as_of=st.none() | dates,
    accounts=tuples(file_accounts, max_size=2),
)

RECORD_STRATEGIES: dict[type[Any], st.SearchStrategy[Any]] = {
    Source: sources,
    Sector: sectors,
    Authority: authorities,
    Program: programs,
    Designation: designations(),
    Action: actions,
    Advisory: advisories,
    Party: parties(),
    PartialDate: partial_dates(),
    Identifier: identifiers,
    Dataset: datasets,
    FileAccount: file_accounts,
    AircraftInfo: aircraft,
}


# --------------------------------------------------------------------------- hostile files
#
# Real list files (the seeds of tests/corpus.py), damaged: bytes flipped, inserted, cut or
# repeated; lines swapped, repeated or dropped; a cell, an element's text or attribute, a
# JSON value replaced by a hostile one (corpus.ADVERSARIAL); elements repeated, dropped,
# renamed or nested deep; the result gzipped, zipped or written in UTF-16 or UTF-32.

_XML_PARSER = etree.XMLParser(resolve_entities=False, huge_tree=False, no_network=True)


def _position(draw: st.DrawFn, data: bytes) -> int:
    return draw(st.integers(min_value=0, max_value=len(data)))


def _adversarial(draw: st.DrawFn) -> str:
    return draw(st.sampled_from(corpus.ADVERSARIAL) | st.text(max_size=30))


def _utf8(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")


def _bytes_mutation(draw: st.DrawFn, data: bytes) -> bytes:
    at = _position(draw, data)
    op = draw(st.sampled_from(["flip", "insert", "random", "delete", "repeat", "cut"]))
    if op == "flip" and data:
        at = min(at, len(data) - 1)
        return data[:at] + bytes([draw(st.integers(0, 255))]) + data[at + 1 :]
    if op == "insert":
        return data[:at] + _utf8(_adversarial(draw)) + data[at:]
    if op == "random":
        return data[:at] + draw(st.binary(min_size=1, max_size=16)) + data[at:]
    if op == "delete":
        return data[:at] + data[at + draw(st.integers(1, 64)) :]
    if op == "repeat":
        span = data[at : at + draw(st.integers(1, 2000))]
        return data[:at] + span * draw(st.integers(2, 50)) + data[at:]
    return data[:at]  # cut short


def _line_mutation(draw: st.DrawFn, data: bytes, delimiter: bytes) -> bytes:
    lines = data.split(b"\n")
    at = draw(st.integers(0, len(lines) - 1))
    op = draw(st.sampled_from(["cell", "cell", "cell", "swap", "repeat", "drop"]))
    if op == "cell":
        cells = lines[at].split(delimiter)
        which = draw(st.integers(0, len(cells) - 1))
        value = _utf8(_adversarial(draw))
        quoted = draw(st.booleans())
        cells[which] = b'"' + value.replace(b'"', b'""') + b'"' if quoted else value
        lines[at] = delimiter.join(cells)
    elif op == "swap":
        other = draw(st.integers(0, len(lines) - 1))
        lines[at], lines[other] = lines[other], lines[at]
    elif op == "repeat":
        lines[at:at] = [lines[at]] * draw(st.integers(1, 20))
    else:
        del lines[at]
    return b"\n".join(lines)


def _xml_mutation(draw: st.DrawFn, data: bytes) -> bytes:
    try:
        root = etree.fromstring(data, _XML_PARSER)
    except etree.XMLSyntaxError:
        return _bytes_mutation(draw, data)
    element = draw(st.sampled_from([e for e in root.iter() if isinstance(e.tag, str)]))
    try:
        _xml_change(draw, element)
    except ValueError:  # text lxml will not hold (a NUL, a lone surrogate): a raw insert
        return _bytes_mutation(draw, data)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def _xml_change(draw: st.DrawFn, element: etree._Element) -> None:
    """One change to an element: its text, an attribute, repeated, dropped, renamed, or
    elements nested in it."""
    parent = element.getparent()
    op = draw(st.sampled_from(["text", "text", "attribute", "repeat", "drop", "rename", "nest"]))
    value = _adversarial(draw)
    if op == "text":
        element.text = value
    elif op == "attribute":
        element.set(draw(st.sampled_from([*element.attrib.keys(), "id", "r", "ssid"])), value)
    elif op == "repeat" and parent is not None:
        for _ in range(draw(st.integers(1, 30))):
            parent.append(copy.deepcopy(element))
    elif op == "drop" and parent is not None:
        parent.remove(element)
    elif op == "rename":
        element.tag = draw(st.sampled_from(["x", "INDIVIDUAL", "record", "target", "row"]))
    elif op == "nest":
        inner = element
        for _ in range(draw(st.integers(1, 80))):
            inner = etree.SubElement(inner, draw(st.sampled_from(["x", str(element.tag)])))


def _json_value(draw: st.DrawFn) -> Any:
    kind = draw(st.sampled_from(["text", "number", "deep", "other"]))
    if kind == "text":
        return _adversarial(draw)
    if kind == "number":
        return draw(st.sampled_from([-1, 0, 10**40, 1e308, float("inf"), 2**63]))
    if kind == "deep":
        value: Any = []
        for _ in range(draw(st.integers(1, 60))):
            value = [value]
        return value
    return draw(st.sampled_from([None, True, [], {}, [""], {"": ""}]))


def _json_mutation(draw: st.DrawFn, value: Any) -> Any:
    """The value with one of its parts (or itself) replaced by a hostile one."""
    if isinstance(value, dict) and value and draw(st.booleans()):
        key = draw(st.sampled_from(sorted(value)))
        return {**value, key: _json_mutation(draw, value[key])}
    if isinstance(value, list) and value and draw(st.booleans()):
        at = draw(st.integers(0, len(value) - 1))
        return [*value[:at], _json_mutation(draw, value[at]), *value[at + 1 :]]
    return _json_value(draw)


def _json_lines_mutation(draw: st.DrawFn, data: bytes, *, lines: bool) -> bytes:
    texts = data.decode("utf-8").split("\n") if lines else [data.decode("utf-8")]
    at = draw(st.integers(0, len(texts) - 1))
    try:
        value = json.loads(texts[at])
    except ValueError:
        return _bytes_mutation(draw, data)
    texts[at] = json.dumps(_json_mutation(draw, value), allow_nan=True)
    return "\n".join(texts).encode("utf-8")


def _zip_mutation(draw: st.DrawFn, data: bytes) -> bytes:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = {info.filename: archive.read(info) for info in archive.infolist()}
    except Exception:  # noqa: BLE001 - an archive damaged already: damage its bytes again
        return _bytes_mutation(draw, data)
    if draw(st.integers(0, 4)) == 0:
        return _bytes_mutation(draw, data)  # the archive itself damaged
    name = draw(st.sampled_from(sorted(members)))
    members[name] = _mutated(draw, name, members[name])
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for member, content in members.items():
            archive.writestr(member, content)
    return out.getvalue()


def _mutated(draw: st.DrawFn, name: str, data: bytes) -> bytes:
    """One mutation of a file, by what it holds (its name's suffix)."""
    if data.startswith(b"PK"):
        return _zip_mutation(draw, data)
    if draw(st.integers(0, 3)) == 0:
        return _bytes_mutation(draw, data)
    if name.endswith((".xml", ".rels")):
        return _xml_mutation(draw, data)
    if name.endswith(".json"):
        try:
            return _json_lines_mutation(draw, data, lines=not name.startswith("fixture"))
        except UnicodeDecodeError:
            return _bytes_mutation(draw, data)
    return _line_mutation(draw, data, b"\t" if name.endswith(".txt") else b",")


_PACKINGS = ("plain",) * 8 + ("gzip", "zip", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be")


@st.composite
def hostile_files(draw: st.DrawFn, kind: str) -> tuple[tuple[str, bytes], ...]:
    """The files of one load of a reader (``kind``: a format module's name, or
    ``fixtures``): a real seed with its first file damaged one to four times, and packed."""
    (name, data), *companions = draw(st.sampled_from(corpus.seeds(kind)))
    if draw(st.integers(0, 9)) == 0:  # random text or bytes under the seed's name
        data = draw(st.binary(max_size=2000) | st.text(max_size=2000).map(_utf8))
    for _ in range(draw(st.integers(1, 4))):
        data = _mutated(draw, name, data)
    packing = draw(st.sampled_from(_PACKINGS))
    if packing == "gzip":
        name, data = f"{name}.gz", corpus.gzipped(data)
    elif packing == "zip" and not data.startswith(b"PK"):
        name, data = f"{name}.zip", corpus.zipped(data, name)
    elif packing.startswith("utf-"):
        with contextlib.suppress(UnicodeDecodeError):
            data = corpus.utf16(data, packing)
    return ((name, data), *companions)


names_to_screen = st.text(max_size=300) | st.text(
    st.characters(codec="utf-8"), min_size=200, max_size=1200
)
"""Names as a customer file may hold them: any text, short or long."""
