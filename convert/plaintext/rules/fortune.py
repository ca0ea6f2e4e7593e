"""Fortune files: entries separated by lines holding only ``%``.

In a fortune file (three or more ``%`` lines, or two ending the text) each
entry keeps its lines: verse, slogans and one-liners become a line block,
code, transcripts and ASCII art verbatim text, ``>`` quoted replies a
quotation; wrapped prose too keeps its lines, as ``fortune`` prints it.  The attribution (``-- Author``, set
in with tabs) is a line block of its own.  An entry's first line is its
title, a heading, when it is enclosed in ``《…》`` or stands alone above the
rest of the entry.
"""

from __future__ import annotations

from convert.model import Block, Heading, LineBlock, Verbatim
from convert.plaintext.lines import Kind, Line
from convert.plaintext.rules import quotes
from convert.plaintext.rules.shapes import SENTENCE_END, code_like
from convert.plaintext.state import Found, State, span, verbatim_text
from convert.text.patterns import lazy_compile

_BOOK_TITLE = lazy_compile(r"《[^《》]+》")
_TITLE_MAX = 60


def entry(state: State, position: int) -> Found | None:
    if not state.profile.fortune or state.lines[position].text == "%":
        return None
    end = position
    while end < len(state) and state.lines[end].text != "%":
        end += 1
    runs = _runs(state.lines[position:end])
    blocks: list[Block] = []
    if runs and (title := _title(runs)):
        blocks.append(title)
    for run in runs:
        blocks.extend(_run_blocks(run))
    return Found(blocks, end, f"fortune entry: {end - position} lines up to the next '%'")


def _runs(lines: list[Line]) -> list[list[Line]]:
    runs: list[list[Line]] = []
    current: list[Line] = []
    for line in lines:
        if line.blank:
            if current:
                runs.append(current)
            current = []
        else:
            current.append(line)
    if current:
        runs.append(current)
    return runs


def _title(runs: list[list[Line]]) -> Heading | None:
    """Take the entry's title off its first run, if it has one."""
    first = runs[0][0]
    standalone = len(runs[0]) == 1 and len(runs) > 1
    if _BOOK_TITLE.fullmatch(first.text) or (
        standalone and len(first.text) <= _TITLE_MAX and not first.text.endswith((*SENTENCE_END, ",", ";", ":"))
        and first.kind in (Kind.TEXT, Kind.CAPS, Kind.KEYWORD)
    ):
        runs[0] = runs[0][1:]
        if not runs[0]:
            runs.pop(0)
        return Heading(1, first.text, None, (first.number, first.number))
    return None


def _run_blocks(run: list[Line]) -> list[Block]:
    body, attribution = _split_attribution(run)
    blocks: list[Block] = []
    if body and all(line.text.startswith(">") for line in body):
        blocks.append(quotes.build(body))
    elif body:
        code = sum(code_like(line) for line in body)
        if code * 2 >= len(body) and code:
            blocks.append(Verbatim(verbatim_text(body), None, None, span(body)))
        else:
            blocks.append(LineBlock(verbatim_text(body), span(body)))
    if attribution:
        blocks.append(LineBlock(verbatim_text(attribution), span(attribution)))
    return blocks


def _split_attribution(run: list[Line]) -> tuple[list[Line], list[Line]]:
    """The run without its ``-- Author`` lines, and those lines."""
    for index in range(len(run) - 1, -1, -1):
        line = run[index]
        if line.text.startswith("--") and line.indent > 0 and not line.text.startswith("--->"):
            rest = run[index + 1:]
            if all(other.indent > line.indent for other in rest):
                return run[:index], run[index:]
            break
    return run, []
