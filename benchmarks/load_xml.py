"""How fast the XML lists load (OFAC's advanced and enhanced, the UN's), beside a bare
lxml pass over the same file.

Usage: ``python benchmarks/load_xml.py [--rounds N]``

For each XML file in ../shared/data/ofac-consolidated (``cons_advanced.xml.gz``,
``CONS_ENHANCED.ZIP``) and ../shared/data/un-consolidated (``consolidated_2020-03-20.xml.gz``,
``consolidated_2025-11-20.xml.gz``), each round starts a fresh Python process (nothing
cached from an earlier load) that times ``sanctions_tracker.load(path, bundled=False)``:
opening the archive, the safe parse, every entry and fact read (OFAC's features through
the remarks rules), building the designations and the tracker's indices.

The baseline, measured in the same process: a bare ``lxml.etree.iterparse`` pass over the
same file, through the same decompression and with the same safety options, that visits
every element and frees it (what any loader of the file must at least do). The median of
the rounds is printed.
"""

from __future__ import annotations

import argparse
import statistics

from common import DATA, in_fresh_process, machine

FILES = (
    DATA / "ofac-consolidated" / "cons_advanced.xml.gz",
    DATA / "ofac-consolidated" / "CONS_ENHANCED.ZIP",
    DATA / "un-consolidated" / "consolidated_2020-03-20.xml.gz",
    DATA / "un-consolidated" / "consolidated_2025-11-20.xml.gz",
)

_ROUND = """
import gzip, json, sys, time, zipfile
from pathlib import Path
from lxml import etree
import sanctions_tracker as st

path = Path(sys.argv[1])

def stream():
    if path.suffix == ".gz":
        return gzip.open(path)
    archive = zipfile.ZipFile(path)
    return archive.open(archive.namelist()[0])

start = time.perf_counter()
elements = 0
with stream() as handle:
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
print(json.dumps({"bare": bare, "load": load, "elements": elements,
                  "designations": len(tracker.designations())}))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    print(machine())
    print(f"{'file':<32} {'entries':>7} {'elements':>9} {'bare lxml':>10} {'load':>8} {'ratio':>6}")
    for path in FILES:
        results = [in_fresh_process(_ROUND, str(path)) for _ in range(args.rounds)]
        bare = statistics.median(r["bare"] for r in results)
        load = statistics.median(r["load"] for r in results)
        entries, elements = int(results[0]["designations"]), int(results[0]["elements"])
        print(
            f"{path.name:<32} {entries:>7} {elements:>9} {bare * 1000:>8.0f} ms"
            f" {load * 1000:>5.0f} ms {load / bare:>5.1f}x"
        )


if __name__ == "__main__":
    main()
