"""PDF output with reportlab's platypus.

The pages: A4 (or US Letter with ``--option page_size=letter``); a title
page without a page number; the table of contents with page numbers; the
body, with "3 / 28" in the footer.  The file: one bookmark per heading,
``/Lang`` from the document's language, the title shown in the viewer's
title bar, document information without placeholders, and no clock or
random state, so that equal inputs give byte-identical PDFs.
"""

from __future__ import annotations

import contextlib
import functools
import gc
from typing import Any, BinaryIO, Iterator

import reportlab
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

import convert
from convert import Context, Document
from convert.model.languages import is_right_to_left
from convert.reproducible import document_datetime

from .canvas import DocumentInfo, PdfCanvas
from .fonts import MissingGlyphs
from .hyphenation import hyphenator
from .markup import Markup
from .queue import FlowableQueue
from .scripts import Variants
from .story import Renderer, build_story
from .styles import MUTED, BOTTOM_MARGIN, FOOTER_SIZE, FOOTER_Y, FURNITURE, PAGE_SIZES, TEXT_WIDTH, TOP_MARGIN, Styles
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
    canvas.setFont(FURNITURE.font_name(), FOOTER_SIZE)
    canvas.setFillColor(MUTED)
    canvas.drawRightString(middle - 4, FOOTER_Y, str(page))
    canvas.drawCentredString(middle, FOOTER_Y, "/")
    canvas.translate(middle + 4, FOOTER_Y)
    canvas.doForm(TOTAL_PAGES_FORM)
    canvas.restoreState()


def _last_page(numbers: PageNumbers, canvas: Canvas, template: BaseDocTemplate) -> None:
    numbers.last_page = canvas.getPageNumber()


def _template(stream: BinaryIO, document: Document, size: tuple[float, float], numbers: PageNumbers) -> BaseDocTemplate:
    side = (size[0] - TEXT_WIDTH) / 2
    template = BaseDocTemplate(
        stream,
        pagesize=size,
        leftMargin=side,
        rightMargin=side,
        topMargin=TOP_MARGIN,
        bottomMargin=BOTTOM_MARGIN,
        invariant=1,
        pageCompression=1,
        initialFontName=FURNITURE.font_name(),  # reportlab would otherwise start every page in Helvetica
        lang=document.meta.language,
    )
    frame = Frame(template.leftMargin, template.bottomMargin, template.width, template.height, id="body",
                  leftPadding=0, rightPadding=0)
    template.addPageTemplates([
        PageTemplate("title", [frame], onPageEnd=functools.partial(_last_page, numbers), pagesize=size),
        PageTemplate("page", [frame], onPageEnd=functools.partial(_footer, numbers), pagesize=size),
    ])
    return template


def write_pdf(document: Document, stream: BinaryIO, context: Context) -> None:
    """Typeset a document as PDF.

    Characters no font covers are reported as ``missing-glyph`` warnings
    naming the character and its source line; verbatim lines too wide for
    the page as ``verbatim-wrapped``.

    :raises UsageError: ``page_size`` is not ``a4`` or ``letter``.
    """
    size = page_size(document, context)
    styles = Styles(hyphenator(document.meta.language))
    numbers = PageNumbers(entry_font=(styles.toc_entry.fontName, styles.toc_entry.fontSize),
                          footer_font=(FURNITURE.font_name(), FOOTER_SIZE))
    missing = MissingGlyphs(context.warning)
    # the layout's own warnings wait until the missing glyphs, found while the
    # story is made, have been reported in source order
    layout_warnings: list[tuple[str, str, int | None]] = []
    renderer = Renderer(styles=styles, markup=Markup(missing), numbers=numbers,
                        warn=lambda *warning: layout_warnings.append(warning),
                        variants=Variants(is_right_to_left(document.meta.language)))
    # a queue made as the layout reads it, and no other reference: reportlab
    # lets go of each flowable once it is on the page
    story = FlowableQueue(build_story(renderer, document))
    info = DocumentInfo(document_info(document), document_datetime(document))
    canvasmaker: Any = functools.partial(PdfCanvas, numbers=numbers, info=info)
    with _cycle_collection_paused():
        _template(stream, document, size, numbers).build(story, canvasmaker=canvasmaker)
    missing.flush()
    for warning in layout_warnings:
        context.warning(*warning)


@contextlib.contextmanager
def _cycle_collection_paused() -> Iterator[None]:
    """Pause Python's cycle collector while reportlab builds the file.

    reportlab keeps every page's objects (bookmarks, links, forms, outline
    entries) until the file is written, several per heading; the collector
    would walk them all again each time they grow by a quarter, a fifth of the
    time for a document of many headings.  They are freed together once the
    document is written, and little cyclic garbage is made meanwhile.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
