"""Renderers of a :class:`~sanctions_tracker.history.ListDiff`: Markdown, JSON and CSV.

The Markdown reads like OFAC's "Recent Actions" page: the counts first, then the changes
grouped by program (an entry goes under the first of its programs and shows them all),
each entry with its name and, for an amendment, what changed.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from sanctions_tracker._convert import unstructure
from sanctions_tracker.reports.markdown import escape
from sanctions_tracker.reports.stamp import (
    csv_comments,
    generated_words,
    input_words,
    stamp_lines,
)

if TYPE_CHECKING:
    from sanctions_tracker.history import Amendment, DiffEntry, FieldChange, ListDiff

__all__ = ["CSV_COLUMNS", "render_diff_csv", "render_diff_json", "render_diff_markdown"]

CSV_COLUMNS = ("change", "id", "name", "kind", "programs", "field", "added", "removed")


def _tags(programs: Sequence[str]) -> str:
    return " ".join(f"[{escape(p)}]" for p in programs)


def _side(name: str, as_of: object) -> str:
    return f"{escape(name)} (as of {as_of})" if as_of else escape(name)


def _change(change: FieldChange) -> str:
    parts = []
    if change.added:
        parts.append("added " + "; ".join(escape(v) for v in change.added))
    if change.removed:
        parts.append("removed " + "; ".join(escape(v) for v in change.removed))
    return f"{change.field.replace('_', ' ')}: {', '.join(parts)}"


def _by_program(
    entries: Iterable[tuple[str, DiffEntry | Amendment]],
) -> dict[str, list[tuple[str, DiffEntry | Amendment]]]:
    groups: dict[str, list[tuple[str, DiffEntry | Amendment]]] = {}
    for change, entry in entries:
        groups.setdefault(entry.programs[0] if entry.programs else "(no program)", []).append(
            (change, entry)
        )
    return dict(sorted(groups.items()))


def render_diff_markdown(diff: ListDiff) -> str:
    """The changelog as Markdown."""
    counts = diff.counts()
    lines = [
        f"# Changes to the list: {escape(diff.new)}",
        "",
        f"- From: {_side(diff.old, diff.old_as_of)}",
        f"- To: {_side(diff.new, diff.new_as_of)}",
        f"- Added: {counts['added']}",
        f"- Removed: {counts['removed']}",
        f"- Amended: {counts['amended']}",
    ]
    if diff.order_note is not None:
        lines.append(f"- Order: {escape(diff.order_note)}")
    if diff.stamp is not None:
        lines.append(
            f"- Generated: {escape(generated_words(diff.stamp).removeprefix('generated '))}"
        )
        lines.append("- Input files:")
        lines.extend(f"  - {escape(input_words(file))}" for file in diff.stamp.inputs)
    if diff.empty:
        lines += ["", "No designation was added, removed or amended."]
        return "\n".join(lines) + "\n"
    entries: list[tuple[str, DiffEntry | Amendment]] = [
        *(("added", e) for e in diff.added),
        *(("removed", e) for e in diff.removed),
        *(("amended", a) for a in diff.amended),
    ]
    for program, group in _by_program(entries).items():
        lines += ["", f"## {escape(program)} ({len(group)})"]
        for change in ("added", "removed", "amended"):
            chosen = [entry for kind, entry in group if kind == change]
            if not chosen:
                continue
            lines += ["", f"### {change.capitalize()} ({len(chosen)})", ""]
            for entry in chosen:
                who = f"{escape(entry.name)} ({entry.id}, {entry.kind.value})"
                lines.append(f"- {who} {_tags(entry.programs)}")
                changes: tuple[FieldChange, ...] = getattr(entry, "changes", ())
                lines.extend(f"  - {_change(c)}" for c in changes)
    return "\n".join(lines) + "\n"


def render_diff_json(diff: ListDiff, *, indent: int | None = 2) -> str:
    """The diff as JSON: the record's fields with the counts after the as-of dates."""
    data: dict[str, Any] = unstructure(diff)
    ordered = {
        "schema": data.pop("schema"),
        "old": data.pop("old"),
        "new": data.pop("new"),
        "old_as_of": data.pop("old_as_of"),
        "new_as_of": data.pop("new_as_of"),
        "order_note": data.pop("order_note"),
        "stamp": data.pop("stamp"),
        "counts": diff.counts(),
        **data,
    }
    return json.dumps(ordered, indent=indent, ensure_ascii=False) + "\n"


def render_diff_csv(diff: ListDiff) -> str:
    """One row per added or removed designation and per changed field of an amended one."""
    out = io.StringIO()
    head = [f"order: {diff.order_note}"] if diff.order_note is not None else []
    if diff.stamp is not None:
        head.extend(stamp_lines(diff.stamp))
    out.write(csv_comments(head))
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for change, entries in (("added", diff.added), ("removed", diff.removed)):
        for entry in entries:
            programs = "; ".join(entry.programs)
            writer.writerow((change, entry.id, entry.name, entry.kind.value, programs, "", "", ""))
    for amendment in diff.amended:
        programs = "; ".join(amendment.programs)
        for field_change in amendment.changes:
            writer.writerow(
                (
                    "amended",
                    amendment.id,
                    amendment.name,
                    amendment.kind.value,
                    programs,
                    field_change.field,
                    "; ".join(field_change.added),
                    "; ".join(field_change.removed),
                )
            )
    return out.getvalue()
