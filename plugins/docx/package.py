"""The package around the body: core properties, page setup, settings, and
the reproducible ZIP container.

python-docx's default template says it was written by "python-docx" in 2013,
carries a thumbnail of an empty page and Word 2010's duplicate style part;
all of that is replaced or dropped here.
"""

from __future__ import annotations

import io
from datetime import datetime

from docx.document import Document as WordDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.rel import Relationships
from docx.shared import Twips

from convert import Context, Meta
from convert.reproducible import repack_zip

from .oxml import w

_STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"

# Page width and height in twentieths of a point; margins are one inch.
PAGE_SIZES = {"a4": (11906, 16838), "letter": (12240, 15840)}
DEFAULT_PAGE_SIZE = "a4"
MARGIN = 1440

ZIP_ORDER = ("[Content_Types].xml", "_rels/.rels")
"""Entries Office writes first; some tools sniff the container from them."""


def set_core_properties(document: WordDocument, meta: Meta, when: datetime) -> None:
    """Fill docProps/core.xml from the model; every field the template sets is overwritten."""
    properties = document.core_properties
    properties.title = meta.title
    properties.author = "; ".join(meta.authors)
    properties.language = meta.language
    properties.subject = meta.get("subject", "") or ""
    properties.keywords = meta.get("keywords", "") or ""
    properties.comments = meta.get("description", "") or ""
    properties.category = meta.get("category", "") or ""
    properties.last_modified_by = ""
    properties.created = when
    properties.modified = when
    properties.revision = 1


def drop_template_leftovers(document: WordDocument) -> None:
    """Remove parts that describe the template rather than this document: the
    thumbnail of an empty page, and Word 2010's copy of the styles, which would
    otherwise disagree with styles.xml."""
    _drop_relationships(document.part.package.rels, RT.THUMBNAIL)
    _drop_relationships(document.part.rels, _STYLES_WITH_EFFECTS)
    # python-docx writes only the parts still reachable through relationships,
    # and derives [Content_Types].xml from them, so nothing else is needed.


def _drop_relationships(rels: Relationships, reltype: str) -> None:
    for rel_id in [rel_id for rel_id, rel in rels.items() if rel.reltype == reltype]:
        del rels[rel_id]
        rels.related_parts.pop(rel_id, None)


def set_document_id(document: WordDocument, sha256: str) -> None:
    """Give the document its own ``w14:docId`` (derived from the source's hash)
    instead of the template's, keeping the output reproducible."""
    if len(sha256) < 8:
        return
    w14 = "http://schemas.microsoft.com/office/word/2010/wordml"
    element = document.settings.element.find(f"{{{w14}}}docId")
    if element is not None:
        # ST_LongHexNumber; Word rejects values of 0x80000000 and above.
        element.set(f"{{{w14}}}val", f"{int(sha256[:8], 16) & 0x7FFFFFFF:08X}")


def set_page(document: WordDocument, meta: Meta, context: Context) -> None:
    """Apply the ``page_size`` option (``a4`` or ``letter``, also accepted as
    metadata) and one-inch margins."""
    name = context.choice("page_size", tuple(PAGE_SIZES), meta.get("page_size") or DEFAULT_PAGE_SIZE)
    width, height = PAGE_SIZES[name]
    section = document.sections[0]
    section.page_width, section.page_height = Twips(width), Twips(height)
    section.left_margin = section.right_margin = Twips(MARGIN)
    section.top_margin = section.bottom_margin = Twips(MARGIN)


def drop_proof_state(document: WordDocument) -> None:
    """The template claims its (empty) text was spell-checked clean; without
    the claim, Word checks this document's text."""
    settings = document.settings.element
    for element in settings.findall(w("proofState")):
        settings.remove(element)


def to_bytes(document: WordDocument, when: datetime) -> bytes:
    """Save the document as a ZIP whose bytes depend only on its content and ``when``."""
    buffer = io.BytesIO()
    document.save(buffer)
    return repack_zip(buffer.getvalue(), when, first=ZIP_ORDER)
