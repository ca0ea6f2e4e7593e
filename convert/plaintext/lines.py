"""Step 1 of the plain-text grammar: split text into lines and classify each.

Every line gets exactly one :class:`Kind`, decided by the line alone (its
neighbours are looked at later, by the block rules in :mod:`.rules`).  A line
keeps its raw text (for verbatim regions) and its indentation in columns
(tabs stop every eight columns), which most region rules measure.
"""

from __future__ import annotations

import enum
import unicodedata

from convert.errors import Diagnostic
from convert.text.cleaning import clean_text, cleaning_diagnostic, strip_terminal_markup, terminal_diagnostic
from convert.text.patterns import lazy_compile

TAB_WIDTH = 8
"""Tabs advance to the next multiple of eight columns, as terminals do."""


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


_ORDERED_HEAD = lazy_compile(r"\w{1,6}[.)][ \t]")
_BREAK_FIRST = frozenset("*-_~=#•·⁂❧%")
_BULLET_FIRST = frozenset("-*•+◦▪‣·・o")
_KEYWORD_FIRST = frozenset("CcPpBbVvAaSsLlГгЧчΚκΜμIiEe第")
# "•" apart from the other marks: a character class mixing it with them takes 0.1 ms longer to compile
_BREAK = lazy_compile(r"(?:⁂|❧|%|([*\-_~=#·])[ \t]*(?:\1[ \t]*){2,}|•[ \t]*(?:•[ \t]*){2,})")
_GLUED_BREAK = lazy_compile(r"(.*[^*\s])\s*\*{3,}")
_ATX = lazy_compile(r"(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?")
_NUMBER_WORDS = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
    "sixteen|seventeen|eighteen|nineteen|twenty|first|second|third|fourth|fifth|sixth|seventh|"
    "eighth|ninth|tenth|last"
)
_SPACE = r"[ \t\u00a0]+"
_KEYWORD = lazy_compile(
    r"(?:(?:CHAPTER|Chapter|PART|Part|BOOK|Book|VOLUME|Volume|ACT|Act|SCENE|Scene|"
    r"SECTION|Section|ARTICLE|Article|LESSON|Lesson|APPENDIX|Appendix|Глава|ГЛАВА|Часть|ЧАСТЬ|"
    r"Κεφάλαιο|ΚΕΦΑΛΑΙΟ|Μάθημα|ΜΑΘΗΜΑ)\.?" + _SPACE +
    rf"(?:\d+(?:\.\d+)*|[IVXLCDM]+|[A-Z]|(?i:{_NUMBER_WORDS}))\b"
    r"|PROLOGUE|Prologue|EPILOGUE|Epilogue|APPENDIX|Appendix|INTERLUDE|Interlude"
    r"|第" r"[ \t\u00a0]*[0-9０-９一二三四五六七八九十百千零〇]+[ \t\u00a0]*[章節节回部卷篇幕])"
    r"[.:：]?(?:[ \t\u00a0]+\S.*)?"
)
_KEYWORD_LABEL = lazy_compile(r"(?:APPENDIX|Appendix|ARTICLE|Article|SECTION|Section)(?:[ \t\u00a0]+\S+)?:")
_NUMBERED = lazy_compile(r"(\d{1,3}\.)[ \t\u00a0]+(\S.*)")
_DECIMAL = lazy_compile(r"(\d{1,3}(?:\.\d{1,3})+\.?)[ \t\u00a0]+(\S.*)")
# What follows a bullet (see bullet()); one pattern for all of them, with a class of
# the bullets, would take 0.3 ms to compile.
_AFTER_BULLET = lazy_compile(r"[ \t]+(\S.*)")
_AFTER_RFC_BULLET = lazy_compile(r"[ \t]+([A-Z\d\"'(].*)")
_ORDERED = lazy_compile(
    r"(\(?(?:\d{1,3}|[A-Za-z]|[ivxlcdm]{1,6}|[IVXLCDM]{1,6})\)"
    r"|(?:[a-z]|[A-Z]|[ivxlcdm]{2,6}|[IVXLCDM]{2,6})\."
    r"|\[\d{1,3}\])[ \t]+(\S.*)"
)


class Line:
    """One source line, trimmed and classified; read-only once made.

    One is made per source line: a class with slots is the smallest and
    quickest record (104 bytes, where a named tuple takes 112).
    """

    __slots__ = ("number", "text", "kind", "marker", "body", "glued_break", "raw", "indent", "hard_break")

    def __init__(self, number: int, text: str, kind: Kind, marker: str = "", body: str = "",
                 glued_break: bool = False, raw: str = "", indent: int = 0, hard_break: bool = False) -> None:
        self.number = number
        """1-based source line number."""
        self.text = text
        """The line without leading and trailing whitespace."""
        self.kind = kind
        """What the line looks like on its own."""
        self.marker = marker
        """The number or bullet for numbered, decimal and list lines."""
        self.body = body
        """The text after the marker (or the heading text); else the whole text."""
        self.glued_break = glued_break
        """True when a scene-break marker was glued to the end of a text line."""
        self.raw = raw
        """The line as written (cleaned), without trailing whitespace."""
        self.indent = indent
        """Columns of leading whitespace (tabs expanded to :data:`TAB_WIDTH`)."""
        self.hard_break = hard_break
        """The line as written ended with two or more spaces (Markdown's hard line break)."""

    def _fields(self) -> tuple:
        return tuple(getattr(self, name) for name in self.__slots__)

    def __eq__(self, other: object) -> bool:
        return self._fields() == other._fields() if isinstance(other, Line) else NotImplemented

    def __hash__(self) -> int:
        return hash(self._fields())

    def __repr__(self) -> str:
        return "Line(" + ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__) + ")"

    @property
    def blank(self) -> bool:
        return self.kind is Kind.BLANK

    @property
    def width(self) -> int:
        """Columns the line takes on a terminal: indentation plus text, wide characters counting two."""
        return self.indent + display_width(expand_tabs(self.text))


def expand_tabs(text: str, start: int = 0) -> str:
    """Tabs replaced by spaces up to the next tab stop (``start`` is the column of ``text[0]``)."""
    if "\t" not in text:
        return text
    out: list[str] = []
    column = start
    for char in text:
        if char == "\t":
            step = TAB_WIDTH - column % TAB_WIDTH
            out.append(" " * step)
            column += step
        else:
            out.append(char)
            column += 1
    return "".join(out)


def dedent_raw(raw: str, columns: int) -> str:
    """``raw`` without ``columns`` columns of leading whitespace (tabs in the
    indentation expanded, tabs inside the text kept)."""
    column = 0
    for index, char in enumerate(raw):
        if column >= columns or char not in " \t\u00a0":
            rest = raw[index:]
            return " " * (column - columns) + rest if column > columns else rest
        column += TAB_WIDTH - column % TAB_WIDTH if char == "\t" else 1
    return ""


NEVER_WIDE = (("\x00", "\u0377"), ("\u2000", "\u2064"))
"""Ranges of characters none of which is wide: below U+0378, and the general
punctuation (dashes, quotation marks) that most non-ASCII text holds."""
_MAYBE_WIDE = lazy_compile("[^" + "".join(f"{low}-{high}" for low, high in NEVER_WIDE) + "]")


def display_width(text: str) -> int:
    """Terminal columns: East Asian wide and full-width characters count two."""
    if text.isascii():
        return len(text)
    # only characters outside NEVER_WIDE can be wide: look those up, not every character
    return len(text) + sum(unicodedata.east_asian_width(char) in "WF" for char in _MAYBE_WIDE.findall(text))


def indentation(raw: str) -> int:
    """Columns of leading whitespace, tabs expanded."""
    column = 0
    for char in raw:
        if char == " " or char == "\u00a0":
            column += 1
        elif char == "\t":
            column += TAB_WIDTH - column % TAB_WIDTH
        else:
            break
    return column


def split_lines(text: str) -> tuple[list[Line], list[Diagnostic]]:
    """Split on CRLF, CR or LF, clean, trim and classify every line.

    Terminal markup (ANSI escape sequences, backspace overstrike) is removed
    from the whole text first, with one warning for the document.
    """
    if text.startswith("\ufeff"):
        text = text[1:]
    diagnostics: list[Diagnostic] = []
    text, removed = strip_terminal_markup(text)
    if any(removed):
        diagnostics.append(terminal_diagnostic(removed))
    raw = split_line_ends(text)
    if raw and raw[-1] == "":
        raw.pop()
    lines = []
    for number, line in enumerate(raw, start=1):
        if not line.isprintable():  # a printable line is clean (see convert.text.cleaning)
            line, found = clean_text(line)
            if found:
                diagnostics.append(cleaning_diagnostic(number, found))
        lines.append(classify(number, line))
    return lines, diagnostics


def split_line_ends(text: str) -> list[str]:
    """``text`` split at each CRLF, CR or LF (str.split is ten times faster than a pattern)."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.split("\n")


def classify(number: int, raw: str) -> Line:
    """Decide a line's :class:`Kind` from its text alone."""
    hard_break = raw.endswith("  ")
    raw = raw.rstrip()
    text = raw.strip()
    indent = indentation(raw) if text else 0
    kind, marker, body, glued = _kind(text)
    return Line(number, text, kind, marker, body, glued, raw, indent, hard_break and bool(text))


def _kind(text: str) -> tuple[Kind, str, str, bool]:
    if not text:
        return Kind.BLANK, "", "", False
    first = text[0]
    # Each pattern is tried only when the first character allows it (most lines are plain text).
    if first in _BREAK_FIRST and _BREAK.fullmatch(text):
        return Kind.BREAK, "", "", False
    if first == "#" and (match := _ATX.fullmatch(text)):
        return Kind.ATX, match[1], match[2], False
    if first.isdigit():
        if match := _DECIMAL.fullmatch(text):
            return Kind.DECIMAL, match[1], match[2], False
        if match := _NUMBERED.fullmatch(text):
            return Kind.NUMBERED, match[1], match[2], False
    if (first in "([" or _ORDERED_HEAD.match(text)) and (match := _ORDERED.fullmatch(text)):
        return Kind.ORDERED, match[1], match[2], False
    if first in _BULLET_FIRST and (body := bullet_body(text)):
        return Kind.BULLET, first, body, False
    if first in _KEYWORD_FIRST and is_keyword_heading(text):
        return Kind.KEYWORD, "", text, False
    if is_caps(text):
        return Kind.CAPS, "", text, False
    if text[-1] == "*" and (match := _GLUED_BREAK.fullmatch(text)):
        return Kind.TEXT, "", match[1], True
    return Kind.TEXT, "", text, False


def bullet_body(text: str) -> str | None:
    """The text after the bullet starting ``text`` (one of ``-*•+◦▪‣·・o``), or None.

    A bullet, then a space; the full-width ``・`` of Japanese text needs none; an
    RFC's ``o`` bullet is followed by a capital, a digit or an opening mark.
    """
    first = text[0]
    if first == "・":
        body = text[1:].lstrip(" \t\u3000")
        return body if body and not body[0].isspace() else None
    match = (_AFTER_RFC_BULLET if first == "o" else _AFTER_BULLET).fullmatch(text, 1)
    return match[1] if match else None


def is_keyword_heading(text: str) -> bool:
    """``CHAPTER IV``, ``Part One: Arrival``, ``Chapter 1. Overview``, ``第一章``: short,
    and not a sentence (a final period is allowed on four words or fewer, as in
    ``CHAPTER I.``, or after a title set off by the number's own period)."""
    if len(text) > 80 or not _KEYWORD.fullmatch(text):
        return False
    if not text.endswith("."):
        return True
    words = text.split()
    return len(words) <= 4 or "\t" in text or bool(_KEYWORD_LABEL.match(text))


def is_caps(text: str) -> bool:
    """A short line with at least four cased letters, none of them lower-case,
    and at most one uncased letter (Han, kana ...) for four cased ones: Latin
    names in a Japanese sentence (``MAKEIT.BAT と MAKE1.BAT が…``) are not
    capitals.  A closing aside in brackets may be in lower case, after two
    words in capitals: ``BUG REPORTS AND FIXES (Un*x systems):``."""
    if len(text) > 60:
        return False
    if not text.isupper():
        if not text.endswith((")", "):")) or "(" not in text:
            return False
        text = text[:text.rindex("(")].rstrip()
        if len(text.split()) < 2 or not text.isupper():
            return False
    cased = uncased = 0
    for char in text:
        if char.islower():
            return False
        if char.isupper():
            cased += 1
        elif char.isalpha():
            uncased += 1
    return cased >= 4 and uncased * 4 <= cased
