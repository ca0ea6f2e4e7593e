"""Counting list items in each list style: ``3`` is ``c`` in lower-alpha and
``iii`` in lower-roman.  Writers that print numbers themselves (PDF, text)
use :func:`item_number`; formats that count for themselves (EPUB, DOCX) map
:data:`convert.model.LIST_STYLES` to their own names."""

from __future__ import annotations

from convert.model.nodes import ListBlock

_ROMAN = (
    (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
    (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
)


def roman(number: int) -> str:
    """Lower-case Roman numeral (``4`` → ``iv``); beyond 3999 the thousands repeat."""
    if number <= 0:
        return str(number)
    parts = []
    for value, letters in _ROMAN:
        count, number = divmod(number, value)
        parts.append(letters * count)
    return "".join(parts)


def alpha(number: int) -> str:
    """Lower-case letters as spreadsheets count: 1 → a, 26 → z, 27 → aa."""
    if number <= 0:
        return str(number)
    letters = []
    while number:
        number, remainder = divmod(number - 1, 26)
        letters.append(chr(ord("a") + remainder))
    return "".join(reversed(letters))


def item_number(style: str, number: int) -> str:
    """The number of an item counted in ``style``, without punctuation."""
    if style == "decimal":
        return str(number)
    if style == "lower-alpha":
        return alpha(number)
    if style == "upper-alpha":
        return alpha(number).upper()
    if style == "lower-roman":
        return roman(number)
    if style == "upper-roman":
        return roman(number).upper()
    return ""


def item_labels(block: ListBlock, bullet: str = "•") -> list[str]:
    """What to print before each item: the marker as written when the source
    gave one, else the bullet or the number in the list's style with a period."""
    labels = []
    for index, item in enumerate(block.items):
        if item.marker:
            labels.append(item.marker)
        elif block.style == "bullet":
            labels.append(bullet)
        else:
            labels.append(item_number(block.style, block.start + index) + ".")
    return labels
