"""The Markdown plugin: the conformance kit, plus what is special to Markdown."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from markdown_it import MarkdownIt

from convert import BLOCK_TYPES, api
from convert.testing import WriterConformance, standard_documents
from convert_text_markdown.writer import RULES

SEED = Path(__file__).resolve().parents[3] / "seeds" / "000_fbb78fa2d04dba80.txt"


def parse(data: bytes) -> list:
    """CommonMark tokens, with GitHub's tables and strikethrough."""
    return MarkdownIt("commonmark").enable(["table", "strikethrough"]).parse(data.decode("utf-8"))


def markdown_text(data: bytes) -> str:
    """The text a Markdown reader sees: parsed, markup removed."""
    words = []
    for token in parse(data):
        if token.type == "inline":
            words.extend(child.content if child.type in ("text", "code_inline") else " "
                         for child in token.children if child.type in ("text", "code_inline", "softbreak", "hardbreak"))
        elif token.type in ("fence", "code_block"):
            words.append(token.content)
        words.append(" ")
    return "".join(words)


class TestMarkdownConformance(WriterConformance):
    format_name = "markdown"
    extract_text = staticmethod(markdown_text)


def test_rules_cover_every_node_type():
    assert set(RULES) == set(BLOCK_TYPES)


def test_every_node_and_span_kind_is_markdown():
    tokens = parse(api.render(standard_documents()["every-node-type"], "markdown"))
    kinds = [token.type for token in tokens]
    inline = [child for token in tokens if token.type == "inline" for child in token.children]
    fence = next(token for token in tokens if token.type == "fence")
    assert fence.info == "c" and fence.content.startswith("int main(void) {\n    printf")
    depth, deepest = 0, 0
    for kind in kinds:  # quotations nest
        depth += {"blockquote_open": 1, "blockquote_close": -1}.get(kind, 0)
        deepest = max(deepest, depth)
    assert deepest == 2
    starts = [token.attrGet("start") for token in tokens if token.type == "ordered_list_open"]
    assert starts == [None, None, None, 4, 2, 7]  # six ordered lists, each with its start; none merged
    assert kinds.count("bullet_list_open") == 2 and kinds.count("table_open") == 1
    assert [t.attrGet("style") for t in tokens if t.type == "td_open"][:2] == ["text-align:left", "text-align:right"]
    links = [child.attrGet("href") for child in inline if child.type == "link_open"]
    assert links == ["https://example.org/a?b=1&c=%3C2%3E", "https://example.org"]
    for kind in ("em_open", "strong_open", "s_open", "code_inline", "hardbreak"):
        assert any(child.type == kind for child in inline), kind
    verse = next(token for token in tokens if token.type == "inline" and token.content.startswith("The rain"))
    assert sum(child.type == "hardbreak" for child in verse.children) == 3


def test_markdown_characters_read_literally():
    from convert.testing import HOSTILE

    data = api.render(standard_documents()["hostile-text"], "markdown")
    text = markdown_text(data)
    assert HOSTILE.split()[0] in text and "*stars*" in text and "[link](x)" in text
    assert "javascript" not in "".join(t.attrGet("href") or "" for t in parse(data) if t.type == "link_open")


def test_spans_that_markdown_cannot_delimit_keep_their_text():
    from convert import Document, Meta, Paragraph, Span

    spans = (Span(4, 8, "emphasis"), Span(16, 23, "strong"), Span(18, 25, "emphasis"))  # "bold both" crossed
    data = api.render(Document(Meta(title="T"), (Paragraph("say foo.bar and bold both", spans=spans),)), "markdown")
    assert markdown_text(data).split() == ["T", "say", "foo.bar", "and", "bold", "both"]


def test_seed_converts_through_the_cli(tmp_path):
    source = tmp_path / SEED.name
    source.write_bytes(SEED.read_bytes())
    subprocess.run([sys.executable, "-m", "convert", str(source), "--to", "markdown"], check=True)
    data = source.with_suffix(".md").read_bytes()
    tokens = parse(data)
    headings = [t for t in tokens if t.type == "heading_open"]
    assert len(headings) == 13  # the title and 12 headlines
    assert sum(1 for t in tokens if t.type == "hr") == 34
    assert sum(1 for t in tokens if t.type == "list_item_open") == 3
    assert "3. Layoffs by US firms" in markdown_text(data)


def test_plugin_is_listed_as_an_installed_package():
    out = subprocess.run([sys.executable, "-m", "convert", "--list-plugins"], capture_output=True, text=True).stdout
    assert "markdown  (convert-text-markdown 1.0.0, installed package" in out
