"""Turning the document model into reportlab flowables (the "story").

Each block type has one small rendering function, looked up in
:data:`RENDERERS`; a block of any other type is an error, never skipped.
Blocks that hold blocks (list items, quotations) render them through
:func:`render_block` again, so nesting works at any depth.
"""

from __future__ import annotations

import contextlib
from typing import Callable, Iterator

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import CondPageBreak, Flowable, Paragraph

from convert.model import Block, Document, Heading, SceneBreak, Span
from convert.model import Paragraph as TextParagraph
from convert.model.labels import SCENE_BREAK_MARK

from .fonts import MissingGlyphs
from .markup import Markup, Setting
from .scripts import Variants
from .styles import BODY, HEADING, TEXT_WIDTH, Styles
from .toc import HeadingParagraph, PageNumbers, Target

CHUNK_CHARS = 4000
"""Paragraphs longer than this are laid out as several chunks (about a page
each), cut between words.  reportlab re-wraps the rest of a paragraph each
time it splits it across a page, which is quadratic for a paragraph of many
pages."""

MAX_INDENT = 0.4 * TEXT_WIDTH
"""Nested lists and quotations indent the text by at most this much in all."""
ORNAMENT_ROOM = 36 + 3 * 15.5
"""Space the ornament needs (itself and three lines of text below it): with
less left on the page it moves to the next one, so it never ends a page."""
HEADING_ROOM = 3 * 15.5
"""Space a heading needs below it (three lines of text), for the same reason.
A page break on a condition, rather than keeping the heading with the whole
next paragraph, leaves no half-empty page before a long paragraph."""


class Renderer:
    """What the rendering functions share: styles, markup and page numbers
    (a plain class, cheaper to create at import than a dataclass)."""

    def __init__(self, styles: Styles, markup: Markup, numbers: PageNumbers,
                 warn: Callable[[str, str, "int | None"], None] = lambda code, message, line: None,
                 variants: Variants | None = None) -> None:
        self.styles = styles
        self.markup = markup
        self.numbers = numbers
        self.levels: dict[int, int] = {}
        """Outline depth of each top-level heading, by block position."""
        self.warn = warn
        self.indent: float = 0
        """How far the enclosing lists and quotations have indented the text."""
        self.variants = variants if variants is not None else Variants(False)
        """Style variants for text that needs shaping or right-to-left ordering."""
        self._joined: dict[str, ParagraphStyle] = {}

    @property
    def missing(self) -> MissingGlyphs:
        return self.markup.missing

    def text(self, text: str, style: ParagraphStyle, line: int | None, spans: tuple[Span, ...] = (),
             setting: Setting = BODY, bullet: str | None = None) -> list[Flowable]:
        """Paragraphs for a text: one, or a chunk per few pages of a huge text."""
        pieces = list(chunks(text, CHUNK_CHARS, spans))
        joined = self._joined_style(style) if len(pieces) > 1 else style
        return [
            self.paragraph(self.markup(piece, setting, piece_spans, line), joined if i < len(pieces) - 1 else style,
                           piece, bulletText=bullet if i == 0 else None)
            for i, (piece, piece_spans) in enumerate(pieces)
        ]

    def paragraph(self, markup: str, style: ParagraphStyle, text: str, cls: type = Paragraph,
                  **options: object) -> Paragraph:
        """A paragraph of markup made from ``text``, shaped and ordered as its script needs."""
        return cls(markup, self.variants.for_text(style, text), **options)

    @contextlib.contextmanager
    def indented(self, left: float, right: float = 0) -> Iterator[tuple[float, float]]:
        """Indent the blocks rendered inside by ``left`` and ``right``, or less
        (down to nothing) once lists and quotations have taken their share of
        the measure: a list nested sixty deep still leaves room for its words.
        Yields the indents granted."""
        room = max(0.0, MAX_INDENT - self.indent)
        granted = (left, right) if left + right <= room else (0.0, 0.0)
        self.indent += granted[0] + granted[1]
        try:
            yield granted
        finally:
            self.indent -= granted[0] + granted[1]

    def _joined_style(self, style: ParagraphStyle) -> ParagraphStyle:
        # the chunks of one paragraph follow each other without a gap
        if style.name not in self._joined:
            self._joined[style.name] = ParagraphStyle(f"{style.name}-joined", parent=style, spaceAfter=0)
        return self._joined[style.name]

    def target(self, position: int, heading: Heading, level: int) -> Target:
        """The bookmark of the heading at a position in the document's blocks."""
        # keyed by position, not text: two headings may read the same
        return Target(f"h{position}", heading.label, level, self.numbers)


def chunks(text: str, limit: int, spans: tuple[Span, ...] = ()) -> Iterator[tuple[str, tuple[Span, ...]]]:
    """Cut text into pieces of at most ``limit`` characters, between words,
    each with the spans over it.

    A word longer than ``limit`` is cut inside: it is wider than a line, and
    reportlab breaks it across lines anyway.
    """
    from .markup import clip

    start = 0
    while len(text) - start > limit:
        cut = max(text.rfind(" ", start + 1, start + limit), text.rfind("\t", start + 1, start + limit))
        end, resume = (start + limit, start + limit) if cut < 0 else (cut, cut + 1)
        yield text[start:end], clip(spans, start, end) if spans else ()
        start = resume
    yield text[start:], clip(spans, start, len(text)) if spans else ()


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


def heading_markup(renderer: Renderer, heading: Heading, setting: Setting) -> str:
    """The heading's label (number and text) as markup, its spans shifted past the number."""
    shift = len(heading.label) - len(heading.text)
    spans = tuple(Span(s.start + shift, s.end + shift, s.kind, s.target) for s in heading.spans)
    return renderer.markup(heading.label, setting, spans, heading.lines[0])


def _heading(renderer: Renderer, block: Heading, position: int | None) -> list[Flowable]:
    level = renderer.levels.get(position, block.level - 1) if position is not None else block.level - 1
    style = renderer.styles.heading_for(level)
    target = renderer.target(position, block, level) if position is not None else None
    room = style.spaceBefore + 2 * style.leading + style.spaceAfter + HEADING_ROOM
    text = heading_markup(renderer, block, HEADING)
    return [CondPageBreak(room), renderer.paragraph(text, style, block.label, HeadingParagraph, target=target)]


def _paragraph(renderer: Renderer, block: TextParagraph, position: int | None) -> list[Flowable]:
    return renderer.text(block.text, renderer.styles.body, block.lines[0], block.spans)


def _scene_break(renderer: Renderer, block: SceneBreak, position: int | None) -> list[Flowable]:
    return [CondPageBreak(ORNAMENT_ROOM), Paragraph(SCENE_BREAK_MARK, renderer.styles.ornament)]


def _renderers() -> dict[type, Callable[..., list[Flowable]]]:
    from convert.model import LineBlock, ListBlock, Quotation, Table, Verbatim

    from . import blocks

    return {
        Heading: _heading,
        TextParagraph: _paragraph,
        Verbatim: blocks.verbatim,
        LineBlock: blocks.line_block,
        ListBlock: blocks.list_block,
        Quotation: blocks.quotation,
        Table: blocks.table,
        SceneBreak: _scene_break,
    }


RENDERERS: dict[type, Callable[..., list[Flowable]]] = _renderers()
"""One rendering function per block type of the model."""


def render_block(renderer: Renderer, block: Block, position: int | None = None) -> list[Flowable]:
    """The flowables of one block; an unknown block type is an error.

    ``position`` is the block's index among the document's top-level blocks
    (None for blocks inside lists and quotations, whose headings get no bookmark).
    """
    try:
        function = RENDERERS[type(block)]
    except KeyError:
        raise TypeError(f"the PDF writer cannot render a {type(block).__name__} block") from None
    return function(renderer, block, position)


def build_story(renderer: Renderer, document: Document) -> Iterator[Flowable]:
    """Every flowable of the document, front matter first, each block's made
    only when the layout reaches it (see :mod:`convert_plugins.pdf.queue`)."""
    from .front import front_matter

    renderer.levels = outline_levels(document)
    yield from front_matter(renderer, document)
    for position, block in enumerate(document.blocks):
        flowables = render_block(renderer, block, position)
        flowables.reverse()
        while flowables:
            # popped, not iterated: a list of ten thousand items lets go of each once it is laid out
            yield flowables.pop()
