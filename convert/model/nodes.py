"""The intermediate document model (IDM): the one shape every reader produces
and every writer consumes.

The model is a small, closed set of frozen dataclasses.  Top-level blocks stay
flat, as in pandoc's ``[Block]``: a :class:`Heading` starts a section, and
sections are derived on demand by :func:`convert.model.walk.iter_sections`.
Only list items and quotations hold blocks of their own.  Every node records
the source lines it came from as ``lines = (first, last)``, 1-based and
inclusive (``(0, 0)`` for generated nodes).

Inline markup is *standoff*: a text keeps every character exactly as written,
and optional :class:`Span` records say that ``text[start:end]`` is a link,
emphasis, and so on.  A writer that ignores spans still prints every word.

Versioning (semantic, see ``docs/model.md``): a *minor* version adds optional
fields, metadata keys or span kinds that older writers may ignore; a *major*
version removes, renames or re-types a field, or adds a node type, which every
writer would have to learn.  Plugins declare the major version they were
built for.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Union

SCHEMA_NAME = "convert-idm"
"""The ``"schema"`` value of the JSON form of a document."""

MODEL_VERSION = "2.0.0"
"""Semantic version of this model and of its JSON form."""

MODEL_MAJOR = int(MODEL_VERSION.split(".")[0])
"""The major version plugins declare compatibility with."""

Lines = tuple[int, int]
"""First and last source line of a node, 1-based and inclusive."""

SPAN_KINDS = ("link", "emphasis", "strong", "code", "strikethrough", "line-break")
"""Kinds of inline markup.  ``link`` carries a ``target``; ``line-break``
covers the one space that stands for a hard line break inside a paragraph."""

LIST_STYLES = ("bullet", "decimal", "lower-alpha", "upper-alpha", "lower-roman", "upper-roman")
"""How a list's items are marked: bullets, or numbers counted in one of five ways."""

ALIGNMENTS = ("left", "center", "right")
"""Column alignments a table may declare (``None`` means the default)."""


@dataclass(frozen=True, slots=True)
class Span:
    """Inline markup over ``text[start:end]`` of the node that holds it."""

    start: int
    """Offset of the first character, in code points."""
    end: int
    """Offset just past the last character (``end > start``)."""
    kind: str
    """One of :data:`SPAN_KINDS`."""
    target: str | None = None
    """The address of a ``link`` (a URL or ``mailto:``); None for other kinds."""


Spans = tuple[Span, ...]
"""A text's spans, sorted by ``(start, end)``."""


@dataclass(frozen=True, slots=True)
class Heading:
    """A heading line; at the top level it starts a new section."""

    level: int
    """Outline depth, 1 (top level) to 6."""
    text: str
    """The heading's words, without its number."""
    number: str | None = None
    """The number as written in the source, with its punctuation (``"3."``, ``"1.2"``)."""
    lines: Lines = (0, 0)
    """Source lines the heading came from."""
    spans: Spans = ()
    """Inline markup over :attr:`text`."""

    @property
    def label(self) -> str:
        """The heading as it reads in the source: number and text."""
        return f"{self.number} {self.text}" if self.number else self.text


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph of running text."""

    text: str
    """The paragraph's text, exactly as written (wrapped lines joined by one space)."""
    lines: Lines = (0, 0)
    """Source lines the paragraph came from."""
    spans: Spans = ()
    """Inline markup over :attr:`text`."""


@dataclass(frozen=True, slots=True)
class Verbatim:
    """Text whose every line break and space matters: code, a character-drawn
    table or diagram, mail headers.  Set in a monospaced font."""

    text: str
    """The lines exactly as written, joined by ``"\\n"``, leading spaces kept."""
    kind: str | None = None
    """What the text is, when known: ``code``, ``table``, ``diagram``, ``headers``, ``output``."""
    language: str | None = None
    """For code, the language named by the source (``python``, ``c``)."""
    lines: Lines = (0, 0)
    """Source lines of the region."""


@dataclass(frozen=True, slots=True)
class LineBlock:
    """Lines that stay lines, set in the body font: verse, an address, aphorisms."""

    text: str
    """The lines joined by ``"\\n"``, leading spaces (indentation) kept."""
    lines: Lines = (0, 0)
    """Source lines of the block."""
    spans: Spans = ()
    """Inline markup over :attr:`text`."""

    @property
    def rows(self) -> tuple[str, ...]:
        """The block's lines."""
        return tuple(self.text.split("\n"))


@dataclass(frozen=True, slots=True)
class ListItem:
    """One item of a :class:`ListBlock`: its marker and the blocks it holds."""

    blocks: tuple["Block", ...]
    """The item's content: usually one paragraph; nested lists and further
    paragraphs follow it."""
    marker: str | None = None
    """The bullet or number exactly as written (``"-"``, ``"a)"``, ``"(iv)"``), when known."""
    lines: Lines = (0, 0)
    """Source lines the item came from."""

    @property
    def text(self) -> str:
        """The text of the item's first block when it is a paragraph, else ``""``."""
        first = self.blocks[0] if self.blocks else None
        return first.text if isinstance(first, Paragraph) else ""


@dataclass(frozen=True, slots=True)
class ListBlock:
    """A bulleted or numbered list."""

    style: str
    """One of :data:`LIST_STYLES`."""
    items: tuple[ListItem, ...]
    """The list's items, in order."""
    start: int = 1
    """The number of the first item (for ``lower-alpha``, 1 is ``a``)."""
    lines: Lines = (0, 0)
    """Source lines the whole list came from."""

    @property
    def ordered(self) -> bool:
        """True for a numbered list, False for a bulleted one."""
        return self.style != "bullet"


@dataclass(frozen=True, slots=True)
class Quotation:
    """Quoted material: a quoted reply, an epigraph, an excerpt."""

    blocks: tuple["Block", ...]
    """The quoted blocks (paragraphs, lists, deeper quotations ...)."""
    attribution: str | None = None
    """Who or what is quoted, when the source says so."""
    lines: Lines = (0, 0)
    """Source lines of the quotation."""


@dataclass(frozen=True, slots=True)
class Cell:
    """One table cell."""

    text: str
    """The cell's text."""
    spans: Spans = ()
    """Inline markup over :attr:`text`."""


Row = tuple[Cell, ...]
"""One table row: a cell per column."""


@dataclass(frozen=True, slots=True)
class Table:
    """A table of text cells: header rows, then body rows, all the same width."""

    head: tuple[Row, ...]
    """Header rows (often one; may be none)."""
    body: tuple[Row, ...]
    """Body rows."""
    align: tuple[str | None, ...] = ()
    """Per column: one of :data:`ALIGNMENTS` or None; empty when not declared."""
    lines: Lines = (0, 0)
    """Source lines of the table."""

    @property
    def width(self) -> int:
        """The number of columns."""
        rows = self.head or self.body
        return len(rows[0]) if rows else 0


@dataclass(frozen=True, slots=True)
class SceneBreak:
    """A thematic break between passages (``*****`` in the source)."""

    lines: Lines = (0, 0)
    """Source line of the break marker."""


Block = Union[Heading, Paragraph, Verbatim, LineBlock, ListBlock, Quotation, Table, SceneBreak]
"""Any block-level node."""

BLOCK_TYPES: tuple[type, ...] = (Heading, Paragraph, Verbatim, LineBlock, ListBlock, Quotation, Table, SceneBreak)
"""The closed set of block node types; every writer handles each of them."""


@dataclass(frozen=True, slots=True)
class Meta:
    """Document metadata."""

    title: str
    """The document title (found in the source, given by the user, or the file name)."""
    language: str = "en"
    """BCP 47 language tag."""
    authors: tuple[str, ...] = ()
    """Author names, in order."""
    source_name: str = ""
    """File name of the source document, without directories."""
    source_sha256: str = ""
    """Hex SHA-256 of the source file's bytes; stable identifiers derive from it."""
    modified: str = ""
    """Last modification, ISO 8601 UTC (``2026-01-31T12:00:00Z``): from
    ``SOURCE_DATE_EPOCH`` or the source file's modification time."""
    title_lines: Lines | None = None
    """Source lines of the title when it was taken from the text, else None."""
    extra: tuple[tuple[str, str], ...] = ()
    """Further metadata (publisher, subject, keywords, ...) as sorted key/value pairs."""

    def get(self, key: str, default: str | None = None) -> str | None:
        """Look up a key of :attr:`extra`."""
        return dict(self.extra).get(key, default)


@dataclass(frozen=True, slots=True)
class Document:
    """A whole document: metadata and a flat sequence of blocks."""

    meta: Meta
    """The document's metadata."""
    blocks: tuple[Block, ...] = field(default_factory=tuple)
    """The document's content, in source order."""


def paragraph_item(text: str, marker: str | None = None, lines: Lines = (0, 0), spans: Spans = ()) -> ListItem:
    """A list item holding one paragraph: the common case, in one call."""
    return ListItem((Paragraph(text, lines, spans),), marker, lines)
