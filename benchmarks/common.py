"""What the benchmark scripts share: where the data is, fresh-process timing, the machine."""

from __future__ import annotations

import csv
import gzip
import io
import json
import os
import platform
import subprocess
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
"""The real list files, beside the repository (never copied into it)."""


def machine() -> str:
    """One line that says where the figures were measured."""
    cpu = platform.processor() or platform.machine()
    return f"machine: {os.cpu_count()} cores, {cpu}, Python {platform.python_version()}"


def in_fresh_process(code: str, *args: str, source: Path | None = None) -> dict[str, float]:
    """Run ``code`` in a new interpreter (nothing cached from earlier runs); its JSON output.

    ``source``, a folder holding another version's ``sanctions_tracker`` package (``src/``
    of ``git archive <commit> src fixtures``), is imported instead of this one's."""
    if source is not None:
        code = f"import sys; sys.path.insert(0, {str(source)!r})\n{code}"
    done = subprocess.run(
        [sys.executable, "-c", code, *args], check=True, capture_output=True, text=True
    )
    result: dict[str, float] = json.loads(done.stdout)
    return result


def decompressed(path: Path) -> str:
    """A file's text, gunzipped if need be."""
    data = path.read_bytes()
    return (gzip.decompress(data) if path.suffix == ".gz" else data).decode("utf-8")


def rows(text: str) -> list[list[str]]:
    """Every row of a CSV text, kept (for baselines that compare rows)."""
    return list(csv.reader(io.StringIO(text)))


def bare_pass(text: str) -> int:
    """A bare csv.reader pass that keeps nothing: the loading benchmark's baseline."""
    count = 0
    for _row in csv.reader(io.StringIO(text)):
        count += 1
    return count
