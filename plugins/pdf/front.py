"""The front matter: a title page (title, authors, date) without a page
number, then the table of contents on pages of its own."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Iterator, cast

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, NextPageTemplate, PageBreak, Paragraph, Spacer

from convert.model import Document, Heading

from convert.model.labels import contents_title

from .styles import BODY, HEADING
from .toc import TocEntry

if TYPE_CHECKING:
    from .story import Renderer

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")

TITLE_DROP = 150
"""Space above the title on the title page."""
LEVEL_INDENT = 16
"""Indentation of each deeper level of the contents."""
NUMBER_GAP = 5
"""Space between a heading's number and its text in the contents."""


def date_line(modified: str, language: str) -> str:
    """The document's date for the title page: "1 January 2026" in English, ISO 8601 otherwise."""
    try:
        when = datetime.fromisoformat(modified.replace("Z", "+00:00"))
    except ValueError:
        return ""
    if language.split("-")[0].lower() == "en":
        return f"{when.day} {MONTHS[when.month - 1]} {when.year}"
    return when.date().isoformat()


def title_page(renderer: "Renderer", document: Document) -> list[Flowable]:
    meta, styles = document.meta, renderer.styles
    title_line = meta.title_lines[0] if meta.title_lines else None
    story: list[Flowable] = [Spacer(0, TITLE_DROP)]
    story += renderer.text(meta.title, styles.title, title_line, setting=HEADING)
    if meta.authors:
        story += renderer.text(", ".join(meta.authors), styles.byline, None)
    date = date_line(meta.modified, meta.language)
    if date:
        story.append(Paragraph(date, styles.date))
    return story


def contents(renderer: "Renderer", document: Document) -> Iterator[Flowable]:
    """The contents: one entry per heading, numbers hanging in a column per level.

    Entries are made as the layout reaches them, not held all at once."""
    styles, levels = renderer.styles, renderer.levels
    yield from renderer.text(contents_title(document.meta.language), styles.contents, None, setting=HEADING)
    base = styles.toc_entry
    number_columns: dict[int, float] = {}
    for position, level in levels.items():
        number = cast(Heading, document.blocks[position]).number
        if number:
            width = stringWidth(number, base.fontName, base.fontSize) + NUMBER_GAP
            number_columns[level] = max(number_columns.get(level, 0), width)
    entry_styles: dict[tuple[int, bool], ParagraphStyle] = {}
    for position, level in levels.items():
        heading = cast(Heading, document.blocks[position])
        indent = level * LEVEL_INDENT
        right_to_left = renderer.variants.right_to_left(heading.text)
        if (level, right_to_left) not in entry_styles:
            hang = indent + number_columns.get(level, 0)  # at the right of right-to-left text
            entry_styles[level, right_to_left] = ParagraphStyle(
                f"toc{level}{'-rtl' if right_to_left else ''}", parent=base,
                leftIndent=0 if right_to_left else hang, rightIndent=hang if right_to_left else 0)
        markup = renderer.markup(heading.text, BODY, heading.spans, heading.lines[0])
        label = renderer.paragraph(markup, entry_styles[level, right_to_left], heading.text)
        key = renderer.target(position, heading, level).key
        yield TocEntry(heading.number or "", indent, label, key, renderer.numbers, right_to_left)


def front_matter(renderer: "Renderer", document: Document) -> Iterator[Flowable]:
    """The title page, then the contents when there are headings; the body
    starts on a fresh page."""
    yield from title_page(renderer, document)
    if document.blocks:
        yield from (NextPageTemplate("page"), PageBreak())
    if renderer.levels:
        yield from contents(renderer, document)
        yield PageBreak()
