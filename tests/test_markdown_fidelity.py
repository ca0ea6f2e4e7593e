"""Fidelity of the Markdown reader: every word that Markdown's own HTML
rendering shows is in every output, in order.

Two oracles, neither of them the reader:

* the real files of ``corpus/markdown`` rendered to HTML by markdown-it-py
  itself (with the raw-HTML policy of ``docs/markdown.md``: raw HTML is shown
  as text, comments not at all), and the text of that HTML;
* the HTML the CommonMark spec expects for each of its examples
  (``tests/fixtures/commonmark``), in every section the model can hold.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from convert import api
from convert.errors import InputError
from convert.model.validate import check_document
from convert.model.walk import block_texts
from convert.testing import first_missing_word
from extract import EXTRACTORS
from markdown_oracle import COMMENT, html_words, markdown_it, rendered_words

ROOT = Path(__file__).resolve().parent.parent
CORPUS = sorted((ROOT / "corpus" / "markdown").glob("[0-9][0-9]_*.md"))
SPEC = ROOT / "tests" / "fixtures" / "commonmark" / "spec-0.31.2.json"

WRITER_SAMPLES = (
    "03_markdown-README.md",  # setext headings, images, code
    "10_black-PULL_REQUEST_TEMPLATE.md",  # task lists, comments
    "22_axios-MIGRATION_GUIDE.md",  # tables, quotes, nested lists, many headings
    "26_pinyin-pro-README.md",  # Chinese, raw HTML, images
)
"""A few files for the slower writers; JSON is checked on every file."""

OUTSIDE_THE_MODEL = {"HTML blocks", "Raw HTML"}
"""Spec sections about passing HTML through, which the reader shows as text instead."""


@lru_cache(maxsize=1)
def _schema_validator():
    import jsonschema

    schema = json.loads((ROOT / "convert" / "schemas" / "idm.schema.json").read_text("utf-8"))
    return jsonschema.validators.validator_for(schema)(schema)


@pytest.mark.parametrize("path", CORPUS, ids=lambda path: path.name[:2])
def test_every_rendered_word_is_in_the_json(path):
    result = api.read_file(path)
    check_document(result.document)
    data = api.render(result.document, "json")
    _schema_validator().validate(json.loads(data))
    found = EXTRACTORS["json"](data).split()
    missing = first_missing_word(rendered_words(path.read_text("utf-8")), found)
    assert missing is None, f"{path.name}: word {missing!r} missing or out of order"


@pytest.mark.parametrize("format_name", ["epub", "pdf", "docx"])
@pytest.mark.parametrize("name", WRITER_SAMPLES, ids=lambda name: name[:2])
def test_every_rendered_word_is_in_every_output(name, format_name, tmp_path):
    source = tmp_path / name
    source.write_bytes((ROOT / "corpus" / "markdown" / name).read_bytes())
    job = api.convert_file(source, [format_name], output=tmp_path / "out")
    assert job.status == "ok", job.error
    found = EXTRACTORS[format_name](Path(job.outputs[0].path).read_bytes()).split()
    missing = first_missing_word(rendered_words(source.read_text("utf-8")), found)
    assert missing is None, f"{name} as {format_name}: word {missing!r} missing or out of order"


def _spec_examples() -> list[dict]:
    return [example for example in json.loads(SPEC.read_text("utf-8")) if example["section"] not in OUTSIDE_THE_MODEL]


def _reader_words(markdown: str) -> list[str]:
    result = api.read_bytes(markdown.encode("utf-8"), "example.md")
    check_document(result.document)
    document = result.document
    texts = [document.meta.title] if document.meta.title_lines else []
    texts += [text for block in document.blocks for text in block_texts(block)]
    return " ".join(texts).split()


def _has_raw_html(markdown: str) -> bool:
    return any(
        token.type == "html_block" or any(child.type == "html_inline" for child in token.children or ())
        for token in markdown_it().parse(markdown)
    )


def test_commonmark_spec_examples_keep_exactly_the_words_of_the_expected_html():
    examples = _spec_examples()
    checked, wrong = 0, []
    for example in examples:
        if not example["markdown"].strip() or _has_raw_html(example["markdown"]):
            continue
        checked += 1
        expected, found = html_words(example["html"]), _reader_words(example["markdown"])
        if found != expected:
            wrong.append(f"example {example['example']} ({example['section']}): expected {expected}, read {found}")
    assert checked > 550, checked
    assert not wrong, "\n".join(wrong[:10])


def test_commonmark_raw_html_is_kept_as_written():
    """The spec passes raw HTML through; the reader shows it as text instead:
    every tag of those examples appears, as written, in the document's words."""
    html_examples = [
        example for example in json.loads(SPEC.read_text("utf-8"))
        if example["section"] == "Raw HTML" and _has_raw_html(example["markdown"])
    ]
    assert len(html_examples) > 10
    for example in html_examples:
        tags = [
            child.content for token in markdown_it().parse(example["markdown"])
            for child in token.children or () if child.type == "html_inline" and not COMMENT.fullmatch(child.content)
        ]
        text = " ".join(_reader_words(example["markdown"]))
        for tag in tags:
            assert " ".join(tag.split()) in text, f"example {example['example']}: {tag!r} not kept"


MARKDOWN_PIECES = (
    "*", "**", "_", "`", "```", "~~", "~~~", "[", "]", "(", ")", "<", ">", "!", "#", "# ", "- ", "+ ", "1. ",
    "2) ", "|", "|---|", ":", "\\", "&amp;", "&#0;", "<b>", "</b>", "<!--", "-->", "http://x.org", "www.a.com",
    "javascript:x", "a@b.co", "word", "  ", "\n", "\n\n", "    ", "\t", "---", "===", "> ", "[x]: /u", "[x]",
    "![a](b)", "é", "漢", "\x00", "\x1b",
)
"""Fragments of Markdown syntax, mixed at random into documents."""


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(MARKDOWN_PIECES), min_size=1, max_size=40).map("".join))
def test_any_mix_of_markdown_syntax_reads_into_a_valid_document_keeping_every_word(source):
    assume(source.strip(" \n\t"))
    try:
        result = api.read_bytes(source.encode("utf-8"), "mixed.md")
    except InputError as error:
        assume("not a text file" not in str(error))  # more than eight NUL bytes: refused as binary
        raise
    check_document(result.document)
    found = EXTRACTORS["json"](api.render(result.document, "json")).split()
    assert first_missing_word(rendered_words(source), found) is None
