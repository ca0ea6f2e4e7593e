"""``convert FILE --inspect``: the structure the reader found, with source
lines and the reason for every decision, so a person can see why a
conversion looks the way it does."""

from __future__ import annotations

from collections import Counter
from typing import Iterator

from convert.plugin.formats import ReadResult
from convert.model import Heading, ListBlock, Paragraph, Quotation, SceneBreak, Table, Verbatim


def _span(lines: tuple[int, int]) -> str:
    first, last = lines
    return f"{first}" if first == last else f"{first}-{last}"


def _short(text: str, width: int = 70) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def outline_lines(result: ReadResult) -> Iterator[str]:
    """The report, line by line."""
    document = result.document
    meta = document.meta
    reasons = {note.line: note.message for note in result.notes if note.code == "rule" and note.line}
    yield f"source:    {meta.source_name} (sha256 {meta.source_sha256[:12]}…)"
    for note in result.notes:
        if note.code != "rule":
            yield f"{note.code}: {note.message}"
    where = f"line {_span(meta.title_lines)}" if meta.title_lines else "not in the text"
    yield f"title:     {meta.title!r} ({where})"
    yield f"language:  {meta.language}"
    yield ""
    yield "outline (source lines, block, reason):"
    yield from _blocks(document.blocks, reasons)
    counts = Counter(type(block).__name__ for block in document.blocks)
    lists = [block for block in document.blocks if isinstance(block, ListBlock)]
    items = sum(len(block.items) for block in lists)
    yield ""
    yield (
        f"totals: {counts['Heading']} headings, {counts['Paragraph']} paragraphs, "
        f"{counts['SceneBreak']} scene breaks, {len(lists)} list{'s' * (len(lists) != 1)} ({items} items)"
    )
    if result.warnings:
        yield ""
        yield "warnings:"
        for warning in result.warnings:
            yield f"  {warning}"


def _blocks(blocks, reasons: dict[int, str]) -> Iterator[str]:
    run: list[Paragraph] = []

    def flush() -> Iterator[str]:
        if run:
            span = _span((run[0].lines[0], run[-1].lines[1]))
            noun = "paragraph" if len(run) == 1 else "paragraphs"
            yield f"  {span:>11}  {len(run)} {noun}"
            run.clear()

    for block in blocks:
        if isinstance(block, Paragraph):
            run.append(block)
            continue
        yield from flush()
        why = reasons.get(block.lines[0], "")
        if isinstance(block, Heading):
            what = f"heading {block.level}: {_short(block.label)}"
        elif isinstance(block, ListBlock):
            what = f"{'numbered' if block.ordered else 'bulleted'} list, {len(block.items)} items"
        elif isinstance(block, SceneBreak):
            what = "scene break"
        elif isinstance(block, Verbatim):
            what = " ".join(filter(None, ("verbatim", block.kind, block.language and f"({block.language})")))
        elif isinstance(block, Quotation):
            what = f"quotation, {len(block.blocks)} block{'s' * (len(block.blocks) != 1)}"
        elif isinstance(block, Table):
            what = f"table, {len(block.head) + len(block.body)} rows of {block.width} columns"
        else:
            what = type(block).__name__
        yield f"  {_span(block.lines):>11}  {what}" + (f"   [{why}]" if why else "")
    yield from flush()
