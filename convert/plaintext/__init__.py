"""The plain-text reader: a deterministic grammar from lines to the IDM.

Three steps, one module each: :mod:`.lines` classifies every line on its own,
:mod:`.units` decides the paragraph style and groups lines into units,
:mod:`.blocks` turns units into blocks.  ``docs/plain-text.md`` is the
grammar's reference, with examples.
"""

from __future__ import annotations

from convert.text.decoding import decode
from convert.errors import Diagnostic, InputError
from convert.plugin.formats import ReadContext, ReadResult
from convert.model import Document, Meta
from convert.plaintext.blocks import build_blocks, find_title
from convert.plaintext.lines import split_lines
from convert.plaintext.units import detect_style, group_units

__all__ = ["parse_text", "read_plain_text"]


def read_plain_text(data: bytes, context: ReadContext) -> ReadResult:
    """Decode a plain-text file's bytes (see :mod:`convert.text.decoding`) and parse them."""
    text, decoding_notes = decode(data, context.source_name, context.options.get("encoding"))
    result = parse_text(text, context)
    return ReadResult(result.document, decoding_notes + result.warnings, result.notes)


def parse_text(text: str, context: ReadContext) -> ReadResult:
    """Parse decoded plain text into a document.

    :param context: the source's name, hash and date, and reader options
        (``paragraphs=lines|wrapped`` forces a paragraph style).
    :raises InputError: the text has no visible content.
    """
    lines, diagnostics = split_lines(text)
    if not any(line.text for line in lines):
        what = "is empty" if not text else "contains only whitespace"
        raise InputError(f"{context.source_name}: {what}; nothing to convert")
    style, decision = detect_style(lines)
    forced = context.options.get("paragraphs")
    if forced in ("lines", "wrapped"):
        style, decision = forced, Diagnostic("paragraph-style", f"{forced} (forced by option)")
    units = group_units(lines, style)
    title_unit = find_title(units, style)
    if title_unit is not None:
        units = units[1:]
    built = build_blocks(units, style)
    meta = Meta(
        title=title_unit.text if title_unit else context.fallback_title,
        language=context.options.get("language", "en"),
        source_name=context.source_name,
        source_sha256=context.sha256,
        modified=context.modified,
        title_lines=title_unit.span if title_unit else None,
    )
    notes = [Diagnostic(decision.code, decision.message, None, "info"), *built.reasons]
    if title_unit is not None:
        notes.insert(1, Diagnostic("rule", "title: first line, standing apart", title_unit.span[0], "info"))
    return ReadResult(Document(meta, tuple(built.blocks)), diagnostics + built.warnings, notes)
