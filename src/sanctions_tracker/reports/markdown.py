"""The summary as Markdown, for a compliance officer to read.

Every line that states a fact ends with the citation markers of the sources it rests
on (``[3][7]``, numbered as in the summary's ``## Sources``). Text from the data is
escaped, so a name cannot open a link, a heading, emphasis or a table column. The page
opens on an executive summary and ends with its provenance: the summary's stamp (when
and by what it was generated, the settings) and every input file with its SHA-256,
size, date and rows.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from sanctions_tracker.countries import country_name
from sanctions_tracker.records import Verification
from sanctions_tracker.reports.overview import (
    countries_words,
    designations_words,
    list_words,
    listing_dates_words,
    parties_words,
    programs_words,
    records_words,
    years_words,
)
from sanctions_tracker.reports.stamp import (
    cache_words,
    generated_words,
    input_words,
    listed_words,
)
from sanctions_tracker.reports.wording import verification_lines

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Iterable

    from sanctions_tracker.records import (
        Advisory,
        Authority,
        HsCode,
        ProgramSector,
        SectorAssignment,
        Source,
    )
    from sanctions_tracker.reports.model import (
        ComplianceSummary,
        ProgramInScope,
    )

__all__ = ["DATES_EXPLAINED", "escape", "escape_cell", "render_markdown"]

# Characters that mean something anywhere in a line of Markdown text. The backslash
# comes first so that the escapes added for the others are not escaped again.
_INLINE = re.compile(r"([\\`*_\[\]<|~])")
# An HTML entity or character reference, which Markdown would decode.
_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
# What opens a block when it starts a line: a heading, a quote, a list item, a rule.
_LEADING_BLOCK = re.compile(r"^(#|>|[-+=]|\d{1,9}(?=[.)](?:\s|$)))")


def escape(text: str) -> str:
    """``text`` as literal Markdown: one line, with the significant characters escaped."""
    flat = " ".join(text.split())
    flat = _INLINE.sub(r"\\\1", flat)
    flat = _ENTITY.sub(r"\\&", flat)
    match = _LEADING_BLOCK.match(flat)
    if match is not None:
        if match.group(1)[0].isdigit():
            # "1." or "1)" starts an ordered list: escape the punctuation after the number.
            end = match.end()
            flat = f"{flat[:end]}\\{flat[end:]}"
        else:
            flat = f"\\{flat}"
    return flat


def escape_cell(text: str) -> str:
    """``text`` for a table cell: escaped like :func:`escape` (pipes included)."""
    return escape(text) or " "


def _date(day: dt.date | None, missing: str = "unknown") -> str:
    return day.isoformat() if day is not None else missing


def _cite(summary: ComplianceSummary, sources: Iterable[str]) -> str:
    numbers = sorted({summary.citation_number(s) for s in sources})
    return "".join(f"[{n}]" for n in numbers)


def _line(text: str, markers: str) -> str:
    return f"{text} {markers}" if markers else text


def _table(header: Iterable[str], rows: Iterable[Iterable[str]]) -> list[str]:
    names = list(header)
    lines = [
        "| " + " | ".join(names) + " |",
        "| " + " | ".join("---" for _ in names) + " |",
    ]
    lines.extend("| " + " | ".join(row) + " |" for row in rows)
    return lines


# --------------------------------------------------------------------------- sections


def _executive(summary: ComplianceSummary) -> list[str]:
    """What the summary says in a minute: scope, counts, programs, countries, lists, dates."""
    scope = summary.scope
    lines = [f"- Scope: {escape(scope.description)}"]
    if scope.sector_path is not None:
        lines.append(f"- Sector path: {escape(scope.sector_path)}")
    if scope.program is not None:
        lines.append(f"- Program: {escape(scope.program)}")
    if scope.country is not None:
        lines.append(f"- Country: {escape(country_name(scope.country))} ({scope.country})")
    lines.append(f"- As of: {_date(scope.as_of, 'no date given (every record loaded)')}")
    lines.append(f"- Designations: {escape(designations_words(summary))}")
    lines.append(f"- Programs: {escape(programs_words(summary))}")
    lines.append(f"- Countries: {escape(countries_words(summary))}")
    if summary.lists:
        lines.append("- Lists:")
        lines.extend(f"  - {escape(list_words(used))}" for used in summary.lists)
    else:
        lines.append("- Lists: none in scope")
    lines.append(f"- Listing dates: {escape(listing_dates_words(summary))}")
    lines.append(f"- Listed per year: {escape(years_words(summary))}")
    lines.append(f"- Records: {escape(records_words(summary))}")
    return lines


def _per_program(summary: ComplianceSummary) -> list[str]:
    if not summary.program_counts:
        return ["No designations in scope."]
    return _table(
        ["Program", "Name", "Designations"],
        (
            [escape_cell(c.program), escape_cell(c.name), str(c.count)]
            for c in summary.program_counts
        ),
    )


def _provenance(summary: ComplianceSummary) -> list[str]:
    """What the summary was built from: the datasets, when and by what, every input file."""
    lines = []
    if summary.built_from:
        lines.append("- Built from:")
        lines.extend(
            f"  - {escape(d.name)} ({escape(d.kind)}): {d.records} "
            f"record{'' if d.records == 1 else 's'}" + (f", as of {d.as_of}" if d.as_of else "")
            for d in summary.built_from
        )
    else:
        lines.append("- Built from: no datasets")
    stamp = summary.stamp
    if stamp is not None:
        lines.append(f"- Generated: {escape(generated_words(stamp).removeprefix('generated '))}")
        lines.append("- Input files:")
        lines.extend(f"  - {escape(input_words(file))}" for file in stamp.inputs)
        if stamp.cache is not None:
            lines.append(f"- Snapshot cache: {escape(cache_words(stamp.cache))}")
    return lines


def _hs_code(hs: HsCode, markers: str) -> str:
    if hs.verified:
        status = "verified: a source ties this code to the advisory"
    else:
        status = "trade classification only: no source ties this code to the advisory"
    text = f"HS {escape(hs.code)}, {escape(hs.description)} ({status})"
    if hs.note:
        text += f"; note: {escape(hs.note)}"
    return _line(text, markers)


def _advisory(summary: ComplianceSummary, advisory: Advisory) -> list[str]:
    markers = _cite(summary, advisory.sources)
    lines = [
        f"### {escape(advisory.title)}",
        "",
        _line(f"Issued by {escape(advisory.agency)} on {advisory.issued_on.isoformat()}.", markers),
    ]
    if advisory.summary:
        lines += ["", _line(escape(advisory.summary), markers)]
    if advisory.materials:
        lines += ["", "Materials:", ""]
        for material in advisory.materials:
            text = f"- {escape(material.name)}"
            if material.description:
                text += f": {escape(material.description)}"
            lines.append(_line(text, markers))
            lines.extend(f"  - {_hs_code(hs, markers)}" for hs in material.hs_codes)
    if advisory.parties_at_risk:
        lines += ["", "Parties at risk:", ""]
        lines.extend(_line(f"- {escape(p)}", markers) for p in advisory.parties_at_risk)
    if advisory.due_diligence:
        lines += ["", "Due-diligence expectations:", ""]
        lines.extend(_line(f"- {escape(d)}", markers) for d in advisory.due_diligence)
    return lines


def _advisories(summary: ComplianceSummary) -> list[str]:
    if not summary.advisories:
        return ["No advisories in scope."]
    lines: list[str] = []
    for advisory in summary.advisories:
        if lines:
            lines.append("")
        lines.extend(_advisory(summary, advisory))
    return lines


def _authority_row(summary: ComplianceSummary, authority: Authority) -> list[str]:
    return [
        escape_cell(authority.code),
        escape_cell(authority.title),
        escape_cell(authority.kind.value),
        _date(authority.signed_on),
        _cite(summary, authority.sources),
    ]


def _reach(summary: ComplianceSummary, found: ProgramInScope, rule: ProgramSector) -> str:
    sources = list(found.program.sources)
    text = f"reaches {escape(rule.sector)} since {_date(rule.since, 'its start')}"
    if rule.authority is not None:
        authority = _authority(summary, rule.authority)
        if authority is not None:
            text += f" (under {escape(authority.code)})"
            sources.extend(authority.sources)
        else:
            text += f" (under {escape(rule.authority)})"
    if not rule.criterion:
        text += " (bears on the sector; not a ground for designation in it)"
    return _line(f"{text}: {escape(rule.reason)}", _cite(summary, sources))


def _authority(summary: ComplianceSummary, authority_id: str) -> Authority | None:
    return next((a for a in summary.authorities if a.id == authority_id), None)


def _program(summary: ComplianceSummary, found: ProgramInScope) -> list[str]:
    program = found.program
    markers = _cite(summary, program.sources)
    count = found.designations_in_scope
    text = f"- {escape(program.id)}, {escape(program.name)}"
    if program.country is not None:
        text += f" (targets {escape(country_name(program.country))})"
    text += f": {count} designation{'' if count == 1 else 's'} in scope"
    lines = [_line(text, markers)]
    if program.authorities:
        codes = []
        for authority_id in program.authorities:
            authority = _authority(summary, authority_id)
            codes.append(escape(authority.code if authority is not None else authority_id))
        lines.append(_line(f"  - rests on {', '.join(codes)}", markers))
    if found.reaches:
        lines.extend(f"  - {_reach(summary, found, rule)}" for rule in found.reaches)
    else:
        lines.append(_line("  - reaches no sector in scope", markers))
    return lines


def _programs(summary: ComplianceSummary) -> list[str]:
    lines = ["### Authorities", ""]
    if summary.authorities:
        lines += _table(
            ["Code", "Title", "Kind", "Signed", "Sources"],
            (_authority_row(summary, a) for a in summary.authorities),
        )
    else:
        lines.append("No authorities in scope.")
    lines += ["", "### Programs", ""]
    if summary.programs:
        for found in summary.programs:
            lines.extend(_program(summary, found))
    else:
        lines.append("No programs in scope.")
    return lines


def _sectors_cell(sectors: Iterable[SectorAssignment]) -> str:
    parts = []
    for assignment in sectors:
        text = f"{assignment.sector}: {assignment.reason}"
        if assignment.inferred:
            text += " (inferred)"
        parts.append(text)
    return escape_cell("; ".join(parts)) if parts else "none in scope"


def _designation_rows(summary: ComplianceSummary, *, lists: bool) -> list[list[str]]:
    rows = []
    for entry in summary.designations:
        listed = listed_words(entry.listed) if entry.listed else _date(entry.listed_on)
        row = [escape_cell(entry.id), escape_cell(entry.name), entry.kind.value]
        if lists:
            row.append(escape_cell(entry.list_id))
        row += [
            escape_cell(", ".join(entry.programs)),
            entry.status.value,
            escape_cell(listed),
            _sectors_cell(entry.sectors),
            _cite(summary, entry.sources),
        ]
        rows.append(row)
    return rows


def _same_parties(summary: ComplianceSummary) -> list[str]:
    if not summary.same_parties:
        return []
    lines = ["", "### One party on several lists", ""]
    lines += _table(
        ["Party", "Designations", "Lists"],
        (
            [
                escape_cell(p.name),
                escape_cell(", ".join(p.designations)),
                escape_cell(", ".join(p.lists)),
            ]
            for p in summary.same_parties
        ),
    )
    return lines


def _designations(summary: ComplianceSummary) -> list[str]:
    lines = [escape(parties_words(summary)), *_same_parties(summary)]
    if not summary.designations:
        return lines
    lists = len(summary.lists) > 1
    header = ["ID", "Name", "Kind", *(["List"] if lists else []), "Programs", "Status"]
    header += ["Listed on", "Sectors (why)", "Sources"]
    if summary.same_parties:
        lines += ["", "### Every designation", ""]
    else:
        lines.append("")
    lines += _table(header, _designation_rows(summary, lists=lists))
    return lines


DATES_EXPLAINED = (
    "A designation's listing date is the day it was put on the list, where the list or a "
    'curated record gives it. Where neither does, "Listed on" shows the window the data '
    "leaves: from the day its program's founding authority took effect (or the day after "
    "the last snapshot without it) to the date of the list that holds it (or the first "
    "snapshot that does)."
)
"""What the dates of a summary mean (the HTML page says the same)."""


def _dates(summary: ComplianceSummary) -> list[str]:
    lines = [DATES_EXPLAINED]
    if summary.scope.as_of is None:
        lines += ["", "No date was asked: every designation loaded is in scope."]
    elif not summary.date_notes:
        lines += [
            "",
            f"On {summary.scope.as_of}, the listing dates answer alone: nothing is assumed.",
        ]
    else:
        lines += ["", f"On {summary.scope.as_of}, the answer assumes:", ""]
        lines.extend(f"- {escape(note.text)}" for note in summary.date_notes)
    return lines


def _timeline(summary: ComplianceSummary) -> list[str]:
    if not summary.timeline:
        return ["No dated events in scope."]
    return [
        _line(
            f"- {entry.date.isoformat()} — {escape(entry.kind)} — {escape(entry.title)}",
            _cite(summary, entry.sources),
        )
        for entry in summary.timeline
    ]


def _caveats(summary: ComplianceSummary) -> list[str]:
    if not summary.caveats:
        return ["No statement of the records in scope awaits verification."]
    lines = ["These statements have not been verified against a primary source:", ""]
    lines.extend(f"- {escape(caveat)}" for caveat in summary.caveats)
    return lines


def _url(url: str | None) -> str:
    if url is None:
        return "no URL"
    if url.startswith(("http://", "https://")) and not re.search(r"[\s<>]", url):
        return f"<{url}>"  # an autolink: its text is taken literally, so no escaping
    return escape(url)


def _source(number: int, source: Source) -> str:
    text = (
        f'[{number}] {escape(source.publisher)}, "{escape(source.title)}", '
        f"{_date(source.published_on, 'undated')}, {_url(source.url)}"
    )
    if source.verification.unverified:
        statements = verification_lines(Verification(unverified=source.verification.unverified))
        text += f" ({'; '.join(escape(u) for u in statements)})"
    return text


def _sources(summary: ComplianceSummary) -> list[str]:
    if not summary.citations:
        return ["No sources."]
    lines: list[str] = []
    for number, source in enumerate(summary.citations, start=1):
        if lines:
            lines.append("")
        lines.append(_source(number, source))
    return lines


# --------------------------------------------------------------------------- the page


def render_markdown(summary: ComplianceSummary) -> str:
    """The summary as Markdown: the executive summary, the designations per program and
    in one table, advisories, programs, dates, timeline, caveats, sources, provenance."""
    sections = [
        [f"# {escape(summary.title)}"],
        ["## Executive summary", "", *_executive(summary)],
        ["## Designations per program", "", *_per_program(summary)],
        ["## Designations", "", *_designations(summary)],
        ["## Advisories", "", *_advisories(summary)],
        ["## Programs and authorities", "", *_programs(summary)],
        ["## Dates", "", *_dates(summary)],
        ["## Timeline", "", *_timeline(summary)],
        ["## Caveats", "", *_caveats(summary)],
        ["## Sources", "", *_sources(summary)],
        ["## Provenance", "", *_provenance(summary)],
    ]
    text = "\n\n".join("\n".join(section) for section in sections)
    return "\n".join(line.rstrip() for line in text.splitlines()) + "\n"
