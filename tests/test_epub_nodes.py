"""Every node and span kind of the model as EPUB markup, read back as XHTML:
verbatim text, line blocks, quotations, lists of every style, nested lists,
tables, links and inline markup; the contents page; the stylesheet."""

from __future__ import annotations

import re
from importlib import resources

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

import convert
from convert import BLOCK_TYPES, Cell, Document, LineBlock, ListBlock, ListItem, Meta, Paragraph, Span, Table
from convert.model.nodes import SPAN_KINDS
from convert.model.labels import SCENE_BREAK_MARK
from convert.model.samples import standard_documents
from convert_plugins.epub.blocks import RENDERERS
from convert.model.inline import link_address as link_href
from convert_plugins.epub.inline import SPAN_ELEMENTS
from conftest import run_cli
from extract import css_rules, epub_spine_documents

X = "{http://www.w3.org/1999/xhtml}"
NS = {"x": "http://www.w3.org/1999/xhtml"}
STYLESHEET = (resources.files("convert_plugins.epub") / "style.css").read_text("utf-8")


def bodies(document: Document) -> list[etree._Element]:
    """The bodies of the text documents (after the title and contents pages), parsed as XML."""
    data = convert.render(document, "epub")
    return [root.find(f"{X}body") for path, root in epub_spine_documents(data)
            if path.rsplit("/", 1)[-1].startswith("section-")]


def body_of(*blocks) -> etree._Element:
    (body,) = bodies(Document(Meta(title="T"), tuple(blocks)))
    return body


def text(element: etree._Element) -> str:
    return "".join(element.itertext())


@pytest.fixture(scope="module")
def every_node() -> etree._Element:
    """The two text documents of the standard document holding every node kind, as one body."""
    found = bodies(standard_documents()["every-node-type"])
    merged = etree.Element(f"{X}body")
    for body in found:
        merged.extend(list(body))
    return merged


def test_renderer_table_covers_exactly_the_block_types():
    assert set(RENDERERS) == set(BLOCK_TYPES)


def test_span_table_covers_exactly_the_span_kinds():
    assert set(SPAN_ELEMENTS) == set(SPAN_KINDS)


def test_verbatim_is_pre_with_code_and_its_language(every_node):
    code, diagram = every_node.findall("x:pre", NS)
    assert code.get("data-language") == "c"
    (inner,) = code
    assert inner.tag == f"{X}code" and inner.get("class") == "language-c"
    source = standard_documents()["every-node-type"].blocks[12]
    assert text(code) == source.text  # every space, tab and line break kept
    assert "table" in diagram.get("class").split() and text(diagram).startswith("+------+")


def test_line_block_keeps_lines_and_their_indentation(every_node):
    (block,) = every_node.findall("x:div[@class='line-block']", NS)
    lines = block.findall("x:div[@class='line']", NS)
    assert [text(line) for line in lines] == standard_documents()["every-node-type"].blocks[14].text.split("\n")
    assert text(lines[1]).startswith("    upon")
    assert lines[3].find("x:em", NS).text == "umbrella"


def test_quotation_holds_blocks_and_its_attribution(every_node):
    (figure,) = every_node.findall("x:figure", NS)
    quote = figure.find("x:blockquote", NS)
    assert [etree.QName(child).localname for child in quote] == ["p", "ul", "blockquote"]
    assert figure.find("x:figcaption", NS).get("class") == "attribution"
    assert text(figure.find("x:figcaption", NS)) == "Someone Quoted"


def test_lists_count_in_their_style_from_their_start(every_node):
    ordered = every_node.findall("x:ol", NS)
    assert [(ol.get("type"), ol.get("start")) for ol in ordered] == [
        (None, None), ("A", None), ("i", "4"), ("I", "2"), (None, "7")]
    assert [ol.get("class") for ol in ordered] == ["decimal", "upper-alpha", "lower-roman", "upper-roman", "decimal"]
    (bullets,) = every_node.findall("x:ul", NS)
    assert [text(li) for li in bullets] == ["bullet one", "bullet two"]


def test_items_hold_several_blocks_and_nested_lists(every_node):
    second = every_node.findall("x:ol", NS)[0].findall("x:li", NS)[1]
    assert [etree.QName(child).localname for child in second] == ["p", "p", "ol"]
    nested = second.find("x:ol", NS)
    assert nested.get("type") == "a" and [text(li) for li in nested] == ["nested a", "nested b"]


def test_table_has_head_body_scoped_headers_and_alignment_classes(every_node):
    (table,) = every_node.findall("x:table", NS)
    headers = table.findall("x:thead/x:tr/x:th", NS)
    assert [(text(th), th.get("scope"), th.get("class")) for th in headers] == [
        ("Name", "col", "align-left"), ("Value", "col", "align-right")]
    rows = table.findall("x:tbody/x:tr", NS)
    assert [[text(td) for td in row] for row in rows] == [["alpha", "1"], ["see https://example.org", ""]]
    assert rows[1][0].find("x:a", NS).get("href") == "https://example.org"
    assert all(cell.get("align") is None for cell in table.iter(f"{X}td", f"{X}th"))  # no deprecated attributes


def test_inline_spans_become_elements(every_node):
    (paragraph,) = [p for p in every_node.findall("x:p", NS) if p.find("x:a", NS) is not None]
    found = {etree.QName(child).localname: text(child) for child in paragraph}
    assert found == {"a": "https://example.org/a?b=1&c=<2>", "em": "emphasis", "strong": "strong words",
                     "code": "code()", "del": "struck text", "br": ""}
    # the address is percent-encoded where a URL may not hold the character
    assert paragraph.find("x:a", NS).get("href") == "https://example.org/a?b=1&c=%3C2%3E"
    # the line break follows the space it covers
    assert text(paragraph) == standard_documents()["every-node-type"].blocks[2].text
    assert paragraph.find("x:br", NS).tail == "here."
    assert every_node.find("x:h2/x:code", NS).text == "code"


def test_scene_break_is_a_visible_ornament(every_node):
    (mark,) = every_node.findall("x:p[@class='scene-break']", NS)
    assert (mark.text, mark.get("role")) == (SCENE_BREAK_MARK, "separator") == ("⁂", "separator")


@pytest.mark.parametrize("target", [
    "javascript:alert(1)", "data:text/html,x", "file:///etc/passwd", "other.html", "#anchor",
    "http://exa mple.org/", "https://<script>/", "http://", "mailto:", "https://example.org:99999/",
])
def test_links_without_a_safe_absolute_target_are_text(target):
    assert link_href(target) is None
    body = body_of(Paragraph("go there now", spans=(Span(3, 8, "link", target),)))
    assert body.find(".//x:a", NS) is None and text(body.find("x:p", NS)) == "go there now"


def test_links_keep_safe_targets_percent_encoded():
    assert link_href("https://example.org/a b?q=ü") == "https://example.org/a%20b?q=%C3%BC"
    assert link_href("mailto:someone@example.org") == "mailto:someone@example.org"
    assert link_href("HTTPS://Example.org/%41") == "HTTPS://Example.org/%41"
    # what an HTML validator refuses in an address is encoded: brackets, a
    # second "#", a "%" that starts no escape
    assert link_href("https://example.org/a[1]#b#c") == "https://example.org/a%5B1%5D#b%23c"
    assert link_href("https://example.org/100%/%zz") == "https://example.org/100%25/%25zz"


URL_CHARACTERS = r"[A-Za-z0-9!$&'()*+,\-./:;=?@_~]|%[0-9A-Fa-f]{2}"
VALID_ADDRESS = re.compile(rf"(?:{URL_CHARACTERS})*(?:#(?:{URL_CHARACTERS})*)?")


@given(st.sampled_from(["https://example.org/", "http://a.b", "mailto:", "ftp://x.y/", "tel:"]), st.text())
def test_every_kept_address_is_a_valid_url(prefix, rest):
    href = link_href(prefix + rest)
    assert href is None or VALID_ADDRESS.fullmatch(href), href


def test_a_link_over_spaces_only_is_text():
    body = body_of(Paragraph("a   b", spans=(Span(1, 4, "link", "https://example.org"),)))
    assert body.find(".//x:a", NS) is None and text(body.find("x:p", NS)) == "a   b"


def test_crossing_spans_nest_and_keep_every_character():
    paragraph = "one two three four five"
    spans = (Span(0, 13, "emphasis"), Span(8, 18, "strong"), Span(4, 23, "link", "https://example.org"))
    body = body_of(Paragraph(paragraph, spans=spans))
    (p,) = body
    assert text(p) == paragraph
    # every character of "three" is emphasised, strong and linked, however the elements nest
    three = [node for node in p.iter() if (node.text or "") == "three"]
    (node,) = three
    ancestors = {etree.QName(a).localname for a in node.iterancestors()} | {etree.QName(node).localname}
    assert {"em", "strong", "a"} <= ancestors


def test_spans_across_lines_of_a_line_block_are_cut_at_line_ends():
    verse = "first line\n  second line"
    body = body_of(LineBlock(verse, spans=(Span(6, 19, "emphasis"),)))
    lines = body.findall(".//x:div[@class='line']", NS)
    assert [text(line) for line in lines] == ["first line", "  second line"]
    assert [line.find("x:em", NS).text for line in lines] == ["line", "  second"]


def test_empty_and_header_only_tables_name_no_empty_headers():
    body = body_of(Table(((Cell("A"), Cell("")),), ((Cell("1"), Cell("2")),)),
                   Table(((Cell("Only"), Cell("head")),), ()))
    first, second = body.findall("x:table", NS)
    assert [text(th) for th in first.iter(f"{X}th")] == ["A"]  # the empty header cell is a plain cell
    assert first.find("x:thead/x:tr/x:td", NS) is not None
    assert second.find(".//x:th", NS) is None  # headers need data cells to name
    assert text(second) == "Onlyhead"


def test_empty_list_and_empty_item():
    body = body_of(ListBlock("bullet", ()), ListBlock("lower-alpha", (ListItem(()),), 3),
                   Paragraph("after"))
    (ol,) = body.findall("x:ol", NS)
    assert (ol.get("type"), ol.get("start"), len(ol)) == ("a", "3", 1)
    assert body.find("x:ul", NS) is None


def test_heading_scale_descends_from_the_title():
    css = css_rules(STYLESHEET)
    sizes = [float(css[selector]["font-size"].removesuffix("em")) for selector in ("h1.title", "h2", "h3", "h4", "h5")]
    assert sizes == sorted(sizes, reverse=True) and len(set(sizes[:4])) == 4
    assert sizes[0] >= 1.3 * sizes[1]  # the title clearly above the chapter headings


def test_contents_nest_under_the_nearest_higher_heading_whatever_levels_are_skipped():
    from convert import Heading

    document = Document(Meta(title="T"), tuple(Heading(level, f"h{index}") for index, level in
                                              enumerate((1, 3, 2, 1, 4, 4, 2), 1)))
    data = convert.render(document, "epub")
    (nav,) = [root for path, root in epub_spine_documents(data) if path.endswith("nav.xhtml")]
    (toc,) = [n for n in nav.iter(f"{X}nav") if n.get("{http://www.idpf.org/2007/ops}type") == "toc"]

    def outline(ol: etree._Element) -> list:
        return [(text(li.find("x:a", NS)), outline(li.find("x:ol", NS)) if li.find("x:ol", NS) is not None else [])
                for li in ol.findall("x:li", NS)]

    # every item holds one link and at most one list (the navigation document's rule)
    assert all(len(li.findall("x:ol", NS)) <= 1 for li in toc.iter(f"{X}li"))
    assert outline(toc.find("x:ol", NS)) == [
        ("T", []), ("h1", [("h2", []), ("h3", [])]), ("h4", [("h5", []), ("h6", []), ("h7", [])])]


@pytest.mark.parametrize("language, heading", [("de-AT", "Inhalt"), ("tr", "İçindekiler"), ("xx", "Contents")])
def test_contents_heading_is_in_the_documents_language(language, heading):
    data = convert.render(Document(Meta(title="T", language=language), (Paragraph("text"),)), "epub")
    (nav,) = [root for path, root in epub_spine_documents(data) if path.endswith("nav.xhtml")]
    assert nav.find(".//x:nav/x:h1", NS).text == heading
    assert nav.find("x:head/x:title", NS).text == heading


from test_end_to_end import MANUAL  # noqa: E402  (the issue's example text, shared)


def test_plain_text_code_quote_lettered_list_and_url_reach_the_epub(tmp_path):
    source = tmp_path / "manual.txt"
    source.write_text(MANUAL, "utf-8")
    run_cli(source, "--to", "epub", "-o", tmp_path / "manual.epub", check=True)
    (body,) = [root.find(f"{X}body") for path, root in epub_spine_documents((tmp_path / "manual.epub").read_bytes())
               if path.endswith("section-000.xhtml")]
    assert "".join(body.find("x:pre/x:code", NS).itertext()) == "int main(void) {\n    return 0;\n}"
    assert "I tried it" in "".join(body.find("x:blockquote", NS).itertext())
    (ol,) = body.findall("x:ol", NS)
    assert ol.get("type") == "a" and [li.text for li in ol] == ["open the file", "edit it", "save it"]
    assert body.find(".//x:a", NS).get("href") == "https://example.org/manual"


def test_text_with_right_to_left_letters_takes_its_own_direction():
    """In an English book, a Hebrew line reads right to left (``dir="auto"``:
    the direction of its first strong letter); English text is left as it is."""
    body = body_of(
        Paragraph("English words."),
        Paragraph("שלום עולם, hello."),
        ListBlock("bullet", (ListItem((Paragraph("פריט ראשון"),), "-"),), 1),
        LineBlock("שורה אחת\nושורה שנייה"),
        Table((), ((Cell("עמודה"), Cell("column")),)),
    )
    auto = {element.tag.split("}")[1] + ":" + text(element) for element in body.iter() if element.get("dir") == "auto"}
    assert auto == {"p:שלום עולם, hello.", "li:פריט ראשון", "div:שורה אחתושורה שנייה", "td:עמודה"}
    assert all(element.get("dir") is None for element in body.iter() if "English" in text(element) and element.tag.endswith("p"))
    data = convert.render(Document(Meta(title="מדריך"), (Paragraph("text"),)), "epub")
    titles = [element for _, root in epub_spine_documents(data) for element in root.iter(f"{X}h1")]
    assert [element.get("dir") for element in titles if text(element) == "מדריך"] == ["auto"]


def _one_sided(rule: dict[str, str]) -> bool:
    """Whether a rule sets something on one side only (a left margin, a right border, left-aligned text)."""
    if any("left" in name or "right" in name for name in rule) or rule.get("text-align") in ("left", "right"):
        return True
    for shorthand in ("margin", "padding"):
        values = rule.get(shorthand, "").split()
        if len(values) == 4 and values[1] != values[3]:
            return True
    return False


def test_every_one_sided_rule_has_a_right_to_left_mirror():
    """A right-to-left book (``dir="rtl"``) indents lists, quotations and
    line blocks from the right and aligns table cells to the right: each rule
    that sets a side has a ``[dir="rtl"]`` rule setting the other."""
    css = css_rules(STYLESHEET)
    unmirrored = [selector for selector, rule in css.items()
                  if not selector.startswith('[dir="rtl"]') and ".align-" not in selector and _one_sided(rule)
                  and f'[dir="rtl"] {selector}' not in css]
    assert unmirrored == []
