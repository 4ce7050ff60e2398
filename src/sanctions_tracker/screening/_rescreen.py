"""Re-screening: names and records screened against only what changed between two
versions of a list, saying which hits are new.

A hit is new when its designation was added; or, on an amended designation, when it rests
on an identifier the amendment added, or (a hit by name) when the name did not match any
of the names the designation was listed under before, at the threshold. A hit by name
that a birth date or a country lifted over the threshold counts as new when the name
alone did not match a previous name: the previous version's dates and countries are not
compared, so such a hit is put before the reviewer rather than passed over.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence

import attrs

from sanctions_tracker.records import Designation, PartyKind
from sanctions_tracker.screening._results import Match, RecordResult, Rescreening
from sanctions_tracker.screening._screener import DEFAULT_THRESHOLD, Screener


class Rescreener:
    """Screens against ``designations`` (those a diff added or amended) and tells the new
    hits: ``added`` are the ids of the designations added; ``previous_names`` and
    ``added_identifiers`` (as ``"kind value ..."``, the diff's words) say, by id, what an
    amended designation was listed under before and which identifiers the amendment
    added."""

    def __init__(
        self,
        designations: Iterable[Designation],
        *,
        added: Iterable[str],
        previous_names: Mapping[str, Sequence[str]],
        added_identifiers: Mapping[str, Sequence[str]],
    ) -> None:
        self.screener = Screener(designations)
        """The index of the designations added or amended."""
        self._added = frozenset(added)
        self._previous = previous_names
        self._identifiers = added_identifiers

    def new_matches(
        self,
        name: str,
        matches: Sequence[Match],
        *,
        kind: PartyKind | str | None = None,
        threshold: float | None = None,
    ) -> tuple[Match, ...]:
        """Of ``matches`` (of ``name``), those that are new (see the module)."""
        cut = threshold if threshold is not None else DEFAULT_THRESHOLD
        return tuple(match for match in matches if self._is_new(name, match, kind, cut))

    def _is_new(self, name: str, match: Match, kind: PartyKind | str | None, cut: float) -> bool:
        found = match.designation_id
        if found in self._added:
            return True
        hit = match.identifier
        if hit is not None:
            held = f"{hit.field} {hit.value}"
            return any(
                text == held or text.startswith(f"{held} ")
                for text in self._identifiers.get(found, ())
            )
        return all(
            self.screener.compare(name, old, kind=kind).score < cut
            for old in self._previous.get(found, ())
        )

    def rescreen(
        self,
        names: Iterable[str],
        *,
        kind: PartyKind | str | None = None,
        threshold: float | None = None,
        limit: int = 10,
        weak_alias: float | None = None,
    ) -> tuple[Rescreening, ...]:
        """Each name re-screened, with its new hits (``Tracker.rescreen``)."""
        batch = list(names)
        found = self.screener.screen_many(
            batch, kind=kind, threshold=threshold, limit=limit, workers=1, weak_alias=weak_alias
        )
        return tuple(
            Rescreening(
                name=name,
                matches=matches,
                new_matches=self.new_matches(name, matches, kind=kind, threshold=threshold),
            )
            for name, matches in zip(batch, found, strict=True)
        )

    def screen_records(
        self,
        records: Iterable[Mapping[str, object]],
        *,
        threshold: float | None = None,
        limit: int = 10,
        kind: PartyKind | str | None = None,
        weak_alias: float | None = None,
    ) -> Iterator[RecordResult]:
        """Each record re-screened as :meth:`Screener.screen_records` screens it (its birth
        date, country, kind and identifier used), with its new hits in
        ``RecordResult.new_matches`` (``Tracker.rescreen_records``)."""
        for result in self.screener.screen_records(
            records, threshold=threshold, limit=limit, kind=kind, weak_alias=weak_alias
        ):
            if result.error is not None:
                yield result
                continue
            new = self.new_matches(result.name, result.matches, kind=kind, threshold=threshold)
            yield attrs.evolve(result, new_matches=new)
