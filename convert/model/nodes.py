"""The intermediate document model (IDM): the one shape every reader produces
and every writer consumes.

The model is a small, closed set of frozen dataclasses.  Blocks stay flat, as in
pandoc's ``[Block]``: a :class:`Heading` starts a section, and sections are
derived on demand by :func:`convert.model.walk.iter_sections`.  Every node records the
source lines it came from as ``lines = (first, last)``, 1-based and inclusive.

Versioning (semantic, see ``docs/model.md``): a *minor* version adds optional
fields or metadata keys that older writers may ignore; a *major* version
removes, renames or re-types a field, or adds a node type, which every writer
would have to learn.  Plugins declare the major version they were built for.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Union

SCHEMA_NAME = "convert-idm"
"""The ``"schema"`` value of the JSON form of a document."""

MODEL_VERSION = "1.0.0"
"""Semantic version of this model and of its JSON form."""

MODEL_MAJOR = int(MODEL_VERSION.split(".")[0])
"""The major version plugins declare compatibility with."""

Lines = tuple[int, int]
"""First and last source line of a node, 1-based and inclusive."""


@dataclass(frozen=True, slots=True)
class Heading:
    """A heading line; it starts a new section."""

    level: int
    """Outline depth, 1 for top-level headings."""
    text: str
    """The heading's words, without its number."""
    number: str | None = None
    """The number as written in the source, with its punctuation (``"3."``, ``"1.2"``)."""
    lines: Lines = (0, 0)
    """Source lines the heading came from."""

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


@dataclass(frozen=True, slots=True)
class ListItem:
    """One item of a :class:`ListBlock`."""

    text: str
    """The item's text, without its bullet or number."""
    lines: Lines = (0, 0)
    """Source lines the item came from."""


@dataclass(frozen=True, slots=True)
class ListBlock:
    """A bulleted or numbered list."""

    ordered: bool
    """True for a numbered list, False for a bulleted one."""
    items: tuple[ListItem, ...]
    """The list's items, in order."""
    lines: Lines = (0, 0)
    """Source lines the whole list came from."""


@dataclass(frozen=True, slots=True)
class SceneBreak:
    """A thematic break between passages (``*****`` in the source)."""

    lines: Lines = (0, 0)
    """Source line of the break marker."""


Block = Union[Heading, Paragraph, ListBlock, SceneBreak]
"""Any block-level node."""

BLOCK_TYPES: tuple[type, ...] = (Heading, Paragraph, ListBlock, SceneBreak)
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
