"""Render convert's document model as CommonMark."""

from __future__ import annotations

import re
from typing import BinaryIO, Callable

from convert import Context, Document, Heading, ListBlock, Paragraph, SceneBreak

_SPECIAL = re.compile(r"([\\`*_\[\]<>&#|~])")
_BLOCK_START = re.compile(r"^(\d+)([.)])|^([-+=])")


def escape(text: str) -> str:
    """Backslash-escape what CommonMark would otherwise interpret."""
    text = _SPECIAL.sub(r"\\\1", text)
    return _BLOCK_START.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", text)


def _heading(block: Heading) -> str:
    return "#" * min(block.level + 1, 6) + " " + escape(block.label)  # level 1 is the title


def _paragraph(block: Paragraph) -> str:
    return escape(block.text)


def _list(block: ListBlock) -> str:
    markers = (f"{n}." for n in range(1, len(block.items) + 1)) if block.ordered else iter(lambda: "-", None)
    return "\n".join(f"{marker} {escape(item.text)}" for marker, item in zip(markers, block.items))


def _scene_break(block: SceneBreak) -> str:
    return "* * *"


RULES: dict[type, Callable] = {Heading: _heading, Paragraph: _paragraph, ListBlock: _list, SceneBreak: _scene_break}


def write_markdown(document: Document, stream: BinaryIO, context: Context) -> None:
    """Write the title as a level-1 heading, then every block, blank-line separated."""
    parts = ["# " + escape(document.meta.title)]
    for block in document.blocks:
        rule = RULES.get(type(block))
        if rule is None:
            raise TypeError(f"no Markdown rule for {type(block).__name__}")
        parts.append(rule(block))
    stream.write(("\n\n".join(parts) + "\n").encode("utf-8"))
