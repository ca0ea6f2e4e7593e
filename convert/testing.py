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

import dataclasses

from convert import api
from convert.model import Document, Heading, ListBlock, ListItem, Meta, Paragraph, SceneBreak

_META = Meta(
    title="Conformance “test” – document",
    language="en",
    authors=("A. Writer",),
    source_name="conformance.txt",
    source_sha256="0" * 64,
    modified="2026-01-01T00:00:00Z",
)
HOSTILE = (
    "<script>alert(1)</script> &amp; & ]]> <!-- x --> <b>b</b> {{ x }} %s a<b \\ *stars* _under_ `tick` "
    "# hash [link](x) | pipe"
)
CONTROL = "NUL\x00 form\x0cfeed escape\x1b noncharacter\ufffe lone\ud800surrogate"
UNICODE = "Emoji 😀 𝄞, combining e\u0301, Arabic مرحبا, Hebrew שלום, CJK 漢字, Turkish İğçÖ, € – — ‘ ’ “ ” …, tab\there"


def _lines(n: int) -> tuple[int, int]:
    return (n, n)


def standard_documents() -> dict[str, Document]:
    """The documents every writer must handle, by name."""
    every_node = (
        Paragraph("Opening paragraph before any heading.", _lines(2)),
        Heading(1, "First section", "1.", _lines(3)),
        Paragraph("A paragraph.", _lines(4)),
        ListBlock(False, (ListItem("bullet one", _lines(5)), ListItem("bullet two", _lines(6))), (5, 6)),
        SceneBreak(_lines(7)),
        ListBlock(True, (ListItem("first", _lines(8)), ListItem("second", _lines(9))), (8, 9)),
        Heading(2, "Sub-section", "1.1", _lines(10)),
        Paragraph("Last words.", _lines(11)),
    )
    empty_sections = (
        Heading(1, "Empty one", None, _lines(2)),
        Heading(1, "Empty one", None, _lines(3)),  # same text twice: anchors must stay unique
        Heading(3, "Deep and empty", None, _lines(4)),
    )
    hostile = (
        Heading(1, HOSTILE, "1.", _lines(2)),
        Paragraph(HOSTILE, _lines(3)),
        Paragraph(UNICODE, _lines(4)),
        Paragraph(CONTROL, _lines(7)),
        ListBlock(False, (ListItem(HOSTILE, _lines(5)), ListItem(UNICODE, _lines(6))), (5, 6)),
    )
    large = tuple(
        block
        for n in range(1, 101)
        for block in (
            Heading(1, f"Chapter {n}", f"{n}.", _lines(n * 12)),
            *(Paragraph(f"Paragraph {k} of chapter {n}. " * 4, _lines(n * 12 + k)) for k in range(1, 11)),
            SceneBreak(_lines(n * 12 + 11)),
        )
    )
    return {
        "every-node-type": Document(_META, every_node),
        "empty": Document(_META, ()),
        "empty-sections": Document(_META, empty_sections),
        "hostile-text": Document(dataclasses.replace(_META, title=HOSTILE), hostile),
        "large": Document(_META, large),
    }


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
