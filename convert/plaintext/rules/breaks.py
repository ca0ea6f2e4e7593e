"""Scene breaks: a line of three or more of one mark (``*****``, ``* * *``,
``---``, ``~~~``), ``⁂`` or ``❧``, or a lone ``%`` (the separator of fortune
files)."""

from __future__ import annotations

from convert.model import SceneBreak
from convert.plaintext.lines import Kind
from convert.plaintext.state import Found, State


def scene_break(state: State, position: int) -> Found | None:
    line = state.lines[position]
    if line.kind is not Kind.BREAK:
        return None
    return Found([SceneBreak((line.number, line.number))], position + 1, f"scene break: the line {line.text!r}")
