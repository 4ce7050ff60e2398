"""The sector package's data files: tab-separated tables shipped beside the modules."""

from __future__ import annotations

from importlib import resources

__all__ = ["read_table"]


def read_table(name: str, columns: int) -> list[list[str]]:
    """The rows of ``name`` (comment lines ``#`` and the header row left out).

    Every row must have ``columns`` cells; a file that does not is a packaging error.
    """
    text = resources.files(__package__).joinpath(name).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    rows = [line.split("\t") for line in lines[1:]]
    for number, row in enumerate(rows, start=2):
        if len(row) != columns:
            msg = f"{name}: row {number} has {len(row)} cells, expected {columns}"
            raise ValueError(msg)
    return rows
