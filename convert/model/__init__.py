"""The intermediate document model (IDM) and what derives from it.

``nodes`` defines the closed set of node types every reader produces and every
writer consumes; ``walk`` derives views (sections, text) from a document;
``json_form`` is its versioned JSON form; ``languages`` holds facts about
language tags that every writer needs the same way.  The node types are
re-exported here, so ``from convert.model import Heading`` is the import path.
"""

from convert.model.nodes import (
    SCHEMA_NAME,
    MODEL_VERSION,
    MODEL_MAJOR,
    Lines,
    Heading,
    Paragraph,
    ListItem,
    ListBlock,
    SceneBreak,
    Block,
    BLOCK_TYPES,
    Meta,
    Document,
)

__all__ = [
    "SCHEMA_NAME",
    "MODEL_VERSION",
    "MODEL_MAJOR",
    "Lines",
    "Heading",
    "Paragraph",
    "ListItem",
    "ListBlock",
    "SceneBreak",
    "Block",
    "BLOCK_TYPES",
    "Meta",
    "Document",
]
