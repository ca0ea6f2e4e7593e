"""The EPUB writer's chapters: the sections of the generic walk, one file each."""

from __future__ import annotations

import pytest

from convert import Document, Heading, Paragraph
from convert.model.samples import standard_documents
from convert.model.walk import iter_sections
from convert_plugins.epub.writer import plan_chapters

from pdf_helpers import meta


def sections_of(document: Document) -> list[tuple[int, object, tuple]]:
    """(number, heading, body) of each chapter, as the generic walk splits the document."""
    found, number = [], 0
    for section in iter_sections(document):
        if section.heading is None:
            if section.blocks:
                found.append((0, None, section.blocks))
            continue
        number += 1
        found.append((number, section.heading, section.blocks))
    return found


def one(text: str, line: int) -> Paragraph:
    return Paragraph(text, (line, line))


CASES = {
    "empty": (),
    "no heading": (one("a", 1), one("b", 2)),
    "heading first": (Heading(1, "A", None, (1, 1)), one("a", 2), Heading(2, "B", None, (3, 3))),
    "opening text": (one("intro", 1), Heading(1, "A", None, (2, 2)), Heading(1, "B", None, (3, 3)), one("b", 4)),
    "empty heading": (Heading(1, "  ", None, (1, 1)), one("a", 2)),
}


@pytest.mark.parametrize("blocks", CASES.values(), ids=CASES.keys())
def test_chapters_are_the_sections_of_the_walk(blocks):
    document = Document(meta(), blocks)
    chapters = plan_chapters(document, "Title", "en")
    assert [(c.number, c.heading, c.body) for c in chapters] == sections_of(document)


def test_chapters_of_the_standard_documents_are_the_sections_of_the_walk():
    for document in standard_documents().values():
        chapters = plan_chapters(document, "Title", "en")
        assert [(c.number, c.heading, c.body) for c in chapters] == sections_of(document)


def test_a_heading_without_text_is_listed_by_its_number():
    chapters = plan_chapters(Document(meta(), CASES["empty heading"]), "Title", "en")
    assert chapters[0].label == "Section 1"
