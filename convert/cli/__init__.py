"""The ``convert`` command line: options in ``command``; what it prints for
``--inspect`` (``outline``) and ``--list-formats`` / ``--list-plugins``
(``listing``); the common ``convert INPUT --to FORMAT`` without click
(``simple``)."""

import gc
import sys


def main() -> None:
    """Entry point of the ``convert`` console script."""
    try:
        from convert.cli.simple import run_simple, simple_arguments

        found = simple_arguments(sys.argv[1:])
        if found is not None:
            run_simple(found)
        from convert.cli.command import main as click_main

        click_main()
    finally:
        # The process is about to end: frozen objects are left out of the
        # interpreter's last garbage collection, which would otherwise walk
        # every object still alive (a tenth of a short conversion's time).
        # Objects are still released and exit handlers still run.
        gc.freeze()


__all__ = ["main"]
