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

from convert.model import ListBlock

from .layout import STEP
from .oxml import W_NS, quoted

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


class ListNumbering:
    """The numbering part of one document: the two definitions the List Bullet
    (``w:numId`` 1) and List Number (2) styles refer to, and those lists need."""

    def __init__(self) -> None:
        self._definitions: dict[Key, int] = {}
        self._abstract: list[str] = []
        self._instances: list[str] = []
        for num_id, key in ((1, ("bullet", "", "")), (2, ("decimal", "", "."))):
            self._definitions[key] = len(self._abstract)
            self._abstract.append(_abstract_definition(num_id - 1, key))
            self._instances.append(f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{num_id - 1}"/></w:num>')

    def instance(self, block: ListBlock, level: int) -> int | None:
        """A new numbering instance for ``block`` nested at ``level``, or None
        when its numbers must be written as text."""
        if block.ordered and not (1 <= block.start and block.start + len(block.items) - 1 <= _LAST_COUNTED[block.style]):
            return None
        key = _key(block)
        abstract_id = self._definitions.get(key)
        if abstract_id is None:
            abstract_id = self._definitions[key] = len(self._definitions)
            self._abstract.append(_abstract_definition(abstract_id, key))
        num_id = len(self._instances) + 1
        self._instances.append(
            f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>'
            f'<w:lvlOverride w:ilvl="{min(level, LEVELS - 1)}"><w:startOverride w:val="{block.start}"/>'
            "</w:lvlOverride></w:num>"
        )
        return num_id

    def xml(self) -> str:
        """``w:numbering``, every abstract definition before the first instance (as the schema wants)."""
        return f'<w:numbering xmlns:w="{W_NS}">{"".join(self._abstract)}{"".join(self._instances)}</w:numbering>'


def _key(block: ListBlock) -> Key:
    if not block.ordered:
        return ("bullet", "", "")
    marker = next((item.marker for item in block.items if item.marker), None)
    match = _MARKER.match(marker) if marker else None
    return (block.style, match[1], match[2]) if match else (block.style, "", ".")


def _abstract_definition(abstract_id: int, key: Key) -> str:
    style, before, after = key
    # nsid identifies the list definition across copy and paste; fixed, so output is reproducible
    parts = [f'<w:abstractNum w:abstractNumId="{abstract_id}"><w:nsid w:val="{0x5C0D0000 + abstract_id:08X}"/>'
             '<w:multiLevelType w:val="multilevel"/>']
    for level in range(LEVELS):
        text = BULLETS[level % len(BULLETS)] if style == "bullet" else f"{before}%{level + 1}{after}"
        parts.append(
            f'<w:lvl w:ilvl="{level}"><w:start w:val="1"/><w:numFmt w:val="{FORMATS[style]}"/>'
            f'<w:lvlText w:val="{quoted(text)}"/><w:lvlJc w:val="left"/>'
            f'<w:pPr><w:ind w:left="{STEP * (level + 1)}" w:hanging="{STEP}"/></w:pPr></w:lvl>'
        )
    parts.append("</w:abstractNum>")
    return "".join(parts)
