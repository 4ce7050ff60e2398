"""Countries and addresses as the lists write them.

- :func:`country_by_name` gives the alpha-2 code of a country written out ("Iran",
  "Korea, North", "Gambia, The"); :func:`country_of` of one given by code, by name or both;
- :func:`nationality_country` gives the code of a nationality written as a country or as
  an adjective ("Iraqi", "Saudi Arabian", "Possibly Ethiopian");
- :func:`make_address` builds an :class:`Address` from typed parts (street, city,
  region, postal code) and a country, keeping every part it has no slot for as a remark;
- :func:`us_by_state_and_zip` tells a US address that names no country (a state code and
  a ZIP code: most of the Denied Persons List's addresses).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Final

from sanctions_tracker.countries import find_country
from sanctions_tracker.records import Address

__all__ = [
    "COUNTRY_ALIASES",
    "DEMONYMS",
    "US_STATES",
    "clear_cache",
    "country_by_name",
    "country_of",
    "make_address",
    "nationality_country",
    "us_by_state_and_zip",
]

COUNTRY_ALIASES: Final[dict[str, str]] = {
    "bahamas, the": "BS",
    "cabo verde. previously cape verde.": "CV",
    "cape verde": "CV",
    "cote d ivoire": "CI",
    "croatian": "HR",
    "curacao": "CW",
    "czech republic": "CZ",
    "drc": "CD",
    "gambia, the": "GM",
    "german": "DE",
    "hong kong": "HK",
    "iranian": "IR",
    "kosovo": "XK",
    "macau": "MO",
    "macedonia": "MK",
    "macedonia, the former yugoslav republic of": "MK",
    "man, isle of": "IM",
    "micronesia, federated states of": "FM",
    "montenegrin": "ME",
    "north macedonia, the republic of": "MK",
    "palestinian": "PS",
    "palestinian authority": "PS",
    "region: gaza": "PS",
    "sultanate of oman": "OM",
    "russian": "RU",
    "serbian": "RS",
    "slovak republic": "SK",
    "swaziland": "SZ",
    "swiss": "CH",
    "u.k.": "GB",
    "united kingdom of great britain": "GB",
    "virgin islands, british": "VG",
}
"""Ways of writing a country that ``countries.country_code`` does not know, as the lists
write them ("Korea, North" it knows; "Gambia, The" it does not), and the nationalities
some lists write where a country is asked for ("Iranian" in DFAT's Citizenship column)."""

DEMONYMS: Final[dict[str, str]] = {
    "afghan": "AF", "afgan": "AF", "albanian": "AL", "algerian": "DZ", "american": "US",
    "angolan": "AO", "argentinian": "AR", "armenian": "AM", "australian": "AU",
    "austrian": "AT", "azerbaijani": "AZ", "bahraini": "BH", "bangladeshi": "BD",
    "belarusian": "BY", "belgian": "BE", "bosnian": "BA", "british": "GB",
    "burmese": "MM", "burundian": "BI", "cameroonian": "CM", "canadian": "CA",
    "central african": "CF", "chadian": "TD", "chinese": "CN", "colombian": "CO",
    "congolese": "CD", "croatian": "HR", "cuban": "CU", "danish": "DK", "dutch": "NL",
    "egyptian": "EG", "emirati": "AE", "eritrean": "ER", "ethiopian": "ET",
    "filipino": "PH", "french": "FR", "georgian": "GE", "german": "DE", "ghanaian": "GH",
    "guinean": "GN", "haitian": "HT", "indian": "IN", "indonesian": "ID", "iranian": "IR",
    "iraqi": "IQ", "irish": "IE", "israeli": "IL", "italian": "IT", "ivorian": "CI",
    "jordanian": "JO", "kazakh": "KZ", "kenyan": "KE", "kuwaiti": "KW", "kyrgyz": "KG",
    "lebanese": "LB", "liberian": "LR", "libyan": "LY", "malaysian": "MY", "malian": "ML",
    "mauritanian": "MR", "mexican": "MX", "moroccan": "MA", "nicaraguan": "NI",
    "nigerian": "NG", "nigerien": "NE", "north korean": "KP", "norwegian": "NO",
    "omani": "OM", "pakistani": "PK", "palestinian": "PS", "polish": "PL", "qatari": "QA",
    "qatarian": "QA", "romanian": "RO", "russian": "RU", "rwandan": "RW",
    "saudi": "SA", "saudi arabian": "SA", "senegalese": "SN", "serbian": "RS",
    "sierra leonean": "SL", "somali": "SO", "south african": "ZA", "south sudanese": "SS",
    "spanish": "ES", "sudanese": "SD", "swedish": "SE", "swiss": "CH", "syrian": "SY",
    "tajik": "TJ", "tanzanian": "TZ", "tunisian": "TN", "turkish": "TR", "turkmen": "TM",
    "ugandan": "UG", "ukrainian": "UA", "uzbek": "UZ", "venezuelan": "VE",
    "vietnamese": "VN", "yemeni": "YE", "zimbabwean": "ZW",
}  # fmt: skip
"""Countries by the adjective a list writes for a nationality ("Iraqi"), in lower case."""

_NATIONALITY_NOISE = re.compile(
    r"^(?:possibly|probably|reportedly|believed to be)\s+"
    r"|\s+(?:citizenship|nationality|national)\b.*$|\s*\(.*$|[.,;]+$",
    re.IGNORECASE,
)

_COUNTRY_CACHE: dict[str, str | None] = {}
_CACHE_LIMIT: Final = 200_000
_CACHED_LENGTH: Final = 64
"""The longest name whose country is kept for the next load (a hostile file's long texts
are read, not kept: the cache lives as long as the process)."""


def country_by_name(name: str) -> str | None:
    """The alpha-2 code of a country written out as the lists write it (``"Iran"``,
    ``"Gambia, The"``), or None when it is not a country."""
    if name in _COUNTRY_CACHE:
        return _COUNTRY_CACHE[name]
    key = " ".join(name.casefold().split())
    code = COUNTRY_ALIASES.get(key)
    if code is None and key:
        code = find_country(name)
    if len(_COUNTRY_CACHE) < _CACHE_LIMIT and len(name) <= _CACHED_LENGTH:
        _COUNTRY_CACHE[name] = code
    return code


def nationality_country(text: str) -> str | None:
    """The alpha-2 code of a nationality written as a country ("Iraq") or an adjective
    ("Iraqi", "Possibly Ethiopian", "Kuwaiti citizenship", "Bahrain (revoked)"); None
    when it is none of them."""
    key = " ".join(text.split())
    for candidate in (key, _NATIONALITY_NOISE.sub("", key).strip()):
        if candidate:
            code = DEMONYMS.get(candidate.casefold()) or country_by_name(candidate)
            if code is not None:
                return code
    return None


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


# fmt: off
US_STATES = frozenset((
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN",
    "IA", "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV",
    "NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN",
    "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY", "DC", "PR", "GU", "VI", "AS", "MP",
))
# fmt: on
"""The two-letter codes of the US states, DC and the territories (USPS)."""

_US_ZIP = re.compile(r"\d{5}(-\d{4})?")


def us_by_state_and_zip(region: str | None, postal_code: str | None) -> bool:
    """Whether an address that names no country is in the US: its region is a US state
    code (``TX``) and its postal code a ZIP code (``79905``, ``79905-1234``)."""
    return (
        region in US_STATES
        and postal_code is not None
        and _US_ZIP.fullmatch(postal_code.strip()) is not None
    )
