"""Tables: a ``w:tbl`` in the Table Grid style (thin borders), header rows
marked to repeat on every page (``w:tblHeader``) and set in the Table Heading
style, columns of equal width across the text block, each cell's paragraph
aligned as its column declares."""

from __future__ import annotations

from typing import Callable

from lxml import etree

from convert.model import Cell, Table

from .layout import TEXT_WIDTH
from .oxml import paragraph_properties, sub
from .styles import TABLE, TABLE_CONTENTS, TABLE_HEADING

CellText = Callable[[etree._Element, Cell], None]
"""Appends a cell's text, with its spans, to a paragraph."""


def table_element(new_element: Callable[[str], etree._Element], table: Table, indent: int,
                  cell_text: CellText) -> etree._Element | None:
    """The ``w:tbl`` for ``table``, indented by ``indent`` twips; None for a
    table without rows or columns (Word refuses an empty ``w:tbl``)."""
    columns = table.width
    if not columns or not (table.head or table.body):
        return None
    tbl = new_element("tbl")
    properties = sub(tbl, "tblPr")
    sub(properties, "tblStyle", val=TABLE)
    width = TEXT_WIDTH - indent
    sub(properties, "tblW", w=str(width), type="dxa")
    if indent:
        sub(properties, "tblInd", w=str(indent), type="dxa")
    sub(properties, "tblLook", firstRow="1", lastRow="0", firstColumn="0", lastColumn="0", noHBand="1", noVBand="1")
    grid = sub(tbl, "tblGrid")
    column_width = width // columns
    for _ in range(columns):
        sub(grid, "gridCol", w=str(column_width))
    alignments = table.align or (None,) * columns
    for header, rows in ((True, table.head), (False, table.body)):
        for row in rows:
            tr = sub(tbl, "tr")
            if header:
                sub(sub(tr, "trPr"), "tblHeader")
            for cell, align in zip(row, alignments):
                tc = sub(tr, "tc")
                sub(sub(tc, "tcPr"), "tcW", w=str(column_width), type="dxa")
                p = sub(tc, "p")
                paragraph_properties(p, TABLE_HEADING if header else TABLE_CONTENTS, align=align)
                cell_text(p, cell)
    return tbl
