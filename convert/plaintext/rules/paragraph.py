"""Paragraphs: every other text, exactly as written.

One paragraph per line in the digest style.  In hard-wrapped text a
paragraph runs until a blank line or a line that starts another block: a
scene break, a ``#`` heading, an underlined heading (the line above its
underline), a ``>`` quote (but not ``>From``, a mailbox's escape), a bullet, a numbered item after a lead-in line
ending with ``:``, a table, a man-page section or outline heading, the
``-- `` signature delimiter, a chapter line standing alone, a dated
entry of a changelog, a FAQ's question, or a code fence.  Its lines are
trimmed and joined with single spaces.

Code inside a paragraph is split off as verbatim text: lines indented four
or more columns deeper than the paragraph's own continuation lines (or
deeper than its first line when that ends with ``:``, or when they read as
code), and, in text whose running lines are indented, lines set to their
left that read as code or ``Name: value`` fields.  The paragraph goes on
after them when its indentation comes back.

A scene-break marker glued to the end of a line (``…into Mexico.*****``)
ends the paragraph and becomes a scene break, with a ``glued-break`` warning.
"""

from __future__ import annotations

from convert.model import Block, Paragraph, SceneBreak, Verbatim
from convert.plaintext.lines import Kind, Line
from convert.plaintext.rules import changelog, faq, fences
from convert.plaintext.rules.lists import parse_marker
from convert.plaintext.rules.runs import aligned_pair
from convert.plaintext.rules.setext import underline_char
from convert.plaintext.rules.shapes import box_drawing, code_like, command_like, header_field
from convert.plaintext.rules.verbatim import kind_of
from convert.plaintext.state import Found, State, joined_text, span, verbatim_text
from convert.text.patterns import lazy_compile

_DEEPER = 4
_MBOX_FROM = lazy_compile(r">+[Ff]rom ")
"""A mailbox escapes a line starting ``From `` as ``>From ``: text going on, not a quote."""
_ITEM_KINDS = (Kind.ORDERED, Kind.NUMBERED, Kind.DECIMAL)


def paragraph(state: State, position: int) -> Found:
    line = state.lines[position]
    if state.profile.style == "lines":
        blocks: list[Block] = []
        _add(state, blocks, [line])
        return Found(blocks, position + 1)
    blocks = []
    current: list[Line] = [line]
    index = position + 1
    while index < len(state) and not state.blank(index) and not current[-1].glued_break:
        if _interrupts(state, index, current):
            break
        end = _embedded_end(state, index, current)
        if end > index:
            _add(state, blocks, current)
            lines = state.lines[index:end]
            blocks.append(Verbatim(verbatim_text(lines), kind_of(lines), None, span(lines)))
            state.note(f"verbatim: {len(lines)} line(s) set apart inside a paragraph", lines[0].number)
            state.cache["last-verbatim"] = (min(other.indent for other in lines), end)
            current = []
            index = end
            break  # what follows the code is read afresh by the rules
        current.append(state.lines[index])
        index += 1
    _add(state, blocks, current)
    return Found(blocks, index)


def _add(state: State, blocks: list[Block], lines: list[Line]) -> None:
    if not lines:
        return
    blocks.append(Paragraph(joined_text(lines), span(lines)))
    if lines[-1].glued_break:
        last = lines[-1].number
        blocks.append(SceneBreak((last, last)))
        state.note("scene break: '***' glued to the end of a paragraph", last)
        state.warn("glued-break", "scene-break marker glued to the end of a paragraph; split it off", last)


def _interrupts(state: State, index: int, current: list[Line]) -> bool:
    """True when the line at ``index`` starts a block of its own."""
    line = state.lines[index]
    profile = state.profile
    if line.kind in (Kind.BREAK, Kind.ATX) or (line.text == "--" and line.indent == 0):
        return True
    if underline_char(line, state.line(index + 1)):
        return True
    if line.text.startswith(">") and line.indent <= 3 and not current[0].text.startswith(">") \
            and not _MBOX_FROM.match(line.text):
        return True
    if line.kind is Kind.BULLET and not (profile.outline_stars and line.indent == 0 and line.marker == "*"):
        return True
    if line.kind in _ITEM_KINDS and current and current[-1].text.endswith((":", "：")) and parse_marker(line):
        return True
    if line.kind is Kind.KEYWORD and state.blank(index + 1):
        return True
    if profile.man_page and line.indent == 0:
        return True
    if profile.history and changelog.dated(line):
        return True
    if (faq.question_line(line) and faq.is_faq(state)) or faq.term_line(state, index):
        return True
    if fences.opens(state, index) or (line.text == "+" and index + 1 < len(state) and fences.opens(state, index + 1)):
        return True  # a fence, or AsciiDoc's "+" continuation over one
    if profile.outline_stars and line.indent == 0 and line.text.startswith("*"):
        return True
    return aligned_pair(state, index) or box_drawing(line.text)


def _embedded_end(state: State, index: int, current: list[Line]) -> int:
    """The end of code lines set inside a paragraph at ``index`` (``index`` when there are none)."""
    if not current:
        return index
    line = state.lines[index]
    first = current[0]
    if len(current) >= 2:
        deeper = line.indent >= current[-1].indent + _DEEPER
    else:
        deeper = line.indent >= first.indent + _DEEPER and (
            first.text.endswith((":", "：")) or code_like(line))
    outdented = (
        state.profile.body_indent >= 2
        and line.indent < current[-1].indent
        and (code_like(line) or header_field(line.text))
    )
    after_lead_in = current[-1].text.endswith((":", "：")) and (code_like(line) or command_like(line))
    if after_lead_in and not (deeper or outdented):
        return _same_indent_end(state, index)
    if not (deeper or outdented):
        return index
    end = index + 1
    if deeper:
        limit = current[-1].indent + _DEEPER if len(current) >= 2 else first.indent + _DEEPER
        while end < len(state) and not state.blank(end) and state.lines[end].indent >= limit - 1:
            end += 1
    else:
        while end < len(state) and not state.blank(end) and state.lines[end].indent < current[-1].indent:
            end += 1
    return end


def _same_indent_end(state: State, index: int) -> int:
    """Code lines after a lead-in, at the paragraph's own indentation: as long as they read as code."""
    end = index + 1
    while end < len(state) and not state.blank(end) and (code_like(state.lines[end]) or command_like(state.lines[end])):
        end += 1
    return end
