"""The snapshot cache: parsed lists and screening indices kept on disk between runs.

``sanctions_tracker.load(..., cache=True)`` (or a folder, or a :class:`SnapshotCache`)
reads a load's lists from the cache when its input files have not changed, and stores
them when they are read from the files; the tracker it gives (:class:`SnapshotTracker`)
keeps its screening index there too once built. How it works, what is checked before a
snapshot is read, and what it costs: ``docs/cache.md``.
"""

from sanctions_tracker.cache._store import (
    ENV_FOLDER,
    CacheEntry,
    SnapshotCache,
    SnapshotTracker,
    default_folder,
)

__all__ = ["ENV_FOLDER", "CacheEntry", "SnapshotCache", "SnapshotTracker", "default_folder"]
