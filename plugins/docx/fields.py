"""The table of contents: a "Contents" heading, then a ``TOC`` field that
Word and LibreOffice recompute, then a page break.

The field sits in a content control marked as Word's "Table of Contents"
building block, as Word itself writes one.  Its cached result is not a
placeholder sentence but the real entries, as Word would write them: each
heading's label linked to a bookmark on the heading, a tab with a dot leader,
and a ``PAGEREF`` field for the page number.  Word, asked by the document to
update fields on opening, rebuilds the whole table; LibreOffice computes the
``PAGEREF`` fields as it lays the pages out, so the numbers are right even
before its "Update Index".  The entries' look (leaders reaching
right-aligned numbers, hanging indents) lives in the toc 1-3 styles, so the
rebuilt table looks the same.
"""

from __future__ import annotations

from typing import NamedTuple, Sequence

from lxml import etree

from .oxml import field_char, insert_in_order, instruction, new, paragraph_properties, sub, text_run, w
from .styles import TOC, TOC_HEADING, TOC_LEVELS

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


class TocEntry(NamedTuple):
    """A heading as the table of contents lists it."""

    level: int
    text: str
    bookmark: str
    """Name of the bookmark around the heading's text."""


def table_of_contents(anchor: etree._Element, entries: Sequence[TocEntry], title: str) -> etree._Element:
    """The ``w:sdt`` holding the heading and the TOC field, its result pre-filled
    with ``entries``, and a page break after it.

    :param anchor: any element of the document body (for its element classes).
    :param entries: at least one entry.
    """
    sdt, content = contents_frame(anchor, title)
    for index, entry in enumerate(entries):
        contents_entry(content, entry, first=index == 0)
    contents_end(content)
    return sdt


def contents_frame(anchor: etree._Element, title: str) -> tuple[etree._Element, etree._Element]:
    """The ``w:sdt`` of the contents and its ``w:sdtContent``, holding the heading;
    the entries (:func:`contents_entry`) and the end (:func:`contents_end`) follow."""
    sdt = new(anchor, "sdt")
    part = sub(sub(sdt, "sdtPr"), "docPartObj")
    sub(part, "docPartGallery", val="Table of Contents")
    sub(part, "docPartUnique")
    content = sub(sdt, "sdtContent")
    heading = sub(content, "p")
    paragraph_properties(heading, TOC_HEADING)
    text_run(heading, title)
    return sdt, content


def contents_entry(parent: etree._Element, entry: TocEntry, first: bool) -> None:
    """Append an entry's paragraph; the first also begins the TOC field."""
    p = sub(parent, "p")
    paragraph_properties(p, TOC[entry.level - 1])
    if first:
        field_char(p, "begin", dirty=True)
        instruction(p, TOC_INSTRUCTION)
        field_char(p, "separate")
    link = sub(p, "hyperlink", anchor=entry.bookmark, history="1")
    text_run(link, entry.text)
    sub(sub(link, "r"), "tab")
    field_char(link, "begin")
    instruction(link, f"PAGEREF {entry.bookmark} \\h")
    field_char(link, "separate")
    field_char(link, "end")


def contents_end(content: etree._Element) -> None:
    """As Word does it: the field ends in a paragraph of its own, which here
    also holds the page break before the text."""
    end = sub(content, "p")
    field_char(end, "end")
    sub(sub(end, "r"), "br", type="page")


def update_fields_on_open(settings: etree._Element) -> None:
    """Set ``<w:updateFields w:val="true"/>`` in ``w:settings`` so the TOC is rebuilt when opened."""
    element = settings.find(w("updateFields"))
    if element is None:
        element = new(settings, "updateFields")
        insert_in_order(settings, element, _AFTER_UPDATE_FIELDS)
    element.set(w("val"), "true")
