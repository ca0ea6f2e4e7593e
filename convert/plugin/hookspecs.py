"""The hook specifications: the whole public plugin API of ``convert``.

A plugin is a module listed under the ``convert.plugins`` entry-point group.
It implements any of the hooks below with ``@convert.hookimpl`` and declares
the major version of the document model it was written for::

    # my_plugin.py
    from convert import OutputFormat, hookimpl

    MODEL_MAJOR = 2

    @hookimpl
    def register_output_formats(register):
        register(OutputFormat("title", ".title", "text/plain", "The title alone", write="my_plugin.writer:write"))

Every hook receives a ``register`` callable instead of returning values, so
one plugin can register several things and new keyword arguments can be added
later without breaking it.  What each registered callable returns is checked
(:mod:`convert.plugin.contracts`).  ``docs/plugins.md`` documents each hook
with a complete example.
"""

from __future__ import annotations

from typing import Callable

import pluggy

PROJECT = "convert"
hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)
"""Marker for hook implementations: ``@hookimpl def register_output_formats(register): ...``"""


@hookspec
def register_output_formats(register: Callable[..., None]) -> None:
    """Contribute output formats.

    Called once, when plugins are loaded.  Call ``register`` once per format
    with a :class:`convert.OutputFormat`; its ``write(document, stream,
    context)`` callable renders a :class:`convert.Document` into a binary
    stream and may report warnings through ``context.warn``.

    :param register: ``register(OutputFormat(...))``.
    :return: nothing; what counts is what was registered.

    Example::

        @hookimpl
        def register_output_formats(register):
            register(OutputFormat(
                name="markdown", extension=".md", media_type="text/markdown",
                description="CommonMark text", write="convert_text_markdown.writer:write",
            ))
    """


@hookspec
def register_input_formats(register: Callable[..., None]) -> None:
    """Contribute input formats (readers).

    Called once, when plugins are loaded.  Call ``register`` once per format
    with a :class:`convert.InputFormat`; its ``read(data, context)`` callable
    turns a source's bytes into a :class:`convert.ReadResult`.  The input
    format of a file is chosen by ``--from`` or by its extension.

    :param register: ``register(InputFormat(...))``.
    :return: nothing.

    Example::

        @hookimpl
        def register_input_formats(register):
            register(InputFormat(
                name="text", extensions=(".txt",), description="Plain text",
                read="convert.plaintext:read_plain_text",
            ))
    """


@hookspec
def register_transforms(register: Callable[..., None]) -> None:
    """Contribute document transforms, run after reading and before writing.

    Called once, when plugins are loaded.  Call ``register`` once per
    transform with a :class:`convert.Transform`.  A transform takes a
    :class:`convert.Document` and a :class:`convert.Context` and
    returns a new document (documents are immutable); it runs only when the
    user asks for it with ``--transform NAME``.

    :param register: ``register(Transform(...))``.
    :return: nothing.

    Example::

        @hookimpl
        def register_transforms(register):
            register(Transform("uppercase-title", "Upper-case the title", apply=shout))
    """
