"""XHTML content documents for the EPUB writer, one per section.

The documents are built as text in a single pass and encoded once: ebooklib's
own path would parse every document with an HTML parser and serialise it
again (and write an empty file, without a word, when parsing fails).  Every
text from the model goes through :func:`escape`, so markup-like text such as
``<script>``, ``&amp;`` or ``]]>`` is shown literally.

A block is rendered by the function :data:`RENDERERS` holds for its type; a
node type without one is an error, never silently dropped.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from convert.model.languages import is_right_to_left
from convert.model import Block, Heading, ListBlock, Paragraph, SceneBreak

STYLESHEET = "style.css"
"""File name of the stylesheet every document links, next to the documents."""

def escape(text: str) -> str:
    """Escape text for XHTML element content or a double-quoted attribute.

    Escaping ``>`` as well keeps ``]]>`` from ever appearing in the output.
    """
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )


def heading_tag(level: int) -> str:
    """The element for a heading of the model's ``level``: ``h1`` is the document title."""
    return f"h{min(max(level, 1) + 1, 6)}"


def _heading(block: Heading) -> str:
    tag = heading_tag(block.level)
    return f"<{tag}>{escape(block.label)}</{tag}>"


def _paragraph(block: Paragraph) -> str:
    return f"<p>{escape(block.text)}</p>"


def _list(block: ListBlock) -> str:
    if not block.items:
        return ""  # an empty <ul> would only add a blank gap
    tag = "ol" if block.ordered else "ul"
    items = "".join(f"<li>{escape(item.text)}</li>" for item in block.items)
    return f"<{tag}>{items}</{tag}>"


def _scene_break(block: SceneBreak) -> str:
    # <hr> is the thematic break of HTML; the stylesheet draws it as an ornament
    return '<hr class="scene-break"/>'


RENDERERS: dict[type, Callable] = {
    Heading: _heading,
    Paragraph: _paragraph,
    ListBlock: _list,
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


@dataclass(frozen=True)
class Page:
    """What a content document shows besides its blocks."""

    title: str
    """The ``<title>``: the section's heading, or the document title."""
    language: str
    """BCP 47 tag for ``lang`` and ``xml:lang``."""
    header: str = ""
    """XHTML placed before the blocks (the title block of the opening document)."""


def title_block(title: str, authors: tuple[str, ...]) -> str:
    """The document title as ``<h1>``, with its authors below it."""
    parts = [f'<header class="title-page"><h1 class="title">{escape(title)}</h1>']
    if authors:
        parts.append(f'<p class="author">{escape(", ".join(authors))}</p>')
    parts.append("</header>")
    return "".join(parts)


def content_document(page: Page, blocks: tuple[Block, ...]) -> bytes:
    """A complete XHTML content document, encoded as UTF-8."""
    language = escape(page.language)
    rtl = ' dir="rtl"' if is_right_to_left(page.language) else ""
    parts = [
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html>\n'
        f'<html xmlns="http://www.w3.org/1999/xhtml" lang="{language}" xml:lang="{language}"{rtl}>\n'
        f"<head>\n<title>{escape(page.title)}</title>\n"
        f'<link rel="stylesheet" type="text/css" href="{STYLESHEET}"/>\n</head>\n<body>\n',
        page.header + "\n" if page.header else "",
    ]
    for block in blocks:
        parts.append(render_block(block))
        parts.append("\n")
    parts.append("</body>\n</html>\n")
    return "".join(parts).encode("utf-8")
