"""Block nodes as XHTML: the function :data:`RENDERERS` holds for each block
type.  A node type without one is an error, never silently dropped; list
items and quotations render their blocks recursively.

Presentation lives in ``style.css`` and classes, not in deprecated
attributes; what must survive a reading system without CSS is in the
markup itself (the scene-break ornament is a character, lines of a line
block are elements of their own).
"""

from __future__ import annotations

import re
from typing import Callable, Iterator

from convert.model import (
    Block,
    Cell,
    Heading,
    LineBlock,
    ListBlock,
    ListItem,
    Paragraph,
    Quotation,
    SceneBreak,
    Span,
    Table,
    Verbatim,
)
from convert.model.labels import SCENE_BREAK_MARK
from convert.model.languages import has_right_to_left

from .inline import clip, escape, inline

LIST_TYPES = {"decimal": "1", "lower-alpha": "a", "upper-alpha": "A", "lower-roman": "i", "upper-roman": "I"}
"""List style to the ``type`` of an HTML ``ol`` (its own counting; markers are markup)."""

_CLASS_UNSAFE = re.compile(r"[^A-Za-z0-9_+#.-]+")


def heading_tag(level: int) -> str:
    """The element for a heading of the model's ``level``: ``h1`` is the document title."""
    return f"h{min(max(level, 1) + 1, 6)}"


def _heading(block: Heading) -> str:
    tag = heading_tag(block.level)
    if not block.label.strip():
        return ""  # an empty heading is announced as a heading with no name
    number = f"{escape(block.number)} " if block.number else ""
    return f"<{tag}{direction_attribute(block.label)}>{number}{inline(block.text, block.spans)}</{tag}>"


def _paragraph(block: Paragraph) -> str:
    return f"<p{direction_attribute(block.text)}>{inline(block.text, block.spans)}</p>"


def direction_attribute(text: str) -> str:
    """``dir="auto"`` for text with right-to-left letters: its direction is
    then its first strong letter's (Unicode's paragraph rule), not the
    document's, so a Hebrew line in an English book reads right to left."""
    return ' dir="auto"' if has_right_to_left(text) else ""


def _verbatim(block: Verbatim) -> str:
    kind = f" {_class_name(block.kind)}" if block.kind else ""
    attributes = f' class="verbatim{kind}"'
    text = escape(block.text)
    if block.language or block.kind == "code":
        code_class = f' class="language-{_class_name(block.language)}"' if block.language else ""
        language = f' data-language="{escape(block.language)}"' if block.language else ""
        return f"<pre{attributes}{language}><code{code_class}>{text}</code></pre>"
    return f"<pre{attributes}>{text}</pre>"


def _class_name(word: str) -> str:
    """A word made safe for a ``class`` attribute (one token, no spaces)."""
    return _CLASS_UNSAFE.sub("-", word).strip("-") or "other"


def _line_block(block: LineBlock) -> str:
    # one element per line, so lines stay lines without CSS; the stylesheet
    # keeps their leading spaces and indents a wrapped line's continuation
    lines = (f'<div class="line">{row or "<br/>"}</div>' for row in _rows(block.text, block.spans))
    return f'<div class="line-block"{direction_attribute(block.text)}>{"".join(lines)}</div>'


def _rows(text: str, spans: tuple[Span, ...]) -> Iterator[str]:
    """Each line of a line block as XHTML, with the spans cut at line ends."""
    ordered = sorted(spans, key=lambda span: span.start)
    waiting, active = 0, []
    start = 0
    for row in text.split("\n"):
        end = start + len(row)
        while waiting < len(ordered) and ordered[waiting].start < end:
            active.append(ordered[waiting])
            waiting += 1
        active = [span for span in active if span.end > start]
        yield inline(row, clip(active, start, end))
        start = end + 1


def _list(block: ListBlock) -> str:
    if not block.items:
        return ""  # an empty list would only add a blank gap
    items = "".join(_item(item) for item in block.items)
    if not block.ordered:
        return f"<ul>{items}</ul>"
    style = LIST_TYPES.get(block.style, "1")
    kind = f' type="{style}"' if style != "1" else ""
    start = f' start="{block.start}"' if block.start != 1 else ""
    return f'<ol class="{block.style}"{kind}{start}>{items}</ol>'


def _item(item: ListItem) -> str:
    blocks = item.blocks
    if len(blocks) == 1 and isinstance(blocks[0], Paragraph):
        return f"<li{direction_attribute(blocks[0].text)}>{inline(blocks[0].text, blocks[0].spans)}</li>"
    return f"<li>{''.join(render_block(inner) for inner in blocks)}</li>"


def _quotation(block: Quotation) -> str:
    quoted = f"<blockquote>{''.join(render_block(inner) for inner in block.blocks)}</blockquote>"
    if not block.attribution or not block.attribution.strip():
        return quoted
    # the attribution belongs outside the quoted words: a figure and its caption
    return (f'<figure class="quotation">{quoted}'
            f'<figcaption class="attribution">{escape(block.attribution)}</figcaption></figure>')


def _table(block: Table) -> str:
    if not block.head and not block.body:
        return ""
    align = block.align
    # a header cell needs data cells to name: without a body, head rows are plain rows
    header = bool(block.body)
    parts = ["<table>"]
    if block.head:
        parts.append("<thead>")
        parts.extend(_row(row, align, header) for row in block.head)
        parts.append("</thead>")
    if block.body:
        parts.append("<tbody>")
        parts.extend(_row(row, align, False) for row in block.body)
        parts.append("</tbody>")
    parts.append("</table>")
    return "".join(parts)


def _row(row: tuple[Cell, ...], align: tuple[str | None, ...], header: bool) -> str:
    cells = []
    for column, cell in enumerate(row):
        where = align[column] if column < len(align) else None
        classes = f' class="align-{where}"' if where else ""
        content = inline(cell.text, cell.spans)
        if header and cell.text.strip():
            cells.append(f'<th scope="col"{classes}{direction_attribute(cell.text)}>{content}</th>')
        else:  # an empty header cell would be a header without a name
            cells.append(f"<td{classes}{direction_attribute(cell.text)}>{content}</td>")
    return f"<tr>{''.join(cells)}</tr>"


def _scene_break(block: SceneBreak) -> str:
    # a real character, so the break shows where CSS generated content does
    # not; role=separator keeps it a thematic break for assistive technology
    return f'<p class="scene-break" role="separator">{SCENE_BREAK_MARK}</p>'


RENDERERS: dict[type, Callable] = {
    Heading: _heading,
    Paragraph: _paragraph,
    Verbatim: _verbatim,
    LineBlock: _line_block,
    ListBlock: _list,
    Quotation: _quotation,
    Table: _table,
    SceneBreak: _scene_break,
}
"""Block node type to the function rendering it as XHTML."""


def render_block(block: Block) -> str:
    """One block as XHTML.

    :raises TypeError: the block's type has no renderer.
    """
    try:
        renderer = RENDERERS[type(block)]
    except KeyError:
        raise TypeError(f"the EPUB writer cannot render a {type(block).__name__} node") from None
    return renderer(block)
