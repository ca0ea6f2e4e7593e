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

_URL = re.compile(r"(?:(?:https?|ftps?)://|www\.)[^\s<>\"'`]+", re.IGNORECASE)
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_TRAILING = ".,;:!?"
_PAIRS = {")": "(", "]": "[", "}": "{"}


def find_links(text: str) -> tuple[Span, ...]:
    """The link spans of a text, sorted by position."""
    if "://" not in text and "www." not in text.lower() and "@" not in text:
        return ()
    lowered = text.lower()
    spans: list[Span] = []
    taken: list[tuple[int, int]] = []
    for match in _URL.finditer(text) if ("://" in text or "www." in lowered) else ():
        start, end = match.start(), _trim(text, match.start(), match.end())
        if end <= start + 4:
            continue
        url = text[start:end]
        target = url if "://" in url else f"http://{url}"
        spans.append(Span(start, end, "link", target))
        taken.append((start, end))
    for match in _EMAIL.finditer(text) if "@" in text else ():
        start, end = match.start(), match.end()
        while end > start and text[end - 1] in _TRAILING:
            end -= 1
        if any(a <= start < b for a, b in taken) or "@" not in text[start:end]:
            continue
        spans.append(Span(start, end, "link", f"mailto:{text[start:end]}"))
    return tuple(sorted(spans, key=lambda span: (span.start, span.end)))


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
    """The blocks with link spans added to every text that holds an address."""
    return [_block(block) for block in blocks]


def _block(block: Block) -> Block:
    if isinstance(block, (Paragraph, Heading, LineBlock)):
        if "://" not in block.text and "www." not in block.text and "@" not in block.text:
            return block
        spans = find_links(block.text)
        return dataclasses.replace(block, spans=spans) if spans else block
    if isinstance(block, ListBlock):
        items = tuple(dataclasses.replace(item, blocks=tuple(add_links(item.blocks))) for item in block.items)
        return dataclasses.replace(block, items=items)
    if isinstance(block, Quotation):
        return dataclasses.replace(block, blocks=tuple(add_links(block.blocks)))
    return block
