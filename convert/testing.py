"""Conformance kits for plugins: ready pytest checks, and the standard
documents every writer and transform must handle.

Subclass a kit in your plugin's tests and name what it tests; pytest then
runs the checks every plugin of that kind must pass (``docs/plugins.md``
lists them)::

    from convert.testing import ReaderConformance, TransformConformance, WriterConformance

    class TestMarkdownConformance(WriterConformance):
        format_name = "markdown"
        plugin = convert_text_markdown      # optional: the module, installed or not

        @staticmethod
        def extract_text(data: bytes) -> str:
            return data.decode("utf-8")

The writer kit renders the standard documents below (every node type, an
empty document, empty sections, hostile text, a large document) and checks
that the writer writes only to the stream it is given, identical bytes for
identical input, every declared option value, and, with an extractor, every
word of the document in order.  The reader kit reads your samples and hostile
bytes; the transform kit transforms the standard documents.  The kits live in
:mod:`convert.conformance`.
"""

from __future__ import annotations

from convert import api
from convert.model import Document
from convert.model.samples import CONTROL, HOSTILE, UNICODE, standard_documents

__all__ = [
    "CONTROL",
    "HOSTILE",
    "UNICODE",
    "ReaderConformance",
    "TransformConformance",
    "WriterConformance",
    "render_bytes",
    "standard_documents",
]


def render_bytes(format_name: str, document: Document, options: dict | None = None) -> bytes:
    """Render a document as the pipeline does (:func:`convert.api.render`): the
    core's cleaning rule, then the installed plugin providing ``format_name``."""
    return api.render(document, format_name, options)


DOCUMENTS = standard_documents()


_KITS = ("WriterConformance", "ReaderConformance", "TransformConformance", "first_missing_word")


def __getattr__(name: str):
    # the kits import this module for the standard documents: load them on first use
    if name in _KITS:
        import convert.conformance

        return getattr(convert.conformance, name)
    raise AttributeError(f"module 'convert.testing' has no attribute {name!r}")
