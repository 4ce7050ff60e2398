"""Comparing two normalised names: token relations, alignment, score and explanation.

The score of two names is a weighted token alignment (``docs/screening.md``):

* Each side is a bag of *items*: its tokens, and runs of two or three adjacent tokens
  joined (so that ``bashiruddin`` can meet ``bashir ud din``, and ``jinping`` meet the
  syllables ``jin ping``).
* Two items are *related* when they are the same token, share a sound key (transliteration
  variants), share a consonant key when one name was written in Arabic or Hebrew script,
  are one typo apart (an Indel distance of at most 2 between tokens of three letters or
  more, and a similarity of 0.7 or more; numbers and codes with digits only against one
  another), are two letters against three with one dropped, or when one is the other's
  tokens joined.
  Related items get a similarity in (0, 1]; unrelated items none.
* Pairs are chosen greedily, best similarity first, each token used once.
* ``score = M / (P + (Ua + Ub) / 2)`` where ``M`` sums ``similarity x (wa + wb) / 2`` over
  the chosen pairs, ``P`` sums ``(wa + wb) / 2`` over them, and ``Ua``, ``Ub`` sum the
  weights of each side's unmatched tokens.
  For people, an unmatched token that lies between two matched name tokens of its name
  (in name order: given names first, ``SURNAME, Given`` read as ``Given SURNAME``) is a
  middle name left out, and counts for MIDDLE_UNMATCHED of its weight (not when either
  name is written in Chinese, Japanese or Korean characters: each syllable is a token
  there, and a given name of two syllables is not a middle name).
  A token's weight is its rarity in the loaded lists (inverse document frequency), so a
  shared SOLEIMANI counts for more than a shared MOHAMMAD; particles and titles and legal
  forms weigh a fixed small amount; an unmatched patronymic counts for less.

The score is symmetric (the two sides are put in a canonical order first) and is 1.0
exactly when both names normalise to the same tokens.

:func:`all_pairs` and :func:`align` state the alignment plainly: every related pair, then
the greedy choice. :func:`compare_forms` finds the same alignment with less work (tests
check that they agree): the greedy choice takes pairs of one word on both sides first,
so those are chosen before anything else is related, and only items that share a
*relation key* (:func:`relation_keys`) are asked whether they relate. A word's item is
built once and shared by every name that has the word (:meth:`Rarity.item`).
"""

from __future__ import annotations

import math
import re
from collections import OrderedDict
from collections.abc import Iterable, Mapping, Sequence

from rapidfuzz.distance import OSA, Indel, Levenshtein

from sanctions_tracker.screening._normalise import (
    JOINED_PHRASES,
    LEGAL_FORM_CLASSES,
    ORG_ABBREVIATIONS,
    PARTICLES,
    TITLES,
    Role,
    Token,
    is_abjad,
    is_syllabic,
    is_syllable,
    join_sounds,
    name_groups,
    normalise,
    phrase_groups,
    population_share,
    spelling_key,
    syllable_key,
    syllable_vowels,
    words,
)
from sanctions_tracker.screening._results import Adjustment, Explanation, TokenMatch

__all__ = [
    "Form",
    "FormItem",
    "Item",
    "Middle",
    "Rarity",
    "acronym_runs",
    "align",
    "align_forms",
    "all_pairs",
    "capped",
    "explain",
    "first_name_bit",
    "index_keys",
    "initials_meet",
    "lookup_keys",
    "make_form",
    "middle_order",
    "middle_tokens",
    "name_order",
    "name_pairs",
    "negated",
    "negation_mismatch",
    "number_mismatch",
    "omitted_middles",
    "omitted_words",
    "outer_positions",
    "pair_order",
    "patronymic_contradiction",
    "person_caps",
    "prefix_cap",
    "prefixed_names",
    "relate",
    "relation_keys",
    "score_pairs",
    "span_bounds",
    "syllable_name",
    "without_own_acronym",
]

FIXED_WEIGHT = 0.6
"""The weight of a particle, title or legal form."""
INITIAL_WEIGHT = 1.5
"""The most a one-letter name token (an initial) weighs."""
DEFAULT_NAME_WEIGHT = 6.0
"""The weight of a name token when no list gives rarities (about a typical list token)."""
FORM_CACHE_SIZE = 4096
"""How many normalised names a Rarity keeps (least recently used dropped first)."""
ITEM_CACHE_SIZE = 65536
"""How many words' items a Rarity keeps (all dropped when full, then built again)."""
PATRONYMIC_UNMATCHED = 0.4
"""An unmatched patronymic (…ovich, …ovna, …oglu) counts for this share of its weight."""
MIDDLE_UNMATCHED = 0.3
"""For people, an unmatched token between two matched name tokens of its name (a middle
name left out) counts for this share of its weight (or the patronymic share if lower)."""
_SHORT_PART = 5
_SHORT_MIDDLE = 3
_FUZZY_MIN = 3
_SOUND_SHORT = 4
_SHORT = 2
_SHORT_SIMILARITY = 0.7
CONSONANTS_MIN = 4
"""Two words of one consonant key (their sound keys without vowels) this long or longer,
whose spellings are close (SPELLING_BUDGET), are one name spelt two ways (``Alexander`` and
``Aleksandr``), unless one ends in an i the other has not: a nisba is another name
(``Mohammadi`` is not ``Mohammed``, ``Ahmadi`` not ``Ahmad``)."""
COMMON_NAME = 10
"""A word in this many names of people on the lists or more is an established name: two
such words one typo apart are two names, not a misspelling (Ahmed and Hamed, Khan and
Chan), while a word the lists hardly use may be a misspelling of one.
Outside a list (``compare_names``) no word is common."""
NAME_EQUIVALENT = 0.9
"""The similarity of two forms of one given name (``Bill``, ``William``; ``Mykola``,
``Nikolai``; their patronymics): data/given_names.txt."""
_EPSILON = 1e-9
"""Below this, a sum of weights is zero (float sums leave crumbs)."""


Relation = tuple[float, str] | None
"""A similarity and how two items relate, or None."""


class Rarity:
    """Token weights from the number of list names each token occurs in, and the last
    names normalised and weighed with them (bounded caches, see :meth:`form` and
    :meth:`item`)."""

    __slots__ = ("_cache", "_forms", "_items", "document_frequency", "names", "people_frequency")

    def __init__(
        self,
        document_frequency: Mapping[str, int] | None = None,
        names: int = 0,
        people_frequency: Mapping[str, int] | None = None,
    ) -> None:
        self.document_frequency: Mapping[str, int] = document_frequency or {}
        self.names = names
        self.people_frequency: Mapping[str, int] = people_frequency or {}
        """How many names of people each word is in."""
        self._cache: dict[str, float] = {}
        self._forms: OrderedDict[tuple[str, bool], Form] = OrderedDict()
        self._items: dict[tuple[tuple[str, int], ...], FormItem] = {}

    def form(self, text: str, *, legal_forms: bool = True) -> Form:
        """``text`` normalised and weighed, from a cache of the last names asked for."""
        key = (text, legal_forms)
        forms = self._forms
        found = forms.get(key)
        if found is not None:
            forms.move_to_end(key)
            return found
        found = Form(
            text,
            normalise(text, legal_forms=legal_forms),
            self,
            abjad=is_abjad(text),
            acronyms=legal_forms,
        )
        forms[key] = found
        if len(forms) > FORM_CACHE_SIZE:
            forms.popitem(last=False)
        return found

    def item(self, tokens: tuple[Token, ...], acronym: str | None = None) -> FormItem:
        """The item of a token, of adjacent tokens joined, or of the ``acronym`` of a run of
        tokens (:func:`acronym_runs`), weighed: built once for all the names that have it
        (an item follows from its tokens' texts and roles, and its acronym)."""
        # (roles as plain ints: a tuple of strings and ints is let go by the garbage
        # collector, one holding an enum member is tracked for as long as it is kept)
        if len(tokens) == 1 and acronym is None:
            token = tokens[0]
            key: tuple[tuple[str, int], ...] = ((token.text, _role_key(token)),)
        else:
            key = tuple([(token.text, _role_key(token)) for token in tokens])
            if acronym is not None:
                key = (("#" + acronym, int(Role.NAME)), *key)
        items = self._items
        found = items.get(key)
        if found is None:
            if len(items) >= ITEM_CACHE_SIZE:
                items.clear()
            found = items[key] = FormItem(
                tokens,
                [self.weight(token) for token in tokens],
                common=self.common(tokens),
                acronym=acronym,
            )
        return found

    def common(self, tokens: tuple[Token, ...]) -> bool:
        """Whether ``tokens`` is one word of COMMON_NAME names of people or more."""
        return (
            len(tokens) == 1
            and tokens[0].role is Role.NAME
            and self.people_frequency.get(tokens[0].text, 0) >= COMMON_NAME
        )

    def weight(self, token: Token) -> float:
        """The weight of ``token``: for a name token, the lesser of its rarity on the lists
        and its rarity among people (:func:`population_weight`); a fixed small weight
        otherwise."""
        if token.role is not Role.NAME:
            return FIXED_WEIGHT
        found = self._cache.get(token.text)
        if found is None:
            text = token.text
            if len(text) == 1:
                found = INITIAL_WEIGHT
                if self.names:
                    frequency = self.document_frequency.get(text, 0)
                    found = min(found, max(1.0, math.log(1.0 + self.names / (frequency + 1))))
            else:
                found = DEFAULT_NAME_WEIGHT
                if self.names:
                    frequency = self.document_frequency.get(text, 0)
                    found = max(1.0, math.log(1.0 + self.names / (frequency + 1)))
                found = min(found, population_weight(text))
            self._cache[text] = found
        return found


def _role_key(token: Token) -> int:
    """A token's role and whether it is a patronymic, as one int (a word with a patronymic's
    ending is a surname in a surname's place: ``_normalise._surnames``)."""
    return int(token.role) * 2 + token.patronymic


def population_weight(word: str) -> float:
    """The rarity of ``word`` among people, on the scale of a list's rarity: ``ln(1 +
    1 / share)`` with ``share`` the part of people who bear it as a given name or surname
    (SMITH, borne by 0.9 % of people in the US, weighs 4.7; JOHN 4.6; a word no table
    counts, infinity). A name common among people counts less however rare on the lists."""
    share = population_share(word)
    return math.log(1.0 + 1.0 / share) if share > 0.0 else math.inf


class Item:
    """A token, or two or three adjacent tokens joined, of a name (where in the name is
    the Form's business: :attr:`Form.masks`)."""

    __slots__ = (
        "acronym",
        "common",
        "consonants",
        "fuzzy",
        "groups",
        "key",
        "label",
        "role",
        "short",
        "sound",
        "span",
        "text",
        "unmatched",
        "weight",
    )

    def __init__(
        self,
        tokens: tuple[Token, ...],
        weights: Sequence[float],
        *,
        common: bool = False,
        acronym: str | None = None,
    ) -> None:
        first = tokens[0]
        self.common = common and len(tokens) == 1
        """Whether the item is an established name (:meth:`Rarity.common`)."""
        self.acronym = acronym is not None
        """Whether the item is the initials of its tokens (:func:`acronym_runs`)."""
        if len(tokens) == 1 and acronym is None:
            self.span = False
            self.text = self.label = first.text
            self.role = first.role
            self.sound = first.sound
            self.consonants = first.consonants
            self.fuzzy = first.role is Role.NAME and len(first.text) >= _FUZZY_MIN
            self.short = (
                first.role is Role.NAME and len(first.text) == _SHORT and first.text.isalpha()
            )
            self.weight = weights[0]
            self.unmatched = weights[0] * PATRONYMIC_UNMATCHED if first.patronymic else weights[0]
            self.groups = name_groups(first.text) if first.role is Role.NAME else ()
        else:
            self.span = True
            self.text = acronym or "".join([token.text for token in tokens])
            self.label = " ".join([token.text for token in tokens])
            self.role = Role.NAME
            self.sound = acronym or join_sounds(tokens)
            self.consonants = acronym or self.sound.replace("a", "")
            self.fuzzy = self.short = False
            self.groups = phrase_groups(self.text) if acronym is None else ()
            self.weight = sum(weights)
            self.unmatched = sum(
                weight * PATRONYMIC_UNMATCHED if token.patronymic else weight
                for token, weight in zip(tokens, weights, strict=True)
            )
        # (an acronym is filed apart from the same letters written as a word; the role a
        # plain int, so that the garbage collector lets the key go: see Rarity.item)
        self.key = ("#" + acronym if acronym else self.text, self.span, int(self.role))


class FormItem(Item):
    """An item of a :class:`Form`, with its relation keys (:func:`relation_keys`)."""

    __slots__ = ("_keys",)

    def __init__(
        self,
        tokens: tuple[Token, ...],
        weights: Sequence[float],
        *,
        common: bool = False,
        acronym: str | None = None,
    ) -> None:
        super().__init__(tokens, weights, common=common, acronym=acronym)
        self._keys: frozenset[str] | None = None

    @property
    def keys(self) -> frozenset[str]:
        """Its relation keys, worked out when first asked for (the screener never asks)."""
        found = self._keys
        if found is None:
            found = self._keys = relation_keys(self)
        return found


def relation_keys(item: Item) -> frozenset[str]:
    """What two related items (see :func:`relate`) always have in common, as strings.

    Its text; its sound key (``~``); for a single word, its consonant key (``^``); for a
    legal form, its family (``!``); for a word that may be one typo from another, its
    text with each one letter dropped (two words one typo apart share such a deletion,
    or one is a deletion of the other). Items with no key in common are not related, so
    :func:`compare_forms` asks :func:`relate` only about pairs that share one. (The
    candidate index of the screener files items under :func:`index_keys`, to the same end.)
    """
    text = item.text
    if item.acronym:
        return frozenset([text])
    keys = [text, "~" + item.sound]
    if not item.span and text.isalpha() and len(item.consonants) >= 2:  # noqa: PLR2004
        keys.append("^" + item.consonants)
    elif item.span and len(item.consonants) >= JOINED_CONSONANTS_MIN:
        keys.append("^" + item.consonants)  # words joined, against a word (Arabic script)
    if item.role is Role.LEGAL_FORM or (item.role is Role.NAME and not item.span):
        family = LEGAL_FORM_CLASSES.get(text)  # a short form read as a name (AO) too
        if family is not None:
            keys.append("!" + family)
    keys.extend(["=" + group for group in item.groups])
    if not item.span and len(text) <= _SYLLABLE_MAX:
        syllable = syllable_key(text)
        if syllable:
            keys.append("%" + syllable)
    if item.fuzzy or item.short:
        keys.extend([text[:i] + text[i + 1 :] for i in range(len(text))])
    return frozenset(keys)


def is_initial(item: Item) -> bool:
    """Whether ``item`` is one letter of a name (an initial: ``J.`` of ``J. Smith``)."""
    return not item.span and len(item.text) == 1 and item.role is Role.NAME and item.text.isalpha()


def is_initialed(item: Item) -> bool:
    """Whether ``item`` is a word of a name that an initial may stand for."""
    return not item.span and len(item.text) > 1 and item.role is Role.NAME and item.text.isalpha()


def initials_meet(a: Item, b: Item) -> bool:
    """Whether one of two items is an initial and the other a name word it begins."""
    if is_initial(a):
        return is_initialed(b) and b.text[0] == a.text
    return is_initial(b) and is_initialed(a) and a.text[0] == b.text


ACRONYM_MIN = 3
"""The fewest words whose initials make an acronym (``IRGC``); two letters are too many
things' initials."""


def acronym_runs(tokens: Sequence[Token]) -> list[tuple[int, int, str]]:
    """The acronyms of a name of an organisation or a vessel: the initials of its name words
    (particles and legal forms left out: ``POPULAR FRONT FOR THE LIBERATION OF PALESTINE``
    is ``pflp``; a title is a word here: ``GENERAL COMMAND`` is ``gc``), and where they
    differ, the initials of its name words and legal forms (``NATIONAL IRANIAN OIL
    COMPANY`` is ``nioc``; a legal form of two letters may be written whole: ``GRUPO DE
    ADMINISTRACION EMPRESARIAL S.A.`` is ``gaesa``) and of its name words and particles
    (``AL-ITIHAAD AL-ISLAMIYA`` is ``aiai``); the abbreviation of a kind of organisation
    (ORG_ABBREVIATIONS) gives all its letters (``NII EVM`` is ``niievm``); each with the
    run of tokens it stands for (start, end), from its first letter's token to its
    last's. ACRONYM_MIN letters at least, of two name words or more, every one of letters."""
    runs: list[tuple[int, int, str]] = []
    roles = {token.role for token in tokens}
    if Role.NAME not in roles:
        return runs
    # a reading that adds tokens of a role the name has not gives the first's letters again
    readings: list[tuple[Role | None, int]] = [(None, 0)]
    if Role.LEGAL_FORM in roles:
        readings += [(Role.LEGAL_FORM, 0), (Role.LEGAL_FORM, 2)]
    if Role.PARTICLE in roles:
        readings.append((Role.PARTICLE, 0))
    for also, whole in readings:
        places = [
            index
            for index, token in enumerate(tokens)
            if token.role is Role.NAME
            or token.role is also
            or (token.role is Role.PARTICLE and token.text in TITLES)
        ]
        names = [index for index in places if tokens[index].role is Role.NAME]
        if (
            len(places) < ACRONYM_MIN
            or len(names) < 2  # noqa: PLR2004 - a particle and a word are no acronym
            or not all(tokens[i].text.isalpha() for i in places)
        ):
            continue
        letters = "".join(
            [
                token.text
                if (token.role is Role.LEGAL_FORM and len(token.text) <= whole)
                or token.text in ORG_ABBREVIATIONS
                else token.text[0]
                for token in [tokens[index] for index in places]
            ]
        )
        if all(letters != found for _start, _end, found in runs):
            runs.append((places[0], places[-1] + 1, letters))
    return runs


_BRACKETED = re.compile(r"\(([^()]*)\)")


def without_own_acronym(text: str) -> str | None:
    """An organisation's or a vessel's name without the acronyms of its own words it gives
    in brackets (``KOREA KWANGSON BANKING CORPORATION (KKBC)``, ``NAFTIRAN INTERTRADE CO.
    (NICO) LIMITED``: :func:`acronym_runs` of the words just before the bracket), or None
    when it gives none: the acronym says again what the words say, so the name written
    without it is the same name, and the better of the two readings counts. Other
    brackets (``(U.K.)``, ``(LEBANON BRANCH)``) say more than the words, and stay."""
    if "(" not in text:
        return None
    kept: list[str] = []
    last = 0
    for found in _BRACKETED.finditer(text):
        letters = "".join([token.text for token in normalise(found[1], legal_forms=False)])
        if len(letters) < ACRONYM_MIN or not letters.isalpha():
            continue
        tokens = normalise(text[: found.start()])
        if any(
            acronym == letters
            for start in range(len(tokens))
            for _start, _end, acronym in acronym_runs(tokens[start:])
        ):
            kept.append(text[last : found.start()].rstrip())
            last = found.end()
    if not kept:
        return None
    kept.append(text[last:].lstrip())
    return " ".join([part for part in kept if part])


class Form:
    """A normalised name ready to compare: its tokens, its items (the tokens, then the runs
    of tokens joined) with the tokens each covers as a bit mask, and their weights."""

    __slots__ = (
        "_keys",
        "_middle",
        "abjad",
        "firsts",
        "initials",
        "items",
        "listed",
        "masks",
        "names",
        "order",
        "positions",
        "prefixed",
        "singles",
        "surname",
        "syllabic",
        "text",
        "tokens",
        "total",
    )

    def __init__(
        self,
        text: str,
        tokens: tuple[Token, ...],
        rarity: Rarity,
        *,
        abjad: bool,
        acronyms: bool = False,
    ) -> None:
        self.text = text
        self.tokens = tokens
        self.abjad = abjad
        bounds = span_bounds(tokens)
        singles = tuple([rarity.item((token,)) for token in tokens])
        self.singles = singles
        runs = acronym_runs(tokens) if acronyms else []
        self.items = (
            singles
            + tuple([rarity.item(tokens[start:end]) for start, end in bounds])
            + tuple([rarity.item(tokens[start:end], letters) for start, end, letters in runs])
        )
        self.masks = tuple([1 << index for index in range(len(tokens))]) + tuple(
            [((1 << (end - start)) - 1) << start for start, end in bounds]
            + [((1 << (end - start)) - 1) << start for start, end, _letters in runs]
        )
        self.initials = frozenset([item.text for item in singles if is_initial(item)])
        """The letters of its initials."""
        self.firsts = frozenset([item.text[0] for item in singles if is_initialed(item)])
        """The first letters of its name words (what an initial may stand for)."""
        self.total = sum([item.unmatched for item in singles])
        self.names = sum(
            [1 << index for index, token in enumerate(tokens) if token.role is Role.NAME]
        )
        """The tokens that are name tokens, as a bit mask."""
        self.syllabic = is_syllabic(text) or syllable_name(tokens)
        """Whether the name is written in Chinese, Japanese or Korean characters, or is a
        name of syllables in Latin letters (:func:`syllable_name`): it has no middle name."""
        self._middle: Middle | None = () if self.syllabic or len(tokens) < 3 else None  # noqa: PLR2004
        self.order = tuple([token.text for token in tokens])
        self.listed = rarity.names > 0
        """Whether its weights are rarities on a list (else every name word weighs alike)."""
        self.prefixed = prefixed_names(tokens)
        """Its kunyas and theophoric names (:func:`prefixed_names`)."""
        self.surname = surname_bit(text, len(tokens))
        """Its surname, if it is a person's name (:func:`surname_bit`)."""
        positions: dict[str, list[int]] = {}
        for index, token in enumerate(tokens):
            positions.setdefault(token.text, []).append(index)
        self.positions = positions
        """Where each word is among the tokens."""
        self._keys: frozenset[str] | None = None

    @property
    def keys(self) -> frozenset[str]:
        """Every relation key of the name's items, worked out when first asked for."""
        found = self._keys
        if found is None:
            found = self._keys = frozenset().union(*[item.keys for item in self.items])
        return found

    @property
    def middle(self) -> Middle:
        """The tokens in name order with what each saves when it is a middle name left
        out (:data:`Middle`; none for a name in Chinese, Japanese or Korean characters),
        worked out when first asked for (only people's names need it)."""
        found = self._middle
        if found is None:
            singles = self.singles
            found = self._middle = middle_order(
                name_order(self.text, len(self.tokens)),
                [item.weight for item in singles],
                [item.unmatched for item in singles],
            )
        return found


def syllable_name(tokens: Sequence[Token] | Sequence[Item]) -> bool:
    """Whether a name's name words, two at least, are all syllables of a Korean, Chinese
    or Burmese name (:func:`is_syllable`: ``Kim Yong Chol``, ``Tin Aung Myint Oo``): such a
    name has no surname and middle names in the sense of the middle-name rule (each
    syllable is a name of its own, as in a name written in Chinese or Korean
    characters), so a syllable one name has and the other has not is not a middle name
    left out."""
    names = [token.text for token in tokens if token.role is Role.NAME]
    return len(names) >= 2 and all(is_syllable(text) for text in names)  # noqa: PLR2004


Middle = tuple[tuple[int, float], ...]
"""A name's tokens in name order: each token's bit, and how much less it counts unmatched
when it lies between two matched name tokens (empty for names of fewer than three tokens)."""


def name_order(text: str, count: int) -> tuple[int, ...]:
    """The indices of the ``count`` tokens of ``text`` in name order: as written, but for
    ``SURNAME, Given names`` the given names first (``BIN LADIN, Usama bin Muhammad`` is
    ``usama bin muhammad bin ladin``), when the words before the comma are its first tokens;
    two surnames with no particle are read second first (``MADURO MOROS, Nicolas`` is
    ``nicolas moros maduro``), so that the second surname is a middle name left out."""
    if "," in text:
        surnames = words(text.partition(",")[0])
        before = len(surnames)
        if 0 < before < count and len(words(text)) == count:
            if before == 2 and PARTICLES.isdisjoint(surnames):  # noqa: PLR2004
                # Two surnames (MADURO MOROS, Nicolas): the second, often left out, is
                # read between the given names and the first, as a middle name.
                return (*range(before, count), 1, 0)
            return tuple(range(before, count)) + tuple(range(before))
    return tuple(range(count))


def middle_order(
    order: Sequence[int], weights: Sequence[float], unmatched: Sequence[float]
) -> Middle:
    """:data:`Middle` of a name from its name order and its tokens' weights."""
    if len(order) < 3:  # noqa: PLR2004 - no token lies between two others
        return ()
    return tuple(
        [
            (1 << index, max(0.0, unmatched[index] - weights[index] * MIDDLE_UNMATCHED))
            for index in order
        ]
    )


def outer_positions(middle: Middle, tokens: int) -> tuple[int, int]:
    """The first and last positions, in name order, of the ``tokens`` (a bit mask) of a
    name; (-1, -1) when none is in it. What lies between them may be a middle name."""
    first = last = -1
    for position, (bit, _saving) in enumerate(middle):
        if bit & tokens:
            if first < 0:
                first = position
            last = position
    return first, last


def middle_tokens(middle: Middle, names: int, used: int) -> tuple[int, float]:
    """The unmatched tokens of a name that lie between two of its matched name tokens
    (``used``: the matched tokens, ``names``: the name tokens, as bit masks), and how much
    less they count than unmatched tokens elsewhere."""
    anchors = used & names
    if not middle or not anchors:
        return 0, 0.0
    first, last = outer_positions(middle, anchors)
    mask = 0
    saving = 0.0
    for bit, share in middle[first + 1 : last]:
        if not bit & used:
            mask |= bit
            saving += share
    return mask, saving


def omitted_middles(a: tuple[int, float], b: tuple[int, float]) -> float:
    """How much less two names' unmatched middle names count (:func:`middle_tokens` of
    each side): a middle name one side leaves out counts less, but when both sides have
    one between their matched names, they contradict each other (``Ivan Petrovich
    Sidorov`` and ``Ivan Sergeyevich Sidorov`` are two people) and count in full."""
    if a[0] and b[0]:
        return 0.0
    return a[1] + b[1]


def patronymic_contradiction(a: Sequence[Item], b: Sequence[Item]) -> float:
    """What the unmatched patronymics of two names (``a``, ``b``: their unmatched single
    items) count more when the other name has an unmatched name of its own: a patronymic
    left out counts less (PATRONYMIC_UNMATCHED), but against another patronymic or an
    initial (``Natalya Yuryevna`` and ``Natalya V.``) it says another father, in full."""
    extra = 0.0
    for mine, other in ((a, b), (b, a)):
        if any(item.role is Role.NAME for item in other):
            extra += sum(
                [item.weight - item.unmatched for item in mine if item.unmatched < item.weight]
            )
    return extra


ONE_WORD_CAP = 0.75
"""Two people's names that agree on one name only (``Salih`` and ``ABU SALIH``, ``Putin``
and ``PUTIN, Vladimir``, ``Ma Li`` and ``KHAN, Mali``) score at most this, below
DEFAULT_THRESHOLD, unless they are the same name: one given name or surname is shared
by too many people to alert on, however rare it is on the lists."""


def name_pairs(chosen: Sequence[Pair], masks: Sequence[int], names: int) -> int:
    """How many of the ``chosen`` pairs match a name token of the first side (``masks``:
    its items' tokens, ``names``: its name tokens, as bit masks): the names two names
    agree on (words written together count once)."""
    return sum(1 for pair in chosen if masks[pair[2]] & names)


def prefixed_apart(
    chosen: Sequence[Pair],
    masks: Sequence[int],
    names: int,
    prefixed: tuple[tuple[int, int], ...],
) -> int:
    """How many name prefixes of the first side (``prefixed``: :func:`prefixed_names`) are
    matched by one of the ``chosen`` pairs that :func:`name_pairs` counts (``names``) and
    the name they stand before by another: a
    kunya or a theophoric name is one name (``Abd al-Aziz`` and ``AZIZ, Abdul`` agree on
    one name, not two)."""
    apart = 0
    for prefix, name in prefixed:
        holders = [
            {index for index, pair in enumerate(chosen) if masks[pair[2]] & bit & names}
            for bit in (prefix, name)
        ]
        apart += bool(holders[0] and holders[1] and not holders[0] & holders[1])
    return apart


TWO_NAMES_EVIDENCE = 14.0
"""Two people's names that agree on two names only while one of them has a name more (a
middle name or a second surname the other leaves out, not a patronymic: ``LUIS SANCHEZ``
and ``SANCHEZ ARELLANO, Luis Fernando``) score at most ONE_WORD_CAP unless the two names
they agree on weigh this much together (pair weights: two words in fewer than about 35
list names each); two common names are shared by too many people to alert on."""


Side = tuple[int, int, Sequence[Item], tuple[tuple[int, int], ...], int]
"""One name of a comparison as the caps see it: its name tokens and its matched tokens (bit
masks), its unmatched single items, its name prefixes (:func:`prefixed_names`), and its
surname (:func:`surname_bit`)."""
INITIAL_CAP = 0.75
"""Two people's names where an initial meets a surname (the last name in name order, as
``M`` meets ``MIR`` of ``MIR-HEJAZI, Ali Asqar``) score at most this, below
DEFAULT_THRESHOLD: an initial stands for a given name (``J. Smith``, ``SMITH, J.``)."""


def surname_bit(text: str, count: int) -> int:
    """The token (a bit mask) of the surname of a person's name ``text`` of ``count``
    tokens: the last in name order (:func:`name_order`); 0 for a name of one token."""
    return 1 << name_order(text, count)[-1] if count > 1 else 0


def initial_for_surname(chosen: Sequence[Pair], masks: Sequence[int], a: Side, b: Side) -> bool:
    """Whether an initial of one name meets the surname of the other (``masks``: the first
    side's items' tokens; an initial and a word are single items, the first of a name)."""
    return any(
        masks[pair[2]] & a[4] or 1 << pair[3] & b[4] for pair in chosen if pair[4] == "initial"
    )


FIRST_NAMES_CAP = 0.75
"""Two people's names that agree on two names or more while the first given name of each
(the first name word in name order, not an initial) is unmatched score at most this,
below DEFAULT_THRESHOLD: brothers and sisters share the rest (``Ali Ben Taher Ben Faleh
Ouni Harzi`` and ``Tarak Ben Taher Ben Faleh Ouni Harzi``)."""


def first_name_bit(text: str, tokens: Sequence[Token] | Sequence[Item]) -> int:
    """The token (a bit mask) of the first given name of a person's name ``text`` of
    ``tokens``: its first name word in name order (:func:`name_order`), if that is not an
    initial; 0 otherwise."""
    for index in name_order(text, len(tokens)):
        token = tokens[index]
        if token.role is Role.NAME:
            return 1 << index if len(token.text) > 1 else 0
    return 0


def person_caps(
    chosen: Sequence[Pair],
    masks: Sequence[int],
    a: Side,
    b: Side,
    *,
    listed: bool = True,
    syllabic: bool = False,
    firsts: tuple[int, int] = (0, 0),
) -> list[str]:
    """The caps on two people's names, each said in words (none if the score is free):

    * they agree on one name only (:func:`name_pairs`, ``masks``: the first side's items'
      tokens) and are not the same name (every token of both matched, titles aside, and
      exactly: a one-word query still finds its own record): ONE_WORD_CAP;
    * they agree on two names only, one has a name more, and the two weigh less than
      TWO_NAMES_EVIDENCE or are syllables of Korean, Chinese or Burmese names
      (``syllabic``: a syllable is shared by too many people, however rare on the lists):
      ONE_WORD_CAP (only with the rarities of a list, ``listed``);
    * a name prefix is unmatched while the name it stands before is matched, or the other
      way round: PREFIX_CAP (:func:`prefix_cap`);
    * an initial meets a surname: INITIAL_CAP (:func:`initial_for_surname`);
    * they agree on two names or more but the first given name of each (``firsts``:
      :func:`first_name_bit` of each side) is unmatched: FIRST_NAMES_CAP.

    Names of companies and vessels are not capped (they are often one word)."""
    names_a, used_a, free_a, prefixed_a, _surname_a = a
    _names_b, used_b, free_b, prefixed_b, _surname_b = b
    free = (*free_a, *free_b)
    agreeing = name_pairs(chosen, masks, names_a) - prefixed_apart(
        chosen, masks, names_a, prefixed_a
    )
    found = []
    if agreeing == 1 and not (
        all(item.text in TITLES for item in free) and all(pair[0] >= 1.0 for pair in chosen)
    ):
        found.append(f"the names agree on one name only (at most {ONE_WORD_CAP:.2f})")
    elif (
        listed
        and agreeing == 2  # noqa: PLR2004
        and any(item.role is Role.NAME and item.unmatched >= item.weight for item in free)
        and (syllabic or sum([pair[1] for pair in chosen]) < TWO_NAMES_EVIDENCE)
    ):
        found.append(
            f"the names agree on two common names only, one has a name more "
            f"(at most {ONE_WORD_CAP:.2f})"
        )
    if prefix_cap(prefixed_a, used_a, prefixed_b, used_b) < 1.0:
        found.append(
            f"a name prefix (Abu, Abd ...) unmatched makes another name (at most {PREFIX_CAP:.2f})"
        )
    if initial_for_surname(chosen, masks, a, b):
        found.append(f"an initial stands for a surname (at most {INITIAL_CAP:.2f})")
    if (
        agreeing >= 2  # noqa: PLR2004
        and firsts[0]
        and firsts[1]
        and not used_a & firsts[0]
        and not used_b & firsts[1]
    ):
        found.append(f"the first given names differ (at most {FIRST_NAMES_CAP:.2f})")
    return found


def capped(caps: Sequence[str]) -> float:
    """The most a score may be under ``caps`` (:func:`person_caps`)."""
    if not caps:
        return 1.0
    return min(ONE_WORD_CAP, PREFIX_CAP, INITIAL_CAP, FIRST_NAMES_CAP)


NAME_PREFIXES = frozenset(
    {"abu", "abou", "abo", "umm", "um", "abd", "abdul", "abdel", "abdal", "abdoul", "abdu"}
)
"""Words that make another name of the name they stand before: a kunya (``Abu Bakr`` is not
``Bakr``, ``Abu Abd al-Aziz`` not ``Abd al-Aziz``) or a theophoric name (``Abd al-Aziz``,
``Abdul Jawad`` are not ``Aziz``, ``Jawad``)."""
PREFIX_CAP = 0.75
"""Two names of people where one has a name prefix (NAME_PREFIXES) left unmatched before
a name both share, or matched while the name it stands before is not, score at most
this, below DEFAULT_THRESHOLD: the prefix makes another name (``Abd al-Aziz`` and ``Abu
Abd al-Aziz``, ``Naser ABDUL JAWAD`` and ``JAVED, Naser``)."""


def prefixed_names(tokens: Sequence[Token]) -> tuple[tuple[int, int], ...]:
    """Each name prefix of ``tokens`` (NAME_PREFIXES) followed, past particles, by a name
    token: the two tokens' bits."""
    found = []
    for index, token in enumerate(tokens):
        if token.text in NAME_PREFIXES:
            for after in range(index + 1, len(tokens)):
                if tokens[after].role is Role.NAME:
                    found.append((1 << index, 1 << after))
                    break
    return tuple(found)


def prefix_cap(
    a: tuple[tuple[int, int], ...], used_a: int, b: tuple[tuple[int, int], ...], used_b: int
) -> float:
    """PREFIX_CAP when a name prefix of either name (``a``, ``b``: :func:`prefixed_names`)
    is unmatched (not in ``used_a``, ``used_b``) while the name it stands before is
    matched, or the other way round (``Abd al-Aziz al-Ghadir`` and ``QADIR, Abdul``: the
    Abd of one is not the Abdul of the other); else 1.0."""
    for prefixes, used in ((a, used_a), (b, used_b)):
        for prefix, name in prefixes:
            if bool(used & name) != bool(used & prefix):
                return PREFIX_CAP
    return 1.0


NUMBER_MISMATCH = 0.7
"""Two names that each have a number the other has not (``RUNG RA 1``, ``RUNG RA 2``)
keep this share of their score: numbered ships, plants and holdings are different
parties (logic-v2 takes 0.3 off as well)."""


def number_mismatch(a: Sequence[Item], b: Sequence[Item]) -> float:
    """NUMBER_MISMATCH when both names' unmatched single items (``a``, ``b``) hold a
    number, else 1.0."""
    if any(item.text.isdigit() for item in a) and any(item.text.isdigit() for item in b):
        return NUMBER_MISMATCH
    return 1.0


NEGATIONS = frozenset({"non", "not"})
"""Words that negate the word after them (``NON-STATE``, ``NOT FOR PROFIT``). (Not the
Russian ``NE``: written apart it is more often initials, ``N.E. BAUMAN``, and written
onto its word, ``NEGOSUDARSTVENNYI``, it makes a word the other does not have.)"""


def negated(texts: Sequence[str], used: int) -> bool:
    """Whether a name (its tokens' ``texts``, ``used``: its matched tokens as a bit mask)
    has a negation (NEGATIONS) unmatched before a word that is matched."""
    return any(
        text in NEGATIONS and not used >> index & 1 and used >> (index + 1) & 1
        for index, text in enumerate(texts[:-1])
    )


def negation_mismatch(a: Sequence[str], used_a: int, b: Sequence[str], used_b: int) -> float:
    """NUMBER_MISMATCH when one name negates a word both names have and the other does
    not (:func:`negated`; ``a``, ``b``: the tokens' texts, ``used_a``, ``used_b``: the
    matched tokens): ``NON-STATE PENSION FUND`` is not the ``STATE PENSION FUND``; else
    1.0. (``NON-COMMERCIAL INSTITUTE`` against ``INSTITUTE`` leaves the negated word out
    too; ``NON-STATE`` read as ``PRIVATE``, a phrase of data/org_words.txt, is matched.)"""
    return NUMBER_MISMATCH if negated(a, used_a) != negated(b, used_b) else 1.0


OMITTED_UNMATCHED = 0.3
"""When every name token of one name is matched (OMITTED_MIN of them at least), the
other name's unmatched tokens are words it adds, not words that contradict: they count
for this share of their weight (``BANK REFAH`` in ``BANK REFAH KARGARAN``)."""
OMITTED_MIN = 2
"""How many matched name tokens a name matched whole needs for the rule above."""
OMITTED_MIN_PERSON = 3
"""The same for people: a given name and a surname alone are shared by many people
(``Luis Sanchez`` is not ``SANCHEZ ARELLANO, Luis Fernando``)."""
SINGLE_WORD_MIN = 7.0
"""A name of an organisation or a vessel of one word (:func:`one_word`) matched by a rare
word (a pair weighing this much at least: a word in fewer than about 1 list name in
1,100) is matched whole, although it has fewer than OMITTED_MIN name tokens: ``ROSNEFT``
is left out of nothing in ``ROSNEFT OIL COMPANY``. Not for people (one name is shared by
many)."""
SINGLE_WORD_LETTERS = 4
"""How many letters the rare word must have for the rule above: shorter ones (``ESO``,
``SPB``, ``A1``) are codes and abbreviations that many names share."""
SINGLE_SIMILARITY = 0.95
"""How alike the rare word must be to its pair for the rule above (the same word, or a
spelling that differs only in its vowels' marks or a doubled letter)."""


def one_word(roles: Iterable[Role]) -> bool:
    """Whether a name of tokens of these ``roles`` is one name word, with legal forms at
    most (``ROSNEFT``, ``DENA FZE``; not ``AL KHALDI``, whose particle may be of a
    person's name, nor ``LIANG BIN``)."""
    names = 0
    for role in roles:
        if role is Role.NAME:
            names += 1
        elif role is not Role.LEGAL_FORM:
            return False
    return names == 1


def rare_pair(chosen: Sequence[Pair], items: Sequence[Item]) -> bool:
    """Whether one of the ``chosen`` pairs is a rare word (SINGLE_WORD_MIN,
    SINGLE_SIMILARITY) that is no name people bear (``items``: the first side's; a vessel
    ``THEODOROS`` is not matched whole in ``Theodoros Ackermann``)."""
    for similarity, weight, i, _j, _how in chosen:
        if similarity >= SINGLE_SIMILARITY and weight >= SINGLE_WORD_MIN:
            item = items[i]
            if (
                len(item.text) >= SINGLE_WORD_LETTERS
                and not item.groups
                and population_share(item.text) == 0.0
            ):
                return True
    return False


def whole_least(*, person: bool, one_rare_word: bool = False) -> int:
    """How many name tokens a name matched whole needs, with as many pairs, for the
    other's unmatched words to count less (:func:`omitted_words`): OMITTED_MIN_PERSON for
    people, OMITTED_MIN for others, but one when one of the names is one word and is
    matched by a rare word (``one_rare_word``: :func:`one_word` of either name, and
    :func:`rare_pair`)."""
    if person:
        return OMITTED_MIN_PERSON
    return 1 if one_rare_word else OMITTED_MIN


def omitted_words(
    names_a: int,
    used_a: int,
    names_b: int,
    used_b: int,
    unmatched: float,
    *,
    least: int,
    pairs: int,
) -> float:
    """How much less the ``unmatched`` weight counts when one name's name tokens
    (``names_a``, a bit mask) are all among its matched tokens (``used_a``), and enough of
    them (``least``: :func:`whole_least`), in as many ``pairs`` at least (so that words
    written together, one pair, do not count for two): the other's unmatched tokens are
    then left out by the first, not contradicted."""
    if pairs < least:
        return 0.0
    for names, used in ((names_a, used_a), (names_b, used_b)):
        if names and not names & ~used and (names & used).bit_count() >= least:
            return unmatched * (1.0 - OMITTED_UNMATCHED)
    return 0.0


def span_bounds(tokens: tuple[Token, ...]) -> list[tuple[int, int]]:
    """Where runs of tokens may be joined: two tokens, one of five letters or fewer (``jin
    ping``, ``al qaida``, ``abdul rahman``) or a phrase of data/org_words.txt (``machine
    building``), or three around a short one (``bashir ud din``); never across a legal
    form."""
    bounds = []
    count = len(tokens)
    for start in range(count - 1):
        first, second = tokens[start], tokens[start + 1]
        if first.role is Role.LEGAL_FORM or second.role is Role.LEGAL_FORM:
            continue
        if (
            min(len(first.text), len(second.text)) <= _SHORT_PART
            or first.text + second.text in JOINED_PHRASES
        ):
            bounds.append((start, start + 2))
    for start in range(count - 2):
        run = tokens[start : start + 3]
        if len(run[1].text) <= _SHORT_MIDDLE and all(t.role is not Role.LEGAL_FORM for t in run):
            bounds.append((start, start + 3))
    return bounds


def make_form(text: str, rarity: Rarity, *, legal_forms: bool = True) -> Form:
    """Normalise ``text`` and weigh its tokens with ``rarity`` (cached: see Rarity.form)."""
    return rarity.form(text, legal_forms=legal_forms)


def _ratio(a: str, b: str) -> float:
    return float(Indel.normalized_similarity(a, b))


JOINED_CONSONANTS_MIN = 3
"""Words joined and a word of one consonant key this long or longer, where a name was
written in Arabic script, are one name written apart or together (``حمد الله``, read
``hmd allah``, and ``HAMDULLAH``; ``مطيع الله`` and ``MATIULLAH``)."""


def _relate_joined(a: Item, b: Item, *, abjad: bool) -> tuple[float, str] | None:
    if a.span and b.span:
        return None
    single = b if a.span else a
    if single.role is not Role.NAME:
        return None
    if a.text == b.text:
        return 1.0, "joined"
    if a.sound == b.sound and len(a.sound) >= _SOUND_SHORT and _alike_spellings(a.text, b.text):
        return 0.9, "joined, spelling variant"
    return _joined_otherwise(a, b, single, abjad=abjad) if abjad or a.groups else None


def _joined_otherwise(a: Item, b: Item, single: Item, *, abjad: bool) -> Relation:
    """Words joined and a word (``single``) of one consonant key where a name was written
    in Arabic script (حمد الله, ``hmd allah``, and HAMDULLAH: written apart in the script),
    or a phrase and a word of data/org_words.txt (``non state`` and ``private``)."""
    if (
        abjad
        and a.consonants == b.consonants
        and len(a.consonants) >= JOINED_CONSONANTS_MIN
        and single.text.isalpha()
    ):
        return 0.85, "joined, consonants (Arabic script)"
    if a.groups and b.groups and not set(a.groups).isdisjoint(b.groups):
        return NAME_EQUIVALENT, "same words in another language"
    return None


def _relate_legal_forms(a: Item, b: Item) -> tuple[float, str] | None:
    """Two legal forms of one family; or a legal form and a short form read as a name at
    the start of the other name (``AO SLAVA`` and ``JSC SLAVA``: ``AO`` may begin a name,
    so it is read as one, but it still meets a form of its family)."""
    if a.role is not b.role:
        named = b if a.role is Role.LEGAL_FORM else a
        if named.role is not Role.NAME or named.span or named.acronym:
            return None
    if a.text == b.text:
        return (1.0, "same legal form") if a.role is b.role else None
    family_a = LEGAL_FORM_CLASSES.get(a.text)
    if family_a is not None and family_a == LEGAL_FORM_CLASSES.get(b.text):
        return 0.95, "equivalent legal form"
    return None


SPELLING_BUDGET: tuple[tuple[int, int], ...] = ((4, 0), (6, 1), (9, 2))
"""How many letters two spellings with one sound key may differ by (Levenshtein distance
of their :func:`spelling_key`), by the length of the shorter: under 4 letters none, under
6 one, under 9 two, then three. Beyond it they are different names that only sound alike
once every vowel is one (``putin`` and ``petion``, ``pierre`` and ``peria``)."""


def _spelling_budget(length: int) -> int:
    for below, budget in SPELLING_BUDGET:
        if length < below:
            return budget
    return 3


def _alike_spellings(a: str, b: str) -> bool:
    key_a, key_b = spelling_key(a), spelling_key(b)
    budget = _spelling_budget(min(len(key_a), len(key_b)))
    return Levenshtein.distance(key_a, key_b, score_cutoff=budget) <= budget


def _two_given_names(a: Item, b: Item) -> bool:
    """Whether two words are both given names of data/given_names.txt in no group together:
    two names, however their keys meet (``Mohammed`` and ``Mahamud``, ``Hamed`` and
    ``Hamoud``)."""
    given_a = [group for group in a.groups if group.startswith("g")]
    given_b = [group for group in b.groups if group.startswith("g")]
    return bool(given_a and given_b) and not set(given_a).intersection(given_b)


def _relate_spellings(a: Item, b: Item, *, abjad: bool) -> Relation:
    if a.groups and b.groups and _two_given_names(a, b):
        return None
    if a.sound == b.sound and (abjad or _alike_spellings(a.text, b.text)):
        floor = 0.9 if len(a.sound) >= _SOUND_SHORT else 0.8
        return max(_ratio(a.text, b.text), floor), "transliteration variant"
    if a.groups and b.groups:
        shared = set(a.groups).intersection(b.groups)
        if shared:
            word = "given name" if min(shared).startswith("g") else "word in another form"
            return NAME_EQUIVALENT, f"same {word}"
    if (
        a.consonants == b.consonants
        and len(a.consonants) >= 2  # noqa: PLR2004
        and (
            (abjad and not _nisba_apart(a.text, b.text))
            or (
                len(a.consonants) >= CONSONANTS_MIN
                and (a.text[-1] == "i") == (b.text[-1] == "i")
                and _alike_spellings(a.text, b.text)
            )
        )
    ):
        how = "consonants (Arabic script)" if abjad else "spelling variant (one consonant key)"
        return max(_ratio(a.text, b.text), 0.85), how
    return _relate_close(a, b)


def _relate_close(a: Item, b: Item) -> Relation:
    """Two words of no key in common: two syllables, a short word, a typo."""
    if _other_syllables(a.text, b.text):
        return _relate_syllables(a, b)
    if a.short or b.short:
        return _relate_short(a, b)
    return _relate_syllables(a, b) or _relate_names_typo(a, b)


SYLLABLE_TYPO_MAX = 4
"""Two syllables of Korean, Chinese or Burmese names (:func:`syllable_vowels`) with the
same vowels, the shorter of this many letters or fewer, that differ in a consonant
other than an h are two syllables, not a typo of one (:func:`_other_syllables`)."""


def _other_syllables(a: str, b: str) -> bool:
    """Whether two words are two syllables of Korean, Chinese or Burmese names, not one
    misspelt: the same vowels, a consonant apart (``Chun`` and ``Chul``, ``Yun`` and
    ``Yu``, ``Than`` and ``Thant``, ``Aung`` and ``Kaung``), the shorter of
    SYLLABLE_TYPO_MAX letters or fewer. An h added or dropped marks an aspirated
    consonant (``Htun``, ``Tun``) and is the same syllable."""
    if min(len(a), len(b)) > SYLLABLE_TYPO_MAX:
        return False
    vowels = syllable_vowels(a)
    if not vowels or vowels != syllable_vowels(b):
        return False
    shorter, longer = sorted((a, b), key=len)
    return not (
        len(longer) == len(shorter) + 1
        and any(
            longer[index] == "h" and longer[:index] + longer[index + 1 :] == shorter
            for index in range(len(longer))
        )
    )


def _nisba_apart(a: str, b: str) -> bool:
    """Whether, of two words of one consonant key where a name was written in Arabic
    script, one ends in the i (or y) of a nisba and the other in a consonant: the script
    writes that i (زاهدي, Zahedi), so ``zahd`` (زاهد) is Zahed, not Zahedi. (A final a may
    be the letter ى, read a or i: ``حقانى`` is Haqqani.)"""
    ends = (a[-1] in "iy", b[-1] in "iy")
    return ends[0] != ends[1] and (a if ends[1] else b)[-1] not in "aeiou"


def _relate_syllables(a: Item, b: Item) -> Relation:
    if len(a.text) <= _SYLLABLE_MAX and len(b.text) <= _SYLLABLE_MAX:
        key = syllable_key(a.text)
        if key and key == syllable_key(b.text):
            return SYLLABLE_SIMILARITY, "romanisation variant (Korean, Chinese)"
    return None


def _relate_names_typo(a: Item, b: Item) -> Relation:
    """One typo apart, unless both are established names (or two names people bear)."""
    if (
        a.fuzzy
        and b.fuzzy
        and abs(len(a.text) - len(b.text)) <= 1  # (else no typo: _relate_typo)
        and not ((a.common and b.common) or _two_known_names(a.text, b.text))
    ):
        return _relate_typo(a, b)
    return None


SYLLABLE_SIMILARITY = 0.85
"""The similarity of two syllables of a Korean or Chinese name that two romanisations
spell with a voiced and an unvoiced consonant (``Chong`` and ``Jong``, :func:`syllable_key`)."""
_SYLLABLE_MAX = 6


def _two_known_names(a: str, b: str) -> bool:
    """Whether two words of one length, each a name people bear (:func:`population_share`:
    500 bearers or more), differ by more than one letter changed or two adjacent letters
    swapped (a letter dropped in one place and another added elsewhere: Amran and Ayman
    are two names, while Eyad and Iyad, Pong and Bong, Benham and Behnam are spellings of
    one)."""
    # (the distance first: a typo is one letter apart, and the list word's share is a
    # look-up in a large table)
    return (
        len(a) == len(b)
        and OSA.distance(a, b, score_cutoff=2) >= 2  # noqa: PLR2004 - see the docstring
        and population_share(a) > 0.0
        and population_share(b) > 0.0
    )


def _relate_typo(a: Item, b: Item) -> tuple[float, str] | None:
    if abs(len(a.text) - len(b.text)) <= 1:
        distance = Indel.distance(a.text, b.text, score_cutoff=2)
        if distance <= 2:  # noqa: PLR2004 - one typo: a letter changed, added, dropped or swapped
            similarity = _ratio(a.text, b.text)
            if similarity >= 0.7:  # noqa: PLR2004
                return similarity, "spelling variant"
    return None


def _relate_codes(a: Item, b: Item) -> Relation:
    """Codes of letters and digits: one typo apart, and only against one another. Plain
    numbers differ by a digit dropped at most (``65986`` and ``6586``): a digit changed
    is another number (``HYUNDAI MIPO 2656`` is not ``HYUNDAI MIPO 2657``)."""
    if not (a.fuzzy and b.fuzzy) or a.text.isalpha() or b.text.isalpha():
        return None
    if (a.text.isdigit() or b.text.isdigit()) and len(a.text) == len(b.text):
        return None
    return _relate_typo(a, b)


def _relate_short(a: Item, b: Item) -> tuple[float, str] | None:
    """Two letters against three: the three with one letter dropped (``nts`` and ``ns``)."""
    short, other = (a, b) if a.short else (b, a)
    if len(other.text) == _SHORT + 1 and other.fuzzy:
        text = other.text
        if any(text[:i] + text[i + 1 :] == short.text for i in range(len(text))):
            return _SHORT_SIMILARITY, "spelling variant"
    return None


INITIAL_SIMILARITY = 0.7
"""The similarity of an initial and a name word it begins (``J.`` and ``John``)."""
ACRONYM_SIMILARITY = 0.9
"""The similarity of an acronym and the words whose initials it is (``IRGC`` and
``ISLAMIC REVOLUTIONARY GUARD CORPS``)."""


def _relate_acronym(a: Item, b: Item) -> Relation:
    """An acronym (:func:`acronym_runs`) and a word, or words written together, of the
    same letters."""
    if a.acronym and b.acronym:
        return None
    word, acronym = (b, a) if a.acronym else (a, b)
    if word.role is Role.NAME and word.text == acronym.text and word.text.isalpha():
        return ACRONYM_SIMILARITY, "acronym"
    return None


def relate(a: Item, b: Item, *, abjad: bool) -> Relation:
    """The similarity of two items and how they relate, or None if they are unrelated."""
    if a.span or b.span:
        return (
            _relate_acronym(a, b) if a.acronym or b.acronym else _relate_joined(a, b, abjad=abjad)
        )
    if a.role is Role.LEGAL_FORM or b.role is Role.LEGAL_FORM:
        return _relate_legal_forms(a, b)
    if a.text == b.text or a.role is not b.role:
        return (1.0, "exact") if a.text == b.text else None
    if not (a.text.isalpha() and b.text.isalpha()):
        return _relate_codes(a, b)
    if len(a.text) == 1 or len(b.text) == 1:  # an initial meets only a word it begins
        return (INITIAL_SIMILARITY, "initial") if initials_meet(a, b) else None
    return _relate_spellings(a, b, abjad=abjad)


def index_keys(item: Item) -> tuple[tuple[str, str], ...]:
    """The keys under which the candidate index files an item.

    Two related items (see :func:`relate`) always share a key, but for an initial and a
    word it begins: the word is filed under its first letter (``f``), which only
    :func:`lookup_keys` of an initial asks for. The consonant keys are consulted only for
    names written in an Arabic or Hebrew script.
    """
    keys = [("t", item.text)]
    if item.acronym:
        return tuple(keys)
    if item.role is Role.LEGAL_FORM:
        keys.append(("L", LEGAL_FORM_CLASSES[item.text]))
        return tuple(keys)
    if not item.text.isalpha():
        if item.fuzzy:
            text = item.text
            keys.append(("d", text))
            keys.extend(("d", text[:i] + text[i + 1 :]) for i in range(len(text)))
        return tuple(dict.fromkeys(keys))
    if item.short:
        keys.append(("d", item.text))
    if not item.span or len(item.sound) >= _SOUND_SHORT:
        keys.append(("s", item.sound))
    if not item.span and item.role is Role.NAME:
        keys.extend(_word_keys(item))
    keys.extend(("n", group) for group in item.groups)
    if item.fuzzy:
        text = item.text
        keys.append(("d", text))
        keys.extend(("d", text[:i] + text[i + 1 :]) for i in range(len(text)))
    if is_initialed(item):
        keys.append(("f", item.text[0]))
    return tuple(dict.fromkeys(keys))


def _word_keys(item: Item) -> list[tuple[str, str]]:
    """The keys of one name word: its consonants (of two letters or more), the family of a
    short legal form read as a name (``AO``), the key of a syllable of a Korean or Chinese
    name (:func:`syllable_key`)."""
    text = item.text
    keys = [("c", item.consonants)] if len(item.consonants) >= 2 else []  # noqa: PLR2004
    family = LEGAL_FORM_CLASSES.get(text)
    if family is not None:
        keys.append(("L", family))
    if len(text) <= _SYLLABLE_MAX:
        syllable = syllable_key(text)
        if syllable:
            keys.append(("y", syllable))
    return keys


def lookup_keys(item: Item) -> tuple[tuple[str, str], ...]:
    """The keys under which the candidate index looks for the items related to ``item``:
    its :func:`index_keys` (but a word's first letter), and for an initial the words it
    may stand for (filed under their first letter), for a word the initial it begins with
    (filed under its text)."""
    keys = index_keys(item)
    if item.span and not item.acronym and len(item.consonants) >= JOINED_CONSONANTS_MIN:
        # words joined meet a word of their consonants (Arabic script), filed as a word
        return (*keys, ("c", item.consonants))
    if is_initial(item):
        return (*keys, ("f", item.text))
    if is_initialed(item):
        # not its own first-letter key: that would gather every word of its first letter
        return (*[key for key in keys if key[0] != "f"], ("t", item.text[0]))
    return keys


Pair = tuple[float, float, int, int, str]
"""similarity, pair weight, item index on side a, item index on side b, how."""


def pair_order(pair: Pair) -> tuple[float, bool, float, int, int]:
    """Best similarity first; at equal similarity single tokens before joined ones, then
    heavier pairs (so that a name always aligns with itself token by token)."""
    return (-pair[0], pair[4].startswith("joined"), -pair[1], pair[2], pair[3])


def align(pairs: list[Pair], a: Form, b: Form) -> list[Pair]:
    """Choose pairs greedily, best similarity (then weight) first, each token used once."""
    pairs.sort(key=pair_order)
    chosen: list[Pair] = []
    _choose(pairs, a, b, chosen, (0, 0))
    return chosen


def _choose(
    pairs: list[Pair], a: Form, b: Form, chosen: list[Pair], used: tuple[int, int]
) -> tuple[int, int]:
    """Add to ``chosen`` the greedy choice among ``pairs`` (in :func:`pair_order`), given
    the tokens already ``used`` on each side (bit masks); return the tokens used then."""
    a_masks, b_masks = a.masks, b.masks
    used_a, used_b = used
    for pair in pairs:
        mask_a = a_masks[pair[2]]
        mask_b = b_masks[pair[3]]
        if used_a & mask_a or used_b & mask_b:
            continue
        used_a |= mask_a
        used_b |= mask_b
        chosen.append(pair)
    return used_a, used_b


def left_free(
    chosen: Sequence[Pair], a: Form, b: Form
) -> tuple[int, int, list[FormItem], list[FormItem]]:
    """The tokens of ``a`` and ``b`` an alignment uses (bit masks), and their single items
    it leaves unmatched."""
    used_a = used_b = 0
    for _similarity, _weight, i, j, _how in chosen:
        used_a |= a.masks[i]
        used_b |= b.masks[j]
    free_a = [item for index, item in enumerate(a.singles) if not used_a >> index & 1]
    free_b = [item for index, item in enumerate(b.singles) if not used_b >> index & 1]
    return used_a, used_b, free_a, free_b


def score_pairs(chosen: list[Pair], a: Form, b: Form, *, person: bool = False) -> float:
    """The name score of an alignment (``person``: middle names left out count less)."""
    matched = paired = 0.0
    unmatched = a.total + b.total
    for similarity, weight, i, j, _how in chosen:
        matched += similarity * weight
        paired += weight
        unmatched -= a.items[i].unmatched + b.items[j].unmatched
    if matched <= 0.0:
        return 0.0
    used_a, used_b, free_a, free_b = left_free(chosen, a, b)
    unmatched += patronymic_contradiction(free_a, free_b)
    middles = 0.0
    if person and (a.middle or b.middle) and not (a.syllabic or b.syllabic):
        middles = omitted_middles(
            middle_tokens(a.middle, a.names, used_a), middle_tokens(b.middle, b.names, used_b)
        )
    unmatched -= middles
    unmatched -= omitted_words(
        a.names,
        used_a,
        b.names,
        used_b,
        max(unmatched, 0.0),
        least=whole_least(
            person=person,
            one_rare_word=not person
            and rare_pair(chosen, a.items)
            and (one_word([t.role for t in a.tokens]) or one_word([t.role for t in b.tokens])),
        ),
        pairs=len(chosen),
    )
    score = (
        matched
        / (paired + max(unmatched, 0.0) / 2.0)
        * number_mismatch(free_a, free_b)
        * negation_mismatch(a.order, used_a, b.order, used_b)
    )
    if person:
        caps = person_caps(
            chosen,
            a.masks,
            (a.names, used_a, free_a, a.prefixed, a.surname),
            (b.names, used_b, free_b, b.prefixed, b.surname),
            listed=a.listed,
            syllabic=a.syllabic or b.syllabic,
            firsts=(first_name_bit(a.text, a.tokens), first_name_bit(b.text, b.tokens)),
        )
        return min(capped(caps), score)
    return score


def all_pairs(a: Form, b: Form) -> list[Pair]:
    """Every related pair of items of two forms."""
    abjad = a.abjad or b.abjad
    pairs: list[Pair] = []
    for i, item_a in enumerate(a.items):
        for j, item_b in enumerate(b.items):
            found = relate(item_a, item_b, abjad=abjad)
            if found is not None:
                weight = (item_a.weight + item_b.weight) / 2.0
                pairs.append((found[0], weight, i, j, found[1]))
    return pairs


def compare_forms(a: Form, b: Form, *, person: bool = False) -> tuple[float, list[Pair], bool]:
    """Score two forms in a canonical order; say whether the sides were swapped."""
    swapped = b.order < a.order
    first, second = (b, a) if swapped else (a, b)
    chosen = align_forms(first, second)
    return score_pairs(chosen, first, second, person=person), chosen, swapped


def align_forms(a: Form, b: Form) -> list[Pair]:
    """The alignment ``align(all_pairs(a, b), a, b)``, found with less work.

    The greedy choice takes pairs of similarity 1.0 that join nothing first, and those
    are the pairs of one word on both sides (two different words are at most 0.95
    alike). So they are chosen first, from the words the names share; then the items
    with no token taken yet are related, those with a relation key in common only.
    """
    if a.keys.isdisjoint(b.keys) and not (a.initials & b.firsts or b.initials & a.firsts):
        return []  # no word, sound, near spelling or initial in common: nothing is related
    abjad = a.abjad or b.abjad
    chosen: list[Pair] = []
    used = _choose(_same_words(a, b, abjad=abjad), a, b, chosen, (0, 0))
    _choose(_free_pairs(a, b, used, abjad=abjad), a, b, chosen, used)
    return chosen


def _same_words(a: Form, b: Form, *, abjad: bool) -> list[Pair]:
    """The related pairs of one word on both sides, in :func:`pair_order` (all of them
    have similarity 1.0 and join nothing, so heavier first, then by position)."""
    a_items, b_items = a.items, b.items
    same: list[tuple[float, int, int, tuple[float, str]]] = []
    for text in a.positions.keys() & b.positions.keys():
        for i in a.positions[text]:
            for j in b.positions[text]:
                found = relate(a_items[i], b_items[j], abjad=abjad)
                if found is not None:
                    weight = (a_items[i].weight + b_items[j].weight) / 2.0
                    same.append((-weight, i, j, found))
    same.sort()
    return [(similarity, -negative, i, j, how) for negative, i, j, (similarity, how) in same]


def _free_pairs(a: Form, b: Form, used: tuple[int, int], *, abjad: bool) -> list[Pair]:
    """The related pairs of items whose tokens are not ``used`` yet on either side, in
    :func:`pair_order`."""
    used_a, used_b = used
    b_items = b.items
    free_b = [j for j, mask in enumerate(b.masks) if not mask & used_b]
    pairs: list[Pair] = []
    for i, (item_a, mask_a) in enumerate(zip(a.items, a.masks, strict=True)):
        if mask_a & used_a:
            continue
        keys = item_a.keys
        for j in free_b:
            item_b = b_items[j]
            if keys.isdisjoint(item_b.keys) and not initials_meet(item_a, item_b):
                continue
            found = relate(item_a, item_b, abjad=abjad)
            if found is not None:
                weight = (item_a.weight + item_b.weight) / 2.0
                pairs.append((found[0], weight, i, j, found[1]))
    if len(pairs) > 1:
        pairs.sort(key=pair_order)
    return pairs


def _rarity_word(weight: float) -> str:
    if weight <= FIXED_WEIGHT:
        return "little weight"
    if weight < 4.0:  # noqa: PLR2004
        return "common"
    if weight < 7.0:  # noqa: PLR2004
        return "uncommon"
    return "rare"


def token_rows(  # noqa: C901 - one row per token, each kind of row in one place
    chosen: list[Pair], a: Form, b: Form, *, swapped: bool, person: bool = False
) -> tuple[TokenMatch, ...]:
    """The alignment as rows, query side first, unmatched tokens last (``person``: middle
    names left out are said so, with their lesser weight)."""
    first, second = (b, a) if swapped else (a, b)
    rows: list[TokenMatch] = []
    used_a = used_b = 0
    for similarity, weight, i, j, how in chosen:
        item_a, item_b = first.items[i], second.items[j]
        used_a |= first.masks[i]
        used_b |= second.masks[j]
        left, right = (item_b, item_a) if swapped else (item_a, item_b)
        rows.append(
            TokenMatch(left.label, right.label, how, round(similarity, 4), round(weight, 3))
        )
    middles = (
        (
            middle_tokens(first.middle, first.names, used_a)[0],
            middle_tokens(second.middle, second.names, used_b)[0],
        )
        if person and not (first.syllabic or second.syllabic)
        else (0, 0)
    )
    if middles[0] and middles[1]:
        middles = (0, 0)  # a contradiction, not an omission: see omitted_middles
    least = OMITTED_MIN_PERSON if person else OMITTED_MIN
    whole = [
        bool(form.names)
        and not form.names & ~used
        and (form.names & used).bit_count() >= least
        and len(chosen) >= least
        for form, used in ((first, used_a), (second, used_b))
    ]
    free = [
        any(item.role is Role.NAME for i, item in enumerate(form.singles) if not used >> i & 1)
        for form, used in ((first, used_a), (second, used_b))
    ]
    for side, (form, used, is_left, middle) in enumerate(
        (
            (first, used_a, not swapped, middles[0]),
            (second, used_b, swapped, middles[1]),
        )
    ):
        left_out = whole[1 - side]
        for index, item in enumerate(form.singles):
            if middle & 1 << index:
                weight = min(item.unmatched, item.weight * MIDDLE_UNMATCHED)
                how = "unmatched middle name"
            elif not used & 1 << index:
                weight = item.unmatched
                if item.unmatched < item.weight and free[1 - side]:
                    weight, how = item.weight, "unmatched patronymic, against another name"
                elif item.unmatched < item.weight:
                    how = "unmatched patronymic"
                elif item.role is Role.NAME:
                    how = "unmatched name"
                else:
                    how = "unmatched " + item.role.name.lower().replace("_", " ")
                if left_out:
                    weight *= OMITTED_UNMATCHED
                    how += ", left out by the other name"
            else:
                continue
            label = item.label
            rows.append(
                TokenMatch(
                    label if is_left else "",
                    "" if is_left else label,
                    how,
                    0.0,
                    round(weight, 3),
                )
            )
    return tuple(rows)


def name_notes(chosen: list[Pair], a: Form, b: Form, *, person: bool) -> list[str]:
    """What else a name score says: two numbers that differ (NUMBER_MISMATCH), a person's
    one-word name capped (ONE_WORD_CAP)."""
    _used_a, _used_b, free_a, free_b = left_free(chosen, a, b)
    notes = []
    if chosen and number_mismatch(free_a, free_b) < 1.0:
        notes.append(f"the names hold different numbers (x{NUMBER_MISMATCH:.2f})")
    if chosen and negation_mismatch(a.order, _used_a, b.order, _used_b) < 1.0:
        notes.append(f"one name negates a word the other has (x{NUMBER_MISMATCH:.2f})")
    if chosen and person:
        used_a, used_b, free_a, free_b = left_free(chosen, a, b)
        notes.extend(
            person_caps(
                chosen,
                a.masks,
                (a.names, used_a, free_a, a.prefixed, a.surname),
                (b.names, used_b, free_b, b.prefixed, b.surname),
                listed=a.listed,
                syllabic=a.syllabic or b.syllabic,
                firsts=(first_name_bit(a.text, a.tokens), first_name_bit(b.text, b.tokens)),
            )
        )
    return notes


def describe(rows: tuple[TokenMatch, ...]) -> str:
    """One readable line for an alignment."""
    parts = []
    for row in rows:
        if row.query and row.candidate:
            sign = "=" if row.similarity >= 1.0 else "~"
            part = f"{row.query} {sign} {row.candidate} ({row.how}"
            if row.similarity < 1.0:
                part += f" {row.similarity:.2f}"
            part += f", {_rarity_word(row.weight)})"
        else:
            part = f"{row.query or row.candidate}: {row.how} ({_rarity_word(row.weight)})"
        parts.append(part)
    return "; ".join(parts) if parts else "no tokens"


def explain(
    chosen: list[Pair],
    a: Form,
    b: Form,
    *,
    swapped: bool,
    name_score: float,
    adjustments: tuple[Adjustment, ...] = (),
    score: float | None = None,
    subject: str = "",
    person: bool = False,
) -> Explanation:
    """The explanation of a comparison, with the adjustments made to its name score."""
    rows = token_rows(chosen, a, b, swapped=swapped, person=person)
    final = name_score if score is None else score
    typed = adjustments
    summary = f"{final:.2f}{subject}: {describe(rows)}"
    notes = name_notes(chosen, *((b, a) if swapped else (a, b)), person=person)
    if notes:
        summary += "; " + "; ".join(notes)
    if typed:
        summary += "; " + "; ".join(f"{item.reason} ({item.change:+.2f})" for item in typed)
    return Explanation(
        tokens=rows,
        name_score=round(name_score, 4),
        adjustments=typed,
        score=round(final, 4),
        summary=summary,
    )
