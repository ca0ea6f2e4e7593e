"""Step 1 of the plain-text grammar: split text into lines and classify each.

Every line gets exactly one :class:`Kind`, decided by the line alone (its
neighbours are looked at later, in :mod:`.units` and :mod:`.blocks`).  The
patterns are the grammar's vocabulary; ``docs/plain-text.md`` shows each with
examples.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass

from convert.text.cleaning import clean_text, cleaning_diagnostic, is_clean
from convert.errors import Diagnostic


class Kind(enum.Enum):
    """What a line looks like on its own."""

    BLANK = "blank"
    BREAK = "scene break"
    ATX = "# heading"
    KEYWORD = "chapter heading"
    NUMBERED = "numbered line"
    DECIMAL = "decimal-numbered line"
    CAPS = "all-caps line"
    BULLET = "bullet item"
    ORDERED = "ordered item"
    TEXT = "text"


_LINE_END = re.compile(r"\r\n|\r|\n")
_BREAK = re.compile(r"(?:⁂|❧|([*\-_~=#•·])[ \t]*(?:\1[ \t]*){2,})")
_GLUED_BREAK = re.compile(r"(.*[^*\s])\s*\*{3,}")
_ATX = re.compile(r"(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?")
_NUMBER_WORDS = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
    "sixteen|seventeen|eighteen|nineteen|twenty|first|second|third|fourth|fifth|sixth|seventh|"
    "eighth|ninth|tenth|last"
)
_KEYWORD = re.compile(
    r"(?:(?:CHAPTER|Chapter|PART|Part|BOOK|Book|VOLUME|Volume)[ \t]+"
    rf"(?:\d+|[IVXLCDM]+|(?i:{_NUMBER_WORDS}))\b"
    r"|PROLOGUE|Prologue|EPILOGUE|Epilogue|APPENDIX|Appendix|INTERLUDE|Interlude)"
    r"[.:]?(?:[ \t]+\S.*)?"
)
_NUMBERED = re.compile(r"(\d{1,3}\.)[ \t]+(\S.*)")
_DECIMAL = re.compile(r"(\d{1,3}(?:\.\d{1,3})+\.?)[ \t]+(\S.*)")
_BULLET = re.compile(r"[-*•+◦▪‣][ \t]+(\S.*)")
_ORDERED = re.compile(r"(\(?(?:\d{1,3}|[A-Za-z])\))[ \t]+(\S.*)")


@dataclass(frozen=True, slots=True)
class Line:
    """One source line, trimmed and classified."""

    number: int
    """1-based source line number."""
    text: str
    """The line without leading and trailing whitespace."""
    kind: Kind
    """What the line looks like on its own."""
    marker: str = ""
    """The number or bullet for numbered, decimal and list lines."""
    body: str = ""
    """The text after the marker (or the heading text); else the whole text."""
    glued_break: bool = False
    """True when a scene-break marker was glued to the end of a text line."""


def split_lines(text: str) -> tuple[list[Line], list[Diagnostic]]:
    """Split on CRLF, CR or LF, clean, trim and classify every line."""
    if text.startswith("\ufeff"):
        text = text[1:]
    raw = _LINE_END.split(text)
    if raw and raw[-1] == "":
        raw.pop()
    lines, diagnostics = [], []
    needs_cleaning = not is_clean(text)
    for number, line in enumerate(raw, start=1):
        if needs_cleaning:
            line, removed = clean_text(line)
            if removed:
                diagnostics.append(cleaning_diagnostic(number, removed))
        lines.append(classify(number, line.strip()))
    return lines, diagnostics


def classify(number: int, text: str) -> Line:
    """Decide a line's :class:`Kind` from its text alone."""
    if not text:
        return Line(number, text, Kind.BLANK)
    if _BREAK.fullmatch(text):
        return Line(number, text, Kind.BREAK)
    if match := _ATX.fullmatch(text):
        return Line(number, text, Kind.ATX, match[1], match[2])
    if match := _DECIMAL.fullmatch(text):
        return Line(number, text, Kind.DECIMAL, match[1], match[2])
    if match := _NUMBERED.fullmatch(text):
        return Line(number, text, Kind.NUMBERED, match[1], match[2])
    if match := _ORDERED.fullmatch(text):
        return Line(number, text, Kind.ORDERED, match[1], match[2])
    if match := _BULLET.fullmatch(text):
        return Line(number, text, Kind.BULLET, text[0], match[1])
    if _is_keyword_heading(text):
        return Line(number, text, Kind.KEYWORD, body=text)
    if _is_caps(text):
        return Line(number, text, Kind.CAPS, body=text)
    if match := _GLUED_BREAK.fullmatch(text):
        return Line(number, text, Kind.TEXT, body=match[1], glued_break=True)
    return Line(number, text, Kind.TEXT, body=text)


def _is_keyword_heading(text: str) -> bool:
    """``CHAPTER IV``, ``Part One: Arrival``: short, and not a sentence (a final
    period is allowed only on three words or fewer, as in ``CHAPTER I.``)."""
    if len(text) > 80 or not _KEYWORD.fullmatch(text):
        return False
    return not text.endswith(".") or len(text.split()) <= 3


def _is_caps(text: str) -> bool:
    """A short line with at least four letters, none of them lower-case."""
    if len(text) > 60 or text != text.upper() or text == text.lower():
        return False
    return sum(1 for char in text if char.isalpha()) >= 4
