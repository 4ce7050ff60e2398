"""How many designations of each list have a sector, and by which signal."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from attrs import frozen

from sanctions_tracker.records import Designation, PartyKind, SectorBasis

__all__ = ["ListCoverage", "sector_coverage"]


@frozen
class ListCoverage:
    """The sector coverage of one list: who is placed, and by which basis.

    ``by_basis`` counts each placed designation once, under the strongest basis that
    places it; ``stated`` are those placed by a basis that is not inferred. The figures
    are given for all designations and for those that are not individuals (companies,
    vessels, aircraft ...), whom a sector look-up is mostly about.
    """

    list_id: str
    designations: int
    placed: int
    stated: int
    organizations: int
    organizations_placed: int
    organizations_stated: int
    by_basis: tuple[tuple[str, int], ...]

    @property
    def unplaced(self) -> int:
        """Designations in no sector: no sector look-up can find them."""
        return self.designations - self.placed

    @property
    def share(self) -> float:
        """The share of designations in a sector (0 when the list is empty)."""
        return self.placed / self.designations if self.designations else 0.0

    @property
    def organizations_share(self) -> float:
        """The share of non-individual designations in a sector."""
        return self.organizations_placed / self.organizations if self.organizations else 0.0


def sector_coverage(designations: Iterable[Designation]) -> tuple[ListCoverage, ...]:
    """The coverage of each list among ``designations``, by list id."""
    counts: dict[str, Counter[str]] = {}
    bases: dict[str, Counter[str]] = {}
    for designation in designations:
        count = counts.setdefault(designation.list_id, Counter())
        organization = designation.party.kind is not PartyKind.INDIVIDUAL
        count["designations"] += 1
        count["organizations"] += organization
        if not designation.sectors:
            continue
        stated = any(not a.inferred for a in designation.sectors)
        count["placed"] += 1
        count["stated"] += stated
        count["organizations_placed"] += organization
        count["organizations_stated"] += organization and stated
        strongest = min(designation.sectors, key=lambda a: a.strength)
        bases.setdefault(designation.list_id, Counter())[strongest.basis.value] += 1
    return tuple(
        ListCoverage(
            list_id=list_id,
            designations=count["designations"],
            placed=count["placed"],
            stated=count["stated"],
            organizations=count["organizations"],
            organizations_placed=count["organizations_placed"],
            organizations_stated=count["organizations_stated"],
            by_basis=tuple(sorted(bases.get(list_id, Counter()).items(), key=_by_strength)),
        )
        for list_id, count in sorted(counts.items())
    )


def _by_strength(item: tuple[str, int]) -> int:
    return SectorBasis(item[0]).strength
