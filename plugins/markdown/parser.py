"""The markdown-it-py parser the reader uses, set up once per process.

CommonMark plus the GitHub rules markdown-it-py ships (the ``gfm-like``
preset: tables, strikethrough, autolinks), with three changes:

* every link target reaches the reader, which decides what to keep
  (markdown-it would leave ``[text](javascript:...)`` as literal brackets;
  the reader keeps ``text`` and drops the link, with a warning);
* autolinked text is shown as written (markdown-it would decode ``%20`` and
  punycode in what it displays);
* nesting is bounded by the model's limit instead of markdown-it's: blocks
  nested deeper than :data:`MAX_DEPTH` are not parsed (the reader keeps their
  source lines as text), while inline nesting keeps the preset's small limit,
  which bounds the parser's work on runs of brackets.
"""

from __future__ import annotations

import threading

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.rules_core import StateCore

from convert.model.validate import MAX_DEPTH

DEPTH = "convert.depth"
"""``env`` key: how many block quotes and list items enclose the blocks being parsed."""
CUT = "convert.cut"
"""``env`` key: 0-based lines where content nested deeper than :data:`MAX_DEPTH` was not parsed."""

_UNBOUNDED = 1 << 30

_local = threading.local()


def parser() -> MarkdownIt:
    """This thread's parser: built once (that costs more than parsing a short
    file), and never shared, because a parse changes its nesting option."""
    md = getattr(_local, "parser", None)
    if md is None:
        md = _local.parser = _make_parser()
    return md


def parse(text: str) -> tuple[list, dict]:
    """Block tokens of ``text`` and the environment the parse left behind."""
    env: dict = {DEPTH: -1, CUT: []}
    return parser().parse(text, env), env


def _make_parser() -> MarkdownIt:
    md = MarkdownIt("gfm-like")
    md.validateLink = lambda url: True
    md.normalizeLinkText = lambda text: text
    inline_nesting = md.options.maxNesting

    def block_nesting(state: StateCore) -> None:
        state.md.options.maxNesting = _UNBOUNDED  # depth is bounded by _bounded_tokenize

    def inline_nesting_limit(state: StateCore) -> None:
        state.md.options.maxNesting = inline_nesting

    md.core.ruler.before("block", "convert_block_nesting", block_nesting)
    md.core.ruler.after("block", "convert_inline_nesting", inline_nesting_limit)
    md.block.tokenize = _bounded(md.block.tokenize)
    return md


def _bounded(tokenize):
    """Wrap the block parser's ``tokenize``, which block quotes and list items
    call again for their content: count the depth, and past the model's limit
    leave the content unparsed (markdown-it's own limit drops it silently)."""

    def bounded_tokenize(state: StateBlock, start_line: int, end_line: int) -> None:
        env = state.env
        depth = env[DEPTH] + 1
        if depth > MAX_DEPTH:
            env[CUT].append(start_line)
            state.line = _end_of_container(state, start_line, end_line)
            return
        env[DEPTH] = depth
        try:
            tokenize(state, start_line, end_line)
        finally:
            env[DEPTH] = depth - 1

    return bounded_tokenize


def _end_of_container(state: StateBlock, start_line: int, end_line: int) -> int:
    """Where the content of the innermost container ends: at the first line
    indented less than it, as markdown-it's ``tokenize`` decides (a list
    item's range runs to the end of the document)."""
    line = start_line
    while line < end_line and (state.isEmpty(line) or state.sCount[line] >= state.blkIndent):
        line += 1
    return line
