"""The package around the body: the parts of one document, its page setup,
and the reproducible ZIP container.

The package is written here rather than by python-docx: importing python-docx
registers an element class for every WordprocessingML tag and loads its whole
object API, which took longer than converting the seed, while the writer
only ever changed a few parts of a template it builds itself.  Every part is
written as text, byte for byte as python-docx saved it (XML parts with lxml's
``standalone='yes'`` declaration, the font table as the template has it).
"""

from __future__ import annotations

import io
from datetime import datetime
from typing import Iterable, Iterator

from convert import Context, Meta
from convert.reproducible import write_zip

from .layout import BOTTOM_MARGIN, DEFAULT_PAGE_SIZE, FOOTER_DISTANCE, PAGE_SIZES, TOP_MARGIN, side_margin
from .numbering import ListNumbering
from .styles import styles_part
from .template import DOCUMENT_END, DOCUMENT_START, document_relationships, house_parts, section_properties
from .template import settings_part

ZIP_ORDER = (
    "[Content_Types].xml", "_rels/.rels",  # Office writes these first; some tools sniff the container from them
    "word/document.xml", "word/_rels/document.xml.rels", "word/styles.xml", "word/settings.xml",
    "word/numbering.xml", "word/fontTable.xml", "word/footer1.xml", "docProps/core.xml", "docProps/app.xml",
)
"""Every part, in the order the archive holds them."""

DECLARATION = "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
"""How lxml, and so python-docx, declared every XML part it serialised."""
_TEMPLATE_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
"""The font table's: python-docx kept that part as the template had it."""


def part(text: str) -> bytes:
    """An XML part's bytes, declaration first."""
    return (DECLARATION + text).encode("utf-8")


class WordPackage:
    """One document's parts, filled in by the writer."""

    def __init__(self, language: str) -> None:
        self.language = language
        """The language of the text (see :func:`~convert_plugins.docx.styles.language_attributes`)."""
        self.numbering = ListNumbering()
        self.update_fields = False
        """Whether word processors are asked to recompute the fields (the contents) on opening."""
        self.section = section_properties(*PAGE_SIZES[DEFAULT_PAGE_SIZE], _margins(DEFAULT_PAGE_SIZE), False)
        """The section properties, last in the body (see :func:`set_page`)."""
        self.core = ""
        """``docProps/core.xml`` (see :func:`~convert_plugins.docx.properties.set_core_properties`)."""
        self.app = ""
        """``docProps/app.xml`` (see :func:`~convert_plugins.docx.properties.set_app_properties`)."""
        self.hyperlinks: dict[str, str] = {}
        """Relationship ids of the document's link targets, by target, in the order added."""

    def hyperlink(self, target: str) -> str:
        """The id of the relationship to ``target``, added on first use."""
        rel_id = self.hyperlinks.get(target)
        if rel_id is None:
            rel_id = self.hyperlinks[target] = f"rIdLink{len(self.hyperlinks) + 1}"
        return rel_id

    def to_bytes(self, when: datetime, body: Iterable[bytes]) -> bytes:
        """The DOCX file around ``body`` (the XML text of the body's blocks),
        its bytes depending only on its content and ``when``."""
        shared = house_parts()
        parts = {
            "[Content_Types].xml": part(shared["[Content_Types].xml"]),
            "_rels/.rels": part(shared["_rels/.rels"]),
            "word/document.xml": self._document(body),
            "word/_rels/document.xml.rels": part(document_relationships(tuple(
                (rel_id, target) for target, rel_id in self.hyperlinks.items()))),
            "word/styles.xml": part(styles_part(self.language)),
            "word/settings.xml": part(settings_part(self.language, self.update_fields)),
            "word/numbering.xml": part(self.numbering.xml()),
            "word/fontTable.xml": (_TEMPLATE_DECLARATION + shared["word/fontTable.xml"]).encode("utf-8"),
            "word/footer1.xml": part(shared["word/footer1.xml"]),
            "docProps/core.xml": part(self.core),
            "docProps/app.xml": self.app.encode("utf-8"),
        }
        buffer = io.BytesIO()
        write_zip(buffer, ((name, parts[name]) for name in ZIP_ORDER), when)
        return buffer.getvalue()

    def _document(self, body: Iterable[bytes]) -> Iterator[bytes]:
        yield part(DOCUMENT_START)
        yield from body
        yield (self.section + DOCUMENT_END).encode("utf-8")


def _margins(page_size: str) -> tuple[int, int, int, int, int]:
    margin = side_margin(PAGE_SIZES[page_size][0])
    return TOP_MARGIN, margin, BOTTOM_MARGIN, margin, FOOTER_DISTANCE


def set_page(package: WordPackage, meta: Meta, context: Context, title_page: bool) -> int:
    """Apply the ``page_size`` option (``a4`` or ``letter``, also accepted as
    metadata): the text block keeps its width and the side margins take the
    rest.  With ``title_page``, the first page (title and contents) has no
    page number.  Returns the page height in twips."""
    name = context.choice("page_size", tuple(PAGE_SIZES), meta.get("page_size") or DEFAULT_PAGE_SIZE)
    width, height = PAGE_SIZES[name]
    package.section = section_properties(width, height, _margins(name), title_page)
    return height
