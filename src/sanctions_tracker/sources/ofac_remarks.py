"""The "Remarks" field of OFAC's SDN and consolidated CSV files, read into typed fields.

OFAC packs most of what it knows about a party into one free-text field: segments joined
by ``"; "`` and ended by a full stop, such as::

    DOB 14 Dec 1960; alt. DOB Nov 1960; POB Masshad, Iran; nationality Iran;
    Additional Sanctions Information - Subject to Secondary Sanctions; Gender Male.

:func:`parse_remarks` splits the text at top level (never inside a quoted alias or inside
parentheses), recognises each segment by its leading word(s) and puts it in a field of a
:class:`ParsedRemarks`. A segment it does not understand is kept verbatim in
``unparsed``, so nothing is lost: ``segments == parsed + len(unparsed)``. It never raises.

Every segment kind and the field it goes to are listed in ``docs/ofac-remarks.md``.

>>> parsed = parse_remarks("DOB circa 1957; nationality Korea, North; Gender Male.")
>>> [str(d) for d in parsed.birth_dates], parsed.nationalities, parsed.gender
(['~1957'], ('KP',), 'male')
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, Final, cast

import attrs
from attrs import frozen

from sanctions_tracker.records import AircraftInfo, Identifier, Link, Name, NameKind, PartialDate
from sanctions_tracker.sources import _dates as dates
from sanctions_tracker.sources import _places
from sanctions_tracker.sources._cells import is_number
from sanctions_tracker.sources._dates import parse_date
from sanctions_tracker.sources._places import country_by_name

__all__ = [
    "ParsedRemarks",
    "VesselDetails",
    "clear_caches",
    "parse_remarks",
]


# --------------------------------------------------------------------------- results


@frozen
class VesselDetails:
    """What remarks add to a vessel's CSV columns (flags are country names as written)."""

    year_of_build: int | None = None
    other_flags: tuple[str, ...] = ()
    former_flags: tuple[str, ...] = ()
    other_types: tuple[str, ...] = ()
    other_call_signs: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        # Most remarks carry the shared empty instance: an identity test settles them.
        return self is not _NO_VESSEL and self != _NO_VESSEL


_NO_VESSEL: Final = VesselDetails()


@frozen
class ParsedRemarks:
    """The remarks of one list entry, field by field; ``unparsed`` keeps what was not read.

    ``segments`` counts every non-empty segment of the text; each one went either into
    exactly one of the fields (``parsed`` of them) or, verbatim, into ``unparsed``.
    ``sector_phrases`` are extra: a phrase is copied there from a segment that also went
    into another field (a sanctions note, usually).
    """

    birth_dates: tuple[PartialDate, ...] = ()
    birth_places: tuple[str, ...] = ()
    nationalities: tuple[str, ...] = ()
    citizenships: tuple[str, ...] = ()
    gender: str | None = None
    aliases: tuple[Name, ...] = ()
    identifiers: tuple[Identifier, ...] = ()
    links: tuple[Link, ...] = ()
    sanctions_notes: tuple[str, ...] = ()
    positions: tuple[str, ...] = ()
    established_on: PartialDate | None = None
    organization_type: str | None = None
    vessel: VesselDetails = _NO_VESSEL
    aircraft: AircraftInfo | None = None
    sector_phrases: tuple[str, ...] = ()
    other: tuple[str, ...] = ()
    unparsed: tuple[str, ...] = ()
    segments: int = 0

    @property
    def parsed(self) -> int:
        """How many segments went into a field other than ``unparsed``."""
        return self.segments - len(self.unparsed)


_EMPTY: Final = ParsedRemarks()
_CACHE_LIMIT: Final = 200_000
_CACHED_LENGTH: Final = 256
"""The longest segment whose reading is kept for the next load (a hostile file's long
segments are read, not kept: the cache lives as long as the process)."""

# --------------------------------------------------------------------------- splitting


_PAREN_RISK = re.compile(r"\([^()]*(?:; |\()")
"""An opening parenthesis before a "; " or another one: "; " may be inside parentheses."""
_ALIAS_RISK = re.compile(r"\.k\.a\. '[^;]*(?:;(?! )[^;]*)*(?<!'); ")
"""A quoted alias whose piece does not end with the closing quote before a "; "."""


def _split(text: str) -> list[str]:
    """Top-level segments: "; " inside parentheses or a quoted alias does not split."""
    pieces = text.split("; ")
    if len(pieces) == 1 or (_PAREN_RISK.search(text) is None and _ALIAS_RISK.search(text) is None):
        return pieces
    segments: list[str] = []
    current: str | None = None
    for piece in pieces:
        current = piece if current is None else f"{current}; {piece}"
        if current.count("(") > current.count(")"):
            continue
        if (
            current[:8] in _ALIAS_OPENERS
            and len(current) > 8  # noqa: PLR2004
            and not current.endswith("'")
        ):
            continue
        segments.append(current)
        current = None
    if current is not None:
        segments.append(current)
    return segments


_ALIAS_OPENERS: Final = frozenset({"a.k.a. '", "f.k.a. '", "n.k.a. '"})
_ABBREVIATION_WORDS = """
    LTD LTDA Ltd Ltda CO Co INC Inc CORP Corp JSC PJSC OJSC CJSC LLC BHD Bhd PTE Pte PLC
    Plc SRL SA AG GmbH No Sec St
"""
_ABBREVIATIONS: Final = frozenset(_ABBREVIATION_WORDS.split())
_DOTTED = re.compile(r"(?:[A-Za-z]{1,3}\.){2,}")


def _drop_final_stop(text: str) -> str:
    """The text without its closing full stop, unless the stop ends an abbreviation."""
    if not text.endswith("."):
        return text
    last = text[text.rfind(" ") + 1 : -1]
    if last in _ABBREVIATIONS or ("." in last and _DOTTED.fullmatch(last + ".")):
        return text
    return text[:-1]


# --------------------------------------------------------------------------- segments

# A segment is turned into items: (slot, value) pairs. A slot is the position of a
# ParsedRemarks field, so that a remark's fields can be gathered in a list and passed by
# position; the slots after them are the details of a VesselDetails or AircraftInfo.
_SLOTS: Final = {name: slot for slot, name in enumerate(attrs.fields_dict(ParsedRemarks))}
_BIRTH_DATE, _BIRTH_PLACE = _SLOTS["birth_dates"], _SLOTS["birth_places"]
_NATIONALITY, _CITIZENSHIP = _SLOTS["nationalities"], _SLOTS["citizenships"]
_GENDER, _ALIAS, _IDENTIFIER = _SLOTS["gender"], _SLOTS["aliases"], _SLOTS["identifiers"]
_LINK, _NOTE, _POSITION = _SLOTS["links"], _SLOTS["sanctions_notes"], _SLOTS["positions"]
_ESTABLISHED, _ORG_TYPE = _SLOTS["established_on"], _SLOTS["organization_type"]
_VESSEL, _AIRCRAFT, _SECTOR = _SLOTS["vessel"], _SLOTS["aircraft"], _SLOTS["sector_phrases"]
_OTHER, _UNPARSED, _SEGMENTS = _SLOTS["other"], _SLOTS["unparsed"], _SLOTS["segments"]

_DETAILS: Final = (  # (record, attribute) of the slots after ParsedRemarks's fields
    *(("vessel", name) for name in attrs.fields_dict(VesselDetails)),
    *(("aircraft", name) for name in attrs.fields_dict(AircraftInfo)),
)
_DETAIL_SLOTS: Final = {
    f"{record}.{name}": slot for slot, (record, name) in enumerate(_DETAILS, start=len(_SLOTS))
}
_V_YEAR, _V_OTHER_FLAG = _DETAIL_SLOTS["vessel.year_of_build"], _DETAIL_SLOTS["vessel.other_flags"]
_V_FORMER_FLAG = _DETAIL_SLOTS["vessel.former_flags"]
_V_OTHER_TYPE = _DETAIL_SLOTS["vessel.other_types"]
_V_CALL_SIGN = _DETAIL_SLOTS["vessel.other_call_signs"]
_A_DATE, _A_MODEL = _DETAIL_SLOTS["aircraft.manufacture_date"], _DETAIL_SLOTS["aircraft.models"]
_A_OPERATOR = _DETAIL_SLOTS["aircraft.operators"]
_A_CONSTRUCTION = _DETAIL_SLOTS["aircraft.construction_numbers"]

_SINGLE: Final = {  # slots that hold one value: the label a second value is kept under
    _GENDER: "Gender",
    _ESTABLISHED: "Organization Established Date",
    _ORG_TYPE: "Organization Type:",
    _V_YEAR: "Vessel Year of Build",
    _A_DATE: "Aircraft Manufacture Date",
}

_Items = tuple[tuple[int, object], ...]
_Handler = Callable[[str, str], "_Items | None"]
"""(the segment without "alt. ", the text after the rule's label) → items, or None."""

_WS = re.compile(r"\s+")


def _tidy(text: str) -> str:
    text = text.strip()
    return _WS.sub(" ", text) if "  " in text or "\n" in text or "\t" in text else text


_LABEL_TAIL: Final = " :#-"
"""What may come between a label and its value (handlers strip it, and spaces)."""


def _dob(_segment: str, rest: str) -> _Items | None:
    date = parse_date(rest.lstrip(_LABEL_TAIL).strip())
    return None if date is None else ((_BIRTH_DATE, date),)


def _text_field(slot: int) -> _Handler:
    def handle(_segment: str, rest: str) -> _Items | None:
        value = _tidy(rest.lstrip(_LABEL_TAIL).strip())
        return ((slot, value),) if value else None

    return handle


def _country_field(slot: int) -> _Handler:
    def handle(segment: str, rest: str) -> _Items | None:
        name = rest.lstrip(_LABEL_TAIL).strip().rstrip(".")
        if not name:
            return None
        code = country_by_name(name)
        return ((slot, code),) if code else ((_OTHER, _tidy(segment)),)

    return handle


def _gender(_segment: str, rest: str) -> _Items | None:
    value = rest.strip().rstrip(".").casefold()
    return ((_GENDER, value),) if value in {"male", "female"} else None


def _alias(kind: NameKind) -> _Handler:
    def handle(_segment: str, rest: str) -> _Items | None:
        name = rest.strip()
        if len(name) < 3 or name[0] != "'" or name[-1] != "'":  # noqa: PLR2004
            return None
        name = _tidy(name[1:-1])
        if not name:
            return None
        return ((_ALIAS, Name(full=name, kind=kind, weak=True)),)

    return handle


def _link(_segment: str, rest: str) -> _Items | None:
    name = _tidy(rest.lstrip(_LABEL_TAIL).strip())
    return ((_LINK, Link(relation="linked-to", name=name)),) if name else None


def _note(segment: str, _rest: str) -> _Items | None:
    note = _tidy(segment).rstrip(".")
    if "ector" in note:
        phrases = _sector_phrases(note)
        if phrases:
            return ((_NOTE, note), *((_SECTOR, p) for p in phrases))
    return ((_NOTE, note),)


def _other(segment: str, _rest: str) -> _Items | None:
    return ((_OTHER, _tidy(segment)),)


def _labelled_position(_segment: str, rest: str) -> _Items | None:
    value = _tidy(rest.lstrip(_LABEL_TAIL).strip())
    return ((_POSITION, value),) if value else None


def _date_field(slot: int) -> _Handler:
    def handle(_segment: str, rest: str) -> _Items | None:
        date = parse_date(rest.lstrip(_LABEL_TAIL).strip())
        return None if date is None else ((slot, date),)

    return handle


def _year_of_build(_segment: str, rest: str) -> _Items | None:
    value = rest.lstrip(_LABEL_TAIL).strip().rstrip(".")
    return ((_V_YEAR, int(value)),) if len(value) == 4 and is_number(value) else None  # noqa: PLR2004


# Identifiers --------------------------------------------------------------------------

_HAS_DIGIT = re.compile(r"\d")


def _split_tail(text: str, word: str) -> tuple[str, str | None]:
    """``text`` cut at ``word`` (with any comma before it), and what follows the word."""
    at = text.find(word)
    if at < 0:
        return text, None
    return text[:at].rstrip(" ,"), text[at + len(word) :].strip()


def _dates(
    issued: str | None, expires: str | None, notes: list[str]
) -> tuple[PartialDate | None, PartialDate | None]:
    """The dates of issue and expiry, from their texts; a text that is no date is noted."""
    dates: list[PartialDate | None] = []
    for word, text in (("issued", issued), ("expires", expires)):
        date = None if text is None else parse_date(text)
        if text is not None and date is None:
            notes.append(f"{word} {_tidy(text)}")
        dates.append(date)
    return dates[0], dates[1]


def _identifier(slug: str, label: str | None) -> _Handler:
    """``<label> <value> [(Country)] [issued <date>] [expires <date>]``.

    ``label`` goes first in the identifier's note (None for the canonical label of ``slug``).
    """

    def handle(_segment: str, rest: str) -> _Items | None:
        text = rest.lstrip(_LABEL_TAIL).strip().rstrip(".")
        expires_text = issued_text = None
        if " expires " in text:
            text, expires_text = _split_tail(text, " expires ")
        if " issued " in text:
            text, issued_text = _split_tail(text, " issued ")
        notes: list[str] = [label] if label else []
        country = None
        if text.endswith(")"):
            opening = text.rfind("(")
            name = text[opening + 1 : -1].strip()
            if opening > 0 and name and _HAS_DIGIT.search(name) is None:
                text = text[:opening]
                country = country_by_name(name)
                if country is None:
                    notes.append(f"country: {_tidy(name)}")
        value = _tidy(text)
        if not value:
            return None
        issued = expires = None
        if issued_text is not None or expires_text is not None:
            issued, expires = _dates(issued_text, expires_text, notes)
        note = "; ".join(notes) or None
        # (kind, value, country, issued_on, expires_on, note), by position: it is quicker
        return ((_IDENTIFIER, Identifier(slug, value, country, issued, expires, note)),)

    return handle


def _plain_identifier(slug: str, label: str | None) -> _Handler:
    """An identifier whose value is all the rest (a phone number, website or email)."""

    def handle(_segment: str, rest: str) -> _Items | None:
        value = _tidy(rest.lstrip(_LABEL_TAIL).strip())
        if not value:
            return None
        return ((_IDENTIFIER, Identifier(slug, value, None, None, None, label)),)

    return handle


_CURRENCY = re.compile(r"[-:\s]*(?P<currency>[A-Za-z0-9]{2,6})\s+(?P<address>\S+)\s*")


def _currency_address(_segment: str, rest: str) -> _Items | None:
    """``Digital Currency Address - XBT 1Kuf2Rd8...``: the currency goes in the note."""
    match = _CURRENCY.fullmatch(rest)
    if match is None:
        return None
    identifier = Identifier(
        kind="digital-currency-address", value=match["address"], note=match["currency"]
    )
    return ((_IDENTIFIER, identifier),)


# Sector phrases -------------------------------------------------------------------------

_SECTOR_PHRASE = re.compile(
    r"(?:operat(?:ing|e|es|ed)(?: or (?:having|have|has) operated)?|involved|engaged)"
    r" in (?:a|the|an) (?:[\w'-]+ ){0,6}?sector(?: of the (?:[\w'-]+ ){0,6}?economy"
    r"(?: determined to support [^,;]+?(?= pursuant|,|;|\.?$))?)?"
    r"|Involved in (?:the )?(?:[\w'-]+ ){1,4}?Sector",
    re.IGNORECASE,
)


def _sector_phrases(text: str) -> tuple[str, ...]:
    return tuple(m.group(0) for m in _SECTOR_PHRASE.finditer(text))


# Segments that are understood but have no field ----------------------------------------

_FAMILY = re.compile(
    r"(?:(?:half-|step-?)?(?:wife|husband|son|daughter|brother|sister|father|mother|"
    r"nephew|niece|cousin|uncle|aunt|grandson|granddaughter|child)(?:-in-law)?|spouse|"
    r"relative|associate|bodyguard) of \S",
    re.IGNORECASE,
)

_ROLE_TEXT = """
    adviser advisor aide ambassador assistant attorney ayatollah board brigadier captain
    ceo cfo chair chairman chairperson chairwoman chief colonel commander
    commander-in-chief commissioner congressman congresswoman constituent consul
    coordinator councillor councilor delegate deputy director director-general doctor dr.
    emir employee envoy executive financier founder general governor haji head
    hojjatoleslam imam inspector judge justice leader lieutenant magistrate major manager
    maulana maulawi mayor member minister mullah officer official operative owner
    partner president prime professor prosecutor prosecutor-general rector
    representative secretary secretary-general senator sergeant shareholder sheikh
    speaker spokesman spokesperson vice vice-chairman vice-chairperson vice-president
    warden dr shaykh ustad lt. col. col
"""
_ROLE_WORDS: Final = frozenset(_ROLE_TEXT.split())


def _looks_like_position(segment: str) -> bool:
    words = segment.replace(",", " ").replace("(", " ").replace(")", " ").split()
    if not words or len(words) > 40:  # noqa: PLR2004
        return False
    return any(w.casefold() in _ROLE_WORDS for w in words)


# The rules: label → (handler, argument), dispatched on the label's first word -----------

_IDENTIFIER_LABELS: Final[dict[str, tuple[str, ...]]] = {
    # slug: labels; the first label is the canonical one (others are kept in the note)
    "passport": ("Passport", "Diplomatic Passport", "Passport Booklet", "Passport No."),
    "travel-document": ("Travel Document Number",),
    "national-id": (
        "National ID No.",
        "National ID Number",
        "National Foreign ID Number",
        "Personal ID Card",
        "Kenyan ID No.",
        "Tazkira National ID Card",
        "Turkish Identification Number",
        "Citizen's Card Number",
        "Numero de Identidad",
        "D.N.I.",
        "C.U.I.",
        "LE Number",
        "Personal Numerical Code",
        "Identity Card",
        "Identity Number",
        "ID Card",
        "Romanian Permanent Resident",
        "Stateless Person ID Card",
        "Refugee ID Card",
        "Moroccan Personal ID No.",
        "Bosnian Personal ID No.",
    ),
    "identification-number": ("Identification Number", "Identification No."),
    "cedula": ("Cedula No.", "Cedula"),
    "curp": ("C.U.R.P.", "C.U.R.P. #", "CURP", "CURP #"),
    "cuip": ("C.U.I.P.",),
    "birth-certificate": ("Birth Certificate Number",),
    "residency-number": ("Residency Number", "Residency Permit", "Residence Permit"),
    "ssn": ("SSN",),
    "drivers-license": ("Driver's License No.", "Driver's License"),
    "electoral-registry": (
        "Electoral Registry No.",
        "Credencial electoral",
        "I.F.E.",
        "Electoral Registry Number",
    ),
    "military-service-card": ("Cartilla de Servicio Militar Nacional",),
    "visa-number": ("VisaNumberID", "Visa Number"),
    "permit-number": ("Permit Number", "SRE Permit No.", "Work Permit"),
    "immigration-number": ("Immigration No.",),
    "tax-id": (
        "Tax ID No.",
        "Tax ID Number",
        "Italian Fiscal Code",
        "R.F.C.",
        "R.F.C. #",
        "RFC",
        "C.U.I.T.",
        "C.I.F.",
        "US FEIN",
        "RTN",
        "N.I.F.",
        "NIF #",
        "Fiscal Code",
        "Tax Number",
        "Numero Unico de Identificacao Tributaria (NUIT)",
        "Paraguayan tax identification number",
    ),
    "nit": ("NIT #", "NIT"),
    "ruc": ("RUC #", "RUC"),
    "rif": ("RIF #", "RIF"),
    "vat-number": ("V.A.T. Number", "VAT Number"),
    "registration-number": (
        "Registration Number",
        "Business Registration Number",
        "Registration ID",
        "Company Number",
        "UK Company Number",
        "Commercial Registry Number",
        "C.R. No.",
        "Folio Mercantil No.",
        "Matricula Mercantil No",
        "Matricula Mercantil No.",
        "Public Registration Number",
        "Business Registration Document #",
        "Certificate of Incorporation Number",
        "Chamber of Commerce Number",
        "Istanbul Chamber of Comm. No.",
        "Dubai Chamber of Commerce Membership No.",
        "Central Registration System Number",
        "Enterprise Number",
        "Branch Unit Number",
        "Business Number",
        "Commercial Registration Number",
        "Company ID",
        "Registration No.",
        "Registered Charity No.",
        "Trademark number",
        "File Number",
    ),
    "trade-license": ("Trade License No.", "Trade License Number"),
    "license": ("License", "Licence", "Afghan Money Service Provider License Number"),
    "pilot-license": ("Pilot License Number",),
    "military-registration-number": ("Military Registration Number",),
    "government-gazette-number": ("Government Gazette Number",),
    "economic-register-number": ("Economic Register Number (CBLS)",),
    "legal-entity-number": ("Legal Entity Number",),
    "unified-social-credit-code": (
        "Unified Social Credit Code (USCC)",
        "United Social Credit Code Certificate (USCCC)",
    ),
    "chinese-commercial-code": ("Chinese Commercial Code",),
    "duns": ("D-U-N-S Number",),
    "bik": ("BIK (RU)",),
    "swift-bic": ("SWIFT/BIC",),
    "isin": ("ISIN",),
    "equity-ticker": ("Equity Ticker",),
    "imo": ("Vessel Registration Identification IMO",),
    "vessel-registration": ("Vessel Registration Identification",),
    "imo-company-number": ("Company Number IMO", "Identification Number IMO"),
    "mmsi": ("MMSI",),
    "aircraft-serial-number": (
        "Aircraft Manufacturer's Serial Number (MSN)",
        "Aircraft Serial Identification",
    ),
    "aircraft-tail-number": ("Aircraft Tail Number", "Previous Aircraft Tail Number"),
    "aircraft-mode-s-code": ("Aircraft Mode S Transponder Code",),
}

_PLAIN_IDENTIFIER_LABELS: Final[dict[str, tuple[str, ...]]] = {
    "website": ("Website",),
    "email": ("Email Address", "Email", "E-mail"),
    "phone": ("Phone Number", "Telephone", "Telephone No.", "Telephone Number", "PHONE", "Phone"),
    "fax": ("Fax", "Fax No.", "Fax Number", "FAX"),
}

_NOTE_LABELS: Final = (
    "Additional Sanctions Information",
    "Secondary sanctions risk:",
    "Transactions Prohibited For Persons Owned or Controlled By",
    "Executive Order",
    "CAATSA",
    "IFCA",
    "Target Type",
    "Listing Date",
    "Effective Date",
    "Purchase/Sales For Divestment Date",
    "For more information on directives",
    "for more information on directives",
    "For more information, please reference the following link",
    "Sanctions Information",
)

_OTHER_LABELS: Final = (
    "all offices worldwide",
    "All offices worldwide",
    "All Offices Worldwide",
    "All Branches Worldwide",
    "all branches worldwide",
    "and all other locations worldwide",
    "ICTY indictee",
    "arrested",
    "Nationality of Registration",
    "Registration Country",
    "Issuer Name",
    "currently incarcerated",
    "ethnicity",
    "Tribe:",
)


_Rule = tuple[str, int, bool, _Handler]
"""A label, its length, whether it fits with any text after it, and its handler."""


def _build_rules() -> dict[str, list[_Rule]]:
    rules: list[tuple[str, _Handler]] = [
        ("DOB", _dob),
        ("POB", _text_field(_BIRTH_PLACE)),
        ("nationality", _country_field(_NATIONALITY)),
        ("Nationality", _country_field(_NATIONALITY)),
        ("citizen", _country_field(_CITIZENSHIP)),
        ("Citizen", _country_field(_CITIZENSHIP)),
        ("Gender", _gender),
        ("a.k.a.", _alias(NameKind.AKA)),
        ("f.k.a.", _alias(NameKind.FKA)),
        ("n.k.a.", _alias(NameKind.NKA)),
        ("Linked To:", _link),
        ("Organization Established Date", _date_field(_ESTABLISHED)),
        ("Organization Type:", _text_field(_ORG_TYPE)),
        ("Vessel Year of Build", _year_of_build),
        ("Other Vessel Flag", _text_field(_V_OTHER_FLAG)),
        ("Former Vessel Flag", _text_field(_V_FORMER_FLAG)),
        ("Other Vessel Type", _text_field(_V_OTHER_TYPE)),
        ("Other Vessel Call Sign", _text_field(_V_CALL_SIGN)),
        ("Aircraft Manufacture Date", _date_field(_A_DATE)),
        ("Aircraft Model", _text_field(_A_MODEL)),
        ("Aircraft Operator", _text_field(_A_OPERATOR)),
        (
            "Aircraft Construction Number (also called L/N or S/N or F/N)",
            _text_field(_A_CONSTRUCTION),
        ),
        ("Aircraft Construction Number", _text_field(_A_CONSTRUCTION)),
        ("Digital Currency Address", _currency_address),
        ("Position:", _labelled_position),
        ("Title:", _labelled_position),
    ]
    # An identifier's label is kept in its note unless it is the first (canonical) one.
    for slug, labels in _IDENTIFIER_LABELS.items():
        rules.extend(
            (label, _identifier(slug, None if label == labels[0] else label)) for label in labels
        )
    for slug, labels in _PLAIN_IDENTIFIER_LABELS.items():
        rules.extend(
            (label, _plain_identifier(slug, None if label == labels[0] else label))
            for label in labels
        )
    rules.extend((label, _note) for label in _NOTE_LABELS)
    rules.extend((label, _other) for label in _OTHER_LABELS)
    index: dict[str, list[_Rule]] = {}
    for label, handler in rules:
        rule = (label, len(label), label[-1] in ":#.", handler)
        index.setdefault(label.split(" ", 1)[0], []).append(rule)
    for candidates in index.values():
        candidates.sort(key=lambda rule: -rule[1])
    return index


_RULES: Final = _build_rules()
_LABEL_END: Final = frozenset(" :#-(,")
_ALT: Final = ("alt. ", "Alt. ")


def _classify(segment: str) -> _Items | None:
    """The items a segment yields, or None when it is not understood."""
    body = segment
    if segment.startswith(_ALT):
        if segment.startswith("Organization Established Date", 5):
            return ((_OTHER, _tidy(segment)),)
        body = segment[5:].lstrip()
    space = body.find(" ")
    for label, length, open_ended, handler in _RULES.get(body[:space] if space > 0 else body, ()):
        if body.startswith(label) and (
            open_ended or len(body) == length or body[length] in _LABEL_END
        ):
            try:
                found = handler(body, body[length:])
            except ValueError:  # a record refused a value: not understood
                found = None
            if found is not None:
                return found
    return _fallback(segment, body)


def _fallback(segment: str, body: str) -> _Items | None:
    if _FAMILY.match(body):
        return ((_OTHER, _tidy(segment)),)
    if body.startswith("(") and body.endswith(")"):
        return ((_OTHER, _tidy(segment)),)
    if _looks_like_position(body):
        return ((_POSITION, _tidy(body)),)
    return None


# --------------------------------------------------------------------------- the cache

# What a piece of a remark yields is cached by the piece's text, as an entry made for the
# fast path of _parse: (slot, (value,)) when the piece is one segment that yields one value
# for one of ParsedRemarks's fields (an unparsed segment too, under its own slot), and
# (_SPECIAL, (items,)) for any other piece: one that yields several items or a vessel or
# aircraft detail, an empty one (no items), or one that _split may join to the next.
_Entry = tuple[int, tuple[object]]
_SPECIAL: Final = _SEGMENTS
"""The slot of special entries: _parse counts the segments in that slot only at the end."""
_ALIAS_OPENING: Final = tuple(_ALIAS_OPENERS)


class _EntryCache(dict[str, _Entry]):
    """Entries by the text of their piece; a missing one is made (and kept, up to a limit)."""

    def __missing__(self, piece: str) -> _Entry:
        segment = piece.strip()
        if not segment:
            entry: _Entry = (_SPECIAL, ((),))
        else:
            items = _classify(segment) or ((_UNPARSED, segment),)
            slot, value = items[0]
            may_join = ("(" in piece and piece.count("(") > piece.count(")")) or (
                piece.startswith(_ALIAS_OPENING) and len(piece) > 8 and piece[-1] != "'"  # noqa: PLR2004
            )  # _split joins a piece that opens a parenthesis or a quoted alias to the next
            if len(items) > 1 or slot >= _SEGMENTS or may_join:
                entry = (_SPECIAL, (items,))
            else:
                entry = (slot, (value,))
        if len(self) < _CACHE_LIMIT and len(piece) <= _CACHED_LENGTH:
            self[piece] = entry
        return entry


_SEGMENT_CACHE: Final = _EntryCache()


def clear_caches() -> None:
    """Forget the segments, dates and countries read so far (for cold-run timings)."""
    _SEGMENT_CACHE.clear()
    dates.clear_cache()
    _places.clear_cache()


# --------------------------------------------------------------------------- the parser


def parse_remarks(text: str) -> ParsedRemarks:
    """Read OFAC remarks into fields; what is not understood stays in ``unparsed``.

    Never raises: any text (empty, ``-0-``, garbage) gives a ParsedRemarks.
    """
    try:
        return _parse(text)
    except Exception:  # noqa: BLE001 - a last guard: the promise is to never raise
        stripped = text.strip() if isinstance(text, str) else ""
        if not stripped:
            return _EMPTY
        return ParsedRemarks(unparsed=(stripped,), segments=1)


_DEFAULTS: Final = tuple(field.default for field in attrs.fields(ParsedRemarks))
_GATHERING: Final = tuple(
    () if slot in _SINGLE or slot == _SPECIAL else default for slot, default in enumerate(_DEFAULTS)
)
"""The fields of a remark as _parse starts gathering them: an empty tuple in every slot but
vessel and aircraft, even in those of fields that hold one value and in _SPECIAL."""


def _parse(text: str) -> ParsedRemarks:
    text = text.strip()
    if not text or text == "-0-":
        return _EMPTY
    if text[-1] == ".":
        text = _drop_final_stop(text)
    # The fast path, for the common remark whose pieces each yield one value for a field.
    # Each entry adds its 1-tuple to the tuple in its slot: a field has few values, and a
    # field with one value gets the cached 1-tuple itself (() + t is t). The plain pieces are
    # the segments _split would give, since none of them may join the next (such a piece
    # is special), and a special piece sends the remark the full way.
    pieces = text.split("; ")
    fields: list[Any] = [*_GATHERING]
    for slot, value in map(_SEGMENT_CACHE.__getitem__, pieces):
        fields[slot] += value
    gender, established, org_type = fields[_GENDER], fields[_ESTABLISHED], fields[_ORG_TYPE]
    if fields[_SPECIAL] or len(gender) > 1 or len(established) > 1 or len(org_type) > 1:
        return _parse_in_full(text)  # a special piece, or a second value of a single field
    fields[_GENDER] = gender[0] if gender else None
    fields[_ESTABLISHED] = established[0] if established else None
    fields[_ORG_TYPE] = org_type[0] if org_type else None
    fields[_SEGMENTS] = len(pieces)
    return ParsedRemarks(*fields)


def _parse_in_full(text: str) -> ParsedRemarks:
    """Any remark (without its final stop): every case _parse leaves out is handled here."""
    found: dict[int, list[object]] = {}
    segments = 0
    for raw in _split(text):
        slot, (value,) = _SEGMENT_CACHE[raw]
        items = cast("_Items", value) if slot == _SPECIAL else ((slot, value),)
        if not items:  # an empty segment
            continue
        segments += 1
        for field, item in items:
            found.setdefault(field, []).append(item)
    if segments == 0:
        return _EMPTY
    return _assemble(found, segments)


def _assemble(found: dict[int, list[object]], segments: int) -> ParsedRemarks:
    fields: list[Any] = [*_DEFAULTS]
    fields[_SEGMENTS] = segments
    details: dict[str, dict[str, Any]] = {"vessel": {}, "aircraft": {}}
    extra: list[str] = []
    for slot, values in found.items():
        value: Any = tuple(values)
        if slot in _SINGLE:
            value = values[0]
            if len(values) > 1:
                extra.extend(f"{_SINGLE[slot]} {v}" for v in values[1:])
        if slot < _SEGMENTS:
            fields[slot] = value
        else:
            record, name = _DETAILS[slot - len(_SLOTS)]
            details[record][name] = value
    if extra:  # a second gender, date of establishment...: kept, in other
        fields[_OTHER] = (*fields[_OTHER], *extra)
    if details["vessel"]:
        fields[_VESSEL] = VesselDetails(**details["vessel"])
    if details["aircraft"]:
        fields[_AIRCRAFT] = AircraftInfo(**details["aircraft"])
    return ParsedRemarks(*fields)
