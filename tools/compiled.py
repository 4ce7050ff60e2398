"""Build, check or remove the optional compiled screening core, in place.

Usage (the Makefile's ``compiled`` and ``pure`` targets run it)::

    .venv/bin/python tools/compiled.py build    # compile the modules below with mypyc
    .venv/bin/python tools/compiled.py check    # fail if a compiled module is older than its source
    .venv/bin/python tools/compiled.py remove   # back to pure Python
    .venv/bin/python tools/compiled.py status   # print which build is in use

The modules are compiled together, with mypyc (from the ``compiled`` extra), into C
extensions written beside their sources in ``src/sanctions_tracker/screening``: Python
imports an extension before a source file of the same name, so an editable install uses
them at once, and removing them brings the pure-Python modules back. The sources are not
changed: the compiled build gives the same results as the pure one, faster
(docs/screening.md, "A compiled build").
"""

from __future__ import annotations

import argparse
import importlib.machinery
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCREENING = ROOT / "src" / "sanctions_tracker" / "screening"
PACKAGE = "sanctions_tracker.screening"
MODULES = ("_arabic", "_normalise", "_compare", "_screener")
"""The screening core: a query's normalising, the comparison of words and the index."""
GROUP = f"{PACKAGE}._native"
"""The name of the shared library that holds the compiled code of all the modules (its
shims, one per module, load it): inside the package, so that nothing lands at the top."""


def built() -> list[Path]:
    """The compiled files now in the package (the modules' extensions and their library)."""
    found: list[Path] = []
    for suffix in importlib.machinery.EXTENSION_SUFFIXES:
        for name in (*MODULES, "_native__mypyc"):
            path = SCREENING / f"{name}{suffix}"
            if path.exists():
                found.append(path)
    return found


def remove() -> int:
    """Remove the compiled files: the pure-Python modules are used again."""
    for path in built():
        path.unlink()
        print(f"removed {path.relative_to(ROOT)}")
    print("the pure-Python screening core is in use")
    return 0


def stale() -> list[str]:
    """The modules whose source changed after they were compiled (or that are missing
    from a compiled build): their extension would hide the change."""
    files = built()
    if not files:
        return []
    oldest = min(path.stat().st_mtime for path in files)
    compiled = {path.name.split(".", 1)[0] for path in files}
    return [
        name
        for name in MODULES
        if name not in compiled or (SCREENING / f"{name}.py").stat().st_mtime > oldest
    ]


def check() -> int:
    """Fail, saying what to do, if the compiled build no longer matches the sources."""
    found = stale()
    if found:
        print(
            f"the compiled screening core is older than its source ({', '.join(found)}): "
            "run `make compiled` to rebuild it or `make pure` to remove it",
            file=sys.stderr,
        )
        return 1
    return 0


def build() -> int:
    """Compile the modules together, in place; the C sources go to a temporary folder."""
    try:
        from mypyc.build import mypycify  # noqa: PLC0415 - in the `compiled` extra only
        from setuptools import Distribution  # noqa: PLC0415 - in the `compiled` extra only
    except ImportError as error:
        print(f"cannot compile: {error} (install the `compiled` extra)", file=sys.stderr)
        return 1
    remove()
    sources = [str((SCREENING / f"{name}.py").relative_to(ROOT)) for name in MODULES]
    with tempfile.TemporaryDirectory() as folder:
        extensions = mypycify(sources, opt_level="3", group_name=GROUP, target_dir=folder)
        arguments = ["build_ext", "--inplace", "--build-temp", f"{folder}/temp"]
        arguments += ["--build-lib", f"{folder}/lib"]
        distribution = Distribution(
            {"ext_modules": extensions, "package_dir": {"": "src"}, "script_args": arguments}
        )
        distribution.parse_command_line()
        distribution.run_commands()
    print(f"compiled {', '.join(MODULES)} into {SCREENING.relative_to(ROOT)}")
    return 0


def status() -> int:
    """Print which build of the screening core a fresh import uses."""
    files = built()
    if not files:
        print("pure Python")
    elif stale():
        print("compiled, but older than its source: run `make compiled` or `make pure`")
    else:
        print("compiled (mypyc)")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run the command given."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=("build", "check", "remove", "status"))
    args = parser.parse_args(argv)
    commands = {"build": build, "check": check, "remove": remove, "status": status}
    return commands[args.command]()


if __name__ == "__main__":
    sys.exit(main())
