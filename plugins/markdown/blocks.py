"""markdown-it block tokens to model blocks.

markdown-it gives a flat stream of tokens in which containers (block quotes,
lists, list items, tables) are open/close pairs; this module rebuilds the
tree, one small function per token type.  Every block records its source
lines from the token's ``map`` (0-based, end exclusive, so ``[a, b)``
becomes lines ``(a + 1, b)``).
"""

from __future__ import annotations

import re
from typing import Callable

from markdown_it.common.utils import unescapeAll

from convert.model import (
    Cell,
    Heading,
    ListBlock,
    ListItem,
    Paragraph,
    Quotation,
    SceneBreak,
    Span,
    Table,
    Verbatim,
)
from convert.model.validate import MAX_DEPTH

from convert_plugins.markdown.findings import Findings, shorten
from convert_plugins.markdown.inline import inline_text

# a comment ends at the first "-->": "<!---->-->" is a comment and then text
_COMMENTS = re.compile(r"\s*(<!--(?:(?!-->).)*-->\s*)+", re.DOTALL)
_ALIGN = {"text-align:left": "left", "text-align:center": "center", "text-align:right": "right"}




class BlockBuilder:
    """Walks the token stream once, building blocks; see :meth:`build`."""

    def __init__(self, tokens: list, source_lines: list[str], findings: Findings) -> None:
        self.tokens = tokens
        self.source_lines = source_lines
        self.findings = findings

    def lines(self, token, fallback: tuple[int, int] = (0, 0)) -> tuple[int, int]:
        """A token's source lines, 1-based and inclusive, without the blank
        lines markdown-it counts at the end of a list item or a list."""
        if not token.map:
            return fallback
        first, end = token.map
        while end > first + 1 and not self.source_lines[end - 1].strip():
            end -= 1
        return (first + 1, max(end, first + 1))

    def build(self) -> list:
        """The document's top-level blocks."""
        blocks, _ = self.blocks(0, 0, None)
        return blocks

    def blocks(self, index: int, depth: int, closing: str | None) -> tuple[list, int]:
        """Blocks from ``tokens[index]`` up to the ``closing`` token (consumed),
        nested ``depth`` containers deep; returns them and the next index."""
        tokens, found = self.tokens, []
        while index < len(tokens):
            token = tokens[index]
            if token.type == closing:
                return found, index + 1
            rule = RULES.get(token.type)
            if rule is None:
                index = self.skip(index)
                continue
            block, index = rule(self, index, depth)
            if block is not None:
                found.append(block)
                if depth == 0:
                    self.explain(block, token)
        return found, index

    def skip(self, index: int) -> int:
        """The index after a token this reader does not know, with all it contains."""
        level = 0
        while index < len(self.tokens):
            level += self.tokens[index].nesting
            index += 1
            if level <= 0:
                break
        return index

    def explain(self, block, token) -> None:
        reason = _REASONS.get(token.type)
        if reason is not None:
            self.findings.reason(reason(token, block), block.lines[0])

    # leaf blocks

    def heading(self, index: int, depth: int):
        opening, inline = self.tokens[index], self.tokens[index + 1]
        text, spans = inline_text(inline, self.findings)
        lines = self.lines(opening)
        if not text:
            return None, index + 3
        if depth > 0:  # the model's headings start sections: inside a quote or list, a strong paragraph
            kept = tuple(span for span in spans if span.kind != "strong")
            spans = tuple(sorted((*kept, Span(0, len(text), "strong")), key=lambda s: (s.start, s.end)))
            return Paragraph(text, lines, spans), index + 3
        return Heading(int(opening.tag[1]), text, None, lines, spans), index + 3

    def paragraph(self, index: int, depth: int):
        text, spans = inline_text(self.tokens[index + 1], self.findings)
        if not text:
            return None, index + 3
        return Paragraph(text, self.lines(self.tokens[index]), spans), index + 3

    def fence(self, index: int, depth: int):
        token = self.tokens[index]
        info = unescapeAll(token.info).strip()
        language = info.split(maxsplit=1)[0] if info else None
        lines = self.lines(token)
        if not self.fence_closed(token):
            self.findings.warn("unclosed-fence", f"code block opened with {token.markup} is never closed; "
                               "it runs to the end of its container", lines[0])
        return Verbatim(_code(token.content), "code", language, lines), index + 1

    def fence_closed(self, token) -> bool:
        first, end = token.map
        if end - first < 2:
            return False
        pattern = r"[ \t>]*" + re.escape(token.markup[0]) + "{%d,}[ \t]*" % len(token.markup)
        return re.fullmatch(pattern, self.source_lines[end - 1]) is not None

    def code_block(self, index: int, depth: int):
        token = self.tokens[index]
        return Verbatim(_code(token.content), "code", None, self.lines(token)), index + 1

    def thematic_break(self, index: int, depth: int):
        return SceneBreak(self.lines(self.tokens[index])), index + 1

    def html_block(self, index: int, depth: int):
        token = self.tokens[index]
        html = token.content.rstrip("\n")
        if _COMMENTS.fullmatch(html):
            self.findings.comments += 1
            return None, index + 1
        lines = self.lines(token)
        self.findings.warn("raw-html", f"raw HTML block kept as text: {shorten(html, 40)}", lines[0])
        return Verbatim(html, "code", "html", lines), index + 1

    # containers

    def quotation(self, index: int, depth: int):
        opening = self.tokens[index]
        if depth >= MAX_DEPTH:
            return self.flatten(index)
        blocks, index = self.blocks(index + 1, depth + 1, "blockquote_close")
        return Quotation(tuple(blocks), None, self.lines(opening)), index

    def list(self, index: int, depth: int):
        opening = self.tokens[index]
        if depth >= MAX_DEPTH:
            return self.flatten(index)
        closing = opening.type.replace("_open", "_close")
        lines = self.lines(opening)
        items, index = [], index + 1
        while self.tokens[index].type == "list_item_open":
            item = self.tokens[index]
            blocks, index = self.blocks(index + 1, depth + 1, "list_item_close")
            marker = item.info + item.markup if opening.type == "ordered_list_open" else item.markup
            items.append(ListItem(tuple(blocks), marker, self.lines(item, lines)))
        if self.tokens[index].type == closing:
            index += 1
        if opening.type == "ordered_list_open":
            start = int(opening.attrGet("start") or 1)
            return ListBlock("decimal", tuple(items), start, lines), index
        return ListBlock("bullet", tuple(items), 1, lines), index

    def flatten(self, index: int):
        """A container nested deeper than the model allows: its source lines, as text."""
        token = self.tokens[index]
        lines = self.lines(token)
        text = " ".join(" ".join(self.source_lines[lines[0] - 1 : lines[1]]).split())
        self.findings.warn("too-deep", f"block quotes and lists nested more than {MAX_DEPTH} deep; "
                           "the rest is kept as text", lines[0])
        return (Paragraph(text, lines) if text else None), self.skip(index)

    def table(self, index: int, depth: int):
        opening = self.tokens[index]
        head: list[tuple[Cell, ...]] = []
        body: list[tuple[Cell, ...]] = []
        align: list[str | None] = []
        row: list[Cell] = []
        rows = head
        index += 1
        while self.tokens[index].type != "table_close":
            token = self.tokens[index]
            if token.type == "tbody_open":
                rows = body
            elif token.type == "th_open":
                align.append(_ALIGN.get(token.attrGet("style") or ""))
            elif token.type == "inline":
                row.append(Cell(*inline_text(token, self.findings)))
            elif token.type == "tr_close":
                rows.append(tuple(row))
                row = []
            index += 1
        kept_align = tuple(align) if any(align) else ()
        return Table(tuple(head), tuple(body), kept_align, self.lines(opening)), index + 1


def _code(content: str) -> str:
    return content[:-1] if content.endswith("\n") else content


RULES: dict[str, Callable] = {
    "heading_open": BlockBuilder.heading,
    "paragraph_open": BlockBuilder.paragraph,
    "fence": BlockBuilder.fence,
    "code_block": BlockBuilder.code_block,
    "hr": BlockBuilder.thematic_break,
    "html_block": BlockBuilder.html_block,
    "blockquote_open": BlockBuilder.quotation,
    "bullet_list_open": BlockBuilder.list,
    "ordered_list_open": BlockBuilder.list,
    "table_open": BlockBuilder.table,
}
"""What to do with each token type that starts a block."""


def _heading_reason(token, block) -> str:
    return "setext heading (underlined)" if token.markup in ("=", "-") else f"ATX heading ({token.markup})"


_REASONS: dict[str, Callable] = {
    "heading_open": _heading_reason,
    "fence": lambda token, block: f"fenced code {token.markup}" + (f", language {block.language}" if block.language else ""),
    "code_block": lambda token, block: "indented code",
    "hr": lambda token, block: f"thematic break {token.markup}",
    "html_block": lambda token, block: "raw HTML, kept as text",
    "blockquote_open": lambda token, block: "block quote >",
    "bullet_list_open": lambda token, block: f"bullet list, marker {token.markup}",
    "ordered_list_open": lambda token, block: f"ordered list, marker {token.markup}, from {getattr(block, 'start', 1)}",
    "table_open": lambda token, block: "GFM table",
}
"""Why a top-level block is what it is, for ``--inspect``."""
