"""``python -m sanctions_tracker``: the command-line tool (see ``docs/cli.md``)."""

from sanctions_tracker.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
