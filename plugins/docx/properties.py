"""Document properties: ``docProps/core.xml`` (title, authors, dates) and
``docProps/app.xml`` (the application and the document's statistics).

Core properties are limited to 255 characters each (python-docx refuses
longer ones, and so does Word's dialog); longer values — a long title,
twenty authors — are cut at a character boundary with an ellipsis.  The full
title is still the first paragraph of the document.
"""

from __future__ import annotations

import math
from array import array
import unicodedata
from datetime import datetime
from typing import NamedTuple

from convert import Meta, __version__

from .layout import BODY_SIZE, BOTTOM_MARGIN, LINE, PARAGRAPH_AFTER, TEXT_WIDTH, TOP_MARGIN
from .oxml import WordParagraph, escaped
from .package import WordPackage

CORE_PROPERTY_LIMIT = 255
"""The most characters python-docx accepts in one core property."""

APPLICATION = f"convert {__version__}"

_AVERAGE_CHARACTER = 0.477
"""Average advance of a character of running text in Noto Serif, in ems."""
CHARACTERS_PER_LINE = round(TEXT_WIDTH / (_AVERAGE_CHARACTER * BODY_SIZE * 10))
"""About 69: the measure, used to estimate lines and pages."""
_LINE_HEIGHT = 1.362
"""Noto Serif's and Noto Sans's line height (ascent plus descent), in ems."""
_BODY = (BODY_SIZE, LINE, PARAGRAPH_AFTER)
_LOOKS = {
    # style id: (size in half-points, line spacing in 240ths, space before plus after in twips)
    "Title": (48, 240, 360), "TOCHeading": (32, 240, 240), "SceneBreak": (28, LINE, 480),
    "Heading1": (32, 240, 640), "Heading2": (28, 240, 480), "Heading3": (24, 240, 360),
    "SourceCode": (18, 240, 240), "Verse": (BODY_SIZE, LINE, 240), "TableContents": (BODY_SIZE, 240, 80),
    "TableHeading": (BODY_SIZE, 240, 80),
}
"""How tall each style's lines and gaps are, to estimate pages; body text otherwise."""


def fit(value: str) -> str:
    """``value`` cut to :data:`CORE_PROPERTY_LIMIT` characters, ending in "…"
    when cut; never between a character and its combining marks."""
    if len(value) <= CORE_PROPERTY_LIMIT:
        return value
    cut = CORE_PROPERTY_LIMIT - 1
    while cut > 0 and unicodedata.combining(value[cut]):
        cut -= 1
    return value[:cut] + "…"


_CORE_START = (
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"'
    ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"'
    ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
)


def set_core_properties(package: WordPackage, meta: Meta, when: datetime) -> None:
    """Write docProps/core.xml from the model."""
    fields = (
        ("dc:title", meta.title), ("dc:creator", "; ".join(meta.authors)), ("dc:language", meta.language),
        ("dc:subject", meta.get("subject", "")), ("cp:keywords", meta.get("keywords", "")),
        ("dc:description", meta.get("description", "")), ("cp:category", meta.get("category", "")),
        ("cp:lastModifiedBy", ""),
    )
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    package.core = (
        _CORE_START
        + "".join(f"<{name}>{escaped(fit(value or ''))}</{name}>" for name, value in fields)
        + "".join(f'<dcterms:{name} xsi:type="dcterms:W3CDTF">{stamp}</dcterms:{name}>'
                  for name in ("created", "modified"))
        + "<cp:revision>1</cp:revision></cp:coreProperties>"
    )


class Statistics(NamedTuple):
    """What Word shows under File > Properties > Statistics.

    Words, characters and paragraphs are exact counts of the body's text (the
    title, the contents, every block): words are whitespace-separated,
    ``characters`` leaves whitespace out, and only paragraphs with text
    count.  Lines and pages depend on the layout, which only a word processor
    does; they are estimated from the measure (:data:`CHARACTERS_PER_LINE`)
    and the page's height, and Word recomputes them when it saves.
    """

    pages: int
    words: int
    characters: int
    characters_with_spaces: int
    paragraphs: int
    lines: int


_PAGE_BREAK = -1.0
"""Marks a page break among the heights of :class:`TextCounter` (a height is never negative)."""


class TextCounter:
    """:class:`Statistics` of paragraphs counted part by part, so that a body
    written out in parts need not be kept whole.  Pages depend on the order
    of paragraphs and page breaks: the counter keeps each paragraph's height
    (eight bytes each), and parts counted separately are joined in document
    order with :meth:`extend` before :meth:`result`."""

    def __init__(self) -> None:
        self.words = self.characters = self.with_spaces = self.paragraphs = self.lines = 0
        self._steps = array("d")

    def add(self, p: WordParagraph) -> None:
        """Count one paragraph (paragraphs are counted in document order)."""
        text = "".join(p.text)
        if text.strip():
            self.paragraphs += 1
            text_words = text.split()
            self.words += len(text_words)
            self.with_spaces += len(text)
            self.characters += sum(map(len, text_words))
            paragraph_lines = sum(max(1, math.ceil(len(line) / CHARACTERS_PER_LINE)) for line in text.split("\n"))
            self.lines += paragraph_lines
            size, spacing, gaps = _LOOKS.get(p.style or "", _BODY)
            self._steps.append(paragraph_lines * size * 10 * _LINE_HEIGHT * spacing / 240 + gaps)
        if p.page_break:
            self._steps.append(_PAGE_BREAK)

    def extend(self, later: "TextCounter") -> None:
        """Append the counts of the paragraphs that follow these."""
        self.words += later.words
        self.characters += later.characters
        self.with_spaces += later.with_spaces
        self.paragraphs += later.paragraphs
        self.lines += later.lines
        self._steps.extend(later._steps)

    def result(self, page_height: int) -> Statistics:
        """The statistics, pages estimated for pages ``page_height`` twips high."""
        pages, height = 0, 0.0
        text_height = page_height - TOP_MARGIN - BOTTOM_MARGIN
        for step in self._steps:
            if step == _PAGE_BREAK:
                pages, height = pages + max(1, math.ceil(height / text_height)), 0
            else:
                height += step
        pages += math.ceil(height / text_height)
        return Statistics(max(pages, 1), self.words, self.characters, self.with_spaces, self.paragraphs, self.lines)


def set_app_properties(package: WordPackage, counts: Statistics) -> None:
    """Replace the template's empty docProps/app.xml with one naming convert
    and giving this document's statistics."""
    fields = (
        ("Application", escaped(APPLICATION)), ("Pages", counts.pages), ("Words", counts.words),
        ("Characters", counts.characters), ("Lines", counts.lines), ("Paragraphs", counts.paragraphs),
        ("CharactersWithSpaces", counts.characters_with_spaces), ("DocSecurity", 0), ("ScaleCrop", "false"),
        ("LinksUpToDate", "false"), ("SharedDoc", "false"), ("HyperlinksChanged", "false"),
    )
    xml = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
        'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        + "".join(f"<{name}>{value}</{name}>" for name, value in fields)
        + "</Properties>"
    )
    package.app = xml
