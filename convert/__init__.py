"""convert: faithful, valid, reproducible conversion of plain-text documents.

The public API: the document model, the plugin contract and ``hookimpl``, the
library functions (``read_file``, ``render``, ...), and the plugin author's
toolkit (``decode_source``, ``clean_text``, ``is_right_to_left``,
``parse_heading_number``, ``iter_sections``), documented in docs/plugins.md.
"""

from __future__ import annotations

from convert.errors import ConvertError, Diagnostic, InputError, UsageError
from convert.plugin.formats import Context, InputFormat, OutputFormat, ReadContext, ReadResult
from convert.plugin.options import Option
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
_TOOLKIT = {
    # pluggy is needed to load plugins, not to print help or import the model
    "hookimpl": "convert.plugin.hookspecs",
    "decode_source": "convert.plugin.toolkit",
    "clean_text": "convert.text.cleaning",
    "is_right_to_left": "convert.model.languages",
    "parse_heading_number": "convert.text.headings",
    "NumberedHeading": "convert.text.headings",
    "iter_sections": "convert.model.walk",
    "Section": "convert.model.walk",
}


def __getattr__(name: str):
    # the library API pulls in the pipeline, and the toolkit modules are only
    # for plugins: import them when asked for, so `import convert` stays light
    if name in _API:
        from convert import api

        return getattr(api, name)
    if name in _TOOLKIT:
        import importlib

        return getattr(importlib.import_module(_TOOLKIT[name]), name)
    raise AttributeError(f"module 'convert' has no attribute {name!r}")


__all__ = [
    "BLOCK_TYPES",
    "Block",
    "Cell",
    "Context",
    "ConvertError",
    "Diagnostic",
    "Document",
    "Heading",
    "InputError",
    "InputFormat",
    "LIST_STYLES",
    "LineBlock",
    "ListBlock",
    "ListItem",
    "MODEL_MAJOR",
    "MODEL_VERSION",
    "Meta",
    "NumberedHeading",
    "Option",
    "OutputFormat",
    "Paragraph",
    "Quotation",
    "ReadContext",
    "ReadResult",
    "SPAN_KINDS",
    "SceneBreak",
    "Section",
    "Span",
    "Table",
    "Transform",
    "UsageError",
    "Verbatim",
    "clean_text",
    "convert_file",
    "decode_source",
    "hookimpl",
    "is_right_to_left",
    "iter_sections",
    "paragraph_item",
    "parse_heading_number",
    "read_bytes",
    "read_file",
    "render",
    "render_with_warnings",
    "__version__",
]
