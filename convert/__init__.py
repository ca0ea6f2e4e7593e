"""convert: faithful, valid, reproducible conversion of plain-text documents.

The public API: the document model, the plugin contract and ``hookimpl``.
"""

from __future__ import annotations

from convert.plugin.formats import Context, InputFormat, OutputFormat, ReadContext, ReadResult
from convert.plugin.hookspecs import hookimpl
from convert.model import (
    BLOCK_TYPES,
    LIST_STYLES,
    MODEL_MAJOR,
    MODEL_VERSION,
    SPAN_KINDS,
    Block,
    Cell,
    Document,
    Heading,
    LineBlock,
    ListBlock,
    ListItem,
    Meta,
    Paragraph,
    Quotation,
    SceneBreak,
    Span,
    Table,
    Verbatim,
    paragraph_item,
)
from convert.plugin.transforms import Transform

__version__ = "0.1.0"

_API = ("read_file", "read_bytes", "render", "render_with_warnings", "convert_file")


def __getattr__(name: str):
    # the library API pulls in the pipeline; import it only when asked for
    if name in _API:
        from convert import api

        return getattr(api, name)
    raise AttributeError(f"module 'convert' has no attribute {name!r}")


__all__ = [
    "BLOCK_TYPES",
    "LIST_STYLES",
    "MODEL_MAJOR",
    "MODEL_VERSION",
    "SPAN_KINDS",
    "Block",
    "Cell",
    "Context",
    "Document",
    "Heading",
    "LineBlock",
    "InputFormat",
    "ListBlock",
    "ListItem",
    "Meta",
    "OutputFormat",
    "Paragraph",
    "Quotation",
    "ReadContext",
    "ReadResult",
    "SceneBreak",
    "Span",
    "Table",
    "Transform",
    "Verbatim",
    "__version__",
    "convert_file",
    "hookimpl",
    "paragraph_item",
    "read_bytes",
    "read_file",
    "render",
    "render_with_warnings",
]
