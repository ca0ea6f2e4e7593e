"""Checking what plugins hand back, so that a mistake in one plugin is a failed
input naming that plugin, never a crash and never blamed on another.

* a reader returns a :class:`~convert.ReadResult` whose document is valid
  (the model's own check, :func:`convert.model.validate.check_document`: node
  types, heading levels 1-6, text fields, span ranges) and whose source lines
  ``(first, last)`` are in order and inside the source;
* a transform returns a valid :class:`~convert.Document`;
* a writer writes into its stream and returns None.

The deep checks (the whole document) are for third-party plugins: the
built-in ones' results are checked by the same conformance kits in the test
suite, and a conversion with built-ins pays only for the ``isinstance`` of
the result.
"""

from __future__ import annotations

from typing import Any

from convert.errors import Diagnostic, InputError, OutputError
from convert.model import Document, ListBlock, Quotation
from convert.model.validate import ModelError, check_document
from convert.plugin.formats import ReadResult


class PluginError(InputError):
    """A reader or transform crashed or broke its contract; the input fails
    with a message naming the plugin and what it did wrong."""


class WriterError(OutputError):
    """A writer crashed or broke its contract; that one output fails."""


def role(kind: str, name: str, plugin: str) -> str:
    """``md reader (plugin 'mdplug')``: how messages name a plugin's part."""
    return f"{name} {kind} (plugin {plugin!r})"


def check_read_result(result: Any, who: str, source: bytes | None = None, deep: bool = True) -> ReadResult:
    """A reader's return value, checked.

    :param who: the reader as messages name it (:func:`role`).
    :param source: the bytes read, if known: source lines beyond them are refused.
    :param deep: check the whole document, not only the result's type.
    :raises PluginError: naming ``who`` and the first problem found.
    """
    if not isinstance(result, ReadResult):
        raise PluginError(f"{who} broke its contract: read() returned {_what(result)}, not a convert.ReadResult")
    if not deep:
        return result
    for field_name in ("warnings", "notes"):
        diagnostics = getattr(result, field_name)
        if not isinstance(diagnostics, (list, tuple)) or not all(isinstance(d, Diagnostic) for d in diagnostics):
            raise PluginError(f"{who} broke its contract: ReadResult.{field_name} must be a list of "
                              f"convert.Diagnostic, got {_what(diagnostics)}")
    if not isinstance(result.document, Document):
        raise PluginError(f"{who} broke its contract: read() returned a ReadResult whose document is "
                          f"{_what(result.document)}, not a convert.Document")
    problem = document_problem(result.document, source)
    if problem:
        raise PluginError(f"{who} broke its contract: read() returned an invalid document: {problem}")
    return result


def check_transformed(document: Any, who: str, deep: bool = True) -> Document:
    """A transform's return value, checked.

    :param deep: check the whole document, not only its type.
    :raises PluginError: naming ``who`` and the first problem found.
    """
    if not isinstance(document, Document):
        raise PluginError(f"{who} broke its contract: apply() returned {_what(document)}, not a convert.Document")
    problem = document_problem(document) if deep else None
    if problem:
        raise PluginError(f"{who} broke its contract: apply() returned an invalid document: {problem}")
    return document


def check_written(returned: Any, who: str) -> None:
    """A writer's return value: None (the output is what it wrote to the stream).

    :raises WriterError: the writer returned something, typically its bytes.
    """
    if returned is not None:
        raise WriterError(f"{who} broke its contract: write() returned {_what(returned)}; "
                          "it must write the output to its stream and return None")


def document_problem(document: Document, source: bytes | None = None) -> str | None:
    """What is wrong with a document, in one line, or None when it is valid.

    :param source: the bytes it was read from: its source lines must lie inside.
    """
    try:
        check_document(document)
    except ModelError as error:
        return str(error)
    return _source_lines_problem(document, source)


_LINE_BREAKS = b"\n\r\x0b\x0c\x1c\x1d\x1e\x85"


def line_limit(data: bytes) -> int:
    """An upper bound on the number of lines in a source, however a reader
    splits them (the core's CRLF, CR or LF, or ``str.splitlines()``, which
    also breaks at form feeds, U+2028 and the like)."""
    breaks = len(data) - len(data.translate(None, _LINE_BREAKS))
    return breaks + data.count("\u2028".encode()) + data.count("\u2029".encode()) + 1


def _what(value: Any) -> str:
    if value is None:
        return "None"
    text = repr(value)
    shown = text if len(text) <= 40 else text[:37] + "..."
    return f"a {type(value).__name__} ({shown})"


def _source_lines_problem(document: Document, source: bytes | None) -> str | None:
    """Source lines count from 1, ``first <= last``, within the source; ``(0, 0)`` for generated nodes."""
    title_lines = document.meta.title_lines
    if title_lines and _bad(title_lines, 0):
        return _describe("meta.title_lines", title_lines, 0)
    highest = [title_lines[1] if title_lines else 0]
    found = _first_bad(document.blocks, "blocks", 0, highest)
    if found:
        return _describe(*found, 0)
    # Counting line breaks costs a pass over the source: only when a node
    # claims more lines than it has line feeds, and then generously.
    if source is None or highest[0] <= source.count(b"\n") + 1 or highest[0] <= (limit := line_limit(source)):
        return None
    if title_lines and _bad(title_lines, limit):
        return _describe("meta.title_lines", title_lines, limit)
    return _describe(*_first_bad(document.blocks, "blocks", limit, highest), limit)


def _bad(lines: tuple[int, int], limit: int) -> bool:
    first, last = lines
    return (first != 0 or last != 0) and not 1 <= first <= last or 0 < limit < last


def _first_bad(blocks: tuple, where: str, limit: int, highest: list[int]) -> tuple[str, tuple[int, int]] | None:
    """The first node whose lines are wrong (its path is built only then);
    ``highest`` keeps the highest last line seen."""
    for index, block in enumerate(blocks):
        if _bad(block.lines, limit):
            return f"{where}[{index}].lines", block.lines
        highest[0] = max(highest[0], block.lines[1])
        if isinstance(block, ListBlock):
            for number, item in enumerate(block.items):
                at = f"{where}[{index}].items[{number}]"
                if _bad(item.lines, limit):
                    return f"{at}.lines", item.lines
                highest[0] = max(highest[0], item.lines[1])
                if item.blocks and (found := _first_bad(item.blocks, f"{at}.blocks", limit, highest)):
                    return found
        elif isinstance(block, Quotation):
            if found := _first_bad(block.blocks, f"{where}[{index}].blocks", limit, highest):
                return found
    return None


def _describe(where: str, lines: tuple[int, int], limit: int) -> str:
    first, last = lines
    if 0 < limit < last:
        return f"{where} {lines} goes beyond the source's {limit} lines"
    return f"{where} is {lines}: source lines count from 1, first <= last ((0, 0) for generated nodes)"
