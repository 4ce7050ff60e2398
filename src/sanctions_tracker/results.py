"""Query results as plain data: dicts, JSON-ready values, data frames and Arrow tables.

A query returns a tuple of records; :class:`Designations` is that tuple (it compares,
slices and iterates as one) with three ways out of the library::

    >>> import sanctions_tracker as st
    >>> steel = st.load().designations(sector="steel")
    >>> steel.to_dicts()[0]["party"]["names"][0]["full"]
    "ESFAHAN'S MOBARAKEH STEEL COMPANY"

``to_dicts()`` gives the records' full JSON form (the one the CLI prints with ``--format
json``); ``to_pandas()`` and ``to_arrow()`` give one row per record with the columns of
``docs/export.md``, through the optional extras ``pandas`` and ``arrow``.

:class:`Results` is the base: a kind of result (:class:`Designations`, the
:class:`Matches` of a screened name, :class:`ScreeningResults` of a batch) is a subclass
that names its table layout in ``TABLE``, and the layouts live in
``sanctions_tracker.export._tables``, imported only when a table is asked for.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, Generic, Self, SupportsIndex, TypeVar, overload

from sanctions_tracker._convert import unstructure
from sanctions_tracker.records import Designation

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa

    # (named as text in the bases below: screening is imported only when a name is screened)
    from sanctions_tracker.screening import Match, RecordResult  # noqa: F401

__all__ = ["Designations", "Matches", "Results", "ScreeningResults"]

T = TypeVar("T")


class Results(tuple[T, ...], Generic[T]):
    """A tuple of records that can leave the library as plain data or as a table."""

    __slots__ = ()

    TABLE: ClassVar[str] = ""
    """The name of the table layout in ``sanctions_tracker.export._tables``."""

    @overload
    def __getitem__(self, index: SupportsIndex) -> T: ...

    @overload
    def __getitem__(self, index: slice) -> Self: ...

    def __getitem__(self, index: SupportsIndex | slice) -> T | Self:
        """A record, or (for a slice) results of the same kind."""
        if isinstance(index, slice):
            return type(self)(super().__getitem__(index))
        return super().__getitem__(index)

    def to_dicts(self) -> list[dict[str, Any]]:
        """Every record as a plain dict of JSON-ready values (ISO dates, enum values)."""
        return [unstructure(record) for record in self]

    def to_pandas(self) -> pd.DataFrame:
        """One row per record, as a pandas DataFrame (needs the ``pandas`` extra)."""
        from sanctions_tracker.export._tables import to_pandas  # noqa: PLC0415 - optional extra

        return to_pandas(self.TABLE, self)

    def to_arrow(self) -> pa.Table:
        """One row per record, as a pyarrow Table with a fixed schema (needs ``arrow``)."""
        from sanctions_tracker.export._tables import to_arrow  # noqa: PLC0415 - optional extra

        return to_arrow(self.TABLE, self)


class Designations(Results[Designation]):
    """Designations a query returned, in its order; a tuple with ``to_dicts()``,
    ``to_pandas()`` and ``to_arrow()``."""

    __slots__ = ()

    TABLE = "designations"


class Matches(Results["Match"]):
    """The matches of one screened name, best first (``Tracker.screen``); a tuple with
    ``to_dicts()`` and one row per match in ``to_pandas()`` and ``to_arrow()``: the
    designation, the score, the name that matched, and the identifier if one matched.

    >>> import sanctions_tracker as st
    >>> matches = st.load().screen("Qasem Soleimani")
    >>> matches.to_arrow().select(["designation_id", "score", "matched_name"]).to_pylist()
    [{'designation_id': 'us-ofac-sdn:10481', 'score': 1.0, 'matched_name': 'SOLEIMANI, Qasem'}]
    """

    __slots__ = ()

    TABLE = "matches"


class ScreeningResults(Results["RecordResult"]):
    """Records screened (``Screener.screen_records``, a batch), in order; one row per
    record in ``to_pandas()`` and ``to_arrow()``: its row, its fields, its status, its
    best hit and every hit.

    >>> import sanctions_tracker as st
    >>> from sanctions_tracker.results import ScreeningResults
    >>> records = [{"id": "c-1", "name": "Qasem Soleimani"}, {"id": "c-2", "name": "Jane Roe"}]
    >>> results = ScreeningResults(st.load().screener.screen_records(records))
    >>> frame = results.to_pandas()
    >>> frame[["row", "status", "best_id"]].values.tolist()
    [[1, 'match', 'us-ofac-sdn:10481'], [2, 'no match', None]]
    >>> frame["record"][0]
    {'id': 'c-1', 'name': 'Qasem Soleimani'}
    """

    __slots__ = ()

    TABLE = "screening"
