"""Tables: a ``w:tbl`` in the Table Grid style (thin borders), header rows
marked to repeat on every page (``w:tblHeader``) and set in the Table Heading
style, columns of equal width across the text block, each cell's paragraph
aligned as its column declares."""

from __future__ import annotations

from typing import Callable, NamedTuple

from convert.model import Cell, Table

from .layout import TEXT_WIDTH
from .oxml import WordParagraph, own_direction, paragraph_properties
from .styles import TABLE, TABLE_CONTENTS, TABLE_HEADING

CellText = Callable[[WordParagraph, Cell], None]
"""Appends a cell's text, with its spans, to a paragraph."""


class WordTable(NamedTuple):
    """A ``w:tbl`` as XML text, and the paragraphs of its cells (for the statistics)."""

    text: str
    paragraphs: tuple[WordParagraph, ...]

    def xml(self) -> str:
        return self.text


def table_element(table: Table, indent: int, cell_text: CellText, right_to_left: bool = False) -> WordTable | None:
    """The ``w:tbl`` for ``table``, indented by ``indent`` twips; None for a
    table without rows or columns (Word refuses an empty ``w:tbl``).  In a
    right-to-left document (``right_to_left``) the first column is at the
    right; a cell whose text runs against the document's direction gets its own."""
    columns = table.width
    if not columns or not (table.head or table.body):
        return None
    width = TEXT_WIDTH - indent
    column_width = width // columns
    indentation = f'<w:tblInd w:w="{indent}" w:type="dxa"/>' if indent else ""
    grid = f'<w:gridCol w:w="{column_width}"/>' * columns
    parts = [
        f'<w:tbl><w:tblPr><w:tblStyle w:val="{TABLE}"/>{"<w:bidiVisual/>" if right_to_left else ""}'
        f'<w:tblW w:w="{width}" w:type="dxa"/>{indentation}'
        '<w:tblLook w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/>'
        f"</w:tblPr><w:tblGrid>{grid}</w:tblGrid>"
    ]
    paragraphs = []
    alignments = table.align or (None,) * columns
    for header, rows in ((True, table.head), (False, table.body)):
        style = TABLE_HEADING if header else TABLE_CONTENTS
        for row in rows:
            cells = ["<w:trPr><w:tblHeader/></w:trPr>"] if header else []
            for cell, align in zip(row, alignments):
                own = own_direction(cell.text, right_to_left)
                p = WordParagraph(style, paragraph_properties(style, align=align, right_to_left=own))
                cell_text(p, cell)
                paragraphs.append(p)
                cells.append(f'<w:tc><w:tcPr><w:tcW w:w="{column_width}" w:type="dxa"/></w:tcPr>{p.xml()}</w:tc>')
            parts.append(f"<w:tr>{''.join(cells)}</w:tr>" if cells else "<w:tr/>")
    parts.append("</w:tbl>")
    return WordTable("".join(parts), tuple(paragraphs))
