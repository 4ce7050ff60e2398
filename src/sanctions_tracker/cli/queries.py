"""The listings and the summary: ``designations``, ``advisories``, ``actions``,
``programs``, ``sectors`` and ``summary``."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from sanctions_tracker.records import ActionKind, DesignationStatus
from sanctions_tracker.reports.listing import (
    ACTIONS,
    ADVISORIES,
    DESIGNATIONS,
    LISTING_FORMATS,
    PROGRAMS,
    render_coverage,
    render_listing,
    sectors_listing,
)
from sanctions_tracker.tracker import Tracker

from ._common import (
    KIND_HELP,
    Add,
    date_range,
    format_option,
    kind_word,
    no_inferred_option,
    optional_date,
    settings,
    tracker_of,
)

__all__ = ["add_commands", "add_designation_filters", "designation_query"]

SUMMARY_FORMATS = ("md", "json", "html")


# --------------------------------------------------------------------------- designations


def add_designation_filters(parser: argparse.ArgumentParser) -> None:
    """The filters of ``designations`` (and of ``export``, which takes the same)."""
    parser.add_argument("--sector", help="a sector; includes the sectors below it")
    parser.add_argument("--program", help="a program id")
    parser.add_argument("--authority", help="an authority id or code (e.g. 'E.O. 13871')")
    parser.add_argument("--country", help="a country code or name")
    parser.add_argument("--kind", type=kind_word, help=KIND_HELP)
    parser.add_argument("--status", choices=[s.value for s in DesignationStatus])
    parser.add_argument("--active-on", metavar="DATE", help="in force on this date")
    parser.add_argument(
        "--as-of", metavar="DATE", help="the list as it stood on this date, and in force then"
    )
    parser.add_argument("--listed-from", metavar="DATE", help="listed on or after")
    parser.add_argument("--listed-to", metavar="DATE", help="listed on or before")
    parser.add_argument("--list-id", help="the list it is on (e.g. us-ofac-sdn)")
    no_inferred_option(parser)


def designation_query(args: argparse.Namespace) -> dict[str, Any]:
    """The ``Tracker.designations`` query of the filters (dates checked: a usage error)."""
    return {
        "sector": args.sector,
        "program": args.program,
        "authority": args.authority,
        "country": args.country,
        "kind": args.kind,
        "status": args.status,
        "active_on": optional_date(args.active_on, "--active-on"),
        "listed_between": date_range(
            args.listed_from, args.listed_to, ("--listed-from", "--listed-to")
        ),
        "list_id": args.list_id,
        "as_of": optional_date(args.as_of, "--as-of"),
        "inferred": not args.no_inferred,
    }


def query_settings(args: argparse.Namespace, query: dict[str, Any]) -> dict[str, object]:
    """A designations query's settings for its stamp, as the options gave them."""
    found = {k: v for k, v in query.items() if k not in {"listed_between", "inferred"}}
    found["listed_from"], found["listed_to"] = args.listed_from, args.listed_to
    found["inferred"] = "no" if args.no_inferred else None
    return found


def answering(tracker: Tracker, query: dict[str, Any]) -> Tracker:
    """The tracker that answers a query: with a history and a day, the view of that day."""
    day = query["as_of"] or query["active_on"]
    return tracker.as_of(day) if tracker.history is not None and day is not None else tracker


def cmd_designations(args: argparse.Namespace) -> str:
    query = designation_query(args)
    tracker = tracker_of(args)
    found = tracker.designations(**query)
    notes = tracker.date_notes(**query)
    stamp = answering(tracker, query).stamp(query_settings(args, query))
    text = render_listing(args.format, DESIGNATIONS, found, stamp, notes)
    if args.sector is None:
        return text
    # Said on stderr, so that the listing itself stays a table, CSV or JSON to read on.
    note = _unplaced_note(tracker, inferred=not args.no_inferred)
    sys.stderr.write("".join(f"note: {line}\n" for line in note))
    return text


def _unplaced_note(tracker: Tracker, *, inferred: bool) -> list[str]:
    """What a sector listing cannot show: the designations of each list in no sector."""
    lines = [
        f"{c.list_id}: {c.unplaced:,} of {c.designations:,} designations "
        f"({c.organizations - c.organizations_placed:,} of {c.organizations:,} that are not "
        "individuals) have no sector and cannot appear in a sector listing"
        for c in tracker.sector_coverage()
        if c.designations
    ]
    if not inferred:
        lines.append("placements inferred from names or linked parties are left out")
    return lines


# --------------------------------------------------------------------------- the others


def cmd_summary(args: argparse.Namespace) -> str:
    as_of = optional_date(args.as_of, "--as-of")
    tracker = tracker_of(args)
    summary = tracker.summary(
        sector=args.sector,
        program=args.program,
        country=args.country,
        as_of=as_of,
        inferred=not args.no_inferred,
    )
    renderers = {"md": summary.to_markdown, "json": summary.to_json, "html": summary.to_html}
    return renderers[args.format]()


def cmd_advisories(args: argparse.Namespace) -> str:
    issued = date_range(args.date_from, args.date_to, ("--from", "--to"))
    as_of = optional_date(args.as_of, "--as-of")
    tracker = tracker_of(args)
    found = tracker.advisories(
        material=args.material,
        sector=args.sector,
        hs_code=args.hs_code,
        country=args.country,
        agency=args.agency,
        authority=args.authority,
        issued_between=issued,
        as_of=as_of,
    )
    names = ("material", "sector", "hs_code", "country", "agency", "authority")
    stamp = tracker.stamp(settings(args, *names, "date_from", "date_to", "as_of"))
    return render_listing(args.format, ADVISORIES, found, stamp)


def cmd_actions(args: argparse.Namespace) -> str:
    between = date_range(args.date_from, args.date_to, ("--from", "--to"))
    as_of = optional_date(args.as_of, "--as-of")
    tracker = tracker_of(args)
    found = tracker.actions(
        between=between,
        kind=args.kind,
        agency=args.agency,
        authority=args.authority,
        program=args.program,
        as_of=as_of,
    )
    stamp = tracker.stamp(
        settings(args, "date_from", "date_to", "kind", "agency", "authority", "program", "as_of")
    )
    return render_listing(args.format, ACTIONS, found, stamp)


def cmd_programs(args: argparse.Namespace) -> str:
    as_of = optional_date(args.as_of, "--as-of")
    tracker = tracker_of(args)
    found = tracker.programs(
        sector=args.sector, country=args.country, authority=args.authority, as_of=as_of
    )
    stamp = tracker.stamp(settings(args, "sector", "country", "authority", "as_of"))
    return render_listing(args.format, PROGRAMS, found, stamp)


def cmd_sectors(args: argparse.Namespace) -> str:
    tracker = tracker_of(args)
    if args.coverage:
        return render_coverage(args.format, tracker.sector_coverage(), tracker.stamp())
    return render_listing(args.format, sectors_listing(tracker), tracker.sectors(), tracker.stamp())


# --------------------------------------------------------------------------- the parsers


def add_commands(add: Add) -> None:
    """The subcommands of this module, in the order ``--help`` lists them."""
    summary = add("summary", "a compliance summary of a scope, with citations", cmd_summary)
    summary.add_argument("--sector", help="a sector id, name or alias (e.g. steel)")
    summary.add_argument("--program", help="a program id (e.g. IRAN-EO13871)")
    summary.add_argument("--country", help="a country code or name (e.g. IR, Iran)")
    summary.add_argument("--as-of", metavar="DATE", help="what applied on this date")
    no_inferred_option(summary)
    format_option(summary, SUMMARY_FORMATS)
    summary.add_argument("--output", metavar="FILE", help="write to FILE instead of stdout")

    designations = add("designations", "list designations (listed parties)", cmd_designations)
    add_designation_filters(designations)
    format_option(designations, LISTING_FORMATS)

    advisories = add("advisories", "list government advisories", cmd_advisories)
    advisories.add_argument("--material", help="part of a material's name (e.g. graphite)")
    advisories.add_argument("--sector", help="a sector; includes the sectors below it")
    advisories.add_argument("--hs-code", help="an HS code or its start (e.g. 8545)")
    advisories.add_argument("--country", help="a country code or name")
    advisories.add_argument("--agency", help="part of the issuing agency's name")
    advisories.add_argument("--authority", help="an authority id or code")
    advisories.add_argument("--from", dest="date_from", metavar="DATE", help="issued on or after")
    advisories.add_argument("--to", dest="date_to", metavar="DATE", help="issued on or before")
    advisories.add_argument("--as-of", metavar="DATE", help="issued on or before this date")
    format_option(advisories, LISTING_FORMATS)

    actions = add("actions", "list dated government actions", cmd_actions)
    actions.add_argument("--from", dest="date_from", metavar="DATE", help="taken on or after")
    actions.add_argument("--to", dest="date_to", metavar="DATE", help="taken on or before")
    actions.add_argument("--kind", choices=[k.value for k in ActionKind])
    actions.add_argument("--agency", help="part of the agency's name")
    actions.add_argument("--program", help="a program id")
    actions.add_argument("--authority", help="an authority id or code")
    actions.add_argument("--as-of", metavar="DATE", help="taken on or before this date")
    format_option(actions, LISTING_FORMATS)

    programs = add("programs", "list sanctions programs", cmd_programs)
    programs.add_argument("--sector", help="programs reaching the sector (or above or below it)")
    programs.add_argument("--country", help="programs targeting the country")
    programs.add_argument("--authority", help="programs resting on the authority")
    programs.add_argument("--as-of", metavar="DATE", help="count only reaches in force then")
    format_option(programs, LISTING_FORMATS)

    sectors = add("sectors", "list the sector taxonomy, in tree order", cmd_sectors)
    sectors.add_argument(
        "--coverage",
        action="store_true",
        help="instead, how many designations of each loaded list have a sector, and why",
    )
    format_option(sectors, LISTING_FORMATS)
