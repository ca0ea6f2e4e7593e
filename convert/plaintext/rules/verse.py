"""Line blocks: lines that stay lines, set in the body font.

In hard-wrapped text, a run (two lines or more) is a line block when at
least three quarters of its line breaks were chosen, not forced by the
margin: the next line's first word would have fitted on the line before.
That is verse (``Of Man's first disobedience, and the fruit`` / ``Of that
forbidden tree…``), an address, a signature, a byline, stacked copyright
lines, ``Label:`` / value pairs — text whose breaks carry meaning.  Prose
wrapped at the margin never qualifies: its lines are full; nor does a lead-in
over bullets (a paragraph and a list).

**Hard line breaks**: a run whose every line but the last ends with two or
more spaces, and whose last line does not, is a line block whatever the
widths — the hard-break convention of Markdown (a play set as ``**KING
RICHARD II**␣␣`` / ``Old John of Gaunt, time-honour'd Lancaster,␣␣`` / …).
Text with trailing spaces on every line, the last included, is not marked.
"""

from __future__ import annotations

from convert.model import LineBlock
from convert.plaintext.lines import Kind
from convert.plaintext.rules import fences
from convert.plaintext.rules.runs import run_stats
from convert.plaintext.rules.shapes import code_like, header_field
from convert.plaintext.state import Found, State, span, verbatim_text

_SHARE = 0.75
_ITEM_KINDS = (Kind.BULLET, Kind.ORDERED, Kind.NUMBERED, Kind.DECIMAL)


def hard_breaks(state: State, position: int) -> Found | None:
    if not state.lines[position].hard_break or state.lines[position].kind in _ITEM_KINDS:
        return None
    end = state.run_end(position)
    last = position + 1
    while last < end and state.lines[last].hard_break:
        last += 1  # stops at the first line without one, which must be the run's last
    if last != end - 1:
        return None
    lines = state.lines[position:end]
    return Found([LineBlock(verbatim_text(lines), span(lines))], end,
                 f"line block: {len(lines) - 1} hard line breaks (two spaces at the end of a line)")


def line_block(state: State, position: int) -> Found | None:
    if state.profile.style == "lines":
        return None
    stats = run_stats(state, position)
    end = stats.end
    breaks = end - position - 1
    if breaks < 1 or state.lines[position].kind in _ITEM_KINDS or state.lines[position].text.startswith(">"):
        return None
    first, second = state.lines[position], state.lines[position + 1]
    if first.text.endswith((":", "：")) and (code_like(second) or header_field(second.text)):
        return None  # a lead-in and its code: the paragraph rule sets the code apart
    if fences.opens(state, position + 1):
        return None  # AsciiDoc's "+" over its listing
    chosen = stats.count(stats.chosen, position, end)
    if chosen < _SHARE * breaks:
        return None
    if any(line.kind is Kind.BULLET for line in state.lines[position + 1:end]):
        return None  # a lead-in and its bullets: a paragraph and a list
    lines = state.lines[position:end]
    return Found([LineBlock(verbatim_text(lines), span(lines))], end,
                 f"line block: {chosen} of {breaks} line breaks chosen, not forced by the margin")
