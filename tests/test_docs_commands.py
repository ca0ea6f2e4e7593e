"""Every command the documentation shows is run, as a reader would run it.

The fenced ``sh`` blocks of README.md and docs/*.md run line by line in a
temporary folder holding the files they name (``notes.txt``, ``corpus/``,
the seed), with the installed ``convert`` on the PATH; a block's lines share
the folder, so a line may use what the line before wrote.  Each must exit
with 0, unless ``EXPECTED_EXIT`` documents another code.  Commands shown in
plain fenced blocks as ``$ command`` are run too, and the output lines shown
under them (``...`` elides) must appear, in order.

Lines that cannot run here are listed, with the reason, in ``SKIPPED``: the
environment set-up of the README's first two commands is dropped (the test
runs in the environment it would make) and the rest of the line runs; the
example Dask scheduler address is replaced by ``local`` (a cluster on this
machine, for the run).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import ROOT, SEED

DOCUMENTS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]

SETUP_STEPS = re.compile(r"^(python3 -m venv \S+|\. \S+/bin/activate|pip install .*)$")
"""The README's set-up steps, dropped from a line of ``&&``-joined steps."""

SKIPPED = {
    "pip install": "installs from a package index",
    "python -m pytest": "runs this test suite itself",
    "dask scheduler": "starts a Dask scheduler that runs until stopped",
    "dask worker": "starts a Dask worker that needs a running scheduler",
    "benchmarks/bench.py": "the benchmark takes minutes; it is run by hand",
    "benchmarks/structure.py": "scores the corpus in the repository, or times minutes of stress input; run by hand",
    "benchmarks/languages.py": "scores the corpus in the repository; tests/test_language.py holds it to its score",
    "notes.wiki": "needs the tutorial's plugin installed: tests/test_plugin_docs.py runs it with the plugin",
}
"""A substring of a command, and why a command containing it is not run here."""

SUBSTITUTIONS = {"--scheduler tcp://scheduler.example:8786": "--scheduler local -j 2"}
"""Names in the documentation that stand for something on the reader's machine."""

EXPECTED_EXIT: dict[str, int] = {}
"""A command, and the exit code the documentation gives it when not 0."""


def make_fixtures(folder: Path) -> None:
    """The files the documentation's examples name, made from the seed."""
    seed = SEED.read_bytes()
    for name in ("notes.txt", f"seeds/{SEED.name}", "corpus/letters/notes.txt", "corpus/reports/digest.txt",
                 "archive/2025/notes.txt"):
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(seed)
    markdown = ROOT / "corpus" / "markdown"
    for name, source in (("README.md", "22_axios-MIGRATION_GUIDE.md"), ("CHANGES.md", "30_markdownlint-CHANGELOG.md"),
                         ("docs/guide.md", "03_markdown-README.md")):
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes((markdown / source).read_bytes())


@dataclass
class Command:
    text: str
    line: int
    shown_output: list[str]
    """For ``$ command`` transcripts: the output lines shown, ``...`` for elided ones."""


@dataclass
class Block:
    document: Path
    line: int
    commands: list[Command]

    @property
    def name(self) -> str:
        return f"{self.document.relative_to(ROOT)}:{self.line}"


def fenced_blocks(document: Path) -> list[tuple[str, int, list[str]]]:
    """(language, line of the opening fence, lines) of each fenced block."""
    blocks, current = [], None
    for number, line in enumerate(document.read_text("utf-8").splitlines(), 1):
        fence = re.match(r"\s*```(\w*)", line)
        if fence and current is None:
            current = (fence.group(1), number, [])
        elif fence:
            blocks.append(current)
            current = None
        elif current is not None:
            current[2].append(line)
    return blocks


def shell_commands(start: int, lines: list[str]) -> list[Command]:
    """The commands of an ``sh`` block: one per line, ``\\`` continuations joined."""
    commands, pending, first = [], "", 0
    for offset, line in enumerate(lines, 1):
        if not pending:
            first = start + offset
        pending += line.strip()
        if pending.endswith("\\"):
            pending = pending[:-1] + " "
            continue
        if pending and not pending.startswith("#"):
            commands.append(Command(pending, first, []))
        pending = ""
    return commands


def transcript_commands(start: int, lines: list[str]) -> list[Command]:
    """The ``$ command`` lines of a plain block, each with the output shown under it."""
    commands: list[Command] = []
    for offset, line in enumerate(lines, 1):
        if line.startswith("$ "):
            commands.append(Command(line[2:].strip(), start + offset, []))
        elif commands:
            commands[-1].shown_output.append(line)
    return commands


def documented_blocks() -> list[Block]:
    found = []
    for document in DOCUMENTS:
        for language, line, lines in fenced_blocks(document):
            if language == "sh":
                commands = shell_commands(line, lines)
            elif language in ("", "console"):
                commands = transcript_commands(line, lines)
            else:
                continue
            if commands:
                found.append(Block(document, line, commands))
    return found




def runnable(command: str) -> str:
    """The command as run here: the README's environment set-up steps dropped
    (a set-up step alone is kept, to be skipped), names substituted."""
    steps = [step.strip() for step in command.split(" && ")]
    while len(steps) > 1 and SETUP_STEPS.match(steps[0]):
        steps.pop(0)
    command = " && ".join(steps)
    for documented, here in SUBSTITUTIONS.items():
        command = command.replace(documented, here)
    return command


def skip_reason(command: str) -> str | None:
    return next((reason for marker, reason in SKIPPED.items() if marker in command), None)


def shell_environment(home: Path) -> dict[str, str]:
    """This interpreter's ``convert`` first on the PATH; a private home folder."""
    scripts = Path(sys.executable).parent
    return {**os.environ, "PATH": f"{scripts}{os.pathsep}{os.environ.get('PATH', '')}", "HOME": str(home)}


def run_shell(command: str, folder: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(["bash", "-o", "pipefail", "-c", command], cwd=folder, env=env,
                          capture_output=True, text=True, timeout=600)


def appears_in_order(shown: list[str], output: str) -> list[str]:
    """The shown lines missing from ``output`` (in order, spaces compared loosely)."""
    actual = [" ".join(line.split()) for line in output.splitlines()]
    position, missing = 0, []
    for line in shown:
        wanted = " ".join(line.split())
        if not wanted or wanted == "...":
            continue
        try:
            position = actual.index(wanted, position) + 1
        except ValueError:
            missing.append(line)
    return missing


BLOCKS = documented_blocks()
RUNNABLE = [block for block in BLOCKS if any(not skip_reason(runnable(c.text)) for c in block.commands)]


def test_the_documentation_has_commands():
    names = {block.document.name for block in BLOCKS}
    assert {"README.md", "model.md", "plain-text.md"} <= names
    assert sum(len(block.commands) for block in BLOCKS) >= 15


def test_every_skip_is_still_needed():
    """A skip that no documented command needs any more is removed."""
    commands = [runnable(command.text) for block in BLOCKS for command in block.commands]
    unused = [marker for marker in SKIPPED if not any(marker in command for command in commands)]
    assert not unused, f"no documented command needs these skips any more: {unused}"


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")
@pytest.mark.parametrize("block", RUNNABLE, ids=[block.name for block in RUNNABLE])
def test_documented_commands_work(block: Block, tmp_path: Path):
    folder = tmp_path / "work"
    folder.mkdir()
    make_fixtures(folder)
    env = shell_environment(tmp_path / "home")
    (tmp_path / "home").mkdir()
    for command in block.commands:
        text = runnable(command.text)
        if skip_reason(text):
            continue
        if "--executor dask" in text:
            pytest.importorskip("distributed", reason="Dask is not installed (pip install 'convert-text[dask]')")
        result = run_shell(text, folder, env)
        expected = EXPECTED_EXIT.get(text, 0)
        assert result.returncode == expected, (
            f"{block.document.name} line {command.line}: `{text}` exited with {result.returncode}, "
            f"documented {expected}:\n{result.stderr}"
        )
        assert "Traceback" not in result.stderr
        missing = appears_in_order(command.shown_output, result.stdout)
        assert not missing, f"{block.document.name} line {command.line}: output shown but not printed: {missing}"
