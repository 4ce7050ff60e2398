"""Screening Arrow record batches: the one function Dask, Spark and Ray call alike.

A batch goes in with any columns; the same batch comes out with four more: the status of
each row, why it could not be screened, its best score, and every hit (a list of structs).
A worker loads the lists once (:class:`~sanctions_tracker.batch.ListFiles`), whatever
number of batches it screens.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

import attrs

from sanctions_tracker import _vocabulary as words
from sanctions_tracker.batch._engine import ListFiles, Settings, screen_rows
from sanctions_tracker.batch._input import InputRow
from sanctions_tracker.export._tables import _require

if TYPE_CHECKING:
    import pyarrow as pa

    from sanctions_tracker.screening import RecordResult
    from sanctions_tracker.tracker import Tracker

__all__ = ["RESULT_FIELDS", "result_schema", "screen_arrow"]

RESULT_FIELDS = ("screening_status", "screening_error", "screening_score", "screening_matches")
"""The columns a screened batch gains, after its own."""


def _match_type(pa: Any) -> Any:
    return pa.struct(
        [
            ("designation_id", pa.string()),
            ("name", pa.string()),
            ("score", pa.float64()),
            ("matched_name", pa.string()),
            ("strength", pa.string()),
            ("identifier_field", pa.string()),
        ]
    )


def result_schema(schema: pa.Schema) -> pa.Schema:
    """The schema of a screened batch: ``schema``'s fields, then :data:`RESULT_FIELDS`."""
    arrow = _require("pyarrow", "screen_arrow()", "arrow")
    result: pa.Schema = _result_schema(arrow, schema)
    return result


def _result_schema(pa: Any, schema: Any) -> Any:
    added = [
        pa.field("screening_status", pa.string()),
        pa.field("screening_error", pa.string()),
        pa.field("screening_score", pa.float64()),
        pa.field("screening_matches", pa.list_(_match_type(pa))),
    ]
    return pa.schema([*schema, *added])


def _text(value: object) -> str:
    return "" if value is None else str(value)


def _columns(results: list[RecordResult]) -> list[list[Any]]:
    status, error, score, matches = [], [], [], []
    for result in results:
        status.append("error" if result.error else "match" if result.matches else "no match")
        error.append(result.error)
        score.append(result.matches[0].score if result.matches else None)
        matches.append(
            [
                {
                    "designation_id": m.designation_id,
                    "name": m.name,
                    "score": m.score,
                    "matched_name": m.matched_name.full,
                    "strength": m.name_strength.value,
                    "identifier_field": m.identifier.field if m.identifier else None,
                }
                for m in result.matches
            ]
        )
    return [status, error, score, matches]


def screen_arrow(
    batches: Iterable[pa.RecordBatch],
    lists: ListFiles | Tracker,
    *,
    name_column: str | None = None,
    threshold: float | None = None,
    limit: int = words.DEFAULT_LIMIT,
    kind: str | None = None,
    weak_alias: float | None = None,
) -> Iterator[pa.RecordBatch]:
    """Each record batch screened, with :data:`RESULT_FIELDS` added (needs ``arrow``).

    ``lists`` is a loaded tracker, or the list files to load once in this process (what a
    Spark, Ray or Dask worker is given). A row's cells are read as text (null as empty)
    and screened as ``screen --file`` screens a row: its names under ``name_column``
    (default ``name`` or ``full_name``, in any case), its date of birth, country, kind
    and identifier columns as qualifiers. Rows keep their order and every column.
    """
    pa = _require("pyarrow", "screen_arrow()", "arrow")
    tracker = lists.tracker() if isinstance(lists, ListFiles) else lists
    screener = tracker.screener
    settings = Settings(
        threshold=words.check_threshold(threshold),
        limit=words.check_limit(limit),
        kind=kind,
        name_column=None,
        weak_alias=weak_alias,
    )
    for batch in batches:
        columns = batch.schema.names
        wanted = _name_column(columns, name_column)
        settings_here = attrs.evolve(settings, name_column=wanted)
        data = batch.to_pydict()
        rows = [
            InputRow(index + 1, {column: _text(data[column][index]) for column in columns})
            for index in range(batch.num_rows)
        ]
        results = screen_rows(screener, rows, settings_here)
        schema = result_schema(batch.schema)
        arrays = [*batch.columns]
        added = [schema.field(name) for name in RESULT_FIELDS]
        for field, values in zip(added, _columns(results), strict=True):
            arrays.append(pa.array(values, type=field.type))
        yield pa.RecordBatch.from_arrays(arrays, schema=schema)


def _name_column(columns: list[str], wanted: str | None) -> str | None:
    from sanctions_tracker.batch._input import column_key  # noqa: PLC0415 - one helper
    from sanctions_tracker.errors import QueryError  # noqa: PLC0415

    keys = {column_key(column): column for column in columns}
    if wanted is None:
        return keys.get("name") or keys.get("fullname")
    found = keys.get(column_key(wanted))
    if found is None:
        msg = f"no column {wanted!r} in the batch (columns: {', '.join(columns)})"
        raise QueryError(msg)
    return found
