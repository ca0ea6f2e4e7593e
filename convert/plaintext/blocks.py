"""Step 3 of the plain-text grammar: turn units into blocks.

Each rule is a small function; :func:`build_blocks` walks the units once and
records, for every heading, list and break, *why* it became one, so that
``convert FILE --inspect`` can show it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from convert.errors import Diagnostic
from convert.model import Block, Heading, ListBlock, Paragraph, SceneBreak, paragraph_item
from convert.plaintext.lines import Kind
from convert.plaintext.units import Style, Unit

HEADLINE_MAX = 200
"""A numbered line longer than this is prose, not a headline."""

_LIST_KINDS = {Kind.BULLET: False, Kind.ORDERED: True, Kind.NUMBERED: True}
_TITLE_MAX = 100
_NON_TITLE_ENDINGS = (".", ",", ";")


@dataclass
class Built:
    """What the block rules produced."""

    blocks: list[Block] = field(default_factory=list)
    warnings: list[Diagnostic] = field(default_factory=list)
    reasons: list[Diagnostic] = field(default_factory=list)

    def add(self, block: Block, why: str | None = None) -> None:
        self.blocks.append(block)
        if why:
            self.reasons.append(Diagnostic("rule", why, block.lines[0], "info"))


def find_title(units: list[Unit], style: Style) -> Unit | None:
    """The first unit, when it stands apart as a title.

    It must be a single line of text (or an all-caps line) of at most 100
    characters, not ending like a sentence (``.``, ``,``, ``;``), followed by
    more content; in wrapped text it must also stand alone between blank lines.
    """
    if len(units) < 2:
        return None
    first = units[0]
    line = first.lines[0]
    if (
        len(first.lines) == 1
        and first.kind in (Kind.TEXT, Kind.CAPS)
        and not line.glued_break
        and len(line.text) <= _TITLE_MAX
        and (not line.text.endswith(_NON_TITLE_ENDINGS) or line.text.endswith("..."))
        and (style == "lines" or first.isolated)
    ):
        return first
    return None


def build_blocks(units: list[Unit], style: Style) -> Built:
    """Apply the block rules to every unit, in order."""
    built = Built()
    pending: list[Unit] = []  # list items waiting to be closed into one ListBlock
    for index, unit in enumerate(units):
        if _is_list_item(units, index):
            if pending and _list_family(pending[0]) != _list_family(unit):
                _close_list(built, pending)
            pending.append(unit)
            continue
        _close_list(built, pending)
        _build_one(built, unit, style)
    _close_list(built, pending)
    _check_numbering(built)
    return built


def _build_one(built: Built, unit: Unit, style: Style) -> None:
    line = unit.lines[0]
    single = len(unit.lines) == 1
    if unit.kind is Kind.BREAK:
        built.add(SceneBreak(unit.span), f"scene break: the line {line.text!r}")
    elif unit.kind is Kind.ATX and line.body:
        level = len(line.marker)
        built.add(Heading(level, line.body, None, unit.span), f"heading level {level}: '#' line")
    elif unit.kind is Kind.KEYWORD:
        built.add(Heading(1, line.body, None, unit.span), "heading: chapter/part keyword line")
    elif unit.kind is Kind.CAPS and single and (style == "lines" or unit.isolated):
        built.add(Heading(1, line.body, None, unit.span), "heading: short all-caps line on its own")
    elif unit.kind is Kind.NUMBERED and single and _headline_shaped(line.body):
        why = f"heading: numbered line {line.marker!r}, no numbered neighbour, no final period"
        built.add(Heading(1, line.body, line.marker, unit.span), why)
    elif unit.kind is Kind.DECIMAL and single and _decimal_heading_shaped(line.body):
        level = min(line.marker.rstrip(".").count(".") + 1, 6)  # the model has six levels
        why = f"heading level {level}: decimal number {line.marker!r}, capitalised, no final period"
        built.add(Heading(level, line.body, line.marker, unit.span), why)
    else:
        _add_paragraph(built, unit)


def _add_paragraph(built: Built, unit: Unit) -> None:
    built.add(Paragraph(unit.full_text, unit.span))
    if unit.glued_break:
        last = unit.lines[-1].number
        built.add(SceneBreak((last, last)), "scene break: '***' glued to the end of a paragraph")
        built.warnings.append(
            Diagnostic("glued-break", "scene-break marker glued to the end of a paragraph; split it off", last)
        )


def _headline_shaped(body: str) -> bool:
    """Short enough, and not ending with a period (an ellipsis is fine)."""
    return len(body) <= HEADLINE_MAX and (not body.endswith(".") or body.endswith("..."))


def _decimal_heading_shaped(body: str) -> bool:
    """Like a headline, shorter, and starting with a capital letter."""
    return len(body) <= 80 and body[0].isupper() and not body.endswith((".", ",", ";", ":"))


def _number(unit: Unit) -> int | None:
    if unit.kind is Kind.NUMBERED:
        return int(unit.lines[0].marker.rstrip("."))
    return None


def _is_list_item(units: list[Unit], index: int) -> bool:
    """Bullet and ``1)`` units always are; a ``3.`` unit is one when the unit
    before or after it is numbered one less or one more."""
    unit = units[index]
    if unit.kind in (Kind.BULLET, Kind.ORDERED):
        return True
    number = _number(unit)
    if number is None:
        return False
    before = _number(units[index - 1]) if index > 0 else None
    after = _number(units[index + 1]) if index + 1 < len(units) else None
    return before == number - 1 or after == number + 1


def _list_family(unit: Unit) -> bool:
    return _LIST_KINDS[unit.kind]


def _close_list(built: Built, pending: list[Unit]) -> None:
    if not pending:
        return
    ordered = _list_family(pending[0])
    items = tuple(paragraph_item(unit.text, unit.lines[0].marker or None, unit.span) for unit in pending)
    span = (pending[0].span[0], pending[-1].span[1])
    kind = "numbered" if ordered else "bulleted"
    start = int("".join(c for c in items[0].marker or "" if c.isdigit()) or 1) if ordered else 1
    block = ListBlock("decimal" if ordered else "bullet", items, start, span)
    built.add(block, f"{kind} list of {len(items)} items")
    pending.clear()


def _check_numbering(built: Built) -> None:
    """Warn when numbered headlines do not count 1, 2, 3, ... (they are kept as written)."""
    expected = 1
    for block in built.blocks:
        if not (isinstance(block, Heading) and block.number and re.fullmatch(r"\d+\.", block.number)):
            continue
        number = int(block.number[:-1])
        if number != expected:
            what = "starts at" if expected == 1 else f"jumps from {expected - 1} to"
            built.warnings.append(
                Diagnostic("numbering-gap", f"headline numbering {what} {number}", block.lines[0])
            )
        expected = number + 1
