"""OFAC's XML formats: a party's features read as OFAC's CSV remarks are.

Each reader (``_ofac_xml_advanced``, ``_ofac_xml_enhanced``) walks its schema and fills one
:class:`PartyFacts` per party with what the XML states in structure (names, addresses,
identity documents, countries, vessel data, relationships, programs) and, for every other
feature, a remark-style text ``"<feature type> <value>"``: OFAC's XML feature types are
the labels of the CSV remarks ("Secondary sanctions risk:", "Organization Type:", "ISIN",
"Vessel Year of Build" ...), so those texts are read by the very rules that read the CSV
remarks (``ofac_remarks.parse_remarks``), and the two formats give the same fields.

:class:`OfacXmlBuilder` is the shared :class:`PartyBuilder` (its account: every party
element made into a designation or rejected with its line and reason, every fact counted
or kept as text) with OFAC's features, remarks, and which of OFAC's lists the file holds.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import NamedTuple

from sanctions_tracker.records import RowProblem
from sanctions_tracker.sources._lists import ListLoad
from sanctions_tracker.sources._ofac_common import (
    LISTS,
    list_by_programs,
    list_source,
)
from sanctions_tracker.sources._parties import PartyBuilder, PartyFacts, tidy
from sanctions_tracker.sources._places import country_of
from sanctions_tracker.sources.ofac_remarks import parse_remarks

__all__ = ["Document", "OfacXmlBuilder"]

_VESSEL_FIELDS = {
    "vessel call sign": "call_sign",
    "vessel type": "vessel_type",
    "vessel tonnage": "tonnage",
    "vessel gross registered tonnage": "gross_registered_tonnage",
    "vessel flag": "flag",
    "vessel owner": "owner",
}
"""Features that are the CSV's vessel columns, by type in lower case: a VesselInfo field."""

_COUNTRY_FIELDS = {"nationality country": "nationalities", "citizenship country": "citizenships"}

_REMARK_LABELS = {"birthdate": "DOB", "place of birth": "POB", "title": "Title:"}
"""Feature types whose remark label differs from the type (in lower case)."""

_KNOWN_FEATURE_PREFIXES = (
    "Additional Sanctions Information",
    "Aircraft ",
    "BIK (RU)",
    "Birthdate",
    "CAATSA",
    "D-U-N-S Number",
    "Digital Currency Address",
    "Effective Date",
    "Email",
    "Equity Ticker",
    "Executive Order",
    "Former Vessel",
    "Gender",
    "IFCA",
    "ISIN",
    "Issuer Name",
    "Listing Date",
    "MMSI",
    "Nationality of Registration",
    "Organization Established Date",
    "Organization Type",
    "Other Vessel",
    "Phone",
    "Place of Birth",
    "Purchase/Sales For Divestment Date",
    "Secondary sanctions risk",
    "SWIFT/BIC",
    "Target Type",
    "Title",
    "Transactions Prohibited For Persons Owned or Controlled By",
    "Vessel Year of Build",
    "Website",
)
"""Feature types (by their start) read through the remarks rules; any other is unknown."""


class Document(NamedTuple):
    """What a reader gives beside the parties: the lists the file names, its date."""

    list_names: frozenset[str]
    as_of: dt.date | None


class OfacXmlBuilder(PartyBuilder):
    """The party builder of OFAC's XML: features and remarks read by the remarks rules,
    and the load made under the OFAC list the file holds (``finish``)."""

    def remarks(self, facts: PartyFacts, text: str | None, line: int) -> None:
        """The party's free-text remarks: kept whole, and read by the CSV remarks rules."""
        text = (text or "").strip()
        if not text:
            return
        facts.remarks = text
        facts.segments.append(text)
        parsed = parse_remarks(text)
        self.facts += parsed.segments
        self.facts_read += parsed.parsed
        self.kept.extend(
            RowProblem(self.display, line, f"remark not read into a field: {segment!r}", facts.key)
            for segment in parsed.unparsed
        )

    def feature(
        self,
        facts: PartyFacts,
        type_name: str,
        line: int,
        *,
        text: str | None,
        country: str | None = None,
        comment: str | None = None,
    ) -> None:
        """A feature: its type (OFAC's label) and value, as text and, for a country, a code."""
        self.facts += 1
        label = tidy(type_name)
        key = label.casefold()
        value = tidy(text)
        if comment:
            facts.information.append(f"{label} {value}: {tidy(comment)}")
        if not value and country is None:
            self.keep_text(facts, line, label, f"feature {label!r} has no value")
            return
        if key in _COUNTRY_FIELDS:
            code = country_of(country, value)
            if code is None:
                reason = f"feature {label!r}: {value!r} is not a country known here"
                self.keep_text(facts, line, f"{label} {value}", reason)
                return
            found: list[str] = getattr(facts, _COUNTRY_FIELDS[key])
            if code not in found:
                found.append(code)
        elif key in _VESSEL_FIELDS:
            slot = _VESSEL_FIELDS[key]
            if slot in facts.vessel:
                reason = f"a second {label!r} ({value!r}); the first is kept in the vessel data"
                self.keep_text(facts, line, f"{label} {value}", reason)
                return
            facts.vessel[slot] = value
        elif not label.startswith(_KNOWN_FEATURE_PREFIXES):
            reason = f"feature type {label!r} is not one this loader reads; kept as text"
            self.keep_text(facts, line, f"{label} {value}", reason)
            return
        else:
            segment = f"{_REMARK_LABELS.get(key, label)} {value}"
            if parse_remarks(segment).unparsed:
                reason = f"feature {label!r}: the value {value!r} could not be read; kept as text"
                self.keep_text(facts, line, segment, reason)
                return
            facts.segments.append(segment)
        self.facts_read += 1

    def _list_id(self, list_names: Iterable[str]) -> str:
        names = {tidy(name).casefold() for name in list_names}
        if names == {"sdn list"}:
            return "us-ofac-sdn"
        if "consolidated list" in names and "sdn list" not in names:
            return "us-ofac-cons"
        programs = Counter(tuple(facts.programs) for facts in self.parties.values())
        return list_by_programs(programs.items(), len(self.parties))

    def finish(
        self,
        *,
        list_names: Iterable[str],
        urls: Mapping[str, str],
        file_name: str,
        as_of: dt.date | None,
    ) -> ListLoad:
        """The designations and the account of an OFAC list, once every element is read."""
        info = LISTS[self._list_id(list_names)]
        source = list_source(info, file_name, url=urls.get(info.list_id), published_on=as_of)
        return self.make_load(list_id=info.list_id, title=info.title, source=source, as_of=as_of)
