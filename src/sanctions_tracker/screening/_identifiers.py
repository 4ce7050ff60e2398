"""Screening by identifier: IMO and MMSI numbers, crypto addresses, SWIFT/BIC codes,
passports, national and tax ids, registration numbers ... matched exactly once written
the same way.

The rules, one place each (``IDENTIFIER_KINDS``): which identifier kinds of the records
are screened, how a value is written for comparison (:func:`normalise_identifier`), and
which values are read as an identifier in a free-text query (:func:`identifiers_in`):

* ``IMO 7406784`` (``IMO`` then seven digits whose last is the check digit of the six
  before: weights 7 to 2, the sum's last digit), ``MMSI 572469210`` (nine digits);
* a crypto address anywhere in the text: Bitcoin (``1...``, ``3...`` base58, ``bc1...``),
  Ethereum and its kin (``0x`` and 40 hexadecimal digits, compared in lower case), Tron
  (``T...``), and any other base58 run of 26 to 44 characters that a record holds;
* a SWIFT/BIC code (four letters, a country, two letters or digits, and an optional
  branch of three) after ``SWIFT`` or ``BIC`` (alone, with a digit in it, by the next rule);
* any other word of five characters or more with a digit in it, compared with every
  identifier the records hold (passport, national id, tax id, registration number ...):
  upper case, without spaces, dots, dashes or slashes.
"""

from __future__ import annotations

import re

from attrs import frozen

from sanctions_tracker.errors import QueryError

__all__ = [
    "IDENTIFIER_KINDS",
    "IdentifierQuery",
    "identifiers_in",
    "imo_check_digit_ok",
    "normalise_identifier",
    "parse_identifier",
]

IDENTIFIER_KINDS: frozenset[str] = frozenset(
    {
        "imo",
        "mmsi",
        "digital-currency-address",
        "swift-bic",
        "passport",
        "national-id",
        "tax-id",
        "registration-number",
        "identification-number",
        "cedula",
        "curp",
        "nit",
        "ruc",
        "rif",
        "vat-number",
        "unified-social-credit-code",
        "legal-entity-number",
        "economic-register-number",
        "trade-license",
        "drivers-license",
        "travel-document",
        "residency-number",
        "ssn",
        "duns",
        "bik",
        "isin",
        "imo-company-number",
        "aircraft-serial-number",
        "aircraft-tail-number",
        "aircraft-mode-s-code",
        "vessel-registration",
        "government-gazette-number",
        "electoral-registry",
        "military-service-card",
        "permit-number",
        "visa-number",
        "cuip",
    }
)
"""The identifier kinds of a record that screening looks up (not websites, e-mail
addresses, phone numbers or short licence numbers, which are not a party's own)."""

KIND_WORDS: dict[str, str] = {
    "imo": "imo",
    "mmsi": "mmsi",
    "swift": "swift-bic",
    "bic": "swift-bic",
    "swift-bic": "swift-bic",
    "crypto": "digital-currency-address",
    "wallet": "digital-currency-address",
    "digital-currency-address": "digital-currency-address",
    "passport": "passport",
    "national-id": "national-id",
    "tax-id": "tax-id",
}
"""Words that name an identifier's kind, given with ``identifier_kind``."""

_MIN_LENGTH = 5
_CASE_KEPT = ("digital-currency-address",)
_SEPARATORS = re.compile(r"[\s.\-/,:]+")
_IMO = re.compile(r"\bIMO[\s:#.-]*(\d{7})\b", re.IGNORECASE)
_MMSI = re.compile(r"\bMMSI[\s:#.-]*(\d{9})\b", re.IGNORECASE)
_SWIFT = re.compile(
    r"\b(?:SWIFT|BIC)(?:/BIC)?[\s:#.-]*([A-Z]{6}[A-Z0-9]{2}(?:[A-Z0-9]{3})?)\b", re.IGNORECASE
)
_CRYPTO = re.compile(
    r"\b(?:0x[0-9a-fA-F]{40}|bc1[02-9ac-hj-np-z]{11,71}|[13T][1-9A-HJ-NP-Za-km-z]{25,43}"
    r"|[1-9A-HJ-NP-Za-km-z]{26,44})\b"
)
_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9.\-/]*[A-Za-z0-9]")
_MAX_LENGTH = 128


@frozen
class IdentifierQuery:
    """An identifier to look up: its kind if known, its value as given, and as compared."""

    kind: str | None
    value: str
    key: str


def imo_check_digit_ok(number: str) -> bool:
    """Whether a seven-digit IMO number's last digit is the check digit of the six before.

    >>> imo_check_digit_ok("7406784"), imo_check_digit_ok("7406785")
    (True, False)
    """
    if len(number) != 7 or not number.isdigit():  # noqa: PLR2004 - IMO numbers have 7 digits
        return False
    total = sum(
        int(digit) * weight for digit, weight in zip(number[:6], range(7, 1, -1), strict=True)
    )
    return total % 10 == int(number[6])


def normalise_identifier(value: str, kind: str | None = None) -> str:
    """An identifier written for comparison: no spaces, dots, dashes, slashes or commas;
    upper case, but for crypto addresses (base58 is case-sensitive), whose ``0x`` hex
    form is lower case.

    >>> normalise_identifier("BE 454,419,759"), normalise_identifier("IMO 7406784", "imo")
    ('BE454419759', '7406784')
    """
    text = _SEPARATORS.sub("", value.strip())
    if kind == "imo" and text.upper().startswith("IMO"):
        text = text[3:]
    if kind in _CASE_KEPT or _CRYPTO.fullmatch(text):
        return text.lower() if text.lower().startswith("0x") else text
    return text.upper()


def parse_identifier(value: object, kind: str | None = None) -> IdentifierQuery:
    """An identifier given explicitly (``kind``: "imo", "mmsi", "swift", "crypto",
    "passport" ... or None for any). Raises QueryError for an IMO number whose check digit
    is wrong, an MMSI that is not nine digits, or a value too short or long to identify."""
    if not isinstance(value, str):
        msg = f"an identifier must be text, got {type(value).__name__}"
        raise QueryError(msg)
    found_kind = None
    if kind is not None:
        found_kind = KIND_WORDS.get(kind.strip().casefold())
        if found_kind is None:
            allowed = ", ".join(sorted(KIND_WORDS))
            msg = f"unknown identifier kind {kind!r}: expected one of {allowed}"
            raise QueryError(msg)
    key = normalise_identifier(value, found_kind)
    if found_kind == "imo" or (found_kind is None and value.strip().upper().startswith("IMO")):
        digits = key.removeprefix("IMO")
        if not imo_check_digit_ok(digits):
            msg = f"{value!r} is not an IMO number: seven digits with a valid check digit expected"
            raise QueryError(msg)
        return IdentifierQuery("imo", value, digits)
    if found_kind == "mmsi" and not (len(key) == 9 and key.isdigit()):  # noqa: PLR2004
        msg = f"{value!r} is not an MMSI: nine digits expected"
        raise QueryError(msg)
    if not _MIN_LENGTH <= len(key) <= _MAX_LENGTH:
        msg = (
            f"{value!r} is too {'short' if len(key) < _MIN_LENGTH else 'long'} to identify "
            f"anyone: {_MIN_LENGTH} to {_MAX_LENGTH} letters and digits expected"
        )
        raise QueryError(msg)
    return IdentifierQuery(found_kind, value, key)


def identifiers_in(text: str) -> tuple[IdentifierQuery, ...]:
    """The identifiers written in a free-text query, with their kind where it says it.

    >>> [(q.kind, q.key) for q in identifiers_in("IMO 7406784")]
    [('imo', '7406784')]
    >>> [(q.kind, q.key) for q in identifiers_in("IMO 7406785")]  # wrong check digit
    []
    """
    found: dict[str, IdentifierQuery] = {}
    refused: set[str] = set()
    for match in _IMO.finditer(text):
        if imo_check_digit_ok(match.group(1)):
            found.setdefault(match.group(1), IdentifierQuery("imo", match.group(0), match.group(1)))
        else:
            refused.add(match.group(1))  # said to be an IMO number, and it is not one
    for match in _MMSI.finditer(text):
        found.setdefault(match.group(1), IdentifierQuery("mmsi", match.group(0), match.group(1)))
    for match in _SWIFT.finditer(text):
        key = match.group(1).upper()
        found.setdefault(key, IdentifierQuery("swift-bic", match.group(0), key))
    for match in _CRYPTO.finditer(text):
        word = match.group(0)
        if any(ch.isdigit() for ch in word) and any(ch.isalpha() for ch in word):
            key = normalise_identifier(word, "digital-currency-address")
            found.setdefault(key, IdentifierQuery("digital-currency-address", word, key))
    for match in _WORD.finditer(text):
        word = match.group(0)
        key = normalise_identifier(word)
        if (
            len(key) >= _MIN_LENGTH
            and any(ch.isdigit() for ch in key)
            and key not in found
            and key not in refused
        ):
            found[key] = IdentifierQuery(None, word, key)
    return tuple(found.values())
