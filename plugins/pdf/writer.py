"""PDF output with reportlab's platypus.

The page: A4 (or US Letter with ``--option page_size=letter``), a title
block, a table of contents with page numbers, the body, and "3 / 28" in the
footer.  The file: one bookmark per heading, ``/Lang`` from the document's
language, document information without placeholders, and no clock or random
state, so that equal inputs give byte-identical PDFs.
"""

from __future__ import annotations

import functools
from typing import Any, BinaryIO

import reportlab
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

import convert
from convert import Context, Document
from convert.reproducible import document_datetime

from .canvas import DocumentInfo, PdfCanvas
from .fonts import SANS, SERIF, MissingGlyphs, chain
from .story import Renderer, build_story
from .styles import BOTTOM_MARGIN, FOOTER_SIZE, FOOTER_Y, MARGIN, PAGE_SIZES, make_styles
from .toc import TOTAL_PAGES_FORM, PageNumbers


def page_size(document: Document, context: Context) -> tuple[float, float]:
    """The page size from ``--option page_size`` (or ``--metadata page_size``).

    :raises UsageError: the value is neither ``a4`` nor ``letter``.
    """
    default = document.meta.get("page_size") or "a4"
    return PAGE_SIZES[context.choice("page_size", tuple(PAGE_SIZES), default)]


def document_info(document: Document) -> dict[str, str]:
    """The ``/Info`` fields of a document (empty ones are left out)."""
    meta = document.meta
    tool = f"convert {convert.__version__}"
    return {
        "Title": meta.title,
        "Author": "; ".join(meta.authors),
        "Subject": meta.get("subject") or "",
        "Keywords": meta.get("keywords") or "",
        "Creator": tool,
        "Producer": f"{tool} (ReportLab {reportlab.Version})",
    }


def _footer(numbers: PageNumbers, canvas: Canvas, template: BaseDocTemplate) -> None:
    """Draw "page / total" centred on the slash; the total is a deferred form."""
    page = canvas.getPageNumber()
    numbers.last_page = page
    middle = template.pagesize[0] / 2
    canvas.saveState()
    canvas.setFont(SANS, FOOTER_SIZE)
    canvas.setFillColor("#555555")
    canvas.drawRightString(middle - 4, FOOTER_Y, str(page))
    canvas.drawCentredString(middle, FOOTER_Y, "/")
    canvas.translate(middle + 4, FOOTER_Y)
    canvas.doForm(TOTAL_PAGES_FORM)
    canvas.restoreState()


def _template(stream: BinaryIO, document: Document, size: tuple[float, float], numbers: PageNumbers) -> BaseDocTemplate:
    template = BaseDocTemplate(
        stream,
        pagesize=size,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=BOTTOM_MARGIN,
        invariant=1,
        pageCompression=1,
        initialFontName=SERIF,  # reportlab would otherwise start every page in Helvetica
        lang=document.meta.language,
    )
    frame = Frame(template.leftMargin, template.bottomMargin, template.width, template.height, id="body")
    footer = functools.partial(_footer, numbers)
    template.addPageTemplates([PageTemplate("page", [frame], onPageEnd=footer, pagesize=size)])
    return template


def write_pdf(document: Document, stream: BinaryIO, context: Context) -> None:
    """Typeset a document as PDF.

    Characters no packaged font covers are reported as ``missing-glyph``
    warnings naming the character and its source line.

    :raises UsageError: ``page_size`` is not ``a4`` or ``letter``.
    """
    size = page_size(document, context)
    styles = make_styles()
    numbers = PageNumbers(entry_font=(SERIF, styles.toc_entry.fontSize), footer_font=(SANS, FOOTER_SIZE))
    missing = MissingGlyphs(context.warning)
    renderer = Renderer(
        styles=styles,
        body_fonts=chain(SERIF, SANS),
        heading_fonts=chain(SANS, SERIF),
        missing=missing,
        numbers=numbers,
    )
    story = build_story(renderer, document)
    missing.flush()
    info = DocumentInfo(document_info(document), document_datetime(document))
    canvasmaker: Any = functools.partial(PdfCanvas, numbers=numbers, info=info)
    _template(stream, document, size, numbers).build(story, canvasmaker=canvasmaker)
