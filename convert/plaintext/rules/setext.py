"""Underlined (setext) headings: a line of text and, directly below it, a line
of one repeated ``=``, ``-``, ``~``, ``*``, ``^``, ``+``, ``#`` or ``_`` about
as wide as the text (within a third, or three columns for short lines).

Levels follow the underline characters in the order they first appear
(the first kind seen is level 1, the next level 2 ...), as in
reStructuredText.  A leading ``*`` or ``＊`` on the text is decoration and
is dropped; a number is kept as written.  A rule much shorter than
its line, a rule under a sentence (a separator), or under a line without a
letter or digit, is not an underline; a longer rule under a short title is
(reStructuredText allows it).
"""

from __future__ import annotations

from convert.model import Heading
from convert.plaintext.lines import Kind, Line, display_width
from convert.plaintext.state import Found, State
from convert.text.patterns import lazy_compile

_UNDERLINE = lazy_compile(r"([=\-~*^+#_])\1{2,}")
_DECORATION = lazy_compile(r"[*＊][ \t\u3000]+")
_NUMBER = lazy_compile(r"(\d{1,3}(?:\.\d{1,3})*\.?)[ \t\u00a0]+(\S.*)")
_TEXT_MAX = 100
_LONG_UNDERLINE_WORDS = 8


def underline_char(text: Line | None, below: Line | None) -> str | None:
    """The underline character when ``below`` underlines ``text``, else None."""
    if text is None or below is None or text.blank or len(text.text) > _TEXT_MAX:
        return None
    match = _UNDERLINE.fullmatch(below.text)  # first: most lines have no underline below them
    if not match or (text.text.endswith(".") and not text.text.endswith("...")):
        return None
    if not any(char.isalnum() for char in text.text):
        return None  # "+" over "----" (an AsciiDoc continuation, then a fence): nothing to head
    if text.kind in (Kind.BREAK, Kind.BULLET) and not text.text.startswith(("* ", "＊")):
        return None
    width, rule = display_width(text.text), len(below.text)
    if abs(below.indent - text.indent) > 4:
        return None
    if abs(rule - width) > max(3, width / 3) and not (rule > width and match[1] != "_" and _section_title(text)):
        return None
    return match[1]


def _section_title(line: Line) -> bool:
    """A short line without a sentence's end: reStructuredText lets an underline
    run on past its title (``Installation`` over seventy ``=``)."""
    text = line.text
    return (
        len(text.split()) <= _LONG_UNDERLINE_WORDS and text[0].isalnum() and "://" not in text
        and not text.endswith((".", ",", ";", ":", "!"))
    )


def heading(state: State, position: int) -> Found | None:
    line = state.lines[position]
    char = underline_char(line, state.line(position + 1))
    if char is None:
        return None
    levels = state.cache.setdefault("setext-levels", {})
    level = levels.setdefault(char, min(6, len(levels) + 1))
    text = _DECORATION.sub("", line.text, count=1) if _DECORATION.match(line.text) else line.text
    number = None
    if match := _NUMBER.fullmatch(text):
        number, text = match[1], match[2]
    block = Heading(level, text, number, (line.number, line.number + 1))
    return Found([block], position + 2, f"heading level {level}: underlined with {char * 3}")
