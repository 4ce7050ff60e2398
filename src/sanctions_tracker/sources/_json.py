"""JSON read safely: every fault of a hostile document is one ValueError with its place.

``json.loads`` raises ``JSONDecodeError`` (a ValueError, with a line) for bad syntax, but a
``RecursionError`` for arrays or objects nested a thousand deep and a plain ValueError
(without a place, with advice for programmers) for an integer of more digits than Python
converts (4,300 by default). :func:`loads` gives each as a :class:`JsonError` that says
what is wrong and where.
"""

from __future__ import annotations

import json
import re
import sys
from typing import Any

__all__ = ["JsonError", "loads"]

_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"?|[\[\]{}]|-?\d+')


class JsonError(ValueError):
    """A JSON text that cannot be read: ``msg`` says why, ``lineno`` and ``colno`` where."""

    def __init__(self, msg: str, text: str, position: int) -> None:
        self.msg = msg
        self.lineno = text.count("\n", 0, position) + 1
        self.colno = position - text.rfind("\n", 0, position)
        super().__init__(f"{msg}: line {self.lineno} column {self.colno}")


def _deepest(text: str) -> tuple[int, int]:
    """How deep arrays and objects nest in ``text``, and where they are deepest."""
    depth = deepest = where = 0
    for token in _TOKENS.finditer(text):
        found = token.group()
        if found in "[{":
            depth += 1
            if depth > deepest:
                deepest, where = depth, token.start()
        elif found in "]}":
            depth -= 1
    return deepest, where


def _longest_number(text: str, limit: int) -> int:
    """Where the first number of more than ``limit`` digits starts (outside strings)."""
    for token in _TOKENS.finditer(text):
        found = token.group()
        if not found.startswith('"') and len(found.lstrip("-")) > limit:
            return token.start()
    return 0


def loads(text: str) -> Any:
    """The JSON value of ``text``; JsonError (a ValueError) for anything that is no
    JSON Python can read, with its line and column."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise JsonError(f"invalid JSON: {error.msg}", text, error.pos) from None
    except RecursionError:
        depth, where = _deepest(text)
        msg = f"invalid JSON: arrays and objects nested {depth:,} deep, too deep to read"
        raise JsonError(msg, text, where) from None
    except ValueError:  # an integer of more digits than int() converts
        limit = sys.get_int_max_str_digits() or 4300
        where = _longest_number(text, limit)
        msg = f"invalid JSON: a number of more than {limit:,} digits"
        raise JsonError(msg, text, where) from None
