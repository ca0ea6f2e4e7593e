"""Numbered sections: when a numbered line is a heading, and when an item.

One paragraph per line (the digest style):

* ``3. Layoffs…``: a heading when at most 200 characters, not ending with a
  period (``...`` is fine), and neither neighbouring line is numbered one less
  or one more (then it is a list item).
* ``1.2 Scope``: a heading when at most 80 characters, starting with a
  capital and not ending with ``. , ; :``.  ``3.5 million people…`` is text.

Hard-wrapped text:

* The numbered unit is the line and the lines that continue it (a long first
  line wrapping on, flush or hanging); a short first line stands alone.  It
  must be at most three lines, and be followed by its body: a paragraph
  after a blank line, lines indented deeper directly below, or — for a short
  title-cased line (``2.1. The Initial Developer Grant.``) — its text flush
  below.  A line above code (a step of instructions) is not a heading.
* ``0. Definitions.`` (``N.``): a heading when, besides, its body is not
  the next item (``N+1.`` at the same indentation, before a blank line or
  right after one) nor a nested list, and it does not continue a list that
  ended a few lines before.  A body numbered under it (``3.`` over ``3.1.``)
  makes it a section whatever follows; so does a list of another kind at
  its own indentation (``2. New handling`` over ``(1) …``), and so does
  following the last numbered section (``3. References`` at the margin,
  after ``2.3. Compliance``, over ``[1] Deutsch…``).  A final period is allowed on a short line.
* ``1.1. "Contributor"`` (decimal): a heading when its text does not start
  in lower case (a file name may: ``4. lynx.cfg settings``).  Level = the number of parts.
"""

from __future__ import annotations

from convert.model import Heading
from convert.plaintext.lines import Kind, Line
from convert.plaintext.rules.headings import decoration
from convert.plaintext.rules.lists import _continues_list, parse_marker, text_column
from convert.plaintext.rules.shapes import code_like, command_like, deliberate_break, symbolic
from convert.plaintext.state import Found, State, span
from convert.text.patterns import lazy_compile

HEADLINE_MAX = 200
"""A numbered line longer than this is prose, not a headline."""
_UNIT_MAX = 3
_WRAPPED_MAX = 260
_SHORT = 80
_SECTION = "numbered-section"
"""Cache key: the top-level number of the last numbered section heading."""
_FILE_NAME = lazy_compile(r"[a-z][\w-]*[._/][\w./-]*\w(?:\s|$)")
_ITEM_KINDS = (Kind.BULLET, Kind.ORDERED, Kind.NUMBERED, Kind.DECIMAL)


def heading(state: State, position: int) -> Found | None:
    line = state.lines[position]
    if line.kind not in (Kind.NUMBERED, Kind.DECIMAL):
        return None
    if state.profile.style == "lines":
        return _digest_heading(state, position)
    return _wrapped_heading(state, position)


def _level(line: Line) -> int:
    return min(6, line.marker.rstrip(".").count(".") + 1) if line.kind is Kind.DECIMAL else 1


def _digest_heading(state: State, position: int) -> Found | None:
    line = state.lines[position]
    body = line.body
    if line.kind is Kind.NUMBERED:
        if len(body) > HEADLINE_MAX or (body.endswith(".") and not body.endswith("...")):
            return None
        number = int(line.marker.rstrip("."))
        for index, step in ((position - 1, -1), (position + 1, 1)):
            other = state.line(index)
            if other is not None and other.kind is Kind.NUMBERED and int(other.marker.rstrip(".")) == number + step:
                return None
        why = f"heading: numbered line {line.marker!r}, no numbered neighbour, no final period"
    else:
        if len(body) > _SHORT or not body[0].isupper() or body.endswith((".", ",", ";", ":")):
            return None
        why = f"heading level {_level(line)}: decimal number {line.marker!r}, capitalised, no final period"
    return Found([Heading(_level(line), body, line.marker, (line.number, line.number))], position + 1, why)


def _unit_end(state: State, position: int) -> int:
    """The end of the numbered unit: a short first line stands alone; a long one
    wraps on over the lines that continue it."""
    line = state.lines[position]
    following = state.line(position + 1)
    if following is None or state.blank(position + 1) or deliberate_break(line, following, state.profile.width):
        return position + 1
    column = text_column(line)
    end = position + 1
    while end < len(state) and not state.blank(end) and end - position <= _UNIT_MAX:
        other = state.lines[end]
        if other.kind in _ITEM_KINDS or other.indent < line.indent or other.indent > column + 1:
            break
        end += 1
    return end


def _wrapped_heading(state: State, position: int) -> Found | None:
    line = state.lines[position]
    if not line.body[:1] or line.body[0] in "([" or (line.body[0].islower() and not _FILE_NAME.match(line.body)):
        return None  # lower case continues a sentence, unless it is a name ("4. lynx.cfg settings")
    end = _unit_end(state, position)
    if end - position > _UNIT_MAX:
        return None
    unit = state.lines[position:end]
    text = " ".join([line.body, *(other.text for other in unit[1:])])
    if len(text) > _WRAPPED_MAX or text.endswith((",", ";")):
        return None
    directly = not state.blank(end)
    body_index = end if directly else state.next_text(end - 1, 3)
    if body_index is None:
        return None
    body = state.lines[body_index]
    column = text_column(line)
    deeper = body.indent > line.indent
    if directly and body.indent == column:
        return None  # an item whose text goes on under it
    if directly and not deeper and not (len(unit) == 1 and _title_case(text) and body.indent == line.indent):
        return None  # a run-in paragraph ("5.1. The rights ... terminate" goes on flush)
    if (code_like(body) and not symbolic(body) and not decoration(body.text)) or (text.endswith(":") and state.lines[body_index].indent > line.indent
                           and _reads_as_code(state, body_index)):
        return None  # a step of instructions above its code, not a section
    if body.indent < line.indent:
        return None
    if text.endswith(".") and not text.endswith("..."):
        if not (_title_case(text) or len(text.split()) <= 3 or (len(unit) > 1 and body.indent > column)):
            return None
    if line.kind is Kind.NUMBERED and not _sections(state, position, body_index, line):
        return None
    level = _level(line)
    kind = "decimal-numbered" if line.kind is Kind.DECIMAL else "numbered"
    why = f"heading level {level}: {kind} line {line.marker!r} above its body"
    state.cache[_SECTION] = int(line.marker.split(".")[0])
    return Found([Heading(level, text, line.marker, span(unit))], end, why)


def _reads_as_code(state: State, index: int) -> bool:
    end = state.run_end(index)
    lines = state.lines[index:end]
    return sum(1 for line in lines if (code_like(line) or command_like(line)) and not symbolic(line)) * 2 >= len(lines)


def _title_case(text: str) -> bool:
    """Most words of four letters or more start with a capital (``Conveying Verbatim Copies.``)."""
    words = [word for word in text.split() if sum(char.isalpha() for char in word) >= 4]
    return bool(words) and sum(word[0].isupper() for word in words) >= 0.6 * len(words)


def _sections(state: State, position: int, body_index: int, line: Line) -> bool:
    """``N.`` lines are sections, not items: the body is not the next item or a
    nested list, the next item comes after a blank line, and no list is being continued."""
    marker = parse_marker(line)
    if marker is None or _continues_list(state, marker, position):
        return False
    body = state.lines[body_index]
    if body.kind is Kind.DECIMAL and body.marker.startswith(f"{marker.value}."):
        return True  # "3. Individual Developers" over "3.1. Powers": a section over its subsection
    if state.cache.get(_SECTION) == marker.value - 1 and line.indent == 0 and state.blank(position + 1):
        return True  # "3. References" after section 2's headings: the next section, whatever its body
    nested = parse_marker(body) if body.kind in _ITEM_KINDS else None
    if nested is not None and (body.indent > line.indent or nested.family == marker.family):
        return False  # its body is a nested list, or the next item
    # The next item inside the same run means items with bodies: a list.
    end = state.run_end(body_index)
    for index in range(body_index, end):
        other = state.lines[index]
        if other.kind is Kind.NUMBERED and other.indent == line.indent \
                and other.marker == f"{marker.value + 1}.":
            return False
    return True
