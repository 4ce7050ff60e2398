"""References one list gives to another's entries: the UN Security Council's reference
numbers, which the EU, UK and Swiss lists give the parties the UN listed.

A UN reference number is two letters of the regime, ``i`` (individual) or ``e`` (entity),
a dot and three digits (``QDi.276``); the UN list's own id of the entry is
``un-sc:<reference>``. An older form (``QE.A.146.14``) names no entry of today's list and
is not read as one.

>>> un_references("UN Ref QDe.004. Emir ... (QDi.277)")
('QDe.004', 'QDi.277')
>>> un_listing(" QDi.276 ")
('un-sc:QDi.276', 'UN Security Council reference QDi.276')
"""

from __future__ import annotations

import re

__all__ = ["UN_LIST_ID", "UN_REFERENCE", "un_listing", "un_misfit", "un_references"]

UN_LIST_ID = "un-sc"
"""The id of the UN Security Council Consolidated List (``un_xml.LIST_ID``)."""

UN_REFERENCE = re.compile(r"\b[A-Z]{2}[ie]\.\d{3}\b")
"""A UN reference number in a text."""


def un_references(text: str | None) -> tuple[str, ...]:
    """The UN reference numbers a text names, each once, in order."""
    return tuple(dict.fromkeys(UN_REFERENCE.findall(text or "")))


def un_listing(reference: str | None) -> tuple[str, str] | None:
    """The UN list's id of the entry a reference number names, and the words for it; None
    when the text is no UN reference number."""
    text = (reference or "").strip()
    if UN_REFERENCE.fullmatch(text) is None:
        return None
    return f"{UN_LIST_ID}:{text}", f"UN Security Council reference {text}"


_KIND_LETTERS = {"individual": "i", "entity": "e", "vessel": "e", "aircraft": "e"}


def un_misfit(reference: str, kind: str | None) -> str | None:
    """Why a UN reference number cannot be the party's own: it names an entity (``e``) for
    an individual, or an individual (``i``) for an entity, vessel or aircraft; None when
    it fits (or the party's kind is not known)."""
    letter = _KIND_LETTERS.get((kind or "").casefold())
    text = reference.strip()
    if letter is None or len(text) < 3 or text[2] == letter:  # noqa: PLR2004 - "QDi"
        return None
    named = "an individual" if text[2] == "i" else "an entity"
    return f"the UN reference {text} names {named}, but the party is {kind}: not linked"
