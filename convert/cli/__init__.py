"""The ``convert`` command line: options in ``command``; what it prints for
``--inspect`` (``outline``) and ``--list-formats`` / ``--list-plugins``
(``listing``); the common ``convert INPUT --to FORMAT`` without click
(``simple``)."""

import sys


def main() -> None:
    """Entry point of the ``convert`` console script."""
    from convert.cli.simple import run_simple, simple_arguments

    found = simple_arguments(sys.argv[1:])
    if found is not None:
        run_simple(found)
    from convert.cli.command import main as click_main

    click_main()


__all__ = ["main"]
