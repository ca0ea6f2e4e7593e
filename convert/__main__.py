"""``python -m convert``: the same as the ``convert`` command."""

from convert.cli import main

main()
