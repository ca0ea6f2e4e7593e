"""Boxes drawn with one character.

* **Boxed text**: a rule of ten or more ``*`` (or ``#``, ``=``), lines
  framed by that character on both sides, and the same rule again.  The
  frame is decoration: its content is read as text (with its own headings
  and paragraphs), as an editor would strip the box.
* **Fenced heading**: one or two short lines between two identical rules
  (``********`` / ``Appendix`` / ``The Manifesto`` / ``********``) — a heading,
  its lines joined; a line of code between rules stays code.
* **Framed snippet**: lines directly between two decorated lines of the same
  mark (``----- ここから -----`` / ``ASSUME_CHARSET:euc-jp`` /
  ``----- ここまで -----``: "from here" … "to here"; a ``*** IMPORTANT ***``
  banner above and below a warning) — verbatim, frame included: the
  decorations label the snippet, they are not headings.
"""

from __future__ import annotations

from convert.model import Heading, Verbatim
from convert.plaintext.lines import Kind, Line, classify
from convert.plaintext.profile import profile
from convert.plaintext.rules.headings import decoration
from convert.plaintext.rules.shapes import code_like
from convert.plaintext.state import Found, State, span, verbatim_text

_FRAME = "*#="
_MIN_RULE = 10
_BOX_LIMIT = 400
_FENCE = "*=-~#_"
_FENCED_MAX = 60
_FRAMED_MAX = 20
"""Lines between the two decorated lines of a framed snippet, at most."""


def _rule_char(line: Line | None, chars: str, minimum: int) -> str | None:
    if line is None or len(line.text) < minimum:
        return None
    char = line.text[0]
    return char if char in chars and line.text == char * len(line.text) else None


def box(state: State, position: int) -> Found | None:
    top = state.lines[position]
    char = _rule_char(top, _FRAME, _MIN_RULE)
    if char is None:
        return None
    inner: list[Line] = []
    end = position + 1
    limit = min(len(state), position + _BOX_LIMIT)
    while end < limit:
        line = state.lines[end]
        if line.text == top.text and line.indent == top.indent:
            break
        if len(line.text) < 2 or line.text[0] != char or line.text[-1] != char:
            return None
        inner.append(_unframe(line, char))
        end += 1
    else:
        return None
    if not inner or not any(not line.blank for line in inner):
        return None
    from convert.plaintext.rules import parse_blocks  # the content is parsed like a document

    measured, _ = profile(inner)
    sub = State(inner, state.profile._replace(style=measured.style, body_indent=_least_indent(inner),
                                              width=max(20, state.profile.width - 2)))
    sub.title_text = state.title_text
    blocks = parse_blocks(sub)
    state.notes.extend(sub.notes)
    return Found(blocks, end + 1, f"boxed text: a frame of {char!r} around {len(inner)} lines, read as text")


def _unframe(line: Line, char: str) -> Line:
    start = line.raw.index(char) + 1
    stop = line.raw.rindex(char)
    return classify(line.number, " " * start + line.raw[start:stop] if stop > start else "")


def _least_indent(lines: list[Line]) -> int:
    indents = [line.indent for line in lines if not line.blank]
    return min(indents) if indents else 0


def fenced_heading(state: State, position: int) -> Found | None:
    top = state.lines[position]
    if top.kind is not Kind.BREAK or not state.blank(position - 1):
        return None
    char = _rule_char(top, _FENCE, 5)
    if char is None:
        return None
    for size in (1, 2):
        bottom = state.line(position + size + 1)
        if bottom is None or bottom.text != top.text:
            continue
        texts = state.lines[position + 1 : position + size + 1]
        if all(line.kind in (Kind.TEXT, Kind.CAPS, Kind.KEYWORD) and len(line.text) <= _FENCED_MAX
               and not line.text.endswith((".", ",", ";")) and not code_like(line) for line in texts):
            text = " ".join(line.text for line in texts)
            heading = Heading(1, text, None, (top.number, bottom.number))
            return Found([heading], position + size + 2, f"heading: {size} line(s) fenced by {char * 3} rules")
    return None


def framed(state: State, position: int) -> Found | None:
    mark = decoration(state.lines[position].text)
    if mark is None:
        return None
    end = position + 1
    while end < len(state) and end - position <= _FRAMED_MAX + 1 and not state.blank(end):
        if decoration(state.lines[end].text) == mark:
            if end == position + 1:
                return None  # two decorated lines in a row: headings, not a frame
            region = state.lines[position:end + 1]
            return Found([Verbatim(verbatim_text(region), None, None, span(region))], end + 1,
                         f"verbatim: lines framed by two {mark * 3} decorated lines")
        end += 1
    return None
