"""Every hook result is checked; every conflict is explicit (issue 17,
problems 1 to 4 and 8).  A plugin's mistake is a failed input naming that
plugin, never a crash, never blamed on another plugin."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from convert.errors import UsageError
from convert.plugin.contracts import PluginError
from convert.plugin.loader import registry_from_modules
from convert.run.pipeline import Settings, Source, read_source

from plugin_helpers import GOOD_WRITER, cli, install, load, reader, transform, writer

MARKDOWN = (
    "return ReadResult(Document(Meta(title='md by {who}'), (Paragraph(decode_source(data, context)[0], (1, 1)),)))"
)


@pytest.fixture
def site(tmp_path):
    folder = tmp_path / "site"
    folder.mkdir()
    yield folder
    if str(folder) in sys.path:
        sys.path.remove(str(folder))


@pytest.fixture
def readme(tmp_path):
    path = tmp_path / "README.md"
    path.write_text("# Hello\n", "utf-8")
    return path


# 1. Two readers claiming one extension

def test_two_readers_for_one_extension_is_a_usage_error_naming_both(site, readme):
    install(site, "mdone", reader("md", ".MD", MARKDOWN.format(who="one")))  # extensions compare in lower case
    for args in ((readme, "--to", "json"), (readme, "--inspect")):
        result = cli(site, *args)
        assert result.returncode == 2, result.stderr
        assert ("'.md' files are claimed by 2 input formats, markdown (plugin 'markdown_reader') and md "
                "(plugin 'mdone'); choose one with --from markdown@markdown_reader or --from md@mdone") in result.stderr
    assert not readme.with_suffix(".json").exists()
    chosen = cli(site, readme, "--to", "json", "--from", "md@mdone")
    assert chosen.returncode == 0, chosen.stderr
    assert json.loads(readme.with_suffix(".json").read_text("utf-8"))["meta"]["title"] == "md by one"
    builtin = cli(site, readme, "--to", "json", "-o", readme.with_suffix(".b.json"), "--from", "markdown")
    assert builtin.returncode == 0, builtin.stderr


# 2. Outputs landing on one path

def test_two_formats_writing_one_path_are_refused_before_anything_is_written(site, seed, tmp_path):
    install(site, "clash", writer("epub", ".epub", "stream.write(b'not an epub')"))
    out = tmp_path / "o5"
    result = cli(site, seed, "--to", "epub@epub", "--to", "epub@clash", "-o", out, "--report", tmp_path / "r.json")
    assert result.returncode == 2
    assert f"--to epub@epub and --to epub@clash would both be written to {out / seed.with_suffix('.epub').name}" \
        in result.stderr
    assert not out.exists() and not (tmp_path / "r.json").exists()


def test_one_format_given_twice_is_written_once(seed, tmp_path):
    report = tmp_path / "r.json"
    result = cli(tmp_path, seed, "--to", "json", "--to", "json", "-o", tmp_path / "out", "--report", report)
    assert result.returncode == 0, result.stderr
    (entry,) = json.loads(report.read_text("utf-8"))["inputs"]
    assert [output["format"] for output in entry["outputs"]] == ["json"]


# 3. Hook results are checked

def test_a_reader_returning_none_fails_its_input_and_the_batch_goes_on(site, tmp_path):
    install(site, "nonereader", reader("none", ".none", "return None"))
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.none").write_text("anything\n")
    (folder / "b.txt").write_text("Title\n\nA paragraph.\n")
    report = tmp_path / "report.json"
    result = cli(site, folder, "--to", "json", "-o", tmp_path / "out", "-j", "1", "--report", report)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    entries = {Path(entry["input"]).name: entry for entry in json.loads(report.read_text("utf-8"))["inputs"]}
    assert entries["b.txt"]["status"] == "ok"
    assert entries["a.none"]["status"] == "failed"
    assert entries["a.none"]["error"].endswith(
        "a.none: none reader (plugin 'nonereader') broke its contract: read() returned None, not a convert.ReadResult")


def test_a_transform_returning_none_is_blamed_on_the_transform(site, seed):
    install(site, "badtransform", transform("forget", "return None"))
    result = cli(site, seed, "--to", "json", "--transform", "forget")
    assert result.returncode == 1
    assert ("forget transform (plugin 'badtransform') broke its contract: apply() returned None, "
            "not a convert.Document") in result.stderr
    assert "writer" not in result.stderr and "Traceback" not in result.stderr


def test_a_writer_returning_its_bytes_fails_that_output_only(site, seed, tmp_path):
    install(site, "returner", writer("ret", ".ret", "return b'data'"))
    result = cli(site, seed, "--to", "ret", "--to", "json", "-o", tmp_path / "out")
    assert result.returncode == 1
    assert "ret writer (plugin 'returner') broke its contract: write() returned a bytes" in result.stderr
    assert [p.suffix for p in (tmp_path / "out").iterdir()] == [".json"]


BROKEN_READERS = {
    "a dict": ("return {'document': None}", "read() returned a dict ({'document': None}), not a convert.ReadResult"),
    "no document": ("return ReadResult('text')", "ReadResult whose document is a str ('text')"),
    "a list of blocks": (
        "return ReadResult(Document(Meta('t'), [Paragraph('p', (1, 1))]))",
        "invalid document: blocks: expected a tuple of blocks, got list"),
    "heading level 7": (
        "return ReadResult(Document(Meta('t'), (Heading(7, 'deep', None, (1, 1)),)))",
        "invalid document: blocks[0] (heading).level: must be 1 to 6, got 7"),
    "a foreign node": (
        "return ReadResult(Document(Meta('t'), ('just text',)))", "invalid document: blocks[0]: not a block node: str"),
    "a list item outside a list": (
        "return ReadResult(Document(Meta('t'), (paragraph_item('x'),)))",
        "invalid document: blocks[0]: not a block node: ListItem"),
    "bytes text": (
        "return ReadResult(Document(Meta('t'), (Paragraph(b'x', (1, 1)),)))",
        "invalid document: blocks[0] (paragraph).text: expected text, got bytes"),
    "a span range outside its text": (
        "return ReadResult(Document(Meta('t'), (Paragraph('four', (1, 1), (Span(2, 9, 'strong'),)),)))",
        "invalid document: blocks[0] (paragraph).spans[0]: range 2..9 is outside the text (length 4)"),
    "a list without items": (
        "return ReadResult(Document(Meta('t'), (ListBlock('bullet', (), 1, (1, 1)),)))",
        "invalid document: blocks[0] (list).items: a list needs at least one item"),
    "source lines beyond the source": (
        "return ReadResult(Document(Meta('t'), (Paragraph('x', (3, 9)),)))",
        "invalid document: blocks[0].lines (3, 9) goes beyond the source's 3 lines"),
    "nested source lines beyond the source": (
        "return ReadResult(Document(Meta('t'), (Quotation((ListBlock('bullet', "
        "(paragraph_item('x', None, (2, 5)),), 1, (2, 2)),), None, (1, 2)),)))",
        "invalid document: blocks[0].blocks[0].items[0].lines (2, 5) goes beyond the source's 3 lines"),
    "reversed source lines": (
        "return ReadResult(Document(Meta('t'), (Paragraph('x', (2, 1)),)))",
        "invalid document: blocks[0].lines is (2, 1): source lines count from 1, first <= last"),
    "source lines from 0": (
        "return ReadResult(Document(Meta('t'), (Paragraph('x', (0, 1)),)))",
        "invalid document: blocks[0].lines is (0, 1)"),
    "a title that is not text": (
        "return ReadResult(Document(Meta(None), ()))", "invalid document: meta.title: expected text, got NoneType"),
    "warnings of strings": (
        "return ReadResult(Document(Meta('t'), ()), ['careful'])",
        "ReadResult.warnings must be a list of convert.Diagnostic"),
}


@pytest.mark.parametrize("case", sorted(BROKEN_READERS))
def test_every_broken_reader_result_is_named(site, case):
    body, expected = BROKEN_READERS[case]
    install(site, "broken", reader("broken", ".broken", body))
    registry = registry_from_modules(load(site, "broken"))
    with pytest.raises(PluginError) as caught:
        read_source(Source("x.broken", b"one\ntwo\n", ""), registry, Settings(formats=()))
    message = str(caught.value)
    assert message.startswith("x.broken: broken reader (plugin 'broken') broke its contract: "), message
    assert expected in message
    assert "\n" not in message


def test_a_crashing_reader_is_a_failed_input_naming_it(site):
    install(site, "crashing", reader("crash", ".crash", "raise KeyError('x')"))
    registry = registry_from_modules(load(site, "crashing"))
    with pytest.raises(PluginError, match=r"^y\.crash: crash reader \(plugin 'crashing'\) failed: KeyError: 'x'$"):
        read_source(Source("y.crash", b"text", ""), registry, Settings(formats=()))


def test_generated_nodes_and_reader_provenance(site):
    """(0, 0) spans are allowed; the core fills the provenance a reader leaves out."""
    install(site, "minimal", reader("minimal", ".min", "return ReadResult(Document(Meta('t'), (SceneBreak(),)))"))
    registry = registry_from_modules(load(site, "minimal"))
    result = read_source(Source("z.min", b"x", "2026-01-01T00:00:00Z"), registry, Settings(formats=()))
    meta = result.document.meta
    assert (meta.source_name, meta.modified) == ("z.min", "2026-01-01T00:00:00Z")
    assert meta.source_sha256 == Source("z.min", b"x", "").sha256


# 4. Text added by a transform is cleaned

def test_text_a_transform_adds_is_cleaned_and_the_warning_names_it(site, seed, tmp_path):
    install(site, "escaper", transform("escape", """
        import dataclasses
        return dataclasses.replace(document, blocks=document.blocks + (Paragraph('ESC\\x1b here', (0, 0)),))
    """))
    target = tmp_path / "out.json"
    result = cli(site, seed, "--to", "json", "-T", "escape", "-o", target)
    assert result.returncode == 0, result.stderr
    data = target.read_text("utf-8")
    assert "\\u001b" not in data and "\x1b" not in data
    assert json.loads(data)["blocks"][-1]["text"] == "ESC here"
    assert "U+001B (after escape transform (plugin 'escaper'))" in result.stderr


def test_the_cleaning_rule_is_public():
    from convert import clean_text

    assert clean_text("a\x1bb\x0cc") == ("ab c", ("\x0c", "\x1b"))


# 8. Plugin names are one namespace

def test_two_distributions_with_one_plugin_name_give_one_line_naming_both(site, seed):
    install(site, "first_impl", GOOD_WRITER.format(fmt="first"), dist="first-dist", entry="dupe")
    install(site, "second_impl", GOOD_WRITER.format(fmt="second"), dist="second-dist", version="2.0", entry="dupe")
    result = cli(site, seed, "--to", "json")
    assert result.returncode == 0
    lines = [line for line in result.stderr.splitlines() if "dupe" in line]
    assert lines == [
        "convert: warning: plugin 'dupe' (first_impl, second_impl) was not loaded: the plugin name 'dupe' is "
        "used by 2 distributions, first-dist 1.0 and second-dist 2.0; neither is loaded: uninstall one, "
        "or rename its entry point"
    ]
    assert "already registered" not in result.stderr
    listing = json.loads(cli(site, "--list-plugins", "--json").stdout)
    (problem,) = listing["problems"]
    assert (problem["plugin"], problem["reason"]) == ("dupe", "duplicate-name")


def test_a_name_two_plugins_offer_must_be_chosen_with_a_known_plugin(site, seed):
    install(site, "other_json", GOOD_WRITER.format(fmt="json"))
    result = cli(site, seed, "--to", "json@jsn")
    assert result.returncode == 2
    assert "no plugin 'jsn' provides output format 'json' (did you mean 'json'?)" in result.stderr


def test_unknown_reader_choice_is_a_usage_error():
    registry = registry_from_modules(__import__("convert_plugins.json", fromlist=["x"]))
    with pytest.raises(UsageError, match="plain-text reader 'text' is not loaded"):
        registry.reader_for("notes.txt")
