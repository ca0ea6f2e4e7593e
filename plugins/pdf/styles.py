"""Page geometry and paragraph styles of the PDF writer.

Body text is Noto Serif, headings and page furniture Noto Sans, both embedded
(see :mod:`convert_plugins.pdf.fonts`).  Every style names its font explicitly:
reportlab's defaults would silently fall back to Helvetica, a Base-14 font
that is neither embedded nor able to print ``ğ`` or ``İ``.

Hyphenation stays off and soft hyphens are not break points, so every word
comes out of the PDF whole when its text is extracted.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ListStyle, ParagraphStyle
from reportlab.lib.units import mm

from .fonts import SANS, SERIF

PAGE_SIZES = {"a4": A4, "letter": LETTER}
"""Accepted values of the ``page_size`` option."""

MARGIN = 25 * mm
"""Left, right and top margin."""
BOTTOM_MARGIN = 28 * mm
"""Bottom margin; the page number sits inside it."""
FOOTER_Y = 14 * mm
"""Baseline of the page number, from the bottom edge."""
FOOTER_SIZE = 9
"""Font size of the page number."""
TOC_NUMBER_WIDTH = 32
"""Width reserved for page numbers in the table of contents: room for four
digits, fixed so that the contents take the same space whatever the numbers."""

SCENE_BREAK_ORNAMENT = "\u2042"
"""The asterism ⁂, centred between passages."""

INK = "#222222"
ACCENT = "#1f3a5f"


def _style(name: str, **attributes: object) -> ParagraphStyle:
    base = dict(
        fontName=SERIF,
        bulletFontName=SERIF,
        fontSize=10.5,
        leading=15,
        textColor=INK,
        hyphenationLang="",
        embeddedHyphenation=0,
        uriWasteReduce=0,
        splitLongWords=1,
        allowWidows=0,
        allowOrphans=0,
    )
    base.update(attributes)
    return ParagraphStyle(name, **base)  # type: ignore[arg-type]


@dataclass(frozen=True)
class Styles:
    """Every style the writer uses."""

    title: ParagraphStyle
    byline: ParagraphStyle
    contents: ParagraphStyle
    toc_entry: ParagraphStyle
    heading: ParagraphStyle
    body: ParagraphStyle
    list_item: ParagraphStyle
    ornament: ParagraphStyle
    bullets: ListStyle

    def toc_level(self, level: int) -> ParagraphStyle:
        """The contents entry style for an outline depth (0 = top level)."""
        return ParagraphStyle(f"toc{level}", parent=self.toc_entry, leftIndent=14 * level)


def make_styles() -> Styles:
    """Build the styles (fonts must be registered first)."""
    heading = _style(
        "heading", fontName=SANS, fontSize=14, leading=18, textColor=ACCENT,
        spaceBefore=16, spaceAfter=8, keepWithNext=1, alignment=TA_LEFT,
    )
    body = _style("body", alignment=TA_JUSTIFY, spaceAfter=6)
    return Styles(
        title=_style("title", fontName=SANS, fontSize=24, leading=30, textColor=ACCENT,
                     alignment=TA_LEFT, spaceAfter=10),
        byline=_style("byline", fontSize=12, leading=16, spaceAfter=6),
        contents=_style("contents", fontName=SANS, fontSize=13, leading=17, textColor=ACCENT,
                        spaceBefore=24, spaceAfter=10),
        # the dots lead from each entry to its page number
        toc_entry=_style("toc", fontSize=10, leading=14, spaceAfter=3, alignment=TA_LEFT, endDots=" ."),
        heading=heading,
        body=body,
        list_item=_style("list-item", alignment=TA_LEFT, spaceAfter=2),
        ornament=_style("ornament", fontSize=14, leading=18, alignment=TA_CENTER,
                        spaceBefore=8, spaceAfter=14),
        bullets=ListStyle(
            "bullets", leftIndent=18, bulletFontName=SERIF, bulletFontSize=10.5,
            bulletColor=INK, bulletDedent="auto", spaceBefore=2, spaceAfter=8,
        ),
    )
