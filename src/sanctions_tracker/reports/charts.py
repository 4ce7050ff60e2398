"""The summary's two pictures, as geometry for inline SVG: designations per program, and
listing dates over time.

A chart here is numbers and labels only; the HTML template draws it as SVG elements, so
that every label is escaped like the rest of the page. No script, no external resource:
the page prints as it shows.

>>> import sanctions_tracker as st
>>> summary = st.load().summary(sector="steel")
>>> chart = program_chart(summary)
>>> [(bar.label, bar.value) for bar in chart.bars][:2]
[('IRAN-EO13871', 10), ('IFCA', 2)]
>>> years = years_chart(summary)
>>> [(bar.label, bar.value) for bar in years.bars]
[('2020', 5), ('2021', 1)]
>>> years.caption.split(". ")[1]
'4 of 10 have no listing date and are not shown.'
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from attrs import frozen

if TYPE_CHECKING:
    from sanctions_tracker.reports.model import ComplianceSummary

__all__ = ["Bar", "Chart", "program_chart", "years_chart"]

WIDTH = 480
"""The charts' width in SVG units, about their width in CSS pixels side by side on a
page (they scale to the page, on screen and on paper)."""

_ROW = 24  # the height of a bar's row in the program chart
_LABEL = 150  # the width of the program chart's labels
_TOP_PROGRAMS = 12  # programs drawn, the rest summed in one bar
_PLOT_TOP = 22  # room above the years chart's bars for the value of the tallest
_PLOT_HEIGHT = 150  # the height of the years chart's bars at most
_BAR_MAX = 36  # the widest a year's bar is drawn
_PAD = 18  # room left and right of the years chart for the first and last year
_LABEL_CHARS = 20  # longer labels are cut short with an ellipsis


@frozen
class Bar:
    """One bar: its label, value, and where it is drawn (x, y, width, height)."""

    label: str
    value: int
    x: float
    y: float
    width: float
    height: float
    title: str
    """What the bar stands for, in words (the SVG element's tooltip and accessible name)."""
    show_label: bool = True


@frozen
class Chart:
    """A bar chart: its size, its bars, and a caption that says what it shows."""

    title: str
    caption: str
    width: int
    height: int
    bars: tuple[Bar, ...]
    horizontal: bool
    maximum: int


def _short(text: str) -> str:
    return text if len(text) <= _LABEL_CHARS else text[: _LABEL_CHARS - 1] + "…"


def program_chart(summary: ComplianceSummary) -> Chart:
    """Designations in scope per program, most first: a horizontal bar each (the programs
    after the first twelve summed in one bar)."""
    counts = [(c.program, c.name, c.count) for c in summary.program_counts]
    shown, rest = counts[:_TOP_PROGRAMS], counts[_TOP_PROGRAMS:]
    if rest:
        total = sum(count for _, _, count in rest)
        shown.append((f"{len(rest)} other programs", f"{len(rest)} other programs", total))
    maximum = max((count for _, _, count in shown), default=0)
    plot = WIDTH - _LABEL - 50
    bars = tuple(
        Bar(
            label=_short(program),
            value=count,
            x=_LABEL,
            y=index * _ROW + 4,
            width=round(plot * count / maximum, 1) if maximum else 0,
            height=_ROW - 8,
            title=f"{program} ({name}): {count} designation{'' if count == 1 else 's'}",
        )
        for index, (program, name, count) in enumerate(shown)
    )
    several = sum(c.count for c in summary.program_counts) > summary.designation_count
    caption = "Designations in scope per program" + (
        "; a designation under several programs counts under each." if several else "."
    )
    return Chart(
        title="Designations per program",
        caption=caption,
        width=WIDTH,
        height=max(len(bars), 1) * _ROW + 8,
        bars=bars,
        horizontal=True,
        maximum=maximum,
    )


def years_chart(summary: ComplianceSummary) -> Chart:
    """Designations in scope by the year of their listing date: a vertical bar for each
    year from the first to the last (years with none show as gaps)."""
    years = Counter(e.listed_on.year for e in summary.designations if e.listed_on is not None)
    first, last = (min(years), max(years)) if years else (0, -1)
    span = list(range(first, last + 1))
    maximum = max(years.values(), default=0)
    step = (WIDTH - 2 * _PAD) / max(len(span), 1)
    width = min(step * 0.8, _BAR_MAX)
    every = max(1, round(len(span) / 8))  # about eight year labels at most, the last one
    bars = tuple(
        Bar(
            label=str(year),
            value=years[year],
            x=round(_PAD + index * step + (step - width) / 2, 1),
            y=round(_PLOT_TOP + _PLOT_HEIGHT * (1 - years[year] / maximum), 1),
            width=round(width, 1),
            height=round(_PLOT_HEIGHT * years[year] / maximum, 1),
            title=f"{year}: {years[year]} designation{'' if years[year] == 1 else 's'} listed",
            show_label=(len(span) - 1 - index) % every == 0,
        )
        for index, year in enumerate(span)
    )
    unknown = summary.listing_dates.unknown
    caption = "Designations in scope by the year they were listed."
    if unknown:
        caption += (
            f" {unknown:,} of {summary.designation_count:,} have no listing date and are not shown."
        )
    return Chart(
        title="Listing dates over time",
        caption=caption,
        width=WIDTH,
        height=_PLOT_TOP + _PLOT_HEIGHT + 26,
        bars=bars,
        horizontal=False,
        maximum=maximum,
    )
