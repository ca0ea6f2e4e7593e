"""The title page: the byline, edition and addresses under the title.

A book set out as a title page puts its byline and edition under the title::

                ALICE'S ADVENTURES IN WONDERLAND

                          Lewis Carroll

               THE MILLENNIUM FULCRUM EDITION 2.9

                            CHAPTER I

and a specification its version, authors and their addresses::

    Configuration management

      Protocol version 2.1

      Wichert Akkerman

       <wakkerma@debian.org>

Those lines belong to the title, not to the outline: each stays a paragraph.
Under a centred title they are short centred lines; under a title at the
margin, short lines standing alone, not sentences, each over another such
line.  A rule directly under the title is the page's decoration.  The title page ends at a line with a heading's own mark (``CHAPTER
I``, ``1. Introduction``, ``# Notes``), at a line of another shape, at a line
over running text (a centred ``Preamble`` heads what follows it), and after
at most :data:`PAGE_LINES` lines.
"""

from __future__ import annotations

from convert.model import Paragraph
from convert.plaintext.lines import Kind
from convert.plaintext.rules.shapes import ends_sentence
from convert.plaintext.state import Found, State

PAGE_LINES = 24
"""Lines of a title page under the title, at most (byline, edition, date…)."""
CENTRED_INDENT = 8
LINE_MAX = 60
_MARKED = frozenset({Kind.KEYWORD, Kind.NUMBERED, Kind.DECIMAL, Kind.ATX, Kind.BREAK, Kind.BULLET, Kind.ORDERED})
_KEY = "title-page"


def centred(state: State, index: int) -> bool:
    line = state.lines[index]
    return line.indent >= CENTRED_INDENT and not line.blank and len(line.text) <= LINE_MAX


def mark(state: State, title_line: int) -> None:
    """Record the title page under the title standing at ``title_line``."""
    fits = centred if centred(state, title_line) else _short
    page: set[int] = set()
    index = title_line + 1
    while index < len(state) and len(page) < PAGE_LINES:
        if state.blank(index):
            index += 1
            continue
        line = state.lines[index]
        if line.kind is Kind.BREAK and not page and index == state.next_text(title_line, 3):
            index += 1  # a rule under the title is the title page's own decoration
            continue
        if not fits(state, index) or line.kind in _MARKED or not state.isolated(index):
            break
        following = state.next_text(index, 8)
        if following is None or not (fits(state, following) or (fits is centred and state.lines[following].kind in _MARKED)):
            break  # a line over running text heads it ("Preamble"), a line at the margin over a list too
        page.add(index)
        index += 1
    state.cache[_KEY] = page


def _short(state: State, index: int) -> bool:
    """A byline, version, address or date line of a title page set at the margin."""
    line = state.lines[index]
    return not line.blank and len(line.text) <= LINE_MAX and not ends_sentence(line.text) \
        and not line.text.endswith((":", "：")) and state.isolated(index)


def line(state: State, position: int) -> Found | None:
    if position not in state.cache.get(_KEY, ()):
        return None
    text = state.lines[position]
    return Found([Paragraph(text.text, (text.number, text.number))], position + 1,
                 "paragraph: a line of the title page under the title (byline, edition)")
