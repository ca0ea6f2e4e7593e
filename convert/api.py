"""The library API: what the command line does, as three functions.

    import convert
    result = convert.read_file("notes.txt")            # ReadResult: document + warnings
    data = convert.render(result.document, "epub")     # bytes
    job = convert.convert_file("notes.txt", ["epub", "pdf"], output="out/")

Errors are :class:`convert.errors.ConvertError` subclasses with one-line
messages (``InputError`` for bad input, ``UsageError`` for impossible requests).
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Iterable, Mapping, Sequence

from convert.text.cleaning import clean_document
from convert.errors import ConvertError, Diagnostic
from convert.plugin.formats import ReadResult
from convert.run.jobs import JobResult, expand_inputs, plan_jobs, run_job
from convert.model import Document
from convert.run.pipeline import DEFAULT_MAX_INPUT_SIZE, Settings, Source, check_settings, load_source, read_source
from convert.run.pipeline import render as _render
from convert.plugin.loader import Registry, load_registry


@functools.lru_cache(maxsize=1)
def registry() -> Registry:
    """The installed plugins, loaded once per process."""
    return load_registry()


def _settings(formats: Sequence[str] = (), input_format: str | None = None,
              metadata: Mapping[str, str] | None = None, options: Mapping[str, str] | None = None,
              transforms: Iterable[str] = (), max_input_size: int = DEFAULT_MAX_INPUT_SIZE) -> Settings:
    return Settings(
        formats=tuple(formats),
        input_format=input_format,
        metadata=tuple((key.lower(), value) for key, value in (metadata or {}).items()),
        options=tuple((options or {}).items()),
        transforms=tuple(transforms),
        max_input_size=max_input_size,
    )


def read_file(path: str | Path, **settings) -> ReadResult:
    """Read a file into the document model.

    :param settings: ``input_format``, ``metadata``, ``options``,
        ``transforms``, ``max_input_size`` — as on the command line.
    :raises ConvertError: the file is missing, binary, undecodable or empty.
    """
    chosen = _checked(_settings(**settings))
    source = load_source(Path(path), chosen.max_input_size)
    return read_source(source, registry(), chosen)


def read_bytes(data: bytes, name: str, modified: str = "", **settings) -> ReadResult:
    """Read a document from bytes; ``name`` picks the reader by extension."""
    return read_source(Source(name, data, modified), registry(), _checked(_settings(**settings)))


def render(document: Document, format: str, options: Mapping[str, str] | None = None) -> bytes:
    """Render a document to one format and return the bytes.

    Warnings are dropped; use :func:`render_with_warnings` to keep them.
    """
    return render_with_warnings(document, format, options)[0]


def render_with_warnings(document: Document, format: str,
                         options: Mapping[str, str] | None = None) -> tuple[bytes, list[Diagnostic]]:
    """Render a document to one format; return the bytes and the warnings.

    A document built by hand gets the core's character rule first, exactly as
    a document read from a file does.
    """
    document, cleaned = clean_document(document)
    settings = _checked(_settings([format], options=options))
    result = _render(ReadResult(document), registry().output(format), registry(), settings)
    return result.data.getvalue(), cleaned + result.warnings


def convert_file(path: str | Path, formats: Sequence[str], output: str | Path | None = None,
                 **settings) -> JobResult:
    """Convert one file to each format, writing outputs atomically.

    :param output: a folder, a file name (one format), or None for next to the input.
    :return: what happened; ``status`` is ``"failed"`` with ``error`` set
        when the input or a format failed (the other formats are still written).
    :raises ConvertError: an impossible request (unknown format, missing file).
    """
    if not formats:
        raise ConvertError("no output format given")
    source = expand_inputs([str(path)], ())
    planned = plan_jobs(source, [(name, registry().output(name)) for name in formats],
                        Path(output) if output is not None else None)
    return run_job(planned[0], _checked(_settings(formats, **settings)), registry())


def _checked(settings: Settings) -> Settings:
    """Settings whose formats, transforms and options the plugins accept.

    :raises UsageError: an unknown name, option or option value.
    """
    check_settings(registry(), settings)
    return settings
