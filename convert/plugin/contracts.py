"""Checking what plugins hand back, so that a mistake in one plugin is a failed
input naming that plugin, never a crash and never blamed on another.

* a reader returns a :class:`~convert.ReadResult` whose document is valid
  (the model's own check, :func:`convert.model.validate.check_document`: node
  types, heading levels 1-6, text fields, span ranges) and whose source lines
  ``(first, last)`` are in order and inside the source;
* a transform returns a valid :class:`~convert.Document`;
* a writer writes into its stream and returns None.

The checks are plain ``isinstance`` walks over the nodes: cheap next to
reading or writing them.
"""

from __future__ import annotations

from typing import Any, Iterator

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


def check_read_result(result: Any, who: str, line_limit: int | None = None) -> ReadResult:
    """A reader's return value, checked.

    :param who: the reader as messages name it (:func:`role`).
    :param line_limit: the number of lines the source can have, if known:
        source lines beyond it are refused.
    :raises PluginError: naming ``who`` and the first problem found.
    """
    if not isinstance(result, ReadResult):
        raise PluginError(f"{who} broke its contract: read() returned {_what(result)}, not a convert.ReadResult")
    for field_name in ("warnings", "notes"):
        diagnostics = getattr(result, field_name)
        if not isinstance(diagnostics, (list, tuple)) or not all(isinstance(d, Diagnostic) for d in diagnostics):
            raise PluginError(f"{who} broke its contract: ReadResult.{field_name} must be a list of "
                              f"convert.Diagnostic, got {_what(diagnostics)}")
    if not isinstance(result.document, Document):
        raise PluginError(f"{who} broke its contract: read() returned a ReadResult whose document is "
                          f"{_what(result.document)}, not a convert.Document")
    problem = document_problem(result.document, line_limit)
    if problem:
        raise PluginError(f"{who} broke its contract: read() returned an invalid document: {problem}")
    return result


def check_transformed(document: Any, who: str) -> Document:
    """A transform's return value, checked.

    :raises PluginError: naming ``who`` and the first problem found.
    """
    if not isinstance(document, Document):
        raise PluginError(f"{who} broke its contract: apply() returned {_what(document)}, not a convert.Document")
    problem = document_problem(document)
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


def document_problem(document: Document, line_limit: int | None = None) -> str | None:
    """What is wrong with a document, in one line, or None when it is valid."""
    try:
        check_document(document)
    except ModelError as error:
        return str(error)
    return _source_lines_problem(document, line_limit)


_LINE_BREAK_BYTES = b"\n\r\x0b\x0c\x1c\x1d\x1e\x85"


def line_limit(data: bytes) -> int:
    """An upper bound on the number of lines in a source, however a reader
    splits them (the core's CRLF, CR or LF, or ``str.splitlines()``, which
    also breaks at form feeds, U+2028 and the like)."""
    breaks = len(data) - len(data.translate(None, _LINE_BREAK_BYTES))
    return breaks + data.count("\u2028".encode()) + data.count("\u2029".encode()) + 1


def _what(value: Any) -> str:
    if value is None:
        return "None"
    text = repr(value)
    shown = text if len(text) <= 40 else text[:37] + "..."
    return f"a {type(value).__name__} ({shown})"


def _source_lines_problem(document: Document, limit: int | None) -> str | None:
    """Source lines count from 1, ``first <= last``, within the source; ``(0, 0)`` for generated nodes."""
    title = [("meta.title_lines", document.meta.title_lines)] if document.meta.title_lines else []
    for where, (first, last) in (*title, *_lines_of(document.blocks, "blocks")):
        if (first, last) != (0, 0) and not 1 <= first <= last:
            return f"{where} is {(first, last)}: source lines count from 1, first <= last ((0, 0) for generated nodes)"
        if limit is not None and last > limit:
            return f"{where} {(first, last)} goes beyond the source's {limit} lines"
    return None


def _lines_of(blocks: tuple, where: str) -> Iterator[tuple[str, tuple[int, int]]]:
    for index, block in enumerate(blocks):
        at = f"{where}[{index}]"
        yield f"{at}.lines", block.lines
        if isinstance(block, ListBlock):
            for number, item in enumerate(block.items):
                yield f"{at}.items[{number}].lines", item.lines
                yield from _lines_of(item.blocks, f"{at}.items[{number}].blocks")
        elif isinstance(block, Quotation):
            yield from _lines_of(block.blocks, f"{at}.blocks")
