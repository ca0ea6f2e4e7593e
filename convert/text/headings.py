"""Heading numbers as the plain-text grammar reads them, for every reader.

``3. Layoffs`` has the number ``3.`` and the text ``Layoffs``; ``1.2 Scope``
has ``1.2`` at level 2.  A reader that finds a heading (a Markdown ``#``
line, a wiki ``= ... =`` line) splits its number off with
:func:`parse_heading_number`, so that ``Heading.number`` and
``Heading.label`` mean the same thing whichever reader made them.
"""

from __future__ import annotations

import re
from typing import NamedTuple
from convert.text.patterns import lazy_compile

MAX_LEVEL = 6
"""Heading levels run from 1 to 6 (HTML, EPUB and Word have six)."""

# The grammar's numbered (``3.``) and decimal (``1.2``, ``1.2.``) markers:
# one to three digits per part, a single number needs its period.
_NUMBERED = lazy_compile(r"(\d{1,3}\.|\d{1,3}(?:\.\d{1,3})+\.?)[ \t]+(\S.*)", re.DOTALL)


class NumberedHeading(NamedTuple):
    """A heading's text split into its number and its words."""

    number: str | None
    """The number exactly as written, with its punctuation (``"3."``, ``"1.2"``), or None."""
    text: str
    """The words after the number (the whole text when there is no number)."""
    level: int
    """The depth the number implies: 1 for ``3.`` or no number, 2 for ``1.2``, at most 6."""


def parse_heading_number(text: str) -> NumberedHeading:
    """Split a heading's leading number from its words.

    >>> parse_heading_number("3. Layoffs by US firms")
    NumberedHeading(number='3.', text='Layoffs by US firms', level=1)
    >>> parse_heading_number("1.2 Scope")
    NumberedHeading(number='1.2', text='Scope', level=2)
    >>> parse_heading_number("Introduction")
    NumberedHeading(number=None, text='Introduction', level=1)
    """
    stripped = text.strip()
    match = _NUMBERED.fullmatch(stripped)
    if match is None:
        return NumberedHeading(None, stripped, 1)
    number = match[1]
    return NumberedHeading(number, match[2], min(number.rstrip(".").count(".") + 1, MAX_LEVEL))
