"""The hostile-input corpus, made at test time: small real seeds of every list format, and
the malformed files of the reliability audit (issue 14), each a few KB.

Seeds are cut from the real files in ``../shared/data`` (never copied into the repository):
the first rows of a CSV, the first entries of each container of an XML document (the
reference tables a reader looks entries up in are kept whole), the first rows of the DFAT
workbook rewritten as a small workbook. ``tests/strategies.py`` mutates them;
``benchmarks/fuzz_readers.py`` runs the same mutations for a set time.
"""

from __future__ import annotations

import codecs
import gzip
import io
import json
import re
import zipfile
from collections.abc import Callable
from functools import cache
from pathlib import Path

from lxml import etree

from conftest import MINIMAL, SHARED_DATA, write_workbook

__all__ = [
    "ADVERSARIAL",
    "FORMATS",
    "Seed",
    "flood",
    "gzipped",
    "sdn_rows",
    "seeds",
    "utf16",
    "workbook",
    "zipped",
]

File = tuple[str, bytes]
"""A file's name and its bytes."""

Seed = tuple[File, ...]
"""The files of one load: the list file (or fixture file) first, then its companions."""

ADVERSARIAL: tuple[str, ...] = (
    "",
    " ",
    "-0-",
    "\u00b9\u00b2\u00b3",  # superscript digits: isdigit() says yes, int() says no
    "\u0663\u0664",  # Arabic-Indic digits
    "\uff11\uff12",  # fullwidth digits
    "9" * 5000,  # more digits than int() converts
    "x" * 20_000,
    "\x00",
    "\ufeff",
    "\u202e",
    "\U0001d538",
    "\ud7ff",
    "NaN",
    "1e999",
    "-1",
    "0",
    "0000",
    "2024-02-30",
    "31/02/2020",
    "0000-00-00",
    "99/99/9999",
    "\r",
    "\n",
    '"',
    "'",
    ",",
    "\t",
    ";",
    "] [",
    "[",
    "a.k.a. ",
    "DOB 1 Feb 1960; ",
    "Linked To: ",
    "Vessel",
    "individual",
    "SDGT",
    "&",
    "&amp;",
    "&#0;",
    "&foo;",
    "<",
    ">",
    "<:a/>",
    "<x>" * 100,
    "<![CDATA[",
    "]]>",
    "<!DOCTYPE x>",
    "<?pi x?>",
    "<!-- -->",
    "<x/>" * 3000,
    '{"a": ' * 50,
    "[" * 1200,
    "null",
    "{}",
    "%s%n",
)
"""Values a hostile or broken file may hold where a field is expected."""


def _reduce(data: bytes, keep: int, whole: frozenset[str] = frozenset()) -> bytes:
    """An XML document with at most ``keep`` children of each tag under each element
    (elements whose local name is in ``whole`` are kept whole)."""
    root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, huge_tree=False))
    for element in root.iter():
        if not isinstance(element.tag, str) or etree.QName(element).localname in whole:
            continue
        seen: dict[str, int] = {}
        for child in list(element):
            tag = str(child.tag)
            seen[tag] = seen.get(tag, 0) + 1
            if seen[tag] > keep:
                element.remove(child)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def _read(relative: str) -> bytes:
    data = (SHARED_DATA / relative).read_bytes()
    return gzip.decompress(data) if relative.endswith(".gz") else data


def _lines(relative: str, count: int) -> bytes:
    return b"\n".join(_read(relative).split(b"\n")[:count]) + b"\n"


def _zip_member(relative: str) -> bytes:
    with zipfile.ZipFile(SHARED_DATA / relative) as archive:
        return archive.read(archive.infolist()[0])


def workbook(rows: list[list[str]]) -> bytes:
    """A small XLSX workbook of inline-string cells in the shape of DFAT's."""
    out = io.BytesIO()
    write_workbook(out, rows)
    return out.getvalue()


def _dfat_rows(count: int) -> list[list[str]]:
    """The first rows of DFAT's workbook as text (read with the library's own reader:
    the seed is the library's view of the real file, which the mutations then damage)."""
    from sanctions_tracker.sources._xlsx import sheet_rows  # noqa: PLC0415 - the test helper only

    path = SHARED_DATA / "au-dfat" / "Australian_Sanctions_Consolidated_List_2026-02-24.xlsx"
    rows: list[list[str]] = []
    for _, cells in sheet_rows(path, path.name, limit=count):
        width = max(_index(column) for column in cells) + 1
        row = [""] * width
        for column, value in cells.items():
            row[_index(column)] = str(value)
        rows.append(row)
    return rows


def _index(column: str) -> int:
    number = 0
    for letter in column:
        number = number * 26 + ord(letter) - 64
    return number - 1


def _ofac_group(mutated: str) -> Seed:
    """The watchman excerpt of the four OFAC files, ``mutated`` first."""
    folder = "ofac-csv-companions/excerpt_watchman_ofactest"
    names = ("sdn.csv", "alt.csv", "add.csv", "sdn_comments.csv")
    first = (mutated, _read(f"{folder}/{mutated}"))
    return (first, *((name, _read(f"{folder}/{name}")) for name in names if name != mutated))


_SEEDS: dict[str, Callable[[], list[Seed]]] = {
    "un_xml": lambda: [
        (("consolidated.xml", _reduce(_read("un-consolidated/consolidated_2025-11-20.xml.gz"), 3)),)
    ],
    "eu_fsf": lambda: [(("eu.xml", _read("eu-fsf/eu_fsf_excerpt_2026-08-05_b.xml")),)],
    "eu_fsd_legacy": lambda: [
        (("eu-legacy.xml", _reduce(_read("eu-fsf/eu_legacy_2016-02-11_part.xml.gz"), 4)),)
    ],
    "uk_sanctions_list": lambda: [
        (("uk.xml", _read("uk-sanctions-list/uk_sanctions_list_excerpt_2026-08-14.xml")),)
    ],
    "ch_seco": lambda: [(("seco.xml", _reduce(_read("ch-seco/seco_excerpt_2026-08-15.xml"), 3)),)],
    "ca_sema": lambda: [(("sema.xml", _reduce(_read("other/sema-lmes.xml"), 6)),)],
    "ofac_xml": lambda: [
        (("sdn_advanced.xml", _read("ofac-sdn-xml/sdn_advanced_excerpt_2026-09-09.xml")),),
        (
            (
                "cons_enhanced.xml",
                _reduce(
                    _zip_member("ofac-consolidated/CONS_ENHANCED.ZIP"),
                    3,
                    frozenset({"referenceValues"}),
                ),
            ),
        ),
    ],
    "us_csl": lambda: [(("consolidated.csv", _read("us-csl/excerpt_consolidated.csv")),)],
    "us_bis_dpl": lambda: [(("dpl.txt", _lines("other/dpl.txt", 15)),)],
    "uk_ofsi": lambda: [(("ConList.csv", _lines("uk-ofsi/ConList_2018-04-13.csv.gz", 15)),)],
    "ofac_csv": lambda: [
        (("sdn.csv", _lines("ofac-sdn/sdn-2024-05-03.csv.gz", 25)),),
        *(_ofac_group(name) for name in ("alt.csv", "add.csv", "sdn_comments.csv")),
    ],
    "opensanctions_ftm": lambda: [
        (("entities.ftm.json", _read("opensanctions-ftm/yente_t1_entities.ftm.json")),),
        (
            (
                "delta.json",
                _read("opensanctions-ftm/yente_sanctions_20240527194702.entities.delta.json"),
            ),
        ),
    ],
    "au_dfat": lambda: [(("dfat.xlsx", workbook(_dfat_rows(20))),)],
    "fixtures": lambda: [(("fixture.json", json.dumps(MINIMAL, indent=1).encode()),)],
}

FORMATS: tuple[str, ...] = tuple(_SEEDS)
"""The readers seeded: each list format (by its module's name) and the fixture files."""


@cache
def seeds(kind: str) -> tuple[Seed, ...]:
    """The real seeds of a reader (made once per session)."""
    return tuple(_SEEDS[kind]())


@cache
def sdn_rows(count: int = 6) -> tuple[str, ...]:
    """The first rows of the real SDN list, as lines of text."""
    return tuple(_lines("ofac-sdn/sdn-2024-05-03.csv.gz", count).decode().splitlines())


def gzipped(data: bytes) -> bytes:
    """The bytes gzipped."""
    return gzip.compress(data, mtime=0)


def zipped(data: bytes, name: str = "list.xml") -> bytes:
    """The bytes as the one member of a zip archive."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(name, data)
    return out.getvalue()


_DECLARED_UTF8 = re.compile(r"""(<\?xml[^>]*encoding=["'])utf-8(["'])""", re.IGNORECASE)


def utf16(data: bytes, encoding: str = "utf-16-le") -> bytes:
    """UTF-8 text as UTF-16 or UTF-32 with its byte-order mark (an XML declaration of
    UTF-8 made to say so too)."""
    marks = {
        "utf-16-le": codecs.BOM_UTF16_LE,
        "utf-16-be": codecs.BOM_UTF16_BE,
        "utf-32-le": codecs.BOM_UTF32_LE,
        "utf-32-be": codecs.BOM_UTF32_BE,
    }
    text = data.decode("utf-8").removeprefix("\ufeff")
    declared = encoding[:6].upper()
    text = _DECLARED_UTF8.sub(rf"\g<1>{declared}\2", text, count=1)
    return marks[encoding] + text.encode(encoding)


def flood(root: str, inside: str, count: int, element: str = "<x/>") -> bytes:
    """An XML document of root ``root`` whose ``inside`` (tags opened in order, e.g.
    ``INDIVIDUALS`` or ``INDIVIDUALS/JUNK``) holds ``count`` copies of ``element``."""
    opened = inside.split("/") if inside else []
    head = "".join(f"<{tag}>" for tag in opened)
    tail = "".join(f"</{tag}>" for tag in reversed(opened))
    body = element * count
    return f'<?xml version="1.0"?><{root}>{head}{body}{tail}</{root}>'.encode()


def json_nested(depth: int) -> bytes:
    """A fixture document whose designations nest ``depth`` arrays deep."""
    return ('{"designations": ' + "[" * depth + "]" * depth + "}").encode()


def json_number(digits: int) -> bytes:
    """A fixture document with an integer of ``digits`` digits."""
    return json.dumps({"sources": []}).replace("[]", "9" * digits).encode()


def write(directory: Path, name: str, data: bytes) -> Path:
    """Write a corpus file and give its path."""
    path = directory / name
    path.write_bytes(data)
    return path
