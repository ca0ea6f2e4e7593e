"""Table of contents, bookmarks and page numbers, laid out in a single pass.

A table of contents needs page numbers that are only known once the body has
been laid out.  reportlab's ``multiBuild`` solves this by laying the whole
document out again until the numbers stop changing (three passes when the
contents fill a page, since the first pass holds no entries).  Here the
contents take a fixed amount of space from the start: every entry is known
from the model, and its leader dots and page number are a named form (a PDF
XObject) that the page references by name and that is only drawn, after the
last page is laid out, from where the entry's text ends to the right margin.
The total in the footer's "3 / 28" works the same way.  One layout pass is
enough.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from reportlab import rl_config
from reportlab.lib.colors import toColor
from reportlab.pdfbase.pdfdoc import xObjectName
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph

from .rtl import log2vis

TOTAL_PAGES_FORM = "PageTotal"
LEADER_COLOR = toColor("#777777")
PAGE_COLUMN = 28
"""Width kept for page numbers at the right of the contents: four digits."""
MIN_LEADER = 16
"""Width always left for leader dots, so that every entry has some."""
DOT_SPACING = 5.5
"""Distance between leader dots; dots sit on one grid from the right margin,
so that they line up from entry to entry."""


def page_form(key: str) -> str:
    """Name of the form that shows the leader and page number of a heading."""
    return f"Page{key}"


class PageNumbers:
    """Pages found while laying out, drawn into forms once the layout is done
    (a plain class, cheaper to create at import than a dataclass)."""

    def __init__(self, entry_font: tuple[str, float], footer_font: tuple[str, float]) -> None:
        self.entry_font = entry_font
        """Font and size of the numbers in the contents."""
        self.footer_font = footer_font
        """Font and size of the total in the footer."""
        self.pages: dict[str, int] = {}
        """Heading key to the page the heading starts on."""
        self.leaders: dict[str, tuple[float, bool]] = {}
        """Heading key to where its contents entry's leader reaches the text, and
        whether the entry runs right to left: from the right margin (negative),
        or for a right-to-left entry, whose number is at the left, from the left margin."""
        self.last_page = 0

    def define_forms(self, canvas: Canvas) -> None:
        """Draw every referenced number; called just before the PDF is written.

        Entries whose leader and number come out the same (short entries
        pointing to one page: a book of many empty sections) share one form,
        rather than the file holding a copy for each."""
        drawn: dict[tuple[str, float, bool], str] = {}
        for key, (edge, right_to_left) in self.leaders.items():
            number = str(self.pages.get(key, ""))
            name = page_form(key)
            same = drawn.setdefault((number, edge, right_to_left), name)
            if same == name:
                _entry_form(canvas, name, number, edge, self.entry_font, right_to_left)
            else:
                _share_form(canvas, name, same)
        _number_form(canvas, TOTAL_PAGES_FORM, str(self.last_page), self.footer_font)


def _share_form(canvas: Canvas, name: str, drawn: str) -> None:
    """Make the form ``name`` the form ``drawn``: reportlab resolves a form's
    name to its object number only when the file is written, so the name is
    given the drawn form's number, and no object of its own."""
    numbers = canvas._doc.idToObjectNumberAndVersion
    numbers[xObjectName(name)] = numbers[xObjectName(drawn)]


def _entry_form(canvas: Canvas, name: str, number: str, edge: float, font: tuple[str, float],
                right_to_left: bool = False) -> None:
    """The page number at 0 on the baseline and leader dots from it to ``edge``:
    the number right-aligned and the dots to its left, or for a right-to-left
    entry, left-aligned with the dots to its right."""
    font_name, size = font
    width = stringWidth(number, font_name, size)
    dot = stringWidth(".", font_name, size)
    if right_to_left:
        canvas.beginForm(name, lowerx=0, lowery=-size / 2, upperx=edge, uppery=size)
        canvas.setFont(font_name, size)
        canvas.drawString(0, 0, number)
        first = width + size / 3
        first += -first % DOT_SPACING  # snap onto the grid, away from the number
        count = int((edge - dot - first) // DOT_SPACING) + 1 if first + dot <= edge else 0
    else:
        canvas.beginForm(name, lowerx=edge, lowery=-size / 2, upperx=0, uppery=size)
        canvas.setFont(font_name, size)
        canvas.drawRightString(0, 0, number)
        last = -width - size / 3 - dot
        last -= last % -DOT_SPACING  # snap onto the grid, towards the number
        count = int((last - edge) // DOT_SPACING) + 1 if last >= edge else 0
        first = last - (count - 1) * DOT_SPACING
    if count:
        # one string of dots, spaced out, rather than a string per dot
        canvas.setFillColor(LEADER_COLOR)
        canvas.drawString(first, 0, "." * count, charSpace=DOT_SPACING - dot)
    canvas.endForm()


def _number_form(canvas: Canvas, name: str, text: str, font: tuple[str, float]) -> None:
    """A form holding one number, its origin on the baseline at its left end."""
    font_name, size = font
    width = stringWidth(text, font_name, size)
    canvas.beginForm(name, lowerx=0, lowery=-size / 2, upperx=width, uppery=size)
    canvas.setFont(font_name, size)
    canvas.drawString(0, 0, text)
    canvas.endForm()


# a NamedTuple, not a frozen dataclass, which costs some tenths of a millisecond to create at import
class Target(NamedTuple):
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
    """One entry of the contents: the heading's number hanging in its own
    column, its text wrapped beside it, leader dots and the page number at
    the right margin, and a link to the heading.  A right-to-left entry is
    the mirror image: number and text from the right margin, page number at
    the left."""

    def __init__(self, number: str, number_x: float, label: Paragraph, key: str, numbers: PageNumbers,
                 right_to_left: bool = False) -> None:
        super().__init__()
        self.number = number
        self.number_x = number_x
        """The heading number's distance from the margin it hangs at."""
        self.label = label
        self.key = key
        self.numbers = numbers
        self.right_to_left = right_to_left

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        _, self.height = self.label.wrap(availWidth - PAGE_COLUMN - MIN_LEADER, availHeight)
        return self.width, self.height

    def getSpaceAfter(self) -> float:
        return self.label.getSpaceAfter()

    def draw(self) -> None:
        canvas = self.canv
        style = self.label.style
        para = self.label.blPara
        # where reportlab puts a paragraph's first baseline
        drop = style.fontSize if rl_config.paraFontSizeHeightOffset else getattr(para, "ascent", style.fontSize)
        first_baseline = self.height - drop
        last_baseline = first_baseline - (len(para.lines) - 1) * style.leading if para.lines else first_baseline
        if self.number:  # drawn first, so that it is read first
            canvas.saveState()
            canvas.setFont(style.fontName, style.fontSize)
            canvas.setFillColor(style.textColor)
            if self.right_to_left:  # in visual order, as the heading shows it: "1." reads ".1"
                canvas.drawRightString(self.width - self.number_x, first_baseline, log2vis(self.number, "RTL"))
            else:
                canvas.drawString(self.number_x, first_baseline, self.number)
            canvas.restoreState()
        gap = style.fontSize / 3
        if self.right_to_left:
            label_x = self.width - self.label.width
            self.label.drawOn(canvas, label_x, 0)
            self.numbers.leaders[self.key] = (label_x + self._last_line_space() - gap, True)
            origin = 0.0
        else:
            self.label.drawOn(canvas, 0, 0)
            self.numbers.leaders[self.key] = (self.label.width - self._last_line_space() + gap - self.width, False)
            origin = self.width
        canvas.saveState()
        canvas.translate(origin, last_baseline)
        canvas.doForm(page_form(self.key))
        canvas.restoreState()
        canvas.linkRect("", self.key, (0, 0, self.width, self.height), relative=1, thickness=0)

    def _last_line_space(self) -> float:
        """The room the text of the entry's last line leaves beside it (at the
        right of left-to-right text, at the left of right-aligned text)."""
        lines = self.label.blPara.lines
        if not lines:
            style = self.label.style
            return self.label.width - (style.rightIndent if self.right_to_left else style.leftIndent)
        last = lines[-1]
        return last[0] if isinstance(last, tuple) else last.extraSpace
