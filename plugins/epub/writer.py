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
from itertools import chain
from collections.abc import Sequence
from typing import Any, BinaryIO, Callable, Iterable, Iterator, NamedTuple

from convert import Block, Context, Document, Heading
from convert.model.labels import contents_title
from convert.model.languages import is_right_to_left
from convert.model.walk import iter_sections, iter_text
from convert.reproducible import document_datetime, write_zip

from .package import CONTAINER, DUBLIN_CORE_KEYS, PACKAGE_PATH, Item, Metadata, ncx_document, package_document
from .xhtml import STYLESHEET, Entry, Page, content_document, navigation_document, title_page

TITLE_PAGE = "title-page.xhtml"
NAVIGATION = "nav.xhtml"
NCX = "toc.ncx"
XHTML = "application/xhtml+xml"
NAMESPACE_URL = bytes.fromhex("6ba7b8119dad11d180b400c04fd430c8")
"""RFC 4122's name space for URLs (``uuid.NAMESPACE_URL``)."""


class Chapter(NamedTuple):  # not a frozen dataclass, which costs more to create at import
    """One content document of the spine (a book may have a hundred thousand:
    a chapter holds only what its file name, entry and content derive from)."""

    number: int
    """0 for the opening text, then 1, 2, ... for the sections."""
    label: str
    """Its entry in the table of contents, and its ``<title>``."""
    level: int
    """Outline depth: the heading's level."""
    heading: Heading | None
    """The section's heading; None for the opening text."""
    body: tuple[Block, ...]
    """The section's blocks after its heading."""

    @property
    def file_name(self) -> str:
        return f"section-{self.number:03d}.xhtml"

    @property
    def listed(self) -> bool:
        """Whether the table of contents lists it (the opening text, which has no heading, is not)."""
        return self.heading is not None

    @property
    def blocks(self) -> tuple[Block, ...]:
        """What it shows: the section's heading, then its blocks."""
        return self.body if self.heading is None else (self.heading, *self.body)


class _Listed(Sequence):
    """Entries or items made from the chapters on demand, after some fixed
    ones, rather than a hundred thousand objects held at once."""

    def __init__(self, fixed: list, chapters: list[Chapter], make: Callable[[Chapter], Any]) -> None:
        self._fixed, self._chapters, self._make = fixed, chapters, make

    def __len__(self) -> int:
        return len(self._fixed) + len(self._chapters)

    def __iter__(self) -> Iterator[Any]:
        # Sequence's own iteration calls __getitem__ for each item, a fifth slower
        yield from self._fixed
        yield from map(self._make, self._chapters)

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if index < len(self._fixed):
            return self._fixed[index]
        return self._make(self._chapters[index - len(self._fixed)])


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
                chapters.append(Chapter(0, title, 1, None, section.blocks))
            continue
        headings += 1
        # an entry without text would be an invalid, invisible link
        label = " ".join(section.heading.label.split()) or f"Section {headings}"
        chapters.append(Chapter(headings, label, max(section.heading.level, 1), section.heading, section.blocks))
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


def book_files(document: Document, title: str, language: str,
               toc_title: str) -> Iterator[tuple[str, bytes | Iterable[bytes]]]:
    """Every file of the publication, as ``(path relative to the package
    document, content or its chunks)``: the package document first, then the rest in reading
    order.  Each section's document is made only when its turn comes, so a
    book of many sections never holds them all at once."""
    meta = _metadata(document, title, language)
    chapters = plan_chapters(document, title, language)
    top = min((chapter.level for chapter in chapters if chapter.listed), default=1)
    listed = chapters if not chapters or chapters[0].listed else chapters[1:]
    entries = _Listed([Entry(TITLE_PAGE, title, top)], listed, lambda c: Entry(c.file_name, c.label, c.level))
    landmarks = [("titlepage", TITLE_PAGE, title), ("toc", NAVIGATION, toc_title)]
    guide = [("title-page", TITLE_PAGE, title), ("toc", NAVIGATION, toc_title)]
    if chapters:
        landmarks.append(("bodymatter", chapters[0].file_name, chapters[0].label))
        guide.append(("text", chapters[0].file_name, chapters[0].label))
    items = _Listed([
        Item("style", STYLESHEET, "text/css"),
        Item("ncx", NCX, "application/x-dtbncx+xml"),
        Item("title-page", TITLE_PAGE, XHTML, linear=True),
        Item("nav", NAVIGATION, XHTML, properties="nav", linear=True),
    ], chapters, lambda c: Item(c.file_name.removesuffix(".xhtml"), c.file_name, XHTML, linear=True))
    yield PACKAGE_PATH.rpartition("/")[2], package_document(meta, items, guide)
    yield STYLESHEET, _stylesheet()
    yield NCX, ncx_document(meta, entries)
    yield TITLE_PAGE, title_page(Page(title, language), meta.authors, meta.date)
    yield NAVIGATION, navigation_document(Page(toc_title, language), entries, landmarks)
    for chapter in chapters:
        yield chapter.file_name, content_document(Page(chapter.label, language), chapter.blocks)


def write_epub(document: Document, stream: BinaryIO, context: Context) -> None:
    """Write the document as an EPUB 3 publication."""
    title = " ".join(document.meta.title.split())
    if not title:
        title = "Untitled"
        context.warning("epub-title", "the document has no title; the EPUB is titled 'Untitled'")
    language = document.meta.language or "en"  # EPUB requires one
    # the heading of the contents page: -O toc_title=..., else "Contents" in the document's language
    toc_title = " ".join(context.options.get("toc_title", "").split()) or contents_title(language)
    folder = PACKAGE_PATH.rpartition("/")[0]
    files = ((f"{folder}/{name}", data) for name, data in book_files(document, title, language, toc_title))
    entries = chain([("mimetype", b"application/epub+zip"), ("META-INF/container.xml", CONTAINER)], files)
    write_zip(stream, entries, document_datetime(document), stored=("mimetype",))
