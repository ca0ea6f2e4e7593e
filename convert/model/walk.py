"""Derived views of a :class:`~convert.model.Document`: sections and text.

The model keeps blocks flat; writers that need chapters (EPUB) or an outline
(PDF, DOCX) derive them here instead of re-parsing anything.
"""

from __future__ import annotations

from typing import Iterator, NamedTuple

from convert.model.nodes import (
    Block,
    Document,
    Heading,
    LineBlock,
    ListBlock,
    Paragraph,
    Quotation,
    SceneBreak,
    Table,
    Verbatim,
)


class Section(NamedTuple):
    """A heading and the blocks up to the next heading.

    The opening section (content before the first heading) has no heading.
    """

    index: int
    """Position of the section in the document, from 0."""
    heading: Heading | None
    """The heading that opens the section, None for the opening section."""
    blocks: tuple[Block, ...]
    """The section's blocks, without its heading."""


def iter_sections(document: Document) -> Iterator[Section]:
    """Split a document's blocks into sections, one per heading.

    An opening section is yielded only when there is content before the first
    heading, or when the document has no heading at all.
    """
    heading: Heading | None = None
    body: list[Block] = []
    index = 0
    for block in document.blocks:
        if isinstance(block, Heading):
            if heading is not None or body:
                yield Section(index, heading, tuple(body))
                index += 1
            heading, body = block, []
        else:
            body.append(block)
    if heading is not None or body or index == 0:
        yield Section(index, heading, tuple(body))


def block_texts(block: Block) -> Iterator[str]:
    """The texts a block shows a reader, in order (none for a scene break)."""
    if isinstance(block, Heading):
        yield block.label
    elif isinstance(block, (Paragraph, Verbatim, LineBlock)):
        yield block.text
    elif isinstance(block, ListBlock):
        for item in block.items:  # markers are markup, as bullets are
            for inner in item.blocks:
                yield from block_texts(inner)
    elif isinstance(block, Quotation):
        for inner in block.blocks:
            yield from block_texts(inner)
        if block.attribution:
            yield block.attribution
    elif isinstance(block, Table):
        for row in (*block.head, *block.body):
            for cell in row:
                yield cell.text
    elif not isinstance(block, SceneBreak):
        raise TypeError(f"not a block node: {block!r}")


def iter_blocks(blocks: tuple[Block, ...]) -> Iterator[Block]:
    """Every block, depth first: list items' and quotations' blocks after their container."""
    for block in blocks:
        yield block
        if isinstance(block, ListBlock):
            for item in block.items:
                yield from iter_blocks(item.blocks)
        elif isinstance(block, Quotation):
            yield from iter_blocks(block.blocks)


def iter_text(document: Document) -> Iterator[str]:
    """Every text of the document in reading order, the title first."""
    yield document.meta.title
    for block in document.blocks:
        yield from block_texts(block)


def words(document: Document) -> list[str]:
    """The document's words (whitespace-separated) in reading order."""
    return [word for text in iter_text(document) for word in text.split()]
