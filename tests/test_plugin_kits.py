"""The three conformance kits (issue 17, problem 10): usable without the
installed plugins, one clear failure for an unknown name, and they catch a
plugin that breaks its contract."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap

from plugin_helpers import HEADER
from test_plugin_docs import tutorial_files

BROKEN = HEADER + '''
def read(data, context):
    return ReadResult(Document(Meta("t"), [Paragraph("listed", (1, 1))]))

def shout(document, context):
    return None

def write(document, stream, context):
    return document.meta.title.encode()

@hookimpl
def register_input_formats(register):
    register(InputFormat("broken", (".broken",), "returns a list of blocks", read))

@hookimpl
def register_transforms(register):
    register(Transform("shout", "returns nothing", shout))

@hookimpl
def register_output_formats(register):
    register(OutputFormat("brokenout", ".bout", "text/plain", "returns its bytes", write))
'''

KITS = '''
from convert.testing import ReaderConformance, TransformConformance, WriterConformance

class TestTypo(WriterConformance):
    format_name = "jsn"

class TestTypoInModule(ReaderConformance):
    format_name = "brokn"
    plugin = "brokenplugin"

class TestMissingModule(TransformConformance):
    transform_name = "x"
    plugin = "no_such_plugin_module"

class TestBrokenReader(ReaderConformance):
    format_name = "broken"
    plugin = "brokenplugin"
    samples = {"a.broken": b"text"}

class TestBrokenTransform(TransformConformance):
    transform_name = "shout"
    plugin = "brokenplugin"

class TestBrokenWriter(WriterConformance):
    format_name = "brokenout"
    plugin = "brokenplugin"
'''


def pytest_in(folder, *paths):
    env = {**os.environ, "PYTHONPATH": str(folder)}
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-rf", *paths],
                          cwd=folder, capture_output=True, text=True, env=env)


def test_unknown_names_fail_once_and_broken_plugins_are_caught(tmp_path):
    (tmp_path / "brokenplugin.py").write_text(textwrap.dedent(BROKEN), "utf-8")
    (tmp_path / "test_kits.py").write_text(KITS, "utf-8")
    result = pytest_in(tmp_path, "test_kits.py")
    out = result.stdout
    assert result.returncode == 1
    for name in ("TestTypo", "TestTypoInModule", "TestMissingModule"):
        assert len(re.findall(rf"FAILED test_kits.py::{name}::", out)) == 1, out[-3000:]
        assert f"FAILED test_kits.py::{name}::test_plugin_is_available" in out
    assert "format_name = 'jsn': unknown output format 'jsn' (did you mean 'json'?)" in out
    assert "format_name = 'brokn': unknown input format 'brokn' (did you mean 'broken'?)" in out
    assert "No module named 'no_such_plugin_module'" in out
    assert ("broken reader (plugin 'brokenplugin') broke its contract: read() returned an invalid document: "
            "blocks: expected a tuple of blocks, got list") in out
    assert "shout transform (plugin 'brokenplugin') broke its contract: apply() returned None" in out
    assert "brokenout writer (plugin 'brokenplugin') broke its contract: write() returned a bytes" in out


def test_kits_test_a_plugin_that_is_not_installed(tmp_path):
    """The tutorial's package, on the path but not installed: no entry point
    finds it, and its three kits pass all the same."""
    for name, code in tutorial_files().items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(code, "utf-8")
    listed = subprocess.run([sys.executable, "-m", "convert", "--list-plugins"], capture_output=True, text=True,
                            env={**os.environ, "PYTHONPATH": str(tmp_path)}).stdout
    assert "wiki" not in listed
    result = pytest_in(tmp_path, "tests")
    assert result.returncode == 0, result.stdout[-3000:]
    passed = int(re.search(r"(\d+) passed", result.stdout)[1])
    assert passed >= 40 and "failed" not in result.stdout
