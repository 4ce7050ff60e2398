"""The summary as one self-contained HTML page, for filing.

The page has the sections of the Markdown summary, its CSS inline, its two charts as
inline SVG (``charts.py``) and no scripts or external resources; it prints on A4 or
Letter as it shows, ids and dates never broken across lines. Every piece of data is
escaped by the template engine (``autoescape``); citation markers link to the
``#source-n`` anchors of the sources list, and a source's URL is a link only when it is
an ``http(s)`` URL.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from sanctions_tracker.countries import country_name
from sanctions_tracker.records import Verification
from sanctions_tracker.reports import overview
from sanctions_tracker.reports.charts import program_chart, years_chart
from sanctions_tracker.reports.markdown import DATES_EXPLAINED
from sanctions_tracker.reports.stamp import (
    cache_words,
    generated_words,
    input_words,
    listed_words,
)
from sanctions_tracker.reports.wording import verification_lines

if TYPE_CHECKING:
    from sanctions_tracker.records import Authority
    from sanctions_tracker.reports.model import ComplianceSummary

__all__ = ["render_html"]

TEMPLATE = "summary.html.j2"


@functools.cache
def _env() -> Environment:
    """The template environment, made on first use: autoescaping, strict about undefined."""
    return Environment(
        loader=PackageLoader("sanctions_tracker.reports", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def is_web_url(url: str | None) -> bool:
    """Whether ``url`` may be shown as a link: only ``http://`` and ``https://`` URLs are."""
    return url is not None and url.startswith(("http://", "https://"))


_ISO_DATE = re.compile(r"(\d{4}-\d{2}-\d{2})")


def whole_dates(text: str) -> Markup:
    """``text``, escaped, each ISO date in it in a ``<span class="date">`` that the page's
    CSS keeps from breaking at its hyphens."""
    # split() with one group gives the text between dates at even places, dates at odd.
    return Markup("").join(
        Markup('<span class="date">%s</span>') % piece if index % 2 else escape(piece)
        for index, piece in enumerate(_ISO_DATE.split(text))
    )


def whole_items(items: Iterable[str]) -> Markup:
    """Items, escaped, joined with ", ", each one kept from breaking (designation ids)."""
    return Markup(", ").join(Markup('<span class="date">%s</span>') % item for item in items)


def render_html(summary: ComplianceSummary) -> str:
    """The summary as a complete HTML page (a string ending in one newline)."""

    numbers = {source.id: n for n, source in enumerate(summary.citations, start=1)}

    def cite(sources: Iterable[str]) -> list[int]:
        return sorted({numbers[s] if s in numbers else summary.citation_number(s) for s in sources})

    def authority(authority_id: str) -> Authority | None:
        return next((a for a in summary.authorities if a.id == authority_id), None)

    template = _env().get_template(TEMPLATE)
    page = template.render(
        summary=summary,
        cite=cite,
        authority=authority,
        country_name=country_name,
        is_web_url=is_web_url,
        generated_words=generated_words,
        cache_words=cache_words,
        input_words=input_words,
        listed_words=listed_words,
        dates_explained=DATES_EXPLAINED,
        overview=overview,
        program_chart=program_chart(summary),
        years_chart=years_chart(summary),
        whole_dates=whole_dates,
        whole_items=whole_items,
        unverified_lines=lambda source: verification_lines(
            Verification(unverified=source.verification.unverified)
        ),
    )
    lines = [line.rstrip() for line in page.splitlines()]
    return "\n".join(lines).strip("\n") + "\n"
