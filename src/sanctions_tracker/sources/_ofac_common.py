"""What OFAC's CSV and XML importers share: the lists, the citation, the list by content.

``ofac_csv`` and ``ofac_xml`` read the same lists in different formats; what a list is
(its id, title and where OFAC publishes it), how a file is cited (:func:`list_source`)
and how a file's program tags tell which list it holds (:func:`list_by_programs`) live
here, once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from attrs import frozen

from sanctions_tracker.records import Source, Verification, VerificationStatus

__all__ = [
    "LISTS",
    "NON_SDN_TAGS",
    "OFAC",
    "ListInfo",
    "list_by_programs",
    "list_source",
]

OFAC = "U.S. Department of the Treasury, Office of Foreign Assets Control"


@frozen
class ListInfo:
    """One OFAC list in its CSV form: id, title, where OFAC publishes it, companion names."""

    list_id: str
    title: str
    url: str
    main: str
    alt: str
    add: str
    comments: str


LISTS = {
    "us-ofac-sdn": ListInfo(
        list_id="us-ofac-sdn",
        title="Specially Designated Nationals and Blocked Persons List",
        url="https://www.treasury.gov/ofac/downloads/sdn.csv",
        main="sdn.csv",
        alt="alt.csv",
        add="add.csv",
        comments="sdn_comments.csv",
    ),
    "us-ofac-cons": ListInfo(
        list_id="us-ofac-cons",
        title="Consolidated Sanctions List (non-SDN lists)",
        url="https://www.treasury.gov/ofac/downloads/consolidated/cons_prim.csv",
        main="cons_prim.csv",
        alt="cons_alt.csv",
        add="cons_add.csv",
        comments="cons_comments.csv",
    ),
}

NON_SDN_TAGS = frozenset(
    {"NS-PLC", "CMIC-EO13959", "561-Related", "FSE-IR", "FSE-SY", "NS-MBS", "NS-ISA", "PLC"}
)
"""Program tags found only on OFAC's non-SDN lists: a file where they are common is the
Consolidated list even when its name does not say so."""


def list_source(
    info: ListInfo, file_name: str, *, url: str | None = None, published_on: dt.date | None = None
) -> Source:
    """The citation of a list file: the list, the file's name, where OFAC publishes it."""
    return Source(
        id=f"src-{info.list_id}:{file_name}",
        publisher=OFAC,
        title=f"{info.title} ({file_name})",
        url=url or info.url,
        published_on=published_on,
        verification=Verification(
            status=VerificationStatus.VERIFIED,
            verified=("records read from the list file as published",),
        ),
    )


def list_by_programs(programs: Iterable[tuple[Iterable[str], int]], entries: int) -> str:
    """The list a file holds by its program tags: ``(tags, how many entries carry them)``.

    A file where one entry in ten or more carries a tag found only on the non-SDN lists is
    the Consolidated list; any other is the SDN list.
    """
    if not entries:
        return "us-ofac-sdn"
    tagged = sum(count for tags, count in programs if not NON_SDN_TAGS.isdisjoint(tags))
    return "us-ofac-cons" if tagged / entries >= 0.1 else "us-ofac-sdn"  # noqa: PLR2004
