"""How fast the EU, UK and Swiss lists load, beside a bare parse of the same file.

Usage: ``python benchmarks/load_european.py [--rounds N]``

For each file (the EU's XML 1.1 excerpt and legacy XML, the UK Sanctions List XML
excerpt, OFSI's ConList CSV, the SECO excerpt), each round starts a fresh Python process
(nothing cached from an earlier load) that times ``sanctions_tracker.load(path,
bundled=False)``: the safe parse, every entry and fact read, the designations, programs,
acts and the tracker's indices (for SECO also every designation's versions, undoing each
amendment). For SECO it then times ``tracker.as_of`` of a day before its last change (the
as-of view built from the versions).

The baseline, measured in the same process: a bare pass over the same file, through the
same decompression, that any loader must at least make: ``lxml.etree.iterparse`` with the
same safety options visiting and freeing every element (XML), ``csv.reader`` over the
decoded text keeping nothing (CSV). The median of the rounds is printed.
"""

from __future__ import annotations

import argparse
import statistics

from common import DATA, in_fresh_process, machine

FILES = (
    DATA / "eu-fsf" / "eu_fsf_excerpt_2026-08-05_b.xml",
    DATA / "eu-fsf" / "eu_legacy_2016-02-11_part.xml.gz",
    DATA / "uk-sanctions-list" / "uk_sanctions_list_excerpt_2026-08-14.xml",
    DATA / "uk-ofsi" / "ConList_2018-04-13.csv.gz",
    DATA / "ch-seco" / "seco_excerpt_2026-08-15.xml",
)

_ROUND = """
import csv, datetime as dt, gzip, io, json, sys, time
from pathlib import Path
from lxml import etree
import sanctions_tracker as st

path = Path(sys.argv[1])

def stream():
    return gzip.open(path) if path.suffix == ".gz" else path.open("rb")

start = time.perf_counter()
elements = 0
with stream() as handle:
    if ".csv" in path.name:
        for _row in csv.reader(io.StringIO(handle.read().decode("cp1252"))):
            elements += 1
    else:
        for _, element in etree.iterparse(
            handle, events=("end",), resolve_entities=False, no_network=True,
            load_dtd=False, huge_tree=False,
        ):
            elements += 1
            element.clear(keep_tail=False)
bare = time.perf_counter() - start

start = time.perf_counter()
tracker = st.load(path, bundled=False)
load = time.perf_counter() - start
view = 0.0
if tracker.history is not None:
    start = time.perf_counter()
    tracker.as_of(tracker.history.snapshots[-2].as_of)
    view = time.perf_counter() - start
print(json.dumps({"bare": bare, "load": load, "view": view, "elements": elements,
                  "designations": len(tracker.designations())}))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    print(machine())
    print(
        f"{'file':<42} {'entries':>7} {'elements':>9} {'bare pass':>10} {'load':>8}"
        f" {'ratio':>6} {'as_of view':>10}"
    )
    for path in FILES:
        results = [in_fresh_process(_ROUND, str(path)) for _ in range(args.rounds)]
        bare = statistics.median(r["bare"] for r in results)
        load = statistics.median(r["load"] for r in results)
        view = statistics.median(r["view"] for r in results)
        entries, elements = int(results[0]["designations"]), int(results[0]["elements"])
        shown = f"{view * 1000:>7.1f} ms" if view else f"{'-':>10}"
        print(
            f"{path.name:<42} {entries:>7} {elements:>9} {bare * 1000:>7.1f} ms"
            f" {load * 1000:>5.0f} ms {load / bare:>5.1f}x {shown}"
        )


if __name__ == "__main__":
    main()
