"""Page geometry and paragraph styles of the PDF writer.

Body text is Noto Serif 11 pt on a 360 pt measure (about 68 characters a
line), justified and hyphenated by the document's language; headings and
page furniture are Noto Sans; verbatim text IBM Plex Mono.  Every style names
its font explicitly: reportlab's defaults would silently fall back to
Helvetica, a Base-14 font that is neither embedded nor able to print ``ğ``.
Styles for monospaced text are made on first use, so that a document without
any does not load the font.
"""

from __future__ import annotations

import functools

from reportlab.lib.colors import toColor
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

from .fontfiles import MONO, SANS, SERIF
from .markup import Setting

PAGE_SIZES = {"a4": A4, "letter": LETTER}
"""Accepted values of the ``page_size`` option."""

TEXT_WIDTH = 360
"""Width of the text block in points: 60–75 characters of body text a line."""
TOP_MARGIN = 25 * mm
BOTTOM_MARGIN = 28 * mm
"""Bottom margin; the page number sits inside it."""
FOOTER_Y = 14 * mm
"""Baseline of the page number, from the bottom edge."""
FOOTER_SIZE = 9
"""Font size of the page number."""
BODY_SIZE, BODY_LEADING = 11, 15.5

CONTINUATION_MARK = "\u21aa"
"""↪, at the start of the continuation of a verbatim line too long for the page."""

# colours as objects: reportlab parses a colour string again on every use
INK = toColor("#222222")
ACCENT = toColor("#1f3a5f")
MUTED = toColor("#666666")

BODY = Setting(SERIF)
HEADING = Setting(SANS, bold=True)
FURNITURE = Setting(SERIF)
CODE = Setting(MONO)
TABLE_HEAD = Setting(SERIF, bold=True)
ATTRIBUTION = Setting(SERIF, italic=True)


def _style(name: str, setting: Setting = BODY, **attributes: object) -> ParagraphStyle:
    base = dict(
        fontName=setting.font_name(),
        bulletFontName=BODY.font_name(),
        fontSize=BODY_SIZE,
        leading=BODY_LEADING,
        textColor=INK,
        alignment=TA_LEFT,
        hyphenationLang="",
        embeddedHyphenation=0,
        uriWasteReduce=0,
        splitLongWords=1,
        spaceShrinkage=0.15,
        allowWidows=0,
        allowOrphans=0,
    )
    base.update(attributes)
    return ParagraphStyle(name, **base)  # type: ignore[arg-type]


class Styles:
    """Every style the writer uses, for one document's language.  Styles in
    faces most documents do not use are made on first use."""

    def __init__(self, hyphenation: object = "") -> None:
        self.hyphenation = hyphenation
        """A pyphen ``iterate`` function for the document's language, or "" for none."""
        running = dict(hyphenationLang=hyphenation, alignment=TA_JUSTIFY)
        self.body = _style("body", spaceAfter=6, **running)
        self.list_item = _style("list-item", spaceAfter=3, **running)
        self.line = _style("line", leftIndent=24, firstLineIndent=-24)
        self.heading = [
            _style(f"heading{level}", HEADING, fontSize=size, leading=size * 1.3, textColor=ACCENT,
                   spaceBefore=before, spaceAfter=6)
            for level, (size, before) in enumerate(((15, 18), (13, 14), (11.5, 12)))
        ]
        self.ornament = _style("ornament", fontSize=14, leading=18, alignment=TA_CENTER,
                               spaceBefore=6, spaceAfter=12)
        self.title = _style("title", HEADING, fontSize=26, leading=32, textColor=ACCENT, spaceAfter=18)
        self.byline = _style("byline", fontSize=14, leading=19, spaceAfter=4)
        self.date = _style("date", fontSize=11, leading=15, textColor=MUTED, spaceBefore=14)
        self.contents = _style("contents", HEADING, fontSize=16, leading=20, textColor=ACCENT, spaceAfter=14)
        self.toc_entry = _style("toc", spaceAfter=4)

    def heading_for(self, level: int) -> ParagraphStyle:
        """The heading style for an outline depth (0 = top level)."""
        return self.heading[min(level, len(self.heading) - 1)]

    @functools.cached_property
    def attribution(self) -> ParagraphStyle:
        return _style("attribution", ATTRIBUTION, alignment=TA_RIGHT, spaceAfter=8)

    @functools.cached_property
    def cell(self) -> dict[str, ParagraphStyle]:
        """Table cells by column alignment."""
        return {align: _style(f"cell-{align}", fontSize=10, leading=13.5, alignment=value,
                              hyphenationLang=self.hyphenation) for align, value in CELL_ALIGN.items()}

    @functools.cached_property
    def head_cell(self) -> dict[str, ParagraphStyle]:
        """Table header cells by column alignment."""
        return {align: _style(f"head-{align}", TABLE_HEAD, fontSize=10, leading=13.5, alignment=value)
                for align, value in CELL_ALIGN.items()}

    @functools.cached_property
    def verbatim(self) -> ParagraphStyle:
        return _style("verbatim", CODE, fontSize=9, leading=12, spaceBefore=2, spaceAfter=8, splitLongWords=0)



CELL_ALIGN = {"left": TA_LEFT, "center": TA_CENTER, "right": TA_RIGHT}
