"""Reading documents written by an older major version of the model.

Version 1.x lists were ``{"ordered": bool, "items": [{"text", "lines"}]}``;
in 2.0 a list has a ``style`` and a ``start``, and each item holds blocks and
its marker.  Everything else 1.x had is unchanged in 2.0.
"""

from __future__ import annotations

from typing import Any


def upgrade_v1(data: dict[str, Any]) -> dict[str, Any]:
    """The 2.0 form of a 1.x document (the input is not changed)."""
    blocks = data.get("blocks")
    if not isinstance(blocks, list):
        return data  # the 2.0 reader names what is missing
    return {**data, "blocks": [_block(block) for block in blocks]}


def _block(block: Any) -> Any:
    if not (isinstance(block, dict) and block.get("type") == "list" and "style" not in block):
        return block
    items = block.get("items")
    if not isinstance(items, list):
        return block
    upgraded = {key: value for key, value in block.items() if key not in ("ordered", "items")}
    upgraded["style"] = "decimal" if block.get("ordered") else "bullet"
    upgraded["start"] = 1
    upgraded["items"] = [_item(item) for item in items]
    return upgraded


def _item(item: Any) -> Any:
    if not isinstance(item, dict) or "text" not in item:
        return item
    lines = item.get("lines")
    paragraph = {"type": "paragraph", "text": item["text"], "lines": lines}
    return {"marker": None, "blocks": [paragraph], "lines": lines}
