"""The library's version: the one place it is written (``pyproject.toml`` reads it from
here), so that the code and the version every stamp names cannot disagree, and finding it
costs no look-up of the installed package's metadata (a tenth of a cached answer's time)."""

__version__ = "0.1.0"
