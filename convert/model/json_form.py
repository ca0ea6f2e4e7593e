"""The IDM's JSON form: a document as ``{"schema", "version", "meta", "blocks"}``.

The form is described by ``convert/schemas/idm.schema.json`` and is stable
within a major version.  Serialising is deterministic (fixed key order, UTF-8,
two-space indentation, final newline), so reading a JSON file and writing it
again gives the same bytes.
"""

from __future__ import annotations

import json
import re
from importlib import resources
from typing import Any, Callable

from convert.errors import InputError
from convert.model import (
    MODEL_MAJOR,
    MODEL_VERSION,
    SCHEMA_NAME,
    Block,
    Document,
    Heading,
    ListBlock,
    ListItem,
    Meta,
    Paragraph,
    SceneBreak,
)

_PAIR = re.compile(r"\[\n\s*(\d+),\n\s*(\d+)\n\s*\]")


def schema_text(name: str = "idm") -> str:
    """The text of a JSON Schema shipped with the package (``idm`` or ``report``)."""
    return resources.files("convert").joinpath(f"schemas/{name}.schema.json").read_text("utf-8")


def dumps(document: Document) -> str:
    """Serialise a document to its JSON form."""
    text = json.dumps(to_dict(document), ensure_ascii=False, indent=2)
    return _PAIR.sub(r"[\1, \2]", text) + "\n"  # keep "lines": [3, 3] on one line


def to_dict(document: Document) -> dict[str, Any]:
    """The JSON-ready dictionary of a document."""
    meta = document.meta
    return {
        "schema": SCHEMA_NAME,
        "version": MODEL_VERSION,
        "meta": {
            "title": meta.title,
            "language": meta.language,
            "authors": list(meta.authors),
            "source_name": meta.source_name,
            "source_sha256": meta.source_sha256,
            "modified": meta.modified,
            "title_lines": list(meta.title_lines) if meta.title_lines else None,
            "extra": dict(meta.extra),
        },
        "blocks": [_block_to_dict(block) for block in document.blocks],
    }


def _heading(block: Heading) -> dict[str, Any]:
    return {"type": "heading", "level": block.level, "number": block.number, "text": block.text}


def _paragraph(block: Paragraph) -> dict[str, Any]:
    return {"type": "paragraph", "text": block.text}


def _list(block: ListBlock) -> dict[str, Any]:
    items = [{"text": item.text, "lines": list(item.lines)} for item in block.items]
    return {"type": "list", "ordered": block.ordered, "items": items}


def _scene_break(block: SceneBreak) -> dict[str, Any]:
    return {"type": "break"}


ENCODERS: dict[type, Callable[[Any], dict[str, Any]]] = {
    Heading: _heading,
    Paragraph: _paragraph,
    ListBlock: _list,
    SceneBreak: _scene_break,
}
"""Block node type to the function giving its JSON form (without ``lines``)."""


def _block_to_dict(block: Block) -> dict[str, Any]:
    encoder = ENCODERS.get(type(block))
    if encoder is None:
        raise TypeError(f"no JSON form for {type(block).__name__}")
    return {**encoder(block), "lines": list(block.lines)}


def loads(text: str, source_name: str = "<json>") -> Document:
    """Parse the JSON form back into a document.

    :raises InputError: not JSON, not a convert-idm document, a newer major
        version, or a malformed document.
    """
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(f"{source_name}: not valid JSON: {error}") from None
    if not isinstance(data, dict) or data.get("schema") != SCHEMA_NAME:
        raise InputError(f"{source_name}: not a {SCHEMA_NAME} document (no \"schema\": \"{SCHEMA_NAME}\")")
    version = str(data.get("version", ""))
    major = version.split(".")[0]
    if not major.isdigit() or int(major) != MODEL_MAJOR:
        raise InputError(
            f"{source_name}: {SCHEMA_NAME} version {version or '?'} is not supported "
            f"(this convert reads {MODEL_MAJOR}.x); convert it with a matching version"
        )
    try:
        return from_dict(data)
    except (KeyError, TypeError, ValueError) as error:
        raise InputError(f"{source_name}: malformed {SCHEMA_NAME} document: {error!r}") from None


def from_dict(data: dict[str, Any]) -> Document:
    """Build a document from its JSON-ready dictionary."""
    meta = data["meta"]
    title_lines = meta.get("title_lines")
    return Document(
        Meta(
            title=str(meta["title"]),
            language=str(meta.get("language") or "en"),
            authors=tuple(str(author) for author in meta.get("authors", ())),
            source_name=str(meta.get("source_name", "")),
            source_sha256=str(meta.get("source_sha256", "")),
            modified=str(meta.get("modified", "")),
            title_lines=_lines(title_lines) if title_lines else None,
            extra=tuple(sorted((str(k), str(v)) for k, v in meta.get("extra", {}).items())),
        ),
        tuple(_block_from_dict(block) for block in data["blocks"]),
    )


def _lines(value: Any) -> tuple[int, int]:
    first, last = value
    return int(first), int(last)


def _block_from_dict(data: dict[str, Any]) -> Block:
    kind, lines = data["type"], _lines(data["lines"])
    if kind == "heading":
        number = data.get("number")
        return Heading(int(data["level"]), str(data["text"]), None if number is None else str(number), lines)
    if kind == "paragraph":
        return Paragraph(str(data["text"]), lines)
    if kind == "list":
        items = tuple(ListItem(str(item["text"]), _lines(item["lines"])) for item in data["items"])
        return ListBlock(bool(data["ordered"]), items, lines)
    if kind == "break":
        return SceneBreak(lines)
    raise ValueError(f"unknown block type {kind!r}")
