"""Quoted replies: lines starting with ``>`` are a quotation, nested by depth.

``> text`` is depth one, ``>> text`` or ``> > text`` depth two, and so on
(at most 64).  The quoted lines keep their breaks, as the quoted writer set
them: each stretch between empty quoted lines (``>`` alone) is a line block.
A ``>`` line whose paragraph goes on in lines without ``>`` is not a quote
but a paragraph that begins with ``>`` (an instruction marker, a prompt).
"""

from __future__ import annotations

from convert.model import Block, LineBlock, Quotation
from convert.plaintext.lines import Line
from convert.plaintext.state import Found, State
from convert.text.patterns import lazy_compile

MAX_DEPTH = 64
"""Deeper quoting is kept at this depth (the model's nesting limit)."""

_PREFIX = lazy_compile(r"[ \t]{0,3}((?:>[ \t]?)+)")


def quotation(state: State, position: int) -> Found | None:
    line = state.lines[position]
    if not line.text.startswith(">") or line.indent > 3:
        return None
    end = position
    while end < len(state) and not state.blank(end) and state.lines[end].text.startswith(">"):
        end += 1
    if not state.blank(end) and state.lines[end].indent > line.indent:
        return None  # ">> do this" with its paragraph going on below: not a quote
    lines = state.lines[position:end]
    block = build(lines)
    return Found([block], end, f"quotation: {len(lines)} lines starting with '>'")


def depth_and_text(line: Line) -> tuple[int, str]:
    """How deep a line is quoted, and its text without the ``>`` marks."""
    match = _PREFIX.match(line.raw)
    if not match:
        return 0, line.raw
    depth = min(MAX_DEPTH, match[1].count(">"))
    return depth, line.raw[match.end():]


def build(lines: list[Line]) -> Quotation:
    """The quotation for consecutive ``>`` lines, nested by depth, built in one pass."""
    # stack[d] holds the blocks of the open quotation at depth d+1; pending
    # collects the rows of the line block being read at the current depth.
    stack: list[list[Block]] = [[]]
    starts: list[int] = [lines[0].number]
    pending: list[tuple[int, str]] = []

    def flush() -> None:
        if pending:
            rows = [text.rstrip() for _, text in pending]
            stack[-1].append(LineBlock("\n".join(rows), (pending[0][0], pending[-1][0])))
            pending.clear()

    def close(last: int) -> None:
        flush()
        blocks = stack.pop()
        stack[-1].append(Quotation(tuple(blocks), None, (starts.pop(), last)))

    previous = lines[0].number
    for line in lines:
        depth, text = depth_and_text(line)
        depth = max(1, depth)
        while len(stack) > depth:
            close(previous)
        while len(stack) < depth:
            flush()
            stack.append([])
            starts.append(line.number)
        if text.strip():
            pending.append((line.number, text))
        else:
            flush()
        previous = line.number
    while len(stack) > 1:
        close(previous)
    flush()
    return Quotation(tuple(stack[0]), None, (lines[0].number, lines[-1].number))
