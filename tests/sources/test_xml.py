"""sources/_xml.py: XML parsed safely and within bounds.

What no reader wants is dropped as it ends, so that a flood of unknown elements never
grows the tree; depth, entries and elements outside the entries are capped; a name the
parser lets through but lxml refuses (``<:a/>``) is a SourceError.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from lxml import etree

import corpus
import sanctions_tracker as st
from sanctions_tracker.sources import _xml
from sanctions_tracker.sources._files import FileHead
from sanctions_tracker.sources._xml import parse, read_head


def _parse(data: bytes, tags: tuple[str, ...], containers: tuple[str, ...] = ()) -> list[str]:
    """The tags given by parse, in order, each with its number of children (each entry of
    a container emptied once read, as the UN reader does)."""
    given = []
    for element in parse(io.BytesIO(data), "t.xml", tags, containers=containers):
        given.append(f"{element.tag!s}:{len(element)}")
        parent = element.getparent()
        if parent is not None and parent.tag in (*containers, "root"):
            element.clear(keep_tail=False)
    return given


def test_entries_and_containers_are_given_with_what_the_reader_accounts_for() -> None:
    """Entries come whole at their end (an entry within an entry too, before it); a
    container comes at its end holding its entries (freed) and the other elements in it,
    emptied, for the reader to report."""
    data = (
        b"<root><LIST><E><name>a</name><E><name>b</name></E></E>"
        b"<junk><deep><er/></deep></junk><E><name>c</name></E></LIST><tail/></root>"
    )
    given = _parse(data, ("E", "LIST", "root"), containers=("LIST",))
    assert given == ["E:1", "E:2", "E:1", "LIST:3", "root:2"]
    kept: list[tuple[str, int]] = []
    for element in parse(io.BytesIO(data), "t.xml", ("E", "LIST"), containers=("LIST",)):
        if element.tag == "LIST":
            kept = [(str(child.tag), len(child)) for child in element]
    assert ("junk", 0) in kept  # kept for the account, emptied


def test_a_flood_of_unknown_elements_does_not_grow_the_tree() -> None:
    """Elements no reader wants, inside an element no reader wants, are dropped as they
    end: after 50,000 of them the tree holds a handful of elements."""
    data = corpus.flood("root", "junk", 50_000)
    sizes = [sum(1 for _ in root.iter()) for root in parse(io.BytesIO(data), "t.xml", ("root",))]
    assert sizes == [2]  # the root and its emptied <junk>


@pytest.mark.parametrize(
    ("data", "tags", "message"),
    [
        (corpus.flood("root", "LIST", 300), ("root", "LIST"), "over 200 elements that are no"),
        (corpus.flood("root", "LIST/junk", 300), ("root", "LIST"), "over 200 elements"),
        (corpus.flood("root", "LIST/E", 300), ("E",), "an entry of over 100 elements"),
        (b"<a>" * 40 + b"</a>" * 40, ("a",), "elements nested over 32 deep"),
        (corpus.flood("root", "", 600, "<E/>"), ("E",), "over 500 elements"),
    ],
)
def test_the_caps(
    data: bytes, tags: tuple[str, ...], message: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each cap (lowered here) refuses a document that passes it, with the file and line."""
    monkeypatch.setattr(_xml, "MAX_OTHER_ELEMENTS", 200)
    monkeypatch.setattr(_xml, "MAX_ENTRY_ELEMENTS", 100)
    monkeypatch.setattr(_xml, "MAX_DEPTH", 32)
    monkeypatch.setattr(_xml, "MAX_ELEMENTS", 500)
    with pytest.raises(st.SourceError, match=rf"t\.xml: {message}.* \(line 1\): refused"):
        _parse(data, tags, containers=("LIST",))


@pytest.mark.parametrize(
    ("depth", "message"),
    [(100, "elements nested over 64 deep"), (300, "not well-formed XML.*Excessive depth")],
)
def test_deep_documents_are_source_errors(depth: int, message: str, tmp_path: Path) -> None:
    """A list document nested deeper than the cap (64), or than the parser itself allows
    (256), is one SourceError naming the file."""
    data = b'<?xml version="1.0"?><CONSOLIDATED_LIST dateGenerated="2020-01-01">'
    data += b"<x>" * depth + b"</x>" * depth + b"</CONSOLIDATED_LIST>"
    with pytest.raises(st.SourceError, match=rf"un\.xml: {message}"):
        st.load(corpus.write(tmp_path, "un.xml", data), bundled=False)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"<:a/>", "not well-formed XML"),
        (b"<a:/>", "not well-formed XML"),
        (b"<CONSOLIDATED_LIST :x='1'/>", "not well-formed XML"),
        (b"<CONSOLIDATED_LIST><INDIVIDUALS><:a/></INDIVIDUALS></CONSOLIDATED_LIST>", "not well"),
        (b"<r><:a/></r>", "an XML document of another kind"),
    ],
)
def test_names_lxml_refuses_are_source_errors(data: bytes, message: str, tmp_path: Path) -> None:
    """``<:a/>`` (5 bytes) once raised lxml's ValueError: a name the parser lets pass in the
    head, or refuses further in, is one SourceError naming the file."""
    with pytest.raises(st.SourceError, match=rf"a\.xml: {message}"):
        st.load(corpus.write(tmp_path, "a.xml", data))


def test_read_head_of_a_bad_name() -> None:
    """read_head itself gives the SourceError, naming the line."""
    head = FileHead(Path("a.xml"), "a.xml", b"<:a/>")
    with pytest.raises(st.SourceError, match=r"a\.xml: not well-formed XML \(line 1\)"):
        read_head(head)


def test_the_real_documents_are_within_the_caps() -> None:
    """The largest real documents: their depth and the size of their largest entry are far
    below the caps (measured with a plain parse)."""
    data = corpus.seeds("ofac_xml")[0][0][1]
    root = etree.fromstring(data)
    deepest = max(len(list(e.iterancestors())) + 1 for e in root.iter())
    largest = max(sum(1 for _ in child.iter()) for child in root)
    assert deepest * 4 < _xml.MAX_DEPTH
    assert largest * 50 < _xml.MAX_ENTRY_ELEMENTS
