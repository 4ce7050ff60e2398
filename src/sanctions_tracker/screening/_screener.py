"""The screener: a candidate index over a list's names, and scoring with qualifiers.

At build time every name of every designation is normalised and cut into items (tokens
and runs of adjacent tokens joined, see ``_compare``). Each distinct item goes into a
vocabulary, filed under the keys of :func:`~._compare.index_keys`; each vocabulary item
has a postings list of the names that contain it. Token rarity comes from the same names.

A query is normalised the same way. For each of its items, the keys give the vocabulary
items it is related to (and their similarity). Before any name is scored, an upper bound
on the score a name could reach is computed from the query positions it could cover (the
*max-score* method of search engines): query tokens that, even all matched, cannot lift
a name to the threshold are not used to find candidates (for names of people, the bound
lets the query tokens between matched ones count as middle names left out, so that a few
more query tokens may find candidates among people's names). Since two related items always
share a key, and a name is dropped only when its bound is below the threshold, the index
finds every name a full scan would find above the threshold (tests check this on real
queries against :meth:`Screener.screen` with ``full_scan=True``).
"""

from __future__ import annotations

import datetime as dt
import gc
import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from functools import partial
from typing import TYPE_CHECKING

from sanctions_tracker.countries import country_code, country_name
from sanctions_tracker.errors import QueryError
from sanctions_tracker.records import (
    Designation,
    Identifier,
    Name,
    NameKind,
    PartialDate,
    PartyKind,
)
from sanctions_tracker.screening._compare import (
    CONSONANTS_MIN,
    OMITTED_MIN,
    OMITTED_MIN_PERSON,
    OMITTED_UNMATCHED,
    PATRONYMIC_UNMATCHED,
    Form,
    Item,
    Middle,
    Pair,
    Rarity,
    acronym_runs,
    capped,
    compare_forms,
    explain,
    index_keys,
    lookup_keys,
    make_form,
    middle_order,
    middle_tokens,
    name_order,
    number_mismatch,
    omitted_middles,
    omitted_words,
    outer_positions,
    pair_order,
    patronymic_contradiction,
    person_caps,
    prefixed_names,
    relate,
    span_bounds,
    surname_bit,
)
from sanctions_tracker.screening._identifiers import (
    IDENTIFIER_KINDS,
    IdentifierQuery,
    identifiers_in,
    normalise_identifier,
    parse_identifier,
)
from sanctions_tracker.screening._normalise import (
    Role,
    Token,
    is_syllabic,
    normalise,
    words,
)
from sanctions_tracker.screening._results import (
    Adjustment,
    Explanation,
    IdentifierHit,
    Match,
    NameComparison,
    NameStrength,
    RecordResult,
    explained_later,
)

if TYPE_CHECKING:
    from multiprocessing.pool import Pool

__all__ = [
    "BIRTH_DATE_CONTRADICTS",
    "BIRTH_DATE_MATCHES",
    "COUNTRY_DIFFERS",
    "COUNTRY_MATCHES",
    "DEFAULT_THRESHOLD",
    "KIND_DIFFERS",
    "MAX_NAME_LENGTH",
    "MAX_NAME_TOKENS",
    "WEAK_ALIAS",
    "Screener",
    "parse_kind",
]

DEFAULT_THRESHOLD = 0.8
"""The default decision threshold of :meth:`Screener.screen` (see docs/screening.md)."""

WEAK_ALIAS = 0.9
"""A weak alias (OFAC's low-quality a.k.a.) scores this share of its name score."""
KIND_DIFFERS = 0.7
"""A record of another kind than the one asked for (a vessel for a person) keeps this share."""
BIRTH_DATE_CONTRADICTS = 0.75
"""A record whose birth dates all contradict the one given keeps this share."""
COUNTRY_DIFFERS = 0.85
"""A record tied to countries that do not include the one given keeps this share."""
BIRTH_DATE_MATCHES = 0.15
"""A record whose birth date fits the one given closes this share of the gap to 1."""
COUNTRY_MATCHES = 0.1
"""A record tied to the country given closes this share of the gap to 1."""

_KIND_WORDS: dict[str, PartyKind] = {
    "person": PartyKind.INDIVIDUAL,
    "individual": PartyKind.INDIVIDUAL,
    "company": PartyKind.ENTITY,
    "organization": PartyKind.ENTITY,
    "organisation": PartyKind.ENTITY,
    "entity": PartyKind.ENTITY,
    "vessel": PartyKind.VESSEL,
    "ship": PartyKind.VESSEL,
    "aircraft": PartyKind.AIRCRAFT,
}
_KIND_LABEL = {
    PartyKind.INDIVIDUAL: "a person",
    PartyKind.ENTITY: "an organization",
    PartyKind.VESSEL: "a vessel",
    PartyKind.AIRCRAFT: "an aircraft",
}
_RELATE_CACHE_LIMIT = 500_000
_GROUP_WORDS = 5
"""Names of this many name tokens or more share one candidate bound."""
_NEVER = 1 << 30
"""More words than any query has."""
_PARALLEL_MIN = 500
_SPLIT_MIN = 6

CandidateItem = tuple[int, int, float, float]
"""vocabulary id, token mask, weight, unmatched weight."""
Raw = tuple[float, float, int, tuple[Pair, ...], tuple[Adjustment, ...]]
"""score, name score, name id, chosen pairs, adjustments."""


def _require_text(value: object) -> None:
    if not isinstance(value, str):
        msg = f"a name must be text, got {type(value).__name__}"
        raise QueryError(msg)


MAX_NAME_LENGTH = 1000
"""The most characters a screened name may have (the longest list name is under 500)."""
MAX_NAME_TOKENS = 60
"""The most words a screened name may have (the lists' longest names have 45)."""


def _may_hold_identifier(text: str) -> bool:
    """Whether ``text`` may hold an identifier: every kind has a digit in it, but for a
    SWIFT/BIC code, which is read after the word SWIFT or BIC."""
    return (
        any(ch.isdigit() for ch in text) or "bic" in text.casefold() or "swift" in text.casefold()
    )


def _check_size(name: str) -> None:
    """Refuse a name too long to be one (a pasted document), before any work is done on it:
    the comparison's cost grows with the square of the words."""
    if len(name) > MAX_NAME_LENGTH:
        msg = (
            f"a name of {len(name):,} characters is too long to screen: at most "
            f"{MAX_NAME_LENGTH:,} (MAX_NAME_LENGTH)"
        )
        raise QueryError(msg)
    count = len(name.split())
    if count > MAX_NAME_TOKENS:
        msg = (
            f"a name of {count:,} words is too long to screen: at most {MAX_NAME_TOKENS} "
            "(MAX_NAME_TOKENS)"
        )
        raise QueryError(msg)


_NAME_FIELDS = ("name", "fullname")
_BIRTH_FIELDS = ("birthdate", "dateofbirth", "dob")
_COUNTRY_FIELDS = ("country", "nationality")
_KIND_FIELDS = ("kind", "type")


def _field_key(key: object) -> str:
    return "".join(ch for ch in str(key).casefold() if ch.isalnum())


def _first(fields: Mapping[str, object], names: Sequence[str]) -> object:
    for name in names:
        value = fields.get(name)
        if value not in (None, ""):
            return value
    return None


def _text(value: object) -> str:
    return "" if value is None else str(value).strip()


def _birth_field(value: object) -> dt.date | int | PartialDate | None:
    """A birth date field: a date, a year, or ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` text."""
    if value is None or isinstance(value, (dt.date, int, PartialDate)):
        return value
    text = str(value).strip()
    parts = text.split("-")
    if not all(part.isdigit() for part in parts) or len(parts) > 3:  # noqa: PLR2004
        msg = f"birth date {text!r} is not a date: YYYY, YYYY-MM or YYYY-MM-DD expected"
        raise QueryError(msg)
    try:
        numbers = [int(part) for part in parts]
        if len(numbers) == 3:  # noqa: PLR2004
            return dt.date(*numbers)
        return PartialDate(numbers[0], numbers[1] if len(numbers) > 1 else None)
    except (ValueError, TypeError) as error:
        msg = f"birth date {text!r} is not a date: {error}"
        raise QueryError(msg) from None


def parse_kind(kind: PartyKind | str | None) -> PartyKind | None:
    """A party kind from a PartyKind or a word ("person", "company", "vessel" ...)."""
    if kind is None or isinstance(kind, PartyKind):
        return kind
    found = _KIND_WORDS.get(str(kind).strip().casefold())
    if found is None:
        allowed = ", ".join(sorted(_KIND_WORDS))
        msg = f"unknown kind {kind!r}: expected one of {allowed}"
        raise QueryError(msg)
    return found


def _check_threshold(threshold: float | None) -> float:
    if threshold is None:
        return DEFAULT_THRESHOLD
    if not 0.0 <= threshold <= 1.0:
        msg = f"threshold must be between 0 and 1, got {threshold!r}"
        raise QueryError(msg)
    return float(threshold)


def _birth_range(birth_date: dt.date | int | PartialDate) -> tuple[dt.date, dt.date, str]:
    if isinstance(birth_date, PartialDate):
        return birth_date.earliest, birth_date.latest, str(birth_date)
    if isinstance(birth_date, dt.date):
        return birth_date, birth_date, birth_date.isoformat()
    if isinstance(birth_date, int) and not isinstance(birth_date, bool):
        if not 1 <= birth_date <= 9999:  # noqa: PLR2004 - the years of datetime.date
            msg = f"birth year {birth_date} is out of range"
            raise QueryError(msg)
        return dt.date(birth_date, 1, 1), dt.date(birth_date, 12, 31), str(birth_date)
    msg = f"birth_date must be a date, a year or a PartialDate, got {birth_date!r}"
    raise QueryError(msg)


def _overlaps(date: PartialDate, start: dt.date, end: dt.date) -> bool:
    slack = dt.timedelta(days=366 if date.circa else 0)
    return date.earliest - slack <= end and start <= date.latest + slack


def _strength(name: Name) -> NameStrength:
    if name.kind is NameKind.PRIMARY:
        return NameStrength.PRIMARY
    return NameStrength.WEAK_ALIAS if name.weak else NameStrength.STRONG_ALIAS


class _Query:
    """A normalised query with what the index found for each of its items."""

    __slots__ = (
        "birth",
        "by_vocabulary",
        "country",
        "floor",
        "form",
        "kind",
        "middle_most",
        "related",
        "threshold",
    )

    def __init__(
        self,
        form: Form,
        kind: PartyKind | None,
        birth: tuple[dt.date, dt.date, str] | None,
        country: str | None,
        threshold: float,
    ) -> None:
        self.form = form
        self.kind = kind
        self.birth = birth
        self.country = country
        self.threshold = threshold
        self.related: list[dict[int, tuple[float, str]]] = []
        self.by_vocabulary: dict[int, list[tuple[int, float, str]]] = {}
        """The same relations by vocabulary item: (query item, similarity, how)."""
        self.floor = 0.0
        """The least name score that may pass the threshold (set by ``Screener._run``)."""
        self.middle_most = (
            0.0 if form.syllabic else sum([saving for _bit, saving in form.middle[1:-1]])
        )
        """The most the query's tokens can count less as middle names."""


class Screener:
    """The candidate index and scoring over a set of designations.

    >>> from sanctions_tracker.records import Designation, Name, Party, PartyKind
    >>> party = Party(kind=PartyKind.INDIVIDUAL, names=(Name("SOLEIMANI, Qasem"),))
    >>> screener = Screener([Designation(id="x:1", list_id="x", party=party, programs=("P",),
    ...                                  sources=("s",))])
    >>> [(m.designation_id, m.score) for m in screener.screen("Qassem Soleimani")]
    [('x:1', 0.9545)]
    """

    def __init__(self, designations: Iterable[Designation]) -> None:
        collecting = gc.isenabled()
        gc.disable()  # the build makes many small objects and no cycles
        try:
            self._build(designations)
        finally:
            if collecting:
                gc.enable()

    def _build(self, designations: Iterable[Designation]) -> None:
        self._designations: tuple[Designation, ...] = tuple(designations)
        entries: list[tuple[int, Name, tuple[Token, ...], bool]] = []
        frequency: dict[str, int] = {}
        people: dict[str, int] = {}
        for index, designation in enumerate(self._designations):
            legal_forms = designation.party.kind is not PartyKind.INDIVIDUAL
            for name in designation.party.names:
                tokens = normalise(name.full, legal_forms=legal_forms)
                if not tokens:
                    continue
                entries.append((index, name, tokens, legal_forms))
                # the words of written-out legal forms count too: "liability" is common
                for text in {token.text for token in tokens}.union(words(name.full)):
                    frequency[text] = frequency.get(text, 0) + 1
                if not legal_forms:
                    for text in {token.text for token in tokens}:
                        people[text] = people.get(text, 0) + 1
        self.rarity = Rarity(frequency, len(entries), people)
        self._name_designation: list[int] = []
        self._names: list[Name] = []
        self._legal_forms: list[bool] = []
        self._candidate_items: list[tuple[CandidateItem, ...]] = []
        self._totals: list[float] = []
        self._middles: list[Middle | None] = []
        """For names of people, :data:`Middle`; None for other names."""
        self._middle_most: list[float] = []
        """For names of people, the most their tokens can count less as middle names."""
        self._name_masks: list[int] = []
        self._prefixed: list[tuple[tuple[int, int], ...]] = []
        """For names of people, :func:`~._compare.prefixed_names`."""
        self._surnames: list[int] = []
        """For names of people, the surname's token (:func:`~._compare.surname_bit`)."""
        self._vocabulary: dict[tuple[str, bool, Role], int] = {}
        self._items: list[Item] = []
        self._max_weight: list[float] = []
        self._postings: list[list[int]] = []
        self._keys: dict[tuple[str, str], list[int]] = {}
        for designation_index, name, tokens, legal_forms in entries:
            self._add_name(designation_index, name, tokens, legal_forms=legal_forms)
        self._people = any(middle is not None for middle in self._middles)
        self._index_identifiers()
        self._index_groups()
        self._relate_cache: dict[tuple[tuple[str, bool, Role], int, bool], tuple[float, str] | None]
        self._relate_cache = {}

    # ------------------------------------------------------------------ building

    def _index_identifiers(self) -> None:
        self._identifiers: dict[str, list[tuple[int, Identifier]]] = {}
        """Each screened identifier of the records, normalised, and who holds it."""
        for index, designation in enumerate(self._designations):
            for held in designation.party.identifiers:
                if held.kind in IDENTIFIER_KINDS:
                    key = normalise_identifier(held.value, held.kind)
                    self._identifiers.setdefault(key, []).append((index, held))

    def _index_groups(self) -> None:
        never = _NEVER  # a name too short to be matched whole by enough words
        groups: list[tuple[bool, int]] = []
        for middle, mask in zip(self._middles, self._name_masks, strict=True):
            person = middle is not None
            words = mask.bit_count()
            if words < (OMITTED_MIN_PERSON if person else OMITTED_MIN):
                groups.append((person, never))
            else:  # matched whole only with as many query words matched as name tokens
                groups.append((person, min(words, _GROUP_WORDS)))
        self._groups = sorted(set(groups))
        """The kinds of names with a bound of their own: people's or not (the middle-name
        rule), and how many query words a name of the kind must match to be matched whole
        and let the query's other words count less (its name tokens, up to _GROUP_WORDS;
        never for a name with fewer than OMITTED_MIN, or OMITTED_MIN_PERSON for people)."""
        self._group_postings: dict[tuple[bool, int], list[tuple[int, ...]]] = {
            key: [] for key in self._groups
        }
        """The postings of each kind of name."""
        for ids in self._postings:
            split: dict[tuple[bool, int], list[int]] = {key: [] for key in self._groups}
            for name_id in dict.fromkeys(ids):
                split[groups[name_id]].append(name_id)
            for key, found in split.items():
                self._group_postings[key].append(tuple(found))

    def _vocabulary_id(
        self, run: tuple[Token, ...], weights: Sequence[float], acronym: str | None = None
    ) -> int:
        key = (
            ("#" + acronym, True, Role.NAME)
            if acronym is not None
            else ("".join([token.text for token in run]), True, Role.NAME)
            if len(run) > 1
            else (run[0].text, False, run[0].role)
        )
        vid = self._vocabulary.get(key)
        weight = sum(weights)
        if vid is None:
            vid = len(self._items)
            self._vocabulary[key] = vid
            item = Item(run, weights, common=self.rarity.common(run), acronym=acronym)
            self._items.append(item)
            self._max_weight.append(weight)
            self._postings.append([])
            keys = self._keys
            for index_key in index_keys(item):
                found = keys.get(index_key)
                if found is None:
                    keys[index_key] = [vid]
                else:
                    found.append(vid)
        elif weight > self._max_weight[vid]:
            self._max_weight[vid] = weight
        return vid

    def _add_name(
        self, designation_index: int, name: Name, tokens: tuple[Token, ...], *, legal_forms: bool
    ) -> None:
        name_id = len(self._names)
        weight_of = self.rarity.weight
        weights = [weight_of(token) for token in tokens]
        unmatched = [
            weight * PATRONYMIC_UNMATCHED if token.patronymic else weight
            for token, weight in zip(tokens, weights, strict=True)
        ]
        postings = self._postings
        items: list[CandidateItem] = []
        for start, token in enumerate(tokens):
            vid = self._vocabulary_id((token,), weights[start : start + 1])
            items.append((vid, 1 << start, weights[start], unmatched[start]))
            postings[vid].append(name_id)
        runs: list[tuple[int, int, str | None]] = [
            (start, end, None) for start, end in span_bounds(tokens)
        ]
        if legal_forms:  # acronyms of organisations' and vessels' names (IRGC)
            runs.extend(acronym_runs(tokens))
        for start, end, acronym in runs:
            vid = self._vocabulary_id(tokens[start:end], weights[start:end], acronym)
            mask = ((1 << (end - start)) - 1) << start
            items.append((vid, mask, sum(weights[start:end]), sum(unmatched[start:end])))
            postings[vid].append(name_id)
        self._name_designation.append(designation_index)
        self._names.append(name)
        self._legal_forms.append(legal_forms)
        self._candidate_items.append(tuple(items))
        self._totals.append(sum(unmatched))
        middle = (
            None
            if legal_forms or is_syllabic(name.full)
            else ()
            if len(tokens) < 3  # noqa: PLR2004 - no token between two others
            else middle_order(name_order(name.full, len(tokens)), weights, unmatched)
        )
        self._middles.append(middle)
        self._middle_most.append(sum([saving for _bit, saving in middle[1:-1]]) if middle else 0.0)
        self._prefixed.append(prefixed_names(tokens) if not legal_forms else ())
        self._surnames.append(surname_bit(name.full, len(tokens)) if not legal_forms else 0)
        self._name_masks.append(
            sum([1 << index for index, token in enumerate(tokens) if token.role is Role.NAME])
        )

    # ------------------------------------------------------------------ public

    def __len__(self) -> int:
        return len(self._designations)

    def __repr__(self) -> str:
        return (
            f"<Screener designations={len(self._designations)} names={len(self._names)} "
            f"vocabulary={len(self._items)}>"
        )

    def compare(self, a: str, b: str, *, kind: PartyKind | str | None = None) -> NameComparison:
        """Compare two names with this list's token rarities (see ``compare_names``)."""
        return compare_with(a, b, self.rarity, kind=kind)

    def screen(
        self,
        name: str,
        *,
        kind: PartyKind | str | None = None,
        birth_date: dt.date | int | PartialDate | None = None,
        country: str | None = None,
        threshold: float | None = None,
        limit: int = 10,
        full_scan: bool = False,
        identifier: str | None = None,
        identifier_kind: str | None = None,
    ) -> tuple[Match, ...]:
        """The designations whose names match ``name`` at or above ``threshold``, best first.

        ``kind``, ``birth_date`` and ``country`` lower the score of records that contradict
        them (and raise it a little for records that fit). ``full_scan=True`` scores every
        name on the list instead of the index's candidates (for tests and benchmarks).

        Identifiers written in ``name`` (``IMO 7406784``, a crypto address, a passport
        number ...) and ``identifier`` (of ``identifier_kind`` if given: "imo", "mmsi",
        "swift", "crypto", "passport" ...) find the records that hold them, exactly once
        normalised: such a match scores 1.0 and says the field in ``Match.identifier``.
        ``name`` may be empty when ``identifier`` is given.
        """
        if limit < 1:
            msg = f"limit must be at least 1, got {limit!r}"
            raise QueryError(msg)
        _require_text(name)
        asked = list(identifiers_in(name)) if _may_hold_identifier(name) else []
        if identifier is not None:
            asked.append(parse_identifier(identifier, identifier_kind))
        by_identifier = self._identifier_matches(asked)
        if not name.strip() and identifier is not None:
            return by_identifier[:limit]
        try:
            query = self._query(name, kind, birth_date, country, threshold)
        except QueryError:
            if by_identifier:
                return by_identifier[:limit]
            raise
        by_name = self._matches(query, self._run(query, limit, full_scan=full_scan))
        found = {match.designation_id for match in by_identifier}
        return (*by_identifier, *[m for m in by_name if m.designation_id not in found])[:limit]

    def _identifier_matches(self, asked: Sequence[IdentifierQuery]) -> tuple[Match, ...]:
        """The records holding one of the identifiers ``asked`` (of its kind, if it says)."""
        matches: dict[int, Match] = {}
        for wanted in asked:
            for index, held in self._identifiers.get(wanted.key, ()):
                if index in matches or (wanted.kind is not None and held.kind != wanted.kind):
                    continue
                designation = self._designations[index]
                hit = IdentifierHit(field=held.kind, value=held.value, query=wanted.value)
                summary = (
                    f"1.00 for {designation.party.name!r}: identifier {wanted.value!r} = "
                    f"the record's {held.kind} {held.value!r} (exact)"
                )
                explanation = Explanation(
                    tokens=(), name_score=0.0, adjustments=(), score=1.0, summary=summary
                )
                matches[index] = Match(
                    designation_id=designation.id,
                    name=designation.party.name,
                    designation=designation,
                    score=1.0,
                    matched_name=designation.party.names[0],
                    name_strength=NameStrength.PRIMARY,
                    explanation=explanation,
                    identifier=hit,
                )
        return tuple(sorted(matches.values(), key=lambda match: match.designation_id))

    def screen_many(
        self,
        names: Iterable[str],
        *,
        kind: PartyKind | str | None = None,
        threshold: float | None = None,
        limit: int = 10,
        workers: int | None = None,
        progress: Callable[[int, int], None] | None = None,
    ) -> tuple[tuple[Match, ...], ...]:
        """Screen each name; one tuple of matches per name, in order.

        Raises QueryError (naming the row) for the first name that cannot be read; callers
        that report bad rows and carry on screen row by row. ``workers`` > 1 screens in that
        many processes (forked, so the index is shared, not copied); ``None`` uses every
        core for batches of 500 names or more. ``progress(done, total)`` is called as
        names are screened.
        """
        batch = list(names)
        parsed_kind = parse_kind(kind)
        checked = _check_threshold(threshold)
        queries = []
        for row, text in enumerate(batch, start=1):
            try:
                queries.append(self._query(text, parsed_kind, None, None, checked))
            except QueryError as error:
                msg = f"name {row} of the batch: {error}"
                raise QueryError(msg) from None
        if workers is None:
            workers = (os.cpu_count() or 1) if len(batch) >= _PARALLEL_MIN else 1
        total = len(queries)
        raws: list[list[Raw]] = []
        if workers > 1 and total > 1 and "fork" in multiprocessing.get_all_start_methods():
            raws = self._parallel(
                batch,
                kind=parsed_kind,
                threshold=checked,
                limit=limit,
                workers=workers,
                progress=progress,
            )
        else:
            for done, query in enumerate(queries, start=1):
                raws.append(self._run(query, limit))
                if progress is not None and (done % 50 == 0 or done == total):
                    progress(done, total)
        return tuple(self._matches(query, raw) for query, raw in zip(queries, raws, strict=True))

    def screen_records(
        self,
        records: Iterable[Mapping[str, object]],
        *,
        threshold: float | None = None,
        limit: int = 10,
        kind: PartyKind | str | None = None,
    ) -> Iterator[RecordResult]:
        """Screen a stream of records, one :class:`RecordResult` per record, in order, as
        each is screened (an iterable in, an iterator out: nothing is held but the record
        being screened).

        A record is a mapping of field names to values, as a CSV row read by
        ``csv.DictReader`` or a JSON object: its name under ``name`` (or ``full_name``),
        and optionally its birth date (``birth_date``, ``date_of_birth``, ``dob``: a date,
        a year or ``YYYY[-MM[-DD]]``), country (``country``, ``nationality``), kind
        (``kind``, ``type``: person, company, vessel ...) and identifier (``identifier``,
        with ``identifier_kind``), field names read without regard to case, spaces or
        dashes. Every field, these and any other (a customer id), comes back untouched
        in ``RecordResult.record``. A record that cannot be screened (no name nor
        identifier, an unreadable date, an unknown country) gets its reason in
        ``RecordResult.error`` and the stream goes on. ``kind`` applies to records that
        do not give theirs.
        """
        checked = _check_threshold(threshold)
        for row, record in enumerate(records, start=1):
            fields = {_field_key(key): value for key, value in record.items()}
            try:
                name = _text(_first(fields, _NAME_FIELDS))
                identifier = _text(_first(fields, ("identifier",))) or None
                matches = self.screen(
                    name,
                    kind=_text(_first(fields, _KIND_FIELDS)) or kind,
                    birth_date=_birth_field(_first(fields, _BIRTH_FIELDS)),
                    country=_text(_first(fields, _COUNTRY_FIELDS)) or None,
                    threshold=checked,
                    limit=limit,
                    identifier=identifier,
                    identifier_kind=_text(_first(fields, ("identifierkind",))) or None,
                )
            except QueryError as error:
                yield RecordResult(row=row, record=record, matches=(), error=str(error))
                continue
            yield RecordResult(row=row, record=record, matches=matches)

    # ------------------------------------------------------------------ queries

    def _query(
        self,
        name: str,
        kind: PartyKind | str | None,
        birth_date: dt.date | int | PartialDate | None,
        country: str | None,
        threshold: float | None,
    ) -> _Query:
        _require_text(name)
        _check_size(name)
        parsed_kind = parse_kind(kind)
        legal_forms = parsed_kind is not PartyKind.INDIVIDUAL
        form = make_form(name, self.rarity, legal_forms=legal_forms)
        split = self._split_run_together(form.tokens)
        if split is not None:
            form = Form(name, split, self.rarity, abjad=form.abjad, acronyms=legal_forms)
        if not form.tokens:
            msg = f"no name to screen in {name!r}: it has no letters or digits"
            raise QueryError(msg)
        return _Query(
            form,
            parsed_kind,
            None if birth_date is None else _birth_range(birth_date),
            None if country is None else country_code(country),
            _check_threshold(threshold),
        )

    def _split_run_together(self, tokens: tuple[Token, ...]) -> tuple[Token, ...] | None:
        """Tokens with a word the list never uses, nor any spelling variant of it, split
        where two list words meet (``manuelalejandro`` is ``manuel alejandro``), or None."""
        known = self.rarity.document_frequency
        out: list[Token] = []
        changed = False
        for token in tokens:
            text = token.text
            if (
                token.role is Role.NAME
                and len(text) >= _SPLIT_MIN
                and text not in known
                and not self._has_spelling_variant(token)
            ):
                cuts = [
                    cut
                    for cut in range(2, len(text) - 1)
                    if text[:cut] in known and text[cut:] in known
                ]
                if cuts:
                    cut = max(cuts, key=lambda at: min(at, len(text) - at))
                    out.extend(normalise(f"{text[:cut]} {text[cut:]}"))
                    changed = True
                    continue
            out.append(token)
        return tuple(out) if changed else None

    def _has_spelling_variant(self, token: Token) -> bool:
        """Whether the list has a word (not words joined) that sounds like ``token`` or is
        one typo from it."""
        text = token.text
        keys = [("s", token.sound), ("d", text)]
        keys.extend(("d", text[:i] + text[i + 1 :]) for i in range(len(text)))
        items = self._items
        return any(not items[vid].span for key in keys for vid in self._keys.get(key, ()))

    def _relate(self, item: Item, vid: int, *, abjad: bool) -> tuple[float, str] | None:
        key = (item.key, vid, abjad)
        cache = self._relate_cache
        if key in cache:
            return cache[key]
        if len(cache) > _RELATE_CACHE_LIMIT:
            cache.clear()
        found = relate(item, self._items[vid], abjad=abjad)
        cache[key] = found
        return found

    def _find_related(self, query: _Query, *, full_scan: bool) -> None:
        abjad = query.form.abjad
        everything = range(len(self._items))
        for item in query.form.items:
            if full_scan:
                vids: Iterable[int] = everything
            else:
                found: set[int] = set()
                for key in lookup_keys(item):
                    if key[0] == "c" and not abjad and len(key[1]) < CONSONANTS_MIN:
                        continue
                    found.update(self._keys.get(key, ()))
                vids = found
            related: dict[int, tuple[float, str]] = {}
            for vid in vids:
                hit = self._relate(item, vid, abjad=abjad)
                if hit is not None:
                    related[vid] = hit
            by_vocabulary = query.by_vocabulary
            item_index = len(query.related)
            for vid, (similarity, how) in related.items():
                found_for = by_vocabulary.get(vid)
                if found_for is None:
                    by_vocabulary[vid] = [(item_index, similarity, how)]
                else:
                    found_for.append((item_index, similarity, how))
            query.related.append(related)

    def _gaps(self, query: _Query) -> float:
        gaps = 1.0
        if query.birth is not None:
            gaps *= 1.0 - BIRTH_DATE_MATCHES
        if query.country is not None:
            gaps *= 1.0 - COUNTRY_MATCHES
        return gaps

    def _boost(self, query: _Query) -> Callable[[float], float]:
        gaps = self._gaps(query)
        return lambda bound: 1.0 - (1.0 - bound) * gaps

    def _essential_items(self, query: _Query) -> dict[tuple[bool, int], list[int]]:
        """The query items whose candidates must be scored (the max-score method), for each
        kind of name (``self._groups``) with its own bound: names of people (whose middle
        names left out may count less) or not, and how many words they need matched for
        the query's other words to count less (OMITTED_MIN, OMITTED_MIN_PERSON)."""
        form = query.form
        items = form.items
        positions = len(form.tokens)
        best = [0.0] * positions
        for index, item in enumerate(items):
            related = query.related[index]
            if not related:
                continue
            top = max(
                similarity * (item.weight + self._max_weight[vid]) / 2.0
                for vid, (similarity, _how) in related.items()
            )
            mask = form.masks[index]
            share = top / mask.bit_count()
            for position in range(positions):
                if mask >> position & 1 and share > best[position]:
                    best[position] = share
        masks = form.masks
        hits = query.related
        middle = form.middle if self._people and not form.syllabic else ()
        essential: dict[tuple[bool, int], list[int]] = {}
        worked_out: dict[tuple[bool, int], list[int]] = {}
        for person, least in self._groups:
            # a kind that needs more words matched than the query has is bound as if never
            key = (person, least if least <= positions else _NEVER)
            found = worked_out.get(key)
            if found is None:
                skipped = self._non_essential(query, best, middle if person else (), least=key[1])
                found = worked_out[key] = [
                    index for index, mask in enumerate(masks) if mask & ~skipped and hits[index]
                ]
            essential[person, least] = found
        return essential

    def _non_essential(
        self, query: _Query, best: list[float], middle: Middle, *, least: int
    ) -> int:
        """The query tokens (a bit mask) that, matched at their ``best`` and the others not,
        cannot lift a name to the threshold; with ``middle``, for a name of a person: a
        name that matches only the tokens ``covered`` leaves those between them in name
        order counting less (its middle names left out)."""
        unmatched = [item.unmatched for item in query.form.singles]
        boost = self._boost(query)
        order = sorted(range(len(best)), key=lambda position: best[position])
        matched = 0.0
        missing = sum(unmatched)
        non_essential = 0
        covered = 0
        for position in order:
            matched += best[position]
            missing -= unmatched[position]
            covered |= 1 << position
            lesser = _between_saving(middle, covered) if middle else 0.0
            left = max(missing - lesser, 0.0)
            if covered.bit_count() >= least:  # a name matched whole: the rest left out
                left *= OMITTED_UNMATCHED
            bound = matched / (matched + left / 2.0) if matched > 0 else 0.0
            if boost(bound) >= query.threshold - 1e-9:
                break
            non_essential |= 1 << position
        return non_essential

    def _score_name(self, query: _Query, name_id: int) -> tuple[float, list[Pair]]:
        q_items = query.form.items
        q_masks = query.form.masks
        by_vocabulary = query.by_vocabulary
        pairs: list[Pair] = []
        for j, (vid, _mask, weight, _unmatched) in enumerate(self._candidate_items[name_id]):
            hits = by_vocabulary.get(vid)
            if hits is not None:
                for i, similarity, how in hits:
                    pairs.append((similarity, (q_items[i].weight + weight) / 2.0, i, j, how))
        if not pairs:
            return 0.0, []
        pairs.sort(key=pair_order)
        candidate = self._candidate_items[name_id]
        used_q = used_c = 0
        chosen: list[Pair] = []
        matched = paired = 0.0
        missing = query.form.total + self._totals[name_id]
        for pair in pairs:
            q_item = q_items[pair[2]]
            c_item = candidate[pair[3]]
            q_mask = q_masks[pair[2]]
            if used_q & q_mask or used_c & c_item[1]:
                continue
            used_q |= q_mask
            used_c |= c_item[1]
            chosen.append(pair)
            matched += pair[0] * pair[1]
            paired += pair[1]
            missing -= q_item.unmatched + c_item[3]
        if matched <= 0.0:
            return 0.0, chosen
        middle = self._middles[name_id]
        most = (query.middle_most + self._middle_most[name_id]) if middle is not None else 0.0
        if matched / (paired + max(missing - most, 0.0) * OMITTED_UNMATCHED / 2.0) < query.floor:
            # even with every rule that lowers what is unmatched, below the threshold: the
            # rules are not worked out (they would only lower it further or not enough)
            return matched / (paired + max(missing, 0.0) / 2.0), chosen
        return self._with_rules(
            query, name_id, chosen, (used_q, used_c), (matched, paired, missing, most)
        )

    def _with_rules(
        self,
        query: _Query,
        name_id: int,
        chosen: list[Pair],
        used: tuple[int, int],
        sums: tuple[float, float, float, float],
    ) -> tuple[float, list[Pair]]:
        """The score of an alignment that may reach the threshold, with the rules of
        ``_compare.score_pairs`` (``used``: the tokens matched on each side; ``sums``:
        what is matched, paired and unmatched, and the most the middle-name rule may
        take off)."""
        used_q, used_c = used
        matched, paired, missing, most = sums
        middle = self._middles[name_id]
        candidate = self._candidate_items[name_id]
        q_singles = query.form.singles
        free_q = [item for index, item in enumerate(q_singles) if not used_q >> index & 1]
        free_c = [
            self._items[vid]
            for vid, mask, _weight, _unmatched in candidate
            if mask & ~used_c and mask.bit_count() == 1 and not self._items[vid].span
        ]
        missing += patronymic_contradiction(free_q, free_c)
        if (
            middle is not None
            and most > 0.0
            and not query.form.syllabic
            and matched / (paired + max(missing - most, 0.0) / 2.0) >= query.floor
        ):
            # (a name that cannot reach the threshold even so is left without the rule)
            form = query.form
            missing -= omitted_middles(
                middle_tokens(form.middle, form.names, used_q),
                middle_tokens(middle, self._name_masks[name_id], used_c),
            )
        missing -= omitted_words(
            query.form.names,
            used_q,
            self._name_masks[name_id],
            used_c,
            max(missing, 0.0),
            person=middle is not None,
            pairs=len(chosen),
        )
        score = matched / (paired + max(missing, 0.0) / 2.0) * number_mismatch(free_q, free_c)
        if middle is not None:
            form = query.form
            caps = person_caps(
                chosen,
                form.masks,
                (form.names, used_q, free_q, form.prefixed, form.surname),
                (
                    self._name_masks[name_id],
                    used_c,
                    free_c,
                    self._prefixed[name_id],
                    self._surnames[name_id],
                ),
            )
            return min(capped(caps), score), chosen
        return score, chosen

    def _adjust(
        self, query: _Query, designation: Designation, name: Name, score: float
    ) -> tuple[float, tuple[Adjustment, ...]]:
        adjustments: list[Adjustment] = []

        def apply(reason: str, new: float) -> None:
            nonlocal score
            adjustments.append(Adjustment(reason, round(new - score, 4)))
            score = new

        if name.weak:
            apply("weak alias (OFAC: a low-quality a.k.a.)", score * WEAK_ALIAS)
        party = designation.party
        # A record whose list does not say what it is contradicts no kind.
        if query.kind is not None and party.kind not in {query.kind, PartyKind.UNKNOWN}:
            apply(
                f"the record is {_KIND_LABEL[party.kind]}, not {_KIND_LABEL[query.kind]}",
                score * KIND_DIFFERS,
            )
        if query.birth is not None and party.birth_dates:
            start, end, text = query.birth
            listed = ", ".join(str(date) for date in party.birth_dates)
            if any(_overlaps(date, start, end) for date in party.birth_dates):
                apply(
                    f"born {text}, as the record says ({listed})",
                    score + (1.0 - score) * BIRTH_DATE_MATCHES,
                )
            else:
                apply(f"born {text}, but the record says {listed}", score * BIRTH_DATE_CONTRADICTS)
        if query.country is not None and party.countries:
            codes = ", ".join(sorted(party.countries))
            place = country_name(query.country)
            if query.country in party.countries:
                apply(
                    f"tied to {place}, as the record is ({codes})",
                    score + (1.0 - score) * COUNTRY_MATCHES,
                )
            else:
                apply(
                    f"{place} is not among the record's countries ({codes})",
                    score * COUNTRY_DIFFERS,
                )
        return score, tuple(adjustments)

    def _run(self, query: _Query, limit: int, *, full_scan: bool = False) -> list[Raw]:
        self._find_related(query, full_scan=full_scan)
        if full_scan:
            candidates: Iterable[int] = range(len(self._names))
        else:
            found: set[int] = set()
            for key, indices in self._essential_items(query).items():
                postings = self._group_postings[key]
                for index in indices:
                    for vid in query.related[index]:
                        found.update(postings[vid])
            candidates = found
        best: dict[int, Raw] = {}
        threshold = query.threshold
        boost = self._boost(query)
        query.floor = 1.0 - (1.0 - (threshold - 1e-9)) / self._gaps(query) - 1e-9
        for name_id in candidates:
            name_score, chosen = self._score_name(query, name_id)
            if name_score <= 0.0 or boost(name_score) < threshold - 1e-9:
                continue
            designation_index = self._name_designation[name_id]
            designation = self._designations[designation_index]
            name = self._names[name_id]
            score, adjustments = self._adjust(query, designation, name, name_score)
            score = round(score, 4)
            if score < threshold:
                continue
            raw: Raw = (score, round(name_score, 4), name_id, tuple(chosen), adjustments)
            held = best.get(designation_index)
            if held is None or (score, -name_id) > (held[0], -held[2]):
                best[designation_index] = raw
        ranked = sorted(
            best.values(),
            key=lambda raw: (
                -raw[0],
                _strength(self._names[raw[2]]) is not NameStrength.PRIMARY,
                raw[2],
            ),
        )
        return ranked[:limit]

    def _matches(self, query: _Query, raws: list[Raw]) -> tuple[Match, ...]:
        matches = []
        for score, name_score, name_id, chosen, adjustments in raws:
            designation = self._designations[self._name_designation[name_id]]
            name = self._names[name_id]
            strength = _strength(name)
            explanation = partial(
                _explain_match,
                query.form,
                (name, self.rarity, self._legal_forms[name_id]),
                chosen,
                name_score=name_score,
                adjustments=adjustments,
                score=score,
            )
            matches.append(
                explained_later(
                    Match,
                    explanation,
                    designation_id=designation.id,
                    name=designation.party.name,
                    designation=designation,
                    score=score,
                    matched_name=name,
                    name_strength=strength,
                    identifier=None,
                )
            )
        return tuple(matches)

    # ------------------------------------------------------------------ batches

    def _parallel(
        self,
        batch: list[str],
        *,
        kind: PartyKind | None,
        threshold: float,
        limit: int,
        workers: int,
        progress: Callable[[int, int], None] | None,
    ) -> list[list[Raw]]:
        total = len(batch)
        size = max(1, min(200, total // (workers * 8) or 1))
        chunks = [batch[start : start + size] for start in range(0, total, size)]
        results: list[list[Raw]] = []
        context = multiprocessing.get_context("fork")
        job = (self, kind, threshold, limit)  # forked with the workers: shared, not pickled
        freezing = gc.get_freeze_count() == 0
        if freezing:
            gc.freeze()  # the index is never scanned by the workers' collections: pages shared
        pool: Pool
        try:
            with context.Pool(workers, initializer=_start_worker, initargs=(job,)) as pool:
                for chunk_result in pool.imap(_screen_chunk, chunks):
                    results.extend(chunk_result)
                    if progress is not None:
                        progress(len(results), total)
        finally:
            if freezing:
                gc.unfreeze()
        return results


class _Worker:
    """What a worker process screens with: set once, by the pool's initializer."""

    job: tuple[Screener, PartyKind | None, float, int] | None = None


def _start_worker(job: tuple[Screener, PartyKind | None, float, int]) -> None:
    _Worker.job = job


def _between_saving(middle: Middle, covered: int) -> float:
    """The most the query tokens not ``covered`` can count less, unmatched, against a
    name that matches only the ``covered`` ones: those between two covered tokens in name
    order may be middle names left out (:func:`~._compare.middle_tokens`)."""
    first, last = outer_positions(middle, covered)
    return sum([saving for bit, saving in middle[first + 1 : last] if not bit & covered])


def _screen_chunk(chunk: list[str]) -> list[list[Raw]]:
    if _Worker.job is None:  # pragma: no cover - only a pool started without the initializer
        msg = "a screening worker was started without its job"
        raise RuntimeError(msg)
    screener, kind, threshold, limit = _Worker.job
    return [
        screener._run(screener._query(text, kind, None, None, threshold), limit)  # noqa: SLF001
        for text in chunk
    ]


def _explain_match(
    query: Form,
    listed: tuple[Name, Rarity, bool],
    chosen: tuple[Pair, ...],
    *,
    name_score: float,
    adjustments: tuple[Adjustment, ...],
    score: float,
) -> Explanation:
    """The explanation of a match against ``listed`` (its name, the list's rarities, whether
    legal forms are read), written when it is first read."""
    name, rarity, legal_forms = listed
    form = make_form(name.full, rarity, legal_forms=legal_forms)
    return explain(
        list(chosen),
        query,
        form,
        swapped=False,
        name_score=name_score,
        adjustments=adjustments,
        score=score,
        subject=f" for {name.full!r} ({_strength(name)})",
        person=not legal_forms,
    )


def compare_with(
    a: str, b: str, rarity: Rarity, *, kind: PartyKind | str | None = None
) -> NameComparison:
    """Compare two names with the given token rarities."""
    _require_text(a)
    _require_text(b)
    _check_size(a)
    _check_size(b)
    person = parse_kind(kind) is PartyKind.INDIVIDUAL
    legal_forms = not person
    form_a = rarity.form(a, legal_forms=legal_forms)
    form_b = rarity.form(b, legal_forms=legal_forms)
    if not (form_a.tokens and form_b.tokens):
        text = b if form_a.tokens else a
        msg = f"no name to compare in {text!r}: it has no letters or digits"
        raise QueryError(msg)
    score, chosen, swapped = compare_forms(form_a, form_b, person=person)
    score = round(score, 4)
    explanation = partial(
        explain, chosen, form_a, form_b, swapped=swapped, name_score=score, person=person
    )
    return explained_later(NameComparison, explanation, a=a, b=b, score=score)
