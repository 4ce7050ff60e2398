"""``load()``: from paths to a :class:`~sanctions_tracker.tracker.Tracker`.

Paths are fixture files or folders; the bundled fixtures come first unless left out.
Later issues add the official list files (OFAC SDN CSV ...) through the same call.
"""

from __future__ import annotations

import os
from pathlib import Path

from sanctions_tracker.fixtures import BUNDLED, bundled_path, load_fixtures
from sanctions_tracker.tracker import Tracker

__all__ = ["load"]


def load(*paths: str | os.PathLike[str], bundled: bool = True) -> Tracker:
    """Load the bundled fixtures (unless ``bundled=False``) and the given files or folders.

    Every problem in every fixture file is collected and raised as one
    :class:`~sanctions_tracker.FixtureError`; a path that cannot be read raises
    :class:`~sanctions_tracker.SourceError`. Nothing is half-loaded.

    >>> import sanctions_tracker as st
    >>> len(st.load().designations(program="IRAN-EO13876"))
    11
    """
    inputs = [Path(p) for p in paths]
    names: list[str | None] = [None] * len(inputs)
    if bundled:
        inputs.insert(0, bundled_path())
        names.insert(0, BUNDLED)
    fixture_set = load_fixtures(inputs, names)
    return Tracker(
        sources=fixture_set.sources,
        sectors=fixture_set.sectors,
        authorities=fixture_set.authorities,
        programs=fixture_set.programs,
        designations=fixture_set.designations,
        actions=fixture_set.actions,
        advisories=fixture_set.advisories,
        datasets=fixture_set.datasets,
    )
