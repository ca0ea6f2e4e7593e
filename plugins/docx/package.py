"""The package around the body: the parts of one document, its page setup,
and the reproducible ZIP container.

The package is written here rather than by python-docx: importing python-docx
registers an element class for every WordprocessingML tag and loads its whole
object API, which took longer than converting the seed, while the writer only
ever changed five parts of a template it builds itself.  The parts a document
changes (the body, styles, settings, numbering, core properties) are parsed
from the template with lxml and serialised as python-docx serialised them
(``standalone="yes"``); the others are the same for every document and made
once per process.
"""

from __future__ import annotations

import functools
import io
from datetime import datetime
from typing import Callable, Iterable

from lxml import etree

from convert import Context, Meta
from convert.reproducible import write_zip

from .layout import BOTTOM_MARGIN, DEFAULT_PAGE_SIZE, FOOTER_DISTANCE, PAGE_SIZES, TOP_MARGIN, side_margin
from .oxml import w
from .template import house_parts

ZIP_ORDER = (
    "[Content_Types].xml", "_rels/.rels",  # Office writes these first; some tools sniff the container from them
    "word/document.xml", "word/_rels/document.xml.rels", "word/styles.xml", "word/settings.xml",
    "word/numbering.xml", "word/fontTable.xml", "word/footer1.xml", "docProps/core.xml", "docProps/app.xml",
)
"""Every part, in the order the archive holds them."""

_STATIC_XML = ("[Content_Types].xml", "_rels/.rels", "word/footer1.xml")
"""Parts the same in every document, serialised like the changing ones."""
_VERBATIM = ("word/fontTable.xml",)
"""A part kept as the template writes it, declaration included."""

_RELATIONSHIPS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_HYPERLINK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"


def serialized(root: etree._Element) -> bytes:
    """A part's XML as the package stores it."""
    return etree.tostring(root, encoding="UTF-8", standalone=True)


@functools.lru_cache(maxsize=1)
def _static_parts() -> dict[str, bytes]:
    parts = house_parts()
    static = {name: serialized(etree.fromstring(parts[name])) for name in _STATIC_XML}
    for name in _VERBATIM:
        static[name] = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + parts[name]).encode("utf-8")
    return static


class WordPackage:
    """One document's parts: the house template's, ready to be filled in."""

    def __init__(self) -> None:
        parts = house_parts()
        self.document = etree.fromstring(parts["word/document.xml"])
        """``w:document``, whose ``w:body`` the writer fills."""
        self.styles = etree.fromstring(parts["word/styles.xml"])
        self.settings = etree.fromstring(parts["word/settings.xml"])
        self.numbering = etree.fromstring(parts["word/numbering.xml"])
        self.core = etree.fromstring(parts["docProps/core.xml"])
        self.app = parts["docProps/app.xml"].encode("utf-8")
        """``docProps/app.xml`` as bytes (see :func:`~convert_plugins.docx.properties.set_app_properties`)."""
        self.hyperlinks: dict[str, str] = {}
        """Relationship ids of the document's link targets, by target, in the order added."""
        self._rels = parts["word/_rels/document.xml.rels"]

    @property
    def body(self) -> etree._Element:
        return self.document.find(w("body"))

    def hyperlink(self, target: str) -> str:
        """The id of the relationship to ``target``, added on first use."""
        rel_id = self.hyperlinks.get(target)
        if rel_id is None:
            rel_id = self.hyperlinks[target] = f"rIdLink{len(self.hyperlinks) + 1}"
        return rel_id

    def to_bytes(self, when: datetime, finish_body: Callable[[bytes], Iterable[bytes]] | None = None) -> bytes:
        """The DOCX file, whose bytes depend only on its content and ``when``;
        ``finish_body`` rewrites ``word/document.xml`` as serialised."""
        document = serialized(self.document)
        parts = {
            **_static_parts(),
            "word/document.xml": finish_body(document) if finish_body else document,
            "word/_rels/document.xml.rels": self._relationships(),
            "word/styles.xml": serialized(self.styles),
            "word/settings.xml": serialized(self.settings),
            "word/numbering.xml": serialized(self.numbering),
            "docProps/core.xml": serialized(self.core),
            "docProps/app.xml": self.app,
        }
        buffer = io.BytesIO()
        write_zip(buffer, ((name, parts[name]) for name in ZIP_ORDER), when)
        return buffer.getvalue()

    def _relationships(self) -> bytes:
        rels = etree.fromstring(self._rels)
        for target, rel_id in self.hyperlinks.items():
            etree.SubElement(rels, f"{{{_RELATIONSHIPS_NS}}}Relationship",
                             {"Id": rel_id, "Type": _HYPERLINK, "Target": target, "TargetMode": "External"})
        return serialized(rels)


def set_page(package: WordPackage, meta: Meta, context: Context, title_page: bool) -> int:
    """Apply the ``page_size`` option (``a4`` or ``letter``, also accepted as
    metadata): the text block keeps its width and the side margins take the
    rest.  With ``title_page``, the first page (title and contents) has no
    page number.  Returns the page height in twips."""
    name = context.choice("page_size", tuple(PAGE_SIZES), meta.get("page_size") or DEFAULT_PAGE_SIZE)
    width, height = PAGE_SIZES[name]
    section = package.body.find(w("sectPr"))
    size = section.find(w("pgSz"))
    size.set(w("w"), str(width))
    size.set(w("h"), str(height))
    margins = section.find(w("pgMar"))
    margin = str(side_margin(width))
    for side, value in (("top", TOP_MARGIN), ("right", margin), ("bottom", BOTTOM_MARGIN), ("left", margin),
                        ("footer", FOOTER_DISTANCE)):
        margins.set(w(side), str(value))
    if title_page:
        etree.SubElement(section, w("titlePg"))  # the last child the template's section properties allow
    return height

