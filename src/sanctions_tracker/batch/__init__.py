"""Screening batches of any length: a file of customers read, screened and written in
chunks, on one process, several, or a Dask cluster.

>>> import io
>>> import sanctions_tracker as st
>>> from sanctions_tracker.batch import DelimitedInput, LocalEngine, Settings, screen_rows
>>> rows = DelimitedInput(io.BytesIO(b"Customer;NAME\\nc-1;Qasem Soleimani\\nc-2;Jane Roe\\n"),
...                       "customers.csv")
>>> rows.delimiter_name, rows.columns, rows.name_column
('semicolon', ('Customer', 'NAME'), 'NAME')
>>> tracker = st.load()
>>> for result in screen_rows(tracker.screener, list(rows), Settings(name_column="NAME")):
...     print(result.row, result.record["Customer"], [m.designation_id for m in result.matches])
2 c-1 ['us-ofac-sdn:10481']
3 c-2 []

:class:`LocalEngine` and :class:`DaskEngine` screen a stream of rows in chunks and give
each row's result in the order of the input; ``screen_arrow`` and ``screen_dask`` screen
Arrow record batches and Dask data frames (``docs/scale.md``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sanctions_tracker.batch._engine import (
    DEFAULT_CHUNK,
    ListFiles,
    LocalEngine,
    Prepare,
    Settings,
    screen_chunk,
    screen_rows,
    usable_cores,
)
from sanctions_tracker.batch._input import DELIMITERS, DelimitedInput, InputRow, column_key

if TYPE_CHECKING:
    from sanctions_tracker.batch._arrow import result_schema, screen_arrow
    from sanctions_tracker.batch._dask import DaskEngine, screen_dask

__all__ = [
    "DEFAULT_CHUNK",
    "DELIMITERS",
    "DaskEngine",
    "DelimitedInput",
    "InputRow",
    "ListFiles",
    "LocalEngine",
    "Prepare",
    "Settings",
    "column_key",
    "result_schema",
    "screen_arrow",
    "screen_chunk",
    "screen_dask",
    "screen_rows",
    "usable_cores",
]

_LATER = {
    "screen_arrow": "sanctions_tracker.batch._arrow",
    "result_schema": "sanctions_tracker.batch._arrow",
    "DaskEngine": "sanctions_tracker.batch._dask",
    "screen_dask": "sanctions_tracker.batch._dask",
}
"""What needs an optional extra (pyarrow, dask), imported when first asked for."""


def __getattr__(name: str) -> Any:
    module = _LATER.get(name)
    if module is None:
        msg = f"module {__name__!r} has no attribute {name!r}"
        raise AttributeError(msg)
    import importlib  # noqa: PLC0415 - only for what is imported late

    return getattr(importlib.import_module(module), name)
