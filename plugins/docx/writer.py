"""The DOCX writer: the model rendered into python-docx's default template.

Each block type has a small renderer in :data:`RENDERERS`; they append
paragraphs through :class:`Body`, which builds WordprocessingML directly
(see :mod:`convert_plugins.docx.oxml` for why).  The title comes first, in the Title
style, followed by the table of contents; headings use Heading 1..9, whose
outline levels feed Word's navigation pane; lists use List Bullet / List
Number, whose numbering definitions draw the bullets and numbers.
"""

from __future__ import annotations

from typing import Any, BinaryIO, Callable

import docx
from docx.document import Document as WordDocument
from lxml import etree

from convert import Context, Document, Heading, ListBlock, Paragraph, SceneBreak
from convert.reproducible import document_datetime

from .fields import TocEntry, table_of_contents, update_fields_on_open
from .oxml import new, numbering, paragraph_properties, sub, text_run, w
from .package import (
    drop_proof_state,
    drop_template_leftovers,
    set_core_properties,
    set_document_id,
    set_page,
    to_bytes,
)
from .styles import TOC_LEVELS, StyleIds, prepare_styles, set_language

SCENE_BREAK_ORNAMENT = "* * *"
"""The text of a scene-break paragraph; its look comes from the "Scene Break" style."""

_OFF = ("0", "false", "no", "off")


class Body:
    """Appends paragraphs to the document body, ahead of its section properties."""

    def __init__(self, word: WordDocument, styles: StyleIds) -> None:
        self.styles = styles
        self.toc: list[TocEntry] = []
        """Headings to list in the table of contents, with their bookmarks."""
        self._element = word.element.body
        self._end = self._element.find(w("sectPr"))
        self._numbering = word.part.numbering_part.element
        self._number_definition = _abstract_numbering(word, styles.number)

    def paragraph(self, style_id: str | None, text: str, num_id: int | None = None) -> etree._Element:
        """Append a paragraph of one run; ``num_id`` makes it a list item."""
        p = self._new_paragraph()
        if style_id is not None or num_id is not None:
            ppr = paragraph_properties(p, style_id)
            if num_id is not None:
                numbering(ppr, num_id)
        text_run(p, text)
        return p

    def heading(self, level: int, text: str) -> None:
        """Append a heading; those in the table of contents get a bookmark it links to."""
        level = max(level, 1)
        p = self._new_paragraph()
        paragraph_properties(p, self.styles.heading(level))
        if level > TOC_LEVELS:
            text_run(p, text)
            return
        ident = len(self.toc)
        name = f"_Toc{ident + 1:09d}"
        sub(p, "bookmarkStart", id=str(ident), name=name)
        text_run(p, text)
        sub(p, "bookmarkEnd", id=str(ident))
        self.toc.append(TocEntry(level, text, name))

    def restarted_numbering(self) -> int:
        """A new instance of the List Number definition, counting from 1 again,
        so that each numbered list starts at 1 rather than continuing the last."""
        num = self._numbering.add_num(self._number_definition)
        num.add_lvlOverride(ilvl=0).add_startOverride(1)
        return num.numId

    def _new_paragraph(self) -> etree._Element:
        if self._end is None:
            return sub(self._element, "p")
        p = new(self._end, "p")
        self._end.addprevious(p)
        return p


def _abstract_numbering(word: WordDocument, style_id: str) -> int:
    """The abstract numbering definition a list style's ``w:numPr`` points to."""
    style = word.styles.element.get_by_id(style_id)
    num_id = int(style.find(f"{w('pPr')}/{w('numPr')}/{w('numId')}").get(w("val")))
    return word.part.numbering_part.element.num_having_numId(num_id).abstractNumId.val


def _heading(block: Heading, body: Body) -> None:
    body.heading(block.level, block.label)


def _paragraph(block: Paragraph, body: Body) -> None:
    body.paragraph(body.styles.normal, block.text)


def _list(block: ListBlock, body: Body) -> None:
    if block.ordered:
        style, num_id = body.styles.number, body.restarted_numbering()
    else:
        # The List Bullet style carries its numbering; nothing to restart.
        style, num_id = body.styles.bullet, None
    for item in block.items:
        body.paragraph(style, item.text, num_id)


def _scene_break(block: SceneBreak, body: Body) -> None:
    body.paragraph(body.styles.scene_break, SCENE_BREAK_ORNAMENT)


RENDERERS: dict[type, Callable[[Any, Body], None]] = {
    Heading: _heading,
    Paragraph: _paragraph,
    ListBlock: _list,
    SceneBreak: _scene_break,
}
"""One renderer per block type of the model."""


def render_block(block: Any, body: Body) -> None:
    """Append one block; a node type without a renderer is an error, never skipped."""
    try:
        renderer = RENDERERS[type(block)]
    except KeyError:
        raise TypeError(f"the DOCX writer cannot render {type(block).__name__} blocks") from None
    renderer(block, body)


def write_docx(document: Document, stream: BinaryIO, context: Context) -> None:
    """Write ``document`` as a DOCX file to ``stream``."""
    when = document_datetime(document)
    word = docx.Document()
    styles = prepare_styles(word)
    set_language(word, document.meta.language)
    set_page(word, document.meta, context)
    body = Body(word, styles)
    title = body.paragraph(styles.title, document.meta.title) if document.meta.title else None
    for block in document.blocks:
        render_block(block, body)
    if body.toc and context.options.get("toc", "").strip().lower() not in _OFF:
        _insert_toc(word, title, table_of_contents(word.element.body, body.toc, styles))
        update_fields_on_open(word)
    set_core_properties(word, document.meta, when)
    set_document_id(word, document.meta.source_sha256)
    drop_template_leftovers(word)
    drop_proof_state(word)
    stream.write(to_bytes(word, when))


def _insert_toc(word: WordDocument, title: etree._Element | None, toc: etree._Element) -> None:
    if title is not None:
        title.addnext(toc)
    else:
        word.element.body.insert(0, toc)
