"""The DOCX writer, checked from the outside: the files are reopened with
python-docx, their XML parts parsed with lxml, and, when LibreOffice is
installed, converted to PDF and read back with pypdf."""

from __future__ import annotations

import io
import os
import posixpath
import shutil
import subprocess
import sys
import zipfile
from datetime import datetime, timezone
from pathlib import Path

import docx
import pytest

import convert
from convert.errors import UsageError
from lxml import etree

from conftest import SEED, run_cli, source_words
from convert import BLOCK_TYPES, Context, Document, Heading, ListBlock, ListItem, Meta, Paragraph
from convert_plugins.docx.writer import RENDERERS, write_docx

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
W_VAL = f"{W}val"
EPOCH = "1234567890"  # 2009-02-13T23:31:30Z: neither today, nor python-docx's 2013 default
EPOCH_DATE = datetime(2009, 2, 13, 23, 31, 30, tzinfo=timezone.utc)
SCENE_BREAK = "Scene Break"


def convert_file(source: Path, output: Path, *args: str, env: dict | None = None) -> bytes:
    """Run the CLI on one file and return the DOCX bytes."""
    environment = {"SOURCE_DATE_EPOCH": EPOCH} if env is None else env
    result = run_cli(source, "--to", "docx", "-o", output, *args, env=environment)
    assert result.returncode == 0, result.stderr
    return output.read_bytes()


@pytest.fixture(scope="module")
def seed_run(tmp_path_factory) -> tuple[Path, bytes]:
    """The seed, converted once for the whole module: (source copy, DOCX bytes)."""
    folder = tmp_path_factory.mktemp("docx-seed")
    source = folder / SEED.name
    source.write_bytes(SEED.read_bytes())
    return source, convert_file(source, folder / "seed.docx")


@pytest.fixture(scope="module")
def seed_docx(seed_run) -> bytes:
    return seed_run[1]


def opened(data: bytes):
    return docx.Document(io.BytesIO(data))


def part(data: bytes, name: str) -> etree._Element:
    return etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read(name))


def render(document: Document, **options: str) -> tuple[bytes, list]:
    """Call the writer directly, as the pipeline does; returns (bytes, warnings)."""
    warnings: list = []
    stream = io.BytesIO()
    write_docx(document, stream, Context(options, warnings.append))
    return stream.getvalue(), warnings


def meta(**fields) -> Meta:
    return Meta(**{"title": "T", "modified": "2026-01-01T00:00:00Z", **fields})


def body_words(data: bytes) -> list[str]:
    """Words of the body paragraphs, scene-break ornaments left out (they are markup).
    The table of contents sits in a content control, outside ``paragraphs``."""
    return [
        word
        for paragraph in opened(data).paragraphs
        if paragraph.style.name != SCENE_BREAK
        for word in paragraph.text.split()
    ]


# --- the plugin -------------------------------------------------------------


def test_renderers_cover_exactly_the_block_types():
    assert set(RENDERERS) == set(BLOCK_TYPES)


def test_unknown_block_type_is_an_error():
    with pytest.raises(TypeError, match="cannot render"):
        render(Document(meta(), (Paragraph("x"), object())))


def test_plugin_module_does_not_import_python_docx():
    code = "import sys, convert_plugins.docx as p; print(p.MODEL_MAJOR, 'docx' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["2", "False"]


def test_registered_with_its_media_type():
    result = run_cli("--list-formats", "--json", check=True)
    assert "application/vnd.openxmlformats-officedocument.wordprocessingml.document" in result.stdout


# --- structure --------------------------------------------------------------


def test_paragraph_styles(seed_docx):
    paragraphs = opened(seed_docx).paragraphs
    styles = [paragraph.style.name for paragraph in paragraphs]
    assert styles[0] == "Title"
    assert paragraphs[0].text == SEED.read_text("utf-8").splitlines()[0].strip()
    assert styles.count("Title") == 1
    assert styles.count("Heading 1") == 12
    assert styles.count("List Bullet") == 3
    assert styles.count(SCENE_BREAK) == 34
    assert set(styles) == {"Title", "Heading 1", "List Bullet", SCENE_BREAK, "Normal"}
    headings = [p.text for p in paragraphs if p.style.name == "Heading 1"]
    assert headings[0].startswith("3. Layoffs") and headings[-1].startswith("15. Free Ukrainian")
    assert all(p.text == "* * *" for p in paragraphs if p.style.name == SCENE_BREAK)


def test_heading_styles_carry_outline_levels(seed_docx):
    styles = part(seed_docx, "word/styles.xml")
    for level in range(1, 10):
        style = styles.find(f"{W}style[@{W}styleId='Heading{level}']")
        assert style.find(f"{W}pPr/{W}outlineLvl").get(W_VAL) == str(level - 1)


def test_lists_are_numbering_definitions_not_typed_bullets(seed_docx):
    styles = part(seed_docx, "word/styles.xml")
    numbering = part(seed_docx, "word/numbering.xml")
    num_id = styles.find(f"{W}style[@{W}styleId='ListBullet']/{W}pPr/{W}numPr/{W}numId").get(W_VAL)
    abstract = numbering.find(f"{W}num[@{W}numId='{num_id}']/{W}abstractNumId").get(W_VAL)
    level = numbering.find(f"{W}abstractNum[@{W}abstractNumId='{abstract}']/{W}lvl[@{W}ilvl='0']")
    assert level.find(f"{W}numFmt").get(W_VAL) == "bullet"
    items = [p.text for p in opened(seed_docx).paragraphs if p.style.name == "List Bullet"]
    assert items[0].startswith("Hands off the towers!")
    assert not any(item.startswith(("-", "•", "*")) for item in items)


def test_each_numbered_list_restarts_at_one():
    items = (ListItem("one"), ListItem("two"))
    data, _ = render(Document(meta(), (ListBlock(True, items), Paragraph("p"), ListBlock(True, items))))
    numbered = [p for p in opened(data).paragraphs if p.style.name == "List Number"]
    num_ids = [p._p.find(f"{W}pPr/{W}numPr/{W}numId").get(W_VAL) for p in numbered]
    assert len(num_ids) == 4 and num_ids[0] == num_ids[1] != num_ids[2] == num_ids[3]
    numbering = part(data, "word/numbering.xml")
    for num_id in set(num_ids):
        num = numbering.find(f"{W}num[@{W}numId='{num_id}']")
        assert num.find(f"{W}lvlOverride/{W}startOverride").get(W_VAL) == "1"
        abstract = num.find(f"{W}abstractNumId").get(W_VAL)
        fmt = numbering.find(f"{W}abstractNum[@{W}abstractNumId='{abstract}']/{W}lvl/{W}numFmt")
        assert fmt.get(W_VAL) == "decimal"


def test_scene_break_is_a_named_custom_centred_style(seed_docx):
    style = opened(seed_docx).styles[SCENE_BREAK]
    assert style.builtin is False
    assert style.paragraph_format.alignment == docx.enum.text.WD_ALIGN_PARAGRAPH.CENTER


def test_deep_headings():
    blocks = (Heading(4, "Four"), Heading(12, "Twelve"), Heading(2, "Two", "1.1"))
    data, _ = render(Document(meta(), blocks))
    paragraphs = opened(data).paragraphs
    assert [(p.style.name, p.text) for p in paragraphs[1:]] == [
        ("Heading 4", "Four"), ("Heading 9", "Twelve"), ("Heading 2", "1.1 Two"),
    ]
    assert toc_entries(data) == ["1.1 Two"]  # the TOC lists levels 1-3 only


# --- table of contents ------------------------------------------------------


def toc_entries(data: bytes) -> list[str]:
    body = part(data, "word/document.xml").find(f"{W}body")
    sdt = body.find(f"{W}sdt")
    return ["".join(link.itertext()) for link in sdt.iter(f"{W}hyperlink")]


def test_toc_field_follows_the_title(seed_docx):
    body = part(seed_docx, "word/document.xml").find(f"{W}body")
    title, sdt = body[0], body[1]
    assert title.find(f"{W}pPr/{W}pStyle").get(W_VAL) == "Title"
    assert sdt.tag == f"{W}sdt"
    assert sdt.find(f".//{W}docPartGallery").get(W_VAL) == "Table of Contents"
    instructions = "".join(t.text for t in sdt.iter(f"{W}instrText"))
    assert instructions.strip() == 'TOC \\o "1-3" \\h \\z \\u'
    marks = [mark.get(f"{W}fldCharType") for mark in sdt.iter(f"{W}fldChar")]
    assert marks == ["begin", "separate", "end"]


def test_toc_entries_link_to_the_headings(seed_docx):
    document = part(seed_docx, "word/document.xml")
    headings = [p.text for p in opened(seed_docx).paragraphs if p.style.name == "Heading 1"]
    assert toc_entries(seed_docx) == headings
    bookmarks = {b.get(f"{W}name") for b in document.iter(f"{W}bookmarkStart")}
    anchors = [link.get(f"{W}anchor") for link in document.iter(f"{W}hyperlink")]
    assert len(set(anchors)) == 12 and set(anchors) <= bookmarks


def test_fields_update_on_open(seed_docx):
    settings = part(seed_docx, "word/settings.xml")
    update = settings.find(f"{W}updateFields")
    assert update is not None and update.get(W_VAL) == "true"
    names = [child.tag for child in settings]
    assert names.index(f"{W}updateFields") < names.index(f"{W}compat")  # schema order


def test_no_toc_without_headings_or_when_disabled():
    for data, _ in (
        render(Document(meta(), (Paragraph("Just text."),))),
        render(Document(meta(), (Heading(1, "H"), Paragraph("p"))), toc="no"),
    ):
        assert part(data, "word/document.xml").find(f".//{W}sdt") is None
        assert part(data, "word/settings.xml").find(f"{W}updateFields") is None


# --- metadata ---------------------------------------------------------------


def test_core_properties(seed_docx):
    properties = opened(seed_docx).core_properties
    assert properties.title == "Headlines at the World Socialist Web Site today:"
    assert properties.author == ""
    assert properties.language == "en"
    assert properties.created == properties.modified == EPOCH_DATE
    assert properties.last_printed is None
    assert properties.revision == 1
    assert properties.comments == "" and properties.last_modified_by == ""


def test_no_python_docx_traces(seed_docx):
    archive = zipfile.ZipFile(io.BytesIO(seed_docx))
    for name in archive.namelist():
        assert b"python-docx" not in archive.read(name), name
    core = archive.read("docProps/core.xml").decode()
    assert "2013" not in core
    assert datetime.now(timezone.utc).strftime("%Y-%m-%d") not in core


def test_author_language_and_extra_metadata(hostile, tmp_path):
    args = ("-m", "author=Ada Lovelace", "-m", "author=Zeynep Çelik", "-m", "language=tr", "-m", "subject=Test")
    data = convert_file(hostile, tmp_path / "h.docx", *args)
    properties = opened(data).core_properties
    assert properties.author == "Ada Lovelace; Zeynep Çelik"
    assert properties.language == "tr"
    assert properties.subject == "Test"
    lang = part(data, "word/styles.xml").find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    assert lang.get(W_VAL) == "tr"


def test_right_to_left_and_east_asian_languages():
    hebrew, _ = render(Document(meta(language="he"), (Paragraph("שלום"),)))
    defaults = part(hebrew, "word/styles.xml").find(f"{W}docDefaults")
    assert defaults.find(f"{W}rPrDefault/{W}rPr/{W}lang").get(f"{W}bidi") == "he"
    assert defaults.find(f"{W}pPrDefault/{W}pPr/{W}bidi") is not None
    japanese, _ = render(Document(meta(language="ja"), (Paragraph("漢字"),)))
    lang = part(japanese, "word/styles.xml").find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    assert lang.get(f"{W}eastAsia") == "ja"


def test_page_size_option():
    twips = [
        (section.page_width.twips, section.page_height.twips)
        for size in ("a4", "letter")
        for section in opened(render(Document(meta(), ()), page_size=size)[0]).sections
    ]
    assert twips == [(11906, 16838), (12240, 15840)]
    with pytest.raises(UsageError, match="page_size='folio' is not one of: a4, letter"):
        render(Document(meta(), ()), page_size="folio")


# --- text -------------------------------------------------------------------


def test_every_word_of_the_seed_in_order(seed_docx):
    assert body_words(seed_docx) == source_words(SEED)


def test_markup_appears_literally(hostile, tmp_path):
    data = convert_file(hostile, tmp_path / "hostile.docx")
    text = "\n".join(p.text for p in opened(data).paragraphs)
    for literal in ("<script>alert(1)</script>", "&amp;", "]]>", "<!-- comment -->", "{{ x }}", "😀", "İğçÖ"):
        assert literal in text
    assert body_words(data) == source_words(hostile)


def test_invalid_characters_through_the_cli(tmp_path):
    source = tmp_path / "controls.txt"
    filler = "Enough ordinary text that the file still reads as text, not as binary data. " * 4
    source.write_text(f"Title line\n\nA\x00b c\x0cd e\x1bf g\ufffeh and\ttab.\n\n{filler}\n", "utf-8")
    result = run_cli(source, "--to", "docx", "-o", tmp_path / "c.docx", env={"SOURCE_DATE_EPOCH": EPOCH})
    assert result.returncode == 0, result.stderr
    assert "line 3" in result.stderr and "U+0000" in result.stderr
    data = (tmp_path / "c.docx").read_bytes()
    texts = [p.text for p in opened(data).paragraphs]
    assert texts == ["Title line", "Ab c d ef gh and\ttab.", filler.strip()]
    all_parts_parse(data)


def test_library_api_cleans_documents_built_by_hand():
    dirty = Document(meta(title="Bad\x00title"), (Paragraph("one\x0btwo\nthree\x1f\ufffffour", (5, 5)),))
    data, warnings = convert.render_with_warnings(dirty, "docx")
    texts = [p.text for p in opened(data).paragraphs]
    assert texts == ["Badtitle", "one two three four"]
    assert {w.code for w in warnings} == {"control-character"} and 5 in {w.line for w in warnings}


# --- package ----------------------------------------------------------------


def all_parts_parse(data: bytes) -> None:
    archive = zipfile.ZipFile(io.BytesIO(data))
    for name in archive.namelist():
        if name.endswith((".xml", ".rels")):
            etree.fromstring(archive.read(name))  # raises on a malformed part


def test_package_is_consistent(seed_docx):
    archive = zipfile.ZipFile(io.BytesIO(seed_docx))
    names = archive.namelist()
    assert len(names) == len(set(names)) and names[0] == "[Content_Types].xml"
    all_parts_parse(seed_docx)
    types = etree.fromstring(archive.read("[Content_Types].xml"))
    defaults = {d.get("Extension").lower() for d in types if d.tag.endswith("Default")}
    overrides = {o.get("PartName").lstrip("/") for o in types if o.tag.endswith("Override")}
    assert overrides <= set(names), "a content type names a missing part"
    parts = [n for n in names if n != "[Content_Types].xml"]
    for name in parts:
        assert name in overrides or name.rsplit(".", 1)[-1].lower() in defaults, f"{name} has no content type"
    reached = set()
    for rels in (n for n in names if n.endswith(".rels")):
        source_dir = posixpath.dirname(posixpath.dirname(rels))
        for rel in etree.fromstring(archive.read(rels)):
            if rel.get("TargetMode") == "External":
                continue
            target = posixpath.normpath(posixpath.join(source_dir, rel.get("Target"))).lstrip("/")
            assert target in names, f"{rels}: {rel.get('Target')} is missing"
            reached.add(target)
    unreferenced = {n for n in parts if not n.endswith(".rels")} - reached
    assert not unreferenced, f"parts nothing refers to: {unreferenced}"
    assert "docProps/thumbnail.jpeg" not in names  # the template's picture of an empty page


def test_reproducible(seed_run, tmp_path):
    source, first = seed_run
    copy = tmp_path / source.name
    copy.write_bytes(source.read_bytes())
    os.utime(copy, (1_600_000_000, 1_600_000_000))  # a different mtime must not matter
    assert convert_file(copy, tmp_path / "again.docx") == first
    stamps = {info.date_time for info in zipfile.ZipFile(io.BytesIO(first)).infolist()}
    assert stamps == {EPOCH_DATE.timetuple()[:6]}


def test_dates_come_from_the_file_without_source_date_epoch(hostile, tmp_path):
    os.utime(hostile, (1_600_000_000, 1_600_000_000))  # 2020-09-13T12:26:40Z
    env = {key: value for key, value in os.environ.items() if key != "SOURCE_DATE_EPOCH"}
    result = subprocess.run(
        [sys.executable, "-m", "convert", hostile, "--to", "docx", "-o", tmp_path / "h.docx"],
        env=env, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stderr
    properties = opened((tmp_path / "h.docx").read_bytes()).core_properties
    assert properties.created == properties.modified == datetime(2020, 9, 13, 12, 26, 40, tzinfo=timezone.utc)


# --- LibreOffice ------------------------------------------------------------


def test_libreoffice_round_trip(seed_docx, tmp_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed; the DOCX was not opened by an office suite")
    from pypdf import PdfReader

    (tmp_path / "seed.docx").write_bytes(seed_docx)
    profile = (tmp_path / "profile").as_uri()  # its own profile: no clash with a running instance
    subprocess.run(
        [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path / "out"), str(tmp_path / "seed.docx")],
        capture_output=True, timeout=180,
    )
    pdf = tmp_path / "out" / "seed.pdf"
    assert pdf.exists(), "LibreOffice could not convert the DOCX (it exits 0 even then)"
    # Line breaks may fall inside a word (after a dash), so whitespace is ignored.
    found = "".join("".join(page.extract_text() for page in PdfReader(pdf).pages).split())
    position = 0
    for word in source_words(SEED):
        index = found.find(word, position)
        assert index >= 0, f"{word!r} missing or out of order in LibreOffice's rendering"
        position = index + len(word)
