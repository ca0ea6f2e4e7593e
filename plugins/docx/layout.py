"""Page geometry and type: one place for the numbers the styles, the tables
and the table of contents share.

The body is set in Noto Serif and the headings in Noto Sans, as in the PDF;
code in Consolas.
A DOCX cannot carry those fonts without embedding them, so each is also
described in the font table (family, pitch) for word processors that lack it
to pick a similar one.  The measure is fixed, whatever the paper: 5 inches of
11-point Noto Serif hold about 69 characters on average (the text of the
seed: 0.477 em per character), within the 60-75 that reads comfortably; a
wider substitute font stays under 75.  The left and right margins take what
the paper leaves.
"""

from __future__ import annotations

SERIF = "Noto Serif"
SANS = "Noto Sans"
MONO = "Consolas"
"""Office's monospaced font; where it is missing, fontconfig and Word both
substitute a monospaced font for it (a name no system knows, such as a Noto
face that is not installed, may get a proportional one, which breaks
character-drawn diagrams)."""

BODY_SIZE = 22
"""Body text size in half-points (11 pt)."""
LINE = 264
"""Body line spacing in 240ths of a line (1.1)."""
PARAGRAPH_AFTER = 120
"""Space after a body paragraph, in twentieths of a point (6 pt)."""

TEXT_WIDTH = 7200
"""Width of the text block in twentieths of a point (5 in)."""
PAGE_SIZES = {"a4": (11906, 16838), "letter": (12240, 15840)}
"""Page width and height in twentieths of a point."""
DEFAULT_PAGE_SIZE = "a4"
TOP_MARGIN = BOTTOM_MARGIN = 1440
FOOTER_DISTANCE = 708
"""From the bottom edge of the page to the page number."""

ACCENT = "1F3A5F"
"""Colour of the title, headings and links (the PDF's accent)."""

STEP = 432
"""Indentation of one level of a list or quotation (0.3 in)."""
MAX_INDENT = 6 * STEP
"""Deeper nesting stops indenting, so a text column never gets too narrow."""


def side_margin(page_width: int) -> int:
    """Left and right margin that centre :data:`TEXT_WIDTH` on the page."""
    return (page_width - TEXT_WIDTH) // 2
