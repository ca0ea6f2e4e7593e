"""The package around the XHTML documents: the package document (OPF) with
its metadata, manifest and spine, the EPUB 2 table of contents (NCX) for
older reading systems, and ``META-INF/container.xml``.

Everything is written in one pass over the documents, so the cost grows
linearly with their number.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Iterator, NamedTuple

import convert

from .inline import escape
from .xhtml import Entry, encoded, nesting

PACKAGE_PATH = "EPUB/content.opf"
"""Where the package document is, as ``container.xml`` names it."""

CONTAINER = (
    '<?xml version="1.0" encoding="utf-8"?>\n'
    '<container xmlns="urn:oasis:names:tc:opendocument:xmlns:container" version="1.0">\n'
    f'<rootfiles>\n<rootfile full-path="{PACKAGE_PATH}" media-type="application/oebps-package+xml"/>\n'
    "</rootfiles>\n</container>\n"
).encode("utf-8")

CONFORMANCE = "EPUB Accessibility 1.1 - WCAG 2.1 Level AA"
"""The ``dcterms:conformsTo`` claim: what EPUBCheck and DAISY Ace verify in the test suite."""

ACCESSIBILITY_SUMMARY = (
    "Text only: every section starts with a heading, the table of contents and the headings give "
    "structural navigation, the reading order follows the source document, and the text can be "
    "restyled by the reading system. No hazards."
)
ACCESSIBILITY = (
    ("schema:accessMode", "textual"),
    ("schema:accessModeSufficient", "textual"),
    ("schema:accessibilityFeature", "structuralNavigation"),
    ("schema:accessibilityFeature", "tableOfContents"),
    ("schema:accessibilityFeature", "readingOrder"),
    ("schema:accessibilityFeature", "displayTransformability"),
    ("schema:accessibilityHazard", "none"),
)
"""EPUB Accessibility 1.1 discovery metadata (schema.org properties), besides the summary."""

DUBLIN_CORE_KEYS = ("publisher", "subject", "description", "rights")
"""``--metadata`` keys written as Dublin Core elements of the same name."""


# records are NamedTuples: a frozen dataclass costs some tenths of a millisecond to create at import
class Item(NamedTuple):
    """A file of the manifest."""

    id: str
    href: str
    media_type: str
    properties: str = ""
    linear: bool | None = None
    """In the spine, in reading order (True) or offered on demand (False); None: not in the spine."""


class Metadata(NamedTuple):
    """What the package document says about the publication."""

    identifier: str
    title: str
    language: str
    authors: tuple[str, ...]
    date: str
    """The document's date, ISO 8601 (``2026-01-01``), or empty."""
    modified: str
    """``dcterms:modified``: ISO 8601 UTC to the second."""
    extra: tuple[tuple[str, str], ...]
    """Further Dublin Core elements, ``(name, value)``."""
    right_to_left: bool


def _metadata(meta: Metadata) -> list[str]:
    parts = [
        "<metadata xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n",
        f'<dc:identifier id="pub-id">{escape(meta.identifier)}</dc:identifier>\n',
        f"<dc:title>{escape(meta.title)}</dc:title>\n",
        f"<dc:language>{escape(meta.language)}</dc:language>\n",
    ]
    for number, author in enumerate(meta.authors, 1):
        parts.append(f'<dc:creator id="creator-{number}">{escape(author)}</dc:creator>\n'
                     f'<meta refines="#creator-{number}" property="role" scheme="marc:relators">aut</meta>\n')
    if meta.date:
        parts.append(f"<dc:date>{escape(meta.date)}</dc:date>\n")
    parts.extend(f"<dc:{name}>{escape(value)}</dc:{name}>\n" for name, value in meta.extra)
    parts.append(f'<meta property="dcterms:modified">{meta.modified}</meta>\n')
    parts.extend(f'<meta property="{name}">{value}</meta>\n' for name, value in ACCESSIBILITY)
    # the summary is written in English whatever the book's language
    summary_language = "" if meta.language.lower().startswith("en") else ' xml:lang="en"'
    parts.append(f'<meta property="schema:accessibilitySummary"{summary_language}>{ACCESSIBILITY_SUMMARY}</meta>\n')
    parts.append(f'<meta property="dcterms:conformsTo">{CONFORMANCE}</meta>\n')
    parts.append(f'<meta property="a11y:certifiedBy">convert {convert.__version__}</meta>\n')
    parts.append(f'<meta name="generator" content="convert {convert.__version__}"/>\n')
    parts.append("</metadata>\n")
    return parts


def package_document(meta: Metadata, items: Sequence[Item], guide: list[tuple[str, str, str]]) -> Iterator[bytes]:
    """The OPF, in chunks made as they are read: metadata, every item in the
    manifest, the spine, and the EPUB 2 guide (``(type, href, title)``) for
    reading systems that still read it."""
    return encoded(_package_parts(meta, items, guide))


def _package_parts(meta: Metadata, items: Sequence[Item], guide: list[tuple[str, str, str]]) -> Iterator[str]:
    direction = ' dir="rtl"' if meta.right_to_left else ""
    language = escape(meta.language)
    yield from (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        f'<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="pub-id"'
        f' xml:lang="{language}"{direction}>\n',
        *_metadata(meta),
        "<manifest>\n",
    )
    for item in items:
        properties = f' properties="{item.properties}"' if item.properties else ""
        yield f'<item id="{item.id}" href="{escape(item.href)}" media-type="{item.media_type}"{properties}/>\n'
    progression = ' page-progression-direction="rtl"' if meta.right_to_left else ""
    yield f'</manifest>\n<spine toc="ncx"{progression}>\n'
    for item in items:
        if item.linear is not None:
            linear = "" if item.linear else ' linear="no"'
            yield f'<itemref idref="{item.id}"{linear}/>\n'
    yield "</spine>\n<guide>\n"
    yield from (f'<reference type="{kind}" title="{escape(title)}" href="{escape(href)}"/>\n'
                for kind, href, title in guide)
    yield "</guide>\n</package>\n"


def ncx_document(meta: Metadata, entries: Sequence[Entry]) -> Iterator[bytes]:
    """The EPUB 2 table of contents, in chunks made as they are read: the same
    entries as the navigation document."""
    return encoded(_ncx_parts(meta, entries))


def _ncx_parts(meta: Metadata, entries: Sequence[Entry]) -> Iterator[str]:
    depths = nesting(entry.level for entry in entries)
    yield (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1">\n<head>\n'
        f'<meta name="dtb:uid" content="{escape(meta.identifier)}"/>\n'
        f'<meta name="dtb:depth" content="{max(depths, default=0) + 1}"/>\n'
        '<meta name="dtb:totalPageCount" content="0"/>\n<meta name="dtb:maxPageNumber" content="0"/>\n'
        f"</head>\n<docTitle><text>{escape(meta.title)}</text></docTitle>\n<navMap>\n"
    )
    open_points = 0
    for number, (entry, depth) in enumerate(zip(entries, depths), 1):
        while open_points > depth:
            open_points -= 1
            yield "</navPoint>\n"
        yield (f'<navPoint id="navpoint-{number}" playOrder="{number}">'
               f"<navLabel><text>{escape(entry.label)}</text></navLabel>"
               f'<content src="{escape(entry.file_name)}"/>\n')
        open_points += 1
    yield "</navPoint>\n" * open_points
    yield "</navMap>\n</ncx>\n"
