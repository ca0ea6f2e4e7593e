"""Step 2 of the plain-text grammar: decide the paragraph style and group
lines into units (the lines that will become one block).

Two styles exist:

* **lines** — one paragraph per line (the digest style): every non-blank line
  is a unit of its own.
* **wrapped** — hard-wrapped paragraphs separated by blank lines (licences,
  e-mails, Project Gutenberg): consecutive text lines are one unit, joined
  with single spaces.

The style is decided once per document, from the evidence: the text is
*wrapped* when it has blank lines, at least one text line directly followed by
another, and 95 % of its text lines no longer than :data:`WRAP_WIDTH`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

from convert.errors import Diagnostic
from convert.plaintext.lines import Kind, Line

WRAP_WIDTH = 100
"""Lines of hard-wrapped text are rarely longer than this."""

Style = Literal["lines", "wrapped"]

_OWN_UNIT = frozenset({Kind.BREAK, Kind.ATX, Kind.KEYWORD})
_ITEM_START = frozenset({Kind.BULLET, Kind.ORDERED})
_NUMBER_START = frozenset({Kind.NUMBERED, Kind.DECIMAL})


@dataclass(frozen=True, slots=True)
class Unit:
    """Consecutive lines that make one block, and what the first line was."""

    kind: Kind
    lines: tuple[Line, ...]
    isolated: bool
    """True when blank lines (or the document's edges) surround the unit."""

    @property
    def span(self) -> tuple[int, int]:
        return self.lines[0].number, self.lines[-1].number

    @property
    def text(self) -> str:
        """The unit's text: the first line's body and the others joined by spaces."""
        rest = (line.body if line.glued_break else line.text for line in self.lines[1:])
        return " ".join([self.lines[0].body, *rest])

    @property
    def full_text(self) -> str:
        """All the unit's lines as written (markers included), joined by spaces."""
        return " ".join(line.body if line.glued_break else line.text for line in self.lines)

    @property
    def glued_break(self) -> bool:
        """True when the unit's last line ends with a glued scene-break marker."""
        return self.lines[-1].glued_break


def detect_style(lines: list[Line]) -> tuple[Style, Diagnostic]:
    """Choose the paragraph style for the whole document, and explain why."""
    text_lines = [line for line in lines if line.kind is Kind.TEXT]
    blanks = sum(1 for line in lines if line.kind is Kind.BLANK)
    joins = sum(
        1
        for before, after in zip(lines, lines[1:])
        if before.kind is Kind.TEXT and after.kind is Kind.TEXT and not before.glued_break
    )
    lengths = sorted(len(line.text) for line in text_lines)
    p95 = lengths[math.ceil(len(lengths) * 0.95) - 1] if lengths else 0
    wrapped = blanks > 0 and joins > 0 and p95 <= WRAP_WIDTH
    style: Style = "wrapped" if wrapped else "lines"
    evidence = (
        f"blank lines: {blanks}, text lines followed by text: {joins}, "
        f"95% of text lines ≤ {p95} characters"
    )
    meaning = (
        "hard-wrapped paragraphs separated by blank lines"
        if wrapped
        else "one paragraph per line"
    )
    return style, Diagnostic("paragraph-style", f"{meaning} ({evidence})", None)


def group_units(lines: list[Line], style: Style) -> list[Unit]:
    """Group non-blank lines into units according to the paragraph style."""
    runs = _runs(lines)
    if style == "lines":
        return [Unit(line.kind, (line,), len(run) == 1) for run in runs for line in run]
    return [unit for run in runs for unit in _split_run(run)]


def _runs(lines: list[Line]) -> list[list[Line]]:
    """Maximal sequences of consecutive non-blank lines."""
    runs: list[list[Line]] = []
    current: list[Line] = []
    for line in lines:
        if line.kind is Kind.BLANK:
            if current:
                runs.append(current)
            current = []
        else:
            current.append(line)
    if current:
        runs.append(current)
    return runs


def _split_run(run: list[Line]) -> list[Unit]:
    """Split one blank-separated run of a wrapped document into units."""
    isolated = len(run) == 1
    units: list[Unit] = []
    current: list[Line] = []

    def flush() -> None:
        if current:
            units.append(Unit(current[0].kind, tuple(current), isolated))
            current.clear()

    for line in run:
        starts_unit = (
            line.kind in _OWN_UNIT
            or line.kind in _ITEM_START
            or (line.kind in _NUMBER_START and (not current or current[0].kind in _NUMBER_START | _ITEM_START))
        )
        if starts_unit or not current:
            flush()
        current.append(line)
        if line.kind in _OWN_UNIT or line.glued_break:
            flush()
    flush()
    return units
