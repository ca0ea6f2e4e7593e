"""docs/plugins.md works as written: every code block is run.

The tutorial's files (blocks whose first line names a file, or whose info
string does, ```` ```wiki notes.wiki ````) are built into a package and
installed with pip into a private folder; its shell block is run there
(``pip install`` is what this test just did); its conformance kits are run
with pytest.  Every other Python block is executed on its own, and each hook
it defines is called.
"""

from __future__ import annotations

import json
import re
import shlex
import subprocess
import sys
from html.parser import HTMLParser

import pytest

from convert import InputFormat, OutputFormat, Transform

from conftest import ROOT, run_cli

DOC = ROOT / "docs" / "plugins.md"
_FENCE = re.compile(r"^```(\w*)([^\n]*)\n(.*?)^```$", re.M | re.S)
_FILE_COMMENT = re.compile(r"# ([\w./-]+\.(?:py|toml))\n")


def blocks() -> list[tuple[str, str, str]]:
    """(language, file name or "", code) for every fenced block of the page."""
    found = []
    for language, info, code in _FENCE.findall(DOC.read_text("utf-8")):
        name = info.strip()
        if not name and (comment := _FILE_COMMENT.match(code)):
            name = comment[1]
        found.append((language, name, code))
    return found


def tutorial_files() -> dict[str, str]:
    return {name: code for language, name, code in blocks() if name and language != "text"}


@pytest.fixture(scope="module")
def package(tmp_path_factory):
    """The tutorial's package, written from the page and pip-installed into a folder."""
    base = tmp_path_factory.mktemp("docs-plugin")
    project = base / "convert-text-wiki"
    for name, code in tutorial_files().items():
        path = project / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(code, "utf-8")
    site = base / "site"
    install = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(site), str(project)],
        capture_output=True, text=True,
    )
    assert install.returncode == 0, f"the tutorial's package does not install:\n{install.stderr}"
    return project, site


def test_every_block_is_a_file_a_command_or_a_runnable_snippet():
    kinds = {language for language, _, _ in blocks()}
    assert kinds <= {"python", "toml", "sh", "text", "wiki"}, kinds
    files = tutorial_files()
    assert {"pyproject.toml", "notes.wiki", "tests/test_conformance.py", "convert_text_wiki/__init__.py"} <= set(files)
    assert all(name == "pyproject.toml" for language, name, _ in blocks() if language == "toml")


def test_the_tutorial_package_installs_and_is_listed(package):
    _, site = package
    listing = json.loads(run_cli("--list-plugins", "--json", env={"PYTHONPATH": str(site)}).stdout)
    wiki = next(plugin for plugin in listing["plugins"] if plugin["name"] == "wiki")
    assert (wiki["package"], wiki["version"], wiki["source"]) == ("convert-text-wiki", "0.1.0", "installed package")
    provides = (wiki["input_formats"], wiki["output_formats"], wiki["transforms"])
    assert provides == (["wiki"], ["html"], ["number-headings"])
    assert listing["problems"] == []


def test_the_shell_commands_run(package):
    project, site = package
    (shell,) = [code for language, _, code in blocks() if language == "sh"]
    commands = [line for line in shell.splitlines() if line.strip()]
    assert commands[0].startswith("pip install ./convert-text-wiki")  # done by the fixture
    for command in commands[1:]:
        words = shlex.split(command)
        assert words[0] == "convert"
        result = run_cli(*words[1:], cwd=project, env={"PYTHONPATH": str(site)})
        assert result.returncode == 0, f"{command}:\n{result.stderr}"
    page = (project / "notes.html").read_text("utf-8")
    assert _visible(page).split() == (
        "Field notes Field notes Arrival We came by <boat> & train. tents maps 2. Later The end.".split()
    )
    numbered = _visible((project / "numbered.html").read_text("utf-8"))
    assert "3. Arrival" in numbered and "2. Later" in numbered  # numbered from 3; "2." was already there
    assert 'href="style.css"' in (project / "numbered.html").read_text("utf-8")
    assert (project / "out" / "notes.epub").is_file() and (project / "out" / "notes.html").is_file()


def test_the_conformance_kits_pass(package):
    project, site = package
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests"],
        cwd=project, capture_output=True, text=True, env={**_environ(), "PYTHONPATH": str(site)},
    )
    assert result.returncode == 0, result.stdout[-3000:]
    assert re.search(r"\b\d\d passed", result.stdout), result.stdout[-500:]


def test_every_snippet_runs_and_its_hooks_register_valid_things():
    snippets = [code for language, name, code in blocks() if language == "python" and not name]
    assert len(snippets) >= 4
    registered = []
    for code in snippets:
        namespace: dict = {}
        exec(compile(code, str(DOC), "exec"), namespace)
        for name, hook in namespace.items():
            if name.startswith("register_"):
                hook(registered.append)
    kinds = {type(item) for item in registered}
    assert kinds == {InputFormat, OutputFormat, Transform}
    inputs = {ext for item in registered if isinstance(item, InputFormat) for ext in item.extensions}
    outputs = {item.extension for item in registered if isinstance(item, OutputFormat)}
    assert not inputs & (outputs | {".txt", ".text", ".json"}), "an example output would overwrite its input"


def _visible(page: str) -> str:
    parser = HTMLParser()
    found: list[str] = []
    parser.handle_data = found.append
    parser.feed(page)
    return " ".join(found)


def _environ() -> dict:
    import os

    return dict(os.environ)
