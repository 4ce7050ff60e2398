"""The summary as JSON: the converter's unstructured form, keys in field order."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from sanctions_tracker._convert import unstructure

if TYPE_CHECKING:
    from sanctions_tracker.reports.model import ComplianceSummary

__all__ = ["render_json"]


def render_json(summary: ComplianceSummary, *, indent: int | None = 2) -> str:
    """The summary as a JSON document (schema: ``docs/reports.md``), ending in a newline."""
    return json.dumps(unstructure(summary), indent=indent, ensure_ascii=False) + "\n"
