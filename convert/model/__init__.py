"""The intermediate document model (IDM) and what derives from it.

``nodes`` defines the closed set of node types every reader produces and every
writer consumes; ``walk`` derives views (sections, text) from a document;
``json_form`` is its versioned JSON form; ``languages`` holds facts about
language tags that every writer needs the same way; ``validate`` checks a
document from outside (JSON, plugins) against the model's promises;
``upgrade`` reads documents of an older major version.  The node types are
re-exported here, so ``from convert.model import Heading`` is the import path.
"""

from convert.model.nodes import (
    ALIGNMENTS,
    BLOCK_TYPES,
    Block,
    Cell,
    Document,
    Heading,
    LIST_STYLES,
    LineBlock,
    Lines,
    ListBlock,
    ListItem,
    MODEL_MAJOR,
    MODEL_VERSION,
    Meta,
    Paragraph,
    Quotation,
    Row,
    SCHEMA_NAME,
    SPAN_KINDS,
    SceneBreak,
    Span,
    Spans,
    Table,
    Verbatim,
    paragraph_item,
)

__all__ = [
    "ALIGNMENTS",
    "BLOCK_TYPES",
    "Block",
    "Cell",
    "Document",
    "Heading",
    "LIST_STYLES",
    "LineBlock",
    "Lines",
    "ListBlock",
    "ListItem",
    "MODEL_MAJOR",
    "MODEL_VERSION",
    "Meta",
    "Paragraph",
    "Quotation",
    "Row",
    "SCHEMA_NAME",
    "SPAN_KINDS",
    "SceneBreak",
    "Span",
    "Spans",
    "Table",
    "Verbatim",
    "paragraph_item",
]
