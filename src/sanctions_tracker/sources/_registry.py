"""The list formats this library reads, and how a file is found to be one of them.

A file is recognised by its content, never its name: its head (the first 64 KiB, unpacked
from gzip or a zip archive) is read once, its XML root element parsed when it is XML, and
each format in :data:`FORMATS` asked in turn whether the file is one of its own. A file of
a format in :data:`KNOWN` (a list format recognised by its head but not read by this
version) is refused with a line that names the format.

Adding a list format is one module in ``sources/`` that declares a ``FORMAT``
(:class:`~sanctions_tracker.sources._lists.ListFormat`) and one line in :data:`FORMATS`.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

from attrs import frozen

from sanctions_tracker.errors import SanctionsTrackerError, SourceError
from sanctions_tracker.sources import (
    au_dfat,
    ca_sema,
    ch_seco,
    eu_fsd_legacy,
    eu_fsf,
    ofac_csv,
    ofac_xml,
    opensanctions_ftm,
    uk_ofsi,
    uk_sanctions_list,
    un_xml,
    us_bis_dpl,
    us_csl,
)
from sanctions_tracker.sources._cells import shortened
from sanctions_tracker.sources._files import FileHead, file_head, not_one_member
from sanctions_tracker.sources._json import loads as json_loads
from sanctions_tracker.sources._lists import HeadTest, KnownFormat, ListFile, ListFormat, ListLoad
from sanctions_tracker.sources._xml import XmlHead, another_kind, read_head

__all__ = [
    "FORMATS",
    "KNOWN",
    "Recognised",
    "formats_read",
    "gathered",
    "group",
    "list_title",
    "list_titles",
    "read",
    "recognise",
]

FORMATS: tuple[ListFormat, ...] = (
    un_xml.FORMAT,
    eu_fsf.FORMAT,
    eu_fsd_legacy.FORMAT,
    uk_sanctions_list.FORMAT,
    ch_seco.FORMAT,
    ca_sema.FORMAT,
    ofac_xml.FORMAT,
    us_csl.FORMAT,
    us_bis_dpl.FORMAT,
    uk_ofsi.FORMAT,
    ofac_csv.FORMAT,
    opensanctions_ftm.FORMAT,
    au_dfat.FORMAT,
)
"""Every list format read, in the order they are asked (cheap and certain tests first)."""


# --------------------------------------------------------------------------- known, not read


def _first_line(pattern: str) -> HeadTest:
    found = re.compile(pattern)

    def test(head: FileHead, xml: XmlHead | None) -> bool:
        return xml is None and bool(head.data) and found.search(head.first_line()) is not None

    return test


def _json_line(*keys: str) -> HeadTest:
    """A file whose first line is a JSON object with all of ``keys`` (JSON lines)."""

    def test(head: FileHead, xml: XmlHead | None) -> bool:
        if xml is not None or not head.data.lstrip().startswith(b"{"):
            return False
        line = head.first_line()
        try:
            value = json_loads(line)
        except ValueError:  # cut by the head's end: look for the keys in the text
            return all(re.search(rf'"{key}"\s*:', line) for key in keys)
        return isinstance(value, dict) and all(key in value for key in keys)

    return test


def _workbook(head: FileHead, _xml: XmlHead | None) -> bool:
    return "xl/workbook.xml" in head.members


KNOWN: tuple[KnownFormat, ...] = (
    KnownFormat(
        "an Excel workbook (XLSX) that is not Australia's DFAT Consolidated List", _workbook
    ),
    KnownFormat("OpenSanctions' simple targets CSV", _first_line(r'^"?id"?,"?schema"?,"?name"?,')),
    KnownFormat("Senzing JSON records", _json_line("DATA_SOURCE", "RECORD_ID")),
    KnownFormat(
        "an OpenSanctions dataset index (index.json)", _json_line("index_url", "resources")
    ),
)
"""List formats recognised by their head but not read: a file of one is refused by name."""


# --------------------------------------------------------------------------- recognising


@frozen
class Recognised:
    """A file and the format that recognised it."""

    format: ListFormat
    file: ListFile


def formats_read() -> str:
    """The formats read, in a line, for messages about a file that is none of them."""
    return "; ".join(found.name for found in FORMATS)


def recognise(path: Path, display: str) -> Recognised | None:
    """The file as a list file of a format read here; None when it is no list file at all.

    A file of a known format not read here, an XML document of another kind, an empty or
    binary file, and a file that cannot be read raise SourceError.
    """
    head = file_head(path, display)
    xml = read_head(head) if head.data else None
    for candidate in FORMATS:
        with _guarded(display):
            found = candidate.recognise(head, xml)
        if found is not None:
            return Recognised(candidate, found)
    for known in KNOWN:
        with _guarded(display):
            test = known.recognise(head, xml)
        if test:
            msg = f"{display}: {known.name}, a list format this version does not read"
            raise SourceError(msg)
    if xml is not None:
        raise another_kind(xml, f"a list file this library reads ({formats_read()})")
    if head.packing == "zip" and len(head.members) != 1:
        raise not_one_member(display, head.members)
    if not head.data.strip():
        msg = f"{display}: the file is empty"
        raise SourceError(msg)
    if b"\x00" in head.data[:8192]:
        msg = f"{display}: a binary file, not a list or fixture file"
        raise SourceError(msg)
    return None


_FAULTS = (
    ArithmeticError,
    AttributeError,
    LookupError,
    RecursionError,
    TypeError,
    ValueError,
)
"""What a reader's own fault on an input it did not foresee may raise."""


@contextlib.contextmanager
def _guarded(display: str) -> Iterator[None]:
    """A reader's unforeseen fault on a file as one SourceError naming the file, so that a
    caller (and the command line) gets the library's error, never a traceback. The fault
    stays its cause, for the tests and the fuzzer, which count any such as a defect."""
    try:
        yield
    except SanctionsTrackerError:
        raise
    except _FAULTS as error:
        msg = (
            f"{display}: cannot be read: the reader failed on it ({type(error).__name__}: "
            f"{shortened(str(error), 200)}); please report this file"
        )
        raise SourceError(msg) from error


def read(main: Recognised, companions: Sequence[Recognised] = ()) -> ListLoad:
    """Read a list file with its companions; a file with no entry in it (a header and
    nothing else, an empty root element) is refused: a list that lists no one is a cut or
    failed download, not news that every sanction was lifted."""
    with _guarded(main.file.display):
        loaded = main.file.load([companion.file for companion in companions])
    if not loaded.accounts or loaded.accounts[0].rows_read == 0:
        msg = (
            f"{main.file.display}: no entry of the {loaded.title} in the file (a header or an "
            "empty list and nothing else): refused, as a cut or failed download"
        )
        raise SourceError(msg)
    return loaded


def _beside(main: Recognised, given: list[Recognised]) -> None:
    """Add the companions lying beside a list file that are not given already."""
    have = {companion.file.part for companion in given}
    for path in main.file.beside():
        found = recognise(path, str(path))
        if found is None or found.format is not main.format:
            continue
        part = found.file.part
        if part is not None and part not in have:
            given.append(found)
            have.add(part)


def group(files: Sequence[Recognised]) -> list[tuple[Recognised, list[Recognised]]]:
    """Each list file with its companions: those given (by their group, or the only list
    file of their format) and those lying beside it."""
    mains = [found for found in files if found.file.part is None]
    groups: dict[int, list[Recognised]] = {id(main): [] for main in mains}
    for companion in (found for found in files if found.file.part is not None):
        same = [main for main in mains if main.format is companion.format]
        owners = [main for main in same if main.file.group == companion.file.group] or (
            same if len(same) == 1 else []
        )
        if not owners:
            hint = f" ({companion.format.main_files})" if companion.format.main_files else ""
            msg = (
                f"{companion.file.display}: a companion file ({companion.file.part}) of the "
                f"{companion.format.name}, but no main list file{hint} is given for it"
            )
            raise SourceError(msg)
        groups[id(owners[0])].append(companion)
    for main in mains:
        _beside(main, groups[id(main)])
    return [(main, groups[id(main)]) for main in mains]


def gathered(loads: Sequence[tuple[ListFormat, ListLoad]]) -> list[ListLoad]:
    """The loads with the copies a gathering list holds of lists loaded from their own
    files left out (and counted in its account: the list's own file is the primary source)."""
    files = {loaded.list_id: loaded.accounts[0].file for _, loaded in loads}
    result = []
    for found_format, loaded in loads:
        others = {list_id: name for list_id, name in files.items() if list_id != loaded.list_id}
        gathers = found_format.gathers
        result.append(gathers(loaded, others) if gathers is not None and others else loaded)
    return result


_TITLES: Mapping[str, str] = {
    list_id: title for found in FORMATS for list_id, title in found.lists.items()
}


def list_title(list_id: str) -> str:
    """The title of a list by its id (the id itself for a list no format names)."""
    return _TITLES.get(list_id, list_id)


def list_titles() -> frozenset[str]:
    """The titles of every list the formats read."""
    return frozenset(_TITLES.values())
