"""How fast the other lists load (DFAT's workbook, Canada's SEMA XML, BIS's Denied Persons
List, OpenSanctions FtM), beside a bare parse of the same file.

Usage: ``python benchmarks/load_more.py [--rounds N]``

Each round starts a fresh Python process (nothing cached from an earlier load) that times
``sanctions_tracker.load(path, bundled=False)``: recognising the file, reading every row or
element, building the designations and the tracker's indices.

The baseline, measured in the same process, is a bare parse of the same file that visits
every row or element and keeps nothing: for the workbook, ``lxml.etree.iterparse`` over its
shared strings and its sheet (out of the zip); for the XML, ``iterparse`` over the file;
for the tab-separated list, ``csv.reader``; for FtM, ``json.loads`` of every line. For the
workbook, the rows alone as ``sources/_xlsx.py`` gives them are timed too, beside openpyxl's
read-only mode reading every cell's value (the Excel library weighed against it; skipped
when openpyxl is not installed: ``pip install -e '.[bench]'``). The median of the rounds
is printed.
"""

from __future__ import annotations

import argparse
import statistics

from common import DATA, in_fresh_process, machine

FILES = (
    ("xlsx", DATA / "au-dfat" / "Australian_Sanctions_Consolidated_List_2026-02-24.xlsx"),
    ("xml", DATA / "other" / "sema-lmes.xml"),
    ("tsv", DATA / "other" / "dpl.txt"),
    ("ftm", DATA / "opensanctions-ftm" / "yente_zala_entities.ftm.json"),
)

_ROUND = """
import csv, json, sys, time, zipfile
from pathlib import Path
from lxml import etree
import sanctions_tracker as st

kind, path = sys.argv[1], Path(sys.argv[2])

def iterate(stream):
    count = 0
    for _, element in etree.iterparse(
        stream, events=("end",), resolve_entities=False, no_network=True,
        load_dtd=False, huge_tree=False,
    ):
        count += 1
        element.clear(keep_tail=False)
    return count

start = time.perf_counter()
if kind == "xlsx":
    with zipfile.ZipFile(path) as archive:
        units = iterate(archive.open("xl/sharedStrings.xml"))
        units += iterate(archive.open("xl/worksheets/sheet1.xml"))
elif kind == "xml":
    with path.open("rb") as stream:
        units = iterate(stream)
elif kind == "tsv":
    with path.open(encoding="utf-8", newline="") as handle:
        units = sum(1 for _ in csv.reader(handle, delimiter="\\t"))
else:
    with path.open(encoding="utf-8") as handle:
        units = sum(1 for line in handle if json.loads(line))
bare = time.perf_counter() - start

other = rows = None
if kind == "xlsx":
    from sanctions_tracker.sources._xlsx import sheet_rows

    start = time.perf_counter()
    for _ in sheet_rows(path, path.name):
        pass
    rows = time.perf_counter() - start
    try:
        import openpyxl
    except ImportError:
        pass
    else:
        start = time.perf_counter()
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        cells = sum(len(row) for row in book.worksheets[0].iter_rows(values_only=True))
        book.close()
        other = time.perf_counter() - start

start = time.perf_counter()
tracker = st.load(path, bundled=False)
load = time.perf_counter() - start
print(json.dumps({"bare": bare, "load": load, "units": units, "other": other, "rows": rows,
                  "designations": len(tracker.designations())}))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    print(machine())
    print(
        f"{'file':<58} {'records':>7} {'units':>7} {'bare':>9} {'load':>9} {'ratio':>6}"
        f" {'_xlsx rows':>10} {'openpyxl':>9}"
    )
    for kind, path in FILES:
        results = [in_fresh_process(_ROUND, kind, str(path)) for _ in range(args.rounds)]
        bare = statistics.median(r["bare"] for r in results)
        load = statistics.median(r["load"] for r in results)
        others = [r["other"] for r in results if r["other"] is not None]
        other = f"{statistics.median(others) * 1000:>6.0f} ms" if others else f"{'-':>9}"
        sheets = [r["rows"] for r in results if r["rows"] is not None]
        rows = f"{statistics.median(sheets) * 1000:>7.0f} ms" if sheets else f"{'-':>10}"
        records, units = int(results[0]["designations"]), int(results[0]["units"])
        print(
            f"{path.name:<58} {records:>7} {units:>7} {bare * 1000:>6.0f} ms"
            f" {load * 1000:>6.0f} ms {load / bare:>5.1f}x {rows} {other}"
        )


if __name__ == "__main__":
    main()
