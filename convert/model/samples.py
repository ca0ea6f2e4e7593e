"""Sample documents that exercise the whole model: every node type, every
span kind, every list style, nesting, hostile text, edge cases and a large
document.  The conformance kit (:mod:`convert.testing`) renders each of them
with every writer; tests and benchmarks use them too."""

from __future__ import annotations

import dataclasses

from convert.model.nodes import (
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
    paragraph_item,
)

META = Meta(
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


def _lines(n: int, last: int | None = None) -> tuple[int, int]:
    return (n, n if last is None else last)


def _marked(text: str, *marks: tuple[str, str, str | None]) -> tuple[Span, ...]:
    """Spans over the first occurrence of each ``(words, kind, target)``."""
    spans = []
    for words, kind, target in marks:
        start = text.index(words)
        spans.append(Span(start, start + len(words), kind, target))
    return tuple(sorted(spans, key=lambda s: (s.start, s.end)))


INLINE = "Read the manual at https://example.org/a?b=1&c=<2> now, with emphasis, strong words, code() and struck text; then a break here."
INLINE_SPANS = (
    *_marked(
        INLINE,
        ("https://example.org/a?b=1&c=<2>", "link", "https://example.org/a?b=1&c=<2>"),
        ("emphasis", "emphasis", None),
        ("strong words", "strong", None),
        ("code()", "code", None),
        ("struck text", "strikethrough", None),
    ),
)
_BREAK = INLINE.index(" here")
INLINE_SPANS = tuple(sorted((*INLINE_SPANS, Span(_BREAK, _BREAK + 1, "line-break")), key=lambda s: (s.start, s.end)))

CODE = 'int main(void) {\n    printf("<%s> & done\\n", "x");\n\treturn 0;\n}'
DIAGRAM = "+------+-------+\n| name | value |\n+------+-------+\n| a    |   1   |\n+------+-------+"
VERSE = "The rain it raineth every day,\n    upon the just and unjust fellow,\nbut more upon the just, because\n    the unjust hath the just's umbrella."


def _every_node() -> tuple:
    nested = ListBlock(
        "lower-alpha",
        (paragraph_item("nested a", "a)", _lines(9)), paragraph_item("nested b", "b)", _lines(10))),
        1,
        _lines(9, 10),
    )
    two_paragraphs = ListItem(
        (Paragraph("first paragraph of item two", _lines(11)), Paragraph("second paragraph", _lines(12)), nested),
        "2.",
        _lines(11, 12),
    )
    inner_quote = Quotation((Paragraph("A deeper quoted line.", _lines(20)),), None, _lines(20))
    quote = Quotation(
        (
            Paragraph("Quoted reply, first paragraph.", _lines(17)),
            ListBlock("bullet", (paragraph_item("quoted item", "*", _lines(18)),), 1, _lines(18)),
            inner_quote,
        ),
        "Someone Quoted",
        _lines(17, 20),
    )
    table = Table(
        head=((Cell("Name"), Cell("Value", _marked("Value", ("Value", "strong", None)))),),
        body=(
            (Cell("alpha"), Cell("1")),
            (Cell("see https://example.org", _marked("see https://example.org", ("https://example.org", "link", "https://example.org"))), Cell("")),
        ),
        align=("left", "right"),
        lines=_lines(24, 27),
    )
    return (
        Paragraph("Opening paragraph before any heading.", _lines(2)),
        Heading(1, "First section with code", "1.", _lines(3), _marked("First section with code", ("code", "code", None))),
        Paragraph(INLINE, _lines(4), INLINE_SPANS),
        ListBlock("bullet", (paragraph_item("bullet one", "-", _lines(5)), paragraph_item("bullet two", "-", _lines(6))), 1, _lines(5, 6)),
        SceneBreak(_lines(7)),
        ListBlock("decimal", (paragraph_item("first", "1.", _lines(8)), two_paragraphs), 1, _lines(8, 12)),
        ListBlock("upper-alpha", (paragraph_item("upper A", "A.", _lines(13)),), 1, _lines(13)),
        ListBlock("lower-roman", (paragraph_item("roman iv", "(iv)", _lines(14)), paragraph_item("roman v", "(v)", _lines(15))), 4, _lines(14, 15)),
        ListBlock("upper-roman", (paragraph_item("roman II", "II.", _lines(16)),), 2, _lines(16)),
        ListBlock("decimal", (paragraph_item("starts at seven", "7)", _lines(16)),), 7, _lines(16)),
        quote,
        Heading(2, "Sub-section", "1.1", _lines(21)),
        Verbatim(CODE, "code", "c", _lines(22, 25)),
        Verbatim(DIAGRAM, "table", None, _lines(26, 30)),
        LineBlock(VERSE, _lines(31, 34), _marked(VERSE, ("umbrella", "emphasis", None))),
        table,
        Paragraph("Last words.", _lines(40)),
    )


def _hostile() -> tuple:
    return (
        Heading(1, HOSTILE, "1.", _lines(2)),
        Paragraph(HOSTILE, _lines(3), _marked(HOSTILE, ("[link](x)", "link", "javascript:alert(1)"))),
        Paragraph(UNICODE, _lines(4)),
        Paragraph(CONTROL, _lines(7), _marked(CONTROL, ("escape", "strong", None))),
        ListBlock("bullet", (paragraph_item(HOSTILE, "*", _lines(5)), paragraph_item(UNICODE, "•", _lines(6))), 1, _lines(5, 6)),
        Verbatim(HOSTILE + "\n" + CONTROL + "\n" + UNICODE, "code", "<x>", _lines(8, 10)),
        LineBlock(HOSTILE + "\n  " + UNICODE, _lines(11, 12)),
        Quotation((Paragraph(HOSTILE, _lines(13)),), HOSTILE, _lines(13)),
        Table((), ((Cell(HOSTILE), Cell(UNICODE)),), (), _lines(14)),
    )


def _edge_cases() -> tuple:
    deep = Paragraph("the bottom of twenty quotations", _lines(9))
    for _ in range(20):
        deep = Quotation((deep,), None, _lines(9))
    return (
        Heading(6, "Level six", None, _lines(2)),
        Verbatim("", None, None, _lines(3)),
        Verbatim("x" * 500 + " " + "y" * 300, "code", None, _lines(4)),  # longer than any page
        LineBlock("", _lines(5)),
        ListBlock("decimal", (ListItem((), "1.", _lines(6)),), 1_000_000, _lines(6)),  # an empty item
        Quotation((), None, _lines(7)),
        Table(((Cell(""),),), (), (), _lines(8)),
        deep,
    )


def standard_documents() -> dict[str, Document]:
    """The documents every writer must handle, by name."""
    empty_sections = (
        Heading(1, "Empty one", None, _lines(2)),
        Heading(1, "Empty one", None, _lines(3)),  # same text twice: anchors must stay unique
        Heading(3, "Deep and empty", None, _lines(4)),
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
        "every-node-type": Document(META, _every_node()),
        "empty": Document(META, ()),
        "empty-sections": Document(META, empty_sections),
        "edge-cases": Document(META, _edge_cases()),
        "hostile-text": Document(dataclasses.replace(META, title=HOSTILE), _hostile()),
        "large": Document(META, large),
    }
