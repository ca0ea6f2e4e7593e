"""Shared fixtures: the seed, an independent word oracle, and a CLI runner."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_fbb78fa2d04dba80.txt"
FIXTURES = ROOT / "tests" / "fixtures"

HOSTILE_TEXT = """\
A title with <script>alert(1)</script> & friends
Plain paragraph with &amp; and ]]> and <!-- comment --> and <b>bold</b> and {{ x }} and %s and a<b.
1. A heading with & and <tags>
Emoji 😀 and 𝄞 (non-BMP), combining e\u0301, Arabic مرحبا, Hebrew שלום, CJK 漢字, Turkish İğçÖ, € – — ‘ ’ “ ” …
*****
- item <one> & more
- item two ]]>
2. Second heading
Last paragraph.
"""


def source_words(path: Path) -> list[str]:
    """The words a reader sees in a plain-text file, computed without our reader:
    scene-break lines and bullet markers are markup, everything else is text."""
    words: list[str] = []
    for line in path.read_text("utf-8-sig").splitlines():
        line = line.strip()
        if not line or set(line) == {"*"}:
            continue
        if line.startswith(("- ", "* ", "• ")):
            line = line[2:]
        words.extend(line.rstrip("*").split())
    return words


def text_words(text: str) -> list[str]:
    return text.split()


def make_corpus(root: Path, count: int = 50) -> Path:
    """``count`` small documents in nested folders, plus one undecodable and one empty file."""
    for index in range(count):
        folder = root / f"group{index % 5}" / ("deep" if index % 2 else "")
        folder.mkdir(parents=True, exist_ok=True)
        lines = [f"Document {index}", f"Opening paragraph of document {index} – “quoted” €."]
        lines += [f"{n}. Headline {n} of {index}\nBody of section {n}, with <tags> & more." for n in range(1, 4)]
        (folder / f"doc{index:02}.txt").write_text("\n".join(lines) + "\n", "utf-8")
    (root / "group0" / "broken.txt").write_bytes(b"Title\nbad \x81\x8d bytes\n")
    (root / "group1" / "empty.txt").write_bytes(b"")
    return root


def run_cli(*args: str, cwd: Path | None = None, env: dict | None = None, check: bool = False):
    """Run ``python -m convert`` as a user would; returns the CompletedProcess."""
    full_env = {**os.environ, **(env or {})}
    result = subprocess.run(
        [sys.executable, "-m", "convert", *map(str, args)],
        cwd=cwd, env=full_env, capture_output=True, text=True,
    )
    if check and result.returncode != 0:
        raise AssertionError(f"convert {' '.join(map(str, args))} failed:\n{result.stderr}")
    return result


@pytest.fixture
def seed(tmp_path: Path) -> Path:
    """A private copy of the seed, so outputs land in a temporary folder."""
    copy = tmp_path / SEED.name
    copy.write_bytes(SEED.read_bytes())
    return copy


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    """A small document full of markup-like text and hard characters."""
    path = tmp_path / "hostile.txt"
    path.write_text(HOSTILE_TEXT, "utf-8")
    return path


@pytest.fixture
def reproducible(monkeypatch):
    """Fix SOURCE_DATE_EPOCH for byte-identical outputs."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01T00:00:00Z
    return "1767225600"


@pytest.fixture(scope="session", autouse=True)
def every_epub_passes_epubcheck(tmp_path_factory):
    """After the whole session, run EPUBCheck over every EPUB any test wrote
    under the session's temporary folder: zero errors and zero warnings."""
    yield
    import epubchecker

    base = tmp_path_factory.getbasetemp()
    books = sorted(base.rglob("*.epub"))
    if not books or not epubchecker.available():
        return
    workdir = tmp_path_factory.mktemp("epubcheck")
    failures = {}
    for book, report in zip(books, epubchecker.reports(books, workdir)):
        if found := epubchecker.problems(report):
            failures[str(book.relative_to(base))] = found
    assert not failures, f"EPUBCheck found problems in {len(failures)} of {len(books)} EPUBs: {failures}"
