"""Values in the clean form FollowTheMoney stores them in.

FollowTheMoney cleans every value it is given (a date to ISO, a country to a lower-case
code, a URL with its scheme, a phone number to E.164) and silently drops a value it
cannot clean. So that nothing is dropped on the way in, the export writes each value in
that clean form already, and a value that has none is kept as text in the entity's
``notes`` instead (see ``_ftm.py``). The followthemoney package is not needed at run
time; the tests check every value of a real export against it.
"""

from __future__ import annotations

import ipaddress
import re
import unicodedata
from collections.abc import Iterable
from functools import cache, lru_cache
from typing import Final
from urllib.parse import urlparse

import iso3166

from sanctions_tracker.records import PartialDate

__all__ = [
    "IDENTIFIER_FORMATS",
    "MAX_LENGTH",
    "clean_country",
    "clean_date",
    "clean_email",
    "clean_identifier",
    "clean_name",
    "clean_number",
    "clean_phone",
    "clean_text",
    "clean_url",
]

MAX_LENGTH: Final = {
    "name": 384,
    "string": 1024,
    "text": 65000,
    "identifier": 64,
    "address": 250,
    "date": 32,
    "country": 16,
    "gender": 16,
    "topic": 64,
    "url": 4096,
    "email": 250,
    "phone": 64,
    "number": 250,
    "entity": 200,
}
"""The longest value FollowTheMoney accepts, by property type (checked by the tests)."""

# What FollowTheMoney turns into a plain space, and what it deletes (normality's cleaning).
_SPACES = "".join(
    chr(c) for c in (*range(0x2000, 0x200B), 0x2028, 0x2029, 0x0A00, 0x1680, 0x202F, 0x205F, 0x3000)
)
_DELETE = "".join(
    chr(c)
    for c in (
        *range(0x09),
        *range(0x0B, 0x0D),
        *range(0x0E, 0x20),
        0x7F,
        *range(0x80, 0xA0),
        *range(0x200B, 0x2010),
        0x061C,
        *range(0x2060, 0x2065),
        0x00AD,
        0xFEFF,
    )
)
_UNSAFE = str.maketrans(dict.fromkeys(_SPACES, " ") | dict.fromkeys(_DELETE))
_QUOTED = re.compile(r"""^["'](.*)["']$""")
_NUMBER = re.compile(r"^\d+(?:\.\d+)?$")
_EMAIL_LOCAL = re.compile(r"""^[^<>()\[\],;:?\s@"]{1,64}$""")
_HOST_LABEL = re.compile(r"[\w-]{1,63}")
_HOST_ALNUM = re.compile(r"[^\W_]")
_EXTRA_COUNTRIES = frozenset({"XK"})
"""Codes FollowTheMoney knows beyond ISO 3166-1: Kosovo."""


def clean_text(value: str | None) -> str | None:
    """Text as FollowTheMoney keeps it: NFC, odd spaces made plain, controls removed,
    stripped; None when nothing is left."""
    if value is None:
        return None
    if value.isascii() and value.isprintable():  # most list text: nothing to normalise
        return value.strip() or None
    text = unicodedata.normalize("NFC", value).translate(_UNSAFE).strip()
    return text or None


def clean_name(value: str | None) -> str | None:
    """A name: clean text, without surrounding quotes, its spaces squashed."""
    text = clean_text(value)
    if text is None:
        return None
    text = _QUOTED.sub(r"\1", text)
    return " ".join(text.split()) or None


def clean_number(value: str | None) -> str | None:
    """A number written with digits only (and a decimal point), or None."""
    text = clean_text(value)
    return text if text is not None and _NUMBER.match(text) else None


@cache
def _countries() -> frozenset[str]:
    return frozenset(c.alpha2 for c in iso3166.countries) | _EXTRA_COUNTRIES


def clean_country(code: str | None) -> str | None:
    """An ISO 3166 alpha-2 code in FollowTheMoney's lower case, or None if unknown."""
    if code is None or code.upper() not in _countries():
        return None
    return code.lower()


def clean_date(date: PartialDate) -> tuple[str, ...]:
    """A partial date as FollowTheMoney dates: ``1960-12-14``, ``1960-11``, ``1960``.

    A circa date gives its year; a range of years gives each year in it. (The export
    notes that a date was circa: FollowTheMoney has no way to say so.)
    """
    if date.until_year is not None:
        return tuple(f"{year:04d}" for year in range(date.year, date.until_year + 1))
    text = f"{date.year:04d}"
    if date.month is not None:
        text += f"-{date.month:02d}"
    if date.day is not None:
        text += f"-{date.day:02d}"
    return (text,) if date.year >= 1000 else ()  # noqa: PLR2004 - FtM has four-digit years


def _valid_host(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        pass
    else:
        return True
    labels = host.rstrip(".").split(".")
    if any(_HOST_LABEL.fullmatch(x) is None or _HOST_ALNUM.search(x) is None for x in labels):
        return False
    return len(labels) == 1 or (len(labels[-1]) >= 2 and not labels[-1].isdigit())  # noqa: PLR2004


@lru_cache(maxsize=4096)  # the same list URL is cited by every designation of a list
def clean_url(value: str | None) -> str | None:
    """A web address with its scheme (``http://`` when none is given) and a path."""
    text = clean_text(value)
    if text is None:
        return None
    if "://" not in text and not text.startswith("//"):
        text = "//" + text
    try:
        parsed = urlparse(text)
        host = parsed.hostname
        _ = parsed.port
    except ValueError:
        return None
    if not parsed.netloc or re.search(r"\s", parsed.netloc) or not host or not _valid_host(host):
        return None
    scheme = (parsed.scheme or "http").lower()
    if scheme not in {"http", "https"}:
        return None
    path = parsed.path.strip() or "/"
    return parsed._replace(scheme=scheme, path=path).geturl()


def clean_email(value: str | None) -> str | None:
    """An e-mail address with its domain in lower case, or None if it is not one."""
    text = clean_text(value)
    if text is None or "@" not in text:
        return None
    local, _, domain = text.removeprefix("mailto:").rpartition("@")
    domain = domain.rstrip(".").lower()
    _, dot, top = domain.rpartition(".")
    if not _EMAIL_LOCAL.match(local) or not dot or len(top) < 2 or top.isdigit():  # noqa: PLR2004
        return None
    try:
        domain.encode("idna")
    except UnicodeError:
        return None
    return f"{local}@{domain}"


def clean_phone(value: str | None, regions: Iterable[str] = ()) -> str | None:
    """A telephone number in E.164 (``+9613679153``), read as an international number or
    as dialled in one of ``regions`` (ISO codes); None if it is no valid number."""
    import phonenumbers  # noqa: PLC0415 - its tables load only when numbers are exported

    text = clean_text(value)
    if text is None:
        return None
    for region in (None, *regions):
        try:
            number = phonenumbers.parse(text, region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_possible_number(number) and phonenumbers.is_valid_number(number):
            return str(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164))
    return None


# ------------------------------------------------------------------ identifier formats
#
# A few FollowTheMoney properties hold identifiers of a known format and keep only a
# valid one, normalised: IMO numbers (with their prefix), BIC (its first eight
# characters), LEI, US social security numbers, Chinese unified social credit codes.

_IMO = re.compile(r"(?:IMO[\s:.#-]*)?(\d{5,7})")
_BIC = re.compile(r"^[A-Z]{4}(?P<country>[A-Z]{2})[0-9A-Z]{2}(?:[0-9A-Z]{3})?$")
_USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_SSN_BLACKLIST = frozenset({"078051120", "457555462", "219099999"})


def _compact(text: str) -> str:
    return re.sub(r"[\s-]", "", text).upper()


def _imo(text: str) -> str | None:
    match = _IMO.fullmatch(text.strip().upper())
    if match is None:
        return None
    digits = [int(d) for d in match.group(1).zfill(7)]
    vessel = sum(d * (7 - i) for i, d in enumerate(digits[:6])) % 10 == digits[6]
    weights = (8, 6, 4, 2, 9, 7)
    company = (11 - sum(d * w for d, w in zip(digits, weights, strict=False)) % 11) % 10 == digits[
        6
    ]
    if not any(digits) or not (vessel or company):
        return None
    return "IMO" + "".join(map(str, digits))


def _bic(text: str) -> str | None:
    number = _compact(text)
    match = _BIC.match(number)
    if match is None or match.group("country") not in _countries():
        return None
    return number[:8]


def _lei(text: str) -> str | None:
    number = _compact(text)
    if len(number) != 20 or not number.isalnum() or not number[-2:].isdigit():  # noqa: PLR2004
        return None
    return number if int("".join(str(int(c, 36)) for c in number)) % 97 == 1 else None


def _ssn(text: str) -> str | None:
    number = _compact(text)
    if len(number) != 9 or not number.isdigit() or number in _SSN_BLACKLIST:  # noqa: PLR2004
        return None
    area, group, serial = number[:3], number[3:5], number[5:]
    if area in {"000", "666"} or area.startswith("9") or group == "00" or serial == "0000":
        return None
    return number


def _uscc(text: str) -> str | None:
    number = _compact(text)
    if len(number) != 18 or not number[:8].isdigit():  # noqa: PLR2004
        return None
    if any(c not in _USCC_ALPHABET for c in number[8:]):
        return None
    total = sum(_USCC_ALPHABET.index(c) * w for c, w in zip(number, _USCC_WEIGHTS, strict=False))
    return number if number[-1] == _USCC_ALPHABET[(31 - total) % 31] else None


IDENTIFIER_FORMATS: Final = {"imo": _imo, "bic": _bic, "lei": _lei, "ssn": _ssn, "uscc": _uscc}
"""Normalisers by FollowTheMoney's identifier format name; None for an invalid value."""


def clean_identifier(value: str | None, identifier_format: str | None = None) -> str | None:
    """An identifier: clean text, normalised by its format if it has one (None if the
    value is not valid in that format)."""
    text = clean_text(value)
    if text is None or identifier_format is None:
        return text
    return IDENTIFIER_FORMATS[identifier_format](text)
