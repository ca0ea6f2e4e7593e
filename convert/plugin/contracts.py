"""Checking what plugins hand back, so that a mistake in one plugin is a failed
input naming that plugin, never a crash and never blamed on another.

* a reader returns a :class:`~convert.ReadResult` whose document is valid
  (the model's own check: node types, heading levels 1-6, text fields are
  strings, source spans ``(first, last)``) and whose spans lie inside the
  source;
* a transform returns a valid :class:`~convert.Document`;
* a writer writes into its stream and returns None.

The checks are plain ``isinstance`` walks over the blocks: cheap next to
reading or writing them.
"""

from __future__ import annotations

from typing import Any, Callable

from convert.errors import Diagnostic, InputError, OutputError
from convert.model import BLOCK_TYPES, Document, Heading, ListBlock, ListItem, Meta, Paragraph, SceneBreak
from convert.plugin.formats import ReadResult

MAX_HEADING_LEVEL = 6


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
        spans beyond it are refused.
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
    problem = document_problem(result.document, "read() returned a document whose ", line_limit)
    if problem:
        raise PluginError(f"{who} broke its contract: {problem}")
    return result


def check_transformed(document: Any, who: str) -> Document:
    """A transform's return value, checked.

    :raises PluginError: naming ``who`` and the first problem found.
    """
    if not isinstance(document, Document):
        raise PluginError(f"{who} broke its contract: apply() returned {_what(document)}, not a convert.Document")
    problem = document_problem(document, "apply() returned a document whose ")
    if problem:
        raise PluginError(f"{who} broke its contract: {problem}")
    return document


def check_written(returned: Any, who: str) -> None:
    """A writer's return value: None (the output is what it wrote to the stream).

    :raises WriterError: the writer returned something, typically its bytes.
    """
    if returned is not None:
        raise WriterError(f"{who} broke its contract: write() returned {_what(returned)}; "
                          "it must write the output to its stream and return None")


def document_problem(document: Any, prefix: str = "", line_limit: int | None = None) -> str | None:
    """What is wrong with a document, in one line, or None when it is valid."""
    if not isinstance(document, Document):
        return f"the document is {_what(document)}, not a convert.Document"
    try:
        validate(document)
    except (TypeError, ValueError) as error:
        return f"{prefix}{error}"
    if line_limit is not None:
        problem = _span_beyond(document, line_limit)
        if problem:
            return f"{prefix}{problem}"
    return None


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


def _span_beyond(document: Document, limit: int) -> str | None:
    spans = [("meta.title_lines", document.meta.title_lines)] if document.meta.title_lines else []
    for index, block in enumerate(document.blocks):
        spans.append((f"blocks[{index}].lines", block.lines))
        if isinstance(block, ListBlock):
            spans.extend((f"blocks[{index}].items[{n}].lines", item.lines) for n, item in enumerate(block.items))
    for where, (first, last) in spans:
        if last > limit:
            return f"{where} {(first, last)} goes beyond the source's {limit} lines"
    return None


# The model's own validator, when this version of the model has one.
_validator: Callable[[Document], Any] | None = None


def validate(document: Document) -> None:
    """Check a document against the model.

    :raises TypeError, ValueError: the first problem, in one line.
    """
    global _validator
    if _validator is None:
        try:
            from convert.model.validate import check_document as _validator  # type: ignore[no-redef]
        except ImportError:
            _validator = basic_check
    found = _validator(document)
    if found:  # a validator may list problems instead of raising
        raise ValueError(found[0] if isinstance(found, (list, tuple)) else str(found))


def basic_check(document: Document) -> None:
    """The model's rules, checked field by field."""
    meta = document.meta
    if not isinstance(meta, Meta):
        raise TypeError(f"meta is {_what(meta)}, not a convert.Meta")
    for name in ("title", "language", "source_name", "source_sha256", "modified"):
        _text(getattr(meta, name), f"meta.{name}")
    _tuple_of(meta.authors, str, "meta.authors", "strings")
    _tuple_of(meta.extra, tuple, "meta.extra", "(key, value) pairs")
    for pair in meta.extra:
        if len(pair) != 2 or not all(isinstance(part, str) for part in pair):
            raise TypeError(f"meta.extra holds {pair!r}, not a (key, value) pair of strings")
    if meta.title_lines is not None:
        _span(meta.title_lines, "meta.title_lines")
    _tuple_of(document.blocks, object, "blocks", "blocks")
    for index, block in enumerate(document.blocks):
        _block(block, f"blocks[{index}]")


def _block(block: Any, where: str) -> None:
    if type(block) not in BLOCK_TYPES:
        names = ", ".join(kind.__name__ for kind in BLOCK_TYPES)
        raise TypeError(f"{where} is {_what(block)}, not a block node ({names})")
    where = f"{where} ({type(block).__name__})"
    _span(block.lines, f"{where}.lines")
    if isinstance(block, Heading):
        level = block.level
        if not _is_int(level) or not 1 <= level <= MAX_HEADING_LEVEL:
            raise ValueError(f"{where}.level is {level!r}; heading levels are 1 to {MAX_HEADING_LEVEL}")
        _text(block.text, f"{where}.text")
        if block.number is not None:
            _text(block.number, f"{where}.number")
    elif isinstance(block, Paragraph):
        _text(block.text, f"{where}.text")
    elif isinstance(block, ListBlock):
        if not isinstance(block.ordered, bool):
            raise TypeError(f"{where}.ordered is {_what(block.ordered)}, not True or False")
        _tuple_of(block.items, ListItem, f"{where}.items", "convert.ListItem objects")
        for number, item in enumerate(block.items):
            _text(item.text, f"{where}.items[{number}].text")
            _span(item.lines, f"{where}.items[{number}].lines")
    elif not isinstance(block, SceneBreak):  # pragma: no cover - BLOCK_TYPES is closed
        raise TypeError(f"{where} is not a block node")


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _text(value: Any, where: str) -> None:
    if not isinstance(value, str):
        raise TypeError(f"{where} is {_what(value)}, not a string")


def _tuple_of(value: Any, kind: type, where: str, noun: str) -> None:
    if not isinstance(value, tuple):
        raise TypeError(f"{where} is {_what(value)}, not a tuple (documents are immutable)")
    if kind is not object and not all(isinstance(item, kind) for item in value):
        raise TypeError(f"{where} must hold {noun}")


def _span(value: Any, where: str) -> None:
    if not (isinstance(value, tuple) and len(value) == 2 and all(_is_int(n) for n in value)):
        raise TypeError(f"{where} is {value!r}, not a (first, last) pair of line numbers")
    first, last = value
    if value != (0, 0) and not 1 <= first <= last:
        raise ValueError(f"{where} is {value!r}: lines count from 1 and first <= last ((0, 0) for generated nodes)")
