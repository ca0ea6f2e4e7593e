"""Table of contents, bookmarks and page numbers, laid out in a single pass.

A table of contents needs page numbers that are only known once the body has
been laid out.  reportlab's ``multiBuild`` solves this by laying the whole
document out again until the numbers stop changing (three passes when the
contents fill a page, since the first pass holds no entries).  Here the
contents take a fixed amount of space from the start: every entry is known
from the model, and its page number is a named form (a PDF XObject) that the
page references by name and that is only drawn, right-aligned in a column of
fixed width, after the last page is laid out.  The total in the footer's
"3 / 28" works the same way.  One layout pass is enough.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph

TOTAL_PAGES_FORM = "PageTotal"


def page_form(key: str) -> str:
    """Name of the form that shows the page number of a heading."""
    return f"Page{key}"


@dataclass
class PageNumbers:
    """Pages found while laying out, drawn into forms once the layout is done."""

    entry_font: tuple[str, float]
    """Font and size of the numbers in the contents."""
    footer_font: tuple[str, float]
    """Font and size of the total in the footer."""
    pages: dict[str, int] = field(default_factory=dict)
    """Heading key to the page the heading starts on."""
    last_page: int = 0

    def define_forms(self, canvas: Canvas) -> None:
        """Draw every referenced number; called just before the PDF is written."""
        for key, page in self.pages.items():
            _number_form(canvas, page_form(key), str(page), self.entry_font, right_aligned=True)
        _number_form(canvas, TOTAL_PAGES_FORM, str(self.last_page), self.footer_font, right_aligned=False)


def _number_form(canvas: Canvas, name: str, text: str, font: tuple[str, float], right_aligned: bool) -> None:
    """A form holding one number, its origin on the baseline at its right or left end."""
    font_name, size = font
    width = stringWidth(text, font_name, size)
    left = -width if right_aligned else 0
    canvas.beginForm(name, lowerx=left, lowery=-size / 2, upperx=left + width, uppery=size)
    canvas.setFont(font_name, size)
    canvas.drawString(left, 0, text)
    canvas.endForm()


@dataclass(frozen=True)
class Target:
    """Where a heading lands: its bookmark key, outline title and level."""

    key: str
    title: str
    level: int
    numbers: PageNumbers

    def mark(self, canvas: Canvas, top: float) -> None:
        """Bookmark the heading's position and note its page."""
        canvas.bookmarkHorizontal(self.key, 0, top)
        canvas.addOutlineEntry(self.title, self.key, level=self.level, closed=False)
        self.numbers.pages[self.key] = canvas.getPageNumber()


class HeadingParagraph(Paragraph):
    """A heading that bookmarks itself where it is drawn."""

    def __init__(self, text: str, style: Any, *args: Any, target: Target | None = None, **kwargs: Any) -> None:
        super().__init__(text, style, *args, **kwargs)
        self.target = target

    def split(self, availWidth: float, availHeight: float) -> list:
        # reportlab builds the parts with this class, so each carries a target
        parts = super().split(availWidth, availHeight)
        for later in parts[1:]:
            later.target = None  # only the part where the heading starts is bookmarked
        if parts:
            parts[0].target = self.target
        return parts

    def draw(self) -> None:
        if self.target is not None:
            self.target.mark(self.canv, self.height)
        super().draw()


class TocEntry(Flowable):
    """One line of the contents: the heading's label, its page number in a
    fixed right-hand column, and a link to the heading."""

    def __init__(self, label: Paragraph, key: str, number_width: float) -> None:
        super().__init__()
        self.label = label
        self.key = key
        self.number_width = number_width

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        _, self.height = self.label.wrap(availWidth - self.number_width, availHeight)
        return self.width, self.height

    def getSpaceAfter(self) -> float:
        return self.label.getSpaceAfter()

    def draw(self) -> None:
        canvas = self.canv
        self.label.drawOn(canvas, 0, 0)
        style = self.label.style
        canvas.saveState()
        # every line is `leading` high, so the last baseline is this far up
        canvas.translate(self.width, style.leading - style.fontSize)
        canvas.doForm(page_form(self.key))
        canvas.restoreState()
        canvas.linkRect("", self.key, (0, 0, self.width, self.height), relative=1, thickness=0)
