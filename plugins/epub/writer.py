"""EPUB 3 writer: a title page, a contents page, then one XHTML document per
section, packaged with EPUB Accessibility 1.1 metadata.

The package is written here rather than by a library, so that every part is
known and reproducible: the identifier is a UUID5 of the source's SHA-256,
``dcterms:modified`` is the document's date, the ZIP has ``mimetype`` first
and stored, and fixed entry timestamps.  Each file is written once, in a
single pass, so the time grows linearly with the number of sections.
"""

from __future__ import annotations

import functools
import hashlib
import os
from dataclasses import dataclass
from typing import BinaryIO

from convert import Context, Document
from convert.model.labels import contents_title
from convert.model.languages import is_right_to_left
from convert.model.walk import iter_sections, iter_text
from convert.reproducible import document_datetime, pack_zip

from .package import CONTAINER, DUBLIN_CORE_KEYS, PACKAGE_PATH, Item, Metadata, ncx_document, package_document
from .xhtml import STYLESHEET, Entry, Page, content_document, navigation_document, title_page

TITLE_PAGE = "title-page.xhtml"
NAVIGATION = "nav.xhtml"
NCX = "toc.ncx"
XHTML = "application/xhtml+xml"
NAMESPACE_URL = bytes.fromhex("6ba7b8119dad11d180b400c04fd430c8")
"""RFC 4122's name space for URLs (``uuid.NAMESPACE_URL``)."""


@dataclass(frozen=True)
class Chapter:
    """One content document of the spine."""

    file_name: str
    label: str
    """Its entry in the table of contents, and its ``<title>``."""
    level: int
    """Outline depth: the heading's level."""
    content: bytes
    listed: bool = True
    """Whether the table of contents lists it (the opening text, which has no heading, is not)."""


@functools.cache
def _stylesheet() -> bytes:
    # the package's loader reads its data wherever it is installed (importlib.resources costs ~2 ms to import)
    return __loader__.get_data(os.path.join(os.path.dirname(__file__), "style.css"))


def uuid5(name: str) -> str:
    """``str(uuid.uuid5(uuid.NAMESPACE_URL, name))``, without importing uuid (which imports platform)."""
    digest = bytearray(hashlib.sha1(NAMESPACE_URL + name.encode("utf-8")).digest()[:16])
    digest[6] = digest[6] & 0x0F | 0x50  # version 5
    digest[8] = digest[8] & 0x3F | 0x80  # the RFC 4122 variant
    text = digest.hex()
    return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"


def identifier(document: Document) -> str:
    """A URN that stays the same for the same source: a UUID5 of its SHA-256.

    Documents without a source (built through the API) use their text instead.
    """
    digest = document.meta.source_sha256
    if not digest:
        digest = hashlib.sha256("\n".join(iter_text(document)).encode("utf-8")).hexdigest()
    return f"urn:uuid:{uuid5(f'urn:sha256:{digest}')}"


def plan_chapters(document: Document, title: str, language: str) -> list[Chapter]:
    """The opening text (before the first heading) if any, then one document per heading."""
    chapters = []
    headings = 0
    for section in iter_sections(document):
        if section.heading is None:
            if section.blocks:
                content = content_document(Page(title, language), section.blocks)
                chapters.append(Chapter("section-000.xhtml", title, 1, content, listed=False))
            continue
        headings += 1
        # an entry without text would be an invalid, invisible link
        label = " ".join(section.heading.label.split()) or f"Section {headings}"
        content = content_document(Page(label, language), (section.heading, *section.blocks))
        chapters.append(Chapter(f"section-{headings:03d}.xhtml", label, max(section.heading.level, 1), content))
    return chapters


def _metadata(document: Document, title: str, language: str) -> Metadata:
    meta = document.meta
    when = document_datetime(document)
    return Metadata(
        identifier=identifier(document),
        title=title,
        language=language,
        authors=tuple(" ".join(name.split()) for name in meta.authors if name.strip()),
        date=meta.modified[:10] if meta.modified else "",
        modified=when.strftime("%Y-%m-%dT%H:%M:%SZ"),
        extra=tuple((key, meta.get(key)) for key in DUBLIN_CORE_KEYS if meta.get(key)),
        right_to_left=is_right_to_left(language),
    )


def book_files(document: Document, title: str, language: str, toc_title: str) -> list[tuple[str, bytes]]:
    """Every file of the publication, as ``(path relative to the package
    document, content)``: the package document first, then the rest in reading order."""
    meta = _metadata(document, title, language)
    chapters = plan_chapters(document, title, language)
    top = min((chapter.level for chapter in chapters if chapter.listed), default=1)
    entries = [Entry(TITLE_PAGE, title, top)]
    entries.extend(Entry(c.file_name, c.label, c.level) for c in chapters if c.listed)
    landmarks = [("titlepage", TITLE_PAGE, title), ("toc", NAVIGATION, toc_title)]
    guide = [("title-page", TITLE_PAGE, title), ("toc", NAVIGATION, toc_title)]
    if chapters:
        landmarks.append(("bodymatter", chapters[0].file_name, chapters[0].label))
        guide.append(("text", chapters[0].file_name, chapters[0].label))
    items = [
        Item("style", STYLESHEET, "text/css"),
        Item("ncx", NCX, "application/x-dtbncx+xml"),
        Item("title-page", TITLE_PAGE, XHTML, linear=True),
        Item("nav", NAVIGATION, XHTML, properties="nav", linear=True),
        *(Item(c.file_name.removesuffix(".xhtml"), c.file_name, XHTML, linear=True) for c in chapters),
    ]
    return [
        (PACKAGE_PATH.rpartition("/")[2], package_document(meta, items, guide)),
        (STYLESHEET, _stylesheet()),
        (NCX, ncx_document(meta, entries)),
        (TITLE_PAGE, title_page(Page(title, language), meta.authors, meta.date)),
        (NAVIGATION, navigation_document(Page(toc_title, language), entries, landmarks)),
        *((chapter.file_name, chapter.content) for chapter in chapters),
    ]


def write_epub(document: Document, stream: BinaryIO, context: Context) -> None:
    """Write the document as an EPUB 3 publication."""
    title = " ".join(document.meta.title.split())
    if not title:
        title = "Untitled"
        context.warning("epub-title", "the document has no title; the EPUB is titled 'Untitled'")
    language = document.meta.language or "en"  # EPUB requires one
    # the heading of the contents page: -O toc_title=..., else "Contents" in the document's language
    toc_title = " ".join(context.options.get("toc_title", "").split()) or contents_title(language)
    files = book_files(document, title, language, toc_title)
    folder = PACKAGE_PATH.rpartition("/")[0]
    entries = [("mimetype", b"application/epub+zip"), ("META-INF/container.xml", CONTAINER)]
    entries += [(f"{folder}/{name}", data) for name, data in files]
    # written once, compressed, with fixed timestamps; mimetype first and stored, as EPUB requires
    stream.write(pack_zip(entries, document_datetime(document), stored=("mimetype",)))
