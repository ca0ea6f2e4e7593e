"""One conversion, step by step: load a source, read it once into the model,
then render it to each requested format.

Every step works on a source's bytes and returns plain data (an output as a
:class:`~convert.run.spool.Spool`, which travels to another process as its
bytes), so the same functions serve the command line, the batch pool and
remote workers.  Writing
files is left to the caller (see :mod:`convert.run.atomic`).
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import time
from pathlib import Path
from typing import NamedTuple, Sequence

from convert.text.cleaning import clean_document
from convert.errors import ConvertError, Diagnostic, InputError
from convert.model import Document
from convert.model.languages import LanguageTagError, check_language
from convert.plugin.contracts import (
    PluginError, WriterError, check_read_result, check_transformed, check_written, role,
)
from convert.plugin.formats import Context, InputFormat, OutputFormat, ReadContext, ReadResult
from convert.plugin.options import CORE_READER_OPTIONS, Option, check_pairs, options_for
from convert.plugin.registry import Registry
from convert.plugin.selection import show_traceback
from convert.run.metadata import apply_metadata
from convert.run.names import safe_name
from convert.run.sources import document_date, read_input
from convert.run.spool import Spool

DEFAULT_MAX_INPUT_SIZE = 100 * 1024 * 1024
"""Inputs larger than this are refused unless ``--max-input-size`` says otherwise."""


class Settings(NamedTuple):
    """What to do with every input; plain data, so it pickles to worker processes.

    (The records here are tuples and plain classes, not dataclasses, which
    cost a third of a millisecond each to create at start-up.)
    """

    formats: tuple[str, ...]
    """Output format names (``epub``, or ``epub@plugin``)."""
    input_format: str | None = None
    """``--from``: the input format, instead of choosing by extension."""
    metadata: tuple[tuple[str, str], ...] = ()
    """``--metadata`` pairs, applied after reading."""
    options: tuple[tuple[str, str], ...] = ()
    """``--option`` pairs, given to readers, transforms and writers."""
    transforms: tuple[str, ...] = ()
    """``--transform`` names, applied in order."""
    max_input_size: int = DEFAULT_MAX_INPUT_SIZE
    """Inputs larger than this many bytes are refused."""


class Source:
    """A source file's bytes and what the model records about them."""

    __slots__ = ("name", "data", "modified", "_sha256")

    def __init__(self, name: str, data: bytes, modified: str) -> None:
        self.name = name
        self.data = data
        self.modified = modified
        self._sha256: str | None = None

    @property
    def sha256(self) -> str:
        """Hex SHA-256 of :attr:`data`, computed once."""
        if self._sha256 is None:
            self._sha256 = hashlib.sha256(self.data).hexdigest()
        return self._sha256


class Rendered(NamedTuple):
    """One output and the writer's warnings."""

    format: OutputFormat
    data: Spool
    """The output, in memory or, when large, in a temporary file."""
    warnings: list[Diagnostic]
    seconds: float


def load_source(path: Path, max_size: int = DEFAULT_MAX_INPUT_SIZE) -> Source:
    """Read a source file, refusing what cannot be a document (see :mod:`convert.run.sources`).

    :raises UsageError: the path is missing or is a directory.
    :raises InputError: the file is not a regular file, unreadable, or larger than ``max_size``.
    """
    data, modified = read_input(path, max_size)
    return Source(path.name, data, document_date(modified))


def choose_input_format(registry: Registry, name: str, settings: Settings) -> InputFormat:
    """``--from`` if given, else the one format claiming the file's extension, else plain text.

    :raises UsageError: two readers claim the extension, or none can read it.
    """
    if settings.input_format:
        return registry.input(settings.input_format)
    return registry.reader_for(name)


def check_settings(registry: Registry, settings: Settings, file_names: Sequence[str] | None = None) -> None:
    """Refuse, before anything is read, unknown formats and transforms, inputs
    no single reader claims, and ``-O`` pairs that nothing in the run
    declares or whose value is bad.

    :param file_names: the inputs, when known: their readers are the ones in
        use (else every reader is).
    :raises UsageError: the first problem, in one line.
    """
    outputs = [registry.output(name) for name in settings.formats]
    transforms = [registry.transform(name) for name in settings.transforms]
    if settings.input_format:
        inputs = [registry.input(settings.input_format)]
    elif file_names is not None:
        by_suffix = {os.path.splitext(name)[1].lower(): name for name in file_names}
        inputs = [registry.reader_for(by_suffix[suffix]) for suffix in sorted(by_suffix)]
    else:
        inputs = [fmt for entries in registry.inputs.values() for fmt, _ in entries]
    users: dict[str, list[Option]] = {}
    for item in (*inputs, *outputs, *transforms):
        users.setdefault(item.name, []).extend(item.options)
    check_pairs(settings.options, users, CORE_READER_OPTIONS)


def read_source(source: Source, registry: Registry, settings: Settings) -> ReadResult:
    """Read a source into the model; apply metadata, the cleaning rule and transforms.

    :raises PluginError: the reader crashed or returned something invalid.
    """
    fmt = choose_input_format(registry, source.name, settings)
    plugin = registry.provider(fmt)
    who = role("reader", fmt.name, plugin)
    options = options_for(settings.options, fmt.name, fmt.options, CORE_READER_OPTIONS)
    # the document records the name; a byte that is not UTF-8 cannot be written to any output
    context = ReadContext(safe_name(source.name), source.sha256, source.modified, options, fmt.options)
    try:
        result = fmt.reader()(source.data, context)
    except ConvertError:
        raise
    except Exception as error:
        show_traceback(f"{source.name}: {who}", error)
        raise PluginError(f"{source.name}: {who} failed: {type(error).__name__}: {error}") from error
    try:
        deep = not registry.builtin(plugin)  # built-in results are checked by the test suite's kits
        check_read_result(result, who, source.data, deep)
    except PluginError as error:
        raise PluginError(f"{source.name}: {error}") from None
    document = _with_provenance(result.document, source)
    document = apply_metadata(document, settings.metadata)
    document, cleaned = clean_document(document)
    warnings = list(result.warnings) + cleaned
    document = apply_transforms(document, settings.transforms, registry, settings, warnings)
    try:
        if document.meta.language:  # empty: unset, each writer has its default
            check_language(document.meta.language)
    except LanguageTagError as error:
        raise InputError(f"{source.name}: language: {error}") from None
    warnings.sort(key=lambda diagnostic: diagnostic.line or 0)
    return ReadResult(document, warnings, list(result.notes))


def _with_provenance(document: Document, source: Source) -> Document:
    """Fill the source's name, hash and date into the metadata where the reader left them empty."""
    meta = document.meta
    if meta.source_name and meta.source_sha256 and meta.modified:
        return document
    meta = dataclasses.replace(
        meta,
        source_name=meta.source_name or safe_name(source.name),
        source_sha256=meta.source_sha256 or source.sha256,
        modified=meta.modified or source.modified,
    )
    return dataclasses.replace(document, meta=meta)


def apply_transforms(document: Document, names: Sequence[str], registry: Registry, settings: Settings,
                     warnings: list[Diagnostic]) -> Document:
    """Run ``--transform`` names in order, each result checked and cleaned again.

    :param warnings: receives the transforms' warnings and the cleaning rule's.
    :raises PluginError: a transform crashed or returned something invalid.
    """
    for name in names:
        transform = registry.transform(name)
        plugin = registry.provider(transform)
        who = role("transform", transform.name, plugin)
        options = options_for(settings.options, transform.name, transform.options)
        context = Context(options, _attributed(warnings, who), transform.options)
        try:
            document = transform.function()(document, context)
        except ConvertError:
            raise
        except Exception as error:
            show_traceback(who, error)
            raise PluginError(f"{who} failed: {type(error).__name__}: {error}") from error
        document, cleaned = clean_document(check_transformed(document, who, not registry.builtin(plugin)))
        warnings.extend(dataclasses.replace(d, message=f"{d.message} (after {who})") for d in cleaned)
    return document


def _attributed(warnings: list[Diagnostic], who: str):
    """``context.warn`` for a plugin: its warnings name it."""
    def warn(diagnostic: Diagnostic) -> None:
        warnings.append(dataclasses.replace(diagnostic, message=f"{diagnostic.message} ({who})"))
    return warn


def render(result: ReadResult, fmt: OutputFormat, registry: Registry, settings: Settings) -> Rendered:
    """Render a document with one writer; a writer's crash becomes an OutputError naming its plugin."""
    warnings: list[Diagnostic] = []
    stream = Spool()
    who = role("writer", fmt.name, registry.provider(fmt))
    options = options_for(settings.options, fmt.name, fmt.options)
    started = time.perf_counter()
    try:
        returned = fmt.writer()(result.document, stream, Context(options, _attributed(warnings, who), fmt.options))
    except ConvertError:
        raise
    except Exception as error:
        show_traceback(who, error)
        raise WriterError(f"{who} failed: {type(error).__name__}: {error}") from error
    check_written(returned, who)
    return Rendered(fmt, stream, warnings, time.perf_counter() - started)
