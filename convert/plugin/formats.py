"""The plugin contract: what a plugin registers, and what its callables receive.

A plugin registers :class:`OutputFormat` and :class:`InputFormat` objects
through the hooks in :mod:`convert.plugin.hookspecs`.  Their ``write``/``read``
callables may be given as ``"package.module:function"`` strings, so that a
plugin's heavy library is imported only when its format is actually used.
"""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass, field
from typing import BinaryIO, Callable, Mapping, Union

from convert.errors import Diagnostic, UsageError
from convert.model import Document

Writer = Callable[[Document, BinaryIO, "Context"], None]
"""Renders a document into a binary stream."""
Reader = Callable[[bytes, "ReadContext"], "ReadResult"]
"""Parses a source's bytes into a document."""

_NAME = re.compile(r"[a-z][a-z0-9_-]*")


def resolve(target: Union[Callable, str]) -> Callable:
    """Return ``target`` itself, or import it from a ``"module:attribute"`` string."""
    if callable(target):
        return target
    module_name, _, attribute = target.partition(":")
    return getattr(importlib.import_module(module_name), attribute)


def check_name(name: str) -> None:
    if not _NAME.fullmatch(name):
        raise ValueError(f"format name {name!r} must be lower-case letters, digits, '-' or '_'")


@dataclass(frozen=True)
class Context:
    """What a writer or a transform gets besides the document."""

    options: Mapping[str, str] = field(default_factory=dict)
    """Options from ``--option KEY=VALUE`` (e.g. ``page_size=letter``)."""
    warn: Callable[[Diagnostic], None] = lambda diagnostic: None
    """Report something the reader should know (a glyph the font lacks, ...)."""

    def warning(self, code: str, message: str, line: int | None = None) -> None:
        """Shorthand for ``warn(Diagnostic(code, message, line))``."""
        self.warn(Diagnostic(code, message, line))

    def choice(self, key: str, choices: tuple[str, ...], default: str) -> str:
        """An option that must be one of ``choices`` (case-insensitive).

        :raises UsageError: any other value, naming the valid ones.
        """
        value = self.options.get(key, default).strip().lower()
        if value not in choices:
            raise UsageError(f"--option {key}={value!r} is not one of: {', '.join(choices)}")
        return value


@dataclass(frozen=True)
class OutputFormat:
    """An output format a plugin provides."""

    name: str
    """Short name used with ``--to`` (lower case: ``epub``)."""
    extension: str
    """File-name extension with its dot (``.epub``)."""
    media_type: str
    """IANA media type (``application/epub+zip``)."""
    description: str
    """One line for ``--list-formats``."""
    write: Union[Writer, str]
    """The writer, or ``"module:function"`` to import it on first use."""

    def __post_init__(self) -> None:
        check_name(self.name)
        if not self.extension.startswith("."):
            raise ValueError(f"extension {self.extension!r} must start with a dot")

    def writer(self) -> Writer:
        """The writer callable, imported if it was given by name."""
        return resolve(self.write)


@dataclass(frozen=True)
class ReadContext:
    """What a reader gets besides the source's bytes."""

    source_name: str
    """The source's file name, for messages and metadata."""
    sha256: str = ""
    """Hex SHA-256 of the source's bytes."""
    modified: str = ""
    """ISO 8601 UTC date to record: ``SOURCE_DATE_EPOCH`` or the file's mtime."""
    options: Mapping[str, str] = field(default_factory=dict)
    """Reader options (``encoding``, ``paragraphs``, ``language``, ...)."""

    @property
    def fallback_title(self) -> str:
        """The file name's stem made readable: ``my_notes-2`` gives ``My notes 2``."""
        stem = self.source_name.rsplit(".", 1)[0] if "." in self.source_name else self.source_name
        words = " ".join(stem.replace("_", " ").replace("-", " ").split())
        return (words[:1].upper() + words[1:]) if words else "Untitled"


@dataclass(frozen=True)
class ReadResult:
    """A reader's document and what it has to say about it."""

    document: Document
    warnings: list[Diagnostic] = field(default_factory=list)
    """Things a user should know (gaps in numbering, repaired characters)."""
    notes: list[Diagnostic] = field(default_factory=list)
    """Decisions and their reasons, shown by ``--inspect``."""


@dataclass(frozen=True)
class InputFormat:
    """An input format a plugin provides."""

    name: str
    """Short name used with ``--from`` (``text``)."""
    extensions: tuple[str, ...]
    """File-name extensions it claims, with their dots (``(".txt",)``)."""
    description: str
    """One line for ``--list-formats``."""
    read: Union[Reader, str]
    """The reader, or ``"module:function"`` to import it on first use."""

    def __post_init__(self) -> None:
        check_name(self.name)

    def reader(self) -> Reader:
        """The reader callable, imported if it was given by name."""
        return resolve(self.read)
