"""Checking that a document keeps the model's promises.

The dataclasses do not check their fields (readers are trusted to build them
right, and checking every node on construction would slow every reader).  This
module checks a whole document once, where it comes from outside: the JSON
reader, and the results of third-party plugins.  Each problem is reported as
one line naming the node and the field: ``blocks[3].items[0].blocks[1]
(paragraph): spans[2]: end 40 is past the end of the text (35)``.
"""

from __future__ import annotations

import re
from typing import Iterable

from convert.errors import InputError
from convert.model.nodes import (
    ALIGNMENTS,
    LIST_STYLES,
    SPAN_KINDS,
    Cell,
    Document,
    Heading,
    LineBlock,
    ListBlock,
    ListItem,
    Meta,
    Paragraph,
    Quotation,
    SceneBreak,
    Span,
    Table,
    Verbatim,
)

_SHA256 = re.compile(r"([0-9a-f]{64})?")
_DATE = re.compile(r"([0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z)?")

MAX_DEPTH = 64
"""Deepest nesting of lists and quotations a document may have."""

MAX_LIST_START = 10**9
"""Largest start number of a list (every writer can count that far)."""

NODE_NAMES = {
    Heading: "heading",
    Paragraph: "paragraph",
    Verbatim: "verbatim",
    LineBlock: "line-block",
    ListBlock: "list",
    Quotation: "quotation",
    Table: "table",
    SceneBreak: "break",
}
"""The name of each block type, as in the JSON form."""


class ModelError(InputError):
    """A document breaks a promise of the model (one line, naming node and field)."""


def check_document(document: object) -> None:
    """Raise :class:`ModelError` unless ``document`` is a well-formed :class:`Document`."""
    if not isinstance(document, Document):
        raise ModelError(f"expected a Document, got {type(document).__name__}")
    _check_meta(document.meta)
    _check_blocks(document.blocks, "blocks", 0)


def _fail(where: str, message: str) -> None:
    raise ModelError(f"{where}: {message}")


def _check_str(value: object, where: str, optional: bool = False) -> None:
    if optional and value is None:
        return
    if not isinstance(value, str):
        _fail(where, f"expected text, got {type(value).__name__}")


def _check_lines(value: object, where: str) -> None:
    if not (
        isinstance(value, tuple)
        and len(value) == 2
        and all(isinstance(n, int) and not isinstance(n, bool) and n >= 0 for n in value)
    ):
        _fail(f"{where}.lines", f"expected two line numbers (first, last), got {value!r:.60}")


def _check_meta(meta: object) -> None:
    if not isinstance(meta, Meta):
        _fail("meta", f"expected Meta, got {type(meta).__name__}")
    _check_str(meta.title, "meta.title")
    _check_str(meta.language, "meta.language")
    if not isinstance(meta.authors, tuple):
        _fail("meta.authors", "expected a tuple of names")
    for i, author in enumerate(meta.authors):
        _check_str(author, f"meta.authors[{i}]")
    for name in ("source_name", "source_sha256", "modified"):
        _check_str(getattr(meta, name), f"meta.{name}")
    if not _SHA256.fullmatch(meta.source_sha256):
        _fail("meta.source_sha256", "expected 64 lower-case hex digits or nothing")
    if not _DATE.fullmatch(meta.modified):
        _fail("meta.modified", f"expected an ISO 8601 UTC date like 2026-01-31T12:00:00Z, got {meta.modified!r:.40}")
    if meta.title_lines is not None:
        _check_lines(meta.title_lines, "meta.title")
    if not isinstance(meta.extra, tuple):
        _fail("meta.extra", "expected key/value pairs")
    for i, pair in enumerate(meta.extra):
        if not (isinstance(pair, tuple) and len(pair) == 2 and all(isinstance(x, str) for x in pair)):
            _fail(f"meta.extra[{i}]", "expected a (key, value) pair of texts")


def _check_blocks(blocks: object, where: str, depth: int) -> None:
    if depth > MAX_DEPTH:
        _fail(where, f"lists and quotations nested deeper than {MAX_DEPTH} levels")
    if not isinstance(blocks, tuple):
        _fail(where, f"expected a tuple of blocks, got {type(blocks).__name__}")
    for i, block in enumerate(blocks):
        _check_block(block, f"{where}[{i}]", depth)


def _check_block(block: object, where: str, depth: int) -> None:
    name = NODE_NAMES.get(type(block))
    if name is None:
        _fail(where, f"not a block node: {type(block).__name__}")
    where = f"{where} ({name})"
    _check_lines(block.lines, where)
    CHECKS[type(block)](block, where, depth)


def _check_text_and_spans(text: object, spans: object, where: str) -> None:
    _check_str(text, f"{where}.text")
    if not isinstance(spans, tuple):
        _fail(f"{where}.spans", f"expected a tuple of spans, got {type(spans).__name__}")
    check_spans(spans, text, where)


def check_spans(spans: Iterable[Span], text: str, where: str = "text") -> None:
    """Each span inside the text, of a known kind, links with a target, a
    line break over exactly one space, and no two spans of one kind overlapping."""
    length = len(text)
    last_end: dict[str, int] = {}
    previous = (-1, -1)
    for i, span in enumerate(spans):
        at = f"{where}.spans[{i}]"
        if not isinstance(span, Span):
            _fail(at, f"expected a Span, got {type(span).__name__}")
        if not all(isinstance(n, int) and not isinstance(n, bool) for n in (span.start, span.end)):
            _fail(at, "start and end must be whole numbers")
        if not 0 <= span.start < span.end <= length:
            _fail(at, f"range {span.start}..{span.end} is outside the text (length {length})")
        if span.kind not in SPAN_KINDS:
            _fail(f"{at}.kind", f"unknown kind {span.kind!r} (known: {', '.join(SPAN_KINDS)})")
        if span.kind == "line-break" and text[span.start:span.end] != " ":
            _fail(at, "a line-break span covers exactly one space")
        if span.kind == "link":
            if not isinstance(span.target, str) or not span.target:
                _fail(f"{at}.target", "a link needs a target")
        elif span.target is not None:
            _fail(f"{at}.target", f"only links have a target, not {span.kind}")
        if (span.start, span.end) < previous:
            _fail(at, "spans must be sorted by (start, end)")
        previous = (span.start, span.end)
        if span.start < last_end.get(span.kind, -1):
            _fail(at, f"overlaps another {span.kind} span")
        last_end[span.kind] = max(last_end.get(span.kind, -1), span.end)


def _heading(block: Heading, where: str, depth: int) -> None:
    if not (isinstance(block.level, int) and not isinstance(block.level, bool) and 1 <= block.level <= 6):
        _fail(f"{where}.level", f"must be 1 to 6, got {block.level!r:.20}")
    _check_str(block.number, f"{where}.number", optional=True)
    _check_text_and_spans(block.text, block.spans, where)


def _paragraph(block: Paragraph | LineBlock, where: str, depth: int) -> None:
    _check_text_and_spans(block.text, block.spans, where)


def _verbatim(block: Verbatim, where: str, depth: int) -> None:
    _check_str(block.text, f"{where}.text")
    _check_str(block.kind, f"{where}.kind", optional=True)
    _check_str(block.language, f"{where}.language", optional=True)


def _list(block: ListBlock, where: str, depth: int) -> None:
    if block.style not in LIST_STYLES:
        _fail(f"{where}.style", f"unknown style {block.style!r:.40} (known: {', '.join(LIST_STYLES)})")
    if not (isinstance(block.start, int) and not isinstance(block.start, bool) and 0 <= block.start <= MAX_LIST_START):
        _fail(f"{where}.start", f"must be a whole number from 0 to {MAX_LIST_START}, got {block.start!r:.30}")
    if not isinstance(block.items, tuple) or not block.items:
        _fail(f"{where}.items", "a list needs at least one item")
    for i, item in enumerate(block.items):
        at = f"{where}.items[{i}]"
        if not isinstance(item, ListItem):
            _fail(at, f"expected a ListItem, got {type(item).__name__}")
        _check_str(item.marker, f"{at}.marker", optional=True)
        _check_lines(item.lines, at)
        _check_blocks(item.blocks, f"{at}.blocks", depth + 1)


def _quotation(block: Quotation, where: str, depth: int) -> None:
    _check_str(block.attribution, f"{where}.attribution", optional=True)
    _check_blocks(block.blocks, f"{where}.blocks", depth + 1)


def _table(block: Table, where: str, depth: int) -> None:
    width = None
    for part in ("head", "body"):
        rows = getattr(block, part)
        if not isinstance(rows, tuple):
            _fail(f"{where}.{part}", "expected a tuple of rows")
        for r, row in enumerate(rows):
            at = f"{where}.{part}[{r}]"
            if not isinstance(row, tuple) or not row:
                _fail(at, "a row is a non-empty tuple of cells")
            if width is None:
                width = len(row)
            elif len(row) != width:
                _fail(at, f"has {len(row)} cells where the table has {width} columns")
            for c, cell in enumerate(row):
                if not isinstance(cell, Cell):
                    _fail(f"{at}[{c}]", f"expected a Cell, got {type(cell).__name__}")
                _check_text_and_spans(cell.text, cell.spans, f"{at}[{c}]")
    if width is None:
        _fail(where, "a table needs at least one row")
    if block.align and len(block.align) != width:
        _fail(f"{where}.align", f"has {len(block.align)} entries where the table has {width} columns")
    for a in block.align:
        if a is not None and a not in ALIGNMENTS:
            _fail(f"{where}.align", f"unknown alignment {a!r:.20} (known: {', '.join(ALIGNMENTS)})")


def _scene_break(block: SceneBreak, where: str, depth: int) -> None:
    pass


CHECKS = {
    Heading: _heading,
    Paragraph: _paragraph,
    Verbatim: _verbatim,
    LineBlock: _paragraph,
    ListBlock: _list,
    Quotation: _quotation,
    Table: _table,
    SceneBreak: _scene_break,
}
