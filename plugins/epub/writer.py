"""EPUB 3 writer: one XHTML document per section, written by ebooklib.

ebooklib assembles the package (OPF, navigation document, NCX, ZIP), with
these of its defaults replaced, since each would make the EPUB invalid or
unreproducible:

* the identifier is a UUID5 of the source's SHA-256, not a random UUID4;
* ``dcterms:modified`` is the document's date, not the current time;
* the page list is off: ebooklib would list every element carrying both
  ``epub:type`` and ``id`` as a "page";
* write errors are raised, not turned into a ``False`` return value;
* the ZIP is re-packed with ``mimetype`` first and stored, and fixed entry
  timestamps instead of the current time;
* content documents are handed over ready-made (see :mod:`.xhtml`) instead of
  being re-parsed by ebooklib's HTML parser.
"""

from __future__ import annotations

import functools
import hashlib
import io
import uuid
from dataclasses import dataclass
from importlib import resources
from typing import BinaryIO

from ebooklib import epub

from convert import Context, Document
from convert.model.languages import is_right_to_left
from convert.reproducible import document_datetime, repack_zip
from convert.model.walk import iter_sections, iter_text

from .xhtml import STYLESHEET, Page, content_document, title_block

DEFAULT_TOC_TITLE = "Contents"
"""Heading of the table of contents; ``--option toc_title=...`` changes it."""

DUBLIN_CORE_KEYS = ("publisher", "subject", "description", "rights")
"""``--metadata`` keys written as Dublin Core elements of the same name."""


@dataclass(frozen=True)
class Chapter:
    """One content document of the spine and its table-of-contents entry."""

    file_name: str
    label: str
    """Its entry in the table of contents, and its ``<title>``."""
    level: int
    """Outline depth: the heading's level; the top level for the opening document."""
    content: bytes


class _ReadyDocument(epub.EpubHtml):
    """A content document whose XHTML is complete: written as is."""

    def get_content(self, default: bytes | None = None) -> bytes:
        return self.content


@functools.cache
def _stylesheet() -> bytes:
    return resources.files(__package__).joinpath("style.css").read_bytes()


def identifier(document: Document) -> str:
    """A URN that stays the same for the same source: a UUID5 of its SHA-256.

    Documents without a source (built through the API) use their text instead.
    """
    digest = document.meta.source_sha256
    if not digest:
        digest = hashlib.sha256("\n".join(iter_text(document)).encode("utf-8")).hexdigest()
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'urn:sha256:{digest}')}"


def plan_chapters(document: Document, title: str, language: str) -> list[Chapter]:
    """The opening document (title and any text before the first heading),
    then one document per heading."""
    sections = list(iter_sections(document))
    opening = sections[0].blocks if sections[0].heading is None else ()
    headed = [(section.heading, section.blocks) for section in sections if section.heading is not None]
    # the opening document is a sibling of the top-level headings, not their parent
    top = min((max(heading.level, 1) for heading, _ in headed), default=1)
    title_page = Page(title, language, title_block(title, document.meta.authors))
    chapters = [Chapter("section-000.xhtml", title, top, content_document(title_page, opening))]
    for number, (heading, blocks) in enumerate(headed, 1):
        # an entry without text would be an invalid, invisible link
        label = heading.label.strip() or f"Section {number}"
        content = content_document(Page(label, language), (heading, *blocks))
        chapters.append(Chapter(f"section-{number:03d}.xhtml", label, max(heading.level, 1), content))
    return chapters


def toc_entries(chapters: list[Chapter]) -> list:
    """ebooklib's table of contents, nested by heading level.

    A chapter with sub-entries is a ``(Link, [...])`` pair; one without is a
    bare Link, because ebooklib writes an (invalid) empty ``<ol>`` for a pair
    with no sub-entries.
    """
    root: list = []
    stack: list[tuple[int, list]] = [(0, root)]
    for number, chapter in enumerate(chapters):
        while stack[-1][0] >= chapter.level:
            stack.pop()
        link = epub.Link(chapter.file_name, chapter.label, f"navpoint-{number:03d}")
        node: tuple = (link, [])
        stack[-1][1].append(node)
        stack.append((chapter.level, node[1]))

    def shape(nodes: list) -> list:
        return [(link, shape(children)) if children else link for link, children in nodes]

    return shape(root)


def build_book(document: Document, chapters: list[Chapter], language: str, context: Context) -> epub.EpubBook:
    """The ebooklib book: metadata, stylesheet, documents, navigation."""
    meta = document.meta
    book = epub.EpubBook()
    book.set_identifier(identifier(document))
    book.set_title(chapters[0].label)
    book.set_language(language)
    for number, author in enumerate(meta.authors, 1):
        book.add_author(author, uid=f"creator-{number}")
    for key in DUBLIN_CORE_KEYS:
        if meta.get(key):
            book.add_metadata("DC", key, meta.get(key))
    if is_right_to_left(book.language):
        book.set_direction("rtl")
    style = book.add_item(epub.EpubItem("style", STYLESHEET, "text/css", _stylesheet()))
    items = []
    for number, chapter in enumerate(chapters):
        item = _ReadyDocument(f"section-{number:03d}", chapter.file_name, "application/xhtml+xml",
                              chapter.content, chapter.label, book.language)
        items.append(book.add_item(item))
    toc_title = context.options.get("toc_title", "").strip() or DEFAULT_TOC_TITLE
    nav = epub.EpubNav(title=toc_title, direction=book.direction)
    nav.add_item(style)
    book.add_item(nav)
    book.add_item(epub.EpubNcx())
    book.toc = toc_entries(chapters)
    # the landmarks link to the navigation document, so it must be in the
    # spine; out of the reading order, as reading systems show it on demand
    book.spine = [*items, (nav, "no")]
    book.guide = [
        {"href": nav.file_name, "title": toc_title, "type": "toc"},
        {"href": chapters[0].file_name, "title": chapters[0].label, "type": "text"},
    ]
    return book


def write_epub(document: Document, stream: BinaryIO, context: Context) -> None:
    """Write the document as an EPUB 3 publication."""
    title = " ".join(document.meta.title.split())
    if not title:
        title = "Untitled"
        context.warning("epub-title", "the document has no title; the EPUB is titled 'Untitled'")
    language = document.meta.language or "en"  # EPUB requires one
    when = document_datetime(document)
    book = build_book(document, plan_chapters(document, title, language), language, context)
    options = {
        "epub3_pages": False,
        "mtime": when,
        "play_order": {"enabled": True, "start_from": 1},
        "landmark_title": "Landmarks",
        "raise_exceptions": True,
        # the archive is compressed once, when it is re-packed below
        "compresslevel": 0,
    }
    packed = io.BytesIO()
    if not epub.write_epub(packed, book, options):
        raise OSError("ebooklib could not write the EPUB")
    stream.write(repack_zip(packed.getvalue(), when, first=("mimetype",), stored=("mimetype",)))
