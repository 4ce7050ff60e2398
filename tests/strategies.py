"""Hypothesis strategies for every record type (one place, shared by the property tests)."""

from __future__ import annotations

import datetime as dt
import string
from typing import Any

from hypothesis import strategies as st

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
