"""The HTML summary: one escaped, self-contained page whose citation links all resolve."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import sanctions_tracker as st

HOSTILE = "<script>alert(\"x\")</script> & 'co'"

FIXTURE: dict[str, Any] = {
    "sources": [
        {
            "id": "src-web",
            "publisher": "Pub & Sons",
            "title": f"Title {HOSTILE}",
            "url": 'https://example.org/a?b=1&c="2"',
            "published_on": "2020-01-10",
        },
        {
            "id": "src-js",
            "publisher": "Elsewhere",
            "title": "Not a web address",
            "url": "javascript:alert(1)",
            "verification": {"status": "partly-verified", "unverified": ["<b>the date</b>"]},
        },
    ],
    "sectors": [
        {"id": "industry", "name": "Industry"},
        {"id": "metals", "name": "Metals", "parent": "industry"},
        {"id": "steel", "name": "Steel", "parent": "metals"},
    ],
    "authorities": [
        {
            "id": "eo-1",
            "code": "E.O. 1",
            "title": f"Order {HOSTILE}",
            "kind": "executive-order",
            "signed_on": "2019-05-08",
            "sources": ["src-web"],
        }
    ],
    "programs": [
        {
            "id": "METALS",
            "name": f"Metals {HOSTILE}",
            "authorities": ["eo-1"],
            "sources": ["src-web"],
            "sectors": [{"sector": "steel", "reason": "names steel", "authority": "eo-1"}],
        }
    ],
    "designations": [
        {
            "id": "t:1",
            "list_id": "t",
            "programs": ["METALS"],
            "sources": ["src-web", "src-js"],
            "listed_on": "2020-01-10",
            "party": {"kind": "entity", "names": [{"full": f"ACME {HOSTILE}"}]},
        }
    ],
    "actions": [
        {
            "id": "act-1",
            "agency": "Treasury",
            "kind": "designation",
            "taken_on": "2020-01-10",
            "title": f"Designation of {HOSTILE}",
            "sources": ["src-web"],
            "designations": ["t:1"],
        }
    ],
    "advisories": [
        {
            "id": "adv-1",
            "agency": "State",
            "issued_on": "2020-02-01",
            "title": f"Advisory {HOSTILE}",
            "sources": ["src-js"],
            "summary": f"Summary {HOSTILE}",
            "sectors": ["steel"],
            "materials": [
                {
                    "name": f"Coke {HOSTILE}",
                    "hs_codes": [{"code": "2713.12", "description": "calcined coke"}],
                }
            ],
            "parties_at_risk": [HOSTILE],
            "due_diligence": [HOSTILE],
        }
    ],
}

STRUCTURAL = {
    "html", "head", "body", "header", "main", "section", "article", "table", "thead",
    "tbody", "tr", "td", "th", "ul", "ol", "li", "dl", "dt", "dd", "p", "a", "span",
    "h1", "h2", "h3", "h4", "title", "style", "time", "strong",
}  # fmt: skip
VOID = {"meta", "link", "br", "hr", "img", "input"}


class _Page(HTMLParser):
    """Collects ids, link targets, unbalanced tags and every tag seen."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.ids: set[str] = set()
        self.hrefs: list[str] = []
        self.tags: set[str] = set()
        self.attrs: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.attrs.extend(attrs)
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(str(values["id"]))
        if tag == "a" and values.get("href"):
            self.hrefs.append(str(values["href"]))
        if tag in STRUCTURAL:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag not in STRUCTURAL:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
            return
        self.stack.pop()


def _page(html: str) -> _Page:
    parser = _Page()
    parser.feed(html)
    parser.close()
    return parser


def _summary(tmp_path: Path) -> st.ComplianceSummary:
    path = tmp_path / "fixture.json"
    path.write_text(json.dumps(FIXTURE), encoding="utf-8")
    return st.load(path, bundled=False).summary(sector="steel")


def test_hostile_text_is_escaped(tmp_path: Path) -> None:
    """Names and titles holding <script>, quotes and & come out as escaped text."""
    html = _summary(tmp_path).to_html()
    assert "<script" not in html.lower()
    escaped = "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; &#39;co&#39;"
    for text in ("ACME ", "Metals ", "Order ", "Advisory ", "Summary ", "Coke ", "Title "):
        assert text + escaped in html, text
    assert "Pub &amp; Sons" in html
    assert "&lt;b&gt;the date&lt;/b&gt;" in html
    assert 'href="https://example.org/a?b=1&amp;c=&#34;2&#34;"' in html


def test_page_is_self_contained(tmp_path: Path) -> None:
    """No scripts, no stylesheets or images loaded from elsewhere, no event handlers."""
    html = _summary(tmp_path).to_html()
    lowered = html.lower()
    assert "<script" not in lowered
    assert "<link" not in lowered
    assert "src=" not in lowered
    assert "@import" not in lowered
    assert "url(" not in lowered
    page = _page(html)
    assert not {"script", "link", "img", "iframe", "object", "embed"} & page.tags
    assert not [name for name, _ in page.attrs if name.startswith("on")]
    assert "style" in page.tags


def test_only_web_urls_become_links(tmp_path: Path) -> None:
    """A source URL is a link only when it is http(s); others are shown as text."""
    summary = _summary(tmp_path)
    page = _page(summary.to_html())
    external = [h for h in page.hrefs if not h.startswith("#")]
    assert external == ['https://example.org/a?b=1&c="2"']
    assert "javascript:alert(1)" in summary.to_html()


def test_every_citation_links_to_an_existing_anchor(tmp_path: Path) -> None:
    """Each #source-n link has its anchor, and every cited source has one."""
    summary = _summary(tmp_path)
    page = _page(summary.to_html())
    internal = [h for h in page.hrefs if h.startswith("#")]
    assert internal
    for href in internal:
        assert re.fullmatch(r"#source-\d+", href), href
        assert href[1:] in page.ids, href
    for number in range(1, len(summary.citations) + 1):
        assert f"source-{number}" in page.ids


def test_structural_tags_balance(tmp_path: Path) -> None:
    """The main structural tags open and close in order, and all of them are closed."""
    html = _summary(tmp_path).to_html()
    assert html.startswith("<!DOCTYPE html>\n")
    page = _page(html)
    assert page.errors == []
    assert page.stack == []
    assert {"html", "head", "body", "main", "section", "table"} <= page.tags


def test_sections_match_the_markdown(tmp_path: Path) -> None:
    """The page has the same sections as the Markdown summary, in the same order."""
    summary = _summary(tmp_path)
    headings = re.findall(r"<h2>(.*?)</h2>", summary.to_html())
    markdown = [line[3:] for line in summary.to_markdown().splitlines() if line.startswith("## ")]
    assert headings == markdown


def test_render_is_deterministic(tmp_path: Path) -> None:
    """Two renders are equal and end in exactly one newline, with no trailing spaces."""
    summary = _summary(tmp_path)
    html = summary.to_html()
    assert html == summary.to_html()
    assert html.endswith("</html>\n")
    assert all(line == line.rstrip() for line in html.splitlines())


def test_bundled_steel_page_is_well_formed() -> None:
    """The bundled steel summary renders to a balanced page whose citations all resolve."""
    summary = st.load().summary(sector="steel")
    page = _page(summary.to_html())
    assert page.errors == []
    assert page.stack == []
    for href in page.hrefs:
        if href.startswith("#"):
            assert href[1:] in page.ids
