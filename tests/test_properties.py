"""Property-based tests: documents generated from the reader's alphabet.

The default profile keeps CI fast; ``HYPOTHESIS_PROFILE=thorough`` runs many
more examples.
"""

from __future__ import annotations

import hashlib
import io
import os
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

import convert
from convert.errors import InputError
from convert.model.json_form import dumps, loads
from convert.testing import first_missing_word
from convert.model import Heading, ListBlock, Quotation
from convert.model.walk import words
from convert.text.cleaning import strip_terminal_markup

from extract import EXTRACTORS, epub_spine_documents

_CHECKS = [HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
settings.register_profile("default", max_examples=20, deadline=None, suppress_health_check=_CHECKS)
settings.register_profile("thorough", max_examples=500, deadline=None, suppress_health_check=_CHECKS)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

PIECES = st.one_of(
    st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ ", min_size=1, max_size=30),
    st.integers(0, 2500).map(lambda n: f"{n}. "),
    st.integers(3, 8).map(lambda n: "*" * n),
    st.sampled_from(["- ", "* ", "• ", "1) ", "# ", "CHAPTER IV", "\t", "  ", "<b>", "&amp;", "]]>", "---"]),
    st.text(min_size=1, max_size=8),  # arbitrary Unicode, control characters and surrogates included
)
LINE = st.lists(PIECES, max_size=6).map("".join)
DOCUMENT = st.tuples(st.lists(LINE, min_size=1, max_size=25), st.sampled_from(["\n", "\r\n", "\r"])).map(
    lambda parts: parts[1].join(parts[0])
)

# The patterns of the real-world grammar, mixed: indentation, underlines,
# quotes, markers, man-page and mail furniture, tables, terminal markup.
WORDS = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", min_size=1, max_size=12)
PATTERN_LINE = st.one_of(
    st.lists(WORDS, min_size=1, max_size=14).map(" ".join),
    st.tuples(st.sampled_from(["", "  ", "    ", "\t", "\t\t", "       ", "\u00a0"]),
              st.lists(WORDS, min_size=1, max_size=10).map(" ".join)).map("".join),
    st.sampled_from([
        "", "", "=====", "-----", "*** x ***", "==== Title ====", "* Outline", "** Sub.", "> quoted", ">> deeper",
        "> > deep", "%", "-- ", "From x Mon Jan 1 00:00:00 2024", "From: a@b.org", "Subject: Hello", "a) first",
        "(1) one", "ii. two", "[1] ref", "1.1. \"Term\"", "1. One.", "2. Two", "Chapter\u00a01. Begin", "第一章",
        "NAME", "LS(1)   User Commands   LS(1)", "   Subsection", "+----+----+", "| a  | b  |", "a   b   c",
        "x\ty\tz", "$ ls -l", "(setq x 1)", "FOO=bar", "*---->8----", "Label : value", "《题》",
        "\x1b[1mbold\x1b[0m", "_\bu_\bn", "B\bBo\bo", "https://example.org/a_(b)", "mail@example.org.",
        "-----BEGIN PGP SIGNATURE-----", "-----END PGP SIGNATURE-----", "Copyright (c) 2024 Someone",
        "W e l c o m e   t o   i t", "Definitions:", "Title.  Rest of it.", "-*- mode: text -*-",
        "1991/10/18: v2.30", "fetchmail-6.4.37 (released 2023-02-26):", "1.3.7", "Q: Why?", "A: Because.",
        "How so?::", "```", "```python", "----", "+", "*** a.c\tMon", "--- b.c\tTue", "***************",
        "! changed", "@@ -1,2 +1,2 @@", "#port=5353", "# comment", "# cd /usr/include", "o Bullet",
        "・項目", "Hard break  ", ".. code:: python", "Figure 1: A box", "Note", "Table of Contents",
        "HARTFORD, 1876.", "-------------- next part --------------", "GNU grep NEWS   -*- outline -*-",
        "# Title", "   ALL CAPS LINE", "   SECOND CAPS LINE", ">from the mailbox",
    ]),
)
MIXED = st.lists(PATTERN_LINE, min_size=1, max_size=40).map("\n".join)


def letters_and_digits(text: str) -> str:
    return "".join(char for char in text if char.isalnum())


def model_letters(document) -> str:
    """The letters and digits of the model in reading order: the title where
    it was taken from the text, every text, every list marker."""
    pieces: list[tuple[int, str]] = []

    def visit(blocks):
        for block in blocks:
            if isinstance(block, ListBlock):
                for item in block.items:
                    pieces.append((item.lines[0], item.marker or ""))
                    visit(item.blocks)
            elif isinstance(block, Quotation):
                visit(block.blocks)
            elif isinstance(block, Heading):
                pieces.append((block.lines[0], block.label))
            elif hasattr(block, "text"):
                pieces.append((block.lines[0], block.text))

    visit(document.blocks)
    if document.meta.title_lines:
        at = next((i for i, (line, _) in enumerate(pieces) if line >= document.meta.title_lines[0]), len(pieces))
        pieces.insert(at, (document.meta.title_lines[0], document.meta.title))
    return letters_and_digits("".join(text for _, text in pieces))


def read(text: str):
    data = text.encode("utf-8", "surrogatepass")
    try:
        return convert.read_bytes(data, "generated.txt").document
    except InputError as error:  # the only refusal valid UTF-8 text can get
        assert "empty" in str(error) or "whitespace" in str(error) or "not a text file" in str(error)
        return None


@given(MIXED)
def test_reader_keeps_every_letter_and_digit_of_mixed_patterns(text):
    """Whatever the grammar makes of the lines, no letter or digit is lost,
    added or moved (terminal markup is cleaning, taken out first)."""
    document = read(text)
    if document is None:
        return
    expected = letters_and_digits(strip_terminal_markup(text)[0])
    assert model_letters(document) == expected
    assert loads(dumps(document)) == document


@given(DOCUMENT)
def test_reader_and_json_round_trip(text):
    document = read(text)
    if document is not None:
        assert loads(dumps(document)) == document


@pytest.fixture(scope="module")
def keep(tmp_path_factory):
    """Where generated EPUBs are kept, for the session's EPUBCheck sweep."""
    folder = tmp_path_factory.mktemp("generated")
    return lambda data: (folder / f"{hashlib.sha256(data).hexdigest()[:16]}.epub").write_bytes(data)


@given(DOCUMENT)
def test_every_writer_keeps_the_text(keep, text):
    document = read(text)
    if document is None:
        return
    expected = words(document)
    for fmt in ("json", "epub", "docx"):
        data = convert.render(document, fmt)
        missing = first_missing_word(expected, EXTRACTORS[fmt](data).split())
        assert missing is None, (fmt, missing)
    epub = convert.render(document, "epub")
    keep(epub)
    for _, root in epub_spine_documents(epub):
        assert root.tag.endswith("html")
    pdf = convert.render(document, "pdf")
    from pypdf import PdfReader

    assert len(PdfReader(io.BytesIO(pdf), strict=True).pages) >= 1


@given(DOCUMENT)
def test_docx_parts_are_well_formed(text):
    document = read(text)
    if document is None:
        return
    archive = zipfile.ZipFile(io.BytesIO(convert.render(document, "docx")))
    for name in archive.namelist():
        if name.endswith((".xml", ".rels")):
            etree.fromstring(archive.read(name))
