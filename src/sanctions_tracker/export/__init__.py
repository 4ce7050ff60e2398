"""Designations for other tools: FollowTheMoney entities, Senzing records, JSON lines.

>>> import io
>>> import sanctions_tracker as st
>>> from sanctions_tracker.export import export_records, write_json_lines
>>> tracker = st.load()
>>> entities = export_records(tracker, "ftm", tracker.designations(program="IRAN-EO13876"))
>>> from collections import Counter
>>> Counter(e["schema"] for e in entities).most_common(3)
[('Sanction', 11), ('Person', 9), ('Organization', 2)]
>>> out = io.StringIO()
>>> write_json_lines(entities, out)
26

The mapping of each format is in ``docs/export.md``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, TextIO

import attrs

from sanctions_tracker._convert import unstructure
from sanctions_tracker.errors import ReportError
from sanctions_tracker.export._ftm import PartyEntities, entity_id, ftm_entities
from sanctions_tracker.export._senzing import senzing_records

if TYPE_CHECKING:
    from sanctions_tracker.records import Designation
    from sanctions_tracker.tracker import Tracker

__all__ = [
    "EXPORT_FORMATS",
    "PartyEntities",
    "entity_id",
    "export_records",
    "ftm_entities",
    "senzing_records",
    "write_json_lines",
]

_EXPORTERS: dict[str, Callable[..., list[dict[str, Any]]]] = {
    "ftm": ftm_entities,
    "senzing": senzing_records,
}

EXPORT_FORMATS = tuple(_EXPORTERS)
"""The formats :func:`export_records` writes: ``ftm`` (FollowTheMoney entities) and
``senzing`` (Senzing entity records, which watchman reads too)."""


def export_records(
    tracker: Tracker, export_format: str, designations: Iterable[Designation] | None = None
) -> list[dict[str, Any]]:
    """``designations`` (all of the tracker's if None) in ``export_format``, as dicts to
    write one per line; ReportError names the formats for an unknown one."""
    exporter = _EXPORTERS.get(export_format)
    if exporter is None:
        known = ", ".join(EXPORT_FORMATS)
        msg = f"unknown export format {export_format!r}: expected one of {known}"
        raise ReportError(msg)
    return exporter(tracker, designations)


def write_json_lines(records: Iterable[Any], out: TextIO) -> int:
    """Write each record (a dict, or any record, unstructured) as one line of JSON;
    return how many lines were written. Keys keep their order; text is not escaped."""
    count = 0
    for record in records:
        data = unstructure(record) if attrs.has(type(record)) else record
        out.write(json.dumps(data, ensure_ascii=False, separators=(",", ":")))
        out.write("\n")
        count += 1
    return count
