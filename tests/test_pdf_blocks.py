"""The PDF writer's rendering of model 2.0 blocks, spans and scripts, read
back from the PDF: fonts with pdffonts and pypdf, positions with pdfplumber,
link annotations, text in reading order."""

from __future__ import annotations

import io
import re
import shutil
import subprocess

import pdfplumber
import pytest
from bidi.algorithm import get_display

from convert import Document
from convert.model import (
    SPAN_KINDS, Cell, Heading, LineBlock, ListBlock, ListItem, Paragraph, Quotation, SceneBreak, Span, Table,
    Verbatim, paragraph_item,
)
from convert.model.samples import CODE, VERSE, standard_documents
from convert_plugins.pdf.styles import TEXT_WIDTH

from extract import pdf_text
from pdf_helpers import POPPLER, font_names, meta, open_strict, pdffonts, render, words_of
from convert_plugins.pdf.blocks import QUOTE_INDENT  # noqa: I001  (after the writer, which imports it in order)

EVERY_NODE = standard_documents()["every-node-type"]


@pytest.fixture(scope="module")
def every_node_pdf(tmp_path_factory) -> bytes:
    data, _ = render(EVERY_NODE)
    (tmp_path_factory.mktemp("every-node") / "every-node-type.pdf").write_bytes(data)
    return data


def lines_of(data: bytes, page: int | None = None) -> list[tuple[float, float, str]]:
    """(top, left, text) of each drawn line, from character positions."""
    result = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        pages = pdf.pages if page is None else [pdf.pages[page]]
        for each in pages:
            for line in each.extract_text_lines(strip=False):
                result.append((line["top"], line["x0"], line["text"]))
    return result


def line_starting(lines: list[tuple[float, float, str]], words: str) -> tuple[float, float, str]:
    return next(line for line in lines if line[2].strip().startswith(words))


def uris(data: bytes) -> list[str]:
    reader = open_strict(data)
    return [annotation.get_object()["/A"]["/URI"] for page in reader.pages
            for annotation in page.get("/Annots", []) if "/A" in annotation.get_object()]


# -- spans --------------------------------------------------------------------

@pytest.mark.parametrize("kind", SPAN_KINDS)
def test_every_span_kind_changes_the_page(kind):
    """A span kind the writer ignored would print exactly as unmarked text."""
    text = "Some words to mark here and more."
    start = text.index("mark here")
    span = Span(start + 4, start + 5, kind) if kind == "line-break" else Span(start, start + 9, kind,
                                                                              "https://example.org" if kind == "link" else None)
    plain, _ = render(Document(meta(), (Paragraph(text, (2, 2)),)))
    marked, _ = render(Document(meta(), (Paragraph(text, (2, 2), (span,)),)))
    assert plain != marked
    assert words_of(pdf_text(marked)) == words_of(pdf_text(plain))  # every word still there


def test_links_are_annotations_with_safe_targets_only(every_node_pdf):
    # the address every writer uses: percent-encoded to a valid URI
    assert uris(every_node_pdf) == ["https://example.org/a?b=1&c=%3C2%3E", "https://example.org"]
    hostile, _ = render(standard_documents()["hostile-text"])
    assert uris(hostile) == []  # the javascript: link prints as text


@POPPLER
def test_spans_are_set_in_real_bold_italic_and_monospaced_faces(every_node_pdf, tmp_path):
    path = tmp_path / "every-node-type.pdf"
    path.write_bytes(every_node_pdf)
    found = pdffonts(path)
    assert all(found.values()), found
    for face in ("NotoSerif-Regular", "NotoSerif-Bold", "NotoSerif-Italic", "NotoSans-Bold", "IBMPlexMono-Regular"):
        assert found.get(face) is True, (face, found)


def test_strong_and_emphasis_use_their_faces(every_node_pdf):
    with pdfplumber.open(io.BytesIO(every_node_pdf)) as pdf:
        chars = [c for page in pdf.pages for c in page.chars]
    text_in = {}
    for char in chars:
        text_in.setdefault(char["fontname"].split("+")[-1], []).append(char["text"])
    assert "strong words" in "".join(text_in["NotoSerif-Bold"])
    assert "emphasis" in "".join(text_in["NotoSerif-Italic"]) or "em" in "".join(text_in["NotoSerif-Italic"])
    assert "code()" in "".join(text_in["IBMPlexMono-Regular"])


# -- verbatim -----------------------------------------------------------------

def test_verbatim_keeps_every_space_in_the_monospaced_font(every_node_pdf):
    assert "IBMPlexMono-Regular" in font_names(open_strict(every_node_pdf))
    lines = lines_of(every_node_pdf)
    first, inner = line_starting(lines, "int main"), line_starting(lines, 'printf("<%s>')
    with pdfplumber.open(io.BytesIO(every_node_pdf)) as pdf:
        advance = next(c for p in pdf.pages for c in p.chars if c["text"] == "i" and "Mono" in c["fontname"])
    width = advance["x1"] - advance["x0"]
    assert inner[1] - first[1] == pytest.approx(4 * width, abs=0.2)  # four leading spaces, kept
    text = pdf_text(every_node_pdf)
    for line in CODE.expandtabs(8).split("\n"):
        assert line.strip() in text


def test_long_verbatim_line_wraps_inside_the_text_block_with_a_mark_and_a_warning():
    line = "".join(f"{n:04d}" for n in range(200))  # 800 characters, one word
    data, found = render(Document(meta(), (Verbatim("short\n" + line + "\nend", "code", None, (10, 12)),)))
    assert [(d.code, d.line) for d in found] == [("verbatim-wrapped", 11)]
    assert "wider than the PDF page" in found[0].message
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        page = pdf.pages[-1]
        right = (page.width + TEXT_WIDTH) / 2
        assert max(c["x1"] for c in page.chars if c["top"] < page.height - 60) <= right + 0.5
        marks = [c for c in page.chars if c["text"] == "\u21aa"]
    assert len(marks) >= 10  # each continuation starts with ↪
    assert line in pdf_text(data).split()  # the extractor rejoins continued lines


# -- line blocks, quotations, lists, tables -------------------------------------

def test_line_block_keeps_its_lines_and_their_indentation(every_node_pdf):
    lines = lines_of(every_node_pdf)
    rows = [line_starting(lines, row.strip()) for row in VERSE.split("\n")]
    assert [row[2].strip() for row in rows] == [row.strip() for row in VERSE.split("\n")]
    assert rows[1][1] > rows[0][1] and rows[3][1] > rows[2][1]  # indented lines stay indented
    assert rows[0][1] == pytest.approx(rows[2][1])


def test_quotations_are_indented_deeper_when_nested_and_attributed_on_the_right(every_node_pdf):
    lines = lines_of(every_node_pdf)
    body = line_starting(lines, "Opening paragraph")[1]
    quoted = line_starting(lines, "Quoted reply")[1]
    deeper = line_starting(lines, "A deeper quoted line")[1]
    assert body < quoted < deeper
    with pdfplumber.open(io.BytesIO(every_node_pdf)) as pdf:
        words = [w for p in pdf.pages for w in p.extract_words()]
    attribution = next(w for w in words if w["text"] == "Quoted" and w["x0"] > quoted)
    assert attribution["x1"] > body + TEXT_WIDTH * 0.8  # towards the right margin
    assert "\u2014" in pdf_text(every_node_pdf)


def test_list_markers_are_printed_as_written_with_hanging_indents(every_node_pdf):
    lines = lines_of(every_node_pdf, page=2)  # the body's first page
    for marker, text in (("-", "bullet one"), ("1.", "first"), ("a)", "nested a"), ("A.", "upper A"),
                         ("(iv)", "roman iv"), ("II.", "roman II"), ("7)", "starts at seven"), ("*", "quoted item")):
        line = line_starting(lines, f"{marker} {text}")
        assert line[2].split() == [marker, *text.split()], line
    assert line_starting(lines, "a) nested")[1] > line_starting(lines, "2. first")[1]  # the nested list is deeper
    second = line_starting(lines, "second paragraph")
    first = line_starting(lines, "2. first")
    with pdfplumber.open(io.BytesIO(every_node_pdf)) as pdf:
        words = pdf.pages[2].extract_words()
    text_x = next(w for w in words if w["text"] == "first" and w["x0"] > first[1] + 1)["x0"]
    assert second[1] == pytest.approx(text_x, abs=0.5)  # the item's second paragraph lines up with its text


def test_long_list_item_wraps_under_its_text_not_its_marker():
    item = paragraph_item("word " * 60, "(iv)", (2, 2))
    data, _ = render(Document(meta(), (ListBlock("lower-roman", (item,), 4, (2, 2)),)))
    lines = [line for line in lines_of(data) if "word" in line[2]]
    assert lines[0][2].startswith("(iv)")
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        first_word = next(w for p in pdf.pages for w in p.extract_words() if w["text"] == "word")
    assert all(line[1] == pytest.approx(first_word["x0"], abs=0.5) for line in lines[1:])


def test_table_fits_the_frame_wraps_its_cells_and_repeats_its_header():
    long = "a cell with a good many words in it that cannot fit on one line of its column " * 2
    rows = tuple((Cell(f"row {n}"), Cell(long), Cell(str(n))) for n in range(60))
    table = Table(((Cell("Name"), Cell("Text"), Cell("Number")),), rows, ("left", None, "right"), (2, 70))
    data, _ = render(Document(meta(), (table,)))
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        body_pages = pdf.pages[1:]
        assert len(body_pages) > 1
        for page in body_pages:
            right = (page.width + TEXT_WIDTH) / 2
            assert max(c["x1"] for c in page.chars) <= right + 0.5
            assert "Name" in page.extract_text()  # the header row on every page
    text = pdf_text(data)
    assert all(f"row {n}" in text for n in range(60))


# -- headings and scene breaks ---------------------------------------------------

def test_headings_and_ornaments_never_end_a_page():
    """Paragraphs of growing length push a heading and a scene break to every
    position on the page; neither is ever the last thing on one."""
    blocks = []
    for n in range(1, 40):
        blocks += [Paragraph("filler words " * (4 * n), (n, n)), SceneBreak((n, n)),
                   Paragraph("after the break " * 8, (n, n)), Heading(1, f"Heading {n}", None, (n, n)),
                   Paragraph("after the heading " * 8, (n, n))]
    data, _ = render(Document(meta(), tuple(blocks)))
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        texts = [page.extract_text() for page in pdf.pages]
        first = next(number for number, text in enumerate(texts) if text.startswith("filler"))
        body = pdf.pages[first:]
        assert len(body) > 10
        for page in body:
            lines = [line for line in page.extract_text_lines() if line["bottom"] < page.height - 60]
            last = lines[-1]["text"]
            assert last != "\u2042" and not last.startswith("Heading"), last


# -- scripts ------------------------------------------------------------------

def test_arabic_is_shaped_and_drawn_right_to_left():
    data, found = render(Document(meta(), (Paragraph("Arabic مرحبا بالعالم here.", (2, 2)),)))
    assert found == []
    assert "NotoSansArabic-Regular" in font_names(open_strict(data))
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        chars = [c for c in pdf.pages[-1].chars if c["fontname"].endswith("NotoSansArabic-Regular")]
    drawn = "".join(c["text"] for c in sorted(chars, key=lambda c: c["x0"]))
    assert drawn.startswith("ملاعلاب")  # left to right: the last word first, each word's last letter first
    assert drawn.endswith("ابحرم")
    assert not re.search("[\ue000-\uf8ff\U000f0000-\U000fffff]", drawn)  # no private-use codes in the text
    text = pdf_text(data)
    assert "مرحبا" in text and "بالعالم" in text


def test_hebrew_reads_right_to_left_in_a_right_to_left_document():
    data, found = render(Document(meta(language="he"), (Paragraph("שלום עולם וכל השאר", (2, 2)),)))
    assert found == []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        page = pdf.pages[-1]
        chars = [c for c in page.chars if "Hebrew" in c["fontname"]]
    x = {c["text"]: c["x0"] for c in chars}
    assert x["ש"] > x["ם"]  # שלום: its first letter right of its last
    assert max(c["x1"] for c in chars) == pytest.approx((page.width + TEXT_WIDTH) / 2, abs=1)  # set flush right


RIGHT_TO_LEFT_LINES = {
    "hebrew": "שלום עולם וכל השאר. עוד משפט אחד כאן.",
    "with-latin": "שלום Python עולם, ועוד מילה.",
    "with-a-number": "גרסה 3.11 של Python.",
    "numbered": "1. מבוא",
    "brackets": "מקש META (בדרך כלל ALT) וגם CTRL, ראה [1] ו-(2).",
    "angle-brackets": "הקש <Return> עכשיו.",
    "signs": "מחיר 50% או $5 בלבד!",
    "punctuation-runs": "שאלה?! כן... \"ציטוט\" -5 ו+3.",
}
"""Right-to-left lines of the kinds where words, numbers and punctuation meet."""


def drawn_rows(data: bytes, font_part: str = "") -> list[str]:
    """The characters of the last page, row by row from the top, each row left to right."""
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        chars = [c for c in pdf.pages[-1].chars if font_part in c["fontname"]]
    rows: dict[int, list] = {}
    for c in chars:
        rows.setdefault(round(c["top"] / 4), []).append(c)
    return ["".join(c["text"] for c in sorted(row, key=lambda c: c["x0"])) for _, row in sorted(rows.items())]


@pytest.mark.parametrize("language", ["he", "en"])
@pytest.mark.parametrize("name", sorted(RIGHT_TO_LEFT_LINES))
def test_a_right_to_left_line_is_drawn_as_the_bidirectional_algorithm_orders_it(language, name):
    """Read from the right, the line as written, whatever the document's
    language: python-bidi's display of it (UAX #9) is the reference."""
    text = RIGHT_TO_LEFT_LINES[name]
    data, found = render(Document(meta(language=language), (Paragraph(text, (2, 2)),)))
    assert found == []
    assert drawn_rows(data)[0] == get_display(text, base_dir="R")


def test_a_right_to_left_list_hangs_its_markers_at_the_right_margin():
    items = (paragraph_item("פתח את המסוף.", "1."), paragraph_item("הקלד את הפקודה.", "2."))
    data, found = render(Document(meta(language="he"), (ListBlock("decimal", items, 1, (2, 3)),)))
    assert found == []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        page = pdf.pages[-1]
        chars = page.chars
    right_margin = (page.width + TEXT_WIDTH) / 2
    for marker in ("1", "2"):
        digit = next(c for c in chars if c["text"] == marker)
        row = sorted((c for c in chars if abs(c["top"] - digit["top"]) < 2), key=lambda c: c["x0"])
        assert digit["x1"] == pytest.approx(right_margin, abs=1)  # the marker ends at the margin
        assert "".join(c["text"] for c in row).endswith(f".{marker}")  # "1." reads ".1"
        text = [c for c in row if c["text"] not in (marker, ".", " ")]
        assert max(c["x1"] for c in text) < row[-2]["x0"] - 4  # the text stops short of the marker


def test_a_right_to_left_document_mirrors_its_tables_and_quotations():
    """The first column at the right; a quotation indented more at the right,
    its attribution at the left, where a right-to-left line ends."""
    table = Table((), ((Cell("ראשונה"), Cell("שנייה")),))
    quote = Quotation((Paragraph("ציטוט קצר", (3, 3)),), "משה", (3, 4))
    data, found = render(Document(meta(language="he"), (table, quote)))
    assert found == []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        page = pdf.pages[-1]
        words = {w["text"]: w for w in page.extract_words()}
    left_margin, right_margin = (page.width - TEXT_WIDTH) / 2, (page.width + TEXT_WIDTH) / 2
    assert words["הנושאר"]["x0"] > words["היינש"]["x1"]  # first column right of the second
    assert words["הנושאר"]["x1"] == pytest.approx(right_margin - 4, abs=2)
    assert right_margin - words["טוטיצ"]["x1"] == pytest.approx(QUOTE_INDENT, abs=1)  # the deeper indent, at the right
    assert words["השמ"]["x0"] < (left_margin + right_margin) / 2  # the attribution at the left


def test_right_to_left_contents_run_from_the_right_margin():
    """Title and entries at the right, leader dots to the page numbers at the left margin."""
    headings = (Heading(1, "מבוא", "1.", (2, 2)), Paragraph("שלום עולם", (3, 3)),
                Heading(1, "התקנה", "2.", (4, 4)), Paragraph("עוד משפט", (5, 5)))
    data, found = render(Document(meta(language="he"), headings))
    assert found == []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        page = pdf.pages[1]
        words = page.extract_words()
        title = [w for w in words if w["text"] in ("םיניינעה", "ןכות")]
        assert len(title) == 2 and max(w["x1"] for w in title) == pytest.approx((page.width + TEXT_WIDTH) / 2, abs=1)
        for heading in ("אובמ", "הנקתה"):
            entry = next(w for w in words if w["text"] == heading)
            row = sorted((w for w in words if abs(w["top"] - entry["top"]) < 2), key=lambda w: w["x0"])
            texts = [w["text"] for w in row]
            assert texts[0] == "3" and set(texts[1]) == {"."}, texts  # the page number, then the leader
            assert row[0]["x0"] == pytest.approx((page.width - TEXT_WIDTH) / 2, abs=1)
            assert texts[-2:] == [heading, ".1" if heading == "אובמ" else ".2"], texts


@pytest.mark.parametrize(("text", "font"), [("नमस्ते दुनिया", "NotoSans"), ("สวัสดีชาวโลก", "NotoSansThai")])
def test_indic_and_thai_come_from_packaged_fonts(text, font):
    data, found = render(Document(meta(), (Paragraph(f"Hello {text} again.", (2, 2)),)))
    assert found == []
    assert any(name.startswith(font) for name in font_names(open_strict(data)))
    assert text in pdf_text(data)


@pytest.mark.skipif(not shutil.which("fc-list"), reason="fontconfig is not installed")
def test_characters_no_packaged_font_has_come_from_installed_fonts():
    listed = subprocess.run(["fc-list", ":charset=2603", "file"], capture_output=True, text=True).stdout
    if ".ttf" not in listed:
        pytest.skip("no installed TrueType font has U+2603 ☃")
    data, found = render(Document(meta(), (Paragraph("A snowman ☃ here.", (2, 2)),)))
    assert found == []
    fonts = font_names(open_strict(data))
    assert fonts - {"NotoSerif-Regular", "NotoSans-Regular", "NotoSans-Bold"}, fonts
    assert "☃" in pdf_text(data)


def test_scene_break_mark_is_the_asterism():
    data, _ = render(Document(meta(), (Paragraph("one", (2, 2)), SceneBreak((3, 3)), Paragraph("two", (4, 4)))))
    assert re.search(r"one\s+\u2042\s+two", pdf_text(data))


def test_empty_and_deep_structures_render(tmp_path):
    edge = standard_documents()["edge-cases"]
    data, _ = render(edge)
    assert "the bottom of twenty quotations" in pdf_text(data)
    empty_item = ListBlock("decimal", (ListItem((), "1.", (2, 2)),), 1, (2, 2))
    quoted_list = Quotation((empty_item, LineBlock("", (3, 3))), "Nobody", (2, 3))
    data, _ = render(Document(meta(), (quoted_list,)))
    assert "Nobody" in pdf_text(data)
