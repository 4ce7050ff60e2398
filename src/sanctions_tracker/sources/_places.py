"""Countries and addresses as the lists write them.

- :func:`country_by_name` gives the alpha-2 code of a country written out ("Iran",
  "Korea, North", "Gambia, The"); :func:`country_of` of one given by code, by name or both;
- :func:`make_address` builds an :class:`Address` from typed parts (street, city,
  region, postal code) and a country, keeping every part it has no slot for as a remark.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Final

from sanctions_tracker.countries import find_country
from sanctions_tracker.records import Address

__all__ = ["COUNTRY_ALIASES", "clear_cache", "country_by_name", "country_of", "make_address"]

COUNTRY_ALIASES: Final[dict[str, str]] = {
    "bahamas, the": "BS",
    "cabo verde. previously cape verde.": "CV",
    "cape verde": "CV",
    "cote d ivoire": "CI",
    "curacao": "CW",
    "czech republic": "CZ",
    "gambia, the": "GM",
    "hong kong": "HK",
    "kosovo": "XK",
    "macau": "MO",
    "macedonia": "MK",
    "macedonia, the former yugoslav republic of": "MK",
    "man, isle of": "IM",
    "micronesia, federated states of": "FM",
    "north macedonia, the republic of": "MK",
    "palestinian": "PS",
    "palestinian authority": "PS",
    "region: gaza": "PS",
    "swaziland": "SZ",
    "u.k.": "GB",
    "virgin islands, british": "VG",
}
"""Ways of writing a country that ``countries.country_code`` does not know, as the lists
write them ("Korea, North" it knows; "Gambia, The" it does not)."""

_COUNTRY_CACHE: dict[str, str | None] = {}
_CACHE_LIMIT: Final = 200_000


def country_by_name(name: str) -> str | None:
    """The alpha-2 code of a country written out as the lists write it (``"Iran"``,
    ``"Gambia, The"``), or None when it is not a country."""
    if name in _COUNTRY_CACHE:
        return _COUNTRY_CACHE[name]
    key = " ".join(name.casefold().split())
    code = COUNTRY_ALIASES.get(key)
    if code is None and key:
        code = find_country(name)
    if len(_COUNTRY_CACHE) < _CACHE_LIMIT:
        _COUNTRY_CACHE[name] = code
    return code


def clear_cache() -> None:
    """Forget the countries read so far (for cold-run timings)."""
    _COUNTRY_CACHE.clear()


def _fold(text: str | None) -> str:
    return " ".join(text.split()) if text else ""


_ISO2 = re.compile(r"^[A-Z]{2}$")
_NOT_A_COUNTRY = frozenset({"", "undetermined", "unknown"})
_ADDRESS_PARTS = {
    "address1": "street",
    "address2": "street",
    "address3": "street",
    "city": "city",
    "state/province": "region",
    "region": "region",
    "postal code": "postal_code",
}


def country_of(code: str | None, name: str | None) -> str | None:
    """The alpha-2 code of a country a list gives by code, by name, or both."""
    code = (code or "").strip()
    if _ISO2.match(code):
        return code
    name = _fold(name)
    if name.casefold() in _NOT_A_COUNTRY:
        return None
    return country_by_name(name)


def make_address(
    parts: Iterable[tuple[str, str]], country: str | None, name: str | None
) -> Address:
    """An Address from (part type, value) pairs and a country; a part of a type not known
    here, or a country without a code, goes into the address's remarks."""
    found: dict[str, list[str]] = {}
    remarks: list[str] = []
    for part_type, value in parts:
        slot = _ADDRESS_PARTS.get(part_type.casefold())
        if not value:
            continue
        if slot is None:
            remarks.append(f"{part_type.lower()}: {value}")
        else:
            found.setdefault(slot, []).append(value)
    code = country_of(country, name)
    if code is None and _fold(name).casefold() not in _NOT_A_COUNTRY:
        remarks.append(f"country: {_fold(name)}")
    return Address(
        street=", ".join(found["street"]) if "street" in found else None,
        city=", ".join(found["city"]) if "city" in found else None,
        region=", ".join(found["region"]) if "region" in found else None,
        postal_code=", ".join(found["postal_code"]) if "postal_code" in found else None,
        country=code,
        remarks="; ".join(remarks) or None,
    )
