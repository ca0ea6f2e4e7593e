"""The title page: the short centred lines under a centred title.

A book set out as a title page puts its byline and edition under the title::

                ALICE'S ADVENTURES IN WONDERLAND

                          Lewis Carroll

               THE MILLENNIUM FULCRUM EDITION 2.9

                            CHAPTER I

Those lines (``Lewis Carroll``, the edition) belong to the title, not to the
outline: each stays a paragraph.  The title page ends at the first line that
is not short and centred, or that has a heading's own mark (``CHAPTER I``,
``1. Introduction``, ``# Notes``), or that stands over running text (a
centred ``Preamble`` heads what follows it), and after at most
:data:`PAGE_LINES` lines.
"""

from __future__ import annotations

from convert.model import Paragraph
from convert.plaintext.lines import Kind
from convert.plaintext.state import Found, State

PAGE_LINES = 6
"""Lines of a title page under the title, at most (byline, edition, date…)."""
CENTRED_INDENT = 8
LINE_MAX = 60
_MARKED = frozenset({Kind.KEYWORD, Kind.NUMBERED, Kind.DECIMAL, Kind.ATX, Kind.BREAK, Kind.BULLET, Kind.ORDERED})
_KEY = "title-page"


def centred(state: State, index: int) -> bool:
    line = state.lines[index]
    return line.indent >= CENTRED_INDENT and not line.blank and len(line.text) <= LINE_MAX


def mark(state: State, title_line: int) -> None:
    """Record the title page under a centred title standing at ``title_line``."""
    if not centred(state, title_line):
        return
    page: set[int] = set()
    index = title_line + 1
    while index < len(state) and len(page) < PAGE_LINES:
        if state.blank(index):
            index += 1
            continue
        line = state.lines[index]
        if not centred(state, index) or line.kind in _MARKED or not state.isolated(index):
            break
        following = state.next_text(index, 8)
        if following is None or not (centred(state, following) or state.lines[following].kind in _MARKED):
            break  # a centred line over running text heads it ("Preamble")
        page.add(index)
        index += 1
    state.cache[_KEY] = page


def line(state: State, position: int) -> Found | None:
    if position not in state.cache.get(_KEY, ()):
        return None
    text = state.lines[position]
    return Found([Paragraph(text.text, (text.number, text.number))], position + 1,
                 "paragraph: a line of the title page under a centred title (byline, edition)")
