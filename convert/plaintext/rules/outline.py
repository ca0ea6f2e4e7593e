"""Outlines (Emacs ``outline-mode`` files such as NEWS): ``* Title``,
``** Subtitle`` at the margin.

A text is an outline when it has star lines of two or more stars at the
margin.  A star line is then a heading when it stands alone, or when it ends
a sentence and its body follows on the next line; a star line running on
into the next line is a paragraph that starts with stars.  Level = the
number of stars less the fewest any heading has, plus one.  The stars are
decoration and are dropped.
"""

from __future__ import annotations

from convert.model import Heading
from convert.plaintext.rules.shapes import ends_sentence
from convert.plaintext.state import Found, State
from convert.text.patterns import lazy_compile

_STAR_LINE = lazy_compile(r"(\*+)[ \t]+(\S.*)")


def heading(state: State, position: int) -> Found | None:
    stars = state.profile.outline_stars
    line = state.lines[position]
    if not stars or line.indent:
        return None
    match = _STAR_LINE.fullmatch(line.text)
    if not match or len(match[1]) < stars:
        return None
    text = match[2]
    alone = state.blank(position + 1)
    if not alone and not (ends_sentence(text) or text.endswith(":")):
        return None
    level = min(6, len(match[1]) - stars + 1)
    how = "standing alone" if alone else "a sentence over its body"
    return Found([Heading(level, text, None, (line.number, line.number))], position + 1,
                 f"heading level {level}: outline line {match[1]!r}, {how}")
