"""The Markdown reader: what each construct becomes in the model, the title
rule, front matter, unsafe and unusual input, folders and ``--inspect``.

Fidelity against markdown-it's HTML and the CommonMark spec is in
``test_markdown_fidelity.py``."""

from __future__ import annotations

import json

import pytest

from conftest import ROOT, run_cli
from extract import EXTRACTORS
from convert import api
from convert.errors import InputError
from convert.model import (
    Heading,
    ListBlock,
    Paragraph,
    Quotation,
    SceneBreak,
    Span,
    Table,
    Verbatim,
)
from convert.model.json_form import loads
from convert.model.validate import MAX_DEPTH, check_document
from convert.model.walk import iter_blocks, words


def read(text: str | bytes, name: str = "doc.md", **settings):
    data = text.encode("utf-8") if isinstance(text, str) else text
    result = api.read_bytes(data, name, **settings)
    check_document(result.document)
    return result


def blocks(text: str) -> tuple:
    return read(text).document.blocks


def marked(node, kind: str) -> list[str]:
    """The texts of a node under spans of one kind."""
    return [node.text[span.start : span.end] for span in node.spans if span.kind == kind]


def warned(result, code: str) -> list[str]:
    return [str(warning) for warning in result.warnings if warning.code == code]


# headings and paragraphs


def test_atx_and_setext_headings_keep_level_and_spans():
    found = blocks("Intro.\n\n# One *a*\n\nTwo `b`\n-------\n\n###### Six ######\n")
    assert found[1:] == (
        Heading(1, "One a", None, (3, 3), (Span(4, 5, "emphasis"),)),
        Heading(2, "Two b", None, (5, 6), (Span(4, 5, "code"),)),
        Heading(6, "Six", None, (8, 8)),
    )


def test_paragraph_spans_and_breaks():
    source = (
        "Some *em*, **strong**, `co de`, [link](https://example.org/a \"title\"), ~~old~~\n"
        "soft break, hard break  \n"
        "and backslash break\\\n"
        "end."
    )
    (paragraph,) = blocks(source)
    assert paragraph.text == (
        "Some em, strong, co de, link, old soft break, hard break and backslash break end."
    )
    assert marked(paragraph, "emphasis") == ["em"] and marked(paragraph, "strong") == ["strong"]
    assert marked(paragraph, "code") == ["co de"] and marked(paragraph, "strikethrough") == ["old"]
    assert [(s.target, paragraph.text[s.start : s.end]) for s in paragraph.spans if s.kind == "link"] == [
        ("https://example.org/a", "link")
    ]
    breaks = [span for span in paragraph.spans if span.kind == "line-break"]
    assert [paragraph.text[s.start : s.end] for s in breaks] == [" ", " "]
    assert paragraph.text[: breaks[0].start].endswith("hard break")
    assert paragraph.lines == (1, 4)


def test_nested_emphasis_of_one_kind_becomes_one_span():
    (paragraph,) = blocks("*a *b* c* and **x **y** z**\n")
    assert paragraph.text == "a b c and x y z"
    assert marked(paragraph, "emphasis") == ["a b c"] and marked(paragraph, "strong") == ["x y z"]


def test_entities_and_escapes_read_as_characters():
    (paragraph,) = blocks("&copy; &amp; \\*not em\\* &#35;\n")
    assert paragraph.text == "© & *not em* #" and not paragraph.spans


# code


def test_fenced_code_keeps_every_line_and_the_first_word_of_the_info_string():
    found = blocks("```python  extra words\ndef f():\n\n    return '<x>'\n```\n\n~~~\nplain\n~~~\n")
    assert found == (
        Verbatim("def f():\n\n    return '<x>'", "code", "python", (1, 5)),
        Verbatim("plain", "code", None, (7, 9)),
    )


def test_indented_code_is_verbatim():
    assert blocks("Text.\n\n    code\n      more\n") == (
        Paragraph("Text.", (1, 1)),
        Verbatim("code\n  more", "code", None, (3, 4)),
    )


# containers


def test_block_quotes_nest_and_hold_lists():
    (quote,) = blocks("> quoted\n> > deeper\n> - item\n")
    assert isinstance(quote, Quotation) and quote.lines == (1, 3)
    first, inner, listed = quote.blocks
    assert first == Paragraph("quoted", (1, 1))
    assert inner == Quotation((Paragraph("deeper", (2, 2)),), None, (2, 2))
    assert isinstance(listed, ListBlock) and listed.items[0].text == "item"


def test_ordered_lists_keep_start_and_markers_as_written():
    (numbered,) = blocks("3) three\n4) four\n")
    assert (numbered.style, numbered.start) == ("decimal", 3)
    assert [item.marker for item in numbered.items] == ["3)", "4)"]
    (ones,) = blocks("1. a\n1. b\n")
    assert ones.start == 1 and [item.marker for item in ones.items] == ["1.", "1."]


@pytest.mark.parametrize("marker", ["-", "*", "+"])
def test_bullet_lists_keep_their_marker(marker):
    (listed,) = blocks(f"{marker} a\n{marker} b\n")
    assert listed.style == "bullet" and [item.marker for item in listed.items] == [marker, marker]


def test_nested_lists_and_several_paragraphs_per_item():
    (listed,) = blocks("* star\n  + nested\n\n  second paragraph\n* [ ] task\n* [x] done\n")
    first, task, done = listed.items
    assert [type(block) for block in first.blocks] == [Paragraph, ListBlock, Paragraph]
    assert first.blocks[1].items[0].marker == "+" and first.blocks[2].text == "second paragraph"
    assert (task.text, done.text) == ("[ ] task", "[x] done")
    assert first.lines == (1, 4) and listed.lines == (1, 6)


def test_headings_inside_containers_become_strong_paragraphs():
    (listed,) = blocks("- # Heading in a **list**\n")
    (paragraph,) = listed.items[0].blocks
    assert paragraph.text == "Heading in a list" and paragraph.spans == (Span(0, 17, "strong"),)


def test_tables_keep_alignment_header_and_cells():
    (table,) = blocks("| L | C | R | N |\n|:--|:-:|--:|---|\n| a | *b* | c |\n| 1 | 2 | 3 | 4 |\n")
    assert isinstance(table, Table) and table.lines == (1, 4)
    assert table.align == ("left", "center", "right", None)
    assert [cell.text for cell in table.head[0]] == ["L", "C", "R", "N"]
    assert [[cell.text for cell in row] for row in table.body] == [["a", "b", "c", ""], ["1", "2", "3", "4"]]
    assert table.body[0][1].spans == (Span(0, 1, "emphasis"),)
    (plain,) = blocks("| a |\n|---|\n")
    assert plain.align == () and plain.body == ()


def test_thematic_breaks_are_scene_breaks():
    assert blocks("a\n\n***\n\nb\n\n- - -\n")[1::2] == (SceneBreak((3, 3)), SceneBreak((7, 7)))


def test_every_node_records_its_source_lines():
    path = ROOT / "corpus" / "markdown" / "21_terser-README.md"
    document = api.read_file(path).document
    count = len(path.read_text("utf-8").splitlines())
    for block in iter_blocks(document.blocks):
        first, last = block.lines
        assert 1 <= first <= last <= count, block
        if isinstance(block, ListBlock):
            assert all(block.lines[0] <= item.lines[0] <= item.lines[1] <= block.lines[1] for item in block.items)


# what the model cannot hold


def test_images_become_their_alt_text_with_a_warning():
    result = read("See ![the *logo*](img/logo.png \"t\") and ![](badge.svg) here.\n")
    (paragraph,) = result.document.blocks
    assert paragraph.text == "See the logo and  here."
    found = warned(result, "image")
    assert len(found) == 2 and "img/logo.png" in found[0] and "'the logo'" in found[0]
    assert "badge.svg" in found[1] and "no alt text" in found[1]


def test_raw_html_is_kept_as_text_with_a_warning():
    result = read('<div align="center">\n  <b>hi</b>\n</div>\n\nA <span class="x">tag</span> inline.\n')
    html, paragraph = result.document.blocks
    assert html == Verbatim('<div align="center">\n  <b>hi</b>\n</div>', "code", "html", (1, 3))
    assert paragraph.text == 'A <span class="x">tag</span> inline.'
    assert len(warned(result, "raw-html")) == 2


def test_html_comments_are_left_out_without_a_warning():
    result = read("<!-- block comment -->\n\nText <!-- inline --> here.\n\n<!--\nmany\nlines\n-->\n")
    assert result.document.blocks == (Paragraph("Text  here.", (3, 3)),)
    assert not result.warnings
    assert any("3 HTML comments left out" in note.message for note in result.notes)


def test_a_comment_ends_at_its_first_closing_mark_and_the_text_after_it_stays():
    # "<!---->" is a whole comment: the "-->" after it is text a browser shows
    block = read("<!---->-->\n").document.blocks
    assert [(type(node).__name__, node.text) for node in block] == [("Verbatim", "<!---->-->")]
    (paragraph,) = read("Text <!---->--> here.\n").document.blocks
    assert paragraph.text == "Text --> here."


def test_unsafe_links_keep_their_text_and_are_reported():
    result = read("[click](javascript:alert(1)) <javascript:void(0)> [v](VBSCRIPT:x) [d](data:text/html,x)\n")
    (paragraph,) = result.document.blocks
    assert paragraph.text == "click javascript:void(0) v d" and not paragraph.spans
    assert len(warned(result, "unsafe-link")) == 4


def test_relative_links_and_other_schemes_are_text_without_a_warning():
    result = read("[doc](docs/a.md), [anchor](#usage), [ref](xref:guide), [mail](mailto:a@b.org)\n")
    (paragraph,) = result.document.blocks
    assert [span.target for span in paragraph.spans] == ["mailto:a@b.org"]
    assert not result.warnings


def test_link_targets_are_valid_urls():
    (paragraph,) = blocks("[chat](https://matrix.to/#/#room:matrix.org) [é](<https://example.org/a b>) <https://x.org/ü>\n")
    assert [span.target for span in paragraph.spans] == [
        "https://matrix.to/#/%23room:matrix.org", "https://example.org/a%20b", "https://x.org/%C3%BC"
    ]


def test_autolinks_follow_github():
    (paragraph,) = blocks("Visit www.example.org, <https://x.org/%20y> or a@b.org; run setup.py.\n")
    links = {paragraph.text[s.start : s.end]: s.target for s in paragraph.spans if s.kind == "link"}
    assert links == {
        "www.example.org": "http://www.example.org",
        "https://x.org/%20y": "https://x.org/%20y",
        "a@b.org": "mailto:a@b.org",
    }


def test_link_reference_definitions_are_not_text():
    (paragraph,) = blocks("See [the site][s] and [nowhere][none].\n\n[s]: https://example.org\n")
    assert paragraph.text == "See the site and [nowhere][none]."
    assert [span.target for span in paragraph.spans] == ["https://example.org"]


# title and metadata


def test_a_single_first_level_heading_at_the_top_is_the_title():
    result = read("# The Title\n\nBody.\n\n## Part\n")
    meta = result.document.meta
    assert (meta.title, meta.title_lines) == ("The Title", (1, 1))
    assert [type(block) for block in result.document.blocks] == [Paragraph, Heading]


@pytest.mark.parametrize("source", ["# One\n\n# Two\n", "Intro.\n\n# Not first\n", "## Second level\n"])
def test_otherwise_the_title_is_the_file_name(source):
    result = read(source, "my_notes.md")
    assert result.document.meta.title == "My notes" and result.document.meta.title_lines is None
    assert len(result.document.blocks) == len(api.read_bytes(source.encode(), "x.md").document.blocks)


def test_front_matter_gives_title_authors_language_and_more():
    source = (
        "---\ntitle: \"From: the front\"\nauthors:\n  - Ann One\n  - name: Bob Two\nlang: pt-BR\n"
        "date: 2024-01-02\nkeywords: [a, b]\noutline: deep\n---\n\n# Heading kept\n\nText.\n"
    )
    result = read(source)
    meta, found = result.document.meta, result.document.blocks
    assert (meta.title, meta.authors, meta.language) == ("From: the front", ("Ann One", "Bob Two"), "pt-BR")
    assert meta.get("date") == "2024-01-02" and meta.get("keywords") == "a, b" and meta.get("outline") is None
    assert found[0] == Heading(1, "Heading kept", None, (12, 12)) and found[1].lines == (14, 14)
    assert any("outline" in note.message for note in result.notes)


def test_the_command_line_wins_over_front_matter():
    source = "---\ntitle: Front\nauthor: Ann; Bob\nlanguage: de\n---\nText.\n"
    meta = read(source).document.meta
    assert (meta.title, meta.authors, meta.language) == ("Front", ("Ann", "Bob"), "de")
    meta = read(source, metadata={"title": "Given", "author": "Cy", "language": "fr"}).document.meta
    assert (meta.title, meta.authors, meta.language) == ("Given", ("Cy",), "fr")


def test_a_title_given_on_the_command_line_keeps_the_heading_words():
    result = read("# Heading title\n\nBody.\n", metadata={"title": "Given"})
    assert result.document.meta.title == "Given"
    assert words(result.document) == ["Given", "Heading", "title", "Body."]


def test_front_matter_that_is_not_yaml_is_read_as_markdown_with_a_warning():
    result = read("---\ntitle: [unclosed\n---\nText.\n")
    assert warned(result, "front-matter") and "unclosed" in " ".join(words(result.document))
    result = read("---\nlang: not a tag!\n---\nText.\n")
    assert result.document.meta.language == "en" and warned(result, "front-matter")


def test_a_document_that_starts_with_a_thematic_break_has_no_front_matter():
    found = blocks("---\n\nJust text\n---\n")
    assert isinstance(found[0], SceneBreak) and isinstance(found[1], Heading)


# decoding is the core's


def test_decoding_follows_the_core_rules(tmp_path):
    assert blocks("\ufeff# T\n\nb\u00e9b\u00e9\n") == (Paragraph("bébé", (3, 3)),)
    assert read("# T\n\nbébé\n".encode("utf-16")).document.blocks == (Paragraph("bébé", (3, 3)),)
    assert blocks("# T\r\n\r\nline one\r\nline two\rend\r\n") == (Paragraph("line one line two end", (3, 5)),)
    guessed = read("# T\n\nb\u00e9b\u00e9\n".encode("cp1252"))
    assert guessed.document.blocks == (Paragraph("bébé", (3, 3)),) and guessed.warnings
    with pytest.raises(InputError, match="not a text file"):
        read(b"\x89PNG\r\n\x1a\n" + bytes(200))
    with pytest.raises(InputError, match="empty"):
        read(b"")
    with pytest.raises(InputError, match="only whitespace"):
        read(" \n\n")


# bad input: no crash, a valid document, one-line warnings


def _deepest(found: tuple, depth: int = 0) -> int:
    deepest = depth
    for block in found:
        if isinstance(block, Quotation):
            deepest = max(deepest, _deepest(block.blocks, depth + 1))
        elif isinstance(block, ListBlock):
            for item in block.items:
                deepest = max(deepest, _deepest(item.blocks, depth + 1))
    return deepest


BAD_INPUT = {
    "unclosed-fence": "# T\n\nText.\n\n```python\ncode\n\nbottom after\n",
    "deep-quotes": ">" * 10_000 + " bottom\n\nafter\n",
    "deep-lists": "- " * 10_000 + "bottom\n\nafter\n",
    "deep-ordered-lists": "1. " * 10_000 + "bottom\n\nafter\n",
    "deep-indented-lists": "".join("  " * n + f"- level{n}\n" for n in range(300)) + "  " * 300 + "- bottom\n\nafter\n",
    "deep-mixed": "> - " * 5_000 + "bottom\n\nafter\n",
    "wide-table-row": "| a | b |\n|---|---|\n| " + "x" * (5 * 1024 * 1024) + " | bottom |\n\nafter\n",
    "many-cells": "| a | b |\n|---|---|\n" + "| bottom " * 200_000 + "|\n\nafter\n",
    "dangling-references": "[a]: \n[b]: <>\n\nSee [a], [b], [c][none], [d][].\n\n[e]: /nowhere\n\nbottom after\n",
    "javascript": "[bottom](javascript:alert(1)) <javascript:x> ![i](javascript:y)\n\nafter\n",
    "comments": "<!-- x -->\n\nbottom <!-- y --> <!--\n\nafter\n",
    "nul": "# Ti\x00tle\n\nbottom\x00 after\n",
    "brackets": "[" * 20_000 + "bottom" + "]" * 20_000 + "\n\nafter\n",
}


@pytest.mark.parametrize("name", BAD_INPUT)
def test_bad_input_gives_a_valid_document_and_one_line_warnings(name):
    result = read(BAD_INPUT[name])
    text = " ".join(words(result.document))
    assert "bottom" in text and "after" in text
    assert _deepest(result.document.blocks) <= MAX_DEPTH
    assert all("\n" not in str(warning) and len(str(warning)) < 200 for warning in result.warnings)
    loads(json.dumps(json.loads(api.render(result.document, "json"))), "again.json")


def test_what_is_reported_about_bad_input():
    assert warned(read(BAD_INPUT["unclosed-fence"]), "unclosed-fence") == [
        "line 5: code block opened with ``` is never closed; it runs to the end of its container"
    ]
    deep = read(BAD_INPUT["deep-quotes"])
    assert len(warned(deep, "too-deep")) == 1 and _deepest(deep.document.blocks) == MAX_DEPTH
    assert deep.document.blocks[-1] == Paragraph("after", (3, 3))
    assert len(warned(read(BAD_INPUT["javascript"]), "unsafe-link")) == 2
    assert warned(read(BAD_INPUT["nul"]), "nul-character") == [
        "line 1: NUL characters are replaced with U+FFFD, as CommonMark requires"
    ]


WRITER_BAD_INPUT = ("unclosed-fence", "deep-quotes", "deep-lists", "deep-mixed", "dangling-references",
                    "javascript", "comments", "nul")


@pytest.mark.parametrize("format_name", ["epub", "pdf", "docx"])
@pytest.mark.parametrize("name", WRITER_BAD_INPUT)
def test_bad_input_gives_valid_outputs(name, format_name, tmp_path):
    """Every writer renders what the reader made of bad input; each EPUB is
    checked by EPUBCheck at the end of the session (conftest)."""
    source = tmp_path / f"{name}.md"
    source.write_text(BAD_INPUT[name], "utf-8")
    job = api.convert_file(source, [format_name], output=tmp_path / "out")
    assert job.status == "ok", job.error
    text = EXTRACTORS[format_name](open(job.outputs[0].path, "rb").read())
    assert "bottom" in text and "after" in text


# the command line


def test_folders_are_scanned_for_markdown_beside_text(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "guide.md").write_text("# Guide\n\nRead *me*.\n", "utf-8")
    (tmp_path / "docs" / "notes.markdown").write_text("Some notes.\n", "utf-8")
    (tmp_path / "plain.txt").write_text("Plain\n\nText.\n", "utf-8")
    (tmp_path / "data.json").write_text("{}", "utf-8")
    result = run_cli(tmp_path, "--to", "json", "-o", tmp_path / "out", "-j", "1")
    assert result.returncode == 0, result.stderr
    written = sorted(p.relative_to(tmp_path / "out").as_posix() for p in (tmp_path / "out").rglob("*.json"))
    assert written == ["docs/guide.json", "docs/notes.json", "plain.json"]
    guide = json.loads((tmp_path / "out" / "docs" / "guide.json").read_text("utf-8"))
    assert guide["meta"]["title"] == "Guide" and guide["blocks"][0]["spans"] == [[5, 7, "emphasis", None]]


def test_inspect_shows_the_markdown_outline_with_source_lines(tmp_path):
    source = tmp_path / "readme.md"
    source.write_text("# Tool\n\nIntro.\n\n## Use\n\n```sh\nrun\n```\n\n> note\n\n| a |\n|---|\n| 1 |\n\n- x\n- y\n", "utf-8")
    out = run_cli(source, "--inspect", check=True).stdout
    assert "title:     'Tool' (line 1)" in out
    assert "title-source: the only first-level heading" in out
    assert "heading 2: Use   [ATX heading (##)]" in out
    assert "7-9  verbatim code (sh)   [fenced code ```, language sh]" in out
    assert "11  quotation, 1 block   [block quote >]" in out
    assert "13-15  table, 2 rows of 1 columns   [GFM table]" in out
    assert "17-18  bulleted list, 2 items   [bullet list, marker -]" in out
    assert not list(tmp_path.glob("readme.*[!d]"))


def test_from_markdown_reads_any_file_and_the_plugin_is_listed(tmp_path):
    source = tmp_path / "notes.txt"
    source.write_text("Some **bold** words.\n", "utf-8")
    run_cli(source, "--from", "markdown", "--to", "json", check=True)
    (paragraph,) = json.loads(source.with_suffix(".json").read_text("utf-8"))["blocks"]
    assert paragraph["text"] == "Some bold words."
    listing = json.loads(run_cli("--list-plugins", "--json", check=True).stdout)
    ours = [plugin for plugin in listing["plugins"] if "markdown" in plugin["input_formats"]]
    assert len(ours) == 1 and ours[0]["source"] == "built-in" and ours[0]["module"] == "convert_plugins.markdown"
