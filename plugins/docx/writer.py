"""The DOCX writer: the model rendered into the house template.

Each block type has a small renderer in :data:`RENDERERS`; they append to
:class:`Body`, which builds WordprocessingML directly (see
:mod:`convert_plugins.docx.oxml` for why).  The title comes first, in the
Title style, then the contents (a "Contents" heading, the TOC field and a
page break), then the text.  Headings use Heading 1..9, whose outline levels
feed Word's navigation pane; verbatim text is set in Source Code, line blocks
in Verse, quotations in Quote, lists in List Bullet / List Number with a
numbering instance of their own.  Content nested in list items and
quotations renders recursively, each level indented further (see
:class:`Frame`).
"""

from __future__ import annotations

from dataclasses import replace
from itertools import chain
from typing import Any, BinaryIO, Callable, Iterable, Iterator, NamedTuple

from convert import Context, Document, Heading, LineBlock, ListBlock, Paragraph, Quotation, SceneBreak, Table, Verbatim
from convert.model.numbering import item_labels
from convert.reproducible import document_datetime

from . import styles
from convert.model.labels import SCENE_BREAK_MARK, contents_title
from convert.model.languages import is_right_to_left

from .fields import CONTENTS_END, CONTENTS_START, TocEntry, contents_end, contents_entry, contents_heading
from .inline import add_inline
from .layout import MAX_INDENT, PARAGRAPH_AFTER, STEP
from .oxml import Indent, WordParagraph, own_direction, paragraph_properties, text_run
from .package import WordPackage, set_page
from .properties import TextCounter, set_app_properties, set_core_properties
from .spool import Block, Spool
from .tables import WordTable, table_element


_OFF = ("0", "false", "no", "off")


class Frame(NamedTuple):
    """Where blocks are being rendered: at the top level, or inside list items
    and quotations."""

    indent: int = 0
    """Left indentation of the text, in twips (0 at the top level)."""
    list_level: int = 0
    """The ``w:ilvl`` of a list started here."""
    paragraph_style: str | None = None
    """The style of a paragraph here: Normal (None), Quote, or List Continue."""

    def deeper(self, **changes: Any) -> "Frame":
        """The frame one level in: indented one step more, up to :data:`MAX_INDENT`."""
        return self._replace(indent=min(self.indent + STEP, MAX_INDENT), **changes)


TOP = Frame()


class Body:
    """Appends paragraphs and tables to the document body."""

    def __init__(self, package: WordPackage, right_to_left: bool = False) -> None:
        self.right_to_left = right_to_left
        """The document's direction, which the styles give every paragraph."""
        self.toc: list[TocEntry] = []
        """Headings to list in the table of contents, with their bookmarks."""
        self.numbering = package.numbering
        self.links = package
        self.spool = Spool()
        """Where blocks go, written out as text every few hundred blocks."""
        self._last: Block | None = None

    def paragraph(self, style_id: str | None, frame: Frame = TOP, text: str = "", **properties: Any) -> WordParagraph:
        """Append a paragraph that will show ``text``; ``properties`` as
        :func:`~convert_plugins.docx.oxml.paragraph_properties` takes them (the
        frame's indentation unless an ``indent`` is given).  Text whose first
        strong letter runs against the document's direction gets its own."""
        own = own_direction(text, self.right_to_left)
        if own is not None:
            properties["right_to_left"] = own
        if "indent" not in properties and frame.indent:
            properties["indent"] = Indent(frame.indent)
        if isinstance(self._last, WordTable):
            properties["space_before"] = PARAGRAPH_AFTER  # tables have no space after of their own
        p = WordParagraph(style_id, paragraph_properties(style_id, **properties))
        self.append(p)
        return p

    def append(self, block: Block) -> None:
        """Append a body element; two tables in a row get an empty paragraph
        between them, since Word would otherwise merge them into one."""
        if isinstance(block, WordTable) and isinstance(self._last, WordTable):
            self.spool.append(WordParagraph())
        self.spool.append(block)
        self._last = block

    def inline(self, p: WordParagraph, text: str, spans: tuple = ()) -> None:
        """Append text with its spans to a paragraph."""
        add_inline(p, text, spans, self.links)

    def heading(self, level: int, label: str, spans: tuple) -> None:
        """Append a heading; those in the table of contents get a bookmark it links to."""
        level = max(level, 1)
        p = self.paragraph(styles.heading(level), text=label)
        if level > styles.TOC_LEVELS:
            self.inline(p, label, spans)
            return
        ident = len(self.toc)
        name = f"_Toc{ident + 1:09d}"
        p.add(f'<w:bookmarkStart w:id="{ident}" w:name="{name}"/>')
        self.inline(p, label, spans)
        p.add(f'<w:bookmarkEnd w:id="{ident}"/>')
        self.toc.append(TocEntry(level, label, name))


def _heading(block: Heading, body: Body, frame: Frame) -> None:
    shift = len(block.label) - len(block.text)  # the number and its space come first
    spans = tuple(replace(span, start=span.start + shift, end=span.end + shift) for span in block.spans)
    body.heading(block.level, block.label, spans)


def _paragraph(block: Paragraph, body: Body, frame: Frame) -> None:
    body.inline(body.paragraph(frame.paragraph_style, frame, block.text), block.text, block.spans)


def _verbatim(block: Verbatim, body: Body, frame: Frame) -> None:
    # Line breaks become w:br and tabs w:tab; every w:t preserves its spaces.
    text_run(body.paragraph(styles.CODE, frame), block.text)


def _line_block(block: LineBlock, body: Body, frame: Frame) -> None:
    indent = Indent(frame.indent + STEP) if frame.indent else None  # Verse indents one step itself
    body.inline(body.paragraph(styles.VERSE, frame, block.text, indent=indent), block.text, block.spans)


def _list(block: ListBlock, body: Body, frame: Frame) -> None:
    num_id = body.numbering.instance(block, frame.list_level)
    style = styles.NUMBER if block.ordered else styles.BULLET
    labels = item_labels(block)
    # room for the widest label and a space, so "(viii)" fits as "1." does
    hanging = max(STEP, 110 * max((len(label) for label in labels), default=1) + 120)
    if num_id is not None:
        labels, numbering = None, (num_id, min(frame.list_level, 8))
    else:
        numbering = (0, 0)  # no numbering: the labels are written out, then a tab
    inner = frame._replace(indent=min(frame.indent, MAX_INDENT) + hanging,
                           list_level=frame.list_level + 1, paragraph_style=styles.CONTINUE)
    for index, item in enumerate(block.items):
        first = item.blocks[0] if item.blocks and isinstance(item.blocks[0], Paragraph) else None
        p = body.paragraph(style, text=first.text if first else "", numbering=numbering,
                           indent=Indent(inner.indent, hanging))
        if labels:
            text_run(p, labels[index] + "\t")
        if first is not None:
            body.inline(p, first.text, first.spans)
        for inner_block in item.blocks[1:] if first is not None else item.blocks:
            render_block(inner_block, body, inner)


def _quotation(block: Quotation, body: Body, frame: Frame) -> None:
    inner = frame.deeper(paragraph_style=styles.QUOTE)
    for inner_block in block.blocks:
        render_block(inner_block, body, inner)
    if block.attribution:
        text_run(body.paragraph(styles.ATTRIBUTION, inner), f"\u2014 {block.attribution}")


def _table(block: Table, body: Body, frame: Frame) -> None:
    table = table_element(block, frame.indent, lambda p, cell: body.inline(p, cell.text, cell.spans),
                          body.right_to_left)
    if table is not None:
        body.append(table)


def _scene_break(block: SceneBreak, body: Body, frame: Frame) -> None:
    text_run(body.paragraph(styles.SCENE_BREAK), SCENE_BREAK_MARK)  # centred by its style


RENDERERS: dict[type, Callable[[Any, Body, Frame], None]] = {
    Heading: _heading,
    Paragraph: _paragraph,
    Verbatim: _verbatim,
    LineBlock: _line_block,
    ListBlock: _list,
    Quotation: _quotation,
    Table: _table,
    SceneBreak: _scene_break,
}
"""One renderer per block type of the model."""


def render_block(block: Any, body: Body, frame: Frame = TOP) -> None:
    """Append one block; a node type without a renderer is an error, never skipped."""
    try:
        renderer = RENDERERS[type(block)]
    except KeyError:
        raise TypeError(f"the DOCX writer cannot render {type(block).__name__} blocks") from None
    renderer(block, body, frame)


def write_docx(document: Document, stream: BinaryIO, context: Context) -> None:
    """Write ``document`` as a DOCX file to ``stream``."""
    when = document_datetime(document)
    meta = document.meta
    package = WordPackage(meta.language)
    body = Body(package, is_right_to_left(meta.language))
    if meta.title:
        text_run(body.paragraph(styles.TITLE, text=meta.title), meta.title)
    # the contents follow the title, but are known only once every heading is rendered
    front, body.spool = body.spool, Spool()
    front.spill()
    counts = front.counter
    for block in document.blocks:
        render_block(block, body)
        body.spool.spill_if_full()
    body.spool.spill()
    with_toc = bool(body.toc) and context.options.get("toc", "").strip().lower() not in _OFF
    toc_pieces: Iterable[bytes] = ()
    if with_toc:
        heading = context.options.get("toc_title", "").strip() or contents_title(meta.language)
        toc_pieces = _contents(body.toc, heading, counts)
        package.update_fields = True
    counts.extend(body.spool.counter)
    page_height = set_page(package, meta, context, title_page=with_toc)
    set_core_properties(package, meta, when)
    set_app_properties(package, counts.result(page_height))
    stream.write(package.to_bytes(when, chain(front.pieces(), toc_pieces, body.spool.pieces())))


def _contents(toc: list[TocEntry], title: str, counts: TextCounter) -> Iterator[bytes]:
    """The contents as XML text, its paragraphs counted into ``counts`` in document order."""
    heading = contents_heading(title)
    counts.add(heading)
    entries = Spool()
    for index, entry in enumerate(toc):
        entries.append(contents_entry(entry, first=index == 0))
        entries.spill_if_full()
    entries.spill()
    counts.extend(entries.counter)
    end = contents_end()
    counts.add(end)
    start = (CONTENTS_START + heading.xml()).encode("utf-8")
    return chain((start,), entries.pieces(), ((end.xml() + CONTENTS_END).encode("utf-8"),))
