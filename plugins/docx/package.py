"""The package around the body: page setup, settings, and the reproducible
ZIP container."""

from __future__ import annotations

import io
from datetime import datetime
from typing import Callable, Iterable

from docx.document import Document as WordDocument
from docx.shared import Twips

from convert import Context, Meta
from convert.reproducible import repack_zip

from .layout import BOTTOM_MARGIN, DEFAULT_PAGE_SIZE, FOOTER_DISTANCE, PAGE_SIZES, TOP_MARGIN, side_margin

ZIP_ORDER = ("[Content_Types].xml", "_rels/.rels")
"""Entries Office writes first; some tools sniff the container from them."""


def set_page(document: WordDocument, meta: Meta, context: Context, title_page: bool) -> int:
    """Apply the ``page_size`` option (``a4`` or ``letter``, also accepted as
    metadata): the text block keeps its width and the side margins take the
    rest.  With ``title_page``, the first page (title and contents) has no
    page number.  Returns the page height in twips."""
    name = context.choice("page_size", tuple(PAGE_SIZES), meta.get("page_size") or DEFAULT_PAGE_SIZE)
    width, height = PAGE_SIZES[name]
    section = document.sections[0]
    section.page_width, section.page_height = Twips(width), Twips(height)
    section.left_margin = section.right_margin = Twips(side_margin(width))
    section.top_margin, section.bottom_margin = Twips(TOP_MARGIN), Twips(BOTTOM_MARGIN)
    section.footer_distance = Twips(FOOTER_DISTANCE)
    section.different_first_page_header_footer = title_page
    return height


def to_bytes(document: WordDocument, when: datetime,
             finish_body: Callable[[bytes], Iterable[bytes]] | None = None) -> bytes:
    """Save the document as a ZIP whose bytes depend only on its content and
    ``when``; ``finish_body`` rewrites ``word/document.xml`` as saved."""
    buffer = io.BytesIO()
    document.save(buffer)
    rewrite = {"word/document.xml": finish_body} if finish_body else {}
    return repack_zip(buffer.getvalue(), when, first=ZIP_ORDER, rewrite=rewrite)
