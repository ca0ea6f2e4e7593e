"""The table of contents: a ``TOC`` field Word and LibreOffice recompute.

The field sits in a content control marked as Word's "Table of Contents"
building block, as Word itself writes one.  Its cached result is not a
placeholder sentence but the real entries, each heading's label linked to a
bookmark on the heading, so the table reads correctly, in any language, in
viewers that never update fields.  Page numbers are unknown until layout, so
the entries have none: Word, asked by the document to update fields on
opening, rebuilds the table with page numbers, and so does LibreOffice's
"Update Index".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from docx.document import Document as WordDocument
from lxml import etree

from .oxml import field_char, insert_in_order, instruction, new, paragraph_properties, sub, text_run, w
from .styles import TOC_LEVELS, StyleIds

TOC_INSTRUCTION = f'TOC \\o "1-{TOC_LEVELS}" \\h \\z \\u'
"""Headings 1-3 (``\\o``) and outline-level paragraphs (``\\u``), as hyperlinks
(``\\h``), without page numbers in web layout (``\\z``)."""

# w:settings children that the schema places after w:updateFields.
_AFTER_UPDATE_FIELDS = (
    "hdrShapeDefaults", "footnotePr", "endnotePr", "compat", "docVars", "rsids", "attachedSchema",
    "themeFontLang", "clrSchemeMapping", "doNotIncludeSubdocsInStats", "doNotAutoCompressPictures",
    "forceUpgrade", "captions", "readModeInkLockDown", "smartTagType", "shapeDefaults",
    "doNotEmbedSmartTags", "decimalSymbol", "listSeparator",
)


@dataclass(frozen=True)
class TocEntry:
    """A heading as the table of contents lists it."""

    level: int
    text: str
    bookmark: str
    """Name of the bookmark around the heading's text."""


def table_of_contents(anchor: etree._Element, entries: Sequence[TocEntry], styles: StyleIds) -> etree._Element:
    """The ``w:sdt`` holding the TOC field, its result pre-filled with ``entries``.

    :param anchor: any element of the document body (for its element classes).
    :param entries: at least one entry.
    """
    sdt = new(anchor, "sdt")
    part = sub(sub(sdt, "sdtPr"), "docPartObj")
    sub(part, "docPartGallery", val="Table of Contents")
    sub(part, "docPartUnique")
    content = sub(sdt, "sdtContent")
    for index, entry in enumerate(entries):
        p = sub(content, "p")
        paragraph_properties(p, styles.toc[entry.level - 1])
        if index == 0:
            field_char(p, "begin", dirty=True)
            instruction(p, TOC_INSTRUCTION)
            field_char(p, "separate")
        text_run(sub(p, "hyperlink", anchor=entry.bookmark, history="1"), entry.text)
    # As Word does it: the field ends in a paragraph of its own, which also
    # separates the table from the text that follows.
    field_char(sub(content, "p"), "end")
    return sdt


def update_fields_on_open(document: WordDocument) -> None:
    """Set ``<w:updateFields w:val="true"/>`` so the TOC is rebuilt when opened."""
    settings = document.settings.element
    element = settings.find(w("updateFields"))
    if element is None:
        element = new(settings, "updateFields")
        insert_in_order(settings, element, _AFTER_UPDATE_FIELDS)
    element.set(w("val"), "true")
