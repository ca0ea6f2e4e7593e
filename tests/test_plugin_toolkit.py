"""The reader contract and the author's toolkit (issue 17, problem 7): what a
third-party reader gets from the core, importable from ``convert``."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import convert
from convert.plaintext.lines import Kind, classify

from plugin_helpers import cli, install, reader

DECODING_READER = reader("plain", ".plain", """
    text, warnings = decode_source(data, context)
    blocks = tuple(Paragraph(line, (n, n)) for n, line in enumerate(text.splitlines(), 1) if line.strip())
    return ReadResult(Document(Meta(title="plain: " + context.fallback_title), blocks), warnings)
""")


@pytest.fixture
def site(tmp_path):
    folder = tmp_path / "site"
    folder.mkdir()
    install(folder, "plainreader", DECODING_READER)
    return folder


def test_encoding_reaches_a_third_party_reader(site, tmp_path):
    source = tmp_path / "ebcdic.plain"
    source.write_bytes("Grüße aus Köln\n".encode("cp500"))
    target = tmp_path / "out.json"
    result = cli(site, source, "--to", "json", "--encoding", "cp500", "-o", target)
    assert result.returncode == 0, result.stderr
    document = json.loads(target.read_text("utf-8"))
    assert document["blocks"][0]["text"] == "Grüße aus Köln"
    assert (document["meta"]["title"], document["meta"]["source_name"]) == ("plain: Ebcdic", "ebcdic.plain")
    assert len(document["meta"]["source_sha256"]) == 64 and document["meta"]["modified"]


def test_binary_input_to_a_third_party_reader_is_sniffed(site, tmp_path):
    source = tmp_path / "picture.plain"
    source.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    result = cli(site, source, "--to", "json")
    assert result.returncode == 1 and "was not loaded" not in result.stderr
    assert "picture.plain: not a text file (looks like a PNG image)" in result.stderr


def test_the_toolkit_is_exported_from_convert():
    from convert import Diagnostic, InputError, Section, UsageError

    assert Diagnostic("x", "y").level == "warning" and issubclass(InputError, convert.ConvertError)
    assert UsageError.exit_code == 2 and Section.__doc__
    assert convert.decode_source(b"caf\xc3\xa9", convert.ReadContext("a.txt")) == ("café", [])
    text, warnings = convert.decode_source(b"caf\xe9", convert.ReadContext("a.txt"))
    assert text == "café" and warnings[0].code == "encoding-guess"
    ebcdic = convert.ReadContext("a.txt", options={"encoding": "cp500"})
    assert convert.decode_source("é".encode("cp500"), ebcdic)[0] == "é"
    assert convert.is_right_to_left("he") and convert.is_right_to_left("fa-IR") and not convert.is_right_to_left("fr")
    assert convert.clean_text("tab\tkept") == ("tab\tkept", ())
    sections = list(convert.iter_sections(convert.Document(convert.Meta("t"), ())))
    assert sections == [convert.Section(0, None, ())]


def test_importing_convert_stays_light():
    code = ("import sys, convert; heavy = [m for m in ('convert.text.decoding', 'convert.text.cleaning', "
            "'convert.model.walk', 'convert.run.pipeline', 'difflib', 'traceback') if m in sys.modules]; "
            "print(heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


@pytest.mark.parametrize("line", [
    "3. Layoffs by US firms", "12. Twelve", "1.2 Scope", "1.2. Scope", "3.1.4 Pi", "1.2.3.4.5.6.7 Deep",
    "2020. The year", "3 No period", "A. Letter", "Introduction", "1.2.3",
])
def test_the_heading_number_parser_agrees_with_the_text_grammar(line):
    parsed = convert.parse_heading_number(line)
    classified = classify(1, line)
    if classified.kind in (Kind.NUMBERED, Kind.DECIMAL):
        assert (parsed.number, parsed.text) == (classified.marker, classified.body)
        assert parsed.level == min(classified.marker.rstrip(".").count(".") + 1, 6)
    else:
        assert parsed == (None, line, 1)


def test_context_helpers():
    context = convert.ReadContext("my_notes-2.final.wiki")
    assert context.fallback_title == "My notes 2.final"
    option = convert.Option("size", "", type=int, default=3)
    assert convert.Context({"size": "5"}, declared=(option,)).option("size") == 5
    assert convert.Context({}, declared=(option,)).option("size") == 3
    with pytest.raises(ValueError, match="option 'colour' is not declared"):
        convert.Context().option("colour")
