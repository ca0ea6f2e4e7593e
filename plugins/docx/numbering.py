"""List numbering: Word counts the items itself, in the list's style.

Each combination of counting style and punctuation (``1.``, ``a)``, ``(iv)``)
used in a document gets one abstract numbering definition with nine levels,
indented one step per level.  Each list gets a numbering instance (``w:num``)
of its own, with a start override at its nesting level, so every list starts
at its own first number instead of continuing the previous one.

Numbers a word processor cannot show as the source counts them (Word writes
27 in lower-alpha as ``aa`` and 28 as ``bb``; LibreOffice stores start values
in 16 bits) are written as text instead; :meth:`ListNumbering.instance` says
when.
"""

from __future__ import annotations

import re

from lxml import etree

from convert.model import ListBlock

from .layout import STEP
from .oxml import sub, w

FORMATS = {
    "bullet": "bullet", "decimal": "decimal", "lower-alpha": "lowerLetter",
    "upper-alpha": "upperLetter", "lower-roman": "lowerRoman", "upper-roman": "upperRoman",
}
"""Model list styles and Word's ``w:numFmt`` values."""

LEVELS = 9
"""Word's list levels (``w:ilvl`` 0-8); deeper lists use the last."""

BULLETS = ("\u2022", "\u2013")
"""Bullets by level, alternating: • and –, which the body font has."""

_LAST_COUNTED = {"decimal": 32767, "lower-alpha": 26, "upper-alpha": 26, "lower-roman": 3999, "upper-roman": 3999}
"""The highest number each style is counted the same way everywhere."""

_MARKER = re.compile(r"^([^\w%]{0,3})(?:\d+|[a-zA-Z]+)([^\w%]{0,3})$")
"""A number or letters between at most three punctuation characters: ``(iv)``, ``a)``, ``1.``."""

Key = tuple[str, str, str]
"""(model list style, text before the number, text after it)."""


def base_numbering(root: etree._Element) -> None:
    """Replace the template's numbering by the two definitions the List Bullet
    (``w:numId`` 1) and List Number (2) styles refer to."""
    for child in list(root):
        root.remove(child)
    for num_id, key in ((1, ("bullet", "", "")), (2, ("decimal", "", "."))):
        _abstract_definition(root, num_id - 1, key)
    for num_id in (1, 2):
        sub(sub(root, "num", numId=str(num_id)), "abstractNumId", val=str(num_id - 1))


class ListNumbering:
    """The numbering part of one document, adding definitions as lists need them."""

    def __init__(self, root: etree._Element) -> None:
        self._root = root
        self._definitions: dict[Key, int] = {("bullet", "", ""): 0, ("decimal", "", "."): 1}
        self._next_num = 1 + max(int(num.get(w("numId"))) for num in root.iter(w("num")))

    def instance(self, block: ListBlock, level: int) -> int | None:
        """A new numbering instance for ``block`` nested at ``level``, or None
        when its numbers must be written as text."""
        if block.ordered and not (1 <= block.start and block.start + len(block.items) - 1 <= _LAST_COUNTED[block.style]):
            return None
        key = _key(block)
        abstract_id = self._definitions.get(key)
        if abstract_id is None:
            abstract_id = self._definitions[key] = len(self._definitions)
            definition = _abstract_definition(self._root, abstract_id, key, detached=True)
            # every abstractNum must come before the first num
            self._root.find(w("num")).addprevious(definition)
        num_id, self._next_num = self._next_num, self._next_num + 1
        num = sub(self._root, "num", numId=str(num_id))
        sub(num, "abstractNumId", val=str(abstract_id))
        override = sub(num, "lvlOverride", ilvl=str(min(level, LEVELS - 1)))
        sub(override, "startOverride", val=str(block.start))
        return num_id


def _key(block: ListBlock) -> Key:
    if not block.ordered:
        return ("bullet", "", "")
    marker = next((item.marker for item in block.items if item.marker), None)
    match = _MARKER.match(marker) if marker else None
    return (block.style, match[1], match[2]) if match else (block.style, "", ".")


def _abstract_definition(root: etree._Element, abstract_id: int, key: Key, detached: bool = False) -> etree._Element:
    style, before, after = key
    definition = root.makeelement(w("abstractNum"), {w("abstractNumId"): str(abstract_id)}) if detached \
        else sub(root, "abstractNum", abstractNumId=str(abstract_id))
    # nsid identifies the list definition across copy and paste; fixed, so output is reproducible
    sub(definition, "nsid", val=f"{0x5C0D0000 + abstract_id:08X}")
    sub(definition, "multiLevelType", val="multilevel")
    for level in range(LEVELS):
        lvl = sub(definition, "lvl", ilvl=str(level))
        sub(lvl, "start", val="1")
        sub(lvl, "numFmt", val=FORMATS[style])
        text = BULLETS[level % len(BULLETS)] if style == "bullet" else f"{before}%{level + 1}{after}"
        sub(lvl, "lvlText", val=text)
        sub(lvl, "lvlJc", val="left")
        sub(sub(lvl, "pPr"), "ind", left=str(STEP * (level + 1)), hanging=str(STEP))
    return definition
