"""Rendering functions for verbatim text, line blocks, lists, quotations and
tables (see :data:`convert_plugins.pdf.story.RENDERERS`)."""

from __future__ import annotations

from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Indenter, Paragraph, Spacer, Table, TableStyle

from convert.model import LineBlock, ListBlock, Quotation, Verbatim
from convert.model import Paragraph as TextParagraph
from convert.model import Table as TextTable
from convert.model.numbering import item_labels

from . import story
from .fontfiles import MONO
from .fonts import chain
from .markup import clip
from .rtl import log2vis
from .styles import ATTRIBUTION, BODY, TABLE_HEAD, TEXT_WIDTH
from .verbatim import SourceLine, VerbatimBlock, source_lines

QUOTE_INDENT = 20
"""How far each level of quotation is indented on the left (and half that on the right)."""
LABEL_GAP = 6
"""Space between a list item's marker and its text."""
LINE_INDENT = 11 / 2
"""Indentation of a line-block line per leading space (half an em)."""


def verbatim(renderer: "story.Renderer", block: Verbatim, position: int | None) -> list[Flowable]:
    style = renderer.styles.verbatim
    fonts = chain(MONO)
    lines = source_lines(block.text, block.lines[0] or None, fonts, style.fontSize, renderer.missing)
    warned: set[int | None] = set()

    def warn(line: SourceLine) -> None:
        if line.number not in warned:
            warned.add(line.number)
            renderer.warn("verbatim-wrapped",
                          f"verbatim line of {len(line.characters)} characters is wider than the PDF page; "
                          "wrapped, the continuation marked \u21aa", line.number)

    return [Spacer(0, style.spaceBefore),
            VerbatimBlock(lines, fonts.primary, style.fontSize, style.leading, warn),
            Spacer(0, style.spaceAfter)]


def line_block(renderer: "story.Renderer", block: LineBlock, position: int | None) -> list[Flowable]:
    """One paragraph per line, indented by its leading spaces; a long line's
    turnover hangs further in, as verse is set."""
    flowables: list[Flowable] = []
    offset = 0
    base = renderer.styles.line
    for number, row in enumerate(block.rows):
        start, end = offset, offset + len(row)
        offset = end + 1
        text = row.lstrip(" \t")
        if not text.strip():
            flowables.append(Spacer(0, base.leading))
            continue
        spaces = len(row.expandtabs(4)) - len(row.expandtabs(4).lstrip(" "))
        style = _indented(renderer, base, spaces * LINE_INDENT)
        spans = clip(block.spans, start + len(row) - len(text), end) if block.spans else ()
        line = block.lines[0] + number if block.lines[0] else None
        flowables.append(renderer.paragraph(renderer.markup(text, BODY, spans, line), style, text))
    if flowables:
        flowables.append(Spacer(0, 8))
    return flowables


def _indented(renderer: "story.Renderer", base: ParagraphStyle, indent: float) -> ParagraphStyle:
    name = f"{base.name}+{indent:g}"
    cache = renderer._joined
    if name not in cache:
        cache[name] = ParagraphStyle(name, parent=base, leftIndent=base.leftIndent + indent,
                                     firstLineIndent=base.firstLineIndent)
    return cache[name]


def list_block(renderer: "story.Renderer", block: ListBlock, position: int | None) -> list[Flowable]:
    """Markers as written, hanging before the items' text (at its left, or at
    its right in a right-to-left list); nested blocks inside."""
    labels = item_labels(block)
    style = renderer.styles.list_item
    widest = max((stringWidth(label, style.bulletFontName, style.fontSize) for label in labels), default=0)
    hang = max(18.0, widest + LABEL_GAP)
    right_to_left = renderer.variants.right_to_left(_first_text(block))
    if right_to_left:  # the marker in visual order, as a heading's number: "1." reads ".1"
        labels = [log2vis(label, "RTL") for label in labels]
    with renderer.indented(*((0, hang) if right_to_left else (hang,))) as (left, right):
        # with no room left to indent, the marker hangs inside the text's own column
        if right_to_left:
            bulleted = ParagraphStyle(f"item-rtl-{hang:g}-{right:g}", parent=style, bulletIndent=-right,
                                      rightIndent=hang - right)
        else:
            bulleted = ParagraphStyle(f"item-{hang:g}-{left:g}", parent=style, bulletIndent=-left,
                                      leftIndent=hang - left)
        flowables: list[Flowable] = [Indenter(left=left, right=right)]
        for label, item in zip(labels, block.items):
            first, *rest = item.blocks or (None,)
            if isinstance(first, TextParagraph):
                flowables += renderer.text(first.text, bulleted, first.lines[0], first.spans, bullet=label)
            else:
                flowables.append(Paragraph("", bulleted, bulletText=label))
                rest = list(item.blocks)
            for inner in rest:
                flowables += story.render_block(renderer, inner)
    flowables += [Indenter(left=-left, right=-right), Spacer(0, 4)]
    return flowables


def _first_text(block: ListBlock) -> str:
    """The text of the list's first item that starts with a paragraph, which sets the list's direction."""
    for item in block.items:
        if item.blocks and isinstance(item.blocks[0], TextParagraph):
            return item.blocks[0].text
    return ""


def quotation(renderer: "story.Renderer", block: Quotation, position: int | None) -> list[Flowable]:
    """The quoted blocks indented on both sides, deeper for nested quotations
    and deeper at the start of the line (the right, in a right-to-left
    document); the attribution at the end of the line after an em dash."""
    start, end = QUOTE_INDENT, QUOTE_INDENT / 2
    with renderer.indented(*((end, start) if renderer.variants.document_rtl else (start, end))) as (left, right):
        flowables: list[Flowable] = [Indenter(left=left, right=right)]
        for inner in block.blocks:
            flowables += story.render_block(renderer, inner)
    if block.attribution:
        text = "\u2014\u00a0" + block.attribution
        markup = renderer.markup(text, ATTRIBUTION, (), block.lines[1] or None)
        attribution = renderer.paragraph(markup, renderer.styles.attribution, text)
        if attribution.style.wordWrap == "RTL":  # the end of a right-to-left line is at the left
            attribution.style = ParagraphStyle(f"{attribution.style.name}-end", parent=attribution.style,
                                               alignment=TA_LEFT)
        flowables.append(attribution)
    flowables.append(Indenter(left=-left, right=-right))
    return flowables


def table(renderer: "story.Renderer", block: TextTable, position: int | None) -> list[Flowable]:
    """A table whose columns share the frame's width by their text's length,
    with the header rows repeated on every page it spans."""
    width = block.width
    if not width:
        return []
    align = [(block.align[i] if i < len(block.align) else None) or "left" for i in range(width)]
    styles = renderer.styles
    line = block.lines[0] or None
    rows = []
    for head, row_cells in [(True, row) for row in block.head] + [(False, row) for row in block.body]:
        cells = []
        for column, cell in enumerate(row_cells):
            style = (styles.head_cell if head else styles.cell)[align[column]]
            text = renderer.markup(cell.text, TABLE_HEAD if head else BODY, cell.spans, line)
            cells.append(renderer.paragraph(text, style, cell.text))
        cells += [""] * (width - len(cells))
        rows.append(cells)
    commands = [
        ("FONT", (0, 0), (-1, -1), BODY.font_name(), 10),  # else reportlab sets Helvetica, unused but listed
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEABOVE", (0, 0), (-1, 0), 0.8, "#444444"),
        ("LINEBELOW", (0, -1), (-1, -1), 0.8, "#444444"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, "#bbbbbb"),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ]
    if block.head:
        commands.append(("LINEBELOW", (0, len(block.head) - 1), (-1, len(block.head) - 1), 0.8, "#444444"))
    widths = column_widths(block, TEXT_WIDTH - renderer.indent, styles.head_cell["left"].fontName, 10)
    right_to_left = renderer.variants.document_rtl
    if right_to_left:  # the first column at the right, as the document reads
        rows, widths = [row[::-1] for row in rows], widths[::-1]
    flowable = Table(rows, colWidths=widths, repeatRows=len(block.head), splitInRow=1, style=TableStyle(commands),
                     hAlign="RIGHT" if right_to_left else "LEFT", spaceBefore=4, spaceAfter=10)
    return [flowable]


CELL_PADDING = 8
"""Left and right padding of a table cell, together."""


def column_widths(block: TextTable, available: float, font: str, size: float) -> list[float]:
    """Column widths that fill ``available``: every column at least as wide
    as its longest word (when they all fit), the rest shared by how long the
    columns' texts are."""
    shortest = [CELL_PADDING + 12.0] * block.width
    natural = list(shortest)
    for row in (*block.head, *block.body):
        for column, cell in enumerate(row):
            words = cell.text.split() or [""]
            longest = max(stringWidth(word, font, size) for word in words) + CELL_PADDING
            shortest[column] = max(shortest[column], longest)
            natural[column] = max(natural[column], stringWidth(cell.text, font, size) + CELL_PADDING)
    if sum(shortest) >= available:  # words wider than the page: shrink them all alike
        return [width * available / sum(shortest) for width in shortest]
    if sum(natural) <= available:  # every cell on one line: share the rest by length
        return [n + (available - sum(natural)) * n / sum(natural) for n in natural]
    # columns narrower than an even share keep their text on one line ...
    fair = available / block.width
    short = [n if n <= fair else None for n in natural]
    spare = available - sum(w for w in short if w) - sum(s for s, w in zip(shortest, short) if w is None)
    extra = [n - s if w is None else 0 for n, s, w in zip(natural, shortest, short)]
    if spare < 0 or not sum(extra):  # no room for that: every column its longest word, the rest by length
        short, extra = [None] * block.width, [n - s for n, s in zip(natural, shortest)]
        spare = available - sum(shortest)
    # ... the others get their longest word and a share of the rest by length
    return [w if w is not None else s + spare * e / sum(extra) for w, s, e in zip(short, shortest, extra)]
