"""The IDM's JSON form: a document as ``{"schema", "version", "meta", "blocks"}``.

The form is described by ``convert/schemas/idm.schema.json`` and is stable
within a major version.  Serialising is deterministic (fixed key order, UTF-8,
two-space indentation, final newline), so reading a JSON file and writing it
again gives the same bytes.  Documents of version 1.x are upgraded on reading
(:mod:`convert.model.upgrade`); every document read is checked
(:mod:`convert.model.validate`) before anyone uses it.
"""

from __future__ import annotations

import json
import re
from typing import Any, Callable, Iterator

from convert.errors import InputError
from convert.model.nodes import (
    MODEL_MAJOR,
    MODEL_VERSION,
    SCHEMA_NAME,
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
)
from convert.model.json_text import iter_document
from convert.model.validate import MAX_DEPTH, ModelError, check_document


def schema_text(name: str = "idm") -> str:
    """The text of a JSON Schema shipped with the package (``idm`` or ``report``)."""
    from importlib import resources  # costs several ms; only --print-schema and tests need it

    return resources.files("convert").joinpath(f"schemas/{name}.schema.json").read_text("utf-8")


def dumps(document: Document) -> str:
    """Serialise a document to its JSON form."""
    return "".join(iter_dumps(document))


def iter_dumps(document: Document) -> Iterator[str]:
    """The text of :func:`dumps` in pieces (one per top-level block), for
    writers that stream a large document rather than hold its text twice."""
    return iter_document(_head(document), map(block_to_dict, document.blocks))


def to_dict(document: Document) -> dict[str, Any]:
    """The JSON-ready dictionary of a document."""
    return {**_head(document), "blocks": [block_to_dict(block) for block in document.blocks]}


def _head(document: Document) -> dict[str, Any]:
    """Every field of the JSON form before ``blocks``."""
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
    }


def _spans(spans) -> dict[str, Any]:
    # omitted when empty, so plain text reads as plainly as in 1.x
    return {"spans": [[s.start, s.end, s.kind, s.target] for s in spans]} if spans else {}


def _heading(block: Heading) -> dict[str, Any]:
    return {"type": "heading", "level": block.level, "number": block.number, "text": block.text, **_spans(block.spans)}


def _paragraph(block: Paragraph) -> dict[str, Any]:
    return {"type": "paragraph", "text": block.text, **_spans(block.spans)}


def _verbatim(block: Verbatim) -> dict[str, Any]:
    return {"type": "verbatim", "kind": block.kind, "language": block.language, "text": block.text}


def _line_block(block: LineBlock) -> dict[str, Any]:
    return {"type": "line-block", "text": block.text, **_spans(block.spans)}


def _list(block: ListBlock) -> dict[str, Any]:
    items = [
        {"marker": item.marker, "blocks": [block_to_dict(b) for b in item.blocks], "lines": list(item.lines)}
        for item in block.items
    ]
    return {"type": "list", "style": block.style, "start": block.start, "items": items}


def _quotation(block: Quotation) -> dict[str, Any]:
    blocks = [block_to_dict(b) for b in block.blocks]
    return {"type": "quotation", "attribution": block.attribution, "blocks": blocks}


def _table(block: Table) -> dict[str, Any]:
    def rows(rows):
        return [[{"text": cell.text, **_spans(cell.spans)} for cell in row] for row in rows]

    return {"type": "table", "align": list(block.align), "head": rows(block.head), "body": rows(block.body)}


def _scene_break(block: SceneBreak) -> dict[str, Any]:
    return {"type": "break"}


ENCODERS: dict[type, Callable[[Any], dict[str, Any]]] = {
    Heading: _heading,
    Paragraph: _paragraph,
    Verbatim: _verbatim,
    LineBlock: _line_block,
    ListBlock: _list,
    Quotation: _quotation,
    Table: _table,
    SceneBreak: _scene_break,
}
"""Block node type to the function giving its JSON form (without ``lines``)."""


def block_to_dict(block: Block) -> dict[str, Any]:
    """The JSON form of one block, ``lines`` last."""
    encoder = ENCODERS.get(type(block))
    if encoder is None:
        raise TypeError(f"no JSON form for {type(block).__name__}")
    return {**encoder(block), "lines": list(block.lines)}


def loads(text: str, source_name: str = "<json>") -> Document:
    """Parse the JSON form back into a document.

    :raises InputError: not JSON, not a convert-idm document, another major
        version, or a malformed document (one line naming the node and field).
    """
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(f"{source_name}: not valid JSON: {error}") from None
    except RecursionError:
        raise InputError(f"{source_name}: JSON nested too deeply") from None
    if not isinstance(data, dict) or data.get("schema") != SCHEMA_NAME:
        raise InputError(f"{source_name}: not a {SCHEMA_NAME} document (no \"schema\": \"{SCHEMA_NAME}\")")
    version = str(data.get("version", ""))
    major = version.split(".")[0]
    if major == "1" and re.fullmatch(r"1\.\d+\.\d+", version):
        from convert.model.upgrade import upgrade_v1

        data = upgrade_v1(data)
    elif not major.isdigit() or int(major) != MODEL_MAJOR:
        raise InputError(
            f"{source_name}: {SCHEMA_NAME} version {version or '?'} is not supported "
            f"(this convert reads 1.x and {MODEL_MAJOR}.x); convert it with a matching version"
        )
    try:
        document = from_dict(data)
        check_document(document)
    except ModelError as error:
        raise InputError(f"{source_name}: malformed {SCHEMA_NAME} document: {error}") from None
    return document


def from_dict(data: dict[str, Any]) -> Document:
    """Build a document from its JSON-ready dictionary (of this major version).

    Values are taken as they are, not converted: :func:`check_document` then
    finds any of the wrong type.  A missing field or an unknown block type
    raises :class:`ModelError` naming it.
    """
    meta = _field(data, "meta", "document", dict)
    title_lines = meta.get("title_lines")
    extra = _field(meta, "extra", "meta", dict, {})
    document = Document(
        Meta(
            title=_field(meta, "title", "meta"),
            language=meta.get("language", "en"),
            authors=_tuple(_field(meta, "authors", "meta", list, [])),
            source_name=meta.get("source_name", ""),
            source_sha256=meta.get("source_sha256", ""),
            modified=meta.get("modified", ""),
            title_lines=_tuple(title_lines) if title_lines is not None else None,
            extra=tuple(sorted(extra.items(), key=lambda pair: str(pair[0]))),
        ),
        _blocks(_field(data, "blocks", "document", list), "blocks", 0),
    )
    return document


def _field(data: dict, key: str, where: str, kind: type | None = None, default: Any = ...) -> Any:
    if key not in data:
        if default is not ...:
            return default
        raise ModelError(f"{where}: missing field {key!r}")
    value = data[key]
    if kind is not None and not isinstance(value, kind):
        raise ModelError(f"{where}.{key}: expected {_KIND_NAMES[kind]}, got {type(value).__name__}")
    return value


_KIND_NAMES = {dict: "an object", list: "an array", str: "text", int: "a number"}


def _tuple(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


def _blocks(items: list, where: str, depth: int) -> tuple[Block, ...]:
    if depth > MAX_DEPTH:
        raise ModelError(f"{where}: lists and quotations nested deeper than {MAX_DEPTH} levels")
    return tuple(_block(item, f"{where}[{i}]", depth) for i, item in enumerate(items))


def _span_tuple(data: dict, where: str) -> tuple[Span, ...]:
    spans = []
    for i, span in enumerate(_field(data, "spans", where, list, [])):
        if not (isinstance(span, list) and len(span) == 4):
            raise ModelError(f"{where}.spans[{i}]: expected [start, end, kind, target]")
        spans.append(Span(*span))
    return tuple(spans)


def _block(data: Any, where: str, depth: int) -> Block:
    if not isinstance(data, dict):
        raise ModelError(f"{where}: expected an object, got {type(data).__name__}")
    kind = _field(data, "type", where, str)
    decoder = DECODERS.get(kind)
    if decoder is None:
        raise ModelError(f"{where}.type: unknown block type {kind!r:.40}")
    where = f"{where} ({kind})"
    lines = _tuple(_field(data, "lines", where, list))
    return decoder(data, where, depth, lines)


def _decode_heading(data: dict, where: str, depth: int, lines) -> Heading:
    return Heading(
        _field(data, "level", where), _field(data, "text", where), data.get("number"), lines, _span_tuple(data, where)
    )


def _decode_paragraph(data: dict, where: str, depth: int, lines) -> Paragraph:
    return Paragraph(_field(data, "text", where), lines, _span_tuple(data, where))


def _decode_verbatim(data: dict, where: str, depth: int, lines) -> Verbatim:
    return Verbatim(_field(data, "text", where), data.get("kind"), data.get("language"), lines)


def _decode_line_block(data: dict, where: str, depth: int, lines) -> LineBlock:
    return LineBlock(_field(data, "text", where), lines, _span_tuple(data, where))


def _decode_list(data: dict, where: str, depth: int, lines) -> ListBlock:
    items = []
    for i, item in enumerate(_field(data, "items", where, list)):
        at = f"{where}.items[{i}]"
        if not isinstance(item, dict):
            raise ModelError(f"{at}: expected an object, got {type(item).__name__}")
        blocks = _blocks(_field(item, "blocks", at, list), f"{at}.blocks", depth + 1)
        items.append(ListItem(blocks, item.get("marker"), _tuple(_field(item, "lines", at, list))))
    return ListBlock(_field(data, "style", where), tuple(items), data.get("start", 1), lines)


def _decode_quotation(data: dict, where: str, depth: int, lines) -> Quotation:
    blocks = _blocks(_field(data, "blocks", where, list), f"{where}.blocks", depth + 1)
    return Quotation(blocks, data.get("attribution"), lines)


def _decode_table(data: dict, where: str, depth: int, lines) -> Table:
    def rows(part: str):
        decoded = []
        for r, row in enumerate(_field(data, part, where, list)):
            at = f"{where}.{part}[{r}]"
            if not isinstance(row, list):
                raise ModelError(f"{at}: expected an array of cells")
            cells = []
            for c, cell in enumerate(row):
                if not isinstance(cell, dict):
                    raise ModelError(f"{at}[{c}]: expected an object, got {type(cell).__name__}")
                cells.append(Cell(_field(cell, "text", f"{at}[{c}]"), _span_tuple(cell, f"{at}[{c}]")))
            decoded.append(tuple(cells))
        return tuple(decoded)

    return Table(rows("head"), rows("body"), _tuple(_field(data, "align", where, list, [])), lines)


def _decode_break(data: dict, where: str, depth: int, lines) -> SceneBreak:
    return SceneBreak(lines)


DECODERS: dict[str, Callable[[dict, str, int, Any], Block]] = {
    "heading": _decode_heading,
    "paragraph": _decode_paragraph,
    "verbatim": _decode_verbatim,
    "line-block": _decode_line_block,
    "list": _decode_list,
    "quotation": _decode_quotation,
    "table": _decode_table,
    "break": _decode_break,
}
"""JSON block type to the function building the node."""
