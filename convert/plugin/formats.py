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
from typing import Any, BinaryIO, Callable, Mapping, Union

from convert.errors import Diagnostic, UsageError
from convert.model import Document
from convert.plugin.options import Option, check_declarations, option_value

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
    if not isinstance(name, str) or not _NAME.fullmatch(name):
        raise ValueError(f"format name {name!r} must be lower-case letters, digits, '-' or '_'")


def check_target(target: Any, what: str) -> None:
    """A callable, or a ``"module:function"`` string."""
    if not callable(target) and not (isinstance(target, str) and ":" in target):
        raise TypeError(f"{what} must be a callable or a 'module:function' string, got {target!r}")


def declare_options(item: Any, owner: str) -> None:
    """Check a frozen format's or transform's ``options`` and store them as a tuple."""
    object.__setattr__(item, "options", check_declarations(item.options, owner))


@dataclass(frozen=True)
class Context:
    """What a writer or a transform gets besides the document."""

    options: Mapping[str, str] = field(default_factory=dict)
    """The ``-O KEY=VALUE`` pairs for this writer or transform (only the keys it
    declares, already checked against its declarations)."""
    warn: Callable[[Diagnostic], None] = lambda diagnostic: None
    """Report something the user should know (a glyph the font lacks, ...);
    the core adds the plugin's name."""
    declared: tuple[Option, ...] = ()
    """The options the writer or transform declares (for :meth:`option`)."""

    def option(self, name: str) -> Any:
        """A declared option's value, converted to its type, or its default."""
        return option_value(self.options, self.declared, name)

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
    options: tuple[Option, ...] = ()
    """The ``-O`` options the writer takes; any other key is a usage error."""

    def __post_init__(self) -> None:
        check_name(self.name)
        if not isinstance(self.extension, str) or not self.extension.startswith(".") or len(self.extension) < 2:
            raise ValueError(f"extension {self.extension!r} must start with a dot")
        check_target(self.write, f"output format {self.name!r}: write")
        declare_options(self, f"output format {self.name!r}")

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
    """The ``-O KEY=VALUE`` pairs for this reader (only the keys it declares,
    checked), plus ``encoding`` from ``--encoding``."""
    declared: tuple[Option, ...] = ()
    """The options the reader declares (for :meth:`option`)."""

    def option(self, name: str) -> Any:
        """A declared option's value, converted to its type, or its default."""
        return option_value(self.options, self.declared, name)

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
    options: tuple[Option, ...] = ()
    """The ``-O`` options the reader takes (``encoding`` is always passed)."""

    def __post_init__(self) -> None:
        check_name(self.name)
        extensions = self.extensions
        if isinstance(extensions, str) or not all(
            isinstance(ext, str) and ext.startswith(".") and len(ext) > 1 for ext in extensions
        ):
            raise ValueError(f"input format {self.name!r}: extensions must be a tuple such as ('.txt',), "
                             f"got {extensions!r}")
        object.__setattr__(self, "extensions", tuple(ext.lower() for ext in extensions))
        check_target(self.read, f"input format {self.name!r}: read")
        declare_options(self, f"input format {self.name!r}")

    def reader(self) -> Reader:
        """The reader callable, imported if it was given by name."""
        return resolve(self.read)
