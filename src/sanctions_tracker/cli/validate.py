"""``validate``: whether fixture or list files load, and an account of every row."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from sanctions_tracker._convert import unstructure
from sanctions_tracker.errors import FixtureError
from sanctions_tracker.fixtures import bundled_path
from sanctions_tracker.loading import load
from sanctions_tracker.records import PROBLEMS_LISTED, Dataset, FileAccount, RowProblem
from sanctions_tracker.reports.listing import count_words, coverage_json
from sanctions_tracker.tracker import Tracker

from ._common import Add, bundled, format_option
from ._errors import ReportedError

__all__ = ["add_commands"]

_SHOWN_PROBLEMS = 20


def _dataset_line(dataset: Dataset) -> str:
    files = count_words(len(dataset.files), "files")
    as_of = f", latest date {dataset.as_of}" if dataset.as_of else ""
    records = count_words(dataset.records, "records")
    return f"  {dataset.name} ({dataset.kind}): {files}, {records}{as_of}"


def _problem_lines(label: str, problems: Sequence[RowProblem], shown: int) -> list[str]:
    lines = [f"      {label} line {p.line}: {p.reason}" for p in problems[:shown]]
    if len(problems) > shown:
        lines.append(f"      ... and {len(problems) - shown} more {label} rows (--format json)")
    return lines


def _account_lines(account: FileAccount) -> list[str]:
    if account.format.startswith("fixtures"):
        return [f"    {account.file}: {count_words(account.records_made, 'records')}"]
    parts = [f"{account.records_made} made", f"{account.rejected_rows} rejected"]
    if account.orphan_rows:
        parts.append(f"{account.orphan_rows} without a main row")
    if account.left_out_rows:
        parts.append(f"{account.left_out_rows} left out")
    end = "; ended with the SUB end-of-file byte" if account.end_marker else ""
    read = f"{account.rows_read} rows read = {' + '.join(parts)}"
    lines = [f"    {account.file} ({account.format}): {read}{end}"]
    xml = " XML" in account.format
    if account.remark_segments:
        share = account.remark_segments_parsed / account.remark_segments
        lines.append(
            f"      {account.facts}: {account.remark_segments} read, "
            f"{account.remark_segments_parsed} turned into fields ({share:.2%}), "
            f"{account.kept_as_text} kept as text only"
        )
    lines.extend(_problem_lines("rejected", account.rejected, _SHOWN_PROBLEMS))
    lines.extend(_problem_lines("orphan", account.orphans, 3))
    lines.extend(_problem_lines("left out", account.left_out, 3))
    if account.unlisted and account.beyond_lines is not None:
        first, last = account.beyond_lines
        lines.append(
            f"      {account.unlisted:,} more rows that became no record (lines {first:,} to "
            f"{last:,}) are counted, not listed: a file's first {PROBLEMS_LISTED:,} of each "
            "kind are listed"
        )
    if xml:  # an XML account lists what it kept as text only (features of unknown types)
        lines.extend(_problem_lines("kept as text", account.unparsed_remarks, 3))
    lines.extend(
        f"      differs from the fixtures: {d.record} {d.field}: "
        f"fixture {d.fixture!r}, list {d.listed!r} (the list wins)"
        for d in account.disagreements
    )
    return lines


def _is_bundled(path: str) -> bool:
    try:
        return Path(path).resolve() == bundled_path().resolve()
    except OSError:
        return False


def _coverage_lines(tracker: Tracker) -> list[str]:
    """The coverage as indented text lines."""
    lines = ["sector coverage (designations in a sector, by the strongest basis):"]
    for c in tracker.sector_coverage():
        bases = ", ".join(f"{basis} {count}" for basis, count in c.by_basis) or "none"
        lines.append(
            f"  {c.list_id}: {c.placed} of {c.designations} ({c.share:.1%}); not individuals: "
            f"{c.organizations_placed} of {c.organizations} ({c.organizations_share:.1%}); "
            f"{bases}"
        )
    return lines


def _report(tracker: Tracker, fmt: str) -> str:
    """What was loaded and the account of every file, as text or JSON."""
    counts = tracker.counts()
    accounts = [a for d in tracker.datasets for a in d.accounts]
    rejected = sum(a.rejected_rows for a in accounts)
    if fmt == "json":
        report = {
            "ok": rejected == 0,
            "counts": counts,
            "datasets": [unstructure(d) for d in tracker.datasets],
            "sector_coverage": [coverage_json(c) for c in tracker.sector_coverage()],
        }
        return json.dumps(report, indent=2, ensure_ascii=False) + "\n"
    total = sum(counts.values())
    width = max(len(section) for section in counts)
    files = sum(len(d.files) for d in tracker.datasets)
    head = "ok" if rejected == 0 else "problems"
    lines = [f"{head}: {count_words(total, 'records')} from {count_words(files, 'files')}"]
    lines.extend(f"  {section:<{width}}  {count:>6}" for section, count in counts.items())
    lines.append("datasets:")
    for dataset in tracker.datasets:
        lines.append(_dataset_line(dataset))
        for account in dataset.accounts:
            lines.extend(_account_lines(account))
    lines.extend(_coverage_lines(tracker))
    return "\n".join(lines) + "\n"


def _print_problems(error: FixtureError, fmt: str) -> None:
    if fmt == "json":
        sys.stdout.write(json.dumps({"ok": False, "problems": list(error.problems)}, indent=2))
        sys.stdout.write("\n")
    else:
        sys.stdout.write("".join(f"{problem}\n" for problem in error.problems))
    sys.stdout.flush()


def cmd_validate(args: argparse.Namespace) -> str:
    # The paths are checked as --data would load them: with the bundled fixtures to refer
    # to (a user's designation may name a bundled program), unless --no-bundled.
    with_bundled = bundled(args) and not any(_is_bundled(p) for p in args.paths)
    try:
        tracker = load(*args.paths, bundled=with_bundled)
    except FixtureError as error:
        _print_problems(error, args.format)
        count = len(error.problems)
        msg = f"{count_words(count, 'problems')} found; nothing was loaded"
        raise ReportedError(msg) from None
    text = _report(tracker, args.format)
    rejected = sum(a.rejected_rows for d in tracker.datasets for a in d.accounts)
    if rejected:
        sys.stdout.write(text)
        sys.stdout.flush()
        raise ReportedError(f"{count_words(rejected, 'rows')} could not be read (listed above)")
    return text


def add_commands(add: Add) -> None:
    """``validate``."""
    validate = add(
        "validate",
        "check fixture files or list files (with the bundled set to refer to, unless "
        "--no-bundled) and account for every row",
        cmd_validate,
    )
    validate.add_argument(
        "paths", nargs="+", metavar="PATH", help="fixture files or folders, OFAC or UN list files"
    )
    format_option(validate, ("text", "json"))
