"""Lists: items with their markers as written, nested by indentation.

Markers: bullets ``- * • + ◦ ▪ ‣ ·``; numbers ``1.`` ``1)`` ``(1)`` ``[1]``
and ``5.1.``; letters ``a)`` ``(a)`` ``a.`` ``A.``; Roman numerals ``i.``
``(iv)`` ``II.``.  The style (bullet, decimal, lower/upper alpha, lower/upper
Roman) and start come from the first marker; ``i``/``I`` alone is Roman.

An item is its marker line and the lines that continue it (indented to the
item's text, or flush with the marker in wrapped text), then any further
blocks indented deeper than the marker — more paragraphs, code, a nested
list.  Siblings have the same kind of marker at the same indentation,
counting up by one.  Bullets and parenthesised markers start a list on their
own; ``N.`` numbers, ``a.``, ``A.``, Roman numerals and ``[N]`` need a next
sibling, or must continue a list that ended a few lines before.
"""

from __future__ import annotations

import functools
from typing import NamedTuple

from convert.model import Block, ListBlock, ListItem, Paragraph
from convert.plaintext.lines import Kind, Line, classify, dedent_raw, expand_tabs
from convert.plaintext.rules.runs import aligned_pair
from convert.plaintext.rules.shapes import code_like
from convert.plaintext.state import Found, State
from convert.text.patterns import lazy_compile

_ITEM_KINDS = (Kind.BULLET, Kind.ORDERED, Kind.NUMBERED, Kind.DECIMAL)
_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}
_ORDINAL = lazy_compile(r"([(\[]?)(\d+(?:\.\d+)*|[A-Za-z]+)([.)\]]?)")
_CONTINUE_WITHIN = 12
"""A list numbered on from one that ended at most this many lines before continues it."""
_MAX_BLANKS = 2
_LOOK_AHEAD = 60


class Marker(NamedTuple):
    text: str
    family: str
    """bullet:<char>, decimal, alpha, roman or dotted:<prefix>, with the punctuation form."""
    value: int
    style: str
    strong: bool
    """True when the marker starts a list on its own (bullets, parentheses)."""


def roman_value(letters: str) -> int:
    total, previous = 0, 0
    for char in reversed(letters.lower()):
        value = _ROMAN[char]
        total = total - value if value < previous else total + value
        previous = max(previous, value)
    return total


def parse_marker(line: Line, roman_hint: bool | None = None) -> Marker | None:
    """The list marker of a line, or None."""
    if line.kind not in _ITEM_KINDS:
        return None
    return _parse_marker(line.kind, line.marker, roman_hint)


@functools.lru_cache(maxsize=4096)
def _parse_marker(kind: Kind, text: str, roman_hint: bool | None) -> Marker | None:
    if kind is Kind.BULLET:
        return Marker(text, f"bullet:{text}", 1, "bullet", True)
    match = _ORDINAL.fullmatch(text)
    if not match:
        return None
    opening, core, closing = match.groups()
    form = f"{opening}{closing}"
    strong = bool(opening) and opening == "("
    if core[0].isdigit():
        if "." in core:
            prefix, _, last = core.rpartition(".")
            return Marker(text, f"dotted:{prefix}:{form}", int(last), "decimal", False)
        return Marker(text, f"decimal:{form}", int(core), "decimal", strong or closing == ")")
    lower = core.islower()
    is_roman = set(core.lower()) <= _ROMAN.keys()
    roman = (len(core) > 1 or core.lower() == "i") if roman_hint is None else (roman_hint or len(core) > 1)
    if is_roman and roman:
        style = "lower-roman" if lower else "upper-roman"
        return Marker(text, f"roman:{lower}:{form}", roman_value(core), style, strong)
    if len(core) > 1:
        return None
    style = "lower-alpha" if lower else "upper-alpha"
    return Marker(text, f"alpha:{lower}:{form}", ord(core.lower()) - 96, style, strong or closing == ")")


def sibling(first: Marker, previous: Marker, line: Line, indent: int) -> Marker | None:
    """The marker of ``line`` if it is the next sibling of an item marked ``previous``."""
    if abs(line.indent - indent) > 1:
        return None
    roman = first.style.endswith("roman")
    marker = parse_marker(line, roman_hint=roman)
    if marker is None or marker.family != previous.family:
        return None
    if marker.style != "bullet" and marker.value != previous.value + 1:
        return None
    return marker


def list_block(state: State, position: int) -> Found | None:
    line = state.lines[position]
    first = parse_marker(line)
    if first is None or _is_outline_star(state, line):
        return None
    following = _next_sibling_marker(state, position, first)
    if following is None and first.style.endswith("roman") and len(line.marker.strip("().[]")) == 1:
        as_letter = parse_marker(line, roman_hint=False)
        if as_letter is not None and (after := _next_sibling_marker(state, position, as_letter)) is not None:
            first, following = as_letter, after
    at_run_start = state.blank(position - 1)
    if not (first.style == "bullet" or (first.strong and at_run_start) or following is not None
            or _continues_list(state, first, position)):
        return None
    if state.profile.style == "lines" and line.kind is Kind.NUMBERED and not _numbered_neighbour(state, position):
        return None
    items: list[ListItem] = []
    current, marker, indent = position, first, line.indent
    while True:
        item, end = _read_item(state, current, marker)
        items.append(item)
        following = _skip_blanks(state, end)
        nxt = sibling(first, marker, state.lines[following], indent) if following is not None else None
        if nxt is None or (first.style != "bullet" and _section_heading(state, following)):
            break
        current, marker = following, nxt
    last_line = items[-1].lines[1]
    block = ListBlock(first.style, tuple(items), first.value if first.style != "bullet" else 1,
                      (line.number, last_line))
    state.cache["last-list"] = (marker, end)
    kind = "bulleted" if first.style == "bullet" else f"{first.style} numbered"
    return Found([block], end, f"{kind} list of {len(items)} items, markers as written ({first.text!r} …)")


def _section_heading(state: State, position: int) -> bool:
    """The numbered line is a section heading rather than the next item."""
    from convert.plaintext.rules import numbered

    return state.lines[position].kind in (Kind.NUMBERED, Kind.DECIMAL) and numbered.heading(state, position) is not None


def _is_outline_star(state: State, line: Line) -> bool:
    return bool(state.profile.outline_stars) and line.indent == 0 and line.marker == "*"


def _skip_blanks(state: State, position: int) -> int | None:
    for offset in range(_MAX_BLANKS + 1):
        index = position + offset
        if index >= len(state):
            return None
        if not state.blank(index):
            return index
    return None


def _next_sibling_marker(state: State, position: int, first: Marker) -> Marker | None:
    """The marker of the next item line at this indentation if it is the next
    sibling, looking a few dozen lines ahead (past the item's own lines)."""
    line = state.lines[position]
    for index in range(position + 1, min(len(state), position + _LOOK_AHEAD)):
        other = state.lines[index]
        if other.blank or other.indent > line.indent + 1:
            continue
        if other.indent < line.indent - 1:
            return None
        if other.kind in _ITEM_KINDS:
            return sibling(first, first, other, line.indent)
    return None


def _continues_list(state: State, first: Marker, position: int) -> bool:
    last = state.cache.get("last-list")
    if last is None:
        return False
    marker, end = last
    return marker.family == first.family and first.value == marker.value + 1 and position - end <= _CONTINUE_WITHIN


def _after_lead_in(state: State, position: int) -> bool:
    previous = state.line(position - 1)
    return previous is not None and not previous.blank and previous.text.endswith((":", "："))


def _numbered_neighbour(state: State, position: int) -> bool:
    """Lines style: a ``3.`` line is an item when a neighbour line is numbered one less or more."""
    line = state.lines[position]
    number = int(line.marker.rstrip("."))
    for index, step in ((position - 1, -1), (position + 1, 1)):
        other = state.line(index)
        if other is not None and other.kind is Kind.NUMBERED and int(other.marker.rstrip(".")) == number + step:
            return True
    return False


def text_column(line: Line) -> int:
    """The column where an item's text starts, after its marker."""
    raw = expand_tabs(line.raw)
    column = line.indent + len(line.marker)
    while column < len(raw) and raw[column] == " ":
        column += 1
    return column


def _read_item(state: State, position: int, marker: Marker) -> tuple[ListItem, int]:
    line = state.lines[position]
    column = text_column(line)
    end = position + 1
    if state.profile.style == "wrapped":
        while end < len(state) and _continues_item(state, end, line, column, marker):
            end += 1
    paragraph_lines = state.lines[position:end]
    text = " ".join([line.body, *(other.text for other in paragraph_lines[1:])])
    first_block = Paragraph(text, (line.number, paragraph_lines[-1].number))
    threshold = max(line.indent + 1, column - 1)
    content_end = end
    if state.profile.style == "wrapped":
        following = _skip_blanks(state, end)
        if following is not None and (state.lines[following].indent < column + 8 or code_like(state.lines[following])):
            content_end = _content_end(state, end, threshold)
    blocks: list[Block] = [first_block]
    if content_end > end:
        blocks.extend(_parse_content(state, end, content_end, column))
    last = state.lines[content_end - 1] if content_end > end else paragraph_lines[-1]
    while last.blank:
        content_end -= 1
        last = state.lines[content_end - 1]
    return ListItem(tuple(blocks), marker.text, (line.number, last.number)), content_end


def _continues_item(state: State, index: int, item: Line, column: int, marker: Marker) -> bool:
    line = state.lines[index]
    if state.blank(index) or line.kind in (Kind.BREAK, Kind.ATX) or line.text.startswith(">"):
        return False
    other = parse_marker(line) if line.kind in _ITEM_KINDS else None
    if other is not None and (other.style == "bullet" or other.value == 1
                              or (other.family == marker.family and other.value == marker.value + 1)):
        return False
    if line.indent < item.indent or line.indent >= column + 4 or aligned_pair(state, index):
        return False
    return True


def _content_end(state: State, position: int, threshold: int) -> int:
    """The end of the blocks that belong to an item: lines indented to its text
    (one column less is tolerated)."""
    end = position
    index = position
    while index < len(state):
        if state.blank(index):
            index += 1
            continue
        if state.lines[index].indent < threshold:
            break
        index += 1
        end = index
    return end


def _parse_content(state: State, start: int, end: int, column: int) -> list[Block]:
    from convert.plaintext.rules import parse_blocks

    shift = min((line.indent for line in state.lines[start:end] if not line.blank), default=column)
    shift = min(shift, column)
    lines = [classify(line.number, dedent_raw(line.raw, shift)) if not line.blank else line
             for line in state.lines[start:end]]
    profile = state.profile._replace(body_indent=0, man_page=False, fortune=False, outline_stars=0,
                                     width=max(20, state.profile.width - shift))
    sub = State(lines, profile)
    sub.title_text = state.title_text
    blocks = parse_blocks(sub)
    state.notes.extend(sub.notes)
    return blocks
