"""Property-based tests on the model itself: documents generated from the
node set the schema accepts (every block type, every span kind, nesting),
rendered in every format.  No writer may crash on a document the schema
accepts, and what it writes must open as its format.

Settings come from tests/test_properties.py's profiles (``HYPOTHESIS_PROFILE``).
"""

from __future__ import annotations

import io
import json
import re
import zipfile

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

import convert
import test_properties  # noqa: F401  (registers and loads the hypothesis profiles)
from convert.model import (
    LIST_STYLES,
    SPAN_KINDS,
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
)
from convert.model.json_form import dumps, loads, schema_text, to_dict
from convert.model.json_text import encode, iter_document
from convert.model.validate import check_document
from convert.model.walk import words
from convert.testing import first_missing_word

from extract import EXTRACTORS, epub_spine_documents

TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from(" <&>]]\t\u00a0"),
    min_size=0,
    max_size=40,
)
WORDY = st.lists(st.sampled_from(["alpha", "beta", "<b>", "&amp;", "x]]>", "漢字", "مرحبا", "😀", "e\u0301"]),
                 min_size=1, max_size=6).map(" ".join)
LINES = (0, 0)


@st.composite
def spans_over(draw, text: str) -> tuple[Span, ...]:
    """Sorted spans inside ``text``, never two of one kind overlapping."""
    if not text:
        return ()
    spans = []
    for kind in draw(st.lists(st.sampled_from(SPAN_KINDS), max_size=4, unique=True)):
        if kind == "line-break":  # the model's rule: over exactly one space
            spaces = [i for i, char in enumerate(text) if char == " "]
            if spaces:
                at = draw(st.sampled_from(spaces))
                spans.append(Span(at, at + 1, kind))
            continue
        start = draw(st.integers(0, len(text) - 1))
        end = draw(st.integers(start + 1, len(text)))
        target = draw(st.sampled_from(["https://example.org/a b", "mailto:a@b.c", "javascript:x", "#here"])) if kind == "link" else None
        spans.append(Span(start, end, kind, target))
    return tuple(sorted(spans, key=lambda s: (s.start, s.end)))


@st.composite
def spanned_text(draw) -> tuple[str, tuple[Span, ...]]:
    text = draw(st.one_of(WORDY, TEXT))
    return text, draw(spans_over(text))


@st.composite
def paragraph(draw):
    text, spans = draw(spanned_text())
    return Paragraph(text, LINES, spans)


@st.composite
def heading(draw):
    text, spans = draw(spanned_text())
    return Heading(draw(st.integers(1, 6)), text, draw(st.sampled_from([None, "1.", "IV"])), LINES, spans)


@st.composite
def line_block(draw):
    text = "\n".join(draw(st.lists(st.one_of(WORDY, TEXT), min_size=1, max_size=4)))
    return LineBlock(text, LINES, draw(spans_over(text)))


verbatim = st.builds(
    Verbatim,
    st.lists(st.one_of(WORDY, TEXT), max_size=4).map("\n".join),
    st.sampled_from([None, "code", "table", "headers"]),
    st.sampled_from([None, "c", "<x>"]),
)


@st.composite
def table(draw):
    width = draw(st.integers(1, 4))
    row = st.lists(spanned_text().map(lambda pair: Cell(*pair)), min_size=width, max_size=width).map(tuple)
    head = tuple(draw(st.lists(row, max_size=1)))
    body = tuple(draw(st.lists(row, min_size=0 if head else 1, max_size=3)))
    align = draw(st.one_of(st.just(()), st.lists(st.sampled_from([None, "left", "center", "right"]),
                                                  min_size=width, max_size=width).map(tuple)))
    return Table(head, body, align)


LEAVES = st.one_of(paragraph(), line_block(), verbatim, table(), st.just(SceneBreak()))


def containers(children):
    item = st.builds(ListItem, st.lists(children, max_size=3).map(tuple), st.sampled_from([None, "-", "a)", "(iv)"]))
    lists = st.builds(ListBlock, st.sampled_from(LIST_STYLES), st.lists(item, min_size=1, max_size=3).map(tuple),
                      st.integers(0, 10**9))
    quotes = st.builds(Quotation, st.lists(children, max_size=3).map(tuple), st.sampled_from([None, "Someone <x>"]))
    return st.one_of(lists, quotes)


BLOCK = st.recursive(LEAVES, containers, max_leaves=12)
DOCUMENT = st.builds(
    Document,
    st.builds(Meta, WORDY, st.sampled_from(["en", "ar", "he", "zh", "pt-BR"]), st.lists(WORDY, max_size=2).map(tuple),
              st.just("generated.txt"), st.just("0" * 64), st.just("2026-01-01T00:00:00Z")),
    st.lists(st.one_of(BLOCK, heading()), max_size=8).map(tuple),
)
SCHEMA = jsonschema.Draft202012Validator(json.loads(schema_text("idm")))


@given(DOCUMENT)
def test_generated_documents_are_valid_and_round_trip_through_json(document):
    check_document(document)
    text = dumps(document)
    SCHEMA.validate(json.loads(text))
    assert loads(text) == document and dumps(loads(text)) == text


def _indented_form(data) -> str:
    """The JSON form as documented: ``json.dumps(indent=2)`` with pairs and spans on one line."""
    text = json.dumps(data, ensure_ascii=False, indent=2)
    text = re.sub(r'\[\n\s*(\d+),\n\s*(\d+),\n\s*("[a-z-]+"),\n\s*(null|"(?:[^"\\]|\\.)*")\n\s*\]',
                  r"[\1, \2, \3, \4]", text)
    return re.sub(r"\[\n\s*(\d+),\n\s*(\d+)\n\s*\]", r"[\1, \2]", text) + "\n"


@given(DOCUMENT)
def test_json_text_is_the_documented_indented_form(document):
    assert dumps(document) == _indented_form(to_dict(document))


JSON_VALUES = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(-3, 2**70), st.floats(), st.text(max_size=6),
              st.sampled_from(["link", "line-break", "code", "a_b", ""])),
    lambda inner: st.one_of(st.lists(inner, max_size=5), st.lists(inner, max_size=5).map(tuple),
                            st.dictionaries(st.one_of(st.text(max_size=4), st.integers(), st.booleans(),
                                                      st.none(), st.floats()), inner, max_size=4)),
    max_leaves=20,
)


@given(JSON_VALUES)
def test_json_text_encodes_any_value_as_json_dumps_does(value):
    assert "".join(iter_document({"value": value}, iter([value, {"x": value}]))) == _indented_form(
        {"value": value, "blocks": [value, {"x": value}]})


def test_json_text_refuses_what_json_dumps_refuses():
    with pytest.raises(TypeError):
        encode({"x": object()})
    with pytest.raises(TypeError):
        encode({(1, 2): 1})


@pytest.mark.parametrize("fmt", ["epub", "docx", "pdf"])
@given(document=DOCUMENT)
def test_every_writer_renders_any_valid_document(fmt, document):
    data = convert.render(document, fmt)
    if fmt == "epub":
        for _, root in epub_spine_documents(data):
            assert root.tag.endswith("html")
    elif fmt == "docx":
        archive = zipfile.ZipFile(io.BytesIO(data))
        for name in archive.namelist():
            if name.endswith(".xml") or name.endswith(".rels"):
                etree.fromstring(archive.read(name))
    else:
        from pypdf import PdfReader

        assert len(PdfReader(io.BytesIO(data), strict=True).pages) >= 1
    if fmt != "pdf":  # the PDF may lack glyphs for generated characters; its fidelity is tested on real text
        missing = first_missing_word(words(document), EXTRACTORS[fmt](data).split())
        assert missing is None, missing
