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
every element and frees it (what any loader of the file must at least do). Beside the
load, the same load with the XML parse as it was before it was bounded (libxml2 handing
over only the wanted elements, nothing counted, nothing else freed): what the bounds cost.
The median of the rounds is printed.
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

if sys.argv[2] == "unbounded":
    # The parse as it was before its bounds: only the elements wanted, from libxml2, with
    # nothing counted and nothing else freed (for comparison; see docs/reliability.md).
    from sanctions_tracker.sources import _xml

    def unbounded(stream, display, tags, *, containers=()):
        for _, element in etree.iterparse(
            stream, events=("end",), tag=list(tags), resolve_entities=False,
            no_network=True, load_dtd=False, huge_tree=False, remove_comments=True,
            remove_pis=True,
        ):
            yield element

    for module in list(sys.modules.values()):
        if getattr(module, "parse", None) is _xml.parse:
            module.parse = unbounded

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
    print(
        f"{'file':<32} {'entries':>7} {'elements':>9} {'bare lxml':>10} {'load':>8} {'ratio':>6}"
        f" {'unbounded':>10}"
    )
    for path in FILES:
        results = [in_fresh_process(_ROUND, str(path), "shipped") for _ in range(args.rounds)]
        former = [in_fresh_process(_ROUND, str(path), "unbounded") for _ in range(args.rounds)]
        bare = statistics.median(r["bare"] for r in results)
        load = statistics.median(r["load"] for r in results)
        unbounded = statistics.median(r["load"] for r in former)
        entries, elements = int(results[0]["designations"]), int(results[0]["elements"])
        print(
            f"{path.name:<32} {entries:>7} {elements:>9} {bare * 1000:>8.0f} ms"
            f" {load * 1000:>5.0f} ms {load / bare:>5.1f}x {unbounded * 1000:>7.0f} ms"
        )


if __name__ == "__main__":
    main()
