"""The DOCX writer renders every node and span kind of the model: each
checked in the file's XML as Word reads it, and in the text python-docx
extracts."""

from __future__ import annotations

import pytest

from convert import BLOCK_TYPES, Document, ListBlock, ListItem, Paragraph
from convert.model import Cell, LineBlock, Quotation, Span, Table, Verbatim, paragraph_item
from convert.model.nodes import SPAN_KINDS
from convert_plugins.docx.writer import RENDERERS
from docx_reading import R_ID, W, W_VAL, left_indent, meta, numbering_level, opened, part, render, start_override


def test_renderers_cover_exactly_the_block_types():
    assert set(RENDERERS) == set(BLOCK_TYPES)


def test_unknown_block_type_is_an_error():
    with pytest.raises(TypeError, match="cannot render"):
        render(Document(meta(), (Paragraph("x"), object())))


def body_xml(data: bytes) -> bytes:
    from lxml import etree

    return etree.tostring(part(data, "word/document.xml").find(f"{W}body"))


@pytest.mark.parametrize("kind", SPAN_KINDS)
def test_every_span_kind_changes_the_output(kind):
    """A span kind the writer ignored would leave the body as if unmarked."""
    target = "https://example.org/" if kind == "link" else None
    plain, _ = render(Document(meta(), (Paragraph("one two three"),)))
    marked, _ = render(Document(meta(), (Paragraph("one two three", spans=(Span(3, 4, kind, target),)),)))
    assert body_xml(marked) != body_xml(plain)


# --- spans ------------------------------------------------------------------


def runs_of(data: bytes) -> list[tuple[str, set[str]]]:
    """(text, formatting) of each run of the first body paragraph after the title."""
    paragraph = opened(data).paragraphs[1]._p
    result = []
    for run in paragraph.iter(f"{W}r"):
        properties = run.find(f"{W}rPr")
        marks = set()
        if properties is not None:
            marks = {child.tag.removeprefix(W) for child in properties if child.tag != f"{W}rStyle"}
            style = properties.find(f"{W}rStyle")
            if style is not None:
                marks.add(style.get(W_VAL))
        text = "".join(t.text for t in run.iter(f"{W}t")) + "\n" * len(run.findall(f"{W}br"))
        result.append((text, marks))
    return result


def test_run_formatting():
    text = "plain em strong code struck"
    spans = (Span(6, 8, "emphasis"), Span(9, 15, "strong"), Span(16, 20, "code"), Span(21, 27, "strikethrough"))
    data, _ = render(Document(meta(), (Paragraph(text, spans=spans),)))
    assert runs_of(data) == [
        ("plain ", set()), ("em", {"i", "iCs"}), (" ", set()), ("strong", {"b", "bCs"}), (" ", set()),
        ("code", {"VerbatimChar", "rFonts"}), (" ", set()), ("struck", {"strike"}),
    ]
    styles = part(data, "word/styles.xml")
    code = styles.find(f"{W}style[@{W}styleId='VerbatimChar']")
    assert code.find(f"{W}rPr/{W}rFonts").get(f"{W}ascii") == "Consolas"


def test_nested_and_crossing_spans():
    spans = (Span(0, 9, "strong"), Span(4, 13, "emphasis"))
    data, _ = render(Document(meta(), (Paragraph("bold both italic", spans=spans),)))
    assert runs_of(data)[:3] == [("bold", {"b", "bCs"}), (" both", {"b", "bCs", "i", "iCs"}), (" ita", {"i", "iCs"})]


def test_line_break_span_is_a_break_not_a_space():
    data, _ = render(Document(meta(), (Paragraph("first line second", spans=(Span(10, 11, "line-break"),)),)))
    assert opened(data).paragraphs[1].text == "first line\nsecond"


def test_links_are_hyperlinks_with_external_relationships():
    text = "see https://example.org/a b?c=<1>&d and mail me and javascript:alert(1) too"
    spans = (
        Span(4, 35, "link", "https://example.org/a b?c=<1>&d"),
        Span(40, 47, "link", "mailto:me@example.org"),
        Span(52, 71, "link", "javascript:alert(1)"),
    )
    data, _ = render(Document(meta(), (Paragraph(text, spans=spans),)))
    paragraph = opened(data).paragraphs[1]
    assert paragraph.text == text
    links = paragraph.hyperlinks
    assert [link.text for link in links] == ["https://example.org/a b?c=<1>&d", "mail me"]
    # addresses are valid URIs, as Word requires
    assert [link.address for link in links] == ["https://example.org/a%20b?c=%3C1%3E&d", "mailto:me@example.org"]
    rels = part(data, "word/_rels/document.xml.rels")
    for link in links:
        rel = next(rel for rel in rels if rel.get("Id") == link._hyperlink.get(R_ID))
        assert rel.get("TargetMode") == "External" and rel.get("Type").endswith("/hyperlink")
        assert link._hyperlink.find(f"{W}r/{W}rPr/{W}rStyle").get(W_VAL) == "Hyperlink"
    assert "javascript" not in "".join(rel.get("Target") for rel in rels)  # unsafe: text only


def test_one_relationship_per_address():
    spans = (Span(0, 1, "link", "https://a.example/"), Span(2, 3, "link", "https://a.example/"))
    data, _ = render(Document(meta(), (Paragraph("a b c", spans=spans),)))
    rels = [rel for rel in part(data, "word/_rels/document.xml.rels") if rel.get("Type").endswith("/hyperlink")]
    assert len(rels) == 1


def test_heading_spans_shift_past_the_number():
    from convert import Heading

    data, _ = render(Document(meta(), (Heading(1, "with code", "2.", spans=(Span(5, 9, "code"),)),)))
    heading = next(p for p in opened(data).paragraphs if p.style.name == "Heading 1")
    code = [r.text for r in heading.runs if r._r.find(f"{W}rPr/{W}rStyle") is not None]
    assert heading.text == "2. with code" and code == ["code"]


# --- blocks -----------------------------------------------------------------


def test_verbatim_keeps_lines_and_leading_spaces():
    text = "int main(void) {\n    return 0;\n\tdone();\n}"
    data, _ = render(Document(meta(), (Verbatim(text, "code", "c"),)))
    paragraph = opened(data).paragraphs[1]
    assert paragraph.style.name == "Source Code"
    assert paragraph.text == text  # python-docx reads w:br as "\n" and w:tab as "\t"
    assert len(paragraph._p.findall(f".//{W}br")) == 3
    spaced = [t for t in paragraph._p.iter(f"{W}t") if t.text.startswith(" ")]
    assert spaced and all(t.get("{http://www.w3.org/XML/1998/namespace}space") == "preserve" for t in spaced)
    style = part(data, "word/styles.xml").find(f"{W}style[@{W}styleId='SourceCode']")
    assert style.find(f"{W}rPr/{W}rFonts").get(f"{W}ascii") == "Consolas"


def test_line_block_is_verse_with_line_breaks():
    text = "The rain it raineth every day,\n    upon the just"
    data, _ = render(Document(meta(), (LineBlock(text, spans=(Span(4, 8, "emphasis"),)),)))
    paragraph = opened(data).paragraphs[1]
    assert paragraph.style.name == "Verse"
    assert paragraph.text == text


def test_quotations_nest_with_attribution():
    inner = Quotation((Paragraph("deeper"),))
    outer = Quotation((Paragraph("quoted"), inner), "Someone")
    data, _ = render(Document(meta(), (outer, Paragraph("after"))))
    paragraphs = opened(data).paragraphs[1:]
    assert [(p.style.name, p.text) for p in paragraphs] == [
        ("Quote", "quoted"), ("Quote", "deeper"), ("Attribution", "\u2014 Someone"), ("Normal", "after"),
    ]
    assert 0 < left_indent(paragraphs[0]) < left_indent(paragraphs[1])


def test_twenty_quotations_deep_leave_a_usable_column():
    deep = Paragraph("bottom")
    for _ in range(20):
        deep = Quotation((deep,))
    data, _ = render(Document(meta(), (deep,)))
    assert left_indent(opened(data).paragraphs[1]) <= 3000  # of a 7200-twip text width


def test_numbering_formats_and_punctuation():
    cases = [
        ("bullet", "-", "bullet", "\u2022"), ("decimal", "1)", "decimal", "%1)"),
        ("lower-alpha", "a)", "lowerLetter", "%1)"), ("upper-alpha", "A.", "upperLetter", "%1."),
        ("lower-roman", "(iv)", "lowerRoman", "(%1)"), ("upper-roman", None, "upperRoman", "%1."),
    ]
    blocks = tuple(ListBlock(style, (paragraph_item(style, marker),), 4) for style, marker, _, _ in cases)
    data, _ = render(Document(meta(), blocks))
    items = opened(data).paragraphs[1:]
    assert [p.text for p in items] == [case[0] for case in cases]  # the numbers are Word's, not text
    for item, (style, _, number_format, text) in zip(items, cases):
        level = numbering_level(data, item)
        assert (level.find(f"{W}numFmt").get(W_VAL), level.find(f"{W}lvlText").get(W_VAL)) == (number_format, text)
        assert start_override(data, item) == 4
        assert item.style.name == ("List Bullet" if style == "bullet" else "List Number")


def test_each_list_has_its_own_numbering_instance():
    items = (paragraph_item("one"), paragraph_item("two"))
    data, _ = render(Document(meta(), (ListBlock("decimal", items), Paragraph("p"), ListBlock("decimal", items, 5))))
    numbered = [p for p in opened(data).paragraphs if p.style.name == "List Number"]
    num_ids = [p._p.find(f"{W}pPr/{W}numPr/{W}numId").get(W_VAL) for p in numbered]
    assert len(num_ids) == 4 and num_ids[0] == num_ids[1] != num_ids[2] == num_ids[3]
    assert [start_override(data, p) for p in numbered[::2]] == [1, 5]


def test_nested_lists_and_continuation_paragraphs():
    nested = ListBlock("lower-alpha", (paragraph_item("inner a", "a)"), paragraph_item("inner b", "b)")))
    item = ListItem((Paragraph("first"), Paragraph("second"), nested), "1.")
    data, _ = render(Document(meta(), (ListBlock("decimal", (item, paragraph_item("next", "2."))),)))
    paragraphs = opened(data).paragraphs[1:]
    assert [p.text for p in paragraphs] == ["first", "second", "inner a", "inner b", "next"]
    levels = [p._p.find(f"{W}pPr/{W}numPr/{W}ilvl") for p in paragraphs]
    assert [None if level is None else level.get(W_VAL) for level in levels] == ["0", None, "1", "1", "0"]
    assert paragraphs[1].style.name == "List Continue"
    # the continuation lines up with the item's text; nested items go one step further in
    left = [left_indent(p) for p in paragraphs]
    assert left[0] == left[1] == left[4] < left[2] == left[3]
    assert numbering_level(data, paragraphs[2]).find(f"{W}numFmt").get(W_VAL) == "lowerLetter"
    assert start_override(data, paragraphs[2]) == 1


def test_numbers_word_cannot_count_are_written_out():
    items = (paragraph_item("first", "1000000."), paragraph_item("second"))
    blocks = (ListBlock("decimal", items, 1_000_000), ListBlock("lower-alpha", items, 26))
    data, _ = render(Document(meta(), blocks))
    paragraphs = opened(data).paragraphs[1:]
    # markers as written where given, else counted in the list's style
    assert [p.text for p in paragraphs] == ["1000000.\tfirst", "1000001.\tsecond", "1000000.\tfirst", "aa.\tsecond"]
    for p in paragraphs:
        assert p._p.find(f"{W}pPr/{W}numPr/{W}numId").get(W_VAL) == "0"  # and no automatic number too


def test_empty_list_item_keeps_its_number():
    data, _ = render(Document(meta(), (ListBlock("decimal", (ListItem(()), paragraph_item("two"))),)))
    assert [p.text for p in opened(data).paragraphs[1:]] == ["", "two"]


def test_tables():
    table = Table(
        head=((Cell("Name"), Cell("Value", (Span(0, 5, "strong"),))),),
        body=((Cell("alpha"), Cell("1")), (Cell("see https://example.org", (Span(4, 23, "link", "https://example.org"),)), Cell(""))),
        align=("left", "right"),
    )
    data, _ = render(Document(meta(), (table, table, Paragraph("after"))))
    document = opened(data)
    first = document.tables[0]
    assert [[cell.text for cell in row.cells] for row in first.rows] == [
        ["Name", "Value"], ["alpha", "1"], ["see https://example.org", ""],
    ]
    rows = first._tbl.findall(f"{W}tr")
    assert [row.find(f"{W}trPr/{W}tblHeader") is not None for row in rows] == [True, False, False]
    assert first._tbl.find(f"{W}tblPr/{W}tblStyle").get(W_VAL) == "TableGrid"
    borders = part(data, "word/styles.xml").find(f"{W}style[@{W}styleId='TableGrid']/{W}tblPr/{W}tblBorders")
    assert {border.tag.removeprefix(W) for border in borders} == {"top", "left", "bottom", "right", "insideH", "insideV"}
    alignments = [p.find(f"{W}pPr/{W}jc").get(W_VAL) for p in rows[1].iter(f"{W}p")]
    assert alignments == ["left", "right"]
    assert [c.paragraphs[0].style.name for c in first.rows[0].cells] == ["Table Heading", "Table Heading"]
    assert first.rows[2].cells[0]._tc.find(f".//{W}hyperlink") is not None
    # two tables in a row stay two tables: an empty paragraph between them
    body = [child.tag.removeprefix(W) for child in document.element.body]
    assert body[-5:] == ["tbl", "p", "tbl", "p", "sectPr"]


def test_tables_without_cells_are_left_out():
    data, _ = render(Document(meta(), (Table((), ()), Table(((),), ()), Paragraph("x"))))
    assert opened(data).tables == []


@pytest.mark.parametrize("text", ["plain", "<a> & \"b\" 'c' ]]>", "line\nbreak\ttab\rreturn", "é 😀 \u00a0 \x85"])
def test_text_and_attributes_are_escaped_as_lxml_escapes_them(text):
    # the writer writes XML as text; python-docx saved what lxml serialised
    from lxml import etree

    from convert_plugins.docx.oxml import escaped, quoted

    element = etree.Element("x", a=text)
    element.text = text
    assert etree.tostring(element, encoding="unicode") == f'<x a="{quoted(text)}">{escaped(text)}</x>'
