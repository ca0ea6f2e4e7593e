"""Turning the document model into reportlab flowables (the "story").

Each block type has one small rendering function, looked up in
:data:`RENDERERS`; a block of any other type is an error, never skipped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterator, cast

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, ListFlowable, ListItem, PageBreak, Paragraph

from convert.model import Block, Document, Heading, ListBlock, SceneBreak
from convert.model import Paragraph as TextParagraph

from .fonts import Face, MissingGlyphs, markup
from .styles import SCENE_BREAK_ORNAMENT, TOC_NUMBER_WIDTH, Styles
from .toc import HeadingParagraph, PageNumbers, Target, TocEntry

CHUNK_CHARS = 4000
"""Paragraphs longer than this are laid out as several chunks (about a page
each), cut between words.  reportlab re-wraps the rest of a paragraph each
time it splits it across a page, which is quadratic for a paragraph of many
pages."""

CONTENTS_TITLES = {
    "de": "Inhalt", "es": "Índice", "fr": "Table des matières", "it": "Indice",
    "nl": "Inhoud", "pt": "Sumário", "tr": "İçindekiler",
}
"""The title of the contents in a few languages; English otherwise."""


@dataclass
class Renderer:
    """What the rendering functions share: styles, fonts and page numbers."""

    styles: Styles
    body_fonts: tuple[Face, ...]
    heading_fonts: tuple[Face, ...]
    missing: MissingGlyphs
    numbers: PageNumbers
    _joined: dict[str, ParagraphStyle] = field(default_factory=dict)

    def text(
        self, text: str, style: ParagraphStyle, line: int | None, fonts: tuple[Face, ...] = ()
    ) -> list[Flowable]:
        """Paragraphs for a text: one, or a chunk per few pages of a huge text."""
        fonts = fonts or self.body_fonts
        pieces = list(chunks(text, CHUNK_CHARS))
        joined = self._joined_style(style) if len(pieces) > 1 else style
        return [
            Paragraph(markup(piece, fonts, self.missing, line), joined if i < len(pieces) - 1 else style)
            for i, piece in enumerate(pieces)
        ]

    def _joined_style(self, style: ParagraphStyle) -> ParagraphStyle:
        # the chunks of one paragraph follow each other without a gap
        if style.name not in self._joined:
            self._joined[style.name] = ParagraphStyle(f"{style.name}-joined", parent=style, spaceAfter=0)
        return self._joined[style.name]

    def target(self, position: int, heading: Heading, level: int) -> Target:
        """The bookmark of the heading at a position in the document's blocks."""
        # keyed by position, not text: two headings may read the same
        return Target(f"h{position}", heading.label, level, self.numbers)


def chunks(text: str, limit: int) -> Iterator[str]:
    """Cut text into pieces of at most ``limit`` characters, between words.

    A word longer than ``limit`` is cut inside: it is wider than a line, and
    reportlab breaks it across lines anyway.
    """
    start = 0
    while len(text) - start > limit:
        cut = max(text.rfind(" ", start + 1, start + limit), text.rfind("\t", start + 1, start + limit))
        if cut < 0:
            yield text[start:start + limit]
            start += limit
        else:
            yield text[start:cut]
            start = cut + 1
    yield text[start:]


def outline_levels(document: Document) -> dict[int, int]:
    """Outline depth (0 = top) of each heading, by block position.

    PDF outlines cannot skip a level, so a heading may go at most one level
    deeper than the heading before it.
    """
    levels: dict[int, int] = {}
    previous = -1
    for position, block in enumerate(document.blocks):
        if isinstance(block, Heading):
            previous = max(0, min(block.level - 1, previous + 1))
            levels[position] = previous
    return levels


def _heading(renderer: Renderer, block: Heading, position: int, level: int) -> list[Flowable]:
    text = markup(block.label, renderer.heading_fonts, renderer.missing, block.lines[0])
    return [HeadingParagraph(text, renderer.styles.heading, target=renderer.target(position, block, level))]


def _paragraph(renderer: Renderer, block: TextParagraph, position: int, level: int) -> list[Flowable]:
    return renderer.text(block.text, renderer.styles.body, block.lines[0])


def _list(renderer: Renderer, block: ListBlock, position: int, level: int) -> list[Flowable]:
    style = renderer.styles.list_item
    items = [ListItem(renderer.text(item.text, style, item.lines[0])) for item in block.items]
    if block.ordered:
        return [ListFlowable(items, style=renderer.styles.bullets, bulletType="1", bulletFormat="%s.")]
    return [ListFlowable(items, style=renderer.styles.bullets, bulletType="bullet", start="\u2022")]


def _scene_break(renderer: Renderer, block: SceneBreak, position: int, level: int) -> list[Flowable]:
    return [Paragraph(SCENE_BREAK_ORNAMENT, renderer.styles.ornament)]


RENDERERS: dict[type, Callable[..., list[Flowable]]] = {
    Heading: _heading,
    TextParagraph: _paragraph,
    ListBlock: _list,
    SceneBreak: _scene_break,
}
"""One rendering function per block type of the model."""


def render_block(renderer: Renderer, block: Block, position: int, level: int) -> list[Flowable]:
    """The flowables of one block; an unknown block type is an error."""
    try:
        function = RENDERERS[type(block)]
    except KeyError:
        raise TypeError(f"the PDF writer cannot render a {type(block).__name__} block") from None
    return function(renderer, block, position, level)


def front_matter(renderer: Renderer, document: Document, levels: dict[int, int]) -> list[Flowable]:
    """The title block, the authors and the table of contents."""
    meta, styles = document.meta, renderer.styles
    title_line = meta.title_lines[0] if meta.title_lines else None
    story: list[Flowable] = renderer.text(meta.title, styles.title, title_line, renderer.heading_fonts)
    if meta.authors:
        story += renderer.text(", ".join(meta.authors), styles.byline, None)
    if not levels:
        return story
    contents = CONTENTS_TITLES.get(meta.language.split("-")[0].lower(), "Contents")
    story.append(Paragraph(contents, styles.contents))
    for position, level in levels.items():
        heading = cast(Heading, document.blocks[position])
        text = markup(heading.label, renderer.body_fonts, renderer.missing, heading.lines[0])
        label = Paragraph(text, styles.toc_level(level))
        story.append(TocEntry(label, renderer.target(position, heading, level).key, TOC_NUMBER_WIDTH))
    story.append(PageBreak())
    return story


def build_story(renderer: Renderer, document: Document) -> list[Flowable]:
    """Every flowable of the document, front matter first."""
    levels = outline_levels(document)
    story = front_matter(renderer, document, levels)
    for position, block in enumerate(document.blocks):
        story += render_block(renderer, block, position, levels.get(position, 0))
    return story
