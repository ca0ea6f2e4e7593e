"""The ``convert`` command line: options in ``command``; what it prints for
``--inspect`` (``outline``) and ``--list-formats`` / ``--list-plugins``
(``listing``)."""

from convert.cli.command import main

__all__ = ["main"]
