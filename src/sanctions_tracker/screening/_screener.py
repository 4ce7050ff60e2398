"""The screener: a candidate index over a list's names, and scoring with qualifiers.

At build time every name of every designation is normalised and cut into items (tokens
and runs of adjacent tokens joined, see ``_compare``). Each distinct item goes into a
vocabulary, filed under the keys of :func:`~._compare.index_keys`; each vocabulary item
has postings: the names that contain it, by kind of name (people's or not, and how many
query words they need matched to be matched whole), each kind's in the order of the
names' unmatched weight. Everything is kept in flat arrays of numbers and in tuples of
plain values, which the garbage collector does not walk. Token rarity comes from the
same names.

A query is normalised the same way. For each of its items, the keys give the vocabulary
items it is related to (and their similarity). A name's score reaches the floor ``f``
(the threshold, less what a birth date or a country may add) only if its pairs gain
``sum((s - f) * w)`` at least ``f`` times half its unmatched weight, less what the rules
may take off: from each query token's best gain, a bound says which sets of query tokens
a name must match (:class:`_Bound`). The names holding each token, rarest first, are split
into classes by the tokens they hold, and a class that cannot reach the floor even with
every token not yet read is dropped (the *max-score* method of search engines, by the
tokens held); a vocabulary item's names too heavy to reach it are cut off in its
postings; each candidate left is bound by its own items before it is aligned. Once
``limit`` records are found the floor rises to the last one's score. A full scan
(``full_scan=True``) aligns every name related to the query with no bound: the tests
check on real queries that the index returns exactly what it returns.
"""

from __future__ import annotations

import datetime as dt
import gc
import heapq
import math
import multiprocessing
import os
from array import array
from bisect import bisect_left, bisect_right
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Mapping, MutableMapping, Sequence
from functools import partial
from itertools import accumulate, pairwise
from operator import add
from typing import TYPE_CHECKING, ClassVar, Final

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
    INITIAL_SIMILARITY,
    NEGATIONS,
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
    first_name_bit,
    index_keys,
    is_initial,
    lookup_keys,
    make_form,
    middle_order,
    middle_tokens,
    name_order,
    negation_mismatch,
    number_mismatch,
    omitted_middles,
    omitted_words,
    one_word,
    outer_positions,
    pair_order,
    patronymic_contradiction,
    person_caps,
    prefixed_names,
    rare_pair,
    relate,
    span_bounds,
    surname_bit,
    syllable_name,
    whole_least,
    without_own_acronym,
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
    "BIRTH_DATE_NEAR",
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

WEAK_ALIAS = 0.78
"""A weak alias (OFAC's low-quality a.k.a.) scores this share of its name score: spelt
exactly as listed it scores 0.78, below :data:`DEFAULT_THRESHOLD`, and alerts when a
birth date or a country given agrees with the record. OFAC calls weak aliases broad or
generic names that may generate a large volume of false hits, kept because they help
confirm a possible match that other identifying information points to."""
KIND_DIFFERS = 0.7
"""A record of another kind than the one asked for (a vessel for a person) keeps this share."""
BIRTH_DATE_CONTRADICTS = 0.75
"""A record whose birth dates all contradict the one given, by more than a year, keeps
this share."""
BIRTH_DATE_NEAR = 0.95
"""A record whose birth dates contradict the one given, the nearest by a year or less,
keeps this share: lists and documents often disagree on a person's birth year by one
(another source, another calendar, an age turned into a year), and a name that matches
well still alerts."""
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
_ITEM_CACHE_LIMIT = 65_536
"""How many vocabulary items a screener keeps built (the first built dropped when full):
about 22 MB; against 16,384, the median query on the SDN list 4 % faster, the 95th
percentile 20 % (a vocabulary item built anew costs more than relating it)."""
_RELATED_CACHE_LIMIT = 20_000
"""How many query items' relations a screener keeps (all dropped when full)."""
_PLACE_BITS = 6
_PLACE_MASK = (1 << _PLACE_BITS) - 1
"""An item's place: its first token shifted by _PLACE_BITS, plus how many it covers
(MAX_NAME_TOKENS at most)."""
_SPAN = 255
"""The role of a vocabulary item of tokens joined (``_roles``)."""
_LEGAL_FORMS = 1
"""A name's flag: its legal forms are read (not a person's name)."""
_PERSON = 2
"""A name's flag: the rules of people's names apply (a person's, not in CJK characters)."""
_READING = 4
"""A name's flag: it is a list name read without the acronym of its own words it gives in
brackets (:func:`~._compare.without_own_acronym`), beside the name as written."""
_NONE = array("i")
_FILTERED_MIN = 256
"""The names holding a vocabulary item are sorted out by their unmatched weight when
there are this many (fewer are read as they are)."""
_BINS = 255
"""The last of the names' bins (``Screener._name_bins``), that of every heavier name."""
_ROUNDING = 5e-5
"""Half the step of a rounded score: a score this much below a rounded one rounds to it."""
_SAME_LENGTH_UNRELATED = 3
"""Two words of this many letters or fewer, of one length, that share no index key but
a deletion (``d``: one letter changed, or two swapped) are never related: a typo in so
short a word leaves less than the similarity :func:`~._compare.relate` asks of one
(two letters of six, 0.67 < 0.7), and every other relation of words has its own key
(``Screener._filed_for`` does not ask; a test pins it on the SDN list's words)."""
_FEW_POSTINGS = 4096
"""At most this many postings of the items related to a query: every kind of name is read
at once, each by its own bound, not kind by kind."""
_SPLIT_COST = 8
"""A candidate's bound costs about as much as reading this many postings."""
_GROUP_WORDS = 5
"""Names of this many name tokens or more share one candidate bound."""
_OMITTED_HALF = OMITTED_UNMATCHED / 2.0
"""What an unmatched weight counts in a name score's denominator, at the least."""
_NEVER = 1 << 30
"""More words than any query has."""
_PARALLEL_MIN = 500
_SPLIT_MIN = 6

Raw = tuple[float, float, int, tuple[Pair, ...], tuple[Adjustment, ...]]
"""score, name score, name id, chosen pairs, adjustments."""
Relation = tuple[int, float, str]
"""A vocabulary id, the similarity of a query item to it, and how they relate."""
_ItemBound = tuple[dict[int, complex], float, float, tuple[int, ...]]
"""For one query item at one floor: each related vocabulary item's bound (``Screener.
_bounds``: the gain toward the floor, and the query item's unmatched weight and the
item's heaviest weight), the item's best gain, its heaviest related item's weight, and
the related items a pair with which may be a rare word (:func:`_rare_vids`)."""


_ITEM_FIELDS = (
    "common",
    "consonants",
    "fuzzy",
    "groups",
    "label",
    "role",
    "short",
    "sound",
    "span",
    "text",
    "unmatched",
    "weight",
)
"""The fields of a vocabulary item kept in its row, in this order (its ``key`` follows
from them), then those :class:`~._compare.Item` has beyond them (:data:`_MORE_FIELDS`, listed:
a compiled Item has no ``__slots__`` to read them from)."""
_MORE_FIELDS = ("acronym",)
"""(``acronym`` first: :class:`_VocabularyItem` sets it directly.)"""
_MORE_SETTERS: tuple[Callable[[Item, object], None], ...] = tuple(
    [getattr(Item, field).__set__ for field in _MORE_FIELDS]
)
_ROLE_OF: tuple[Role, ...] = tuple([Role(value) for value in range(max(Role) + 1)])
"""Each role by its value (the values of Role are 0, 1, 2 ...: Role(value) fails if not)."""
_LABEL: Final = 4
_ROLE: Final = 5
_SPAN_FIELD: Final = 8
_TEXT: Final = 9
_MORE: Final = 12
"""The places of a row's label, role, span and text (in :data:`_ITEM_FIELDS`), and of
the fields of :data:`_MORE_FIELDS` (``acronym`` first), read without building its item
(``Screener._relate_filed``, ``Screener._filed_for``)."""
_NAME = int(Role.NAME)
_ROLE_KEY = {role: str(int(role)) for role in Role}
"""The start of a single token's key in the vocabulary (tokens joined start with ``+``),
then ``~`` for a patronymic (no token's text holds it), then the token's text."""

Row = tuple[
    bool,
    str,
    bool,
    tuple[str, ...],
    str,
    int,
    bool,
    str,
    bool,
    str,
    float,
    float,
    tuple[object, ...],
]
"""A vocabulary item's fields (:data:`_ITEM_FIELDS`, its role a plain int), then a tuple
of those of :data:`_MORE_FIELDS`: plain values, which the garbage collector stops
tracking once it has seen them."""


def _row(item: Item) -> Row:
    """An item's row."""
    return (
        item.common,
        item.consonants,
        item.fuzzy,
        item.groups,
        item.label,
        int(item.role),
        item.short,
        item.sound,
        item.span,
        item.text,
        item.unmatched,
        item.weight,
        tuple([getattr(item, field) for field in _MORE_FIELDS]),
    )


class _VocabularyItem(Item):
    """A vocabulary item built from its row (as :class:`~._compare.Item` built it)."""

    __slots__ = ()

    def __init__(self, row: Row) -> None:
        (
            self.common,
            self.consonants,
            self.fuzzy,
            self.groups,
            self.label,
            role,
            self.short,
            self.sound,
            self.span,
            self.text,
            self.unmatched,
            self.weight,
            more,
        ) = row
        self.role = _ROLE_OF[role]
        # (the first of _MORE_FIELDS set directly, the others, if any, by their setters:
        # an item is built for each vocabulary item a query item first seen is asked about)
        acronym = bool(more[0])
        self.acronym = acronym
        if len(more) > 1:
            for setter, value in zip(_MORE_SETTERS[1:], more[1:], strict=True):
                setter(self, value)
        # (an acronym is filed apart from the same letters written as a word)
        self.key = ("#" + self.text if acronym else self.text, self.span, role)


class _Building:
    """What the build holds until the index's arrays are made: the vocabulary (each
    item's id by its key) and its rows, each index key's slot, the (slot, vocabulary id)
    pairs filed, the (vocabulary id, name) postings, each name's kind (see
    ``Screener._groups``)."""

    __slots__ = (
        "groups",
        "key_slots",
        "key_vids",
        "post_names",
        "post_starts",
        "post_vids",
        "rows",
        "slots",
        "vocabulary",
    )

    def __init__(self) -> None:
        self.vocabulary: dict[str, int] = {}
        self.rows: list[Row] = []
        self.slots: dict[str, int] = {}
        self.key_slots = array("i")
        self.key_vids = array("i")
        self.post_vids = array("i")
        self.post_names = array("i")
        self.post_starts = array("i", [0])
        self.groups: list[tuple[bool, int]] = []


def _by_bin(building: _Building, bins: bytearray) -> tuple[array[int], array[int]]:
    """The (vocabulary id, name) postings, ordered by the names' ``bins``."""
    starts = building.post_starts
    vids = building.post_vids
    names = building.post_names
    ordered_vids = array("i")
    ordered_names = array("i")
    for name in sorted(range(len(bins)), key=bins.__getitem__):
        start, end = starts[name], starts[name + 1]
        ordered_vids.extend(vids[start:end])
        ordered_names.extend(names[start:end])
    return ordered_vids, ordered_names


def _grouped(keys: array[int], values: array[int], count: int) -> tuple[array[int], array[int]]:
    """``values`` grouped by their ``keys`` (in ``range(count)``), each group in the order
    given: the groups' offsets (``count + 1``) and the values, in two flat arrays."""
    sizes = array("i", bytes(4 * (count + 1)))
    for key in keys:
        sizes[key + 1] += 1
    offsets = array("i", accumulate(sizes))
    grouped = array("i", bytes(4 * len(values)))
    following = array("i", offsets)
    for key, value in zip(keys, values, strict=True):
        grouped[following[key]] = value
        following[key] += 1
    return offsets, grouped


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
    folded = text.casefold()
    return any(map(str.isdigit, text)) or "bic" in folded or "swift" in folded


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


def _check_weak_alias(weak_alias: float | None) -> float:
    """The share of its score a weak alias keeps: :data:`WEAK_ALIAS` by default, 1.0 to
    screen weak aliases as strong ones."""
    if weak_alias is None:
        return WEAK_ALIAS
    if not 0.0 < weak_alias <= 1.0:
        msg = f"weak_alias must be above 0 and at most 1, got {weak_alias!r}"
        raise QueryError(msg)
    return float(weak_alias)


def _check_threshold(threshold: float | None) -> float:
    if threshold is None:
        return DEFAULT_THRESHOLD
    if not 0.0 <= threshold <= 1.0:
        msg = f"threshold must be between 0 and 1, got {threshold!r}"
        raise QueryError(msg)
    return float(threshold)


def _birth_range(birth_date: object) -> tuple[dt.date, dt.date, str]:
    # (object: a value of another type gets its QueryError, compiled or not)
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


_A_YEAR = dt.timedelta(days=366)


def _overlaps(date: PartialDate, start: dt.date, end: dt.date) -> bool:
    slack = _A_YEAR if date.circa else dt.timedelta(0)
    return date.earliest - end <= slack and start - date.latest <= slack


def _near(date: PartialDate, start: dt.date, end: dt.date) -> bool:
    """Whether a listed birth date and the one given (``start`` to ``end``) are a year
    apart or less (two years for a date the list gives as circa)."""
    slack = _A_YEAR * (2 if date.circa else 1)
    return date.earliest - end <= slack and start - date.latest <= slack


def _strength(name: Name) -> NameStrength:
    if name.kind is NameKind.PRIMARY:
        return NameStrength.PRIMARY
    return NameStrength.WEAK_ALIAS if name.weak else NameStrength.STRONG_ALIAS


class _Query:
    """A normalised query with what the index found for each of its items."""

    __slots__ = (
        "birth",
        "bounded",
        "bounds",
        "by_vocabulary",
        "country",
        "first",
        "first_floor",
        "floor",
        "form",
        "keys",
        "kind",
        "middle_most",
        "rare",
        "rare_vids",
        "related",
        "single",
        "threshold",
        "weak_alias",
    )

    def __init__(
        self,
        form: Form,
        kind: PartyKind | None,
        birth: tuple[dt.date, dt.date, str] | None,
        country: str | None,
        threshold: float,
        *,
        weak_alias: float = WEAK_ALIAS,
    ) -> None:
        self.form = form
        self.kind = kind
        self.birth = birth
        self.country = country
        self.threshold = threshold
        self.weak_alias = weak_alias
        """The share of its score a weak alias keeps (:data:`WEAK_ALIAS` by default)."""
        self.related: list[_Related] = []
        """Each query item's relations to the vocabulary (:class:`_Related`)."""
        self.keys: list[str | None] = []
        """Each query item's key in the screener's caches (None in a full scan)."""
        self.by_vocabulary: dict[int, list[tuple[int, float, str]]] = {}
        """The same relations by vocabulary item: (query item, similarity, how), for the
        vocabulary items asked about so far (``Screener._relations_of``)."""
        self.bounds: dict[int, complex] = {}
        """For each vocabulary item related to the query, the most a pair with it can gain
        toward the floor and take off a name's unmatched weight (``Screener._bounds``)."""
        self.floor = 0.0
        """The least name score that may pass the threshold (set by ``Screener._run``),
        less a rounding margin."""
        self.first_floor = 0.0
        """The floor before it rose (``_run``): whether a name may be worked out with the
        middle-name rule is asked of it, so that a name is scored alike however many were
        found before it."""
        self.bounded = True
        """Whether a name whose bound is below the floor is passed over (not in a full
        scan, which aligns every name related to the query: the reference of the tests)."""
        self.middle_most = (
            0.0 if form.syllabic else sum([saving for _bit, saving in form.middle[1:-1]])
        )
        """The most the query's tokens can count less as middle names."""
        self.first = -1
        """Its first given name (:func:`~._compare.first_name_bit`), worked out when first
        needed (-1: not yet)."""
        self.single = -1
        """Whether it is one word (:func:`~._compare.one_word`: 1 or 0), worked out when
        first needed (-1: not yet)."""
        self.rare: tuple[int, ...] | None = None
        """The tokens (a bit mask) of each of its items whose pair may be a rare word
        (``Screener._rare_items``), worked out when first needed (None: not yet)."""
        self.rare_vids: tuple[int, ...] = ()
        """The vocabulary items a pair with which may be a rare word, in order (set with
        the bounds: ``Screener._bounds``)."""


_INDEX_FIELDS = (
    "_designations",
    "rarity",
    "_roles",
    "_max_weight",
    "_name_designation",
    "_name_position",
    "_name_flags",
    "_name_tokens",
    "_item_offsets",
    "_item_vids",
    "_item_places",
    "_item_weights",
    "_item_unmatched",
    "_totals",
    "_middle_most",
    "_surnames",
    "_name_bins",
    "_orders",
    "_prefixed",
    "_rows",
    "_people",
    "_key_slots",
    "_key_offsets",
    "_key_vids",
    "_groups",
    "_post_offsets",
    "_post_names",
    "_identifiers",
)
"""What a Screener's pickle (and the cache's snapshot) keeps: the index, not the caches.
Named here, since a compiled Screener has no ``__dict__``; the large containers are
typed by what they must do, so that a snapshot may give them back as lazy ones."""


class Screener:
    """The candidate index and scoring over a set of designations.

    >>> from sanctions_tracker.records import Designation, Name, Party, PartyKind
    >>> party = Party(kind=PartyKind.INDIVIDUAL, names=(Name("SOLEIMANI, Qasem"),))
    >>> screener = Screener([Designation(id="x:1", list_id="x", party=party, programs=("P",),
    ...                                  sources=("s",))])
    >>> [(m.designation_id, m.score) for m in screener.screen("Qassem Soleimani")]
    [('x:1', 0.9545)]
    """

    def __init__(self, designations: Iterable[Designation] = ()) -> None:
        # (no designations, an empty index: what a compiled Screener is made as when a
        # pickle or the cache's snapshot is read, before __setstate__ fills it)
        # (the index's large containers are typed by what they must do, not as tuples and
        # dicts: a snapshot gives them back as lazy ones, which compiled code would refuse)
        self._designations: Sequence[Designation] = tuple(designations)
        entries: list[tuple[int, int, tuple[Token, ...]]] = []
        readings: list[tuple[int, int, tuple[Token, ...]]] = []
        frequency: dict[str, int] = {}
        people: dict[str, int] = {}
        for index, designation in enumerate(self._designations):
            legal_forms = designation.party.kind is not PartyKind.INDIVIDUAL
            for position, name in enumerate(designation.party.names):
                tokens = normalise(name.full, legal_forms=legal_forms)
                if not tokens:
                    continue
                entries.append((index, position, tokens))
                reading = without_own_acronym(name.full) if legal_forms else None
                if reading is not None and (read := normalise(reading)):
                    readings.append((index, position, read))  # (its words counted once)
                texts = {token.text for token in tokens}
                if legal_forms:  # the words of written-out legal forms count: "liability"
                    texts.update(words(name.full))  # (a person's tokens are its words)
                for text in texts:
                    frequency[text] = frequency.get(text, 0) + 1
                if not legal_forms:
                    for text in texts:
                        people[text] = people.get(text, 0) + 1
        self.rarity = Rarity(frequency, len(entries), people)
        self._index_names(entries, readings)
        self._index_identifiers()
        self._new_caches()

    def _new_caches(self) -> None:
        self._related_cache: dict[str, _Related] = {}
        """Each query item's relations to the vocabulary (by its text, role and script),
        and what they come to (:class:`_Related`)."""
        self._bound_cache: dict[tuple[str, float, float, float], _ItemBound] = {}
        """Each query item's part of the bounds (:meth:`_item_bound`), by its key in
        ``_related_cache``, its weights and the floor."""
        self._items: OrderedDict[int, Item] = OrderedDict()
        """Vocabulary items built lately, by vocabulary id (:meth:`_vocabulary_item`), the
        first built first."""
        self._all_items: list[Item] | None = None
        """Every vocabulary item, for full scans only."""
        self._firsts: dict[int, int] = {}
        """The first given name of the names of people scored so far, by name
        (:meth:`_first_name`)."""

    def __getstate__(self) -> dict[str, object]:
        """What a pickle keeps: the index, not the caches (nor the rarities' caches); its
        arrays as bytes (``_arrays``: each one's type code and bytes), the plainest of
        values for any reader of pickles."""
        state = {name: getattr(self, name) for name in _INDEX_FIELDS}
        rarity = self.rarity
        state["rarity"] = Rarity(rarity.document_frequency, rarity.names, rarity.people_frequency)
        arrays = {name: value for name, value in state.items() if isinstance(value, array)}
        for name in arrays:
            del state[name]
        state["_arrays"] = {
            name: (value.typecode, value.tobytes()) for name, value in arrays.items()
        }
        return state

    def __setstate__(self, state: dict[str, object]) -> None:
        """A pickled screener, with empty caches (its fields set one by one: a compiled
        Screener has no ``__dict__``, and the cache's snapshot reader finds them by
        :data:`_INDEX_FIELDS`)."""
        state = dict(state)
        arrays = state.pop("_arrays", {})
        if not isinstance(arrays, dict):
            msg = "a pickled screener's arrays are not a mapping"
            raise TypeError(msg)
        for name, (typecode, data) in arrays.items():
            made = array(typecode)
            made.frombytes(data)
            state[name] = made
        if set(state) != set(_INDEX_FIELDS):
            msg = "a pickled screener does not hold the fields of an index"
            raise TypeError(msg)
        for name in _INDEX_FIELDS:
            setattr(self, name, state[name])
        self._new_caches()

    # ------------------------------------------------------------------ building

    def _index_names(
        self,
        entries: list[tuple[int, int, tuple[Token, ...]]],
        readings: list[tuple[int, int, tuple[Token, ...]]],
    ) -> None:
        """The index, in flat arrays and dictionaries of plain values (see the module's
        docstring): the vocabulary, the index keys and the postings, and each name's
        items (vocabulary id, tokens covered, weight, unmatched weight); the ``readings``
        of names without their own acronym (_READING) after the names as written."""
        self._roles = bytearray()
        """Each vocabulary item's role, or _SPAN for tokens joined."""
        self._max_weight = array("d")
        """Each vocabulary item's heaviest weight in a name."""
        self._name_designation = array("i")
        self._name_position = array("i")
        """Which designation, and which of its names, each name is."""
        self._name_flags = bytearray()
        """_LEGAL_FORMS (legal forms read), _PERSON (the rules of people's names) and
        _READING (a name read without its own acronym)."""
        self._name_tokens = array("i")
        self._item_offsets = array("i", [0])
        """Where each name's items begin in the item arrays below (its tokens first)."""
        self._item_vids = array("i")
        self._item_places = array("i")
        """The tokens an item covers: its first token shifted by _PLACE_BITS, plus how
        many."""
        self._item_weights = array("d")
        self._item_unmatched = array("d")
        self._totals = array("d")
        """Each name's unmatched weight, all of its tokens unmatched."""
        self._middle_most = array("d")
        self._surnames = array("q")
        """For names of people, the surname's token (:func:`~._compare.surname_bit`)."""
        self._name_bins = bytearray()
        """Each name's unmatched weight less what its middle names left out may take off,
        rounded down, up to 255: the names of each kind holding a vocabulary item are in
        this order."""
        """For names of people, the most their tokens can count less as middle names."""
        self._orders: MutableMapping[int, tuple[int, ...]] = {}
        """The name order of people's names of three tokens or more, where it is not the
        order written (``SURNAME, Given``: :func:`~._compare.name_order`)."""
        self._prefixed: MutableMapping[int, tuple[tuple[int, int], ...]] = {}
        """For names of people that have them, :func:`~._compare.prefixed_names`."""
        building = _Building()
        for designation_index, position, tokens in entries:
            self._add_name(building, designation_index, position, tokens)
        for designation_index, position, tokens in readings:
            self._add_name(building, designation_index, position, tokens, reading=True)
        self._rows: Sequence[Row] = tuple(building.rows)
        """Each vocabulary item's row (:data:`Row`), built into an item when a query needs
        it (:meth:`_vocabulary_item`): the collector leaves them alone, as it would not
        thousands of items."""
        # (a list: mypyc cannot compile a generator over a bytearray)
        self._people = any(flags & _PERSON for flags in list(self._name_flags))
        self._key_slots: Mapping[str, int] = building.slots
        """Each index key (:func:`~._compare.index_keys`, ``kind:text``) and its slot."""
        self._key_offsets, self._key_vids = _grouped(
            building.key_slots, building.key_vids, len(building.slots)
        )
        """The vocabulary items filed under each slot: ``_key_vids[_key_offsets[slot]:
        _key_offsets[slot + 1]]``."""
        name_groups = building.groups
        self._groups = sorted(set(name_groups))
        """The kinds of names with a bound of their own: people's or not (the middle-name
        rule), and how many query words a name of the kind must match to be matched whole
        and let the query's other words count less (its name tokens, up to _GROUP_WORDS;
        one for a name of one word that is not a person's, which a rare word may match
        whole: ``_compare.whole_least``; never for a person's name of fewer than
        OMITTED_MIN_PERSON)."""
        group_of = {key: number for number, key in enumerate(self._groups)}
        groups = array("i", [group_of[key] for key in name_groups])
        count = len(self._groups)
        post_vids, post_names = _by_bin(building, self._name_bins)
        self._post_offsets, self._post_names = _grouped(
            array(
                "i",
                [
                    vid * count + groups[name]
                    for vid, name in zip(post_vids, post_names, strict=True)
                ],
            ),
            post_names,
            len(self._rows) * count,
        )
        """The names holding each vocabulary item, by kind of name: those of vocabulary
        item ``vid`` and kind ``g`` (its place in ``_groups``) are ``_post_names[
        _post_offsets[vid * len(_groups) + g]:...[vid * len(_groups) + g + 1]]``."""

    def _vocabulary_id(
        self,
        building: _Building,
        key: str,
        run: tuple[Token, ...],
        weights: Sequence[float],
        acronym: str | None = None,
    ) -> int:
        """The vocabulary id of an item (``key``: its role and text, ``+`` and its text
        for tokens joined, ``#`` and the letters of an acronym), filed under its index
        keys when first seen."""
        weight = sum(weights)
        max_weight = self._max_weight
        vid = building.vocabulary.get(key)
        if vid is not None:
            max_weight[vid] = max(max_weight[vid], weight)
            return vid
        vid = building.vocabulary[key] = len(building.rows)
        item = Item(run, weights, common=self.rarity.common(run), acronym=acronym)
        building.rows.append(_row(item))
        self._roles.append(_SPAN if len(run) > 1 else run[0].role)
        max_weight.append(weight)
        slots = building.slots
        for kind, text in index_keys(item):
            key_text = f"{kind}:{text}"
            slot = slots.get(key_text)
            if slot is None:
                slot = slots[key_text] = len(slots)
            building.key_slots.append(slot)
            building.key_vids.append(vid)
        return vid

    def _add_name(
        self,
        building: _Building,
        designation_index: int,
        position: int,
        tokens: tuple[Token, ...],
        *,
        reading: bool = False,
    ) -> None:
        """Index one name of a designation (or its ``reading`` without its own acronym):
        its items, postings and name facts."""
        name_id = len(self._name_designation)
        designation = self._designations[designation_index]
        name = designation.party.names[position]
        legal_forms = designation.party.kind is not PartyKind.INDIVIDUAL
        weight_of = self.rarity.weight
        weights = [weight_of(token) for token in tokens]
        unmatched = [
            weight * PATRONYMIC_UNMATCHED if token.patronymic else weight
            for token, weight in zip(tokens, weights, strict=True)
        ]
        vids: list[int] = []
        places = self._item_places
        item_weights = self._item_weights
        item_unmatched = self._item_unmatched
        for start, token in enumerate(tokens):
            vids.append(
                self._vocabulary_id(
                    building,
                    _ROLE_KEY[token.role] + ("~" if token.patronymic else "") + token.text,
                    (token,),
                    weights[start : start + 1],
                )
            )
            places.append(start << _PLACE_BITS | 1)
            item_weights.append(weights[start])
            item_unmatched.append(unmatched[start])
        runs: list[tuple[int, int, str | None]] = [
            (start, end, None) for start, end in span_bounds(tokens)
        ]
        if legal_forms:  # acronyms of organisations' and vessels' names (IRGC)
            runs.extend(acronym_runs(tokens))
        for start, end, acronym in runs:
            run = tokens[start:end]
            key = "#" + acronym if acronym else "+" + "".join([token.text for token in run])
            vids.append(self._vocabulary_id(building, key, run, weights[start:end], acronym))
            places.append(start << _PLACE_BITS | (end - start))
            item_weights.append(sum(weights[start:end]))
            item_unmatched.append(sum(unmatched[start:end]))
        self._item_vids.extend(vids)
        self._item_offsets.append(len(self._item_vids))
        for vid in dict.fromkeys(vids):
            building.post_vids.append(vid)
            building.post_names.append(name_id)
        building.post_starts.append(len(building.post_names))
        person = not legal_forms and not is_syllabic(name.full)
        count = len(tokens)
        most = (
            self._person_facts(name_id, name.full, tokens, (weights, unmatched)) if person else 0.0
        )
        self._name_designation.append(designation_index)
        self._name_position.append(position)
        self._name_flags.append(
            (_LEGAL_FORMS if legal_forms else 0)
            | (_PERSON if person else 0)
            | (_READING if reading else 0)
        )
        self._name_tokens.append(count)
        self._totals.append(sum(unmatched))
        self._middle_most.append(most)
        self._name_bins.append(max(0, min(int(sum(unmatched) - most), 255)))
        self._surnames.append(surname_bit(name.full, count) if not legal_forms else 0)
        spans = [(start, end) for start, end, _acronym in runs]
        building.groups.append((person, _whole_least(tokens, spans, person=person)))

    def _person_facts(
        self,
        name_id: int,
        text: str,
        tokens: tuple[Token, ...],
        weighed: tuple[Sequence[float], Sequence[float]],
    ) -> float:
        """Keep what the rules of people's names need of a name of a person (its name
        order, its prefixed names); the most its tokens can count less as middle names
        (``weighed``: its tokens' weights and unmatched weights)."""
        count = len(tokens)
        most = 0.0
        if count >= 3:  # noqa: PLR2004 - a token between two others
            order = name_order(text, count)
            if order != tuple(range(count)):
                self._orders[name_id] = order
            middle = middle_order(order, *weighed)
            most = sum([saving for _bit, saving in middle[1:-1]])
        prefixed = prefixed_names(tokens)
        if prefixed:
            self._prefixed[name_id] = prefixed
        return most

    def _index_identifiers(self) -> None:
        self._identifiers: MutableMapping[str, list[tuple[int, Identifier]]] = {}
        """Each screened identifier of the records, normalised, and who holds it."""
        for index, designation in enumerate(self._designations):
            for held in designation.party.identifiers:
                if held.kind in IDENTIFIER_KINDS:
                    key = normalise_identifier(held.value, held.kind)
                    self._identifiers.setdefault(key, []).append((index, held))

    # ------------------------------------------------------------------ the index read

    def _vocabulary_item(self, vid: int) -> Item:
        """Vocabulary item ``vid``, built from its row, kept for the next queries among the
        last _ITEM_CACHE_LIMIT built. (Not all are kept: every item kept lives long and
        counts toward the collector's full collections; 65,536 add a seventh to one on the SDN
        list.)"""
        items = self._items
        item = items.get(vid)
        if item is None:
            if len(items) >= _ITEM_CACHE_LIMIT:
                items.popitem(last=False)  # the first built
            item = items[vid] = _VocabularyItem(self._rows[vid])
        return item

    def _filed_under(self, key: tuple[str, str]) -> array[int]:
        """The vocabulary items filed under an index key."""
        slot = self._key_slots.get(f"{key[0]}:{key[1]}")
        if slot is None:
            return _NONE
        return self._key_vids[self._key_offsets[slot] : self._key_offsets[slot + 1]]

    def _postings(self, vid: int, group: int) -> array[int]:
        """The names of kind ``group`` (its place in ``_groups``) holding item ``vid``."""
        bucket = vid * len(self._groups) + group
        return self._post_names[self._post_offsets[bucket] : self._post_offsets[bucket + 1]]

    def _name(self, name_id: int) -> Name:
        designation = self._designations[self._name_designation[name_id]]
        return designation.party.names[self._name_position[name_id]]

    def _name_mask(self, name_id: int) -> int:
        """The name tokens of a name, as a bit mask."""
        start = self._item_offsets[name_id]
        vids = self._item_vids[start : start + self._name_tokens[name_id]]
        roles = self._roles
        return sum([1 << index for index, vid in enumerate(vids) if roles[vid] == Role.NAME])

    def _middle(self, name_id: int) -> Middle | None:
        """:data:`~._compare.Middle` of a name of a person, None for other names."""
        if not self._name_flags[name_id] & _PERSON:
            return None
        count = self._name_tokens[name_id]
        if count < 3:  # noqa: PLR2004 - no token between two others
            return ()
        start = self._item_offsets[name_id]
        return middle_order(
            self._orders.get(name_id) or range(count),
            self._item_weights[start : start + count],
            self._item_unmatched[start : start + count],
        )

    # ------------------------------------------------------------------ public

    def __len__(self) -> int:
        return len(self._designations)

    def __repr__(self) -> str:
        return (
            f"<Screener designations={len(self._designations)} "
            f"names={len(self._name_designation)} vocabulary={len(self._rows)}>"
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
        weak_alias: float | None = None,
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

        A weak alias (OFAC's low-quality a.k.a.) keeps ``weak_alias`` of its score
        (:data:`WEAK_ALIAS` by default, so that it alone does not alert); 1.0 screens weak
        aliases as strong ones.
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
            query = self._query(name, kind, birth_date, country, threshold, weak_alias=weak_alias)
        except QueryError:
            if by_identifier:
                return by_identifier[:limit]
            raise
        # (as many more names as records found by identifier, which leave the names' list)
        raws = self._run(query, limit + len(by_identifier), full_scan=full_scan)
        by_name = self._read_again(query, raws, limit + len(by_identifier), full_scan=full_scan)
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
        weak_alias: float | None = None,
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
        weak = _check_weak_alias(weak_alias)
        queries = []
        for row, text in enumerate(batch, start=1):
            try:
                queries.append(self._query(text, parsed_kind, None, None, checked, weak_alias=weak))
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
                weak_alias=weak,
                limit=limit,
                workers=workers,
                progress=progress,
            )
        else:
            for done, query in enumerate(queries, start=1):
                raws.append(self._run(query, limit))
                if progress is not None and (done % 50 == 0 or done == total):
                    progress(done, total)
        return tuple(
            self._read_again(query, raw, limit) for query, raw in zip(queries, raws, strict=True)
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
        weak = _check_weak_alias(weak_alias)
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
                    weak_alias=weak,
                )
            except QueryError as error:
                yield RecordResult(row=row, record=record, matches=(), error=str(error))
                continue
            yield RecordResult(row=row, record=record, matches=matches, name=name)

    # ------------------------------------------------------------------ queries

    def _query(
        self,
        name: str,
        kind: PartyKind | str | None,
        birth_date: dt.date | int | PartialDate | None,
        country: str | None,
        threshold: float | None,
        *,
        weak_alias: float | None = None,
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
            weak_alias=_check_weak_alias(weak_alias),
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
                    # (the cut nearest the middle, the first of equals; no closure: mypyc)
                    halves = [min(at, len(text) - at) for at in cuts]
                    cut = cuts[halves.index(max(halves))]
                    out.extend(normalise(f"{text[:cut]} {text[cut:]}"))
                    changed = True
                    continue
            out.append(token)
        return tuple(out) if changed else None

    def _has_spelling_variant(self, token: Token) -> bool:
        """Whether the list has a word (not words joined) that sounds like ``token`` or is
        one typo from it."""
        text = token.text
        roles = self._roles
        for key in (("s", token.sound), ("d", text)):
            if any(roles[vid] != _SPAN for vid in self._filed_under(key)):
                return True
        # (the words one letter shorter made only when the first keys find nothing)
        for i in range(len(text)):
            if any(
                roles[vid] != _SPAN for vid in self._filed_under(("d", text[:i] + text[i + 1 :]))
            ):
                return True
        return False

    def _related_facts(self, item: Item, *, abjad: bool) -> tuple[_Related, str]:
        """The vocabulary items related to a query item, from the items filed under its
        keys, with what they come to (:class:`_Related`), and the item's key in the
        cache, both kept for the next query with the item."""
        # (f"{abjad:d}{item.span:d}{item.role:d}{item.key[0]}", joined without formatting)
        key = (
            ("1" if abjad else "0")
            + ("1" if item.span else "0")
            + _ROLE_KEY[item.role]
            + item.key[0]
        )
        cache = self._related_cache
        found = cache.get(key)
        if found is None:
            found = self._relate_filed(item, self._filed_for(item, abjad=abjad), abjad=abjad)
            if len(cache) >= _RELATED_CACHE_LIMIT:
                cache.clear()
                self._bound_cache.clear()
            cache[key] = found
        return found, key

    def _filed_for(self, item: Item, *, abjad: bool) -> list[int]:
        """The vocabulary items filed under the keys a query item looks up, in order, but
        for a word of :data:`_SAME_LENGTH_UNRELATED` letters or fewer those of its length
        only its deletion keys bring (one typo apart, of one length, they are too short
        for relate() to take: no need to build them and ask it), and for words joined the
        vocabulary's words joined (relate() pairs words joined with a word or an acronym,
        never with other words joined). Words joined of letters look up a word of their
        consonants only where the name was written in Arabic script: elsewhere relate()
        pairs them only with a word of their text, of their sound or in a group of theirs,
        which their other keys find."""
        vids: set[int] = set()
        deleted: set[int] = set()
        short = not item.span and len(item.text) <= _SAME_LENGTH_UNRELATED
        joined = item.span and not item.acronym
        no_consonants = joined and not abjad and item.text.isalpha()
        slots = self._key_slots
        offsets = self._key_offsets
        filed = self._key_vids
        for kind, text in lookup_keys(item):
            if kind == "c" and not abjad and (len(text) < CONSONANTS_MIN or no_consonants):
                continue
            slot = slots.get(f"{kind}:{text}")  # (as _filed_under, inlined)
            if slot is not None:
                (deleted if short and kind == "d" else vids).update(
                    filed[offsets[slot] : offsets[slot + 1]]
                )
        if deleted:
            rows = self._rows
            length = len(item.text)
            vids.update([vid for vid in deleted if len(rows[vid][_TEXT]) != length])
        if joined:
            roles = self._roles
            rows = self._rows
            return sorted([vid for vid in vids if roles[vid] != _SPAN or rows[vid][_MORE][0]])
        return sorted(vids)

    def _relate_filed(self, item: Item, vids: list[int], *, abjad: bool) -> _Related:
        """The vocabulary items ``vids`` related to a query item (:func:`~._compare.relate`)."""
        found: list[int] = []
        similarities: list[float] = []
        hows: list[str] = []
        rows = self._rows
        # an initial meets the list's name words it begins (thousands for J or M):
        # what relate() says of a name word, told from its row, without building it
        initial = item.text if is_initial(item) else ""
        for vid in vids:
            if initial:
                row = rows[vid]
                if row[_ROLE] == _NAME and not row[_SPAN_FIELD]:
                    text = row[_TEXT]
                    if text == initial:
                        found.append(vid)
                        similarities.append(1.0)
                        hows.append("exact")
                    elif len(text) > 1 and text[0] == initial and text.isalpha():
                        found.append(vid)
                        similarities.append(INITIAL_SIMILARITY)
                        hows.append("initial")
                    continue
            # (an item built for the question, not kept: building one from its row costs
            # about as much as finding it among those kept, and keeps nothing for the
            # garbage collector)
            hit = relate(item, _VocabularyItem(rows[vid]), abjad=abjad)
            if hit is not None:
                found.append(vid)
                similarities.append(hit[0])
                hows.append(hit[1])
        return _Related(tuple(found), tuple(similarities), tuple(hows), self._postings_total(found))

    def _postings_total(self, vids: Sequence[int]) -> int:
        """How many postings vocabulary items ``vids`` have, of every kind of name."""
        count = len(self._groups)
        offsets = self._post_offsets
        total = 0
        for vid in vids:
            total += offsets[vid * count + count] - offsets[vid * count]
        return total

    def _kinds_of(self, related: _Related) -> tuple[int, ...]:
        """How many postings the vocabulary items of ``related`` have of each kind of name
        (worked out when first asked for, and kept with them)."""
        found = related.postings
        if found is None:
            found = related.postings = self._postings_by_kind(related.vids)
        return found

    def _postings_by_kind(self, vids: Iterable[int]) -> tuple[int, ...]:
        """How many postings vocabulary items ``vids`` have of each kind of name (in the
        order of ``_groups``), summed in C over the offsets: an item's offsets for its
        kinds and the next item's first are one slice of ``_post_offsets``."""
        count = len(self._groups)
        offsets = self._post_offsets
        rows = [offsets[vid * count : vid * count + count + 1] for vid in vids]
        if not rows:
            return (0,) * count
        starts = list(map(sum, zip(*rows, strict=True)))
        return tuple([end - start for start, end in pairwise(starts)])

    def _scanned(self, item: Item, *, abjad: bool) -> _Related:
        """The vocabulary items related to a query item, every one of them asked."""
        everything = self._all_items
        if everything is None:
            everything = self._all_items = [_VocabularyItem(row) for row in self._rows]
        found: list[int] = []
        similarities: list[float] = []
        hows: list[str] = []
        for vid, other in enumerate(everything):
            hit = relate(item, other, abjad=abjad)
            if hit is not None:
                found.append(vid)
                similarities.append(hit[0])
                hows.append(hit[1])
        return _Related(tuple(found), tuple(similarities), tuple(hows), self._postings_total(found))

    def _find_related(self, query: _Query, *, full_scan: bool) -> None:
        abjad = query.form.abjad
        keys: list[str | None] = []
        for item in query.form.items:
            if full_scan:
                related = self._scanned(item, abjad=abjad)
                key = None
            else:
                related, key = self._related_facts(item, abjad=abjad)
            query.related.append(related)
            keys.append(key)
        query.keys = keys

    def _relations_of(self, query: _Query, vid: int) -> list[tuple[int, float, str]]:
        """The query items related to vocabulary item ``vid``: (query item, similarity,
        how), in the order of the query's items."""
        by_vocabulary = query.by_vocabulary
        found = by_vocabulary.get(vid)
        if found is None:
            found = by_vocabulary[vid] = []
            for index, related in enumerate(query.related):
                vids = related.vids
                at = bisect_left(vids, vid)
                if at < len(vids) and vids[at] == vid:
                    found.append((index, related.similarities[at], related.hows[at]))
        return found

    def _gaps(self, query: _Query) -> float:
        gaps = 1.0
        if query.birth is not None:
            gaps *= 1.0 - BIRTH_DATE_MATCHES
        if query.country is not None:
            gaps *= 1.0 - COUNTRY_MATCHES
        return gaps

    def _boost(self, query: _Query) -> Callable[[float], float]:
        return partial(_boosted, self._gaps(query))

    def _bounds(self, query: _Query) -> tuple[_Bound, _Bound]:
        """The bounds of what a name matching some of the query's tokens may score
        (:class:`_Bound`), for names other than people's and for people's; and
        ``query.bounds``: for each vocabulary item related to a query item, the most a
        pair of the two can gain toward the floor (:func:`_gain`, the item at its
        heaviest) and take off a name's unmatched weight (the query item's and the item's,
        whose unmatched weight is at most its weight).

        A name's score before the rules is ``sum(s * w) / (sum(w) + unmatched / 2)`` over
        its pairs (similarity ``s``, weight ``w``): it reaches the floor ``f`` only if
        ``sum((s - f) * w) >= f * unmatched / 2``. A name's alignment pairs each of its
        items once at most, so the sums of these over its items bound both sides (the
        rules lower what is unmatched by at most a known share): :meth:`_reaching` drops
        a name whose bound is below the floor before aligning it (most candidates share a
        single common word with the query)."""
        form = query.form
        positions = len(form.tokens)
        best = [0.0] * positions
        heaviest = [0.0] * positions
        coverable = 0
        floor = query.floor
        bounds: dict[int, complex] = {}
        owned = False
        rare: list[int] = []
        rare_vids: set[int] = set()
        for index, item in enumerate(form.items):
            related = query.related[index]
            if not related.vids:
                continue
            item_bounds, top, weight, item_rare = self._item_bound(
                query.keys[index], item, related, floor
            )
            if item_rare:
                rare.append(form.masks[index])
                rare_vids.update(item_rare)
            if not bounds:
                bounds = item_bounds  # (copied before another item's are merged into it)
            else:
                if not owned:
                    bounds = dict(bounds)
                    owned = True
                both = bounds.keys() & item_bounds.keys()
                held = {vid: bounds[vid] for vid in both}
                bounds.update(item_bounds)
                for vid in both:
                    old, new = held[vid], item_bounds[vid]
                    if old != new:
                        bounds[vid] = complex(max(old.real, new.real), max(old.imag, new.imag))
            mask = form.masks[index]
            coverable |= mask
            share = top / mask.bit_count()
            for position in range(positions):
                if mask >> position & 1:
                    best[position] = max(best[position], share)
                    heaviest[position] = max(heaviest[position], weight)
        # two sums in one, added up by sum() (_reaching)
        query.bounds = bounds
        query.rare = tuple(rare)
        query.rare_vids = tuple(sorted(rare_vids))
        unmatched = [item.unmatched for item in form.singles]
        # (a name holding one of rare_vids holds a token after the query's own: _candidates)
        rare_bit = 1 << positions if rare else 0
        return (
            _Bound(
                floor,
                best,
                unmatched,
                coverable | rare_bit,
                middle=None,
                names=form.names,
                heaviest=heaviest,
                most=0.0,
                rare=query.rare,
            ),
            _Bound(
                floor,
                best,
                unmatched,
                coverable,
                middle=() if form.syllabic else form.middle,
                names=form.names,
                heaviest=heaviest,
                most=query.middle_most,
                rare=(),
            ),
        )

    def _item_bound(
        self, key: str | None, item: Item, related: _Related, floor: float
    ) -> _ItemBound:
        """One query item's part of :meth:`_bounds` (:data:`_ItemBound`), kept for the next
        query with the item at the same floor (``key``: the item's in the cache of
        relations; None: not kept)."""
        cache_key = None if key is None else (key, item.weight, item.unmatched, floor)
        if cache_key is not None:
            found = self._bound_cache.get(cache_key)
            if found is not None:
                return found
        max_weight = self._max_weight
        weight = item.weight
        left_out = item.unmatched
        bounds: dict[int, complex] = {}
        top = heaviest = 0.0
        vids = related.vids
        similarities = related.similarities
        for at in range(len(vids)):
            vid = vids[at]
            similarity = similarities[at]
            heaviest_here = max_weight[vid]
            gain = _gain(similarity, weight + heaviest_here, floor)
            top = max(top, gain)
            heaviest = max(heaviest, heaviest_here)
            bounds[vid] = complex(gain, left_out + heaviest_here)
        found = (bounds, top, heaviest, _rare_vids(item, related, max_weight))
        if cache_key is not None:
            if len(self._bound_cache) >= _RELATED_CACHE_LIMIT:
                self._bound_cache.clear()
            self._bound_cache[cache_key] = found
        return found

    def _reaching(self, query: _Query, candidates: Iterable[int]) -> Iterator[tuple[int, float]]:
        """The candidates whose bound (:meth:`_bounds`) reaches ``query.floor`` as it
        stands when each is asked (all of them in a full scan), each with the most the
        middle-name rule may take off its unmatched weight: the check of
        :meth:`_score_name` after its alignment, bounded before it, in one loop over the
        candidates (most share a single common word with the query and stop here)."""
        offsets = self._item_offsets
        item_vids = self._item_vids
        totals = self._totals
        flags = self._name_flags
        middles = self._middle_most
        bound_of = query.bounds.get
        total = query.form.total
        middle_most = query.middle_most
        bounded = query.bounded
        for name_id in candidates:
            most = (middle_most + middles[name_id]) if flags[name_id] & _PERSON else 0.0
            if bounded:
                vids = item_vids[offsets[name_id] : offsets[name_id + 1]]
                sums = sum(filter(None, map(bound_of, vids)), 0j)  # gained, kept
                left = max(total + totals[name_id] - sums.imag - most, 0.0)
                if sums.real < query.floor * left * _OMITTED_HALF:
                    continue
            yield name_id, most

    def _score_name(self, query: _Query, name_id: int, most: float) -> tuple[float, list[Pair]]:
        """A name's score against the query: the greedy alignment of :func:`~._compare.
        align`, with the rules when it may reach ``query.floor`` (a name :meth:`_reaching`
        let through; ``most``: the most the middle-name rule may take off)."""
        start = self._item_offsets[name_id]
        bounds = query.bounds
        found = [
            (j, vid)
            for j, vid in enumerate(self._item_vids[start : self._item_offsets[name_id + 1]])
            if vid in bounds
        ]
        if not found:
            return 0.0, []
        q_items = query.form.items
        q_masks = query.form.masks
        by_vocabulary = query.by_vocabulary
        weights = self._item_weights
        pairs: list[Pair] = []
        for j, vid in found:
            weight = weights[start + j]
            relations = by_vocabulary.get(vid) or self._relations_of(query, vid)
            for i, similarity, how in relations:
                pairs.append((similarity, (q_items[i].weight + weight) / 2.0, i, j, how))
        if len(pairs) > 1:
            pairs.sort(key=pair_order)
        places = self._item_places
        unmatched = self._item_unmatched
        used_q = used_c = 0
        chosen: list[Pair] = []
        matched = paired = 0.0
        missing = query.form.total + self._totals[name_id]
        for pair in pairs:
            q_mask = q_masks[pair[2]]
            place = places[start + pair[3]]
            c_mask = ((1 << (place & _PLACE_MASK)) - 1) << (place >> _PLACE_BITS)
            if used_q & q_mask or used_c & c_mask:
                continue
            used_q |= q_mask
            used_c |= c_mask
            chosen.append(pair)
            matched += pair[0] * pair[1]
            paired += pair[1]
            missing -= q_items[pair[2]].unmatched + unmatched[start + pair[3]]
        if matched <= 0.0:
            return 0.0, chosen
        if query.bounded and (
            matched / (paired + max(missing - most, 0.0) * _OMITTED_HALF) < query.floor
            or (
                not self._matched_whole(query, name_id, chosen, (used_q, used_c))
                and matched / (paired + max(missing - most, 0.0) / 2.0) < query.floor
            )
        ):
            # even with every rule that lowers what is unmatched, below the threshold: the
            # rules are not worked out (they would only lower it further or not enough)
            return matched / (paired + max(missing, 0.0) / 2.0), chosen
        return self._with_rules(
            query, name_id, chosen, (used_q, used_c), (matched, paired, missing, most)
        )

    def _matched_whole(
        self, query: _Query, name_id: int, chosen: list[Pair], used: tuple[int, int]
    ) -> bool:
        """Whether the query or the name has every name token matched, with enough pairs
        for the other's unmatched words to count less (``_compare.omitted_words``)."""
        person = bool(self._name_flags[name_id] & _PERSON)
        least = whole_least(
            person=person,
            one_rare_word=not person and self._one_rare_word(query, name_id, chosen),
        )
        if len(chosen) < least:
            return False
        used_q, used_c = used
        names = query.form.names
        if names and not names & ~used_q:
            return True
        names = self._name_mask(name_id)
        return bool(names) and not names & ~used_c

    def _one_rare_word(self, query: _Query, name_id: int, chosen: list[Pair]) -> bool:
        """Whether the query or a name is one word (``_compare.one_word``) and a pair is a
        rare word (``_compare.rare_pair``): ``_compare.whole_least``."""
        if not self._rare_items(query) or not rare_pair(chosen, query.form.items):
            return False
        if query.single < 0:
            query.single = int(one_word([token.role for token in query.form.tokens]))
        if query.single:
            return True
        start = self._item_offsets[name_id]
        vids = self._item_vids[start : start + self._name_tokens[name_id]]
        return one_word([self._vocabulary_item(vid).role for vid in vids])

    def _rare_items(self, query: _Query) -> tuple[int, ...]:
        """The query tokens (a bit mask) of each query item whose pair with a vocabulary
        item related to it may be a rare word (:func:`_rare_vids`). Only a name that
        matches all the tokens of one of them may be matched whole by one word
        (``_compare.whole_least``), and the bounds allow it to those only (:class:`_Bound`);
        most queries have none (their words are names people bear, short or common).
        Worked out with the bounds (:meth:`_bounds`), or here when asked before them."""
        found = query.rare
        if found is None:
            max_weight = self._max_weight
            found = query.rare = tuple(
                [
                    mask
                    for item, related, mask in zip(
                        query.form.items, query.related, query.form.masks, strict=True
                    )
                    if related.vids and _rare_vids(item, related, max_weight)
                ]
            )
        return found

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
        middle = self._middle(name_id)
        name_mask = self._name_mask(name_id)
        start = self._item_offsets[name_id]
        vids = self._item_vids[start : start + self._name_tokens[name_id]]
        tokens = [self._vocabulary_item(vid) for vid in vids] if middle is not None else []
        syllabic = query.form.syllabic or (middle is not None and syllable_name(tokens))
        q_singles = query.form.singles
        free_q = [item for index, item in enumerate(q_singles) if not used_q >> index & 1]
        free_c = [
            self._vocabulary_item(vid) for index, vid in enumerate(vids) if not used_c >> index & 1
        ]
        missing += patronymic_contradiction(free_q, free_c)
        if (
            middle is not None
            and most > 0.0
            and not syllabic
            and matched / (paired + max(missing - most, 0.0) / 2.0) >= query.first_floor
        ):
            # (a name that cannot reach the threshold even so is left without the rule)
            form = query.form
            missing -= omitted_middles(
                middle_tokens(form.middle, form.names, used_q),
                middle_tokens(middle, name_mask, used_c),
            )
        missing -= omitted_words(
            query.form.names,
            used_q,
            name_mask,
            used_c,
            max(missing, 0.0),
            least=whole_least(
                person=middle is not None,
                one_rare_word=middle is None and self._one_rare_word(query, name_id, chosen),
            ),
            pairs=len(chosen),
        )
        score = (
            matched
            / (paired + max(missing, 0.0) / 2.0)
            * number_mismatch(free_q, free_c)
            * self._negation(query, vids, used, (free_q, free_c))
        )
        if middle is not None:
            form = query.form
            caps = person_caps(
                chosen,
                form.masks,
                (form.names, used_q, free_q, form.prefixed, form.surname),
                (
                    name_mask,
                    used_c,
                    free_c,
                    self._prefixed.get(name_id, ()),
                    self._surnames[name_id],
                ),
                syllabic=syllabic,
                firsts=(self._query_first(query), self._first_name(name_id, tokens)),
            )
            return min(capped(caps), score), chosen
        return score, chosen

    def _query_first(self, query: _Query) -> int:
        """:func:`~._compare.first_name_bit` of the query, worked out once."""
        first = query.first
        if first < 0:
            form = query.form
            first = query.first = first_name_bit(form.text, form.tokens)
        return first

    def _first_name(self, name_id: int, tokens: Sequence[Item]) -> int:
        """:func:`~._compare.first_name_bit` of a name of a person (``tokens``: its
        tokens' vocabulary items), worked out once (it reads the name's words) and kept
        (all dropped when _ITEM_CACHE_LIMIT are)."""
        firsts = self._firsts
        first = firsts.get(name_id)
        if first is None:
            if len(firsts) >= _ITEM_CACHE_LIMIT:
                firsts.clear()
            first = firsts[name_id] = first_name_bit(self._name(name_id).full, tokens)
        return first

    def _negation(
        self,
        query: _Query,
        vids: Sequence[int],
        used: tuple[int, int],
        free: tuple[Sequence[Item], Sequence[Item]],
    ) -> float:
        """``_compare.negation_mismatch`` of the query and a name (its tokens' ``vids``),
        read only when either leaves a negation unmatched (``free``)."""
        if not any(item.text in NEGATIONS for side in free for item in side):
            return 1.0
        texts = [self._vocabulary_item(vid).text for vid in vids]
        return negation_mismatch(query.form.order, used[0], texts, used[1])

    def _adjust(
        self, query: _Query, designation: Designation, name: Name, score: float
    ) -> tuple[float, tuple[Adjustment, ...]]:
        adjustments: list[Adjustment] = []
        # (each adjustment through _apply, not a closure: mypyc compiles none in this class)
        apply = partial(_apply, adjustments)
        if name.weak and query.weak_alias < 1.0:
            score = apply(
                score, "weak alias (OFAC: a low-quality a.k.a.)", score * query.weak_alias
            )
        party = designation.party
        # A record whose list does not say what it is contradicts no kind.
        if query.kind is not None and party.kind not in {query.kind, PartyKind.UNKNOWN}:
            score = apply(
                score,
                f"the record is {_KIND_LABEL[party.kind]}, not {_KIND_LABEL[query.kind]}",
                score * KIND_DIFFERS,
            )
        if query.birth is not None and party.birth_dates:
            start, end, text = query.birth
            listed = ", ".join(str(date) for date in party.birth_dates)
            if any(_overlaps(date, start, end) for date in party.birth_dates):
                score = apply(
                    score,
                    f"born {text}, as the record says ({listed})",
                    score + (1.0 - score) * BIRTH_DATE_MATCHES,
                )
            elif any(_near(date, start, end) for date in party.birth_dates):
                score = apply(
                    score,
                    f"born {text}, but the record says {listed} (within a year)",
                    score * BIRTH_DATE_NEAR,
                )
            else:
                score = apply(
                    score,
                    f"born {text}, but the record says {listed}",
                    score * BIRTH_DATE_CONTRADICTS,
                )
        if query.country is not None and party.countries:
            codes = ", ".join(sorted(party.countries))
            place = country_name(query.country)
            if query.country in party.countries:
                score = apply(
                    score,
                    f"tied to {place}, as the record is ({codes})",
                    score + (1.0 - score) * COUNTRY_MATCHES,
                )
            else:
                score = apply(
                    score,
                    f"{place} is not among the record's countries ({codes})",
                    score * COUNTRY_DIFFERS,
                )
        return score, tuple(adjustments)

    def _run(self, query: _Query, limit: int, *, full_scan: bool = False) -> list[Raw]:
        self._find_related(query, full_scan=full_scan)
        threshold = query.threshold
        boost = self._boost(query)
        query.floor = query.first_floor = (
            1.0 - (1.0 - (threshold - 1e-9)) / self._gaps(query) - 2e-9
        )
        query.bounded = not full_scan
        bounds = self._bounds(query)
        if full_scan:
            candidates: Iterable[int] = range(len(self._name_designation))
        else:
            candidates = self._candidates(query, bounds)
        best: dict[int, Raw] = {}
        gaps = self._gaps(query)
        for name_id, most in self._reaching(query, candidates):
            name_score, chosen = self._score_name(query, name_id, most)
            if name_score <= 0.0 or boost(name_score) < threshold - 1e-9:
                continue
            designation_index = self._name_designation[name_id]
            designation = self._designations[designation_index]
            name = designation.party.names[self._name_position[name_id]]
            score, adjustments = self._adjust(query, designation, name, name_score)
            score = round(score, 4)
            if score < threshold:
                continue
            raw: Raw = (score, round(name_score, 4), name_id, tuple(chosen), adjustments)
            held = best.get(designation_index)
            if held is None or (score, -name_id) > (held[0], -held[2]):
                best[designation_index] = raw
                if query.bounded and len(best) >= limit:
                    # early termination: a name below the limit-th best score so far cannot
                    # be among the results, so the floor rises to it (ties kept)
                    least = heapq.nlargest(limit, [raw[0] for raw in best.values()])[-1]
                    if least - _ROUNDING > threshold:
                        threshold = least - _ROUNDING
                        query.floor = 1.0 - (1.0 - (threshold - 1e-9)) / gaps - 2e-9
        ranked = sorted(best.values(), key=self._rank)
        return ranked[:limit]

    def _rank(self, raw: Raw) -> tuple[float, bool, int]:
        """The order of results: best score first, then primary names, then the index's."""
        return (-raw[0], _strength(self._name(raw[2])) is not NameStrength.PRIMARY, raw[2])

    def _candidates(self, query: _Query, bounds: tuple[_Bound, _Bound]) -> list[int]:
        """The names that may reach the floor, and few others (:meth:`_kind_candidates`,
        for each kind of name), those that may gain most first (so that the best scores
        are found early and the floor rises: ``_run``)."""
        form = query.form
        by_token: list[Iterable[int]] = []
        everyone: list[int] = []
        """The vocabulary items related to a query item covering each query token, and how
        many postings they have."""
        parts: list[tuple[_Related | None, list[int]]] = []
        """For each query token, the most related item covering it and the vocabulary
        items only the others relate to (whose postings by kind of name are summed only
        if the kinds are read one by one)."""
        count = len(self._groups)
        for position in range(len(form.tokens)):
            covering = [
                related
                for related, mask in zip(query.related, form.masks, strict=True)
                if mask >> position & 1 and related.vids
            ]
            if len(covering) == 1:
                by_token.append(covering[0].vids)
                everyone.append(covering[0].total)
                parts.append((covering[0], []))
            elif covering:
                # the most related item's postings (counted with it) and those of the items
                # only the others relate to
                covering.sort(key=lambda related: -len(related.vids))
                most = covering[0]
                more = set().union(*[related.vids for related in covering[1:]])
                more.difference_update(most.vids)
                others = sorted(more)
                by_token.append([*most.vids, *others])
                everyone.append(most.total + self._postings_total(others))
                parts.append((most, others))
            else:
                by_token.append(())
                everyone.append(0)
                parts.append((None, []))
        if query.rare_vids:
            # one token more: holding a vocabulary item a pair with which may be a rare
            # word, which a name must to be matched whole by one word (_Bound)
            rare = self._rare_token(query.rare_vids)
            by_token.append(rare.vids)
            everyone.append(rare.total)
            parts.append((rare, []))
        coverable = bounds[True].coverable.bit_count()
        found: list[tuple[float, list[int]]] = []
        groups = self._kinds(query)
        if sum(everyone) <= _FEW_POSTINGS:  # all kinds at once, each with its own bound
            leasts: dict[bool, int] = {}
            for person, least in groups:
                leasts.setdefault(person, least)  # (the kinds in order: the least first)
            reach = _Reach(tuple([(bounds[person], least) for person, least in leasts.items()]))
            found = self._kind_candidates(query, by_token, (0, count - 1), reach, everyone)
            groups = []
        else:
            # each token's postings before each kind
            before = [
                list(accumulate(self._token_kinds(most, others), initial=0))
                for most, others in parts
            ]
        first = 0
        for group, (person, least) in enumerate(groups):
            # kinds that need more tokens matched than the query can match are bound alike,
            # and so are kinds that need as many
            if (
                group + 1 < len(groups)
                and groups[group + 1][0] == person
                and (least > coverable or groups[group + 1][1] == least)
            ):
                continue
            reach = _Reach(((bounds[person], least if least <= coverable else _NEVER),))
            sizes = [sums[group + 1] - sums[first] for sums in before]
            found += self._kind_candidates(query, by_token, (first, group), reach, sizes)
            first = group + 1
        found.sort(key=lambda gained: -gained[0])
        return [name for _gained, names in found for name in names]

    def _kinds(self, query: _Query) -> list[tuple[bool, int]]:
        """The kinds of names (``_groups``), each with how many query tokens a name of the
        kind must match to be matched whole; where no pair of the query may be a rare word
        (:meth:`_rare_items`), no name is matched whole by one word: names other than
        people's need two."""
        if self._rare_items(query):
            return self._groups
        least = whole_least(person=False)
        return [(person, n if person else max(n, least)) for person, n in self._groups]

    def _rare_token(self, vids: tuple[int, ...]) -> _Related:
        """The vocabulary items ``vids`` a pair with which may be a rare word, read by
        ``_candidates`` as a query token after the query's own (:class:`_Bound`)."""
        return _Related(vids, (1.0,) * len(vids), ("",) * len(vids), self._postings_total(vids))

    def _token_kinds(self, most: _Related | None, others: list[int]) -> tuple[int, ...]:
        """How many postings of each kind of name the vocabulary items related to a query
        token have (``_candidates``: the most related item covering it, and the items only
        the others relate to)."""
        if most is None:
            return (0,) * len(self._groups)
        postings = self._kinds_of(most)
        return tuple(map(add, postings, self._postings_by_kind(others))) if others else postings

    def _kind_candidates(
        self,
        query: _Query,
        at: list[Iterable[int]],
        kinds: tuple[int, int],
        reach: _Reach,
        sizes: list[int],
    ) -> list[tuple[float, list[int]]]:
        """The names of the kinds ``kinds`` (the first and last of their places in
        ``_groups``, their bounds in ``reach``; ``sizes``: how many postings of theirs each
        query token's items have) that may reach the floor, and few others.

        The names holding an item related to each query token (``at``: the items), the
        tokens with fewest such names first, split the names seen into classes by the
        tokens they hold; a class that, with every token not yet read, cannot reach the
        floor (:class:`_Bound`) is dropped, and so are the names not yet seen once the
        tokens left cannot lift them to it. A token is not read when it has many more
        names than the classes that cannot reach the floor without it: the bound of each
        name (:meth:`_reaching`) sorts those out. Of each class are kept the names whose
        unmatched weight (``_name_bins``) a name holding those tokens may have and reach
        the floor (:meth:`_Bound.most_held`). Names that hold nothing related to the
        query score 0."""
        tokens = [position for position in range(len(at)) if reach.coverable >> position & 1]
        held_tokens = sorted([(sizes[token], token) for token in tokens if sizes[token]])
        coverable = left = sum([1 << token for _size, token in held_tokens])
        """The tokens names of these kinds may match, and those not read yet."""
        classes: dict[int, set[int]] = {}
        seen: set[int] | None = set()
        """The names seen, while those not seen may reach the floor (then None)."""
        for size, position in held_tokens:
            bit = 1 << position
            if seen is None:
                # the names of the classes that cannot reach the floor without the token
                needing = sum(
                    [
                        len(names)
                        for held, names in classes.items()
                        if not reach.reaches(held | left & ~bit)
                    ]
                )
                if size > _SPLIT_COST * needing:
                    continue  # not worth reading: the bound of each name sorts them out
            holding = self._holding(at[position], kinds, (query, reach, position, coverable))
            left &= ~bit
            split = _split(classes, holding, bit)
            if seen is not None:
                fresh = holding - seen
                if fresh:
                    split[bit] = fresh
                seen |= holding
                if not reach.reaches(left):
                    seen = None
            classes = {held: names for held, names in split.items() if reach.reaches(held | left)}
        bins = self._name_bins
        found: list[tuple[float, list[int]]] = []
        for held, names in classes.items():
            # (a name too heavy for its class goes before its own bound is read)
            cut = max(reach.most_held(held | left), 0.0)
            kept = [name for name in names if bins[name] <= cut]
            if kept:
                found.append((reach.gained(held | left), kept))
        return found

    def _holding(
        self,
        vids: Iterable[int],
        kinds: tuple[int, int],
        token: tuple[_Query, _Reach, int, int],
    ) -> set[int]:
        """The names of the kinds ``kinds`` (the first and last of their places in
        ``_groups``, next to each other in the postings) holding one of ``vids``, related
        to the query token ``token`` (the query, the bound of the kinds, the token's place,
        the tokens names of the kinds may match), but for those of many that hold it and
        cannot reach the floor even with every other token matched at its best
        (:meth:`_Bound.most_unmatched`): a vocabulary item's names are in the order of their
        unmatched weight (``_name_bins``), so that they are cut where they become too heavy."""
        offsets = self._post_offsets
        names = self._post_names
        count = len(self._groups)
        first, last = kinds
        found: set[int] = set()
        query, reach, position, coverable = token
        bins = self._name_bins
        every = position >= len(query.form.tokens)  # (rare words: _candidates; not cut)
        for vid in vids:
            start = offsets[vid * count + first]
            end = offsets[vid * count + last + 1]
            if end - start < _FILTERED_MIN or every:
                if end - start == 1:  # (most words joined are in one name: no slice)
                    found.add(names[start])
                else:
                    found.update(names[start:end])
                continue
            most = reach.most_unmatched(
                (position, coverable), self._share(query, vid, position), self._max_weight[vid]
            )
            if most >= _BINS:
                found.update(names[start:end])
                continue
            cut = max(math.floor(most), 0)  # (a name of less weight is in bin 0)
            for bucket in range(vid * count + first, vid * count + last + 1):
                start, end = offsets[bucket], offsets[bucket + 1]
                # names of more unmatched weight cannot reach the floor
                end = bisect_right(names, cut, start, end, key=bins.__getitem__)
                found.update(names[start:end])
        return found

    def _share(self, query: _Query, vid: int, position: int) -> float:
        """The most a pair of vocabulary item ``vid`` with a query item covering the query
        token at ``position`` gains toward the floor, that token's share."""
        form = query.form
        weight = self._max_weight[vid]
        return max(
            [
                _gain(similarity, form.items[index].weight + weight, query.floor)
                / form.masks[index].bit_count()
                for index, similarity, _how in self._relations_of(query, vid)
                if form.masks[index] >> position & 1
            ]
        )

    def _read_again(
        self, query: _Query, raws: list[Raw], limit: int, *, full_scan: bool = False
    ) -> tuple[Match, ...]:
        """The matches of a query's results (``raws``); for an organisation's or a vessel's
        name that gives its own acronym in brackets, with those of the name read without
        it (:func:`~._compare.without_own_acronym`, as list names are): the better match
        of each record counts."""
        reading = (
            None if query.kind is PartyKind.INDIVIDUAL else without_own_acronym(query.form.text)
        )
        form = None if reading is None else make_form(reading, self.rarity, legal_forms=True)
        if form is None or not form.tokens:
            return self._matches(query, raws)
        again = _Query(
            form,
            query.kind,
            query.birth,
            query.country,
            query.threshold,
            weak_alias=query.weak_alias,
        )
        best: dict[int, tuple[Raw, _Query]] = {}
        for asked, found in ((query, raws), (again, self._run(again, limit, full_scan=full_scan))):
            for raw in found:
                index = self._name_designation[raw[2]]
                held = best.get(index)
                if held is None or (raw[0], -raw[2]) > (held[0][0], -held[0][2]):
                    best[index] = (raw, asked)
        ranked = sorted(best.values(), key=lambda held: self._rank(held[0]))[:limit]
        return tuple([match for raw, asked in ranked for match in self._matches(asked, [raw])])

    def _matches(self, query: _Query, raws: list[Raw]) -> tuple[Match, ...]:
        matches = []
        for score, name_score, name_id, chosen, adjustments in raws:
            designation = self._designations[self._name_designation[name_id]]
            name = self._name(name_id)
            strength = _strength(name)
            explanation = partial(
                _explain_match,
                query.form,
                (name, self.rarity, self._name_flags[name_id]),
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
        weak_alias: float,
        limit: int,
        workers: int,
        progress: Callable[[int, int], None] | None,
    ) -> list[list[Raw]]:
        total = len(batch)
        size = max(1, min(200, total // (workers * 8) or 1))
        chunks = [batch[start : start + size] for start in range(0, total, size)]
        results: list[list[Raw]] = []
        context = multiprocessing.get_context("fork")
        # forked with the workers: shared, not pickled
        job = (self, kind, threshold, weak_alias, limit)
        pool: Pool
        with context.Pool(workers, initializer=_start_worker, initargs=(job,)) as pool:
            for chunk_result in pool.imap(_screen_chunk, chunks):
                results.extend(chunk_result)
                if progress is not None:
                    progress(len(results), total)
        return results


class _Worker:
    """What a worker process screens with: set once, by the pool's initializer."""

    job: ClassVar[tuple[Screener, PartyKind | None, float, float, int] | None] = None


def _start_worker(job: tuple[Screener, PartyKind | None, float, float, int]) -> None:
    """The pool's initializer, first thing in each forked worker: what the worker inherited
    is frozen (its own process's collector never scans the index, so its pages stay shared
    with the parent); what it makes is collected as usual."""
    gc.freeze()
    _Worker.job = job


def _whole_least(tokens: tuple[Token, ...], spans: list[tuple[int, int]], *, person: bool) -> int:
    """How many query words a name must match to be matched whole and leave the query's
    other words out (``_compare.omitted_words``): as many as the pairs it needs, up to
    _GROUP_WORDS (names of more share one bound); _NEVER for a name of too few words."""
    least = OMITTED_MIN_PERSON if person else 1  # one rare word: _compare.whole_least
    words = sum([1 for token in tokens if token.role is Role.NAME])
    if words < least:
        return _NEVER
    pairs = _fewest_pairs(tokens, spans) if spans else words
    return min(max(least, pairs), _GROUP_WORDS)


def _fewest_pairs(tokens: tuple[Token, ...], spans: list[tuple[int, int]]) -> int:
    """The fewest pairs an alignment matching every name token of ``tokens`` has: each
    pairs one of its tokens or one of its ``spans`` (tokens joined)."""
    fewest = [0] * (len(tokens) + 1)
    """The fewest pairs that match the name tokens before each place."""
    ending: dict[int, list[int]] = {}
    for start, end in spans:
        ending.setdefault(end, []).append(start)
    for place, token in enumerate(tokens, start=1):
        fewest[place] = fewest[place - 1] + (token.role is Role.NAME)
        for start in ending.get(place, ()):
            fewest[place] = min(fewest[place], fewest[start] + 1)
    return fewest[-1]


def _split(classes: dict[int, set[int]], holding: set[int], bit: int) -> dict[int, set[int]]:
    """``classes`` of names by the query tokens they hold (a bit mask), each split by
    whether its names are among those ``holding`` the token ``bit``."""
    split: dict[int, set[int]] = {}
    for held, names in classes.items():
        both = names & holding
        if both:
            split[held | bit] = both
            rest = names - both
            if rest:
                split[held] = rest
        else:
            split[held] = names
    return split


def _boosted(gaps: float, bound: float) -> float:
    """What a name's score ``bound`` may rise to with the qualifiers (``Screener._boost``)."""
    return 1.0 - (1.0 - bound) * gaps


def _apply(adjustments: list[Adjustment], score: float, reason: str, new: float) -> float:
    """``new``, the score adjusted for ``reason``, and the adjustment noted (``_adjust``)."""
    adjustments.append(Adjustment(reason, round(new - score, 4)))
    return new


def _rare_vids(item: Item, related: _Related, max_weight: Sequence[float]) -> tuple[int, ...]:
    """The vocabulary items ``related`` to query ``item`` a pair with which may be a rare
    word (``_compare.rare_pair``), each at its heaviest (``max_weight``: a pair's weight
    is at most that): none if the item may not be one at all (a pair of it at its most
    alike and heaviest)."""
    items = [item]
    if not rare_pair([(1.0, math.inf, 0, 0, "")], items):
        return ()
    weight = item.weight
    return tuple(
        [
            vid
            for vid, similarity in zip(related.vids, related.similarities, strict=True)
            if rare_pair([(similarity, (weight + max_weight[vid]) / 2.0, 0, 0, "")], items)
        ]
    )


def _gain(similarity: float, weights: float, floor: float) -> float:
    """What a pair of ``similarity`` and query and list weights summing to ``weights``
    adds toward a name score of ``floor`` (``(s - f) * w``, see ``Screener._bounds``),
    or 0 for a pair that cannot lift a name's score to it."""
    return max((similarity - floor) * weights / 2.0, 0.0)


class _Related:
    """A query item's relations to the vocabulary, in three tuples of plain values: the
    vocabulary items related to it (in the order of their ids, found by bisection), its
    similarity to each and how they relate; how many postings they have, of every kind of
    name, and by kind when first asked for (``Screener._kinds_of``). Kept for the next
    queries with the item: a handful of objects for the garbage collector, not two tuples
    a relation."""

    __slots__ = ("hows", "postings", "similarities", "total", "vids")

    def __init__(
        self,
        vids: tuple[int, ...],
        similarities: tuple[float, ...],
        hows: tuple[str, ...],
        total: int,
    ) -> None:
        self.vids = vids
        self.similarities = similarities
        self.hows = hows
        self.total = total
        self.postings: tuple[int, ...] | None = None

    def relations(self) -> list[Relation]:
        """(vocabulary id, similarity, how) of each relation, in order."""
        return list(zip(self.vids, self.similarities, self.hows, strict=True))


class _Bound:
    """The most a name that matches some of the query's tokens may score, against the
    floor (see ``Screener._bounds``): each token matched at its ``best`` gain toward the
    floor, the unmatched weight of the others counted with every rule that lowers it
    (middle names left out, for a name of a person with ``middle``; the query's words
    left out when the name is matched whole, with ``least`` of them matched, or the
    name's when the query is), nothing unmatched on the name's side. Tokens that nothing
    on the list is related to (not ``coverable``) are never matched."""

    __slots__ = (
        "best",
        "coverable",
        "floor",
        "heaviest",
        "known",
        "least",
        "middle",
        "most",
        "names",
        "rare",
        "unmatched",
    )

    def __init__(
        self,
        floor: float,
        best: list[float],
        unmatched: list[float],
        coverable: int,
        *,
        middle: Middle | None,
        names: int,
        heaviest: list[float],
        most: float,
        rare: tuple[int, ...],
    ) -> None:
        self.floor = floor
        self.best = best
        self.unmatched = unmatched
        self.coverable = coverable
        self.middle = middle
        """None for names other than people's."""
        self.heaviest = heaviest
        """For each query token, the heaviest list item related to it (what a name's
        pair with it may take off the name's unmatched weight, at most)."""
        self.most = most
        """The most the query's tokens can count less as middle names."""
        self.names = names
        """The query's name tokens: matched whole (enough of them, with as many pairs),
        they leave a name's other words out."""
        self.least = whole_least(person=middle is not None)
        """How many name tokens a name or the query matched whole needs (and as many
        pairs), but for one rare word (``rare``)."""
        self.rare = rare
        """The tokens of each query item whose pair may be a rare word (``Screener.
        _rare_items``; none for people): a name matching all the tokens of one of them,
        and holding a vocabulary item a pair with which may be a rare word (the token
        after the query's own, ``Screener._candidates``), may be matched whole with one
        pair (``_compare.whole_least``), others may not."""
        self.known: dict[tuple[int, int], bool] = {}
        """The answers of :meth:`reaches` so far."""

    def reaches(self, covered: int, least: int) -> bool:
        """Whether a name matching the tokens ``covered`` (a bit mask) may reach the floor."""
        known = self.known.get((covered, least))
        if known is None:
            known = self.known[covered, least] = self._reaches(covered, least)
        return known

    def most_unmatched(self, token: tuple[int, int], share: float, weight: float) -> float:
        """The most unmatched weight a name may have, less what its middle names left out
        may take off, and reach the floor (see ``Screener._reaching``) when it matches
        the token at ``position`` with a pair gaining ``share`` at most toward the floor
        and taking at most ``weight`` off its own unmatched weight, every other token it
        may match (``coverable``, of ``token``: position, coverable) at its best."""
        if self.floor <= 0.0:
            return math.inf
        position, coverable = token
        gained = share
        room = weight + self.most
        for other, unmatched in enumerate(self.unmatched):
            if not coverable >> other & 1:
                room -= unmatched
            elif other != position:
                gained += self.best[other]
                room += self.heaviest[other]
        return room + gained / (self.floor * _OMITTED_HALF)

    def gained(self, covered: int) -> float:
        """The most a name matching the tokens ``covered`` gains toward the floor."""
        return sum([best for position, best in enumerate(self.best) if covered >> position & 1])

    def most_held(self, covered: int) -> float:
        """The most unmatched weight a name may have, less what its middle names left out
        may take off, and reach the floor (see ``Screener._reaching``) when it matches at
        most the tokens ``covered``, each at its best: :meth:`most_unmatched` for a name
        known to match none of the others."""
        if self.floor <= 0.0:
            return math.inf
        gained = 0.0
        room = self.most
        for position, unmatched in enumerate(self.unmatched):
            if covered >> position & 1:
                gained += self.best[position]
                room += self.heaviest[position]
            else:
                room -= unmatched
        return room + gained / (self.floor * _OMITTED_HALF)

    def _reaches(self, covered: int, least: int) -> bool:
        gained = missing = 0.0
        for position, unmatched in enumerate(self.unmatched):
            if covered >> position & 1:
                gained += self.best[position]
            else:
                missing += unmatched
        lesser = _between_saving(self.middle, covered) if self.middle else 0.0
        left = max(missing - lesser, 0.0)
        if self._whole(covered, least):
            left *= OMITTED_UNMATCHED  # a name or the query matched whole: the rest left out
        return gained >= self.floor * left / 2.0

    def _whole(self, covered: int, least: int) -> bool:
        """Whether a name matching the tokens ``covered``, of a kind that needs ``least``
        of them to be matched whole, or the query, may be matched whole."""
        fewest = self.least
        tokens = len(self.unmatched)
        if covered >> tokens & 1:  # (it holds an item that may pair as a rare word)
            for mask in self.rare:
                if covered & mask == mask:  # (one of its pairs may be the rare word)
                    fewest = whole_least(person=False, one_rare_word=True)
                    break
        names = self.names
        return (covered & ((1 << tokens) - 1)).bit_count() >= max(least, fewest) or (
            names.bit_count() >= fewest and not names & ~covered
        )


class _Reach:
    """The bounds of one or more kinds of name read together, each with how many query
    tokens a name of the kind must match to be matched whole: a name may reach the floor
    if it may by one of them."""

    __slots__ = ("bounds", "coverable", "known")

    def __init__(self, bounds: tuple[tuple[_Bound, int], ...]) -> None:
        self.bounds = bounds
        self.coverable = bounds[0][0].coverable
        self.known: dict[int, bool] = {}

    def reaches(self, covered: int) -> bool:
        """Whether a name matching the tokens ``covered`` (a bit mask) may reach the floor."""
        known = self.known.get(covered)
        if known is None:
            known = False
            for bound, least in self.bounds:
                if bound.reaches(covered, least):
                    known = True
                    break
            self.known[covered] = known
        return known

    def most_unmatched(self, token: tuple[int, int], share: float, weight: float) -> float:
        """See :meth:`_Bound.most_unmatched`."""
        return max([bound.most_unmatched(token, share, weight) for bound, _ in self.bounds])

    def gained(self, covered: int) -> float:
        """See :meth:`_Bound.gained`."""
        return max([bound.gained(covered) for bound, _ in self.bounds])

    def most_held(self, covered: int) -> float:
        """See :meth:`_Bound.most_held`."""
        return max([bound.most_held(covered) for bound, _ in self.bounds])


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
    screener, kind, threshold, weak_alias, limit = _Worker.job
    return [
        screener._run(  # noqa: SLF001
            screener._query(text, kind, None, None, threshold, weak_alias=weak_alias),  # noqa: SLF001
            limit,
        )
        for text in chunk
    ]


def _explain_match(
    query: Form,
    listed: tuple[Name, Rarity, int],
    chosen: tuple[Pair, ...],
    *,
    name_score: float,
    adjustments: tuple[Adjustment, ...],
    score: float,
) -> Explanation:
    """The explanation of a match against ``listed`` (its name, the list's rarities, its
    flags: whether legal forms are read, whether it is read without its own acronym),
    written when it is first read."""
    name, rarity, flags = listed
    legal_forms = bool(flags & _LEGAL_FORMS)
    text = name.full
    read = ""
    if flags & _READING:
        text = without_own_acronym(text) or text
        read = ", read without the acronym of its words in brackets"
    form = make_form(text, rarity, legal_forms=legal_forms)
    return explain(
        list(chosen),
        query,
        form,
        swapped=False,
        name_score=name_score,
        adjustments=adjustments,
        score=score,
        subject=f" for {name.full!r} ({_strength(name)}{read})",
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
    if legal_forms:  # each name also read without its own acronym: the best pair counts
        written_a, written_b = form_a, form_b
        for one in _readings(a, written_a, rarity):
            for other in _readings(b, written_b, rarity):
                if one is written_a and other is written_b:
                    continue
                found = compare_forms(one, other, person=False)
                if found[0] > score:
                    score, chosen, swapped = found
                    form_a, form_b = one, other
    score = round(score, 4)
    explanation = partial(
        explain, chosen, form_a, form_b, swapped=swapped, name_score=score, person=person
    )
    return explained_later(NameComparison, explanation, a=a, b=b, score=score)


def _readings(text: str, form: Form, rarity: Rarity) -> tuple[Form, ...]:
    """An organisation's name as written (``form``) and, if it gives its own acronym in
    brackets, read without it (:func:`~._compare.without_own_acronym`)."""
    reading = without_own_acronym(text)
    if reading is None:
        return (form,)
    read = rarity.form(reading, legal_forms=True)
    return (form, read) if read.tokens else (form,)
