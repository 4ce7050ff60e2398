"""The sector taxonomy: sectors by id, their parents and children, names and ISIC codes."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator, Sequence

from sanctions_tracker.errors import QueryError
from sanctions_tracker.records import Sector

__all__ = ["SectorTaxonomy"]


def _key(text: str) -> str:
    return " ".join(text.casefold().replace("-", " ").replace("_", " ").split())


class SectorTaxonomy:
    """The sectors by id, with their parents and children; answers look-ups by name."""

    __slots__ = ("_by_id", "_by_isic", "_by_key", "_children")

    def __init__(self, sectors: Iterable[Sector]) -> None:
        self._by_id: dict[str, Sector] = {sector.id: sector for sector in sectors}
        self._children: dict[str, list[str]] = {sector_id: [] for sector_id in self._by_id}
        self._by_key: dict[str, str] = {}
        for sector in self._by_id.values():
            if sector.parent is not None and sector.parent in self._children:
                self._children[sector.parent].append(sector.id)
            for name in (sector.id, sector.name, *sector.aliases):
                self._by_key.setdefault(_key(name), sector.id)
        self._by_isic: dict[str, list[str]] = {}
        for sector in self._by_id.values():
            for code in sector.isic:
                self._by_isic.setdefault(code, []).append(sector.id)

    def __len__(self) -> int:
        return len(self._by_id)

    def __iter__(self) -> Iterator[Sector]:
        return iter(self._by_id.values())

    def __contains__(self, sector_id: object) -> bool:
        return sector_id in self._by_id

    def __repr__(self) -> str:
        return f"<SectorTaxonomy sectors={len(self)}>"

    def get(self, sector_id: str) -> Sector:
        """The sector with this id."""
        return self._by_id[sector_id]

    def resolve(self, name: str) -> str:
        """The id of the sector called ``name`` (its id, name or an alias, any case)."""
        found = self._by_key.get(_key(name))
        if found is None:
            close = difflib.get_close_matches(_key(name), list(self._by_key), n=3, cutoff=0.6)
            hint = f" (did you mean {', '.join(repr(c) for c in close)}?)" if close else ""
            msg = f"unknown sector {name!r}{hint}; `sanctions-tracker sectors` lists them"
            raise QueryError(msg)
        return found

    def children(self, sector_id: str) -> tuple[str, ...]:
        """The sectors directly below ``sector_id``."""
        return tuple(self._children.get(sector_id, ()))

    def descendants(self, sector_id: str) -> frozenset[str]:
        """``sector_id`` and every sector below it."""
        found = {sector_id}
        pending = [sector_id]
        while pending:
            for child in self._children.get(pending.pop(), ()):
                if child not in found:
                    found.add(child)
                    pending.append(child)
        return frozenset(found)

    def ancestors(self, sector_id: str) -> tuple[str, ...]:
        """``sector_id`` and its parents up to the root, nearest first."""
        chain = [sector_id]
        parent = self._by_id[sector_id].parent if sector_id in self._by_id else None
        while parent is not None and parent not in chain:
            chain.append(parent)
            parent = self._by_id[parent].parent if parent in self._by_id else None
        return tuple(chain)

    def path(self, sector_id: str) -> str:
        """The sector's place in the taxonomy, root first: ``industry > metals > steel``."""
        return " > ".join(reversed(self.ancestors(sector_id)))

    def common_parent(self, sector_ids: Sequence[str]) -> str | None:
        """The nearest sector that is or contains every one of ``sector_ids``, if any."""
        if not sector_ids:
            return None
        shared = list(self.ancestors(sector_ids[0]))
        for sector_id in sector_ids[1:]:
            line = set(self.ancestors(sector_id))
            shared = [candidate for candidate in shared if candidate in line]
        return shared[0] if shared else None

    def related(self, sector_id: str) -> frozenset[str]:
        """The sector, its descendants and its ancestors: what a program reaches to bear on it."""
        return self.descendants(sector_id) | frozenset(self.ancestors(sector_id))

    def for_isic(self, path: Sequence[str]) -> tuple[str, ...]:
        """The sectors of an ISIC class, given its path (section, division ... class).

        The sectors that name the most specific code of the path win: class 2410 (basic
        iron and steel) is in steel, not in manufacturing (section C); two sectors that
        name the same code both hold it (4661, the wholesale of fuels, is energy and trade).
        """
        for code in reversed(path):
            found = self._by_isic.get(code)
            if found:
                return tuple(found)
        return ()
