"""Declared options: checked before anything is read, scoped with
``NAME.KEY``, listed, and documented from the declarations."""

from __future__ import annotations

import io
import json
import zipfile

import pytest

import convert
from convert.errors import UsageError
from convert.plugin.loader import load_registry
from convert.plugin.options import Option, check_pairs, options_for

from conftest import ROOT
from plugin_helpers import cli, install, writer

ECHO = "import json\nstream.write(json.dumps(dict(context.options), sort_keys=True).encode())"
SHARED = '(Option("mode", "a mode", choices=("a", "b"), default="a"), Option("size", "a size", type=int, default=1))'


@pytest.fixture
def site(tmp_path):
    folder = tmp_path / "site"
    folder.mkdir()
    install(folder, "one", writer("one", ".one", ECHO, SHARED))
    install(folder, "two", writer("two", ".two", ECHO, SHARED))
    return folder


def test_unscoped_options_go_to_every_declarer_and_scoped_ones_to_one(site, seed, tmp_path):
    out = tmp_path / "out"
    result = cli(site, seed, "--to", "one", "--to", "two", "-o", out, "-O", "mode=b", "-O", "two.mode=a",
                 "-O", "one.size=7", "-O", "paragraphs=lines")
    assert result.returncode == 0, result.stderr
    name = seed.stem
    assert json.loads((out / f"{name}.one").read_text()) == {"mode": "b", "size": "7"}
    assert json.loads((out / f"{name}.two").read_text()) == {"mode": "a"}


@pytest.mark.parametrize("option, message", [
    ("one.mood=b", "-O one.mood: one has no option 'mood' (did you mean 'mode'?); its options: mode, size"),
    ("on.mode=b", "-O on.mode: nothing named 'on' is used in this run (did you mean 'one'?)"),
    ("size=big", "-O size='big' is not a whole number"),
    ("two.mode=c", "-O mode='c' is not one of: a, b"),
])
def test_bad_scoped_options_are_usage_errors(site, seed, option, message):
    result = cli(site, seed, "--to", "one", "--to", "two", "-O", option)
    assert result.returncode == 2 and message in result.stderr, result.stderr


def test_builtin_declarations_reach_the_writers(seed, tmp_path):
    out = tmp_path / "out"
    result = cli(tmp_path, seed, "--to", "epub", "--to", "docx", "-o", out, "-O", "epub.toc_title=Inhalt",
                 "-O", "toc=no", "-O", "text.paragraphs=lines")
    assert result.returncode == 0, result.stderr
    with zipfile.ZipFile(out / seed.with_suffix(".epub").name) as book:
        nav = next(book.read(name).decode() for name in book.namelist() if name.endswith("nav.xhtml"))
    assert "<title>Inhalt</title>" in nav
    with zipfile.ZipFile(out / seed.with_suffix(".docx").name) as document:
        assert "TOC \\o" not in document.read("word/document.xml").decode()
    with zipfile.ZipFile(io.BytesIO(convert.render(convert.read_file(seed).document, "docx"))) as document:
        assert "TOC \\o" in document.read("word/document.xml").decode()  # the default has one


def test_values_are_checked_for_readers_too(seed, tmp_path):
    result = cli(tmp_path, seed, "--to", "json", "-O", "paragraphs=sideways")
    assert result.returncode == 2
    assert "-O paragraphs='sideways' is not one of: auto, lines, wrapped" in result.stderr


def test_option_types():
    assert Option("n", "", type=int).parse(" 12 ") == 12
    assert Option("x", "", type=float).parse("1.5") == 1.5
    assert [Option("b", "", type=bool).parse(v) for v in ("Yes", "on", "1", "false", "OFF", "0")] == [
        True, True, True, False, False, False]
    with pytest.raises(UsageError, match="is not one of: yes, no"):
        Option("b", "", type=bool).parse("maybe")
    with pytest.raises(ValueError, match="must be lower case"):
        Option("Page.Size", "")
    with pytest.raises(ValueError, match="type must be str, int, float or bool"):
        Option("x", "", type=list)


def test_options_for_filters_to_the_declared_keys():
    declared = (Option("mode", ""),)
    pairs = (("mode", "a"), ("size", "2"), ("one.mode", "b"), ("two.mode", "c"))
    assert options_for(pairs, "one", declared) == {"mode": "b"}
    assert options_for(pairs, "three", declared) == {"mode": "a"}
    assert options_for(pairs, "one", ()) == {}
    check_pairs([("mode", "a")], {"one": list(declared)})
    with pytest.raises(UsageError, match="unknown option -O size"):
        check_pairs([("size", "2")], {"one": list(declared)})


def test_a_writer_declaring_a_bad_option_is_not_loaded(tmp_path, seed):
    site = tmp_path / "site"
    site.mkdir()
    install(site, "badoption", writer("bo", ".bo", "pass", '("page_size",)'))
    result = cli(site, seed, "--to", "json")
    assert ("plugin 'badoption' (badoption) was not loaded: register_output_formats raised TypeError: "
            "output format 'bo': options must be convert.Option objects, got 'page_size'") in result.stderr


def test_docs_options_md_is_generated_from_the_declarations():
    from convert.cli.listing import options_markdown

    expected = options_markdown(load_registry(environ={}))
    assert (ROOT / "docs" / "options.md").read_text("utf-8") == expected, (
        "docs/options.md is out of date: python -m convert.cli.listing > docs/options.md")
    for name in ("page_size", "toc", "toc_title", "paragraphs", "colophon_heading"):
        assert f"| `{name}` |" in expected
