"""What the EU's two list formats share: the list, its programmes and the legal acts named.

The EU publishes one consolidated list of the persons and entities under its financial
sanctions, in the Financial Sanctions Files XML 1.1 (``eu_fsf``) and, until 2016 or so,
the Financial Sanctions Database's own XML (``eu_fsd_legacy``). Both name, for each
entity, its *programme* (``IRQ``, ``TAQA`` ...) and the legal acts (Council and
Commission regulations and decisions) that listed or amended it. Here:

- each programme becomes a program ``EU-<code>`` (``EU-IRQ``), named after the country its
  code stands for where it is a country's ISO 3166 alpha-3 code, and described as the
  file describes it;
- each act becomes an authority ``eu-act:<number>`` (``eu-act:1210/2003``) citing the
  list file, with a citation of its own text where the file gives its URL;
- :func:`eu_reference_problem` says why an EU reference number is none.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Final

from attrs import define, field

from sanctions_tracker.countries import country_name, find_country
from sanctions_tracker.records import (
    Authority,
    AuthorityKind,
    Program,
    Source,
    Verification,
    VerificationStatus,
    is_valid_id,
)

__all__ = [
    "DOCUMENT_KINDS",
    "LIST_ID",
    "PUBLISHER",
    "TITLE",
    "URL",
    "EuActs",
    "eu_reference_problem",
    "list_source",
    "program_id",
]

LIST_ID = "eu-fsf"
TITLE = "EU Consolidated Financial Sanctions List"
PUBLISHER = "European Commission (Financial Sanctions Files)"
URL = "https://webgate.ec.europa.eu/fsd/fsf"

DOCUMENT_KINDS: Final[dict[str, str]] = {
    "passport": "passport",
    "id": "national-id",
    "regnumber": "registration-number",
    "fiscalcode": "tax-id",
    "swiftbic": "swift-bic",
    "imo": "imo",
    "ssn": "ssn",
    "birthcert": "birth-certificate",
    "drivinglicence": "drivers-license",
    "other": "identification-number",
}
"""Identifier kinds by the EU's identification type code (the kinds the other readers
give); a code not here keeps its description as its kind, and the account says so."""

_REFERENCE = re.compile(r"EU\.([1-9]\d*)\.([1-9]\d*)")

_PROGRAMMES: Final[dict[str, str]] = {
    "TAQA": "ISIL (Da'esh) and Al-Qaida",
    "TERR": "terrorist persons, groups and entities",
}
"""Names of the programme codes that are no country's code. Not verified against a
primary source: the file gives the code only (its legal acts are the authorities)."""


def eu_reference_problem(reference: str) -> str | None:
    """Why an EU reference number (``EU.27.28``: ``EU.``, a number, a dot, a number, both
    from 1) is none; None when it is one."""
    if _REFERENCE.fullmatch(reference):
        return None
    return f"its EU reference {reference!r} is no EU reference (EU.<number>.<number>, from 1)"


def program_id(programme: str) -> str:
    """The program id of an EU programme code (``IRQ`` -> ``EU-IRQ``)."""
    return "EU-" + re.sub(r"[^A-Za-z0-9]+", "-", programme.strip()).strip("-").upper()


def list_source(file_name: str, published_on: dt.date | None) -> Source:
    """The citation of an EU list file: the list, the file's name, where the EU publishes it."""
    return Source(
        id=f"src-{LIST_ID}:{file_name}",
        publisher=PUBLISHER,
        title=f"{TITLE} ({file_name})",
        url=URL,
        published_on=published_on,
        verification=Verification(
            status=VerificationStatus.VERIFIED,
            verified=("records read from the list file as published",),
        ),
    )


@define
class _Act:
    number: str
    title: str
    published: dt.date | None = None
    in_force: dt.date | None = None
    url: str | None = None
    kinds: list[str] = field(factory=list)


@define
class EuActs:
    """The programmes and legal acts named in one EU list file, gathered as it is read."""

    acts: dict[str, _Act] = field(factory=dict)
    programmes: dict[str, dict[str, None]] = field(factory=dict)
    """Acts by programme code, in the order met."""
    entries: dict[str, int] = field(factory=dict)
    """How many entries each programme holds."""

    def entry(self, programme: str) -> str:
        """An entry under a programme: counted; its program id."""
        self.entries[programme] = self.entries.get(programme, 0) + 1
        self.programmes.setdefault(programme, {})
        return program_id(programme)

    def act(
        self,
        programme: str | None,
        number_title: str,
        *,
        act_type: str = "",
        organisation: str = "",
        published: dt.date | None = None,
        in_force: dt.date | None = None,
        url: str | None = None,
    ) -> str | None:
        """A legal act the file names (``1210/2003 (OJ L169)``), under a programme; its
        authority id, or None when its number cannot be an id."""
        number = " ".join(number_title.split()).partition(" (")[0]
        act_id = f"eu-act:{number}"
        if not number or not is_valid_id(act_id):
            return None
        found = self.acts.get(act_id)
        if found is None:
            found = self.acts[act_id] = _Act(number=number, title=" ".join(number_title.split()))
        described = " ".join(filter(None, (organisation.capitalize(), act_type.lower())))
        if described and described not in found.kinds:
            found.kinds.append(described)
        found.published = found.published or published
        found.in_force = found.in_force or in_force
        found.url = found.url or url
        if programme:
            self.programmes.setdefault(programme, {})[act_id] = None
        return act_id

    def sources(self) -> tuple[Source, ...]:
        """A citation of each act whose URL the file gives (EUR-Lex, the Official Journal)."""
        return tuple(
            Source(
                id=f"src-{act_id}",
                publisher="Official Journal of the European Union",
                title=act.title,
                url=act.url,
                published_on=act.published,
                verification=Verification(
                    status=VerificationStatus.UNVERIFIED,
                    unverified=("the act's number, date and URL as the list file gives them",),
                ),
            )
            for act_id, act in self.acts.items()
            if act.url
        )

    def authorities(self, source: Source) -> tuple[Authority, ...]:
        """Each act as an authority of the EU, citing the list file (and its own text)."""
        found = []
        for act_id, act in self.acts.items():
            dates = []
            if act.published:
                dates.append(f"published in the Official Journal on {act.published}")
            if act.in_force:
                dates.append(f"in force from {act.in_force}")
            kinds = f" ({', '.join(act.kinds)})" if act.kinds else ""
            found.append(
                Authority(
                    id=act_id,
                    code=act.title,
                    title=f"EU act {act.title}{kinds}",
                    kind=AuthorityKind.REGULATION,
                    sources=(source.id, f"src-{act_id}") if act.url else (source.id,),
                    country="EU",
                    summary="; ".join(dates) or None,
                    verification=Verification(
                        status=VerificationStatus.PARTLY_VERIFIED,
                        verified=("the act is named in the list file, with its number",),
                        unverified=("the act's text was not read",),
                    ),
                )
            )
        return tuple(found)

    def programs(self, source: Source) -> tuple[Program, ...]:
        """Each programme as a program, with the acts named under it as its authorities."""
        found = []
        for programme, acts in self.programmes.items():
            country = find_country(programme) if len(programme) == 3 else None  # noqa: PLR2004 - alpha-3
            if country is not None:
                name = f"EU: {country_name(country)} (programme {programme})"
                unverified = "the name is the country of the programme's code"
            elif programme in _PROGRAMMES:
                name = f"EU: {_PROGRAMMES[programme]} (programme {programme})"
                unverified = "the name, which the file does not give, is not verified"
            else:
                name = f"EU programme {programme}"
                unverified = "the file gives no name for the programme"
            count = self.entries.get(programme, 0)
            found.append(
                Program(
                    id=program_id(programme),
                    name=name,
                    sources=(source.id,),
                    country=country,
                    authorities=tuple(acts),
                    description=(
                        f"The EU's financial sanctions under programme {programme}: "
                        f"{count} entr{'y' if count == 1 else 'ies'} of the list file, "
                        f"{len(acts)} legal act{'' if len(acts) == 1 else 's'} named."
                    ),
                    verification=Verification(
                        status=VerificationStatus.PARTLY_VERIFIED,
                        verified=("the programme code and its acts as the list file gives them",),
                        unverified=(unverified,),
                    ),
                )
            )
        return tuple(found)
