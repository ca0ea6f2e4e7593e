"""The Markdown reader: bytes to the document model.

Decoding is the core's (:func:`convert.text.decoding.decode`: BOMs,
``--encoding``, binary files refused), then front matter, then markdown-it,
then :class:`~convert_plugins.markdown.blocks.BlockBuilder`.  The title comes
from the front matter, else from a first-level heading that opens the
document and is its only one, else from the file name; the language from
the front matter, else the ``language`` option, else a guess from the text
(:mod:`convert.text.language`).  ``docs/markdown.md`` describes every rule.
"""

from __future__ import annotations

import dataclasses

from convert.errors import InputError
from convert.model import Document, Heading, Meta
from convert.plugin.formats import ReadContext, ReadResult
from convert.text.decoding import decode
from convert.text.language import DEFAULT as DEFAULT_LANGUAGE
from convert.text.language import document_language

from convert_plugins.markdown.blocks import BlockBuilder
from convert_plugins.markdown.findings import Findings
from convert_plugins.markdown.frontmatter import FrontMatter, split_front_matter
from convert_plugins.markdown.parser import CUT, parse


def read_markdown(data: bytes, context: ReadContext) -> ReadResult:
    """Read a Markdown file's bytes (see ``docs/markdown.md``)."""
    text, decoding_notes = decode(data, context.source_name, context.options.get("encoding"))
    result = parse_markdown(text, context)
    return ReadResult(result.document, decoding_notes + result.warnings, result.notes)


def parse_markdown(text: str, context: ReadContext) -> ReadResult:
    """Parse decoded Markdown into a document.

    :raises InputError: the text is empty or only whitespace.
    """
    if not text.strip():
        what = "is empty" if not text else "contains only whitespace"
        raise InputError(f"{context.source_name}: {what}; nothing to convert")
    findings = Findings()
    findings.decision("syntax", "Markdown: CommonMark with GFM tables, strikethrough and autolinks (markdown-it-py)")
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    _report_nul(lines, findings)
    front = split_front_matter(lines, findings)
    tokens, env = parse("\n".join(lines))
    blocks = BlockBuilder(tokens, lines, findings).build()
    for line in env[CUT][:1]:
        findings.decision("too-deep", f"content nested more than the model allows, from line {line + 1}, kept as text")
    meta, blocks = _meta(front, blocks, context, findings)
    _summarise(findings)
    return ReadResult(Document(meta, tuple(blocks)), findings.warnings, findings.notes)


def _report_nul(lines: list[str], findings: Findings) -> None:
    for number, line in enumerate(lines, 1):
        if "\x00" in line:
            findings.warn("nul-character", "NUL characters are replaced with U+FFFD, as CommonMark requires", number)
            return


def _meta(front: FrontMatter | None, blocks: list, context: ReadContext, findings: Findings) -> tuple[Meta, list]:
    meta = Meta(
        title=context.fallback_title,
        language=DEFAULT_LANGUAGE,
        source_name=context.source_name,
        source_sha256=context.sha256,
        modified=context.modified,
    )
    if front is not None:
        meta = dataclasses.replace(
            meta,
            authors=front.authors,
            extra=tuple(sorted(front.extra.items())),
        )
    if front is not None and front.title:
        findings.decision("title-source", f"from the front matter (line {front.title_line or 1})")
        meta = dataclasses.replace(meta, title=front.title)
    elif (heading := _title_heading(blocks)) is not None:
        findings.decision("title-source", f"the only first-level heading, which opens the text (line {heading.lines[0]})")
        meta, blocks = dataclasses.replace(meta, title=heading.text, title_lines=heading.lines), blocks[1:]
    else:
        findings.decision("title-source", "the file name (no front matter title, and no single first-level heading opens the text)")
    return _with_language(meta, front, blocks, context, findings), blocks


def _with_language(meta: Meta, front: FrontMatter | None, blocks: list, context: ReadContext,
                   findings: Findings) -> Meta:
    """The front matter's language, else the reader option's, else a guess from the text."""
    if front is not None and front.language:
        findings.decision("language", f"{front.language}: from the front matter")
        return dataclasses.replace(meta, language=front.language)
    title = "" if meta.title == context.fallback_title else meta.title  # a file name is no prose
    language = document_language(context.options.get("language"), title, blocks)
    findings.decision("language", language.reason)
    return dataclasses.replace(meta, language=language.language)


def _title_heading(blocks: list) -> Heading | None:
    """The first block, if it is the document's only first-level heading."""
    if not blocks or not isinstance(blocks[0], Heading) or blocks[0].level != 1:
        return None
    if any(isinstance(block, Heading) and block.level == 1 for block in blocks[1:]):
        return None
    return blocks[0]


def _summarise(findings: Findings) -> None:
    kept = [f"to other files or anchors ({findings.relative_links})"] if findings.relative_links else []
    kept += [f"{scheme}: ({count})" for scheme, count in sorted(findings.other_schemes.items())]
    if kept:
        findings.decision("links", f"kept as text without their targets: links {', '.join(kept)}")
    if findings.comments:
        findings.decision("html", f"{findings.comments} HTML comments left out")
