"""Render convert's document model as CommonMark, with GitHub's tables and
strikethrough.

One small function per node type (:data:`RULES`); containers (list items,
quotations) render their blocks with the same functions and indent or
prefix the lines.  Text is escaped so that every character reads literally;
inline markup comes from the text's spans.
"""

from __future__ import annotations

import re
import unicodedata
from typing import BinaryIO, Callable
from urllib.parse import quote

from convert import Context, Document, Heading, LineBlock, ListBlock, Paragraph, Quotation, SceneBreak, Table, Verbatim
from convert.model.inline import runs, safe_target

_SPECIAL = re.compile(r"([\\`*_\[\]<>&#|~])")
_BLOCK_START = re.compile(r"^([ \t]*)(?:(\d+)([.)])|([-+=]))", re.MULTILINE)
MAX_QUOTE_DEPTH = 8
"""Markdown renderers stop nesting somewhere (markdown-it after 20 levels);
deeper quotations are written at this depth."""
_DELIMITERS = (("strikethrough", "~~"), ("strong", "**"), ("emphasis", "*"))
"""Span kinds written by wrapping their text, outermost first."""


def escape(text: str) -> str:
    """Backslash-escape what CommonMark would otherwise interpret."""
    return _SPECIAL.sub(r"\\\1", text)


def protect_line_starts(text: str) -> str:
    """Escape what would start a list, a heading underline or a break at the start of a line."""
    return _BLOCK_START.sub(lambda m: f"{m[1]}{m[2]}\\{m[3]}" if m[2] else f"{m[1]}\\{m[4]}", text)


def code_span(text: str) -> str:
    """``text`` in backticks, more of them than any run of backticks inside it."""
    fence = "`" * (max((len(run) for run in re.findall("`+", text)), default=0) + 1)
    padding = " " if text.startswith(("`", " ")) or text.endswith(("`", " ")) else ""
    return f"{fence}{padding}{text}{padding}{fence}"


def inline(text: str, spans: tuple = (), break_line: str = "\\\n") -> str:
    """The text with its spans as Markdown: links, emphasis, strong, code, strikethrough, hard breaks."""
    out, position = [], 0
    for run in runs(text, spans):
        before = text[position - 1] if position else " "
        position += len(run.text)
        after = text[position] if position < len(text) else " "
        # a delimiter right after another would merge with it (**a*****b***)
        glued = bool(out) and out[-1].endswith(("*", "~"))
        out.append(break_line if run.has("line-break") else _run(run, before, after, glued))
    return "".join(out)


def _run(run, before: str, after: str, glued: bool) -> str:
    piece = code_span(run.text) if run.has("code") else escape(run.text)
    # spaces stay outside the delimiters, or the emphasis would not open or close
    core = piece.strip(" ")
    lead, trail = piece[: len(piece) - len(piece.lstrip(" "))], piece[len(piece.rstrip(" ")):]
    if core and not (glued and not lead) and _flanked(" " if lead else before, core, " " if trail else after):
        for kind, delimiter in reversed(_DELIMITERS):
            if run.has(kind):
                core = f"{delimiter}{core}{delimiter}"
    target = safe_target(run.link)
    if target and core:
        core = f"[{core}]({quote(target, safe='!#$%&*+,-./:;=?@[]_~')})"
    return lead + core + trail


def _flanked(before: str, core: str, after: str) -> bool:
    """CommonMark's flanking rule: ``*`` or ``~~`` can open before ``core`` and
    close after it.  Where they cannot (``*foo.*bar``), the text is written
    without that markup rather than with stray asterisks."""
    def punctuation(character: str) -> bool:
        return unicodedata.category(character)[0] in "PS"

    opens = not punctuation(core[0]) or before.isspace() or punctuation(before)
    closes = not punctuation(core[-1]) or after.isspace() or punctuation(after)
    return opens and closes


def _heading(block: Heading) -> str:
    shift = len(block.label) - len(block.text)  # the number comes first
    spans = tuple(type(s)(s.start + shift, s.end + shift, s.kind, s.target) for s in block.spans)
    return "#" * min(block.level + 1, 6) + " " + inline(block.label, spans, " ")  # level 1 is the title


def _paragraph(block: Paragraph) -> str:
    return protect_line_starts(inline(block.text, block.spans))


def _verbatim(block: Verbatim) -> str:
    fence = "`" * max(3, max((len(run) + 1 for run in re.findall("`+", block.text)), default=0))
    language = block.language if block.language and re.fullmatch(r"[\w+.-]+", block.language) else ""
    return f"{fence}{language}\n{block.text}\n{fence}" if block.text else f"{fence}{language}\n{fence}"


def _line_block(block: LineBlock) -> str:
    """Each line ends in a hard break; leading spaces, which Markdown would drop, become no-break spaces."""
    lines = inline(block.text, block.spans).split("\n")
    lines = [re.sub("^ +", lambda m: "&nbsp;" * len(m[0]), line) for line in lines]
    return protect_line_starts("\\\n".join(lines))


def _list(block: ListBlock) -> str:
    if block.ordered:
        delimiter = ")" if (block.items and (block.items[0].marker or "").endswith(")")) else "."
        markers = [f"{block.start + n}{delimiter}" for n in range(len(block.items))]
    else:
        markers = ["-"] * len(block.items)
    loose = any(len(item.blocks) > 1 for item in block.items)
    items = []
    for marker, item in zip(markers, block.items):
        # the item's blocks, every line after the first indented to the text
        first, *rest = blocks(item.blocks).split("\n")
        indent = " " * (len(marker) + 1)
        items.append(marker + (" " + first if first else "") + "".join(
            "\n" + (indent + line if line else "") for line in rest))
    return ("\n\n" if loose else "\n").join(items)


def _quotation(block: Quotation) -> str:
    body = blocks(block.blocks)
    if block.attribution:
        body += ("\n\n" if body else "") + "\u2014 " + inline(block.attribution)
    if re.match(r"(?:> ?){%d}" % MAX_QUOTE_DEPTH, body):
        return body
    return "\n".join(f"> {line}" if line else ">" for line in body.split("\n")) if body else ""


def _table(block: Table) -> str:
    rows = [*block.head, *block.body]
    if not rows or not block.width:
        return ""
    header = rows.pop(0) if block.head else [type(rows[0][0])("")] * block.width
    align = {"left": ":--", "center": ":-:", "right": "--:"}

    def row(cells) -> str:
        return "| " + " | ".join(inline(cell.text, cell.spans, " ").replace("\n", " ") for cell in cells) + " |"

    rule = "| " + " | ".join(align.get(a, "---") for a in (block.align or (None,) * block.width)) + " |"
    return "\n".join([row(header), rule, *(row(cells) for cells in rows)])


def _scene_break(block: SceneBreak) -> str:
    return "* * *"


RULES: dict[type, Callable] = {
    Heading: _heading, Paragraph: _paragraph, Verbatim: _verbatim, LineBlock: _line_block,
    ListBlock: _list, Quotation: _quotation, Table: _table, SceneBreak: _scene_break,
}


def blocks(sequence: tuple) -> str:
    """Blocks separated by blank lines; two lists in a row are kept apart by a comment,
    as Markdown would otherwise join them into one."""
    parts = []
    for index, block in enumerate(sequence):
        rule = RULES.get(type(block))
        if rule is None:
            raise TypeError(f"no Markdown rule for {type(block).__name__}")
        if index and isinstance(block, ListBlock) and isinstance(sequence[index - 1], ListBlock):
            parts.append("<!-- -->")
        text = rule(block)
        if text:
            parts.append(text)
    return "\n\n".join(parts)


def write_markdown(document: Document, stream: BinaryIO, context: Context) -> None:
    """Write the title as a level-1 heading, then every block."""
    text = "# " + inline(document.meta.title, (), " ") + "\n\n" + blocks(document.blocks)
    stream.write((text.rstrip("\n") + "\n").encode("utf-8"))
