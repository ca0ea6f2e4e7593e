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

from typing import NamedTuple

from .oxml import WordParagraph, field_char, instruction, paragraph_properties, quoted, run, text_content, text_run
from .styles import TOC, TOC_HEADING, TOC_LEVELS

TOC_INSTRUCTION = f'TOC \\o "1-{TOC_LEVELS}" \\h \\z \\u'
"""Headings 1-3 (``\\o``) and outline-level paragraphs (``\\u``), as hyperlinks
(``\\h``), without page numbers in web layout (``\\z``)."""

CONTENTS_START = ('<w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/><w:docPartUnique/>'
                  "</w:docPartObj></w:sdtPr><w:sdtContent>")
"""The content control around the contents, up to its first paragraph."""
CONTENTS_END = "</w:sdtContent></w:sdt>"


class TocEntry(NamedTuple):
    """A heading as the table of contents lists it."""

    level: int
    text: str
    bookmark: str
    """Name of the bookmark around the heading's text."""


def contents_heading(title: str) -> WordParagraph:
    """The heading of the contents, its first paragraph (after :data:`CONTENTS_START`);
    the entries (:func:`contents_entry`) and the end (:func:`contents_end`) follow."""
    heading = WordParagraph(TOC_HEADING, paragraph_properties(TOC_HEADING))
    text_run(heading, title)
    return heading


def contents_entry(entry: TocEntry, first: bool) -> WordParagraph:
    """An entry's paragraph; the first also begins the TOC field."""
    p = WordParagraph(TOC[entry.level - 1], paragraph_properties(TOC[entry.level - 1]))
    if first:
        p.add(field_char("begin", dirty=True) + instruction(TOC_INSTRUCTION) + field_char("separate"))
    page = instruction(f"PAGEREF {entry.bookmark} \\h")
    p.add(
        f'<w:hyperlink w:anchor="{quoted(entry.bookmark)}" w:history="1">{run(text_content(entry.text))}'
        f'<w:r><w:tab/></w:r>{field_char("begin")}{page}{field_char("separate")}{field_char("end")}</w:hyperlink>',
        entry.text + "\t",
    )
    return p


def contents_end() -> WordParagraph:
    """As Word does it: the field ends in a paragraph of its own, which here
    also holds the page break before the text."""
    end = WordParagraph()
    end.add(field_char("end"))
    end.add('<w:r><w:br w:type="page"/></w:r>', "\n")
    end.page_break = True
    return end
