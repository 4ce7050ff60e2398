"""Screening results as they are written: an aligned table, CSV, JSON, JSON lines and
yente's ``/match`` response, one row at a time.

A batch is written as it is screened, so each format has three parts: a head (the stamp
and, for CSV and the table, the header), one piece per row (made by
:class:`RowRenderer` where the row was screened, a worker process if there are several),
and a foot (the account of the rows: how many were read, screened, matched, and the
SHA-256 of the file of names). Every input column comes out with its row.

The yente shape and how our results map onto it are in ``docs/screening.md``.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import IO, TYPE_CHECKING, Any

from attrs import frozen

from sanctions_tracker.reports.listing import (
    SCHEMA_PREFIX,
    TABLE_CELL_WIDTH,
    cell_text,
    count_words,
)
from sanctions_tracker.reports.stamp import csv_comments, input_words, stamp_json, stamp_lines

if TYPE_CHECKING:
    from sanctions_tracker.records import InputFile, Stamp
    from sanctions_tracker.screening import Match, RecordResult
    from sanctions_tracker.tracker import Tracker

__all__ = [
    "SCREENING_FORMATS",
    "SCREEN_SCHEMA",
    "Piece",
    "RowRenderer",
    "ScreeningWriter",
    "result_columns",
    "yente_features",
]

SCREEN_SCHEMA = f"{SCHEMA_PREFIX}/screening/1"
"""The schema of JSON and JSON-lines screening results."""

SCREENING_FORMATS = ("table", "json", "csv", "jsonl", "yente")
"""The forms of screening results; the first is the command line's default."""

Piece = tuple[int | None, Any]
"""A row's piece of the output, with its line if the row could not be screened."""

_RESULT_COLUMNS = ("result", "id", "listed name", "score", "matched name", "strength", "more")
_TABLE_BLOCK = 500
"""The table's columns are as wide as the header and its first rows need."""


def result_columns(columns: Sequence[str], *, first: str = "line") -> tuple[str, ...]:
    """The header of a table or CSV of results: ``first`` (the row's line), every input
    column as named, then the result's columns (renamed ``screening ...`` where an input
    column has the same name, so that no column hides another)."""
    taken = {column.casefold() for column in columns}
    line, *ours = (
        f"screening {name}" if name.casefold() in taken else name
        for name in (first, *_RESULT_COLUMNS)
    )
    return (line, *columns, *ours)


def _status(matches: Sequence[Match], new: frozenset[str] | None) -> str:
    """'match' or 'no match'; re-screening, against what changed: 'new match' or not."""
    if new is None:
        return "match" if matches else "no match"
    if not matches:
        return "nothing changed for this name"
    return "new match" if new else "match, not new"


_JSON_FORMS = frozenset({"json", "jsonl", "yente"})


def _match_json(match: Match, new: frozenset[str] | None) -> dict[str, Any]:
    from sanctions_tracker._convert import unstructure  # noqa: PLC0415 - JSON output only

    data: dict[str, Any] = unstructure(match)
    del data["designation"]  # the record is one `show ID` away; the output stays readable
    if new is not None:
        data["new"] = match.designation_id in new
    return data


def yente_features(match: Match) -> tuple[dict[str, float], dict[str, dict[str, Any]]]:
    """A match's ``features`` and ``explanations`` as yente gives them: the name's score
    (``name``), an identifier found exactly (``identifier``), and each adjustment of the
    score (weak alias, kind, birth date, country) under its own key with its change."""
    explanation = match.explanation
    features: dict[str, float] = {}
    explained: dict[str, dict[str, Any]] = {}
    if match.identifier is not None:
        features["identifier"] = 1.0
        explained["identifier"] = {
            "detail": explanation.summary,
            "score": 1.0,
            "query": match.identifier.query,
            "candidate": match.identifier.value,
        }
        return features, explained
    features["name"] = explanation.name_score
    explained["name"] = {
        "detail": explanation.summary,
        "score": explanation.name_score,
        "query": None,
        "candidate": match.matched_name.full,
    }
    for adjustment in explanation.adjustments:
        key = _adjustment_key(adjustment.reason, adjustment.change)
        features[key] = adjustment.change
        explained[key] = {"detail": adjustment.reason, "score": adjustment.change}
    return features, explained


def _adjustment_key(reason: str, change: float) -> str:
    """A feature name for an adjustment of the score, from what it is about."""
    text = reason.casefold()
    if "alias" in text:
        return "weak_alias"
    if text.startswith("born"):
        return "birth_date_match" if change >= 0 else "birth_date_mismatch"
    if text.startswith("the record is"):
        return "kind_mismatch"
    return "country_match" if change >= 0 else "country_mismatch"


@frozen
class RowRenderer:
    """Turns each row's result into its piece of the output, where the row is screened.

    Called with the tracker of the process (``renderer(tracker)``) it gives the function
    for one :class:`~sanctions_tracker.screening.RecordResult` (and, re-screening, the
    ids of its new hits). It is plain data, so it travels to Dask workers as it is.
    ``columns`` are the input's columns (None: names given one by one, not a file);
    ``name_column`` the one that holds the names.
    """

    format: str
    columns: tuple[str, ...] | None
    name_column: str | None
    threshold: float
    limit: int

    def __call__(self, tracker: Tracker) -> Callable[..., Piece]:
        if self.format == "yente":
            return _YenteRows(self, tracker)
        return _Rows(self)


class _Rows:
    """A row's piece of a table, CSV, JSON or JSON-lines output."""

    def __init__(self, spec: RowRenderer) -> None:
        self.spec = spec

    def name_of(self, record: Mapping[str, object]) -> str:
        column = self.spec.name_column
        if column is not None:
            found = _text(record.get(column))
        else:
            found = next(
                (_text(v) for k, v in record.items() if k.casefold() in {"name", "full_name"}),
                "",
            )
        return found or _text(record.get("identifier"))  # (an identifier screened alone)

    def __call__(self, result: RecordResult, new: frozenset[str] | None = None) -> Piece:
        return (result.row if result.error else None, self.piece(result, new))

    def piece(self, result: RecordResult, new: frozenset[str] | None) -> Any:
        spec = self.spec
        if spec.format in {"table", "csv"}:
            cells = [result.row, *self.cells(result, new)]
            if spec.format == "table":
                return cells
            buffer = io.StringIO()
            csv.writer(buffer, lineterminator="\n").writerow([cell_text(c) for c in cells])
            return buffer.getvalue()
        data = {
            "row": result.row,
            "name": self.name_of(result.record),
            "record": dict(result.record) if spec.columns is not None else None,
            "status": "error" if result.error else _status(result.matches, new),
            "error": result.error,
            "matches": [_match_json(m, new) for m in result.matches],
        }
        if data["record"] is None:
            del data["record"]
        if spec.format == "json":
            text = json.dumps(data, indent=2, ensure_ascii=False)
            return "    " + text.replace("\n", "\n    ")
        return json.dumps(data, ensure_ascii=False) + "\n"

    def cells(self, result: RecordResult, new: frozenset[str] | None) -> list[Any]:
        columns = self.spec.columns
        # (cells past the header are in the row's error, which quotes them)
        inputs = (
            [_text(result.record.get(column)) for column in columns]
            if columns is not None
            else [self.name_of(result.record)]
        )
        if result.error:
            return [*inputs, f"error: {result.error}", "", "", "", "", "", ""]
        status = _status(result.matches, new)
        if not result.matches:
            return [*inputs, status, "", "", "", "", "", ""]
        fresh = new or frozenset()
        best = next((m for m in result.matches if m.designation_id in fresh), result.matches[0])
        found = best.identifier
        return [
            *inputs,
            status,
            best.designation_id,
            best.name,
            f"{best.score:.3f}",
            best.matched_name.full if found is None else f"{found.field} {found.value}",
            best.name_strength.value if found is None else "identifier",
            len(result.matches) - 1,
        ]


class _YenteRows(_Rows):
    """A row's response in yente's ``/match`` shape, keyed by the row's line."""

    def __init__(self, spec: RowRenderer, tracker: Tracker) -> None:
        from sanctions_tracker.export import PartyEntities  # noqa: PLC0415 - yente only

        super().__init__(spec)
        self.entity_of = PartyEntities(tracker)
        self.entities: dict[str, dict[str, Any]] = {}

    def entity(self, match: Match) -> dict[str, Any]:
        found = self.entities.get(match.designation_id)
        if found is None:
            if len(self.entities) > 4096:  # noqa: PLR2004 - a bound on what is kept
                self.entities.clear()
            found = self.entities[match.designation_id] = self.entity_of(match.designation)
        return found

    def query(self, result: RecordResult) -> dict[str, Any]:
        record = result.record
        keys = {
            "".join(c for c in k.casefold() if c.isalnum()): _text(v) for k, v in record.items()
        }
        properties: dict[str, list[str]] = {}
        for prop, names in (
            ("name", ()),
            ("birthDate", ("birthdate", "dateofbirth", "dob")),
            ("country", ("country", "nationality")),
            ("idNumber", ("identifier",)),
        ):
            value = (
                self.name_of(record)
                if prop == "name"
                else next((keys[n] for n in names if keys.get(n, "").strip()), "")
            )
            if value.strip():
                properties[prop] = [value.strip()]
        kind = next((keys[n] for n in ("kind", "type") if keys.get(n, "").strip()), "")
        schema = {"person": "Person", "individual": "Person", "vessel": "Vessel"}.get(
            kind.strip().casefold(), "LegalEntity" if not kind.strip() else "Organization"
        )
        query_id = keys.get("id") or None
        return {"id": query_id, "schema": schema, "properties": properties}

    def result(self, match: Match) -> dict[str, Any]:
        entity = self.entity(match)
        features, explanations = yente_features(match)
        designation = match.designation
        return {
            "id": entity["id"],
            "caption": designation.party.name,
            "schema": entity["schema"],
            "properties": entity["properties"],
            "datasets": entity["datasets"],
            "referents": [designation.id],
            "target": True,
            "first_seen": _iso(designation.first_seen),
            "last_seen": _iso(designation.last_seen),
            "last_change": None,
            "score": match.score,
            "match": match.score >= self.spec.threshold,
            "features": features,
            "explanations": explanations,
        }

    def piece(self, result: RecordResult, new: frozenset[str] | None) -> str:
        del new  # yente's shape has no place for it; re-screening writes the other formats
        response: dict[str, Any] = {
            "status": 400 if result.error else 200,
            "results": [self.result(m) for m in result.matches],
            "total": {"value": len(result.matches), "relation": "eq"},
            "query": self.query(result),
        }
        if result.error:
            response["detail"] = result.error
        key = json.dumps(str(result.row))
        return f"    {key}: {json.dumps(response, ensure_ascii=False)}"


def _text(value: object) -> str:
    return "" if value is None else str(value)


def _iso(value: Any) -> str | None:
    return None if value is None else f"{value.isoformat()}T00:00:00"


class ScreeningWriter:
    """Writes a batch's results to ``out`` as they come: :meth:`start` with the stamp,
    :meth:`write` with each batch of rendered rows, :meth:`finish` with the account."""

    def __init__(self, out: IO[str], renderer: RowRenderer, *, noun: str = "names") -> None:
        self.out = out
        self.spec = renderer
        self.noun = noun
        self.count = 0
        self.errors: list[int] = []
        self._header = result_columns(
            renderer.columns if renderer.columns is not None else ("name",),
            first="line" if renderer.columns is not None else "row",
        )
        self._widths: list[int] | None = None
        self._block: list[list[str]] = []

    def start(self, stamp: Stamp) -> None:
        """The head: the stamp (the table's is at its foot) and the header."""
        form = self.spec.format
        # JSON only: the table's and the CSV's stamp are lines of text.
        head = {"schema": SCREEN_SCHEMA, "stamp": stamp_json(stamp)} if form in _JSON_FORMS else {}
        if form == "csv":
            self.out.write(csv_comments(stamp_lines(stamp)))
            buffer = io.StringIO()
            csv.writer(buffer, lineterminator="\n").writerow(self._header)
            self.out.write(buffer.getvalue())
        elif form == "jsonl":
            self.out.write(json.dumps(head, ensure_ascii=False) + "\n")
        elif form == "json":
            self.out.write('{\n  "schema": ' + json.dumps(SCREEN_SCHEMA) + ',\n  "stamp": ')
            self.out.write(json.dumps(head["stamp"], ensure_ascii=False) + ',\n  "results": [')
        elif form == "yente":
            self.out.write('{\n  "schema": ' + json.dumps(SCREEN_SCHEMA) + ',\n  "stamp": ')
            self.out.write(json.dumps(head["stamp"], ensure_ascii=False))
            self.out.write(f',\n  "limit": {self.spec.limit},\n  "responses": {{')

    def write(self, pieces: Iterable[Piece]) -> None:
        """Rendered rows, in order."""
        form = self.spec.format
        for error_line, piece in pieces:
            if error_line is not None:
                self.errors.append(error_line)
            if form == "table":
                self._table_row([cell_text(c) for c in piece])
            elif form in {"json", "yente"}:
                self.out.write(("\n" if self.count == 0 else ",\n") + piece)
            else:
                self.out.write(piece)
            self.count += 1

    def _table_row(self, cells: list[str]) -> None:
        cells = [
            c if len(c) <= TABLE_CELL_WIDTH else c[: TABLE_CELL_WIDTH - 1] + "…" for c in cells
        ]
        if self._widths is None:
            self._block.append(cells)
            if len(self._block) >= _TABLE_BLOCK:
                self._flush_block()
            return
        self.out.write(self._line(cells))

    def _flush_block(self) -> None:
        titles = [h.upper() for h in self._header]
        rows = [titles, *self._block]
        width = max(len(row) for row in rows)
        self._widths = [max(len(r[i]) if i < len(r) else 0 for r in rows) for i in range(width)]
        for row in rows:
            self.out.write(self._line(row))
        self._block = []

    def _line(self, cells: Sequence[str]) -> str:
        widths = self._widths or []
        padded = [c.ljust(widths[i]) if i < len(widths) else c for i, c in enumerate(cells)]
        return "  ".join(padded).rstrip() + "\n"

    def finish(self, stamp: Stamp, names: InputFile | None) -> None:
        """The foot: how many rows, and the file of names with its SHA-256 and rows (the
        table gives its whole stamp here)."""
        form = self.spec.format
        from sanctions_tracker._convert import unstructure  # noqa: PLC0415 - as above

        account = {
            "rows": self.count,
            "not_screened": len(self.errors),
            "names_file": None if names is None else unstructure(names),
        }
        if form == "table":
            if self._widths is None:
                self._flush_block()
            self.out.write(count_words(self.count, self.noun) + " screened\n")
            self.out.write("".join(f"{line}\n" for line in stamp_lines(stamp)))
            if names is not None:
                self.out.write(f"input: {input_words(names)}\n")
        elif form == "csv":
            lines = [f"{count_words(self.count, 'rows')} written"]
            if names is not None:
                lines.append(f"input: {input_words(names)}")
            self.out.write(csv_comments(lines))
        elif form == "jsonl":
            self.out.write(json.dumps({"account": account}, ensure_ascii=False) + "\n")
        else:
            closing = "\n  ]" if form == "json" else "\n  }"
            self.out.write(closing if self.count else closing.strip(" \n"))
            self.out.write(',\n  "count": ' + str(self.count))
            self.out.write(',\n  "account": ' + json.dumps(account, ensure_ascii=False) + "\n}\n")
