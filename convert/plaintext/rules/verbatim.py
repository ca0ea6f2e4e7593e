"""Verbatim text: regions whose every line break and space matters.

* **Table or diagram**: two or more consecutive lines sharing a column (a
  word starting after a tab or three or more spaces at the same column), or
  drawing a box (``│ ─ ┌``, ``+---+``, ``| a | b |``); also a run where half
  the lines or more are such lines.  Kind ``table`` (``diagram`` when the
  lines are mostly symbols).
* **Indented block**: after a blank line, a run indented two or more columns
  beyond the document's running text (and not a list) — with the runs that
  follow it at that depth.  Kind ``code`` when it reads as code; words
  without code, columns or symbols (an indented poem, a notice, an address)
  are a line block instead.
* **Code**: a run where half the lines or more read as code — a shell or
  debugger prompt (``$ ``, ``(gdb)``), a comment leader (``;;``, ``//``,
  ``/*``, ``#include``), an assignment (``CFLAGS=-g``), a line ending in
  ``{``, ``}``, ``\\`` or ``);``, Lisp (``(setq x``), a grammar rule
  (``::=``), or mostly symbols.
* **Cut here**: a snippet between two cut-here lines (``*---->8----``),
  blank lines included.
* **Field records**: two or more ``Label : value`` lines whose colons line
  up, with their indented continuation lines.
* **Comment block**: three or more lines in a row starting with ``#`` (a
  shell or configuration comment, a commented-out C comment) — code.

Verbatim text is the lines as written, their common indentation removed.
"""

from __future__ import annotations

from convert.model import LineBlock, Verbatim
from convert.plaintext.lines import Kind, Line, display_width
from convert.plaintext.rules.runs import aligned_pair, run_stats
from convert.plaintext.rules.shapes import (
    aligned,
    box_drawing,
    code_like,
    column_starts,
    command_like,
    header_field,
    scissors,
    symbolic,
)
from convert.plaintext.state import Found, State, span, verbatim_text
from convert.text.patterns import lazy_compile

_ITEM_KINDS = (Kind.BULLET, Kind.ORDERED, Kind.NUMBERED, Kind.DECIMAL)
_FIELD = lazy_compile(r"(\S[^:]{0,24}?)[ \t]*:[ \t]+\S.*")
_INDENT_STEP = 2
_CUT_LIMIT = 400
_COMMENT_LINES = 3


def kind_of(lines: list[Line]) -> str | None:
    """``code`` when half the lines read as code (or as shell commands), else None."""
    text_lines = [line for line in lines if not line.blank]
    code = sum(1 for line in text_lines if (code_like(line) or command_like(line)) and not symbolic(line))
    return "code" if code * 2 >= len(text_lines) and code else None


def table(state: State, position: int) -> Found | None:
    lines = state.lines
    first_in_grid = bool(column_starts(lines[position])) or box_drawing(lines[position].text)
    if not first_in_grid or lines[position].kind is Kind.BREAK:
        return None  # a rule of one character is a scene break or an underline, not a table
    stats = run_stats(state, position)
    at_run_start = state.run_start(position) == position
    if at_run_start and stats.end - position >= 2 and stats.share(stats.grid, position) >= 0.5 \
            and stats.count(stats.gaps, position) >= 2 and lines[position].kind not in _ITEM_KINDS:
        end = stats.end
    elif aligned_pair(state, position) or (box_drawing(lines[position].text) and not state.blank(position + 1)
                                           and aligned_pair(state, position + 1)):
        end = _table_end(state, position)
        if end - position < 2:
            return None
    else:
        return None
    region = lines[position:end]
    symbols = sum(1 for line in region if symbolic(line))
    kind = "diagram" if symbols * 2 > len(region) else "table"
    return Found([Verbatim(verbatim_text(region), kind, None, span(region))], end,
                 f"{kind}: {len(region)} lines in columns")


def _table_end(state: State, position: int) -> int:
    """The end of a table starting at ``position``: lines that keep its columns
    (a single blank line inside is allowed when the columns go on after it)."""
    columns = column_starts(state.lines[position]) | _word_starts(state.lines[position])
    end = position + 1
    while end < len(state):
        line = state.lines[end]
        if state.blank(end):
            after = state.line(end + 1)
            if after is not None and not after.blank and _continues(after, columns):
                end += 1
                continue
            break
        if not _continues(line, columns):
            break
        columns = column_starts(line) | _word_starts(line) or columns
        end += 1
    return end


def _word_starts(line: Line) -> set[int]:
    starts, column, previous_space = set(), 0, True
    for char in line.raw.expandtabs(8):
        if char != " " and previous_space:
            starts.add(column)
        previous_space = char == " "
        column += 1
    return starts


def _continues(line: Line, columns: set[int]) -> bool:
    if box_drawing(line.text) or column_starts(line):
        return True
    starts = _word_starts(line)
    return bool(starts) and starts <= columns


def indented(state: State, position: int) -> Found | None:
    if not state.blank(position - 1) or state.profile.style == "lines":
        return None
    reference = state.profile.body_indent
    start_line = state.lines[position]
    if start_line.kind in _ITEM_KINDS:
        return None
    depth = start_line.indent
    if (continued := _continues_verbatim(state, position, depth)) is not None:
        return continued
    body = state.cache.get("definition-body")
    if body is not None and body[0] <= position < body[1]:
        reference = state.lines[body[0]].indent  # a definition's own paragraphs are not indented blocks
    floor = reference + _INDENT_STEP
    end = _indented_end(state, position, floor)
    if end == position or (end - position < 2 and not (state.blank(end) or state.lines[end].kind is Kind.BREAK)):
        return None  # the run goes on less indented: a paragraph with an indented first line
    depth = _min_indent(state, position, end)
    if end - position == 1 and not (code_like(start_line) or command_like(start_line)):
        return None  # one indented line: a centred heading or title, a signature, not a block
    if all(_centred(state, line) for line in state.lines[position:end]):
        return None
    # Runs that follow at the same depth belong to the same block.
    while state.blank(end):
        following = state.next_text(end - 1, 3)
        if following is None or state.lines[following].kind in _ITEM_KINDS:
            break
        following_end = _indented_end(state, following, floor)
        if following_end == following or not state.blank(following_end):
            break
        end = following_end
    region = state.lines[position:end]
    kind = kind_of(region)
    if kind is None and _text_lines(region):
        return Found([LineBlock(verbatim_text(region), span(region))], end,
                     f"indented lines: {depth - reference} columns beyond the running text, kept as lines")
    return Found([Verbatim(verbatim_text(region), kind, None, span(region))], end,
                 f"indented block{' of code' if kind else ''}: {depth - reference} columns beyond the running text")


def _text_lines(region: list[Line]) -> bool:
    """Words rather than code or columns: an indented poem, notice or address."""
    text = [line for line in region if not line.blank]
    return not any(aligned(line) or symbolic(line) or box_drawing(line.text) or code_like(line) or command_like(line)
                   for line in text)


def _continues_verbatim(state: State, position: int, depth: int) -> Found | None:
    """A run set to the left of the running text, at the depth of code that just
    ended a few lines before, goes on with it (an example mail with blank lines)."""
    last = state.cache.get("last-verbatim")
    if last is None or depth != last[0] or depth >= state.profile.body_indent or position - last[1] > 3:
        return None
    end = state.run_end(position)
    first = state.lines[position]
    if first.indent != depth or (end - position == 1 and not (code_like(first) or header_field(first.text))):
        return None
    state.cache["last-verbatim"] = (depth, end)
    region = state.lines[position:end]
    return Found([Verbatim(verbatim_text(region), kind_of(region), None, span(region))], end,
                 "verbatim: goes on with the code set left of the running text just before")


def _centred(state: State, line: Line) -> bool:
    middle = line.indent + display_width(line.text) / 2
    return line.indent >= 8 and abs(middle - state.profile.width / 2) <= max(8, state.profile.width / 8)


def _indented_end(state: State, position: int, floor: int) -> int:
    """The end of the lines from ``position`` indented at least ``floor`` columns."""
    end = position
    while end < len(state) and not state.blank(end) and state.lines[end].indent >= floor:
        end += 1
    return end


def _min_indent(state: State, start: int, end: int) -> int:
    return min(line.indent for line in state.lines[start:end])


def code(state: State, position: int) -> Found | None:
    line = state.lines[position]
    if state.run_start(position) != position and not _after_lead_in(state, position):
        return None
    if not code_like(line) or symbolic(line):
        return None
    stats = run_stats(state, position)
    if stats.share(stats.code, position) < 0.5:
        return None
    end = stats.end
    region = state.lines[position:end]
    return Found([Verbatim(verbatim_text(region), "code", None, span(region))], end,
                 f"code: {stats.count(stats.code, position)} of {len(region)} lines read as code")


def _after_lead_in(state: State, position: int) -> bool:
    previous = state.line(position - 1)
    return previous is not None and not previous.blank and previous.text.endswith((":", "："))


def cut_here(state: State, position: int) -> Found | None:
    """A snippet between two cut-here lines (``*---->8----``) is verbatim, blank lines and all."""
    if not scissors(state.lines[position].text):
        return None
    limit = min(len(state), position + _CUT_LIMIT)
    end = next((index + 1 for index in range(position + 1, limit) if scissors(state.lines[index].text)), None)
    if end is None:
        return None
    region = state.lines[position:end]
    return Found([Verbatim(verbatim_text(region), kind_of(region), None, span(region))], end,
                 "verbatim: a snippet between cut-here lines")


def comment_block(state: State, position: int) -> Found | None:
    if not state.lines[position].text.startswith("#") or state.run_start(position) != position:
        return None
    end = position
    limit = state.run_end(position)
    while end < limit and state.lines[end].text.startswith("#"):
        end += 1
    if end - position < _COMMENT_LINES:
        return None
    region = state.lines[position:end]
    return Found([Verbatim(verbatim_text(region), "code", None, span(region))], end,
                 f"code: a comment block of {len(region)} '#' lines")


def fields(state: State, position: int) -> Found | None:
    if state.run_start(position) != position:
        return None
    end = state.run_end(position)
    colons: dict[int, int] = {}
    records = 0
    for line in state.lines[position:end]:
        match = _FIELD.fullmatch(line.raw.expandtabs(8).strip(" "))
        if match and line.indent <= state.lines[position].indent:
            column = line.indent + len(match[0].split(":", 1)[0])
            colons[column] = colons.get(column, 0) + 1
            records += 1
        elif line.indent <= state.lines[position].indent:
            return None
    if records < 2 or max(colons.values()) < 2 or max(colons.values()) < records - 1:
        return None
    region = state.lines[position:end]
    return Found([Verbatim(verbatim_text(region), None, None, span(region))], end,
                 f"field records: {records} 'Label : value' lines with aligned colons")
