"""Countries: ISO 3166 alpha-2 codes in records, names and codes accepted in queries.

The ISO table comes from the ``iso3166`` package; the lists write many countries by their
short or customary names (OFAC: "Iran", "Russia", "Korea, North", "Burma") or by the
United Nations' names ("Democratic Republic of the Congo", "Iran (Islamic Republic of)"),
which the aliases below map to codes.
"""

from __future__ import annotations

import difflib

import iso3166

from sanctions_tracker.errors import QueryError

__all__ = ["country_code", "country_name", "find_country"]

_SHORT_NAMES: dict[str, str] = {
    "BO": "Bolivia",
    "BN": "Brunei",
    "CD": "Congo, Democratic Republic of the",
    "CG": "Congo, Republic of the",
    "CZ": "Czechia",
    "FM": "Micronesia",
    "GB": "United Kingdom",
    "IR": "Iran",
    "KP": "North Korea",
    "KR": "South Korea",
    "LA": "Laos",
    "MD": "Moldova",
    "PS": "Palestinian Territories",
    "RU": "Russia",
    "SY": "Syria",
    "TW": "Taiwan",
    "TZ": "Tanzania",
    "US": "United States",
    "VE": "Venezuela",
    "VN": "Vietnam",
}

_ALIASES: dict[str, str] = {
    "burma": "MM",
    "korea, north": "KP",
    "korea, south": "KR",
    "democratic people's republic of korea": "KP",
    "dprk": "KP",
    "republic of korea": "KR",
    "russian federation": "RU",
    "uk": "GB",
    "great britain": "GB",
    "usa": "US",
    "united states of america": "US",
    "u.s.": "US",
    "turkey": "TR",
    "ivory coast": "CI",
    "cote d'ivoire": "CI",
    "the gambia": "GM",
    "west bank": "PS",
    "gaza": "PS",
    "islamic republic of iran": "IR",
    "syrian arab republic": "SY",
    # The United Nations' names (the UN Consolidated List writes countries so)
    "democratic republic of the congo": "CD",
    "iran (islamic republic of)": "IR",
    "united republic of tanzania": "TZ",
    "state of palestine": "PS",
    "united kingdom of great britain and northern ireland": "GB",
    "libyan arab jamahiriya": "LY",
    "union of the comoros": "KM",
    "british virgin islands": "VG",
    "china, hong kong special administrative region": "HK",
    "hong kong special administrative region": "HK",
    # Short forms customer files and some lists write (CSL addresses: "Dubai, UAE")
    "uae": "AE",
    "u.a.e.": "AE",
    "u.a.e": "AE",
    "prc": "CN",
    "people's republic of china": "CN",
    "ksa": "SA",
    "u.k.": "GB",
    "u.s.a.": "US",
}


def _key(text: str) -> str:
    return " ".join(text.casefold().replace("\u2019", "'").split())


def _build_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for country in iso3166.countries:
        for name in (country.alpha2, country.alpha3, country.name, country.apolitical_name):
            index.setdefault(_key(name), country.alpha2)
    for code, name in _SHORT_NAMES.items():
        index[_key(name)] = code
    index.update(_ALIASES)
    return index


_INDEX = _build_index()


def find_country(text: str) -> str | None:
    """The ISO 3166 alpha-2 code of a country given by code or name, any case; None when
    the text is no country (quick: no suggestions, for importers that try many texts)."""
    return _INDEX.get(_key(text))


def country_code(text: str) -> str:
    """The ISO 3166 alpha-2 code of a country given by code or name, any case."""
    found = _INDEX.get(_key(text))
    if found is None:
        close = difflib.get_close_matches(_key(text), list(_INDEX), n=3, cutoff=0.75)
        hint = f" (did you mean {', '.join(repr(c) for c in close)}?)" if close else ""
        msg = f"unknown country {text!r}{hint}: give an ISO 3166 code like 'IR' or a name"
        raise QueryError(msg)
    return found


def country_name(code: str) -> str:
    """A short, readable name for a country code ("IR" -> "Iran")."""
    if code in _SHORT_NAMES:
        return _SHORT_NAMES[code]
    try:
        return str(iso3166.countries.get(code).apolitical_name)
    except KeyError:
        return code
