"""The Markdown plugin: the conformance kit, plus what is special to Markdown."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from markdown_it import MarkdownIt

from convert import BLOCK_TYPES
from convert.testing import WriterConformance
from convert_text_markdown.writer import RULES

SEED = Path(__file__).resolve().parents[3] / "seeds" / "000_fbb78fa2d04dba80.txt"


def markdown_text(data: bytes) -> str:
    """The text a Markdown reader sees: CommonMark-parsed, markup removed."""
    tokens = MarkdownIt("commonmark").parse(data.decode("utf-8"))
    words = []
    for token in tokens:
        if token.type == "inline":
            words.extend(child.content for child in token.children if child.type in ("text", "code_inline"))
            words.append("\n")
    return " ".join(words)


class TestMarkdownConformance(WriterConformance):
    format_name = "markdown"
    extract_text = staticmethod(markdown_text)


def test_rules_cover_every_node_type():
    assert set(RULES) == set(BLOCK_TYPES)


def test_seed_converts_through_the_cli(tmp_path):
    source = tmp_path / SEED.name
    source.write_bytes(SEED.read_bytes())
    subprocess.run([sys.executable, "-m", "convert", str(source), "--to", "markdown"], check=True)
    data = source.with_suffix(".md").read_bytes()
    tokens = MarkdownIt("commonmark").parse(data.decode("utf-8"))
    headings = [t for t in tokens if t.type == "heading_open"]
    assert len(headings) == 13  # the title and 12 headlines
    assert sum(1 for t in tokens if t.type == "hr") == 34
    assert sum(1 for t in tokens if t.type == "list_item_open") == 3
    assert "3. Layoffs by US firms" in markdown_text(data)


def test_plugin_is_listed_as_an_installed_package():
    out = subprocess.run([sys.executable, "-m", "convert", "--list-plugins"], capture_output=True, text=True).stdout
    assert "markdown  (convert-text-markdown 1.0.0, installed package" in out
