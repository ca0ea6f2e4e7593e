"""``convert FILE --inspect``: the structure the reader found, with source
lines and the reason for every decision, so a person can see why a
conversion looks the way it does."""

from __future__ import annotations

from collections import Counter
from typing import Iterator

from convert.plugin.formats import ReadResult
from convert.model import Heading, LineBlock, ListBlock, Paragraph, Quotation, SceneBreak, Table, Verbatim


def _span(lines: tuple[int, int]) -> str:
    first, last = lines
    return f"{first}" if first == last else f"{first}-{last}"


def _short(text: str, width: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def outline_lines(result: ReadResult) -> Iterator[str]:
    """The report, line by line."""
    document = result.document
    meta = document.meta
    reasons: dict[int, str] = {}
    title_reason = None
    for note in result.notes:
        if note.code == "rule" and note.line:
            if note.message.startswith("title:") and title_reason is None:
                title_reason = note.message
            else:
                reasons.setdefault(note.line, note.message)
    yield f"source:    {meta.source_name} (sha256 {meta.source_sha256[:12]}…)"
    for note in result.notes:
        if note.code == "rule" and note.message.startswith("title:") and title_reason is None:
            title_reason = note.message
        elif note.code != "rule":
            yield f"{note.code}: {note.message}"
    where = f"line {_span(meta.title_lines)}" if meta.title_lines else "not in the text"
    why = f"   [{title_reason.removeprefix('title: ')}]" if title_reason else ""
    yield f"title:     {meta.title!r} ({where}){why}"
    yield f"language:  {meta.language}"
    yield ""
    yield "outline (source lines, block, reason):"
    yield from _blocks(document.blocks, reasons)
    yield ""
    yield _totals(document.blocks)
    if result.warnings:
        yield ""
        yield "warnings:"
        for warning in result.warnings:
            yield f"  {warning}"


def _totals(blocks) -> str:
    counts = Counter(type(block).__name__ for block in blocks)
    lists = [block for block in blocks if isinstance(block, ListBlock)]
    items = sum(len(block.items) for block in lists)
    parts = [
        f"{counts['Heading']} headings",
        f"{counts['Paragraph']} paragraphs",
        f"{counts['SceneBreak']} scene breaks",
        f"{len(lists)} list{'s' * (len(lists) != 1)} ({items} items)",
    ]
    for name, noun in (("Verbatim", "verbatim blocks"), ("LineBlock", "line blocks"),
                       ("Quotation", "quotations"), ("Table", "tables")):
        if counts[name]:
            parts.append(f"{counts[name]} {noun}")
    return "totals: " + ", ".join(parts)


def _describe(block) -> str:
    if isinstance(block, Heading):
        return f"heading {block.level}: {_short(block.label)}"
    if isinstance(block, ListBlock):
        kind = "bulleted" if block.style == "bullet" else "numbered"
        style = f" ({block.style})" if block.style not in ("bullet", "decimal") else ""
        return f"{kind} list{style}, {len(block.items)} items"
    if isinstance(block, SceneBreak):
        return "scene break"
    if isinstance(block, Paragraph):
        return f"paragraph: {_short(block.text, 50)}"
    if isinstance(block, Verbatim):
        return " ".join(filter(None, ("verbatim", block.kind, block.language and f"({block.language})")))
    if isinstance(block, LineBlock):
        return f"line block, {len(block.rows)} lines: {_short(block.rows[0], 40)}"
    if isinstance(block, Quotation):
        return f"quotation, {len(block.blocks)} block{'s' * (len(block.blocks) != 1)}"
    if isinstance(block, Table):
        return f"table, {len(block.head) + len(block.body)} rows of {block.width} columns"
    return type(block).__name__


def _blocks(blocks, reasons: dict[int, str]) -> Iterator[str]:
    run: list[Paragraph] = []

    def flush() -> Iterator[str]:
        if run:
            span = _span((run[0].lines[0], run[-1].lines[1]))
            noun = "paragraph" if len(run) == 1 else "paragraphs"
            why = [reasons.get(paragraph.lines[0]) for paragraph in run]
            note = next((reason for reason in why if reason), "")
            yield f"  {span:>11}  {len(run)} {noun}" + (f"   [{note}]" if note else "")
            run.clear()

    for block in blocks:
        if isinstance(block, Paragraph) and not reasons.get(block.lines[0]):
            run.append(block)
            continue
        yield from flush()
        why = reasons.get(block.lines[0], "")
        yield f"  {_span(block.lines):>11}  {_describe(block)}" + (f"   [{why}]" if why else "")
    yield from flush()
