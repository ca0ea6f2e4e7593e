"""Applying ``--metadata KEY=VALUE`` to a document.

``title``, ``language`` and ``author`` (repeatable) set the model's own
fields; any other key (``publisher``, ``subject``, ``keywords``, ...) goes to
``Meta.extra``.  Overriding a title the reader took from the text keeps that
line as a paragraph where it stood (before the first block from a later
line), so no words are lost and none move.
"""

from __future__ import annotations

import dataclasses
from typing import Iterable

from convert.errors import UsageError
from convert.model import Document, Paragraph
from convert.model.languages import LanguageTagError, check_language


def parse_pairs(pairs: Iterable[str], option: str) -> tuple[tuple[str, str], ...]:
    """Split ``KEY=VALUE`` strings; a malformed one is a usage error."""
    parsed = []
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise UsageError(f"{option} expects KEY=VALUE, got {pair!r}")
        parsed.append((key.strip().lower(), value.strip()))
    return tuple(parsed)


def check_metadata(pairs: Iterable[tuple[str, str]]) -> None:
    """Refuse values no document could carry, before any input is read.

    :raises UsageError: an empty title or a malformed language tag.
    """
    for key, value in pairs:
        if key == "title" and not value:
            raise UsageError("--metadata title= needs a non-empty title")
        if key in ("language", "lang"):
            try:
                check_language(value)
            except LanguageTagError as error:
                raise UsageError(f"--metadata language: {error}") from None


def apply_metadata(document: Document, pairs: Iterable[tuple[str, str]]) -> Document:
    """Return the document with the given metadata applied (see :func:`check_metadata`)."""
    check_metadata(pairs := tuple(pairs))
    meta, blocks = document.meta, document.blocks
    extra = dict(meta.extra)
    authors: list[str] = []
    for key, value in pairs:
        if key == "title":
            if meta.title_lines is not None:
                blocks = _restore_title_line(blocks, Paragraph(meta.title, meta.title_lines))
            meta = dataclasses.replace(meta, title=value, title_lines=None)
        elif key in ("language", "lang"):
            meta = dataclasses.replace(meta, language=value)
        elif key in ("author", "authors"):
            authors.extend(name.strip() for name in value.split(";") if name.strip())
        else:
            extra[key] = value
    if authors:
        meta = dataclasses.replace(meta, authors=tuple(authors))
    meta = dataclasses.replace(meta, extra=tuple(sorted(extra.items())))
    return Document(meta, blocks)


def _restore_title_line(blocks: tuple, title: Paragraph) -> tuple:
    """Put the title's own line back as a paragraph in source order."""
    line = title.lines[0]
    at = next((index for index, block in enumerate(blocks) if block.lines and block.lines[0] > line), len(blocks))
    return (*blocks[:at], title, *blocks[at:])
