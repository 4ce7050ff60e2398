"""The executive summary's sentences, one wording for the Markdown and the HTML page.

Each function gives plain text (the renderers escape it): what is in scope, how many
parties that is, under which programs, tied to which countries, from which lists of
which dates, and how far the listing dates are known.

>>> import sanctions_tracker as st
>>> summary = st.load().summary(sector="steel")
>>> designations_words(summary)
'10 designations in scope (10 entities), of 10 parties.'
>>> programs_words(summary)
'5 programs: IRAN-EO13871 10, IFCA 2, IFSR 1, IRAN-EO13876 1, SDGT 1.'
>>> listing_dates_words(summary)
'6 of 10 known; 4 not given (shown as the window the data leaves).'
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from sanctions_tracker.records import DateSource, PartyKind

if TYPE_CHECKING:
    from sanctions_tracker.reports.model import ComplianceSummary, ListUsed

__all__ = [
    "countries_words",
    "designations_words",
    "list_words",
    "listing_dates_words",
    "parties_words",
    "programs_words",
    "records_words",
    "years_words",
]

_SHOWN = 5  # programs and countries named in a line; the rest counted

_KINDS = {
    PartyKind.INDIVIDUAL: ("individual", "individuals"),
    PartyKind.ENTITY: ("entity", "entities"),
    PartyKind.VESSEL: ("vessel", "vessels"),
    PartyKind.AIRCRAFT: ("aircraft", "aircraft"),
    PartyKind.UNKNOWN: ("of a kind the list does not say", "of a kind the list does not say"),
}

_DATE_SOURCES = {
    DateSource.PUBLISHED: "the file's own date",
    DateSource.STATED: "the date stated for it",
    DateSource.FILE_NAME: "from its file name",
    DateSource.UNDATED: "undated",
}


def _plural(count: int, one: str, many: str | None = None) -> str:
    return f"{count:,} {one if count == 1 else many or one + 's'}"


def parties_words(summary: ComplianceSummary) -> str:
    """``1,015 designations in scope, of 1,012 parties (3 on several lists).``"""
    count, parties = summary.designation_count, summary.party_count
    text = f"{_plural(count, 'designation')} in scope"
    if parties == count:
        return text + "."
    several = len(summary.same_parties)
    return f"{text}, of {_plural(parties, 'party', 'parties')} ({several:,} on several lists)."


def designations_words(summary: ComplianceSummary) -> str:
    """How many designations, of which kinds, and how many parties they are."""
    kinds = Counter(e.kind for e in summary.designations)
    parts = [_plural(n, *_KINDS[kind]) for kind, n in sorted(kinds.items(), key=lambda i: -i[1])]
    text = f"{_plural(summary.designation_count, 'designation')} in scope"
    if parts:
        text += f" ({', '.join(parts)})"
    parties = summary.party_count
    text += f", of {_plural(parties, 'party', 'parties')}"
    if summary.same_parties:
        text += f" ({len(summary.same_parties):,} on several lists)"
    return text + "."


def _first(counted: list[tuple[str, int]], noun: tuple[str, str], empty: str) -> str:
    """``5 programs: A 10, B 2, ... and 3 more.``: how many, the first five with counts."""
    if not counted:
        return empty
    named = ", ".join(f"{label} {count:,}" for label, count in counted[:_SHOWN])
    more = f", and {len(counted) - _SHOWN:,} more" if len(counted) > _SHOWN else ""
    return f"{_plural(len(counted), *noun)}: {named}{more}."


def programs_words(summary: ComplianceSummary) -> str:
    """How many programs list the designations, the first five with their counts."""
    counted = [(c.program, c.count) for c in summary.program_counts]
    return _first(counted, ("program", "programs"), "none.")


def countries_words(summary: ComplianceSummary) -> str:
    """How many countries the parties are tied to, the first five with their counts."""
    counted = [(c.name, c.count) for c in summary.countries]
    return _first(counted, ("country", "countries"), "none stated.")


def list_words(used: ListUsed) -> str:
    """A list, its date and what the date rests on, and its designations in scope."""
    held = _plural(used.designations, "designation")
    if used.date_source is None:
        return f"{used.title} ({used.list_id}): {held}, from curated records"
    if used.date is None or used.date_source is DateSource.UNDATED:
        return f"{used.title} ({used.list_id}): {held}; undated (the file states no date)"
    return (
        f"{used.title} ({used.list_id}) of {used.date} ({_DATE_SOURCES[used.date_source]}): {held}"
    )


def listing_dates_words(summary: ComplianceSummary) -> str:
    """How many listing dates are known, not given, and assumed on the as-of day."""
    dates = summary.listing_dates
    total = summary.designation_count
    if not total:
        return "no designation in scope."
    text = f"{dates.known:,} of {total:,} known"
    if dates.unknown:
        text += f"; {dates.unknown:,} not given (shown as the window the data leaves)"
    if summary.scope.as_of is not None and dates.assumed:
        text += (
            f"; {_plural(dates.assumed, 'designation')} counted in force on "
            f"{summary.scope.as_of} by assumption (see Dates)"
        )
    return text + "."


def records_words(summary: ComplianceSummary) -> str:
    """``1 advisory, 7 authorities and 7 sources cited.``"""
    return (
        f"{_plural(len(summary.advisories), 'advisory', 'advisories')}, "
        f"{_plural(len(summary.authorities), 'authority', 'authorities')} and "
        f"{_plural(len(summary.citations), 'source')} cited."
    )


def years_words(summary: ComplianceSummary) -> str:
    """``2020: 5, 2021: 1`` (designations listed per year), or ``none known``."""
    years = Counter(e.listed_on.year for e in summary.designations if e.listed_on is not None)
    return ", ".join(f"{year}: {count:,}" for year, count in sorted(years.items())) or "none known"
