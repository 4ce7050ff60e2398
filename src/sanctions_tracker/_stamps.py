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

from sanctions_tracker._version import __version__
from sanctions_tracker.errors import ReportError
from sanctions_tracker.history import History
from sanctions_tracker.records import (
    Dataset,
    DateSource,
    FileAccount,
    InputFile,
    PartialDate,
    Setting,
    Stamp,
)

__all__ = ["generated_at", "input_files", "make_stamp", "setting_text", "tool_version"]

TOOL = "sanctions-tracker"
EPOCH_VARIABLE = "SOURCE_DATE_EPOCH"


def tool_version() -> str:
    """The library's version (``_version.py``, which the package's metadata is made from)."""
    return __version__


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


def _input(
    account: FileAccount,
    date: dt.date | None,
    source: DateSource,
    published_on: dt.date | None,
    role: str = "list",
) -> InputFile:
    return InputFile(
        path=account.file,
        format=account.format,
        sha256=account.sha256,
        size=account.size,
        date=date,
        date_source=source,
        published_on=published_on,
        stated_on=date if source is DateSource.STATED else None,
        rows_read=account.rows_read,
        records_made=account.records_made,
        rows_not_read=account.not_read,
        rows_left_out=len(account.left_out),
        role=role,
    )


def input_files(
    datasets: Iterable[Dataset], history: History | None = None
) -> tuple[InputFile, ...]:
    """One :class:`InputFile` per file of every dataset, in load order; then the files of
    the other snapshots of a history (each designation's first and last seen rest on them)."""
    files: list[InputFile] = []
    for dataset in datasets:
        if dataset.list_id is None:  # fixtures: curated files state no date of their own
            date, source, role = None, DateSource.UNDATED, "fixtures"
        else:
            date, source = dataset.as_of, dataset.date_source or DateSource.UNDATED
            role = "list"
        files.extend(_input(a, date, source, dataset.published_on, role) for a in dataset.accounts)
    shown = {file.path for file in files}
    for snapshot in history.snapshots if history is not None else ():
        files.extend(
            _input(a, snapshot.as_of, DateSource.STATED, snapshot.published_on)
            for a in snapshot.accounts
            if a.file not in shown
        )
    return tuple(files)


def make_stamp(
    datasets: Iterable[Dataset],
    settings: Mapping[str, object],
    history: History | None = None,
) -> Stamp:
    """The stamp of an answer built from ``datasets`` (and a history's snapshots) with
    ``settings`` (None values and empty ones are left out: a setting not given is not a
    setting)."""
    return Stamp(
        generated_at=generated_at(),
        version=tool_version(),
        settings=tuple(
            Setting(name, setting_text(value))
            for name, value in settings.items()
            if value is not None and value not in ((), [], "")
        ),
        inputs=input_files(datasets, history),
        tool=TOOL,
    )
