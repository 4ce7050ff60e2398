"""The one cattrs converter: records to and from plain JSON-ready data.

Structuring is strict. Unknown keys, a string where a list belongs, a number where a
string belongs, an impossible date, an unknown enum value: each is an error, and every
error of a document is collected with its path (``$.designations[3].listed_on``), so one
pass reports them all. Unstructuring gives stable field names, ISO dates and enum values;
it is the JSON form the CLI prints and other programs read.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable
from enum import Enum, StrEnum
from typing import TYPE_CHECKING, Any, TypeVar, get_args, get_origin

import attrs

from sanctions_tracker.records import PartialDate, Stamp

if TYPE_CHECKING:
    import cattrs

# cattrs is imported when the converter is first used, not with this module: an answer
# read from the snapshot cache and printed as a table never needs it.

__all__ = [  # and ``converter``, made on first use (the module's __getattr__)
    "describe_errors",
    "make_converter",
    "partial_date",
    "structure",
    "unstructure",
]

T = TypeVar("T")

_PARTIAL_DATE = re.compile(
    r"^(?P<circa>~)?(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?"
    r"(?:\.\.(?P<until>\d{4}))?$"
)


def _type_name(value: Any) -> str:
    names = {str: "a string", int: "a whole number", float: "a number", bool: "true or false"}
    names |= {list: "a list", dict: "an object", type(None): "null"}
    return names.get(type(value), type(value).__name__)


def _structure_str(value: Any, _type: type) -> str:
    if not isinstance(value, str):
        msg = f"expected a string, got {_type_name(value)} ({value!r})"
        raise TypeError(msg)
    return value


def _structure_int(value: Any, _type: type) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        msg = f"expected a whole number, got {_type_name(value)} ({value!r})"
        raise TypeError(msg)
    return value


def _structure_bool(value: Any, _type: type) -> bool:
    if not isinstance(value, bool):
        msg = f"expected true or false, got {_type_name(value)} ({value!r})"
        raise TypeError(msg)
    return value


def _structure_date(value: Any, _type: type) -> dt.date:
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        msg = f"expected a date (YYYY-MM-DD), got {value!r}"
        raise ValueError(msg)
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        msg = f"expected a date, got {value!r}"
        raise ValueError(msg) from None


def _structure_datetime(value: Any, _type: type) -> dt.datetime:
    if not isinstance(value, str) or not re.fullmatch(
        r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:Z|[+-]\d{2}:\d{2})", value
    ):
        msg = f"expected a time like 2024-05-03T09:00:00Z, got {value!r}"
        raise ValueError(msg)
    return dt.datetime.fromisoformat(value)


def _unstructure_datetime(value: dt.datetime) -> str:
    """A time in UTC as ISO 8601 with a ``Z`` (a naive time is taken to be UTC)."""
    if value.tzinfo is not None:
        value = value.astimezone(dt.UTC)
    return value.strftime("%Y-%m-%dT%H:%M:%SZ")


def _structure_partial_date(value: Any, _type: type) -> PartialDate:
    match = _PARTIAL_DATE.match(value) if isinstance(value, str) else None
    if match is None:
        msg = (
            "expected a partial date like '1960-12-14', '1960-12', '1960', "
            f"'~1957' (circa) or '1960..1962' (range), got {value!r}"
        )
        raise ValueError(msg)
    parts = match.groupdict()
    try:
        return PartialDate(
            year=int(parts["year"]),
            month=int(parts["month"]) if parts["month"] else None,
            day=int(parts["day"]) if parts["day"] else None,
            circa=bool(parts["circa"]),
            until_year=int(parts["until"]) if parts["until"] else None,
        )
    except ValueError as error:
        msg = f"expected a possible date, got {value!r} ({error})"
        raise ValueError(msg) from None


def partial_date(text: str) -> PartialDate:
    """A :class:`PartialDate` from its text form (``1960-12-14``, ``1960-12``, ``~1957``,
    ``1960..1962``); ValueError says what was expected."""
    return _structure_partial_date(text, PartialDate)


def _structure_enum(value: Any, type_: type[Enum]) -> Enum:
    try:
        return type_(value)
    except ValueError:
        allowed = ", ".join(repr(member.value) for member in type_)
        msg = f"expected one of {allowed}, got {value!r}"
        raise ValueError(msg) from None


def _unstructure_enum(member: Enum) -> Any:
    return member.value


def _is_homogeneous_tuple(type_: Any) -> bool:
    args = get_args(type_)
    return get_origin(type_) is tuple and len(args) == 2 and args[1] is Ellipsis  # noqa: PLR2004


def _tuple_hook_factory(converter: cattrs.Converter) -> Callable[[Any], Callable[[Any, Any], Any]]:
    """cattrs' own tuple hook, but a string or an object is not taken for a list."""

    from cattrs.cols import homogenous_tuple_structure_factory  # noqa: PLC0415 - see above

    def factory(type_: Any) -> Callable[[Any, Any], Any]:
        inner = homogenous_tuple_structure_factory(type_, converter)

        def structure_tuple(value: Any, _type: Any) -> tuple[Any, ...]:
            if not isinstance(value, list | tuple):
                msg = f"expected a list, got {_type_name(value)} ({value!r})"
                raise TypeError(msg)
            return inner(value, _type)  # type: ignore[no-any-return]

        return structure_tuple

    return factory


def make_converter() -> cattrs.Converter:
    """Build the converter: strict structuring, stable unstructuring."""
    import cattrs  # noqa: PLC0415 - see the imports

    converter = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    converter.register_structure_hook(str, _structure_str)
    converter.register_structure_hook(int, _structure_int)
    converter.register_structure_hook(bool, _structure_bool)
    converter.register_structure_hook(dt.date, _structure_date)
    converter.register_unstructure_hook(dt.date, dt.date.isoformat)
    converter.register_structure_hook(dt.datetime, _structure_datetime)
    converter.register_unstructure_hook(dt.datetime, _unstructure_datetime)
    converter.register_structure_hook(PartialDate, _structure_partial_date)
    converter.register_unstructure_hook(PartialDate, str)
    # StrEnum too: its members are strings, and the str hook above would catch them.
    for base in (Enum, StrEnum):
        converter.register_structure_hook(base, _structure_enum)
        converter.register_unstructure_hook(base, _unstructure_enum)
    converter.register_structure_hook_factory(_is_homogeneous_tuple, _tuple_hook_factory(converter))
    _stamp_hooks(converter)  # last: the hooks it generates use those registered above
    return converter


def _stamp_hooks(converter: cattrs.Converter) -> None:
    """A stamp's settings read as one JSON object (``{"threshold": "0.8"}``)."""
    plain = converter.gen_unstructure_attrs_fromdict(Stamp)
    structure_plain = converter.gen_structure_attrs_fromdict(Stamp)

    def unstructure_stamp(stamp: Stamp) -> dict[str, Any]:
        data = plain(stamp)
        data["settings"] = {s.name: s.value for s in stamp.settings}
        if data["cache"] is None:  # an answer the snapshot cache had no part in
            del data["cache"]
        return data

    def structure_stamp(value: Any, _type: type) -> Stamp:
        if isinstance(value, dict) and isinstance(value.get("settings"), dict):
            value = {
                **value,
                "settings": [{"name": k, "value": v} for k, v in value["settings"].items()],
            }
        return structure_plain(value, Stamp)

    converter.register_unstructure_hook(Stamp, unstructure_stamp)
    converter.register_structure_hook(Stamp, structure_stamp)


@functools.cache
def _converter() -> cattrs.Converter:
    """The converter, made on first use."""
    return make_converter()


def __getattr__(name: str) -> Any:
    if name == "converter":  # the module's converter, made on first use
        return _converter()
    msg = f"module {__name__!r} has no attribute {name!r}"
    raise AttributeError(msg)


def structure(data: Any, cls: type[T]) -> T:
    """Records from plain data: the inverse of :func:`unstructure`, strict.

    >>> import sanctions_tracker as st
    >>> raisi = st.load().get("us-ofac-sdn:27844")
    >>> st.structure(st.unstructure(raisi), st.Designation) == raisi
    True

    Unknown keys, wrong types and impossible values raise cattrs' errors
    (``ClassValidationError``); ``describe_errors`` turns one into ``$.path: message``
    lines.
    """
    return _converter().structure(data, cls)


def unstructure(obj: Any) -> Any:
    """Any record, tuple of records or result as plain data: dicts, lists, strings,
    numbers, booleans and None, ready for ``json.dumps``.

    Field names are the classes' own; dates are ISO text, enums their values, partial
    dates their text form (``~1957``). The same form the CLI prints with ``--format
    json``, and :func:`structure` reads it back.

    >>> import sanctions_tracker as st
    >>> st.unstructure(st.Name("SOLEIMANI, Qasem"))
    {'full': 'SOLEIMANI, Qasem', 'kind': 'primary', 'weak': False, 'script': None, 'language': None}
    """
    return _converter().unstructure(obj)


def _format_exception(error: BaseException, type_: Any) -> str:
    from cattrs.errors import ForbiddenExtraKeysError  # noqa: PLC0415 - see the imports

    if isinstance(error, ForbiddenExtraKeysError):
        keys = ", ".join(repr(key) for key in sorted(error.extra_fields))
        allowed = ""
        if attrs.has(error.cl):
            allowed = " (allowed: " + ", ".join(f.name for f in attrs.fields(error.cl)) + ")"
        return f"unknown key{'s' if len(error.extra_fields) > 1 else ''} {keys}{allowed}"
    if isinstance(error, KeyError):
        return "required key is missing"
    if isinstance(error, TypeError | ValueError) and str(error):
        text = str(error)
        if text.startswith(("expected", "unknown", "required")):
            return text
        if attrs.has(type_) and "__init__() missing" in text:
            return "required key is missing"
        return text
    return f"invalid value for {getattr(type_, '__name__', type_)}: {error!r}"


def describe_errors(error: Exception, path: str = "$") -> list[str]:
    """Turn a cattrs structuring error into ``"$.path: message"`` lines."""
    import cattrs  # noqa: PLC0415 - see the imports
    from cattrs.errors import ClassValidationError, IterableValidationError  # noqa: PLC0415

    if isinstance(error, ClassValidationError | IterableValidationError):
        lines = cattrs.transform_error(error, path=path, format_exception=_format_exception)
    else:
        lines = [f"{_format_exception(error, None)} @ {path}"]
    described = []
    for line in lines:
        message, _, where = line.rpartition(" @ ")
        described.append(f"{where}: {message}")
    return described
