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


# -- terminal markup ---------------------------------------------------------

def test_terminal_markup_is_removed_with_one_warning_for_the_document():
    prose = "A line of plain text between the formatted ones, as a manual page has many of them.\n" * 3
    data = (
        "\x1b[1mNAME\x1b[0m\n       ls - list directory contents\n\n" + prose
        + "\x1b[32mcoloured\x1b[m and _\bu_\bn_\bd_\be_\br_\bl_\bi_\bn_\be_\bd and B\bBo\bol\bld\bd\n" + prose
    ).encode("utf-8")
    result = read(data, "terminal.txt")
    texts = " ".join(block.text for block in result.document.blocks if hasattr(block, "text"))
    assert "coloured and underlined and Bold" in texts
    assert "\x1b" not in texts and "\b" not in texts and "[1m" not in texts
    terminal = [w for w in result.warnings if w.code == "terminal-markup"]
    assert len(terminal) == 1
    assert "4 ANSI escape sequences" in terminal[0].message and "14 backspace overstrikes" in terminal[0].message
    assert not [w for w in result.warnings if w.code == "control-character"]


def test_a_man_page_printed_with_overstrike_everywhere_is_text_not_binary():
    page = (
        "LS(1)                        User Commands                        LS(1)\n\n"
        "NAME\n       ls - list directory contents\n\n"
        "SYNOPSIS\n       ls [OPTION]... [FILE]...\n\n"
        "DESCRIPTION\n       List information about the FILEs (the current directory by default).\n"
    )
    bold = "".join(f"{char}\b{char}" if char.strip() else char for char in page)  # as `man` prints for a terminal
    result = read(bold.encode(), "ls.1.txt")
    texts = " ".join(words(result.document))
    assert "\b" not in texts and "List information about the FILEs" in texts
    assert result.document.meta.title == "ls - list directory contents"
    assert [h.text for h in blocks_of(result.document, Heading)] == ["NAME", "SYNOPSIS", "DESCRIPTION"]


# -- real-world documents (corpus/plaintext) ----------------------------------

CORPUS = SEED.parent.parent / "corpus" / "plaintext" / "docs"


def corpus(name: str):
    return read((CORPUS / name).read_bytes(), name).document


def blocks_of(document, kind):
    from convert.model.walk import iter_blocks

    return [block for block in iter_blocks(document.blocks) if isinstance(block, kind)]


def test_licence_sections_are_headings_and_its_clauses_lists():
    from convert.model import LineBlock

    document = corpus("01_gpl-3.txt")
    assert document.meta.title == "GNU GENERAL PUBLIC LICENSE" and document.meta.title_lines == (1, 1)
    headings = blocks_of(document, Heading)
    assert [h.number for h in headings if h.number] == [f"{n}." for n in range(18)]
    assert headings[0].text == "Preamble"
    lists = blocks_of(document, ListBlock)
    assert [item.marker for item in lists[0].items] == ["a)", "b)", "c)", "d)"] and lists[0].style == "lower-alpha"
    notices = blocks_of(document, LineBlock)  # the indented notice templates keep their lines
    assert [block.lines for block in notices if block.lines[0] > 600] == [(634, 648), (655, 658)]


def test_boxed_section_and_decimal_headings():
    document = corpus("03_mpl-2.0.txt")
    labels = {h.lines[0]: h for h in blocks_of(document, Heading)}
    assert labels[7].number == "1.1." and labels[7].level == 2 and labels[7].text == '"Contributor"'
    assert labels[263].text == "Disclaimer of Warranty"  # inside the box of asterisks


def test_contents_are_kept_verbatim_never_headings():
    from convert.model import Verbatim

    document = corpus("13_debian-faq-en.txt")
    contents = [b for b in blocks_of(document, Verbatim) if b.kind == "contents"]
    assert len(contents) == 1 and contents[0].lines == (39, 267)
    assert not [h for h in blocks_of(document, Heading) if 39 <= h.lines[0] <= 267]


def test_man_page_title_sections_and_synopsis():
    from convert.model import Verbatim

    document = corpus("20_man-lockfile.txt")
    assert document.meta.title == "lockfile - conditional semaphore-file creator"
    headings = [h.text for h in blocks_of(document, Heading)]
    assert headings[:4] == ["NAME", "SYNOPSIS", "DESCRIPTION", "Mailbox locks"]
    synopsis = [b for b in blocks_of(document, Verbatim) if b.lines == (7, 8)]
    assert synopsis and synopsis[0].kind == "code"


def test_fortunes_keep_their_lines_and_mail_keeps_its_headers():
    from convert.model import LineBlock, Quotation, Verbatim

    fortunes = corpus("48_fortunes-linux.txt")
    assert fortunes.meta.title_lines is None
    assert len(blocks_of(fortunes, LineBlock)) > 40 and blocks_of(fortunes, Quotation)
    mail = corpus("25_mail-sa-nonspam.txt")
    assert mail.meta.title == "TBTF ping for 2001-04-20: Reviving"
    headers = [b for b in blocks_of(mail, Verbatim) if b.kind == "headers"]
    assert headers and headers[0].lines == (1, 36)


def test_every_corpus_document_keeps_every_letter_and_digit():
    from convert.text.cleaning import strip_terminal_markup
    from convert.text.decoding import decode

    from test_properties import letters_and_digits, model_letters

    for path in sorted(CORPUS.glob("*.txt")):
        document = read(path.read_bytes(), path.name).document
        text, _ = decode(path.read_bytes(), path.name)
        expected = letters_and_digits(strip_terminal_markup(text)[0])
        assert model_letters(document) == expected, path.name


def test_inspect_explains_regions():
    from convert.cli.outline import outline_lines

    result = read((CORPUS / "10_gnu-standards.txt").read_bytes(), "10_gnu-standards.txt")
    report = "\n".join(outline_lines(result))
    assert "verbatim contents   [table of contents: 68 entries in 70 lines]" in report
    assert "title:     'GNU Coding Standards' (line 71-72)" in report
    assert "[heading level 2: underlined with ===]" in report
    assert "indented block of code" in report or "code:" in report
