"""The cleaning rule's whole-document check answers as the node-by-node walk does."""

from __future__ import annotations

import dataclasses

from hypothesis import given, settings
from hypothesis import strategies as st

from convert.model import Heading, LineBlock, ListBlock, Paragraph, Quotation, Table, Verbatim
from convert.model.samples import standard_documents
from convert.text import cleaning

DOCUMENTS = standard_documents()
UNCLEAN = st.sampled_from(["\x00", "\x0c", "\x1b", "\r", "\n", "\ufffe", "\U0001fffe", "\u2028", "\x7f", "\x85"])


def walked(document):
    """The result of the walk alone, without the fast check."""
    original = cleaning._all_clean
    cleaning._all_clean = lambda document: False
    try:
        return cleaning.clean_document(document)
    finally:
        cleaning._all_clean = original


def texts_of(blocks):
    """Paths to every text the rule cleans: (block index, kind)."""
    for index, block in enumerate(blocks):
        if isinstance(block, (Heading, Paragraph, LineBlock, Verbatim)):
            yield index, "text"
        elif isinstance(block, (ListBlock, Quotation, Table)):
            yield index, "nested"


def with_text(block, character: str, position: int):
    """The block with ``character`` put into one of its texts (nested ones too)."""
    if isinstance(block, (Heading, Paragraph, LineBlock, Verbatim)):
        cut = position % (len(block.text) + 1)
        return dataclasses.replace(block, text=block.text[:cut] + character + block.text[cut:], spans=()) \
            if not isinstance(block, Verbatim) else dataclasses.replace(block, text=block.text[:cut] + character)
    if isinstance(block, ListBlock) and block.items:
        item = block.items[position % len(block.items)]
        inner = tuple(with_text(b, character, position) for b in item.blocks)
        items = tuple(dataclasses.replace(i, blocks=inner) if i is item else i for i in block.items)
        return dataclasses.replace(block, items=items)
    if isinstance(block, Quotation):
        if position % 2 and block.blocks:
            return dataclasses.replace(block, blocks=tuple(with_text(b, character, position) for b in block.blocks))
        return dataclasses.replace(block, attribution=(block.attribution or "") + character)
    if isinstance(block, Table) and block.body:
        row = tuple(dataclasses.replace(cell, text=cell.text + character, spans=()) for cell in block.body[0])
        return dataclasses.replace(block, body=(row, *block.body[1:]))
    return block


def test_standard_documents():
    for document in DOCUMENTS.values():
        assert cleaning.clean_document(document) == walked(document)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(sorted(DOCUMENTS)), UNCLEAN, st.integers(0, 10_000), st.integers(0, 3))
def test_a_character_anywhere_is_found(name, character, position, where):
    document = DOCUMENTS[name]
    if where == 0 and document.blocks:  # in a block
        index = position % len(document.blocks)
        blocks = list(document.blocks)
        blocks[index] = with_text(blocks[index], character, position)
        document = dataclasses.replace(document, blocks=tuple(blocks))
    elif where == 1:
        document = dataclasses.replace(document, meta=dataclasses.replace(document.meta, title="T" + character))
    elif where == 2:
        meta = dataclasses.replace(document.meta, authors=(*document.meta.authors, "A" + character))
        document = dataclasses.replace(document, meta=meta)
    else:
        meta = dataclasses.replace(document.meta, extra=(("publisher", "P" + character),))
        document = dataclasses.replace(document, meta=meta)
    assert cleaning.clean_document(document) == walked(document)
