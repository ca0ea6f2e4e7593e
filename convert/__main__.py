"""``python -m convert``: the same as the ``convert`` command."""

from .cli import main

main()
