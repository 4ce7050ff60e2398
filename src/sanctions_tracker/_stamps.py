"""Stamps: what an output was made from, by what and when (see ``records.Stamp``).

A stamp's time is the current time in UTC, or, when the environment variable
``SOURCE_DATE_EPOCH`` holds a number of seconds (the reproducible-builds convention),
that moment: the same inputs and settings then give the same bytes, for golden files.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Mapping
from enum import Enum
from importlib import metadata

from sanctions_tracker.errors import ReportError
from sanctions_tracker.records import (
    Dataset,
    DateSource,
    InputFile,
    PartialDate,
    Setting,
    Stamp,
)

__all__ = ["generated_at", "input_files", "make_stamp", "setting_text", "tool_version"]

TOOL = "sanctions-tracker"
EPOCH_VARIABLE = "SOURCE_DATE_EPOCH"


def tool_version() -> str:
    """The installed version of the package ("unknown" when run from a bare checkout)."""
    try:
        return metadata.version(TOOL)
    except metadata.PackageNotFoundError:  # pragma: no cover - a bare checkout
        return "unknown"


def generated_at() -> dt.datetime:
    """Now in UTC to the second, or the moment ``SOURCE_DATE_EPOCH`` gives."""
    epoch = os.environ.get(EPOCH_VARIABLE)
    if epoch is None or not epoch.strip():
        return dt.datetime.now(dt.UTC).replace(microsecond=0)
    try:
        return dt.datetime.fromtimestamp(int(epoch.strip()), dt.UTC)
    except (ValueError, OverflowError, OSError):
        msg = f"{EPOCH_VARIABLE}: expected a whole number of seconds since 1970, got {epoch!r}"
        raise ReportError(msg) from None


def setting_text(value: object) -> str:
    """A setting's value as text: dates in ISO form, lists joined with ', '."""
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, dt.date | PartialDate):
        return value.isoformat() if isinstance(value, dt.date) else str(value)
    if isinstance(value, list | tuple):
        return ", ".join(setting_text(v) for v in value)
    return str(value)


def _dates(dataset: Dataset) -> tuple[dt.date | None, DateSource, dt.date | None]:
    """The date of a dataset's files, where it comes from, and the date the user stated."""
    if dataset.list_id is None:  # fixtures: a curated file states no date of its own
        return None, DateSource.UNDATED, None
    source = dataset.date_source or (
        DateSource.UNDATED if dataset.as_of is None else DateSource.FILE_NAME
    )
    stated = dataset.as_of if source is DateSource.STATED else None
    return dataset.as_of, source, stated


def input_files(datasets: Iterable[Dataset]) -> tuple[InputFile, ...]:
    """One :class:`InputFile` per file of every dataset, in load order."""
    files: list[InputFile] = []
    for dataset in datasets:
        date, source, stated = _dates(dataset)
        files.extend(
            InputFile(
                path=account.file,
                format=account.format,
                sha256=account.sha256,
                size=account.size,
                date=date,
                date_source=source,
                published_on=dataset.published_on,
                stated_on=stated,
                rows_read=account.rows_read,
                records_made=account.records_made,
                rows_not_read=account.not_read,
                rows_left_out=len(account.left_out),
            )
            for account in dataset.accounts
        )
    return tuple(files)


def make_stamp(datasets: Iterable[Dataset], settings: Mapping[str, object]) -> Stamp:
    """The stamp of an answer built from ``datasets`` with ``settings`` (None values and
    empty ones are left out: a setting not given is not a setting)."""
    return Stamp(
        generated_at=generated_at(),
        version=tool_version(),
        settings=tuple(
            Setting(name, setting_text(value))
            for name, value in settings.items()
            if value is not None and value not in ((), [], "")
        ),
        inputs=input_files(datasets),
        tool=TOOL,
    )
