"""Verbatim text: every space and line break kept, in the monospaced font,
never running past the text block.

reportlab's paragraphs collapse spaces and its preformatted text runs off
the page, so verbatim text is its own flowable.  A line wider than the
space it gets is cut at the last character that fits; the rest continues on
the next line after a ↪ mark, and a warning names the source line.  Text
is drawn character for character, so extracting it gives the source back
(tabs become spaces up to the next multiple of eight columns).
"""

from __future__ import annotations

from typing import Callable, NamedTuple

from reportlab.lib.colors import toColor
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from . import rtl
from .fonts import Chain, Face, MissingGlyphs
from .scripts import COMPLEX
from .styles import CONTINUATION_MARK, INK, MUTED

BACKGROUND = toColor("#f3f4f6")
PADDING = 4

Piece = tuple[str, str, float]
"""A run of a line in one face: (font name, text, width in points)."""


# NamedTuples, not frozen dataclasses, which cost some tenths of a millisecond to create at import
class Row(NamedTuple):
    """One drawn line: its pieces, and whether it continues the line above."""

    pieces: tuple[Piece, ...]
    continued: bool = False


class SourceLine(NamedTuple):
    """One line of the source and the characters it is drawn with."""

    number: int | None
    """Its line number in the source file, when known."""
    characters: tuple[tuple[str, str, float], ...]
    """(font name, character, width) for each character."""


def source_lines(text: str, first_line: int | None, fonts: Chain, size: float,
                 missing: MissingGlyphs) -> list[SourceLine]:
    """The lines of a verbatim text, each character matched with its font."""
    widths: dict[tuple[str, str], float] = {}
    lines = []
    for offset, line in enumerate(text.split("\n")):
        number = first_line + offset if first_line else None
        characters = []
        uncovered = []
        for face, run in fonts.runs(line.expandtabs(8)):
            if face is None:
                uncovered.extend(run)
                face = fonts.replacement
                for character in set(run):
                    face.stand_in(character)
            for character in run:
                key = (face.name, character)
                if key not in widths:
                    widths[key] = stringWidth(character, face.name, size)
                characters.append((face.name, character, widths[key]))
        if uncovered:
            missing.report(uncovered, number)
        lines.append(SourceLine(number, tuple(characters)))
    return lines


def _pieces(characters: list[tuple[str, str, float]]) -> tuple[Piece, ...]:
    pieces: list[Piece] = []
    for name, character, width in characters:
        if pieces and pieces[-1][0] == name:
            previous = pieces[-1]
            pieces[-1] = (name, previous[1] + character, previous[2] + width)
        else:
            pieces.append((name, character, width))
    return tuple(pieces)


class VerbatimBlock(Flowable):
    """Lines of verbatim text on a light background, split across pages as needed."""

    def __init__(self, lines: list[SourceLine], mark: Face, size: float, leading: float,
                 warn: Callable[[SourceLine], None], rows: list[Row] | None = None) -> None:
        super().__init__()
        self.lines = lines
        self.mark = mark
        self.size = size
        self.leading = leading
        self.warn = warn
        self.rows = rows
        self._rows_width: float | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        if self.rows is None or (self._rows_width is not None and self._rows_width != availWidth):
            self.rows = self._layout(availWidth - 2 * PADDING)
            self._rows_width = availWidth
        self.width = availWidth
        self.height = len(self.rows) * self.leading + 2 * PADDING
        return self.width, self.height

    def _layout(self, width: float) -> list[Row]:
        mark = CONTINUATION_MARK + " "
        mark_width = stringWidth(mark, self.mark.name, self.size)
        rows = []
        for line in self.lines:
            current: list[tuple[str, str, float]] = []
            used, continued = 0.0, False
            for character in line.characters:
                if current and used + character[2] > width + 0.01:
                    rows.append(Row(_pieces(current), continued))
                    self.warn(line)
                    current, used, continued = [], mark_width, True
                current.append(character)
                used += character[2]
            rows.append(Row(_pieces(current), continued))
        return rows

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        # reportlab offers the frame's whole width here, but lays the parts out
        # in what the enclosing lists and quotations leave of it
        frame = getattr(self, "_frame", None)
        self.wrap(frame._getAvailableWidth() if frame is not None else availWidth, availHeight)
        assert self.rows is not None
        fits = int((availHeight - 2 * PADDING) // self.leading)
        if fits < 2 or len(self.rows) < 4:
            return []  # too little room, or too short to split: all goes on the next page
        fits = min(fits, len(self.rows) - 2)  # leave at least two lines to go on
        return [self._part(self.rows[:fits]), self._part(self.rows[fits:])]

    def _part(self, rows: list[Row]) -> "VerbatimBlock":
        part = VerbatimBlock(self.lines, self.mark, self.size, self.leading, self.warn, rows)
        part._rows_width = self._rows_width
        return part

    def draw(self) -> None:
        canvas = self.canv
        assert self.rows is not None
        canvas.saveState()
        canvas.setFillColor(BACKGROUND)
        canvas.rect(0, 0, self.width, self.height, stroke=0, fill=1)
        canvas.restoreState()
        y = self.height - PADDING - self.size
        for row in self.rows:
            if any(COMPLEX.search(piece) for _, piece, _ in row.pieces):
                self._draw_shaped(row, y)
                y -= self.leading
                continue
            text = canvas.beginText(PADDING, y)
            if row.continued:
                text.setFont(self.mark.name, self.size)
                text.setFillColor(MUTED)
                text.textOut(CONTINUATION_MARK + " ")
                text.setFillColor(INK)
            for name, piece, _ in row.pieces:
                text.setFont(name, self.size)
                text.textOut(piece)
            canvas.drawText(text)
            y -= self.leading

    def _draw_shaped(self, row: Row, y: float) -> None:
        """A row holding Arabic, Hebrew or Indic text: each run shaped, and a
        right-to-left run drawn right to left, all in one text object."""
        from reportlab.pdfgen.textobject import bidiShapedText

        text = self.canv.beginText(PADDING, y)
        if row.continued:
            text.setFont(self.mark.name, self.size)
            text.setFillColor(MUTED)
            text.textOut(CONTINUATION_MARK + " ")
        text.setFillColor(INK)
        direction = "LTR" if rtl.supported() else None
        for name, piece, _ in row.pieces:
            text.setFont(name, self.size)
            shaped, _ = bidiShapedText(piece, direction, fontName=name, fontSize=self.size,
                                       shaping=bool(COMPLEX.search(piece)))
            text._textOut(shaped)
        self.canv.drawText(text)
