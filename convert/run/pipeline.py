"""One conversion, step by step: load a source, read it once into the model,
then render it to each requested format.

Every step works on bytes in memory and returns plain data, so the same
functions serve the command line, the batch pool and remote workers.  Writing
files is left to the caller (see :mod:`convert.run.atomic`).
"""

from __future__ import annotations

import functools
import hashlib
import io
import time
from dataclasses import dataclass, field
from pathlib import Path

from convert.text.cleaning import clean_document
from convert.errors import ConvertError, Diagnostic, InputError, OutputError
from convert.model.languages import LanguageTagError, check_language
from convert.plugin.formats import Context, InputFormat, OutputFormat, ReadContext, ReadResult
from convert.run.metadata import apply_metadata
from convert.plugin.loader import Registry
from convert.plugin.transforms import Transform
from convert.run.names import safe_name
from convert.run.sources import document_date, read_input

DEFAULT_MAX_INPUT_SIZE = 100 * 1024 * 1024
"""Inputs larger than this are refused unless ``--max-input-size`` says otherwise."""


@dataclass(frozen=True)
class Settings:
    """What to do with every input; plain data, so it pickles to worker processes."""

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


@dataclass(frozen=True)
class Source:
    """A source file's bytes and what the model records about them."""

    name: str
    data: bytes
    modified: str

    @functools.cached_property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


@dataclass
class Rendered:
    """One output's bytes and the writer's warnings."""

    format: OutputFormat
    data: bytes
    warnings: list[Diagnostic] = field(default_factory=list)
    seconds: float = 0.0


def load_source(path: Path, max_size: int = DEFAULT_MAX_INPUT_SIZE) -> Source:
    """Read a source file, refusing what cannot be a document (see :mod:`convert.run.sources`).

    :raises UsageError: the path is missing or is a directory.
    :raises InputError: the file is not a regular file, unreadable, or larger than ``max_size``.
    """
    data, modified = read_input(path, max_size)
    return Source(path.name, data, document_date(modified))


def choose_input_format(registry: Registry, name: str, settings: Settings) -> InputFormat:
    """``--from`` if given, else the format claiming the file's extension, else plain text."""
    if settings.input_format:
        return registry.input(settings.input_format)
    suffix = Path(name).suffix
    return registry.input_for_extension(suffix) or registry.input("text")


def read_source(source: Source, registry: Registry, settings: Settings) -> ReadResult:
    """Read a source into the model; apply metadata, the cleaning rule and transforms."""
    fmt = choose_input_format(registry, source.name, settings)
    options = dict(settings.options)
    # the document records the name; a byte that is not UTF-8 cannot be written to any output
    context = ReadContext(safe_name(source.name), source.sha256, source.modified, options)
    try:
        result = fmt.reader()(source.data, context)
    except ConvertError:
        raise
    except Exception as error:
        raise InputError(
            f"{source.name}: {fmt.name} reader (plugin {registry.provider(fmt)!r}) failed: "
            f"{type(error).__name__}: {error}"
        ) from error
    document = apply_metadata(result.document, settings.metadata)
    document, cleaned = clean_document(document)
    warnings = list(result.warnings) + cleaned
    for name in settings.transforms:
        document = _transform(document, registry.transform(name), registry, Context(options, warnings.append))
    try:
        if document.meta.language:  # empty: unset, each writer has its default
            check_language(document.meta.language)
    except LanguageTagError as error:
        raise InputError(f"{source.name}: language: {error}") from None
    warnings.sort(key=lambda diagnostic: diagnostic.line or 0)
    return ReadResult(document, warnings, result.notes)


def _transform(document, transform: Transform, registry: Registry, context: Context):
    try:
        return transform.function()(document, context)
    except ConvertError:
        raise
    except Exception as error:
        raise ConvertError(
            f"transform {transform.name!r} (plugin {registry.provider(transform)!r}) failed: "
            f"{type(error).__name__}: {error}"
        ) from error


def render(result: ReadResult, fmt: OutputFormat, registry: Registry, settings: Settings) -> Rendered:
    """Render a document with one writer; a writer's crash becomes an OutputError naming its plugin."""
    warnings: list[Diagnostic] = []
    stream = io.BytesIO()
    started = time.perf_counter()
    try:
        fmt.writer()(result.document, stream, Context(dict(settings.options), warnings.append))
    except ConvertError:
        raise
    except Exception as error:
        plugin = registry.provider(fmt)
        raise OutputError(
            f"{fmt.name} writer (plugin {plugin!r}) failed: {type(error).__name__}: {error}"
        ) from error
    return Rendered(fmt, stream.getvalue(), warnings, time.perf_counter() - started)
