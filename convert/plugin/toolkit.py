"""Helpers for plugin authors that need the plugin contract's types."""

from __future__ import annotations

from convert.errors import Diagnostic
from convert.plugin.formats import ReadContext


def decode_source(data: bytes, context: ReadContext) -> tuple[str, list[Diagnostic]]:
    """A text reader's first step: the source's bytes as text, the way the
    built-in reader decodes them.

    A byte-order mark decides; binary files are refused (``not a text file
    (looks like a PNG image)``); the user's ``--encoding`` is honoured; else
    UTF-8, else Windows-1252 with a warning.  The text keeps its line endings.

    :return: the text and the warnings to pass on in ``ReadResult.warnings``.
    :raises InputError: binary or undecodable input, naming the file.
    :raises UsageError: ``--encoding`` names no known encoding.
    """
    from convert.text.decoding import decode

    return decode(data, context.source_name, context.options.get("encoding"))
