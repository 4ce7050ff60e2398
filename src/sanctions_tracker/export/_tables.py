"""Records as tables: one row per record, typed columns, for pandas and pyarrow.

Each kind of result has a layout: a tuple of :class:`Column`, each with a name, a type and
how to read its value from a record. The same layout gives a pandas DataFrame (``pandas``
extra) and a pyarrow Table (``arrow`` extra) with a fixed schema, so an empty result has
the same columns as a full one. A kind of result joins by adding its layout to
``LAYOUTS`` (``sanctions_tracker.results`` names it).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Sequence
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from attrs import frozen

from sanctions_tracker.errors import MissingExtraError
from sanctions_tracker.records import Address, Identifier, Link

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa

__all__ = [
    "DESIGNATION_COLUMNS",
    "LAYOUTS",
    "MATCH_COLUMNS",
    "SCREENING_COLUMNS",
    "Column",
    "ColumnType",
    "rows",
    "to_arrow",
    "to_pandas",
]


class ColumnType(StrEnum):
    """The type of a column's values."""

    TEXT = "text"
    INTEGER = "integer"
    DATE = "date"
    TEXTS = "list of text"
    IDENTIFIERS = "list of {kind, value, country}"
    LINKS = "list of {relation, name, target}"
    FLOAT = "number"
    RECORD = "map of text to text"
    HITS = "list of {designation_id, name, score, matched_name, strength, identifier_field}"


@frozen
class Column:
    """A column of a table: its name, its type, how to read it, and what it holds."""

    name: str
    type: ColumnType
    read: Callable[[Any], Any]
    description: str


def _address_text(address: Address) -> str:
    parts = (address.street, address.city, address.region, address.postal_code, address.country)
    return ", ".join(p for p in parts if p)


def _identifier(identifier: Identifier) -> dict[str, str | None]:
    return {"kind": identifier.kind, "value": identifier.value, "country": identifier.country}


def _link(link: Link) -> dict[str, str | None]:
    return {"relation": link.relation, "name": link.name, "target": link.target}


DESIGNATION_COLUMNS: tuple[Column, ...] = (
    Column("id", ColumnType.TEXT, lambda d: d.id, "the designation's id"),
    Column("list_id", ColumnType.TEXT, lambda d: d.list_id, "the list it is on"),
    Column("name", ColumnType.TEXT, lambda d: d.name, "the party's primary name"),
    Column("kind", ColumnType.TEXT, lambda d: d.party.kind.value, "individual, entity ..."),
    Column("status", ColumnType.TEXT, lambda d: d.status.value, "active or delisted"),
    Column("programs", ColumnType.TEXTS, lambda d: list(d.programs), "program ids"),
    Column("listed_on", ColumnType.DATE, lambda d: d.listed_on, "the listing date"),
    Column("delisted_on", ColumnType.DATE, lambda d: d.delisted_on, "the delisting date"),
    Column(
        "aliases",
        ColumnType.TEXTS,
        lambda d: [n.full for n in d.party.aliases],
        "every other name",
    ),
    Column(
        "birth_dates",
        ColumnType.TEXTS,
        lambda d: [str(b) for b in d.party.birth_dates],
        "partial dates as text",
    ),
    Column("birth_places", ColumnType.TEXTS, lambda d: list(d.party.birth_places), "as written"),
    Column("nationalities", ColumnType.TEXTS, lambda d: list(d.party.nationalities), "ISO codes"),
    Column("citizenships", ColumnType.TEXTS, lambda d: list(d.party.citizenships), "ISO codes"),
    Column(
        "countries",
        ColumnType.TEXTS,
        lambda d: sorted(d.party.countries),
        "nationalities, citizenships and address countries",
    ),
    Column("gender", ColumnType.TEXT, lambda d: d.party.gender, "male or female"),
    Column("positions", ColumnType.TEXTS, lambda d: list(d.party.positions), "posts held"),
    Column(
        "identifiers",
        ColumnType.IDENTIFIERS,
        lambda d: [_identifier(i) for i in d.party.identifiers],
        "documents and numbers",
    ),
    Column(
        "addresses",
        ColumnType.TEXTS,
        lambda d: [t for t in map(_address_text, d.party.addresses) if t],
        "each address on one line",
    ),
    Column(
        "links",
        ColumnType.LINKS,
        lambda d: [_link(link) for link in d.party.links],
        "relations to other parties",
    ),
    Column(
        "sectors",
        ColumnType.TEXTS,
        lambda d: list(dict.fromkeys(a.sector for a in d.sectors)),
        "sector ids",
    ),
    Column("basis", ColumnType.TEXT, lambda d: d.basis, "the reason for the designation"),
    Column("notes", ColumnType.TEXTS, lambda d: list(d.notes), "sanctions notes of the list"),
    Column("sources", ColumnType.TEXTS, lambda d: list(d.sources), "ids of the cited sources"),
    Column("first_seen", ColumnType.DATE, lambda d: d.first_seen, "in a list history"),
    Column("last_seen", ColumnType.DATE, lambda d: d.last_seen, "in a list history"),
    Column(
        "verification",
        ColumnType.TEXT,
        lambda d: d.verification.status.value,
        "verified, partly-verified or unverified",
    ),
    Column(
        "origin_file",
        ColumnType.TEXT,
        lambda d: d.origin.file if d.origin else None,
        "the file it was read from",
    ),
    Column(
        "origin_line",
        ColumnType.INTEGER,
        lambda d: d.origin.line if d.origin else None,
        "the line it was read from",
    ),
)


def _hit(match: Any) -> dict[str, Any]:
    return {
        "designation_id": match.designation_id,
        "name": match.name,
        "score": match.score,
        "matched_name": match.matched_name.full,
        "strength": match.name_strength.value,
        "identifier_field": match.identifier.field if match.identifier else None,
    }


MATCH_COLUMNS: tuple[Column, ...] = (
    Column("designation_id", ColumnType.TEXT, lambda m: m.designation_id, "the designation"),
    Column("list_id", ColumnType.TEXT, lambda m: m.designation.list_id, "the list it is on"),
    Column("name", ColumnType.TEXT, lambda m: m.name, "the party's primary name"),
    Column("kind", ColumnType.TEXT, lambda m: m.designation.party.kind.value, "its kind"),
    Column("programs", ColumnType.TEXTS, lambda m: list(m.designation.programs), "program ids"),
    Column("score", ColumnType.FLOAT, lambda m: m.score, "the score, in [0, 1]"),
    Column("matched_name", ColumnType.TEXT, lambda m: m.matched_name.full, "the name that matched"),
    Column(
        "strength", ColumnType.TEXT, lambda m: m.name_strength.value, "primary, strong alias ..."
    ),
    Column(
        "identifier_field",
        ColumnType.TEXT,
        lambda m: m.identifier.field if m.identifier else None,
        "the field of an identifier that matched",
    ),
    Column(
        "identifier_value",
        ColumnType.TEXT,
        lambda m: m.identifier.value if m.identifier else None,
        "the value it holds",
    ),
    Column("summary", ColumnType.TEXT, lambda m: m.explanation.summary, "why, in one line"),
)


def _status(result: Any) -> str:
    return "error" if result.error else "match" if result.matches else "no match"


def _best(result: Any, read: Callable[[Any], Any]) -> Any:
    return read(result.matches[0]) if result.matches else None


SCREENING_COLUMNS: tuple[Column, ...] = (
    Column("row", ColumnType.INTEGER, lambda r: r.row, "its place in the batch, or its line"),
    Column(
        "record",
        ColumnType.RECORD,
        lambda r: {str(k): "" if v is None else str(v) for k, v in r.record.items()},
        "every field, as text",
    ),
    Column("status", ColumnType.TEXT, _status, "match, no match or error"),
    Column("error", ColumnType.TEXT, lambda r: r.error, "why it could not be screened"),
    Column("hits", ColumnType.INTEGER, lambda r: len(r.matches), "how many hits"),
    Column("best_id", ColumnType.TEXT, lambda r: _best(r, lambda m: m.designation_id), "best hit"),
    Column("best_name", ColumnType.TEXT, lambda r: _best(r, lambda m: m.name), "its name"),
    Column("best_score", ColumnType.FLOAT, lambda r: _best(r, lambda m: m.score), "its score"),
    Column("matches", ColumnType.HITS, lambda r: [_hit(m) for m in r.matches], "every hit"),
)

LAYOUTS: dict[str, tuple[Column, ...]] = {
    "designations": DESIGNATION_COLUMNS,
    "matches": MATCH_COLUMNS,
    "screening": SCREENING_COLUMNS,
}
"""Table layouts by the name a result class gives (``Results.TABLE``)."""


def rows(layout: str, records: Iterable[Any]) -> dict[str, list[Any]]:
    """The columns of ``records`` under ``layout``, as plain lists of values."""
    columns = LAYOUTS[layout]
    table: dict[str, list[Any]] = {column.name: [] for column in columns}
    for record in records:
        for column in columns:
            table[column.name].append(column.read(record))
    return table


def _require(package: str, feature: str, extra: str) -> Any:
    try:
        return importlib.import_module(package)
    except ImportError:
        raise MissingExtraError(feature, package, extra) from None


def _arrow_type(pa: Any, column_type: ColumnType) -> Any:
    text = pa.string()
    types = {
        ColumnType.TEXT: text,
        ColumnType.INTEGER: pa.int64(),
        ColumnType.DATE: pa.date32(),
        ColumnType.TEXTS: pa.list_(text),
        ColumnType.IDENTIFIERS: pa.list_(
            pa.struct([("kind", text), ("value", text), ("country", text)])
        ),
        ColumnType.LINKS: pa.list_(
            pa.struct([("relation", text), ("name", text), ("target", text)])
        ),
        ColumnType.FLOAT: pa.float64(),
        ColumnType.RECORD: pa.map_(text, text),
        ColumnType.HITS: pa.list_(
            pa.struct(
                [
                    ("designation_id", text),
                    ("name", text),
                    ("score", pa.float64()),
                    ("matched_name", text),
                    ("strength", text),
                    ("identifier_field", text),
                ]
            )
        ),
    }
    return types[column_type]


def arrow_schema(layout: str) -> pa.Schema:
    """The pyarrow schema of a layout (needs the ``arrow`` extra)."""
    arrow = _require("pyarrow", "to_arrow()", "arrow")
    schema: pa.Schema = arrow.schema(
        [
            arrow.field(
                column.name,
                _arrow_type(arrow, column.type),
                metadata={"description": column.description},
            )
            for column in LAYOUTS[layout]
        ]
    )
    return schema


def to_arrow(layout: str, records: Sequence[Any]) -> pa.Table:
    """``records`` as a pyarrow Table with the layout's schema (needs the ``arrow`` extra)."""
    arrow = _require("pyarrow", "to_arrow()", "arrow")
    schema = arrow_schema(layout)
    table = rows(layout, records)
    arrays = {
        name: arrow.array(values, type=schema.field(name).type) for name, values in table.items()
    }
    result: pa.Table = arrow.table(arrays, schema=schema)
    return result


def to_pandas(layout: str, records: Sequence[Any]) -> pd.DataFrame:
    """``records`` as a pandas DataFrame: dates as datetime64, lists as Python lists
    (needs the ``pandas`` extra; pyarrow is not needed)."""
    pandas = _require("pandas", "to_pandas()", "pandas")
    table = rows(layout, records)
    columns: dict[str, Any] = {}
    for column in LAYOUTS[layout]:
        values = table[column.name]
        if column.type is ColumnType.DATE:
            columns[column.name] = pandas.to_datetime(pandas.Series(values, dtype=object))
        elif column.type is ColumnType.INTEGER:
            columns[column.name] = pandas.Series(values, dtype="Int64")
        elif column.type is ColumnType.FLOAT:
            columns[column.name] = pandas.Series(values, dtype="Float64")
        else:
            columns[column.name] = pandas.Series(values, dtype=object)
    frame: pd.DataFrame = pandas.DataFrame(columns, columns=[c.name for c in LAYOUTS[layout]])
    return frame
