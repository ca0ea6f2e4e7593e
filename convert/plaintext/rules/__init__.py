"""The block rules of the plain-text grammar, in the order they are tried.

At each line that starts a block, the rules of :data:`RULES` are tried in
order and the first that recognises something there consumes its lines; the
paragraph rule, last, always does.  Reading this table top to bottom is
reading the grammar: one module per family of rules, each documented in
``docs/plain-text.md`` with an example, and each decision recorded for
``convert FILE --inspect``.

The order encodes precedence.  Regions that claim their lines whatever they
hold come first (mail headers, a fortune entry, a table of contents, a
quoted reply); then headings with an unmistakable mark (an underline, stars,
a man-page section); then line-broken regions (tables, code); then lists;
then the weaker heading rules, where precision matters most (a false heading
is worse than a missed one); then line blocks and paragraphs.
"""

from __future__ import annotations

from typing import Callable, NamedTuple

from convert.model import Block
from convert.plaintext.lines import Kind, Line
from convert.plaintext.rules import (
    boxes,
    breaks,
    changelog,
    contents,
    diff,
    faq,
    fences,
    fortune,
    headings,
    lists,
    mail,
    manpage,
    numbered,
    outline,
    paragraph,
    quotes,
    setext,
    titlepage,
    verbatim,
    verse,
)
from convert.plaintext.state import Found, State


class Rule(NamedTuple):
    """One entry of the rule table."""

    name: str
    match: Callable[[State, int], Found | None]
    """Called at a line that starts a block; returns what it found there, or None."""
    kinds: frozenset[Kind] | None = None
    """The kinds of line (:class:`~convert.plaintext.lines.Kind`) the rule can
    start at; None for any.  Only a shortcut: the rule checks again."""
    starts: str | None = None
    """The characters a line the rule can start at begins with; None for any.
    A shortcut too: most lines begin with a letter and skip a dozen rules."""


_BREAK = frozenset({Kind.BREAK})
_ITEMS = frozenset({Kind.BULLET, Kind.ORDERED, Kind.NUMBERED, Kind.DECIMAL})
_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
_DECORATIONS = "=*~#+-"


RULES: tuple[Rule, ...] = (
    Rule("title page", titlepage.line),
    Rule("mail headers", mail.headers, starts=_LETTERS),
    Rule("PGP armour", mail.armour, starts="-"),
    Rule("signature", mail.signature, starts="-_"),
    Rule("fortune entry", fortune.entry),
    Rule("contents heading", contents.heading),
    Rule("table of contents", contents.contents),
    Rule("boxed text", boxes.box, _BREAK),
    Rule("fenced heading", boxes.fenced_heading, _BREAK),
    Rule("quotation", quotes.quotation, starts=">"),
    Rule("fenced code", fences.fenced, starts="`~-."),
    Rule("literal block", fences.literal_block),
    Rule("hard line breaks", verse.hard_breaks),
    Rule("setext heading", setext.heading),
    Rule("framed snippet", boxes.framed, starts=_DECORATIONS),
    Rule("decorated heading", headings.decorated, starts=_DECORATIONS),
    Rule("man-page section", manpage.section),
    Rule("man-page synopsis", manpage.synopsis),
    Rule("cut here", verbatim.cut_here, starts="-*=_8>"),
    Rule("diff", diff.diff, starts="Id=*-"),
    Rule("table or diagram", verbatim.table),
    Rule("scene break", breaks.scene_break, _BREAK),
    Rule("outline heading", outline.heading, frozenset({Kind.BULLET, Kind.TEXT})),
    Rule("comment block", verbatim.comment_block, starts="#"),
    Rule("# heading", headings.atx, frozenset({Kind.ATX})),
    Rule("changelog entry", changelog.entry),
    Rule("changelog contributor", changelog.contributor, starts="["),
    Rule("FAQ question", faq.question, starts="Q"),
    Rule("FAQ term", faq.term),
    Rule("vim help section", headings.vim_help, starts="*"),
    Rule("keyword heading", headings.keyword, frozenset({Kind.KEYWORD})),
    Rule("numbered heading", numbered.heading, frozenset({Kind.NUMBERED, Kind.DECIMAL})),
    Rule("caps heading over text", headings.caps_over_text, frozenset({Kind.CAPS, Kind.BULLET})),
    Rule("caps pair", headings.caps_pair, frozenset({Kind.CAPS})),
    Rule("indented block", verbatim.indented),
    Rule("code", verbatim.code),
    Rule("field records", verbatim.fields),
    Rule("list", lists.list_block, _ITEMS),
    Rule("caps heading", headings.caps, frozenset({Kind.CAPS})),
    Rule("label heading", headings.label),
    Rule("outdented or centred heading", headings.outdented),
    Rule("standalone heading", headings.standalone),
    Rule("line block", verse.line_block),
    Rule("paragraph", paragraph.paragraph),
)


RULES_BY_KIND: dict[Kind, tuple[Rule, ...]] = {
    kind: tuple(rule for rule in RULES if rule.kinds is None or kind in rule.kinds) for kind in Kind
}
"""The rules worth trying at a line of each kind, in table order."""

_STARTS = frozenset("".join(rule.starts for rule in RULES if rule.starts))
_CANDIDATES: dict[tuple[Kind, str], tuple[Rule, ...]] = {}


def rules_for(line: Line) -> tuple[Rule, ...]:
    """The rules worth trying at a (non-blank) line, by its kind and first character, in table order."""
    first = line.text[0]
    key = (line.kind, first if first in _STARTS else "")  # every other character: the same rules
    rules = _CANDIDATES.get(key)
    if rules is None:
        rules = _CANDIDATES[key] = tuple(
            rule for rule in RULES_BY_KIND[line.kind] if rule.starts is None or first in rule.starts)
    return rules


def parse_blocks(state: State) -> list[Block]:
    """Run the rule table over the whole text; returns the blocks in source order."""
    blocks: list[Block] = []
    position = 0
    count = len(state)
    while position < count:
        if position in state.inject:
            blocks.extend(state.inject.pop(position))
        if state.blank(position):
            position += 1
            continue
        for rule in rules_for(state.lines[position]):
            found = rule.match(state, position)
            if found is not None:
                break
        else:  # pragma: no cover - the paragraph rule always matches
            raise AssertionError("no rule matched")
        if found.end <= position:  # pragma: no cover - every rule consumes its lines
            raise AssertionError(f"rule {rule.name!r} did not advance at line {position + 1}")
        if found.why:
            state.note(found.why, state.lines[position].number)
        blocks.extend(found.blocks)
        state.last = found
        state.last_end = found.end
        position = found.end
    for pending in state.inject.values():
        blocks.extend(pending)
    return headings.assign_levels(state, blocks)
