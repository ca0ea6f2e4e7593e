"""The text of the JSON form: ``json.dumps(indent=2, ensure_ascii=False)``
with two-number pairs (``"lines": [3, 3]``) and spans (``[0, 4, "link",
"https://…"]``) kept on one line.

``json.dumps`` with an indent runs the pure-Python encoder and the one-line
rules were regular expressions over its whole output: several copies of a
large document's text at once.  Here the same bytes are built directly,
strings escaped by the C encoder, one top-level block at a time, so a
writer can stream them.
"""

from __future__ import annotations

import json
from typing import Any, Iterator

_string = json.encoder.encode_basestring  # the C escaper json.dumps(ensure_ascii=False) uses
_SPAN_KIND = frozenset("abcdefghijklmnopqrstuvwxyz-")
_INDENT = "  "


def _is_count(value: Any) -> bool:
    """A number printed as digits only: the one-line rules apply to it."""
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _one_line(items: list | tuple) -> str | None:
    """The one-line form of a pair of counts or of a span, else None."""
    if len(items) == 2 and _is_count(items[0]) and _is_count(items[1]):
        return f"[{int.__repr__(items[0])}, {int.__repr__(items[1])}]"
    if (len(items) == 4 and _is_count(items[0]) and _is_count(items[1])
            and isinstance(items[2], str) and items[2] and _SPAN_KIND.issuperset(items[2])
            and (items[3] is None or isinstance(items[3], str))):
        target = "null" if items[3] is None else _string(items[3])
        return f"[{int.__repr__(items[0])}, {int.__repr__(items[1])}, {_string(items[2])}, {target}]"
    return None


def _float(value: float) -> str:
    if value != value:
        return "NaN"
    if value in (float("inf"), float("-inf")):
        return "Infinity" if value > 0 else "-Infinity"
    return float.__repr__(value)


def _key(key: Any) -> str:
    """A dictionary key as ``json.dumps`` turns it into text."""
    if isinstance(key, str):
        return key
    if isinstance(key, float):
        return _float(key)
    if key is True or key is False or key is None:
        return json.dumps(key)
    if isinstance(key, int):
        return int.__repr__(key)
    raise TypeError(f"keys must be str, int, float, bool or None, not {type(key).__name__}")


def encode(value: Any, depth: int = 0) -> str:
    """The indented JSON text of a value, its first line not indented, as if
    it stood ``depth`` levels deep.  Values are taken in ``json.dumps``'s
    order (a tuple is a list; an ``int`` subclass is a number).

    :raises TypeError: a value JSON has no form for, as ``json.dumps`` raises it.
    """
    if isinstance(value, str):
        return _string(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float):
        return _float(value)
    inner = "\n" + _INDENT * (depth + 1)
    if isinstance(value, (list, tuple)):
        if not value:
            return "[]"
        short = _one_line(value)
        if short is not None:
            return short
        items = ("," + inner).join(encode(item, depth + 1) for item in value)
        return "[" + inner + items + "\n" + _INDENT * depth + "]"
    if isinstance(value, dict):
        if not value:
            return "{}"
        parts = [f"{_string(_key(key))}: {encode(item, depth + 1)}" for key, item in value.items()]
        return "{" + inner + ("," + inner).join(parts) + "\n" + _INDENT * depth + "}"
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def iter_document(head: dict[str, Any], blocks: Iterator[dict[str, Any]]) -> Iterator[str]:
    """The text of a document's JSON form in pieces: ``head`` (every field but
    ``blocks``), then each block's dictionary, then the closing lines.
    """
    parts = [f"{_string(_key(key))}: {encode(item, 1)}" for key, item in head.items()]
    yield "{\n  " + ",\n  ".join(parts) + ',\n  "blocks": '
    first = True
    for block in blocks:
        yield ("[\n    " if first else ",\n    ") + encode(block, 2)
        first = False
    yield "[]\n}\n" if first else "\n  ]\n}\n"
