"""The plain-text reader on the seed and on encodings and line-ending variants."""

from __future__ import annotations

import codecs

import pytest

from convert.errors import InputError
from convert.plugin.formats import ReadContext
from convert.model import Heading, ListBlock, Paragraph, SceneBreak
from convert.plaintext import read_plain_text
from convert.model.walk import iter_sections, words

from conftest import SEED, source_words


def read(data: bytes, name: str = SEED.name):
    return read_plain_text(data, ReadContext(name))


@pytest.fixture(scope="module")
def seed_result():
    return read(SEED.read_bytes())


def count(document, kind):
    return sum(1 for block in document.blocks if isinstance(block, kind))


def test_seed_structure(seed_result):
    document = seed_result.document
    assert document.meta.title == "Headlines at the World Socialist Web Site today:"
    assert document.meta.title_lines == (1, 1)
    headings = [block for block in document.blocks if isinstance(block, Heading)]
    assert [h.number for h in headings] == [f"{n}." for n in (3, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15)]
    assert all(h.level == 1 for h in headings)
    assert count(document, Paragraph) == 173
    assert count(document, SceneBreak) == 34
    lists = [block for block in document.blocks if isinstance(block, ListBlock)]
    assert len(lists) == 1 and len(lists[0].items) == 3 and not lists[0].ordered
    assert lists[0].items[0].text.startswith("Hands off the towers!")


def test_seed_every_word_in_order(seed_result):
    assert words(seed_result.document) == source_words(SEED)


def test_seed_sections(seed_result):
    sections = list(iter_sections(seed_result.document))
    assert len(sections) == 13
    assert sections[0].heading is None
    assert sections[1].heading.label.startswith("3. Layoffs by US firms")


def test_seed_source_lines(seed_result):
    blocks = seed_result.document.blocks
    first_heading = next(b for b in blocks if isinstance(b, Heading))
    assert first_heading.lines == (39, 39)
    source_lines = SEED.read_text("utf-8").splitlines()
    for block in blocks:
        if isinstance(block, Paragraph):
            first, last = block.lines
            assert first == last and block.text in source_lines[first - 1]


def test_seed_warnings(seed_result):
    messages = {(w.code, w.line) for w in seed_result.warnings}
    assert ("numbering-gap", 39) in messages  # starts at 3
    assert ("numbering-gap", 68) in messages  # 4 is missing
    assert ("glued-break", 189) in messages


@pytest.mark.parametrize(
    "variant",
    [
        lambda text: text.replace("\n", "\r\n").encode("utf-8"),
        lambda text: text.replace("\n", "\r").encode("utf-8"),
        lambda text: codecs.BOM_UTF8 + text.encode("utf-8"),
        lambda text: codecs.BOM_UTF16_LE + text.encode("utf-16-le"),
        lambda text: codecs.BOM_UTF16_BE + text.replace("\n", "\r\n").encode("utf-16-be"),
    ],
    ids=["crlf", "cr", "utf8-bom", "utf16le-bom", "utf16be-bom-crlf"],
)
def test_variants_give_the_same_model(seed_result, variant):
    data = variant(SEED.read_text("utf-8"))
    assert read(data).document == seed_result.document


def test_windows_1252_is_decoded_with_a_warning():
    data = "Title\n\x93Quoted\x94 costs \x80 5 \x96 caf\xe9\n".encode("latin-1")
    result = read(data, "legacy.txt")
    assert result.document.blocks[0].text == "“Quoted” costs € 5 – café"
    assert any(w.code == "encoding-guess" for w in result.warnings)


def test_undecodable_bytes_name_file_and_offset():
    with pytest.raises(InputError, match=r"bad\.txt.*offset 6"):
        read(b"Hello \x81\x8d world\n", "bad.txt")


@pytest.mark.parametrize("data", [b"", b"   \n\t\n\r\n"])
def test_empty_input_is_refused(data):
    with pytest.raises(InputError, match="empty|only whitespace"):
        read(data, "empty.txt")


def test_title_falls_back_to_file_name():
    result = read(b"This starts with a sentence.\nAnd goes on.\n", "my_field-notes.txt")
    assert result.document.meta.title == "My field notes"
    assert result.document.meta.title_lines is None
