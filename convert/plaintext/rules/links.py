"""Links: URLs and e-mail addresses in running text become ``link`` spans.

The text is not changed by a single character: a span marks where the
address is and carries its target — the URL itself (``www.…`` gets
``http://``), or ``mailto:`` and the address.  Trailing punctuation and an
unbalanced closing bracket are not part of a URL.  Verbatim text is left
alone (it carries no spans).
"""

from __future__ import annotations

import dataclasses
import re

from convert.model import Block, Heading, LineBlock, ListBlock, Paragraph, Quotation, Span
from convert.text.patterns import lazy_compile

_LINK = lazy_compile(
    r"(?P<url>(?:(?:https?|ftps?)://|www\.)[^\s<>\"'`]+)"
    r"|(?P<email>(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+)",
    re.IGNORECASE,
)
_TRAILING = ".,;:!?"
_PAIRS = {")": "(", "]": "[", "}": "{"}


def find_links(text: str) -> tuple[Span, ...]:
    """The link spans of a text, sorted by position (one pass: an address
    inside a URL is part of the URL)."""
    if "://" not in text and "www." not in text.lower() and "@" not in text:
        return ()
    spans: list[Span] = []
    for match in _LINK.finditer(text):
        start = match.start()
        if match.lastgroup == "url":
            end = _trim(text, start, match.end())
            if end <= start + 4:
                continue
            url = text[start:end]
            spans.append(Span(start, end, "link", url if "://" in url else f"http://{url}"))
        else:
            end = match.end()
            while end > start and text[end - 1] in _TRAILING:
                end -= 1
            if "@" in text[start:end]:
                spans.append(Span(start, end, "link", f"mailto:{text[start:end]}"))
    return tuple(spans)


def _trim(text: str, start: int, end: int) -> int:
    while end > start:
        char = text[end - 1]
        if char in _TRAILING:
            end -= 1
        elif char in _PAIRS and text.count(_PAIRS[char], start, end) < text.count(char, start, end):
            end -= 1
        else:
            break
    return end


def add_links(blocks: list[Block] | tuple[Block, ...]) -> list[Block]:
    """The blocks with link spans added to every text that holds an address
    (blocks without one are returned as they are)."""
    return [_block(block) for block in blocks]


def _same(old, new) -> bool:
    return all(a is b for a, b in zip(old, new))


def _block(block: Block) -> Block:
    if isinstance(block, (Paragraph, Heading, LineBlock)):
        if "://" not in block.text and "www." not in block.text and "@" not in block.text:
            return block
        spans = find_links(block.text)
        return dataclasses.replace(block, spans=spans) if spans else block
    if isinstance(block, ListBlock):
        items = []
        for item in block.items:
            inner = add_links(item.blocks)
            items.append(item if _same(item.blocks, inner) else dataclasses.replace(item, blocks=tuple(inner)))
        return block if _same(block.items, items) else dataclasses.replace(block, items=tuple(items))
    if isinstance(block, Quotation):
        inner = add_links(block.blocks)
        return block if _same(block.blocks, inner) else dataclasses.replace(block, blocks=tuple(inner))
    return block
